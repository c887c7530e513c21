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

import nbgrader

HERE = Path(__file__).resolve().parent   # autograder/
ROOT = HERE.parent                       # the course's checkout
sys.path.insert(0, str(ROOT))

c = get_config()  # noqa: F821 (nbgrader provides get_config)

from autograder.paths import GRADING, Work  # noqa: E402 (the checkout is on the path from here)

# One folder per notebook, the same name everywhere: solutions/NN_topic is the
# master copy, notebooks/NN_topic the release that students open. A grading run
# writes only into its work folder (autograder/paths.py; the grade command's
# --work, default work/, untracked): the release it generates to record the
# notebooks in the gradebook (never notebooks/: only `make release` writes there,
# with --CourseDirectory.release_directory=notebooks), the submissions, the
# autograded notebooks, the feedback and the gradebook.
work = Work()
c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.course_id = "cnn-course"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = str(work.release)
c.CourseDirectory.submitted_directory = str(work.submitted)
c.CourseDirectory.autograded_directory = str(work.autograded)
c.CourseDirectory.feedback_directory = str(work.feedback)
c.CourseDirectory.db_url = work.db_url
c.SandboxedExecute.work = str(work.root)

# Grading runs at the fast scale, and the hidden tests read the reference
# outputs kept here. The kernels nbgrader starts inherit these variables.
os.environ["COURSE_SCALE"] = "fast"
os.environ["COURSE_BACKBONE"] = "efficientnet_lite0"   # the same backbone on every machine, offline
os.environ.setdefault("COURSE_GRADING", str(GRADING))

# Student code runs in a sandboxed kernel forked from a pre-warmed zygote, and
# every graded test cell is judged outside it (autograder/execute.py): this
# replaces nbgrader's Execute, the rest of its autograde steps are its own.
# Classes are named by their import path, never given as objects: the configuration stays
# plain data, which the formgrader shows (as JSON) without "Formgrader config is not serializable".
c.Autograde.autograde_preprocessors = ["autograder.execute.SandboxedExecute",
                                       "nbgrader.preprocessors.IgnorePattern",
                                       "nbconvert.preprocessors.ClearMetadataPreprocessor",
                                       "nbgrader.preprocessors.LimitOutput",
                                       "nbgrader.preprocessors.SaveAutoGrades",
                                       "nbgrader.preprocessors.AssignLatePenalties",
                                       "nbgrader.preprocessors.CheckCellMetadata"]
# Limits per kernel: autograder/inside/limits.py's, unless set here, e.g.
# c.SandboxedExecute.cell_timeout = 300 (the grade command has an option for each).
# Locked and test cells that a student deleted are put back and graded.
c.OverwriteCells.add_missing_cells = True
# The notebook is validated once, after all the steps, not after each one (nbconvert's
# default): an invalid notebook is still an error.
c.Exporter.optimistic_validation = True

# Feedback shows scores and the visible checks' messages, never hidden tests or their tracebacks;
# its summary names each graded cell's exercise, its math is typeset offline by a copy of MathJax
# inside the page, and its templates are compiled once per process (autograder/feedback.py).
c.GenerateFeedback.preprocessors = ["nbgrader.preprocessors.GetGrades",
                                    "autograder.feedback.HideHiddenTests",
                                    "autograder.feedback.NameGradedCells",
                                    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor"]
c.GenerateFeedback.exporter_class = "autograder.feedback.FeedbackExporter"
# The course's template (autograder/feedback_templates/course_feedback), which extends nbgrader's.
# Set for FeedbackExporter, not HTMLExporter: nbgrader's API sets HTMLExporter.template_name to its
# own "feedback" before every run, and a subclass's section of the configuration wins.
c.FeedbackExporter.template_name = "course_feedback"
c.FeedbackExporter.extra_template_basedirs = [str(HERE / "feedback_templates"),
                                              str(Path(nbgrader.__file__).parent / "server_extensions" /
                                                  "formgrader" / "templates")]

# The course hands notebooks out and collects them through its LMS, not through nbgrader's
# exchange: the exchange is a folder of the course's own (untracked), so that nbgrader's API
# and the formgrader find one instead of reporting /usr/local/share/nbgrader/exchange missing.
c.Exchange.root = str(work.exchange)
work.exchange.mkdir(parents=True, exist_ok=True)
