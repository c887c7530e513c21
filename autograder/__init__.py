"""The TA's side of the course: nbgrader configuration, hidden reference outputs, feedback.

Run nbgrader from this folder (it reads ``nbgrader_config.py`` here):

    cd autograder && nbgrader autograde 01_convolution
"""
