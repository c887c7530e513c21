"""Unit tests for autograder/judging.py: where references are found, reference cases, the default
judge, and every notebook's judges against its references and its hidden tests."""

import json
import re
import shutil
from pathlib import Path

import pytest
import torch

from autograder import judging
from course import (ASSIGNMENTS, GRADING, HIDDEN_BEGIN, HIDDEN_END, is_test_cell, nbgrader_meta,
                    read, regions, solution_path)
from helpers import checks, grading


@pytest.fixture
def default_location(monkeypatch):
    monkeypatch.delenv("COURSE_GRADING", raising=False)


# ----------------------------------------------------------------------------
# Where the references are
# ----------------------------------------------------------------------------

def test_references_dir_defaults_to_the_checkouts_grading_folder(default_location, monkeypatch):
    assert judging.references_dir() == GRADING
    monkeypatch.setenv("COURSE_GRADING", "")   # empty means the default
    assert judging.references_dir() == GRADING


def test_load_references_from_course_references_folder(monkeypatch, tmp_path, default_location):
    here = judging.load_references("01_convolution")
    (tmp_path / "01_convolution").mkdir()
    shutil.copy(GRADING / "01_convolution" / "references.pt", tmp_path / "01_convolution")
    monkeypatch.setenv("COURSE_GRADING", str(tmp_path))
    assert judging.references_dir() == tmp_path
    there = judging.load_references("01_convolution")
    assert there.keys() == here.keys()
    assert torch.equal(there["test_corr2d"][0]["inputs"]["x"], here["test_corr2d"][0]["inputs"]["x"])


def test_missing_references_name_the_variable(monkeypatch, tmp_path, default_location):
    with pytest.raises(FileNotFoundError) as info:
        judging.load_references("99_missing")
    assert "COURSE_GRADING" in str(info.value) and "99_missing" in str(info.value)
    monkeypatch.setenv("COURSE_GRADING", str(tmp_path))   # pointing elsewhere is not ignored
    with pytest.raises(FileNotFoundError, match="COURSE_GRADING"):
        judging.load_references("01_convolution")
    with pytest.raises(FileNotFoundError, match="COURSE_GRADING"):
        judging.load_judges("01_convolution")


# ----------------------------------------------------------------------------
# Reference cases and the default judge
# ----------------------------------------------------------------------------

def test_cases_split_inputs_from_expected_outputs_and_flat_joins_them():
    made = [{"x": torch.ones(2), "k": 3, "y": torch.zeros(2)}]
    [case] = judging.cases(made, "y")
    assert sorted(case["inputs"]) == ["k", "x"] and list(case["expected"]) == ["y"]
    assert judging.flat(case).keys() == made[0].keys()
    [case] = judging.cases(made, ("y", "k"))
    assert list(case["inputs"]) == ["x"] and list(case["expected"]) == ["y", "k"]


def judged(records, expected, name="test_thing"):
    cases = [{"inputs": {}, "expected": e} for e in expected]
    try:
        judging.default_judge(name)(records, cases)
    except checks.CheckFailed as failure:
        return str(failure).splitlines()[0]
    return None


def test_default_judge_compares_floats_closely_and_the_rest_exactly():
    assert judged([torch.tensor([1.0, 2.0]) + 1e-9], [{"y": torch.tensor([1.0, 2.0])}]) is None
    assert judged([0.1 + 0.2], [{"change": 0.3}]) is None
    assert judged([torch.tensor([1, 2])], [{"y": torch.tensor([1, 2])}]) is None
    assert judged([(2, 3)], [{"shape": (2, 3)}]) is None
    assert judged([torch.tensor([1.0, 2.5])], [{"y": torch.tensor([1.0, 2.0])}]) == (
        "thing, hidden case 0: 1 of 2 values differ.")
    assert "thing, hidden case 0" in judged([7], [{"count": 6}])
    assert judged([2.0], [{"size": 2}]) is not None, "a size must come back as an integer"


def test_default_judge_with_several_expected_values_wants_them_in_order():
    expected = [{"a": torch.ones(2), "b": 3}]
    assert judged([(torch.ones(2), 3)], expected) is None
    assert "item 1" in judged([(torch.ones(2), 4)], expected)
    assert judged([torch.ones(2)], expected) is not None


def test_default_judge_counts_the_records():
    problem = judged([torch.ones(1)], [{"y": torch.ones(1)}, {"y": torch.ones(1)}])
    assert problem == "number of results recorded is 1, which is not right."


def test_default_judge_compares_inside_dicts():
    assert judged([{"w": torch.ones(2)}], [{"d": {"w": torch.ones(2)}}]) is None
    assert "['w']" in judged([{"w": torch.zeros(2)}], [{"d": {"w": torch.ones(2)}}])
    assert "keys" in judged([{"v": torch.ones(2)}], [{"d": {"w": torch.ones(2)}}])


# ----------------------------------------------------------------------------
# Every notebook: its hidden tests, references and judges fit together
# ----------------------------------------------------------------------------

HIDDEN_CALL = re.compile(r'hidden_tests\(\s*"(\w+)",\s*"(\w+)"')


@pytest.fixture(params=ASSIGNMENTS)
def assignment(request, default_location):
    return request.param


def test_every_hidden_test_names_its_own_cell(assignment):
    nb = read(solution_path(assignment))
    for cell in nb.cells:
        hidden = "\n".join(regions(cell.source, HIDDEN_BEGIN, HIDDEN_END))
        calls = HIDDEN_CALL.findall(hidden)
        if is_test_cell(cell):
            assert calls == [(assignment, nbgrader_meta(cell)["grade_id"])], (
                f"{cell.id}: one hidden test, named after the cell's own grade id")
            assert "load_references" not in hidden and "check_close" not in hidden, (
                f"{cell.id} compares in the kernel: judging belongs to the autograder")
        else:
            assert not calls, f"{cell.id} is not a graded test cell but runs a hidden test"


def test_judges_hold_only_special_cases_for_cells_that_exist(assignment):
    judges, references = judging.load_judges(assignment), judging.load_references(assignment)
    special = [name for name, value in vars(judges).items()
               if callable(value) and name.startswith("test_") and value.__module__ == judges.__name__]
    assert set(special) <= set(references), f"judges for cells that do not exist: {set(special) - set(references)}"
    answers = {c.metadata["nbgrader"]["grade_id"] for c in read(solution_path(assignment)).cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    for grade_id, (answer, pattern) in getattr(judges, "BY_HAND", {}).items():
        assert grade_id in references and answer in answers, grade_id
        assert hasattr(checks, pattern), pattern


def test_kernel_inputs_hold_no_expected_output(assignment):
    references = judging.load_references(assignment)
    inputs = judging.kernel_inputs(assignment, references)
    assert set(inputs) == set(references)
    for grade_id, cases in inputs.items():
        for given, case in zip(cases, references[grade_id], strict=True):
            assert given is case["inputs"], f"{grade_id}: the kernel gets the inputs and nothing else"
        json.dumps(grading.encode(cases))   # the inputs cross to the kernel too


def crossed(value):
    return grading.decode(json.loads(json.dumps(grading.encode(value))))


def off_by_one(value):
    return (value[0] + 1, *value[1:]) if isinstance(value, tuple) else value + 1


def test_the_default_judge_serves_some_cells():
    served = [g for a in ASSIGNMENTS for g in judging.load_references(a) if not hasattr(judging.load_judges(a), g)]
    assert served, "the default judge serves cells whose record is simply the expected output"


def test_default_judged_cells_pass_the_reference_answers_and_fail_others(assignment):
    judges, references = judging.load_judges(assignment), judging.load_references(assignment)
    defaulted = [g for g in references if not hasattr(judges, g)]
    if not defaulted:   # networks judged by what they compute, counts as whole numbers: all special
        pytest.skip(f"every test cell of {assignment} has a judge of its own")
    for grade_id in defaulted:
        cases = references[grade_id]
        # one expected value is the record itself; several (a result, its dtype, its device) are the tuple of them
        records = [crossed(values[0] if len(values) == 1 else tuple(values))
                   for values in (list(c["expected"].values()) for c in cases)]
        assert judging.judge(assignment, grade_id, records) is None, grade_id
        if len(records) > 1:
            problem = judging.judge(assignment, grade_id, [records[0], *map(off_by_one, records[1:])])
            assert problem and "\n" not in problem, grade_id
        problem = judging.judge(assignment, grade_id, records[:-1])
        assert problem.startswith("number of results recorded is"), grade_id


def test_autograder_has_a_folder_per_notebook():
    for assignment in ASSIGNMENTS:
        folder = Path(GRADING / assignment)
        for name in ("make_references.py", "references.pt", "judges.py"):
            assert (folder / name).is_file(), f"autograder/{assignment}/{name} is missing"
