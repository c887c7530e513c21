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
    # numerical_gradient: a one-sided difference, (f(x + h) - f(x)) / h.
    "numerical_gradient_one_sided": (
        {"numerical_gradient": [("x[index] = old - h", "x[index] = old"), ("/ (2 * h)", "/ h")]},
        {"test_numerical_gradient"},
    ),
    # numerical_gradient: the central difference divided by h, not 2h (twice the gradient).
    "numerical_gradient_divides_by_h": (
        {"numerical_gradient": [("/ (2 * h)", "/ h")]},
        {"test_numerical_gradient"},
    ),
    # numerical_gradient: each entry left at old - h, so later entries are taken around another x.
    "numerical_gradient_not_put_back": (
        {"numerical_gradient": [("x[index] = old   # put it back: the next entries are taken around the same x",
                                 "")]},
        {"test_numerical_gradient"},
    ),
    # numerical_gradient: steps of h / 2 each side, still divided by 2h (half the gradient).
    "numerical_gradient_half_steps": (
        {"numerical_gradient": [("x[index] = old + h", "x[index] = old + h / 2"),
                                ("x[index] = old - h", "x[index] = old - h / 2")]},
        {"test_numerical_gradient"},
    ),
    # Strided backward: the padded input's gradient returned, padding and all.
    "strided_backward_keeps_the_padding": (
        {"conv2d_backward_strided": [("return grad_xp[:, :, p:p + x.shape[2], p:p + x.shape[3]], grad_weight",
                                      "return grad_xp, grad_weight")]},
        {"test_conv2d_backward_strided"},
    ),
    # Strided backward: grad_out written into the first rows and columns, as if the stride were 1.
    "strided_backward_ignores_stride": (
        {"conv2d_backward_strided": [("full[:, :, ::s, ::s] = grad_out", "full[:, :, :h_out, :w_out] = grad_out")]},
        {"test_conv2d_backward_strided"},
    ),
    # Strided backward: the padding cropped from the bottom and right only.
    "strided_backward_crops_one_side": (
        {"conv2d_backward_strided": [("grad_xp[:, :, p:p + x.shape[2], p:p + x.shape[3]]",
                                      "grad_xp[:, :, :x.shape[2], :x.shape[3]]")]},
        {"test_conv2d_backward_strided"},
    ),
    # The input gradient with the kernel flipped: wrong at stride 1, and so with stride and padding too.
    "conv_backward_flips_the_kernel": (
        {"conv2d_backward": [('torch.einsum("bo,ocmn->bcmn", g, weight)',
                              'torch.einsum("bo,ocmn->bcmn", g, weight.flip(2, 3))')]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
    ),
    # Max-pool backward: the gradient spread evenly over the window, as average pooling does.
    "max_pool_backward_spreads_evenly": (
        {"max_pool2d_backward": [("mask * grad_out[:, :, i, j, None, None]",
                                  "grad_out[:, :, i, j, None, None] / (k * k)")]},
        {"test_max_pool2d_backward"},
    ),
    # Max-pool backward: assigned instead of added, so overlapping windows overwrite each other.
    "max_pool_backward_overwrites": (
        {"max_pool2d_backward": [("j * s:j * s + k] += mask", "j * s:j * s + k] = mask")]},
        {"test_max_pool2d_backward"},
    ),
    # Max-pool backward: every output's gradient sent to the top-left pixel of its window.
    "max_pool_backward_first_pixel": (
        {"max_pool2d_backward": [("grad_x[:, :, i * s:i * s + k, j * s:j * s + k] += mask * grad_out[:, :, i, j, None, None]",
                                  "grad_x[:, :, i * s, j * s] += grad_out[:, :, i, j]")]},
        {"test_max_pool2d_backward"},
    ),
}
