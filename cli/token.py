"""`apmon token`: issue, revoke and list the add-in's access tokens."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, JsonOption, LangOption, fail, out, said

if TYPE_CHECKING:
    from apmon.schemas.text import Lang
    from apmon.sync.config import Config
    from apmon.sync.ledger import Role

token_app = typer.Typer(help="Issue, revoke and list the add-in's access tokens.", no_args_is_help=True)


def _token_owner(institution: str | None, coordinator: bool, settings: Config, lang: Lang) -> tuple[str, Role]:
    from apmon.sync.ledger import COORDINATOR
    from apmon.templates.plan_file import DataFileError, load_registry

    if bool(institution) == coordinator:
        raise fail(said("token.holder", lang, institution="--institution", coordinator="--coordinator"), 2, lang)
    if coordinator:
        return COORDINATOR, "coordinator"
    code = (institution or "").upper()
    try:
        registry = load_registry(settings.institutions)
    except DataFileError as exc:
        unusable = said("token.registry_unusable", lang)
        raise fail(unusable + "\n" + exc.said(lang, "  "), lang=lang) from exc
    if code not in registry:
        raise fail(said("token.unknown_institution", lang, code=code, codes=", ".join(registry.codes)), 2, lang)
    return code, "institution"


def token_holder(holder: str | None, lang: Lang) -> str:
    """A token's holder as people call it: the institution's code, or the National Coordinator (not the ledger's
    mark, which every Coordinator token carries as its institution)."""
    from apmon.sync.ledger import COORDINATOR

    return said("token.coordinator", lang) if holder == COORDINATOR else holder or "?"


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
    lang: LangOption = None,
) -> None:
    """Issue a new add-in token and print it once: apmon keeps only its SHA-256 hash.

    An institution's token validates and submits that institution's reports only; the Coordinator's token
    may also consolidate. Give it to the holder through a safe channel; it goes into the client's auth
    setting as 'Bearer <token>'.
    """
    from apmon.sync.tokens import issue_token

    settings, language = common.config_and_lang(config, lang)
    code, role = _token_owner(institution, coordinator, settings, language)
    with common.ledger_open(settings, language) as ledger:
        row, token = issue_token(ledger, code, role, token_label, dt.datetime.now(dt.UTC))
    holder = token_holder(code, language)
    label = f" ({token_label})" if token_label else ""
    out.print(said("token.issued", language, id=row.id, holder=holder, label=label), markup=False, highlight=False)
    typer.echo(token)
    out.print(said("token.once", language, command="apmon token revoke"), markup=False)


@token_app.command("revoke")
def token_revoke(
    institution: Annotated[
        str | None, typer.Option("--institution", "-i", help="Revoke every live token of this institution.")
    ] = None,
    coordinator: Annotated[bool, typer.Option("--coordinator", help="Revoke every live Coordinator token.")] = False,
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Revoke every live token of an institution (or of the Coordinator); they stop working at once.

    Exit 1 when there was no live token to revoke.
    """
    settings, language = common.config_and_lang(config, lang)
    code, _ = _token_owner(institution, coordinator, settings, language)
    with common.ledger_open(settings, language) as ledger:
        revoked = ledger.revoke_tokens(code, dt.datetime.now(dt.UTC))
    holder = token_holder(code, language)
    if not revoked:
        raise fail(said("token.nothing_to_revoke", language, code=holder), lang=language)
    out.print(said("token.revoked", language, count=revoked, code=holder), highlight=False)


@token_app.command("list")
def token_list(config: ConfigOption = None, lang: LangOption = None, as_json: JsonOption = False) -> None:
    """List the add-in tokens: holder, role, label, when issued and revoked (never the tokens themselves)."""
    from rich.table import Table

    from apmon.schemas.calendar import BELGRADE

    settings, language = common.config_and_lang(config, lang)
    with common.ledger_open(settings, language) as ledger:
        rows = ledger.tokens()
    shown = [row.model_dump(mode="json", exclude={"token_hash"}) for row in rows]
    if as_json:
        common.print_json(shown)
        return
    if not rows:
        out.print(said("token.none", language, command="apmon token issue --institution"), markup=False)
        return
    table = Table(title=said("token.title", language, count=len(rows)))
    for col in ("id", "holder", "role", "label", "issued", "revoked"):
        table.add_column(said(f"token.col.{col}", language))
    for row in rows:
        table.add_row(
            str(row.id),
            token_holder(row.institution, language),
            said(f"token.role.{row.role}", language),
            row.label,
            f"{row.created_at.astimezone(BELGRADE):%d.%m.%Y %H:%M}",  # the Coordinator's clock, as ledger versions
            "" if row.revoked_at is None else f"{row.revoked_at.astimezone(BELGRADE):%d.%m.%Y %H:%M}",
        )
    common.print_table(table, language)
