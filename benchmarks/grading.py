"""How fast the TA's grade command is: seconds per notebook-submission, at 1 worker and at all cores.

    python benchmarks/grading.py [--students 4] [--workers 1 2]

Builds a scratch copy of the course, writes ``--students`` correct
submissions of every notebook (LMS-style: one folder per student), and times
``python -m autograder grade`` on them at each worker count, at the fast scale.
It prints the wall-clock time per notebook-submission and where it goes: the
zygote's start (paid once per run), the notebook's own cells in a sandboxed
kernel (timed alone, one kernel at a time), and the rest, which is nbgrader
(a process per student and command: autograde, then feedback).
"""

import argparse
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


def time_grading(course, folder, workers):
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", str(folder), "--force",
                             "--workers", str(workers), "--csv", str(course / "grades.csv")],
                            cwd=course, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    return time.perf_counter() - started


def time_kernels():
    """Seconds to start the zygote, then to run each notebook's cells in a fresh sandboxed kernel."""
    from autograder import execute

    os.environ["COURSE_SCALE"] = "fast"
    started = time.perf_counter()
    zygote = execute.Zygote.start()
    zygote_seconds = time.perf_counter() - started
    seconds = {}
    try:
        for assignment in ASSIGNMENTS:
            nb = correct_submission(read(release_path(assignment)), read(solution_path(assignment)))
            _, _, inputs = execute.grading_material(assignment)
            started = time.perf_counter()
            kernel = execute.Kernel(zygote.address, {
                "inputs": {assignment: inputs}, "hidden": execute.hidden_paths(),
                "allowed": execute.allowed_paths(), "memory_mb": 4096, "tmp_mb": 512, "threads": 1})
            for cell in nb.cells:
                if cell.cell_type == "code":
                    kernel.run(cell.source, 120)
            kernel.kill()
            seconds[assignment] = time.perf_counter() - started
    finally:
        zygote.stop()
    return zygote_seconds, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=4)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; {args.students} students x {len(ASSIGNMENTS)} notebooks "
          f"({', '.join(ASSIGNMENTS)}), fast scale")

    zygote_seconds, kernel_seconds = time_kernels()
    print(f"zygote start (imports torch & co. once per run): {zygote_seconds:.1f} s")
    for assignment, seconds in kernel_seconds.items():
        print(f"  {assignment}: its cells in a forked sandboxed kernel, alone: {seconds:.2f} s")
    mean_kernel = sum(kernel_seconds.values()) / len(kernel_seconds)

    with tempfile.TemporaryDirectory() as scratch:
        course = scratch_course(Path(scratch) / "course")
        folder = Path(scratch) / "submissions"
        write_submissions(folder, args.students)
        count = args.students * len(ASSIGNMENTS)
        time_grading(course, folder, 1)   # records the notebooks in the gradebook, warms caches
        for workers in args.workers:
            seconds = time_grading(course, folder, workers)
            per = seconds / count
            print(f"{workers} worker(s): {seconds:.1f} s for {count} notebook-submissions = "
                  f"{per:.2f} s each ({per * workers:.2f} s of a worker's time each; "
                  f"the kernel's share {mean_kernel:.2f} s)")
        shutil.rmtree(course / "autograder" / "autograded", ignore_errors=True)


if __name__ == "__main__":
    main()
