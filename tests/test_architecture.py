"""helpers.architecture (layer specs, what PyTorch measures, torchvision's metadata) and the checks
that notebook 04 added to helpers.checks (exact answers with named mistakes, tables of rows, and the
library functions its "by hand" exercises must not call)."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torchvision import models
from torchvision.transforms.v2 import functional as TF

from helpers import architecture, checks

ALEXNET = [("conv", 64, 11, 4, 2), ("pool", 3, 2), ("conv", 192, 5, 1, 2), ("pool", 3, 2),
           ("conv", 384, 3, 1, 1), ("conv", 256, 3, 1, 1), ("conv", 256, 3, 1, 1), ("pool", 3, 2),
           ("flatten",), ("linear", 4096), ("linear", 4096), ("linear", 1000)]


def test_measure_gives_torchvisions_alexnet_layer_by_layer():
    rows = architecture.measure(architecture.as_layers(ALEXNET, (3, 224, 224)), (3, 224, 224))
    assert [shape for shape, _, _ in rows][:3] == [(64, 55, 55), (64, 27, 27), (192, 27, 27)]
    assert rows[8] == ((9216,), 0, 0)
    assert sum(params for _, params, _ in rows) == 61_100_840
    assert sum(macs for _, _, macs in rows) == 714_188_480       # torchvision's 0.714 GFLOPS
    assert rows[0][1:] == (23_296, 64 * 55 * 55 * 11 * 11 * 3)


def test_as_layers_on_the_cpu_computes():
    layers = architecture.as_layers([("conv", 4, 3, 1, 1), ("pool", 2, 2), ("flatten",), ("linear", 5)],
                                    (2, 6, 6), device="cpu")
    x = torch.randn(2, 6, 6)
    for layer in layers:
        x = layer(x)
    assert x.shape == (5,)


@pytest.mark.parametrize("specs, words", [
    ([("relu",)], "'relu' is not a layer kind"),
    (["conv"], "is not a layer kind"),
    ([("conv", 8, 3)], "takes 4 setting(s)"),
    ([("conv", 8, 3, 0, 1)], "stride must be a whole number (at least 1)"),
    ([("conv", 8, 3.0, 1, 1)], "kernel_size must be a whole number"),
    ([("linear", 10)], "put ('flatten',) before the first linear layer"),
    ([("flatten",), ("pool", 2, 2)], "put convolutions and pooling before the flatten"),
    ([("conv", 8, 11, 4, 0)], "does not fit"),
])
def test_a_spec_that_cannot_be_used_says_what_to_fix(specs, words):
    with pytest.raises(architecture.SpecError) as error:
        architecture.as_layers(specs, (3, 8, 8))
    assert words in str(error.value)


@pytest.mark.parametrize("shape", [(1, 3, 32, 32), (3, 32), (3, 0, 32), "3x32x32", (3, 32.0, 32)])
def test_an_input_shape_that_is_not_one_image_says_what_to_fix(shape):
    with pytest.raises(architecture.SpecError, match=r"\(C, H, W\)"):
        architecture.check_input_shape(shape)


def test_torchvision_models_read_the_weights_metadata():
    zoo = {m["name"]: m for m in architecture.torchvision_models()}
    assert len(zoo) >= 70
    assert zoo["alexnet"] == {"name": "alexnet", "params": 61_100_840, "gflops": 0.714, "acc1": 56.522}
    assert zoo["vgg16"]["params"] == 138_357_544 and zoo["vgg16"]["gflops"] == 15.47


def test_check_exact_names_a_known_mistake():
    checks.check_exact(34_944, 34_944, name="conv1's parameters")
    with pytest.raises(checks.CheckFailed) as failure:
        checks.check_exact(34_848, 34_944, name="conv1's parameters", mistakes={"no biases.": 34_848, "other": 1})
    assert "-96 from the right one, which is what this mistake gives: no biases." in str(failure.value)
    assert str(failure.value).splitlines()[0] == "conv1's parameters is 34848, which is not right."
    with pytest.raises(checks.CheckFailed) as failure:
        checks.check_exact(["a"], ["a", "b"], name="the front", mistakes={"no biases.": ["b"]})
    assert "mistake" not in str(failure.value)
    # two mistakes of the same size: a count cannot tell them apart, so both are named
    with pytest.raises(checks.CheckFailed) as failure:
        checks.check_exact(190, 192, name="the block's parameters",
                           mistakes={"LayerNorm without its scale and shift.": 190, "no layer scale.": 191,
                                     "the depthwise bias and the layer scale left out.": 190})
    message = str(failure.value)
    assert "-2 from the right one, which is what each of these mistakes gives: LayerNorm without its scale " \
           "and shift. Or: the depthwise bias and the layer scale left out." in message
    assert "no layer scale" not in message


def test_check_rows_names_the_first_row_that_differs():
    want = [((2, 3), 4, 5), ((6,), 0, 0)]
    checks.check_rows([((2, 3), 4, 5), [(6,), 0, 0]], want, ["conv", "flatten"], "rows")
    with pytest.raises(checks.CheckFailed, match="the row of flatten"):
        checks.check_rows([((2, 3), 4, 5), ((6,), 1, 0)], want, ["conv", "flatten"], "rows")
    with pytest.raises(checks.CheckFailed, match="the parameters of flatten is 1"):
        checks.check_rows([((2, 3), 4, 5), ((6,), 1, 0)], want, ["conv", "flatten"], "rows",
                          fields=("output shape", "parameters", "multiply-adds"))
    with pytest.raises(checks.CheckFailed, match="has 1 rows, but 2 are expected"):
        checks.check_rows([((2, 3), 4, 5)], want, ["conv", "flatten"], "rows")
    with pytest.raises(checks.CheckFailed, match="returned None"):
        checks.check_rows(None, want, ["conv", "flatten"], "rows")


def _uses(fn, pattern, *args):
    return checks.calls_matching(fn, args, {}, pattern)[1]


def test_the_by_hand_patterns_catch_the_library_and_spare_the_by_hand_versions():
    x = torch.rand(2, 3, 5, 6)
    assert _uses(F.dropout, checks.DROPOUT, x, 0.5)
    assert _uses(nn.Dropout(0.5), checks.DROPOUT, x)
    assert not _uses(lambda t: t * (torch.rand(t.shape) >= 0.5) / 0.5, checks.DROPOUT, x)
    assert _uses(lambda t: F.pad(t, (1, 1, 1, 1)), checks.CROP, x)
    assert _uses(lambda t: TF.crop(t, 0, 0, 3, 3), checks.CROP, x)
    assert not _uses(lambda t: t[..., 1:4, 2:5].clone(), checks.CROP, x)
    assert _uses(lambda t: t.flip(-1), checks.FLIP, x)
    assert _uses(TF.horizontal_flip, checks.FLIP, x)
    assert not _uses(lambda t: t[..., torch.arange(5, -1, -1)], checks.FLIP, x)


def test_vgg16_on_the_meta_device_counts_without_memory():
    with torch.device("meta"):
        model = models.vgg16()
    assert sum(p.numel() for p in model.parameters()) == 138_357_544
    assert all(p.device.type == "meta" for p in model.parameters())


def walk(specs, input_shape, next_shape):
    """A layer_arithmetic's walk through ``specs``, the running shape set by ``next_shape(kind, settings,
    shape)``: what check_spec says, or None."""
    shape = architecture.check_input_shape(input_shape)
    try:
        for spec in specs:
            kind, settings = architecture.check_spec(spec, shape)
            shape = next_shape(kind, settings, shape)
    except architecture.SpecError as error:
        return str(error)
    return None


SMALL = [("conv", 4, 7, 2, 3), ("pool", 4, 2), ("flatten",), ("linear", 5)]


def test_a_running_shape_never_updated_is_named_not_a_missing_flatten():
    said = walk(SMALL, (2, 15, 22), lambda kind, settings, shape: shape)
    assert "the running shape is not updated after each layer" in said
    assert "put ('flatten',)" not in said


def test_a_wrong_shape_before_a_spec_that_fits_is_named_not_the_spec():
    # a convolution whose size shrinks to 2x2: the pooling's 4x4 window fits the true 8x11
    said = walk(SMALL, (2, 15, 22), lambda kind, settings, shape: (settings[0], 2, 2) if kind == "conv" else shape)
    assert "not (4, 8, 11)" in said and "the shape computed for a layer before" in said
    assert "shrinks the image too fast" not in said


def test_a_spec_that_cannot_follow_the_true_shape_either_is_named():
    said = walk([("conv", 4, 3, 1, 1), ("linear", 5)], (2, 6, 6), lambda kind, settings, shape: shape)
    assert "put ('flatten',) before the first linear layer" in said


def test_a_shape_that_is_not_a_tuple_is_named():
    said = walk(SMALL[2:], (2, 3, 4), lambda kind, settings, shape: 24 if kind == "flatten" else shape)
    assert "which is not a tuple" in said
