"""Personal data that must never reach a report: JMBG numbers, e-mail addresses, phone numbers.

Reports carry aggregate data only. `find_personal_data` finds what looks like
the personal data of a person in a free text (a cell, a comment, a file name)
so that a validator can refuse it, and `mask_all` hides it in logs and
messages. Pure functions: no I/O, no clock.

The rules lean towards silence: a number is reported only when its shape is
unambiguous, because amounts, dates, periods, task ids and reference numbers
are what these reports are full of.

- JMBG: 13 digits whose first seven are a real date DDMMYYY (YYY 900-999:
  1900s, 000-099: 2000s) and whose last digit is the checksum, in any common
  spelling: contiguous, or in groups joined by dots, dashes, slashes or
  commas (``0101990-710008``, ``0101.990.710.008``), or in up to three such
  numbers separated by one to three spaces (``0101990 710008``, ``010 1990   710008``), or four to six, at most one of
  them of one digit, no amount in thousands nor part of a longer list (``1505 953 710 011``, ``1505 95 3 710 011``);
  after the word for one (``JMBG``, ``matični broj``), 13 digits whatever their
  date and control digit (a number mistyped in one digit), its groups up to three spaces apart too.
  Never part of a longer number (``840-...-12`` account numbers, ``1.0101...``,
  amounts with decimals), never glued to a word, and never holding a date
  with a four-digit year (``2001-01-18``, ``18.01.2001``) or an amount written
  in thousands (``1.203.004.002.018``). Other numbers next to each other are
  reported only when their 13 digits pass both the date and the checksum, and so are thirteen single digits one
  space, dot or dash apart, the same or mixed (``1 5 0 5 9 5 3 7 1 0 0 1 1``, ``1 5 0 5 9 5 3-7 1 0 0 1 1``).
- e-mail: an ASCII ``local@domain.tld`` address, its local part at most 64
  characters (RFC 5321); letters of other scripts around it end it.
- phone: ``+381`` / ``00381`` / ``381`` (optionally followed by ``(0)``) or a leading
  ``0``, then a mobile (6x) or landline (1x-3x, or a three-digit code such as
  230) area code and a subscriber number of 6-7 digits, written contiguously
  or in groups of 2-4 digits separated by a space, dot, dash or slash; the
  area code may stand apart by a thin space, a tab, a long dash or a line's end
  (``011`` above ``3612345``: a number pasted over two lines of a cell). Without its "+" not when it is an
  amount in thousands (``381 234 567 890``). Or written one digit per space, dot or dash (``0 6 4 1 2 3 4 5 6
  7``), which no amount or date is.

Full-width digits (``０６４...``) and digits of other scripts are read as the ASCII digits they show as.

What is personal only by what stands before it:

- document: a passport or identity card number (6-9 digits, up to two letters
  before them) after the word that names it (``pasoš br. 012345678``).
- birth-date: a full date after "rođena" (rodjena, rodena), "datum rođenja", "born", "DOB"..., in figures or with
  its month in words in any case, script or abbreviation ("1. februara 2005", "3. марта 1999", "1 Feb 2005",
  "February 1, 2005") or in Roman figures, capital or small, Latin or the Cyrillic letters that look so ("1. II 2005.",
  "1/ii/2005", "1. ІІ 2005."), or in dashes ("1-2-2005"), right after it or apart from
  it by where ("rođena u Nišu 1. februara 2005", "born in Niš on
  1 February 2005": up to four words after "u", "in", "kod", "near"...); not after "dob" (доб) where it is the
  Serbian word for age, a comma or a place after it ("bez obzira na dob, 15.03.2018.", "... na dob u Nišu 15. marta
  2018."). A date with no such word before it is an event's ("1. februara 2018. održan je sastanak"), and so is
  one after a birth word whose subject is a program, a project, an idea, an initiative or a plan ("Program je rođen
  u Beogradu 1. marta 2018.").
- name: a first and last name (two capitalised words, any script), or its
  initials ("M.P.", "A. J."; not "N.N.", which stands for a name left out), right after
  a word for a victim ("žrtva", "оштећена", "maloletna", "victim"); not the
  names of institutions and places that follow such words ("žrtve Republike
  Srbije").

An institution's own contacts are not a person's: a desk's mailbox (``info@``,
``office@``, ``pisarnica@``...), a phone number named as a hotline's or a
centre's just before it, with no victim nor other person mentioned there, and a
landline its sentence says is a ministry's, a government body's or a
municipality's own, right before it ("Kontakt Ministarstva: 011/3612-345",
"Ministarstvo zdravlja, tel. 011 3612345"; a municipality's where its sentence begins with it: "Opština Bor: 030
423555", not "Ana iz opštine Bor: 030 423555"), with no victim nor other person mentioned there; one the body
called or gave is someone's ("Ministarstvo je pozvalo 011/3612-345", and so is one after any verb's past form:
"Ministarstvo evidentiralo telefon 011..."). The
lines of a body's list pass with its first ("Ministarstvo zdravlja: 011 3612345,
011 3612346"). Nor is it the body's when a person is named right after it ("011 3612345 - broj svedokinje",
"(telefon žrtve)", "(Marija Petrović)"), unless that word names the next number ("011 3612345, majka 011 3612346")
or begins a sentence about people ("011 3612345, žrtve se upućuju u Centar") or is the body's contact person ("011
3612345 (osoba za kontakt)", unless named after it); nor when one capitalised word that is not the body's, a place's
(every city and municipality of Serbia and a few well-known places: schemas/municipalities.py) or a title's is its
label ("Ministarstvo zdravlja, Marko: 011 3612345", "Ministarstvo zdravlja Marko: 011 3612345"), or one in capitals
that may be a name ("MARKO", "ANA"; not a word of the registry in force's institutions' names: bodies_in_force), or
words in capitals that are no organisation's ("MARKO PETROVIĆ", "OTAC I MAJKA ŽRTVE"), or a name with where the person
is from, a place or a body ("Marko iz Niša", "MARKO IZ MUP-A"), or a name before a post's title ("Ministarstvo zdravlja,
Marko, Načelnik"), or a place's name that is a first name or surname too after a
ministry's or the Government's name ("Ministarstvo zdravlja, Ada: 011 3612345"; after a centre's, a municipality's
or a police station's, it is their seat). A family in a body's name is no person ("Ministarstvo za brigu o
porodici"), after a preposition and with no name after it: "Ministarstvo i porodica" and "Ministarstvo za brigu o
porodici Petrović" name a family. Where a word's shape cannot tell a name from a noun, the first names the project
knows (schemas/first_names.py) do: beside an acronym in capitals ("MUP MARKO", "ANA SAVET"; not "TAIEX RADIONICA"),
in their cases after a group's word or a label's noun and a preposition ("ŽENE SA ANOM", "(Podrška od Ane)"), alone in
small letters ("ana: 011 3612345"), before a cause's genitive ("JELENA NADE"; not "ZVEZDA NADE"), after a room's
words in brackets ("(ženski kutić Jelene)"); a name that is a word too before a thing's nouns is the word ("SLOBODAN
PRISTUP", "OBRADA PODATAKA"; not "SLOBODAN PETROVIĆ"). Persons counted
before a body's line name no one ("Broj pozitivnih ocena dece: 12. Ministarstvo zdravlja: 011 3612345").

A victim's word between a label and its value keeps it a label's: "datum rođenja
žrtve: 12.03.2005", "JMBG deteta 0101990710006".

A text may hold many values joined by NUL (a copy of cells): no search reaches
across one, and what stands before it names nothing after it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from apmon.schemas.body_words import WORDS_OF_BODIES
from apmon.schemas.first_names import FIRST_NAMES, NAMES_THAT_ARE_WORDS, WORDS_BEFORE_A_NOUN
from apmon.schemas.municipalities import (
    CITIES,
    CITY_MUNICIPALITIES,
    MUNICIPALITIES,
    NAMES_THAT_ARE_PLACES,
    WELL_KNOWN_PLACES,
)
from apmon.schemas.text import cyrillic_to_latin


class _Patterns:
    """The detector's regular expressions, each compiled when first used and kept as an attribute (`_RE.NUMBER`).

    Compiling the ~35 of them takes about 20 ms, which every command importing this module would pay: a sync run
    that finds nothing changed checks no text, nor do most commands."""

    def __init__(self) -> None:
        self._sources: dict[str, tuple[str, int]] = {}

    def add(self, name: str, pattern: str, flags: int = 0) -> str:
        """Name `pattern`, to be compiled when first used; its text (to be part of another)."""
        self._sources[name] = (pattern, flags)
        return pattern

    def __getattr__(self, name: str) -> re.Pattern[str]:
        source = self.__dict__.get("_sources", {}).get(name)
        if source is None:
            raise AttributeError(name)
        compiled = re.compile(*source)
        setattr(self, name, compiled)  # found as an attribute from now on: __getattr__ is not asked again
        return compiled

    def compile_all(self) -> None:
        for name in self._sources:
            getattr(self, name)


_RE = _Patterns()


def compile_patterns() -> None:
    """Compile every pattern now: before worker processes fork, so that each has them rather than compiling them."""
    _RE.compile_all()


def __getattr__(name: str) -> re.Pattern[str]:
    """INVISIBLE, the one pattern others use, compiled when first asked for too."""
    if name == "INVISIBLE":
        return _RE.INVISIBLE
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Characters no one sees (Unicode's format characters, category Cf, up to Unicode 15.1): a zero-width space, a soft
# hyphen, a word joiner, a byte order mark, the marks that turn a text's direction. Excel and the master show
# "1505953<ZWSP>710011" as a JMBG, so the search looks through them.
_INVISIBLE = _RE.add(
    "INVISIBLE",
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]",
)
_RE.add("VISIBLE_CHAR", "(?!" + _INVISIBLE + ").", re.DOTALL)

Kind = Literal["jmbg", "email", "phone", "document", "birth-date", "name", "token"]

BULLET = "•"


class PersonalDataHit(BaseModel):
    """One piece of personal data found in a text: what it is, where, and how to show it safely."""

    model_config = ConfigDict(frozen=True)

    kind: Kind
    start: int = Field(ge=0, description="Offset of the first character in the text.")
    end: int = Field(ge=0, description="Offset just past the last character (text[start:end] is the match).")
    masked: str = Field(description="The match with everything identifying replaced by bullets.")

    @model_validator(mode="after")
    def _span(self) -> PersonalDataHit:
        if self.end <= self.start:
            raise ValueError("end must be greater than start")
        return self


# --- the add-in's tokens ------------------------------------------------------------------------------

# Not personal data, but a password: a report that holds one (the VBA client reads it from a document property, an
# officer may paste it into a cell) would keep it in the ledger and show it in the master. Refused and purged alike.
TOKEN_PREFIX = "apmon_"  # says what the secret is when it turns up in a config file, a log or a report
TOKEN_LENGTH = len(TOKEN_PREFIX) + 43
# secrets.token_urlsafe(32): 43 characters; one more of _ or - is a separator (MZ_apmon_..._2018-03.xlsx), since
# the token's own letters hold them
_RE.add("TOKEN", TOKEN_PREFIX + r"[A-Za-z0-9_-]{43}(?P<glued>[_-][A-Za-z0-9_-]*)?(?![A-Za-z0-9])")


def _is_token(found: str, glued: bool = False) -> bool:
    """32 random bytes hold upper- and lower-case letters (all but one in a billion), which a file name such as
    apmon_izvestaj_ministarstva_zdravlja_za_mart_2018 lacks. One glued to the next word by _ or - must look random,
    unlike a long name (apmon_MesecniIzvestajMUP_2018_03_SluzbaZaBorbu_v3_konacno) whose first 43 characters would
    pass the first rule: at least 16 places where a letter or digit meets one of another kind. An officer's words
    have one or two each (one of 30,000 names made at random of words, acronyms, dates and versions had 16); a
    token has 25 on average, and about one in 200 has fewer: missed, since refusing an honest report is worse.
    (8 capitals and 8 small letters, the rule before, refused most names written in capitals and small letters.)"""
    rest = found[len(TOKEN_PREFIX) :]
    if glued:
        return _looks_random(rest)
    return rest.lower() != rest and rest.upper() != rest


def holds_token(text: str) -> bool:
    """Whether `text` holds a token by the rule find_personal_data finds one with; only that rule, so that a log
    line (`apmon serve` hides tokens in each) is not searched for every kind of personal data."""
    return any(_is_token(m[0][:TOKEN_LENGTH], glued=m["glued"] is not None) for m in _RE.TOKEN.finditer(text))


def mask_tokens(text: str) -> str:
    """The text with every token in it masked and the rest as it is (a token's label names a person on purpose)."""
    if TOKEN_PREFIX not in text:
        return text
    for hit in reversed([hit for hit in find_personal_data(text) if hit.kind == "token"]):
        text = text[: hit.start] + hit.masked + text[hit.end :]
    return text


def _looks_random(rest: str) -> bool:
    return _kind_changes(rest) >= 16


def _kind(c: str) -> str:
    return "capital" if c.isupper() else "small" if c.islower() else "digit"


def _kind_changes(text: str) -> int:
    """How often a letter or digit is followed by one of another kind (small, capital, digit); _ and - are passed."""
    return sum(a.isalnum() and b.isalnum() and _kind(a) != _kind(b) for a, b in itertools.pairwise(text))


# --- JMBG ----------------------------------------------------------------------------------------

_JMBG_WEIGHTS = (7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

# A number: digits, possibly in groups joined by one dot, comma, dash or slash (an amount, a date, a dashed
# JMBG), taken whole (atomic), not glued to a word or a "+" and not the head or tail of a longer number.
_RE.add("NUMBER", r"(?<![\w+])(?<![0-9][.,/-])(?>[0-9]+(?:[.,/-][0-9]+)*)(?!\w)(?![.,/-][0-9])")
_SP = "[ \u00a0\u2009\u202f\t]"  # spreadsheets often hold no-break spaces; thin ones and tabs come pasted
# numbers one to three spaces apart (of those) may be the groups of one JMBG ("1505   953 710 011")
_SPACES = frozenset(" \u00a0\u2009\u202f\t")
_MAX_GROUPS = 3  # "010 1990 710006" has three; more is a list ("120 300 400 2018": an amount and a year)
# unless four to six numbers are not an amount in thousands and hold at most one group of one digit: "1505 953 710
# 011", "15 05 953 710 011", "1505 95 3 710 011", "15 05 95 37 10 011" (a run that passes the date and the checksum;
# "1 505 953 710 011" is an amount, and thirteen single digits are searched as such: _RE.SPELLED_PHONE)
_MAX_GROUPS_OF_TWO = 6
# read backwards too: a number one to three spaces before (as far as a JMBG's groups may stand apart)
_RE.add("NEXT_IN_A_LIST", rf"{_SP}{{1,3}}[0-9]")
# A date with a four-digit year or an amount in thousands is never part of a JMBG, although its digits may
# pass the date and the checksum ("2001-01-18 12345", "1.203.004.002.018").
_RE.add(
    "NOT_JMBG",
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{4}|[0-9]{1,3}(?:[.,][0-9]{3})+(?:[.,][0-9]+)?",
)


def _jmbg_candidates(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, digits) of every run of whole numbers, one to three spaces apart, holding exactly 13 digits."""
    numbers = [m for m in _RE.NUMBER.finditer(text) if not _RE.NOT_JMBG.fullmatch(m[0])]
    i = 0
    while i < len(numbers):
        digits = ""
        for j in range(i, min(i + _MAX_GROUPS_OF_TWO, len(numbers))):
            gap = text[numbers[j - 1].end() : numbers[j].start()]
            if j > i and not (len(gap) in (1, 2, 3) and _SPACES.issuperset(gap)):
                break
            digits += re.sub(r"[^0-9]", "", numbers[j][0])
            if len(digits) >= 13:
                if len(digits) == 13 and is_valid_jmbg(digits) and _groups_of_a_jmbg(text, numbers[i : j + 1]):
                    yield numbers[i].start(), numbers[j].end(), digits
                    i = j
                break
        i += 1


def _groups_of_a_jmbg(text: str, groups: list[re.Match[str]]) -> bool:
    """Whether numbers one to three spaces apart may be one JMBG's groups: up to three, or up to six, at most one of
    them of one digit, that are no amount in thousands (nor one and a year: "120 300 400 2018") and no part of a
    longer list."""
    if len(groups) <= _MAX_GROUPS:
        return True
    start, end = groups[0].start(), groups[-1].end()
    return (
        sum(len(g[0]) == 1 for g in groups) <= 1
        and not _in_thousands(groups[:-1])  # an amount ("1 505 953 710 011"), or one and a year after it
        and not _RE.NEXT_IN_A_LIST.match(text, end)
        and not _RE.NEXT_IN_A_LIST.match(text[max(0, start - 4) : start][::-1])
    )


def _in_thousands(groups: list[re.Match[str]]) -> bool:
    """Whether numbers one to three spaces apart are an amount's groups of thousands, however far apart ("1 505 953",
    "1   505   953": a column's figures spaced out)."""
    return len(groups[0][0]) <= 3 and all(g[0].isdigit() for g in groups) and all(len(g[0]) == 3 for g in groups[1:])


def jmbg_check_digit(first12: str) -> int:
    """The JMBG control digit for the first 12 digits: 11 - (weighted sum mod 11), 10 and 11 written as 0."""
    total = sum(w * int(c) for w, c in zip(_JMBG_WEIGHTS, first12, strict=True))
    m = 11 - total % 11
    return 0 if m > 9 else m


def jmbg_birth_date(digits: str) -> dt.date | None:
    """The date of birth a JMBG encodes (DDMMYYY), or None when it is not a real date in 1900-2099."""
    day, month, yyy = int(digits[0:2]), int(digits[2:4]), int(digits[4:7])
    if yyy >= 900:
        year = 1000 + yyy
    elif yyy < 100:
        year = 2000 + yyy
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def is_valid_jmbg(value: str) -> bool:
    """True for 13 ASCII digits with a real date of birth and a correct control digit."""
    if len(value) != 13 or not value.isascii() or not value.isdigit():
        return False
    return jmbg_birth_date(value) is not None and jmbg_check_digit(value[:12]) == int(value[12])


def _mask_jmbg(digits: str) -> str:
    return digits[:2] + BULLET * (len(digits) - 4) + digits[-2:]


# --- e-mail --------------------------------------------------------------------------------------

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_LOCAL = "A-Za-z0-9_%+\\-čćžšđČĆŽŠĐ"  # a name's letters typed into an address are still the name
# The local part at most 64 characters (RFC 5321) and the domain at most 126 labels (a name of 253 characters,
# RFC 1035): a match may start after every dot of a long dotted text ("a.a.a...", "1.2.3..."), and unbounded,
# each would run to the text's end, so the search would take the square of its length.
_RE.add(
    "EMAIL",
    rf"(?<![{_LOCAL}])(?P<local>[{_LOCAL}][{_LOCAL}.]{{0,63}})@"
    rf"(?P<domain>(?:{_LABEL}\.){{1,126}}(?P<tld>[A-Za-z]{{2,24}}))(?![A-Za-z0-9-])",
)
# A desk's mailbox is an institution's, not a person's (j.jovanovic@mup.gov.rs is a person's).
_DESKS = frozenset({"info", "office", "kontakt", "contact", "pisarnica", "kancelarija", "sekretarijat", "press"})


def _is_institutional_email(m: re.Match[str]) -> bool:
    return m["local"].lower() in _DESKS


def _mask_email(m: re.Match[str]) -> str:
    return f"{m['local'][0]}{BULLET * 3}@{m['domain'][0]}{BULLET * 3}.{m['tld']}"


# --- phone ---------------------------------------------------------------------------------------

_AREA = r"6[0-9]|[1-3][0-9]{1,2}"
_RE.add(
    "PHONE",
    rf"""
    (?<![\w+])(?<![0-9][.,/-])                      # not the tail of a word or of a longer number
    (?:
        (?P<cc>(?:\+|00)?381)[ \u00a0.-]?(?:\(0\){_SP}?)?(?:(?P<intl>{_AREA})|\((?P<intlp>{_AREA})\))
      | \(0(?P<paren>{_AREA})\)
      | 0(?P<natl>{_AREA})
    )
    (?P<sub>
        (?:{_SP}?[/\-–—]{_SP}?\r?\n?|{_SP}|\.|\r?\n)? # between area code and number: a line's end too ("011/" above)
        [0-9]{{2,7}}(?:[ \u00a0.-][0-9]{{2,4}}){{0,2}}  # the number, whole or in groups
    )
    (?!\w)(?![.,/-][0-9])                           # not the head of a longer number or of a word (a GUID's)
    """,
    re.VERBOSE,
)

# A number written one digit per space, dot or dash ("0 6 4 1 2 3 4 5 6 7", "+3 8 1 6 4 ..."): no amount, date or
# list of counts is written so, and no run of them is the tail of a longer one. Its digits must make a phone number,
# or, thirteen of them, a JMBG. Its separators may differ (one search for both kinds): a number so written is a JMBG
# only, when its thirteen digits pass the date and the checksum ("1 5 0 5 9 5 3-7 1 0 0 1 1"), never a phone number.
_RE.add(
    "SPELLED_PHONE",
    r"(?<![\w+])(?<![0-9][ \u00a0.,/-])(?P<plus>\+)?[0-9](?:[ \u00a0.-][0-9]){7,13}"
    r"(?![ \u00a0.,/-]?[0-9])(?!\w)",
)
# An amount in thousands is no number without its "+" ("381 234 567 890"), although its digits make one.
_RE.add("THOUSANDS", r"[0-9]{1,3}(?P<sep>[ \u00a0.,])[0-9]{3}(?:(?P=sep)[0-9]{3})*")


def _spelled_national(m: re.Match[str]) -> str | None:
    """The national significant number a number written digit by digit (_RE.SPELLED_PHONE) holds, or None."""
    digits = re.sub(r"[^0-9]", "", m[0])
    for prefix in ("00381", "381", "0"):
        if digits.startswith(prefix) and (prefix != "0" or not m["plus"]):
            national = digits[len(prefix) :]
            return national if national[:1] in ("1", "2", "3", "6") and _is_phone_number(national) else None
    return None


# Landline area codes of three digits (Kikinda, Gnjilane, Prizren region, Đakovica); others have two.
_THREE_DIGIT_AREAS = frozenset({"230", "280", "290", "390"})


def _is_phone_number(national: str) -> bool:
    """National significant number (no leading 0, no country code): area code + 6-7 digit subscriber."""
    if national[0] == "6":
        return len(national) - 2 in (6, 7)
    area = 3 if national[:3] in _THREE_DIGIT_AREAS else 2
    subscriber = national[area:]
    return len(subscriber) in (6, 7) and subscriber[0] != "0"


def _mask_phone(m: re.Match[str]) -> str:
    text = m[0]
    keep_head = len(m["cc"]) if m["cc"] else 0
    digit_positions = [i for i, c in enumerate(text) if c.isdigit() and i >= keep_head]
    keep_tail = set(digit_positions[-2:])
    return "".join(BULLET if (i >= keep_head and c.isdigit() and i not in keep_tail) else c for i, c in enumerate(text))


# A hotline's or a centre's number, named so just before it (and no victim nor other person named there), is an
# institution's.
_RE.add(
    "INSTITUTION_BEFORE",
    r"(?i)(?<!\w)(?:sos|hotline|helpline|info|linij\w*|centr\w*|centar\w*|dežurn\w*|линиј\w*|центр\w*|центар\w*|дежурн\w*)(?!\w)",
)
_BEFORE = 60  # characters before a number that may name whose it is
_UPPER_LETTERS = "A-ZČĆŽŠĐА-ЯЂЈЉЊЋЏ"
# A ministry's or a government body's own line (its switchboard), said to be its own right before it ("Kontakt
# Ministarstva: 011/3612-345"), with no victim nor any other person named there. Landlines only: a switchboard is one,
# and a mobile number beside a ministry's name is a person's (an officer's, or one given to a victim). No number's
# pattern tells a switchboard from a home (Belgrade's 011 are both): the words before it do.
_BODY_WORD = (
    r"ministarstv\w*|ministr(?:y|ies)|pisarnic\w*|sekretarijat\w*|vlad[aeiu]|uprav[aeiu]|government|centr\w*|centar"
    r"|kancelarij\w*|office|dom(?:a|u|om)?\s+zdravlja"  # "Kancelarija za ljudska i manjinska prava", "Dom zdravlja Niš"
)
# A municipality's or a city's word: the body only where its line's sentence begins with it or its contact ("Opština
# Bor: 030 ...", "Kontakt opštine Bor: ..."); inside a sentence, where someone lives or is from ("Ana iz opštine Bor:",
# "Njegoševa 5, grad Niš, tel.")
_MUNICIPALITY_WORD = r"op[sš]tin\w*|grad(?:a|u|om)?|gradsk\w*"
# Words that say whose a number is: its label (a contact, a switchboard, a telephone), in Latin script.
_CONTACT_WORD = (
    r"kontakt(?:a|u|om|i|e)?|central\w*|pisarnic\w*|telefon\w*|tel|switchboard|contact|phone|telephone"
    r"|faks|fax|telefaks|broj(?:a|evi)?"
)
# Verbs that make a body the doer, not the owner: "Ministarstvo je pozvalo 011..." called someone's number.
_DOER_WORD = (
    r"je|su|nije|nisu|bio|bila|bilo|bili|će|ce|bi|pozv\w*|poziv\w*|zva\w*|zove\w*|obavest\w*|kontaktir\w*|javi\w*"
    r"|dobi\w*|da[lod]\w*|dostav\w*|prosled\w*|sme[sš]t\w*|preme[sš]t\w*|upu[cćt]\w*|is|was|were|has|have|had|will|would|call\w*|contacted"
    r"|phoned|rang|dial\w*|gave|given|got|received|reached|placed|informed"
    # any other Serbian verb's past form, a participle ("uputilo", "evidentiralo", "navelo"), in small letters (a
    # street's "Admirala" is none); "-ala" is left out, as genitives end so ("organizovanog kriminala"); English
    # past forms by name ("a dedicated line", "registered office" are a body's); and the present tenses' few
    r"|(?-i:[a-zčćžšđ]{3,}(?:ao|eo|io|ila|ilo|ili|ele|ela|elo|eli|alo|ali|ale))"
    r"|noted|recorded|listed|logged|obtained|provided|forwarded|shared|referred|sent|kept|took|taken|found|used"
    # "imati"'s forms ("ima", "imaće", "imalac"), not the English "image" that begins so
    r"|ima(?!ges?(?!\w))\w*"
    r"|zna\w*|navod\w*|upis\w*|evidentir\w*|beleži\w*|belezi\w*|čuva\w*|cuva\w*|keeps?|lists?|notes?|records?"
)
# Words or numbers after a body's name up to its label: its title ("zdravlja", "of Health"), address ("Kneza Miloša
# 20, Beograd") and other lines ("Kontakt Ministarstva: 011/3612-345, 011/3612-346"), no verb among them.
_TITLE_OR_ADDRESS = (  # a word may be of two joined by a dash ("Soko-Banja"), words in brackets ("(SAVE THE CHILDREN)")
    # a verbal noun is no verb: "Upućivanje", "Savetovanje" label a body's line
    rf"(?:[\s,:(]+(?:(?!(?:{_DOER_WORD})(?!\w)(?<!nje|nja|nju)(?<!njem))[^\W\d_]+(?:-[^\W\d_]+)?\.?\)?|[0-9]+(?:[./-][0-9]+)*[a-z]?))*"
)
# A number the sentence says is a body's own, right before it: the body's contact ("Kontakt Ministarstva zdravlja:",
# "pozovite centralu Ministarstva"), the body, its address and its label ("Ministarstvo za rad, Kneza Miloša 20,
# Beograd, tel.", "Ministry of Health switchboard:"), or the body's name as the number's label ("Ministarstvo
# zdravlja: 011 3612345", "Kontakt: Ministarstvo unutrašnjih poslova, 011 3612345"). Searched in the sentence's end in
# Latin script.
_RE.add(
    "BODYS_OWN",
    rf"(?i)(?<!\w)(?:(?:{_CONTACT_WORD})\s*:?\s+(?:{_BODY_WORD}){_TITLE_OR_ADDRESS}"
    rf"|(?:{_BODY_WORD}){_TITLE_OR_ADDRESS}(?:[\s,]+(?:{_CONTACT_WORD})\.?|\s*[:,]))[\s,:-]*$",
)
_RE.add(
    "MUNICIPALITYS_OWN",
    rf"(?i)\s*(?:(?:{_CONTACT_WORD})\s*:?\s+)?(?:{_MUNICIPALITY_WORD}){_TITLE_OR_ADDRESS}"
    rf"(?:[\s,]+(?:{_CONTACT_WORD})\.?|\s*[:,])[\s,:-]*$",
)
# A body's unit, whose title may hold a family ("Sektor za zaštitu porodice")
_UNIT_WORD = r"sektor\w*|odeljenj\w*|odsek\w*|slu[zž]b\w*|departments?|units?|divisions?"
# The nouns of a body's field whose object a family is ("za brigu o porodici", "za zaštitu porodice"); nouns only,
# so that "Ministarstvo zaštitilo porodicu" still names one
_CARE_WORD = (
    r"brig[aeu]|brizi|brigom|za[sš]tit[aeiu]|za[sš]titom|podr[sš]k[aeu]|podr[sš]ci|care|welfare|protection|support"
)
# A family in a body's name is the body's field, no person ("Ministarstvo za brigu o porodici i demografiju",
# "Centar za porodični smeštaj", "Ministry of Family Care"): reached from the body's word through its title's small
# words only, so that "Ministarstvo je smestilo porodicu" still names one.
# The family word follows a preposition ("Kontakt Ministarstva i porodice" names the body and a family), and no
# capitalised word follows it but a title's: "Ministarstvo za brigu o porodici Petrović" is the Petrović family.
_RE.add(
    "FAMILY_IN_A_TITLE",
    rf"(?i)(?<!\w)(?:{_BODY_WORD}|{_UNIT_WORD})(?:\s+(?:za|o|i|of|for|and|the|{_CARE_WORD}))*"
    rf"\s+(?:za|o|of|for|the|{_CARE_WORD})"
    rf"\s+(?P<family>porodi\w*+|famil\w*+)(?:\s+(?:care|welfare|protection|support)(?!\w))?(?!\s+(?-i:[{_UPPER_LETTERS}]))",
)
# Whose number it is, if named there: a person's (a victim's family, a child, a witness, a woman, "her"...), not the
# body's. Searched in the text in Latin script (cyrillic_to_latin), so one list serves both scripts. A list of such
# words is never whole: a number passes as a body's only where the body is named in its own sentence as well.
_RE.add(
    "PERSON_BEFORE",
    r"(?i)(?<!\w)(?:majk\w*|otac|oca|ocu|ocem|roditelj\w*|porodic\w*|brat\w*|bra[cć]\w*|sestr\w*|osob\w*"
    r"|lic[aeiu]|licem|dete(?:ta|tu|tom)?|dec[aeiu]|decom|devoj[cč]\w*|devojk\w*|djevojk\w*|de[cč]ak\w*|de[cč]a[kc]\w*"
    r"|svedo[kc]\w*|staratelj\w*|hranitelj\w*|[zž]en[aeiu]|[zž]enom|[zž]ensk(?!i\s+(?!pol|rod)[^\W\d_])\w*|mu[sš]kar\w*|mu[zž]\w*|supru\w*"
    r"|sin|sina|sinu|sinom|sinov\w*|[cć]erk\w*|k[cć]erk\w*|k[cć]er\w*|mladi[cć]\w*|momak|momk\w*|tetk\w*|uja?k\w*"
    r"|ujn\w*|strin\w*|stri[cč]\w*|bak[aeiu]|bakom|ded[aeiu]|dedom|ro[dđ]a[kc]\w*|rodjak\w*|ro[dđ]bin\w*|kom[sš]ij\w*"
    r"|sused\w*|prijatelj\w*|korisni[ck]\w*|klijent\w*|[sš]ti[cć]eni\w*|u[cč]eni[ck]\w*|migrant\w*"
    r"|stran(?:ac|ca|cu|ci|cem|kinj\w*)|osumnji[cč]en\w*|optu[zž]en\w*|u[cč]inio?[cl]\w*|po[cč]inio?[cl]\w*"
    r"|gospo[dđ]\w*|g-[dđ]\w*|njen\w*|njegov\w*|njihov\w*|njoj|njemu|nju|njega|nje|njima|ona|svoj\w*|ku[cć]n\w*"
    r"|mother|father|parent\w*|famil\w*|person\w*|child\w*|girl\w*|boy\w*|witness\w*|guardian\w*|wom[ae]n\w*|man|men"
    r"|wife|husband|son|sons|daughter\w*|aunt\w*|uncle\w*|relative\w*|friend\w*|neighbo\w*|client\w*|beneficiar\w*"
    r"|foster\w*|migrant\w*|suspect\w*|perpetrator\w*|trafficker\w*|she|her|hers|he|him|his|their|them|they|home"
    r"|pacijent\w*|patient\w*|osu[dđ]en\w*|pritvoren\w*|zatvorenik\w*|convict\w*|detainee\w*|prisoner\w*)(?!\w)",
)
# ("ženski" is women's before a thing's noun, "ženski kutić", "ženski centar"; not before a sex's, "ženski pol", nor
# alone, "Ministarstvo zdravlja, ženski: ...")
# Where a sentence ends: ". " before a capital ("tel. 011" goes on), "!", "?", ";" or a line's end.
_RE.add("SENTENCE_END", r"[.!?;]\s+(?=[A-ZČĆŽŠĐА-ЯЂЈЉЊЋЏ])|[!?;\n]")
# Between two lines of one body's list, nothing but a comma, a slash, "i" or a label: "Ministarstvo zdravlja: 011
# 3612345, 011 3612346", "011 3612345 / 011 3612346", "011 3612345, faks 011 3612346".
_RE.add("LIST_SEPARATOR", rf"(?i)\s*[,/]?\s*(?:(?:i|и|ili|или|and|or)\s+)?(?:(?:{_CONTACT_WORD}|факс)\.?:?\s*)?")
_BODY_NAME = 100  # characters: "Kontakt Ministarstva rada, zapošljavanja, boračkih i socijalnih pitanja: " is 73
_SENTENCE = 500  # characters of a number's sentence searched for a person named in it (a cell's long sentence)


# --- what is personal by the word before it ------------------------------------------------------

_UPPER = _UPPER_LETTERS
_LOWER = "a-zčćžšđа-яђјљњћџ"
_CAPITALISED = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
# A word in capitals, in Latin script as a Cyrillic one reads in it ("СТРАХИЊА" is "STRAHINjA")
_IN_CAPITALS = rf"[{_UPPER}](?:[{_UPPER}]|(?<=[LN])j|(?<=D)ž)*"
_VICTIM = (
    r"žrtv[aeiu]|žrtvom|zrtv[aeiu]|zrtvom|žrtvin\w*|zrtvin\w*|жртвин\w*|oštećen[aeiou]?|oštećen(?:og|oj)|maloletn(?:a|i|ica|ik|og|oj)|victim"
    r"|жртв[аеиу]|жртвом|оштећен[аеиоу]?|оштећен(?:ог|ој)|малолетн(?:а|и|ица|ик|ог|ој)"
)
# "M.P.", "A. J.": with an age and a town, as telling as the name; not N.N. (nomen nescio), which is how a name is
# left out
_INITIALS = rf"(?![NН]\.\s?[NН]\.)[{_UPPER}]\.\s?[{_UPPER}]\."
_RE.add("NAME", rf"(?<!\w)(?i:{_VICTIM})(?!\w)[:,]?\s+(?P<name>{_CAPITALISED}\s+{_CAPITALISED}(?!\w)|{_INITIALS})")
_RE.add("VICTIM_WORD", rf"(?i)(?<!\w)(?:{_VICTIM})(?!\w)")  # one victim; "Centar za zaštitu žrtava" is a name
# Capitalised words that follow a word for victims and name no person: institutions, places, the law.
_NOT_A_NAME = (
    "republi",  # Republika, Republici
    "srbij",
    "srpsk",
    "centr",
    "centar",
    "ministarstv",
    "trgovin",
    "crven",
    "grad",
    "opštin",
    "sud",
    "tužilaštv",
    "kancelarij",
    "savet",
    "vlad",
    "ujedinjen",
    "evrop",
    "narodn",
    "novi",
    "novog",
    "novom",
    "beograd",
    "policij",
    "uprav",
    "zakon",
    "akcion",
    "strategij",
    "kosov",
    "metohij",
    "vojvodin",
    "međunarodn",
    "organizacij",
    "sigurn",
    # the Strategy's places, instruments and bodies ("žrtve Zapadnog Balkana", "Istanbulske Konvencije", "žrtvi
    # Nacionalnog Mehanizma za upućivanje"), and their English words ("victim Support Services")
    "zapadn",
    "istočn",
    "jugoistočn",
    "balkan",
    "konvencij",
    "protokol",
    "mehaniz",
    "nacionaln",
    "program",
    "služb",
    "sistem",
    "agencij",
    "misij",
    "instituc",
    "koordin",
    "grup",
    "western",
    "national",
    "convention",
    "mechanism",
    "support",
    "servic",
    "identif",
    "procedur",
    "protect",
    "assist",
    "referral",
    "ministr",
    "council",
    "office",
    "shelter",
    "serbi",
    # a body's working groups and teams ("contact person for the Working Group")
    "group",
    "working",
    "team",
    "committee",
    # shelters ("SVRATIŠTE ZA DECU")
    "svratišt",
    "svratist",
    "prihvatilišt",
    "prihvatilist",
)
# English words of a body that begin first names too (Courtney, Unity), and a shelter's house ("KUĆA ZA ŽENE"; Kućević
# is a surname): not a name only as the whole word
_NOT_A_NAME_WORDS = frozenset(
    {"court", "courts", "unit", "units", "kuća", "kuće", "kući", "kuću", "kuca", "kuce", "kuci"}
)
# A first word with an adjective's ending names a thing, never a person: no first name ends so, in any case
# ("žrtve Zapadnog Balkana", "Istanbulske konvencije", "Nacionalnog mehanizma", "Zapadnih zemalja"). Not "-ih" alone:
# German first names end so as Serbian writes them (Ulrih, Henrih, Fridrih).
_ADJECTIVE_ENDINGS = ("og", "skih", "nih", "ske", "skoj")
# "r." is "rođen(a)" abbreviated ("Marija P. (r. 12.03.2005)"), in small letters and not after a dot ("p.r."); the
# birth word in the cases a sentence puts it in: "rođena", "devojčicu rođenu", "devojčici rođenoj", "dečaka rođenog(a)",
# "dečaku rođenom(e)", "devojčice rođene"
_BIRTH = (
    r"(?:rođen|rodjen|roden)(?:[aioue]|oj|oga?|ome?|omu)?|rođ\.|rodj\.|(?<![\w.])(?-i:r)\.|datuma? ro(?:đ|dj|d)enja"
    r"|born|date of birth|dob|рођен(?:[аиоуе]|ој|ога?|оме?|ому)?|рођ\.|(?<![\w.])(?-i:р)\.|датума? рођења|доб"
)
# A form's label that names the place before the date ("mesto i datum rođenja: Niš, 01.02.2005.")
_PLACE_AND_BIRTH = (
    r"(?:datum\w*|mest\w*)\s+i\s+(?:datum\w*|mest\w*)\s+ro(?:đ|dj|d)enja|(?:date|place)\s+and\s+(?:date|place)\s+of\s+birth"
    r"|(?:датум\w*|мест\w*)\s+и\s+(?:датум\w*|мест\w*)\s+рођења"
)
_YEAR = "(?:19|20)[0-9]{2}"
# A month in words: Serbian in its cases (januar, januara, januaru, januarom; septembar, septembra), both scripts,
# English, and their abbreviations ("feb", "okt.", "Sept").
_MONTH = (
    r"(?:januar|februar|april|avgust|august|јануар|фебруар|април|август)(?:a|u|om|а|у|ом)?|(?:mart|март)(?:a|u|om|а|у|ом)?"
    r"|(?:maj|мај)(?:a|u|em|а|у|ем)?|(?:jun|jul|јун|јул)(?:a|u|om|i|а|у|ом|и)?"
    r"|(?:septemb|oktob|novemb|decemb|септемб|октоб|новемб|децемб)(?:ar|ra|ru|rom|ар|ра|ру|ром)"
    r"|january|february|march|may|june|july|september|october|november|december"
    r"|jan|feb|mar|apr|avg|aug|sept?|okt|oct|nov|dec|јан|феб|мар|апр|авг|септ?|окт|нов|дец"
)
_ORDINAL = r"(?:\.|st|nd|rd|th)?"
# A month in Roman figures, as Serbian dates often have it ("1. II 2005.", "1.II.2005", "1/II/2005"), in capitals or
# in small figures ("1. ii 2005."), its I and X typed in the Cyrillic letters that look so ("1. ІІ 2005.": a Cyrillic
# keyboard has Ukrainian І, і and Х, х)
_ROMANS = ("XII", "XI", "X", "IX", "VIII", "VII", "VI", "V", "IV", "III", "II", "I")
_ROMAN_CAPITALS = "(?:" + "|".join(r.replace("I", "[IІ]").replace("X", "[XХ]") for r in _ROMANS) + ")"
_ROMAN_SMALL = "(?:" + "|".join(r.lower().replace("i", "[iі]").replace("x", "[xх]") for r in _ROMANS) + ")"
_ROMAN_SEPARATOR = r"(?:\.\s?|\s|/|-)"
# a small one after a space only is a word: "3 i 2017" is three and 2017, "3 x 2018" three times 2018
_ROMAN_MONTH = rf"(?-i:{_ROMAN_SEPARATOR}{_ROMAN_CAPITALS}|(?:\.\s?|/|-){_ROMAN_SMALL}){_ROMAN_SEPARATOR}"
_DATE = (
    rf"[0-9]{{1,2}}\.\s?[0-9]{{1,2}}\.\s?{_YEAR}|{_YEAR}-[0-9]{{2}}-[0-9]{{2}}|[0-9]{{1,2}}/[0-9]{{1,2}}/{_YEAR}"
    rf"|[0-9]{{1,2}}-[0-9]{{1,2}}-{_YEAR}|[0-9]{{1,2}}{_ROMAN_MONTH}{_YEAR}"
    rf"|[0-9]{{1,2}}{_ORDINAL}\s*(?:of\s+)?(?i:{_MONTH})(?!\w)\.?,?\s*{_YEAR}"
    rf"|(?i:{_MONTH})(?!\w)\.?\s+[0-9]{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}"
)
# Whose it is, between a label and its value: "datum rođenja žrtve: 12.03.2005", "JMBG deteta 0101990710006".
_WHOSE = (
    r"(?i:žrtv[ei]|zrtv[ei]|жртв[еи]|maloletn(?:e|og|ika|ice)|малолетн(?:е|ог|ика|ице)|detet[au]|детет[ау]|devoj[cč]ic[ei]"
    r"|девојчиц[еи]|de[cč]ak[au]|дечак[ау]|svedok[au]|сведок[ау]|svedokinj[ei]|сведокињ[еи]|lic[au]|лиц[ау]"
    r"|of (?:the )?(?:victim|child|witness|person))"
)
# Words of a period or a count's day, never of a place: "Deca rođena u periodu od 1. januara 2017.", "rođeni u Srbiji,
# stanje na dan 31.12.2018.", "children born in Serbia after 1 January 2018" are statistics, not a birth date.
_WHEN_WORD = (
    r"od|do|posle|poslije|nakon|pre|prije|pred|zaklju[cč]no|sa|tokom|izme[dđ]u|izmedju|period\w*|razdobl\w*|stanj\w*"
    r"|dan|од|до|после|након|пре|пред|закључно|са|током|између|период\w*|раздобљ\w*|стањ\w*|дан"
    r"|from|to|after|before|since|until|till|by|between|during|period\w*|as|through|within"
)
# Where, between the word for a birth and the date: "rođena u Nišu 1. februara 2005", "born in Novi Sad, Serbia, on
# 12/03/2005", up to four words after "u", "in"... (no digit, sentence's end nor word of a period among them).
_BIRTH_PLACE = (
    r"(?:\s+(?i:je|је|was))?\s+(?i:u|у|in|at|kod|код|near)\s+"
    rf"(?:(?!(?i:{_WHEN_WORD})(?!\w))[^\W\d_]+,?\s+){{1,4}}?"
)
_RE.add(
    "PLACE_AND_BIRTH_DATE",
    rf"(?<!\w)(?i:{_PLACE_AND_BIRTH})(?:\s+{_WHOSE}(?!\w))?:?\s*"
    rf"(?:(?!(?i:{_WHEN_WORD})(?!\w))[^\W\d_]+,?\s+){{0,4}}?(?P<date>{_DATE})(?![0-9])",
)
_RE.add(
    "BIRTH_DATE",
    rf"(?<!\w)(?P<label>(?i:{_BIRTH}))(?!\w)(?:\s+(?P<whose>{_WHOSE})(?!\w))?(?P<colon>[:,]?)(?P<place>{_BIRTH_PLACE})?"
    rf"\s*(?:(?i:je|је|dana|дана|on)\s+)?(?P<date>{_DATE})(?![0-9])",
)
# "dob" (доб) is Serbian for age too ("bez obzira na dob", "po polu i dob", "starosna dob"): after such words, with a
# comma after it and no victim nor other person named before it, the date after it is no date of birth ("..., bez
# obzira na dob, 15.03.2018. u Nišu"). "DOB", "dob:" and "dob" after a comma or a person ("Maloletna žrtva, dob
# 12.03.2005") are, and so is a date right after it ("pol i dob 12.03.2005" is a form's sex and date of birth).
# Searched in the text in Latin script.
_RE.add(
    "AGE_BEFORE",
    r"(?i)(?<!\w)(?:(?:pol[aeu]?|uzrast[aeu]?)\s+(?:i|ili)|na|po|prema|za"
    r"|(?:starosn|radn|mlađ|mladj|odrasl|školsk|skolsk|predškolsk|ran|zrel|ist)(?:a|u|e|oj))\s+$",
)
# A birth word whose subject is a thing, not a person: "Program je rođen u Beogradu 1. marta 2018.", "Ideja, rođena
# 1. marta 2018,", "The initiative was born in Niš on 1 March 2018". The thing's word in the nominative, singular or
# plural, right before the birth word (a relative pronoun and an auxiliary may stand between), first in its clause
# (a demonstrative or possessive may stand before it): "Korisnica programa, rođena 1.2.2005" (the genitive, "of the
# programme") and "upućena u program, rođena 1.2.2005", "in the programme, born ..." (after a preposition or a verb:
# no subject) are a person's. Searched in the text before it in Latin script, a line's end before a value's start.
_RE.add(
    "A_THINGS_BIRTH",
    r"(?i)(?:[\n.!?;:,(–—-]\s*)(?:(?:ovaj|ova|ovo|ovi|ove|taj|ta|ti|te|na[sš][aei]?|nov[aioe]?|the|this|these|our|new"
    r"|ovu|ovoj|ovog|ovom|tu|toj|tog|tom|na[sš](?:u|oj|eg|em)|nov(?:u|oj|og|om))\s+)?"
    # the thing's noun in any case ("Ideju rođenu 3. 4. 2018. sproveli smo"): _agrees tells its case by its ending
    r"(?P<thing>program[aiue]?|programme|programmes|programs|projek(?:a)?t|projekt[aiue]|projects?|idej[aeiu]|ideas?"
    r"|inicijativ[aeiu]|initiatives?|plan[au]?|planov[ie]|plans)"
    # its complement: "Ideja o saradnji rođena je ...", "The idea of a joint centre was born ..." (_is_a_things_birth
    # takes it for a person's when it names one: "Plan za dete, rođeno ...")
    r"(?P<complement>\s+(?:o|za|od|sa|s|of|for|on|about|with)(?:\s+[^\W\d_]+){1,3}?)?"
    r"(?:\s*,?\s+(?:koj[iae]|that|which))?(?:\s+(?:je|su|nije|nisu|was|were|is|are|has been|have been|had been))?"
    r"\s*,?\s*$",
)
_DOCUMENT_WORD = (
    r"pasoš\w*|pasos\w*|passport|lične karte|lična karta|ličnu kartu|identity card|id card"
    r"|пасош\w*|личне карте|лична карта|личну карту"
)
_RE.add(
    "DOCUMENT",
    rf"(?<!\w)(?i:{_DOCUMENT_WORD})(?!\w)[\s:.,#]*(?:(?i:br|no|nr|broj|number|бр|број)\.?[\s:#]*)?"
    rf"(?P<number>[A-Z]{{0,2}}[0-9]{{6,9}})(?!\w)",
)


# Thirteen digits (in one of a JMBG's spellings, its groups up to three spaces apart as without the word) right after
# the word for one: a person's number even when a digit is mistyped, so that its date or control digit is wrong.
_JMBG_DIGITS = rf"[0-9](?:(?:[./,-]|{_SP}{{1,3}})?[0-9]){{12}}"
_RE.add(
    "LABELLED_JMBG",
    r"(?<!\w)(?i:jmbg(?:-?[a-zа-я]{1,3})?|јмбг(?:-?[а-я]{1,3})?|mati[čc]n\w* broj\w*|матичн\w* број\w*)(?!\w)"
    rf"(?:\s+{_WHOSE}(?!\w))?(?:[\s:.,#()-]*(?i:broj|br|je|glasi|број|бр|је))?[\s:.,#()-]*"
    rf"(?P<number>{_JMBG_DIGITS})(?![0-9]|[.,/-][0-9]|\w)",
)
# The next number of a list after such a word: "JMBG: 0101990710006, 0202985715003" (or "; ", " i ", " and ").
_RE.add(
    "NEXT_LABELLED_JMBG",
    rf"(?:\s*[,;]\s*|\s+(?:i|и|and)\s+)(?P<number>{_JMBG_DIGITS})(?![0-9]|[.,/-][0-9]|\w)",
)


def _labelled_jmbgs(text: str) -> Iterator[re.Match[str]]:
    """Each number named a JMBG, and each number of a list that follows it."""
    for first in _RE.LABELLED_JMBG.finditer(text):
        found: re.Match[str] | None = first
        while found is not None:
            yield found
            found = _RE.NEXT_LABELLED_JMBG.match(text, found.end("number"))


def _is_name(name: str) -> bool:
    words = [cyrillic_to_latin(word).lower() for word in name.split()]
    if words[0].endswith(_ADJECTIVE_ENDINGS):
        return False
    return not any(word.startswith(_NOT_A_NAME) or word.strip(".,;:") in _NOT_A_NAME_WORDS for word in words)


# Two capitalised words, each start of a pair looked at (overlapping: "Kontakt Marija Petrović"), and the word before it
_RE.add("NAME_PAIR", rf"(?<!\w)(?=(?P<pair>{_CAPITALISED}\s+{_CAPITALISED})(?!\w))")
_RE.add("LAST_WORD", r"(\w*)\W*$")
# Capitalised words of a body's English title ("Ministry of European Integration", "... Veteran and Social Affairs")
# and of a street named after a person ("Kneza Miloša 20", "Bulevar Mihajla Pupina 2"): no person named there
_RE.add(
    "TITLE_WORD",
    r"(?:"
    r"affair|integrat|right|dialog|labo|employ|veteran|health|justice|interior|educat|scien|financ|defen"
    r"|cultur|inform|youth|sport|econom|agricult|forest|water|environ|trade|touris|telecom|administ|self"
    r"|famil|demograph|care|social|minorit|human|europ|foreign|public|state|energ|mining|construct"
    r"|transport|infrastruct|innovat|technolog|develop|department|directorate|work|bulevar|ulic|trg|kneza"
    r"|kneginj|kralj|cara|carice|vojvod|generala|despota|svetog|svete|action"
    r"|dom(?:a|u|om)?$"  # "Kontakt Doma zdravlja", and not Domagoj
    r")",
)
# Words of a body's Serbian title written in capitals ("Ministarstvo Unutrašnjih Poslova", "Ministarstvo Zdravlja")
# and "Media" (Ministry of Culture and Media): stems no first name or surname begins with. A word of a title, not the
# word before a name ("... socijalne zaštite Marija Petrović" names her).
_RE.add(
    "TITLE_WORD_ITSELF",
    r"zdravlj|pravde|pravda|prava|finansij|privred|prosvet|nauk[aeiu]|tehnolo|razvoj|zapo[sš]ljavanj|bora[cč]k"
    r"|socijaln|pitanj|unutra[sš]nj|poslov|spoljn|odbran|informisanj|omladin|trgovin|turiz|telekomunik|dr[zž]avn"
    r"|uprav|lokaln|samouprav|ljudsk|manjinsk|dru[sš]tv|dijalog|evropsk|integracij|poljoprivred|[sš]umarstv"
    r"|vodoprivred|za[sš]tit|[zž]ivotn|sredin|gra[dđ]evinarstv|gradjevinarstv|saobra[cć]aj|rudarstv|energetik"
    r"|inovacij|demografij|komesarijat|media|medij",
)


def _holds_a_name(text: str) -> bool:
    """Whether `text` (in Latin script) holds a first and last name (_is_name), as a person named beside a number is;
    not a body's title nor a street's (_RE.TITLE_WORD)."""
    return any(_is_persons_pair(text, m) for m in _RE.NAME_PAIR.finditer(text))


def _is_persons_pair(text: str, m: re.Match[str]) -> bool:
    prior = _RE.LAST_WORD.search(text, max(0, m.start() - 40), m.start())
    words = [prior[1].lower() if prior else "", *m["pair"].lower().split()]
    return (
        _is_name(m["pair"])
        and not any(_RE.TITLE_WORD.match(word) for word in words)
        and not any(_RE.TITLE_WORD_ITSELF.match(word) for word in words[1:])
        and not _is_place(m["pair"])  # "Bačka Palanka", "Savski Venac"
    )


# Words that may stand between a number and whose it is, right after it: "011 3612345 - broj svedokinje", "(telefon
# žrtve)", "(the victim's phone)". Searched in Latin script.
_WHOSE_LABEL = (
    r"broj\w*|br|telefon\w*|tel|mob\w*|fiksn\w*|kontakt\w*|number|phone|mobile|contact|je|is|ovo|this|the|of|a"
    r"|pripada\w*|belongs?|to"
)
_RE.add("TO_THE_OWNER", rf"(?i)[\s,:;(\[–—-]*(?:(?:{_WHOSE_LABEL})\.?[\s:]+)*")
# A person's word followed by a number names that one ("011 3612345, majka 011 3612346": the second is the mother's)
_RE.add("LABELS_THE_NEXT", rf"(?i)(?:\s+(?:{_WHOSE_LABEL})\.?)*[\s:]*[+(]?[0-9]")
# The body's contact person ("011 3612345 (osoba za kontakt)", "contact person"): the number is the body's, unless the
# person is named after it ("osoba za kontakt: Marko", "kontakt osoba žrtve")
_RE.add(
    "CONTACT_PERSON",
    r"(?i)(?:(?:osob\w*|lic[aeiu])\s+za\s+kontakt\w*|(?:osob\w*|lic[aeiu])\s+zadu[zž]en\w*|person\s+in\s+charge"
    r"|(?<=kontakt[\s-])(?:osob\w*|lic[aeiu])|(?<=contact\s)person\w*)(?!\w)",  # "kontakt", "contact" are labels
)
# What may follow the contact person's word in its clause and name no one: a preposition ("za saradnju", "sa medijima",
# "u Ministarstvu", "for the Action Plan") or the body's word ("kontakt osoba Ministarstva")
_RE.add("PREPOSITION", r"(?i)(?:za|sa|s|u|iz|kod|pri|for|with|in|at|of|from|within)")
_RE.add("FIRST_TOKEN", r"\s*(?P<token>[^\W\d_]+\.?|\S)")
# The capitalised word after a preposition: "sa Markom", "sa dr Markom", "sa kolegom Markom"; not after "the", which
# no name takes ("for the Strategy", "at the Embassy"), nor numbered, as a part of the plan is ("za Cilj 5")
_RE.add(
    "AFTER_A_PREPOSITION",
    r"(?:\s+(?i:dr|mr|mrs|ms|prof|g|gđa|gđica|gdin|gospodin\w*|gospođ\w*|koleg[aeiu]|kolegom|kolegin\w*|colleague)\.?)?"
    rf"\s+(?P<word>{_CAPITALISED})(?!\w)(?!\s*[0-9])",
)
_RE.add("INITIALS_ANYWHERE", rf"(?i)(?<!\w){_INITIALS}")
_RE.add("ONE_WORD", rf"(?P<word>{_CAPITALISED})(?!\w)")
# A verb in the rest of the person's clause makes it a sentence about people, not whose the number is ("011 3612345,
# žrtve se upućuju u Centar")
_RE.add("CLAUSE_REST", r"[^,;()\[\]\n]*")
_RE.add("A_VERB", rf"(?i)(?<!\w)(?:{_DOER_WORD}|se|are|can|may|mogu|može|moze)(?!\w)")


def _named_right_after(text: str, end: int) -> bool:
    """Whether a person is named right after the number ending at `end`, by a word for one, a first and last name or
    a name among the labels in brackets (_names_in_brackets): "011 3612345 - broj svedokinje", "(telefon žrtve)",
    "(Marko)", "(Niš, Marko)". A word for a person and a number after it name that number instead; a verb after
    it in its clause makes a sentence about people ("011 3612345, žrtve se upućuju u Centar")."""
    window, nul, _ = text[end : end + _BEFORE].partition("\x00")
    after = _without_staff_of_bodies(_without_organisations_in_capitals(cyrillic_to_latin(window)))
    value_ends = bool(nul) or end + _BEFORE >= len(text)  # not where the window cuts the text
    at = _RE.TO_THE_OWNER.match(after)
    assert at is not None  # it matches the empty text
    if role := _RE.CONTACT_PERSON.match(after, at.end()):
        if _names_the_contact_person(_clause_rest(after, role.end())):
            return True
        at = _RE.TO_THE_OWNER.match(after, role.end())
        assert at is not None  # it matches the empty text
        if (one := _RE.ONE_WORD.match(after, at.end())) and not _is_body_or_title_word(one["word"]):
            return True
    ends = [m.end() for m in (_RE.VICTIM_WORD.match(after, at.end()), _RE.PERSON_BEFORE.match(after, at.end())) if m]
    if (pair := _RE.NAME_PAIR.match(after, at.end())) and _is_persons_pair(after, pair):
        ends.append(pair.end("pair"))
    # a bracket right after the number, an organisation's name in capitals first in it blanked ("(SAVE THE CHILDREN,
    # Marko)", "(ŽENE NA PUTU Marko)": the labels after it are looked at)
    opened = at[0].rfind("(")
    blank = opened >= 0 and not at[0][opened + 1 :].strip(" ,;–—-")
    brackets = _RE.IN_BRACKETS.match(after, opened + 1) if blank else None
    if (
        brackets
        and (brackets["unclosed"] != "" or value_ends)
        and _names_in_brackets(brackets["labels"], _latin_before(text, end, _BODY_NAME))
    ):
        ends.append(brackets.end())
    return any(
        not _RE.LABELS_THE_NEXT.match(after, end) and not _RE.A_VERB.search(_clause_rest(after, end)) for end in ends
    )


# What a bracket after a number holds, its labels apart: "(Niš, Marko)", "(Marko Petrović, Beograd)", "(Ada)"
# (or one not closed, at the line's or the value's end: "011 3612345 (Ana")
_RE.add("IN_BRACKETS", r"(?P<labels>[^()\n\x00]{1,80})(?:\)|(?P<unclosed>\n|$))")
_RE.add("LABELS_IN_BRACKETS", r"\s*[,;/–—]\s*|\s+-\s+")  # not a dash inside a word: "Soko-Banja"
# A first name with a surname's initial or a first name's before a surname ("Marko P.", "M. Petrović"), or with where
# the person is from ("Marko iz Niša")
_FROM_A_PLACE = r"iz|sa|s|od|kod|u|from|in|at|near"
# A first and last name in small letters, the last with a surname's ending ("marko petrović", "ana jovanovic"): no
# small word of a body's line ends so ("lokal 234", "glavna centrala")
_RE.add("A_NAME_IN_SMALL_LETTERS", rf"[{_LOWER}]{{2,}}\s+[{_LOWER}]{{2,}}(?:ić|vic)")
# An adjective's endings before such a word: a thing's name ("dečiji kutić", "porodični kutić"), no first name's
_ADJECTIVES_ENDINGS = ("ji", "ski", "čki", "ški", "ni")
_RE.add("A_NAME_AND_INITIAL", rf"{_CAPITALISED}\s+[{_UPPER}]\.?|[{_UPPER}]\.\s*{_CAPITALISED}")
_RE.add(
    "A_NAME_FROM",
    rf"{_CAPITALISED}\s+(?P<preposition>(?i:{_FROM_A_PLACE}))\s+(?P<place>[^\W\d_]+(?:-[^\W\d_]+)?(?:\s+[^\W\d_]+){{0,4}})",
)


# People a report names by their role (a lecturer, a trainer, a participant, staff): one person after a name ("VERA
# TRENER"), no thing
_PERSONS_NOUN = (
    r"predava[cč]\w*|instruktor\w*|trener\w*|u[cč]esni[ck]\w*|lica|osobe|polazni[ck]\w*|slu[zž]beni[ck]\w*"
    r"|eksper[at]\w*|stru[cč]nja[ck]\w*|referent\w*|staff|trainers?|experts?|participants?|officers?|officials?"
)
_RE.add("A_PERSONS_NOUN", rf"(?i){_PERSONS_NOUN}")
# The nouns an officer labels a report's line with, which no first name is: what was done and given (a training, a
# meeting, support, a referral, a letter, a donation) and people in the plural (staff, participants). Before where it
# is from, such a noun names no one ("Podrška iz MUP-a", "Dopis iz Ministarstva pravde", "Prijem iz Niša").
_RE.add(
    "A_REPORTS_NOUN",
    r"(?i)podr[sš]k\w*|podr[sš]ci|pomo[cć]\w*|saradnj\w*|dopis\w*|pism[aeiou]\w*|obu[kc]\w*|trening\w*|radionic\w*"
    r"|seminar\w*|sastan[ck]\w*|konferencij\w*|edukacij\w*|predavanj\w*|kampanj\w*|informacij\w*|upu[cć]iv\w*"
    r"|prijav\w*|prijem\w*|poziv\w*|zahtev\w*|donacij\w*|sredst\w*|finansir\w*|sme[sš]taj\w*|ispostav\w*|filijal\w*"
    r"|materijal\w*|podac\w*|podat[ak]\w*|preporu[kc]\w*"
    rf"|{_PERSONS_NOUN}"
    # what an office keeps and does ("Nabavka iz MUP-a", "Zapisnik iz MUP-a", "Lokacija"), and the endings of nouns of
    # an activity ("Koordinacija", "Prevencija", "Inspekcija"; "Savetovanje", "Praćenje"), after a stem longer than a
    # first name's that ends so ("Gracija", "Ignacija"; "Sanje", "Tanje", the genitives of "Sanja", "Tanja")
    r"|nabav\w*|logisti\w*|statisti\w*|zapisni[ck]\w*|prevod\w*|anket\w*|analiz\w*|lokacij\w*|relacij\w*"
    # a room of the body's ("Kabina iz MUP-a", "Sala u Beogradu", "Šalter B"), as its building's; not "Sale", a nickname
    r"|kabin[aeiu]|kabinom|sal[aiu]|salom|sob[aeiu]|sobom|[sš]alter\w*|hol|hola|holu"
    r"|\w{4,}(?:acij|encij)(?:[aeiu]|om)|\w+kcij(?:[aeiu]|om)|\w{2,}[aei]nj(?:e|em)"
    r"|support|help|assistance|cooperation|letters?|trainings?|meetings?|workshops?|seminars?|conferences?|referrals?"
    r"|funding|funds|donations?|requests?|calls?|visits?",
)


def _is_place_or_body(preposition: str, words: str) -> bool:
    """Whether words after a preposition of where are a place's name, or after "iz", "od", "from" a body's: where
    someone is from ("Marko iz Niša", "Marko iz MUP-a", "Ana iz Centra za socijalni rad"; not "Saradnja sa MUP-om",
    "Prijem u Ministarstvu")."""
    return _is_place(words) or (bool(_RE.FROM_A_BODY.fullmatch(preposition)) and _names_a_body(words))


def _is_a_reports_noun(word: str) -> bool:
    return bool(_RE.A_REPORTS_NOUN.fullmatch(cyrillic_to_latin(word)))


def _is_a_labels_where(word: str, whence: re.Match[str]) -> bool:
    """Whether a label's noun is before where it is from, a place or a body's whole name ("Podrška iz MUP-a", "Prijem
    iz Niša"; not "Podrška iz MUP-a Marko", whose last word is no body's)."""
    words = whence["place"]
    return _is_a_reports_noun(word) and (
        _is_place(words) or (bool(_RE.FROM_A_BODY.fullmatch(whence["preposition"])) and _is_a_bodys_whole_name(words))
    )


def _is_a_bodys_whole_name(words: str) -> bool:
    """Whether words after "iz", "od", "from" are a body's name and nothing else, each word the body's, a small word or
    a case's ending ("MUP-a", "Centra za socijalni rad"; not "MUP-a Marko")."""
    return _names_a_body(words) and all(
        len(w) < 3 or _RE.SMALL_WORD.fullmatch(w) or _is_a_bodys_word(w) for w in re.split(r"[\s-]+", words)
    )


# Persons with the body they are from, its staff: no one's number ("Lica iz MUP-a", "osobe iz Centra za socijalni rad")
_RE.add(
    "PERSONS_FROM",
    r"(?i)(?<!\w)(?P<persons>lic[aeu]|osob[aeu])\s+(?:iz|od)\s+(?P<body>[^\W\d_]+(?:-[^\W\d_]+)?(?:\s+[^\W\d_]+){0,4})",
)


def _without_staff_of_bodies(text: str) -> str:
    """`text` (in Latin script) with the word for persons blanked where a body's name follows it (_RE.PERSONS_FROM)."""

    def blanked(m: re.Match[str]) -> str:
        ends = [word.end() for word in re.finditer(r"\S+", m["body"])]
        for end in reversed(ends):  # the longest body's name, what follows it kept ("Lica iz MUP-a Marko Petrović")
            body = m["body"][:end]
            if _is_a_bodys_whole_name(body) and not _is_place(body.split()[0]):
                cut = m.start("body") - m.start() + end
                return " " * cut + m[0][cut:]
        return m[0]

    return _RE.PERSONS_FROM.sub(blanked, text)


def _names_in_brackets(labels: str, before: str) -> bool:
    """Whether the labels in a bracket after a body's number (in Latin script) name a person among places and the
    body's words ("Niš, Marko", "MARKO, NIŠ", "Beograd, Marko Petrović"): one capitalised word, or one in capitals
    that may be a name, that is no body's, title's nor place's word, a first and last name, words in capitals that are
    no organisation's ("MARKO IZ NIŠA"; not "ŽENE NA PUTU"), a name with an initial or where the person is from
    ("Marko P.", "Marko iz Niša"), or a place's name that is a name too ("Ada") after a body that has no seat in a town
    (`before`, the text before the number: a ministry's)."""
    for label in _RE.LABELS_IN_BRACKETS.split(labels.strip(" \t\n,;/–—-")):  # "- Marko" after a blanked name
        if _RE.A_PRIVATE_LINE.match(label):  # "privatni telefon", "stan": a home's, someone's
            return True
        if _RE.CAPITALS_RUN.fullmatch(label):  # (a line's label in capitals, "KONTAKT TELEFON", names no one)
            if not _RE.CONTACT_WORDS.fullmatch(label) and not _is_organisation_in_capitals(label):
                return True
            continue
        if (pair := _RE.NAME_PAIR.match(label)) and pair.end("pair") == len(label) and _is_persons_pair(label, pair):
            return True
        if (
            _RE.A_NAME_IN_SMALL_LETTERS.fullmatch(label)
            and _has_a_names_letters(label.split()[0])
            and not label.split()[0].endswith(_ADJECTIVES_ENDINGS)  # "dečiji kutić", "porodični kutić"
            and not any(map(_is_bodys_own_word, label.split()))  # "centar obilić", "info kutić"
        ):
            return True
        if _only_first_names(label.split()):  # "(ana)", "(kod ane)", "(Ana i Marko)"
            return True
        if _a_things_of_someone(label.split()):  # "(ženski kutić Jelene)", "(soba Marka)"
            return True
        first = _RE.ONE_WORD.search(label)
        whence = _RE.A_NAME_FROM.fullmatch(label)
        if whence and _is_a_first_names_form(whence["place"].split()[0]):  # "Podrška od Ane"
            return True
        if (
            (
                _RE.A_NAME_AND_INITIAL.fullmatch(label)
                or (whence and _is_place_or_body(whence["preposition"], whence["place"]))
            )
            and first
            and not _is_bodys_own_word(first["word"])
            and not (whence and _is_a_labels_where(first["word"], whence))
        ):
            return True
        in_capitals = len(label) >= 3 and _in_capitals(label) and _may_be_a_name_in_capitals(label)  # not "PU"
        if not (_RE.ONE_WORD.fullmatch(label) or in_capitals):
            continue
        if not _is_bodys_own_word(label) and not _is_a_reports_noun(label):  # "(Obuke)", "(PODRŠKA)"
            return True
        if _folded(label) in _names_that_are_places() and not _a_seat_before(before):
            return True
    return False


# A room's word ("kutić", "soba", "kancelarija"): before a first name's case, the person's room; not a street's,
# a school's or a hospital's, which bear people's names ("bulevar Zorana Đinđića", "bolnica Dragiša Mišović")
_RE.add(
    "A_ROOMS_WORD",
    r"(?i)kuti[cć]\w*|sob[aeiu]|sobom|kancelarij\w*|kabinet\w*|kabin[aeiu]|kabinom|sal[aiu]|salom|prostorij\w*"
    r"|[sš]alter\w*|ordinacij\w*",
)


def _a_things_of_someone(words: list[str]) -> bool:
    """Whether words in small letters ending in a room's word ("ženski kutić", "soba") go on with a first name the
    project knows in one of its cases, not a word of a body's name in the registry in force: that person's ("ženski
    kutić Jelene", "soba Marka i Ane", "kutić Marka Petrovića"; not "kutić Centra", "ulica Vojislava Ilića")."""
    small = list(itertools.takewhile(str.islower, words))
    rest = words[len(small) :]
    return (
        bool(small)
        and bool(_RE.A_ROOMS_WORD.fullmatch(cyrillic_to_latin(small[-1])))
        and bool(rest)
        and _is_a_first_names_form(rest[0])
        and _folded(rest[0]) not in _words_in_force()
    )


# A label that says a line is a private one, a home's ("privatni telefon", "lični broj", "stan", "private"): someone's,
# though after a body's name; the word alone or before a line's word ("privatni broj direktora"), not before one that
# says what a line is for ("privatne agencije", "lična karta", "private sector") nor a word of a title ("Odsek za
# privatnu praksu")
_RE.add(
    "A_PRIVATE_LINE",
    r"(?i)(?:privatn\w*|privatan|li[cč]n(?:i|a|o|og)|li[cč]an|stan|stana|stanu|private|personal|residence)"
    rf"(?:\s+(?:{_CONTACT_WORD}|mobiln\w*|mob|fiksn\w*|linij\w*|number|line|mobile|cell)(?!\w)|\.?[\s:,.-]*$)",
)


# A bracket among a body's name and its labels, up to its end or the next one: "Ministarstvo zdravlja (SAVE THE
# CHILDREN): ..."
_RE.add("BRACKETED", r"\((?P<labels>[^()]*)")


def _brackets_name_someone(title: str) -> bool:
    """Whether a bracket among a body's name and labels before its number (in Latin script) holds a label that may
    name someone, wherever it stands in it: one the labels after a number would (_names_in_brackets), words in capitals
    that are no organisation's, or a capitalised word or an initial that is no body's, title's, place's word nor an
    acronym ("(Ana, SAVE THE CHILDREN)", "(ANA PETROVIĆ), Beograd", "(Marija P.)"; not "(SAVE THE CHILDREN)",
    "(Sektor za zaštitu porodice)", "(Pisarnica, Beograd)")."""
    for bracket in _RE.BRACKETED.finditer(title):
        before = title[: bracket.start()]
        if _names_in_brackets(bracket["labels"].strip(" :"), before):
            return True
        for label in _RE.LABELS_IN_BRACKETS.split(bracket["labels"]):
            if not _RE.CAPITALS_RUN.fullmatch(label.strip(" .:")) and any(
                word[0].isupper()
                and not _is_bodys_own_word(word)
                and not _is_a_reports_noun(word)
                and not (_in_capitals(word) and (len(word) < 3 or not _may_be_a_name_in_capitals(word)))
                for word in re.findall(r"[^\W\d_]+", label)
            ):
                return True
    return False


def _names_the_contact_person(clause: str) -> bool:
    """Whether the rest of the clause after the body's contact person's word names the person: any word first but a
    preposition or the body's ("osoba za kontakt: marko", "M.P.", "Ada", "je Marko"; a place is no body, "Ada" a first
    name too), or after them a word for someone, a name or initials ("iz porodice žrtve", "u porodici")."""
    first = _RE.FIRST_TOKEN.match(clause.rstrip(" ."))
    if first is None:
        return False
    token = first["token"]
    if not (_RE.PREPOSITION.fullmatch(token) or _is_body_or_title_word(token)):
        return True
    one = _RE.AFTER_A_PREPOSITION.match(clause, first.end())
    if one and _RE.PREPOSITION.fullmatch(token) and not _is_bodys_own_word(one["word"]):
        return True  # "sa Markom", not "u Ministarstvu", "u Nišu"
    return _names_someone(clause) or _holds_a_name(clause) or bool(_RE.INITIALS_ANYWHERE.search(clause))


def _clause_rest(text: str, at: int) -> str:
    rest = _RE.CLAUSE_REST.match(text, at)
    assert rest is not None  # it matches the empty text
    return _RE.SENTENCE_END.split(rest[0])[0]


# One capitalised word between a body's name and its number, alone after a comma, a bracket, a dash or a space, the
# number's label: a person's first name or surname ("Ministarstvo zdravlja, Marko: 011 3612345", "Ministarstvo zdravlja
# Marko: 011 3612345"), unless a body's own word, a place's or a title's (_is_bodys_own_word). Searched in the end of
# the text before the number, in Latin script.
# A post's title as the label of its desk's number ("Ministarstvo zdravlja, Direktor: 011 3612345")
_POST_WORD = (
    r"direktor\w*|director|na[cč]elni\w*|rukovodila\w*|[sš]ef|[sš]efa|[sš]efu|head|chief|predsedni\w*|president"
    r"|zamenik\w*|deputy|pomo[cć]ni\w*|assistant|sekretar\w*|secretary|koordinator\w*|coordinator"
)
_RE.add("POST_WORD", rf"(?i){_POST_WORD}")
# The labels of a body's number apart (its name, a person's, a post's: "Ministarstvo zdravlja, Marko, Načelnik"), and
# one that may be a name: a word, or words in capitals
_RE.add("LABELS_APART", r"\s*[,(–—-]\s*")
_RE.add("A_NAMES_LABEL", rf"{_CAPITALISED}|{_IN_CAPITALS}(?:[ -]+{_IN_CAPITALS})*")
_RE.add(
    "ONE_WORD_BEFORE",
    rf"(?:[,(–—-]|(?:(?<=[^\W\d_])|(?<=\)))(?=\s))\s*(?:(?i:{_CONTACT_WORD})\.?:?\s+)?(?P<word>{_CAPITALISED}|(?=\w{{3}}){_IN_CAPITALS})\s*"
    rf"(?:\)\s*)?[:,–—-]?\s*(?:(?i:{_CONTACT_WORD})\.?:?\s*)?$",
)
_RE.add(
    "BODYS_OWN_WORD",
    rf"(?i)(?:{_BODY_WORD}|{_CONTACT_WORD}|sos|hotline|helpline|info|linij\w*|dežurn\w*|sektor\w*|odeljenj\w*"
    r"|odsek\w*|direkcij\w*|zavod\w*|institut\w*|fond\w*|inspektorat\w*|kabinet\w*|tim|odbor\w*|komisij\w*"
    r"|opštin\w*|opstin\w*|grad\w*|bor|recepcij\w*|portirnic\w*|reception|registry|desk|helpdesk|headquarters"
    # its seat, building, entrance and room ("Sedište u Beogradu", "Zgrada B", "Ulaz B", "Prostorija B")
    r"|secretariat|sedi[sš]t\w*|seats?|zgrad\w*|buildings?|ulaz\w*|entrances?|prostorij\w*|rooms?"
    r"|kabin[aeiu]|kabinom|sal[aiu]|salom|sob[aeiu]|sobom|[sš]alter\w*"  # "Kabina B", "Šalter B"
    rf"|{_POST_WORD}"
    # other bodies a contact person works with ("osoba za kontakt sa Radnom grupom", "u Domu zdravlja") and the plan's
    # parts and papers ("za Izveštaj", "za Evaluaciju")
    r"|radn(?:a|e|oj|u|om)|skup[sš]tin\w*|poverenik\w*|ombudsman\w*|ambasad\w*|embass\w*|delegacij\w*|delegation\w*"
    r"|dom|doma|domu|domom|[sš]kol[aeiu]|[sš]kolom|schools?|udru[zž]enj\w*|parliament\w*|izve[sš]taj\w*|reports?"
    r"|evaluacij\w*|evaluations?|aktivnost\w*|activit\w*|cilj\w*|objectives?|mer[aeiu]|merom|measures?|zadat\w*"
    r"|tasks?|indikator\w*|indicators?|strateg(?:y|ies))",
)
# Cities of Serbia, whose bodies and centres a report names with their lines ("Gradska uprava, Kragujevac: 034 ...")
_TOWNS = (
    "beograd", "niš", "nis", "kragujev", "subotic", "zrenjanin", "pančev", "pancev", "čačk", "čačak", "cacak",
    "kraljev", "smederev", "leskov", "valjev", "kruševac", "kruševc", "krusevac", "vranj", "šabac", "šapc", "sabac",
    "užic", "uzic", "sombor", "požarev", "pozarev", "pirot", "zaječar", "zajecar", "kikind", "jagodin", "vršac",
    "vršc", "vrsac", "prokuplj", "loznic", "sremsk", "prištin", "pristin", "kosovsk", "novi", "novom", "novog",
    "belgrad",
)  # fmt: skip


def _is_bodys_own_word(word: str) -> bool:
    """Whether a capitalised word beside a body's number is the body's, a place's or a title's: no person's name."""
    return _is_body_or_title_word(word) or _is_place(word)


def _is_body_or_title_word(word: str) -> bool:
    lower = cyrillic_to_latin(word).lower()
    return bool(
        _RE.BODYS_OWN_WORD.fullmatch(lower)
        or _RE.TITLE_WORD.match(lower)
        or _RE.TITLE_WORD_ITSELF.match(lower)
        or lower.startswith(_NOT_A_NAME + _TOWNS)
        or lower in _NOT_A_NAME_WORDS
    )


# The endings a place's name takes in the cases a label or an address puts it in: "Ćuprija", "u Ćupriji",
# "Kragujevac", "Kragujevcu", "Bačka Palanka", "Bačkoj Palanci", "Novom Sadu".
_CASE_ENDINGS = ("a", "e", "i", "o", "u", "om", "em", "oj", "og", "oga", "ome", "omu", "ih", "im", "ima", "ama")
_WITHOUT_MARKS = str.maketrans("čćšžđ", "ccszd")


def _folded(word: str) -> str:
    """A word in small Latin letters without its marks, as an officer may type it ("Cuprija", "Djakovica")."""
    return cyrillic_to_latin(word).lower().translate(_WITHOUT_MARKS).replace("dj", "d")


def _word_forms(word: str) -> set[str]:
    """A folded word of a place's name, as it is and in its cases (_CASE_ENDINGS); "na" (Petrovac na Mlavi) as it is."""
    if len(word) < 3:
        return {word}
    stems = {word[:-1] if word[-1] in "aeio" else word}
    if word.endswith(("ac", "ak")):  # the a that drops in the other cases: Kragujevac, Kragujevca
        stems.add(word[:-2] + word[-1])
    if word.endswith(("anj", "alj")):  # and before nj, lj: Žabalj, Žablja; Ražanj, Ražnja
        stems.add(word[:-3] + word[-2:])
    if word.endswith("bac"):  # b said and written p before c: Golubac, Golupca; Šabac, Šapca
        stems.add(word[:-3] + "pc")
    forms = {word} | {stem + ending for stem in stems for ending in _CASE_ENDINGS}
    if word.endswith("ka"):  # Palanka, Palanci
        forms.add(word[:-2] + "ci")
    return forms


@functools.cache
def _place_names() -> frozenset[str]:
    """The name of every city, municipality and city municipality of Serbia, and of a few well-known places that are
    none of them (schemas/municipalities.py), folded
    (_folded), its words in their cases, joined by a space. A name of many words counts whole: one of its words alone is
    no place, and may be a first name ("Hana": Vladičin Han; "Bela": Bela Palanka). Made on first use."""
    names: set[str] = set()
    for latin, _ in (*CITIES, *MUNICIPALITIES, *CITY_MUNICIPALITIES, *WELL_KNOWN_PLACES):
        names |= {" ".join(words) for words in itertools.product(*map(_word_forms, _folded(latin).split()))}
    return frozenset(names)


def _is_place(words: str) -> bool:
    """Whether `words` (one or more, any script, marks or none) are a place's name of Serbia in one of its cases."""
    return " ".join(map(_folded, words.split())) in _place_names()


_RE.add("LAST_WORDS", r"(?:[^\W\d_]+\W+){0,2}[^\W\d_]+\W*$")


def _ends_with_place(text: str) -> bool:
    """Whether `text` ends with a place's name of up to three words ("... Centar za socijalni rad Bela Palanka")."""
    last = _RE.LAST_WORDS.search(text[-_BEFORE:])
    words = re.findall(r"[^\W\d_]+", last[0]) if last else []
    return any(_is_place(" ".join(words[i:])) for i in range(len(words)))


def _one_name_before(before: str) -> bool:
    """Whether the text before a number (in Latin script) ends with one person's name as its label
    (_RE.ONE_WORD_BEFORE): a capitalised word, or one in capitals that may be a name (_may_be_a_name_in_capitals),
    that is no body's, title's nor place's word; or a place's that is a name too (NAMES_THAT_ARE_PLACES: "Ada",
    "Kula") after a body that has no seat in a town ("Ministarstvo zdravlja, Ada: 011 3612345")."""
    near = before[-_BODY_NAME:]
    found = _RE.ONE_WORD_BEFORE.search(near)
    if found is None:
        return False
    if _in_capitals(found["word"]):
        # the last word of several in capitals: an organisation's name ("SIGURNA KUĆA"), or a first and last name
        run = _RE.CAPITALS_BEFORE.search(near, 0, found.start("word"))
        if run is not None:  # (a label's words alone, "KONTAKT TELEFON", "BROJ TELEFONA", name no one)
            words = run[0] + found["word"]
            return not _RE.CONTACT_WORDS.fullmatch(words) and not _is_organisation_in_capitals(words)
        if not _may_be_a_name_in_capitals(found["word"]):
            return False
    if _RE.POST_WORD.fullmatch(found["word"]):
        return _names_the_posts_holder(near[: found.start("word")])
    if _is_body_or_title_word(found["word"]) or _is_a_reports_noun(found["word"]):
        return False
    if not _ends_with_place(near[: found.end("word")]):
        return True
    return _folded(found["word"]) in _names_that_are_places() and not _a_seat_before(near[: found.start("word")])


def _names_the_posts_holder(before: str) -> bool:
    """Whether the label before a post's title, apart from the body's name, is a person's name (_one_name_before): a
    post's title labels its desk's number, and a name before it the holder's ("Ministarstvo zdravlja, Marko,
    Načelnik", "..., MARKO MARKOVIĆ, NAČELNIK"; not "Centre for Social Work, Director", "..., Beograd, Direktor")."""
    labels = _RE.LABELS_APART.split(before.rstrip(" :,(–—-"))
    return len(labels) > 1 and bool(_RE.A_NAMES_LABEL.fullmatch(labels[-1])) and _one_name_before(before)


@functools.cache
def _first_names() -> frozenset[str]:
    """The first names the project knows (schemas/first_names.py), folded (_folded); not one that is a month's name in
    one of its cases ("MAJA": "SEMINAR IOM MAJA" is May's)."""
    return frozenset(name for name in map(_folded, FIRST_NAMES) if not _RE.A_MONTH.fullmatch(name)) - _words_forms()


@functools.cache
def _first_names_forms() -> frozenset[str]:
    """The first names the project knows (_first_names, no month's name among them) in their cases ("Ane", "Anom",
    "Marka"), folded; not a case that is a place's name ("Raška", a town and "Raško"'s genitive: NAMES_THAT_ARE_PLACES
    says where it is a person's)."""
    # a name in "-ka" keeps its k ("Žiki", "Borki"): "-ci" is a place's only ("Palanci"; "žici", "borci" are words)
    names = frozenset(
        form
        for name in _first_names()
        for form in _word_forms(name)
        if not (name.endswith("ka") and form.endswith("ci"))
    )
    return names - _words_forms() - _place_names()


@functools.cache
def _words_before_a_noun() -> frozenset[str]:
    """The words that are first names too and that an officer writes before a noun (WORDS_BEFORE_A_NOUN: "Slobodan",
    free; "Obrada", processing), in their cases, folded."""
    return frozenset(form for word in WORDS_BEFORE_A_NOUN for form in _word_forms(_folded(word)))


@functools.cache
def _words_forms() -> frozenset[str]:
    """The words that are first names or their cases too (NAMES_THAT_ARE_WORDS: "Nada", "Vlada"), in their cases
    ("NADE"; "VLADA" is "Vlado"'s genitive as well), folded: no first name the project knows by its list."""
    return frozenset(form for word in NAMES_THAT_ARE_WORDS for form in _word_forms(_folded(word)))


_RE.add("A_MONTH", rf"(?i:{_MONTH})")


def _is_a_first_name(word: str) -> bool:
    """Whether a word, in any script and letters' case, is a first name the project knows, as it is ("MARKO", "ana")."""
    return _folded(word) in _first_names()


def _is_a_first_names_form(word: str) -> bool:
    """Whether a word is a first name the project knows in one of its cases ("ANOM", "Ane", "Marka")."""
    return _folded(word) in _first_names_forms()


def _only_first_names(words: list[str]) -> bool:
    """Whether words are first names the project knows, in their cases, and small words, a name among them ("ana",
    "kod ane", "Ana i Marko"; not "takse i marke"), none a word of a body's name in the registry in force ("ANA" of
    "Fondacija Ana i Vlade Divac": alone, it may be the body's)."""
    names = [word for word in words if _is_a_first_names_form(word) and _folded(word) not in _words_in_force()]
    small = (_RE.SMALL_WORD, _RE.FROM_A_PLACE)  # "i", "za"; "kod", "od"
    return bool(names) and all(word in names or any(p.fullmatch(word) for p in small) for word in words)


@functools.cache
def _names_that_are_places() -> frozenset[str]:
    """The names that are places too (NAMES_THAT_ARE_PLACES), folded, as they are and in their cases ("Knića")."""
    return frozenset(form for latin, _ in NAMES_THAT_ARE_PLACES for form in _word_forms(_folded(latin)))


# A body of a place (a centre for social work, a municipality, a city, a health centre, a court, a police station), or a
# preposition of place: the word after it is where it is ("Centar za socijalni rad, Kula", "Policijska stanica Ada",
# "u Adi"). A ministry or the Government is no body of a town: its label after it is a person ("Ministarstvo zdravlja,
# Ada"). The last of them before the word decides. Searched in Latin script.
_RE.add(
    "BODY_OF_A_PLACE_OR_NOT",
    r"(?i)(?<!\w)(?:(?P<national>ministarstv\w*|ministr(?:y|ies)|vlad[aeiu]|government|kancelarij\w*)"
    r"|centar|centr\w*|opštin\w*|opstin\w*|grad|gradsk\w*|grada|gradu|dom|doma|domu|sud\w*|polic\w*|stanic\w*"
    r"|uprav\w*|bolnic\w*|škol\w*|skol\w*|ustanov\w*|zavod\w*|ispostav\w*|filijal\w*|odeljenj\w*|odsek\w*"
    r"|municipal\w*|city|town|court|station|hospital|school|centre|center|branch|u|iz|kod|in|at|from"
    r"|pu|ps|oup|sup|csr|dz|ou)(?!\w)",  # a police administration's, station's, social work or health centre's acronym
)


def _a_seat_before(text: str) -> bool:
    """Whether the last body or preposition of place in `text` (_RE.BODY_OF_A_PLACE_OR_NOT) makes the word after it
    a place: a body of a place's or a preposition's, not a ministry's or the Government's."""
    found = list(_RE.BODY_OF_A_PLACE_OR_NOT.finditer(text))
    return bool(found) and found[-1]["national"] is None


# Acronyms in capitals that have a name's letters (TAIEX, UNICEF, MUP, IOM): the shipped plan's, registry's and docs'
# (tests/test_personal_data_gaps.py takes each word in capitals they hold for a number's label), the Action Plan's
# partners' and the field's international bodies and partners' (GRETA, the Council of Europe's experts on
# trafficking; SELEC; USAID), and the acronyms of Serbia's bodies and of the words a report uses. A word in capitals
# not among them is read as a name when it is a body's number's label ("Ministarstvo zdravlja, ANA: 011 3612345").
_ACRONYMS = frozenset(
    {"taiex", "unodc", "osce", "oebs", "sipru", "euros", "unicef", "atina", "odihr", "interpol", "greta", "usaid"}
    | {"ecpat", "selec", "frontex", "eulex", "unmik", "praxis", "nexus", "caritas", "europol", "astra", "unhcr"}
    | {"iom", "mup", "bia", "nvo", "ocd", "jls", "rjt", "kirs", "kite", "savet", "mpravde", "mit", "mos", "mki"}
    | {"mfin", "mpriv", "undp", "unfpa", "unops", "unwomen", "giz", "ipa", "oun", "rsd", "eur", "dzs", "rzs"}
    | {"kcd", "cso", "sos", "info", "dob", "jmbg", "api", "ascii", "cdata", "com", "create", "cli", "cpu", "error"}
    | {"esc", "fat", "gif", "guid", "iis", "image", "iso", "jpeg", "json", "nat", "new", "ole", "posix", "raw"}
    | {"readme", "sha", "sigabrt", "sigkill", "sigterm", "smtp", "smtps", "system", "table", "text", "tiff", "toast"}
    | {"toml", "unc", "url", "utc", "utf", "vba", "wal", "warning", "xml", "yaml", "html", "http", "https", "pdf"}
    | {"csv", "svg", "png", "bmp", "emf", "wmf", "vml", "dtd", "ddl", "irg", "smb", "tcp", "tls", "starttls"}
    | {"crc", "arr", "qdeff", "gdpr", "rfc", "nfs", "bsd", "cks", "msp", "yyyy", "ppt", "doc", "docx", "xlsx", "idna"}
    | {"uri"}  # SQLite's form of a ledger URL (docs/sync.md)
    | {"opal"}  # an organisation's, though a first name too
)  # fmt: skip
# Partners' names in capitals of a name's and a person's words only
_PARTNERS_IN_CAPITALS = frozenset({"save the children"})
_RE.add("ROMAN_FIGURES", r"[IVXLC]+")
# Letters that write one sound (lj, nj, dž), and the vowels: a name's consonants stand at most two in a row on either
# side of an r, which Serbian says as a vowel there ("STRAHINJA", "ZDRAVKO", "ALEKSANDRA", "KRSTIĆ", "SRĐAN"); an
# acronym's may not ("SBPOK", "UNHCR", "MRZBSP")
_RE.add("ONE_SOUND", "lj|nj|dž")
_RE.add("CONSONANTS", "[^aeiouy]+")


# The names and codes of the registry in force (bodies_in_force), and their words, worked out when a word in capitals
# first needs them (a run with nothing to parse compiles no pattern): the shipped registry's (WORDS_OF_BODIES) until a
# command loads a registry, the Coordinator's copy with the institutions he added
_registry_in_force: tuple[tuple[str, ...], tuple[str, ...]] | None = None
_words_of_the_registry_in_force: frozenset[str] | None = None


def bodies_in_force(names: Iterable[str], codes: Iterable[str]) -> None:
    """Take the words of these institutions' names (each one's names, short names and genitives, in any script) and
    codes, the registry's in force (templates.plan_file.load_registry), as a body's words in capitals
    (_may_be_a_name_in_capitals), instead of those it held before: the words of an institution the Coordinator added
    (`apmon institution add`) pass as the shipped registry's do."""
    global _registry_in_force, _words_of_the_registry_in_force
    given = (tuple(names), tuple(codes))
    if given != _registry_in_force:
        _registry_in_force, _words_of_the_registry_in_force = given, None


def _words_in_force() -> frozenset[str]:
    global _words_of_the_registry_in_force
    if _registry_in_force is None:
        return WORDS_OF_BODIES
    if _words_of_the_registry_in_force is None:
        _words_of_the_registry_in_force = _words_of_bodies(*_registry_in_force)
    return _words_of_the_registry_in_force


def _words_of_bodies(names: tuple[str, ...], codes: tuple[str, ...]) -> frozenset[str]:
    words = {_folded(word) for name in names for word in _RE.WORD_OF_A_NAME.findall(name)}
    return frozenset(words | {_folded(word) for code in codes for word in _RE.WORD_OF_A_CODE.findall(code)})


_RE.add("WORD_OF_A_NAME", r"[^\W\d_]{3,}")
_RE.add("WORD_OF_A_CODE", r"[^\W\d_]{2,}")


def _may_be_a_name_in_capitals(word: str) -> bool:
    """Whether a word in capitals of three letters or more may be a name ("MARKO", "ANA", "MARK", "STRAHINJA"): a
    vowel, its consonants as a name's (_RE.CONSONANTS), not a known acronym (_ACRONYMS), a word of a body's name in
    the registry in force (bodies_in_force: "AKADEMIJA") nor Roman figures. ("CSR", "SBPOK" are acronyms by their
    letters; "MUP", "IOM", "ASTRA" by the list.)"""
    lower = cyrillic_to_latin(word).lower()
    return _has_a_names_letters(word) and lower not in _ACRONYMS and _folded(lower) not in _words_in_force()


def _has_a_names_letters(word: str) -> bool:
    """Whether a word has a name's letters: a vowel, its consonants as a name's (_RE.CONSONANTS), not Roman figures."""
    sounds = _RE.ONE_SOUND.sub("l", cyrillic_to_latin(word).lower())
    runs = _RE.CONSONANTS.findall(sounds)
    return (
        sum(map(len, runs)) < len(sounds)  # a vowel
        and all(len(part) <= 2 for run in runs for part in run.split("r", 1))
        and not _RE.ROMAN_FIGURES.fullmatch(word)
    )


def _is_a_surname(word: str) -> bool:
    """Whether a word in capitals (in Latin script) has a Serbian surname's shape ("PETROVIĆ", "ЈОВАНОВИЋ", and
    "PETROVIC" typed without its mark): no body's, title's nor place's word ("OBILIĆ")."""
    return (
        len(word) >= 4
        and word.endswith(("IĆ", "IC"))
        and _has_a_names_letters(word)
        and not _is_body_or_title_word(word)
        and not _is_place(word)
    )


# Words in capitals one after another ("SIGURNA KUĆA", "SAVE THE CHILDREN", "MARKO PETROVIĆ"), and those that end
# a text
_RE.add("CAPITALS_RUN", rf"(?<!\w){_IN_CAPITALS}(?:[ -]+{_IN_CAPITALS})+(?!\w)")
_RE.add("CAPITALS_BEFORE", rf"(?<!\w)(?:{_IN_CAPITALS}[ -]+)+$")
# Small words of a name of many words: "KUĆA ZA ŽRTVE", "CRVENI KRST I ...", and "ANA I MARKO" too
_RE.add("CONTACT_WORD", rf"(?i){_CONTACT_WORD}")
_RE.add("CONTACT_WORDS", rf"(?i)(?:{_CONTACT_WORD})(?:[ -]+(?:{_CONTACT_WORD}))*")
_RE.add("SMALL_WORD", r"(?i)the|of|and|for|to|in|on|za|i|o|u|na|sa|od|iz|de|la|le|du|des|der|und|für")


def _in_capitals(word: str) -> bool:
    """Whether a word (in Latin script) is in capitals: "STRAHINjA" is, as a Cyrillic "СТРАХИЊА" reads in Latin."""
    return len(word) > 1 and word.replace("j", "J").replace("ž", "Ž").isupper()


def _is_organisation_in_capitals(run: str) -> bool:
    """Whether words in capitals one after another (in Latin script) are an organisation's name: a word of it, not a
    small word (_RE.SMALL_WORD, which joins people's names as well: "ANA I MARKO", "MOTHER OF THE VICTIM"), is a
    body's, a title's, a place's or an acronym; before a person's word, a body's, a title's or an acronym ("SIGURNA
    KUĆA ZA ŽENE ŽRTVE"; "MAJKA ŽRTVE U CENTRU", "MAJKA IZ NIŠA" name someone), or it is a partner's name
    (_PARTNERS_IN_CAPITALS), or one named for a group of people (_named_for_a_group: "ŽENE NA PUTU"). A place after a
    preposition is where someone is from ("MARKO IZ NIŠA": _where_someone_is_from), and before a surname an acronym or
    a registry's word may be a first name ("ANA PETROVIĆ"). Not one that labels whose number it is ("TELEFON MAJKE").
    Otherwise they may be a first and last name ("MARKO PETROVIĆ")."""
    words = re.split(r"[ -]+", run)
    if any(_RE.CONTACT_WORD.fullmatch(word) for word in words):
        return False
    partner = next((p for p in _PARTNERS_IN_CAPITALS if " ".join(words).lower().startswith(p)), None)
    if partner is not None:  # alone, or with the country's or a body's words after it ("SAVE THE CHILDREN SRBIJA")
        rest = run[len(partner) :].strip(" -")
        return not rest or _is_organisation_in_capitals(rest) or _only_where_from(re.split(r"[ -]+", rest))
    # a first name the project knows beside an acronym or a body's word, in any of its cases, is someone's ("MUP
    # MARKO", "ANA SAVET", "HOME FOR MARKO", "TIM MARKA"), unless a word of a body's name in the registry in force
    # ("Fondacija Ana i Vlade Divac")
    if any(_is_a_first_names_form(word) and _folded(word) not in _words_in_force() for word in words):
        return False
    if _named_for_a_group(words) or _named_for_a_cause(words):
        return True
    if _a_words_phrase(words):  # "SLOBODAN PRISTUP", "OBRADA PODATAKA"
        return True
    if _RE.A_REPORTS_NOUN.fullmatch(words[0]) and len(words) > 2 and _RE.FROM_A_PLACE.fullmatch(words[1]):
        # a label's noun and where it is from ("PODRŠKA IZ MUP-A", "DOPIS IZ MINISTARSTVA PRAVDE")
        if _only_where_from(words[1:]):
            return True
        # a word right after where it is from that may be a name ("SUPPORT FROM MUP MARK": SUPPORT is a body's word
        # too), not a label's noun nor a place's
        whence = _where_someone_is_from(words[1:])
        after = max(whence, default=0) + 2  # words[1:]'s index, in words
        if whence and after < len(words) and _RE.SMALL_WORD.fullmatch(words[after - 1]):
            # then whom or what it is for ("SUPPORT FROM MUP TO NGOS", "HELP FROM IOM TO CSOS"), unless a surname, in
            # its cases too ("ZA SRETKA PETROVIĆA"; a first name the project knows was found above)
            return not any(_is_a_surname(re.sub(r"(?<=IĆ)(?:A|U|EM)$", "", word)) for word in words[after:])
        if (
            whence
            and after < len(words)
            and _may_be_a_name_in_capitals(words[after])
            and not _RE.A_REPORTS_NOUN.fullmatch(words[after])
            and not _is_place(words[after])
        ):
            return False
    person = min((m.start() for m in (_RE.VICTIM_WORD.search(run), _RE.PERSON_BEFORE.search(run)) if m), default=None)
    words = re.split(r"[ -]+", run[:person])
    whence = _where_someone_is_from(words)
    # before a surname, an acronym or a word of a body's name in the registry in force with a name's letters is a
    # first name ("ANA PETROVIĆ" once "Fondacija Ana i Vlade Divac" is in the registry)
    may_be_a_name = _has_a_names_letters if any(map(_is_a_surname, words)) else _may_be_a_name_in_capitals
    return any(
        len(word) >= 3  # "DR", "MR" are a person's titles
        and i not in whence
        and not _RE.SMALL_WORD.fullmatch(word)
        and (_is_body_or_title_word(word) or not may_be_a_name(word) or (person is None and _is_place(word)))
        for i, word in enumerate(words)
    )  # (a word of a body's name in the registry in force is none of a name's: _may_be_a_name_in_capitals)


# Nouns of a thing an officer writes after a name that is a word too, besides a report's ("SLOBODAN PRISTUP", free
# access; "OBRADA SLUČAJEVA", the handling of cases; "VERA U PRAVDU"); no surname is one of them
_RE.add(
    "A_THINGS_NOUN",
    r"(?i)pristup\w*|ulaz\w*|izlaz\w*|termin\w*|prostor\w*|dan|dana|danu|dani|slu[cč]aj\w*|predmet\w*|postup[ak]\w*"
    r"|dokument\w*|pravd\w*|mest[aoiu]|vreme(?:na)?|uslug\w*|sve|svih|svima|access|entry|data|processing",
)


def _a_words_phrase(words: list[str]) -> bool:
    """Whether words in capitals are a name that is a word too (NAMES_THAT_ARE_WORDS, in its cases: "SLOBODAN", free;
    "OBRADA", processing; "NADA", hope) before a report's or a thing's nouns and small words only, none a person's
    role (a lecturer, staff) nor a verb: the word's phrase ("SLOBODAN PRISTUP", "OBRADA PODATAKA", "NADA ZA SVE"), not
    a person ("SLOBODAN PETROVIĆ", "NADA KOVAČ", "VERA TRENER", "NADA LICA", "VERA PRIJAVILA"). (A first name among the
    words is someone's before: _is_organisation_in_capitals, "SLOBODAN I MARKO".)"""
    nouns = (_RE.SMALL_WORD, _RE.A_REPORTS_NOUN, _RE.A_THINGS_NOUN)
    return (
        len(words) > 1
        and _folded(words[0]) in _words_before_a_noun()
        and all(any(p.fullmatch(word) for p in nouns) for word in words[1:])
        and not any(_RE.A_PERSONS_NOUN.fullmatch(word) or _RE.A_VERBS_FORM.fullmatch(word) for word in words[1:])
    )


# A verb's past form or present tense in capitals, of the stems a report's nouns share ("PRIJAVILA", "ZAHTEVAO",
# "PRISTUPILA", "PRIJAVLJUJE"); not a noun's case that ends so ("MATERIJALA", "FILIJALE")
_RE.add("A_VERBS_FORM", r"(?i)(?!materijal|filijal)\w{3,}(?:ao|eo|io|la|lo|li|le|uje|uju)")


# People in the plural, and a home, that begin an organisation's name with a preposition after them ("ŽENE NA PUTU",
# "ŽENE U CRNOM", "HOME FOR CHILDREN"); one person so named is someone ("MAJKA IZ NIŠA", "MOTHER OF THE VICTIM")
_RE.add(
    "A_GROUP",
    r"(?i)[zž]ene|deca|djeca|devojke|devoj[cč]ice|majke|roditelji|mladi|women|children|girls|mothers|parents"
    r"|families|youth|home",
)
_RE.add("PREPOSITION_OF_A_NAME", r"(?i)na|u|iz|za|sa|bez|protiv|for|of|in|on|at|without|against")
# What a group's or a home's organisation is of, in English, when no place nor body ("HOME OF HOPE", "WOMEN OF PEACE"):
# a cause's words, no one's name ("PARENTS OF MARKO" are someone's)
_CAUSES = frozenset({"hope", "peace", "love", "life", "light", "freedom", "dignity", "future", "solidarity", "refuge"})
# A cause's word in the genitive, which names an organisation after a thing's word ("ZVEZDA NADE", "KUĆA NADE", "PUT
# SLOBODE"), folded; not "MIRA", a first name too
_CAUSES_OF = frozenset(
    {"nade", "slobode", "ljubavi", "zivota", "svetlosti", "buducnosti", "dostojanstva", "solidarnosti", "utocista"}
)
# The things' words such a name begins with, folded: any other word may be a first name ("PETAR NADE", "DANICA NADE",
# "NADA SLOBODE"), and the project knows only a few (schemas/first_names.py); not "ISKRA", "ZORA", first names too
_THINGS_OF_A_CAUSE = frozenset(
    {"zvezda", "kuca", "dom", "put", "most", "svetionik", "luca", "glas", "krug", "mreza", "centar", "kutak", "oaza"}
    | {"sunce", "izvor", "staza", "korak", "koraci", "ruka", "ruke", "prostor", "plamen", "cvet", "drvo", "kapija"}
)


def _named_for_a_cause(words: list[str]) -> bool:
    """Whether words in capitals are an organisation's name of a thing's word and a cause's genitive (_CAUSES_OF), its
    seat or a body's words after it ("ZVEZDA NADE", "ZVEZDA NADE SRBIJA"); not after a name ("JELENA NADE", "PETAR
    NADE")."""
    return (
        len(words) >= 2
        and _folded(words[1]) in _CAUSES_OF
        and _folded(words[0]) in _THINGS_OF_A_CAUSE
        and all(_is_a_bodys_word(word) or _is_place(word) for word in words[2:])
    )


def _named_for_a_group(words: list[str]) -> bool:
    """Whether words in capitals are an organisation's name after a group of people or a home: the group, a
    preposition, and one or two words that name no one else (another group may be one: "HOME FOR CHILDREN"), the
    second a small word's, a place's or a body's ("HOME FOR THE CHILDREN", "DECA SA ULICE NIŠ"), and only such words
    or a cause's after "of" ("WOMEN OF SERBIA", "HOME OF HOPE"; "PARENTS OF MARKO" are someone's). Two that may be
    names are a person's ("ŽENE U MARKO PETROVIĆ", "ŽENE NA PUTU MARKO"), and so are more words after them ("ŽENE NA
    PUTU MARKO PETROVIĆ")."""
    if not (3 <= len(words) <= 4 and _RE.A_GROUP.fullmatch(words[0]) and _RE.PREPOSITION_OF_A_NAME.fullmatch(words[1])):
        return False
    rest = " ".join(words[2:])
    words_of_a_name = [word for word in words[2:] if not _RE.SMALL_WORD.fullmatch(word)]
    # whose the group is names someone, unless a place's or a body's word ("PARENTS OF MARKO"; "WOMEN OF SERBIA")
    may_be_names = words_of_a_name if words[1].lower() == "of" else words_of_a_name[1:]
    return (
        not _RE.VICTIM_WORD.search(rest)
        and not any(map(_is_a_first_names_form, words[2:]))  # "ŽENE SA ANOM"
        and all(_RE.A_GROUP.fullmatch(m[0]) for m in _RE.PERSON_BEFORE.finditer(rest))
        and (_is_place(rest) or all(_is_bodys_own_word(word) or word.lower() in _CAUSES for word in may_be_names))
    )


_RE.add("FROM_A_PLACE", rf"(?i){_FROM_A_PLACE}")
_RE.add("FROM_A_BODY", r"(?i)iz|od|from")  # not "sa", "u": "SARADNJA SA MUP-OM", "PRIJEM U MINISTARSTVU" name no one


def _where_someone_is_from(words: list[str]) -> set[int]:
    """Where a place's name of up to three words, or a body's, follows a preposition of where among words in capitals
    ("MARKO IZ NIŠA", "ANA IZ NOVOG SADA", "MARK FROM NIŠ", "MARKO IZ MUP-A", "MARK FROM THE MINISTRY"): a person's or
    an organisation's, it is no word of the organisation's own name (its seat without a preposition is: "CRVENI KRST
    NIŠ")."""
    found: set[int] = set()
    for i, word in enumerate(words[:-1]):
        if _RE.FROM_A_PLACE.fullmatch(word):
            for end in range(min(len(words), i + 4), i + 1, -1):
                if _is_place(" ".join(words[i + 1 : end])):
                    found.update(range(i + 1, end))
                    break
            else:
                if not _RE.FROM_A_BODY.fullmatch(word):
                    continue
                end = i + 1  # the body's name: its words, small words and its case's ending ("MUP-A"), a few
                while end < min(len(words), i + 1 + _BODYS_NAME_WORDS) and (
                    len(words[end]) < 3 or _RE.SMALL_WORD.fullmatch(words[end]) or _is_a_bodys_word(words[end])
                ):
                    end += 1
                if _names_a_body(" ".join(words[i + 1 : end])):
                    found.update(range(i + 1, end))
    return found


# words of a body's name after "IZ" looked at ("MINISTARSTVA ZA RAD ZAPOŠLJAVANJE BORAČKA I SOCIJALNA PITANJA")
_BODYS_NAME_WORDS = 10


def _only_where_from(words: list[str]) -> bool:
    """Whether words in capitals are only where someone or something is from ("IZ NIŠA", "IZ MUP-A")."""
    return bool(_RE.FROM_A_PLACE.fullmatch(words[0])) and _where_someone_is_from(words) == set(range(1, len(words)))


def _names_a_body(words: str) -> bool:
    """Whether words after a preposition of where name a body, the first but small words a body's, a title's, an
    acronym or a word of the registry in force ("MUP-a", "Ministarstva zdravlja", "the Ministry", "UNICEF")."""
    first = next((word for word in re.split(r"[\s-]+", words) if not _RE.SMALL_WORD.fullmatch(word)), "")
    return len(first) >= 3 and _is_a_bodys_word(first)


def _is_a_bodys_word(word: str) -> bool:
    """A body's or a title's word, an acronym the detector knows, or a word of the registry in force's names."""
    lower = cyrillic_to_latin(word).lower()
    return _is_body_or_title_word(word) or lower in _ACRONYMS or _folded(lower) in _words_in_force()


def _without_organisations_in_capitals(text: str) -> str:
    """`text` with the organisations' names in capitals blanked: a person's word in one names no one ("SAVE THE
    CHILDREN")."""
    return _RE.CAPITALS_RUN.sub(lambda m: " " * len(m[0]) if _is_organisation_in_capitals(m[0]) else m[0], text)


def _mask_name(name: str) -> str:
    return " ".join(word[0] + BULLET * (len(word) - 1) for word in name.split())


def _mask_keep_tail(text: str, keep: int) -> str:
    """Letters and digits as bullets but the last `keep` characters."""
    cut = len(text) - keep
    return "".join(BULLET if c.isalnum() else c for c in text[:cut]) + text[cut:]


# --- search --------------------------------------------------------------------------------------

# What every kind above needs: an @ (an e-mail address), six digits (a date of birth, with its year; a document's,
# a phone's or a JMBG's number has more), a word for a victim (a name after it) or a birth (a date in words after
# it). A text with none of them, most of what a workbook holds, is passed over after these searches alone.
_RE.add("SIX_DIGITS", r"[0-9](?:[^0-9]*[0-9]){5}")
# a date with its month in words has five digits: "rođena 1. februara 2005"
# (one alternative per first letter: each more is searched at every character of nearly every text)
_RE.add(
    "BIRTH_WORD",
    r"(?i)r(?:o(?:đ|dj|d)en|o(?:đ|dj)\.|(?<![\w.]r)\.\s*[0-9])|р(?:ођ|(?<![\w.]р)\.\s*[0-9])|born|birth|dob|доб",
)


# Full-width forms (an East Asian keyboard's, a PDF's) and digits of other scripts read as the ASCII ones they show as:
# one character for one, so that a hit's span stays where it was in the text.
_FULL_WIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})
_RE.add("OTHER_DIGIT", r"(?![0-9])\d")


def _as_ascii_digits(text: str) -> str:
    if text.isascii():
        return text
    return _RE.OTHER_DIGIT.sub(lambda m: str(unicodedata.decimal(m[0])), text.translate(_FULL_WIDTH))


def find_personal_data(text: str) -> list[PersonalDataHit]:
    """Every JMBG, e-mail address and phone number in the text, in order, without overlaps.

    An e-mail address wins over digits inside it; the masked form never shows
    more than the first and last two digits of a JMBG, or more than the
    country code and the last two digits of a phone number. Characters no one
    sees (_RE.INVISIBLE) are looked through: a hit's span in `text` holds those
    inside it, and its masked form none. Full-width digits and digits of other
    scripts are read as the ASCII digits they show as.
    """
    text = _as_ascii_digits(text)
    if text.isascii() or not _RE.INVISIBLE.search(text):
        return _find_in_visible(text)
    seen = [m.start() for m in _RE.VISIBLE_CHAR.finditer(text)]  # where each character one sees stands in `text`
    hits = _find_in_visible(_RE.INVISIBLE.sub("", text))
    return [h.model_copy(update={"start": seen[h.start], "end": seen[h.end - 1] + 1}) for h in hits]


def _find_in_visible(text: str) -> list[PersonalDataHit]:
    if (
        "@" not in text
        and not _RE.SIX_DIGITS.search(text)
        and not _RE.VICTIM_WORD.search(text)
        and TOKEN_PREFIX not in text
        and not _RE.BIRTH_WORD.search(text)
    ):
        return []
    hits: list[PersonalDataHit] = [  # first, so that no digits inside one are taken for a phone
        PersonalDataHit(kind="token", start=m.start(), end=m.start() + TOKEN_LENGTH, masked=TOKEN_PREFIX + BULLET * 3)
        for m in _RE.TOKEN.finditer(text)
        if _is_token(m[0][:TOKEN_LENGTH], glued=m["glued"] is not None)
    ]
    own: list[tuple[int, int]] = []  # an institution's mailbox: neither reported nor searched for digits
    for m in _RE.EMAIL.finditer(text):
        if _is_institutional_email(m):
            own.append(m.span())
        else:
            hits.append(PersonalDataHit(kind="email", start=m.start(), end=m.end(), masked=_mask_email(m)))
    for m in _RE.DOCUMENT.finditer(text):
        hits.append(
            PersonalDataHit(
                kind="document", start=m.start("number"), end=m.end(), masked=_mask_keep_tail(m["number"], 2)
            )
        )
    births = [m for m in _RE.BIRTH_DATE.finditer(text) if not _is_age_word(text, m) and not _is_a_things_birth(text, m)]
    for m in (*births, *_RE.PLACE_AND_BIRTH_DATE.finditer(text)):
        hits.append(
            PersonalDataHit(kind="birth-date", start=m.start("date"), end=m.end(), masked=_mask_keep_tail(m["date"], 0))
        )
    for m in _RE.NAME.finditer(text):
        if _is_name(m["name"]):
            hits.append(PersonalDataHit(kind="name", start=m.start("name"), end=m.end(), masked=_mask_name(m["name"])))
    for m in _labelled_jmbgs(text):
        digits = re.sub(r"[^0-9]", "", m["number"])
        hits.append(
            PersonalDataHit(kind="jmbg", start=m.start("number"), end=m.end("number"), masked=_mask_jmbg(digits))
        )
    for start, end, digits in _jmbg_candidates(text):
        hits.append(PersonalDataHit(kind="jmbg", start=start, end=end, masked=_mask_jmbg(digits)))
    for m in _RE.SPELLED_PHONE.finditer(text):
        # thirteen single digits that make a valid JMBG (a date and the control digit, which a list of counts almost
        # never has) are one: "1 5 0 5 9 5 3 7 1 0 0 1 1", found in the same search as such a phone number
        if not m["plus"] and is_valid_jmbg(digits := re.sub(r"[^0-9]", "", m[0])):
            hits.append(PersonalDataHit(kind="jmbg", start=m.start(), end=m.end(), masked=_mask_jmbg(digits)))
        elif len(set(m[0].removeprefix("+")[1::2])) == 1 and _spelled_national(m) is not None:  # one separator
            masked = "".join(BULLET if c.isdigit() else c for c in m[0][:-1]) + m[0][-1]
            hits.append(PersonalDataHit(kind="phone", start=m.start(), end=m.end(), masked=masked))
    bodys_end = -1  # where the last body's own line ended: the next one of its list is the body's too
    for m in _RE.PHONE.finditer(text):
        area = m["intl"] or m["intlp"] or m["paren"] or m["natl"]
        national = area + re.sub(r"[^0-9]", "", m["sub"])
        if not _is_phone_number(national) or (m["cc"] == "381" and _RE.THOUSANDS.fullmatch(m[0])):
            continue
        listed = bodys_end >= 0 and _RE.LIST_SEPARATOR.fullmatch(text, bodys_end, m.start()) is not None
        if national[0] != "6" and (listed or _is_bodys_line(text, m.start())) and not _named_right_after(text, m.end()):
            bodys_end = m.end()
        else:
            bodys_end = -1
            hits.append(PersonalDataHit(kind="phone", start=m.start(), end=m.end(), masked=_mask_phone(m)))

    kept: list[PersonalDataHit] = []
    taken = _Spans(own)
    for hit in hits:  # emails first, so they win over what they contain; then what a word names
        if taken.add(hit.start, hit.end) and not _is_institutional_phone(text, hit):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


class _Spans:
    """Spans of a text that overlap none of each other, in order, so that a new one is checked against its two
    neighbours only: a cell may hold thousands of numbers, and comparing each with all the others would take the
    square of their count."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> bool:
        """Take the span [start, end) unless it overlaps one already taken; True when it is taken."""
        i = bisect.bisect_right(self.starts, start)
        if (i > 0 and self.ends[i - 1] > start) or (i < len(self.starts) and self.starts[i] < end):
            return False
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        return True


def _latin_before(text: str, at: int, chars: int) -> str:
    """The `chars` characters before `at`, in Latin script (the word lists are Latin). What stands before a NUL is
    another value (a text of many joins them so): it names nothing after it."""
    return cyrillic_to_latin(text[max(0, at - chars) : at].rpartition("\x00")[2])


def _is_institutional_phone(text: str, hit: PersonalDataHit) -> bool:
    before = _latin_before(text, hit.start, _BEFORE)
    return (
        hit.kind == "phone"
        and bool(_RE.INSTITUTION_BEFORE.search(before))
        and not _names_someone(before)
        and not _one_name_before(before)
        and not _last_label_names_someone(before)
        and not _named_right_after(text, hit.end)
    )


def _last_label_names_someone(before: str) -> bool:
    """Whether the number's label after the last comma before it names someone as one in brackets would ("Centar za
    socijalni rad, Marko iz Niša: 064 ...", "SOS linija, Marko P.: ...")."""
    head, comma, label = before.rstrip(" :–—-").rpartition(",")
    return bool(comma) and _names_in_brackets(label.strip(" :()"), head)


def _is_age_word(text: str, m: re.Match[str]) -> bool:
    """Whether the birth-date match `m` is the Serbian word for age in a sentence (_RE.AGE_BEFORE), not a label."""
    if m["label"] in ("dob", "доб") and m["place"]:  # "bez obzira na dob u Nišu 15. marta 2018.": an event's day
        return True
    if m["label"] not in ("dob", "доб") or m["colon"] != "," or m["whose"]:
        return False
    before = _latin_before(text, m.start(), _BEFORE)
    return bool(_RE.AGE_BEFORE.search(before)) and not _names_someone(before) and not _holds_a_name(before)


def _is_a_things_birth(text: str, m: re.Match[str]) -> bool:
    """Whether the birth word of the birth-date match `m` has a program, a project, an idea, an initiative or a plan for
    its subject (_RE.A_THINGS_BIRTH), not a person."""
    start = max(0, m.start() - _BEFORE)
    value_start = start == 0 or "\x00" in text[start : m.start()]  # the text searched begins a clause
    found = _RE.A_THINGS_BIRTH.search("\n" * value_start + _latin_before(text, m.start(), _BEFORE))
    if found is None or not _agrees(found["thing"], m["label"]):
        return False
    complement = found["complement"] or ""
    return not (_names_someone(complement) or _holds_a_name(complement) or _RE.ONE_WORD.search(complement))


# The Serbian birth word's endings that agree with a thing's noun, by the noun's ending: a feminine one's (ideja,
# inicijativa) and a masculine one's (program, projekat, plan) in each case and number a sentence puts them in
_FEMININE_THINGS_BIRTH = {"a": ("a",), "e": ("e",), "i": ("oj",), "u": ("u",)}
_MASCULINE_THINGS_BIRTH = {"": ("",), "a": ("og", "oga"), "u": ("om", "ome", "omu"), "i": ("i",), "e": ("e",)}
_RE.add("BIRTH_WORDS_STEM", r"ro(?:đ|dj|d)en")
_RE.add("A_THINGS_STEM", r"program|projekat|projekt|plan(?:ov)?")


def _agrees(thing: str, label: str) -> bool:
    """Whether a Serbian birth word agrees with the thing's noun in gender, case and number ("Ideja ... rođena", "Ideju
    rođenu", "Plan ... rođen", "Projektu rođenom", "Programi ... rođeni"), as one of a person need not ("Plan za pomoć,
    rođena 1.2.2005": she was born then; "Ideju rođenog 3.4.2005": he was). An English one agrees with any."""
    label = cyrillic_to_latin(label).lower()
    stem = _RE.BIRTH_WORDS_STEM.match(label)
    if stem is None:
        return True
    thing = thing.lower()
    if thing.startswith(("idej", "inicijativ")):
        return label[stem.end() :] in _FEMININE_THINGS_BIRTH.get(thing[-1], ())
    ending = thing[m.end() :] if (m := _RE.A_THINGS_STEM.match(thing)) else None
    return ending is not None and label[stem.end() :] in _MASCULINE_THINGS_BIRTH.get(ending, ())


def _is_bodys_line(text: str, start: int) -> bool:
    """A landline at `start` said to be a ministry's, a government body's or a municipality's own right before it
    (_RE.BODYS_OWN, _RE.MUNICIPALITYS_OWN), with no victim nor any other person named there: in the _BODY_NAME
    characters before it, nor anywhere in its sentence (_SENTENCE, a long one may name the victim far before: "Žrtva,
    koja je ..., dobila je od Ministarstva broj")."""
    before = _latin_before(text, start, _SENTENCE)
    near, sentence = before[-_BODY_NAME:], _RE.SENTENCE_END.split(before)[-1]
    own = _RE.BODYS_OWN.search(sentence[-_BODY_NAME:])
    if own is None and len(sentence) <= _BODY_NAME:  # a municipality's word begins its sentence (_MUNICIPALITY_WORD)
        own = _RE.MUNICIPALITYS_OWN.match(sentence)
    if own is None or _one_name_before(sentence) or _brackets_name_someone(own[0]):
        return False
    # each label before the last, apart by commas, as the last is ("Ministarstvo zdravlja, Ana, Beograd:"), and each
    # as one in brackets ("Marko iz Niša", "Marko P.")
    own_start = len(sentence) - len(sentence[-_BODY_NAME:]) + own.start()
    # (from `before`: a sentence's end is read in an initial's dot, "M. Petrović, Ministarstvo zdravlja")
    if _names_one_before_a_body(before[: len(before) - len(sentence) + own_start]):  # "Marko, Ministarstvo zdravlja"
        return False
    commas = [comma.start() for comma in re.finditer(",", own[0])]
    if any(_one_name_before(sentence[: own_start + comma]) for comma in commas):
        return False
    labels = itertools.pairwise([*commas, len(own[0])])
    if any(_names_in_brackets(own[0][start + 1 : end].strip(" :()"), own[0][:start]) for start, end in labels):
        return False
    return not any(_names_someone(part) or _holds_a_name(part) for part in (near, sentence))


# Initials before a body's name, or one and a surname ("M.P., Ministarstvo zdravlja", "M. Petrović, Ministarstvo")
_RE.add("INITIALS_BEFORE", rf"(?<!\w)(?:{_INITIALS}|[{_UPPER}]\.\s*{_CAPITALISED})[\s,:;–—-]*$")


def _names_one_before_a_body(text: str) -> bool:
    """Whether the text before a body's name ends in a first name the project knows, in capitals or capitalised, or in
    initials, a sentence's end between or not: the body is that person's ("Marko, Ministarstvo zdravlja, 011 ...",
    "M.P., ...", "Broj porodica: 12, Marko. Ministarstvo zdravlja: ...")."""
    words = text.rstrip(" ,:;–—-.").split()  # a sentence's end between ("Broj porodica: 12, Marko. Ministarstvo")
    last = words[-1] if words else ""
    named = not last.islower() and _is_a_first_name(last) and _folded(last) not in _words_in_force()
    return named or bool(_RE.INITIALS_BEFORE.search(text[-40:]))  # initials and a surname: a few words at most


# Persons counted name no one: a count's words, up to twelve (a plan's indicator: "Broj dečaka i devojčica obuhvaćenih
# programima za decu"), up to its figure ("Broj pozitivnih ocena dece: 12", "Number of boys and girls: 12"; not "Broj
# majke: 011 3612345", a number of more than four figures; nor a victim's word among them, "Broj žrtve: 5" is hers, a
# count's is "Broj žrtava"), and a word after a figure ("12 žena", "2 žrtve"; not after 1 nor a number's "br.", nor
# one victim's, which no count is: "Slučaj br. 5 žrtva", "Slučaj 5 žrtva", "Case 5 victim", "1 žrtva" may be one person)
# An English possessive before another of its words is one of them ("the victim's family", "victims' children", the
# plan's indicators); not its last word ("Number of the victim's: 12").
_ONE_VICTIM = r"(?:[zž]rtva|жртва|victim|o[sš]te[cć]ena|maloletn(?:a|ik|ica))(?!\w)"
_POSSESSIVE = r"['’]s?(?=\s+[^\W\d_])"
_RE.add(
    "COUNTED",
    rf"(?i)(?<!\w)(?:broj|broja|number\s+of|ukupno|total)"
    rf"(?:\s+(?!(?:{_VICTIM})(?![\w'’]))[^\W\d_]+(?:{_POSSESSIVE})?){{1,12}}?"
    r"[\s:=-]*[0-9]{1,4}(?![0-9]|[ .,/-]?[0-9])"
    rf"|(?<![\w.,/-])(?<!br\. )(?<!broj )(?!1\s)[0-9]{{1,4}}\s+(?!{_ONE_VICTIM})[^\W\d_]+",
)


def _names_someone(before: str) -> bool:
    """Whether a text (in Latin script) names a victim or another person by a word for them (_RE.PERSON_BEFORE); a
    family in a body's name names none (_RE.FAMILY_IN_A_TITLE), nor do persons counted (_RE.COUNTED)."""
    before = _RE.FAMILY_IN_A_TITLE.sub(lambda m: m[0][: m.start("family") - m.start()], before)
    before = _RE.COUNTED.sub(lambda m: " " * len(m[0]), before)
    before = _without_staff_of_bodies(_without_organisations_in_capitals(before))
    return bool(_RE.VICTIM_WORD.search(before) or _RE.PERSON_BEFORE.search(before))


def mask_all(text: str) -> str:
    """The text with every piece of personal data replaced by its masked form."""
    out: list[str] = []
    pos = 0
    for hit in find_personal_data(text):
        out.append(text[pos : hit.start])
        out.append(hit.masked)
        pos = hit.end
    out.append(text[pos:])
    return "".join(out)


def file_name_hits(name: str) -> list[PersonalDataHit]:
    """The personal data in a file's name, whose words are often joined by underscores (MUP_1505953710011.xlsx).
    A token is searched in the name as it is: its own prefix (apmon_) and its letters hold underscores. In a name
    a token must look random even when nothing is glued to it: an officer's name for the file after apmon_ may be
    43 characters long (apmon_Izvestaj_Ministarstva_Zdravlja_za_Mart_2018.xlsx), and a refused report is worse
    than the one token in 200 so missed."""
    # A sync asks of each file's name six times, of its folder's twice (sniffing it, its issues, its record, the
    # messages that name it): a name as long as a file's may be is searched once and its hits kept (frozen: shared
    # safely). A longer one, only a crafted file's name of an object, is searched each time: kept, such names would
    # hold memory.
    return list(_short_name_hits(name)) if len(name) <= _LONGEST_NAME_KEPT else _name_hits(name)


_LONGEST_NAME_KEPT = 255  # characters: the longest file name Windows, macOS and Linux allow


@functools.lru_cache(maxsize=4096)
def _short_name_hits(name: str) -> tuple[PersonalDataHit, ...]:
    return tuple(_name_hits(name))


def forget_names_searched() -> None:
    """Let go of the names file_name_hits kept: a name may hold personal data, and a process may live for months."""
    _short_name_hits.cache_clear()


def _name_hits(name: str) -> list[PersonalDataHit]:
    tokens = [
        hit
        for hit in find_personal_data(name)
        if hit.kind == "token" and _looks_random(name[hit.start + len(TOKEN_PREFIX) : hit.end])
    ]
    others = [
        hit
        for hit in find_personal_data(name.replace("_", " "))
        if hit.kind != "token" and not any(hit.start < t.end and t.start < hit.end for t in tokens)
    ]
    return sorted(tokens + others, key=lambda hit: hit.start)


def mask_file_name(name: str) -> str:
    """The file's name with every piece of personal data replaced by its masked form, underscores kept."""
    out: list[str] = []
    pos = 0
    for hit in file_name_hits(name):
        out += [name[pos : hit.start], hit.masked.replace(" ", "_") if "_" in name[hit.start : hit.end] else hit.masked]
        pos = hit.end
    out.append(name[pos:])
    return "".join(out)
