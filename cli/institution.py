"""`apmon institution`: follow a Government reshuffle in the registry of institutions without editing YAML: list it,
rename a ministry, add a new partner, end an institution's reporting, remove one added by mistake. On a terminal a
value not given as an option is asked for (Cyrillic offered as the Latin transliterated); in a script every value is
an option."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, get_args

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, InstitutionsOption, JsonOption, LangOption, PlanOption, err, out, said

if TYPE_CHECKING:
    from apmon.schemas.plan import Plan
    from apmon.schemas.text import Lang
    from apmon.sync.config import Config
    from apmon.sync.ledger import Ledger
    from apmon.templates.registry_file import EditRefused, Entry, RegistryText

institution_app = typer.Typer(
    help="The registry of institutions after a Government reshuffle: list, rename, add, end, remove.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

CodeArgument = Annotated[str, typer.Argument(help="The institution's code, e.g. MUP (in either case: mup is MUP).")]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Show the change to the registry file (and apmon.toml); write nothing.")
]
NameOption = Annotated[
    str | None, typer.Option("--name", help="The name in Serbian, Latin script (the new name for rename).")
]
NameCyrlOption = Annotated[
    str | None,
    typer.Option("--name-cyrl", help="The name in Serbian, Cyrillic script. Default: the Latin transliterated."),
]
NameEnOption = Annotated[str | None, typer.Option("--name-en", help="The name in English.")]
GenitiveOption = Annotated[
    str | None,
    typer.Option("--genitive", help="The name in the genitive, Latin script (Ministarstva pravde), for the mails."),
]
GenitiveCyrlOption = Annotated[
    str | None,
    typer.Option("--genitive-cyrl", help="The genitive in Cyrillic script. Default: the Latin transliterated."),
]
ShortOption = Annotated[
    str | None, typer.Option("--short", help="A short form for narrow cells, Latin script. Default: none.")
]
ShortCyrlOption = Annotated[
    str | None,
    typer.Option("--short-cyrl", help="The short form in Cyrillic script. Default: the Latin transliterated."),
]
ShortEnOption = Annotated[
    str | None, typer.Option("--short-en", help="The short form in English. Default: the Latin short form.")
]


@institution_app.command("list")
def list_institutions(
    institutions: InstitutionsOption = None,
    config: ConfigOption = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the registry: each institution's code, kind, name, reporting months, the body it succeeds and former
    names."""
    from rich.table import Table

    from apmon.templates.plan_file import DataFileError, load_registry

    settings, language = common.config_and_lang(config, lang)
    try:
        registry = load_registry(institutions or settings.institutions)
    except DataFileError as exc:
        raise common.plan_error(exc, language) from exc
    if as_json:
        common.print_json([i.model_dump(mode="json", by_alias=True) for i in registry.institutions])
        return
    table = Table(title=str(institutions or settings.institutions or said("institution.shipped", language)))
    for column in ("code", "kind", "name", "from", "until", "succeeds", "former"):
        table.add_column(said(f"institution.col.{column}", language))
    for i in registry.institutions:
        former = "; ".join(
            said("institution.former", language, name=f.name.said(language), until=f.until) for f in i.former_names
        )
        months = (i.reports_from or "", i.reports_until or "")
        kind = said(f"institution.kind.{i.kind}", language)
        table.add_row(i.code, kind, i.display(language), *months, i.succeeds or "", former)
    common.print_table(table, language)


@institution_app.command("rename")
def rename(
    code: CodeArgument,
    since: Annotated[
        str | None, typer.Option("--since", help="The first day of the new name, YYYY-MM-DD (the Government's act).")
    ] = None,
    name: NameOption = None,
    name_cyrl: NameCyrlOption = None,
    name_en: NameEnOption = None,
    genitive: GenitiveOption = None,
    genitive_cyrl: GenitiveCyrlOption = None,
    short: ShortOption = None,
    short_cyrl: ShortCyrlOption = None,
    short_en: ShortEnOption = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
    institutions: InstitutionsOption = None,
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """A ministry renamed (same code, same duties): its name until the day before --since is kept in former_names,
    so the templates already handed out stay valid, and next month's template carries the new name.

    Exit 0 when written (or shown with --dry-run), 1 when refused, 2 when an option is missing or its value is wrong:
    nothing is changed then."""
    from apmon.templates.registry_file import renamed

    code = _code(code)
    edit = _Edit(plan, institutions, config, lang)
    day = _day(since, "--since", "since", edit.lang)
    names = _names(edit.lang, name, name_cyrl, name_en, ("--name", "--name-cyrl", "--name-en"), "name")
    genitive_forms = _genitive(edit.lang, genitive, genitive_cyrl)
    short_forms = _short(edit.lang, short, short_cyrl, short_en)
    old = next((e for e in edit.registry.entries if e.get("code") == code), {})
    for key, given, option in (("genitive", genitive_forms, "--genitive"), ("short", short_forms, "--short")):
        # removed, not kept: it names the old name; the reader (a script's author) learns how to give the new one
        if given is None and isinstance(old.get(key), dict):
            form = old[key].get(edit.lang) or old[key].get("sr-Latn")
            err.print(said("institution.form_removed", edit.lang, code=code, form=form, option=option), markup=False)
    edit.write(
        lambda entries, loaded: renamed(entries, code, loaded, day, names, genitive_forms, short_forms),
        said("institution.renamed", edit.lang, code=code, since=day, name=names[edit.lang]),
        dry_run,
    )


@institution_app.command("add")
def add(
    code: CodeArgument,
    first_month: Annotated[
        str | None, typer.Option("--from", help="The first month it reports for, YYYY-MM (within the plan).")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="ministry, authority, civil-society, local, council, coordinator, working-group."),
    ] = None,
    name: NameOption = None,
    name_cyrl: NameCyrlOption = None,
    name_en: NameEnOption = None,
    genitive: GenitiveOption = None,
    genitive_cyrl: GenitiveCyrlOption = None,
    short: ShortOption = None,
    short_cyrl: ShortCyrlOption = None,
    short_en: ShortEnOption = None,
    working_group_member: Annotated[
        bool | None,
        typer.Option(
            "--working-group-member/--not-working-group-member",
            help="A member of the Working Group (owes monthly reports). Default: asked on a terminal, else not.",
        ),
    ] = None,
    succeeds: Annotated[
        list[str] | None,
        typer.Option(
            "--succeeds",
            help="The code of the old ministry it succeeds (a ministry split in two), which reports until the month "
            "before --from. Default: none (on a terminal, asked whether it succeeds one). One only: a merger of two "
            "bodies is refused (docs/sync.md).",
        ),
    ] = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
    institutions: InstitutionsOption = None,
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """A new partner that joins the plan: it owes nothing for the months before --from. Name it then in the plan
    file among the partners (or lead) of its tasks. A successor of a ministry split in two (--succeeds, once the old
    one is ended with `apmon institution end`) takes over the old one's tasks and lines that the plan file moves to it.

    Exit 0 when written (or shown with --dry-run), 1 when refused, 2 when an option is missing or its value is wrong:
    nothing is changed then."""
    from apmon.schemas.institutions import CODE_PATTERN, InstitutionKind, succeeds_named
    from apmon.schemas.paper import month_words
    from apmon.templates.registry_file import EditRefused, added, succession_checked

    typed, code = code.strip(), _code(code)
    edit = _Edit(plan, institutions, config, lang)
    if not re.fullmatch(CODE_PATTERN, code):  # refused before any value is asked for or derived, said as typed
        raise common.usage_error(said("institution.bad_code", edit.lang, code=typed), edit.lang)
    month = _month(first_month, "--from", "from", edit.lang)
    # Given twice, the option kept the last code: a merger (one body taking over two) recorded as one succession.
    named = [_code(c) for given in succeeds or [] for c in succeeds_named(given)]
    if len(named) > 1:
        raise common.fail(said("invalid.succeeds_merger", edit.lang, code=code, predecessors=", ".join(named)), 1,
                          edit.lang)  # fmt: skip
    predecessor = named[0] if named else None
    if predecessor is None and _interactive() and _yes(said("institution.ask.succeeds_any", edit.lang), edit.lang):
        codes = [str(e.get("code")) for e in edit.registry.entries]
        listed_codes = ", ".join(codes)
        predecessor = _ask(
            None,
            "--succeeds",
            "succeeds",
            edit.lang,
            wrong=lambda text: (
                None
                if _code(text) in codes
                else said("institution.unknown_code", edit.lang, code=text, codes=listed_codes)
            ),
        )
        predecessor = _code(predecessor)
    if predecessor is not None:
        try:  # refused before the names are asked for: the old ministry is ended first
            succession_checked(edit.registry.entries, code, predecessor, month)
        except EditRefused as exc:
            raise _refused(exc, edit.lang) from exc
    kinds = get_args(InstitutionKind)
    listed = ", ".join(kinds)
    chosen = _ask(
        kind,
        "--kind",
        "kind",
        edit.lang,
        wrong=lambda text: (
            None
            if text in kinds
            else said("institution.bad_kind", edit.lang, option="--kind", value=text, kinds=listed)
        ),
        kinds=listed,
    )
    names = _names(edit.lang, name, name_cyrl, name_en, ("--name", "--name-cyrl", "--name-en"), "name")
    entry: dict[str, Any] = {"code": code, "kind": chosen, "name": names}
    entry |= {
        "short": _short(edit.lang, short, short_cyrl, short_en),
        "genitive": _genitive(edit.lang, genitive, genitive_cyrl),
    }
    if working_group_member is None:
        working_group_member = _interactive() and _yes(said("institution.ask.working_group", edit.lang), edit.lang)
    entry |= {"working_group_member": working_group_member, "reports_from": month, "succeeds": predecessor}
    entry["reports"] = True
    next_step = (
        said(
            "institution.add_next_successor",
            edit.lang,
            code=code,
            predecessor=predecessor,
            month=month_words(month, edit.lang, genitive=True),
        )
        if predecessor is not None
        else said("institution.add_next", edit.lang, code=code)
    )
    edit.write(
        lambda entries, loaded: added(entries, entry, loaded),
        said(
            "institution.added",
            edit.lang,
            code=code,
            name=names[edit.lang],
            month=month_words(month, edit.lang, genitive=True),
        ),
        dry_run,
        after=next_step,
    )


@institution_app.command("end")
def end(
    code: CodeArgument,
    until: Annotated[
        str | None, typer.Option("--until", help="The last month it reports for, YYYY-MM (within the plan).")
    ] = None,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
    institutions: InstitutionsOption = None,
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """An institution that stops reporting (abolished, or split in two): it owes nothing after --until, and what it
    sent until then stays counted.

    Exit 0 when written (or shown with --dry-run), 1 when refused, 2 when an option is missing or its value is wrong:
    nothing is changed then."""
    from apmon.schemas.paper import month_words
    from apmon.templates.registry_file import ended, tasks_naming

    code = _code(code)
    edit = _Edit(plan, institutions, config, lang)
    month = _month(until, "--until", "until", edit.lang)
    tasks = tasks_naming(edit.plan, code)
    after = said("institution.still_in_plan", edit.lang, code=code, tasks=", ".join(tasks)) if tasks else None
    edit.write(
        lambda entries, loaded: ended(entries, code, month, loaded, edit.where()),
        said("institution.ended", edit.lang, code=code, month=month_words(month, edit.lang)),
        dry_run,
        after=after,
    )


@institution_app.command("remove")
def remove(
    code: CodeArgument,
    dry_run: DryRunOption = False,
    plan: PlanOption = None,
    institutions: InstitutionsOption = None,
    config: ConfigOption = None,
    lang: LangOption = None,
) -> None:
    """An institution added by mistake leaves the registry. Refused, saying where, when the plan file names it, a
    successor succeeds it, the ledger holds a report of it or a mail sent to it (run `apmon institution end` then)
    or a valid add-in token of it (revoke it first), or apmon.toml gives it a contact or Google accounts. On a
    terminal the removal is confirmed first; in a script it is not asked.

    Exit 0 when written (or shown with --dry-run), 1 when refused or not confirmed, 2 when no institution has the
    code: nothing is changed then."""
    from apmon.templates.plan_file import DataFileError, places_naming
    from apmon.templates.registry_file import EditRefused, config_line, removal_checked, removed

    code = _code(code)
    edit = _Edit(plan, institutions, config, lang)
    try:
        removal_checked(edit.registry.entries, code, places_naming(edit.plan_file, code), edit.where())
    except EditRefused as exc:
        raise _refused(exc, edit.lang) from exc
    except DataFileError as exc:
        raise common.plan_error(exc, edit.lang) from exc
    for setting, table, named in (
        ("contact", "contacts", edit.settings.contacts),
        ("accounts", "google.accounts", edit.settings.google.accounts),
    ):
        if code in named:
            line = config_line(_read_or_empty(edit.config_file), table, code)
            where = f"{edit.config_file}:{line}" if line else str(edit.config_file)
            raise common.fail(
                said(f"institution.remove_has_{setting}", edit.lang, code=code, config=where), 1, edit.lang
            )
    with _ledger_if_made(edit) as ledger:  # said before the question on a terminal
        _refuse_what_the_ledger_holds(edit, code, ledger)
    name = next(e for e in edit.registry.entries if e.get("code") == code)["name"][edit.lang]
    asked = said("institution.ask.remove", edit.lang, code=code, name=name)
    if not dry_run and _interactive() and not _yes(asked, edit.lang):
        raise common.fail(said("institution.not_removed", edit.lang, code=code), 1, edit.lang)
    # A sync run under way read the registry with `code` in it and may record its report after the question above:
    # the removal holds the run's lock (refused while a run holds it), asks again and writes.
    with _ledger_if_made(edit) as ledger, ledger.lock() if ledger and not dry_run else nullcontext():
        _refuse_what_the_ledger_holds(edit, code, ledger)
        edit.write(
            lambda entries, _: removed(entries, code),
            said("institution.removed", edit.lang, code=code, name=name),
            dry_run,
        )


@contextmanager
def _ledger_if_made(edit: _Edit) -> Iterator[Ledger | None]:
    """The configured ledger for the block; None when it is not made yet (no SQLite file, or a PostgreSQL database
    without apmon's tables): asking, or a dry run, does not make it."""
    from apmon.sync.ledger import Ledger, LedgerError

    ledger_file = edit.settings.sync.ledger_file()
    try:
        made = ledger_file.exists() if ledger_file is not None else Ledger.made(edit.settings.sync.ledger_url())
    except LedgerError as exc:
        raise common.fail(exc.said(edit.lang), 1, edit.lang) from exc
    if not made:
        yield None
        return
    with common.ledger_open(edit.settings, edit.lang) as ledger:
        yield ledger


def _refuse_what_the_ledger_holds(edit: _Edit, code: str, ledger: Ledger | None) -> None:
    """An Error line, and exit 1, when the ledger holds a version of `code`'s reports or a mail sent to it (the
    history is kept under the code, so the institution is ended, not removed: its mails would be left to whichever
    body is given the code next) or a valid add-in token of it (`apmon serve` would still take it). A ledger not made
    yet (None) holds none of them."""
    if ledger is None:
        return
    versions, tokens, shown = ledger.versions(code, reports=False), ledger.tokens(), ledger.shown_url
    if versions:
        periods = [v.period for v in versions if v.period]
        fields = {"count": len(versions), **_periods_held(edit, periods)}
        raise common.fail(
            said("institution.remove_has_reports", edit.lang, code=code, ledger=shown, **fields), 1, edit.lang
        )
    if mails := ledger.mails(code):
        fields = {"count": len(mails), **_periods_held(edit, [m.period for m in mails])}
        raise common.fail(
            said("institution.remove_has_mails", edit.lang, code=code, ledger=shown, **fields), 1, edit.lang
        )
    live = [t.id for t in tokens if t.institution == code and t.role == "institution" and t.revoked_at is None]
    if live:
        ids = ", ".join(map(str, live))
        raise common.fail(
            said("institution.remove_has_token", edit.lang, code=code, ledger=shown, ids=ids), 1, edit.lang
        )


def _refused(exc: EditRefused, lang: Lang) -> typer.Exit:
    """An edit refused: exit 2 for a value typed wrong (a usage error), 1 for a refusal of the edit itself."""
    return common.usage_error(exc.said(lang), lang) if exc.typed_wrong else common.fail(exc.said(lang), 1, lang)


def _periods_held(edit: _Edit, periods: list[str]) -> dict[str, str]:
    """The periods the ledger holds something of (a report, a mail), said as a span, and the last month of them within
    the plan: the `--until` of the `apmon institution end` to run instead of the removal."""
    periods = sorted(set(periods))
    months = [p for p in periods if len(p) == len("2018-06")] or [f"{p[:4]}-12" for p in periods] or ["YYYY-MM"]
    # a report for a month after the plan's end (sent before the next plan is adopted): `end` takes the plan's last
    last_in_plan = min(months[-1], edit.plan.month_span()[1])
    said_periods = periods[0] if len(periods) <= 1 else f"{periods[0]} – {periods[-1]}"
    return {"periods": said_periods or "-", "month": last_in_plan}


class _Edit:
    """One edit of the registry: which file (the configured one, or a copy of the shipped one made and named in
    apmon.toml), the plan it is checked against, and the write."""

    def __init__(self, plan: Path | None, institutions: Path | None, config: Path | None, lang: str | None) -> None:
        from apmon.templates.plan_file import DEFAULT_INSTITUTIONS, DataFileError, load_plan_and_registry
        from apmon.templates.registry_file import read_text

        settings, self.lang = common.config_and_lang(config, lang)
        self.settings: Config = settings
        self.plan_file = plan or settings.plan
        shipped, configured = DEFAULT_INSTITUTIONS.resolve(), settings.institutions
        named = institutions or configured
        if named is not None and named.resolve() == shipped:
            named = None
        if named is None and configured is not None and configured.resolve() != shipped:
            # --institutions names the installed registry, apmon.toml a registry of its own: that is the one to edit
            message = said(
                "institution.shipped_not_edited",
                self.lang,
                config=Path(settings.file),
                file=configured,
                option="--institutions",
            )
            raise common.fail(message, 1, self.lang)
        self.path: Path = named or DEFAULT_INSTITUTIONS
        # The shipped registry is replaced by every upgrade of apmon: the edit goes into a copy beside apmon.toml.
        self.config_file = config or Path(settings.file)
        self.copy_to = None if named else self.config_file.parent / "institutions.yaml"
        if self.copy_to is not None and self.copy_to.exists():
            message = said("institution.copy_exists", self.lang, file=self.copy_to, config=self.config_file)
            raise common.fail(message, 1, self.lang)
        try:  # the registry as it is must be valid: an edit would otherwise be refused for another's mistake
            self.plan: Plan = load_plan_and_registry(self.plan_file, self.path, settings.sync.data_dir)[0]
            # what the edit is made from: the file is written only if it is still this (another edit meanwhile)
            self.old_bytes = self.path.read_bytes()
        except DataFileError as exc:
            raise common.plan_error(exc, self.lang) from exc
        decoded = self.old_bytes.decode("utf-8")
        # a registry saved on Windows (CRLF) is written back so: a diff with its backup shows only the change
        self.line_end = "\r\n" if "\r\n" in decoded else "\n"
        self.old_text = decoded.replace("\r\n", "\n")
        self.registry: RegistryText = read_text(self.old_text)

    def where(self) -> dict[str, str]:
        """Each institution's code -> the file and line its entry starts at, as the messages locate it."""
        return {code: f"{self.path}:{line}" for code, line in self.registry.entry_lines.items()}

    def write(
        self, change: Callable[[list[Entry], Plan], list[Entry]], done: str, dry_run: bool, after: str | None = None
    ) -> None:
        from apmon.templates.plan_file import DataFileError, write_whole
        from apmon.templates.registry_file import EditRefused, checked_write, config_naming, render, with_comments

        try:
            new_entries = change(self.registry.entries, self.plan)
        except EditRefused as exc:
            raise _refused(exc, self.lang) from exc
        text, lost = with_comments(self.registry, render(self.registry, new_entries))
        target = self.copy_to or self.path
        config_old = _read_or_empty(self.config_file) if self.copy_to else ""
        try:
            config_new = config_naming(config_old, self.copy_to.name, self.config_file) if self.copy_to else ""
        except EditRefused as exc:
            raise _refused(exc, self.lang) from exc
        was = None if self.copy_to else self.old_bytes  # the copy is new: one made meanwhile is another's
        data_dir = self.settings.sync.data_dir
        try:  # a dry run is checked too: it shows whether the change would be written
            written = text.replace("\n", self.line_end)
            backup = checked_write(target, written, self.plan_file, data_dir, was=was, replace=not dry_run)
            if self.copy_to and not dry_run:
                write_whole(self.config_file, config_new, newline="")
        except EditRefused as exc:
            raise _refused(exc, self.lang) from exc
        except DataFileError as exc:
            err.print(said("institution.refused", self.lang, file=target), markup=False, highlight=False)
            for problem in exc.errors:
                err.print(f"  {problem.said(self.lang)}", markup=False, highlight=False)
            raise typer.Exit(1) from exc
        except OSError as exc:
            raise common.fail(f"{target}: {common.os_reason(exc, self.lang)}", 1, self.lang) from exc
        if dry_run:
            said_dry_run = said("institution.dry_run", self.lang, option="--dry-run")
            out.print(said_dry_run, markup=False, highlight=False, soft_wrap=True)
            _diff(self.old_text, text, str(self.path), str(target))
            if self.copy_to:
                _diff(config_old, config_new, str(self.config_file), str(self.config_file))
        else:
            out.print(done, markup=False, highlight=False, soft_wrap=True)
            if self.copy_to:
                told = said(
                    "institution.copied", self.lang, file=target, config=self.config_file, setting="institutions"
                )
            else:
                told = said("institution.written", self.lang, file=target, backup=backup)
            out.print(told, markup=False, highlight=False, soft_wrap=True)
        # what the write means beyond the change, said by the dry run too: it is where the IT person decides
        if lost:
            lines = ", ".join(str(n) for n in lost)
            key = "institution.comments_would_be_lost" if dry_run else "institution.comments_lost"
            out.print(said(key, self.lang, file=self.path, lines=lines), markup=False, soft_wrap=True)
        if after:
            out.print(after, markup=False, highlight=False, soft_wrap=True)


def _code(given: str) -> str:
    """An institution's code as the registry writes it: " mup ", typed or pasted, is MUP (as `template build -i`,
    `token` and `ledger` take it)."""
    return given.strip().upper()


def _read_or_empty(path: Path) -> str:
    """The text of `path` with its own line ends (CRLF kept: the line added ends as the others), else ""."""
    if not path.exists():
        return ""
    with path.open(encoding="utf-8", newline="") as f:
        return f.read()


def _diff(old: str, new: str, old_name: str, new_name: str) -> None:
    lines = difflib.unified_diff(old.splitlines(True), new.splitlines(True), old_name, new_name, n=2)
    out.print("".join(lines), markup=False, highlight=False, end="")


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask(
    given: str | None,
    option: str,
    what: str,
    lang: Lang,
    default: str | None = None,
    wrong: Callable[[str], str | None] = lambda _: None,
    **fields: Any,
) -> str:
    """`given`, else asked for on a terminal (`default` offered), else `default`; with none, an Error line naming
    the option to give. `wrong` says what is wrong with a value (None: nothing): an answer is asked for again, an
    option's value is an Error line."""

    while given is None and _interactive():
        answer: str = typer.prompt(said(f"institution.ask.{what}", lang, **fields), default=default)
        if (problem := wrong(answer.strip())) is None:
            return answer.strip()
        err.print(said("cli.error", lang, message=problem), markup=False, highlight=False)
    if given is None and default is None:
        raise common.usage_error(said("institution.missing", lang, option=option), lang)
    value = (given if given is not None else str(default)).strip()
    if (problem := wrong(value)) is not None:
        raise common.usage_error(problem, lang)
    return value


_YES, _NO = {"da", "d", "да", "д", "yes", "y"}, {"ne", "n", "не", "н", "no"}


def _yes(question: str, lang: Lang) -> bool:
    """A yes or no asked on a terminal, in the reader's words (da / ne, да / не, yes / no); Enter: no."""
    yes, no = said("institution.yes", lang), said("institution.no", lang)
    while (answer := typer.prompt(f"{question} ({yes}/{no})", default=no).strip().lower()) not in _YES | _NO:
        err.print(said("cli.error", lang, message=said("institution.yes_or_no", lang, yes=yes, no=no)), markup=False)
    return answer in _YES


def _optional(given: str | None, what: str, lang: Lang) -> str | None:
    """An optional value: `given`, else asked for on a terminal (Enter: none), else none."""
    if given is not None or not _interactive():
        return given.strip() if given else None
    answer: str = typer.prompt(said(f"institution.ask.{what}", lang), default="", show_default=False)
    return answer.strip() or None


def _cyrillic(latin: str, given: str | None, option: str, what: str, lang: Lang) -> str:
    """The Cyrillic form: given, else the Latin transliterated, offered on a terminal to confirm or type over; in a
    script the derived text is said, with the option that corrects it."""
    from apmon.schemas.text import latin_to_cyrillic

    derived = latin_to_cyrillic(latin)
    if given is None and not _interactive():
        err.print(said("institution.cyrillic_derived", lang, text=derived, option=option), markup=False)
    return _ask(given, option, what, lang, default=derived)


def _names(
    lang: Lang, latn: str | None, cyrl: str | None, en: str | None, options: tuple[str, str, str], what: str
) -> dict[str, str]:
    latin = _ask(latn, options[0], f"{what}_latn", lang)
    cyrillic = _cyrillic(latin, cyrl, options[1], f"{what}_cyrl", lang)
    return {"sr-Latn": latin, "sr-Cyrl": cyrillic, "en": _ask(en, options[2], f"{what}_en", lang)}


def _genitive(lang: Lang, latn: str | None, cyrl: str | None) -> dict[str, str] | None:
    latin = _optional(latn, "genitive_latn", lang)
    if latin is None:
        return None
    return {"sr-Latn": latin, "sr-Cyrl": _cyrillic(latin, cyrl, "--genitive-cyrl", "genitive_cyrl", lang)}


def _short(lang: Lang, latn: str | None, cyrl: str | None, en: str | None) -> dict[str, str] | None:
    latin = _optional(latn, "short_latn", lang)
    if latin is None:
        return None
    cyrillic = _cyrillic(latin, cyrl, "--short-cyrl", "short_cyrl", lang)
    return {"sr-Latn": latin, "sr-Cyrl": cyrillic, "en": _ask(en, "--short-en", "short_en", lang, default=latin)}


def _day(given: str | None, option: str, what: str, lang: Lang) -> dt.date:
    def wrong(text: str) -> str | None:
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                dt.date.fromisoformat(text)
                return None
        except ValueError:
            pass
        return common.not_a_day(option, text, lang, "institution.bad_day")

    return dt.date.fromisoformat(_ask(given, option, what, lang, wrong=wrong))


def _month(given: str | None, option: str, what: str, lang: Lang) -> str:
    from apmon.schemas.institutions import MONTH_PATTERN

    def wrong(text: str) -> str | None:
        return (
            None
            if re.fullmatch(MONTH_PATTERN, text)
            else said("institution.bad_month", lang, option=option, value=text)
        )

    return _ask(given, option, what, lang, wrong=wrong)
