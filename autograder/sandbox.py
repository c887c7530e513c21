"""Confine a freshly forked kernel process before any student code runs (Linux).

``confine()`` is called in a child of the zygote (autograder/zygote.py), which
is single-threaded right after ``fork()``, as Linux requires for a new user
namespace. It gives the process:

- its own network namespace with no interface but a loopback that is down: no
  network at all;
- its own mount namespace, in which the whole filesystem is read-only, the
  course's secrets (``solutions/``, ``autograder/``, ``.git``) and the folder
  of submissions are replaced by empty folders, and ``/tmp`` and ``/dev/shm``
  are fresh, private, size-limited tmpfs: the only places it can write;
- its own PID namespace (the kernel is process 1 of it, with its own
  ``/proc``), so it can neither see nor signal the grader, the zygote or
  another student's kernel;
- resource limits: address space (memory), file size, no core dumps.

Each step that the platform refuses is skipped and named in the returned
report, so that the TA learns what was not isolated. On macOS and Windows none
of the namespaces exist; only the resource limits apply (see README).
"""

import ctypes
import ctypes.util
import os
import resource
import sys

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWIPC = (
    0x00020000, 0x10000000, 0x20000000, 0x40000000, 0x08000000)
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
AT_RECURSIVE, MOUNT_ATTR_RDONLY = 0x8000, 0x00000001
SYS_MOUNT_SETATTR = {"x86_64": 442, "aarch64": 442}

_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True) \
    if sys.platform.startswith("linux") else None


class MountAttr(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]


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


def _readonly_everywhere():
    """Make every mount read-only at once (mount_setattr, Linux 5.12+), else one by one."""
    attr = MountAttr(attr_set=MOUNT_ATTR_RDONLY)
    number = SYS_MOUNT_SETATTR.get(os.uname().machine)
    if number is not None:
        AT_FDCWD = -100
        if _libc.syscall(number, AT_FDCWD, b"/", AT_RECURSIVE, ctypes.byref(attr),
                         ctypes.sizeof(attr)) == 0:
            return
    with open("/proc/self/mounts") as f:
        targets = [line.split()[1].replace("\\040", " ") for line in f]
    for target in targets:   # the older way: remount each bind read-only
        try:
            _mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY)
        except OSError:
            pass


def _lockdown_namespaces(hidden, tmp_size_mb, report, keep):
    uid, gid = os.getuid(), os.getgid()
    _check(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC),
           "unshare")
    # Map our own user and group only: inside, the kernel is who the TA is, and no one else.
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{uid} {uid} 1")
    _write("/proc/self/gid_map", f"{gid} {gid} 1")
    report["network"] = "none (own network namespace)"

    _mount(None, "/", None, MS_REC | MS_PRIVATE)   # nothing we mount leaks out, nor in
    for path in hidden:                              # empty, read-only folders over the secrets
        if os.path.isdir(path):
            _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=555")
    _readonly_everywhere()
    size = f"size={tmp_size_mb}m,mode=1777"
    # Fresh, private, writable. /tmp stays as it is (read-only) when Python or the
    # course lives under it, as in a CI checkout: covering it would hide them.
    private = ["/dev/shm"]
    if not any(os.path.realpath(p).startswith("/tmp/") for p in keep):
        private.append("/tmp")
    for path in private:
        if os.path.isdir(path):
            _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, size)
    report["filesystem"] = (f"read-only; hidden: {', '.join(hidden) or 'nothing'}; "
                            f"writable: {' and '.join(private)} ({tmp_size_mb} MB each, private)")


def confine(hidden, memory_mb, tmp_size_mb, keep=()):
    """Confine this process; return (report, is_kernel).

    With a PID namespace the caller forks once more: the child (``is_kernel``
    True) becomes process 1 of the new namespace and runs the kernel; the
    parent stays outside only to wait for it and must exit with it. Without
    namespaces ``is_kernel`` is True in the one process.
    """
    report = {"network": "not isolated", "filesystem": "not isolated", "processes": "not isolated"}
    if _libc is not None:
        try:
            _lockdown_namespaces([os.path.realpath(p) for p in hidden], tmp_size_mb, report,
                                 [sys.prefix, *keep])
        except OSError as error:
            report["problem"] = str(error)
        else:
            pid = os.fork()
            if pid != 0:
                return dict(report, kernel_pid=pid), False
            report["pid_namespace"] = True
            try:   # process 1 of the new PID namespace: its own /proc
                _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
                report["processes"] = "own PID namespace and /proc"
            except OSError as error:
                report["processes"] = f"own PID namespace, but the host's /proc ({error})"
    _limit(memory_mb)
    report["memory"] = f"{memory_mb} MB beyond the kernel's own size"
    return report, True


def _limit(memory_mb):
    """Address-space, file-size and core limits for this process and its children."""
    with open("/proc/self/statm") if os.path.exists("/proc/self/statm") else open(os.devnull) as f:
        fields = f.read().split()
    page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
    current = int(fields[0]) * page if fields else 0
    # The limit counts address space already mapped (torch's libraries alone are
    # several GB of it), so it is set relative to what the kernel has now.
    limit = current + memory_mb * 2**20
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):   # macOS refuses RLIMIT_AS
        pass
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    fsize = 256 * 2**20
    resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
