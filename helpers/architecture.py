"""A network's arithmetic: layer specs, what PyTorch measures of real layers, and torchvision's models.

Introduced in notebook 04. A network is written as a list of layer specs, tuples
that name a layer and its settings:

    ("conv", out_channels, kernel_size, stride, padding)   # square kernel, then a ReLU (no cost)
    ("pool", kernel_size, stride)                          # max pooling, no padding
    ("flatten",)                                           # (C, H, W) -> (C * H * W,)
    ("linear", out_features)

Shapes are those of one example, without the batch dimension: ``(C, H, W)`` for
images, ``(F,)`` after ``flatten``. ``check_spec`` says what is wrong with a spec
before any arithmetic is done; ``as_layers`` builds the same network from real
PyTorch modules; ``measure`` runs them and reports what PyTorch itself counts
(output shapes, ``numel`` of the parameters, and multiply-adds from
``torch.utils.flop_counter.FlopCounterMode``, which counts 2 FLOPs per
multiply-add). ``torchvision_models`` reads accuracy, operations and size of
torchvision's ImageNet classifiers from their weights' metadata, with no download.
"""

import numbers

import torch
from torch import nn

from .errors import CourseError

# kind -> the settings after the kind, in order
LAYER_KINDS = {
    "conv": ("out_channels", "kernel_size", "stride", "padding"),
    "pool": ("kernel_size", "stride"),
    "flatten": (),
    "linear": ("out_features",),
}


class SpecError(CourseError, ValueError):
    """A layer spec or an input shape that the arithmetic cannot use. A notebook shows only the message."""


def _example():
    return ", ".join(f"({kind!r}{''.join(', ' + s for s in settings) or ','})" for kind, settings in LAYER_KINDS.items())


def _is_count(value, smallest):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= smallest


# The walk through a network in progress: a layer_arithmetic calls check_input_shape once, then check_spec
# once per spec, in order. Kept so that a spec that cannot follow the shape it is given can tell whether the
# spec is at fault or the shape computed for the layers before it: PyTorch gives the true shape.
_walk = {"input_shape": None, "specs": []}


def check_input_shape(input_shape):
    """Fail with a message unless ``input_shape`` is one image's shape ``(C, H, W)``, three positive integers."""
    if not (isinstance(input_shape, (tuple, list)) and len(input_shape) == 3
            and all(_is_count(n, 1) for n in input_shape)):
        raise SpecError(f"input_shape must be one image's shape (C, H, W), three positive integers, "
                        f"such as (3, 227, 227); got {input_shape!r}. Leave out the batch dimension.")
    _walk["input_shape"], _walk["specs"] = tuple(int(n) for n in input_shape), []
    return tuple(int(n) for n in input_shape)


def _true_shape():
    """The shape that PyTorch's layers give after the specs checked so far in this walk, or None."""
    shape = _walk["input_shape"]
    if shape is None:
        return None
    for kind, settings in _walk["specs"]:
        shape = tuple(_layer(kind, settings, shape, "meta")(torch.empty(shape, device="meta")).shape)
    return shape


def _shape_not_followed(spec, shape, true_shape):
    """What to say when ``spec`` cannot follow ``shape`` only because the shape computed for the layers
    before it is not ``true_shape``, the one PyTorch's layers give."""
    # the cause first: a check shows only the message's first 200 characters
    if tuple(shape) == _walk["input_shape"]:
        return (f"the running shape is not updated after each layer: {spec!r} is given the input's shape "
                f"{tuple(shape)}, not {true_shape}. Set shape to each layer's output shape before the next spec.")
    return (f"the shape computed for a layer before {spec!r} is wrong (the spec is fine): it is given "
            f"{tuple(shape)}, not {true_shape}. Check the shape each kind of layer hands on.")


def check_spec(spec, shape):
    """Fail with a message that says what to fix unless ``spec`` can follow a layer whose output is ``shape``.

    Returns ``(kind, settings)`` with the settings as integers.
    """
    if not isinstance(spec, (tuple, list)) or not spec or spec[0] not in LAYER_KINDS:
        kind = spec[0] if isinstance(spec, (tuple, list)) and spec else spec
        raise SpecError(f"{kind!r} is not a layer kind the arithmetic knows: use one of "
                        f"{', '.join(map(repr, LAYER_KINDS))}, written as {_example()}. "
                        "(A ReLU or a dropout changes neither the shape nor the count: leave it out.)")
    kind, settings = spec[0], tuple(spec[1:])
    names = LAYER_KINDS[kind]
    if len(settings) != len(names):
        raise SpecError(f"{spec!r}: a {kind!r} spec takes {len(names)} setting(s) after its kind, "
                        f"({kind!r}{''.join(', ' + s for s in names)}), got {len(settings)}.")
    for name, value in zip(names, settings):
        if not _is_count(value, 0 if name == "padding" else 1):
            raise SpecError(f"{spec!r}: {name} must be a whole number (at least "
                            f"{0 if name == 'padding' else 1}), got {value!r}.")
    problem = _cannot_follow(spec, kind, settings, shape)
    if problem:
        # the spec is at fault only if it cannot follow the true shape either
        true_shape = _true_shape()
        if (true_shape is not None and isinstance(shape, (tuple, list)) and tuple(shape) != true_shape
                and not _cannot_follow(spec, kind, settings, true_shape)):
            problem = _shape_not_followed(spec, shape, true_shape)
        raise SpecError(problem)
    _walk["specs"].append((kind, settings))
    return kind, settings


def _cannot_follow(spec, kind, settings, shape):
    """What to fix when a checked spec cannot follow a layer whose output is ``shape``, or None when it can."""
    if not isinstance(shape, (tuple, list)):
        return (f"{spec!r} is given the shape {shape!r}, which is not a tuple: a shape is a tuple even with "
                "one dimension, (F,) with its comma.")
    if kind in ("conv", "pool", "flatten") and len(shape) != 3:
        return (f"{spec!r} needs an image (C, H, W) coming in, but the layer before gives "
                f"{shape}: put convolutions and pooling before the flatten.")
    if kind == "linear" and len(shape) != 1:
        return (f"{spec!r} needs a vector (F,) coming in, but the layer before gives "
                f"{shape}: put ('flatten',) before the first linear layer.")
    if kind in ("conv", "pool"):
        padding = settings[3] if kind == "conv" else 0
        kernel = settings[1] if kind == "conv" else settings[0]
        if kernel > min(shape[1:]) + 2 * padding:
            return (f"{spec!r}: a {kernel}x{kernel} window does not fit in the {shape[1]}x{shape[2]} "
                    f"input padded by {padding}: the network shrinks the image too fast.")
    return None


def _layer(kind, settings, shape, device):
    """The PyTorch module of one checked spec that follows a layer whose output is ``shape``."""
    if kind == "conv":
        out_channels, kernel_size, stride, padding = settings
        return nn.Conv2d(shape[0], out_channels, kernel_size, stride, padding, device=device)
    if kind == "pool":
        return nn.MaxPool2d(*settings)
    if kind == "flatten":
        return nn.Flatten(0)   # one example, no batch dimension
    return nn.Linear(shape[0], settings[0], device=device)


def as_layers(specs, input_shape, device="meta"):
    """The PyTorch modules that ``specs`` describe, in order (one per spec), for ``input_shape``.

    Made on the meta device by default: shapes without values, so that even VGG-16's
    138 million parameters take no memory and no time. Pass ``device="cpu"`` for layers
    that compute.
    """
    shape = check_input_shape(input_shape)
    layers = []
    for spec in specs:
        kind, settings = check_spec(spec, shape)
        layer = _layer(kind, settings, shape, device)
        shape = tuple(layer.to("meta")(torch.empty(shape, device="meta")).shape) if device == "meta" else \
            tuple(layer(torch.zeros(shape, device=device)).shape)
        layers.append(layer)
    return layers


def multiply_adds(layer, x):
    """``(output, multiply-adds)`` of ``layer(x)``, as ``FlopCounterMode`` counts them (its FLOPs / 2)."""
    from torch.utils.flop_counter import FlopCounterMode

    with FlopCounterMode(display=False) as counter:
        y = layer(x)
    return y, counter.get_total_flops() // 2


def measure(layers, input_shape):
    """What PyTorch says of each layer, run in order on one example of ``input_shape``:
    a list of ``(output shape, parameters, multiply-adds)``, one per layer.

    The layers run on the meta device (shapes without values), so even VGG-16's
    138 million parameters take no memory and no time.
    """
    x = torch.empty(tuple(input_shape), device="meta")
    rows = []
    for layer in layers:
        layer = layer.to("meta")
        x, macs = multiply_adds(layer, x)
        rows.append((tuple(x.shape), sum(p.numel() for p in layer.parameters()), int(macs)))
    return rows


def torchvision_models():
    """Torchvision's ImageNet classifiers, from their default weights' metadata (nothing is downloaded).

    A list of dicts ``{"name", "params", "gflops", "acc1"}``: the parameter count,
    the operations per image in billions (torchvision's ``_ops``, which counts
    multiply-adds, each model at its own evaluation size: 224x224 for most, up to
    600x600 for EfficientNet-B7 and 518x518 for ViT-H/14) and the ImageNet-1K top-1
    accuracy in percent.
    """
    from torchvision import models

    found = []
    for name in models.list_models(module=models):
        meta = models.get_model_weights(name).DEFAULT.meta
        acc1 = meta.get("_metrics", {}).get("ImageNet-1K", {}).get("acc@1")
        if acc1 is None or "_ops" not in meta:
            continue
        found.append({"name": name, "params": meta["num_params"], "gflops": meta["_ops"], "acc1": acc1})
    return found
