"""%alloc and %profile through the real kernel, on JDK 17 and JDK 25.

Short settings keep the whole module near three minutes on a two-core machine:
JMH runs -f 1 with sub-second iterations, the instrumented run uses its quick
budget (--quick is not used for JMH because its 2 x 200 ms warm-up can end
before C2 has compiled the benchmark, and escape analysis needs C2).
"""
import os

import pytest

from conftest import displays, error_text, run, stdout_text

JMH = "-f 1 -wi 4 -w 250ms -i 2 -r 250ms"
JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64"
JDKS = ["17"] + (["25"] if os.path.isdir(JDK25) else [])


@pytest.fixture(scope="module")
def session(kernel):
    """A record defined in an earlier cell, created and dropped by a benchmark."""
    km, kc = kernel
    reply, msgs = run(kc, "record P(int x, int y) {}")
    assert reply["status"] == "ok", error_text(msgs)
    return kc


def report(msgs):
    found = [d["application/json"] for d in displays(msgs) if "application/json" in d]
    assert len(found) == 1, [sorted(d) for d in displays(msgs)]
    return found[0]


def by_name(rep):
    return {b["benchmark"]: b for b in rep["benchmarks"]}


ALLOC_CELL = """int i = 1000;
@Benchmark public Object bytes() { return new byte[1000]; }
@Benchmark public Object boxed() { return Integer.valueOf(i); }
@Benchmark public int rec() { P p = new P(i, i + 1); return p.x() + p.y(); }
@Benchmark public String format() { return String.format("%d", i); }
@Benchmark public String toStr() { return Integer.toString(i); }"""


@pytest.mark.parametrize("jdk", JDKS)
def test_alloc_bytes_counts_and_escape_analysis(session, jdk):
    reply, msgs = run(session, f"%%alloc {JMH} --no-escape --jvm {jdk}\n{ALLOC_CELL}", timeout=240)
    assert reply["status"] == "ok", error_text(msgs)
    rep = report(msgs)
    b = by_name(rep)
    assert b["bytes"]["bytes_per_op"] == pytest.approx(1016, abs=1)
    assert b["bytes"]["allocs_per_op"] == 1
    assert b["bytes"]["requested_bytes_per_op"] == 1016
    site = [s for s in b["bytes"]["sites"] if not s["sampled"]][0]
    assert site["type"] == "byte[]" and site["line"] == 3, site
    assert b["boxed"]["bytes_per_op"] == pytest.approx(16, abs=1)
    # created and dropped: escape analysis removes it after the JIT, the bytecode still asks for it
    assert b["rec"]["bytes_per_op"] < 2, b["rec"]
    assert b["rec"]["allocs_per_op"] == 1
    assert b["rec"]["no_escape_bytes_per_op"] >= 16, b["rec"]
    assert b["format"]["allocs_per_op"] > b["toStr"]["allocs_per_op"] + 2
    assert any(str(v).startswith(jdk + ".") for v in rep["environment"].values()), rep["environment"]
    assert any(f.endswith(".jfr") for f in rep["files"]), rep["files"]
    out = stdout_text(msgs)
    assert "before escape analysis" in out, out
    flames = [d for d in displays(msgs) if "<svg" in d.get("text/html", "")]
    assert flames and all("image/svg+xml" not in d for d in flames), "flame graphs, each SVG stored once"


def test_line_form_measures_an_expression(session):
    reply, msgs = run(session, "%alloc -f 1 -wi 2 -w 200ms -i 1 -r 200ms --top 3 new byte[1000]", timeout=180)
    assert reply["status"] == "ok", error_text(msgs)
    rep = report(msgs)
    assert rep["bytes_per_op"] == pytest.approx(1016, abs=1)
    assert rep["allocs_per_op"] == 1 and rep["requested_bytes_per_op"] == 1016
    assert [s["line"] for s in rep["sites"] if not s["sampled"]] == [1]


def test_top_site_flips_between_bytes_and_count(session):
    cell = ("@Benchmark public void mixed(Blackhole bh) {\n"
            "    bh.consume(new byte[100_000]);\n"
            "    for (int k = 0; k < 1000; k++) bh.consume(String.valueOf(k + 1_000_000));\n"
            "}")
    tops = {}
    for by in ("bytes", "count"):
        reply, msgs = run(session, f"%%alloc -f 1 -wi 1 -w 200ms -i 1 -r 200ms --by {by}\n{cell}", timeout=180)
        assert reply["status"] == "ok", error_text(msgs)
        exact = [s for s in report(msgs)["sites"] if not s["sampled"]]
        tops[by] = (exact[0]["type"], exact[0]["line"])
    assert tops["bytes"] == ("byte[]", 3), tops
    assert tops["count"][1] == 4 and tops["count"] != tops["bytes"], tops


@pytest.mark.parametrize("jdk", JDKS)
def test_profile_names_the_hot_method_first(session, jdk):
    reply, msgs = run(session, "static long hot(int n) { long s = 0; for (int i = 0; i < n; i++) "
                               "s += Long.numberOfTrailingZeros(i * 0x9E3779B97F4A7C15L) ^ (s >>> 3); return s; }\n"
                               "static long cold(int n) { long s = 0; for (int i = 0; i < n; i++) s += i % 7; return s; }\n"
                               "static long total;")
    assert reply["status"] == "ok", error_text(msgs)
    reply, msgs = run(session, f"%%profile --duration 2s --jvm {jdk}\ntotal += hot(3_000_000);\ntotal += cold(300_000);",
                      timeout=120)
    assert reply["status"] == "ok", error_text(msgs)
    rep = report(msgs)
    assert rep["samples"] > 100, rep["samples"]
    assert rep["frames"][0]["method"].endswith(".hot"), rep["frames"][:3]
    flames = [d for d in displays(msgs) if "<svg" in d.get("text/html", "")]
    assert len(flames) == 1 and "image/svg+xml" not in flames[0], "a flame graph, its SVG stored once"


def test_bad_options_are_usage_errors(session):
    reply, msgs = run(session, "%%alloc --by weight\nnew byte[1]")
    assert reply["status"] == "error" and "--by must be bytes or count" in error_text(msgs)
    reply, msgs = run(session, "%%profile --event heap\nint x = 1;")
    assert reply["status"] == "error" and "--event must be cpu, wall, alloc or lock" in error_text(msgs)
