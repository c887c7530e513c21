"""What the grader prepares before any kernel runs, found rather than listed by hand."""

import pkgutil

import helpers
from autograder import findings, zygote


def test_the_datasets_the_notebooks_load_are_found_in_solutions():
    assert "mnist" in zygote.datasets_used()        # notebook 03 loads it
    assert set(zygote.datasets_used()) <= {"mnist", "fashion_mnist", "cifar10", "hymenoptera"}


def test_every_helpers_module_is_watched_for_patches():
    modules = {m.name for m in pkgutil.iter_modules(helpers.__path__)}
    assert {"checks", "grading", "augment", "runtime"} <= modules <= findings.MODULE_NAMES
