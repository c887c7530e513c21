"""What the ImageNet backbone costs and what its frozen features are worth, on the ants/bees set.

    python benchmarks/backbones.py [--backbone auto|resnet18|efficientnet_lite0] [--threads N]

For the backbone that ``helpers.backbones.pretrained_backbone`` gives (or the
one named), it prints:

- the seconds to build it (imports of timm/torchvision models included, the first
  time in the process), and the seconds to load the 397 ants/bees images
  (``helpers.data.tensors``: from the decoded cache after the first run);
- the seconds to extract the frozen features of all 397 images (244 training,
  153 validation), after a warm-up on 8 images that is not counted;
- the validation accuracy of a linear probe on those features: scikit-learn's
  logistic regression on standardised features, fitted on the 244 training
  images and scored on the 153 validation ones, with its fitting time;
- the same for the same architecture with random weights (seeded), which shows
  what the ImageNet training is worth.

With the machine's load average before and after, since a busy machine makes
every timing longer. The ants/bees photos come from ``COURSE_DATA`` or the
download cache; without them ``helpers.data`` falls back to synthetic patterns
and says so, and the accuracies then mean nothing for the course.
"""

import argparse
import dataclasses
import os
import platform
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from helpers import backbones, data, runtime  # noqa: E402


def load_average():
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def probe_accuracy(train_features, train_targets, val_features, val_targets):
    """(validation accuracy, seconds to fit) of a logistic regression on standardised features."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    probe = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5_000))
    start = time.perf_counter()
    probe.fit(train_features.numpy(), train_targets.numpy())
    seconds = time.perf_counter() - start
    return probe.score(val_features.numpy(), val_targets.numpy()), seconds


def timed_features(backbone, dataset):
    start = time.perf_counter()
    features = backbone.features(dataset)
    return features, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backbone", default=None, choices=(backbones.AUTO, *backbones.NAMES),
                        help="default: COURSE_BACKBONE, else auto")
    parser.add_argument("--threads", type=int, default=None, help="torch's threads (default: its own)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, {torch.get_num_threads()} threads; load average {load_average()}")

    start = time.perf_counter()
    backbone = backbones.pretrained_backbone(args.backbone)
    print(f"build the backbone: {time.perf_counter() - start:.2f} s")

    start = time.perf_counter()
    train_set, val_set = data.tensors("hymenoptera", train=True), data.tensors("hymenoptera", train=False)
    print(f"load the ants/bees images ({len(train_set)} train, {len(val_set)} validation, "
          f"{tuple(train_set.images.shape[1:])}): {time.perf_counter() - start:.2f} s")

    runtime.set_seed(0)
    random_weights = dataclasses.replace(backbone, model=backbone.build().eval())
    rows = []
    for label, network in ((f"{backbone.title}, ImageNet weights", backbone),
                           (f"{backbone.title}, random weights", random_weights)):
        network.features(train_set.images[:8])   # warm-up, not counted
        train_features, train_seconds = timed_features(network, train_set)
        val_features, val_seconds = timed_features(network, val_set)
        accuracy, fit_seconds = probe_accuracy(train_features, train_set.targets,
                                               val_features, val_set.targets)
        rows.append((label, train_seconds + val_seconds, accuracy, fit_seconds))
        print(f"{label}: features of {len(train_set) + len(val_set)} images "
              f"({network.feature_size} each) in {train_seconds + val_seconds:.1f} s; "
              f"linear probe: {accuracy:.3f} validation accuracy (fitted in {fit_seconds:.2f} s)")
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    main()
