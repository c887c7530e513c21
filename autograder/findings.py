"""What the TA should look at in a submission, found by reading it (nothing here runs it).

Two kinds of finding, both written to the grades CSV's ``flags`` column:

- ``changed_cells``: locked and test cells that the student edited, deleted,
  re-scored, turned into markdown or marked as not graded. Grading restores
  them (autograder/submission.py), so they cost nothing, but the TA should know.
- ``suspicious_code``: what the student's own code (every cell that is not a
  cell of the release as it was handed out) is written to do against the
  grader but that leaves no trace while it runs: catching ``KeyboardInterrupt``
  (to survive the time limit), changing a signal handler, importing ctypes, gc
  or inspect (to reach into the interpreter).

Everything that shows while the code runs is watched there, and only there
(autograder/inside/kernel.py's Watcher): modules whose functions are replaced, the
course's environment variables changed or ``NBGRADER_EXECUTION`` looked at,
files opened outside the kernel's view (the grader's files among them).

Student code is read with ``parse_student_code``, which is bounded in size and
depth and never raises: a cell too large or too deep for Python's parser (which
raises RecursionError or MemoryError on a few thousand nested operators) is not
read, and says why. Whatever a submission names (files, cells, its own text)
reaches the TA's terminal and the CSV through ``printable`` and ``csv_cell``.
"""

import ast
import re
import unicodedata

from autograder.inside.limits import CSV_CELL_CHARS, FILES

IPYTHON_LINE = re.compile(r"^\s*[%!]")


def _nbgrader(cell):
    return cell.get("metadata", {}).get("nbgrader", {})


def changed_cells(submitted, release):
    """Locked or test cells of the release that are missing, edited or re-scored in ``submitted``."""
    found = {}
    for cell in submitted.cells:
        grade_id = _nbgrader(cell).get("grade_id")
        if grade_id:
            found.setdefault(grade_id, cell)
    flags = []
    for cell in release.cells:
        meta = _nbgrader(cell)
        grade_id = meta.get("grade_id")
        if not grade_id or not (meta.get("locked") or (meta.get("grade") and not meta.get("solution"))):
            continue
        theirs = found.get(grade_id)
        if theirs is None:
            flags.append(f"{grade_id}: deleted (or its nbgrader metadata removed); restored for grading")
            continue
        if theirs.get("cell_type") != cell.cell_type:
            flags.append(f"{grade_id}: turned into a {theirs.get('cell_type')} cell; restored for grading")
        elif theirs.get("source", "") != cell.source:
            flags.append(f"{grade_id}: locked cell edited; restored for grading")
        if meta.get("grade") and not _nbgrader(theirs).get("grade"):
            flags.append(f"{grade_id}: marked as not graded; restored for grading")
        if meta.get("grade") and _nbgrader(theirs).get("points") != meta.get("points"):
            flags.append(f"{grade_id}: points changed from {meta.get('points')} to "
                         f"{_nbgrader(theirs).get('points')}; restored for grading")
    return flags


def _dotted(node):
    """'numpy.allclose' for an Attribute chain on a name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def _findings(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = _dotted(node.func) or ""
            if function.endswith("signal.signal") or function == "signal":
                yield "changes a signal handler"
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            caught = [node.type] if not isinstance(node.type, ast.Tuple) else node.type.elts
            for kind in caught:
                if _dotted(kind) in ("KeyboardInterrupt", "BaseException"):
                    yield f"catches {_dotted(kind)}"
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                module = (node.module or alias.name) if isinstance(node, ast.ImportFrom) else alias.name
                if module.split(".")[0] in ("ctypes", "gc", "inspect"):
                    yield f"imports {module.split('.')[0]}"


def parse_student_code(source, problems=None):
    """The syntax tree of a cell of student code, or None where it cannot be read; never raises.

    IPython's %magics and !commands are blanked out (line numbers kept). Code that is not
    Python gives None: it fails when run, and scores accordingly. Code over the size or depth
    limits (autograder/inside/limits.py's FILES) gives None too, and the reason is appended to
    ``problems`` (a list) if one is given: the tree that is returned is at most ``code_depth``
    deep, so that a recursive walk of it (ast.NodeVisitor) cannot exhaust Python's stack.
    """
    def refuse(reason):
        if problems is not None:
            problems.append(reason)

    if not isinstance(source, str):
        return None
    if len(source) > FILES["cell_chars"]:
        return refuse(f"code of {len(source):,} characters, more than the {FILES['cell_chars']:,} "
                      f"read: not read")
    source = "\n".join("" if IPYTHON_LINE.match(line) else line for line in source.splitlines())
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    except (RecursionError, MemoryError):   # Python's own parser gives up on deep expressions
        return refuse("code too deeply nested to read (Python's parser gave up): not read")
    except Exception as error:   # anything else the parser may raise costs only this cell
        return refuse(f"code that could not be read ({type(error).__name__}): not read")
    if _deeper_than(tree, FILES["code_depth"]):
        return refuse(f"code nested more than {FILES['code_depth']} levels deep: not read")
    return tree


def _deeper_than(tree, limit):
    """Whether the syntax tree is more than ``limit`` deep, found without recursion."""
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return False


def suspicious_code(submitted, release):
    """Findings in the student's own code cells, each naming the cell."""
    handed_out = {cell.source for cell in release.cells if cell.cell_type == "code"}
    flags = []
    for index, cell in enumerate(submitted.cells):
        if cell.cell_type != "code" or cell.source in handed_out:
            continue
        label = printable(_nbgrader(cell).get("grade_id") or f"cell {index + 1}", 64)
        problems = []
        tree = parse_student_code(cell.source, problems)
        flags += [f"{label}: {problem}" for problem in problems]
        if tree is not None:
            flags += [f"{label}: {finding}" for finding in dict.fromkeys(_findings(tree))]
    return flags


def library_calls(source, pattern):
    """Library functions matching ``pattern`` (a helpers.checks pattern) that ``source`` names.

    Read from the code, outside the kernel, so that disarming the kernel's own
    "by hand" guard does not help: attribute uses (``F.conv2d``), imported
    names (``from torch.nn.functional import conv2d``) and names in strings
    (``getattr(F, "conv2d")``).
    """
    tree = parse_student_code(source)
    if tree is None:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and pattern.match(node.attr):
            found.append(_dotted(node) or node.attr)
        elif isinstance(node, ast.ImportFrom):
            found += [f"{node.module}.{a.name}" for a in node.names if pattern.match(a.name)]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and pattern.match(node.value):
            found.append(repr(node.value))
    return list(dict.fromkeys(found))


# Names and text from a submission, made safe to show. A name may hold anything a file system
# or a zip allows: terminal escape sequences (ESC, and C1 controls that some terminals obey),
# bidi overrides that show a name reversed, new lines that forge a line of the log.

def printable(text, limit=FILES["name_chars"]):
    """``text`` as one line that shows what it holds and can do nothing to a terminal or a log:
    control, format (bidi), separator and unassigned characters written as escapes (ESC as
    ``\\x1b``), and cut to ``limit`` characters, saying how many more there were."""
    text = str(text)
    more = len(text) - limit
    shown = "".join(_escaped(char) for char in text[:limit])
    return shown + (f"... ({more:,} more characters)" if more > 0 else "")


def _escaped(char):
    if char == " " or unicodedata.category(char)[0] not in "CZ":
        return char
    return ascii(char)[1:-1]   # '\x1b', '\u202e', '\t'


# A spreadsheet reads a cell that begins with one of these as a formula (OWASP's CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A value as the CSV may hold it: text made printable, and a leading quote where it would
    begin a formula (OWASP's rule for CSV injection); numbers as they are."""
    if not isinstance(value, str):
        return value
    text = printable(value, CSV_CELL_CHARS)   # a tab or CR escaped to text: quoted all the same
    return "'" + text if value.startswith(FORMULA_START) or text.startswith(FORMULA_START) else text
