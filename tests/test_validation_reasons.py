"""What is wrong with a value in a file a person writes (the configuration, the plan) is said in the reader's
language: pydantic's error types and apmon's own validators go through the catalogue, never in pydantic's English
("Input should be a valid integer", "<class 'pathlib.Path'>") inside a Serbian sentence."""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import AnyUrl, BaseModel, ConfigDict, Field, ValidationError
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.messages import catalogue
from apmon.schemas.said import REASON_BY_TYPE, SaidValueError, validation_reason
from apmon.schemas.text import LANGS, Lang
from apmon.sync.config import load_config
from apmon.templates.plan_file import DataFileError, load_plan, load_registry
from tests.conftest import MINIMAL_PLAN

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# pydantic's own words, as they would show through
_PYDANTIC_ENGLISH = ("Input should", "Extra inputs", "Field required", "<class", "Value error", "valid integer")


def _problems(path: Path, lang: Lang) -> list[str]:
    with pytest.raises(DataFileError) as info:
        if path.suffix == ".toml":
            load_config(path)
        else:
            load_plan(path, load_registry())
    return [e.said(lang) for e in info.value.errors]


class _Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class _Everything(BaseModel):
    """A field of every kind a data file has, each with the constraints its models use."""

    model_config = ConfigDict(extra="forbid")

    whole: int = 0
    number: float = 0
    finite: float = Field(default=0, allow_inf_nan=False)
    amount: Decimal = Field(default=Decimal(0), max_digits=5, decimal_places=2)
    flag: bool = False
    text: str = ""
    short: str = Field(default="ab", min_length=2, max_length=3)
    code: str = Field(default="A1", pattern=r"^[A-Z][0-9]$")
    lang: Literal["sr-Latn", "sr-Cyrl", "en"] = "en"
    colour: _Colour = _Colour.RED
    positive: int = Field(default=1, gt=0)
    at_least_one: int = Field(default=1, ge=1)
    under_ten: int = Field(default=1, lt=10)
    at_most_ten: int = Field(default=1, le=10)
    even: int = Field(default=2, multiple_of=2)
    day: dt.date = dt.date(2018, 1, 1)
    moment: dt.datetime = dt.datetime(2018, 1, 1)
    hour: dt.time = dt.time(9)
    folder: Path = Path()
    table: dict[str, int] = Field(default_factory=dict)
    items: list[int] = Field(default_factory=list)
    some: list[int] = Field(default_factory=lambda: [1], min_length=1, max_length=2)
    link: AnyUrl | None = None
    required: str


BAD_VALUES: list[dict[str, object]] = [
    {"whole": "dva"},
    {"whole": 1.5},
    {"whole": [1]},
    {"number": "mnogo"},
    {"amount": "sto"},
    {"amount": "1.234"},
    {"amount": "12345"},
    {"amount": "1234.5"},
    {"amount": "123.456"},
    {"amount": "1234.56"},
    {"flag": "možda"},
    {"text": 5},
    {"short": "a"},
    {"short": "abcd"},
    {"code": "a1"},
    {"lang": "de"},
    {"colour": "green"},
    {"positive": 0},
    {"at_least_one": 0},
    {"under_ten": 10},
    {"at_most_ten": 11},
    {"even": 3},
    {"day": "31.12.2018"},
    {"day": 5.5},
    {"moment": "sutra"},
    {"hour": "podne"},
    {"folder": 5},
    {"table": [1]},
    {"items": 5},
    {"some": []},
    {"some": [1, 2, 3]},
    {"link": "nije adresa"},
    {"unknown": 1},
    {"finite": float("inf")},
]


def _errors() -> list[dict[str, object]]:
    """The errors of every bad value, each validated on its own, and of a required field left out."""
    found = []
    for values in [*BAD_VALUES, {}]:
        with pytest.raises(ValidationError) as info:
            _Everything.model_validate({"required": "x", **values} if values else {})
        found += [dict(e) for e in info.value.errors()]
    return found


def test_every_error_a_data_file_meets_is_said_by_the_catalogue_with_its_fields_filled() -> None:
    errors = _errors()
    seen = {str(e["type"]) for e in errors}
    assert seen <= set(REASON_BY_TYPE), seen - set(REASON_BY_TYPE)  # each of these errors has its phrase
    assert len(seen) >= 30
    for error in errors:
        reason = validation_reason(error)
        assert not isinstance(reason, str), error
        for lang in LANGS:
            text = reason.said(lang)
            assert "?" not in text and not any(words in text for words in _PYDANTIC_ENGLISH), (error, text)
        assert reason.said("sr-Latn") != reason.said("en")
        assert _CYRILLIC.search(reason.said("sr-Cyrl"))


def test_the_phrases_of_error_types_are_in_the_catalogue() -> None:
    keys = {f"invalid.{reason}" for reason in REASON_BY_TYPE.values()}
    assert keys <= set(catalogue())


def test_a_limit_and_the_choices_are_shown_in_the_readers_words() -> None:
    by_field = {str(e["loc"][0]): validation_reason(e) for e in _errors() if e["loc"]}
    at_least, choices = by_field["at_least_one"], by_field["lang"]
    assert not isinstance(at_least, str) and not isinstance(choices, str)
    assert at_least.said("sr-Latn") == "mora biti najmanje 1"
    # pydantic lists the choices with an English "or": a plain list instead
    assert choices.said("sr-Latn") == "dozvoljeno je samo jedno od: 'sr-Latn', 'sr-Cyrl', 'en'"


def test_an_error_type_no_data_file_meets_keeps_pydantics_words() -> None:
    assert validation_reason({"type": "uuid_parsing", "msg": "Input should be a valid UUID"}) == (
        "Input should be a valid UUID"
    )


def test_a_validators_refusal_is_said_in_the_readers_language() -> None:
    class Model(BaseModel):
        value: int

        def model_post_init(self, _: object) -> None:
            raise SaidValueError("invalid.amount_currency")

    with pytest.raises(ValidationError) as info:
        Model(value=1)
    (error,) = info.value.errors()
    reason = validation_reason(error)
    assert not isinstance(reason, str)
    assert reason.said("sr-Latn") == "uz iznos ide valuta (`RSD` ili `EUR`)"
    assert reason.said("sr-Cyrl").startswith("уз износ иде валута (`RSD` или `EUR`)")
    assert reason.said("en") == "an amount needs a currency (RSD or EUR)"


def test_a_configuration_with_wrong_settings_is_told_in_serbian(tmp_path: Path) -> None:
    path = tmp_path / "apmon.toml"
    path.write_text(
        '[sync]\nworkers = "dva"\nfolder = 5\nmaster_lang = "de"\nrecord_batch = 5\n'
        '[mail]\npassword = "tajna"\n[deadlines]\nannual_due_day = 30\nannual_due_month = 2\n',
        encoding="utf-8",
    )
    latin = _problems(path, "sr-Latn")
    expected = [
        "polje sync.workers: neispravno podešavanje (očekuje se ceo broj, na primer 5)",
        "polje sync.folder: neispravno podešavanje (očekuje se putanja do datoteke ili fascikle, napisana kao tekst)",
        "polje sync.master_lang: neispravno podešavanje (dozvoljeno je samo jedno od: 'sr-Latn', 'sr-Cyrl', 'en')",
        "polje sync.record_batch: neispravno podešavanje (nepoznat naziv; proverite kako je napisan ili ga uklonite)",
        "polje mail: neispravno podešavanje (lozinka za SMTP se nikada ne upisuje u podešavanja",
        "polje deadlines: neispravno podešavanje (godišnji rok 30.2. ne postoji svake godine; izaberite drugi dan)",
    ]
    for part in expected:
        assert any(part in line for line in latin), (part, latin)
    assert not any(words in line for line in latin for words in _PYDANTIC_ENGLISH)
    assert "tajna" not in "\n".join(latin)  # the password is never repeated
    cyrillic = _problems(path, "sr-Cyrl")
    assert all(_CYRILLIC.search(line) for line in cyrillic)
    assert any("очекује се цео број, на пример 5" in line for line in cyrillic)
    english = _problems(path, "en")
    assert any("at sync.workers: a whole number is expected, such as 5 (found 'dva')" in line for line in english)


def test_a_plan_with_wrong_values_is_told_in_serbian(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    text = (
        MINIMAL_PLAN.replace(
            "amount: 102000\n                currency", "amount: sto hiljada\n                currency"
        )
        .replace("end: 2018-12-31\nobjectives", "end: 31.12.2018\nobjectives")
        .replace("partners: [JLS]", "partners: [JLS, MUP]")
    )
    path.write_text(text, encoding="utf-8")
    latin = _problems(path, "sr-Latn")
    assert any(
        "polje end: neispravna vrednost (očekuje se datum u obliku GGGG-MM-DD, na primer 2018-02-15)" in line
        for line in latin
    ), latin
    assert any(
        "budget[0].amount: neispravna vrednost (očekuje se broj, na primer 1500 ili 1500.50)" in line for line in latin
    )
    assert not any(words in line for line in latin for words in _PYDANTIC_ENGLISH)
    # a validator's refusal: the plan's values are right, the task names MUP as lead and partner
    path.write_text(MINIMAL_PLAN.replace("partners: [JLS]", "partners: [JLS, MUP]"), encoding="utf-8")
    (refused,) = _problems(path, "sr-Latn")
    assert refused.endswith(
        "neispravna vrednost (MUP je i nosilac i partner; ostavite ga samo u `lead`); ispravite je u datoteci"
    )
    (refused_cyrillic,) = _problems(path, "sr-Cyrl")
    assert "MUP је и носилац и партнер; оставите га само у `lead`" in refused_cyrillic


def test_the_json_of_a_plan_check_has_the_reason_in_english(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL_PLAN.replace("partners: [JLS]", "partners: [JLS, MUP]"), encoding="utf-8")
    result = CliRunner().invoke(app, ["plan", "check", "--plan", str(path), "--json"])
    (error,) = json.loads(result.stdout)["errors"]
    assert error["fields"]["detail"] == "MUP is both lead and partner; keep it in 'lead' only"
    assert error["message"] == error["fields"]["detail"]


@pytest.mark.parametrize(
    ("lines", "line", "told"),
    [
        ("folder = C:\\Izvestaji", 2, "tekst i putanje pišite pod navodnicima"),
        ('folder = "C:\\Users\\ana"', 2, "putanju napišite pod jednostrukim navodnicima"),
        ('folder = "Izvestaji', 2, "tekst nije zatvoren navodnikom"),
        ("workers 2", 2, "posle naziva podešavanja očekuje se znak ="),
        ('workers = 2 master_lang = "en"', 2, "svako podešavanje pišite u svom redu"),
        ("workers = 2\nworkers = 3", 3, "isto podešavanje je upisano dva puta"),
        ("workers = 2\n[sync]", 3, "ista sekcija (na primer `[sync]`) je upisana dva puta"),
        ("[mail\nsender = 'a@b.rs'", 2, "naziv sekcije nije zatvoren"),
        ("as_of = 2019-02-30", 2, "datum nije ispravan"),
    ],
)
def test_a_configuration_that_is_not_toml_is_told_where_and_what_to_do(
    tmp_path: Path, lines: str, line: int, told: str
) -> None:
    path = tmp_path / "apmon.toml"
    path.write_text(f"[sync]\n{lines}\n", encoding="utf-8")
    (latin,) = _problems(path, "sr-Latn")
    assert latin.startswith(f"{path}:{line}: nije ispravan TOML (") and told in latin, latin
    (cyrillic,) = _problems(path, "sr-Cyrl")
    assert _CYRILLIC.search(cyrillic) and not re.search(r"Invalid|Expected|Cannot|Unclosed|Illegal", cyrillic)
    (english,) = _problems(path, "en")
    assert not re.search(r"Invalid|Expected|Cannot|Unclosed|Illegal", english)


def test_a_windows_path_read_as_an_escape_is_refused_and_one_in_single_quotes_is_kept(tmp_path: Path) -> None:
    """In double quotes "D:\\novi" is "D:", a new line and "ovi": no run may look for that folder."""
    path = tmp_path / "apmon.toml"
    path.write_text('[sync]\nfolder = "D:\\novi"\nmaster = "D:\\reports.xlsx"\n', encoding="utf-8")
    latin = _problems(path, "sr-Latn")
    assert [line.split(": ", 1)[0] for line in latin] == [f"{path}, polje sync.folder", f"{path}, polje sync.master"]
    assert all("putanju napišite pod jednostrukim navodnicima" in line for line in latin)
    path.write_text("[sync]\nfolder = 'D:\\novi'\n", encoding="utf-8")
    assert load_config(path).sync.folder == tmp_path / "D:\\novi"  # relative on Linux: to the file


def test_an_empty_path_is_refused_not_read_as_the_configurations_folder(tmp_path: Path) -> None:
    """`folder = ""` was the folder of apmon.toml itself: with data_dir = "." the sync read its own master, the
    master's backups and the Coordinator's reports as report files, and kept each in the ledger."""
    path = tmp_path / "apmon.toml"
    path.write_text('[sync]\ndata_dir = "."\nfolder = ""\nmaster = "  "\n', encoding="utf-8")
    latin = _problems(path, "sr-Latn")
    assert [line.split(": ", 1)[0] for line in latin] == [f"{path}, polje sync.folder", f"{path}, polje sync.master"]
    assert all("putanja je prazna" in line and "`folder = '.'`" in line for line in latin), latin
    (english, _) = _problems(path, "en")
    assert "the path is empty" in english, english


@pytest.mark.parametrize("name", ["master.csv", "master.xlsm", "master", "master.XLSX.bak"])
def test_a_master_not_named_as_an_excel_workbook_is_refused(tmp_path: Path, name: str) -> None:
    """`master = "master.csv"` had an xlsx written under that name, which Excel then opened as text (and an .xlsm
    that Excel refuses to open: openpyxl writes no macro part)."""
    path = tmp_path / "apmon.toml"
    path.write_text(f'[sync]\nmaster = "{name}"\n', encoding="utf-8")
    (latin,) = _problems(path, "sr-Latn")
    assert latin.startswith(f"{path}, polje sync.master: ") and "`.xlsx`" in latin, latin
    (english,) = _problems(path, "en")
    assert "must end in `.xlsx`" in english, english
    path.write_text('[sync]\nmaster = "Zbirna.XLSX"\n', encoding="utf-8")
    assert load_config(path).sync.master == tmp_path / "Zbirna.XLSX"


def test_the_briefs_folder_is_read_from_the_configurations_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`[reports] folder = "brifovi"` was taken from wherever apmon ran (the scheduled job's folder, not the
    Coordinator's), unlike every other path in apmon.toml: the sync's briefs went there, and a reports folder
    holding them read them as report files."""
    path = tmp_path / "apmon.toml"
    path.write_text('[sync]\ndata_dir = "."\nfolder = "."\n[reports]\nfolder = "brifovi"\n', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    config = load_config(path)
    assert config.reports.folder == tmp_path / "brifovi"
    assert tmp_path / "brifovi" in config.written_by_apmon()


def test_a_configuration_not_saved_as_utf8_says_how_to_save_it(tmp_path: Path) -> None:
    path = tmp_path / "apmon.toml"
    path.write_bytes("[sync]\nmaster = 'D:/Izveštaji.xlsx'\n".encode("cp1250"))  # as an older Notepad saves it
    (latin,) = _problems(path, "sr-Latn")
    assert "nije ispravan TOML (datoteka nije sačuvana u kodiranju UTF-8" in latin and "codec" not in latin


@pytest.mark.parametrize("name", ["pasword", "smtp_password", "api_key", "secret", "lozinka"])
def test_the_value_of_a_setting_named_like_a_secret_is_never_shown(tmp_path: Path, name: str) -> None:
    path = tmp_path / "apmon.toml"
    path.write_text(f'[mail]\n{name} = "Tajna-123"\n', encoding="utf-8")
    (latin,) = _problems(path, "sr-Latn")
    assert f"polje mail.{name}: neispravno podešavanje (nepoznat naziv" in latin and "Tajna-123" not in latin


@pytest.mark.parametrize(
    ("change", "told"),
    [
        (lambda t: t.replace("title: Test plan\n", "title: Test plan: 2017\n"), "dvotačka u tekstu bez navodnika"),
        (lambda t: t.replace("    title: Partnership\n", "\ttitle: Partnership\n"), "uvucite ga razmacima"),
        (lambda t: t.replace("    title: Partnership\n", "   title: Partnership\n"), "uvlačenje (broj razmaka"),
        (lambda t: t + 'note: "not closed\n', "tekst pod navodnicima nije zatvoren"),
        (lambda t: t.replace("id: ap-test\n", "id: ap-test\noops\n"), "posle naziva polja očekuje se dvotačka"),
    ],
)
def test_a_plan_that_is_not_yaml_is_told_where_and_what_to_do(tmp_path: Path, change: Any, told: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(change(MINIMAL_PLAN), encoding="utf-8")
    (latin,) = _problems(path, "sr-Latn")
    assert re.match(rf"{re.escape(str(path))}:\d+: nije ispravan YAML: ", latin) and told in latin, latin
    (english,) = _problems(path, "en")
    assert not re.search(r"mapping values|cannot start|did not find|unexpected end|could not find", english)
