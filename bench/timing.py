"""Timing shared by the benchmarks: warm up once, then time each run."""

from __future__ import annotations

import time
from collections.abc import Callable


def timed(work: Callable[[], object], repeat: int) -> list[float]:
    work()  # warm-up: imports, caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times
