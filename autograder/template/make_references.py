"""Make the hidden tests' inputs and expected outputs for notebook NN_topic.

Every expected output comes from PyTorch's own operations, never from the course's
solutions, so the two are independent. The inputs are fresh: the student never sees them.
One entry per graded test cell (its grade id), a list of cases, each
``{"inputs": ..., "expected": ...}`` (see autograder/judging.py); only the
inputs ever reach the student's kernel.

    python autograder/NN_topic/make_references.py   # writes references.pt beside it
"""

import sys
from pathlib import Path

import torch

OUT = Path(__file__).resolve().parent / "references.pt"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))   # the course's root
from autograder.judging import cases  # noqa: E402

SEED = 1


def double_cases(g):
    made = []
    for shape in [(3,), (2, 5), (1, 2, 3, 4)]:
        x = torch.randn(*shape, generator=g, dtype=torch.float64)
        made.append({"x": x, "y": torch.mul(x, 2)})
    return made


def make():
    g = torch.Generator().manual_seed(SEED)
    return {
        "test_double": cases(double_cases(g), "y"),
    }


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    torch.save(make(), out)
    print(f"wrote {out}")
