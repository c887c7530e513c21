"""The boundary of trust is a folder: autograder/inside/ runs in the sandbox and imports nothing
from the rest of the autograder, nor from grading/; the sandbox mounts that folder alone."""

import ast
from pathlib import Path

import pytest

from course import ROOT

INSIDE = ROOT / "autograder" / "inside"


def imported_modules(path, package="autograder.inside"):
    """Every module a file of ``package`` imports, as absolute names (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:   # relative: from . import x, from .. import y
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:   # from autograder import kernel imports autograder.kernel
                yield node.lineno, f"{module}.{alias.name}"


@pytest.mark.parametrize("path", sorted(INSIDE.glob("*.py")), ids=lambda p: p.name)
def test_nothing_inside_imports_the_rest_of_the_autograder(path):
    outside = [f"line {line}: {module}" for line, module in imported_modules(path)
               if (module.startswith("autograder") and not module.startswith("autograder.inside")
                   and module != "autograder") or module.split(".")[0] == "grading"]
    assert not outside, f"{path.name} imports from outside autograder/inside/: {outside}"


def test_the_check_itself_sees_an_import_from_outside(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from autograder import judging\nfrom ..paths import ROOT\nimport grading.x\n")
    found = [module for _, module in imported_modules(bad)]
    assert "autograder.judging" in found and "autograder.paths" in found and "grading.x" in found


def test_the_sandbox_mounts_the_inside_folder_and_no_other_autograder_file(tmp_path):
    from autograder import sandbox

    command = sandbox.zygote_command(["python"], cache_dir=tmp_path)
    bound = {command[i + 1] for i, arg in enumerate(command) if arg == "--ro-bind"}
    ours = {path for path in bound if Path(path).is_relative_to(ROOT / "autograder")}
    assert ours == {str(INSIDE), str(ROOT / "autograder" / "__init__.py")}


@pytest.mark.parametrize("path", sorted((ROOT / "helpers").glob("*.py")), ids=lambda p: p.name)
def test_helpers_imports_nothing_from_the_grading_program(path):
    """helpers is what students install: it finds the judging by its entry point, never by import."""
    found = [f"line {line}: {module}" for line, module in imported_modules(path, "helpers")
             if module.split(".")[0] in ("autograder", "grading")]
    assert not found, f"helpers/{path.name} imports the grading program: {found}"


def test_the_judging_is_found_by_its_entry_point():
    from helpers import grading

    from autograder import judging

    assert grading._judging() is judging
