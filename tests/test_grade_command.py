"""The TA's one command: an LMS-style zip in, grades CSV and feedback out."""

import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
import pytest
from sqlalchemy import text

from course import read, release_path, scratch_course, solution_path
from test_pipeline import correct_submission
from test_attacks import after_imports

pytestmark = pytest.mark.pipeline
NB = "01_convolution"

# What the kernel has of the machine's cores, as torch, the thread variables and the libraries' pools see it.
THREADS_PROBE = """\
import json, os, torch
from threadpoolctl import threadpool_info
print("THREADS", json.dumps({"torch": torch.get_num_threads(),
                             "env": [os.environ.get(v) for v in ("OMP_NUM_THREADS", "MKL_NUM_THREADS",
                                                                 "OPENBLAS_NUM_THREADS")],
                             "pools": sorted({p["num_threads"] for p in threadpool_info()})}))
"""


def run_grade(course, *args):
    return subprocess.run([sys.executable, "-m", "autograder", "grade", *args], cwd=course,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = scratch_course(tmp_path_factory.mktemp("course"))
    release = read(release_path(NB))
    correct = correct_submission(release, read(solution_path(NB)))
    old_format = json.loads(nbformat.writes(correct))  # as Colab downloads it: nbformat 4.4, no ids
    old_format["nbformat_minor"] = 4
    for cell in old_format["cells"]:
        cell.pop("id", None)
    files = {
        f"alice/Copy of {NB}.ipynb": nbformat.writes(correct),
        f"bob_{NB}-1.ipynb": nbformat.writes(release),
        f"carol - {NB} (1).ipynb": json.dumps(old_format),
        f"dora/{NB}.ipynb": nbformat.writes(after_imports(correct, THREADS_PROBE)),
        f"dave_{NB}.ipynb": "",
        f"eve_{NB}.ipynb": "{this is not json",
        "frank_homework.ipynb": nbformat.writes(nbformat.v4.new_notebook()),
        "notes.txt": "my notes",
        f"__MACOSX/._alice_{NB}.ipynb": "mac resource fork",
    }
    archive = course / "submissions.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    # One worker: each kernel should have every core (two workers: the attack tests).
    first = run_grade(course, str(archive), "--workers", "1", "--csv", str(course / "grades.csv"))
    second = run_grade(course, str(archive), "--workers", "2", "--csv", str(course / "again.csv"))
    return course, first, second


def rows(path):
    """The graded rows, by student (the rows of files not graded have no student)."""
    with open(path, newline="") as f:
        return {r["student"]: r for r in csv.DictReader(f) if r["student"]}


def not_graded(path):
    """The rows of files not graded, by file name: no points, the reason in the flags."""
    with open(path, newline="") as f:
        return {r["source"]: r for r in csv.DictReader(f) if not r["student"]}


def test_every_readable_submission_is_graded_under_its_student(graded):
    course, first, _ = graded
    assert first.returncode == 0, first.stderr
    grades = rows(course / "grades.csv")
    assert sorted(grades) == ["alice", "bob", "carol", "dora"]
    assert float(grades["alice"]["points"]) == 16 and float(grades["carol"]["points"]) == 16
    assert float(grades["bob"]["points"]) == 0
    assert float(grades["alice"]["max_points"]) == 22          # 16 automatic + 6 written
    assert "written answers to grade by hand" in grades["alice"]["flags"]
    assert "old notebook format" in grades["carol"]["flags"]
    assert grades["alice"]["source"] == f"alice/Copy of {NB}.ipynb"


def test_unreadable_files_are_reported_by_name_with_the_reason(graded):
    _, first, _ = graded
    out = first.stdout
    assert f"not graded: dave_{NB}.ipynb: empty file" in out
    assert f"not graded: eve_{NB}.ipynb: not JSON" in out
    assert "not graded: frank_homework.ipynb: none of the course's notebooks" in out
    assert "not graded: notes.txt: not a notebook" in out
    assert "__MACOSX" not in out
    assert "4 notebooks from 4 students (4 graded now" in out


def test_files_not_graded_have_rows_of_their_own(graded):
    course, _, _ = graded
    rows = not_graded(course / "grades.csv")
    assert sorted(rows) == sorted([f"dave_{NB}.ipynb", f"eve_{NB}.ipynb", "frank_homework.ipynb", "notes.txt"])
    assert rows[f"dave_{NB}.ipynb"]["flags"] == "not graded: empty file"
    assert all(r["points"] == "" and r["notebook"] == "" for r in rows.values())


def test_feedback_is_written_for_each_student(graded):
    course, _, _ = graded
    for student in ("alice", "bob", "carol"):
        html = (course / "work" / "feedback" / student / NB / f"{NB}.html").read_text()
        assert "HIDDEN TESTS" not in html


def test_each_kernel_gets_its_share_of_the_cores(graded):
    course, _, _ = graded
    autograded = read(course / "work" / "autograded" / "dora" / NB / f"{NB}.ipynb")
    probe = next(c for c in autograded.cells if c.cell_type == "code" and "THREADS" in c.source)
    printed = "".join(o.get("text", "") for o in probe.outputs)
    assert "THREADS" in printed, f"the probe printed {printed!r}"
    share = len(os.sched_getaffinity(0))   # one worker: all the cores
    assert json.loads(printed.split("THREADS", 1)[1]) == {"torch": share, "env": [str(share)] * 3,
                                                           "pools": [share]}


def test_running_again_grades_nothing_twice(graded):
    course, _, second = graded
    assert second.returncode == 0, second.stderr
    assert "(0 graded now, 4 already graded)" in second.stdout
    assert rows(course / "again.csv")["alice"]["points"] == rows(course / "grades.csv")["alice"]["points"]


def test_a_missing_folder_is_a_clear_error(tmp_path):
    course = scratch_course(tmp_path)
    result = run_grade(course, str(tmp_path / "nowhere"))
    assert result.returncode != 0 and "does not exist" in result.stderr


def test_new_gradebooks_get_the_schema_version_that_alembic_prints(tmp_path):
    """The grade command reads the gradebook's schema version in its own process, where nbgrader
    runs `alembic heads` for each new gradebook: both must give the same."""
    from nbgrader.dbutil import write_alembic_ini

    from autograder.nbgrader_api import nbgrader_gradebook, schema_version

    write_alembic_ini(str(tmp_path / "alembic.ini"), f"sqlite:///{tmp_path / 'unused.db'}")
    heads = subprocess.run([str(Path(sys.executable).parent / "alembic"), "-c", str(tmp_path / "alembic.ini"),
                            "heads"], capture_output=True, text=True, check=True).stdout
    assert heads.split()[0] == schema_version()
    with nbgrader_gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}") as gradebook:
        stamped = gradebook.db.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert stamped == schema_version()


def test_manual_grades_from_the_formgrader_reach_the_csv(graded):
    from nbgrader.api import Gradebook

    course, _, _ = graded
    # What the formgrader does when the TA scores alice's written answers: full marks.
    with Gradebook(f"sqlite:///{course / 'work' / 'gradebook.db'}") as gradebook:
        notebook = gradebook.find_submission_notebook(NB, NB, "alice")
        written = [g for g in notebook.grades if g.cell_type == "markdown"]
        assert written and all(g.needs_manual_grade for g in written)
        for g in written:   # as the formgrader's grade handler saves a score
            g.manual_score = g.max_score
            g.needs_manual_grade = False
        gradebook.db.commit()
        manual_points = sum(g.max_score for g in written)
    result = run_grade(course, str(course / "submissions.zip"), "--csv", str(course / "manual.csv"))
    assert result.returncode == 0, result.stderr
    assert "(0 graded now" in result.stdout
    alice = rows(course / "manual.csv")["alice"]
    assert float(alice["points"]) == 16 + manual_points == 22
    assert "written answers to grade by hand" not in alice["flags"]


def test_grading_never_rewrites_the_students_release(graded):
    """The grade command generates its own copy of the release; notebooks/ is `make release`'s alone."""
    course, first, _ = graded
    assert first.returncode == 0, first.stderr
    assert list((course / "notebooks").iterdir()) == [], "grading wrote into notebooks/"
    generated = course / "work" / "release" / NB / f"{NB}.ipynb"
    assert generated.read_bytes() == release_path(NB).read_bytes()


def test_without_a_sandbox_the_command_refuses_unless_told(tmp_path):
    course = scratch_course(tmp_path / "course")
    folder = tmp_path / "lms"
    (folder / "someone").mkdir(parents=True)
    nbformat.write(read(release_path(NB)), folder / "someone" / f"{NB}.ipynb")
    env = {**os.environ, "COURSE_BWRAP": str(tmp_path / "no-bwrap-here")}
    command = [sys.executable, "-m", "autograder", "grade", str(folder), "--csv", str(tmp_path / "grades.csv")]
    refused = subprocess.run(command, cwd=course, env=env, capture_output=True, text=True, timeout=900)
    assert refused.returncode == 2 and not (tmp_path / "grades.csv").exists()
    assert "no sandbox for the students' code" in refused.stderr and "--no-sandbox" in refused.stderr
    told = subprocess.run(command + ["--no-sandbox"], cwd=course, env=env, capture_output=True, text=True,
                          timeout=900)
    assert told.returncode == 0, told.stderr
    with open(tmp_path / "grades.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1 and "graded without a sandbox" in rows[0]["flags"]


def test_a_worker_that_dies_costs_only_its_own_row(tmp_path):
    """A worker process killed in the middle of a submission: Dask tries it on another worker, and
    only a second death loses that row (flagged); every other notebook is graded, right."""
    course = scratch_course(tmp_path / "course")
    correct = nbformat.writes(correct_submission(read(release_path(NB)), read(solution_path(NB))))
    folder = tmp_path / "submissions"
    for student in ("alice", "dies_once", "dies_always", "zoe"):
        (folder / student).mkdir(parents=True)
        (folder / student / f"{NB}.ipynb").write_text(correct, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", str(folder), "--workers", "2",
                             "--csv", str(course / "grades.csv")], cwd=course, capture_output=True, text=True,
                            timeout=900, env={**os.environ, "WORKER_FAULTS_MARKER": str(tmp_path / "died"),
                                              "DASK_DISTRIBUTED__WORKER__PRELOAD": '["worker_faults"]',
                                              "PYTHONPATH": os.path.dirname(__file__)})
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "died").exists(), "the worker grading dies_once was never killed"
    rows = {row["student"]: row for row in csv.DictReader(open(course / "grades.csv", encoding="utf-8"))}
    assert sorted(rows) == ["alice", "dies_always", "dies_once", "zoe"]
    for student in ("alice", "dies_once", "zoe"):
        assert float(rows[student]["points"]) == 16, rows[student]   # every automatic point of 01
        assert "died" not in rows[student]["flags"], rows[student]
    assert rows["dies_always"]["points"] == ""
    assert "its grading took down 2 worker processes (killed, or out of memory): not graded" \
        in rows["dies_always"]["flags"]


def test_a_stopped_run_keeps_what_it_had_graded(tmp_path):
    """Ctrl-C in the middle of a run (SIGINT to the whole process group, as a terminal sends it):
    the CSV is written, and the run started again grades only what was not graded yet."""
    course = scratch_course(tmp_path / "course")
    correct = nbformat.writes(correct_submission(read(release_path(NB)), read(solution_path(NB))))
    folder = tmp_path / "submissions"
    students = [f"student{i}" for i in range(4)]
    for student in students:
        (folder / student).mkdir(parents=True)
        (folder / student / f"{NB}.ipynb").write_text(correct, encoding="utf-8")
    command = [sys.executable, "-m", "autograder", "grade", str(folder), "--workers", "1"]
    first = subprocess.Popen(command, cwd=course, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    autograded = course / "work" / "autograded"
    try:
        for _ in range(3000):
            if any(autograded.glob(f"*/{NB}/{NB}.ipynb")) or first.poll() is not None:
                break
            time.sleep(0.1)
        os.killpg(first.pid, signal.SIGINT)
        first.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(first.pid, signal.SIGKILL)
    kept = len(list(autograded.glob(f"*/{NB}/{NB}.ipynb")))
    assert 1 <= kept < 4, f"{kept} notebooks graded before the stop"
    assert sorted(rows(course / "work" / "grades.csv")) == students   # written whatever stopped it
    again = subprocess.run(command, cwd=course, capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr[-3000:]
    assert f"({4 - kept} graded now, {kept} already graded)" in again.stdout
    assert all(float(row["points"]) == 16 for row in rows(course / "work" / "grades.csv").values())


def processes_of(course):
    """Processes whose command line or working folder is in the scratch course (its zygotes and
    kernels run with --chdir there; its workers were started from there)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            cmdline = open(f"/proc/{entry}/cmdline", "rb").read().decode(errors="replace")
            cwd = os.readlink(f"/proc/{entry}/cwd")
        except OSError:
            continue
        if str(course) in cmdline or cwd.startswith(str(course)):
            found.append(f"{entry}: {cmdline[:120]}")
    return found


def test_nothing_outlives_a_killed_grade_command(tmp_path):
    """SIGKILL to the grade command alone: its local cluster's workers, zygotes and kernels end too."""
    course = scratch_course(tmp_path / "course")
    correct = nbformat.writes(correct_submission(read(release_path(NB)), read(solution_path(NB))))
    folder = tmp_path / "submissions"
    for student in ("ana", "ben"):
        (folder / student).mkdir(parents=True)
        (folder / student / f"{NB}.ipynb").write_text(correct, encoding="utf-8")
    grading = subprocess.Popen([sys.executable, "-m", "autograder", "grade", str(folder), "--workers", "2"],
                               cwd=course, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(3000):   # until a zygote runs (its bubblewrap's command line names the course)
            if any("bwrap" in p for p in processes_of(course)) or grading.poll() is not None:
                break
            time.sleep(0.1)
        assert grading.poll() is None, "the run ended before it could be killed"
        grading.kill()
        grading.wait()
        for _ in range(300):
            left = processes_of(course)
            if not left:
                break
            time.sleep(0.1)
        assert not left, f"still running after the grade command was killed: {left}"
    finally:
        for line in processes_of(course):
            with contextlib.suppress(OSError):
                os.kill(int(line.split(":")[0]), signal.SIGKILL)
