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
    """Each record: ([(name, shape)] of named_parameters(), [smallest value entering fc2, fc3]).

    The parameters are judged by name: the exercise names the layers, not the order
    in which __init__ creates them.
    """
    check_count(records, cases)
    for (pairs, minima), case in zip(records, cases):
        check_named_shapes(pairs, case["expected"]["shapes"], "LeNet5")
        # ReLU between the layers: no negative value may reach fc2 or fc3
        checks.check_that(len(minima) == 2 and min(minima) >= 0, "fc2 and fc3 receive ReLU outputs")


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
