"""helpers.residual (the 6n+2 CIFAR networks, input checks, seeded weights, torchvision's reference
blocks) and the checks that notebook 05 added to helpers.checks (the library batch norm and
residual blocks its exercises must not use, a strict load that names what does not fit)."""

import re

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torchvision import models

from helpers import checks, residual


@pytest.mark.parametrize("depth, blocks, parameters", [(20, 3, 269_722), (56, 9, 853_018)])
def test_cifar_net_has_6n_plus_2_layers_with_weights(depth, blocks, parameters):
    model = residual.cifar_net(depth, residual.PlainBlock)
    weighted = [m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    assert len(weighted) == depth
    assert sum(isinstance(m, residual.PlainBlock) for m in model) == 3 * blocks
    assert sum(p.numel() for p in model.parameters()) == parameters
    assert model(torch.randn(2, 3, 32, 32)).shape == (2, 10)
    # the second and third stages halve the image: 32 -> 16 -> 8 before the pooling
    assert model[:-3](torch.randn(1, 3, 32, 32)).shape == (1, 64, 8, 8)


def test_cifar_net_with_a_residual_block_uses_its_shortcut():
    model = residual.cifar_net(8, lambda c_in, c_out, stride: residual.reference_block(c_in, c_out, stride))
    assert sum(isinstance(m, models.resnet.BasicBlock) for m in model) == 3
    assert sum(1 for name, _ in model.named_modules() if name.endswith("downsample")) == 2    # stages 2 and 3


@pytest.mark.parametrize("depth", [7, 21, 0, 20.0, True, "20"])
def test_cifar_net_names_the_depths_that_exist(depth):
    with pytest.raises(residual.ShapeError, match="6n \\+ 2"):
        residual.cifar_net(depth, residual.PlainBlock)


@pytest.mark.parametrize("x, training, words", [
    (torch.randn(3, 32, 32), False, "add a batch dimension"),
    (torch.randn(2, 4, 5, 5), False, "made for 3 channels, but its input has 4"),
    (torch.zeros(2, 3, 5, 5, dtype=torch.long), False, "x.float()"),
    ([1, 2, 3], False, "takes a tensor"),
    (torch.randn(1, 3, 1, 1), True, "more than one value per channel"),
])
def test_check_feature_maps_says_what_to_fix(x, training, words):
    with pytest.raises(residual.ShapeError, match=re.escape(words)):
        residual.check_feature_maps(x, 3, "BatchNorm", training=training)
    residual.check_feature_maps(torch.randn(1, 3, 1, 1), 3, "BatchNorm", training=False)   # one value: fine in eval


def test_seeded_state_is_repeatable_fits_torchvision_and_keeps_deep_outputs_finite():
    with torch.device("meta"):
        shapes = models.resnet18(num_classes=7)
    first, second = residual.seeded_state(shapes, 3), residual.seeded_state(shapes, 3)
    assert list(first) == list(models.resnet18(num_classes=7).state_dict())
    assert all(torch.equal(first[k], second[k]) for k in first)
    assert not torch.equal(first["conv1.weight"], residual.seeded_state(shapes, 4)["conv1.weight"])
    assert (first["bn1.running_var"] > 0.4).all()
    model = models.resnet18(num_classes=7)
    model.load_state_dict(first)
    with torch.no_grad():
        y = model.eval()(torch.randn(2, 3, 64, 64))
    assert torch.isfinite(y).all() and y.abs().max() < 1e4


def test_reference_block_projects_exactly_when_the_shape_changes():
    assert residual.reference_block(8, 8, 1).downsample is None
    assert residual.reference_block(8, 16, 1).downsample is not None
    assert residual.reference_block(8, 8, 2).downsample is not None
    block = residual.reference_block(4, 8, 2, seed=1)
    assert not block.training and block(torch.randn(2, 4, 6, 6)).shape == (2, 8, 3, 3)


def test_load_batch_norm_fills_both_kinds():
    state = {"weight": torch.tensor([2.0, 3.0]), "bias": torch.tensor([1.0, -1.0]),
             "running_mean": torch.tensor([0.5, 0.0]), "running_var": torch.tensor([4.0, 1.0])}
    layer = residual.load_batch_norm(nn.BatchNorm2d(2), state).eval()
    x = torch.ones(1, 2, 1, 1)
    want = state["weight"] * (1 - state["running_mean"]) / torch.sqrt(state["running_var"] + 1e-5) + state["bias"]
    assert torch.allclose(layer(x).flatten(), want)


def test_cached_weights_file_downloads_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path))
    assert residual.cached_weights_file(models.ResNet18_Weights.DEFAULT) is None
    (tmp_path / "checkpoints").mkdir()
    name = models.ResNet18_Weights.DEFAULT.url.rsplit("/", 1)[-1]
    (tmp_path / "checkpoints" / name).write_bytes(b"")
    assert residual.cached_weights_file(models.ResNet18_Weights.DEFAULT) == str(tmp_path / "checkpoints" / name)


def test_counting_references_are_torchvisions_modules():
    block = residual.mobilenet_block(40, 120, 40, 5, 32, device="meta")
    assert sum(p.numel() for p in block.parameters()) == 20_992
    assert type(block).__name__ == "InvertedResidual"
    assert sum(p.numel() for p in residual.mobilenet_block(16, 16, 16, 3, device="meta").parameters()) == 464
    dense = residual.dense_block(64, 32, 6)
    assert dense(torch.zeros(1, 64, 4, 4)).shape[1] == 64 + 6 * 32


def test_batch_norm_pattern_catches_the_library_at_run_time():
    x = torch.randn(4, 3, 5, 5)
    _, used = checks.calls_matching(nn.BatchNorm2d(3), (x,), {}, checks.BATCH_NORM)
    assert used and all("batch_norm" in name for name in used)
    _, used = checks.calls_matching(lambda t: F.batch_norm(t, None, None, training=True), (x,), {}, checks.BATCH_NORM)
    assert used
    _, used = checks.calls_matching(lambda t: (t - t.mean()) / t.std(), (x,), {}, checks.BATCH_NORM)
    assert used == []
    for name in ("BatchNorm2d", "batch_norm", "native_batch_norm", "SyncBatchNorm"):
        assert checks.BATCH_NORM.match(name)


def test_resnet_blocks_pattern_and_library_modules():
    for name in ("BasicBlock", "Bottleneck", "resnet18", "resnet50", "ResNet", "resnext50_32x4d"):
        assert checks.RESNET_BLOCKS.match(name)
    for name in ("BatchNorm2d", "Conv2d", "ResNet18", "make_stage"):
        assert not checks.RESNET_BLOCKS.match(name)
    assert checks.library_modules(residual.cifar_net(8, residual.PlainBlock)) == []
    assert checks.library_modules(residual.reference_block(4, 4)) == ["torchvision.models.resnet.BasicBlock"]


def test_check_loads_names_what_does_not_fit(capsys):
    reference = residual.reference_block(4, 8, 2)
    checks.check_loads(residual.reference_block(4, 8, 2), reference.state_dict(), "a block")
    assert "load into a block" in capsys.readouterr().out
    no_projection = nn.Module()
    no_projection.conv1 = nn.Conv2d(4, 8, 3, bias=False)
    no_projection.extra = nn.Linear(2, 2)
    with pytest.raises(checks.CheckFailed) as failure:
        checks.check_loads(no_projection, reference.state_dict(), "a block")
    message = str(failure.value)
    assert "missing (modules): bn1, bn2, conv2, downsample.0, downsample.1" in message
    assert "unexpected (modules): extra" in message
    assert "conv1.weight (8, 4, 3, 3)" not in message     # right shape: not named
    wrong = nn.Module()
    wrong.conv1 = nn.Conv2d(4, 8, 1, bias=False)
    with pytest.raises(checks.CheckFailed, match=r"of the wrong shape: conv1.weight \(8, 4, 1, 1\)"):
        checks.check_loads(wrong, {"conv1.weight": torch.zeros(8, 4, 3, 3)}, "a block")


class OwnBatchNorm(nn.Module):
    """A batch norm written by hand, as notebook 05's exercise 1: no num_batches_tracked buffer."""

    def __init__(self, channels):
        super().__init__()
        self.weight, self.bias = nn.Parameter(torch.ones(channels)), nn.Parameter(torch.zeros(channels))
        self.register_buffer("running_mean", torch.zeros(channels))
        self.register_buffer("running_var", torch.ones(channels))


def block_like_torchvisions(stride=2, norm=nn.BatchNorm2d, projection_norm=True, projection_stride=None):
    """A basic block named as torchvision's, 8 -> 16 channels, with its batch norms and projection as given."""
    block = nn.Module()
    block.conv1, block.bn1 = nn.Conv2d(8, 16, 3, stride=stride, padding=1, bias=False), norm(16)
    block.conv2, block.bn2 = nn.Conv2d(16, 16, 3, padding=1, bias=False), norm(16)
    conv = nn.Conv2d(8, 16, 1, stride=stride if projection_stride is None else projection_stride, bias=False)
    block.downsample = nn.Sequential(conv, nn.BatchNorm2d(16)) if projection_norm else nn.Sequential(conv)
    return block


@pytest.mark.parametrize("block, words", [
    (block_like_torchvisions(norm=OwnBatchNorm), "bn1 is a OwnBatchNorm, not an nn.BatchNorm2d: a module of the wrong class"),
    (block_like_torchvisions(projection_norm=False), "projection (downsample) has no batch norm"),
    (block_like_torchvisions(projection_stride=1), "convolves with stride 1, not the block's stride 2"),
])
def test_check_like_torchvision_names_the_wrong_class_and_the_projection(block, words):
    with pytest.raises(checks.CheckFailed, match=re.escape(words)):
        residual.check_like_torchvision(block, residual.reference_block(8, 16, 2), "the block")


def test_check_like_torchvision_passes_torchvisions_own_layers():
    residual.check_like_torchvision(block_like_torchvisions(), residual.reference_block(8, 16, 2), "the block")
    residual.check_like_torchvision(residual.reference_block(8, 8, 1), residual.reference_block(8, 8, 1), "the block")


def test_check_input_unchanged_names_a_forward_that_overwrote_its_input():
    x = torch.randn(2, 3, 4, 4)
    given = x.clone()
    residual.check_input_unchanged(given, x, "BatchNorm")          # untouched: passes
    given.sub_(1)
    with pytest.raises(checks.CheckFailed, match="changed its input in place"):
        residual.check_input_unchanged(given, x, "BatchNorm")


def test_check_padding_names_a_missing_padding_and_accepts_same():
    reference = residual.reference_block(8, 16, 2)
    residual.check_padding(block_like_torchvisions(), reference, "the block")
    same = block_like_torchvisions(stride=1)
    same.conv2 = nn.Conv2d(16, 16, 3, padding="same", bias=False)     # the same padding, said otherwise
    residual.check_padding(same, residual.reference_block(8, 16, 1), "the block")
    unpadded = block_like_torchvisions()
    unpadded.conv1 = nn.Conv2d(8, 16, 3, stride=2, bias=False)
    with pytest.raises(checks.CheckFailed, match=r"conv1 has padding 0: a 3x3 convolution needs padding=1"):
        residual.check_padding(unpadded, reference, "the block")
    wide = block_like_torchvisions()
    wide.downsample[0] = nn.Conv2d(8, 16, 3, stride=2, padding=1, bias=False)    # another kernel: check_loads says
    residual.check_padding(wide, reference, "the block")


def test_check_projection_named_finds_a_projection_under_another_name():
    block = block_like_torchvisions()
    residual.check_projection_named(block, residual.reference_block(8, 16, 2), "the block")
    block.shortcut, block.downsample = block.downsample, None
    with pytest.raises(checks.CheckFailed, match="has `shortcut` .*name it `downsample`"):
        residual.check_projection_named(block, residual.reference_block(8, 16, 2), "the block")


@pytest.mark.parametrize("change, words", [
    (lambda b: setattr(b, "conv2", nn.Conv2d(8, 16, 3, padding=1, bias=False)),
     "conv2 takes 8 channels, but 16 reach it. conv2 takes what the convolution before it puts out"),
    (lambda b: b.downsample.__setitem__(0, nn.Conv2d(8, 16, 3, stride=2, padding=1, bias=False)),
     "downsample.0 is a 3x3 convolution, but torchvision's is 1x1"),
])
def test_check_loads_traces_a_wrong_shape_to_its_cause(change, words):
    block = block_like_torchvisions()
    change(block)
    with pytest.raises(checks.CheckFailed) as failure:
        residual.check_loads(block, residual.reference_block(8, 16, 2).state_dict(), "the block")
    assert words in str(failure.value) and "Name the submodules" not in str(failure.value)
    with torch.device("meta"):
        model, theirs = models.resnet18(num_classes=1000), models.resnet18(num_classes=10)
    with pytest.raises(checks.CheckFailed, match="fc puts out 1000 classes, but the model is built for num_classes = 10"):
        residual.check_loads(model, theirs.state_dict(), "ResNet18(num_classes=10)")
    with pytest.raises(checks.CheckFailed, match="Name the submodules"):      # a name missing: check_loads's words
        residual.check_loads(nn.Module(), residual.reference_block(8, 16, 2).state_dict(), "the block")


def test_check_registered_names_a_list_of_blocks():
    residual.check_registered(nn.Sequential(nn.ReLU()), "layer1")
    with pytest.raises(checks.CheckFailed, match="not registered.*nn.Sequential"):
        residual.check_registered([nn.ReLU(), nn.ReLU()], "layer1")
    with pytest.raises(checks.CheckFailed, match="list of 2 layers.*nn.Sequential\\(\\*layers\\)"):
        residual.check_registered([nn.Conv2d(2, 4, 1), nn.BatchNorm2d(4)], "downsample", parts="layers")


def test_check_input_unchanged_gives_a_residual_blocks_fix():
    x = torch.randn(2, 3, 4, 4)
    with pytest.raises(checks.CheckFailed, match="identity \\+= out.*out = out \\+ identity"):
        residual.check_input_unchanged(x + 1, x, "BasicBlock", how=residual.ADDED_IN_PLACE)


def test_batch_norm_gradients_are_none_without_a_graph():
    state = {"weight": torch.tensor([2.0, -1.0]), "bias": torch.tensor([0.5, 0.0]),
             "running_mean": torch.zeros(2), "running_var": torch.ones(2)}
    x, upstream = torch.randn(3, 2, 4, 4), torch.randn(3, 2, 4, 4)
    layer = residual.load_batch_norm(nn.BatchNorm2d(2), state)
    d_x, d_weight, d_bias = residual.batch_norm_gradients(layer, x, upstream)
    assert torch.allclose(d_bias, upstream.sum(dim=(0, 2, 3)))
    assert d_x.shape == x.shape and d_weight.shape == (2,)

    class NoGraph(nn.BatchNorm2d):
        @torch.no_grad()
        def forward(self, x):
            return super().forward(x)

    assert residual.batch_norm_gradients(residual.load_batch_norm(NoGraph(2), state), x, upstream) is None


def test_check_strides_given_names_a_stride_written_in():
    block = residual.reference_block(8, 8, 1)
    residual.check_strides_given(block, "conv1", 1, "BasicBlock(8, 8, stride=1)")     # torchvision's: passes
    block.conv1.stride = (2, 2)
    with pytest.raises(checks.CheckFailed, match="conv1 has stride 2, but the block was made with stride=1"):
        residual.check_strides_given(block, "conv1", 1, "BasicBlock(8, 8, stride=1)")
    block.conv1.stride, block.conv2.stride = (1, 1), (2, 2)
    with pytest.raises(checks.CheckFailed, match="conv2 has stride 2, a fixed number.*only conv1"):
        residual.check_strides_given(block, "conv1", 1, "BasicBlock(8, 8, stride=1)")


def test_check_shortcut_used_names_a_projection_never_called():
    block = residual.reference_block(8, 16, 2).eval()
    x = torch.randn(2, 8, 6, 6)
    residual.check_shortcut_used(block, x, "BasicBlock(8, 16, stride=2)")              # torchvision's: passes

    class Unprojected(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1, self.downsample = block.conv1, block.downsample

        def forward(self, x):
            return self.conv1(x) + x

    with pytest.raises(checks.CheckFailed, match="never calls it"):
        residual.check_shortcut_used(Unprojected(), x, "BasicBlock(8, 16, stride=2)")


def test_require_answered_names_the_exercises_not_answered():
    class BasicBlock(nn.Module):
        def __init__(self, in_channels, out_channels, stride=1):
            super().__init__()
            raise NotImplementedError()

    def weight_gradient_norms(model, x, y):
        raise NotImplementedError()

    with pytest.raises(residual.NotAnswered, match=re.escape(
            "Exercise 2 (BasicBlock) and Exercise 3 (weight_gradient_norms) are not answered yet")):
        residual.require_answered(BasicBlock=BasicBlock, weight_gradient_norms=weight_gradient_norms)
    residual.require_answered(BasicBlock=lambda *args: residual.reference_block(*args))   # answered: passes
    residual.require_answered(weight_gradient_norms=lambda model, x, y: 1 / 0)            # wrong: let through


def test_call_names_whose_method_is_not_written_and_traces_a_bad_call_of_conv_params():
    namespace = {"__name__": "__main__", "nn": nn}
    exec(compile("class Bottleneck(nn.Module):\n"
                 "    def __init__(self):\n"
                 "        raise NotImplementedError()\n"
                 "def conv_params(in_channels, out_channels, kernel_size):\n"
                 "    return in_channels * out_channels * kernel_size ** 2\n"
                 "def block_params(squeeze_channels=None):\n"
                 "    return conv_params(8, squeeze_channels, 1)\n", "<notebook>", "exec"), namespace)
    with pytest.raises(checks.CheckFailed, match=r"^Bottleneck.__init__ is not written yet"):
        residual.call(namespace["Bottleneck"])
    with pytest.raises(checks.CheckFailed, match=r"block_params called conv_params\(in_channels=8, out_channels=None"
                                                 r"(.|\n)*out_channels is None there"):
        residual.call(namespace["block_params"])
    with pytest.raises(checks.CheckFailed, match="raised ZeroDivisionError"):      # anything else: checks.call's words
        residual.call(lambda: 1 / 0, name="f")
    assert residual.call(namespace["conv_params"], 2, 3, 1) == 6


def test_seeded_resnet_state_tells_the_stems_orders_apart():
    model = models.resnet18(num_classes=3).eval()
    model.load_state_dict(residual.seeded_resnet_state(model, 0))
    assert (model.bn1.weight[::2] < 0).all() and (model.bn1.weight[1::2] > 0).all()
    x = torch.randn(1, 3, 32, 32)
    mistakes = residual.stem_mistakes(model, x)
    with torch.no_grad():
        right = model(x)
        pooled_before_relu = residual.forward_with_stem(model, (model.conv1, model.bn1, model.maxpool, model.relu), x)
    assert torch.allclose(pooled_before_relu, right, atol=1e-5)       # max pooling and ReLU commute
    assert len(mistakes) == 5 and not any(torch.allclose(wrong, right, atol=1e-3) for wrong in mistakes.values())


def test_never_created_says_whose_init_is_not_run():
    class Parent(nn.Module):
        def __init__(self):
            super().__init__()
            self.avgpool = nn.AdaptiveAvgPool2d(1)

        def forward(self, x):
            return self.avgpool(x)

    class Child(Parent):
        def __init__(self):
            nn.Module.__init__(self)

    assert "Child runs Parent's forward, but not Parent's __init__" in residual.never_created(Child(), "avgpool", "Child()")
    assert "Create it in __init__: self.avgpool = nn.AdaptiveAvgPool2d(1)" in residual.never_created(
        Parent(), "avgpool", "Parent()")
    with pytest.raises(checks.CheckFailed, match="has no `avgpool`.*not Parent's __init__"):
        residual.check_output_any_size(Child(), torch.randn(1, 2, 4, 4), (1, 2, 1, 1), name="Child()")
