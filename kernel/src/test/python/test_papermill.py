"""papermill (parameterised notebook runs, as CI pipelines use it) executes a java-perf notebook.

papermill has no parameter translator for Java, so injected parameters are not supported; a
notebook without parameters runs, and its outputs and errors come back as with nbclient.
"""
import importlib.util

import nbformat
import pytest

pytestmark = pytest.mark.skipif(importlib.util.find_spec("papermill") is None,
                                reason="papermill is not installed (bash install/test.sh installs it in .venv)")


def test_papermill_runs_a_java_notebook(tmp_path):
    import papermill
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "java-perf", "display_name": "Java (perf)", "language": "java"}
    nb.cells = [nbformat.v4.new_code_cell("int twice(int x) { return 2 * x; }"),
                nbformat.v4.new_code_cell("twice(21)"),
                nbformat.v4.new_code_cell('System.out.println("done")')]
    src, out = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    nbformat.write(nb, src)
    papermill.execute_notebook(str(src), str(out), kernel_name="java-perf", progress_bar=False,
                               execution_timeout=120, start_timeout=120)
    done = nbformat.read(out, as_version=4)
    assert done.cells[1].outputs[0]["data"]["text/plain"] == "42"
    assert done.cells[2].outputs[0]["text"] == "done\n"
    assert done.metadata["papermill"]["exception"] is None


def test_papermill_reports_a_failing_cell(tmp_path):
    import papermill
    from papermill.exceptions import PapermillExecutionError
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "java-perf", "display_name": "Java (perf)", "language": "java"}
    nb.cells = [nbformat.v4.new_code_cell('throw new IllegalStateException("stop here")'),
                nbformat.v4.new_code_cell("1 + 1")]
    src, out = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    nbformat.write(nb, src)
    with pytest.raises(PapermillExecutionError) as e:
        papermill.execute_notebook(str(src), str(out), kernel_name="java-perf", progress_bar=False,
                                   execution_timeout=120, start_timeout=120)
    assert e.value.ename.endswith("IllegalStateException") and "stop here" in e.value.evalue
    assert nbformat.read(out, as_version=4).cells[-1].get("outputs", []) == []
