"""Unit tests for helpers/errors.py: one base class for the course's errors, shown without a traceback."""

import subprocess
import sys
from pathlib import Path

import pytest

from helpers.checks import CheckFailed
from helpers.data import DatasetCorrupted, DatasetError, DatasetUnavailable
from helpers.errors import CROSS, CourseError
from helpers.grading import HiddenTestFailed
from helpers.training import TrainingError

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("cls, builtin", [(CheckFailed, AssertionError), (HiddenTestFailed, AssertionError),
                                          (DatasetError, RuntimeError), (DatasetCorrupted, RuntimeError),
                                          (DatasetUnavailable, RuntimeError), (TrainingError, ValueError)])
def test_every_course_error_is_a_course_error_and_still_its_builtin_kind(cls, builtin):
    assert issubclass(cls, CourseError) and issubclass(cls, builtin)


def test_the_first_line_is_marked_and_the_rest_shown_as_it_is():
    rendered = CheckFailed("what is wrong\n  details\nHint: h")._render_traceback_()
    assert rendered == [f"\x1b[1;31m{CROSS} what is wrong\x1b[0m", "  details", "Hint: h"]


def test_errors_without_a_mark_are_headed_by_their_class_name():
    assert TrainingError("bad lr")._render_traceback_() == ["\x1b[1;31mTrainingError: bad lr\x1b[0m"]
    rendered = DatasetUnavailable("MNIST", "no network")._render_traceback_()
    assert rendered == ["\x1b[1;31mDatasetUnavailable: MNIST is not available: no network.\x1b[0m"]


def test_an_empty_message_renders_one_line():
    assert CourseError()._render_traceback_() == ["\x1b[1;31mCourseError: \x1b[0m"]


IN_IPYTHON = """
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
shell.run_cell("from helpers import checks")
for cell in ("FixedNet()", "def f():\\n    return spelt_wrong\\nf()", "raise NameError('my own words')"):
    result = shell.run_cell(cell)
    print("ERROR:", type(result.error_in_exec).__name__, repr(str(result.error_in_exec)))
"""


def test_a_name_error_in_a_notebook_says_which_cell_to_run():
    # In IPython: the cell still fails with its NameError, whose message now says what to do.
    run = subprocess.run([sys.executable, "-c", IN_IPYTHON], capture_output=True, text=True, timeout=120,
                         cwd=ROOT)
    errors = [line for line in run.stdout.splitlines() if line.startswith("ERROR:")]
    assert len(errors) == 3, run.stdout + run.stderr
    assert errors[0].startswith("ERROR: NameError \"name 'FixedNet' is not defined\\nIf another cell defines "
                                "FixedNet, that cell has not run")
    assert "spelling of spelt_wrong" in errors[1]
    assert errors[2] == "ERROR: NameError 'my own words'"   # a NameError without a name keeps its words
    assert "Custom TB Handler failed" not in run.stdout + run.stderr


def test_outside_a_notebook_a_name_error_is_left_alone():
    with pytest.raises(NameError) as info:
        exec("undefined_here", {})
    assert str(info.value) == "name 'undefined_here' is not defined"
