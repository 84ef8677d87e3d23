"""`apmon token`: issue, revoke and list the add-in's access tokens."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, JsonOption, fail, out

if TYPE_CHECKING:
    from apmon.sync.config import Config
    from apmon.sync.ledger import Role

token_app = typer.Typer(help="Issue, revoke and list the add-in's access tokens.", no_args_is_help=True)


def _token_owner(institution: str | None, coordinator: bool, settings: Config) -> tuple[str, Role]:
    from apmon.sync.ledger import COORDINATOR
    from apmon.templates.plan_file import DataFileError, load_registry

    if bool(institution) == coordinator:
        raise fail("name the holder with --institution CODE, or use --coordinator (not both)", 2)
    if coordinator:
        return COORDINATOR, "coordinator"
    code = (institution or "").upper()
    try:
        registry = load_registry(settings.institutions)
    except DataFileError as exc:
        raise fail("the institution registry cannot be used:\n  " + "\n  ".join(str(e) for e in exc.errors)) from exc
    if code not in registry:
        raise fail(f"unknown institution code {code!r}; known codes: {', '.join(registry.codes)}", 2)
    return code, "institution"


@token_app.command("issue")
def token_issue(
    institution: Annotated[
        str | None, typer.Option("--institution", "-i", help="Institution code (e.g. MUP) the token belongs to.")
    ] = None,
    coordinator: Annotated[
        bool, typer.Option("--coordinator", help="A token of the National Coordinator (may also consolidate).")
    ] = False,
    token_label: Annotated[
        str, typer.Option("--label", help="What the token is for, e.g. the office or the person (shown in lists).")
    ] = "",
    config: ConfigOption = None,
) -> None:
    """Issue a new add-in token and print it once: apmon keeps only its SHA-256 hash.

    An institution's token validates and submits that institution's reports only; the Coordinator's token
    may also consolidate. Give it to the holder through a safe channel; it goes into the client's auth
    setting as 'Bearer <token>'.
    """
    from apmon.sync.tokens import issue_token

    settings = common.config(config)
    code, role = _token_owner(institution, coordinator, settings)
    with common.ledger_open(settings) as ledger:
        row, token = issue_token(ledger, code, role, token_label, dt.datetime.now(dt.UTC))
    holder = "the National Coordinator" if role == "coordinator" else code
    out.print(f"Token {row.id} for {holder}{f' ({token_label})' if token_label else ''}:", highlight=False)
    typer.echo(token)
    out.print("It is shown only this once: apmon keeps only its hash. Revoke it with `apmon token revoke`.")


@token_app.command("revoke")
def token_revoke(
    institution: Annotated[
        str | None, typer.Option("--institution", "-i", help="Revoke every live token of this institution.")
    ] = None,
    coordinator: Annotated[bool, typer.Option("--coordinator", help="Revoke every live Coordinator token.")] = False,
    config: ConfigOption = None,
) -> None:
    """Revoke every live token of an institution (or of the Coordinator); they stop working at once.

    Exit 1 when there was no live token to revoke.
    """
    settings = common.config(config)
    code, _ = _token_owner(institution, coordinator, settings)
    with common.ledger_open(settings) as ledger:
        revoked = ledger.revoke_tokens(code, dt.datetime.now(dt.UTC))
    if not revoked:
        raise fail(f"{code} has no live token to revoke")
    out.print(f"Revoked {revoked} token(s) of {code}.")


@token_app.command("list")
def token_list(config: ConfigOption = None, as_json: JsonOption = False) -> None:
    """List the add-in tokens: holder, role, label, when issued and revoked (never the tokens themselves)."""
    from rich.table import Table

    settings = common.config(config)
    with common.ledger_open(settings) as ledger:
        rows = ledger.tokens()
    shown = [row.model_dump(mode="json", exclude={"token_hash"}) for row in rows]
    if as_json:
        common.print_json(shown)
        return
    if not rows:
        out.print("No tokens yet. Issue one with `apmon token issue --institution CODE`.")
        return
    table = Table(title=f"{len(rows)} add-in token(s)")
    for col in ("Id", "Holder", "Role", "Label", "Issued", "Revoked"):
        table.add_column(col)
    for row in rows:
        table.add_row(
            str(row.id),
            row.institution,
            row.role,
            row.label,
            f"{row.created_at:%d.%m.%Y %H:%M}",
            "" if row.revoked_at is None else f"{row.revoked_at:%d.%m.%Y %H:%M}",
        )
    out.print(table)
