"""Stand-ins for the grade command's job (autograder/grade.py's ``_grade_one``), for tests that
need a worker process to misbehave. Module-level functions: worker processes import them by name."""

import os
import signal


def dies_for_mallory(student, assignment):
    """Grades nothing; kills its own worker process when it meets mallory's notebook."""
    if student == "mallory":
        os.kill(os.getpid(), signal.SIGKILL)
    return None
