"""Datasets for the notebooks: real ones when they can be had, small stand-ins otherwise,
held in memory as tensors and served in batches.

Introduced in notebook 03 (LeNet-5 on MNIST) and used by every notebook that
trains a model:

    train_loader, test_loader = data.loaders("mnist", batch_size=64, device=DEVICE)
    # or with a validation set held out of the training split:
    train_loader, val_loader, test_loader = data.loaders("mnist", validation_size=5_000)

Where the data comes from, in this order:

1. The folder named by the environment variable ``COURSE_DATA``, if it is set
   and holds the dataset. It may be read-only: nothing is ever written there.
   Its layout is ``MNIST/raw/*.gz`` and ``FashionMNIST/raw/*.gz`` (the four
   original files, as torchvision stores them), ``cifar10/{train,test}/<class>/*.png``
   and ``hymenoptera_data/{train,val}/{ants,bees}/*.jpg``.
2. torchvision's own download, into ``cache_dir()`` (``$XDG_CACHE_HOME/cnn-course``,
   or ``~/.cache/cnn-course``). Every downloaded or copied archive is checked
   against its MD5 checksum; a file that fails raises ``DatasetCorrupted``,
   which names the file to delete.
3. When neither works (no network, no ``COURSE_DATA``), ``tensors`` and
   ``loaders`` fall back to a small dataset that needs no download, and print
   one line saying so: scikit-learn's 8x8 digits for MNIST and Fashion-MNIST,
   synthetic striped patterns for CIFAR-10 and the ants/bees set. The loaders
   named after a dataset (``mnist()``, ``cifar10()``, ...) never fall back:
   they raise ``DatasetUnavailable``.

How it is served. The torchvision datasets above are the way data is
obtained; training never goes through them image by image. ``tensors(name)``
turns a split into an ``ImageTensors``: every image decoded once into one
uint8 tensor ``(N, C, H, W)`` and the labels into one int64 tensor ``(N,)``.
MNIST's and CIFAR-10's own files already hold raw pixels, which torchvision
reads in a fraction of a second; folders of PNG or JPEG files (the offline
CIFAR-10, the ants/bees photos) are decoded once and cached in
``cache_dir()/tensors``, under a checksum of the folder's listing. A
``TensorLoader`` then hands out batches by indexing those tensors: it shuffles
with a seeded generator, converts each batch to floats in [0, 1], applies the
training augmentation to the whole batch (``helpers.augment``), and
normalises. Given a GPU as ``device``, the whole set is moved there once, so
batches never cross the bus.

Nothing happens on import: no file is read and nothing is downloaded until a
function is called.
"""

import contextlib
import hashlib
import math
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torchvision import datasets

from . import scale
from .errors import CourseError, one_line
from .places import CACHE_NAME, DATA_VARIABLE, cache_dir, data_dir  # noqa: F401 (part of this module's API)
from .progress import progress_bar, say

NAMES = ("mnist", "fashion_mnist", "cifar10", "hymenoptera")

HYMENOPTERA_URL = "https://download.pytorch.org/tutorial/hymenoptera_data.zip"
# The archive's MD5 checksum. None means "not checked": the archive itself could not
# be downloaded where this module was written, and no checksum is given here that was
# not measured. To check the archive too, set it to `md5sum hymenoptera_data.zip`
# of a good copy. What it holds is checked in any case, by HYMENOPTERA_CONTENT_SHA256.
HYMENOPTERA_MD5 = None
# SHA-256 of the sorted lines "<sha256 of file>  <path>" for every file under
# hymenoptera_data/train and hymenoptera_data/val: measured on the real 397 images
# (and 1 stray .gif the set ships with), as extracted from the tutorial's archive.
HYMENOPTERA_CONTENT_SHA256 = "0873080254d216b3150cfcb6a44a47a563426547947dcd2887b10a3fe658ac4d"


@dataclass(frozen=True)
class Normalization:
    """Per-channel mean and standard deviation of a dataset's pixels in [0, 1]."""
    mean: tuple
    std: tuple


# What each batch is normalised with, so that inputs have mean about 0 and std about 1.
NORMALIZATION = {
    # MNIST: the 60,000 training images (measured: 0.13066, 0.30811).
    "mnist": Normalization((0.1307,), (0.3081,)),
    # Fashion-MNIST: its own training images (measured: 0.28604, 0.35302).
    "fashion_mnist": Normalization((0.2860,), (0.3530,)),
    # CIFAR-10: the values usually published for its 50,000 training images (the
    # 10,000-image subset in the offline data folder gives 0.486, 0.478, 0.444 /
    # 0.244, 0.239, 0.258: close, not identical).
    "cifar10": Normalization((0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)),
    # Ants/bees: ImageNet's, as the ImageNet-pretrained torchvision models expect.
    "hymenoptera": Normalization((0.485, 0.456, 0.406), (0.229, 0.224, 0.225)),
}

# Photos of all sizes are decoded to one size, as torchvision's ImageNet models expect:
# the shorter side resized to 256, then the central 224x224.
PHOTO_RESIZE, PHOTO_CROP = 256, 224

# Sizes of (train, test) at the fast scale, which checks code and does not teach by
# training: enough batches for fit, evaluate and a confusion matrix to mean something,
# few enough that a notebook runs in seconds. None means the whole split.
# At the full scale every split is used whole.
FAST_SIZES = {
    "mnist": (2_000, 500),
    "fashion_mnist": (2_000, 500),
    "cifar10": (1_000, 500),
    "hymenoptera": (64, 32),
}

DIGITS_SIZE = 28
DIGITS_TRAIN_FRACTION = 0.8
DIGITS_SPLIT_SEED = 0


# ----------------------------------------------------------------------------
# Errors
# ----------------------------------------------------------------------------

class DatasetError(CourseError, RuntimeError):
    """A dataset could not be loaded. In a notebook only the message is shown."""


class DatasetUnavailable(DatasetError):
    """The dataset is in no data folder and could not be downloaded.

    ``reason`` is a one-line explanation, e.g. "the download failed (...) and no
    COURSE_DATA folder holds it".
    """

    def __init__(self, title, reason):
        super().__init__(f"{title} is not available: {reason}.")
        self.title = title
        self.reason = reason


class DatasetCorrupted(DatasetError):
    """A downloaded or copied file does not match its checksum; the message names it."""


def _corrupted(path, how="downloaded"):
    return DatasetCorrupted(
        f"{path} is corrupted: its MD5 checksum does not match the expected one. "
        f"Delete this file so that it is {how} again, then run this again.")


def _unavailable(title, error, folder_name):
    where = data_dir()
    if where is None:
        holds = f"no {DATA_VARIABLE} folder holds it"
    else:
        holds = f"{DATA_VARIABLE}={where} has no {folder_name}"
    return DatasetUnavailable(title, f"the download failed ({one_line(error)}) and {holds}")


# ----------------------------------------------------------------------------
# Where data is found and kept
# ----------------------------------------------------------------------------

def _in_data_dir(*parts):
    """``COURSE_DATA/<parts>`` if that folder exists, else None."""
    root = data_dir()
    if root is None:
        return None
    folder = root.joinpath(*parts)
    return folder if folder.is_dir() else None


def _copy_file(source, target):
    """Copy without the source's permissions (it may be read-only), atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    shutil.copyfile(source, partial)
    os.replace(partial, target)


# ----------------------------------------------------------------------------
# The real datasets
# ----------------------------------------------------------------------------

def _mnist_like(cls, title, train, transform):
    from torchvision.datasets.utils import check_integrity

    cache = cache_dir()
    raw = cache / cls.__name__ / "raw"
    source = _in_data_dir(cls.__name__, "raw")
    if source is not None:
        for filename, md5 in cls.resources:
            original, copy = source / filename, raw / filename
            if not original.is_file():
                continue
            if not copy.exists():
                _copy_file(original, copy)
            extracted = raw / os.path.splitext(filename)[0]
            if not extracted.exists() and not check_integrity(copy, md5):
                raise _corrupted(copy, f"copied again from {original} (if the error comes "
                                       f"back, the file in {DATA_VARIABLE} is damaged too)")

    def damaged(message):  # torchvision names the file: "Error downloading x.gz: ..."
        named = re.search(r"Error downloading (\S+?):", message)
        return raw / named.group(1) if named else raw

    with _course_errors(title, f"{cls.__name__}/raw", damaged):
        # torchvision checks each .gz against its MD5 and extracts it; a .gz that is
        # already in the cache with the right checksum is never downloaded again.
        return cls(str(cache), train=train, transform=transform, download=True)


def mnist(train=True, transform=None):
    """MNIST as ``torchvision.datasets.MNIST`` (60,000 train / 10,000 test images).

    From ``COURSE_DATA/MNIST/raw`` (copied into the cache) or downloaded into
    ``cache_dir()``. Items are (PIL image, int label) unless ``transform`` is given.
    Raises ``DatasetUnavailable`` when neither works.
    """
    return _mnist_like(datasets.MNIST, "MNIST", train, transform)


def fashion_mnist(train=True, transform=None):
    """Fashion-MNIST as ``torchvision.datasets.FashionMNIST``; found as ``mnist()`` is."""
    return _mnist_like(datasets.FashionMNIST, "Fashion-MNIST", train, transform)


@contextlib.contextmanager
def _course_errors(title, folder_name, damaged):
    """The one translation of what torchvision's downloads raise into the course's errors.

    A RuntimeError that says "corrupted" (a checksum that does not match) becomes
    ``DatasetCorrupted`` naming ``damaged``, the file to delete (or a function of
    torchvision's message that returns it); any other RuntimeError, and an OSError
    (no network: urllib's URLError is one), becomes ``DatasetUnavailable``.
    """
    try:
        yield
    except RuntimeError as error:
        if "corrupted" in str(error):
            raise _corrupted(damaged(str(error)) if callable(damaged) else damaged) from error
        raise _unavailable(title, error, folder_name) from error
    except OSError as error:
        raise _unavailable(title, error, folder_name) from error


def cifar10(train=True, transform=None):
    """CIFAR-10: 10 classes of 32x32 colour images, airplane (0) to truck (9).

    From ``COURSE_DATA/cifar10/{train,test}`` as a ``torchvision.datasets.ImageFolder``
    (its train split holds only 1,000 images per class, 10,000 in all; the test
    split is the full 10,000), else torchvision's ``CIFAR10`` downloaded into
    ``cache_dir()`` (50,000 / 10,000). Both give (PIL image, int label) items
    with the same label numbers.
    """
    folder = _in_data_dir("cifar10", "train" if train else "test")
    if folder is not None:
        return datasets.ImageFolder(folder, transform=transform)
    cache = cache_dir()
    with _course_errors("CIFAR-10", "cifar10", cache / datasets.CIFAR10.filename):
        return datasets.CIFAR10(str(cache), train=train, transform=transform, download=True)


def _hymenoptera_root():
    """The folder holding ``train/`` and ``val/``, downloading and extracting if needed."""
    from torchvision.datasets.utils import check_integrity, download_url, extract_archive

    if _in_data_dir("hymenoptera_data", "train") and _in_data_dir("hymenoptera_data", "val"):
        return data_dir() / "hymenoptera_data"
    cache = cache_dir()
    target = cache / "hymenoptera_data"
    if (target / "train").is_dir() and (target / "val").is_dir():
        return target
    title, archive = "The ants/bees set", cache / "hymenoptera_data.zip"
    if not archive.is_file():
        # Downloaded under another name first, so that an interrupted download is
        # never taken for a whole one (without a checksum nothing else would tell).
        partial = archive.with_name(archive.name + ".part")
        partial.unlink(missing_ok=True)
        with _course_errors(title, "hymenoptera_data", partial):
            download_url(HYMENOPTERA_URL, str(cache), filename=partial.name, md5=HYMENOPTERA_MD5)
        os.replace(partial, archive)
    elif HYMENOPTERA_MD5 is not None and not check_integrity(archive, HYMENOPTERA_MD5):
        raise _corrupted(archive)
    scratch = Path(tempfile.mkdtemp(prefix=".hymenoptera-", dir=cache))
    try:
        try:
            extract_archive(str(archive), str(scratch))
        except (zipfile.BadZipFile, OSError, RuntimeError) as error:
            raise DatasetCorrupted(
                f"{archive} could not be extracted ({one_line(error)}). Delete this file "
                "so that it is downloaded again, then run this again.") from error
        extracted = scratch / "hymenoptera_data"
        if not ((extracted / "train").is_dir() and (extracted / "val").is_dir()):
            raise DatasetCorrupted(
                f"{archive} holds no hymenoptera_data/train and hymenoptera_data/val folders. "
                "Delete this file so that it is downloaded again, then run this again.")
        if content_sha256(extracted) != HYMENOPTERA_CONTENT_SHA256:
            raise DatasetCorrupted(
                f"The images in {archive} are not the ants/bees set's (their checksum differs). "
                "Delete this file so that it is downloaded again, then run this again.")
        os.replace(extracted, target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def content_sha256(root):
    """One checksum for every file under root/train and root/val: the SHA-256 of the
    sorted lines "<file's sha256>  <path relative to root>"."""
    root = Path(root)
    lines = []
    for split in ("train", "val"):
        for path in sorted((root / split).rglob("*")):
            if path.is_file():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                lines.append(f"{digest}  {path.relative_to(root).as_posix()}")
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()


def hymenoptera(train=True, transform=None):
    """The ants/bees photos of PyTorch's transfer-learning tutorial, as an ``ImageFolder``.

    Classes ``["ants", "bees"]``; 244 train and 153 validation images
    (``train=False`` gives the ``val`` split). From
    ``COURSE_DATA/hymenoptera_data``, else the tutorial's zip archive downloaded
    into ``cache_dir()`` and extracted there. The extracted images are checked
    against ``HYMENOPTERA_CONTENT_SHA256``; the archive itself against
    ``HYMENOPTERA_MD5`` only when that is set (it is not: see its comment).
    """
    root = _hymenoptera_root()
    return datasets.ImageFolder(root / ("train" if train else "val"), transform=transform)


# ----------------------------------------------------------------------------
# Images in memory
# ----------------------------------------------------------------------------

class ImageTensors(torch.utils.data.Dataset):
    """A dataset held as two tensors: ``images`` uint8 ``(N, C, H, W)`` and ``targets`` int64 ``(N,)``.

    ``classes`` names the labels. ``normalization`` (mean and std per channel,
    or None) is what ``as_float`` applies after scaling to [0, 1], so that an item
    ``dataset[i]`` is ``(image, label)`` with the image a normalised float tensor
    ``(C, H, W)``, exactly as the loader's batches hold them. Indexing a few
    items is fine; for training, a ``TensorLoader`` makes whole batches at once.
    """

    def __init__(self, images, targets, classes, normalization=None):
        if images.dtype != torch.uint8 or images.dim() != 4:
            raise ValueError(f"images must be a uint8 tensor (N, C, H, W), got {images.dtype} "
                             f"of shape {tuple(images.shape)}.")
        if len(images) != len(targets):
            raise ValueError(f"{len(images)} images but {len(targets)} labels.")
        self.images = images
        self.targets = targets.to(torch.int64)
        self.classes = list(classes)
        self.normalization = normalization
        self._normalizers = {}   # (normalization, device) -> (mean, std) tensors

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return self.as_float(self.images[index][None])[0], int(self.targets[index])

    def as_float(self, batch, augment=None):
        """uint8 ``(B, C, H, W)`` -> float32 in [0, 1] -> ``augment`` (if any) -> normalised."""
        x = batch.float().div_(255)
        if augment is not None:
            x = augment(x)
        return self.normalize(x)

    def normalize(self, x):
        """A float batch ``(B, C, H, W)`` in [0, 1], normalised with ``normalization`` (if any)."""
        if self.normalization is None:
            return x
        key = (self.normalization, x.device)
        if key not in self._normalizers:
            # made once per device: a tensor made from Python numbers on a GPU is a copy
            # that waits for the GPU
            self._normalizers[key] = tuple(torch.tensor(values, device=x.device).view(1, -1, 1, 1)
                                           for values in (self.normalization.mean, self.normalization.std))
        mean, std = self._normalizers[key]   # (1, C, 1, 1) each
        return (x - mean) / std

    def select(self, indices):
        """The items at ``indices`` (a list or 1-D tensor), as a new ``ImageTensors``."""
        indices = torch.as_tensor(indices, dtype=torch.int64, device=self.images.device)
        return ImageTensors(self.images[indices], self.targets[indices], self.classes,
                            self.normalization)

    def resized(self, size=None, normalization=None):
        """The same dataset with its images resized to ``size x size`` (None: as they are) and
        normalised with ``normalization`` (None: as before), as a new ``ImageTensors``.

        Introduced in notebook 06. Resizing is bilinear and antialiased, once, on the
        uint8 images; ``normalization`` is a ``Normalization`` (a backbone's).
        """
        if normalization is not None and not isinstance(normalization, Normalization):
            raise ValueError(f"normalization must be a data.Normalization (mean and std per channel), "
                             f"got {type(normalization).__name__}; a backbone's is backbone.normalization.")
        images = self.images
        if size is not None:
            if isinstance(size, bool) or not isinstance(size, int) or size < 1:
                raise ValueError(f"size must be a whole number of pixels >= 1, got {size!r}.")
            if images.shape[-2:] != (size, size):
                from torchvision.transforms.v2 import functional as TF
                images = TF.resize(images, [size, size], antialias=True)   # uint8 in, uint8 out
        return ImageTensors(images, self.targets, self.classes,
                            self.normalization if normalization is None else normalization)

    def to(self, device):
        """The same dataset with both tensors on ``device`` (a GPU holds MNIST in 47 MB)."""
        return ImageTensors(self.images.to(device), self.targets.to(device), self.classes,
                            self.normalization)


def _folder_fingerprint(dataset):
    """A checksum of a folder dataset's listing: each file's path, size and modification time.

    A file added, removed, replaced or edited changes it. Reading 20,000 PNG files
    to hash their contents would take most of a second each time; a listing takes
    a few hundredths.
    """
    digest = hashlib.sha256()
    for path, target in dataset.samples:
        stat = os.stat(path)
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0{target}\n".encode())
    return digest.hexdigest()


def _decode_photo(image, size):
    """A PIL image -> uint8 (3, size, size): shorter side to PHOTO_RESIZE, central crop."""
    from torchvision.transforms.v2 import functional as TF

    x = TF.pil_to_tensor(image.convert("RGB"))                        # (3, H, W) uint8
    if size is None:
        return x
    x = TF.resize(x, PHOTO_RESIZE, antialias=True)
    return TF.center_crop(x, size)


def to_tensors(dataset, normalization=None, size=None, name="images"):
    """Decode a torchvision dataset once into an ``ImageTensors``.

    MNIST-like datasets and torchvision's CIFAR-10 already hold their pixels as
    arrays (``.data``), taken as they are. Folder datasets (``ImageFolder``) are
    decoded image by image, once: the result is saved in ``cache_dir()/tensors``
    under ``name`` and a checksum of the folder's listing, and read from there
    next time. ``size`` crops photos of any size to ``size x size`` (see
    ``PHOTO_RESIZE``); images of one size (CIFAR-10) need none.
    """
    classes = getattr(dataset, "classes", None) or sorted(set(map(str, dataset.targets)))
    pixels = getattr(dataset, "data", None)
    if pixels is not None:
        images = torch.as_tensor(np.asarray(pixels))
        # MNIST: (N, H, W); CIFAR-10: (N, H, W, C) -> (N, C, H, W)
        images = images.unsqueeze(1) if images.dim() == 3 else images.permute(0, 3, 1, 2)
        targets = torch.as_tensor(np.asarray(dataset.targets), dtype=torch.int64)
        return ImageTensors(images.contiguous(), targets, classes, normalization)

    cached = cache_dir() / "tensors" / f"{name}-{_folder_fingerprint(dataset)[:16]}.pt"
    if cached.is_file():
        try:
            saved = torch.load(cached, weights_only=True)
            return ImageTensors(saved["images"], saved["targets"], classes, normalization)
        except Exception:   # a damaged or partly written file: decode again
            cached.unlink(missing_ok=True)
    loader = dataset.loader
    samples, shown = progress_bar(dataset.samples, len(dataset.samples), f"decoding {name} (once)")
    images = torch.stack([_decode_photo(loader(path), size) for path, _ in samples])
    say(f"decoded {len(images)} {name} photos once; later runs read them from {cached.parent}", shown)
    targets = torch.tensor([target for _, target in dataset.samples], dtype=torch.int64)
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_name(cached.name + ".part")
    torch.save({"images": images, "targets": targets}, partial)
    os.replace(partial, cached)   # never a half-written cache file under the real name
    return ImageTensors(images, targets, classes, normalization)


# ----------------------------------------------------------------------------
# Stand-ins that need no download
# ----------------------------------------------------------------------------

def _to_uint8(images):
    return (images * 255).round_().clamp_(0, 255).to(torch.uint8)


def digits(train=True):
    """scikit-learn's 8x8 handwritten digits (1,797 images, bundled: no download).

    Each image is scaled from 0..16 to [0, 1] and resized (bilinear) to 28x28, so
    its images are (1, 28, 28) as MNIST's, with labels 0-9, in an ``ImageTensors``
    whose ``classes`` are ``["0", ..., "9"]``. The split is fixed: the same 1,438
    images (80 %) for ``train=True`` and the other 359 for ``train=False``, on
    every machine.
    """
    from sklearn.datasets import load_digits

    bunch = load_digits()
    images = torch.tensor(bunch.images, dtype=torch.float32).unsqueeze(1) / 16.0
    images = F.interpolate(images, size=(DIGITS_SIZE, DIGITS_SIZE), mode="bilinear",
                           align_corners=False).clamp_(0.0, 1.0)
    targets = torch.tensor(bunch.target, dtype=torch.int64)
    order = np.random.RandomState(DIGITS_SPLIT_SEED).permutation(len(images))
    cut = round(DIGITS_TRAIN_FRACTION * len(images))
    chosen = torch.from_numpy(order[:cut] if train else order[cut:])
    return ImageTensors(_to_uint8(images[chosen]), targets[chosen], [str(d) for d in range(10)])


def synthetic_images(n, num_classes=10, size=32, channels=3, seed=0):
    """A small dataset of striped patches whose stripe orientation is the class.

    Class ``k`` of ``num_classes`` has stripes at ``180 * k / num_classes``
    degrees (within a few degrees), inside a soft disc of random position and
    size on a noisy grey background, with random stripe width, phase and
    colour. Colour and position say nothing about the class, so a model must
    learn oriented edges, which a small CNN does in a few epochs. Labels are
    balanced. The same arguments give the same images on every machine.

    Returns an ``ImageTensors`` of (channels, size, size) images, with
    ``classes`` ``["pattern 0", ...]``.
    """
    if n < 0 or num_classes < 1 or size < 4 or channels not in (1, 3):
        raise ValueError("synthetic_images needs n >= 0, num_classes >= 1, size >= 4 and "
                         f"channels 1 or 3; got n={n}, num_classes={num_classes}, "
                         f"size={size}, channels={channels}.")
    g = torch.Generator().manual_seed(seed)

    def uniform(low, high, *shape):
        return low + (high - low) * torch.rand(*shape, generator=g)

    targets = (torch.arange(n) % num_classes)[torch.randperm(n, generator=g)]
    step = math.pi / num_classes
    angle = targets * step + uniform(-0.15, 0.15, n) * step
    cycles = uniform(2.0, 4.0, n)                      # stripes across the image
    phase = uniform(0.0, 2 * math.pi, n)
    centre = uniform(-0.35, 0.35, n, 2)
    radius = uniform(0.5, 0.85, n)
    hue = uniform(0.0, 1.0, n)

    line = torch.linspace(-1.0, 1.0, size)
    ys, xs = torch.meshgrid(line, line, indexing="ij")
    xs, ys = xs.expand(n, size, size), ys.expand(n, size, size)
    along = xs * angle.cos()[:, None, None] + ys * angle.sin()[:, None, None]
    stripes = 0.5 + 0.5 * torch.sin(math.pi * cycles[:, None, None] * along + phase[:, None, None])
    distance = ((xs - centre[:, 0, None, None]) ** 2 + (ys - centre[:, 1, None, None]) ** 2).sqrt()
    disc = torch.sigmoid((radius[:, None, None] - distance) / 0.05).unsqueeze(1)  # (n, 1, H, W)

    if channels == 3:
        offsets = torch.tensor([0.0, 1 / 3, 2 / 3])
        colour = 0.55 + 0.45 * torch.cos(2 * math.pi * (hue[:, None] + offsets))  # (n, 3)
    else:
        colour = torch.ones(n, 1)
    pattern = 0.1 + stripes.unsqueeze(1) * (colour[:, :, None, None] - 0.1)
    background = 0.5 + 0.12 * torch.randn(n, channels, size, size, generator=g)
    images = (disc * pattern + (1 - disc) * background).clamp_(0.0, 1.0)
    return ImageTensors(_to_uint8(images), targets, [f"pattern {k}" for k in range(num_classes)])


# ----------------------------------------------------------------------------
# By name, with the fallback
# ----------------------------------------------------------------------------

_REAL = {"mnist": mnist, "fashion_mnist": fashion_mnist, "cifar10": cifar10,
         "hymenoptera": hymenoptera}
_TITLES = {"mnist": "MNIST", "fashion_mnist": "Fashion-MNIST", "cifar10": "CIFAR-10",
           "hymenoptera": "The ants/bees set"}
# name -> (train size, test size, image size, number of classes) of its synthetic stand-in
_SYNTHETIC = {"cifar10": (5_000, 1_000, 32, 10), "hymenoptera": (244, 153, 64, 2)}


def _check_name(name):
    if name not in NAMES:
        raise ValueError(f"Unknown dataset {name!r}: the course has {', '.join(map(repr, NAMES))}.")


def _fallback(name, train):
    if name in ("mnist", "fashion_mnist"):
        return digits(train=train)
    n_train, n_test, size, num_classes = _SYNTHETIC[name]
    return synthetic_images(n_train if train else n_test, num_classes=num_classes, size=size,
                            channels=3, seed=0 if train else 1)


def _fallback_line(name, error):
    if name in ("mnist", "fashion_mnist"):
        instead = "scikit-learn's 8x8 digits, resized to 28x28,"
    else:
        n_train, n_test, size, num_classes = _SYNTHETIC[name]
        instead = (f"synthetic striped patterns ({num_classes} classes by stripe orientation, "
                   f"{size}x{size} colour images, {n_train} train / {n_test} test)")
    return (f"{_TITLES[name]} is not available ({error.reason}): using {instead} instead. "
            "Accuracies will differ from the stated targets.")


def _real_tensors(name, train):
    size = PHOTO_CROP if name == "hymenoptera" else None
    split = "train" if train else "test"
    return to_tensors(_REAL[name](train=train), NORMALIZATION[name], size=size,
                      name=f"{name}-{split}")


def _tensors_of_splits(name, splits):
    """The given splits (train=True/False each) of the real dataset or, if it cannot be had,
    all of them from its stand-in, announced in one line."""
    try:
        return [_real_tensors(name, train) for train in splits]
    except DatasetUnavailable as error:
        print(_fallback_line(name, error))
        stand_ins = [_fallback(name, train) for train in splits]
        for stand_in in stand_ins:   # normalised as the real set would be
            stand_in.normalization = NORMALIZATION[name]
        return stand_ins


def tensors(name, train=True):
    """One split of a course dataset by name, in memory, or its stand-in when it cannot be had.

    ``name`` is one of ``"mnist"``, ``"fashion_mnist"``, ``"cifar10"``,
    ``"hymenoptera"`` (whose test split is ``val``; its photos are cropped to
    224x224). Returns an ``ImageTensors`` normalised as ``NORMALIZATION[name]``.
    If the real dataset raises ``DatasetUnavailable``, prints one line saying
    what is used instead and returns ``digits()`` for the two MNISTs or
    ``synthetic_images()`` for the others. ``DatasetCorrupted`` is not caught: a
    damaged file must be deleted, not hidden.
    """
    _check_name(name)
    return _tensors_of_splits(name, [train])[0]


def subset(dataset, n, seed=0):
    """``n`` items of an ``ImageTensors`` drawn at random (seeded), kept in dataset order.

    All of them, in order, when ``n`` is None or at least ``len(dataset)``.
    """
    total = len(dataset)
    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 0):
        raise ValueError(f"subset needs a whole number of items >= 0 or None, got {n!r}.")
    if n is None or n >= total:
        return dataset
    return dataset.select(_seeded_order(total, seed)[:n].sort().values)


def _seeded_order(total, seed):
    """A random order of 0 .. total - 1, the same for the same seed on every machine; ``subset``
    and ``split`` draw from it, so ``subset(d, n)`` holds exactly ``split(d, n)``'s held-out items."""
    return torch.randperm(total, generator=torch.Generator().manual_seed(seed))


def split(dataset, n, seed=0):
    """``(rest, held_out)``: ``n`` items of an ``ImageTensors`` drawn at random (seeded) and the
    others, both kept in dataset order. No item is in both.

    Introduced in notebook 03, to hold a validation set out of the training split.
    """
    total = len(dataset)
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= total:
        raise ValueError(f"split needs a whole number of items between 0 and {total:,} "
                         f"(the dataset's size), got {n!r}.")
    order = _seeded_order(total, seed)
    return dataset.select(order[n:].sort().values), dataset.select(order[:n].sort().values)


class TensorLoader:
    """Batches ``(x, y)`` from an ``ImageTensors``, made by indexing its tensors.

    ``x`` is float32 ``(B, C, H, W)``, augmented (if ``augment`` is given) and
    normalised, on the dataset's device; ``y`` int64 ``(B,)``. With
    ``shuffle=True`` every epoch has a new order, drawn from a generator seeded
    once with ``seed``, so the same seed gives the same epochs. The last batch
    may be smaller. ``augment`` is a function of a whole float batch in [0, 1]
    (see ``helpers.augment``), applied before normalising.
    """

    def __init__(self, dataset, batch_size=64, shuffle=False, seed=0, augment=None):
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a whole number >= 1, got {batch_size!r}.")
        if len(dataset) == 0:
            raise ValueError("The dataset is empty: there is nothing to make batches of.")
        self.dataset = dataset
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.augment = augment
        self.generator = torch.Generator().manual_seed(seed)

    def __len__(self):
        return math.ceil(len(self.dataset) / self.batch_size)

    def __iter__(self):
        n = len(self.dataset)
        device = self.dataset.images.device
        order = (torch.randperm(n, generator=self.generator) if self.shuffle
                 else torch.arange(n)).to(device)
        for start in range(0, n, self.batch_size):
            index = order[start:start + self.batch_size]
            x = self.dataset.as_float(self.dataset.images[index], self.augment)  # (B, C, H, W)
            yield x, self.dataset.targets[index]                                 # (B,)


def loaders(name, batch_size=64, augment=None, train_size=None, test_size=None, seed=0,
            device=None, validation_size=None, normalization=None, image_size=None):
    """``(train_loader, test_loader)`` for a course dataset, at the scale in force; with
    ``validation_size``, ``(train_loader, val_loader, test_loader)``.

    Both are ``TensorLoader``s over ``tensors(name)``: the train loader
    reshuffles every epoch (seeded by ``seed``) and applies ``augment`` (e.g.
    ``augment.standard(32)``: random crop with padding and horizontal flip) to
    each batch; the test loader keeps its order and never augments. Batches are
    normalised with ``NORMALIZATION[name]`` (for MNIST: mean 0.1307, std 0.3081).

    ``train_size`` / ``test_size`` default to ``FAST_SIZES[name]`` at the fast
    scale and to everything at the full scale; a size is a seeded random
    ``subset``. ``device``: where the images live and the batches are made; a
    GPU holds a whole course dataset (CIFAR-10's 50,000 images are 150 MB as
    uint8), so pass the model's device. Falls back as ``tensors`` does,
    printing one line.

    ``validation_size`` (introduced in notebook 03): that many images are drawn
    (seeded) out of the training split *before* the training subset is taken,
    and served by a third loader, in order and never augmented, like the test
    loader. No image is in two of the three sets. The validation set is what a
    notebook chooses with (a learning rate, a number of epochs); the test set is
    looked at once, at the end.

    Introduced in notebook 06, for a pretrained network: ``normalization`` (a
    ``Normalization``) replaces ``NORMALIZATION[name]``, so that the batches are
    normalised as the network expects (``normalization=backbone.normalization``);
    ``image_size`` resizes every image once, before serving, to
    ``image_size x image_size`` (bilinear, antialiased): smaller photos at the fast scale.
    """
    _check_name(name)
    train_set, test_set = _tensors_of_splits(name, [True, False])
    val_set = None
    if validation_size is not None:
        train_set, val_set = split(train_set, validation_size, seed)
    fast_train, fast_test = FAST_SIZES[name] if scale.is_fast() else (None, None)
    train_size = fast_train if train_size is None else train_size
    test_size = fast_test if test_size is None else test_size
    train_set, test_set = subset(train_set, train_size, seed), subset(test_set, test_size, seed)
    if normalization is not None or image_size is not None:
        train_set, test_set = (s.resized(image_size, normalization) for s in (train_set, test_set))
        val_set = val_set.resized(image_size, normalization) if val_set is not None else None
    if device is not None:
        train_set, test_set = train_set.to(device), test_set.to(device)
        val_set = val_set.to(device) if val_set is not None else None
    train_loader = TensorLoader(train_set, batch_size, shuffle=True, seed=seed, augment=augment)
    test_loader = TensorLoader(test_set, batch_size, shuffle=False)
    if val_set is None:
        return train_loader, test_loader
    return train_loader, TensorLoader(val_set, batch_size, shuffle=False), test_loader
