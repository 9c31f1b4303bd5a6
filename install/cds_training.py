"""Training run for the kernel's class-data-sharing archive (called by install.sh).

Starts the installed launcher once with the JVM options given in PERFKERNEL_KERNEL_OPTS
(install.sh passes -XX:ArchiveClassesAtExit=...), drives the requests a session starts with
(kernel_info, execute, complete, inspect, is_complete) so their classes are loaded, and shuts
the kernel down, at which point the JVM writes the archive.

Usage: python3 cds_training.py LAUNCHER
"""
import os
import shutil
import subprocess
import sys
import tempfile

from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file


def main():
    launcher = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="perfkernel-cds-")
    proc = None
    try:
        conn, _ = write_connection_file(os.path.join(tmp, "kernel.json"), key=os.urandom(16).hex().encode())
        proc = subprocess.Popen([launcher, conn], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        kc = BlockingKernelClient(connection_file=conn)
        kc.load_connection_file()
        kc.start_channels()
        try:
            kc.kernel_info(reply=True, timeout=60)
            for code in ("1+1", 'System.out.println("x")', "int[] xs = {1, 2};", "%help"):
                kc.execute(code, reply=True, timeout=120)
            kc.complete("Math.ma", reply=True, timeout=60)
            kc.inspect("Math.max(", reply=True, timeout=60)
            kc.is_complete("void f() {")
            kc.get_shell_msg(timeout=60)
            kc.history(hist_access_type="tail", n=3, reply=True, timeout=60)
            kc.shutdown()
        finally:
            kc.stop_channels()
        return proc.wait(timeout=120)
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
