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
        {"test_corr2d": "the kernel flipped", "test_corr2d_general": "the kernel flipped",
         "test_conv2d": ("builds on your corr2d_general", "the kernel flipped")},
    ),
    # One row and column of zeros too many (at the bottom and right).
    "padding_off_by_one": (
        {"pad2d": [("torch.zeros(height + 2 * padding, width + 2 * padding",
                    "torch.zeros(height + 2 * padding + 1, width + 2 * padding + 1")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "one too many", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    # x copied into out[p:-p, p:-p]: right for every padding but 0, where the slice is empty (-0 is 0).
    "pad2d_empty_at_padding_0": (
        {"pad2d": [("out[padding:padding + height, padding:padding + width] = x",
                    "out[padding:-padding, padding:-padding] = x")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "-0 is 0", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    # The output's size taken without the padding: wrong wherever there is padding, in conv2d too.
    "corr2d_general_size_without_padding": (
        {"corr2d_general": [("h_out = conv_output_size(xp.shape[0], kh, stride, 0, dilation)",
                             "h_out = conv_output_size(x.shape[0], kh, stride, 0, dilation)"),
                            ("w_out = conv_output_size(xp.shape[1], kw, stride, 0, dilation)",
                             "w_out = conv_output_size(x.shape[1], kw, stride, 0, dilation)")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_conv2d": "builds on your corr2d_general"},
    ),
    # The two edge kernels under each other's names.
    "edge_kernels_swapped": (
        {"make_kernels": [('"vertical_edge": sobel,', '"vertical_edge": sobel.T.clone(),'),
                          ('"horizontal_edge": sobel.T.clone(),', '"horizontal_edge": sobel,')]},
        {"test_make_kernels"},
        "look swapped",
    ),
    # The horizontal edge kernel is the vertical one: turned the wrong way.
    "horizontal_edge_not_turned": (
        {"make_kernels": [('"horizontal_edge": sobel.T.clone(),', '"horizontal_edge": sobel.clone(),')]},
        {"test_make_kernels"},
        "turned by 90 degrees",
    ),
    # Blur and sharpen under each other's names.
    "blur_and_sharpen_swapped": (
        {"make_kernels": [('"blur": torch.full((3, 3), 1.0 / 9.0),', '"sharpen": torch.full((3, 3), 1.0 / 9.0),'),
                          ('"sharpen": torch.tensor([[0.0, -1.0, 0.0],', '"blur": torch.tensor([[0.0, -1.0, 0.0],')]},
        {"test_make_kernels"},
        "look swapped",
    ),
    # Ignores its num_steps argument: always the default's 100 steps (the visible check also asks for 200).
    "ignores_num_steps": (
        {"learn_kernel": [("for _ in range(num_steps):", "for _ in range(100):")]},
        {"test_learn_kernel"},
        "num_steps ignored",
    ),
}
