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
(autograder/kernel.py's Watcher): modules whose functions are replaced, the
course's environment variables changed or ``NBGRADER_EXECUTION`` looked at,
files opened outside the kernel's view (the grader's files among them).
"""

import ast
import re

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


def suspicious_code(submitted, release):
    """Findings in the student's own code cells, each naming the cell."""
    handed_out = {cell.source for cell in release.cells if cell.cell_type == "code"}
    flags = []
    for index, cell in enumerate(submitted.cells):
        if cell.cell_type != "code" or cell.source in handed_out:
            continue
        # IPython's %magics and !commands are not Python: blank them out, keep the line numbers.
        source = "\n".join("" if IPYTHON_LINE.match(line) else line for line in cell.source.splitlines())
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue   # it will fail when run, and score accordingly
        label = _nbgrader(cell).get("grade_id") or f"cell {index + 1}"
        for finding in dict.fromkeys(_findings(tree)):
            flags.append(f"{label}: {finding}")
    return flags


def library_calls(source, pattern):
    """Library functions matching ``pattern`` (a helpers.checks pattern) that ``source`` names.

    Read from the code, outside the kernel, so that disarming the kernel's own
    "by hand" guard does not help: attribute uses (``F.conv2d``), imported
    names (``from torch.nn.functional import conv2d``) and names in strings
    (``getattr(F, "conv2d")``).
    """
    source = "\n".join("" if IPYTHON_LINE.match(line) else line for line in source.splitlines())
    try:
        tree = ast.parse(source)
    except SyntaxError:
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
