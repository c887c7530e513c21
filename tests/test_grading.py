"""Unit tests for helpers/grading.py: hidden tests that record and judges that decide, the
records' encoding, every notebook's judges table, and the committed reference outputs of
notebook 01."""

import importlib.util
import json
import re
import shutil
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from course import (ASSIGNMENTS, HIDDEN_BEGIN, HIDDEN_END, is_test_cell, nbgrader_meta, read, regions,
                    solution_path)
from helpers import checks, grading, widgets
from helpers.checks import CROSS, TICK
from helpers.grading import HiddenTestFailed
from test_references import assert_same as assert_identical

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = "01_convolution"
SCRIPT = ROOT / "autograder" / NOTEBOOK / "make_references.py"
KEYS = {"corr2d", "pad2d", "output_size", "corr2d_general", "conv2d", "parameters", "kernels",
        "learn_kernel"}


@pytest.fixture
def default_location(monkeypatch):
    monkeypatch.delenv("COURSE_REFERENCES", raising=False)


@pytest.fixture(scope="module")
def references():
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("COURSE_REFERENCES", raising=False)
        return grading.load_references(NOTEBOOK)


# ----------------------------------------------------------------------------
# Where the references are
# ----------------------------------------------------------------------------

def test_references_dir_defaults_to_the_checkouts_autograder(default_location):
    assert grading.references_dir() == ROOT / "autograder"


def test_references_dir_empty_variable_means_default(monkeypatch):
    monkeypatch.setenv("COURSE_REFERENCES", "")
    assert grading.references_dir() == ROOT / "autograder"


def test_references_dir_honours_course_references(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_REFERENCES", str(tmp_path))
    assert grading.references_dir() == tmp_path


def test_load_references_from_course_references_folder(monkeypatch, tmp_path, references):
    (tmp_path / NOTEBOOK).mkdir()
    shutil.copy(ROOT / "autograder" / NOTEBOOK / "references.pt", tmp_path / NOTEBOOK)
    monkeypatch.setenv("COURSE_REFERENCES", str(tmp_path))
    assert_identical(grading.load_references(NOTEBOOK), references)


def test_load_references_has_every_exercise(references):
    assert isinstance(references, dict)
    assert set(references) == KEYS


def test_missing_notebook_names_course_references(default_location):
    with pytest.raises(FileNotFoundError) as info:
        grading.load_references("99_missing")
    message = str(info.value)
    assert "COURSE_REFERENCES" in message
    assert "99_missing" in message


def test_course_references_pointing_elsewhere_is_not_silently_ignored(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_REFERENCES", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="COURSE_REFERENCES"):
        grading.load_references(NOTEBOOK)
    with pytest.raises(FileNotFoundError, match="COURSE_REFERENCES"):
        grading.load_judges(NOTEBOOK)


# ----------------------------------------------------------------------------
# hidden_tests, on a tiny course: one test, "double", whose answer is 2 * x
# ----------------------------------------------------------------------------

TINY = "99_tiny"
TINY_JUDGES = '''
"""Judges for the tiny course of the tests."""
from helpers import checks

CELLS = {"double": "test_double"}
SECRET = {"double": ("y",)}


def double(records, cases):
    checks.check_equal(len(records), len(cases), name="number of results recorded")
    for i, (y_hat, case) in enumerate(zip(records, cases)):
        checks.check_close(y_hat, case["y"], name=f"double, hidden case {i}", hint="times two")
'''


@pytest.fixture
def tiny(monkeypatch, tmp_path):
    """COURSE_REFERENCES pointing at a course with one hidden test; returns its cases."""
    cases = [{"x": torch.tensor([1.0, 3.625, 4.5]), "y": torch.tensor([2.0, 7.25, 9.0])},
             {"x": torch.tensor([[0.5]]), "y": torch.tensor([[1.0]])}]
    (tmp_path / TINY).mkdir()
    torch.save({"double": cases}, tmp_path / TINY / "references.pt")
    (tmp_path / TINY / "judges.py").write_text(textwrap.dedent(TINY_JUDGES))
    monkeypatch.setenv("COURSE_REFERENCES", str(tmp_path))
    return cases


def run_double(fn):
    """The hidden test as a notebook writes it, with ``fn`` as the student's answer."""
    with grading.hidden_tests(TINY, "double", "double on new inputs") as test:
        for case in test.cases:
            test.record(fn(case["x"]))
    return test


def test_hidden_tests_cases_are_inputs_only(tiny):
    test = run_double(lambda x: 2 * x)
    assert [sorted(case) for case in test.cases] == [["x"], ["x"]]
    assert torch.equal(test.cases[0]["x"], tiny[0]["x"])


def test_hidden_tests_success_prints_one_line_and_swallows_inner_output(tiny, capsys):
    def noisy(x):
        print("noise that could show a value 3.14159")
        print("on stderr", file=sys.stderr)
        return 2 * x
    run_double(noisy)
    captured = capsys.readouterr()
    assert captured.out == f"{TICK} double on new inputs: passed\n"
    assert captured.err == ""


def test_a_failing_judge_gives_one_line_without_the_expected_value(tiny):
    with pytest.raises(HiddenTestFailed) as info:
        run_double(lambda x: x + 1)   # right for 1.0, wrong for 3.625 and 4.5
    # the whole message: no expected value (7.25, 9.0), no hint, no second line, no chained error
    assert str(info.value) == "double on new inputs: failed. double, hidden case 0: 2 of 3 values differ."
    assert info.value.__cause__ is None and info.value.__context__ is None


def test_recording_too_few_results_fails(tiny):
    with pytest.raises(HiddenTestFailed, match="number of results recorded is 1, which is not right"):
        with grading.hidden_tests(TINY, "double", "double on new inputs") as test:
            test.record(2 * test.cases[0]["x"])


def test_hidden_tests_failure_prints_nothing(tiny, capsys):
    def noisy(x):
        print("secret")
        return x
    with pytest.raises(HiddenTestFailed):
        run_double(noisy)
    captured = capsys.readouterr()
    assert "secret" not in captured.out and TICK not in captured.out


def test_hidden_tests_body_that_raises_names_the_error(tiny):
    def broken(x):
        raise ZeroDivisionError("division by zero in your loop")
    with pytest.raises(HiddenTestFailed) as info:
        run_double(broken)
    assert str(info.value) == ("double on new inputs: failed. Your code raised ZeroDivisionError: "
                               "division by zero in your loop")
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_hidden_tests_check_inside_the_body_shows_only_its_first_line(tiny):
    def by_library(x):  # the "by hand" guard raises inside the kernel
        return checks.check_by_hand(lambda t: F.conv1d(t.reshape(1, 1, -1), torch.ones(1, 1, 1)),
                                    x, name="double")
    with pytest.raises(HiddenTestFailed) as info:
        run_double(by_library)
    message = str(info.value)
    assert message.startswith("double on new inputs: failed. double called ")
    assert "\n" not in message


def test_hidden_tests_plain_assertion_error_is_reported_as_an_error(tiny):
    def asserts(x):
        assert False, "oops"
    with pytest.raises(HiddenTestFailed, match="raised AssertionError: oops"):
        run_double(asserts)


def test_hidden_tests_does_not_swallow_keyboard_interrupt(tiny, capsys):
    def interrupted(x):
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        run_double(interrupted)
    assert "passed" not in capsys.readouterr().out


def test_hidden_tests_restores_stdout_after_failure(tiny, capsys):
    with pytest.raises(HiddenTestFailed):
        run_double(lambda x: 1 / 0)
    print("visible again")
    assert capsys.readouterr().out == "visible again\n"


def test_an_unrecordable_result_is_rejected_by_the_judge_by_name(tiny):
    with pytest.raises(HiddenTestFailed) as info:
        run_double(lambda x: (2 * v for v in x))   # a generator, not a tensor
    message = str(info.value)
    assert message.startswith("double on new inputs: failed. double, hidden case 0 returned ")
    assert "generator" in message and "\n" not in message


def test_a_judge_that_cannot_read_the_records_says_so(tiny):
    problem = grading.judge(TINY, "double", [torch.ones(3)])   # too few, caught by the count
    assert problem == "number of results recorded is 1, which is not right."
    problem = grading.judge(TINY, "double", 5)                  # not even a list
    assert problem.startswith("the results could not be judged (TypeError")


def test_judge_passes_and_swallows_what_the_checks_print(tiny, capsys):
    assert grading.judge(TINY, "double", [case["y"].clone() for case in tiny]) is None
    assert capsys.readouterr().out == ""


class FakeChannel:
    """What the autograder's kernel provides: the inputs in, the records out."""

    def __init__(self, cases):
        self.given, self.sent = cases, []

    def cases(self, notebook, key):
        return self.given

    def send(self, notebook, key, payload, description=""):
        self.sent.append((notebook, key, payload, description))


def test_in_the_autograder_the_records_are_sent_not_judged(monkeypatch, tmp_path, capsys):
    # The kernel can see neither references nor judges: COURSE_REFERENCES points at nothing.
    monkeypatch.setenv("COURSE_REFERENCES", str(tmp_path))
    channel = FakeChannel([{"x": torch.tensor([1.0, 2.0])}])
    monkeypatch.setattr(grading, "_channel", channel)
    run_double(lambda x: x + 100)   # wrong, but judging is not the kernel's business
    [(notebook, key, payload, _)] = channel.sent
    assert (notebook, key) == (TINY, "double")
    json.dumps(payload)   # crosses as JSON
    [record] = grading.decode(payload)
    assert torch.equal(record, torch.tensor([101.0, 102.0]))
    assert capsys.readouterr().out == f"{TICK} double on new inputs: results recorded for the autograder\n"


def test_hidden_test_failed_is_an_assertion_error_rendered_with_cross():
    assert issubclass(HiddenTestFailed, AssertionError)
    rendered = HiddenTestFailed("t: failed. x")._render_traceback_()
    assert len(rendered) == 1 and CROSS in rendered[0] and "t: failed. x" in rendered[0]


# ----------------------------------------------------------------------------
# Records cross as JSON: encode, then decode, gives back what was recorded
# ----------------------------------------------------------------------------

def crossed(value):
    return grading.decode(json.loads(json.dumps(grading.encode(value))))


@pytest.mark.parametrize("dtype", list(grading._DTYPES.values()), ids=str)
def test_tensors_of_every_dtype_cross_unchanged(dtype):
    values = torch.arange(-3, 3).reshape(2, 3)
    t = (values % 2 == 0) if dtype == torch.bool else values.to(dtype)
    if dtype.is_floating_point or dtype.is_complex:
        t = t / 4 + (1j if dtype.is_complex else 0)   # fractions (and imaginary parts) survive
    t = t.to(dtype)
    back = crossed(t)
    assert back.dtype == dtype and back.shape == (2, 3)
    assert torch.equal(back, t)


@pytest.mark.parametrize("t", [torch.tensor(2.5), torch.zeros(0, 3), torch.arange(12.0).reshape(3, 4).T,
                               torch.ones(2, requires_grad=True) * 3],
                         ids=["0-d", "empty", "transposed", "requires_grad"])
def test_odd_tensors_cross_unchanged(t):
    back = crossed(t)
    assert back.dtype == t.dtype and back.shape == t.shape
    assert torch.equal(back, t.detach()) and not back.requires_grad


def test_bfloat16_crosses_as_float32():
    back = crossed(torch.tensor([1.5, -2.0], dtype=torch.bfloat16))
    assert back.dtype == torch.float32 and torch.equal(back, torch.tensor([1.5, -2.0]))


def test_containers_cross_with_their_kinds():
    value = {"shape": (2, 3), 7: [1, [2.5, None, True], "text"], (1, "a"): {"inner": torch.ones(2)}}
    back = crossed(value)
    assert back.keys() == value.keys()
    assert back["shape"] == (2, 3) and type(back["shape"]) is tuple
    assert back[7] == [1, [2.5, None, True], "text"] and type(back[7][1][2]) is bool
    assert torch.equal(back[(1, "a")]["inner"], torch.ones(2))
    assert crossed([(n, (3, 4)) for n in ("a", "b")]) == [("a", (3, 4)), ("b", (3, 4))]
    assert crossed(torch.Size([5, 10])) == (5, 10)


def test_numpy_arrays_become_tensors_and_numpy_scalars_numbers():
    back = crossed(np.arange(6, dtype=np.int32).reshape(2, 3))
    assert back.dtype == torch.int32 and torch.equal(back, torch.arange(6, dtype=torch.int32).reshape(2, 3))
    back = crossed(np.arange(4.0)[::2])   # not contiguous
    assert torch.equal(back, torch.tensor([0.0, 2.0], dtype=torch.float64))
    assert crossed(np.int64(61_706)) == 61_706 and type(crossed(np.int64(1))) is int
    assert crossed(np.float32(0.5)) == 0.5 and type(crossed(np.float64(0.5))) is float
    assert crossed(np.bool_(True)) is True


def test_what_cannot_cross_is_named():
    back = crossed(iter([1, 2]))
    assert isinstance(back, grading.Unrecordable) and back.kind == "list_iterator"
    back = crossed({"model": torch.nn.Linear(2, 2), "gen": (v for v in [])})
    assert back["model"].kind == "Linear" and back["gen"].kind == "generator"
    assert repr(back["gen"]) == "<a generator>"


def good_tensor():
    return grading.encode(torch.arange(6, dtype=torch.int64).reshape(2, 3))


@pytest.mark.parametrize("data", [
    dict(good_tensor(), **{"$tensor": "float128"}),            # a dtype it never makes
    dict(good_tensor(), **{"$tensor": "object"}),
    dict(good_tensor(), shape=[4, 3]),                          # data does not fit the shape
    dict(good_tensor(), shape=[2, -3]),                         # a negative size
    dict(good_tensor(), shape=[2, "3"]),
    dict(good_tensor(), data="not base64!"),
    dict(good_tensor(), extra=1),                               # a key it never writes
    {"$module": "torch.nn.Linear"},                             # a tag it does not know
    {"$tuple": [1], "$dict": []},
    {"plain": "dict"},
    3 + 4j,
], ids=["dtype", "object dtype", "shape too big", "negative size", "string size", "bad base64",
        "extra key", "unknown tag", "two tags", "untagged dict", "complex number"])
def test_decode_refuses_what_encode_does_not_make(data):
    with pytest.raises(ValueError):
        grading.decode(data)


def test_decode_refuses_unhashable_dict_keys():
    with pytest.raises(ValueError, match="unhashable"):
        grading.decode({"$dict": [[[1, 2], 3]]})


# ----------------------------------------------------------------------------
# Every notebook's judges: a judge and a cell per hidden test, and no expected
# output in what the student's kernel receives
# ----------------------------------------------------------------------------

HIDDEN_CALL = re.compile(r'hidden_tests\(\s*"(\w+)",\s*"(\w+)"')


@pytest.fixture(params=ASSIGNMENTS)
def assignment(request, default_location):
    return request.param


def test_every_hidden_test_has_a_cell_a_reference_and_a_judge(assignment):
    judges, refs = grading.load_judges(assignment), grading.load_references(assignment)
    nb = read(solution_path(assignment))
    test_cells = {nbgrader_meta(c)["grade_id"]: c for c in nb.cells if is_test_cell(c)}
    assert set(judges.CELLS) == set(refs), "every reference entry belongs to one hidden test"
    assert set(judges.SECRET) <= set(judges.CELLS)
    assert set(judges.CELLS.values()) == set(test_cells), "every graded test cell has a hidden test"
    for key, grade_id in judges.CELLS.items():
        assert callable(getattr(judges, key, None)), f"no judge for {key}"
        hidden = "\n".join(regions(test_cells[grade_id].source, HIDDEN_BEGIN, HIDDEN_END))
        assert (assignment, key) in HIDDEN_CALL.findall(hidden), f"{grade_id} does not run {key}"
        assert "load_references" not in hidden and "check_close" not in hidden, (
            f"{grade_id} compares in the kernel: judging belongs in judges.py")


def test_kernel_inputs_hold_no_expected_output(assignment):
    judges, refs = grading.load_judges(assignment), grading.load_references(assignment)
    inputs = grading.kernel_inputs(assignment)
    assert set(inputs) == set(judges.CELLS)
    for key, cases in inputs.items():
        assert isinstance(refs[key], list) and refs[key], f"{key}: a list of cases"
        secret = set(judges.SECRET.get(key, ()))
        for case, full in zip(cases, refs[key], strict=True):
            assert secret <= set(full), f"{key}: SECRET names a field no case has (a misspelling leaks)"
            assert not secret & set(case), f"{key} hands {secret & set(case)} to the kernel"
            assert set(case) | secret == set(full)
        json.dumps(grading.encode(cases))   # the inputs cross to the kernel too


# The hidden tests whose record per case is the one expected field (a tensor, a number, a shape).
ANSWER_IS_THE_RECORD = {
    "01_convolution": ["corr2d", "pad2d", "output_size", "corr2d_general", "conv2d"],
    "02_pooling": ["pooling", "relative_change", "global_avg_pool", "receptive_field", "stack_weights",
                   "im2col", "conv2d_im2col", "shapes"],
    "03_lenet": ["confusion"],
}


def off_by_one(value):
    if isinstance(value, tuple):
        return (value[0] + 1, *value[1:])
    return value + 1


def test_judges_pass_the_reference_answers_and_fail_others(assignment):
    judges, refs = grading.load_judges(assignment), grading.load_references(assignment)
    for key in ANSWER_IS_THE_RECORD[assignment]:
        [field] = judges.SECRET[key]
        records = [crossed(case[field]) for case in refs[key]]
        assert grading.judge(assignment, key, records) is None, key
        problem = grading.judge(assignment, key, [records[0], *map(off_by_one, records[1:])])
        assert problem and "\n" not in problem, key
        problem = grading.judge(assignment, key, records[:-1])
        assert problem.startswith("number of results recorded is"), key


# ----------------------------------------------------------------------------
# The committed references are what the script makes, from PyTorch alone
# ----------------------------------------------------------------------------

def load_script():
    spec = importlib.util.spec_from_file_location("make_references_01", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_script_writes_a_file_that_loads_back(tmp_path):
    script = load_script()
    made = script.make()
    torch.save(made, tmp_path / "references.pt")
    assert_identical(torch.load(tmp_path / "references.pt", weights_only=True), made)
    assert script.OUT == SCRIPT.parent / "references.pt"


def test_references_are_not_all_alike(references):
    # fresh random inputs: no two corr2d cases share their input
    xs = [case["x"] for case in references["corr2d"]]
    assert len(xs) == 5
    assert all(not (a.shape == b.shape and torch.equal(a, b)) for i, a in enumerate(xs) for b in xs[i + 1:])


def test_corr2d_references_are_f_conv2d(references):
    for case in references["corr2d"]:
        x, k, y = case["x"], case["k"], case["y"]
        assert x.dtype == torch.float64
        assert y.shape == (x.shape[0] - k.shape[0] + 1, x.shape[1] - k.shape[1] + 1)
        assert torch.allclose(y, F.conv2d(x[None, None], k[None, None])[0, 0])


def test_pad2d_references_are_zero_padding(references):
    assert [case["padding"] for case in references["pad2d"]] == [0, 1, 3]
    for case in references["pad2d"]:
        x, p, y = case["x"], case["padding"], case["y"]
        assert y.shape == (x.shape[0] + 2 * p, x.shape[1] + 2 * p)
        assert torch.equal(y[p:p + x.shape[0], p:p + x.shape[1]], x)
        border = y.clone()
        border[p:p + x.shape[0], p:p + x.shape[1]] = 0
        assert (border == 0).all()  # the padding is zeros
        assert torch.equal(y, F.pad(x, (p, p, p, p)))


def test_output_size_references_match_the_formula_and_conv2d(references):
    cases = references["output_size"]
    assert len(cases) == 300
    names = ["n", "kernel_size", "padding", "stride", "dilation"]
    for case in cases:
        assert set(case) == {*names, "size"}
        assert widgets.output_size(*(case[k] for k in names)) == case["size"]
    for case in cases[:20]:
        shape = F.conv2d(torch.zeros(1, 1, case["n"], case["n"]),
                         torch.zeros(1, 1, case["kernel_size"], case["kernel_size"]),
                         padding=case["padding"], stride=case["stride"], dilation=case["dilation"]).shape
        assert shape[-1] == case["size"]


def test_corr2d_general_references_are_f_conv2d(references):
    for case in references["corr2d_general"]:
        y = F.conv2d(case["x"][None, None], case["k"][None, None], padding=case["padding"],
                     stride=case["stride"], dilation=case["dilation"])[0, 0]
        assert torch.allclose(case["y"], y)


def test_conv2d_references_are_f_conv2d_with_bias(references):
    assert [case["bias"] is None for case in references["conv2d"]] == [False, True, False, False]
    for case in references["conv2d"]:
        y = F.conv2d(case["x"], case["weight"], case["bias"], padding=case["padding"],
                     stride=case["stride"], dilation=case["dilation"])
        assert torch.allclose(case["y"], y)


def test_parameter_references_follow_the_counting_formulas(references):
    for case in references["parameters"]:
        (h_in, w_in, c_in), (h_out, w_out, c_out) = case["in_shape"], case["out_shape"]
        k = case["kernel_size"]
        units = h_out * w_out * c_out
        assert case["fully_connected"] == h_in * w_in * c_in * units + units
        assert case["locally_connected"] == units * (k * k * c_in + 1)
        assert case["convolution"] == c_out * (k * k * c_in + 1)


def test_kernel_images_are_steps_and_noise(references):
    [kernels] = references["kernels"]
    vertical, horizontal = kernels["vertical_step"], kernels["horizontal_step"]
    assert set(vertical.unique().tolist()) == {0.0, 1.0}
    assert (vertical == vertical[0]).all()  # every row is the same: a vertical edge
    assert set(horizontal.unique().tolist()) == {0.0, 2.0}
    assert (horizontal == horizontal[:, :1]).all()  # every column is the same: a horizontal edge
    assert kernels["noise"].shape == (24, 24)


def test_learn_kernel_reference_is_f_conv2d(references):
    [case] = references["learn_kernel"]
    assert case["y"].shape == (6, 1, 10, 10)
    assert torch.allclose(case["y"], F.conv2d(case["x"], case["kernel"][None, None]))
