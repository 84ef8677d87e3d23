"""Sets each indicator's `counts:`, `measure:` and `breakdown:` lines in a plan file (issue 15, points 7 and 8).

Idempotent and textual: the YAML is read as lines and, in each indicator's block (`- id: "1.1.i3"` and the
lines indented under it), only those three keys are removed and written again where `counts:` stood; every
other line (texts in any language, `doubtful:`, comments) is left as it is. Run it again after any change to
the plan file:

    python tests/data_migrations/indicator_kinds.py [templates/data/plan-2017-2018.yaml]

The decisions, from each indicator's text:
- measure: a flow is counted in the period (actions, trainings, participants, cases: the year's figure is the sum
  of the months); a stock is a level at a date (representatives named, working groups in place: the year's figure
  is the latest value).
- breakdown: women/men where the indicator counts persons (the Strategy asks for figures by sex and age);
  girls/boys as well only where those persons can be children (victims, migrants, children, participants of
  programmes for children or of joint preventive actions, which reach pupils); none where it counts things
  (actions, documents, agreements, programmes, cases, evaluations, attendances).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PLAN = Path(__file__).resolve().parents[2] / "templates" / "data" / "plan-2017-2018.yaml"

ADULTS = ["women", "men"]
ALL = ["women", "men", "girls", "boys"]
CHILDREN = ["girls", "boys"]
# Counting indicators: id -> (measure, breakdown, why). Every other indicator is a text (counts: false).
COUNTING: dict[str, tuple[str, list[str], str]] = {
    "1.1.i2": ("flow", [], "actions"),
    "1.1.i3": ("flow", ALL, "participants of joint preventive actions, which reach pupils"),
    "1.3.i1": ("flow", [], "agreements concluded"),
    "1.3.i2": ("flow", [], "projects and actions"),
    "1.3.i3": ("flow", [], "pieces of information exchanged"),
    "1.3.i4": ("stock", ADULTS, "representatives named: adults, a level"),
    "1.3.i5": ("flow", [], "attendances, not persons"),
    "2.1.i2": ("flow", [], "training programmes"),
    "2.1.i4": ("flow", ADULTS, "civil servants trained: adults"),
    "2.1.i6": ("flow", [], "programmes"),
    "2.1.i8": ("flow", [], "measures"),
    "2.1.i10": ("flow", [], "trainings"),
    "2.2.i1": ("flow", [], "projects"),
    "2.3.i3": ("flow", [], "risks"),
    "2.3.i6": ("flow", ALL, "migrants, unaccompanied minors among them"),
    "2.3.i7": ("flow", ALL, "victims, children among them"),
    "3.2.i3": ("flow", [], "programmes and trainings"),
    "3.2.i4": ("flow", [], "trainings"),
    "3.2.i5": ("flow", ADULTS, "attendants of trainings for professionals: adults"),
    "3.2.i6": ("flow", [], "evaluations"),
    "3.3.i3": ("flow", [], "public discussions"),
    "4.1.i4": ("flow", [], "agreements and procedures"),
    "4.2.i3": ("flow", [], "evaluations, not persons"),
    "4.2.i4": ("flow", ALL, "victims, unaccompanied children among them"),
    "4.3.i4": ("flow", [], "programmes"),
    "5.1.i2": ("flow", [], "programmes and activities"),
    "5.1.i3": ("flow", CHILDREN, "boys and girls"),
    "5.1.i4": ("flow", ALL, "participants of programmes for children: children and adults"),
    "5.1.i5": ("flow", ALL, "participants of prevention programmes for children: children and adults"),
    "5.1.i8": ("flow", [], "publications"),
    "5.1.i9": ("flow", [], "websites"),
    "5.1.i10": ("flow", [], "codes of conduct signed"),
    "5.2.i3": ("stock", [], "working groups in place: a level"),
    "5.2.i5": ("flow", [], "seminars and trainings"),
    "5.2.i6": ("flow", [], "seminars and trainings"),
    "5.2.i7": ("flow", ADULTS, "attendants of seminars for the authorities: adults"),
    "5.2.i8": ("flow", [], "evaluations"),
    "5.2.i11": ("flow", [], "cases"),
    "5.2.i12": ("flow", [], "cases"),
    "5.2.i13": ("flow", [], "cases"),
    "5.3.i2": ("flow", CHILDREN, "boys and girls"),
    "5.3.i4": ("flow", [], "programmes"),
    "5.3.i5": ("flow", [], "programmes"),
    "5.3.i6": ("flow", [], "cases"),
    "5.3.i8": ("flow", [], "evaluations, not persons"),
}
_ID = re.compile(r'^(?P<indent> *)- id: "?(?P<id>[1-9][0-9]*\.[1-9][0-9]*\.i[1-9][0-9]*)"?\s*$')
_OWN_KEYS = ("counts:", "measure:", "breakdown:")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _lines_for(indicator: str, indent: str) -> list[str]:
    if indicator not in COUNTING:
        return [f"{indent}counts: false\n"]
    measure, breakdown, why = COUNTING[indicator]
    lines = [f"{indent}counts: true\n", f"{indent}measure: {measure}\n"]
    if breakdown:
        lines.append(f"{indent}breakdown: [{', '.join(breakdown)}]  # {why}\n")
    return lines


def migrate(text: str, *, whole_plan: bool = False) -> str:
    """`text` with its indicators' kind lines set; `whole_plan`: every counting indicator must be in it."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    i, seen = 0, set()
    while i < len(lines):
        match = _ID.match(lines[i])
        out.append(lines[i])
        i += 1
        if not match:
            continue
        indicator = match["id"]
        seen.add(indicator)
        key_indent = len(match["indent"]) + 2
        block: list[str] = []
        while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) >= key_indent):
            block.append(lines[i])
            i += 1
        kept: list[str] = []
        at: int | None = None
        skipping = False  # inside a removed key's block-style value (deeper lines)
        for line in block:
            deeper = line.strip() != "" and _indent(line) > key_indent
            if skipping and deeper:
                continue
            skipping = False
            if _indent(line) == key_indent and line.strip().startswith(_OWN_KEYS):
                at = len(kept) if at is None else at
                skipping = True
                continue
            kept.append(line)
        if at is None:  # no such key yet: after the indicator's last non-blank line
            at = len(kept)
            while at and not kept[at - 1].strip():
                at -= 1
        kept[at:at] = _lines_for(indicator, " " * key_indent)
        out.extend(kept)
    unknown = set(COUNTING) - seen
    if whole_plan and unknown:
        raise SystemExit(f"counting indicators not in the plan file: {', '.join(sorted(unknown))}")
    return "".join(out)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else PLAN
    text = path.read_text(encoding="utf-8")
    changed = migrate(text, whole_plan=True)
    if changed != text:
        path.write_text(changed, encoding="utf-8")
    print(f"{path}: {'updated' if changed != text else 'already up to date'}")


if __name__ == "__main__":
    main()
