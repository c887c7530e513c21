"""Worker processes that die, for tests/test_grade_command.py's test of a run that survives them.

Loaded into every Dask worker before it starts (Dask's worker preload, which the test sets
through DASK_DISTRIBUTED__WORKER__PRELOAD), it wraps ``autograder.worker._grade_one`` so
that a worker grading student "dies_always" is killed every time, and one grading
"dies_once" only the first time (the file named by WORKER_FAULTS_MARKER remembers it).
"""

import os
import signal
from pathlib import Path

from autograder import worker

_grade_one = worker._grade_one


def _grade_one_or_die(student, notebook, text):
    marker = Path(os.environ["WORKER_FAULTS_MARKER"])
    if student == "dies_always" or (student == "dies_once" and not marker.exists()):
        if student == "dies_once":
            marker.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return _grade_one(student, notebook, text)


worker._grade_one = _grade_one_or_die
