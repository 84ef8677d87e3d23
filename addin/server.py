"""The add-in server: a plain FastAPI app in front of the three add-in functions.

Why plain FastAPI and not xlwings-server: xlwings-server imports a `custom_scripts` module and calls any of
its public callables by name, so every helper that module imports becomes an endpoint; here a fixed table
maps exactly three names (validate, submit, consolidate) to their functions and anything else is a 404,
never a dynamic getattr. Authentication (institution and Coordinator tokens, hashed in the ledger), the
request size limit and the error answers are ours, in a few lines we test, rather than settings of a
framework-sized app. And it is one dependency less to pin, audit and license.

Endpoints:

- `POST /xlwings/custom-scripts-call/{name}`, name in validate / submit / consolidate: xlwings Server's
  convention, so xlwings' own clients (Office.js, Google Apps Script, VBA `RunServerPython`) call it
  unchanged. Body: the client's JSON payload (xlwings client version pinned to the server's). Answer:
  `{"actions": [...]}`, the actions the client applies to the workbook. Each sheet's merged ranges come in the
  payload from apmon.js, and in the header `X-Apmon-Merged` from apmon.gs and apmon.bas (xlwings' payload there has
  no place for them).
- `GET /health`: `{"status": "ok"}`.
- `/addin/...`: the client files of `addin/clients/` (manifest, task pane), when that folder exists.

Authentication: header `Authorization: Bearer <token>`. Every xlwings client sends its `auth` argument (or
the AUTH setting of its xlwings.conf) verbatim as the Authorization header, so `auth` is "Bearer <token>":
VBA `RunServerPython(url, auth:="Bearer " & token)`, Apps Script `runPython(url, {auth: "Bearer " + token})`,
Office.js `runPython(url, {auth: "Bearer " + token})` or a `globalThis.getAuth` returning it. The header is
read by the rule of RFC 9110 section 11 and RFC 6750 section 2.1, nothing looser:

- exactly one Authorization field: two fields, or one holding a comma-separated list, are refused;
- `auth-scheme 1*SP credential`: the scheme `Bearer` in any case (`bearer`, `BEARER`: schemes are
  case-insensitive), then one or more spaces (SP only: a tab is refused), then the token;
- the token is one b64token (ASCII letters, digits and `-._~+/`, then optional `=`), at most 512 characters,
  with nothing after it (apmon's tokens are `apmon_` and 43 URL-safe characters). Whitespace around the whole
  value is not part of it (HTTP's OWS) and is ignored.

Anything else is a 401, as is an unknown or revoked token; an institution token may validate and submit only
a workbook whose `_apmon` institution is its own (403 otherwise); consolidate needs the Coordinator's token
(403). Failed attempts are counted per client address and per token prefix (the sha256 of its first 8
characters): after `max_failures` within `failure_window` (10 in 5 minutes) every call from that address or
with that prefix is a 429 with Retry-After until the oldest counted failure is older than the window, unless it
carries a known token: many offices share an address (a ministry's NAT, Google's Apps Script servers), and a
few wrong tokens from it must not lock out everyone else there. A success resets nothing. The client address
is the TCP peer, or, only when the peer is one of `trusted_proxies`, the last X-Forwarded-For hop that is not a
trusted proxy. The log shows the address and the prefix's hash, never a token.

A body that is JSON but for empty array elements (`[1,,2]`) is read with each gap as the cell value "#UNKNOWN!": that
is how xlwings' VBA client writes an Excel error newer than its JSON writer (#SPILL!, #CALC!, #BUSY!...), and the
person is then told the cell, not that the request is no JSON.

An institution's Submits store at most `submitted_mb_per_day` a Belgrade day: once its Submits stored that much that
day, a Submit with changed content is a 429 that stores nothing (Retry-After until midnight in Belgrade, header
X-Apmon-Refused: submits-spent, so apmon.js does not take it for a 429 of wrong tokens). Validate is not limited.

Each token may call Validate and Submit `addin_calls_per_minute` times (30) within any minute: past it a call is a
429 before its body is read (Retry-After until the oldest of that minute's calls is a minute old, header
X-Apmon-Refused: too-many-calls). The window is kept in this process's memory, not in the ledger: `apmon serve` is one
process (uvicorn gets the app object, so it starts no workers), a restart lets at most one more minute's calls through,
and a ledger write at every Validate would make Validate wait on (or fail with) a sync's writes. Another token is not
affected.

Payloads are bounded before any Book is built (`LIMITS`: sheets, rows and columns per sheet, cells per
payload; a report's limits for validate and submit, the master's for consolidate): over a limit is a 413
naming the sheet. Refused calls answer `{"error": "..."}` and no actions, so nothing in the workbook changes.
Every error answer, a 500 included, is such JSON, in the workbook's language (`addin.language`): the `_apmon`
sheet's `lang` once the body is read, else Accept-Language, else Serbian Latin.

Each request builds its own Book from its own payload and answers that Book's actions, so concurrent
requests never share state: there is no module-level Book and no `book.app.alert` (see addin.functions).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
import re
import threading
import time
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Collection
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Receive, Scope, Send

from apmon.addin import functions
from apmon.addin.functions import xw
from apmon.addin.language import DEFAULT_LANG, accepted_lang, payload_lang
from apmon.schemas.calendar import WorkingCalendar, holidays_unknown
from apmon.schemas.institutions import InstitutionRegistry
from apmon.schemas.messages import SERVER_ERRORS, counted, message
from apmon.schemas.personal_data import holds_token, mask_all, mask_file_name
from apmon.schemas.plan import Plan
from apmon.schemas.said import Megabytes, Phrase, say
from apmon.schemas.text import Lang
from apmon.sync.config import Config, load_config
from apmon.sync.ledger import Ledger, LedgerError, TokenRow
from apmon.sync.tokens import TOKEN_PREFIX, token_hash
from apmon.templates.layout import META_SHEET
from apmon.templates.parse import Meta, read_meta
from apmon.templates.plan_file import (
    DEFAULT_INSTITUTIONS,
    DEFAULT_PLAN,
    DataFileError,
    load_plan_and_registry,
    load_registry,
    plan_texts_file,
)

SCRIPTS = ("validate", "submit", "consolidate")
MB = 2**20
DEFAULT_MAX_BODY_BYTES = 10 * MB
DEFAULT_MAX_FAILURES = 10
DEFAULT_FAILURE_WINDOW = dt.timedelta(minutes=5)
CALL_WINDOW = dt.timedelta(minutes=1)  # addin_calls_per_minute counts a token's calls within it
RATED_SCRIPTS = ("validate", "submit")  # the officers' buttons; Consolidate needs the Coordinator's token
TRACKED_KEYS = 10_000  # failure counters kept at most; the least recently failing are forgotten first
CLIENTS_DIR = Path(__file__).parent / "clients"
KNOWN_CLIENTS = ("Office.js", "Google Apps Script", "VBA", "Microsoft Office Scripts")
# names a 429 of the day's Submits spent or of too many calls for apmon.js (wrong tokens are a 429 too)
REFUSED_HEADER = "X-Apmon-Refused"
MERGED_HEADER = "X-Apmon-Merged"  # apmon.gs and apmon.bas: the merged ranges xlwings' payload has no place for
# apmon.gs and apmon.bas: the actions they apply beyond those of xlwings' own client (functions.EXTRA_ACTIONS); an
# older file of theirs names fewer or none, and Consolidate sends it only those it names (it would stop at another)
ACTIONS_HEADER = "X-Apmon-Actions"
Clock = Callable[[], dt.datetime]
log = logging.getLogger("apmon.addin")


@dataclass(frozen=True)
class PayloadLimits:
    """The most one call may send: sheets, rows and columns of any sheet, cells of all sheets together."""

    sheets: int
    rows: int
    columns: int
    cells: int


# A report is 7 template sheets, the Issues sheet and perhaps a few of the staff's own; its largest sheet is an
# institution's Indicators, 73 rows by 10 columns in the demo (about 1,300 cells in all). The master grows with
# every year: the demo's Indicators sheet after 16 months is 655 rows by 24 columns (16,000 cells in all; a row
# per indicator, institution and year), so a five-year plan stays near 3,000 rows. Each limit leaves ample room.
REPORT_LIMITS = PayloadLimits(sheets=50, rows=2_000, columns=100, cells=100_000)
MASTER_LIMITS = PayloadLimits(sheets=100, rows=50_000, columns=200, cells=1_000_000)
LIMITS = {"validate": REPORT_LIMITS, "submit": REPORT_LIMITS, "consolidate": MASTER_LIMITS}


class Refused(Exception):
    """A request answered with an error status and `{"error": text}`, without any action. `key` names the text
    in `schemas.messages.SERVER_ERRORS` (filled with `fields`), which is shown in the workbook's language; a key
    that is not in the catalogue is shown as it is."""

    def __init__(self, status: int, key: str, headers: dict[str, str] | None = None, **fields: Any) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.fields = fields
        self.headers = headers

    def text(self, lang: Lang) -> str:
        return say(self.key, lang, self.fields) if self.key in SERVER_ERRORS else self.key


@dataclass(frozen=True)
class Counted:
    """`n` of a noun of the catalogue's PLURALS, said in the reader's language: "5 minuta", "1 minute"."""

    n: int
    noun: str

    def said(self, lang: Lang) -> str:
        return counted(self.n, self.noun, lang)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class FailureLimiter:
    """Failed authentications per key (a client address, a token prefix) within a sliding window.

    A key with `limit` failures inside `window` is blocked until its oldest one leaves the window. Memory is
    bounded: at most `limit` times per key and `max_keys` keys, the least recently failing forgotten first (a
    flood of distinct addresses can only push out other quiet keys, never grow the table)."""

    def __init__(self, limit: int, window: dt.timedelta, clock: Clock, max_keys: int = TRACKED_KEYS) -> None:
        self.limit, self.window, self.clock, self.max_keys = limit, window, clock, max_keys
        self._failures: OrderedDict[str, deque[dt.datetime]] = OrderedDict()
        self._lock = threading.Lock()  # authentication runs in the thread pool

    def _recent(self, key: str, now: dt.datetime) -> deque[dt.datetime]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def wait(self, keys: Collection[str]) -> int:
        """Seconds until every key may try again; 0 when none is blocked."""
        now = self.clock()
        with self._lock:
            waits = [
                (times[0] + self.window - now).total_seconds()
                for times in (self._recent(key, now) for key in keys)
                if len(times) >= self.limit
            ]
        return max(1, math.ceil(max(waits))) if waits else 0

    def fail(self, keys: Collection[str]) -> list[str]:
        """Count one failure for each key; the keys this failure blocked."""
        now = self.clock()
        blocked = []
        with self._lock:
            for key in keys:
                times = self._recent(key, now)
                times.append(now)
                while len(times) > self.limit:
                    times.popleft()
                self._failures[key] = times
                self._failures.move_to_end(key)
                if len(times) == self.limit:
                    blocked.append(key)
            while len(self._failures) > self.max_keys:
                self._failures.popitem(last=False)
        return blocked

    def take(self, key: str, limit: int) -> int:
        """Count one call of `key` unless it made `limit` within the window: 0 when counted, else the seconds until it
        may call again (one lock for both: two calls at once cannot both take the last place)."""
        now = self.clock()
        with self._lock:
            times = self._recent(key, now)
            if len(times) >= limit:
                # until fewer than `limit` are left: with a limit lowered while serving, more than the oldest must go
                freed = times[len(times) - limit]
                return max(1, math.ceil((freed + self.window - now).total_seconds()))
            times.append(now)
            self._failures[key] = times
            self._failures.move_to_end(key)
            while len(self._failures) > self.max_keys:
                self._failures.popitem(last=False)
        return 0

    def __len__(self) -> int:
        return len(self._failures)


def client_address(request: Request, trusted_proxies: Collection[str]) -> str:
    """The caller's address: the TCP peer, or behind a trusted proxy the last X-Forwarded-For hop that is not
    one of the trusted proxies (each proxy appends the address it got the request from)."""
    peer = request.client.host if request.client else "unknown"
    if peer not in trusted_proxies:
        return peer
    hops = [hop.strip() for field in request.headers.getlist("x-forwarded-for") for hop in field.split(",")]
    hops = [hop for hop in hops if hop]
    return next((hop for hop in reversed(hops) if hop not in trusted_proxies), hops[0] if hops else peer)


CALLER: ContextVar[str] = ContextVar("apmon_caller", default="-")  # the address of the request being served


class CallerFilter(logging.Filter):
    """Gives every log record `caller`: the address of the request it was logged in, as client_address finds it
    (after the trusted proxies), or "-" outside a request. `apmon serve` shows it in every line of its log."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.caller = CALLER.get()
        return True


# A token however it turns up in a line: in an address (`?token=...`, after the path) its characters may be
# percent-encoded (`_` as %5F), twice when an address went into another's query (%255F). At least its 43 characters.
_TOKEN_IN_LOG = re.compile(r"apmon(?:_|%(?:25)*5[Ff])(?:[A-Za-z0-9_-]|%(?:25)*[0-9A-Fa-f]{2}){43,}")
TOKEN_HIDDEN = "apmon_***"  # ASCII: a log redirected to a file in a Windows code page takes it
_TRACEBACK = logging.Formatter()  # formats an exception as every handler's formatter does


def _hidden(found: re.Match[str]) -> str:
    """A token by the rule a report's cells and a label are searched with, so that a folder named
    apmon_Izvestaji_Ministarstva_Zdravlja stays as written."""
    text = found[0]
    while "%" in text and (decoded := unquote(text)) != text:
        text = decoded
    return TOKEN_HIDDEN if holds_token(text) else found[0]


def hide_tokens(text: str) -> str:
    """The text with every token in it written TOKEN_HIDDEN."""
    return _TOKEN_IN_LOG.sub(_hidden, text) if "apmon" in text else text


class HideTokens(logging.Filter):
    """Writes every token in a log line as TOKEN_HIDDEN: the log is kept and read by many, a token is a password.
    The message, the exception's text after it (which may quote a value it was given) and the caller's address
    (from X-Forwarded-For, which whoever sends the request writes)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            line = record.getMessage()
        except Exception:  # arguments that do not fit: the handler says so ("Logging error"), the caller goes on
            return True
        if (hidden := hide_tokens(line)) != line:
            record.msg, record.args = hidden, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = hide_tokens(_TRACEBACK.formatException(record.exc_info))
        if isinstance(caller := getattr(record, "caller", None), str):
            record.caller = hide_tokens(caller)
        return True


class NoteCaller:
    """ASGI middleware that sets CALLER for the request, so that every line logged while serving it carries the
    caller's address: apmon's own, uvicorn's access line, and those of the work done in the thread pool (which
    runs in a copy of the request's context)."""

    def __init__(self, app: ASGIApp, trusted_proxies: Collection[str]) -> None:
        self.app, self.trusted_proxies = app, trusted_proxies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            CALLER.set(client_address(Request(scope), self.trusted_proxies))
        await self.app(scope, receive, send)


READS = 3  # reads of the plan files in a row while they keep changing under a read; then the next call reads again
# A write this soon after a file's last one may leave its times as they were (a file system's clock ticks: 2 s on FAT,
# 1 s on some network shares, a few ms on Linux before 6.13): while a file is that new its stamp holds its content's
# digest, so a same-size rewrite within the tick is seen too. Older files cost a `stat` only.
SAME_TICK_NS = 3_000_000_000
FileStamp = tuple[int, int, int, int, bytes | None]
Stamp = tuple[FileStamp | None, ...]


class InForce(NamedTuple):
    """What a call is served with: apmon.toml's settings, their working calendar, the plan and the registry."""

    config: Config
    calendar: WorkingCalendar
    plan: Plan
    registry: InstitutionRegistry


class PlanFiles:
    """The settings, the plan and the registry the server judges with, as their files are now: an `apmon
    institution` edit, an edit of the plan file or of its texts, and an edit of apmon.toml count from the next call,
    without a restart. A file is read again only when its stamp changed; one that cannot be used now leaves the
    last good one in force, and the log says why at its line (the next edit of the file tries again).

    apmon.toml's `data_dir` and `ledger` stay as they were at the start: the server holds the ledger open (the
    tokens, the Submits), and a data folder of another ledger would mix two ledgers' records (the log says to
    restart).

    The files are read until none changed over a read: the registry and the plan of one moment, never a plan naming
    a code that the registry, read a moment before the two were replaced, lacked. A call takes them once, at its
    start (a Consolidate keeps them to its end). Their paths are made absolute when read: relative ones are
    apmon.toml's folder's, whatever the server's folder is later."""

    def __init__(self, config: Config, config_file: Path | None) -> None:
        self._config_file = config_file
        self._lock = threading.Lock()
        self._config_stamp = _stamp(config_file)
        self._started = config.sync
        self.config, self.calendar = config, WorkingCalendar(config.deadlines)
        self._paths = _plan_paths(config)
        read, self._stamp = self._read(None)
        if isinstance(read, DataFileError):
            raise read  # at the server's start: it cannot serve without a plan
        self.plan, self.registry = read

    def current(self) -> InForce:
        with self._lock:
            config_stamp = _stamp(self._config_file)
            if config_stamp != self._config_stamp and self._config_file is not None:
                self._config_stamp = config_stamp  # taken before it is read: an edit meanwhile is read next call
                try:
                    self._take(load_config(self._config_file))
                except DataFileError as exc:
                    self._warn(exc)
            if self._stamps(self.plan.id) != self._stamp:
                read, self._stamp = self._read(self.plan.id)
                if isinstance(read, DataFileError):
                    self._warn(read)
                else:
                    self.plan, self.registry = read
            return InForce(self.config, self.calendar, self.plan, self.registry)

    def registry_now(self) -> tuple[InstitutionRegistry, str]:
        """The registry as its file is now, and the file: what Consolidate's sync, once it holds the ledger's lock,
        checks its call's registry against (an `apmon institution` edit may have held the lock since the call began).
        The one in force when the file cannot be used now: it stays in force, as for the calls."""
        with self._lock:
            path, in_force = self._paths[1], self.registry
        try:
            return load_registry(path), str(path)
        except DataFileError:
            return in_force, str(path)

    def _take(self, config: Config) -> None:
        """`config` in force from now, but with the data folder and the ledger of the start."""
        started = self._started
        if (config.sync.data_dir.absolute(), config.sync.ledger) != (started.data_dir.absolute(), started.ledger):
            log.warning("apmon.toml names another data_dir or ledger; the server keeps using %s (data_dir %s) until "
                        "`apmon serve` is restarted", started.ledger or "the ledger", started.data_dir)  # fmt: skip
        sync = config.sync.model_copy(update={"data_dir": started.data_dir, "ledger": started.ledger})
        self.config = config.model_copy(update={"sync": sync})
        self.calendar = WorkingCalendar(config.deadlines)
        self._paths = _plan_paths(config)

    def _read(self, plan_id: str | None) -> tuple[tuple[Plan, InstitutionRegistry] | DataFileError, Stamp | None]:
        """The plan and the registry, or why they cannot be used, with the stamp of the files they were read from;
        read again while a file changed over the read (a stamp of None when they never stood still: read next call)."""
        stamp = self._stamps(plan_id)  # taken before the files are read: an edit meanwhile is read again
        read: tuple[Plan, InstitutionRegistry] | DataFileError = DataFileError([])
        for _ in range(READS):
            try:
                read = load_plan_and_registry(*self._paths, self._data_dir)
            except DataFileError as exc:
                read = exc
            after = self._stamps(read[0].id if isinstance(read, tuple) else plan_id)
            if after == stamp:
                return read, stamp
            stamp = after
        return read, None

    @property
    def _data_dir(self) -> Path:
        return self._started.data_dir.absolute()

    def _stamps(self, plan_id: str | None) -> Stamp:
        """The plan's stamp, the registry's and the plan texts' (None: no such file)."""
        texts = plan_texts_file(self._data_dir, plan_id) if plan_id is not None else None
        return tuple(_stamp(path) for path in (*self._paths, texts))

    @staticmethod
    def _warn(problem: DataFileError) -> None:
        log.warning("the plan files as edited cannot be used; the ones read before stay in force: %s",
                    problem.said("en"))  # fmt: skip


def _plan_paths(config: Config) -> tuple[Path, Path]:
    """The plan file and the registry `config` names (the shipped ones when it names none), absolute."""
    return (config.plan or DEFAULT_PLAN).absolute(), (config.institutions or DEFAULT_INSTITUTIONS).absolute()


def _stamp(path: Path | None) -> FileStamp | None:
    """What changes when a file is written, in place or replaced: its modification time, size, inode and change time
    (a backup copied over it with its own older time), and while it is newer than SAME_TICK_NS its content's digest."""
    if path is None:
        return None
    try:
        stat = path.stat()
        new = time.time_ns() - stat.st_mtime_ns < SAME_TICK_NS  # also a time ahead of this clock's
        digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest() if new else None
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns, digest


def create_app(
    config: Config,
    ledger: Ledger,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    clock: Clock = _now,
    clients_dir: Path = CLIENTS_DIR,
    plan: Plan | None = None,
    registry: InstitutionRegistry | None = None,
    trusted_proxies: Collection[str] = (),
    max_failures: int = DEFAULT_MAX_FAILURES,
    failure_window: dt.timedelta = DEFAULT_FAILURE_WINDOW,
    config_file: Path | None = None,
) -> FastAPI:
    """The add-in server for `config`'s plan and institutions, as their files are at each call (PlanFiles;
    `config_file`: the apmon.toml `config` was read from), or `plan` and `registry` when given, fixed; recording
    submissions in `ledger`. `trusted_proxies`: addresses of reverse proxies whose X-Forwarded-For is believed (none
    by default). After `max_failures` failed authentications within `failure_window` from one address or with one
    token prefix, calls from it or with it get 429 unless their token is known. Raises DataFileError when the plan
    files cannot be used at the start."""
    try:
        xw.engines["remote"]
    except (KeyError, xw.LicenseError) as exc:
        raise RuntimeError(
            "xlwings' remote engine is not available: xlwings was imported before addin.functions could set "
            "XLWINGS_LICENSE_KEY. Set XLWINGS_LICENSE_KEY=noncommercial in the environment, or import the add-in "
            "before anything else imports xlwings."
        ) from exc
    registry_now: Callable[[], tuple[InstitutionRegistry, str]] | None = None  # fixed: the caller's, not a file's
    if registry is None or plan is None:
        files = PlanFiles(config, config_file)
        current, registry_now = files.current, files.registry_now
    else:
        fixed = InForce(config, WorkingCalendar(config.deadlines), plan, registry)
        current = lambda: fixed  # noqa: E731
    limiter = FailureLimiter(max_failures, failure_window, clock)
    # The same sliding window counts each token's calls of Validate and Submit (in this process's memory), up to the
    # `addin_calls_per_minute` in force at each call.
    calls = FailureLimiter(config.sync.addin_calls_per_minute, CALL_WINDOW, clock)
    proxies = frozenset(trusted_proxies)
    holidays_said = HolidaysSaid()
    # No redirect of "/validate/" to "/validate": Starlette builds its Location from the Host header, which the
    # caller writes; a path a slash off is a 404 like any unknown path.
    app = FastAPI(title="apmon add-in server", docs_url=None, redoc_url=None, openapi_url=None, redirect_slashes=False)

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> JSONResponse:
        return error_response(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        key = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
        headers = dict(exc.headers) if exc.headers else None
        return error_response(request, Refused(exc.status_code, key, headers, code=exc.status_code))

    @app.exception_handler(Exception)
    async def failed(request: Request, exc: Exception) -> JSONResponse:  # anything the endpoint did not catch
        log.error("unexpected failure on %s", request.url.path, exc_info=exc)
        return error_response(request, Refused(500, "server-failed", kind=type(exc).__name__))

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/xlwings/custom-scripts-call/{name}")
    async def call(name: str, request: Request) -> Response:
        try:
            token = await run_in_threadpool(_authenticate, request, ledger, limiter, client_address(request, proxies))
            if name not in SCRIPTS:
                raise Refused(404, "no-such-script", name=name, scripts=", ".join(SCRIPTS))
            in_force = await run_in_threadpool(current)  # the call's settings, plan and registry, to its end
            if name in RATED_SCRIPTS:  # before the body is read: a refused call costs the server nothing
                _count_call(calls, token, in_force.config.sync.addin_calls_per_minute)
            parsed = parse_json(await read_body(request, max_body_bytes))
            request.state.lang = payload_lang(parsed, META_SHEET)
            payload = check_payload(parsed, LIMITS[name])
            add_merged_header(payload, request.headers.get(MERGED_HEADER, ""), LIMITS[name])
            payload[functions.APPLIED_KEY] = request.headers.get(ACTIONS_HEADER, "").replace(" ", "").split(",")
            if name == "consolidate" and token.role != "coordinator":  # before any work on the payload
                raise Refused(403, "coordinator-only")
            actions = await run_in_threadpool(_run, name, payload, token, answer_lang(request), in_force)
        except Refused:
            raise
        except ClientDisconnect:
            # Excel closed or the network dropped before the whole workbook came: nothing was done, and no one is
            # left to read an answer. Not the server's failure, so no traceback.
            log.info("%s: the caller went away before its workbook arrived whole; nothing was done", name)
            return Response(status_code=400)
        except LedgerError as exc:
            log.error("the ledger cannot be used: %s", exc)
            raise Refused(503, "ledger-unavailable") from exc
        except Exception as exc:
            log.exception("%s failed", name)
            button = Phrase(f"manifest.{name}")  # the button's name as the officer sees it
            raise Refused(500, "script-failed", button=button, kind=type(exc).__name__) from exc
        return JSONResponse(actions)

    def _run(name: str, payload: dict[str, Any], token: TokenRow, lang: Lang, in_force: InForce) -> dict[str, Any]:
        try:
            book = xw.Book(json=payload)
        except Exception as exc:  # xlwings raises many kinds on a payload it cannot read
            log.info("the payload cannot be read as an xlwings Book: %s: %s", type(exc).__name__, str(exc)[:200])
            raise Refused(400, "not-a-workbook", kind=type(exc).__name__) from exc
        config, calendar, plan, registry = in_force
        try:
            meta = read_meta(functions.book_grid(book))  # whose workbook it is: decided here and only here
            _authorize(token, name, meta, lang)
            institution = meta.get("institution")
            if name == "validate":
                history = functions.history_of(ledger, institution, plan) if institution else []
                functions.validate(
                    book,
                    plan,
                    registry,
                    history=history,
                    calendar=calendar,
                    master_lang=config.sync.master_lang,
                    now=clock(),
                )
            elif name == "submit":
                history = functions.history_of(ledger, institution, plan) if institution else []
                functions.submit(
                    book,
                    plan,
                    registry,
                    ledger=ledger,
                    now=clock(),
                    history=history,
                    calendar=calendar,
                    master_lang=config.sync.master_lang,
                    token_id=token.id,
                    bytes_per_day=config.sync.submitted_mb_per_day * MB,
                )
            else:
                functions.consolidate(
                    book, plan, registry, ledger, config.sync, calendar, now=clock(), sync=config,
                    registry_now=registry_now,
                )  # fmt: skip
            holidays_said.log(calendar)
            return dict(book.json())
        except functions.SubmitsSpent as spent:
            raise _submits_spent(spent, clock()) from spent
        finally:
            book.close()  # the shared remote app keeps a list of open Books: do not let it grow

    if clients_dir.is_dir():
        app.mount("/addin", StaticFiles(directory=clients_dir), name="addin")
    app.add_middleware(NoteCaller, trusted_proxies=proxies)
    return app


class HolidaysSaid:
    """The log says once of each year whose holidays are not known that a call counted working days in (a report's
    due date, how late it came), as the commands say it on stderr: the officer's workbook is no place for it, and a
    Validate made again and again does not repeat it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._said: set[int] = set()

    def log(self, calendar: WorkingCalendar) -> None:
        counted = frozenset(calendar.counted)  # a copy: another call's thread may be adding to it
        with self._lock:
            years, self._said = counted - self._said, self._said | counted
        for line in holidays_unknown(years, "en", given=calendar.policy.extra_non_working_days):
            log.warning("%s", line)


def error_response(request: Request, refused: Refused) -> JSONResponse:
    """`{"error": text}` in the request's language (`answer_lang`), with the refusal's status and headers."""
    text = refused.text(answer_lang(request))
    return JSONResponse({"error": text}, status_code=refused.status, headers=refused.headers)


def answer_lang(request: Request) -> Lang:
    """The language of an error answer: the payload's, else the Accept-Language header's, else Serbian Latin."""
    found: Lang | None = getattr(request.state, "lang", None)
    return found or accepted_lang(request.headers.get("accept-language", "")) or DEFAULT_LANG


# RFC 9110 section 11.4 `auth-scheme 1*SP token68` with RFC 6750's b64token; the scheme is case-insensitive.
_BEARER = re.compile(r"[Bb][Ee][Aa][Rr][Ee][Rr] +(?P<token>[A-Za-z0-9._~+/-]{1,512}=*)")


def _authenticate(request: Request, ledger: Ledger, limiter: FailureLimiter, address: str) -> TokenRow:
    challenge = {"WWW-Authenticate": "Bearer"}
    fields = request.headers.getlist("authorization")
    value = fields[0].strip(" \t") if len(fields) == 1 else ""
    matched = _BEARER.fullmatch(value)
    token = matched["token"] if matched else None
    # A known token passes every block: a whole ministry behind its NAT, and every Google Sheets institution (Apps
    # Script calls from Google's addresses), shares one address, and a block on it must not lock them all out. A
    # block still refuses everything else, and a 256-bit token is not found by guessing, block or no block.
    found = ledger.find_token(token_hash(token)) if token is not None else None  # a LedgerError is the caller's 503
    if found is not None:
        return found
    keys = [f"address {address}"]
    if token is not None:
        # The first 8 characters after the prefix every token shares: with it, 2 random characters were counted, and
        # ten guesses with another holder's first two characters locked the holder out from everywhere.
        start = token.removeprefix(TOKEN_PREFIX)[:8]
        keys.append(f"token prefix {hashlib.sha256(start.encode()).hexdigest()[:12]}")
    wait = limiter.wait(keys)
    if wait:
        log.info("refused (429, blocked for %d s more): %s", wait, "; ".join(keys))
        minutes = Counted(math.ceil(wait / 60), "minute")
        raise Refused(429, "too-many-failures", {"Retry-After": str(wait)}, minutes=minutes)
    if not fields or (len(fields) == 1 and not value):
        _failed(limiter, keys, "no token")
        raise Refused(401, "no-token", challenge)
    if token is None:
        _failed(limiter, keys, "malformed Authorization header")
        raise Refused(401, "malformed-authorization", challenge)
    _failed(limiter, keys, "unknown or revoked token")
    raise Refused(401, "unknown-token", challenge)


def _count_call(calls: FailureLimiter, token: TokenRow, limit: int) -> None:
    """A 429 when `token` made its `limit` (`addin_calls_per_minute`) calls within the last minute, else the call
    counted."""
    wait = calls.take(f"token {token.id}", limit)
    if wait:
        log.warning(
            "refused (429, too many calls): token %d (%s) made %d Validate and Submit calls within a minute "
            "(addin_calls_per_minute); it may call again in %d s",
            token.id,
            token.institution or token.role,
            limit,
            wait,
        )
        headers = {"Retry-After": str(wait), REFUSED_HEADER: "too-many-calls"}
        raise Refused(429, "too-many-calls", headers, limit=limit, seconds=Counted(wait, "second"))


def _failed(limiter: FailureLimiter, keys: list[str], why: str) -> None:
    log.info("refused (%s): %s", why, "; ".join(keys))
    for key in limiter.fail(keys):
        log.warning(
            "%d failed authentications within %d s from %s: calls without a known token get 429 until the first of "
            "them is %d s old",
            limiter.limit,
            limiter.window.total_seconds(),
            key,
            limiter.window.total_seconds(),
        )


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it is known to be over `limit` bytes (before any parsing)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError as exc:
            raise Refused(400, "content-length-not-a-number") from exc
        if size > limit:
            shown, most = Megabytes(size), Megabytes(limit)
            if shown.said("en") == most.said("en"):  # "10 MB, and at most 10 MB": say "over 10 MB"
                raise Refused(413, "body-over-limit", limit=most)
            raise Refused(413, "body-too-large", size=shown, limit=most)
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise Refused(413, "body-over-limit", limit=Megabytes(limit))
    return bytes(body)


# A cell xlwings' VBA client sends as nothing at all ("[1,,2]"): its JSON writer (WebHelpers.bas ConvertToJson) knows
# only seven Excel errors and writes the newer ones (#SPILL!, #CALC!, #BUSY!, #FIELD!...) as an empty string. Outside
# strings (a string is matched whole first, so the gap is never looked for inside one): after a comma before a comma
# or "]", or after "[" before a comma.
_VBA_GAP = re.compile(r'("(?:[^"\\]|\\.)*")|(?<=,)(?=\s*[,\]])|(?<=\[)(?=\s*,)')
VBA_UNKNOWN_ERROR = "#UNKNOWN!"  # what such a cell reads as: an Excel error, which the parser locates like any other


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except RecursionError as exc:  # nesting deeper than the interpreter's recursion limit
        raise Refused(400, "json-too-deep") from exc
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, a number of over 4,300 digits
        filled = _vba_gaps_filled(body)
        if filled is not None:
            return parse_json(filled)
        # Python's words (English, about line and column) go to the log; the reader gets the cause in theirs.
        log.info("the request body is not JSON: %s", str(exc)[:200])
        if isinstance(exc, UnicodeDecodeError):
            raise Refused(400, "not-utf8") from exc
        if isinstance(exc, json.JSONDecodeError):
            raise Refused(400, "not-json") from exc
        raise Refused(400, "json-number-too-long") from exc


def _vba_gaps_filled(body: bytes) -> bytes | None:
    """The body with each cell the VBA client left empty (`_VBA_GAP`) as the text VBA_UNKNOWN_ERROR; None when it
    has no such gap, more than any payload may have cells, or is no UTF-8."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    marker = json.dumps(VBA_UNKNOWN_ERROR)
    gaps = 0

    def fill(found: re.Match[str]) -> str:
        nonlocal gaps
        if found[1] is not None:
            return found[1]
        gaps += 1
        return marker

    filled = _VBA_GAP.sub(fill, text)
    # No more gaps than any payload may have cells: a body of commas must not become millions of strings.
    return filled.encode("utf-8") if 0 < gaps <= MASTER_LIMITS.cells else None


_SCALARS = (str, int, float, bool, type(None))


def check_payload(payload: Any, limits: PayloadLimits = REPORT_LIMITS) -> dict[str, Any]:
    """The payload as the xlwings clients send it, or a 400 saying what is wrong; a 413 when it is over
    `limits`, checked before anything is built from it."""
    if not isinstance(payload, dict):
        raise Refused(400, "payload-not-object")
    missing = [key for key in ("client", "version", "book", "sheets") if key not in payload]
    if missing:
        raise Refused(400, "payload-missing", missing=", ".join(missing))
    client, version = payload["client"], payload["version"]
    if client not in KNOWN_CLIENTS:
        raise Refused(400, "unknown-client", client=client, clients=", ".join(KNOWN_CLIENTS))
    if version != xw.__version__:
        raise Refused(400, "client-version", version=version, needed=xw.__version__, client=client)
    book = payload["book"]
    if not isinstance(book, dict) or not isinstance(book.get("name"), str):
        raise Refused(400, "book-not-object")
    book.setdefault("active_sheet_index", 0)
    book.setdefault("selection", None)
    if not isinstance(payload.get("names", []), list):
        raise Refused(400, "names-not-list")
    payload.setdefault("names", [])
    sheets = payload["sheets"]
    if not isinstance(sheets, list) or not sheets:
        raise Refused(400, "sheets-not-list")
    if len(sheets) > limits.sheets:
        raise Refused(413, "too-many-sheets", count=len(sheets), limit=limits.sheets)
    cells = 0
    for i, sheet in enumerate(sheets):
        if not isinstance(sheet, dict) or not isinstance(sheet.get("name"), str):
            raise Refused(400, "sheet-not-object", index=i)
        values = sheet.get("values")
        if not isinstance(values, list) or not all(isinstance(row, list) for row in values):
            raise Refused(400, "values-not-rows", sheet=mask_file_name(sheet["name"]))
        if len(values) > limits.rows:
            raise Refused(
                413, "too-many-rows", sheet=mask_file_name(sheet["name"]), count=len(values), limit=limits.rows
            )
        widest = max((len(row) for row in values), default=0)
        if widest > limits.columns:
            raise Refused(
                413, "too-many-columns", sheet=mask_file_name(sheet["name"]), count=widest, limit=limits.columns
            )
        cells += sum(len(row) for row in values)
    if cells > limits.cells:
        raise Refused(413, "too-many-cells", count=cells, limit=limits.cells)
    for sheet in sheets:
        if not all(isinstance(v, _SCALARS) for row in sheet["values"] for v in row):
            raise Refused(400, "value-not-scalar", sheet=mask_file_name(sheet["name"]))
        sheet.setdefault("pictures", [])
        sheet.setdefault("tables", [])
        # apmon.js sends the merged ranges ("E4:E5"): a sheet may send at most one for every two cells a call may send
        merged = sheet.setdefault("merged", [])
        if not isinstance(merged, list) or not all(isinstance(span, str) and len(span) <= 32 for span in merged):
            raise Refused(400, "merged-not-ranges", sheet=mask_file_name(sheet["name"]))
        if len(merged) > limits.cells // 2:
            raise Refused(413, "too-many-cells", count=len(merged) * 2, limit=limits.cells)
    names = Counter(sheet["name"].strip().casefold() for sheet in sheets)
    twice = next((sheet["name"] for sheet in sheets if names[sheet["name"].strip().casefold()] > 1), None)
    if twice is not None:  # Excel and Google Sheets never send two sheets of one name (case aside)
        raise Refused(400, "duplicate-sheet", sheet=mask_file_name(twice))
    return payload


_MERGED_ENTRY = re.compile(r"([0-9]{1,3})!([A-Z]{1,3}[1-9][0-9]{0,6}(?::[A-Z]{1,3}[1-9][0-9]{0,6})?)")


def add_merged_header(payload: dict[str, Any], header: str, limits: PayloadLimits = REPORT_LIMITS) -> None:
    """The merged ranges apmon.gs and apmon.bas send in the `MERGED_HEADER` ("1!E4:E5,1!F4:F5": the sheet's
    position in the payload from 0, then the range), added to their sheets as apmon.js sends them in the payload;
    a 400 quoting the first entry that is not such a range of a sent sheet."""
    sheets = payload["sheets"]
    for entry in filter(None, (part.strip() for part in header.split(","))):
        found = _MERGED_ENTRY.fullmatch(entry)
        if found is None or int(found[1]) >= len(sheets):
            raise Refused(400, "merged-header-not-ranges", header=MERGED_HEADER, value=mask_all(entry[:40]))
        sheets[int(found[1])]["merged"].append(found[2])
    for sheet in sheets:
        if len(sheet["merged"]) > limits.cells // 2:
            raise Refused(413, "too-many-cells", count=len(sheet["merged"]) * 2, limit=limits.cells)


def _submits_spent(spent: functions.SubmitsSpent, now: dt.datetime) -> Refused:
    """The 429 of a Submit refused by the day's allowance (`submitted_mb_per_day`): what happened, that nothing was
    stored, from when to submit again (Retry-After: the seconds until midnight in Belgrade), whom to call."""
    wait = max(1, math.ceil((spent.until - now).total_seconds()))
    log.warning(
        "%s: Submit refused (429): the Submits of %s stored %d bytes today, the daily allowance is %d "
        "(submitted_mb_per_day); nothing stored",
        spent.institution,
        spent.institution,
        spent.used,
        spent.allowance,
    )
    return Refused(
        429,
        "submits-spent",
        {"Retry-After": str(wait), REFUSED_HEADER: "submits-spent"},
        institution=spent.institution,
        used=Megabytes(spent.used),
        limit=Megabytes(spent.allowance),
        date=spent.until.date(),  # Belgrade's midnight, when the allowance starts again
    )


def _authorize(token: TokenRow, name: str, meta: Meta, lang: Lang) -> None:
    """An institution's token may validate and submit only its own institution's workbook, as the workbook's
    metadata says (`read_meta`, which the parser reads it with too); metadata that is ambiguous decides nothing,
    so it is refused (in `lang`, with the validation rule's own message)."""
    if token.role == "coordinator":
        return
    if name == "consolidate":
        raise Refused(403, "coordinator-only")
    if meta.problem is not None:
        raise Refused(400, message(meta.problem, lang))
    institution = meta.get("institution")
    if institution == "":
        raise Refused(400, "no-institution", meta=META_SHEET)
    if institution is not None and institution != token.institution:
        raise Refused(403, "token-other-institution", institution=institution, holder=token.institution)
