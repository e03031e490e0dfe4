"""Benchmarks judge what they print: a figure over its budget makes the benchmark exit 1.

Before, most benchmarks printed a budget and exited 0 whatever they measured."""

from __future__ import annotations

from pathlib import Path

from tests.bench.budget import Figure, report

BENCH = Path(__file__).resolve().parent / "bench"


def test_a_figure_over_budget_fails_the_report(capsys):
    assert report("t", [Figure("fast", 3.0, 5.0), Figure("ratio", 2.0, 1.2, floor=1.9, ratio_budget=True)]) == 0
    assert report("t", [Figure("slow", 6.0, 5.0)]) == 1
    assert report("t", [Figure("slower than its floor allows", 3.0, 1.2, floor=2.0, ratio_budget=True)]) == 1
    assert report("t", [Figure("too few", 3.0, 4.0, at_least=True)]) == 1
    printed = capsys.readouterr().out
    assert "measured" in printed and "floor" in printed and "ratio" in printed and "budget" in printed
    assert "OVER BUDGET" in printed


def test_every_benchmark_reports_through_the_judge():
    for bench in sorted(BENCH.glob("bench_*.py")):
        source = bench.read_text()
        assert "report(" in source and "sys.exit(main())" in source, bench.name
