"""`apmon ledger`: look into the ledger (versions and who sent them); purge personal data."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, JsonOption, out

ledger_app = typer.Typer(help="Look into the ledger: versions and who sent them; purge personal data.")


@ledger_app.command("versions")
def ledger_versions(
    institution: Annotated[str | None, typer.Option("--institution", "-i", help="Only this institution.")] = None,
    period: Annotated[str | None, typer.Option("--period", "-p", help="Only this period (2018-03 or 2018).")] = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the stored versions, each time one came in, and the add-in token that sent it (never the token)."""
    from rich.table import Table

    from apmon.sync.service import versions_with_arrivals

    settings = common.config(config)
    with common.ledger_open(settings) as ledger:
        versions = versions_with_arrivals(ledger, institution, period)
    rows = [
        {
            "version": v.id,
            "institution": v.institution,
            "period": v.period,
            "valid": v.valid,
            "purged_at": v.raw_purged_at.isoformat() if v.raw_purged_at else None,
            "arrivals": [a.model_dump(mode="json") for a in arrivals],
        }
        for v, arrivals in versions
    ]
    if as_json:
        common.print_json(rows)
        return
    if not rows:
        out.print("No versions in the ledger yet.")
        return
    table = Table(title=f"{len(versions)} version(s), {sum(len(a) for _, a in versions)} arrival(s)")
    for col in ("Version", "Institution", "Period", "State", "Received", "File", "Sent with token"):
        table.add_column(col, overflow="fold")
    for v, arrivals in versions:
        state = "valid" if v.valid else "invalid"
        if v.raw_purged_at is not None:
            state += f", content purged {v.raw_purged_at:%d.%m.%Y}"
        for a in arrivals:
            token = "" if a.token_id is None else f"{a.token_id} {a.token_institution} ({a.token_label})"
            table.add_row(
                str(v.id), v.institution or "?", v.period or "?", state, f"{a.received_at:%d.%m.%Y %H:%M}",
                a.file_name, token,
            )  # fmt: skip
    out.print(table)


@ledger_app.command("purge-personal-data")
def ledger_purge_personal_data(
    days: Annotated[
        int | None,
        typer.Option(
            "--older-than-days",
            min=0,
            help="Purge what arrived more than this many days ago. Default: the configuration's personal_data_days "
            "(30).",
        ),
    ] = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Purge now the content of reports refused for personal data; the record that they came in stays.

    The sync does the same at every run for what is older than the configured retention.
    """
    from apmon.sync.run import purge_personal_data

    settings = common.config(config)
    sync_settings = settings.sync if days is None else settings.sync.model_copy(update={"personal_data_days": days})
    with common.ledger_open(settings) as ledger:
        purged = purge_personal_data(ledger, sync_settings, dt.datetime.now(dt.UTC))
    if as_json:
        common.print_json({"purged": purged, "older_than_days": sync_settings.personal_data_days})
        return
    if not purged:
        out.print(
            "Nothing to purge: no report refused for personal data is older than "
            f"{sync_settings.personal_data_days} days."
        )
        return
    out.print(
        f"Purged the content of {len(purged)} report version(s) refused for personal data "
        f"(ids {', '.join(map(str, purged))}); their records and masked issues stay in the ledger.",
        highlight=False,
    )
