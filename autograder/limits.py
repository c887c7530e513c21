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

# The variables that size the libraries' thread pools (OpenMP, MKL, OpenBLAS): each kernel
# gets its share of the cores, and the grading processes one thread each.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
