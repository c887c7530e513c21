"""Judges for the hidden tests of notebook NN_topic: only the special cases.

Trusted code: it runs in the grading process, never in the student's kernel (see
autograder/judging.py). Every test cell not named here gets the default judge:
each record matches its case's expected output (close for floating point, equal
otherwise). Write a function named after a test cell's grade id,
``test_xxx(records, cases)``, only where that is not enough, and fail through
``helpers.checks`` with a first line that names no expected value.
"""

# Exercises done "by hand": test cell -> (the answer cell's grade_id, the name of a
# helpers.checks pattern of library functions it must not call), e.g.
# {"test_corr2d": ("corr2d", "CONVOLUTION")}.
BY_HAND = {}
