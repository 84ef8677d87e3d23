"""Reading plan and institution files: YAML text -> validated models, or
errors located by file, line and path inside the document."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_PLAN = DATA_DIR / "plan-2017-2018.yaml"
DEFAULT_INSTITUTIONS = DATA_DIR / "institutions.yaml"

M = TypeVar("M", bound=BaseModel)


class LocatedError(BaseModel):
    """One problem in a data file, located so a person can find and fix it."""

    file: str
    line: int | None = None
    path: str = ""  # where inside the document, e.g. objectives[0].activities[1].tasks[2].lead
    message: str  # what is wrong and what is expected
    found: str | None = None  # the offending value, shortened

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        at = f" at {self.path}" if self.path else ""
        found = f" (found {self.found})" if self.found is not None else ""
        return f"{where}{at}: {self.message}{found}"


class DataFileError(Exception):
    """A data file that cannot be used; carries every problem found in it."""

    def __init__(self, errors: list[LocatedError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice in one mapping (PyYAML would keep the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"the key {key!r} is written twice (first on line {seen[key] + 1}); keep one",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def load_plan(path: Path | None = None, registry: InstitutionRegistry | None = None) -> Plan:
    """Load and check a plan file; with a registry, every institution code must be in it."""
    path = path or DEFAULT_PLAN
    plan, root = _load_model(path, Plan)
    if registry is not None:
        errors = [
            LocatedError(
                file=str(path),
                line=_line_of(root, loc),
                path=_dotted(loc),
                message=f"unknown institution code; use one of the registry's codes ({', '.join(registry.codes)})",
                found=repr(code),
            )
            for loc, code in _institution_refs(plan)
            if code not in registry
        ]
        if errors:
            raise DataFileError(errors)
    return plan


def load_registry(path: Path | None = None) -> InstitutionRegistry:
    return _load_model(path or DEFAULT_INSTITUTIONS, InstitutionRegistry)[0]


def _load_model(path: Path, model: type[M]) -> tuple[M, yaml.Node | None]:
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError([LocatedError(file=file, message="file not found; check the path")]) from exc
    except UnicodeDecodeError as exc:
        raise DataFileError([LocatedError(file=file, message="not a UTF-8 text file; save it as UTF-8 YAML")]) from exc
    except OSError as exc:
        raise DataFileError([LocatedError(file=file, message=f"cannot be read: {exc.strerror}")]) from exc
    try:
        root = yaml.compose(text, Loader=_UniqueKeyLoader)
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise DataFileError(
            [LocatedError(file=file, line=mark.line + 1 if mark else None, message=f"not valid YAML: {problem}")]
        ) from exc
    if not isinstance(data, dict):
        raise DataFileError(
            [
                LocatedError(
                    file=file, line=1, message=f"expected a YAML mapping at the top, found {type(data).__name__}"
                )
            ]
        )
    try:
        return model.model_validate(data), root
    except ValidationError as exc:
        raise DataFileError([_located(file, root, err) for err in exc.errors()]) from exc


def _located(file: str, root: yaml.Node | None, err: Any) -> LocatedError:
    loc = tuple(err["loc"])
    message = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "missing":
        message = "this field is required here and is missing"
    found = None
    if err["type"] not in ("missing", "value_error"):
        shown = repr(err.get("input"))
        found = shown if len(shown) <= 60 else shown[:57] + "..."
    return LocatedError(file=file, line=_line_of(root, loc), path=_dotted(loc), message=message, found=found)


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(root: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """Follow `loc` through the YAML node tree; the line of the deepest node reached."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _institution_refs(plan: Plan) -> list[tuple[tuple[Any, ...], str]]:
    """Every institution code the plan uses, with its location."""
    refs: list[tuple[tuple[Any, ...], str]] = []
    for oi, objective in enumerate(plan.objectives):
        for ai, activity in enumerate(objective.activities):
            for ti, task in enumerate(activity.tasks):
                at: tuple[Any, ...] = ("objectives", oi, "activities", ai, "tasks", ti)
                refs += [((*at, "lead", i), c) for i, c in enumerate(task.lead)]
                refs += [((*at, "partners", i), c) for i, c in enumerate(task.partners)]
                refs += [((*at, "budget", bi, "payer"), b.payer) for bi, b in enumerate(task.budget) if b.payer]
    for part_name in ("strategy", "action_plan"):
        part = getattr(plan.financial_effects, part_name)
        at = ("financial_effects", part_name)
        refs += [((*at, "totals", i, "institution"), t.institution) for i, t in enumerate(part.totals)]
        refs += [((*at, "without_expenditures", i), c) for i, c in enumerate(part.without_expenditures)]
    return refs
