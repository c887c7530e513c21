"""Plausible wrong answers, each with the message it must produce and the test cell it fails.

The solution notebooks' own cells run here, in this process: the imports, the
exercise cells with a student's mistake edited in, and a test cell, either its
visible checks or its hidden tests. Outside the autograder the hidden tests judge
their records right away, with the checkout's judges and references, so a wrong
answer is pinned here, message included, without the nbgrader pipeline. A test
cell that raises earns none of its points, one that runs through earns them all.
"""

import pytest

from course import (HIDDEN_BEGIN, HIDDEN_END, read, regions, run_cell, solution_path, with_edits,
                    without_markers)
from autograder import judging
from helpers import grading
from helpers.checks import CheckFailed
from helpers.grading import HiddenTestFailed


@pytest.fixture(autouse=True)
def checkout_references(monkeypatch):
    monkeypatch.delenv("COURSE_GRADING", raising=False)
    monkeypatch.setattr(grading, "_channel", None)


def cells_of(assignment):
    return {cell.id: cell for cell in read(solution_path(assignment)).cells}


def run(assignment, exercises, test, edits=None, part="visible"):
    """Run the imports, the exercise cells (with ``edits``: cell id -> [(old, new)]) and one test cell.

    ``part`` is "visible" (the checks a student runs), "hidden" (the graded hidden
    tests) or "all". The cells run as a notebook runs them: in ``__main__``, with
    their source known to linecache (as IPython does), so messages can quote it.
    Returns the namespace.
    """
    cells = cells_of(assignment)
    namespace = {"__name__": "__main__"}
    for cell_id in ["imports", *exercises, test]:
        source = with_edits(without_markers(cells[cell_id].source), (edits or {}).get(cell_id, []), cell_id)
        if cell_id == test:
            hidden = "\n".join(regions(cells[cell_id].source, HIDDEN_BEGIN, HIDDEN_END))
            visible = source.partition(HIDDEN_BEGIN)[0]
            source = {"visible": visible, "hidden": hidden, "all": source}[part]
        run_cell(source, namespace, f"/tmp/ipykernel_0/{assignment}_{cell_id}.py")
    return namespace


def failure(*args, error=CheckFailed, **kwargs):
    with pytest.raises(error) as info:
        run(*args, **kwargs)
    return str(info.value)


def line_of(assignment, cell_id, text):
    """The line number, within its cell, of the first line of a solution cell that holds ``text``."""
    lines = without_markers(cells_of(assignment)[cell_id].source).splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize("assignment, exercises, test", [
    ("01_convolution", ["corr2d"], "test_corr2d"),
    ("01_convolution", ["pad2d"], "test_pad2d"),
    ("01_convolution", ["corr2d", "pad2d", "conv_output_size", "corr2d_general", "conv2d"], "test_conv2d"),
    ("02_pooling", ["conv2d_backward"], "test_conv2d_backward"),
    ("02_pooling", ["im2col", "conv2d_im2col"], "test_conv2d_im2col"),
    ("03_lenet", ["lenet5"], "test_lenet5"),
    ("03_lenet", ["fixed_net"], "test_fixed_net"),
    ("03_lenet", ["predict"], "test_predict"),
    ("03_lenet", ["confusion_matrix"], "test_confusion_matrix"),
    ("03_lenet", ["train_one_epoch"], "test_train_one_epoch"),
    ("03_lenet", ["evaluate"], "test_evaluate"),
])
def test_the_solution_passes_what_the_wrong_answers_fail(assignment, exercises, test, capsys):
    run(assignment, exercises, test, part="all")
    assert "passed" in capsys.readouterr().out


# ----------------------------------------------------------------------------
# 01: convolution by hand
# ----------------------------------------------------------------------------

CONV2D_CELLS = ["corr2d", "pad2d", "conv_output_size", "corr2d_general", "conv2d"]


def test_a_flipped_kernel_in_corr2d_is_named_as_convolution():
    edits = {"corr2d": [("(x[i:i + kh, j:j + kw] * k).sum()",
                         "(x[i:i + kh, j:j + kw] * torch.flip(k, (0, 1))).sum()")]}
    message = failure("01_convolution", ["corr2d"], "test_corr2d", edits=edits)
    lines = message.splitlines()
    assert lines[0] == "corr2d on the worked example: 4 of 4 values differ."
    assert lines[1].startswith("  Your result is exactly what this mistake gives: the kernel flipped")
    assert "true convolution instead of cross-correlation" in lines[1]
    assert "same amount" not in message and "bias" not in message
    assert lines[-1].startswith("Hint: out[0, 0] = 1*10")


def test_a_flipped_kernel_in_conv2d_is_named_as_convolution():
    edits = {"conv2d": [("weight[o, c], stride", "weight[o, c].flip(0, 1), stride")]}
    message = failure("01_convolution", CONV2D_CELLS, "test_conv2d", edits=edits)
    lines = message.splitlines()
    assert lines[0] == "conv2d on the lecture's 5x5x3 example: 45 of 45 values differ."
    assert "true convolution instead of cross-correlation" in lines[1]


def test_weight_indexed_c_o_names_the_error_the_line_and_the_weight_layout():
    edits = {"conv2d": [("weight[o, c], stride", "weight[c, o], stride")]}
    message = failure("01_convolution", CONV2D_CELLS, "test_conv2d", edits=edits)
    lines = message.splitlines()
    assert lines[0].startswith("conv2d raised IndexError: index 3 is out of bounds")
    # what such an IndexError usually means in a convolution by hand, then where it happened
    assert lines[1].startswith("  That means weight indexed [c, o], the input channel first") and "weight[o, c]" in lines[1]
    line = line_of("01_convolution", "conv2d", "weight[o, c], stride")
    assert lines[2] == (f"  in conv2d, line {line}: out[b, o] += corr2d_general(x[b, c], weight[c, o], "
                        "stride, padding, dilation)")
    assert lines[-1].startswith("Hint: weight has shape (C_out, C_in, kh, kw): weight[o, c]")
    assert "Traceback" not in message
    # the hidden test fails too, with the same first line and nothing more
    message = failure("01_convolution", CONV2D_CELLS, "test_conv2d", edits=edits, part="hidden",
                      error=HiddenTestFailed)
    assert message.startswith("conv2d on inputs you have not seen: failed. conv2d raised IndexError: ")
    assert "\n" not in message


def test_pad2d_sliced_with_minus_p_names_the_line_and_the_fix():
    edits = {"pad2d": [("out[padding:padding + height, padding:padding + width] = x",
                        "out[padding:-padding, padding:-padding] = x")]}
    message = failure("01_convolution", ["pad2d"], "test_pad2d", edits=edits)
    lines = message.splitlines()
    assert lines[0].startswith("pad2d raised RuntimeError: ")
    line = line_of("01_convolution", "pad2d", "out[padding:padding + height")
    assert lines[1] == f"  in pad2d, line {line}: out[padding:-padding, padding:-padding] = x"
    assert "a slice out[p:-p] is out[0:0], empty, since -0 is 0" in lines[-1]


# ----------------------------------------------------------------------------
# 02: the backward pass and im2col
# ----------------------------------------------------------------------------

def test_a_transposed_weight_gradient_is_named():
    edits = {"conv2d_backward": [('"bo,bcmn->ocmn", g, window', '"bo,bcmn->ocnm", g, window')]}
    message = failure("02_pooling", ["conv2d_backward"], "test_conv2d_backward", edits=edits)
    lines = message.splitlines()
    assert lines[0] == "grad_weight for torch.float32 x (2, 1, 4, 4), weight (1, 1, 2, 2): 2 of 4 values differ."
    assert lines[1].startswith("  Your result is exactly what this mistake gives: each kernel's gradient "
                               "transposed")


def test_an_input_gradient_with_the_kernel_not_flipped_is_named():
    edits = {"conv2d_backward": [('"bo,ocmn->bcmn", g, weight)', '"bo,ocmn->bcmn", g, weight.flip(2, 3))')]}
    message = failure("02_pooling", ["conv2d_backward"], "test_conv2d_backward", edits=edits)
    lines = message.splitlines()
    assert lines[0] == "grad_x for torch.float32 x (2, 1, 4, 4), weight (1, 1, 2, 2): 32 of 32 values differ."
    assert lines[1].startswith("  Your result is exactly what this mistake gives: the input gradient "
                               "with the kernel flipped the wrong way round")


def test_a_broadcasting_slip_in_conv2d_im2col_names_the_line():
    edits = {"conv2d_im2col": [("out = out + bias[:, None]", "out = out + bias")]}
    message = failure("02_pooling", ["im2col", "conv2d_im2col"], "test_conv2d_im2col", edits=edits)
    lines = message.splitlines()
    assert lines[0].startswith("conv2d_im2col raised RuntimeError: The size of tensor a")
    assert lines[1].startswith("  That means two tensors whose shapes do not broadcast met, usually the bias")
    assert lines[2].startswith("  in conv2d_im2col, line ") and ": out = out + bias  " in lines[2]
    assert lines[-1].startswith("Hint: Multiply the flattened filters by each group's columns")


# ----------------------------------------------------------------------------
# 03: LeNet-5, predictions, the confusion matrix
# ----------------------------------------------------------------------------

FC_FIRST = {"lenet5": [("""        self.conv1 = nn.Conv2d(1, 6, kernel_size=5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)
        self.pool = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)""", """        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)
        self.conv1 = nn.Conv2d(1, 6, kernel_size=5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)
        self.pool = nn.MaxPool2d(2)""")]}


def test_lenet5_with_its_layers_created_in_another_order_earns_the_points(capsys):
    namespace = run("03_lenet", ["lenet5"], "test_lenet5", edits=FC_FIRST, part="all")
    assert [name for name, _ in namespace["model"].named_parameters()][0] == "fc1.weight"
    assert "LeNet5 against the reference layer list: passed" in capsys.readouterr().out


def test_fixed_net_with_its_layers_created_in_another_order_earns_the_points(capsys):
    edits = {"fixed_net": [("""        self.conv1 = nn.Conv2d(1, 20, 5, 1)
        self.conv2 = nn.Conv2d(20, 50, 5, 1)      # bug 1: 50 filters, as fc1 expects 4*4*50
        self.fc1 = nn.Linear(4*4*50, 500)
        self.fc2 = nn.Linear(500, 10)""", """        self.fc2 = nn.Linear(500, 10)
        self.fc1 = nn.Linear(4*4*50, 500)
        self.conv2 = nn.Conv2d(20, 50, 5, 1)
        self.conv1 = nn.Conv2d(1, 20, 5, 1)""")]}
    run("03_lenet", ["fixed_net"], "test_fixed_net", edits=edits, part="all")
    assert "FixedNet against the reference layer list: passed" in capsys.readouterr().out


def lenet_judgement(pairs):
    cases = judging.load_references("03_lenet")["test_lenet5"]
    return judging.judge("03_lenet", "test_lenet5", [(pairs, case["expected"]["output"]) for case in cases])


def test_the_lenet_judge_still_fails_wrong_names_wrong_shapes_and_extra_layers():
    case = judging.load_references("03_lenet")["test_lenet5"][0]
    shapes = list(case["inputs"]["parameters"])
    assert lenet_judgement(shapes[::-1]) is None
    renamed = [(name.replace("conv1", "c1"), shape) for name, shape in shapes]
    assert lenet_judgement(renamed) == ("Not true: LeNet5 has a parameter called conv1.weight. "
                                        "Name the layers as the exercise does.")
    narrower = [(name, (120, 256) if name == "fc1.weight" else shape) for name, shape in shapes]
    assert lenet_judgement(narrower) == "item 1 of the shape of LeNet5's fc1.weight is 256, which is not right."
    extra = shapes + [("bn.weight", (6,))]
    assert lenet_judgement(extra) == ("Not true: LeNet5 has only the parameters of the layer list. "
                                      "It also has bn.weight.")


def test_lenet5_with_a_relu_after_fc3_fails_the_visible_check_and_the_hidden_test():
    edits = {"lenet5": [("return self.fc3(x)", "return F.relu(self.fc3(x))")]}
    message = failure("03_lenet", ["lenet5"], "test_lenet5", edits=edits)
    assert message.splitlines()[0] == ("Not true: LeNet5 returns fc3's scores as they are. Its output differs "
                                       "from what fc3 computes: something is applied after fc3.")
    assert "No ReLU (and no softmax) after fc3" in message.splitlines()[-1]
    message = failure("03_lenet", ["lenet5"], "test_lenet5", edits=edits, part="hidden", error=HiddenTestFailed)
    assert message.startswith("LeNet5 against the reference layer list: failed. LeNet5's scores with given "
                              "weights on hidden images (case 0): ")


def test_lenet5_flattening_the_batch_too_is_named_with_flatten_1():
    edits = {"lenet5": [("x = x.flatten(1)", "x = x.flatten()")]}
    message = failure("03_lenet", ["lenet5"], "test_lenet5", edits=edits)
    lines = message.splitlines()
    assert lines[0] == ("LeNet5 failed on an input of shape (2, 1, 28, 28): a linear layer received 1 row(s) of "
                        "800 values where it expects 2 examples of 400 features: the batch dimension was "
                        "flattened into the features. x.flatten() flattens every dimension, the batch's too; "
                        "use x.flatten(1) (or nn.Flatten()), which keeps dimension 0, the batch.")
    assert "features per example but expects" not in message


def test_train_one_epoch_mistakes_are_named():
    cells, test = ["train_one_epoch"], "test_train_one_epoch"
    no_zero_grad = {"train_one_epoch": [("        optimizer.zero_grad()\n", "")]}
    message = failure("03_lenet", cells, test, edits=no_zero_grad)
    assert message.splitlines()[0].startswith("Not true: each batch calls optimizer.zero_grad(), loss.backward() "
                                              "and optimizer.step(), in this order.")
    assert "optimizer.zero_grad() is never called" in message.splitlines()[0]
    unweighted = {"train_one_epoch": [("        total_loss += loss.item() * len(y)\n        seen += len(y)\n",
                                       "        total_loss += loss.item()\n        seen += 1\n")]}
    message = failure("03_lenet", cells, test, edits=unweighted)
    assert "the mean of the two batches' losses, (4 + 1) / 2" in message.splitlines()[1]
    no_train = {"train_one_epoch": [("    model.train()\n", "")]}
    message = failure("03_lenet", cells, test, edits=no_train)
    assert message.splitlines()[0].startswith("Not true: train_one_epoch puts the model in training mode.")
    message = failure("03_lenet", cells, test, edits=no_train, part="hidden", error=HiddenTestFailed)
    assert message == ("train_one_epoch on a model and batches you have not seen: failed. "
                       "Not true: train_one_epoch runs every batch in training mode.")
    message = failure("03_lenet", cells, test, edits=unweighted, part="hidden", error=HiddenTestFailed)
    assert message.endswith("failed. the mean loss per example over the epoch: 1 of 1 values differ.")


def test_evaluate_without_no_grad_or_eval_is_named():
    cells, test = ["evaluate"], "test_evaluate"
    with_grad = {"evaluate": [("    with torch.no_grad():\n        for x, y in loader:",
                               "    if True:\n        for x, y in loader:")]}
    message = failure("03_lenet", cells, test, edits=with_grad)
    assert message.splitlines()[0] == "Not true: evaluate runs the model under torch.no_grad()."
    message = failure("03_lenet", cells, test, edits=with_grad, part="hidden", error=HiddenTestFailed)
    assert message == ("evaluate with a model and data you have not seen: failed. "
                       "Not true: evaluate runs the model under torch.no_grad().")
    no_eval = {"evaluate": [("    model.eval()\n", "")]}
    message = failure("03_lenet", cells, test, edits=no_eval)
    assert message.splitlines()[0] == "Not true: evaluate puts the model in evaluation mode."


def test_predict_without_eval_fails_the_visible_check_and_the_hidden_test():
    edits = {"predict": [("    model.eval()\n", "")]}
    message = failure("03_lenet", ["predict"], "test_predict", edits=edits)
    assert message.splitlines()[0] == "Not true: predict puts the model in evaluation mode, before its first prediction."
    # the hidden test's model has batch normalisation: in training mode it predicts otherwise
    message = failure("03_lenet", ["predict"], "test_predict", edits=edits, part="hidden",
                      error=HiddenTestFailed)
    assert message == ("predict with a model and data you have not seen: failed. "
                       "y_pred: 8 of 23 values differ.")


def test_bincount_without_minlength_names_the_error_and_minlength():
    edits = {"confusion_matrix": [("""    matrix = torch.zeros(num_classes, num_classes, dtype=torch.int64)
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        matrix[t, p] += 1
    return matrix""", """    return torch.bincount(y_true * num_classes + y_pred).reshape(num_classes, num_classes)""")]}
    message = failure("03_lenet", ["confusion_matrix"], "test_confusion_matrix", edits=edits)
    lines = message.splitlines()
    assert lines[0] == "confusion_matrix raised RuntimeError: shape '[4, 4]' is invalid for input of size 6"
    assert lines[1].startswith("  in confusion_matrix, line ")
    assert "minlength=num_classes ** 2" in lines[-1]
    message = failure("03_lenet", ["confusion_matrix"], "test_confusion_matrix", edits=edits, part="hidden",
                      error=HiddenTestFailed)
    assert message.startswith("confusion_matrix on predictions you have not seen: failed. Your code raised "
                              "RuntimeError: shape '[")


def test_lenet5_without_the_parent_init_is_named_with_the_error():
    edits = {"lenet5": [("        super().__init__()\n", "")]}
    message = failure("03_lenet", ["lenet5"], "test_lenet5", edits=edits)
    lines = message.splitlines()
    assert lines[0].startswith("Not true: LeNet5's __init__ calls super().__init__() before it creates a layer.")
    assert "'cannot assign module before Module.__init__() call'" in lines[0]
    assert lines[-1].startswith("Hint: Start __init__ with super().__init__()")


def test_a_shape_returned_as_a_list_is_refused_by_the_check_and_the_judge():
    edits = {"conv_output_shape": [("return (n, out_channels, *spatial_out)",
                                    "return [n, out_channels, *spatial_out]")]}
    message = failure("02_pooling", ["conv_output_shape"], "test_conv_output_shape", edits=edits)
    assert message.splitlines()[0].startswith(
        "Conv1d shape of 4 recordings of 100 steps is a list, [4, 16, 48], but a tuple is asked for")
    message = failure("02_pooling", ["conv_output_shape"], "test_conv_output_shape", edits=edits,
                      part="hidden", error=HiddenTestFailed)
    assert "conv_output_shape is a list" in message and "a tuple is asked for" in message


def test_an_exercise_not_written_yet_is_named_in_one_line():
    solution = without_markers(cells_of("01_convolution")["corr2d"].source)
    body = solution[solution.index("    kh, kw = k.shape"):]
    edits = {"corr2d": [(body, "    # YOUR CODE HERE\n    raise NotImplementedError()\n")]}
    message = failure("01_convolution", ["corr2d"], "test_corr2d", edits=edits)
    assert message == ("corr2d is not written yet: write it where it says YOUR CODE HERE and delete "
                       "the raise NotImplementedError() line.")
