"""The memory of all of one kernel's processes together, counted from outside: their own
pages, the files in memory they hold open (memfd, /dev/shm) and the kernel's private tmpfs."""

import os





def pidfd_pid(pidfd):
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


def shared_dirty(pid):
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
