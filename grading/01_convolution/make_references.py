"""Make the hidden tests' inputs and expected outputs for notebook 01.

Every expected output comes from PyTorch's own operations (F.conv2d, F.pad,
nn.Linear, nn.Conv2d), never from the course's solutions, so the two are
independent. The inputs are fresh: the student never sees them.

One entry per graded test cell (its grade id), a list of cases, each
``{"inputs": ..., "expected": ...}`` (see autograder/judging.py); only the
inputs ever reach the student's kernel.

    python grading/01_convolution/make_references.py   # writes references.pt beside it
"""

import random
import sys
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

OUT = Path(__file__).resolve().parent / "references.pt"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))   # the course's root
from autograder.judging import cases  # noqa: E402
SEED = 20261122


def randn(*shape, g):
    return torch.randn(*shape, generator=g, dtype=torch.float64)


def corr2d_cases(g, rng):
    cases = []
    for _ in range(5):
        kh, kw = rng.randint(1, 4), rng.randint(1, 4)
        x, k = randn(rng.randint(kh, 8), rng.randint(kw, 8), g=g), randn(kh, kw, g=g)
        y = F.conv2d(x[None, None], k[None, None])[0, 0]  # (H - kh + 1, W - kw + 1)
        cases.append({"x": x, "k": k, "y": y})
    return cases


def pad2d_cases(g, rng):
    cases = []
    for padding in (0, 1, 3):
        x = randn(rng.randint(1, 6), rng.randint(1, 6), g=g)
        if padding == 1:   # a float32 input: its result is float32 too (a pad2d always in float64 fails it)
            x = x.float()
        cases.append({"x": x, "padding": padding, "y": F.pad(x, (padding,) * 4)})
    return cases


def random_geometry(rng, max_n=20):
    """A (n, k, padding, stride, dilation) whose dilated kernel fits the padded input."""
    while True:
        n, k = rng.randint(1, max_n), rng.randint(1, 5)
        p, s, d = rng.randint(0, 3), rng.randint(1, 4), rng.randint(1, 3)
        if n + 2 * p >= d * (k - 1) + 1:
            return n, k, p, s, d


def output_size_cases(rng):
    """The arguments of conv_output_size by name, and the size F.conv2d gives."""
    cases = []
    for _ in range(300):
        n, k, p, s, d = random_geometry(rng)
        y = F.conv2d(torch.zeros(1, 1, n, n), torch.zeros(1, 1, k, k), padding=p, stride=s, dilation=d)
        cases.append({"n": n, "kernel_size": k, "padding": p, "stride": s, "dilation": d,
                      "size": y.shape[-1]})
    return cases


def corr2d_general_cases(g, rng):
    cases = []
    # stride 1 with padding, then the general case, then a big dilation
    settings = [(1, 1, 1), (2, 1, 1), (0, 2, 1), (1, 2, 2), (2, 3, 1), (1, 1, 3)]
    for p, s, d in settings:
        kh, kw = rng.randint(1, 4), rng.randint(1, 4)
        low = max(d * (max(kh, kw) - 1) + 1 - 2 * p, 1)
        x, k = randn(rng.randint(low, low + 6), rng.randint(low, low + 6), g=g), randn(kh, kw, g=g)
        if (p, s, d) == settings[-1]:   # float32 values: the output is float32 too, in x's dtype
            x, k = x.float(), k.float()
        y = F.conv2d(x[None, None], k[None, None], padding=p, stride=s, dilation=d)[0, 0]
        cases.append({"x": x, "k": k, "padding": p, "stride": s, "dilation": d, "y": y})
    return cases


def conv2d_cases(g, rng):
    cases = []
    for with_bias, (p, s, d) in [(True, (1, 2, 1)), (False, (0, 1, 1)), (True, (2, 1, 2)), (True, (1, 3, 1))]:
        n, c_in, c_out, kh, kw = rng.randint(1, 2), rng.randint(1, 3), rng.randint(1, 3), 3, rng.randint(1, 3)
        x = randn(n, c_in, rng.randint(5, 9), rng.randint(5, 9), g=g)
        weight = randn(c_out, c_in, kh, kw, g=g)
        bias = randn(c_out, g=g) if with_bias else None
        if (p, s, d) == (1, 3, 1):   # float32 values: the output is float32 too, in x's dtype
            x, weight, bias = x.float(), weight.float(), bias.float()
        y = F.conv2d(x, weight, bias, padding=p, stride=s, dilation=d)
        cases.append({"x": x, "weight": weight, "bias": bias, "padding": p, "stride": s,
                      "dilation": d, "y": y})
    return cases


def count(module_or_tensors):
    if isinstance(module_or_tensors, nn.Module):
        return sum(p.numel() for p in module_or_tensors.parameters())
    return sum(t.numel() for t in module_or_tensors)


def parameter_cases(rng):
    cases = []
    for _ in range(4):
        # never square, never 3 input channels: a count that takes H for W, or writes in the example's RGB, fails
        k, c_in, c_out = rng.choice([1, 3, 5]), rng.choice([1, 2, 4, 5]), rng.randint(1, 6)
        h_in = rng.randint(k, 9)
        w_in = h_in + rng.randint(1, 4)
        h_out, w_out = h_in - k + 1, w_in - k + 1
        in_shape, out_shape = (h_in, w_in, c_in), (h_out, w_out, c_out)
        # fully connected: one weight per (input value, output unit), one bias per output unit
        full = count(nn.Linear(h_in * w_in * c_in, h_out * w_out * c_out))
        # locally connected: the weights of a layer with one k x k x c_in filter per output unit
        local = count([torch.empty(h_out * w_out * c_out, k * k * c_in), torch.empty(h_out * w_out * c_out)])
        conv = count(nn.Conv2d(c_in, c_out, k))
        cases.append({"in_shape": in_shape, "out_shape": out_shape, "kernel_size": k,
                      "fully_connected": full, "locally_connected": local, "convolution": conv})
    return cases


def kernel_cases(g, rng):
    """One case: step edges at new positions and a noise image, for the hand-designed kernels."""
    size = 10
    column, row = rng.randint(3, size - 3), rng.randint(3, size - 3)
    vertical = torch.zeros(size, size, dtype=torch.float64)
    vertical[:, column:] = 1.0
    horizontal = torch.zeros(size, size, dtype=torch.float64)
    horizontal[row:, :] = 1.0
    noise = randn(24, 24, g=g)
    return [{"vertical_step": vertical, "horizontal_step": horizontal.flip(0) * 2.0, "noise": noise}]


def learn_kernel_cases(g):
    """Two cases, a 3x3 kernel with lr 0.1 and a 5x5 one with lr 0.2 (a kernel of fixed size, or a step that
    ignores lr, fails the second): inputs, and their correlation with a kernel that gradient descent must
    recover; and the first two losses, the starting kernel's (zeros) and the next one's, each measured before
    its step."""
    made = []
    for kernel_size, lr, num_steps in [(3, 0.1, 150), (5, 0.2, 100)]:
        x = randn(6, 1, 12, 12, g=g)
        kernel = randn(kernel_size, kernel_size, g=g)
        y = F.conv2d(x, kernel[None, None])  # (6, 1, 13 - kernel_size, 13 - kernel_size)
        zeros = torch.zeros(1, 1, kernel_size, kernel_size, dtype=x.dtype)
        first_loss = F.mse_loss(F.conv2d(x, zeros), y).item()
        # the second loss: after one step of lr downhill from zeros (twice the gradient gives another)
        start = zeros.clone().requires_grad_()
        (gradient,) = torch.autograd.grad(F.mse_loss(F.conv2d(x, start), y), start)
        second_loss = F.mse_loss(F.conv2d(x, -lr * gradient), y).item()
        # the third: one more step from there, of lr times that kernel's own gradient (the first one zeroed; a
        # gradient that adds up to the first gives another)
        step = (-lr * gradient).requires_grad_()
        (gradient_2,) = torch.autograd.grad(F.mse_loss(F.conv2d(x, step), y), step)
        third_loss = F.mse_loss(F.conv2d(x, step.detach() - lr * gradient_2), y).item()
        made.append({"x": x, "y": y, "kernel_size": kernel_size, "num_steps": num_steps, "lr": lr,
                     "kernel": kernel, "first_loss": first_loss, "second_loss": second_loss,
                     "third_loss": third_loss})
    return made


def make():
    g = torch.Generator().manual_seed(SEED)
    rng = random.Random(SEED)
    return {
        "test_corr2d": cases(corr2d_cases(g, rng), "y"),
        "test_pad2d": cases(pad2d_cases(g, rng), "y"),
        "test_conv_output_size": cases(output_size_cases(rng), "size"),
        "test_corr2d_general": cases(corr2d_general_cases(g, rng), "y"),
        "test_conv2d": cases(conv2d_cases(g, rng), "y"),
        "test_parameters": cases(parameter_cases(rng),
                                 ("fully_connected", "locally_connected", "convolution")),
        # images the judge applies the student's kernels to; make_kernels() needs none of them
        "test_make_kernels": cases(kernel_cases(g, rng), ("vertical_step", "horizontal_step", "noise")),
        "test_learn_kernel": cases(learn_kernel_cases(g), ("kernel", "first_loss", "second_loss", "third_loss")),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    torch.save(make(), out)
    print(f"wrote {out}")
