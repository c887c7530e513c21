"""The real nbgrader pipeline, end to end, on submissions the test builds.

For every notebook: generate the release with a gradebook (the same as `make release`), then
autograde a correct submission (full automatic marks), the untouched release (no marks), and
some of the plausible wrong answers of ``grading/<notebook>/wrong_answers.py`` (partial marks,
with exactly the expected tests failing; all of them are judged in-process by
tests/test_wrong_answers.py); then generate feedback (no hidden-test source in it) and export
the grades to CSV.

Notebook 01's correct and blank submissions go through nbgrader's own commands, as the README's
steps by hand do; everything else goes through the TA's grade command (nbgrader's API, two
workers) in another copy of the course, at the same time. nbgrader's own autograde runs every
cell of a notebook, demonstrations and training included: one notebook shows that those steps
work, and the grade command, which runs each hidden test with only what it needs, grades the rest.
"""

import csv
import subprocess
import sys

import nbformat
import pytest
from nbgrader.api import Gradebook

from course import (ASSIGNMENTS, is_test_cell, nbgrader, nbgrader_meta, read, release_path,
                    scratch_course, solution_path, with_edits, without_markers, wrong_answers)

pytestmark = pytest.mark.pipeline

WRITTEN_ANSWER = "My own answer, in my own words."

# Every wrong answer is judged in-process (tests/test_wrong_answers.py); end to end,
# through the grade command, only each notebook's first one (partial credit) and the
# ones whose feedback is checked below, so the suite does not grow with each mistake.
FEEDBACK_EXAMPLES = {"01_convolution": ["flipped_kernel", "ignores_num_steps"]}
BY_HAND = "01_convolution"   # graded by nbgrader's own commands; the others by the grade command


def graded_end_to_end(assignment):
    answers = wrong_answers(assignment)
    chosen = dict.fromkeys([*list(answers)[:1], *FEEDBACK_EXAMPLES.get(assignment, [])])
    return {name: answers[name] for name in chosen}


def correct_submission(release, solution):
    """The release with every solution cell filled in as the solution does it."""
    sources = {cell.id: cell.source for cell in solution.cells}
    nb = nbformat.from_dict(release)
    for cell in nb.cells:
        if nbgrader_meta(cell).get("solution"):
            cell.source = (without_markers(sources[cell.id]) if cell.cell_type == "code"
                           else WRITTEN_ANSWER)
    return nb


def edited_notebook(nb, edits):
    """A copy of ``nb`` with a wrong answer's edits (cell id -> [(old, new)]) applied."""
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        cell.source = with_edits(cell.source, edits.get(cell.id, []), cell.id)
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade every notebook's submissions once; return {(student, notebook): (course, failing)}.

    ``failing``: the graded tests that must fail, or "all"; ``course``: the copy of the
    course that graded it. The grade command runs in one copy while nbgrader's commands
    run in another, on notebook 01.
    """
    by_hand = scratch_course(tmp_path_factory.mktemp("by_hand"))
    command = scratch_course(tmp_path_factory.mktemp("command"))
    lms = tmp_path_factory.mktemp("lms")   # the grade command's submissions, one folder per "student"
    expected = {}
    for assignment in ASSIGNMENTS:
        release = read(release_path(assignment))
        correct = correct_submission(release, read(solution_path(assignment)))
        submissions = [(name, edited_notebook(correct, edits), failing)
                       for name, (edits, failing, *_) in graded_end_to_end(assignment).items()]
        if assignment != BY_HAND:
            submissions += [("correct", correct, set()), ("blank", release, "all")]
        for name, nb, failing in submissions:
            (lms / name).mkdir(exist_ok=True)
            nbformat.write(nb, lms / name / f"{assignment}.ipynb")
            expected[name, assignment] = (command, failing)
    grading = subprocess.Popen([sys.executable, "-m", "autograder", "grade", str(lms), "--workers", "2",
                                "--csv", str(command / "grades.csv")],
                               cwd=command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        nbgrader(by_hand, "generate_assignment", "*", "--force")   # every notebook, in one process
        for assignment in ASSIGNMENTS:
            generated = by_hand / "work" / "release" / assignment / f"{assignment}.ipynb"
            assert generated.read_bytes() == release_path(assignment).read_bytes(), (
                "generating with a gradebook gives another release than `make release`")
        release = read(by_hand / "work" / "release" / BY_HAND / f"{BY_HAND}.ipynb")
        correct = correct_submission(release, read(solution_path(BY_HAND)))
        for student, nb, failing in (("correct", correct, set()), ("blank", release, "all")):
            folder = by_hand / "work" / "submitted" / student / BY_HAND
            folder.mkdir(parents=True)
            nbformat.write(nb, folder / f"{BY_HAND}.ipynb")
            expected[student, BY_HAND] = (by_hand, failing)

        nbgrader(by_hand, "autograde", BY_HAND, "--force")
        nbgrader(by_hand, "generate_feedback", BY_HAND, "--force")
        nbgrader(by_hand, "export", "--to", str(by_hand / "grades.csv"))
    finally:
        out, err = grading.communicate(timeout=1200)
    assert grading.returncode == 0, f"the grade command failed:\n{out}\n{err}"
    return expected


def grades_of(course, student, assignment):
    db = f"sqlite:///{course / 'work' / 'gradebook.db'}"
    with Gradebook(db) as gradebook:
        notebook = gradebook.find_submission_notebook(assignment, assignment, student)
        return {g.name: (g.score, g.max_score, g.needs_manual_grade, g.cell_type)
                for g in notebook.grades}


def test_every_submission_gets_exactly_the_expected_automatic_marks(graded):
    report = []
    for (student, assignment), (course, failing) in graded.items():
        grades = grades_of(course, student, assignment)
        test_ids = {cid for cid, (_, _, _, kind) in grades.items() if kind == "code"}
        assert test_ids, f"{assignment} has no automatically graded cells"
        must_fail = test_ids if failing == "all" else failing
        assert must_fail <= test_ids, f"unknown test ids {must_fail - test_ids}"
        failed = {cid for cid in test_ids if grades[cid][0] == 0}
        partial = {cid for cid in test_ids if 0 < grades[cid][0] < grades[cid][1]}
        assert not partial, f"{student}: partial credit inside a test cell: {partial}"
        assert failed == must_fail, (
            f"{student} on {assignment}: failed {sorted(failed)}, expected {sorted(must_fail)}")
        auto = sum(grades[cid][0] for cid in test_ids)
        total = sum(grades[cid][1] for cid in test_ids)
        report.append(f"{assignment} {student}: {auto:g}/{total:g}")
    print("\n".join(report))


def test_written_answers_wait_for_a_person_and_blank_ones_score_zero(graded):
    for assignment in ASSIGNMENTS:
        course = graded["correct", assignment][0]
        correct = grades_of(course, "correct", assignment)
        blank = grades_of(course, "blank", assignment)
        written = [cid for cid, (_, _, _, kind) in correct.items() if kind == "markdown"]
        assert written, "no written questions"
        for cid in written:
            assert correct[cid][2], f"{cid}: an answered question needs manual grading"
            assert blank[cid][0] == 0 and not blank[cid][2], f"{cid}: unanswered scores 0"


def test_feedback_shows_checks_but_no_hidden_tests(graded):
    for (student, assignment), (course, _) in graded.items():
        html_path = (course / "work" / "feedback" / student / assignment
                     / f"{assignment}.html")
        html = html_path.read_text(encoding="utf-8")
        # A failed hidden test names the case ("hidden case 0") and what differs, never its source.
        for secret in ("HIDDEN TESTS", "load_references", "test.record(", "references.pt"):
            assert secret not in html, f"{student}'s feedback shows {secret!r}"
        # No traceback from a graded cell: IPython's tracebacks name the cell as "Cell In[n]".
        autograded = read(course / "work" / "autograded" / student / assignment
                          / f"{assignment}.ipynb")
        for cell in autograded.cells:
            if is_test_cell(cell) and cell.execution_count is not None:
                assert f"Cell In[{cell.execution_count}]" not in html, (
                    f"{student}'s feedback shows a traceback from {cell.id}")


def test_feedback_explains_visible_and_hidden_failures(graded):
    folder = graded["flipped_kernel", "01_convolution"][0] / "work" / "feedback"
    html = (folder / "flipped_kernel" / "01_convolution" / "01_convolution.html").read_text()
    assert "corr2d on the worked example: 4 of 4 values differ" in html
    assert "Hint: out[0, 0] = 1*10" in html, "the visible check's whole message is shown"
    html = (folder / "ignores_num_steps" / "01_convolution" / "01_convolution.html").read_text()
    assert "HiddenTestFailed: learn_kernel on a kernel you have not seen: failed." in html
    assert "number of recorded losses is 100, which is not right." in html
    assert "expected 150" not in html, "a hidden test's expected value is not shown"


def test_grades_export_to_csv(graded):
    csv_rows = {}   # course -> {(student, notebook): row}, from `nbgrader export` or the grade command
    for course in {course for course, _ in graded.values()}:
        with open(course / "grades.csv", newline="") as f:
            csv_rows[course] = {(r.get("student_id") or r["student"], r.get("assignment") or r["notebook"]): r
                                for r in csv.DictReader(f)}
    for (student, assignment), (course, failing) in graded.items():
        row = csv_rows[course].get((student, assignment))
        assert row is not None, f"no CSV row for {student}, {assignment}"
        if "points" in row:   # the grade command's CSV: the automatic points the passing tests earn
            tests = {nbgrader_meta(c)["grade_id"]: nbgrader_meta(c)["points"]
                     for c in read(solution_path(assignment)).cells if is_test_cell(c)}
            lost = tests if failing == "all" else failing
            assert float(row["points"]) == sum(p for cid, p in tests.items() if cid not in lost)
    for assignment in ASSIGNMENTS:
        rows = csv_rows[graded["correct", assignment][0]]
        correct = rows["correct", assignment]
        blank = rows["blank", assignment]
        written_points = sum(
            nbgrader_meta(c)["points"] for c in read(solution_path(assignment)).cells
            if c.cell_type == "markdown" and nbgrader_meta(c).get("grade"))
        auto_points = sum(nbgrader_meta(c)["points"] for c in read(solution_path(assignment)).cells
                          if is_test_cell(c))
        # nbgrader's export names its columns max_score and raw_score; the grade command's CSV,
        # max_points and points. Written answers are not graded yet, so they add nothing.
        max_column, points_column = (("max_score", "raw_score") if "max_score" in correct
                                     else ("max_points", "points"))
        assert float(correct[max_column]) == auto_points + written_points
        assert float(correct[points_column]) == auto_points
        assert float(blank[points_column]) == 0
