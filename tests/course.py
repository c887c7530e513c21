"""What the notebook and pipeline tests share: where things are, and nbgrader in a scratch course."""

import importlib.util
import linecache
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
NOTEBOOKS = ROOT / "notebooks"
AUTOGRADER = ROOT / "autograder"
ASSIGNMENTS = sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and p.name[:2].isdigit())

SOLUTION_BEGIN, SOLUTION_END = "### BEGIN SOLUTION", "### END SOLUTION"
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def load_module(assignment, name, autograder=AUTOGRADER):
    """``autograder/<notebook>/<name>.py``, loaded (these files are not a package)."""
    path = autograder / assignment / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"{name}_{assignment}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wrong_answers(assignment, autograder=AUTOGRADER):
    """``autograder/<notebook>/wrong_answers.py``'s WRONG_ANSWERS: name -> (edits, test cells it fails)."""
    return load_module(assignment, "wrong_answers", autograder).WRONG_ANSWERS


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
    """A copy of the course that nbgrader can write into: solutions/, autograder/, empty notebooks/."""
    shutil.copytree(SOLUTIONS, tmp_path / "solutions")
    shutil.copytree(AUTOGRADER, tmp_path / "autograder",
                    ignore=shutil.ignore_patterns("submitted", "autograded", "feedback", "release", "review", "*.db",
                                                  "__pycache__", "grades.csv"))
    (tmp_path / "notebooks").mkdir()
    return tmp_path


def nbgrader(course, *args, timeout=900):
    """Run an nbgrader command from the course's autograder/ folder; return the completed process."""
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_REFERENCES", "COURSE_SCALE")}
    # nbgrader runs `alembic` and starts kernels by name: both must come from this environment.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course / "autograder",
                            env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, (
        f"nbgrader {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result
