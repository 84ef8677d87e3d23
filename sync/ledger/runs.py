"""The sync runs in the ledger: started, finished or cut short, and when the master was last written."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import RowMapping, exists, func, select

from apmon.schemas.institutions import CODE_PATTERN
from apmon.sync.ledger.database import Database
from apmon.sync.ledger.schema import (
    MovedFolder,
    MovedInside,
    RunRow,
    Trigger,
    arrivals_table,
    runs_table,
)

INTERRUPTED = "interrupted: the run stopped before it finished (killed, crashed or shut down)"


class Runs(Database):
    def start_run(self, trigger: Trigger, started_at: dt.datetime) -> int:
        if trigger not in ("cli", "schedule", "addin", "demo"):
            raise ValueError(f"trigger {trigger!r}: expected cli, schedule, addin or demo")
        with self._tx() as conn:
            result = conn.execute(
                runs_table.insert().values(
                    started_at=started_at, trigger=trigger, files_seen=0, files_changed=0, versions_added=0, errors="[]"
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def finish_run(
        self,
        run_id: int,
        finished_at: dt.datetime,
        *,
        files_seen: int,
        files_changed: int,
        versions_added: int,
        errors: Sequence[str],
        moved: Sequence[MovedFolder] = (),
        moved_inside: Sequence[MovedInside] = (),
    ) -> None:
        shifts = [m.model_dump() for m in [*moved, *moved_inside]]
        self._update_run(
            run_id,
            finished_at=finished_at,
            files_seen=files_seen,
            files_changed=files_changed,
            versions_added=versions_added,
            errors=json.dumps(list(errors), ensure_ascii=False),
            moved=json.dumps(shifts, ensure_ascii=False) if shifts else None,
        )

    def note_moved(self, run_id: int, moved: Sequence[MovedFolder], moved_inside: Sequence[MovedInside] = ()) -> None:
        """The folders (and subfolders inside one) found moved that run `run_id` tells of before it has taken over a
        file (an interrupted run's); each file it takes over is counted on top (`Ledger.take_over`,
        `Ledger.take_over_inside`)."""
        shifts = [m.model_dump() for m in [*moved, *moved_inside]]
        self._update_run(run_id, moved=json.dumps(shifts, ensure_ascii=False))

    def note_run_errors(self, run_id: int, errors: Sequence[str]) -> None:
        """A finished run's errors, again with those met after it was recorded (writing the masters)."""
        self._update_run(run_id, errors=json.dumps(list(errors), ensure_ascii=False))

    def close_interrupted_runs(self, current: int, at: dt.datetime) -> list[RunRow]:
        """Runs other than `current` that never finished (killed, crashed, the machine went down), marked as
        interrupted at `at` and returned as they were. Their notices, which `current` is to say, are `current`'s
        now: cut short too, it leaves them to the next run. Call it holding the lock: no other run is going on."""
        r = runs_table.c
        with self._tx() as conn:
            rows = conn.execute(select(runs_table).where(r.finished_at.is_(None), r.id != current)).mappings().all()
            cut = [_run_row(row) for row in rows]
            for run in cut:
                errors = [*run.errors, INTERRUPTED]
                conn.execute(
                    runs_table.update().where(r.id == run.id).values(finished_at=at, errors=json.dumps(errors))
                )
            if carried := [line for run in cut for line in run.notices]:
                said = json.dumps(carried, ensure_ascii=False)
                conn.execute(runs_table.update().where(r.id == current).values(notices=said))
        return cut

    def note_not_read(
        self,
        run_id: int,
        by_source: Mapping[str, Collection[tuple[str, str]] | None],
        unreadable: Mapping[str, Collection[tuple[str, str]]] | None = None,
    ) -> None:
        """What run `run_id` could not read of each source it synced: the (institution, period) of the reports whose
        files are there but were not read, or None for a source it could not list at all. Kept with the run: the
        last run that kept a list is the one asked (a report read since, or gone, or of a source no longer configured,
        is no longer waited for), and a report made again as of an earlier moment asks the last run finished by
        then. A file named as apmon names templates but with no institution code where the code goes is no
        institution's report: not kept. `unreadable`: of them, by source, those whose file could not be read for a
        reason of its own, kept marked so: nothing waits for them (`reports_not_read(held_only=True)`)."""
        lasting = unreadable or {}

        def entry(source: str, code: str, period: str) -> list[str]:
            return [code, period, *(["unreadable"] if (code, period) in lasting.get(source, ()) else [])]

        kept = {
            source: None
            if reports is None
            else [
                entry(source, code, period) for code, period in sorted(set(reports)) if re.fullmatch(CODE_PATTERN, code)
            ]
            for source, reports in by_source.items()
        }
        self._update_run(run_id, not_read=json.dumps(kept, ensure_ascii=False))

    def _not_read(self, by: dt.datetime | None) -> dict[str, list[list[str]] | None]:
        """The list of the last run that kept one (`note_not_read`); when `by` is given, of those finished by then:
        the ledger as it stood at `by` (a run keeps its list as it finishes, so one still running then had none)."""
        r = runs_table.c
        query = select(r.not_read).where(r.not_read.is_not(None))
        if by is not None:
            query = query.where(r.finished_at <= by)
        with self._tx() as conn:
            found = conn.execute(query.order_by(r.id.desc()).limit(1)).scalar()
        return json.loads(found) if found is not None else {}

    def reports_not_read(
        self,
        of_source: Callable[[str], bool] = lambda source: True,
        *,
        by: dt.datetime | None = None,
        held_only: bool = False,
    ) -> set[tuple[str, str]]:
        """(institution, period) of the reports whose files the last run saw but could not read (`note_not_read`);
        `of_source`: of the sources it accepts only (those still configured: one taken out waits for nothing); `by`:
        the last run finished by then (a report made again as of that moment); `held_only`: not those whose file
        could not be read for a reason of its own (nothing waits for them)."""
        listed = self._not_read(by)
        return {
            (code, period)
            for source, reports in listed.items()
            if of_source(source)
            for code, period, *why in reports or []
            if not (held_only and why)
        }

    def sources_not_listed(self, of_source: Callable[[str], bool] = lambda source: True) -> list[str]:
        """The sources the last run could not list at all: who has sent a report there is not known. `of_source`:
        as `reports_not_read`."""
        return sorted(
            source for source, reports in self._not_read(None).items() if reports is None and of_source(source)
        )

    def sources_synced(self) -> set[str]:
        """The sources the last run that kept a list (`note_not_read`) synced, listed or not: none before the first
        run, nor in a ledger of an apmon that kept no such list."""
        return set(self._not_read(None))

    def master_written(
        self,
        run_id: int,
        at: dt.datetime,
        basis: str | None = None,
        *,
        arrivals: int,
        file: str | None = None,
        master_stat: tuple[int, int] | None = None,
    ) -> None:
        """The run wrote the master at `at`, from the ledger as it was when it held `arrivals` arrivals
        (`arrival_count`, read before the master was made), to `file` (a name beside the configured master: the
        master's own, or `<stem>.apmon.xlsx` when the master was left alone). `master_stat`: the master file's
        (mtime_ns, size) as the write left it (`master_left`)."""
        mtime_ns, size = master_stat if master_stat is not None else (None, None)
        values = {"master_written_at": at, "master_basis": basis, "master_arrivals": arrivals, "master_file": file}
        self._update_run(run_id, **values, master_mtime_ns=mtime_ns, master_size=size)

    def arrival_count(self) -> int:
        """How many arrivals the ledger holds: read before the master is made from the ledger, and recorded with it."""
        with self._tx() as conn:
            return int(conn.execute(select(func.count()).select_from(arrivals_table)).scalar_one())

    def master_basis(self) -> str | None:
        """The basis recorded by the last master write (None when there was none or it recorded none)."""
        r = runs_table.c
        query = select(r.master_basis).where(r.master_written_at.is_not(None)).order_by(r.id.desc()).limit(1)
        with self._tx() as conn:
            return conn.execute(query).scalar()

    def master_file(self) -> str | None:
        """The name of the file the last master write went to (None when there was none, or an apmon before it kept
        the name wrote it: the master itself)."""
        return self.master_left()[0]

    def master_left(self) -> tuple[str | None, tuple[int, int] | None]:
        """The last master write's file (`master_file`) and the master file's (mtime_ns, size) as that write left
        it (None when there was no write, or an apmon before it kept them wrote it)."""
        r = runs_table.c
        last = select(r.master_file, r.master_mtime_ns, r.master_size).where(r.master_written_at.is_not(None))
        with self._tx() as conn:
            row = conn.execute(last.order_by(r.id.desc()).limit(1)).first()
        if row is None:
            return None, None
        file, mtime_ns, size = row
        return file, (int(mtime_ns), int(size)) if mtime_ns is not None and size is not None else None

    def _update_run(self, run_id: int, **values: Any) -> None:
        with self._tx() as conn:
            if conn.execute(runs_table.update().where(runs_table.c.id == run_id).values(**values)).rowcount == 0:
                raise KeyError(f"no run {run_id} in the ledger")

    def last_run(self) -> RunRow | None:
        with self._tx() as conn:
            row = conn.execute(select(runs_table).order_by(runs_table.c.id.desc()).limit(1)).mappings().first()
        return _run_row(row) if row else None

    def runs(self) -> list[RunRow]:
        with self._tx() as conn:
            return [_run_row(row) for row in conn.execute(select(runs_table).order_by(runs_table.c.id)).mappings()]

    def master_stale(self) -> bool:
        """True when the master misses something the ledger holds: more arrivals now than the last master was made
        from (any, when no master was written), or a last master whose count was not kept (written by an apmon before
        it kept one). So an arrival recorded while the master was being written (an add-in's Submit), and a crash
        between the ledger write and the master write, are both repaired by the next run, whichever run that is.

        A count, not the last arrival's id or time: arrivals are never deleted, so every one committed after the
        count was read makes it larger, while PostgreSQL numbers rows as they are inserted, not as they are
        committed, and a clock may run ahead."""
        r = runs_table.c
        # The last write is the latest run's that wrote, not the latest time: a clock may have run ahead.
        last_write = select(r.master_arrivals).where(r.master_written_at.is_not(None)).order_by(r.id.desc()).limit(1)
        written = exists().where(r.master_written_at.is_not(None))
        held = select(func.count()).select_from(arrivals_table).scalar_subquery()
        with self._tx() as conn:  # one query: a run with nothing new asks it every time
            was_written, made_from, arrivals = conn.execute(select(written, last_write.scalar_subquery(), held)).one()
        if not was_written:
            return arrivals > 0
        return made_from is None or arrivals > made_from


def _run_row(row: RowMapping) -> RunRow:
    data = dict(row)
    data["errors"] = json.loads(data["errors"])
    shifts = json.loads(data["moved"] or "[]")  # none: no folder moved, or a run before runs kept it
    data["moved"] = [m for m in shifts if "source" not in m]
    data["moved_inside"] = [m for m in shifts if "source" in m]
    data["notices"] = json.loads(data.get("notices") or "[]")
    return RunRow.model_validate(data)
