"""Benchmark of the coach over the labelled corpus: median and p95 time per item (budget 2 ms,
ARCHITECTURE.md, Budgets).

Run it from the repository root: `python tests/bench/bench_coach.py [rounds]`. It is a script, not a
test (pytest collects only test_*.py), so slow CI machines never fail on timing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.coach_corpus import KEY_RESULTS, OBJECTIVES  # noqa: E402
from workshop.coach import review_key_result, review_objective  # noqa: E402

BUDGET_MS = 2.0


def time_reviews(rounds: int) -> list[float]:
    """Milliseconds per review, every corpus item reviewed once per round."""
    timings = []
    for _ in range(rounds):
        for sample in OBJECTIVES:
            started = time.perf_counter()
            review_objective(sample.text)
            timings.append((time.perf_counter() - started) * 1000)
        for sample in KEY_RESULTS:
            started = time.perf_counter()
            review_key_result(sample.text, sample.kind, sample.stages)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> int:
    from tests.bench.budget import Figure, median, p95, report

    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    time_reviews(1)  # warm the caches, as the app has by the time anyone types
    timings = time_reviews(rounds)
    return report(f"coach: {len(timings)} reviews of {len(OBJECTIVES) + len(KEY_RESULTS)} items (ms per item)", [
        Figure("one item, p95", p95(timings), BUDGET_MS),
        Figure("one item, median", median(timings), BUDGET_MS),
    ], note=f"slowest item {max(timings):.3f} ms (shared 2-core machine: figures are noisy)")


if __name__ == "__main__":
    sys.exit(main())
