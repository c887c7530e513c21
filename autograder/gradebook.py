"""The gradebook, written by the grade command's process alone, through nbgrader's own API.

SQLite in the work folder by default; ``--db URL`` takes any database nbgrader's
gradebook takes (``postgresql://user@host/course``, with a driver such as
psycopg2 installed). Workers grade on gradebooks of their own
(autograder/worker.py) and send back the autograded notebook; here nbgrader's
``SaveAutoGrades`` reads its scores from it into the TA's gradebook, exactly as
nbgrader's autograde would, keeping every score a TA gave by hand.
"""

import contextlib
import json

import nbformat

from autograder.paths import Work


def record(api, notebooks):
    """Record each notebook in the gradebook with its release (which prepare() rebuilds with)."""
    for notebook in notebooks:
        outcome = api.generate_assignment(notebook, force=True, create=True)
        if not outcome.get("success"):
            raise SystemExit(f"nbgrader could not record {notebook} in the gradebook:\n"
                             f"{outcome.get('error') or outcome.get('log')}")


def add_students(db_url, students):
    from autograder.nbgrader_api import nbgrader_gradebook

    with nbgrader_gradebook(db_url) as gradebook:
        for student in sorted(students):
            gradebook.update_or_create_student(student)


def worker_seed(work, notebooks, fingerprint):
    """What a worker needs to grade without recording the notebooks itself (about a second each,
    per worker): a SQLite gradebook with the notebooks recorded and their release, as ``{path in
    the work folder: bytes}``. Recorded once per version of the course, kept in the work folder
    (not the TA's gradebook, which grows with every submission graded); a notebook handed in for
    the first time is added to it."""
    from autograder.nbgrader_api import nbgrader_api

    source = Work(work.root / "for-workers" / fingerprint[:16])
    missing = [notebook for notebook in notebooks if not source.release_file(notebook).is_file()]
    if missing:
        api = nbgrader_api(source)
        for notebook in missing:
            if not api.generate_assignment(notebook, force=True, create=True).get("success"):
                return {}   # each worker records it itself
    seed = {"gradebook.db": source.gradebook.read_bytes()} if source.gradebook.is_file() else {}
    for release in sorted(source.release.glob("*/*.ipynb")):
        seed[str(release.relative_to(source.root))] = release.read_bytes()
    return seed


def start_from_seed(work, seed):
    """A new SQLite gradebook in the work folder begins as the workers' seed, which has every notebook
    handed in recorded already (the same nbgrader commands would make the same rows again): True when
    it did. An existing gradebook is never replaced (it holds the grades)."""
    if work.gradebook.exists() or "gradebook.db" not in seed:
        return False
    for relative, data in seed.items():
        path = work.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return True


def save(db_url, work, student, notebook, result):
    """Write one graded submission: its scores into the gradebook, then its files into the work
    folder, the autograded notebook last (a run started again keeps what has one, autograder/grade.py)."""
    from nbgrader.preprocessors import SaveAutoGrades

    from autograder.nbgrader_api import nbgrader_gradebook

    autograded = nbformat.reads(result["autograded"], as_version=4)
    with nbgrader_gradebook(db_url) as gradebook, gradebook.db.no_autoflush:
        gradebook.update_or_create_submission(notebook, student)
    resources = {"nbgrader": {"notebook": notebook, "assignment": notebook, "student": student,
                              "db_url": db_url}}
    SaveAutoGrades().preprocess(autograded, resources)
    files = ((work.feedback_file(student, notebook), result.get("feedback")),
             (work.review_file(student, notebook), result.get("review")),
             (work.autograded_file(student, notebook), result["autograded"]))
    for path, text in files:
        if text is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def up_to_date(work, student, notebook):
    """Whether this submission was graded after it was last written into submitted/."""
    graded, source = work.autograded_file(student, notebook), work.submitted_file(student, notebook)
    return graded.is_file() and graded.stat().st_mtime >= source.stat().st_mtime


@contextlib.contextmanager
def opened(db_url):
    """nbgrader's gradebook, or None where it cannot be opened (every row then has no points)."""
    try:
        from autograder.nbgrader_api import nbgrader_gradebook
        gradebook = nbgrader_gradebook(db_url)
    except Exception:
        yield None
        return
    with gradebook:
        yield gradebook


def points(gradebook, work, s):
    """(points, max points, flags) of one submission from the gradebook; no points if it has none."""
    if s.failed:
        return "", "", [s.failed]
    if gradebook is None:
        return "", "", ["the gradebook could not be read"]
    flags = runtime_flags(work, s)
    try:
        notebook = gradebook.find_submission_notebook(s.assignment, s.assignment, s.student)
        total, max_points = notebook.score, notebook.max_score
        if notebook.needs_manual_grade:
            flags.insert(0, "written answers to grade by hand")
    except Exception:  # nbgrader's MissingEntry: the notebook was never autograded
        total, max_points = "", ""
    return total, max_points, flags


def runtime_flags(work, s, limit=8):
    """What the sandboxed run reported (review/<student>/<notebook>.json), shortened."""
    path = work.review_file(s.student, s.assignment)
    if not path.is_file():
        return []
    try:
        found = [str(flag) for flag in json.loads(path.read_text(encoding="utf-8")).get("flags", [])]
    except Exception as error:
        return [f"what its run reported could not be read ({type(error).__name__})"]
    if len(found) > limit:
        found = found[:limit] + [f"{len(found) - limit} more in {path}"]
    return found
