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


# The widest figure that JupyterLab shows at its size in its default layout (about 800
# pixels at 100 dots per inch); a wider grid has its cells made smaller to fit.
MAX_WIDTH = 8.0


def _cell_size(count, ncols, size):
    """The size of one cell of a grid of ``count`` images in ``ncols`` columns, at most ``size``
    and small enough for the grid to fit ``MAX_WIDTH``."""
    return min(size, MAX_WIDTH / max(1, min(ncols, count)))


def _title_size(cell_size):
    """A title's font size that fits above a cell of ``cell_size`` inches: 11 points on large cells,
    down to 7 on small ones."""
    return max(7, min(11, round(6 * cell_size)))


def _grid(count, ncols, cell_size):
    ncols = max(1, min(ncols, count))
    nrows = math.ceil(count / ncols)
    cell_size = _cell_size(count, ncols, cell_size)
    # constrained layout leaves room for a colour bar shared by the whole grid, and the suptitle
    fig, axes = plt.subplots(nrows, ncols, figsize=(cell_size * ncols, cell_size * nrows),
                             squeeze=False, layout="constrained")
    for ax in axes.flat[count:]:
        ax.axis("off")
    return fig, axes.flat[:count]


# How show_images draws a 2-D map, chosen from its values unless the caller says.
KINDS = ("image", "nonnegative", "signed")
SIGNED_CMAP = "RdBu_r"      # diverging: blue below zero, white at zero, red above
SEQUENTIAL_CMAP = "viridis"  # dark for 0, bright for the largest value


def _kind_of(array):
    """'image' for values in [0, 1], 'nonnegative' for larger ones, 'signed' when some are below 0."""
    if array.ndim == 3:
        return "image"
    if array.size and array.min() < 0:
        return "signed"
    return "image" if not array.size or array.max() <= 1 else "nonnegative"


def _kinds_for(arrays, kind):
    kinds = [kind] * len(arrays) if kind is None or isinstance(kind, str) else list(kind)
    if len(kinds) != len(arrays):
        raise ValueError(f"Got {len(arrays)} images but {len(kinds)} kinds: give one kind each.")
    for k in kinds:
        if k is not None and k not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(map(repr, KINDS))} (or None to "
                             f"choose from the values), got {k!r}.")
    found = [k or _kind_of(a) for a, k in zip(arrays, kinds)]
    # Maps of one grid whose kind comes from their values are drawn alike: if any of the
    # non-negative ones goes above 1, they are all feature maps on one sequential scale,
    # not some grey and some coloured.
    chosen = [k is None and a.ndim == 2 and f != "signed" for a, k, f in zip(arrays, kinds, found)]
    if any(c and f == "nonnegative" for c, f in zip(chosen, found)):
        found = ["nonnegative" if c else f for c, f in zip(chosen, found)]
    return found


def show_images(images, titles=None, ncols=4, size=3.0, suptitle=None, kind=None, colorbar_label="value"):
    """Show images or feature maps in a grid, at most ``MAX_WIDTH`` inches wide (``size``, the
    size of one cell, is made smaller where the grid would be wider).

    ``images`` is a list of ``(H, W)`` or ``(3, H, W)`` tensors, or one tensor
    whose first dimension indexes them. How a 2-D map is drawn follows from its
    values (or from ``kind``, one for all or a list of one per image):

    - ``"image"``, values in [0, 1] (photos, digits): grey, black at 0 and white
      at 1, no colour bar. Told so, an image with other values (a normalised
      digit) is drawn in grey from the grid's smallest to its largest value.
    - ``"nonnegative"``, no value below 0 but some above 1 (feature maps after a
      ReLU): a sequential map, one scale from 0 to the largest of them all.
      When one such map is in the grid, every non-negative map whose kind is
      chosen from its values is drawn so, even one that stays within [0, 1].
    - ``"signed"``, some values below 0 (edge maps, gradients): blue for
      negative and red for positive, white at zero, on one scale symmetric
      about 0 shared by all of them.

    Maps on a shared scale get one colour bar for the whole grid, not one each,
    labelled ``colorbar_label`` (say what the colours measure: "activation after
    ReLU", "gradient").
    """
    images = _as_list(images)
    titles = _titles_for(images, titles)
    arrays = [_to_numpy_image(image) for image in images]
    kinds = _kinds_for(arrays, kind)

    def of_kind(wanted):
        return [a for a, k in zip(arrays, kinds) if k == wanted and a.ndim == 2 and a.size]

    limits = {}
    grey = of_kind("image")
    if grey:
        low, high = min(float(a.min()) for a in grey), max(float(a.max()) for a in grey)
        limits["image"] = (0.0, 1.0) if low >= 0 and high <= 1 else (low, high if high > low else low + 1)
    if of_kind("nonnegative"):
        high = max(float(a.max()) for a in of_kind("nonnegative"))
        limits["nonnegative"] = (0.0, high or 1.0)
    if of_kind("signed"):
        limit = max(float(np.abs(a).max()) for a in of_kind("signed")) or 1.0
        limits["signed"] = (-limit, limit)
    cmaps = {"image": "gray", "nonnegative": SEQUENTIAL_CMAP, "signed": SIGNED_CMAP}

    fig, axes = _grid(len(images), ncols, size)
    shared = {}   # kind -> (a mappable, the axes drawn with it), for one colour bar each
    for ax, array, kind_, title in zip(axes, arrays, kinds, titles):
        if array.ndim == 3:
            ax.imshow(np.clip(array, 0, 1))
        else:
            low, high = limits.get(kind_, (0.0, 1.0))
            shown = ax.imshow(array, cmap=cmaps[kind_], vmin=low, vmax=high)
            if kind_ != "image":
                shared.setdefault(kind_, (shown, []))[1].append(ax)
        ax.set_title(title or "", fontsize=_title_size(_cell_size(len(images), ncols, size)))
        ax.axis("off")
    for shown, drawn in shared.values():
        bar = fig.colorbar(shown, ax=list(drawn), shrink=0.8, aspect=30)
        bar.set_label(colorbar_label, fontsize=10)
    if suptitle:
        fig.suptitle(suptitle, fontsize=13)
    plt.show()


def _weight_label(value):
    """A kernel weight as a short label: 2 decimals, trailing zeros dropped, no '-0'."""
    if abs(value) < 0.005:
        return "0"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def show_kernels(kernels, titles=None, ncols=4, size=2.2, colorbar_label="weight"):
    """Show small kernels as coloured grids with each weight written in its cell.

    All the kernels share one diverging scale, symmetric about 0 (blue negative,
    red positive), with one colour bar labelled ``colorbar_label``, so that the
    same colour is the same weight. The grid is at most ``MAX_WIDTH`` inches wide.
    """
    kernels = [_to_numpy_image(k) for k in _as_list(kernels)]
    titles = _titles_for(kernels, titles)
    for kernel in kernels:
        if kernel.ndim != 2:
            raise ValueError(f"A kernel to show must be 2-D, got shape {kernel.shape}.")
    # one scale, symmetric about 0, for all of them: the same colour is the same weight
    limit = max(float(np.abs(k).max()) for k in kernels) or 1.0
    fig, axes = _grid(len(kernels), ncols, size)
    for ax, kernel, title in zip(axes, kernels, titles):
        shown = ax.imshow(kernel, cmap=SIGNED_CMAP, vmin=-limit, vmax=limit)
        if kernel.size <= 16:  # write the numbers only where they stay readable
            for (i, j), value in np.ndenumerate(kernel):
                ax.text(j, i, _weight_label(value), ha="center", va="center", fontsize=10,
                        color="white" if abs(value) > 0.6 * limit else "black")
        ax.set_title(title or "", fontsize=_title_size(_cell_size(len(kernels), ncols, size)))
        ax.set_xticks([])
        ax.set_yticks([])
    fig.colorbar(shown, ax=list(axes), shrink=0.8, aspect=30).set_label(colorbar_label, fontsize=10)
    plt.show()
