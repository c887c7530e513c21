"""What feedback may show, and how it is made: scores and the visible checks' messages, never hidden tests.

nbgrader's feedback shows the autograded notebook as it is, hidden tests and
their tracebacks included (nbgrader issues #917 and #1363). ``HideHiddenTests``
runs before the HTML is made: it removes every hidden-test region from the
source of graded test cells, and reduces each error in them to one line,
``ename: evalue``. A visible check's message is kept whole (it is what the
student needs); a hidden test's failure is already a one-line summary that
names no reference value (see ``helpers.grading.hidden_tests``). It also keeps
the page's size bounded: an output over ``feedback_output_mb``, or past
``feedback_outputs_mb`` for the whole page (autograder/limits.py), is replaced by
a line that says so.

``FeedbackExporter`` is nbconvert's HTML exporter, which nbgrader uses for
feedback, with one change: nbgrader makes a new exporter for every notebook,
and each compiled the feedback template and the templates it extends again
(about a fifth of a notebook's feedback time); here they are compiled once per
process and kept in memory (jinja2's bytecode cache).
"""

import json

import nbformat
from jinja2 import BytecodeCache
from nbconvert.exporters import HTMLExporter
from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests

from autograder.limits import FILES


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
        return environment
