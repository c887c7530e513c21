"""Benchmark for notebook 02: a convolution by a loop, by im2col, and by F.conv2d, on the CPU.

Times the solution's own code, taken from solutions/02_pooling (the cells that
define im2col, conv2d_im2col and conv2d_loop), on a batch of 64 images with 64
channels in and out, 32x32, a 3x3 kernel and padding 1. The loop runs on an 8x8
corner of the input and its time is scaled by the number of output positions.

    python benchmarks/im2col.py [--threads N] [--repeats R]
"""

import argparse
import json
import platform
import time
from pathlib import Path

import torch
import torch.nn.functional as F

NOTEBOOK = Path(__file__).resolve().parent.parent / "solutions" / "02_pooling" / "02_pooling.ipynb"
CELLS = ("im2col", "conv2d_im2col", "timing")  # the cells whose functions are timed


def solution_functions():
    """Run the solution cells that define the timed functions; return their namespace."""
    cells = {c["id"]: "".join(c["source"]) for c in json.loads(NOTEBOOK.read_text())["cells"]}
    namespace = {"torch": torch, "F": F}
    for cell_id in CELLS:
        source = cells[cell_id]
        if cell_id == "timing":  # only the function definitions, not the notebook's own timing
            source = source.split("\ndef best_time")[0]
        exec(compile(source, f"{NOTEBOOK.name}:{cell_id}", "exec"), namespace)
    return namespace


def best_times(fns, repeats):
    """The fastest of `repeats` runs of each function, run in turn (round-robin), so that a
    disturbance from elsewhere on the machine does not favour one of them."""
    for fn in fns.values():
        fn()  # warm-up: the first call pays for memory allocation
    best = {name: float("inf") for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    fns = solution_functions()

    x = torch.randn(64, 64, 32, 32)
    weight, bias = torch.randn(64, 64, 3, 3), torch.randn(64)
    expected = F.conv2d(x, weight, bias, padding=1)
    got = fns["conv2d_im2col"](x, weight, bias, 1, 1)
    assert torch.allclose(got, expected, rtol=1e-4, atol=1e-3), "conv2d_im2col is wrong"

    small = x[:, :, :8, :8]
    timings = best_times({
        "loop (8x8 corner, scaled)": lambda: fns["conv2d_loop"](small, weight, bias, 1),
        "im2col (solution)": lambda: fns["conv2d_im2col"](x, weight, bias, 1, 1),
        "F.conv2d": lambda: F.conv2d(x, weight, bias, padding=1),
    }, args.repeats)
    timings["loop (8x8 corner, scaled)"] *= (32 * 32) / (8 * 8)  # output positions: full / corner
    print(f"conv 64x64x32x32, 64 filters 3x3, padding 1 | torch {torch.__version__} | "
          f"{platform.processor() or platform.machine()} | {args.threads} threads | "
          f"best of {args.repeats}")
    for name, seconds in timings.items():
        print(f"{name:>28}: {seconds * 1e3:10.1f} ms  {seconds / timings['F.conv2d']:8.1f} x F.conv2d")
    print(f"im2col / F.conv2d = {timings['im2col (solution)'] / timings['F.conv2d']:.2f}")


if __name__ == "__main__":
    main()
