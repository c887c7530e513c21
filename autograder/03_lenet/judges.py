"""Judges for the hidden tests of notebook 03 (LeNet-5 on MNIST): only the special cases.

Trusted code: it runs in the grading process, never in the student's kernel (see
autograder/judging.py). A model never crosses from the kernel: the hidden test
records what it observed of it, such as its parameter shapes. Every test cell not
named here gets the default judge: each record matches its case's expected
output (test_confusion_matrix). A judge fails through ``helpers.checks``; the
first line of its message is what the student sees, and it names no expected
value.
"""

import torch

from autograder.judging import check_count, check_named_shapes
from helpers import checks


def test_lenet5(records, cases):
    """Each record: ([(name, shape)] of named_parameters(), [smallest value entering fc2, fc3],
    whether the model's output is fc3's output unchanged).

    The parameters are judged by name: the exercise names the layers, not the order
    in which __init__ creates them.
    """
    check_count(records, cases)
    for record, case in zip(records, cases):
        checks.check_that(isinstance(record, tuple) and len(record) == 3, "LeNet5's record is complete")
        pairs, minima, returns_scores = record
        check_named_shapes(pairs, case["expected"]["shapes"], "LeNet5")
        # ReLU between the layers: no negative value may reach fc2 or fc3
        checks.check_that(len(minima) == 2 and min(minima) >= 0, "fc2 and fc3 receive ReLU outputs")
        # and none after fc3: the scores are fc3's, which may be negative
        checks.check_that(returns_scores is True, "LeNet5 returns fc3's scores as they are (no ReLU after fc3)")


def test_fixed_net(records, cases):
    """Each record: ([(name, shape)] of named_parameters(), the output on the case's x, (N, 10)).

    Judged by name, in any order, as LeNet5 is.
    """
    check_count(records, cases)
    for (pairs, log_probs), case in zip(records, cases):
        check_named_shapes(pairs, case["expected"]["shapes"], "FixedNet")
        checks.check_close(log_probs.exp().sum(dim=1), torch.ones(len(case["inputs"]["x"])), atol=1e-5,
                           name="log-probabilities")


def test_predict(records, cases):
    """Each record: predict's (y_true, y_pred)."""
    check_count(records, cases)
    for (y_true, y_pred), case in zip(records, cases):
        checks.check_close(y_true, case["inputs"]["y"], name="y_true")
        checks.check_close(y_pred, case["expected"]["y_pred"], name="y_pred")


def test_make_mlp(records, cases):
    """Each record: ([in_features of each nn.Linear], the number of nn.ReLU modules)."""
    check_count(records, cases)
    for (in_features, relus), case in zip(records, cases):
        checks.check_equal(len(in_features), case["expected"]["linear_layers"], name="number of linear layers")
        checks.check_equal(in_features[0], case["expected"]["in_features"], name="input features")
        checks.check_that(relus > 0, "a ReLU between the layers")


def test_train_one_epoch(records, cases):
    """Each record: (the mean loss train_one_epoch returned, the model's state_dict after the epoch).

    Batch normalisation counts its training-mode forward passes (``num_batches_tracked``),
    which tells training mode apart from the rest before any weight is compared.
    """
    check_count(records, cases)
    for record, case in zip(records, cases):
        checks.check_that(isinstance(record, tuple) and len(record) == 2, "train_one_epoch's record is complete")
        mean_loss, state = record
        expected = case["expected"]["state_after"]
        checks.check_that(isinstance(state, dict) and sorted(state) == sorted(expected),
                          "the model after the epoch has its own parameters and buffers")
        counted = [key for key in expected if key.endswith("num_batches_tracked")]
        checks.check_that(all(torch.equal(state[key], expected[key]) for key in counted),
                          "train_one_epoch runs every batch in training mode")
        for key, value in expected.items():
            checks.check_close(state[key], value, name=f"the model's {key} after one epoch")
        checks.check_close(mean_loss, case["expected"]["loss"], name="the mean loss per example over the epoch")


def test_evaluate(records, cases):
    """Each record: (mean loss, accuracy, whether gradients were on in any forward pass)."""
    check_count(records, cases)
    for record, case in zip(records, cases):
        checks.check_that(isinstance(record, tuple) and len(record) == 3, "evaluate's record is complete")
        mean_loss, accuracy, grad_enabled = record
        checks.check_that(grad_enabled is False, "evaluate runs the model under torch.no_grad()")
        checks.check_close(mean_loss, case["expected"]["loss"], name="the mean loss per example")
        checks.check_close(accuracy, case["expected"]["accuracy"], name="the accuracy")
