"""How long notebook 05's degradation experiment takes on this machine, and what it shows.

    python benchmarks/degradation.py [--train-size 2000] [--epochs 4] [--image-size 32]
                                     [--depths 20 56] [--batch-size 128] [--threads N]

Trains the 6n+2 CIFAR-10 networks of ``helpers.residual`` (plain, and residual with
torchvision's own ``BasicBlock`` and a 1x1 projection where the shape changes,
``residual.reference_block``) as
notebook 05 does: the course's ``fit`` and ``data.loaders`` on the real CIFAR-10
(from COURSE_DATA), crops and flips, SGD with momentum 0.9 and weight decay 5e-4,
a one-cycle schedule stepped once per epoch. ``--image-size 16`` puts a 2x2 average
pooling in front of each network, as the notebook does (16x16 images: a quarter of the work). For each network it prints
the seconds of every epoch and the training error after it, the test accuracy at
the end, and the load average before and after, since a busy machine inflates
every time.
"""

import argparse
import sys
import time
from pathlib import Path

import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from helpers import augment, data, residual, runtime, training  # noqa: E402


def load():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train-size", type=int, default=2000)
    parser.add_argument("--test-size", type=int, default=2000)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--image-size", type=int, default=32, choices=(16, 32))
    parser.add_argument("--depths", type=int, nargs="+", default=[20, 56])
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    shrink = nn.AvgPool2d(2) if args.image_size == 16 else nn.Identity()
    train_loader, test_loader = data.loaders("cifar10", batch_size=args.batch_size, augment=augment.standard(32),
                                             train_size=args.train_size, test_size=args.test_size)
    print(f"{args.train_size} training images, {args.epochs} epochs, {args.image_size}x{args.image_size} px, "
          f"batches of {args.batch_size}, {torch.get_num_threads()} threads, torch {torch.__version__}, "
          f"load average {load()}", flush=True)
    started = time.perf_counter()
    for d in args.depths:
        for kind, block in (("plain", residual.PlainBlock), ("resnet", residual.reference_block)):
            runtime.set_seed(0)
            model = nn.Sequential(shrink, residual.cifar_net(d, block))
            optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
            scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=args.lr, total_steps=args.epochs)
            history = training.fit(model, train_loader, nn.CrossEntropyLoss(), optimizer, args.epochs,
                                   device="cpu", scheduler=scheduler, progress=False)
            _, test_acc = training.evaluate(model, test_loader, nn.CrossEntropyLoss(), device="cpu")
            errors = " ".join(f"{100 * (1 - a):.1f}" for a in history.train_acc)
            seconds = " ".join(f"{s:.1f}" for s in history.seconds)
            print(f"{kind}-{d}: {training.count_parameters(model):,} parameters; training error per epoch (%) "
                  f"{errors}; test accuracy {100 * test_acc:.1f}%; seconds per epoch {seconds}; "
                  f"load average {load()}", flush=True)
    print(f"total {time.perf_counter() - started:.0f} s, load average {load()}")


if __name__ == "__main__":
    main()
