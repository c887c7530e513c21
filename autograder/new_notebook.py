"""Start a new notebook from the course's template: ``make new NAME=NN_topic``.

    python -m autograder.new_notebook 04_alexnet_vgg

Makes, with every ``NN_topic`` in the template replaced by the name:

- ``solutions/<name>/<name>.ipynb``, the master copy: title cell with the Colab
  badge, the Colab setup cell, the scale and device lines, one exercise with its
  visible check and hidden test, two written questions, "You should now be able to";
- ``grading/<name>/``: ``make_references.py`` (then run, writing
  ``references.pt``), ``judges.py`` (special cases only), ``check_references.py``
  (the references' self-checks) and ``wrong_answers.py`` (what the pipeline
  tests grade).

The test suite finds the new notebook by itself; ``make release`` then writes its
student version into ``notebooks/``. The template lives in ``autograder/template/``.
"""

import re
import subprocess
import sys

from autograder.paths import ROOT, TEMPLATE
PLACEHOLDER = "NN_topic"
NAME = re.compile(r"^\d\d_[a-z0-9_]+$")


def create(name, root=ROOT):
    """Make the new notebook's files under ``root``; return the paths written."""
    if not NAME.match(name):
        raise SystemExit(f"{name!r} is not a notebook name: use two digits, an underscore and a "
                         "topic in lower case, e.g. 04_alexnet_vgg.")
    solution, grading = root / "solutions" / name, root / "grading" / name
    taken = [str(p) for p in (solution, grading) if p.exists()]
    if taken:
        raise SystemExit(f"{' and '.join(taken)} already exist: choose another name, or delete them.")
    solution.mkdir(parents=True)
    grading.mkdir(parents=True)
    written = []
    for source in sorted(TEMPLATE.iterdir()):
        if source.suffix not in (".py", ".ipynb"):
            continue
        target = (solution if source.suffix == ".ipynb" else grading) / source.name.replace(PLACEHOLDER, name)
        text = source.read_text(encoding="utf-8").replace(PLACEHOLDER, name)
        text = text.replace("# NN · ", f"# {name[:2]} · ")
        target.write_text(text, encoding="utf-8")
        written.append(target)
    subprocess.run([sys.executable, str(grading / "make_references.py")], check=True)
    written.append(grading / "references.pt")
    return written


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        raise SystemExit("usage: python -m autograder.new_notebook NN_topic   (or: make new NAME=NN_topic)")
    for path in create(argv[0]):
        print(f"wrote {path.relative_to(ROOT)}")
    print(f"Next: edit solutions/{argv[0]}/{argv[0]}.ipynb and autograder/{argv[0]}/, then "
          "`make release` and `make test`.")


if __name__ == "__main__":
    main()
