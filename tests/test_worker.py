"""A grading worker's own checks, without a cluster: a worker whose course differs from the
grade command's grades nothing, and says why."""

import os
import types

import pytest

from autograder import worker, zygotes
from autograder.paths import course_fingerprint


@pytest.fixture()
def no_zygote(monkeypatch):
    """No zygote started, and what a worker sets in its environment kept from this process's."""
    monkeypatch.setattr(os, "environ", dict(os.environ))
    started = []
    monkeypatch.setattr(zygotes.Zygote, "start", classmethod(
        lambda cls, **kwargs: started.append(kwargs) or types.SimpleNamespace(address="/nowhere", stop=lambda: None)))
    return started


def test_a_worker_with_another_course_grades_nothing(no_zygote, tmp_path, monkeypatch):
    course = worker._WorkerCourse(tmp_path, {"sandbox": False}, "not this course", ())
    assert "differs from the grade command's" in course.problem
    monkeypatch.setattr(worker, "_course", course)
    with pytest.raises(RuntimeError, match="install the same version of the course on every worker"):
        worker.grade_submission("ana", "01_convolution", "{}")


def test_a_worker_with_the_same_course_has_no_problem(no_zygote, tmp_path):
    course = worker._WorkerCourse(tmp_path, {"sandbox": False}, course_fingerprint(), ())
    assert course.problem is None and no_zygote == [{"wait": False, "sandboxed": False}]


def test_a_task_on_a_worker_without_the_plugin_says_so(monkeypatch):
    monkeypatch.setattr(worker, "_course", None)
    with pytest.raises(RuntimeError, match="has not the course's plugin"):
        worker.grade_submission("ana", "01_convolution", "{}")
