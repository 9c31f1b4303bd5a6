"""%disasm and %jit through the real kernel, on JDK 17 and JDK 25 (--jvm).

Each test forks a small JVM; the module shares one kernel whose session defines
the methods once.
"""
import os
import re

import pytest

from conftest import displays, error_text, run

JDKS = ["17", "25"]
CPU_FLAGS = set()
if os.path.exists("/proc/cpuinfo"):
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("flags"):
                CPU_FLAGS = set(line.split(":", 1)[1].split())
                break


@pytest.fixture(scope="module")
def session(kernel):
    """Defines the session's methods; returns (kc, {name: execution_count of its cell})."""
    km, kc = kernel
    cells = {
        "add": "int add(int a, int b) {\n    return a + b;\n}",
        "sum": "long sum(int[] xs) {\n    long s = 0;\n    for (int i = 0; i < xs.length; i++) {\n"
               "        s += xs[i];\n    }\n    return s;\n}",
        "bits": "int bits(long x) {\n    return Long.bitCount(x);\n}",
        "Point": "record Point(int x, int y) {}",
        "dist": "int dist(int a, int b) {\n    Point p = new Point(a, b);\n    return p.x() * p.x() + p.y() * p.y();\n}",
    }
    counts = {}
    for name, code in cells.items():
        reply, msgs = run(kc, code)
        assert reply["status"] == "ok", error_text(msgs)
        counts[name] = reply["execution_count"]
    return kc, counts


def magic(kc, code, timeout=120):
    reply, msgs = run(kc, code, timeout=timeout)
    assert reply["status"] == "ok", error_text(msgs)
    bundles = [d for d in displays(msgs) if "application/json" in d]
    assert bundles, msgs
    return bundles[-1]


def c2_instructions(bundle):
    comps = [c for c in bundle["application/json"]["compilations"] if c["tier"] == 4]
    assert comps, bundle["text/plain"]
    return [i for c in comps for i in c["instructions"]]


@pytest.mark.parametrize("jdk", JDKS)
def test_disasm_add_has_add_or_lea(session, jdk):
    kc, counts = session
    b = magic(kc, f"%%disasm add --jvm {jdk}\nint r = 0;\nfor (int i = 0; i < 1000; i++) r = add(r, i);\nsink = r;")
    assert b["application/json"]["method"] == "add"
    ins = c2_instructions(b)
    assert any(i["mnemonic"] in ("add", "lea") for i in ins), b["text/plain"]
    # attributed to the cell that defined add: line 2, `return a + b;`
    assert any(i["line"] == 2 and i.get("cell") == counts["add"] for i in ins), b["text/plain"]
    assert "<details open>" in b["text/html"]
    assert f"JDK {jdk}" in b["text/plain"]


@pytest.mark.parametrize("jdk", JDKS)
def test_disasm_loop_back_edge(session, jdk):
    kc, counts = session
    b = magic(kc, f"%%disasm sum --jvm {jdk} --syntax intel\nint[] xs = new int[512];\nsink = sum(xs);")
    ins = c2_instructions(b)
    back = [i for i in ins if i.get("back_edge")]
    assert back, b["text/plain"]
    assert all(int(i["target"], 16) < int(i["address"], 16) for i in back)
    assert "↺ loop back edge" in b["text/plain"]
    # the loop's lines (3-4 of the sum cell) appear
    assert any(i["line"] in (3, 4) and i.get("cell") == counts["sum"] for i in ins)


@pytest.mark.skipif("popcnt" not in CPU_FLAGS, reason="CPU without popcnt")
@pytest.mark.parametrize("jdk", JDKS)
def test_disasm_bitcount_is_popcnt(session, jdk):
    kc, _ = session
    b = magic(kc, f"%%disasm bits --jvm {jdk}\nlong s = 0;\nfor (int i = 0; i < 1000; i++) s += bits(s * 31 + i);\nsink = s;")
    assert any(i["mnemonic"] == "popcnt" for i in c2_instructions(b)), b["text/plain"]


@pytest.mark.parametrize("jdk", JDKS)
def test_jit_eliminated_allocation_and_none_without_ea(session, jdk):
    kc, counts = session
    body = "int s = 0;\nfor (int i = 0; i < 1000; i++) s += dist(i, s);\nsink = s;"
    b = magic(kc, f"%%jit --jvm {jdk}\n{body}")
    allocs = b["application/json"]["eliminated_allocations"]
    point = [a for a in allocs if a["type"] == "Point"]
    assert point, b["text/plain"]
    assert point[0]["method"] == "dist"
    assert point[0]["line"] == 2 and point[0]["cell"] == counts["dist"], point
    assert "deopts" in b["application/json"] and "inlining" in b["application/json"]

    off = magic(kc, f'%%jit --jvm {jdk} -jvmArgs "-XX:-DoEscapeAnalysis"\n{body}')
    assert not [a for a in off["application/json"]["eliminated_allocations"] if a["type"] == "Point"], off["text/plain"]


def test_disasm_usage_error_is_clear(session):
    kc, _ = session
    reply, msgs = run(kc, "%disasm add --tier c9")
    assert reply["status"] == "error"
    text = error_text(msgs)
    assert "--tier must be c2, c1 or all" in text
    assert "Exception" not in text and "\tat " not in text


def test_disasm_end_to_end_time(fresh_kernel):
    """A figure, not a benchmark gate: prints first (cold kernel) and warm %disasm times; fails only far off."""
    import time
    km, kc = fresh_kernel
    reply, msgs = run(kc, "int add(int a, int b) {\n    return a + b;\n}")
    assert reply["status"] == "ok", error_text(msgs)
    cell = "%%disasm add{}\nint r = 0;\nfor (int i = 0; i < 1000; i++) r = add(r, i);\nsink = r;"
    for label, opt in (("cold, kernel JDK", ""), ("warm, kernel JDK", ""), ("warm, --jvm 25", " --jvm 25")):
        t0 = time.monotonic()
        magic(kc, cell.format(opt))
        took = time.monotonic() - t0
        print(f"%disasm end-to-end ({label}): {took:.2f} s")
        assert took < 30


def test_help_documents_every_option(session):
    kc, _ = session
    from conftest import stdout_text
    for name, options in (("disasm", ["--tier", "--syntax", "--jvm", "-jvmArgs", "--time", "--save"]),
                          ("jit", ["--method", "--jvm", "-jvmArgs", "--time", "--save"])):
        reply, msgs = run(kc, f"%help {name}")
        assert reply["status"] == "ok", error_text(msgs)
        text = stdout_text(msgs) + "".join(d.get("text/plain", "") for d in displays(msgs))
        for o in options:
            assert o in text, (name, o, text)
