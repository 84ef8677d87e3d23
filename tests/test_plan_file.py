"""Malformed plan files are refused with errors located by file, line and path."""

import gc
import os
import weakref
from pathlib import Path

import pytest
import yaml

from apmon.templates import plan_file
from apmon.templates.plan_file import DataFileError, load_plan, load_registry
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
    assert issubclass(plan_file._UniqueKeyLoader, yaml.CSafeLoader)


def test_a_plan_nobody_holds_is_forgotten(tmp_path: Path) -> None:
    """The per-process cache holds plans weakly: a long-running scheduler keeps no plan of an earlier run."""
    path = write(tmp_path, MINIMAL_PLAN)
    plan = load_plan(path, load_registry())
    held = weakref.ref(plan)
    del plan
    gc.collect()
    assert held() is None
