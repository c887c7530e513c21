"""Feedback as the student and the TA see it: a summary that names each exercise, math typeset
offline by a MathJax inside the page, and a grade command whose stderr holds no warning of
nbgrader's gradebook, formgrader or exchange."""

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from autograder import feedback, outputs
from course import read

NB = "01_convolution"
ROOT = Path(__file__).resolve().parent.parent


def test_exercise_and_question_headings_name_the_cells_below_them():
    assert feedback.heading_name("### Exercise 1: `corr2d` (2 points)\n\nWrite") == "Exercise 1: <code>corr2d</code>"
    assert feedback.heading_name("**Question 2 (2 points, graded by hand).** Why?") == "Question 2"
    assert feedback.heading_name("### Exercise 4b: `A` and `B` (2 + 2 points)") == \
        "Exercise 4b: <code>A</code> and <code>B</code>"
    # Sections, notes and hints have no points: they name nothing. Markup is escaped.
    assert feedback.heading_name("## 2. Padding (about 10 minutes)") is None
    assert feedback.heading_name("**Note.** Run the cells in order.") is None
    assert feedback.heading_name("### <img src=x onerror=alert(1)> (1 point)") == \
        "&lt;img src=x onerror=alert(1)&gt;"


def test_a_hidden_test_that_raised_says_failed_once():
    # The kernel's HiddenTestFailed already begins with the test's description; a verdict reached
    # outside it (from the records) does not.
    for problem in ("f's structure: failed. Your code raised ValueError: no", "Your code raised ValueError: no"):
        [verdict] = outputs.verdict_outputs([], problem, "f's structure")
        assert verdict.evalue == "f's structure: failed. Your code raised ValueError: no"
    [tick] = outputs.verdict_outputs([], None, "f's structure")
    assert tick.text == "\u2713 f's structure: passed\n"


def test_only_the_course_s_own_markdown_names_a_cell():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("### Exercise 1: `f` (1 point)"),
        nbformat.v4.new_code_cell("def f(): ...", metadata={"nbgrader": {"grade_id": "f", "solution": True}}),
        # A cell the student added (autograder/submission.py keeps it as markdown, id "added-N").
        nbformat.v4.new_markdown_cell("### Exercise 9: I get full marks (9 points)", id="added-1"),
        nbformat.v4.new_code_cell("check()", metadata={"nbgrader": {"grade_id": "test_f", "grade": True,
                                                                    "solution": False, "points": 1}}),
        nbformat.v4.new_markdown_cell("### Exercise 9: also mine (9 points)",
                                      metadata={"nbgrader": {"grade_id": "q1", "grade": True,
                                                             "solution": True, "points": 1}}),
    ])
    _, resources = feedback.NameGradedCells().preprocess(nb, {})
    assert resources["graded_cells"] == {"f": "Exercise 1: <code>f</code>",
                                         "test_f": "Exercise 1: <code>f</code>",
                                         "q1": "Exercise 1: <code>f</code>"}


def test_every_graded_cell_of_the_course_has_an_exercise_or_question_name():
    for path in sorted((ROOT / "solutions").glob("[0-9]*/*.ipynb")):
        _, resources = feedback.NameGradedCells().preprocess(read(path), {})
        unnamed = [grade_id for grade_id, name in resources["graded_cells"].items()
                   if not name.startswith(("Exercise", "Question"))]
        assert not unnamed, f"{path.name}: graded cells without an exercise or question above them: {unnamed}"


def test_the_page_s_mathjax_loads_nothing_and_ends_no_script_early():
    page = feedback.mathjax_html()
    assert page.count("<script>") == page.count("</script>") == 4
    body = re.sub(r"<script>|</script>", "", page)
    assert "</script" not in body.lower() and "<!--" not in body
    # Every TeX package is inside; nothing is fetched: no \require, no autoload, no CDN.
    assert '"[-]": ["require", "autoload"]' in page
    assert "MathJax.startup.defaultReady();" in page.split("</script>")[-2]


# Warnings that the grade command printed before their causes were fixed (issue 21).
FIXED_WARNINGS = ["SAWarning", "not in session", "config is not serializable", "Unwritable directory",
                  "exchange"]


@pytest.fixture(scope="module")
def graded(right_blank_and_wrong):
    """A blank, a wrong (the flipped kernel) and a right submission of 01, graded by the command
    (tests/conftest.py): its course, its work folder and its output."""
    run = right_blank_and_wrong
    return run.course, run.work, run.result


def test_the_grade_command_prints_no_gradebook_formgrader_or_exchange_warning(graded):
    _, _, result = graded
    stderr = result.stderr.replace("\r", "\n")
    found = [line for line in stderr.splitlines() if any(w.lower() in line.lower() for w in FIXED_WARNINGS)]
    assert not found, "\n".join(found)


def test_the_configuration_is_plain_data_for_the_formgrader(graded):
    """The formgrader shows the configuration as JSON; classes are named by their import path."""
    course, _, _ = graded
    code = ("import json; from autograder.nbgrader_api import nbgrader_api; from autograder.paths import Work; "
            "api = nbgrader_api(Work()); json.dumps(api.config); print(api.exchange_missing)")
    result = subprocess.run([sys.executable, "-c", code], cwd=course, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "False"   # the course's own exchange folder, not /usr/local/share/...


@pytest.mark.parametrize("student", ["blank", "wrong", "right"])
def test_feedback_names_each_exercise_and_carries_its_own_mathjax(graded, student):
    _, work, _ = graded
    page = (work / "feedback" / student / NB / f"{NB}.html").read_text(encoding="utf-8")
    summary = page[page.index('<div id="toc">'):page.index("</ol>", page.index('<div id="toc">'))]
    assert '<a href="#test_corr2d">Exercise 1: <code>corr2d</code></a>' in summary
    assert '<a href="#q1_flip">Question 1</a>' in summary
    assert "Test cell</a>" not in summary and "Written response</a>" not in summary
    assert "cdnjs" not in page and "MathJax.startup.defaultReady()" in page
    assert "Traceback (most recent call last)" not in page and "ansi-red-fg" not in page


CHROMIUM = "/usr/lib/chromium/chromium"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
@pytest.mark.parametrize("student", ["blank", "wrong", "right"])
def test_feedback_typesets_its_math_offline_in_chromium(graded, student):
    playwright = pytest.importorskip("playwright.sync_api")
    _, work, _ = graded
    page_path = work / "feedback" / student / NB / f"{NB}.html"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(offline=True).new_page()
        requested, errors = [], []
        page.on("request", lambda r: r.url.startswith("file:") or requested.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_path.as_uri())
        page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("MathJax.startup.promise")
        facts = page.evaluate("""() => ({
            math: document.querySelectorAll('mjx-container svg').length,
            failed: document.querySelectorAll('mjx-merror').length,
            traceback: document.body.innerText.includes('Traceback')})""")
        browser.close()
    assert facts["math"] > 50 and not facts["failed"] and not facts["traceback"], facts
    assert not errors, errors
    # The notebook's own "Open in Colab" badge is the only thing from outside; MathJax is not.
    assert all("colab" in url for url in requested), requested
