"""Plausible wrong answers to notebook 02_pooling, each with the graded test cells it must fail.

The pipeline tests (tests/test_pipeline.py) grade each one: the correct solution
with a student's mistake edited in, cell id -> [(old text, new text)], must lose
exactly the points of the named test cells.
"""

WRONG_ANSWERS = {
    # Max pooling padded with zeros instead of -inf: wrong where the inputs are negative.
    "max_pool_pads_with_zeros": (
        {"pool2d": [('fill = float("-inf") if mode == "max" else 0.0', "fill = 0.0")]},
        {"test_pool2d"},
    ),
    # The receptive field forgets that strides spread later layers apart.
    "receptive_field_ignores_stride": (
        {"receptive_field": [("jump *= stride", "jump = 1")]},
        {"test_receptive_field"},
    ),
    # im2col's windows taken at stride 1 whatever the stride: wrong for strided convolutions.
    "im2col_ignores_stride": (
        {"im2col": [("cols[:, :, m, q] = xp[:, :, m:m + s * (h_out - 1) + 1:s, q:q + s * (w_out - 1) + 1:s]",
                     "cols[:, :, m, q] = xp[:, :, m:m + h_out, q:q + w_out]")]},
        {"test_im2col", "test_conv2d_im2col"},
    ),
    # The right numbers as a list, where a shape is a tuple.
    "output_shape_as_a_list": (
        {"conv_output_shape": [("return (n, out_channels, *spatial_out)",
                                "return [n, out_channels, *spatial_out]")]},
        {"test_conv_output_shape"},
    ),
}
