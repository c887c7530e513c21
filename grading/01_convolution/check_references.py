"""Self-checks of notebook 01's reference cases: each expected output is PyTorch's own.

Run by tests/test_references.py, like every notebook's ``check_references.py``:
each ``check_*`` function gets ``references`` ({grade id: [case as one flat dict]})
and ``script`` (make_references.py, loaded), and fails with an assertion.
"""

import torch
import torch.nn.functional as F

from helpers import widgets


def check_inputs_are_fresh(references, script):
    # no two corr2d cases share their input
    xs = [case["x"] for case in references["test_corr2d"]]
    assert len(xs) == 5
    assert all(not (a.shape == b.shape and torch.equal(a, b)) for i, a in enumerate(xs) for b in xs[i + 1:])


def check_corr2d_is_f_conv2d(references, script):
    for case in references["test_corr2d"]:
        x, k, y = case["x"], case["k"], case["y"]
        assert x.dtype == torch.float64
        assert y.shape == (x.shape[0] - k.shape[0] + 1, x.shape[1] - k.shape[1] + 1)
        assert torch.allclose(y, F.conv2d(x[None, None], k[None, None])[0, 0])


def check_pad2d_is_zero_padding(references, script):
    assert [case["padding"] for case in references["test_pad2d"]] == [0, 1, 3]
    for case in references["test_pad2d"]:
        x, p, y = case["x"], case["padding"], case["y"]
        assert y.shape == (x.shape[0] + 2 * p, x.shape[1] + 2 * p)
        assert torch.equal(y[p:p + x.shape[0], p:p + x.shape[1]], x)
        border = y.clone()
        border[p:p + x.shape[0], p:p + x.shape[1]] = 0
        assert (border == 0).all()  # the padding is zeros
        assert torch.equal(y, F.pad(x, (p, p, p, p)))


def check_output_sizes_match_the_formula_and_conv2d(references, script):
    cases = references["test_conv_output_size"]
    assert len(cases) == 300
    names = ["n", "kernel_size", "padding", "stride", "dilation"]
    for case in cases:
        assert set(case) == {*names, "size"}
        assert widgets.output_size(**{k: case[k] for k in names}) == case["size"]
    for case in cases[:20]:
        shape = F.conv2d(torch.zeros(1, 1, case["n"], case["n"]),
                         torch.zeros(1, 1, case["kernel_size"], case["kernel_size"]),
                         padding=case["padding"], stride=case["stride"], dilation=case["dilation"]).shape
        assert shape[-1] == case["size"]


def check_corr2d_general_is_f_conv2d(references, script):
    for case in references["test_corr2d_general"]:
        y = F.conv2d(case["x"][None, None], case["k"][None, None], padding=case["padding"],
                     stride=case["stride"], dilation=case["dilation"])[0, 0]
        assert torch.allclose(case["y"], y)


def check_conv2d_is_f_conv2d_with_bias(references, script):
    assert [case["bias"] is None for case in references["test_conv2d"]] == [False, True, False, False]
    for case in references["test_conv2d"]:
        y = F.conv2d(case["x"], case["weight"], case["bias"], padding=case["padding"],
                     stride=case["stride"], dilation=case["dilation"])
        assert torch.allclose(case["y"], y)


def check_parameter_counts_follow_the_formulas(references, script):
    for case in references["test_parameters"]:
        (h_in, w_in, c_in), (h_out, w_out, c_out) = case["in_shape"], case["out_shape"]
        k = case["kernel_size"]
        assert h_in != w_in and h_out != w_out and c_in != 3   # a square image or RGB assumed fails
        units = h_out * w_out * c_out
        assert case["fully_connected"] == h_in * w_in * c_in * units + units
        assert case["locally_connected"] == units * (k * k * c_in + 1)
        assert case["convolution"] == c_out * (k * k * c_in + 1)


def check_kernel_images_are_steps_and_noise(references, script):
    [kernels] = references["test_make_kernels"]
    vertical, horizontal = kernels["vertical_step"], kernels["horizontal_step"]
    assert set(vertical.unique().tolist()) == {0.0, 1.0}
    assert (vertical == vertical[0]).all()  # every row is the same: a vertical edge
    assert set(horizontal.unique().tolist()) == {0.0, 2.0}
    assert (horizontal == horizontal[:, :1]).all()  # every column is the same: a horizontal edge
    assert kernels["noise"].shape == (24, 24)


def check_learn_kernel_is_f_conv2d(references, script):
    cases = references["test_learn_kernel"]
    assert [(case["kernel_size"], case["lr"]) for case in cases] == [(3, 0.1), (5, 0.2)]
    assert cases[0]["y"].shape == (6, 1, 10, 10)
    for case in cases:
        assert case["kernel"].shape == (case["kernel_size"],) * 2 and case["x"].dtype == torch.float64
        assert torch.allclose(case["y"], F.conv2d(case["x"], case["kernel"][None, None]))
        # the first loss is the starting kernel's: zeros predict 0, so it is the mean of y squared
        assert abs(case["first_loss"] - float((case["y"] ** 2).mean())) <= 1e-12 * case["first_loss"]
