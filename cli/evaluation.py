"""`apmon evaluation set|comment`: the Coordinator's decision on an activity's annual assessment, and the comments
of the Working Group members and civil society representatives, recorded in the ledger (append-only)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from apmon.cli import common
from apmon.cli.common import ConfigOption, JsonOption, LangOption, fail, out

if TYPE_CHECKING:
    from apmon.schemas.text import Lang

evaluation_app = typer.Typer(
    help="The annual evaluation (seed 10.3): record the Coordinator's decision on an activity's assessment, or a "
    "comment on it. Nothing is ever changed or deleted: a newer decision stands, the earlier ones are kept.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

ActivityArgument = Annotated[str, typer.Argument(help="The activity's number in the plan, e.g. 2.1.")]
YearOption = Annotated[int, typer.Option("--year", help="The year evaluated, YYYY.")]


@evaluation_app.command("set")
def set_assessment(
    activity: ActivityArgument,
    year: YearOption,
    assessment: Annotated[
        str,
        typer.Option(
            "--assessment",
            help="completed, partially-completed or not-completed (or the words in Serbian: realizovana, "
            "delimično realizovana, nije realizovana).",
        ),
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why: kept with the decision and shown in the report.")],
    by: Annotated[
        str | None,
        typer.Option(
            "--by", help="Who decides. Default: `coordinator` in `[reports]` of the configuration, else the user name."
        ),
    ] = None,
    lang: LangOption = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record the Coordinator's decision on an activity's assessment for --year; the annual report shows it in place
    of the proposed assessment, with its reason and author."""
    from apmon.schemas.messages import text_of
    from apmon.sync.evaluation import EvaluationError, decision_typed
    from apmon.sync.evaluation import set_assessment as record

    settings, language = common.config_and_lang(config, lang)
    if not reason.strip():  # a usage error, as a comment's missing --text or --by: exit 2
        raise fail(text_of("evaluation.no_reason", language), 2, language)
    plan, _ = common.load_plan_and_registry(None, None, settings, language)
    author = common.decided_by(by, settings)
    try:
        # refused before the ledger is opened: a refusal makes none
        decision_typed(
            plan, activity=activity, year=year, assessment=assessment, reason=reason, author=author, lang=language
        )
        with common.ledger_open(settings, language) as ledger:
            warning = common.empty_ledger_warning(ledger, "record_cli.empty_ledger", language)
            done = record(
                plan,
                ledger,
                activity=activity,
                year=year,
                assessment=assessment,
                reason=reason,
                author=author,
                at=dt.datetime.now(dt.UTC),
                lang=language,
            )
    except EvaluationError as exc:
        raise _refused(exc, language) from exc
    _show(done, as_json)
    common.warn(warning)


@evaluation_app.command("comment")
def comment(
    activity: ActivityArgument,
    year: YearOption,
    text: Annotated[str, typer.Option("--text", help="The comment.")],
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="Who gives it: the Working Group member's institution or the civil society "
            'representative, e.g. "ASTRA (civil society)".',
        ),
    ] = None,
    lang: LangOption = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record a comment on an activity for --year: the annual report shows it beside the activity (seed 10.1: the
    Working Group members and the civil society representatives take part on an equal footing)."""
    from apmon.schemas.messages import text_of
    from apmon.sync.evaluation import EvaluationError, add_comment, comment_typed

    settings, language = common.config_and_lang(config, lang)
    if not (by or "").strip():  # someone else's word: the Coordinator's user name would put it in his mouth
        raise fail(
            text_of("evaluation.no_author", language, author=text_of("evaluation.example_author", language)),
            2,
            language,
        )
    if not text.strip():  # a usage error the user corrects, as a missing --by: exit 2 (usage errors of every command)
        raise fail(text_of("evaluation.no_text", language), 2, language)
    plan, _ = common.load_plan_and_registry(None, None, settings, language)
    author = by or ""
    try:
        # refused before the ledger is opened: a refusal makes none
        comment_typed(plan, activity=activity, year=year, author=author, text=text, lang=language)
        with common.ledger_open(settings, language) as ledger:
            warning = common.empty_ledger_warning(ledger, "record_cli.empty_ledger", language)
            done = add_comment(
                plan,
                ledger,
                activity=activity,
                year=year,
                author=author,
                text=text,
                at=dt.datetime.now(dt.UTC),
                lang=language,
            )
    except EvaluationError as exc:
        raise _refused(exc, language) from exc
    _show(done, as_json)
    common.warn(warning)


def _refused(exc: Exception, lang: Lang) -> typer.Exit:
    """The Error line of a decision or comment refused (said in `lang` already): exit 2 for what was typed wrong (an
    activity, a year or an assessment the plan does not have), 1 for a refusal of what it says."""
    from apmon.sync.evaluation import EvaluationUsageError

    return common.usage_error(str(exc), lang) if isinstance(exc, EvaluationUsageError) else fail(str(exc), lang=lang)


def _show(done: object, as_json: bool) -> None:
    from apmon.sync.evaluation import Recorded

    assert isinstance(done, Recorded)
    if as_json:
        common.print_json(done)
    else:
        out.print(done.message, markup=False, highlight=False)
