"""What runs inside the sandbox, and nothing else: the zygote and the kernels it forks.

bubblewrap mounts this folder (autograder/sandbox.py), not the rest of the autograder:
nothing here may import from the rest of ``autograder`` or from ``grading/``, which
hold the references, the judges and the gradebook (tests/test_inside.py fails if
anything does). The grading program imports from here (the limits, the messages),
never the other way round.
"""
