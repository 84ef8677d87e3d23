"""`apmon ledger`: look into the ledger (versions and who sent them, e-mails sent, reports issued); purge personal
data."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, JsonOption, LangOption, fail, out, said
from apmon.cli.token import token_holder

if TYPE_CHECKING:
    from apmon.schemas.text import Lang
    from apmon.sync.config import Config
    from apmon.sync.ledger import ArrivalRow, VersionRow

# Versions listed on screen unless --all: a ledger of years holds thousands, more than anyone reads in a terminal
# (and drawing them as a table takes seconds); the newest are the ones looked for.
LISTED_VERSIONS = 50
RESTORE_WAIT_S = 600  # as long as `apmon sync run` waits for another run (wait_for_lock)

ledger_app = typer.Typer(
    help="Look into the ledger: versions and who sent them, the e-mails sent, the reports issued; purge personal "
    "data; back it up; take it back to an older apmon."
)


@ledger_app.command("versions")
def ledger_versions(
    institution: Annotated[str | None, typer.Option("--institution", "-i", help="Only this institution.")] = None,
    period: Annotated[str | None, typer.Option("--period", "-p", help="Only this period (2018-03 or 2018).")] = None,
    every: Annotated[
        bool, typer.Option("--all", help=f"Every version (on screen, otherwise the newest {LISTED_VERSIONS}).")
    ] = False,
    config: ConfigOption = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the stored versions, each time one came in, and the add-in token that sent it (never the token); on
    screen the newest, with --all or --json every one."""
    from rich.markup import escape
    from rich.table import Table

    from apmon.schemas.calendar import BELGRADE
    from apmon.schemas.dates import moment_said
    from apmon.schemas.issues import institution_not_in_registry
    from apmon.schemas.paper import month_words
    from apmon.sync.service import counted_versions, versions_with_arrivals
    from apmon.templates.sniff import shown_file_name

    settings, language = common.config_and_lang(config, lang)
    # A filter that cannot match (a mistyped period or code) is said so, not answered with "no versions yet".
    chosen = str(common.period(period, None, language)) if period else None
    code = _institution(institution, settings, language) if institution else None
    with common.ledger_open(settings, language) as ledger:
        versions = versions_with_arrivals(ledger, code, chosen)
        counted = counted_versions(ledger, settings.sync.as_of)  # as the master counts
    came_back = _came_back_after(versions)
    rows = [
        {
            "version": v.id,
            "institution": v.institution,
            "institution_unknown": institution_not_in_registry(v.issues),  # a refused file's code the registry lacks
            "period": v.period,
            "valid": v.valid,
            **_errors(v.issues),
            # when it was submitted (the Submit stamp, the file's time, or when the ledger first had it)
            "submitted_at": v.source_modified.isoformat() if v.source_modified else None,
            **_counts(v, counted.get((v.institution or "", v.period or "")), came_back),
            "purged_at": v.raw_purged_at.isoformat() if v.raw_purged_at else None,
            "set_aside": v.set_aside,  # no institution's submission, though an earlier run recorded it as one
            # the name as shown: the ledger keeps it as it came until the purge masks it there too
            "arrivals": [
                a.model_dump(mode="json") | {"file_name": shown_file_name(a.file_name, None), "came_by": _came_by(a)}
                for a in arrivals
            ],
        }
        for v, arrivals in versions
    ]
    if as_json:
        common.print_json(rows)
        return
    if not rows:
        if code or chosen:
            shown = ", ".join(filter(None, (code, chosen and month_words(chosen, language))))  # "MZ, mart 2018."
            out.print(said("ledger.none_matching", language, filter=shown), highlight=False)
        else:
            out.print(said("ledger.none", language))
        return
    arrived = sum(len(a) for _, a in versions)
    table = Table(title=said("ledger.title", language, versions=len(versions), arrivals=arrived))
    columns = (
        "version",
        "institution",
        "period",
        "state",
        "counts",
        "submitted",
        "received",
        "came_by",
        "file",
        "token",
    )
    for col in columns:
        # A date and time is never split over two lines: the other columns fold instead.
        table.add_column(said(f"ledger.col.{col}", language), overflow="fold", no_wrap=col in ("submitted", "received"))
    listed = versions if every else versions[-LISTED_VERSIONS:]  # oldest first: the newest are the last
    for v, arrivals in listed:  # times as the Coordinator's clock shows them (the ledger keeps UTC)
        state = said("ledger.valid", language) if v.valid else _refused(v.issues, language)
        if v.raw_purged_at is not None:
            purged = v.raw_purged_at.astimezone(BELGRADE).date()
            state = said("ledger.content_purged", language, state=state, date=purged)
        elif any(issue.get("code") == "file-not-kept" for issue in v.issues):  # over the day's refused allowance
            state = said("ledger.content_not_kept", language, state=state)
        counts = _counts_said(v, counted.get((v.institution or "", v.period or "")), came_back, language)
        submitted = moment_said(v.source_modified, language) if v.source_modified else ""
        institution = common.institution_said(v.institution, institution_not_in_registry(v.issues), language)
        for a in arrivals:
            token = "" if a.token_id is None else _token(a.token_id, a.token_institution, a.token_label, language)
            table.add_row(
                str(v.id), escape(institution), v.period or "?", escape(state), counts, submitted,
                moment_said(a.received_at, language), said(f"ledger.came_by.{_came_by(a)}", language),
                escape(shown_file_name(a.file_name, None)), escape(token),
            )  # fmt: skip
    common.print_table(table, language)
    if len(listed) < len(versions):
        flags = {"all": "--all", "institution": "--institution", "period": "--period"}
        out.print(said("ledger.more", language, shown=len(listed), total=len(versions), **flags), highlight=False)


def _came_by(arrival: ArrivalRow) -> str:
    """How an arrival came: "submit" (the add-in's Submit), "google" (a Drive folder's sheet) or "file"."""
    from apmon.sync.ledger import ADDIN_SOURCE

    if arrival.source == ADDIN_SOURCE:
        return "submit"
    return "google" if arrival.source.startswith("google:") else "file"


def _came_back_after(versions: list[tuple[VersionRow, list[ArrivalRow]]]) -> dict[int, set[int]]:
    """For each version, the newer valid versions of its report it arrived again after: an older copy saved over
    the corrected file, whose content is that earlier version's again (so it counts, not being the newest)."""
    reports: dict[tuple[str | None, str | None], list[tuple[VersionRow, list[ArrivalRow]]]] = {}
    for v, arrivals in versions:
        reports.setdefault((v.institution, v.period), []).append((v, arrivals))
    came_back: dict[int, set[int]] = {}
    for report in reports.values():
        first = {v.id: min(a.received_at for a in arrivals) for v, arrivals in report if arrivals}
        for v, arrivals in report:
            last = max((a.received_at for a in arrivals), default=None)
            came_back[v.id] = {
                w.id for w, _ in report if w.valid and w.id > v.id and w.id in first and last and last > first[w.id]
            }
    return came_back


def _counts(version: VersionRow, counted: VersionRow | None, came_back: dict[int, set[int]]) -> dict[str, Any]:
    """Whether `version` is the one whose content counts for the master (`counted`: the report's, as the
    master's Submissions cell names it), why, and the report's on time or late, as --json gives them. `came_back`:
    `_came_back_after`, for an earlier version that counts again because its content came back."""
    why = "invalid"
    if version.set_aside is not None:
        why = version.set_aside  # no institution's submission, though an earlier run recorded it as one
    elif counted is not None and counted.id == version.id:
        why = "restored" if came_back.get(version.id) else "newest-valid"
    elif version.valid and counted is not None:
        # another valid version counts: a newer one, or an earlier one whose content came back after this one
        why = "earlier-restored" if version.id in came_back.get(counted.id, set()) else "newer-valid"
    elif version.valid:
        why = "submitted-after-master-day"  # none counts: every valid one came after the master's day (as_of)
    timing = counted.timing if counted is not None and counted.id == version.id else None
    return {
        "counts": why in ("newest-valid", "restored"),
        "counts_why": why,
        "counted_version": counted.id if counted is not None else None,
        "timing": timing.model_dump(mode="json") if timing is not None else None,
    }


def _counts_said(version: VersionRow, counted: VersionRow | None, came_back: dict[int, set[int]], lang: Lang) -> str:
    found = _counts(version, counted, came_back)
    if version.set_aside is not None:
        kind = {"master-copy": "ledger.set_aside.master-copy", "blank-template": "ledger.set_aside.blank-template"}
        return said(kind[version.set_aside], lang)
    if found["counts_why"] == "invalid":  # one error said as one; without a count any other number is plural
        return said("ledger.refused_one" if _errors(version.issues)["errors"] == 1 else "ledger.refused", lang)
    if found["counts_why"] == "newer-valid":
        return said("ledger.replaced", lang, version=found["counted_version"])
    if found["counts_why"] == "earlier-restored":
        return said("ledger.replaced_restored", lang, version=found["counted_version"])
    counts, counts_only = (
        ("ledger.counts_restored", "ledger.counts_restored_only")
        if found["counts_why"] == "restored"
        else ("ledger.counts", "ledger.counts_only")
    )
    if found["counts_why"] == "submitted-after-master-day":
        return said("ledger.after_master_day", lang)
    timing = counted.timing if counted is not None else None
    if timing is None:
        return said(counts_only, lang)
    from apmon.schemas.dates import moment_said
    from apmon.schemas.messages import counted as counted_words

    at = moment_said(timing.submitted_at, lang) if timing.submitted_at else "?"
    if timing.on_time:
        return said(counts, lang, timing=said("ledger.on_time", lang, at=at))
    days = counted_words(timing.days_late, "working_day", lang)
    return said(counts, lang, timing=said("ledger.late", lang, days=days, at=at))


def _errors(issues: list[dict[str, Any]]) -> dict[str, Any]:
    """How many errors a version has (of those stored: a flood is cut at the first 500) and the first one's code
    and place: why it was refused, without opening it."""
    errors = [i for i in issues if i.get("severity") == "error" and i.get("code") != "more-issues"]
    first = {key: str(errors[0].get(key) or "") for key in ("code", "sheet", "cell")} if errors else None
    return {"errors": len(errors), "first_error": first}


def _refused(issues: list[dict[str, Any]], lang: Lang) -> str:
    """ "invalid: 3 errors, first (Tasks!E7): Task 1.2.1 has no status.", in `lang`: the first error's message, its
    first sentence (the code is for programs: --json); "invalid" where no error is stored."""
    from apmon.schemas.messages import counted, stored_message

    errors = [i for i in issues if i.get("severity") == "error" and i.get("code") != "more-issues"]
    if not errors:
        return said("ledger.invalid", lang)
    fields = {"errors": counted(len(errors), "error", lang), "error": _first_sentence(stored_message(errors[0], lang))}
    where = "!".join(filter(None, (str(errors[0].get("sheet") or ""), str(errors[0].get("cell") or ""))))
    return (
        said("ledger.invalid_why", lang, **fields, where=where)
        if where
        else said("ledger.invalid_why_file", lang, **fields)
    )


# A sentence ends at a full stop (or ! ?) and a space before a capital or an opening quote: "31.03.2018., a" goes on.
_SENTENCE_END = re.compile(r"[.!?](?=\s+[„\"'(]?[A-ZČĆŠŽĐЀ-Я])")
FIRST_ERROR_CHARS = 120  # the most of a message a table's cell shows: what went wrong, not all the advice


def _first_sentence(message: str) -> str:
    """What went wrong: the message's first sentence, cut at a word with "…" if longer than FIRST_ERROR_CHARS."""
    if (end := _SENTENCE_END.search(message)) is not None:
        message = message[: end.end()]
    if len(message) <= FIRST_ERROR_CHARS:
        return message
    return message[:FIRST_ERROR_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _token(token_id: int, holder: str | None, label: str | None, lang: Lang) -> str:
    """The add-in token a version came through, as `apmon token list` names it: id, holder and label."""
    return f"{token_id} {token_holder(holder, lang)}" + (f" ({label})" if label else "")


def _institution(given: str, settings: Config, lang: Lang) -> str:
    """The institution code as the registry has it (typed in any case); an unknown one stops the command."""
    from apmon.templates.plan_file import DataFileError, load_registry

    code = given.strip().upper()  # " mz ", pasted with its spaces, is MZ
    try:
        registry = load_registry(settings.institutions)
    except DataFileError as exc:
        raise common.plan_error(exc, lang) from exc
    if code not in registry:
        raise fail(said("token.unknown_institution", lang, code=code, codes=", ".join(registry.codes)), 2, lang)
    return code


@ledger_app.command("purge-personal-data")
def ledger_purge_personal_data(
    days: Annotated[
        int | None,
        typer.Option(
            "--older-than-days",
            help="Purge what arrived more than this many days ago. Default: the configuration's personal_data_days "
            "(30).",
        ),
    ] = None,
    config: ConfigOption = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """Purge now the content of reports refused for personal data; the record that they came in stays.

    The sync does the same at every run for what is older than the configured retention.
    """
    from apmon.sync.config import MAX_PERSONAL_DATA_DAYS
    from apmon.sync.run import purge_personal_data

    settings, language = common.config_and_lang(config, lang)
    # said here: the command-line library's own refusal is in English; the setting's bounds, as apmon.toml has them
    if days is not None and not 0 <= days <= MAX_PERSONAL_DATA_DAYS:
        refused = said(
            "cli.between", language, option="--older-than-days", least=0, most=MAX_PERSONAL_DATA_DAYS, value=days
        )
        raise fail(refused, 2, language)
    sync_settings = settings.sync if days is None else settings.sync.model_copy(update={"personal_data_days": days})
    with common.ledger_open(settings, language) as ledger:
        purged = purge_personal_data(ledger, sync_settings, dt.datetime.now(dt.UTC), refused=False)
    if as_json:
        common.print_json({"purged": purged, "older_than_days": sync_settings.personal_data_days})
        return
    if not purged:
        out.print(said("ledger.purge.nothing", language, days=sync_settings.personal_data_days))
        return
    ids = ", ".join(map(str, purged))
    out.print(said("ledger.purge.done", language, count=len(purged), ids=ids), highlight=False)


@ledger_app.command("person")
def ledger_person(
    text: Annotated[str, typer.Argument(help="The person's name, e-mail address or phone number, as written.")],
    config: ConfigOption = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """List every place the ledger holds a person's name, e-mail address or phone number: report versions (their file
    names, the report as read, the stored file with its document properties), arrivals, tokens' labels, e-mails'
    recipients, the Coordinator's decisions and the reports issued, whatever the script, case and diacritics. For a
    data subject's request (docs/security.md)."""
    from rich.markup import escape
    from rich.table import Table

    from apmon.schemas.dates import moment_said
    from apmon.sync.ledger import folded

    settings, language = common.config_and_lang(config, lang)
    if len(folded(text).replace(" ", "")) < 3:  # a letter or two is found in nearly every row
        raise fail(said("ledger.person.empty", language), 2, language)
    # On stderr, only where it is a terminal, and not with --json, as `sync run` has it.
    with common.ledger_open(settings, language) as ledger, common.live_progress(as_json) as bar:
        searching = said("ledger.person.progress", language)
        found = ledger.person(text, (lambda done, total: bar(searching, done, total)) if bar else None)
    if as_json:
        common.print_json(found)
        return
    if not found.places:
        out.print(said("ledger.person.none", language, text=text), markup=False, highlight=False)
    else:
        out.print(said("ledger.person.found", language, text=text, count=len(found.places)), markup=False,
                  highlight=False)  # fmt: skip
        table = Table(show_header=True, header_style="bold")
        table.add_column(said("ledger.person.col.place", language), overflow="fold")
        table.add_column(said("ledger.person.col.id", language), justify="right", no_wrap=True)
        table.add_column(said("ledger.person.col.at", language), min_width=17, overflow="fold")
        table.add_column(said("ledger.person.col.institution", language), no_wrap=True)
        for place in found.places:
            where = said(f"ledger.person.place.{place.table}.{place.field}", language)
            when = moment_said(place.at, language) if place.at else ""
            table.add_row(where, str(place.id), when, escape(place.institution or ""))
        common.print_table(table, language)
    if found.not_searched:
        ids = ", ".join(str(version.id) for version in found.not_searched)
        out.print(said("ledger.person.not_searched", language, ids=ids), highlight=False)
        for version in found.not_searched:
            out.print(f"  {version.id}: {version.message(language)}", markup=False, highlight=False)


@ledger_app.command("mails")
def ledger_mails(
    institution: Annotated[str | None, typer.Option("--institution", "-i", help="Only this institution.")] = None,
    period: Annotated[str | None, typer.Option("--period", "-p", help="Only this period (2018-03 or 2018).")] = None,
    config: ConfigOption = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """List every e-mail sent to the institutions, oldest first: when, what kind, to whom and whether the server took
    it, as the ledger recorded it (docs/reminders.md)."""
    from rich.table import Table

    from apmon.schemas.dates import moment_said

    settings, language = common.config_and_lang(config, lang)
    # A filter that cannot match (a mistyped period or code) is said so, not answered with "no such e-mail".
    chosen = str(common.period(period, None, language)) if period else None
    code = _institution(institution, settings, language) if institution else None
    with common.ledger_open(settings, language) as ledger:
        mails = [
            mail
            for mail in ledger.mails()
            if (code is None or mail.institution == code) and (chosen is None or mail.period == chosen)
        ]
    if as_json:
        common.print_json([mail.model_dump(mode="json") for mail in mails])
        return
    if not mails:
        out.print(said("ledger.mails.none", language), highlight=False)
        return
    table = Table(show_header=True, header_style="bold")
    table.add_column(said("ledger.mails.when", language), no_wrap=True)
    for col in ("kind", "institution", "period", "to", "outcome"):
        table.add_column(said(f"remind.col.{col}", language), overflow="fold")
    for mail in mails:
        if mail.outcome == "sent" and mail.error:  # some recipients refused: the addresses to correct
            outcome = said("ledger.mails.sent_refused", language, error=mail.error)
        elif mail.outcome == "sent":
            outcome = said("remind.sent", language)
        elif mail.outcome == "sending":
            outcome = said("ledger.mails.unconfirmed", language)
        else:
            outcome = said("ledger.mails.failed", language, error=mail.error or "")
        kind = said(f"remind.kind.{mail.kind}", language)
        table.add_row(moment_said(mail.sent_at, language), kind, mail.institution, mail.period,
                      ", ".join(mail.to), outcome)  # fmt: skip
    common.print_table(table, language)


@ledger_app.command("issued")
def ledger_issued(
    kind: Annotated[
        str | None,
        typer.Option("--kind", "-k", help="Only this kind: minister, council, annual, public or final."),
    ] = None,
    config: ConfigOption = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """List every report issued, oldest first: the Minister's briefs, the reports to the Council, the annual
    evaluations, the published annual and final reports; what each covers, when and by whom it was issued, the
    cut-off it counted reports to and the files written, as the ledger recorded them (docs/reports.md)."""
    from rich.markup import escape
    from rich.table import Table

    from apmon.schemas.dates import moment_said
    from apmon.schemas.messages import issuer_said
    from apmon.schemas.paper import month_words
    from apmon.sync.ledger import ISSUED_KINDS

    settings, language = common.config_and_lang(config, lang)
    chosen = next((known for known in ISSUED_KINDS if kind is not None and known == kind.lower()), None)
    if kind is not None and chosen is None:
        kinds = ", ".join(ISSUED_KINDS)
        raise fail(said("ledger.issued.bad_kind", language, option="--kind", kinds=kinds, value=kind), 2, language)
    with common.ledger_open(settings, language) as ledger:
        issued = ledger.issued(chosen)
    if as_json:
        common.print_json([row.model_dump(mode="json") for row in issued])
        return
    if not issued:
        if chosen is None:
            out.print(said("ledger.issued.none", language), highlight=False)
        else:
            shown = said(f"ledger.issued.kind.{chosen}", language)
            out.print(said("ledger.issued.none_of_kind", language, kind=shown), highlight=False)
        return
    not_recorded = said("ledger.issued.not_recorded", language)
    table = Table(title=said("ledger.issued.title", language, count=len(issued)))
    table.add_column(said("ledger.issued.col.id", language), justify="right", no_wrap=True)
    table.add_column(said("ledger.issued.col.report", language), overflow="fold")
    for col in ("issued", "cut_off"):  # a date and time is never split over two lines
        table.add_column(said(f"ledger.issued.col.{col}", language), overflow="fold", min_width=17)
    for row in issued:
        span = " – ".join(dict.fromkeys(month_words(p, language) for p in (row.first_period, row.last_period)))
        what = said(f"ledger.issued.kind.{row.kind}", language) + "\n" + span
        by = issuer_said(row.issued_by, language) if row.issued_by else not_recorded
        when = moment_said(row.issued_at, language) + "\n" + escape(by)  # a name is text
        table.add_row(str(row.id), what, when, moment_said(row.cut_off, language))
    common.print_table(table, language)
    # The files under the table, each path whole on its line: a table's column would cut a long path into pieces
    # that cannot be copied, and would not fit a terminal beside the other columns.
    out.print(said("ledger.issued.files", language), highlight=False)
    for row in issued:
        for path in row.files or [not_recorded]:
            # A report made again under the same name (the command run twice) wrote over the earlier one's file.
            again = [later.id for later in issued if later.id > row.id and path in later.files]
            written = " " + said("ledger.issued.written_again", language, id=again[-1]) if again else ""
            out.print(f"  {row.id}: {path}{written}", markup=False, highlight=False, soft_wrap=True)


@ledger_app.command("backup")
def ledger_backup(
    path: Annotated[Path, typer.Argument(help="The backup file to make (it must not exist yet).")],
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Copy a SQLite ledger into one whole file, safely while a run or the add-in server is writing.

    Copying the ledger file alone is not a backup: while any process keeps the ledger open, the latest reports
    are in its -wal file beside it. For a PostgreSQL ledger use the server's pg_dump.
    """
    settings, language = common.config_and_lang(config, lang)
    with common.ledger_open(settings, language) as ledger:  # its LedgerError: one Error line
        ledger.backup(path)
    out.print(said("ledger.backup.done", language, path=path), highlight=False)


@ledger_app.command("restore")
def ledger_restore(
    backup: Annotated[Path, typer.Argument(help="The backup file to put back (one `apmon ledger backup` made).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be replaced; change nothing.")] = False,
    wait: Annotated[
        int,
        typer.Option(
            "--wait", help="Seconds to wait for a sync run in progress to end (0: refuse at once while one runs)."
        ),
    ] = RESTORE_WAIT_S,
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Put a backup of a SQLite ledger back in place, keeping the replaced ledger beside it.

    The backup is checked first (a whole apmon ledger of a revision this apmon knows). Stop `apmon serve` first; a
    sync run in progress is waited for, and none can start meanwhile. The replaced ledger's -wal is never applied to
    the restored one. For a PostgreSQL ledger use the server's pg_restore.
    """
    from apmon.schemas.said import say
    from apmon.sync.ledger import LedgerBusy, LedgerError
    from apmon.sync.ledger.restore import CtrlCHeld, restore

    settings, language = common.config_and_lang(config, lang)
    if wait < 0:
        raise fail(said("cli.at_least", language, option="--wait", least=0, value=wait), 2, language)

    def waiting(busy: LedgerBusy) -> None:
        told = say("ledger.restore.waiting", language, {"who": busy.fields.get("who", []), "seconds": wait})
        common.err.print(told, markup=False, highlight=False)

    with CtrlCHeld() as ctrl_c:  # from the write-in on, until the outcome is said
        try:
            url, now = settings.sync.ledger_url(), dt.datetime.now(dt.UTC)
            done = restore(url, backup, now, dry_run, wait_s=wait, waiting=waiting, ctrl_c=ctrl_c)
        except LedgerError as exc:
            raise fail(exc.said(language), 3 if isinstance(exc, LedgerBusy) else 1, lang=language) from exc
        except KeyboardInterrupt:  # before the write-in: the ledger was not touched
            raise fail(said("ledger.restore.stopped", language), 130, lang=language) from None
        key = "ledger.restore." + ("dry_run" if dry_run else "done") + ("" if done.kept else "_new")
        fields = {"ledger": done.ledger, "backup": done.backup, "revision": done.revision, "versions": done.versions}
        out.print(said(key, language, **fields, kept=done.kept), highlight=False, soft_wrap=True)  # paths whole
    if ctrl_c.pressed:  # who pressed it is not left believing the restore stopped
        told = said("ledger.restore.ctrl_c" + ("" if done.kept else "_new"), language, kept=done.kept, **fields)
        common.err.print(told, highlight=False, soft_wrap=True)


@ledger_app.command("downgrade")
def ledger_downgrade(
    revision: Annotated[str, typer.Argument(help="The revision the older apmon names (such as 0007).")],
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Take the ledger's tables back to an older apmon's revision, before installing that apmon again.

    What later versions added to the tables is dropped (make a backup first: apmon ledger backup).
    """
    settings, language = common.config_and_lang(config, lang)
    with common.ledger_open(settings, language) as ledger:  # its LedgerError: one Error line
        ledger.downgrade(revision)
    out.print(said("ledger.downgrade.done", language, revision=revision), highlight=False)
