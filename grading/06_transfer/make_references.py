"""Make the hidden tests' inputs and expected outputs for notebook 06 (transfer learning).

Every expected output comes from PyTorch, torchvision and torchinfo, never from the
course's solutions: which parameters a frozen network trains and which modules run in
training mode are read off torchvision's own models by their parameter names (the head's
are those under its name); trainable counts are torchinfo's; nearest rows are
``F.cosine_similarity`` and ``torch.topk`` (in the features' dtype, one case float32);
class activation maps are a 1x1 ``F.conv2d`` with the head's weights, in the feature maps' dtype.
No pretrained weights are used: the graded tests do not depend on which backbone a machine has, nor on training.

One entry per graded test cell (its grade id), a list of cases, each
``{"inputs": ..., "expected": ...}`` (see autograder/judging.py); only the inputs ever
reach the student's kernel.

    python grading/06_transfer/make_references.py   # writes references.pt beside it
"""

import sys
from pathlib import Path

import torch
import torch.nn.functional as F
import torchinfo
from torch import nn
from torchvision import models

OUT = Path(__file__).resolve().parent / "references.pt"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))   # the course's root
from autograder.judging import cases  # noqa: E402
from helpers import backbones  # noqa: E402

SEED = 20261129

# (architecture, the attribute of its head, the head's in_features, a new number of classes):
# torchvision models with batch normalisation, and a head that is not called "fc"
NETWORKS = [("resnet18", "fc", 512, 3), ("shufflenet_v2_x0_5", "fc", 1024, 7),
            ("mobilenet_v3_small", "classifier", 576, 5)]


# A small network whose head is called neither "fc" nor "classifier" (here "logits"), whose body holds a layer whose
# name begins with the head's (logits_norm) and a parameter that the model holds itself (logit_scale): it tells
# apart answers that find the head, or its parameters, by names written into the code, by a test on the names, or
# through model.children().
SMALL = ("small_net_with_head", "logits", 8, 4)


def with_new_head(architecture, head_name, in_features, num_classes):
    model = (backbones.small_net_with_head(head_name) if architecture == SMALL[0]
             else getattr(models, architecture)())
    setattr(model, head_name, nn.Linear(in_features, num_classes))
    return model


# Networks that tell apart answers that find the head by anything but its name: a head made first (as
# backbones.head_registered_first moves it), so that it is not the last two parameters; and a ResNet-18 head of
# 64 classes, whose bias (started at zero by the hidden test, as every new head's) has the shape and the values
# of the 64-channel batch norms' biases.
HEAD_FIRST_FREEZE = ("resnet18", "fc", 512, 64)                   # its head made first, and like the body's
HEAD_FIRST_GROUPS = ("mobilenet_v3_small", "classifier", 576, 5, 3e-3, 0.5)
LIKE_THE_BODY = ("resnet18", "fc", 512, 64, 1e-3, 0.1)
# A network given to fine_tuning_groups as it is made, not frozen: an answer that takes the frozen parameters as
# the body (right after option 1) finds none.
NOT_FROZEN = ("shufflenet_v2_x0_5", "fc", 1024, 4, 2e-3, 0.1)


def names_under(model, prefix):
    """The names of model's parameters under ``prefix`` (a layer's), sorted, and of the others."""
    names = [name for name, _ in model.named_parameters()]
    inside = sorted(n for n in names if n.startswith(prefix + "."))
    return inside, sorted(n for n in names if not n.startswith(prefix + "."))


def freeze_cases():
    made = []
    # the small two (ResNet-18 is the visible check's), and ResNet-18 with its head made first: the hidden
    # test builds and runs each
    for i, (architecture, head_name, in_features, num_classes) in enumerate([*NETWORKS[1:], HEAD_FIRST_FREEZE,
                                                                             SMALL]):
        model = with_new_head(architecture, head_name, in_features, num_classes)
        head_parameters, _ = names_under(model, head_name)
        # (the same model came back, its trainable parameters, its modules in training mode,
        #  batch norm's running mean unchanged by a forward pass, its own layers kept (no new head),
        #  autograd still on)
        made.append({"architecture": architecture, "head_name": head_name, "in_features": in_features,
                     "num_classes": num_classes, "seed": SEED + i,
                     "head_first": (architecture, head_name, in_features, num_classes) == HEAD_FIRST_FREEZE,
                     "result": (True, head_parameters, [head_name], True, True, True)})
    return made


def count_cases():
    made = []
    for architecture, num_classes, trainable in [
            ("resnet18", 2, ["fc"]), ("resnet18", 10, ["fc"]), ("resnet18", 2, ["layer4", "fc"]),
            ("shufflenet_v2_x0_5", 4, ["conv5", "fc"]), ("mobilenet_v3_small", 3, ["classifier"]),
            ("resnet18", 2, ["conv1", "bn1", "layer1", "layer2", "layer3", "layer4", "fc"])]:
        torch.manual_seed(0)
        model = getattr(models, architecture)(num_classes=num_classes)
        for name, parameter in model.named_parameters():
            parameter.requires_grad_(name.split(".")[0] in trainable)
        count = torchinfo.summary(model, verbose=0).trainable_params
        made.append({"architecture": architecture, "num_classes": num_classes, "trainable": trainable,
                     "count": count})
    return made


def groups_cases():
    made = []
    networks = [(*network, lr, factor, False, True)
                for network, lr, factor in zip(NETWORKS, [1e-3, 0.01, 3e-4], [0.1, 0.05, 0.2])]
    # (..., head made first, frozen first as option 1 leaves a model): the last is not frozen, so that a body
    # taken as the frozen parameters is empty there
    for architecture, head_name, in_features, num_classes, lr, factor, head_first, frozen in [
            *networks, (*LIKE_THE_BODY, False, True), (*HEAD_FIRST_GROUPS, True, True), (*NOT_FROZEN, False, False),
            (*SMALL, 2e-3, 0.25, False, True)]:
        model = with_new_head(architecture, head_name, in_features, num_classes)
        head_parameters, body_parameters = names_under(model, head_name)
        # (the body's learning rate, the head's, the body's parameter names, the head's,
        #  names still frozen, modules in evaluation mode, whether torch.optim accepts the groups, autograd still on)
        made.append({"architecture": architecture, "head_name": head_name, "in_features": in_features,
                     "num_classes": num_classes, "lr": lr, "backbone_factor": factor, "head_first": head_first,
                     "frozen": frozen,
                     "result": (lr * factor, lr, body_parameters, head_parameters, [], [], True, True)})
    return made


def nearest_cases(g):
    made = []
    # (200 rows, k = 10: topk(k, sorted=False) gives them back out of order, where a few rows may not)
    for n, d, k in [(20, 8, 3), (50, 16, 5), (10, 4, 1), (30, 32, 7), (200, 16, 10)]:
        while True:   # drawn again until the dot product and the Euclidean distance choose other rows
            directions = F.normalize(torch.randn(n, d, generator=g, dtype=torch.float64), dim=1)
            lengths = 0.2 + 4.8 * torch.rand(n, 1, generator=g, dtype=torch.float64)   # long and short rows
            features = directions * lengths
            query = 2 * F.normalize(torch.randn(d, generator=g, dtype=torch.float64), dim=0)
            values, indices = F.cosine_similarity(query[None], features, dim=1).topk(k)
            by_dot = (features @ query).topk(k).indices
            by_distance = (features - query).norm(dim=1).topk(k, largest=False).indices
            if not torch.equal(indices, by_dot) and not torch.equal(indices, by_distance):
                break
        # (the k largest cosines, most similar first; their rows; the two returned as topk gives them, a pair of
        #  tensors, the indices whole numbers; the query and the features left as they were)
        made.append({"query": query, "features": features, "k": k, "result": (values, indices, True, True)})
    # Features in float32 (as a backbone gives them): the similarities come back in float32, the indices in int64,
    # as topk gives them; an answer that converts either (.double(), .int()) shows here.
    query, features, k = made[1]["query"].float(), made[1]["features"].float(), made[1]["k"]
    values, indices = F.cosine_similarity(query[None], features, dim=1).topk(k)
    made.append({"query": query, "features": features, "k": k, "result": (values, indices, True, True)})
    return made


def cam_cases(g):
    made = []
    for b, c, h, w, k in [(2, 8, 4, 6, 3), (1, 16, 7, 7, 5), (3, 4, 2, 5, 2)]:
        feature_maps = torch.randn(b, c, h, w, generator=g, dtype=torch.float64).relu()  # as after ReLU
        weight = torch.randn(k, c, generator=g, dtype=torch.float64) / c ** 0.5
        bias = torch.randn(k, generator=g, dtype=torch.float64)
        maps = F.conv2d(feature_maps, weight[:, :, None, None], bias)                   # (B, K, h, w)
        made.append({"feature_maps": feature_maps, "weight": weight, "bias": bias, "maps": maps})
    # Features that can be negative (a backbone that does not end with a ReLU): a relu on them before the
    # head shows here.
    feature_maps = torch.randn(2, 5, 3, 4, generator=g, dtype=torch.float64)
    weight = torch.randn(3, 5, generator=g, dtype=torch.float64) / 5 ** 0.5
    bias = torch.randn(3, generator=g, dtype=torch.float64)
    made.append({"feature_maps": feature_maps, "weight": weight, "bias": bias,
                 "maps": F.conv2d(feature_maps, weight[:, :, None, None], bias)})
    # One image and one class (B = K = 1): a result squeezed (squeeze()) loses both dimensions.
    feature_maps = torch.randn(1, 6, 3, 4, generator=g, dtype=torch.float64).relu()
    weight = torch.randn(1, 6, generator=g, dtype=torch.float64) / 6 ** 0.5
    bias = torch.randn(1, generator=g, dtype=torch.float64)
    made.append({"feature_maps": feature_maps, "weight": weight, "bias": bias,
                 "maps": F.conv2d(feature_maps, weight[:, :, None, None], bias)})
    # Feature maps in float32 (as a backbone gives them): the maps in float32 too; an answer that converts the
    # dtype (.double(), .half()) shows here.
    feature_maps = torch.randn(2, 6, 3, 4, generator=g).relu()
    weight = torch.randn(3, 6, generator=g) / 6 ** 0.5
    bias = torch.randn(3, generator=g)
    made.append({"feature_maps": feature_maps, "weight": weight, "bias": bias,
                 "maps": F.conv2d(feature_maps, weight[:, :, None, None], bias)})
    # (the maps, and whether they have the feature maps' dtype)
    return [dict(case, dtype_kept=True) for case in made]


def make():
    g = torch.Generator().manual_seed(SEED)
    return {
        "test_freeze_except_head": cases(freeze_cases(), "result"),
        "test_count_trainable": cases(count_cases(), "count"),
        "test_fine_tuning_groups": cases(groups_cases(), "result"),
        "test_nearest_by_cosine": cases(nearest_cases(g), "result"),
        "test_class_activation_maps": cases(cam_cases(g), ("maps", "dtype_kept")),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    torch.save(make(), out)
    print(f"wrote {out}")
