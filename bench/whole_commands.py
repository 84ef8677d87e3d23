"""Benchmark: whole commands as a person runs them (process start included), beside the in-process figure.

On ~200 demo report files, each case both as a command (a fresh process, timed from outside) and in this warm
process (bench.consolidate_month's pieces):
- `apmon sync run` from cold (fresh ledger, no master), then again with nothing changed;
- the master rewrite: the same ledger and an existing master, with the master's language changed (nothing parsed,
  every managed sheet written again);
- `apmon validate FILE` of one report (in process: validate_file with the plan already loaded);
- the baselines a user would pick: pandas read_excel + to_excel with openpyxl (pandas' default), and with
  engine="calamine"; and the floor: every file only unzipped (bench.pandas_baseline, a script that imports pandas
  and nothing of apmon).
The sides take turns round by round, each going first in every other round, so a machine that slows down
meanwhile, or a case that follows another, affects all alike. Prints min, median and max of each, and the ratios of
the medians. Goals (issue 19): validate < 0.5 s, sync with nothing changed < 0.5 s,
`apmon --help` < 0.3 s as commands; a cold sync >= 3x faster than pandas with calamine as commands, >= 8x in process.

`--before APMON` also times the apmon commands of another installation (an earlier commit checked out in its own
folder and virtual environment) in the same rounds, on its own data folders: a before-and-after on one machine, in
one sitting, where figures taken at different times would differ by the machine's own drift.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/whole_commands.py [--files 200] [--rounds 5]
    git worktree add ../before <commit> && (cd ../before && python3 -m venv .venv && .venv/bin/pip install -e .)
    .venv/bin/python bench/whole_commands.py --before ../before/.venv/bin/apmon
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from apmon.schemas.text import Lang  # noqa: E402
from apmon.templates.plan_file import load_plan, load_registry  # noqa: E402
from apmon.templates.validation import validate_file  # noqa: E402
from bench.consolidate_month import FIRST, _timed, apmon_sync, write_reports  # noqa: E402
from bench.pandas_baseline import baseline, unzip_all  # noqa: E402

APMON = str(Path(sys.executable).parent / "apmon")


# An installed apmon has its bytecode compiled (pip does it at install); an editable install under
# PYTHONDONTWRITEBYTECODE=1 would compile apmon's modules at every start, which no user pays. --as-is keeps it.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def command(args: list[str]) -> float:
    """Seconds a command takes from the start of its process to its end; it must succeed."""
    seconds, done = _timed(lambda: subprocess.run(args, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=600))
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])} ... failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return seconds


def write_config(path: Path, reports: Path, data: Path, last: str, workers: int, master_lang: Lang) -> Path:
    path.write_text(
        "[sync]\n"
        f"data_dir = {str(data)!r}\nfolder = {str(reports)!r}\n"
        f'first_period = "{FIRST}"\nlast_period = "{last}"\nworkers = {workers}\nmaster_lang = "{master_lang}"\n',
        encoding="utf-8",
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5, help="Rounds of every case; medians are compared.")
    parser.add_argument("--workers", type=int, default=0, help="apmon's parsing processes (0: one per core).")
    parser.add_argument("--as-is", action="store_true", help="Keep PYTHONDONTWRITEBYTECODE for the commands.")
    parser.add_argument("--before", type=Path, help="Another installation's apmon, timed beside this one.")
    args = parser.parse_args()
    if args.as_is:
        ENV.update(os.environ)
    registry = load_registry()
    plan = load_plan(None, registry)
    times: dict[tuple[str, str], list[float]] = {}  # (case, "in process" or "command") -> seconds

    def record(case: str, side: str, seconds: float) -> None:
        times.setdefault((case, side), []).append(seconds)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        reports = work / "reports"
        files, last = write_reports(plan, registry, reports, args.files)
        one = files[0]
        baseline(files[:2], work / "warm-up.xlsx", "calamine")  # pandas and its readers imported before timing
        baseline(files[:2], work / "warm-up.xlsx", "openpyxl")
        script = [sys.executable, "-m", "bench.pandas_baseline"]
        sides = {"command": APMON} | ({"before": str(args.before.resolve())} if args.before else {})

        def commands(case: str, words: list[str], configs: dict[str, Path] | None = None) -> None:
            """Each side's apmon with `words`, and then with its own configuration when `configs` has one. The sides
            go in turn first, round by round: the command right after the in-process case starts on a machine still
            busy freeing what that left."""
            order = list(sides.items())
            for side, apmon in order if n % 2 == 0 else order[::-1]:  # n: this round
                tail = ["--config", str(configs[side])] if configs else []
                record(case, side, command([apmon, *words, *tail]))

        for n in range(args.rounds):
            # A fresh data folder each round, for each side: the first run is from cold.
            ours = work / f"in-process-{n}"
            config = {
                lang: {side: write_config(work / f"{side}-{lang}-{n}.toml", reports, work / f"{side}-{n}", last,
                                          args.workers, lang) for side in sides}
                for lang in ("en", "sr-Latn")
            }  # fmt: skip
            sync = partial(apmon_sync, plan, registry, reports, ours, last, args.workers)
            record("sync, cold", "in process", _timed(sync)[0])
            commands("sync, cold", ["sync", "run"], config["en"])
            record("sync, nothing changed", "in process", _timed(sync)[0])
            commands("sync, nothing changed", ["sync", "run"], config["en"])
            rewrite = partial(apmon_sync, plan, registry, reports, ours, last, args.workers, "sr-Latn")
            record("sync, master rewritten", "in process", _timed(rewrite)[0])
            commands("sync, master rewritten", ["sync", "run"], config["sr-Latn"])
            record("validate one report", "in process", _timed(lambda: validate_file(one, plan, registry))[0])
            commands("validate one report", ["validate", str(one)])
            commands("apmon --help", ["--help"])
            for engine in ("calamine", "openpyxl"):
                case = f"pandas ({engine})"
                master = work / f"pandas-{engine}.xlsx"
                record(case, "in process", _timed(partial(baseline, files, master, engine))[0])
                record(case, "command", command([*script, "--engine", engine, str(master), *map(str, files)]))
            record("unzip only (floor)", "in process", _timed(lambda: unzip_all(files))[0])
            record("unzip only (floor)", "command", command([*script, "--unzip", *map(str, files)]))
            print(f"round {n + 1} of {args.rounds} done", file=sys.stderr)

    print(f"{len(files)} report files, {os.cpu_count()} CPU cores, {args.rounds} rounds; seconds, median (min-max)")
    before = f" {'before, as a command':>24}" if args.before else ""
    print(f"{'':28} {'in process':>24} {'as a command':>24}{before}")
    cases = list(dict.fromkeys(case for case, _ in times))
    for case in cases:
        row = f"{case:28} {_spread(times.get((case, 'in process'))):>24} {_spread(times.get((case, 'command'))):>24}"
        print(row + (f" {_spread(times.get((case, 'before'))):>24}" if args.before else ""))
    median = {key: statistics.median(values) for key, values in times.items()}
    print("ratios of the medians (in process / as a command):")
    for theirs in ("pandas (calamine)", "pandas (openpyxl)"):
        print(f"  {theirs} / apmon sync cold: {_ratio(median, theirs, 'sync, cold')}")
    print(f"  apmon sync cold / unzip floor: {_ratio(median, 'sync, cold', 'unzip only (floor)')}")
    print(f"  nothing changed / cold: {_ratio(median, 'sync, nothing changed', 'sync, cold', percent=True)}")
    print(f"  master rewritten / cold: {_ratio(median, 'sync, master rewritten', 'sync, cold', percent=True)}")
    goals: list[tuple[str, float]] = [
        ("apmon --help", 0.3),
        ("validate one report", 0.5),
        ("sync, nothing changed", 0.5),
    ]
    for case, limit in goals:
        got = median[(case, "command")]
        print(f"goal: {case} as a command < {limit} s: {got:.2f} s, {'met' if got < limit else 'NOT met'}")
    for side, least in (("command", 3.0), ("in process", 8.0)):
        got = median[("pandas (calamine)", side)] / median[("sync, cold", side)]
        print(f"goal: sync, cold {side} >= {least:.0f}x faster than pandas (calamine): {got:.1f}x, "
              f"{'met' if got >= least else 'NOT met'}")  # fmt: skip
    if args.before:
        print("before / now, as commands (above 1: now is faster):")
        for case in cases:
            if (case, "before") in median:
                print(f"  {case}: {median[(case, 'before')] / median[(case, 'command')]:.2f}x")


def _ratio(median: dict[tuple[str, str], float], top: str, bottom: str, percent: bool = False) -> str:
    shown: Callable[[float], str] = (lambda r: f"{100 * r:.0f}%") if percent else (lambda r: f"{r:.1f}x")
    sides = ("in process", "command")
    return " / ".join(shown(median[(top, side)] / median[(bottom, side)]) for side in sides)


def _spread(values: list[float] | None) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})"


if __name__ == "__main__":
    main()
