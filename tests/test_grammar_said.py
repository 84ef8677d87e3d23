"""Serbian grammar of texts apmon builds from a number or a month: the words after every class of number (1, 2, 5,
11, 12, 21, 22, 25, 101, 111) and the case a preposition asks of a month, as an editor reads them. The expected words
are typed here, never made by the code under test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.templates.validation import validate_file
from tests.test_dates_said import cover_dated

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


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "sr-Latn",
            "maj 2016. je pre akcionog plana ap-2017-2018 (od januara 2017. do decembra 2018.): obrasci za maj 2016. "
            "prave se iz plana koji je tada važio",
        ),
        (
            "sr-Cyrl",
            "мај 2016. је пре акционог плана ap-2017-2018 (од јануара 2017. до децембра 2018.): обрасци за мај 2016. "
            "праве се из плана који је тада важио",
        ),
        (
            "en",
            "May 2016 is before Action Plan ap-2017-2018 (January 2017 to December 2018): the templates for May 2016",
        ),
    ],
)
def test_a_template_before_the_plan_names_its_months_in_words_in_the_genitive_after_od_do(
    lang: str, said: str, tmp_path: Path
) -> None:
    """Was "2016-05 je pre akcionog plana ap-2017-2018 (od 2017-01 do 2018-12)": every other text names a month in
    words, in the genitive after od/do."""
    from typer.testing import CliRunner

    from apmon.cli.app import app

    args = ["template", "build", "--period", "2016-05", "--institution", "MUP", "--lang", lang]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert said in " ".join(result.output.split()), result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "sr-Latn",
            "2016 je pre akcionog plana ap-2017-2018 (od januara 2017. do decembra 2018.): obrasci za 2016. godinu "
            "prave se iz plana koji je tada važio",
        ),
        (
            "sr-Cyrl",
            "2016 је пре акционог плана ap-2017-2018 (од јануара 2017. до децембра 2018.): обрасци за 2016. годину "
            "праве се из плана који је тада важио",
        ),
        ("en", "2016 is before Action Plan ap-2017-2018 (January 2017 to December 2018): the templates for 2016 are"),
    ],
)
def test_a_year_before_the_plan_is_said_after_za_as_a_sentence_says_it(lang: str, said: str, tmp_path: Path) -> None:
    """Was "obrasci za 2016 prave se": the title and the other refusals of `template build` say "za 2016. godinu"."""
    from typer.testing import CliRunner

    from apmon.cli.app import app

    args = ["template", "build", "--period", "2016", "--institution", "MUP", "--lang", lang]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert said in " ".join(result.output.split()), result.output


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("sr-Latn", "period bi počeo u martu 2018., posle --to 2018-01: navedite --from ili kasniji --to"),
        ("sr-Cyrl", "период би почео у марту 2018., после --to 2018-01: наведите --from или каснији --to"),
        ("en", "the span would start in March 2018, after --to 2018-01: give --from, or a later --to"),
    ],
)
def test_a_council_span_that_ends_before_it_starts_names_its_first_month_in_the_locative_after_u(
    lang: str, said: str, tmp_path: Path
) -> None:
    """Was "period bi počeo u 2018-03": after "u" a month is in the locative, as the reader says it."""
    from typer.testing import CliRunner

    from apmon.cli.app import app

    config = tmp_path / "apmon.toml"
    ledger = (tmp_path / "ledger.sqlite").as_posix()
    config.write_text(f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nledger = "sqlite:///{ledger}"\n', encoding="utf-8")
    args = ["report", "council", "--from", "2018-03", "--to", "2018-01", "--config", str(config), "--lang", lang]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert said in " ".join(result.output.split()), result.output


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "sr-Latn",
            "Datum izveštaja (04.05.2018.) je posle dana kada je izveštaj proveren, odnosno primljen (10.04.2018.). "
            "Upišite datum kada je izveštaj sačinjen, u obliku 05.02.2018.: proverite godinu",
        ),
        (
            "sr-Cyrl",
            "Датум извештаја (04.05.2018.) је после дана када је извештај проверен, односно примљен (10.04.2018.). "
            "Упишите датум када је извештај сачињен, у облику 05.02.2018.: проверите годину",
        ),
    ],
)
def test_the_date_to_type_is_written_with_the_years_full_stop_as_the_message_writes_its_other_dates(
    lang: str, said: str, plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Was "u obliku 05.02.2018: proverite": the example lacked the full stop every Serbian date has after its
    year (an ordinal number), beside two dates written with it."""
    path = cover_dated(plan, registry, tmp_path, lang, "04.05.2018")
    checked = validate_file(path, plan, registry, lang, checked_on=dt.date(2018, 4, 10))  # type: ignore[arg-type]
    [found] = [i for i in checked.issues if i.code == "report-date-in-future"]
    assert found.message.startswith(said), found.message


@pytest.mark.parametrize(
    ("period", "lang", "said"),
    [
        (
            "2016-03",
            "sr-Latn",
            "izveštavanje počinje u septembru 2017. (first_period u podešavanjima i početak plana): za mart 2016. "
            "niko nije dugovao izveštaj; navedite --period 2017-09 ili kasniji mesec",
        ),
        (
            "2016-03",
            "sr-Cyrl",
            "извештавање почиње у септембру 2017. (first_period у подешавањима и почетак плана): за март 2016. "
            "нико није дуговао извештај; наведите --period 2017-09 или каснији месец",
        ),
        (
            "2016-03",
            "en",
            "reporting begins in September 2017 (first_period in the configuration, and the plan's start): no reports "
            "were due for March 2016; give --period 2017-09 or a later month",
        ),
        (
            "2019-03",
            "sr-Latn",
            "plan ap-2017-2018 se završava u decembru 2018.: za mart 2019. niko ne duguje izveštaj; navedite --period "
            "2018-12 ili raniji mesec",
        ),
        (
            "2019-03",
            "sr-Cyrl",
            "план ap-2017-2018 се завршава у децембру 2018.: за март 2019. нико не дугује извештај; наведите --period "
            "2018-12 или ранији месец",
        ),
        (
            "2019-03",
            "en",
            "the plan ap-2017-2018 ends in December 2018: no reports are due for March 2019; give --period 2018-12 or "
            "an earlier month",
        ),
    ],
)
def test_a_brief_for_a_month_nobody_owed_says_the_month_in_words_and_who_owed_nothing(
    period: str, lang: str, said: str, tmp_path: Path
) -> None:
    """Was "za 2016-03 izveštaji nisu ni bili dužni": a report is not "dužan" (obliged), an institution is; and the
    month asked for is named as the reader names it ("za mart 2016."), the options to type keep YYYY-MM. The month
    reporting begins or ends with was "mesecom 2018-12" in the sentence: said in words, in the locative after "u"."""
    from typer.testing import CliRunner

    from apmon.cli.app import app

    config = tmp_path / "apmon.toml"
    ledger = (tmp_path / "ledger.sqlite").as_posix()
    config.write_text(f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nledger = "sqlite:///{ledger}"\n', encoding="utf-8")
    args = ["report", "minister", "--period", period, "--config", str(config), "--lang", lang]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output  # a month outside those monitored is typed wrong: a usage error
    assert said in " ".join(result.output.split()), result.output


# "ima greške" (has errors) said of one error reads as several: without a count, one error is one and any other
# number is plural (21 errors "ima greške": the noun agrees with no number here).
HAS_ERRORS = {
    "sr-Latn": ("ima grešku i nije prihvaćen", "ima greške i nije prihvaćen"),
    "sr-Cyrl": ("има грешку и није прихваћен", "има грешке и није прихваћен"),
    "en": ("has an error and was not accepted", "has errors and was not accepted"),
}
ERRORS_COUNTED = {
    "sr-Latn": {1: "greška", 2: "greške", 5: "grešaka", 11: "grešaka", 12: "grešaka", 21: "greška", 22: "greške",
                25: "grešaka", 101: "greška", 111: "grešaka"},
    "sr-Cyrl": {1: "грешка", 2: "грешке", 5: "грешака", 11: "грешака", 12: "грешака", 21: "грешка", 22: "грешке",
                25: "грешака", 101: "грешка", 111: "грешака"},
}  # fmt: skip


@pytest.mark.parametrize("lang", ["sr-Latn", "sr-Cyrl", "en"])
@pytest.mark.parametrize("n", NUMBER_CLASSES)
def test_the_problems_mail_says_one_error_as_one(n: int, lang: str) -> None:
    """Was "... primljena 04.04.2018.) ima greške i nije prihvaćen" under a subject that counted "(1 greška)"."""
    from apmon.sync.reminders import Latest, problems_text

    received = dt.datetime(2018, 4, 4, 8, tzinfo=dt.UTC)
    error = {"code": "missing-status", "severity": "error", "sheet": "Tasks", "cell": "E4", "value": None,
             "message": "", "params": {"task": "1.1.2"}}  # fmt: skip
    warning = {**error, "code": "cover-date-missing", "severity": "warning", "cell": "B12"}  # listed, not counted
    version = Latest(1, "MZ", "2018-03", "MZ_2018-03.xlsx", received, received, False, dt.date(2018, 4, 10), None,
                     None, [error] * n + [warning])  # fmt: skip
    subject, body = problems_text(lang, "MZ", version)  # type: ignore[arg-type]
    one, several = HAS_ERRORS[lang]
    assert (one if n == 1 else several) in body, body
    assert (several if n == 1 else one) not in body, body
    counted = f"{n} error" + ("" if n == 1 else "s") if lang == "en" else f"{n} {ERRORS_COUNTED[lang][n]}"
    assert subject.endswith(f"({counted})"), subject


def _duplicate(basis: str, valid: tuple[bool, ...]) -> object:
    from apmon.sync.findings import DuplicateFile, DuplicateReport

    saved = dt.datetime(2018, 7, 5, 9, 57, tzinfo=dt.UTC)
    files = [
        DuplicateFile(
            file=f"MZ_2018-06_{i}.xlsx",
            saved=saved + dt.timedelta(days=i),
            stamp=None,
            valid=ok,
            counts=basis == "only-valid" and ok,
        )
        for i, ok in enumerate(valid)
    ]
    return DuplicateReport(institution="MZ", period="2018-06", files=files, basis=basis)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "said", "never"),
    [
        ("sr-Latn", "Računa se MZ_2018-06_1.xlsx: jedina je bez grešaka", ("ostale imaju greške", "ima greške")),
        ("sr-Cyrl", "Рачуна се MZ_2018-06_1.xlsx: једина је без грешака", ("остале имају грешке", "има грешке")),
        ("en", "MZ_2018-06_1.xlsx counts: it alone has no errors", ("the others have", "has errors")),
    ],
)
def test_two_files_of_one_report_one_with_errors_do_not_say_the_others_nor_how_many_errors(
    lang: str, said: str, never: tuple[str, ...]
) -> None:
    """Was "(..., ima greške); ... Računa se ...: ostale imaju greške" of two files (one other, its errors uncounted:
    maybe one). The file is said invalid, and the one that counts the only one without errors."""
    from apmon.sync.findings import duplicate_text

    text = duplicate_text(_duplicate("only-valid", (False, True)), lang)  # type: ignore[arg-type]
    assert said in text, text
    assert {"sr-Latn": "neispravna)", "sr-Cyrl": "неисправна)", "en": "not valid)"}[lang] in text, text
    assert not [words for words in never if words in text], text
    none = duplicate_text(_duplicate("none", (False, False)), lang)  # type: ignore[arg-type]
    expected = {
        "sr-Latn": "Ne računa se nijedna: nijedna nije bez grešaka.",
        "sr-Cyrl": "Не рачуна се ниједна: ниједна није без грешака.",
        "en": "None counts: none is without errors.",
    }
    assert expected[lang] in none, none


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("sr-Latn", "U evidenciji nema verzija za MZ, mart 2018."),
        ("sr-Cyrl", "У евиденцији нема верзија за MZ, март 2018."),
        ("en", "The ledger holds no versions for MZ, March 2018."),
    ],
)
def test_ledger_versions_of_a_month_with_none_names_the_month_in_words(lang: str, said: str, tmp_path: Path) -> None:
    """Was "U evidenciji nema verzija za MZ 2018-03.": the month the Coordinator asked for, named as she names it."""
    from typer.testing import CliRunner

    from apmon.cli.app import app

    config = tmp_path / "apmon.toml"
    ledger = (tmp_path / "ledger.sqlite").as_posix()
    config.write_text(f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nledger = "sqlite:///{ledger}"\n', encoding="utf-8")
    args = ["ledger", "versions", "-i", "MZ", "-p", "2018-03", "--config", str(config), "--lang", lang]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert " ".join(result.stdout.split()) == said, result.output


@pytest.mark.parametrize("n", NUMBER_CLASSES)
def test_the_annual_warning_counts_who_has_not_sent_with_no_verb_to_agree(n: int) -> None:
    """Found in review (rv2): "1 of 14 institutions have not sent theirs yet", a verb agreeing with no number; the
    count now follows its noun in the three languages, as in Serbian it did."""
    fields = {"year": 2018, "due": "18 Feb 2019", "cut": "31 Jan 2019", "missing": n, "total": 111}
    english = text_of("report_cli.annual_not_yet_due", "en", **fields)
    assert f"institutions that have not sent their annual report yet: {n} of 111." in english, english
    assert f"{n} of 111 institutions" not in english, english
    latin = text_of("report_cli.annual_not_yet_due", "sr-Latn", **fields)
    assert f"institucije koje još nisu dostavile izveštaj: {n} od 111." in latin, latin
    cyrillic = text_of("report_cli.annual_not_yet_due", "sr-Cyrl", **fields)
    assert f"институције које још нису доставиле извештај: {n} од 111." in cyrillic, cyrillic
