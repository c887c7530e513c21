"""Self-checks of notebook 04's reference cases: PyTorch's and torchvision's own answers.

Run by tests/test_references.py, like every notebook's ``check_references.py``: each
``check_*`` function gets ``references`` ({grade id: [case as one flat dict]}) and
``script`` (make_references.py, loaded), and fails with an assertion. Floating point
computed again is compared within the tolerances of tests/course.py, which fit any CPU;
exact where the operation is exact on every CPU (crops, flips, integer counts).
"""

import itertools
import math

import torch
import torch.nn.functional as F
from torch import nn
from torchvision import models
from torchvision.transforms import v2

from course import assert_same_up_to_rounding


def check_alexnet_rows_are_torchvisions(references, script):
    alexnet = references["test_layer_arithmetic"][0]
    rows = alexnet["rows"]
    with torch.device("meta"):
        model = models.alexnet()
    # the counts the notebook states: 61,100,840 parameters, 55 -> 27 -> 13 -> 6, 9,216 features
    assert sum(params for _, params, _ in rows) == sum(p.numel() for p in model.parameters()) == 61_100_840
    assert [shape[-1] for shape, _, _ in rows[:8]] == [55, 27, 27, 13, 13, 13, 13, 6]
    assert rows[8][0] == (9216,)
    # FlopCounterMode over the whole model, at once, counts twice the multiply-adds of the rows
    with torch.utils.flop_counter.FlopCounterMode(display=False) as counter:
        model(torch.empty(1, 3, 224, 224, device="meta"))
    assert counter.get_total_flops() == 2 * sum(macs for _, _, macs in rows)
    assert round(sum(macs for _, _, macs in rows) / 1e9, 3) == models.AlexNet_Weights.DEFAULT.meta["_ops"]


def check_random_networks_use_every_kind_and_uneven_strides(references, script):
    # some pooling and some strided convolution where floor and ceiling differ
    uneven = {spec[0] for case in references["test_layer_arithmetic"]
              for spec, (before, _, _) in zip(case["specs"][1:], case["rows"])
              if spec[0] in ("conv", "pool") and any(
                  (size + 2 * (spec[4] if spec[0] == "conv" else 0) - spec[-3 if spec[0] == "conv" else 1])
                  % (spec[3] if spec[0] == "conv" else spec[2]) for size in before[1:])}
    assert uneven == {"conv", "pool"}
    specs = [spec for case in references["test_layer_arithmetic"][1:] for spec in case["specs"]]
    assert {spec[0] for spec in specs} == {"conv", "pool", "flatten", "linear"}
    assert any(spec[0] == "conv" and spec[3] > 1 and spec[4] > 0 for spec in specs), "stride and padding together"
    assert any(shape[1] != shape[2] for case in references["test_layer_arithmetic"]
               for shape, _, _ in case["rows"] if len(shape) == 3), "non-square feature maps"
    # where a stride does not divide evenly, the size is floored: computed again by F.conv2d on zeros
    for case in references["test_layer_arithmetic"][1:]:
        x = torch.zeros(1, *case["input_shape"])
        for spec, (shape, params, macs) in zip(case["specs"], case["rows"]):
            if spec[0] == "conv":
                weight = torch.zeros(spec[1], x.shape[1], spec[2], spec[2])
                x = F.conv2d(x, weight, stride=spec[3], padding=spec[4])
                assert params == weight.numel() + spec[1]
                assert macs == weight.numel() * x.shape[2] * x.shape[3]
            elif spec[0] == "pool":
                x = F.max_pool2d(x, spec[1], spec[2])
            elif spec[0] == "flatten":
                x = x.flatten(1)
            else:
                assert params == x.shape[1] * spec[1] + spec[1] and macs == x.shape[1] * spec[1]
                x = torch.zeros(1, spec[1])
            assert tuple(x.shape[1:]) == shape


def check_some_network_tells_floor_round_and_ceil_apart(references, script):
    # a convolution and a pooling whose output sizes, floored (as PyTorch's are), rounded to the nearest and
    # rounded up, give three different shapes: round() is not floor division
    def shapes(size, kernel, stride, padding):
        quotients = [(n + 2 * padding - kernel) / stride for n in size]
        return {how: tuple(int(rounding(q)) + 1 for q in quotients) for how, rounding in
                (("floor", math.floor), ("round", round), ("ceil", math.ceil))}

    told_apart = set()
    for case in references["test_layer_arithmetic"]:
        shape = case["input_shape"]
        for spec, (out, _, _) in zip(case["specs"], case["rows"]):
            if spec[0] in ("conv", "pool"):
                kernel, stride, padding = (spec[2], spec[3], spec[4]) if spec[0] == "conv" else (spec[1], spec[2], 0)
                made = shapes(shape[1:], kernel, stride, padding)
                assert made["floor"] == out[1:]
                if len(set(made.values())) == 3:
                    told_apart.add(spec[0])
            shape = out
    assert told_apart == {"conv", "pool"}


def check_dropout_statistics_are_f_dropouts(references, script):
    for case in references["test_inverted_dropout"]:
        x = 0.5 + torch.rand(case["shape"], generator=torch.Generator().manual_seed(case["data_seed"]))
        torch.manual_seed(case["seed"])
        y = nn.Dropout(case["p"]).train(case["training"])(x)
        assert_same_up_to_rounding(script.dropout_statistics(x, y, y.clone())[:5], case["statistics"][:5],
                                   "the statistics")
        shape, zeroed, low, high, mean_ratio, differs, shared, unchanged = case["statistics"]
        p = case["p"] if case["training"] else 0.0
        assert abs(zeroed - p) < 0.005 and abs(mean_ratio - 1) < 0.01 and differs is case["training"]
        # a mask of its own for each value: no two rows (nor columns) kept alike in training
        assert shared == (not case["training"],) * len(shape) and unchanged is True
        assert abs(low - 1 / (1 - p)) < 1e-5 and abs(high - 1 / (1 - p)) < 1e-5
    # the cases can tell p from 1 - p
    assert any(abs(case["p"] - 0.5) > 0.1 for case in references["test_inverted_dropout"] if case["training"])


def check_crops_and_flips_are_torchvisions(references, script):
    for case in references["test_pad_and_crop"]:
        crop = v2.RandomCrop(case["size"], padding=case["padding"])
        for i, image in enumerate(case["x"]):
            # the transform itself, with the parameters it would have drawn fixed to the case's
            params = {"needs_crop": True, "top": int(case["top"][i]), "left": int(case["left"][i]),
                      "height": case["size"], "width": case["size"], "needs_pad": case["padding"] > 0,
                      "padding": [case["padding"]] * 4}
            assert torch.equal(crop.transform(image, params), case["y"][i])
        assert case["dtype"] == str(case["x"].dtype) == str(case["y"].dtype) and case["device"] == "meta"
    # one case tells a padded batch made in float32 (torch.zeros without dtype=x.dtype) from x's own dtype
    assert any(case["x"].dtype == torch.float64 for case in references["test_pad_and_crop"])
    for case in references["test_flip_horizontally"]:
        assert case["flip"].any() and not case["flip"].all()
        assert torch.equal(case["y"], torch.where(case["flip"][:, None, None, None], case["x"].flip(-1), case["x"]))
        assert case["x"].shape[-1] != case["x"].shape[-2]
        assert case["unchanged"] is True


def check_vgg_structures_and_costs_are_pytorchs(references, script):
    from helpers.grading import seeded_parameters

    # each block's and network's output is what torch.nn modules, loaded with the same weights, compute
    for case in references["test_vgg_block"]:
        block = script.reference_block(case["num_convs"], case["in_channels"], case["out_channels"]).double()
        block.load_state_dict(dict(seeded_parameters(case["parameters"], case["seed"])))
        with torch.no_grad():
            assert_same_up_to_rounding(block(case["x"]), case["output"], "a VGG block's output")
        assert case["output"].shape[2:] == (case["x"].shape[2] // 2, case["x"].shape[3] // 2)
        # and the cases tell a missing ReLU and average pooling apart
        no_relu = nn.Sequential(*[m for m in block if not isinstance(m, nn.ReLU)])
        average = nn.Sequential(*block[:-1], nn.AvgPool2d(2, 2))
        with torch.no_grad():
            assert not torch.allclose(no_relu(case["x"]), case["output"], atol=1e-3)
            assert not torch.allclose(average(case["x"]), case["output"], atol=1e-3)
    assert any(case["x"].shape[2] % 2 for case in references["test_vgg_block"]), "an odd size, floored"
    for case in references["test_vgg"]:
        blocks, channels = [], case["in_channels"]
        for num_convs, out_channels in case["conv_arch"]:
            blocks.append(script.reference_block(num_convs, channels, out_channels))
            channels = out_channels
        side = case["image_size"] // 2 ** len(case["conv_arch"])
        hidden, dropout = case["hidden"], case["dropout"]
        model = nn.Sequential(*blocks, nn.Flatten(), nn.Linear(channels * side * side, hidden), nn.ReLU(),
                              nn.Dropout(dropout), nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(dropout),
                              nn.Linear(hidden, case["num_classes"])).double().eval()
        model.load_state_dict(dict(seeded_parameters(case["parameters"], case["seed"])))
        with torch.no_grad():
            assert_same_up_to_rounding(model(case["x"]), case["output"], "a VGG's output")
        assert case["dropouts"] == [dropout, dropout] and dropout != 0.5
    assert any(case["image_size"] % 2 ** len(case["conv_arch"]) for case in references["test_vgg"]), \
        "an image size that does not halve evenly"
    # torchvision's VGG-16 from the reference block builder: 138,357,544 parameters
    with torch.device("meta"):
        blocks, channels = [], 3
        for num_convs, out_channels in ((2, 64), (2, 128), (3, 256), (3, 512), (3, 512)):
            blocks.append(script.reference_block(num_convs, channels, out_channels))
            channels = out_channels
        ours = sum(p.numel() for b in blocks for p in b.parameters())
        theirs = sum(p.numel() for p in models.vgg16().features.parameters())
    assert ours == theirs
    for case in references["test_conv_cost"]:
        k, c_in, c_out, r = case["kernel_size"], case["in_channels"], case["out_channels"], case["reduce_channels"]
        hw = case["height"] * case["width"]
        if r is None:
            assert case["cost"] == (k * k * c_in * c_out + c_out, k * k * c_in * c_out * hw)
        else:
            assert case["cost"] == (c_in * r + r + k * k * r * c_out + c_out, (c_in * r + k * k * r * c_out) * hw)


def check_pareto_front_by_brute_force(references, script):
    for case in references["test_pareto_front"]:
        models_list = case["models"]
        front = [m for m in models_list
                 if not any(a >= m[1] and o <= m[2] and (a > m[1] or o < m[2]) for _, a, o in models_list)]
        assert case["front"] == [name for _, name in sorted((o, n) for n, _, o in front)]
        # ties that tell the definitions apart: an identical pair, and a model as accurate as a cheaper one
        assert len({(a, o) for _, a, o in models_list}) < len(models_list)
        assert any(a1 == a2 and o1 < o2 for (_, a1, o1), (_, a2, o2) in itertools.permutations(models_list, 2))
        assert [o for _, _, o in models_list] != sorted(o for _, _, o in models_list)
    # in some case, models tied in operations on the front come in the list out of name order
    assert any([n for n, _, o in case["models"] if n in case["front"] and o == o_tied]
               != sorted(n for n, _, o in case["models"] if n in case["front"] and o == o_tied)
               for case in references["test_pareto_front"]
               for o_tied in {o for n, _, o in case["models"] if n in case["front"]})
