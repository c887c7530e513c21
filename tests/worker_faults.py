"""Worker processes that die, for tests/test_grade_command.py's test of a run that survives them.

Imported by the grade command's worker processes (the test adds it to
``autograder.grade.WORKER_MODULES``), it wraps ``_grade_one`` so that a worker
grading student "dies_always" is killed every time, and one grading "dies_once"
only the first time (the file named by WORKER_FAULTS_MARKER remembers it).
"""

import os
import signal
from pathlib import Path

from autograder import grade

_grade_one = grade._grade_one


def _grade_one_or_die(student, assignment):
    marker = Path(os.environ["WORKER_FAULTS_MARKER"])
    if student == "dies_always" or (student == "dies_once" and not marker.exists()):
        if student == "dies_once":
            marker.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return _grade_one(student, assignment)


grade._grade_one = _grade_one_or_die
