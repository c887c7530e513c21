"""Unit tests for helpers/errors.py: one base class for the course's errors, shown without a traceback."""

import pytest

from helpers.checks import CheckFailed
from helpers.data import DatasetCorrupted, DatasetError, DatasetUnavailable
from helpers.errors import CROSS, CourseError
from helpers.grading import HiddenTestFailed
from helpers.training import TrainingError


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
