"""Send the submissions to Dask workers, and take each result as it comes back.

The unit of work is one notebook-submission. By default the grade command starts
a ``LocalCluster`` of ``--workers`` processes on this machine, bound to loopback,
and stops it at the end; ``--scheduler ADDRESS`` grades on a cluster that is
already running (a course server's ``dask scheduler``, Slurm or Kubernetes
through dask-jobqueue or dask-kubernetes; see the README). Dask retries a
submission whose worker died on another worker; one that takes down
``limits.GRADING["tries"]`` workers (the scheduler's ``allowed-failures`` + 1) is
flagged on its own row. Each result is written as it arrives (autograder/gradebook.py),
so a run that is stopped keeps what it graded.
"""

import contextlib
import ctypes
import logging
import os
import signal
import sys

import dask
from distributed.diagnostics.plugin import NannyPlugin, WorkerPlugin

from autograder.inside.limits import GRADING


@contextlib.contextmanager
def cluster(workers, scheduler=None, security=None):
    """A Dask client: to ``scheduler``, or to a local cluster of ``workers`` processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, security=security, timeout=f"{GRADING['connect_seconds']}s")
        except (OSError, TimeoutError, ValueError, TypeError) as error:   # TypeError: tls:// without its files
            raise SystemExit(f"could not reach the Dask scheduler at {scheduler} ({type(error).__name__}: "
                             f"{str(error)[:300]}). Is it running? A tls:// scheduler needs --tls-ca-file, "
                             f"--tls-cert and --tls-key.") from None
        with client:
            yield client
        return
    # The scheduler runs in this process: a submission is tried on GRADING["tries"] workers at most.
    with dask.config.set({"distributed.scheduler.allowed-failures": GRADING["tries"] - 1}), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                         dashboard_address=None, silence_logs=logging.ERROR) as local, \
            Client(local) as client:
        # A local cluster's processes end with the grade command, however it ends (killed too).
        client.register_plugin(DieWithParent())
        client.register_plugin(DieWithParentNanny())
        yield client


PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """Linux: this process is killed when the one that started it ends."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() == 1:   # it has ended already
            os._exit(1)


class DieWithParent(WorkerPlugin):
    """A local worker process ends with its nanny (and so its zygote and kernels with it)."""
    name = "course-die-with-parent"

    def setup(self, worker):
        _die_with_parent()


class DieWithParentNanny(NannyPlugin):
    """A local nanny ends with the grade command that started it."""
    name = "course-die-with-parent-nanny"

    def setup(self, nanny):
        _die_with_parent()


def tries(client):
    """How many workers a submission may take down before Dask gives up on it."""
    return 1 + client.run_on_scheduler(
        lambda: dask.config.get("distributed.scheduler.allowed-failures"))


def grade_all(client, todo, text_of, on_result):
    """Grade every submission of ``todo`` on the cluster, whose workers have the course's
    GradingPlugin (autograder/worker.py); ``on_result(s, result, flag)`` for each
    as it comes back. Returns ``{"inside": seconds spent inside grade_submission, "gaps": [seconds
    between the end of one submission and the start of the next on the same worker]}``: the gaps
    are Dask's own time per submission (scheduling, sending the submission and its result)."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker
    from tqdm.auto import tqdm

    from autograder.worker import grade_submission

    # Later notebooks train more: they go first, so that short ones fill the end of the run.
    waiting = sorted(todo, key=lambda s: (s.assignment, s.student), reverse=True)
    # As many submissions on the cluster as it has threads, no more: Dask counts a worker's death
    # against every task it holds, and a submission waiting behind one that kills workers must
    # not be flagged for it. The next one is sent before a result is written, so no worker waits.
    futures, running = {}, as_completed()

    def send_more():
        room = max(1, sum(client.nthreads().values())) - running.count()
        for _ in range(min(room, len(waiting))):
            s = waiting.pop(0)
            future = client.submit(grade_submission, s.student, s.assignment, text_of(s), pure=False)
            futures[future] = s
            running.add(future)

    limit, flagged, spans = tries(client), 0, []
    with tqdm(total=len(todo), desc="grading", unit="notebook") as bar:
        try:
            send_more()
            for future in running:
                send_more()
                s, result, flag = futures.pop(future), None, None
                try:
                    result = future.result()
                    flag = result.get("flag")
                    spans.append((result["worker"], result["began"], result["ended"], result["seconds"]))
                except KilledWorker:
                    flag = f"its grading took down {limit} worker processes (killed, or out of memory): not graded"
                except Exception as error:   # a fault of the grader's own: this row says so, the others go on
                    flag = f"grading failed: {type(error).__name__}: {str(error).strip()[:200]}"
                on_result(s, result, flag)
                flagged += flag is not None
                bar.set_postfix(flagged=flagged, refresh=False)
                bar.update(1)
        finally:   # stopped (Ctrl-C): nothing is left running on the cluster
            client.cancel(list(futures))
    return {"inside": sum(span[3] for span in spans), "gaps": _gaps(spans)}


def _gaps(spans):
    gaps = []
    for worker in {span[0] for span in spans}:
        mine = sorted(span[1:3] for span in spans if span[0] == worker)
        gaps += [max(0.0, began - ended) for (_, ended), (began, _) in zip(mine, mine[1:])]
    return gaps
