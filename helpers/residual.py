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

import linecache
import re

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


def seeded_resnet_state(model, seed):
    """``seeded_state`` for a whole ResNet, with the stem's batch norm scale (``bn1.weight``) negative on
    every other channel. Max pooling commutes with an increasing map (a batch norm of positive scale, a
    ReLU), so on positive scales a stem that pools before its batch norm would give the right output;
    a negative scale is a decreasing map, and tells the two orders apart. Introduced in notebook 05."""
    state = seeded_state(model, seed)
    state["bn1.weight"][::2] *= -1
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
        beside = [n for n, m in block.named_children() if n not in dict(reference.named_children())
                  and isinstance(m, nn.BatchNorm2d)]
        if beside:
            checks._fail(f"{name}'s projection (downsample) has its batch norm beside it, as `{beside[0]}`, not inside "
                         f"it: torchvision keeps it inside downsample, nn.Sequential(nn.Conv2d(in_channels, "
                         "out_channels, 1, stride=stride, bias=False), nn.BatchNorm2d(out_channels)), so that its "
                         "weights load under the names downsample.0 (the convolution) and downsample.1 (the batch "
                         "norm), and self.downsample(x) does both.", hint)
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


def batch_norm_gradients(layer, x, upstream, training=True):
    """One training step of a batch norm ``layer`` on ``x`` (N, C, H, W), then the gradients of
    ``(layer(x) * upstream).sum()`` with respect to ``x``, ``layer.weight`` and ``layer.bias``:
    ``(d x, d weight, d bias)``, each None where the output does not depend on it, or None in all
    where the output has no graph (a forward pass under ``torch.no_grad()``). Introduced in notebook 05:
    only the running statistics' update goes without gradients; the output must keep its graph, or
    weight and bias never learn and no gradient reaches the layers before. ``training=False``: one step in
    evaluation mode instead, where the output keeps its graph too (a network fine-tuned with frozen statistics
    learns through it)."""
    x = x.detach().clone().requires_grad_()
    layer.train(training)
    y = layer(x)
    if not isinstance(y, torch.Tensor) or not y.requires_grad:
        return None
    grads = torch.autograd.grad((y * upstream).sum(), [x, layer.weight, layer.bias], allow_unused=True)
    return tuple(None if g is None else g.detach() for g in grads)


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


def has_projection(block):
    """Whether ``block``'s shortcut projects: a ``downsample`` that holds weights. None, ``nn.Identity()``,
    an empty ``nn.Sequential()`` and a function that returns its input are all the identity (the block's
    output is the same, and torchvision's weights load). Introduced in notebook 05."""
    downsample = getattr(block, "downsample", None)
    return isinstance(downsample, nn.Module) and any(True for _ in downsample.parameters())


def shortcut_input(block, x):
    """The tensor that ``block``'s downsample (a module) receives when ``block`` runs on ``x``: the block's
    input x where the shortcut is right, its main path where the projection was given that. None where the
    block has no downsample module or never calls it (the checks after this one say so). Introduced in
    notebook 05."""
    downsample, received = getattr(block, "downsample", None), []
    if not isinstance(downsample, nn.Module):
        return None
    _run_hooked(block, x, [downsample.register_forward_pre_hook(
        lambda module, args: received.append(args[0].detach().clone()))])
    return received[0] if received else None


def _run_hooked(block, x, handles):
    """Run ``block`` on a copy of ``x`` without gradients, for what its hooks (``handles``) record; then
    remove them. What the block raises is left to the checks after the one that asks."""
    try:
        with torch.no_grad():
            block(x.clone())
    except Exception:
        pass
    finally:
        for handle in handles:
            handle.remove()


def check_main_path_input(block, x, name, hint=None):
    """Fail, naming it, where ``block``'s conv1 runs on what its downsample gave (x reassigned to the projection,
    ``x = self.downsample(x)``, before the main path) instead of the block's input x. Introduced in notebook 05."""
    downsample, conv1 = getattr(block, "downsample", None), getattr(block, "conv1", None)
    if not (has_projection(block) and isinstance(conv1, nn.Module)):   # an identity downsample gives x itself
        return
    projected, received = [], []
    _run_hooked(block, x, [downsample.register_forward_hook(lambda module, args, out: projected.append(out)),
                           conv1.register_forward_pre_hook(lambda module, args: received.append(args[0]))])
    if not (projected and received and isinstance(projected[0], torch.Tensor)
            and isinstance(received[0], torch.Tensor)):
        return
    if received[0].shape == projected[0].shape and torch.equal(received[0], projected[0]):
        checks._fail(f"{name}'s conv1 received the projection's output, downsample(x) of shape "
                     f"{tuple(projected[0].shape)}, not the block's input x of shape {tuple(x.shape)}: x was "
                     "reassigned (x = self.downsample(x)) before the main path. The convolutions are built right: "
                     "keep the input as it came for conv1, and project only the shortcut, "
                     "identity = self.downsample(x).", hint)


def _shortcut(block, x):
    """What torchvision's ``block`` adds to its main path: x, or its projection of x."""
    return x if block.downsample is None else block.downsample(x)


def block_mistakes(block, x):
    """{a mistake in a basic block's forward, in words: what torchvision's ``BasicBlock`` ``block`` gives
    with it on ``x``}, for ``check_close``'s ``mistakes``. Introduced in notebook 05."""
    r = block
    with torch.no_grad():
        identity = _shortcut(r, x)
        inner = F.relu(r.bn1(r.conv1(x)))                       # after bn1 and its ReLU
        main = r.bn2(r.conv2(inner))                            # bn2's output, before the addition
        mistakes = {
            "the shortcut added before the last batch norm: add the identity to bn2's output, "
            "relu(bn2(conv2(...)) + identity).": F.relu(r.bn2(r.conv2(inner) + identity)),
            "ReLU before the addition: add first, then apply the ReLU to the sum.": F.relu(main) + identity,
            "a ReLU both before and after the addition: bn2's output goes into the sum as it is, "
            "relu(bn2(conv2(...)) + identity).": F.relu(F.relu(main) + identity),
            "no shortcut at all: add the input (or its projection) to the block's output.": F.relu(main),
            "the last ReLU left out: apply the ReLU to the sum, after adding the shortcut, "
            "relu(bn2(conv2(...)) + identity).": main + identity,
            "the ReLU after bn1 left out: relu(bn1(conv1(x))) goes into conv2.":
            F.relu(r.bn2(r.conv2(r.bn1(r.conv1(x)))) + identity),
            "the ReLU before bn1: conv1, then bn1, then the ReLU, relu(bn1(conv1(x))).":
            F.relu(r.bn2(r.conv2(r.bn1(F.relu(r.conv1(x))))) + identity),
            "bn1 and bn2 swapped: bn1 follows conv1, and bn2 follows conv2.":
            F.relu(r.bn1(r.conv2(F.relu(r.bn2(r.conv1(x))))) + identity),
            "bn1 used twice (after conv2 too): conv2 is followed by its own batch norm, bn2.":
            F.relu(r.bn1(r.conv2(inner)) + identity)}
        if r.downsample is None:        # x reassigned on the way, then added: the main path added to itself
            mistakes["the shortcut taken after x was reassigned (x = self.conv1(x) ...), so the main path is added "
                     "to itself: keep the block's input under its own name first, identity = x, and add that."] = (
                F.relu(main + main))
        mistakes.update({
            "bn2 left out: conv2 is followed by its own batch norm, self.bn2(self.conv2(out)).":
            F.relu(r.conv2(inner) + identity),
            "one batch norm for both convolutions (self.bn2 = self.bn1, or one layer called twice): each "
            "convolution has its own, two nn.BatchNorm2d(out_channels) layers.":
            F.relu(r.bn2(r.conv2(F.relu(r.bn2(r.conv1(x))))) + identity),
            "a ReLU on the shortcut too: the shortcut is added as it is (x, or its projection), and the "
            "ReLU follows the sum, relu(out + identity).": F.relu(main + F.relu(identity))})
        if r.downsample is None:        # x reassigned after conv1, bn1 or the ReLU, then added as the shortcut
            for step, reassigned in (("self.conv1(x)", r.conv1(x)), ("self.bn1(self.conv1(x))", r.bn1(r.conv1(x))),
                                     ("F.relu(self.bn1(self.conv1(x)))", inner)):
                mistakes[f"the shortcut taken after x was reassigned (x = {step}), so it adds that, not the block's "
                         "input: keep the input under its own name first, identity = x, and add it."] = (
                    F.relu(main + reassigned))
    return mistakes


def bottleneck_mistakes(block, x):
    """{a mistake in a bottleneck's forward, in words: what torchvision's ``Bottleneck`` ``block`` gives with
    it on ``x``}, for ``check_close``'s ``mistakes``. Introduced in notebook 05."""
    r, stride = block, block.conv2.stride[0]
    with torch.no_grad():
        identity = _shortcut(r, x)
        first = F.relu(r.bn1(r.conv1(x)))                       # after conv1, bn1, ReLU
        inner = F.relu(r.bn2(r.conv2(first)))                   # after conv2, bn2, ReLU
        main = r.bn3(r.conv3(inner))                            # bn3's output, before the addition
        stride_first = F.relu(r.bn1(F.conv2d(x, r.conv1.weight, stride=stride)))     # the stride on conv1 instead
        stride_first = F.relu(r.bn2(F.conv2d(stride_first, r.conv2.weight, padding=1)))
        mistakes = {
            "the stride on the first 1x1 convolution (the paper's ResNet): torchvision puts it on the 3x3 one, "
            "conv2.": F.relu(r.bn3(r.conv3(stride_first)) + identity),
            "ReLU before the addition: add first, then apply the ReLU to the sum.": F.relu(main) + identity,
            "a ReLU both before and after the addition: bn3's output goes into the sum as it is, "
            "relu(bn3(conv3(...)) + identity).": F.relu(F.relu(main) + identity),
            "the last ReLU left out: apply the ReLU to the sum, after adding the shortcut, "
            "relu(bn3(conv3(...)) + identity).": main + identity,
            "the shortcut added before the last batch norm: add the identity to bn3's output, "
            "relu(bn3(conv3(...)) + identity).": F.relu(r.bn3(r.conv3(inner) + identity)),
            "the ReLU after bn1 left out: relu(bn1(conv1(x))) goes into conv2.":
            F.relu(r.bn3(r.conv3(F.relu(r.bn2(r.conv2(r.bn1(r.conv1(x))))))) + identity),
            "the ReLU after bn2 left out: relu(bn2(conv2(...))) goes into conv3.":
            F.relu(r.bn3(r.conv3(r.bn2(r.conv2(first)))) + identity),
            "the ReLU before bn1: conv1, then bn1, then the ReLU, relu(bn1(conv1(x))).":
            F.relu(r.bn3(r.conv3(F.relu(r.bn2(r.conv2(r.bn1(F.relu(r.conv1(x)))))))) + identity),
            "bn1 and bn2 swapped: bn1 follows conv1, and bn2 follows conv2.":
            F.relu(r.bn3(r.conv3(F.relu(r.bn1(r.conv2(F.relu(r.bn2(r.conv1(x)))))))) + identity),
            "bn1 used twice (after conv2 too): conv2 is followed by its own batch norm, bn2.":
            F.relu(r.bn3(r.conv3(F.relu(r.bn1(r.conv2(first))))) + identity),
            "bn3 left out: conv3 is followed by its own batch norm, self.bn3(self.conv3(out)), before the addition.":
            F.relu(r.conv3(inner) + identity),
            "one batch norm for conv1 and conv2 (self.bn2 = self.bn1, or one layer called twice): each "
            "convolution has its own, nn.BatchNorm2d(width) twice.":
            F.relu(r.bn3(r.conv3(F.relu(r.bn2(r.conv2(F.relu(r.bn2(r.conv1(x)))))))) + identity),
            "a ReLU on the shortcut too: the shortcut is added as it is (x, or its projection), and the "
            "ReLU follows the sum, relu(out + identity).": F.relu(main + F.relu(identity)),
            "no shortcut at all: add the input (or its projection) to the block's output, "
            "relu(bn3(conv3(...)) + identity).": F.relu(main)}
        if r.downsample is None:
            mistakes["the shortcut taken after x was reassigned (x = self.conv1(x) ...), so the main path is added "
                     "to itself: keep the block's input under its own name first, identity = x, and add that."] = (
                F.relu(main + main))
    return mistakes


def conv_count_mistakes(in_channels, out_channels, kernel_size, groups=1, bias=True):
    """{a mistake in counting nn.Conv2d(in_channels, out_channels, kernel_size, groups=groups, bias=bias)'s
    parameters, in words: the count it gives}, for ``check_exact``'s ``mistakes``. Introduced in notebook 05."""
    per_filter, biases = (in_channels // groups) * kernel_size * kernel_size, out_channels if bias else 0
    filters = out_channels * per_filter
    found = {"groups ignored: each output channel sees only in_channels / groups inputs.":
            out_channels * in_channels * kernel_size ** 2 + biases,
            "multiplied by groups where it divides: each output channel sees in_channels / groups inputs, so a "
            "filter has (in_channels // groups) * k * k weights.":
            out_channels * in_channels * groups * kernel_size ** 2 + biases,
            "divided by groups twice: there are out_channels filters in all, each of in_channels / groups channels.":
            out_channels // groups * per_filter + biases,
            "the kernel counted once, not k x k: each filter has kernel_size * kernel_size weights per channel.":
            out_channels * (in_channels // groups) * kernel_size + biases,
            "the kernel's size counted as k + k (2 * k): a k x k kernel has kernel_size * kernel_size weights per "
            "channel.": out_channels * (in_channels // groups) * 2 * kernel_size + biases,
            "the kernel counted as (k + 1) x (k + 1): a k x k kernel has kernel_size * kernel_size weights per "
            "channel.": out_channels * (in_channels // groups) * (kernel_size + 1) ** 2 + biases,
            "one bias in all (+ int(bias)): with bias=True, each output channel has its own, out_channels of them.":
            filters + (1 if bias else 0),
            "one bias per group: each output channel has its own bias.": filters + (groups if bias else 0),
            "the biases multiplied by groups: there is one per output channel, out_channels in all.":
            filters + (out_channels * groups if bias else 0),
            "the biases left out: with bias=True, each output channel has one.": filters,
            "biases counted with bias=False: there are none then.": filters + out_channels,
            "one bias per input channel: a convolution has one bias per output channel, out_channels of them.":
            filters + (in_channels if bias else 0),
            "out_channels left out: that is one output channel's weights; there are out_channels filters, "
            "out_channels * (in_channels // groups) * kernel_size * kernel_size weights in all.": per_filter + biases}
    # weights + out_channels if bias else 0: right with a bias, 0 without one
    found["0 with bias=False: the conditional expression took the whole sum (weights + out_channels if bias else 0 "
          "reads as (weights + out_channels) if bias else 0): write weights + (out_channels if bias else 0), with "
          "the parentheses."] = filters + biases if bias else 0
    return found


# Building a layer with parameters runs its reset_parameters (nn.Conv2d, nn.Linear, nn.BatchNorm2d alike).
BUILDS_A_LAYER = re.compile(r"^reset_parameters$")


def counted_by_hand(fn, *args, name=None, hint=None, **kwargs):
    """``fn(*args, **kwargs)``, a count of parameters, failing with a message where ``fn`` builds a layer
    (``nn.Conv2d(...)``) to count what it holds: the exercise asks for the count from the arguments.
    Errors raised inside are told as ``call`` tells them. Introduced in notebook 05."""
    name = name or getattr(fn, "__name__", "your function")
    result, used = call(lambda: checks.calls_matching(fn, args, kwargs, BUILDS_A_LAYER), name=name, hint=hint)
    if used:
        checks._fail(f"{name} builds a layer to count its parameters (it ran {', '.join(used)}): the exercise asks "
                     "you to count them from the arguments, as a formula in in_channels, out_channels, "
                     "kernel_size, groups and bias. Build nn.Conv2d only outside the function, to check a count.",
                     hint)
    return result


FIXED_POOLING = ("a fixed pooling window before fc, such as nn.AvgPool2d(7): it fits only 224x224 images, whose "
                 "last stage leaves 7x7 feature maps; a smaller image leaves fewer (2x2 from 64x64), and the "
                 "window does not fit. Use adaptive pooling, nn.AdaptiveAvgPool2d(1) (or "
                 "F.adaptive_avg_pool2d(x, 1)), which averages whatever size is left down to 1x1.")


def forward_with_stem(model, stem, x):
    """Torchvision's ResNet ``model`` run with ``stem`` (its stem's modules in the order given, or some
    left out), then its stages, pooling and fc as torchvision runs them: (N, 3, H, W) -> (N, num_classes).
    What a forward with the stem in another order gives. Introduced in notebook 05."""
    for module in stem:
        x = module(x)
    x = model.layer4(model.layer3(model.layer2(model.layer1(x))))
    return model.fc(torch.flatten(model.avgpool(x), 1))


def stem_mistakes(model, x):
    """{a mistake in the stem of a ResNet's forward, in words: what torchvision's ``model`` gives with it}."""
    conv1, bn1, relu, maxpool = model.conv1, model.bn1, model.relu, model.maxpool
    order = "the stem is conv1, bn1, relu, then maxpool."
    with torch.no_grad():
        mistakes = {f"{what} left out of forward: {order}": forward_with_stem(
            model, [m for m in (conv1, bn1, relu, maxpool) if m is not left_out], x)
            for what, left_out in (("the max pooling", maxpool), ("the stem's ReLU", relu),
                                   ("the stem's batch norm", bn1))}
        mistakes[f"the max pooling before the stem's batch norm: {order} (Pooling first would give the same "
                 "only where every scale of bn1 is positive.)"] = forward_with_stem(model, (conv1, maxpool, bn1, relu), x)
        mistakes[f"the stem's ReLU before its batch norm: {order}"] = forward_with_stem(model, (conv1, relu, bn1, maxpool), x)
    return mistakes


def head_mistakes(model, x):
    """{a mistake in the head of a ResNet's forward (the pooling before fc, what follows fc), in words: what
    torchvision's ``model`` gives with it on ``x``}. Introduced in notebook 05."""
    mistakes = {}
    with torch.no_grad():
        features = model.layer4(model.layer3(model.layer2(model.layer1(model.maxpool(model.relu(model.bn1(
            model.conv1(x))))))))
        mistakes["max pooling before fc (nn.AdaptiveMaxPool2d): ResNet averages each channel over the positions, "
                 "avgpool = nn.AdaptiveAvgPool2d(1)."] = model.fc(torch.flatten(F.adaptive_max_pool2d(features, 1), 1))
        mistakes["a ReLU after fc: ResNet returns fc's output as it is, the logits (which may be negative); the "
                 "loss takes them so."] = F.relu(model.fc(torch.flatten(model.avgpool(features), 1)))
    return mistakes


# What a module's forward uses, with what makes it (for a message on a module never created)
_STEM_AND_HEAD = {"avgpool": "nn.AdaptiveAvgPool2d(1)", "maxpool": "nn.MaxPool2d(kernel_size=3, stride=2, padding=1)",
                  "relu": "nn.ReLU(inplace=True)", "bn1": "nn.BatchNorm2d(64)"}


def never_created(model, attribute, name):
    """In words: ``model``'s forward uses ``self.<attribute>``, which its ``__init__`` never creates; where
    the forward is inherited and the ``__init__`` is not (ResNet50 has ResNet18's forward, but calls
    ``nn.Module.__init__``), say so. Introduced in notebook 05."""
    cls = type(model)
    makes = f"self.{attribute} = {_STEM_AND_HEAD.get(attribute, '...')}"
    message = f"{name} has no `{attribute}`: its forward uses self.{attribute}, but its __init__ never creates it."
    owner = next((base for base in cls.__mro__ if "forward" in vars(base)), None)
    if owner is not None and owner is not cls and owner is not nn.Module and "__init__" in vars(cls):
        return (f"{message} {cls.__name__} runs {owner.__name__}'s forward, but not {owner.__name__}'s __init__, so "
                f"{cls.__name__}'s __init__ must create every module that forward uses: {makes}.")
    return f"{message} Create it in __init__: {makes}."


def check_output_any_size(model, x, expected_shape, name="the model", hint=None):
    """``checks.check_model_output`` for a ResNet, with a pooling window too large for the image named.

    Introduced in notebook 05. ResNet-18 and ResNet-50 take any image size because their last
    pooling adapts to it; an ``nn.AvgPool2d(7)`` (the paper's 224x224 pooling) fails on a small image
    with PyTorch's "Output size is too small", which this says in words. A module that the forward uses
    but ``__init__`` never creates (``avgpool`` in a ResNet50 that runs ResNet18's forward without its
    ``__init__``) is named as such, not as a misspelling. Returns the output.
    """
    pool = getattr(model, "avgpool", None)
    if isinstance(pool, (nn.AvgPool2d, nn.MaxPool2d)):
        checks._fail(f"{name}'s avgpool is {pool}: {FIXED_POOLING}", hint)
    try:
        return checks.check_model_output(model, x, expected_shape, name=name, hint=hint)
    except checks.CheckFailed as error:
        missing = re.search(r"'(\w+)' object has no attribute '(\w+)'", str(error))
        if missing and missing.group(1) == type(model).__name__:
            failure = never_created(model, missing.group(2), name)
        elif "output size is too small" in str(error).lower():
            failure = f"{str(error).splitlines()[0]}\n  That is {FIXED_POOLING}"
        else:
            raise
    checks._fail(failure, hint)


def statistics_used(y, x, scale, shift):
    """The mean and divisor, (C,) each, with which a batch norm's output y = scale * (x - mean) / divisor + shift
    (x and y (N, C, H, W), scale and shift (1, C, 1, 1)), read back from y; None where y is not of that form
    (channels mixed, or statistics that are not one number per channel). Introduced in notebook 05."""
    if not isinstance(y, torch.Tensor) or y.shape != x.shape:
        return None
    channels = x.shape[1]
    xs = x.transpose(0, 1).reshape(channels, -1)                                         # (C, N*H*W)
    y = y.detach().to(x.dtype)                 # a result of another dtype is named by its dtype, not here
    x_hat = ((y - shift) / scale).transpose(0, 1).reshape(channels, -1)        # what y normalised to
    # per channel, x_hat = (x - mean) / divisor is a straight line in x: slope 1 / divisor, through 0 at the mean
    centred = xs - xs.mean(dim=1, keepdim=True)
    slope = (centred * x_hat).sum(dim=1) / (centred ** 2).sum(dim=1)
    mean = xs.mean(dim=1) - x_hat.mean(dim=1) / slope
    if not torch.allclose((xs - mean[:, None]) * slope[:, None], x_hat, atol=1e-3):
        return None
    return mean, 1 / slope


def statistic_mistakes(y, x, scale, shift, mean, divisor, where):
    """{what is wrong with the mean or the divisor that a batch norm's output y was normalised with, in words
    and numbers: y}, for check_close's ``mistakes`` (last, after the mistakes it names by their cause); {} where
    y was normalised with the right ones, or not per channel. ``mean`` and ``divisor``: (C,), the right ones;
    ``where``: what they are, in words. A wrong statistic that no listed mistake gives is still told apart:
    the mean or the divisor, and by how much. Introduced in notebook 05."""
    right = (x - mean.view(1, -1, 1, 1)) / divisor.view(1, -1, 1, 1)          # x_hat, with the right statistics
    multiplied = scale * (right + shift)
    if isinstance(y, torch.Tensor) and y.shape == x.shape and not torch.allclose(shift * scale, shift) and \
            torch.allclose(y.detach().to(x.dtype), multiplied.to(x.dtype), rtol=1e-4, atol=1e-4):
        return {"the shift multiplied by the scale, weight * (x_hat + bias): the statistics are right, but the "
                "shift (bias) is added after the scaling, weight * x_hat + bias, so the scale does not touch it.":
                multiplied}
    used = statistics_used(y, x, scale, shift)
    if used is None:
        return {}
    shown = lambda t: "[" + ", ".join(f"{v:.4g}" for v in t.tolist()) + "]"
    wrong = []
    if not torch.allclose(used[0], mean, rtol=1e-3, atol=1e-3):
        same = " (the same for every channel: one mean over all dimensions?)" if torch.allclose(
            used[0], used[0][:1].expand_as(used[0]), rtol=1e-4, atol=1e-5) else ""
        wrong.append(f"the mean subtracted from each channel is {shown(used[0])}{same}, but {where[0]} is "
                     f"{shown(mean)}")
    if not torch.allclose(used[1], divisor, rtol=1e-3, atol=1e-3):
        same = " (the same for every channel: one variance over all dimensions?)" if torch.allclose(
            used[1], used[1][:1].expand_as(used[1]), rtol=1e-4, atol=1e-5) else ""
        wrong.append(f"each channel is divided by {shown(used[1])}{same}, but {where[1]} is {shown(divisor)}")
    return {"; and ".join(wrong) + ".": y.detach()} if wrong else {}


SQUEEZED_BATCH = ("the batch's dimension is lost when it has size 1. squeeze() drops every dimension of size 1, the "
                  "batch's too, and view(-1) or flatten() merges the batch into the features: flatten only from "
                  "dimension 1 on, torch.flatten(x, 1).")


def check_one_image(model, x, num_classes, name, hint=None):
    """Fail, naming it, where ``model`` (in evaluation mode) on a batch of one image, ``x`` (1, 3, H, W),
    does not give (1, num_classes): ``x.squeeze()`` (or ``view(-1)``) after the pooling drops the batch's
    dimension of size 1 too, which a batch of two never shows. Introduced in notebook 05."""
    with torch.no_grad():
        y = checks.call(model, x, name=f"{name} on one image", hint=hint)
    shape = tuple(y.shape) if isinstance(y, torch.Tensor) else None
    if shape == (1, num_classes):
        return
    checks._fail(f"{name} on a batch of one image, shape {tuple(x.shape)}, gives shape {shape}, not (1, {num_classes}): "
                 f"{SQUEEZED_BATCH}", hint)


# ----------------------------------------------------------------------------
# Notebook 05's checks: what checks.call, checks.check_loads and a comparison of outputs only locate
# ----------------------------------------------------------------------------

NORMALISED_IN_PLACE = ("x.sub_, x.div_, x -= ..., or an in-place ReLU on x",
                       "Compute each result in a new tensor, x_hat = (x - mean) / torch.sqrt(var + eps), without "
                       "changing x.")
ADDED_IN_PLACE = ("identity += out, which adds into x itself when the shortcut is the identity, or an in-place "
                  "ReLU on x",
                  "Add into a new tensor, out = out + identity, then F.relu(out); leave x as it came.")


def check_input_unchanged(given, x, name, hint=None, how=NORMALISED_IN_PLACE):
    """Fail, naming it, where a layer changed its input in place: ``given`` is the copy of ``x`` that the
    layer was called on. A check that gives the layer a copy and runs the reference on ``x`` compares
    with the right values; without the copy, the reference would run on what the layer left (an input
    already normalised) and the check would blame a right result. ``how``: (the usual ways it happens,
    the fix), a batch norm's (``NORMALISED_IN_PLACE``) or a residual block's (``ADDED_IN_PLACE``).
    Introduced in notebook 05."""
    ways, fix = how
    if isinstance(given, torch.Tensor) and given.shape == x.shape and not torch.equal(given, x):
        checks._fail(f"{name}'s forward changed its input in place ({ways}): the caller's tensor is not the same "
                     "after the call, and autograd cannot compute gradients through an input overwritten that way. "
                     f"{fix}", hint)


def check_dtype(y, x, name, hint=None):
    """Fail, naming it, where a module's output ``y`` is a float tensor of another dtype than its input
    ``x``: a conversion in forward (``.double()``, ``.to(torch.float64)``, ``.half()``) that the layers
    after it, and a loss, would then get. Introduced in notebook 05."""
    if isinstance(y, torch.Tensor) and y.is_floating_point() and y.dtype != x.dtype:
        have, want = str(y.dtype).removeprefix("torch."), str(x.dtype).removeprefix("torch.")
        checks._fail(f"{name}'s output is {have}, but its input is {want}: the wrong dtype for the result. A "
                     f"module keeps its input's dtype ({want} in, {want} out); a conversion in forward, such as "
                     ".double() or .to(torch.float64) on what it returns, changes it (and doubles the memory of "
                     "every layer after it). Return the result as the layers compute it.", hint)


def check_strides_given(block, carries, stride, name, hint=None):
    """Fail, naming it, where a convolution of ``block`` has a stride that is neither 1 nor the block's
    ``stride``: a number written in (``stride=2``) instead of the block's argument. ``carries``: the
    name of the convolution that takes the block's stride (``conv1`` in a basic block, ``conv2`` in a
    bottleneck); the others have stride 1. A block of stride 1 tells it apart. Introduced in notebook 05."""
    for conv_name in ("conv1", "conv2", "conv3"):
        conv = getattr(block, conv_name, None)
        if not isinstance(conv, nn.Conv2d) or conv.stride[0] in (1, stride):
            continue
        if conv_name == carries:
            checks._fail(f"{name}'s {conv_name} has stride {conv.stride[0]}, but the block was made with stride="
                         f"{stride}: a fixed number written in. {conv_name} takes the block's own stride argument, "
                         "nn.Conv2d(..., stride=stride, ...).", hint)
        checks._fail(f"{name}'s {conv_name} has stride {conv.stride[0]}, a fixed number written in: {conv_name} keeps "
                     f"the size (stride 1); only {carries} (and the projection) takes the block's stride.", hint)


def check_shortcut_used(block, x, name, hint=None):
    """Fail, naming it, where ``block`` has a projection (``downsample``) that its forward never calls:
    the input is added as it is, and the addition fails with PyTorch's "The size of tensor a (5) must
    match the size of tensor b (10)". Runs ``block`` once on ``x``, without gradients (in evaluation
    mode its running statistics stay as they are). Introduced in notebook 05."""
    projection = getattr(block, "downsample", None)
    if not has_projection(block):      # the identity, however written: nothing to call
        return
    calls, last = [], []               # the projection's outputs; the last batch norm's (bn2, or bn3)
    handles = [projection.register_forward_hook(lambda module, args, out: calls.append(out))]
    norm = getattr(block, "bn3", getattr(block, "bn2", None))
    if isinstance(norm, nn.Module):
        handles.append(norm.register_forward_hook(lambda module, args, out: last.append(out)))
    failure = None
    try:
        with torch.no_grad():
            block(x.clone())
    except Exception as error:     # a block that fails for another reason: the checks after this say why
        failure = error
    finally:
        for handle in handles:
            handle.remove()
    if failure is not None and "must match the size of tensor" not in str(failure):
        return
    if calls:
        # called, but the addition fails: the main path has the projection's shape, so x itself was added
        if (failure is not None and last and isinstance(calls[0], torch.Tensor) and isinstance(last[0], torch.Tensor)
                and last[0].shape == calls[0].shape != x.shape):
            checks._fail(f"{name} computes its projection, but adds the input x as it came in (shape "
                         f"{tuple(x.shape)}) to the main path (shape {tuple(last[0].shape)}): where the shape "
                         "changes, add the projection, identity = self.downsample(x), and return "
                         "relu(out + identity).", hint)
        return
    if failure is None:     # it ran, so nothing of x's shape was added: no shortcut at all
        checks._fail(f"{name} has a projection (downsample), but its forward never calls it, and it runs without "
                     "adding a shortcut at all. Add the shortcut to the main path, through the projection when "
                     "there is one: identity = x if self.downsample is None else self.downsample(x), then "
                     "relu(out + identity).", hint)
    checks._fail(f"{name} has a projection (downsample), but its forward never calls it: the input is added as it "
                 "is, and its shape is not the output's. The shortcut goes through the projection when there is "
                 "one: identity = x if self.downsample is None else self.downsample(x).", hint)


def _effective_padding(conv):
    """A convolution's padding as a pair of numbers: "same" is kernel_size // 2, "valid" is 0."""
    if conv.padding == "same":
        return tuple(conv.dilation[i] * (conv.kernel_size[i] - 1) // 2 for i in range(2))
    if conv.padding == "valid":
        return (0, 0)
    return tuple(conv.padding)


def check_padding(block, reference, name, hint=None):
    """Fail, naming it, where a convolution of ``block`` has another padding than torchvision's
    ``reference`` has under the same name: without padding=1 a 3x3 convolution shrinks the image by
    2 pixels, and the block fails later, at the addition of the shortcut ("The size of tensor a (8)
    must match the size of tensor b (10)"). Introduced in notebook 05."""
    mine = dict(block.named_modules())
    for module_name, theirs in reference.named_modules():
        own = mine.get(module_name)
        if not isinstance(theirs, nn.Conv2d) or not isinstance(own, nn.Conv2d) or own.kernel_size != theirs.kernel_size:
            continue        # a kernel of another size: check_loads names it
        if own.dilation != theirs.dilation:
            checks._fail(f"{name}'s {module_name} has dilation {own.dilation[0] if own.dilation[0] == own.dilation[1] else own.dilation}"
                         f" (and padding {_effective_padding(own)[0]}): a dilated kernel spreads its taps "
                         f"{own.dilation[0]} pixels apart, so it sees another neighbourhood than torchvision's, "
                         f"whose {module_name} has dilation {theirs.dilation[0]}. Leave dilation out (1, the default) "
                         f"and give it padding={theirs.padding[0]}, as torchvision does.", hint)
        have, want = _effective_padding(own), tuple(theirs.padding)
        if have == want:
            continue
        k = "x".join(str(size) for size in own.kernel_size)
        why = ("a 1x1 convolution needs no padding (padding=0): padding adds a border of zeros, so the output "
               "grows by 2 * padding" if theirs.kernel_size == (1, 1) else
               f"a {k} convolution needs padding={want[0]} (kernel_size // 2) to keep the size at stride 1 (and to "
               "halve it exactly at stride 2); without it each side loses a pixel, and the main path no longer "
               "fits the shortcut it is added to")
        checks._fail(f"{name}'s {module_name} has padding {have[0] if have[0] == have[1] else have}: {why}. Give it "
                     f"padding={want[0]}, as torchvision does.", hint)


def check_projection_named(block, reference, name, hint=None):
    """Fail, naming it, where ``block`` has no ``downsample`` but holds a convolution under a name that
    torchvision's ``reference`` does not have (``shortcut``, ``proj``): the projection is there, under
    another name, so "it has none" would be wrong. Introduced in notebook 05."""
    theirs, mine = dict(reference.named_children()), dict(block.named_children())
    has_weights = lambda module: any(True for _ in module.parameters())
    missing = [n for n, m in theirs.items() if has_weights(m) and not isinstance(mine.get(n), nn.Module)
               and n != "downsample"]
    extra = [n for n, m in mine.items() if n not in theirs and n != "downsample" and has_weights(m)]
    if missing and extra:      # layers of torchvision's under other names (c1 for conv1), projection or not
        def shown(names, modules):
            return ", ".join(f"`{n}` ({type(modules[n]).__name__})" for n in names)
        checks._fail(f"{name} has no {shown(missing, theirs)}, torchvision's name{'s' if len(missing) > 1 else ''} "
                     f"for {'these layers' if len(missing) > 1 else 'this layer'}, but it has {shown(extra, mine)}, "
                     "which torchvision's block does not: name the submodules as torchvision does (self.conv1, "
                     "self.bn1, self.conv2, self.bn2, and self.downsample for the projection). Torchvision's "
                     "weights load by those names, and ResNet code reads them.", hint)
    if getattr(block, "downsample", None) is not None or "downsample" not in theirs:
        return             # a projection where the shape does not change: the checks after this say so
    known = set(theirs) | {"downsample"}
    for child_name, child in block.named_children():
        if child_name in known or not any(isinstance(m, nn.Conv2d) for m in child.modules()):
            continue
        parts = ", ".join(type(m).__name__ for m in child.modules() if m is not child) or type(child).__name__
        checks._fail(f"{name} has no submodule called `downsample`, but it has `{child_name}` ({type(child).__name__}"
                     f"{f' of {parts}' if isinstance(child, nn.Sequential) else ''}): if that is the projection, "
                     "name it `downsample`, as torchvision does (self.downsample = ..., and None where the shape "
                     "does not change). Torchvision's weights load by that name, and ResNet code reads it.", hint)


def _state_shapes(module):
    return {key: tuple(value.shape) for key, value in module.state_dict().items()}


def _wrong_shape_cause(key, have, want, model):
    """What a weight of the wrong shape says about the module it belongs to, in words."""
    module_name = key.rsplit(".", 1)[0]
    module = dict(model.named_modules()).get(module_name)
    last = module_name.rsplit(".", 1)[-1]
    if isinstance(module, nn.Linear):
        if have[0] != want[0]:
            return (f"{module_name} puts out {have[0]} classes, but the model is built for num_classes = {want[0]}: "
                    f"nn.Linear(in_features, num_classes), with the constructor's num_classes, not a fixed "
                    f"{have[0]}.")
        return (f"{module_name} takes {have[1]} features, but the last stage puts out {want[1]} channels: "
                f"nn.Linear({want[1]}, num_classes).")
    if isinstance(module, nn.Conv2d) and len(want) == 4:
        if have[2:] != want[2:]:
            k, k_want = "x".join(map(str, have[2:])), "x".join(map(str, want[2:]))
            extra = (" The projection is a 1x1 convolution with the block's stride, nn.Conv2d(in_channels, "
                     "out_channels, 1, stride=stride, bias=False): it only matches the channels and the size."
                     if module_name.endswith("downsample.0") else "")
            return f"{module_name} is a {k} convolution, but torchvision's is {k_want}.{extra}"
        if have[1] != want[1] and getattr(module, "groups", 1) != 1 and have[1] * module.groups == want[1]:
            return (f"{module_name} is a grouped convolution (groups={module.groups}): each filter sees only "
                    f"{have[1]} of the {want[1]} channels that reach it. ResNet's convolutions are not grouped "
                    "(ResNeXt's are): leave groups out (1, the default).")
        if have[1] != want[1]:
            extra = (f" {last} takes what the convolution before it puts out, not the block's in_channels."
                     if last in ("conv2", "conv3") else "")
            return f"{module_name} takes {have[1]} channels, but {want[1]} reach it.{extra}"
        extra = (" conv3 expands to 4 * width (width * self.expansion), the block's output." if last == "conv3"
                 else "")
        return f"{module_name} puts out {have[0]} channels, but torchvision's puts out {want[0]}.{extra}"
    if len(want) == 1:
        return (f"{module_name} is built for {have[0]} channels, but the layer before it puts out {want[0]}: "
                f"nn.BatchNorm2d({want[0]}), on the channels of the convolution it follows.")
    return None


def check_loads(model, state_dict, name, *, hint=None, assign=False):
    """``checks.check_loads``, with weights of the wrong shape traced to their cause when every name fits:
    an fc built for 1000 classes instead of num_classes, a conv2 built from the block's in_channels, a
    3x3 projection, a conv3 that does not expand. Introduced in notebook 05."""
    want, have = {k: tuple(v.shape) for k, v in state_dict.items()}, _state_shapes(model)
    modules = dict(model.named_modules())
    for module_name in dict.fromkeys(key.rsplit(".", 1)[0] for key in want if key not in have and "." in key):
        own = modules.get(module_name)
        if isinstance(own, nn.Module) and any(True for _ in own.children()) and not _holds_weights(own):
            parts = ", ".join(type(m).__name__ for m in own.children())
            checks._fail(f"{name}'s {module_name} is a container, {type(own).__name__}({parts}), where torchvision's "
                         f"{module_name} is a single layer: its weights are {module_name}.weight and "
                         f"{module_name}.bias, so they load only into one layer under that name. Layers that "
                         f"torchvision's ResNet does not have (a dropout before {module_name}, an extra "
                         f"activation) are not part of it: self.{module_name.rsplit('.', 1)[-1]} = one layer, "
                         "as the exercise says.", hint)
    wrong = [key for key in want if key in have and have[key] != want[key]]
    if set(want) == set(have) and wrong:
        causes = list(dict.fromkeys(filter(None, (_wrong_shape_cause(key, have[key], want[key], model)
                                                   for key in wrong))))
        shapes = ", ".join(f"{key} {have[key]} (expected {want[key]})" for key in wrong[:4])
        if causes:
            checks._fail(f"the weights do not load into {name}: {len(wrong)} of the wrong shape, {shapes}"
                         f"{' and more' if len(wrong) > 4 else ''}. The names are right; the sizes are not: "
                         + " ".join(causes[:2]), hint)
    def modules(keys):   # "layer1.0.downsample.0.weight" -> "layer1.0.downsample.0"
        return sorted({key.rsplit(".", 1)[0] if "." in key else key for key in keys})
    missing, unexpected = modules(set(want) - set(have)), modules(set(have) - set(want))
    if (missing or unexpected) and not any("downsample" in key for key in missing + unexpected):
        # checks.check_loads would add "give a block a downsample exactly when its shape changes": not the point
        problems = [f"{len(keys)} {label}: {', '.join(keys[:6])}{f' and {len(keys) - 6} more' if len(keys) > 6 else ''}"
                    for label, keys in (("missing (modules)", missing), ("unexpected (modules)", unexpected)) if keys]
        checks._fail(f"the weights do not load into {name}: " + "; ".join(problems) + ". Name the submodules as "
                     "torchvision does, and add none that its block does not have (an unexpected one is a layer "
                     "too many, or one under another name).", hint)
    checks.check_loads(model, state_dict, name, hint=hint, assign=assign)


def check_registered(value, name, hint=None, parts="blocks"):
    """Fail, naming it, where a stage is a Python list (or tuple) of blocks, or a projection one of
    layers (``parts="layers"``): PyTorch registers only the modules assigned to a module, so their
    parameters are not the model's (not counted, not trained, not loaded). Introduced in notebook 05."""
    if isinstance(value, (list, tuple)) and any(isinstance(v, nn.Module) for v in value):
        checks._fail(f"{name} is a Python {type(value).__name__} of {len(value)} {parts}, not an nn.Module: its "
                     f"{parts}' parameters are not registered (model.parameters() and the state dict do not see "
                     "them, so they are neither counted, trained nor loaded). Wrap them in "
                     f"nn.Sequential(*{parts}).", hint)


def check_sequential(stage, name, hint=None):
    """Fail, naming it, where a stage is a module that cannot run its blocks in order: an
    ``nn.ModuleList`` (it registers them, but has no forward: ``stage(x)`` raises NotImplementedError)
    or another kind of module. A ResNet's stages are ``nn.Sequential``s, as torchvision's are, and
    called as one layer. Introduced in notebook 05."""
    check_registered(stage, name, hint=hint)
    if isinstance(stage, nn.Sequential) or not isinstance(stage, nn.Module):
        return          # not a module at all: the checks after this say what it is
    why = (" it registers the blocks but has no forward of its own, so calling the stage, stage(x), fails with "
           "NotImplementedError (a forward that loops over it works, but the stage is not a layer)"
           if isinstance(stage, nn.ModuleList) else "")
    checks._fail(f"{name} is a {type(stage).__name__}, not an nn.Sequential:{why}. Return nn.Sequential(*blocks), "
                 "which runs its blocks in order when called.", hint)


def stage_output_shape(make, settings):
    """The shape of what ``make(in_channels, width, num_blocks, stride)`` (a notebook 05 stage maker), in
    evaluation mode and called as one layer, puts out on zeros of ``settings[4]``; None where the stage
    cannot be called so (an ``nn.ModuleList`` has no forward). ``settings``: those five, as the hidden
    tests' cases give them."""
    *arguments, x_shape = settings
    try:
        with torch.no_grad():
            return tuple(make(*arguments).eval()(torch.zeros(x_shape)).shape)
    except Exception:        # the judge says what was expected: a stage that runs its blocks in order
        return None


def stage_blocks(make, settings):
    """The number of blocks that ``make(in_channels, width, num_blocks, stride)`` (a notebook 05 stage maker)
    builds, ``settings`` as for ``stage_output_shape``; None where it cannot be built or has no length."""
    *arguments, _ = settings
    try:
        return len(make(*arguments))
    except Exception:        # the judge says what was expected
        return None


def training_output(model, x):
    """``model(x)`` in training mode, without gradients (batch statistics: what acts only in training, such as
    dropout, shows here); None for a batch of one image, where a batch norm on 1x1 maps has one value per
    channel and cannot normalise. Leaves the model in training mode. Introduced in notebook 05."""
    if len(x) < 2:
        return None
    model.train()
    with torch.no_grad():
        return model(x)


class NotAnswered(CourseError, RuntimeError):
    """A demonstration cell that needs an exercise not answered yet: the message says which."""


def _probe_block(block_class):
    block_class(8, 16, 2)(torch.randn(2, 8, 4, 4))            # a first block of a stage, (2, 16, 2, 2)


def _probe_gradient_norms(weight_gradient_norms):
    model = nn.Sequential(nn.Conv2d(3, 2, 3), nn.Flatten(), nn.Linear(2 * 2 * 2, 3))
    weight_gradient_norms(model, torch.randn(2, 3, 4, 4), torch.tensor([0, 2]))


_PROBES = {"BasicBlock": ("Exercise 2", _probe_block), "weight_gradient_norms": ("Exercise 3", _probe_gradient_norms)}


def require_answered(**answers):
    """Stop a demonstration cell before it starts (before it trains a network or draws half a figure),
    with one line that names the exercise it needs, where that exercise is still ``raise
    NotImplementedError()``. ``answers`` are the notebook's own, by name: ``BasicBlock=BasicBlock``.
    A wrong answer is let through: the demonstration shows what it does. Introduced in notebook 05."""
    missing = []
    for answer_name, answer in answers.items():
        exercise, probe = _PROBES[answer_name]
        try:
            probe(answer)
        except NotImplementedError as error:
            if not str(error):           # nbgrader's bare raise NotImplementedError(): not answered
                missing.append(f"{exercise} ({answer_name})")
        except Exception:   # a wrong answer: the demonstration runs it and shows what it does
            continue
    if missing:
        raise NotAnswered(f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not answered yet: "
                          f"write {'it' if len(missing) == 1 else 'each'} where it says YOUR CODE HERE, run its cell, "
                          "then run this cell again.")


def _frames(traceback):
    while traceback is not None:
        yield traceback.tb_frame, traceback.tb_lineno
        traceback = traceback.tb_next


def _raised_inside(error, fn_name, parts):
    """Where a count that builds on ``parts`` (conv_params) raised inside one of them: the student's line
    that called it and the arguments it passed, in words; None otherwise."""
    frames = [(f, n) for f, n in _frames(error.__traceback__) if f.f_globals.get("__name__") == "__main__"]
    if len(frames) < 2 or frames[-1][0].f_code.co_name not in parts or frames[-1][0].f_code.co_name == fn_name:
        return None
    part, (caller, lineno) = frames[-1][0], frames[-2]
    arguments = {k: v for k, v in part.f_locals.items() if k in part.f_code.co_varnames[:part.f_code.co_argcount]}
    bad = {k: v for k, v in arguments.items() if v is None or not isinstance(v, (int, bool))}
    source = linecache.getline(caller.f_code.co_filename, lineno, caller.f_globals).strip()
    shown = ", ".join(f"{k}={v!r}" for k, v in arguments.items())
    message = (f"{fn_name} called {part.f_code.co_name}({shown}), which raised {type(error).__name__}: "
               f"{str(error).splitlines()[0] if str(error) else ''}\n  in {caller.f_code.co_name}, line {lineno}: "
               f"{source}")
    if any(v is None for v in bad.values()):
        message += (f"\n  {', '.join(k for k, v in bad.items() if v is None)} is None there: a count takes whole "
                    "numbers. A None argument, such as squeeze_channels, means the part is absent: count it only "
                    "`if squeeze_channels is not None`.")
    return message


def _raise(error):
    raise error


def call(fn, *args, name=None, hint=None, builds_on=("conv_params",), **kwargs):
    """``checks.call``, with an error raised inside a function that ``fn`` builds on (``builds_on``:
    conv_params, whose lines are given) traced to ``fn``'s line that called it and the values it passed.
    Introduced in notebook 05."""
    name = name or getattr(fn, "__name__", "your function")
    try:
        return fn(*args, **kwargs)
    except checks.CheckFailed:
        raise
    except Exception as error:    # looked at outside the except block: no "during handling" chain
        failure = error
    inside = _raised_inside(failure, getattr(fn, "__name__", name), builds_on)
    if inside:
        checks._fail(inside, hint)
    return checks.call(_raise, failure, name=name, hint=hint)    # the course's usual message, where it raised
