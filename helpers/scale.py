"""The one switch between the full scale (what students run) and the fast scale.

Introduced in notebook 01. Notebooks never read the environment themselves;
they ask this module for sizes:

    num_steps = scale.choose(fast=50, full=500)

The fast scale (small subsets, one or two epochs, small images) is for CI and
the autograder. It checks code and does not teach by training: graded tests
never depend on how long or how well a model trained. Its budget: a whole
notebook, executed top to bottom in a fresh kernel (kernel start and imports
included), takes at most 10 s on two idle CPU cores for notebooks 01-03 and at
most 15 s for 04-06; ``python benchmarks/notebooks.py`` measures it. The full
scale is what students run and what accuracy targets are stated for.
It is chosen by setting the environment variable ``COURSE_SCALE=fast``; the
default is the full scale.
"""

import os

SCALE_VARIABLE = "COURSE_SCALE"
SCALES = ("fast", "full")
DEFAULT = "full"


def current():
    """Return the scale in force, ``"fast"`` or ``"full"``."""
    value = os.environ.get(SCALE_VARIABLE, "").strip().lower() or DEFAULT
    if value not in SCALES:
        raise ValueError(
            f"{SCALE_VARIABLE}={os.environ[SCALE_VARIABLE]!r} is not a scale the course knows. "
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
        return (f"Scale: fast (small sizes for CI and grading; unset {SCALE_VARIABLE} "
                "for the full-scale runs).")
    return f"Scale: full (set {SCALE_VARIABLE}=fast for the quick version used in CI)."
