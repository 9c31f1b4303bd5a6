"""Wire-protocol robustness and process lifecycle of the java-perf kernel, through real clients."""
import hashlib
import hmac
import json
import os
import signal
import subprocess
import tempfile
import time
import uuid

import pytest
import zmq
from jupyter_client.connect import write_connection_file

from conftest import (BUILD, alive, cpu_ticks, descendant_pids, error_text, kernel_pid, kernelspec,  # noqa: F401
                      request, result_text, run, start_kernel)


# ------------------------------------------------------------------ raw zmq helpers

def _connection(km):
    with open(km.connection_file) as f:
        return json.load(f)


class RawShell:
    """A DEALER socket on the kernel's shell port that can send arbitrary frames."""

    def __init__(self, km):
        self.info = _connection(km)
        self.ctx = zmq.Context()
        self.sock = self.ctx.socket(zmq.DEALER)
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.setsockopt(zmq.IDENTITY, uuid.uuid4().hex.encode())
        self.sock.connect(f"tcp://{self.info['ip']}:{self.info['shell_port']}")

    def sign(self, parts):
        mac = hmac.new(self.info["key"].encode(), digestmod=hashlib.sha256)
        for p in parts:
            mac.update(p)
        return mac.hexdigest().encode()

    def parts(self, msg_type, content=None):
        header = {"msg_id": uuid.uuid4().hex, "session": "raw", "username": "test",
                  "date": "2026-01-01T00:00:00Z", "msg_type": msg_type, "version": "5.3"}
        return header["msg_id"], [json.dumps(x).encode() for x in (header, {}, {}, content or {})]

    def send(self, frames):
        self.sock.send_multipart(frames)

    def recv(self, timeout_ms):
        if self.sock.poll(timeout_ms):
            frames = self.sock.recv_multipart()
            i = frames.index(b"<IDS|MSG>")
            return {"header": json.loads(frames[i + 2]), "parent_header": json.loads(frames[i + 3]),
                    "content": json.loads(frames[i + 5]), "signature": frames[i + 1],
                    "signed": frames[i + 2:i + 6]}
        return None

    def close(self):
        self.sock.close()
        self.ctx.term()


@pytest.fixture
def raw(kernel):
    r = RawShell(kernel[0])
    yield r
    r.close()


@pytest.fixture(scope="module")
def java(kernel):
    """The module kernel, once its JShell backend really executes Java."""
    _, kc = kernel
    reply, msgs = run(kc, "1+1", timeout=90)
    if reply["status"] != "ok" or result_text(msgs) != "2":
        pytest.skip(f"the JShell backend does not execute yet: {reply}")
    return kernel


# ------------------------------------------------------------------ signatures and framing

def test_good_raw_message_is_answered_and_reply_is_signed(raw):
    msg_id, parts = raw.parts("kernel_info_request")
    raw.send([b"<IDS|MSG>", raw.sign(parts)] + parts)
    reply = raw.recv(10_000)
    assert reply is not None, "no reply to a correctly signed kernel_info_request"
    assert reply["header"]["msg_type"] == "kernel_info_reply"
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["signature"] == raw.sign(reply["signed"]), "the kernel's reply signature does not verify"


def test_bad_signature_is_dropped_and_kernel_keeps_serving(raw, kernel):
    msg_id, parts = raw.parts("kernel_info_request")
    bad = raw.sign(parts)[:-4] + b"0000"
    raw.send([b"<IDS|MSG>", bad] + parts)
    raw.send([b"<IDS|MSG>", b""] + parts)  # no signature at all
    assert raw.recv(1000) is None, "a message with a bad signature was answered"
    # Same socket, good message: still served.
    msg_id, parts = raw.parts("kernel_info_request")
    raw.send([b"<IDS|MSG>", raw.sign(parts)] + parts)
    reply = raw.recv(10_000)
    assert reply and reply["parent_header"]["msg_id"] == msg_id
    assert request(kernel[1], "kernel_info_request")["content"]["status"] == "ok"


def test_replayed_signed_message_is_not_executed_twice(raw, java):
    km, kc = java
    run(kc, "int replays = 0;")
    msg_id, parts = raw.parts("execute_request", {"code": "replays++;", "silent": False, "store_history": True,
                                                  "user_expressions": {}, "allow_stdin": False,
                                                  "stop_on_error": True})
    frames = [b"<IDS|MSG>", raw.sign(parts)] + parts
    raw.send(frames)
    reply = raw.recv(30_000)
    assert reply and reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "ok"
    raw.send(frames)  # the same signed frames again: a replay
    assert raw.recv(1500) is None, "a replayed message was answered"
    reply, msgs = run(kc, "replays")
    assert result_text(msgs) == "1", "the replayed cell ran again"
    # The same code in a new message (new msg_id, new signature) still runs.
    msg_id, parts = raw.parts("execute_request", {"code": "replays++;", "silent": False})
    raw.send([b"<IDS|MSG>", raw.sign(parts)] + parts)
    assert raw.recv(30_000)["content"]["status"] == "ok"
    reply, msgs = run(kc, "replays")
    assert result_text(msgs) == "2"


@pytest.mark.parametrize("code", [42, None, {}, [], "missing"], ids=["number", "null", "object", "array", "missing"])
def test_non_string_code_gets_an_error_reply_naming_the_field(raw, java, code):
    km, kc = java
    before, _ = run(kc, "int notRunYet = 0;")
    content = {"silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False}
    if code != "missing":
        content["code"] = code
    msg_id, parts = raw.parts("execute_request", content)
    raw.send([b"<IDS|MSG>", raw.sign(parts)] + parts)
    reply = raw.recv(30_000)
    assert reply and reply["parent_header"]["msg_id"] == msg_id
    assert reply["header"]["msg_type"] == "execute_reply"
    assert reply["content"]["status"] == "error"
    assert "'code'" in reply["content"]["evalue"] and "string" in reply["content"]["evalue"]
    after, msgs = run(kc, "1+1")
    assert result_text(msgs) == "2"
    assert after["execution_count"] == before["execution_count"] + 1, "the bad request moved the counter"


@pytest.mark.parametrize("frames_of", [
    lambda raw, parts: [b"<IDS|MSG>", raw.sign([b"{not json", *parts[1:]]), b"{not json", *parts[1:]],
    lambda raw, parts: [b"<IDS|MSG>", raw.sign([parts[0], b"[1,2]", *parts[2:]]), parts[0], b"[1,2]", *parts[2:]],
    lambda raw, parts: [b"<IDS|MSG>", raw.sign(parts[:2]), *parts[:2]],  # too few frames
    lambda raw, parts: [raw.sign(parts), *parts],  # no delimiter
    lambda raw, parts: [b"<IDS|MSG>", raw.sign([b"{}", *parts[1:]]), b"{}", *parts[1:]],  # header without msg_type
    lambda raw, parts: [b"<IDS|MSG>", raw.sign([b"\xff\xfe", *parts[1:]]), b"\xff\xfe", *parts[1:]],
], ids=["bad-json", "not-an-object", "too-few-frames", "no-delimiter", "empty-header", "not-utf8"])
def test_malformed_message_is_dropped_and_kernel_keeps_serving(raw, kernel, frames_of):
    _, parts = raw.parts("kernel_info_request")
    raw.send(frames_of(raw, parts))
    assert raw.recv(500) is None
    msg_id, parts = raw.parts("kernel_info_request")
    raw.send([b"<IDS|MSG>", raw.sign(parts)] + parts)
    reply = raw.recv(10_000)
    assert reply and reply["parent_header"]["msg_id"] == msg_id


# ------------------------------------------------------------------ every request is answered

def test_unknown_request_gets_error_reply(kernel):
    km, kc = kernel
    for channel in ("shell", "control"):
        reply = request(kc, "frobnicate_request", {"x": 1}, channel=channel)
        assert reply["header"]["msg_type"] == "frobnicate_reply"
        assert reply["content"]["status"] == "error"
        assert "frobnicate_request" in reply["content"]["evalue"]


def test_comm_info_and_refused_comm_open(kernel):
    km, kc = kernel
    reply = request(kc, "comm_info_request", {})
    assert reply["content"] == {"status": "ok", "comms": {}}
    comm_id = uuid.uuid4().hex
    kc.shell_channel.send(kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "nope", "data": {}}))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=10)
        if msg["msg_type"] == "comm_close" and msg["content"]["comm_id"] == comm_id:
            break
    else:
        pytest.fail("comm_open for an unknown target was not closed")


def test_execute_on_control_is_refused_not_run(kernel):
    reply = request(kernel[1], "execute_request", {"code": "1+1", "silent": False}, channel="control")
    assert reply["content"]["status"] == "error"


def test_history_tail_range_search(kernel):
    km, kc = kernel
    for code in ("int h1 = 1;", "h1 + 41", "int h2 = 2;"):
        run(kc, code)
    tail = request(kc, "history_request", {"hist_access_type": "tail", "n": 3, "output": False, "raw": True})
    rows = tail["content"]["history"]
    assert [r[2] for r in rows] == ["int h1 = 1;", "h1 + 41", "int h2 = 2;"]
    session, first = rows[0][0], rows[0][1]
    assert [r[1] for r in rows] == [first, first + 1, first + 2]
    rng = request(kc, "history_request", {"hist_access_type": "range", "session": session, "start": first + 1,
                                          "stop": first + 3, "output": False, "raw": True})
    assert [r[2] for r in rng["content"]["history"]] == ["h1 + 41", "int h2 = 2;"]
    found = request(kc, "history_request", {"hist_access_type": "search", "pattern": "int h?*", "n": 10,
                                            "unique": True, "output": False, "raw": True})
    assert [r[2] for r in found["content"]["history"]][-2:] == ["int h1 = 1;", "int h2 = 2;"]
    bad = request(kc, "history_request", {"hist_access_type": "sideways", "output": False, "raw": True})
    assert bad["content"]["status"] == "error"


def test_history_search_pattern_cannot_stall_the_shell(java):
    """A glob that a backtracking regex would take years on is answered at once."""
    km, kc = java
    run(kc, 'String hs = "' + "a" * 3000 + '";')
    run(kc, '"' + "a" * 3000 + 'b"')
    t0 = time.monotonic()
    found = request(kc, "history_request", {"hist_access_type": "search", "pattern": "*a*a*a*a*a*a*a*a*a*a*a*a*b",
                                            "n": 1, "output": False, "raw": True}, timeout=10)
    took = time.monotonic() - t0
    assert took < 2.0, f"history search took {took:.2f} s"
    assert found["content"]["status"] == "ok" and found["content"]["history"] == []
    found = request(kc, "history_request", {"hist_access_type": "search", "pattern": "*a*a*a*a*a*a*a*a*a*a*a*a*b?",
                                            "n": 1, "output": False, "raw": True}, timeout=10)
    assert [r[2] for r in found["content"]["history"]] == ['"' + "a" * 3000 + 'b"']
    assert request(kc, "kernel_info_request", timeout=10)["content"]["status"] == "ok"
    reply, msgs = run(kc, "1+1", timeout=30)
    assert result_text(msgs) == "2"


def test_execution_count_only_counts_stored_cells(kernel):
    km, kc = kernel
    first, _ = run(kc, "int c1 = 1;")
    silent, msgs = run(kc, "int c2 = 2;", silent=True)
    unstored, _ = run(kc, "int c3 = 3;", store_history=False)
    second, _ = run(kc, "int c4 = 4;")
    assert second["execution_count"] == first["execution_count"] + 1
    assert not [m for m in msgs if m["msg_type"] in ("execute_input", "execute_result")]


def test_queued_cells_are_aborted_after_an_error(java):
    km, kc = java
    # The sleep makes sure the second request is queued while the first one fails.
    failing = kc.execute('Thread.sleep(300); throw new IllegalStateException("first");')
    queued = kc.execute("1+1")
    replies = {}
    deadline = time.monotonic() + 60
    while len(replies) < 2 and time.monotonic() < deadline:
        msg = kc.get_shell_msg(timeout=60)
        replies[msg["parent_header"]["msg_id"]] = msg["content"]
    assert replies[failing]["status"] == "error"
    assert replies[queued]["status"] == "aborted"
    # stop_on_error=False keeps the queue running.
    failing = kc.execute('Thread.sleep(300); throw new IllegalStateException("second");', stop_on_error=False)
    queued = kc.execute("2+2")
    replies = {}
    while len(replies) < 2 and time.monotonic() < deadline:
        msg = kc.get_shell_msg(timeout=60)
        replies[msg["parent_header"]["msg_id"]] = msg["content"]
    assert replies[queued]["status"] != "aborted"


# ------------------------------------------------------------------ engine survival (needs JShell)

def _engine_pids(km):
    return descendant_pids(kernel_pid(km))


def test_interrupt_stops_tight_loop_and_engine_goes_idle(java):
    km, kc = java
    msg_id = kc.execute("while (true) { }")
    time.sleep(1.5)  # let the loop get hot
    engines = _engine_pids(km)
    assert engines, "no engine process under the kernel"
    t0 = time.monotonic()
    assert request(kc, "interrupt_request", channel="control")["content"]["status"] == "ok"
    while True:
        reply = kc.get_shell_msg(timeout=max(0.1, 2.0 - (time.monotonic() - t0)))
        if reply["parent_header"]["msg_id"] == msg_id:
            break
    took = time.monotonic() - t0
    assert took <= 2.0, f"interrupt took {took:.2f} s"
    assert reply["content"]["status"] in ("error", "aborted")
    time.sleep(0.5)
    before = {p: cpu_ticks(p) for p in _engine_pids(km)}
    time.sleep(1.0)
    burnt = {p: cpu_ticks(p) - t for p, t in before.items() if alive(p)}
    hz = os.sysconf("SC_CLK_TCK")
    # A spinning thread would burn ~hz ticks per second; idle JVM housekeeping stays far below.
    assert all(ticks < hz * 0.3 for ticks in burnt.values()), f"engine still busy after interrupt: {burnt}"
    reply, msgs = run(kc, "1+1")
    assert result_text(msgs) == "2"


def test_system_exit_is_reported_and_next_cell_works(java):
    km, kc = java
    reply, msgs = run(kc, "System.exit(0)", timeout=60)
    assert reply["status"] == "error"
    text = (reply.get("evalue", "") + "\n" + error_text(msgs)).lower()
    assert "state" in text and ("lost" in text or "restart" in text), text
    reply, msgs = run(kc, "1+1", timeout=60)
    assert reply["status"] == "ok" and result_text(msgs) == "2"


def test_out_of_memory_is_reported_and_kernel_survives(java):
    km, kc = java
    code = "java.util.List<long[]> hog = new java.util.ArrayList<>(); while (true) hog.add(new long[1 << 24]);"
    reply, msgs = run(kc, code, timeout=90)
    assert reply["status"] == "error"
    assert "OutOfMemoryError" in reply["ename"] + reply["evalue"] + error_text(msgs)
    reply, msgs = run(kc, "1+1", timeout=60)
    assert reply["status"] == "ok" and result_text(msgs) == "2"


def test_stdin_input_request_round_trip(java):
    km, kc = java
    msg_id = kc.execute("new java.util.Scanner(System.in).nextLine().toUpperCase()", allow_stdin=True)
    ask = kc.get_stdin_msg(timeout=60)
    assert ask["msg_type"] == "input_request"
    assert ask["parent_header"]["msg_id"] == msg_id
    assert ask["content"]["password"] is False
    kc.input("bob")
    reply = kc.get_shell_msg(timeout=60)
    assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "ok"
    while True:
        msg = kc.get_iopub_msg(timeout=30)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            assert msg["content"]["data"]["text/plain"] == '"BOB"'
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break


def test_stdin_not_allowed_reads_end_of_input_without_asking(java):
    km, kc = java
    reply, msgs = run(kc, "System.in.read()", allow_stdin=False, timeout=30)
    with pytest.raises(Exception):
        kc.get_stdin_msg(timeout=0.5)
    assert reply["status"] == "ok" and result_text(msgs) == "-1"


# ------------------------------------------------------------------ lifecycle

def _wait_gone(pids, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(alive(p) for p in pids):
            return []
        time.sleep(0.05)
    return [p for p in pids if alive(p)]


def test_shutdown_request_exits_kernel_and_children_within_2s():
    with start_kernel() as (km, kc):
        run(kc, "1+1", timeout=90)  # make sure the engine JVM is up
        pid = kernel_pid(km)
        tree = [pid] + descendant_pids(pid)
        reply = request(kc, "shutdown_request", {"restart": False}, channel="control")
        t0 = time.monotonic()
        assert reply["content"] == {"status": "ok", "restart": False}
        left = _wait_gone(tree, 2.0)
        assert not left, f"still alive {time.monotonic() - t0:.2f} s after shutdown: {left} of {tree}"


def _launch_directly(env_extra):
    """Starts the installed launcher by hand (no KernelManager), for signal and parent-death tests."""
    tmp = tempfile.mkdtemp(prefix="perfkernel-conn-")
    conn, info = write_connection_file(os.path.join(tmp, "kernel.json"), key=uuid.uuid4().hex.encode())
    spec = os.path.join(os.environ["JUPYTER_PATH"].split(os.pathsep)[0], "kernels", "java-perf", "perfkernel")
    env = dict(os.environ, **env_extra)
    proc = subprocess.Popen([spec, conn], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return proc, tmp


def _ping(info_file, timeout=30):
    """Waits until the kernel answers a kernel_info_request."""
    from jupyter_client import BlockingKernelClient
    kc = BlockingKernelClient(connection_file=info_file)
    kc.load_connection_file()
    kc.start_channels()
    try:
        # Not wait_for_ready: without a KernelManager it declares the kernel dead when the first
        # heartbeat (1 s) comes before the JVM has bound its sockets; ZeroMQ queues this request.
        request(kc, "kernel_info_request", timeout=timeout)
        run(kc, "1+1", timeout=90)
    finally:
        kc.stop_channels()


def test_sigterm_leaves_no_child_process():
    proc, tmp = _launch_directly({})
    try:
        _ping(os.path.join(tmp, "kernel.json"))
        tree = [proc.pid] + descendant_pids(proc.pid)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=5)
        assert not _wait_gone(tree, 2.0)
    finally:
        if proc.poll() is None:
            proc.kill()
        subprocess.run(["rm", "-rf", tmp])


def test_kernel_exits_when_its_parent_dies():
    parent = subprocess.Popen(["sleep", "120"])
    proc, tmp = _launch_directly({"JPY_PARENT_PID": str(parent.pid)})
    try:
        _ping(os.path.join(tmp, "kernel.json"))
        tree = [proc.pid] + descendant_pids(proc.pid)
        parent.kill()
        parent.wait()
        proc.wait(timeout=6)  # parent polled every 2 s, plus shutdown
        assert not _wait_gone(tree, 2.0)
    finally:
        for p in (proc, parent):
            if p.poll() is None:
                p.kill()
        subprocess.run(["rm", "-rf", tmp])
