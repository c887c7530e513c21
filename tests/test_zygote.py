"""What the grader prepares before any kernel runs, found rather than listed by hand."""

import os
import pkgutil
import subprocess
import tempfile
import time

import helpers
import helpers.checks  # noqa: F401  (loaded, as in every kernel)
from autograder import zygotes
from autograder.inside import kernel, zygote


def test_the_datasets_the_notebooks_load_are_found_in_solutions():
    assert "mnist" in zygotes.datasets_used()        # notebook 03 loads it
    assert set(zygotes.datasets_used()) <= {"mnist", "fashion_mnist", "cifar10", "hymenoptera"}


def test_every_helpers_module_is_watched_for_patches():
    modules = {m.name for m in pkgutil.iter_modules(helpers.__path__)}
    assert {"checks", "grading", "augment", "runtime"} <= modules
    assert {f"helpers.{name}" for name in modules} <= set(kernel.WATCHED_MODULES)


def test_the_watcher_reports_replaced_functions_modules_and_course_switches(monkeypatch):
    import sys
    import types

    import numpy

    monkeypatch.setenv("COURSE_SCALE", "fast")
    watcher = kernel.Watcher(allowed_prefixes=["/"], hidden=[])
    monkeypatch.setattr(numpy, "allclose", lambda *a, **k: True)
    monkeypatch.setitem(sys.modules, "helpers.checks", types.ModuleType("helpers.checks"))
    monkeypatch.setenv("COURSE_SCALE", "full")
    monkeypatch.setenv("COURSE_NEW", "1")
    watcher.check_patches()
    events = watcher.take()
    assert "replaced numpy.allclose" in events
    assert "replaced sys.modules['helpers.checks']" in events
    assert "replaced os.environ['COURSE_SCALE']" in events and "replaced os.environ['COURSE_NEW']" in events


def test_the_watcher_says_nothing_about_honest_imports():
    watcher = kernel.Watcher(allowed_prefixes=["/"], hidden=[])
    import numpy.polynomial  # noqa: F401  (a module loaded after the snapshot)
    watcher.check_patches()
    assert watcher.take() == []


def test_a_dead_graders_zygote_folder_is_swept_and_a_living_ones_kept(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.Popen(["true"])
    dead.wait()   # its pid now names a process that is gone
    folders = {}
    for name, owner, age in [("dead", dead.pid, 600), ("alive", os.getpid(), 600),
                             ("new", dead.pid, 0), ("no-owner", None, 600)]:
        folder = tmp_path / (zygotes.FOLDER_PREFIX + name)
        folder.mkdir()
        if owner is not None:
            (folder / "owner").write_text(str(owner))
        os.utime(folder, (time.time() - age, time.time() - age))
        folders[name] = folder
    zygotes.sweep_stale_folders()
    assert {name for name, folder in folders.items() if folder.exists()} == {"alive", "new", "no-owner"}
