"""Plausible wrong answers to notebook 01_convolution, each with the graded test cells it must fail.

The pipeline tests (tests/test_pipeline.py) grade each one: the correct solution
with a student's mistake edited in, cell id -> [(old text, new text)], must lose
exactly the points of the named test cells.
"""

WRONG_ANSWERS = {
    # A true convolution: the kernel flipped, in both cross-correlations.
    "flipped_kernel": (
        {"corr2d": [("(x[i:i + kh, j:j + kw] * k).sum()",
                     "(x[i:i + kh, j:j + kw] * torch.flip(k, (0, 1))).sum()")],
         "corr2d_general": [("(window * k).sum()", "(window * torch.flip(k, (0, 1))).sum()")]},
        {"test_corr2d", "test_corr2d_general", "test_conv2d"},
    ),
    # One row and column of zeros too many (at the bottom and right).
    "padding_off_by_one": (
        {"pad2d": [("torch.zeros(height + 2 * padding, width + 2 * padding",
                    "torch.zeros(height + 2 * padding + 1, width + 2 * padding + 1")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
    ),
    # Ignores its num_steps argument: passes the visible check (100 steps), fails the hidden one.
    "ignores_num_steps": (
        {"learn_kernel": [("for _ in range(num_steps):", "for _ in range(100):")]},
        {"test_learn_kernel"},
    ),
}
