"""What a Dask worker does: grade one notebook-submission and send its result back.

The grade command (autograder/dispatch.py) registers ``GradingPlugin`` on every
worker, then sends each submission to ``grade_submission``. A worker keeps a
course of its own in its local folder: a zygote (the sandbox's pre-warmed
kernels, autograder/execute.py), a work folder, and a gradebook that only it
uses, in which nbgrader's own autograde and feedback steps run as they would
on one machine. What comes back is plain data: the autograded notebook, the
feedback page and what the run reported. The grade command's process alone
writes the TA's gradebook (autograder/gradebook.py), so the gradebook may be
SQLite on the TA's disk while the workers are on other machines.

A worker process grades one submission at a time (start workers with
``--nthreads 1``): nbgrader's API is not made for threads, and each kernel
gets its share of the machine's cores.
"""

import os
import shutil
import threading
import time
from pathlib import Path

from distributed import WorkerPlugin, get_worker

from autograder.deadline import deadline
from autograder.inside.limits import GRADING, THREAD_VARIABLES
from autograder.paths import Work, course_fingerprint

_course = None            # this worker process's own course: set by GradingPlugin.setup
_one_at_a_time = threading.Lock()


class StepTimeLimit(Exception):
    """One of nbgrader's steps took longer than its limit (limits.GRADING["step_seconds"])."""


class GradingPlugin(WorkerPlugin):
    """Starts the zygote when a worker starts (it imports torch while the grade command records
    the notebooks), and stops it with the worker."""

    name = "course-grading"

    def __init__(self, sandbox_config, fingerprint, hidden=(), seed=None):
        self.sandbox_config, self.fingerprint, self.hidden = sandbox_config, fingerprint, list(hidden)
        self.seed = seed or {}

    def setup(self, worker):
        global _course
        # Dask puts the worker's own folder on Python's path, which the sandbox would bind for the
        # kernels to read: it is hidden from them, and so is this worker's work folder in it.
        _course = _WorkerCourse(Path(worker.local_directory) / "course-grading", self.sandbox_config,
                                self.fingerprint, self.hidden + [worker.local_directory], self.seed)

    def teardown(self, worker):
        if _course is not None:
            _course.stop()


class _WorkerCourse:
    def __init__(self, folder, sandbox_config, fingerprint, hidden, seed=None):
        from autograder.zygotes import HIDDEN_VARIABLE, ZYGOTE_VARIABLE, Zygote

        # The libraries' thread pools here: one thread each (the judges' work is small); the
        # kernels get their share of the cores from the zygote (autograder/inside/kernel.py).
        for variable in THREAD_VARIABLES:
            os.environ[variable] = "1"
        self.work = Work(folder)
        self.sandbox_config = dict(sandbox_config, extra_hidden=[str(p) for p in [*hidden, folder]])
        self.problem = None
        if fingerprint != course_fingerprint():
            self.problem = ("this worker's course differs from the grade command's (solutions/ or grading/): "
                            "install the same version of the course on every worker")
        os.environ[HIDDEN_VARIABLE] = os.pathsep.join(self.sandbox_config["extra_hidden"])
        self.zygote = Zygote.start(wait=False, sandboxed=self.sandbox_config.get("sandbox", True))
        os.environ[ZYGOTE_VARIABLE] = self.zygote.address
        self.api, self.recorded = None, set()
        # The grade command's gradebook as recorded (every notebook, every student) and its
        # release, when it sends them (autograder/grade.py): then no worker records the notebooks
        # again (about a second each, per worker).
        shutil.rmtree(self.work.root, ignore_errors=True)
        for relative, data in (seed or {}).items():
            path = self.work.root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            if relative.startswith("release/"):
                self.recorded.add(Path(relative).parent.name)

    def start(self, notebook):
        """nbgrader's API on this worker's own gradebook (once), with ``notebook`` recorded in it
        (once per notebook: about a second each)."""
        from autograder.nbgrader_api import nbgrader_api

        if self.api is None:
            self.api = nbgrader_api(self.work, sandbox=self.sandbox_config)
        if notebook not in self.recorded:
            outcome = self.api.generate_assignment(notebook, force=True, create=True)
            if not outcome.get("success"):
                raise RuntimeError(f"nbgrader could not record {notebook} on this worker: "
                                   f"{outcome.get('error') or outcome.get('log')}")
            self.recorded.add(notebook)
        self.zygote.wait_ready()

    def stop(self):
        self.zygote.stop()


def grade_submission(student, notebook, text):
    """Grade one notebook-submission (``text``, as autograder/prepare.py wrote it); returns
    ``{"flag", "autograded", "feedback", "review", "seconds"}``, the files' texts or None."""
    started, began = time.perf_counter(), time.time()
    with _one_at_a_time:
        if _course is None:
            raise RuntimeError("this Dask worker has not the course's plugin: start it through the grade command")
        if _course.problem:
            raise RuntimeError(_course.problem)
        _course.start(notebook)
        result = _grade_one(student, notebook, text)
    # When it ran, and where: the gaps between one worker's submissions are Dask's own time.
    result.update(seconds=time.perf_counter() - started, began=began, ended=time.time(),
                  worker=get_worker().address)
    return result


def _grade_one(student, notebook, text):
    """Autograde and give feedback with nbgrader, on this worker's own folders; read what they wrote."""
    work, api = _course.work, _course.api
    source = work.submitted_file(student, notebook)
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(text, encoding="utf-8")
    outputs = (work.autograded_file(student, notebook), work.feedback_file(student, notebook),
               work.review_file(student, notebook))
    for path in outputs:
        path.unlink(missing_ok=True)
    with api.gradebook as gradebook, gradebook.db.no_autoflush:
        # As autograde would, but with the flush held until the new rows are in the session: else
        # SQLAlchemy 2 warns three times per submission ("... not in session, add operation along
        # 'Student.submissions' will not proceed").
        gradebook.update_or_create_student(student)
        gradebook.update_or_create_submission(notebook, student)
    kernel_seconds = api.config.SandboxedExecute.get("notebook_timeout", 900)
    flag = None
    for step, seconds in ((api.autograde, kernel_seconds + GRADING["step_seconds"]),
                          (api.generate_feedback, GRADING["step_seconds"])):
        try:
            with deadline(seconds, StepTimeLimit):
                outcome = step(notebook, student, force=True)
        except StepTimeLimit:
            outcome = {"success": False, "error": f"it took longer than its limit ({seconds} s)"}
        if not outcome.get("success"):
            last = (outcome.get("error") or outcome.get("log") or "no message").strip().splitlines()
            flag = f"nbgrader {step.__name__} failed: {(last or ['no message'])[-1][:200]}"
            break
    files = [path.read_text(encoding="utf-8") if path.is_file() else None for path in outputs]
    shutil.rmtree(work.submitted / student, ignore_errors=True)
    for path in outputs:
        path.unlink(missing_ok=True)
    return dict(zip(("autograded", "feedback", "review"), files), flag=flag)
