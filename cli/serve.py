"""`apmon serve`: the add-in server for Excel (Office.js, VBA) and Google Sheets."""

from __future__ import annotations

from typing import Annotated

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, fail, out, said


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
    if max_body_mb <= 0:
        raise fail(said("serve.max_body", language, option="--max-body-mb"), 2, language)
    ledger = common.ledger(settings)
    try:
        application = create_app(
            settings, ledger, max_body_bytes=int(max_body_mb * 1024 * 1024), trusted_proxies=trust_proxy or ()
        )
    except DataFileError as exc:
        ledger.close()
        raise common.plan_error(exc, language) from exc
    started = said("serve.started", language, url=f"http://{host}:{port}", ledger=ledger.shown_url, keys="Ctrl+C")
    out.print(started, markup=False)
    try:
        # The app decides which X-Forwarded-For to believe (--trust-proxy); uvicorn's own rewriting is off.
        uvicorn.run(application, host=host, port=port, log_level="info", proxy_headers=False)
    finally:
        ledger.close()
