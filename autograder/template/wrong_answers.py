"""Plausible wrong answers to notebook NN_topic, each with the graded test cells it must fail.

The pipeline tests (tests/test_pipeline.py) grade each one: the correct solution
with the edits applied, cell id -> [(old text, new text)].
"""

WRONG_ANSWERS = {
    # Adds instead of multiplying: right for 2, wrong elsewhere.
    "adds_two": ({"double": [("return 2 * x", "return x + 2")]}, {"test_double"}),
}
