"""Unit tests for helpers/data.py: the real download paths on small files served from
file:// mirrors, the COURSE_DATA folder, the fallbacks, subsets and loaders.

No test touches the network. Downloads that must succeed come from a small HTTP
server on 127.0.0.1 that serves a folder of the test's own files (torchvision reads
``response.length``, which urllib's file:// responses lack, so a file:// mirror can
only fail); downloads that must fail point at a file:// folder that does not exist. Tests that need the real datasets read them from
../shared/data beside the project and are skipped when it is absent.
"""

import gzip
import hashlib
import functools
import http.server
import io
import math
import os
import pickle
import stat
import struct
import subprocess
import sys
import tarfile
import threading
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image
from torchvision import datasets, transforms

from helpers import data

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
CIFAR10_CLASSES = ["airplane", "automobile", "bird", "cat", "deer",
                   "dog", "frog", "horse", "ship", "truck"]
MNIST_FILES = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
               "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    """A cache in tmp, no COURSE_DATA, the full scale, and every download pointing nowhere."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    for variable in ("no_proxy", "NO_PROXY"):  # the local server is reached directly
        monkeypatch.setenv(variable, "*")
    monkeypatch.delenv("COURSE_DATA", raising=False)
    monkeypatch.delenv("COURSE_SCALE", raising=False)
    nowhere = (tmp_path / "no-network").as_uri() + "/"
    monkeypatch.setattr(datasets.MNIST, "mirrors", [nowhere])
    monkeypatch.setattr(datasets.FashionMNIST, "mirrors", [nowhere])
    monkeypatch.setattr(datasets.CIFAR10, "url", nowhere + "cifar-10-python.tar.gz")
    monkeypatch.setattr(data, "HYMENOPTERA_URL", nowhere + "hymenoptera_data.zip")
    return tmp_path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def server(tmp_path):
    """(folder, URL of that folder ending in "/"): an HTTP server on 127.0.0.1 serving it."""
    folder = tmp_path / "server"
    folder.mkdir()
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def cache(tmp_path):
    return tmp_path / "xdg" / "cnn-course"


def md5(content):
    return hashlib.md5(content).hexdigest()


# ----------------------------------------------------------------------------
# Small MNIST files in the real idx format
# ----------------------------------------------------------------------------

def idx_images(images):
    n, h, w = images.shape
    return struct.pack(">IIII", 2051, n, h, w) + images.astype(np.uint8).tobytes()


def idx_labels(labels):
    return struct.pack(">II", 2049, len(labels)) + labels.astype(np.uint8).tobytes()


def small_mnist(seed=0, n_train=6, n_test=4):
    """The four .gz files' contents, and the arrays inside them."""
    rng = np.random.RandomState(seed)
    arrays = {
        "train_images": rng.randint(0, 256, (n_train, 28, 28)).astype(np.uint8),
        "train_labels": rng.randint(0, 10, n_train).astype(np.uint8),
        "test_images": rng.randint(0, 256, (n_test, 28, 28)).astype(np.uint8),
        "test_labels": rng.randint(0, 10, n_test).astype(np.uint8),
    }
    raw = [idx_images(arrays["train_images"]), idx_labels(arrays["train_labels"]),
           idx_images(arrays["test_images"]), idx_labels(arrays["test_labels"])]
    files = {name: gzip.compress(content, mtime=0) for name, content in zip(MNIST_FILES, raw)}
    return files, arrays


def write_files(folder, files):
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)


def use_resources(monkeypatch, files, cls=datasets.MNIST):
    monkeypatch.setattr(cls, "resources", [(name, md5(files[name])) for name in MNIST_FILES])


def serve(monkeypatch, server, files, cls=datasets.MNIST):
    """Put the files on the local server and make torchvision download them from it."""
    folder, url = server
    write_files(folder, files)
    monkeypatch.setattr(cls, "mirrors", [url])
    use_resources(monkeypatch, files, cls)


def snapshot(folder):
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def assert_split(dataset, images, labels):
    assert len(dataset) == len(labels)
    assert torch.equal(dataset.data, torch.from_numpy(images))
    assert dataset.targets.tolist() == labels.tolist()


# ----------------------------------------------------------------------------
# MNIST: torchvision's download, checksums, the COURSE_DATA folder
# ----------------------------------------------------------------------------

def test_mnist_downloads_verifies_and_extracts_from_the_mirror(monkeypatch, isolated, server):
    files, arrays = small_mnist()
    serve(monkeypatch, server, files)
    train = data.mnist(train=True)
    assert isinstance(train, datasets.MNIST)
    assert_split(train, arrays["train_images"], arrays["train_labels"])
    assert_split(data.mnist(train=False), arrays["test_images"], arrays["test_labels"])
    raw = cache(isolated) / "MNIST" / "raw"
    for name in MNIST_FILES:  # torchvision's download put each .gz in the cache ...
        assert (raw / name).read_bytes() == files[name]
        assert (raw / name[:-3]).is_file()  # ... and extracted it
    image, label = data.mnist(train=True, transform=transforms.ToTensor())[0]
    assert image.shape == (1, 28, 28) and label == int(arrays["train_labels"][0])
    assert torch.allclose(image[0] * 255, torch.from_numpy(arrays["train_images"][0]).float())


def test_fashion_mnist_downloads_into_its_own_folder(monkeypatch, isolated, server):
    files, arrays = small_mnist(seed=1)
    serve(monkeypatch, server, files, cls=datasets.FashionMNIST)
    fashion = data.fashion_mnist(train=False)
    assert isinstance(fashion, datasets.FashionMNIST)
    assert_split(fashion, arrays["test_images"], arrays["test_labels"])
    assert (cache(isolated) / "FashionMNIST" / "raw" / "t10k-images-idx3-ubyte.gz").is_file()


def test_a_corrupted_download_names_the_file_to_delete(monkeypatch, isolated, server):
    files, _ = small_mnist()
    serve(monkeypatch, server, files)
    resources = [(name, md5(files[name])) for name in MNIST_FILES]
    resources[0] = (MNIST_FILES[0], md5(b"something else"))
    monkeypatch.setattr(datasets.MNIST, "resources", resources)
    with pytest.raises(data.DatasetCorrupted) as info:
        data.mnist()
    message = str(info.value)
    assert str(cache(isolated) / "MNIST" / "raw" / "train-images-idx3-ubyte.gz") in message
    assert "Delete this file" in message and "downloaded again" in message
    assert "File not found or corrupted" not in message
    with pytest.raises(data.DatasetCorrupted):  # tensors() does not hide it behind a fallback
        data.tensors("mnist")


def test_course_data_is_read_through_a_cache_copy_and_never_written(monkeypatch, isolated):
    files, arrays = small_mnist(seed=2)
    folder = isolated / "data"
    write_files(folder / "MNIST" / "raw", files)
    use_resources(monkeypatch, files)  # the mirrors stay pointed at a missing folder
    before = snapshot(folder)
    read_only = [folder / "MNIST" / "raw", folder / "MNIST", folder]
    for path in read_only:
        path.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    monkeypatch.setenv("COURSE_DATA", str(folder))
    try:
        assert_split(data.mnist(train=False), arrays["test_images"], arrays["test_labels"])
        copy = cache(isolated) / "MNIST" / "raw" / "t10k-images-idx3-ubyte.gz"
        assert copy.read_bytes() == files["t10k-images-idx3-ubyte.gz"]
        assert os.access(copy, os.W_OK) or os.geteuid() == 0  # the copy is not read-only
        inode = copy.stat().st_ino
        assert_split(data.mnist(train=True), arrays["train_images"], arrays["train_labels"])
        assert copy.stat().st_ino == inode  # copied once, not again
        assert snapshot(folder) == before
    finally:
        for path in read_only:
            path.chmod(stat.S_IRWXU)


def test_a_corrupted_file_in_course_data_is_reported_not_downloaded(monkeypatch, isolated):
    files, _ = small_mnist()
    folder = isolated / "data"
    write_files(folder / "MNIST" / "raw", files)
    use_resources(monkeypatch, files)
    (folder / "MNIST" / "raw" / "train-labels-idx1-ubyte.gz").write_bytes(b"damaged")
    monkeypatch.setenv("COURSE_DATA", str(folder))
    with pytest.raises(data.DatasetCorrupted) as info:
        data.mnist()
    message = str(info.value)
    assert str(cache(isolated) / "MNIST" / "raw" / "train-labels-idx1-ubyte.gz") in message
    assert "Delete this file" in message and "COURSE_DATA" in message


def test_no_network_and_no_course_data_raises_dataset_unavailable_in_one_line(monkeypatch, tmp_path):
    with pytest.raises(data.DatasetUnavailable) as info:
        data.mnist()
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("MNIST is not available: the download failed")
    assert "no COURSE_DATA folder holds it" in message
    monkeypatch.setenv("COURSE_DATA", str(tmp_path / "empty"))
    with pytest.raises(data.DatasetUnavailable) as info:
        data.fashion_mnist()
    assert f"COURSE_DATA={tmp_path / 'empty'} has no FashionMNIST/raw" in str(info.value)


# ----------------------------------------------------------------------------
# Fallbacks
# ----------------------------------------------------------------------------

def test_mnist_falls_back_to_digits_with_one_line(capsys):
    train = data.tensors("mnist")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("MNIST is not available (")
    assert "8x8 digits" in lines[0] and "Accuracies will differ" in lines[0]
    assert isinstance(train, data.ImageTensors)
    assert train.classes == [str(d) for d in range(10)]
    test = data.tensors("mnist", train=False)
    assert (len(train), len(test)) == (1438, 359)
    image, label = train[0]
    assert image.shape == (1, 28, 28) and image.dtype == torch.float32
    assert train.images.dtype == torch.uint8 and train.images.shape == (1438, 1, 28, 28)
    assert train.images.max() == 255  # the 0..16 scale was stretched to [0, 255]
    assert train.normalization == data.NORMALIZATION["mnist"]  # normalised as MNIST would be
    assert torch.allclose(image, (train.images[0].float() / 255 - 0.1307) / 0.3081)
    assert set(train.targets.tolist()) == set(range(10)) == set(test.targets.tolist())
    assert isinstance(label, int)


def test_digits_split_is_deterministic_and_disjoint():
    from sklearn.datasets import load_digits

    first, again, test = data.digits(True), data.digits(True), data.digits(False)
    assert torch.equal(first.images, again.images) and torch.equal(first.targets, again.targets)
    rows = {tuple(x.flatten().tolist()) for x in first.images}
    assert not any(tuple(x.flatten().tolist()) in rows for x in test.images[:50])
    assert len(first) + len(test) == len(load_digits().images)
    # 0..16 scaled to [0, 1]; bilinear resizing keeps the mean brightness
    everything = torch.cat([first.images, test.images]).float() / 255
    assert everything.mean().item() == pytest.approx(load_digits().images.mean() / 16, abs=2e-3)


def test_an_item_is_what_a_batch_holds():
    digits = data.digits(train=False)
    assert digits.normalization is None
    image, label = digits[3]
    assert torch.equal(image, digits.images[3].float() / 255) and label == int(digits.targets[3])
    digits.normalization = data.NORMALIZATION["mnist"]
    x, y = next(iter(data.TensorLoader(digits, batch_size=5)))
    assert torch.allclose(x[3], digits[3][0]) and y[3] == digits[3][1]
    assert torch.allclose(x[3], (digits.images[3].float() / 255 - 0.1307) / 0.3081)


def test_image_tensors_refuses_what_it_cannot_hold():
    with pytest.raises(ValueError, match="uint8"):
        data.ImageTensors(torch.rand(2, 1, 4, 4), torch.zeros(2), ["a"])
    with pytest.raises(ValueError, match="2 images but 3 labels"):
        data.ImageTensors(torch.zeros(2, 1, 4, 4, dtype=torch.uint8), torch.zeros(3), ["a"])


def test_fashion_mnist_cifar10_and_hymenoptera_fall_back(capsys):
    fashion = data.tensors("fashion_mnist", train=False)
    cifar = data.tensors("cifar10")
    ants = data.tensors("hymenoptera", train=False)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("Fashion-MNIST is not available") and "digits" in lines[0]
    assert lines[1].startswith("CIFAR-10 is not available") and "synthetic" in lines[1]
    assert lines[2].startswith("The ants/bees set is not available") and "synthetic" in lines[2]
    assert len(fashion) == 359
    assert len(cifar) == 5000 and cifar[0][0].shape == (3, 32, 32) and len(cifar.classes) == 10
    assert len(ants) == 153 and ants[0][0].shape == (3, 64, 64) and len(ants.classes) == 2


def test_synthetic_images_are_deterministic_balanced_and_in_range():
    a = data.synthetic_images(40, num_classes=4, size=16, channels=3, seed=5)
    b = data.synthetic_images(40, num_classes=4, size=16, channels=3, seed=5)
    c = data.synthetic_images(40, num_classes=4, size=16, channels=3, seed=6)
    assert torch.equal(a.images, b.images) and torch.equal(a.targets, b.targets)
    assert not torch.equal(a.images, c.images)
    assert a.images.shape == (40, 3, 16, 16) and a.images.dtype == torch.uint8
    assert 0 < a.images.float().mean() < 255
    assert torch.bincount(a.targets).tolist() == [10, 10, 10, 10]
    assert data.synthetic_images(3, 2, 8, channels=1)[0][0].shape == (1, 8, 8)
    with pytest.raises(ValueError):
        data.synthetic_images(3, 2, 8, channels=2)


def test_synthetic_class_is_the_stripe_orientation():
    """Each image's dominant gradient direction (structure tensor) gives back its class."""
    num_classes = 6
    ds = data.synthetic_images(300, num_classes=num_classes, size=32, channels=1, seed=0)
    x = ds.images[:, 0].float() / 255
    gx, gy = x[:, 1:-1, 2:] - x[:, 1:-1, :-2], x[:, 2:, 1:-1] - x[:, :-2, 1:-1]
    jxx, jyy, jxy = (gx * gx).sum((1, 2)), (gy * gy).sum((1, 2)), (gx * gy).sum((1, 2))
    angle = (0.5 * torch.atan2(2 * jxy, jxx - jyy)) % math.pi
    predicted = torch.round(angle / (math.pi / num_classes)).long() % num_classes
    assert (predicted == ds.targets).float().mean() > 0.9


def test_unknown_name_is_refused():
    with pytest.raises(ValueError, match="'mnist'"):
        data.tensors("imagenet")
    with pytest.raises(ValueError, match="'cifar10'"):
        data.loaders("cifar100")


# ----------------------------------------------------------------------------
# CIFAR-10 and the ants/bees set: COURSE_DATA folders and downloads
# ----------------------------------------------------------------------------

def write_image(path, array):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(array).save(path)


def cifar10_folders(root):
    """Write cifar10/{train,test}/<class>/*.png (1 and 2 images a class); return the last truck."""
    folder = root / "cifar10"
    rng = np.random.RandomState(0)
    truck = rng.randint(0, 256, (32, 32, 3)).astype(np.uint8)
    for name in reversed(CIFAR10_CLASSES):  # written out of order: the sort must not care
        write_image(folder / "train" / name / "0.png", rng.randint(0, 256, (32, 32, 3)).astype(np.uint8))
        for i in range(2):
            write_image(folder / "test" / name / f"{i}.png", truck if name == "truck" else
                        rng.randint(0, 256, (32, 32, 3)).astype(np.uint8))
    return truck


def test_cifar10_from_course_data_image_folders(monkeypatch, isolated):
    truck = cifar10_folders(isolated / "data")
    monkeypatch.setenv("COURSE_DATA", str(isolated / "data"))
    train, test = data.cifar10(train=True), data.cifar10(train=False, transform=transforms.PILToTensor())
    assert isinstance(train, datasets.ImageFolder)
    assert train.classes == CIFAR10_CLASSES == test.classes
    assert (len(train), len(test)) == (10, 20)
    image, label = test[len(test) - 1]
    assert label == 9 and torch.equal(image, torch.from_numpy(truck).permute(2, 0, 1))


def cifar10_archive(monkeypatch, server):
    """Serve a small cifar-10-python.tar.gz in the real format; return the batches inside."""
    rng = np.random.RandomState(0)
    batches = {
        "data_batch_1": {"data": rng.randint(0, 256, (5, 3072)).astype(np.uint8), "labels": [0, 9, 3, 3, 1]},
        "test_batch": {"data": rng.randint(0, 256, (3, 3072)).astype(np.uint8), "labels": [2, 8, 9]},
        "batches.meta": {"label_names": CIFAR10_CLASSES},
    }
    contents = {name: pickle.dumps(value) for name, value in batches.items()}
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w:gz") as tar:
        for name, content in contents.items():
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    folder, url = server
    (folder / "cifar-10-python.tar.gz").write_bytes(archive.getvalue())
    monkeypatch.setattr(datasets.CIFAR10, "url", url + "cifar-10-python.tar.gz")
    monkeypatch.setattr(datasets.CIFAR10, "tgz_md5", md5(archive.getvalue()))
    monkeypatch.setattr(datasets.CIFAR10, "train_list", [["data_batch_1", md5(contents["data_batch_1"])]])
    monkeypatch.setattr(datasets.CIFAR10, "test_list", [["test_batch", md5(contents["test_batch"])]])
    monkeypatch.setattr(datasets.CIFAR10, "meta", {"filename": "batches.meta", "key": "label_names",
                                                   "md5": md5(contents["batches.meta"])})
    return batches


def test_cifar10_downloads_with_torchvision(monkeypatch, isolated, server):
    batches = cifar10_archive(monkeypatch, server)
    train = data.cifar10(train=True)
    assert isinstance(train, datasets.CIFAR10)
    assert train.targets == [0, 9, 3, 3, 1] and train.classes == CIFAR10_CLASSES
    assert np.array_equal(train.data[1], batches["data_batch_1"]["data"][1].reshape(3, 32, 32).transpose(1, 2, 0))
    assert len(data.cifar10(train=False)) == 3
    assert (cache(isolated) / "cifar-10-python.tar.gz").is_file()
    monkeypatch.setattr(datasets.CIFAR10, "tgz_md5", md5(b"other"))
    (cache(isolated) / "cifar-10-batches-py" / "test_batch").unlink()
    with pytest.raises(data.DatasetCorrupted, match="cifar-10-python.tar.gz is corrupted"):
        data.cifar10(train=False)


def ants_and_bees(root, counts):
    """Write hymenoptera_data/{train,val}/{ants,bees}/*.jpg with counts[(split, class)] files."""
    rng = np.random.RandomState(0)
    for (split, name), count in counts.items():
        for i in range(count):
            write_image(root / "hymenoptera_data" / split / name / f"{i}.jpg",
                        rng.randint(0, 256, (20 + i, 30, 3)).astype(np.uint8))
    (root / "hymenoptera_data" / "train" / "ants" / "notes.gif").write_bytes(b"GIF89a")  # not an image ImageFolder takes


COUNTS = {("train", "ants"): 3, ("train", "bees"): 2, ("val", "ants"): 1, ("val", "bees"): 2}


def test_hymenoptera_from_course_data(monkeypatch, isolated):
    ants_and_bees(isolated / "data", COUNTS)
    monkeypatch.setenv("COURSE_DATA", str(isolated / "data"))
    train, val = data.hymenoptera(train=True), data.hymenoptera(train=False)
    assert isinstance(train, datasets.ImageFolder)
    assert train.classes == ["ants", "bees"] == val.classes
    assert (len(train), len(val)) == (5, 3)
    assert [label for _, label in train.samples] == [0, 0, 0, 1, 1]
    assert not (cache(isolated) / "hymenoptera_data").exists()


def zip_of(folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.rglob("*")):
            archive.write(path, path.relative_to(folder.parent).as_posix())
    return buffer.getvalue()


def test_hymenoptera_downloads_checks_and_extracts_the_zip(monkeypatch, isolated, server):
    ants_and_bees(isolated / "made", COUNTS)
    content = zip_of(isolated / "made" / "hymenoptera_data")
    folder, url = server
    (folder / "hymenoptera_data.zip").write_bytes(content)
    monkeypatch.setattr(data, "HYMENOPTERA_URL", url + "hymenoptera_data.zip")

    monkeypatch.setattr(data, "HYMENOPTERA_MD5", md5(b"not the archive"))
    with pytest.raises(data.DatasetCorrupted) as info:
        data.hymenoptera()
    assert str(cache(isolated) / "hymenoptera_data.zip.part") in str(info.value)
    assert not (cache(isolated) / "hymenoptera_data.zip").exists()

    monkeypatch.setattr(data, "HYMENOPTERA_MD5", md5(content))
    # the real set's images are checked too: these test images are not them
    with pytest.raises(data.DatasetCorrupted, match="not the ants/bees set's"):
        data.hymenoptera()
    assert not (cache(isolated) / "hymenoptera_data").exists()

    monkeypatch.setattr(data, "HYMENOPTERA_CONTENT_SHA256",
                        data.content_sha256(isolated / "made" / "hymenoptera_data"))
    train, val = data.hymenoptera(train=True), data.hymenoptera(train=False)
    assert (len(train), len(val)) == (5, 3) and train.classes == ["ants", "bees"]
    assert (cache(isolated) / "hymenoptera_data.zip").read_bytes() == content
    assert sorted(p.name for p in cache(isolated).iterdir()) == ["hymenoptera_data", "hymenoptera_data.zip"]


def test_hymenoptera_archive_that_is_no_zip_is_reported(monkeypatch, isolated, server):
    folder, url = server
    (folder / "hymenoptera_data.zip").write_bytes(b"<html>not found</html>")
    monkeypatch.setattr(data, "HYMENOPTERA_URL", url + "hymenoptera_data.zip")
    monkeypatch.setattr(data, "HYMENOPTERA_MD5", None)  # not verified: the extraction catches it
    with pytest.raises(data.DatasetCorrupted, match="could not be extracted"):
        data.hymenoptera()
    assert not (cache(isolated) / "hymenoptera_data").exists()


# ----------------------------------------------------------------------------
# subset and loaders
# ----------------------------------------------------------------------------

def test_subset_sizes_and_seeding():
    ds = data.synthetic_images(50, num_classes=2, size=8, seed=0)
    assert data.subset(ds, None) is ds and data.subset(ds, 80) is ds
    part = data.subset(ds, 10, seed=3)
    assert isinstance(part, data.ImageTensors) and len(part) == 10
    again = data.subset(ds, 10, seed=3)
    assert torch.equal(again.images, part.images) and torch.equal(again.targets, part.targets)
    assert not torch.equal(data.subset(ds, 10, seed=4).images, part.images)
    # in dataset order: the chosen rows appear in the same order as in ds
    rows = [next(i for i in range(50) if torch.equal(ds.images[i], image)) for image in part.images]
    assert rows == sorted(set(rows))
    for bad in (-1, 2.5, "10"):
        with pytest.raises(ValueError):
            data.subset(ds, bad)


def test_split_holds_out_n_items_seeded_disjoint_and_in_order():
    ds = data.synthetic_images(40, num_classes=4, size=8, seed=0)
    ds.targets = torch.arange(40)          # each item recognisable by its label
    rest, held = data.split(ds, 12, seed=5)
    assert isinstance(held, data.ImageTensors) and (len(rest), len(held)) == (28, 12)
    assert sorted(rest.targets.tolist() + held.targets.tolist()) == list(range(40))
    assert held.targets.tolist() == sorted(held.targets.tolist())
    assert torch.equal(data.split(ds, 12, seed=5)[1].targets, held.targets)
    assert not torch.equal(data.split(ds, 12, seed=6)[1].targets, held.targets)
    assert len(data.split(ds, 0)[1]) == 0 and len(data.split(ds, 40)[0]) == 0
    for bad in (-1, 41, 2.5, True):
        with pytest.raises(ValueError, match="split"):
            data.split(ds, bad)


def test_loaders_with_a_validation_set_drawn_from_the_training_split(monkeypatch, capsys):
    monkeypatch.setenv("COURSE_SCALE", "full")
    train, val, test = data.loaders("mnist", batch_size=50, validation_size=300, augment=torch.zeros_like)
    assert len(capsys.readouterr().out.splitlines()) == 1   # the stand-in, announced once
    assert (len(train.dataset), len(val.dataset), len(test.dataset)) == (1438 - 300, 300, 359)
    whole = data.digits(train=True)
    rows = {bytes(image.numpy()): i for i, image in enumerate(whole.images)}
    in_train = {rows[bytes(image.numpy())] for image in train.dataset.images}
    in_val = {rows[bytes(image.numpy())] for image in val.dataset.images}
    assert not in_train & in_val and len(in_train | in_val) == 1438
    # the validation loader keeps its order and is never augmented, as the test loader
    labels = torch.cat([y for _, y in val])
    assert torch.equal(labels, torch.cat([y for _, y in val])) and torch.equal(labels, val.dataset.targets)
    x, _ = next(iter(val))
    assert x.std() > 0.5 and not val.shuffle and val.augment is None
    # the same seed, the same validation set; without validation_size, two loaders as before
    _, again, _ = data.loaders("mnist", validation_size=300)
    assert torch.equal(again.dataset.images, val.dataset.images)
    assert len(data.loaders("mnist")) == 2


def test_the_fast_scale_subsets_training_after_holding_out_validation(monkeypatch, large_fakes):
    monkeypatch.setenv("COURSE_SCALE", "fast")
    train, val, test = data.loaders("mnist", validation_size=500)
    assert (len(train.dataset), len(val.dataset), len(test.dataset)) == (2_000, 500, 500)


@pytest.fixture
def large_fakes(monkeypatch):
    """Datasets as large as the real ones' fast sizes need, without files."""
    def fake(n_train, n_test, channels, size):
        def make(name, train=True):
            n = n_train if train else n_test
            images = torch.zeros(1, channels, size, size, dtype=torch.uint8).expand(n, -1, -1, -1)
            return data.ImageTensors(images, torch.arange(n) % 10, list("0123456789"))
        return make
    fakes = {"mnist": fake(15_000, 3_000, 1, 28), "cifar10": fake(6_000, 1_500, 3, 32),
             "hymenoptera": fake(300, 200, 3, 8)}
    monkeypatch.setattr(data, "_real_tensors", lambda name, train: fakes[name](name, train))


@pytest.mark.parametrize("name, full", [
    ("mnist", (15_000, 3_000)), ("cifar10", (6_000, 1_500)), ("hymenoptera", (300, 200)),
])
def test_loader_sizes_follow_the_scale(monkeypatch, large_fakes, name, full):
    monkeypatch.setenv("COURSE_SCALE", "fast")
    train, test = data.loaders(name)
    fast = tuple(f if f is not None else n for f, n in zip(data.FAST_SIZES[name], full))
    assert (len(train.dataset), len(test.dataset)) == fast
    monkeypatch.setenv("COURSE_SCALE", "full")
    train, test = data.loaders(name)
    assert (len(train.dataset), len(test.dataset)) == full
    train, test = data.loaders(name, train_size=7, test_size=3)
    assert (len(train.dataset), len(test.dataset)) == (7, 3)


def test_fast_sizes_are_small_enough_to_check_code_in_seconds():
    for name, sizes in data.FAST_SIZES.items():
        assert all(n is None or n <= 2_000 for n in sizes), name


def test_loaders_shuffle_with_the_seed_and_keep_test_order(capsys):
    train, test = data.loaders("mnist", batch_size=32)
    again, _ = data.loaders("mnist", batch_size=32)
    other, _ = data.loaders("mnist", batch_size=32, seed=1)
    assert len(capsys.readouterr().out.splitlines()) == 3  # one line per call, not per split
    x, y = next(iter(train))
    x_again, y_again = next(iter(again))
    assert x.shape == (32, 1, 28, 28) and x.dtype == torch.float32
    assert y.shape == (32,) and y.dtype == torch.int64
    assert torch.equal(x, x_again) and torch.equal(y, y_again)
    assert not torch.equal(y, next(iter(other))[1])
    assert x.min() < -0.4 and x.max() > 2.7  # MNIST's normalisation by default
    test_labels = torch.cat([labels for _, labels in test])
    assert test_labels.tolist() == data.digits(train=False).targets.tolist()
    epoch_1 = torch.cat([labels for _, labels in train])
    epoch_2 = torch.cat([labels for _, labels in train])
    assert sorted(epoch_1.tolist()) == sorted(data.digits(train=True).targets.tolist())
    assert epoch_1.tolist() != data.digits(train=True).targets.tolist()  # shuffled
    assert epoch_1.tolist() != epoch_2.tolist()                          # anew every epoch
    assert len(train) == math.ceil(1438 / 32) and len(test) == math.ceil(359 / 32)
    assert [len(labels) for _, labels in test][-1] == 359 - 32 * (len(test) - 1)


def test_loaders_augment_the_training_batches_only():
    calls = []

    def mark(x):  # a batch in [0, 1], before normalisation
        calls.append(tuple(x.shape))
        assert 0.0 <= x.min() and x.max() <= 1.0
        return torch.ones_like(x)

    train, test = data.loaders("cifar10", batch_size=50, train_size=100, test_size=20, augment=mark)
    x, _ = next(iter(train))
    mean, std = data.NORMALIZATION["cifar10"].mean, data.NORMALIZATION["cifar10"].std
    assert calls == [(50, 3, 32, 32)]
    assert torch.allclose(x[:, 0], torch.full_like(x[:, 0], (1 - mean[0]) / std[0]))
    for _ in test:
        pass
    assert len(calls) == 1


def test_loaders_place_the_data_on_the_device_asked_for():
    train, test = data.loaders("mnist", train_size=64, test_size=64, device="cpu")
    assert train.dataset.images.device.type == "cpu"
    x, y = next(iter(train))
    assert x.device.type == "cpu" and y.device.type == "cpu"


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_loaders_keep_a_whole_set_on_the_gpu():
    train, _ = data.loaders("mnist", device="cuda")
    assert train.dataset.images.is_cuda
    x, y = next(iter(train))
    assert x.is_cuda and y.is_cuda


def test_tensor_loader_refuses_bad_arguments():
    digits = data.digits(train=False)
    for bad in (0, -3, 2.5, True):
        with pytest.raises(ValueError, match="batch_size"):
            data.TensorLoader(digits, batch_size=bad)
    with pytest.raises(ValueError, match="empty"):
        data.TensorLoader(data.subset(digits, 0), batch_size=4)


def test_loaders_on_the_real_download_path(monkeypatch, isolated, server, capsys):
    files, arrays = small_mnist(n_train=6, n_test=4)
    serve(monkeypatch, server, files)
    train, test = data.loaders("mnist", batch_size=4)
    assert capsys.readouterr().out == ""
    x, _ = next(iter(test))
    expected = (torch.from_numpy(arrays["test_images"]).float() / 255 - 0.1307) / 0.3081
    assert torch.allclose(x[:, 0], expected, atol=1e-5)
    assert sorted(torch.cat([y for _, y in train]).tolist()) == sorted(arrays["train_labels"].tolist())


def test_cifar10_download_is_served_as_tensors(monkeypatch, isolated, server):
    batches = cifar10_archive(monkeypatch, server)
    train = data.tensors("cifar10")
    assert train.images.shape == (5, 3, 32, 32) and train.images.dtype == torch.uint8
    expected = torch.from_numpy(batches["data_batch_1"]["data"]).reshape(5, 3, 32, 32)
    assert torch.equal(train.images, expected) and train.targets.tolist() == [0, 9, 3, 3, 1]
    assert not (cache(isolated) / "tensors").exists()  # raw pixels already: nothing to decode


def test_image_folders_are_decoded_once_and_cached(monkeypatch, isolated, capsys):
    truck = cifar10_folders(isolated / "data")
    monkeypatch.setenv("COURSE_DATA", str(isolated / "data"))
    test = data.tensors("cifar10", train=False)
    # the bar's place keeps a line that says what was done (in a notebook, as in tests/test_training.py)
    assert capsys.readouterr().out.startswith("decoded 20 cifar10-test photos once")
    assert test.images.shape == (20, 3, 32, 32) and test.classes == CIFAR10_CLASSES
    assert torch.equal(test.images[-1], torch.from_numpy(truck).permute(2, 0, 1))
    assert test.targets.tolist() == [k for k in range(10) for _ in range(2)]
    cached = sorted((cache(isolated) / "tensors").iterdir())
    assert [p.name.rsplit("-", 1)[0] for p in cached] == ["cifar10-test"]

    def no_decoding(*args):
        raise AssertionError("decoded again although the cache holds it")
    with monkeypatch.context() as patched:
        patched.setattr(data, "_decode_photo", no_decoding)
        again = data.tensors("cifar10", train=False)
    assert torch.equal(again.images, test.images) and torch.equal(again.targets, test.targets)
    assert "decoded" not in capsys.readouterr().out

    # a changed source file is a new source: decoded again, under a new checksum
    changed = np.zeros((32, 32, 3), np.uint8)
    write_image(isolated / "data" / "cifar10" / "test" / "truck" / "1.png", changed)
    newer = data.tensors("cifar10", train=False)
    assert torch.equal(newer.images[-1], torch.zeros(3, 32, 32, dtype=torch.uint8))
    assert len(list((cache(isolated) / "tensors").iterdir())) == 2


def test_a_damaged_cache_file_is_decoded_again(monkeypatch, isolated):
    cifar10_folders(isolated / "data")
    monkeypatch.setenv("COURSE_DATA", str(isolated / "data"))
    first = data.tensors("cifar10", train=False)
    (cached,) = (cache(isolated) / "tensors").iterdir()
    cached.write_bytes(b"not a tensor file")
    again = data.tensors("cifar10", train=False)
    assert torch.equal(again.images, first.images)


def test_photos_are_decoded_to_one_size(monkeypatch, isolated):
    ants_and_bees(isolated / "data", COUNTS)
    monkeypatch.setenv("COURSE_DATA", str(isolated / "data"))
    train = data.tensors("hymenoptera")
    assert train.images.shape == (5, 3, data.PHOTO_CROP, data.PHOTO_CROP)
    assert train.targets.tolist() == [0, 0, 0, 1, 1] and train.classes == ["ants", "bees"]
    assert train.normalization == data.NORMALIZATION["hymenoptera"]


# ----------------------------------------------------------------------------
# Folders, and nothing on import
# ----------------------------------------------------------------------------

def test_cache_dir_follows_xdg_and_defaults_to_home(monkeypatch, tmp_path):
    assert data.cache_dir() == tmp_path / "xdg" / "cnn-course" and data.cache_dir().is_dir()
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert data.cache_dir() == tmp_path / "home" / ".cache" / "cnn-course"


def test_data_dir_reads_course_data(monkeypatch, tmp_path):
    assert data.DATA_VARIABLE == "COURSE_DATA" and data.data_dir() is None
    monkeypatch.setenv("COURSE_DATA", str(tmp_path))
    assert data.data_dir() == tmp_path


def test_importing_does_nothing(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path / "home"), XDG_CACHE_HOME=str(tmp_path / "xdg"),
               COURSE_DATA=str(tmp_path / "data"))
    subprocess.run([sys.executable, "-c", "import helpers.data"], env=env, check=True,
                   cwd=Path(__file__).resolve().parents[1])
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home" / ".cache" / "cnn-course").exists()
    assert not (tmp_path / "data").exists()


# ----------------------------------------------------------------------------
# The real datasets, from ../shared/data when this machine has it
# ----------------------------------------------------------------------------

needs_shared_data = pytest.mark.skipif(
    not SHARED_DATA.is_dir(),
    reason=f"the real datasets are not on this machine ({SHARED_DATA} is absent)")


@pytest.fixture
def shared_data(monkeypatch):
    monkeypatch.setenv("COURSE_DATA", str(SHARED_DATA))
    before = sorted(p.name for p in (SHARED_DATA / "MNIST" / "raw").iterdir())
    yield SHARED_DATA
    assert sorted(p.name for p in (SHARED_DATA / "MNIST" / "raw").iterdir()) == before


@needs_shared_data
def test_real_mnist(shared_data, isolated):
    train, test = data.mnist(train=True), data.mnist(train=False)
    assert (len(train), len(test)) == (60_000, 10_000)
    assert int(train.targets[0]) == 5
    assert (cache(isolated) / "MNIST" / "raw" / "train-images-idx3-ubyte").is_file()


@needs_shared_data
def test_real_fashion_mnist(shared_data):
    fashion = data.fashion_mnist(train=False)
    assert len(fashion) == 10_000 and fashion.classes[0] == "T-shirt/top"


@needs_shared_data
def test_real_cifar10_test_split(shared_data):
    test = data.cifar10(train=False)
    assert len(test) == 10_000 and test.classes == CIFAR10_CLASSES
    assert test.classes[0] == "airplane" and test.classes[-1] == "truck"


@needs_shared_data
def test_the_content_checksum_was_measured_on_the_real_ants_and_bees(shared_data):
    assert data.content_sha256(shared_data / "hymenoptera_data") == data.HYMENOPTERA_CONTENT_SHA256


@needs_shared_data
def test_real_hymenoptera(shared_data):
    assert len(data.hymenoptera(train=True)) == 244
    assert len(data.hymenoptera(train=False)) == 153


@needs_shared_data
def test_real_sets_in_memory(shared_data):
    mnist = data.tensors("mnist")
    assert mnist.images.shape == (60_000, 1, 28, 28) and mnist.images.dtype == torch.uint8
    assert int(mnist.targets[0]) == 5
    cifar = data.tensors("cifar10", train=False)
    assert cifar.images.shape == (10_000, 3, 32, 32) and cifar.classes == CIFAR10_CLASSES
    assert torch.bincount(cifar.targets).tolist() == [1_000] * 10
