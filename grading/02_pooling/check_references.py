"""Self-checks of notebook 02's reference cases: each expected output is PyTorch's own.

Run by tests/test_references.py, like every notebook's ``check_references.py``:
each ``check_*`` function gets ``references`` ({grade id: [case as one flat dict]})
and ``script`` (make_references.py, loaded), and fails with an assertion. Floating point
computed again is compared within the tolerances of tests/course.py, which fit any CPU;
exact where the operation is exact on every CPU (max pooling, F.unfold, copies).
"""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from course import assert_same_up_to_rounding


def check_pooling_is_pytorchs(references, script):
    for case in references["test_pool2d"]:
        stride = case["stride"] if case["stride"] is not None else case["kernel_size"]
        if case["mode"] == "max":      # a copy of one input: exact on every CPU
            assert torch.equal(F.max_pool2d(case["x"], case["kernel_size"], stride, case["padding"]), case["y"])
        else:                          # a sum, divided: rounded
            assert_same_up_to_rounding(F.avg_pool2d(case["x"], case["kernel_size"], stride, case["padding"]),
                                       case["y"], "the average pooling")


def check_im2col_is_f_unfold_and_f_conv2d(references, script):
    for case in references["test_im2col"]:
        x, k, s, p = case["x"], case["kernel_size"], case["stride"], case["padding"]
        assert torch.equal(F.unfold(x, k, padding=p, stride=s), case["cols"])
    for case in references["test_conv2d_im2col"]:
        x, s, p = case["x"], case["stride"], case["padding"]
        assert torch.allclose(F.conv2d(x, case["weight"], case["bias"], stride=s, padding=p), case["y"])
    assert any(case["stride"] > 1 for case in references["test_conv2d_im2col"])
    for case in references["test_conv2d_im2col"]:   # the groups x[start:start + chunk], a smaller last one
        n, chunk = case["x"].shape[0], case["chunk"]
        assert case["batches"] == [min(chunk, n - start) for start in range(0, n, chunk)]
    assert any(len(case["batches"]) > 1 for case in references["test_conv2d_im2col"])


def check_relative_change_and_global_average(references, script):
    for case in references["test_relative_change"]:
        a, b = case["a"], case["b"]
        assert isinstance(case["change"], float)
        assert case["change"] == pytest.approx(float(torch.linalg.vector_norm(a - b, 1)
                                                     / torch.linalg.vector_norm(a, 1)))
    for case in references["test_global_avg_pool"]:
        assert torch.allclose(case["y"], case["x"].mean(dim=(2, 3)))
        assert case["y"].shape == case["x"].shape[:2]   # (N, C)


def check_backward_is_autograds(references, script):
    for case in references["test_conv2d_backward"]:
        x = case["x"].clone().requires_grad_()
        weight = case["weight"].clone().requires_grad_()
        bias = torch.zeros(weight.shape[0], dtype=weight.dtype, requires_grad=True)
        F.conv2d(x, weight, bias).backward(case["grad_out"])
        assert torch.allclose(x.grad, case["grad_x"])
        assert torch.allclose(weight.grad, case["grad_weight"])
        assert torch.allclose(bias.grad, case["grad_bias"])


def check_backward_inputs_are_left_as_they_were(references, script):
    """The inputs after the call that the backward passes' judges expect are the inputs themselves, copied."""
    for grade_id in ("test_conv2d_backward", "test_conv2d_backward_strided"):
        for case in references[grade_id]:
            for name in ("x", "weight", "grad_out"):
                assert torch.equal(case[f"{name}_after"], case[name])
                assert case[f"{name}_after"].data_ptr() != case[name].data_ptr()


def check_receptive_fields_are_measured_not_computed(references, script):
    fields = {tuple(c["layers"]): c["receptive_field"] for c in references["test_receptive_field"]}
    assert fields[((3, 1, 1),) * 4] == 9                      # four 3x3 layers
    assert fields[((5, 2, 1), (3, 2, 1), (3, 1, 1))] == 17     # strides multiply the growth
    for layers, field in fields.items():
        assert script.measured_receptive_field(list(layers)) == field


def check_numerical_gradient_is_autograds(references, script):
    cases = references["test_numerical_gradient"]
    # small steps, where the answer is autograd's; and a large one, where it is the central difference only
    assert any(case["h"] <= 1e-3 for case in cases) and any(case["h"] >= 0.1 for case in cases)
    # and an f that returns a Python float, which the exercise allows
    assert any(case.get("f_returns_float") for case in cases)
    for case in cases:
        x = case["x"].clone().requires_grad_()
        f = script.coupled(case["a"])
        f(x).backward()
        # at a large step another (small) step gives autograd's gradient, far from the case's
        assert torch.allclose(x.grad, case["grad"]) == (case["h"] <= 1e-3)
        assert torch.equal(case["x_after"], case["x"])
        # the central difference agrees within the judge's tolerance; the one-sided does not
        h, x = case["h"], case["x"]
        central = torch.zeros_like(x).reshape(-1)
        one_sided = torch.zeros_like(x).reshape(-1)
        for i in range(x.numel()):
            e = torch.zeros(x.numel(), dtype=x.dtype)
            e[i] = h
            e = e.reshape(x.shape)
            central[i] = (f(x + e) - f(x - e)) / (2 * h)
            one_sided[i] = (f(x + e) - f(x)) / h
        assert torch.allclose(central.reshape(x.shape), case["grad"], rtol=1e-4, atol=1e-5)
        assert not torch.allclose(one_sided.reshape(x.shape), case["grad"], rtol=1e-4, atol=1e-5)


def check_strided_backward_is_autograds(references, script):
    for case in references["test_conv2d_backward_strided"]:
        x = case["x"].clone().requires_grad_()
        weight = case["weight"].clone().requires_grad_()
        bias = torch.zeros(weight.shape[0], dtype=weight.dtype, requires_grad=True)
        F.conv2d(x, weight, bias, stride=case["stride"], padding=case["padding"]).backward(case["grad_out"])
        assert torch.allclose(x.grad, case["grad_x"])
        assert torch.allclose(weight.grad, case["grad_weight"])
        assert torch.allclose(bias.grad, case["grad_bias"])
    cases = references["test_conv2d_backward_strided"]
    assert all(case["stride"] > 1 for case in cases[:3]) and all(case["padding"] > 0 for case in cases[1:])


def check_max_pool_backward_is_autograds(references, script):
    for case in references["test_max_pool2d_backward"]:
        x = case["x"].clone().requires_grad_()
        F.max_pool2d(x, case["kernel_size"], case["stride"]).backward(case["grad_out"])
        assert torch.allclose(x.grad, case["grad_x"])
        assert torch.equal(case["x_after"], case["x"])   # the input, left as it is
    # overlapping windows, where a pixel collects several windows' gradients
    assert any(case["stride"] is not None and case["stride"] < case["kernel_size"]
               for case in references["test_max_pool2d_backward"])


def check_architectures_are_nn_modules(references, script):
    """The pattern's layers, built from nn modules here: their parameter count and layer types are the cases'."""
    for case in references["test_make_cnn"]:
        layers, channels, size = [], case["in_channels"], case["image_size"]
        for width in case["conv_channels"]:
            for _ in range(case["n"]):
                layers += [nn.Conv2d(channels, width, 3, padding=1), nn.ReLU()]
                channels = width
            layers.append(nn.MaxPool2d(2))
        model = nn.Sequential(*layers, nn.Flatten())
        features = model(torch.zeros(1, case["in_channels"], size, size)).shape[1]   # measured, not computed
        for units in case["fc_units"] + [case["num_classes"]]:
            model.append(nn.Linear(features, units))
            model.append(nn.ReLU())
            features = units
        model = model[:-1]   # no ReLU after the last linear layer
        assert sum(p.numel() for p in model.parameters()) == case["parameters"]
        assert [type(m).__name__ for m in model] == case["layers"]
    # a case with three blocks and one without hidden linear layers
    assert any(len(c["conv_channels"]) == 3 for c in references["test_make_cnn"])
    assert any(not c["fc_units"] for c in references["test_make_cnn"])
