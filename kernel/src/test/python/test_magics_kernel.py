"""The kernel's own magics through a real Jupyter client: %help, %time, %classpath, %maven,
%load, and usage errors without stack traces."""
import os
import re
import shutil
import subprocess
import tempfile

import pytest

from conftest import error_text, errors, request, result_text, run, stdout_text


@pytest.fixture(scope="module")
def workdir():
    d = tempfile.mkdtemp(prefix="perfkernel-magics-")
    yield d
    shutil.rmtree(d, ignore_errors=True)


def test_help_lists_every_magic_and_shows_one(kernel):
    km, kc = kernel
    reply, msgs = run(kc, "%help")
    assert reply["status"] == "ok"
    out = stdout_text(msgs)
    for name in ("%help", "%classpath (%jars)", "%maven", "%load", "%time"):
        assert name in out, out
    reply, msgs = run(kc, "%help time")
    assert "%%time" in stdout_text(msgs) and "CPU time" in stdout_text(msgs)
    reply, msgs = run(kc, "%load --help")
    assert stdout_text(msgs).startswith("%load FILE")


def test_time_line_and_cell_forms(kernel):
    km, kc = kernel
    run(kc, "long work(int n) { long s = 0; for (int i = 0; i < n; i++) s += new int[4].length; return s; }")
    reply, msgs = run(kc, "%time work(100_000)")
    assert reply["status"] == "ok", error_text(msgs)
    line = stdout_text(msgs)
    assert re.match(r"CPU time: [\d.]+ (µs|ms|s), wall time: [\d.]+ (µs|ms|s), allocated: [\d.]+ (B|KB|MB|GB)\n$", line), line
    assert result_text(msgs) == "400000"
    reply, msgs = run(kc, "%%time\nlong t = work(1000);\nSystem.out.println(\"t=\" + t);")
    assert reply["status"] == "ok", error_text(msgs)
    out = stdout_text(msgs)
    assert "t=4000" in out and "CPU time:" in out and "includes JShell compiling" in out
    reply, msgs = run(kc, "t")
    assert result_text(msgs) == "4000"


def test_time_reports_the_cells_error_with_its_lines(kernel):
    km, kc = kernel
    reply, msgs = run(kc, "%%time\nint a = 1;\nString b = a;")
    assert reply["status"] == "error"
    assert errors(msgs)[0]["evalue"].startswith("line 3, column 12:")


def test_classpath_adds_a_jar(kernel, workdir):
    km, kc = kernel
    src = os.path.join(workdir, "src", "demo")
    os.makedirs(src)
    with open(os.path.join(src, "Hello.java"), "w") as f:
        f.write('package demo;\npublic class Hello { public static String hi() { return "hi from jar"; } }\n')
    classes = os.path.join(workdir, "classes")
    subprocess.run(["javac", "-d", classes, os.path.join(src, "Hello.java")], check=True, timeout=120)
    jar = os.path.join(workdir, "hello.jar")
    subprocess.run(["jar", "cf", jar, "-C", classes, "."], check=True, timeout=60)
    reply, msgs = run(kc, f"%classpath {jar}\ndemo.Hello.hi()")
    assert reply["status"] == "ok", error_text(msgs)
    assert jar in stdout_text(msgs)
    assert result_text(msgs) == '"hi from jar"'
    reply, msgs = run(kc, "%jars")
    assert jar in stdout_text(msgs)


def test_classpath_of_a_missing_file_is_a_clear_error(kernel):
    km, kc = kernel
    reply, msgs = run(kc, "%classpath /no/such/thing.jar")
    assert reply["status"] == "error"
    assert errors(msgs)[0]["ename"] == "ClasspathError"
    assert "/no/such/thing.jar" in errors(msgs)[0]["evalue"]


def test_bad_magic_option_is_a_usage_error_without_stack_trace(kernel):
    km, kc = kernel
    reply, msgs = run(kc, "%classpath --bogus")
    assert reply["status"] == "error"
    err = errors(msgs)[0]
    assert err["ename"] == "UsageError"
    assert "--bogus" in err["evalue"]
    text = error_text(msgs)
    assert "%classpath PATH" in text          # the usage
    assert "Exception" not in text and "\tat " not in text and "    at " not in text


def test_unknown_magic_suggests_close_names(kernel):
    km, kc = kernel
    reply, msgs = run(kc, "%tme 1")
    assert reply["status"] == "error"
    assert errors(msgs)[0]["ename"] == "UsageError"
    assert "%time" in errors(msgs)[0]["evalue"]


def test_magic_option_completion(kernel):
    km, kc = kernel
    reply = request(kc, "complete_request", {"code": "%help --h", "cursor_pos": 9})["content"]
    assert "--help" in reply["matches"]


def test_load_jsh_and_java_files(kernel, workdir):
    km, kc = kernel
    jsh = os.path.join(workdir, "setup.jsh")
    with open(jsh, "w") as f:
        f.write("int triple(int x) { return 3 * x; }\ntriple(14)\n")
    reply, msgs = run(kc, f"%load {jsh}")
    assert reply["status"] == "ok", error_text(msgs)
    assert result_text(msgs) == "42"
    java = os.path.join(workdir, "Util.java")
    with open(java, "w") as f:
        f.write("package demo.util;\n\nimport java.util.List;\n\npublic class Util {\n"
                "    public static int total(List<Integer> xs) { return xs.stream().mapToInt(i -> i).sum(); }\n}\n")
    reply, msgs = run(kc, f"%load {java}\nUtil.total(List.of(1, 2, 3)) + triple(1)")
    assert reply["status"] == "ok", error_text(msgs)
    assert result_text(msgs) == "9"
    bad = os.path.join(workdir, "bad.jsh")
    with open(bad, "w") as f:
        f.write("int ok = 1;\nString s = ok;\n")
    reply, msgs = run(kc, f"%load {bad}")
    assert reply["status"] == "error"
    assert "bad.jsh" in error_text(msgs) and "line 2, column 12" in error_text(msgs)


def test_maven_resolves_and_adds_jars(kernel):
    km, kc = kernel
    reply, msgs = run(kc, "%maven org.apache.commons:commons-lang3:3.14.0", timeout=240)
    assert reply["status"] == "ok", error_text(msgs)
    assert "commons-lang3" in stdout_text(msgs)
    reply, msgs = run(kc, 'org.apache.commons.lang3.StringUtils.capitalize("perf")')
    assert result_text(msgs) == '"Perf"'
    reply, msgs = run(kc, "%maven not-a-coordinate")
    assert reply["status"] == "error" and errors(msgs)[0]["ename"] == "UsageError"
