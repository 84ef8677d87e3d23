"""Where an institution's mail goes ([contacts] in apmon.toml): the configuration checks the addresses with this
small module alone, so that a sync run loads none of the reminders' code unless it sends mail."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from apmon.schemas.said import SaidValueError
from apmon.schemas.text import Lang

# One address: a local part, @, a domain with a dot; no spaces, commas or angle brackets (one address per entry).
_ADDRESS = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$"
)


def check_address(value: str) -> str:
    value = value.strip()
    if not _ADDRESS.match(value):
        raise SaidValueError("invalid.email", value=repr(value))
    return value


class Contact(BaseModel):
    """Where an institution's mail goes: `to` (at least one), `cc`, and the language it is written in."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    to: list[str] = Field(min_length=1, description="Addresses the mail is sent to.")
    cc: list[str] = Field(default_factory=list, description="Addresses that get a copy.")
    lang: Lang = Field(default="sr-Latn", description="sr-Latn, sr-Cyrl or en.")

    @field_validator("to", "cc")
    @classmethod
    def _addresses(cls, values: list[str]) -> list[str]:
        return [check_address(v) for v in values]
