"""A plausible Action Plan 2019-2020, derived from the shipped 2017-2018 one, as the Coordinator's office would
write it: a new id and period, most tasks carried over with the same ids (deadlines and budget years moved by two
years), task 3.3.4 dropped, a new task 3.3.5 led by an institution new to the registry (MDULS), section 11 Part 2
for 2019-2020. Written as real files (a plan file and a registry) for the real loaders and commands."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from apmon.templates.plan_file import DEFAULT_INSTITUTIONS, DEFAULT_PLAN

NEXT_ID = "ap-2019-2020"
REMOVED_TASK = "3.3.4"
NEW_TASK = "3.3.5"
NEW_INSTITUTION = "MDULS"
NEW_TASK_BUDGET = {2019: 250000, 2020: 300000}


def _moved(value: Any) -> Any:
    """Every year of the old plan's tasks two years on: dates, budget years and the texts that name them."""
    if isinstance(value, dict):
        return {k: _moved(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_moved(v) for v in value]
    if isinstance(value, dt.date):
        return value.replace(year=value.year + 2)
    if isinstance(value, int) and not isinstance(value, bool) and value in (2017, 2018):
        return value + 2
    if isinstance(value, str):
        return value.replace("2018", "2020").replace("2017", "2019")
    return value


def next_plan_data() -> dict[str, Any]:
    data = yaml.safe_load(DEFAULT_PLAN.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["id"] = NEXT_ID
    data["title"] = {
        "en": "Action Plan for 2019 and 2020 for the Strategy to Prevent and Suppress Human Trafficking",
        "sr": "Akcioni plan za 2019. i 2020. godinu za sprovođenje Strategije prevencije i suzbijanja trgovine ljudima",
    }
    data["adopted"] = dt.date(2019, 3, 14)
    data["start"], data["end"] = dt.date(2019, 1, 1), dt.date(2020, 12, 31)
    data["objectives"] = _moved(data["objectives"])
    activity = next(a for o in data["objectives"] for a in o["activities"] if a["id"] == "3.3")
    activity["tasks"] = [t for t in activity["tasks"] if t["id"] != REMOVED_TASK]
    activity["tasks"].append(
        {
            "id": NEW_TASK,
            "text": {
                "en": "Train local self-government staff to recognise and refer victims of trafficking",
                "sr": "Obučiti zaposlene u jedinicama lokalne samouprave da prepoznaju i upute žrtve trgovine ljudima",
            },
            "lead": [NEW_INSTITUTION],
            "partners": ["JLS"],
            "responsible_as_written": "Ministry of Public Administration and Local Self-Government, JLS",
            "budget": [
                {
                    "source": "state-budget",
                    "payer": NEW_INSTITUTION,
                    "amount": amount,
                    "currency": "RSD",
                    "year": year,
                    "as_written": {"en": f"Budget – MDULS {amount} RSD for {year}", "sr": f"Budžet – MDULS {year}"},
                }
                for year, amount in NEW_TASK_BUDGET.items()
            ],
        }
    )
    part = data["financial_effects"]["action_plan"]
    part["first_year"], part["last_year"] = 2019, 2020
    part["totals"] = [{**t, "year": t["year"] + 2} for t in part["totals"]]
    part["totals"] += [
        {"institution": NEW_INSTITUTION, "year": year, "amount": f"{amount}.00"}
        for year, amount in NEW_TASK_BUDGET.items()
    ]
    return data


def next_registry_data() -> dict[str, Any]:
    data = yaml.safe_load(DEFAULT_INSTITUTIONS.read_text(encoding="utf-8"))
    data["institutions"].append(
        {
            "code": NEW_INSTITUTION,
            "kind": "ministry",
            "name": {
                "sr-Latn": "Ministarstvo državne uprave i lokalne samouprave",
                "sr-Cyrl": "Министарство државне управе и локалне самоуправе",
                "en": "Ministry of Public Administration and Local Self-Government",
            },
            "working_group_member": False,
            "reports": True,
        }
    )
    return data


def write_next_plan(folder: Path) -> tuple[Path, Path]:
    """(plan file, registry file) of the Action Plan 2019-2020 in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    plan, registry = folder / "plan-2019-2020.yaml", folder / "institutions-2019.yaml"
    plan.write_text(yaml.safe_dump(next_plan_data(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    registry.write_text(yaml.safe_dump(next_registry_data(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return plan, registry
