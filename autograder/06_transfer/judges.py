"""Judges for the hidden tests of notebook 06 (transfer learning): only the special cases.

Trusted code: it runs in the grading process, never in the student's kernel (see
autograder/judging.py). Every test cell of this notebook gets the default judge: each
record matches its case's expected output (the trainable parameters' and the training
modules' names exactly, counts exactly, learning rates, similarities and maps close,
indices exactly).
"""

# Exercises done "by hand": test cell -> (the answer cell's grade_id, the helpers.checks
# pattern of library functions it must not call).
BY_HAND = {
    "test_count_trainable": ("count_trainable", "PARAMETER_COUNTING"),
}
