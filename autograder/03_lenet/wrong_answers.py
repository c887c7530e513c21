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
    # A ReLU on the scores: the visible check and the hidden test see fc3's output changed.
    "lenet_relu_after_fc3": (
        {"lenet5": [("return self.fc3(x)", "return F.relu(self.fc3(x))")]},
        {"test_lenet5"},
    ),
    # Gradients accumulate from batch to batch.
    "train_forgets_zero_grad": (
        {"train_one_epoch": [("        optimizer.zero_grad()\n", "")]},
        {"test_train_one_epoch"},
    ),
    # The model stays in evaluation mode (batch norm does not use the batch's statistics).
    "train_forgets_train_mode": (
        {"train_one_epoch": [("    model.train()\n", "")]},
        {"test_train_one_epoch"},
    ),
    # The step comes before backward: it steps with no gradient, or with the last batch's.
    "train_steps_before_backward": (
        {"train_one_epoch": [("        loss.backward()\n        optimizer.step()\n",
                              "        optimizer.step()\n        loss.backward()\n")]},
        {"test_train_one_epoch"},
    ),
    # The mean of the batches' losses, though the last batch is smaller.
    "train_loss_not_weighted": (
        {"train_one_epoch": [("        total_loss += loss.item() * len(y)\n        seen += len(y)\n",
                              "        total_loss += loss.item()\n        seen += 1\n")]},
        {"test_train_one_epoch"},
    ),
    # Evaluated in training mode: batch norm normalises each batch by its own statistics.
    "evaluate_forgets_eval": (
        {"evaluate": [("    model.eval()\n", "")]},
        {"test_evaluate"},
    ),
    # Evaluated with gradients on: the same numbers, but a graph recorded for nothing.
    "evaluate_without_no_grad": (
        {"evaluate": [("    with torch.no_grad():\n        for x, y in loader:", "    if True:\n        for x, y in loader:")]},
        {"test_evaluate"},
    ),
    # Rows and columns swapped: matrix[predicted, true].
    "confusion_transposed": (
        {"confusion_matrix": [("matrix[t, p] += 1", "matrix[p, t] += 1")]},
        {"test_confusion_matrix"},
    ),
}
