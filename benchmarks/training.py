"""How fast the course trains, and how much of that its data path costs.

    python benchmarks/training.py [--device cpu|cuda|mps] [--epochs 2] [--accuracy]

For LeNet-5 on MNIST (the solution's own class, read from solutions/03_lenet) and
a small VGG-style CIFAR-10 net with batch norm, at the full scale (the real data
from COURSE_DATA, or from the download cache), it prints seconds per training
epoch three ways:

- course: ``helpers.training.fit`` fed by ``helpers.data.loaders`` (the data held
  as uint8 tensors; each batch converted, augmented for CIFAR-10, and normalised),
  progress bar included, exactly as a notebook runs it;
- bare: the same model, optimiser and batches from a plain loop over a float
  tensor prepared in advance (already normalised; CIFAR-10 augmented by the same
  batch functions), accumulating loss and accuracy on the device;
- data only: one pass over the course's loader with no model at all,

and the ratio course / bare, and the share of the course's epoch spent making
batches. Each figure is the fastest of ``--epochs`` epochs (the first of all is a
warm-up and is not counted), so that a disturbance elsewhere on the machine
does not count against one side. ``--accuracy`` also trains LeNet-5 as notebook
03 does at the full scale (5 epochs, Adam, cosine schedule) and prints its test
accuracy and seconds per epoch.
"""

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from helpers import augment, data, runtime, training  # noqa: E402

LENET_NOTEBOOK = ROOT / "solutions" / "03_lenet" / "03_lenet.ipynb"


def solution_lenet():
    """The LeNet5 class of notebook 03's solution, as a student who solved it has it."""
    cells = {c["id"]: "".join(c["source"]) for c in json.loads(LENET_NOTEBOOK.read_text())["cells"]}
    namespace = {"torch": torch, "nn": nn, "F": F}
    exec(compile(cells["lenet5"], f"{LENET_NOTEBOOK.name}:lenet5", "exec"), namespace)
    return namespace["LeNet5"]


def small_vgg():
    """A VGG-style CIFAR-10 net: three blocks of two 3x3 convolutions with batch norm (205,354
    parameters): (N, 3, 32, 32) -> (N, 10)."""
    def block(c_in, c_out):
        return [nn.Conv2d(c_in, c_out, 3, padding=1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(),
                nn.Conv2d(c_out, c_out, 3, padding=1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(),
                nn.MaxPool2d(2)]
    return nn.Sequential(*block(3, 32), *block(32, 64), *block(64, 96),   # (N, 96, 4, 4)
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(96, 10))


def synchronize(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elif device.type == "mps":
        torch.mps.synchronize()


def bare_epoch(model, optimizer, x_all, y_all, batch_size, generator, augment_fn, device):
    """One epoch of the plainest loop over tensors already on the device; returns seconds."""
    synchronize(device)
    start = time.perf_counter()
    model.train()
    loss_fn = nn.CrossEntropyLoss()
    total_loss = torch.zeros((), device=device)
    correct = torch.zeros((), dtype=torch.int64, device=device)
    order = torch.randperm(len(x_all), generator=generator).to(device)
    for i in range(0, len(x_all), batch_size):
        index = order[i:i + batch_size]
        x, y = x_all[index], y_all[index]
        if augment_fn is not None:
            x = augment_fn(x)
        optimizer.zero_grad()
        y_hat = model(x)
        loss = loss_fn(y_hat, y)
        loss.backward()
        optimizer.step()
        total_loss += loss.detach() * len(y)
        correct += (y_hat.argmax(dim=1) == y).sum()
    total_loss.item()   # wait for the device, as fit's figures do
    synchronize(device)
    return time.perf_counter() - start


def data_only_epoch(loader, device):
    synchronize(device)
    start = time.perf_counter()
    for x, y in loader:
        pass
    synchronize(device)
    return time.perf_counter() - start


def compare(title, name, make_model, make_optimizer, augment_fn, device, epochs, batch_size):
    train_loader, _ = data.loaders(name, batch_size=batch_size, augment=augment_fn, device=device)
    dataset = train_loader.dataset
    # The bare loop's data: every image converted and normalised once, in advance.
    # Augmentation is applied to [0, 1] images, so then it comes before normalising.
    if augment_fn is None:
        x_all, bare_augment = dataset.as_float(dataset.images), None
    else:
        x_all = dataset.images.float().div(255)
        bare_augment = lambda x: dataset.normalize(augment_fn(x))  # noqa: E731
    y_all = dataset.targets

    runtime.set_seed(0)
    model = make_model().to(device)
    optimizer = make_optimizer(model)
    course, bare, data_only = [], [], []
    generator = torch.Generator().manual_seed(0)
    for epoch in range(epochs + 1):   # epoch 0 warms up both paths and is not counted
        history = training.fit(model, train_loader, nn.CrossEntropyLoss(), optimizer, 1,
                               device=device)
        times = (history.seconds[0],
                 bare_epoch(model, optimizer, x_all, y_all, batch_size, generator, bare_augment,
                            device),
                 data_only_epoch(train_loader, device))
        if epoch > 0:
            for kept, seconds in zip((course, bare, data_only), times):
                kept.append(seconds)
    course_s, bare_s, data_s = min(course), min(bare), min(data_only)
    print(f"\n{title}: {len(dataset):,} training images, batch size {batch_size}, "
          f"{training.count_parameters(model):,} parameters")
    print(f"  course (fit + data.loaders): {course_s:7.2f} s per epoch")
    print(f"  bare tensor loop:            {bare_s:7.2f} s per epoch")
    print(f"  ratio course / bare:         {course_s / bare_s:7.2f}")
    print(f"  making batches alone:        {data_s:7.2f} s per epoch "
          f"({100 * data_s / course_s:.0f}% of the course's epoch; the rest is the model's steps)")
    return course_s / bare_s


def lenet_accuracy(LeNet5, device):
    """Notebook 03's full-scale training: 5 epochs, Adam at 2e-3 with a cosine schedule."""
    train_loader, test_loader = data.loaders("mnist", batch_size=64, device=device)
    runtime.set_seed(0)
    model = LeNet5()
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=5)
    history = training.fit(model, train_loader, nn.CrossEntropyLoss(), optimizer, 5,
                           device=device, test_loader=test_loader, scheduler=scheduler)
    seconds = sum(history.seconds) / len(history)
    print(f"\nLeNet-5 as in notebook 03, full scale: test accuracy {100 * history.final_test_acc:.2f}% "
          f"after 5 epochs, {seconds:.1f} s per epoch (training and test evaluation)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default=None, help="default: the best this machine has")
    parser.add_argument("--epochs", type=int, default=2, help="timed epochs per path (default 2)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--accuracy", action="store_true",
                        help="also train LeNet-5 for 5 epochs and report its test accuracy")
    parser.add_argument("--only", choices=("mnist", "cifar10"), default=None)
    args = parser.parse_args()
    os.environ.setdefault("COURSE_SCALE", "full")
    device = torch.device(args.device) if args.device else runtime.get_device()
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"torch {torch.__version__}; {runtime.describe_device(device)}; "
          f"COURSE_DATA={data.data_dir()}")

    LeNet5 = solution_lenet()
    if args.only in (None, "mnist"):
        compare("LeNet-5 on MNIST", "mnist", LeNet5,
                lambda m: torch.optim.Adam(m.parameters(), lr=2e-3), None, device, args.epochs,
                args.batch_size)
    if args.only in (None, "cifar10"):
        compare("VGG-style net on CIFAR-10, crop-and-flip augmentation", "cifar10", small_vgg,
                lambda m: torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9),
                augment.standard(32), device, args.epochs, args.batch_size)
    if args.accuracy:
        lenet_accuracy(LeNet5, device)


if __name__ == "__main__":
    main()
