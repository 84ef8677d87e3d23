"""An error a user reads: the catalogue's `key` with its `fields`, said in the reader's language.

`said(lang)` gives the text in a language; str() is English (logs). A field that is itself said (a SaidError, a
Phrase, a Text) is said in the same language, and a list of them is joined with commas. The catalogue is loaded
when such an error is raised, not when its module is imported.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from apmon.schemas.text import Lang, Text


@runtime_checkable
class Sayable(Protocol):
    """Anything said in a language: a SaidError, a Phrase, a reason of another library put in words."""

    def said(self, lang: Lang) -> str: ...


def say(key: str, lang: Lang, fields: dict[str, Any]) -> str:
    from apmon.schemas.messages import text_of

    return text_of(key, lang, **{name: _shown(value, lang) for name, value in fields.items()})


def _shown(value: Any, lang: Lang) -> Any:
    if isinstance(value, list):
        return ", ".join(str(_shown(v, lang)) for v in value)
    if isinstance(value, Text):  # a name the plan or the registry gives in each language
        return value.in_lang(lang)
    return value.said(lang) if isinstance(value, Sayable) else value


class Phrase:
    """A part of a message, said in the language of the whole."""

    def __init__(self, key: str, **fields: Any) -> None:
        self.key, self.fields = key, fields

    def said(self, lang: Lang) -> str:
        return say(self.key, lang, self.fields)


class SaidError(Exception):
    def __init__(self, key: str, **fields: Any) -> None:
        self.key, self.fields = key, fields
        super().__init__(self.said("en"))

    def said(self, lang: Lang) -> str:
        return say(self.key, lang, self.fields)
