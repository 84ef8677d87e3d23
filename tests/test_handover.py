"""A new National Coordinator takes over mid-plan: the machine, apmon.toml, the ledger and the reports folder as the
predecessor left them. `apmon sync status` is where the newcomer starts; it must say, besides who reported, what the
predecessor recorded (decisions on tasks and activities, comments), the e-mails sent, and when the Council was last
informed and by when it must be informed next (seed 10.2: at least every 60 days). The expected figures are counted
here from what the test itself recorded and from the calendar, never by the code under test."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from openpyxl import load_workbook
from typer.testing import CliRunner

from apmon.cli.app import app
from apmon.schemas.calendar import BELGRADE
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.plan import Plan
from apmon.sync.demo_data import write_demo_reports
from apmon.sync.ledger import Ledger
from tests.test_remind import _free_port

AS_OF = dt.date(2018, 3, 20)  # the master's day: the newcomer's "today"
PREDECESSOR = "Jelena Petrović"


class Inbox:
    def __init__(self) -> None:
        self.recipients: list[str] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.recipients.extend(str(r) for r in envelope.rcpt_tos)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[int, Inbox]]:
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


@pytest.fixture
def left(plan: Plan, registry: InstitutionRegistry, tmp_path: Path, smtp: tuple[int, Inbox]) -> Path:
    """The predecessor's folder: December 2017's reports synced, and the decisions, the mails and a Council report
    the predecessor made."""
    write_demo_reports(plan, registry, tmp_path / "reports", first="2017-12", last="2017-12")
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nfirst_period = "2017-12"\nlast_period = "2018-01"\n'
        f"as_of = {AS_OF.isoformat()}\n"
        f'[mail]\nhost = "127.0.0.1"\nport = {smtp[0]}\nsecurity = "none"\nfrom = "nk@example.org"\n'
        '[contacts.MUP]\nto = ["mup@example.org"]\n[contacts.MZ]\nto = ["mz@example.org"]\n',
        encoding="utf-8",
    )
    c = ("--config", str(config))
    run("sync", "run", *c)
    run(
        "task",
        "status",
        "1.1.3",
        "završen",
        "--period",
        "2017-12",
        "--note",
        "Sastanak održan.",
        "--by",
        PREDECESSOR,
        *c,
    )
    run("evaluation", "set", "1.2", "--year", "2017", "--assessment", "nije realizovana", "--reason", "Nema dokaza.",
        "--by", PREDECESSOR, *c)  # fmt: skip
    run("evaluation", "comment", "1.2", "--year", "2017", "--by", "ASTRA", "--text", "Obuke nisu održane.", *c)
    run("remind", "--period", "2018-01", *c)  # January's reports are late: a late notice to MUP and to MZ
    ledger = Ledger.open(f"sqlite:///{(tmp_path / 'ledger.sqlite').as_posix()}")
    try:
        issued = dt.datetime(2018, 2, 1, 12, tzinfo=BELGRADE)
        ledger.record_issued(kind="council", first_period="2017-12", last_period="2017-12", issued_at=issued,
                             cut_off=issued, run_id=None, lang="sr-Latn", files=[])  # fmt: skip
    finally:
        ledger.close()
    return config


def test_the_status_says_when_the_council_was_last_informed_and_by_when_next(left: Path) -> None:
    shown = run("sync", "status", "--config", str(left))
    due = dt.date(2018, 2, 1) + dt.timedelta(days=60)  # 2 April 2018: 60 days after the last Council report
    assert "Poslednji izveštaj Savetu izdat je 01.02.2018. (decembar 2017.)" in shown, shown
    assert f"sledeći najkasnije {due:%d.%m.%Y}." in shown, shown
    english_config = left.with_name("apmon-en.toml")
    english_config.write_text(left.read_text(encoding="utf-8").replace("[sync]", '[sync]\nmaster_lang = "en"'), "utf-8")
    english = run("sync", "status", "--config", str(english_config))
    assert "The last report to the Council was issued on 1 Feb 2018 (December 2017)" in english, english
    assert "the next is due by 2 Apr 2018" in english, english


def test_the_status_says_what_the_predecessor_recorded_and_the_mails_sent(left: Path, smtp: tuple[int, Inbox]) -> None:
    sent = len(smtp[1].recipients)
    assert sent == 2  # MUP and MZ, as the fixture's contacts
    shown = run("sync", "status", "--config", str(left))
    assert "Odluke Koordinatora u evidenciji: stanja zadataka 1, ocene aktivnosti 1, komentari 1" in shown, shown
    assert f"odluke su zabeležene pod imenom: {PREDECESSOR}." in shown, shown  # ASTRA commented, decided nothing
    assert f"E-poruke institucijama: poslato {sent}" in shown, shown
    result = CliRunner().invoke(app, ["sync", "status", "--json", "--config", str(left)])
    records = json.loads(result.stdout)["records"]
    assert (records["task_statuses"], records["assessments"], records["comments"]) == (1, 1, 1)
    assert (records["authors"], records["mails_sent"], records["mails_failed"]) == ([PREDECESSOR], sent, 0)


def test_the_status_names_the_last_brief_to_the_minister(left: Path) -> None:
    """The Minister is informed monthly (seed 10.2): the newcomer sees which month the last brief was for."""
    assert "Nijedna mesečna informacija ministru nije zabeležena u evidenciji" in run(
        "sync", "status", "--config", str(left)
    )
    ledger = Ledger.open(f"sqlite:///{(left.parent / 'ledger.sqlite').as_posix()}")
    try:
        issued = dt.datetime(2018, 1, 12, 9, tzinfo=BELGRADE)
        ledger.record_issued(kind="minister", first_period="2017-12", last_period="2017-12", issued_at=issued,
                             cut_off=issued, run_id=None, lang="sr-Latn", files=[])  # fmt: skip
    finally:
        ledger.close()
    shown = run("sync", "status", "--config", str(left))
    assert "Poslednja mesečna informacija ministru: za decembar 2017., izdata 12.01.2018." in shown, shown


def test_the_last_brief_named_is_the_latest_months_not_an_earlier_month_made_again(left: Path) -> None:
    """January's brief issued, then December's made again (a correction): the Minister was last informed of January,
    and the status says so, with the day January's brief was issued."""
    ledger = Ledger.open(f"sqlite:///{(left.parent / 'ledger.sqlite').as_posix()}")
    briefs = [("2017-12", dt.datetime(2018, 1, 12, 9)), ("2018-01", dt.datetime(2018, 2, 12, 9)),
              ("2017-12", dt.datetime(2018, 2, 20, 9))]  # fmt: skip
    try:
        for month, at in briefs:
            issued = at.replace(tzinfo=BELGRADE)
            ledger.record_issued(kind="minister", first_period=month, last_period=month, issued_at=issued,
                                 cut_off=issued, run_id=None, lang="sr-Latn", files=[])  # fmt: skip
    finally:
        ledger.close()
    latest_month = max(month for month, _ in briefs)
    issued_on = max(at for month, at in briefs if month == latest_month).date()
    shown = run("sync", "status", "--config", str(left))
    assert f"Poslednja mesečna informacija ministru: za januar 2018., izdata {issued_on:%d.%m.%Y}." in shown, shown
    result = CliRunner().invoke(app, ["sync", "status", "--json", "--config", str(left)])
    minister = json.loads(result.stdout)["minister"]
    assert minister == {"month": latest_month, "issued": issued_on.isoformat(), "by": None}  # recorded with no issuer


def test_a_council_report_past_due_is_said_so_with_the_command_to_make_it(left: Path) -> None:
    later = left.read_text(encoding="utf-8").replace(f"as_of = {AS_OF.isoformat()}", "as_of = 2018-04-03")
    left.write_text(later, encoding="utf-8")
    shown = run("sync", "status", "--config", str(left))
    assert "sledeći je trebalo izdati najkasnije 02.04.2018." in shown, shown
    assert "apmon report council --to YYYY-MM" in shown, shown


def status_of_december_alone(plan: Plan, registry: InstitutionRegistry, tmp_path: Path, as_of: dt.date) -> str:
    """What `apmon sync status` says for `as_of` after a sync of the demo's December 2017 reports, on a master from
    December 2017 (monitoring starts there) and a ledger with no Council report."""
    write_demo_reports(plan, registry, tmp_path / "reports", first="2017-12", last="2017-12")
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nfirst_period = "2017-12"\nas_of = {as_of.isoformat()}\n',
        "utf-8",
    )
    run("sync", "run", "--config", str(config))
    return run("sync", "status", "--config", str(config))


def test_with_no_council_report_the_first_is_due_60_days_from_the_start_of_monitoring(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    shown = status_of_december_alone(plan, registry, tmp_path, dt.date(2018, 1, 20))
    due = dt.date(2017, 12, 1) + dt.timedelta(days=60)
    assert "Nijedan izveštaj Savetu nije zabeležen u evidenciji" in shown, shown
    assert f"početka praćenja (01.12.2017.), pa je prvi potreban najkasnije {due:%d.%m.%Y}." in shown, shown
    assert "Odluke Koordinatora u evidenciji: nema" in shown, shown
    assert "E-poruke institucijama: nijedna nije poslata" in shown, shown


def test_with_no_council_report_a_first_one_past_due_is_said_so(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """With none in the ledger, the status said "the first is due by 30.01.2018." on 20 March 2018 as on 20 January:
    the Coordinator starting the day read a date seven weeks gone as if it were still ahead."""
    shown = status_of_december_alone(plan, registry, tmp_path, dt.date(2018, 3, 20))
    due = dt.date(2017, 12, 1) + dt.timedelta(days=60)
    assert f"početka praćenja (01.12.2017.), pa je prvi trebalo izdati najkasnije {due:%d.%m.%Y}." in shown, shown
    assert "apmon report council --to YYYY-MM" in shown, shown
    assert "prvi potreban" not in shown, shown


def test_the_successor_named_in_the_configuration_records_the_decisions_made_without_by(left: Path) -> None:
    """On the computer account the predecessor used, the user name is still the predecessor's login: a decision
    made without `--by` must go under the Coordinator the configuration names, not under that login."""
    successor = "Marko Marković"
    left.write_text(left.read_text(encoding="utf-8") + f'[reports]\ncoordinator = "{successor}"\n', "utf-8")
    c = ("--config", str(left))
    run("task", "status", "1.2.2", "u toku", "--period", "2017-12", *c)
    run("evaluation", "set", "1.1", "--year", "2017", "--assessment", "realizovana", "--reason", "Sve urađeno.", *c)
    ledger = Ledger.open(f"sqlite:///{(left.parent / 'ledger.sqlite').as_posix()}")
    try:
        task = [r.author for r in ledger.task_status_records() if r.task == "1.2.2"]
        activity = [r.author for r in ledger.overrides(2017) if r.activity == "1.1"]
    finally:
        ledger.close()
    assert (task, activity) == ([successor], [successor])
    shown = run("sync", "status", *c)
    assert f"odluke su zabeležene pod imenom: {PREDECESSOR}, {successor}." in shown, shown


def test_a_recorded_status_is_said_from_the_month_in_serbian_grammar(left: Path) -> None:
    """ "od decembra 2017." (from December: the genitive), not "od decembar 2017.", in what the Coordinator reads
    back and in the master."""
    shown = run(
        "task", "status", "1.2.2", "u toku", "--period", "2017-12", "--by", "Marko Marković", "--config", str(left)
    )
    assert "stanje od decembra 2017.: u toku" in shown, shown
    run("sync", "run", "--config", str(left))
    sheet = load_workbook(left.parent / "master.xlsx", read_only=True)["Stanje"]
    leads_reported = {row[1]: row[5] for row in sheet.iter_rows(values_only=True) if row[0] == "zadatak"}
    assert leads_reported["1.1.3"] == "Koordinator, od decembra 2017.", leads_reported["1.1.3"]


def test_the_ledger_lists_the_mails_the_predecessor_sent(left: Path, smtp: tuple[int, Inbox]) -> None:
    """Which institution was reminded of what, and when: each mail the server took is listed once."""
    received = sorted(smtp[1].recipients)
    shown = run("ledger", "mails", "--config", str(left))
    assert "kašnjenje" in shown and "poslato" in shown, shown
    assert all(address in shown for address in received), shown
    result = CliRunner().invoke(app, ["ledger", "mails", "--json", "--config", str(left)])
    listed = json.loads(result.stdout)
    assert sorted(to for mail in listed for to in mail["to"]) == received
    assert {(mail["kind"], mail["period"], mail["outcome"]) for mail in listed} == {("late", "2018-01", "sent")}
    only = json.loads(CliRunner().invoke(app, ["ledger", "mails", "-i", "MZ", "--json", "--config", str(left)]).stdout)
    assert [mail["institution"] for mail in only] == ["MZ"]


# A mail the server refused is sent again at the next `apmon remind`; once sent, it is no longer unsent. The server is
# refused first (nothing listens on the port), then listening; the figures are counted from what it received.


def configured(tmp_path: Path, port: int) -> Path:
    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nfirst_period = "2017-12"\nlast_period = "2018-01"\n'
        f"as_of = {AS_OF.isoformat()}\n"
        f'[mail]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\nfrom = "nk@example.org"\n'
        '[contacts.MUP]\nto = ["mup@example.org"]\n[contacts.MZ]\nto = ["mz@example.org"]\n',
        encoding="utf-8",
    )
    return config


def test_a_mail_refused_then_sent_at_the_next_run_is_not_said_unsent(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path, smtp: tuple[int, Inbox]
) -> None:
    write_demo_reports(plan, registry, tmp_path / "reports", first="2017-12", last="2017-12")
    config = configured(tmp_path, _free_port())  # nothing listens there: the server cannot be reached
    run("sync", "run", "--config", str(config))
    CliRunner().invoke(app, ["remind", "--period", "2018-01", "--config", str(config)])  # January's late notices
    refused = json.loads(CliRunner().invoke(app, ["sync", "status", "--json", "--config", str(config)]).stdout)
    assert refused["records"]["mails_failed"] == 2 and refused["records"]["mails_sent"] == 0
    assert smtp[1].recipients == []

    configured(tmp_path, smtp[0])  # the server is reachable again: the next remind sends them
    run("remind", "--period", "2018-01", "--config", str(config))
    received = len(smtp[1].recipients)
    assert received == 2  # MUP and MZ

    records = json.loads(CliRunner().invoke(app, ["sync", "status", "--json", "--config", str(config)]).stdout)
    assert (records["records"]["mails_sent"], records["records"]["mails_failed"]) == (received, 0)
    shown = run("sync", "status", "--config", str(config))
    assert f"E-poruke institucijama: poslato {received}" in shown, shown
    assert "sledećem pokretanju): 0." in shown, shown


def test_the_new_coordinator_revokes_the_predecessors_token_by_its_id_and_keeps_their_own(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """`apmon token revoke --coordinator` stops every Coordinator token, the newcomer's too: the newcomer revokes
    the predecessor's token alone, by the id `apmon token list` shows, and the add-in server refuses it while it
    still takes the newcomer's."""
    from fastapi.testclient import TestClient

    from apmon.addin.server import create_app
    from apmon.sync.config import load_config
    from tests.test_addin import NOW, OFFICE_JS, URL, client_payload, reports_in_each_language

    config = tmp_path / "apmon.toml"
    config.write_text(
        f'[sync]\ndata_dir = "{tmp_path.as_posix()}"\nfirst_period = "2018-01"\nlast_period = "2018-03"\n', "utf-8"
    )
    c = ("--config", str(config))

    def issued(label: str) -> tuple[int, str]:
        result = CliRunner().invoke(app, ["token", "issue", "--coordinator", "--label", label, *c])
        assert result.exit_code == 0, result.output
        said, token = result.stdout.splitlines()[:2]
        return int(said.split()[1].rstrip(",")), token

    old_id, old = issued(PREDECESSOR)
    new_id, new = issued("Marko Marković")
    shown = run("token", "revoke", "--id", str(old_id), *c)
    assert f"Token {old_id}" in shown and PREDECESSOR in shown, shown
    listed = json.loads(CliRunner().invoke(app, ["token", "list", "--json", *c]).stdout)
    assert {row["id"]: row["revoked_at"] is not None for row in listed} == {old_id: True, new_id: False}

    again = CliRunner().invoke(app, ["token", "revoke", "--id", str(old_id), *c])
    assert again.exit_code == 1, again.output
    assert f"token {old_id}" in again.stderr.lower() and "već je opozvan" in again.stderr, again.stderr
    unknown = CliRunner().invoke(app, ["token", "revoke", "--id", "99", *c])
    assert unknown.exit_code == 1 and "99" in unknown.stderr and "apmon token list" in unknown.stderr, unknown.output
    both = CliRunner().invoke(app, ["token", "revoke", "--id", str(new_id), "--coordinator", *c])
    assert both.exit_code == 2, both.output

    (tmp_path / "reports").mkdir()
    report = reports_in_each_language(plan, registry, tmp_path / "reports")["en"]
    ledger = Ledger.open(f"sqlite:///{(tmp_path / 'ledger.sqlite').as_posix()}")
    try:
        server = create_app(load_config(config), ledger, clock=lambda: NOW, plan=plan, registry=registry)
        client = TestClient(server, raise_server_exceptions=False)
        payload = client_payload(report, OFFICE_JS)
        answers = {
            token: client.post(URL.format("validate"), json=payload, headers={"Authorization": f"Bearer {token}"})
            for token in (old, new)
        }
    finally:
        ledger.close()
    assert answers[old].status_code == 401, answers[old].text
    assert answers[new].status_code == 200, answers[new].text

    # The old option still stops every Coordinator token.
    assert "1" in run("token", "revoke", "--coordinator", *c)
    listed = json.loads(CliRunner().invoke(app, ["token", "list", "--json", *c]).stdout)
    assert all(row["revoked_at"] is not None for row in listed)


def test_a_decision_typed_in_the_master_goes_under_the_configured_coordinator(left: Path) -> None:
    """A decision typed on the master's Evaluation sheet was stored as "Koordinator (zbirna radna sveska)" even with
    `[reports] coordinator` set: the newcomer's name must stand on it, still saying it came from the master."""
    successor = "Marko Marković"
    left.write_text(left.read_text(encoding="utf-8") + f'[reports]\ncoordinator = "{successor}"\n', "utf-8")
    master = left.parent / "master.xlsx"
    book = load_workbook(master)
    sheet = book["Evaluacija"]
    row = next(
        r for r in range(4, sheet.max_row + 1) if (sheet.cell(r, 1).value, sheet.cell(r, 3).value) == (2017, "1.1")
    )
    sheet.cell(row, 7).value, sheet.cell(row, 8).value = "realizovana", "Sve urađeno."
    book.save(master)
    run("sync", "run", "--config", str(left))
    ledger = Ledger.open(f"sqlite:///{(left.parent / 'ledger.sqlite').as_posix()}")
    try:
        [author] = [r.author for r in ledger.overrides(2017) if r.activity == "1.1"]
    finally:
        ledger.close()
    assert author == f"apmon:master:{successor}"
    written = load_workbook(master, read_only=True)["Evaluacija"]
    [signed] = [r[8] for r in written.iter_rows(min_row=4, values_only=True) if (r[0], r[2]) == (2017, "1.1")]
    assert str(signed).startswith(f"{successor} (zbirna radna sveska)"), signed


def test_a_named_decision_from_the_master_is_signed_in_the_readers_language() -> None:
    from apmon.schemas.messages import author_said

    assert author_said("apmon:master:Marko Marković", "en") == "Marko Marković (master workbook)"
    assert author_said("apmon:master", "sr-Cyrl") == "Координатор (збирна радна свеска)"
    stored = "Marko Marković (zbirna radna sveska)"  # as an older apmon stored it
    assert author_said(stored, "en") == "Marko Marković (master workbook)"
    assert author_said(stored, "sr-Cyrl") == "Marko Marković (збирна радна свеска)"
    assert author_said("Marko Marković (master workbook)", "sr-Latn") == stored
    assert author_said("Koordinator (zbirna radna sveska)", "en") == "Coordinator (master workbook)"
    assert author_said("Ana (Beograd)", "en") == "Ana (Beograd)"  # a name typed with --by stays as typed


def test_a_decision_typed_in_the_open_master_goes_under_the_configured_coordinator(
    plan: Plan, registry: InstitutionRegistry, tmp_path: Path
) -> None:
    """The add-in's Consolidate records what is typed on the open master's Evaluation sheet as the sync does: under
    `[reports] coordinator`, marked as typed in the master."""
    from fastapi.testclient import TestClient

    from apmon.addin.server import create_app
    from apmon.sync.config import Config, ReportSettings, SyncSettings
    from apmon.sync.ledger import COORDINATOR
    from tests.test_addin import NOW, OFFICE_JS, add_tokens, empty_workbook
    from tests.test_addin import run as consolidated

    sync = SyncSettings(data_dir=tmp_path, first_period="2018-01", last_period="2018-03", master_lang="en")
    config = Config(sync=sync, reports=ReportSettings(coordinator="Ana Anić"))
    ledger = Ledger.open(f"sqlite:///{(tmp_path / 'ledger.sqlite').as_posix()}")
    try:
        add_tokens(ledger, NOW)
        client = TestClient(create_app(config, ledger, clock=lambda: NOW, plan=plan, registry=registry))
        master = empty_workbook(tmp_path / "open.xlsx")
        wb, _ = consolidated(client, "consolidate", master, OFFICE_JS, COORDINATOR)
        sheet = wb["Evaluation"]
        row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 3).value == "1.1")
        year = int(sheet.cell(row, 1).value)
        sheet.cell(row, 7).value, sheet.cell(row, 8).value = "completed", "All three meetings held"
        wb.save(master)
        consolidated(client, "consolidate", master, OFFICE_JS, COORDINATOR)
        assert [o.author for o in ledger.overrides(year) if o.activity == "1.1"] == ["apmon:master:Ana Anić"]
    finally:
        ledger.close()


def test_the_status_says_who_issued_the_last_council_report_and_brief(left: Path) -> None:
    """The newcomer sees under whose name the last report to the Council and the last brief were issued: the
    configured `[reports] coordinator`, else the computer's user name, as for decisions."""
    import getpass

    c = ("--config", str(left))
    run("report", "council", "--to", "2018-01", *c)  # no [reports] coordinator yet: the user name
    successor = "Marko Marković"
    left.write_text(left.read_text(encoding="utf-8") + f'[reports]\ncoordinator = "{successor}"\n', "utf-8")
    issued = run("report", "minister", "--period", "2017-12", *c)
    assert f"zabeležen kao izdat pod imenom {successor}" in issued, issued  # said as it is issued
    shown = run("sync", "status", *c)
    assert f"Izveštaj Savetu izdat je pod imenom: {getpass.getuser()}." in shown, shown
    assert f"Informacija ministru izdata je pod imenom: {successor}." in shown, shown
    result = CliRunner().invoke(app, ["sync", "status", "--json", *c])
    status = json.loads(result.stdout)
    assert (status["council"]["by"], status["minister"]["by"]) == (getpass.getuser(), successor)
    ledger = Ledger.open(f"sqlite:///{(left.parent / 'ledger.sqlite').as_posix()}")
    try:
        assert [r.issued_by for r in ledger.issued("council")] == [None, getpass.getuser()]  # the fixture's: unknown
        assert [r.issued_by for r in ledger.issued("minister")] == [successor]
    finally:
        ledger.close()


MASTER_WORDS = {  # apmon's words for a decision typed on the master, written here, not taken from the catalogue
    "sr-Latn": ("Koordinator (zbirna radna sveska)", "{} (zbirna radna sveska)"),
    "sr-Cyrl": ("Координатор (збирна радна свеска)", "{} (збирна радна свеска)"),
    "en": ("Coordinator (master workbook)", "{} (master workbook)"),
}


def test_a_decision_typed_in_the_master_is_said_in_the_readers_language(left: Path) -> None:
    """A decision typed on a Serbian master's Evaluation sheet was recorded as "Koordinator (zbirna radna sveska)",
    words in the master's language, so `sync status` of an English master showed them in Serbian. The ledger now
    keeps a marker said in each reader's words; the words an older apmon stored, in any language, read as it, and a
    name is never translated."""
    master = left.parent / "master.xlsx"
    book = load_workbook(master)
    sheet = book["Evaluacija"]
    row = next(
        r for r in range(4, sheet.max_row + 1) if (sheet.cell(r, 1).value, sheet.cell(r, 3).value) == (2017, "1.1")
    )
    sheet.cell(row, 7).value, sheet.cell(row, 8).value = "realizovana", "Sve urađeno."
    book.save(master)
    run("sync", "run", "--config", str(left))  # the master in Serbian Latin, the default
    ledger = Ledger.open(f"sqlite:///{(left.parent / 'ledger.sqlite').as_posix()}")
    try:
        [author] = [r.author for r in ledger.overrides(2017) if r.activity == "1.1"]
        assert author == "apmon:master"  # no language in the ledger
        at = dt.datetime(2018, 3, 19, 9, tzinfo=BELGRADE)  # as an older apmon recorded them, one master each
        for words, _ in MASTER_WORDS.values():
            ledger.record_override(activity="1.3", year=2017, assessment="completed", reason="Urađeno.",
                                   author=words, at=at)  # fmt: skip
        ledger.record_override(activity="1.4", year=2017, assessment="completed", reason="Urađeno.",
                               author=MASTER_WORDS["sr-Cyrl"][1].format("Ana Anić"), at=at)  # fmt: skip
        assert [r.author for r in ledger.overrides(2017) if r.activity in ("1.3", "1.4")] == [
            "apmon:master", "apmon:master", "apmon:master", "apmon:master:Ana Anić"
        ]  # fmt: skip
    finally:
        ledger.close()
    result = CliRunner().invoke(app, ["sync", "status", "--json", "--config", str(left)])
    authors = json.loads(result.stdout)["records"]["authors"]
    # in the order first used (the older records' day first); one value for programs, whatever was stored
    assert authors == ["apmon:master", "apmon:master:Ana Anić", PREDECESSOR]
    for lang, (words, named) in MASTER_WORDS.items():
        config = left.with_name(f"apmon-{lang}.toml")
        config.write_text(
            left.read_text(encoding="utf-8").replace("[sync]", f'[sync]\nmaster_lang = "{lang}"'), "utf-8"
        )
        shown = run("sync", "status", "--config", str(config))
        said = f"{words}, {named.format('Ana Anić')}, {PREDECESSOR}."  # the name as typed, in any language
        assert said in shown, shown
        others = [w for other, pair in MASTER_WORDS.items() if other != lang for w in (pair[0], pair[1][3:])]
        assert not [w for w in others if w in shown], shown
