"""What is graded of a submission: the release's own cells, with the student's answers in its answer cells.

A student hands in a whole notebook, but only two kinds of cell in it are
theirs to write: the answer cells (code between the exercise's lines, and the
written answers). ``rebuild()`` makes the notebook that is graded from the
release as it was handed out:

- every cell of the release, in its order, with the release's source and
  metadata, found in the submission by its grade id or, failing that, its cell
  id. Edits to any other cell, to a test cell's metadata or its type, change
  nothing (``autograder/findings.py`` tells the TA about them);
- in each answer cell, the student's source;
- every cell the student added, kept where it was for the TA to read, as a
  markdown cell that shows its code: it is never run. Everything an answer
  needs must be in its answer cell (the README says so to students).

Students' markdown (written answers, added cells) reaches the feedback page and
the formgrader, which run in a browser: it is rendered and cleaned of scripts,
event handlers and ``javascript:`` links first (``sanitized()``, nbconvert's own
cleaner).
"""

import copy
import re

import nbformat

from autograder.findings import _nbgrader

# A notebook over either limit is not graded, and the TA is told which and why.
MAX_NOTEBOOK_MB = 20     # a notebook with its figures is about 1 MB; 20 MB leaves room for many outputs
MAX_CELLS = 2000         # the longest release has under 200


# Markdown without any of these can hold no HTML and no link that runs code: it is kept as written.
UNSAFE = re.compile(r"[<>&]|javascript|vbscript|data:", re.IGNORECASE)


def sanitized(markdown):
    """Markdown that shows the same text and can run nothing: as written when it holds no HTML
    and no script link, else rendered to HTML with scripts and event handlers escaped and
    links only to http(s) and mail."""
    if not UNSAFE.search(markdown):
        return markdown
    from nbconvert.filters.markdown_mistune import markdown2html_mistune
    from nbconvert.filters.strings import clean_html

    html = clean_html(markdown2html_mistune(markdown)).strip()
    # What was refused as a link is text now; its colon escaped, it cannot become one again
    # when the cell is rendered as markdown.
    return re.sub(r"(?i)(javascript|vbscript|data):", r"\1&#58;", html)


def _shown(cell):
    """A student's added cell as markdown the TA can read, never run."""
    if cell.cell_type == "markdown":
        return sanitized(cell.source)
    code = "\n".join("    " + line for line in cell.source.splitlines())   # an indented block is code
    return sanitized(f"*A cell you added (not run when grading):*\n\n{code}")


def rebuild(submitted, release, course=None):
    """(the notebook to grade, the number of code cells the student added).

    ``course``: the notebook as the course wrote it (solutions/), whose test cells hold the
    hidden tests that the release lacks; its cells are taken, except in answer cells, which
    hold the student's answer or, where there is none, the release's empty one.
    """
    stubs = {cell.get("id"): cell for cell in release.cells}
    by_grade_id, by_id = {}, {}
    for cell in submitted.cells:
        grade_id = _nbgrader(cell).get("grade_id")
        if grade_id:
            by_grade_id.setdefault(grade_id, cell)
        if cell.get("id"):
            by_id.setdefault(cell["id"], cell)

    def theirs(cell):
        grade_id = _nbgrader(cell).get("grade_id")
        found = by_grade_id.get(grade_id) if grade_id else None
        return found if found is not None else by_id.get(cell.get("id"))

    matched = {}   # id() of a submitted cell -> the course's cell it stands for
    cells = []
    for cell in (course or release).cells:
        new = copy.deepcopy(cell)
        if cell.get("id") in stubs:   # the release's metadata: nbgrader's checksums are made for it
            new.metadata = copy.deepcopy(stubs[cell["id"]].metadata)
        if cell.cell_type == "code":
            new.outputs, new.execution_count = [], None
        answer = theirs(cell)
        if answer is not None:
            matched[id(answer)] = cell
        if _nbgrader(cell).get("solution"):
            if answer is not None and answer.cell_type == cell.cell_type:
                new.source = answer.source if cell.cell_type == "code" else sanitized(answer.source)
            else:   # no answer: the empty cell as handed out, never the course's solution
                new.source = stubs[cell.get("id")].source
        cells.append(new)

    # Added cells go after the release cell that they followed in the submission.
    after, current, added_code = {}, None, 0
    for cell in submitted.cells:
        if id(cell) in matched:
            current = matched[id(cell)].get("id")
            continue
        if cell.cell_type not in ("code", "markdown") or not cell.source.strip():
            continue
        added_code += cell.cell_type == "code"
        after.setdefault(current, []).append(cell)
    graded = nbformat.v4.new_notebook(metadata=copy.deepcopy(release.metadata))
    number = 0
    for cell in [None, *cells]:
        if cell is not None:
            graded.cells.append(cell)
        for extra in after.get(cell.get("id") if cell is not None else None, []):
            number += 1
            graded.cells.append(nbformat.v4.new_markdown_cell(_shown(extra), id=f"added-{number}"))
    return graded, added_code
