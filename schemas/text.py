"""Texts that a plan or a message carries in several languages and scripts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

Lang = Literal["sr-Latn", "sr-Cyrl", "en"]
LANGS: tuple[Lang, ...] = ("sr-Latn", "sr-Cyrl", "en")

# Serbian Latin -> Cyrillic. Digraphs first: "lj", "nj", "dž" are single letters.
# Our own table, not a library (checked on PyPI, Dec 2026): cyrtranslit 1.2.0 (MIT, maintained) writes the
# capital digraphs of an all-capitals word as two letters (LJUBAV -> ЛЈУБАВ, DŽAK -> ДЖАК); serbian-translit
# 0.4.3 (MIT, two releases so far) gets them right but leaves „quoted“ text and mixed-case words Latin;
# transliterate 1.10.2 was last released in 2018. The table is 30 letters and two lines of code.
_DIGRAPHS = {"dž": "џ", "lj": "љ", "nj": "њ", "Dž": "Џ", "DŽ": "Џ", "Lj": "Љ", "LJ": "Љ", "Nj": "Њ", "NJ": "Њ"}
_LETTERS = dict(
    zip(
        "abcčćdđefghijklmnoprsštuvzžABCČĆDĐEFGHIJKLMNOPRSŠTUVZŽ",
        "абцчћдђефгхијклмнопрсштувзжАБЦЧЋДЂЕФГХИЈКЛМНОПРСШТУВЗЖ",
        strict=True,
    )
)


# Names written in Latin script in Serbian Cyrillic texts too: products, services, organisations, and the codes and
# formats a reader types or looks up as they are (currencies, file formats, protocols), and a key as the keyboard
# names it (Delete).
KEEP_LATIN = frozenset(
    {
        "apmon",
        "libreoffice",
        "openoffice",
        "google",
        "drive",
        "cloud",
        "excel",
        "smartart",
        "power",
        "query",
        "pivot",
        "office",
        "onedrive",
        "sharepoint",
        "taiex",
        "osce",
        "iom",
        "unodc",
        "icmpd",
        "rsd",
        "eur",
        "usd",
        "json",
        "pdf",
        "csv",
        "html",
        "toml",
        "utf-8",
        "smtp",
        "http",
        "https",
        "tls",
        "tcp",
        "vba",
        "iam",
        "oauth",
        "cron",
        "sqlite",
        "postgresql",
        "markdown",
        "nginx",
        "delete",
    }
)
# A name above with a Serbian case ending: apmon-a, Drive-u, PDF-a, Googleova, Excelu (in Cyrillic apmon-а, Excel-у).
_NAME_ENDING = re.compile(r"-?(a|u|om|e|ov|ova|ovo|ove|ovu|ovom|ovog|ovoj|ovih)")
# Words in which n+j or d+ž are two letters, not the one letter nj or dž (kon-junktura, in-jekcija, nad-živeti): the
# stem and where its pair starts. Prefixes ending in n or d before a root starting with j or ž.
_SPLIT_PAIRS = (
    ("konjunk", 2),
    ("konjug", 2),
    ("injek", 1),
    ("injic", 1),
    ("injunk", 1),
    ("vanjez", 2),
    ("tanjug", 2),
    ("nadživ", 2),
    ("nadžnj", 2),
    ("nadžup", 2),
    ("podžup", 2),
    ("podžanr", 2),
    ("odžal", 1),
    ("predžet", 3),
)
_WORD = re.compile(r"\S+")

# Until template version 2 a word with one slash between letters ("pripremio/la") stayed Latin as if it were a
# path. Templates of version 1 are still read: their layout is rebuilt under the old rule (slash_words_latin),
# so that its locked texts and fingerprint are those of the templates handed out then.
_SLASH_WORDS_LATIN: ContextVar[bool] = ContextVar("slash_words_latin", default=False)


@contextmanager
def slash_words_latin(on: bool) -> Iterator[None]:
    """While open (when `on`), transliterate as template version 1 did: a word with a slash stays Latin."""
    token = _SLASH_WORDS_LATIN.set(on)
    try:
        yield
    finally:
        _SLASH_WORDS_LATIN.reset(token)


def slash_words_latin_now() -> bool:
    """Whether slash_words_latin is open."""
    return _SLASH_WORDS_LATIN.get()


def _keeps_latin(word: str, slash_words_latin: bool) -> bool:
    """Foreign words (with q, w, x, y), file names, paths and addresses, and known names. One slash between
    words is Serbian ("pripremio/la", "korisnik/ca"); two slashes or a colon make a path."""
    core = word.strip(_PUNCTUATION)
    slash = re.search(r"\w/\w", core) is not None
    return (
        any(ch in "qwxyQWXY" for ch in core)
        or re.search(r"\w[.@]\w", core) is not None
        or (slash and (core.count("/") > 1 or ":" in core or slash_words_latin))
        or word.lstrip("([{\"'„“‘«").startswith(".")  # a file extension: ".ods", "(.ods)"
        or _is_name(core.lower())
        or _KEYS.fullmatch(core) is not None
        or _CELLS.fullmatch(core) is not None
    )


_PUNCTUATION = ".,;:!?()[]{}\"'„“”‘’«»"
_CELLS = re.compile(r"\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?")  # a cell or a range of cells: E4, $C$3, E4:E5


_KEYS = re.compile(r"(?:Ctrl|Alt|Shift)(?:\+\w+)+")  # keys as the keyboard has them: Ctrl+End, Ctrl+C


def _name_with_ending(word: str) -> str:
    """A Latin name with a Serbian case ending, in Cyrillic: the name stays Latin, the ending is Serbian, so
    Cyrillic and after a hyphen, as the Pravopis writes a name kept in its own script (PDF-a -> PDF-а, Excelu ->
    Excel-у, Windows-u -> Windows-у); "" for any other word. The name is one of KEEP_LATIN, or a foreign word (with
    q, w, x, y) before a hyphen."""
    core = word.strip(_PUNCTUATION)
    if re.search(r"\w[.@/:]\w", core):  # a file name or an address
        return ""
    lower = core.lower()
    stem, hyphen, ending = lower.rpartition("-")
    if hyphen and _NAME_ENDING.fullmatch(ending) and (stem in KEEP_LATIN or any(ch in "qwxy" for ch in stem)):
        cut = len(stem)
    else:
        found = [len(name) for name in KEEP_LATIN if len(name) >= 3 and lower.startswith(name)]
        cut = max(found, default=0)
        if not cut or not _NAME_ENDING.fullmatch(lower[cut:]) or cut == len(lower):
            return ""
    at = word.index(core)
    return f"{word[:at]}{core[:cut]}-{_transliterate(core[cut:].lstrip('-'))}{word[at + len(core) :]}"


def _is_name(word: str) -> bool:
    """A name of KEEP_LATIN, alone or with a Serbian case ending."""
    if word in KEEP_LATIN:
        return True
    return any(
        word.startswith(name) and _NAME_ENDING.fullmatch(word[len(name) :]) for name in KEEP_LATIN if len(name) >= 3
    )


def latin_to_cyrillic(text: str) -> str:
    """Transliterate Serbian Latin script to Serbian Cyrillic, letter by letter.

    Characters outside the Serbian alphabet (digits, punctuation) are kept, and so
    are foreign words, file names, addresses and known names ("Excel", ".xlsx").
    """
    return _to_cyrillic(text, _SLASH_WORDS_LATIN.get())


# The same plan texts and messages are shown in every Cyrillic template and report, each built again per
# institution and year: most of the work of laying out a Cyrillic report was transliterating them again.
@lru_cache(maxsize=8192)
def _to_cyrillic(text: str, slash_words_latin: bool) -> str:
    previous = ""

    def word(match: re.Match[str]) -> str:
        nonlocal previous
        found = match.group()
        column = _COLUMN_WORD.match(previous) is not None and _COLUMN.fullmatch(found.strip(_PUNCTUATION)) is not None
        previous = found
        if column:
            return found
        named = _name_with_ending(found)
        if named:
            return named
        return found if _keeps_latin(found, slash_words_latin) else _transliterate(found)

    return _WORD.sub(word, text)


# Excel names columns and cells in Latin letters whatever the script: a column's letters after the word "kolona" in
# any case ("u koloni A"), and a cell or range ("E4:E5", "$C$3") anywhere
_COLUMN_WORD = re.compile(r"(?i)kolon")
_COLUMN = re.compile(r"[A-Z]{1,3}")


def _transliterate(text: str) -> str:
    lower = text.lower()
    split = {m.start() + at for stem, at in _SPLIT_PAIRS if stem in lower for m in re.finditer(stem, lower)}
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in _DIGRAPHS and i not in split:
            out.append(_DIGRAPHS[pair])
            i += 2
            continue
        out.append(_LETTERS.get(text[i], text[i]))
        i += 1
    return "".join(out)


# Serbian Cyrillic -> Latin, for names that come only in Cyrillic (the holidays package's Serbian holiday names).
_TO_LATIN = {cyrillic: latin for latin, cyrillic in _LETTERS.items()} | {
    "љ": "lj", "њ": "nj", "џ": "dž", "Љ": "Lj", "Њ": "Nj", "Џ": "Dž"
}  # fmt: skip


def cyrillic_to_latin(text: str) -> str:
    """Transliterate Serbian Cyrillic to Serbian Latin, letter by letter; other characters are kept."""
    return "".join(_TO_LATIN.get(ch, ch) for ch in text)


# Kept as they are in a message: {placeholders} (names, not words) and `commands` (typed as they are written).
_PLACEHOLDER = re.compile(r"(\{[a-z_]+\}|`[^`]*`)")


class _Unknown(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def fill(template: str, params: dict[str, Any]) -> str:
    """`template` with its {fields} filled from `params`; a missing one shows as '?' rather than failing. A field
    that ends with a full stop (a Serbian date, 05.04.2018.) before the template's own ends the sentence with one."""
    for name, value in params.items():
        if isinstance(value, str) and value.endswith("."):
            template = template.replace(f"{{{name}}}.", f"{{{name}}}")
    return template.format_map(_Unknown(params))


def latin_to_cyrillic_template(text: str) -> str:
    """Like latin_to_cyrillic, but {placeholders} and `commands` stay as they are: they are names, not words."""
    return "".join(
        part if part.startswith(("{", "`")) else latin_to_cyrillic(part) for part in _PLACEHOLDER.split(text)
    )


EXCEL_MAX_TEXT = 32767  # longer cell text makes Excel report the file as damaged
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The embeddings, overrides and isolates: U+202E shows what follows reversed ("1000" as "0001"), the others hide a
# text's real order. The marks U+200E/U+200F only lean a neutral character one way, and stay.
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def has_direction_controls(text: str) -> bool:
    """Whether `text` holds a character that turns or hides the order of what follows (`without_direction_controls`)."""
    return not text.isprintable() and _DIRECTION_CONTROLS.search(text) is not None


def without_direction_controls(text: str) -> str:
    """`text` as apmon writes it for a person (a master's or report's cell, a PDF): without the characters that turn
    or hide the order of what follows, every other character as typed. The ledger keeps the text as it came."""
    return text if text.isprintable() else _DIRECTION_CONTROLS.sub("", text)


def cell_safe(text: str) -> str:
    """`text` as an xlsx cell can hold it: without the control characters xlsx cannot store nor those that turn the
    text's direction (`without_direction_controls`), a line break as a line feed (Word's line and page breaks
    pasted, a vertical tab and a form feed, too: dropped, they joined two lines' words), at most EXCEL_MAX_TEXT
    characters."""
    if text.isprintable() and len(text) <= EXCEL_MAX_TEXT:
        return text  # most texts, at once: no control character, surrogate or non-character, nor a line break
    text = _XML_ILLEGAL.sub("", without_direction_controls(text).replace("\v", "\n").replace("\f", "\n"))
    if "\r" in text:  # a line break in a cell is a line feed; a stored CR reads back as "_x000D_" in many readers
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > EXCEL_MAX_TEXT:
        text = text[: EXCEL_MAX_TEXT - 1] + "…"
    return text


_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


class Text(BaseModel):
    """A plan text: the source's English, apmon's Serbian translation, and the official Serbian wording once known.

    A plan file may write a plain string: it is the English text as the source document has it. Serbian is
    written in Latin script only; the Cyrillic form is derived by transliteration, never stored.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: str = Field(min_length=1)
    sr: str = Field(default="", description="Serbian (Latin script) translated from the English for apmon.")
    sr_official: str | None = Field(
        default=None, description="The official Serbian wording (Latin script), when put in; shown instead of 'sr'."
    )

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_english(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"en": value}
        return value

    @field_validator("sr", "sr_official")
    @classmethod
    def _serbian_in_latin(cls, value: str | None, info: ValidationInfo) -> str | None:
        from apmon.schemas.said import SaidValueError  # it says in the words of the catalogue, which uses this module

        if value is not None and _CYRILLIC.search(value):
            raise SaidValueError("invalid.cyrillic_typed", field=repr(info.field_name))
        if info.field_name == "sr_official" and value is not None and not value.strip():
            raise SaidValueError("invalid.official_empty")
        return value

    def in_lang(self, lang: Lang) -> str:
        """The text in `lang`: the official wording when put in, else the translation, else the English."""
        if lang == "en":
            return self.en
        serbian = self.sr_official or self.sr
        if not serbian:
            return self.en
        return latin_to_cyrillic(serbian) if lang == "sr-Cyrl" else serbian
