"""Reference outputs for the hidden graded tests, and how hidden tests report.

Introduced in notebook 01. Each notebook's references are made by PyTorch's own
operations, never by the course's solutions, by a script beside them:
``autograder/<notebook>/make_references.py`` writes
``autograder/<notebook>/references.pt``. The autograder sets the environment
variable ``COURSE_REFERENCES`` to the folder that holds the notebook folders;
without it they are looked for in the course's own checkout.
"""

import contextlib
import io
import os
from pathlib import Path

import torch

from .checks import CROSS, TICK, CheckFailed

ENV_VAR = "COURSE_REFERENCES"


def references_dir():
    """The folder holding ``<notebook>/references.pt``."""
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


class HiddenTestFailed(AssertionError):
    """A hidden test failed: its message is a summary that reveals no reference value."""

    def _render_traceback_(self):
        return [f"\x1b[1;31m{CROSS} {self}\x1b[0m"]


@contextlib.contextmanager
def hidden_tests(description):
    """Run hidden tests quietly and report them in one line.

    What the checks print is swallowed (it would be noise, and could show
    reference values). A failure becomes ``HiddenTestFailed`` carrying only the
    first line of the check's message, which names no expected value, or the
    type and message of an error raised by the student's code.
    """
    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            yield
    except CheckFailed as failure:
        summary = (str(failure).splitlines() or [""])[0]
        raise HiddenTestFailed(f"{description}: failed. {summary}") from None
    except Exception as error:  # the student's code raised: name it, show no test source
        raise HiddenTestFailed(
            f"{description}: failed. Your code raised {type(error).__name__}: {error}") from None
    print(f"{TICK} {description}: passed")
