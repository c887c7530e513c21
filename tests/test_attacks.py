"""Submissions that try to cheat or break the autograder, each with the score it must get.

All of them, and two honest students, are graded together by the TA's one
command (``python -m autograder grade``, two workers), from an LMS-style folder
to the grades CSV. Every attack is built on notebook 01 (16 automatic points):
on the correct submission, or on the "flipped kernel" mistake that honestly
earns 9 (test_corr2d, test_corr2d_general and test_conv2d fail). An attack
earns exactly what the code it contains earns, never more; it cannot stop the
run, and it cannot change anyone else's grade.
"""

import csv
import hashlib
import json
import subprocess
import sys

import nbformat
import pytest

from course import read, release_path, scratch_course, solution_path, wrong_answers
from test_pipeline import correct_submission, edited_notebook

pytestmark = pytest.mark.pipeline
NB = "01_convolution"
FLIPPED_FAILS = ("test_corr2d", "test_corr2d_general", "test_conv2d")


def code_cell(source):
    return nbformat.v4.new_code_cell(source)


def insert_before(nb, cell_id, source):
    nb = nbformat.from_dict(nb)
    index = next(i for i, c in enumerate(nb.cells) if c.get("id") == cell_id)
    nb.cells.insert(index, code_cell(source))
    return nb


def after_imports(nb, source):
    nb = nbformat.from_dict(nb)
    index = next(i for i, c in enumerate(nb.cells) if c.get("id") == "imports")
    nb.cells.insert(index + 1, code_cell(source))
    return nb


def replace_solution(nb, cell_id, source):
    nb = nbformat.from_dict(nb)
    next(c for c in nb.cells if c.get("id") == cell_id).source = source
    return nb


PATCH_COMPARISONS = """\
import builtins
import numpy
import torch
from helpers import checks, grading

numpy.allclose = lambda *a, **k: True
numpy.testing.assert_allclose = lambda *a, **k: None
torch.allclose = lambda *a, **k: True
torch.equal = lambda *a, **k: True
torch.testing.assert_close = lambda *a, **k: None
checks.check_close = lambda *a, **k: None
checks.check_equal = lambda *a, **k: None
checks.check_that = lambda *a, **k: None
checks.check_cases = lambda *a, **k: None
checks._close_problem = lambda *a, **k: (None, "ok")
grading.judge = lambda *a, **k: None
builtins.all = lambda *a, **k: True
"""

READ_GRADER_FILES = """\
import os
import helpers
from helpers import grading

# Where the course might be: beside the installed helpers, on PYTHONPATH, where references go.
roots = {os.path.dirname(os.path.dirname(helpers.__file__))}
roots.update(p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)
if os.environ.get("COURSE_REFERENCES"):
    roots.add(os.path.dirname(os.environ["COURSE_REFERENCES"].rstrip("/")))
for root in roots:
    for name in ["solutions/01_convolution/01_convolution.ipynb", "autograder/01_convolution/references.pt",
                 "autograder/01_convolution/judges.py", "autograder/gradebook.db"]:
        try:
            print(open(os.path.join(root, name), "rb").read()[:100])
        except OSError as error:
            print(error)
    try:   # and spoil another student's work
        with open(os.path.join(root, "autograder/submitted/honest/01_convolution/01_convolution.ipynb"), "w") as f:
            f.write("{}")
    except OSError as error:
        print(error)
"""

HARD_CODED = '''\
def params_fully_connected(in_shape, out_shape):
    return 2_635_670_400


def params_locally_connected(out_shape, kernel_size, in_channels):
    return 105_705_600


def params_convolution(kernel_size, in_channels, out_channels):
    return 34_944
'''

LIBRARY_CORR2D = '''\
import torch.nn.functional as F


def corr2d(x, k):
    return F.conv2d(x[None, None], k[None, None])[0, 0]
'''

DISARM_BY_HAND = """\
import sys
from helpers import checks
checks.check_by_hand = lambda fn, *args, **kwargs: fn(*args)
sys.setprofile = lambda *args: None
"""

SWALLOW_INTERRUPTS = """\
import time
while True:
    try:
        time.sleep(0.5)
    except KeyboardInterrupt:
        pass
"""


def submissions():
    """{student: (notebook, automatic points it must get, words its flags must contain)}."""
    release = read(release_path(NB))
    correct = correct_submission(release, read(solution_path(NB)))
    flipped = edited_notebook(correct, wrong_answers(NB)["flipped_kernel"][0])

    edited = nbformat.from_dict(flipped)
    for cell in edited.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") in FLIPPED_FAILS:
            cell.source = "pass"
            cell.metadata.nbgrader.points = 100
    deleted = nbformat.from_dict(flipped)
    deleted.cells = [c for c in deleted.cells
                     if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") not in FLIPPED_FAILS]

    return {
        "honest": (correct, 16, []),
        "honest_too": (correct, 16, []),
        "patched_comparisons": (after_imports(flipped, PATCH_COMPARISONS), 9,
                                ["replaced numpy.allclose", "replaced helpers.checks.check_close",
                                 "replaced builtins.all"]),
        "edited_tests": (edited, 9, ["test_corr2d: locked cell edited", "points changed"]),
        "deleted_tests": (deleted, 9, ["test_conv2d: deleted"]),
        "reads_grader_files": (after_imports(release, READ_GRADER_FILES), 0,
                               ["tried to open"]),
        "hard_coded": (replace_solution(correct, "parameters", HARD_CODED), 14, []),
        "infinite_loop": (after_imports(correct, "while True:\n    pass"), 16, ["time limit"]),
        "memory_bomb": (after_imports(correct, "hog = [bytearray(2**28) for _ in range(10**4)]"), 16,
                        ["ran out of memory"]),
        "exits": (insert_before(correct, "parameters", "import os\nos._exit(0)"), 10,
                  ["the kernel stopped"]),
        # A segmentation fault: the kernel process dies. (A signal it sends itself would not
        # do: as process 1 of its own PID namespace it ignores signals it has no handler for.)
        "crashes_kernel": (insert_before(correct, "parameters", "import ctypes\nctypes.string_at(0)"), 10,
                           ["the kernel stopped"]),
        "swallows_interrupt": (insert_before(correct, "parameters", SWALLOW_INTERRUPTS), 10,
                               ["ignored the interrupt", "catches KeyboardInterrupt"]),
        "huge_output": (after_imports(correct, "print('x' * 100_000_000)"), 16, []),
        "library_by_hand": (replace_solution(correct, "corr2d", LIBRARY_CORR2D), 14, []),
        "library_by_hand_guard_disarmed": (
            after_imports(replace_solution(correct, "corr2d", LIBRARY_CORR2D), DISARM_BY_HAND), 14,
            ["replaced helpers.checks.check_by_hand", "corr2d calls F.conv2d"]),
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = scratch_course(tmp_path_factory.mktemp("course"))
    folder = course / "lms_download"
    expected = submissions()
    for student, (nb, _, _) in expected.items():
        (folder / student).mkdir(parents=True)
        nbformat.write(nb, folder / student / f"{NB}.ipynb")
    result = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", str(folder), "--workers", "2",
         "--cell-timeout", "5", "--memory-mb", "1024", "--csv", str(course / "grades.csv")],
        cwd=course, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    with open(course / "grades.csv", newline="") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    return course, expected, rows


def test_every_attack_gets_exactly_the_points_its_code_earns(graded):
    _, expected, rows = graded
    wrong = {student: (rows.get(student, {}).get("points"), points)
             for student, (_, points, _) in expected.items()
             if student not in rows or float(rows[student]["points"]) != points}
    assert not wrong, f"(got, expected) points: {wrong}"


@pytest.mark.parametrize("student", [s for s, (_, _, words) in submissions().items() if words])
def test_the_attack_is_flagged_for_the_ta(graded, student):
    course, expected, rows = graded
    # The CSV shows the first few of what the run reported; the review file has them all.
    review = course / "autograder" / "review" / student / f"{NB}.json"
    flags = rows[student]["flags"] + "; ".join(json.loads(review.read_text())["flags"])
    for words in expected[student][2]:
        assert words in flags, f"{student}: {words!r} not in its flags: {flags}"


def test_honest_students_get_no_suspicion_flags(graded):
    _, _, rows = graded
    for student in ("honest", "honest_too", "hard_coded", "library_by_hand"):
        flags = rows[student]["flags"].replace("written answers to grade by hand", "").strip("; ")
        assert flags == "", f"{student} was flagged: {flags}"


def test_no_kernel_could_touch_another_students_work(graded):
    course, expected, _ = graded
    submitted = course / "autograder" / "submitted" / "honest" / NB / f"{NB}.ipynb"
    original = nbformat.writes(expected["honest"][0])
    assert hashlib.sha256(submitted.read_bytes()).digest() == \
        hashlib.sha256(original.encode()).digest()


def test_huge_output_is_cut_short_in_the_graded_notebook(graded):
    course, _, _ = graded
    autograded = course / "autograder" / "autograded" / "huge_output" / NB / f"{NB}.ipynb"
    assert autograded.stat().st_size < 2_000_000
    assert "more characters not kept" in autograded.read_text()


def test_the_grader_files_could_not_be_read(graded):
    course, _, _ = graded
    autograded = read(course / "autograder" / "autograded" / "reads_grader_files" / NB / f"{NB}.ipynb")
    attack = next(c for c in autograded.cells if c.cell_type == "code" and "spoil" in c.source)
    printed = "".join(o.get("text", "") for o in attack.outputs)
    assert "No such file or directory" in printed
    for content in ('"cells"', "PK", "SQLite", "def corr2d", "Judges for the hidden"):
        assert content not in printed, f"the kernel read a grader file: {printed[:500]}"
