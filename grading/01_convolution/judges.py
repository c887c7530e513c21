"""Judges for the hidden tests of notebook 01 (convolution by hand): only the special cases.

Trusted code: it runs in the grading process, never in the student's kernel (see
autograder/judging.py). Every test cell not named here gets the default judge:
each record matches its case's expected output. A judge fails through ``helpers.checks``;
the first line of its message is what the student sees, and it names no
expected value.
"""

import torch
import torch.nn.functional as F

from autograder.judging import check_count
from helpers import checks

# Exercises done "by hand": test cell -> (the answer cell's grade_id, the helpers.checks
# pattern of library functions it must not call). The kernel's check_by_hand enforces
# this while the code runs; the grader reads the answer cell too, since a student's
# code could disarm the kernel's guard.
BY_HAND = {
    "test_corr2d": ("corr2d", "CONVOLUTION_OR_UNFOLD"),   # the windows cut by hand too, not by unfold
    "test_pad2d": ("pad2d", "PADDING"),
    "test_corr2d_general": ("corr2d_general", "CONVOLUTION"),
    "test_conv2d": ("conv2d", "CONVOLUTION"),
}


def _same_dtype_judge(name):
    """The default judge's comparison, but an answer of another dtype than the input's fails: the statements
    ask for the output made with dtype=x.dtype (a float32 output rounds every value, within the tolerance; a
    float64 one for float32 inputs is made in a fixed dtype), to float64's precision for float64 inputs (a
    float64 answer computed in float32 on the way is rounded too), and to float32's for float32 ones."""
    def judge(records, cases):
        check_count(records, cases)
        for i, (record, case) in enumerate(zip(records, cases)):
            expected = case["expected"]["y"]
            # to float64's precision: a result computed in float32 and cast back to float64 is rounded
            rtol, atol = (1e-10, 1e-12) if expected.dtype == torch.float64 else (1e-4, 1e-5)
            checks.check_close(record, expected, name=f"{name}, hidden case {i}", same_dtype=True,
                               rtol=rtol, atol=atol)
    return judge


test_corr2d = _same_dtype_judge("corr2d")
test_corr2d_general = _same_dtype_judge("corr2d_general")
test_conv2d = _same_dtype_judge("conv2d")


def test_pad2d(records, cases):
    """Each record: (what pad2d returned, x after the call), which must still be the x it was given."""
    check_count(records, cases)
    for i, ((padded, x_after), case) in enumerate(zip(records, cases)):
        y, p = case["expected"]["y"], case["inputs"]["padding"]
        # float64 in, float64 out, every value copied exactly (x.float() on the way rounds them)
        checks.check_close(padded, y, name=f"pad2d, hidden case {i}", same_dtype=True, rtol=0, atol=0)
        # y holds the x it was made from, in its middle
        checks.check_close(x_after, y[p:y.shape[0] - p, p:y.shape[1] - p],
                           name=f"x after pad2d, hidden case {i} (pad2d must leave its input as it is)")


def test_conv_output_size(records, cases):
    check_count(records, cases)
    for (size, kind), case in zip(records, cases):   # the size, and its type's name (a Python int is asked for)
        settings = ", ".join(f"{case['inputs'][k]!r}" for k in ("n", "kernel_size", "stride", "padding", "dilation"))
        checks.check_equal(size, case["expected"]["size"],
                           name=f"conv_output_size({settings}), called as (n, kernel_size, stride, padding, dilation)")
        checks.check_that(kind == "int", "conv_output_size returns a Python int",
                          detail=f"It returns a {kind}: compute with Python's // on ints, or convert with int(...).")


def test_parameters(records, cases):
    """Each record: ((fully connected, locally connected, convolution) counts, their types' names): a Python int
    is asked for (a NumPy integer compares equal, but is not one)."""
    check_count(records, cases)
    for (counts, kinds), case in zip(records, cases):
        checks.check_equal(len(counts), 3, name="number of counts recorded")
        for count, kind, field in zip(counts, kinds, ("fully_connected", "locally_connected", "convolution")):
            checks.check_equal(count, case["expected"][field], name=f"params_{field}")
            checks.check_that(kind == "int", f"params_{field} returns a Python int",
                              detail=f"It returns a {kind}: multiply with Python's * on ints, or convert with int(...).")


def _response(kernel, image):
    """Feature map of a 2-D image under a 3x3 kernel (no padding): (H - 2, W - 2)."""
    return F.conv2d(image[None, None], kernel.to(image.dtype)[None, None])[0, 0]


def test_make_kernels(records, cases):
    """Each record: the dict that make_kernels() returned, judged on the case's images."""
    check_count(records, cases)
    where = " (hidden image)"
    for found, case in zip(records, cases):
        images = case["expected"]   # the hidden images, for the judge's eyes only
        vertical_step, horizontal_step, noise = (images["vertical_step"], images["horizontal_step"],
                                                 images["noise"])
        names = ["blur", "horizontal_edge", "sharpen", "vertical_edge"]
        checks.check_that(isinstance(found, dict), "make_kernels returns a dictionary")
        checks.check_equal(sorted(found), names, name="the dictionary's keys")
        for name in names:
            checks.check_that(isinstance(found[name], torch.Tensor), f"{name} is a tensor")
            checks.check_equal(tuple(found[name].shape), (3, 3), name=f"shape of {name}")
            checks.check_that(found[name].is_floating_point(), f"{name} is a float tensor",
                              detail="The kernels must be floating point (any float dtype).")
        zeros = torch.zeros(vertical_step.shape[0] - 2, vertical_step.shape[1] - 2, dtype=noise.dtype)
        for name, edge, other in [("vertical_edge", vertical_step, horizontal_step),
                                  ("horizontal_edge", horizontal_step, vertical_step)]:
            checks.check_that(_response(found[name], edge).abs().max() > 0.1,
                              f"{name} responds to a {name.split('_')[0]} edge{where}")
            checks.check_close(_response(found[name], other), zeros, atol=1e-5,
                               name=f"{name} on the other direction's edge{where} (all zero)")
        for name in ["blur", "sharpen"]:
            checks.check_close(found[name].sum(), 1.0, name=f"sum of the {name} kernel's weights")
        checks.check_that((found["blur"] >= 0).all(), "every blur weight is at least 0")
        checks.check_that(_response(found["blur"], noise).std() < 0.9 * noise.std(),
                          f"blur smooths noise{where}")
        checks.check_that(_response(found["sharpen"], noise).std() > 1.1 * noise.std(),
                          f"sharpen amplifies fine detail{where}")


def test_learn_kernel(records, cases):
    """Each record: learn_kernel's (kernel, losses) with the case's kernel_size, num_steps and lr; the kernel a
    tensor in x's dtype (float64); the first loss is the starting kernel's, the second the kernel's after one
    step of lr * kernel.grad (a step counted twice converges too), the third after two, the gradient zeroed after
    each (gradients zeroed only every other step converge too, and fall at every step)."""
    check_count(records, cases)
    for (kernel, losses), case in zip(records, cases):
        checks.check_that(isinstance(kernel, torch.Tensor), "the learned kernel is a tensor",
                          detail="Return the tensor, kernel.detach(), not a NumPy array or a list.")
        checks.check_close(kernel, case["expected"]["kernel"], atol=1e-3, rtol=0, name="learned kernel",
                           same_dtype=True)
        checks.check_that(isinstance(losses, list), "the losses come back as a list",
                          detail=f"They are a {type(losses).__name__}.")
        checks.check_equal(len(losses), case["inputs"]["num_steps"], name="number of recorded losses")
        checks.check_that(all(isinstance(loss, float) for loss in losses), "every loss is a Python float",
                          detail="Record each loss with loss.item(): a tensor keeps its autograd graph alive.")
        checks.check_close(losses[0], case["expected"]["first_loss"],
                           name="the first loss, the starting kernel's (measured before its step)")
        checks.check_close(losses[1], case["expected"]["second_loss"], rtol=1e-4,
                           name="the second loss, after one step kernel -= lr * kernel.grad")
        # gradients zeroed only now and then add up, and take another second step
        checks.check_close(losses[2], case["expected"]["third_loss"], rtol=1e-4,
                           name="the third loss, after two steps of lr * kernel.grad, the gradient zeroed after each")
        checks.check_that(losses[-1] < 1e-4 * losses[0], "the loss falls")
