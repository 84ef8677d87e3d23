"""apmon's configuration: one TOML file, every setting optional.

With no file at all the defaults work. `apmon.toml` in the current folder is
read when no file is named.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from apmon.schemas.calendar import DeadlinePolicy, Period, PeriodError
from apmon.schemas.messages import is_marker_name
from apmon.schemas.said import Phrase, SaidValueError, os_reason, phrase_of, validation_reason
from apmon.schemas.text import Lang
from apmon.sync.contacts import Contact, check_address
from apmon.templates.google_settings import GoogleEndpoints, QuotaSettings, RetryPolicy
from apmon.templates.plan_file import DataFileError, LocatedError, located

DEFAULT_CONFIG_NAME = "apmon.toml"
REPORTS_FOLDER = "coordinator-reports"  # the briefs' folder, beside the master workbook unless [reports] folder
BACKUPS_FOLDER = "backups"  # the master's earlier copies, beside it (sync.writers)
MAX_PERSONAL_DATA_DAYS = 3650  # the longest personal_data_days: apmon.toml and `ledger purge-personal-data` alike


def _as_typed(path: Path) -> Path:
    # A control character in a path is a Windows backslash that TOML read as an escape: "D:\novi" in double quotes
    # is "D:" and a new line. Refused, so that no run looks for (or writes to) a folder nobody meant.
    if any(ord(character) < 32 for character in str(path)):
        raise SaidValueError("invalid.path_escape")
    return path


def _not_empty(value: object) -> object:
    # "" would be Path("."): the configuration's own folder, where the master and its backups are, read as reports
    if isinstance(value, str) and not value.strip():
        raise SaidValueError("invalid.path_empty")
    return value


TypedPath = Annotated[Path, BeforeValidator(_not_empty), AfterValidator(_as_typed)]  # a path from the configuration


class GoogleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    credentials: TypedPath | None = Field(
        default=None,
        description="Service-account JSON key; else $APMON_GOOGLE_CREDENTIALS or $GOOGLE_APPLICATION_CREDENTIALS.",
    )
    endpoints: GoogleEndpoints = GoogleEndpoints()
    retry: RetryPolicy = RetryPolicy()
    quota: QuotaSettings = QuotaSettings()
    timeout: float = Field(
        default=60.0, gt=0, description="Seconds a Google request may take; a slower one is retried like a 5xx."
    )
    folder: str | None = Field(default=None, description="Drive folder id for templates and reports.")
    accounts: dict[str, list[str]] = Field(
        default_factory=dict, description="Institution code -> Google accounts its templates are shared with."
    )


class SyncSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    data_dir: TypedPath = Field(default=Path("apmon-data"), description="Where the defaults below live.")
    folder: TypedPath | None = Field(default=None, description="Folder of report files; default <data_dir>/reports.")
    recursive: bool = Field(default=True, description="Also look in subfolders.")
    google_folder: str | None = Field(default=None, description="Drive folder of the institutions' Google Sheets.")
    ledger: str | None = Field(default=None, description="SQLAlchemy URL; default SQLite <data_dir>/ledger.sqlite.")
    master: TypedPath | None = Field(default=None, description="Master workbook; default <data_dir>/master.xlsx.")
    google_master: str | None = Field(
        default=None, description="Spreadsheet id of a master Google Sheet to refresh too."
    )
    backups: int = Field(default=3, ge=0, le=100, description="Previous masters kept in backups/.")
    first_period: str = Field(default="2017-09", description="First month shown in the master.")
    last_period: str | None = Field(
        default=None, description="Last month shown; default the month before today, at most the plan's last month."
    )
    as_of: dt.date | None = Field(
        default=None,
        description="The day the master is worked out for (deadlines passed, reports late, tasks overdue); default "
        "today. The demo sets the day after its reports. Set, a run sends no e-mail and no brief.",
    )
    eur_to_rsd: dict[int, Decimal] = Field(
        default_factory=dict, description="EUR->RSD rate per year for converted totals."
    )
    master_lang: Lang = Field(
        default="sr-Latn", description="Language of the master's sheets: sr-Latn (the default), sr-Cyrl or en."
    )
    schedule: str = Field(default="0 7 * * 1-5", description="Cron expression for `apmon sync schedule`.")
    personal_data_days: int = Field(
        default=30,
        ge=0,
        le=MAX_PERSONAL_DATA_DAYS,
        description="Days the content of a report refused for personal data is kept to show the problem, then purged "
        "(the record that it happened stays).",
    )
    refused_mb_per_day: int = Field(
        default=20,
        ge=0,
        le=100_000,
        description="MB of refused files' content kept a day for each institution's folder (the rest of the reports "
        "folder shares one such allowance, each Google spreadsheet has its own); a refused file beyond it is recorded "
        "without its content. Valid reports are always kept whole.",
    )
    submitted_mb_per_day: int = Field(
        default=20,
        ge=1,
        le=100_000,
        description="MB of content the add-in's Submits of one institution may store in the ledger a day (Belgrade "
        "time); once a day's Submits have stored that much, its further Submits that day are refused (HTTP 429) and "
        "store nothing. An honest report stores well under 1 MB; Validate is not limited.",
    )
    addin_calls_per_minute: int = Field(
        default=30,
        ge=1,
        le=10_000,
        description="Validate and Submit calls one add-in token may make in any minute; past it a call is refused "
        "(HTTP 429) until the oldest of that minute's calls is a minute old. A person clicking makes a few; everyone "
        "using the same token (a Google spreadsheet's editors, one token pasted on several computers) counts.",
    )
    refused_days: int = Field(
        default=90,
        ge=0,
        le=3650,
        description="Days a refused file keeps its content in the ledger, to look into it again, then purged as "
        "personal data is (the record that it came, when, from which file and why it was refused stays).",
    )
    wait_for_lock: bool = Field(default=False, description="Wait for a running sync instead of exiting.")
    workers: int = Field(
        default=0,
        ge=0,
        le=64,
        description="Processes that read and check many changed files at once, the sync process among them; 0: one "
        "per CPU core (up to 4); 1: the sync process alone.",
    )

    @field_validator("master")
    @classmethod
    def _an_xlsx(cls, value: Path | None) -> Path | None:
        # An xlsx written under another name: Excel opens a .csv as text and refuses an .xlsm without its macro part
        if value is not None and value.suffix.lower() != ".xlsx":
            raise SaidValueError("invalid.master_suffix")
        return value

    @field_validator("first_period", "last_period")
    @classmethod
    def _a_month(cls, value: str | None, info: ValidationInfo) -> str | None:
        """A month, YYYY-MM; the last not before the first. Checked here, where the configuration is read: a run
        stopped by it half-way, or writing a master of no months, says nothing of where the mistake is."""
        if value is None:
            return None
        try:
            period = Period.parse(value)
        except PeriodError as exc:
            raise SaidValueError(exc.key, **exc.fields) from exc
        if period.month is None:
            raise SaidValueError("invalid.period_not_month", value=value)
        first = info.data.get("first_period")
        if info.field_name == "last_period" and first and str(period) < first:
            raise SaidValueError("invalid.period_before_first", value=value, first=first)
        return str(period)

    def reports_folder(self) -> Path:
        return self.folder or self.data_dir / "reports"

    def master_path(self) -> Path:
        return self.master or self.data_dir / "master.xlsx"

    def ledger_url(self) -> str:
        return self.ledger or f"sqlite:///{(self.data_dir / 'ledger.sqlite').as_posix()}"

    def ledger_file(self) -> Path | None:
        """The ledger's SQLite file (as SQLite opens it: ledger.database.sqlite_file); None for a ledger on a server."""
        url = self.ledger_url()
        if not url.startswith("sqlite:///"):
            return None
        if "?" not in url:  # the plain form: told without loading the ledger's modules (the sync's head start)
            return Path(url.removeprefix("sqlite:///"))
        from apmon.sync.ledger.database import sqlite_file  # options, or SQLAlchemy's URI form: as SQLite reads them

        return sqlite_file(url)


class MailSettings(BaseModel):
    """E-mail reminders and feedback (docs/reminders.md). The password is never written here: it comes from
    $APMON_SMTP_PASSWORD or `password_file`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    host: str | None = Field(default=None, description="SMTP server; no mail is sent while unset.")
    port: int | None = Field(default=None, ge=1, le=65535, description="Default 587 (starttls), 465 (smtps), 25.")
    security: Literal["starttls", "smtps", "none"] = Field(
        default="starttls", description="starttls, smtps, or none (only for a relay on this machine)."
    )
    ca_file: TypedPath | None = Field(default=None, description="CA certificates to trust for the server (PEM).")
    sender: str | None = Field(default=None, alias="from", description="The From address.")
    user: str | None = Field(default=None, description="SMTP user; $APMON_SMTP_USER wins.")
    password_file: TypedPath | None = Field(
        default=None, description="File holding the SMTP password (outside the repository); $APMON_SMTP_PASSWORD wins."
    )
    timeout: float = Field(default=30.0, gt=0, description="Seconds the SMTP server may take to answer.")
    after_sync: bool | None = Field(
        default=None, description="Send at the end of every sync run; default: yes when host is set."
    )
    remind_days: int = Field(default=3, ge=0, le=20, description="Remind this many working days before a deadline.")
    late_days: int = Field(
        default=5, ge=1, le=20, description="Working days after a deadline the late notice may still go out."
    )
    feedback_days: int = Field(
        default=7, ge=1, le=90, description="Problems and receipts for versions received in this many days."
    )

    contact: str | None = Field(
        default=None,
        description="Whom the institutions may call or write to with a question (a name, a phone, an address): "
        "the last line of every mail.",
    )

    @model_validator(mode="before")
    @classmethod
    def _no_password(cls, data: Any) -> Any:
        if isinstance(data, dict) and "password" in data:
            raise SaidValueError("invalid.smtp_password")
        return data

    @field_validator("sender")
    @classmethod
    def _sender(cls, value: str | None) -> str | None:
        return None if value is None else check_address(value)

    @property
    def sends_after_sync(self) -> bool:
        return bool(self.host) if self.after_sync is None else self.after_sync


class ReportSettings(BaseModel):
    """The Coordinator's reports made by the scheduled sync (docs/reports.md)."""

    model_config = ConfigDict(extra="forbid")

    minister_after_deadline: bool = Field(
        default=False,
        description="After each sync, issue the Minister's brief for the month before once its reports' deadline "
        "has passed (once per month).",
    )
    days_after_deadline: int = Field(
        default=1, ge=1, le=60, description="Calendar days after the monthly deadline the brief waits for."
    )
    lang: Lang | None = Field(default=None, description="Language of the briefs; default the master's, else sr-Latn.")
    folder: TypedPath | None = Field(
        default=None, description="Where they go; default coordinator-reports/ by the master."
    )
    coordinator: str | None = Field(
        default=None,
        description="The name the Coordinator's decisions are recorded under when `--by` is not given (`apmon task "
        "status`, `apmon evaluation set`); default the computer's user name, which after a handover may still be "
        "the predecessor's.",
    )

    @field_validator("coordinator")
    @classmethod
    def _not_a_marker(cls, value: str | None) -> str | None:
        """Not one of apmon's markers: what is recorded under it would be read as the unattended sync's or as typed
        on the master."""
        if value is not None and is_marker_name(value):
            raise SaidValueError("invalid.sync_name", value=value.strip())
        return value

    def coordinator_name(self) -> str:
        """Whom a decision or an issued report is recorded under: `coordinator`, else the computer's user name (after
        a handover the account, and so the user name, may still be the predecessor's)."""
        import getpass

        return self.coordinator or getpass.getuser()


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    plan: TypedPath | None = Field(default=None, description="Plan file; the shipped Action Plan 2017-2018 if unset.")
    institutions: TypedPath | None = Field(default=None, description="Institution registry; the shipped one if unset.")
    deadlines: DeadlinePolicy = DeadlinePolicy()
    google: GoogleSettings = GoogleSettings()
    sync: SyncSettings = SyncSettings()
    mail: MailSettings = MailSettings()
    reports: ReportSettings = ReportSettings()
    contacts: dict[str, Contact] = Field(
        default_factory=dict, description="Institution code -> its e-mail addresses (to, cc) and language."
    )
    _file: str = PrivateAttr(default=DEFAULT_CONFIG_NAME)  # where it was read from, to name in messages
    _loaded: bool = PrivateAttr(default=False)  # made by load_config (from `_file`, or the defaults: none there)

    def written_by_apmon(self) -> tuple[Path, ...]:
        """The files and folders apmon writes beside the master: never reports, so a reports folder that holds them
        (data_dir and folder one folder) does not read them. The master, its Excel-open sibling, its backups and
        the Coordinator's reports: `apmon report` writes them beside the master whatever [reports] folder names
        for the sync's briefs."""
        master = self.sync.master_path()
        briefs = (master.parent / REPORTS_FOLDER, *([self.reports.folder] if self.reports.folder else []))
        return (master, master.with_name(f"{master.stem}.apmon.xlsx"), master.parent / BACKUPS_FOLDER, *briefs)

    @property
    def file(self) -> str:
        return self._file

    @property
    def loaded(self) -> bool:
        """Whether load_config made it (from its file, or the defaults when there was none), not code."""
        return self._loaded


def load_config(path: Path | None = None) -> Config:
    """Read `path`, or ./apmon.toml when it exists, or return the defaults."""
    if path is None:
        default = Path(DEFAULT_CONFIG_NAME)
        if not default.exists():
            defaults = Config()
            defaults._loaded = True
            return defaults
        path = default
    file = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFileError([located(file, "config.not_found")]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError([_toml_error(file, exc)]) from exc
    except UnicodeDecodeError as exc:  # saved as ANSI (Windows-1250) by an older Notepad, say
        raise DataFileError([located(file, "config.not_toml", detail=Phrase("toml.not_utf8"))]) from exc
    except OSError as exc:  # a folder in its place, a file this user may not read
        raise DataFileError([located(file, "datafile.unreadable", reason=os_reason(exc))]) from exc
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise DataFileError([_config_error(file, err) for err in exc.errors()]) from exc
    # Relative paths in the file are relative to the file, not to where apmon runs.
    base = path.parent
    updates: dict[str, object] = {
        k: base / v for k in ("plan", "institutions") if (v := getattr(config, k)) and not v.is_absolute()
    }
    credentials = config.google.credentials
    if credentials and not credentials.is_absolute():
        updates["google"] = config.google.model_copy(update={"credentials": base / credentials})
    sync_paths = {
        k: base / v for k in ("data_dir", "folder", "master") if (v := getattr(config.sync, k)) and not v.is_absolute()
    }
    if sync_paths:
        updates["sync"] = config.sync.model_copy(update=sync_paths)
    mail_paths = {
        k: base / v for k in ("ca_file", "password_file") if (v := getattr(config.mail, k)) and not v.is_absolute()
    }
    if mail_paths:
        updates["mail"] = config.mail.model_copy(update=mail_paths)
    briefs = config.reports.folder
    if briefs and not briefs.is_absolute():
        updates["reports"] = config.reports.model_copy(update={"folder": base / briefs})
    loaded = config.model_copy(update=updates)
    loaded._file, loaded._loaded = file, True
    return loaded


# What tomllib says (in English, with where it found it) -> the catalogue's phrase for it, by the words it holds
_TOML_PROBLEMS = (
    ("Invalid value", "toml.invalid_value"),
    ("Expected '=' after a key", "toml.expected_equals"),
    ("Cannot overwrite a value", "toml.key_twice"),
    ("Cannot declare", "toml.table_twice"),
    ("Illegal character '\\n'", "toml.unterminated"),
    ("Unterminated string", "toml.unterminated"),
    ("Unescaped '\\'", "toml.backslash"),
    ("Invalid hex value", "toml.backslash"),
    ("Escaped character is not", "toml.backslash"),
    ("Unclosed array", "toml.unclosed_array"),
    ("Invalid statement", "toml.invalid_statement"),
    ("Expected newline or end of document", "toml.one_per_line"),
    ("Expected ']' at the end of a table", "toml.unclosed_table"),
    ("Invalid date or datetime", "toml.invalid_date"),
)
_TOML_WHERE = re.compile(r" \(at line (\d+), column \d+\)$| \(at end of document\)$")


def _toml_error(file: str, exc: tomllib.TOMLDecodeError) -> LocatedError:
    """A configuration that is not valid TOML: the line tomllib names, and what is wrong in the reader's words
    where the catalogue has them (tomllib's English otherwise)."""
    text = str(exc)
    where = _TOML_WHERE.search(text)
    line = int(where[1]) if where and where[1] else None
    problem = text[: where.start()] if where else text
    return located(file, "config.not_toml", line=line, detail=phrase_of(problem, _TOML_PROBLEMS))


_SECRET_WORDS = ("pas", "pwd", "secret", "token", "key", "lozink")  # "pas": password, and a misspelt "pasword"


def _config_error(file: str, err: ErrorDetails) -> LocatedError:
    path = ".".join(str(p) for p in err["loc"])
    if err["type"] == "missing":
        return located(file, "config.missing", path=path)
    # A whole table is not shown: it is long, and [mail] may hold what must never be printed. Nor is the value of a
    # setting named like a secret (a password under a misspelt name, say).
    secret = any(word in path.lower() for word in _SECRET_WORDS)
    found = None if secret or isinstance(err.get("input"), dict) else repr(err.get("input"))
    return located(file, "config.invalid", path=path, found=found, detail=validation_reason(err))
