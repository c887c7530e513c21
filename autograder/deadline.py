"""Time limits that hold in any thread of the grading program.

Signals reach only a process's main thread, and a Dask worker runs its tasks in
other threads; so a watchdog thread measures the time (the wall clock, or the
CPU clock of the thread being limited) and, when it is up, raises the given
exception in that thread with ``PyThreadState_SetAsyncExc``. Like a signal
handler, the exception arrives between two Python bytecodes: a call that stays
in C (a regular expression over a huge string, say) is stopped when it returns.

Only the grading program's own steps run under these limits (nbgrader's steps,
rendering a student's markdown); a student's code runs in a kernel of its own,
which the sandbox's limits stop from outside (autograder/execute.py).
"""

import contextlib
import ctypes
import threading
import time

_TICK = 0.05   # the longest wait, in seconds, between two looks at the clock


@contextlib.contextmanager
def deadline(seconds, error, clock="wall"):
    """Raise ``error`` (an exception class) in this block once ``seconds`` have passed.

    ``clock`` is "wall" (time as the TA waits for it) or "cpu" (this thread's CPU time,
    which a busy machine does not stretch).
    """
    target = threading.get_ident()
    if clock == "cpu":
        cpu_clock = time.pthread_getcpuclockid(target)
        now = lambda: time.clock_gettime(cpu_clock)   # noqa: E731
    else:
        now = time.monotonic
    start, done, lock = now(), threading.Event(), threading.Lock()

    def watch():
        while not done.wait(min(_TICK, max(0.001, seconds - (now() - start)))):
            if now() - start > seconds:
                with lock:
                    if not done.is_set():
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(error))
                return

    watchdog = threading.Thread(target=watch, name="deadline", daemon=True)
    watchdog.start()
    try:
        yield
    finally:
        with lock:   # from here on the watchdog raises nothing
            done.set()
        watchdog.join()
