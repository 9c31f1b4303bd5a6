"""Tests of the companion notebooks.

Static (no kernel): markdown states no measured figure (figures come from conclusion cells that
render this run's results with ``markdown(...)``), every notebook ends with takeaways and has
worked solutions, no cell asks for ``--quick``, committed outputs hold no absolute path.

Executed: every notebook runs headless through the real kernel (nbclient) in quick mode
(``PERFKERNEL_QUICK=1``, the kernel's own quick setting). It must run with no cell error (budgets
and assertion cells fail the cell when a finding stops holding), its outputs must hold no
absolute path, and one check per notebook reads the claim its conclusion makes from the produced
outputs. Executed copies go to $PERFKERNEL_BUILD/executed-notebooks for inspection; the committed
notebooks are untouched.
"""
import copy
import json
import os
import pathlib
import re

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from conftest import BUILD, REPO

NOTEBOOKS = pathlib.Path(REPO) / "notebooks"
OUT = pathlib.Path(BUILD) / "executed-notebooks"
PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def outputs_text(cell):
    """All text a code cell produced: streams, text/plain, HTML and SVG, joined."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        for mime in ("text/plain", "text/html", "image/svg+xml"):
            value = out.get("data", {}).get(mime)
            if value:
                parts.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(parts)


def cell_output(nb, marker):
    """Output text of the first code cell whose source contains ``marker``."""
    for cell in nb.cells:
        if cell.cell_type == "code" and marker in cell.source:
            return outputs_text(cell)
    raise AssertionError(f"no cell contains {marker!r}")


def has_mime(nb, marker, mime):
    for cell in nb.cells:
        if cell.cell_type == "code" and marker in cell.source:
            return any(mime in out.get("data", {}) for out in cell.get("outputs", []))
    raise AssertionError(f"no cell contains {marker!r}")


def budget_passed(out, row, metric):
    """True when the budget report says ``pass`` for ``row`` (a benchmark, maybe with params) and ``metric``."""
    return re.search(rf"^pass( \(marginal\))?: {re.escape(row)}(?!\w)[^\n]* {re.escape(metric)} = ", out, re.M) is not None


def top_site(out, title):
    """First data row of the allocation-site table headed ``title``."""
    lines = out[out.index(title):].splitlines()
    rule = next(i for i, line in enumerate(lines) if line.lstrip().startswith("---"))
    return lines[rule + 1]


def gc_count(out):
    return int(re.search(r"^\s*Collections\s+(\d+)", out, re.M).group(1))


# ---------------------------------------------------------------- static rules

# A measured figure: a number with a unit of time, size, rate, share or ratio, or a p-value.
UNIT = r"(?:bytes?|ps|ns|µs|us|ms|s/op|ns/op|µs/op|ms/op|ns/line|B/op|allocs/op|B|kB|KB|KiB|MB|MiB|GB|GiB|MB/s|%)"
FIGURE = re.compile(
    rf"(?<![\w.])[-−+]?\d[\d,  ]*(?:\.\d+)?\s?{UNIT}(?![\w/])"       # 438.9 ns, 32 B, 64.6 %
    r"|(?<![\w.])\d+(?:\.\d+)?\s?×(?!\s*\d)"                           # 4.2×, 40 × (not 3 × 5)
    r"|\bp\s?[=<>≈]\s?0?\.\d+")                                          # p = 0.019, p < 0.01
# What a markdown cell may state anyway: code (inputs such as new byte[1000] or -Xmx64m), the
# seed's Go figures inside a parenthesis that starts with "Go" ("(Go: ...)", "(Go on 4 CPUs: ...)"),
# and strings listed in an explicit allow-list comment <!-- inputs: 1 MB; 100 KB --> (sizes chosen
# as inputs). Object-layout facts written as "16-byte header" are not figures and pass.
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
GO = re.compile(r"\(Go\b[^()]*(?:\([^()]*\)[^()]*)*\)")
ALLOW = re.compile(r"<!--\s*inputs:(.*?)-->", re.S)


def markdown_figures(text):
    """Measured figures a markdown cell states outside code, Go parentheses and its allow-list."""
    allowed = [a.strip() for m in ALLOW.finditer(text) for a in m.group(1).split(";") if a.strip()]
    text = ALLOW.sub(" ", text)
    text = CODE.sub(" ", text)
    text = GO.sub(" ", text)
    for a in allowed:
        text = text.replace(a, " ")
    return [m.group(0).strip() for m in FIGURE.finditer(text)]


def test_figure_rule_examples():
    """The rule itself: what counts as a measured figure, and what is exempt."""
    assert markdown_figures("it took 438.9 ns") == ["438.9 ns"]
    assert markdown_figures("removed 64.6% of it, 4.2× faster, p = 0.019")
    assert markdown_figures("1 000 B and 3 allocs/op")
    assert markdown_figures("three objects of 32 bytes")
    assert markdown_figures("the buffer (1 MB) leads") == ["1 MB"]
    assert not markdown_figures("the buffer (1 MB) leads <!-- inputs: 1 MB -->")
    assert not markdown_figures("(Go: 443 ns, 32 B in 2 allocations; 264 vs 264,000)")
    assert not markdown_figures("run with `-Xmx64m` and `new byte[1000]`; 3 forks × 5 iterations")
    assert not markdown_figures("notebook 08, JDK 17, chapter 11, n = 20, O(n log n)")


NB_PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("path", NB_PATHS, ids=[p.stem for p in NB_PATHS])
def test_markdown_states_no_measured_figure(path):
    nb = nbformat.read(path, as_version=4)
    found = {i: markdown_figures(c.source) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"}
    found = {i: f for i, f in found.items() if f}
    assert not found, (f"{path.name}: markdown states figures (render them from results with markdown(...), "
                       f"or mark the seed's as '(Go: ...)'): {found}")


JAVA_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
CODE_ALLOW = re.compile(r"//\s*inputs:(.*)")


@pytest.mark.parametrize("path", NB_PATHS, ids=[p.stem for p in NB_PATHS])
def test_rendered_prose_takes_its_figures_from_results(path):
    """The string literals of a conclusion cell state no figure by hand: its numbers are format arguments.

    Exempt as in markdown: "(Go ...)" parentheses, and input sizes listed in a `// inputs: 8 KB; 128 MB`
    comment of the cell. The shared helpers cell (formatting code) is skipped.
    """
    nb = nbformat.read(path, as_version=4)
    found = {}
    for i, cell in enumerate(nb.cells):
        src = cell.source
        if cell.cell_type != "code" or "Helpers for the conclusion cells" in src:
            continue
        if "markdown(" not in src and "seedRow(" not in src:
            continue
        allowed = "; ".join(a for m in CODE_ALLOW.finditer(src) for a in [m.group(1)])
        text = "".join(JAVA_STRING.findall(src)) + (f"<!-- inputs: {allowed} -->" if allowed else "")
        figures = markdown_figures(text)
        if figures:
            found[i] = figures
    assert not found, f"{path.name}: conclusion cells write figures by hand: {found}"


@pytest.mark.parametrize("path", NB_PATHS, ids=[p.stem for p in NB_PATHS])
def test_ends_with_takeaways_and_worked_solutions(path):
    nb = nbformat.read(path, as_version=4)
    headings = [(i, c.source) for i, c in enumerate(nb.cells)
                if c.cell_type == "markdown" and re.search(r"^#+\s*Takeaways", c.source, re.M | re.I)]
    assert headings, f"{path.name}: no Takeaways section"
    later = [c for c in nb.cells[headings[-1][0] + 1:] if c.cell_type == "markdown"]
    assert all(not re.search(r"^#+ ", c.source, re.M) for c in later), f"{path.name}: Takeaways is not the last section"
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert not re.search(r"left (as an exercise )?to the reader", text, re.I)
    if re.search(r"^#+\s*Exercises", text, re.M):
        solutions = [c for c in nb.cells if c.cell_type == "code" and "solution" in c.metadata.get("tags", [])]
        assert solutions, f"{path.name}: exercises without worked solutions"
        assert all(c.metadata.get("jupyter", {}).get("source_hidden") for c in solutions)


@pytest.mark.parametrize("path", NB_PATHS, ids=[p.stem for p in NB_PATHS])
def test_no_cell_asks_for_quick_mode(path):
    nb = nbformat.read(path, as_version=4)
    quick = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "code" and re.search(r"--quick\b", c.source)]
    assert not quick, f"{path.name}: quick mode comes from PERFKERNEL_QUICK, not from cells: {quick}"


def test_readme_table_matches_the_notebooks():
    """notebooks/README.md's table has one row per seed notebook and states what their outputs state."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("readme", NOTEBOOKS / "tools" / "readme.py")
    readme = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(readme)
    expected = readme.table()
    assert len(expected.splitlines()) == 2 + 12
    assert expected in (NOTEBOOKS / "README.md").read_text(), "run notebooks/tools/readme.py after executing the notebooks"


@pytest.mark.parametrize("path", [p for p in NB_PATHS if not p.stem.startswith("00")],
                         ids=[p.stem for p in NB_PATHS if not p.stem.startswith("00")])
def test_states_its_result_against_the_seed(path):
    nb = nbformat.read(path, as_version=4)
    rows = [c for c in nb.cells if c.cell_type == "code" and "seed-row" in c.metadata.get("tags", [])]
    assert len(rows) == 1 and "seedRow(" in rows[0].source, f"{path.name}: needs one seed-row cell calling seedRow(...)"


# Absolute paths of a machine: temp dirs, home dirs, this project's build roots.
ABSOLUTE = re.compile(r"(?<![\w.~])(?:/tmp/|/var/tmp/|/var/folders/|/home/|/root/|/work/|/Users/|/private/|[A-Z]:\\\\)")


def absolute_paths(nb):
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        texts = [outputs_text(cell)]
        for out in cell.get("outputs", []):
            for mime, value in out.get("data", {}).items():
                if mime not in ("text/plain", "text/html", "image/svg+xml"):
                    texts.append(value if isinstance(value, str) else json.dumps(value))
        for m in ABSOLUTE.finditer("\n".join(texts)):
            found.append((i, "\n".join(texts)[max(0, m.start() - 40):m.end() + 40]))
    return found


def test_absolute_path_rule_examples():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="saved perfkernel-out/gc.log\n")]
    nb.cells = [cell]
    assert not absolute_paths(nb)
    cell.outputs.append(nbformat.v4.new_output("display_data", data={"application/json": {"f": "/tmp/x/a.jfr"}}))
    assert absolute_paths(nb)


@pytest.mark.parametrize("path", NB_PATHS, ids=[p.stem for p in NB_PATHS])
def test_committed_outputs_hold_no_absolute_path(path):
    nb = nbformat.read(path, as_version=4)
    assert not absolute_paths(nb), absolute_paths(nb)[:5]


# ---------------------------------------------------------------- per-notebook checks of executed outputs

def check_00(nb):
    assert has_mime(nb, "%bench fib(20)", "text/html")
    assert has_mime(nb, "%bench fib(20)", "image/svg+xml")
    # 16-byte header + 1000, kept by the JIT; JMH's per-op average may carry a fraction of a byte of
    # its own (a TLAB refill spread over the operations)
    after_jit = re.search(r"([\d.]+) B/op after JIT", cell_output(nb, "new byte[1000]"))
    assert after_jit and abs(float(after_jit.group(1)) - 1016) < 4, cell_output(nb, "new byte[1000]")[:300]
    help_text = cell_output(nb, "%help")
    for magic in ("bench", "alloc", "gclog", "disasm", "jit", "profile", "time", "maven"):
        assert f"%{magic}" in help_text, magic


def check_01(nb):
    # the iterative version stays over 10x faster than the recursive one
    assert budget_passed(cell_output(nb, "iterative: ratio < 0.1"), "iterative", "ratio")


def check_02(nb):
    out = cell_output(nb, "resultUnused() { popcount(x); }")
    assert budget_passed(out, "honest", "ratio")
    flagged = [line for line in out.splitlines() if "WARNING" in line and "resultUnused" in line]
    assert flagged and re.search(r"empty|eliminat|dead", " ".join(flagged), re.I), "the eliminated benchmark is not flagged"


def check_03(nb):
    out = cell_output(nb, "noAlloc: gc.alloc.rate.norm < 1")
    assert budget_passed(out, "noAlloc", "gc.alloc.rate.norm")
    assert budget_passed(out, "noAlloc", "ratio")
    # the exact thread counter shows the one-off growth of the first call, and nothing on the next
    first = re.search(r"allocates \*\*([\d,]+) B\*\* and the next, identical call \*\*0 B\*\*",
                      cell_output(nb, "long[] b = firstAndLater();"))
    assert first and 64 <= int(first.group(1).replace(",", "")) <= 1024, first


def check_04(nb):
    # by bytes the one big buffer (line 2) leads; by count the encodes (line 4) do
    by_bytes = top_site(cell_output(nb, "%%alloc --by bytes"), "Allocation sites by bytes")
    by_count = top_site(cell_output(nb, "%%alloc --by count"), "Allocation sites by count")
    assert "byte[]" in by_bytes and re.search(r"line 2\b", by_bytes), by_bytes
    assert re.search(r"line 4\b", by_count), by_count
    # the buffer escapes, so the optimised code allocates it too: about 1 MB per call after the JIT
    after = re.search(r"bench on JDK \d+: ([\d.]+) (kB|MB)/op after JIT", cell_output(nb, "%%alloc --by count"))
    assert after and float(after.group(1)) * (1000 if after.group(2) == "MB" else 1) >= 1000, after


def check_05(nb):
    out = cell_output(nb, "scalarReplaced: alloc < 1")
    for row in ("scalarReplaced", "loopCarried", "storedInField", "largeArray"):
        assert budget_passed(out, row, "gc.alloc.rate.norm"), row
    assert budget_passed(cell_output(nb, "dontinline,*::plus"), "notInlined", "gc.alloc.rate.norm")
    assert budget_passed(cell_output(nb, "builder: ratio < 0.5"), "builder", "ratio")
    # the conclusion's object counts: one pos per step plus the first; one stored sum per step
    counts = cell_output(nb, "double vec = 32")
    assert "`loopCarried` **3,232 B**, i.e. 101 `Vec`s" in counts and "`storedInField` **3,200 B** (100 `Vec`s" in counts, counts


def check_06(nb):
    out = cell_output(nb, "presized: alloc < 4100000")
    for n in ("100", "10000", "1000000"):
        assert budget_passed(out, f"presized (n={n})", "gc.alloc.rate.norm"), n
    out = cell_output(nb, "presized: alloc < 120000")
    assert budget_passed(out, "presized", "gc.alloc.rate.norm") and budget_passed(out, "grown", "gc.alloc.rate.norm")


def check_07(nb):
    # the last of the one-change steps meets the byte budget; the naive baseline was far over it
    assert budget_passed(cell_output(nb, "bytes: alloc < 80000000"), "bytes", "gc.alloc.rate.norm")
    naive = re.search(r"naive \(lines=2000000\): .*?(\d+) B allocated per op", cell_output(nb, "-p lines=1,1000,100000,2000000"))
    assert naive and int(naive.group(1)) > 80_000_000, "the naive baseline should be over the 40 B/line budget"
    assert "per line" in cell_output(nb, "String[][] steps")


def check_08(nb):
    out = cell_output(nb, "buffered: gc.alloc.rate.norm < 20000")
    for n in ("1000", "100000", "1000000"):
        assert budget_passed(out, f"buffered (lines={n})", "gc.alloc.rate.norm"), n
    buffered = gc_count(cell_output(nb, "sumBuffered(check);"))
    lines = gc_count(cell_output(nb, "sumLines(check);"))
    assert lines >= 10 and lines >= 5 * buffered, (buffered, lines)   # a String per line keeps the young GC busy


def check_09(nb):
    assert budget_passed(cell_output(nb, "taskPerLine: ratio > 10"), "taskPerLine", "ratio")
    assert "all agree" in cell_output(nb, "checkAll()")   # the parallel versions are correct
    assert re.search(r"threads before (\d+), after \1\b", cell_output(nb, "Thread.activeCount()"))


def check_10(nb):
    slow = gc_count(cell_output(nb, "churn(50);"))
    fast = gc_count(cell_output(nb, "churn(2_000);"))
    assert fast >= 10 * max(slow, 1), (slow, fast)   # 40x the allocation rate, far more collections
    out = cell_output(nb, '--compare "--gc g1 -Xmx256m"')
    assert re.search(r"G1", out) and re.search(r"Parallel", out)


def check_11(nb):
    out = cell_output(nb, "pooled: alloc < 1")
    assert budget_passed(out, "allocate", "gc.alloc.rate.norm") and budget_passed(out, "pooled", "gc.alloc.rate.norm")
    assert "second call 8 (expected 2)" in cell_output(nb, "sumOfFirst(2)")   # the stale buffer shows
    pinned = re.search(r"pool holds (\d+) KB", cell_output(nb, "huge.append"))
    assert pinned and int(pinned.group(1)) > 1000, "the pool does not pin the grown builder"
    # the macro run: the request pool ends up holding big buffers where 16 small ones are needed
    held = re.search(r"the pool holds \*\*([\d.]+) MB\*\* in 16 buffers", cell_output(nb, "long[] live = liveSets();"))
    assert held and float(held.group(1)) >= 2, held


def check_12(nb):
    assert "checksum" in cell_output(nb, "%%profile --duration 4s")
    # the 5 unclosed streams must show; the engine JVM may open a descriptor of its own meanwhile
    grew = re.search(r"grew by (\d+) ", cell_output(nb, "every tenth call forgets to close"))
    assert grew and 5 <= int(grew.group(1)) <= 7, grew
    # the custom events, matched open/close, trace every still-open file to loadPlugin
    by_stack = cell_output(nb, "Map<String, int[]> byStack")
    assert re.search(r"`loadPlugin[^`]*` \| 5 \| 5 \|", by_stack) and re.search(r"`loadSettings[^`]*` \| 45 \| 0 \|", by_stack), by_stack


CHECKS = {f"{i:02d}": globals()[f"check_{i:02d}"] for i in range(13)}


LOAD_WARNING = re.compile(r"machine was busy|hypervisor took|were preempted")


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_committed_outputs_hold_their_claims(path):
    """The committed run (full settings, idle machine) passes the same per-notebook checks as a quick
    run, shows no error and no loaded-machine warning, and no stream is split inside a word."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    if not any(c.get("outputs") for c in code):
        pytest.skip("committed without outputs")
    CHECKS[path.stem[:2]](nb)
    for i, cell in enumerate(code):
        outs = cell.get("outputs", [])
        assert not [o for o in outs if o.get("output_type") == "error"], f"cell {i} failed"
        assert not LOAD_WARNING.search(outputs_text(cell)), f"cell {i} ran on a loaded machine"
        for a, b in zip(outs, outs[1:]):
            if a.get("output_type") == b.get("output_type") == "stream" and a.get("name") == b.get("name"):
                ta, tb = "".join(a["text"]), "".join(b["text"])
                assert not (ta and tb and ta[-1].isalnum() and tb[0].isalnum()), f"cell {i}: {ta[-20:]!r}|{tb[:20]!r}"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_executes(path, monkeypatch):
    monkeypatch.setenv("PERFKERNEL_QUICK", "1")
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    client = NotebookClient(copy.deepcopy(nb), timeout=600, kernel_name="java-perf",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        executed = client.execute()
    except CellExecutionError as e:
        nbformat.write(client.nb, OUT / path.name)
        pytest.fail(f"{path.name}: a cell failed:\n{str(e)[-3000:]}")
    nbformat.write(executed, OUT / path.name)
    CHECKS[path.stem[:2]](executed)
    if not path.stem.startswith("00"):
        row = [c for c in executed.cells if "seed-row" in c.metadata.get("tags", [])][0]
        assert "Java (this run):" in outputs_text(row), "the seed-row cell rendered nothing"
    assert not absolute_paths(executed), absolute_paths(executed)[:5]
