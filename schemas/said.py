"""An error a user reads: the catalogue's `key` with its `fields`, said in the reader's language.

`said(lang)` gives the text in a language; str() is English (logs). A field that is itself said (a SaidError, a
Phrase, a Text) is said in the same language, and a list of them is joined with commas. The catalogue is loaded
when such an error is raised, not when its module is imported.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
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


class SaidValueError(SaidError, ValueError):
    """A validator's refusal of a value in a file a person writes (the plan, the configuration...). pydantic takes
    it as any ValueError and keeps it in the error's context, where validation_reason finds it."""


# The catalogue's "invalid." phrase (what is wrong, what is expected) for each of pydantic's error types a person
# meets in a data file (ValidationError.errors()[i]["type"]).
_TYPES_BY_REASON = {
    "missing": ("missing",),
    "extra_forbidden": ("extra_forbidden",),
    "int": ("int_type", "int_parsing", "int_parsing_size"),
    "int_from_float": ("int_from_float",),
    "number": ("float_type", "float_parsing", "decimal_type", "decimal_parsing"),
    "finite_number": ("finite_number",),
    "decimal_max_digits": ("decimal_max_digits",),
    "decimal_max_places": ("decimal_max_places",),
    "decimal_whole_digits": ("decimal_whole_digits",),
    "bool": ("bool_type", "bool_parsing"),
    "string_type": ("string_type",),
    "string_too_short": ("string_too_short",),
    "string_too_long": ("string_too_long",),
    "string_pattern_mismatch": ("string_pattern_mismatch",),
    "too_short": ("too_short",),
    "too_long": ("too_long",),
    "one_of": ("literal_error", "enum"),
    "greater_than": ("greater_than",),
    "greater_than_equal": ("greater_than_equal",),
    "less_than": ("less_than",),
    "less_than_equal": ("less_than_equal",),
    "multiple_of": ("multiple_of",),
    "date": ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"),
    "datetime": ("datetime_type", "datetime_parsing", "datetime_from_date_parsing", "datetime_object_invalid"),
    "time": ("time_type", "time_parsing"),
    "path": ("path_type",),
    "mapping": ("dict_type", "model_type", "model_attributes_type", "dataclass_type"),
    "list": ("list_type", "tuple_type", "set_type", "frozen_set_type"),
    "url": ("url_type", "url_parsing", "url_scheme", "url_syntax_violation"),
}
REASON_BY_TYPE = {kind: reason for reason, kinds in _TYPES_BY_REASON.items() for kind in kinds}


def validation_reason(error: Mapping[str, Any]) -> Sayable | str:
    """What one pydantic validation error (an item of ValidationError.errors()) says is wrong, in the reader's
    language: a validator's SaidValueError, else the catalogue's phrase for its type, else pydantic's own (English)
    words for a type no data file is expected to meet."""
    context = error.get("ctx") or {}
    if isinstance(context.get("error"), Sayable):
        found: Sayable = context["error"]
        return found
    reason = REASON_BY_TYPE.get(str(error.get("type")))
    if reason is None:
        return str(error.get("msg", "")).removeprefix("Value error, ")
    fields = {name: str(value) for name, value in context.items()}
    if reason == "one_of":  # pydantic lists them as "'a', 'b' or 'c'": the "or" would be English
        fields["expected"] = ", ".join(fields.get("expected", "").rsplit(" or ", 1))
    return Phrase(f"invalid.{reason}", **fields)


def phrase_of(said: str, phrases: Iterable[tuple[str | tuple[str, ...], str]]) -> Phrase | str:
    """The catalogue's phrase for a message in another library's English (tomllib, PyYAML, a database driver), by
    the first entry of `phrases` whose words it holds (all of them, for a tuple); the message itself otherwise."""
    for words, key in phrases:
        if all(word in said for word in ((words,) if isinstance(words, str) else words)):
            return Phrase(key)
    return said


def _os_reasons() -> dict[int, str]:
    named = {
        "ENOENT": "not_found",
        "EACCES": "denied",
        "EPERM": "denied",
        "EISDIR": "is_folder",
        "ENOTDIR": "not_folder",
        "ENOSPC": "disk_full",
        "EDQUOT": "disk_full",
        "EROFS": "read_only",
        "EBUSY": "busy",
        "ETXTBSY": "busy",
        "ENAMETOOLONG": "name_too_long",
        "EEXIST": "exists",
        "EIO": "io",
        "EMFILE": "too_many_open",
        "ELOOP": "link",  # a link where a file is read without following links
        "ENFILE": "too_many_open",
    }
    return {getattr(errno, name): reason for name, reason in named.items() if hasattr(errno, name)}  # per platform


_OS_REASONS = _os_reasons()
_WINDOWS_SHARING = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program has the file open


class NotRegularFileError(OSError):
    """A pipe, a device or a socket where a file was expected: read, it could block or never end."""


def os_reason_code(error: OSError) -> str | None:
    """The catalogue's "os." phrase (without the prefix) for why the operating system refused, when it has one. On
    Windows a file another program holds open (Excel) is told as such, not as a permission the user lacks."""
    if getattr(error, "winerror", None) in _WINDOWS_SHARING:
        return "busy"
    if isinstance(error, NotRegularFileError):
        return "not_regular"
    return _OS_REASONS.get(error.errno) if error.errno is not None else None


def os_reason(error: OSError) -> Sayable | str:
    """Why the operating system refused, in the reader's language where the catalogue has it (os_reason_code),
    else in the system's own words."""
    code = os_reason_code(error)
    return Phrase(f"os.{code}") if code else error.strerror or str(error) or type(error).__name__


@dataclass(frozen=True)
class Megabytes:
    """A size in bytes said in megabytes (of 1,048,576 bytes, as --max-body-mb counts them) to one decimal:
    "1,5 MB", "10 MB"; under 0.1 MB in kilobytes ("4,9 kB"), never "0 MB"."""

    size: int

    def said(self, lang: Lang) -> str:
        number, unit = (self.size / 2**20, "MB") if self.size >= 2**20 / 10 else (self.size / 2**10, "kB")
        shown = f"{number:.1f}".removesuffix(".0")
        return f"{shown if lang == 'en' else shown.replace('.', ',')} {unit}"
