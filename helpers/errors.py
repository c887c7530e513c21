"""The course's own errors: one base class that a notebook shows as its message alone.

Introduced in notebook 01. Every error the course raises on purpose (a failed
check, a failed hidden test, a dataset that cannot be loaded, a training call
with the wrong arguments) derives from ``CourseError``, together with the
built-in class it has always been (``AssertionError``, ``RuntimeError``,
``ValueError``), so that ``except ValueError`` and friends still catch it.

In a notebook, a ``NameError`` also says what usually causes it there: the cell
that defines the name has not run, or raised (a check cell that meets an answer
whose cell failed says so, instead of a bare "name is not defined").
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


# ----------------------------------------------------------------------------
# A name that is not defined: in a notebook, almost always a cell that was not run, or raised.
# ----------------------------------------------------------------------------

def explain_name_error(name):
    """What a student reads after ``NameError: name 'name' is not defined``."""
    return (f"If another cell defines {name}, that cell has not run (or it raised an error): run the cells "
            f"above this one in order (after a restart, all of them), and fix the first one that shows an error. "
            f"Otherwise, check the spelling of {name}.")


def _name_error_handler(shell, etype, value, tb, tb_offset=None):
    """IPython's handler for a NameError in any cell: its usual traceback, with the explanation
    added to the message (so a check cell that meets an answer whose cell failed says why)."""
    name = getattr(value, "name", None)
    message = value.args[0] if len(value.args) == 1 and isinstance(value.args[0], str) else None
    if name and message and "If another cell defines" not in message:
        value.args = (f"{message}\n{explain_name_error(name)}",)
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset)


def _explain_name_errors_in_notebooks():
    """In a Jupyter or IPython kernel, let a NameError say which cell to run; elsewhere nothing."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None and not shell.custom_exceptions:   # another handler stays as it is
        shell.set_custom_exc((NameError,), _name_error_handler)


_explain_name_errors_in_notebooks()
