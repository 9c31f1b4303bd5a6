"""Builds the companion notebooks from the cell lists in notebooks/tools/content/*.py.

Each content module defines TITLE and CELLS, a list of (kind, text) pairs:
  ("md", text)        a markdown cell: mechanisms and directions only; a figure it states must be
                      the seed's Go figure, written inside "(Go: ...)" (test_notebooks.py checks);
  ("code", text)      a code cell; conclusion cells render their figures with markdown(...);
  ("helpers", "")     the shared result-reading helpers of content/_helpers.java;
  ("solution", text)  a worked exercise solution: a code cell, source hidden, tagged "solution";
  ("seedrow", text)   the cell that states the Java result against the seed's Go figure with
                      seedRow(java, verdict); tools/readme.py copies its output into the README.
Keeping the notebooks as plain Python lists makes them easy to review in diffs; the built
.ipynb files (with outputs from a full run) are what users open.

Usage: /usr/bin/python3 notebooks/tools/nbbuild.py [NAME ...]   (rewrites notebooks/NAME.ipynb,
dropping outputs; run notebooks/tools/nbrun.py afterwards to fill them in).
"""
import importlib.util
import pathlib
import sys

import nbformat

HERE = pathlib.Path(__file__).resolve().parent
NOTEBOOKS = HERE.parent
HELPERS = HERE / "content" / "_helpers.java"


def load(path):
    spec = importlib.util.spec_from_file_location(path.stem.replace("-", "_"), path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def build(path):
    mod = load(path)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "java-perf", "display_name": "Java (perf)", "language": "java"}
    nb.metadata["language_info"] = {"name": "java", "file_extension": ".jshell", "mimetype": "text/x-java-source"}
    for kind, text in mod.CELLS:
        text = text.strip("\n")
        if kind == "md":
            nb.cells.append(nbformat.v4.new_markdown_cell(text))
        elif kind == "code":
            nb.cells.append(nbformat.v4.new_code_cell(text))
        elif kind == "helpers":
            nb.cells.append(nbformat.v4.new_code_cell(HELPERS.read_text().strip("\n")))
        elif kind == "seedrow":
            cell = nbformat.v4.new_code_cell(text)
            cell.metadata["tags"] = ["seed-row"]
            nb.cells.append(cell)
        elif kind == "solution":
            cell = nbformat.v4.new_code_cell(text)
            cell.metadata["tags"] = ["solution"]
            cell.metadata["jupyter"] = {"source_hidden": True}
            nb.cells.append(cell)
        else:
            raise ValueError(f"{path.name}: unknown cell kind {kind!r}")
    out = NOTEBOOKS / (path.stem + ".ipynb")
    nbformat.write(nb, out)
    return out


def main(names):
    content = sorted((HERE / "content").glob("[0-9][0-9]-*.py"))
    for path in content:
        if names and path.stem not in names:
            continue
        print("built", build(path).relative_to(NOTEBOOKS.parent))


if __name__ == "__main__":
    main(sys.argv[1:])
