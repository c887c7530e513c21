"""The CSV the TA gets: one row per notebook-submission, then one per file not graded."""

import csv

from autograder import gradebook
from autograder.findings import csv_cell


CSV_FIELDS = ["student", "notebook", "points", "max_points", "flags", "source"]


def write_csv(submissions, path, work, db_url, problems=()):
    """One row per notebook: student, notebook, points, max points, flags, source; then one row
    per file not graded (``problems``: (name, reason)), with no student and no points.

    Every row is written whatever fails: a row whose points cannot be read has none. Each cell
    is made safe for a spreadsheet and a terminal (findings.csv_cell).
    """
    rows = []
    with gradebook.opened(db_url) as book:
        for s in sorted(submissions, key=lambda s: (s.student, s.assignment)):
            points, max_points, flags = gradebook.points(book, work, s)
            rows.append({"student": s.student, "notebook": s.assignment, "points": points,
                         "max_points": max_points, "flags": "; ".join(s.flags + flags), "source": s.source})
    rows += [{"student": "", "notebook": "", "points": "", "max_points": "",
              "flags": f"not graded: {reason}", "source": name} for name, reason in problems]
    rows = [{key: csv_cell(value) for key, value in row.items()} for row in rows]
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return rows
