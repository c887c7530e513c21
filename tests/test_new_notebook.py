"""`make new NAME=NN_topic`: a new notebook from the template, on the course's rails from the start."""

import os
import subprocess
import sys

import pytest
from nbclient import NotebookClient

from course import (HIDDEN_BEGIN, HIDDEN_END, is_test_cell, nbgrader, nbgrader_meta, read, regions,
                    scratch_course, with_edits, without_markers, wrong_answers)

NAME = "99_example"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = scratch_course(tmp_path_factory.mktemp("course"))
    result = subprocess.run([sys.executable, "-m", "autograder.new_notebook", NAME], cwd=course,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return course


def test_it_writes_the_notebook_and_its_grading_material(course):
    assert (course / "solutions" / NAME / f"{NAME}.ipynb").is_file()
    for name in ("make_references.py", "references.pt", "judges.py", "check_references.py",
                 "wrong_answers.py"):
        assert (course / "grading" / NAME / name).is_file(), name
    text = (course / "solutions" / NAME / f"{NAME}.ipynb").read_text()
    assert "NN_topic" not in text and f"notebooks/{NAME}/{NAME}.ipynb" in text and "# 99 · " in text


def test_the_new_notebook_follows_the_course_conventions(course):
    nb = read(course / "solutions" / NAME / f"{NAME}.ipynb")
    assert "colab.research.google.com" in nb.cells[0].source and "**Time:**" in nb.cells[0].source
    assert any("## You should now be able to" in c.source for c in nb.cells)
    assert '"google.colab" in sys.modules' in next(c for c in nb.cells if c.cell_type == "code").source
    grade_ids = [nbgrader_meta(c)["grade_id"] for c in nb.cells if nbgrader_meta(c)]
    assert len(grade_ids) == len(set(grade_ids))
    tests = [c for c in nb.cells if is_test_cell(c)]
    assert tests and all(nbgrader_meta(c)["locked"] for c in tests)
    for cell in tests:
        hidden = "\n".join(regions(cell.source, HIDDEN_BEGIN, HIDDEN_END))
        assert f'hidden_tests("{NAME}", "{nbgrader_meta(cell)["grade_id"]}"' in hidden
        assert "checks." in cell.source.partition(HIDDEN_BEGIN)[0]
    written = [c for c in nb.cells if c.cell_type == "markdown" and nbgrader_meta(c).get("grade")]
    assert len(written) == 2


def test_nbgrader_generates_its_release(course):
    nbgrader(course, "generate_assignment", NAME, "--force", "--no-db")
    release = read(course / "work" / "release" / NAME / f"{NAME}.ipynb")
    code = "\n".join(c.source for c in release.cells)
    assert "raise NotImplementedError" in code and "BEGIN HIDDEN TESTS" not in code
    assert "return 2 * x" not in code


def test_the_solution_runs_and_passes_its_hidden_test(course):
    nb = read(course / "solutions" / NAME / f"{NAME}.ipynb")
    saved = dict(os.environ)
    os.environ.update(COURSE_SCALE="fast", COURSE_GRADING=str(course / "grading"))
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(course)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert "double on inputs you have not seen: passed" in printed
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]


def test_its_wrong_answer_fails_the_hidden_test(course, monkeypatch):
    from helpers import grading
    from helpers.grading import HiddenTestFailed

    monkeypatch.setenv("COURSE_GRADING", str(course / "grading"))
    monkeypatch.setattr(grading, "_channel", None)
    cells = {c.id: c for c in read(course / "solutions" / NAME / f"{NAME}.ipynb").cells}
    [(edits, failing)] = wrong_answers(NAME, course / "grading").values()
    source = with_edits(without_markers(cells["double"].source), edits["double"], "double")
    namespace = {}
    exec(without_markers(cells["imports"].source), namespace)
    exec(source, namespace)
    with pytest.raises(HiddenTestFailed, match="double on inputs you have not seen: failed"):
        exec("\n".join(regions(cells["test_double"].source, HIDDEN_BEGIN, HIDDEN_END)), namespace)
    assert failing == {"test_double"}


@pytest.mark.parametrize("name, message", [
    ("4_alexnet", "is not a notebook name"), ("04_AlexNet", "is not a notebook name"),
    ("01_convolution", "already exist"),
])
def test_a_bad_or_taken_name_is_refused_with_a_reason(course, name, message):
    result = subprocess.run([sys.executable, "-m", "autograder.new_notebook", name], cwd=course,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and message in result.stderr
