"""`apmon serve`: the add-in server for Excel (Office.js, VBA) and Google Sheets."""

from __future__ import annotations

import errno
import math
import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, fail, out, said
from apmon.cli.help_texts import DEFAULT_CONFIG_NAME

if TYPE_CHECKING:
    from apmon.schemas.text import Lang


def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; keep 127.0.0.1 behind a reverse proxy (HTTPS).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    max_body_mb: Annotated[
        float, typer.Option("--max-body-mb", help="Largest workbook payload accepted, in megabytes (default 10).")
    ] = 10.0,
    trust_proxy: Annotated[
        list[str] | None,
        typer.Option(
            "--trust-proxy",
            help="Address of a reverse proxy whose X-Forwarded-For names the caller (repeatable; e.g. 127.0.0.1 "
            "behind nginx on the same machine). Without it the caller is the TCP peer.",
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Run the add-in server: Validate, Submit and Consolidate for Excel (Office.js, VBA) and Google Sheets.

    Clients call POST /xlwings/custom-scripts-call/{validate,submit,consolidate} with the header
    'Authorization: Bearer <token>' (see `apmon token issue`). See docs/addin.md for HTTPS and deployment.
    """
    import uvicorn  # imported here so that other commands start fast

    from apmon.addin.server import create_app  # sets XLWINGS_LICENSE_KEY before xlwings is imported
    from apmon.templates.plan_file import DataFileError

    settings = common.config(config)
    language = settings.sync.master_lang  # the server's language, and so of what it prints here
    if not 0 < port < 65536:
        raise fail(said("serve.port", language, option="--port", value=port), 2, language)
    max_body_bytes = int(max_body_mb * 1024 * 1024) if math.isfinite(max_body_mb) else 0  # nan, inf: no size
    if max_body_bytes < 1:  # under a byte too: every call would be refused as too large
        raise fail(said("serve.max_body", language, option="--max-body-mb"), 2, language)
    ledger = common.ledger(settings)
    try:
        application = create_app(
            settings,
            ledger,
            max_body_bytes=max_body_bytes,
            trusted_proxies=trust_proxy or (),
            # read again when `apmon institution` names a registry copy in it; absolute: the cwd may change
            config_file=(config or Path(DEFAULT_CONFIG_NAME)).absolute(),
        )
    except DataFileError as exc:
        ledger.close()
        raise common.plan_error(exc, language) from exc
    try:
        _can_listen(host, port)
    except OSError as exc:
        ledger.close()
        raise fail(_not_listening(exc, host, port, language), lang=language) from exc
    started = said("serve.started", language, url=f"http://{host}:{port}", ledger=ledger.shown_url, keys="Ctrl+C")
    out.print(started, markup=False)
    try:
        # The app decides which X-Forwarded-For to believe (--trust-proxy); uvicorn's own rewriting is off. One
        # process whatever WEB_CONCURRENCY says (uvicorn would exit, as it forks workers only from an import string):
        # the calls a minute of each token are counted in this process's memory.
        uvicorn.run(
            application,
            host=host,
            port=port,
            workers=1,
            log_level="info",
            log_config=log_config(),
            proxy_headers=False,
        )
    finally:
        ledger.close()


def log_config() -> dict[str, Any]:
    """The server's log (uvicorn's `log_config`): apmon's loggers and uvicorn's, each line on standard error with
    the time and its UTC offset, the level, the logger and the caller's address as the server sees it after
    --trust-proxy (addin.server.CallerFilter; "-" outside a request). Other libraries' loggers are left alone."""
    from apmon.addin.server import CallerFilter, HideTokens

    line = {"format": "%(asctime)s %(levelname)s %(name)s [%(caller)s] %(message)s", "datefmt": "%Y-%m-%dT%H:%M:%S%z"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"caller": {"()": CallerFilter}, "tokens": {"()": HideTokens}},
        "formatters": {"line": line},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "line",
                "filters": ["caller", "tokens"],
            }
        },
        # uvicorn.error propagates to uvicorn; the access lines have a logger of their own that does not
        "loggers": {
            name: {"handlers": ["stderr"], "level": "INFO", "propagate": False}
            for name in ("apmon", "uvicorn", "uvicorn.access")
        },
    }


def _can_listen(host: str, port: int) -> None:
    """Bind the address once, as uvicorn will, so that a port in use or not allowed is said in the reader's
    language before "the server runs" (uvicorn prints its own English error after it)."""
    family, kind, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    with socket.socket(family, kind) as probe:
        if os.name != "nt":  # as uvicorn does; a port another program listens on is refused all the same
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)


def _not_listening(exc: OSError, host: str, port: int, lang: Lang) -> str:
    from apmon.schemas.said import os_reason

    if exc.errno == errno.EADDRINUSE:
        return said("serve.in_use", lang, address=f"{host}:{port}", option="--port")
    if isinstance(exc, socket.gaierror):
        return said("serve.cannot_listen", lang, address=f"{host}:{port}", reason=said("serve.no_such_host", lang))
    reason = os_reason(exc)
    shown = reason if isinstance(reason, str) else reason.said(lang)
    return said("serve.cannot_listen", lang, address=f"{host}:{port}", reason=shown)
