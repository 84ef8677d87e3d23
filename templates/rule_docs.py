"""The rule catalogue as Markdown: `docs/validation-rules.md` is this text, and a test fails when it is stale."""

from __future__ import annotations

from apmon.schemas.messages import FILE_PROBLEMS, RULES, variant

NOT_KEPT = "file-not-kept"  # not a reason a file cannot be read: what the sync says of a refused file it did not keep

SECTIONS = [
    ("Structure", ("not-an-apmon-template", "unknown-template-version", "metadata-invalid",
                   "institution-not-in-registry", "plan-mismatch",
                   "report-of-earlier-plan", "period-outside-plan", "template-outdated", "wrong-institution",
                   "wrong-period", "sheet-missing", "sheet-renamed", "sheet-copied", "locked-cell-changed",
                   "row-deleted", "row-inserted", "problem-row-outside", "row-moved", "row-duplicated",
                   "column-inserted", "cells-merged", "value-in-hidden-cell")),
    ("Cell values", ("excel-error", "formula-not-calculated", "number-shown-otherwise", "number-direction-controls",
                     "number-right-to-left", "amount-not-a-number", "amount-too-many-decimals", "number-is-a-date",
                     "amount-ambiguous", "amount-number-ambiguous", "amount-number-too-many-decimals",
                     "amount-too-large", "count-not-whole", "count-too-large", "count-negative", "choice-not-in-list",
                     "date-invalid", "date-ambiguous")),
    ("Cover", ("period-not-over", "report-date-in-future", "report-date-impossible",
               "report-date-before-period-end", "cover-preparer-missing", "cover-date-missing")),
    ("Tasks", ("missing-status", "missing-progress", "missing-problem", "completed-before-start", "task-overdue",
               "missing-assessment")),
    ("Money", ("amount-negative", "currency-mismatch", "spent-period-over-year", "spent-year-missing",
               "cumulative-spending-decreased", "annual-spending-below-months", "month-spending-above-annual",
               "spending-above-later-month",
               "spent-over-planned")),
    ("Indicators", ("breakdown-mismatch", "total-missing", "indicator-decreased")),
    ("Content", ("personal-data", "text-too-long", "narrative-results-missing")),
]  # fmt: skip


def rule_catalogue_markdown() -> str:
    lines = [
        "# Validation rules",
        "",
        "Generated from the code (`apmon rules --markdown`); do not edit by hand.",
        "",
        "Every issue has a stable code, a severity and a message in Serbian (Latin and Cyrillic) and English.",
        "**Errors** block consolidation until the institution fixes them; **warnings** do not.",
        "Placeholders in braces are filled with the cell's details; an amount is written as the reader writes it",
        "(5.000,00 in Serbian, 5,000.00 in English).",
        "",
    ]
    listed = [code for _, codes in SECTIONS for code in codes]
    missing = sorted(set(RULES) - set(listed))
    sections = SECTIONS + ([("Other", tuple(missing))] if missing else [])
    for title, codes in sections:
        lines += [f"## {title}", ""]
        for code in codes:
            rule = RULES[code]
            lines += [
                f"### `{code}` ({rule.severity})",
                "",
                rule.meaning,
                "",
                f"Example: {rule.example}",
                "",
                *(f"- {lang}: {variant(code, lang)}" for lang in ("sr-Latn", "sr-Cyrl", "en")),
                "",
            ]
    lines += [
        "## Files that cannot be read",
        "",
        "These stop validation of the file (exit code 2 of `apmon validate`); the file is kept as received, up to "
        "the sync's daily allowance of refused files' content (`file-not-kept`).",
        "",
    ]
    for code in FILE_PROBLEMS:
        if code == NOT_KEPT:
            continue
        lines += [
            f"### `{code}` (error)",
            "",
            *(f"- {lang}: {variant(code, lang)}" for lang in ("sr-Latn", "sr-Cyrl", "en")),
            "",
        ]
    lines += [
        "## Refused files whose content is not kept",
        "",
        "Said by `apmon sync run` beside why a file was refused, once the refused files of its institution's folder "
        "took the day's `refused_mb_per_day`: the ledger records the file without its content.",
        "",
        f"### `{NOT_KEPT}` (warning)",
        "",
        *(f"- {lang}: {variant(NOT_KEPT, lang)}" for lang in ("sr-Latn", "sr-Cyrl", "en")),
        "",
    ]
    return "\n".join(lines)
