"""Grade a whole course's submissions in one command, on top of nbgrader and Dask.

    python -m autograder grade SUBMISSIONS [--workers N | --scheduler ADDRESS] [--work DIR]
                                           [--db URL] [--csv FILE] [--force]

The steps, each in a file of its own:

1. collect (autograder/collect.py): every gradable notebook of a folder or an LMS zip,
   recognised by its graded cells; every other file a row with its reason;
2. record (autograder/gradebook.py): the notebooks and students in the gradebook;
3. prepare (autograder/prepare.py): what is graded of each notebook, written into the
   work folder's submitted/, with what the TA should know flagged;
4. dispatch (autograder/dispatch.py): one task per notebook-submission on Dask workers
   (autograder/worker.py), which run it in the sandbox and send back its result;
5. write (autograder/gradebook.py, autograder/report.py): this process alone writes the
   gradebook, the feedback and the CSV.

A file that cannot be graded costs only its own row, and the CSV is written whatever
stops the run. Running it again grades only what changed: a run that was stopped keeps
what it had graded.
"""

import argparse
import contextlib
import os
import signal
from dataclasses import dataclass
from pathlib import Path

from autograder import dispatch, gradebook, report
from autograder.collect import assignments, collect
from autograder.findings import printable
from autograder.inside.limits import LIMITS, THREAD_VARIABLES
from autograder.paths import DEFAULT_WORK, Work, course_fingerprint
from autograder.prepare import prepare


def cores():
    """The cores this process may run on: its CPU affinity, which taskset or a CI job may narrow."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:   # macOS
        return os.cpu_count() or 1


@dataclass
class Limits:
    """What each student's kernel may use; the defaults are autograder/inside/limits.py's."""
    cell_timeout: int = LIMITS["cell_timeout"]
    notebook_timeout: int = LIMITS["notebook_timeout"]
    memory_mb: int = LIMITS["memory_mb"]
    sandbox: bool = True

    def config(self, threads):
        return {"cell_timeout": self.cell_timeout, "notebook_timeout": self.notebook_timeout,
                "memory_mb": self.memory_mb, "threads": threads, "sandbox": self.sandbox}


def parser():
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    grade = commands.add_parser("grade", help="collect, autograde, give feedback, write the CSV")
    grade.add_argument("submissions", type=Path, help="a folder or a zip file of .ipynb files")
    grade.add_argument("--workers", type=int, default=cores(),
                       help="notebooks graded at once on this machine (default: every core)")
    grade.add_argument("--scheduler", metavar="ADDRESS",
                       help="grade on a running Dask cluster (tcp://host:8786, tls://...) instead")
    grade.add_argument("--tls-ca-file", help="with a tls:// scheduler: the CA that signed its certificate")
    grade.add_argument("--tls-cert", help="with a tls:// scheduler: this client's certificate")
    grade.add_argument("--tls-key", help="with a tls:// scheduler: this client's private key")
    grade.add_argument("--work", type=Path, default=DEFAULT_WORK,
                       help="the run's folder: release, submissions, feedback, gradebook (default: %(default)s)")
    grade.add_argument("--db", metavar="URL", help="the gradebook's database, any that nbgrader takes, e.g. "
                                                   "postgresql://ta@db/cnn (default: SQLite in the work folder)")
    grade.add_argument("--csv", type=Path, help="where to write the grades (default: WORK/grades.csv)")
    grade.add_argument("--force", action="store_true", help="grade again what is already graded")
    grade.add_argument("--cell-timeout", type=int, default=Limits.cell_timeout,
                       help="seconds one cell may run (default: %(default)s)")
    grade.add_argument("--notebook-timeout", type=int, default=Limits.notebook_timeout,
                       help="seconds one notebook may run (default: %(default)s)")
    grade.add_argument("--memory-mb", type=int, default=Limits.memory_mb,
                       help="memory one kernel may allocate, in MB (default: %(default)s)")
    grade.add_argument("--no-sandbox", action="store_true",
                       help="grade where no sandbox can be made (every row is flagged); never on "
                            "untrusted submissions")
    return parser


def security(args):
    """Dask's TLS settings from the options (else from Dask's own configuration)."""
    if not (args.tls_ca_file or args.tls_cert or args.tls_key):
        return None
    from distributed.security import Security
    return Security(tls_ca_file=args.tls_ca_file, tls_client_cert=args.tls_cert, tls_client_key=args.tls_key,
                    require_encryption=True)


def _stop(signum, frame):
    raise SystemExit(128 + signum)   # a run that is terminated still writes its CSV and stops its cluster


def main(argv=None):
    signal.signal(signal.SIGTERM, _stop)
    command = parser()
    args = command.parse_args(argv)
    if not args.submissions.exists():
        command.error(f"{args.submissions} does not exist: give the folder or zip file of submissions")
    if args.workers < 1:
        command.error("--workers needs at least 1")
    if not args.no_sandbox:
        from autograder import sandbox
        problem = sandbox.problem()
        if problem:
            command.error(f"no sandbox for the students' code: {problem}. Fix that, or pass --no-sandbox "
                          f"to grade without one (only submissions you trust; every row will say so).")
    work = Work(args.work)
    db_url = args.db or work.db_url
    csv_path = args.csv or work.csv
    work.root.mkdir(parents=True, exist_ok=True)
    submissions, problems = collect(args.submissions, assignments())
    for name, reason in problems:   # names and reasons may hold anything: shown, never obeyed
        print(f"not graded: {printable(name)}: {printable(reason, 500)}")
    # The grading processes' own thread pools: one thread each; the kernels get their share.
    for variable in THREAD_VARIABLES:
        os.environ[variable] = "1"
    workers = max(1, min(args.workers, len(submissions)))
    limits = Limits(args.cell_timeout, args.notebook_timeout, args.memory_mb, sandbox=not args.no_sandbox)
    graded, timing = 0, None
    # Only the notebooks that were handed in are recorded (about a second each).
    handed_in = sorted({s.assignment for s in submissions if not s.failed})
    try:
        with (dispatch.cluster(workers, args.scheduler, security(args)) if submissions
              else contextlib.nullcontext()) as client:
            from autograder.nbgrader_api import nbgrader_api
            from autograder.worker import GradingPlugin

            fingerprint = course_fingerprint()
            seed = gradebook.worker_seed(work, handed_in, fingerprint)
            if client is not None:
                # Each kernel gets its share of the cores (a local cluster's; on a cluster, its worker's).
                threads = max(1, cores() // workers) if not args.scheduler else 1
                # The workers start their zygotes (importing torch) now, while this process records.
                client.register_plugin(GradingPlugin(limits.config(threads), fingerprint,
                                                     hidden=[args.submissions.resolve(), work.root], seed=seed))
            students = {s.student for s in submissions}
            # A new SQLite gradebook begins as the seed; another database records the notebooks itself.
            if args.db or not gradebook.start_from_seed(work, seed):
                gradebook.record(nbgrader_api(work, db_url), handed_in)
            gradebook.add_students(db_url, students)
            prepare(submissions, work)
            for s in submissions:
                if s.failed:
                    print(f"not graded: {printable(s.source)}: {printable(s.failed, 500)}")
            todo = [s for s in submissions
                    if not s.failed and (args.force or not gradebook.up_to_date(work, s.student, s.assignment))]
            if todo:
                def on_result(s, result, flag):
                    if flag:
                        s.flags.append(flag)
                    if result and result.get("autograded"):
                        gradebook.save(db_url, work, s.student, s.assignment, result)

                timing = dispatch.grade_all(client, todo, lambda s: work.submitted_file(s.student, s.assignment)
                                   .read_text(encoding="utf-8"), on_result)
                graded = len(todo)
    finally:   # whatever stopped the run, the CSV holds every row (without points where there are none)
        report.write_csv(submissions, csv_path, work, db_url, problems)
    already = sum(not s.failed for s in submissions) - graded
    print(f"{len(submissions)} notebooks from {len({s.student for s in submissions})} students "
          f"({graded} graded now, {already} already graded); {len(problems)} files not "
          f"graded. Grades: {csv_path}; feedback: {work.feedback}")
    if timing and timing["gaps"]:
        print(f"The workers spent {timing['inside']:.1f} s grading; Dask's own time between two "
              f"submissions on a worker: {1000 * sum(timing['gaps']) / len(timing['gaps']):.1f} ms on average.")
    return 0
