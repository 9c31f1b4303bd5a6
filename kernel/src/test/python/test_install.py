"""install/install.sh: options, idempotence, uninstall and its checks (no kernel is started)."""
import json
import os
import stat
import subprocess
import tempfile

import pytest

from conftest import BUILD, REPO

INSTALL = os.path.join(REPO, "install", "install.sh")


def sh(*args, env=None):
    full = dict(os.environ, **(env or {}))
    return subprocess.run([INSTALL, *args], capture_output=True, text=True, env=full, timeout=120)


@pytest.fixture
def prefix():
    with tempfile.TemporaryDirectory(prefix="perfkernel-install-") as d:
        yield d


def test_install_is_idempotent_and_uninstall_removes_it(prefix):
    spec_dir = os.path.join(prefix, "share", "jupyter", "kernels", "java-perf")
    for _ in range(2):
        r = sh("--prefix", prefix, "--build-dir", BUILD, "--no-build", "--no-cds")
        assert r.returncode == 0, r.stderr
    with open(os.path.join(spec_dir, "kernel.json")) as f:
        spec = json.load(f)
    assert spec["argv"] == [os.path.join(spec_dir, "perfkernel"), "{connection_file}"]
    assert spec["display_name"] == "Java (perf)"
    assert spec["language"] == "java"
    assert spec["interrupt_mode"] == "message"
    assert os.stat(spec["argv"][0]).st_mode & stat.S_IXUSR
    for name in ("perfkernel.jar", "logo-64x64.png", "logo-svg.svg", "lib"):
        assert os.path.exists(os.path.join(spec_dir, name)), name
    with open(os.path.join(spec_dir, "logo-64x64.png"), "rb") as f:
        png = f.read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[16:24] == (64).to_bytes(4, "big") * 2
    # No leftovers of the staging directory.
    assert os.listdir(os.path.dirname(spec_dir)) == ["java-perf"]
    r = sh("--prefix", prefix, "--uninstall")
    assert r.returncode == 0 and not os.path.exists(spec_dir)
    r = sh("--prefix", prefix, "--uninstall")
    assert r.returncode == 0 and "Nothing to remove" in r.stdout


def test_unknown_option_and_help():
    r = sh("--frobnicate")
    assert r.returncode == 2 and "unknown option '--frobnicate'" in r.stderr
    r = sh("--help")
    assert r.returncode == 0
    for option in ("--user", "--sys-prefix", "--prefix", "--uninstall", "--install-deps", "--no-cds",
                   "PERFKERNEL_JAVA_HOME", "PERFKERNEL_KERNEL_OPTS"):
        assert option in r.stdout


def test_old_java_is_refused_with_a_clear_message(prefix):
    fake_home = os.path.join(prefix, "jdk11")
    os.makedirs(os.path.join(fake_home, "bin"))
    java = os.path.join(fake_home, "bin", "java")
    with open(java, "w") as f:
        f.write("#!/bin/sh\necho '    java.specification.version = 11' >&2\n")
    os.chmod(java, 0o755)
    r = sh("--prefix", prefix, "--build-dir", BUILD, "--no-build", env={"PERFKERNEL_JAVA_HOME": fake_home})
    assert r.returncode == 1
    assert "Java 11" in r.stderr and ">= 17" in r.stderr


def test_missing_jupyter_names_the_debian_packages(prefix):
    r = sh("--prefix", prefix, "--build-dir", BUILD, "--no-build", env={"PERFKERNEL_PYTHON": "/bin/false"})
    assert r.returncode == 1
    if os.path.exists("/etc/debian_version"):
        assert "apt-get install" in r.stderr and "jupyter-client" in r.stderr


def test_missing_jar_without_build_is_an_error(prefix):
    r = sh("--prefix", prefix, "--build-dir", os.path.join(prefix, "nothing"), "--no-build")
    assert r.returncode == 1 and "perfkernel.jar is missing" in r.stderr
