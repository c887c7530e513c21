"""Unit tests for helpers/checks.py: the visible checks and the "by hand" detector."""

import sys

import numpy as np
import pytest
import scipy.signal
import torch
import torch.nn.functional as F
from torch import nn

from helpers import checks
from helpers.checks import CROSS, TICK, CheckFailed

from course import run_cell


def failure(check, *args, **kwargs):
    """Run a check that must fail; return its message."""
    with pytest.raises(CheckFailed) as info:
        check(*args, **kwargs)
    return str(info.value)


def first_line(message):
    return message.splitlines()[0]


def corr2d_loops(x, k):
    """A correct cross-correlation written with loops and elementwise arithmetic."""
    h, w = k.shape
    out = torch.zeros(x.shape[0] - h + 1, x.shape[1] - w + 1, dtype=x.dtype)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = (x[i:i + h, j:j + w] * k).sum()
    return out


X = torch.arange(20, dtype=torch.float64).reshape(4, 5)
K = torch.tensor([[1.0, -1.0], [0.5, 2.0]], dtype=torch.float64)


# ----------------------------------------------------------------------------
# check_close: passing
# ----------------------------------------------------------------------------

def test_check_close_exact_match_prints_tick_line(capsys):
    checks.check_close(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0]), "y")
    out = capsys.readouterr().out
    assert out == f"{TICK} y: exact match\n"


def test_check_close_within_tolerance_reports_largest_difference(capsys):
    expected = torch.tensor([1.0, 2.0], dtype=torch.float64)
    checks.check_close(expected + torch.tensor([0.0, 1e-9], dtype=torch.float64), expected, "y")
    out = capsys.readouterr().out.strip()
    assert out.startswith(TICK)
    assert "close (largest difference 1e-09)" in out


def test_check_close_default_tolerance_rejects_a_visible_difference():
    expected = torch.tensor([1.0, 2.0], dtype=torch.float64)
    message = failure(checks.check_close, expected + 1e-3, expected)
    assert "2 of 2 values differ" in message


def test_a_zero_dimensional_numpy_array_is_compared_as_the_number_it_holds(capsys):
    checks.check_close(np.array(0.25), 0.25, name="relative_change")     # not made (1,) on the way
    assert TICK in capsys.readouterr().out


def test_a_method_returned_without_its_call_is_named():
    with pytest.raises(CheckFailed, match=r"the function `item` itself, not its result.*`\.item\(\)`.*a number"):
        checks.check_close(torch.tensor(0.25).item, 0.25, name="relative_change")


def test_a_float_count_is_traced_to_the_operations_that_make_floats():
    with pytest.raises(CheckFailed) as failure:
        checks.check_exact(27.0, 27, name="three 3x3 layers")
    assert "`**` with a float exponent" in str(failure.value) and "math.pow" in str(failure.value)


def test_a_float_where_an_integer_is_expected_names_the_conversions_too():
    # not only sizes: indices made floats with .float() get the same message, which names the conversion
    message = failure(checks.check_equal, 0.0, 0, "item 0 of the indices")
    assert "a whole number (an int) is expected" in message and ".float()" in message
    assert "sizes and counts" not in message


def raised(fn):
    """The message of a check that called ``fn`` and met its error."""
    return failure(checks.call, fn, name="f")


def test_max_over_a_tuple_of_dimensions_is_told_amax():
    x = torch.randn(2, 3, 4, 4)
    message = raised(lambda: x.max(dim=(2, 3)))
    assert "max takes one dimension at a time" in message and "x.amax(dim=(2, 3))" in message
    assert "amin" in raised(lambda: torch.min(x, dim=(2, 3)))


def test_a_gradient_zeroed_before_the_first_backward_is_explained():
    kernel = torch.zeros(3, requires_grad=True)
    message = raised(lambda: kernel.grad.zero_())
    assert "zeroed before the first backward()" in message and "zero it after the update" in message
    assert "w -= lr * w.grad" in message   # or a new tensor made by the update: both are said


def test_a_loss_that_needs_no_gradient_is_traced_to_requires_grad():
    kernel = torch.zeros(3)   # requires_grad=True forgotten
    message = raised(lambda: (kernel * 2).sum().backward())
    assert "requires_grad=True" in message and "does not depend on any tensor that requires gradients" in message


@pytest.mark.parametrize("given, words", [
    ([nn.ReLU()], "nn.Sequential(*layers)"),
    (nn.ReLU, "nn.ReLU is the class, not a layer: call it, nn.ReLU()"),
    (F.relu, "relu here is a function, not a layer"),
    (torch.relu, "the module nn.ReLU()"),
])
def test_what_sequential_refuses_is_named(given, words):
    assert words in raised(lambda: nn.Sequential(given))


def test_check_close_atol_and_rtol_are_honoured(capsys):
    expected = torch.tensor([1.0, 100.0], dtype=torch.float64)
    actual = expected + torch.tensor([1e-3, 0.0], dtype=torch.float64)
    checks.check_close(actual, expected, atol=1e-2)
    actual = expected + torch.tensor([0.0, 0.5], dtype=torch.float64)
    checks.check_close(actual, expected, rtol=1e-2)
    assert capsys.readouterr().out.count(TICK) == 2
    failure(checks.check_close, actual, expected, rtol=1e-3)


def test_check_close_refuses_a_numpy_array_where_a_tensor_is_expected():
    # .numpy() at the end: the values are right, but what comes back is no tensor (no dtype of torch's, no
    # device, no autograd), and a later cell that calls .mean(dim=...) on it fails far from the cause
    message = failure(checks.check_close, np.array([[1.0, 2.0], [3.0, 4.0]]), torch.tensor([[1.0, 2.0], [3.0, 4.0]]),
                      "the maps")
    assert "a NumPy array" in message and "a tensor is expected" in message and ".numpy()" in message


def test_check_close_accepts_numpy_expected(capsys):
    checks.check_close(torch.tensor([1.0, 2.0]), np.array([1.0, 2.0]))
    assert "exact match" in capsys.readouterr().out


def test_check_close_accepts_plain_float_for_zero_dim_expected(capsys):
    checks.check_close(2.5, torch.tensor(2.5), "mean")
    assert capsys.readouterr().out == f"{TICK} mean: exact match\n"
    message = failure(checks.check_close, 2.0, torch.tensor(2.5), "mean")
    assert "1 of 1 values differ" in message


def test_check_close_accepts_plain_int_for_zero_dim_float_expected():
    checks.check_close(3, torch.tensor(3.0), "total")


def test_check_close_plain_number_for_non_scalar_expected_fails():
    message = failure(checks.check_close, 2.5, torch.tensor([2.5, 1.0]))
    assert "single number 2.5" in message
    assert "(2,)" in message


def test_check_close_detaches_tensors_that_require_grad(capsys):
    actual = torch.tensor([1.0, 2.0], requires_grad=True) * 1
    checks.check_close(actual, torch.tensor([1.0, 2.0]))
    assert "exact match" in capsys.readouterr().out


def test_check_close_empty_tensors_pass(capsys):
    checks.check_close(torch.zeros(0, 3), torch.zeros(0, 3))
    assert "empty, as expected" in capsys.readouterr().out


def test_check_close_integer_tensors_compare_exactly(capsys):
    checks.check_close(torch.tensor([1, 2]), torch.tensor([1, 2]))
    assert "exact match" in capsys.readouterr().out


# ----------------------------------------------------------------------------
# check_close: shape problems
# ----------------------------------------------------------------------------

def test_shape_mismatch_names_both_shapes():
    message = failure(checks.check_close, torch.zeros(2, 5), torch.zeros(2, 3), "out")
    assert first_line(message) == "out has shape (2, 5), but shape (2, 3) is expected."
    assert "dimension 1: 5 (expected 3)" in message
    assert "dimension 0" not in message


def test_shape_transposed_remark():
    message = failure(checks.check_close, torch.zeros(3, 2), torch.zeros(2, 3))
    assert "(3, 2)" in message and "(2, 3)" in message
    assert "transposed" in message


def test_square_shape_mismatch_is_not_called_transposed():
    message = failure(checks.check_close, torch.zeros(4, 4), torch.zeros(3, 3))
    assert "transposed" not in message


def test_shape_size_one_remark_for_squeeze_unsqueeze():
    message = failure(checks.check_close, torch.zeros(1, 3), torch.zeros(3))
    assert "size 1" in message
    assert ".unsqueeze(dim)" in message and ".squeeze(dim)" in message
    message = failure(checks.check_close, torch.zeros(4, 4), torch.zeros(1, 1, 4, 4))
    assert "size 1" in message


def test_shape_height_and_width_swapped_remark():
    message = failure(checks.check_close, torch.zeros(2, 4, 5, 3), torch.zeros(2, 4, 3, 5))
    assert "height and width are swapped" in message and "another arrangement" not in message
    message = failure(checks.check_close, torch.zeros(2, 5, 3), torch.zeros(2, 3, 5))
    assert "height and width" not in message


def test_a_known_mistake_of_another_shape_is_named():
    expected = torch.randn(1, 1, 4, 4)
    padded = F.pad(expected, (1,) * 4)
    message = failure(checks.check_close, padded, expected, mistakes={"the padding left on": padded})
    assert "has shape (1, 1, 6, 6)" in message and "exactly what this mistake gives: the padding left on" in message
    message = failure(checks.check_close, padded + 1, expected, mistakes={"the padding left on": padded})
    assert "mistake" not in message


def test_shape_one_too_many_and_one_too_few_per_dimension():
    message = failure(checks.check_close, torch.zeros(4, 2), torch.zeros(3, 3))
    assert "dimension 0: 4 (one too many)" in message
    assert "dimension 1: 2 (one too few)" in message


def test_shape_same_count_other_arrangement_remark():
    message = failure(checks.check_close, torch.zeros(4, 3), torch.zeros(2, 6))
    assert "right number of values in another arrangement" in message
    assert "size 1" not in message


def test_shape_same_count_in_fewer_dimensions_is_told_merged():
    # (B, K, h * w) where (B, K, h, w) is expected: a flatten, not an order of dimensions
    message = failure(checks.check_close, torch.zeros(2, 4, 16), torch.zeros(2, 4, 4, 4))
    assert "in 3 dimensions where 4 are expected" in message and "merged" in message
    assert "another arrangement" not in message and "order" not in message
    message = failure(checks.check_close, torch.zeros(6), torch.zeros(2, 3))
    assert "in 1 dimension where 2" in message


def test_shape_with_its_sizes_in_another_order_is_not_told_to_squeeze():
    # (C_out, N, H, W) for (N, C_out, H, W), N = 1: moving the size-1 dimension would fit only this case
    message = failure(checks.check_close, torch.zeros(5, 1, 3, 3), torch.zeros(1, 5, 3, 3))
    assert "expected sizes in another order" in message and "permute" in message
    assert "squeeze" not in message


def test_reversed_shape_is_called_transposed_only_when_its_values_are():
    expected = torch.arange(6.0).reshape(2, 3)
    message = failure(checks.check_close, expected.T, expected)
    assert "is the expected one transposed" in message
    scrambled = expected.reshape(3, 2)   # a reshape where a transpose is needed
    message = failure(checks.check_close, scrambled, expected)
    assert "not the expected ones transposed" in message and "permute" in message
    assert "is the expected one transposed" not in message


def test_a_named_mistake_of_another_shape_comes_without_a_guess_at_its_cause():
    expected = torch.arange(6.0).reshape(2, 3)
    scrambled = expected.reshape(3, 2)   # what a slip the check knows gives
    message = failure(checks.check_close, scrambled, expected, mistakes={"the height and width swapped": scrambled})
    assert "this mistake gives: the height and width swapped" in message
    assert "permute" not in message and "reverse order" not in message


# ----------------------------------------------------------------------------
# check_close: value problems
# ----------------------------------------------------------------------------

def test_value_mismatch_names_first_index_values_and_count():
    expected = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    actual = torch.tensor([[1.0, 2.0], [3.5, 5.0]])
    message = failure(checks.check_close, actual, expected, "y")
    assert "2 of 4 values differ" in message
    assert "largest difference: 1" in message
    assert "first difference at index (1, 0): got 3.5, expected 3" in message


def test_small_mismatch_prints_both_arrays_large_one_does_not():
    small = failure(checks.check_close, torch.zeros(2, 2), torch.ones(2, 2))
    assert "  expected:" in small and "  got:" in small
    large = failure(checks.check_close, torch.zeros(10, 10), torch.ones(10, 10))
    assert "100 of 100 values differ" in large
    assert "  expected:" not in large and "  got:" not in large


def test_first_line_of_value_mismatch_reveals_no_expected_value():
    expected = torch.tensor([1.0, 7.25, 9.125])
    message = failure(checks.check_close, torch.tensor([1.0, 7.0, 9.0]), expected, hint="look again")
    line = first_line(message)
    assert "2 of 3 values differ" in line
    assert "7.25" not in line and "9.125" not in line and "expected" not in line
    # ... while the full message does show them, for the visible checks
    assert "7.25" in message


def test_first_line_of_check_equal_mismatch_reveals_no_expected_value():
    line = first_line(failure(checks.check_equal, 41, 1234))
    assert "41" in line and "1234" not in line and "1,234" not in line
    line = first_line(failure(checks.check_equal, (3, 4), (3, 987)))
    assert "987" not in line
    line = first_line(failure(checks.check_equal, "cat", "secret-label"))
    assert "secret-label" not in line


def test_first_line_of_check_cases_mismatch_reveals_no_expected_value():
    cases = [((torch.ones(2, 2),), torch.full((2, 2), 3.75))]
    line = first_line(failure(checks.check_cases, lambda x: x, cases, "f"))
    assert "3.75" not in line and "4 of 4 values differ" in line


def test_hint_follows_hint_marker():
    message = failure(checks.check_close, torch.zeros(2), torch.ones(2), hint="check the loop bounds")
    assert message.splitlines()[-1] == "Hint: check the loop bounds"
    no_hint = failure(checks.check_close, torch.zeros(2), torch.ones(2))
    assert "Hint:" not in no_hint


def test_none_says_forgot_return():
    message = failure(checks.check_close, None, torch.ones(2), "corr2d(x, k)")
    assert first_line(message).startswith("corr2d(x, k) returned None")
    assert "Did you forget `return`" in message


def test_python_list_suggests_torch_tensor():
    message = failure(checks.check_close, [1.0, 2.0], torch.ones(2))
    assert "Python list" in message and "torch.tensor" in message
    message = failure(checks.check_close, (1.0, 2.0), torch.ones(2))
    assert "Python tuple" in message


def test_integer_dtype_for_float_answer():
    message = failure(checks.check_close, torch.tensor([1, 2]), torch.tensor([1.0, 2.0]))
    assert "integer tensor" in message and "torch.int64" in message and "float tensor" in message


def test_nan_is_reported_with_its_index():
    message = failure(checks.check_close, torch.tensor([1.0, float("nan")]), torch.tensor([1.0, 2.0]))
    assert "NaN" in message and "nan at index (1,)" in message


def test_inf_is_reported():
    message = failure(checks.check_close, torch.tensor([float("inf"), 1.0]), torch.tensor([1.0, 1.0]))
    assert "inf at index (0,)" in message


def test_nan_where_nan_is_expected_passes(capsys):
    checks.check_close(torch.tensor([float("nan"), 1.0]), torch.tensor([float("nan"), 1.0]))
    assert capsys.readouterr().out.startswith(TICK)


def test_bool_tensor_is_rejected():
    message = failure(checks.check_close, torch.tensor([True, False]), torch.tensor([1.0, 0.0]))
    assert "torch.bool" in message and "real-valued" in message


def test_other_types_are_described():
    message = failure(checks.check_close, "abc", torch.ones(2))
    assert "str 'abc'" in message and "(2,)" in message


def test_check_failed_is_an_assertion_error():
    assert issubclass(CheckFailed, AssertionError)


def test_render_traceback_returns_message_lines_with_cross_mark():
    with pytest.raises(CheckFailed) as info:
        checks.check_close(torch.zeros(2), torch.ones(2), hint="h")
    rendered = info.value._render_traceback_()
    lines = str(info.value).splitlines()
    assert len(rendered) == len(lines)
    assert CROSS in rendered[0] and lines[0] in rendered[0]
    assert rendered[1:] == lines[1:]


# ----------------------------------------------------------------------------
# check_equal
# ----------------------------------------------------------------------------

def test_check_equal_int_passes_with_thousands_separator(capsys):
    checks.check_equal(1234, 1234, "count")
    assert capsys.readouterr().out == f"{TICK} count = 1,234\n"


def test_check_equal_numpy_integer_passes(capsys):
    checks.check_equal(np.int64(5), 5)
    assert capsys.readouterr().out.startswith(TICK)


def test_check_equal_wrong_int_fails():
    message = failure(checks.check_equal, 4, 5, "size")
    assert "size is 4" in message and "expected 5" in message


def test_check_equal_float_for_int_mentions_floor_division():
    message = failure(checks.check_equal, 2.0, 2)
    assert "float" in message and "`//`" in message


def test_check_equal_tensor_for_int_mentions_int_conversion():
    message = failure(checks.check_equal, torch.tensor(2), 2)
    assert "int(...)" in message
    message = failure(checks.check_equal, np.array(2), 2)
    assert "int(...)" in message


def test_check_equal_bool_for_int_fails():
    message = failure(checks.check_equal, True, 1)
    assert "boolean" in message


def test_check_equal_none_for_int_says_forgot_return():
    assert "Did you forget `return`" in failure(checks.check_equal, None, 3)


def test_check_equal_tuples_item_by_item(capsys):
    checks.check_equal((3, 4), (3, 4), "shape")
    checks.check_equal(torch.Size([3, 4]), (3, 4), "shape")
    checks.check_equal([3, 4], [3, 4], "shape")
    assert capsys.readouterr().out.count(TICK) == 3
    message = failure(checks.check_equal, (3, 5), (3, 4), "shape")
    assert first_line(message).startswith("item 1 of shape is 5")
    message = failure(checks.check_equal, (3, 4.0), (3, 4), "shape")
    assert "item 1 of shape" in message and "`//`" in message


def test_check_equal_refuses_a_list_where_a_tuple_is_asked_for():
    message = failure(checks.check_equal, [4, 16, 48], (4, 16, 48), "conv_output_shape", hint="h")
    assert first_line(message) == ("conv_output_shape is a list, [4, 16, 48], but a tuple is asked for: "
                                   "build it with parentheses, `(a, b, *rest)`, or convert the list at "
                                   "the end with `tuple(values)`.")
    assert message.endswith("Hint: h")
    # inside a tuple too; a tuple where a list is expected stays fine
    assert "item 1 of pair is a list" in failure(checks.check_equal, (1, [2, 3]), (1, (2, 3)), "pair")
    checks.check_equal(("blur", "sharpen"), ["blur", "sharpen"], "keys")


def test_check_equal_tuple_length_mismatch():
    message = failure(checks.check_equal, (3, 4), (3, 4, 5), "shape")
    assert "has 2 items, but 3 are expected" in message
    assert "has 1 item, but 2 are expected" in failure(checks.check_equal, ["fc.weight"], ["fc.weight", "fc.bias"],
                                                       "the names")


def test_a_count_returned_in_millions_is_named_as_such():
    message = failure(checks.check_exact, 1026 / 1e6, 1026, name="the trainable count")
    assert "the count in millions" in message and "not divided by 1,000,000" in message
    # a float that is no scaled count keeps the general message
    assert "a whole number (an int) is expected" in failure(checks.check_exact, 513.0, 1026, name="the count")


def test_count_unit_tells_the_unit_a_count_was_divided_by():
    assert checks.count_unit(10_494_466 / 1e6, 10_494_466) == (1e6, "millions")
    assert checks.count_unit(5.13, 5_130) == (1e3, "thousands")
    # the count itself, an int, True, a float that is no scaled count: none was divided
    for value in (10_494_466.0, 10_494_466, True, 10.49):
        assert checks.count_unit(value, 10_494_466) is None


def test_check_equal_strings(capsys):
    checks.check_equal("cat", "cat", "label")
    assert capsys.readouterr().out == f"{TICK} label = 'cat'\n"
    message = failure(checks.check_equal, "dog", "cat", "label")
    assert "label is 'dog'" in message


def test_check_equal_hint():
    assert failure(checks.check_equal, 1, 2, hint="count again").endswith("\nHint: count again")


# ----------------------------------------------------------------------------
# check_that
# ----------------------------------------------------------------------------

def test_check_that_true_passes(capsys):
    checks.check_that(True, "the kernel sums to 1")
    assert capsys.readouterr().out == f"{TICK} the kernel sums to 1\n"


def test_check_that_false_fails_with_not_true_and_detail():
    message = failure(checks.check_that, False, "the kernel sums to 1", detail="it sums to 2.")
    assert first_line(message) == "Not true: the kernel sums to 1. it sums to 2."
    assert failure(checks.check_that, 0, "p", hint="h").endswith("Hint: h")


def test_check_that_one_element_tensor(capsys):
    checks.check_that(torch.tensor([True]), "one true value")
    assert capsys.readouterr().out.startswith(TICK)
    assert "Not true" in failure(checks.check_that, torch.tensor(False), "p")


def test_check_that_multi_element_tensor_raises_type_error():
    with pytest.raises(TypeError, match=r"\.all\(\) or \.any\(\)"):
        checks.check_that(torch.tensor([True, True]), "p")


# ----------------------------------------------------------------------------
# check_cases
# ----------------------------------------------------------------------------

def test_check_cases_all_pass(capsys):
    cases = [((X, K), F.conv2d(X[None, None], K[None, None])[0, 0]),
             ((X[:3, :3], K), F.conv2d(X[None, None, :3, :3], K[None, None])[0, 0]),
             ((torch.ones(2, 2, dtype=torch.float64), K), torch.tensor([[2.5]], dtype=torch.float64))]
    checks.check_cases(corr2d_loops, cases, "corr2d")
    assert capsys.readouterr().out == f"{TICK} corr2d: all 3 cases match\n"


def test_check_cases_names_arguments_of_first_failing_case():
    def add(a, b):
        return a + b if a < 5 else a - b
    cases = [((1, 2), 3), ((5, 3), 8), ((6, 1), 7)]
    message = failure(checks.check_cases, add, cases, "add", hint="h")
    assert first_line(message).startswith("add(5, 3) is 2")
    assert "6, 1" not in message
    assert message.endswith("Hint: h")


def test_check_cases_shows_tensor_arguments_by_shape():
    cases = [((X, K), torch.zeros(3, 4, dtype=torch.float64))]
    message = failure(checks.check_cases, corr2d_loops, cases, "corr2d")
    assert "corr2d(<tensor (4, 5)>, <tensor (2, 2)>)" in message


def test_check_cases_dict_arguments(capsys):
    def size(n, k, padding=0):
        return n + 2 * padding - k + 1
    checks.check_cases(size, [({"n": 5, "k": 3}, 3), ({"n": 5, "k": 3, "padding": 1}, 5)], "size")
    assert "all 2 cases match" in capsys.readouterr().out
    message = failure(checks.check_cases, size, [({"n": 5, "k": 3, "padding": 2}, 99)], "size")
    assert "size(n=5, k=3, padding=2)" in message


# ----------------------------------------------------------------------------
# mistakes_on_every_case
# ----------------------------------------------------------------------------

def _size_slips(n, s):
    """Two slips of an output-size formula, (n - 3) // s + 1: they agree at stride 1 and differ at stride 2."""
    return {"the + 1 left out": (n - 3) // s, "the stride left out": n - 3}


def test_mistakes_on_every_case_names_only_the_slip_that_agrees_on_every_case():
    settings = [(8, 1), (9, 2)]
    without_plus_one = [(n - 3) // s for n, s in settings]       # 5, 3: the first slip on both cases
    named = checks.mistakes_on_every_case([_size_slips(*args) for args in settings], without_plus_one)
    assert named == [{"the + 1 left out": 5}, {"the + 1 left out": 3}]
    message = failure(checks.check_exact, without_plus_one[1], (9 - 3) // 2 + 1, "size", mistakes=named[1])
    assert "exactly what this mistake gives: the + 1 left out" in message and "stride" not in message
    assert "add up to" not in message   # the whole count agrees on every case, not only a difference


def test_mistakes_on_every_case_joins_slips_the_cases_cannot_tell_apart():
    named = checks.mistakes_on_every_case([_size_slips(8, 1)], [5])      # stride 1 only: both give 5
    assert named == [{"the + 1 left out Or: the stride left out": 5}]
    message = failure(checks.check_exact, 5, 6, "size", mistakes=named[0])
    assert "each of these mistakes gives: the + 1 left out Or: the stride left out" in message


def test_mistakes_on_every_case_names_nothing_for_an_answer_no_slip_gives():
    named = checks.mistakes_on_every_case([_size_slips(8, 1), _size_slips(9, 2)], [5, 4])  # + 1 left out, then right
    assert named == [{}, {}]
    assert checks.mistakes_on_every_case([_size_slips(8, 1)], ["TypeError (bad)"]) == [{}]


def test_mistakes_on_every_case_compares_fractions_within_float32_rounding():
    cases = [{"divided by the sum of b": torch.tensor(1.5)}, {"divided by the sum of b": torch.tensor(2 / 3)}]
    assert checks.mistakes_on_every_case(cases, [1.5, 0.6666667]) == [
        {"divided by the sum of b": torch.tensor(1.5)}, {"divided by the sum of b": torch.tensor(2 / 3)}]
    assert checks.mistakes_on_every_case(cases, [1.5, 0.67]) == [{}, {}]
    assert checks.mistakes_on_every_case(cases, [1.5, torch.ones(3)]) == [{}, {}]   # not one number: no name
    infinite = [{"divided by the sum of b": torch.tensor(float("inf"))}]   # b all zeros
    assert checks.mistakes_on_every_case(infinite, [float("inf")]) == infinite


def test_check_cases_float_expected_uses_tolerance(capsys):
    checks.check_cases(lambda a, b: a + b, [((0.1, 0.2), 0.3)], "add")
    assert "all 1 cases match" in capsys.readouterr().out


def test_check_cases_int_expected_is_exact():
    message = failure(checks.check_cases, lambda n: n / 2, [((4,), 2)], "half")
    assert "`//`" in message


# ----------------------------------------------------------------------------
# check_by_hand and calls_matching
# ----------------------------------------------------------------------------

def test_by_hand_loops_pass_and_return_result():
    result = checks.check_by_hand(corr2d_loops, X, K)
    assert torch.allclose(result, F.conv2d(X[None, None], K[None, None])[0, 0])


def test_calls_matching_returns_result_and_no_names_for_loops():
    result, used = checks.calls_matching(corr2d_loops, (X, K), {}, checks.CONVOLUTION)
    assert used == []
    assert result.shape == (3, 4)


def test_calls_matching_passes_keyword_arguments():
    result, used = checks.calls_matching(lambda x, k=None: corr2d_loops(x, k), (X,), {"k": K},
                                         checks.CONVOLUTION)
    assert used == [] and result.shape == (3, 4)


def functional_conv2d(x, k):
    return F.conv2d(x[None, None], k[None, None])[0, 0]


def torch_conv2d(x, k):
    return torch.conv2d(x[None, None], k[None, None])[0, 0]


def module_conv2d(x, k):
    layer = nn.Conv2d(1, 1, k.shape, bias=False).double()
    with torch.no_grad():
        layer.weight.copy_(k[None, None])
    return layer(x[None, None])[0, 0]


def numpy_convolve(x, k):
    return torch.tensor(np.convolve(x.flatten().numpy(), k.flatten().numpy()))


def scipy_correlate2d(x, k):
    return torch.from_numpy(scipy.signal.correlate2d(x.numpy(), k.numpy(), mode="valid"))


@pytest.mark.parametrize("fn, called", [
    (functional_conv2d, "conv2d"),
    (torch_conv2d, "conv2d"),
    (module_conv2d, "conv_forward"),
    (numpy_convolve, "convolve"),
    (scipy_correlate2d, "correlate2d"),
])
def test_by_hand_flags_library_convolution(fn, called):
    message = failure(checks.check_by_hand, fn, X, K)
    assert first_line(message).startswith(f"{fn.__name__} called ")
    assert called in first_line(message)
    assert "compute the result yourself" in message


def test_by_hand_uses_given_name():
    message = failure(checks.check_by_hand, torch_conv2d, X, K, name="your corr2d")
    assert message.startswith("your corr2d called torch.conv2d")


STUDENT_CODE = """
import torch

def corr2d(x, k):
    h, w = k.shape
    out = torch.zeros(x.shape[0] - h + 1, x.shape[1] - w + 1, dtype=x.dtype)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = (x[i:i + h, j:j + w] * k).sum()
    return out

def conv2d(x, k):
    return corr2d(x, k)

def conv2d_cheating(x, k):
    return torch.conv2d(x[None, None], k[None, None])[0, 0]
"""


def student_namespace(module_name):
    namespace = {"__name__": module_name}
    exec(compile(STUDENT_CODE, "<notebook cell>", "exec"), namespace)
    return namespace


def test_student_conv2d_defined_in_main_is_not_flagged():
    student = student_namespace("__main__")
    result = checks.check_by_hand(student["conv2d"], X, K)
    assert torch.allclose(result, F.conv2d(X[None, None], K[None, None])[0, 0])


def test_same_conv2d_outside_main_is_flagged():
    # the __main__ exemption is what lets the student's own conv2d through
    student = student_namespace("some_library")
    message = failure(checks.check_by_hand, student["conv2d"], X, K)
    assert "some_library.conv2d" in message


def test_student_function_in_main_calling_torch_conv2d_is_flagged():
    student = student_namespace("__main__")
    message = failure(checks.check_by_hand, student["conv2d_cheating"], X, K)
    assert "conv2d" in first_line(message)


def test_profiler_is_restored_after_success_and_after_an_exception():
    def sentinel(frame, event, arg):
        return None

    def broken(x):
        raise ZeroDivisionError("student bug")

    previous = sys.getprofile()
    sys.setprofile(sentinel)
    try:
        checks.calls_matching(corr2d_loops, (X, K), {}, checks.CONVOLUTION)
        assert sys.getprofile() is sentinel
        with pytest.raises(ZeroDivisionError):
            checks.calls_matching(broken, (X,), {}, checks.CONVOLUTION)
        assert sys.getprofile() is sentinel
        with pytest.raises(CheckFailed, match="broken raised ZeroDivisionError: student bug"):
            checks.check_by_hand(broken, X)
        assert sys.getprofile() is sentinel
    finally:
        sys.setprofile(previous)
    with pytest.raises(CheckFailed):
        checks.check_by_hand(broken, X)
    assert sys.getprofile() is previous


def test_padding_pattern_flags_torch_and_numpy_pad():
    def torch_pad(x):
        return F.pad(x, (1, 1, 1, 1))

    def numpy_pad(x):
        return torch.from_numpy(np.pad(x.numpy(), 1))

    def manual_pad(x):
        out = torch.zeros(x.shape[0] + 2, x.shape[1] + 2, dtype=x.dtype)
        out[1:-1, 1:-1] = x
        return out

    message = failure(checks.check_by_hand, torch_pad, X, pattern=checks.PADDING)
    assert "pad" in first_line(message)
    message = failure(checks.check_by_hand, numpy_pad, X, pattern=checks.PADDING)
    assert "numpy" in first_line(message) and "pad" in first_line(message)
    result = checks.check_by_hand(manual_pad, X, pattern=checks.PADDING)
    assert torch.equal(result, F.pad(X, (1, 1, 1, 1)))


def test_convolution_pattern_does_not_flag_padding_and_vice_versa():
    _, used = checks.calls_matching(lambda x: F.pad(x, (1, 1)), (X,), {}, checks.CONVOLUTION)
    assert used == []
    _, used = checks.calls_matching(torch_conv2d, (X, K), {}, checks.PADDING)
    assert used == []


@pytest.mark.parametrize("name", ["conv1d", "conv2d", "conv3d", "conv_transpose2d", "convolution",
                                  "_convolution", "_conv_forward", "convolve", "convolve2d",
                                  "correlate", "correlate2d", "fftconvolve", "oaconvolve"])
def test_convolution_pattern_matches_library_names(name):
    assert checks.CONVOLUTION.match(name)


@pytest.mark.parametrize("name", ["corr2d", "my_conv", "conv2d_by_hand", "sum", "unfold", "pad"])
def test_convolution_pattern_ignores_other_names(name):
    assert not checks.CONVOLUTION.match(name)


# ----------------------------------------------------------------------------
# check_close: recognisable mistakes named in the message
# ----------------------------------------------------------------------------

def test_transposed_values_of_a_square_answer_are_named():
    expected = torch.arange(9.0).reshape(3, 3)
    message = failure(checks.check_close, expected.T.clone(), expected, "out")
    assert "transposed" in message


def test_a_constant_offset_is_named():
    expected = torch.randn(5, 4)
    message = failure(checks.check_close, expected + 2.5, expected, "out")
    assert "off by the same amount (2.5)" in message


def test_a_per_channel_offset_points_at_the_bias():
    expected = torch.randn(2, 3, 4, 4)
    bias = torch.tensor([0.5, -1.0, 2.0])
    message = failure(checks.check_close, expected + bias[None, :, None, None], expected, "y")
    assert "Within each channel" in message and "bias" in message


def test_an_arbitrary_error_names_no_pattern():
    expected = torch.zeros(3, 3)
    actual = torch.tensor([[1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 2.0]])
    message = failure(checks.check_close, actual, expected, "y")
    assert "transposed" not in message and "same amount" not in message


def test_large_or_4d_arrays_are_not_printed_in_full():
    expected = torch.zeros(1, 2, 3, 3)
    message = failure(checks.check_close, torch.ones(1, 2, 3, 3) * torch.arange(9.0).reshape(3, 3),
                      expected, "y")
    assert "expected:" not in message


# ----------------------------------------------------------------------------
# The other "by hand" patterns: pooling, unfold, autograd
# ----------------------------------------------------------------------------

def test_pooling_pattern_catches_library_pooling():
    x = torch.randn(1, 1, 4, 4)
    for fn in (lambda: torch.nn.functional.max_pool2d(x, 2), lambda: torch.nn.functional.avg_pool2d(x, 2),
               lambda: torch.nn.MaxPool2d(2)(x), lambda: torch.nn.functional.adaptive_avg_pool2d(x, 1)):
        _, used = checks.calls_matching(fn, (), {}, checks.POOLING)
        assert used, "a library pooling call went unnoticed"
    _, used = checks.calls_matching(lambda: x[:, :, :2, :2].amax(dim=(2, 3)), (), {}, checks.POOLING)
    assert used == []


def test_unfold_pattern_catches_f_unfold_and_tensor_unfold():
    x = torch.randn(1, 1, 4, 4)
    for fn in (lambda: torch.nn.functional.unfold(x, 2), lambda: x.unfold(2, 2, 1)):
        _, used = checks.calls_matching(fn, (), {}, checks.UNFOLD)
        assert used
    _, used = checks.calls_matching(lambda: x[:, :, 0:2, 0:2].reshape(1, -1), (), {}, checks.UNFOLD)
    assert used == []


def test_autograd_pattern_catches_backward_and_autograd_grad():
    def with_backward():
        w = torch.ones(2, requires_grad=True)
        (w * 3).sum().backward()
        return w.grad

    def with_grad():
        w = torch.ones(2, requires_grad=True)
        return torch.autograd.grad((w * 3).sum(), w)[0]

    for fn in (with_backward, with_grad):
        result, used = checks.calls_matching(fn, (), {}, checks.CONVOLUTION_OR_AUTOGRAD)
        assert used and torch.equal(result, torch.full((2,), 3.0))
    _, used = checks.calls_matching(lambda: torch.einsum("i,i->", torch.ones(2), torch.ones(2)), (), {},
                                    checks.CONVOLUTION_OR_AUTOGRAD)
    assert used == []


# ----------------------------------------------------------------------------
# check_model_output: a forward pass and the usual ways it breaks
# ----------------------------------------------------------------------------

class _Net(torch.nn.Module):
    """The lecture's MNIST network; `bug` switches on one of its bugs."""

    def __init__(self, bug=None):
        super().__init__()
        self.bug = bug
        self.conv1 = torch.nn.Conv2d(1, 20, 5, 1)
        self.conv2 = torch.nn.Conv2d(20, 20 if bug == "channels" else 50, 5, 1)
        self.fc1 = torch.nn.Linear(4 * 4 * 50, 500)
        self.fc2 = torch.nn.Linear(500, 10)

    def forward(self, x):
        F = torch.nn.functional
        x = F.max_pool2d(F.relu(self.conv1(x)), 2, 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2, 2)
        x = (x.view(64, -1) if self.bug == "batch of 64" else x.view(4 * 4 * 50, -1) if self.bug == "swapped"
             else x.view(-1, 4 * 4 * 50))
        x = F.relu(self.fc1) if self.bug == "layer" else F.relu(self.fc1(x))
        x = self.fc2(x)
        if self.bug == "return":
            return None
        return F.logsoftmax(x, dim=1) if self.bug == "spelling" else F.log_softmax(x, dim=1)


def test_check_model_output_passes_and_returns_the_output(capsys):
    out = checks.check_model_output(_Net(), torch.zeros(2, 1, 28, 28), (2, 10), name="net")
    assert tuple(out.shape) == (2, 10)
    assert "net maps (2, 1, 28, 28) to (2, 10)" in capsys.readouterr().out


@pytest.mark.parametrize("bug, words", [
    ("channels", "must equal 800"),
    ("layer", "instead of a tensor"),
    ("spelling", "F.log_softmax"),
    ("return", "returned None"),
    ("batch of 64", "a reshape fixed the number of rows at 64 (x.view(64, -1))"),
    ("swapped", "the view's arguments are swapped: the flattened values were cut into 800 rows of 2"),
])
def test_check_model_output_explains_each_bug(bug, words):
    message = failure(checks.check_model_output, _Net(bug), torch.zeros(2, 1, 28, 28), (2, 10), "net")
    assert words in message


def test_check_model_output_names_a_misspelt_forward_and_a_module_list():
    class Misspelt(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = torch.nn.Linear(4, 2)

        def foward(self, x):
            return self.fc(x)

    message = failure(checks.check_model_output, Misspelt(), torch.zeros(3, 4), (3, 2), "net")
    assert "Misspelt has no forward method: the method must be named exactly `forward`" in message
    layers = torch.nn.ModuleList([torch.nn.Linear(4, 2)])
    message = failure(checks.check_model_output, layers, torch.zeros(3, 4), (3, 2), "net")
    assert "An nn.ModuleList holds layers but runs none of them" in message and "nn.Sequential" in message


def test_check_model_output_names_a_batch_size_written_into_a_reshape_that_cannot_be_made():
    # 3 images of 800 values (2,400) cannot be cut into 64 rows
    message = failure(checks.check_model_output, _Net("batch of 64"), torch.zeros(3, 1, 28, 28), (3, 10), "net")
    assert "fixes the batch at 64 examples" in message


def test_check_model_output_names_a_batch_mixed_up_by_view():
    # with 5 images, 20 channels of 4x4 (1,600 values) reshape into 2 rows of 800
    message = failure(checks.check_model_output, _Net("channels"), torch.zeros(5, 1, 28, 28), (5, 10), "net")
    assert "came out as 2" in message and "flatten(1)" in message


def test_check_model_output_explains_a_linear_layer_fed_the_wrong_size():
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(10, 3))
    message = failure(checks.check_model_output, model, torch.zeros(2, 12), (2, 3), "m")
    assert "received 12 features per example but expects 10" in message


def test_check_model_output_recognises_a_batch_flattened_into_the_features():
    # x.flatten() without start_dim: 2 examples of 400 features become one row of 800
    class Flat(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = torch.nn.Linear(400, 10)

        def forward(self, x):
            return self.fc(x.flatten())

    message = failure(checks.check_model_output, Flat(), torch.zeros(2, 16, 5, 5), (2, 10), "m")
    assert "batch dimension was flattened into the features" in message
    assert "x.flatten(1)" in message and "800 features per example" not in message
    # a genuinely wrong size is still blamed on the layer sizes
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(10, 3))
    message = failure(checks.check_model_output, model, torch.zeros(4, 12), (4, 3), "m")
    assert "flattened into the features" not in message


def test_check_model_output_explains_a_convolution_fed_the_wrong_channels():
    model = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3))
    message = failure(checks.check_model_output, model, torch.zeros(1, 1, 8, 8), (1, 4, 6, 6), "m")
    assert "received 1 channels but expects 3" in message


# ----------------------------------------------------------------------------
# The student's code raises: the check says what, where, and gives its hint
# ----------------------------------------------------------------------------

RAISING_CODE = """
import torch

def pad2d(x, p):
    out = torch.zeros(x.shape[0] + 2 * p, x.shape[1] + 2 * p, dtype=x.dtype)
    out[p:-p, p:-p] = x
    return out

def outer(x, p):
    return pad2d(x, p)
"""


def notebook_cell(source, filename="/tmp/ipykernel_1/cell.py"):
    """Define a cell's functions as a notebook does: in __main__, with its source known to linecache."""
    namespace = {"__name__": "__main__"}
    run_cell(source, namespace, filename)
    return namespace


def test_call_returns_what_the_function_returns(capsys):
    assert checks.call(lambda a, b=1: a + b, 2, b=3) == 5
    assert capsys.readouterr().out == ""


def test_call_names_the_error_the_line_of_student_code_and_the_hint():
    cell = notebook_cell(RAISING_CODE)
    message = failure(checks.call, cell["outer"], torch.ones(2, 3), 0, hint="use out[p:p + H]")
    lines = message.splitlines()
    assert lines[0].startswith("outer raised RuntimeError: ")
    # the deepest line of the notebook's own code, with its source
    assert lines[1] == "  in pad2d, line 6: out[p:-p, p:-p] = x"
    assert lines[-1] == "Hint: use out[p:p + H]"
    assert "Traceback" not in message and "site-packages" not in message


def test_call_uses_the_given_name_and_keeps_the_first_line_short():
    def noisy():
        raise ValueError("first line\nsecond line " + "x" * 500)
    message = failure(checks.call, noisy, name="your function")
    assert first_line(message) == "your function raised ValueError: first line"
    long = failure(checks.call, lambda: (_ for _ in ()).throw(ValueError("y" * 500)))
    assert len(first_line(long)) < 260 and first_line(long).endswith("...")


def test_call_lets_check_failures_and_interrupts_through():
    def checked():
        checks.check_equal(1, 2, name="inner")
    assert first_line(failure(checks.call, checked)).startswith("inner is 1")

    def interrupted():
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        checks.call(interrupted)


def test_check_by_hand_turns_an_error_into_a_failure_with_the_hint():
    cell = notebook_cell(RAISING_CODE)
    message = failure(checks.check_by_hand, cell["pad2d"], torch.ones(2, 3), 0, pattern=checks.PADDING,
                      hint="h")
    assert first_line(message).startswith("pad2d raised RuntimeError")
    assert "in pad2d, line 6: out[p:-p, p:-p] = x" in message and message.endswith("Hint: h")


UNWRITTEN_CODE = """\
import torch

def corr2d(x, k):
    # YOUR CODE HERE
    raise NotImplementedError()

def conv2d(x, weight):
    return corr2d(x, weight)
"""

NOT_WRITTEN = ("{} is not written yet: write it where it says YOUR CODE HERE and delete the "
               "raise NotImplementedError() line.")


@pytest.mark.parametrize("check, extra", [(checks.call, {}), (checks.check_by_hand, {})])
def test_an_exercise_not_written_yet_is_named_in_one_line(check, extra):
    cell = notebook_cell(UNWRITTEN_CODE, filename="/tmp/ipykernel_1/unwritten.py")
    message = failure(check, cell["corr2d"], torch.ones(3, 3), torch.ones(2, 2), hint="a hint", **extra)
    assert message == NOT_WRITTEN.format("corr2d")
    # a function that calls one not written yet names the one to write
    message = failure(check, cell["conv2d"], torch.ones(3, 3), torch.ones(2, 2), name="conv2d on a crop")
    assert message == NOT_WRITTEN.format("corr2d")


def test_check_cases_names_an_exercise_not_written_yet():
    cell = notebook_cell(UNWRITTEN_CODE, filename="/tmp/ipykernel_1/unwritten.py")
    message = failure(checks.check_cases, cell["corr2d"], [((torch.ones(3, 3), torch.ones(2, 2)), 0)],
                      "corr2d", hint="h")
    assert message == NOT_WRITTEN.format("corr2d")


def test_a_not_implemented_error_with_a_message_is_an_ordinary_error():
    def half(x):
        raise NotImplementedError("no half for complex numbers")
    message = failure(checks.call, half, 1, hint="h")
    assert first_line(message) == "half raised NotImplementedError: no half for complex numbers"
    assert message.endswith("Hint: h")


def test_check_cases_names_the_case_whose_call_raised():
    def half(n):
        return 10 // n
    message = failure(checks.check_cases, half, [((5,), 2), ((0,), 0)], "half", hint="h")
    assert first_line(message) == "half(0) raised ZeroDivisionError: integer division or modulo by zero"
    assert "in half, line" in message and message.endswith("Hint: h")


def test_check_model_output_says_where_in_forward():
    cell = notebook_cell("import torch\nclass M(torch.nn.Module):\n    def forward(self, x):\n"
                         "        return x @ torch.ones(3, 2)\n", filename="/tmp/ipykernel_1/model.py")
    message = failure(checks.check_model_output, cell["M"](), torch.zeros(2, 4), (2, 2), "M")
    assert "in forward, line 4: return x @ torch.ones(3, 2)" in message


# ----------------------------------------------------------------------------
# Known mistakes, named when the answer is exactly what they give
# ----------------------------------------------------------------------------

def test_a_known_mistake_is_named_on_the_second_line():
    x = torch.arange(1.0, 10.0).reshape(3, 3)
    k = torch.tensor([[10.0, 20.0], [30.0, 40.0]])
    expected = F.conv2d(x[None, None], k[None, None])[0, 0]
    flipped = F.conv2d(x[None, None], k.flip(0, 1)[None, None])[0, 0]
    message = failure(checks.check_close, flipped, expected, "corr2d", hint="h",
                      mistakes={checks.FLIPPED_KERNEL: flipped})
    lines = message.splitlines()
    assert lines[0] == "corr2d: 4 of 4 values differ."
    assert "convolution instead of cross-correlation" in lines[1]
    assert "same amount" not in message and "bias" not in message


def test_an_answer_that_is_no_known_mistake_is_not_called_one():
    expected = torch.zeros(3, 3)
    message = failure(checks.check_close, torch.ones(3, 3), expected, mistakes={"a mistake": torch.eye(3)})
    assert "a mistake" not in message


def test_each_square_block_transposed_is_named():
    expected = torch.randn(2, 3, 4, 4)
    message = failure(checks.check_close, expected.transpose(-1, -2), expected, "grad")
    assert "each 4x4 block of its last two dimensions transposed" in message


def test_a_constant_offset_over_a_few_values_is_not_called_a_pattern():
    message = failure(checks.check_close, torch.tensor([230.0, 330.0, 530.0, 630.0]),
                      torch.tensor([370.0, 470.0, 670.0, 770.0]))
    assert "same amount" not in message
    assert "same amount" not in failure(checks.check_close, 2.0, torch.tensor(2.5))


# ----------------------------------------------------------------------------
# Mistakes named in words: the dtype, an answer built on, errors that PyTorch words its own way
# ----------------------------------------------------------------------------

def test_same_dtype_names_a_float32_result_of_a_float64_input():
    expected = torch.randn(3, 4, dtype=torch.float64)
    message = failure(checks.check_close, expected.float(), expected, name="grad_x", same_dtype=True)
    assert "grad_x is float32, but float64 is expected" in message and "dtype=x.dtype" in message


def test_the_dtype_advice_follows_the_way_the_dtype_went():
    expected = torch.randn(4, 5)                                         # float32, the input's dtype
    lowered = failure(checks.check_close, expected.half(), expected, name="maps")   # rounding: the values differ
    assert "float16" in lowered and ".half()" in lowered and "without dtype=" not in lowered
    raised = failure(checks.check_close, expected.double(), expected, name="maps", same_dtype=True)
    assert ".double()" in raised and "without dtype=" not in raised
    integers = failure(checks.check_close, (expected * 10).long(), expected, name="maps")
    assert ".long()" in integers and "integer tensor" in integers


def test_same_dtype_passes_the_same_dtype(capsys):
    expected = torch.randn(3, dtype=torch.float64)
    checks.check_close(expected.clone(), expected, same_dtype=True)
    assert capsys.readouterr().out.startswith(TICK)


def test_float32_rounding_is_named_as_the_dtype_not_as_an_offset():
    expected = torch.randn(200, dtype=torch.float64) * 100
    message = failure(checks.check_close, expected.float(), expected, rtol=1e-12, atol=1e-12)
    assert "rounding" in message and "float32" in message and "same amount" not in message


def test_float32_rounding_inside_a_float64_result_is_named_not_called_a_bias():
    """A float32 tensor in the middle of a float64 computation (torch.zeros without dtype=) leaves a float64
    result off by float32's rounding: in one channel of one value, it read as a per-channel offset."""
    expected = torch.randn(1, 1, 3, 3, dtype=torch.float64)
    rounded = expected.float().double()
    message = failure(checks.check_close, rounded, expected, rtol=1e-10, atol=1e-12)
    assert "float32's rounding" in message and "dtype" in message
    assert "same amount" not in message and "bias" not in message


def test_a_loop_one_step_short_is_named():
    expected = torch.tensor([[370.0, 470.0], [670.0, 770.0]])
    message = failure(checks.check_close, torch.tensor([[370.0, 0.0], [0.0, 0.0]]), expected)
    assert "last row and last column are left at zero" in message and "range(H_out)" in message
    short_rows = expected.clone()
    short_rows[-1] = 0
    assert "last row is left at zero" in failure(checks.check_close, short_rows, expected)
    wrong_too = torch.tensor([[1.0, 0.0], [0.0, 0.0]])   # more than the border is wrong: not this mistake
    assert "one step short" not in failure(checks.check_close, wrong_too, expected)


def test_a_constant_offset_within_rounding_is_not_called_one():
    expected = torch.randn(50, dtype=torch.float64)
    noise = torch.randn(50, dtype=torch.float64) * 1e-7
    message = failure(checks.check_close, expected + noise, expected, rtol=0, atol=1e-9)
    assert "same amount" not in message


def test_a_real_constant_offset_is_still_named():
    expected = torch.randn(50)
    assert "same amount" in failure(checks.check_close, expected + 0.5, expected)


def test_mixed_dtypes_raised_are_explained():
    def backward(x):
        return torch.zeros(3) @ x   # float32 meets float64
    message = failure(checks.call, backward, torch.ones(3, dtype=torch.float64))
    assert "two dtypes" in message and "dtype=x.dtype" in message


def test_a_known_mistake_is_named_where_the_answer_is_not_finite():
    x = torch.tensor([[-1.0, -2.0], [-3.0, -4.0]])
    wrong = torch.full((2, 2), float("-inf"))
    message = failure(checks.check_close, wrong, x, mistakes={"padded with -inf": wrong})
    assert "padded with -inf" in message and "dividing by zero" not in message


def test_check_builds_on_names_the_part_that_is_wrong(capsys):
    def pad(x, p):
        out = torch.zeros(x.shape[0] + 2 * p, x.shape[1] + 2 * p)
        out[p:-p, p:-p] = x   # empty for p = 0
        return out
    x = torch.ones(2, 3)
    message = failure(checks.check_builds_on, pad, [((x, 1), F.pad(x, (1,) * 4)), ((x, 0), x)], "conv2d")
    assert "conv2d builds on your pad, which is wrong here" in message and "pad(<tensor (2, 3)>, 0)" in message
    checks.check_builds_on(lambda x, p: F.pad(x, (p,) * 4), [((x, 0), x)], "conv2d")
    assert "which conv2d builds on: all 1 cases match" in capsys.readouterr().out


def test_check_builds_on_names_a_known_mistake_of_a_part_of_several():
    def backward(x):   # two results, the second of them wrong: its sign flipped
        return x * 2, -x
    x = torch.randn(3)
    cases = [((x,), (x * 2, x), (None, {"the sign flipped": -x}))]
    message = failure(checks.check_builds_on, backward, cases, "strided", parts=("grad_a", "grad_b"))
    assert "strided builds on your backward, which is wrong here: grad_b of backward(<tensor (3,)>)" in message
    assert "exactly what this mistake gives: the sign flipped" in message
    message = failure(checks.check_builds_on, lambda x: x, cases, "strided", parts=("grad_a", "grad_b"))
    assert "a tuple of 2 is expected: (grad_a, grad_b)" in message
    message = failure(checks.check_builds_on, lambda x: (x * 2, x.float()), [((x.double(),), (x.double() * 2, x.double()))],
                      "strided", same_dtype=True)
    assert "item 1 of" in message and "float32" in message


def test_im2col_mistakes_are_the_windows_at_stride_1():
    x = torch.randn(2, 3, 7, 6)
    right = F.unfold(x, 3, padding=1, stride=2)
    mistakes = checks.im2col_mistakes(x, 3, 2, 1)
    first, every = [wrong for words, wrong in mistakes.items() if "stride" in words]
    assert first.shape == right.shape and not torch.allclose(first, right)
    assert torch.equal(first[:, :, 0], right[:, :, 0])   # window (0, 0) is where it should be
    assert torch.equal(every, F.unfold(x, 3, padding=1))
    assert all(torch.equal(wrong, F.unfold(x, 3, padding=1)) for words, wrong in checks.im2col_mistakes(x, 3, 1, 1).items()
               if "stride" in words)


def test_a_crop_cut_short_is_explained_for_crops_by_hand():
    def crop(x, top):
        return torch.stack([x[0, :, t:t + 3] for t in top])
    message = failure(checks.check_by_hand, crop, torch.zeros(1, 4, 4), [0, 2], pattern=checks.CROP, name="crop")
    assert "all four sides" in message and "do not add padding" in message
    message = failure(checks.check_by_hand, crop, torch.zeros(1, 4, 4), [0, 2], name="crop")
    assert "all four sides" not in message


def test_a_convolution_built_with_the_blocks_input_channels_is_named():
    block = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.Conv2d(3, 8, 3, padding=1))
    message = failure(checks.check_model_output, block, torch.zeros(1, 3, 8, 8), (1, 8, 8, 8))
    assert "set in_channels = out_channels" in message
    other = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.Conv2d(5, 8, 3, padding=1))
    assert "set in_channels" not in failure(checks.check_model_output, other, torch.zeros(1, 3, 8, 8), (1, 8, 8, 8))


def test_check_builds_on_compares_a_count_as_a_count():
    def conv_params(c_in, c_out, k):
        return c_in * c_out * k   # the kernel counted once: a known mistake
    message = failure(checks.check_builds_on, conv_params, [((4, 2, 3), 72, {"the kernel counted once.": 24})],
                      "dense_block_params")
    assert "builds on your conv_params, which is wrong here" in message
    assert "is 24, which is not right" in message and "values differ" not in message
    assert "this mistake gives: the kernel counted once." in message


def test_a_missing_square_root_is_named():
    expected = torch.tensor([0.5, 2.0, 3.0])
    assert "a square root missing" in failure(checks.check_close, expected ** 2, expected)
    assert "a square root too many" in failure(checks.check_close, expected.sqrt(), expected)
    assert "square" not in failure(checks.check_close, expected + 1, expected)


def test_a_result_scaled_by_one_factor_is_named_whatever_the_factor():
    expected = torch.randn(3, 4, dtype=torch.float64)
    message = failure(checks.check_close, expected * 1e-6, expected)
    assert "times the same factor, 1e-06" in message and "a / (b * c)" in message
    assert "times the same factor, 0.5" in failure(checks.check_close, expected / 2, expected)
    assert "every sign flipped" in failure(checks.check_close, -expected, expected)
    # an offset, or a constant expected value (as much shifted as scaled), is no factor
    assert "factor" not in failure(checks.check_close, expected + 2.5, expected)
    assert "factor" not in failure(checks.check_close, torch.full((6,), 2.0), torch.ones(6))
    assert "factor" not in failure(checks.check_close, expected + 0.1 * torch.randn(3, 4, dtype=torch.float64),
                                   expected)


def test_an_infinite_result_names_no_learning_rate():
    message = failure(checks.check_close, torch.tensor(float("inf")), torch.tensor(1.0))
    assert "dividing by zero" in message and "learning rate" not in message


def test_check_cases_names_a_known_mistake_of_a_case():
    def size(n, k):
        return n - k   # the + 1 left out
    message = failure(checks.check_cases, size, [((5, 3), 3, {"the + 1 left out.": 2})], "size")
    assert "size(5, 3) is 2" in message and "this mistake gives: the + 1 left out." in message
    # a case without mistakes is compared as before
    assert "size(5, 3) is 2" in failure(checks.check_cases, size, [((5, 3), 3)], "size")


def strided_corr2d(x, k, stride, padding, dilation, *, start=1):
    """A cross-correlation with loops whose windows start at start * (i, j): start=stride is right."""
    xp = F.pad(x, (padding,) * 4)
    kh, kw = k.shape
    rows = (xp.shape[0] - dilation * (kh - 1) - 1) // stride + 1
    cols = (xp.shape[1] - dilation * (kw - 1) - 1) // stride + 1
    out = torch.zeros(rows, cols, dtype=x.dtype)
    for i in range(rows):
        for j in range(cols):
            out[i, j] = sum(xp[start * i + dilation * m, start * j + dilation * n] * k[m, n]
                            for m in range(kh) for n in range(kw))
    return out


def test_conv_mistakes_name_a_window_not_strided_and_only_mistakes_that_differ():
    x, k = torch.randn(7, 6, dtype=torch.float64), torch.randn(3, 3, dtype=torch.float64)
    right = F.conv2d(x[None, None], k[None, None], stride=2, padding=1)[0, 0]
    message = failure(checks.check_close, strided_corr2d(x, k, 2, 1, 1), right,
                      mistakes=checks.conv_mistakes(x, k, stride=2, padding=1))
    assert "as if the stride were 1" in message
    checks.check_close(strided_corr2d(x, k, 2, 1, 1, start=2), right)
    # with no stride, no padding and no dilation there is nothing of theirs to get wrong
    mistakes = checks.conv_mistakes(x, k)
    assert not any("stride" in words or "padding" in words or "dilation" in words for words in mistakes)
    # dilation 2: taps d - 1 apart are taps next to each other, one answer named by both descriptions
    merged = [words for words in checks.conv_mistakes(x, k, dilation=2) if "next to each other" in words]
    assert len(merged) == 1 and "Or: the taps d - 1 pixels apart" in merged[0]


def test_conv_mistakes_of_a_layer_name_its_channels_and_bias():
    x, weight, bias = torch.randn(1, 3, 5, 5), torch.randn(2, 3, 3, 3), torch.randn(2)
    right = F.conv2d(x, weight, bias)
    message = failure(checks.check_close, F.conv2d(x[:, -1:], weight[:, -1:], bias), right,
                      mistakes=checks.conv_mistakes(x, weight, bias=bias))
    assert "assigned with = instead of added with +=" in message
    message = failure(checks.check_close, right - bias[:, None, None], right,
                      mistakes=checks.conv_mistakes(x, weight, bias=bias))
    assert "the bias left out" in message


def test_a_convolution_by_hand_whose_window_runs_past_the_edge_is_explained():
    x, k = torch.randn(5, 5), torch.randn(3, 3)

    def too_many(x, k):   # one output row and column too many: the last windows are cut short
        out = torch.zeros(4, 4)
        for i in range(4):
            for j in range(4):
                out[i, j] = (x[i:i + 3, j:j + 3] * k).sum()
        return out
    message = failure(checks.check_by_hand, too_many, x, k)
    assert "more rows or columns than fit" in message and "in too_many" in message
    assert "more rows or columns" not in failure(checks.check_by_hand, too_many, x, k, pattern=checks.POOLING)


def test_conv_backward_mistakes_name_each_gradient_assigned_instead_of_added():
    x, weight = torch.randn(2, 2, 5, 5, dtype=torch.float64), torch.randn(3, 2, 2, 2, dtype=torch.float64)
    grad_out = torch.randn(2, 3, 4, 4, dtype=torch.float64)
    grad_x, grad_weight, grad_bias = checks.conv_backward_mistakes(x, weight, grad_out)
    right = F.conv_transpose2d(grad_out, weight)
    written_over = torch.zeros_like(x)
    for i in range(4):
        for j in range(4):
            written_over[:, :, i:i + 2, j:j + 2] = torch.einsum("bo,ocmn->bcmn", grad_out[:, :, i, j], weight)
    message = failure(checks.check_close, written_over, right, mistakes=grad_x)
    assert "grad_x's windows assigned with = instead of added with +=" in message
    assert any("grad_weight assigned with =" in words for words in grad_weight)
    assert any("grad_bias as the mean" in words for words in grad_bias)
    # a 1x1 kernel's windows do not overlap: = and += give the same grad_x, which is then not listed
    grad_x, _, _ = checks.conv_backward_mistakes(x, weight[:, :, :1, :1], torch.randn(2, 3, 5, 5, dtype=torch.float64))
    assert not any("grad_x's windows assigned" in words for words in grad_x)


def test_conv_mistakes_name_channel_0_alone_and_the_first_example_alone():
    x, weight, bias = torch.randn(2, 3, 6, 6), torch.randn(2, 3, 3, 3), torch.randn(2)
    mistakes = checks.conv_mistakes(x, weight, padding=1, bias=bias)
    channel_0 = F.conv2d(x[:, :1], weight[:, :1], bias, padding=1)
    first_only = F.conv2d(x, weight, bias, padding=1)
    first_only[1:] = 0
    with pytest.raises(checks.CheckFailed, match="only input channel 0 counted"):
        checks.check_close(channel_0, F.conv2d(x, weight, bias, padding=1), mistakes=mistakes)
    with pytest.raises(checks.CheckFailed, match="only the first example of the batch"):
        checks.check_close(first_only, F.conv2d(x, weight, bias, padding=1), mistakes=mistakes)


def _corr2d_general(x, k, stride=1, padding=0, dilation=1):
    return F.conv2d(x[None, None], k[None, None], padding=padding, stride=stride, dilation=dilation)[0, 0]


def _conv2d_through(namespace, order):
    """A conv2d that calls namespace's corr2d_general, passing its settings as `order` says."""
    def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
        settings = order(stride, padding, dilation)
        return torch.stack([torch.stack([sum(namespace["corr2d_general"](x[b, c], weight[o, c], *settings)
                                             for c in range(x.shape[1])) for o in range(weight.shape[0])])
                            for b in range(x.shape[0])])
    return conv2d


@pytest.mark.parametrize("order, words", [
    (lambda s, p, d: (p, s, d), "in another order"),
    (lambda s, p, d: (s, p), "did not pass dilation on"),
])
def test_settings_passed_in_another_order_or_left_out_are_named(order, words):
    namespace = {"corr2d_general": _corr2d_general}
    x, weight = torch.randn(1, 2, 9, 9), torch.randn(2, 2, 3, 3)
    settings = {"stride": 3, "padding": 1, "dilation": 2}
    with pytest.raises(checks.CheckFailed, match=words):
        checks.check_settings_passed_on(_conv2d_through(namespace, order), (x, weight), settings,
                                        "corr2d_general", namespace, F.conv2d(x, weight, **settings))
    assert namespace["corr2d_general"] is _corr2d_general   # put back


def test_a_right_answer_that_passes_other_settings_is_not_told(capsys):
    namespace = {"corr2d_general": _corr2d_general}
    x, weight = torch.randn(1, 2, 9, 9), torch.randn(2, 2, 3, 3)
    settings = {"stride": 3, "padding": 1, "dilation": 2}

    def pads_itself(x, weight, bias=None, stride=1, padding=0, dilation=1):
        xp = F.pad(x, (padding,) * 4)
        return _conv2d_through(namespace, lambda s, p, d: (s, 0, d))(xp, weight, bias, stride, padding, dilation)

    checks.check_settings_passed_on(pads_itself, (x, weight), settings, "corr2d_general", namespace,
                                    F.conv2d(x, weight, **settings))
    assert capsys.readouterr().out == ""


def test_pool_mistakes_name_swapped_strides_and_a_default_stride_of_1():
    x = torch.randn(1, 2, 7, 6)
    swapped = F.max_pool2d(x, (3, 2), stride=(2, 1), padding=1)
    with pytest.raises(checks.CheckFailed, match="the row and column strides swapped"):
        checks.check_close(swapped, F.max_pool2d(x, (3, 2), stride=(1, 2), padding=1),
                           mistakes=checks.pool_mistakes(x, (3, 2), (1, 2), 1))
    with pytest.raises(checks.CheckFailed, match="a stride of 1 where stride is None"):
        checks.check_close(F.avg_pool2d(x, 2, stride=1), F.avg_pool2d(x, 2), mistakes=checks.pool_mistakes(x, 2, mode="avg"))


def test_a_max_over_an_empty_window_is_explained():
    def pool(x):
        return x[:, :, 10:12, 0:2].amax(dim=(2, 3))
    with pytest.raises(checks.CheckFailed, match="a slice came out empty"):
        checks.call(pool, torch.randn(1, 1, 4, 4))


def test_output_shape_mistakes_are_named_only_where_they_alone_give_the_shape():
    mistakes = checks.output_shape_mistakes((2, 3, 9, 12), 5, 7, stride=2, padding=3)
    assert (2, 5, 3, 5) in mistakes.values()          # the padding counted once
    assert (2, 5, 5, 7) in mistakes.values()          # rounded up
    message = failure(checks.check_exact, (2, 5, 4, 6), (2, 5, 5, 6), mistakes=mistakes)
    assert "the + 1 added before dividing by the stride" in message
    # with stride 1 a ceiling, the + 1 before the stride and the stride left out give the right shape; the
    # padding counted once and the + 1 left out give the same wrong one: neither is named
    mistakes = checks.output_shape_mistakes((1, 3, 8, 32, 32), 8, 3, padding=1)
    assert not any(words.startswith(("the division rounded up", "the + 1 added", "the stride left out",
                                     "the padding counted once", "the + 1 left out")) for words in mistakes)
    assert (1, 3, 8, 32, 32) in mistakes.values()     # the input's channels kept


def test_a_shape_unpacked_into_too_many_names_and_a_float_layer_size_are_explained():
    def unpack(shape):
        n, c, h, w = shape
        return h * w

    message = failure(checks.call, unpack, (4, 2, 100))
    assert "unpack the rest into a list with a star: n, c, *spatial = shape" in message
    message = failure(checks.call, lambda: nn.Linear(32 * (8 / 2) ** 2, 10))
    assert "a layer built with a float size" in message and "Use floor division" in message


def test_check_by_hand_and_call_say_what_an_exercises_own_errors_mean():
    def strided(grad_out):
        full = torch.zeros(1, 1, 4, 4)
        full[:, :, ::2, ::2] = grad_out    # grad_out is 3 x 3: too large for every 2nd position of 4 x 4
        return full

    message = failure(checks.check_by_hand, strided, torch.ones(1, 1, 3, 3), pattern=checks.AUTOGRAD,
                      meanings=[checks.STRIDE_1_GRADIENT_SIZE])
    assert "the zeros that grad_out is written into are the wrong size" in message
    message = failure(checks.call, lambda x: F.avg_pool2d(x, x.shape[2]), torch.zeros(1, 1, 5, 4),
                      meanings=[checks.POOL_WINDOW_TOO_LARGE])
    assert "a pooling window larger than the map on one side" in message


def test_a_small_value_that_counts_is_printed_with_its_digits():
    # A learning rate of 5e-05 beside 1e-3 is not shown as 0; rounding noise still is.
    with pytest.raises(CheckFailed) as info:
        checks.check_close(torch.tensor([1e-3, 1e-3]), torch.tensor([5e-05, 1e-3]), name="the learning rates")
    assert "5.e-05" in str(info.value)
    assert checks._format_array(torch.tensor([1.0, 1e-9, -2.5])).strip() == "[ 1. ,  0. , -2.5]"


def test_a_long_list_in_a_message_is_cut_to_its_first_items_and_its_length():
    names = [f"layer{i}.weight" for i in range(62)]
    with pytest.raises(CheckFailed) as info:
        checks.check_exact(names, ["fc.weight", "fc.bias"], name="the trainable parameters")
    message = str(info.value)
    assert "(62 items in all)" in message and "layer61.weight" not in message
    assert len(message.splitlines()[0]) < 400


def test_uninitialised_as_nan_fills_torch_empty_with_nan_and_switches_back():
    before = torch.are_deterministic_algorithms_enabled()
    with checks.uninitialised_as_nan():
        assert torch.isnan(torch.empty(3)).all() and torch.isnan(torch.empty_like(torch.ones(2))).all()
    assert torch.are_deterministic_algorithms_enabled() == before


def test_check_builds_on_copies_the_inputs_and_names_one_changed_where_asked(capsys):
    def pad_and_zero(x, p):   # a right answer that then empties its input
        out = F.pad(x, (p,) * 4)
        x.mul_(0)
        return out
    x = torch.randn(3, 4)
    cases = [((x, p), F.pad(x, (p,) * 4)) for p in (0, 1)]
    checks.check_builds_on(pad_and_zero, cases, "conv2d")   # copies: the second case still gets x
    assert not (x == 0).all()
    with pytest.raises(CheckFailed, match="changed its input"):
        checks.check_builds_on(pad_and_zero, cases, "conv2d", keeps_inputs=True)


def test_a_convolution_by_hand_names_the_slip_its_variables_show():
    x, k = torch.randn(4, 6), torch.randn(2, 3)

    def swapped(x, k):   # kw, kh = k.shape: each window 3 x 2 against a 2 x 3 kernel
        kw, kh = k.shape
        out = torch.zeros(x.shape[0] - kh + 1, x.shape[1] - kw + 1)
        for i in range(out.shape[0]):
            for j in range(out.shape[1]):
                out[i, j] = (x[i:i + kh, j:j + kw] * k).sum()
        return out
    message = failure(checks.check_by_hand, swapped, x, k)
    assert "the kernel's rows and columns swapped" in message and "padding" not in message

    def width_with_kh(x, k, stride=1, padding=0, dilation=1):
        kh, kw = k.shape
        out = torch.zeros(x.shape[0] - kh + 1, x.shape[1] - kh + 1)
        for i in range(out.shape[0]):
            for j in range(out.shape[1]):
                out[i, j] = (x[i:i + kh, j:j + kw] * k).sum()
        return out
    assert "the output's width computed with kh" in failure(checks.check_by_hand, width_with_kh, x, k)

    def size(n, kernel_size, stride=1, padding=0, dilation=1):
        return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1

    def stride_0(x, k, stride=1, padding=0, dilation=1):
        return torch.zeros(size(x.shape[0], k.shape[0], padding, stride, dilation), 1)
    assert "was called with stride 0" in failure(checks.check_by_hand, stride_0, x, k)


def test_conv_mistakes_name_a_bias_added_over_the_width_where_it_fits_it():
    x, weight, bias = torch.randn(1, 2, 5, 4), torch.randn(3, 2, 3, 2), torch.randn(3)   # W_out = C_out = 3
    right = F.conv2d(x, weight, bias)
    with pytest.raises(CheckFailed, match=r"bias\[:, None, None\]"):
        checks.check_close(right - bias[:, None, None] + bias, right, mistakes=checks.conv_mistakes(x, weight, bias=bias))


def test_a_convolution_by_hand_names_the_slip_its_window_shows():
    x, k = torch.randn(4, 6), torch.randn(2, 3)

    def slice_swapped(x, k):   # kh and kw swapped in the slice itself: each window 3 x 2, the kernel 2 x 3
        kh, kw = k.shape
        out = torch.zeros(x.shape[0] - kh + 1, x.shape[1] - kw + 1)
        for i in range(out.shape[0]):
            for j in range(out.shape[1]):
                out[i, j] = (x[i:i + kw, j:j + kh] * k).sum()
        return out
    message = failure(checks.check_by_hand, slice_swapped, x, k)
    assert "kh and kw swapped in the slice" in message and "x[i:i + kh, j:j + kw]" in message

    def general(window_of):   # a corr2d_general whose window, named win, is window_of(xp, i, j, s, d, kh, kw)
        def corr2d_general(x, k, stride=1, padding=0, dilation=1):
            kh, kw = k.shape
            xp = F.pad(x, (padding,) * 4)
            out = torch.zeros((xp.shape[0] - dilation * (kh - 1) - 1) // stride + 1,
                              (xp.shape[1] - dilation * (kw - 1) - 1) // stride + 1)
            for i in range(out.shape[0]):
                for j in range(out.shape[1]):
                    win = window_of(x, xp, i, j, stride, dilation, kh, kw)
                    out[i, j] = (win * k).sum()
            return out
        return corr2d_general

    x, k = torch.randn(7, 6), torch.randn(3, 3)
    from_x = general(lambda x, xp, i, j, s, d, kh, kw: x[s * i:s * i + d * (kh - 1) + 1:d, s * j:s * j + d * (kw - 1) + 1:d])
    assert "the window taken from x" in failure(checks.check_by_hand, from_x, x, k, 1, 1, 1)
    step_s = general(lambda x, xp, i, j, s, d, kh, kw: xp[s * i:s * i + d * (kh - 1) + 1:s, s * j:s * j + d * (kw - 1) + 1:s])
    assert "the slice's step is the stride s" in failure(checks.check_by_hand, step_s, x, k, 1, 1, 2)
    apart = general(lambda x, xp, i, j, s, d, kh, kw: xp[s * i:s * i + (d + 1) * (kh - 1) + 1:d + 1,
                                                         s * j:s * j + (d + 1) * (kw - 1) + 1:d + 1])
    assert "the taps d + 1 pixels apart" in failure(checks.check_by_hand, apart, x, k, 1, 1, 1)


def test_check_builds_on_says_when_the_part_is_never_called(capsys):
    checks.check_builds_on(lambda n: n, [], "corr2d_general")
    out = capsys.readouterr().out
    assert "corr2d_general does not call your <lambda> here" in out and "0 cases" not in out


def test_a_method_not_written_yet_is_named_with_its_class():
    class Bottleneck:
        def __init__(self):
            raise NotImplementedError()
    with pytest.raises(CheckFailed, match=r"^Bottleneck\.__init__ is not written yet"):
        checks.call(Bottleneck, name="Bottleneck(64, 16)")


def test_a_list_of_tensors_is_told_to_join_them():
    with pytest.raises(CheckFailed, match=r"list of 2 tensors.*torch\.stack\(items\).*torch\.cat\(items\)"):
        checks.check_close([torch.ones(2), torch.ones(2)], torch.ones(2, 2), name="predictions")


def test_a_size_slip_on_one_side_is_named_and_every_slip_that_fits_is_named():
    """conv2d's size with the dilation left out of the height's call only is named as such; where the sizes
    cannot tell slips apart (a 2x3 kernel, kw = kh + 1), each that fits is named, not the first alone."""
    x, weight = torch.zeros(2, 3, 12, 11), torch.zeros(4, 3, 2, 3)
    settings = dict(x=x, weight=weight, stride=1, padding=1, dilation=2)     # right: 12 x 9
    one_side = checks._size_slip({**settings, "out": torch.zeros(2, 4, 13, 9)}, True)
    assert "the dilation left out of the output's height" in one_side and "kw" not in one_side.split(":")[1]
    ambiguous = checks._size_slip({**settings, "out": torch.zeros(2, 4, 12, 11)}, True)
    assert "computed with kh" in ambiguous and "; or the dilation left out of the output's width" in ambiguous
