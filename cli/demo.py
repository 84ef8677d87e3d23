"""`apmon demo`: a realistic demo folder with reports, a ledger and the Coordinator's master workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from apmon.cli.common import err, fail, live_progress, os_reason, out
from apmon.cli.common import lang as common_lang
from apmon.cli.sync import run_error, run_errors


def demo(
    directory: Annotated[Path, typer.Option("--dir", help="Folder for the demo's reports, ledger and master.")] = Path(
        "apmon-demo"
    ),
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the synthetic reports (same seed, same reports).")
    ] = 2018,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the master workbook and the messages: sr-Latn, sr-Cyrl or en.")
    ] = "sr-Latn",
) -> None:
    """Build a realistic demo: reports of every institution from September 2017 to December 2018,
    synced into a fresh ledger and consolidated into the Coordinator's master workbook."""
    from apmon.schemas.messages import text_of
    from apmon.sync.demo import NotADemoFolder, build_demo

    language = common_lang(lang)
    stopping: tuple[type[Exception], ...] = (*run_errors(), NotADemoFolder)
    with live_progress(False) as progress:
        try:
            built = build_demo(directory, seed, progress, language)
        except stopping as exc:
            raise run_error(exc, language) from exc
        except OSError as exc:  # --dir names a file, or a folder that cannot be written
            where = exc.filename or directory
            reason = os_reason(exc, language)
            raise fail(
                text_of("demo.cannot_write", language, path=where, reason=reason, option="--dir"), 1, language
            ) from exc
    written, summary = built.written, built.summary
    out.print(
        text_of(
            "demo.written",
            language,
            files=len(written),
            late=sum(1 for s in written if s.late),
            invalid=sum(1 for s in written if s.invalid),
            resubmitted=sum(s.resubmission for s in written),
            folder=built.reports,
        ),
        markup=False,
        highlight=False,
    )
    valid = sum(1 for v in summary.versions if v.valid)
    invalid = sum(1 for v in summary.versions if v.readable and not v.valid)
    out.print(text_of("demo.ledger", language, versions=len(summary.versions), valid=valid, invalid=invalid))
    for line in summary.errors:
        err.print(text_of("demo.error", language, line=line), markup=False, highlight=False)
    if summary.master:
        out.print(text_of("demo.master", language, path=summary.master), markup=False, highlight=False)
        out.print(
            text_of("demo.next", language, master=summary.master, config=built.config), markup=False, highlight=False
        )
