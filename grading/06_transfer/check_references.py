"""Self-checks of notebook 06's reference cases: PyTorch's, torchvision's and torchinfo's own answers.

Run by tests/test_references.py, like every notebook's ``check_references.py``: each
``check_*`` function gets ``references`` ({grade id: [case as one flat dict]}) and
``script`` (make_references.py, loaded), and fails with an assertion.
"""

import torch
import torch.nn.functional as F
from torch import nn
from torchvision import models


def check_the_lectures_counts(references, script):
    # ResNet-18 with a frozen body: 1,026 trainable for 2 classes, 5,130 for 10; 11,177,538 in all
    counts = [case["count"] for case in references["test_count_trainable"]]
    assert counts[0] == 1_026 and counts[1] == 5_130 and counts[-1] == 11_177_538
    # and every count is what PyTorch's own parameters add up to
    for case in references["test_count_trainable"]:
        model = getattr(models, case["architecture"])(num_classes=case["num_classes"])
        assert case["count"] == sum(p.numel() for name, p in model.named_parameters()
                                    if name.split(".")[0] in case["trainable"])


def check_freezing_a_network_as_expected_keeps_its_statistics(references, script):
    """Frozen as the references say (only the head trainable and training), a forward pass moves no
    running mean; in training mode, it does: the cases can tell the two apart."""
    for case in references["test_freeze_except_head"]:
        _, head_parameters, training_modules, *_ = case["result"]
        model = script.with_new_head(case["architecture"], case["head_name"], case["in_features"],
                                     case["num_classes"])
        head = getattr(model, case["head_name"])
        assert sorted(name for name, _ in model.named_parameters()
                      if name.split(".")[0] == case["head_name"]) == head_parameters
        bn = next(m for m in model.modules() if isinstance(m, nn.BatchNorm2d))
        before = bn.running_mean.clone()
        model.eval()
        head.train()
        model(torch.randn(2, 3, 32, 32))
        assert torch.equal(bn.running_mean, before)
        assert [n for n, m in model.named_modules() if m.training] == training_modules
        model.train()
        model(torch.randn(2, 3, 32, 32))
        assert not torch.equal(bn.running_mean, before)


def check_groups_hold_every_parameter_once(references, script):
    for case in references["test_fine_tuning_groups"]:
        body_lr, head_lr, body, head, frozen, evaluating, optimiser_accepts, grad_on = case["result"]
        model = script.with_new_head(case["architecture"], case["head_name"], case["in_features"],
                                     case["num_classes"])
        assert sorted(body + head) == sorted(name for name, _ in model.named_parameters())
        assert not set(body) & set(head) and len(head) == 2
        assert body_lr < head_lr and abs(body_lr - case["lr"] * case["backbone_factor"]) < 1e-15
        assert frozen == [] and evaluating == [] and optimiser_accepts is True and grad_on is True


def check_groups_cases_tell_the_head_by_identity(references, script):
    """One case's head is made first (not the last two parameters); in another, a body parameter holds the
    shape and the values of the head's zero bias (a comparison of shapes, sizes or values takes it for the
    head's)."""
    from helpers import backbones

    cases = references["test_fine_tuning_groups"]
    first = next(c for c in cases if c["head_first"])
    model = script.with_new_head(first["architecture"], first["head_name"], first["in_features"],
                                 first["num_classes"])
    backbones.head_registered_first(model, first["head_name"])
    names = [name for name, _ in model.named_parameters()]
    assert all(n.startswith(first["head_name"] + ".") for n in names[:2])
    assert not any(n.startswith(first["head_name"] + ".") for n in names[-2:])
    model.eval()
    model(torch.randn(2, 3, 32, 32))                       # it still computes, its head last
    alike = [c for c in cases if c["architecture"] == "resnet18" and c["num_classes"] == 64]
    assert len(alike) == 1
    model = script.with_new_head("resnet18", "fc", 512, 64)
    nn.init.zeros_(model.fc.bias)
    assert torch.equal(model.fc.bias, model.bn1.bias) and model.fc.bias is not model.bn1.bias


def check_nearest_are_cosine_and_differ_from_dot_and_euclid(references, script):
    for case in references["test_nearest_by_cosine"]:
        query, features, k = case["query"], case["features"], case["k"]
        values, indices, tensors, unchanged = case["result"]
        assert tensors is True and unchanged is True
        cosines = (features @ query) / (features.norm(dim=1) * query.norm())
        assert torch.allclose(cosines[indices], values)
        assert torch.equal(indices, cosines.argsort(descending=True)[:k])
        # the wrong measures give other answers
        assert not torch.equal(indices, (features @ query).topk(k).indices)
        assert not torch.equal(indices, (features - query).norm(dim=1).topk(k, largest=False).indices)


def check_maps_are_the_head_at_every_position(references, script):
    for case in references["test_class_activation_maps"]:
        x, weight, bias, maps = case["feature_maps"], case["weight"], case["bias"], case["maps"]
        head = nn.Linear(weight.shape[1], weight.shape[0], dtype=weight.dtype)
        with torch.no_grad():
            head.weight.copy_(weight)
            head.bias.copy_(bias)
            assert torch.allclose(maps, head(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2))
            # their mean over the positions is the head on the pooled features
            assert torch.allclose(maps.mean(dim=(2, 3)), head(x.mean(dim=(2, 3))))
        assert x.shape[2] != x.shape[3] or x.shape[2] > 1
        assert not torch.allclose(maps, F.conv2d(x, weight[:, :, None, None]))   # the bias matters
