"""Fixtures that more than one test file uses."""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

import answer_runs
from course import read, release_path, scratch_course, solution_path, wrong_answers
from test_pipeline import correct_submission, edited_notebook


@dataclass
class GradedRun:
    course: Path                          # the scratch course the command ran in
    submissions: Path                     # <student>/01_convolution.ipynb for right, blank and wrong
    work: Path                            # its work folder: grades.csv, feedback/, the gradebook
    result: subprocess.CompletedProcess   # its stdout and stderr


@pytest.fixture(scope="session")
def right_blank_and_wrong(tmp_path_factory):
    """A right, a blank and a wrong (the flipped kernel) submission of 01, graded once by the grade
    command's default (a local cluster of two workers), warnings shown: the Dask tests compare
    every other cluster's CSV with its CSV, the feedback tests read its pages and its stderr."""
    nb = "01_convolution"
    root = tmp_path_factory.mktemp("three")
    course = scratch_course(root / "course")
    release = read(release_path(nb))
    right = correct_submission(release, read(solution_path(nb)))
    edits, *_ = wrong_answers(nb)["flipped_kernel"]
    folder = root / "lms"
    for student, notebook in (("right", right), ("blank", release), ("wrong", edited_notebook(right, edits))):
        (folder / student).mkdir(parents=True)
        nbformat.write(notebook, folder / student / f"{nb}.ipynb")
    work = root / "local"
    result = subprocess.run([sys.executable, "-W", "default", "-m", "autograder", "grade", str(folder),
                             "--work", str(work), "--workers", "2"],
                            cwd=course, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return GradedRun(course, folder, work, result)


def pytest_collection_finish(session):
    """The wrong answers' runs start as soon as the tests are collected, in the background
    (answer_runs.Background), and tests/test_wrong_answers.py reads them when its turn comes."""
    selected = {}
    for item in session.items:
        if getattr(item, "originalname", None) == "test_a_wrong_answer_fails_exactly_its_test_cells":
            selected.setdefault(item.callspec.params["assignment"], []).append(item.callspec.params["name"])
    if selected and not session.config.option.collectonly:
        answer_runs.background = answer_runs.Background(selected)
