"""Make the hidden tests' inputs and expected outputs for notebook 04 (AlexNet and VGG).

Every expected output comes from PyTorch and torchvision, never from the course's
solutions: shapes, parameter counts and multiply-adds from real modules (torchvision's
own AlexNet among them) run on the meta device under
``torch.utils.flop_counter.FlopCounterMode`` (its FLOPs / 2); dropout statistics from
``F.dropout`` on the same inputs and seeds; crops and flips from
``torchvision.transforms.v2.functional``; VGG blocks and networks from torch.nn.functional's
convolution, ReLU, max pooling and linear maps with seeded weights (which the hidden test
loads into the student's modules), their parameter lists from modules built here; the
Pareto front from a dominance matrix computed with tensor comparisons.

One entry per graded test cell (its grade id), a list of cases, each
``{"inputs": ..., "expected": ...}`` (see autograder/judging.py); only the inputs ever
reach the student's kernel.

    python grading/04_alexnet_vgg/make_references.py   # writes references.pt beside it
"""

import sys
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.flop_counter import FlopCounterMode
from torchvision import models
from torchvision.transforms.v2 import functional as TF

OUT = Path(__file__).resolve().parent / "references.pt"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))   # the course's root
from autograder.judging import cases  # noqa: E402
from helpers.grading import seeded_parameters  # noqa: E402

SEED = 20261129


# ----------------------------------------------------------------------------
# layer_arithmetic: real modules, measured
# ----------------------------------------------------------------------------

def module_of(spec, shape):
    """The PyTorch module a spec names, for an input of ``shape`` (one example)."""
    kind, *settings = spec
    if kind == "conv":
        out_channels, kernel_size, stride, padding = settings
        return nn.Conv2d(shape[0], out_channels, kernel_size, stride, padding, device="meta")
    if kind == "pool":
        return nn.MaxPool2d(*settings)
    if kind == "flatten":
        return nn.Flatten(0)
    return nn.Linear(shape[0], settings[0], device="meta")


def measured_rows(layers, input_shape):
    """(output shape, parameters, FlopCounterMode's FLOPs / 2) of each layer, run in order on one example."""
    x = torch.empty(input_shape, device="meta")
    rows = []
    for layer in layers:
        layer = layer.to("meta")
        with FlopCounterMode(display=False) as counter:
            x = layer(x)
        rows.append((tuple(x.shape), sum(p.numel() for p in layer.parameters()), counter.get_total_flops() // 2))
    return rows


def torchvision_alexnet_case():
    """Torchvision's own alexnet() modules (ReLU, dropout and the 6x6 adaptive pooling, which changes
    nothing at 224 px, left out), and the specs that describe them."""
    with torch.device("meta"):
        alexnet = models.alexnet()
    layers, specs = [], []
    for layer in [*alexnet.features, nn.Flatten(0), *alexnet.classifier]:
        if isinstance(layer, nn.Conv2d):
            specs.append(("conv", layer.out_channels, layer.kernel_size[0], layer.stride[0], layer.padding[0]))
        elif isinstance(layer, nn.MaxPool2d):
            specs.append(("pool", layer.kernel_size, layer.stride))
        elif isinstance(layer, nn.Flatten):
            specs.append(("flatten",))
        elif isinstance(layer, nn.Linear):
            specs.append(("linear", layer.out_features))
        else:
            continue
        layers.append(layer)
    return {"specs": specs, "input_shape": (3, 224, 224), "rows": measured_rows(layers, (3, 224, 224))}


def uneven_network_case():
    """A network chosen so that floor and ceiling differ: a strided convolution and two poolings whose
    windows do not fit evenly, on a non-square input (23x30 -> 12x15 -> 5x7 -> 2x3)."""
    specs, shape, layers = [("conv", 5, 3, 2, 1), ("pool", 3, 2), ("pool", 2, 2), ("flatten",), ("linear", 7)], \
        (3, 23, 30), []
    for spec in specs:
        layers.append(module_of(spec, shape))
        shape = tuple(layers[-1].to("meta")(torch.empty(shape, device="meta")).shape)
    return {"specs": specs, "input_shape": (3, 23, 30), "rows": measured_rows(layers, (3, 23, 30))}


def telling_network_case():
    """A network on which every usual mistake in the output size gives sizes of its own (16x25 -> 8x13 -> 2x5):
    rounding up, H // s, the padding left out or added once, the + 1 left out, the stride left out or
    replaced by the kernel size, height and width swapped."""
    specs, input_shape = [("conv", 6, 7, 2, 3), ("pool", 5, 2), ("flatten",), ("linear", 9)], (3, 16, 25)
    shape, layers = input_shape, []
    for spec in specs:
        layers.append(module_of(spec, shape))
        shape = tuple(layers[-1].to("meta")(torch.empty(shape, device="meta")).shape)
    return {"specs": specs, "input_shape": input_shape, "rows": measured_rows(layers, input_shape)}


def rounding_network_case():
    """A network whose sizes tell floor, round and ceil apart, in a convolution and in a pooling: one side's
    quotient ends in less than a half, the other's in more (24x26 -> 6x7, from 5.75 and 6.25; -> 2x2, from
    1.33 and 1.67), so round() and math.ceil each give a shape of their own."""
    specs, input_shape = [("conv", 6, 5, 4, 2), ("pool", 2, 3), ("flatten",), ("linear", 4)], (2, 24, 26)
    shape, layers = input_shape, []
    for spec in specs:
        layers.append(module_of(spec, shape))
        shape = tuple(layers[-1].to("meta")(torch.empty(shape, device="meta")).shape)
    return {"specs": specs, "input_shape": input_shape, "rows": measured_rows(layers, input_shape)}


def random_network_case(g):
    """A random small network on a non-square input, with strides that do not divide evenly."""
    def pick(options):
        return options[int(torch.randint(len(options), (1,), generator=g))]

    shape = (pick([1, 3, 4]), pick([33, 40, 57]), pick([29, 48, 64]))
    input_shape, specs, layers = shape, [], []
    for _ in range(pick([2, 3, 4])):
        kernel = pick([1, 3, 5, 7])
        spec = ("conv", pick([4, 6, 10]), kernel, pick([1, 2, 3]), pick(list(range(kernel // 2 + 2))))
        for candidate in (spec, ("pool", pick([2, 3]), pick([1, 2]))):
            window = candidate[2] - 2 * candidate[4] if candidate[0] == "conv" else candidate[1]
            if (candidate[0] == "pool" and pick([True, False])) or window > min(shape[1:]):
                continue   # no pooling this time, or a layer that would not fit what is left
            layer = module_of(candidate, shape)
            shape = tuple(layer.to("meta")(torch.empty(shape, device="meta")).shape)
            specs.append(candidate)
            layers.append(layer)
    for spec in [("flatten",)] + [("linear", pick([7, 12, 30])) for _ in range(pick([1, 2]))]:
        layer = module_of(spec, shape)
        shape = tuple(layer.to("meta")(torch.empty(shape, device="meta")).shape)
        specs.append(spec)
        layers.append(layer)
    return {"specs": specs, "input_shape": input_shape, "rows": measured_rows(layers, input_shape)}


# ----------------------------------------------------------------------------
# dropout: F.dropout's statistics on the hidden test's inputs and seeds
# ----------------------------------------------------------------------------

# p = 0.35 is no whole number of tenths: a mask that only fits such p (int(p * 10) of 10 values) is off by 0.05
DROPOUT_CASES = [((200, 1000), 0.2, True), ((400, 500), 0.7, True), ((50, 40, 100), 0.5, True),
                 ((300, 300), 0.6, False), ((400, 500), 0.35, True)]


def dropout_statistics(x, y, second):
    """What the hidden test records of an output y of x (and a second call's output): F.dropout leaves
    its input as it is (the last item)."""
    kept = y != 0
    ratio = y[kept] / x[kept]
    shared = tuple(bool((kept == kept.narrow(dim, 0, 1)).all()) for dim in range(kept.dim()))   # a mask broadcast
    return (tuple(y.shape), 1 - kept.float().mean().item(), ratio.min().item(), ratio.max().item(),
            (y.mean() / x.mean()).item(), not torch.equal(y, second), shared, True)


def dropout_cases():
    made = []
    for i, (shape, p, training) in enumerate(DROPOUT_CASES):
        seed, data_seed = SEED + 100 + i, SEED + 200 + i    # the mask's and the input's: unrelated draws
        x = 0.5 + torch.rand(shape, generator=torch.Generator().manual_seed(data_seed))   # as the hidden test makes it
        torch.manual_seed(seed)
        y = F.dropout(x, p, training=training)
        second = F.dropout(x, p, training=training)
        made.append({"shape": shape, "p": p, "training": training, "seed": seed, "data_seed": data_seed,
                     "statistics": dropout_statistics(x, y, second)})
    return made


# ----------------------------------------------------------------------------
# augmentation: torchvision.transforms.v2.functional, image by image
# ----------------------------------------------------------------------------

def crop_cases(g):
    made = []
    for b, c, h, w, padding, size in [(5, 3, 8, 11, 2, 7), (3, 1, 12, 9, 4, 12), (4, 2, 6, 6, 0, 4)]:
        x = torch.rand(b, c, h, w, generator=g)
        top = torch.randint(0, h + 2 * padding - size + 1, (b,), generator=g)
        left = torch.randint(0, w + 2 * padding - size + 1, (b,), generator=g)
        if padding == 4:
            x = x.double()   # a float64 batch: the crops keep x's dtype
        y = torch.stack([TF.crop(TF.pad(image, [padding]), int(t), int(l), size, size)
                         for image, t, l in zip(x, top, left)])
        # the crops, their dtype (x's), and the device of the crops of x on PyTorch's meta device (standing for
        # a GPU): x's own
        made.append({"x": x, "padding": padding, "top": top, "left": left, "size": size, "y": y,
                     "dtype": str(x.dtype), "device": "meta", "unchanged": True})   # TF.pad and crop leave x as it is
    return made


def flip_cases(g):
    made = []
    for b, c, h, w in [(6, 3, 5, 8), (4, 1, 7, 3)]:
        x = torch.rand(b, c, h, w, generator=g)
        flip = torch.arange(b) % 2 == torch.randint(0, 2, (1,), generator=g)   # both kinds, in some order
        flip[torch.randint(0, b, (1,), generator=g)] ^= True                 # and not simply alternating
        y = torch.stack([TF.horizontal_flip(image) if f else image for image, f in zip(x, flip)])
        # torchvision's flip leaves x as it is, and keeps a float64 batch on its device (the meta device, standing
        # for a GPU) and in float64
        made.append({"x": x, "flip": flip, "y": y, "unchanged": True, "kept": (True, "torch.float64")})
    return made


# ----------------------------------------------------------------------------
# VGG: modules built here, layer by layer
# ----------------------------------------------------------------------------

def reference_block(num_convs, in_channels, out_channels):
    layers = []
    for i in range(num_convs):
        layers += [nn.Conv2d(in_channels if i == 0 else out_channels, out_channels, 3, padding=1), nn.ReLU()]
    return nn.Sequential(*layers, nn.MaxPool2d(2, 2))


def block_output(x, weights):
    """A VGG block in torch.nn.functional: each 3x3 convolution (padding 1) and ReLU, then 2x2 max pooling."""
    for weight, bias in zip(weights[::2], weights[1::2]):
        x = F.relu(F.conv2d(x, weight, bias, padding=1))
    return F.max_pool2d(x, 2, 2)


def vgg_block_cases(g):
    """Hidden images of odd sizes (the pooling floors them), seeded weights, and the block's output."""
    made = []
    for i, (num_convs, in_channels, out_channels, input_shape) in enumerate(
            [(1, 2, 5, (2, 2, 10, 14)), (3, 4, 6, (1, 4, 9, 8)), (2, 1, 3, (3, 1, 7, 12))]):
        parameters = [(name, tuple(p.shape)) for name, p in
                      reference_block(num_convs, in_channels, out_channels).named_parameters()]
        seed = SEED + 300 + i
        x = torch.randn(input_shape, generator=g, dtype=torch.float64)
        weights = [w for _, w in seeded_parameters(parameters, seed)]
        made.append({"num_convs": num_convs, "in_channels": in_channels, "out_channels": out_channels,
                     "x": x, "parameters": parameters, "seed": seed, "output": block_output(x, weights)})
    return made


def vgg_cases(g):
    made = []
    for conv_arch, num_classes, in_channels, image_size, hidden, dropout in [
            (((1, 4), (2, 6)), 7, 3, 20, 16, 0.25),
            (((2, 3), (1, 5), (1, 8)), 4, 1, 30, 10, 0.6),   # 30 / 8 = 3.75: floored 3, round() gives 4
            (((1, 6),), 3, 2, 9, 5, 0.1)]:
        blocks, channels = [], in_channels
        for num_convs, out_channels in conv_arch:
            blocks.append(reference_block(num_convs, channels, out_channels))
            channels = out_channels
        side = image_size
        for _ in conv_arch:
            side //= 2                                   # each 2x2 pooling, rounding down
        model = nn.Sequential(*blocks, nn.Flatten(), nn.Linear(channels * side * side, hidden), nn.ReLU(),
                              nn.Dropout(dropout), nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(dropout),
                              nn.Linear(hidden, num_classes)).eval()
        parameters = [(name, tuple(p.shape)) for name, p in model.named_parameters()]
        seed = SEED + 400 + len(made)
        weights = [w for _, w in seeded_parameters(parameters, seed)]
        x = torch.randn(2, in_channels, image_size, image_size, generator=g, dtype=torch.float64)
        # in evaluation mode, in torch.nn.functional: the blocks, flatten, then the classifier (dropout off)
        y, used = x, 0
        for num_convs, _ in conv_arch:
            y = block_output(y, weights[used:used + 2 * num_convs])
            used += 2 * num_convs
        w1, b1, w2, b2, w3, b3 = weights[used:]
        y = F.linear(F.relu(F.linear(F.relu(F.linear(y.flatten(1), w1, b1)), w2, b2)), w3, b3)
        made.append({"conv_arch": conv_arch, "num_classes": num_classes, "in_channels": in_channels,
                     "image_size": image_size, "hidden": hidden, "dropout": dropout, "x": x,
                     "parameters": parameters, "seed": seed, "output": y, "dropouts": [dropout, dropout],
                     "relus": 2})   # the classifier's ReLUs, one after each hidden linear layer
    return made


# ----------------------------------------------------------------------------
# 1x1 reductions: real convolutions, counted
# ----------------------------------------------------------------------------

def conv_cost_cases():
    made = []
    for in_channels, out_channels, kernel_size, height, width, reduce_channels in [
            (64, 24, 3, 14, 10, None), (64, 24, 3, 14, 10, 8), (480, 48, 5, 14, 14, 16),
            (7, 5, 7, 9, 13, None), (12, 20, 1, 6, 5, 3)]:
        if reduce_channels is None:
            layers = [nn.Conv2d(in_channels, out_channels, kernel_size, padding=kernel_size // 2)]
        else:
            layers = [nn.Conv2d(in_channels, reduce_channels, 1),
                      nn.Conv2d(reduce_channels, out_channels, kernel_size, padding=kernel_size // 2)]
        rows = measured_rows(layers, (in_channels, height, width))
        made.append({"in_channels": in_channels, "out_channels": out_channels, "kernel_size": kernel_size,
                     "height": height, "width": width, "reduce_channels": reduce_channels,
                     "cost": (sum(r[1] for r in rows), sum(r[2] for r in rows))})
    return made


# ----------------------------------------------------------------------------
# Pareto front: a dominance matrix
# ----------------------------------------------------------------------------

def dominance_front(accuracy, operations):
    """Which models no other dominates: dominates[i, j] when model i is at least as good as model j on
    both counts and strictly better on one."""
    dominates = ((accuracy[:, None] >= accuracy[None, :]) & (operations[:, None] <= operations[None, :])
                 & ((accuracy[:, None] > accuracy[None, :]) | (operations[:, None] < operations[None, :])))
    return ~dominates.any(dim=0)


def pareto_cases(g):
    """Random models, and beside the cheapest model of the front: its identical twin (also on the
    front), one as accurate but dearer and one as cheap but less accurate (both dominated). Names are
    drawn in random order, not in the list's."""
    made = []
    for n in (6, 12, 25):
        accuracy = torch.randint(100, 100 + 2 * n, (n,), generator=g).double() / 2.0    # half points: 56.5 is not 56
        operations = torch.randint(1, 2 + n, (n,), generator=g).double() / 2.0    # steps of 0.5
        cheapest = int(torch.argmin(operations - accuracy / 1000))                 # least ops, then most accurate
        accuracy = torch.cat([accuracy, accuracy[cheapest].repeat(3) - torch.tensor([0.0, 0.0, 1.0],
                                                                                     dtype=torch.float64)])
        operations = torch.cat([operations, operations[cheapest] + torch.tensor([0.0, 0.5, 0.0],
                                                                                dtype=torch.float64)])
        order = torch.randperm(n + 3, generator=g)                                 # not in order of operations
        accuracy, operations = accuracy[order], operations[order]
        # Names not in the list's order, so that tied models listed in input order are out of name order.
        labels = torch.randperm(n + 3, generator=g).tolist()
        names = [f"net{labels[i]:02d}" for i in range(n + 3)]
        on_front = dominance_front(accuracy, operations)
        front = sorted((operations[i].item(), names[i]) for i in on_front.nonzero().flatten().tolist())
        models_list = [(names[i], accuracy[i].item(), operations[i].item()) for i in range(n + 3)]
        made.append({"models": models_list, "front": [name for _, name in front]})
    return made


def make():
    g = torch.Generator().manual_seed(SEED)
    return {
        "test_layer_arithmetic": cases([torchvision_alexnet_case()] + [random_network_case(g) for _ in range(3)]
                                       + [uneven_network_case(), telling_network_case(), rounding_network_case()],
                                       "rows"),
        "test_inverted_dropout": cases(dropout_cases(), "statistics"),
        "test_pad_and_crop": cases(crop_cases(g), ("y", "dtype", "device", "unchanged")),
        "test_flip_horizontally": cases(flip_cases(g), ("y", "unchanged", "kept")),
        "test_vgg_block": cases(vgg_block_cases(torch.Generator().manual_seed(SEED + 3)), "output"),
        "test_vgg": cases(vgg_cases(torch.Generator().manual_seed(SEED + 4)), ("output", "dropouts", "relus")),
        "test_conv_cost": cases(conv_cost_cases(), "cost"),
        "test_pareto_front": cases(pareto_cases(g), "front"),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    torch.manual_seed(SEED)   # the modules' initial weights, though no expected value depends on them
    torch.save(make(), out)
    print(f"wrote {out}")
