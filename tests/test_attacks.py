"""Submissions that try to cheat or break the autograder, each with the score it must get.

All of them, and two honest students, are graded together by the TA's one
command (``python -m autograder grade``, two workers), from an LMS-style folder
to the grades CSV. Every attack is built on notebook 01 (16 automatic points):
on the correct submission, or on the "flipped kernel" mistake that honestly
earns 9 (test_corr2d, test_corr2d_general and test_conv2d fail). An attack
earns exactly what the code it contains earns, never more; it cannot stop the
run, and it cannot change anyone else's grade.
"""

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from helpers import places

from course import read, release_path, scratch_course, solution_path, without_markers, wrong_answers
from test_pipeline import correct_submission, edited_notebook

pytestmark = pytest.mark.pipeline
NB = "01_convolution"
SECRET = "ta-secret-7f3a9c"   # in the TA's environment while grading: it must reach no student
FLIPPED_FAILS = ("test_corr2d", "test_corr2d_general", "test_conv2d")


# Only the release's cells and the answer cells run when grading: an attack's code goes in an
# answer cell (at its start, or after the answer, so that the answer is still defined).

def insert_before(nb, cell_id, source):
    """``source`` at the start of the answer cell ``cell_id``."""
    nb = nbformat.from_dict(nb)
    cell = next(c for c in nb.cells if c.get("id") == cell_id)
    cell.source = source + "\n" + cell.source
    return nb


def after_imports(nb, source):
    """``source`` after the first answer (corr2d), so that it runs first of the student's code."""
    nb = nbformat.from_dict(nb)
    cell = next(c for c in nb.cells if c.get("id") == "corr2d")
    cell.source = cell.source + "\n" + source
    return nb


def added_cell(nb, source, after="imports"):
    nb = nbformat.from_dict(nb)
    index = next(i for i, c in enumerate(nb.cells) if c.get("id") == after)
    nb.cells.insert(index + 1, nbformat.v4.new_code_cell(source))
    return nb


def replace_solution(nb, cell_id, source):
    nb = nbformat.from_dict(nb)
    next(c for c in nb.cells if c.get("id") == cell_id).source = source
    return nb


PATCH_COMPARISONS = """\
import builtins
import numpy
import torch
from helpers import checks, grading

numpy.allclose = lambda *a, **k: True
numpy.testing.assert_allclose = lambda *a, **k: None
torch.allclose = lambda *a, **k: True
torch.equal = lambda *a, **k: True
torch.testing.assert_close = lambda *a, **k: None
checks.check_close = lambda *a, **k: None
checks.check_equal = lambda *a, **k: None
checks.check_that = lambda *a, **k: None
checks.check_cases = lambda *a, **k: None
checks._close_problem = lambda *a, **k: (None, "ok")
grading.judge = lambda *a, **k: None
builtins.all = lambda *a, **k: True
"""

READ_GRADER_FILES = """\
import os
import helpers
from helpers import grading

# Where the course might be: beside the installed helpers, on PYTHONPATH, where references go.
roots = {os.path.dirname(os.path.dirname(helpers.__file__))}
roots.update(p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)
if os.environ.get("COURSE_GRADING"):
    roots.add(os.path.dirname(os.environ["COURSE_GRADING"].rstrip("/")))
for root in roots:
    for name in ["solutions/01_convolution/01_convolution.ipynb", "grading/01_convolution/references.pt",
                 "grading/01_convolution/judges.py", "work/gradebook.db"]:
        try:
            print(open(os.path.join(root, name), "rb").read()[:100])
        except OSError as error:
            print(error)
    try:   # and spoil another student's work
        with open(os.path.join(root, "autograder/submitted/honest/01_convolution/01_convolution.ipynb"), "w") as f:
            f.write("{}")
    except OSError as error:
        print(error)
"""

HARD_CODED = '''\
def params_fully_connected(in_shape, out_shape):
    return 2_635_670_400


def params_locally_connected(out_shape, kernel_size, in_channels):
    return 105_705_600


def params_convolution(kernel_size, in_channels, out_channels):
    return 34_944
'''

LIBRARY_CORR2D = '''\
import torch.nn.functional as F


def corr2d(x, k):
    return F.conv2d(x[None, None], k[None, None])[0, 0]
'''

DISARM_BY_HAND = """\
import sys
from helpers import checks
checks.check_by_hand = lambda fn, *args, **kwargs: fn(*args)
sys.setprofile = lambda *args: None
"""

SWALLOW_INTERRUPTS = """\
import time
while True:
    try:
        time.sleep(0.5)
    except KeyboardInterrupt:
        pass
"""


# Every answer written into the first answer cell, with a hook that keeps the later (blank)
# answer cells from running: in one process for the whole notebook, that earned every point.
SKIP_LATER_CELLS = """\
ip = get_ipython()
run_cell = ip.run_cell
def skip_blank_answers(source, *args, **kwargs):
    if "raise NotImplementedError" in source:
        return None
    return run_cell(source, *args, **kwargs)
ip.run_cell = skip_blank_answers
"""

# The course's by-hand check given new code (the same function object), which calls the library.
REPLACE_CHECK_CODE = """\
import torch.nn.functional as F
from helpers import checks
def library(fn, x, k, **kwargs):
    return F.conv2d(x[None, None], k[None, None])[0, 0]
checks.check_by_hand.__code__ = library.__code__
"""

# A "done" with the running cell's live token, sent for the hidden tests' cell before they run.
FORGE_DONE = """\
import json, struct
from helpers import grading
ip = get_ipython()
run_cell = ip.run_cell
def forged(source, *args, **kwargs):
    if "hidden_tests" not in source:
        return run_cell(source, *args, **kwargs)
    data = json.dumps({"op": "done", "cell": grading._channel.cell, "events": [],
                       "outputs": [{"output_type": "stream", "name": "stdout", "text": "passed"}]}).encode()
    grading._channel.sock.sendall(struct.pack(">Q", len(data)) + data)
ip.run_cell = forged
"""

# "By hand", with the library reached in ways that no reading of the code finds.
BY_HAND_NAME_AT_RUN_TIME = """\
import torch.nn.functional as F


def corr2d(x, k):
    return getattr(F, "conv" + "2" + "d")(x[None, None], k[None, None])[0, 0]
"""

BY_HAND_THREAD = """\
import threading
import torch.nn.functional as F


def corr2d(x, k):
    out = []
    thread = threading.Thread(target=lambda: out.append(getattr(F, "conv" + "2d")(x[None, None], k[None, None])))
    thread.start()
    thread.join()
    return out[0][0, 0]
"""

BY_HAND_EXEC = """\
import base64


def corr2d(x, k):
    space = {"x": x, "k": k}
    # import torch; y = torch.conv2d(x[None, None], k[None, None])[0, 0]
    exec(base64.b64decode("aW1wb3J0IHRvcmNoCnkgPSB0b3JjaC5jb252MmQoeFtOb25lLCBOb25lXSwga1tOb25lLCBOb25lXSlbMCwgMF0="),
         space)
    return space["y"]
"""

BY_HAND_DISPATCHER_OP = """\
import torch


def corr2d(x, k):
    op = getattr(torch.ops.aten, "convol" + "ution")
    return op(x[None, None], k[None, None], None, [1, 1], [0, 0], [1, 1], False, [0, 0], 1)[0, 0]
"""

BY_HAND_PROFILE_OFF = """\
import sys
import torch.nn.functional as F


def corr2d(x, k):
    sys.setprofile(None)   # the profile hook that used to watch for library calls
    return getattr(F, "conv" + "2d")(x[None, None], k[None, None])[0, 0]
"""

PRINT_ENVIRONMENT = """\
import os
print(dict(os.environ))
"""

# Memory that no process maps: files in memory (memfd), each under the file-size limit, their
# pages taken at once (fallocate), so that even a busy machine gets there within the time limit.
MEMORY_IN_MEMFD = """\
import os, time
files = []
for _ in range(8):   # 8 files of 240 MB: 1.9 GB
    fd = os.memfd_create("hog")
    os.posix_fallocate(fd, 0, 240 * 2**20)
    files.append(fd)
time.sleep(30)
"""

# Not an attack: an answer that uses a function another answer cell defines (corr2d), which
# is not there when its test runs alone. It loses its own points, and is told why by name.
USES_ANOTHER_ANSWER = """\
def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    plain = corr2d   # kept for the plain case, but defined in corr2d's answer cell
    out = []
    for b in range(x.shape[0]):
        maps = []
        for o in range(weight.shape[0]):
            total = sum(corr2d_general(x[b, c], weight[o, c], stride, padding, dilation)
                        for c in range(x.shape[1]))
            maps.append(total + (bias[o] if bias is not None else 0))
        out.append(torch.stack(maps))
    return torch.stack(out)
"""

# Eight "figures" of 6 MB each (base64 of random bytes shown as PNG).
HUGE_IMAGES = """\
import base64, os
from IPython.display import display
for _ in range(8):
    display({"image/png": base64.b64encode(os.urandom(6 * 2**20)).decode()}, raw=True)
"""

FORGE_MESSAGES = """\
# Messages written straight to the grader's socket: a "done" for every cell to come, and
# records of every hidden test, made with the library.
import json, struct
from helpers import grading
sock = grading._channel.sock
def frame(message):
    data = json.dumps(message).encode()
    return struct.pack(">Q", len(data)) + data
for key in grading._channel.inputs["01_convolution"]:
    sock.sendall(frame({"op": "record", "notebook": "01_convolution", "key": key, "records": []}))
    sock.sendall(frame({"op": "done", "outputs": [], "events": []}))
"""

ESCAPE_SANDBOX = f"""\
import glob, os, pathlib, site, subprocess, helpers
CACHE = {str(places.cache_dir())!r}
cache = pathlib.Path(CACHE)   # the course's data cache: writable for the zygote, read-only for kernels
tries = ["mount -o remount,rw /", "unshare -Urm sh -c 'mount -o remount,rw / && touch /remounted'",
         "umount -l /tmp", f"unshare -Urm sh -c 'umount -l {{cache}} ; touch {{cache}}/poisoned'"]
for command in tries:
    print(command, subprocess.run(command, shell=True, capture_output=True, text=True).returncode)
for target in [os.path.join(os.path.dirname(helpers.__file__), "__init__.py"), str(cache / "poisoned"),
               *[os.path.join(p, "zzz_course_attack.pth") for p in site.getsitepackages()]]:
    try:
        with open(target, "a") as f:
            f.write("\\nimport os; os.environ['PWNED'] = '1'\\n")
        print("WROTE", target)
    except OSError as error:
        print("refused:", error)
print("capabilities:", open("/proc/self/status").read().split("CapEff:")[1].split()[0])
"""

READ_OTHERS = """\
import glob, os
found = [p for top in ("/tmp", "/root", "/home", "/work", os.path.expanduser("~"))
         for p in glob.glob(top + "/**/*.ipynb", recursive=True)] + glob.glob("/tmp/**/*.zip", recursive=True)
print("FOUND", found)
"""

OUTLIVE = """\
import subprocess
subprocess.Popen(["sleep", "617"], start_new_session=True)
"""

MANY_PROCESSES = """\
# Threads count as processes for the limit, and start in microseconds where a fork of a
# kernel with torch loaded takes milliseconds.
import threading
threading.stack_size(64 * 1024)   # small stacks: the process limit is what stops it, not memory
stop, started = threading.Event(), []
try:
    for _ in range(1000):
        thread = threading.Thread(target=stop.wait)
        thread.start()
        started.append(thread)
except RuntimeError:   # "can't start new thread"
    pass
print("PROCESSES", len(started))
stop.set()
for thread in started:
    thread.join()
"""

MEMORY_IN_CHILDREN = """\
import os, time
children = []
for _ in range(3):
    pid = os.fork()
    if pid == 0:
        hog = bytearray(700 * 2**20)
        for i in range(0, len(hog), 4096):
            hog[i] = 1
        time.sleep(60)
        os._exit(0)
    children.append(pid)
time.sleep(30)
"""

SCRIPTS = ('<script>alert("x")</script> <img src=x onerror="alert(1)"> '
           '[click](javascript:alert(2)) Cross-correlation slides the kernel as it is.')


def edited_metadata(nb):
    """A test cell turned into markdown, another marked as not graded, and a new graded cell."""
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id == "test_corr2d":
            cell.cell_type = "markdown"
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
        elif grade_id == "test_pad2d":
            cell.metadata.nbgrader.grade = False
    extra = nbformat.v4.new_code_cell("print('my own test')")
    extra.metadata["nbgrader"] = {"grade": True, "grade_id": "my_test", "points": 5, "solution": False,
                                  "locked": False, "schema_version": 3}
    nb.cells.append(extra)
    return nb


def written_answer(nb, text):
    nb = nbformat.from_dict(nb)
    next(c for c in nb.cells if c.get("id") == "q1_flip").source = text
    return nb


def submissions():
    """{student: (notebook, automatic points it must get, words its flags must contain)}."""
    release = read(release_path(NB))
    correct = correct_submission(release, read(solution_path(NB)))
    flipped = edited_notebook(correct, wrong_answers(NB)["flipped_kernel"][0])

    edited = nbformat.from_dict(flipped)
    for cell in edited.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") in FLIPPED_FAILS:
            cell.source = "pass"
            cell.metadata.nbgrader.points = 100
    deleted = nbformat.from_dict(flipped)
    deleted.cells = [c for c in deleted.cells
                     if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") not in FLIPPED_FAILS]

    return {
        "honest": (correct, 16, []),
        "honest_too": (correct, 16, []),
        "patched_comparisons": (after_imports(flipped, PATCH_COMPARISONS), 9,
                                ["replaced numpy.allclose", "replaced helpers.checks.check_close",
                                 "replaced builtins.all"]),
        "edited_tests": (edited, 9, ["test_corr2d: locked cell edited", "points changed"]),
        "deleted_tests": (deleted, 9, ["test_conv2d: deleted"]),
        "reads_grader_files": (after_imports(release, READ_GRADER_FILES), 0,
                               ["tried to open"]),
        "hard_coded": (replace_solution(correct, "parameters", HARD_CODED), 14, []),
        "infinite_loop": (after_imports(correct, "while True:\n    pass"), 16, ["time limit"]),
        # Allocations past the address-space limit, each refused at once (their pages never touched,
        # so that a busy machine meets the limit well within the time limit): PyTorch's allocator
        # raises a RuntimeError, NumPy a MemoryError of its own; the TA is told of both alike.
        "memory_bomb": (after_imports(correct, "hog = [torch.empty(2**28, dtype=torch.uint8) for _ in range(10**4)]"),
                        16, ["ran out of memory"]),
        "memory_bomb_numpy": (after_imports(correct, "import numpy\nhog = [numpy.empty(2**28, numpy.uint8) "
                                                     "for _ in range(10**4)]"), 16, ["ran out of memory"]),
        # An answer that ends or wrecks its process costs its own test only (2 points), never the
        # tests after it: each runs in a process of its own.
        "exits": (insert_before(correct, "parameters", "import os\nos._exit(0)"), 14,
                  ["parameters: the process stopped"]),
        # A segmentation fault: the process dies. (A signal it sends itself would not do: as
        # process 1 of its own PID namespace the kernel ignores signals it has no handler for.)
        "crashes_kernel": (insert_before(correct, "parameters", "import ctypes\nctypes.string_at(0)"), 14,
                           ["parameters: the process stopped"]),
        "swallows_interrupt": (insert_before(correct, "parameters", SWALLOW_INTERRUPTS), 14,
                               ["ignored the interrupt", "catches KeyboardInterrupt"]),
        "huge_output": (after_imports(correct, "print('x' * 100_000_000)"), 16, []),
        "huge_images": (after_imports(correct, HUGE_IMAGES), 16, []),
        "library_by_hand": (replace_solution(correct, "corr2d", LIBRARY_CORR2D), 14,
                            ["test_corr2d: corr2d uses torch's aten::conv2d"]),
        "library_by_hand_guard_disarmed": (
            insert_before(replace_solution(correct, "corr2d", LIBRARY_CORR2D), "corr2d", DISARM_BY_HAND), 14,
            ["replaced helpers.checks.check_by_hand", "corr2d uses torch's aten::conv2d"]),
        "by_hand_name_at_run_time": (replace_solution(correct, "corr2d", BY_HAND_NAME_AT_RUN_TIME), 14,
                                     ["corr2d uses torch's aten::conv2d"]),
        "by_hand_thread": (replace_solution(correct, "corr2d", BY_HAND_THREAD), 14,
                           ["aten::conv2d from another thread"]),
        "by_hand_exec": (replace_solution(correct, "corr2d", BY_HAND_EXEC), 14, ["corr2d uses torch's aten::"]),
        "by_hand_dispatcher_op": (replace_solution(correct, "corr2d", BY_HAND_DISPATCHER_OP), 14,
                                  ["corr2d uses torch's aten::convolution"]),
        "by_hand_profile_off": (replace_solution(correct, "corr2d", BY_HAND_PROFILE_OFF), 14,
                                ["corr2d uses code that set a profile function"]),
        # One answer cell that holds every answer (but learn_kernel's, which calls F.conv2d, not
        # allowed in corr2d's cell) and keeps the others from running: its own points only.
        "skips_later_cells": (insert_before(replace_solution(release, "corr2d", "\n\n".join(
            without_markers(c.source) for c in read(solution_path(NB)).cells
            if c.get("metadata", {}).get("nbgrader", {}).get("solution") and c.cell_type == "code"
            and c.get("id") != "learn_kernel")), "corr2d", SKIP_LATER_CELLS), 2,
            ["replaced the notebook's shell.run_cell"]),
        "replaces_check_code": (after_imports(flipped, REPLACE_CHECK_CODE), 9,
                                ["corr2d uses code that replaced a function's __code__"]),
        "forges_done": (after_imports(release, FORGE_DONE), 0, ["replaced the notebook's shell.run_cell"]),
        "prints_environment": (after_imports(correct, PRINT_ENVIRONMENT), 16, []),
        "uses_another_answer": (replace_solution(correct, "conv2d", USES_ANOTHER_ANSWER), 13, []),
        "memory_in_memfd": (insert_before(correct, "parameters", MEMORY_IN_MEMFD), 14,
                            ["processes together used"]),
        # The answers written in a cell of its own, which is never run: they earn nothing.
        "answers_in_added_cell": (added_cell(release, "\n\n".join(
            without_markers(c.source) for c in read(solution_path(NB)).cells
            if c.get("metadata", {}).get("nbgrader", {}).get("solution") and c.cell_type == "code")), 0,
            ["1 code cell(s) added by the student: not run"]),
        "forges_messages": (insert_before(release, "corr2d", FORGE_MESSAGES), 0,
                            ["outside the course's own channel"]),
        "escapes_sandbox": (after_imports(correct, ESCAPE_SANDBOX), 16, []),
        "outlives_the_run": (after_imports(correct, OUTLIVE), 16, []),
        "reads_others": (after_imports(correct, READ_OTHERS), 16, []),
        "many_processes": (after_imports(correct, MANY_PROCESSES), 16, []),
        "memory_in_children": (insert_before(correct, "parameters", MEMORY_IN_CHILDREN), 14,
                               ["processes together used"]),
        "edited_metadata": (edited_metadata(correct), 16, ["test_corr2d: turned into a markdown cell"]),
        "script_in_answer": (written_answer(correct, SCRIPTS), 16, []),
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = scratch_course(tmp_path_factory.mktemp("course"))
    folder = course / "lms_download"
    expected = submissions()
    for student, (nb, _, _) in expected.items():
        (folder / student).mkdir(parents=True)
        nbformat.write(nb, folder / student / f"{NB}.ipynb")
    # Files that are not graded, each reported by name: a link to the solutions, too large, too many cells.
    (folder / "linker").mkdir()
    (folder / "linker" / f"{NB}.ipynb").symlink_to(solution_path(NB))
    (folder / "huge").mkdir()
    big = nbformat.from_dict(expected["honest"][0])
    big.cells[0].source += "x" * (21 * 2**20)
    nbformat.write(big, folder / "huge" / f"{NB}.ipynb")
    (folder / "many_cells").mkdir()
    many = nbformat.from_dict(expected["honest"][0])
    many.cells += [nbformat.v4.new_markdown_cell("more") for _ in range(2000)]
    nbformat.write(many, folder / "many_cells" / f"{NB}.ipynb")
    result = subprocess.run(
        [sys.executable, "-m", "autograder", "grade", str(folder), "--workers", "2",
         "--cell-timeout", "5", "--memory-mb", "1024", "--csv", str(course / "grades.csv")],
        cwd=course, capture_output=True, text=True, timeout=1200,
        env=dict(os.environ, TA_API_TOKEN=SECRET, LMS_PASSWORD=SECRET))
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    with open(course / "grades.csv", newline="") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    return course, expected, rows, result.stdout


def test_every_attack_gets_exactly_the_points_its_code_earns(graded):
    _, expected, rows, _ = graded
    wrong = {student: (rows.get(student, {}).get("points"), points)
             for student, (_, points, _) in expected.items()
             if student not in rows or float(rows[student]["points"]) != points}
    assert not wrong, f"(got, expected) points: {wrong}"


@pytest.mark.parametrize("student", [s for s, (_, _, words) in submissions().items() if words])
def test_the_attack_is_flagged_for_the_ta(graded, student):
    course, expected, rows, _ = graded
    # The CSV shows the first few of what the run reported; the review file has them all.
    review = course / "work" / "review" / student / f"{NB}.json"
    flags = rows[student]["flags"] + "; ".join(json.loads(review.read_text())["flags"])
    for words in expected[student][2]:
        assert words in flags, f"{student}: {words!r} not in its flags: {flags}"


def test_honest_students_get_no_suspicion_flags(graded):
    _, _, rows, _ = graded
    for student in ("honest", "honest_too", "hard_coded", "prints_environment"):
        flags = rows[student]["flags"].replace("written answers to grade by hand", "").strip("; ")
        assert flags == "", f"{student} was flagged: {flags}"


def test_no_kernel_could_touch_another_students_work(graded):
    course, _, _, _ = graded
    ours = course / "work" / "submitted" / "honest" / NB / f"{NB}.ipynb"
    theirs = course / "work" / "submitted" / "honest_too" / NB / f"{NB}.ipynb"
    # Both were correct, and both are graded from the same rebuilt notebook, untouched by any kernel.
    assert hashlib.sha256(ours.read_bytes()).digest() == hashlib.sha256(theirs.read_bytes()).digest()


def printed(course, student, marker):
    """What the graded cell holding ``marker`` printed."""
    autograded = read(course / "work" / "autograded" / student / NB / f"{NB}.ipynb")
    cell = next(c for c in autograded.cells if c.cell_type == "code" and marker in c.source)
    return "".join(o.get("text", "") for o in cell.outputs)


def test_the_kernel_cannot_undo_its_sandbox(graded):
    import site

    import helpers

    course, _, _, _ = graded
    out = printed(course, "escapes_sandbox", "tries = [")
    assert "WROTE" not in out and "refused:" in out, out
    assert "capabilities: 0000000000000000" in out, out
    assert "PWNED" not in (Path(helpers.__file__)).read_text()
    assert not any((Path(p) / "zzz_course_attack.pth").exists() for p in site.getsitepackages())
    assert not (places.cache_dir() / "poisoned").exists()


def test_a_kernel_has_a_bounded_number_of_processes(graded):
    from autograder import sandbox
    if not sandbox.processes_bounded():
        pytest.skip("grading as root where no pids cgroup can be made: Linux does not apply RLIMIT_NPROC "
                    "to root, so nothing bounds a kernel's process count here")
    course, _, _, _ = graded
    out = printed(course, "many_processes", "PROCESSES")
    started = int(out.split("PROCESSES")[1].split()[0])
    assert 0 < started < 256, out


def test_no_process_outlives_the_run(graded):
    left = subprocess.run(["pgrep", "-f", "sleep 617"], capture_output=True, text=True)
    assert left.stdout.strip() == "", f"still running after the grade command: {left.stdout}"


def test_no_other_submission_or_checkout_is_visible(graded):
    course, _, _, _ = graded
    out = printed(course, "reads_others", "FOUND")
    assert "FOUND []" in out, out


def test_files_that_cannot_be_graded_are_named_with_the_reason(graded):
    _, _, rows, stdout = graded
    assert "linker" not in rows and "huge" not in rows and "many_cells" not in rows
    assert f"linker/{NB}.ipynb: a link, not a file" in stdout
    assert f"huge/{NB}.ipynb: too large to grade" in stdout
    assert f"many_cells/{NB}.ipynb: 2," in stdout and "cells, more than" in stdout


def test_feedback_and_formgrader_get_no_live_script(graded):
    course, _, _, _ = graded
    for folder in ("feedback", "autograded", "submitted"):
        path = next((course / "work" / folder / "script_in_answer" / NB).glob("*.*"))
        text = path.read_text()
        assert "Cross-correlation slides the kernel" in text   # the answer is there, as text
        # The words may be shown, escaped, as text; never as a tag or a link.
        live = re.findall(r"<script>alert|<img[^>]*onerror|href=[\"']?javascript:", text, re.IGNORECASE)
        assert not live, f"{folder}: {live} in {path.name}"


def test_huge_output_is_cut_short_in_the_graded_notebook(graded):
    course, _, _, _ = graded
    autograded = course / "work" / "autograded" / "huge_output" / NB / f"{NB}.ipynb"
    assert autograded.stat().st_size < 2_000_000
    assert "more characters not kept" in autograded.read_text()
    for folder, name in (("autograded", f"{NB}.ipynb"), ("feedback", f"{NB}.html")):
        path = course / "work" / folder / "huge_images" / NB / name
        assert path.stat().st_size < 5 * 2**20, f"{folder}: {path.stat().st_size:,} bytes"
    assert "output not kept" in path.read_text()


def test_the_grader_files_could_not_be_read(graded):
    course, _, _, _ = graded
    autograded = read(course / "work" / "autograded" / "reads_grader_files" / NB / f"{NB}.ipynb")
    attack = next(c for c in autograded.cells if c.cell_type == "code" and "spoil" in c.source)
    printed = "".join(o.get("text", "") for o in attack.outputs)
    assert "No such file or directory" in printed
    for content in ('"cells"', "PK", "SQLite", "def corr2d", "Judges for the hidden"):
        assert content not in printed, f"the kernel read a grader file: {printed[:500]}"


def test_nothing_of_the_tas_environment_reaches_a_kernel(graded):
    course, _, rows, stdout = graded
    assert "HOME" in printed(course, "prints_environment", "print(dict(os.environ))")   # it did print
    for folder in ("autograded", "feedback", "review"):
        for path in (course / "work" / folder).rglob("*"):
            if path.is_file():
                assert SECRET not in path.read_text(errors="replace"), path
    assert SECRET not in (course / "grades.csv").read_text() and SECRET not in stdout


def test_a_later_test_never_sees_what_an_earlier_answer_did(graded):
    course, _, _, _ = graded
    autograded = read(course / "work" / "autograded" / "skips_later_cells" / NB / f"{NB}.ipynb")
    pad2d_test = next(c for c in autograded.cells if c.get("metadata", {}).get("nbgrader", {}).get(
        "grade_id") == "test_pad2d")
    text = json.dumps(pad2d_test.outputs)
    assert "HiddenTestFailed" in text and "NotImplementedError" in text, text[:1000]


def test_an_answer_that_needs_another_answer_cell_is_told_so_by_name(graded):
    course, _, _, _ = graded
    html = (course / "work" / "feedback" / "uses_another_answer" / NB / f"{NB}.html").read_text()
    assert "uses <code>corr2d</code>" in html or "uses `corr2d`, which another answer cell (corr2d) defines" in html
