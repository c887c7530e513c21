"""What is graded of a submission (autograder/submission.py): only the course's cells, the student's answers."""

import re

import nbformat

from autograder import submission
from course import read, release_path, solution_path
from test_pipeline import correct_submission

NB = "01_convolution"


def cell(nb, cell_id):
    return next(c for c in nb.cells if c.get("id") == cell_id)


def test_answers_are_taken_and_everything_else_is_the_course_s():
    release, solution = read(release_path(NB)), read(solution_path(NB))
    theirs = nbformat.from_dict(correct_submission(release, solution))
    cell(theirs, "corr2d").source = "def corr2d(x, k):\n    return 'mine'"
    cell(theirs, "imports").source = "import os; os._exit(0)"           # an edited course cell
    cell(theirs, "test_corr2d").cell_type = "markdown"                  # a test cell turned into markdown
    cell(theirs, "test_pad2d").metadata.nbgrader.grade = False          # and one marked as not graded
    del theirs.cells[[c.get("id") for c in theirs.cells].index("pad2d")]   # an answer cell deleted
    graded, added = submission.rebuild(theirs, release, solution)
    assert added == 0
    assert cell(graded, "corr2d").source == "def corr2d(x, k):\n    return 'mine'"
    assert cell(graded, "imports").source == cell(release, "imports").source
    assert cell(graded, "test_corr2d").cell_type == "code"
    assert cell(graded, "test_corr2d").source == cell(solution, "test_corr2d").source   # hidden tests in
    assert "BEGIN HIDDEN TESTS" in cell(graded, "test_corr2d").source
    assert cell(graded, "test_pad2d").metadata.nbgrader.grade is True
    assert cell(graded, "pad2d").source == cell(release, "pad2d").source            # never the solution
    assert "raise NotImplementedError" in cell(graded, "pad2d").source
    assert [c.get("id") for c in graded.cells] == [c.get("id") for c in solution.cells]


def test_added_cells_are_kept_to_read_and_never_run():
    release = read(release_path(NB))
    theirs = nbformat.from_dict(release)
    index = [c.get("id") for c in theirs.cells].index("corr2d")
    theirs.cells.insert(index + 1, nbformat.v4.new_code_cell("def corr2d(x, k):\n    return x"))
    theirs.cells.insert(index + 2, nbformat.v4.new_markdown_cell("My notes"))
    graded, added = submission.rebuild(theirs, release)
    assert added == 1
    ids = [c.get("id") for c in graded.cells]
    shown = graded.cells[ids.index("corr2d") + 1]
    assert shown.cell_type == "markdown" and "not run when grading" in shown.source
    assert "return x" in shown.source
    assert graded.cells[ids.index("corr2d") + 2].source == "My notes"
    assert sum(c.cell_type == "code" for c in graded.cells) == sum(c.cell_type == "code" for c in release.cells)


def test_student_markdown_can_run_nothing():
    attack = ('<script>alert(1)</script> <img src=x onerror="alert(1)"> [c](javascript:alert(2)) '
              '<a href="JaVaScRiPt:alert(3)">x</a> $a < b$')
    shown = submission.sanitized(attack)
    assert not re.search(r"<script|<img|href=|javascript:", shown, re.IGNORECASE), shown
    assert "alert(1)" in shown   # shown as text
    plain = "Cross-correlation slides $K$ over $I$: **no flip**."
    assert submission.sanitized(plain) == plain
