"""Validation issues as data: a stable kebab-case code, a severity, where it
is (sheet, A1 cell), the value found, and the fields its message needs.

The message itself comes from the catalogue (`schemas.messages`) in the
reader's language, so tests assert codes and cells, never wording.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning"]


class Issue(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    severity: Severity
    sheet: str = ""
    cell: str = ""
    value: str | None = Field(default=None, description="The offending value as found (masked for personal data).")
    params: dict[str, Any] = Field(default_factory=dict, description="Fields the message fills in.")

    @property
    def blocks(self) -> bool:
        """Errors block consolidation; warnings do not."""
        return self.severity == "error"
