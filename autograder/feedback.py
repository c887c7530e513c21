"""What feedback may show, and how it is made: scores and the visible checks' messages, never hidden tests.

nbgrader's feedback shows the autograded notebook as it is, hidden tests and
their tracebacks included (nbgrader issues #917 and #1363). ``HideHiddenTests``
runs before the HTML is made: it removes every hidden-test region from the
source of graded test cells, and reduces each error in them to one line,
``ename: evalue``. A visible check's message is kept whole (it is what the
student needs); a hidden test's failure is already a one-line summary that
names no reference value (see ``helpers.grading.hidden_tests``).

``FeedbackExporter`` is nbconvert's HTML exporter, which nbgrader uses for
feedback, with one change: nbgrader makes a new exporter for every notebook,
and each compiled the feedback template and the templates it extends again
(about a fifth of a notebook's feedback time); here they are compiled once per
process and kept in memory (jinja2's bytecode cache).
"""

from jinja2 import BytecodeCache
from nbconvert.exporters import HTMLExporter
from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests


class HideHiddenTests(ClearHiddenTests):
    def preprocess_cell(self, cell, resources, cell_index):
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.cell_type == "code" and utils.is_grade(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    # The traceback would show hidden-test source lines; keep the message.
                    output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        return cell, resources


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
