"""The by-hand guard (autograder/inside/guard.py), armed in a process of its own as a hidden test's process is.

An armed guard cannot be taken back (its audit hook stays), so each test runs a short
script in a fresh Python and reads what the guard reported.
"""

import json
import subprocess
import sys
import textwrap

from course import ROOT

ARM = """\
import json, sys, threading
import numpy, torch
import torch.nn.functional as F
from helpers import checks
from autograder.inside import guard

reports = []
check = guard.arm(reports.append, checks.{pattern}.pattern, "answer")

def attempt(name, call):
    try:
        call()
        outcome = "ran"
    except RuntimeError:
        outcome = "refused"
    print(json.dumps([name, outcome, len(reports)]), flush=True)
"""


def run(pattern, body):
    """[(name, outcome, reports so far)] of each attempt, the reports, and the exit code."""
    script = ARM.format(pattern=pattern) + textwrap.dedent(body) + \
        "\nprint(json.dumps(['reports', reports]), flush=True)\n"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("[")]
    reports = next((line[1] for line in lines if line[0] == "reports"), None)
    return [line for line in lines if line[0] != "reports"], reports, result


def test_every_way_to_reach_a_guarded_operator_is_refused_and_reported():
    attempts, reports, result = run("CONVOLUTION", """
        x, k = torch.randn(1, 1, 5, 5), torch.randn(1, 1, 3, 3)
        attempt("F.conv2d", lambda: F.conv2d(x, k))
        attempt("a name built at run time", lambda: getattr(F, "conv" + "2d")(x, k))
        attempt("nn.Conv2d", lambda: torch.nn.Conv2d(1, 1, 3)(x))
        attempt("the dispatcher's op", lambda: torch.ops.aten.convolution(
            x, k, None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1))
        attempt("exec", lambda: exec("import torch; torch.conv2d(x, k)", {"x": x, "k": k}))
        attempt("inference mode", lambda: torch.inference_mode()(lambda: F.conv2d(x, k))())
        def in_thread():
            t = threading.Thread(target=lambda: attempt("another thread", lambda: F.conv2d(x, k)))
            t.start(); t.join()
        in_thread()
        attempt("numpy", lambda: numpy.convolve([1.0, 2.0], [1.0]))
        attempt("what is not guarded", lambda: torch.matmul(x[0, 0], x[0, 0]))
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    outcomes = {name: outcome for name, outcome, _ in attempts}
    assert outcomes.pop("what is not guarded") == "ran"
    assert set(outcomes.values()) == {"refused"}, outcomes
    assert len(reports) >= len(outcomes)
    assert any("from another thread" in r for r in reports)
    assert all("answer uses" in r and "write by hand" in r for r in reports)


def test_a_kernel_of_ones_own_at_the_dispatcher_is_found_after_the_test():
    _, reports, result = run("CONVOLUTION", """
        library = torch.library.Library("aten", "IMPL")
        library.impl("convolution", lambda *args, **kwargs: torch.zeros(1), "CPU")
        check()
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    assert any("the guard was replaced" in r for r in reports), reports


def test_code_that_would_switch_the_guard_off_ends_the_process():
    for tampering in ("sys.setprofile(None)", "import gc; gc.get_objects()",
                      "f = lambda: 1\nf.__code__ = (lambda: 2).__code__"):
        attempts, _, result = run("CONVOLUTION", tampering + "\nattempt('after', lambda: None)\n")
        assert result.returncode == 71 and attempts == [], (tampering, result.returncode, result.stdout)


def test_disarmed_after_the_verdict_the_library_works_again():
    attempts, _, result = run("CONVOLUTION", """
        check.disarm()
        attempt("F.conv2d", lambda: F.conv2d(torch.randn(1, 1, 5, 5), torch.randn(1, 1, 3, 3)))
        attempt("numpy", lambda: numpy.convolve([1.0, 2.0], [1.0]))
        attempt("a trace function, now", lambda: sys.settrace(None))
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    assert [outcome for _, outcome, _ in attempts] == ["ran", "ran", "ran"]
