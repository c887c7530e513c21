"""Plausible wrong answers to notebook 03_lenet, each with the graded test cells it must fail.

tests/test_wrong_answers.py judges each one as the autograder does: the correct
solution with a student's mistake edited in, cell id -> [(old text, new text)], must
lose exactly the points of the named test cells, and (the optional third element)
its visible check must fail with a message that says these words. An entry that
must fail no cell is a right answer in another form, which must keep its points.
"""

NO_RELU = "no ReLU after "

WRONG_ANSWERS = {
    # conv1 without padding: 16 x 4 x 4 features reach fc1, which expects 400.
    "lenet_without_padding": (
        {"lenet5": [("nn.Conv2d(1, 6, kernel_size=5, padding=2)", "nn.Conv2d(1, 6, kernel_size=5)")]},
        {"test_lenet5"},
        "received 256 features per example but expects 400",
    ),
    # Predictions made in training mode (batch norm uses each batch's own statistics).
    "predict_forgets_eval": (
        {"predict": [("    model.eval()\n", "")]},
        {"test_predict"},
        "evaluation mode",
    ),
    # A ReLU on the scores: the visible check and the hidden test see fc3's output changed.
    "lenet_relu_after_fc3": (
        {"lenet5": [("return self.fc3(x)", "return F.relu(self.fc3(x))")]},
        {"test_lenet5"},
        "something is applied after fc3",
    ),
    # Log-probabilities where the exercise asks for raw scores.
    "lenet_log_softmax_after_fc3": (
        {"lenet5": [("return self.fc3(x)", "return F.log_softmax(self.fc3(x), dim=1)")]},
        {"test_lenet5"},
        "something is applied after fc3",
    ),
    # No activation after the convolutions: the shapes and the parameter count stay right.
    "lenet_without_relu_after_convs": (
        {"lenet5": [("x = self.pool(F.relu(self.conv1(x)))", "x = self.pool(self.conv1(x))"),
                    ("x = self.pool(F.relu(self.conv2(x)))", "x = self.pool(self.conv2(x))")]},
        {"test_lenet5"},
        NO_RELU + "conv1",
    ),
    # No activation after the second convolution only.
    "lenet_without_relu_after_conv2": (
        {"lenet5": [("x = self.pool(F.relu(self.conv2(x)))", "x = self.pool(self.conv2(x))")]},
        {"test_lenet5"},
        NO_RELU + "conv2",
    ),
    # No activation between fc1 and fc2.
    "lenet_without_relu_after_fc1": (
        {"lenet5": [("x = F.relu(self.fc1(x))", "x = self.fc1(x)")]},
        {"test_lenet5"},
        NO_RELU + "fc1",
    ),
    # No activation between fc2 and fc3.
    "lenet_without_relu_after_fc2": (
        {"lenet5": [("x = F.relu(self.fc2(x))", "x = self.fc2(x)")]},
        {"test_lenet5"},
        NO_RELU + "fc2",
    ),
    # Average pooling where the table asks for max pooling: same shapes, other values.
    "lenet_average_pooling": (
        {"lenet5": [("self.pool = nn.MaxPool2d(2)", "self.pool = nn.AvgPool2d(2)")]},
        {"test_lenet5"},
        "average pooling",
    ),
    # Right, in another form: pooling before the ReLU (the two commute), the layers created in another order.
    "lenet_pool_before_relu_is_right": (
        {"lenet5": [("x = self.pool(F.relu(self.conv1(x)))", "x = F.relu(self.pool(self.conv1(x)))"),
                    ("x = self.pool(F.relu(self.conv2(x)))", "x = F.relu(F.max_pool2d(self.conv2(x), 2))"),
                    ("        self.conv1 = nn.Conv2d(1, 6, kernel_size=5, padding=2)\n", ""),
                    ("        self.fc3 = nn.Linear(84, 10)\n",
                     "        self.fc3 = nn.Linear(84, 10)\n        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)\n")]},
        set(),
    ),
    # The original's bug 2 "fixed" by dropping the ReLU: x = self.fc1(x).
    "fixed_net_without_relu_after_fc1": (
        {"fixed_net": [("x = F.relu(self.fc1(x))", "x = self.fc1(x)")]},
        {"test_fixed_net"},
        NO_RELU + "fc1",
    ),
    # No activation after the second convolution.
    "fixed_net_without_relu_after_conv2": (
        {"fixed_net": [("x = F.relu(self.conv2(x))", "x = self.conv2(x)")]},
        {"test_fixed_net"},
        NO_RELU + "conv2",
    ),
    # Bug 4 "fixed" with softmax: probabilities, not their log.
    "fixed_net_softmax": (
        {"fixed_net": [("return F.log_softmax(x, dim=1)", "return F.softmax(x, dim=1)")]},
        {"test_fixed_net"},
        "a softmax, not its log",
    ),
    # log_softmax over the batch.
    "fixed_net_log_softmax_over_the_batch": (
        {"fixed_net": [("return F.log_softmax(x, dim=1)", "return F.log_softmax(x, dim=0)")]},
        {"test_fixed_net"},
        "over dimension 0",
    ),
    # Average pooling in place of the original's max pooling.
    "fixed_net_average_pooling": (
        {"fixed_net": [("        x = F.relu(self.conv1(x))\n        x = F.max_pool2d(x, 2, 2)",
                        "        x = F.relu(self.conv1(x))\n        x = F.avg_pool2d(x, 2, 2)")]},
        {"test_fixed_net"},
        "what conv2 receives",
    ),
    # Gradients accumulate from batch to batch.
    "train_forgets_zero_grad": (
        {"train_one_epoch": [("        optimizer.zero_grad()\n", "")]},
        {"test_train_one_epoch"},
        "zero_grad() is never called",
    ),
    # zero_grad once, before the loop: from the second batch on, gradients add up.
    "train_zero_grad_once": (
        {"train_one_epoch": [("        optimizer.zero_grad()\n", ""),
                             ("    total_loss, seen = 0.0, 0\n", "    total_loss, seen = 0.0, 0\n    optimizer.zero_grad()\n")]},
        {"test_train_one_epoch"},
        "not called in every batch",
    ),
    # zero_grad between backward and step: the step finds no gradient.
    "train_zero_grad_between_backward_and_step": (
        {"train_one_epoch": [("        optimizer.zero_grad()\n", ""),
                             ("        loss.backward()\n", "        loss.backward()\n        optimizer.zero_grad()\n")]},
        {"test_train_one_epoch"},
        ("cleared between loss.backward() and optimizer.step()", "the step finds no gradient"),
    ),
    # zero_grad at the start of the batch and once more after backward: the step still finds no gradient.
    "train_zero_grad_also_after_backward": (
        {"train_one_epoch": [("        loss.backward()\n", "        loss.backward()\n        optimizer.zero_grad()\n")]},
        {"test_train_one_epoch"},
        "cleared between loss.backward() and optimizer.step()",
    ),
    # The model's zero_grad between backward and step: the same mistake, through the model.
    "train_model_zero_grad_between_backward_and_step": (
        {"train_one_epoch": [("        optimizer.zero_grad()\n", ""),
                             ("        loss.backward()\n", "        loss.backward()\n        model.zero_grad()\n")]},
        {"test_train_one_epoch"},
        "cleared between loss.backward() and optimizer.step()",
    ),
    # The model's zero_grad at the start of each batch: right, written another way.
    "train_model_zero_grad": (
        {"train_one_epoch": [("        optimizer.zero_grad()\n", "        model.zero_grad()\n")]},
        set(),
    ),
    # The model stays in evaluation mode (batch norm does not use the batch's statistics).
    "train_forgets_train_mode": (
        {"train_one_epoch": [("    model.train()\n", "")]},
        {"test_train_one_epoch"},
        "training mode",
    ),
    # The step comes before backward: it steps with no gradient, or with the last batch's.
    "train_steps_before_backward": (
        {"train_one_epoch": [("        loss.backward()\n        optimizer.step()\n",
                              "        optimizer.step()\n        loss.backward()\n")]},
        {"test_train_one_epoch"},
        "step() comes before loss.backward()",
    ),
    # The mean of the batches' losses, though the last batch is smaller.
    "train_loss_not_weighted": (
        {"train_one_epoch": [("        total_loss += loss.item() * len(y)\n        seen += len(y)\n",
                              "        total_loss += loss.item()\n        seen += 1\n")]},
        {"test_train_one_epoch"},
        "weight each batch's loss",
    ),
    # The loss tensors added up: a 0-d tensor comes back, holding every batch's graph.
    "train_sums_loss_tensors": (
        {"train_one_epoch": [("total_loss += loss.item() * len(y)", "total_loss += loss * len(y)")]},
        {"test_train_one_epoch"},
        "Python float",
    ),
    # The examples' losses divided by the number of batches.
    "train_divides_by_batches": (
        {"train_one_epoch": [("return total_loss / seen", "return total_loss / len(loader)")]},
        {"test_train_one_epoch"},
        "number of batches",
    ),
    # Evaluated in training mode: batch norm normalises each batch by its own statistics.
    "evaluate_forgets_eval": (
        {"evaluate": [("    model.eval()\n", "")]},
        {"test_evaluate"},
        "evaluation mode",
    ),
    # Evaluated with gradients on: the same numbers, but a graph recorded for nothing.
    "evaluate_without_no_grad": (
        {"evaluate": [("    with torch.no_grad():\n        for x, y in loader:", "    if True:\n        for x, y in loader:")]},
        {"test_evaluate"},
        "torch.no_grad()",
    ),
    # Tensors added up: 0-d tensors come back where Python floats are asked for.
    "evaluate_returns_tensors": (
        {"evaluate": [("total_loss += loss_fn(y_hat, y).item() * len(y)", "total_loss += loss_fn(y_hat, y) * len(y)"),
                      ("correct += (y_hat.argmax(dim=1) == y).sum().item()",
                       "correct += (y_hat.argmax(dim=1) == y).sum()")]},
        {"test_evaluate"},
        "two Python floats",
    ),
    # A percentage where a fraction is asked for.
    "evaluate_accuracy_in_percent": (
        {"evaluate": [("return total_loss / seen, correct / seen", "return total_loss / seen, 100 * correct / seen")]},
        {"test_evaluate"},
        "a percentage",
    ),
    # Rows and columns swapped: matrix[predicted, true].
    "confusion_transposed": (
        {"confusion_matrix": [("matrix[t, p] += 1", "matrix[p, t] += 1")]},
        {"test_confusion_matrix"},
        "rows and columns are swapped",
    ),
    # Float counts: torch.zeros without the dtype.
    "confusion_float_counts": (
        {"confusion_matrix": [("torch.zeros(num_classes, num_classes, dtype=torch.int64)",
                               "torch.zeros(num_classes, num_classes)")]},
        {"test_confusion_matrix"},
        "int64",
    ),
    # torch.bincount without minlength: too short when the highest classes never occur.
    "confusion_bincount_without_minlength": (
        {"confusion_matrix": [("""    matrix = torch.zeros(num_classes, num_classes, dtype=torch.int64)
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        matrix[t, p] += 1
    return matrix""", """    return torch.bincount(y_true * num_classes + y_pred).reshape(num_classes, num_classes)""")]},
        {"test_confusion_matrix"},
        "minlength",
    ),
    # The size taken from the labels that occur, not from num_classes.
    "confusion_size_from_the_labels": (
        {"confusion_matrix": [("    matrix = torch.zeros(num_classes, num_classes, dtype=torch.int64)\n",
                               "    num_classes = int(max(y_true.max(), y_pred.max())) + 1\n"
                               "    matrix = torch.zeros(num_classes, num_classes, dtype=torch.int64)\n")]},
        {"test_confusion_matrix"},
        "never occur",
    ),
    # No nn.Flatten: the linear layer gets (N, 1, 28, 28) images.
    "mlp_without_flatten": (
        {"make_mlp": [("nn.Sequential(nn.Flatten(), nn.Linear", "nn.Sequential(nn.Linear")]},
        {"test_make_mlp"},
        "starts with nn.Flatten()",
    ),
    # No activation: two linear layers make one linear map.
    "mlp_without_relu": (
        {"make_mlp": [("nn.Linear(28 * 28, hidden), nn.ReLU(), nn.Linear", "nn.Linear(28 * 28, hidden), nn.Linear")]},
        {"test_make_mlp"},
        "no ReLU between the two linear layers",
    ),
    # A ReLU on the scores.
    "mlp_relu_after_the_scores": (
        {"make_mlp": [("nn.Linear(hidden, 10))", "nn.Linear(hidden, 10), nn.ReLU())")]},
        {"test_make_mlp"},
        "something comes after it",
    ),
    # Too wide: 100 hidden units, about 29% more parameters than LeNet-5.
    "mlp_too_wide": (
        {"make_mlp": [("hidden = 78", "hidden = 100")]},
        {"test_make_mlp"},
        "within 5%",
    ),
    # Two hidden layers, though of about the right size.
    "mlp_two_hidden_layers": (
        {"make_mlp": [("nn.Linear(28 * 28, hidden), nn.ReLU(), nn.Linear(hidden, 10)",
                       "nn.Linear(28 * 28, 74), nn.ReLU(), nn.Linear(74, 64), nn.ReLU(), nn.Linear(64, 10)")]},
        {"test_make_mlp"},
        "one hidden layer",
    ),
    # Right, in another form: another width within 5%, and the layers named.
    "mlp_other_width_named_is_right": (
        {"make_mlp": [("    return nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, hidden), nn.ReLU(), nn.Linear(hidden, 10))",
                       "    from collections import OrderedDict\n    hidden = 81\n"
                       "    return nn.Sequential(OrderedDict(flatten=nn.Flatten(), hidden=nn.Linear(784, hidden), "
                       "relu=nn.ReLU(), out=nn.Linear(hidden, 10)))")]},
        set(),
    ),
}
