"""What feedback may show: scores and the visible checks' messages, never hidden tests.

nbgrader's feedback shows the autograded notebook as it is, hidden tests and
their tracebacks included (nbgrader issues #917 and #1363). This preprocessor
runs before the HTML is made: it removes every hidden-test region from the
source of graded test cells, and reduces each error in them to one line,
``ename: evalue``. A visible check's message is kept whole (it is what the
student needs); a hidden test's failure is already a one-line summary that
names no reference value (see ``helpers.grading.hidden_tests``).
"""

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
