"""The notebooks themselves: they run, the release is generated, nothing leaks, they are stored clean."""

import ast
import os
import re
import sys
import time
from html.parser import HTMLParser

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert.exporters import HTMLExporter
from traitlets.config import Config

from autograder import feedback
from course import (ASSIGNMENTS, AUTOGRADER, HIDDEN_BEGIN, NOTEBOOKS, ROOT, SOLUTION_BEGIN, SOLUTIONS,
                    is_test_cell, nbgrader, nbgrader_meta, read, regions, release_path,
                    scratch_course, solution_path)

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

REPOSITORY = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Repository"]


def test_there_are_notebooks():
    assert ASSIGNMENTS, "no solutions/NN_topic folders found"
    for assignment in ASSIGNMENTS:
        assert solution_path(assignment).is_file()
        assert release_path(assignment).is_file(), (
            f"notebooks/{assignment} is missing: run `make release`")
    released = sorted(p.name for p in NOTEBOOKS.iterdir() if p.is_dir())
    assert released == ASSIGNMENTS, "notebooks/ and solutions/ hold different assignments"


SHARED_DATA = ROOT.parent / "shared" / "data"
_executed = {}


def executed(assignment):
    """The solution notebook executed at the fast scale (once per test session), and its run time.

    The real datasets are used where this machine has them (../shared/data)."""
    if assignment not in _executed:
        saved = dict(os.environ)
        os.environ["COURSE_SCALE"] = "fast"
        os.environ.pop("COURSE_GRADING", None)
        if SHARED_DATA.is_dir():
            os.environ["COURSE_DATA"] = str(SHARED_DATA)
        try:
            nb = read(solution_path(assignment))
            client = NotebookClient(nb, timeout=120, kernel_name="python3",
                                    resources={"metadata": {"path": str(SOLUTIONS / assignment)}})
            start = time.perf_counter()
            client.execute()
            _executed[assignment] = nb, time.perf_counter() - start
        finally:
            os.environ.clear()
            os.environ.update(saved)
    return _executed[assignment]


def stdout_of(nb):
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


# A figure's alt text is the cell's metadata key "alt": one or two sentences that say what the
# figure shows and what to see in it. nbconvert's HTML (and so nbgrader's feedback page) puts it on
# each image of the cell; without it a screen reader says nothing of the figure. The notebooks
# whose figures have none yet, and only they, are named here: remove a name once its figures have it.
ALT_TEXT_TO_DO = set()


def draws_a_figure(cell):
    return any(mimetype.startswith("image/") for output in cell.get("outputs", [])
               for mimetype in output.get("data", {}))


def has_alt_text(cell):
    alt = cell.metadata.get("alt")
    return isinstance(alt, str) and alt.strip() != ""


@pytest.mark.notebook
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_runs_top_to_bottom_at_fast_scale(assignment):
    """Every cell of the solution, hidden tests included, runs without an error or stderr output,
    and every cell that draws a figure has alt text."""
    nb, elapsed = executed(assignment)
    problems = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                problems.append(f"{cell.id}: {output.ename}: {output.evalue}")
            elif output.output_type == "stream" and output.name == "stderr" and is_test_cell(cell):
                # nbgrader gives 0 points to a test cell that writes to stderr
                problems.append(f"{cell.id} wrote to stderr: {output.text[:300]}")
    figures = [cell for cell in nb.cells if draws_a_figure(cell)]
    without_alt = [cell.id for cell in figures if not has_alt_text(cell)]
    if assignment in ALT_TEXT_TO_DO:
        if figures and not without_alt:
            problems.append(f"every figure of {assignment} has alt text now: remove it from ALT_TEXT_TO_DO")
    else:
        problems += [f"{cell_id} draws a figure but has no alt text: set the cell's metadata \"alt\" to "
                     "what the figure shows" for cell_id in without_alt]
    assert not problems, "\n".join(problems)
    print(f"{assignment}: executed in {elapsed:.1f} s")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_keeps_the_figures_alt_text(assignment):
    """nbgrader copies a cell's metadata into the student's notebook: the alt text too."""
    release = {cell.id: cell for cell in read(release_path(assignment)).cells}
    for cell in read(solution_path(assignment)).cells:
        if "alt" in cell.metadata:
            assert cell.id in release, f"{cell.id} is missing from notebooks/{assignment}"
            assert release[cell.id].metadata.get("alt") == cell.metadata["alt"], (
                f"{cell.id}: the release lost or changed the figure's alt text: run `make release`")


# A 1x1 PNG: what a cell's figure is to nbconvert.
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


def notebook_with_a_figure(alt):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("plt.plot(losses)\nplt.show()", id="plot", metadata={"alt": alt})
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": PNG,
                                                                 "text/plain": "<Figure size 640x480>"})]
    nb.cells = [cell]
    return nb


ALT = 'The loss per step falls & "levels off" below <1e-12>, on a log scale.'


class Images(HTMLParser):
    """The attributes of each <img> of a page, as a browser or a screen reader reads them."""

    def __init__(self, page):
        super().__init__()
        self.found = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append(dict(attrs))


def test_html_export_puts_the_cell_s_alt_text_on_its_figure():
    """nbconvert's classic template, which nbgrader's feedback page extends, takes a figure's alt
    text from its cell's metadata, escaped for HTML."""
    page, _ = HTMLExporter(template_name="classic").from_notebook_node(notebook_with_a_figure(ALT))
    images = Images(page).found
    assert len(images) == 1, f"expected one image, found {len(images)}"
    assert images[0].get("alt") == ALT, f"the image's alt attribute is {images[0].get('alt')!r}"


def test_feedback_page_puts_the_cell_s_alt_text_on_its_figure():
    """The same on the course's feedback page, as autograder/nbgrader_config.py makes it."""
    config = Config()
    config.FeedbackExporter.template_name = "course_feedback"
    config.FeedbackExporter.extra_template_basedirs = [str(AUTOGRADER / "feedback_templates"),
                                                       str(feedback.NBGRADER_TEMPLATES)]
    config.FeedbackExporter.extra_template_paths = [
        str(feedback.NBGRADER_TEMPLATES.parent / "static" / "node_modules" / "bootstrap" / "dist" / "css")]
    resources = {"nbgrader": {"notebook": "figure", "score": 0, "max_score": 0, "late_penalty": 0},
                 "graded_cells": {}}
    page, _ = feedback.FeedbackExporter(config=config).from_notebook_node(notebook_with_a_figure(ALT),
                                                                          resources=resources)
    images = Images(page).found
    assert len(images) == 1, f"expected one image, found {len(images)}"
    assert images[0].get("alt") == ALT, f"the image's alt attribute is {images[0].get('alt')!r}"


@pytest.mark.notebook
@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="needs the real MNIST in ../shared/data")
def test_lenet_learns_real_mnist_at_fast_scale():
    """The fast scale checks code, not learning (2,000 images, 2 epochs: 86% when measured),
    but a training path that silently stopped learning would still show here. The full
    scale's 99% is measured by benchmarks/training.py."""
    nb, _ = executed("03_lenet")
    found = re.search(r"LeNet-5 test accuracy: ([0-9.]+)%", stdout_of(nb))
    assert found, "the notebook no longer prints LeNet-5's test accuracy"
    assert float(found.group(1)) >= 75.0


@pytest.mark.pipeline
def test_release_is_what_nbgrader_generates(tmp_path):
    """notebooks/ is generated from solutions/, never edited by hand."""
    course = scratch_course(tmp_path)
    nbgrader(course, "generate_assignment", "*", "--force", "--no-db")   # every notebook, in one process
    for assignment in ASSIGNMENTS:
        generated = (course / "work" / "release" / assignment / f"{assignment}.ipynb").read_bytes()
        assert generated == release_path(assignment).read_bytes(), (
            f"notebooks/{assignment} differs from what solutions/{assignment} generates: "
            "edit solutions/ and run `make release`")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_solution_or_hidden_test_leaks_into_the_release(assignment):
    source = read(solution_path(assignment))
    release = read(release_path(assignment))
    released_text = "\n".join(cell.source for cell in release.cells)
    released_code = "\n".join(c.source for c in release.cells if c.cell_type == "code")
    assert SOLUTION_BEGIN not in released_text and HIDDEN_BEGIN not in released_text
    for marker in ("load_references", "hidden_tests(", "references.pt"):
        assert marker not in released_text, f"{marker!r} appears in the student notebook"
    secret_regions = {cell.id: regions(cell.source, "BEGIN SOLUTION", "END SOLUTION")
                      + regions(cell.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
                      for cell in source.cells}
    # Lines the notebook shows anyway (a loop header shared with a demo cell) are no leak.
    shown = "\n".join(c.source for c in source.cells if c.cell_type == "code")
    for region in (r for rs in secret_regions.values() for r in rs):
        shown = shown.replace(region, "")
    for cell in source.cells:
        meta = nbgrader_meta(cell)
        for region in secret_regions[cell.id]:
            for line in region.splitlines():
                line = line.strip()
                if len(line) >= 25 and not line.startswith("#") and line not in shown:
                    assert line not in released_code, f"{cell.id}: solution line leaked: {line}"
        if cell.cell_type == "markdown" and meta.get("solution"):
            released = next(c for c in release.cells if c.id == cell.id)
            assert cell.source.strip() not in released.source, f"model answer {cell.id} leaked"


@pytest.mark.parametrize("path", [solution_path(a) for a in ASSIGNMENTS]
                         + [release_path(a) for a in ASSIGNMENTS],
                         ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_notebook_is_stored_clean(path):
    """No outputs (small diffs, small repository), valid nbformat, stable unique cell ids."""
    nb = read(path)
    nbformat.validate(nb)
    ids = [cell.get("id") for cell in nb.cells]
    assert all(ids), "every cell needs an id"
    # what the kernel fills in when the notebook opens: stored, so that opening does not modify it
    assert {"name", "version", "mimetype", "file_extension", "codemirror_mode", "pygments_lexer",
            "nbconvert_exporter"} <= set(nb.metadata.get("language_info", {})), "full language_info"
    assert len(ids) == len(set(ids)), "cell ids must be unique"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{cell.id} has outputs"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_grading_cells_follow_the_conventions(assignment):
    nb = read(solution_path(assignment))
    grade_ids = [nbgrader_meta(c)["grade_id"] for c in nb.cells if nbgrader_meta(c)]
    assert len(grade_ids) == len(set(grade_ids)), "grade ids must be unique"
    tests = [c for c in nb.cells if is_test_cell(c)]
    assert tests, "no graded test cells"
    for cell in tests:
        meta = nbgrader_meta(cell)
        assert meta["locked"], f"{cell.id}: graded cells are locked"
        assert meta["points"] > 0
        # nbgrader shows a cell with only hidden tests as an empty cell that passes:
        # every graded cell must also hold a visible check.
        visible = re.sub(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", "", cell.source,
                         flags=re.S)
        assert "checks." in visible, f"{cell.id}: no visible check beside the hidden tests"
        assert "### BEGIN HIDDEN TESTS" in cell.source, f"{cell.id}: no hidden tests"
        assert "assert " not in cell.source, f"{cell.id}: use helpers.checks, not a bare assert"
    solutions = [c for c in nb.cells if nbgrader_meta(c).get("solution") and c.cell_type == "code"]
    for cell in solutions:
        assert SOLUTION_BEGIN in cell.source, f"{cell.id}: solution cell without a solution region"
    written = [c for c in nb.cells if c.cell_type == "markdown" and nbgrader_meta(c).get("grade")]
    assert 2 <= len(written) <= 4, "two to four written questions, graded by hand"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_opens_in_colab_and_installs_helpers_only_there(assignment):
    nb = read(release_path(assignment))
    github = REPOSITORY.removeprefix("https://github.com/")
    badge = (f"https://colab.research.google.com/github/{github}/blob/main/"
             f"notebooks/{assignment}/{assignment}.ipynb")
    assert badge in nb.cells[0].source, "the first cell must hold the Open in Colab badge"
    setup = next(c for c in nb.cells if c.cell_type == "code")
    assert '"google.colab" in sys.modules' in setup.source
    assert f"git+{REPOSITORY}" in setup.source


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_notebook_teaches_in_the_course_shape(assignment):
    nb = read(solution_path(assignment))
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "**Time:**" in nb.cells[0].source, "the opening says how long it takes"
    assert "## You should now be able to" in text
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for forbidden in ("os.environ", "getenv", "COURSE_SCALE", "pretrained=True"):
        assert forbidden not in code, f"notebooks ask helpers for sizes; found {forbidden!r}"


def names_defined_and_used(source):
    """(names a cell's code binds at any level, names it reads) from its source, IPython magics left out."""
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
    tree = ast.parse(code)
    defined, used = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, ast.Name):
            (defined if isinstance(node.ctx, ast.Store) else used).add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            defined.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:   # except ValueError as error
            defined.add(node.name)
    return defined, used


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_cell_needs_a_check_cell(assignment):
    # A student may skip an exercise, or restart and run one exercise and its check: a cell (a check,
    # or a demonstration further on) that reads a name only an earlier check cell defines then fails
    # with a NameError, or stops because that check failed first.
    defined_by_checks, defined_elsewhere = {}, set()
    for cell in read(solution_path(assignment)).cells:
        if cell.cell_type != "code":
            continue
        visible = re.sub(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", "", cell.source, flags=re.S)
        defined, used = names_defined_and_used(visible)
        borrowed = {name for name in used - defined - defined_elsewhere if name in defined_by_checks}
        assert not borrowed, (f"{cell.id} uses {sorted(borrowed)}, defined only in "
                              f"{sorted({defined_by_checks[n] for n in borrowed})}: define it in helpers/ or "
                              "in a cell that is not a check")
        if is_test_cell(cell):
            defined_by_checks.update({name: cell.id for name in defined})
        else:
            defined_elsewhere |= defined
