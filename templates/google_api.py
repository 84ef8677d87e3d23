"""The one seam for Google I/O: credentials, endpoints, a bounded retrying gspread client.

Everything that talks to Google Sheets or Drive gets its `gspread.Client` from
`make_client`; nothing else builds sessions or credentials. Tests hand the same
function a `GoogleEndpoints` that points at a loopback fake
(`tests/fake_google.py`), and organisations behind an API gateway do the same
with their gateway's address.

Why an adapter and not patched constants: gspread copies its base URLs into
module constants at import time, so patching `gspread.urls` does not redirect
anything. A requests transport adapter mounted on the session rewrites
`https://sheets.googleapis.com/...` and `https://www.googleapis.com/...` on the
way out, whatever gspread module built the URL. The credentials' token refresh
uses its own session, which gets the same adapter, and the credentials' token
URI is set to `GoogleEndpoints.token_uri`.

Why our own retry: gspread's `BackOffHTTPClient` retries without bound (about
eleven minutes on ten 503s). `RetryingHTTPClient` makes at most
`RetryPolicy.max_attempts` attempts with exponential backoff and full jitter,
honours a numeric Retry-After, and then raises gspread's `APIError`. A dropped
connection or a request that hangs past the timeout is retried the same way.

Why `send_once`: a change that is not the same when made twice (a file created, sheets added) may have been
made when its answer is lost (a timeout or a reset after the request left, a 5xx). Sent again, it would make a
second spreadsheet, or be refused for the sheets the first made. Such a change is sent with `send_once`: when
its answer is lost, the caller's `made` looks whether Google made it (a marker set with it) before it is sent
again.

Why pacing: Sheets allows 60 read and 60 write requests a minute per user (one
service account is one user); a retry budget of seconds cannot wait out a
one-minute window, so a run of 200 spreadsheets lost some to 429. `QuotaPacer`
keeps each kind under its quota in any 60-second window, on an injectable
clock and sleeper.

Errors outside the API (a revoked key, the token endpoint down, a connection
that stays down) become `GoogleUnavailable`, whose message is one line saying
what failed and what to do; `describe` gives the same for an `APIError`.
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import gspread
import requests
import urllib3
from google.auth import exceptions as auth_exceptions
from google.auth.transport.requests import AuthorizedSession, Request
from google.oauth2 import service_account
from gspread.exceptions import APIError
from gspread.http_client import FileType, HTTPClient, ParamsType
from gspread.urls import SPREADSHEET_BATCH_UPDATE_URL
from requests import PreparedRequest, Response, Session
from requests.adapters import HTTPAdapter

from apmon.schemas.messages import text_of
from apmon.schemas.said import SaidError, os_reason
from apmon.schemas.text import Lang
from apmon.templates.google_settings import (  # noqa: F401  (re-exported: the settings were defined here)
    DEFAULT_ENDPOINTS,
    DEFAULT_QUOTA,
    DEFAULT_RETRY,
    GOOGLE_DRIVE_BASE,
    GOOGLE_SHEETS_BASE,
    GOOGLE_TOKEN_URI,
    QUOTA_WINDOW,
    GoogleConfigError,
    GoogleEndpoints,
    GoogleUnavailable,
    QuotaSettings,
    RetryPolicy,
)
from apmon.templates.plan_file import open_to_others

log = logging.getLogger(__name__)

SCOPES: tuple[str, ...] = (
    "https://www.googleapis.com/auth/spreadsheets",
    "https://www.googleapis.com/auth/drive",
)
CREDENTIALS_ENV = "APMON_GOOGLE_CREDENTIALS"
FALLBACK_CREDENTIALS_ENV = "GOOGLE_APPLICATION_CREDENTIALS"

_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def describe(error: BaseException, lang: Lang = "en") -> str:
    """One line for a Google failure in `lang`: an APIError's status, what it means and what to do (where the
    catalogue knows) and Google's message (Google's words), or GoogleUnavailable's text."""
    if isinstance(error, APIError):
        # Its first line, without the full stop: the message goes on after it.
        message = str(error.error.get("message", "")).splitlines()[0].rstrip(".") if error.error.get("message") else ""
        meaning = _meaning(error)
        if meaning is None:
            return text_of("google.answered", lang, code=error.code, message=message or error)
        said = text_of(meaning, lang)
        return text_of("google.answered_meaning", lang, code=error.code, meaning=said, message=message or error)
    return error.said(lang) if isinstance(error, SaidError) else str(error)


class GoogleReason:
    """Why a Google call failed, said in the language of the message it is part of (`describe`)."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def said(self, lang: Lang) -> str:
        return describe(self.error, lang)

    def __str__(self) -> str:
        return describe(self.error)


_RATE_LIMITS = {"userRateLimitExceeded", "rateLimitExceeded", "dailyLimitExceeded"}  # Drive's 403 reasons


def _meaning(error: APIError) -> str | None:
    """The catalogue's key for what Google's answer means. Drive answers 403 both for a rate limit and for a file
    not shared with the service account: its reason tells them apart."""
    body = error.error
    reasons = {str(item.get("reason")) for item in body.get("errors") or [] if isinstance(item, dict)}
    status, message = str(body.get("status", "")), str(body.get("message", ""))
    if reasons & _RATE_LIMITS or error.code == 429 or status == "RESOURCE_EXHAUSTED":
        return "google.meaning.quota"
    if "invalidSharingRequest" in reasons:  # shared with an address that is no Google account, with no e-mail
        return "google.meaning.no_google_account"
    if "storageQuotaExceeded" in reasons or "storage quota" in message:
        return "google.meaning.storage"
    if error.code == 401 or status == "UNAUTHENTICATED":
        return "google.meaning.key"
    if error.code == 403 or status == "PERMISSION_DENIED":
        return "google.meaning.no_access"
    if error.code == 404 or status == "NOT_FOUND":
        return "google.meaning.not_found"
    return "google.meaning.google" if error.code >= 500 else None


GOOGLE_ERRORS: tuple[type[Exception], ...] = (APIError, GoogleUnavailable)


class QuotaPacer:
    """At most `limit` requests in any `window` seconds: a log of the last ones, waiting for the oldest to age out.

    Stricter than a refilling bucket (which lets up to twice the quota through a window edge), so it holds
    whether Google counts per calendar minute or per sliding minute.
    """

    def __init__(
        self,
        limit: int,
        window: float = QUOTA_WINDOW,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._sleep = sleep
        self._sent: list[float] = []
        self.waited = 0.0  # seconds spent waiting, for the run's figures

    def take(self) -> None:
        now = self._clock()
        self._sent = [t for t in self._sent if t > now - self.window]
        if len(self._sent) >= self.limit:
            pause = self._sent[0] + self.window - now
            if pause > 0:
                self._sleep(pause)
                self.waited += pause
            now = self._clock()
            self._sent = [t for t in self._sent if t > now - self.window]
        self._sent.append(now)


# --------------------------------------------------------------------------- credentials


def resolve_credentials_path(credentials_path: str | os.PathLike[str] | None = None) -> Path:
    """The service-account file: the explicit path, else $APMON_GOOGLE_CREDENTIALS, else
    $GOOGLE_APPLICATION_CREDENTIALS."""
    if credentials_path is not None and str(credentials_path).strip():
        return Path(credentials_path).expanduser()
    for name in (CREDENTIALS_ENV, FALLBACK_CREDENTIALS_ENV):
        value = os.environ.get(name, "").strip()
        if value:
            return Path(value).expanduser()
    raise GoogleConfigError("google.no_key", env=CREDENTIALS_ENV)


def load_service_account_info(credentials_path: str | os.PathLike[str] | None = None) -> tuple[Path, dict[str, Any]]:
    """Read and check the service-account JSON; every failure is one `GoogleConfigError`."""
    path = resolve_credentials_path(credentials_path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise GoogleConfigError("google.not_found", path=path, env=CREDENTIALS_ENV) from exc
    except IsADirectoryError as exc:
        raise GoogleConfigError("google.folder", path=path) from exc
    except PermissionError as exc:
        raise GoogleConfigError("google.denied", path=path) from exc
    except UnicodeDecodeError as exc:
        raise GoogleConfigError("google.not_text", path=path) from exc
    except OSError as exc:
        raise GoogleConfigError("google.unreadable", path=path, reason=os_reason(exc)) from exc
    try:
        info = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoogleConfigError(
            "google.not_json", path=path, line=exc.lineno, column=exc.colno, reason=exc.msg
        ) from exc
    if not isinstance(info, dict):
        raise GoogleConfigError("google.not_object", path=path)
    kind = info.get("type")
    if kind != "service_account":
        if "installed" in info or "web" in info or kind == "authorized_user":
            raise GoogleConfigError("google.oauth", path=path)
        raise GoogleConfigError("google.wrong_type", path=path, kind=repr(kind))
    missing = [key for key in ("client_email", "private_key") if not info.get(key)]
    if missing:
        raise GoogleConfigError("google.incomplete", path=path, missing=", ".join(missing))
    # checked last, so a file that is no key at all is told so first; one others may change could be given a key of
    # theirs, and the master written to an account they hold
    if (others_may := open_to_others(path)) in ("read", "change"):
        raise GoogleConfigError("google.key_open" if others_may == "read" else "google.key_writable", path=path)
    return path, info


def load_credentials(
    credentials_path: str | os.PathLike[str] | None = None, endpoints: GoogleEndpoints = DEFAULT_ENDPOINTS
) -> service_account.Credentials:
    """Service-account credentials with Sheets + Drive scopes, refreshing at `endpoints.token_uri`."""
    path, info = load_service_account_info(credentials_path)
    info = {**info, "token_uri": endpoints.token_uri}
    try:
        credentials = service_account.Credentials.from_service_account_info(info, scopes=list(SCOPES))
    except (ValueError, TypeError, IndexError) as exc:
        raise GoogleConfigError("google.bad_key", path=path, reason=exc) from exc
    return credentials


# --------------------------------------------------------------------------- transport


class RedirectAdapter(HTTPAdapter):
    """Rewrites requests for Google's origins to configured bases before sending them."""

    def __init__(self, routes: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.routes = dict(routes)

    def rewrite(self, url: str) -> str:
        for origin, base in self.routes.items():
            if url == origin or url.startswith((origin + "/", origin + "?")):
                return base + url[len(origin) :]
        return url

    def send(self, request: PreparedRequest, *args: Any, **kwargs: Any) -> Response:
        url = request.url or ""
        target = self.rewrite(url)
        if target != url:
            request = request.copy()
            request.url = target
            # Proxies were chosen for the Google URL; a loopback target must never go through them.
            if urlsplit(target).hostname in _LOOPBACK_HOSTS:
                kwargs["proxies"] = {}
        return super().send(request, *args, **kwargs)


def _mount(session: Session, endpoints: GoogleEndpoints) -> None:
    routes = endpoints.routes()
    if routes:
        session.mount("https://", RedirectAdapter(routes))


# --------------------------------------------------------------------------- retrying client


def _retry_after_seconds(response: Response | None) -> float | None:
    if response is None:
        return None
    value = response.headers.get("Retry-After", "").strip()
    try:
        return float(value)
    except ValueError:
        return None  # absent, or an HTTP date: fall back to jittered backoff


def is_retryable(error: APIError) -> bool:
    """429, any 5xx, and Drive's 403 rate-limit errors: userRateLimitExceeded, rateLimitExceeded (lower-case r, so
    no suffix test finds it) and sharingRateLimitExceeded; never dailyLimitExceeded, which lasts the day."""
    code = error.response.status_code if error.response is not None else error.code
    if code == 429 or code >= 500:
        return True
    if code == 403:
        reasons = [str(e.get("reason", "")) for e in error.error.get("errors", []) if isinstance(e, Mapping)]
        return any(reason.lower().endswith("ratelimitexceeded") for reason in reasons)
    return False


class AnswerLost(Exception):
    """A change reached Google, or may have, and its answer was lost: a timeout or a dropped connection after the
    request left, or a 5xx. `error` is what to raise when it stays lost (GoogleUnavailable or gspread's APIError)."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def _never_sent(exc: Exception) -> bool:
    """The request never left: no connection could be made (refused, a connect timeout), or no token was got."""
    if isinstance(exc, requests.ConnectTimeout | auth_exceptions.TransportError):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, urllib3.exceptions.NewConnectionError)


class RetryingHTTPClient(HTTPClient):
    """gspread HTTP client with a bounded, jittered retry on 429 / 5xx."""

    def __init__(
        self,
        auth: Any,
        session: Session | None = None,
        *,
        retry: RetryPolicy = DEFAULT_RETRY,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        quota: QuotaSettings = DEFAULT_QUOTA,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(auth, session)
        self.auth = auth  # HTTPClient sets it only when it builds the session itself; Client.expiry needs it
        self.retry = retry
        self._sleep = sleep
        self._rng = rng or random.Random()
        self.reads = QuotaPacer(quota.reads_per_minute, clock=clock, sleep=sleep)
        self.writes = QuotaPacer(quota.writes_per_minute, clock=clock, sleep=sleep)

    def _pace(self, method: str, endpoint: str) -> None:
        """Sheets requests wait for their quota; Drive's quotas are far larger and are not paced."""
        if urlsplit(endpoint).hostname != urlsplit(GOOGLE_SHEETS_BASE).hostname:
            return
        # values:batchGet and spreadsheets.get are GETs; every POST/PUT (batchUpdate, values writes) is a write.
        (self.reads if method.lower() == "get" else self.writes).take()

    def request(
        self,
        method: str,
        endpoint: str,
        params: ParamsType | None = None,
        data: bytes | None = None,
        json: Mapping[str, Any] | None = None,
        files: FileType = None,
        headers: MutableMapping[str, str] | None = None,
        *,
        once: bool = False,
    ) -> Response:
        """`once`: a change that must not be sent again blindly: a lost answer raises `AnswerLost` (`send_once`);
        an answer saying nothing was done (429, a rate limit) and a request that never left are retried."""
        attempt = 1
        where = endpoint.split("?", 1)[0]
        while True:
            self._pace(method, endpoint)
            try:
                return super().request(method, endpoint, params, data, json, files, headers)
            except APIError as exc:
                if once and exc.code >= 500:
                    raise AnswerLost(exc) from exc
                if attempt >= self.retry.max_attempts or not is_retryable(exc):
                    raise
                failure: object = exc.code
                delay = self.retry.delay(attempt, self._rng, _retry_after_seconds(exc.response))
            except auth_exceptions.RefreshError as exc:
                raise _refused(exc) from exc
            except (requests.ConnectionError, requests.Timeout, auth_exceptions.TransportError) as exc:
                if once and not _never_sent(exc):
                    raise AnswerLost(_unreachable(method, where, exc, attempt)) from exc
                if attempt >= self.retry.max_attempts:
                    raise _unreachable(method, where, exc, attempt) from exc
                failure = type(exc).__name__
                delay = self.retry.delay(attempt, self._rng)
            log.warning(
                "Google API %s %s failed with %s (attempt %d of %d); retrying in %.1f s",
                method.upper(),
                where,
                failure,
                attempt,
                self.retry.max_attempts,
                delay,
            )
            self._sleep(delay)
            attempt += 1


def _refused(exc: auth_exceptions.RefreshError) -> GoogleUnavailable:
    """The token endpoint refused the key (invalid_grant: revoked or deleted key, wrong clock) or failed."""
    text = str(exc.args[0] if exc.args else exc)
    first = text.splitlines()[0][:160]
    if "invalid_grant" in text or "invalid_client" in text or "unauthorized_client" in text:
        return GoogleUnavailable("google.refused", reason=first)
    return GoogleUnavailable("google.sign_in", reason=first)


def _unreachable(method: str, where: str, exc: Exception, attempts: int) -> GoogleUnavailable:
    key = "google.timeout" if isinstance(exc, requests.Timeout) else "google.unreachable"
    host = urlsplit(where).hostname or where
    return GoogleUnavailable(key, host=host, attempts=attempts, request=f"{method.upper()} {urlsplit(where).path}")


def send_once(
    client: gspread.Client,
    method: str,
    endpoint: str,
    *,
    json: Mapping[str, Any],
    made: Callable[[], dict[str, Any] | None],
    params: ParamsType | None = None,
) -> dict[str, Any]:
    """Send a change Google must make once (create a file, add sheets) and give its JSON answer.

    When the answer is lost, `made()` looks whether Google made the change (by a marker the change sets) and gives
    the answer to use instead (`{"id": ...}` of the file found), or None: only then is the change sent again, at
    most `RetryPolicy.max_attempts` times in all. A client that is not apmon's sends once, as gspread does.
    """
    http = client.http_client
    if not isinstance(http, RetryingHTTPClient):
        reply: dict[str, Any] = http.request(method, endpoint, params=params, json=json).json()
        return reply
    attempt = 1
    while True:
        try:
            reply = http.request(method, endpoint, params=params, json=json, once=True).json()
            return reply
        except AnswerLost as lost:
            found = made()
            where = endpoint.split("?", 1)[0]
            if found is not None:
                log.warning("Google API %s %s: the answer was lost, but Google made the change", method.upper(), where)
                return found
            if attempt >= http.retry.max_attempts:
                raise lost.error from lost
            delay = http.retry.delay(attempt, http._rng)
            log.warning(
                "Google API %s %s: the answer was lost and Google did not make the change (attempt %d of %d); "
                "sending it again in %.1f s",
                method.upper(),
                where,
                attempt,
                http.retry.max_attempts,
                delay,
            )
            http._sleep(delay)
            attempt += 1


def batch_update_once(client: gspread.Client, spreadsheet_id: str, requests: list[Any], adds_sheet: int) -> None:
    """A spreadsheet's structure batch (spreadsheets.batchUpdate), sent once (`send_once`): Google applies a batch
    all or nothing, so the sheet `adds_sheet` (the id of a sheet it adds) is there exactly when it was applied."""
    send_once(
        client,
        "post",
        SPREADSHEET_BATCH_UPDATE_URL % spreadsheet_id,
        json={"requests": requests},
        made=lambda: {} if has_sheet(client, spreadsheet_id, adds_sheet) else None,
    )


def has_sheet(client: gspread.Client, spreadsheet_id: str, sheet_id: int) -> bool:
    """Whether the spreadsheet has a sheet of that id now."""
    metadata = client.http_client.fetch_sheet_metadata(spreadsheet_id, params={"fields": "sheets.properties.sheetId"})
    return sheet_id in {s.get("properties", {}).get("sheetId", 0) for s in metadata.get("sheets", [])}


def make_client(
    credentials_path: str | os.PathLike[str] | None = None,
    endpoints: GoogleEndpoints = DEFAULT_ENDPOINTS,
    retry: RetryPolicy = DEFAULT_RETRY,
    *,
    timeout: float | None = 60.0,
    sleep: Callable[[float], None] = time.sleep,
    rng: random.Random | None = None,
    quota: QuotaSettings = DEFAULT_QUOTA,
    clock: Callable[[], float] = time.monotonic,
) -> gspread.Client:
    """A gspread client for the service account, talking to `endpoints`, retrying per `retry`.

    No network I/O happens here; the first API call fetches the token.
    `timeout` bounds every HTTP wait (seconds; None waits forever, which an
    unattended job should not); a request past it is retried like a 5xx.
    `quota` paces Sheets requests; `clock` and `sleep` are injectable for tests.
    """
    credentials = load_credentials(credentials_path, endpoints)

    # The refresh session: google-auth posts the JWT grant through it.
    auth_session = Session()
    _mount(auth_session, endpoints)
    session = AuthorizedSession(credentials, auth_request=Request(auth_session), refresh_timeout=timeout)
    _mount(session, endpoints)

    client = gspread.Client(credentials, session=session)
    client.http_client = RetryingHTTPClient(
        credentials, session, retry=retry, sleep=sleep, rng=rng, quota=quota, clock=clock
    )
    client.set_timeout(timeout)
    return client


# --------------------------------------------------------------------------- reads


def batch_get_values(
    client: gspread.Client, spreadsheet_id: str, ranges: Iterable[str], *, numbers: bool = False
) -> dict[str, list[list[str | int | float | bool]]]:
    """Every range's values in one `values:batchGet` request: as the cells show them (FORMATTED_VALUE), or, with
    `numbers`, a number as the cell holds it (UNFORMATTED_VALUE) and a date or time still as the cell shows it
    (dateTimeRenderOption FORMATTED_STRING). Text is text either way.

    Keys are the ranges exactly as passed. Rows are as Google returns them:
    trailing empty cells and trailing empty rows are dropped, so rows may be
    ragged and an empty range maps to [].
    """
    wanted = list(dict.fromkeys(ranges))  # Google answers duplicates twice; one is enough
    if not wanted:
        return {}
    params: ParamsType = {"valueRenderOption": "FORMATTED_VALUE", "majorDimension": "ROWS"}
    if numbers:
        params.update(valueRenderOption="UNFORMATTED_VALUE", dateTimeRenderOption="FORMATTED_STRING")
    reply = client.http_client.values_batch_get(spreadsheet_id, wanted, params=params)
    value_ranges = reply.get("valueRanges", [])
    if len(value_ranges) != len(wanted):
        raise ValueError(
            f"values:batchGet for spreadsheet {spreadsheet_id} answered {len(value_ranges)} ranges "
            f"for {len(wanted)} requested"
        )
    return {
        name: [[_cell(cell, numbers) for cell in row] for row in value_range.get("values", [])]
        for name, value_range in zip(wanted, value_ranges, strict=True)
    }


def _cell(value: Any, numbers: bool) -> str | int | float | bool:
    """A cell of a values answer: a string, or with `numbers` also the number or TRUE/FALSE that Google gives."""
    if numbers and isinstance(value, int | float | bool):
        return value
    return str(value)
