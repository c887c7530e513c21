"""How a wrong answer's run is judged in-process (tests/test_wrong_answers.py), and how many of them
share the part of their runs that they have in common.

A run executes the solution notebook's cells in one namespace, as a notebook runs them, but only
those that grading depends on (run_cells says which, and how). Two runs of the same notebook are
alike up to the first cell that either edits or grades (first_difference): ``python
tests/answer_runs.py NOTEBOOK RESULTS NICE`` (names on its standard input) runs that common part
once, on one thread, and forks a process for each wrong answer where its own run begins, two at a
time (one per core), so that a notebook's 200-odd wrong answers do not each run its first exercises
again. A session starts these runs as soon as its tests are collected, in the background and at the
lowest priority (Background), so that they use the cores the other tests leave idle.
"""

import ast
import atexit
import contextlib
import functools
import gc
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import traceback

import matplotlib
import torch

from autograder import plan
from autograder.plan import course_plan

from course import (is_test_cell, nbgrader_meta, read, run_cell, solution_path, with_edits,
                    without_markers, wrong_answers)

matplotlib.use("Agg")   # before pyplot: figures are drawn off screen and never shown


DEFINITIONS = (ast.FunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)

# A run parses the cells it does not edit just as every other run does (what a test cell's hidden
# tests need, what a cell that grades nothing defines): about a third of a forked run's time. Parsed
# once, in the process that forks the runs, and shared by all of them.
hidden_part = functools.lru_cache(maxsize=None)(plan.hidden_part)
needed_statements = functools.lru_cache(maxsize=None)(plan.needed_statements)


@functools.lru_cache(maxsize=None)
def definitions_only(source):
    """What a cell that grades nothing contributes to grading: its functions, classes and imports, and
    its constants (``SIZE = 32``); its demonstration (a timing loop, a plot) is left out. Empty if none."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ""
    kept = [node for node in tree.body if isinstance(node, DEFINITIONS) or (
        isinstance(node, ast.Assign) and all(isinstance(n, ast.Constant) for n in ast.walk(node.value)
                                             if not isinstance(n, (ast.Tuple, ast.List, ast.Load))))]
    if not any(isinstance(node, (ast.FunctionDef, ast.ClassDef)) for node in kept):
        return ""
    return "\n".join(ast.get_source_segment(source, node) for node in kept)


def graded_by(assignment, cells, edits):
    """The indices of the test cells whose points ``edits`` can change: as in the autograder, each
    test cell's hidden test runs with only its own answer cells and those it builds on
    (autograder/plan.py), so a test cell that uses none of the edited cells grades as in the
    solution, which passes them all (test_the_solution_passes_every_test_cell). Every test cell
    when there are no edits, or when an edit is not to an answer cell."""
    plan = course_plan(assignment)
    edited = {index for index, cell in enumerate(cells) if cell.id in (edits or {})}
    every = {test.cell for test in plan.tests}
    if not edited or not edited <= set(plan.answer_cells()):
        return every
    return {test.cell for test in plan.tests if edited & set(test.answers)}


def failing_tests(assignment, edits=None, visible=None, shown=None):
    """The grade ids of the test cells whose hidden tests fail when the solution, with ``edits``,
    runs: as in the autograder, a test cell's hidden tests alone decide its points (they run
    first, with the definitions of the cell they use), then its visible checks run; the grade
    ids of those that raise go to ``visible`` (a set, or a dict that also keeps each message).
    ``shown``: the grade ids whose visible checks to run (None: every one); a hidden test needs
    none of them (the autograder runs it in a process of its own)."""
    cells = read(solution_path(assignment)).cells
    failed = set()
    run_cells(assignment, cells, range(len(cells)), edits, graded_by(assignment, cells, edits), shown,
              {"__name__": "__main__"}, failed, visible if visible is not None else set())
    return failed


def run_cells(assignment, cells, indices, edits, graded, shown, namespace, failed, visible):
    """Run ``cells[i] for i in indices`` in ``namespace`` as failing_tests describes: the grade ids
    of the hidden tests that fail go to ``failed``, of the visible checks to ``visible``.
    ``graded``: the indices of the test cells whose points ``edits`` can change (graded_by)."""
    import matplotlib.pyplot as plt

    for index in indices:
        cell = cells[index]
        if cell.cell_type != "code":
            continue
        meta = nbgrader_meta(cell)
        filename = f"/tmp/ipykernel_0/{assignment}_{cell.id}.py"
        source = without_markers(cell.source)
        show_checks = is_test_cell(cell) and (shown is None or meta["grade_id"] in shown)
        if cell.id not in ("setup", "imports") and not meta:
            source = definitions_only(source)
            if not source:
                continue
        elif is_test_cell(cell) and index not in graded:
            # runs as in the solution, which passes it; its hidden test's definitions are still
            # defined, and where a definition needs the cell's own values (a default argument),
            # the cell runs whole, visible checks included (whatever ``shown`` says, so that a
            # cell that grades nothing runs alike in every run: see first_difference)
            try:
                run_cell(definitions_only(hidden_part(cell.source)[0]), namespace, filename)
                continue
            except NameError:
                show_checks = True
        source = with_edits(source, (edits or {}).get(cell.id, []), cell.id)
        parts = [(source, failed)]
        if is_test_cell(cell):
            checks, hidden = hidden_part(cell.source)
            parts = [("\n".join(p for p in (needed_statements(checks, hidden), hidden) if p), failed)]
            if show_checks:
                parts.append((checks, visible))
        for part, failures in parts:
            try:
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                    run_cell(part, namespace, filename)
            except Exception as error:
                assert is_test_cell(cell), f"{cell.id}, which grades nothing, raised {error!r}"
                if isinstance(failures, dict):
                    failures[meta["grade_id"]] = str(error)
                else:
                    failures.add(meta["grade_id"])
            finally:
                plt.close("all")


# ---- many runs of one notebook, each forked where it begins ----------------------------------

def first_difference(cells, edits, graded):
    """The index of the first cell that a run with ``edits`` and ``graded`` runs otherwise than the
    solution with no test cell graded: up to it, the two runs are one (run_cells runs a cell that
    grades nothing alike in every run)."""
    return next((index for index, cell in enumerate(cells)
                 if cell.id in (edits or {}) or (is_test_cell(cell) and index in graded)), len(cells))


def shown_cells(failing, named):
    """The grade ids whose visible checks a wrong answer's run shows (their words are tested): the
    cells it fails, and the cells named in its words; None (every one) for a right answer."""
    if not failing:
        return None
    return set(failing) | {cell for words in named if isinstance(words, dict) for cell in words}


def forked_runs(assignment, names, nice=0):
    """{name: (hidden tests failed, {visible check: its message})} for these entries of the notebook's
    wrong_answers.py, or {name: the error} where a run could not finish. Runs in a process of its own
    (see ``__main__`` below), ``nice`` its priority (19 the lowest); the caller's environment (threads,
    COURSE_SCALE) stays as it is."""
    env = {k: v for k, v in os.environ.items() if k != "COURSE_GRADING"}
    # One thread per process: libgomp's pool does not survive a fork, and two runs, one per core,
    # go faster than one on two threads.
    env.update(COURSE_SCALE="fast", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
               MPLBACKEND="Agg")
    with tempfile.TemporaryDirectory() as folder:
        results = os.path.join(folder, "results.json")
        process = subprocess.Popen([sys.executable, __file__, assignment, results, str(nice)], env=env,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True, start_new_session=True)
        _running.add(process)
        try:
            _, err = process.communicate(json.dumps(list(names)))
        finally:
            _running.discard(process)
        if process.returncode != 0 or not os.path.exists(results):
            raise RuntimeError(f"the runs of {assignment} stopped ({process.returncode}):\n{err[-3000:]}")
        with open(results) as f:
            found = json.load(f)
    return {name: found[name] if isinstance(found[name], str) else (set(found[name][0]), found[name][1])
            for name in found}


_running = set()   # the forked_runs processes under way: stopped, with what they forked, if the session ends


@atexit.register
def _stop_running():
    for process in list(_running):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


background = None   # the session's Background, once its tests are collected (conftest.py)


class Background:
    """The runs of the wrong answers a session tests ({notebook: [names]}), made one notebook after
    another in a thread of the session's process, as soon as the tests are collected, at the lowest
    priority: they use what the cores have to spare while the tests before them (the grade command's,
    the pipeline's) run, and take nothing those tests need. ``of(notebook)`` waits for a notebook's."""

    def __init__(self, selected):
        self.selected, self.made = selected, {}
        self.ready = {assignment: threading.Event() for assignment in selected}
        threading.Thread(target=self._make, daemon=True).start()

    def _make(self):
        for assignment, names in self.selected.items():
            try:
                self.made[assignment] = forked_runs(assignment, names, nice=19)
            except Exception as error:   # raised again in the test that asks for them
                self.made[assignment] = error
            self.ready[assignment].set()

    def of(self, assignment):
        self.ready[assignment].wait()
        made = self.made[assignment]
        if isinstance(made, Exception):
            raise made
        return made


RUN_SECONDS = 300   # one wrong answer's run takes a second or two; one that hangs is stopped after this


def _run_forked(assignment, names, results_path, at_once):
    """Run the common part of every run once, and fork each named run where it begins; write
    {name: [failed, visible] or the error} as JSON to ``results_path``."""
    torch.set_num_threads(1)
    cells = read(solution_path(assignment)).cells
    entries = wrong_answers(assignment)
    starts = {}   # cell index -> [(name, edits, graded, shown)] of the runs that begin there
    for name in names:
        edits, failing, *named = entries[name]
        graded = graded_by(assignment, cells, edits)
        starts.setdefault(first_difference(cells, edits, graded), []).append(
            (name, edits, graded, shown_cells(failing, named)))
    # The solution, every test cell graded, once in a namespace of its own: the modules that the
    # checks and judges import when first used (torch's compiler stack among them, a second) are
    # then imported here, once, not again in every forked run.
    run_cells(assignment, cells, range(len(cells)), None, {i for i, cell in enumerate(cells) if is_test_cell(cell)},
              None, {"__name__": "__main__"}, set(), {})
    folder = os.path.dirname(results_path)
    running = set()   # the process ids of the runs forked and not yet ended

    namespace, common_failed, common_visible = {"__name__": "__main__"}, set(), {}
    for index in range(len(cells) + 1):
        for name, edits, graded, shown in starts.get(index, []):
            while len(running) >= at_once:
                running.discard(os.waitpid(-1, 0)[0])
            gc.freeze()   # the objects made so far stay out of the child's collections: fewer pages copied
            pid = os.fork()
            if pid == 0:   # the run of this entry, from here on
                signal.alarm(RUN_SECONDS)   # a run that hangs ends here, and its test says so
                try:
                    try:
                        failed, visible = set(common_failed), dict(common_visible)
                        run_cells(assignment, cells, range(index, len(cells)), edits, graded, shown,
                                  namespace, failed, visible)
                        result = [sorted(failed), visible]
                    except BaseException:
                        result = traceback.format_exc()
                    with open(os.path.join(folder, f"{os.getpid()}.json"), "w") as f:
                        json.dump({name: result}, f)
                finally:
                    os._exit(0)
            running.add(pid)
        if index < len(cells):
            run_cells(assignment, cells, [index], None, set(), None, namespace, common_failed, common_visible)
    while running:
        running.discard(os.waitpid(-1, 0)[0])
    found = {}
    for file in os.listdir(folder):
        if file.endswith(".json") and file != os.path.basename(results_path):
            with open(os.path.join(folder, file)) as f:
                found.update(json.load(f))
    for name in names:
        found.setdefault(name, f"its process stopped before it could say what its run gave (it may have run "
                               f"past {RUN_SECONDS} s, or crashed)")
    with open(results_path, "w") as f:
        json.dump(found, f)


if __name__ == "__main__":
    os.nice(int(sys.argv[3]))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    _run_forked(sys.argv[1], json.load(sys.stdin), sys.argv[2], at_once=max(1, cores or 1))
