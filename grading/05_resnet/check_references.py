"""Self-checks of notebook 05's reference cases: PyTorch's and torchvision's own answers.

Run by tests/test_references.py, like every notebook's ``check_references.py``: each
``check_*`` function gets ``references`` ({grade id: [case as one flat dict]}) and
``script`` (make_references.py, loaded), and fails with an assertion. Floating point
computed again is compared within the tolerances of tests/course.py, which fit any CPU.
"""

import torch
import torch.nn.functional as F
from torch import nn
from torchvision import models
from torchvision.models.resnet import BasicBlock

from course import assert_same_up_to_rounding
from helpers import residual


def check_batch_norm_is_the_formula_and_nn_batchnorm2ds(references, script):
    for case in references["test_batch_norm"]:
        outputs, running_mean, running_var, y_eval, mean_after = case["y"]
        mean, var = case["state"]["running_mean"].clone(), case["state"]["running_var"].clone()
        momentum, eps = case["momentum"], case["eps"]
        weight, bias = case["state"]["weight"].view(1, -1, 1, 1), case["state"]["bias"].view(1, -1, 1, 1)
        for x, y in zip(case["train_inputs"], outputs):
            # the formula, in float64: biased variance in the output, unbiased in the running estimate
            x64 = x.double()
            m = x.numel() // x.shape[1]
            batch_mean, batch_var = x64.mean(dim=(0, 2, 3)), x64.var(dim=(0, 2, 3), correction=0)
            want = (x64 - batch_mean.view(1, -1, 1, 1)) / torch.sqrt(batch_var.view(1, -1, 1, 1) + eps)
            assert torch.allclose(y.double(), weight.double() * want + bias.double(), atol=1e-4)
            mean = (1 - momentum) * mean.double() + momentum * batch_mean
            var = (1 - momentum) * var.double() + momentum * batch_var * m / (m - 1)
        assert torch.allclose(running_mean.double(), mean, atol=1e-5)
        assert torch.allclose(running_var.double(), var, atol=1e-5)
        assert torch.equal(mean_after, running_mean)
        # the evaluation output uses the running statistics, F.batch_norm's own way
        assert torch.allclose(y_eval, F.batch_norm(case["eval_input"], running_mean, running_var,
                                                   case["state"]["weight"], case["state"]["bias"], False, 0.0, eps),
                              atol=1e-5)
        # the gradients of one training step, from the formula in float64 through autograd
        x = case["train_inputs"][0].double().requires_grad_()
        scale, shift = (case["state"][k].double().requires_grad_() for k in ("weight", "bias"))
        batch_mean = x.mean(dim=(0, 2, 3), keepdim=True)
        batch_var = x.var(dim=(0, 2, 3), keepdim=True, correction=0)
        y = scale.view(1, -1, 1, 1) * (x - batch_mean) / torch.sqrt(batch_var + eps) + shift.view(1, -1, 1, 1)
        want = torch.autograd.grad((y * case["upstream"].double()).sum(), [x, scale, shift])
        for got, expected in zip(case["gradients"], want):
            assert torch.allclose(got.double(), expected, atol=1e-4)
        # and in evaluation mode, with the state's running statistics: the formula again, in float64
        x = case["train_inputs"][0].double().requires_grad_()
        scale, shift = (case["state"][k].double().requires_grad_() for k in ("weight", "bias"))
        frozen_mean, frozen_var = (case["state"][k].double().view(1, -1, 1, 1) for k in ("running_mean", "running_var"))
        y = scale.view(1, -1, 1, 1) * (x - frozen_mean) / torch.sqrt(frozen_var + eps) + shift.view(1, -1, 1, 1)
        want = torch.autograd.grad((y * case["upstream"].double()).sum(), [x, scale, shift])
        for got, expected in zip(case["eval_gradients"], want):
            assert torch.allclose(got.double(), expected, atol=1e-4)
    # the cases tell the wrong answers apart: channels far from mean 0 and variance 1, several steps,
    # a momentum other than 0.1 and 0.5, a batch whose m is small (so that m / (m - 1) matters)
    assert any(case["momentum"] not in (0.1, 0.5) for case in references["test_batch_norm"])
    assert min(x.numel() // x.shape[1] for case in references["test_batch_norm"] for x in case["train_inputs"]) <= 12


def check_blocks_are_torchvisions(references, script):
    for case in references["test_bottleneck"]:
        block = residual.reference_bottleneck(case["in_channels"], case["width"], case["stride"], seed=case["seed"])
        for training_mode, want in zip((True, False), case["y"][1]):
            block.train(training_mode)
            with torch.no_grad():
                assert_same_up_to_rounding(block(case["x"]), want, "the bottleneck's output")
    shapes_changed = set()
    for case in references["test_basic_block"]:
        block = residual.reference_block(case["in_channels"], case["out_channels"], case["stride"], seed=case["seed"])
        assert type(block) is BasicBlock
        assert (block.downsample is not None) == (case["stride"] != 1 or case["in_channels"] != case["out_channels"])
        shapes_changed.add((case["stride"] != 1, case["in_channels"] != case["out_channels"]))
        block.train()
        with torch.no_grad():
            assert_same_up_to_rounding(block(case["x"]), case["y"][1][0], "the block's output in training")
            block.eval()
            assert_same_up_to_rounding(block(case["x"]), case["y"][1][1], "the block's output in evaluation")
    # the identity, a projection for channels and stride, one for the stride alone, and one for the channels
    # alone (a change of channels at stride 1)
    assert {(False, False), (True, True), (True, False), (False, True)} <= shapes_changed
    assert any(case["stride"] == 1 and case["in_channels"] != 4 * case["width"]
               for case in references["test_bottleneck"])


def check_resnet18_cases_are_torchvisions(references, script):
    for case in references["test_resnet18"]:
        model = models.resnet18(num_classes=case["num_classes"])
        model.load_state_dict(residual.seeded_resnet_state(model, case["seed"]))
        model.eval()
        with torch.no_grad():
            assert_same_up_to_rounding(model(case["x"]), case["y"][2], "ResNet-18's output")
        assert case["y"][1] == sum(p.numel() for p in model.parameters())
    assert references["test_resnet18"][-1]["y"][1] == 11_689_512       # the 1,000-class network
    # the stem's scale is partly negative: max pooling before bn1 and the ReLU gives another output
    case = references["test_resnet18"][0]
    model = models.resnet18(num_classes=case["num_classes"])
    model.load_state_dict(residual.seeded_resnet_state(model, case["seed"]))
    model.eval()
    with torch.no_grad():
        x = model.relu(model.bn1(model.maxpool(model.conv1(case["x"]))))
        x = model.layer4(model.layer3(model.layer2(model.layer1(x))))
        pooled_first = model.fc(torch.flatten(model.avgpool(x), 1))
    assert not torch.allclose(pooled_first, case["y"][2], rtol=1e-3, atol=1e-3)
    for case in references["test_resnet50"]:
        model = models.resnet50(num_classes=case["num_classes"])
        model.load_state_dict(residual.seeded_resnet_state(model, case["seed"]))
        with torch.no_grad():
            assert_same_up_to_rounding(model.eval()(case["x"]), case["y"][2], "ResNet-50's output")
        assert case["y"][1] == 25_557_032
    # a batch of one image in each, which tells torch.flatten(x, 1) from x.squeeze(); a stage called as one layer
    # halves its input and puts out width * expansion channels
    for grade, expansion in (("test_resnet18", 1), ("test_resnet50", 4)):
        assert any(len(case["x"]) == 1 for case in references[grade])
        for case in references[grade]:
            in_channels, width, _, stride, x_shape = case["stage"]
            assert case["y"][3] == (x_shape[0], width * expansion, x_shape[2] // stride, x_shape[3] // stride)


def check_gradient_norms_are_autograds(references, script):
    for case in references["test_weight_gradient_norms"]:
        model = residual.cifar_net(case["depth"], residual.PlainBlock, num_classes=case["num_classes"])
        model.load_state_dict(residual.seeded_state(model, case["seed"]))
        model.train(case["training"])
        F.cross_entropy(model(case["x"]), case["y"]).backward()      # .backward() this time, not autograd.grad
        names, norms, _, _ = case["norms"]
        layers = dict(model.named_modules())
        assert all(isinstance(layers[name], (nn.Conv2d, nn.Linear)) for name in names)
        got = [layers[name].weight.grad.norm().item() for name in names]
        assert torch.allclose(torch.tensor(got), torch.tensor(norms), rtol=1e-4)
    assert {case["training"] for case in references["test_weight_gradient_norms"]} == {True, False}


def check_counts_are_torchvisions(references, script):
    for case in references["test_conv_params"]:
        c_in, c_out, k, g = case["in_channels"], case["out_channels"], case["kernel_size"], case["groups"]
        assert case["parameters"] == c_out * (c_in // g) * k * k + (c_out if case["bias"] else 0)
    assert any(case["groups"] == case["in_channels"] == case["out_channels"] for case in references["test_conv_params"])
    assert any(case["squeeze_channels"] for case in references["test_inverted_residual_params"])
    assert any(case["expanded_channels"] == case["in_channels"] for case in references["test_inverted_residual_params"])
    for case in references["test_dense_block_params"]:
        layers = residual.dense_block(case["in_channels"], case["growth_rate"], case["num_layers"], case["bn_size"])
        x = torch.zeros(1, case["in_channels"], 4, 4)
        with torch.no_grad():
            assert layers.eval()(x).shape[1] == case["result"][0]
    for case in references["test_convnext_block_params"]:
        d = case["dim"]
        assert case["parameters"] == 8 * d * d + 58 * d
    # the totals the notebook states
    with torch.device("meta"):
        assert sum(p.numel() for p in models.resnext50_32x4d().parameters()) == 25_028_904
        assert sum(p.numel() for p in models.convnext_tiny().parameters()) == 28_589_128
        assert sum(p.numel() for p in models.resnet50().parameters()) == 25_557_032
