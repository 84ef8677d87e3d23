"""Serbian grammar of texts apmon builds from a number or a month: the words after every class of number (1, 2, 5,
11, 12, 21, 22, 25, 101, 111) and the case a preposition asks of a month, as an editor reads them. The expected words
are typed here, never made by the code under test."""

from __future__ import annotations

import pytest

from apmon.schemas.messages import text_of

NUMBER_CLASSES = (1, 2, 5, 11, 12, 21, 22, 25, 101, 111)


@pytest.mark.parametrize("n", NUMBER_CLASSES)
def test_sync_status_says_the_unconfirmed_mails_with_their_noun_before_the_number(n: int) -> None:
    """Was "Od poslatih, za 3 server za e-poštu nije potvrdio prijem": a number with no noun that agrees with it."""
    latin = text_of("sync.status.mails_unconfirmed", "sr-Latn", count=n)
    assert latin.startswith(
        f"Poslate, ali bez potvrde prijema od servera za e-poštu (pokretanje je prekinuto tokom slanja): {n}; "
        "proverite sa institucijom da li su stigle"
    ), latin
    cyrillic = text_of("sync.status.mails_unconfirmed", "sr-Cyrl", count=n)
    assert cyrillic.startswith(
        f"Послате, али без потврде пријема од сервера за е-пошту (покретање је прекинуто током слања): {n}; "
        "проверите са институцијом да ли су стигле"
    ), cyrillic
    english = text_of("sync.status.mails_unconfirmed", "en", count=n)
    assert english.startswith(f"Of those sent, {n} got no answer from the mail server"), english
