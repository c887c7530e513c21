"""python -m autograder grade SUBMISSIONS: see autograder/grade.py."""

import sys

from autograder.grade import main

sys.exit(main())
