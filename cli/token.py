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
    code = (institution or "").strip().upper()  # " mz ", pasted with its spaces, is MZ
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
    from apmon.schemas.personal_data import find_personal_data
    from apmon.sync.tokens import issue_token

    settings, language = common.config_and_lang(config, lang)
    code, role = _token_owner(institution, coordinator, settings, language)
    # A token pasted into the label (the one being replaced, another office's) would be kept in clear and listed.
    if any(hit.kind == "token" for hit in find_personal_data(token_label)):
        raise fail(said("token.label_token", language, option="--label"), 2, language)
    with common.ledger_open(settings, language) as ledger:
        row, token = issue_token(ledger, code, role, token_label, dt.datetime.now(dt.UTC))
    holder = token_holder(code, language)
    out.print(
        said("token.issued", language, id=row.id, holder=holder, label=_label(token_label)),
        markup=False,
        highlight=False,
    )
    typer.echo(token)
    out.print(said("token.once", language, command="apmon token revoke"), markup=False)


@token_app.command("revoke")
def token_revoke(
    token_id: Annotated[
        int | None, typer.Option("--id", help="Revoke only this token: its Id as `apmon token list` shows it.")
    ] = None,
    institution: Annotated[
        str | None, typer.Option("--institution", "-i", help="Revoke every live token of this institution.")
    ] = None,
    coordinator: Annotated[bool, typer.Option("--coordinator", help="Revoke every live Coordinator token.")] = False,
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """Revoke one token by its Id, or every live token of an institution (or of the Coordinator); they stop
    working at once.

    Exit 1 when there was no live token to revoke.
    """
    settings, language = common.config_and_lang(config, lang)
    if [token_id is not None, bool(institution), coordinator].count(True) != 1:
        options = {"id": "--id", "institution": "--institution", "coordinator": "--coordinator"}
        raise fail(said("token.revoke_which", language, **options), 2, language)
    if token_id is not None:
        _revoke_one(token_id, settings, language)
        return
    from apmon.sync.ledger import COORDINATOR

    # The ledger is asked first: a token of a body no longer in the registry (removed, or the registry unreadable)
    # still opens `apmon serve`, and revoking it is never refused for that.
    code = COORDINATOR if coordinator else (institution or "").strip().upper()
    with common.ledger_open(settings, language) as ledger:
        revoked = ledger.revoke_tokens(code, dt.datetime.now(dt.UTC))
    holder = token_holder(code, language)
    if not revoked:
        _token_owner(institution, coordinator, settings, language)  # a code no one knows is said as one (a typo)
        raise fail(said("token.nothing_to_revoke", language, code=holder), lang=language)
    out.print(said("token.revoked", language, count=revoked, code=holder), highlight=False)


def _revoke_one(token_id: int, settings: Config, language: Lang) -> None:
    """One token revoked, the holder's others left working: a new Coordinator stops the predecessor's token
    without stopping their own."""
    from apmon.schemas.dates import moment_said

    with common.ledger_open(settings, language) as ledger:
        found = ledger.revoke_token(token_id, dt.datetime.now(dt.UTC))
    if found is None:
        raise fail(said("token.no_such_id", language, id=token_id, command="apmon token list"), lang=language)
    row, revoked_now = found
    named = {"id": row.id, "holder": token_holder(row.institution, language), "label": _label(row.label)}
    if not revoked_now:
        when = moment_said(row.revoked_at, language) if row.revoked_at else "?"
        raise fail(said("token.already_revoked", language, when=when, **named), lang=language)
    out.print(said("token.revoked_one", language, **named), markup=False, highlight=False)


def _label(label: str) -> str:
    return f" ({label})" if label else ""


@token_app.command("list")
def token_list(config: ConfigOption = None, lang: LangOption = None, as_json: JsonOption = False) -> None:
    """List the add-in tokens: holder, role, label, when issued and revoked (never the tokens themselves)."""
    from rich.table import Table

    from apmon.schemas.dates import moment_said

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
            moment_said(row.created_at, language),  # the Coordinator's clock, as ledger versions
            "" if row.revoked_at is None else moment_said(row.revoked_at, language),
        )
    common.print_table(table, language)
