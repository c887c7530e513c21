"""Unit tests for helpers/grading.py: hidden tests that record (and, in the course's checkout,
are judged right away) and the records' encoding as they cross to the grader."""

import json
import sys
import textwrap

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from autograder import judging
from helpers import checks, grading
from helpers.checks import CROSS, TICK
from helpers.grading import HiddenTestFailed


# ----------------------------------------------------------------------------
# hidden_tests, on a tiny course: one test, "double", whose answer is 2 * x
# ----------------------------------------------------------------------------

TINY = "99_tiny"
TINY_JUDGES = '''
"""Judges for the tiny course of the tests: none of its own, test_double gets the default judge."""
'''


@pytest.fixture
def tiny(monkeypatch, tmp_path):
    """COURSE_GRADING pointing at a course with one hidden test; returns its cases."""
    cases = [{"x": torch.tensor([1.0, 3.625, 4.5]), "y": torch.tensor([2.0, 7.25, 9.0])},
             {"x": torch.tensor([[0.5]]), "y": torch.tensor([[1.0]])}]
    (tmp_path / TINY).mkdir()
    torch.save({"test_double": judging.cases(cases, "y")}, tmp_path / TINY / "references.pt")
    (tmp_path / TINY / "judges.py").write_text(textwrap.dedent(TINY_JUDGES))
    monkeypatch.setenv("COURSE_GRADING", str(tmp_path))
    return cases


def run_double(fn):
    """The hidden test as a notebook writes it, with ``fn`` as the student's answer."""
    with grading.hidden_tests(TINY, "test_double", "double on new inputs") as test:
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
        with grading.hidden_tests(TINY, "test_double", "double on new inputs") as test:
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
    problem = judging.judge(TINY, "test_double", [torch.ones(3)])   # too few, caught by the count
    assert problem == "number of results recorded is 1, which is not right."
    problem = judging.judge(TINY, "test_double", 5)                  # not even a list
    assert problem.startswith("the results could not be judged (TypeError")


def test_judge_passes_and_swallows_what_the_checks_print(tiny, capsys):
    assert judging.judge(TINY, "test_double", [case["y"].clone() for case in tiny]) is None
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
    # The kernel can see neither references nor judges: COURSE_GRADING points at nothing.
    monkeypatch.setenv("COURSE_GRADING", str(tmp_path))
    channel = FakeChannel([{"x": torch.tensor([1.0, 2.0])}])
    monkeypatch.setattr(grading, "_channel", channel)
    run_double(lambda x: x + 100)   # wrong, but judging is not the kernel's business
    [(notebook, key, payload, _)] = channel.sent
    assert (notebook, key) == (TINY, "test_double")
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


def test_numpy_arrays_stay_arrays_and_numpy_scalars_become_numbers():
    # A judge that asks for a tensor (as its visible check does) must see that it got an array.
    back = crossed(np.arange(6, dtype=np.int32).reshape(2, 3))
    assert isinstance(back, np.ndarray) and back.dtype == np.int32
    assert np.array_equal(back, np.arange(6, dtype=np.int32).reshape(2, 3))
    back = crossed(np.arange(4.0)[::2])   # not contiguous
    assert isinstance(back, np.ndarray) and np.array_equal(back, np.array([0.0, 2.0]))
    assert isinstance(crossed(torch.ones(2)), torch.Tensor)
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
    dict(good_tensor(), **{"$ndarray": "int64"}),               # both tags
    {"$module": "torch.nn.Linear"},                             # a tag it does not know
    {"$tuple": [1], "$dict": []},
    {"plain": "dict"},
    3 + 4j,
], ids=["dtype", "object dtype", "shape too big", "negative size", "string size", "bad base64",
        "extra key", "both tensor tags", "unknown tag", "two tags", "untagged dict", "complex number"])
def test_decode_refuses_what_encode_does_not_make(data):
    with pytest.raises(ValueError):
        grading.decode(data)


def test_decode_refuses_unhashable_dict_keys():
    with pytest.raises(ValueError, match="unhashable"):
        grading.decode({"$dict": [[[1, 2], 3]]})
