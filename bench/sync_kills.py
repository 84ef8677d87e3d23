"""What a sync run killed at a random moment leaves behind: `kill -9` of `apmon sync run`, then the next run.

The demo's 265 report files are synced into a fresh ledger by `apmon sync run`, killed with SIGKILL at a random
moment of that run (seeded), as the out-of-memory killer or a power cut would stop it. Then, as an operator
would, a second `apmon sync run` follows. For each kill it prints when the kill came, whether parse workers
outlived the killed run, the next run's exit code and what it repaired, and whether every file's version is
in the ledger afterwards (counted from the files themselves, by their SHA-256, not by apmon) with no run left
unfinished. The table in docs/reliability.md is this script's output.

    .venv/bin/python bench/sync_kills.py [--kills N] [--seed S]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APMON = [sys.executable, "-c", "from apmon.cli.app import main; main()"]


def apmon(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([*APMON, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def orphans(config: Path) -> list[int]:
    """Processes still running for this configuration (parse workers outliving their run), zombies aside."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "status").read_text()
        except OSError:
            continue
        if str(config).encode() in cmdline and "\nState:\tZ" not in state:
            found.append(int(entry.name))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--kills", type=int, default=12)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo"
        # In English: the lines read back below are the English ones.
        subprocess.run([*APMON, "demo", "--dir", str(demo), "--lang", "en"], cwd=ROOT, check=True, capture_output=True)
        config = demo / "apmon.toml"
        files = sorted(p for p in (demo / "reports").rglob("*.xlsx"))
        contents = {hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
        start = time.perf_counter()
        full = apmon("sync", "run", "--config", str(config), cwd=ROOT)
        full.communicate()
        cold = time.perf_counter() - start
        print(
            f"{len(files)} report files ({len(contents)} distinct contents); a run into an empty ledger: {cold:.1f} s"
        )
        print("kill at   workers left   next run   repaired                               every version   unfinished")
        # "-": killed before it took the lock (starting up) or after it let go
        held = 0
        for _ in range(args.kills):
            for name in ("ledger.sqlite", "ledger.sqlite-wal", "ledger.sqlite-shm", "master.xlsx"):
                (demo / name).unlink(missing_ok=True)
            shutil.rmtree(demo / "backups", ignore_errors=True)
            at = rng.uniform(0.3, cold)
            run = apmon("sync", "run", "--config", str(config), cwd=ROOT)
            time.sleep(at)
            run.send_signal(signal.SIGKILL)
            run.communicate()
            time.sleep(1.5)  # parse workers notice within half a second that their run is gone
            left = orphans(config)
            for pid in left:
                os.kill(pid, signal.SIGKILL)
            again = apmon("sync", "run", "--config", str(config), cwd=ROOT)
            out, errors = again.communicate()
            if again.returncode != 0:
                print(out, errors, sep="\n", file=sys.stderr)
            repaired = [line.removeprefix("Repaired: ") for line in out.splitlines() if line.startswith("Repaired")]
            try:
                with sqlite3.connect(demo / "ledger.sqlite") as db:
                    stored = {h for (h,) in db.execute("SELECT content_hash FROM versions")}
                    unfinished = db.execute("SELECT count(*) FROM runs WHERE finished_at IS NULL").fetchone()[0]
                    closed = db.execute("SELECT count(*) FROM runs WHERE errors LIKE '%interrupted%'").fetchone()[0]
            except sqlite3.OperationalError:  # a ledger the next run could not even open: nothing is recorded
                stored, unfinished, closed = set(), 0, 0
            complete = contents <= stored
            held += not left and again.returncode == 0 and complete and unfinished == 0
            kinds = {"lock": "lock taken over", "Removed": "temp file removed"}
            found = [word for key, word in kinds.items() if any(key in t for t in repaired)]
            summary = ", ".join([*found, *(["run closed as interrupted"] if closed else [])]) or "-"
            print(
                f"{at:5.2f} s   {len(left):12}   exit {again.returncode:3}   {summary[:37]:37}  "
                f"{'yes' if complete else 'NO':13}   {unfinished}"
            )
        print(f"{held} of {args.kills} kills left nothing blocked, lost or unfinished")


if __name__ == "__main__":
    main()
