"""A cell with several declarations runs every one of them, on each installed JDK.

JShell's completeness scanner gives up on some valid code (JDK 17: a switch arm `-> throw`);
JShell.eval then compiled only the first declaration of the rest of the cell and silently
dropped the others. The kernel now finds snippet boundaries itself where the scanner gives up.
"""
import glob
import os
import re

import pytest

from conftest import error_text, errors, request, result_text, run, start_kernel


def _jdk_homes():
    """{feature version: JAVA_HOME} of the JDKs under /usr/lib/jvm (one per version)."""
    homes = {}
    for release in sorted(glob.glob("/usr/lib/jvm/*/release")):
        home = os.path.dirname(release)
        if os.path.islink(home) or not os.access(os.path.join(home, "bin", "javac"), os.X_OK):
            continue
        with open(release, encoding="utf-8", errors="replace") as f:
            m = re.search(r'^JAVA_VERSION="(\d+)', f.read(), re.M)
        if m:
            homes.setdefault(m.group(1), home)
    return homes


JDKS = _jdk_homes()


@pytest.fixture(scope="module", params=sorted(JDKS) or ["default"])
def jdk_kernel(request):
    env = {"PERFKERNEL_JAVA_HOME": JDKS[request.param]} if request.param in JDKS else None
    with start_kernel(env=env) as pair:
        yield pair


REPRO = ('double f(String u) { return switch (u) { case "a" -> 1; default -> throw new IllegalArgumentException(u); }; }\n'
         '\n'
         'double g() { return 3; }')

# Each first snippet is followed, in the same cell, by a declaration that must not be lost.
NEIGHBOURS = [
    'void h(int k) { switch (k) { case 1 -> throw new IllegalStateException("}"); default -> { } } }',
    'java.util.function.Supplier<String> sup = () -> { throw new IllegalStateException(); };',
    'int y(int k) { return switch (k) { case 1: yield 10; default: yield 20; }; }',
    'String tb = """\n    } not a brace; {\n    """;',
    'int q = switch (1) { case 1 -> 5; default -> throw new IllegalStateException(); };',
    'char brace = \'}\'; // a } in a comment',
    'static double twoArms(int k) {\n'
    '    return switch (k) { case 0 -> throw new ArithmeticException(); default -> k; };\n'
    '}',
]


def test_declaration_after_a_throw_arm_is_not_dropped(jdk_kernel):
    km, kc = jdk_kernel
    reply, msgs = run(kc, REPRO)
    assert reply["status"] == "ok", error_text(msgs)
    reply, msgs = run(kc, "g()")
    assert reply["status"] == "ok", error_text(msgs)
    assert result_text(msgs) == "3.0"
    reply, msgs = run(kc, 'f("a")')
    assert result_text(msgs) == "1.0", error_text(msgs)
    reply, msgs = run(kc, 'f("b")')
    assert reply["status"] == "error"
    reply = request(kc, "is_complete_request", {"code": REPRO})
    assert reply["content"]["status"] == "complete"


def test_neighbours_of_the_throw_arm_keep_every_declaration(jdk_kernel):
    km, kc = jdk_kernel
    for k, first in enumerate(NEIGHBOURS):
        reply, msgs = run(kc, f"{first}\nint after{k}() {{ return {k}; }}\nafter{k}() + 100")
        assert reply["status"] == "ok", (first, error_text(msgs))
        assert result_text(msgs) == str(k + 100), first
    calls = " + ".join(f"after{k}()" for k in range(len(NEIGHBOURS)))
    reply, msgs = run(kc, f"{calls} + y(1) + q + tb.length() + twoArms(4)")
    assert reply["status"] == "ok", error_text(msgs)
    expected = sum(range(len(NEIGHBOURS))) + 10 + 5 + len("} not a brace; {\n") + 4
    assert result_text(msgs) == str(float(expected))


def test_a_syntax_error_after_a_throw_arm_is_reported(jdk_kernel):
    km, kc = jdk_kernel
    reply, msgs = run(kc, REPRO.replace("double g()", "double g2()") + "\nint broken = 1 2;")
    assert reply["status"] == "error"
    assert errors(msgs)[0]["ename"] == "CompilationError", error_text(msgs)
    reply, msgs = run(kc, "g2()")
    assert result_text(msgs) == "3.0", error_text(msgs)
