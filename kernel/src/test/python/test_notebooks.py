"""Executes every companion notebook headless through the real kernel (nbclient) in quick mode.

Each notebook must run with no cell error (budgets and assertion cells fail the cell when a
finding stops holding), and one check per notebook reads its produced outputs. Executed copies
go to $PERFKERNEL_BUILD/executed-notebooks for inspection; the committed notebooks are untouched.
"""
import copy
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


def check_00(nb):
    assert has_mime(nb, "%bench fib(20)", "text/html")
    assert has_mime(nb, "%bench fib(20)", "image/svg+xml")
    assert "1016" in cell_output(nb, "new byte[1000]")          # bytes per op after the JIT
    help_text = cell_output(nb, "%help")
    for magic in ("bench", "alloc", "gclog", "disasm", "jit", "profile", "time", "maven"):
        assert f"%{magic}" in help_text, magic


def check_01(nb):
    out = cell_output(nb, "iterative: ratio < 0.1")
    assert re.search(r"iterative", out) and re.search(r"pass", out, re.I)


def check_02(nb):
    out = cell_output(nb, "resultUnused() { popcount(x); }")
    assert "resultUnused" in out and re.search(r"dead.code|empty", out, re.I), "the eliminated benchmark is not flagged"


def check_03(nb):
    assert re.search(r"pass", cell_output(nb, "noAlloc: gc.alloc.rate.norm < 1"), re.I)


def check_04(nb):
    by_bytes = cell_output(nb, "%%alloc --by bytes")
    by_count = cell_output(nb, "%%alloc --by count")
    assert "byte[]" in by_bytes
    assert by_bytes != by_count


def check_05(nb):
    assert re.search(r"pass", cell_output(nb, '--budget "gc.alloc.rate.norm < 1"'), re.I)


def check_06(nb):
    assert re.search(r"pass", cell_output(nb, "presized: gc.alloc.rate.norm"), re.I)


def check_07(nb):
    assert re.search(r"pass", cell_output(nb, "bytes: score < 60 ms/op"), re.I)


def check_08(nb):
    assert re.search(r"pass", cell_output(nb, "buffered: gc.alloc.rate.norm < 20000"), re.I)


def check_09(nb):
    assert "threads before" in cell_output(nb, "Thread.activeCount()")


def check_10(nb):
    out = cell_output(nb, '--compare "--gc g1 -Xmx256m"')
    assert re.search(r"G1", out) and re.search(r"Parallel", out)


def check_11(nb):
    assert "expected 2" in cell_output(nb, "sumOfFirst(2)")


def check_12(nb):
    assert "checksum" in cell_output(nb, "%%profile --duration 4s")


CHECKS = {f"{i:02d}": globals()[f"check_{i:02d}"] for i in range(13)}


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
