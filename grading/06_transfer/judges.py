"""Judges for the hidden tests of notebook 06 (transfer learning): only the special cases.

Trusted code: it runs in the grading process, never in the student's kernel (see
autograder/judging.py). Every test cell of this notebook but one gets the default judge:
each record matches its case's expected output (the trainable parameters' and the training
modules' names exactly, learning rates, similarities and maps close, indices exactly). The
count of trainable parameters must equal the reference's, as an int, a float with no
fractional part or a one-value tensor that holds it (right in substance; the visible check
accepts the same, through the same ``backbones.as_count``).
"""

from autograder.judging import check_each_case
from helpers import backbones

# Exercises done "by hand": test cell -> (the answer cell's grade_id, the helpers.checks
# pattern of library functions it must not call).
BY_HAND = {
    "test_count_trainable": ("count_trainable", "PARAMETER_COUNTING"),
}


def test_count_trainable(records, cases):
    """Each record: the count. A float with no fractional part (1026.0) or a one-value tensor
    (tensor(1026)) counts as the int it stands for."""
    check_each_case([backbones.as_count(record) for record in records], cases, "count_trainable")
