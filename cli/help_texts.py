"""`apmon --help`, and the command-line library's own words, in the reader's language.

The commands and options are written with their English help (the source, and what the tests and the docs quote);
each text is looked up in schemas.messages_help when a command starts, and the Cyrillic derived from the Latin. The
words of the command-line library itself (Usage, Options, "Show this message and exit.", `<int>`) are said through a
help formatter of apmon's own: typer bundles its own copy of click, with those words fixed in English.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from apmon.schemas.text import Lang

LANG_ENV = "APMON_LANG"
DEFAULT_CONFIG_NAME = "apmon.toml"  # sync.config's, written out: that module loads pydantic
# schemas.text.LANGS, written out: importing it would load pydantic, which the Latin help never needs
HELP_LANGS: tuple[Lang, ...] = ("sr-Latn", "sr-Cyrl", "en")


def _option_values(args: Sequence[str], option: str) -> list[str]:
    """The values given to `option` on the command line, as `--option value` or `--option=value`."""
    given = [value for arg, value in pairwise(args) if arg == option]
    return given + [arg.removeprefix(f"{option}=") for arg in args if arg.startswith(f"{option}=")]


def configured_lang(args: Sequence[str]) -> str:
    """The configuration's [sync] master_lang: of the file `--config` names, else of ./apmon.toml; "" when there is
    none or the file cannot be read (the command itself says why, in its turn)."""
    path = Path((_option_values(args, "--config") or [DEFAULT_CONFIG_NAME])[-1])
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""
    chosen = data.get("sync", {}).get("master_lang", "") if isinstance(data.get("sync"), dict) else ""
    return chosen if isinstance(chosen, str) else ""


def help_language(args: Sequence[str], environ: Mapping[str, str]) -> Lang:
    """The language of the help and of the command-line library's errors: a valid `--lang` on the command line, else
    a valid $APMON_LANG, else the configuration's valid [sync] master_lang, else sr-Latn."""
    wanted = [*_option_values(args, "--lang"), environ.get(LANG_ENV, ""), configured_lang(args)]
    return next((lang for value in wanted for lang in HELP_LANGS if value == lang), "sr-Latn")


def words_in(lang: Lang) -> Callable[[str], str]:
    """The lookup of the library's words (schemas.messages_help.LIBRARY_WORDS) in `lang`; other text stays as it is."""
    from apmon.schemas.messages_help import LIBRARY_WORDS

    if lang == "en":
        return lambda english: english
    if lang == "sr-Latn":
        return lambda english: LIBRARY_WORDS.get(english, english)
    from apmon.schemas.text import latin_to_cyrillic  # loads pydantic: only for Cyrillic

    cyrillic = {english: latin_to_cyrillic(latin) for english, latin in LIBRARY_WORDS.items()}
    return lambda english: cyrillic.get(english, english)


def said_context(said: Callable[[str], str]) -> type[typer.Context]:
    """A context whose help formatter says the library's headings, usage prefix, value kinds and [required] with
    `said` (click's HelpFormatter API: write_usage, section, write_dl)."""
    base: Any = typer.Context.formatter_class

    class SaidFormatter(base):  # the bundled click's formatter, found through typer.Context
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, said("Usage: ") if prefix is None else prefix)

        def section(self, name: str) -> Iterator[None]:
            return super().section(said(name))

        def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
            super().write_dl(
                [(_said_term(term, said), _said_extra(text, said)) for term, text in rows], col_max, col_spacing
            )

    class SaidContext(typer.Context):
        formatter_class = SaidFormatter

    return SaidContext


def _said_term(term: str, said: Callable[[str], str]) -> str:
    """`--days <int>` with the kind of value in the reader's words; a kind of two words too (`<int range>`)."""
    name, found, kind = term.partition(" <")
    return f"{name} {said('<' + kind)}" if name and found else term


def _said_extra(text: str, said: Callable[[str], str]) -> str:
    """The library's note after an option's help, `[default: apmon-demo]` or `[required]`, in the reader's words;
    the default's value stays as typed."""
    start = text.rfind("[")
    notes = text[start + 1 : -1].split("; ") if start >= 0 and text.endswith("]") else []
    if not notes or not all(note == "required" or note.startswith("default: ") for note in notes):
        return text
    words = [
        said("[required]")[1:-1] if note == "required" else said("default:") + note[len("default:") :] for note in notes
    ]
    return text[:start] + "[" + "; ".join(words) + "]"


def localize(command: Any, lang: Lang) -> None:
    """Every help text of `command` (a command built by typer.main.get_command) and of the commands and options
    under it, and the library's words in its help pages, in `lang`; a text the table lacks stays in English."""
    if lang == "en":
        return
    from apmon.schemas.messages_help import HELP_TEXTS

    word = words_in(lang)
    context = said_context(word)

    def said(english: str | None) -> str | None:
        latin = HELP_TEXTS.get(english or "")
        if latin is None or lang == "sr-Latn":
            return latin or english
        from apmon.schemas.text import latin_to_cyrillic_template  # loads pydantic: only for Cyrillic

        return latin_to_cyrillic_template(latin)

    def walk(found: Any) -> None:
        found.help = said(found.help)
        for param in found.params:
            if getattr(param, "help", None):
                param.help = said(param.help)
        found.context_class = context
        found.options_metavar = word(found.options_metavar)
        if hasattr(found, "subcommand_metavar"):
            found.subcommand_metavar = word(found.subcommand_metavar)
        helping = found.get_help_option(typer.Context(found))  # made once, then kept by the command
        if helping is not None:
            helping.help = word(helping.help)
        for sub in getattr(found, "commands", {}).values():
            walk(sub)

    walk(command)
