"""Unit tests for helpers/augment.py: batch augmentation with parameters drawn per image,
checked against torchvision.transforms.v2.functional with the same parameters."""

import pytest
import torch
from torch import nn
from torchvision.transforms import v2
from torchvision.transforms.v2 import functional as TF

from helpers import augment


def offsets_of(crops, images, size, padding):
    """For each crop, the (top, left) at which it was cut from its padded image (None if none fits)."""
    found = []
    for crop, image in zip(crops, images):
        padded = TF.pad(image, [padding])
        span = padded.shape[-1] - size + 1
        where = [(top, left) for top in range(span) for left in range(span)
                 if torch.equal(crop, TF.crop(padded, top, left, size, size))]
        found.append(where[0] if where else None)
    return found


def test_random_crop_cuts_each_image_at_its_own_place():
    torch.manual_seed(0)
    images = torch.rand(64, 3, 8, 8)
    crops = augment.RandomCrop(8, padding=2)(images)
    assert crops.shape == (64, 3, 8, 8)
    offsets = offsets_of(crops, images, 8, 2)
    assert None not in offsets, "every crop is v2's crop of the padded image at some offset"
    assert len(set(offsets)) > 10, "offsets are drawn per image, not once per batch"
    assert {0, 4} <= {top for top, _ in offsets}, "the extreme offsets can be drawn"


def test_random_crop_to_a_smaller_size_and_fill():
    torch.manual_seed(1)
    images = torch.rand(16, 1, 6, 6)
    crops = augment.RandomCrop(4)(images)
    assert crops.shape == (16, 1, 4, 4) and None not in offsets_of(crops, images, 4, 0)
    filled = augment.RandomCrop(6, padding=6, fill=0.5)(torch.zeros(8, 1, 6, 6))
    assert set(filled.unique().tolist()) <= {0.0, 0.5}


def test_random_crop_is_repeatable_with_the_seed():
    images = torch.rand(8, 3, 8, 8)
    torch.manual_seed(3)
    first = augment.RandomCrop(8, 4)(images)
    torch.manual_seed(3)
    assert torch.equal(first, augment.RandomCrop(8, 4)(images))


def test_flip_mirrors_each_image_independently():
    torch.manual_seed(0)
    images = torch.rand(200, 3, 5, 5)
    out = augment.RandomHorizontalFlip()(images)
    flipped = [torch.equal(o, TF.horizontal_flip(x)) for o, x in zip(out, images)]
    kept = [torch.equal(o, x) for o, x in zip(out, images)]
    assert all(f or k for f, k in zip(flipped, kept))
    assert 70 < sum(flipped) < 130
    assert torch.equal(augment.RandomHorizontalFlip(p=0.0)(images), images)
    assert torch.equal(augment.RandomHorizontalFlip(p=1.0)(images), images.flip(-1))


def test_each_image_draws_its_own_parameters_for_any_v2_transform():
    torch.manual_seed(0)
    images = torch.rand(32, 3, 8, 8)
    per_image = augment.EachImage(v2.RandomCrop(8, padding=2))(images)
    assert len(set(offsets_of(per_image, images, 8, 2))) > 5
    whole_batch = v2.RandomCrop(8, padding=2)(images)   # why EachImage exists
    assert len(set(offsets_of(whole_batch, images, 8, 2))) == 1


def test_standard_is_crop_then_flip():
    pipeline = augment.standard(32)
    assert isinstance(pipeline, nn.Sequential)
    assert [type(m) for m in pipeline] == [augment.RandomCrop, augment.RandomHorizontalFlip]
    assert pipeline[0].padding == 4 and pipeline(torch.rand(4, 3, 32, 32)).shape == (4, 3, 32, 32)


def test_batches_on_another_device_stay_there():
    images = torch.rand(4, 3, 8, 8, device="meta")
    assert augment.RandomHorizontalFlip()(images).device.type == "meta"


def test_bad_input_says_what_to_fix():
    with pytest.raises(ValueError, match=r"batch of images \(B, C, H, W\).*x\[None\]"):
        augment.RandomCrop(4, 1)(torch.rand(3, 8, 8))
    with pytest.raises(ValueError, match="cannot cut 12x12 out of 8x8 images padded by 1"):
        augment.RandomCrop(12, 1)(torch.rand(2, 3, 8, 8))
    with pytest.raises(ValueError, match="got list"):
        augment.RandomHorizontalFlip()([1, 2])
