"""Plausible wrong answers to notebook 03_lenet, each with the graded test cells it must fail.

tests/test_wrong_answers.py judges each one as the autograder does: the correct
solution with a student's mistake edited in, cell id -> [(old text, new text)], must
lose exactly the points of the named test cells, and (the optional third element)
its visible check must fail with a message that says these words. An entry that
must fail no cell is a right answer in another form, which must keep its points.
"""

NO_RELU = "no ReLU after "
# The solution's confusion_matrix, a loop over the examples: what the one-call answers replace.
LOOP = """    matrix = torch.zeros(num_classes, num_classes, dtype=torch.int64)
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        matrix[t, p] += 1
    return matrix"""

WRONG_ANSWERS = {
    # conv1 without padding: 16 x 4 x 4 features reach fc1, which expects 400; the check names conv1's padding.
    "lenet_without_padding": (
        {"lenet5": [("nn.Conv2d(1, 6, kernel_size=5, padding=2)", "nn.Conv2d(1, 6, kernel_size=5)")]},
        {"test_lenet5"},
        ("conv1 has no padding", "padding=2"),
    ),
    # The same, with fc1 made to fit the 256 features that arrive: it runs, with the wrong shapes.
    "lenet_without_padding_fc1_made_to_fit": (
        {"lenet5": [("nn.Conv2d(1, 6, kernel_size=5, padding=2)", "nn.Conv2d(1, 6, kernel_size=5)"),
                    ("nn.Linear(16 * 5 * 5, 120)", "nn.Linear(16 * 4 * 4, 120)")]},
        {"test_lenet5"},
        "conv1 has no padding",
    ),
    # The padding given in fourth place, where nn.Conv2d takes the stride.
    "lenet_padding_as_positional_stride": (
        {"lenet5": [("nn.Conv2d(1, 6, kernel_size=5, padding=2)", "nn.Conv2d(1, 6, 5, 2)")]},
        {"test_lenet5"},
        ("conv1 has stride 2", "fourth positional argument is the stride"),
    ),
    # Padding 1: 26x26 maps.
    "lenet_padding_one": (
        {"lenet5": [("nn.Conv2d(1, 6, kernel_size=5, padding=2)", "nn.Conv2d(1, 6, kernel_size=5, padding=1)")]},
        {"test_lenet5"},
        "conv1 has padding 1",
    ),
    # A 3x3 kernel in conv1: with padding 2 the shapes still reach fc1 as 400 features.
    "lenet_conv1_kernel_three": (
        {"lenet5": [("nn.Conv2d(1, 6, kernel_size=5, padding=2)", "nn.Conv2d(1, 6, kernel_size=3, padding=2)")]},
        {"test_lenet5"},
        "conv1's kernel is 3x3",
    ),
    # A 3x3 kernel in conv2.
    "lenet_conv2_kernel_three": (
        {"lenet5": [("nn.Conv2d(6, 16, kernel_size=5)", "nn.Conv2d(6, 16, kernel_size=3)")]},
        {"test_lenet5"},
        "conv2's kernel is 3x3",
    ),
    # conv2 padded as conv1 is.
    "lenet_conv2_padded": (
        {"lenet5": [("nn.Conv2d(6, 16, kernel_size=5)", "nn.Conv2d(6, 16, kernel_size=5, padding=2)")]},
        {"test_lenet5"},
        "conv2 has padding 2",
    ),
    # conv2 with stride 2.
    "lenet_conv2_stride_two": (
        {"lenet5": [("nn.Conv2d(6, 16, kernel_size=5)", "nn.Conv2d(6, 16, kernel_size=5, stride=2)")]},
        {"test_lenet5"},
        "conv2 has stride 2",
    ),
    # conv1 with 8 filters: conv2, which takes 6 channels, fails on them.
    "lenet_conv1_eight_filters": (
        {"lenet5": [("nn.Conv2d(1, 6, kernel_size=5, padding=2)", "nn.Conv2d(1, 8, kernel_size=5, padding=2)")]},
        {"test_lenet5"},
        "conv1 has 8 filters",
    ),
    # No pooling after conv1.
    "lenet_no_pooling_after_conv1": (
        {"lenet5": [("x = self.pool(F.relu(self.conv1(x)))", "x = F.relu(self.conv1(x))")]},
        {"test_lenet5"},
        "conv1's output is not pooled",
    ),
    # No pooling after conv2.
    "lenet_no_pooling_after_conv2": (
        {"lenet5": [("x = self.pool(F.relu(self.conv2(x)))", "x = F.relu(self.conv2(x))")]},
        {"test_lenet5"},
        "conv2's output is not pooled",
    ),
    # Pooling with stride 1: 27x27 maps after the first.
    "lenet_pooling_stride_one": (
        {"lenet5": [("self.pool = nn.MaxPool2d(2)", "self.pool = nn.MaxPool2d(2, 1)")]},
        {"test_lenet5"},
        "stride 1, where 2x2 max pooling with stride 2",
    ),
    # Both poolings after conv1.
    "lenet_pooled_twice_after_conv1": (
        {"lenet5": [("x = self.pool(F.relu(self.conv1(x)))", "x = self.pool(self.pool(F.relu(self.conv1(x))))"),
                    ("x = self.pool(F.relu(self.conv2(x)))", "x = F.relu(self.conv2(x))")]},
        {"test_lenet5"},
        "pooled twice",
    ),
    # fc1 to 100 units (and fc2 from 100): it runs, with other shapes than the table's.
    "lenet_fc1_width": (
        {"lenet5": [("nn.Linear(16 * 5 * 5, 120)", "nn.Linear(16 * 5 * 5, 100)"),
                    ("nn.Linear(120, 84)", "nn.Linear(100, 84)")]},
        {"test_lenet5"},
        "It is nn.Linear(400, 100)",
    ),
    # Right, in another form: padding="same" keeps 28x28 as padding=2 does.
    "lenet_padding_same_is_right": (
        {"lenet5": [("nn.Conv2d(1, 6, kernel_size=5, padding=2)", "nn.Conv2d(1, 6, kernel_size=5, padding='same')")]},
        set(),
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
    # zero_grad after the step, at the end of each batch: the first batch steps with the gradients .grad held before.
    "train_zero_grad_after_step": (
        {"train_one_epoch": [("        optimizer.zero_grad()\n", ""),
                             ("        optimizer.step()\n", "        optimizer.step()\n        optimizer.zero_grad()\n")]},
        {"test_train_one_epoch"},
        ("zero_grad() comes after optimizer.step()", "before the epoch", "at the start of each batch"),
    ),
    # No step: the gradients are computed, the weights never move.
    "train_forgets_step": (
        {"train_one_epoch": [("        optimizer.step()\n", "")]},
        {"test_train_one_epoch"},
        "optimizer.step() is never called",
    ),
    # No backward: the step finds no gradient.
    "train_forgets_backward": (
        {"train_one_epoch": [("        loss.backward()\n", "")]},
        {"test_train_one_epoch"},
        "loss.backward() is never called",
    ),
    # The loss's arguments the wrong way round: cross-entropy fails on them.
    "train_loss_arguments_swapped": (
        {"train_one_epoch": [("loss = loss_fn(y_hat, y)", "loss = loss_fn(y, y_hat)")]},
        {"test_train_one_epoch"},
        "the targets came first",
    ),
    # Each batch's mean loss added, divided by the number of examples.
    "train_loss_unweighted_over_examples": (
        {"train_one_epoch": [("total_loss += loss.item() * len(y)", "total_loss += loss.item()")]},
        {"test_train_one_epoch"},
        "multiply it by len(y)",
    ),
    # Every batch weighted as a full one.
    "train_loss_weighted_by_batch_size": (
        {"train_one_epoch": [("total_loss += loss.item() * len(y)", "total_loss += loss.item() * loader.batch_size")]},
        {"test_train_one_epoch"},
        "every batch counted as a full one",
    ),
    # Divided by the batches times the batch size.
    "train_divides_by_full_batches": (
        {"train_one_epoch": [("return total_loss / seen", "return total_loss / (len(loader) * loader.batch_size)")]},
        {"test_train_one_epoch"},
        "number of batches times the batch size",
    ),
    # Right, in another form: zero_grad after the step as well as before the forward pass.
    "train_zero_grad_also_after_step_is_right": (
        {"train_one_epoch": [("        optimizer.step()\n", "        optimizer.step()\n        optimizer.zero_grad()\n")]},
        set(),
    ),
    # Right, in another form: zero_grad between the loss and backward.
    "train_zero_grad_before_backward_is_right": (
        {"train_one_epoch": [("        optimizer.zero_grad()\n", ""),
                             ("        loss.backward()\n", "        optimizer.zero_grad()\n        loss.backward()\n")]},
        set(),
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
        ("every batch weighing the same", "len(y) to the count"),
    ),
    # The loss tensors added up: a 0-d tensor comes back, holding every batch's graph.
    "train_sums_loss_tensors": (
        {"train_one_epoch": [("total_loss += loss.item() * len(y)", "total_loss += loss * len(y)")]},
        {"test_train_one_epoch"},
        ("Python float", "the loss tensors themselves were added up"),
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
    # The accuracy of each batch, averaged: the last batch is smaller.
    "evaluate_accuracy_per_batch": (
        {"evaluate": [("    total_loss, correct, seen = 0.0, 0, 0\n", "    total_loss, correct, seen, accs = 0.0, 0, 0, []\n"),
                      ("            correct += (y_hat.argmax(dim=1) == y).sum().item()\n",
                       "            accs.append((y_hat.argmax(dim=1) == y).float().mean().item())\n"),
                      ("return total_loss / seen, correct / seen", "return total_loss / seen, sum(accs) / len(accs)")]},
        {"test_evaluate"},
        "the mean of the batches' accuracies",
    ),
    # The classes taken over the batch.
    "evaluate_argmax_over_the_batch": (
        {"evaluate": [("y_hat.argmax(dim=1) == y", "y_hat.argmax(dim=0) == y")]},
        {"test_evaluate"},
        "over the wrong dimension",
    ),
    # The right answers divided by the number of batches.
    "evaluate_accuracy_by_batches": (
        {"evaluate": [("correct / seen", "correct / len(loader)")]},
        {"test_evaluate"},
        "divided by the number of batches",
    ),
    # Both divided by the batches times the batch size.
    "evaluate_divides_by_full_batches": (
        {"evaluate": [("return total_loss / seen, correct / seen",
                       "return total_loss / (len(loader) * loader.batch_size), correct / (len(loader) * loader.batch_size)")]},
        {"test_evaluate"},
        "number of batches times the batch size",
    ),
    # Each batch's mean loss added, divided by the number of examples.
    "evaluate_loss_unweighted_over_examples": (
        {"evaluate": [("loss_fn(y_hat, y).item() * len(y)", "loss_fn(y_hat, y).item()")]},
        {"test_evaluate"},
        "multiply it by len(y)",
    ),
    # Rows and columns swapped: matrix[predicted, true].
    "confusion_transposed": (
        {"confusion_matrix": [("matrix[t, p] += 1", "matrix[p, t] += 1")]},
        {"test_confusion_matrix"},
        ("rows and columns swapped, matrix[predicted, true]", "matrix[t, p] += 1"),
    ),
    # Float counts: torch.zeros without the dtype.
    "confusion_float_counts": (
        {"confusion_matrix": [("torch.zeros(num_classes, num_classes, dtype=torch.int64)",
                               "torch.zeros(num_classes, num_classes)")]},
        {"test_confusion_matrix"},
        ("int64", "It holds float32 values", "makes floats"),
    ),
    # A NumPy array of the right counts: the statement asks for a tensor.
    "confusion_numpy_array": (
        {"confusion_matrix": [("    return matrix", "    return matrix.numpy()")]},
        {"test_confusion_matrix"},
        ("returned a NumPy array", "leave out .numpy()"),
    ),
    # int32 counts.
    "confusion_int32_counts": (
        {"confusion_matrix": [("dtype=torch.int64)", "dtype=torch.int32)")]},
        {"test_confusion_matrix"},
        ("It holds int32 values", "counts are int64, PyTorch's integer for counts and indices"),
    ),
    # Indexing with the label tensors: a repeated pair is written once, not added up.
    "confusion_indexed_by_tensors": (
        {"confusion_matrix": [("""    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        matrix[t, p] += 1""", "    matrix[y_true, y_pred] += 1")]},
        {"test_confusion_matrix"},
        "a pair that occurs twice counted once",
    ),
    # Each entry set to 1, not counted.
    "confusion_sets_one": (
        {"confusion_matrix": [("matrix[t, p] += 1", "matrix[t, p] = 1")]},
        {"test_confusion_matrix"},
        "sets the entry instead of adding 1",
    ),
    # Rows normalised to fractions.
    "confusion_rows_normalised": (
        {"confusion_matrix": [("    return matrix", "    return matrix / matrix.sum(dim=1, keepdim=True).clamp(min=1)")]},
        {"test_confusion_matrix"},
        "each row divided by its total",
    ),
    # torch.bincount without minlength: too short when the highest classes never occur.
    "confusion_bincount_without_minlength": (
        {"confusion_matrix": [("""    matrix = torch.zeros(num_classes, num_classes, dtype=torch.int64)
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        matrix[t, p] += 1
    return matrix""", """    return torch.bincount(y_true * num_classes + y_pred).reshape(num_classes, num_classes)""")]},
        {"test_confusion_matrix"},
        ("torch.bincount counts only up to the largest value present", "minlength=num_classes ** 2"),
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
        ("no ReLU between the two linear layers", "Put nn.ReLU() between the two nn.Linear layers"),
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
    # The predictions returned where the labels go.
    "predict_swapped": (
        {"predict": [("return torch.cat(y_true), torch.cat(y_pred)", "return torch.cat(y_pred), torch.cat(y_true)")]},
        {"test_predict"},
        "the predictions where the labels go",
    ),
    # The scores returned, not the classes.
    "predict_returns_scores": (
        {"predict": [("y_pred.append(scores.argmax(dim=1).cpu())", "y_pred.append(scores.cpu())")]},
        {"test_predict"},
        "the scores, not the classes",
    ),
    # The argmax over the batch.
    "predict_argmax_over_the_batch": (
        {"predict": [("scores.argmax(dim=1)", "scores.argmax(dim=0)")]},
        {"test_predict"},
        "the argmax over dimension 0",
    ),
    # Only the last batch returned.
    "predict_last_batch_only": (
        {"predict": [("return torch.cat(y_true), torch.cat(y_pred)", "return y.cpu(), scores.argmax(dim=1).cpu()")]},
        {"test_predict"},
        "the last batch's labels alone",
    ),
    # conv2 with 40 filters, fc1 and the view made to fit: it runs, but it is not the original's design.
    "fixed_net_conv2_forty_filters": (
        {"fixed_net": [("nn.Conv2d(20, 50, 5, 1)", "nn.Conv2d(20, 40, 5, 1)"), ("nn.Linear(4*4*50, 500)", "nn.Linear(4*4*40, 500)"),
                       ("x.view(-1, 4*4*50)", "x.view(-1, 4*4*40)")]},
        {"test_fixed_net"},
        "conv2's out_channels is 50",
    ),
    # conv1 with 32 filters.
    "fixed_net_conv1_width": (
        {"fixed_net": [("nn.Conv2d(1, 20, 5, 1)", "nn.Conv2d(1, 32, 5, 1)"), ("nn.Conv2d(20, 50, 5, 1)", "nn.Conv2d(32, 50, 5, 1)")]},
        {"test_fixed_net"},
        "keep the original's 20 filters",
    ),
    # No pooling after conv2: view(-1, 800) cuts each image into 4 rows.
    "fixed_net_no_pooling_after_conv2": (
        {"fixed_net": [("        x = F.relu(self.conv2(x))\n        x = F.max_pool2d(x, 2, 2)", "        x = F.relu(self.conv2(x))")]},
        {"test_fixed_net"},
        "conv2's 8x8 maps are not pooled",
    ),
    # Right, in another form: the log of the softmax, in two steps.
    "fixed_net_log_of_softmax_is_right": (
        {"fixed_net": [("return F.log_softmax(x, dim=1)", "return torch.log(F.softmax(x, dim=1))")]},
        set(),
    ),
    # A sigmoid where the ReLU goes.
    "mlp_sigmoid": (
        {"make_mlp": [("nn.ReLU(), nn.Linear(hidden, 10)", "nn.Sigmoid(), nn.Linear(hidden, 10)")]},
        {"test_make_mlp"},
        ("a sigmoid between the two linear layers", "Put nn.ReLU() between the two nn.Linear layers"),
    ),
    # The hidden layer without biases: still within 5% of the count.
    "mlp_hidden_without_bias": (
        {"make_mlp": [("nn.Linear(28 * 28, hidden), nn.ReLU()", "nn.Linear(28 * 28, hidden, bias=False), nn.ReLU()")]},
        {"test_make_mlp"},
        "bias=False",
    ),
    # Right, in another form: the pooling written with F.max_pool2d in forward, no pool module.
    "lenet_functional_pooling_is_right": (
        {"lenet5": [("        self.pool = nn.MaxPool2d(2)\n", ""),
                    ("x = self.pool(F.relu(self.conv1(x)))", "x = F.max_pool2d(F.relu(self.conv1(x)), 2)"),
                    ("x = self.pool(F.relu(self.conv2(x)))", "x = F.max_pool2d(F.relu(self.conv2(x)), 2, 2)")]},
        set(),
    ),
    # Right, in another form: the ReLUs as one nn.ReLU module, used four times.
    "lenet_relu_module_is_right": (
        {"lenet5": [("        self.fc3 = nn.Linear(84, 10)\n",
                     "        self.fc3 = nn.Linear(84, 10)\n        self.relu = nn.ReLU()\n"),
                    ("F.relu(self.conv1(x))", "self.relu(self.conv1(x))"),
                    ("F.relu(self.conv2(x))", "self.relu(self.conv2(x))"),
                    ("F.relu(self.fc1(x))", "self.relu(self.fc1(x))"),
                    ("F.relu(self.fc2(x))", "self.relu(self.fc2(x))")]},
        set(),
    ),
    # F.max_pool2d with stride 1 after conv1: 27x27 maps reach conv2.
    "lenet_functional_pooling_stride_one": (
        {"lenet5": [("x = self.pool(F.relu(self.conv1(x)))", "x = F.max_pool2d(F.relu(self.conv1(x)), 2, 1)")]},
        {"test_lenet5"},
        ("reach conv2 as 27x27, not 14x14", "F.max_pool2d(x, 2)"),
    ),
    # One layer made without its biases: the count is short by that layer's outputs.
    "lenet_conv1_without_bias": (
        {"lenet5": [("nn.Conv2d(1, 6, kernel_size=5, padding=2)", "nn.Conv2d(1, 6, kernel_size=5, padding=2, bias=False)")]},
        {"test_lenet5"},
        ("conv1 is made without its 6 biases", "bias=False", "61,700"),
    ),
    "lenet_conv2_without_bias": (
        {"lenet5": [("nn.Conv2d(6, 16, kernel_size=5)", "nn.Conv2d(6, 16, kernel_size=5, bias=False)")]},
        {"test_lenet5"},
        "conv2 is made without its 16 biases",
    ),
    "lenet_fc1_without_bias": (
        {"lenet5": [("nn.Linear(16 * 5 * 5, 120)", "nn.Linear(16 * 5 * 5, 120, bias=False)")]},
        {"test_lenet5"},
        ("fc1 is made without its 120 biases", "61,586"),
    ),
    "lenet_fc2_without_bias": (
        {"lenet5": [("nn.Linear(120, 84)", "nn.Linear(120, 84, bias=False)")]},
        {"test_lenet5"},
        "fc2 is made without its 84 biases",
    ),
    "lenet_fc3_without_bias": (
        {"lenet5": [("nn.Linear(84, 10)", "nn.Linear(84, 10, bias=False)")]},
        {"test_lenet5"},
        "fc3 is made without its 10 biases",
    ),
    # Another activation where a ReLU goes: the shapes and the parameter count stay right.
    "lenet_sigmoid_after_fc1": (
        {"lenet5": [("x = F.relu(self.fc1(x))", "x = torch.sigmoid(self.fc1(x))")]},
        {"test_lenet5"},
        "a sigmoid where the ReLU goes after fc1",
    ),
    "lenet_tanh_after_conv1": (
        {"lenet5": [("x = self.pool(F.relu(self.conv1(x)))", "x = self.pool(torch.tanh(self.conv1(x)))")]},
        {"test_lenet5"},
        "a tanh where the ReLU goes after conv1",
    ),
    "fixed_net_tanh_after_fc1": (
        {"fixed_net": [("x = F.relu(self.fc1(x))", "x = torch.tanh(self.fc1(x))")]},
        {"test_fixed_net"},
        "a tanh where the ReLU goes after fc1",
    ),
    "mlp_tanh_module": (
        {"make_mlp": [("nn.ReLU(), nn.Linear(hidden, 10)", "nn.Tanh(), nn.Linear(hidden, 10)")]},
        {"test_make_mlp"},
        ("a tanh between the two linear layers", "Put nn.ReLU() between the two nn.Linear layers"),
    ),
    # The batches joined with torch.stack: the last batch is smaller, and stack needs equal sizes.
    "predict_stack": (
        {"predict": [("return torch.cat(y_true), torch.cat(y_pred)", "return torch.stack(y_true), torch.stack(y_pred)")]},
        {"test_predict"},
        ("torch.stack joins tensors along a new dimension", "the last batch is smaller", "torch.cat"),
    ),
    # The batches' tensors given to torch.tensor, which takes numbers.
    "predict_tensor_of_batches": (
        {"predict": [("return torch.cat(y_true), torch.cat(y_pred)", "return torch.tensor(y_true), torch.tensor(y_pred)")]},
        {"test_predict"},
        ("torch.tensor(...) was given a list of tensors", "torch.cat"),
    ),
    # torch.bincount with minlength=num_classes: still fewer than num_classes ** 2 counts.
    "confusion_bincount_minlength_num_classes": (
        {"confusion_matrix": [("""    matrix = torch.zeros(num_classes, num_classes, dtype=torch.int64)
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        matrix[t, p] += 1
    return matrix""", """    counts = torch.bincount(y_true * num_classes + y_pred, minlength=num_classes)
    return counts.view(num_classes, num_classes)""")]},
        {"test_confusion_matrix"},
        "minlength=num_classes ** 2",
    ),
    # The batch moved with its result thrown away: x.to(device) returns a copy, x stays where it was.
    "train_moved_copies_thrown_away": (
        {"train_one_epoch": [("        x, y = x.to(device), y.to(device)\n", "        x.to(device)\n        y.to(device)\n")]},
        {"test_train_one_epoch"},
        ("train_one_epoch moves each batch's x to device", "x = x.to(device)", "returns a moved copy"),
    ),
    # Only x moved: the loss gets targets on the CPU (on a GPU, a device mismatch).
    "train_y_not_moved": (
        {"train_one_epoch": [("        x, y = x.to(device), y.to(device)\n", "        x = x.to(device)\n")]},
        {"test_train_one_epoch"},
        ("train_one_epoch moves each batch's y to device before the loss gets it", "y = y.to(device)"),
    ),
    # The return indented into the loop: one batch, then the epoch ends.
    "train_returns_inside_the_loop": (
        {"train_one_epoch": [("    return total_loss / seen", "        return total_loss / seen")]},
        {"test_train_one_epoch"},
        ("Only the first of the two batches ran", "a return (or a break) inside the loop"),
    ),
    # The loop under torch.no_grad(), copied from evaluate: no graph, and backward fails.
    "train_under_no_grad": (
        {"train_one_epoch": [("""    for x, y in loader:
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        y_hat = model(x)                                  # (N, num_classes)
        loss = loss_fn(y_hat, y)                          # the mean over the batch, 0-d
        loss.backward()
        optimizer.step()
        total_loss += loss.item() * len(y)
        seen += len(y)""", """    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            y_hat = model(x)                                  # (N, num_classes)
            loss = loss_fn(y_hat, y)                          # the mean over the batch, 0-d
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(y)
            seen += len(y)""")]},
        {"test_train_one_epoch"},
        ("no graph was recorded for the loss", "ran under torch.no_grad()", "it belongs in evaluate"),
    ),
    # Right, in another form: the batch moved with keyword arguments, and the loss summed with len(x).
    "accepted_train_moves_with_keywords": (
        {"train_one_epoch": [("        x, y = x.to(device), y.to(device)\n",
                              "        x = x.to(device=device, non_blocking=True)\n        y = y.to(device=device)\n")]},
        set(),
    ),
    # The batch moved with its result thrown away.
    "evaluate_moved_copies_thrown_away": (
        {"evaluate": [("            x, y = x.to(device), y.to(device)\n", "            x.to(device)\n            y.to(device)\n")]},
        {"test_evaluate"},
        ("evaluate moves each batch's x to device", "x = x.to(device)"),
    ),
    # Only x moved: the loss and the accuracy get targets on the CPU.
    "evaluate_y_not_moved": (
        {"evaluate": [("            x, y = x.to(device), y.to(device)\n", "            x = x.to(device)\n")]},
        {"test_evaluate"},
        ("evaluate moves each batch's y to device", "y = y.to(device)"),
    ),
    # Integer division: 3 right of 5 gives 0.
    "evaluate_accuracy_integer_division": (
        {"evaluate": [("return total_loss / seen, correct / seen", "return total_loss / seen, correct // seen")]},
        {"test_evaluate"},
        ("correct // n (integer division)", "Divide with /"),
    ),
    # Floor division for the loss too: a float, rounded down to a whole number.
    "evaluate_loss_floor_division": (
        {"evaluate": [("return total_loss / seen, correct / seen", "return total_loss // seen, correct / seen")]},
        {"test_evaluate"},
        "floor division: total_loss // n",
    ),
    # The pair the wrong way round.
    "evaluate_pair_swapped": (
        {"evaluate": [("return total_loss / seen, correct / seen", "return correct / seen, total_loss / seen")]},
        {"test_evaluate"},
        "the accuracy where the mean loss goes",
    ),
    # The number of right answers returned as the accuracy, an int.
    "evaluate_returns_the_count": (
        {"evaluate": [("return total_loss / seen, correct / seen", "return total_loss / seen, correct")]},
        {"test_evaluate"},
        "the number of right answers. Divide it by the number of examples",
    ),
    # Nothing moved: x stays where the loader left it, and what comes back stays where it was computed.
    "predict_no_device_moves": (
        {"predict": [("            scores = model(x.to(device))             # (N, num_classes)\n            y_pred.append(scores.argmax(dim=1).cpu())\n            y_true.append(y.cpu())",
                      "            scores = model(x)\n            y_pred.append(scores.argmax(dim=1))\n            y_true.append(y)")]},
        {"test_predict"},
        ("predict moves each batch's x to device", "model(x.to(device))"),
    ),
    # x moved, but the predictions left on the device.
    "predict_y_pred_left_on_the_device": (
        {"predict": [("y_pred.append(scores.argmax(dim=1).cpu())", "y_pred.append(scores.argmax(dim=1))")]},
        {"test_predict"},
        ("predict returns y_pred on the CPU", ".cpu()"),
    ),
    # The labels moved to the device with x, and returned from there.
    "predict_y_true_left_on_the_device": (
        {"predict": [("            scores = model(x.to(device))             # (N, num_classes)\n",
                      "            x, y = x.to(device), y.to(device)\n            scores = model(x)\n"),
                     ("y_true.append(y.cpu())", "y_true.append(y)")]},
        {"test_predict"},
        ("predict returns y_true on the CPU", "Collect y.cpu()"),
    ),
    # The loop with gradients on.
    "predict_without_no_grad": (
        {"predict": [("    with torch.no_grad():\n        for x, y in loader:", "    if True:\n        for x, y in loader:")]},
        {"test_predict"},
        "predict runs the model under torch.no_grad()",
    ),
    # The highest scores where their classes go.
    "predict_max_values": (
        {"predict": [("scores.argmax(dim=1).cpu()", "scores.max(dim=1)[0].cpu()")]},
        {"test_predict"},
        ("the highest scores, not their classes", "(values, indices)"),
    ),
    # The return inside the loop: the first batch alone.
    "predict_returns_inside_the_loop": (
        {"predict": [("    return torch.cat(y_true), torch.cat(y_pred)", "            return torch.cat(y_true), torch.cat(y_pred)")]},
        {"test_predict"},
        ("the first batch's labels alone", "the return (or a break) is inside the loop"),
    ),
    # Right, in another form: the classes as .max(dim=1).indices, brought back with .to("cpu"), under inference_mode.
    "accepted_predict_max_indices_to_cpu": (
        {"predict": [("    with torch.no_grad():", "    with torch.inference_mode():"),
                     ("y_pred.append(scores.argmax(dim=1).cpu())", "y_pred.append(scores.max(dim=1).indices.to('cpu'))"),
                     ("y_true.append(y.cpu())", "y_true.append(y.to(torch.device('cpu')))")]},
        set(),
    ),
    # The layers returned as a list, not in an nn.Sequential.
    "mlp_returns_a_list": (
        {"make_mlp": [("return nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, hidden), nn.ReLU(), nn.Linear(hidden, 10))",
                       "return [nn.Flatten(), nn.Linear(28 * 28, hidden), nn.ReLU(), nn.Linear(hidden, 10)]")]},
        {"test_make_mlp"},
        ("make_mlp returns an nn.Sequential", "a list of layers", "nn.Sequential(*layers)"),
    ),
    # The class itself returned, not called.
    "mlp_returns_the_class": (
        {"make_mlp": [("return nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, hidden), nn.ReLU(), nn.Linear(hidden, 10))",
                       "return nn.Sequential")]},
        {"test_make_mlp"},
        ("the class nn.Sequential itself, not a model", "call it with the layers"),
    ),
    # An nn.ModuleList: it holds the layers, but has no forward.
    "mlp_module_list": (
        {"make_mlp": [("return nn.Sequential(nn.Flatten()", "return nn.ModuleList([nn.Flatten()"),
                      ("nn.Linear(hidden, 10))", "nn.Linear(hidden, 10)])")]},
        {"test_make_mlp"},
        ("an nn.ModuleList", "never calls them"),
    ),
    # The width solved with /: a float size.
    "mlp_float_width": (
        {"make_mlp": [("hidden = 78", "hidden = (61_706 - 10) / 795")]},
        {"test_make_mlp"},
        ("a layer's size is a float", "A float comes from /", "//"),
    ),
    # The first layer built for one row of the image (28 values), not the flattened 784.
    "mlp_first_layer_takes_a_row": (
        {"make_mlp": [("nn.Linear(28 * 28, hidden)", "nn.Linear(28, hidden)")]},
        {"test_make_mlp"},
        ("the first nn.Linear takes a flattened image's 784 values", "It takes 28"),
    ),
    # The two layers disagree on the hidden width.
    "mlp_widths_disagree": (
        {"make_mlp": [("nn.Linear(hidden, 10))", "nn.Linear(80, 10))")]},
        {"test_make_mlp"},
        ("each nn.Linear takes as many features as the one before gives", "One gives 78 and the next takes 80"),
    ),
    # The lecture's bug fixed on the other side: conv2 kept at 20 maps, fc1 and the view made to fit.
    "fixed_net_fc1_made_to_fit_conv2": (
        {"fixed_net": [("nn.Conv2d(20, 50, 5, 1)", "nn.Conv2d(20, 20, 5, 1)"), ("nn.Linear(4*4*50, 500)", "nn.Linear(4*4*20, 500)"),
                       ("x.view(-1, 4*4*50)", "x.view(-1, 4*4*20)")]},
        {"test_fixed_net"},
        ("conv2's out_channels is 50", "fc1 was changed to take its 4*4*20 features", "Give conv2 50 filters and keep fc1"),
    ),
    # Accepted: the pair returned as a list, which unpacks as the tuple does.
    "accepted_evaluate_as_a_list": (
        {"evaluate": [("    return total_loss / seen, correct / seen", "    return [total_loss / seen, correct / seen]")]},
        set(),
    ),
    # train_one_epoch: the mean loss floor-divided, a whole number.
    "train_mean_loss_floor_division": (
        {"train_one_epoch": [("    return total_loss / seen", "    return total_loss // seen")]},
        {"test_train_one_epoch"},
        "floor division",
    ),
    # Float classes: the values are right, 1.0 for 1, but a class is a whole number (bincount and indexing need it).
    "predict_float_classes": (
        {"predict": [("y_pred.append(scores.argmax(dim=1).cpu())", "y_pred.append(scores.argmax(dim=1).float().cpu())")]},
        {"test_predict"},
        ("y_pred holds its classes as int64 integers", "It holds float32 values", ".float()"),
    ),
    # The labels made floats.
    "predict_labels_as_floats": (
        {"predict": [("y_true.append(y.cpu())", "y_true.append(y.float().cpu())")]},
        {"test_predict"},
        ("y_true holds its classes as int64 integers", "It holds float32 values"),
    ),
    # int32 classes: whole numbers, but not argmax's own int64.
    "predict_int32_classes": (
        {"predict": [("y_pred.append(scores.argmax(dim=1).cpu())", "y_pred.append(scores.argmax(dim=1).int().cpu())")]},
        {"test_predict"},
        ("It holds int32 values", "leave out any conversion"),
    ),
    # NumPy arrays where tensors are asked for.
    "predict_numpy_arrays": (
        {"predict": [("    return torch.cat(y_true), torch.cat(y_pred)",
                      "    return torch.cat(y_true).numpy(), torch.cat(y_pred).numpy()")]},
        {"test_predict"},
        ("returned a NumPy array", "leave out .numpy()"),
    ),
    # The lists of the batches' tensors returned as they are.
    "predict_returns_lists_of_tensors": (
        {"predict": [("    return torch.cat(y_true), torch.cat(y_pred)", "    return y_true, y_pred")]},
        {"test_predict"},
        ("predict returns y_true as one tensor", "the batches' 3 tensors", "torch.cat(...)"),
    ),
    # Plain numbers collected in lists: torch.tensor(values) makes each a tensor.
    "predict_returns_lists_of_numbers": (
        {"predict": [("y_pred.append(scores.argmax(dim=1).cpu())", "y_pred.extend(scores.argmax(dim=1).tolist())"),
                     ("y_true.append(y.cpu())", "y_true.extend(y.tolist())"),
                     ("    return torch.cat(y_true), torch.cat(y_pred)", "    return y_true, y_pred")]},
        {"test_predict"},
        ("a Python list of 5 values", "torch.tensor(values)"),
    ),
    # The classes kept with a dimension of size 1.
    "predict_keepdim": (
        {"predict": [("scores.argmax(dim=1).cpu()", "scores.argmax(dim=1, keepdim=True).cpu()")]},
        {"test_predict"},
        "argmax(dim=1, keepdim=True)",
    ),
    # The highest probabilities where their classes go.
    "predict_max_probabilities": (
        {"predict": [("scores.argmax(dim=1).cpu()", "scores.softmax(dim=1).max(dim=1)[0].cpu()")]},
        {"test_predict"},
        ("the highest probabilities, not their classes", "(values, indices)"),
    ),
    # Right, in another form: the classes collected as numbers and made one tensor at the end.
    "accepted_predict_numbers_made_a_tensor": (
        {"predict": [("y_pred.append(scores.argmax(dim=1).cpu())", "y_pred.extend(scores.argmax(dim=1).tolist())"),
                     ("y_true.append(y.cpu())", "y_true.extend(y.tolist())"),
                     ("    return torch.cat(y_true), torch.cat(y_pred)", "    return torch.tensor(y_true), torch.tensor(y_pred)")]},
        set(),
    ),
    # optimizer.step() twice per batch: the second step finds the same gradients (and then a zero one), nothing cleared.
    "train_steps_twice": (
        {"train_one_epoch": [("        optimizer.step()\n", "        optimizer.step()\n        optimizer.step()\n")]},
        {"test_train_one_epoch"},
        ("optimizer.step() is called 2 times after one loss.backward()", "once per batch"),
    ),
    # The count kept as a tensor, though the loss was added with .item(): a tensor without a graph comes back.
    "train_count_as_a_tensor": (
        {"train_one_epoch": [("        seen += len(y)", "        seen += torch.tensor(len(y))")]},
        {"test_train_one_epoch"},
        ("a tensor, though without a graph", "the count", "len(y) to a count"),
    ),
    # The running total started as a tensor.
    "train_total_as_a_tensor": (
        {"train_one_epoch": [("total_loss, seen = 0.0, 0", "total_loss, seen = torch.zeros(1), 0")]},
        {"test_train_one_epoch"},
        ("a tensor, though without a graph", "the running total"),
    ),
    # The loss detached, not made a number: no graph kept, but a tensor comes back.
    "train_loss_detached": (
        {"train_one_epoch": [("total_loss += loss.item() * len(y)", "total_loss += loss.detach() * len(y)")]},
        {"test_train_one_epoch"},
        ("a tensor, though without a graph", "loss.detach()"),
    ),
    # Right, in another form: the count from y.shape[0], and the mean made a float at the end.
    "accepted_train_count_from_shape": (
        {"train_one_epoch": [("        seen += len(y)", "        seen += y.shape[0]"),
                             ("    return total_loss / seen", "    return float(total_loss / seen)")]},
        set(),
    ),
    # model.train without its parentheses: the method named, never called.
    "train_mode_without_parentheses": (
        {"train_one_epoch": [("    model.train()\n", "    model.train\n")]},
        {"test_train_one_epoch"},
        ("train_one_epoch puts the model in training mode", "with its parentheses"),
    ),
    # fc2's sizes swapped: named at fc2, before the forward pass meets the error it causes.
    "lenet_fc2_sizes_swapped": (
        {"lenet5": [("nn.Linear(120, 84)", "nn.Linear(84, 120)")]},
        {"test_lenet5"},
        ("fc2 is nn.Linear(120, 84)", "Its two sizes are swapped"),
    ),
    "lenet_fc1_sizes_swapped": (
        {"lenet5": [("nn.Linear(16 * 5 * 5, 120)", "nn.Linear(120, 16 * 5 * 5)")]},
        {"test_lenet5"},
        ("fc1 is nn.Linear(400, 120)", "Its two sizes are swapped"),
    ),
    # fc1's inputs counted as if the maps were 4x4.
    "lenet_fc1_inputs_miscounted": (
        {"lenet5": [("nn.Linear(16 * 5 * 5, 120)", "nn.Linear(16 * 4 * 4, 120)")]},
        {"test_lenet5"},
        ("It is nn.Linear(256, 120)", "16 * 5 * 5 = 400"),
    ),
    # __init__ without super().__init__(): the first layer cannot be kept.
    "lenet_without_super_init": (
        {"lenet5": [("        super().__init__()\n", "")]},
        {"test_lenet5"},
        ("cannot assign module before Module.__init__() call", "start __init__ with super().__init__()"),
    ),
    # Dropout before fc3, which the table does not have: the scores change from call to call.
    "lenet_dropout_before_fc3": (
        {"lenet5": [("return self.fc3(x)", "return self.fc3(F.dropout(x, 0.5, self.training))")]},
        {"test_lenet5"},
        ("gives the same scores twice", "dropout"),
    ),
    # Dropout as a module, as the PyTorch MNIST example's later versions have it.
    "fixed_net_dropout": (
        {"fixed_net": [("        self.fc2 = nn.Linear(500, 10)\n",
                        "        self.fc2 = nn.Linear(500, 10)\n        self.dropout = nn.Dropout(0.5)\n"),
                       ("        x = self.fc2(x)", "        x = self.fc2(self.dropout(x))")]},
        {"test_fixed_net"},
        ("FixedNet gives the same output twice", "dropout"),
    ),
    # super(Net, self) kept from the original, after the rename.
    "fixed_net_super_names_net": (
        {"fixed_net": [("super(FixedNet, self)", "super(Net, self)")]},
        {"test_fixed_net"},
        ("name 'Net' is not defined", "super(Net, self) still names the class by its old name"),
    ),
    # A ReLU after fc2, before log_softmax.
    "fixed_net_relu_after_fc2": (
        {"fixed_net": [("x = self.fc2(x)", "x = F.relu(self.fc2(x))")]},
        {"test_fixed_net"},
        "a ReLU after fc2",
    ),
    # Right, in another form: super().__init__() in the renamed class.
    "accepted_fixed_net_plain_super": (
        {"fixed_net": [("super(FixedNet, self).__init__()", "super().__init__()")]},
        set(),
    ),
    # nn.Flatten given as the class, not called: nn.Sequential gets no layer.
    "mlp_flatten_not_called": (
        {"make_mlp": [("nn.Sequential(nn.Flatten(), nn.Linear", "nn.Sequential(nn.Flatten, nn.Linear")]},
        {"test_make_mlp"},
        ("nn.Flatten is the class, not a layer", "call it, nn.Flatten()"),
    ),
    "mlp_relu_not_called": (
        {"make_mlp": [("nn.ReLU(), nn.Linear(hidden, 10)", "nn.ReLU, nn.Linear(hidden, 10)")]},
        {"test_make_mlp"},
        "nn.ReLU is the class, not a layer",
    ),
    # The function F.relu where a layer goes.
    "mlp_functional_relu": (
        {"make_mlp": [("nn.ReLU(), nn.Linear(hidden, 10)", "F.relu, nn.Linear(hidden, 10)")]},
        {"test_make_mlp"},
        ("relu here is a function, not a layer", "use the module nn.ReLU()"),
    ),
    # The return inside evaluate's loop: the first batch alone.
    "evaluate_returns_inside_the_loop": (
        {"evaluate": [("    return total_loss / seen, correct / seen", "            return total_loss / seen, correct / seen")]},
        {"test_evaluate"},
        ("the first batch's loss alone", "a return (or a break) inside the loop"),
    ),
    # The highest scores compared with the labels.
    "evaluate_max_values": (
        {"evaluate": [("(y_hat.argmax(dim=1) == y)", "(y_hat.max(dim=1).values == y)")]},
        {"test_evaluate"},
        ("the highest scores compared with the labels", "(values, indices)"),
    ),
    # The count of examples kept as a tensor: both results are tensors though .item() was used.
    "evaluate_count_as_a_tensor": (
        {"evaluate": [("            seen += len(y)", "            seen += torch.tensor(len(y))")]},
        {"test_evaluate"},
        ("both are tensors", "the count of examples"),
    ),
    # The right answers added up without .item(): the accuracy alone is a tensor.
    "evaluate_correct_without_item": (
        {"evaluate": [("(y_hat.argmax(dim=1) == y).sum().item()", "(y_hat.argmax(dim=1) == y).sum()")]},
        {"test_evaluate"},
        ("the accuracy is a tensor", "without .item()"),
    ),
    # model.eval without its parentheses.
    "evaluate_eval_without_parentheses": (
        {"evaluate": [("    model.eval()\n", "    model.eval\n")]},
        {"test_evaluate"},
        ("evaluate puts the model in evaluation mode", "with its parentheses"),
    ),
    "predict_eval_without_parentheses": (
        {"predict": [("    model.eval()\n", "    model.eval\n")]},
        {"test_predict"},
        ("predict puts the model in evaluation mode", "with its parentheses"),
    ),
    # Right, in another form: the accuracy counted as a tensor and made a number at the end.
    "accepted_evaluate_count_made_a_number": (
        {"evaluate": [("(y_hat.argmax(dim=1) == y).sum().item()", "(y_hat.argmax(dim=1) == y).sum()"),
                      ("return total_loss / seen, correct / seen", "return total_loss / seen, correct.item() / seen")]},
        set(),
    ),
    # sklearn's confusion_matrix without labels=: only the labels that occur get a row.
    "confusion_sklearn_without_labels": (
        {"confusion_matrix": [("""    matrix = torch.zeros(num_classes, num_classes, dtype=torch.int64)
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        matrix[t, p] += 1
    return matrix""", """    from sklearn.metrics import confusion_matrix as counted
    return torch.from_numpy(counted(y_true.numpy(), y_pred.numpy()))""")]},
        {"test_confusion_matrix"},
        ("It has shape (1, 1)", "without labels=", "never occur"),
    ),
    # Right, in another form: sklearn's with labels=range(num_classes).
    "accepted_confusion_sklearn_with_labels": (
        {"confusion_matrix": [("""    matrix = torch.zeros(num_classes, num_classes, dtype=torch.int64)
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        matrix[t, p] += 1
    return matrix""", """    from sklearn.metrics import confusion_matrix as counted
    return torch.from_numpy(counted(y_true.numpy(), y_pred.numpy(), labels=range(num_classes)))""")]},
        set(),
    ),
    # One row and column too many.
    "confusion_one_class_too_many": (
        {"confusion_matrix": [("torch.zeros(num_classes, num_classes, dtype=torch.int64)",
                               "torch.zeros(num_classes + 1, num_classes + 1, dtype=torch.int64)")]},
        {"test_confusion_matrix"},
        "one class too many",
    ),
    # The rows returned in a list.
    "confusion_list_of_rows": (
        {"confusion_matrix": [("    return matrix", "    return [row for row in matrix]")]},
        {"test_confusion_matrix"},
        ("confusion_matrix returns one tensor", "torch.stack(rows)"),
    ),
    # conv2's output pooled twice, fc1 kept at 400 or made to fit the 64 values that arrive.
    "lenet_pooled_twice_after_conv2": (
        {"lenet5": [("x = self.pool(F.relu(self.conv2(x)))", "x = self.pool(self.pool(F.relu(self.conv2(x))))")]},
        {"test_lenet5"},
        ("conv2's output is pooled twice", "pool once after each convolution"),
    ),
    "lenet_pooled_twice_after_conv2_fc1_made_to_fit": (
        {"lenet5": [("x = self.pool(F.relu(self.conv2(x)))", "x = self.pool(self.pool(F.relu(self.conv2(x))))"),
                    ("nn.Linear(16 * 5 * 5, 120)", "nn.Linear(16 * 2 * 2, 120)")]},
        {"test_lenet5"},
        "conv2's output is pooled twice",
    ),
    # One 4x4 pooling after conv2 gives what two 2x2 poolings give; the message names both.
    "lenet_functional_pool_window_four": (
        {"lenet5": [("x = self.pool(F.relu(self.conv2(x)))", "x = F.max_pool2d(F.relu(self.conv2(x)), 4)")]},
        {"test_lenet5"},
        "once with a 4x4 window",
    ),
    # Three input channels, as for colour images.
    "lenet_conv1_three_input_channels": (
        {"lenet5": [("nn.Conv2d(1, 6, kernel_size=5, padding=2)", "nn.Conv2d(3, 6, kernel_size=5, padding=2)")]},
        {"test_lenet5"},
        ("conv1 takes 1 input channel", "MNIST's images are grey"),
    ),
    # conv2 from 16 channels, as if it took its own output.
    "lenet_conv2_sixteen_input_channels": (
        {"lenet5": [("nn.Conv2d(6, 16, kernel_size=5)", "nn.Conv2d(16, 16, kernel_size=5)")]},
        {"test_lenet5"},
        ("conv2 takes 6 input channels", "the 6 maps that conv1 gives"),
    ),
    # super().__init__() called after the layers: a named line, not a hint.
    "lenet_super_init_after_layers": (
        {"lenet5": [("        super().__init__()\n", ""),
                    ("        self.fc3 = nn.Linear(84, 10)\n", "        self.fc3 = nn.Linear(84, 10)\n        super().__init__()\n")]},
        {"test_lenet5"},
        ("LeNet5's __init__ calls super().__init__() before it creates a layer", "comes after a layer"),
    ),
    # view's arguments swapped: 800 rows of 3 values.
    "fixed_net_view_arguments_swapped": (
        {"fixed_net": [("x = x.view(-1, 4*4*50)", "x = x.view(4*4*50, -1)")]},
        {"test_fixed_net"},
        ("view's arguments are swapped", "x.view(-1, 4*4*50)"),
    ),
    # The whole batch flattened into one row.
    "fixed_net_view_flattens_the_batch": (
        {"fixed_net": [("x = x.view(-1, 4*4*50)", "x = x.view(1, -1)")]},
        {"test_fixed_net"},
        "each row must be one image's 800 values",
    ),
    # No pooling after conv2, and a view that keeps the batch: 3200 values per image.
    "fixed_net_no_pooling_after_conv2_batch_kept": (
        {"fixed_net": [("        x = F.max_pool2d(x, 2, 2)\n        x = x.view(-1, 4*4*50)",
                        "        x = x.view(x.size(0), -1)")]},
        {"test_fixed_net"},
        ("conv2's 8x8 maps are not pooled", "F.max_pool2d(x, 2, 2) after conv2"),
    ),
    # Average pooling after conv2 alone.
    "fixed_net_average_pooling_after_conv2": (
        {"fixed_net": [("        x = F.max_pool2d(x, 2, 2)\n        x = x.view", "        x = F.avg_pool2d(x, 2, 2)\n        x = x.view")]},
        {"test_fixed_net"},
        ("what fc1 receives", "average pooling"),
    ),
    # zero_grad, backward and step named without their parentheses: never called.
    "train_zero_grad_without_parentheses": (
        {"train_one_epoch": [("optimizer.zero_grad()", "optimizer.zero_grad")]},
        {"test_train_one_epoch"},
        ("optimizer.zero_grad() is never called", "without its parentheses"),
    ),
    "train_backward_without_parentheses": (
        {"train_one_epoch": [("loss.backward()", "loss.backward")]},
        {"test_train_one_epoch"},
        ("loss.backward() is never called", "without its parentheses"),
    ),
    "train_step_without_parentheses": (
        {"train_one_epoch": [("optimizer.step()", "optimizer.step")]},
        {"test_train_one_epoch"},
        ("optimizer.step() is never called", "without its parentheses"),
    ),
    # = where += goes: only the last batch's loss, or the last batch's count of examples.
    "train_total_replaced": (
        {"train_one_epoch": [("total_loss += loss.item() * len(y)", "total_loss = loss.item() * len(y)")]},
        {"test_train_one_epoch"},
        ("only the last batch's loss kept", "add to it with +="),
    ),
    "train_count_replaced": (
        {"train_one_epoch": [("seen += len(y)", "seen = len(y)")]},
        {"test_train_one_epoch"},
        ("the sum over the examples", "seen = len(y) holds only the last batch's"),
    ),
    "evaluate_total_replaced": (
        {"evaluate": [("total_loss += loss_fn(y_hat, y).item() * len(y)", "total_loss = loss_fn(y_hat, y).item() * len(y)")]},
        {"test_evaluate"},
        ("only the last batch's loss kept", "add to it with +="),
    ),
    "evaluate_correct_replaced": (
        {"evaluate": [("correct += (y_hat.argmax(dim=1) == y).sum().item()", "correct = (y_hat.argmax(dim=1) == y).sum().item()")]},
        {"test_evaluate"},
        ("only the last batch's right answers kept", "add to it with +="),
    ),
    "evaluate_count_replaced": (
        {"evaluate": [("seen += len(y)", "seen = len(y)")]},
        {"test_evaluate"},
        ("the sum over the examples", "seen = len(y) holds only the last batch's"),
    ),
    # The classes kept as a column: (N, 1) == (N,) counts every matching (prediction, label) pair.
    "evaluate_keepdim": (
        {"evaluate": [("(y_hat.argmax(dim=1) == y)", "(y_hat.argmax(dim=1, keepdim=True) == y)")]},
        {"test_evaluate"},
        ("argmax(dim=1, keepdim=True)", "broadcasts to (N, N)"),
    ),
    "evaluate_labels_as_a_column": (
        {"evaluate": [("(y_hat.argmax(dim=1) == y)", "(y_hat.argmax(dim=1) == y.unsqueeze(1))")]},
        {"test_evaluate"},
        "broadcasts to (N, N)",
    ),
    # A softmax before nn.CrossEntropyLoss, which applies its own.
    "evaluate_softmax_before_the_loss": (
        {"evaluate": [("loss_fn(y_hat, y)", "loss_fn(y_hat.softmax(dim=1), y)")]},
        {"test_evaluate"},
        "a softmax before the loss",
    ),
    # The last example (or the first) left out of the count.
    "confusion_skips_the_last_example": (
        {"confusion_matrix": [("    for t, p in zip(y_true.tolist(), y_pred.tolist()):\n        matrix[t, p] += 1",
                               "    for i in range(len(y_true) - 1):\n        matrix[y_true[i], y_pred[i]] += 1")]},
        {"test_confusion_matrix"},
        "the last example left out",
    ),
    "confusion_skips_the_first_example": (
        {"confusion_matrix": [("    for t, p in zip(y_true.tolist(), y_pred.tolist()):\n        matrix[t, p] += 1",
                               "    for i in range(1, len(y_true)):\n        matrix[y_true[i], y_pred[i]] += 1")]},
        {"test_confusion_matrix"},
        "the first example left out",
    ),
    # Right, in another form: a loop over indices.
    "accepted_confusion_loop_over_indices": (
        {"confusion_matrix": [("    for t, p in zip(y_true.tolist(), y_pred.tolist()):\n        matrix[t, p] += 1",
                               "    for i in range(len(y_true)):\n        matrix[y_true[i], y_pred[i]] += 1")]},
        set(),
    ),
    # Dropout in the MLP.
    "mlp_dropout": (
        {"make_mlp": [("nn.ReLU(), nn.Linear(hidden, 10)", "nn.ReLU(), nn.Dropout(0.5), nn.Linear(hidden, 10)")]},
        {"test_make_mlp"},
        ("the MLP gives the same scores twice", "dropout"),
    ),
    # The loader's batch size for every batch, in the total and in the count: the mean of the batches' losses.
    "train_batch_size_in_total_and_count": (
        {"train_one_epoch": [("total_loss += loss.item() * len(y)", "total_loss += loss.item() * loader.batch_size"),
                             ("seen += len(y)", "seen += loader.batch_size")]},
        {"test_train_one_epoch"},
        ("loader.batch_size used for every batch in both the total and the count", "len(y) to the count"),
    ),
    # The mean loss rounded before it is returned.
    "train_rounds_the_mean": (
        {"train_one_epoch": [("return total_loss / seen", "return round(total_loss / seen, 2)")]},
        {"test_train_one_epoch"},
        "the mean loss rounded to 2 decimals (round(total / n, 2))",
    ),
    # Rows and columns swapped, with torch.bincount: the predicted class times num_classes.
    "confusion_bincount_transposed": (
        {"confusion_matrix": [("""    matrix = torch.zeros(num_classes, num_classes, dtype=torch.int64)
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        matrix[t, p] += 1
    return matrix""", """    pairs = y_pred * num_classes + y_true
    return torch.bincount(pairs, minlength=num_classes ** 2).reshape(num_classes, num_classes)""")]},
        {"test_confusion_matrix"},
        "rows and columns swapped, matrix[predicted, true]",
    ),
    # A 3x3 kernel in conv1 with padding 1: the maps stay 28x28, so only the settings tell.
    "lenet_conv1_kernel_three_padding_one": (
        {"lenet5": [("nn.Conv2d(1, 6, kernel_size=5, padding=2)", "nn.Conv2d(1, 6, 3, padding=1)")]},
        {"test_lenet5"},
        ("conv1 has the table's settings", "conv1's kernel is 3x3 where the table's is 5x5"),
    ),
    # A 3x3 kernel in conv2 with padding 1: 14x14 maps where the table's are 10x10.
    "lenet_conv2_kernel_three_padding_one": (
        {"lenet5": [("nn.Conv2d(6, 16, kernel_size=5)", "nn.Conv2d(6, 16, kernel_size=3, padding=1)")]},
        {"test_lenet5"},
        "conv2's kernel is 3x3 where the table's is 5x5",
    ),
    # The design changed in a convolution: padding added, or another kernel size or stride.
    "fixed_net_conv1_padded": (
        {"fixed_net": [("nn.Conv2d(1, 20, 5, 1)", "nn.Conv2d(1, 20, 5, 1, 2)")]},
        {"test_fixed_net"},
        ("conv1 keeps the original's settings", "It has padding=2"),
    ),
    "fixed_net_conv2_padded": (
        {"fixed_net": [("nn.Conv2d(20, 50, 5, 1)", "nn.Conv2d(20, 50, 5, 1, padding=2)")]},
        {"test_fixed_net"},
        ("conv2 keeps the original's settings", "It has padding=2"),
    ),
    "fixed_net_conv1_padding_same": (
        {"fixed_net": [("nn.Conv2d(1, 20, 5, 1)", "nn.Conv2d(1, 20, 5, 1, padding='same')")]},
        {"test_fixed_net"},
        "It has padding='same'",
    ),
    "fixed_net_conv2_stride_2": (
        {"fixed_net": [("nn.Conv2d(20, 50, 5, 1)", "nn.Conv2d(20, 50, 5, 2)")]},
        {"test_fixed_net"},
        "It has stride=2",
    ),
    "fixed_net_conv1_kernel_3_padding_1": (
        {"fixed_net": [("nn.Conv2d(1, 20, 5, 1)", "nn.Conv2d(1, 20, 3, 1, 1)")]},
        {"test_fixed_net"},
        "It has kernel_size=3, padding=1",
    ),
    # Walk 5's findings, each now named in words.
    # Each batch's accuracy (a mean) added up, then divided by the number of examples: 0.4 on the check's batches,
    # as the classes taken over the wrong dimension give; the same examples in one batch tell them apart.
    "evaluate_batch_means_added_over_examples": (
        {"evaluate": [("correct += (y_hat.argmax(dim=1) == y).sum().item()",
                       "correct += (y_hat.argmax(dim=1) == y).float().mean().item()")]},
        {"test_evaluate"},
        ("each batch's accuracy (a mean over its examples) added up", "not their .mean()"),
    ),
    # int(...) or round(...) around a true division: an int, 0 or 1.
    "evaluate_int_around_the_fraction": (
        {"evaluate": [("return total_loss / seen, correct / seen", "return total_loss / seen, int(correct / seen)")]},
        {"test_evaluate"},
        ("int(...) or round(...) around the fraction", "Divide with /"),
    ),
    "evaluate_round_around_the_fraction": (
        {"evaluate": [("return total_loss / seen, correct / seen", "return total_loss / seen, round(correct / seen)")]},
        {"test_evaluate"},
        ("the accuracy is 1, an int", "int(...) or round(...) around the fraction"),
    ),
    # LeNet5's pooled maps flattened wrong, the layers right: the view is named, not the layers.
    "lenet_view_arguments_swapped": (
        {"lenet5": [("x = x.flatten(1)", "x = x.view(400, -1)")]},
        {"test_lenet5"},
        ("The view's arguments are swapped", "The batch comes first"),
    ),
    "lenet_view_sixteen_by_four_by_four": (
        {"lenet5": [("x = x.flatten(1)", "x = x.view(-1, 16*4*4)")]},
        {"test_lenet5"},
        ("The view asks for 256 features per image", "16 * 4 * 4 = 256 is for 28x28 images without padding"),
    ),
    "lenet_view_two_hundred": (
        {"lenet5": [("x = x.flatten(1)", "x = x.view(-1, 200)")]},
        {"test_lenet5"},
        ("The 800 values are cut into 4 rows of 200", "x.flatten(1)"),
    ),
    "lenet_view_batch_hard_coded": (
        {"lenet5": [("x = x.flatten(1)", "x = x.view(64, -1)")]},
        {"test_lenet5"},
        ("The view fixes the batch at 64 images", "x.view(x.size(0), -1)"),
    ),
    # FixedNet's view with a wrong number or a fixed batch, the layers right; the first pooling left out.
    "fixed_net_view_number_wrong": (
        {"fixed_net": [("x = x.view(-1, 4*4*50)", "x = x.view(-1, 4*4*50*4)")]},
        {"test_fixed_net"},
        ("the view asks for 3200 values per image", "the layers are right"),
    ),
    "fixed_net_view_batch_hard_coded": (
        {"fixed_net": [("x = x.view(-1, 4*4*50)", "x = x.view(64, -1)")]},
        {"test_fixed_net"},
        ("The forward pass stops at the view", "the view fixes the batch at 64 images"),
    ),
    "fixed_net_no_pooling_after_conv1": (
        {"fixed_net": [("        x = F.relu(self.conv1(x))\n        x = F.max_pool2d(x, 2, 2)\n",
                        "        x = F.relu(self.conv1(x))\n")]},
        {"test_fixed_net"},
        ("conv2 receives conv1's maps after ReLU and 2x2 max pooling", "conv1's 24x24 maps are not pooled"),
    ),
    "fixed_net_pooling_after_conv1_with_stride_1": (
        {"fixed_net": [("        x = F.relu(self.conv1(x))\n        x = F.max_pool2d(x, 2, 2)\n",
                        "        x = F.relu(self.conv1(x))\n        x = F.max_pool2d(x, 2, 1)\n")]},
        {"test_fixed_net"},
        ("It receives (20, 23, 23)", "halves each side"),
    ),
    # Counts kept in a list of Python floats, then made a tensor: float32.
    "confusion_python_float_counts": (
        {"confusion_matrix": [("""    matrix = torch.zeros(num_classes, num_classes, dtype=torch.int64)
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        matrix[t, p] += 1
    return matrix""", """    matrix = [[0.0] * num_classes for _ in range(num_classes)]
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        matrix[t][p] += 1
    return torch.tensor(matrix)""")]},
        {"test_confusion_matrix"},
        ("It holds float32 values", "counts kept as Python floats (started from 0.0, not 0)"),
    ),
    "train_rounds_the_mean_to_three_decimals": (
        {"train_one_epoch": [("return total_loss / seen", "return round(total_loss / seen, 3)")]},
        {"test_train_one_epoch"},
        "the mean loss rounded to 3 decimals (round(total / n, 3))",
    ),
    # .item() taken before backward: the loss is a float, which has no backward.
    "train_item_before_backward": (
        {"train_one_epoch": [("        loss = loss_fn(y_hat, y)                          # the mean over the batch, 0-d\n"
                              "        loss.backward()\n        optimizer.step()\n        total_loss += loss.item() * len(y)",
                              "        loss = loss_fn(y_hat, y).item()\n"
                              "        loss.backward()\n        optimizer.step()\n        total_loss += loss * len(y)")]},
        {"test_train_one_epoch"},
        ("the loss is a plain Python number here: .item() was taken before backward", "Keep the tensor"),
    ),
    # loss.item without its parentheses.
    "train_item_without_parentheses": (
        {"train_one_epoch": [("total_loss += loss.item() * len(y)", "total_loss += loss.item * len(y)")]},
        {"test_train_one_epoch"},
        ("loss.item names the method", "loss.item() calls it"),
    ),
    # torch.no_grad without its parentheses, in evaluate and in predict.
    "evaluate_no_grad_without_parentheses": (
        {"evaluate": [("    with torch.no_grad():\n", "    with torch.no_grad:\n")]},
        {"test_evaluate"},
        ("torch.no_grad is a class", "`with torch.no_grad():`"),
    ),
    "predict_no_grad_without_parentheses": (
        {"predict": [("    with torch.no_grad():\n", "    with torch.no_grad:\n")]},
        {"test_predict"},
        ("torch.no_grad is a class", "`with torch.no_grad():`"),
    ),
    # .max(dim=1) used as if it gave the classes.
    "predict_max_pair_used_as_classes": (
        {"predict": [("y_pred.append(scores.argmax(dim=1).cpu())", "y_pred.append(scores.max(dim=1).cpu())")]},
        {"test_predict"},
        (".max(dim=1) returns a pair (values, indices)", "scores.argmax(dim=1)"),
    ),
    "predict_max_pair_joined": (
        {"predict": [("y_pred.append(scores.argmax(dim=1).cpu())", "y_pred.append(scores.max(dim=1))")]},
        {"test_predict"},
        (".max(dim=1) returns a pair (values, indices)", "scores.argmax(dim=1)"),
    ),
    # No return: the function gives None (the result is built, then dropped).
    "train_no_return": (
        {"train_one_epoch": [("    return total_loss / seen", "    mean_loss = total_loss / seen")]},
        {"test_train_one_epoch"},
        ("It returned None", "has no `return`"),
    ),
    "evaluate_no_return": (
        {"evaluate": [("    return total_loss / seen, correct / seen", "    result = total_loss / seen, correct / seen")]},
        {"test_evaluate"},
        ("It returned None", "has no `return`"),
    ),
    "predict_no_return": (
        {"predict": [("    return torch.cat(y_true), torch.cat(y_pred)", "    y_true, y_pred = torch.cat(y_true), torch.cat(y_pred)")]},
        {"test_predict"},
        ("It returned None", "has no `return`"),
    ),
    "confusion_no_return": (
        {"confusion_matrix": [("    return matrix", "    matrix = matrix")]},
        {"test_confusion_matrix"},
        ("returned None", "Did you forget `return`"),
    ),
    "mlp_no_return": (
        {"make_mlp": [("    return nn.Sequential(", "    mlp = nn.Sequential(")]},
        {"test_make_mlp"},
        ("It returned None", "has no `return`", "return nn.Sequential(...)"),
    ),
    # predict returning one tensor of the two.
    "predict_returns_the_predictions_alone": (
        {"predict": [("    return torch.cat(y_true), torch.cat(y_pred)", "    return torch.cat(y_pred)")]},
        {"test_predict"},
        ("predict returns a pair (y_true, y_pred)", "It returned Tensor"),
    ),
    # --- found by the new-student walk (s12) ---
    # The flatten forgotten: conv2's pooled maps reach fc1 as (16, 5, 5); named as a flatten, not a pooling.
    "lenet_flatten_forgotten": (
        {"lenet5": [("        x = x.flatten(1)                             # (N, 400)\n", "")]},
        {"test_lenet5"},
        ("not flattened", "x = x.flatten(1)"),
    ),
    # The flatten's result not kept.
    "lenet_flatten_not_kept": (
        {"lenet5": [("x = x.flatten(1)", "x.flatten(1)")]},
        {"test_lenet5"},
        ("not flattened", "leaves x as it was"),
    ),
    "lenet_view_not_kept": (
        {"lenet5": [("x = x.flatten(1)", "x.view(-1, 400)")]},
        {"test_lenet5"},
        ("not flattened", "leaves x as it was"),
    ),
    # flatten(-1) flattens the last dimension alone: nothing changes.
    "lenet_flatten_last_dimension": (
        {"lenet5": [("x = x.flatten(1)", "x = x.flatten(-1)")]},
        {"test_lenet5"},
        ("not flattened", "x.flatten(-1)"),
    ),
    # fc1 made in forward, to its input's size: a new layer with new weights at every call.
    "lenet_fc1_made_in_forward": (
        {"lenet5": [("        self.fc1 = nn.Linear(16 * 5 * 5, 120)\n", ""),
                    ("        x = F.relu(self.fc1(x))",
                     "        self.fc1 = nn.Linear(x.shape[1], 120)\n        x = F.relu(self.fc1(x))")]},
        {"test_lenet5"},
        ("creates its layers once", "forward creates self.fc1"),
    ),
    # Every linear layer made in forward.
    "lenet_linear_layers_made_in_forward": (
        {"lenet5": [("        self.fc1 = nn.Linear(16 * 5 * 5, 120)\n        self.fc2 = nn.Linear(120, 84)\n"
                     "        self.fc3 = nn.Linear(84, 10)\n", ""),
                    ("        x = F.relu(self.fc1(x))",
                     "        self.fc1 = nn.Linear(400, 120)\n        self.fc2 = nn.Linear(120, 84)\n"
                     "        self.fc3 = nn.Linear(84, 10)\n        x = F.relu(self.fc1(x))")]},
        {"test_lenet5"},
        ("creates its layers once", "self.fc1, self.fc2, self.fc3"),
    ),
    # forward misspelt: named as a misspelling, not as indentation.
    "lenet_forward_misspelt": (
        {"lenet5": [("def forward(self, x):", "def foward(self, x):")]},
        {"test_lenet5"},
        ("defines a method called forward", "foward(self, x)"),
    ),
    # Dilation with the padding to match: the maps keep their size, the kernel does not.
    "lenet_conv1_dilated": (
        {"lenet5": [("nn.Conv2d(1, 6, kernel_size=5, padding=2)",
                     "nn.Conv2d(1, 6, kernel_size=5, padding=4, dilation=2)")]},
        {"test_lenet5"},
        "conv1 has dilation 2",
    ),
    "lenet_conv2_dilated": (
        {"lenet5": [("nn.Conv2d(6, 16, kernel_size=5)", "nn.Conv2d(6, 16, kernel_size=5, padding=4, dilation=2)")]},
        {"test_lenet5"},
        "conv2 has dilation 2",
    ),
    # The graph cut in forward: the convolutions would never learn.
    "lenet_flatten_detached": (
        {"lenet5": [("x = x.flatten(1)", "x = x.flatten(1).detach()")]},
        {"test_lenet5"},
        ("gets a gradient from the scores", "conv1.weight", "cuts the graph"),
    ),
    "lenet_fc1_under_no_grad": (
        {"lenet5": [("        x = F.relu(self.fc1(x))",
                     "        with torch.no_grad():\n            x = F.relu(self.fc1(x))")]},
        {"test_lenet5"},
        ("gets a gradient from the scores", "fc1.weight", "cuts the graph"),
    ),
    "lenet_conv1_frozen": (
        {"lenet5": [("        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)\n",
                     "        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)\n"
                     "        self.conv1.weight.requires_grad_(False)\n")]},
        {"test_lenet5"},
        ("gets a gradient from the scores", "conv1.weight gets none"),
    ),
    # The notebook's DEVICE (or the model's) where the argument `device` goes: moved, but elsewhere.
    "train_moves_to_the_global_device": (
        {"train_one_epoch": [("x, y = x.to(device), y.to(device)", "x, y = x.to(DEVICE), y.to(DEVICE)")]},
        {"test_train_one_epoch"},
        ("moved, but not to device", "not to the notebook's DEVICE"),
    ),
    "train_moves_to_the_models_device": (
        {"train_one_epoch": [("x, y = x.to(device), y.to(device)",
                              "x, y = x.to(next(model.parameters()).device), y.to(next(model.parameters()).device)")]},
        {"test_train_one_epoch"},
        ("moved, but not to device", "nor the model's"),
    ),
    "evaluate_moves_to_the_global_device": (
        {"evaluate": [("x, y = x.to(device), y.to(device)", "x, y = x.to(DEVICE), y.to(DEVICE)")]},
        {"test_evaluate"},
        ("moved, but not to device", "not to the notebook's DEVICE"),
    ),
    "predict_moves_to_the_global_device": (
        {"predict": [("model(x.to(device))", "model(x.to(DEVICE))")]},
        {"test_predict"},
        ("moved, but not to device", "model(x.to(device))"),
    ),
    # An optimiser of its own: the one given is never used.
    "train_makes_its_own_optimizer": (
        {"train_one_epoch": [("    model.train()\n",
                              "    model.train()\n    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)\n")]},
        {"test_train_one_epoch"},
        "not through the optimizer argument",
    ),
    # A loss of its own: loss_fn is never called.
    "train_makes_its_own_loss": (
        {"train_one_epoch": [("    model.train()\n", "    model.train()\n    criterion = nn.CrossEntropyLoss()\n"),
                             ("loss = loss_fn(y_hat, y)", "loss = criterion(y_hat, y)")]},
        {"test_train_one_epoch"},
        ("loss_fn was never called", "loss = loss_fn(y_hat, y)"),
    ),
    # The loss scaled by the batch size before backward: the steps are len(y) times too long.
    "train_loss_scaled_before_backward": (
        {"train_one_epoch": [("loss = loss_fn(y_hat, y)", "loss = loss_fn(y_hat, y) * len(y)"),
                             ("total_loss += loss.item() * len(y)", "total_loss += loss.item()")]},
        {"test_train_one_epoch"},
        "multiplied by the batch size before backward",
    ),
    # One step per example: the loop over the dataset.
    "train_loops_over_the_dataset": (
        {"train_one_epoch": [("for x, y in loader:", "for x, y in loader.dataset:")]},
        {"test_train_one_epoch"},
        ("one step per example", "loader.dataset"),
    ),
    # The count started at 1.
    "train_count_starts_at_one": (
        {"train_one_epoch": [("total_loss, seen = 0.0, 0", "total_loss, seen = 0.0, 1")]},
        {"test_train_one_epoch"},
        "the count of examples started at 1",
    ),
    # The loss on the predicted classes, which have no gradient.
    "train_loss_on_argmax": (
        {"train_one_epoch": [("loss = loss_fn(y_hat, y)", "loss = loss_fn(y_hat.argmax(dim=1), y)")]},
        {"test_train_one_epoch"},
        "y_hat.argmax(dim=1)",
    ),
    # The labels made floats: nn.CrossEntropyLoss takes int64 labels.
    "train_targets_made_float": (
        {"train_one_epoch": [("loss = loss_fn(y_hat, y)", "loss = loss_fn(y_hat, y.float())")]},
        {"test_train_one_epoch"},
        ("the labels were converted", "int64"),
    ),
    # The accuracy rounded.
    "evaluate_accuracy_rounded": (
        {"evaluate": [("return total_loss / seen, correct / seen", "return total_loss / seen, round(correct / seen, 2)")]},
        {"test_evaluate"},
        "the accuracy rounded to 2 decimals",
    ),
    "evaluate_accuracy_rounded_to_one_decimal": (
        {"evaluate": [("return total_loss / seen, correct / seen", "return total_loss / seen, round(correct / seen, 1)")]},
        {"test_evaluate"},
        "the accuracy rounded to 1 decimal",
    ),
    "evaluate_loss_rounded": (
        {"evaluate": [("return total_loss / seen, correct / seen", "return round(total_loss / seen, 2), correct / seen")]},
        {"test_evaluate"},
        "the mean loss rounded to 2 decimals",
    ),
    # Predictions that only work for two classes.
    "predict_two_classes_compared": (
        {"predict": [("y_pred.append(scores.argmax(dim=1).cpu())",
                      "y_pred.append((scores[:, 1] > scores[:, 0]).long().cpu())")]},
        {"test_predict"},
        "only tell class 1 from class 0",
    ),
    "predict_second_probability_rounded": (
        {"predict": [("y_pred.append(scores.argmax(dim=1).cpu())",
                      "y_pred.append(scores.softmax(1)[:, 1].round().long().cpu())")]},
        {"test_predict"},
        "only tell class 1 from class 0",
    ),
    # make_mlp using another answer cell's class, which the grader runs without.
    "mlp_width_from_lenet5": (
        {"make_mlp": [("    hidden = 78   # 784 * 78 + 78 + 78 * 10 + 10 = 62,020",
                       "    hidden = (sum(p.numel() for p in LeNet5().parameters()) - 10) // 795")]},
        {"test_make_mlp"},
        ("uses no name from another answer cell", "LeNet5"),
    ),
    # Flattened from dimension 2: (16, 25) per image reaches fc1.
    "lenet_flattened_from_dimension_two": (
        {"lenet5": [("x = x.flatten(1)", "x = x.flatten(2)")]},
        {"test_lenet5"},
        ("not flattened into one row", "from dimension 1 on"),
    ),
    # A layer's class where the layer goes.
    "lenet_pool_class_not_called": (
        {"lenet5": [("self.pool = nn.MaxPool2d(2)", "self.pool = nn.MaxPool2d")]},
        {"test_lenet5"},
        ("self.pool is the class nn.MaxPool2d", "nn.MaxPool2d(2)"),
    ),
    # Pooling with padding: 15x15 maps where 14x14 go.
    "lenet_pool_padded": (
        {"lenet5": [("self.pool = nn.MaxPool2d(2)", "self.pool = nn.MaxPool2d(2, padding=1)")]},
        {"test_lenet5"},
        "pool has padding 1",
    ),
    # fc3 never applied: fc2's 84 values come out.
    "lenet_fc3_result_not_kept": (
        {"lenet5": [("        return self.fc3(x)                           # (N, 10)",
                     "        self.fc3(x)\n        return x")]},
        {"test_lenet5"},
        ("forward returns fc2's output", "not kept"),
    ),
    "lenet_returns_after_fc1": (
        {"lenet5": [("        x = F.relu(self.fc1(x))                      # (N, 120)",
                     "        return F.relu(self.fc1(x))")]},
        {"test_lenet5"},
        "forward never calls fc2, fc3",
    ),
    # enumerate(loader) where the loader goes.
    "train_enumerates_the_loader": (
        {"train_one_epoch": [("for x, y in loader:", "for x, y in enumerate(loader):")]},
        {"test_train_one_epoch"},
        "for i, (x, y) in enumerate(loader)",
    ),
    # The labels made a column for the loss.
    "train_targets_made_a_column": (
        {"train_one_epoch": [("loss = loss_fn(y_hat, y)", "loss = loss_fn(y_hat, y.view(-1, 1))")]},
        {"test_train_one_epoch"},
        "the labels were reshaped",
    ),
    # evaluate weighting each batch by loader.batch_size.
    "evaluate_loss_weighted_by_batch_size": (
        {"evaluate": [("total_loss += loss_fn(y_hat, y).item() * len(y)",
                       "total_loss += loss_fn(y_hat, y).item() * loader.batch_size")]},
        {"test_evaluate"},
        "loader.batch_size",
    ),
    # A 10 x 10 matrix whatever num_classes is.
    "confusion_ten_classes_fixed": (
        {"confusion_matrix": [("torch.zeros(num_classes, num_classes", "torch.zeros(10, 10")]},
        {"test_confusion_matrix"},
        "a 10 x 10 matrix",
    ),
    # The copy's class left called Net.
    "fixed_net_not_renamed": (
        {"fixed_net": [("class FixedNet(nn.Module):", "class Net(nn.Module):"),
                       ("super(FixedNet, self)", "super(Net, self)")]},
        {"test_fixed_net"},
        ("a class called FixedNet", "It defines Net"),
    ),
    # argmax without dim: one number per batch.
    "predict_argmax_without_dim": (
        {"predict": [("scores.argmax(dim=1)", "scores.argmax()")]},
        {"test_predict"},
        ("argmax() without dim", "scores.argmax(dim=1)"),
    ),
    # The batches' predictions joined along dimension 1.
    "predict_cat_along_dimension_one": (
        {"predict": [("torch.cat(y_pred)", "torch.cat(y_pred, dim=1)")]},
        {"test_predict"},
        "along dimension 0",
    ),
    # nn.Flatten(2): the channel kept apart, (N, 1, 784).
    "mlp_flatten_from_dimension_two": (
        {"make_mlp": [("nn.Flatten()", "nn.Flatten(2)")]},
        {"test_make_mlp"},
        ("one row of 784 values", "nn.Flatten()"),
    ),
    # nn.LazyLinear: in_features unset until the first call.
    "mlp_lazy_linear": (
        {"make_mlp": [("nn.Linear(28 * 28, hidden)", "nn.LazyLinear(hidden)")]},
        {"test_make_mlp"},
        ("nn.LazyLinear", "nn.Linear(28 * 28, hidden)"),
    ),
    # The labels made floats in evaluate: nn.CrossEntropyLoss takes int64 labels.
    "evaluate_targets_made_float": (
        {"evaluate": [("loss_fn(y_hat, y)", "loss_fn(y_hat, y.float())")]},
        {"test_evaluate"},
        ("the labels were converted", "int64"),
    ),
    # super(LeNet5) without self: nn.Module's __init__ never runs on the model.
    "lenet_super_without_self": (
        {"lenet5": [("super().__init__()", "super(LeNet5).__init__()")]},
        {"test_lenet5"},
        "super(LeNet5) without self",
    ),
    # ---- walk 7's findings (fix 03) ----
    # log_softmax applied to fc1's output, then fc2: the output has the right shape.
    "fixed_net_log_softmax_before_fc2": (
        {"fixed_net": [("x = self.fc2(x)\n        return F.log_softmax(x, dim=1)",
                        "x = F.log_softmax(x, dim=1)\n        return self.fc2(x)")]},
        {"test_fixed_net"},
        "F.log_softmax applied before fc2",
    ),
    # The return before fc2: fc1's 500 values per image come back.
    "fixed_net_return_before_fc2": (
        {"fixed_net": [("x = self.fc2(x)\n        return F.log_softmax(x, dim=1)",
                        "return F.log_softmax(x, dim=1)\n        x = self.fc2(x)")]},
        {"test_fixed_net"},
        ("forward returns what fc1 gives", "never calls fc2"),
    ),
    # fc2's line left out.
    "fixed_net_fc2_line_missing": (
        {"fixed_net": [("        x = self.fc2(x)\n", "")]},
        {"test_fixed_net"},
        ("forward returns what fc1 gives", "never calls fc2"),
    ),
    # fc1's two sizes swapped.
    "fixed_net_fc1_sizes_swapped": (
        {"fixed_net": [("self.fc1 = nn.Linear(4*4*50, 500)", "self.fc1 = nn.Linear(500, 4*4*50)")]},
        {"test_fixed_net"},
        ("fc1's in_features is 800", "two sizes are swapped"),
    ),
    # fc2's two sizes swapped.
    "fixed_net_fc2_sizes_swapped": (
        {"fixed_net": [("self.fc2 = nn.Linear(500, 10)", "self.fc2 = nn.Linear(10, 500)")]},
        {"test_fixed_net"},
        ("fc2's in_features is 500", "two sizes are swapped"),
    ),
    # The images divided by 255 in forward: the loaders have normalised them already.
    "fixed_net_input_divided_by_255": (
        {"fixed_net": [("        x = F.relu(self.conv1(x))", "        x = x / 255\n        x = F.relu(self.conv1(x))")]},
        {"test_fixed_net"},
        ("what conv1 receives", "divided by 255"),
    ),
    "lenet_input_divided_by_255": (
        {"lenet5": [("        x = self.pool(F.relu(self.conv1(x)))",
                     "        x = x / 255\n        x = self.pool(F.relu(self.conv1(x)))")]},
        {"test_lenet5"},
        ("what conv1 receives", "divided by 255"),
    ),
    # Normalised again with MNIST's mean and standard deviation.
    "lenet_input_normalised_again": (
        {"lenet5": [("        x = self.pool(F.relu(self.conv1(x)))",
                     "        x = (x - 0.1307) / 0.3081\n        x = self.pool(F.relu(self.conv1(x)))")]},
        {"test_lenet5"},
        ("what conv1 receives", "normalised again"),
    ),
    # A ReLU on the images before conv1.
    "lenet_relu_before_conv1": (
        {"lenet5": [("        x = self.pool(F.relu(self.conv1(x)))",
                     "        x = F.relu(x)\n        x = self.pool(F.relu(self.conv1(x)))")]},
        {"test_lenet5"},
        ("what conv1 receives", "a ReLU before conv1"),
    ),
    # The same in place: the caller's images change too.
    "lenet_relu_in_place_before_conv1": (
        {"lenet5": [("        x = self.pool(F.relu(self.conv1(x)))",
                     "        x.relu_()\n        x = self.pool(F.relu(self.conv1(x)))")]},
        {"test_lenet5"},
        ("what conv1 receives", "x.relu_()"),
    ),
    # nn.LazyLinear for fc1: no size until the first call, where the grader loads weights by shape first.
    "lenet_lazy_linear": (
        {"lenet5": [("self.fc1 = nn.Linear(16 * 5 * 5, 120)", "self.fc1 = nn.LazyLinear(120)")]},
        {"test_lenet5"},
        ("fc1 is nn.LazyLinear", "sizes given"),
    ),
    # A log_softmax before fc3.
    "lenet_log_softmax_before_fc3": (
        {"lenet5": [("        return self.fc3(x)", "        return self.fc3(F.log_softmax(x, dim=1))")]},
        {"test_lenet5"},
        "a log_softmax before fc3",
    ),
    # optimizer.step() after the loop: one step for the epoch, with the last batch's gradients.
    "train_step_after_the_loop": (
        {"train_one_epoch": [("        optimizer.step()\n", ""),
                             ("    return total_loss / seen", "    optimizer.step()\n    return total_loss / seen")]},
        {"test_train_one_epoch"},
        ("optimizer.step() ran 1 time for 2 loss.backward() calls", "after the loop"),
    ),
    # Two passes over the loader inside train_one_epoch.
    "train_two_passes_over_the_loader": (
        {"train_one_epoch": [("    for x, y in loader:", "    for x, y in list(loader) + list(loader):")]},
        {"test_train_one_epoch"},
        ("ran 4 times", "goes over the loader 2 times"),
    ),
    # A loop over epochs inside.
    "train_epoch_loop_inside": (
        {"train_one_epoch": [("    for x, y in loader:", "    for x, y in [b for epoch in range(3) for b in loader]:")]},
        {"test_train_one_epoch"},
        ("ran 6 times", "goes over the loader 3 times"),
    ),
    # The last, smaller batch skipped.
    "train_skips_the_short_last_batch": (
        {"train_one_epoch": [("        x, y = x.to(device), y.to(device)\n        optimizer.zero_grad()",
                              "        if len(y) < loader.batch_size:\n            continue\n"
                              "        x, y = x.to(device), y.to(device)\n        optimizer.zero_grad()")]},
        {"test_train_one_epoch"},
        ("skipped the last, smaller one", "if len(y) < loader.batch_size"),
    ),
    # backward on a copy cut from the graph.
    "train_backward_on_a_detached_copy": (
        {"train_one_epoch": [("loss.backward()", "loss.detach().requires_grad_().backward()")]},
        {"test_train_one_epoch"},
        ("loss.backward() is never called, or never reaches the weights", "a copy cut from the graph"),
    ),
    # A loss of its own in evaluate: loss_fn never called.
    "evaluate_loss_of_its_own": (
        {"evaluate": [("loss_fn(y_hat, y).item()", "F.cross_entropy(y_hat, y).item()")]},
        {"test_evaluate"},
        ("loss_fn was never called", "loss_fn(y_hat, y)"),
    ),
    # Gradients turned off for the whole process, not in a with block.
    "evaluate_set_grad_enabled_false": (
        {"evaluate": [("    with torch.no_grad():\n", "    torch.set_grad_enabled(False)\n    if True:\n")]},
        {"test_evaluate"},
        ("evaluate leaves gradients on when it returns", "torch.set_grad_enabled(False)"),
    ),
    # The mean loss divided by the number of batches.
    "evaluate_loss_divided_by_batches": (
        {"evaluate": [("return total_loss / seen, correct / seen", "return total_loss / len(loader), correct / seen")]},
        {"test_evaluate"},
        "divided by the number of batches (len(loader))",
    ),
    # The loop over the examples.
    "evaluate_loops_over_the_dataset": (
        {"evaluate": [("        for x, y in loader:", "        for x, y in loader.dataset:")]},
        {"test_evaluate"},
        ("loader.dataset", "for x, y in loader"),
    ),
    # The last, smaller batch skipped.
    "evaluate_skips_the_short_last_batch": (
        {"evaluate": [("            x, y = x.to(device), y.to(device)\n",
                       "            if len(y) < loader.batch_size:\n                continue\n"
                       "            x, y = x.to(device), y.to(device)\n")]},
        {"test_evaluate"},
        ("the last, smaller batch is skipped", "if len(y) < loader.batch_size"),
    ),
    # Gradients turned off for the whole process in predict.
    "predict_set_grad_enabled_false": (
        {"predict": [("    with torch.no_grad():\n", "    torch.set_grad_enabled(False)\n    if True:\n")]},
        {"test_predict"},
        ("predict leaves gradients on when it returns", "torch.set_grad_enabled(False)"),
    ),
    # .squeeze() on each batch's predictions: a batch of one example becomes 0-d.
    "predict_squeezes_the_predictions": (
        {"predict": [("scores.argmax(dim=1).cpu()", "scores.argmax(dim=1).squeeze().cpu()")]},
        {"test_predict"},
        ("holds one example", ".squeeze()"),
    ),
    # .squeeze() on the labels.
    "predict_squeezes_the_labels": (
        {"predict": [("y_true.append(y.cpu())", "y_true.append(y.squeeze().cpu())")]},
        {"test_predict"},
        ("holds one example", ".squeeze()"),
    ),
    # .squeeze() on the scores: a batch of one example gives 1-D scores, and argmax(dim=1) fails.
    "predict_squeezes_the_scores": (
        {"predict": [("scores = model(x.to(device))", "scores = model(x.to(device)).squeeze()")]},
        {"test_predict"},
        ("holds one example", ".squeeze()"),
    ),
    # y_true changed in place, then counted: the matrix is right, the caller's labels are not.
    "confusion_mul_in_place": (
        {"confusion_matrix": [(LOOP, """    y_true.mul_(num_classes).add_(y_pred)
    return torch.bincount(y_true, minlength=num_classes ** 2).reshape(num_classes, num_classes)""")]},
        {"test_confusion_matrix"},
        ("leaves y_true and y_pred unchanged", "y_true holds other values", "in place"),
    ),
    "confusion_times_equals_in_place": (
        {"confusion_matrix": [(LOOP, """    y_true *= num_classes
    return torch.bincount(y_true + y_pred, minlength=num_classes ** 2).reshape(num_classes, num_classes)""")]},
        {"test_confusion_matrix"},
        ("leaves y_true and y_pred unchanged", "y_true holds other values"),
    ),
    "confusion_plus_equals_in_place": (
        {"confusion_matrix": [(LOOP, """    y_pred += y_true * num_classes
    return torch.bincount(y_pred, minlength=num_classes ** 2).reshape(num_classes, num_classes)""")]},
        {"test_confusion_matrix"},
        ("leaves y_true and y_pred unchanged", "y_pred holds other values"),
    ),
    # The hint's one line: right, and it changes nothing in place.
    "confusion_bincount_one_line_is_right": (
        {"confusion_matrix": [(LOOP, """    counts = torch.bincount(y_true * num_classes + y_pred, minlength=num_classes ** 2)
    return counts.reshape(num_classes, num_classes)""")]},
        set(),
    ),
}

# Walk 8's findings. A change in place to forward's input, first: the repeat-call check gives each call its own
# copy, so the mistake is named as what conv1 receives (or as the input left changed), not as randomness.
WRONG_ANSWERS.update({
    "lenet_normalised_in_place": (
        {"lenet5": [("        x = self.pool(F.relu(self.conv1(x)))         # (N, 6, 14, 14)",
                     "        x.sub_(0.1307).div_(0.3081)\n        x = self.pool(F.relu(self.conv1(x)))")]},
        {"test_lenet5"},
        ("normalised again", "in place"),
    ),
    "lenet_divided_in_place": (
        {"lenet5": [("        x = self.pool(F.relu(self.conv1(x)))         # (N, 6, 14, 14)",
                     "        x /= 255\n        x = self.pool(F.relu(self.conv1(x)))")]},
        {"test_lenet5"},
        ("divided by 255", "in place"),
    ),
    # The input zeroed after conv1 has used it: conv1 received the right images, the caller's are spoilt.
    "lenet_input_zeroed_after_conv1": (
        {"lenet5": [("        x = self.pool(F.relu(self.conv1(x)))         # (N, 6, 14, 14)",
                     "        h = self.conv1(x)\n        x.zero_()\n        x = self.pool(F.relu(h))")]},
        {"test_lenet5"},
        ("leaves the images it is given unchanged", "in place"),
    ),
    # ReLU in place on the maps forward computes (not on its input): right.
    "lenet_relu_in_place_on_maps_is_right": (
        {"lenet5": [("        x = self.pool(F.relu(self.conv1(x)))         # (N, 6, 14, 14)",
                     "        x = self.pool(self.conv1(x).relu_())")]},
        set(),
    ),
    "fixed_net_normalised_in_place": (
        {"fixed_net": [("        x = F.relu(self.conv1(x))",
                        "        x.sub_(0.1307).div_(0.3081)\n        x = F.relu(self.conv1(x))")]},
        {"test_fixed_net"},
        ("normalised again", "in place"),
    ),
    # conv1 padded, and fc1 and the view made to fit: named at conv1's settings, not at fc1's size.
    "fixed_net_conv1_padded_fc1_made_to_fit": (
        {"fixed_net": [("nn.Conv2d(1, 20, 5, 1)", "nn.Conv2d(1, 20, 5, 1, 2)"),
                       ("nn.Linear(4*4*50, 500)", "nn.Linear(5*5*50, 500)"),
                       ("x.view(-1, 4*4*50)", "x.view(-1, 5*5*50)")]},
        {"test_fixed_net"},
        ("conv1 keeps the original's settings", "padding=2"),
    ),
    # The output a pair: named as that, not as a TypeError of the check.
    "lenet_returns_a_pair": (
        {"lenet5": [("        return self.fc3(x)                           # (N, 10)", "        return self.fc3(x), x")]},
        {"test_lenet5"},
        ("returns one tensor of scores", "tuple of 2 items"),
    ),
    # The batch written as a number in the reshape: the trace's batch of 2 fits, a batch of 3 does not.
    "lenet_reshape_fixes_the_batch": (
        {"lenet5": [("        x = x.flatten(1)", "        x = x.reshape(2, 400)")]},
        {"test_lenet5"},
        ("takes a batch of any size", "fixes the batch at 2 images"),
    ),
    # A batch normalisation layer added after conv1.
    "lenet_extra_batchnorm": (
        {"lenet5": [("        self.pool = nn.MaxPool2d(2)\n",
                     "        self.pool = nn.MaxPool2d(2)\n        self.bn = nn.BatchNorm2d(6)\n"),
                    ("        x = self.pool(F.relu(self.conv1(x)))         # (N, 6, 14, 14)",
                     "        x = self.pool(F.relu(self.bn(self.conv1(x))))")]},
        {"test_lenet5"},
        ("bn (nn.BatchNorm2d, 12 parameters)", "no batch normalisation"),
    ),
    # The model put in evaluation mode only after the predictions.
    "predict_eval_after_the_loop": (
        {"predict": [("    model.eval()\n    y_true, y_pred = [], []", "    y_true, y_pred = [], []"),
                     ("    return torch.cat(y_true), torch.cat(y_pred)",
                      "    model.eval()\n    return torch.cat(y_true), torch.cat(y_pred)")]},
        {"test_predict"},
        ("before its first prediction", "training mode"),
    ),
    # The labels taken from the dataset, not collected from the batches.
    "predict_labels_from_the_dataset": (
        {"predict": [("    return torch.cat(y_true), torch.cat(y_pred)",
                      "    return loader.dataset.tensors[1], torch.cat(y_pred)")]},
        {"test_predict"},
        ("the labels in the dataset's order", "collected from the batches"),
    ),
    # topk(1)'s indices: a column of classes.
    "predict_topk_indices": (
        {"predict": [("scores.argmax(dim=1).cpu()", "scores.topk(1, dim=1).indices.cpu()")]},
        {"test_predict"},
        ("topk(1, dim=1).indices", "shape (N,)"),
    ),
    # A break after the first batch.
    "evaluate_break_after_one_batch": (
        {"evaluate": [("            seen += len(y)\n", "            seen += len(y)\n            break\n")]},
        {"test_evaluate"},
        ("the first batch's loss alone", "a return (or a break)"),
    ),
    # Right only where the true class's probability exceeds 0.5.
    "evaluate_probability_over_half": (
        {"evaluate": [("correct += (y_hat.argmax(dim=1) == y).sum().item()",
                       "correct += (y_hat.softmax(1).gather(1, y[:, None]) > 0.5).sum().item()")]},
        {"test_evaluate"},
        ("probability of its true class exceeds 0.5", "argmax(dim=1)"),
    ),
    # The loss computed again after the step for the running total.
    "train_loss_recomputed_after_the_step": (
        {"train_one_epoch": [("total_loss += loss.item() * len(y)", "total_loss += loss_fn(model(x), y).item() * len(y)")]},
        {"test_train_one_epoch"},
        ("computed again after optimizer.step()", "the loss from before the step"),
    ),
    # Activations that clip large values: the check's images are scaled up, so they show.
    "mlp_relu6": (
        {"make_mlp": [("nn.ReLU(), nn.Linear(hidden, 10)", "nn.ReLU6(), nn.Linear(hidden, 10)")]},
        {"test_make_mlp"},
        ("clips large values", "nn.ReLU6"),
    ),
    "mlp_hardtanh_zero_two": (
        {"make_mlp": [("nn.ReLU(), nn.Linear(hidden, 10)", "nn.Hardtanh(0.0, 2.0), nn.Linear(hidden, 10)")]},
        {"test_make_mlp"},
        "what the second nn.Linear receives",
    ),
    # A batch normalisation between the two linear layers.
    "mlp_extra_batchnorm": (
        {"make_mlp": [("nn.ReLU(), nn.Linear(hidden, 10)", "nn.BatchNorm1d(hidden), nn.ReLU(), nn.Linear(hidden, 10)")]},
        {"test_make_mlp"},
        ("nn.BatchNorm1d at position 2", "nothing else"),
    ),
    # The sizes mixed up: 10 hidden units, 77 scores.
    "mlp_sizes_mixed": (
        {"make_mlp": [("nn.Linear(28 * 28, hidden), nn.ReLU(), nn.Linear(hidden, 10)",
                       "nn.Linear(784, 10), nn.ReLU(), nn.Linear(10, 77)")]},
        {"test_make_mlp"},
        ("the last nn.Linear gives 10 scores", "It gives 77"),
    ),
})
