"""Make the hidden tests' inputs and expected outputs for notebook 03.

Expected values come from PyTorch itself, never from the course's solutions:
parameter shapes from reference models built here layer by layer, predictions
from a fixed model's own forward pass in evaluation mode, confusion matrices from torch.bincount;
make_mlp's structure is the notebook's specification (one hidden layer on 28x28).

One entry per graded test cell (its grade id), a list of cases, each
``{"inputs": ..., "expected": ...}`` (see autograder/judging.py); only the
inputs ever reach the student's kernel.

    python autograder/03_lenet/make_references.py   # writes references.pt beside it
"""

import sys
from pathlib import Path

import torch
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
        # an MLP on flattened 28x28 images with one hidden layer: two linear layers
        "test_make_mlp": cases([{"linear_layers": 2, "in_features": 28 * 28}],
                               ("linear_layers", "in_features")),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    torch.save(make(), out)
    print(f"wrote {out}")
