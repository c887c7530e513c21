"""The TA's side of the course: nbgrader configuration, hidden reference outputs, feedback.

Run nbgrader from this folder (it reads ``nbgrader_config.py`` here):

    cd autograder && nbgrader autograde 01_convolution
"""

import sys

# nbformat imports jsonschema, which imports rfc3987_syntax (when installed, as
# jupyter_events' dependencies make it) to check the "iri" string format. Nothing
# in grading checks formats (nbformat validates without), and that import builds
# a grammar's parser: about 0.9 s of each grading process's start on two cores.
# Without it, jsonschema leaves that one format unchecked.
sys.modules.setdefault("rfc3987_syntax", None)
