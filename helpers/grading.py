"""Hidden graded tests: run the student's code on fresh inputs and record what it returns.

Introduced in notebook 01. A hidden test sits in a graded test cell and names
that cell's grade id; it only *records*:

    with grading.hidden_tests("01_convolution", "test_corr2d", "corr2d on inputs you have not seen") as test:
        for case in test.cases:
            test.record(corr2d(case["x"], case["k"]))

``test.cases`` are the inputs of the cell's reference cases, never their
expected outputs. Judging is trusted work and lives on the autograder's side
(``autograder/judging.py``): it compares the records with the reference cases
in ``grading/<notebook>/references.pt``, which PyTorch's own operations made
(never the course's solutions).

Where that judging happens depends on who runs the notebook:

- In the course's checkout (a self-learner running ``solutions/``, or CI), the
  judge runs right here, when the ``with`` block ends.
- In the autograder the notebook runs in a sandboxed kernel that can see
  neither the expected outputs nor the judges. The kernel sends the records
  out, and the trusted grading process judges them, so nothing the student's
  code changes inside the kernel (``numpy.allclose``, the course's checks, ...)
  can change a verdict.
"""

import base64
import contextlib
import io

import numpy as np
import torch

from .checks import TICK, CheckFailed
from .errors import CROSS, CourseError

# Set by the autograder's kernel (autograder/inside/kernel.py) before any student code
# runs: it hands out the inputs and carries the records to the trusted side.
# None everywhere else, where the judges run in this process.
_channel = None
# Where a run outside the autograder finds the judging (see _judging).
JUDGING_GROUP = "cnn_course.judging"


def _judging():
    """The trusted judging, for a run outside the autograder (a TA or a self-learner running
    ``solutions/``, or the test suite): the module that the course's grading program registers
    under the entry point group ``cnn_course.judging`` (pyproject.toml). Only solutions/ hold
    hidden tests; the autograder's kernels never get here: they send their records out instead.
    """
    from importlib.metadata import entry_points

    registered = list(entry_points(group=JUDGING_GROUP))
    if not registered:
        raise FileNotFoundError("Hidden tests are judged by the course's grading program, which is not "
                                "installed here: in the course's checkout, run pip install -e '.[grade]'.")
    return registered[0].load()


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
def hidden_tests(notebook, grade_id, description):
    """Run one hidden test quietly, then judge it (here, or in the autograder) and report one line.

    What the student's code prints is swallowed (it would be noise). If their
    code raises, the test fails with ``HiddenTestFailed`` naming the error.
    """
    if _channel is not None:
        cases = _channel.cases(notebook, grade_id)
    else:
        judging = _judging()
        references = judging.load_references(notebook)
        cases = judging.kernel_inputs(notebook, references)[grade_id]
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
        _channel.send(notebook, grade_id, payload, description)
        print(f"{TICK} {description}: results recorded for the autograder")
        return
    # Judge the records as the autograder will see them: encoded and decoded again.
    problem = judging.judge(notebook, grade_id, decode(payload), references)
    if problem is not None:
        raise HiddenTestFailed(f"{description}: failed. {problem}")
    print(f"{TICK} {description}: passed")



def seeded_parameters(shapes, seed):
    """A hidden test's weights for a network: ``[(name, shape)]`` -> ``[(name, float64 tensor)]``, drawn
    from ``seed``: standard normal, each divided by the square root of its fan-in (the product of its
    shape but the first), so that activations stay of order 1 and take both signs, and an activation
    left out or put in changes the output."""
    generator = torch.Generator().manual_seed(seed)
    made = []
    for name, shape in shapes:
        fan_in = int(np.prod(shape[1:])) if len(shape) > 1 else 1
        made.append((name, torch.randn(tuple(shape), generator=generator, dtype=torch.float64) / fan_in ** 0.5))
    return made


def load_parameters(model, weights):
    """Put ``weights`` (``[(name, tensor)]``) into ``model``, turned into float64: by name when its
    parameters have the same names and shapes (layers named as the exercise names them, created in any
    order), else in order when their shapes come in the same order (an ``nn.Sequential`` with or without
    names, submodules or functional calls). Returns whether they fitted; nothing is loaded otherwise.

    A network is then judged by what it computes with these weights, not by how it is built.
    """
    model.double()
    named = dict(model.named_parameters())
    if sorted(named) == sorted(name for name, _ in weights) and all(
            named[name].shape == value.shape for name, value in weights):
        targets = [named[name] for name, _ in weights]
    else:
        targets = list(model.parameters())
        if [tuple(p.shape) for p in targets] != [tuple(value.shape) for _, value in weights]:
            return False
    with torch.no_grad():
        for target, (_, value) in zip(targets, weights):
            target.copy_(value)
    return True


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
    """A result as JSON-ready data: tensors keep their dtype and shape, tuples stay tuples, and a NumPy
    array stays one (a judge that asks for a tensor, as its visible check does, tells them apart)."""
    if isinstance(value, np.ndarray):
        encoded = encode(torch.from_numpy(value.copy()))
        return {"$ndarray" if key == "$tensor" else key: v for key, v in encoded.items()}
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
    if isinstance(data, dict) and set(data) == {"$ndarray", "shape", "data"}:
        return decode({"$tensor": data["$ndarray"], "shape": data["shape"], "data": data["data"]}).numpy()
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
