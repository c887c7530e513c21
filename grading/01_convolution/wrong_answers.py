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
        {"test_corr2d_general": "the output's size taken without the padding",
         "test_conv2d": ("builds on your corr2d_general", "the output's size taken without the padding")},
    ),
    # Every window starts at (i, j), as if the stride were 1; the output's size is right.
    "corr2d_general_window_not_strided": (
        {"corr2d_general": [("top, left = stride * i, stride * j", "top, left = i, j")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "as if the stride were 1",
         "test_conv2d": ("builds on your corr2d_general", "as if the stride were 1")},
    ),
    # The stride left out of the output's size too: every window, one pixel apart.
    "corr2d_general_stride_left_out": (
        {"corr2d_general": [("top, left = stride * i, stride * j", "top, left = i, j"),
                            ("h_out = conv_output_size(xp.shape[0], kh, stride, 0, dilation)",
                             "h_out = conv_output_size(xp.shape[0], kh, 1, 0, dilation)"),
                            ("w_out = conv_output_size(xp.shape[1], kw, stride, 0, dilation)",
                             "w_out = conv_output_size(xp.shape[1], kw, 1, 0, dilation)")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "the stride left out",
         "test_conv2d": ("builds on your corr2d_general", "the stride left out")},
    ),
    # The window's taps next to each other: the dilation left out of the slice.
    "corr2d_general_taps_not_dilated": (
        {"corr2d_general": [("window = xp[top:top + dilation * (kh - 1) + 1:dilation,\n"
                             "                        left:left + dilation * (kw - 1) + 1:dilation]",
                             "window = xp[top:top + kh, left:left + kw]")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "taps next to each other",
         "test_conv2d": ("builds on your corr2d_general", "taps next to each other")},
    ),
    # The dilation left out of the output's size and of the taps.
    "corr2d_general_dilation_left_out": (
        {"corr2d_general": [("h_out = conv_output_size(xp.shape[0], kh, stride, 0, dilation)",
                             "h_out = conv_output_size(xp.shape[0], kh, stride, 0)"),
                            ("w_out = conv_output_size(xp.shape[1], kw, stride, 0, dilation)",
                             "w_out = conv_output_size(xp.shape[1], kw, stride, 0)"),
                            ("window = xp[top:top + dilation * (kh - 1) + 1:dilation,\n"
                             "                        left:left + dilation * (kw - 1) + 1:dilation]",
                             "window = xp[top:top + kh, left:left + kw]")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "the dilation left out",
         "test_conv2d": ("builds on your corr2d_general", "the dilation left out")},
    ),
    # Taps d - 1 apart, tap by tap (dilation read as the pixels between taps): all on one pixel for d = 1.
    "corr2d_general_taps_d_minus_1_apart": (
        {"corr2d_general": [("out[i, j] = (window * k).sum()",
                             "out[i, j] = sum(xp[top + (dilation - 1) * m, left + (dilation - 1) * n] * k[m, n] "
                             "for m in range(kh) for n in range(kw))")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "d - 1 pixels apart",
         "test_conv2d": ("builds on your corr2d_general", "d - 1 pixels apart")},
    ),
    # Taps d + 1 apart, tap by tap: the last windows read past the padded input's edge.
    "corr2d_general_taps_d_plus_1_apart": (
        {"corr2d_general": [("out[i, j] = (window * k).sum()",
                             "out[i, j] = sum(xp[top + (dilation + 1) * m, left + (dilation + 1) * n] * k[m, n] "
                             "for m in range(kh) for n in range(kw))")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": ("an index past the end", "tap (m, n) of window (i, j) is at row s * i + d * m"),
         "test_conv2d": "builds on your corr2d_general"},
    ),
    # The output's size without the dilation, the taps dilated: the last windows run past the edge.
    "corr2d_general_size_ignores_dilation": (
        {"corr2d_general": [("h_out = conv_output_size(xp.shape[0], kh, stride, 0, dilation)",
                             "h_out = conv_output_size(xp.shape[0], kh, stride, 0)"),
                            ("w_out = conv_output_size(xp.shape[1], kw, stride, 0, dilation)",
                             "w_out = conv_output_size(xp.shape[1], kw, stride, 0)")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": ("the dilation left out of the output's size", "more rows or columns than fit",
                                 "conv_output_size(H, kh, stride, padding, dilation)"),
         "test_conv2d": "builds on your corr2d_general"},
    ),
    # The window's slice one short: it ends at s*i + d*(kh - 1), which leaves the last tap out.
    "corr2d_general_slice_one_short": (
        {"corr2d_general": [("window = xp[top:top + dilation * (kh - 1) + 1:dilation,\n"
                             "                        left:left + dilation * (kw - 1) + 1:dilation]",
                             "window = xp[top:top + dilation * (kh - 1):dilation,\n"
                             "                        left:left + dilation * (kw - 1):dilation]")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "each window's slice ends one tap short",
         "test_conv2d": "builds on your corr2d_general"},
    ),
    # No padding at all: x slid over as it is.
    "corr2d_general_not_padded": (
        {"corr2d_general": [("xp = pad2d(x, padding)", "xp = x")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "the padding left out",
         "test_conv2d": ("builds on your corr2d_general", "the padding left out")},
    ),
    # conv2d: = where += adds up the input channels, so only the last channel's result is left.
    "conv2d_channels_assigned": (
        {"conv2d": [("out[b, o] += corr2d_general", "out[b, o] = corr2d_general")]},
        {"test_conv2d"},
        "assigned with = instead of added with +=",
    ),
    # conv2d: the bias added inside the loop over the input channels, C_in times.
    "conv2d_bias_per_channel": (
        {"conv2d": [("                out[b, o] += corr2d_general(x[b, c], weight[o, c], stride, padding, dilation)\n"
                     "            if bias is not None:\n                out[b, o] += bias[o]",
                     "                out[b, o] += corr2d_general(x[b, c], weight[o, c], stride, padding, dilation)\n"
                     "                if bias is not None:\n                    out[b, o] += bias[o]")]},
        {"test_conv2d"},
        "the bias added once per input channel",
    ),
    # conv2d: the bias never added.
    "conv2d_bias_left_out": (
        {"conv2d": [("out[b, o] += bias[o]", "pass")]},
        {"test_conv2d"},
        "the bias left out",
    ),
    # conv2d: stride and padding passed to corr2d_general the other way round.
    "conv2d_stride_and_padding_swapped": (
        {"conv2d": [("corr2d_general(x[b, c], weight[o, c], stride, padding, dilation)",
                     "corr2d_general(x[b, c], weight[o, c], padding, stride, dilation)")]},
        {"test_conv2d"},
        ("passed its settings on to corr2d_general in another order", "stride=1, padding=3"),
    ),
    # conv2d: the same, by keywords that pair each setting with another's name.
    "conv2d_settings_by_wrong_names": (
        {"conv2d": [("corr2d_general(x[b, c], weight[o, c], stride, padding, dilation)",
                     "corr2d_general(x[b, c], weight[o, c], stride=stride, padding=dilation, dilation=padding)")]},
        {"test_conv2d"},
        "passed its settings on to corr2d_general in another order",
    ),
    # conv2d: the dilation not passed on, so corr2d_general takes its default, 1.
    "conv2d_dilation_not_passed_on": (
        {"conv2d": [("corr2d_general(x[b, c], weight[o, c], stride, padding, dilation)",
                     "corr2d_general(x[b, c], weight[o, c], stride, padding)")]},
        {"test_conv2d"},
        "did not pass dilation on to corr2d_general",
    ),
    # conv2d: input channel 0 only, the other input channels never summed.
    "conv2d_only_channel_0": (
        {"conv2d": [("corr2d_general(x[b, c], weight[o, c], stride, padding, dilation)",
                     "corr2d_general(x[b, 0], weight[o, 0], stride, padding, dilation)")]},
        {"test_conv2d"},
        "input channel 0 added C_in times",
    ),
    # conv2d: no loop over the input channels at all, channel 0 alone.
    "conv2d_no_loop_over_channels": (
        {"conv2d": [("            for c in range(c_in):\n"
                     "                out[b, o] += corr2d_general(x[b, c], weight[o, c], stride, padding, dilation)",
                     "            out[b, o] += corr2d_general(x[b, 0], weight[o, 0], stride, padding, dilation)")]},
        {"test_conv2d"},
        "only input channel 0 counted",
    ),
    # conv2d: the first example of the batch only.
    "conv2d_first_example_only": (
        {"conv2d": [("for b in range(n):", "for b in range(1):")]},
        {"test_conv2d"},
        "only the first example of the batch computed",
    ),
    # corr2d: the mean of the products for their sum.
    "corr2d_mean_not_sum": (
        {"corr2d": [("(x[i:i + kh, j:j + kw] * k).sum()", "(x[i:i + kh, j:j + kw] * k).mean()")]},
        {"test_corr2d"},
        "the mean of the products instead of their sum",
    ),
    # corr2d: the window and the kernel multiplied as matrices.
    "corr2d_matrix_product": (
        {"corr2d": [("(x[i:i + kh, j:j + kw] * k).sum()", "(x[i:i + kh, j:j + kw] @ k).sum()")]},
        {"test_corr2d"},
        "multiplied as matrices",
    ),
    # corr2d: an output one row and one column short.
    "corr2d_output_one_short": (
        {"corr2d": [("out = torch.zeros(x.shape[0] - kh + 1, x.shape[1] - kw + 1, dtype=x.dtype)",
                     "out = torch.zeros(x.shape[0] - kh, x.shape[1] - kw, dtype=x.dtype)")]},
        {"test_corr2d"},
        "one row and one column short",
    ),
    # pad2d: the zeros made in the default float32, whatever x's dtype.
    "pad2d_without_dtype": (
        {"pad2d": [("out = torch.zeros(height + 2 * padding, width + 2 * padding, dtype=x.dtype)",
                    "out = torch.zeros(height + 2 * padding, width + 2 * padding)")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},   # which build on pad2d's rounded values
        {"test_pad2d": "dtype=x.dtype", "test_corr2d_general": "float32's rounding",
         "test_conv2d": "float32's rounding"},
    ),
    # pad2d: x copied into the top-left corner of the zeros.
    "pad2d_in_the_corner": (
        {"pad2d": [("out[padding:padding + height, padding:padding + width] = x", "out[:height, :width] = x")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "top-left corner", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    # pad2d: a border of ones.
    "pad2d_with_ones": (
        {"pad2d": [("out = torch.zeros(height + 2 * padding, width + 2 * padding, dtype=x.dtype)",
                    "out = torch.ones(height + 2 * padding, width + 2 * padding, dtype=x.dtype)")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "padded with ones", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    # conv_output_size: the dilated kernel's span as d * k - 1 (right only for d = 2); at dilation 3 and
    # stride 1 it gives what the + 1 left out gives, so the check starts at dilation 4.
    "output_size_span_d_times_k_minus_1": (
        {"conv_output_size": [("dilation * (kernel_size - 1) - 1", "(dilation * kernel_size - 1)")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "span counted as d * k - 1", "test_corr2d_general": "builds on your conv_output_size",
         "test_conv2d": "builds on your conv_output_size"},
    ),
    # conv_output_size: the + 1 of the first position left out.
    "output_size_plus_one_left_out": (
        {"conv_output_size": [("// stride + 1", "// stride")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "the + 1 left out", "test_corr2d_general": "builds on your conv_output_size",
         "test_conv2d": "builds on your conv_output_size"},
    ),
    # conv_output_size: the dilation left out of the formula.
    "output_size_without_dilation": (
        {"conv_output_size": [("dilation * (kernel_size - 1) - 1", "kernel_size")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "the dilation left out", "test_corr2d_general": "builds on your conv_output_size",
         "test_conv2d": "builds on your conv_output_size"},
    ),
    # conv_output_size: the slides' slip, an effective size of d * k.
    "output_size_slides_slip": (
        {"conv_output_size": [("dilation * (kernel_size - 1) - 1", "dilation * kernel_size")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "taken as d * k", "test_corr2d_general": "builds on your conv_output_size",
         "test_conv2d": "builds on your conv_output_size"},
    ),
    # conv_output_size: d * k where the formula has d(k - 1), a span of d * k + 1.
    "output_size_d_times_k": (
        {"conv_output_size": [("dilation * (kernel_size - 1) - 1", "dilation * kernel_size - 1")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "d * k in place of d(k - 1)", "test_corr2d_general": "builds on your conv_output_size",
         "test_conv2d": "builds on your conv_output_size"},
    ),
    # conv_output_size with padding before stride: right by name, wrong where it is called in order.
    "output_size_padding_before_stride": (
        {"conv_output_size": [("def conv_output_size(n, kernel_size, stride=1, padding=0, dilation=1):",
                               "def conv_output_size(n, kernel_size, padding=0, stride=1, dilation=1):")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": ("the arguments in another order", "F.conv2d's order"),
         "test_corr2d_general": ("builds on your conv_output_size", "F.conv2d's order"),
         "test_conv2d": ("builds on your conv_output_size", "F.conv2d's order")},
    ),
    # conv_output_size: the padding counted once.
    "output_size_padding_once": (
        {"conv_output_size": [("n + 2 * padding", "n + padding")]},
        {"test_conv_output_size", "test_conv2d"},
        {"test_conv_output_size": "the padding counted once", "test_conv2d": "builds on your conv_output_size"},
    ),
    # conv_output_size: rounded up.
    "output_size_rounded_up": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1",
                               "return -(-(n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride) + 1")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "rounded up instead of down", "test_corr2d_general": "builds on your conv_output_size",
         "test_conv2d": "builds on your conv_output_size"},
    ),
    # Parameter counts without the biases, in each of the three layers.
    "fully_connected_without_biases": (
        {"parameters": [("return h_in * w_in * c_in * outputs + outputs", "return h_in * w_in * c_in * outputs")]},
        {"test_parameters"},
        "the biases left out of the count",
    ),
    "locally_connected_without_biases": (
        {"parameters": [("return h_out * w_out * c_out * (kernel_size * kernel_size * in_channels + 1)",
                         "return h_out * w_out * c_out * kernel_size * kernel_size * in_channels")]},
        {"test_parameters"},
        "the biases left out of the count",
    ),
    "convolution_without_biases": (
        {"parameters": [("return out_channels * (kernel_size * kernel_size * in_channels + 1)",
                         "return out_channels * kernel_size * kernel_size * in_channels")]},
        {"test_parameters"},
        ("the biases left out of the count", "one per filter"),
    ),
    # The convolution with one bias for the whole layer.
    "convolution_one_bias": (
        {"parameters": [("return out_channels * (kernel_size * kernel_size * in_channels + 1)",
                         "return out_channels * kernel_size * kernel_size * in_channels + 1")]},
        {"test_parameters"},
        "one bias for the whole layer",
    ),
    # The convolution with a bias per kernel position: k * k * (in_channels + 1) per filter.
    "convolution_bias_per_kernel_position": (
        {"parameters": [("return out_channels * (kernel_size * kernel_size * in_channels + 1)",
                         "return out_channels * kernel_size * kernel_size * (in_channels + 1)")]},
        {"test_parameters"},
        "a bias per kernel position",
    ),
    # The convolution with a bias per input channel of each filter.
    "convolution_bias_per_input_channel": (
        {"parameters": [("return out_channels * (kernel_size * kernel_size * in_channels + 1)",
                         "return out_channels * (kernel_size * kernel_size * in_channels + in_channels)")]},
        {"test_parameters"},
        "a bias per input channel",
    ),
    # The convolution with a bias per weight.
    "convolution_bias_per_weight": (
        {"parameters": [("return out_channels * (kernel_size * kernel_size * in_channels + 1)",
                         "return 2 * out_channels * kernel_size * kernel_size * in_channels")]},
        {"test_parameters"},
        "a bias per weight",
    ),
    # The locally connected layer with a bias per kernel position of each unit.
    "locally_connected_bias_per_kernel_position": (
        {"parameters": [("return h_out * w_out * c_out * (kernel_size * kernel_size * in_channels + 1)",
                         "return h_out * w_out * c_out * kernel_size * kernel_size * (in_channels + 1)")]},
        {"test_parameters"},
        "a bias per kernel position of each unit",
    ),
    # The convolution's filters without their depth, the input channels.
    "convolution_without_in_channels": (
        {"parameters": [("return out_channels * (kernel_size * kernel_size * in_channels + 1)",
                         "return out_channels * (kernel_size * kernel_size + 1)")]},
        {"test_parameters"},
        "the input channels left out",
    ),
    # The locally connected layer with one bias per output channel, as a convolution has.
    "locally_connected_bias_per_channel": (
        {"parameters": [("return h_out * w_out * c_out * (kernel_size * kernel_size * in_channels + 1)",
                         "return h_out * w_out * c_out * kernel_size * kernel_size * in_channels + c_out")]},
        {"test_parameters"},
        "one bias per output channel",
    ),
    # The locally connected layer without its output channels.
    "locally_connected_without_out_channels": (
        {"parameters": [("return h_out * w_out * c_out * (kernel_size * kernel_size * in_channels + 1)",
                         "return h_out * w_out * (kernel_size * kernel_size * in_channels + 1)")]},
        {"test_parameters"},
        "the output channels left out",
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
    # A blur of nine ones: its weights not divided by their number.
    "blur_not_normalised": (
        {"make_kernels": [('"blur": torch.full((3, 3), 1.0 / 9.0),', '"blur": torch.ones(3, 3),')]},
        {"test_make_kernels"},
        ("the blur kernel's weights sum to 1", "not divided by their number"),
    ),
    # A sharpen kernel with a centre of 4: the Laplacian, a detail detector that sums to 0.
    "sharpen_centre_4": (
        {"make_kernels": [("[-1.0, 5.0, -1.0]", "[-1.0, 4.0, -1.0]")]},
        {"test_make_kernels"},
        ("the sharpen kernel's weights sum to 1", "a Laplacian"),
    ),
    # vertical_edge without its minus signs: it responds to every edge and to brightness.
    "vertical_edge_without_minus_signs": (
        {"make_kernels": [('"vertical_edge": sobel,', '"vertical_edge": sobel.abs(),')]},
        {"test_make_kernels"},
        ("each row of vertical_edge sums to zero", "a minus sign missing"),
    ),
    # horizontal_edge as the transpose of a kernel whose rows, not columns, cancel: it was turned twice.
    "horizontal_edge_columns_do_not_cancel": (
        {"make_kernels": [('"horizontal_edge": sobel.T.clone(),',
                           '"horizontal_edge": torch.tensor([[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 2.0]]),')]},
        {"test_make_kernels"},
        "each column of horizontal_edge sums to zero",
    ),
    # A kernel written as nested lists, not a tensor.
    "blur_as_a_list": (
        {"make_kernels": [('"blur": torch.full((3, 3), 1.0 / 9.0),', '"blur": [[1.0 / 9.0] * 3] * 3,')]},
        {"test_make_kernels"},
        ("blur is a tensor", "make each kernel a tensor"),
    ),
    # Each loss kept as a tensor: a list of 0-d tensors, each holding its step's autograd graph.
    "losses_as_tensors": (
        {"learn_kernel": [("        losses.append(loss.item())", "        losses.append(loss)")]},
        {"test_learn_kernel"},
        "every loss is a Python float",
    ),
    # Each loss measured after its step: the next kernel's, one step on, instead of the one the step starts from.
    "loss_measured_after_its_step": (
        {"learn_kernel": [("        losses.append(loss.item())",
                           "        losses.append(((F.conv2d(x, kernel[None, None]) - y) ** 2).mean().item())")]},
        {"test_learn_kernel"},
        "the losses are measured after each step: record each loss before its step",
    ),
    # The gradient never zeroed: each step carries every earlier step's gradient, and overshoots.
    "gradients_not_zeroed": (
        {"learn_kernel": [("            kernel.grad.zero_()\n", "")]},
        {"test_learn_kernel"},
        ("the gradients add up", "kernel.grad.zero_()"),
    ),
    # The update written outside torch.no_grad(): autograd refuses an in-place change of a leaf it tracks.
    "update_outside_no_grad": (
        {"learn_kernel": [("        with torch.no_grad():\n            kernel -= lr * kernel.grad\n"
                           "            kernel.grad.zero_()",
                           "        kernel -= lr * kernel.grad\n        kernel.grad.zero_()")]},
        {"test_learn_kernel"},
        ("outside `with torch.no_grad():`", "Put the update"),
    ),
    # corr2d: each window's slice ends one row and one column short (a slice leaves out its end).
    "corr2d_window_slice_one_short": (
        {"corr2d": [("(x[i:i + kh, j:j + kw] * k).sum()", "(x[i:i + kh - 1, j:j + kw - 1] * k).sum()")]},
        {"test_corr2d"},
        "each window's slice ends one row and one column short",
    ),
    "corr2d_window_rows_one_short": (
        {"corr2d": [("(x[i:i + kh, j:j + kw] * k).sum()", "(x[i:i + kh - 1, j:j + kw] * k).sum()")]},
        {"test_corr2d"},
        "each window's slice ends one row short",
    ),
    # conv2d: `if bias:` on a tensor of several biases.
    "conv2d_if_bias": (
        {"conv2d": [("if bias is not None:", "if bias:")]},
        {"test_conv2d"},
        ("`if bias:` asked a tensor of several biases", "if bias is not None:"),
    ),
    # corr2d_general padding with F.pad instead of pad2d: accepted (padding was Exercise 2's exercise).
    "corr2d_general_pads_with_F_pad_is_right": (
        {"corr2d_general": [("xp = pad2d(x, padding)", "xp = F.pad(x, (padding, padding, padding, padding))")]},
        set(),
    ),
    # Integer kernels: the weights written without a decimal point.
    "integer_kernels": (
        {"make_kernels": [("[[-1.0, 0.0, 1.0],\n                          [-2.0, 0.0, 2.0],\n"
                           "                          [-1.0, 0.0, 1.0]]",
                           "[[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]"),
                          ("[[0.0, -1.0, 0.0],\n                                 [-1.0, 5.0, -1.0],\n"
                           "                                 [0.0, -1.0, 0.0]]",
                           "[[0, -1, 0], [-1, 5, -1], [0, -1, 0]]")]},
        {"test_make_kernels"},
        ("must be floating point (any float dtype)", "dtype=torch.float32"),
    ),
    # Ignores its num_steps argument: always the default's 100 steps (the visible check also asks for 200).
    "ignores_num_steps": (
        {"learn_kernel": [("for _ in range(num_steps):", "for _ in range(100):")]},
        {"test_learn_kernel"},
        "num_steps ignored",
    ),

    # conv_output_size: the + 1 added before dividing by the stride (right at stride 1), and the same with int(/).
    "output_size_plus_one_before_dividing": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1",
                               "return (n + 2 * padding - dilation * (kernel_size - 1) - 1 + 1) // stride")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "the + 1 added before dividing by the stride",
         "test_corr2d_general": "builds on your conv_output_size",
         "test_conv2d": "builds on your conv_output_size"},
    ),
    "output_size_int_of_a_division": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1",
                               "return int((n + 2 * padding - dilation * (kernel_size - 1)) / stride)")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "the + 1 added before dividing by the stride"},
    ),
    # conv_output_size: the numerator's parentheses left out, so that only part of it is divided.
    "output_size_span_alone_divided": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1",
                               "return n + 2 * padding - (dilation * (kernel_size - 1) + 1) // stride + 1")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": ("parentheses around the numerator left out", "divides only the kernel's span"),
         "test_corr2d_general": "builds on your conv_output_size", "test_conv2d": "builds on your conv_output_size"},
    ),
    "output_size_one_alone_divided": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1",
                               "return n + 2 * padding - dilation * (kernel_size - 1) - 1 // stride + 1")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": ("parentheses around the numerator left out", "divides only the 1")},
    ),
    # conv_output_size with its parameters named otherwise, in F.conv2d's order: right.
    "accepted_output_size_other_parameter_names": (
        {"conv_output_size": [("def conv_output_size(n, kernel_size, stride=1, padding=0, dilation=1):",
                               "def conv_output_size(n, k, s=1, p=0, d=1):\n    kernel_size, stride, padding, dilation = k, s, p, d")]},
        set(),
    ),
    # corr2d_general: conv_output_size called on x's size with padding and stride the other way round.
    "corr2d_general_size_settings_in_another_order": (
        {"corr2d_general": [("h_out = conv_output_size(xp.shape[0], kh, stride, 0, dilation)",
                             "h_out = conv_output_size(x.shape[0], kh, padding, stride, dilation)"),
                            ("w_out = conv_output_size(xp.shape[1], kw, stride, 0, dilation)",
                             "w_out = conv_output_size(x.shape[1], kw, padding, stride, dilation)")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "passed its settings on to conv_output_size in another order"},
    ),
    # corr2d_general: the padded size with padding 0, but the 0 in the stride's place: a division by zero.
    "corr2d_general_size_stride_0": (
        {"corr2d_general": [("h_out = conv_output_size(xp.shape[0], kh, stride, 0, dilation)",
                             "h_out = conv_output_size(xp.shape[0], kh, 0, stride, dilation)")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": ("conv_output_size was called with stride 0", "in another order"),
         "test_conv2d": ("builds on your corr2d_general", "stride 0")},
    ),
    # corr2d and corr2d_general: the kernel's rows and columns swapped (kw, kh = k.shape), on a 2x3 kernel.
    "corr2d_kernel_rows_and_columns_swapped": (
        {"corr2d": [("kh, kw = k.shape", "kw, kh = k.shape")]},
        {"test_corr2d"},
        "the kernel's rows and columns swapped",
    ),
    "corr2d_general_kernel_rows_and_columns_swapped": (
        {"corr2d_general": [("kh, kw = k.shape", "kw, kh = k.shape")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "the kernel's rows and columns swapped",
         "test_conv2d": ("builds on your corr2d_general", "the kernel's rows and columns swapped")},
    ),
    # corr2d_general: the window sliced from x, not from the padded input.
    "corr2d_general_window_from_x": (
        {"corr2d_general": [("window = xp[top", "window = x[top")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "the window taken from x, not from the padded input"},
    ),
    # corr2d_general: F.pad(x, (p, p)) pads the width alone.
    "corr2d_general_padded_on_width_only": (
        {"corr2d_general": [("xp = pad2d(x, padding)", "xp = F.pad(x, (padding, padding))")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "padded on its width only",
         "test_conv2d": ("builds on your corr2d_general", "padded on its width only")},
    ),
    # corr2d_general: the output's width computed with kh (right on square kernels).
    "corr2d_general_width_with_kh": (
        {"corr2d_general": [("w_out = conv_output_size(xp.shape[1], kw,", "w_out = conv_output_size(xp.shape[1], kh,")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "the output's width computed with kh"},
    ),
    # conv2d: the output's width computed with kh.
    "conv2d_width_with_kh": (
        {"conv2d": [("w_out = conv_output_size(width, kw,", "w_out = conv_output_size(width, kh,")]},
        {"test_conv2d"},
        "the output's width computed with kh",
    ),
    # conv2d: the bias added to the whole output, out + bias, which lines it up with the width.
    "conv2d_bias_over_the_width": (
        {"conv2d": [("            if bias is not None:\n                out[b, o] += bias[o]\n", ""),
                    ("    return out", "    if bias is not None:\n        out = out + bias\n    return out")]},
        {"test_conv2d"},
        ("lines up its last dimension with the output's last one", "bias[:, None, None]"),
    ),
    # conv2d: x indexed with the filter's index.
    "conv2d_x_indexed_by_filter": (
        {"conv2d": [("corr2d_general(x[b, c], weight[o, c]", "corr2d_general(x[b, o], weight[o, c]")]},
        {"test_conv2d"},
        ("x indexed [b, o]", "o counts the filters here", "x[b, c]"),
    ),
    # The outputs made with torch.zeros without dtype=: float32 whatever the input.
    "corr2d_without_dtype": (
        {"corr2d": [(", dtype=x.dtype)", ")")]},
        {"test_corr2d"},
        ("is float32, but float64 is expected", "dtype=x.dtype", "The output is made in x's dtype"),
    ),
    "corr2d_general_without_dtype": (
        {"corr2d_general": [("out = torch.zeros(h_out, w_out, dtype=x.dtype)", "out = torch.zeros(h_out, w_out)")]},
        {"test_corr2d_general", "test_conv2d"},   # conv2d builds on corr2d_general's rounded values
        {"test_corr2d_general": ("is float32, but float64 is expected", "dtype=x.dtype",
                                 "The output is made in x's dtype"),
         "test_conv2d": "float32's rounding"},
    ),
    "conv2d_without_dtype": (
        {"conv2d": [("out = torch.zeros(n, c_out, h_out, w_out, dtype=x.dtype)", "out = torch.zeros(n, c_out, h_out, w_out)")]},
        {"test_conv2d"},
        ("is float32, but float64 is expected", "dtype=x.dtype", "The output is made in x's dtype"),
    ),
    # pad2d: torch.empty, its border whatever was in memory.
    "pad2d_with_empty": (
        {"pad2d": [("out = torch.zeros(", "out = torch.empty(")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "torch.empty", "test_corr2d_general": ("builds on your pad2d", "torch.empty"),
         "test_conv2d": ("builds on your pad2d", "torch.empty")},
    ),
    # pad2d: torch.empty, then every value set: right.
    "accepted_pad2d_empty_then_zeroed": (
        {"pad2d": [("out = torch.zeros(height + 2 * padding, width + 2 * padding, dtype=x.dtype)",
                    "out = torch.empty(height + 2 * padding, width + 2 * padding, dtype=x.dtype)\n    out.zero_()")]},
        set(),
    ),
    # pad2d: a right answer, but x itself changed afterwards (conv2d calls it on x[b, c] once per filter).
    "pad2d_changes_its_input": (
        {"pad2d": [("    return out", "    x.mul_(0)\n    return out")]},
        {"test_pad2d", "test_conv2d"},
        {"test_pad2d": "pad2d changed its input", "test_conv2d": ("builds on your pad2d", "changed its input")},
    ),
    # learn_kernel: a true convolution in the forward, the kernel flipped: it learns the flipped kernel.
    "learn_kernel_flipped_forward": (
        {"learn_kernel": [("F.conv2d(x, kernel[None, None])", "F.conv2d(x, kernel.flip(0, 1)[None, None])")]},
        {"test_learn_kernel"},
        "the kernel flipped upside down and left to right",
    ),
    # learn_kernel: gradient ascent.
    "learn_kernel_ascent": (
        {"learn_kernel": [("kernel -= lr * kernel.grad", "kernel += lr * kernel.grad")]},
        {"test_learn_kernel"},
        "the step goes up the gradient",
    ),
    # learn_kernel: the gradient zeroed before the update uses it: the kernel never moves.
    "learn_kernel_zeroed_before_update": (
        {"learn_kernel": [("        with torch.no_grad():\n            kernel -= lr * kernel.grad\n            kernel.grad.zero_()",
                           "        with torch.no_grad():\n            kernel.grad.zero_()\n            kernel -= lr * kernel.grad")]},
        {"test_learn_kernel"},
        ("did not move", "zeroed before the update"),
    ),
    # learn_kernel: the losses as a tuple.
    "learn_kernel_losses_as_tuple": (
        {"learn_kernel": [("return kernel.detach(), losses", "return kernel.detach(), tuple(losses)")]},
        {"test_learn_kernel"},
        "the losses come back as a list",
    ),
    # learn_kernel: backward twice per step, a step twice too long (it still converges).
    "learn_kernel_backward_twice": (
        {"learn_kernel": [("        loss.backward()\n", "        loss.backward(retain_graph=True)\n        loss.backward()\n")]},
        {"test_learn_kernel"},
        ("a step twice too long", "loss.backward() called twice"),
    ),
    # learn_kernel: kernel = kernel - lr * kernel.grad, outside no_grad: a non-leaf, whose .grad is None next step.
    "learn_kernel_new_kernel_outside_no_grad": (
        {"learn_kernel": [("        with torch.no_grad():\n            kernel -= lr * kernel.grad\n            kernel.grad.zero_()", "        kernel = kernel - lr * kernel.grad")]},
        {"test_learn_kernel"},
        ("kernel.grad is None", "kernel -= lr * kernel.grad"),
    ),
    # learn_kernel: the same under no_grad: a new kernel that requires no gradient.
    "learn_kernel_new_kernel_under_no_grad": (
        {"learn_kernel": [("        with torch.no_grad():\n            kernel -= lr * kernel.grad\n            kernel.grad.zero_()", "        with torch.no_grad():\n            kernel = kernel - lr * kernel.grad")]},
        {"test_learn_kernel"},
        ("without requires_grad", "kernel -= lr * kernel.grad"),
    ),
    # learn_kernel: the loss summed, or of absolute errors; a random start.
    "learn_kernel_sum_of_squares": (
        {"learn_kernel": [("((y_hat - y) ** 2).mean()", "((y_hat - y) ** 2).sum()")]},
        {"test_learn_kernel"},
        "the squared errors summed instead of averaged",
    ),
    "learn_kernel_absolute_errors": (
        {"learn_kernel": [("((y_hat - y) ** 2).mean()", "(y_hat - y).abs().mean()")]},
        {"test_learn_kernel"},
        "the absolute errors instead of the squared ones",
    ),
    "learn_kernel_random_start": (
        {"learn_kernel": [("kernel = torch.zeros(kernel_size, kernel_size, dtype=x.dtype, requires_grad=True)",
                           "kernel = torch.randn(kernel_size, kernel_size, dtype=x.dtype, requires_grad=True)")]},
        {"test_learn_kernel"},
        "the kernel starts from random values",
    ),
    # learn_kernel: a fixed step of 0.01, lr ignored.
    "learn_kernel_ignores_lr": (
        {"learn_kernel": [("kernel -= lr * kernel.grad", "kernel -= 0.01 * kernel.grad")]},
        {"test_learn_kernel"},
        "lr ignored",
    ),
    # learn_kernel with F.mse_loss and torch.optim.SGD: right.
    "accepted_learn_kernel_with_sgd": (
        {"learn_kernel": [("    losses = []", "    optimizer = torch.optim.SGD([kernel], lr=lr)\n    losses = []"),
                          ("        loss = ((y_hat - y) ** 2).mean()\n        loss.backward()\n        with torch.no_grad():\n            kernel -= lr * kernel.grad\n            kernel.grad.zero_()",
                           "        loss = F.mse_loss(y_hat, y)\n        optimizer.zero_grad()\n        loss.backward()\n"
                           "        optimizer.step()")]},
        set(),
    ),
    # learn_kernel: a step of 0.1 whatever lr is, and lr capped at 0.1 (right for lr=0.1 and 0.05, not 0.2).
    "learn_kernel_step_of_0_1": (
        {"learn_kernel": [("kernel -= lr * kernel.grad", "kernel -= 0.1 * kernel.grad")]},
        {"test_learn_kernel"},
        ("lr ignored", "lr=0.05"),
    ),
    "learn_kernel_lr_capped": (
        {"learn_kernel": [("kernel -= lr * kernel.grad", "kernel -= min(lr, 0.1) * kernel.grad")]},
        {"test_learn_kernel"},
        ("lr ignored", "lr=0.2"),
    ),
    # learn_kernel: a 3x3 kernel whatever kernel_size is.
    "learn_kernel_ignores_kernel_size": (
        {"learn_kernel": [("kernel = torch.zeros(kernel_size, kernel_size, dtype=x.dtype, requires_grad=True)",
                           "kernel = torch.zeros(3, 3, dtype=x.dtype, requires_grad=True)")]},
        {"test_learn_kernel"},
        ("kernel_size ignored", "torch.zeros(kernel_size, kernel_size"),
    ),
    # learn_kernel: the kernel made without dtype=x.dtype: float32, which F.conv2d refuses with float64 inputs.
    "learn_kernel_without_dtype": (
        {"learn_kernel": [("kernel = torch.zeros(kernel_size, kernel_size, dtype=x.dtype, requires_grad=True)",
                           "kernel = torch.zeros(kernel_size, kernel_size, requires_grad=True)")]},
        {"test_learn_kernel"},
        ("the kernel's dtype is not x's", "dtype=x.dtype"),
    ),
    # learn_kernel: the kernel returned as a NumPy array.
    "learn_kernel_returns_numpy": (
        {"learn_kernel": [("return kernel.detach(), losses", "return kernel.detach().numpy(), losses")]},
        {"test_learn_kernel"},
        ("a NumPy array", "kernel.detach()"),
    ),
    # learn_kernel recording float(loss): right (PyTorch's warning about it is not shown by the check).
    "accepted_learn_kernel_float_of_the_loss": (
        {"learn_kernel": [("losses.append(loss.item())", "losses.append(float(loss))")]},
        set(),
    ),
    # corr2d: kh and kw swapped in the slice itself: each window kw x kh, the 2x3 kernel's shape transposed.
    "corr2d_slice_kh_and_kw_swapped": (
        {"corr2d": [("(x[i:i + kh, j:j + kw] * k).sum()", "(x[i:i + kw, j:j + kh] * k).sum()")]},
        {"test_corr2d"},
        ("kh and kw swapped in the slice", "rows take kh, columns kw"),
    ),
    # corr2d: the kernel transposed.
    "corr2d_kernel_transposed": (
        {"corr2d": [("(x[i:i + kh, j:j + kw] * k).sum()", "(x[i:i + kh, j:j + kw] * k.T).sum()")]},
        {"test_corr2d"},
        "the kernel transposed (k.T)",
    ),
    # corr2d: the output made the size of the input, the loops over the positions that fit.
    "corr2d_output_the_size_of_the_input": (
        {"corr2d": [("out = torch.zeros(x.shape[0] - kh + 1, x.shape[1] - kw + 1, dtype=x.dtype)",
                     "out = torch.zeros_like(x)"),
                    ("range(out.shape[0])", "range(x.shape[0] - kh + 1)"),
                    ("range(out.shape[1])", "range(x.shape[1] - kw + 1)")]},
        {"test_corr2d"},
        "the output was made the size of the input",
    ),
    # corr2d_general: a window named win, sliced with the stride as its step, or with taps d + 1 apart.
    "corr2d_general_window_step_is_the_stride": (
        {"corr2d_general": [("window = xp[top:top + dilation * (kh - 1) + 1:dilation,\n"
                             "                        left:left + dilation * (kw - 1) + 1:dilation]",
                             "win = xp[top:top + dilation * (kh - 1) + 1:stride, "
                             "left:left + dilation * (kw - 1) + 1:stride]"),
                            ("(window * k).sum()", "(win * k).sum()")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "the slice's step is the stride s", "test_conv2d": "builds on your corr2d_general"},
    ),
    "corr2d_general_window_taps_d_plus_1_apart": (
        {"corr2d_general": [("window = xp[top:top + dilation * (kh - 1) + 1:dilation,\n"
                             "                        left:left + dilation * (kw - 1) + 1:dilation]",
                             "win = xp[top:top + (dilation + 1) * (kh - 1) + 1:dilation + 1, "
                             "left:left + (dilation + 1) * (kw - 1) + 1:dilation + 1]"),
                            ("(window * k).sum()", "(win * k).sum()")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "the taps d + 1 pixels apart",
         "test_conv2d": ("builds on your corr2d_general", "the taps d + 1 pixels apart")},
    ),
    "corr2d_general_win_from_x": (
        {"corr2d_general": [("window = xp[top:top + dilation * (kh - 1) + 1:dilation,\n"
                             "                        left:left + dilation * (kw - 1) + 1:dilation]",
                             "win = x[top:top + dilation * (kh - 1) + 1:dilation, "
                             "left:left + dilation * (kw - 1) + 1:dilation]"),
                            ("(window * k).sum()", "(win * k).sum()")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "the window taken from x, not from the padded input",
         "test_conv2d": ("builds on your corr2d_general", "the window taken from x")},
    ),
    "corr2d_general_slice_kh_and_kw_swapped": (
        {"corr2d_general": [("window = xp[top:top + dilation * (kh - 1) + 1:dilation,\n"
                             "                        left:left + dilation * (kw - 1) + 1:dilation]",
                             "window = xp[top:top + dilation * (kw - 1) + 1:dilation, "
                             "left:left + dilation * (kh - 1) + 1:dilation]")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "kh and kw swapped in the slice",
         "test_conv2d": ("builds on your corr2d_general", "kh and kw swapped in the slice")},
    ),
    # pad2d: zeros p rows and columns short, x copied one row low or one column right, a slice one too long.
    "pad2d_zeros_h_plus_p": (
        {"pad2d": [("torch.zeros(height + 2 * padding, width + 2 * padding", "torch.zeros(height + padding, width + padding")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "zeros of H + p rows and W + p columns", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    "pad2d_one_row_too_low": (
        {"pad2d": [("out[padding:padding + height, padding:padding + width] = x",
                    "out[padding + 1:padding + 1 + height, padding:padding + width] = x")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "x copied one row too low", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    "pad2d_one_column_too_far_right": (
        {"pad2d": [("out[padding:padding + height, padding:padding + width] = x",
                    "out[padding:padding + height, padding + 1:padding + 1 + width] = x")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "x copied one column too far right", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    "pad2d_slice_one_too_long": (
        {"pad2d": [("out[padding:padding + height, padding:padding + width] = x",
                    "out[padding:padding + height + 1, padding:padding + width] = x")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": ("has 3 rows where x has 2: one too long", "out[p:p + H, p:p + W]"),
         "test_corr2d_general": "builds on your pad2d", "test_conv2d": "builds on your pad2d"},
    ),
    # conv_output_size: rounded to the nearest.
    "output_size_rounded_to_the_nearest": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1",
                               "return round((n + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "rounded to the nearest whole number",
         "test_corr2d_general": "builds on your conv_output_size", "test_conv2d": "builds on your"},
    ),
    # Parameter counts: the kernel size not squared, in_channels biases, a (k + 1) x (k + 1) window.
    "convolution_kernel_size_not_squared": (
        {"parameters": [("return out_channels * (kernel_size * kernel_size * in_channels + 1)",
                         "return out_channels * (kernel_size * in_channels + 1)")]},
        {"test_parameters"},
        "the kernel size not squared",
    ),
    "locally_connected_kernel_size_not_squared": (
        {"parameters": [("return h_out * w_out * c_out * (kernel_size * kernel_size * in_channels + 1)",
                         "return h_out * w_out * c_out * (kernel_size * in_channels + 1)")]},
        {"test_parameters"},
        "the kernel size not squared",
    ),
    "convolution_in_channels_biases": (
        {"parameters": [("return out_channels * (kernel_size * kernel_size * in_channels + 1)",
                         "return out_channels * kernel_size * kernel_size * in_channels + in_channels")]},
        {"test_parameters"},
        "in_channels biases",
    ),
    "convolution_kernel_size_plus_1": (
        {"parameters": [("return out_channels * (kernel_size * kernel_size * in_channels + 1)",
                         "return out_channels * ((kernel_size + 1) ** 2 * in_channels + 1)")]},
        {"test_parameters"},
        "a (kernel_size + 1) x (kernel_size + 1) kernel",
    ),
    "locally_connected_kernel_size_plus_1": (
        {"parameters": [("return h_out * w_out * c_out * (kernel_size * kernel_size * in_channels + 1)",
                         "return h_out * w_out * c_out * ((kernel_size + 1) ** 2 * in_channels + 1)")]},
        {"test_parameters"},
        "a (kernel_size + 1) x (kernel_size + 1) window",
    ),
    # conv_output_size: the stride and the dilation swapped in the formula: at stride 1 it gives what a span of d * k - 1 gives, so the check names it from every setting it tries.
    "output_size_stride_and_dilation_swapped": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1",
                               "return (n + 2 * padding - stride * (kernel_size - 1) - 1) // dilation + 1")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "the stride and the dilation swapped", "test_corr2d_general": "builds on your conv_output_size",
         "test_conv2d": "builds on your conv_output_size"},
    ),
    # conv_output_size: the padding added after dividing by the stride.
    "output_size_padding_after_dividing": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1",
                               "return (n - dilation * (kernel_size - 1) - 1) // stride + 1 + 2 * padding")]},
        {"test_conv_output_size", "test_conv2d"},
        {"test_conv_output_size": "the padding added after dividing",
         "test_conv2d": "builds on your conv_output_size"},
    ),
    # conv_output_size: the padding multiplied by the dilation.
    "output_size_padding_times_dilation": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1",
                               "return (n + 2 * padding * dilation - dilation * (kernel_size - 1) - 1) // stride + 1")]},
        {"test_conv_output_size", "test_conv2d"},
        {"test_conv_output_size": "the padding multiplied by the dilation",
         "test_conv2d": "builds on your conv_output_size"},
    ),
    # conv_output_size: the dilation's extra span subtracted after dividing by the stride.
    "output_size_dilation_after_dividing": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1",
                               "return (n + 2 * padding - kernel_size) // stride + 1 - (dilation - 1) * (kernel_size - 1)")]},
        {"test_conv_output_size", "test_corr2d_general"},
        {"test_conv_output_size": "subtracted after dividing by the stride",
         "test_corr2d_general": "builds on your conv_output_size"},
    ),
    # conv_output_size: the span taken as d(k + 1) - 1.
    "output_size_span_d_times_k_plus_1_minus_1": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1",
                               "return (n + 2 * padding - dilation * (kernel_size + 1) + 1) // stride + 1")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "span taken as d(k + 1) - 1", "test_corr2d_general": "builds on your conv_output_size",
         "test_conv2d": "builds on your conv_output_size"},
    ),
    # conv_output_size: the taps d + 1 pixels apart.
    "output_size_taps_d_plus_1_apart": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1",
                               "return (n + 2 * padding - (dilation + 1) * (kernel_size - 1) - 1) // stride + 1")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "the taps taken d + 1 pixels apart", "test_corr2d_general": "builds on your conv_output_size",
         "test_conv2d": "builds on your conv_output_size"},
    ),
    # conv_output_size: the taps d - 1 pixels apart.
    "output_size_taps_d_minus_1_apart": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1",
                               "return (n + 2 * padding - (dilation - 1) * (kernel_size - 1) - 1) // stride + 1")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "the taps taken d - 1 pixels apart", "test_corr2d_general": "builds on your conv_output_size",
         "test_conv2d": "builds on your conv_output_size"},
    ),
    # Parameter counts that the 55x55x3 example cannot tell apart: a square image assumed, RGB written in.
    "fully_connected_square_input": (
        {"parameters": [("return h_in * w_in * c_in * outputs + outputs", "return h_in * h_in * c_in * outputs + outputs")]},
        {"test_parameters"},
        "the input image taken as square, H * H",
    ),
    "locally_connected_square_output_and_rgb": (
        {"parameters": [("return h_out * w_out * c_out * (kernel_size * kernel_size * in_channels + 1)",
                         "return h_out * h_out * c_out * (kernel_size * kernel_size * 3 + 1)")]},
        {"test_parameters"},
        ("the output taken as square, H * H", "the example's 3 input channels (RGB) written in"),
    ),
    "convolution_rgb_written_in": (
        {"parameters": [("return out_channels * (kernel_size * kernel_size * in_channels + 1)",
                         "return out_channels * (kernel_size * kernel_size * 3 + 1)")]},
        {"test_parameters"},
        "the example's 3 input channels (RGB) written in",
    ),
    # Parameter counts with one bias too many, or kernel_size ** 2 biases.
    "fully_connected_one_bias_too_many": (
        {"parameters": [("return h_in * w_in * c_in * outputs + outputs",
                         "return (h_in * w_in * c_in + 1) * outputs + 1")]},
        {"test_parameters"},
        "one bias too many",
    ),
    "convolution_kernel_size_squared_biases": (
        {"parameters": [("return out_channels * (kernel_size * kernel_size * in_channels + 1)",
                         "return out_channels * kernel_size ** 2 * in_channels + kernel_size ** 2")]},
        {"test_parameters"},
        "kernel_size ** 2 biases",
    ),
    # pad2d: zeros of the wrong shape (a side made from the other one), one direction padded, 2p on each side.
    "pad2d_width_made_from_h": (
        {"pad2d": [("torch.zeros(height + 2 * padding, width + 2 * padding",
                    "torch.zeros(height + 2 * padding, height + 2 * padding")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "the width made from H", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    "pad2d_height_and_width_swapped": (
        {"pad2d": [("torch.zeros(height + 2 * padding, width + 2 * padding",
                    "torch.zeros(width + 2 * padding, height + 2 * padding")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "the height and width swapped", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    "pad2d_rows_only": (
        {"pad2d": [("    out = torch.zeros(height + 2 * padding, width + 2 * padding, dtype=x.dtype)\n"
                    "    out[padding:padding + height, padding:padding + width] = x\n    return out",
                    "    rows = torch.zeros(padding, width, dtype=x.dtype)\n    return torch.cat([rows, x, rows], dim=0)")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "padded at the top and bottom only", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    "pad2d_2p_on_each_side": (
        {"pad2d": [("    out = torch.zeros(height + 2 * padding, width + 2 * padding, dtype=x.dtype)\n"
                    "    out[padding:padding + height, padding:padding + width] = x",
                    "    out = torch.zeros(height + 4 * padding, width + 4 * padding, dtype=x.dtype)\n"
                    "    out[2 * padding:2 * padding + height, 2 * padding:2 * padding + width] = x")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "2p rows and columns of zeros on each side", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    # corr2d_general: the window's end made with the stride, xp[s*i : s*i + s*(kh - 1) + 1 : d].
    "corr2d_general_window_end_with_the_stride": (
        {"corr2d_general": [("window = xp[top:top + dilation * (kh - 1) + 1:dilation,\n"
                             "                        left:left + dilation * (kw - 1) + 1:dilation]",
                             "window = xp[top:top + stride * (kh - 1) + 1:dilation,\n"
                             "                        left:left + stride * (kw - 1) + 1:dilation]")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": ("ends s * (kh - 1) + 1 after its start", "the stride where the dilation belongs"),
         "test_conv2d": "builds on your corr2d_general"},
    ),
    # conv2d: the output (C_out, N, ...), the filters before the batch; the channels averaged; x[0] for every image.
    "conv2d_filters_before_the_batch": (
        {"conv2d": [("out = torch.zeros(n, c_out, h_out, w_out, dtype=x.dtype)",
                     "out = torch.zeros(c_out, n, h_out, w_out, dtype=x.dtype)"),
                    ("out[b, o] += corr2d_general(", "out[o, b] += corr2d_general("),
                    ("out[b, o] += bias[o]", "out[o, b] += bias[o]")]},
        {"test_conv2d"},
        "the batch and the filters in the wrong order",
    ),
    "conv2d_channels_averaged": (
        {"conv2d": [("            if bias is not None:\n", "            out[b, o] /= c_in\n            if bias is not None:\n")]},
        {"test_conv2d"},
        "the mean over the input channels, not their sum",
    ),
    "conv2d_every_image_from_the_first": (
        {"conv2d": [("corr2d_general(x[b, c]", "corr2d_general(x[0, c]")]},
        {"test_conv2d"},
        "every image computed from the first one",
    ),
    # learn_kernel: requires_grad=True forgotten; y_hat padded; (losses, kernel) returned.
    "learn_kernel_without_requires_grad": (
        {"learn_kernel": [("dtype=x.dtype, requires_grad=True)", "dtype=x.dtype)")]},
        {"test_learn_kernel"},
        ("from the first step on", "made without requires_grad=True"),
    ),
    "learn_kernel_y_hat_padded": (
        {"learn_kernel": [("F.conv2d(x, kernel[None, None])", "F.conv2d(x, kernel[None, None], padding=1)")]},
        {"test_learn_kernel"},
        ("y_hat and y have different sizes", "without padding"),
    ),
    "learn_kernel_returns_losses_first": (
        {"learn_kernel": [("return kernel.detach(), losses", "return losses, kernel.detach()")]},
        {"test_learn_kernel"},
        "(kernel, losses), in that order",
    ),
    # learn_kernel: the kernel computed from a leaf (.to(x.dtype) after requires_grad=True): not a leaf itself
    # for float64 inputs, so backward leaves its .grad None from the first step on.
    "learn_kernel_kernel_not_a_leaf": (
        {"learn_kernel": [("kernel = torch.zeros(kernel_size, kernel_size, dtype=x.dtype, requires_grad=True)",
                           "kernel = torch.zeros(kernel_size, kernel_size, requires_grad=True).to(x.dtype)")]},
        {"test_learn_kernel"},
        ("kernel.grad is None from the first step on", "Create it in one go"),
    ),
    # conv2d: the output (N, H_out, W_out, C_out), each image's maps stacked last.
    "conv2d_filters_last": (
        {"conv2d": [("out = torch.zeros(n, c_out, h_out, w_out, dtype=x.dtype)",
                     "out = torch.zeros(n, h_out, w_out, c_out, dtype=x.dtype)"),
                    ("out[b, o] += corr2d_general(", "out[b, :, :, o] += corr2d_general("),
                    ("out[b, o] += bias[o]", "out[b, :, :, o] += bias[o]")]},
        {"test_conv2d"},
        "the filters last, (N, H_out, W_out, C_out)",
    ),
    # The gradient zeroed before backward: .grad is None until the first backward() fills it.
    "learn_kernel_zeroes_before_the_first_backward": (
        {"learn_kernel": [("        loss.backward()\n        with torch.no_grad():\n            kernel -= lr * kernel.grad\n"
                           "            kernel.grad.zero_()",
                           "        kernel.grad.zero_()\n        loss.backward()\n        with torch.no_grad():\n"
                           "            kernel -= lr * kernel.grad")]},
        {"test_learn_kernel"},
        ("the gradient was zeroed before the first backward()", "zero it after the update"),
    ),
    # The update that makes a new kernel, then the hint's zero_ line: the new kernel has no gradient to zero.
    "learn_kernel_new_kernel_then_zeroed": (
        {"learn_kernel": [("            kernel -= lr * kernel.grad\n", "            kernel = kernel - lr * kernel.grad\n")]},
        {"test_learn_kernel"},
        ("kernel.grad is None because kernel is a new tensor", "kernel -= lr * kernel.grad"),
    ),
    # x[a:b][c:d]: the second bracket slices the rows again, not the columns (a window of kh rows, every column).
    "corr2d_chained_slices": (
        {"corr2d": [("(x[i:i + kh, j:j + kw] * k).sum()", "(x[i:i + kh][j:j + kw] * k).sum()")]},
        {"test_corr2d"},
        {"test_corr2d": ("x[i:i + kh][j:j + kw] slices the rows twice", "x[i:i + kh, j:j + kw]")},
    ),
    # The window changed in place: a slice is a view, so window *= k writes into x.
    "corr2d_window_changed_in_place": (
        {"corr2d": [("            out[i, j] = (x[i:i + kh, j:j + kw] * k).sum()",
                     "            window = x[i:i + kh, j:j + kw]\n            window *= k\n"
                     "            out[i, j] = window.sum()")]},
        {"test_corr2d"},
        {"test_corr2d": ("corr2d changed its input x", "a view of x")},
    ),
    # The input-channel loop over the filters' count: c runs past C_in where there are more filters.
    "conv2d_channel_loop_over_filters": (
        {"conv2d": [("for c in range(c_in):", "for c in range(weight.shape[0]):")]},
        {"test_conv2d"},
        {"test_conv2d": ("c runs past C_in: for c in range(weight.shape[0])", "Loop c over range(x.shape[1])")},
    ),
    # The filter loop over the input channels: o runs past C_out where there are more input channels, and
    # the last filters are left at zero where there are fewer.
    "conv2d_filter_loop_over_channels": (
        {"conv2d": [("for o in range(c_out):", "for o in range(c_in):")]},
        {"test_conv2d"},
        {"test_conv2d": ("the last filters left at zero", "Loop o over range(weight.shape[0])")},
    ),
    # The batch loop over the input channels.
    "conv2d_batch_loop_over_channels": (
        {"conv2d": [("for b in range(n):", "for b in range(c_in):")]},
        {"test_conv2d"},
        {"test_conv2d": ("b runs past N: for b in range(c_in) reaches b = 1", "Loop b over range(x.shape[0])")},
    ),
    # kh, kw read from weight's dimensions 1 and 2 (C_in and kh): out is sized otherwise than the maps.
    "conv2d_kernel_size_from_wrong_dimensions": (
        {"conv2d": [("c_out, _, kh, kw = weight.shape", "c_out = weight.shape[0]\n    kh, kw = weight.shape[1], weight.shape[2]")]},
        {"test_conv2d"},
        {"test_conv2d": ("kh, kw are", "kh, kw = weight.shape[-2:]")},
    ),
    # kh and kw swapped when unpacking weight's shape.
    "conv2d_kernel_size_swapped": (
        {"conv2d": [("c_out, _, kh, kw = weight.shape", "c_out, _, kw, kh = weight.shape")]},
        {"test_conv2d"},
        {"test_conv2d": ("kh, kw are", "kh, kw = weight.shape[-2:]")},
    ),
    # F.conv2d given the 2-D kernel itself, or with one dimension added: it wants (C_out, C_in, kh, kw).
    "learn_kernel_2d_kernel_to_conv2d": (
        {"learn_kernel": [("F.conv2d(x, kernel[None, None])", "F.conv2d(x, kernel)")]},
        {"test_learn_kernel"},
        ("F.conv2d wants its weight (C_out, C_in, kh, kw)", "F.conv2d(x, kernel[None, None])"),
    ),
    "learn_kernel_3d_kernel_to_conv2d": (
        {"learn_kernel": [("F.conv2d(x, kernel[None, None])", "F.conv2d(x, kernel[None])")]},
        {"test_learn_kernel"},
        ("another number of dimensions than 4", "F.conv2d(x, kernel[None, None])"),
    ),
    # x itself returned at padding 0, not a new tensor: a later in-place change of the result changes x.
    "pad2d_returns_x_at_padding_0": (
        {"pad2d": [("    height, width = x.shape\n", "    if padding == 0:\n        return x\n    height, width = x.shape\n")]},
        {"test_pad2d"},
        {"test_pad2d": ("pad2d(x, 0) returned x itself", "not a new tensor")},
    ),
    # The padding subtracted from n, as if it shrank the input.
    "conv_output_size_padding_subtracted": (
        {"conv_output_size": [("(n + 2 * padding - dilation", "(n - 2 * padding - dilation")]},
        {"test_conv_output_size", "test_conv2d"},
        {"test_conv_output_size": "the padding subtracted, n - 2p"},
    ),
    # One step short: num_steps - 1 losses.
    "learn_kernel_one_step_short": (
        {"learn_kernel": [("for _ in range(num_steps):", "for _ in range(num_steps - 1):")]},
        {"test_learn_kernel"},
        ("one step short: range(num_steps - 1)",),
    ),
    # Fully connected, with the output channels left out: (inputs + 1) * H_out * W_out.
    "params_fully_connected_no_output_channels": (
        {"parameters": [("    return h_in * w_in * c_in * outputs + outputs",
                         "    return (h_in * w_in * c_in + 1) * h_out * w_out")]},
        {"test_parameters"},
        ("the output channels left out",),
    ),
    # Fully connected, with the input channels left out: (H_in * W_in + 1) * outputs.
    "params_fully_connected_no_input_channels": (
        {"parameters": [("    return h_in * w_in * c_in * outputs + outputs",
                         "    return (h_in * w_in + 1) * outputs")]},
        {"test_parameters"},
        ("the input channels left out",),
    ),
    # Locally connected, with one bias per position shared by its C_out units.
    "params_locally_connected_bias_per_position": (
        {"parameters": [("    return h_out * w_out * c_out * (kernel_size * kernel_size * in_channels + 1)",
                         "    return h_out * w_out * (kernel_size * kernel_size * in_channels * c_out + 1)")]},
        {"test_parameters"},
        ("one bias per position",),
    ),
    # The blur made with floor division: torch.ones(3, 3) // 9 is all zeros.
    "make_kernels_blur_floor_division": (
        {"make_kernels": [('"blur": torch.full((3, 3), 1.0 / 9.0),', '"blur": torch.ones(3, 3) // 9,')]},
        {"test_make_kernels"},
        ("// is floor division", "torch.ones(3, 3) / 9"),
    ),
    # weight indexed [c, o]: the indices swapped, which no loop's range explains.
    "conv2d_weight_indices_swapped": (
        {"conv2d": [("weight[o, c], stride, padding, dilation)", "weight[c, o], stride, padding, dilation)")]},
        {"test_conv2d"},
        {"test_conv2d": "weight indexed [c, o], the input channel first"},
    ),
    # conv2d: x indexed [o, c], the filter's index where the image's belongs.
    "conv2d_x_indexed_o_c": (
        {"conv2d": [("corr2d_general(x[b, c]", "corr2d_general(x[o, c]")]},
        {"test_conv2d"},
        ("x indexed [o, c]", "its first index counts the images of the batch"),
    ),
    # conv2d: Exercise 1's corr2d called, so no padding, stride or dilation.
    "conv2d_calls_corr2d": (
        {"conv2d": [("out[b, o] += corr2d_general(x[b, c], weight[o, c], stride, padding, dilation)", "out[b, o] += corr2d(x[b, c], weight[o, c])")]},
        {"test_conv2d"},
        "corr2d (Exercise 1) called instead of corr2d_general",
    ),
    # conv2d: the bias indexed by the image.
    "conv2d_bias_indexed_by_image": (
        {"conv2d": [("out[b, o] += bias[o]", "out[b, o] += bias[b]")]},
        {"test_conv2d"},
        "the bias indexed with the image's index, bias[b]",
    ),
    # conv2d: every filter's bias added to the whole image's output.
    "conv2d_bias_to_every_channel": (
        {"conv2d": [("out[b, o] += bias[o]", "out[b] += bias[o]")]},
        {"test_conv2d"},
        "every filter's bias added to every output channel",
    ),
    # conv_output_size: round() around the whole formula, + 1 inside.
    "conv_output_size_round_with_the_plus_1": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1", "return round((n + 2 * padding - dilation * (kernel_size - 1) - 1) / stride + 1)")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "round((n + 2p - d(k - 1) - 1) / s + 1)"},
    ),
    # conv_output_size: d - 1 subtracted after the formula without dilation.
    "conv_output_size_dilation_subtracted_after": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1", "return (n + 2 * padding - kernel_size) // stride + 1 - (dilation - 1)")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "the dilation subtracted after the rest of the formula"},
    ),
    # conv_output_size: the size without dilation divided by the dilation.
    "conv_output_size_divided_by_dilation": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1", "return ((n + 2 * padding - kernel_size) // stride + 1) // dilation")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": "the size without dilation divided by the dilation"},
    ),
    # corr2d_general: 2p zeros on each side.
    "corr2d_general_padded_twice": (
        {"corr2d_general": [("xp = pad2d(x, padding)", "xp = pad2d(x, 2 * padding)")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "the input padded twice over", "test_conv2d": "builds on your corr2d_general"},
    ),
    # corr2d_general: the dilation left out of the column index only.
    "corr2d_general_columns_not_dilated": (
        {"corr2d_general": [("left:left + dilation * (kw - 1) + 1:dilation]", "left:left + kw]")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "the dilation left out of the column index only",
         "test_conv2d": "builds on your corr2d_general"},
    ),
    # corr2d_general: the stride left out of the row index only.
    "corr2d_general_rows_not_strided": (
        {"corr2d_general": [("top, left = stride * i, stride * j", "top, left = i, stride * j")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "the stride left out of the row index only",
         "test_conv2d": "builds on your corr2d_general"},
    ),
    # corr2d_general: the windows start at d * i, the dilation where the stride belongs.
    "corr2d_general_windows_start_at_d_i": (
        {"corr2d_general": [("top, left = stride * i, stride * j", "top, left = dilation * i, dilation * j")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "the dilation where the stride belongs",
         "test_conv2d": "builds on your corr2d_general"},
    ),
    # corr2d: the window's sum times the kernel's sum.
    "corr2d_sum_times_sum": (
        {"corr2d": [("(x[i:i + kh, j:j + kw] * k).sum()", "x[i:i + kh, j:j + kw].sum() * k.sum()")]},
        {"test_corr2d"},
        "the window's sum times the kernel's sum",
    ),
    # Parameters: one bias per output pixel in the fully connected count.
    "params_fully_connected_bias_per_pixel": (
        {"parameters": [("return h_in * w_in * c_in * outputs + outputs", "return h_in * w_in * c_in * outputs + h_out * w_out")]},
        {"test_parameters"},
        "one bias per output pixel, shared by the C_out units there",
    ),
    # Parameters: the example's count written in.
    "params_convolution_example_written_in": (
        {"parameters": [("return out_channels * (kernel_size * kernel_size * in_channels + 1)", "return 96 * (11 * 11 * 3 + 1)")]},
        {"test_parameters"},
        ("the example's 11x11 kernel written in", "the example's 96 output channels written in"),
    ),
    # make_kernels: a 1x3 vertical_edge.
    "make_kernels_vertical_edge_1x3": (
        {"make_kernels": [('"vertical_edge": sobel,', '"vertical_edge": torch.tensor([[-1.0, 0.0, 1.0]]),')]},
        {"test_make_kernels"},
        "vertical_edge is 1 x 3: each kernel is 3x3",
    ),
    # make_kernels: a key misspelt.
    "make_kernels_key_misspelt": (
        {"make_kernels": [('"vertical_edge": sobel,', '"vertical": sobel,')]},
        {"test_make_kernels"},
        "The key 'vertical' where 'vertical_edge' is expected",
    ),
    # make_kernels: sharpen's neighbours positive.
    "make_kernels_sharpen_neighbours_positive": (
        {"make_kernels": [('[[0.0, -1.0, 0.0],\n                                 [-1.0, 5.0, -1.0],\n                                 [0.0, -1.0, 0.0]]',
                            '[[0.0, 1.0, 0.0],\n                                 [1.0, 5.0, 1.0],\n                                 [0.0, 1.0, 0.0]]')]},
        {"test_make_kernels"},
        "its centre's neighbours are positive (minus signs missing?)",
    ),
    # make_kernels: a diagonal edge kernel given as vertical_edge.
    "make_kernels_diagonal_vertical_edge": (
        {"make_kernels": [('"vertical_edge": sobel,', '"vertical_edge": torch.tensor([[0.0, 1.0, 1.0], [-1.0, 0.0, 1.0], [-1.0, -1.0, 0.0]]),')]},
        {"test_make_kernels"},
        "It looks like a diagonal edge kernel",
    ),
    # pad2d computed in float32 and cast back: every value of a float64 x rounded to float32's 7 digits.
    "pad2d_computed_in_float32": (
        {"pad2d": [("torch.zeros(height + 2 * padding, width + 2 * padding, dtype=x.dtype)",
                    "torch.zeros(height + 2 * padding, width + 2 * padding)"),
                   ("return out", "return out.to(x.dtype)")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "float32's rounding", "test_corr2d_general": "float32's rounding",
         "test_conv2d": "float32's rounding"},
    ),
    # pad2d copies x in as float32 (x.float()): the zeros are float64, x's values rounded.
    "pad2d_copies_x_as_float32": (
        {"pad2d": [("out[padding:padding + height, padding:padding + width] = x",
                    "out[padding:padding + height, padding:padding + width] = x.float()")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "float32's rounding", "test_corr2d_general": "float32's rounding",
         "test_conv2d": "float32's rounding"},
    ),
    # corr2d computed in float32 and cast back to x's dtype at the end.
    "corr2d_computed_in_float32": (
        {"corr2d": [("torch.zeros(x.shape[0] - kh + 1, x.shape[1] - kw + 1, dtype=x.dtype)",
                     "torch.zeros(x.shape[0] - kh + 1, x.shape[1] - kw + 1)"),
                    ("return out", "return out.to(x.dtype)")]},
        {"test_corr2d"},
        "float32's rounding",
    ),
    # corr2d_general pads a float32 copy of x: the windows hold rounded values.
    "corr2d_general_pads_float32": (
        {"corr2d_general": [("xp = pad2d(x, padding)", "xp = pad2d(x.float(), padding)")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "float32's rounding", "test_conv2d": "float32's rounding"},
    ),
    # conv2d sums into float32 zeros and casts back to x's dtype at the end.
    "conv2d_computed_in_float32": (
        {"conv2d": [("torch.zeros(n, c_out, h_out, w_out, dtype=x.dtype)", "torch.zeros(n, c_out, h_out, w_out)"),
                    ("return out", "return out.to(x.dtype)")]},
        {"test_conv2d"},
        "float32's rounding",
    ),
    # weight[c, o] where C_in == C_out (no IndexError there), weight[o, c] elsewhere.
    "conv2d_weight_c_o_when_square": (
        {"conv2d": [("weight[o, c]", "(weight[c, o] if weight.shape[0] == weight.shape[1] else weight[o, c])")]},
        {"test_conv2d"},
        "weight indexed [c, o], the input channel first",
    ),
    # kh where kw belongs in the column slice (with the 2x3 kernel that window is also one column short).
    "corr2d_kh_in_column_slice": (
        {"corr2d": [("(x[i:i + kh, j:j + kw] * k).sum()", "(x[i:i + kh, j:j + kh] * k).sum()")]},
        {"test_corr2d"},
        "kh in the column slice",
    ),
    # kw where kh belongs in the row slice.
    "corr2d_kw_in_row_slice": (
        {"corr2d": [("(x[i:i + kh, j:j + kw] * k).sum()", "(x[i:i + kw, j:j + kw] * k).sum()")]},
        {"test_corr2d"},
        "kw in the row slice",
    ),
    # corr2d_general: kh where kw belongs in the column slice.
    "corr2d_general_kh_in_column_slice": (
        {"corr2d_general": [("left:left + dilation * (kw - 1) + 1:dilation]",
                             "left:left + dilation * (kh - 1) + 1:dilation]")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "kh in the column slice", "test_conv2d": "builds on your corr2d_general"},
    ),
    # pad2d: H and W unpacked the other way round; the slice, written with them, is right.
    "pad2d_height_width_unpacked_swapped": (
        {"pad2d": [("height, width = x.shape", "width, height = x.shape")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "unpacks the rows first", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    # pad2d: x.T assigned into a right slice.
    "pad2d_x_transposed": (
        {"pad2d": [("out[padding:padding + height, padding:padding + width] = x",
                    "out[padding:padding + height, padding:padding + width] = x.T")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "x transposed", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    # pad2d: the padding written as 1 in the slice (right at padding 1 only).
    "pad2d_slice_starts_at_1": (
        {"pad2d": [("out[padding:padding + height, padding:padding + width] = x",
                    "out[1:1 + height, 1:1 + width] = x")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "starts at 1, a number", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    # learn_kernel: torch.optim.SGD with momentum, the gradient zeroed: the steps are not plain gradient descent.
    "learn_kernel_sgd_momentum": (
        {"learn_kernel": [("    losses = []\n", "    losses = []\n    opt = torch.optim.SGD([kernel], lr=lr, momentum=0.9)\n"),
                          ("        with torch.no_grad():\n            kernel -= lr * kernel.grad\n"
                           "            kernel.grad.zero_()\n", "        opt.step()\n        opt.zero_grad()\n")]},
        {"test_learn_kernel"},
        "not plain gradient descent (momentum?",
    ),
    # learn_kernel: torch.optim.SGD without momentum is the same gradient descent: a right answer.
    "learn_kernel_sgd_plain_is_right": (
        {"learn_kernel": [("    losses = []\n", "    losses = []\n    opt = torch.optim.SGD([kernel], lr=lr)\n"),
                          ("        with torch.no_grad():\n            kernel -= lr * kernel.grad\n"
                           "            kernel.grad.zero_()\n", "        opt.step()\n        opt.zero_grad()\n")]},
        set(),
    ),
    # make_kernels: a vertical edge kernel of the right form, but too weak to respond by more than 0.1.
    "make_kernels_vertical_edge_too_weak": (
        {"make_kernels": [('"vertical_edge": sobel,', '"vertical_edge": sobel / 100,')]},
        {"test_make_kernels"},
        ("the statement asks for more than 0.1", "its weights are too small"),
    ),
    # conv2d converts x to float32 itself: its zeros, made with dtype=x.dtype, are float32 then.
    "conv2d_converts_x_to_float32": (
        {"conv2d": [("n, c_in, height, width = x.shape", "n, c_in, height, width = x.shape\n    x = x.float()")]},
        {"test_conv2d"},
        "conv2d's code converts to float32 (.float())",
    ),
    # learn_kernel returns its (float64) kernel converted to float32.
    "learn_kernel_returns_float32": (
        {"learn_kernel": [("return kernel.detach(), losses", "return kernel.detach().float(), losses")]},
        {"test_learn_kernel"},
        "learn_kernel's code converts to float32 (.float())",
    ),
    # corr2d: the kernel flipped upside down only.
    "corr2d_kernel_flipped_rows_only": (
        {"corr2d": [("(x[i:i + kh, j:j + kw] * k).sum()", "(x[i:i + kh, j:j + kw] * k.flip(0)).sum()")]},
        {"test_corr2d"},
        "the kernel flipped upside down (k.flip(0))",
    ),
    # corr2d: the loop over the rows starts at 1.
    "corr2d_first_row_skipped": (
        {"corr2d": [("for i in range(out.shape[0])", "for i in range(1, out.shape[0])")]},
        {"test_corr2d"},
        "the first row left at zero",
    ),
    # conv2d: the bias added inside the loop over the input channels.
    "conv2d_bias_per_input_channel": (
        {"conv2d": [("                out[b, o] += corr2d_general(x[b, c], weight[o, c], stride, padding, dilation)\n"
                     "            if bias is not None:\n                out[b, o] += bias[o]\n",
                     "                out[b, o] += corr2d_general(x[b, c], weight[o, c], stride, padding, dilation)\n"
                     "                if bias is not None:\n                    out[b, o] += bias[o]\n")]},
        {"test_conv2d"},
        "the bias added once per input channel",
    ),
    # conv2d: a ReLU inside the layer.
    "conv2d_relu_inside": (
        {"conv2d": [("return out", "return out.clamp(min=0)")]},
        {"test_conv2d"},
        "negative values clipped to 0 (a ReLU?)",
    ),
    # conv2d: the output's height computed without the dilation (one side only).
    "conv2d_height_without_dilation": (
        {"conv2d": [("h_out = conv_output_size(height, kh, stride, padding, dilation)",
                     "h_out = conv_output_size(height, kh, stride, padding)")]},
        {"test_conv2d"},
        "the dilation left out of the output's height",
    ),
    # conv2d: the output's width computed without the dilation (one side only).
    "conv2d_width_without_dilation": (
        {"conv2d": [("w_out = conv_output_size(width, kw, stride, padding, dilation)",
                     "w_out = conv_output_size(width, kw, stride, padding)")]},
        {"test_conv2d"},
        "the dilation left out of the output's width",
    ),
    # learn_kernel: the loss halved (a factor 1/2 as in some textbooks' squared error).
    "learn_kernel_loss_halved": (
        {"learn_kernel": [("loss = ((y_hat - y) ** 2).mean()", "loss = ((y_hat - y) ** 2).mean() / 2")]},
        {"test_learn_kernel"},
        "the loss halved",
    ),
    # conv2d: the output made the size of the input's maps, (N, C_out, H, W); on the lecture's example (5x5,
    # padding 1, stride 2) the stride left out of the output's size gives that size too: both are said.
    "conv2d_output_the_size_of_the_input": (
        {"conv2d": [("out = torch.zeros(n, c_out, h_out, w_out, dtype=x.dtype)",
                     "out = torch.zeros(n, c_out, height, width, dtype=x.dtype)")]},
        {"test_conv2d"},
        ("was made the input's size", "the stride left out of the output's size"),
    ),
    # conv2d: each filter's sum over the channels kept in an accumulator made the size of x[b, c].
    "conv2d_accumulator_the_size_of_the_input": (
        {"conv2d": [("            for c in range(c_in):\n"
                     "                out[b, o] += corr2d_general(x[b, c], weight[o, c], stride, padding, dilation)\n",
                     "            acc = torch.zeros_like(x[b, 0])\n"
                     "            for c in range(c_in):\n"
                     "                acc += corr2d_general(x[b, c], weight[o, c], stride, padding, dilation)\n"
                     "            out[b, o] = acc\n")]},
        {"test_conv2d"},
        ("acc is 5 x 5", "was made the input's size"),
    ),
    # conv2d: the same accumulator started from 0: a right answer.
    "accepted_conv2d_accumulator_from_0": (
        {"conv2d": [("            for c in range(c_in):\n"
                     "                out[b, o] += corr2d_general(x[b, c], weight[o, c], stride, padding, dilation)\n",
                     "            acc = 0\n"
                     "            for c in range(c_in):\n"
                     "                acc = acc + corr2d_general(x[b, c], weight[o, c], stride, padding, dilation)\n"
                     "            out[b, o] = acc\n")]},
        set(),
    ),
    # corr2d_general: the output's size computed inline with / (a float), not with conv_output_size.
    "corr2d_general_size_with_a_float_division": (
        {"corr2d_general": [("h_out = conv_output_size(xp.shape[0], kh, stride, 0, dilation)",
                             "h_out = (xp.shape[0] - dilation * (kh - 1) - 1) / stride + 1"),
                            ("w_out = conv_output_size(xp.shape[1], kw, stride, 0, dilation)",
                             "w_out = (xp.shape[1] - dilation * (kw - 1) - 1) / stride + 1")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": ("h_out is 5.0 and w_out is 4.0, floats", "where a size must be a whole number", "//"),
         "test_conv2d": "builds on your corr2d_general"},
    ),
    # conv2d: the output's size computed inline with / (a float).
    "conv2d_size_with_a_float_division": (
        {"conv2d": [("h_out = conv_output_size(height, kh, stride, padding, dilation)",
                     "h_out = (height + 2 * padding - dilation * (kh - 1) - 1) / stride + 1"),
                    ("w_out = conv_output_size(width, kw, stride, padding, dilation)",
                     "w_out = (width + 2 * padding - dilation * (kw - 1) - 1) / stride + 1")]},
        {"test_conv2d"},
        "where a size must be a whole number",
    ),
    # learn_kernel: the gradient zeroed every other step only: the loss still falls at every step, but the
    # steps that follow an unzeroed one carry two gradients.
    "learn_kernel_zeroed_every_other_step": (
        {"learn_kernel": [("            kernel.grad.zero_()\n",
                           "            if _ % 2 == 1:\n                kernel.grad.zero_()\n")]},
        {"test_learn_kernel"},
        ("what the gradients added up give", "at every step"),
    ),
    # pad2d: the zeros always made in float64, whatever x's dtype.
    "pad2d_always_float64": (
        {"pad2d": [("dtype=x.dtype", "dtype=torch.float64")]},
        {"test_pad2d"},
        ("is in x's dtype, float32", "dtype=torch.float64?"),
    ),
    # pad2d: its second parameter named p: a right answer (every course cell passes the padding in order).
    "accepted_pad2d_parameter_named_p": (
        {"pad2d": [("def pad2d(x, padding):", "def pad2d(x, p):"),
                   ("torch.zeros(height + 2 * padding, width + 2 * padding", "torch.zeros(height + 2 * p, width + 2 * p"),
                   ("out[padding:padding + height, padding:padding + width] = x", "out[p:p + height, p:p + width] = x")]},
        set(),
    ),
    # conv_output_size: a NumPy integer (np.floor_divide), which compares equal to the size but is not a Python int.
    "conv_output_size_numpy_integer": (
        {"conv_output_size": [("    return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1",
                               "    import numpy as np\n"
                               "    return np.floor_divide(n + 2 * padding - dilation * (kernel_size - 1) - 1, stride) + 1")]},
        {"test_conv_output_size"},
        ("conv_output_size returns a Python int", "numpy.int64"),
    ),
    # conv_output_size: the - 1 and the + 1 both left out, which is the + 1 added before dividing.
    "output_size_minus_1_and_plus_1_left_out": (
        {"conv_output_size": [("return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1",
                               "return (n + 2 * padding - dilation * (kernel_size - 1)) // stride")]},
        {"test_conv_output_size", "test_corr2d_general", "test_conv2d"},
        {"test_conv_output_size": ("the + 1 added before dividing", "the - 1 and the + 1 both left out"),
         "test_corr2d_general": "builds on your conv_output_size",
         "test_conv2d": "builds on your conv_output_size"},
    ),
    # corr2d_general: the output made the size of the input (torch.zeros_like(x)), the loops over the right sizes.
    "corr2d_general_output_the_size_of_the_input": (
        {"corr2d_general": [("out = torch.zeros(h_out, w_out, dtype=x.dtype)", "out = torch.zeros_like(x)")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": ("the output was made the size of the input", "torch.zeros_like(x)"),
         "test_conv2d": "builds on your corr2d_general"},
    ),
    # corr2d_general: each window multiplied by the kernel in place; the windows overlap, the next ones read it.
    "corr2d_general_window_multiplied_in_place": (
        {"corr2d_general": [("            out[i, j] = (window * k).sum()",
                             "            window *= k\n            out[i, j] = window.sum()")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": ("multiplied by the kernel in place", "(window * k).sum()"),
         "test_conv2d": "builds on your corr2d_general"},
    ),
    # corr2d_general: no copy at padding 0 (xp is x), and the windows multiplied in place: x itself changes.
    "corr2d_general_changes_its_input": (
        {"corr2d_general": [("xp = pad2d(x, padding)", "xp = x if padding == 0 else pad2d(x, padding)"),
                            ("            out[i, j] = (window * k).sum()",
                             "            window *= k\n            out[i, j] = window.sum()")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "corr2d_general changed its input x",
         "test_conv2d": "builds on your corr2d_general"},
    ),
    # learn_kernel: the squared errors summed over each image, then averaged over the batch.
    "learn_kernel_loss_summed_per_image": (
        {"learn_kernel": [("loss = ((y_hat - y) ** 2).mean()", "loss = ((y_hat - y) ** 2).sum(dim=(1, 2, 3)).mean()")]},
        {"test_learn_kernel"},
        "the squared errors summed over each image, then averaged over the batch",
    ),
    # make_kernels: a sharpen kernel with a centre above 1 and a negative neighbour, but too weak.
    "make_kernels_sharpen_too_weak": (
        {"make_kernels": [('"sharpen": torch.tensor([[0.0, -1.0, 0.0],\n'
                           '                                 [-1.0, 5.0, -1.0],\n'
                           '                                 [0.0, -1.0, 0.0]]),',
                           '"sharpen": torch.tensor([[0.0, 0.0, 0.0], [0.0, 1.05, 0.0], [0.0, 0.0, -0.05]]),')]},
        {"test_make_kernels"},
        ("sharpen's output spreads", "above 1.1", "too weak"),
    ),
    # make_kernels: a blur that keeps most of the weight on one pixel: it smooths too little.
    "make_kernels_blur_too_weak": (
        {"make_kernels": [('"blur": torch.full((3, 3), 1.0 / 9.0),',
                           '"blur": torch.tensor([[0.0, 0.0, 0.0], [0.0, 0.95, 0.05], [0.0, 0.0, 0.0]]),')]},
        {"test_make_kernels"},
        ("blur's output spreads", "below 0.9"),
    ),
    # corr2d: the output made with torch.empty and each value added to it (+=): whatever was in memory stays.
    "corr2d_empty_and_added": (
        {"corr2d": [("out = torch.zeros(", "out = torch.empty("), ("out[i, j] = (", "out[i, j] += (")]},
        {"test_corr2d"},
        "a result made with torch.empty",
    ),
    # pad2d: x's last row not copied (a slice one row short).
    "pad2d_last_row_not_copied": (
        {"pad2d": [("out[padding:padding + height, padding:padding + width] = x",
                    "out[padding:padding + height - 1, padding:padding + width] = x[:-1]")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "x's last row not copied", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    # learn_kernel: x given to F.conv2d without its channel dimension.
    "learn_kernel_x_squeezed": (
        {"learn_kernel": [("y_hat = F.conv2d(x, kernel[None, None])", "y_hat = F.conv2d(x.squeeze(1), kernel[None, None])")]},
        {"test_learn_kernel"},
        "without its channel dimension",
    ),
    # learn_kernel: y_hat detached: the loss no longer depends on the kernel.
    "learn_kernel_y_hat_detached": (
        {"learn_kernel": [("loss = ((y_hat - y) ** 2).mean()", "loss = ((y_hat.detach() - y) ** 2).mean()")]},
        {"test_learn_kernel"},
        "y_hat.detach()",
    ),
    # params_fully_connected: both channels left out.
    "params_fully_connected_no_channels": (
        {"parameters": [("outputs = h_out * w_out * c_out", "outputs = h_out * w_out"),
                        ("return h_in * w_in * c_in * outputs + outputs", "return h_in * w_in * outputs + outputs")]},
        {"test_parameters"},
        "the channels left out, the input's and the output's",
    ),
    # conv2d: C_out read from weight.shape[1] (C_in): only the first C_in filters computed.
    "conv2d_c_out_from_weight_shape_1": (
        {"conv2d": [("c_out, _, kh, kw = weight.shape", "_, c_out, kh, kw = weight.shape")]},
        {"test_conv2d"},
        "C_out read from the wrong dimension, weight.shape[1]",
    ),
    # corr2d, corr2d_general, conv2d: the output always made in float64, whatever x's dtype.
    "corr2d_always_float64": (
        {"corr2d": [("dtype=x.dtype", "dtype=torch.float64")]},
        {"test_corr2d"},
        ("is in x's dtype, float32", "dtype=torch.float64?"),
    ),
    "corr2d_general_always_float64": (
        {"corr2d_general": [("dtype=x.dtype", "dtype=torch.float64")]},
        {"test_corr2d_general"},
        ("is in x's dtype, float32", "dtype=torch.float64?"),
    ),
    "conv2d_always_float64": (
        {"conv2d": [("dtype=x.dtype", "dtype=torch.float64")]},
        {"test_conv2d"},
        ("is in x's dtype, float32", "dtype=torch.float64?"),
    ),
    # conv2d: the output made with C_in channels (x.shape[1]) where it has C_out: out[b, o] runs past its end.
    "conv2d_out_with_c_in_channels": (
        {"conv2d": [("out = torch.zeros(n, c_out, h_out, w_out", "out = torch.zeros(n, c_in, h_out, w_out")]},
        {"test_conv2d"},
        ("was made with 3 channels = C_in = x.shape[1]", "C_out = weight.shape[0]"),
    ),
    # pad2d: out[a:b][c:d] = x, a chained slice that slices the rows twice.
    "pad2d_chained_slices": (
        {"pad2d": [("out[padding:padding + height, padding:padding + width] = x",
                    "out[padding:padding + height][padding:padding + width] = x")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "slices the rows twice", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    # conv2d: every output channel given the first filter's bias (bias[0]); on a batch of one, bias[b] is the same.
    "conv2d_bias_0": (
        {"conv2d": [("out[b, o] += bias[o]", "out[b, o] += bias[0]")]},
        {"test_conv2d"},
        ("bias[b], or the first filter's bias, bias[0]", "the same in a batch of one"),
    ),
    # conv2d: the bias added without testing for None: a layer without bias raises TypeError.
    "conv2d_bias_none_not_handled": (
        {"conv2d": [("            if bias is not None:\n                out[b, o] += bias[o]",
                     "            out[b, o] += bias[o]")]},
        {"test_conv2d"},
        ("bias is None here", "if bias is not None"),
    ),
    # pad2d: the zeros made with requires_grad=True: writing x into them in place raises.
    "pad2d_zeros_require_grad": (
        {"pad2d": [("width + 2 * padding, dtype=x.dtype)", "width + 2 * padding, dtype=x.dtype, requires_grad=True)")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": ("made with requires_grad=True", "without requires_grad"),
         "test_corr2d_general": "builds on your pad2d", "test_conv2d": "builds on your pad2d"},
    ),
    # corr2d and conv2d: the output made with requires_grad=True.
    "corr2d_output_requires_grad": (
        {"corr2d": [("dtype=x.dtype)", "dtype=x.dtype, requires_grad=True)")]},
        {"test_corr2d"},
        "made with requires_grad=True",
    ),
    "conv2d_output_requires_grad": (
        {"conv2d": [("dtype=x.dtype)", "dtype=x.dtype, requires_grad=True)")]},
        {"test_conv2d"},
        "made with requires_grad=True",
    ),
    # params_fully_connected: np.prod gives a NumPy integer, where the statement asks for a Python int.
    "params_numpy_int": (
        {"parameters": [("    outputs = h_out * w_out * c_out\n",
                         "    import numpy as np\n    outputs = h_out * w_out * c_out\n"),
                        ("return h_in * w_in * c_in * outputs + outputs",
                         "return np.prod(in_shape) * outputs + outputs")]},
        {"test_parameters"},
        ("params_fully_connected returns a Python int", "numpy.int64"),
    ),
    # Right, written another way: np.prod converted with int(...).
    "params_numpy_prod_converted_right": (
        {"parameters": [("    outputs = h_out * w_out * c_out\n",
                         "    import numpy as np\n    outputs = h_out * w_out * c_out\n"),
                        ("return h_in * w_in * c_in * outputs + outputs",
                         "return int(np.prod(in_shape)) * outputs + outputs")]},
        set(),
    ),
    # Right, written another way: the bias added to the whole output once, after the loops.
    "conv2d_bias_after_loops_right": (
        {"conv2d": [("            if bias is not None:\n                out[b, o] += bias[o]\n    return out",
                     "    if bias is not None:\n        out += bias[None, :, None, None]\n    return out")]},
        set(),
    ),
    # corr2d: the windows cut by Tensor.unfold, not by the loops the exercise asks for.
    "corr2d_tensor_unfold": (
        {"corr2d": [("    kh, kw = k.shape\n    out = torch.zeros(",
                     "    kh, kw = k.shape\n    return (x.unfold(0, kh, 1).unfold(1, kw, 1) * k).sum((-1, -2))\n"
                     "    out = torch.zeros(")]},
        {"test_corr2d"},
        "corr2d called unfold",
    ),
    # conv_output_size: wrong only for strides above 3 (AlexNet's first layer has stride 4).
    "conv_output_size_wrong_above_stride_3": (
        {"conv_output_size": [("(kernel_size - 1) - 1) // stride + 1",
                               "(kernel_size - 1) - 1) // stride + 1 + (1 if stride > 3 else 0)")]},
        {"test_conv_output_size"},
        "which is not right",
    ),
    # corr2d_general: the stride and the dilation swapped everywhere in the window.
    "corr2d_general_stride_dilation_swapped_in_window": (
        {"corr2d_general": [("top, left = stride * i, stride * j", "top, left = dilation * i, dilation * j"),
                            ("window = xp[top:top + dilation * (kh - 1) + 1:dilation,\n"
                             "                        left:left + dilation * (kw - 1) + 1:dilation]",
                             "window = xp[top:top + stride * (kh - 1) + 1:stride,\n"
                             "                        left:left + stride * (kw - 1) + 1:stride]")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "the stride and the dilation swapped in the window",
         "test_conv2d": "builds on your corr2d_general"},
    ),
    # corr2d_general: padded by 1 whatever the padding.
    "corr2d_general_padded_by_1": (
        {"corr2d_general": [("xp = pad2d(x, padding)", "xp = pad2d(x, 1)")]},
        {"test_corr2d_general", "test_conv2d"},
        {"test_corr2d_general": "padded by 1 whatever the padding", "test_conv2d": "builds on your corr2d_general"},
    ),
    # params_fully_connected: one bias per output channel, as a convolution has.
    "params_fully_connected_bias_per_channel": (
        {"parameters": [("return h_in * w_in * c_in * outputs + outputs",
                         "return h_in * w_in * c_in * outputs + out_shape[2]")]},
        {"test_parameters"},
        "one bias per output channel (out_shape[2])",
    ),
    # params_convolution: the filters counted once per output position (the locally connected count).
    "params_convolution_per_position": (
        {"parameters": [("    return out_channels * (kernel_size * kernel_size * in_channels + 1)",
                         "    return 55 * 55 * out_channels * (kernel_size * kernel_size * in_channels + 1)")]},
        {"test_parameters"},
        "the filters counted once per output position",
    ),
    # params_locally_connected: the output units counted with the input channels.
    "params_locally_connected_units_with_in_channels": (
        {"parameters": [("return h_out * w_out * c_out * (kernel_size", "return h_out * w_out * in_channels * (kernel_size")]},
        {"test_parameters"},
        "the output units counted with the input channels",
    ),
    # pad2d: the padding taken as the total of both sides, padding // 2 on each.
    "pad2d_half_padding": (
        {"pad2d": [("    height, width = x.shape\n", "    height, width = x.shape\n    padding = padding // 2\n")]},
        {"test_pad2d", "test_corr2d_general", "test_conv2d"},
        {"test_pad2d": "padding // 2", "test_corr2d_general": "builds on your pad2d",
         "test_conv2d": "builds on your pad2d"},
    ),
    # corr2d: its parameters in the other order, def corr2d(k, x): nothing fits, an empty output.
    "corr2d_arguments_swapped": (
        {"corr2d": [("def corr2d(x, k):", "def corr2d(k, x):")]},
        {"test_corr2d"},
        "x and k taken in the other order",
    ),
}
