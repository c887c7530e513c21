"""Unit tests for helpers/grading.py, and for the committed reference outputs of notebook 01."""

import importlib.util
import shutil
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

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
    loaded = grading.load_references(NOTEBOOK)
    assert torch.equal(loaded["output_size"], references["output_size"])


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


# ----------------------------------------------------------------------------
# hidden_tests
# ----------------------------------------------------------------------------

def test_hidden_tests_success_prints_one_line_and_swallows_inner_output(capsys):
    with grading.hidden_tests("corr2d on new inputs"):
        print("noise that could show a reference value 3.14159")
        checks.check_close(torch.tensor([3.14159]), torch.tensor([3.14159]))
        import sys
        print("on stderr", file=sys.stderr)
    captured = capsys.readouterr()
    assert captured.out == f"{TICK} corr2d on new inputs: passed\n"
    assert captured.err == ""


def test_hidden_tests_check_failure_shows_only_first_line():
    expected = torch.tensor([1.0, 7.25, 9.125])
    with pytest.raises(HiddenTestFailed) as info:
        with grading.hidden_tests("corr2d on new inputs"):
            checks.check_close(torch.tensor([1.0, 7.0, 9.0]), expected, "corr2d(x, k)", hint="h")
    message = str(info.value)
    assert message == ("corr2d on new inputs: failed. "
                       "corr2d(x, k): 2 of 3 values differ.")
    assert "0.25" not in message
    assert "\n" not in message
    assert "7.25" not in message and "9.125" not in message and "Hint" not in message
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_hidden_tests_failure_prints_nothing(capsys):
    with pytest.raises(HiddenTestFailed):
        with grading.hidden_tests("t"):
            print("secret")
            checks.check_equal(1, 2)
    captured = capsys.readouterr()
    assert "secret" not in captured.out and TICK not in captured.out


def test_hidden_tests_other_exception_names_its_type():
    with pytest.raises(HiddenTestFailed) as info:
        with grading.hidden_tests("pad2d"):
            raise ZeroDivisionError("division by zero in your loop")
    message = str(info.value)
    assert message == ("pad2d: failed. Your code raised ZeroDivisionError: "
                       "division by zero in your loop")


def test_hidden_tests_plain_assertion_error_is_reported_as_an_error():
    with pytest.raises(HiddenTestFailed, match="raised AssertionError: oops"):
        with grading.hidden_tests("t"):
            assert False, "oops"


def test_hidden_tests_does_not_swallow_keyboard_interrupt(capsys):
    with pytest.raises(KeyboardInterrupt):
        with grading.hidden_tests("t"):
            raise KeyboardInterrupt
    assert "passed" not in capsys.readouterr().out


def test_hidden_tests_restores_stdout_after_failure(capsys):
    with pytest.raises(HiddenTestFailed):
        with grading.hidden_tests("t"):
            raise ValueError("x")
    print("visible again")
    assert capsys.readouterr().out == "visible again\n"


def test_hidden_test_failed_is_an_assertion_error_rendered_with_cross():
    assert issubclass(HiddenTestFailed, AssertionError)
    rendered = HiddenTestFailed("t: failed. x")._render_traceback_()
    assert len(rendered) == 1 and CROSS in rendered[0] and "t: failed. x" in rendered[0]


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
    table = references["output_size"]
    assert table.shape == (300, 6)
    for n, k, p, s, d, size in table.tolist():
        assert widgets.output_size(n, k, p, s, d) == size
    for n, k, p, s, d, size in table[:20].tolist():
        shape = F.conv2d(torch.zeros(1, 1, n, n), torch.zeros(1, 1, k, k),
                         padding=p, stride=s, dilation=d).shape
        assert shape[-1] == size


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
    kernels = references["kernels"]
    vertical, horizontal = kernels["vertical_step"], kernels["horizontal_step"]
    assert set(vertical.unique().tolist()) == {0.0, 1.0}
    assert (vertical == vertical[0]).all()  # every row is the same: a vertical edge
    assert set(horizontal.unique().tolist()) == {0.0, 2.0}
    assert (horizontal == horizontal[:, :1]).all()  # every column is the same: a horizontal edge
    assert kernels["noise"].shape == (24, 24)


def test_learn_kernel_reference_is_f_conv2d(references):
    case = references["learn_kernel"]
    assert case["y"].shape == (6, 1, 10, 10)
    assert torch.allclose(case["y"], F.conv2d(case["x"], case["kernel"][None, None]))
