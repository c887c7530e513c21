"""nbgrader's configuration for the course.

nbgrader reads ``nbgrader_config.py`` from the folder it runs in, so run it
from here: ``cd autograder && nbgrader <command> ...``. (nbgrader 0.9 does not
know ``--config=...`` and silently falls back to its defaults; to run it from
elsewhere, pass ``--NbGrader.config_file=autograder/nbgrader_config.py``.)

Paths are computed from this file's own location, so the course can live
anywhere, and a copy of the course (as the tests make) grades on its own.
"""

import os
import sys
from pathlib import Path

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, GetGrades, IgnorePattern,
                                    LimitOutput, SaveAutoGrades)

HERE = Path(__file__).resolve().parent   # autograder/
ROOT = HERE.parent                       # the course's checkout
sys.path.insert(0, str(ROOT))
from autograder.execute import SandboxedExecute  # noqa: E402
from autograder.feedback import FeedbackExporter, HideHiddenTests  # noqa: E402

c = get_config()  # noqa: F821 (nbgrader provides get_config)

# One folder per notebook, the same name everywhere: solutions/NN_topic is the
# master copy, notebooks/NN_topic the release that students open. Grading
# generates its own copy of the release (to record the notebooks in the gradebook)
# into autograder/release, untracked, so that it never rewrites notebooks/; only
# `make release` writes there (--CourseDirectory.release_directory=notebooks).
c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.course_id = "cnn-course"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "autograder/release"
# A grading run's working folders and the gradebook stay here, untracked (.gitignore).
c.CourseDirectory.submitted_directory = "autograder/submitted"
c.CourseDirectory.autograded_directory = "autograder/autograded"
c.CourseDirectory.feedback_directory = "autograder/feedback"
c.CourseDirectory.db_url = f"sqlite:///{HERE / 'gradebook.db'}"

# Grading runs at the fast scale, and the hidden tests read the reference
# outputs kept here. The kernels nbgrader starts inherit these variables.
os.environ["COURSE_SCALE"] = "fast"
os.environ["COURSE_BACKBONE"] = "efficientnet_lite0"   # the same backbone on every machine, offline
os.environ.setdefault("COURSE_REFERENCES", str(HERE))

# Student code runs in a sandboxed kernel forked from a pre-warmed zygote, and
# every graded test cell is judged outside it (autograder/execute.py): this
# replaces nbgrader's Execute, the rest of its autograde steps are its own.
c.Autograde.autograde_preprocessors = [SandboxedExecute, IgnorePattern, ClearMetadataPreprocessor,
                                       LimitOutput, SaveAutoGrades, AssignLatePenalties,
                                       CheckCellMetadata]
# Limits per kernel: autograder/limits.py's, unless set here, e.g.
# c.SandboxedExecute.cell_timeout = 300 (the grade command has an option for each).
# Locked and test cells that a student deleted are put back and graded.
c.OverwriteCells.add_missing_cells = True
# The notebook is validated once, after all the steps, not after each one (nbconvert's
# default): an invalid notebook is still an error.
c.Exporter.optimistic_validation = True

# Feedback shows scores and the visible checks' messages, never hidden tests or their tracebacks;
# its templates are compiled once per process, not once per notebook (autograder/feedback.py).
c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]
c.GenerateFeedback.exporter_class = FeedbackExporter
