"""Builds the companion notebooks from the cell lists in notebooks/tools/content/*.py.

Each content module defines CELLS: a list of ("md", text) or ("code", text) pairs and TITLE.
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
        else:
            nb.cells.append(nbformat.v4.new_code_cell(text))
    out = NOTEBOOKS / (path.stem + ".ipynb")
    nbformat.write(nb, out)
    return out


def main(names):
    content = sorted((HERE / "content").glob("*.py"))
    for path in content:
        if names and path.stem not in names:
            continue
        print("built", build(path).relative_to(NOTEBOOKS.parent))


if __name__ == "__main__":
    main(sys.argv[1:])
