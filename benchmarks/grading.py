"""How fast the TA's grade command is: seconds per notebook-submission, at 1 worker and at all cores.

    python benchmarks/grading.py [--students 4] [--workers 1 2]

Builds a scratch copy of the course, writes ``--students`` correct
submissions of every notebook (LMS-style: one folder per student), and times
``python -m autograder grade`` on them at each worker count (Dask's local
cluster), at the fast scale, with the speed-up over one worker and Dask's own
time per submission (the gaps between one worker's submissions, as the grade
command prints them). Then it says where the time goes, each part timed alone,
one at a time (so its seconds are seconds of one core):

- per run: the grade command's own work (its imports, recording the
  notebooks and the students in the gradebook, the CSV: a run with nothing
  to grade), and a worker's start (its zygote: torch & co. imported once);
- per notebook: its cells in a sandboxed kernel with the judging of its
  hidden tests (split into the kernel's start, the course's set-up cells, the
  hidden tests each in a process of its own, and the judging of their records),
  nbgrader's autograde around that (sanitising, restoring the locked cells, the
  worker's gradebook), the feedback HTML, and the grade command's writing of
  the result (the TA's gradebook, the files).
"""

import argparse
import json
import os
import re
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
    """(seconds the grade command took, Dask's own milliseconds per submission as it printed them)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", str(folder), "--workers", str(workers),
                             *(["--force"] if force else [])], cwd=course, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    gap = re.search(r"Dask's own time between two submissions on a worker: ([\d.]+) ms", result.stdout)
    return time.perf_counter() - started, float(gap.group(1)) if gap else float("nan")


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
    from autograder import execute, gradebook, worker
    from autograder.collect import assignments, collect
    from autograder.grade import Limits
    from autograder.paths import Work, course_fingerprint

    found = {}
    started = time.perf_counter()
    here = worker._WorkerCourse(Path(tempfile.mkdtemp()), Limits().config(threads=1), course_fingerprint(), ())
    here.zygote.wait_ready()
    found["worker start"] = time.perf_counter() - started
    submissions, _ = collect(folder, assignments())
    work = Work(course / "work")
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
                here.start(s.assignment)
                text = work.submitted_file(s.student, s.assignment).read_text(encoding="utf-8")
                mine = here.work.submitted_file(s.student, s.assignment)
                mine.parent.mkdir(parents=True, exist_ok=True)
                mine.write_text(text, encoding="utf-8")
                with here.api.gradebook as book:
                    book.update_or_create_student(s.student)
                seconds = []
                for step in (here.api.autograde, here.api.generate_feedback):
                    started = time.perf_counter()
                    outcome = step(s.assignment, s.student, force=True)
                    seconds.append(time.perf_counter() - started)
                    if not outcome.get("success"):
                        raise SystemExit(outcome.get("error") or outcome.get("log"))
                result = {name: path.read_text(encoding="utf-8") for name, path in (
                    ("autograded", here.work.autograded_file(s.student, s.assignment)),
                    ("feedback", here.work.feedback_file(s.student, s.assignment)),
                    ("review", here.work.review_file(s.student, s.assignment)))}
                started = time.perf_counter()
                gradebook.save(work.db_url, work, s.student, s.assignment, result)
                seconds.append(time.perf_counter() - started)
                if rounds:
                    total, inside = kernel_seconds[-1]
                    per_notebook.setdefault(s.assignment, []).append(
                        (total, seconds[0] - total, seconds[1], seconds[2], *(inside[k] for k in KERNEL_PARTS)))
    finally:
        here.stop()
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
        own, _ = time_grading(course, folder, 1, force=False)   # nothing to grade: the command's own work
        found = time_parts(course, folder)
        shutil.rmtree(course / "work" / "autograded", ignore_errors=True)

    print("Each part alone (seconds of one core):")
    per_run = {"grade command's own work (imports, Dask's cluster, recording, CSV)": own,
               "a worker's start (its zygote: torch & co., once)": found["worker start"]}
    for name, seconds in per_run.items():
        print(f"  per run: {name}: {seconds:.2f} s")
    totals = [0.0] * (4 + len(KERNEL_PARTS))
    for assignment, values in found["notebooks"].items():
        kernel, autograde, feedback, written, *inside = values
        split = ", ".join(f"{name} {seconds:.2f}" for name, seconds in zip(KERNEL_PARTS, inside))
        print(f"  {assignment}: its cells in a sandboxed kernel, judged: {kernel:.2f} s ({split}); nbgrader's "
              f"autograde around them: {autograde:.2f} s; feedback HTML: {feedback:.2f} s; the result written "
              f"by the grade command: {written:.2f} s")
        totals = [t + x * args.students for t, x in zip(totals, values)]
    fixed = sum(per_run.values())
    work = fixed + sum(totals[:3])
    split = ", ".join(f"{name} {seconds / count:.2f}" for name, seconds in zip(KERNEL_PARTS, totals[4:]))
    print(f"  per notebook-submission on average: kernel {totals[0] / count:.2f} s ({split}), autograde "
          f"{totals[1] / count:.2f} s, feedback {totals[2] / count:.2f} s, and the per-run parts "
          f"{fixed / count:.2f} s: {work / count:.2f} s of one core; the grade command's own process "
          f"writes each result in {totals[3] / count:.3f} s, while the workers grade")
    one = measured.get(1, (None,))[0]
    for workers, (seconds, gap_ms) in measured.items():
        per = seconds / count
        speed_up = f", {one / seconds:.2f} times as fast as 1 worker" if one and workers != 1 else ""
        print(f"{workers} worker(s): {seconds:.1f} s for {count} notebook-submissions = {per:.2f} s each"
              f"{speed_up}; Dask's own time per submission {gap_ms:.1f} ms "
              f"({gap_ms / 10 / (per * workers):.1f}% of a worker's time per submission)")


if __name__ == "__main__":
    main()
