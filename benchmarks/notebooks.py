"""How long each solution notebook takes at the fast scale, in a fresh kernel, against its budget.

    python benchmarks/notebooks.py [NN_topic ...] [--repeats 3]

The fast scale checks code and does not teach by training (helpers/scale.py): a
notebook's whole run, kernel start and imports included, must stay within
BUDGET seconds on two idle CPU cores, because CI executes every notebook and
the autograder runs every submission. This script runs each solution notebook
top to bottom in a new Jupyter kernel, as the test suite does (with
COURSE_DATA's real datasets when it is set), and prints the fastest of
``--repeats`` runs, the kernel's start, and the cells that took longest.
"""

import argparse
import os
import sys
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
# Seconds for a whole notebook at the fast scale on two idle CPU cores, kernel start included.
# 01-03 check code that trains little; 04-06 train bigger nets and load a pretrained backbone.
BUDGET = {"01": 10, "02": 10, "03": 10, "04": 15, "05": 15, "06": 15}


def run(assignment):
    """(seconds for the whole run, seconds before the first cell started, [(seconds, cell id)])."""
    nb = nbformat.read(SOLUTIONS / assignment / f"{assignment}.ipynb", as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(SOLUTIONS / assignment)}})
    started = time.time()
    client.execute()
    total = time.time() - started
    cells, first = [], None
    for cell in nb.cells:
        stamps = cell.metadata.get("execution", {})
        if cell.cell_type == "code" and "iopub.execute_input" in stamps:
            begin = datetime.fromisoformat(stamps["iopub.execute_input"].replace("Z", "+00:00"))
            end = datetime.fromisoformat(stamps["shell.execute_reply"].replace("Z", "+00:00"))
            first = first if first is not None else begin.timestamp() - started
            cells.append(((end - begin).total_seconds(), cell.id))
    return total, first, sorted(cells, reverse=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*",
                        default=sorted(p.name for p in SOLUTIONS.iterdir() if p.name[:2].isdigit()))
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    os.environ["COURSE_SCALE"] = "fast"
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}, "
          f"COURSE_DATA={os.environ.get('COURSE_DATA', '(unset: stand-in data)')}")
    over = []
    for assignment in args.assignments:
        runs = [run(assignment) for _ in range(args.repeats)]
        total, first, cells = min(runs)
        budget = BUDGET.get(assignment[:2])
        verdict = "" if budget is None else (f"within its {budget} s budget" if total <= budget
                                             else f"OVER its {budget} s budget")
        if budget is not None and total > budget:
            over.append(assignment)
        slowest = ", ".join(f"{cell} {seconds:.1f} s" for seconds, cell in cells[:3])
        print(f"{assignment}: {total:.1f} s (best of {len(runs)}; kernel start {first:.1f} s) "
              f"{verdict}; slowest cells: {slowest}")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
