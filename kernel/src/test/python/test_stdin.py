"""System.in through the front end (input_request / input_reply), repeated until a race would show.

JDK 17's JShell pipe could ask the kernel twice for one byte; after the last byte of a line the
extra ask made the kernel prompt the front end again while the cell's result waited behind it,
so most round trips hung. These tests repeat the round trip in one kernel and across new ones.
"""
import os
import queue
import time

import pytest

from conftest import descendant_pids, kernel_pid, request, result_text, run, start_kernel

READ_LINE = "new java.util.Scanner(System.in).nextLine().toUpperCase()"


def _answer_each(kc, msg_id, answers, timeout=30):
    """Answers one input_request per entry of ``answers``; returns (reply content, iopub msgs)."""
    for answer in answers:
        ask = kc.get_stdin_msg(timeout=timeout)
        assert ask["msg_type"] == "input_request"
        assert ask["parent_header"]["msg_id"] == msg_id
        kc.input(answer)
    deadline = time.monotonic() + timeout
    while True:
        reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    msgs = []
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    return reply["content"], msgs


def _no_more_input_requests(kc):
    with pytest.raises(queue.Empty):
        kc.get_stdin_msg(timeout=0.3)


def round_trip(kc, answer, timeout=30):
    msg_id = kc.execute(READ_LINE, allow_stdin=True)
    return _answer_each(kc, msg_id, [answer], timeout)


def test_stdin_round_trip_50_times_in_one_kernel(kernel):
    km, kc = kernel
    for i in range(50):
        reply, msgs = round_trip(kc, f"bob{i}")
        assert reply["status"] == "ok", (i, reply)
        assert result_text(msgs) == f'"BOB{i}"', i
    _no_more_input_requests(kc)
    reply, msgs = run(kc, "1+1")
    assert result_text(msgs) == "2"


def test_stdin_round_trip_in_10_new_kernels():
    for k in range(10):
        with start_kernel() as (km, kc):
            reply, msgs = round_trip(kc, "bob", timeout=60)
            assert reply["status"] == "ok", (k, reply)
            assert result_text(msgs) == '"BOB"', k
            reply, msgs = round_trip(kc, "alice", timeout=60)
            assert result_text(msgs) == '"ALICE"', k


def test_two_lines_in_one_cell_and_non_ascii_and_empty_lines(kernel):
    km, kc = kernel
    msg_id = kc.execute('var sc = new Scanner(System.in);\nsc.nextLine() + "|" + sc.nextLine() + "|" + sc.nextLine()',
                        allow_stdin=True)
    reply, msgs = _answer_each(kc, msg_id, ["naïve 日本 ☕", "", "last"])
    assert reply["status"] == "ok"
    assert result_text(msgs) == '"naïve 日本 ☕||last"'
    _no_more_input_requests(kc)


def test_prompt_printed_before_the_read_reaches_the_front_end_first(kernel):
    km, kc = kernel
    msg_id = kc.execute('System.out.print("name? "); System.err.print("(stderr) "); '
                        'new Scanner(System.in).nextLine()', allow_stdin=True)
    ask = kc.get_stdin_msg(timeout=30)
    assert ask["msg_type"] == "input_request"
    seen = {"stdout": "", "stderr": ""}
    deadline = time.monotonic() + 5
    while (seen["stdout"], seen["stderr"]) != ("name? ", "(stderr) ") and time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            seen[msg["content"]["name"]] += msg["content"]["text"]
    assert seen == {"stdout": "name? ", "stderr": "(stderr) "}, "output before the read was held back"
    kc.input("x")
    reply, msgs = _answer_each(kc, msg_id, [])
    assert reply["status"] == "ok"


def test_interrupt_while_waiting_for_input_then_input_works_again(kernel):
    km, kc = kernel
    msg_id = kc.execute(READ_LINE, allow_stdin=True)
    ask = kc.get_stdin_msg(timeout=30)
    assert ask["msg_type"] == "input_request"
    assert request(kc, "interrupt_request", channel="control")["content"]["status"] == "ok"
    reply, msgs = _answer_each(kc, msg_id, [])
    assert reply["status"] == "error"
    # A late answer to the abandoned prompt must not be taken for the next cell's line.
    kc.input("stale")
    time.sleep(0.3)
    for i in range(5):
        reply, msgs = round_trip(kc, f"again{i}")
        assert result_text(msgs) == f'"AGAIN{i}"', (reply, [m["content"] for m in msgs])


def test_reading_without_allow_stdin_is_end_of_input_and_later_reads_still_ask(kernel):
    km, kc = kernel
    reply, msgs = run(kc, "System.in.read()", allow_stdin=False)
    assert reply["status"] == "ok" and result_text(msgs) == "-1"
    _no_more_input_requests(kc)
    reply, msgs = round_trip(kc, "after")
    assert result_text(msgs) == '"AFTER"'


def test_engine_runs_perfkernel_agent_not_the_slow_fallback(kernel):
    """The engine JVM is started with perfkernel's agent (JShell's handshake understood)."""
    km, kc = kernel
    run(kc, "1+1")
    cmdlines = []
    for pid in descendant_pids(kernel_pid(km)):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdlines.append(f.read().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:
            pass
    assert any("dev.perfkernel.engine.EngineAgent" in c for c in cmdlines), cmdlines
    assert not any("jdk.jshell.execution.RemoteExecutionControl" in c for c in cmdlines), cmdlines
