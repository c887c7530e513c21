"""Make the hidden tests' inputs and expected outputs for notebook 05 (ResNet).

Every expected output comes from PyTorch and torchvision, never from the course's
solutions: batch normalisation from ``nn.BatchNorm2d`` stepped on the same batches;
the residual blocks from torchvision's own ``BasicBlock`` and ``Bottleneck``, and
ResNet-18 and ResNet-50 from ``torchvision.models.resnet18()`` and ``resnet50()``, each with the weights the hidden test loads into
the student's module (``helpers.residual.seeded_state``: drawn from a seed, in
torchvision's own names, so a strict load also checks the names); the gradient norms
from ``torch.autograd.grad``; the parameter counts from torchvision's modules (a
grouped ``nn.Conv2d``, MobileNetV3's ``InvertedResidual``, DenseNet's ``_DenseBlock``,
ConvNeXt's ``CNBlock``), built on the meta device and counted.

One entry per graded test cell (its grade id), a list of cases, each
``{"inputs": ..., "expected": ...}`` (see autograder/judging.py); only the inputs ever
reach the student's kernel.

    python grading/05_resnet/make_references.py   # writes references.pt beside it
"""

import sys
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn
from torchvision import models

OUT = Path(__file__).resolve().parent / "references.pt"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))   # the course's root
from autograder.judging import cases  # noqa: E402
from helpers import residual  # noqa: E402

SEED = 20261205


def count(module):
    return sum(p.numel() for p in module.parameters())


# ----------------------------------------------------------------------------
# Batch normalisation: nn.BatchNorm2d, stepped on the same batches
# ----------------------------------------------------------------------------

def batch_norm_cases(g):
    made = []
    for i, (num_features, eps, momentum, shapes) in enumerate([(3, 1e-5, 0.1, [(4, 3, 5, 6)] * 3),
                                                (5, 1e-3, 0.3, [(2, 5, 3, 7), (6, 5, 2, 2), (3, 5, 4, 1)]),
                                                (2, 1e-5, 0.05, [(1, 2, 4, 4), (8, 2, 3, 3)])]):
        state = {"weight": 1 + torch.randn(num_features, generator=g), "bias": torch.randn(num_features, generator=g),
                 "running_mean": torch.randn(num_features, generator=g),
                 "running_var": 0.5 + torch.rand(num_features, generator=g)}
        scale = 0.5 + 2 * torch.rand(1, num_features, 1, 1, generator=g)     # channels of different spreads
        shift = 3 * torch.randn(1, num_features, 1, 1, generator=g)           # and means far from 0
        train_inputs = [torch.randn(s, generator=g) * scale + shift for s in shapes]
        eval_input = torch.randn(2, num_features, 3, 3, generator=g) * scale + shift
        layer = residual.load_batch_norm(nn.BatchNorm2d(num_features, eps=eps, momentum=momentum), state)
        with torch.no_grad():
            outputs = [layer(x) for x in train_inputs]
            running = (layer.running_mean.clone(), layer.running_var.clone())
            layer.eval()
            y_eval = layer(eval_input)
        # one training step of a fresh layer: the gradients of (output * upstream).sum() that reach the
        # input, weight and bias (a forward pass under torch.no_grad() reaches none of them)
        upstream = torch.randn(shapes[0], generator=torch.Generator().manual_seed(SEED + 1 + i))
        fresh = residual.load_batch_norm(nn.BatchNorm2d(num_features, eps=eps, momentum=momentum), state)
        x = train_inputs[0].clone().requires_grad_()
        gradients = torch.autograd.grad((fresh(x) * upstream).sum(), [x, fresh.weight, fresh.bias])
        # the same in evaluation mode (the state's running statistics): the output keeps its graph there too
        frozen = residual.load_batch_norm(nn.BatchNorm2d(num_features, eps=eps, momentum=momentum), state).eval()
        x = train_inputs[0].clone().requires_grad_()
        eval_gradients = torch.autograd.grad((frozen(x) * upstream).sum(), [x, frozen.weight, frozen.bias])
        made.append({"num_features": num_features, "eps": eps, "momentum": momentum, "state": state,
                     "train_inputs": train_inputs, "eval_input": eval_input, "upstream": upstream,
                     "y": (outputs, *running, y_eval, layer.running_mean.clone()),
                     "gradients": tuple(g.detach() for g in gradients),
                     "eval_gradients": tuple(g.detach() for g in eval_gradients)})
    return made


# ----------------------------------------------------------------------------
# The residual block and ResNet-18: torchvision's, with the weights the hidden test loads
# ----------------------------------------------------------------------------

def basic_block_cases(g):
    made = []
    # the last: the channels change (8 to 4) at stride 1, so a projection is needed without a stride
    for i, (in_channels, out_channels, stride, size) in enumerate([(4, 4, 1, (3, 9, 7)), (4, 8, 2, (2, 10, 10)),
                                                                    (6, 6, 2, (2, 9, 11)), (8, 4, 1, (3, 5, 6))]):
        seed = SEED + 10 + i
        block = residual.reference_block(in_channels, out_channels, stride, seed=seed)
        x = torch.randn(size[0], in_channels, *size[1:], generator=g)
        outputs = []
        for training_mode in (True, False):           # as the hidden test: batch statistics first, then running
            block.train(training_mode)
            with torch.no_grad():
                outputs.append(block(x))
        made.append({"in_channels": in_channels, "out_channels": out_channels, "stride": stride, "seed": seed,
                     "x": x, "y": ([], outputs)})
    return made


def stage_shape(block_class, in_channels, width, num_blocks, stride, x_shape):
    """The shape that a stage of torchvision's blocks (``block_class``, the first with the stride and a
    projection) puts out on an input of ``x_shape``: what the student's make_stage, called as one layer, must."""
    blocks = [residual._torchvision_block(block_class, in_channels, width, stride, None, None)]
    blocks += [residual._torchvision_block(block_class, width * block_class.expansion, width, 1, None, None)
               for _ in range(num_blocks - 1)]
    with torch.no_grad():
        return tuple(nn.Sequential(*blocks).eval()(torch.zeros(x_shape)).shape)


def resnet_cases(g, build, shapes, first_seed, block_class, stage):
    """torchvision's network (``build``: models.resnet18 or resnet50) with seeded weights, per
    (num_classes, image size, batch) in ``shapes``: its output in evaluation mode and its parameter count;
    the shape a stage of ``block_class`` puts out, for ``stage`` = (in_channels, width, num_blocks,
    stride, input shape), and its number of blocks; its output in training mode (None for one image). A batch of one image tells torch.flatten(x, 1) from x.squeeze()."""
    made = []
    for i, (num_classes, size, batch) in enumerate(shapes):
        seed = first_seed + i
        model = build(num_classes=num_classes)
        model.load_state_dict(residual.seeded_resnet_state(model, seed))   # the stem's scale partly negative
        model.eval()
        x = torch.randn(batch, 3, size, size, generator=g)
        with torch.no_grad():
            y = model(x)
        y_train = residual.training_output(model, x)      # batch statistics; None for a batch of one image
        made.append({"num_classes": num_classes, "seed": seed, "x": x, "stage": stage,
                     "y": ([], count(model), y, stage_shape(block_class, *stage), stage[2], y_train)})
    return made


def resnet18_cases(g):
    return resnet_cases(g, models.resnet18, [(7, 48, 2), (1000, 32, 1)], SEED + 20,
                        models.resnet.BasicBlock, (4, 8, 3, 2, (1, 4, 6, 6)))     # 3 blocks: num_blocks counts


def bottleneck_cases(g):
    made = []
    # the last: the channels change (8 to 16) at stride 1, so a projection is needed without a stride
    for i, (in_channels, width, stride, size) in enumerate([(16, 4, 1, (2, 7, 6)), (8, 4, 2, (3, 9, 9)),
                                                            (16, 8, 2, (2, 6, 10)), (8, 4, 1, (2, 5, 7))]):
        seed = SEED + 40 + i
        block = residual.reference_bottleneck(in_channels, width, stride, seed=seed)
        x = torch.randn(size[0], in_channels, *size[1:], generator=g)
        outputs = []
        for training_mode in (True, False):
            block.train(training_mode)
            with torch.no_grad():
                outputs.append(block(x))
        made.append({"in_channels": in_channels, "width": width, "stride": stride, "seed": seed, "x": x,
                     "y": ([], outputs)})
    return made


def resnet50_cases(g):
    return resnet_cases(g, models.resnet50, [(1000, 40, 1), (1000, 64, 2)], SEED + 50, models.resnet.Bottleneck,
                        (8, 2, 3, 2, (1, 8, 6, 6)))


# ----------------------------------------------------------------------------
# Gradient norms: torch.autograd.grad on the same networks
# ----------------------------------------------------------------------------

def gradient_cases(g):
    made = []
    for i, (depth, num_classes, batch, training) in enumerate([(8, 10, 6, True), (14, 4, 5, True),
                                                               (8, 3, 4, False)]):
        seed = SEED + 30 + i
        model = residual.cifar_net(depth, residual.PlainBlock, num_classes=num_classes)
        model.load_state_dict(residual.seeded_state(model, seed))
        model.train(training)
        x = torch.randn(batch, 3, 12, 12, generator=g)
        y = torch.randint(0, num_classes, (batch,), generator=g)
        layers = {name: m.weight for name, m in model.named_modules() if isinstance(m, (nn.Conv2d, nn.Linear))}
        grads = torch.autograd.grad(F.cross_entropy(model(x), y), list(layers.values()))
        norms = [grad.norm().item() for grad in grads]
        made.append({"depth": depth, "num_classes": num_classes, "seed": seed, "training": training, "x": x, "y": y,
                     "norms": (list(layers), norms, norms, training)})
    return made


# ----------------------------------------------------------------------------
# Parameter counts: torchvision's modules, built on the meta device
# ----------------------------------------------------------------------------

def conv_params_cases():
    made = []
    for in_channels, out_channels, kernel_size, groups, bias in [(256, 256, 3, 32, False), (12, 18, 5, 3, True),
                                                                 (64, 64, 3, 64, False), (7, 5, 1, 1, True),
                                                                 (16, 32, 3, 4, True)]:
        conv = nn.Conv2d(in_channels, out_channels, kernel_size, groups=groups, bias=bias, device="meta")
        made.append({"in_channels": in_channels, "out_channels": out_channels, "kernel_size": kernel_size,
                     "groups": groups, "bias": bias, "parameters": count(conv)})
    return made


def inverted_residual_cases():
    made = []
    for settings in [(24, 72, 24, 3, None), (40, 240, 80, 3, None), (112, 672, 160, 5, 168), (16, 16, 24, 3, 8),
                     (48, 144, 48, 5, 40)]:
        block = residual.mobilenet_block(*settings, device="meta")
        made.append({"in_channels": settings[0], "expanded_channels": settings[1], "out_channels": settings[2],
                     "kernel_size": settings[3], "squeeze_channels": settings[4], "parameters": count(block)})
    return made


def dense_block_cases():
    made = []
    for in_channels, growth_rate, num_layers, bn_size in [(64, 32, 6, 4), (256, 32, 12, 4), (10, 6, 4, 2),
                                                          (32, 12, 1, 4)]:
        block = residual.dense_block(in_channels, growth_rate, num_layers, bn_size, device="meta")
        made.append({"in_channels": in_channels, "growth_rate": growth_rate, "num_layers": num_layers,
                     "bn_size": bn_size, "result": (in_channels + num_layers * growth_rate, count(block))})
    return made


def convnext_cases():
    made = []
    for dim in (96, 384, 768, 20):
        with torch.device("meta"):
            block = models.convnext.CNBlock(dim, layer_scale=1e-6, stochastic_depth_prob=0.0)
        made.append({"dim": dim, "parameters": count(block)})
    return made


def make():
    g = torch.Generator().manual_seed(SEED)
    return {
        "test_batch_norm": cases(batch_norm_cases(g), ("y", "gradients", "eval_gradients")),
        "test_basic_block": cases(basic_block_cases(g), "y"),
        "test_weight_gradient_norms": cases(gradient_cases(g), "norms"),
        "test_resnet18": cases(resnet18_cases(g), "y"),
        "test_bottleneck": cases(bottleneck_cases(g), "y"),
        "test_resnet50": cases(resnet50_cases(g), "y"),
        "test_conv_params": cases(conv_params_cases(), "parameters"),
        "test_inverted_residual_params": cases(inverted_residual_cases(), "parameters"),
        "test_dense_block_params": cases(dense_block_cases(), "result"),
        "test_convnext_block_params": cases(convnext_cases(), "parameters"),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    torch.manual_seed(SEED)
    torch.save(make(), out)
    print(f"wrote {out}")
