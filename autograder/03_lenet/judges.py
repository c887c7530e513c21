"""Judges for the hidden tests of notebook 03 (LeNet-5 on MNIST).

Trusted code: it runs in the grading process, never in the student's kernel.
A hidden test in the notebook runs the student's code on the inputs of
``references.pt`` and records what comes back (a model never crosses: the
test records what it observed of it, such as its parameter shapes); the judge
of the same name receives that list of records and the reference entry (the
list of cases, expected outputs included) and raises
``helpers.checks.CheckFailed``, through the checks, when something is wrong.
The first line of that message is what the student sees, and it names no
expected value.
"""

import torch

from helpers import checks
from helpers.grading import check_count, check_named_shapes

# Which graded test cell (nbgrader grade_id) each hidden test lives in.
CELLS = {
    "lenet5": "test_lenet5",
    "fixed_net": "test_fixed_net",
    "predict": "test_predict",
    "confusion": "test_confusion_matrix",
    "make_mlp": "test_make_mlp",
}

# The fields of each case that the student's kernel never receives.
SECRET = {
    "lenet5": ("shapes",),
    "fixed_net": ("shapes",),
    "predict": ("y_pred",),
    "confusion": ("matrix",),
    "make_mlp": ("linear_layers", "in_features"),
}



def lenet5(records, cases):
    """Each record: ([(name, shape)] of named_parameters(), [smallest value entering fc2, fc3]).

    The parameters are judged by name: the exercise names the layers, not the order
    in which __init__ creates them.
    """
    check_count(records, cases)
    for (pairs, minima), case in zip(records, cases):
        check_named_shapes(pairs, case["shapes"], "LeNet5")
        # ReLU between the layers: no negative value may reach fc2 or fc3
        checks.check_that(len(minima) == 2 and min(minima) >= 0, "fc2 and fc3 receive ReLU outputs")


def fixed_net(records, cases):
    """Each record: ([(name, shape)] of named_parameters(), the output on the case's x, (N, 10)).

    Judged by name, in any order, as LeNet5 is.
    """
    check_count(records, cases)
    for (pairs, log_probs), case in zip(records, cases):
        check_named_shapes(pairs, case["shapes"], "FixedNet")
        checks.check_close(log_probs.exp().sum(dim=1), torch.ones(len(case["x"])), atol=1e-5,
                           name="log-probabilities")


def predict(records, cases):
    """Each record: predict's (y_true, y_pred)."""
    check_count(records, cases)
    for (y_true, y_pred), case in zip(records, cases):
        checks.check_close(y_true, case["y"], name="y_true")
        checks.check_close(y_pred, case["y_pred"], name="y_pred")


def confusion(records, cases):
    check_count(records, cases)
    for i, (matrix, case) in enumerate(zip(records, cases)):
        checks.check_close(matrix, case["matrix"], name=f"confusion matrix, hidden case {i}")


def make_mlp(records, cases):
    """Each record: ([in_features of each nn.Linear], the number of nn.ReLU modules)."""
    check_count(records, cases)
    for (in_features, relus), case in zip(records, cases):
        checks.check_equal(len(in_features), case["linear_layers"], name="number of linear layers")
        checks.check_equal(in_features[0], case["in_features"], name="input features")
        checks.check_that(relus > 0, "a ReLU between the layers")
