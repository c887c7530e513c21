"""nbgrader's Execute step, replaced: each hidden test in a sandboxed process of its own, judged outside it.

``SandboxedExecute`` takes the place of nbgrader's ``Execute`` preprocessor in
``nbgrader autograde`` (see nbgrader_config.py). For each notebook it:

1. asks the zygote (autograder/inside/zygote.py) for a fresh kernel, forked and
   confined (autograder/sandbox.py), with the hidden tests' inputs but none of
   their expected outputs, and runs in it only the course's set-up cells
   (autograder/plan.py: the cells some test or answer reads a name from);
2. for each graded test cell, has the kernel fork a process of its own
   (autograder/inside/kernel.py), which runs the answer cells that the test grades
   (and those its exercise builds on), then the hidden tests, then, once the
   verdict's material is in, the visible checks for the feedback. A by-hand
   test's process is guarded from before its answers run (autograder/inside/guard.py).
   Each cell runs under a wall-clock limit, the notebook under another; a
   process that ignores the interrupt is killed, one that dies is reported;
3. judges every test here, in the grading process, from its records alone
   (grading/<notebook>/judges.py against the references): the verdict is
   the test cell's last output, a tick or a one-line ``HiddenTestFailed``
   error, which nbgrader's SaveAutoGrades scores;
4. writes what the TA should review to ``autograder/review/<student>/<notebook>.json``.
"""

import functools
import json
import re
import time

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Integer, List, Unicode

from autograder import submission
from autograder.inside.limits import LIMITS
from autograder.kernels import Kernel, KernelGone
from autograder.outputs import bounded_outputs, bounded_text, verdict_outputs, clean_output, error_output
from autograder.paths import DEFAULT_WORK, Work
from autograder.plan import course_notebook
from autograder.zygotes import hidden_paths, zygote_address


@functools.lru_cache(maxsize=None)
def release(work, notebook):
    """The notebook as handed out, which ``nbgrader generate_assignment`` writes into the work folder."""
    path = Work(work).release_file(notebook)
    if not path.is_file():
        raise FileNotFoundError(f"No release of {notebook} at {path}: run `nbgrader generate_assignment "
                                f"{notebook} --force` in autograder/ first (the grade command does).")
    return nbformat.read(path, as_version=4)


@functools.lru_cache(maxsize=None)
def grading_material(notebook):
    """(references, judges, the kernel's encoded inputs) of one notebook, read once per process."""
    from autograder import judging
    from helpers import grading

    references, judges = judging.load_references(notebook), judging.load_judges(notebook)
    inputs = {grade_id: grading.encode(cases)
              for grade_id, cases in judging.kernel_inputs(notebook, references).items()}
    return references, judges, inputs



# What an allocation refused at the memory limit raises: Python's MemoryError (NumPy's is a subclass,
# _ArrayMemoryError), and PyTorch's RuntimeError from its allocator; inside a hidden test, the same
# words in its one-line summary ("Your code raised MemoryError: ...").
OUT_OF_MEMORY = re.compile(r"MemoryError|can't allocate memory|CUDA out of memory")


def out_of_memory(output):
    """Whether a cell's output is an error that an allocation over the memory limit raised."""
    return output.output_type == "error" and bool(OUT_OF_MEMORY.search(f"{output.ename}: {output.evalue}"))


class _Run:
    """One notebook's grading: runs cells in the kernel or a test's process, and keeps the flags."""

    def __init__(self, execute, notebook, plan, graded):
        self.execute, self.notebook, self.plan, self.graded = execute, notebook, plan, graded
        self.flags, self.stopped, self.seconds = [], None, {"judging": 0.0}
        self.gone = False   # the last cell's process was killed or died: nothing more runs in it
        self.deadline = time.monotonic() + execute.notebook_timeout

    def stop(self, why):
        if self.stopped is None:
            self.stopped = why
            self.flags.append(why)

    def cell(self, process, source, cell, index, test=None, keep=None):
        """Run one cell's source; return its outputs. Records go to ``keep`` (a test's own run)."""
        execute = self.execute
        label = self.plan.cells[index].grade_id if index in self.plan.cells else f"cell {index + 1}"
        seconds = min(execute.cell_timeout, self.deadline - time.monotonic())
        if seconds <= 0:
            self.stop(f"the notebook's time limit ({execute.notebook_timeout} s) was reached")
            return [error_output("TimeLimit", f"Not run: {self.stopped}.")]
        outputs, records, events, status = process.run(source, seconds, execute.interrupt_grace)
        self.gone = status == "killed" or status.startswith("died")
        if process.strays:
            self.flags.append(f"{label}: sent {process.strays} message(s) to the grader outside "
                              f"the course's own channel (forged results?); not counted")
        outputs = bounded_outputs([o for o in map(clean_output, outputs) if o is not None])
        self.flags += [f"{label}: {event}" for event in events]
        limit_name = "cell" if seconds >= execute.cell_timeout else "notebook"
        limit = execute.cell_timeout if limit_name == "cell" else execute.notebook_timeout
        if status == "interrupted":
            outputs.append(error_output(
                "TimeLimit", f"Stopped: this cell ran past the {limit_name}'s time limit ({limit} s)."))
            self.flags.append(f"{label}: ran past the {limit_name}'s time limit")
        elif status == "killed":
            outputs.append(error_output("TimeLimit", f"Killed: {label} ignored the interrupt at its time limit."))
            self.flags.append(f"{label}: ignored the interrupt at the time limit (swallows "
                              f"KeyboardInterrupt?); its process was killed")
        elif status.startswith("died"):
            outputs.append(error_output("KernelDied", f"The kernel stopped during this cell ({status[6:]})."))
            self.flags.append(f"{label}: the process stopped ({status[6:]})")
        if any(out_of_memory(o) for o in outputs):
            self.flags.append(f"{label}: ran out of memory (at the {execute.memory_mb} MB limit)")
        if keep is not None:
            keep.update(records)
        elif records:
            self.flags.append(f"{label}: sent hidden-test results ({', '.join(sorted(records))}) from a cell "
                              f"that is not their test")
        if test is not None:
            self._name_other_answers(outputs, test)
        return outputs

    def _name_other_answers(self, outputs, test):
        """A name an answer uses but another answer cell defines: say so by name."""
        from autograder.plan import cell_names

        for output in outputs:
            # NameError's own words, in the cell's error or inside a hidden test's summary of it
            found = re.search(r"name '(\w+)' is not defined", output.get("evalue", "")) if \
                output.output_type == "error" else None
            if not found:
                continue
            name = found.group(1)
            owner = next((self.plan.cells[i].grade_id for i in self.plan.answer_cells()
                          if i not in test.answers and i in self.graded
                          and name in cell_names(self.graded[i].source)[0]), None)
            if owner is not None:
                said = (f"your code uses `{name}`, which another answer cell ({owner}) defines: put it in "
                        f"this answer cell. Each answer cell must stand on its own: when graded, it runs "
                        f"without the others")
                output.evalue = output.evalue.replace(found.group(0), said)
                output.traceback = [f"{output.ename}: {output.evalue}"]


# ----------------------------------------------------------------------------
# The preprocessor
# ----------------------------------------------------------------------------

class SandboxedExecute(NbGraderPreprocessor):
    cell_timeout = Integer(LIMITS["cell_timeout"],
                           help="Seconds one cell may run before it is interrupted.").tag(config=True)
    notebook_timeout = Integer(LIMITS["notebook_timeout"],
                               help="Seconds a whole notebook may run.").tag(config=True)
    memory_mb = Integer(LIMITS["memory_mb"],
                        help="Memory (MB) a kernel may allocate beyond its start.").tag(config=True)
    tmp_mb = Integer(LIMITS["tmp_mb"], help="Size (MB) of the kernel's private /tmp.").tag(config=True)
    threads = Integer(1, help="Threads a kernel's torch may use.").tag(config=True)
    interrupt_grace = Integer(5, help="Seconds a kernel gets to stop after an interrupt.").tag(config=True)
    extra_hidden = List(Unicode(), help="More folders the kernels must not read.").tag(config=True)
    work = Unicode(str(DEFAULT_WORK), help="The grading run's work folder (autograder/paths.py): the "
                                           "release is read from it, what each run reported written to it."
                   ).tag(config=True)
    sandbox = Bool(True, help="Run kernels in the bubblewrap sandbox (autograder/sandbox.py). False only "
                              "where none can be made: every notebook so graded is flagged.").tag(config=True)

    def preprocess(self, nb, resources):
        from autograder.plan import course_plan

        info = resources["nbgrader"]
        notebook, student = info["notebook"], info.get("student", "unknown")
        references, judges, inputs = grading_material(notebook)
        # Only the release's cells and the answer cells run (autograder/submission.py); the grade
        # command has done this already, plain nbgrader has not.
        nb, _ = submission.rebuild(nb, release(self.work, notebook), course_notebook(notebook))
        plan = course_plan(notebook)
        by_id = {cell.get("id"): cell for cell in nb.cells}
        graded = {index: by_id[cell.get("id")] for index, cell in enumerate(course_notebook(notebook).cells)
                  if cell.get("id") in by_id}
        request = {"inputs": {notebook: inputs}, "hidden": hidden_paths() + list(self.extra_hidden),
                   "memory_mb": self.memory_mb, "tmp_mb": self.tmp_mb, "threads": self.threads,
                   "sandboxed": self.sandbox}
        run = _Run(self, notebook, plan, graded)
        stubs = {cell.get("id"): cell.source for cell in release(self.work, notebook).cells}
        run.stubs = {index: stubs.get(cell.get("id")) for index, cell in graded.items()}
        if not self.sandbox:
            run.flags.append("graded without a sandbox (--no-sandbox)")
        started = time.perf_counter()
        kernel = Kernel(zygote_address(self.sandbox), request)
        run.seconds["start"] = time.perf_counter() - started
        ran = set()
        try:
            for index in plan.setup_for({i: graded[i].source for i in plan.answer_cells()}):
                graded[index].outputs = run.cell(kernel, graded[index].source, graded[index], index)
                ran.add(index)
            run.seconds["set-up"] = time.perf_counter() - started - run.seconds["start"]
            for test in plan.tests:
                ran |= self._test(run, kernel, test, references, judges)
            run.seconds["tests"] = (time.perf_counter() - started - run.seconds["start"] - run.seconds["set-up"]
                                    - run.seconds["judging"])
        finally:
            kernel.kill()
        self.seconds = run.seconds   # where this notebook's time went (benchmarks/grading.py prints it)
        for index, cell in graded.items():
            if cell.cell_type == "code" and index not in ran:
                cell.outputs = [nbformat.v4.new_output(
                    "stream", name="stdout", text=f"Not run at grading: {run.stopped or 'no hidden test needs this cell'}.\n")]
        self._write_flags(student, notebook, run.flags, kernel.sandbox)
        return nb, resources

    def _test(self, run, kernel, test, references, judges):
        """One hidden test in a process of its own; its verdict, here. Returns the cells it ran."""
        from autograder.plan import description, hidden_part, needed_statements

        cell = run.graded[test.cell]
        visible, hidden = hidden_part(cell.source)
        if run.stopped is not None:
            return set()
        solution_id, pattern = getattr(judges, "BY_HAND", {}).get(test.grade_id, (None, None))
        guard = None
        if pattern is not None:
            from helpers import checks
            guard = {"pattern": getattr(checks, pattern).pattern, "label": solution_id}
        try:
            process = kernel.fork(guard)
        except (KernelGone, OSError) as error:
            run.stop(f"the kernel stopped ({error})")
            return set()
        ran, alive, run.gone = set(), True, False
        try:
            for index in sorted(test.answers + test.course):
                outputs = run.cell(process, run.graded[index].source, run.graded[index], index, test)
                if index in test.own or index in test.course:
                    run.graded[index].outputs = outputs
                    ran.add(index)
                if run.gone:   # the process is gone: nothing more runs in it
                    alive = False
                    break
            records, answered = {}, None
            hidden_outputs = [error_output("KernelDied", f"the test's process stopped while "
                                                         f"{run.plan.cells[index].grade_id} ran (its output says "
                                                         f"why): the hidden tests did not run.")] if not alive else []
            if alive:
                source = "\n".join(p for p in (needed_statements(visible, hidden), hidden) if p)
                hidden_outputs = run.cell(process, source, cell, test.cell, test, keep=records)
                answered = process.ask("verdict")
            # What the guard reported, while the answers ran or the hidden tests did, or at its last check.
            reports = list(process.guard_reports) + [bounded_text(m.get("text", ""), 300) for m in answered or []
                                                      if m.get("op") == "guard"]
            if alive and answered is None and guard is not None and not reports:
                reports.append("the hidden test's process ended before its by-hand guard was checked")
            started = time.perf_counter()
            problem = self._verdict(run, test, records, hidden_outputs, reports, references, judges, guard)
            run.seconds["judging"] += time.perf_counter() - started
            outputs = run.cell(process, visible, cell, test.cell, test) if alive and not run.gone else []
        finally:
            process.kill()
        try:
            kernel.join()
        except (KernelGone, OSError) as error:
            run.stop(f"the kernel stopped after {test.grade_id} ({error})")
        cell.outputs = verdict_outputs(outputs, problem, description(hidden, test.grade_id))
        ran.add(test.cell)
        return ran

    def _verdict(self, run, test, records, hidden_outputs, reports, references, judges, guard):
        """Why the test fails (a line that names no hidden value), or None: decided here, outside
        every process that ran the student's code, from what their functions returned."""
        from helpers import grading

        from autograder import judging
        from autograder.findings import library_calls

        grade_id = test.grade_id
        if test.own and all(run.graded[i].source == run.stubs.get(i) for i in test.own):
            return "not answered (its answer cell is as it was handed out)."
        others = sorted(set(records) - {grade_id})
        if others:   # results count only in their own test
            run.flags.append(f"{grade_id}: sent hidden-test results of other cells ({', '.join(others)})")
        if reports:
            run.flags += [f"{grade_id}: {report}" for report in dict.fromkeys(reports)]
            return f"{reports[0]}."
        sent = records.get(grade_id, [])
        error = next((o for o in hidden_outputs if o.output_type == "error"), None)
        if error is not None:
            return bounded_text(error.evalue, 500) if error.ename in ("HiddenTestFailed", "TimeLimit", "KernelDied") \
                else f"your code raised {error.ename}: {bounded_text(error.evalue, 300)}"
        if not sent:
            return "no results reached the grader."
        if len(sent) > 1:
            run.flags.append(f"{grade_id}: hidden test sent results {len(sent)} times")
        try:
            problem = judging.judge(run.notebook, grade_id, grading.decode(sent[-1].get("records")),
                                    references, judges)
        except (ValueError, TypeError, KeyError, RecursionError) as error:
            problem = f"the results could not be read ({error})"
        # "By hand", read from the answer's code as well.
        if problem is None and guard is not None:
            answer = next((run.graded[i].source for i in test.answers
                           if run.plan.cells[i].grade_id == guard["label"]), "")
            used = library_calls(answer, re.compile(guard["pattern"]))
            if used:
                problem = (f"{guard['label']} calls {', '.join(used)}, the library function that this "
                           f"exercise asks you to write by hand.")
                run.flags.append(f"{grade_id}: {problem}")
        return problem

    def _write_flags(self, student, notebook, flags, sandbox):
        path = Work(self.work).review_file(student, notebook)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"flags": flags, "sandbox": sandbox}, indent=1), encoding="utf-8")
