"""How fast the TA's grade command is: seconds per notebook-submission, at 1 worker and at all cores.

    python benchmarks/grading.py [--students 4] [--workers 1 2]

Builds a scratch copy of the course, writes ``--students`` correct
submissions of every notebook (LMS-style: one folder per student), and times
``python -m autograder grade`` on them at each worker count, at the fast scale.
Then it says where the time goes, each part timed alone, one at a time (so
its seconds are seconds of one core):

- per run: the grade command's own work (its imports, recording the
  notebooks and the students in the gradebook, the CSV: a run with nothing
  to grade), the zygote's start (torch & co. imported once), and the
  workers' start (one process imports nbgrader and torch; the workers are
  forked from it);
- per notebook: its cells in a sandboxed kernel with the judging of its
  hidden tests (split into the kernel's start, the course's set-up cells, the
  hidden tests each in a process of its own, and the judging of their records),
  nbgrader's autograde around that (sanitising, restoring the locked cells, the
  gradebook), and the feedback HTML.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from course import ASSIGNMENTS, read, release_path, scratch_course, solution_path  # noqa: E402
from test_pipeline import correct_submission  # noqa: E402


def write_submissions(folder, students):
    for assignment in ASSIGNMENTS:
        nb = correct_submission(read(release_path(assignment)), read(solution_path(assignment)))
        for i in range(students):
            (folder / f"student{i:03d}").mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, folder / f"student{i:03d}" / f"{assignment}.ipynb")


def time_grading(course, folder, workers, force=True):
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", str(folder), "--workers", str(workers),
                             "--csv", str(course / "grades.csv"), *(["--force"] if force else [])],
                            cwd=course, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return time.perf_counter() - started


def time_parts(course, folder):
    """Run this script's --parts in the scratch course (its own autograder, gradebook and folders)."""
    result = subprocess.run([sys.executable, __file__, "--parts", str(course), str(folder)], cwd=course,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


# The kernel's work for one notebook (autograder/execute.py): the kernel forked and confined, the
# course's set-up cells, the hidden tests each in a process of its own, and judging their records.
KERNEL_PARTS = ("start", "set-up", "tests", "judging")


def parts(course, folder):
    """In the scratch course, after a grading run: each part of it alone, as one worker does it."""
    sys.path.insert(0, str(course))
    os.chdir(course)
    from autograder import execute, grade

    found = {}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import autograder; from multiprocessing import forkserver; "
                    f"[__import__(m) for m in {grade.WORKER_MODULES!r}]"], cwd=course, check=True)
    found["workers' start"] = time.perf_counter() - started
    started = time.perf_counter()
    zygote = execute.Zygote.start()
    found["zygote start"] = time.perf_counter() - started
    submissions, _ = grade.collect(folder, grade.assignments())
    grade._start_worker(grade.Limits().config(threads=1), {execute.ZYGOTE_VARIABLE: zygote.address})
    kernel_seconds = []
    preprocess = execute.SandboxedExecute.preprocess

    def timed(self, nb, resources):
        started = time.perf_counter()
        try:
            return preprocess(self, nb, resources)
        finally:
            kernel_seconds.append((time.perf_counter() - started, self.seconds))

    execute.SandboxedExecute.preprocess = timed
    per_notebook = {}
    try:
        for rounds in range(2):   # the first round warms the worker (imports, references)
            for s in submissions:
                seconds = []
                for step in (grade._api.autograde, grade._api.generate_feedback):
                    started = time.perf_counter()
                    outcome = step(s.assignment, s.student, force=True)
                    seconds.append(time.perf_counter() - started)
                    if not outcome.get("success"):
                        raise SystemExit(outcome.get("error") or outcome.get("log"))
                if rounds:
                    total, inside = kernel_seconds[-1]
                    per_notebook.setdefault(s.assignment, []).append(
                        (total, seconds[0] - total, seconds[1], *(inside[k] for k in KERNEL_PARTS)))
    finally:
        zygote.stop()
    found["notebooks"] = {a: [sum(x) / len(x) for x in zip(*runs)] for a, runs in per_notebook.items()}
    print(json.dumps(found))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=4)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--parts", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.parts:
        return parts(*args.parts)
    os.environ["COURSE_SCALE"] = "fast"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores (load average {load:.1f} before); {args.students} students x "
          f"{len(ASSIGNMENTS)} notebooks ({', '.join(ASSIGNMENTS)}), fast scale")

    with tempfile.TemporaryDirectory() as scratch:
        course = scratch_course(Path(scratch) / "course")
        folder = Path(scratch) / "submissions"
        write_submissions(folder, args.students)
        count = args.students * len(ASSIGNMENTS)
        time_grading(course, folder, max(args.workers))   # records the notebooks, warms caches
        measured = {}
        for workers in args.workers:
            measured[workers] = time_grading(course, folder, workers)
        own = time_grading(course, folder, 1, force=False)   # nothing to grade: the command's own work
        found = time_parts(course, folder)
        shutil.rmtree(course / "autograder" / "autograded", ignore_errors=True)

    print("Each part alone (seconds of one core):")
    per_run = {"grade command's own work (imports, recording, CSV)": own,
               "zygote start (torch & co., once)": found["zygote start"],
               "workers' start (nbgrader and torch, once)": found["workers' start"]}
    for name, seconds in per_run.items():
        print(f"  per run: {name}: {seconds:.2f} s")
    totals = [0.0] * (3 + len(KERNEL_PARTS))
    for assignment, values in found["notebooks"].items():
        kernel, autograde, feedback, *inside = values
        split = ", ".join(f"{name} {seconds:.2f}" for name, seconds in zip(KERNEL_PARTS, inside))
        print(f"  {assignment}: its cells in a sandboxed kernel, judged: {kernel:.2f} s ({split}); nbgrader's "
              f"autograde around them: {autograde:.2f} s; feedback HTML: {feedback:.2f} s")
        totals = [t + x * args.students for t, x in zip(totals, values)]
    fixed = sum(per_run.values())
    work = fixed + sum(totals[:3])
    split = ", ".join(f"{name} {seconds / count:.2f}" for name, seconds in zip(KERNEL_PARTS, totals[3:]))
    print(f"  per notebook-submission on average: kernel {totals[0] / count:.2f} s ({split}), autograde "
          f"{totals[1] / count:.2f} s, feedback {totals[2] / count:.2f} s, and the per-run parts "
          f"{fixed / count:.2f} s: {work / count:.2f} s of one core")
    for workers, seconds in measured.items():
        per = seconds / count
        print(f"{workers} worker(s): {seconds:.1f} s for {count} notebook-submissions = {per:.2f} s each "
              f"(the parts alone, spread over {workers} core(s): {work / count / workers:.2f} s each)")


if __name__ == "__main__":
    main()
