"""Plausible wrong answers to notebook 03_lenet, each with the graded test cells it must fail.

The pipeline tests (tests/test_pipeline.py) grade each one: the correct solution
with a student's mistake edited in, cell id -> [(old text, new text)], must lose
exactly the points of the named test cells.
"""

WRONG_ANSWERS = {
    # conv1 without padding: 16 x 4 x 4 features reach fc1, which expects 400.
    "lenet_without_padding": (
        {"lenet5": [("nn.Conv2d(1, 6, kernel_size=5, padding=2)", "nn.Conv2d(1, 6, kernel_size=5)")]},
        {"test_lenet5"},
    ),
    # Predictions made in training mode (batch norm uses each batch's own statistics).
    "predict_forgets_eval": (
        {"predict": [("    model.eval()\n", "")]},
        {"test_predict"},
    ),
    # Rows and columns swapped: matrix[predicted, true].
    "confusion_transposed": (
        {"confusion_matrix": [("matrix[t, p] += 1", "matrix[p, t] += 1")]},
        {"test_confusion_matrix"},
    ),
}
