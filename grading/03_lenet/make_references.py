"""Make the hidden tests' inputs and expected outputs for notebook 03.

Expected values come from PyTorch itself, never from the course's solutions:
the networks' outputs from torch.nn.functional's own operations (F.conv2d, F.relu,
F.max_pool2d, F.linear, F.log_softmax) with weights drawn from a seed
(helpers.grading.seeded_parameters, which the hidden test draws again and loads into the
student's module), parameter names and shapes from reference models built here layer by layer, predictions
from a fixed model's own forward pass in evaluation mode, confusion matrices from torch.bincount;
make_mlp's structure is the notebook's specification (one hidden layer on 28x28).
One epoch of training: the weights after plain SGD steps taken here with
torch.autograd.grad and an update written out (no optimiser object), one batch
after the other; evaluation: F.cross_entropy and argmax over the whole set at
once, in evaluation mode.

One entry per graded test cell (its grade id), a list of cases, each
``{"inputs": ..., "expected": ...}`` (see autograder/judging.py); only the
inputs ever reach the student's kernel.

    python grading/03_lenet/make_references.py   # writes references.pt beside it
"""

import sys
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

OUT = Path(__file__).resolve().parent / "references.pt"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))   # the course's root
from autograder.judging import cases  # noqa: E402
from helpers.grading import seeded_parameters  # noqa: E402
SEED = 20261124


class LeNet5(nn.Module):
    """The classic LeNet-5 layer list (6 and 16 maps, 120 and 84 units) for 28x28 inputs."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)


class MnistExampleNet(nn.Module):
    """The lecture's network once fixed: 20 and 50 maps, 500 hidden units."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 20, 5, 1)
        self.conv2 = nn.Conv2d(20, 50, 5, 1)
        self.fc1 = nn.Linear(4 * 4 * 50, 500)
        self.fc2 = nn.Linear(500, 10)


def shapes(model):
    return [(name, tuple(p.shape)) for name, p in model.named_parameters()]


def lenet_scores(w, x):
    """LeNet-5 in torch.nn.functional: conv, ReLU, 2x2 max pooling twice, flatten, fc1 and fc2 with ReLU, fc3."""
    x = F.max_pool2d(F.relu(F.conv2d(x, w["conv1.weight"], w["conv1.bias"], padding=2)), 2)   # (N, 6, 14, 14)
    x = F.max_pool2d(F.relu(F.conv2d(x, w["conv2.weight"], w["conv2.bias"])), 2)              # (N, 16, 5, 5)
    x = F.relu(F.linear(x.flatten(1), w["fc1.weight"], w["fc1.bias"]))
    x = F.relu(F.linear(x, w["fc2.weight"], w["fc2.bias"]))
    return F.linear(x, w["fc3.weight"], w["fc3.bias"])


def fixed_net_log_probs(w, x):
    """The lecture's network once fixed, in torch.nn.functional: log-probabilities (N, 10)."""
    x = F.max_pool2d(F.relu(F.conv2d(x, w["conv1.weight"], w["conv1.bias"])), 2, 2)           # (N, 20, 12, 12)
    x = F.max_pool2d(F.relu(F.conv2d(x, w["conv2.weight"], w["conv2.bias"])), 2, 2)           # (N, 50, 4, 4)
    x = F.relu(F.linear(x.reshape(len(x), -1), w["fc1.weight"], w["fc1.bias"]))
    return F.log_softmax(F.linear(x, w["fc2.weight"], w["fc2.bias"]), dim=1)


def network_cases(g, model, function, seeds, n=4):
    """Hidden images (standard normal, both signs) and seeded weights; the output ``function`` computes."""
    parameters = shapes(model)
    made = []
    for seed in seeds:
        x = torch.randn(n, 1, 28, 28, generator=g, dtype=torch.float64)
        weights = dict(seeded_parameters(parameters, seed))
        made.append({"x": x, "parameters": parameters, "seed": seed, "output": function(weights, x)})
    return made


# make_mlp: the hidden widths h whose 795 h + 10 parameters are within 5% of LeNet-5's 61,706
MLP_WIDTHS = [h for h in range(1, 200) if abs(795 * h + 10 - 61_706) <= 0.05 * 61_706]


def mlp_cases(g, seed):
    """One case per allowed hidden width: seeded weights for Flatten, Linear(784, h), ReLU, Linear(h, 10),
    and its scores by F.linear and F.relu on the same hidden images, scaled up so that an activation that
    clips large values (nn.ReLU6, nn.Hardtanh) gives other scores."""
    x = 30 * torch.randn(4, 1, 28, 28, generator=g, dtype=torch.float64)
    made = []
    for h in MLP_WIDTHS:
        parameters = [("1.weight", (h, 784)), ("1.bias", (h,)), ("3.weight", (10, h)), ("3.bias", (10,))]
        w = dict(seeded_parameters(parameters, seed + h))
        scores = F.linear(F.relu(F.linear(x.flatten(1), w["1.weight"], w["1.bias"])), w["3.weight"], w["3.bias"])
        made.append({"x": x, "parameters": parameters, "seed": seed + h, "output": scores})
    return made


BATCH_SIZE = 5   # the hidden test's loader: batches of 5, and a last one of 3


def predict_model():
    """The hidden test's model: batch normalisation, then a linear classifier."""
    return nn.Sequential(nn.Flatten(), nn.BatchNorm1d(12), nn.Linear(12, 4)).double()


def predict_case(g):
    """A fixed classifier, inputs and labels; the predictions are its own argmax in evaluation mode.

    Its batch normalisation has running statistics far from any batch's own, so a
    predict that leaves the model in training mode (which normalises each batch
    by its own statistics) predicts otherwise, and the same way every time: unlike
    dropout, batch normalisation draws nothing at random.
    """
    model = predict_model()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn(p.shape, generator=g, dtype=torch.float64))
        model[1].running_mean.copy_(0.8 * torch.randn(12, generator=g, dtype=torch.float64))
        model[1].running_var.copy_(0.2 + 0.3 * torch.rand(12, generator=g, dtype=torch.float64))
    x = torch.randn(23, 1, 3, 4, generator=g, dtype=torch.float64)
    y = torch.randint(0, 4, (23,), generator=g)
    model.eval()
    with torch.no_grad():
        y_pred = model(x).argmax(dim=1)
    return {"state_dict": model.state_dict(), "x": x, "y": y, "y_pred": y_pred}


def predictions_in_training_mode(case):
    """What a predict without model.eval() returns for the case: batches of BATCH_SIZE in training mode."""
    model = predict_model()
    model.load_state_dict(case["state_dict"])
    model.train()
    with torch.no_grad():
        return torch.cat([model(x).argmax(dim=1) for x in case["x"].split(BATCH_SIZE)])


def train_model():
    """The train_one_epoch hidden test's model: batch normalisation between two linear layers."""
    return nn.Sequential(nn.Linear(6, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Linear(8, 3)).double()


def sgd_epoch(model, x, y, batch_size, lr):
    """One epoch of plain SGD in training mode, batch after batch in order: the mean loss per example.

    Each batch's gradient comes from torch.autograd.grad, and every parameter moves by
    -lr times it, written out here rather than taken from torch.optim.
    """
    model.train()
    parameters = list(model.parameters())
    total = 0.0
    for xb, yb in zip(x.split(batch_size), y.split(batch_size)):
        loss = F.cross_entropy(model(xb), yb)
        grads = torch.autograd.grad(loss, parameters)
        with torch.no_grad():
            for p, grad in zip(parameters, grads):
                p.sub_(lr * grad)
        total += loss.item() * len(yb)
    return total / len(y)


def train_case(g):
    """Initial weights, 13 examples in batches of 5, 5 and 3, plain SGD; the state after one epoch."""
    model = train_model()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn(p.shape, generator=g, dtype=torch.float64))
        model[1].running_mean.copy_(torch.randn(8, generator=g, dtype=torch.float64))
        model[1].running_var.copy_(0.5 + torch.rand(8, generator=g, dtype=torch.float64))
    start = {k: v.clone() for k, v in model.state_dict().items()}
    x = torch.randn(13, 6, generator=g, dtype=torch.float64)
    y = torch.randint(0, 3, (13,), generator=g)
    case = {"state_dict": start, "x": x, "y": y, "batch_size": 5, "lr": 0.1}
    case["loss"] = sgd_epoch(model, x, y, case["batch_size"], case["lr"])
    case["state_after"] = {k: v.clone() for k, v in model.state_dict().items()}
    return case


def evaluate_case(g, scale=1.0):
    """A fixed classifier with batch normalisation, 23 examples in batches of 5 (the last of 3):
    the mean loss and the accuracy over the whole set in evaluation mode, and no gradients. A small
    `scale` of the last layer's weights makes every score's lead small: the highest score's probability is
    then below 0.5, where an accuracy that counts only probabilities above 0.5 as right finds none."""
    case = predict_case(g)
    with torch.no_grad():
        case["state_dict"] = {k: v * scale if k.startswith("2.") else v for k, v in case["state_dict"].items()}
    model = predict_model()
    model.load_state_dict(case["state_dict"])
    model.eval()
    with torch.no_grad():
        scores = model(case["x"])
    return {"state_dict": case["state_dict"], "x": case["x"], "y": case["y"], "batch_size": BATCH_SIZE,
            "loss": F.cross_entropy(scores, case["y"]).item(),
            "accuracy": (scores.argmax(dim=1) == case["y"]).double().mean().item(),
            "grad_enabled": False}


def confusion_cases(g):
    cases = []
    # the last two: classes that never occur (the highest ones among them), in neither y_true nor y_pred
    for num_classes, n, occurring in [(3, 40, 3), (10, 500, 10), (5, 7, 5), (6, 30, 4), (8, 12, 5)]:
        y_true = torch.randint(0, occurring, (n,), generator=g)
        y_pred = torch.randint(0, occurring, (n,), generator=g)
        matrix = torch.bincount(y_true * num_classes + y_pred, minlength=num_classes ** 2)
        cases.append({"y_true": y_true, "y_pred": y_pred, "num_classes": num_classes,
                      "matrix": matrix.reshape(num_classes, num_classes)})
    return cases


def make():
    g = torch.Generator().manual_seed(SEED)
    return {
        "test_lenet5": cases(network_cases(g, LeNet5(), lenet_scores, [SEED + 10, SEED + 11]), "output"),
        "test_fixed_net": cases(network_cases(g, MnistExampleNet(), fixed_net_log_probs, [SEED + 20]), "output"),
        "test_predict": cases([predict_case(g)], "y_pred"),
        "test_confusion_matrix": cases(confusion_cases(g), "matrix"),
        "test_train_one_epoch": cases([train_case(torch.Generator().manual_seed(SEED + 1))],
                                      ("loss", "state_after")),
        "test_evaluate": cases([evaluate_case(torch.Generator().manual_seed(SEED + 2)),
                                evaluate_case(torch.Generator().manual_seed(SEED + 3), scale=0.05)],
                               ("loss", "accuracy", "grad_enabled")),
        # an MLP on flattened 28x28 images with one hidden layer, of any width the exercise allows
        "test_make_mlp": cases(mlp_cases(g, SEED + 1000), "output"),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    torch.save(make(), out)
    print(f"wrote {out}")
