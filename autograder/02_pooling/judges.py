"""Judges for the hidden tests of notebook 02 (pooling and the conv-layer toolbox).

Trusted code: it runs in the grading process, never in the student's kernel.
A hidden test in the notebook runs the student's functions on the inputs of
``references.pt`` and records what comes back; the judge of the same name
receives that list of records and the reference entry (the list of cases,
expected outputs included) and raises ``helpers.checks.CheckFailed``, through
the checks, when something is wrong. The first line of that message is what
the student sees, and it names no expected value.
"""

import torch

from helpers import checks
from helpers.grading import check_count, check_each_close

# Which graded test cell (nbgrader grade_id) each hidden test lives in.
CELLS = {
    "pooling": "test_pool2d",
    "relative_change": "test_relative_change",
    "global_avg_pool": "test_global_avg_pool",
    "receptive_field": "test_receptive_field",
    "stack_weights": "test_stack_weights",
    "backward": "test_conv2d_backward",
    "im2col": "test_im2col",
    "conv2d_im2col": "test_conv2d_im2col",
    "shapes": "test_conv_output_shape",
    "architecture": "test_make_cnn",
}

# The fields of each case that the student's kernel never receives.
SECRET = {
    "pooling": ("y",),
    "relative_change": ("change",),
    "global_avg_pool": ("y",),
    "receptive_field": ("receptive_field",),
    "stack_weights": ("weights",),
    "backward": ("grad_x", "grad_weight", "grad_bias"),
    "im2col": ("cols",),
    "conv2d_im2col": ("y",),
    "shapes": ("output_shape",),
    "architecture": ("parameters",),
}


# Exercises done "by hand": test key -> (the answer cell's grade_id, the helpers.checks
# pattern of library functions it must not call). The kernel's check_by_hand enforces
# this while the code runs; the grader reads the answer cell too, since a student's
# code could disarm the kernel's guard.
BY_HAND = {
    "pooling": ("pool2d", "POOLING"),
    "backward": ("conv2d_backward", "CONVOLUTION_OR_AUTOGRAD"),
    "im2col": ("im2col", "UNFOLD"),
    "conv2d_im2col": ("conv2d_im2col", "CONVOLUTION"),
}


def pooling(records, cases):
    check_each_close(records, cases, "y", "pool2d")


def relative_change(records, cases):
    check_count(records, cases)
    for change, case in zip(records, cases):
        checks.check_close(change, case["change"], name="relative_change")


def global_avg_pool(records, cases):
    check_count(records, cases)
    for y_hat, case in zip(records, cases):
        checks.check_close(y_hat, case["y"], name="global_avg_pool")


def receptive_field(records, cases):
    check_count(records, cases)
    for field, case in zip(records, cases):
        checks.check_equal(field, case["receptive_field"], name="receptive_field")


def stack_weights(records, cases):
    check_count(records, cases)
    for weights, case in zip(records, cases):
        checks.check_equal(weights, case["weights"], name="stack_weights")


def backward(records, cases):
    """Each record: what conv2d_backward returned, (grad_x, grad_weight, grad_bias)."""
    check_count(records, cases)
    for i, (grads, case) in enumerate(zip(records, cases)):
        checks.check_that(isinstance(grads, (tuple, list)), "conv2d_backward returns a tuple",
                          detail=f"It returned {type(grads).__name__}.")
        checks.check_equal(len(grads), 3, name="number of gradients returned")
        for label, mine in zip(["grad_x", "grad_weight", "grad_bias"], grads):
            checks.check_close(mine, case[label], name=f"{label}, hidden case {i}")


def im2col(records, cases):
    check_each_close(records, cases, "cols", "im2col")


def conv2d_im2col(records, cases):
    check_each_close(records, cases, "y", "conv2d_im2col")


def shapes(records, cases):
    check_count(records, cases)
    for shape, case in zip(records, cases):
        checks.check_equal(shape, case["output_shape"], name="conv_output_shape")


def architecture(records, cases):
    """Each record: (the model's parameter count, its output on two blank images)."""
    check_count(records, cases)
    for (parameters, y), case in zip(records, cases):
        checks.check_equal(parameters, case["parameters"], name="parameter count")
        checks.check_that(isinstance(y, torch.Tensor), "the model returns a tensor",
                          detail=f"It returned {type(y).__name__}.")
        checks.check_equal(tuple(y.shape), (2, case["num_classes"]), name="output shape")
