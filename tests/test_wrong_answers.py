"""Every notebook's plausible wrong answers (``grading/<notebook>/wrong_answers.py``) lose exactly
the points they must, judged in this process by the same judges the autograder uses.

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
has failed.
"""

import ast
import contextlib
import io

import matplotlib
import pytest

from autograder.plan import course_plan, hidden_part, needed_statements

from course import (ASSIGNMENTS, is_test_cell, nbgrader_meta, read, run_cell, solution_path, with_edits,
                    without_markers, wrong_answers)

matplotlib.use("Agg")   # before pyplot: figures are drawn off screen and never shown


DEFINITIONS = (ast.FunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)


def definitions_only(source):
    """What a cell that grades nothing contributes to grading: its functions, classes and imports, and
    its constants (``SIZE = 32``); its demonstration (a timing loop, a plot) is left out. Empty if none."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ""
    kept = [node for node in tree.body if isinstance(node, DEFINITIONS) or (
        isinstance(node, ast.Assign) and all(isinstance(n, ast.Constant) for n in ast.walk(node.value)
                                             if not isinstance(n, (ast.Tuple, ast.List, ast.Load))))]
    if not any(isinstance(node, (ast.FunctionDef, ast.ClassDef)) for node in kept):
        return ""
    return "\n".join(ast.get_source_segment(source, node) for node in kept)


def graded_by(assignment, cells, edits):
    """The indices of the test cells whose points ``edits`` can change: as in the autograder, each
    test cell's hidden test runs with only its own answer cells and those it builds on
    (autograder/plan.py), so a test cell that uses none of the edited cells grades as in the
    solution, which passes them all (test_the_solution_passes_every_test_cell). Every test cell
    when there are no edits, or when an edit is not to an answer cell."""
    plan = course_plan(assignment)
    edited = {index for index, cell in enumerate(cells) if cell.id in (edits or {})}
    every = {test.cell for test in plan.tests}
    if not edited or not edited <= set(plan.answer_cells()):
        return every
    return {test.cell for test in plan.tests if edited & set(test.answers)}


def failing_tests(assignment, edits=None, visible=None, shown=None):
    """The grade ids of the test cells whose hidden tests fail when the solution, with ``edits``,
    runs: as in the autograder, a test cell's hidden tests alone decide its points (they run
    first, with the definitions of the cell they use), then its visible checks run; the grade
    ids of those that raise go to ``visible`` (a set, or a dict that also keeps each message).
    ``shown``: the grade ids whose visible checks to run (None: every one); a hidden test needs
    none of them (the autograder runs it in a process of its own)."""
    import matplotlib.pyplot as plt

    failed = set()
    namespace = {"__name__": "__main__"}
    cells = read(solution_path(assignment)).cells
    graded = graded_by(assignment, cells, edits)
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        meta = nbgrader_meta(cell)
        source = without_markers(cell.source)
        if cell.id not in ("setup", "imports") and not meta:
            source = definitions_only(source)
            if not source:
                continue
        elif is_test_cell(cell) and index not in graded:
            # runs as in the solution, which passes it; its hidden test's definitions are still
            # defined, and where a definition needs the cell's own values (a default argument),
            # the cell runs whole
            try:
                run_cell(definitions_only(hidden_part(cell.source)[0]), namespace,
                         f"/tmp/ipykernel_0/{assignment}_{cell.id}.py")
                continue
            except NameError:
                pass
        source = with_edits(source, (edits or {}).get(cell.id, []), cell.id)
        parts = [(source, failed)]
        if is_test_cell(cell):
            checks, hidden = hidden_part(cell.source)
            parts = [("\n".join(p for p in (needed_statements(checks, hidden), hidden) if p), failed)]
            if shown is None or meta["grade_id"] in shown:
                parts.append((checks, visible if visible is not None else set()))
        for part, failures in parts:
            try:
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                    run_cell(part, namespace, f"/tmp/ipykernel_0/{assignment}_{cell.id}.py")
            except Exception as error:
                assert is_test_cell(cell), f"{cell.id}, which grades nothing, raised {error!r}"
                if isinstance(failures, dict):
                    failures[meta["grade_id"]] = str(error)
                else:
                    failures.add(meta["grade_id"])
            finally:
                plt.close("all")
    return failed


@pytest.fixture(autouse=True)
def checkout_grading(monkeypatch):
    from helpers import grading

    monkeypatch.setenv("COURSE_SCALE", "fast")
    monkeypatch.delenv("COURSE_GRADING", raising=False)
    monkeypatch.setattr(grading, "_channel", None)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_solution_passes_every_test_cell(assignment):
    assert failing_tests(assignment) == set()


CASES = [(assignment, name) for assignment in ASSIGNMENTS for name in wrong_answers(assignment)]


@pytest.mark.parametrize("assignment, name", CASES, ids=[f"{a}-{n}" for a, n in CASES])
def test_a_wrong_answer_fails_exactly_its_test_cells(assignment, name):
    edits, failing, *named = wrong_answers(assignment)[name]
    test_cells = {nbgrader_meta(c)["grade_id"] for c in read(solution_path(assignment)).cells
                  if is_test_cell(c)}
    assert failing <= test_cells, f"unknown test cells {failing - test_cells}"
    visible = {}
    # a wrong answer's words are read from the cells it fails; a right one's checks must all pass it
    shown = set(failing) | {cell for words in named if isinstance(words, dict) for cell in words} if failing else None
    assert failing_tests(assignment, edits, visible, shown) == failing
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
