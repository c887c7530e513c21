"""Judges for the hidden tests of notebook 02 (pooling and the conv-layer toolbox): only the
special cases.

Trusted code: it runs in the grading process, never in the student's kernel (see
autograder/judging.py). Every test cell not named here gets the default judge:
each record matches its case's expected output. The backward passes and the numerical
gradient keep the dtype of their input (float64), as their exercises say. A judge fails through
``helpers.checks``; the first line of its message is what the student sees, and
it names no expected value.
"""

import torch

from autograder.judging import check_count
from helpers import checks

# Exercises done "by hand": test cell -> (the answer cell's grade_id, the helpers.checks
# pattern of library functions it must not call). The kernel's check_by_hand enforces
# this while the code runs; the grader reads the answer cell too, since a student's
# code could disarm the kernel's guard.
BY_HAND = {
    "test_pool2d": ("pool2d", "POOLING"),
    "test_conv2d_backward": ("conv2d_backward", "CONVOLUTION_OR_AUTOGRAD"),
    "test_im2col": ("im2col", "UNFOLD"),
    "test_conv2d_im2col": ("conv2d_im2col", "CONVOLUTION_OR_UNFOLD"),
    "test_numerical_gradient": ("numerical_gradient", "AUTOGRAD"),
    "test_conv2d_backward_strided": ("conv2d_backward_strided", "CONVOLUTION_OR_AUTOGRAD"),
    "test_max_pool2d_backward": ("max_pool2d_backward", "POOLING_OR_AUTOGRAD"),
}


def check_unchanged(after, expected, what, i, only_input=False):
    """An input as the answer left it (``what``: "x after pool2d"), which must be exactly the one it was given."""
    stay = "the input must stay as it is" if only_input else "the inputs must stay as they are"
    checks.check_close(after, expected, rtol=0, atol=0, name=f"{what}, hidden case {i} ({stay})")


def check_output_and_x(records, cases, function, recorded):
    """Each record: (``function``'s output, in the dtype of x, and x after the call, which must be the x it was
    given); ``recorded`` says what the output is, for the message on a record of another form."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        checks.check_that(isinstance(record, tuple) and len(record) == 2, f"the hidden test recorded {recorded} and x")
        y, x_after = record
        checks.check_close(y, case["expected"]["y"], name=f"{function}, hidden case {i}", same_dtype=True)
        check_unchanged(x_after, case["expected"]["x_after"], f"x after {function}", i, only_input=True)


def test_pool2d(records, cases):
    """Each record: (the pooled tensor, in the dtype of x (the cases are float64, as the statement asks for
    x's dtype: a float32 result rounds every value, within the default tolerance); and x after the call, which
    must be the x it was given)."""
    check_output_and_x(records, cases, "pool2d", "the output")


def test_conv2d_backward(records, cases, name="conv2d_backward"):
    """Each record: (what conv2d_backward returned, (grad_x, grad_weight, grad_bias); and its inputs x, weight
    and grad_out after the call, which must be the ones it was given: a grad_x that is x itself, zeroed or
    written into, wipes the input)."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        checks.check_that(isinstance(record, tuple) and len(record) == 2,
                          "the hidden test recorded the gradients and the inputs")
        grads, inputs_after = record
        checks.check_that(isinstance(grads, (tuple, list)), f"{name} returns a tuple",
                          detail=f"It returned {type(grads).__name__}.")
        checks.check_equal(len(grads), 3, name="number of gradients returned")
        for label, mine in zip(["grad_x", "grad_weight", "grad_bias"], grads):
            checks.check_close(mine, case["expected"][label], name=f"{label}, hidden case {i}", same_dtype=True)
        for label, after in zip(["x", "weight", "grad_out"], inputs_after):
            check_unchanged(after, case["expected"][f"{label}_after"], f"{label} after {name}", i)


def test_conv2d_backward_strided(records, cases):
    """Each record: as conv2d_backward's, (the three gradients, the inputs after the call)."""
    test_conv2d_backward(records, cases, name="conv2d_backward_strided")


def test_im2col(records, cases):
    """Each record: the columns, in the dtype of x (the cases are float64; a float32 result rounds every value
    within the default tolerance, and conv2d_im2col, which multiplies them by float64 filters, fails)."""
    check_count(records, cases)
    for i, (cols, case) in enumerate(zip(records, cases)):
        checks.check_close(cols, case["expected"]["cols"], name=f"im2col, hidden case {i}", same_dtype=True)


def test_max_pool2d_backward(records, cases):
    """Each record: (grad_x, in the dtype of x (a gradient checked in float64 is computed in float64), and
    x and grad_out after the call, which must be the ones it was given: a grad_x that is x itself, zeroed, wipes
    the input; grad_out.zero_() wipes the caller's gradient)."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        checks.check_that(isinstance(record, tuple) and len(record) == 3,
                          "the hidden test recorded the gradient, x and grad_out")
        grad_x, x_after, grad_out_after = record
        check_unchanged(grad_out_after, case["expected"]["grad_out_after"], "grad_out after max_pool2d_backward", i,
                        only_input=True)
        checks.check_close(grad_x, case["expected"]["grad_x"], name=f"max_pool2d_backward, hidden case {i}",
                           same_dtype=True)
        check_unchanged(x_after, case["expected"]["x_after"], "x after max_pool2d_backward", i, only_input=True)


def test_global_avg_pool(records, cases):
    """Each record: (the (N, C) means, in the dtype of x (the cases are float64, as the statement asks for x's
    dtype: a float32 result rounds every value, within the default tolerance); and x after the call, which must
    be the x it was given: x.div_(H * W).sum(...) gives the right means and changes the caller's x)."""
    check_output_and_x(records, cases, "global_avg_pool", "the means")


def test_conv2d_im2col(records, cases):
    """Each record: (the output, the number of images conv2d_im2col gave im2col in each call, and x, weight and
    bias after the call). The statement asks for the columns from im2col, chunk images at a time: an answer that
    never calls im2col (F.unfold or F.conv2d in its place) fails; and for the inputs left as they are (an
    in-place bias.unsqueeze_(1) gives the right output once and changes the caller's bias)."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        checks.check_that(isinstance(record, tuple) and len(record) == 3,
                          "the hidden test recorded the output, the groups given to im2col and the inputs")
        y, batches, inputs_after = record
        for label, after in zip(["x", "weight", "bias"], inputs_after):
            want = case["expected"][f"{label}_after"]
            if want is None:
                checks.check_that(after is None, f"bias after conv2d_im2col, hidden case {i}, is still None")
            else:
                check_unchanged(after, want, f"{label} after conv2d_im2col", i)
        checks.check_close(y, case["expected"]["y"], name=f"conv2d_im2col, hidden case {i}", same_dtype=True)
        whole = batches == [case["inputs"]["x"].shape[0]]
        checks.check_that(batches == case["expected"]["batches"],
                          f"conv2d_im2col gives im2col {case['inputs']['chunk']} images at a time, hidden case {i}",
                          detail="It never called im2col." if not batches else
                          "It gave im2col the whole batch in one call." if whole else
                          f"It gave im2col groups of {batches} images.")


def test_relative_change(records, cases):
    """Each record: (the change, a Python float; and a and b after the call, which must be the ones it was given:
    a.sub_(b) changes the caller's a)."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        checks.check_that(isinstance(record, tuple) and len(record) == 3, "the hidden test recorded the change, a and b")
        change, a_after, b_after = record
        checks.check_that(isinstance(change, float), f"relative_change returns a Python float, hidden case {i}",
                          detail=f"It returned a {type(change).__name__}.")
        checks.check_close(change, case["expected"]["change"], name=f"relative_change, hidden case {i}")
        check_unchanged(a_after, case["expected"]["a_after"], "a after relative_change", i)
        check_unchanged(b_after, case["expected"]["b_after"], "b after relative_change", i)


def test_conv_output_shape(records, cases):
    check_count(records, cases)
    for shape, case in zip(records, cases):
        checks.check_equal(shape, case["expected"]["output_shape"], name="conv_output_shape")


def test_make_cnn(records, cases):
    """Each record: (the model's parameter count, its output on two blank images, its layers' types in
    order). The types tell apart what a count and a shape cannot: a ReLU after the last linear layer."""
    check_count(records, cases)
    for (parameters, y, layers), case in zip(records, cases):
        checks.check_equal(parameters, case["expected"]["parameters"], name="parameter count")
        checks.check_that(isinstance(y, torch.Tensor), "the model returns a tensor",
                          detail=f"It returned {type(y).__name__}.")
        checks.check_equal(tuple(y.shape), (2, case["inputs"]["num_classes"]), name="output shape")
        expected = case["expected"]["layers"]
        differ = next((i for i, (mine, want) in enumerate(zip(layers, expected)) if mine != want),
                      min(len(layers), len(expected)))
        checks.check_that(layers == expected, "the layers follow the pattern, in order",
                          detail=(f"Layer {differ} is {layers[differ]}." if differ < len(layers) else
                                  f"It ends after {len(layers)} layers."))


def test_numerical_gradient(records, cases):
    """Each record: (the numerical gradient, x as numerical_gradient left it).

    A central difference with the cases' h = 1e-3 is within a few 1e-6 of autograd's gradient;
    a one-sided difference is off by about 1e-3, and an x not put back drifts by h per entry.
    """
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        checks.check_that(isinstance(record, (tuple, list)) and len(record) == 2,
                          "the hidden test recorded the gradient and x")
        grad, x_after = record
        checks.check_that(isinstance(grad, torch.Tensor), f"the numerical gradient is a tensor, hidden case {i}",
                          detail=f"It is a {type(grad).__module__}.{type(grad).__name__}: make it with "
                                 "torch.zeros_like(x).")
        checks.check_close(grad, case["expected"]["grad"], name=f"numerical gradient, hidden case {i}",
                           rtol=1e-4, atol=1e-5, same_dtype=True)
        checks.check_close(x_after, case["expected"]["x_after"], name=f"x after numerical_gradient, hidden case {i}",
                           rtol=0, atol=1e-12)
