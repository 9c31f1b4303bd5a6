"""Stream output: batched (not one message per line), never lost, never cut inside a character,
and capped per cell (head and tail kept, the drop reported)."""
import datetime
import queue
import time

from conftest import result_text, run, start_kernel

MAX_MESSAGE_CHARS = 1 << 20  # EngineOutputStream.MAX_MESSAGE_CHARS


def _streams(msgs, name="stdout"):
    return [m for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == name]


def _when(msg):
    d = msg["header"]["date"]
    return d if isinstance(d, datetime.datetime) else datetime.datetime.fromisoformat(d.replace("Z", "+00:00"))


def test_50mb_flood_arrives_whole_in_few_messages(kernel):
    """A tight-loop subscriber (jupyter_client's) gets every byte, in < 5000 messages, cut at lines."""
    km, kc = kernel
    reply, msgs = run(kc, 'for (int i = 0; i < 500_000; i++) System.out.println("x".repeat(99));', timeout=600)
    assert reply["status"] == "ok"
    out = _streams(msgs)
    total = sum(len(m["content"]["text"].encode()) for m in out)
    assert total == 500_000 * 100, f"{500_000 * 100 - total} bytes lost"
    assert len(out) < 5000, f"{len(out)} stream messages"
    # A partial line goes alone only after 200 ms without output (a stalled kernel thread).
    cut_lines = [m for m in out if not m["content"]["text"].endswith("\n")]
    assert len(cut_lines) <= max(1, len(out) // 100), f"{len(cut_lines)} of {len(out)} messages end inside a line"
    assert all(len(m["content"]["text"]) <= MAX_MESSAGE_CHARS for m in out)
    assert result_text(run(kc, "1+1")[1]) == "2"


def test_a_single_20mb_print_arrives_whole(kernel):
    km, kc = kernel
    reply, msgs = run(kc, 'System.out.print("y".repeat(20_000_000));', timeout=600)
    out = _streams(msgs)
    assert sum(len(m["content"]["text"]) for m in out) == 20_000_000
    assert set("".join(m["content"]["text"] for m in out)) == {"y"}
    assert len(out) < 5000, f"{len(out)} stream messages"


def test_at_most_one_message_per_30_ms_while_output_keeps_coming(kernel):
    km, kc = kernel
    code = "for (int i = 0; i < 400; i++) { System.out.println(i); Thread.sleep(2); }"
    reply, msgs = run(kc, code, timeout=120)
    out = _streams(msgs)
    assert "".join(m["content"]["text"] for m in out) == "".join(f"{i}\n" for i in range(400))
    times = [_when(m) for m in out]
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:])]
    # The last message is the end-of-cell flush, which may follow sooner.
    assert all(g >= 0.029 for g in gaps[:-1]), sorted(gaps)[:5]
    assert len(out) <= 400 / 10, f"{len(out)} messages for 400 lines over ~1 s"


def test_multibyte_characters_are_never_cut(kernel):
    km, kc = kernel
    reply, msgs = run(kc, 'System.out.print("☕é😀".repeat(400_000)); System.out.println();', timeout=300)
    text = "".join(m["content"]["text"] for m in _streams(msgs))
    assert "\ufffd" not in text
    assert text == "☕é😀" * 400_000 + "\n"
    for m in _streams(msgs):
        t = m["content"]["text"]
        t.encode("utf-8")  # a lone surrogate (a pair cut in two) would not encode


def test_a_line_written_in_pieces_stays_in_one_message(kernel):
    km, kc = kernel
    code = 'for (int i = 0; i < 20; i++) { System.out.print("word" + i + " "); Thread.sleep(3); }\nSystem.out.println("end");'
    reply, msgs = run(kc, code)
    out = _streams(msgs)
    assert "".join(m["content"]["text"] for m in out) == "".join(f"word{i} " for i in range(20)) + "end\n"
    # Pieces keep coming every few ms: the partial line waits for its line break, and is only
    # ever cut between words.
    assert all(m["content"]["text"].endswith((" ", "\n")) for m in out), [m["content"]["text"] for m in out]
    assert len(out) <= 10, [m["content"]["text"] for m in out]


def test_a_prompt_without_line_break_still_shows_while_the_cell_runs(kernel):
    km, kc = kernel
    msg_id = kc.execute('System.out.print("working..."); Thread.sleep(3000); System.out.println(" done");')
    deadline = time.monotonic() + 2.5
    seen = ""
    while time.monotonic() < deadline and not seen:
        try:
            msg = kc.get_iopub_msg(timeout=0.1)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            seen = msg["content"]["text"]
    assert seen == "working...", "a partial line was held back while the cell ran"
    while True:
        msg = kc.get_shell_msg(timeout=30)
        if msg["parent_header"].get("msg_id") == msg_id:
            break


def test_prints_after_a_display_keep_their_order(kernel):
    km, kc = kernel
    reply, msgs = run(kc, 'System.out.println("a"); display("<b>b</b>", "text/html"); System.out.println("c");')
    order = [m["content"]["text"] if m["msg_type"] == "stream" else "display" for m in msgs
             if m["msg_type"] in ("stream", "display_data")]
    assert order == ["a\n", "display", "c\n"], order


def test_output_cap_keeps_head_and_tail_and_reports_the_drop():
    with start_kernel(env={"PERFKERNEL_OUTPUT_LIMIT": "1M"}) as (km, kc):
        reply, msgs = run(kc, 'for (int i = 0; i < 100_000; i++) System.out.println("line " + i);', timeout=300)
        assert reply["status"] == "ok"
        out = "".join(m["content"]["text"] for m in _streams(msgs))
        err = "".join(m["content"]["text"] for m in _streams(msgs, "stderr"))
        assert out.startswith("line 0\nline 1\n")
        assert out.endswith("line 99999\n")
        assert len(out.encode()) <= 1 << 20
        assert "PERFKERNEL_OUTPUT_LIMIT" in err and "dropped" in err
        full = sum(len(f"line {i}\n") for i in range(100_000))
        dropped = int(err.split("(")[-1].split(" bytes")[0])
        assert dropped == full - len(out.encode()), err
        # The next cell has its own budget.
        reply, msgs = run(kc, 'System.out.println("next")')
        assert "".join(m["content"]["text"] for m in _streams(msgs)) == "next\n"
