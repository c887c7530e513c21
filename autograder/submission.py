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

A submission may be hostile. ``handed_in()`` keeps only what grading reads of
it (each cell's type, id, source and nbgrader metadata, never its outputs), in
a well-formed notebook whatever the file held, and cuts each cell, and all of
them together, to autograder/inside/limits.py's sizes, with a line in the cell and a
flag saying what was cut. Rendering markdown is bounded in size and in time.
"""

import copy
import html
import re

import nbformat

from autograder.deadline import deadline
from autograder.findings import _nbgrader
from autograder.inside.limits import FILES

# A notebook over either limit is not graded, and the TA is told which and why.
MAX_NOTEBOOK_MB = FILES["notebook_mb"]
MAX_CELLS = FILES["cells"]
CELL_ID = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")   # nbformat 4.5's rule for a cell id


class NotANotebook(ValueError):
    """A JSON document that cannot be read as a Jupyter notebook; its message says why."""


def handed_in(content):
    """(the notebook as grading reads it, flags) from a submission's parsed JSON.

    Only each cell's type, id, source and scalar nbgrader metadata are kept; anything
    malformed (a cell that is not an object, a source that is not text, an id that
    nbformat would refuse) is read as absent. Each cell is cut to its limit, and every
    cell after ``source_chars`` in all is cut too, each flagged. Raises NotANotebook.
    """
    if not isinstance(content, dict) or content.get("nbformat") not in (3, 4):
        raise NotANotebook("not a Jupyter notebook (no nbformat 3 or 4 in it)")
    if content["nbformat"] == 3:   # nbformat's own upgrade; the result is read as any other
        content = nbformat.convert(nbformat.from_dict(content), 4)
    cells = content.get("cells")
    if not isinstance(cells, list):
        raise NotANotebook("not a Jupyter notebook (its cells are not a list)")
    if len(cells) > MAX_CELLS:
        raise NotANotebook(f"{len(cells):,} cells, more than the {MAX_CELLS:,} a notebook of the course may have")
    kept, flags, budget = [], [], FILES["source_chars"]
    for index, raw in enumerate(cells):
        cell = _cell(raw)
        if cell is None:
            continue
        limit = min(budget, FILES["cell_chars"] if cell["cell_type"] == "code" else FILES["markdown_chars"])
        if len(cell["source"]) > limit:
            label = cell["metadata"]["nbgrader"].get("grade_id") or f"cell {index + 1}"
            flags.append(f"{label}: {len(cell['source']):,} characters, cut to {limit:,}")
            cell["source"] = cut(cell["source"], limit, code=cell["cell_type"] == "code")
        budget = max(0, budget - len(cell["source"]))
        kept.append(cell)
    minor = content.get("nbformat_minor")
    return nbformat.from_dict({"nbformat": 4, "nbformat_minor": minor if isinstance(minor, int) else 0,
                               "metadata": {}, "cells": kept}), flags


def _cell(raw):
    """A cell as grading reads it, from its JSON, or None if it is no cell at all."""
    if not isinstance(raw, dict) or raw.get("cell_type") not in ("code", "markdown", "raw"):
        return None
    source = raw.get("source", "")
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        source = "".join(source)
    metadata = raw.get("metadata")
    nbgrader = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    cell = {"cell_type": raw["cell_type"], "source": source if isinstance(source, str) else "",
            "metadata": {"nbgrader": {key: value[:200] if isinstance(value, str) else value
                                      for key, value in (nbgrader if isinstance(nbgrader, dict) else {}).items()
                                      if isinstance(value, (str, int, float, bool, type(None)))}}}
    if raw["cell_type"] == "code":
        cell.update(outputs=[], execution_count=None)
    if isinstance(raw.get("id"), str) and CELL_ID.match(raw["id"]):
        cell["id"] = raw["id"]
    return cell


def cut(source, limit, code=False):
    """``source`` if it is at most ``limit`` characters, else its start and a line saying how much
    was cut, ``limit`` characters in all (so that cutting again changes nothing)."""
    if len(source) <= limit:
        return source
    keep = max(0, limit - 120)   # room for the line below
    line = f"[{len(source) - keep:,} more characters cut when grading: a cell may hold {limit:,}]"
    return source[:keep] + "\n\n" + (f"# {line}" if code else f"*{line}*")


# Markdown without any of these can hold no HTML and no link that runs code: it is kept as written.
UNSAFE = re.compile(r"[<>&]|javascript|vbscript|data:", re.IGNORECASE)


def sanitized(markdown):
    """Markdown that shows the same text and can run nothing: as written when it holds no HTML
    and no script link, else rendered to HTML with scripts and event handlers escaped and
    links only to http(s) and mail. Cut to ``markdown_chars`` first; a rendering that fails or
    takes over ``markdown_seconds`` of CPU gives the text, escaped, as preformatted HTML."""
    markdown = cut(markdown, FILES["markdown_chars"])
    if not UNSAFE.search(markdown):
        return markdown
    from nbconvert.filters.markdown_mistune import markdown2html_mistune
    from nbconvert.filters.strings import clean_html

    try:
        with deadline(FILES["markdown_seconds"], CpuTimeLimit, clock="cpu"):
            rendered = clean_html(markdown2html_mistune(markdown)).strip()
    except Exception:   # too long, too deep (RecursionError), out of memory: shown as plain text
        return f"<pre>{html.escape(markdown)}</pre>"
    # What was refused as a link is text now; its colon escaped, it cannot become one again
    # when the cell is rendered as markdown.
    return re.sub(r"(?i)(javascript|vbscript|data):", r"\1&#58;", rendered)


class CpuTimeLimit(Exception):
    """A student's markdown took more CPU time to render than FILES["markdown_seconds"]."""


def _shown(cell):
    """A student's added cell as markdown the TA can read, never run."""
    if cell.cell_type == "markdown":
        return sanitized(cell.source)
    source = cut(cell.source, FILES["markdown_chars"] - 100)   # with its heading, within sanitized()'s limit
    code = "\n".join("    " + line for line in source.splitlines())   # an indented block is code
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
