"""Grade a whole course's submissions in one command, on top of nbgrader.

    python -m autograder grade SUBMISSIONS [--workers N] [--force] [--csv FILE]

SUBMISSIONS is a folder or a zip file as an LMS hands them out: one folder per
student, or files named after the student ("s1234_01_convolution.ipynb",
"Copy of 01_convolution.ipynb" inside a student's folder, "01_convolution-1.ipynb"...).
Each notebook is recognised by its graded cells, not by its file name, then
copied to ``autograder/submitted/<student>/<notebook>/``, autograded by nbgrader
(several notebooks at once, one per worker process), given feedback HTML, and
written to one CSV. A file that cannot be graded is reported by name with the
reason, and has a row of its own in the CSV (no student, no points); the rest are
graded. Every step that reads one submission is bounded (autograder/limits.py's
FILES), so a hostile file costs only its own row, and the CSV is written whatever
stops the run. Names reach the terminal and the CSV escaped (findings.printable,
findings.csv_cell). Running it again grades only what changed.
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
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder import findings, submission
from autograder.findings import csv_cell, printable
from autograder.limits import FILES, LIMITS, THREAD_VARIABLES
from autograder.submission import MAX_NOTEBOOK_MB

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
    notebook: object = field(default=None, repr=False)   # as handed in, for prepare(), which lets it go
    failed: str = ""                          # why it could not be graded, if it could not


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
    """(notebook, flags, None) or (None, [], the reason it cannot be graded).

    Bounded whatever the file holds: its size, then its JSON's nesting and length (read
    without parsing it, so that the parser never recurses deep nor builds millions of
    objects), then what is kept of it (submission.handed_in). Any failure is the reason.
    """
    if path.suffix != ".ipynb":
        return None, [], f"not a notebook (a {path.suffix or 'file without extension'} file)"
    if not path.is_file():
        return None, [], "not a regular file"
    limit = MAX_NOTEBOOK_MB * 2**20
    with open(path, "rb") as f:
        data = f.read(limit + 1)   # never more than the limit, whatever its size said
    if len(data) > limit:
        return None, [], _too_large(max(len(data), path.stat().st_size))
    if not data.strip():
        return None, [], "empty file"
    problem = json_problem(data)
    if problem:
        return None, [], problem
    try:
        content = json.loads(data)
    except (RecursionError, MemoryError) as error:
        return None, [], f"not a notebook that can be read ({type(error).__name__})"
    except ValueError as error:   # UnicodeDecodeError too
        return None, [], f"not JSON ({str(error).splitlines()[0] if str(error) else type(error).__name__})"
    del data
    try:
        nb, flags = submission.handed_in(content)
    except submission.NotANotebook as error:
        return None, [], str(error)
    except Exception as error:   # nbformat's upgrade of an old notebook raises several kinds
        return None, [], f"not a Jupyter notebook ({type(error).__name__})"
    return nb, flags, None


# A JSON string (its escaped quotes taken out first), or one of the characters that make its shape.
_JSON_TOKEN = re.compile(rb'"[^"]*"|[\[\]{},]')


def json_problem(data):
    """Why a notebook's JSON is too deep or too long to parse, read without parsing it; else None.

    Escaped backslashes, then escaped quotes, are taken out, so that every remaining quote
    starts or ends a string; strings, brackets and commas are counted in one pass that stops
    at the first limit. For valid JSON the count is exact; invalid JSON fails to parse anyway.
    """
    data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    depth, tokens = 0, 0
    for token in _JSON_TOKEN.finditer(data):
        tokens += 1
        if tokens > FILES["json_tokens"]:
            return (f"too many values to read (over {FILES['json_tokens']:,} strings, lists and objects; "
                    f"a notebook of the course has about 2,000)")
        opens = data[token.start()]
        if opens in b"[{":
            depth += 1
            if depth > FILES["json_depth"]:
                return (f"nested too deeply to read (over {FILES['json_depth']} levels of lists and objects; "
                        f"a notebook has about 5)")
        elif opens in b"]}":
            depth -= 1
    return None


def collect(source, known):
    """Copy every gradable notebook under ``source`` into submitted/; return (submissions, problems).

    ``problems`` holds (file name, reason) for each file that is not graded. One file's failure,
    whatever it is, costs only that file: its reason says what it was.
    """
    submissions, problems, seen = [], [], {}
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(source)
        if root.is_file():   # a zip file, or what claims to be one: read as far as it can be
            if root.suffix.lower() != ".zip" and not zipfile.is_zipfile(root):
                return [], [(root.name, "neither a folder nor a zip file")]
            problems += unzip(root, Path(scratch))
            root = Path(scratch)
        files, links = _files(root)
        problems += [(str(link.relative_to(root)), "a link, not a file: not followed") for link in links]
        for path in files:
            relative = path.relative_to(root)
            try:
                found, reason = _submission(path, relative, known, seen)
            except Exception as error:   # a fault of the grader's own: this file says so, the others go on
                found, reason = None, f"could not be read ({type(error).__name__}: {str(error)[:200]})"
            if found is None:
                problems.append((str(relative), reason))
            else:
                submissions.append(found)
    return submissions, problems


def _submission(path, relative, known, seen):
    """(a Submission, None) for a gradable notebook, else (None, the reason)."""
    nb, flags, reason = _read_notebook(path)
    if nb is None:
        return None, reason
    assignment = identify(nb, path.name, known)
    if assignment is None:
        return None, "none of the course's notebooks (no graded cell matches, and the name names none)"
    student = student_id(relative, assignment)
    if student is None:
        return None, ("cannot tell whose it is: put it in a folder named after the student, "
                      "or name the file after them")
    if (student, assignment) in seen:
        return None, f"a second {assignment} for {student} (the first, {seen[student, assignment]}, is graded)"
    seen[student, assignment] = str(relative)
    found = Submission(student, assignment, str(relative), flags=flags, notebook=nb)
    if nb.nbformat_minor < 5 or any("id" not in c for c in nb.cells):
        found.flags.append("old notebook format (no cell ids)")
    return found, None


def unzip(archive_path, into):
    """Extract an LMS zip file into ``into``; return (member name, reason) for each member left out.

    Nothing its headers say is trusted: each member is read as a stream and counted, and
    stops at the notebook limit, at a compression ratio no notebook has, or when the zip's
    total is reached. A member that cannot be read (corrupt data, a lying header, a bad
    checksum) or has an odd name (absolute, "..", control characters, too long, the same name
    twice, even in another case or Unicode form) is left out with its reason; the rest are
    extracted. A zip that cannot be read at all is one reason.
    """
    name = archive_path.name
    try:
        archive = zipfile.ZipFile(archive_path)
    except Exception as error:   # BadZipFile, a name that is not UTF-8, a truncated file...
        return [(name, f"a zip file that cannot be read ({type(error).__name__}: {str(error)[:200]})")]
    problems, taken = [], set()
    total_left = min(FILES["zip_total_mb"] * 2**20,
                     max(MAX_NOTEBOOK_MB * 2**20, FILES["zip_ratio"] * archive_path.stat().st_size))
    with archive:
        members = archive.infolist()
        if len(members) > FILES["zip_members"]:
            problems.append((name, f"{len(members):,} files in the zip: only the first "
                                   f"{FILES['zip_members']:,} are read"))
        for member in members[:FILES["zip_members"]]:
            if member.is_dir():
                continue
            reason, relative = _member_path(member.filename, taken)
            if reason is None and total_left <= 0:
                reason = (f"not extracted: the zip's files came to {FILES['zip_total_mb']:,} MB or "
                          f"{FILES['zip_ratio']} times the zip's size, its limit")
            if reason is None:
                try:
                    total_left -= _extract(archive, member, into / relative, total_left)
                except Exception as error:   # corrupt data: BadZipFile, zlib.error, EOFError, CRC...
                    (into / relative).unlink(missing_ok=True)
                    reason = _member_failure(error)
            if reason is not None:
                problems.append((member.filename, reason))
    return problems


class _TooMuch(Exception):
    pass


def _extract(archive, member, target, total_left):
    """Copy one member to ``target`` as a stream, counting; return its size. Raises _TooMuch
    over the notebook limit, over the zip's ratio, or past ``total_left``."""
    limit = MAX_NOTEBOOK_MB * 2**20
    written = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with archive.open(member) as source, open(target, "xb") as copy:
        while chunk := source.read(2**20):
            written += len(chunk)
            if written > limit:
                raise _TooMuch(_too_large(written) + " (it holds more; reading stopped)")
            if written > 2**20 and written > FILES["zip_ratio"] * max(member.compress_size, 1):
                raise _TooMuch(f"compressed more than {FILES['zip_ratio']} times, as no notebook is "
                               f"(a zip bomb?): not extracted")
            if written > total_left:
                raise _TooMuch(f"not extracted: the zip's files came to over {FILES['zip_total_mb']:,} MB "
                               f"or {FILES['zip_ratio']} times the zip's size, its limit")
            copy.write(chunk)
    return written


def _member_failure(error):
    if isinstance(error, _TooMuch):
        return str(error)
    return f"cannot be read from the zip file ({type(error).__name__}: {str(error)[:200]})"


# Names that Windows keeps for devices: harmless here, but a TA may unzip the same file elsewhere.
_DEVICES = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.I)


def _member_path(name, taken):
    """(None, the path to extract a zip member to) or (the reason its name is refused, None).

    ``taken`` holds the names already given, compared as a case-insensitive file system
    (macOS, Windows) would, after Unicode normalisation: a second one is refused.
    """
    normal = name.replace("\\", "/")   # zips made on Windows may use either separator
    parts = [p for p in normal.split("/") if p not in ("", ".")]
    if len(name) > 4 * FILES["name_chars"] or any(len(p.encode("utf-8", "replace")) > FILES["name_chars"]
                                                   for p in parts):
        return "a name too long for a file system: skipped", None
    if normal.startswith("/") or re.match(r"^[A-Za-z]:", normal) or ".." in parts:
        return "unsafe path in the zip file (absolute, or outside the zip's folder): skipped", None
    if not parts or any(unicodedata.category(c)[0] == "C" for c in normal):
        return "a name with control or invisible characters in it: skipped", None
    if any(_DEVICES.match(p) for p in parts):
        return "a name that Windows keeps for a device: skipped", None
    key = unicodedata.normalize("NFC", "/".join(parts)).casefold()
    if key in taken:
        return "a second file of the same name (perhaps in another case or Unicode form): skipped", None
    taken.add(key)
    return None, Path(*parts)


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

    Needs the release that record() writes; each release is read once. A submission that
    cannot be prepared, whatever the reason, is marked ``failed`` and the others go on; each
    notebook is let go once written, so that the grade command holds one at a time.
    """
    releases = {}
    for s in submissions:
        try:
            if s.assignment not in releases:
                releases[s.assignment] = nbformat.read(RELEASE / s.assignment / f"{s.assignment}.ipynb",
                                                       as_version=4)
            _prepare_one(s, releases[s.assignment])
        except Exception as error:   # a fault of the grader's own: this row says so
            s.failed = f"could not be prepared for grading ({type(error).__name__}: {str(error)[:200]})"
        s.notebook = None


def _prepare_one(s, release):
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


def _add_submission(student, assignment):
    """Make the student's submission of ``assignment`` in the gradebook, if it is not there yet.

    nbgrader's autograde makes it otherwise, with ``Gradebook.add_submission``, which builds
    the new rows attached to rows already in the session and then reads the assignment's
    notebooks: that read flushes the session before the new rows are added to it, and
    SQLAlchemy 2 warns three times per submission ("Object of type <SubmittedAssignment> not
    in session, add operation along 'Student.submissions' will not proceed"). The same call
    with the flush held until they are added is quiet; autograde then finds the submission.
    """
    with _api.gradebook as gradebook, gradebook.db.no_autoflush:
        gradebook.update_or_create_submission(assignment, student)


def _grade_one(student, assignment):
    """Autograde one student's notebook and make its feedback; a flag if either failed, else None."""
    signal.signal(signal.SIGALRM, _time_up)
    notebook_seconds = _api.config.SandboxedExecute.get("notebook_timeout", LIMITS["notebook_timeout"])
    _add_submission(student, assignment)
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
    try:
        found = [str(flag) for flag in json.loads(path.read_text(encoding="utf-8")).get("flags", [])]
    except Exception as error:
        return [f"what its run reported could not be read ({type(error).__name__})"]
    if len(found) > limit:
        found = found[:limit] + [f"{len(found) - limit} more in {path.relative_to(ROOT)}"]
    return found


CSV_FIELDS = ["student", "notebook", "points", "max_points", "flags", "source"]


def write_csv(submissions, path, problems=()):
    """One row per notebook: student, notebook, points, max points, flags, source; then one row
    per file not graded (``problems``: (name, reason)), with no student and no points.

    Every row is written whatever fails: a row whose points cannot be read has none. Each cell
    is made safe for a spreadsheet and a terminal (findings.csv_cell).
    """
    rows = []
    with _gradebook() as gradebook:
        for s in sorted(submissions, key=lambda s: (s.student, s.assignment)):
            points, max_points, flags = _points(gradebook, s)
            rows.append({"student": s.student, "notebook": s.assignment, "points": points,
                         "max_points": max_points, "flags": "; ".join(s.flags + flags), "source": s.source})
    rows += [{"student": "", "notebook": "", "points": "", "max_points": "",
              "flags": f"not graded: {reason}", "source": name} for name, reason in problems]
    rows = [{key: csv_cell(value) for key, value in row.items()} for row in rows]
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return rows


@contextlib.contextmanager
def _gradebook():
    """nbgrader's gradebook, or None where it cannot be opened (every row then has no points)."""
    try:
        from nbgrader.api import Gradebook
        gradebook = Gradebook(f"sqlite:///{HERE / 'gradebook.db'}")
    except Exception:
        yield None
        return
    with gradebook:
        yield gradebook


def _points(gradebook, s):
    """(points, max points, flags) of one submission from the gradebook; no points if it has none."""
    if s.failed:
        return "", "", [s.failed]
    if gradebook is None:
        return "", "", ["the gradebook could not be read"]
    flags = runtime_flags(s)
    try:
        notebook = gradebook.find_submission_notebook(s.assignment, s.assignment, s.student)
        points, max_points = notebook.score, notebook.max_score
        if notebook.needs_manual_grade:
            flags.insert(0, "written answers to grade by hand")
    except Exception:  # nbgrader's MissingEntry: the notebook was never autograded
        points, max_points = "", ""
    return points, max_points, flags


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
    for name, reason in problems:   # names and reasons may hold anything: shown, never obeyed
        print(f"not graded: {printable(name)}: {printable(reason, 500)}")
    limits = Limits(args.cell_timeout, args.notebook_timeout, args.memory_mb, sandbox=not args.no_sandbox)
    # The zygote and the workers start up while nbgrader records the notebooks and the students.
    workers = min(args.workers, len(submissions))
    graded = 0
    try:
        with Grading(workers, limits, hidden=[args.submissions]) if submissions else contextlib.nullcontext() as grading:
            record(sorted(known), {s.student for s in submissions})
            prepare(submissions)
            for s in submissions:
                if s.failed:
                    print(f"not graded: {printable(s.source)}: {printable(s.failed, 500)}")
            todo = [s for s in submissions if not s.failed and (args.force or not _up_to_date(s))]
            graded = grading.run(todo) if todo else 0
    finally:   # whatever stopped the run, the CSV holds every row (without points where there are none)
        write_csv(submissions, args.csv, problems)
    already = sum(not s.failed for s in submissions) - graded
    print(f"{len(submissions)} notebooks from {len({s.student for s in submissions})} students "
          f"({graded} graded now, {already} already graded); {len(problems)} files not "
          f"graded. Grades: {args.csv}; feedback: {HERE / 'feedback'}")
    return 0
