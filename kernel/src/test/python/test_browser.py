"""Real-browser check: 00-tour opened in jupyter-notebook with headless Chromium (browser/check.mjs).

Required in CI (CI=true), where .ci/run installs Chromium, jupyter-notebook and playwright-core;
elsewhere it is skipped, with the reason, when one of them is missing.
"""
import os
import shutil
import subprocess

import pytest

from conftest import BUILD, REPO

CHECK = os.path.join(REPO, "browser", "check.mjs")


def missing():
    need = []
    if not os.path.exists("/usr/bin/chromium"):
        need.append("chromium (apt-get install chromium)")
    if not shutil.which("node"):
        need.append("node")
    if not os.path.isdir(os.path.join(REPO, "browser", "node_modules", "playwright-core")):
        need.append("playwright-core (npm ci --prefix browser)")
    if subprocess.run(["jupyter", "notebook", "--version"], capture_output=True).returncode != 0:
        need.append("jupyter-notebook (apt-get install jupyter-notebook)")
    return need


def test_tour_bench_renders_in_chromium(tmp_path):
    need = missing()
    if need and os.environ.get("CI") != "true":
        pytest.skip("browser check needs " + ", ".join(need))
    assert not need, "browser check needs " + ", ".join(need)
    shot = os.path.join(BUILD, "browser-check.png")
    proc = subprocess.run(["node", CHECK, "--screenshot", shot], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert os.path.getsize(shot) > 10_000
