"""What feedback may show, and how it is made: scores and the visible checks' messages, never hidden tests.

nbgrader's feedback shows the autograded notebook as it is, hidden tests and
their tracebacks included (nbgrader issues #917 and #1363). ``HideHiddenTests``
runs before the HTML is made: it removes every hidden-test region from the
source of graded test cells, and reduces each error in them to one line,
``ename: evalue``. A visible check's message is kept whole (it is what the
student needs); a hidden test's failure is already a one-line summary that
names no reference value (see ``helpers.grading.hidden_tests``). It also keeps
the page's size bounded: an output over ``feedback_output_mb``, or past
``feedback_outputs_mb`` for the whole page (autograder/inside/limits.py), is replaced by
a line that says so.

``NameGradedCells`` names each graded cell after the exercise or question it
belongs to (the heading the course wrote above it, "Exercise 1: `corr2d`"), for
the page's summary, which the course's template (autograder/feedback_templates/,
extending nbgrader's) lists by name, kind, grade id and score; nbgrader's own
says only "Test cell" or "Written response".

``FeedbackExporter`` is nbconvert's HTML exporter, which nbgrader uses for
feedback, with two changes. The page typesets its math offline: nbgrader's
template loads MathJax from a CDN (and ignores ``mathjax_url``), so offline the
math stays raw LaTeX; here the page carries its own MathJax (``mathjax_html``,
from the ``django-static-mathjax`` package: MathJax 3's single-file TeX-to-SVG
component, which needs no fonts nor other files, and its "safe" extension,
which keeps students' math from making links, styles or ids). A feedback page
is handed back alone (an LMS upload, nbgrader's release_feedback copies only
the .html files), so it needs nothing beside it; it costs about 2.3 MB per page.
And nbgrader makes a new exporter for every notebook, and each compiled the
feedback template and the templates it extends again (about a fifth of a
notebook's feedback time); here they are compiled once per process and kept in
memory (jinja2's bytecode cache), and MathJax is read once per process.
"""

import functools
import html
import json
import re
from pathlib import Path

import nbformat
from jinja2 import BytecodeCache, ChoiceLoader, FileSystemLoader
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests
from traitlets import Bool

from autograder.inside.limits import FILES

# nbgrader's templates, which the course's (autograder/feedback_templates/course_feedback) extends.
NBGRADER_TEMPLATES = Path(utils.__file__).parent / "server_extensions" / "formgrader" / "templates"


class HideHiddenTests(ClearHiddenTests):
    def preprocess(self, nb, resources):
        self.output_bytes_left = FILES["feedback_outputs_mb"] * 2**20
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.cell_type == "code" and utils.is_grade(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    # The traceback would show hidden-test source lines; keep the message.
                    output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        if cell.cell_type == "code":
            cell.outputs = [self._bounded(output) for output in cell.get("outputs", [])]
        return cell, resources

    def _bounded(self, output):
        """The output, or a line in its place where it would make the page too large."""
        size = len(json.dumps(output))
        if size <= min(FILES["feedback_output_mb"] * 2**20, self.output_bytes_left):
            self.output_bytes_left -= size
            return output
        return nbformat.v4.new_output("stream", name="stdout", text=(
            f"[an output of {size / 2**20:,.1f} MB is not shown: a feedback page keeps outputs of up to "
            f"{FILES['feedback_output_mb']} MB, {FILES['feedback_outputs_mb']} MB in all]\n"))


class CompiledTemplates(BytecodeCache):
    """Compiled templates, by name and a checksum of their source, for the life of the process."""

    def __init__(self):
        self.code = {}

    def load_bytecode(self, bucket):
        bucket.code = self.code.get((bucket.key, bucket.checksum))

    def dump_bytecode(self, bucket):
        self.code[bucket.key, bucket.checksum] = bucket.code


_compiled = CompiledTemplates()


class FeedbackExporter(HTMLExporter):
    def _create_environment(self):
        environment = super()._create_environment()
        environment.bytecode_cache = _compiled
        # The course's template extends nbgrader's by its path, "feedback/index.html.j2".
        environment.loader = ChoiceLoader([environment.loader, FileSystemLoader(str(NBGRADER_TEMPLATES))])
        return environment

    def from_notebook_node(self, nb, resources=None, **kw):
        output, resources = super().from_notebook_node(nb, resources, **kw)
        # The page's head comes first, before anything a notebook holds: only its MathJax is replaced.
        found = _CDN_MATHJAX.search(output)
        if found is None:
            raise ValueError("the feedback template no longer loads MathJax as nbconvert's macro does: "
                             "autograder/feedback.py cannot put its own copy in its place")
        output = output[:found.start()] + mathjax_html() + output[found.end():]
        return output, resources


# A heading the course writes above an exercise or a question, with its points: "### Exercise 1:
# `corr2d` (2 points)", "**Question 1 (2 points, graded by hand).** Why ...". Its name is the
# words before the points; headings without points (sections, hints) name nothing.
_HEADING = re.compile(r"^\s*(?:#{1,6}\s+(?P<heading>.+?)|\*\*(?P<bold>.+?)\*\*.*)\s*$")
_POINTS = re.compile(r"\s*\(\s*[\d.+ ]+points?\b[^)]*\)")


def heading_name(markdown):
    """The exercise's or question's name in a course's markdown cell, as HTML; None if it has none."""
    first = markdown.strip().splitlines()[0] if markdown.strip() else ""
    found = _HEADING.match(first)
    text = found and (found.group("heading") or found.group("bold"))
    if not text or not _POINTS.search(text):
        return None
    name = _POINTS.split(text)[0].strip(" .:")
    if not name:
        return None
    # Escaped first, then `code` spans made <code>: nothing else of the markdown reaches the page.
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(name))


class NameGradedCells(Preprocessor):
    """``resources["graded_cells"]``: grade id -> the name of the exercise or question the cell is part of.

    The name is the closest heading above the cell in the course's own markdown (the
    notebook graded is the release, rebuilt: autograder/submission.py). Cells that a student
    wrote (answer cells, and added cells, kept as markdown with an id "added-N") never name
    anything. A graded cell without a heading above it is named by its grade id.
    """

    enabled = Bool(True)   # nbconvert's preprocessors are off unless told

    def preprocess(self, nb, resources):
        names, current = {}, None
        for cell in nb.cells:
            ours = not str(cell.get("id", "")).startswith("added-") and not utils.is_solution(cell)
            if cell.cell_type == "markdown" and ours:
                current = heading_name(cell.source) or current
            if utils.is_grade(cell) or utils.is_solution(cell) or utils.is_task(cell):
                grade_id = cell.metadata.nbgrader.get("grade_id", "")
                names[grade_id] = current or f"<code>{html.escape(grade_id)}</code>"
        resources["graded_cells"] = names
        return nb, resources


def mathjax_path():
    """Where the installed package ``django-static-mathjax`` keeps MathJax 3's browser files."""
    import mathjax   # django-static-mathjax's package: MathJax's files and nothing else

    return Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"


# How MathJax 3 reads the page, as nbconvert's MathJax 2 configuration did ($...$ and $$...$$, \\$
# for a dollar, AMS numbering); with nothing loaded from anywhere (no \\require, no autoload:
# every TeX package is in the component already); started once the safe extension is in.
_MATHJAX_CONFIG = """window.MathJax = {
  tex: {inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]], displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]],
        processEscapes: true, processEnvironments: true, tags: "ams",
        packages: {"[-]": ["require", "autoload"]}},
  svg: {fontCache: "global"},
  startup: {ready: function () {}}
};"""


@functools.lru_cache(maxsize=1)
def mathjax_html():
    """The ``<script>`` elements that typeset a page's math offline: MathJax 3 inside the page."""
    folder = mathjax_path()
    scripts = [_MATHJAX_CONFIG,
               (folder / "tex-svg-full.js").read_text(encoding="utf-8"),
               (folder / "ui" / "safe.js").read_text(encoding="utf-8"),
               # Started here, not when tex-svg-full.js is in: only now is the safe extension in too.
               "MathJax.startup.defaultReady();"]
    return "\n".join(f"<script>\n{_in_script(text)}\n</script>" for text in scripts)


def _in_script(text):
    """JavaScript that an HTML parser reads to its end as one script element's text."""
    return text.replace("</script", "\\x3C/script").replace("<!--", "\\x3C!--")


# What nbgrader's feedback template writes to load MathJax 2 from a CDN (nbconvert's mathjax macro).
_CDN_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
