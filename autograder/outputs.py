"""Outputs from a kernel, rebuilt from plain fields (it may send anything), bounded, and the
test cell's outputs ending in its verdict."""

import json

import nbformat

from autograder.inside.limits import FILES


def bounded_text(value, limit=200_000):
    if isinstance(value, list):
        value = "".join(str(v) for v in value)
    return str(value)[:limit]


def clean_output(raw):
    kind = raw.get("output_type") if isinstance(raw, dict) else None
    if kind == "stream":
        name = raw.get("name") if raw.get("name") in ("stdout", "stderr") else "stdout"
        return nbformat.v4.new_output("stream", name=name, text=bounded_text(raw.get("text", "")))
    if kind in ("display_data", "execute_result"):
        data = raw.get("data") if isinstance(raw.get("data"), dict) else {}
        kept = {k: bounded_text(data[k], 5_000_000) for k in ("text/plain", "image/png") if k in data}
        if kind == "execute_result":
            return nbformat.v4.new_output("execute_result", data=kept,
                                          execution_count=raw.get("execution_count") if isinstance(
                                              raw.get("execution_count"), int) else None)
        return nbformat.v4.new_output("display_data", data=kept)
    if kind == "error":
        traceback = raw.get("traceback") if isinstance(raw.get("traceback"), list) else []
        return nbformat.v4.new_output("error", ename=bounded_text(raw.get("ename", "Error"), 200),
                                      evalue=bounded_text(raw.get("evalue", ""), 5000),
                                      traceback=[bounded_text(line, 5000) for line in traceback[:200]])
    return None


def error_output(ename, evalue):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue,
                                  traceback=[f"\x1b[1;31m\u2717 {evalue}\x1b[0m"])




def bounded_outputs(outputs):
    """A cell's outputs up to limits.FILES' cell_outputs_mb together; the rest said in one line."""
    kept, size, left = [], 0, 0
    for output in outputs:
        weight = len(json.dumps(output))
        if size + weight > FILES["cell_outputs_mb"] * 2**20:
            left += weight
            continue
        kept.append(output)
        size += weight
    if left:
        kept.append(nbformat.v4.new_output("stream", name="stdout", text=(
            f"... {left / 2**20:,.1f} MB more of this cell's output not kept (the limit is "
            f"{FILES['cell_outputs_mb']} MB a cell)\n")))
    return kept


def verdict_outputs(visible, problem, description):
    """A test cell's feedback: its visible checks' own output, then the verdict, which alone decides
    its points. nbgrader scores a cell with an error 0, so only a failed verdict is an error."""
    outputs = []
    for output in visible:
        if output.output_type == "error":   # a visible check's message, kept as text
            output = nbformat.v4.new_output("stream", name="stdout",
                                            text=f"{output.ename}: {output.evalue}\n")
        elif output.output_type == "stream" and output.name == "stderr":
            output.name = "stdout"   # a warning must not read as a failure
        elif output.output_type == "execute_result":
            output = nbformat.v4.new_output("display_data", data=output.data)
        outputs.append(output)
    if problem is None:
        outputs.append(nbformat.v4.new_output("stream", name="stdout", text=f"\u2713 {description}: passed\n"))
    else:
        # A hidden test that raised in the kernel already named itself ("<description>: failed. ...").
        said = f"{description}: failed. "
        outputs.append(error_output("HiddenTestFailed", problem if problem.startswith(said) else said + problem))
    return outputs
