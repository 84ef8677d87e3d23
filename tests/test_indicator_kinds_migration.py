"""The plan file's indicator kinds are set by a textual, idempotent script (tests/data_migrations)."""

from tests.data_migrations.indicator_kinds import migrate

BEFORE = """\
        indicators:
          - id: "1.3.i4"
            text:
              en: Number of representatives
              sr-Latn: Broj predstavnika
            counts: true
            breakdown:
              - women
              - girls
            doubtful: kept as it is
          - id: "1.3.i6"
            text: Greater level of information
            counts: false
        risks: [Low priority]
"""


def test_only_the_kind_lines_change_and_a_second_run_changes_nothing() -> None:
    after = migrate(BEFORE)
    assert after == BEFORE.replace(
        "            counts: true\n            breakdown:\n              - women\n              - girls\n",
        "            counts: true\n            measure: stock\n"
        "            breakdown: [women, men]  # representatives named: adults, a level\n",
    )
    assert migrate(after) == after
