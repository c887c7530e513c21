"""Every notebook's hidden-test references: the committed file is what its script makes, every
graded test cell has its cases, and the expected outputs are PyTorch's own, not the solutions'.

Floating point is compared within the tolerances of ``course.assert_same_up_to_rounding``, which
fit any CPU, and one test runs the others again under another instruction set and one thread.

Everything specific to a notebook lives in ``grading/<notebook>/``: this file finds
``make_references.py`` and ``check_references.py`` there, so a new notebook touches no test.
"""

import os
import platform
import subprocess
import sys

import pytest
import torch

from autograder import judging
from course import (ASSIGNMENTS, GRADING, ROOT, assert_same_up_to_rounding, is_test_cell, load_module,
                    nbgrader_meta, read, solution_path)


def committed(assignment):
    return torch.load(GRADING / assignment / "references.pt", weights_only=True)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_committed_references_are_what_the_script_makes(assignment):
    script = load_module(assignment, "make_references")
    assert script.OUT == GRADING / assignment / "references.pt"
    assert_same_up_to_rounding(script.make(), committed(assignment), "references")


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
        if (GRADING / assignment / "check_references.py").is_file():
            module = load_module(assignment, "check_references")
            found += [(assignment, name) for name in sorted(vars(module)) if name.startswith("check_")]
    return found


@pytest.mark.parametrize("assignment, check", self_checks())
def test_the_notebooks_own_reference_checks(assignment, check):
    references = {grade_id: [judging.flat(case) for case in cases]
                  for grade_id, cases in committed(assignment).items()}
    getattr(load_module(assignment, "check_references"), check)(
        references, load_module(assignment, "make_references"))


# Another CPU, as far as PyTorch can tell, whatever CPU runs the tests: ATen's generic kernels (no
# AVX2, no AVX-512), oneDNN kept to SSE4.1, and one thread (the thread count changes sums too).
ELSEWHERE = {"ATEN_CPU_CAPABILITY": "default", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
             **({"ONEDNN_MAX_CPU_ISA": "SSE41"} if platform.machine().lower() in ("x86_64", "amd64") else {})}
CHILD = """
import sys, pytest, torch
assert torch.backends.cpu.get_cpu_capability() == "DEFAULT" and torch.get_num_threads() == 1
sys.exit(pytest.main(sys.argv[1:]))
"""


def test_the_references_pass_under_another_instruction_set_and_one_thread():
    """This file's other tests, run again as on another CPU: the references made again, the
    notebooks' own checks computing again, each within the tolerances that fit any CPU."""
    result = subprocess.run([sys.executable, "-c", CHILD, __file__, "-q", "-p", "no:cacheprovider",
                             "-k", "not another_instruction_set"],
                            cwd=ROOT, env={**os.environ, **ELSEWHERE}, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"with {ELSEWHERE}:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"


def test_every_notebook_checks_its_references():
    have = {assignment for assignment, _ in self_checks()}
    assert have == set(ASSIGNMENTS), "grading/<notebook>/check_references.py shows that the " \
                                     "expected outputs are the libraries' own"
