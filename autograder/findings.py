"""What the TA should look at in a submission, found by reading it (nothing here runs it).

Two kinds of finding, both written to the grades CSV's ``flags`` column:

- ``changed_cells``: locked and test cells that the student edited, deleted or
  re-pointed. nbgrader restores them before grading (with ``add_missing_cells``),
  so they cost nothing, but the TA should know.
- ``suspicious_code``: the student's own code (every cell that is not a cell of
  the release as it was handed out) that patches modules, looks at
  ``NBGRADER_EXECUTION``, names the grader's files, catches ``KeyboardInterrupt``
  or changes the interrupt signal, or reaches into the interpreter (ctypes,
  gc, sys.modules).

The sandboxed kernel reports what it saw at run time as well (see
autograder/kernel.py); a patch that this reading misses is usually caught
there, and the other way round.
"""

import ast
import pkgutil
import re

import helpers

# Names under which the course's notebooks import modules whose functions the checks rely on:
# the libraries', and every module of helpers (found, not listed, so a new one is watched too).
MODULE_NAMES = {"np", "numpy", "torch", "F", "nn", "functional", "helpers", "builtins", "math", "sys",
                "os", "random", "operator", "Tensor", "__builtins__"} | {
    module.name for module in pkgutil.iter_modules(helpers.__path__)}
GRADER_FILES = re.compile(r"solutions|autograder|references\.pt|judges|gradebook|submitted|autograded")
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
        if theirs.get("source", "") != cell.source:
            flags.append(f"{grade_id}: locked cell edited; restored for grading")
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


def _module_aliases(tree):
    names = set(MODULE_NAMES)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def _findings(tree):
    modules = _module_aliases(tree)
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
        for target in targets:
            name = _dotted(target)
            if name and "." in name and name.split(".")[0] in modules:
                yield f"patches {name}"
            if isinstance(target, ast.Subscript) and _dotted(target.value) in (
                    "sys.modules", "__builtins__", "builtins.__dict__", "os.environ"):
                yield f"changes {_dotted(target.value)}"
        if isinstance(node, ast.Call):
            function = _dotted(node.func) or ""
            if function in ("setattr", "delattr", "object.__setattr__") and node.args:
                yield f"calls {function} on {_dotted(node.args[0]) or 'an object'}"
            if function.endswith("signal.signal") or function == "signal":
                yield "changes a signal handler"
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            caught = [node.type] if not isinstance(node.type, ast.Tuple) else node.type.elts
            for kind in caught:
                if _dotted(kind) in ("KeyboardInterrupt", "BaseException"):
                    yield f"catches {_dotted(kind)}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if "NBGRADER_EXECUTION" in node.value:
                yield "looks at NBGRADER_EXECUTION"
            elif GRADER_FILES.search(node.value) and len(node.value) < 300:
                yield f"names the grader's files ({node.value[:80]!r})"
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                module = (node.module or alias.name) if isinstance(node, ast.ImportFrom) else alias.name
                if module.split(".")[0] in ("ctypes", "gc", "inspect") or alias.name == "modules":
                    yield f"imports {module.split('.')[0] if alias.name != 'modules' else 'sys.modules'}"


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
