"""Write what is graded of each submission into the work folder's submitted/, and flag what
the TA should know (autograder/submission.py, autograder/findings.py)."""

import nbformat

from autograder import findings, submission


def prepare(submissions, work):
    """Write what is graded of each submission into submitted/ (autograder/submission.py), and
    flag what the TA should know: edited locked cells, added cells, suspicious code.

    Needs the release that record() writes; each release is read once. A submission that
    cannot be prepared, whatever the reason, is marked ``failed`` and the others go on; each
    notebook is let go once written, so that the grade command holds one at a time.
    """
    releases = {}
    for s in submissions:
        try:
            if s.assignment not in releases:
                releases[s.assignment] = nbformat.read(work.release_file(s.assignment), as_version=4)
            _prepare_one(s, releases[s.assignment], work)
        except Exception as error:   # a fault of the grader's own: this row says so
            s.failed = f"could not be prepared for grading ({type(error).__name__}: {str(error)[:200]})"
        s.notebook = None


def _prepare_one(s, release, work):
    s.flags += findings.changed_cells(s.notebook, release) + findings.suspicious_code(s.notebook, release)
    graded, added = submission.rebuild(s.notebook, release)
    if added:
        s.flags.append(f"{added} code cell(s) added by the student: not run, shown in the notebook to read")
    target = work.submitted_file(s.student, s.assignment)
    text = nbformat.writes(graded)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
