"""`apmon demo`: a realistic demo folder with reports, a ledger and the Coordinator's master workbook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from apmon.cli.common import err, live_progress, out
from apmon.cli.sync import run_error, run_errors

if TYPE_CHECKING:
    from apmon.sync.run import RunSummary


def demo(
    directory: Annotated[Path, typer.Option("--dir", help="Folder for the demo's reports, ledger and master.")] = Path(
        "apmon-demo"
    ),
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the synthetic reports (same seed, same reports).")
    ] = 2018,
) -> None:
    """Build a realistic demo: reports of every institution from September 2017 to December 2018,
    synced into a fresh ledger and consolidated into the Coordinator's master workbook."""
    from apmon.sync.demo import build_demo

    with live_progress(False) as progress:
        try:
            built = build_demo(directory, seed, progress)
        except run_errors() as exc:
            raise run_error(exc) from exc
    written, summary = built.written, built.summary
    late = sum(1 for s in written if s.late)
    invalid = sum(1 for s in written if s.invalid)
    out.print(
        f"Demo: {len(written)} report files ({late} late, {invalid} with a mistake, "
        f"{sum(s.resubmission for s in written)} resubmitted) in {built.reports}"
    )
    _show_run_brief(summary)
    out.print(f"Next: open [bold]{summary.master}[/bold]; `apmon sync status --config {built.config}`.")


def _show_run_brief(summary: RunSummary) -> None:
    valid = sum(1 for v in summary.versions if v.valid)
    invalid = sum(1 for v in summary.versions if v.readable and not v.valid)
    out.print(f"Ledger: {len(summary.versions)} versions recorded ({valid} valid, {invalid} invalid).")
    for line in summary.errors:
        err.print(f"Error: {line}", markup=False, highlight=False)
    if summary.master:
        out.print(f"Master workbook: [bold]{summary.master}[/bold]", highlight=False)
