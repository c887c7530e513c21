"""Grade a whole course's submissions in one command, on top of nbgrader.

    python -m autograder grade SUBMISSIONS [--workers N] [--force] [--csv FILE]

SUBMISSIONS is a folder or a zip file as an LMS hands them out: one folder per
student, or files named after the student ("s1234_01_convolution.ipynb",
"Copy of 01_convolution.ipynb" inside a student's folder, "01_convolution-1.ipynb"...).
Each notebook is recognised by its graded cells, not by its file name, then
copied to ``autograder/submitted/<student>/<notebook>/``, autograded by nbgrader
(several notebooks at once, one per worker process), given feedback HTML, and
written to one CSV. A file that cannot be graded is reported by name with the
reason, and the rest are graded. Running it again grades only what changed.
"""

import argparse
import contextlib
import csv
import json
import multiprocessing
import os
import re
import signal
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder import findings, submission
from autograder.limits import LIMITS, THREAD_VARIABLES
from autograder.submission import MAX_CELLS, MAX_NOTEBOOK_MB

HERE = Path(__file__).resolve().parent    # autograder/
ROOT = HERE.parent                        # the course
SOLUTIONS = ROOT / "solutions"
RELEASE = HERE / "release"   # what grading generates; never the tracked notebooks/
REVIEW = HERE / "review"      # what each sandboxed run reported, per student
SUBMITTED = HERE / "submitted"
AUTOGRADED = HERE / "autograded"


@dataclass
class Submission:
    student: str
    assignment: str
    source: str                               # where it came from, as the TA will recognise it
    flags: list = field(default_factory=list)
    notebook: object = field(default=None, repr=False)   # as handed in, for prepare()


def assignments():
    """Notebook name -> the grade ids of its graded cells, from solutions/."""
    found = {}
    for folder in sorted(p for p in SOLUTIONS.iterdir() if p.is_dir() and p.name[:2].isdigit()):
        nb = nbformat.read(folder / f"{folder.name}.ipynb", as_version=4)
        found[folder.name] = {c.metadata["nbgrader"]["grade_id"] for c in nb.cells
                              if c.metadata.get("nbgrader", {}).get("grade_id")}
    return found


def _grade_ids(nb):
    return {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb.cells} - {None}


def identify(nb, filename, known):
    """The assignment a notebook belongs to: the one sharing most graded cells, else its file name."""
    ids = _grade_ids(nb)
    overlap = {name: len(ids & grade_ids) for name, grade_ids in known.items()}
    best = max(overlap, key=overlap.get, default=None)
    if best is not None and overlap[best] > 0:
        return best
    named = [name for name in known if name in filename]
    return named[0] if len(named) == 1 else None


_COPY_MARKS = re.compile(r"^copy of\s+|\s*\(\d+\)$|-\d+$", re.I)


def student_id(relative, assignment):
    """The student a file belongs to: its top folder, or what its name holds besides the notebook's."""
    if len(relative.parts) > 1:
        raw = relative.parts[0]
    else:
        stem = relative.stem
        previous = None
        while previous != stem:  # "Copy of 01_convolution (1)" and the like
            previous, stem = stem, _COPY_MARKS.sub("", stem.strip())
        raw = stem.replace(assignment, "")
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "_", raw).strip("_.- ")
    return cleaned or None


def _read_notebook(path):
    """(notebook, None) or (None, the reason it cannot be graded)."""
    if path.suffix != ".ipynb":
        return None, f"not a notebook (a {path.suffix or 'file without extension'} file)"
    size = path.stat().st_size
    if size > MAX_NOTEBOOK_MB * 2**20:
        return None, _too_large(size)
    text = path.read_bytes()
    if not text.strip():
        return None, "empty file"
    try:
        content = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        return None, f"not JSON ({str(error).splitlines()[0]})"
    try:
        nb = nbformat.reads(json.dumps(content), as_version=4)
    except Exception as error:  # nbformat raises several kinds for documents it cannot read
        return None, f"not a Jupyter notebook ({type(error).__name__})"
    if len(nb.cells) > MAX_CELLS:
        return None, f"{len(nb.cells):,} cells, more than the {MAX_CELLS:,} a notebook of the course may have"
    return nb, None


def collect(source, known):
    """Copy every gradable notebook under ``source`` into submitted/; return (submissions, problems)."""
    submissions, problems, seen = [], [], {}
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(source)
        if zipfile.is_zipfile(root):
            with zipfile.ZipFile(root) as archive:
                for member in archive.infolist():  # never write outside the scratch folder
                    if member.filename.startswith("/") or ".." in Path(member.filename).parts:
                        problems.append((member.filename, "unsafe path in the zip file: skipped"))
                    elif member.file_size > MAX_NOTEBOOK_MB * 2**20:
                        problems.append((member.filename, _too_large(member.file_size)))
                    else:
                        archive.extract(member, scratch)
            root = Path(scratch)
        files, links = _files(root)
        problems += [(str(link.relative_to(root)), "a link, not a file: not followed") for link in links]
        for path in files:
            relative = path.relative_to(root)
            nb, reason = _read_notebook(path)
            if nb is None:
                problems.append((str(relative), reason))
                continue
            assignment = identify(nb, path.name, known)
            if assignment is None:
                problems.append((str(relative), "none of the course's notebooks (no graded cell "
                                                 "matches, and the name names none)"))
                continue
            student = student_id(relative, assignment)
            if student is None:
                problems.append((str(relative), "cannot tell whose it is: put it in a folder named "
                                                 "after the student, or name the file after them"))
                continue
            if (student, assignment) in seen:
                problems.append((str(relative), f"a second {assignment} for {student} (the first, "
                                                 f"{seen[student, assignment]}, is graded)"))
                continue
            seen[student, assignment] = str(relative)
            submission = Submission(student, assignment, str(relative), notebook=nb)
            if nb.nbformat_minor < 5 or any("id" not in c for c in nb.cells):
                submission.flags.append("old notebook format (no cell ids)")
            submissions.append(submission)
    return submissions, problems


def _files(root):
    """(files, links) under ``root``: hidden folders and macOS's zip debris skipped, links never followed."""
    files, links = [], []
    for folder, subfolders, names in os.walk(root):   # os.walk does not follow links to folders
        here = Path(folder)
        links += [here / name for name in subfolders if (here / name).is_symlink()]
        subfolders[:] = sorted(n for n in subfolders if not n.startswith((".", "__MACOSX")))
        for name in sorted(names):
            path = here / name
            if name.startswith("."):
                continue
            (links if path.is_symlink() else files).append(path)
    return sorted(files), sorted(links)


def _too_large(size):
    return (f"too large to grade ({size / 2**20:,.0f} MB; the limit is {MAX_NOTEBOOK_MB} MB): "
            f"clear its outputs (Edit > Clear Outputs of All Cells) and hand it in again")


def prepare(submissions):
    """Write what is graded of each submission into submitted/ (autograder/submission.py), and
    flag what the TA should know: edited locked cells, added cells, suspicious code.

    Needs the release that record() writes; each release is read once.
    """
    releases = {}
    for s in submissions:
        if s.assignment not in releases:
            releases[s.assignment] = nbformat.read(RELEASE / s.assignment / f"{s.assignment}.ipynb",
                                                   as_version=4)
        release = releases[s.assignment]
        s.flags += findings.changed_cells(s.notebook, release) + findings.suspicious_code(s.notebook, release)
        graded, added = submission.rebuild(s.notebook, release)
        if added:
            s.flags.append(f"{added} code cell(s) added by the student: not run, shown in the notebook to read")
        target = SUBMITTED / s.student / s.assignment / f"{s.assignment}.ipynb"
        text = nbformat.writes(graded)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def record(assignments, students):
    """Record each notebook in the gradebook, with its release (which prepare() rebuilds
    with), and each student: two workers grading one student's notebooks at once would
    otherwise both try to add the student."""
    api = _nbgrader_api()
    for assignment in assignments:
        outcome = api.generate_assignment(assignment, force=True, create=True)
        if not outcome.get("success"):
            raise SystemExit(f"nbgrader could not record {assignment} in the gradebook:\n"
                             f"{outcome.get('error') or outcome.get('log')}")
    with api.gradebook as gradebook:
        for student in sorted(students):
            gradebook.update_or_create_student(student)


def _nbgrader_api(sandbox_config=None):
    """nbgrader's Python API with the course's configuration (autograder/nbgrader_config.py)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    # nbgrader runs `alembic` by name: it must come from this environment.
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    config = PyFileConfigLoader("nbgrader_config.py", path=str(HERE)).load_config()
    extra = Config()
    for name, value in (sandbox_config or {}).items():
        setattr(extra.SandboxedExecute, name, value)
    config.merge(extra)
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def _up_to_date(submission):
    graded = AUTOGRADED / submission.student / submission.assignment / f"{submission.assignment}.ipynb"
    source = SUBMITTED / submission.student / submission.assignment / f"{submission.assignment}.ipynb"
    return graded.is_file() and graded.stat().st_mtime >= source.stat().st_mtime


def cores():
    """The cores this process may run on: its CPU affinity, which taskset or a CI job may narrow."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:   # macOS
        return os.cpu_count() or 1


# Each worker process keeps one nbgrader API (and, inside it, torch for the judges)
# for all its notebooks: starting nbgrader and torch again for every notebook
# would cost more than grading it.
_api = None

# What the workers import, once for all of them: they are forked from a clean
# interpreter that imported these (multiprocessing's forkserver), not from the
# grade command, whose state (open gradebook, threads) they must not inherit.
WORKER_MODULES = ["autograder.grade", "autograder.execute", "autograder.feedback", "nbgrader.apps",
                  "helpers.grading", "autograder.judging"]


def _start_worker(config_values, env):
    """Runs once in each worker process: nbgrader's API with the course's configuration."""
    global _api
    os.environ.update(env)
    os.chdir(HERE)
    _api = _nbgrader_api(config_values)


# Seconds nbgrader's own steps may take for one notebook, beyond the kernel's own time limit
# (autograde) or alone (feedback): reading, sanitising, the gradebook, the HTML.
STEP_SECONDS = 300


class StepTimeLimit(Exception):
    pass


def _time_up(signum, frame):
    raise StepTimeLimit("it took longer than its time limit (autograder/grade.py's STEP_SECONDS)")


def _grade_one(student, assignment):
    """Autograde one student's notebook and make its feedback; a flag if either failed, else None."""
    signal.signal(signal.SIGALRM, _time_up)
    notebook_seconds = _api.config.SandboxedExecute.get("notebook_timeout", LIMITS["notebook_timeout"])
    for step, seconds in ((_api.autograde, notebook_seconds + STEP_SECONDS),
                          (_api.generate_feedback, STEP_SECONDS)):
        signal.alarm(seconds)
        try:
            outcome = step(assignment, student, force=True)
        except StepTimeLimit as error:
            outcome = {"success": False, "error": str(error)}
        finally:
            signal.alarm(0)
        if not outcome.get("success"):
            last = (outcome.get("error") or outcome.get("log") or "no message").strip().splitlines()
            return f"nbgrader {step.__name__} failed: {(last or ['no message'])[-1][:200]}"
    return None


@dataclass
class Limits:
    """What each student's kernel may use; the defaults are autograder/limits.py's."""
    cell_timeout: int = LIMITS["cell_timeout"]
    notebook_timeout: int = LIMITS["notebook_timeout"]
    memory_mb: int = LIMITS["memory_mb"]
    sandbox: bool = True

    def config(self, threads):
        return {"cell_timeout": self.cell_timeout, "notebook_timeout": self.notebook_timeout,
                "memory_mb": self.memory_mb, "threads": threads, "sandbox": self.sandbox}


class Grading:
    """One run's zygote and worker processes: ``with Grading(...) as grading: ... grading.run(todo)``.

    The zygote and the forkserver that the workers are forked from start when it
    is made, and import torch and nbgrader while the grade command records the
    notebooks; ``run`` starts the workers and waits for the zygote. One zygote serves
    every worker's kernels (autograder/zygote.py); ``hidden`` names more
    folders the kernels must not see (the submissions folder).
    """

    def __init__(self, workers, limits=None, hidden=()):
        from multiprocessing import forkserver

        from autograder.execute import HIDDEN_VARIABLE, ZYGOTE_VARIABLE, Zygote

        self.workers = workers
        # Each kernel gets its share of the cores: more threads than cores only slows all of them.
        self.config = (limits or Limits()).config(threads=max(1, cores() // workers))
        # The libraries' thread pools in the grading processes: one thread each (the judges' work
        # is small), and no pool running when the forkserver forks a worker. Kernels get their
        # share of the cores from the zygote (autograder/kernel.py).
        for variable in THREAD_VARIABLES:
            os.environ[variable] = "1"
        self.zygote = Zygote.start(wait=False, sandboxed=self.config["sandbox"])
        self.env = {ZYGOTE_VARIABLE: self.zygote.address,
                    HIDDEN_VARIABLE: os.pathsep.join(str(Path(p).resolve()) for p in hidden)}
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(WORKER_MODULES)
        forkserver.ensure_running()   # starts importing now; the workers are forked from it later

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.zygote.stop()

    def run(self, todo):
        """Autograde and give feedback, one notebook per job; flags go to each submission.

        Each worker grades one notebook at a time. A worker that dies (killed, out of memory)
        costs only the notebook it was grading: that notebook is tried once more in a new
        worker, and if that one dies too, its row says so; every other notebook is graded.
        """
        from multiprocessing.connection import wait

        from tqdm.auto import tqdm

        # Later notebooks train more: they go first, so that short ones fill the end of the run.
        left = sorted(todo, key=lambda s: (s.assignment, s.student), reverse=True)
        died_once = set()   # id() of the submissions whose worker died once: tried again
        workers = [_Worker(self.context, self.config, self.env) for _ in range(min(self.workers, len(left)))]
        try:
            self.zygote.wait_ready()
            with tqdm(total=len(left), desc="grading", unit="notebook") as bar:
                for worker in workers:
                    worker.give(left)
                while any(w.job for w in workers):
                    busy = [w for w in workers if w.job]
                    wait([w.connection for w in busy] + [w.process.sentinel for w in busy])
                    for i, worker in enumerate(workers):
                        if not worker.job:
                            continue
                        s, outcome = worker.job, worker.outcome()
                        if outcome is _Worker.BUSY:
                            continue
                        if outcome is _Worker.DIED:
                            if id(s) not in died_once:
                                died_once.add(id(s))
                                left.insert(0, s)
                            else:
                                s.flags.append(f"its grading process died twice ({worker.death()}): not graded")
                                bar.update(1)
                            workers[i] = worker = _Worker(self.context, self.config, self.env)
                        else:
                            if outcome:
                                s.flags.append(outcome)
                            bar.update(1)
                        worker.give(left)
        except BaseException:   # Ctrl-C, or a fault of the grader's own: no worker outlives it
            for worker in workers:
                worker.stop(at_once=True)
            raise
        for worker in workers:
            worker.stop()
        return len(todo)


class _Worker:
    """One worker process (forked from the forkserver), fed one notebook at a time through a pipe.

    It keeps its nbgrader API and its warm caches from one notebook to the next: a fresh
    process per notebook was measured 0.8-2.8 s slower on each of 01-04 (lazy imports,
    the gradebook's engine, the feedback's templates, the references). ``outcome``
    tells a worker still grading from one that answered and from one that died.
    """

    BUSY, DIED = object(), object()

    def __init__(self, context, config, env):
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_work, args=(theirs, config, env), daemon=True)
        self.process.start()
        theirs.close()   # else our end would never see the worker's end close when it dies
        self.job = None

    def give(self, left):
        """Send it the next notebook of ``left``, if any."""
        self.job = left.pop(0) if left else None
        if self.job:
            self.connection.send((self.job.student, self.job.assignment))

    def outcome(self):
        """The flag (or None) it sent for its notebook, BUSY while it grades, DIED if it died."""
        try:
            if self.connection.poll():
                return self.connection.recv()
        except (EOFError, OSError):
            return self.DIED
        return self.BUSY if self.process.is_alive() else self.DIED

    def death(self):
        self.process.join(5)
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"killed by {signal.Signals(-code).name}"
        return f"exit code {code}"

    def stop(self, at_once=False):
        """Ask it to end (it ends when its notebook is done), or end it ``at_once``."""
        if not at_once:
            with contextlib.suppress(OSError):
                self.connection.send(None)
            self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


def _work(connection, config_values, env):
    """A worker's life: start nbgrader's API once, then grade each notebook it is sent."""
    _start_worker(config_values, env)
    while True:
        try:
            job = connection.recv()
        except EOFError:   # the grade command has gone
            return
        if job is None:
            return
        try:
            flag = _grade_one(*job)
        except Exception as error:   # a fault of the grader's own: this row says so, the others go on
            flag = f"grading failed: {type(error).__name__}: {str(error).strip()[:200]}"
        connection.send(flag)


def runtime_flags(submission, limit=8):
    """What the sandboxed run reported (autograder/review/<student>/<notebook>.json), shortened."""
    path = REVIEW / submission.student / f"{submission.assignment}.json"
    if not path.is_file():
        return []
    found = json.loads(path.read_text(encoding="utf-8")).get("flags", [])
    if len(found) > limit:
        found = found[:limit] + [f"{len(found) - limit} more in {path.relative_to(ROOT)}"]
    return found


def write_csv(submissions, path):
    """One row per graded notebook: student, notebook, points, max points, flags."""
    from nbgrader.api import Gradebook

    rows = []
    with Gradebook(f"sqlite:///{HERE / 'gradebook.db'}") as gradebook:
        for s in sorted(submissions, key=lambda s: (s.student, s.assignment)):
            try:
                notebook = gradebook.find_submission_notebook(s.assignment, s.assignment, s.student)
                points, max_points = notebook.score, notebook.max_score
                if notebook.needs_manual_grade:
                    s.flags.append("written answers to grade by hand")
            except Exception:  # nbgrader's MissingEntry: the notebook was never autograded
                points, max_points = "", ""
            rows.append({"student": s.student, "notebook": s.assignment, "points": points,
                         "max_points": max_points, "flags": "; ".join(s.flags + runtime_flags(s)),
                         "source": s.source})
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["student", "notebook", "points", "max_points", "flags",
                                               "source"])
        writer.writeheader()
        writer.writerows(rows)
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    grade_parser = commands.add_parser("grade", help="collect, autograde, give feedback, write the CSV")
    grade_parser.add_argument("submissions", type=Path, help="a folder or a zip file of .ipynb files")
    grade_parser.add_argument("--workers", type=int, default=cores(),
                              help="notebooks graded at once (default: every core)")
    grade_parser.add_argument("--force", action="store_true", help="grade again what is already graded")
    grade_parser.add_argument("--csv", type=Path, default=HERE / "grades.csv", help="where to write the grades")
    grade_parser.add_argument("--cell-timeout", type=int, default=Limits.cell_timeout,
                              help="seconds one cell may run (default: %(default)s)")
    grade_parser.add_argument("--notebook-timeout", type=int, default=Limits.notebook_timeout,
                              help="seconds one notebook may run (default: %(default)s)")
    grade_parser.add_argument("--memory-mb", type=int, default=Limits.memory_mb,
                              help="memory one kernel may allocate, in MB (default: %(default)s)")
    grade_parser.add_argument("--no-sandbox", action="store_true",
                              help="grade where no sandbox can be made (every row is flagged); never on "
                                   "untrusted submissions")
    args = parser.parse_args(argv)

    if not args.submissions.exists():
        parser.error(f"{args.submissions} does not exist: give the folder or zip file of submissions")
    if args.workers < 1:
        parser.error("--workers needs at least 1")
    if not args.no_sandbox:
        from autograder import sandbox
        problem = sandbox.problem()
        if problem:
            parser.error(f"no sandbox for the students' code: {problem}. Fix that, or pass --no-sandbox "
                         f"to grade without one (only submissions you trust; every row will say so).")
    known = assignments()
    submissions, problems = collect(args.submissions, known)
    for name, reason in problems:
        print(f"not graded: {name}: {reason}")
    limits = Limits(args.cell_timeout, args.notebook_timeout, args.memory_mb, sandbox=not args.no_sandbox)
    # The zygote and the workers start up while nbgrader records the notebooks and the students.
    workers = min(args.workers, len(submissions))
    with Grading(workers, limits, hidden=[args.submissions]) if submissions else contextlib.nullcontext() as grading:
        record(sorted(known), {s.student for s in submissions})
        prepare(submissions)
        todo = [s for s in submissions if args.force or not _up_to_date(s)]
        graded = grading.run(todo) if todo else 0
    rows = write_csv(submissions, args.csv)
    print(f"{len(rows)} notebooks from {len({r['student'] for r in rows})} students "
          f"({graded} graded now, {len(rows) - graded} already graded); {len(problems)} files not "
          f"graded. Grades: {args.csv}; feedback: {HERE / 'feedback'}")
    return 0
