"""Every notebook's hidden-test references: the committed file is what its script makes, every
graded test cell has its cases, and the expected outputs are PyTorch's own, not the solutions'.

Everything specific to a notebook lives in ``autograder/<notebook>/``: this file finds
``make_references.py`` and ``check_references.py`` there, so a new notebook touches no test.
"""

import pytest
import torch

from autograder import judging
from course import ASSIGNMENTS, AUTOGRADER, is_test_cell, load_module, nbgrader_meta, read, solution_path


def committed(assignment):
    return torch.load(AUTOGRADER / assignment / "references.pt", weights_only=True)


def assert_same(made, stored, path="references"):
    if isinstance(made, dict):
        assert isinstance(stored, dict) and made.keys() == stored.keys(), path
        for key in made:
            assert_same(made[key], stored[key], f"{path}[{key!r}]")
    elif isinstance(made, (list, tuple)):
        assert type(made) is type(stored) and len(made) == len(stored), path
        for i, (a, b) in enumerate(zip(made, stored)):
            assert_same(a, b, f"{path}[{i}]")
    elif isinstance(made, torch.Tensor):
        assert isinstance(stored, torch.Tensor) and made.dtype == stored.dtype, path
        # the same seeds give the same numbers; a last-bit difference between CPUs is allowed
        assert torch.allclose(made, stored, rtol=1e-12, atol=1e-12), path
    else:
        assert type(made) is type(stored) and made == stored, path


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_committed_references_are_what_the_script_makes(assignment):
    script = load_module(assignment, "make_references")
    assert script.OUT == AUTOGRADER / assignment / "references.pt"
    assert_same(script.make(), committed(assignment))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_graded_test_cell_has_cases_of_inputs_and_expected_outputs(assignment):
    references = committed(assignment)
    test_cells = {nbgrader_meta(c)["grade_id"] for c in read(solution_path(assignment)).cells
                  if is_test_cell(c)}
    assert set(references) == test_cells, "one entry per graded test cell, keyed by its grade id"
    for grade_id, cases in references.items():
        assert isinstance(cases, list) and cases, f"{grade_id}: a list of cases"
        for case in cases:
            assert set(case) == {"inputs", "expected"}, grade_id
            assert case["expected"], f"{grade_id}: a case without an expected output"
            assert not set(case["inputs"]) & set(case["expected"]), grade_id


def self_checks():
    """(assignment, name) of every check_* function in autograder/*/check_references.py."""
    found = []
    for assignment in ASSIGNMENTS:
        if (AUTOGRADER / assignment / "check_references.py").is_file():
            module = load_module(assignment, "check_references")
            found += [(assignment, name) for name in sorted(vars(module)) if name.startswith("check_")]
    return found


@pytest.mark.parametrize("assignment, check", self_checks())
def test_the_notebooks_own_reference_checks(assignment, check):
    references = {grade_id: [judging.flat(case) for case in cases]
                  for grade_id, cases in committed(assignment).items()}
    getattr(load_module(assignment, "check_references"), check)(
        references, load_module(assignment, "make_references"))


def test_every_notebook_checks_its_references():
    have = {assignment for assignment, _ in self_checks()}
    assert have == set(ASSIGNMENTS), "autograder/<notebook>/check_references.py shows that the " \
                                     "expected outputs are the libraries' own"
