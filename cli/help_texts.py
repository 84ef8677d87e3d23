"""`apmon --help` in the reader's language: Serbian (Latin) unless `--lang` or $APMON_LANG says otherwise.

The commands and options are written with their English help (the source, and what the tests and the docs quote);
each text is looked up in schemas.messages_help when a command starts, and the Cyrillic derived from the Latin. The
few words of the command-line library itself (Usage, Options, "Show this message and exit.") stay as it prints
them: typer bundles its own copy of click, with those words fixed in English.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from apmon.schemas.text import Lang

LANG_ENV = "APMON_LANG"
# schemas.text.LANGS, written out: importing it would load pydantic, which the Latin help never needs
HELP_LANGS: tuple[Lang, ...] = ("sr-Latn", "sr-Cyrl", "en")


def help_language(args: Sequence[str], environ: Mapping[str, str]) -> Lang:
    """The language of the help: a valid `--lang` on the command line, else a valid $APMON_LANG, else sr-Latn."""
    given = [value for arg, value in pairwise(args) if arg == "--lang"]
    given += [arg.removeprefix("--lang=") for arg in args if arg.startswith("--lang=")]
    wanted = [*given, environ.get(LANG_ENV, "")]
    return next((lang for value in wanted for lang in HELP_LANGS if value == lang), "sr-Latn")


def localize(command: Any, lang: Lang) -> None:
    """Every help text of `command` (a command built by typer.main.get_command) and of the commands and options
    under it, in `lang`; a text the table lacks stays in English."""
    if lang == "en":
        return
    from apmon.schemas.messages_help import HELP_TEXTS

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
        for sub in getattr(found, "commands", {}).values():
            walk(sub)

    walk(command)
