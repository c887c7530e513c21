"""The one switch between the full scale (what students run) and the fast scale.

Introduced in notebook 01. Notebooks never read the environment themselves;
they ask this module for sizes:

    num_steps = scale.choose(fast=50, full=500)

The fast scale (small subsets, few epochs, small images) is for CI and the
autograder, so a whole notebook runs in well under a minute on two CPU cores.
It is chosen by setting the environment variable ``COURSE_SCALE=fast``; the
default is the full scale.
"""

import os

ENV_VAR = "COURSE_SCALE"
SCALES = ("fast", "full")
DEFAULT = "full"


def current():
    """Return the scale in force, ``"fast"`` or ``"full"``."""
    value = os.environ.get(ENV_VAR, "").strip().lower() or DEFAULT
    if value not in SCALES:
        raise ValueError(
            f"{ENV_VAR}={os.environ[ENV_VAR]!r} is not a scale the course knows. "
            f"Set it to 'fast' or 'full', or unset it to get '{DEFAULT}'."
        )
    return value


def is_fast():
    """True at the fast scale (CI and the autograder)."""
    return current() == "fast"


def choose(*, fast, full):
    """Return ``fast`` at the fast scale and ``full`` at the full scale."""
    return fast if is_fast() else full


def describe():
    """One line saying which scale is in force and how to change it."""
    if is_fast():
        return (f"Scale: fast (small sizes for CI and grading; unset {ENV_VAR} "
                "for the full-scale runs).")
    return f"Scale: full (set {ENV_VAR}=fast for the quick version used in CI)."
