"""The one catalogue of what users read (schemas.messages): every key once, in Serbian Latin and English, with
Serbian Cyrillic derived from the Latin text."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from apmon.schemas.messages import all_variants, catalogue, catalogue_parts, text_of
from apmon.schemas.text import LANGS, latin_to_cyrillic_template

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_FIELD = re.compile(r"\{(\w+)\}")


def test_no_key_is_defined_twice() -> None:
    counts = Counter(key for part in catalogue_parts().values() for key in part)
    assert [key for key, n in counts.items() if n > 1] == []
    assert len(catalogue()) == sum(counts.values())


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_every_key_has_serbian_latin_and_english(key: str) -> None:
    sr_latn, en = catalogue()[key]
    assert sr_latn.strip() and en.strip()
    assert set(_FIELD.findall(sr_latn)) == set(_FIELD.findall(en))  # the same fields in both
    assert not _CYRILLIC.search(sr_latn + en)  # Cyrillic is never typed: it is derived


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_cyrillic_is_the_latin_text_transliterated(key: str) -> None:
    sr_latn, en = catalogue()[key]
    assert [text_of(key, lang) for lang in LANGS] == [sr_latn, latin_to_cyrillic_template(sr_latn), en]
    assert {sr_latn, latin_to_cyrillic_template(sr_latn), en} <= set(all_variants(key))


def test_fields_are_filled_and_a_missing_one_shows_as_a_question_mark() -> None:
    assert text_of("issues.go", "en", where="'Zadaci'!E5") == "Go to 'Zadaci'!E5"
    assert "for ? more" in text_of("too-many-failures", "en", other="1")


def test_a_command_in_a_message_stays_as_it_is_typed_in_cyrillic() -> None:
    """A Cyrillic message names `apmon sync run` as the user types it, not transliterated."""
    stale = text_of("sync.status.stale", "sr-Cyrl")
    assert "`apmon sync run`" in stale and stale.startswith("треба да се освежи")
    commands = [key for key, (sr_latn, _) in catalogue().items() if "`" in sr_latn]
    assert commands  # the catalogue names commands
    for key in commands:
        typed = set(re.findall(r"`[^`]*`", catalogue()[key][0]))
        assert typed <= set(re.findall(r"`[^`]*`", text_of(key, "sr-Cyrl"))), key
