"""Hostile files cost only their own row; names reach the terminal and the CSV escaped.

Each test makes its hostile file itself and checks, unit by unit (reading a
notebook, parsing student code, extracting a zip, preparing, writing the CSV),
that it becomes that file's reason or flag and that the others are read as
usual. One subprocess measures the grade command's own process on all of them
(under 500 MB), and one test runs the real grade command on them beside an
honest student.
"""

import csv
import io
import json
import re
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder import collect, findings, prepare, report, submission, unzip
from autograder.paths import Work
from autograder.findings import csv_cell, parse_student_code, printable
from autograder.inside.limits import FILES
from course import read, release_path, scratch_course, solution_path
from test_pipeline import correct_submission

NB = "01_convolution"
ESC = "\x1b"
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def honest():
    return correct_submission(read(release_path(NB)), read(solution_path(NB)))


def known():
    return {NB: collect.grade_ids(read(solution_path(NB)))}


def with_answer(nb, cell_id, source):
    nb = nbformat.from_dict(nb)
    next(c for c in nb.cells if c.get("id") == cell_id).source = source
    return nb


def with_added_cell(nb, source, cell_type="code"):
    nb = nbformat.from_dict(nb)
    new = nbformat.v4.new_code_cell if cell_type == "code" else nbformat.v4.new_markdown_cell
    nb.cells.insert(3, new(source))
    return nb


# Expressions that Python's own parser gives up on (RecursionError, MemoryError) or that parse
# into a tree deeper than a recursive walk can take.
DEEP_CODE = {
    "unary minus": "x = " + "-" * 100_000 + "1",
    "a long sum": "x = " + "1+" * 5_000 + "1",
    "attributes": "x = y" + ".a" * 5_000,
    "calls": "x = f" + "()" * 5_000,
    "subscripts": "x = y" + "[0]" * 5_000,
    "lambdas": "x = " + "lambda: " * 50_000 + "0",
    "conditionals": "x = " + "a if b else " * 50_000 + "c",
    "just parseable": "x = " + "1+" * 900 + "1",   # parses, but 900 deep
}


def deep_json_notebooks():
    """{file name: bytes} of notebooks whose JSON is too deep or too long to read."""
    nb = json.loads(nbformat.writes(honest()))
    deep_metadata = json.loads(json.dumps(nb))
    deep_metadata["cells"][0]["metadata"]["x"] = json.loads("[" * 500 + "]" * 500)
    return {
        "arrays.ipynb": b"[" * 100_000 + b"]" * 100_000,                  # 200 kB of nested arrays
        "objects.ipynb": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        "unclosed.ipynb": b"[" * 100_000,
        "deep_metadata.ipynb": json.dumps(deep_metadata).encode(),
        "many_values.ipynb": b'{"cells": [' + b"{}," * 2_000_000 + b"{}]}",
    }


@pytest.fixture()
def work(tmp_path):
    """A grading run's work folder in a scratch place, with the release of NB."""
    work = Work(tmp_path)
    work.release_file(NB).parent.mkdir(parents=True)
    work.release_file(NB).write_bytes(release_path(NB).read_bytes())
    return work


# Reading a notebook

def test_deep_or_long_json_is_that_file_s_reason(tmp_path):
    folder = tmp_path / "lms"
    folder.mkdir()
    for name, data in deep_json_notebooks().items():
        (folder / name).write_bytes(data)
    nbformat.write(honest(), folder / f"alice_{NB}.ipynb")
    started = time.perf_counter()
    found, problems = collect.collect(folder, known())
    assert time.perf_counter() - started < 30
    assert [s.student for s in found] == ["alice"]
    reasons = dict(problems)
    for name in ("arrays.ipynb", "objects.ipynb", "unclosed.ipynb", "deep_metadata.ipynb"):
        assert "nested too deeply" in reasons[name], reasons[name]
    assert "too many values" in reasons["many_values.ipynb"]


def test_brackets_and_escaped_quotes_in_strings_are_only_text(tmp_path):
    nb = with_answer(honest(), "q1_flip", 'He wrote \\"' + "[{" * 5_000 + '\\\\" and "]]"')
    path = tmp_path / f"bob_{NB}.ipynb"
    nbformat.write(nb, path)
    read_back, flags, reason = collect.read_notebook(path)
    assert reason is None and flags == []
    assert collect.json_problem(path.read_bytes()) is None


@pytest.mark.parametrize("content", [
    [], {"nbformat": 4}, {"nbformat": 4, "cells": "no"}, {"nbformat": 5, "cells": []}, "text", 1,
])
def test_json_that_is_no_notebook_is_a_reason(tmp_path, content):
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps(content))
    nb, _, reason = collect.read_notebook(path)
    assert nb is None and "not a Jupyter notebook" in reason


def test_malformed_cells_are_read_as_absent(tmp_path):
    nb = json.loads(nbformat.writes(honest()))
    nb["cells"][:0] = [1, None, {"cell_type": "code", "source": 5, "id": "x" * 500},
                       {"cell_type": "markdown", "source": ["a", 2]}, {"cell_type": "widget"},
                       {"cell_type": "code", "source": "print(1)", "metadata": {"nbgrader": [1]}}]
    nb["cells"][-1]["metadata"]["nbgrader"] = {"grade_id": {"nested": 1}, "points": [1, 2]}
    path = tmp_path / f"carol_{NB}.ipynb"
    path.write_text(json.dumps(nb))
    read_back, _, reason = collect.read_notebook(path)
    assert reason is None
    assert len(read_back.cells) == len(nb["cells"]) - 3
    assert "id" not in read_back.cells[0] and read_back.cells[0].source == ""
    assert read_back.cells[-1].metadata.nbgrader == {}


def test_what_is_kept_is_cut_to_its_limits_and_says_so():
    nb = with_answer(honest(), "q1_flip", "word " * 800_000)             # a 4 MB written answer
    nb = with_added_cell(nb, "x = 1\n" * 30_000)                          # a 180 kB added cell
    kept, flags = submission.handed_in(json.loads(nbformat.writes(nb)))
    answer = next(c for c in kept.cells if c.get("id") == "q1_flip")
    assert len(answer.source) <= FILES["markdown_chars"]
    assert "more characters cut when grading" in answer.source
    assert f"q1_flip: 4,000,000 characters, cut to {FILES['markdown_chars']:,}" in flags
    assert any(f"cut to {FILES['cell_chars']:,}" in f for f in flags)
    assert all("outputs" not in c or c.outputs == [] for c in kept.cells)
    total = sum(len(c.source) for c in kept.cells)
    assert total <= FILES["source_chars"] + 200 * len(kept.cells)


def test_a_huge_written_answer_is_prepared_in_bounded_time(work):
    attack = "<b>" + "<i>x</i> " * 500_000 + "*a " * 100_000    # 4.8 MB, HTML and emphasis
    nb = with_answer(honest(), "q1_flip", attack)
    kept, flags = submission.handed_in(json.loads(nbformat.writes(nb)))
    s = collect.Submission("mallory", NB, "mallory.ipynb", flags=flags, notebook=kept)
    started = time.process_time()
    prepare.prepare([s], work)
    assert time.process_time() - started < 20
    assert not s.failed and s.notebook is None
    graded = read(work.submitted_file("mallory", NB))
    answer = next(c for c in graded.cells if c.get("id") == "q1_flip")
    assert len(answer.source) < 2 * FILES["markdown_chars"] and "characters cut" in answer.source


def test_rendering_that_takes_too_long_shows_the_text_escaped(monkeypatch):
    monkeypatch.setitem(FILES, "markdown_seconds", 0.01)
    shown = submission.sanitized("<script>alert(1)</script> " + "<b>x</b> " * 2_000)
    assert shown.startswith("<pre>") and "&lt;script&gt;" in shown and "<script" not in shown


# Parsing student code

@pytest.mark.parametrize("name", DEEP_CODE)
def test_deep_code_is_never_parsed_past_its_limits(name):
    problems = []
    assert parse_student_code(DEEP_CODE[name], problems) is None
    assert len(problems) == 1 and "not read" in problems[0], problems
    assert findings.library_calls(DEEP_CODE[name], re.compile("conv2d")) == []


def test_bounded_parse_reads_ordinary_code():
    assert parse_student_code("%matplotlib inline\nimport torch\n!ls\nx = torch.ones(3)") is not None
    problems = []
    assert parse_student_code("def f(:", problems) is None and problems == []   # fails when run
    assert parse_student_code("x = 1\0", problems) is None
    # Python's tokenizer refuses over 200 nested brackets: a syntax error, which fails when run.
    assert parse_student_code("x = " + "(" * 5_000 + ")" * 5_000, problems) is None and problems == []
    assert parse_student_code("x = 1\n" * 50_000, problems) is None and "characters" in problems[-1]


def test_deep_code_in_answer_and_added_cells_is_flagged_and_prepared(work):
    nb = with_answer(honest(), "corr2d", DEEP_CODE["a long sum"])
    nb = with_added_cell(nb, DEEP_CODE["unary minus"])
    kept, flags = submission.handed_in(json.loads(nbformat.writes(nb)))
    s = collect.Submission("deep", NB, "deep.ipynb", flags=flags, notebook=kept)
    prepare.prepare([s], work)
    assert not s.failed
    assert any(f.startswith("corr2d: code") and "not read" in f for f in s.flags), s.flags
    assert any(f.startswith("cell 4: code too deeply nested") for f in s.flags), s.flags


def test_a_submission_that_cannot_be_prepared_costs_only_its_row(work, monkeypatch):
    good = collect.Submission("alice", NB, "alice.ipynb", notebook=honest())
    bad = collect.Submission("zed", NB, "zed.ipynb", notebook=honest())
    rebuild = submission.rebuild

    def failing(nb, release, course=None):
        if nb is bad.notebook:
            raise RecursionError("maximum recursion depth exceeded")
        return rebuild(nb, release, course)

    monkeypatch.setattr(submission, "rebuild", failing)
    prepare.prepare([bad, good], work)
    assert bad.failed.startswith("could not be prepared for grading (RecursionError")
    assert not good.failed and work.submitted_file("alice", NB).is_file()
    rows = report.write_csv([bad, good], work.csv, work, work.db_url)
    assert [r["student"] for r in rows] == ["alice", "zed"]
    assert rows[1]["points"] == "" and "could not be prepared" in rows[1]["flags"]


# Zip files

def zipped(members, compression=zipfile.ZIP_DEFLATED):
    """A zip file's bytes with ``members`` ({name: bytes})."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as z:
        for name, data in members.items():
            z.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


def lying(data, member, size):
    """``data`` with ``member``'s uncompressed size in the zip's central directory set to ``size``."""
    data, entry = bytearray(data), -1
    while True:   # a central directory entry: its name at 46, its uncompressed size at 24
        entry = data.index(b"PK\x01\x02", entry + 1)
        if data[entry + 46:entry + 46 + len(member)] == member.encode():
            data[entry + 24:entry + 28] = size.to_bytes(4, "little")
            return bytes(data)


def corrupt(data, member):
    """``data`` with bytes in the middle of ``member``'s compressed data changed."""
    data, entry = bytearray(data), -1
    while True:   # a local header: its name at 30, its data after the name and the extra field
        entry = data.index(b"PK\x03\x04", entry + 1)
        if data[entry + 30:entry + 30 + len(member)] == member.encode():
            start = entry + 30 + len(member) + int.from_bytes(data[entry + 28:entry + 30], "little") + 20
            data[start:start + 40] = bytes(range(40))
            return bytes(data)


def extract(tmp_path, data):
    (tmp_path / "lms.zip").write_bytes(data)
    into = tmp_path / "out"
    into.mkdir()
    problems = dict(unzip.unzip(tmp_path / "lms.zip", into))
    return into, problems


def test_zip_members_whose_data_or_headers_lie_cost_only_themselves(tmp_path):
    notebook = nbformat.writes(honest()).encode()
    data = zipped({"alice/nb.ipynb": notebook, "liar_small/nb.ipynb": notebook,
                   "liar_large/nb.ipynb": notebook})
    data = lying(lying(data, "liar_small/nb.ipynb", 100), "liar_large/nb.ipynb", 2**32 - 1)
    into, problems = extract(tmp_path, data)
    assert (into / "alice" / "nb.ipynb").read_bytes() == notebook
    assert "Bad CRC-32" in problems["liar_small/nb.ipynb"]
    # A size of 4 GB is not believed either way: the data is read as it is, and it is a notebook.
    assert "liar_large/nb.ipynb" not in problems
    assert (into / "liar_large" / "nb.ipynb").read_bytes() == notebook
    assert not (into / "liar_small" / "nb.ipynb").exists()


def test_corrupt_member_data_costs_only_that_member(tmp_path):
    notebook = nbformat.writes(honest()).encode()
    data = zipped({"broken/nb.ipynb": notebook, "alice/nb.ipynb": notebook})
    into, problems = extract(tmp_path, corrupt(data, "broken/nb.ipynb"))
    assert "cannot be read from the zip file" in problems["broken/nb.ipynb"]
    assert (into / "alice" / "nb.ipynb").read_bytes() == notebook


def test_zip_bombs_stop_at_the_ratio_and_the_total(tmp_path):
    one = zipped({"bomb/nb.ipynb": bytes(200 * 2**20), "alice/nb.ipynb": b"{}"})   # 200 MB in 200 kB
    (tmp_path / "one").mkdir()
    into, problems = extract(tmp_path / "one", one)
    assert "compressed more than" in problems["bomb/nb.ipynb"]
    assert not (into / "bomb" / "nb.ipynb").exists() and (into / "alice" / "nb.ipynb").exists()

    many = {f"s{i}/nb.ipynb": bytes(2**20) for i in range(300)}   # 300 MB in a zip of about 300 kB
    (tmp_path / "many").mkdir()
    into, problems = extract(tmp_path / "many", zipped(many))
    extracted = sum(p.stat().st_size for p in into.rglob("*") if p.is_file())
    assert extracted <= max(FILES["notebook_mb"] * 2**20, FILES["zip_ratio"] * len(zipped(many)))
    assert len(problems) + len(list(into.rglob("*.ipynb"))) == 300
    assert all("its limit" in reason for reason in problems.values())


def test_odd_member_names_are_refused(tmp_path):
    names = {
        "/etc/alice.ipynb": "unsafe path", "../up.ipynb": "unsafe path", "a/../../up.ipynb": "unsafe path",
        "C:/win.ipynb": "unsafe path", "..\\win.ipynb": "unsafe path",
        f"{ESC}[2Jclear/nb.ipynb": "control", "bidi\u202egnp.ipynb": "control", "tab\there.ipynb": "control",
        "x" * 300 + ".ipynb": "too long", "CON.ipynb": "device", "dir/lpt1": "device",
        "Alice/nb.ipynb": "a second file", "caf\u00e9/nb.ipynb": None, "cafe\u0301/nb.ipynb": "a second file",
    }
    members = {"alice/nb.ipynb": b"first"} | {name: b"x" for name in names}
    into, problems = extract(tmp_path, zipped(members))
    for name, reason in names.items():
        if reason is None:
            assert name not in problems
        else:
            assert reason in problems[name], (name, problems.get(name))
    assert (into / "alice" / "nb.ipynb").read_bytes() == b"first"
    assert not (tmp_path / "up.ipynb").exists()
    for path in into.rglob("*"):
        assert all(unicodedata.category(c)[0] != "C" for c in str(path))


def test_too_many_members_and_an_unreadable_zip_are_reasons(tmp_path, monkeypatch):
    monkeypatch.setitem(FILES, "zip_members", 5)
    into, problems = extract(tmp_path, zipped({f"s{i}/nb.ipynb": b"{}" for i in range(9)}))
    assert "only the first 5 are read" in problems["lms.zip"]
    assert len(list(into.rglob("*.ipynb"))) == 5
    for name, data in (("junk.zip", b"PK\x03\x04 not really a zip file"),
                       ("truncated.zip", zipped({"a/nb.ipynb": b"{}" * 1000})[:-30])):
        (tmp_path / name).write_bytes(data)
        found, problems = collect.collect(tmp_path / name, known())
        assert found == [] and "a zip file that cannot be read" in problems[0][1], problems


# Names

def test_names_are_printable_and_csv_cells_are_no_formulas():
    for raw in (f"{ESC}]0;owned\a{ESC}[2J", "a\x9b31mred", "bidi\u202eexe.ipynb", "new\nline", "\u2028"):
        shown = printable(raw)
        assert all(unicodedata.category(c)[0] not in "CZ" or c == " " for c in shown), shown
    assert printable(f"{ESC}[31m") == "\\x1b[31m"
    assert printable("x" * 1000, 10).startswith("x" * 10 + "... (990 more")
    for start in FORMULA:
        cell = csv_cell(f"{start}HYPERLINK(\"http://x\")")
        assert cell.startswith("'") and ESC not in cell
    assert csv_cell("plain name") == "plain name" and csv_cell(16.0) == 16.0


def test_the_csv_holds_every_row_and_no_formula_or_escape(work):
    students = [collect.Submission(name, NB, f"{name}/{NB}.ipynb", flags=[f"flag {ESC}[2J"])
                for name in ("alice", "=cmd", "+1", "-2", "@sum")]
    problems = [(f"=HYPERLINK(\"x\")/{NB}.ipynb", "not JSON"), (f"{ESC}[2J.ipynb", f"reason {ESC}]0;x\a"),
                ("\tTab.ipynb", "-reason"), ("\rcr.ipynb", "@reason")]
    rows = report.write_csv(students, work.csv, work, work.db_url, problems)
    with open(work.csv, newline="", encoding="utf-8") as f:
        written = list(csv.DictReader(f))
    assert len(written) == len(rows) == len(students) + len(problems)
    assert {r["source"] for r in written[len(students):]} == {csv_cell(name) for name, _ in problems}
    text = work.csv.read_text(encoding="utf-8")
    assert ESC not in text and "\a" not in text
    for row in written:
        for value in row.values():
            assert not value.startswith(FORMULA), row


# The grade command's own process

# The peak of this process's own memory: VmHWM, not ru_maxrss, which on Linux keeps the peak of
# the process it was forked from (pytest's, with the zip bombs of other tests in it).
MEASURE = """\
import json, re, sys
from pathlib import Path
from autograder.collect import assignments, collect
from autograder.paths import Work
from autograder.prepare import prepare
from autograder.report import write_csv

def peak_mb():
    with open("/proc/self/status") as f:
        return int(re.search(r"VmHWM:\\s+(\\d+) kB", f.read()).group(1)) / 1024

here = Path(sys.argv[1])
work = Work(here)
before = peak_mb()
rows, problems = 0, 0
for source in sys.argv[2:]:
    found, bad = collect(source, assignments())
    prepare(found, work)
    rows += len(write_csv(found, here / "grades.csv", work, work.db_url, bad))
    problems += len(bad)
print(json.dumps({"after_imports_mb": before, "peak_mb": peak_mb(), "rows": rows, "problems": problems}))
"""


def hostile_folder(folder):
    """A folder of hostile files, each named after its attack, and one honest student."""
    folder.mkdir(parents=True)
    for name, data in deep_json_notebooks().items():
        (folder / f"{Path(name).stem}_{NB}.ipynb").write_bytes(data)
    correct = honest()
    attacks = {
        "honest": correct,
        "deep_answer": with_answer(correct, "corr2d", DEEP_CODE["unary minus"]),
        "deep_added": with_added_cell(correct, DEEP_CODE["a long sum"]),
        "long_answer": with_answer(correct, "q1_flip", "<b>" + "<i>x</i> " * 500_000),
        "long_added": with_added_cell(correct, "<i>x</i>\n" * 400_000, "markdown"),
        "images": correct,
    }
    big = nbformat.from_dict(attacks["images"])   # outputs of 2.4 MB each, 19 MB in all
    cell = next(c for c in big.cells if c.cell_type == "code")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": "iVBO" * 600_000})
                    for _ in range(8)]
    attacks["images"] = big
    for student, nb in attacks.items():
        (folder / student).mkdir()
        nbformat.write(nb, folder / student / f"{NB}.ipynb")
    (folder / f"{ESC}[2J{ESC}]0;owned\a").mkdir()
    (folder / f"{ESC}[2J{ESC}]0;owned\a" / f"=1+1 {NB}.ipynb").write_text("{not json")
    (folder / f"@SUM(A1) {NB}.ipynb").write_text("")
    return folder


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads Linux's /proc")
def test_the_grade_command_s_process_stays_under_500_mb(tmp_path):
    folder = hostile_folder(tmp_path / "lms")
    bombs = {f"z{i}/{NB}.ipynb": bytes(2**20) for i in range(300)}
    bombs["bomb/big.ipynb"] = bytes(200 * 2**20)
    (tmp_path / "bombs.zip").write_bytes(zipped(bombs))
    (tmp_path / "release" / NB).mkdir(parents=True)
    (tmp_path / "release" / NB / f"{NB}.ipynb").write_bytes(release_path(NB).read_bytes())
    result = subprocess.run([sys.executable, "-c", MEASURE, str(tmp_path), str(folder), str(tmp_path / "bombs.zip")],
                            capture_output=True, text=True, timeout=600, cwd=Path(__file__).parent.parent)
    assert result.returncode == 0, result.stderr[-3000:]
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    print(measured)
    assert measured["peak_mb"] < 500, measured
    # every file is a row: 6 notebooks graded, 5 deep, 2 named with escapes, 301 zip members
    assert measured["rows"] == 6 + 5 + 2 + 301, measured


# The real grade command

@pytest.mark.pipeline
def test_the_grade_command_finishes_with_every_row_beside_hostile_files(tmp_path):
    course = scratch_course(tmp_path / "course")
    folder = hostile_folder(tmp_path / "lms")
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", str(folder), "--workers", "2",
                             "--csv", str(course / "grades.csv")], cwd=course, capture_output=True, text=True,
                            timeout=1200)
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert ESC not in result.stdout and "\a" not in result.stdout
    assert "\\x1b[2J\\x1b]0;owned\\x07" in result.stdout
    with open(course / "grades.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 6 + 5 + 2, [r["source"] for r in rows]
    graded = {r["student"]: r for r in rows if r["student"]}
    assert float(graded["honest"]["points"]) == 16, graded["honest"]
    assert "cut to" in graded["long_answer"]["flags"] and "cut to" in graded["long_added"]["flags"]
    assert "not read" in graded["deep_answer"]["flags"] and "not read" in graded["deep_added"]["flags"]
    assert all(r["points"] == "" and r["flags"].startswith("not graded:") for r in rows if not r["student"])
    for row in rows:
        assert not any(value.startswith(FORMULA) for value in row.values()), row
    feedback = course / "work" / "feedback" / "images" / NB / f"{NB}.html"
    assert feedback.stat().st_size < 30 * 2**20
