"""The "by hand" patterns of notebook 02's backward passes (helpers.checks.AUTOGRAD and
POOLING_OR_AUTOGRAD): what they refuse while the code runs, what the grader finds by reading
the answer, and what they let through."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from autograder.findings import library_calls
from helpers import checks
from helpers.checks import CheckFailed

X = torch.randn(1, 1, 4, 4, dtype=torch.float64)


def square_sum(x):
    return (x ** 2).sum()


def central_difference(f, x, h=1e-5):
    """Allowed: nothing but the forward pass."""
    grad = torch.zeros_like(x)
    for index in np.ndindex(x.shape):
        old = x[index].item()
        x[index] = old + h
        f_plus = float(f(x))
        x[index] = old - h
        f_minus = float(f(x))
        x[index] = old
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad


def with_backward(f, x):
    x = x.clone().requires_grad_()
    f(x).backward()
    return x.grad


def with_autograd_grad(f, x):
    x = x.clone().requires_grad_()
    return torch.autograd.grad(f(x), x)[0]


def with_func_grad(f, x):
    return torch.func.grad(f)(x)


def max_pool_backward_by_mask(x, grad_out):
    """Allowed: 2x2 windows, stride 2, the gradient routed with a mask of each window's maximum."""
    grad_x = torch.zeros_like(x)
    for i in range(grad_out.shape[2]):
        for j in range(grad_out.shape[3]):
            window = x[:, :, 2 * i:2 * i + 2, 2 * j:2 * j + 2]
            mask = window == window.amax(dim=(2, 3), keepdim=True)
            grad_x[:, :, 2 * i:2 * i + 2, 2 * j:2 * j + 2] += mask * grad_out[:, :, i, j, None, None]
    return grad_x


def max_pool_backward_by_unpool(x, grad_out):
    _, indices = F.max_pool2d(x, 2, return_indices=True)
    return F.max_unpool2d(grad_out, indices, 2, output_size=x.shape[2:])


def test_a_central_difference_passes_and_equals_autograd(capsys):
    x = X.clone()
    grad = checks.check_by_hand(central_difference, square_sum, x, pattern=checks.AUTOGRAD)
    checks.check_close(grad, 2 * X)
    assert torch.equal(x, X)


@pytest.mark.parametrize("cheat", [with_backward, with_autograd_grad, with_func_grad])
def test_autograd_is_refused_in_a_numerical_gradient(cheat):
    with pytest.raises(CheckFailed) as info:
        checks.check_by_hand(cheat, square_sum, X, pattern=checks.AUTOGRAD, name="numerical_gradient")
    assert "numerical_gradient called" in str(info.value)
    assert "grad" in str(info.value).splitlines()[0]


def test_routing_by_mask_passes_and_equals_autograd(capsys):
    x = X.clone().requires_grad_()
    grad_out = torch.randn(1, 1, 2, 2, dtype=torch.float64)
    F.max_pool2d(x, 2).backward(grad_out)
    mine = checks.check_by_hand(max_pool_backward_by_mask, X, grad_out, pattern=checks.POOLING_OR_AUTOGRAD)
    checks.check_close(mine, x.grad)


@pytest.mark.parametrize("cheat", [max_pool_backward_by_unpool,
                                   lambda x, g: with_backward(lambda t: (F.max_pool2d(t, 2) * g).sum(), x)])
def test_library_pooling_and_autograd_are_refused_in_the_max_pool_backward(cheat):
    grad_out = torch.randn(1, 1, 2, 2, dtype=torch.float64)
    with pytest.raises(CheckFailed) as info:
        checks.check_by_hand(cheat, X, grad_out, pattern=checks.POOLING_OR_AUTOGRAD, name="max_pool2d_backward")
    assert "max_pool2d_backward called" in str(info.value)


@pytest.mark.parametrize("source, pattern, found", [
    ("x.requires_grad_()\nf(x).backward()\nreturn x.grad", checks.AUTOGRAD, ["x.grad", "backward"]),
    ("return torch.autograd.grad(f(x), x)[0]", checks.AUTOGRAD, ["torch.autograd.grad"]),
    ("from torch.func import grad\nreturn grad(f)(x)", checks.AUTOGRAD, ["torch.func.grad"]),
    ("_, i = F.max_pool2d(x, 2, return_indices=True)\nreturn F.max_unpool2d(g, i, 2)",
     checks.POOLING_OR_AUTOGRAD, ["F.max_pool2d", "F.max_unpool2d"]),
])
def test_the_grader_finds_them_by_reading_the_answer(source, pattern, found):
    assert library_calls(source, pattern) == found


def test_the_solutions_own_code_is_not_mistaken_for_them():
    numerical = ("grad = torch.zeros_like(x)\nfor index in np.ndindex(x.shape):\n    old = x[index].item()\n"
                 "    x[index] = old + h\n    grad[index] = (float(f(x)) - 0) / (2 * h)\nreturn grad")
    pooling = "mask = window == window.amax(dim=(2, 3), keepdim=True)\ngrad_x[:, :, 0:2, 0:2] += mask * g"
    assert library_calls(numerical, checks.AUTOGRAD) == []
    assert library_calls(pooling, checks.POOLING_OR_AUTOGRAD) == []
