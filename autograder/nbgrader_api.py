"""nbgrader's Python API with the course's configuration (autograder/nbgrader_config.py),
pointed at one grading run's work folder and gradebook."""

import os
import sys
from pathlib import Path

from autograder.paths import PROGRAM


def nbgrader_api(work, db_url=None, sandbox=None):
    """``NbGraderAPI`` for the run whose folders ``work`` (a paths.Work) names.

    ``db_url``: the gradebook (SQLite in the work folder unless the TA gives another, e.g.
    PostgreSQL); ``sandbox``: settings of autograder/execute.py's SandboxedExecute (limits).
    """
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    # nbgrader runs `alembic` by name: it must come from this environment.
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    config = PyFileConfigLoader("nbgrader_config.py", path=str(PROGRAM)).load_config()
    extra = Config()
    extra.CourseDirectory.release_directory = str(work.release)
    extra.CourseDirectory.submitted_directory = str(work.submitted)
    extra.CourseDirectory.autograded_directory = str(work.autograded)
    extra.CourseDirectory.feedback_directory = str(work.feedback)
    extra.CourseDirectory.db_url = db_url or work.db_url
    extra.Exchange.root = str(work.exchange)
    work.exchange.mkdir(parents=True, exist_ok=True)
    extra.SandboxedExecute.work = str(work.root)
    for name, value in (sandbox or {}).items():
        setattr(extra.SandboxedExecute, name, value)
    config.merge(extra)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
