"""python -m autograder grade SUBMISSIONS: see autograder/grade.py."""

import sys

# Guarded: Dask's local workers are started with multiprocessing's spawn, which imports
# this module again in each of them, as "__mp_main__".
if __name__ == "__main__":
    from autograder.grade import main

    sys.exit(main())
