"""nbgrader's Python API with the course's configuration (autograder/nbgrader_config.py),
pointed at one grading run's work folder and gradebook."""

import os
import sys
from pathlib import Path

from autograder.paths import PROGRAM


def schema_version():
    """The newest version of nbgrader's gradebook schema, read from nbgrader's own migration scripts.

    nbgrader stamps every new gradebook with it, and learns it by running the ``alembic heads``
    command: a Python process of its own, about 6 seconds on two busy cores, for each new gradebook.
    Reading it here gives the same version at once."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from nbgrader.dbutil import ALEMBIC_DIR

    config = Config()
    config.set_main_option("script_location", ALEMBIC_DIR)
    return ScriptDirectory.from_config(config).get_current_head()


def _new_gradebooks_without_a_process():
    import nbgrader.api

    nbgrader.api.get_alembic_version = schema_version


def nbgrader_gradebook(db_url):
    """nbgrader's ``Gradebook`` on ``db_url`` (use it as a context manager)."""
    _new_gradebooks_without_a_process()
    from nbgrader.api import Gradebook

    return Gradebook(db_url)


def nbgrader_api(work, db_url=None, sandbox=None):
    """``NbGraderAPI`` for the run whose folders ``work`` (a paths.Work) names.

    ``db_url``: the gradebook (SQLite in the work folder unless the TA gives another, e.g.
    PostgreSQL); ``sandbox``: settings of autograder/execute.py's SandboxedExecute (limits).
    """
    _new_gradebooks_without_a_process()
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
