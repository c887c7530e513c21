"""Make the hidden tests' inputs and expected outputs for notebook 02.

Every expected output comes from PyTorch itself (F.max_pool2d, F.avg_pool2d,
F.adaptive_avg_pool2d, autograd for the backward passes and the numerical gradient (at a large step, the
central difference's closed form),
F.unfold, nn.Conv1d/3d, parameter counts of nn modules; the groups of images conv2d_im2col gives im2col
follow from the batch and the chunk) or, for relative_change, from its one-line definition, never from
the course's solutions. The inputs are fresh: the student never sees them.

One entry per graded test cell (its grade id), a list of cases, each
``{"inputs": ..., "expected": ...}`` (see autograder/judging.py); only the
inputs ever reach the student's kernel.

    python grading/02_pooling/make_references.py   # writes references.pt beside it
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
SEED = 20261123


def randn(*shape, g):
    return torch.randn(*shape, generator=g, dtype=torch.float64)


def pooling_cases(g, rng):
    cases = []
    settings = [("max", (2, 2), None, 0), ("avg", (3, 3), (2, 2), 1), ("max", (3, 2), (2, 1), 1),
                ("avg", (2, 3), (1, 2), 0), ("max", (3, 3), (1, 1), 1)]
    for mode, kernel, stride, padding in settings:
        x = randn(rng.randint(1, 2), rng.randint(1, 3), rng.randint(5, 9), rng.randint(5, 9), g=g)
        x = x - 1.0  # mostly negative values: zero padding in a max pool would show
        pool = F.max_pool2d if mode == "max" else F.avg_pool2d
        y = pool(x, kernel, stride=stride if stride is not None else kernel, padding=padding)
        cases.append({"x": x, "mode": mode, "kernel_size": kernel, "stride": stride,
                      "padding": padding, "y": y, "x_after": x.clone()})   # x as pool2d must leave it
    return cases


def bottom_padding_case(g):
    """Average pooling whose last windows reach the bottom and right padding (7 rows and 5 columns, a 3x3 window
    at stride 2, padding 1): padding above and to the left only cuts those windows short, and their means differ."""
    x = randn(1, 2, 7, 5, g=g) - 1.0
    return {"x": x, "mode": "avg", "kernel_size": 3, "stride": 2, "padding": 1,
            "y": F.avg_pool2d(x, 3, stride=2, padding=1), "x_after": x.clone()}


def measured_receptive_field(layers, size=64):
    """Extent of the input pixels whose gradient is non-zero for the centre output unit."""
    x = torch.ones(1, 1, size, size, dtype=torch.float64, requires_grad=True)
    y = x
    for kernel, stride, dilation in layers:
        y = F.conv2d(y, torch.ones(1, 1, kernel, kernel, dtype=torch.float64), stride=stride,
                     dilation=dilation)
    y[0, 0, y.shape[2] // 2, y.shape[3] // 2].backward()
    rows = x.grad[0, 0].abs().sum(dim=1).nonzero()
    return int(rows.max() - rows.min() + 1)


def receptive_field_cases(rng):
    cases = []
    for layers in ([(3, 1, 1)] * 4, [(5, 2, 1), (3, 2, 1), (3, 1, 1)], [(3, 1, 2), (3, 1, 4)],
                   [(2, 2, 1), (3, 1, 1), (2, 2, 1), (3, 1, 3)], [(7, 1, 1), (1, 1, 1)]):
        cases.append({"layers": layers, "receptive_field": measured_receptive_field(layers)})
    return cases


def stack_weight_cases(rng):
    cases = []
    for kernel_sizes in ([3, 3, 3], [7], [5, 5], [1, 3, 1]):
        channels = rng.randint(2, 12)
        stack = nn.Sequential(*[nn.Conv2d(channels, channels, k, bias=False) for k in kernel_sizes])
        cases.append({"kernel_sizes": kernel_sizes, "channels": channels,
                      "weights": sum(p.numel() for p in stack.parameters())})
    # a 3x3 then a 5x5, each with its own k (one size for every layer fails it); its channels fixed, not
    # drawn, so that the cases drawn after it stay as they were
    stack = nn.Sequential(nn.Conv2d(6, 6, 3, bias=False), nn.Conv2d(6, 6, 5, bias=False))
    cases.append({"kernel_sizes": [3, 5], "channels": 6, "weights": sum(p.numel() for p in stack.parameters())})
    return cases


def unchanged(x, weight, grad_out):
    """A backward pass's inputs as it must leave them: copies, compared after the call (an answer that writes into
    x, such as grad_x = x zeroed, changes them)."""
    return {"x_after": x.detach().clone(), "weight_after": weight.detach().clone(), "grad_out_after": grad_out.clone()}


def backward_cases(g, rng):
    cases = []
    for _ in range(3):
        n, c_in, c_out, kh, kw = rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 3)
        x = randn(n, c_in, rng.randint(kh, 7), rng.randint(kw, 7), g=g).requires_grad_()
        weight = randn(c_out, c_in, kh, kw, g=g).requires_grad_()
        bias = randn(c_out, g=g).requires_grad_()
        y = F.conv2d(x, weight, bias)
        grad_out = randn(*y.shape, g=g)
        y.backward(grad_out)
        cases.append({"x": x.detach(), "weight": weight.detach(), "grad_out": grad_out,
                      "grad_x": x.grad, "grad_weight": weight.grad, "grad_bias": bias.grad, **unchanged(x, weight, grad_out)})
    return cases


def im2col_cases(g, rng):
    """Cases for im2col (F.unfold's columns) and for conv2d_im2col (F.conv2d), on the same inputs."""
    im2col, conv2d_im2col = [], []
    for kernel, stride, padding in [(3, 1, 1), (2, 2, 0), (3, 2, 1), (1, 1, 0)]:
        x = randn(rng.randint(1, 2), rng.randint(1, 3), rng.randint(4, 8), rng.randint(4, 8), g=g)
        weight = randn(rng.randint(1, 4), x.shape[1], kernel, kernel, g=g)
        bias = randn(weight.shape[0], g=g)
        im2col.append({"x": x, "kernel_size": kernel, "stride": stride, "padding": padding,
                       "cols": F.unfold(x, kernel, padding=padding, stride=stride)})
        conv2d_im2col.append({"x": x, "weight": weight, "bias": bias, "stride": stride,
                              "padding": padding, "chunk": 4, "batches": [x.shape[0]],   # one group
                              "y": F.conv2d(x, weight, bias, stride=stride, padding=padding)})
    return im2col, conv2d_im2col


def remainder_im2col_case(g):
    """A wide map whose height leaves a remainder at stride 2 (6 rows, 9 columns, a 3x3 kernel, no padding): a
    division rounded up in H_out alone, or a + 1 added before dividing, gives other counts of windows here."""
    x = randn(2, 2, 6, 9, g=g)
    return {"x": x, "kernel_size": 3, "stride": 2, "padding": 0, "cols": F.unfold(x, 3, stride=2)}


def chunked_conv2d_im2col_case(g):
    """5 images in chunks of 2: im2col gets 2, 2, then 1 image, never the whole batch at once."""
    x, weight, bias = randn(5, 2, 6, 5, g=g), randn(3, 2, 3, 3, g=g), randn(3, g=g)
    return {"x": x, "weight": weight, "bias": bias, "stride": 1, "padding": 1, "chunk": 2, "batches": [2, 2, 1],
            "y": F.conv2d(x, weight, bias, stride=1, padding=1)}


def unbiased_conv2d_im2col_case(g):
    """A convolution without bias (bias=None), which conv2d_im2col adds only when there is one: 3 images in
    chunks of 2."""
    x, weight = randn(3, 2, 5, 6, g=g), randn(2, 2, 3, 3, g=g)
    return {"x": x, "weight": weight, "bias": None, "stride": 2, "padding": 1, "chunk": 2, "batches": [2, 1],
            "y": F.conv2d(x, weight, stride=2, padding=1)}


def shape_cases(rng):
    cases = []
    for dims in (1, 3, 1, 3, 2):
        spatial = tuple(rng.randint(6, 12) for _ in range(dims))
        n, c_in, c_out = rng.randint(1, 3), rng.randint(1, 4), rng.randint(1, 8)
        k, s, p = rng.randint(1, 3), rng.randint(1, 2), rng.randint(0, 2)
        conv = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}[dims](c_in, c_out, k, stride=s, padding=p)
        y = conv(torch.zeros(n, c_in, *spatial))
        cases.append({"input_shape": (n, c_in, *spatial), "out_channels": c_out, "kernel_size": k,
                      "stride": s, "padding": p, "output_shape": tuple(y.shape)})
    return cases


def architecture_cases(rng):
    """Parameter counts, output shapes and layer types of INPUT -> [[CONV -> RELU]*N -> POOL]*M -> [FC -> RELU]*K -> FC."""
    cases = []
    for n, m, k in [(1, 2, 1), (2, 1, 0), (3, 2, 2), (1, 3, 1)]:
        in_channels, image_size, num_classes = rng.choice([1, 3]), 2 ** (m + 2), rng.randint(2, 10)
        conv_channels = [rng.randint(2, 8) for _ in range(m)]
        fc_units = [rng.randint(4, 20) for _ in range(k)]
        # count from the layer shapes: 3x3 convolutions with bias, 2x2 pooling halves the size
        count, c, size = 0, in_channels, image_size
        for width in conv_channels:
            for _ in range(n):
                count += width * c * 9 + width
                c = width
            size //= 2
        features = c * size * size
        for units in fc_units + [num_classes]:
            count += features * units + units
            features = units
        # the layers' types in order, blocks unpacked: the pattern itself
        layers = (["Conv2d", "ReLU"] * n + ["MaxPool2d"]) * m + ["Flatten"] + ["Linear", "ReLU"] * k + ["Linear"]
        cases.append({"in_channels": in_channels, "image_size": image_size,
                      "num_classes": num_classes, "n": n, "conv_channels": conv_channels,
                      "fc_units": fc_units, "parameters": count, "layers": layers})
    return cases


def relative_change_cases(g):
    cases = []
    for shape in [(3, 5, 4), (2, 7), (6,)]:
        a, b = randn(*shape, g=g), randn(*shape, g=g)
        cases.append({"a": a, "b": b, "change": ((a - b).abs().sum() / a.abs().sum()).item(),
                      "a_after": a.clone(), "b_after": b.clone()})   # the inputs as relative_change must leave them
    return cases


def global_avg_pool_cases(g):
    cases = []
    for shape in [(3, 6, 2, 7), (1, 4, 5, 5)]:
        x = randn(*shape, g=g)
        cases.append({"x": x, "y": F.adaptive_avg_pool2d(x, 1).flatten(1), "x_after": x.clone()})  # (N, C); x left as it is
    return cases


def coupled(a):
    """The hidden tests' function of x for numerical_gradient (the notebook's test cell defines the same)."""
    return lambda x: torch.sin(a @ x.reshape(-1)).sum() + (x ** 3).sum() / 3


def numerical_gradient_cases(g):
    """Autograd's gradient of coupled(a) at x, and x itself: the answer must leave x as it found it.

    h = 1e-3 makes a one-sided difference wrong by about 1e-3, far outside the judge's tolerance,
    while the central difference stays within a few 1e-6 (see judges.test_numerical_gradient).
    """
    return numerical_gradient_cases_of(g, [(4,), (2, 3), (1, 2, 3, 3)])


def numerical_gradient_cases_of(g, shapes):
    """numerical_gradient_cases for x of these shapes."""
    cases = []
    for shape in shapes:
        x = randn(*shape, g=g)
        a = randn(3, x.numel(), g=g)
        x_autograd = x.clone().requires_grad_()
        (grad,) = torch.autograd.grad(coupled(a)(x_autograd), x_autograd)
        cases.append({"x": x, "a": a, "h": 1e-3, "grad": grad, "x_after": x.clone()})
    return cases


def large_step_case(g):
    """A step h = 0.25, where the central difference is far from the derivative: an answer that takes
    another step than the h it is given (one written into the function) is wrong here.

    The expected gradient is the central difference itself, in closed form: for
    f = sum sin(a @ x) + sum x^3 / 3 and u = a @ x, (f(x + h e_i) - f(x - h e_i)) / 2h is
    sum_k cos(u_k) sin(h a_ki) / h + x_i^2 + h^2 / 3 (check_references.py takes the differences one by one).
    """
    x = randn(2, 3, g=g)
    a = randn(3, x.numel(), g=g)
    h = 0.25
    u = a @ x.reshape(-1)                                                     # (3,)
    grad = (torch.cos(u)[:, None] * torch.sin(h * a)).sum(dim=0).reshape(x.shape) / h + x ** 2 + h ** 2 / 3
    return {"x": x, "a": a, "h": h, "grad": grad, "x_after": x.clone()}


def float_valued_case(g):
    """numerical_gradient on an f that returns a Python float (the hidden test wraps coupled(a) in float()), as
    the exercise allows: an answer that calls f(x).item() works on a tensor only. Autograd's gradient, h = 1e-3."""
    (case,) = numerical_gradient_cases_of(g, [(3, 2)])
    return {**case, "f_returns_float": True}


def float32_case(g):
    """numerical_gradient on a float32 x, whose dtype the gradient keeps (the exercise asks for x's dtype): the
    large step's central difference in closed form (as large_step_case), computed in float64, then rounded."""
    case = large_step_case(g)
    return {key: value.float() if isinstance(value, torch.Tensor) else value for key, value in case.items()}


def strided_backward_cases(g, rng):
    """Autograd's gradients of F.conv2d with stride and padding, for random grad_out."""
    cases = []
    for stride, padding in [(2, 0), (2, 1), (3, 1), (1, 2)]:
        n, c_in, c_out, kh, kw = rng.randint(1, 2), rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 3), rng.randint(2, 3)
        x = randn(n, c_in, rng.randint(kh + 2, 9), rng.randint(kw + 2, 9), g=g).requires_grad_()
        weight = randn(c_out, c_in, kh, kw, g=g).requires_grad_()
        bias = randn(c_out, g=g).requires_grad_()
        y = F.conv2d(x, weight, bias, stride=stride, padding=padding)
        grad_out = randn(*y.shape, g=g)
        y.backward(grad_out)
        cases.append({"x": x.detach(), "weight": weight.detach(), "grad_out": grad_out, "stride": stride,
                      "padding": padding, "grad_x": x.grad, "grad_weight": weight.grad, "grad_bias": bias.grad,
                      **unchanged(x, weight, grad_out)})
    return cases


def max_pool_backward_cases(g, rng):
    """Autograd's gradient of F.max_pool2d, overlapping windows (stride < kernel) included."""
    cases = []
    for kernel, stride in [(2, None), (3, 2), (3, 1), (2, 3)]:
        x = randn(rng.randint(1, 2), rng.randint(1, 3), rng.randint(6, 9), rng.randint(6, 9), g=g).requires_grad_()
        y = F.max_pool2d(x, kernel, stride)
        grad_out = randn(*y.shape, g=g)
        y.backward(grad_out)
        cases.append({"x": x.detach(), "grad_out": grad_out, "kernel_size": kernel, "stride": stride,
                      "grad_x": x.grad, "x_after": x.detach().clone(),   # x as the backward pass must leave it
                      "grad_out_after": grad_out.clone()})
    return cases


def float32_cases(g):
    """One float32 case for each exercise whose statement asks for x's dtype (the judges compare with same_dtype):
    a float64 result (.double(), zeros made with dtype=torch.float64) fails there. The inputs are drawn in float64
    and rounded; each expected output is PyTorch's own, in float32 (the self-checks compute it again so)."""
    def f32(*shape):
        return randn(*shape, g=g).float()

    x = f32(1, 2, 7, 6) - 1.0
    pool = [{"x": x, "mode": mode, "kernel_size": 3, "stride": 2, "padding": 1, "x_after": x.clone(),
             "y": (F.max_pool2d if mode == "max" else F.avg_pool2d)(x, 3, stride=2, padding=1)}
            for mode in ("max", "avg")]
    x = f32(2, 3, 5, 4)
    gap = [{"x": x, "y": F.adaptive_avg_pool2d(x, 1).flatten(1), "x_after": x.clone()}]
    x, weight = f32(1, 2, 6, 5), f32(2, 2, 3, 2)
    xd, wd = x.clone().requires_grad_(), weight.clone().requires_grad_()
    bias = torch.zeros(2, requires_grad=True)
    y = F.conv2d(xd, wd, bias, stride=2, padding=1)
    grad_out = f32(*y.shape)
    y.backward(grad_out)
    strided = [{"x": x, "weight": weight, "grad_out": grad_out, "stride": 2, "padding": 1, "grad_x": xd.grad,
                "grad_weight": wd.grad, "grad_bias": bias.grad, **unchanged(x, weight, grad_out)}]
    x = f32(1, 2, 6, 7)
    xd = x.clone().requires_grad_()
    y = F.max_pool2d(xd, 3, 2)
    grad_out = f32(*y.shape)
    y.backward(grad_out)
    max_pool = [{"x": x, "grad_out": grad_out, "kernel_size": 3, "stride": 2, "grad_x": xd.grad,
                 "x_after": x.clone(), "grad_out_after": grad_out.clone()}]
    x = f32(2, 2, 5, 6)
    im2col = [{"x": x, "kernel_size": 3, "stride": 2, "padding": 1, "cols": F.unfold(x, 3, padding=1, stride=2)}]
    return pool, gap, strided, max_pool, im2col


# A backward pass's expected record: its three gradients, and its inputs as it must leave them.
BACKWARD_EXPECTED = ("grad_x", "grad_weight", "grad_bias", "x_after", "weight_after", "grad_out_after")
MAX_POOL_EXPECTED = ("grad_x", "x_after", "grad_out_after")
# conv2d_im2col's: its output, the groups it gave im2col, and its inputs as it must leave them.
IM2COL_CONV_EXPECTED = ("y", "batches", "x_after", "weight_after", "bias_after")


def left_as_given(case):
    """A conv2d_im2col case with copies of its inputs, as the answer must leave them (bias may be None)."""
    return {**case, **{f"{name}_after": None if case[name] is None else case[name].clone()
                       for name in ("x", "weight", "bias")}}


def make():
    g = torch.Generator().manual_seed(SEED)
    rng = random.Random(SEED)
    references = {
        "test_pool2d": cases(pooling_cases(g, rng), ("y", "x_after")),
        "test_receptive_field": cases(receptive_field_cases(rng), "receptive_field"),
        "test_stack_weights": cases(stack_weight_cases(rng), "weights"),
        "test_conv2d_backward": cases(backward_cases(g, rng), BACKWARD_EXPECTED),
    }
    im2col, conv2d_im2col = im2col_cases(g, rng)
    references["test_im2col"] = cases(im2col, "cols")
    references["test_conv2d_im2col"] = cases([left_as_given(c) for c in conv2d_im2col], IM2COL_CONV_EXPECTED)
    references["test_conv_output_shape"] = cases(shape_cases(rng), "output_shape")
    references["test_make_cnn"] = cases(architecture_cases(rng), ("parameters", "layers"))
    # drawn last from g: cases added at the end leave every earlier case's numbers as they are
    references["test_relative_change"] = cases(relative_change_cases(g), ("change", "a_after", "b_after"))
    references["test_global_avg_pool"] = cases(global_avg_pool_cases(g), ("y", "x_after"))
    # the backward passes' cases, from their own seed: earlier cases' numbers stay as they are
    g, rng = torch.Generator().manual_seed(SEED + 1), random.Random(SEED + 1)
    references["test_numerical_gradient"] = cases(numerical_gradient_cases(g), ("grad", "x_after"))
    references["test_conv2d_backward_strided"] = cases(strided_backward_cases(g, rng), BACKWARD_EXPECTED)
    references["test_max_pool2d_backward"] = cases(max_pool_backward_cases(g, rng), MAX_POOL_EXPECTED)
    # a case added later, from its own seed: every earlier case's numbers stay as they are
    references["test_numerical_gradient"] += cases([large_step_case(torch.Generator().manual_seed(SEED + 2))],
                                                   ("grad", "x_after"))
    references["test_pool2d"] += cases([bottom_padding_case(torch.Generator().manual_seed(SEED + 5))], ("y", "x_after"))
    references["test_numerical_gradient"] += cases([float_valued_case(torch.Generator().manual_seed(SEED + 4))],
                                                   ("grad", "x_after"))
    references["test_conv2d_im2col"] += cases([left_as_given(chunked_conv2d_im2col_case(
        torch.Generator().manual_seed(SEED + 3)))], IM2COL_CONV_EXPECTED)
    references["test_conv2d_im2col"] += cases([left_as_given(unbiased_conv2d_im2col_case(
        torch.Generator().manual_seed(SEED + 6)))], IM2COL_CONV_EXPECTED)
    references["test_im2col"] += cases([remainder_im2col_case(torch.Generator().manual_seed(SEED + 7))], "cols")
    references["test_numerical_gradient"] += cases([float32_case(torch.Generator().manual_seed(SEED + 8))],
                                                   ("grad", "x_after"))
    pool, gap, strided, max_pool, im2col = float32_cases(torch.Generator().manual_seed(SEED + 9))
    references["test_pool2d"] += cases(pool, ("y", "x_after"))
    references["test_global_avg_pool"] += cases(gap, ("y", "x_after"))
    references["test_conv2d_backward_strided"] += cases(strided, BACKWARD_EXPECTED)
    references["test_max_pool2d_backward"] += cases(max_pool, MAX_POOL_EXPECTED)
    references["test_im2col"] += cases(im2col, "cols")
    return references


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    torch.save(make(), out)
    print(f"wrote {out}")
