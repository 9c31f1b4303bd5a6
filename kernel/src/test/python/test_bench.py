"""%bench through the real kernel: JMH forks with short settings (-f 1 -wi 1 -i 2, 100 ms)."""
import json

import pytest

from conftest import displays, error_text, run, stdout_text

SHORT = "-f 1 -wi 1 -i 2 -w 100ms -r 100ms --no-empty-reference"


@pytest.fixture(scope="module")
def session(kernel):
    """A method defined in an earlier cell: the benchmark calls it in the forked JVM."""
    km, kc = kernel
    reply, msgs = run(kc, "int fib(int n) {\n    return n < 2 ? n : fib(n - 1) + fib(n - 2);\n}")
    assert reply["status"] == "ok", error_text(msgs)
    return kc


def bench(kc, text, timeout=180):
    reply, msgs = run(kc, text, timeout=timeout)
    return reply, msgs


def test_benchmark_calls_a_method_from_an_earlier_cell(session):
    reply, msgs = bench(session, f"%bench {SHORT} fib(15)")
    assert reply["status"] == "ok", error_text(msgs)
    out = stdout_text(msgs)
    assert "bench: " in out and "per op (mean ± 99.9% CI, 1 fork × 2 iterations)" in out, out
    reports = [d["application/json"] for d in displays(msgs) if "application/json" in d]
    assert len(reports) == 1
    row = reports[0]["benchmarks"][0]
    assert row["name"] == "bench" and row["unit"] == "ns/op" and row["score"] > 0
    assert len(row["samples"]) == 2


def test_table_and_chart_arrive_as_separate_display_data(session):
    body = ("@Benchmark public int small() { return fib(5); }\n"
            "@Benchmark public int large() { return fib(15); }")
    reply, msgs = bench(session, f"%%bench {SHORT}\n{body}")
    assert reply["status"] == "ok", error_text(msgs)
    shown = displays(msgs)
    tables = [d for d in shown if "text/html" in d and "large" in d.get("text/plain", "")
              and "image/svg+xml" not in d]
    charts = [d for d in shown if "image/svg+xml" in d]
    assert tables, [sorted(d) for d in shown]
    assert len(charts) == 1 and "application/vnd.vegalite.v5+json" in charts[0]
    # no HTML copy of the chart: it would outrank Vega-Lite in JupyterLab (docs/architecture.md)
    assert "text/html" not in charts[0] and "<svg" in charts[0]["image/svg+xml"]
    report = [d["application/json"] for d in shown if "application/json" in d][0]
    cmp = report["comparisons"][0]
    assert cmp["name"] == "large" and cmp["baseline"] == "small" and cmp["ratio"] > 10


def test_comparison_is_fork_aware_with_an_interval_and_jmh_options_pass_through(session):
    body = ("@Benchmark public int small() { return fib(5); }\n"
            "@Benchmark public int large() { return fib(15); }")
    opts = "-f 3 -wi 1 -i 2 -w 100ms -r 100ms --no-empty-reference -foe false -opi 1 -si true"
    reply, msgs = bench(session, f"%%bench {opts}\n{body}")
    assert reply["status"] == "ok", error_text(msgs)
    shown = displays(msgs)
    report = [d["application/json"] for d in shown if "application/json" in d][0]
    cmp = report["comparisons"][0]
    assert cmp["forks_baseline"] == 3 and cmp["forks_candidate"] == 3
    assert cmp["status"] == "different" and cmp["ci_low"] > 10, cmp
    assert cmp["ci_low"] <= cmp["ratio"] <= cmp["ci_high"]
    assert report["settings"]["jmh_options"] == ["-foe", "false", "-opi", "1", "-si", "true"]
    table = [d["text/plain"] for d in shown if "text/html" in d and "large" in d.get("text/plain", "")][0]
    assert "95% CI" in table, table


def test_one_fork_per_side_says_too_few_forks_instead_of_a_p_value(session):
    body = ("@Benchmark public int small() { return fib(5); }\n"
            "@Benchmark public int large() { return fib(15); }")
    reply, msgs = bench(session, f"%%bench {SHORT}\n{body}")
    assert reply["status"] == "ok", error_text(msgs)
    shown = displays(msgs)
    table = [d["text/plain"] for d in shown if "text/html" in d and "large" in d.get("text/plain", "")][0]
    assert "too few forks (1+1)" in table and "no test" in table, table
    report = [d["application/json"] for d in shown if "application/json" in d][0]
    assert report["comparisons"][0]["status"] == "too_few_forks"
    assert report["comparisons"][0]["p_value"] is None


def test_jmh_options_are_checked_by_jmhs_parser_before_any_fork(session):
    reply, msgs = bench(session, "%bench -opi 0 1 + 1")
    assert reply["status"] == "error"
    assert "JMH refuses the options" in error_text(msgs), error_text(msgs)
    reply, msgs = bench(session, "%bench -rf csv 1 + 1")
    assert reply["status"] == "error"
    assert "not available in %bench" in error_text(msgs), error_text(msgs)


def test_compile_error_points_at_the_cell_line(session):
    reply, msgs = bench(session, "%%bench -f 1\nint a = 1;\nint b = a + nope;\nb")
    assert reply["status"] == "error"
    text = error_text(msgs)
    assert "line 3, col 13: cannot find symbol" in text, text


def test_bad_option_gives_usage(session):
    reply, msgs = bench(session, "%bench -bm fastest 1 + 1")
    assert reply["status"] == "error"
    assert "-bm must be one of" in error_text(msgs)


def test_result_is_a_variable_for_later_cells(session):
    reply, msgs = bench(session, f"%bench {SHORT} -o fibRun fib(10)")
    assert reply["status"] == "ok", error_text(msgs)
    reply, msgs = run(session, 'System.out.println(fibRun.string("benchmarks", 0, "unit"))')
    assert reply["status"] == "ok", error_text(msgs)
    assert stdout_text(msgs).strip() == "ns/op"
