"""A mistyped command line (an unknown option, a missing argument, a value of the wrong kind, an extra argument) said
in the reader's language: the command-line library (typer's bundled click) raises its usage errors in English; the
root command catches them and says them in apmon's words (schemas.messages_cli, "usage.*").

Only the errors' public attributes are read (ctx, param, option_name, possibilities, message, exit_code); their kind
is told by class name, as typer's own rich_utils does, since typer exports the classes only under a private module.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from apmon.cli.help_texts import help_language, localize

if TYPE_CHECKING:
    from apmon.schemas.text import Lang

_EXTRA = re.compile(r"Got unexpected extra arguments?(?:\(s\))? \((?P<arguments>.*)\)$")
_NO_COMMAND = re.compile(r"No such command '(?P<command>.*?)'\.")


def _said(key: str, lang: Lang, **fields: Any) -> str:
    from apmon.schemas.messages import text_of

    return text_of(key, lang, **fields)


def _param_name(param: Any) -> str:
    """An option by its names (`--days`), an argument by its name as the help lists it (`files`)."""
    return " / ".join(param.opts) if param.param_type_name == "option" else str(param.name)


def _bad_value(exc: Any, lang: Lang) -> str:
    """A value the option's type refuses: typer checks it with pydantic, whose error names the kind that failed."""
    option = _param_name(exc.param) if exc.param is not None else "?"
    cause = exc.__cause__
    errors = cause.errors() if hasattr(cause, "errors") else []
    kind = errors[0].get("type", "") if errors else ""
    value = errors[0].get("input", "") if errors else ""
    if kind.startswith("int_"):
        return _said("usage.not_whole_number", lang, option=option, value=value)
    if kind.startswith("float_"):
        return _said("usage.not_a_number", lang, option=option, value=value)
    low, high = getattr(exc.param, "min", None), getattr(exc.param, "max", None)
    if kind in ("greater_than_equal", "less_than_equal") and low is not None and high is not None:
        return _said("usage.out_of_range", lang, option=option, value=value, low=low, high=high)
    return _said("usage.bad_value", lang, option=option, value=value)


def _commands(ctx: Any) -> str:
    """The commands of the group whose command was not found."""
    group: Any = getattr(ctx, "command", None)
    return ", ".join(group.list_commands(ctx)) if hasattr(group, "list_commands") else ""


def _as_argument(option: str, ctx: Any, args: Sequence[str]) -> tuple[str, str] | None:
    """For an option that is the name of the command's argument (`apmon deadline --period 2018-07`, as `--period` is
    written to other commands): the argument's name and the command line without the option, else None."""
    name = option.lstrip("-").replace("-", "_")
    params = getattr(getattr(ctx, "command", None), "params", [])
    argument = next((p for p in params if p.param_type_name == "argument" and p.name == name), None)
    if argument is None or option not in [a.split("=", 1)[0] for a in args]:
        return None
    fixed = [a.split("=", 1)[1] if a.startswith(f"{option}=") else a for a in args if a != option]
    return _param_name(argument), shlex.join([ctx.find_root().info_name or "apmon", *fixed])


def usage_message(error: typer.TyperException, lang: Lang, args: Sequence[str] = ()) -> str:
    """What is wrong with the command line, in `lang`: the text after "Error: ". `args`: the command line's
    arguments after the program's name, for what to type instead."""
    exc: Any = error  # a click exception of the kind its class names, with that kind's attributes
    kind, found = type(exc).__name__, exc.format_message()
    ctx = getattr(exc, "ctx", None)
    if kind == "NoSuchOption" and (as_argument := _as_argument(exc.option_name, ctx, args)):
        argument, typed = as_argument
        return _said("usage.option_is_argument", lang, option=exc.option_name, argument=argument, command=typed)
    if kind == "NoSuchOption":
        options = sorted(getattr(exc, "possibilities", None) or [])
        if options:
            return _said("usage.no_such_option_maybe", lang, option=exc.option_name, options=", ".join(options))
        return _said("usage.no_such_option", lang, option=exc.option_name)
    if kind == "MissingParameter" and getattr(exc, "param", None) is not None:
        param = exc.param
        if param.param_type_name == "argument":
            return _said("usage.missing_argument", lang, argument=_param_name(param))
        if getattr(param, "help", None):  # already in `lang`: localize() said it so
            return _said("usage.missing_option_what", lang, option=_param_name(param), what=param.help)
        return _said("usage.missing_option", lang, option=_param_name(param))
    if kind == "BadParameter":
        return _bad_value(exc, lang)
    if kind == "BadOptionUsage":
        option = exc.option_name
        if " requires " in found:
            return _said("usage.needs_value", lang, option=option)
        if "does not take a value" in found:
            return _said("usage.takes_no_value", lang, option=option)
    if extra := _EXTRA.match(found):
        return _said("usage.extra_arguments", lang, arguments=extra["arguments"])
    if command := _NO_COMMAND.match(found):
        return _said("usage.no_such_command", lang, command=command["command"], commands=_commands(ctx))
    if found == "Missing command.":
        return _said("usage.missing_command", lang, commands=_commands(ctx))
    return _said("usage.wrong", lang, detail=found)  # a kind apmon's commands cannot meet: its words, kept


def said_usage_error(exc: typer.TyperException, lang: Lang, args: Sequence[str] = ()) -> str:
    """The whole of what is printed for `exc`: the command's usage line and where to find help, then the Error line
    (as click prints it, in `lang`). A command group typed alone shows its help, as before."""
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError":
        return exc.format_message()
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(_said("usage.try_help", lang, command=f"{ctx.command_path} {ctx.help_option_names[0]}"))
        lines.append("")
    lines.append(_said("cli.error", lang, message=usage_message(exc, lang, args)))
    return "\n".join(lines)


class ApmonGroup(TyperGroup):
    """The `apmon` command: its help and the command-line library's errors in the reader's language
    (help_texts.help_language: --lang, $APMON_LANG, the configuration's master_lang, else Serbian Latin)."""

    lang: Lang = "sr-Latn"
    args: Sequence[str] = ()  # the command line after the program's name, for what to type instead of a mistake

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        self.args = sys.argv[1:] if args is None else list(args)
        self.lang = help_language(self.args, os.environ)
        localize(self, self.lang)
        return super().main(args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra)

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.TyperException as exc:
            raise self._said(exc) from exc

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.TyperException as exc:  # a subcommand's usage error: its context is made here
            raise self._said(exc) from exc

    def _said(self, exc: typer.TyperException) -> typer.Exit:
        typer.echo(said_usage_error(exc, self.lang, self.args), err=True)
        return typer.Exit(getattr(exc, "exit_code", 1))
