"""The course's own errors: one base class that a notebook shows as its message alone.

Introduced in notebook 01. Every error the course raises on purpose (a failed
check, a failed hidden test, a dataset that cannot be loaded, a training call
with the wrong arguments) derives from ``CourseError``, together with the
built-in class it has always been (``AssertionError``, ``RuntimeError``,
``ValueError``), so that ``except ValueError`` and friends still catch it.
"""

CROSS = "\u2717"


def one_line(error, limit=160):
    """The last non-empty line of an error's message (where libraries put the cause), cut to
    ``limit`` characters; the error's class name when it says nothing."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[-1] if lines else type(error).__name__
    return text if len(text) <= limit else text[:limit - 3] + "..."


class CourseError(Exception):
    """An error whose message says everything: IPython shows it without a traceback.

    The first line is printed in bold red after ``heading``, the other lines
    as they are. The default heading is the class's name, as Python prints it.
    """

    heading = None   # None: "ClassName: "; a subclass may give another, such as CROSS

    def _render_traceback_(self):
        # IPython calls this in place of formatting a traceback: the message already
        # says what to do, and frames inside helpers would only distract from it.
        lines = str(self).splitlines() or [""]
        heading = f"{type(self).__name__}:" if self.heading is None else self.heading
        return [f"\x1b[1;31m{heading} {lines[0]}\x1b[0m", *lines[1:]]
