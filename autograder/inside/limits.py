"""What one student's kernel may use, unless the TA says otherwise: the one place these numbers are written.

The grade command has an option for each (``--cell-timeout``, ``--notebook-timeout``,
``--memory-mb``); with nbgrader by hand, set ``c.SandboxedExecute.<name>`` in
``nbgrader_config.py``. At the fast scale no cell takes more than a few seconds:
120 s per cell is for a slow machine.
"""

LIMITS = {
    "cell_timeout": 120,       # seconds one cell may run before it is interrupted
    "notebook_timeout": 900,   # seconds a whole notebook may run
    "memory_mb": 4096,         # memory a kernel may allocate beyond its start
    "tmp_mb": 512,             # size of the kernel's private /tmp
}

# The grading program's own steps, per notebook-submission (autograder/worker.py).
GRADING = {
    "step_seconds": 300,   # seconds nbgrader's steps may take beyond the kernel's own limit: reading,
                           # sanitising, the gradebook, the feedback's HTML (about 1 s each)
    "tries": 2,            # workers a submission may take down (killed, out of memory) before its
                           # row is flagged instead (Dask's distributed.scheduler.allowed-failures + 1)
    "start_seconds": 300,  # seconds a zygote may take to import torch and the helpers and serve its
                           # first kernel (about 5 s on an idle machine; minutes on a swapping one)
    "connect_seconds": 60, # seconds to reach a Dask scheduler named by --scheduler
}

# What crosses between a kernel and the grader, and how often the grader looks at a kernel.
STREAM_CHARS = 100_000          # characters kept per stream per cell; the rest is counted
MAX_MESSAGE = 64 * 2**20        # bytes of one message from a kernel; the grader refuses anything larger
MEMORY_CHECK_SECONDS = 0.25     # how often the memory of a kernel's processes is added up
CSV_CELL_CHARS = 32_000         # characters in one cell of the TA's CSV (a spreadsheet's cell holds 32,767)

# Processes and threads of one kernel together (RLIMIT_NPROC inside, and a pids cgroup from outside).
MAX_PROCESSES = 256

# The variables that size the libraries' thread pools (OpenMP, MKL, OpenBLAS): each kernel
# gets its share of the cores, and the grading processes one thread each.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")

# What one submission may be, as the grade command's own process reads it (autograder/grade.py,
# submission.py, findings.py, feedback.py). A file over a limit costs only its own row: it is
# refused or cut, and its row says which and why. The releases are far below each of them.
FILES = {
    "notebook_mb": 20,          # a notebook's file; with its figures one is about 1 MB
    "cells": 2000,              # cells in a notebook; the longest release has under 200
    "json_depth": 64,           # nesting of a notebook's JSON; the releases' is 5, widget metadata about 10
    "json_tokens": 1_000_000,   # strings, brackets and commas in a notebook's JSON; the releases have 2,000
    "cell_chars": 100_000,      # one code cell's source; the longest of the course's is under 5,000
    "markdown_chars": 20_000,   # one cell shown as markdown (a written answer, an added cell), about
                                # 3,000 words; rendering 100,000 hostile characters took 2 s
    "source_chars": 500_000,    # all of a notebook's cells together, after each is cut; the releases' 80,000
    "code_depth": 100,          # nesting of a cell's syntax tree; the course's code is under 30 deep
    "markdown_seconds": 5,      # CPU seconds to render one cell's markdown to clean HTML
    "zip_members": 20_000,      # files in an LMS zip; a course of 300 students hands in 1,800
    "zip_total_mb": 4096,       # all a zip's files together, extracted
    "zip_ratio": 50,            # extracted size over compressed size, per file and for the zip;
                                # notebooks compress 2 to 10 times, a zip bomb 1,000 times
    "name_chars": 255,          # a file's name in a zip (a file system's limit on one name)
    "feedback_output_mb": 4,    # one output kept in a feedback page; a course figure is under 0.5 MB
    "feedback_outputs_mb": 20,  # all the outputs of one feedback page
    "cell_outputs_mb": 2,       # what one cell's run keeps in the graded notebook (figures included);
                                # a course figure is under 0.5 MB
}
