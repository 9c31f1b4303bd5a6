"""The java-perf kernel against jupyter_kernel_test's protocol conformance suite."""
import unittest

import jupyter_kernel_test


class JavaPerfKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "java-perf"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world")'
    code_stderr = 'System.err.println("oops")'

    # KernelTests compares the whole match set, so the samples have exactly one candidate
    # ("Strin" also offers StringBuilder, StringJoiner, ... from JShell's default imports).
    completion_samples = [
        {"text": "Math.ma", "matches": {"max("}},
        {"text": "System.currentTimeMil", "matches": {"currentTimeMillis()"}},
        {"text": "java.util.concurrent.ConcurrentHashM", "matches": {"ConcurrentHashMap"}},
        {"text": "Strin"},
    ]
    complete_code_samples = ["1", 'System.out.println("x");', "int a = 3;", "void f() { }"]
    incomplete_code_samples = ["void f() {", "int[] xs = {1, 2,", 'System.out.println("x"']
    invalid_code_samples = ["int x = 1 2;"]

    code_generate_error = 'throw new RuntimeException("boom")'
    code_execute_result = [
        {"code": "1+1", "result": "2"},
        {"code": '"a" + "b"', "result": '"ab"'},
        {"code": "Math.max(3, 7)", "result": "7"},
    ]
    code_display_data = [
        {"code": 'display("<b>hi</b>", "text/html")', "mime": "text/html"},
        {"code": 'display("plain words")', "mime": "text/plain"},
    ]
    code_inspect_sample = "Math.max"
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
