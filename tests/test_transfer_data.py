"""Unit tests for what notebook 06 added to helpers/data.py: batches normalised as a pretrained
network wants (``normalization=``) and photos resized once (``image_size=``, ``ImageTensors.resized``)."""

import pytest
import torch

from helpers import data


@pytest.fixture(autouse=True)
def stand_ins(monkeypatch, tmp_path):
    """The synthetic stand-in of the ants/bees set: no COURSE_DATA, no network, a cache in tmp."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("COURSE_DATA", raising=False)
    monkeypatch.delenv("COURSE_SCALE", raising=False)
    monkeypatch.setattr(data, "HYMENOPTERA_URL", (tmp_path / "no-network").as_uri() + "/hymenoptera_data.zip")


LITE0 = data.Normalization((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))


def test_loaders_normalise_with_the_normalization_given(capsys):
    train, test = data.loaders("hymenoptera", batch_size=8, train_size=16, test_size=8, normalization=LITE0)
    assert "synthetic" in capsys.readouterr().out            # the stand-in, announced
    for loader in (train, test):
        assert loader.dataset.normalization == LITE0
        x, _ = next(iter(loader))
        images = loader.dataset.images[:len(x)].float() / 255 if loader is test else None
        assert x.min() >= -1.0 and x.max() <= 1.0            # mean 0.5, std 0.5: pixels in [-1, 1]
        if images is not None:
            torch.testing.assert_close(x, images * 2 - 1)
    # without it, the dataset's own (ImageNet's for the ants/bees set)
    plain, _ = data.loaders("hymenoptera", batch_size=8, train_size=16, test_size=8)
    assert plain.dataset.normalization == data.NORMALIZATION["hymenoptera"]


def test_loaders_resize_every_split_once(capsys):
    train, val, test = data.loaders("hymenoptera", batch_size=4, train_size=8, test_size=4, validation_size=4,
                                    image_size=32)
    for loader in (train, val, test):
        assert loader.dataset.images.shape[1:] == (3, 32, 32) and loader.dataset.images.dtype == torch.uint8
        assert loader.dataset.normalization == data.NORMALIZATION["hymenoptera"]
        x, _ = next(iter(loader))
        assert x.shape[1:] == (3, 32, 32)


def test_resized_keeps_labels_and_averages_pixels():
    images = torch.zeros(2, 3, 8, 8, dtype=torch.uint8)
    images[:, :, :, 4:] = 200                                 # left half black, right half 200
    dataset = data.ImageTensors(images, torch.tensor([1, 0]), ["a", "b"])
    small = dataset.resized(2, LITE0)
    assert small.images.shape == (2, 3, 2, 2) and small.images.dtype == torch.uint8
    assert (small.images[..., 0] < 50).all() and (small.images[..., 1] > 150).all()   # dark left, bright right
    assert abs(small.images.float().mean() - 100) < 1                                # the mean kept
    assert torch.equal(small.targets, dataset.targets) and small.classes == ["a", "b"]
    assert small.normalization == LITE0 and dataset.normalization is None   # the original is unchanged
    assert dataset.resized().images is dataset.images                     # nothing asked, nothing done


@pytest.mark.parametrize("size, normalization, says", [
    (0, None, "whole number of pixels"), (2.5, None, "whole number of pixels"),
    (None, ((0.5,), (0.5,)), "data.Normalization"),
])
def test_resized_refuses_what_it_cannot_use(size, normalization, says):
    dataset = data.ImageTensors(torch.zeros(1, 3, 4, 4, dtype=torch.uint8), torch.tensor([0]), ["a"])
    with pytest.raises(ValueError, match=says):
        dataset.resized(size, normalization)
