"""Device choice and seeding, in one place for the whole course.

Introduced in notebook 01; every notebook that trains a model uses both:

    from helpers import runtime
    runtime.set_seed(0)
    DEVICE = runtime.get_device()   # a torch.device; the course calls one `device`
"""

import random

import numpy as np
import torch


def get_device():
    """The best device this machine has: CUDA, then Apple's MPS, then the CPU."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def describe_device(device=None):
    """One line naming the device, for the top of a notebook."""
    device = torch.device(device) if device is not None else get_device()
    if device.type == "cuda":
        return f"Device: cuda ({torch.cuda.get_device_name(device)})"
    if device.type == "mps":
        return "Device: mps (Apple GPU)"
    threads = torch.get_num_threads()
    return f"Device: cpu ({threads} thread{'' if threads == 1 else 's'})"


def set_seed(seed=0):
    """Seed Python, NumPy and PyTorch (all devices) so a run can be repeated.

    Returns the seed, so a notebook can print what it used.
    """
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError(f"set_seed needs an integer seed, got {seed!r} "
                        f"({type(seed).__name__}); pass e.g. set_seed(0).")
    random.seed(seed)
    np.random.seed(seed % 2**32)      # NumPy accepts only 32-bit seeds
    torch.manual_seed(seed % 2**63)   # torch only 64-bit ones; this also seeds every CUDA device
    return seed
