"""What the notebook and pipeline tests share: where things are, and nbgrader in a scratch course."""

import importlib.util
import linecache
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import torch

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
NOTEBOOKS = ROOT / "notebooks"
AUTOGRADER = ROOT / "autograder"
GRADING = ROOT / "grading"   # grading/<notebook>/: references, judges, wrong answers
ASSIGNMENTS = sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and p.name[:2].isdigit())

SOLUTION_BEGIN, SOLUTION_END = "### BEGIN SOLUTION", "### END SOLUTION"
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def load_module(assignment, name, grading=GRADING):
    """``grading/<notebook>/<name>.py``, loaded (these files are not a package)."""
    path = grading / assignment / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"{name}_{assignment}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wrong_answers(assignment, grading=GRADING):
    """``grading/<notebook>/wrong_answers.py``'s WRONG_ANSWERS: name -> (edits, test cells it fails),
    and optionally the words that their visible checks must say."""
    return load_module(assignment, "wrong_answers", grading).WRONG_ANSWERS


def with_edits(source, cell_edits, cell_id):
    """A cell's ``source`` with a wrong answer's edits for it, ``[(old, new)]``, each of which must apply."""
    for old, new in cell_edits:
        assert old in source, f"the wrong answer no longer applies to {cell_id}: {old!r}"
        source = source.replace(old, new)
    return source


def run_cell(source, namespace, filename):
    """Run a cell's source as a notebook does: in ``namespace`` (``__name__`` is "__main__"),
    with the source known to linecache as IPython makes it known, so that messages can quote it."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)


def solution_path(assignment):
    return SOLUTIONS / assignment / f"{assignment}.ipynb"


def release_path(assignment):
    return NOTEBOOKS / assignment / f"{assignment}.ipynb"


def read(path):
    return nbformat.read(path, as_version=4)


def nbgrader_meta(cell):
    return cell.metadata.get("nbgrader", {})


def is_test_cell(cell):
    meta = nbgrader_meta(cell)
    return cell.cell_type == "code" and meta.get("grade") and not meta.get("solution")


def regions(source, begin, end):
    """The text between each begin/end marker pair, markers excluded."""
    found, inside, current = [], False, []
    for line in source.splitlines():
        if begin in line:
            inside, current = True, []
        elif end in line:
            inside = False
            found.append("\n".join(current))
        elif inside:
            current.append(line)
    return found


def without_markers(source):
    """A solution cell as a student who wrote the solution would hand it in."""
    return "\n".join(line for line in source.splitlines()
                     if SOLUTION_BEGIN not in line and SOLUTION_END not in line)


def scratch_course(tmp_path):
    """A copy of the course that nbgrader can write into: solutions/, grading/, autograder/, empty notebooks/."""
    shutil.copytree(SOLUTIONS, tmp_path / "solutions")
    shutil.copytree(GRADING, tmp_path / "grading", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(AUTOGRADER, tmp_path / "autograder", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "notebooks").mkdir()
    return tmp_path


def nbgrader(course, *args, timeout=900):
    """Run an nbgrader command from the course's autograder/ folder; return the completed process."""
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_GRADING", "COURSE_SCALE")}
    # nbgrader runs `alembic` and starts kernels by name: both must come from this environment.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course / "autograder",
                            env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, (
        f"nbgrader {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


# Floating point computed again: how close to the committed value is the same value
FLOAT_ULPS = 100              # of each value itself
FLOAT_ULPS_OF_LARGEST = 1000  # of the largest magnitude in the same tensor


def assert_same_up_to_rounding(made, stored, path="value"):
    """Assert that ``made`` is ``stored`` computed again, perhaps on another CPU: nested dicts,
    lists and tuples of the same keys, types and lengths; tensors of the same dtype and shape.

    Floating point is not the same on every machine. PyTorch picks its kernels by the CPU's
    instruction set (``ATEN_CPU_CAPABILITY``: default, avx2, avx512; oneDNN its own), and by
    the number of threads it splits a sum over; each order of a sum rounds differently. A
    gradient norm made on an Intel Xeon, 1.0255256891, is 1.0255255699 on an AMD EPYC; under
    the generic kernels even ``torch.randn`` gives other last bits (its vectorised Box-Muller
    and its scalar one), and ResNet-50 carries those to its logits, which then differ by up
    to 53 float32 ulps of their largest magnitude (6.4e-6 of it). So a float tensor passes
    when ``|made - stored| <= FLOAT_ULPS * eps * |stored| + FLOAT_ULPS_OF_LARGEST * eps *
    max|stored|``, with the dtype's eps (float32 1.2e-7: 1.2e-5 of each value and 1.2e-4 of
    the largest; float64 2.2e-16: the float64 references, shallow computations, differ by
    about one ulp); the most measured across instruction sets and thread counts is about a
    twentieth of it. A Python float, most often a float32 tensor's ``.item()``, passes
    within FLOAT_ULPS float32 ulps of itself (the most measured: 10).

    Exact, as on every CPU: integer and bool tensors (counts, labels, argmax, masks),
    Python ints, bools and strings. Callers compare with ``torch.equal`` the float results
    that are exact everywhere: copies, padding, crops, flips, ``F.unfold``, max pooling.
    A real change to how a reference is made moves its values by far more than this.
    """
    if isinstance(stored, dict):
        assert isinstance(made, dict) and made.keys() == stored.keys(), f"{path}: the keys"
        for key in stored:
            assert_same_up_to_rounding(made[key], stored[key], f"{path}[{key!r}]")
    elif isinstance(stored, (list, tuple)):
        assert type(made) is type(stored) and len(made) == len(stored), f"{path}: a {type(stored).__name__} " \
                                                                          f"of {len(stored)}"
        for i, (a, b) in enumerate(zip(made, stored)):
            assert_same_up_to_rounding(a, b, f"{path}[{i}]")
    elif isinstance(stored, torch.Tensor):
        assert isinstance(made, torch.Tensor) and (made.dtype, made.shape) == (stored.dtype, stored.shape), \
            f"{path}: a {stored.dtype} tensor of shape {tuple(stored.shape)}"
        if not stored.is_floating_point():
            assert torch.equal(made, stored), f"{path}: not equal"
            return
        eps = torch.finfo(stored.dtype).eps
        largest = float(stored.abs().max()) if stored.numel() else 0.0
        assert torch.allclose(made, stored, rtol=FLOAT_ULPS * eps, atol=FLOAT_ULPS_OF_LARGEST * eps * largest,
                              equal_nan=True), \
            f"{path}: differs by up to {float((made - stored).abs().max()):.3g} (largest magnitude {largest:.3g})"
    elif isinstance(stored, float):
        assert type(made) is float and abs(made - stored) <= FLOAT_ULPS * torch.finfo(torch.float32).eps * abs(stored), \
            f"{path}: {made!r}, not {stored!r}"
    else:
        assert type(made) is type(stored) and made == stored, f"{path}: {made!r}, not {stored!r}"
