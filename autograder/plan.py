"""Which cells each hidden test runs with: read from the course's notebook (solutions/), never from a submission.

Every graded test cell runs in a process of its own (autograder/execute.py),
forked from a kernel that has run only the course's *set-up* cells. In that
process run only:

- the answer cells that the test grades: the answer cells since the previous
  test cell, and those the notebook says it builds on (the test cell's metadata
  ``{"course": {"builds_on": [answer grade ids]}}`` in solutions/);
- the course cells those need that depend on an answer (none, today);
- the test cell.

Set-up cells are the course cells that some test, or some answer, needs (found
by the names they define and use) and that need no answer themselves. Every
other cell (training runs, figures) does not run at grading.

The names come from Python's own symbol tables, statement by statement, so a
name that a cell binds before it reads it is the cell's own. IPython's magics
(%, !) are left out: they define no names.
"""

import ast
import builtins
import functools
import symtable
from dataclasses import dataclass, field

import nbformat

from autograder.paths import SOLUTIONS

BUILTINS = frozenset(dir(builtins)) | {"get_ipython", "display", "__name__", "__file__"}
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def _symbols(code):
    """(names bound at the top level, names read there, names read later by functions it defines)."""
    top = symtable.symtable(code, "<cell>", "exec")
    bound = {s.get_name() for s in top.get_symbols() if s.is_assigned() or s.is_imported() or s.is_namespace()}
    read_now = {s.get_name() for s in top.get_symbols() if s.is_referenced()}
    read_later = set()
    tables = list(top.get_children())
    while tables:   # functions, classes, comprehensions: their free names are the cell's globals
        table = tables.pop()
        tables += table.get_children()
        for s in table.get_symbols():
            if s.is_global() and s.is_referenced():
                read_later.add(s.get_name())
            if s.is_declared_global() and s.is_assigned():
                bound.add(s.get_name())
    return bound, read_now, read_later


def statements(tree):
    """Each top-level statement of a parsed cell as the source of a module of its own."""
    return [ast.unparse(ast.Module([node], type_ignores=[])) for node in tree.body]


def names_of(tree):
    """(names a parsed cell defines, names it reads from earlier cells)."""
    defined, used, later = set(), set(), set()
    for code in statements(tree):
        bound, read_now, read_later = _symbols(code)
        used |= read_now - defined - bound   # a name a statement binds itself (a loop, a with) is its own
        later |= read_later
        defined |= bound
    return defined, (used | (later - defined)) - BUILTINS


def parse(source):
    """A cell's tree, or None where it is not Python (a syntax error: it fails when run) or is
    too large or too deep to read (a student's cell may be anything: findings' bounded parse)."""
    from autograder.findings import parse_student_code

    return parse_student_code(source)


def cell_names(source):
    tree = parse(source)
    try:
        return names_of(tree) if tree is not None else (set(), set())
    except (SyntaxError, RecursionError, MemoryError, ValueError):   # symtable's own limits
        return set(), set()


def hidden_part(source):
    """(the test cell without its hidden tests, the hidden tests alone)."""
    if HIDDEN_BEGIN not in source:
        return source, ""
    before, rest = source.split(HIDDEN_BEGIN, 1)
    hidden, after = rest.split(HIDDEN_END, 1) if HIDDEN_END in rest else (rest, "")
    return before.rstrip() + ("\n" + after.strip() if after.strip() else ""), hidden.strip("\n")


def description(hidden, grade_id):
    """What a hidden test calls itself: the third argument of its ``grading.hidden_tests(...)``."""
    tree = parse(hidden)
    for node in ast.walk(tree) if tree is not None else []:
        if (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "hidden_tests"
                and len(node.args) > 2 and isinstance(node.args[2], ast.Constant)):
            return str(node.args[2].value)
    return f"the hidden tests of {grade_id.removeprefix('test_')}"


def needed_statements(visible, hidden):
    """The statements of a test cell's visible part that define what its hidden tests use
    (a helper function, a test function), transitively, in their order; the rest is left out."""
    tree = parse(visible)
    if tree is None:
        return ""
    parts = [(code, *names_of(ast.parse(code))) for code in statements(tree)]
    wanted = cell_names(hidden)[1]
    keep = set()
    for index in reversed(range(len(parts))):
        code, defined, used = parts[index]
        if defined & wanted:
            keep.add(index)
            wanted |= used
    return "\n".join(parts[i][0] for i in sorted(keep))


@dataclass
class Cell:
    index: int         # its place among all the notebook's cells
    kind: str          # "answer", "test" or "course"
    grade_id: str
    source: str
    defined: set
    used: set


@dataclass
class TestPlan:
    grade_id: str
    cell: int                                     # the test cell's index
    answers: list = field(default_factory=list)   # indices of the answer cells it runs, in order
    own: list = field(default_factory=list)       # those it grades (the others it builds on)
    course: list = field(default_factory=list)    # course cells that depend on its answers


@dataclass(eq=False)
class Plan:
    cells: dict                  # index -> Cell, every code cell
    setup: list = field(default_factory=list)      # course cells run once, before any test
    tests: list = field(default_factory=list)      # TestPlan, in the notebook's order
    problems: list = field(default_factory=list)   # a test that needs an undeclared answer: a course bug

    def answer_cells(self):
        return [index for index, cell in sorted(self.cells.items()) if cell.kind == "answer"]

    def definer(self, name, before):
        """The last cell before the cell ``before`` that defines ``name``, or None."""
        for index in sorted((i for i in self.cells if i < before), reverse=True):
            if name in self.cells[index].defined:
                return self.cells[index]
        return None

    def needs(self, names, at):
        """{index: Cell} of every cell that ``names``, read at cell ``at``, reach through their definers."""
        found, todo = {}, [(name, at) for name in names]
        while todo:
            name, before = todo.pop()
            cell = self.definer(name, before)
            if cell is None or cell.index in found:
                continue
            found[cell.index] = cell
            todo += [(n, cell.index) for n in cell.used]
        return found

    def answer_free(self, cell):
        """The cells a course cell reads from, if none of them is an answer; else None."""
        reached = self.needs(cell.used, cell.index)
        return None if any(c.kind == "answer" for c in reached.values()) else reached

    def setup_for(self, answers):
        """The set-up cells for one submission: the course's, and the course cells that its answers
        (``{index: source}``) read a name from, where those need no answer themselves."""
        wanted = set(self.setup)
        for index, source in answers.items():
            for name in cell_names(source)[1]:
                cell = self.definer(name, index)
                reached = self.answer_free(cell) if cell is not None and cell.kind == "course" else None
                if reached is not None:
                    wanted |= {cell.index, *reached}
        return sorted(wanted)


def _kind(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    if meta.get("solution"):
        return "answer"
    return "test" if meta.get("grade") else "course"


def make_plan(nb):
    """The plan of a course notebook (solutions/: its test cells hold the hidden tests)."""
    plan = Plan({})
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            defined, used = cell_names(cell.source)
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"cell {index + 1}"
            plan.cells[index] = Cell(index, _kind(cell), grade_id, cell.source, defined, used)
    cells, order = plan.cells, sorted(plan.cells)
    by_grade_id = {c.grade_id: c.index for c in cells.values() if c.kind == "answer"}
    setup, previous = set(), -1
    for index in order:
        cell = cells[index]
        if cell.kind != "test":
            continue
        own = [i for i in order if previous < i < index and cells[i].kind == "answer"]
        previous = index
        declared = nb.cells[index].get("metadata", {}).get("course", {}).get("builds_on", [])
        missing = [g for g in declared if g not in by_grade_id]
        if missing:
            plan.problems.append(f"{cell.grade_id}: builds on {', '.join(missing)}, which no answer cell is")
        answers = sorted(set(own) | {by_grade_id[g] for g in declared if g in by_grade_id})
        test = TestPlan(cell.grade_id, index, answers, own)
        reached = plan.needs(cell.used, index)
        for i in answers:
            reached.update(plan.needs(cells[i].used, i))
        for needed in reached.values():
            if needed.kind == "answer" and needed.index not in answers:
                plan.problems.append(f"{cell.grade_id}: needs {needed.grade_id}'s answer, which it does not "
                                     f"declare in builds_on")
            elif needed.kind == "course":
                (setup.add if plan.answer_free(needed) is not None else test.course.append)(needed.index)
        test.course.sort()
        plan.tests.append(test)
    plan.setup = sorted(setup)
    return plan


@functools.lru_cache(maxsize=None)
def course_plan(notebook):
    """The plan of one of the course's notebooks, made once per process."""
    return make_plan(course_notebook(notebook))


@functools.lru_cache(maxsize=None)
def course_notebook(notebook):
    """The notebook as the course wrote it (solutions/): its test cells hold the hidden tests."""
    return nbformat.read(SOLUTIONS / notebook / f"{notebook}.ipynb", as_version=4)
