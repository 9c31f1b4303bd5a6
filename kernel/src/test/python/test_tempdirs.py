"""Temp dirs of a kernel killed with SIGKILL (no shutdown hook runs) are removed by the next kernel.

Every temp dir the kernel makes is ``perfkernel-PURPOSE-PID-RANDOM``; the first one a kernel makes
(the fork-side jar, built by the warm-up 3 s after start) removes those whose PID has ended.
"""
import glob
import os
import signal
import tempfile
import time

from conftest import kernel_pid, start_kernel


def dirs_of(pid, purpose="*"):
    return glob.glob(os.path.join(tempfile.gettempdir(), f"perfkernel-{purpose}-{pid}-*"))


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return predicate()


def test_a_killed_kernels_temp_dirs_are_removed_when_the_next_kernel_starts():
    with start_kernel() as (km, _kc):
        pid = kernel_pid(km)
        assert wait_for(lambda: dirs_of(pid, "forkside"), 60), "the warm-up made no fork-side jar dir"
        os.kill(pid, signal.SIGKILL)
        # reaped by its parent (this process), so the PID is gone rather than a zombie
        assert wait_for(lambda: not km.is_alive(), 10), "the kernel survived SIGKILL"
        left = dirs_of(pid)
        assert left and all(os.path.isdir(d) for d in left), "SIGKILL runs no clean-up: the dirs stay"
    with start_kernel() as (_km2, _kc2):
        gone = wait_for(lambda: not any(os.path.lexists(d) for d in left), 60)
        assert gone, f"still there after the next kernel's start: {[d for d in left if os.path.lexists(d)]}"
