"""Every notebook's plausible wrong answers (``grading/<notebook>/wrong_answers.py``) lose exactly
the points they must, judged by the same judges the autograder uses.

A wrong answer is the solution with a student's mistake edited in. Here the solution
notebook's own cells run in one namespace, as a notebook runs them, but only those
that grading depends on: the imports, every exercise and test cell, and the cells
that define functions or classes that a check uses (their definitions alone).
Demonstrations, plots and training runs are left out, and a wrong answer's run
grades only the test cells that use an edited answer cell (as the autograder runs
each hidden test with its own answer cells and those it builds on); the others
would grade as in the solution, which passes them all. Of a wrong answer, only the
visible checks of the cells it fails run (their words are what is tested); a right
answer written another way runs them all, and must pass each. The
full nbgrader pipeline grades the correct and the blank submissions
(tests/test_pipeline.py). Outside the autograder, a hidden test judges its records
right away, with this checkout's judges and references; a test cell that raises
has failed. The runs are made in processes of their own, each forked where it departs
from the solution's (tests/answer_runs.py).
"""

import functools

import pytest

import answer_runs
from answer_runs import failing_tests
from course import ASSIGNMENTS, is_test_cell, nbgrader_meta, read, solution_path, wrong_answers


@pytest.fixture(autouse=True)
def checkout_grading(monkeypatch):
    from helpers import grading

    monkeypatch.setenv("COURSE_SCALE", "fast")
    monkeypatch.delenv("COURSE_GRADING", raising=False)
    monkeypatch.setattr(grading, "_channel", None)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_solution_passes_every_test_cell(assignment):
    assert failing_tests(assignment) == set()


@functools.lru_cache(maxsize=None)
def entries(assignment):
    """The notebook's wrong_answers.py (read once: each of its 200-odd tests asks)."""
    return wrong_answers(assignment)


@functools.lru_cache(maxsize=None)
def grade_ids_of_test_cells(assignment):
    return {nbgrader_meta(c)["grade_id"] for c in read(solution_path(assignment)).cells if is_test_cell(c)}


CASES = [(assignment, name) for assignment in ASSIGNMENTS for name in entries(assignment)]


@pytest.fixture(scope="module")
def runs():
    """{name: (failed, visible)} of a notebook's wrong answers that this session tests: made in the
    background since the session began (conftest.py starts answer_runs.Background)."""
    return answer_runs.background.of


@pytest.mark.parametrize("assignment, name", CASES, ids=[f"{a}-{n}" for a, n in CASES])
def test_a_wrong_answer_fails_exactly_its_test_cells(assignment, name, runs):
    edits, failing, *named = entries(assignment)[name]
    test_cells = grade_ids_of_test_cells(assignment)
    assert failing <= test_cells, f"unknown test cells {failing - test_cells}"
    # a wrong answer's words are read from the cells it fails (their visible checks alone run);
    # a right one's checks all run, and must all pass it
    run = runs(assignment)[name]
    assert not isinstance(run, str), f"{name}'s run could not finish:\n{run}"
    failed, visible = run
    assert failed == failing
    if not failing:   # a right answer written another way: its visible checks pass it too
        assert not visible, f"{name} keeps its points, but visible checks fail it: {visible}"
    # an optional third element: words that each failed cell's visible check must say, in its
    # message (case aside), so that the feedback names the mistake; or {test cell: words} where
    # the cells that fail with it (a later exercise that builds on this one) say other words
    for words in named:
        by_cell = words if isinstance(words, dict) else {cell: words for cell in failing}
        for cell, words in sorted(by_cell.items()):
            words = [words] if isinstance(words, str) else list(words)
            assert cell in failing and cell in visible, f"{cell}'s visible check passes: it does not warn of {name}"
            for word in words:
                assert word.lower() in visible[cell].lower(), \
                    f"{cell}'s visible check does not say {word!r}: {visible[cell]!r}"


def test_every_mistake_names_the_words_its_check_must_say():
    """A listed mistake that loses points is named by its visible check, in words (the third element),
    not only located ("12 of 12 values differ"); an entry that fails no cell is a right answer."""
    for assignment in ASSIGNMENTS:
        unnamed = [name for name, (_, failing, *named) in wrong_answers(assignment).items() if failing and not named]
        assert not unnamed, f"{assignment}: {unnamed} give no words that their checks must say"


def test_every_notebook_has_wrong_answers():
    for assignment in ASSIGNMENTS:
        assert len(wrong_answers(assignment)) >= 3, f"{assignment}: at least three plausible mistakes"
