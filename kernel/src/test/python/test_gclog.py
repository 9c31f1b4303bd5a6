"""%%gclog through the real kernel: forked JVMs under -Xlog:gc*, small heaps, ~1 s runs.

The raw logs go to pytest's tmp_path with --save so the tests leave nothing behind.
"""
import os

import pytest

from conftest import displays, error_text, run, stdout_text


@pytest.fixture(scope="module")
def session(kernel):
    """A session method the cells call: the fork rebuilds it from the session's code."""
    km, kc = kernel
    reply, msgs = run(kc, "byte[] churn(int kb) {\n    return new byte[kb * 1024];\n}")
    assert reply["status"] == "ok", error_text(msgs)
    return kc


def gclog(kc, args, body, timeout=120):
    reply, msgs = run(kc, f"%%gclog {args}\n{body}", timeout=timeout)
    assert reply["status"] == "ok", error_text(msgs)
    bundles = [d for d in displays(msgs) if "application/json" in d]
    assert len(bundles) == 1, [sorted(d) for d in displays(msgs)]
    return bundles[0]["application/json"], msgs


@pytest.mark.parametrize("gc, collector", [("g1", "G1"), ("parallel", "Parallel")])
def test_steady_allocation_gives_young_collections(session, tmp_path, gc, collector):
    saved = tmp_path / f"{gc}.log"
    data, msgs = gclog(session, f"--gc {gc} -Xmx64m --duration 1s --save {saved}", "sink = churn(64);")
    run0 = data["runs"][0]
    assert run0["collector"] == collector
    assert run0["collections_by_kind"].get("young", 0) >= 3, run0["collections_by_kind"]
    young = [e for e in run0["events"] if e["kind"] == "young"]
    assert young and all(e["pause_ms"] > 0 and e["heap_before_mb"] >= e["heap_after_mb"] for e in young)
    assert run0["pause"]["count"] >= len(young)
    assert run0["pause"]["max_ms"] >= run0["pause"]["p50_ms"] > 0
    assert run0["alloc_rate_mb_s"] > 10
    assert saved.is_file() and f"Using {collector}" in saved.read_text()
    assert str(saved) in stdout_text(msgs)
    # table and chart in separate displays; the chart carries Vega-Lite and SVG
    charts = [d for d in displays(msgs) if "application/vnd.vegalite.v5+json" in d]
    assert charts and all("image/svg+xml" in c for c in charts)
    assert all("text/html" not in c and "<svg" in c["image/svg+xml"] for c in charts)   # see docs/architecture.md


def test_system_gc_is_a_full_collection_with_its_cause(session, tmp_path):
    data, _ = gclog(session, f"--gc g1 -Xmx64m --iterations 1 --save {tmp_path / 'full.log'}", "System.gc();")
    events = data["runs"][0]["events"]
    assert any(e["kind"] == "full" and e["cause"] == "System.gc()" for e in events), events


def test_minus_o_names_the_result_variable_later_cells_read(session, tmp_path):
    data, _ = gclog(session, f"--gc serial -Xmx32m --iterations 1 --save {tmp_path / 'o.log'} -o fullGc",
                    "System.gc();")
    reply, msgs = run(session, 'fullGc.string("runs", 0, "collector") + " " + fullGc.size("runs")')
    assert reply["status"] == "ok", error_text(msgs)
    texts = "".join(d.get("text/plain", "") for d in displays(msgs)) + "".join(
        m["content"]["data"].get("text/plain", "") for m in msgs if m["msg_type"] == "execute_result")
    assert data["runs"][0]["collector"] + " 1" in texts, texts


def test_epsilon_reports_the_out_of_memory_end(session, tmp_path):
    data, msgs = gclog(session, f"--gc epsilon -Xmx64m --duration 20s --save {tmp_path / 'eps.log'}",
                       "sink = churn(1024);")
    run0 = data["runs"][0]
    assert run0["out_of_memory"] is True
    assert run0["collector"] == "Epsilon"
    assert any("OutOfMemoryError after about" in w for w in data["warnings"]), data["warnings"]
    texts = "\n".join(d.get("text/plain", "") for d in displays(msgs))
    assert "WARNING:" in texts and "Epsilon never reclaims memory" in texts


def test_compare_two_collectors_yields_two_runs(session, tmp_path):
    data, msgs = gclog(session, f'-Xmx64m --duration 1s --save {tmp_path / "cmp.log"} '
                                '--compare "--gc serial" "--gc parallel"', "sink = churn(32);")
    assert [r["collector"] for r in data["runs"]] == ["Serial", "Parallel"]
    assert [r["config"] for r in data["runs"]] == ["--gc serial", "--gc parallel"]
    assert all(r["gc_count"] > 0 for r in data["runs"])
    assert (tmp_path / "cmp-1.log").is_file() and (tmp_path / "cmp-2.log").is_file()
    first = displays(msgs)[0]
    assert "GC comparison" in first["text/plain"]


def test_bad_option_is_a_usage_error_not_a_stack_trace(session):
    reply, msgs = run(session, "%%gclog --gc cms\nsink = churn(1);")
    assert reply["status"] == "error"
    text = error_text(msgs)
    assert "unknown collector" in text and "at dev.perfkernel" not in text
