"""Hidden graded tests: run the student's code on fresh inputs, record what it returns, judge it.

Introduced in notebook 01. A hidden test in a notebook only *records*:

    with grading.hidden_tests("01_convolution", "corr2d", "corr2d on inputs you have not seen") as test:
        for case in test.cases:
            test.record(corr2d(case["x"], case["k"]))

``test.cases`` are the fresh inputs, with every expected output removed. The
judging is done by ``autograder/<notebook>/judges.py``, one function per test,
which compares the records with the reference outputs in
``autograder/<notebook>/references.pt`` (made by PyTorch's own operations,
never by the course's solutions, by ``make_references.py`` beside them).

Where that judging happens depends on who runs the notebook:

- In the course's checkout (a self-learner running ``solutions/``, or CI), the
  judge runs right here, when the ``with`` block ends.
- In the autograder the notebook runs in a sandboxed kernel that can see
  neither the expected outputs nor the judges. The kernel sends the records
  out, and the trusted grading process judges them, so nothing the student's
  code changes inside the kernel (``numpy.allclose``, the course's checks, ...)
  can change a verdict.

The autograder sets ``COURSE_REFERENCES`` to the folder that holds the notebook
folders; without it they are looked for in the course's own checkout.
"""

import base64
import contextlib
import importlib.util
import io
import os
from pathlib import Path

import numpy as np
import torch

from .checks import TICK, CheckFailed, check_close, check_equal, check_that
from .errors import CROSS, CourseError

ENV_VAR = "COURSE_REFERENCES"

# Set by the autograder's kernel (autograder/kernel.py) before any student code
# runs: it hands out the inputs and carries the records to the trusted side.
# None everywhere else, where the judges run in this process.
_channel = None


def references_dir():
    """The folder holding ``<notebook>/references.pt`` and ``<notebook>/judges.py``."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent / "autograder"


def load_references(notebook):
    """The hidden tests' inputs and expected outputs for one notebook, as nested dicts and lists."""
    path = references_dir() / notebook / "references.pt"
    if not path.is_file():
        raise FileNotFoundError(
            f"No reference outputs at {path}. Hidden tests run only in the course's "
            f"checkout or in the autograder; set {ENV_VAR} to the folder that holds "
            f"'{notebook}/references.pt', or run 'make references'.")
    return torch.load(path, weights_only=True)


def load_judges(notebook):
    """The module ``<notebook>/judges.py``: a ``SECRET`` table and one judge per hidden test."""
    path = references_dir() / notebook / "judges.py"
    if not path.is_file():
        raise FileNotFoundError(f"No judges at {path}: set {ENV_VAR}, or run from the course's checkout.")
    spec = importlib.util.spec_from_file_location(f"judges_{notebook}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def without_secrets(reference, secret_fields):
    """A test's cases with the expected outputs taken out: what the student's kernel may see.

    ``reference`` is a list of case dicts, or one case dict; ``secret_fields``
    names the keys that hold expected outputs.
    """
    if isinstance(reference, dict):
        return {k: v for k, v in reference.items() if k not in secret_fields}
    return [without_secrets(case, secret_fields) for case in reference]


def kernel_inputs(notebook, references=None, judges=None):
    """Every hidden test's cases for one notebook, without expected outputs: {key: cases}."""
    references = load_references(notebook) if references is None else references
    judges = load_judges(notebook) if judges is None else judges
    return {key: without_secrets(references[key], judges.SECRET.get(key, ())) for key in judges.CELLS}


def judge(notebook, key, records, references=None, judges=None):
    """Judge one hidden test's records; return None when they pass, else a one-line summary.

    The summary is the first line of the check's message, which names no
    expected value (see helpers.checks). What the checks print is swallowed.
    """
    references = load_references(notebook) if references is None else references
    judges = load_judges(notebook) if judges is None else judges
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            getattr(judges, key)(records, references[key])
        except CheckFailed as failure:
            return (str(failure).splitlines() or [""])[0]
        except Exception as error:  # a record of the wrong kind (a list for a tensor, too few...)
            return f"the results could not be judged ({type(error).__name__}: {error})"
    return None


def check_count(records, cases):
    """A judge's first step: one record per case, so that recording too few cannot pass."""
    check_equal(len(records), len(cases), name="number of results recorded")


def check_each_close(records, cases, field, name):
    """A judge for the common case: record i is close to ``cases[i][field]``."""
    check_count(records, cases)
    for i, (y_hat, case) in enumerate(zip(records, cases)):
        check_close(y_hat, case[field], name=f"{name}, hidden case {i}")


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


class HiddenTestFailed(CourseError, AssertionError):
    """A hidden test failed: its message is a summary that reveals no reference value."""

    heading = CROSS


class HiddenTest:
    """One hidden test in progress: ``cases`` to run, and ``record()`` for the results."""

    def __init__(self, cases):
        self.cases = cases
        self.records = []

    def record(self, value):
        """Keep one result for judging; returns it unchanged."""
        self.records.append(value)
        return value


@contextlib.contextmanager
def hidden_tests(notebook, key, description):
    """Run one hidden test quietly, then judge it (here, or in the autograder) and report one line.

    What the student's code prints is swallowed (it would be noise). If their
    code raises, the test fails with ``HiddenTestFailed`` naming the error.
    """
    if _channel is not None:
        cases = _channel.cases(notebook, key)
    else:
        references, judges = load_references(notebook), load_judges(notebook)
        cases = without_secrets(references[key], judges.SECRET.get(key, ()))
    test = HiddenTest(cases)
    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            yield test
    except CheckFailed as failure:  # a visible-style check inside the test (by hand, model output)
        summary = (str(failure).splitlines() or [""])[0]
        raise HiddenTestFailed(f"{description}: failed. {summary}") from None
    except Exception as error:  # the student's code raised: name it, show no test source
        raise HiddenTestFailed(
            f"{description}: failed. Your code raised {type(error).__name__}: {error}") from None

    payload = encode(test.records)
    if _channel is not None:
        _channel.send(notebook, key, payload, description)
        print(f"{TICK} {description}: results recorded for the autograder")
        return
    # Judge the records as the autograder will see them: encoded and decoded again.
    problem = judge(notebook, key, decode(payload), references, judges)
    if problem is not None:
        raise HiddenTestFailed(f"{description}: failed. {problem}")
    print(f"{TICK} {description}: passed")


# ----------------------------------------------------------------------------
# Records cross from the student's kernel to the grader as JSON-ready values.
# Decoding builds only tensors, numbers, strings, lists, tuples and dicts, so a
# kernel cannot make the grader run code (as unpickling could).
# ----------------------------------------------------------------------------

_DTYPES = {str(d).removeprefix("torch."): d for d in (
    torch.float16, torch.float32, torch.float64, torch.complex64, torch.complex128,
    torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.bool)}


class Unrecordable:
    """Stands in for a result that cannot cross to the grader (a generator, a model...)."""

    def __init__(self, kind):
        self.kind = kind

    def __repr__(self):
        return f"<a {self.kind}>"


def encode(value):
    """A result as JSON-ready data: tensors keep their dtype and shape, tuples stay tuples."""
    if isinstance(value, np.ndarray):
        value = torch.from_numpy(value.copy())
    if isinstance(value, torch.Tensor):
        t = value.detach().cpu()
        if str(t.dtype).removeprefix("torch.") not in _DTYPES:
            t = t.to(torch.float32)   # bfloat16 and the like
        array = t.contiguous().numpy()
        return {"$tensor": str(t.dtype).removeprefix("torch."), "shape": list(t.shape),
                "data": base64.b64encode(array.tobytes()).decode("ascii")}
    if isinstance(value, np.generic):
        return value.item()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, tuple):
        return {"$tuple": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"$dict": [[encode(k), encode(v)] for k, v in value.items()]}
    return {"$unrecordable": type(value).__name__}


def decode(data):
    """The inverse of ``encode``; raises ValueError on anything it did not make."""
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(v) for v in data]
    if isinstance(data, dict) and len(data) == 1 and "$tuple" in data:
        return tuple(decode(v) for v in data["$tuple"])
    if isinstance(data, dict) and len(data) == 1 and "$dict" in data:
        return {_hashable(decode(k)): decode(v) for k, v in data["$dict"]}
    if isinstance(data, dict) and len(data) == 1 and "$unrecordable" in data:
        return Unrecordable(str(data["$unrecordable"]))
    if isinstance(data, dict) and set(data) == {"$tensor", "shape", "data"}:
        dtype = _DTYPES.get(data["$tensor"])
        shape = data["shape"]
        if dtype is None or not all(isinstance(n, int) and n >= 0 for n in shape):
            raise ValueError("a recorded tensor with an unknown dtype or a bad shape")
        raw = base64.b64decode(data["data"], validate=True)
        t = torch.frombuffer(bytearray(raw), dtype=dtype) if raw else torch.empty(0, dtype=dtype)
        if t.numel() != int(np.prod(shape)):
            raise ValueError("a recorded tensor whose data does not fit its shape")
        return t.reshape(shape)
    raise ValueError(f"not a recorded value: {type(data).__name__}")


def _hashable(key):
    if isinstance(key, (list, torch.Tensor, dict)):
        raise ValueError("a recorded dict with an unhashable key")
    return key
