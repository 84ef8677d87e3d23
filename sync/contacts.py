"""Where an institution's mail goes ([contacts] in apmon.toml): the configuration checks the addresses with this
small module alone, so that a sync run loads none of the reminders' code unless it sends mail."""

from __future__ import annotations

import re
import unicodedata
from contextlib import suppress
from typing import NamedTuple

import idna
from pydantic import BaseModel, ConfigDict, Field, field_validator

from apmon.schemas.said import SaidValueError
from apmon.schemas.text import Lang

# One address: a local part, @, a domain with a dot; no spaces, commas or angle brackets (one address per entry).
_LOCAL_PART = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$")
_DOMAIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")


def check_address(value: str) -> str:
    """One address as written (a domain in its own letters kept: ana@ministarstvo.срб), or SaidValueError."""
    value = value.strip()
    local, _, domain = value.rpartition("@")
    if local and not local.isascii() and _DOMAIN.match(ascii_domain(domain)):
        # Letters outside ASCII before @ need SMTPUTF8 on every server the mail passes, which few offer
        raise SaidValueError("invalid.email_local_part", value=repr(value))
    if not _LOCAL_PART.match(local) or not _DOMAIN.match(ascii_domain(domain)):
        raise SaidValueError("invalid.email", value=repr(value))
    if label := _mixed_label(domain):
        raise SaidValueError("invalid.email_mixed_scripts", value=repr(value), label=repr(label))
    if found := _latin_look_alike(domain):
        label, script = found
        read_as = "".join(script.reads_latin.get(ch, ch) for ch in label)
        # The top-level domains and example are parameters: the catalogue's texts are typed in Latin letters only
        raise SaidValueError(
            f"invalid.email_{script.name}_look_alike",
            value=repr(value),
            label=repr(label),
            latin=repr(read_as),
            tld=script.tlds_said,
            example=script.example,
        )
    return value


# Scripts whose letters look alike (Latin a, Cyrillic а, Greek α): one label mixing them is how a look-alike domain is
# made (šabaс.rs with a Cyrillic с), which browsers show in its A-label for that reason
_LOOK_ALIKE = frozenset({"LATIN", "CYRILLIC", "GREEK"})


def _mixed_label(domain: str) -> str:
    """The first label of a domain IDNA encodes that mixes letters of _LOOK_ALIKE scripts, as it is sent (UTS #46's
    mapping: lower case), else "". Labels each in one script are taken (ministarstvo.срб: Latin, then Cyrillic)."""
    if domain.isascii():
        return ""
    for label in idna.uts46_remap(domain).split("."):
        scripts = {unicodedata.name(ch, "").partition(" ")[0] for ch in label if ch.isalpha()}
        if len(scripts & _LOOK_ALIKE) > 1:
            return label
    return ""


class _WholeScript(NamedTuple):
    """A script with letters that look like Latin ones, as Chromium's IDN spoof checker lists it: a label made only
    of them passes for a Latin one (раураӏ.com, ροτ.com), unless the top-level domain is of the script."""

    name: str  # the script as unicodedata names its letters, lower case (the message's key)
    reads_latin: dict[str, str]  # each letter that looks Latin -> the Latin letter it reads as
    ascii_tlds: frozenset[str]  # ASCII top-level domains under which the script's domains are common
    tlds_said: str  # the script's top-level domains, and an example, as the message names them
    example: str


_WHOLE_SCRIPTS = (
    # Chromium's Cyrillic list, ь beside its ъ
    _WholeScript(
        "cyrillic",
        dict(zip("асԁеһіјӏорԗԛѕԝхуъьҽпгѵѡ", "acdehijloppqswxybbenrvw", strict=True)),
        frozenset({"bg", "by", "kz", "pyc", "ru", "su", "ua", "uz"}),
        ".срб",
        "мвп.срб",
    ),
    # Chromium's Greek list (it leaves out the accented ά, έ, ή, ί as it does)
    _WholeScript("greek", dict(zip("αικνρυωηοτ", "aikvpuwnot", strict=True)), frozenset({"gr"}), ".gr, .ελ", "ροτ.gr"),
)


def _latin_look_alike(domain: str) -> tuple[str, _WholeScript] | None:
    """The first label of a domain (as it is sent: UTS #46's mapping) whose every letter is one of a _WHOLE_SCRIPTS
    script that looks Latin, and that script, else None: unless the top-level domain is of that script, such a label
    reads as another, Latin domain, which browsers show in its A-label for that reason. A top-level domain is of a
    script, as Chromium decides it, where it has a letter of it (.срб, and .орг and .рус, whose letters each look
    Latin; .ελ) or is one of its ascii_tlds."""
    if domain.isascii():
        return None
    labels = idna.uts46_remap(domain).split(".")
    for label in labels:
        letters = [ch for ch in label if ch.isalpha()]
        for script in _WHOLE_SCRIPTS:
            if letters and all(ch in script.reads_latin for ch in letters) and not _under_own_tld(labels[-1], script):
                return label, script
    return None


def _under_own_tld(tld: str, script: _WholeScript) -> bool:
    if tld.startswith("xn--"):  # its A-label (.xn--90a3ac for .срб), as a mail header carries it
        with suppress(idna.IDNAError, UnicodeError):
            tld = idna.decode(tld)
    return tld in script.ascii_tlds or any(unicodedata.name(ch, "").lower().startswith(script.name) for ch in tld)


def ascii_domain(domain: str) -> str:
    """A domain as SMTP and mail headers carry it without SMTPUTF8: each label in its own letters as its A-label
    (IDNA 2008 with UTS #46's mapping, as browsers and mail clients do: šabac.rs -> xn--abac-f6a.rs); "" where it
    cannot be one. A domain of ASCII letters is kept as it is."""
    if domain.isascii():
        return domain
    try:
        return idna.encode(domain, uts46=True).decode("ascii")
    except idna.IDNAError:  # a space, a symbol, a label no IDNA domain can have
        return ""


def ascii_address(address: str) -> str:
    """An address checked by check_address, its domain as ascii_domain writes it."""
    local, _, domain = address.rpartition("@")
    return f"{local}@{ascii_domain(domain)}"


def shown_address(address: str) -> str:
    """An address as the mail carries it (ascii_address) with its domain in its own letters again, as [contacts] has
    it for the Coordinator to find (nema@xn--abac-f6a.rs -> nema@šabac.rs); as it is where it has no A-label, or one
    IDNA cannot read."""
    local, _, domain = address.rpartition("@")
    if "xn--" not in domain.lower():
        return address
    try:
        return f"{local}@{idna.decode(domain)}"
    except (idna.IDNAError, UnicodeError):
        return address


class Contact(BaseModel):
    """Where an institution's mail goes: `to` (at least one), `cc`, and the language it is written in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    to: list[str] = Field(min_length=1, description="Addresses the mail is sent to.")
    cc: list[str] = Field(default_factory=list, description="Addresses that get a copy.")
    lang: Lang = Field(default="sr-Latn", description="sr-Latn, sr-Cyrl or en.")

    @field_validator("to", "cc")
    @classmethod
    def _addresses(cls, values: list[str]) -> list[str]:
        return [check_address(v) for v in values]
