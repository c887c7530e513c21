"""Where everything is: the one module that builds the course's paths.

The checkout holds three kinds of thing, each in its own folder:

- ``solutions/`` and ``notebooks/``: the master copies and the release;
- ``grading/<notebook>/``: the course's grading material for a notebook (its
  references and how they are made and checked, its judges, its wrong answers);
- ``autograder/``: the TA's program, and ``autograder/inside/``, what runs in
  the sandbox.

A grading run writes only into its work folder (``--work DIR``, default
``work/`` in the checkout, which git ignores): the release it generates, the
submissions as graded, the autograded notebooks, the feedback, what each run
reported, the gradebook and the CSV. ``Work`` names each of them, in the shape
nbgrader's ``CourseDirectory.format_path`` gives its own folders:
``<step>/<student>/<notebook>/``.
"""

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent   # the course's checkout
SOLUTIONS = ROOT / "solutions"
GRADING = ROOT / "grading"                       # grading/<notebook>/: references, judges, wrong answers
PROGRAM = ROOT / "autograder"
INSIDE = PROGRAM / "inside"                      # what the sandbox mounts
TEMPLATE = PROGRAM / "template"                  # what `make new` copies
DEFAULT_WORK = ROOT / "work"

# The environment variable that points the judges at another folder of grading material.
GRADING_VARIABLE = "COURSE_GRADING"


def notebook_names():
    """The course's notebooks, ``NN_topic``, from solutions/."""
    return sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and p.name[:2].isdigit())


def course_fingerprint():
    """A hash of what decides a grade (solutions/ and grading/): every machine that grades a run
    must hold the same, which Dask workers on other machines check against the grade command's."""
    digest = hashlib.sha256()
    for path in sorted([*SOLUTIONS.glob("*/*.ipynb"), *GRADING.glob("*/*.py"), *GRADING.glob("*/*.pt")]):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Work:
    """A grading run's folders: ``Work(folder).feedback_file("ana", "01_convolution")``."""

    def __init__(self, folder=DEFAULT_WORK):
        self.root = Path(folder).resolve()
        self.release = self.root / "release"
        self.submitted = self.root / "submitted"
        self.autograded = self.root / "autograded"
        self.feedback = self.root / "feedback"
        self.review = self.root / "review"      # review/<student>/<notebook>.json: what its run reported
        self.exchange = self.root / "exchange"  # nbgrader's exchange, unused (the LMS hands out)
        self.gradebook = self.root / "gradebook.db"
        self.csv = self.root / "grades.csv"

    @property
    def db_url(self):
        return f"sqlite:///{self.gradebook}"

    def release_file(self, notebook):
        return self.release / notebook / f"{notebook}.ipynb"

    def submitted_file(self, student, notebook):
        return self.submitted / student / notebook / f"{notebook}.ipynb"

    def autograded_file(self, student, notebook):
        return self.autograded / student / notebook / f"{notebook}.ipynb"

    def feedback_file(self, student, notebook):
        return self.feedback / student / notebook / f"{notebook}.html"

    def review_file(self, student, notebook):
        return self.review / student / f"{notebook}.json"
