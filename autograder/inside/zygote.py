"""The zygote: one process that imports torch & co. once, then forks a fresh kernel per notebook.

A new Python kernel spends about 5 s of CPU importing torch, torchvision and
matplotlib before the first cell runs. The zygote pays that once; each
submission's kernel is a ``fork()`` of it, ready in milliseconds, and has its
own copy of everything (copy-on-write), so no state passes between students.
The zygote never runs student code itself.

    python -m autograder.inside.zygote SOCKET      # serve until killed; prints "ready" when it is
    python -m autograder.inside.zygote --fd N      # the same on a listening socket it inherits

The grade command binds the socket itself and hands it over (``--fd``), so that
its workers can ask for kernels while the zygote is still importing.
A grader connects to SOCKET and sends one message (see autograder/inside/kernel.py):
``{"op": "start", "inputs": ..., "hidden": [...], "memory_mb": ..., "tmp_mb": ...,
"threads": ...}``. The zygote forks; the child
confines itself (autograder/sandbox.py) and serves the grader on that
connection, which the zygote then closes on its side.
"""

import contextlib
import importlib
import io
import os
import pkgutil
import signal
import socket
import sys

from autograder.inside.limits import THREAD_VARIABLES

# No thread pools started before the fork (a fork copies only the thread that
# calls it): one thread here, whatever the TA's environment says; each kernel
# then takes the share of the cores that the grader asks for (kernel.serve).
for variable in THREAD_VARIABLES:
    os.environ[variable] = "1"
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.pop("NBGRADER_EXECUTION", None)


def preload():
    """Import what every notebook imports, and make the IPython shell, before any fork."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import numpy  # noqa: F401
    import torch  # noqa: F401
    import torch.nn.functional  # noqa: F401
    import torchvision  # noqa: F401
    import torchinfo  # noqa: F401
    import timm  # noqa: F401   (notebook 06's backbones: 0.7 s per kernel otherwise)
    import tqdm.auto  # noqa: F401
    # Libraries whose functions a by-hand exercise must not call: loaded here, so that the
    # guard of a by-hand test (autograder/inside/guard.py) finds them to wrap in every kernel.
    import scipy.ndimage  # noqa: F401
    import scipy.signal  # noqa: F401
    import torchvision.transforms.v2.functional  # noqa: F401
    import helpers
    for module in pkgutil.iter_modules(helpers.__path__):   # every helpers module, none listed by hand
        importlib.import_module(f"helpers.{module.name}")
    from autograder.inside import guard, kernel  # noqa: F401   (guard: armed in by-hand tests' processes)
    _warm_data_cache()
    shell = kernel.make_shell()
    kernel.use_threads(1)       # imports what a kernel needs to set its threads
    kernel.module_files()       # every kernel needs them: made once, here
    return shell


def _warm_data_cache():
    """Prepare the datasets the notebooks use in the cache now (copied from COURSE_DATA,
    extracted, decoded): kernels see the cache read-only."""
    from helpers import data

    from autograder.inside.confine import DATASETS_VARIABLE
    names = os.environ.get(DATASETS_VARIABLE, "").split(",")
    for name in sorted(set(names) & set(data.NAMES)):
        for train in (True, False):
            # quiet: the grader reads this process's first line ("ready"); a fallback's
            # one-line notice belongs in the notebook, which prints it again
            with contextlib.redirect_stdout(io.StringIO()):
                try:
                    data.tensors(name, train=train)
                except Exception:   # not there: the notebook falls back to its stand-in and says so
                    pass


def _hand_over(connection, pid):
    """Tell the grader which process is the kernel: a pidfd (valid across the sandbox's PID
    namespaces, and never another process's once the kernel has gone), or, where Linux has
    none (no sandbox), the process id."""
    from autograder.inside import messages

    handle = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None
    data = messages.frame({"op": "pid", "pid": pid})
    socket.send_fds(connection, [data], [handle] if handle is not None else [])


def _serve_one(connection, shell):
    """In the forked child: keep the kernel apart (autograder/sandbox.py), then run the
    student's notebook for the grader."""
    from autograder.inside import confine, kernel, messages

    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):   # a student writing to fd 1 or 2 writes to nothing
        os.dup2(devnull, fd)
    request = messages.receive(connection)
    if request is None or request.get("op") != "start":
        os._exit(0)
    request["allowed"] = request.get("allowed", []) + kernel.allowed_paths()
    if request.get("sandboxed") and os.environ.get(confine.SANDBOX_VARIABLE) != "bubblewrap":
        messages.send(connection, {"op": "refused", "problem": "this zygote runs outside the sandbox"})
        os._exit(1)
    if not request.get("sandboxed"):   # the TA's --no-sandbox: this process is the kernel
        _hand_over(connection, os.getpid())
        confine.limit(request["memory_mb"])
        kernel.serve(connection, shell, request, {"problem": "not sandboxed (--no-sandbox)"})
        return
    try:
        from helpers import places
        confine.separate(request["tmp_mb"], readonly=[str(places.cache_dir())])
    except OSError as error:
        messages.send(connection, {"op": "refused", "problem": str(error)})
        os._exit(1)
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid != 0:   # outside the kernel's PID namespace: hand it over, wait for it, go
        _hand_over(connection, pid)
        os.close(go_w)   # the kernel may start: the grader holds its handle
        connection.close()
        try:
            os.waitpid(pid, 0)
        finally:
            os._exit(0)
    os.close(go_w)
    os.read(go_r, 1)
    os.close(go_r)
    confine.enter(request["memory_mb"])
    kernel.serve(connection, shell, request, {"sandbox": "bubblewrap, the kernel in namespaces of its own"})


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 2 and argv[0] == "--fd":
        listener = socket.socket(fileno=int(argv[1]))
    elif len(argv) == 1:
        path = argv[0]
        if os.path.exists(path):
            os.unlink(path)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(path)
        os.chmod(path, 0o600)   # only the TA's own processes may ask for kernels
        listener.listen(64)
    else:
        raise SystemExit("usage: python -m autograder.inside.zygote SOCKET | --fd N")
    shell = preload()
    from autograder.inside import confine
    confine.not_dumpable()   # nor the kernels, its forks, whose memory holds a student's work
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)   # kernels are reaped automatically
    print("ready", flush=True)
    while True:
        connection, _ = listener.accept()
        if os.fork() == 0:
            listener.close()
            try:
                _serve_one(connection, shell)
            finally:
                os._exit(0)
        connection.close()


if __name__ == "__main__":
    main()
