"""Data augmentation on whole batches, on the batch's own device.

Introduced in notebook 04; ``data.loaders(..., augment=...)`` applies it to every
training batch, after the batch is scaled to [0, 1] and before it is normalised:

    train_loader, test_loader = data.loaders("cifar10", augment=augment.standard(32),
                                             device=DEVICE)

Why not ``torchvision.transforms.v2`` directly? Its transforms accept a batch
``(B, C, H, W)``, but draw one set of random parameters per call: ``v2.RandomCrop``
on a batch crops all 64 images at the same offset, and ``v2.RandomHorizontalFlip``
flips all of them or none. Augmentation must vary image by image, so the two that
CNN training uses most are written here for a whole batch at once (one tensor
operation each, no Python loop over images), with the same meaning as
torchvision's.

To add a transform of your own, write a function (or an ``nn.Module``) that takes
a float batch ``(B, C, H, W)`` in [0, 1] and returns one of the same shape, and
chain it: ``nn.Sequential(augment.standard(32), my_transform)``. Any
``torchvision.transforms.v2`` transform can be applied image by image with
``augment.EachImage(v2.ColorJitter(0.4, 0.4))``: correct for any transform, but
a Python loop over the images, so slower.
"""

import torch
import torch.nn.functional as F
from torch import nn


def _check_batch(x, name):
    if not isinstance(x, torch.Tensor) or x.dim() != 4:
        what = f"shape {tuple(x.shape)}" if isinstance(x, torch.Tensor) else type(x).__name__
        raise ValueError(f"{name} works on a batch of images (B, C, H, W), got {what}. "
                         "For one image, add a batch dimension: x[None].")


class RandomCrop(nn.Module):
    """Pad each image by ``padding`` pixels of ``fill``, then crop ``size x size`` at a random
    place, a different place for every image of the batch (as ``v2.RandomCrop(size, padding)``
    does for one image)."""

    def __init__(self, size, padding=0, fill=0.0):
        super().__init__()
        self.size, self.padding, self.fill = size, padding, fill

    def forward(self, x):
        _check_batch(x, "RandomCrop")
        b, _, h, w = x.shape
        p = self.padding
        if self.size > h + 2 * p or self.size > w + 2 * p:
            raise ValueError(f"RandomCrop cannot cut {self.size}x{self.size} out of {h}x{w} "
                             f"images padded by {p}: choose a smaller size or more padding.")
        padded = F.pad(x, (p, p, p, p), value=self.fill)                  # (B, C, H+2p, W+2p)
        top = torch.randint(0, h + 2 * p - self.size + 1, (b,), device=x.device)
        left = torch.randint(0, w + 2 * p - self.size + 1, (b,), device=x.device)
        steps = torch.arange(self.size, device=x.device)
        rows, cols = top[:, None] + steps, left[:, None] + steps          # (B, size) each
        # Where each output pixel comes from, as an index into the flattened padded image;
        # gather is several times faster than indexing with four broadcast index tensors.
        where = rows[:, :, None] * padded.shape[-1] + cols[:, None, :]    # (B, size, size)
        where = where.flatten(1)[:, None, :].expand(-1, x.shape[1], -1)   # (B, C, size * size)
        cropped = padded.flatten(2).gather(2, where)                      # (B, C, size * size)
        return cropped.view(b, x.shape[1], self.size, self.size)

    def extra_repr(self):
        return f"size={self.size}, padding={self.padding}"


class RandomHorizontalFlip(nn.Module):
    """Mirror each image left to right with probability ``p``, independently per image."""

    def __init__(self, p=0.5):
        super().__init__()
        self.p = p

    def forward(self, x):
        _check_batch(x, "RandomHorizontalFlip")
        flip = torch.rand(x.shape[0], device=x.device) < self.p           # (B,)
        return torch.where(flip[:, None, None, None], x.flip(-1), x)

    def extra_repr(self):
        return f"p={self.p}"


class EachImage(nn.Module):
    """Apply any single-image transform (a ``torchvision.transforms.v2`` one, say) to each image
    of the batch separately, so that each draws its own random parameters."""

    def __init__(self, transform):
        super().__init__()
        self.transform = transform

    def forward(self, x):
        _check_batch(x, "EachImage")
        return torch.stack([self.transform(image) for image in x])

    def extra_repr(self):
        return repr(self.transform)


def standard(size, padding=4):
    """The usual CIFAR-10 augmentation: random crop of ``size`` after ``padding``, then a
    random horizontal flip."""
    return nn.Sequential(RandomCrop(size, padding), RandomHorizontalFlip())
