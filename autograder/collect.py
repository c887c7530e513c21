"""Find every gradable notebook in what the LMS handed out: one Submission per notebook, and
(file name, reason) for each file that is not graded.

SUBMISSIONS is a folder or a zip file: one folder per student, or files named after
the student ("s1234_01_convolution.ipynb", "Copy of 01_convolution.ipynb" inside a
student's folder, "01_convolution-1.ipynb"...). Each notebook is recognised by its
graded cells, not by its file name. Reading a file is bounded whatever it holds
(limits.FILES): a hostile file costs only its own row.
"""

import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder import submission
from autograder.inside.limits import FILES
from autograder.paths import SOLUTIONS, notebook_names
from autograder.unzip import too_large, unzip


@dataclass
class Submission:
    student: str
    assignment: str
    source: str                               # where it came from, as the TA will recognise it
    flags: list = field(default_factory=list)
    notebook: object = field(default=None, repr=False)   # as handed in, for prepare(), which lets it go
    failed: str = ""                          # why it could not be graded, if it could not


def assignments():
    """Notebook name -> the grade ids of its graded cells, from solutions/."""
    found = {}
    for name in notebook_names():
        nb = nbformat.read(SOLUTIONS / name / f"{name}.ipynb", as_version=4)
        found[name] = {c.metadata["nbgrader"]["grade_id"] for c in nb.cells
                              if c.metadata.get("nbgrader", {}).get("grade_id")}
    return found


def grade_ids(nb):
    return {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb.cells} - {None}


def identify(nb, filename, known):
    """The assignment a notebook belongs to: the one sharing most graded cells, else its file name."""
    ids = grade_ids(nb)
    overlap = {name: len(ids & grade_ids) for name, grade_ids in known.items()}
    best = max(overlap, key=overlap.get, default=None)
    if best is not None and overlap[best] > 0:
        return best
    named = [name for name in known if name in filename]
    return named[0] if len(named) == 1 else None


_COPY_MARKS = re.compile(r"^copy of\s+|\s*\(\d+\)$|-\d+$", re.I)


def student_id(relative, assignment):
    """The student a file belongs to: its top folder, or what its name holds besides the notebook's."""
    if len(relative.parts) > 1:
        raw = relative.parts[0]
    else:
        stem = relative.stem
        previous = None
        while previous != stem:  # "Copy of 01_convolution (1)" and the like
            previous, stem = stem, _COPY_MARKS.sub("", stem.strip())
        raw = stem.replace(assignment, "")
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "_", raw).strip("_.- ")
    return cleaned or None


def read_notebook(path):
    """(notebook, flags, None) or (None, [], the reason it cannot be graded).

    Bounded whatever the file holds: its size, then its JSON's nesting and length (read
    without parsing it, so that the parser never recurses deep nor builds millions of
    objects), then what is kept of it (submission.handed_in). Any failure is the reason.
    """
    if path.suffix != ".ipynb":
        return None, [], f"not a notebook (a {path.suffix or 'file without extension'} file)"
    if not path.is_file():
        return None, [], "not a regular file"
    limit = FILES["notebook_mb"] * 2**20
    with open(path, "rb") as f:
        data = f.read(limit + 1)   # never more than the limit, whatever its size said
    if len(data) > limit:
        return None, [], too_large(max(len(data), path.stat().st_size))
    if not data.strip():
        return None, [], "empty file"
    problem = json_problem(data)
    if problem:
        return None, [], problem
    try:
        content = json.loads(data)
    except (RecursionError, MemoryError) as error:
        return None, [], f"not a notebook that can be read ({type(error).__name__})"
    except ValueError as error:   # UnicodeDecodeError too
        return None, [], f"not JSON ({str(error).splitlines()[0] if str(error) else type(error).__name__})"
    del data
    try:
        nb, flags = submission.handed_in(content)
    except submission.NotANotebook as error:
        return None, [], str(error)
    except Exception as error:   # nbformat's upgrade of an old notebook raises several kinds
        return None, [], f"not a Jupyter notebook ({type(error).__name__})"
    return nb, flags, None


# A JSON string (its escaped quotes taken out first), or one of the characters that make its shape.
_JSON_TOKEN = re.compile(rb'"[^"]*"|[\[\]{},]')


def json_problem(data):
    """Why a notebook's JSON is too deep or too long to parse, read without parsing it; else None.

    Escaped backslashes, then escaped quotes, are taken out, so that every remaining quote
    starts or ends a string; strings, brackets and commas are counted in one pass that stops
    at the first limit. For valid JSON the count is exact; invalid JSON fails to parse anyway.
    """
    data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    depth, tokens = 0, 0
    for token in _JSON_TOKEN.finditer(data):
        tokens += 1
        if tokens > FILES["json_tokens"]:
            return (f"too many values to read (over {FILES['json_tokens']:,} strings, lists and objects; "
                    f"a notebook of the course has about 2,000)")
        opens = data[token.start()]
        if opens in b"[{":
            depth += 1
            if depth > FILES["json_depth"]:
                return (f"nested too deeply to read (over {FILES['json_depth']} levels of lists and objects; "
                        f"a notebook has about 5)")
        elif opens in b"]}":
            depth -= 1
    return None


def collect(source, known):
    """Copy every gradable notebook under ``source`` into submitted/; return (submissions, problems).

    ``problems`` holds (file name, reason) for each file that is not graded. One file's failure,
    whatever it is, costs only that file: its reason says what it was.
    """
    submissions, problems, seen = [], [], {}
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(source)
        if root.is_file():   # a zip file, or what claims to be one: read as far as it can be
            if root.suffix.lower() != ".zip" and not zipfile.is_zipfile(root):
                return [], [(root.name, "neither a folder nor a zip file")]
            problems += unzip(root, Path(scratch))
            root = Path(scratch)
        files, links = _files(root)
        problems += [(str(link.relative_to(root)), "a link, not a file: not followed") for link in links]
        for path in files:
            relative = path.relative_to(root)
            try:
                found, reason = _submission(path, relative, known, seen)
            except Exception as error:   # a fault of the grader's own: this file says so, the others go on
                found, reason = None, f"could not be read ({type(error).__name__}: {str(error)[:200]})"
            if found is None:
                problems.append((str(relative), reason))
            else:
                submissions.append(found)
    return submissions, problems


def _submission(path, relative, known, seen):
    """(a Submission, None) for a gradable notebook, else (None, the reason)."""
    nb, flags, reason = read_notebook(path)
    if nb is None:
        return None, reason
    assignment = identify(nb, path.name, known)
    if assignment is None:
        return None, "none of the course's notebooks (no graded cell matches, and the name names none)"
    student = student_id(relative, assignment)
    if student is None:
        return None, ("cannot tell whose it is: put it in a folder named after the student, "
                      "or name the file after them")
    if (student, assignment) in seen:
        return None, f"a second {assignment} for {student} (the first, {seen[student, assignment]}, is graded)"
    seen[student, assignment] = str(relative)
    found = Submission(student, assignment, str(relative), flags=flags, notebook=nb)
    if nb.nbformat_minor < 5 or any("id" not in c for c in nb.cells):
        found.flags.append("old notebook format (no cell ids)")
    return found, None


def _files(root):
    """(files, links) under ``root``: hidden folders and macOS's zip debris skipped, links never followed."""
    files, links = [], []
    for folder, subfolders, names in os.walk(root):   # os.walk does not follow links to folders
        here = Path(folder)
        links += [here / name for name in subfolders if (here / name).is_symlink()]
        subfolders[:] = sorted(n for n in subfolders if not n.startswith((".", "__MACOSX")))
        for name in sorted(names):
            path = here / name
            if name.startswith("."):
                continue
            (links if path.is_symlink() else files).append(path)
    return sorted(files), sorted(links)
