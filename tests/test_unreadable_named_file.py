"""A file in the reports folder named as apmon names another institution's template (MUP_2018-03_sr-Latn.xlsx) that
cannot be read. Found December 2026: MUP's report showed as "not read" (not missing) and held back MUP's reminder and
late notice, and the Minister's brief of the month, for as long as the file stayed unreadable, whoever put it there;
only each run's error line named the file, with no word of whose report it held back. Now a file that could not be
read for a reason of its own (permissions, a disk error: not Google silent, not a file being written) holds nothing
back: MUP, which sent nothing valid, is reminded, the brief is issued, and the error line (so `apmon sync status`)
says whose report the file is named as and what that means. The report still shows as not read: a file is there.

The file is made unreadable for real: mode 000, read by `apmon sync run` in a process that cannot pass by file modes
(as root, run through util-linux's setpriv without the capabilities that let root read any file). A real SMTP server
on loopback (aiosmtpd) receives the mails; the ledger is real SQLite; who is owed March is worked out from the plan
file (tests/test_remind.owing_institutions), not by apmon."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import text_of
from apmon.schemas.plan import Plan
from apmon.sync.config import load_config
from apmon.sync.ledger import Ledger
from apmon.sync.reports import brief_waiting
from apmon.sync.run import reports_held, reports_not_read
from tests.reports import complete_monthly, filled_report
from tests.test_remind import (  # noqa: F401  (fixtures: a certificate, a real SMTP server on loopback)
    CONTACTS,
    MARCH,
    Server,
    addresses,
    by_recipients,
    certificate,
    owing_institutions,
    run,
    server,
    smtp_env,
    write_config,
)

REMINDER_DAY = dt.date(2018, 4, 3)  # 3 working days before the March reports' deadline, 10 April
BRIEF_DAY = dt.date(2018, 5, 2)  # well past it: March's brief is due
NAMED = "MUP_2018-03_sr-Latn.xlsx"  # as apmon names MUP's March template
NO_FILE_MODES = "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"


def sync_unable_to_read(config: Path) -> subprocess.CompletedProcess[str]:
    """`apmon sync run` in a process that file modes bind (root's own capabilities to pass them dropped)."""
    apmon = [sys.executable, "-c", "from apmon.cli.app import main; main()"]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without util-linux's setpriv: no file can be made unreadable")
        apmon = [setpriv, *NO_FILE_MODES, *apmon]
    return subprocess.run(
        [*apmon, "sync", "run", "--config", str(config)], capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.usefixtures("smtp_env")
def test_an_unreadable_file_named_as_an_institutions_report_holds_back_no_reminder(
    server: Server,  # noqa: F811
    plan: Plan,
    registry: InstitutionRegistry,
    tmp_path: Path,
    certificate: Any,  # noqa: F811
) -> None:
    path = write_config(tmp_path, server.port, certificate[0], mail=("after_sync = false",), months=(MARCH, MARCH))
    unreadable = tmp_path / "reports" / NAMED
    unreadable.write_bytes(b"PK\x03\x04 not really a workbook")
    unreadable.chmod(0)
    source = f"folder:{(tmp_path / 'reports').as_posix()}"
    what = {"source": source, "file": NAMED, "institution": "MUP", "period": "mart 2018."}
    config = load_config(path)

    # Once, it may be Excel saving it or the share failing for a moment (found in review, December 2026: any such
    # failure let the reminders through): the report is held back, as a file being written is.
    first = sync_unable_to_read(path)
    assert first.returncode == 1 and NAMED in first.stdout + first.stderr, first.stdout + first.stderr
    assert " ".join(text_of("sync.unreadable_named", "sr-Latn", **what).split()) not in " ".join(
        (first.stdout + first.stderr).split()
    )
    ledger = Ledger.open(config.sync.ledger_url())
    try:
        assert reports_held(ledger, config.sync) == {("MUP", MARCH)}
    finally:
        ledger.close()

    synced = sync_unable_to_read(path)  # still unreadable at the next run: it may stay so for good

    assert synced.returncode == 1, synced.stdout + synced.stderr  # an error: a file could not be read
    said = " ".join((synced.stdout + synced.stderr).split())
    assert " ".join(text_of("sync.unreadable_named", "sr-Latn", **what).split()) in said, said
    ledger = Ledger.open(config.sync.ledger_url())
    try:
        assert reports_not_read(ledger, config.sync) == {("MUP", MARCH)}  # shown as not read: a file is there
        result = run(config, plan, registry, ledger, REMINDER_DAY)
        assert result.not_read == []  # nothing held back
        owed = {code for code in owing_institutions() & set(CONTACTS)}
        assert "MUP" in owed  # the check has teeth: MUP owes March and has a contact
        received = by_recipients(server.inbox.take())
        assert addresses("MUP") in received and set(received) == {addresses(code) for code in owed}
        assert brief_waiting(config, plan, ledger, BRIEF_DAY) is None  # the brief does not wait for the file
    finally:
        ledger.close()

    status = CliRunner().invoke(app, ["sync", "status", "--config", str(path)])
    shown = " ".join(status.stdout.split())
    assert " ".join(text_of("sync.unreadable_named", "sr-Latn", **what).split()) in shown, shown


def test_an_unreadable_file_named_as_a_report_already_in_says_nothing_of_reminders(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """Found in review, December 2026: MUP's March report came in, valid, in a file of its own name; a copy named as
    apmon names MUP's template could not be read. The run's line said that MUP's report "shows as not read" and that
    "MUP gets its reminder and late notice", both untrue of a report that is in. The file is named (the line of a
    file not read), with no word of what it holds back."""
    reports = tmp_path / "reports"
    reports.mkdir()
    _, layout = filled_report(plan, registry, tmp_path, "MUP", MARCH, {}, name="blank.xlsx")
    filled_report(plan, registry, reports, "MUP", MARCH, complete_monthly(layout), name="MUP mart.xlsx")
    unreadable = reports / NAMED
    unreadable.write_bytes(b"PK\x03\x04 not really a workbook")
    unreadable.chmod(0)
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{(tmp_path / "data").as_posix()}"\nfolder = "{reports.as_posix()}"\n'
        f'first_period = "{MARCH}"\nlast_period = "{MARCH}"\nmaster_lang = "en"\n',
        encoding="utf-8",
    )

    synced = sync_unable_to_read(config)

    assert synced.returncode == 1, synced.stdout + synced.stderr  # an error: a file could not be read
    said = " ".join((synced.stdout + synced.stderr).split())
    assert NAMED in said, said
    source = f"folder:{reports.as_posix()}"
    what = {"source": source, "file": NAMED, "institution": "MUP", "period": "March 2018"}
    assert " ".join(text_of("sync.unreadable_named", "en", **what).split()) not in said, said
    ledger = Ledger.open(load_config(config).sync.ledger_url())
    try:
        assert [(v.institution, v.period) for v in ledger.accepted()] == [("MUP", MARCH)]  # the report is in
    finally:
        ledger.close()
