"""Judges for the hidden tests of notebook 05 (ResNet): only the special cases.

Trusted code: it runs in the grading process, never in the student's kernel (see
autograder/judging.py). Each parameter count equals the count of torchvision's module,
as an int or as a float with no fractional part (``checks.whole``). The judges below name what differs:
a step of batch norm, a mode of the block, a layer's gradient, a torchvision module
found inside the student's network. Float outputs are compared with tolerances that
allow another order of summation (a different number of threads, PyTorch's fused
kernels against the student's elementwise arithmetic), far below what any of the
wrong answers in wrong_answers.py changes. A judge fails through ``helpers.checks``;
the first line of its message is what the student sees, and it names no expected value.
"""

import torch

from autograder.judging import check_count, check_each_case
from helpers import checks

# Exercises done "by hand": test cell -> (the answer cell's grade_id, the helpers.checks
# pattern of library functions it must not call). The kernel's check_by_hand enforces
# batch norm's while the code runs; the grader reads the answer cells too, since a
# student's code could disarm the kernel's guard (and a torchvision block, constructed,
# calls nothing that a name pattern can tell apart from the student's own layers).
BY_HAND = {
    "test_batch_norm": ("batch_norm", "BATCH_NORM"),
    "test_basic_block": ("basic_block", "RESNET_BLOCKS"),
    "test_resnet18": ("resnet18", "RESNET_BLOCKS"),
    "test_bottleneck": ("bottleneck", "RESNET_BLOCKS"),
    "test_resnet50": ("bottleneck", "RESNET_BLOCKS"),
}


def _sequence(record, length, name):
    checks.check_that(isinstance(record, (tuple, list)) and len(record) == length, f"{name}'s record is complete")


def _own_modules(kinds, name):
    checks.check_that(kinds == [], f"{name} is built from your own modules, not torchvision's",
                      detail=f"It contains {kinds}." if kinds else "")


def test_batch_norm(records, cases):
    """Each record: (training outputs, running mean, running var, evaluation output, running mean after it,
    whether the running statistics ended up in the autograd graph, the gradients of one training step that
    reach the input, weight and bias: None where the output has no graph; the same of one step in evaluation
    mode, where the output keeps its graph too). The outputs must have the input's dtype (float32)."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        _sequence(record, 8, "BatchNorm")
        outputs, running_mean, running_var, y_eval, mean_after, in_graph, gradients, eval_gradients = record
        checks.check_that(in_graph is False, f"the running statistics are updated without gradients, hidden case {i}",
                          detail="update them inside `with torch.no_grad():`.")
        want = case["expected"]["y"]
        checks.check_equal(len(outputs), len(want[0]), name=f"the number of training outputs, hidden case {i}")
        for step, (y, w) in enumerate(zip(outputs, want[0])):
            checks.check_close(y, w, rtol=1e-4, atol=1e-4, same_dtype=True,
                               name=f"the output in training, step {step + 1}, hidden case {i}")
        checks.check_close(running_mean, want[1], rtol=1e-4, atol=1e-5, name=f"running_mean after training, hidden case {i}")
        checks.check_close(running_var, want[2], rtol=1e-4, atol=1e-5, name=f"running_var after training, hidden case {i}")
        checks.check_close(y_eval, want[3], rtol=1e-4, atol=1e-4, same_dtype=True,
                           name=f"the output in evaluation mode, hidden case {i}")
        checks.check_close(mean_after, want[4], rtol=1e-4, atol=1e-5,
                           name=f"running_mean after evaluation mode (unchanged), hidden case {i}")
        checks.check_that(gradients is not None, f"the output keeps its graph in training, hidden case {i}",
                          detail="only the running statistics' update goes inside `with torch.no_grad():`.")
        _sequence(gradients, 3, "BatchNorm's gradients")
        for what, g, w in zip(("the input", "weight", "bias"), gradients, case["expected"]["gradients"]):
            checks.check_that(g is not None, f"a gradient reaches {what}, hidden case {i}")
            checks.check_close(g, w, rtol=1e-4, atol=1e-4, name=f"the gradient that reaches {what}, hidden case {i}")
        checks.check_that(eval_gradients is not None, f"the output keeps its graph in evaluation mode, hidden case {i}",
                          detail="evaluation mode changes which statistics normalise, not whether gradients flow.")
        _sequence(eval_gradients, 3, "BatchNorm's gradients in evaluation mode")
        for what, g, w in zip(("the input", "weight", "bias"), eval_gradients, case["expected"]["eval_gradients"]):
            checks.check_that(g is not None, f"a gradient reaches {what} in evaluation mode, hidden case {i}")
            checks.check_close(g, w, rtol=1e-4, atol=1e-4,
                               name=f"the gradient that reaches {what} in evaluation mode, hidden case {i}")


def test_basic_block(records, cases, name="BasicBlock"):
    """Each record: (torchvision classes inside the block, [output in training mode, in evaluation mode]);
    the outputs in the input's dtype (float32)."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        _sequence(record, 2, name)
        kinds, outputs = record
        _own_modules(kinds, f"{name}, hidden case {i}")
        want = case["expected"]["y"][1]
        for mode, y, w in zip(("training", "evaluation"), outputs, want):
            checks.check_close(y, w, rtol=1e-4, atol=1e-4, same_dtype=True,
                               name=f"the output in {mode} mode, hidden case {i}")


def test_weight_gradient_norms(records, cases):
    """Each record: (layer names, norms, the norms of a second call, whether the model is still training)."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        _sequence(record, 4, "weight_gradient_norms")
        names, first, second, training = record
        want_names, want_norms, _, want_training = case["expected"]["norms"]
        checks.check_equal(list(names), want_names, name=f"the layers (by name), hidden case {i}")
        checks.check_that(all(isinstance(v, (list, tuple)) and all(isinstance(n, float) for n in v)
                              for v in (first, second)), f"the norms are floats, hidden case {i}",
                          detail="Give each norm as a Python float: tensor.norm().item().")
        want_norms = torch.tensor(want_norms, dtype=torch.float64)
        checks.check_close(torch.tensor(first, dtype=torch.float64), want_norms, rtol=1e-3, atol=1e-7,
                           name=f"the gradient norms, hidden case {i}")
        checks.check_close(torch.tensor(second, dtype=torch.float64), want_norms, rtol=1e-3, atol=1e-7,
                           name=f"the gradient norms of a second call (gradients zeroed first), hidden case {i}")
        checks.check_that(training is want_training, f"the model is left in its mode, hidden case {i}")


def test_resnet18(records, cases, name="ResNet18", stage="make_stage"):
    """Each record: (torchvision classes inside the network, its parameter count, its output in evaluation mode,
    the shape that one stage of ``stage``, called as a layer, puts out, the number of blocks in that stage, the
    output in training mode (None for a batch of one image))."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        _sequence(record, 6, name)
        kinds, parameters, y, stage_shape, blocks, y_train = record
        _own_modules(kinds, f"{name}, hidden case {i}")
        _, want_parameters, want, want_stage_shape, want_blocks, want_train = case["expected"]["y"]
        checks.check_equal(stage_shape, want_stage_shape,
                           name=f"the shape of what a stage of {stage}, called as one layer, puts out, hidden case {i}")
        checks.check_equal(blocks, want_blocks,
                           name=f"the number of blocks in a stage of {stage} (num_blocks of them), hidden case {i}")
        if want_train is not None:
            scale = float(want_train.abs().max())
            checks.check_close(y_train, want_train, rtol=1e-3, atol=1e-3 * scale, same_dtype=True,
                               name=f"the output in training mode (something that acts only in training, such as "
                                    f"dropout, is not part of the network), hidden case {i}")
        checks.check_equal(parameters, want_parameters, name=f"the number of parameters, hidden case {i}")
        scale = float(want.abs().max())
        checks.check_close(y, want, rtol=1e-4, atol=1e-4 * scale, same_dtype=True, name=f"the output, hidden case {i}")


def test_bottleneck(records, cases):
    """As test_basic_block, for the follow-up's Bottleneck."""
    test_basic_block(records, cases, name="Bottleneck")


def test_resnet50(records, cases):
    """As test_resnet18, for the follow-up's ResNet50."""
    test_resnet18(records, cases, name="ResNet50", stage="make_bottleneck_stage")


def _counts(records, cases, name):
    """A parameter count (or a tuple of counts) equals the reference's, as an int or as a float with no
    fractional part: a count computed with ``/`` is right in substance."""
    check_each_case([checks.whole(record) for record in records], cases, name)


def test_conv_params(records, cases):
    _counts(records, cases, "conv_params")


def test_inverted_residual_params(records, cases):
    _counts(records, cases, "inverted_residual_params")


def test_dense_block_params(records, cases):
    _counts(records, cases, "dense_block_params")


def test_convnext_block_params(records, cases):
    _counts(records, cases, "convnext_block_params")
