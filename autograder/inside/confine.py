"""Each kernel apart, inside the run's sandbox: run in the zygote's forked child (zygote.py)
before any student code, and by ``autograder/sandbox.py``'s ``problem()`` to check that it
can be done here.

New user, mount, PID, network and IPC namespaces nested in bubblewrap's; a private,
size-limited ``/tmp`` and ``/dev/shm``; the data cache read-only; then no capability
at all, and resource limits (address space per process, process count, file size, no
core dumps). See autograder/sandbox.py for the whole picture.
"""

import ctypes
import ctypes.util
import os
import resource
import sys

from autograder.inside.limits import MAX_PROCESSES

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWIPC = (
    0x00020000, 0x10000000, 0x20000000, 0x40000000, 0x08000000)
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND = 1, 2, 4, 32, 4096
PR_SET_DUMPABLE, PR_CAPBSET_DROP = 4, 24
CAPSET_SYSCALL = {"x86_64": 126, "aarch64": 91}
LINUX_CAPABILITY_VERSION_3 = 0x20080522
# What the grader tells the zygote through its environment.
SANDBOX_VARIABLE = "COURSE_SANDBOX"     # "bubblewrap" when the zygote runs inside the sandbox
DATASETS_VARIABLE = "COURSE_DATASETS"   # the datasets it prepares, comma-separated


_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True) \
    if sys.platform.startswith("linux") else None


def check_inside():
    """Run inside the sandbox by ``problem()``: can a kernel be kept apart here?"""
    pid = os.fork()
    if pid == 0:
        try:
            separate(tmp_mb=1, readonly=[])
            kernel = os.fork()
            if kernel == 0:
                enter(memory_mb=None)
                os._exit(0)
            os._exit(os.waitstatus_to_exitcode(os.waitpid(kernel, 0)[1]))
        except OSError as error:
            print(error, flush=True)
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    print("ok" if status == 0 else "", flush=True)


# ----------------------------------------------------------------------------
# Each kernel apart, inside the sandbox
# ----------------------------------------------------------------------------

def _check(result, what):
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _mount(source, target, fstype, flags, data=None):
    _check(_libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(),
                       ctypes.c_ulong(flags), data and data.encode()), f"mount {target}")


def _write(path, text):
    with open(path, "w") as f:
        f.write(text)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def _drop_capabilities():
    """None left, and none to be had again: the bounding set emptied, then every set cleared."""
    for capability in range(64):
        _libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)   # past the last one it says EINVAL
    header, data = _CapHeader(LINUX_CAPABILITY_VERSION_3, 0), (_CapData * 2)()
    _check(_libc.syscall(CAPSET_SYSCALL[os.uname().machine], ctypes.byref(header), data), "capset")


def separate(tmp_mb, readonly):
    """Namespaces of its own for this process (a fork of the zygote), before any student code.

    The next child it forks is process 1 of the new PID namespace: that child is the kernel,
    and calls ``enter()``. Raises OSError when a step is refused: no student code may run then.
    """
    uid, gid = os.getuid(), os.getgid()
    _libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)   # its own uid_map is writable only while dumpable
    _check(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC),
           "unshare")
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{uid} {uid} 1")
    _write("/proc/self/gid_map", f"{gid} {gid} 1")
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)   # no other kernel may read its memory via /proc
    # Private, writable, limited. /tmp only when the sandbox shows nothing there: where Python or
    # the course lives under /tmp (a CI checkout), covering it would hide them, and it stays as
    # the sandbox made it, read-only. The kernel writes in /dev/shm (its TMPDIR) either way.
    for path in ("/tmp", "/dev/shm"):
        if os.path.isdir(path) and not (path == "/tmp" and os.listdir(path)):
            _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, f"size={tmp_mb}m,mode=1777")
    for path in readonly:                      # the data cache the zygote filled: read-only from now on
        _mount(path, path, None, MS_BIND)
        _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def not_dumpable():
    """No other process may read this one's memory through /proc (forks inherit it)."""
    if _libc is not None:
        _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def enter(memory_mb):
    """In the kernel (process 1 of its PID namespace): no capabilities, and the limits."""
    _drop_capabilities()
    limit(memory_mb)


def limit(memory_mb):
    """Address space (per process), process count, file size and core limits for this process
    and its children. ``memory_mb`` None: no memory limit."""
    if memory_mb is not None:
        with open("/proc/self/statm") if os.path.exists("/proc/self/statm") else open(os.devnull) as f:
            fields = f.read().split()
        page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
        # The limit counts address space already mapped (torch's libraries alone are several GB of
        # it), so it is set relative to what the kernel has now.
        current = int(fields[0]) * page if fields else 0
        try:
            resource.setrlimit(resource.RLIMIT_AS, (current + memory_mb * 2**20,) * 2)
        except (ValueError, OSError):   # macOS refuses RLIMIT_AS
            pass
    if hasattr(resource, "RLIMIT_NPROC"):
        resource.setrlimit(resource.RLIMIT_NPROC, (MAX_PROCESSES, MAX_PROCESSES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 2**20,) * 2)


if __name__ == "__main__":
    check_inside()
