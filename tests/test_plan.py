"""Which cells each hidden test runs with (autograder/plan.py): read from the course's notebooks.

That the solutions earn full marks with each test given only these cells is shown by
grading them (tests/test_pipeline.py); here, that the plan is what the notebooks declare.
"""

import nbformat
import pytest

from autograder.plan import cell_names, hidden_part, make_plan, needed_statements
from course import ASSIGNMENTS, read, solution_path


def notebook(*cells):
    """A small course notebook: ("course" | "answer" | "test", grade id, source[, builds_on])."""
    nb = nbformat.v4.new_notebook()
    for kind, grade_id, source, *builds_on in cells:
        cell = nbformat.v4.new_code_cell(source, id=grade_id)
        if kind != "course":
            cell.metadata["nbgrader"] = {"grade_id": grade_id, "solution": kind == "answer",
                                         "grade": kind == "test", "locked": kind == "test", "points": 1}
        if builds_on:
            cell.metadata["course"] = {"builds_on": builds_on[0]}
        nb.cells.append(cell)
    return nb


SMALL = [
    ("course", "imports", "import torch\nfrom helpers import checks"),
    ("answer", "pad", "def pad(x):\n    return torch.nn.functional.pad(x, (1, 1))"),
    ("test", "test_pad", "checks.call(pad, torch.zeros(2))"),
    ("course", "train", "history = [torch.randn(3) for _ in range(10)]\nprint(history)"),
    ("course", "figure", "import matplotlib.pyplot as plt\nplt.plot(history)"),
    ("answer", "conv", "def conv(x):\n    return pad(x) * 2"),
]


def test_a_test_runs_its_own_answer_the_set_up_and_nothing_else():
    plan = make_plan(notebook(*SMALL, ("test", "test_conv", "conv(torch.zeros(2))", ["pad"])))
    assert plan.problems == []
    assert plan.setup == [0]   # the imports; the training and the figure run nowhere
    first, second = plan.tests
    assert (first.grade_id, first.answers, first.own) == ("test_pad", [1], [1])
    assert (second.grade_id, second.answers, second.own) == ("test_conv", [1, 5], [5])


def test_an_answer_a_test_needs_but_does_not_declare_is_a_problem_of_the_course():
    plan = make_plan(notebook(*SMALL, ("test", "test_conv", "conv(torch.zeros(2))")))
    assert plan.problems == ["test_conv: needs pad's answer, which it does not declare in builds_on"]
    plan = make_plan(notebook(*SMALL, ("test", "test_conv", "conv(torch.zeros(2))", ["padding"])))
    assert "test_conv: builds on padding, which no answer cell is" in plan.problems


def test_a_course_cell_that_reads_an_answer_runs_in_that_tests_process_only():
    plan = make_plan(notebook(*SMALL[:3], ("course", "uses", "y = pad(torch.ones(1))"),
                              ("answer", "double", "def double(x):\n    return 2 * x"),
                              ("test", "test_double", "double(y)", ["pad"])))
    assert plan.setup == [0] and plan.tests[1].course == [3]


def test_a_name_a_cell_binds_before_it_reads_it_is_its_own():
    defined, used = cell_names("x = torch.zeros(3)\nfor case in cases:\n    print(case, x)\n"
                               "def f(y):\n    return g(y) + x\n\ndef g(y):\n    return y\n"
                               "with open('a') as handle:\n    handle.read()\n%matplotlib inline")
    assert {"x", "case", "f", "g", "handle"} <= defined
    assert used == {"torch", "cases"}


def test_the_hidden_tests_run_with_only_the_visible_definitions_they_use():
    source = ("def helper(a):\n    return a + 1\nx = 5\nchecks.call(f, x)\n"
              "### BEGIN HIDDEN TESTS\nrecord(helper(3))\n### END HIDDEN TESTS")
    visible, hidden = hidden_part(source)
    assert "BEGIN HIDDEN" not in visible and "checks.call(f, x)" in visible
    assert hidden == "record(helper(3))"
    assert needed_statements(visible, hidden) == "def helper(a):\n    return a + 1"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_course_notebook_declares_what_its_tests_build_on(assignment):
    plan = make_plan(read(solution_path(assignment)))
    assert plan.problems == [], "add the answers to the test cell's metadata course.builds_on"
    assert plan.tests, "a notebook with no hidden test"
    code = [i for i, c in plan.cells.items() if c.kind == "course"]
    # Set-up only: training runs and figures do not run at grading.
    assert len(plan.setup) < len(code) / 2, f"{assignment}: {len(plan.setup)} of {len(code)} course cells run"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_notebook_tells_students_that_answer_cells_stand_on_their_own(assignment):
    opening = read(solution_path(assignment)).cells[0].source
    assert "Each answer cell must stand on its own" in opening
