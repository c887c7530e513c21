"""One kernel, driven from the grading program over its socket: ``Kernel`` for the notebook's
kernel (forked by the zygote), ``HiddenTestProcess`` for a hidden test's own process (forked
by that kernel). Their memory is watched from here (autograder/memory.py); the other side of
the socket is autograder/inside/kernel.py.
"""

import json
import os
import secrets
import select
import signal
import socket
import struct
import time

from autograder import sandbox
from autograder.inside.limits import GRADING, MAX_MESSAGE, MEMORY_CHECK_SECONDS
from autograder.inside.messages import send
from autograder.memory import pidfd_pid, shared_dirty, tree_memory
from autograder.outputs import bounded_text


class KernelGone(Exception):
    pass


class Kernel:
    """A sandboxed kernel: run(source, seconds) -> (outputs, records, events, status)."""

    # The first kernels of a run may wait for the zygote's own start (Zygote.start's limit).
    def __init__(self, address, request, start_timeout=GRADING["start_seconds"]):
        self.guard_reports = []   # what a by-hand guard reported (only a test's process has one)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(address)
        self.buffer, self.pid, self.pidfd, self.sandbox, self.cgroup = b"", None, None, None, None
        self.inherited = 0
        self.memory_limit = request["memory_mb"] * 2**20
        self.baseline = None   # the memory of its processes when it started
        send(self.sock, {"op": "start", **request})
        deadline = time.monotonic() + start_timeout
        # The kernel's handle comes first, with a pidfd when Linux has them (autograder/inside/zygote.py).
        if not select.select([self.sock], [], [], start_timeout)[0]:
            raise RuntimeError("the kernel did not start")
        data, fds, _, _ = socket.recv_fds(self.sock, 2**16, 1)
        self.buffer, self.pidfd = data, (fds[0] if fds else None)
        while self.pid is None or self.sandbox is None:
            message = self._next(deadline)
            if message is None:
                raise RuntimeError("the kernel did not start")
            if message.get("op") == "pid":
                self.pid = int(message["pid"])
                if self.pidfd is not None:   # the pid in the grader's own namespace
                    self.pid = pidfd_pid(self.pidfd)
                if self.pid is None or self.pid <= 1:   # never signal the machine's init by mistake
                    raise RuntimeError(f"the kernel reported a bad process id {self.pid}")
                # Before it runs any cell: its processes bounded even for a grader running as root.
                self.cgroup = sandbox.bound_processes(self.pid)
            elif message.get("op") == "refused":
                raise RuntimeError(f"the kernel could not be sandboxed: {message.get('problem')}")
            elif message.get("op") == "ready":
                self.sandbox = message.get("sandbox", {})
        self.baseline = tree_memory(self.pid)
        # Pages it still shares with the zygote (its heap: Python's objects, torch's state) become its
        # own when it writes to them, as reference counts and the garbage collector do. That memory is
        # the zygote's, not the student's: it is allowed on top of the limit, so that one process meets
        # its address-space limit (a MemoryError in the cell) before this watch kills the kernel.
        self.inherited = shared_dirty(self.pid)

    def _next(self, deadline):
        """The next message; None at the deadline. Raises KernelGone when the kernel has gone,
        or when its processes together use more memory than the limit."""
        while True:
            if len(self.buffer) >= 8:
                (size,) = struct.unpack(">Q", self.buffer[:8])
                if size > MAX_MESSAGE:
                    raise KernelGone(f"it sent {size:,} bytes at once (the limit is {MAX_MESSAGE:,})")
                if len(self.buffer) >= 8 + size:
                    data, self.buffer = self.buffer[8:8 + size], self.buffer[8 + size:]
                    try:
                        return json.loads(data)
                    except ValueError:
                        raise KernelGone("it sent something that is not a message") from None
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            if not select.select([self.sock], [], [], min(left, MEMORY_CHECK_SECONDS))[0]:
                self._check_memory()
                continue
            chunk = self.sock.recv(2**20)
            if not chunk:
                raise KernelGone("the kernel died")
            self.buffer += chunk

    def _check_memory(self):
        if self.baseline is None:
            return
        used = tree_memory(self.pid) - self.baseline - self.inherited
        if used > self.memory_limit:
            raise KernelGone(f"its processes together used {used / 2**20:,.0f} MB, over the "
                             f"{self.memory_limit / 2**20:,.0f} MB limit")

    def _signal(self, number):
        try:
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, number)
            elif self.pid and self.pid > 1:
                os.kill(self.pid, number)
        except ProcessLookupError:
            pass

    def run(self, source, seconds, grace=5):
        """Run one cell. status: 'ok', 'interrupted' (stopped at the limit), 'killed' or 'died: why'.

        Each cell gets a new random token: records count only if they carry it, so nothing a
        cell sends can pass for what a later cell sends, and each reply is its own cell's.
        ``strays`` counts the messages that did not belong.
        """
        records, status, self.strays = {}, "ok", 0
        token = secrets.token_hex(16)
        deadline = time.monotonic() + seconds
        interrupted = False
        try:
            send(self.sock, {"op": "run", "source": source, "cell": token})
            while True:
                message = self._next(deadline)
                if message is None:
                    if interrupted:   # it ignored the interrupt: stop it for good
                        self.kill()
                        return [], records, [], "killed"
                    interrupted, status = True, "interrupted"
                    self._signal(signal.SIGINT)
                    deadline = time.monotonic() + grace
                elif message.get("op") == "guard":   # the by-hand guard (autograder/inside/guard.py)
                    self.guard_reports.append(bounded_text(message.get("text", ""), 300))
                elif message.get("cell") != token:
                    self.strays += 1
                elif message.get("op") == "record":
                    records.setdefault(str(message.get("key")), []).append(message)
                elif message.get("op") == "done":
                    return (message.get("outputs", []), records,
                            [str(e)[:300] for e in message.get("events", [])], status)
        except (KernelGone, OSError) as error:
            self.kill()
            return [], records, [], f"died: {error}"

    def kill(self):
        """Stop the kernel and, as it is process 1 of its PID namespace, every process it started."""
        self._signal(signal.SIGKILL)
        self.sock.close()
        if self.pidfd is not None:
            os.close(self.pidfd)
            self.pidfd = None
        if self.cgroup is not None:
            sandbox.release_cgroup(self.cgroup)
            self.cgroup = None


    def fork(self, guard=None, timeout=30):
        """A hidden test's own process, forked from this kernel (autograder/inside/kernel.py's _fork_test)."""
        send(self.sock, {"op": "fork", "guard": guard})
        if not select.select([self.sock], [], [], timeout)[0]:
            raise KernelGone("the kernel did not start a test's process")
        data, fds, _, _ = socket.recv_fds(self.sock, 2**16, 2)
        if not data or not fds:
            for fd in fds:
                os.close(fd)
            raise KernelGone("the kernel did not start a test's process")
        self.buffer += data
        message = self._next(time.monotonic() + timeout)
        if message is None or message.get("op") != "forked":
            raise KernelGone("the kernel did not start a test's process")
        return HiddenTestProcess(self, socket.socket(fileno=fds[0]), fds[1] if len(fds) > 1 else None)

    def join(self, timeout=30):
        """Wait until the kernel has ended what a test's process left behind."""
        message = self._next(time.monotonic() + timeout)
        if message is None or message.get("op") != "joined":
            raise KernelGone("the kernel did not end a test's process")


class HiddenTestProcess(Kernel):
    """One hidden test's process: cells run as in a kernel, on a socket and a pidfd of its own.

    Its memory counts with the kernel's (the kernel's process tree holds it); stopping it
    stops only it, and the kernel ends whatever it started.
    """

    def __init__(self, kernel, sock, pidfd):
        self.kernel, self.sock, self.pidfd, self.buffer = kernel, sock, pidfd, b""
        self.pid, self.cgroup, self.strays, self.guard_reports = None, None, 0, []

    def _check_memory(self):
        self.kernel._check_memory()

    def _signal(self, number):
        if self.pidfd is not None:
            try:
                signal.pidfd_send_signal(self.pidfd, number)
            except ProcessLookupError:
                pass

    def ask(self, op, seconds=10):
        """Send ``op``; return the messages it sends until it answers ``op-done`` (None: it did not)."""
        messages = []
        try:
            send(self.sock, {"op": op})
            deadline = time.monotonic() + seconds
            while True:
                message = self._next(deadline)
                if message is None:
                    return None
                if message.get("op") == f"{op}-done":
                    return messages
                messages.append(message)
        except (KernelGone, OSError):
            return None
