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
    for secret in ("solutions", "autograder/judging.py", "autograder/01_convolution", ".git", "notebooks"):
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
