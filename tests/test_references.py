"""Every notebook's hidden-test references: the committed file is what its script makes,
and the expected outputs are PyTorch's own, not the solutions'."""

import importlib.util

import pytest
import torch
import torch.nn.functional as F

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
    for case in committed("02_pooling")["im2col"]:
        x, k, s, p = case["x"], case["kernel_size"], case["stride"], case["padding"]
        assert torch.equal(F.unfold(x, k, padding=p, stride=s), case["cols"])
        assert torch.allclose(F.conv2d(x, case["weight"], case["bias"], stride=s, padding=p), case["y"])


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
