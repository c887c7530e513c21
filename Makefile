# Two commands do all the set-up:
#   make lab    create .venv, install the course, open JupyterLab on notebooks/
#   make test   create .venv, install the course and its test tools, run every test
#   make quick  the unit tests alone (no notebook is executed, nothing is graded): under a minute
# For the TA:
#   make release     regenerate notebooks/ from solutions/ (nbgrader generate_assignment)
#   make references  regenerate the hidden tests' reference outputs in grading/
#   make new NAME=NN_topic  start a notebook from the template (autograder/template/) and its
#                           grading material (grading/NN_topic/)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ASSIGNMENTS := $(notdir $(wildcard solutions/[0-9][0-9]_*))
# nbgrader calls other programs of the environment (alembic, jupyter) by name.
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: lab test quick release references new clean

# Jupyter refuses to run as root (in a container, say) unless told that is meant.
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
lab: $(VENV)/.installed-lab
	$(BIN)/jupyter lab $(AS_ROOT) notebooks/

# Where the real datasets are found offline (this project's machines keep them in
# ../shared/data); without it the loaders download, or fall back and say so.
SHARED_DATA := $(wildcard $(CURDIR)/../shared/data)
test: $(VENV)/.installed-dev
	$(if $(SHARED_DATA),COURSE_DATA=$(realpath $(SHARED_DATA)),) $(BIN)/python -m pytest

quick: $(VENV)/.installed-dev
	$(if $(SHARED_DATA),COURSE_DATA=$(realpath $(SHARED_DATA)),) $(BIN)/python -m pytest -m "not notebook and not pipeline"

release: $(VENV)/.installed-dev
	cd autograder && for a in $(ASSIGNMENTS); do \
		../$(BIN)/nbgrader generate_assignment "$$a" --force --no-db \
			--CourseDirectory.release_directory=notebooks || exit 1; done

references: $(VENV)/.installed-dev
	for a in $(ASSIGNMENTS); do $(BIN)/python "grading/$$a/make_references.py" || exit 1; done

new: $(VENV)/.installed-dev
	@test -n "$(NAME)" || { echo "usage: make new NAME=NN_topic (e.g. NAME=04_alexnet_vgg)"; exit 2; }
	$(BIN)/python -m autograder.new_notebook "$(NAME)"
	$(MAKE) release

$(VENV)/.installed-lab: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[lab]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[dev]'
	touch $@

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else \
		"Python 3.10 or newer is needed, found " + sys.version.split()[0] + \
		": install one and run e.g. make PYTHON=python3.12 lab")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

clean:
	rm -rf $(VENV) work dask-scratch-space .pytest_cache
