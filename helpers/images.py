"""Real photos offline, and grids of images, kernels and feature maps.

Introduced in notebook 01. The photos are the ones scikit-image ships inside
its wheel, so they load without a network.
"""

import math

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F

# Photos bundled in scikit-image's wheel (no download needed).
PHOTOS = ("camera", "astronaut", "coins", "chelsea", "coffee", "moon", "horse", "rocket")


def load_photo(name="camera", size=None, gray=None):
    """A real photo as a float tensor with values in [0, 1].

    Returns ``(H, W)`` for a grayscale photo and ``(3, H, W)`` for a colour
    one; ``gray=True`` turns a colour photo into grayscale. ``size`` rescales
    the photo so that its shorter side has that many pixels (smoothly, with
    antialiasing), keeping its proportions.
    """
    if name not in PHOTOS:
        raise ValueError(f"No photo called {name!r}; choose one of {', '.join(PHOTOS)}.")
    import skimage.data  # imported here so that importing helpers stays light
    import skimage.util

    # img_as_float maps any dtype (uint8 photos, the boolean horse) onto [0, 1]
    photo = torch.from_numpy(skimage.util.img_as_float(getattr(skimage.data, name)())).float()
    if photo.dim() == 3:
        photo = photo.permute(2, 0, 1)  # (H, W, 3) -> (3, H, W), PyTorch's channel-first order
        if gray:
            weights = torch.tensor([0.2125, 0.7154, 0.0721])  # ITU-R 709 luminance, as skimage
            photo = torch.einsum("chw,c->hw", photo, weights)
    if size is not None:
        photo = _resize_shorter_side(photo, size)
    return photo.clamp(0.0, 1.0)


def _resize_shorter_side(photo, size):
    if not isinstance(size, int) or size < 1:
        raise ValueError(f"size must be a positive number of pixels, got {size!r}.")
    height, width = photo.shape[-2:]
    factor = size / min(height, width)
    new_size = (max(1, round(height * factor)), max(1, round(width * factor)))
    batch = photo.reshape(1, -1, height, width)  # interpolate wants (N, C, H, W)
    resized = F.interpolate(batch, size=new_size, mode="bilinear", antialias=True,
                            align_corners=False)
    return resized.reshape(*photo.shape[:-2], *new_size)


def _to_numpy_image(image):
    """(H, W) or (C, H, W) tensor or array -> NumPy (H, W) or (H, W, C)."""
    if isinstance(image, torch.Tensor):
        image = image.detach().cpu().float().numpy()
    image = np.asarray(image, dtype=np.float32)
    if image.ndim == 3 and image.shape[0] == 1:
        image = image[0]
    if image.ndim == 3 and image.shape[0] == 3:
        image = np.transpose(image, (1, 2, 0))
    if image.ndim not in (2, 3):
        raise ValueError(f"Cannot show an array of shape {image.shape} as an image: "
                         "expected (H, W), (1, H, W) or (3, H, W).")
    return image


def _as_list(images):
    if isinstance(images, (torch.Tensor, np.ndarray)) and images.ndim == 2:
        images = [images]
    images = list(images)  # for a tensor, the first dimension indexes the images
    if not images:
        raise ValueError("Nothing to show: the list of images is empty.")
    return images


def _titles_for(items, titles):
    titles = list(titles) if titles is not None else [None] * len(items)
    if len(titles) != len(items):
        raise ValueError(f"Got {len(items)} images but {len(titles)} titles: give one title each.")
    return titles


def _grid(count, ncols, cell_size):
    ncols = max(1, min(ncols, count))
    nrows = math.ceil(count / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(cell_size * ncols, cell_size * nrows),
                             squeeze=False)
    for ax in axes.flat[count:]:
        ax.axis("off")
    return fig, axes.flat[:count]


def show_images(images, titles=None, ncols=4, size=3.0, suptitle=None):
    """Show images or feature maps in a grid.

    ``images`` is a list of ``(H, W)`` or ``(3, H, W)`` tensors, or one tensor
    whose first dimension indexes them. Maps with values in [0, 1] are drawn in
    gray; signed maps (such as the output of an edge kernel) in blue for
    negative and red for positive, with zero white, and a colour bar.
    """
    images = _as_list(images)
    titles = _titles_for(images, titles)
    fig, axes = _grid(len(images), ncols, size)
    for ax, image, title in zip(axes, images, titles):
        array = _to_numpy_image(image)
        if array.ndim == 3:
            ax.imshow(np.clip(array, 0, 1))
        elif array.min() >= 0 and array.max() <= 1:
            ax.imshow(array, cmap="gray", vmin=0, vmax=1)
        else:
            limit = float(np.abs(array).max()) or 1.0
            shown = ax.imshow(array, cmap="RdBu_r", vmin=-limit, vmax=limit)
            fig.colorbar(shown, ax=ax, fraction=0.046, pad=0.04)
        ax.set_title(title or "", fontsize=11)
        ax.axis("off")
    if suptitle:
        fig.suptitle(suptitle, fontsize=13)
    fig.tight_layout()
    plt.show()


def _weight_label(value):
    """A kernel weight as a short label: 2 decimals, trailing zeros dropped, no '-0'."""
    if abs(value) < 0.005:
        return "0"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def show_kernels(kernels, titles=None, ncols=4, size=2.2):
    """Show small kernels as coloured grids with each weight written in its cell."""
    kernels = [_to_numpy_image(k) for k in _as_list(kernels)]
    titles = _titles_for(kernels, titles)
    fig, axes = _grid(len(kernels), ncols, size)
    for ax, kernel, title in zip(axes, kernels, titles):
        if kernel.ndim != 2:
            raise ValueError(f"A kernel to show must be 2-D, got shape {kernel.shape}.")
        limit = float(np.abs(kernel).max()) or 1.0
        ax.imshow(kernel, cmap="RdBu_r", vmin=-limit, vmax=limit)
        if kernel.size <= 16:  # write the numbers only where they stay readable
            for (i, j), value in np.ndenumerate(kernel):
                ax.text(j, i, _weight_label(value), ha="center", va="center", fontsize=10,
                        color="white" if abs(value) > 0.6 * limit else "black")
        ax.set_title(title or "", fontsize=11)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.tight_layout()
    plt.show()
