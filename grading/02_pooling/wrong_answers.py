"""Plausible wrong answers to notebook 02_pooling, each with the graded test cells it must fail.

The pipeline tests (tests/test_pipeline.py) grade each one: the correct solution
with a student's mistake edited in, cell id -> [(old text, new text)], must lose
exactly the points of the named test cells.
"""

WRONG_ANSWERS = {
    # pool2d: the row and column strides the other way round.
    "pool2d_strides_swapped": (
        {"pool2d": [("sh, sw = pair(stride if stride is not None else kernel_size)",
                     "sw, sh = pair(stride if stride is not None else kernel_size)")]},
        {"test_pool2d"},
        "the row and column strides swapped",
    ),
    # pool2d: a stride of 1 where None means the kernel size.
    "pool2d_default_stride_1": (
        {"pool2d": [("sh, sw = pair(stride if stride is not None else kernel_size)",
                     "sh, sw = pair(stride if stride is not None else 1)")]},
        {"test_pool2d"},
        "a stride of 1 where stride is None",
    ),
    # pool2d: the windows at i * kh, the kernel's steps, in an output of the right size.
    "pool2d_windows_at_kernel_steps": (
        {"pool2d": [("window = xp[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]",
                     "window = xp[:, :, i * kh:i * kh + kh, j * kw:j * kw + kw]")]},
        {"test_pool2d"},
        ("a slice came out empty", "the windows placed at the kernel's steps (i * kh)"),
    ),
    # pool2d: max over two dimensions at once with max, which takes one (amax takes several).
    "pool2d_max_over_a_tuple": (
        {"pool2d": [("window.amax(dim=(2, 3)) if mode", "window.max(dim=(2, 3)) if mode")]},
        {"test_pool2d"},
        ("max takes one dimension at a time", "amax(dim=(2, 3))"),
    ),
    # The receptive field without the dilation.
    "receptive_field_without_dilation": (
        {"receptive_field": [("field += (kernel - 1) * dilation * jump", "field += (kernel - 1) * jump")]},
        {"test_receptive_field"},
        "the dilation left out",
    ),
    # The receptive field with the slides' d * k span.
    "receptive_field_span_d_times_k": (
        {"receptive_field": [("field += (kernel - 1) * dilation * jump", "field += (dilation * kernel - 1) * jump")]},
        {"test_receptive_field"},
        "a layer's span taken as d * k",
    ),
    # The receptive field started at 0.
    "receptive_field_starts_at_0": (
        {"receptive_field": [("field, jump = 1, 1", "field, jump = 0, 1")]},
        {"test_receptive_field"},
        "the field started at 0 instead of 1",
    ),
    # stack_weights: the channels not squared.
    "stack_weights_channels_not_squared": (
        {"stack_weights": [("k * k * channels * channels", "k * k * channels")]},
        {"test_stack_weights"},
        "the channels not squared",
    ),
    # stack_weights: the biases counted too.
    "stack_weights_with_biases": (
        {"stack_weights": [("k * k * channels * channels", "k * k * channels * channels + channels")]},
        {"test_stack_weights"},
        "the biases counted too",
    ),
    # stack_weights: the kernel size not squared.
    "stack_weights_kernel_not_squared": (
        {"stack_weights": [("k * k * channels * channels", "k * channels * channels")]},
        {"test_stack_weights"},
        "the kernel size not squared",
    ),
    # stack_weights: the kernel size not squared and the biases counted (136 on a 3x3 and a 5x5 layer, C = 4).
    "stack_weights_kernel_not_squared_with_biases": (
        {"stack_weights": [("k * k * channels * channels", "k * channels * channels + channels")]},
        {"test_stack_weights"},
        "the kernel size not squared and the biases counted",
    ),
    # stack_weights: the channels not squared and the biases counted.
    "stack_weights_channels_not_squared_with_biases": (
        {"stack_weights": [("k * k * channels * channels", "k * k * channels + channels")]},
        {"test_stack_weights"},
        "the channels not squared and the biases counted",
    ),
    # stack_weights: the kernel's k * k added to the channels (168 on a 3x3 and a 5x5 layer, C = 4).
    "stack_weights_kernel_added_to_channels": (
        {"stack_weights": [("k * k * channels * channels", "(k * k + channels) * channels")]},
        {"test_stack_weights"},
        "the kernel's k * k added to the channels",
    ),
    # stack_weights: the kernel size doubled, k + k, rather than squared.
    "stack_weights_kernel_doubled": (
        {"stack_weights": [("k * k * channels * channels", "(k + k) * channels * channels")]},
        {"test_stack_weights"},
        "the kernel size doubled rather than squared",
    ),
    # conv2d_backward: the bias's gradient averaged over the batch.
    "conv_backward_bias_averaged_over_batch": (
        {"conv2d_backward": [("grad_bias = grad_out.sum(dim=(0, 2, 3))",
                              "grad_bias = grad_out.sum(dim=(2, 3)).mean(dim=0)")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "grad_bias averaged over the batch",
         "test_conv2d_backward_strided": ("builds on your conv2d_backward", "grad_bias averaged over the batch")},
    ),
    # conv2d_backward: the bias's gradient summed over the positions only, one row per example.
    "conv_backward_bias_not_summed_over_batch": (
        {"conv2d_backward": [("grad_bias = grad_out.sum(dim=(0, 2, 3))", "grad_bias = grad_out.sum(dim=(2, 3))")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "summed over the positions but not over the batch",
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward: grad_x averaged over the batch.
    "conv_backward_grad_x_divided_by_batch": (
        {"conv2d_backward": [("return grad_x, grad_weight, grad_bias", "return grad_x / x.shape[0], grad_weight, grad_bias")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "grad_x divided by the batch size",
         "test_conv2d_backward_strided": ("builds on your conv2d_backward", "grad_x divided by the batch size")},
    ),
    # max_pool2d_backward: the windows at i * k instead of i * s.
    "max_pool_backward_windows_at_kernel_steps": (
        {"max_pool2d_backward": [("window = x[:, :, i * s:i * s + k, j * s:j * s + k]",
                                  "window = x[:, :, i * k:i * k + k, j * k:j * k + k]"),
                                 ("grad_x[:, :, i * s:i * s + k, j * s:j * s + k] +=",
                                  "grad_x[:, :, i * k:i * k + k, j * k:j * k + k] +=")]},
        {"test_max_pool2d_backward"},
        "the windows placed at i * k",
    ),
    # max_pool2d_backward: windows s wide instead of k.
    "max_pool_backward_windows_stride_wide": (
        {"max_pool2d_backward": [("window = x[:, :, i * s:i * s + k, j * s:j * s + k]",
                                  "window = x[:, :, i * s:i * s + s, j * s:j * s + s]"),
                                 ("grad_x[:, :, i * s:i * s + k, j * s:j * s + k] +=",
                                  "grad_x[:, :, i * s:i * s + s, j * s:j * s + s] +=")]},
        {"test_max_pool2d_backward"},
        "the windows s pixels wide",
    ),
    # im2col: each column in (k, k, C) order.
    "im2col_channels_last_in_each_column": (
        {"im2col": [("cols = x.new_empty(n, c, k, k, h_out, w_out)", "cols = x.new_empty(n, k, k, c, h_out, w_out)"),
                    ("cols[:, :, m, q] = xp", "cols[:, m, q] = xp")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": ("each column in (k, k, C) order", "a column should list"),
         "test_conv2d_im2col": ("builds on your im2col", "each column in (k, k, C) order", "a column should list")},
    ),
    # im2col: the taps listed column by column.
    "im2col_taps_column_by_column": (
        {"im2col": [("cols[:, :, m, q] = xp", "cols[:, :, q, m] = xp")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "listed column by column",
         "test_conv2d_im2col": ("builds on your im2col", "listed column by column")},
    ),
    # conv2d_im2col: groups that stop before the last, smaller one (an empty torch.cat below chunk images).
    "conv2d_im2col_last_group_left_out": (
        {"conv2d_im2col": [("for start in range(0, n, chunk):", "for start in range(0, n - chunk + 1, chunk):")]},
        {"test_conv2d_im2col"},
        ("torch.cat was given an empty list", "range(0, n, chunk)"),
    ),
    # conv2d_im2col: range(n // chunk), empty where there are fewer images than the chunk.
    "conv2d_im2col_empty_cat": (
        {"conv2d_im2col": [("for start in range(0, n, chunk):\n", "for group in range(n // chunk):\n        start = group * chunk\n")]},
        {"test_conv2d_im2col"},
        ("torch.cat was given an empty list", "range(0, n, chunk)"),
    ),
    # conv2d_im2col: the bias added without a dimension for the positions.
    "conv2d_im2col_bias_not_broadcast": (
        {"conv2d_im2col": [("out = out + bias[:, None]", "out = out + bias")]},
        {"test_conv2d_im2col"},
        ("the bias", "bias[:, None]"),
    ),
    # Max pooling padded with zeros instead of -inf: wrong where the inputs are negative.
    "max_pool_pads_with_zeros": (
        {"pool2d": [('fill = float("-inf") if mode == "max" else 0.0', "fill = 0.0")]},
        {"test_pool2d"},
        "max pooling padded with zeros",
    ),
    # Average pooling padded with -inf, as max pooling is: a window over the border averages to -inf.
    "avg_pool_pads_with_minus_inf": (
        {"pool2d": [('fill = float("-inf") if mode == "max" else 0.0', 'fill = float("-inf")')]},
        {"test_pool2d"},
        ("average pooling padded with -inf", "pads with zeros, not -inf"),
    ),
    # Max pooling padded with zeros, named as such by the check.
    "max_pool_pads_with_zeros_named": (
        {"pool2d": [('fill = float("-inf") if mode == "max" else 0.0', "fill = 0.0")]},
        {"test_pool2d"},
        "max pooling padded with zeros",
    ),
    # Average pooling that leaves the padding out of the mean (PyTorch's count_include_pad=False).
    "avg_pool_excludes_padding": (
        {"pool2d": [('out[:, :, i, j] = window.amax(dim=(2, 3)) if mode == "max" else window.mean(dim=(2, 3))',
                     'out[:, :, i, j] = window.amax(dim=(2, 3)) if mode == "max" else (window.sum(dim=(2, 3)) '
                     '/ ((min(i * sh + kh, height + padding) - max(i * sh, padding)) '
                     '* (min(j * sw + kw, width + padding) - max(j * sw, padding))))')]},
        {"test_pool2d"},
        "the padding left out of the mean",
    ),
    # The output made with torch.zeros without the input's dtype: float32 for a float64 input.
    "conv_backward_zeros_in_float32": (
        {"conv2d_backward": [("grad_x = torch.zeros_like(x)", "grad_x = torch.zeros(x.shape)"),
                             ("grad_weight = torch.zeros_like(weight)", "grad_weight = torch.zeros(weight.shape)")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        ("float32", "dtype"),
    ),
    # The stride-1 gradient made with torch.zeros without the input's dtype: float32 meets float64.
    "strided_backward_zeros_in_float32": (
        {"conv2d_backward_strided": [("full = grad_out.new_zeros(n, c_out,", "full = torch.zeros(n, c_out,")]},
        {"test_conv2d_backward_strided"},
        ("float32", "dtype"),
    ),
    # Max-pool backward: grad_x made in float32 whatever x is.
    "max_pool_backward_zeros_in_float32": (
        {"max_pool2d_backward": [("grad_x = torch.zeros_like(x)", "grad_x = torch.zeros(x.shape)")]},
        {"test_max_pool2d_backward"},
        ("float32", "dtype"),
    ),
    # numerical_gradient: the gradient made in float32, which float64's differences are rounded to.
    "numerical_gradient_in_float32": (
        {"numerical_gradient": [("grad = torch.zeros_like(x)", "grad = torch.zeros(x.shape)")]},
        {"test_numerical_gradient"},
        ("float32", "dtype"),
    ),
    # The receptive field forgets that strides spread later layers apart.
    "receptive_field_ignores_stride": (
        {"receptive_field": [("jump *= stride", "jump = 1")]},
        {"test_receptive_field"},
        "the strides left out",
    ),
    # The jump multiplied by a layer's stride before that layer's growth is added.
    "receptive_field_stride_applied_early": (
        {"receptive_field": [("        field += (kernel - 1) * dilation * jump\n        jump *= stride\n",
                              "        jump *= stride\n        field += (kernel - 1) * dilation * jump\n")]},
        {"test_receptive_field"},
        "stride applied before its own growth",
    ),
    # im2col's windows taken at stride 1 whatever the stride: wrong for strided convolutions.
    "im2col_ignores_stride": (
        {"im2col": [("cols[:, :, m, q] = xp[:, :, m:m + s * (h_out - 1) + 1:s, q:q + s * (w_out - 1) + 1:s]",
                     "cols[:, :, m, q] = xp[:, :, m:m + h_out, q:q + w_out]")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "as if the stride were 1",
         "test_conv2d_im2col": ("builds on your im2col", "as if the stride were 1")},
    ),
    # im2col with the stride left out of the output's size too: every window, one pixel apart.
    "im2col_size_without_stride": (
        {"im2col": [("h_out = (height + 2 * padding - k) // s + 1", "h_out = height + 2 * padding - k + 1"),
                    ("w_out = (width + 2 * padding - k) // s + 1", "w_out = width + 2 * padding - k + 1"),
                    ("cols[:, :, m, q] = xp[:, :, m:m + s * (h_out - 1) + 1:s, q:q + s * (w_out - 1) + 1:s]",
                     "cols[:, :, m, q] = xp[:, :, m:m + h_out, q:q + w_out]")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "the stride left out",
         "test_conv2d_im2col": ("builds on your im2col", "the stride left out")},
    ),
    # The right numbers as a list, where a shape is a tuple.
    "output_shape_as_a_list": (
        {"conv_output_shape": [("return (n, out_channels, *spatial_out)",
                                "return [n, out_channels, *spatial_out]")]},
        {"test_conv_output_shape"},
        "a tuple is asked for",
    ),
    # numerical_gradient: a loop over the rows, for index in range(len(x)): x[index] is a whole row.
    "numerical_gradient_loops_over_rows": (
        {"numerical_gradient": [("for index in np.ndindex(x.shape):", "for index in range(len(x)):")]},
        {"test_numerical_gradient"},
        ("x[index] is a whole row", "np.ndindex(x.shape)"),
    ),
    # numerical_gradient: a one-sided difference, (f(x + h) - f(x)) / h.
    "numerical_gradient_one_sided": (
        {"numerical_gradient": [("x[index] = old - h", "x[index] = old"), ("/ (2 * h)", "/ h")]},
        {"test_numerical_gradient"},
        "a one-sided difference",
    ),
    # numerical_gradient: the central difference divided by h, not 2h (twice the gradient).
    "numerical_gradient_divides_by_h": (
        {"numerical_gradient": [("/ (2 * h)", "/ h")]},
        {"test_numerical_gradient"},
        "divided by h instead of 2 * h",
    ),
    # numerical_gradient: each entry left at old - h, so later entries are taken around another x.
    "numerical_gradient_not_put_back": (
        {"numerical_gradient": [("x[index] = old   # put it back: the next entries are taken around the same x",
                                 "")]},
        {"test_numerical_gradient"},
        "every entry left at old - h",
    ),
    # numerical_gradient: steps of h / 2 each side, still divided by 2h (half the gradient).
    "numerical_gradient_half_steps": (
        {"numerical_gradient": [("x[index] = old + h", "x[index] = old + h / 2"),
                                ("x[index] = old - h", "x[index] = old - h / 2")]},
        {"test_numerical_gradient"},
        "half the gradient",
    ),
    # numerical_gradient: / 2 * h, which divides by 2 and then multiplies by h.
    "numerical_gradient_divides_by_2_times_h": (
        {"numerical_gradient": [("/ (2 * h)", "/ 2 * h")]},
        {"test_numerical_gradient"},
        "/ 2 * h is (... / 2) * h",
    ),
    # numerical_gradient: f(x - h e) - f(x + h e), the difference the wrong way round.
    "numerical_gradient_reversed_difference": (
        {"numerical_gradient": [("(f_plus - f_minus)", "(f_minus - f_plus)")]},
        {"test_numerical_gradient"},
        "the difference the wrong way round",
    ),
    # numerical_gradient: the second value of f taken at old, still divided by 2h.
    "numerical_gradient_second_value_at_old": (
        {"numerical_gradient": [("x[index] = old - h", "x[index] = old")]},
        {"test_numerical_gradient"},
        "the second value of f was taken at old",
    ),
    # numerical_gradient: each entry left at old + h.
    "numerical_gradient_left_at_old_plus_h": (
        {"numerical_gradient": [("x[index] = old   # put it back: the next entries are taken around the same x",
                                 "x[index] = old + h")]},
        {"test_numerical_gradient"},
        "every entry left at old + h",
    ),
    # conv2d_backward: grad_x's windows assigned with =, so overlapping windows overwrite each other.
    "conv_backward_assigns_grad_x": (
        {"conv2d_backward": [("grad_x[:, :, i:i + kh, j:j + kw] += ", "grad_x[:, :, i:i + kh, j:j + kw] = ")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "grad_x's windows assigned with = instead of added with +=",
         "test_conv2d_backward_strided": ("builds on your conv2d_backward",
                                          "grad_x's windows assigned with = instead of added with +=")},
    ),
    # conv2d_backward: grad_weight assigned with =, so only the last position's contribution is left.
    "conv_backward_assigns_grad_weight": (
        {"conv2d_backward": [("grad_weight += torch.einsum", "grad_weight = torch.einsum")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "grad_weight assigned with = instead of added with +=",
         "test_conv2d_backward_strided": ("builds on your conv2d_backward",
                                          "grad_weight assigned with = instead of added with +=")},
    ),
    # conv2d_backward: grad_bias assigned in the loop, the last position's alone.
    "conv_backward_assigns_grad_bias": (
        {"conv2d_backward": [("grad_bias = grad_out.sum(dim=(0, 2, 3))", "grad_bias = 0"),
                             ("            g = grad_out[:, :, i, j]                    # (N, C_out)\n",
                              "            g = grad_out[:, :, i, j]                    # (N, C_out)\n"
                              "            grad_bias = g.sum(0)\n")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "grad_bias assigned with =",
         "test_conv2d_backward_strided": ("builds on your conv2d_backward", "grad_bias assigned with =")},
    ),
    # conv2d_backward: grad_bias as a mean.
    "conv_backward_bias_mean": (
        {"conv2d_backward": [("grad_bias = grad_out.sum(dim=(0, 2, 3))", "grad_bias = grad_out.mean(dim=(0, 2, 3))")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "grad_bias as the mean of grad_out",
         "test_conv2d_backward_strided": ("builds on your conv2d_backward", "grad_bias as the mean")},
    ),
    # conv2d_backward: grad_bias of the first example only.
    "conv_backward_bias_first_example": (
        {"conv2d_backward": [("grad_bias = grad_out.sum(dim=(0, 2, 3))", "grad_bias = grad_out[0].sum(dim=(1, 2))")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "the first example only",
         "test_conv2d_backward_strided": ("builds on your conv2d_backward", "the first example only")},
    ),
    # conv2d_backward: grad_weight averaged over the batch.
    "conv_backward_weight_mean_over_batch": (
        {"conv2d_backward": [('torch.einsum("bo,bcmn->ocmn", g, window)',
                              'torch.einsum("bo,bcmn->ocmn", g, window) / x.shape[0]')]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "divided by the batch size",
         "test_conv2d_backward_strided": ("builds on your conv2d_backward", "divided by the batch size")},
    ),
    # conv2d_backward: the loops over the output positions one short.
    "conv_backward_loops_one_short": (
        {"conv2d_backward": [("for i in range(h_out):\n        for j in range(w_out):",
                              "for i in range(h_out - 1):\n        for j in range(w_out - 1):")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "stop one short",
         "test_conv2d_backward_strided": ("builds on your conv2d_backward", "stop one short")},
    ),
    # relative_change: the 0-d tensor itself, not the Python float the statement asks for.
    # relative_change: floor division, which gives 1 = 15 / 15 on one case (named only where every case agrees).
    "relative_change_floor_division": (
        {"relative_change": [("((a - b).abs().sum() / a.abs().sum())", "((a - b).abs().sum() // a.abs().sum())")]},
        {"test_relative_change"},
        "floor division, //",
    ),
    # relative_change: |a| - |b|, which gives 9 / 10 on one case, as the norm of a - b does.
    "relative_change_difference_of_magnitudes": (
        {"relative_change": [("((a - b).abs().sum() / a.abs().sum())",
                              "((a.abs() - b.abs()).abs().sum() / a.abs().sum())")]},
        {"test_relative_change"},
        "|a| - |b|, the difference of the magnitudes",
    ),
    # relative_change: the sums cut to whole numbers, right on whole-number inputs only.
    "relative_change_int_truncation": (
        {"relative_change": [("return ((a - b).abs().sum() / a.abs().sum()).item()",
                              "return int((a - b).abs().sum()) / int(a.abs().sum())")]},
        {"test_relative_change"},
        "the sums cut to whole numbers with int()",
    ),
    # conv2d_im2col: C_out read from weight's second axis, C_in.
    "conv2d_im2col_c_out_from_axis_1": (
        {"conv2d_im2col": [("c_out, _, k, _ = weight.shape", "_, c_out, k, _ = weight.shape")]},
        {"test_conv2d_im2col"},
        ("the flattened filters do not fit the columns", "C_out is weight.shape[0]"),
    ),
    # make_cnn: features not carried forward (no features = units), so the last Linear takes the flattened map.
    "make_cnn_hidden_size_not_carried": (
        {"make_cnn": [("        layers += [nn.Linear(features, units), nn.ReLU()]\n        features = units",
                       "        layers += [nn.Linear(features, units), nn.ReLU()]")]},
        {"test_make_cnn"},
        ("each linear layer after the first takes the previous one's out_features",
         "nn.Linear(fc_units[-1], num_classes)"),
    ),
    # make_cnn: average pooling where the exercise asks for max pooling.
    "make_cnn_avg_pool": (
        {"make_cnn": [("layers.append(nn.MaxPool2d(2))", "layers.append(nn.AvgPool2d(2))")]},
        {"test_make_cnn"},
        ("The model has AvgPool2d", "nn.MaxPool2d(2)"),
    ),
    "relative_change_as_a_tensor": (
        {"relative_change": [("a.abs().sum()).item()", "a.abs().sum())")]},
        {"test_relative_change"},
        "relative_change returns a Python float",
    ),
    # relative_change: .item without its parentheses, the method itself.
    "relative_change_item_not_called": (
        {"relative_change": [("a.abs().sum()).item()", "a.abs().sum()).item")]},
        {"test_relative_change"},
        ("`item` itself, not its result", ".item()"),
    ),
    # relative_change: a 0-d NumPy array, not a Python float.
    "relative_change_as_a_numpy_array": (
        {"relative_change": [("a.abs().sum()).item()", "a.abs().sum()).numpy()")]},
        {"test_relative_change"},
        "relative_change returns a Python float",
    ),
    # relative_change: divided by sum |b|, infinite where b is zero.
    "relative_change_over_b": (
        {"relative_change": [("a.abs().sum()", "b.abs().sum()")]},
        {"test_relative_change"},
        "divided by the sum of |b|",
    ),
    # relative_change: no absolute values.
    "relative_change_without_abs": (
        {"relative_change": [("((a - b).abs().sum() / a.abs().sum())", "((a - b).sum() / a.sum())")]},
        {"test_relative_change"},
        "the absolute values left out",
    ),
    # relative_change: the absolute values after the sums.
    "relative_change_abs_after_sums": (
        {"relative_change": [("((a - b).abs().sum() / a.abs().sum())", "((a - b).sum().abs() / a.sum().abs())")]},
        {"test_relative_change"},
        "the absolute values taken after summing",
    ),
    # relative_change: divided by |sum a|.
    "relative_change_over_abs_of_sum": (
        {"relative_change": [("((a - b).abs().sum() / a.abs().sum())", "((a - b).abs().sum() / a.sum().abs())")]},
        {"test_relative_change"},
        "divided by |sum a|",
    ),
    # relative_change: squares for absolute values.
    "relative_change_squares": (
        {"relative_change": [("((a - b).abs().sum() / a.abs().sum())", "(((a - b) ** 2).sum() / (a ** 2).sum())")]},
        {"test_relative_change"},
        "squares instead of absolute values",
    ),
    # relative_change: norms.
    "relative_change_norms": (
        {"relative_change": [("((a - b).abs().sum() / a.abs().sum())", "((a - b).norm() / a.norm())")]},
        {"test_relative_change"},
        "norms instead of sums",
    ),
    # relative_change: divided by sum |a| + sum |b|.
    "relative_change_over_both": (
        {"relative_change": [("((a - b).abs().sum() / a.abs().sum())",
                              "((a - b).abs().sum() / (a.abs().sum() + b.abs().sum()))")]},
        {"test_relative_change"},
        "divided by sum |a| + sum |b|",
    ),
    # relative_change: the mean of the value-by-value ratios.
    "relative_change_mean_of_ratios": (
        {"relative_change": [("((a - b).abs().sum() / a.abs().sum())", "((a - b).abs() / a.abs()).mean()")]},
        {"test_relative_change"},
        "taken value by value",
    ),
    # Strided backward: the padded input's gradient returned, padding and all.
    "strided_backward_keeps_the_padding": (
        {"conv2d_backward_strided": [("return grad_xp[:, :, p:p + x.shape[2], p:p + x.shape[3]], grad_weight",
                                      "return grad_xp, grad_weight")]},
        {"test_conv2d_backward_strided"},
        "the padding was not cropped off",
    ),
    # Strided backward: grad_out written into the first rows and columns, as if the stride were 1.
    "strided_backward_ignores_stride": (
        {"conv2d_backward_strided": [("full[:, :, ::s, ::s] = grad_out", "full[:, :, :h_out, :w_out] = grad_out")]},
        {"test_conv2d_backward_strided"},
        "as if the stride were 1",
    ),
    # Strided backward: the padding cropped from the bottom and right only.
    "strided_backward_crops_one_side": (
        {"conv2d_backward_strided": [("grad_xp[:, :, p:p + x.shape[2], p:p + x.shape[3]]",
                                      "grad_xp[:, :, :x.shape[2], :x.shape[3]]")]},
        {"test_conv2d_backward_strided"},
        "cropped from the bottom and right only",
    ),
    # The input gradient with the kernel flipped: wrong at stride 1, and so with stride and padding too.
    "conv_backward_flips_the_kernel": (
        {"conv2d_backward": [('torch.einsum("bo,ocmn->bcmn", g, weight)',
                              'torch.einsum("bo,ocmn->bcmn", g, weight.flip(2, 3))')]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "the kernel flipped",
         "test_conv2d_backward_strided": ("builds on your conv2d_backward", "the kernel flipped")},
    ),
    # Max-pool backward: the gradient spread evenly over the window, as average pooling does.
    "max_pool_backward_spreads_evenly": (
        {"max_pool2d_backward": [("mask * grad_out[:, :, i, j, None, None]",
                                  "grad_out[:, :, i, j, None, None] / (k * k)")]},
        {"test_max_pool2d_backward"},
        "spread evenly over each window",
    ),
    # Max-pool backward: assigned instead of added, so overlapping windows overwrite each other.
    "max_pool_backward_overwrites": (
        {"max_pool2d_backward": [("j * s:j * s + k] += mask", "j * s:j * s + k] = mask")]},
        {"test_max_pool2d_backward"},
        "assigned with = instead of added with +=",
    ),
    # Max-pool backward: the gradient assigned at each window's maximum, so a pixel that wins several keeps one.
    "max_pool_backward_assigns_at_the_maximum": (
        {"max_pool2d_backward": [("grad_x[:, :, i * s:i * s + k, j * s:j * s + k] += mask * grad_out[:, :, i, j, None, None]",
                                  "grad_x[:, :, i * s:i * s + k, j * s:j * s + k][mask] = "
                                  "grad_out[:, :, i, j, None, None].expand_as(mask)[mask]")]},
        {"test_max_pool2d_backward"},
        "assigned with = ",
    ),
    # Max-pool backward: every output's gradient sent to the top-left pixel of its window.
    "max_pool_backward_first_pixel": (
        {"max_pool2d_backward": [("grad_x[:, :, i * s:i * s + k, j * s:j * s + k] += mask * grad_out[:, :, i, j, None, None]",
                                  "grad_x[:, :, i * s, j * s] += grad_out[:, :, i, j]")]},
        {"test_max_pool2d_backward"},
        "the top-left pixel of its window",
    ),
    # numerical_gradient: old = x[index] without .item(), a view that changes with x: the second value of f is
    # taken at old, though the code says old - h.
    "numerical_gradient_old_is_a_view": (
        {"numerical_gradient": [("old = x[index].item()", "old = x[index]")]},
        {"test_numerical_gradient"},
        ("the second value of f was taken at old", "without .item() is a view of x"),
    ),
    # numerical_gradient: f(x + h) - f(x - h), every entry of x moved at once.
    "numerical_gradient_moves_every_entry": (
        {"numerical_gradient": [("        old = x[index].item()\n        x[index] = old + h\n        f_plus = float(f(x))\n"
                                 "        x[index] = old - h\n        f_minus = float(f(x))\n"
                                 "        x[index] = old   # put it back: the next entries are taken around the same x\n",
                                 "        f_plus = float(f(x + h))\n        f_minus = float(f(x - h))\n")]},
        {"test_numerical_gradient"},
        "moves every entry of x at once",
    ),
    # numerical_gradient: a step written into the function, whatever h is passed in.
    "numerical_gradient_ignores_h": (
        {"numerical_gradient": [("grad = torch.zeros_like(x)", "grad = torch.zeros_like(x)\n    h = 1e-6")]},
        {"test_numerical_gradient"},
        "another step than the h passed in",
    ),
    # numerical_gradient written with a perturbation tensor and no change to x: right.
    "numerical_gradient_with_a_perturbation_tensor": (
        {"numerical_gradient": [("        old = x[index].item()\n        x[index] = old + h\n        f_plus = float(f(x))\n"
                                 "        x[index] = old - h\n        f_minus = float(f(x))\n"
                                 "        x[index] = old   # put it back: the next entries are taken around the same x\n",
                                 "        e = torch.zeros_like(x)\n        e[index] = h\n"
                                 "        f_plus, f_minus = f(x + e), f(x - e)\n")]},
        set(),
    ),
    # global_avg_pool: the sum, not the mean.
    "global_avg_pool_sum": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.sum(dim=(2, 3))")]},
        {"test_global_avg_pool"},
        "the sum over height and width, not the mean",
    ),
    # global_avg_pool: keepdim=True, (N, C, 1, 1).
    "global_avg_pool_keepdim": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.mean(dim=(2, 3), keepdim=True)")]},
        {"test_global_avg_pool"},
        "the mean kept its dimensions",
    ),
    # global_avg_pool: the mean over the batch too.
    "global_avg_pool_over_the_batch": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.mean(dim=(0, 2, 3))")]},
        {"test_global_avg_pool"},
        "the mean over the batch too",
    ),
    # global_avg_pool: the wrong axes, (1, 2).
    "global_avg_pool_wrong_axes": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.mean(dim=(1, 2))")]},
        {"test_global_avg_pool"},
        "the mean over dimensions (1, 2)",
    ),
    # global_avg_pool: .squeeze(), which eats a batch of one.
    "global_avg_pool_squeezes_the_batch": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return F.adaptive_avg_pool2d(x, 1).squeeze()")]},
        {"test_global_avg_pool"},
        ".squeeze() removed the batch dimension",
    ),
    # global_avg_pool: a square window as wide as the map, on maps that are not square.
    "global_avg_pool_square_window_of_the_width": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return F.avg_pool2d(x, x.shape[3]).flatten(1)")]},
        {"test_global_avg_pool"},
        "a square window as wide as the map",
    ),
    # global_avg_pool: a square window as tall as the map, larger than its width.
    "global_avg_pool_square_window_of_the_height": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return F.avg_pool2d(x, x.shape[2]).flatten(1)")]},
        {"test_global_avg_pool"},
        "a pooling window larger than the map on one side",
    ),
    # global_avg_pool as two means, or a view and a mean: right.
    "global_avg_pool_two_means": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.mean(dim=-1).mean(dim=-1)")]},
        set(),
    ),
    "global_avg_pool_view_and_mean": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.view(x.shape[0], x.shape[1], -1).mean(dim=2)")]},
        set(),
    ),
    # conv_output_shape: (n + 2p - k) // s, the first window not counted.
    "output_shape_without_plus_1": (
        {"conv_output_shape": [("spatial_out = [(size + 2 * padding - kernel_size) // stride + 1 for size in spatial]",
                                "spatial_out = [(size + 2 * padding - kernel_size) // stride for size in spatial]")]},
        {"test_conv_output_shape"},
        "the + 1 left out",
    ),
    # conv_output_shape: the division rounded up.
    "output_shape_rounded_up": (
        {"conv_output_shape": [("spatial_out = [(size + 2 * padding - kernel_size) // stride + 1 for size in spatial]",
                                "spatial_out = [-(-(size + 2 * padding - kernel_size) // stride) + 1 for size in spatial]")]},
        {"test_conv_output_shape"},
        "the division rounded up",
    ),
    # conv_output_shape: the padding added on one side only.
    "output_shape_padding_once": (
        {"conv_output_shape": [("spatial_out = [(size + 2 * padding - kernel_size) // stride + 1 for size in spatial]",
                                "spatial_out = [(size + padding - kernel_size) // stride + 1 for size in spatial]")]},
        {"test_conv_output_shape"},
        "the padding counted once",
    ),
    # conv_output_shape: (n + 2p - k + 1) // s.
    "output_shape_plus_1_before_the_stride": (
        {"conv_output_shape": [("spatial_out = [(size + 2 * padding - kernel_size) // stride + 1 for size in spatial]",
                                "spatial_out = [(size + 2 * padding - kernel_size + 1) // stride for size in spatial]")]},
        {"test_conv_output_shape"},
        "the + 1 added before dividing by the stride",
    ),
    # conv_output_shape: the stride left out.
    # conv_output_shape: an extra - 1, which gives what a + 1 before dividing gives on the Conv2d case only.
    "output_shape_extra_minus_1": (
        {"conv_output_shape": [("(size + 2 * padding - kernel_size) // stride + 1",
                                "(size + 2 * padding - kernel_size - 1) // stride + 1")]},
        {"test_conv_output_shape"},
        "an extra - 1 in the formula",
    ),
    "output_shape_without_stride": (
        {"conv_output_shape": [("spatial_out = [(size + 2 * padding - kernel_size) // stride + 1 for size in spatial]",
                                "spatial_out = [size + 2 * padding - kernel_size + 1 for size in spatial]")]},
        {"test_conv_output_shape"},
        "the stride left out",
    ),
    # conv_output_shape: the first spatial axis's size for every axis.
    "output_shape_first_axis_for_all": (
        {"conv_output_shape": [("spatial_out = [(size + 2 * padding - kernel_size) // stride + 1 for size in spatial]",
                                "spatial_out = [(spatial[0] + 2 * padding - kernel_size) // stride + 1 for size in spatial]")]},
        {"test_conv_output_shape"},
        "the first spatial axis's size used for every axis",
    ),
    # conv_output_shape: the input's channels kept.
    "output_shape_keeps_in_channels": (
        {"conv_output_shape": [("n, _, *spatial = input_shape",
                                "n, c_in, *spatial = input_shape"),
                               ("return (n, out_channels, *spatial_out)",
                                "return (n, c_in, *spatial_out)")]},
        {"test_conv_output_shape"},
        "the input's channels kept",
    ),
    # conv_output_shape: N left out.
    "output_shape_without_batch": (
        {"conv_output_shape": [("return (n, out_channels, *spatial_out)",
                                "return (out_channels, *spatial_out)")]},
        {"test_conv_output_shape"},
        "the batch size N left out",
    ),
    # conv_output_shape: the spatial sizes nested in a list.
    "output_shape_nested_sizes": (
        {"conv_output_shape": [("return (n, out_channels, *spatial_out)",
                                "return (n, out_channels, spatial_out)")]},
        {"test_conv_output_shape"},
        "nested in a list",
    ),
    # conv_output_shape: n, c, h, w = input_shape, two spatial axes only.
    "output_shape_two_spatial_axes_only": (
        {"conv_output_shape": [("n, _, *spatial = input_shape",
                                "n, _, h, w = input_shape\n    spatial = [h, w]")]},
        {"test_conv_output_shape"},
        "n, c, *spatial = shape",
    ),
    # conv_output_shape: / for //, a float size.
    "output_shape_float_division": (
        {"conv_output_shape": [("spatial_out = [(size + 2 * padding - kernel_size) // stride + 1 for size in spatial]",
                                "spatial_out = [(size + 2 * padding - kernel_size) / stride + 1 for size in spatial]")]},
        {"test_conv_output_shape"},
        "Use floor division",
    ),
    # conv_output_shape: int() of a true division: the same as // for these positive sizes, right.
    "output_shape_int_of_a_division": (
        {"conv_output_shape": [("spatial_out = [(size + 2 * padding - kernel_size) // stride + 1 for size in spatial]",
                                "spatial_out = [int((size + 2 * padding - kernel_size) / stride) + 1 for size in spatial]")]},
        set(),
    ),
    # conv_output_shape: a torch.Size, a tuple: right.
    "output_shape_as_torch_size": (
        {"conv_output_shape": [("return (n, out_channels, *spatial_out)",
                                "return torch.Size([n, out_channels, *spatial_out])")]},
        set(),
    ),
    # make_cnn for one-channel images: the first convolution takes 1 channel, whatever in_channels is.
    "make_cnn_first_convolution_one_channel": (
        {"make_cnn": [("layers, channels, size = [], in_channels, image_size",
                       "layers, channels, size = [], 1, image_size")]},
        {"test_make_cnn"},
        "a network for one-channel (grayscale) images",
    ),
    # make_cnn: nn.Flatten(0), which flattens the batch into the features.
    "make_cnn_flatten_0": (
        {"make_cnn": [("nn.Flatten()", "nn.Flatten(0)")]},
        {"test_make_cnn"},
        "the batch dimension was flattened into the features",
    ),
    # make_cnn: the feature count from one side of the map only.
    "make_cnn_features_from_one_side": (
        {"make_cnn": [("features = channels * size * size", "features = channels * size")]},
        {"test_make_cnn"},
        "the height alone, channels * size",
    ),
    # make_cnn: the feature count with the images' channels.
    "make_cnn_features_from_in_channels": (
        {"make_cnn": [("features = channels * size * size", "features = in_channels * size * size")]},
        {"test_make_cnn"},
        "the images' channels, in_channels",
    ),
    # make_cnn: the feature count with the first block's channels.
    "make_cnn_features_from_the_first_block": (
        {"make_cnn": [("features = channels * size * size", "features = conv_channels[0] * size * size")]},
        {"test_make_cnn"},
        "the first block's channels",
    ),
    # make_cnn: the size never halved.
    "make_cnn_size_not_halved": (
        {"make_cnn": [("        size //= 2\n", "")]},
        {"test_make_cnn"},
        "image_size not halved by the poolings",
    ),
    # make_cnn: image_size // (2 * M), right for M = 1 and 2 only.
    "make_cnn_size_over_2_times_m": (
        {"make_cnn": [("features = channels * size * size",
                       "features = channels * (image_size // (2 * len(conv_channels))) ** 2")]},
        {"test_make_cnn"},
        "image_size // (2 * M)",
    ),
    # make_cnn: size /= 2, a float feature count.
    "make_cnn_float_size": (
        {"make_cnn": [("size //= 2", "size /= 2")]},
        {"test_make_cnn"},
        "a layer built with a float size",
    ),
    # make_cnn: channels not updated, every convolution from the images' channels.
    "make_cnn_channels_not_updated": (
        {"make_cnn": [("            channels = width\n", "")]},
        {"test_make_cnn"},
        "takes the previous one's out_channels",
    ),
    # make_cnn: 3x3 convolutions without padding.
    "make_cnn_without_padding": (
        {"make_cnn": [("layers += [nn.Conv2d(channels, width, 3, padding=1), nn.ReLU()]",
                       "layers += [nn.Conv2d(channels, width, 3), nn.ReLU()]")]},
        {"test_make_cnn"},
        "every convolution is 3x3 with padding 1",
    ),
    # make_cnn: a ReLU after the last linear layer (the count of parameters and the output's shape are right).
    "make_cnn_relu_after_the_last_linear": (
        {"make_cnn": [("layers.append(nn.Linear(features, num_classes))",
                       "layers += [nn.Linear(features, num_classes), nn.ReLU()]")]},
        {"test_make_cnn"},
        "a ReLU after the last nn.Linear",
    ),
    # make_cnn: one convolution per block, n ignored.
    "make_cnn_one_convolution_per_block": (
        {"make_cnn": [("for _ in range(n):", "for _ in range(1):")]},
        {"test_make_cnn"},
        "one convolution per block",
    ),
    # make_cnn: the pooling inside the loop over n, after every convolution.
    "make_cnn_pool_after_every_convolution": (
        {"make_cnn": [("        layers.append(nn.MaxPool2d(2))\n        size //= 2\n", ""),
                      ("            channels = width\n",
                       "            channels = width\n            layers.append(nn.MaxPool2d(2))\n            size //= 2\n")]},
        {"test_make_cnn"},
        "after the loop over n",
    ),
    # make_cnn: one hidden linear layer even where fc_units is empty.
    "make_cnn_always_a_hidden_layer": (
        {"make_cnn": [("    for units in fc_units:\n", "    for units in fc_units or [64]:\n")]},
        {"test_make_cnn"},
        "the three-block model's layers, in order",
    ),
    # make_cnn with padding="same", in-place ReLUs, a block per nn.Sequential, or lazy linear layers: right.
    "make_cnn_same_padding_in_place_relu": (
        {"make_cnn": [("layers += [nn.Conv2d(channels, width, 3, padding=1), nn.ReLU()]",
                       "layers += [nn.Conv2d(channels, width, 3, padding=\"same\"), nn.ReLU(inplace=True)]")]},
        set(),
    ),
    "make_cnn_a_sequential_per_block": (
        {"make_cnn": [("            layers += [nn.Conv2d(channels, width, 3, padding=1), nn.ReLU()]\n"
                       "            channels = width\n        layers.append(nn.MaxPool2d(2))\n",
                       "            block += [nn.Conv2d(channels, width, 3, padding=1), nn.ReLU()]\n"
                       "            channels = width\n        layers.append(nn.Sequential(*block, nn.MaxPool2d(2)))\n"),
                      ("    for width in conv_channels:\n", "    for width in conv_channels:\n        block = []\n")]},
        set(),
    ),
    "make_cnn_lazy_linear_layers": (
        {"make_cnn": [("layers += [nn.Linear(features, units), nn.ReLU()]", "layers += [nn.LazyLinear(units), nn.ReLU()]"),
                      ("layers.append(nn.Linear(features, num_classes))", "layers.append(nn.LazyLinear(num_classes))")]},
        set(),
    ),
    # Strided backward: the padding cropped with p:-p, empty where p is 0.
    "strided_backward_crops_p_to_minus_p": (
        {"conv2d_backward_strided": [("grad_xp[:, :, p:p + x.shape[2], p:p + x.shape[3]]", "grad_xp[:, :, p:-p, p:-p]")]},
        {"test_conv2d_backward_strided"},
        "since -0 is 0",
    ),
    # Strided backward: the crop p:H, p rows short.
    "strided_backward_crops_p_to_h": (
        {"conv2d_backward_strided": [("grad_xp[:, :, p:p + x.shape[2], p:p + x.shape[3]]", "grad_xp[:, :, p:x.shape[2], p:x.shape[3]]")]},
        {"test_conv2d_backward_strided"},
        "the crop stops p rows and p columns short",
    ),
    # Strided backward: F.pad(x, (p, p)), which pads the width only.
    "strided_backward_pads_the_width_only": (
        {"conv2d_backward_strided": [("xp = F.pad(x, (p, p, p, p))", "xp = F.pad(x, (p, p))")]},
        {"test_conv2d_backward_strided"},
        ("the zeros that grad_out is written into are the wrong size", "pads the width only"),
    ),
    # Strided backward: the stride-1 gradient sized from x, without the padding.
    "strided_backward_zeros_sized_from_x": (
        {"conv2d_backward_strided": [("xp.shape[2] - kh + 1, xp.shape[3] - kw + 1", "x.shape[2] - kh + 1, x.shape[3] - kw + 1")]},
        {"test_conv2d_backward_strided"},
        ("the zeros that grad_out is written into are the wrong size", "not from x"),
    ),
    # Strided backward: the stride-1 gradient sized h_out * s, past the padded input's last window.
    "strided_backward_zeros_sized_h_out_times_s": (
        {"conv2d_backward_strided": [("xp.shape[2] - kh + 1, xp.shape[3] - kw + 1", "h_out * s, w_out * s")]},
        {"test_conv2d_backward_strided"},
        ("the zeros that grad_out is written into are the wrong size", "h_out * s"),
    ),
    # Strided backward: the padding cropped by the padded input's size: right.
    "strided_backward_crops_by_the_padded_size": (
        {"conv2d_backward_strided": [("grad_xp[:, :, p:p + x.shape[2], p:p + x.shape[3]]", "grad_xp[:, :, p:grad_xp.shape[2] - p, p:grad_xp.shape[3] - p]")]},
        set(),
    ),
    # receptive_field: the tuple unpacked in the formula's order, k, d, s (a layer is (k, s, d)).
    "receptive_field_unpacked_k_d_s": (
        {"receptive_field": [("for kernel, stride, dilation in layers", "for kernel, dilation, stride in layers")]},
        {"test_receptive_field"},
        ("unpacked in another order", "for kernel, dilation, stride in layers"),
    ),
    # receptive_field: the stride first, (s, k, d).
    "receptive_field_unpacked_s_k_d": (
        {"receptive_field": [("for kernel, stride, dilation in layers", "for stride, kernel, dilation in layers")]},
        {"test_receptive_field"},
        ("unpacked in another order", "for stride, kernel, dilation in layers"),
    ),
    # receptive_field: the top-down recurrence r = (r - 1) s + d (k - 1) + 1 over the layers from the first up.
    "receptive_field_top_down_not_reversed": (
        {"receptive_field": [("field, jump = 1, 1\n    for kernel, stride, dilation in layers:\n"
                              "        field += (kernel - 1) * dilation * jump\n        jump *= stride",
                              "field = 1\n    for kernel, stride, dilation in layers:\n"
                              "        field = (field - 1) * stride + dilation * (kernel - 1) + 1")]},
        {"test_receptive_field"},
        ("the top-down one, r = (r - 1) * s + d * (k - 1) + 1, run from the first layer up", "reversed(layers)"),
    ),
    # receptive_field: the bottom-up recurrence over reversed(layers), which needs the layers in order.
    "receptive_field_bottom_up_reversed": (
        {"receptive_field": [("for kernel, stride, dilation in layers:", "for kernel, stride, dilation in reversed(layers):")]},
        {"test_receptive_field"},
        ("the bottom-up one, r += (k - 1) * d * j, then j *= s, run over reversed(layers)", "first to last"),
    ),
    # receptive_field: the top-down recurrence over reversed(layers): right.
    "accepted_receptive_field_top_down_reversed": (
        {"receptive_field": [("field, jump = 1, 1\n    for kernel, stride, dilation in layers:\n"
                              "        field += (kernel - 1) * dilation * jump\n        jump *= stride",
                              "field = 1\n    for kernel, stride, dilation in reversed(layers):\n"
                              "        field = (field - 1) * stride + dilation * (kernel - 1) + 1")]},
        set(),
    ),
    # relative_change: the ratio rounded to two decimal places.
    "relative_change_rounded": (
        {"relative_change": [("return ((a - b).abs().sum() / a.abs().sum()).item()",
                              "return round(((a - b).abs().sum() / a.abs().sum()).item(), 2)")]},
        {"test_relative_change"},
        "rounded to 2 decimal places",
    ),
    # conv2d_im2col: the columns of the whole batch in one call, though the statement asks for chunks.
    "conv2d_im2col_whole_batch_in_one_call": (
        {"conv2d_im2col": [("for start in range(0, n, chunk):\n        cols = im2col(x[start:start + chunk], k, stride, padding)",
                            "for start in range(0, 1):\n        cols = im2col(x, k, stride, padding)")]},
        {"test_conv2d_im2col"},
        ("the whole batch", "chunk images at a time"),
    ),
    # conv2d_im2col: the groups from x.split(chunk): right.
    "accepted_conv2d_im2col_split": (
        {"conv2d_im2col": [("for start in range(0, n, chunk):\n        cols = im2col(x[start:start + chunk], k, stride, padding)",
                            "for group in x.split(chunk):\n        cols = im2col(group, k, stride, padding)")]},
        set(),
    ),
    # conv2d_im2col: im2col given the padding and the stride the other way round (a stride of 0 divides by zero).
    "conv2d_im2col_settings_in_another_order": (
        {"conv2d_im2col": [("im2col(x[start:start + chunk], k, stride, padding)", "im2col(x[start:start + chunk], k, padding, stride)")]},
        {"test_conv2d_im2col"},
        ("passed its settings on to im2col in another order", "stride=stride, padding=padding"),
    ),
    # pool2d: the window reduced over dimensions 1 and 2 (channels and rows) instead of 2 and 3.
    "pool2d_reduced_over_dims_1_2": (
        {"pool2d": [("window.amax(dim=(2, 3)) if mode", "window.amax(dim=(1, 2)) if mode")]},
        {"test_pool2d"},
        ("reduced over other dimensions", ".amax(dim=(2, 3))"),
    ),
    # pool2d: the windows sliced from x, not from the padded input.
    "pool2d_windows_from_x": (
        {"pool2d": [("window = xp[:, :,", "window = x[:, :,")]},
        {"test_pool2d"},
        "the windows taken from x instead of the padded input xp",
    ),
    # pool2d: the strides swapped where the windows start, the output's size right.
    "pool2d_strides_swapped_in_the_starts": (
        {"pool2d": [("window = xp[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]",
                     "window = xp[:, :, i * sw:i * sw + kh, j * sh:j * sh + kw]")]},
        {"test_pool2d"},
        ("a slice came out empty", "strides swapped there"),
    ),
    # pool2d: the output's size without the padding.
    "pool2d_size_without_padding": (
        {"pool2d": [("h_out = (height + 2 * padding - kh) // sh + 1\n    w_out = (width + 2 * padding - kw) // sw + 1",
                     "h_out = (height - kh) // sh + 1\n    w_out = (width - kw) // sw + 1")]},
        {"test_pool2d"},
        "the output's size computed without the padding",
    ),
    # pool2d: kh and kw swapped in the window's slice only.
    "pool2d_kh_kw_swapped_in_the_slice": (
        {"pool2d": [("window = xp[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]",
                     "window = xp[:, :, i * sh:i * sh + kw, j * sw:j * sw + kh]")]},
        {"test_pool2d"},
        "kh and kw swapped in the window's slice",
    ),
    # pool2d: window.max(), one number for the whole batch and every channel.
    "pool2d_window_max_without_dims": (
        {"pool2d": [("window.amax(dim=(2, 3)) if mode", "window.max() if mode")]},
        {"test_pool2d"},
        "window.max() with no dimensions",
    ),
    # pool2d: F.pad(x, (p, p)), which pads the width only.
    "pool2d_pads_the_width_only": (
        {"pool2d": [("xp = torch.full((n, c, height + 2 * padding, width + 2 * padding), fill, dtype=x.dtype)\n"
                     "    xp[:, :, padding:padding + height, padding:padding + width] = x",
                     "xp = F.pad(x, (padding, padding), value=fill)")]},
        {"test_pool2d"},
        ("F.pad(x, (p, p)), which pads the width only", "F.pad(x, (p, p, p, p)"),
    ),
    # pool2d: all the padding below and to the right, F.pad(x, (0, 2p, 0, 2p)).
    "pool2d_pads_one_side_after": (
        {"pool2d": [("xp = torch.full((n, c, height + 2 * padding, width + 2 * padding), fill, dtype=x.dtype)\n"
                     "    xp[:, :, padding:padding + height, padding:padding + width] = x",
                     "xp = F.pad(x, (0, 2 * padding, 0, 2 * padding), value=fill)")]},
        {"test_pool2d"},
        ("the padding all on one side, below and to the right", "F.pad(x, (p, p, p, p)"),
    ),
    # pool2d: x put at the top left of the padded input, all the padding after it.
    "pool2d_x_at_top_left_of_xp": (
        {"pool2d": [("xp[:, :, padding:padding + height, padding:padding + width] = x",
                     "xp[:, :, :height, :width] = x")]},
        {"test_pool2d"},
        ("the padding all on one side, below and to the right", "xp[:, :, p:p + H, p:p + W]"),
    ),
    # pool2d: all the padding above and to the left.
    "pool2d_pads_one_side_before": (
        {"pool2d": [("xp[:, :, padding:padding + height, padding:padding + width] = x",
                     "xp[:, :, 2 * padding:, 2 * padding:] = x")]},
        {"test_pool2d"},
        ("the padding all on one side, above and to the left", "F.pad(x, (p, p, p, p)"),
    ),
    # pool2d: F.pad on all four sides and the window's amax: right.
    "accepted_pool2d_with_f_pad": (
        {"pool2d": [("xp = torch.full((n, c, height + 2 * padding, width + 2 * padding), fill, dtype=x.dtype)\n"
                     "    xp[:, :, padding:padding + height, padding:padding + width] = x",
                     "xp = F.pad(x, (padding, padding, padding, padding), value=fill)")]},
        set(),
    ),
    # global_avg_pool: the positions flattened into dimension 2, then the mean over dimension 1, the channels.
    "global_avg_pool_view_then_mean_over_1": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.view(x.shape[0], x.shape[1], -1).mean(1)")]},
        {"test_global_avg_pool"},
        "x.view(N, C, -1).mean(1): the mean over dimension 1, the channels",
    ),
    # stack_weights: the channels added, k * k * (C + C).
    "stack_weights_channels_added": (
        {"stack_weights": [("k * k * channels * channels", "k * k * (channels + channels)")]},
        {"test_stack_weights"},
        "the channels added",
    ),
    # max_pool2d_backward: window.max(), one maximum for the whole batch and every channel.
    "max_pool_backward_window_max_without_dims": (
        {"max_pool2d_backward": [("window == window.amax(dim=(2, 3), keepdim=True)", "window == window.max()")]},
        {"test_max_pool2d_backward"},
        "window.max() with no dimensions",
    ),
    # max_pool2d_backward: the maxima without keepdim=True, (N, C) against the (N, C, k, k) window.
    "max_pool_backward_amax_without_keepdim": (
        {"max_pool2d_backward": [("window == window.amax(dim=(2, 3), keepdim=True)", "window == window.amax(dim=(2, 3))")]},
        {"test_max_pool2d_backward"},
        "without keepdim=True",
    ),
    # max_pool2d_backward: grad_out[:, :, i, j] without None, None.
    "max_pool_backward_gradient_without_none_none": (
        {"max_pool2d_backward": [("mask * grad_out[:, :, i, j, None, None]", "mask * grad_out[:, :, i, j]")]},
        {"test_max_pool2d_backward"},
        "grad_out[:, :, i, j] without None, None",
    ),
    # max_pool2d_backward: a stride of 1 where stride is None.
    "max_pool_backward_default_stride_1": (
        {"max_pool2d_backward": [("s = stride if stride is not None else kernel_size", "s = stride if stride is not None else 1")]},
        {"test_max_pool2d_backward"},
        "a stride of 1 where stride is None",
    ),
    # im2col: the taps sliced from x, not from the padded input.
    "im2col_taps_from_x": (
        {"im2col": [("cols[:, :, m, q] = xp[:, :,", "cols[:, :, m, q] = x[:, :,")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "a slice of x instead of the padded input", "test_conv2d_im2col": "builds on your im2col"},
    ),
    # im2col: the number of windows counted without the padding.
    "im2col_size_without_padding": (
        {"im2col": [("h_out = (height + 2 * padding - k) // s + 1\n    w_out = (width + 2 * padding - k) // s + 1",
                     "h_out = (height - k) // s + 1\n    w_out = (width - k) // s + 1")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "the output's size computed without the padding", "test_conv2d_im2col": "builds on your im2col"},
    ),
    # im2col: W_out counted from the height, x.shape[2].
    "im2col_w_out_from_height": (
        {"im2col": [("w_out = (width + 2 * padding - k) // s + 1", "w_out = (height + 2 * padding - k) // s + 1")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": ("W_out counted from the height", "x.shape[3]"), "test_conv2d_im2col": "builds on your im2col"},
    ),
    # im2col: H_out counted from the width, x.shape[3].
    "im2col_h_out_from_width": (
        {"im2col": [("h_out = (height + 2 * padding - k) // s + 1", "h_out = (width + 2 * padding - k) // s + 1")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": ("H_out counted from the width", "x.shape[2]"), "test_conv2d_im2col": "builds on your im2col"},
    ),
    # im2col: H_out from the width and W_out from the height.
    "im2col_h_out_and_w_out_swapped": (
        {"im2col": [("h_out = (height + 2 * padding - k) // s + 1\n    w_out = (width + 2 * padding - k) // s + 1",
                     "h_out = (width + 2 * padding - k) // s + 1\n    w_out = (height + 2 * padding - k) // s + 1")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "H_out and W_out swapped", "test_conv2d_im2col": "builds on your im2col"},
    ),
    # im2col: F.pad(x, (p, p)), which pads the width only.
    "im2col_pads_the_width_only": (
        {"im2col": [("xp = F.pad(x, (padding, padding, padding, padding))", "xp = F.pad(x, (padding, padding))")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": ("xp is padded on the width only", "F.pad(x, (p, p, p, p))"),
         "test_conv2d_im2col": "builds on your im2col"},
    ),
    # im2col: a window per row, (N, L, C * k * k).
    "im2col_a_window_per_row": (
        {"im2col": [("return cols.reshape(n, c * k * k, h_out * w_out)",
                     "return cols.reshape(n, c * k * k, h_out * w_out).transpose(1, 2)")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "a window per row", "test_conv2d_im2col": "builds on your im2col"},
    ),
    # make_cnn: nn.Sequential given the list itself.
    "make_cnn_sequential_of_a_list": (
        {"make_cnn": [("return nn.Sequential(*layers)", "return nn.Sequential(layers)")]},
        {"test_make_cnn"},
        ("nn.Sequential was given a list", "nn.Sequential(*layers)"),
    ),
    # make_cnn: one nn.ReLU() reused after every layer: it holds no weights, so the model is right.
    "accepted_make_cnn_one_relu_reused": (
        {"make_cnn": [("    layers, channels, size = [], in_channels, image_size\n",
                       "    relu = nn.ReLU()\n    layers, channels, size = [], in_channels, image_size\n"),
                      ("layers += [nn.Conv2d(channels, width, 3, padding=1), nn.ReLU()]",
                       "layers += [nn.Conv2d(channels, width, 3, padding=1), relu]"),
                      ("layers += [nn.Linear(features, units), nn.ReLU()]", "layers += [nn.Linear(features, units), relu]")]},
        set(),
    ),
    # stack_weights: every layer counted with the last kernel size (right where all the sizes are the same).
    "stack_weights_last_kernel_size_for_all": (
        {"stack_weights": [("return sum(k * k * channels * channels for k in kernel_sizes)",
                            "return len(kernel_sizes) * kernel_sizes[-1] ** 2 * channels ** 2")]},
        {"test_stack_weights"},
        "one kernel size for every layer, the last one",
    ),
    # stack_weights: the largest kernel size for every layer.
    "stack_weights_largest_kernel_size_for_all": (
        {"stack_weights": [("return sum(k * k * channels * channels for k in kernel_sizes)",
                            "return len(kernel_sizes) * max(kernel_sizes) ** 2 * channels ** 2")]},
        {"test_stack_weights"},
        "one kernel size for every layer, the largest, max(kernel_sizes)",
    ),
    # stack_weights: the smallest kernel size for every layer.
    "stack_weights_smallest_kernel_size_for_all": (
        {"stack_weights": [("return sum(k * k * channels * channels for k in kernel_sizes)",
                            "return len(kernel_sizes) * min(kernel_sizes) ** 2 * channels ** 2")]},
        {"test_stack_weights"},
        "one kernel size for every layer, the smallest, min(kernel_sizes)",
    ),
    # stack_weights: the layers' weights multiplied.
    "stack_weights_layers_multiplied": (
        {"stack_weights": [("return sum(k * k * channels * channels for k in kernel_sizes)",
                            "import math\n    return math.prod(k * k * channels * channels for k in kernel_sizes)")]},
        {"test_stack_weights"},
        ("the layers' weights multiplied", "math.prod"),
    ),
    # max_pool2d_backward: grad_x = x, zeroed, the windows read from a copy: the gradient is right, x is wiped.
    "max_pool_backward_wipes_x": (
        {"max_pool2d_backward": [("grad_x = torch.zeros_like(x)", "orig = x.clone()\n    grad_x = x\n    grad_x.zero_()"),
                                 ("window = x[:, :,", "window = orig[:, :,")]},
        {"test_max_pool2d_backward"},
        ("leaves its input x as it is", "torch.zeros_like(x)"),
    ),
    # receptive_field: the jump grown by s - 1 instead of multiplied by s (the same fields as the top-down
    # recurrence run upwards on most stacks: named as itself only).
    "receptive_field_jump_grown_by_s_minus_1": (
        {"receptive_field": [("        jump *= stride", "        jump += stride - 1")]},
        {"test_receptive_field"},
        ("j += s - 1", "use j *= s"),
    ),
    # receptive_field: the jump set to the layer's stride.
    "receptive_field_jump_set_to_stride": (
        {"receptive_field": [("        jump *= stride", "        jump = stride")]},
        {"test_receptive_field"},
        "(j = s) instead of multiplied",
    ),
    # receptive_field: the jump grown by s.
    "receptive_field_jump_grown_by_s": (
        {"receptive_field": [("        jump *= stride", "        jump += stride")]},
        {"test_receptive_field"},
        "(j += s) instead of multiplied",
    ),
    # pool2d: mode tested against "mean", so that avg mode falls through to the max (padded with avg's 0).
    "pool2d_avg_mode_returns_max": (
        {"pool2d": [('window.amax(dim=(2, 3)) if mode == "max" else window.mean(dim=(2, 3))',
                     'window.mean(dim=(2, 3)) if mode == "mean" else window.amax(dim=(2, 3))')]},
        {"test_pool2d"},
        'mode="avg" gave the max of each window',
    ),
    # pool2d: the output made in float32 whatever x is.
    "pool2d_output_in_float32": (
        {"pool2d": [("out = torch.zeros(n, c, h_out, w_out, dtype=x.dtype)", "out = torch.zeros(n, c, h_out, w_out)")]},
        {"test_pool2d"},
        ("float32", "dtype"),
    ),
    # global_avg_pool: the mean over the width, then the first row.
    "global_avg_pool_width_then_first_row": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.mean(dim=3)[:, :, 0]")]},
        {"test_global_avg_pool"},
        "then the first row picked",
    ),
    # global_avg_pool: the mean over the width, then over the height: right.
    "accepted_global_avg_pool_two_means": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.mean(dim=3).mean(dim=2)")]},
        set(),
    ),
    # conv2d_backward: grad_weight from the first example of the batch only.
    "conv_backward_weight_first_example": (
        {"conv2d_backward": [('torch.einsum("bo,bcmn->ocmn", g, window)', 'torch.einsum("o,cmn->ocmn", g[0], window[0])')]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "grad_weight from the first example only",
         "test_conv2d_backward_strided": ("builds on your conv2d_backward", "grad_weight from the first example only")},
    ),
    # numerical_gradient: a copy of x perturbed, f called on x itself: every difference is 0.
    "numerical_gradient_perturbs_a_copy": (
        {"numerical_gradient": [("        x[index] = old + h\n        f_plus = float(f(x))\n"
                                 "        x[index] = old - h\n        f_minus = float(f(x))\n",
                                 "        xc = x.clone()\n        xc[index] = old + h\n        f_plus = float(f(x))\n"
                                 "        xc[index] = old - h\n        f_minus = float(f(x))\n")]},
        {"test_numerical_gradient"},
        ("the gradient all zeros", "never saw the changed entry"),
    ),
    # max_pool2d_backward: the gradient sent to each window's minimum.
    "max_pool_backward_routed_to_minimum": (
        {"max_pool2d_backward": [("window == window.amax(dim=(2, 3), keepdim=True)", "window == window.amin(dim=(2, 3), keepdim=True)")]},
        {"test_max_pool2d_backward"},
        "the gradient sent to each window's minimum",
    ),
    # max_pool2d_backward: the gradient times the window's values.
    "max_pool_backward_times_the_window": (
        {"max_pool2d_backward": [("mask * grad_out[:, :, i, j, None, None]", "mask * window * grad_out[:, :, i, j, None, None]")]},
        {"test_max_pool2d_backward"},
        "multiplied by the window's values",
    ),
    # im2col: the slices end one short (a single window's worth broadcast where that leaves one).
    "im2col_slices_one_short": (
        {"im2col": [("xp[:, :, m:m + s * (h_out - 1) + 1:s, q:q + s * (w_out - 1) + 1:s]",
                     "xp[:, :, m:m + s * (h_out - 1):s, q:q + s * (w_out - 1):s]")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "end one short", "test_conv2d_im2col": "builds on your im2col"},
    ),
    # conv2d_im2col: if bias:, ambiguous for a tensor of several biases.
    "conv2d_im2col_if_bias": (
        {"conv2d_im2col": [("if bias is not None:", "if bias:")]},
        {"test_conv2d_im2col"},
        ("if bias:", "if bias is not None:"),
    ),
    # conv2d_im2col: the groups joined along the positions.
    "conv2d_im2col_cat_along_dimension_2": (
        {"conv2d_im2col": [("out = torch.cat(outputs)", "out = torch.cat(outputs, dim=2)")]},
        {"test_conv2d_im2col"},
        ("torch.cat joined the groups along another dimension", "torch.cat(outputs)"),
    ),
    # conv_output_shape: the channels among the spatial axes, input_shape[1:].
    "output_shape_channels_as_an_axis": (
        {"conv_output_shape": [("n, _, *spatial = input_shape", "n, *spatial = input_shape")]},
        {"test_conv_output_shape"},
        ("the channels taken as a spatial axis", "input_shape[2:]"),
    ),
    # conv_output_shape: the last two axes, an image's, input_shape[-2:].
    "output_shape_last_two_axes": (
        {"conv_output_shape": [("n, _, *spatial = input_shape", "n, spatial = input_shape[0], input_shape[-2:]")]},
        {"test_conv_output_shape"},
        ("the channels taken as a spatial axis", "input_shape[-2:]"),
    ),
    # pool2d: the rows of windows counted from the width (an empty window in max mode, nan in avg mode).
    "pool2d_height_from_the_width": (
        {"pool2d": [("h_out = (height + 2 * padding - kh) // sh + 1", "h_out = (width + 2 * padding - kh) // sh + 1")]},
        {"test_pool2d"},
        "the number of rows of windows counted from the width",
    ),
    # relative_change: the largest change over the largest value.
    "relative_change_max_over_max": (
        {"relative_change": [("return ((a - b).abs().sum() / a.abs().sum()).item()",
                              "return ((a - b).abs().max() / a.abs().max()).item()")]},
        {"test_relative_change"},
        "the largest |a - b| over the largest |a|",
    ),
    # relative_change: sum |a - b| over a's norm (torch.dist(a, b, 1) / a.norm()).
    "relative_change_over_the_norm": (
        {"relative_change": [("return ((a - b).abs().sum() / a.abs().sum()).item()",
                              "return (torch.dist(a, b, 1) / a.norm()).item()")]},
        {"test_relative_change"},
        "divided by the norm of a",
    ),
    # global_avg_pool: the maximum (global max pooling).
    "global_avg_pool_max": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.amax(dim=(2, 3))")]},
        {"test_global_avg_pool"},
        "global max pooling",
    ),
    # global_avg_pool: the sum divided by H + W.
    "global_avg_pool_over_h_plus_w": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.sum(dim=(2, 3)) / (x.shape[2] + x.shape[3])")]},
        {"test_global_avg_pool"},
        "divided by H + W",
    ),
    # global_avg_pool: reshaped to (C, N, -1), which mixes images and channels.
    "global_avg_pool_reshaped_c_n": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.reshape(x.shape[1], x.shape[0], -1).mean(-1)")]},
        {"test_global_avg_pool"},
        "x.reshape(C, N, -1)",
    ),
    # receptive_field: the field multiplied by each stride, r = r * s + (k - 1) * d.
    "receptive_field_times_the_stride": (
        {"receptive_field": [("field += (kernel - 1) * dilation * jump", "field = field * stride + (kernel - 1) * dilation")]},
        {"test_receptive_field"},
        "the field so far multiplied by each layer's stride",
    ),
    # receptive_field: each layer's growth times its own stride, not the jump.
    "receptive_field_own_stride": (
        {"receptive_field": [("field += (kernel - 1) * dilation * jump", "field += (kernel - 1) * dilation * stride")]},
        {"test_receptive_field"},
        "multiplied by its own stride",
    ),
    # stack_weights: sum(k) * max(k) instead of each layer's k * k.
    "stack_weights_sum_times_max": (
        {"stack_weights": [("return sum(k * k * channels * channels for k in kernel_sizes)",
                            "return sum(kernel_sizes) * max(kernel_sizes) * channels * channels")]},
        {"test_stack_weights"},
        "sum(k) * max(k)",
    ),
    # stack_weights: one bias per layer counted too.
    "stack_weights_one_bias_per_layer": (
        {"stack_weights": [("k * k * channels * channels", "k * k * channels * channels + 1")]},
        {"test_stack_weights"},
        "one bias per layer",
    ),
    # conv2d_backward: einsum's output letters for grad_weight in another order (PyTorch's size error).
    "conv_backward_weight_letters_swapped": (
        {"conv2d_backward": [('"bo,bcmn->ocmn", g, window', '"bo,bcmn->comn", g, window')]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": ("what was added into grad_weight", '"bo,bcmn->ocmn"'),
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward: the window sliced kh by kh (einsum's letters right).
    "conv_backward_window_kh_by_kh": (
        {"conv2d_backward": [("window = x[:, :, i:i + kh, j:j + kw]", "window = x[:, :, i:i + kh, j:j + kh]")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": ("your window is 3x3 where the kernel is 3x2", "x[:, :, i:i + kh, j:j + kw]"),
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward: the window's sides swapped, kw rows by kh columns.
    "conv_backward_window_sides_swapped": (
        {"conv2d_backward": [("window = x[:, :, i:i + kh, j:j + kw]", "window = x[:, :, i:i + kw, j:j + kh]")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": ("your window is 2x3 where the kernel is 3x2", "kh rows and kw columns"),
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward: kh and kw swapped in grad_x's slice (einsum's letters right).
    "conv_backward_grad_x_slice_swapped": (
        {"conv2d_backward": [("grad_x[:, :, i:i + kh, j:j + kw] +=", "grad_x[:, :, i:i + kw, j:j + kh] +=")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": ("the part of grad_x you add into is 3 columns where the kernel has 2",
                                  "grad_x[:, :, i:i + kh, j:j + kw]"),
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward: einsum's output letters for grad_x with m and n swapped.
    "conv_backward_grad_x_letters_mn_swapped": (
        {"conv2d_backward": [('"bo,ocmn->bcmn", g, weight', '"bo,ocmn->bcnm", g, weight')]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": ("grad_x from each kernel transposed", '"bo,ocmn->bcmn"'),
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward: the kernel's rows and columns swapped in grad_x's einsum, "bo,ocnm->bcmn".
    "conv_backward_grad_x_kernel_transposed": (
        {"conv2d_backward": [('"bo,ocmn->bcmn", g, weight', '"bo,ocnm->bcmn", g, weight')]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": ("grad_x from each kernel transposed", '"bo,ocnm->bcmn"'),
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward: the three gradients returned in another order.
    "conv_backward_returned_in_another_order": (
        {"conv2d_backward": [("return grad_x, grad_weight, grad_bias", "return grad_weight, grad_x, grad_bias")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": ("in that order", "(grad_weight, grad_x, grad_bias)"),
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward: grad_x summed over the input channels too, the same in every channel.
    "conv_backward_grad_x_summed_over_channels": (
        {"conv2d_backward": [('torch.einsum("bo,ocmn->bcmn", g, weight)', 'torch.einsum("bo,ocmn->bmn", g, weight)[:, None]')]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "summed over the channels c too",
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward: grad_x is x's memory, zeroed once grad_weight has read it: right gradients, x wiped.
    # conv2d_backward_strided hands it a padded copy, so x itself stays as it was there.
    "conv_backward_wipes_x": (
        {"conv2d_backward": [("    grad_x = torch.zeros_like(x)\n", ""),
                             ('            grad_x[:, :, i:i + kh, j:j + kw] += torch.einsum("bo,ocmn->bcmn", g, weight)\n', ""),
                             ("    return grad_x, grad_weight, grad_bias",
                              "    grad_x = x   # x is read no more: its memory holds grad_x\n"
                              "    grad_x.zero_()\n"
                              "    for i in range(h_out):\n"
                              "        for j in range(w_out):\n"
                              '            grad_x[:, :, i:i + kh, j:j + kw] += torch.einsum("bo,ocmn->bcmn", grad_out[:, :, i, j], weight)\n'
                              "    return grad_x, grad_weight, grad_bias")]},
        {"test_conv2d_backward"},
        ("leaves its inputs x, weight and grad_out as they are", "x held other values"),
    ),
    # conv2d_backward_strided: grad_x written into x's memory: right gradients, x overwritten.
    "strided_backward_writes_into_x": (
        {"conv2d_backward_strided": [
            ("    return grad_xp[:, :, p:p + x.shape[2], p:p + x.shape[3]], grad_weight, grad_bias   # crop the padding",
             "    grad_x = x.detach()   # shaped like x\n"
             "    grad_x[:] = grad_xp[:, :, p:p + x.shape[2], p:p + x.shape[3]]\n"
             "    return grad_x, grad_weight, grad_bias")]},
        {"test_conv2d_backward_strided"},
        ("leaves its inputs x, weight and grad_out as they are", "x held other values"),
    ),
    # conv2d_backward_strided: full[::s, ::s] steps through the batch and the channels.
    "strided_backward_steps_the_first_dimensions": (
        {"conv2d_backward_strided": [("full[:, :, ::s, ::s] = grad_out", "full[::s, ::s] = grad_out")]},
        {"test_conv2d_backward_strided"},
        ("steps through the first two dimensions", "full[:, :, ::s, ::s]"),
    ),
    # conv2d_backward_strided: the gradients returned in another order.
    "strided_backward_returned_in_another_order": (
        {"conv2d_backward_strided": [("return grad_xp[:, :, p:p + x.shape[2], p:p + x.shape[3]], grad_weight, grad_bias",
                                      "return grad_weight, grad_xp[:, :, p:p + x.shape[2], p:p + x.shape[3]], grad_bias")]},
        {"test_conv2d_backward_strided"},
        ("in that order", "(grad_weight, grad_x, grad_bias)"),
    ),
    # numerical_gradient: a NumPy array where a tensor is asked for.
    "numerical_gradient_numpy_array": (
        {"numerical_gradient": [("grad = torch.zeros_like(x)", "grad = np.zeros(x.shape)")]},
        {"test_numerical_gradient"},
        ("returns a tensor", "numpy.ndarray"),
    ),
    # max_pool2d_backward: grad_x started from a copy of x, not from zeros.
    "max_pool_backward_starts_from_x": (
        {"max_pool2d_backward": [("grad_x = torch.zeros_like(x)", "grad_x = x.clone()")]},
        {"test_max_pool2d_backward"},
        "started from a copy of x",
    ),
    # max_pool2d_backward: window (i, j) at row j * s and column i * s.
    "max_pool_backward_rows_and_columns_swapped": (
        {"max_pool2d_backward": [("window = x[:, :, i * s:i * s + k, j * s:j * s + k]",
                                  "window = x[:, :, j * s:j * s + k, i * s:i * s + k]"),
                                 ("grad_x[:, :, i * s:i * s + k, j * s:j * s + k] +=",
                                  "grad_x[:, :, j * s:j * s + k, i * s:i * s + k] +=")]},
        {"test_max_pool2d_backward"},
        ("rows and columns swapped", "window (i, j) taken at row j * s and column i * s"),
    ),
    # max_pool2d_backward: the window at (i * s, j * s) but its gradient read from grad_out[:, :, j, i].
    "max_pool_backward_grad_out_read_at_j_i": (
        {"max_pool2d_backward": [("mask * grad_out[:, :, i, j, None, None]", "mask * grad_out[:, :, j, i, None, None]")]},
        {"test_max_pool2d_backward"},
        ("rows and columns swapped", "grad_out[:, :, j, i]"),
    ),
    # im2col: the tap's slice without its step s: larger than its place in cols.
    "im2col_slice_without_step": (
        {"im2col": [("xp[:, :, m:m + s * (h_out - 1) + 1:s, q:q + s * (w_out - 1) + 1:s]",
                     "xp[:, :, m:m + s * (h_out - 1) + 1, q:q + s * (w_out - 1) + 1]")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": ("larger than the place it goes into", "without the step s"),
         "test_conv2d_im2col": "builds on your im2col"},
    ),
    # im2col: the columns made in float32 whatever x's dtype.
    "im2col_in_float32": (
        {"im2col": [("cols = x.new_empty(n, c, k, k, h_out, w_out)", "cols = torch.empty(n, c, k, k, h_out, w_out)")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "is float32, but float64 is expected",
         "test_conv2d_im2col": ("builds on your im2col", "is float32, but float64 is expected")},
    ),
    # conv2d_im2col: the filters flattened as weight.reshape(-1, C_out).T.
    "conv2d_im2col_filters_reshaped_then_transposed": (
        {"conv2d_im2col": [("filters = weight.reshape(c_out, -1)", "filters = weight.reshape(-1, c_out).T")]},
        {"test_conv2d_im2col"},
        "weight.reshape(-1, C_out).T",
    ),
    # make_cnn: a softmax after the last linear layer.
    "make_cnn_softmax_at_the_end": (
        {"make_cnn": [("layers.append(nn.Linear(features, num_classes))",
                       "layers.append(nn.Linear(features, num_classes))\n    layers.append(nn.Softmax(dim=1))")]},
        {"test_make_cnn"},
        ("no softmax", "Softmax"),
    ),
    # numerical_gradient: f(x).item(), which fails on an f that returns a Python float (the exercise allows one).
    "numerical_gradient_item_of_f": (
        {"numerical_gradient": [("f_plus = float(f(x))", "f_plus = f(x).item()"),
                                ("f_minus = float(f(x))", "f_minus = f(x).item()")]},
        {"test_numerical_gradient"},
        ("f returned a Python float", "float(f(x))"),
    ),
    # pool2d: p of padding below and to the right only (in max mode the same as windows taken from x).
    "pool2d_padded_below_right_only": (
        {"pool2d": [("xp[:, :, padding:padding + height, padding:padding + width] = x",
                     "xp[:, :, :height, :width] = x")]},
        {"test_pool2d"},
        "the top and left padding missing",
    ),
    # pool2d: p of padding above and to the left only (max mode cannot tell; the average can).
    "pool2d_padded_above_left_only": (
        {"pool2d": [("xp = torch.full((n, c, height + 2 * padding, width + 2 * padding), fill, dtype=x.dtype)",
                     "xp = torch.full((n, c, height + padding, width + padding), fill, dtype=x.dtype)"),
                    ("xp[:, :, padding:padding + height, padding:padding + width] = x",
                     "xp[:, :, padding:, padding:] = x")]},
        {"test_pool2d"},
        "the bottom and right padding missing",
    ),
    # pool2d: the output's size rounded up (ceil mode).
    "pool2d_size_rounded_up": (
        {"pool2d": [("h_out = (height + 2 * padding - kh) // sh + 1",
                     "h_out = -(-(height + 2 * padding - kh) // sh) + 1")]},
        {"test_pool2d"},
        "the division rounded up in H_out",
    ),
    # pool2d: the padding counted once in the output's size.
    "pool2d_size_padding_once": (
        {"pool2d": [("h_out = (height + 2 * padding - kh) // sh + 1", "h_out = (height + padding - kh) // sh + 1"),
                    ("w_out = (width + 2 * padding - kw) // sw + 1", "w_out = (width + padding - kw) // sw + 1")]},
        {"test_pool2d"},
        "the padding counted once in the output's size",
    ),
    # pool2d: the test of mode the wrong way round.
    "pool2d_mode_test_reversed": (
        {"pool2d": [('window.amax(dim=(2, 3)) if mode == "max"', 'window.amax(dim=(2, 3)) if mode != "max"')]},
        {"test_pool2d"},
        'mode="max" gave the mean of each window',
    ),
    # pool2d: a loop that stops one row short.
    "pool2d_loop_one_row_short": (
        {"pool2d": [("for i in range(h_out):", "for i in range(h_out - 1):")]},
        {"test_pool2d"},
        ("the last row of windows left out", "range(H_out), H_out = (H + 2p - kh) // sh + 1"),
    ),
    # relative_change: Python's built-in sum, which adds up the rows only.
    "relative_change_builtin_sum": (
        {"relative_change": [("return ((a - b).abs().sum() / a.abs().sum()).item()",
                              "return (sum(abs(a - b)) / sum(abs(a))).item()")]},
        {"test_relative_change"},
        ("Python's built-in sum(t) adds up t's rows only", ".sum()"),
    ),
    # relative_change: .item() before dividing by a tensor, which gives a tensor again.
    "relative_change_item_before_dividing": (
        {"relative_change": [("return ((a - b).abs().sum() / a.abs().sum()).item()",
                              "return (a - b).abs().sum().item() / a.abs().sum()")]},
        {"test_relative_change"},
        "a number divided by a tensor (x.item() / t) is a tensor again",
    ),
    # max_pool2d_backward: the loops over x's size divided by the stride, not over grad_out's.
    "max_pool2d_backward_loops_over_x_size": (
        {"max_pool2d_backward": [("for i in range(h_out):", "for i in range(x.shape[2] // s):"),
                                 ("for j in range(w_out):", "for j in range(x.shape[3] // s):")]},
        {"test_max_pool2d_backward"},
        "the loop runs over more positions than grad_out has",
    ),
    # conv2d_im2col: the groups joined with torch.stack.
    "conv2d_im2col_groups_stacked": (
        {"conv2d_im2col": [("out = torch.cat(outputs)", "out = torch.stack(outputs)")]},
        {"test_conv2d_im2col"},
        ("torch.stack puts the groups along a new dimension", "torch.cat(outputs)"),
    ),
    # conv2d_im2col: the bias added even where it is None.
    "conv2d_im2col_bias_always_added": (
        {"conv2d_im2col": [("    if bias is not None:\n        out = out + bias[:, None]",
                            "    out = out + bias[:, None]")]},
        {"test_conv2d_im2col"},
        ("bias is None here", "if bias is not None"),
    ),
    # relative_change: the two sums the wrong way round (inf where nothing changed).
    "relative_change_sums_swapped": (
        {"relative_change": [("return ((a - b).abs().sum() / a.abs().sum()).item()",
                              "return (a.abs().sum() / (a - b).abs().sum()).item()")]},
        {"test_relative_change"},
        "the two sums the wrong way round",
    ),
    # relative_change: each column's ratio, averaged.
    "relative_change_column_ratios_averaged": (
        {"relative_change": [("return ((a - b).abs().sum() / a.abs().sum()).item()",
                              "return ((a - b).abs().sum(0) / a.abs().sum(0)).mean().item()")]},
        {"test_relative_change"},
        "the ratio of each column's sums, averaged over the columns",
    ),
    # global_avg_pool: the sum divided by the height squared, as if the map were square.
    "global_avg_pool_over_h_squared": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.sum(dim=(2, 3)) / x.shape[2] ** 2")]},
        {"test_global_avg_pool"},
        "divided by H * H, the height squared",
    ),
    # global_avg_pool: the sum divided by the width squared.
    "global_avg_pool_over_w_squared": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.sum(dim=(2, 3)) / (x.shape[3] * x.shape[3])")]},
        {"test_global_avg_pool"},
        "divided by W * W, the width squared",
    ),
    # global_avg_pool: the median, not the mean.
    "global_avg_pool_median": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.flatten(2).median(dim=2).values")]},
        {"test_global_avg_pool"},
        "the median over height and width",
    ),
    # receptive_field: the jump returned where the field is asked.
    "receptive_field_returns_the_jump": (
        {"receptive_field": [("return field", "return jump")]},
        {"test_receptive_field"},
        "the jump returned (return j)",
    ),
    # stack_weights: the first layer left out.
    "stack_weights_first_layer_left_out": (
        {"stack_weights": [("return sum(k * k * channels * channels for k in kernel_sizes)", "return sum(k * k * channels * channels for k in kernel_sizes[1:])")]},
        {"test_stack_weights"},
        "the first layer left out (kernel_sizes[1:])",
    ),
    # stack_weights: the last layer left out.
    "stack_weights_last_layer_left_out": (
        {"stack_weights": [("return sum(k * k * channels * channels for k in kernel_sizes)", "return sum(k * k * channels * channels for k in kernel_sizes[:-1])")]},
        {"test_stack_weights"},
        "the last layer left out (kernel_sizes[:-1])",
    ),
    # stack_weights: every layer taken as 3x3.
    "stack_weights_every_layer_3x3": (
        {"stack_weights": [("return sum(k * k * channels * channels for k in kernel_sizes)", "return len(kernel_sizes) * 9 * channels * channels")]},
        {"test_stack_weights"},
        "every layer taken as 3x3",
    ),
    # stack_weights: the sum over the layers times their number.
    "stack_weights_sum_times_len": (
        {"stack_weights": [("return sum(k * k * channels * channels for k in kernel_sizes)",
                            "return len(kernel_sizes) * sum(k * k for k in kernel_sizes) * channels ** 2")]},
        {"test_stack_weights"},
        "multiplied by the number of layers",
    ),
    # conv2d_backward: the loop over the output rows one short (range(H - kh)), the columns right.
    "conv_backward_rows_one_short": (
        {"conv2d_backward": [("for i in range(h_out):", "for i in range(x.shape[2] - kh):")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "the loop over the output rows stops one short",
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward: the loop over the output columns one short.
    "conv_backward_columns_one_short": (
        {"conv2d_backward": [("for j in range(w_out):", "for j in range(w_out - 1):")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "the loop over the output columns stops one short",
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward: grad_out read at [j, i] (it runs where grad_out is square, as in the check).
    "conv_backward_grad_out_transposed": (
        {"conv2d_backward": [("g = grad_out[:, :, i, j]", "g = grad_out[:, :, j, i]")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "grad_out read at [:, :, j, i]",
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward_strided: grad_out copied into whole s x s blocks, where the skipped positions get 0.
    "strided_backward_upsampled": (
        {"conv2d_backward_strided": [("full[:, :, ::s, ::s] = grad_out                                # skipped outputs: gradient 0",
                                      "full[:, :, ::s, ::s] = grad_out\n"
                                      "    for a in range(s):\n"
                                      "        for b in range(s):\n"
                                      "            part = full[:, :, a::s, b::s]\n"
                                      "            part.copy_(grad_out[:, :, :part.shape[2], :part.shape[3]])")]},
        {"test_conv2d_backward_strided"},
        "grad_out copied into every position of each s x s block",
    ),
    # conv2d_backward_strided: the step on the rows only.
    "strided_backward_step_on_rows_only": (
        {"conv2d_backward_strided": [("full[:, :, ::s, ::s] = grad_out", "full[:, :, ::s, :w_out] = grad_out")]},
        {"test_conv2d_backward_strided"},
        "the step s on the rows only",
    ),
    # conv2d_backward_strided: the step on the columns only.
    "strided_backward_step_on_columns_only": (
        {"conv2d_backward_strided": [("full[:, :, ::s, ::s] = grad_out", "full[:, :, :h_out, ::s] = grad_out")]},
        {"test_conv2d_backward_strided"},
        "the step s on the columns only",
    ),
    # im2col: all the padding below and to the right.
    "im2col_pads_one_side_after": (
        {"im2col": [("xp = F.pad(x, (padding, padding, padding, padding))",
                     "xp = F.pad(x, (0, 2 * padding, 0, 2 * padding))")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "the padding all on one side, below and to the right",
         "test_conv2d_im2col": "builds on your im2col"},
    ),
    # im2col: all the padding above and to the left.
    "im2col_pads_one_side_before": (
        {"im2col": [("xp = F.pad(x, (padding, padding, padding, padding))",
                     "xp = F.pad(x, (2 * padding, 0, 2 * padding, 0))")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "the padding all on one side, above and to the left",
         "test_conv2d_im2col": "builds on your im2col"},
    ),
    # conv_output_shape: the division rounded to the nearest with round().
    "output_shape_rounded_to_nearest": (
        {"conv_output_shape": [("spatial_out = [(size + 2 * padding - kernel_size) // stride + 1 for size in spatial]",
                                "spatial_out = [round((size + 2 * padding - kernel_size) / stride) + 1 for size in spatial]")]},
        {"test_conv_output_shape"},
        "the division rounded to the nearest, round(",
    ),
    # conv_output_shape: the kernel subtracted after the division.
    "output_shape_kernel_after_the_division": (
        {"conv_output_shape": [("spatial_out = [(size + 2 * padding - kernel_size) // stride + 1 for size in spatial]",
                                "spatial_out = [(size + 2 * padding) // stride - kernel_size + 1 for size in spatial]")]},
        {"test_conv_output_shape"},
        "the kernel subtracted after dividing by the stride",
    ),
    # conv_output_shape: the parentheses left out, so that only k is divided.
    "output_shape_without_parentheses": (
        {"conv_output_shape": [("spatial_out = [(size + 2 * padding - kernel_size) // stride + 1 for size in spatial]",
                                "spatial_out = [size + 2 * padding - kernel_size // stride + 1 for size in spatial]")]},
        {"test_conv_output_shape"},
        "the parentheses left out",
    ),
    # pool2d (walk): the padding 2p on every side; the same values as 2p above and to the left, named together.
    "pool2d_padding_2p_every_side": (
        {"pool2d": [("xp = torch.full((n, c, height + 2 * padding, width + 2 * padding), fill, dtype=x.dtype)",
                     "xp = torch.full((n, c, height + 4 * padding, width + 4 * padding), fill, dtype=x.dtype)"),
                    ("xp[:, :, padding:padding + height, padding:padding + width] = x",
                     "xp[:, :, 2 * padding:2 * padding + height, 2 * padding:2 * padding + width] = x")]},
        {"test_pool2d"},
        "the padding 2p on every side instead of p",
    ),
    # pool2d (walk): max pooling padded with +inf, the minus sign dropped.
    "pool2d_max_padded_with_plus_inf": (
        {"pool2d": [('fill = float("-inf") if mode == "max"', 'fill = float("inf") if mode == "max"')]},
        {"test_pool2d"},
        "max pooling padded with +inf",
    ),
    # pool2d (walk): keepdim=True on the window's max, a (N, C, 1, 1) result put into out[:, :, i, j].
    "pool2d_keepdim": (
        {"pool2d": [("window.amax(dim=(2, 3)) if mode", "window.amax(dim=(2, 3), keepdim=True) if mode")]},
        {"test_pool2d"},
        ("a window reduced with keepdim=True", "Leave keepdim out"),
    ),
    # pool2d (walk): max(dim=3) used as a tensor, without its .values.
    "pool2d_max_without_values": (
        {"pool2d": [("window.amax(dim=(2, 3)) if mode", "window.max(dim=3).max(dim=2).values if mode")]},
        {"test_pool2d"},
        ("returns a pair (values, indices)", ".values"),
    ),
    # pool2d, a right answer written another way: the max over one dimension at a time, with .values.
    "pool2d_max_one_dimension_at_a_time": (
        {"pool2d": [("window.amax(dim=(2, 3)) if mode", "window.max(dim=3).values.max(dim=2).values if mode")]},
        set(),
    ),
    # numerical_gradient (walk): each entry kept as a float32 tensor and put back rounded.
    "numerical_gradient_old_as_float32": (
        {"numerical_gradient": [("old = x[index].item()", "old = x[index].float()")]},
        {"test_numerical_gradient"},
        "each entry put back rounded to float32",
    ),
    # numerical_gradient (walk): each entry put back with a small leftover.
    "numerical_gradient_put_back_with_a_leftover": (
        {"numerical_gradient": [("x[index] = old   # put it back", "x[index] = old + 1e-9   # put it back")]},
        {"test_numerical_gradient"},
        ("every entry put back exactly", "not to exactly its old value"),
    ),
    # conv2d_backward_strided (walk): the stride written as 2 in the slice's step.
    "strided_backward_step_written_as_2": (
        {"conv2d_backward_strided": [("full[:, :, ::s, ::s] = grad_out", "full[:, :, ::2, ::2] = grad_out")]},
        {"test_conv2d_backward_strided"},
        ("the zeros have the right size", "its step is not the stride passed in"),
    ),
    # conv2d_backward_strided: the slice's step taken from the kernel.
    "strided_backward_step_of_the_kernel": (
        {"conv2d_backward_strided": [("full[:, :, ::s, ::s] = grad_out", "full[:, :, ::kh, ::kw] = grad_out")]},
        {"test_conv2d_backward_strided"},
        "its step is not the stride passed in",
    ),
    # max_pool2d_backward (walk): the window of x cut s wide, the window of grad_x k wide.
    "max_pool_backward_window_of_x_stride_wide": (
        {"max_pool2d_backward": [("window = x[:, :, i * s:i * s + k, j * s:j * s + k]",
                                  "window = x[:, :, i * s:i * s + s, j * s:j * s + s]")]},
        {"test_max_pool2d_backward"},
        "a window of x and a window of grad_x are cut to different sizes",
    ),
    # max_pool2d_backward: the window of grad_x cut s wide, the window of x k wide.
    "max_pool_backward_window_of_grad_x_stride_wide": (
        {"max_pool2d_backward": [("grad_x[:, :, i * s:i * s + k, j * s:j * s + k] +=",
                                  "grad_x[:, :, i * s:i * s + s, j * s:j * s + s] +=")]},
        {"test_max_pool2d_backward"},
        "a window of x and a window of grad_x are cut to different sizes",
    ),
    # im2col (walk): H_out and W_out not divided by the stride.
    "im2col_output_size_not_divided_by_the_stride": (
        {"im2col": [("h_out = (height + 2 * padding - k) // s + 1", "h_out = (height + 2 * padding - k) + 1"),
                    ("w_out = (width + 2 * padding - k) // s + 1", "w_out = (width + 2 * padding - k) + 1")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "H_out and W_out not divided by the stride",
         "test_conv2d_im2col": "builds on your im2col"},
    ),
    # im2col: H_out alone not divided by the stride.
    "im2col_h_out_not_divided_by_the_stride": (
        {"im2col": [("h_out = (height + 2 * padding - k) // s + 1", "h_out = (height + 2 * padding - k) + 1")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "H_out not divided by the stride",
         "test_conv2d_im2col": "builds on your im2col"},
    ),
    # conv2d_im2col (walk): the product the other way round, (N, L, C_out), then the bias.
    "conv2d_im2col_product_the_other_way_round": (
        {"conv2d_im2col": [("outputs.append(filters @ cols)", "outputs.append(cols.transpose(1, 2) @ filters.T)")]},
        {"test_conv2d_im2col"},
        "the product written the other way round",
    ),
    # conv2d_im2col: the same, the bias added after the reshape.
    "conv2d_im2col_product_the_other_way_round_bias_after": (
        {"conv2d_im2col": [("outputs.append(filters @ cols)", "outputs.append(cols.transpose(1, 2) @ filters.T)"),
                           ("    if bias is not None:\n"
                            "        out = out + bias[:, None]                         # the same bias at every position\n",
                            ""),
                           ("return out.reshape(n, c_out, h_out, w_out)",
                            "out = out.reshape(n, c_out, h_out, w_out)\n"
                            "    return out + bias[:, None, None] if bias is not None else out")]},
        {"test_conv2d_im2col"},
        "the product written the other way round",
    ),
    # conv2d_backward (walk), gradients named gx and gw: grad_weight's einsum letters in another order.
    "conv_backward_gw_einsum_letters_swapped": (
        {"conv2d_backward": [("grad_x = torch.zeros_like(x)", "gx = torch.zeros_like(x)"),
                             ("grad_weight = torch.zeros_like(weight)", "gw = torch.zeros_like(weight)"),
                             ('grad_weight += torch.einsum("bo,bcmn->ocmn", g, window)',
                              'gw += torch.einsum("bo,bcmn->comn", g, window)'),
                             ("grad_x[:, :, i:i + kh, j:j + kw] +=", "gx[:, :, i:i + kh, j:j + kw] +="),
                             ("return grad_x, grad_weight, grad_bias", "return gx, gw, grad_bias")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "einsum's output letters give its dimensions in their order",
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward (walk), gradients named gx and gw: kh and kw swapped in the window's slice.
    "conv_backward_gw_window_sides_swapped": (
        {"conv2d_backward": [("grad_x = torch.zeros_like(x)", "gx = torch.zeros_like(x)"),
                             ("grad_weight = torch.zeros_like(weight)", "gw = torch.zeros_like(weight)"),
                             ("window = x[:, :, i:i + kh, j:j + kw]", "window = x[:, :, i:i + kw, j:j + kh]"),
                             ('grad_weight += torch.einsum("bo,bcmn->ocmn", g, window)',
                              'gw += torch.einsum("bo,bcmn->ocmn", g, window)'),
                             ("grad_x[:, :, i:i + kh, j:j + kw] +=", "gx[:, :, i:i + kh, j:j + kw] +="),
                             ("return grad_x, grad_weight, grad_bias", "return gx, gw, grad_bias")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "the kernel's own sides",
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward (walk), gradients named gx and gw: grad_x's einsum letters in another order.
    "conv_backward_gx_einsum_letters_swapped": (
        {"conv2d_backward": [("grad_x = torch.zeros_like(x)", "gx = torch.zeros_like(x)"),
                             ("grad_weight = torch.zeros_like(weight)", "gw = torch.zeros_like(weight)"),
                             ('grad_weight += torch.einsum("bo,bcmn->ocmn", g, window)',
                              'gw += torch.einsum("bo,bcmn->ocmn", g, window)'),
                             ('grad_x[:, :, i:i + kh, j:j + kw] += torch.einsum("bo,ocmn->bcmn", g, weight)',
                              'gx[:, :, i:i + kh, j:j + kw] += torch.einsum("bo,ocmn->cbmn", g, weight)'),
                             ("return grad_x, grad_weight, grad_bias", "return gx, gw, grad_bias")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "einsum's output letters give its dimensions in their order",
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # global_avg_pool (walk): the mean taken in float32 whatever x's dtype.
    "global_avg_pool_in_float32": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.float().mean(dim=(2, 3))")]},
        {"test_global_avg_pool"},
        "is float32, but float64 is expected",
    ),
    # conv2d_im2col (walk): the output made in float32 whatever x's dtype.
    "conv2d_im2col_output_in_float32": (
        {"conv2d_im2col": [("out = torch.cat(outputs)",
                            "out = torch.zeros(n, c_out, outputs[0].shape[2])\n    out[:] = torch.cat(outputs)")]},
        {"test_conv2d_im2col"},
        ("is float32, but float64 is expected", "without dtype="),
    ),
    # pool2d (walk): the height padded, not the width.
    "pool2d_height_padded_only": (
        {"pool2d": [("xp = torch.full((n, c, height + 2 * padding, width + 2 * padding), fill, dtype=x.dtype)",
                     "xp = torch.full((n, c, height + 2 * padding, width), fill, dtype=x.dtype)"),
                    ("xp[:, :, padding:padding + height, padding:padding + width] = x",
                     "xp[:, :, padding:padding + height, :] = x")]},
        {"test_pool2d"},
        "the height padded only",
    ),
    # pool2d (walk): the windows as long as the stride.
    "pool2d_windows_stride_long": (
        {"pool2d": [("window = xp[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]",
                     "window = xp[:, :, i * sh:i * sh + sh, j * sw:j * sw + sw]")]},
        {"test_pool2d"},
        "the windows cut as long as the stride",
    ),
    # pool2d (walk): the mean as a floor division of the sum.
    "pool2d_mean_floor_division": (
        {"pool2d": [("else window.mean(dim=(2, 3))", "else window.sum(dim=(2, 3)) // (kh * kw)")]},
        {"test_pool2d"},
        "the mean rounded down",
    ),
    # pool2d, a right answer written another way: the sum divided by the window's size.
    "pool2d_sum_over_window_size": (
        {"pool2d": [("else window.mean(dim=(2, 3))", "else window.sum(dim=(2, 3)) / (kh * kw)")]},
        set(),
    ),
    # max_pool2d_backward (walk): the loop over the rows one short.
    "max_pool_backward_rows_one_short": (
        {"max_pool2d_backward": [("for i in range(h_out):", "for i in range(h_out - 1):")]},
        {"test_max_pool2d_backward"},
        "the last row of windows left out",
    ),
    # max_pool2d_backward: the loop over the columns one short.
    "max_pool_backward_columns_one_short": (
        {"max_pool2d_backward": [("for j in range(w_out):", "for j in range(w_out - 1):")]},
        {"test_max_pool2d_backward"},
        "the last column of windows left out",
    ),
    # conv2d_backward (walk): grad_x of the first example only, broadcast to the whole batch.
    "conv_backward_grad_x_of_the_first_example": (
        {"conv2d_backward": [('torch.einsum("bo,ocmn->bcmn", g, weight)', 'torch.einsum("o,ocmn->cmn", g[0], weight)')]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "grad_x of the first example only",
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # make_cnn (walk): the convolutions without biases.
    "make_cnn_convs_without_bias": (
        {"make_cnn": [("nn.Conv2d(channels, width, 3, padding=1)", "nn.Conv2d(channels, width, 3, padding=1, bias=False)")]},
        {"test_make_cnn"},
        "the convolutions without their biases",
    ),
    # make_cnn (walk): a BatchNorm2d after each convolution.
    "make_cnn_batch_norm_after_each_conv": (
        {"make_cnn": [("layers += [nn.Conv2d(channels, width, 3, padding=1), nn.ReLU()]",
                       "layers += [nn.Conv2d(channels, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU()]")]},
        {"test_make_cnn"},
        ("The model has BatchNorm2d", "no batch normalisation"),
    ),
    # make_cnn (walk): ELU in place of ReLU in the blocks.
    "make_cnn_elu": (
        {"make_cnn": [("layers += [nn.Conv2d(channels, width, 3, padding=1), nn.ReLU()]",
                       "layers += [nn.Conv2d(channels, width, 3, padding=1), nn.ELU()]")]},
        {"test_make_cnn"},
        ("The model has ELU", "nn.ReLU"),
    ),
    # make_cnn: dropout before each hidden linear layer.
    "make_cnn_dropout": (
        {"make_cnn": [("layers += [nn.Linear(features, units), nn.ReLU()]",
                       "layers += [nn.Dropout(0.5), nn.Linear(features, units), nn.ReLU()]")]},
        {"test_make_cnn"},
        ("The model has Dropout", "no dropout"),
    ),
    # conv_output_shape (walk): the spatial axes as input_shape[2:4].
    "output_shape_axes_2_to_4": (
        {"conv_output_shape": [("n, _, *spatial = input_shape", "n, spatial = input_shape[0], input_shape[2:4]")]},
        {"test_conv_output_shape"},
        "the spatial axes taken as input_shape[2:4]",
    ),
    # conv_output_shape (walk): the + 1 added before dividing and again after.
    "output_shape_plus_1_twice": (
        {"conv_output_shape": [("(size + 2 * padding - kernel_size) // stride + 1 for size in spatial",
                                "(size + 2 * padding - kernel_size + 1) // stride + 1 for size in spatial")]},
        {"test_conv_output_shape"},
        "the + 1 added twice",
    ),
    # conv2d_backward_strided (walk): grad_out multiplied by the stride.
    "strided_backward_grad_out_times_stride": (
        {"conv2d_backward_strided": [("full[:, :, ::s, ::s] = grad_out", "full[:, :, ::s, ::s] = grad_out * s")]},
        {"test_conv2d_backward_strided"},
        ("times the stride s", "the stride does not scale the gradient"),
    ),
    # conv2d_backward_strided (walk): grad_bias divided by s * s.
    "strided_backward_grad_bias_over_s_squared": (
        {"conv2d_backward_strided": [("], grad_weight, grad_bias   #", "], grad_weight, grad_bias / s / s   #")]},
        {"test_conv2d_backward_strided"},
        ("grad_bias divided by s * s", "the stride does not scale the gradient"),
    ),
    # im2col (walk): the padding filled with ones.
    "im2col_padded_with_ones": (
        {"im2col": [("xp = F.pad(x, (padding, padding, padding, padding))",
                     "xp = F.pad(x, (padding, padding, padding, padding), value=1.0)")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "the padding filled with 1.0 instead of zeros",
         "test_conv2d_im2col": "builds on your im2col"},
    ),
    # max_pool2d_backward (walk): the window of x read at i * k, grad_x's written at i * s.
    "max_pool_backward_window_of_x_at_kernel_steps": (
        {"max_pool2d_backward": [("window = x[:, :, i * s:i * s + k, j * s:j * s + k]",
                                  "window = x[:, :, i * k:i * k + k, j * k:j * k + k]")]},
        {"test_max_pool2d_backward"},
        "the window of x read at i * k",
    ),
    # global_avg_pool (walk 7): x divided in place, then summed: the right means, and the caller's x changed.
    "global_avg_pool_divides_x_in_place": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.div_(x.shape[2] * x.shape[3]).sum(dim=(2, 3))")]},
        {"test_global_avg_pool"},
        ("global_avg_pool leaves its input x as it is", "in-place operation"),
    ),
    # global_avg_pool: x /= H * W, the same in-place division as an augmented assignment.
    "global_avg_pool_divides_x_with_slash_equals": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "x /= x.shape[2] * x.shape[3]\n    return x.sum(dim=(2, 3))")]},
        {"test_global_avg_pool"},
        "global_avg_pool leaves its input x as it is",
    ),
    # global_avg_pool: the sum divided by H * W, into a new tensor: right.
    "accepted_global_avg_pool_sum_over_positions": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.sum(dim=(2, 3)) / (x.shape[2] * x.shape[3])")]},
        set(),
    ),
    # pool2d (walk 7): x written into before returning (the output itself is right).
    "pool2d_writes_into_x": (
        {"pool2d": [("    return out", "    x.mul_(1.0)\n    x[:, :, 0, 0] = 0\n    return out")]},
        {"test_pool2d"},
        "pool2d leaves its input x as it is",
    ),
    # pool2d (walk 7): one kernel side used for both.
    "pool2d_one_kernel_side_for_both": (
        {"pool2d": [("    kh, kw = pair(kernel_size)\n", "    kh, kw = pair(kernel_size)\n    kw = kh\n")]},
        {"test_pool2d"},
        "one of the kernel's sides used for both, kh",
    ),
    # pool2d (walk 7): the stride ignored, the windows stepped by the kernel size.
    "pool2d_stride_ignored": (
        {"pool2d": [("sh, sw = pair(stride if stride is not None else kernel_size)", "sh, sw = pair(kernel_size)")]},
        {"test_pool2d"},
        "the stride ignored",
    ),
    # im2col (walk 7): both divisions rounded up (cols made for 3 x 3 windows where x gives 3 x 2).
    "im2col_size_rounded_up": (
        {"im2col": [("h_out = (height + 2 * padding - k) // s + 1", "h_out = -(-(height + 2 * padding - k) // s) + 1"),
                    ("w_out = (width + 2 * padding - k) // s + 1", "w_out = -(-(width + 2 * padding - k) // s) + 1")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": ("the division rounded up in H_out and W_out", "W_out counted from the height"),
         "test_conv2d_im2col": "builds on your im2col"},
    ),
    # im2col (walk 7): H_out alone rounded up (right wherever (H + 2p - k) divides by s).
    "im2col_h_out_rounded_up": (
        {"im2col": [("h_out = (height + 2 * padding - k) // s + 1", "h_out = -(-(height + 2 * padding - k) // s) + 1")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "the division rounded up in H_out (", "test_conv2d_im2col": "builds on your im2col"},
    ),
    # im2col (walk 7): the + 1 inside the division (the same windows as H_out from the width, on a 7 x 6 map).
    "im2col_plus_1_before_dividing": (
        {"im2col": [("h_out = (height + 2 * padding - k) // s + 1", "h_out = (height + 2 * padding - k + 1) // s"),
                    ("w_out = (width + 2 * padding - k) // s + 1", "w_out = (width + 2 * padding - k + 1) // s")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": ("the + 1 added before dividing", "H_out counted from the width"),
         "test_conv2d_im2col": "builds on your im2col"},
    ),
    # im2col (walk 7): the padding counted once in the output's size.
    "im2col_padding_counted_once": (
        {"im2col": [("h_out = (height + 2 * padding - k) // s + 1", "h_out = (height + padding - k) // s + 1"),
                    ("w_out = (width + 2 * padding - k) // s + 1", "w_out = (width + padding - k) // s + 1")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "the padding counted once", "test_conv2d_im2col": "builds on your im2col"},
    ),
    # conv2d_backward (walk 7): grad_weight's zeros made like x.
    "conv_backward_grad_weight_zeros_like_x": (
        {"conv2d_backward": [("grad_weight = torch.zeros_like(weight)", "grad_weight = torch.zeros_like(x)")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": ("make its zeros like weight", "torch.zeros_like(weight)"),
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward (walk 7): the same, under the name gw.
    "conv_backward_gw_zeros_like_x": (
        {"conv2d_backward": [("grad_weight = torch.zeros_like(weight)", "gw = torch.zeros_like(x)"),
                             ("grad_weight += torch.einsum", "gw += torch.einsum"),
                             ("return grad_x, grad_weight, grad_bias", "return grad_x, gw, grad_bias")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": ("the whole of gw", "torch.zeros_like(weight)"),
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward (walk 7): the loop runs one position past grad_out's.
    "conv_backward_loop_past_the_output": (
        {"conv2d_backward": [("_, _, h_out, w_out = grad_out.shape",
                              "h_out, w_out = x.shape[2] - kh + 2, x.shape[3] - kw + 2")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "more output positions than grad_out has",
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward (walk 7): grad_bias summed over the channels instead of the batch.
    "conv_backward_bias_summed_over_1_2_3": (
        {"conv2d_backward": [("grad_bias = grad_out.sum(dim=(0, 2, 3))", "grad_bias = grad_out.sum(dim=(1, 2, 3))")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "grad_bias summed over dimensions (1, 2, 3)",
         "test_conv2d_backward_strided": "builds on your conv2d_backward"},
    ),
    # conv2d_backward_strided (walk 7): grad_weight and grad_bias returned the other way round.
    "strided_backward_weight_and_bias_swapped": (
        {"conv2d_backward_strided": [("p:p + x.shape[3]], grad_weight, grad_bias", "p:p + x.shape[3]], grad_bias, grad_weight")]},
        {"test_conv2d_backward_strided"},
        "returns (grad_x, grad_weight, grad_bias), in that order",
    ),
    # numerical_gradient (walk 7): the result always float64.
    "numerical_gradient_always_float64": (
        {"numerical_gradient": [("grad = torch.zeros_like(x)", "grad = torch.zeros(x.shape, dtype=torch.float64)")]},
        {"test_numerical_gradient"},
        ("float32", "keeps x's dtype"),
    ),
    # numerical_gradient: the result made with torch.zeros and x's dtype: right.
    "accepted_numerical_gradient_zeros_of_x_dtype": (
        {"numerical_gradient": [("grad = torch.zeros_like(x)", "grad = torch.zeros(x.shape, dtype=x.dtype)")]},
        set(),
    ),
    # max_pool2d_backward (walk 7): grad_x's window at the kernel's steps (x's at the stride's).
    "max_pool_backward_grad_x_window_at_kernel_steps": (
        {"max_pool2d_backward": [("grad_x[:, :, i * s:i * s + k, j * s:j * s + k] += mask",
                                  "grad_x[:, :, i * k:i * k + k, j * k:j * k + k] += mask")]},
        {"test_max_pool2d_backward"},
        ("the window of grad_x you add into", "placed at the kernel's steps"),
    ),
    # max_pool2d_backward (walk 7): the maximum over the columns only.
    "max_pool_backward_max_over_columns_only": (
        {"max_pool2d_backward": [("window.amax(dim=(2, 3), keepdim=True)", "window.amax(dim=3, keepdim=True)")]},
        {"test_max_pool2d_backward"},
        "the maximum taken over the columns only",
    ),
    # max_pool2d_backward (walk 7): grad_out[:, :, i, j, None], one None short.
    "max_pool_backward_one_none": (
        {"max_pool2d_backward": [("grad_out[:, :, i, j, None, None]", "grad_out[:, :, i, j, None]")]},
        {"test_max_pool2d_backward"},
        "with one None",
    ),
    # conv2d_im2col (walk 7): the library's convolution in place of the columns.
    "conv2d_im2col_calls_f_conv2d": (
        {"conv2d_im2col": [("    filters = weight.reshape(c_out, -1)",
                            "    return F.conv2d(x, weight, bias, stride=stride, padding=padding)\n"
                            "    filters = weight.reshape(c_out, -1)")]},
        {"test_conv2d_im2col"},
        "conv2d_im2col called",
    ),
    # conv2d_im2col (walk 7): the columns from F.unfold, im2col never called.
    "conv2d_im2col_columns_from_f_unfold": (
        {"conv2d_im2col": [("cols = im2col(x[start:start + chunk], k, stride, padding)",
                            "cols = F.unfold(x[start:start + chunk], k, padding=padding, stride=stride)")]},
        {"test_conv2d_im2col"},
        "conv2d_im2col called",
    ),
    # conv2d_im2col (walk 7): the positions reshaped as (W_out, H_out), then transposed.
    "conv2d_im2col_positions_transposed": (
        {"conv2d_im2col": [("return out.reshape(n, c_out, h_out, w_out)",
                            "return out.reshape(n, c_out, w_out, h_out).transpose(2, 3)")]},
        {"test_conv2d_im2col"},
        "the positions read as (W_out, H_out)",
    ),
    # make_cnn (walk 7): fc_units gone through in reverse.
    "make_cnn_fc_units_reversed": (
        {"make_cnn": [("for units in fc_units:", "for units in reversed(fc_units):")]},
        {"test_make_cnn"},
        "fc_units gone through in reverse",
    ),
    # make_cnn (walk 7): the first entry of fc_units only.
    "make_cnn_first_fc_unit_only": (
        {"make_cnn": [("for units in fc_units:", "for units in fc_units[:1]:")]},
        {"test_make_cnn"},
        "only the first entry of fc_units",
    ),
    # make_cnn (walk 7): every hidden layer given fc_units[0] units, in_features still following fc_units.
    "make_cnn_every_hidden_layer_first_units": (
        {"make_cnn": [("layers += [nn.Linear(features, units), nn.ReLU()]",
                       "layers += [nn.Linear(features, fc_units[0]), nn.ReLU()]")]},
        {"test_make_cnn"},
        "every hidden layer given fc_units[0] units",
    ),
    # --- walk 8 ---
    # conv2d_backward (walk 8): h_out and w_out swapped, which a square output hides.
    "conv2d_backward_h_out_w_out_swapped": (
        {"conv2d_backward": [("_, _, h_out, w_out = grad_out.shape", "_, _, w_out, h_out = grad_out.shape")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "h_out and w_out swapped"},
    ),
    # conv2d_backward (walk 8): the kernel's height used for the output's width.
    "conv2d_backward_kh_for_the_width": (
        {"conv2d_backward": [("_, _, h_out, w_out = grad_out.shape",
                              "h_out, w_out = x.shape[2] - kh + 1, x.shape[3] - kh + 1")]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "the kernel's height used for the width"},
    ),
    # pool2d (walk 8): a float64 result whatever x's dtype.
    "pool2d_result_float64": (
        {"pool2d": [("    return out", "    return out.double()")]},
        {"test_pool2d"},
        "Something turned it into float64",
    ),
    # pool2d (walk 8): the output's last two axes swapped.
    "pool2d_output_transposed": (
        {"pool2d": [("    return out", "    return out.transpose(2, 3)")]},
        {"test_pool2d"},
        "the output's last two axes swapped",
    ),
    # global_avg_pool (walk 8): the mean taken in float64.
    "global_avg_pool_in_float64": (
        {"global_avg_pool": [("return x.mean(dim=(2, 3))", "return x.double().mean(dim=(2, 3))")]},
        {"test_global_avg_pool"},
        "Something turned it into float64",
    ),
    # relative_change (walk 8): a changed in place, a.sub_(b), the right value from (a + b).
    "relative_change_a_changed_in_place": (
        {"relative_change": [("((a - b).abs().sum() / a.abs().sum()).item()",
                              "(a.sub_(b).abs().sum() / (a + b).abs().sum()).item()")]},
        {"test_relative_change"},
        "relative_change leaves its inputs a and b as they are",
    ),
    # conv2d_backward_strided (walk 8): the stride-1 gradient made in float64.
    "conv2d_backward_strided_zeros_float64": (
        {"conv2d_backward_strided": [("full = grad_out.new_zeros(n, c_out, xp.shape[2] - kh + 1, xp.shape[3] - kw + 1)",
                                      "full = torch.zeros(n, c_out, xp.shape[2] - kh + 1, xp.shape[3] - kw + 1, "
                                      "dtype=torch.float64)")]},
        {"test_conv2d_backward_strided"},
        "float64",
    ),
    # max_pool2d_backward (walk 8): grad_x made in float64.
    "max_pool2d_backward_grad_x_float64": (
        {"max_pool2d_backward": [("grad_x = torch.zeros_like(x)", "grad_x = torch.zeros_like(x, dtype=torch.float64)")]},
        {"test_max_pool2d_backward"},
        "Something turned it into float64",
    ),
    # max_pool2d_backward (walk 8): grad_out zeroed in place.
    "max_pool2d_backward_grad_out_zeroed": (
        {"max_pool2d_backward": [("    return grad_x", "    grad_out.zero_()\n    return grad_x")]},
        {"test_max_pool2d_backward"},
        "max_pool2d_backward leaves its input grad_out as it is",
    ),
    # max_pool2d_backward (walk 8): the gradient sent to the whole window.
    "max_pool2d_backward_whole_window": (
        {"max_pool2d_backward": [("+= mask * grad_out[:, :, i, j, None, None]",
                                  "+= grad_out[:, :, i, j, None, None] * torch.ones_like(window)")]},
        {"test_max_pool2d_backward"},
        "the gradient sent to every pixel of the window",
    ),
    # max_pool2d_backward (walk 8): the max over the channels too.
    "max_pool2d_backward_max_over_channels": (
        {"max_pool2d_backward": [("window.amax(dim=(2, 3), keepdim=True)", "window.amax(dim=(1, 2, 3), keepdim=True)")]},
        {"test_max_pool2d_backward"},
        "the max taken over the channels too",
    ),
    # im2col (walk 8): the columns made in float64.
    "im2col_cols_float64": (
        {"im2col": [("cols = x.new_empty(n, c, k, k, h_out, w_out)",
                     "cols = torch.zeros(n, c, k, k, h_out, w_out, dtype=torch.float64)")]},
        {"test_im2col"},
        "Something turned it into float64",
    ),
    # im2col (walk 8): x changed in place.
    "im2col_x_changed_in_place": (
        {"im2col": [("    xp = F.pad(x, (padding, padding, padding, padding))",
                     "    x.mul_(1.0001)\n    xp = F.pad(x, (padding, padding, padding, padding))")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "im2col leaves its input x as it is"},
    ),
    # im2col (walk 8): the buffer's axes in another order, (N, k, k, C, H_out, W_out).
    "im2col_buffer_axes_in_another_order": (
        {"im2col": [("cols = x.new_empty(n, c, k, k, h_out, w_out)", "cols = x.new_empty(n, k, k, c, h_out, w_out)")]},
        {"test_im2col", "test_conv2d_im2col"},
        {"test_im2col": "axes in another order"},
    ),
    # conv2d_im2col (walk 8): x changed in place.
    "conv2d_im2col_x_changed_in_place": (
        {"conv2d_im2col": [("filters = weight.reshape(c_out, -1)                   # (C_out, C_in * k * k)",
                            "filters = weight.reshape(c_out, -1)\n    x.mul_(1.0001)")]},
        {"test_conv2d_im2col"},
        "conv2d_im2col leaves its inputs x, weight and bias as they are",
    ),
    # conv2d_im2col (walk 8): bias unsqueezed in place, which grows the caller's bias at every call.
    "conv2d_im2col_bias_unsqueezed_in_place": (
        {"conv2d_im2col": [("out = out + bias[:, None]", "out = out + bias.unsqueeze_(1)")]},
        {"test_conv2d_im2col"},
        "conv2d_im2col leaves its inputs x, weight and bias as they are",
    ),
    # make_cnn (walk 8): no ReLU after the hidden linear layers.
    "make_cnn_no_relu_after_hidden_linear": (
        {"make_cnn": [("layers += [nn.Linear(features, units), nn.ReLU()]", "layers += [nn.Linear(features, units)]")]},
        {"test_make_cnn"},
        "no ReLU after the hidden linear layers",
    ),
    # make_cnn (walk 8): the ReLU before each convolution.
    "make_cnn_relu_before_conv": (
        {"make_cnn": [("layers += [nn.Conv2d(channels, width, 3, padding=1), nn.ReLU()]",
                       "layers += [nn.ReLU(), nn.Conv2d(channels, width, 3, padding=1)]")]},
        {"test_make_cnn"},
        "the ReLU put before each convolution",
    ),
    # conv2d_backward (walk 8): grad_x summed over the batch (b dropped from einsum's output).
    "conv2d_backward_grad_x_summed_over_batch": (
        {"conv2d_backward": [('torch.einsum("bo,ocmn->bcmn", g, weight)', 'torch.einsum("bo,ocmn->cmn", g, weight)')]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "grad_x summed over the batch"},
    ),
    # conv2d_backward (walk 8): grad_x from the first filter only.
    "conv2d_backward_grad_x_first_filter_only": (
        {"conv2d_backward": [('torch.einsum("bo,ocmn->bcmn", g, weight)', 'g[:, 0, None, None, None] * weight[0][None]')]},
        {"test_conv2d_backward", "test_conv2d_backward_strided"},
        {"test_conv2d_backward": "grad_x from the first filter only"},
    ),
    # conv2d_backward_strided (walk 8): x passed on unpadded.
    "conv2d_backward_strided_unpadded_x": (
        {"conv2d_backward_strided": [("conv2d_backward(xp, weight, full)", "conv2d_backward(x, weight, full)")]},
        {"test_conv2d_backward_strided"},
        "conv2d_backward was given x itself, not the padded input xp",
    ),
    # conv2d_im2col (walk 8): each filter transposed before it is flattened.
    "conv2d_im2col_filters_transposed": (
        {"conv2d_im2col": [("filters = weight.reshape(c_out, -1)", "filters = weight.transpose(2, 3).reshape(c_out, -1)")]},
        {"test_conv2d_im2col"},
        "each filter transposed before it was flattened",
    ),
    # pool2d (walk 8): the windows one short on each side.
    "pool2d_windows_one_short": (
        {"pool2d": [("window = xp[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw]",
                     "window = xp[:, :, i * sh:i * sh + kh - 1, j * sw:j * sw + kw - 1]")]},
        {"test_pool2d"},
        "the windows cut one short on each side",
    ),
}
