"""What every command shares: the consoles, the common options, errors as `Error: ...` lines, progress bars."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

# A command imports the library it uses inside its function, so that each command loads only what it needs
# (`apmon validate` no database, Google, numpy or PDF code; `apmon --help` almost nothing): start-up is most of
# a command's time. Names used in annotations only are imported for the type checker.
if TYPE_CHECKING:
    import datetime as dt

    from pydantic import BaseModel
    from rich.table import Table
    from rich.text import Text

    from apmon.schemas.calendar import Period
    from apmon.schemas.institutions import InstitutionRegistry
    from apmon.schemas.plan import Plan
    from apmon.schemas.text import Lang
    from apmon.sync.config import Config
    from apmon.sync.ledger import Ledger
    from apmon.sync.run import Progress as Progress_
    from apmon.templates.plan_file import DataFileError

# What a terminal acts on instead of showing: the control characters (ESC begins the sequences that clear the screen,
# move the cursor over lines already printed, set the window's title or the clipboard) but the tab and the line feed,
# the C1 controls, and the marks that turn the direction of the text (U+202E shows "exe.xlsx" as "xslx.exe").
_ACTED_ON = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class _Console(Console):
    """A console that shows every text as text: what a report's cell or a sheet's name holds (quoted in a problem,
    an e-mail shown by `remind --dry-run`) reaches the terminal with each such character as a space, and a `:x:` in
    it as typed (no emoji: rich's table of their codes is not loaded either)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(emoji=False, **options)

    # A console that is no terminal (cron's mail, a systemd journal, `> sync.log 2>&1`) would wrap every text at 80
    # columns, and a log reader or grep could not join a message's parts again: there each text is one line.
    @property
    def soft_wrap(self) -> bool:
        return self._soft_wrap or not self.is_terminal

    @soft_wrap.setter
    def soft_wrap(self, value: bool) -> None:
        self._soft_wrap = value

    def render_str(self, text: str, **options: Any) -> Text:
        return super().render_str(_ACTED_ON.sub(" ", text), **options)


out = _Console()
err = _Console(stderr=True, soft_wrap=True)
PROGRESS_REFRESH_SECONDS = 0.1  # a progress bar is drawn at most this often

PlanOption = Annotated[
    Path | None, typer.Option("--plan", help="Plan file (YAML). Default: the shipped Action Plan 2017-2018.")
]
InstitutionsOption = Annotated[
    Path | None, typer.Option("--institutions", help="Institution registry (YAML). Default: the shipped one.")
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="Configuration file (TOML). Default: ./apmon.toml if present.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as one JSON object.")]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of what is printed: sr-Latn, sr-Cyrl or en. Default: the configuration's [sync] master_lang, "
        "else sr-Latn.",
    ),
]


def said(key: str, lang: Lang, **fields: Any) -> str:
    """The catalogue's text `key` in `lang` (the catalogue is loaded when a command first speaks)."""
    from apmon.schemas.messages import text_of

    return text_of(key, lang, **fields)


def institution_said(institution: str | None, unknown: str | None, lang: Lang) -> str:
    """An institution cell of a table of files: its code; for a file refused because the registry lacks the code its
    hidden sheet names, that code said as unknown to the registry; "?" for a file that names none."""
    if institution:
        return institution
    return said("sync.institution_unknown", lang, code=unknown) if unknown else "?"


def os_reason(error: OSError, lang: Lang) -> str:
    """Why the operating system refused, in `lang` where the catalogue has it (schemas.said.os_reason)."""
    from apmon.schemas.said import os_reason as reason

    found = reason(error)
    return found if isinstance(found, str) else found.said(lang)


def fail(message: str, code: int = 1, lang: Lang = "sr-Latn") -> typer.Exit:
    """`message` as one `Error: ...` line on stderr (its prefix in `lang`), and the exit to raise."""
    err.print(said("cli.error", lang, message=message), markup=False, highlight=False)
    return typer.Exit(code)


def usage_error(message: str, lang: Lang = "sr-Latn") -> typer.Exit:
    """A value typed on the command line that the option refuses, or an option missing: said as `fail` does, exit 2,
    the code click gives a usage error, so a script tells a mistyped command (2) from a refusal (1)."""
    return fail(message, 2, lang)


UNBOUNDED_WIDTH = 100_000


def print_table(table: Table, lang: Lang = "sr-Latn") -> None:
    """A table printed whole. A console that is no terminal (a file, a pipe) is 80 columns wide, and a wider table
    would lose its right-hand columns: there it is printed at its own width. In a terminal it is as wide as the
    window, and a table cut there says so (on stderr) in `lang`."""
    unbounded = out.options.update_width(UNBOUNDED_WIDTH)  # measured against the console's width, it would fit it
    least, whole = out.measure(table, options=unbounded)  # its texts wrapped as far as they wrap, and not at all
    width = out.width
    if out.is_terminal:
        out.print(table)
        if least > width:
            err.print(said("table.wider_than_window", lang, width=least, window=width), markup=False, highlight=False)
        return
    out.width = max(width, whole)
    try:
        out.print(table)
    finally:
        out.width = width


# What a terminal obeys or turns around beyond the C0 controls json.dumps escapes itself: DEL and the C1 controls
# (U+009B is CSI, as ESC [ is), format characters (direction marks and overrides, zero-width ones), line and paragraph
# separators, and lone surrogates, which no terminal encoding can write. Unicode's Cc, Cf, Zl, Zp and Cs above U+001F.
_TERMINAL_UNSAFE = re.compile(
    "[\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def _json_escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON writes a character beyond the BMP as its UTF-16 pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def terminal_safe_json(payload: Any) -> str:
    """JSON as json.dumps writes it, letters of any script as they are, but with every character a terminal would
    obey as a command or that turns text around as a \\u escape: the same JSON to a reader. Such characters occur
    only inside strings, where an escape means the character itself."""
    return _TERMINAL_UNSAFE.sub(_json_escape, json.dumps(payload, indent=2, ensure_ascii=False))


def print_json(data: BaseModel | dict[str, Any] | list[dict[str, Any]]) -> None:
    from pydantic import BaseModel

    payload = data.model_dump(mode="json") if isinstance(data, BaseModel) else data
    typer.echo(terminal_safe_json(payload))


def decided_by(given: str | None, settings: Config) -> str:
    """The name a Coordinator's decision is recorded under: --by, else `[reports] coordinator`, else the user name
    (after a handover the computer account, and so the user name, may still be the predecessor's)."""
    return given or settings.reports.coordinator_name()


def config(path: Path | None, lang: Lang = "sr-Latn") -> Config:
    """The configuration; one that cannot be used is one Error line (in `lang`: it has no master_lang to say)."""
    from apmon.sync.config import load_config
    from apmon.templates.plan_file import DataFileError

    try:
        return load_config(path)
    except DataFileError as exc:
        raise fail(exc.said(lang), lang=lang) from exc


def lang(value: str) -> Lang:
    from apmon.schemas.text import LANGS

    for known in LANGS:
        if value == known:
            return known
    raise fail(said("cli.lang", "sr-Latn", option="--lang", langs=", ".join(LANGS), value=value), 2)


def config_and_lang(path: Path | None, option: str | None) -> tuple[Config, Lang]:
    """The configuration and the language a command prints in, the same for every command: --lang when given,
    else the configuration's [sync] master_lang (sr-Latn unless set)."""
    chosen = lang(option) if option is not None else None
    settings = config(path, chosen or "sr-Latn")
    return settings, chosen or settings.sync.master_lang


def period(text: str, kind: str | None, lang: Lang = "sr-Latn") -> Period:
    """The period, checked against --kind when given."""
    from apmon.schemas.calendar import Period, PeriodError

    try:
        parsed = Period.parse(text)
    except PeriodError as exc:
        raise fail(said(exc.key, lang, **exc.fields), 2, lang) from exc
    if kind is not None and kind not in ("monthly", "annual"):
        raise fail(said("cli.kind", lang, option="--kind", monthly="monthly", annual="annual", value=kind), 2, lang)
    if kind is not None and kind != parsed.kind:
        raise fail(said(f"cli.kind.{kind}", lang, value=text), 2, lang)
    return parsed


def not_a_day(option: str, value: str, lang: Lang, key: str = "cli.not_a_date") -> str:
    """What is wrong with `value`, refused by `option` as a day: one written as YYYY-MM-DD that no calendar has
    (2018-02-30) is said not to exist, since its form is right; anything else is said by `key`, with the form."""
    import datetime as dt

    found = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if found and 1 <= int(found[2]) <= 12:
        try:
            dt.date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            month = f"{found[1]}-{found[2]}"
            return said("cli.no_such_day", lang, option=option, value=value, month=month, day=int(found[3]))
    return said(key, lang, option=option, value=value)


def kept_day(day: dt.date, option: str, value: str, lang: Lang = "sr-Latn") -> dt.date:
    """`day`, given as `value` to `option`, when its year is one a period can be in; else the usage error (year 1
    or 9999 passes the parse, then a day's arithmetic overflows or a Period refuses it in pydantic's English)."""
    from apmon.schemas.calendar import FIRST_YEAR, LAST_YEAR

    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        message = said("cli.day_out_of_range", lang, option=option, value=value, first=FIRST_YEAR, last=LAST_YEAR)
        raise fail(message, 2, lang)
    return day


def plan_error(exc: DataFileError, lang: Lang = "sr-Latn") -> typer.Exit:
    return fail(said("cli.plan_unusable", lang) + "\n" + exc.said(lang, "  "), lang=lang)


def load_plan_and_registry(
    plan: Path | None, institutions: Path | None, settings: Config, lang: Lang | None = None
) -> tuple[Plan, InstitutionRegistry]:
    """The plan and the registry; errors in `lang`, by default the configuration's master_lang."""
    # Not through sync.service: that module brings the whole sync (database, Google, workbooks) with it.
    from apmon.templates.plan_file import DataFileError, load_plan_and_registry

    try:
        return load_plan_and_registry(
            plan or settings.plan, institutions or settings.institutions, settings.sync.data_dir
        )
    except DataFileError as exc:
        raise plan_error(exc, lang or settings.sync.master_lang) from exc


def ledger(settings: Config, lang: Lang | None = None) -> Ledger:
    from apmon.sync.ledger import LedgerError
    from apmon.sync.service import open_ledger

    try:
        return open_ledger(settings, lang)
    except LedgerError as exc:
        language = lang or settings.sync.master_lang
        raise fail(exc.said(language), lang=language) from exc


@contextmanager
def ledger_open(settings: Config, lang: Lang | None = None) -> Iterator[Ledger]:
    """The configured ledger for the block, closed after it; a ledger that cannot be opened, or fails in the block
    (LedgerError), is one Error line."""
    from apmon.sync.ledger import LedgerError

    opened = ledger(settings, lang)
    try:
        yield opened
    except LedgerError as exc:
        language = lang or settings.sync.master_lang
        raise fail(exc.said(language), lang=language) from exc
    finally:
        opened.close()


@contextmanager
def plan_and_ledger(settings: Config, lang: Lang | None = None) -> Iterator[tuple[Plan, InstitutionRegistry, Ledger]]:
    """The configured plan and registry (loaded first: a broken plan leaves the ledger unopened) and the ledger
    for the block, closed after it."""
    plan, registry = load_plan_and_registry(None, None, settings, lang)
    with ledger_open(settings, lang) as opened:
        yield plan, registry, opened


def empty_ledger_warning(ledger: Ledger, key: str, lang: Lang) -> str | None:
    """`key`'s warning, naming the ledger and --config, when the ledger holds no report: most often a forgotten
    --config, in a folder of no apmon.toml, where the command has just made a ledger of its own."""
    return None if ledger.holds_versions() else said(key, lang, ledger=ledger.shown_url, option="--config")


def warn(warning: str | None) -> None:
    if warning:
        err.print(warning, markup=False, highlight=False)


def holidays_unknown(
    years: Iterable[int], lang: Lang, option: str | None = None, given: Iterable[dt.date] = ()
) -> str | None:
    """schemas.calendar.holidays_unknown's warnings as one text for stderr, or None."""
    from apmon.schemas.calendar import holidays_unknown

    return "\n".join(holidays_unknown(years, lang, option, given)) or None


@contextmanager
def live_progress(quiet: bool) -> Iterator[Progress_ | None]:
    """A progress bar on stderr driven by (what, done, total) callbacks; none where stderr is a file or a pipe (a
    scheduled job's log): a bar is never seen drawing there, and its end left an empty line in it."""
    if quiet or not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # Refreshed by the updates, not by rich's timer thread: a sync with no other thread may fork its workers.
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        auto_refresh=False,
    ) as bar:
        tasks: dict[str, Any] = {}
        shown = 0.0  # when the bar was last drawn

        def update(what: str, done: int, total: int) -> None:
            nonlocal shown
            if what not in tasks:
                tasks[what] = bar.add_task(what, total=total)
            bar.update(tasks[what], completed=done, total=total)
            # Drawn at most ten times a second: a drawing takes about a millisecond, a file a few.
            if done == total or time.monotonic() - shown >= PROGRESS_REFRESH_SECONDS:
                bar.refresh()
                shown = time.monotonic()

        yield update


@contextmanager
def progress(total: int, label: str, quiet: bool = False) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr for work of more than a few items; silent for --json, single items, and where
    stderr is a file or a pipe (live_progress)."""
    if quiet or total < 3 or not err.is_terminal:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)
