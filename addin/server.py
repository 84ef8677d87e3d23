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
  `{"actions": [...]}`, the actions the client applies to the workbook.
- `GET /health`: `{"status": "ok"}`.
- `/addin/...`: the client files of `addin/clients/` (manifest, task pane), when that folder exists.

Authentication: header `Authorization: Bearer <token>`. Every xlwings client sends its `auth` argument (or
the AUTH setting of its xlwings.conf) verbatim as the Authorization header, so `auth` is "Bearer <token>":
VBA `RunServerPython(url, auth:="Bearer " & token)`, Apps Script `runPython(url, {auth: "Bearer " + token})`,
Office.js `runPython(url, {auth: "Bearer " + token})` or a `globalThis.getAuth` returning it. A missing,
unknown or revoked token is a 401; an institution token may validate and submit only a workbook whose
`_apmon` institution is its own (403 otherwise); consolidate needs the Coordinator's token (403). Refused
calls answer `{"error": "..."}` and no actions, so nothing in the workbook changes.

Each request builds its own Book from its own payload and answers that Book's actions, so concurrent
requests never share state: there is no module-level Book and no `book.app.alert` (see addin.functions).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from addin import functions
from addin.functions import xw
from schemas.calendar import WorkingCalendar
from schemas.institutions import InstitutionRegistry
from schemas.messages import message
from schemas.plan import Plan
from sync.config import Config
from sync.ledger import Ledger, LedgerError, TokenRow
from templates.parse import Meta, read_meta
from templates.plan_file import load_plan, load_registry

SCRIPTS = ("validate", "submit", "consolidate")
DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024
CLIENTS_DIR = Path(__file__).parent / "clients"
KNOWN_CLIENTS = ("Office.js", "Google Apps Script", "VBA", "Microsoft Office Scripts")
Clock = Callable[[], dt.datetime]
log = logging.getLogger("apmon.addin")


class Refused(Exception):
    """A request answered with an error status and `{"error": message}`, without any action."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


def token_hash(token: str) -> str:
    """How a token is stored: its sha256, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def create_app(
    config: Config,
    ledger: Ledger,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    clock: Clock = _now,
    clients_dir: Path = CLIENTS_DIR,
    plan: Plan | None = None,
    registry: InstitutionRegistry | None = None,
) -> FastAPI:
    """The add-in server for `config`'s plan and institutions (or `plan` and `registry` when given, already
    loaded), recording submissions in `ledger`. Raises DataFileError when the plan files cannot be used."""
    try:
        xw.engines["remote"]
    except (KeyError, xw.LicenseError) as exc:
        raise RuntimeError(
            "xlwings' remote engine is not available: xlwings was imported before addin.functions could set "
            "XLWINGS_LICENSE_KEY. Set XLWINGS_LICENSE_KEY=noncommercial in the environment, or import the add-in "
            "before anything else imports xlwings."
        ) from exc
    if registry is None or plan is None:
        registry = load_registry(config.institutions)
        plan = load_plan(config.plan, registry)
    calendar = WorkingCalendar(config.deadlines)
    app = FastAPI(title="apmon add-in server", docs_url=None, redoc_url=None, openapi_url=None)

    @app.exception_handler(Refused)
    async def refused(_request: Request, exc: Refused) -> JSONResponse:
        return JSONResponse({"error": exc.message}, status_code=exc.status, headers=exc.headers)

    @app.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/xlwings/custom-scripts-call/{name}")
    async def call(name: str, request: Request) -> Response:
        token = await run_in_threadpool(_authenticate, request, ledger)
        if name not in SCRIPTS:
            raise Refused(404, f"there is no script {name!r}; the scripts are {', '.join(SCRIPTS)}")
        payload = check_payload(parse_json(await read_body(request, max_body_bytes)))
        if name == "consolidate" and token.role != "coordinator":  # before any work on the payload
            raise Refused(403, "consolidate needs the National Coordinator's token")
        try:
            actions = await run_in_threadpool(_run, name, payload, token)
        except Refused:
            raise
        except LedgerError as exc:
            raise Refused(503, f"the ledger cannot be used: {exc}") from exc
        except Exception as exc:
            log.exception("%s failed for %s", name, token.institution)
            raise Refused(
                500, f"{name} failed on the server ({type(exc).__name__}); the server log has the details"
            ) from exc
        return JSONResponse(actions)

    def _run(name: str, payload: dict[str, Any], token: TokenRow) -> dict[str, Any]:
        try:
            book = xw.Book(json=payload)
        except Exception as exc:  # xlwings raises many kinds on a payload it cannot read
            raise Refused(400, f"the payload cannot be read as a workbook ({type(exc).__name__}: {exc})") from exc
        try:
            meta = read_meta(functions.book_grid(book))  # whose workbook it is: decided here and only here
            _authorize(token, name, meta)
            institution = meta.get("institution")
            if name == "validate":
                history = functions.history_of(ledger, institution) if institution else []
                functions.validate(
                    book, plan, registry, history=history, calendar=calendar, master_lang=config.sync.master_lang
                )
            elif name == "submit":
                history = functions.history_of(ledger, institution) if institution else []
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
                )
            else:
                functions.consolidate(book, plan, registry, ledger, config.sync, calendar, now=clock(), sync=config)
            return dict(book.json())
        finally:
            book.close()  # the shared remote app keeps a list of open Books: do not let it grow

    if clients_dir.is_dir():
        app.mount("/addin", StaticFiles(directory=clients_dir), name="addin")
    return app


def _authenticate(request: Request, ledger: Ledger) -> TokenRow:
    challenge = {"WWW-Authenticate": "Bearer"}
    header = request.headers.get("authorization", "").strip()
    if not header:
        raise Refused(
            401, "no token: send the header 'Authorization: Bearer <token>' (the client's auth setting)", challenge
        )
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Refused(401, "the Authorization header must be 'Bearer <token>'", challenge)
    try:
        found = ledger.find_token(token_hash(token.strip()))
    except LedgerError as exc:
        raise Refused(503, f"the ledger cannot be used: {exc}") from exc
    if found is None:
        raise Refused(401, "unknown or revoked token; ask the National Coordinator for a new one", challenge)
    return found


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it is known to be over `limit` bytes (before any parsing)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError as exc:
            raise Refused(400, "the Content-Length header is not a number") from exc
        if size > limit:
            raise Refused(413, f"the workbook is too large: {size} bytes, the limit is {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise Refused(413, f"the workbook is too large: over the limit of {limit} bytes")
    return bytes(body)


def parse_json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Refused(400, f"the request body is not JSON ({exc}); send the xlwings client's payload") from exc


_SCALARS = (str, int, float, bool, type(None))


def check_payload(payload: Any) -> dict[str, Any]:
    """The payload as the xlwings clients send it, or a 400 saying what is wrong."""
    if not isinstance(payload, dict):
        raise Refused(400, "the payload must be a JSON object with client, version, book, names and sheets")
    missing = [key for key in ("client", "version", "book", "sheets") if key not in payload]
    if missing:
        raise Refused(400, f"the payload has no {', '.join(missing)}; send the xlwings client's payload")
    client, version = payload["client"], payload["version"]
    if client not in KNOWN_CLIENTS:
        raise Refused(400, f"unknown client {client!r}; the add-in works with {', '.join(KNOWN_CLIENTS)}")
    if version != xw.__version__:
        raise Refused(
            400,
            f"the workbook's xlwings client is version {version}, the server needs {xw.__version__}: "
            f"replace the add-in's {client} code with the one of xlwings {xw.__version__} (see docs/addin.md)",
        )
    book = payload["book"]
    if not isinstance(book, dict) or not isinstance(book.get("name"), str):
        raise Refused(400, "payload.book must be an object with the workbook's name")
    book.setdefault("active_sheet_index", 0)
    book.setdefault("selection", None)
    if not isinstance(payload.get("names", []), list):
        raise Refused(400, "payload.names must be a list")
    payload.setdefault("names", [])
    sheets = payload["sheets"]
    if not isinstance(sheets, list) or not sheets:
        raise Refused(400, "payload.sheets must be a non-empty list of sheets")
    for i, sheet in enumerate(sheets):
        if not isinstance(sheet, dict) or not isinstance(sheet.get("name"), str):
            raise Refused(400, f"payload.sheets[{i}] must be an object with a name")
        values = sheet.get("values")
        if not isinstance(values, list) or not all(isinstance(row, list) for row in values):
            raise Refused(400, f"sheet {sheet['name']!r}: values must be a list of rows")
        if not all(isinstance(v, _SCALARS) for row in values for v in row):
            raise Refused(400, f"sheet {sheet['name']!r}: a cell value is neither text, number, boolean nor null")
        sheet.setdefault("pictures", [])
        sheet.setdefault("tables", [])
    names = Counter(sheet["name"].strip().casefold() for sheet in sheets)
    twice = next((sheet["name"] for sheet in sheets if names[sheet["name"].strip().casefold()] > 1), None)
    if twice is not None:  # Excel and Google Sheets never send two sheets of one name (case aside)
        raise Refused(400, f"the payload has two sheets named {twice!r}; send the xlwings client's payload")
    return payload


def _authorize(token: TokenRow, name: str, meta: Meta) -> None:
    """An institution's token may validate and submit only its own institution's workbook, as the workbook's
    metadata says (`read_meta`, which the parser reads it with too); metadata that is ambiguous decides nothing,
    so it is refused."""
    if token.role == "coordinator":
        return
    if name == "consolidate":
        raise Refused(403, "consolidate needs the National Coordinator's token")
    if meta.problem is not None:
        raise Refused(400, message(meta.problem, "sr-Latn"))
    institution = meta.get("institution")
    if institution is not None and institution != token.institution:
        raise Refused(
            403,
            f"this workbook is the report of {institution}; the token of {token.institution} may validate "
            "and submit only its own reports",
        )
