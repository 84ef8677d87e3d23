"""Validation issues as data: a stable kebab-case code, a severity, where it
is (sheet, A1 cell), the value found, and the fields its message needs.

The message itself comes from the catalogue (`schemas.messages`) in the
reader's language, so tests assert codes and cells, never wording.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


NOT_IN_REGISTRY = "institution-not-in-registry"


def institution_not_in_registry(issues: Iterable[Mapping[str, Any]]) -> str | None:
    """The institution code a refused file's hidden sheet gives that the registry lacks (its not-in-registry error's
    value), or None: such a file is nobody's report, but it names whose it would be."""
    return next((str(i["value"]) for i in issues if i.get("code") == NOT_IN_REGISTRY and i.get("value")), None)
