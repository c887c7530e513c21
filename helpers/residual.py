"""Residual networks' helpers: deep plain and residual CIFAR-10 networks, input checks, seeded weights.

Introduced in notebook 05. ``cifar_net(depth, block)`` is the 6n+2-layer network
of the ResNet paper's CIFAR-10 experiments: a 3x3 convolution with 16 channels,
three stages of ``n`` blocks with 16, 32 and 64 channels (each block two 3x3
convolutions; the first block of the second and third stages halves the image
with stride 2), global average pooling and one linear layer. ``depth = 6n + 2``
counts the convolutions and the linear layer: 20, 32, 44, 56, 110.

``block`` is a class called as ``block(in_channels, out_channels, stride)``: the
notebook's own ``BasicBlock`` makes the residual network, ``PlainBlock`` (below,
the same layers without the shortcut) the plain one. The networks differ in
nothing else, so whatever separates their training is the shortcut.
"""

import torch
import torch.nn.functional as F
from torch import nn

from . import checks
from .errors import CourseError

WIDTHS = (16, 32, 64)          # the three stages' channels, as in the paper


class ShapeError(CourseError, ValueError):
    """An input a layer cannot take, or a depth the 6n+2 networks cannot have: the message says what to fix."""


def check_feature_maps(x, channels, name="the layer", training=False):
    """Stop with a message unless x is a float batch of feature maps (N, channels, H, W); in training,
    with at least two values per channel (a variance of one value is not defined)."""
    if not isinstance(x, torch.Tensor):
        raise ShapeError(f"{name} takes a tensor (N, C, H, W), got {type(x).__name__}.")
    if x.dim() != 4:
        raise ShapeError(f"{name} takes a batch of feature maps (N, C, H, W), got shape {tuple(x.shape)}. "
                         "For one image, add a batch dimension: x[None].")
    if x.shape[1] != channels:
        raise ShapeError(f"{name} was made for {channels} channels, but its input has {x.shape[1]} "
                         f"(shape {tuple(x.shape)}): dimension 1 is the channels.")
    if not x.is_floating_point():
        raise ShapeError(f"{name} takes floating-point values, got {x.dtype}: convert with x.float().")
    if training and x.numel() // max(1, x.shape[1]) < 2:
        raise ShapeError(f"{name} in training mode needs more than one value per channel to compute a variance, "
                         f"got shape {tuple(x.shape)}: use a batch of two or more, or call .eval() first.")


class PlainBlock(nn.Module):
    """Two 3x3 convolutions with batch norm and ReLU, without a shortcut: a residual block's
    layers, named as torchvision names them (conv1, bn1, conv2, bn2).
    (N, in_channels, H, W) -> (N, out_channels, H / stride, W / stride)."""

    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(out)))


def blocks_per_stage(depth):
    """n for a depth 6n + 2, or a message that says which depths exist."""
    if not isinstance(depth, int) or isinstance(depth, bool) or depth < 8 or (depth - 2) % 6:
        raise ShapeError(f"depth must be 6n + 2 for a whole number n >= 1 (8, 14, 20, 32, 44, 56, 110), "
                         f"got {depth!r}: each of the 3 stages has n blocks of 2 convolutions, plus the "
                         "first convolution and the final linear layer.")
    return (depth - 2) // 6


def cifar_net(depth, block, num_classes=10, in_channels=3):
    """The 6n+2-layer CIFAR network with ``block``: (N, in_channels, H, W) -> (N, num_classes)."""
    n = blocks_per_stage(depth)
    layers = [nn.Conv2d(in_channels, WIDTHS[0], 3, padding=1, bias=False), nn.BatchNorm2d(WIDTHS[0]),
              nn.ReLU()]
    channels = WIDTHS[0]
    for stage, width in enumerate(WIDTHS):
        for i in range(n):
            stride = 2 if stage > 0 and i == 0 else 1       # halve the image at the start of stages 2 and 3
            layers.append(block(channels, width, stride))
            channels = width
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, num_classes)]
    return nn.Sequential(*layers)


def seeded_state(model, seed):
    """A state dict for ``model`` (its names and shapes) filled with values drawn from ``seed``.

    The hidden tests of notebook 05 load it into a student's network and into torchvision's,
    so that both compute with the same weights without the weights being shipped: weights of
    convolutions and linear layers as in He initialisation (so that a deep network's outputs
    stay of order 1), batch norm's scale near 1, shifts and running means near 0, running
    variances between 0.5 and 1.5. Works on a model built on the meta device (shapes only).
    """
    g = torch.Generator().manual_seed(seed)
    state = {}
    for key, value in model.state_dict().items():
        shape = tuple(value.shape)
        if not value.is_floating_point():                        # num_batches_tracked
            state[key] = torch.zeros(shape, dtype=value.dtype)
        elif key.endswith("running_var"):
            state[key] = 0.5 + torch.rand(shape, generator=g)
        elif key.endswith(("running_mean", "bias")):
            state[key] = 0.1 * torch.randn(shape, generator=g)
        elif len(shape) == 1:                                    # a batch norm's or layer norm's scale
            state[key] = 1 + 0.1 * torch.randn(shape, generator=g)
        else:                                                    # (C_out, C_in / groups, k, k) or (F_out, F_in)
            fan_in = max(1, value[0].numel())
            state[key] = torch.randn(shape, generator=g) * (2 / fan_in) ** 0.5
    return state


def _torchvision_block(block_class, in_channels, width, stride, seed, device):
    """Torchvision's ``BasicBlock`` or ``Bottleneck`` (``width * expansion`` output channels), with a
    1x1 projection and batch norm as its ``downsample`` where the shape changes (as torchvision's
    ResNets make it). With ``seed``, its weights and statistics are ``seeded_state(block, seed)``,
    and it is in evaluation mode."""
    out_channels = width * block_class.expansion
    with torch.device(device or "cpu"):
        downsample = None
        if stride != 1 or in_channels != out_channels:
            downsample = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                                       nn.BatchNorm2d(out_channels))
        block = block_class(in_channels, width, stride, downsample)
    if seed is not None:
        block.load_state_dict(seeded_state(block, seed))
        block.eval()
    return block


def reference_block(in_channels, out_channels, stride=1, seed=None, device=None):
    """Torchvision's own ``BasicBlock`` (see ``_torchvision_block``): the reference for notebook 05's block."""
    from torchvision.models.resnet import BasicBlock

    return _torchvision_block(BasicBlock, in_channels, out_channels, stride, seed, device)


def _holds_weights(module):
    """Whether a module has parameters or buffers of its own (a convolution, a batch norm; not a container)."""
    return any(True for _ in module.parameters(recurse=False)) or any(True for _ in module.buffers(recurse=False))


def check_like_torchvision(block, reference, name, hint=None):
    """Fail with a message that names it where ``block`` has a submodule of torchvision's ``reference``
    under the same name but of another class (the notebook's own ``BatchNorm`` where torchvision has
    ``nn.BatchNorm2d``), or where its projection (``downsample``) has no batch norm or not the block's
    stride. ``checks.check_loads`` would only locate these: "2 missing (modules): bn1, bn2" for layers
    that exist. Introduced in notebook 05."""
    mine = dict(block.named_modules())
    for module_name, theirs in reference.named_modules():
        own = mine.get(module_name)
        if not module_name or own is None or not _holds_weights(theirs) or isinstance(own, type(theirs)):
            continue
        wanted = f"nn.{type(theirs).__name__}"
        why = (" (your own BatchNorm of exercise 1 has no num_batches_tracked buffer, so torchvision's weights do "
               "not load into it, and it is slower)" if isinstance(theirs, nn.BatchNorm2d) else "")
        checks._fail(f"{name}'s {module_name} is a {type(own).__name__}, not an {wanted}: a module of the wrong class. The "
              f"exercise asks for {wanted}, whose state dict torchvision's weights fit{why}.", hint)
    projection, theirs = mine.get("downsample"), getattr(reference, "downsample", None)
    if not isinstance(theirs, nn.Sequential) or not isinstance(projection, nn.Module):
        return
    if not any("norm" in type(m).__name__.lower() for m in projection.modules()):
        checks._fail(f"{name}'s projection (downsample) has no batch norm: it is a 1x1 convolution followed by a batch "
              "norm, nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False), "
              "nn.BatchNorm2d(out_channels)), as torchvision's.", hint)
    convolution = next((m for m in projection.modules() if isinstance(m, nn.Conv2d)), None)
    if convolution is not None and convolution.stride != theirs[0].stride:
        checks._fail(f"{name}'s projection (downsample) convolves with stride {convolution.stride[0]}, not the block's "
              f"stride {theirs[0].stride[0]}: the shortcut must come out at the size of the main path's output, so "
              "its 1x1 convolution takes the block's stride, nn.Conv2d(..., 1, stride=stride, bias=False).", hint)


def load_batch_norm(layer, state):
    """Copy ``weight``, ``bias``, ``running_mean`` and ``running_var`` from ``state`` into a batch norm
    layer, ``nn.BatchNorm2d`` or the notebook's own (which has no ``num_batches_tracked``)."""
    with torch.no_grad():
        for key in ("weight", "bias", "running_mean", "running_var"):
            getattr(layer, key).copy_(state[key])
    return layer


def cached_weights_file(weights):
    """The file of torchvision ``weights`` in torch hub's folder when it is there, else None (nothing
    is downloaded)."""
    from .backbones import weights_file

    path = weights_file(weights)
    return str(path) if path.is_file() else None


def mobilenet_block(in_channels, expanded_channels, out_channels, kernel_size, squeeze_channels=None, device=None):
    """Torchvision's MobileNetV3 ``InvertedResidual`` (stride 1, hard-swish), with a squeeze-and-excitation
    of ``squeeze_channels`` when given: the reference for notebook 05's count. Channels that are
    multiples of 8 are kept as they are (torchvision rounds others)."""
    from functools import partial

    from torchvision.models import mobilenetv3
    from torchvision.ops import SqueezeExcitation

    config = mobilenetv3.InvertedResidualConfig(in_channels, kernel_size, expanded_channels, out_channels,
                                                squeeze_channels is not None, "HS", 1, 1, 1.0)

    def squeeze_excitation(channels, _torchvisions_width):   # the exercise names the squeeze width itself
        return SqueezeExcitation(channels, squeeze_channels, scale_activation=nn.Hardsigmoid)

    with torch.device(device or "cpu"):
        return mobilenetv3.InvertedResidual(config, partial(nn.BatchNorm2d, eps=0.001, momentum=0.01),
                                            se_layer=squeeze_excitation)


def dense_block(in_channels, growth_rate, num_layers, bn_size=4, device=None):
    """Torchvision's DenseNet ``_DenseBlock`` (no dropout): the reference for notebook 05's count."""
    from torchvision.models import densenet

    with torch.device(device or "cpu"):
        return densenet._DenseBlock(num_layers, in_channels, bn_size, growth_rate, drop_rate=0.0)


def reference_bottleneck(in_channels, width, stride=1, seed=None, device=None):
    """Torchvision's own ``Bottleneck`` (1x1 to ``width``, 3x3 with the stride, 1x1 to ``4 * width``;
    see ``_torchvision_block``): the reference for notebook 05's follow-up."""
    from torchvision.models.resnet import Bottleneck

    return _torchvision_block(Bottleneck, in_channels, width, stride, seed, device)


FIXED_POOLING = ("a fixed pooling window before fc, such as nn.AvgPool2d(7): it fits only 224x224 images, whose "
                 "last stage leaves 7x7 feature maps; a smaller image leaves fewer (2x2 from 64x64), and the "
                 "window does not fit. Use adaptive pooling, nn.AdaptiveAvgPool2d(1) (or "
                 "F.adaptive_avg_pool2d(x, 1)), which averages whatever size is left down to 1x1.")


def check_output_any_size(model, x, expected_shape, name="the model", hint=None):
    """``checks.check_model_output`` for a ResNet, with a pooling window too large for the image named.

    Introduced in notebook 05. ResNet-18 and ResNet-50 take any image size because their last
    pooling adapts to it; an ``nn.AvgPool2d(7)`` (the paper's 224x224 pooling) fails on a small image
    with PyTorch's "Output size is too small", which this says in words. Returns the output.
    """
    pool = getattr(model, "avgpool", None)
    if isinstance(pool, (nn.AvgPool2d, nn.MaxPool2d)):
        checks._fail(f"{name}'s avgpool is {pool}: {FIXED_POOLING}", hint)
    try:
        return checks.check_model_output(model, x, expected_shape, name=name, hint=hint)
    except checks.CheckFailed as error:
        if "output size is too small" not in str(error).lower():
            raise
        failure = error
    checks._fail(f"{str(failure).splitlines()[0]}\n  That is {FIXED_POOLING}", hint)
