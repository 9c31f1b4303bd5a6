"""The java-perf kernel against jupyter-kernel-test's protocol conformance suite (0.7).

Every reply and iopub message the suite sees is validated against its message schema
(msgspec v5). The Java snippets below give it one sample per feature it checks: stdout and
stderr streams, completion, is_complete, execute_result, display_data, error, history and
inspect. Two checks stay skipped, because the kernel has no such feature: ``test_pager``
(no cell output goes to the pager: the kernel sends no ``payload``) and ``test_clear_output``
(the display API in the engine has no ``clearOutput``).
"""
import unittest

import jupyter_kernel_test


class JavaPerfKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "java-perf"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world")'
    code_stderr = 'System.err.println("oops")'

    # The suite compares the whole match set, so every sample has exactly one candidate
    # ("Strin" alone would also offer StringBuilder, StringJoiner, ... from the default imports).
    completion_samples = [
        {"text": "Math.ma", "matches": {"max("}},
        {"text": "System.currentTimeMil", "matches": {"currentTimeMillis()"}},
        {"text": "java.util.concurrent.ConcurrentHashM", "matches": {"ConcurrentHashMap"}},
        {"text": 'String s = "x"; s.toUpperCa', "matches": {"toUpperCase("}},
        {"text": "Strin"},
    ]
    complete_code_samples = ["1", 'System.out.println("x");', "int a = 3;", "void f() { }",
                             "record P(int x, int y) { }", "%time 1+1"]
    incomplete_code_samples = ["void f() {", "int[] xs = {1, 2,", 'System.out.println("x"',
                               "class C { int m() {"]
    invalid_code_samples = ["int x = 1 2;"]

    code_generate_error = 'throw new RuntimeException("boom")'
    code_execute_result = [
        {"code": "1+1", "result": "2"},
        {"code": '"a" + "b"', "result": '"ab"'},
        {"code": "Math.max(3, 7)", "result": "7"},
        {"code": "java.util.List.of(1, 2)", "result": "[1, 2]"},
    ]
    code_display_data = [
        {"code": 'display("<b>hi</b>", "text/html")', "mime": "text/html"},
        {"code": 'display("plain words")', "mime": "text/plain"},
        {"code": 'display(svg("<svg xmlns=\\"http://www.w3.org/2000/svg\\"/>"))', "mime": "image/svg+xml"},
    ]
    code_inspect_sample = "String.valueOf"
    code_history_pattern = "1?1"
    supported_history_operations = ("tail", "range", "search")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The kernel answers before its JShell engine is up; completion needs the engine, so wait
        # for one executed cell (history is not affected: the suite only looks at its own cells).
        cls.kc.execute_interactive("1+1", timeout=120, output_hook=lambda msg: None)


if __name__ == "__main__":
    unittest.main()


# ------------------------------------------------------------ inspect: Javadoc of JDK methods

def test_inspect_shows_the_javadoc_of_jdk_methods(kernel):
    """Needs the JDK's src.zip (Debian: openjdk-17-source, installed by install/test.sh and
    install.sh --install-deps): JShell reads the Javadoc from it."""
    from conftest import request, run
    km, kc = kernel
    run(kc, "1+1", timeout=120)   # inspect needs the engine up
    code = "String.valueOf"

    def inspect(detail):
        reply = request(kc, "inspect_request", {"code": code, "cursor_pos": len(code), "detail_level": detail})
        assert reply["content"]["status"] == "ok" and reply["content"]["found"], reply["content"]
        return reply["content"]["data"]["text/plain"]

    brief = inspect(0)
    # every overload with its summary sentence, Javadoc's inline tags rendered as text
    assert "String String.valueOf(Object obj)\n    Returns the string representation of the Object argument." in brief, brief
    assert "String String.valueOf(char c)" in brief
    assert "{@code" not in brief and "<p>" not in brief and "No Javadoc" not in brief

    full = inspect(1)
    assert "Parameters:\n  obj – an Object." in full, full
    assert "Returns: if the argument is null, then a string equal to \"null\"" in full, full
