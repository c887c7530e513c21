"""What the run's sandbox shows a kernel (autograder/sandbox.py), read from the bubblewrap command line."""

import sys

import pytest

from autograder import sandbox
from course import ROOT


def bound(command):
    """The places bound into the sandbox, read-only or not."""
    return {command[i + 1] for i, arg in enumerate(command) if arg in ("--ro-bind", "--bind")}


def test_a_sandbox_can_be_made_here():
    # CI runs on Linux with user namespaces, like every machine this course grades on.
    if not sys.platform.startswith("linux"):
        pytest.skip("the sandbox is Linux's")
    assert sandbox.problem() is None


def test_the_kernel_sees_none_of_the_graders_files(tmp_path):
    command = sandbox.zygote_command(["python"], cache_dir=tmp_path / "cache")
    places = bound(command)
    assert str(ROOT / "helpers") in places
    for secret in ("solutions", "autograder/judging.py", "grading/01_convolution", ".git", "notebooks"):
        assert not any(p == str(ROOT / secret) or p.startswith(str(ROOT / secret) + "/") for p in places), secret
    assert str(ROOT) not in places and "/" not in places
    # Only the cache is writable, and the whole root read-only once the binds are made.
    assert [command[i + 1] for i, arg in enumerate(command) if arg == "--bind"] == [str(tmp_path / "cache")]
    assert command[command.index("--remount-ro") + 1] == "/"
    for flag in ("--unshare-all", "--die-with-parent", "--new-session"):
        assert flag in command
    assert command[command.index("--cap-drop") + 1] == "ALL"


def test_another_checkout_on_the_path_shows_only_its_helpers(tmp_path):
    other = tmp_path / "other-course"
    for name in ("solutions", "autograder", "helpers"):
        (other / name).mkdir(parents=True)
    places = sandbox.readable_places(extra=[str(other)])
    assert str(other / "helpers") in places and str(other) not in places


def test_a_folder_above_the_course_is_never_bound(tmp_path):
    places = sandbox.readable_places(extra=[str(ROOT.parent), "/"])
    assert str(ROOT.parent) not in places and "/" not in places


def test_an_unusable_bwrap_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv(sandbox.BWRAP_VARIABLE, str(tmp_path / "missing"))
    assert sandbox.bwrap() is None
    assert "bubblewrap is not installed" in sandbox.problem()


# Forks children that live 1 s, as many as it may (at most 20), once told to start.
FORKS = """\
import os, sys, time
sys.stdin.readline()
started = 0
for _ in range(20):
    try:
        if os.fork() == 0:
            time.sleep(1)
            os._exit(0)
        started += 1
    except OSError:   # EAGAIN: the cgroup's pids.max
        break
print(started, flush=True)
"""


def test_a_pids_cgroup_bounds_a_process_and_all_it_starts():
    """For a grader running as root, where RLIMIT_NPROC does not apply."""
    import os
    import subprocess

    if os.geteuid() != 0 or not sandbox.processes_bounded():
        pytest.skip("no pids cgroup can be made here (it is only needed when grading as root)")
    process = subprocess.Popen([sys.executable, "-c", FORKS], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)
    folder = sandbox.bound_processes(process.pid, limit=5)
    assert folder is not None and (folder / "pids.max").read_text().strip() == "5"
    started, _ = process.communicate("go\n", timeout=60)
    assert int(started) == 4   # itself and 4 children
    assert sandbox.release_cgroup(folder, wait=5) and not folder.exists()


def test_the_cgroups_of_kernels_gone_are_swept_and_others_left():
    import os
    import subprocess

    if os.geteuid() != 0 or not sandbox.processes_bounded():
        pytest.skip("no pids cgroup can be made here (it is only needed when grading as root)")
    gone, alive = (subprocess.Popen(["sleep", "60"]) for _ in range(2))
    gone_folder, alive_folder = sandbox.bound_processes(gone.pid), sandbox.bound_processes(alive.pid)
    gone.kill()
    gone.wait()
    try:
        sandbox.sweep_cgroups()
        assert not gone_folder.exists() and alive_folder.exists()
    finally:
        alive.kill()
        alive.wait()
        sandbox.release_cgroup(alive_folder)


def test_no_folder_that_is_or_holds_a_hidden_one_is_readable(tmp_path, monkeypatch):
    """A Dask worker's own folder is on Python's path (Dask puts it there): the kernels must not
    see it, nor a folder above it, since the worker's work folder, other students' notebooks
    in it, lies inside."""
    worker = tmp_path / "dask-scratch-space" / "worker-1"
    (worker / "course-grading" / "submitted").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(worker))
    monkeypatch.syspath_prepend(str(tmp_path / "dask-scratch-space"))
    def shown(kept):
        return [p for p in kept if str(worker).startswith(p) or p.startswith(str(worker))]

    assert shown(sandbox.readable_places())   # what the hidden folder takes away
    assert not shown(sandbox.readable_places(hidden=[str(worker)]))
