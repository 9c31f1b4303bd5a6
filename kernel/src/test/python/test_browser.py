"""Real-browser check (browser/check.mjs): 00-tour opened in headless Chromium in JupyterLab 4,
Notebook 7 and classic Notebook; the fib and %bench cells run; the %bench table shows, and its chart
as Vega-Lite (JupyterLab, Notebook 7) or as the static SVG (classic). After the JupyterLab run the
notebook is saved and exported with nbconvert: the chart is stored with one SVG and shows as a
static image in the HTML. Screenshots go to $PERFKERNEL_BUILD/browser-check-*.png.

The front ends come from the Python running the tests (install/test.sh's .venv). Required in CI
(CI=true); elsewhere a check is skipped, with the reason, when something it needs is missing.
"""
import importlib.util
import os
import shutil
import subprocess
import sys

import pytest

from conftest import BUILD, REPO

CHECK = os.path.join(REPO, "browser", "check.mjs")

FRONTENDS = {
    "lab": ("jupyterlab", "jupyterlab (bash install/test.sh installs it in .venv)"),
    "notebook": ("notebook", "notebook 7 (bash install/test.sh installs it in .venv)"),
    "classic": ("nbclassic" if importlib.util.find_spec("nbclassic") else "notebook",
                "nbclassic or notebook 6 (bash install/test.sh installs nbclassic in .venv)"),
}


def missing(frontend):
    need = []
    if not os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
        need.append("chromium (apt-get install chromium)")
    if not shutil.which("node"):
        need.append("node")
    if not os.path.isdir(os.path.join(REPO, "browser", "node_modules", "playwright-core")):
        need.append("playwright-core (npm ci --prefix browser)")
    module, hint = FRONTENDS[frontend]
    if importlib.util.find_spec(module) is None:
        need.append(hint)
    elif frontend == "notebook":
        import notebook
        if int(notebook.__version__.split(".")[0]) < 7:
            need.append(hint)
    return need


@pytest.mark.parametrize("frontend", ["lab", "notebook", "classic"])
def test_tour_bench_renders_in_chromium(frontend):
    need = missing(frontend)
    if need and os.environ.get("CI") != "true":
        pytest.skip("browser check needs " + ", ".join(need))
    assert not need, "browser check needs " + ", ".join(need)
    shot = os.path.join(BUILD, f"browser-check-{frontend}.png")
    argv = ["node", CHECK, "--frontend", frontend, "--python", sys.executable, "--screenshot", shot]
    if frontend == "lab":
        argv.append("--nbconvert")
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert os.path.getsize(shot) > 10_000
    if frontend == "lab":
        assert os.path.getsize(shot.replace(".png", "-nbconvert.png")) > 10_000
