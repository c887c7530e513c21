"""Judges for the hidden tests of notebook 03 (LeNet-5 on MNIST): only the special cases.

Trusted code: it runs in the grading process, never in the student's kernel (see
autograder/judging.py). A model never crosses from the kernel: the hidden test
records what it observed of it: its parameter shapes, and its output with weights
that the hidden test loads into it. Every test cell not named here gets the default
judge: each record matches its case's expected output. A judge fails through ``helpers.checks``; the
first line of its message is what the student sees, and it names no expected
value.
"""

import torch

from autograder.judging import check_count, check_named_shapes
from helpers import checks


def check_network(records, cases, name, what):
    """Each record: ([(name, shape)] of named_parameters(), the output on the case's x with the case's
    seeded weights loaded, or None where they did not fit).

    The parameters are judged by name (the exercise names the layers, not the order in which
    __init__ creates them); then what the network computes, against torch.nn.functional's own
    operations with the same weights, so that every layer, activation and pooling counts.
    """
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        checks.check_that(isinstance(record, tuple) and len(record) == 2, f"{name}'s record is complete")
        pairs, output = record
        check_named_shapes(pairs, case["inputs"]["parameters"], name)
        checks.check_that(output is not None, f"{name} takes the hidden weights into its layers")
        checks.check_close(output, case["expected"]["output"],
                           name=f"{name}'s {what} with given weights on hidden images (case {i})")


def test_lenet5(records, cases):
    """LeNet5: its scores, computed as conv, ReLU, max pooling twice, then fc1, ReLU, fc2, ReLU, fc3. Each record
    also names the parameters that got no gradient from those scores (a graph cut in forward)."""
    complete = [record[:2] if isinstance(record, tuple) and len(record) == 3 else record for record in records]
    check_network(complete, cases, "LeNet5", "scores")
    for record in records:   # a record of two (no gradients noted) comes from older hidden tests
        checks.check_that(len(record) == 2 or not record[2], "every parameter of LeNet5 gets a gradient from its scores (nothing in "
                                         "forward cuts the graph)")


def test_fixed_net(records, cases):
    """FixedNet: its log-probabilities, computed as the lecture's network intends."""
    check_network(records, cases, "FixedNet", "log-probabilities")


def test_make_mlp(records, cases):
    """Each record: make_mlp's output with the case's weights for one hidden width, or None where its
    parameters do not have that width's shapes (one case per width the exercise allows)."""
    check_count(records, cases)
    checks.check_that(any(record is not None for record in records),
                      "make_mlp's parameters are those of nn.Linear(784, h) and nn.Linear(h, 10), with "
                      "795 h + 10 within 5% of LeNet-5's parameter count")
    for i, (record, case) in enumerate(zip(records, cases)):
        if record is not None:
            checks.check_close(record, case["expected"]["output"],
                               name=f"the MLP's scores with given weights on hidden images (width case {i})")


def test_confusion_matrix(records, cases):
    """Each record: (confusion_matrix's matrix, which holds int64 counts (some hidden cases have classes
    that never occur), whether y_true and y_pred were left as they were given). A record of the matrix
    alone comes from older hidden tests."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        matrix, unchanged = record if isinstance(record, tuple) and len(record) == 2 else (record, True)
        checks.check_that(unchanged is True, "confusion_matrix leaves y_true and y_pred unchanged (nothing in "
                                             "place on them)")
        checks.check_that(isinstance(matrix, torch.Tensor) and matrix.dtype == torch.int64,
                          f"confusion_matrix returns a tensor of int64 counts (hidden case {i})")
        checks.check_close(matrix, case["expected"]["matrix"], rtol=0, atol=0,
                           name=f"the confusion matrix, hidden case {i}")


def test_predict(records, cases):
    """Each record: (predict's (y_true, y_pred) for batches on the CPU, which must be tensors of int64 classes,
    what the hidden test saw: whether the model got every x moved to ``device``, ran with no gradients,
    whether everything predict returned, for those batches and for batches already on the device, is on the
    CPU, and whether gradients were on again afterwards; then (y_true, y_pred) for the same examples in batches
    whose last holds one example). Older hidden tests record neither of the last two."""
    check_count(records, cases)
    for record, case in zip(records, cases):
        checks.check_that(isinstance(record, tuple) and len(record) in (2, 3), "predict's record is complete")
        result, seen, *results = record
        results = [result, *results]
        checks.check_that(seen["x on the device"], "predict moves each batch's x to device (model(x.to(device)))")
        checks.check_that(seen["no gradients"], "predict runs the model under torch.no_grad()")
        checks.check_that(seen["returned on the CPU"], "predict returns y_true and y_pred on the CPU (.cpu())")
        checks.check_that(seen.get("gradients on afterwards", True),
                          "predict leaves gradients on when it returns (with torch.no_grad():)")
        # the same examples in batches of 5, then (in newer hidden tests) in batches whose last holds one example
        for k, result in enumerate(results):
            checks.check_that(not (k and isinstance(result, str)),
                              f"predict runs on batches whose last holds one example (it raised {result}): keep "
                              "each batch's dimension (no .squeeze())")
            checks.check_that(isinstance(result, (tuple, list)) and len(result) == 2,
                              "predict returns a pair (y_true, y_pred)")
            y_true, y_pred = result
            checks.check_close(y_true, case["inputs"]["y"], name="y_true")
            checks.check_close(y_pred, case["expected"]["y_pred"], name="y_pred")
            # classes are whole numbers: check_close compares values only, and 1.0 is close to 1
            for name, value in [("y_true", y_true), ("y_pred", y_pred)]:
                checks.check_that(isinstance(value, torch.Tensor) and value.dtype == torch.int64,
                                  f"predict returns {name} as a tensor of int64 classes")


def test_train_one_epoch(records, cases):
    """Each record: (the mean loss train_one_epoch returned, the model's state_dict after the epoch, whether
    every batch's x reached the model and its y the loss moved to ``device``).

    Batch normalisation counts its training-mode forward passes (``num_batches_tracked``),
    which tells training mode apart from the rest before any weight is compared.
    """
    check_count(records, cases)
    for record, case in zip(records, cases):
        checks.check_that(isinstance(record, tuple) and len(record) in (3, 4), "train_one_epoch's record is complete")
        mean_loss, state, (x_moved, y_moved) = record[:3]
        if len(record) == 4:   # the number of loss_fn calls: one per batch
            batches = -(-len(case["inputs"]["x"]) // case["inputs"]["batch_size"])
            checks.check_that(record[3] == batches, "train_one_epoch computes each batch's loss with loss_fn, the "
                                                    "loss it is given, once per batch")
        checks.check_that(x_moved, "train_one_epoch moves each batch's x to device (x = x.to(device))")
        checks.check_that(y_moved, "train_one_epoch moves each batch's y to device (y = y.to(device))")
        expected = case["expected"]["state_after"]
        checks.check_that(isinstance(state, dict) and sorted(state) == sorted(expected),
                          "the model after the epoch has its own parameters and buffers")
        counted = [key for key in expected if key.endswith("num_batches_tracked")]
        checks.check_that(all(torch.equal(state[key], expected[key]) for key in counted),
                          "train_one_epoch runs every batch in training mode")
        for key, value in expected.items():
            checks.check_close(state[key], value, name=f"the model's {key} after one epoch")
        checks.check_that(isinstance(mean_loss, float),
                          "train_one_epoch returns the mean loss as a Python float (loss.item())")
        checks.check_close(mean_loss, case["expected"]["loss"], name="the mean loss per example over the epoch")


def test_evaluate(records, cases):
    """Each record: (mean loss, accuracy, whether gradients were on in any forward pass, whether every
    batch's x reached the model and its y the loss moved to ``device``, how many times loss_fn was called,
    whether gradients were on again after evaluate returned). A record of the first four comes from older
    hidden tests."""
    check_count(records, cases)
    for record, case in zip(records, cases):
        checks.check_that(isinstance(record, tuple) and len(record) in (4, 6), "evaluate's record is complete")
        mean_loss, accuracy, grad_enabled, (x_moved, y_moved) = record[:4]
        if len(record) == 6:
            batches = -(-len(case["inputs"]["x"]) // case["inputs"]["batch_size"])
            checks.check_that(record[4] == batches, "evaluate computes each batch's loss with loss_fn, the loss it "
                                                    "is given, once per batch")
            checks.check_that(record[5] is True, "evaluate leaves gradients on when it returns (with "
                                                 "torch.no_grad():, not torch.set_grad_enabled(False))")
        checks.check_that(grad_enabled is False, "evaluate runs the model under torch.no_grad()")
        checks.check_that(x_moved, "evaluate moves each batch's x to device (x = x.to(device))")
        checks.check_that(y_moved, "evaluate moves each batch's y to device (y = y.to(device))")
        checks.check_that(isinstance(mean_loss, float) and isinstance(accuracy, float),
                          "evaluate returns two Python floats (loss.item(), and counts divided)")
        checks.check_close(mean_loss, case["expected"]["loss"], name="the mean loss per example")
        checks.check_close(accuracy, case["expected"]["accuracy"], name="the accuracy")
