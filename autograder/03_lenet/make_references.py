"""Make the hidden tests' inputs and expected outputs for notebook 03.

Expected values come from PyTorch itself, never from the course's solutions:
parameter shapes from reference models built here layer by layer, predictions
from a fixed model's own forward pass in evaluation mode, confusion matrices from torch.bincount;
make_mlp's structure is the notebook's specification (one hidden layer on 28x28).
One epoch of training: the weights after plain SGD steps taken here with
torch.autograd.grad and an update written out (no optimiser object), one batch
after the other; evaluation: F.cross_entropy and argmax over the whole set at
once, in evaluation mode.

One entry per graded test cell (its grade id), a list of cases, each
``{"inputs": ..., "expected": ...}`` (see autograder/judging.py); only the
inputs ever reach the student's kernel.

    python autograder/03_lenet/make_references.py   # writes references.pt beside it
"""

import sys
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

OUT = Path(__file__).resolve().parent / "references.pt"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))   # the course's root
from autograder.judging import cases  # noqa: E402
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


def evaluate_case(g):
    """A fixed classifier with batch normalisation, 23 examples in batches of 5 (the last of 3):
    the mean loss and the accuracy over the whole set in evaluation mode, and no gradients."""
    case = predict_case(g)
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
    for num_classes, n in [(3, 40), (10, 500), (5, 7)]:
        y_true = torch.randint(0, num_classes, (n,), generator=g)
        y_pred = torch.randint(0, num_classes, (n,), generator=g)
        matrix = torch.bincount(y_true * num_classes + y_pred, minlength=num_classes ** 2)
        cases.append({"y_true": y_true, "y_pred": y_pred, "num_classes": num_classes,
                      "matrix": matrix.reshape(num_classes, num_classes)})
    return cases


def make():
    g = torch.Generator().manual_seed(SEED)
    x = torch.rand(5, 1, 28, 28, generator=g)  # (N, C, H, W): five images for both networks
    return {
        "test_lenet5": cases([{"x": x, "shapes": shapes(LeNet5())}], "shapes"),
        "test_fixed_net": cases([{"x": x, "shapes": shapes(MnistExampleNet())}], "shapes"),
        "test_predict": cases([predict_case(g)], "y_pred"),
        "test_confusion_matrix": cases(confusion_cases(g), "matrix"),
        "test_train_one_epoch": cases([train_case(torch.Generator().manual_seed(SEED + 1))],
                                      ("loss", "state_after")),
        "test_evaluate": cases([evaluate_case(torch.Generator().manual_seed(SEED + 2))],
                               ("loss", "accuracy", "grad_enabled")),
        # an MLP on flattened 28x28 images with one hidden layer: two linear layers
        "test_make_mlp": cases([{"linear_layers": 2, "in_features": 28 * 28}],
                               ("linear_layers", "in_features")),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    torch.save(make(), out)
    print(f"wrote {out}")
