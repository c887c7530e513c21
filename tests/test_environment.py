"""Dependencies are declared once in pyproject.toml; environment.yml lists the same packages."""

import re
import sys

from course import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

# conda-forge's name where it differs from PyPI's
CONDA_NAMES = {"torch": "pytorch"}
PYPI_NAMES = {conda: pypi for pypi, conda in CONDA_NAMES.items()}
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*$")


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def split(requirement):
    name, spec = REQUIREMENT.match(requirement).groups()
    return name.lower(), spec.replace(" ", "")


def pyproject_requirements():
    """Name -> version spec, runtime and every extra, without platform-conditional ones."""
    project = pyproject()
    listed = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        listed += extra
    own = project["name"]   # "cnn-course[grade]": one extra of the course taking in another
    return dict(split(r) for r in listed if ";" not in r and not r.startswith(own + "["))


def environment_yml():
    """(conda, pip): name -> version spec for environment.yml's conda list and for its
    ``pip:`` section (packages that conda-forge lacks), and the pip section's other lines."""
    text = (ROOT / "environment.yml").read_text()
    conda, pip, pip_other, in_pip = {}, {}, [], False
    for line in text.split("\ndependencies:\n", 1)[1].splitlines():
        if re.match(r"^\s*-\s*pip:\s*$", line):
            in_pip = True
            continue
        match = re.match(r"^(\s*)-\s+([^#]+?)\s*$", line)
        if not match:
            continue
        indent = len(match.group(1))
        if in_pip and indent > 2:
            entry = match.group(2)
            if entry.startswith("-"):      # a pip option, such as "-e ." (the course itself)
                pip_other.append(entry)
            elif ";" in entry:             # platform-conditional, as pyproject_requirements leaves out
                continue
            else:
                pip.update([split(entry)])
            continue
        in_pip = False
        conda.update([split(match.group(2))])
    return conda, pip, pip_other


def conda_requirements():
    """Name -> version spec from environment.yml's conda list (the pip section is separate)."""
    return environment_yml()[0]


def test_environment_yml_lists_the_same_packages_as_pyproject():
    """Every package of pyproject.toml is in environment.yml once: in the conda list under
    conda-forge's name, or in the pip section (where conda-forge lacks it), with the same bound."""
    expected = pyproject_requirements()
    conda, pip, _ = environment_yml()
    conda.pop("python")
    conda.pop("pip")
    listed = {PYPI_NAMES.get(name, name): spec for name, spec in conda.items()}
    both = set(listed) & set(pip)
    assert not both, f"listed twice in environment.yml (conda and pip): {sorted(both)}"
    listed.update(pip)
    assert listed == expected


def test_platform_conditional_packages_are_in_both_lists():
    """Those two comparisons leave them out: here they must appear, marker and all, in both."""
    project = pyproject()
    conditional = [r for extra in project["optional-dependencies"].values() for r in extra
                   if ";" in r and "python_version" not in r] + [r for r in project["dependencies"] if ";" in r]
    text = (ROOT / "environment.yml").read_text()
    for requirement in conditional:
        assert f'- "{requirement}"' in text, f"{requirement} is not in environment.yml's pip section"


def test_environment_yml_installs_the_course_with_pip():
    text = (ROOT / "environment.yml").read_text()
    assert environment_yml()[2] == ["-e ."], "pip must install the course (-e .), and only that option"
    assert re.search(r"-\s+-e\s+\.\s*$", text), "the course (-e .) comes last: it needs the rest"
    assert "conda-forge" in text


def test_python_version_agrees():
    assert pyproject()["requires-python"] == ">=3.10"
    assert conda_requirements()["python"] == ">=3.10"


def test_no_exact_pins_and_no_upper_bounds():
    """An exact pin breaks on the next Colab image (and torch==2.13.0 breaks torchvision here)."""
    for name, spec in pyproject_requirements().items():
        assert "==" not in spec and "<" not in spec, f"{name}{spec}: use a lower bound only"
    for name in ("torch", "torchvision"):
        assert pyproject_requirements()[name].startswith(">="), f"{name} needs a lower bound"


def test_the_packages_installed_are_helpers_and_the_grading_program():
    """helpers for the notebooks; the grading program, which registers its judging for helpers to
    find by name (helpers imports nothing of it: tests/test_inside.py). grading/ is data."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert config["tool"]["setuptools"]["packages"] == ["helpers", "autograder", "autograder.inside"]
    assert config["project"]["entry-points"]["cnn_course.judging"] == {"checkout": "autograder.judging"}
