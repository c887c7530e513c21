"""The student's kernel in the autograder: runs the course's set-up cells, then forks a process per hidden test.

It lives in a process forked from the zygote (autograder/inside/zygote.py) and
confined by autograder/sandbox.py. It talks to the grading process over one
socket, in length-prefixed JSON messages (never pickle: the grader must not
run anything the kernel sends):

    grader -> kernel   {"op": "run", "source": "...", "cell": token}     (the course's set-up cells)
                       {"op": "fork", "guard": None or {"pattern", "label"}}
    kernel -> grader   {"op": "done", "cell": token, "outputs": [nbformat outputs], "events": [...]}
                       {"op": "forked"} with a socket and a pidfd of the hidden test's process
                       {"op": "joined", "status": ...} once that process and all it started are gone

On a hidden test's own socket (``_fork_test``), the same "run" and "done", and:

    grader -> test     {"op": "verdict"}: the hidden tests have run; the guard's last check
    test -> grader     {"op": "record", "cell": token, "notebook", "key", "description", "records"}
                       {"op": "guard", "text": ...} (autograder/inside/guard.py), {"op": "verdict-done"}

Each cell's token is new and random: the grader takes a message only with the
token of the cell it is running, so nothing sent early can pass for a later cell.

Cells run in IPython's shell, as in Jupyter (magics, ``display``, rich
reprs). Hidden tests get their inputs from the grader and send their records
back (helpers.grading's channel); they never see expected outputs. Events the
TA should review (files opened outside the sandbox's view, patched modules,
reading NBGRADER_EXECUTION, running programs) are reported with each cell.
Nothing here is trusted: the grader decides every point.
"""

import io
import os
import pkgutil
import socket
import sys
import time
from pathlib import Path

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell

import helpers
from autograder.inside.limits import FILES, STREAM_CHARS, THREAD_VARIABLES
from autograder.inside.messages import receive, send

DISPLAY_LIMIT = FILES["cell_outputs_mb"] * 2**20   # characters of figures and displays kept per cell
ROOT = Path(__file__).resolve().parent.parent   # the course

# Modules whose functions decide what a check sees; replacing one, or the module itself in
# sys.modules, is reported. Every helpers module is watched, found rather than listed.
WATCHED_MODULES = ("builtins", "math", "numpy", "numpy.testing", "torch", "torch.nn.functional",
                   "torch.testing", "operator", *(f"helpers.{m.name}" for m in pkgutil.iter_modules(helpers.__path__)))


# ----------------------------------------------------------------------------
# Capturing a cell's outputs as nbformat outputs
# ----------------------------------------------------------------------------

class CellOutputs:
    def __init__(self):
        self.outputs, self.written = [], {"stdout": 0, "stderr": 0}
        self.shown, self.not_shown = 0, 0   # bytes of figures and other displays, kept and not

    def display(self, output):
        """A figure or another display, while the cell's displays stay under DISPLAY_LIMIT."""
        size = sum(len(str(v)) for v in output["data"].values())
        if self.shown + size > DISPLAY_LIMIT:
            self.not_shown += size
            return
        self.shown += size
        self.outputs.append(output)

    def stream(self, name, text):
        self.written[name] += len(text)
        kept = sum(len(o["text"]) for o in self.outputs if o.get("name") == name)
        text = text[:max(0, STREAM_CHARS - kept)]
        if not text:
            return
        last = self.outputs[-1] if self.outputs else None
        if last and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.outputs.append({"output_type": "stream", "name": name, "text": text})

    def finish(self):
        for name, total in self.written.items():
            if total > STREAM_CHARS:
                self.outputs.append({"output_type": "stream", "name": name,
                                     "text": f"\n... {total - STREAM_CHARS:,} more characters not kept\n"})
        if self.not_shown:
            self.outputs.append({"output_type": "stream", "name": "stdout", "text": (
                f"\n... {self.not_shown / 2**20:,.1f} MB more of this cell's output not kept (figures and "
                f"displays: {DISPLAY_LIMIT // 2**20} MB a cell)\n")})
        return self.outputs


class Stream(io.TextIOBase):
    def __init__(self, name, shell):
        self.name, self.shell = name, shell

    def writable(self):
        return True

    def write(self, text):
        self.shell.cell.stream(self.name, str(text))
        return len(text)


class Publisher(DisplayPublisher):
    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        kept = {k: v for k, v in data.items() if k in ("text/plain", "text/html", "image/png")}
        self.shell.cell.display({"output_type": "display_data", "data": kept, "metadata": {}})

    def clear_output(self, wait=False):
        self.shell.cell.outputs.clear()


class ResultHook(DisplayHook):
    """The value of a cell's last expression becomes an execute_result, as in Jupyter."""

    def start_displayhook(self):
        self._data = None

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        self._data = {k: v for k, v in format_dict.items() if k in ("text/plain", "text/html")}

    def finish_displayhook(self):
        if self._data:
            self.shell.cell.display({"output_type": "execute_result", "data": self._data,
                                     "metadata": {}, "execution_count": self.prompt_count})


class CourseShell(InteractiveShell):
    """IPython's shell with every output captured for the grader."""

    cell = None
    displayhook_class = ResultHook
    display_pub_class = Publisher

    def _showtraceback(self, etype, evalue, stb):
        self.cell.outputs.append({"output_type": "error", "ename": str(etype.__name__),
                                  "evalue": str(evalue), "traceback": list(stb)})

    def enable_gui(self, gui=None):
        pass


def make_shell():
    """The shell, made in the zygote (it takes a while) before any fork."""
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False      # no sqlite file in the student's home
    return CourseShell.instance(config=config, colors="NoColor")


def allowed_paths():
    """Where a kernel may read without being reported: Python's own files, the data, the caches.

    Computed in the zygote's child before it is confined, where helpers.data is already
    imported (the grading workers need not import torchvision for it).
    """
    import helpers
    from helpers import data

    places = {sys.prefix, sys.base_prefix, sys.exec_prefix, "/usr", "/lib", "/lib64", "/etc",
              str(Path.home() / ".cache"), str(Path(helpers.__file__).parent), str(ROOT / "notebooks")}
    places.update(p for p in sys.path if p and os.path.isabs(p) and Path(p) != ROOT)
    if data.data_dir() is not None:
        places.add(str(data.data_dir()))
    return sorted(places)


_test_threads = 1   # a test process's share of the cores: the grader's request says (serve)


def use_threads(threads):
    """The kernel's share of the cores: torch's threads, the BLAS and OpenMP pools, and the
    environment that programs it starts would read, all the same number."""
    import torch

    for variable in THREAD_VARIABLES:
        os.environ[variable] = str(threads)
    torch.set_num_threads(threads)
    try:   # numpy's BLAS read OPENBLAS_NUM_THREADS=1 in the zygote (scikit-learn brings threadpoolctl)
        from threadpoolctl import threadpool_limits
    except ImportError:
        return
    threadpool_limits(threads)


# ----------------------------------------------------------------------------
# What the TA should hear about
# ----------------------------------------------------------------------------

_module_files = {}   # module name -> the real path of its file; filled in the zygote, before any fork


def module_files():
    """The real paths of the loaded modules' files. Thousands of realpath() calls (50 ms):
    the zygote makes them once, and each kernel only for modules imported since."""
    for name, module in list(sys.modules.items()):
        if name not in _module_files:
            file = getattr(module, "__file__", None)
            _module_files[name] = os.path.realpath(file) if isinstance(file, str) else None
    return {path for path in _module_files.values() if path}


class Watcher:
    """Collects events: opened files outside the allowed places, patched modules, programs run."""

    def __init__(self, allowed_prefixes, hidden):
        self.allowed = tuple(os.path.join(os.path.realpath(p), "") for p in allowed_prefixes)
        self.hidden = tuple(os.path.join(os.path.realpath(p), "") for p in hidden)
        self.events, self.seen = [], set()
        self.snapshot = self._functions()
        # Source files of modules loaded before the student's code: reading them again
        # (tracebacks and warnings show their lines) is not worth a report.
        self.known_files = module_files()

    def _report(self, text):
        if text not in self.seen and len(self.seen) < 100:
            self.seen.add(text)
            self.events.append(text)

    def audit(self, event, args):
        if event == "open" and args and isinstance(args[0], (str, bytes)):
            path = os.path.abspath(os.fsdecode(args[0]))
            if path in self.known_files:
                return
            if path.startswith(self.hidden):
                self._report(f"tried to open {path} (the grader's files are hidden)")
            elif not path.startswith(self.allowed):
                self._report(f"opened {path}, outside the notebook's folder")
        elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn"):
            self._report(f"ran a program ({event})")
        elif event == "socket.connect":
            self._report("tried to connect to the network")
        elif event == "ctypes.dlopen":
            self._report("loaded a C library with ctypes")
        elif event == "object.__setattr__" and len(args) > 1 and args[1] == "__code__":
            self._report(f"replaced the code of {getattr(args[0], '__qualname__', 'a function')} (__code__)")

    def _functions(self):
        table = {"sys.modules": {f"[{name!r}]": id(sys.modules[name]) for name in WATCHED_MODULES
                                 if name in sys.modules},   # loaded ones: a later import is no patch
                 # the course's switches (scale, data, references) read by helpers
                 "os.environ": {f"[{k!r}]": hash(v) for k, v in os.environ.items() if k.startswith("COURSE_")}}
        for name in WATCHED_MODULES:
            module = sys.modules.get(name)
            if module is not None:
                table[name] = {k: id(v) for k, v in vars(module).items() if not k.startswith("__")}
        shell = InteractiveShell.initialized() and InteractiveShell.instance()
        if shell:   # the shell that runs every cell: its methods, and hooks put on the instance
            found = [item for cls in reversed(type(shell).__mro__) for item in vars(cls).items()]
            table["the notebook's shell"] = {k: id(v) for k, v in [*found, *vars(shell).items()]
                                             if callable(v) and not k.startswith("__")}
        for cls in ("Tensor",):
            torch = sys.modules.get("torch")
            if torch is not None:
                table[f"torch.{cls}"] = {k: id(v) for k, v in vars(getattr(torch, cls)).items()}
        return table

    def check_patches(self):
        now = self._functions()
        # A module replaced in sys.modules is one event: its old names, each "replaced" too, would fill
        # the report (it keeps 100) and hide what comes after them.
        swapped = {name for name in WATCHED_MODULES
                   if self.snapshot["sys.modules"].get(f"[{name!r}]") != now["sys.modules"].get(f"[{name!r}]")}
        for module, names in self.snapshot.items():
            if module in swapped:
                continue
            for name, ident in names.items():
                if now.get(module, {}).get(name) != ident:
                    where = f"{module}{name}" if name.startswith("[") else f"{module}.{name}"
                    self._report(f"replaced {where}")
        added = set(now["os.environ"]) - set(self.snapshot["os.environ"])
        for name in sorted(added):
            self._report(f"replaced os.environ{name}")

    def take(self):
        events, self.events = self.events, []
        return events


class WatchedEnviron(os._Environ):
    """os.environ that reports a look at NBGRADER_EXECUTION (nbgrader's 'am I being graded?')."""

    watcher = None

    def __getitem__(self, key):
        if key == "NBGRADER_EXECUTION" and self.watcher is not None:
            self.watcher._report("looked at NBGRADER_EXECUTION")
        return super().__getitem__(key)

    def __contains__(self, key):
        if key == "NBGRADER_EXECUTION" and self.watcher is not None:
            self.watcher._report("looked at NBGRADER_EXECUTION")
        return super().__contains__(key)


def _watch_environ(watcher):
    env = os.environ
    watched = WatchedEnviron(env._data, env.encodekey, env.decodekey, env.encodevalue, env.decodevalue)
    watched.watcher = watcher
    os.environ = watched


# ----------------------------------------------------------------------------
# The channel that hidden tests use (see helpers.grading)
# ----------------------------------------------------------------------------

class Channel:
    def __init__(self, sock, inputs):
        self.sock, self.inputs = sock, inputs
        self.cell = None   # the running cell's token: the grader takes records that carry it

    def cases(self, notebook, key):
        from helpers import grading

        if key not in self.inputs.get(notebook, {}):
            raise KeyError(f"the grader has no hidden test {notebook}/{key}")
        return grading.decode(self.inputs[notebook][key])

    def send(self, notebook, key, payload, description=""):
        send(self.sock, {"op": "record", "cell": self.cell, "notebook": notebook, "key": key,
                         "description": str(description)[:200], "records": payload})


# ----------------------------------------------------------------------------
# The loop
# ----------------------------------------------------------------------------

def serve(sock, shell, request, report):
    """Run cells until the grader closes the socket. Called in the confined kernel process."""
    import warnings

    from helpers import grading

    # The kernel itself runs only the set-up cells, on one thread: a process forked after
    # OpenMP has started its threads (torch's pool, at its first parallel operation) hangs at
    # its own first one (libgomp is not safe across fork). Each test's process gets the
    # kernel's share of the cores once it has been forked (_fork_test).
    global _test_threads
    _test_threads = int(request.get("threads", 1))
    use_threads(1)
    scratch = request.get("scratch", "/dev/shm/work")   # private and writable (sandbox.py)
    os.makedirs(scratch, exist_ok=True)
    os.chdir(scratch)
    os.environ["HOME"] = os.environ["TMPDIR"] = scratch
    import tempfile
    tempfile.tempdir = scratch
    os.environ["MPLCONFIGDIR"] = os.path.join(scratch, ".matplotlib")
    os.environ.pop("NBGRADER_EXECUTION", None)
    # A figure is made but never drawn: plots earn no points, and drawing is slow.
    warnings.filterwarnings("ignore", message=".*non-interactive.*")
    channel = grading._channel = Channel(sock, request["inputs"])

    watcher = Watcher(request.get("allowed", []) + [scratch, "/tmp", "/dev", "/proc", "/sys"],
                      request.get("hidden", []))
    sys.addaudithook(watcher.audit)   # cannot be removed again, by design of audit hooks
    _watch_environ(watcher)
    sys.stdout, sys.stderr = Stream("stdout", shell), Stream("stderr", shell)
    send(sock, {"op": "ready", "sandbox": report})
    _serve_cells(sock, shell, channel, watcher, fork=True)


def _run_one(sock, shell, channel, watcher, message):
    import matplotlib.pyplot as plt

    shell.cell = CellOutputs()
    channel.cell = message.get("cell")
    started = time.perf_counter()
    try:
        shell.run_cell(message["source"], store_history=True)
    finally:
        plt.close("all")
    watcher.check_patches()
    send(sock, {"op": "done", "cell": message.get("cell"), "outputs": shell.cell.finish(),
                "events": watcher.take(), "seconds": time.perf_counter() - started,
                "execution_count": shell.execution_count - 1})


def _serve_cells(sock, shell, channel, watcher, fork=False):
    """Run cells until the grader closes the socket. The kernel (``fork``) also makes a test's process."""
    while True:
        message = receive(sock)
        if message is None:
            return
        if message.get("op") == "run":
            _run_one(sock, shell, channel, watcher, message)
        elif message.get("op") == "fork" and fork:
            _fork_test(sock, shell, channel, watcher, message)
        else:
            return message.get("op")


def _fork_test(sock, shell, channel, watcher, message):
    """A hidden test's own process: a fork of this kernel, which has run only the course's set-up cells.

    It talks to the grader on a socket of its own, which the grader gets here with a
    pidfd of the process; it never holds this kernel's socket, so nothing it runs can
    speak for the kernel or for another test. When it has gone, every process it left
    is killed, and the kernel says so (``joined``) and waits for the next request.
    """
    import signal

    ours, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:   # the test's process: nothing of the student's has run yet
        try:
            sock.close()
            ours.close()
            os.setpgid(0, 0)   # its own process group, for the kernel to end without a PID namespace
            use_threads(_test_threads)
            channel.sock = theirs
            check = None
            if message.get("guard"):
                from autograder.inside import guard

                def report(text):
                    send(theirs, {"op": "guard", "text": str(text)[:300]})

                check = guard.arm(report, message["guard"]["pattern"], message["guard"]["label"])
                watcher.snapshot = watcher._functions()   # the guard's wrappers are no patch of the student's
            # The answers and the hidden tests; then ("verdict") the guard's last check, after
            # which the grader takes nothing more from this process, and the visible checks,
            # which compare with the library, run for the feedback.
            while _serve_cells(theirs, shell, channel, watcher) == "verdict":
                if check is not None:
                    check()
                    check.disarm()
                    check = None
                    watcher.snapshot = watcher._functions()
                send(theirs, {"op": "verdict-done"})
        finally:
            os._exit(0)
    theirs.close()
    handle = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None
    from autograder.inside.messages import frame
    fds = [ours.fileno()] + ([handle] if handle is not None else [])
    socket.send_fds(sock, [frame({"op": "forked"})], fds)
    ours.close()
    if handle is not None:
        os.close(handle)
    _, status = os.waitpid(pid, 0)
    # Whatever it started dies with it: in the sandbox this kernel is process 1 of its PID
    # namespace, where kill(-1) reaches every other process; outside, its process group.
    try:
        if os.getpid() == 1:
            os.kill(-1, signal.SIGKILL)
        else:
            os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    while True:   # reap them (killed, they go at once)
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    send(sock, {"op": "joined", "status": os.waitstatus_to_exitcode(status)})
