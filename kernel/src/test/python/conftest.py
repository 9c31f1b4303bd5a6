"""Shared fixtures for perfkernel's tests through real Jupyter clients.

Every ``test_*.py`` in this folder can use:

* ``kernelspec`` (session, autouse): installs the ``java-perf`` kernelspec with
  ``install/install.sh --prefix`` into a private temp dir that is put first on
  ``JUPYTER_PATH``; the kernel comes from ``$PERFKERNEL_BUILD`` (default
  ``kernel/target``), so run ``mvn -pl kernel -am package`` first.
* ``kernel`` (module): a started ``(KernelManager, BlockingKernelClient)`` pair,
  shared by the tests of one module. ``fresh_kernel`` (function): a private one.
* ``start_kernel()``: a context manager for tests that need their own kernel
  with, e.g., extra environment variables.
* ``run(kc, code, timeout=60, **execute_kwargs) -> (reply_content, iopub_msgs)``
  and the helpers ``stdout_text``, ``stderr_text``, ``displays``, ``results``,
  ``result_text``, ``errors``, ``error_text``.
* ``/proc`` helpers: ``kernel_pid``, ``descendant_pids``, ``cpu_ticks``,
  ``alive``, ``rss_kib``.

Example::

    from conftest import run, stdout_text

    def test_prints(kernel):
        km, kc = kernel
        reply, msgs = run(kc, 'System.out.println("hi")')
        assert reply["status"] == "ok"
        assert stdout_text(msgs) == "hi\\n"
"""
import contextlib
import os
import queue
import shutil
import subprocess
import tempfile
import time

import pytest
from jupyter_client.manager import KernelManager

KERNEL_NAME = "java-perf"
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
BUILD = os.environ.get("PERFKERNEL_BUILD") or os.path.join(REPO, "kernel", "target")
STARTUP_TIMEOUT = 60


@pytest.fixture(scope="session", autouse=True)
def kernelspec():
    """Installs the kernelspec into a private JUPYTER_PATH; yields the kernelspec dir."""
    jar = os.path.join(BUILD, "perfkernel.jar")
    if not os.path.isfile(jar):
        pytest.exit(f"{jar} is missing: build it with `mvn -pl kernel -am package -DskipTests -DskipPyTests`", 2)
    prefix = tempfile.mkdtemp(prefix="perfkernel-test-")
    saved = {k: os.environ.get(k) for k in ("JUPYTER_PATH", "JUPYTER_DATA_DIR")}
    try:
        # The class-data-sharing archive is made by default, as for users;
        # PERFKERNEL_TEST_CDS=0 skips its ~5 s training run.
        cds = [] if os.environ.get("PERFKERNEL_TEST_CDS", "1") != "0" else ["--no-cds"]
        subprocess.run(
            [os.path.join(REPO, "install", "install.sh"), "--prefix", prefix,
             "--build-dir", BUILD, "--no-build", "--quiet"] + cds,
            check=True, timeout=300)
        data_dir = os.path.join(prefix, "share", "jupyter")
        os.environ["JUPYTER_PATH"] = data_dir + (os.pathsep + saved["JUPYTER_PATH"] if saved["JUPYTER_PATH"] else "")
        # Keep a user-installed java-perf from shadowing the one under test.
        os.environ["JUPYTER_DATA_DIR"] = os.path.join(prefix, "user-data")
        yield os.path.join(data_dir, "kernels", KERNEL_NAME)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        shutil.rmtree(prefix, ignore_errors=True)


@contextlib.contextmanager
def start_kernel(env=None, startup_timeout=STARTUP_TIMEOUT):
    """Starts a java-perf kernel; yields (km, kc); shuts it down (and its children) afterwards."""
    km = KernelManager(kernel_name=KERNEL_NAME)
    kwargs = {}
    if env:
        full = dict(os.environ)
        full.update(env)
        kwargs["env"] = full
    km.start_kernel(**kwargs)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=startup_timeout)
        yield km, kc
    finally:
        kc.stop_channels()
        try:
            km.shutdown_kernel(now=False)
        except Exception:  # noqa: BLE001 - a test may already have shut it down
            pass


@pytest.fixture(scope="module")
def kernel():
    with start_kernel() as pair:
        yield pair


@pytest.fixture
def fresh_kernel():
    with start_kernel() as pair:
        yield pair


def run(kc, code, timeout=60, **execute_kwargs):
    """Executes ``code``; returns (execute_reply content, iopub messages of that request).

    The iopub list holds every message whose parent is this request, from
    ``status: busy`` to ``status: idle`` inclusive, in arrival order.
    """
    msg_id = kc.execute(code, **execute_kwargs)
    deadline = time.monotonic() + timeout
    reply = None
    while reply is None:
        msg = kc.get_shell_msg(timeout=_left(deadline, code))
        if msg["parent_header"].get("msg_id") == msg_id:
            reply = msg
    msgs = []
    while True:
        msg = kc.get_iopub_msg(timeout=_left(deadline, code))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    return reply["content"], msgs


def request(kc, msg_type, content=None, timeout=30, channel="shell"):
    """Sends any request on shell or control; returns the reply message."""
    chan = kc.shell_channel if channel == "shell" else kc.control_channel
    msg = kc.session.msg(msg_type, content or {})
    chan.send(msg)
    deadline = time.monotonic() + timeout
    while True:
        get = kc.get_shell_msg if channel == "shell" else kc.get_control_msg
        reply = get(timeout=_left(deadline, msg_type))
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            return reply


def _left(deadline, what):
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError(f"no answer in time for {what!r}")
    return left


def drain_iopub(kc, quiet=0.2):
    """Discards iopub messages until none arrives for ``quiet`` seconds."""
    while True:
        try:
            kc.get_iopub_msg(timeout=quiet)
        except queue.Empty:
            return


def _of_type(msgs, *types):
    return [m for m in msgs if m["msg_type"] in types]


def stdout_text(msgs):
    return "".join(m["content"]["text"] for m in _of_type(msgs, "stream") if m["content"]["name"] == "stdout")


def stderr_text(msgs):
    return "".join(m["content"]["text"] for m in _of_type(msgs, "stream") if m["content"]["name"] == "stderr")


def displays(msgs):
    """MIME bundles (``data`` dicts) of display_data and update_display_data, in order."""
    return [m["content"]["data"] for m in _of_type(msgs, "display_data", "update_display_data")]


def results(msgs):
    """MIME bundles of execute_result messages."""
    return [m["content"]["data"] for m in _of_type(msgs, "execute_result")]


def result_text(msgs):
    """text/plain of the (single) execute_result, or None."""
    rs = results(msgs)
    return rs[-1].get("text/plain") if rs else None


def errors(msgs):
    """Contents (ename, evalue, traceback) of error messages."""
    return [m["content"] for m in _of_type(msgs, "error")]


def error_text(msgs):
    """All error messages flattened to one string (ename, evalue and traceback lines)."""
    parts = []
    for e in errors(msgs):
        parts += [e.get("ename", ""), e.get("evalue", "")] + list(e.get("traceback", []))
    return "\n".join(parts)


# ---------------------------------------------------------------- /proc helpers

def kernel_pid(km):
    """PID of the kernel process (the launcher execs java, so this is the kernel JVM)."""
    prov = getattr(km, "provisioner", None)
    if prov is not None and getattr(prov, "pid", None):
        return prov.pid
    return km.kernel.pid


def _children(pid):
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(p) for p in f.read().split()]
    except OSError:
        pass
    return out


def descendant_pids(pid):
    """All live descendants of ``pid`` (children, grandchildren, ...)."""
    seen, todo = [], [pid]
    while todo:
        for c in _children(todo.pop()):
            if c not in seen:
                seen.append(c)
                todo.append(c)
    return seen


def alive(pid):
    """True while ``pid`` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def cpu_ticks(pid):
    """utime + stime of ``pid`` in clock ticks (0 if gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except OSError:
        return 0


def rss_kib(pid):
    """Resident set size of ``pid`` in KiB (0 if gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
