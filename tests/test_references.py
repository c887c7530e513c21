"""Every notebook's hidden-test references: the committed file is what its script makes,
and the expected outputs are PyTorch's own, not the solutions'."""

import importlib.util
import math

import pytest
import sklearn.metrics
import torch
import torch.nn.functional as F
from torch import nn

from course import ASSIGNMENTS, AUTOGRADER


def load_script(assignment):
    path = AUTOGRADER / assignment / "make_references.py"
    spec = importlib.util.spec_from_file_location(f"make_references_{assignment}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def committed(assignment):
    return torch.load(AUTOGRADER / assignment / "references.pt", weights_only=True)


def assert_same(made, stored, path="references"):
    if isinstance(made, dict):
        assert isinstance(stored, dict) and made.keys() == stored.keys(), path
        for key in made:
            assert_same(made[key], stored[key], f"{path}[{key!r}]")
    elif isinstance(made, (list, tuple)):
        assert type(made) is type(stored) and len(made) == len(stored), path
        for i, (a, b) in enumerate(zip(made, stored)):
            assert_same(a, b, f"{path}[{i}]")
    elif isinstance(made, torch.Tensor):
        assert isinstance(stored, torch.Tensor) and made.dtype == stored.dtype, path
        # the same seeds give the same numbers; a last-bit difference between CPUs is allowed
        assert torch.allclose(made, stored, rtol=1e-12, atol=1e-12), path
    else:
        assert type(made) is type(stored) and made == stored, path


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_committed_references_are_what_the_script_makes(assignment):
    assert_same(load_script(assignment).make(), committed(assignment))


def test_pooling_references_are_pytorchs():
    for case in committed("02_pooling")["pooling"]:
        pool = F.max_pool2d if case["mode"] == "max" else F.avg_pool2d
        stride = case["stride"] if case["stride"] is not None else case["kernel_size"]
        assert torch.equal(pool(case["x"], case["kernel_size"], stride, case["padding"]), case["y"])


def test_im2col_references_are_f_unfold_and_f_conv2d():
    references = committed("02_pooling")
    for case in references["im2col"]:
        x, k, s, p = case["x"], case["kernel_size"], case["stride"], case["padding"]
        assert torch.equal(F.unfold(x, k, padding=p, stride=s), case["cols"])
    for case in references["conv2d_im2col"]:
        x, s, p = case["x"], case["stride"], case["padding"]
        assert torch.allclose(F.conv2d(x, case["weight"], case["bias"], stride=s, padding=p), case["y"])
    assert any(case["stride"] > 1 for case in references["conv2d_im2col"])


def test_relative_change_and_global_average_references():
    references = committed("02_pooling")
    for case in references["relative_change"]:
        a, b = case["a"], case["b"]
        assert isinstance(case["change"], float)
        assert case["change"] == pytest.approx(float(torch.linalg.vector_norm(a - b, 1)
                                                     / torch.linalg.vector_norm(a, 1)))
    for case in references["global_avg_pool"]:
        assert torch.allclose(case["y"], case["x"].mean(dim=(2, 3)))
        assert case["y"].shape == case["x"].shape[:2]   # (N, C)


def test_backward_references_are_autograds():
    for case in committed("02_pooling")["backward"]:
        x = case["x"].clone().requires_grad_()
        weight = case["weight"].clone().requires_grad_()
        bias = torch.zeros(weight.shape[0], dtype=weight.dtype, requires_grad=True)
        F.conv2d(x, weight, bias).backward(case["grad_out"])
        assert torch.allclose(x.grad, case["grad_x"])
        assert torch.allclose(weight.grad, case["grad_weight"])
        assert torch.allclose(bias.grad, case["grad_bias"])


def test_receptive_fields_are_measured_not_computed():
    script = load_script("02_pooling")
    fields = {tuple(c["layers"]): c["receptive_field"] for c in committed("02_pooling")["receptive_field"]}
    assert fields[((3, 1, 1),) * 4] == 9                      # four 3x3 layers
    assert fields[((5, 2, 1), (3, 2, 1), (3, 1, 1))] == 17     # strides multiply the growth
    for layers, field in fields.items():
        assert script.measured_receptive_field(list(layers)) == field


def test_lenet_references_are_the_classic_layer_lists():
    references = committed("03_lenet")
    [lenet], [fixed] = references["lenet5"], references["fixed_net"]
    # the parameter counts the notebook states, from the shapes alone
    assert sum(math.prod(shape) for _, shape in lenet["shapes"]) == 61_706
    assert sum(math.prod(shape) for _, shape in fixed["shapes"]) == 431_080
    assert [name for name, _ in lenet["shapes"]] == [f"{layer}.{p}" for layer in
                                                     ("conv1", "conv2", "fc1", "fc2", "fc3")
                                                     for p in ("weight", "bias")]
    assert lenet["x"].shape == fixed["x"].shape == (5, 1, 28, 28)


def test_predict_and_confusion_references_are_pytorchs_and_sklearns():
    references = committed("03_lenet")
    [case] = references["predict"]
    model = nn.Sequential(nn.Flatten(), nn.BatchNorm1d(12), nn.Linear(12, 4)).double()
    model.load_state_dict(case["state_dict"])
    model.eval()
    with torch.no_grad():
        assert torch.equal(model(case["x"]).argmax(dim=1), case["y_pred"])
    assert len(case["y_pred"].unique()) >= 3, "predictions of several classes"
    # without model.eval() a predict gets other predictions, the same ones every time
    in_training = load_script("03_lenet").predictions_in_training_mode(case)
    assert (in_training != case["y_pred"]).sum() >= 5
    assert torch.equal(in_training, load_script("03_lenet").predictions_in_training_mode(case))
    for case in references["confusion"]:
        expected = sklearn.metrics.confusion_matrix(case["y_true"], case["y_pred"],
                                                    labels=range(case["num_classes"]))
        assert torch.equal(case["matrix"], torch.from_numpy(expected).to(case["matrix"].dtype))
    [mlp] = references["make_mlp"]
    assert mlp == {"linear_layers": 2, "in_features": 28 * 28}
