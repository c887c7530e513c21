"""The trusted side of the hidden tests: reference cases, and the judges that compare records with them.

A notebook's hidden test (``helpers.grading.hidden_tests``) runs the student's
code on the *inputs* of its reference cases and records what comes back. Here,
outside the student's kernel, the records are judged against the cases'
*expected* outputs. Everything a notebook needs for that lives in
``grading/<notebook>/``:

- ``references.pt``, written by ``make_references.py`` from PyTorch's own
  operations (never from the solutions): ``{grade_id: [case, ...]}``, one entry
  per graded test cell, each case ``{"inputs": {name: value}, "expected": {name: value}}``.
  Only the inputs ever reach the student's kernel.
- ``judges.py``, only for the special cases: a function named after a grade id,
  ``judge(records, cases)``, replaces the default judge for that cell; ``BY_HAND``
  maps a grade id to (the answer cell's grade id, a ``helpers.checks`` pattern of
  library functions that answer must not call).

The default judge (``default_judge``) wants one record per case, equal to the
case's one expected value (or, for several, to the tuple of them in order):
close for floating-point tensors and numbers, exactly equal for everything else,
item by item inside tuples, lists and dicts.

A judge fails by raising ``helpers.checks.CheckFailed``; the first line of its
message is what the student sees, and it names no expected value.
"""

import contextlib
import importlib.util
import io
import os
from pathlib import Path

import torch

from helpers.checks import CheckFailed, check_close, check_equal, check_that

from autograder.paths import GRADING, GRADING_VARIABLE


def references_dir():
    """The folder holding ``<notebook>/references.pt`` and ``<notebook>/judges.py``."""
    configured = os.environ.get(GRADING_VARIABLE)
    return Path(configured) if configured else GRADING


def load_references(notebook):
    """``{grade_id: [{"inputs": ..., "expected": ...}, ...]}`` for one notebook."""
    path = references_dir() / notebook / "references.pt"
    if not path.is_file():
        raise FileNotFoundError(
            f"No reference outputs at {path}. Hidden tests run only in the course's "
            f"checkout or in the autograder; set {GRADING_VARIABLE} to the folder that holds "
            f"'{notebook}/references.pt', or run 'make references'.")
    return torch.load(path, weights_only=True)


def load_judges(notebook):
    """The module ``<notebook>/judges.py`` (its special judges and ``BY_HAND``), or an empty one."""
    path = references_dir() / notebook / "judges.py"
    if not path.is_file():
        raise FileNotFoundError(f"No judges at {path}: set {GRADING_VARIABLE}, or run from the course's checkout.")
    spec = importlib.util.spec_from_file_location(f"judges_{notebook}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kernel_inputs(notebook, references=None):
    """What the student's kernel may see: ``{grade_id: [inputs of each case]}``."""
    references = load_references(notebook) if references is None else references
    return {grade_id: [case["inputs"] for case in cases] for grade_id, cases in references.items()}


def cases(made, expected):
    """Reference cases from a list of dicts that hold inputs and expected outputs together:
    the fields named in ``expected`` (one name, or several) are the expected outputs."""
    expected = (expected,) if isinstance(expected, str) else tuple(expected)
    return [{"inputs": {k: v for k, v in case.items() if k not in expected},
             "expected": {field: case[field] for field in expected}} for case in made]


def flat(case):
    """A reference case as one dict, inputs and expected outputs together (for self-checks)."""
    return {**case["inputs"], **case["expected"]}


# ----------------------------------------------------------------------------
# Judging
# ----------------------------------------------------------------------------

def check_count(records, cases):
    """A judge's first step: one record per case, so that recording too few cannot pass."""
    check_equal(len(records), len(cases), name="number of results recorded")


def check_matches(actual, expected, name):
    """The default comparison: close for floating point, equal for the rest, item by item."""
    if isinstance(expected, (tuple, list)):
        check_that(isinstance(actual, (tuple, list)), f"{name} is a sequence of {len(expected)}",
                   detail=f"It is a {type(actual).__name__}.")
        check_equal(len(actual), len(expected), name=f"number of items in {name}")
        for j, (a, e) in enumerate(zip(actual, expected)):
            check_matches(a, e, f"{name}, item {j}")
    elif isinstance(expected, dict):
        check_that(isinstance(actual, dict), f"{name} is a dictionary",
                   detail=f"It is a {type(actual).__name__}.")
        check_equal(sorted(actual, key=str), sorted(expected, key=str), name=f"the keys of {name}")
        for key in expected:
            check_matches(actual[key], expected[key], f"{name}[{key!r}]")
    elif isinstance(expected, torch.Tensor) and not (expected.is_floating_point()
                                                     or expected.is_complex()):
        check_close(actual, expected, name=name, rtol=0, atol=0)      # integer or bool tensor
    elif isinstance(expected, float):
        # The statement asks for a Python float: a 0-d tensor keeps its autograd graph alive and prints as
        # tensor(...); an int is a number too (a whole result).
        check_that(isinstance(actual, (int, float)) and not isinstance(actual, bool), f"{name} is a Python float",
                   detail=f"It is a {type(actual).__name__}" + (": turn a one-value tensor into a float with "
                                                                ".item()." if isinstance(actual, torch.Tensor) else "."))
        check_close(actual, expected, name=name)
    elif isinstance(expected, torch.Tensor):
        check_close(actual, expected, name=name)
    else:
        check_equal(actual, expected, name=name)


def check_each_case(records, cases, name):
    """The default judge's work: record i matches case i's expected value (or the tuple of them)."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        values = tuple(case["expected"].values())
        check_matches(record, values[0] if len(values) == 1 else values, f"{name}, hidden case {i}")


def default_judge(grade_id):
    """The judge of a test cell whose judges.py has none of its own."""
    name = grade_id.removeprefix("test_")
    return lambda records, cases: check_each_case(records, cases, name)


def check_named_shapes(pairs, expected, name):
    """A judge for a model's parameters: ``[(name, shape)]`` against the reference's, by name.

    Exercises name their layers (``conv1``, ``fc1``...), not the order in which
    ``__init__`` creates them, so the order of ``named_parameters()`` never counts.
    """
    check_that(isinstance(pairs, (list, tuple)) and all(isinstance(p, (list, tuple)) and len(p) == 2
                                                        for p in pairs),
               f"the record of {name}'s parameters is a list of (name, shape) pairs")
    found = {parameter: tuple(shape) for parameter, shape in pairs}
    for parameter, shape in expected:
        check_that(parameter in found, f"{name} has a parameter called {parameter}",
                   detail="Name the layers as the exercise does.")
        check_equal(found[parameter], tuple(shape), name=f"the shape of {name}'s {parameter}")
    extra = sorted(set(found) - {parameter for parameter, _ in expected})
    check_that(not extra, f"{name} has only the parameters of the layer list",
               detail=f"It also has {', '.join(extra)}." if extra else "")


def judge(notebook, grade_id, records, references=None, judges=None):
    """Judge one test cell's records; return None when they pass, else a one-line summary.

    The summary is the first line of the check's message, which names no
    expected value (see helpers.checks). What the checks print is swallowed.
    """
    references = load_references(notebook) if references is None else references
    judges = load_judges(notebook) if judges is None else judges
    judge_cell = getattr(judges, grade_id, None) or default_judge(grade_id)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            judge_cell(records, references[grade_id])
        except CheckFailed as failure:
            return (str(failure).splitlines() or [""])[0]
        except Exception as error:  # a record of the wrong kind (a list for a tensor, too few...)
            return f"the results could not be judged ({type(error).__name__}: {error})"
    return None
