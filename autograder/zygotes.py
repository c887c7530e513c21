"""The zygote, seen from the grading program: start it (inside bubblewrap), find it, and the
environment it and so every kernel starts from. The zygote itself is autograder/inside/zygote.py.
"""

import os
import re
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder import sandbox
from autograder.inside import confine
from autograder.inside.limits import GRADING, THREAD_VARIABLES
from autograder.paths import ROOT, SOLUTIONS

ZYGOTE_VARIABLE = "COURSE_ZYGOTE"      # the socket of a running zygote, set by a grading worker
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


FOLDER_PREFIX = "course-zygote-"   # each zygote's socket lives in a folder of its own under /tmp


def sweep_stale_folders(older_than=60):
    """Remove the socket folders of zygotes whose grading process died without cleaning up (a
    worker killed by the OS or by the grade command's Ctrl-C): a folder says who owns it in its
    file ``owner``, and one whose owner is gone, older than ``older_than`` seconds, is removed."""
    for folder in Path(tempfile.gettempdir()).glob(FOLDER_PREFIX + "*"):
        try:
            if time.time() - folder.stat().st_mtime < older_than:
                continue   # being set up now: its owner file may not be written yet
            os.kill(int((folder / "owner").read_text()), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (OSError, ValueError):   # another user's, or no owner file: leave it alone
            continue


class Zygote:
    def __init__(self, process, address, folder, listener):
        self.process, self.address, self.folder, self.listener = process, address, folder, listener

    @classmethod
    def start(cls, timeout=GRADING["start_seconds"], wait=True, sandboxed=True):
        """Start the zygote; with ``wait=False``, return while it imports, and call wait_ready() later.

        Its socket is listening from the start: a kernel asked for before the zygote
        is ready waits in the socket's queue, and is served once it is. ``sandboxed``:
        inside bubblewrap (autograder/sandbox.py); without it only the resource limits hold.
        """
        from helpers import places

        sweep_stale_folders()
        folder = tempfile.TemporaryDirectory(prefix=FOLDER_PREFIX)
        Path(folder.name, "owner").write_text(str(os.getpid()))
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
            hidden = [p for p in os.environ.get(HIDDEN_VARIABLE, "").split(os.pathsep) if p]
            command = sandbox.zygote_command(command, cache, places.data_dir(), hidden=hidden)
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, pass_fds=[listener.fileno()])
        zygote = cls(process, address, folder, listener)
        if wait:
            zygote.wait_ready(timeout)
        return zygote

    def wait_ready(self, timeout=GRADING["start_seconds"]):
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
