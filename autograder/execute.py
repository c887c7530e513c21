"""nbgrader's Execute step, replaced: each hidden test in a sandboxed process of its own, judged outside it.

``SandboxedExecute`` takes the place of nbgrader's ``Execute`` preprocessor in
``nbgrader autograde`` (see nbgrader_config.py). For each notebook it:

1. asks the zygote (autograder/inside/zygote.py) for a fresh kernel, forked and
   confined (autograder/sandbox.py), with the hidden tests' inputs but none of
   their expected outputs, and runs in it only the course's set-up cells
   (autograder/plan.py: the cells some test or answer reads a name from);
2. for each graded test cell, has the kernel fork a process of its own
   (autograder/inside/kernel.py), which runs the answer cells that the test grades
   (and those its exercise builds on), then the hidden tests, then, once the
   verdict's material is in, the visible checks for the feedback. A by-hand
   test's process is guarded from before its answers run (autograder/inside/guard.py).
   Each cell runs under a wall-clock limit, the notebook under another; a
   process that ignores the interrupt is killed, one that dies is reported;
3. judges every test here, in the grading process, from its records alone
   (grading/<notebook>/judges.py against the references): the verdict is
   the test cell's last output, a tick or a one-line ``HiddenTestFailed``
   error, which nbgrader's SaveAutoGrades scores;
4. writes what the TA should review to ``autograder/review/<student>/<notebook>.json``.
"""

import functools
import json
import os
import re
import secrets
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Integer, List, Unicode

from autograder import sandbox, submission
from autograder.inside import confine
from autograder.inside.limits import FILES, LIMITS, THREAD_VARIABLES
from autograder.inside.messages import MAX_MESSAGE, send

from autograder.paths import DEFAULT_WORK, ROOT, SOLUTIONS, Work
ZYGOTE_VARIABLE = "COURSE_ZYGOTE"      # the socket of a running zygote, set by the grade command
HIDDEN_VARIABLE = "COURSE_HIDDEN"      # more folders to hide from kernels (os.pathsep-separated)


def hidden_paths():
    """What no kernel may read: the master notebooks, references, gradebook, all submissions."""
    import helpers

    # This course, and the one the installed helpers belong to (they differ when a
    # copy of the course grades with another checkout's helpers).
    roots = {ROOT, Path(helpers.__file__).resolve().parent.parent}
    paths = [root / name for root in sorted(roots) for name in ("solutions", "grading", "autograder", ".git")]
    paths += [Path(p) for p in os.environ.get(HIDDEN_VARIABLE, "").split(os.pathsep) if p]
    return [str(p) for p in paths if p.exists()]


# ----------------------------------------------------------------------------
# The zygote: one per grading run (the grade command starts it), else one per process
# ----------------------------------------------------------------------------

# The zygote's, and so every kernel's, environment: built from these names only, never the TA's
# own (tokens, passwords, their paths). The course's variables, a locale, a time zone, where the
# caches are, the libraries' thread counts; PATH is a plain one.
KERNEL_VARIABLES = ("COURSE_DATA", "COURSE_SCALE", "COURSE_BACKBONE", "COURSE_BWRAP", "HOME", "XDG_CACHE_HOME",
                    "LANG", "LANGUAGE", "TZ", *THREAD_VARIABLES)
PLAIN_PATH = "/usr/local/bin:/usr/bin:/bin"


def kernel_environment():
    """The environment kernels start from: the allowed variables of this one, and a plain PATH."""
    env = {name: value for name, value in os.environ.items()
           if name in KERNEL_VARIABLES or name.startswith("LC_")}
    env["PATH"] = PLAIN_PATH
    return env


class Zygote:
    def __init__(self, process, address, folder, listener):
        self.process, self.address, self.folder, self.listener = process, address, folder, listener

    @classmethod
    def start(cls, timeout=300, wait=True, sandboxed=True):
        """Start the zygote; with ``wait=False``, return while it imports, and call wait_ready() later.

        Its socket is listening from the start: a kernel asked for before the zygote
        is ready waits in the socket's queue, and is served once it is. ``sandboxed``:
        inside bubblewrap (autograder/sandbox.py); without it only the resource limits hold.
        """
        from helpers import places

        folder = tempfile.TemporaryDirectory(prefix="course-zygote-")
        address = os.path.join(folder.name, "socket")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(address)
        os.chmod(address, 0o600)   # only the TA's own processes may ask for kernels
        listener.listen(64)
        cache = places.cache_dir()
        # Grading runs at the fast scale, with the backbone that every machine has offline, the one
        # the PyPI package installs (see nbgrader_config.py). Matplotlib keeps its font list in the
        # course's cache, the one folder the zygote may write.
        # glibc gives each new thread a malloc arena that reserves 64 MB of address space: under
        # the kernels' address-space limit, a few threads would use it up without using memory.
        env = dict(kernel_environment(), COURSE_SCALE="fast", COURSE_BACKBONE="efficientnet_lite0",
                   MPLCONFIGDIR=str(cache / "matplotlib"), MALLOC_ARENA_MAX="2",
                   PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
        env[confine.DATASETS_VARIABLE] = ",".join(datasets_used())
        command = [os.path.abspath(sys.executable), "-m", "autograder.inside.zygote", "--fd", str(listener.fileno())]
        if sandboxed:
            if sandbox.bwrap() is None:
                raise RuntimeError(f"no sandbox for the students' code: {sandbox.problem()}. Set "
                                   f"c.SandboxedExecute.sandbox = False to grade without one.")
            env[confine.SANDBOX_VARIABLE] = "bubblewrap"
            # The sandbox's /tmp is read-only: temporary files, torch's compile cache among them
            # (which a process that imported torch before may have pointed elsewhere), go to
            # /dev/shm, which each kernel covers with its own.
            env.update(TMPDIR="/dev/shm", TORCHINDUCTOR_CACHE_DIR="/dev/shm/torchinductor")
            command = sandbox.zygote_command(command, cache, places.data_dir())
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, pass_fds=[listener.fileno()])
        zygote = cls(process, address, folder, listener)
        if wait:
            zygote.wait_ready(timeout)
        return zygote

    def wait_ready(self, timeout=300):
        """Wait until the zygote serves kernels; raise RuntimeError if it did not start."""
        if self.listener is None:
            return
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline().strip() if ready else ""
        # From now on only the zygote holds the socket: if it dies, asking for a kernel fails at once.
        self.listener.close()
        self.listener = None
        if line != "ready":
            self.process.kill()
            raise RuntimeError(f"the grading kernels' zygote did not start: "
                               f"{self.process.stderr.read()[-2000:]}")

    def stop(self):
        if self.listener is not None:
            self.listener.close()
            self.listener = None
        self.process.terminate()
        self.process.wait()
        self.folder.cleanup()
        sandbox.sweep_cgroups()


_own_zygote = None


def datasets_used():
    """The datasets that some notebook loads (``data.loaders("mnist"...)``), read from solutions/:
    the zygote prepares them (it cannot see solutions/ from its sandbox)."""
    used = set()
    for path in SOLUTIONS.glob("*/*.ipynb"):
        # in the notebook's JSON the name's quotes are escaped: data.loaders(\"mnist\"
        used.update(re.findall(r'data\.(?:loaders|tensors)\(\\"(\w+)\\"', path.read_text(encoding="utf-8")))
    return sorted(used)


def zygote_address(sandboxed=True):
    """The running zygote's socket: the grade command's, or one started for this process."""
    global _own_zygote
    address = os.environ.get(ZYGOTE_VARIABLE)
    if address and os.path.exists(address):
        return address
    if _own_zygote is None:
        import atexit
        _own_zygote = Zygote.start(sandboxed=sandboxed)
        atexit.register(_own_zygote.stop)
    return _own_zygote.address


# ----------------------------------------------------------------------------
# One kernel, driven from here
# ----------------------------------------------------------------------------

class KernelGone(Exception):
    pass


class Kernel:
    """A sandboxed kernel: run(source, seconds) -> (outputs, records, events, status)."""

    # The first kernels of a run may wait for the zygote's own start (Zygote.start's limit).
    def __init__(self, address, request, start_timeout=300):
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
                    self.pid = _pidfd_pid(self.pidfd)
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
        self.inherited = _shared_dirty(self.pid)

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
                    self.guard_reports.append(_text(message.get("text", ""), 300))
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


MEMORY_CHECK_SECONDS = 0.25   # how often the memory of a kernel's processes is added up


def _pidfd_pid(pidfd):
    """The process id a pidfd stands for, as this process sees it (Linux 5.4+), or None."""
    try:
        with open(f"/proc/self/fdinfo/{pidfd}") as f:
            for line in f:
                if line.startswith("Pid:"):
                    pid = int(line.split()[1])
                    return pid if pid > 0 else None
    except (OSError, ValueError):
        pass
    return None


def tree_memory(pid):
    """Memory, in bytes, that a process and all its descendants hold for themselves (0 once gone).

    Private pages (``smaps_rollup``): pages still shared with the zygote, or between a
    process and the children it forked, exist once and are not counted again for each. Where
    that file cannot be read, resident memory (which counts them). Then the memory that no
    process maps: files in memory that they hold open (memfd, /dev/shm), each counted once,
    and what the kernel's own /tmp and /dev/shm hold (autograder/sandbox.py's tmpfs).
    """
    total, todo, seen, files = 0, [pid], set(), {}
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            total += _own_memory(current)
            files.update(_memory_files(current))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as f:
                    todo += [int(child) for child in f.read().split()]
        except (OSError, ValueError):   # gone meanwhile, or no /proc (macOS: the per-process limit holds)
            continue
    return total + sum(files.values()) + _private_tmpfs(pid)


def _memory_files(pid):
    """{(device, inode): bytes} of the files in memory that a process holds open: memfd files,
    and files of /dev/shm. Reading them needs the rights the grader has over its kernels
    (the same user, or root); where it has not, none are counted."""
    found = {}
    try:
        descriptors = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return found
    for fd in descriptors:
        path = f"/proc/{pid}/fd/{fd}"
        try:
            target = os.readlink(path)
            if target.startswith(("/memfd:", "/dev/shm/")) or "(deleted)" in target and "shm" in target:
                info = os.stat(path)
                found[info.st_dev, info.st_ino] = info.st_blocks * 512
        except OSError:
            continue
    return found


def _private_tmpfs(pid):
    """Bytes held by the tmpfs mounts that only this kernel has (its /tmp and /dev/shm)."""
    total = 0
    try:
        with open(f"/proc/{pid}/mountinfo") as f:
            mounts = [line.split() for line in f]
    except OSError:
        return 0
    for fields in mounts:
        separator = fields.index("-") if "-" in fields else None
        if separator is None or fields[4] not in ("/tmp", "/dev/shm") or fields[separator + 1] != "tmpfs":
            continue
        try:
            inside = os.statvfs(f"/proc/{pid}/root{fields[4]}")
            if os.stat(f"/proc/{pid}/root{fields[4]}").st_dev == os.stat(fields[4]).st_dev:
                continue   # the grader's own, seen through: not the kernel's
            total += (inside.f_blocks - inside.f_bfree) * inside.f_frsize
        except OSError:
            continue
    return total


def _shared_dirty(pid):
    """Bytes of written memory that process ``pid`` shares with others (after a fork: its parent's heap)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return sum(int(line.split()[1]) * 1024 for line in f if line.startswith("Shared_Dirty"))
    except OSError:
        return 0


def _own_memory(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return sum(int(line.split()[1]) * 1024 for line in f if line.startswith("Private_"))
    except OSError:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


# ----------------------------------------------------------------------------
# Outputs from the kernel are rebuilt from plain fields: it may send anything.
# ----------------------------------------------------------------------------

def _text(value, limit=200_000):
    if isinstance(value, list):
        value = "".join(str(v) for v in value)
    return str(value)[:limit]


def clean_output(raw):
    kind = raw.get("output_type") if isinstance(raw, dict) else None
    if kind == "stream":
        name = raw.get("name") if raw.get("name") in ("stdout", "stderr") else "stdout"
        return nbformat.v4.new_output("stream", name=name, text=_text(raw.get("text", "")))
    if kind in ("display_data", "execute_result"):
        data = raw.get("data") if isinstance(raw.get("data"), dict) else {}
        kept = {k: _text(data[k], 5_000_000) for k in ("text/plain", "image/png") if k in data}
        if kind == "execute_result":
            return nbformat.v4.new_output("execute_result", data=kept,
                                          execution_count=raw.get("execution_count") if isinstance(
                                              raw.get("execution_count"), int) else None)
        return nbformat.v4.new_output("display_data", data=kept)
    if kind == "error":
        traceback = raw.get("traceback") if isinstance(raw.get("traceback"), list) else []
        return nbformat.v4.new_output("error", ename=_text(raw.get("ename", "Error"), 200),
                                      evalue=_text(raw.get("evalue", ""), 5000),
                                      traceback=[_text(line, 5000) for line in traceback[:200]])
    return None


def error_output(ename, evalue):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue,
                                  traceback=[f"\x1b[1;31m\u2717 {evalue}\x1b[0m"])


@functools.lru_cache(maxsize=None)
def release(work, notebook):
    """The notebook as handed out, which ``nbgrader generate_assignment`` writes into the work folder."""
    path = Work(work).release_file(notebook)
    if not path.is_file():
        raise FileNotFoundError(f"No release of {notebook} at {path}: run `nbgrader generate_assignment "
                                f"{notebook} --force` in autograder/ first (the grade command does).")
    return nbformat.read(path, as_version=4)


@functools.lru_cache(maxsize=None)
def course_notebook(notebook):
    """The notebook as the course wrote it (solutions/): its test cells hold the hidden tests."""
    return nbformat.read(SOLUTIONS / notebook / f"{notebook}.ipynb", as_version=4)


@functools.lru_cache(maxsize=None)
def grading_material(notebook):
    """(references, judges, the kernel's encoded inputs) of one notebook, read once per process."""
    from autograder import judging
    from helpers import grading

    references, judges = judging.load_references(notebook), judging.load_judges(notebook)
    inputs = {grade_id: grading.encode(cases)
              for grade_id, cases in judging.kernel_inputs(notebook, references).items()}
    return references, judges, inputs


def _bounded(outputs):
    """A cell's outputs up to limits.FILES' cell_outputs_mb together; the rest said in one line."""
    kept, size, left = [], 0, 0
    for output in outputs:
        weight = len(json.dumps(output))
        if size + weight > FILES["cell_outputs_mb"] * 2**20:
            left += weight
            continue
        kept.append(output)
        size += weight
    if left:
        kept.append(nbformat.v4.new_output("stream", name="stdout", text=(
            f"... {left / 2**20:,.1f} MB more of this cell's output not kept (the limit is "
            f"{FILES['cell_outputs_mb']} MB a cell)\n")))
    return kept


def _verdict_outputs(visible, problem, description):
    """A test cell's feedback: its visible checks' own output, then the verdict, which alone decides
    its points. nbgrader scores a cell with an error 0, so only a failed verdict is an error."""
    outputs = []
    for output in visible:
        if output.output_type == "error":   # a visible check's message, kept as text
            output = nbformat.v4.new_output("stream", name="stdout",
                                            text=f"{output.ename}: {output.evalue}\n")
        elif output.output_type == "stream" and output.name == "stderr":
            output.name = "stdout"   # a warning must not read as a failure
        elif output.output_type == "execute_result":
            output = nbformat.v4.new_output("display_data", data=output.data)
        outputs.append(output)
    if problem is None:
        outputs.append(nbformat.v4.new_output("stream", name="stdout", text=f"\u2713 {description}: passed\n"))
    else:
        outputs.append(error_output("HiddenTestFailed", f"{description}: failed. {problem}"))
    return outputs


class _Run:
    """One notebook's grading: runs cells in the kernel or a test's process, and keeps the flags."""

    def __init__(self, execute, notebook, plan, graded):
        self.execute, self.notebook, self.plan, self.graded = execute, notebook, plan, graded
        self.flags, self.stopped, self.seconds = [], None, {"judging": 0.0}
        self.gone = False   # the last cell's process was killed or died: nothing more runs in it
        self.deadline = time.monotonic() + execute.notebook_timeout

    def stop(self, why):
        if self.stopped is None:
            self.stopped = why
            self.flags.append(why)

    def cell(self, process, source, cell, index, test=None, keep=None):
        """Run one cell's source; return its outputs. Records go to ``keep`` (a test's own run)."""
        execute = self.execute
        label = self.plan.cells[index].grade_id if index in self.plan.cells else f"cell {index + 1}"
        seconds = min(execute.cell_timeout, self.deadline - time.monotonic())
        if seconds <= 0:
            self.stop(f"the notebook's time limit ({execute.notebook_timeout} s) was reached")
            return [error_output("TimeLimit", f"Not run: {self.stopped}.")]
        outputs, records, events, status = process.run(source, seconds, execute.interrupt_grace)
        self.gone = status == "killed" or status.startswith("died")
        if process.strays:
            self.flags.append(f"{label}: sent {process.strays} message(s) to the grader outside "
                              f"the course's own channel (forged results?); not counted")
        outputs = _bounded([o for o in map(clean_output, outputs) if o is not None])
        self.flags += [f"{label}: {event}" for event in events]
        limit_name = "cell" if seconds >= execute.cell_timeout else "notebook"
        limit = execute.cell_timeout if limit_name == "cell" else execute.notebook_timeout
        if status == "interrupted":
            outputs.append(error_output(
                "TimeLimit", f"Stopped: this cell ran past the {limit_name}'s time limit ({limit} s)."))
            self.flags.append(f"{label}: ran past the {limit_name}'s time limit")
        elif status == "killed":
            outputs.append(error_output("TimeLimit", f"Killed: {label} ignored the interrupt at its time limit."))
            self.flags.append(f"{label}: ignored the interrupt at the time limit (swallows "
                              f"KeyboardInterrupt?); its process was killed")
        elif status.startswith("died"):
            outputs.append(error_output("KernelDied", f"The kernel stopped during this cell ({status[6:]})."))
            self.flags.append(f"{label}: the process stopped ({status[6:]})")
        if any(o.output_type == "error" and o.ename == "MemoryError" for o in outputs):
            self.flags.append(f"{label}: ran out of memory (MemoryError at the {execute.memory_mb} MB limit)")
        if keep is not None:
            keep.update(records)
        elif records:
            self.flags.append(f"{label}: sent hidden-test results ({', '.join(sorted(records))}) from a cell "
                              f"that is not their test")
        if test is not None:
            self._name_other_answers(outputs, test)
        return outputs

    def _name_other_answers(self, outputs, test):
        """A name an answer uses but another answer cell defines: say so by name."""
        from autograder.plan import cell_names

        for output in outputs:
            # NameError's own words, in the cell's error or inside a hidden test's summary of it
            found = re.search(r"name '(\w+)' is not defined", output.get("evalue", "")) if \
                output.output_type == "error" else None
            if not found:
                continue
            name = found.group(1)
            owner = next((self.plan.cells[i].grade_id for i in self.plan.answer_cells()
                          if i not in test.answers and i in self.graded
                          and name in cell_names(self.graded[i].source)[0]), None)
            if owner is not None:
                said = (f"your code uses `{name}`, which another answer cell ({owner}) defines: put it in "
                        f"this answer cell. Each answer cell must stand on its own: when graded, it runs "
                        f"without the others")
                output.evalue = output.evalue.replace(found.group(0), said)
                output.traceback = [f"{output.ename}: {output.evalue}"]


# ----------------------------------------------------------------------------
# The preprocessor
# ----------------------------------------------------------------------------

class SandboxedExecute(NbGraderPreprocessor):
    cell_timeout = Integer(LIMITS["cell_timeout"],
                           help="Seconds one cell may run before it is interrupted.").tag(config=True)
    notebook_timeout = Integer(LIMITS["notebook_timeout"],
                               help="Seconds a whole notebook may run.").tag(config=True)
    memory_mb = Integer(LIMITS["memory_mb"],
                        help="Memory (MB) a kernel may allocate beyond its start.").tag(config=True)
    tmp_mb = Integer(LIMITS["tmp_mb"], help="Size (MB) of the kernel's private /tmp.").tag(config=True)
    threads = Integer(1, help="Threads a kernel's torch may use.").tag(config=True)
    interrupt_grace = Integer(5, help="Seconds a kernel gets to stop after an interrupt.").tag(config=True)
    extra_hidden = List(Unicode(), help="More folders the kernels must not read.").tag(config=True)
    work = Unicode(str(DEFAULT_WORK), help="The grading run's work folder (autograder/paths.py): the "
                                           "release is read from it, what each run reported written to it."
                   ).tag(config=True)
    sandbox = Bool(True, help="Run kernels in the bubblewrap sandbox (autograder/sandbox.py). False only "
                              "where none can be made: every notebook so graded is flagged.").tag(config=True)

    def preprocess(self, nb, resources):
        from autograder.plan import course_plan

        info = resources["nbgrader"]
        notebook, student = info["notebook"], info.get("student", "unknown")
        references, judges, inputs = grading_material(notebook)
        # Only the release's cells and the answer cells run (autograder/submission.py); the grade
        # command has done this already, plain nbgrader has not.
        nb, _ = submission.rebuild(nb, release(self.work, notebook), course_notebook(notebook))
        plan = course_plan(notebook)
        by_id = {cell.get("id"): cell for cell in nb.cells}
        graded = {index: by_id[cell.get("id")] for index, cell in enumerate(course_notebook(notebook).cells)
                  if cell.get("id") in by_id}
        request = {"inputs": {notebook: inputs}, "hidden": hidden_paths() + list(self.extra_hidden),
                   "memory_mb": self.memory_mb, "tmp_mb": self.tmp_mb, "threads": self.threads,
                   "sandboxed": self.sandbox}
        run = _Run(self, notebook, plan, graded)
        stubs = {cell.get("id"): cell.source for cell in release(self.work, notebook).cells}
        run.stubs = {index: stubs.get(cell.get("id")) for index, cell in graded.items()}
        if not self.sandbox:
            run.flags.append("graded without a sandbox (--no-sandbox)")
        started = time.perf_counter()
        kernel = Kernel(zygote_address(self.sandbox), request)
        run.seconds["start"] = time.perf_counter() - started
        ran = set()
        try:
            for index in plan.setup_for({i: graded[i].source for i in plan.answer_cells()}):
                graded[index].outputs = run.cell(kernel, graded[index].source, graded[index], index)
                ran.add(index)
            run.seconds["set-up"] = time.perf_counter() - started - run.seconds["start"]
            for test in plan.tests:
                ran |= self._test(run, kernel, test, references, judges)
            run.seconds["tests"] = (time.perf_counter() - started - run.seconds["start"] - run.seconds["set-up"]
                                    - run.seconds["judging"])
        finally:
            kernel.kill()
        self.seconds = run.seconds   # where this notebook's time went (benchmarks/grading.py prints it)
        for index, cell in graded.items():
            if cell.cell_type == "code" and index not in ran:
                cell.outputs = [nbformat.v4.new_output(
                    "stream", name="stdout", text=f"Not run at grading: {run.stopped or 'no hidden test needs this cell'}.\n")]
        self._write_flags(student, notebook, run.flags, kernel.sandbox)
        return nb, resources

    def _test(self, run, kernel, test, references, judges):
        """One hidden test in a process of its own; its verdict, here. Returns the cells it ran."""
        from autograder.plan import description, hidden_part, needed_statements

        cell = run.graded[test.cell]
        visible, hidden = hidden_part(cell.source)
        if run.stopped is not None:
            return set()
        solution_id, pattern = getattr(judges, "BY_HAND", {}).get(test.grade_id, (None, None))
        guard = None
        if pattern is not None:
            from helpers import checks
            guard = {"pattern": getattr(checks, pattern).pattern, "label": solution_id}
        try:
            process = kernel.fork(guard)
        except (KernelGone, OSError) as error:
            run.stop(f"the kernel stopped ({error})")
            return set()
        ran, alive, run.gone = set(), True, False
        try:
            for index in sorted(test.answers + test.course):
                outputs = run.cell(process, run.graded[index].source, run.graded[index], index, test)
                if index in test.own or index in test.course:
                    run.graded[index].outputs = outputs
                    ran.add(index)
                if run.gone:   # the process is gone: nothing more runs in it
                    alive = False
                    break
            records, answered = {}, None
            hidden_outputs = [error_output("KernelDied", f"the test's process stopped while "
                                                         f"{run.plan.cells[index].grade_id} ran (its output says "
                                                         f"why): the hidden tests did not run.")] if not alive else []
            if alive:
                source = "\n".join(p for p in (needed_statements(visible, hidden), hidden) if p)
                hidden_outputs = run.cell(process, source, cell, test.cell, test, keep=records)
                answered = process.ask("verdict")
            # What the guard reported, while the answers ran or the hidden tests did, or at its last check.
            reports = list(process.guard_reports) + [_text(m.get("text", ""), 300) for m in answered or []
                                                      if m.get("op") == "guard"]
            if alive and answered is None and guard is not None and not reports:
                reports.append("the hidden test's process ended before its by-hand guard was checked")
            started = time.perf_counter()
            problem = self._verdict(run, test, records, hidden_outputs, reports, references, judges, guard)
            run.seconds["judging"] += time.perf_counter() - started
            outputs = run.cell(process, visible, cell, test.cell, test) if alive and not run.gone else []
        finally:
            process.kill()
        try:
            kernel.join()
        except (KernelGone, OSError) as error:
            run.stop(f"the kernel stopped after {test.grade_id} ({error})")
        cell.outputs = _verdict_outputs(outputs, problem, description(hidden, test.grade_id))
        ran.add(test.cell)
        return ran

    def _verdict(self, run, test, records, hidden_outputs, reports, references, judges, guard):
        """Why the test fails (a line that names no hidden value), or None: decided here, outside
        every process that ran the student's code, from what their functions returned."""
        from helpers import grading

        from autograder import judging
        from autograder.findings import library_calls

        grade_id = test.grade_id
        if test.own and all(run.graded[i].source == run.stubs.get(i) for i in test.own):
            return "not answered (its answer cell is as it was handed out)."
        others = sorted(set(records) - {grade_id})
        if others:   # results count only in their own test
            run.flags.append(f"{grade_id}: sent hidden-test results of other cells ({', '.join(others)})")
        if reports:
            run.flags += [f"{grade_id}: {report}" for report in dict.fromkeys(reports)]
            return f"{reports[0]}."
        sent = records.get(grade_id, [])
        error = next((o for o in hidden_outputs if o.output_type == "error"), None)
        if error is not None:
            return _text(error.evalue, 500) if error.ename in ("HiddenTestFailed", "TimeLimit", "KernelDied") \
                else f"your code raised {error.ename}: {_text(error.evalue, 300)}"
        if not sent:
            return "no results reached the grader."
        if len(sent) > 1:
            run.flags.append(f"{grade_id}: hidden test sent results {len(sent)} times")
        try:
            problem = judging.judge(run.notebook, grade_id, grading.decode(sent[-1].get("records")),
                                    references, judges)
        except (ValueError, TypeError, KeyError, RecursionError) as error:
            problem = f"the results could not be read ({error})"
        # "By hand", read from the answer's code as well.
        if problem is None and guard is not None:
            answer = next((run.graded[i].source for i in test.answers
                           if run.plan.cells[i].grade_id == guard["label"]), "")
            used = library_calls(answer, re.compile(guard["pattern"]))
            if used:
                problem = (f"{guard['label']} calls {', '.join(used)}, the library function that this "
                           f"exercise asks you to write by hand.")
                run.flags.append(f"{grade_id}: {problem}")
        return problem

    def _write_flags(self, student, notebook, flags, sandbox):
        path = Work(self.work).review_file(student, notebook)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"flags": flags, "sandbox": sandbox}, indent=1), encoding="utf-8")
