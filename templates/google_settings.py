"""Google settings as the configuration file holds them: endpoints, retry policy, quotas.

Apart from google_api so that reading the configuration (every command) loads no gspread or google-auth code.
"""

from __future__ import annotations

import random
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from apmon.schemas.said import SaidError, SaidValueError

# The hosts gspread and google-auth use; `GoogleEndpoints` maps each to a base.
GOOGLE_SHEETS_BASE = "https://sheets.googleapis.com"
GOOGLE_DRIVE_BASE = "https://www.googleapis.com"
GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token"


class GoogleConfigError(SaidError):
    """The Google service-account configuration is missing or unusable.

    The message names the file, says what is wrong and what to do (`said(lang)`; str() English); the
    original error is chained with `from`.
    """


class GoogleUnavailable(SaidError):
    """Google could not be reached or refused the service account (not an API answer).

    The message is one line: what failed and what to do (`said(lang)`; str() English).
    """


class GoogleEndpoints(BaseModel):
    """Where Google's APIs live. Defaults are Google's; tests and gateways override them.

    A base may carry a path prefix (`https://gw.example.org/google/sheets`):
    the request path is appended to it unchanged.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    sheets: str = Field(default=GOOGLE_SHEETS_BASE, description="Base URL serving /v4/spreadsheets.")
    drive: str = Field(default=GOOGLE_DRIVE_BASE, description="Base URL serving /drive/v3/files.")
    token_uri: str = Field(default=GOOGLE_TOKEN_URI, description="OAuth 2.0 token endpoint.")

    @field_validator("sheets", "drive", "token_uri")
    @classmethod
    def _absolute_http_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise SaidValueError("invalid.http_url", value=repr(value))
        return value.rstrip("/")

    def routes(self) -> dict[str, str]:
        """Google origin -> configured base, only for the ones that differ."""
        pairs = {GOOGLE_SHEETS_BASE: self.sheets, GOOGLE_DRIVE_BASE: self.drive}
        return {origin: base for origin, base in pairs.items() if origin != base}


class RetryPolicy(BaseModel):
    """Bounded exponential backoff with full jitter.

    Attempt n (1-based) that fails with a retryable status waits a uniform
    random time in [0, min(max_delay, base_delay * 2**(n-1))], or the
    server's numeric Retry-After (capped at `max_retry_after`) when it sent
    one. After `max_attempts` attempts the last `APIError` is raised.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_attempts: int = Field(default=5, ge=1, le=20, description="Attempts in all, the first included.")
    base_delay: float = Field(default=1.0, gt=0, description="Backoff ceiling of the first retry, seconds.")
    max_delay: float = Field(default=32.0, gt=0, description="Largest backoff ceiling, seconds.")
    max_retry_after: float = Field(
        default=60.0, ge=0, description="Longest server Retry-After honoured, seconds (Sheets quotas are per minute)."
    )

    def backoff_ceiling(self, attempt: int) -> float:
        """Upper bound of the jittered wait after failed attempt `attempt` (1-based)."""
        # min() before the power would overflow on absurd attempts; 2**60 is already far past any cap.
        return min(self.max_delay, self.base_delay * 2 ** min(attempt - 1, 60))

    def delay(self, attempt: int, rng: random.Random, retry_after: float | None = None) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after)
        return rng.uniform(0.0, self.backoff_ceiling(attempt))


class QuotaSettings(BaseModel):
    """Requests per minute apmon allows itself against Google Sheets (Google's default per-user quotas)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    reads_per_minute: int = Field(default=60, ge=1, description="Sheets read requests in any 60 s window.")
    writes_per_minute: int = Field(default=60, ge=1, description="Sheets write requests in any 60 s window.")


DEFAULT_ENDPOINTS = GoogleEndpoints()
DEFAULT_RETRY = RetryPolicy()
DEFAULT_QUOTA = QuotaSettings()
QUOTA_WINDOW = 60.0  # seconds: Sheets quotas are per minute
