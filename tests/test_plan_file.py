"""Malformed plan files are refused with errors located by file, line and path."""

import datetime as dt
import gc
import json
import os
import weakref
from pathlib import Path

import pytest
import yaml

from apmon.templates import plan_file, yaml_text
from apmon.templates.plan_file import DataFileError, load_plan, load_plan_and_registry, load_registry
from tests.conftest import MINIMAL_PLAN


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path) -> list:
    with pytest.raises(DataFileError) as info:
        load_plan(path, load_registry())
    return info.value.errors


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_minimal_plan_loads(tmp_path: Path) -> None:
    plan = load_plan(write(tmp_path, MINIMAL_PLAN), load_registry())
    assert [t.id for t in plan.tasks()] == ["1.1.1"]
    assert plan.tasks()[0].budget[0].amount == 102000


def test_wrong_currency_is_located(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace("currency: RSD", "currency: EURO")
    (error,) = errors_of(write(tmp_path, text))
    assert error.path == "objectives[0].activities[0].tasks[0].budget[0].currency"
    assert error.line == line_of(text, "currency: EURO")
    assert "only one of these is allowed: 'RSD', 'EUR'" in error.message
    assert error.found == "'EURO'"
    assert str(error).startswith(f"{tmp_path / 'plan.yaml'}:{error.line} at objectives[0]")


def test_missing_lead_is_located(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace("            lead: [MUP]\n", "")
    (error,) = errors_of(write(tmp_path, text))
    assert error.path == "objectives[0].activities[0].tasks[0].lead"
    assert "required" in error.message
    assert error.line == line_of(text, 'id: "1.1.1"')  # the task that lacks it


def test_unknown_institution_code(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace("partners: [JLS]", "partners: [XYZ]")
    (error,) = errors_of(write(tmp_path, text))
    assert error.path == "objectives[0].activities[0].tasks[0].partners[0]"
    assert "unknown institution code" in error.message
    assert error.line == line_of(text, "partners: [XYZ]")


def test_task_id_outside_its_activity(tmp_path: Path) -> None:
    (error,) = errors_of(write(tmp_path, MINIMAL_PLAN.replace('id: "1.1.1"', 'id: "2.1.1"')))
    assert "does not belong under '1.1'" in error.message


def test_amount_without_currency_and_negative_amount(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace("                currency: RSD\n", "").replace("amount: 102000\n", "amount: -5\n")
    problems = errors_of(write(tmp_path, text))
    assert any(e.path.endswith("budget[0].amount") and "must be at least 0" in e.message for e in problems)


def test_no_cost_line_with_an_amount(tmp_path: Path) -> None:
    (error,) = errors_of(write(tmp_path, MINIMAL_PLAN.replace("source: state-budget", "source: no-cost")))
    assert "no-cost line carries no amount" in error.message
    assert error.path == "objectives[0].activities[0].tasks[0].budget[0]"


def test_breakdown_on_a_non_counting_indicator(tmp_path: Path) -> None:
    (error,) = errors_of(write(tmp_path, MINIMAL_PLAN.replace("counts: true", "counts: false")))
    assert "only a counting indicator" in error.message


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace("title: Partnership", "title: [Partnership")
    (error,) = errors_of(write(tmp_path, text))
    assert "not valid YAML" in error.message
    assert error.line is not None and error.line >= line_of(text, "[Partnership")


def test_key_written_twice_is_refused(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace("start: 2017-01-01\n", "start: 2017-01-01\nstart: 2017-02-01\n")
    (error,) = errors_of(write(tmp_path, text))
    assert "written twice" in error.message
    assert error.line == 5


@pytest.mark.parametrize(
    ("content", "message"),
    [("- just\n- a list\n", "expected a YAML mapping"), ("", "expected a YAML mapping")],
)
def test_not_a_mapping(tmp_path: Path, content: str, message: str) -> None:
    (error,) = errors_of(write(tmp_path, content))
    assert message in error.message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes("title: Ministarstvo unutrašnjih poslova".encode("cp1250"))
    (error,) = errors_of(path)
    assert "UTF-8" in error.message


def test_missing_file(tmp_path: Path) -> None:
    (error,) = errors_of(tmp_path / "nope.yaml")
    assert error.message.startswith("file not found")


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace("currency: RSD", "currency: EURO").replace("kind: continuous", "kind: sometimes")
    assert len(errors_of(write(tmp_path, text))) == 2


def test_wrong_measure_is_located(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace("measure: flow", "measure: level")
    (error,) = errors_of(write(tmp_path, text))
    assert error.path == "objectives[0].activities[0].indicators[0].measure"
    assert error.line == line_of(text, "measure: level")
    assert "only one of these is allowed: 'flow', 'stock'" in error.message and error.found == "'level'"


def test_a_counting_indicator_needs_a_measure(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace("            measure: flow\n", "")
    (error,) = errors_of(write(tmp_path, text))
    assert error.path == "objectives[0].activities[0].indicators[0]"
    assert "needs 'measure: flow'" in error.message
    assert error.line == line_of(text, 'id: "1.1.i1"')


def test_a_text_indicator_has_no_measure(tmp_path: Path) -> None:
    text = MINIMAL_PLAN.replace("counts: true", "counts: false")
    text = text.replace("            breakdown: [women, men, girls, boys]\n", "")
    (error,) = errors_of(write(tmp_path, text))
    assert "has a 'measure'" in error.message


def test_a_plan_is_parsed_once_per_process(tmp_path: Path) -> None:
    """The steps of one command that each ask for the plan get the one parsed first; a rewrite is read anew, even
    one of the same size within the same tick of the clock."""
    path = write(tmp_path, MINIMAL_PLAN)
    registry = load_registry()
    first = load_plan(path, registry)
    assert load_plan(path, registry) is first
    stat = path.stat()
    path.write_text(MINIMAL_PLAN.replace("title: Partnership", "title: Partnershiq"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = load_plan(path, registry)
    assert again is not first and again != first


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
def test_plans_are_parsed_by_libyaml() -> None:
    """libyaml's parser, several times faster than PyYAML's Python one; the located errors above still hold with it."""
    assert issubclass(yaml_text._UniqueKeyLoader, yaml.CSafeLoader)


def test_a_plan_nobody_holds_is_forgotten(tmp_path: Path) -> None:
    """The per-process cache holds plans weakly: a long-running scheduler keeps no plan of an earlier run."""
    path = write(tmp_path, MINIMAL_PLAN)
    plan = load_plan(path, load_registry())
    held = weakref.ref(plan)
    del plan
    gc.collect()
    assert held() is None


# --- what a plan and a registry file held, kept in the data folder (plan_file._Cache) -------------------------------


def _cached(data_dir: Path, name: str = plan_file.PLAN_CACHE) -> dict:
    return json.loads((data_dir / name).read_text(encoding="utf-8"))


def test_a_plan_and_registry_read_again_with_the_data_folder_come_from_its_cache(tmp_path: Path) -> None:
    """Read with the data folder, the shipped plan and registry are kept there as JSON; read again (at another path:
    not this process's own memory of them), what is kept is what they are made of, and they come out equal."""
    data = tmp_path / "data"
    data.mkdir()
    # Copies at paths of this test's own: the shipped files may be in this process's memory from an earlier test
    first_plan, first_registry = tmp_path / "first-plan.yaml", tmp_path / "first-institutions.yaml"
    first_plan.write_bytes(plan_file.DEFAULT_PLAN.read_bytes())
    first_registry.write_bytes(plan_file.DEFAULT_INSTITUTIONS.read_bytes())
    registry = load_registry(first_registry, cache_dir=data)
    plan = load_plan(first_plan, registry, cache_dir=data)
    assert _cached(data)["data"]["id"] == plan.id
    assert _cached(data, plan_file.INSTITUTIONS_CACHE)["data"]["institutions"][0]["code"] == registry.codes[0]
    plan_copy, registry_copy = tmp_path / "plan.yaml", tmp_path / "institutions.yaml"
    plan_copy.write_bytes(plan_file.DEFAULT_PLAN.read_bytes())
    registry_copy.write_bytes(plan_file.DEFAULT_INSTITUTIONS.read_bytes())
    again_registry = load_registry(registry_copy, cache_dir=data)
    assert again_registry == registry
    assert load_plan(plan_copy, again_registry, cache_dir=data) == plan
    # What is kept is what the next read takes (the probe: a title changed in the cache alone shows).
    kept = _cached(data)
    kept["data"]["title"] = "Taken from the cache"
    (data / plan_file.PLAN_CACHE).write_text(json.dumps(kept), encoding="utf-8")
    third = tmp_path / "third.yaml"
    third.write_bytes(plan_file.DEFAULT_PLAN.read_bytes())
    assert load_plan(third, again_registry, cache_dir=data).title.en == "Taken from the cache"


def test_a_plan_file_changed_with_its_time_kept_is_parsed_again(tmp_path: Path) -> None:
    """The cache is of the file's bytes, not its time: a plan edited and given back its old time is parsed again,
    and the cache is made anew for it."""
    data = tmp_path / "data"
    data.mkdir()
    path = write(tmp_path, MINIMAL_PLAN)
    first = load_plan(path, load_registry(), cache_dir=data)
    stat = path.stat()
    path.write_text(MINIMAL_PLAN.replace("title: Partnership", "title: Partnershiq"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = load_plan(path, load_registry(), cache_dir=data)
    assert first.objectives[0].title.en == "Partnership"
    assert again.objectives[0].title.en == "Partnershiq"
    assert _cached(data)["data"]["objectives"][0]["title"] == "Partnershiq"


@pytest.mark.parametrize(
    "cache",
    [
        b"\x00\xff not JSON",
        b"[1, 2, 3]",
        b'{"format": 1}',
        b'{"format": 99, "text": "", "data": {}}',
        b"[" * 20_000,  # too deep for json to load (RecursionError)
    ],
)
def test_a_damaged_cache_is_left_aside(tmp_path: Path, cache: bytes) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / plan_file.PLAN_CACHE).write_bytes(cache)
    plan = load_plan(write(tmp_path, MINIMAL_PLAN), load_registry(), cache_dir=data)
    assert [t.id for t in plan.tasks()] == ["1.1.1"]
    assert _cached(data)["data"]["objectives"][0]["id"] == "1"  # made anew


def test_data_of_the_cache_the_plan_refuses_means_the_file_is_parsed_and_its_errors_located(tmp_path: Path) -> None:
    """A cache of this very file whose data the plan's model refuses (written by hand, or by another apmon) is left
    aside: the file is parsed, and a file with an error is refused with the error at its line."""
    data = tmp_path / "data"
    data.mkdir()
    path = write(tmp_path, MINIMAL_PLAN)
    load_plan(path, load_registry(), cache_dir=data)
    kept = _cached(data)
    kept["data"]["objectives"] = "none"
    (data / plan_file.PLAN_CACHE).write_text(json.dumps(kept), encoding="utf-8")
    copy = tmp_path / "copy.yaml"
    copy.write_text(MINIMAL_PLAN, encoding="utf-8")
    assert [t.id for t in load_plan(copy, load_registry(), cache_dir=data).tasks()] == ["1.1.1"]
    text = MINIMAL_PLAN.replace("currency: RSD", "currency: EURO")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_plan(broken, load_registry(), cache_dir=data)
    assert [e.line for e in info.value.errors] == [line_of(text, "currency: EURO")]


def test_a_plan_from_the_cache_naming_an_unknown_institution_is_refused_at_its_line(tmp_path: Path) -> None:
    """The lines of the errors found after the plan's data is had (an institution the registry lacks) come from the
    file, parsed then, when the data came from the cache."""
    data = tmp_path / "data"
    data.mkdir()
    text = MINIMAL_PLAN.replace("partners: [JLS]", "partners: [XYZ]")
    lines = []
    for name in ("plan.yaml", "copy.yaml"):  # the second read's data from the cache the first one made
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DataFileError) as info:
            load_plan(path, load_registry(), cache_dir=data)
        lines.append([(e.line, e.path) for e in info.value.errors])
        assert (data / plan_file.PLAN_CACHE).is_file()
    assert (
        lines[0] == lines[1] == [(line_of(text, "partners: [XYZ]"), "objectives[0].activities[0].tasks[0].partners[0]")]
    )


def test_a_data_folder_not_there_is_not_made_for_the_cache(tmp_path: Path) -> None:
    load_plan(write(tmp_path, MINIMAL_PLAN), load_registry(), cache_dir=tmp_path / "data")
    assert not (tmp_path / "data").exists()


def test_only_a_read_asked_to_keep_the_files_in_the_data_folder_does(tmp_path: Path) -> None:
    """The data folder holds the plan's corrections (texts_dir) whoever reads it; what the files held is kept only
    by a read asking for it (a sync's): a check of a registry about to be written leaves the folder as it was."""
    data = tmp_path / "data"
    data.mkdir()
    registry = tmp_path / "institutions.yaml"  # a path this process has not read: its file is read now
    registry.write_bytes(plan_file.DEFAULT_INSTITUTIONS.read_bytes())
    load_plan_and_registry(write(tmp_path, MINIMAL_PLAN), registry, data)
    assert list(data.iterdir()) == []
    other = tmp_path / "other.yaml"  # the same, read anew
    other.write_bytes(registry.read_bytes())
    load_plan_and_registry(write(tmp_path, MINIMAL_PLAN.replace("Test plan", "Another")), other, data, data)
    assert sorted(p.name for p in data.iterdir()) == [plan_file.INSTITUTIONS_CACHE, plan_file.PLAN_CACHE]


@pytest.mark.parametrize(
    ("data", "kept"),
    [
        ({"start": dt.date(2017, 1, 1), "days": [dt.date(2018, 2, 15)]}, True),  # dates come back as dates
        ({"a": 1, "b": 1.0, "c": True, "d": None, "e": ["x"]}, True),
        ({2017: "a year as a key"}, False),  # JSON would give back the key "2017"
        ({"$date": "2018-01-01"}, False),  # a mapping that reads back as a date
        ({"pair": ("a", "b")}, False),  # a tuple would come back a list
        ({"amount": float("nan")}, False),
        ({"when": dt.datetime(2018, 1, 1, 12, 0)}, False),
    ],
)
def test_only_data_json_gives_back_the_same_is_kept(tmp_path: Path, data: dict, kept: bool) -> None:
    cache = plan_file._Cache(tmp_path / "cache.json", "digest")
    cache.keep(data)
    assert cache.path.exists() is kept
    if kept:
        back = cache.data()
        assert back == data and [type(v) for v in back.values()] == [type(v) for v in data.values()]
        assert plan_file._Cache(cache.path, "another text").data() is None


def _cache_of_another_title(tmp_path: Path, data: Path) -> tuple[Path, dict]:
    """A plan file read once with the data folder, and its cache with the title changed (what the next read would
    show if it took the cache)."""
    path = write(tmp_path, MINIMAL_PLAN)
    load_plan(path, load_registry(), cache_dir=data)
    kept = _cached(data)
    kept["data"]["title"] = "Taken from the cache"
    return path, kept


def _read_anew(tmp_path: Path, data: Path) -> str:
    """The title of the same plan read at a path this process has not read (not its memory of the file)."""
    copy = tmp_path / f"copy-{len(list(tmp_path.iterdir()))}.yaml"
    copy.write_text(MINIMAL_PLAN, encoding="utf-8")
    return load_plan(copy, load_registry(), cache_dir=data).title.en


def test_a_cache_far_longer_than_its_file_is_not_read(tmp_path: Path) -> None:
    """A cache is read only up to a bound from its file's size: a huge file put in its place is not read whole."""
    data = tmp_path / "data"
    data.mkdir()
    _, kept = _cache_of_another_title(tmp_path, data)
    cache = data / plan_file.PLAN_CACHE
    cache.write_text(json.dumps(kept) + " " * (8 * len(MINIMAL_PLAN.encode()) + 64 * 1024), encoding="utf-8")
    assert _read_anew(tmp_path, data) != "Taken from the cache"
    assert cache.stat().st_size < 64 * 1024  # made anew


@pytest.mark.skipif(os.name == "nt", reason="a symbolic link needs a privilege on Windows")
def test_a_cache_that_is_a_link_is_neither_followed_nor_written_through(tmp_path: Path) -> None:
    """A link in the cache's place may lead anywhere (a device, another's file): it is not read, and the cache made
    anew replaces the link, not what it leads to."""
    data = tmp_path / "data"
    data.mkdir()
    _, kept = _cache_of_another_title(tmp_path, data)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(json.dumps(kept), encoding="utf-8")
    cache = data / plan_file.PLAN_CACHE
    cache.unlink()
    cache.symlink_to(elsewhere)
    assert _read_anew(tmp_path, data) != "Taken from the cache"
    assert not cache.is_symlink() and _cached(data)["data"]["title"] != "Taken from the cache"
    assert json.loads(elsewhere.read_text(encoding="utf-8")) == kept


def test_a_cache_made_by_another_yaml_reader_is_left_aside(tmp_path: Path) -> None:
    """An upgrade of apmon or PyYAML may turn the same YAML into other data (a new type, a key refused): a cache of
    the same text that another reader made is not trusted; the file is parsed and the cache made anew."""
    data = tmp_path / "data"
    data.mkdir()
    _, kept = _cache_of_another_title(tmp_path, data)
    for reader in ("PyYAML 5.1; an older apmon", None):  # None: a cache as made before readers were named
        if reader is None:
            kept.pop("reader", None)
        else:
            kept["reader"] = reader
        (data / plan_file.PLAN_CACHE).write_text(json.dumps(kept), encoding="utf-8")
        assert _read_anew(tmp_path, data) != "Taken from the cache"
        assert _cached(data)["data"]["title"] != "Taken from the cache"


def test_a_plan_with_merge_keys_loads_as_written_out(tmp_path: Path) -> None:
    """`<<: *anchor` (YAML's merge key) takes another mapping's keys, those written beside it overriding them: a
    plan using it is the plan with them written out (it was refused: the check for keys written twice constructed
    `<<` as a key). A key written twice beside a merge is still refused."""
    written_out = MINIMAL_PLAN.replace(
        "      - {institution: MUP, year: 2017, amount: 102000}\n  action_plan:",
        "      - &mup {institution: MUP, year: 2016, amount: 102000}\n  action_plan:",
    ).replace("first_year: 2017\n    last_year: 2019", "first_year: 2016\n    last_year: 2019")
    merged = written_out.replace(
        "    totals:\n      - {institution: MUP, year: 2017, amount: 102000}\n",
        "    totals:\n      - <<: *mup\n        year: 2017\n",
    )
    assert merged != written_out and "<<: *mup" in merged
    out = tmp_path / "written-out.yaml"
    out.write_text(written_out, encoding="utf-8")
    assert load_plan(write(tmp_path, merged), load_registry()) == load_plan(out, load_registry())
    twice = merged.replace("<<: *mup\n        year: 2017\n", "<<: *mup\n        year: 2017\n        year: 2018\n")
    with pytest.raises(DataFileError) as info:
        load_plan(write(tmp_path, twice), load_registry())
    second = line_of(twice, "        year: 2018")
    assert [(e.key, e.line) for e in info.value.errors] == [("datafile.key_twice", second)]


def test_a_registry_date_no_calendar_has_is_located(tmp_path: Path) -> None:
    """A renaming's last day that does not exist (29 February 2018) in the registry raised PyYAML's ValueError with
    no file or line: it is a located error naming the date."""
    shipped = plan_file.DEFAULT_INSTITUTIONS.read_text(encoding="utf-8")
    name = "{sr-Latn: Stari Savet, sr-Cyrl: Стари Савет, en: Old}"
    former = f"  former_names:\n    - until: 2018-02-29\n      name: {name}\n"
    text = shipped.replace("- code: SAVET\n  kind: council\n", "- code: SAVET\n  kind: council\n" + former, 1)
    assert text != shipped
    path = tmp_path / "institutions.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_registry(path)
    assert [(e.key, e.line, e.fields) for e in info.value.errors] == [
        ("datafile.no_such_date", line_of(text, "until: 2018-02-29"), {"date": "2018-02-29"})
    ]
