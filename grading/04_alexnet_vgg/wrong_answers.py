"""Plausible wrong answers to notebook 04_alexnet_vgg, each with the graded test cells it must fail.

tests/test_wrong_answers.py judges each one as the autograder does: the correct
solution with a student's mistake edited in, cell id -> [(old text, new text)], must
lose exactly the points of the named test cells, and (the optional third element)
its visible checks must fail with messages that say these words (the same for each
cell, or {test cell: words}). An entry that must fail no cell is a right answer in
another form, which must keep its points.
"""

PARETO_SOLUTION = """    front = []
    for name, accuracy, operations in models:
        dominated = any(a >= accuracy and o <= operations and (a > accuracy or o < operations)
                        for _, a, o in models)
        if not dominated:
            front.append((operations, name))
    return [name for _, name in sorted(front)]"""

VGG_RETURN = """    return nn.Sequential(*blocks, nn.Flatten(),
                         nn.Linear(in_channels * side * side, hidden), nn.ReLU(), nn.Dropout(dropout),
                         nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(dropout),
                         nn.Linear(hidden, num_classes))"""

WRONG_ANSWERS = {
    # A convolution's weights without its biases.
    "arithmetic_forgets_bias": (
        {"layer_arithmetic": [("parameters = (k * k * c) * out_channels + out_channels",
                               "parameters = (k * k * c) * out_channels")]},
        {"test_layer_arithmetic"},
        'the weights without the biases',
    ),
    # The output size without the padding.
    "arithmetic_ignores_padding": (
        {"layer_arithmetic": [("(h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1",
                               "(h - k) // s + 1, (w - k) // s + 1")]},
        {"test_layer_arithmetic"},
        'the padding left out',
    ),
    # Multiply-adds of one output position: each weight counted once.
    "arithmetic_macs_per_position": (
        {"layer_arithmetic": [("multiply_adds = out_channels * h_out * w_out * (k * k * c)",
                               "multiply_adds = out_channels * (k * k * c)")]},
        {"test_layer_arithmetic"},
        'each weight is used at every one',
    ),
    # Height and width swapped in the output shape.
    "arithmetic_swaps_height_and_width": (
        {"layer_arithmetic": [("shape = (out_channels, h_out, w_out)", "shape = (out_channels, w_out, h_out)")]},
        {"test_layer_arithmetic"},
        'height and width swapped',
    ),
    # Each layer's output shape computed and reported, but the running shape never set to it: every layer
    # is given the input's shape (the flatten is there, yet the linear layer meets an image).
    "arithmetic_shape_not_updated": (
        {"layer_arithmetic": [("            shape = (out_channels, h_out, w_out)", "            new = (out_channels, h_out, w_out)"),
                              ("            shape = (c, (h - k) // s + 1, (w - k) // s + 1)",
                               "            new = (c, (h - k) // s + 1, (w - k) // s + 1)"),
                              ("            shape = (shape[0] * shape[1] * shape[2],)",
                               "            new = (shape[0] * shape[1] * shape[2],)"),
                              ("            shape = (out_features,)", "            new = (out_features,)"),
                              ("rows.append((shape, parameters, multiply_adds))",
                               "rows.append((new, parameters, multiply_adds))")]},
        {"test_layer_arithmetic"},
        "the running shape is not updated after each layer",
    ),
    # The features as channels times the side, not squared (with 2 input channels and 8 at the end, on a
    # side of 4, this gave what the features counted from in_channels give: the check's input tells them apart).
    "vgg_side_not_squared": (
        {"vgg": [("nn.Linear(in_channels * side * side, hidden)", "nn.Linear(in_channels * side, hidden)")]},
        {"test_vgg"},
        "the side not squared",
    ),
    # The features without the channels: one side x side map.
    "vgg_features_without_channels": (
        {"vgg": [("nn.Linear(in_channels * side * side, hidden)", "nn.Linear(side * side, hidden)")]},
        {"test_vgg"},
        "the channels left out of the features",
    ),
    # The side with true division: a float size, which nn.Linear refuses.
    "vgg_side_true_division": (
        {"vgg": [("side = image_size // 2 ** len(conv_arch)", "side = image_size / 2 ** len(conv_arch)")]},
        {"test_vgg"},
        ("the side computed with /", "floor division //"),
    ),
    # nn.LazyLinear for the first classifier layer: no in_features to count, no shape to load weights into.
    "vgg_lazy_linear": (
        {"vgg": [("nn.Linear(in_channels * side * side, hidden)", "nn.LazyLinear(hidden)")]},
        {"test_vgg"},
        ("LazyLinear", "no in_features until it first runs", "nn.Linear(features, hidden)"),
    ),
    # The training argument never read: a mask drawn in evaluation too (no test of p == 0 either).
    "dropout_ignores_training": (
        {"inverted_dropout": [("    if not training or p == 0:\n        return x\n", "")]},
        {"test_inverted_dropout"},
        ('values dropped in evaluation mode', 'the training argument ignored'),
    ),
    # Columns reversed with a negative step, as in NumPy: PyTorch refuses it.
    "flip_negative_step": (
        {"flip_horizontally": [("mirrored = x[..., reversed_columns]", "mirrored = x[..., ::-1]")]},
        {"test_flip_horizontally"},
        ("a slice with a negative step", "torch.arange(W - 1, -1, -1)"),
    ),
    # flip (B,) given to torch.where as it is: broadcast against the columns.
    "flip_index_not_broadcast": (
        {"flip_horizontally": [("torch.where(flip[:, None, None, None], mirrored, x)",
                                "torch.where(flip, mirrored, x)")]},
        {"test_flip_horizontally"},
        ("was not broadcast over each image", "flip[:, None, None, None]"),
    ),
    # flip with one None: lined up with the rows.
    "flip_index_one_none": (
        {"flip_horizontally": [("torch.where(flip[:, None, None, None], mirrored, x)",
                                "torch.where(flip[:, None], mirrored, x)")]},
        {"test_flip_horizontally"},
        ("was not broadcast over each image", "flip[:, None, None, None]"),
    ),
    # A sweep from the cheapest model that keeps one only when it beats the best accuracy so far: of two
    # identical models, the second is dropped.
    "pareto_sweep_drops_a_twin": (
        {"pareto_front": [("""    front = []
    for name, accuracy, operations in models:
        dominated = any(a >= accuracy and o <= operations and (a > accuracy or o < operations)
                        for _, a, o in models)
        if not dominated:
            front.append((operations, name))
    return [name for _, name in sorted(front)]""", """    front, best = [], None
    for name, accuracy, operations in sorted(models, key=lambda m: (m[2], -m[1], m[0])):
        if best is None or accuracy > best:
            front.append(name)
            best = accuracy
    return front""")]},
        {"test_pareto_front"},
        ("one of two identical models dropped", "identical models do not dominate each other"),
    ),
    # Dropout without rescaling: the mean shrinks to 1 - p.
    "dropout_no_rescaling": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return x * keep")]},
        {"test_inverted_dropout"},
        'no rescaling',
    ),
    # Rescaled by p instead of 1 - p.
    "dropout_rescales_by_p": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return x * keep / p")]},
        {"test_inverted_dropout"},
        'rescaled by p',
    ),
    # Drops in evaluation mode too.
    "dropout_in_evaluation": (
        {"inverted_dropout": [("if not training or p == 0:", "if p == 0:")]},
        {"test_inverted_dropout"},
        ('values dropped in evaluation mode', 'the training argument ignored'),
    ),
    # Keeps with probability p: drops 1 - p.
    "dropout_keeps_p": (
        {"inverted_dropout": [("keep = torch.rand(x.shape, device=x.device) >= p",
                               "keep = torch.rand(x.shape, device=x.device) < p")]},
        {"test_inverted_dropout"},
        'about 30% of the values are zeroed',
    ),
    # PyTorch's own dropout, which the exercise asks to write by hand.
    "dropout_calls_library": (
        {"inverted_dropout": [("    if not training or p == 0:\n        return x\n",
                               "    return F.dropout(x, p, training)\n")]},
        {"test_inverted_dropout"},
        'called torch.dropout',
    ),
    # Rows and columns of the crop swapped.
    "crop_swaps_top_and_left": (
        {"pad_and_crop": [("padded[i, :, t:t + size, l:l + size]", "padded[i, :, l:l + size, t:t + size]")]},
        {"test_pad_and_crop"},
        'top and left swapped',
    ),
    # Padding only at the top and left.
    "crop_pads_one_side": (
        {"pad_and_crop": [("torch.zeros(b, c, h + 2 * padding, w + 2 * padding,",
                           "torch.zeros(b, c, h + padding, w + padding,")]},
        {"test_pad_and_crop"},
        ("padding goes on all four sides", "H + 2 * padding"),
    ),
    # The offsets taken in the unpadded image.
    "crop_offsets_in_unpadded_image": (
        {"pad_and_crop": [("padded[i, :, t:t + size, l:l + size]",
                           "padded[i, :, t + padding:t + padding + size, l + padding:l + padding + size]")]},
        {"test_pad_and_crop"},
        ("positions in the padded image", "do not add padding"),
    ),
    # torch's pad, which the exercise asks to do by hand.
    "crop_calls_pad": (
        {"pad_and_crop": [("    padded = torch.zeros(b, c, h + 2 * padding, w + 2 * padding, dtype=x.dtype, "
                           "device=x.device)\n    padded[:, :, padding:padding + h, padding:padding + w] = x\n",
                           "    padded = F.pad(x, (padding, padding, padding, padding))\n")]},
        {"test_pad_and_crop"},
        'called torch._C._nn.pad',
    ),
    # Every image mirrored, whatever its flag.
    "flip_all_images": (
        {"flip_horizontally": [("return torch.where(flip[:, None, None, None], mirrored, x)", "return mirrored")]},
        {"test_flip_horizontally"},
        'every image mirrored',
    ),
    # The images not to flip are the ones flipped.
    "flip_the_others": (
        {"flip_horizontally": [("torch.where(flip[:, None, None, None], mirrored, x)",
                                "torch.where(flip[:, None, None, None], x, mirrored)")]},
        {"test_flip_horizontally"},
        'were mirrored instead',
    ),
    # Upside down instead of left to right.
    "flip_vertically": (
        {"flip_horizontally": [("reversed_columns = torch.arange(x.shape[-1] - 1, -1, -1, device=x.device)\n"
                                "    mirrored = x[..., reversed_columns]",
                                "reversed_rows = torch.arange(x.shape[-2] - 1, -1, -1, device=x.device)\n"
                                "    mirrored = x[..., reversed_rows, :]")]},
        {"test_flip_horizontally"},
        'mirrored upside down',
    ),
    # Convolutions without padding: the block shrinks the image (and vgg's classifier no longer fits).
    "vgg_block_without_padding": (
        {"vgg_block": [("nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1)",
                        "nn.Conv2d(in_channels, out_channels, kernel_size=3)")]},
        {"test_vgg_block", "test_vgg"},
        {'test_vgg_block': 'padding=1'},
    ),
    # Every convolution from in_channels: the second one gets 64 channels where it expects 3.
    "vgg_block_keeps_in_channels": (
        {"vgg_block": [("        in_channels = out_channels\n    layers.append", "    layers.append")]},
        {"test_vgg_block", "test_vgg"},
        {'test_vgg_block': ('both convolutions from in_channels = 3', 'set in_channels = out_channels')},
    ),
    # No pooling at the end of a block.
    "vgg_block_without_pooling": (
        {"vgg_block": [("    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))\n", "")]},
        {"test_vgg_block", "test_vgg"},
        {'test_vgg_block': 'no pooling at the end of the block'},
    ),
    # The classifier's input computed from the image size, not what the blocks leave.
    "vgg_features_from_image_size": (
        {"vgg": [("nn.Linear(in_channels * side * side, hidden)", "nn.Linear(in_channels * image_size * image_size, hidden)")]},
        {"test_vgg"},
        'computed from the image size',
    ),
    # No dropout in the classifier.
    "vgg_without_dropout": (
        {"vgg": [("nn.ReLU(), nn.Dropout(dropout),\n                         nn.Linear(hidden, hidden), "
                  "nn.ReLU(), nn.Dropout(dropout),",
                  "nn.ReLU(),\n                         nn.Linear(hidden, hidden), nn.ReLU(),")]},
        {"test_vgg"},
        'dropout layer',
    ),
    # Each block from the network's input channels.
    "vgg_blocks_from_input_channels": (
        {"vgg": [("        in_channels = out_channels\n    side", "    side")]},
        {"test_vgg"},
        'in_channels is not updated between blocks',
    ),
    # The weights without the biases.
    "conv_cost_forgets_bias": (
        {"conv_cost": [("return k * k * c_in * c_out + c_out,", "return k * k * c_in * c_out,")]},
        {"test_conv_cost"},
        'the weights without the biases',
    ),
    # The 1x1 reduction's own cost left out.
    "conv_cost_forgets_reduction": (
        {"conv_cost": [("return reduce_params + params, reduce_macs + macs", "return params, macs")]},
        {"test_conv_cost"},
        'only the 5x5 convolution',
    ),
    # The reduction counted with the large kernel.
    "conv_cost_reduction_with_kernel": (
        {"conv_cost": [("one_conv(in_channels, reduce_channels, 1)",
                        "one_conv(in_channels, reduce_channels, kernel_size)")]},
        {"test_conv_cost"},
        'counted with the large kernel',
    ),
    # Dominated only when beaten on both counts: models tied in accuracy with a cheaper one stay.
    "pareto_strict_on_both": (
        {"pareto_front": [("a >= accuracy and o <= operations and (a > accuracy or o < operations)",
                           "a > accuracy and o < operations")]},
        {"test_pareto_front"},
        'not strictly better on both',
    ),
    # "At least as good on both" without "strictly better on one": every model dominates itself.
    "pareto_not_strict": (
        {"pareto_front": [(" and (a > accuracy or o < operations)", "")]},
        {"test_pareto_front"},
        'does not dominate itself',
    ),
    # Not ordered by operations.
    "pareto_unsorted": (
        {"pareto_front": [("return [name for _, name in sorted(front)]", "return [name for _, name in front]")]},
        {"test_pareto_front"},
        'not ordered by operations',
    ),
    # More operations counted as better.
    "pareto_prefers_more_operations": (
        {"pareto_front": [("o <= operations and (a > accuracy or o < operations)",
                           "o >= operations and (a > accuracy or o > operations)")]},
        {"test_pareto_front"},
        'more operations counted as better',
    ),
    # A convolution's output size rounded up where the stride does not divide evenly.
    "arithmetic_conv_rounds_up": (
        {"layer_arithmetic": [("h_out, w_out = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1",
                               "h_out, w_out = math.ceil((h + 2 * p - k) / s) + 1, math.ceil((w + 2 * p - k) / s) + 1")]},
        {"test_layer_arithmetic"},
        "the size rounded up",
    ),
    # A pooling's output size rounded up (PyTorch's ceil_mode), where the window does not fit evenly.
    "arithmetic_pool_rounds_up": (
        {"layer_arithmetic": [("shape = (c, (h - k) // s + 1, (w - k) // s + 1)",
                               "shape = (c, math.ceil((h - k) / s) + 1, math.ceil((w - k) / s) + 1)")]},
        {"test_layer_arithmetic"},
        "the pooled size rounded up",
    ),
    # The pooling's window moved by its size, whatever the stride.
    "arithmetic_pool_ignores_stride": (
        {"layer_arithmetic": [("shape = (c, (h - k) // s + 1, (w - k) // s + 1)",
                               "shape = (c, (h - k) // k + 1, (w - k) // k + 1)")]},
        {"test_layer_arithmetic"},
        "stride replaced by its kernel size",
    ),
    # True division: sizes come back as floats.
    "arithmetic_true_division": (
        {"layer_arithmetic": [("h_out, w_out = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1",
                               "h_out, w_out = (h + 2 * p - k) / s + 1, (w + 2 * p - k) / s + 1")]},
        {"test_layer_arithmetic"},
        "a float",
    ),
    # No activation in the block: the shapes and the parameter count stay right.
    "vgg_block_without_relu": (
        {"vgg_block": [("layers += [nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU()]",
                        "layers += [nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1)]")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": "no ReLU"},
    ),
    # Average pooling: the same shapes, other values.
    "vgg_block_average_pooling": (
        {"vgg_block": [("nn.MaxPool2d(kernel_size=2, stride=2)", "nn.AvgPool2d(kernel_size=2, stride=2)")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": "average pooling"},
    ),
    # A pooling of stride 1: the image barely shrinks.
    "vgg_block_pool_stride_1": (
        {"vgg_block": [("nn.MaxPool2d(kernel_size=2, stride=2)", "nn.MaxPool2d(kernel_size=2, stride=1)")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": "kernel_size=2 and stride=2"},
    ),
    # A pooling after each convolution.
    "vgg_block_pools_after_each_conv": (
        {"vgg_block": [("layers += [nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU()]",
                        "layers += [nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU(), "
                        "nn.MaxPool2d(kernel_size=2, stride=2)]"),
                       ("    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))\n", "")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": "a pooling after every convolution"},
    ),
    # F.relu, a function, where a layer goes: nn.Sequential refuses it.
    "vgg_block_functional_relu": (
        {"vgg_block": [("nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU()]",
                        "nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), F.relu]")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": ("relu here is a function, not a layer", "the module nn.ReLU()")},
    ),
    # nn.ReLU, the class, not called.
    "vgg_block_relu_class_not_called": (
        {"vgg_block": [("nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU()]",
                        "nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU]")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": "nn.ReLU is the class, not a layer: call it, nn.ReLU()"},
    ),
    # Right, in another form: an nn.Sequential whose layers have names.
    "vgg_block_named_layers_is_right": (
        {"vgg_block": [("""    layers = []
    for _ in range(num_convs):
        layers += [nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU()]
        in_channels = out_channels
    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)""", """    block = nn.Sequential()
    for i in range(num_convs):
        block.add_module(f"conv{i + 1}", nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1))
        block.add_module(f"relu{i + 1}", nn.ReLU(inplace=True))
        in_channels = out_channels
    block.add_module("pool", nn.MaxPool2d(2))
    return block""")]},
        set(),
    ),
    # The dropout argument ignored: a fixed 0.5, AlexNet's.
    "vgg_dropout_fixed": (
        {"vgg": [("nn.ReLU(), nn.Dropout(dropout),\n                         nn.Linear(hidden, hidden), "
                  "nn.ReLU(), nn.Dropout(dropout),",
                  "nn.ReLU(), nn.Dropout(0.5),\n                         nn.Linear(hidden, hidden), "
                  "nn.ReLU(), nn.Dropout(0.5),")]},
        {"test_vgg"},
        "the dropout argument is ignored",
    ),
    # The hidden argument ignored: VGG's 4096 units.
    "vgg_hidden_fixed": (
        {"vgg": [("nn.Linear(in_channels * side * side, hidden)", "nn.Linear(in_channels * side * side, 4096)"),
                 ("nn.Linear(hidden, hidden)", "nn.Linear(4096, 4096)"),
                 ("nn.Linear(hidden, num_classes)", "nn.Linear(4096, num_classes)")]},
        {"test_vgg"},
        "the hidden argument is ignored",
    ),
    # The side rounded up where the image size does not halve evenly.
    "vgg_side_rounded_up": (
        {"vgg": [("side = image_size // 2 ** len(conv_arch)", "side = math.ceil(image_size / 2 ** len(conv_arch))")]},
        {"test_vgg"},
        "the side rounded up",
    ),
    # No ReLU after the first hidden layer of the classifier.
    "vgg_classifier_missing_relu": (
        {"vgg": [("nn.Linear(in_channels * side * side, hidden), nn.ReLU(), nn.Dropout(dropout),",
                  "nn.Linear(in_channels * side * side, hidden), nn.Dropout(dropout),")]},
        {"test_vgg"},
        "a ReLU missing in the classifier",
    ),
    # Right, in another form: dropout before the ReLU (the two commute).
    "vgg_dropout_before_relu_is_right": (
        {"vgg": [("nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(dropout),",
                  "nn.Linear(hidden, hidden), nn.Dropout(dropout), nn.ReLU(),")]},
        set(),
    ),
    # Dominated only when more accurate: a model as accurate as a cheaper one stays.
    "pareto_strict_on_accuracy_only": (
        {"pareto_front": [("a >= accuracy and o <= operations and (a > accuracy or o < operations)",
                           "a > accuracy and o <= operations")]},
        {"test_pareto_front"},
        "as accurate as a cheaper one was kept",
    ),
    # Dominated only when cheaper: a model as cheap as a more accurate one stays.
    "pareto_strict_on_operations_only": (
        {"pareto_front": [("a >= accuracy and o <= operations and (a > accuracy or o < operations)",
                           "a >= accuracy and o < operations")]},
        {"test_pareto_front"},
        "as cheap as a more accurate one was kept",
    ),

    # The output size as H // s: the kernel (and the padding) left out.
    "arithmetic_conv_forgets_kernel": (
        {"layer_arithmetic": [("h_out, w_out = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1",
                               "h_out, w_out = h // s, w // s")]},
        {"test_layer_arithmetic"},
        "the kernel left out of the size",
    ),
    # The padding on one side only.
    "arithmetic_conv_pads_once": (
        {"layer_arithmetic": [("h_out, w_out = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1",
                               "h_out, w_out = (h + p - k) // s + 1, (w + p - k) // s + 1")]},
        {"test_layer_arithmetic"},
        "the padding added on one side only",
    ),
    # The + 1 left out: the window's steps, not its positions.
    "arithmetic_conv_forgets_plus_one": (
        {"layer_arithmetic": [("h_out, w_out = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1",
                               "h_out, w_out = (h + 2 * p - k) // s, (w + 2 * p - k) // s")]},
        {"test_layer_arithmetic"},
        "the + 1 left out",
    ),
    # The stride left out of a convolution's size.
    "arithmetic_conv_ignores_stride": (
        {"layer_arithmetic": [("h_out, w_out = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1",
                               "h_out, w_out = h + 2 * p - k + 1, w + 2 * p - k + 1")]},
        {"test_layer_arithmetic"},
        "the stride left out",
    ),
    # Multiply-adds at every input position instead of every output position.
    "arithmetic_macs_at_input_size": (
        {"layer_arithmetic": [("multiply_adds = out_channels * h_out * w_out * (k * k * c)",
                               "multiply_adds = out_channels * h * w * (k * k * c)")]},
        {"test_layer_arithmetic"},
        "counted at the input's 227 x 227 positions",
    ),
    # A pooling's size as H // s: the kernel left out.
    "arithmetic_pool_forgets_kernel": (
        {"layer_arithmetic": [("shape = (c, (h - k) // s + 1, (w - k) // s + 1)", "shape = (c, h // s, w // s)")]},
        {"test_layer_arithmetic"},
        "the kernel left out of the pooled size",
    ),
    # A pooling's + 1 left out.
    "arithmetic_pool_forgets_plus_one": (
        {"layer_arithmetic": [("shape = (c, (h - k) // s + 1, (w - k) // s + 1)",
                               "shape = (c, (h - k) // s, (w - k) // s)")]},
        {"test_layer_arithmetic"},
        "the + 1 left out of the pooled size",
    ),
    # A pooling's window moved one pixel at a time.
    "arithmetic_pool_stride_one": (
        {"layer_arithmetic": [("shape = (c, (h - k) // s + 1, (w - k) // s + 1)", "shape = (c, h - k + 1, w - k + 1)")]},
        {"test_layer_arithmetic"},
        "the pooling's stride left out",
    ),
    # A pooling's height and width swapped.
    "arithmetic_pool_swaps_height_and_width": (
        {"layer_arithmetic": [("shape = (c, (h - k) // s + 1, (w - k) // s + 1)",
                               "shape = (c, (w - k) // s + 1, (h - k) // s + 1)")]},
        {"test_layer_arithmetic"},
        "height and width swapped",
    ),
    # A linear layer's weights without its biases.
    "arithmetic_linear_forgets_bias": (
        {"layer_arithmetic": [("parameters = shape[0] * out_features + out_features",
                               "parameters = shape[0] * out_features")]},
        {"test_layer_arithmetic"},
        "each of the 5 outputs also has one bias",
    ),
    # A linear layer's bias counted as a multiply-add.
    "arithmetic_linear_bias_as_multiply_add": (
        {"layer_arithmetic": [("multiply_adds = shape[0] * out_features\n",
                               "multiply_adds = shape[0] * out_features + out_features\n")]},
        {"test_layer_arithmetic"},
        "a bias counted as a multiply-add",
    ),
    # The flatten's shape as a number, not a tuple of one.
    "arithmetic_flatten_gives_a_number": (
        {"layer_arithmetic": [("shape = (shape[0] * shape[1] * shape[2],)", "shape = shape[0] * shape[1] * shape[2]")]},
        {"test_layer_arithmetic"},
        "a number, not a tuple",
    ),
    # The flatten without the channels.
    "arithmetic_flatten_drops_channels": (
        {"layer_arithmetic": [("shape = (shape[0] * shape[1] * shape[2],)", "shape = (shape[1] * shape[2],)")]},
        {"test_layer_arithmetic"},
        "the channels left out",
    ),
    # One mask drawn for a single example and broadcast over the batch: every example loses the same values.
    "dropout_mask_shared_by_the_batch": (
        {"inverted_dropout": [("keep = torch.rand(x.shape, device=x.device) >= p",
                               "keep = torch.rand(x.shape[1:], device=x.device) >= p")]},
        {"test_inverted_dropout"},
        ("every row of the output is zeroed at exactly the same places", "broadcast over the batch"),
    ),
    # The same, with the mask of the last dimension only.
    "dropout_mask_of_the_last_dimension": (
        {"inverted_dropout": [("keep = torch.rand(x.shape, device=x.device) >= p",
                               "keep = torch.rand(x.shape[-1], device=x.device) >= p")]},
        {"test_inverted_dropout"},
        "broadcast over the batch",
    ),
    # One random number per example: each example kept or dropped whole.
    "dropout_mask_per_example": (
        {"inverted_dropout": [("keep = torch.rand(x.shape, device=x.device) >= p",
                               "keep = torch.rand(x.shape[0], *[1] * (x.dim() - 1), device=x.device) >= p")]},
        {"test_inverted_dropout"},
        "zeroed entirely or not at all",
    ),
    # One random number for the whole tensor.
    "dropout_one_number": (
        {"inverted_dropout": [("keep = torch.rand(x.shape, device=x.device) >= p",
                               "keep = torch.rand(1, device=x.device) >= p")]},
        {"test_inverted_dropout"},
        "one random number for the whole tensor",
    ),
    # Normal random numbers instead of uniform ones: about 62% dropped at p = 0.3.
    "dropout_normal_numbers": (
        {"inverted_dropout": [("keep = torch.rand(x.shape, device=x.device) >= p",
                               "keep = torch.randn(x.shape, device=x.device) >= p")]},
        {"test_inverted_dropout"},
        "torch.randn",
    ),
    # x changed in place.
    "dropout_in_place": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "x[~keep] = 0\n    x /= 1 - p\n    return x")]},
        {"test_inverted_dropout"},
        "x itself is left unchanged",
    ),
    # The same mask at every call: a seed set inside the function.
    "dropout_seeded_inside": (
        {"inverted_dropout": [("keep = torch.rand(x.shape, device=x.device) >= p",
                               "torch.manual_seed(0)\n    keep = torch.rand(x.shape, device=x.device) >= p")]},
        {"test_inverted_dropout"},
        ("each call draws a new random mask", "Set no seed inside the function"),
    ),
    # x copied into the top-left corner of the padded image, not its middle.
    "crop_pads_into_the_corner": (
        {"pad_and_crop": [("padded[:, :, padding:padding + h, padding:padding + w] = x", "padded[:, :, :h, :w] = x")]},
        {"test_pad_and_crop"},
        "top-left corner of the padded image",
    ),
    # Every image cut where the first one is.
    "crop_same_window_for_all": (
        {"pad_and_crop": [("padded[i, :, t:t + size, l:l + size]",
                           "padded[i, :, top[0]:top[0] + size, left[0]:left[0] + size]")]},
        {"test_pad_and_crop"},
        "the first image's top[0] and left[0]",
    ),
    # top used for the columns as well as the rows.
    "crop_top_for_both": (
        {"pad_and_crop": [("padded[i, :, t:t + size, l:l + size]", "padded[i, :, t:t + size, t:t + size]")]},
        {"test_pad_and_crop"},
        "top used for the columns too",
    ),
    # Windows one pixel short.
    "crop_window_one_short": (
        {"pad_and_crop": [("padded[i, :, t:t + size, l:l + size]", "padded[i, :, t:t + size - 1, l:l + size - 1]")]},
        {"test_pad_and_crop"},
        "windows one pixel too small",
    ),
    # A border of ones.
    "crop_pads_with_ones": (
        {"pad_and_crop": [("padded = torch.zeros(", "padded = torch.ones(")]},
        {"test_pad_and_crop"},
        "the border around them is not zero",
    ),
    # The 1x1 reduction without its biases.
    "conv_cost_reduction_without_bias": (
        {"conv_cost": [("return reduce_params + params, reduce_macs + macs",
                        "return reduce_params - reduce_channels + params, reduce_macs + macs")]},
        {"test_conv_cost"},
        "the 1x1 reduction's biases left out",
    ),
    # The large convolution without its biases, after a reduction.
    "conv_cost_large_without_bias_after_reduction": (
        {"conv_cost": [("return reduce_params + params, reduce_macs + macs",
                        "return reduce_params + params - out_channels, reduce_macs + macs")]},
        {"test_conv_cost"},
        "the 5x5 convolution's biases left out",
    ),
    # The 1x1 reduction given the large convolution's number of biases.
    "conv_cost_reduction_with_out_channels_biases": (
        {"conv_cost": [("return reduce_params + params, reduce_macs + macs",
                        "return reduce_params - reduce_channels + out_channels + params, reduce_macs + macs")]},
        {"test_conv_cost"},
        "given out_channels (32) biases",
    ),
    # Every bias counted as a multiply-add.
    "conv_cost_bias_as_multiply_add": (
        {"conv_cost": [("k * k * c_in * c_out * height * width\n", "(k * k * c_in + 1) * c_out * height * width\n")]},
        {"test_conv_cost"},
        "a bias counted as a multiply-add",
    ),
    # The 1x1 reduction's bias counted as a multiply-add.
    "conv_cost_reduction_bias_as_multiply_add": (
        {"conv_cost": [("return reduce_params + params, reduce_macs + macs",
                        "return reduce_params + params, reduce_macs + reduce_channels * height * width + macs")]},
        {"test_conv_cost"},
        "the 1x1 reduction's bias counted as a multiply-add",
    ),
    # One bias per input channel.
    "conv_cost_bias_per_input_channel": (
        {"conv_cost": [("return k * k * c_in * c_out + c_out,", "return k * k * c_in * c_out + c_in,")]},
        {"test_conv_cost"},
        "one bias per input channel",
    ),
    # The positions of a convolution without padding.
    "conv_cost_positions_without_padding": (
        {"conv_cost": [("k * k * c_in * c_out * height * width\n",
                        "k * k * c_in * c_out * (height - k + 1) * (width - k + 1)\n")]},
        {"test_conv_cost"},
        "the positions of a convolution without padding",
    ),
    # height * height positions.
    "conv_cost_height_twice": (
        {"conv_cost": [("k * k * c_in * c_out * height * width\n", "k * k * c_in * c_out * height * height\n")]},
        {"test_conv_cost"},
        "height * height positions",
    ),
    # The large convolution from the input's channels, as if there were no reduction.
    "conv_cost_large_from_in_channels": (
        {"conv_cost": [("one_conv(reduce_channels, out_channels, kernel_size)",
                        "one_conv(in_channels, out_channels, kernel_size)")]},
        {"test_conv_cost"},
        "counted from in_channels",
    ),
    # Only the reduction's cost.
    "conv_cost_only_reduction": (
        {"conv_cost": [("return reduce_params + params, reduce_macs + macs", "return reduce_params, reduce_macs")]},
        {"test_conv_cost"},
        "only the 1x1 reduction",
    ),
    # The channels reversed instead of the columns.
    "flip_channels": (
        {"flip_horizontally": [("reversed_columns = torch.arange(x.shape[-1] - 1, -1, -1, device=x.device)\n"
                                "    mirrored = x[..., reversed_columns]",
                                "reversed_channels = torch.arange(x.shape[1] - 1, -1, -1, device=x.device)\n"
                                "    mirrored = x[:, reversed_channels]")]},
        {"test_flip_horizontally"},
        "the channels reversed",
    ),
    # The columns counted up: nothing mirrored.
    "flip_columns_in_order": (
        {"flip_horizontally": [("torch.arange(x.shape[-1] - 1, -1, -1, device=x.device)",
                                "torch.arange(x.shape[-1], device=x.device)")]},
        {"test_flip_horizontally"},
        "no image mirrored",
    ),
    # The side divided by 2 * (number of blocks) instead of 2 ** (number of blocks).
    "vgg_side_divided_by_twice_the_blocks": (
        {"vgg": [("side = image_size // 2 ** len(conv_arch)", "side = image_size // (2 * len(conv_arch))")]},
        {"test_vgg"},
        "the side divided by 2 * len(conv_arch)",
    ),
    # Precedence: image_size // 2 * len(conv_arch) is (image_size // 2) * len(conv_arch).
    "vgg_side_precedence": (
        {"vgg": [("side = image_size // 2 ** len(conv_arch)", "side = image_size // 2 * len(conv_arch)")]},
        {"test_vgg"},
        "which Python reads as (image_size // 2) * len(conv_arch)",
    ),
    # One hidden layer in the classifier.
    "vgg_one_hidden_layer": (
        {"vgg": [("nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(dropout),\n", "")]},
        {"test_vgg"},
        "one hidden layer",
    ),
    # A ReLU on the class scores.
    "vgg_relu_after_the_last_layer": (
        {"vgg": [("nn.Linear(hidden, num_classes))", "nn.Linear(hidden, num_classes), nn.ReLU())")]},
        {"test_vgg"},
        "a ReLU after the last linear layer",
    ),
    # A dropout on the class scores.
    "vgg_dropout_after_the_last_layer": (
        {"vgg": [("nn.Linear(hidden, num_classes))", "nn.Linear(hidden, num_classes), nn.Dropout(dropout))")]},
        {"test_vgg"},
        "a dropout after the last linear layer",
    ),
    # Convolutions without biases.
    "vgg_block_without_biases": (
        {"vgg_block": [("nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1)",
                        "nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1, bias=False)")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": "the convolutions without biases"},
    ),
    # One convolution too many.
    "vgg_block_one_conv_too_many": (
        {"vgg_block": [("for _ in range(num_convs):", "for _ in range(num_convs + 1):")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": "one convolution too many"},
    ),
    # The pooling at the start of the block.
    "vgg_block_pools_first": (
        {"vgg_block": [("    layers = []\n", "    layers = [nn.MaxPool2d(kernel_size=2, stride=2)]\n"),
                       ("    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))\n", "")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": "the pooling first"},
    ),
    # (operations, name) pairs instead of names.
    "pareto_returns_pairs": (
        {"pareto_front": [("return [name for _, name in sorted(front)]", "return sorted(front)")]},
        {"test_pareto_front"},
        "return the names alone",
    ),
    # Ordered by operations alone: ties left in the order they came.
    "pareto_ties_in_input_order": (
        {"pareto_front": [("return [name for _, name in sorted(front)]",
                           "return [name for _, name in sorted(front, key=lambda pair: pair[0])]")]},
        {"test_pareto_front"},
        "left in the order they came",
    ),
    # Ordered by name.
    "pareto_ordered_by_name": (
        {"pareto_front": [("return [name for _, name in sorted(front)]", "return sorted(name for _, name in front)")]},
        {"test_pareto_front"},
        "ordered by name",
    ),
    # The most expensive first.
    "pareto_most_operations_first": (
        {"pareto_front": [("return [name for _, name in sorted(front)]",
                           "return [name for _, name in sorted(front, reverse=True)]")]},
        {"test_pareto_front"},
        "ordered from the most operations",
    ),
    # The dominated models instead of the front.
    "pareto_lists_the_dominated": (
        {"pareto_front": [("if not dominated:", "if dominated:")]},
        {"test_pareto_front"},
        "the dominated models",
    ),
    # Accepted: conv_cost through layer_arithmetic, as its statement allows (the test cell declares that it
    # builds on layer_arithmetic, so the hidden test has that answer cell too).
    "accepted_conv_cost_through_layer_arithmetic": (
        {"conv_cost": [("""    def one_conv(c_in, c_out, k):
        return k * k * c_in * c_out + c_out, k * k * c_in * c_out * height * width
    if reduce_channels is None:
        return one_conv(in_channels, out_channels, kernel_size)
    reduce_params, reduce_macs = one_conv(in_channels, reduce_channels, 1)
    params, macs = one_conv(reduce_channels, out_channels, kernel_size)
    return reduce_params + params, reduce_macs + macs""", """    specs = [("conv", out_channels, kernel_size, 1, kernel_size // 2)]
    if reduce_channels is not None:
        specs = [("conv", reduce_channels, 1, 1, 0)] + specs
    rows = layer_arithmetic(specs, (in_channels, height, width))
    return sum(row[1] for row in rows), sum(row[2] for row in rows)""")]},
        set(),
    ),
    # The input channels replaced by the output channels in a convolution's weights: k * k * C_out * C_out.
    "conv_cost_out_channels_twice": (
        {"conv_cost": [("return k * k * c_in * c_out + c_out, k * k * c_in * c_out * height * width",
                        "return k * k * c_out * c_out + c_out, k * k * c_out * c_out * height * width")]},
        {"test_conv_cost"},
        'the input channels replaced by the output channels',
    ),
    # The output channels replaced by the input channels, in the multiply-adds only.
    "conv_cost_in_channels_twice_in_multiply_adds": (
        {"conv_cost": [("k * k * c_in * c_out * height * width", "k * k * c_in * c_in * height * width")]},
        {"test_conv_cost"},
        'the output channels replaced by the input channels',
    ),
    # The columns counted down from W - 1 to 1: arange leaves out its end, so column 0 is lost.
    "flip_loses_a_column": (
        {"flip_horizontally": [("torch.arange(x.shape[-1] - 1, -1, -1, device=x.device)",
                                "torch.arange(x.shape[-1] - 1, 0, -1, device=x.device)")]},
        {"test_flip_horizontally"},
        ('a column lost', 'torch.arange(W - 1, -1, -1)'),
    ),
    # The same lost column, mirrored image by image into a copy of x.
    "flip_loses_a_column_image_by_image": (
        {"flip_horizontally": [("    reversed_columns = torch.arange(x.shape[-1] - 1, -1, -1, device=x.device)\n"
                                "    mirrored = x[..., reversed_columns]                          # every image mirrored\n"
                                "    return torch.where(flip[:, None, None, None], mirrored, x)",
                                "    out = x.clone()\n"
                                "    for i in range(x.shape[0]):\n"
                                "        if flip[i]:\n"
                                "            out[i] = x[i][..., torch.arange(x.shape[-1] - 1, 0, -1)]\n"
                                "    return out")]},
        {"test_flip_horizontally"},
        'a column lost',
    ),
    # Every image mirrored, and column 0 lost.
    "flip_all_images_loses_a_column": (
        {"flip_horizontally": [("    mirrored = x[..., reversed_columns]                          # every image mirrored\n"
                                "    return torch.where(flip[:, None, None, None], mirrored, x)",
                                "    return x[..., torch.arange(x.shape[-1] - 1, 0, -1)]")]},
        {"test_flip_horizontally"},
        ('every image mirrored', 'a column lost'),
    ),
    # Accepted: the pair and the rows returned as lists, which unpack as tuples do.
    "accepted_conv_cost_as_a_list": (
        {"conv_cost": [("        return one_conv(in_channels, out_channels, kernel_size)",
                        "        return list(one_conv(in_channels, out_channels, kernel_size))"),
                       ("    return reduce_params + params, reduce_macs + macs",
                        "    return [reduce_params + params, reduce_macs + macs]")]},
        set(),
    ),
    "accepted_layer_arithmetic_rows_as_lists": (
        {"layer_arithmetic": [("        rows.append((shape, parameters, multiply_adds))",
                               "        rows.append([shape, parameters, multiply_adds])")]},
        set(),
    ),
    # round() for the floor: every size of the uneven network rounds the same way (21 / 2 = 10.5 rounds to
    # even, 10), the rounding network's 29 / 3 = 9.67 does not.
    "arithmetic_conv_round": (
        {"layer_arithmetic": [("h_out, w_out = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1",
                               "h_out, w_out = round((h + 2 * p - k) / s) + 1, round((w + 2 * p - k) / s) + 1")]},
        {"test_layer_arithmetic"},
        "rounded to the nearest whole number, with round()",
    ),
    "arithmetic_pool_round": (
        {"layer_arithmetic": [("shape = (c, (h - k) // s + 1, (w - k) // s + 1)",
                               "shape = (c, round((h - k) / s) + 1, round((w - k) / s) + 1)")]},
        {"test_layer_arithmetic"},
        ("the pooled size rounded up", "round()"),
    ),
    # Accepted: int() of a true division, which floors a positive quotient as // does.
    "accepted_arithmetic_int_of_a_division": (
        {"layer_arithmetic": [("h_out, w_out = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1",
                               "h_out, w_out = int((h + 2 * p - k) / s) + 1, int((w + 2 * p - k) / s) + 1")]},
        set(),
    ),
    # The pooling given the padding of the convolution before it (the p left over from the conv branch).
    "arithmetic_pool_stale_padding": (
        {"layer_arithmetic": [("shape = (c, (h - k) // s + 1, (w - k) // s + 1)",
                               "shape = (c, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1)")]},
        {"test_layer_arithmetic"},
        ("pooling has no padding", "the convolution's p = 3"),
    ),
    # The convolution's size formula copied into the pooling with a padding of 1.
    "arithmetic_pool_padding_one": (
        {"layer_arithmetic": [("shape = (c, (h - k) // s + 1, (w - k) // s + 1)",
                               "shape = (c, (h + 2 - k) // s + 1, (w + 2 - k) // s + 1)")]},
        {"test_layer_arithmetic"},
        ("pooling has no padding", "a padding of 1"),
    ),
    # Square images assumed: the width computed from the height.
    "arithmetic_conv_square_images": (
        {"layer_arithmetic": [("shape = (out_channels, h_out, w_out)", "shape = (out_channels, h_out, h_out)")]},
        {"test_layer_arithmetic"},
        "the width computed from the height",
    ),
    "arithmetic_pool_square_images": (
        {"layer_arithmetic": [("shape = (c, (h - k) // s + 1, (w - k) // s + 1)",
                               "shape = (c, (h - k) // s + 1, (h - k) // s + 1)")]},
        {"test_layer_arithmetic"},
        "the pooled width computed from the height",
    ),
    # A convolution's weights counted with C_out * C_out, as conv_cost's check names it too.
    "arithmetic_conv_out_channels_twice": (
        {"layer_arithmetic": [("parameters = (k * k * c) * out_channels + out_channels",
                               "parameters = (k * k * out_channels) * out_channels + out_channels")]},
        {"test_layer_arithmetic"},
        "the input channels replaced by the output channels",
    ),
    # A precedence slip: x * keep / 1 - p subtracts p from every value, so the dropped ones are -p, not 0.
    "dropout_precedence": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return x * keep / 1 - p")]},
        {"test_inverted_dropout"},
        ("the dropped values are 0", "x * keep / (1 - p)"),
    ),
    # Non-inverted dropout's evaluation: scaled by 1 - p instead of returned unchanged.
    "dropout_scales_in_evaluation": (
        {"inverted_dropout": [("    if not training or p == 0:\n        return x\n",
                               "    if not training:\n        return x * (1 - p)\n    if p == 0:\n        return x\n")]},
        {"test_inverted_dropout"},
        ("scaled by 1 - p in evaluation mode", "non-inverted dropout"),
    ),
    # The crops joined with torch.cat: the batch and the channels merged into one dimension.
    "crop_cat_for_stack": (
        {"pad_and_crop": [("return torch.stack(windows)", "return torch.cat(windows)")]},
        {"test_pad_and_crop"},
        ("torch.cat", "torch.stack(crops)"),
    ),
    # The padded batch made with the width before the height: x then no longer fits its middle.
    "crop_padded_height_and_width_swapped": (
        {"pad_and_crop": [("torch.zeros(b, c, h + 2 * padding, w + 2 * padding,",
                           "torch.zeros(b, c, w + 2 * padding, h + 2 * padding,")]},
        {"test_pad_and_crop"},
        ("x does not fit where it is copied", "made with W first"),
    ),
    # The caller's batch mirrored in place (the statement asks for a new tensor).
    "flip_in_place": (
        {"flip_horizontally": [("    return torch.where(flip[:, None, None, None], mirrored, x)",
                                "    x[flip] = mirrored[flip]\n    return x")]},
        {"test_flip_horizontally"},
        ("x itself is left unchanged", "mirrored in place"),
    ),
    # W taken from the height: the mirrored images have H columns.
    "flip_width_from_height": (
        {"flip_horizontally": [("torch.arange(x.shape[-1] - 1, -1, -1, device=x.device)",
                                "torch.arange(x.shape[2] - 1, -1, -1, device=x.device)")]},
        {"test_flip_horizontally"},
        ("W was taken from another dimension", "x.shape[-1]"),
    ),
    # nn.Sequential given the list itself.
    "vgg_block_sequential_of_a_list": (
        {"vgg_block": [("return nn.Sequential(*layers)", "return nn.Sequential(layers)")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": ("nn.Sequential was given a list", "nn.Sequential(*layers)")},
    ),
    # Each ReLU before its convolution.
    "vgg_block_relu_first": (
        {"vgg_block": [("layers += [nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU()]",
                        "layers += [nn.ReLU(), nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1)]")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": "each ReLU before its convolution"},
    ),
    # Accepted: padding="same", the same layer as padding=1 for a 3x3 kernel at stride 1.
    "accepted_vgg_block_padding_same": (
        {"vgg_block": [("kernel_size=3, padding=1)", 'kernel_size=3, padding="same")')]},
        set(),
    ),
    # nn.Sequential given the list of blocks itself.
    "vgg_sequential_of_a_list": (
        {"vgg": [("return nn.Sequential(*blocks, nn.Flatten(),", "return nn.Sequential(blocks, nn.Flatten(),")]},
        {"test_vgg"},
        ("nn.Sequential was given a Python list", "nn.Sequential(*blocks"),
    ),
    # in_channels not updated between blocks, the features taken from the last block's channels: the
    # classifier fits, the second block does not.
    "vgg_in_channels_not_updated_between_blocks": (
        {"vgg": [("        in_channels = out_channels\n    side", "    side"),
                 ("nn.Linear(in_channels * side * side, hidden)", "nn.Linear(conv_arch[-1][1] * side * side, hidden)")]},
        {"test_vgg"},
        ("in_channels is not updated between blocks", "in_channels = channels"),
    ),
    # vgg_block's channel arguments swapped.
    "vgg_block_arguments_swapped": (
        {"vgg": [("vgg_block(num_convs, in_channels, out_channels)", "vgg_block(num_convs, out_channels, in_channels)")]},
        {"test_vgg"},
        "vgg_block's arguments swapped",
    ),
    # Accepted: torchvision's layout, the blocks and the classifier each in an nn.Sequential of their own.
    "accepted_vgg_nested_like_torchvision": (
        {"vgg": [("""    return nn.Sequential(*blocks, nn.Flatten(),
                         nn.Linear(in_channels * side * side, hidden), nn.ReLU(), nn.Dropout(dropout),
                         nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(dropout),
                         nn.Linear(hidden, num_classes))""", """    features = nn.Sequential(*blocks)
    classifier = nn.Sequential(nn.Flatten(), nn.Linear(in_channels * side * side, hidden), nn.ReLU(),
                               nn.Dropout(dropout), nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(dropout),
                               nn.Linear(hidden, num_classes))
    return nn.Sequential(features, classifier)""")]},
        set(),
    ),
    # With a reduction, each convolution's (parameters, multiply_adds) handed back, not added up.
    "conv_cost_pairs_not_added": (
        {"conv_cost": [("return reduce_params + params, reduce_macs + macs",
                        "return (reduce_params, reduce_macs), (params, macs)")]},
        {"test_conv_cost"},
        ("one pair per convolution", "add them"),
    ),
    # The names as a set, which has no order.
    "pareto_returns_a_set": (
        {"pareto_front": [("return [name for _, name in sorted(front)]", "return {name for _, name in front}")]},
        {"test_pareto_front"},
        ("pareto_front returns a list", "a set has no order"),
    ),
    # The names as a tuple: the statement asks for a list.
    "pareto_returns_a_tuple": (
        {"pareto_front": [("return [name for _, name in sorted(front)]",
                           "return tuple(name for _, name in sorted(front))")]},
        {"test_pareto_front"},
        "pareto_front returns a list",
    ),
    # Lower accuracy counted as better.
    "pareto_prefers_lower_accuracy": (
        {"pareto_front": [("a >= accuracy and o <= operations and (a > accuracy or o < operations)",
                           "a <= accuracy and o <= operations and (a < accuracy or o < operations)")]},
        {"test_pareto_front"},
        "lower accuracy counted as better",
    ),
    # Ordered by accuracy, the most accurate first.
    "pareto_ordered_by_accuracy": (
        {"pareto_front": [("front.append((operations, name))", "front.append((-accuracy, name))")]},
        {"test_pareto_front"},
        "ordered by accuracy, the most accurate first",
    ),
    # Accepted: ordered by (accuracy, name), which on a front is the order of (operations, name).
    "accepted_pareto_ordered_by_accuracy_upwards": (
        {"pareto_front": [("front.append((operations, name))", "front.append((accuracy, name))")]},
        set(),
    ),
    # The mask returned without x: out of ones, keep / (1 - p) is x * keep / (1 - p), so only values that
    # differ tell them apart.
    "dropout_returns_the_mask": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return keep / (1 - p)")]},
        {"test_inverted_dropout"},
        "returns the mask divided by 1 - p, without x",
    ),
    "dropout_returns_the_mask_unscaled": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return keep.float()")]},
        {"test_inverted_dropout"},
        "returns the mask itself, without x",
    ),
    "dropout_mask_times_the_mean": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return x.mean() * keep / (1 - p)")]},
        {"test_inverted_dropout"},
        "not times x value by value",
    ),
    # Accepted: the kept values chosen with torch.where, and a mask drawn with torch.bernoulli.
    "accepted_dropout_with_where": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return torch.where(keep, x / (1 - p), 0.0)")]},
        set(),
    ),
    "accepted_dropout_bernoulli_mask": (
        {"inverted_dropout": [("keep = torch.rand(x.shape, device=x.device) >= p",
                               "keep = torch.bernoulli(torch.full_like(x, 1 - p))")]},
        set(),
    ),
    # Exactly int(p * n) values dropped, picked at random: the fraction is right, but the values are not
    # dropped independently (the number dropped never varies).
    "dropout_exact_fraction": (
        {"inverted_dropout": [("keep = torch.rand(x.shape, device=x.device) >= p",
                               "n = x.numel()\n    keep = torch.ones(n, dtype=torch.bool, device=x.device)\n"
                               "    keep[torch.randperm(n, device=x.device)[:int(p * n)]] = False\n"
                               "    keep = keep.view(x.shape)")]},
        {"test_inverted_dropout"},
        ("the number dropped varies", "a fixed number of values is picked"),
    ),
    # The result converted to float64.
    "dropout_returns_float64": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return (x * keep).double() / (1 - p)")]},
        {"test_inverted_dropout"},
        ("keeps x's dtype", "came back as torch.float64"),
    ),
    # A NumPy mask: it ignores torch.manual_seed and exists only on the CPU.
    "dropout_numpy_mask": (
        {"inverted_dropout": [("    keep = torch.rand(x.shape, device=x.device) >= p          # True with probability 1 - p\n"
                               "    return x * keep / (1 - p)",
                               "    import numpy as np\n"
                               "    return torch.from_numpy(x.numpy() * (np.random.rand(*x.shape) >= p) / (1 - p))")]},
        {"test_inverted_dropout"},
        ("torch.manual_seed(0) before two calls gives the same mask twice", "NumPy's np.random"),
    ),
    # The mask made on the CPU whatever x's device (the exercise's hint before it named the device).
    "dropout_mask_on_the_cpu": (
        {"inverted_dropout": [("keep = torch.rand(x.shape, device=x.device) >= p", "keep = torch.rand(x.shape) >= p")]},
        {"test_inverted_dropout"},
        ("the mask is made on the CPU", "device=x.device"),
    ),
    # AlexNet's p = 0.5 fixed, the argument ignored.
    "dropout_ignores_p": (
        {"inverted_dropout": [("keep = torch.rand(x.shape, device=x.device) >= p",
                               "keep = torch.rand(x.shape, device=x.device) >= 0.5")]},
        {"test_inverted_dropout"},
        "AlexNet's p, fixed",
    ),
    # The kept values divided by 1 - p twice.
    "dropout_rescaled_twice": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return x * keep / (1 - p) / (1 - p)")]},
        {"test_inverted_dropout"},
        "divided by 1 - p twice",
    ),
    # Accepted: the mask drawn with torch.rand_like, on x's device and in its dtype.
    "accepted_dropout_rand_like": (
        {"inverted_dropout": [("keep = torch.rand(x.shape, device=x.device) >= p", "keep = torch.rand_like(x) >= p")]},
        set(),
    ),
    # A softmax (or log-softmax) after the last linear layer: nn.CrossEntropyLoss applies one itself.
    "vgg_softmax_at_the_end": (
        {"vgg": [("nn.Linear(hidden, num_classes))", "nn.Linear(hidden, num_classes), nn.Softmax(dim=1))")]},
        {"test_vgg"},
        "a softmax after the last linear layer",
    ),
    "vgg_log_softmax_at_the_end": (
        {"vgg": [("nn.Linear(hidden, num_classes))", "nn.Linear(hidden, num_classes), nn.LogSoftmax(dim=1))")]},
        {"test_vgg"},
        "a log-softmax after the last linear layer",
    ),
    # Each ReLU before its linear layer: two ReLUs, but none after the second hidden layer.
    "vgg_relu_before_linear": (
        {"vgg": [("nn.Linear(in_channels * side * side, hidden), nn.ReLU(), nn.Dropout(dropout),\n"
                  "                         nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(dropout),",
                  "nn.ReLU(), nn.Linear(in_channels * side * side, hidden), nn.Dropout(dropout),\n"
                  "                         nn.ReLU(), nn.Linear(hidden, hidden), nn.Dropout(dropout),")]},
        {"test_vgg"},
        "each ReLU before its linear layer",
    ),
    # A pool spec's settings unpacked as (stride, kernel size): on ('pool', 5, 2) over 4x8x11 it gives what
    # the width computed from the height gives, and only another pooling tells the two apart.
    "arithmetic_pool_kernel_and_stride_swapped": (
        {"layer_arithmetic": [("            k, s = settings\n            c, h, w = shape\n            shape = (c,",
                               "            s, k = settings\n            c, h, w = shape\n            shape = (c,")]},
        {"test_layer_arithmetic"},
        "kernel size and stride swapped",
    ),
    # A conv spec's settings unpacked with the kernel size first.
    "arithmetic_conv_kernel_first": (
        {"layer_arithmetic": [("out_channels, k, s, p = settings", "k, out_channels, s, p = settings")]},
        {"test_layer_arithmetic"},
        "out_channels and kernel_size swapped",
    ),
    # None for the layers without weights.
    "arithmetic_none_for_free_layers": (
        {"layer_arithmetic": [("            shape = (shape[0] * shape[1] * shape[2],)\n            parameters = multiply_adds = 0",
                               "            shape = (shape[0] * shape[1] * shape[2],)\n            parameters = multiply_adds = None")]},
        {"test_layer_arithmetic"},
        ("holds None", "counts 0 parameters"),
    ),
    # The row's counts in the wrong order.
    "arithmetic_row_order": (
        {"layer_arithmetic": [("rows.append((shape, parameters, multiply_adds))",
                               "rows.append((shape, multiply_adds, parameters))")]},
        {"test_layer_arithmetic"},
        "the multiply-adds where the parameters go",
    ),
    # The row records the shape entering the layer.
    "arithmetic_shape_entering": (
        {"layer_arithmetic": [("        if kind == \"conv\":", "        shape_in = shape\n        if kind == \"conv\":"),
                              ("rows.append((shape, parameters, multiply_adds))",
                               "rows.append((shape_in, parameters, multiply_adds))")]},
        {"test_layer_arithmetic"},
        "the shape entering the layer",
    ),
    # The shape as (H, W, C).
    "arithmetic_shape_channels_last": (
        {"layer_arithmetic": [("shape = (out_channels, h_out, w_out)", "shape = (h_out, w_out, out_channels)")]},
        {"test_layer_arithmetic"},
        "the shape as (H, W, C)",
    ),
    # A linear layer's F_in from the network's input.
    "arithmetic_linear_from_the_input": (
        {"layer_arithmetic": [("            parameters = shape[0] * out_features + out_features",
                               "            parameters = math.prod(input_shape) * out_features + out_features")]},
        {"test_layer_arithmetic"},
        "F_in taken from the network's input",
    ),
    # A conv's parameters without its input channels.
    "arithmetic_conv_without_input_channels": (
        {"layer_arithmetic": [("parameters = (k * k * c) * out_channels + out_channels",
                               "parameters = (k * k) * out_channels + out_channels")]},
        {"test_layer_arithmetic"},
        "the input channels left out",
    ),
    # Accepted: the rows returned as a tuple, which the table and the hidden test use as they use a list.
    "accepted_arithmetic_rows_as_a_tuple": (
        {"layer_arithmetic": [("    return rows", "    return tuple(rows)")]},
        set(),
    ),
    # nn.Conv2d given (out_channels, in_channels).
    "vgg_block_conv_arguments_swapped": (
        {"vgg_block": [("nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1)",
                        "nn.Conv2d(out_channels, in_channels, kernel_size=3, padding=1)")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": "nn.Conv2d's arguments swapped"},
    ),
    # Strictly better on one count taken as enough to dominate.
    "pareto_better_on_one_count_is_enough": (
        {"pareto_front": [("dominated = any(a >= accuracy and o <= operations and (a > accuracy or o < operations)",
                           "dominated = any((a > accuracy or o < operations)")]},
        {"test_pareto_front"},
        "without being at least as good on both",
    ),
    # The fields read as (name, operations, accuracy), in both loops.
    "pareto_fields_swapped": (
        {"pareto_front": [("for name, accuracy, operations in models:", "for name, operations, accuracy in models:"),
                          ("for _, a, o in models)", "for _, o, a in models)")]},
        {"test_pareto_front"},
        "the fields read in the wrong order",
    ),
    # Rows only for the layers that cost something: "pool and flatten cost nothing".
    "arithmetic_no_rows_for_pool_and_flatten": (
        {"layer_arithmetic": [("            shape = (c, (h - k) // s + 1, (w - k) // s + 1)\n"
                               "            parameters = multiply_adds = 0",
                               "            shape = (c, (h - k) // s + 1, (w - k) // s + 1)\n            continue"),
                              ("            shape = (shape[0] * shape[1] * shape[2],)\n"
                               "            parameters = multiply_adds = 0",
                               "            shape = (shape[0] * shape[1] * shape[2],)\n            continue")]},
        {"test_layer_arithmetic"},
        "every spec gets a row, flatten too",
    ),
    "arithmetic_no_row_for_pool": (
        {"layer_arithmetic": [("            shape = (c, (h - k) // s + 1, (w - k) // s + 1)\n"
                               "            parameters = multiply_adds = 0",
                               "            shape = (c, (h - k) // s + 1, (w - k) // s + 1)\n            continue")]},
        {"test_layer_arithmetic"},
        "every spec gets a row, pool and flatten too",
    ),
    # A conv's row appended twice (once in its branch, once at the end).
    "arithmetic_two_rows_for_a_conv": (
        {"layer_arithmetic": [("            shape = (out_channels, h_out, w_out)",
                               "            shape = (out_channels, h_out, w_out)\n            rows.append((shape, 0, 0))")]},
        {"test_layer_arithmetic"},
        "append one row per spec, once",
    ),
    # One layer's output shape put in its row but not carried on to the next spec.
    "arithmetic_conv_shape_not_carried": (
        {"layer_arithmetic": [("            shape = (out_channels, h_out, w_out)",
                               "            rows.append(((out_channels, h_out, w_out), parameters, multiply_adds))\n"
                               "            continue")]},
        {"test_layer_arithmetic"},
        "the pooling given the shape before the convolution",
    ),
    "arithmetic_pool_shape_not_carried": (
        {"layer_arithmetic": [("            shape = (c, (h - k) // s + 1, (w - k) // s + 1)\n"
                               "            parameters = multiply_adds = 0",
                               "            rows.append(((c, (h - k) // s + 1, (w - k) // s + 1), 0, 0))\n"
                               "            continue")]},
        {"test_layer_arithmetic"},
        "the flatten given the shape before the pooling",
    ),
    # x copied into padding:-padding, which is 0:-0, an empty slice, when padding is 0.
    "crop_slice_ends_at_minus_padding": (
        {"pad_and_crop": [("padded[:, :, padding:padding + h, padding:padding + w] = x",
                           "padded[:, :, padding:-padding, padding:-padding] = x")]},
        {"test_pad_and_crop"},
        ("the slice x is copied into is empty", "-0 is 0", "padding:padding + H"),
    ),
    # The windows cut without the channel slice: the rows come out of the channels.
    "crop_without_the_channel_slice": (
        {"pad_and_crop": [("padded[i, :, t:t + size, l:l + size]", "padded[i, t:t + size, l:l + size]")]},
        {"test_pad_and_crop"},
        ("different numbers of channels", "padded[i, :, t:t + size, l:l + size]"),
    ),
    "crop_without_the_channel_slice_into_zeros": (
        {"pad_and_crop": [("    windows = [padded[i, :, t:t + size, l:l + size] for i, (t, l) in "
                           "enumerate(zip(top.tolist(), left.tolist()))]\n    return torch.stack(windows)",
                           "    out = torch.zeros(b, c, size, size)\n    for i in range(b):\n"
                           "        out[i] = padded[i, top[i]:top[i] + size, left[i]:left[i] + size]\n    return out")]},
        {"test_pad_and_crop"},
        ("its columns were never cut", "rows were cut out of the channels"),
    ),
    "crop_rows_only": (
        {"pad_and_crop": [("padded[i, :, t:t + size, l:l + size]", "padded[i, :, t:t + size]")]},
        {"test_pad_and_crop"},
        "only the rows cut",
    ),
    "crop_columns_only": (
        {"pad_and_crop": [("padded[i, :, t:t + size, l:l + size]", "padded[i, :, :, l:l + size]")]},
        {"test_pad_and_crop"},
        "only the columns cut",
    ),
    # The crops handed back as a Python list, or given to torch.tensor, which takes numbers only.
    "crop_returns_a_list": (
        {"pad_and_crop": [("return torch.stack(windows)", "return windows")]},
        {"test_pad_and_crop"},
        ("returns a tensor, not a Python list", "torch.stack(crops)"),
    ),
    "crop_tensor_of_tensors": (
        {"pad_and_crop": [("return torch.stack(windows)", "return torch.tensor(windows)")]},
        {"test_pad_and_crop"},
        ("torch.tensor(...) was given a list of tensors", "torch.stack(crops)"),
    ),
    # Accepted: the windows copied one by one into a batch of zeros.
    "accepted_crop_into_zeros": (
        {"pad_and_crop": [("    windows = [padded[i, :, t:t + size, l:l + size] for i, (t, l) in "
                           "enumerate(zip(top.tolist(), left.tolist()))]\n    return torch.stack(windows)",
                           "    out = x.new_zeros(b, c, size, size)\n    for i in range(b):\n"
                           "        out[i] = padded[i, :, top[i]:top[i] + size, left[i]:left[i] + size]\n"
                           "    return out")]},
        set(),
    ),
    # The two convolutions' pairs joined with +: four numbers.
    "conv_cost_pairs_joined_with_plus": (
        {"conv_cost": [("    return reduce_params + params, reduce_macs + macs",
                        "    return one_conv(in_channels, reduce_channels, 1) + "
                        "one_conv(reduce_channels, out_channels, kernel_size)")]},
        {"test_conv_cost"},
        ("four numbers", "two (parameters, multiply_adds) pairs joined with +"),
    ),
    # A better model on one count taken to dominate, whatever the other count.
    "pareto_more_accurate_dominates": (
        {"pareto_front": [("a >= accuracy and o <= operations and (a > accuracy or o < operations)",
                           "a > accuracy or (a >= accuracy and o < operations)")]},
        {"test_pareto_front"},
        "a more accurate model counted as dominating whatever its operations",
    ),
    "pareto_cheaper_dominates": (
        {"pareto_front": [("a >= accuracy and o <= operations and (a > accuracy or o < operations)",
                           "o < operations or (o <= operations and a > accuracy)")]},
        {"test_pareto_front"},
        "a cheaper model counted as dominating whatever its accuracy",
    ),
    # One convolution object repeated with *: from the third on, the convolutions share one set of weights. (vgg
    # itself is right: its visible check names vgg_block, and its hidden blocks have at most two convolutions.)
    "vgg_block_shared_convolution": (
        {"vgg_block": [("""    layers = []
    for _ in range(num_convs):
        layers += [nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU()]
        in_channels = out_channels
""", """    conv = nn.Conv2d(out_channels, out_channels, kernel_size=3, padding=1)
    layers = [nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU()]
    layers += [conv, nn.ReLU()] * (num_convs - 1)
""")]},
        {"test_vgg_block"},
        ("each have their own weights", "repeating a list with * repeats the same layer"),
    ),
    # Right, in another form: the ReLU repeated with * (it has no weights, so sharing it changes nothing).
    "accepted_vgg_block_shared_relu": (
        {"vgg_block": [("""    layers = []
    for _ in range(num_convs):
        layers += [nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU()]
        in_channels = out_channels
""", """    layers, relu = [], nn.ReLU()
    for _ in range(num_convs):
        layers += [nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), relu]
        in_channels = out_channels
""")]},
        set(),
    ),
    # The side halved once, or once too few, or divided by the number of blocks.
    "vgg_side_halved_once": (
        {"vgg": [("side = image_size // 2 ** len(conv_arch)", "side = image_size // 2")]},
        {"test_vgg"},
        "the side halved once, image_size // 2",
    ),
    "vgg_side_halved_once_too_few": (
        {"vgg": [("side = image_size // 2 ** len(conv_arch)", "side = image_size // 2 ** (len(conv_arch) - 1)")]},
        {"test_vgg"},
        "the side halved once too few",
    ),
    "vgg_side_divided_by_the_blocks": (
        {"vgg": [("side = image_size // 2 ** len(conv_arch)", "side = image_size // len(conv_arch)")]},
        {"test_vgg"},
        "the side divided by the number of blocks",
    ),
    # Each model compared only with the models after it, or before it, in the list.
    "pareto_compares_with_later_models_only": (
        {"pareto_front": [("""    for name, accuracy, operations in models:
        dominated = any(a >= accuracy and o <= operations and (a > accuracy or o < operations)
                        for _, a, o in models)""", """    for i, (name, accuracy, operations) in enumerate(models):
        dominated = any(a >= accuracy and o <= operations and (a > accuracy or o < operations)
                        for _, a, o in models[i + 1:])""")]},
        {"test_pareto_front"},
        ("pareto_front compares each model with all the others", "only with the models after it"),
    ),
    "pareto_compares_with_earlier_models_only": (
        {"pareto_front": [("""    for name, accuracy, operations in models:
        dominated = any(a >= accuracy and o <= operations and (a > accuracy or o < operations)
                        for _, a, o in models)""", """    for i, (name, accuracy, operations) in enumerate(models):
        dominated = any(a >= accuracy and o <= operations and (a > accuracy or o < operations)
                        for _, a, o in models[:i])""")]},
        {"test_pareto_front"},
        ("pareto_front compares each model with all the others", "only with the models before it"),
    ),
    # Two convolutions whatever num_convs says: right for vgg_block(2, ...) alone.
    "vgg_block_two_convolutions_always": (
        {"vgg_block": [("for _ in range(num_convs):", "for _ in range(2):")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": ("vgg_block(3, 2, 4) has three convolutions", "for _ in range(num_convs)")},
    ),
    # The test of training the wrong way round: x comes back unchanged in training.
    "dropout_training_test_inverted": (
        {"inverted_dropout": [("    if not training or p == 0:\n        return x\n",
                               "    if training:\n        return x\n")]},
        {"test_inverted_dropout"},
        ("inverted_dropout drops values in training", "the test of training is the wrong way round"),
    ),
    # The padded batch made without x's dtype: a float64 batch comes back float32.
    "crop_padded_without_dtype": (
        {"pad_and_crop": [("dtype=x.dtype, device=x.device", "device=x.device")]},
        {"test_pad_and_crop"},
        ("keeps x's dtype", "dtype=x.dtype"),
    ),
    # The padded batch made on the CPU: a batch on a GPU comes back on the CPU.
    "crop_padded_on_the_cpu": (
        {"pad_and_crop": [("dtype=x.dtype, device=x.device", "dtype=x.dtype")]},
        {"test_pad_and_crop"},
        ("another device than the CPU", "device=x.device"),
    ),
    # Neither: torch.zeros as it comes, float32 on the CPU.
    "crop_padded_as_torch_zeros_makes_it": (
        {"pad_and_crop": [(", dtype=x.dtype, device=x.device", "")]},
        {"test_pad_and_crop"},
        ("keeps x's dtype", "dtype=x.dtype, device=x.device"),
    ),
    # The padded batch made with x.new_zeros: x's dtype and device, a right answer.
    "crop_new_zeros_is_right": (
        {"pad_and_crop": [("torch.zeros(b, c, h + 2 * padding, w + 2 * padding, dtype=x.dtype, device=x.device)",
                           "x.new_zeros(b, c, h + 2 * padding, w + 2 * padding)")]},
        set(),
    ),
    # The reversed columns start at W, one past the last column.
    "flip_arange_from_w": (
        {"flip_horizontally": [("torch.arange(x.shape[-1] - 1, -1, -1, device=x.device)",
                                "torch.arange(x.shape[-1], 0, -1, device=x.device)")]},
        {"test_flip_horizontally"},
        ("there is no column 7", "torch.arange(W - 1, -1, -1)"),
    ),
    # The reversed columns from W down to 0: one past the last column, and column 0 kept.
    "flip_arange_from_w_to_zero": (
        {"flip_horizontally": [("torch.arange(x.shape[-1] - 1, -1, -1, device=x.device)",
                                "torch.arange(x.shape[-1], -1, -1, device=x.device)")]},
        {"test_flip_horizontally"},
        "there is no column 7",
    ),
    # The two counts returned the other way round.
    "conv_cost_swapped_return": (
        {"conv_cost": [("return k * k * c_in * c_out + c_out, k * k * c_in * c_out * height * width",
                        "return k * k * c_in * c_out * height * width, k * k * c_in * c_out + c_out")]},
        {"test_conv_cost"},
        "the parameters first, then the multiply-adds",
    ),
    # The side copied from VGG-16's 7x7 (224 // 2 ** 5).
    "vgg_side_fixed_at_seven": (
        {"vgg": [("side = image_size // 2 ** len(conv_arch)", "side = 7")]},
        {"test_vgg"},
        "the side fixed at VGG-16's 7",
    ),
    # VGG-16's 512 channels in place of the last block's.
    "vgg_features_from_512_channels": (
        {"vgg": [("nn.Linear(in_channels * side * side, hidden)", "nn.Linear(512 * side * side, hidden)")]},
        {"test_vgg"},
        "the channels fixed at VGG-16's 512",
    ),
    # VGG-16's 512 * 7 * 7 features, copied.
    "vgg_features_fixed_at_vgg16s": (
        {"vgg": [("nn.Linear(in_channels * side * side, hidden)", "nn.Linear(512 * 7 * 7, hidden)")]},
        {"test_vgg"},
        "VGG-16's 512 * 7 * 7 features",
    ),
    # One dropout left out, after the first hidden layer or after the second.
    "vgg_first_dropout_missing": (
        {"vgg": [("nn.Linear(in_channels * side * side, hidden), nn.ReLU(), nn.Dropout(dropout),",
                  "nn.Linear(in_channels * side * side, hidden), nn.ReLU(),")]},
        {"test_vgg"},
        "nn.Dropout(dropout) is missing after the first hidden layer",
    ),
    "vgg_second_dropout_missing": (
        {"vgg": [("nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(dropout),",
                  "nn.Linear(hidden, hidden), nn.ReLU(),")]},
        {"test_vgg"},
        "nn.Dropout(dropout) is missing after the second hidden layer",
    ),
    # A sweep from the cheapest that keeps each model more accurate than all before it, with equal
    # operations in name order (or accuracy upwards): a worse model of the same cost comes first and stays.
    "pareto_sweep_equal_costs_by_name": (
        {"pareto_front": [(PARETO_SOLUTION, """    front, best = [], float("-inf")
    for name, accuracy, operations in sorted(models, key=lambda m: (m[2], m[0])):
        if accuracy > best:
            front.append(name)
            best = accuracy
    return front""")]},
        {"test_pareto_front"},
        ("'same_cost' (55%, 1.0) kept", "take models of equal operations best first"),
    ),
    "pareto_sweep_equal_costs_accuracy_upwards": (
        {"pareto_front": [(PARETO_SOLUTION, """    front, best = [], float("-inf")
    for name, accuracy, operations in sorted(models, key=lambda m: (m[2], m[1])):
        if accuracy > best:
            front.append(name)
            best = accuracy
    return front""")]},
        {"test_pareto_front"},
        "take models of equal operations best first",
    ),
    # The windows cut out of x itself, not out of the padded batch: those near the edge are cut short.
    "crop_windows_from_x": (
        {"pad_and_crop": [("padded[i, :, t:t + size, l:l + size]", "x[i, :, t:t + size, l:l + size]")]},
        {"test_pad_and_crop"},
        "the windows were cut out of x itself, not out of the padded image",
    ),
    # The rows cut with the image's height, or the columns with its width, in place of size.
    "crop_rows_with_height": (
        {"pad_and_crop": [("padded[i, :, t:t + size, l:l + size]", "padded[i, :, t:t + h, l:l + size]")]},
        {"test_pad_and_crop"},
        "the rows cut with h, the image's height, in place of size",
    ),
    "crop_columns_with_width": (
        {"pad_and_crop": [("padded[i, :, t:t + size, l:l + size]", "padded[i, :, t:t + size, l:l + w]")]},
        {"test_pad_and_crop"},
        "the columns cut with w, the image's width, in place of size",
    ),
    "crop_rows_and_columns_with_image_size": (
        {"pad_and_crop": [("padded[i, :, t:t + size, l:l + size]", "padded[i, :, t:t + h, l:l + w]")]},
        {"test_pad_and_crop"},
        "the rows and the columns cut with h and w",
    ),
    # The windows from x, copied into a batch made beforehand: the first short window does not fit.
    "crop_windows_from_x_into_a_batch": (
        {"pad_and_crop": [("""    windows = [padded[i, :, t:t + size, l:l + size] for i, (t, l) in enumerate(zip(top.tolist(), left.tolist()))]
    return torch.stack(windows)                                  # (B, C, size, size)""",
                           """    crops = torch.zeros(b, c, size, size, dtype=x.dtype, device=x.device)
    for i, (t, l) in enumerate(zip(top.tolist(), left.tolist())):
        crops[i] = x[i, :, t:t + size, l:l + size]
    return crops""")]},
        {"test_pad_and_crop"},
        "the windows were cut out of x itself, not out of the padded image",
    ),
    # The in_channels argument ignored: the first block takes a fixed 3 channels.
    "vgg_ignores_in_channels": (
        {"vgg": [("    blocks = []\n", "    blocks = []\n    in_channels = 3\n")]},
        {"test_vgg"},
        "the in_channels argument ignored",
    ),
    # Each block of conv_arch read as (channels, num_convs).
    "vgg_blocks_read_the_other_way": (
        {"vgg": [("for num_convs, out_channels in conv_arch:", "for out_channels, num_convs in conv_arch:")]},
        {"test_vgg"},
        "each block read as (channels, num_convs)",
    ),
    # Batch normalisation in the classifier, after the first hidden layer or after both.
    "vgg_batchnorm_in_classifier": (
        {"vgg": [("nn.Linear(in_channels * side * side, hidden), nn.ReLU(),",
                  "nn.Linear(in_channels * side * side, hidden), nn.BatchNorm1d(hidden), nn.ReLU(),")]},
        {"test_vgg"},
        ("no normalisation layer in the classifier", "It has BatchNorm1d"),
    ),
    "vgg_batchnorm_after_each_hidden_layer": (
        {"vgg": [("nn.Linear(in_channels * side * side, hidden), nn.ReLU(),",
                  "nn.Linear(in_channels * side * side, hidden), nn.BatchNorm1d(hidden), nn.ReLU(),"),
                 ("nn.Linear(hidden, hidden), nn.ReLU(),", "nn.Linear(hidden, hidden), nn.BatchNorm1d(hidden), nn.ReLU(),")]},
        {"test_vgg"},
        "It has BatchNorm1d, BatchNorm1d",
    ),
    # FLOPs, two per multiply-add, in place of multiply-adds.
    "conv_cost_counts_flops": (
        {"conv_cost": [("k * k * c_in * c_out * height * width\n", "2 * k * k * c_in * c_out * height * width\n")]},
        {"test_conv_cost"},
        ("twice the multiply-adds", "FLOPs"),
    ),
    # reduce_channels ignored: the direct cost whatever it is.
    "conv_cost_ignores_reduce_channels": (
        {"conv_cost": [("if reduce_channels is None:", "if True:")]},
        {"test_conv_cost"},
        "reduce_channels ignored",
    ),
    # C_in left out of the multiply-adds, or of both counts.
    "conv_cost_multiply_adds_without_in_channels": (
        {"conv_cost": [("k * k * c_in * c_out * height * width\n", "k * k * c_out * height * width\n")]},
        {"test_conv_cost"},
        "C_in left out",
    ),
    "conv_cost_without_in_channels": (
        {"conv_cost": [("return k * k * c_in * c_out + c_out, k * k * c_in * c_out * height * width",
                        "return k * k * c_out + c_out, k * k * c_out * height * width")]},
        {"test_conv_cost"},
        "C_in left out",
    ),
    # The k x k convolution after the reduction counted at its unpadded positions.
    "conv_cost_reduced_positions_without_padding": (
        {"conv_cost": [("    params, macs = one_conv(reduce_channels, out_channels, kernel_size)\n",
                        "    params, macs = one_conv(reduce_channels, out_channels, kernel_size)\n"
                        "    macs = macs // (height * width) * (height - kernel_size + 1) * (width - kernel_size + 1)\n")]},
        {"test_conv_cost"},
        "the 5x5 convolution's positions without padding",
    ),
    # A dict of the two counts, with the reduction only or always.
    "conv_cost_reduced_returns_dict": (
        {"conv_cost": [("return reduce_params + params, reduce_macs + macs",
                        "return {'parameters': reduce_params + params, 'multiply_adds': reduce_macs + macs}")]},
        {"test_conv_cost"},
        ("a dict", "Return a tuple"),
    ),
    "conv_cost_returns_dict": (
        {"conv_cost": [("return one_conv(in_channels, out_channels, kernel_size)",
                        "return dict(zip(('parameters', 'multiply_adds'), one_conv(in_channels, out_channels, kernel_size)))")]},
        {"test_conv_cost"},
        ("a dict", "Return a tuple"),
    ),
    # Whole models (name, accuracy, operations) returned, not their names.
    "pareto_returns_whole_models": (
        {"pareto_front": [("front.append((operations, name))",
                           "front.append((operations, (name, accuracy, operations)))")]},
        {"test_pareto_front"},
        ("Its items are tuples, such as ('small', 60.0, 1.0)", "return the names alone"),
    ),
    # A sweep from the cheapest (by operations, then name) that keeps each model at least as accurate as the
    # best so far: a worse model of the same cost met first stays, and so does one as accurate at more cost.
    "pareto_sweep_keeps_equal_accuracy": (
        {"pareto_front": [(PARETO_SOLUTION, """    front, best = [], float("-inf")
    for name, accuracy, operations in sorted(models, key=lambda m: (m[2], m[0])):
        if accuracy >= best:
            front.append(name)
            best = accuracy
    return front""")]},
        {"test_pareto_front"},
        ("A sweep from the cheapest that keeps each model at least as accurate as the best so far keeps them",
         "take models of equal operations best first"),
    ),
    # The same sweep with equal operations best first: one as accurate at more cost stays.
    "pareto_sweep_best_first_keeps_equal_accuracy": (
        {"pareto_front": [(PARETO_SOLUTION, """    front, best = [], float("-inf")
    for name, accuracy, operations in sorted(models, key=lambda m: (m[2], -m[1], m[0])):
        if accuracy >= best:
            front.append(name)
            best = accuracy
    return front""")]},
        {"test_pareto_front"},
        ("a model as accurate as a cheaper one was kept", "only at the same operations"),
    ),
    # The padding left out of the width only: on 2x15x22 it gives what the width from the height gives (8);
    # a convolution on 1x4x10 tells them apart.
    "arithmetic_conv_width_without_padding": (
        {"layer_arithmetic": [("(h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1",
                               "(h + 2 * p - k) // s + 1, (w - k) // s + 1")]},
        {"test_layer_arithmetic"},
        "the padding left out of the width only",
    ),
    "arithmetic_conv_height_without_padding": (
        {"layer_arithmetic": [("(h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1",
                               "(h - k) // s + 1, (w + 2 * p - k) // s + 1")]},
        {"test_layer_arithmetic"},
        "the padding left out of the height only",
    ),
    # Multiply-adds from a square output: only a non-square convolution tells.
    "arithmetic_macs_square_output": (
        {"layer_arithmetic": [("multiply_adds = out_channels * h_out * w_out * (k * k * c)",
                               "multiply_adds = out_channels * h_out * h_out * (k * k * c)")]},
        {"test_layer_arithmetic"},
        "H_out * H_out, as if the output were square",
    ),
    "arithmetic_macs_square_output_from_the_width": (
        {"layer_arithmetic": [("multiply_adds = out_channels * h_out * w_out * (k * k * c)",
                               "multiply_adds = out_channels * w_out * w_out * (k * k * c)")]},
        {"test_layer_arithmetic"},
        "W_out * W_out, as if the output were square",
    ),
    # FLOPs where multiply-adds are asked for, in a convolution and in a linear layer.
    "arithmetic_conv_flops": (
        {"layer_arithmetic": [("multiply_adds = out_channels * h_out * w_out * (k * k * c)",
                               "multiply_adds = 2 * out_channels * h_out * w_out * (k * k * c)")]},
        {"test_layer_arithmetic"},
        "FLOPs, two per multiply-add",
    ),
    "arithmetic_linear_flops": (
        {"layer_arithmetic": [("multiply_adds = shape[0] * out_features", "multiply_adds = 2 * shape[0] * out_features")]},
        {"test_layer_arithmetic"},
        "FLOPs, two per multiply-add",
    ),
    "arithmetic_macs_without_input_channels": (
        {"layer_arithmetic": [("multiply_adds = out_channels * h_out * w_out * (k * k * c)",
                               "multiply_adds = out_channels * h_out * w_out * (k * k)")]},
        {"test_layer_arithmetic"},
        "the input channels left out: each output value sums",
    ),
    "arithmetic_conv_kernel_not_squared": (
        {"layer_arithmetic": [("parameters = (k * k * c) * out_channels + out_channels",
                               "parameters = (k * c) * out_channels + out_channels")]},
        {"test_layer_arithmetic"},
        "the kernel size not squared",
    ),
    "arithmetic_conv_bias_per_position": (
        {"layer_arithmetic": [("parameters = (k * k * c) * out_channels + out_channels",
                               "parameters = (k * k * c) * out_channels + out_channels * h_out * w_out")]},
        {"test_layer_arithmetic"},
        "a bias counted at every output position",
    ),
    "arithmetic_linear_bias_per_input": (
        {"layer_arithmetic": [("parameters = shape[0] * out_features + out_features",
                               "parameters = shape[0] * out_features + shape[0]")]},
        {"test_layer_arithmetic"},
        "one bias per input",
    ),
    "arithmetic_pool_comparisons_as_multiply_adds": (
        {"layer_arithmetic": [("            parameters = multiply_adds = 0\n        elif kind == \"flatten\"",
                               "            parameters, multiply_adds = 0, shape[0] * shape[1] * shape[2] * k * k\n"
                               "        elif kind == \"flatten\"")]},
        {"test_layer_arithmetic"},
        "a max pooling's comparisons counted as multiply-adds",
    ),
    # Floor division by 1 - p: every value kept is rounded down.
    "dropout_floor_division": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return x * keep // (1 - p)")]},
        {"test_inverted_dropout"},
        ("each was rounded", "floor division"),
    ),
    # The boolean mask itself returned.
    "dropout_returns_the_bool_mask": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return keep")]},
        {"test_inverted_dropout"},
        "that is the mask itself",
    ),
    # The result cut off from autograd: no gradient reaches x, the layers before it could not learn.
    "dropout_detached": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return (x * keep / (1 - p)).detach()")]},
        {"test_inverted_dropout"},
        "the gradient flows back to x",
    ),
    "dropout_under_no_grad": (
        {"inverted_dropout": [("    return x * keep / (1 - p)", "    with torch.no_grad():\n        return x * keep / (1 - p)")]},
        {"test_inverted_dropout"},
        "the gradient flows back to x",
    ),
    "dropout_from_x_data": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return x.data * keep / (1 - p)")]},
        {"test_inverted_dropout"},
        "the gradient flows back to x",
    ),
    # A mask that only fits p of whole tenths (p = 0.3 drops 30%, p = 0.25 drops 20%).
    "dropout_mask_in_tenths": (
        {"inverted_dropout": [("keep = torch.rand(x.shape, device=x.device) >= p",
                               "keep = torch.randint(0, 10, x.shape, device=x.device) >= int(p * 10)")]},
        {"test_inverted_dropout"},
        ("about 25% of the values are zeroed with p = 0.25", "the mask does not follow p"),
    ),
    # int() of the whole top and left tensors, [i] forgotten.
    "crop_int_of_top": (
        {"pad_and_crop": [("windows = [padded[i, :, t:t + size, l:l + size] for i, (t, l) in "
                           "enumerate(zip(top.tolist(), left.tolist()))]",
                           "windows = [padded[i, :, int(top):int(top) + size, int(left):int(left) + size] "
                           "for i in range(b)]")]},
        {"test_pad_and_crop"},
        ("top and left hold one position per image", "top[i]"),
    ),
    # + padding left out at the end of the slice that x is copied into.
    "crop_slice_end_without_padding": (
        {"pad_and_crop": [("padded[:, :, padding:padding + h, padding:padding + w] = x",
                           "padded[:, :, padding:h, padding:w] = x")]},
        {"test_pad_and_crop"},
        ("its end leaves out the padding", "padded[:, :, padding:padding + H, padding:padding + W] = x"),
    ),
    # Rows and columns exchanged instead of the columns reversed.
    "flip_transposed": (
        {"flip_horizontally": [("mirrored = x[..., reversed_columns]", "mirrored = x.transpose(-1, -2)")]},
        {"test_flip_horizontally"},
        ("the rows and columns exchanged", "not a mirror"),
    ),
    "flip_mT": (
        {"flip_horizontally": [("mirrored = x[..., reversed_columns]", "mirrored = x.mT")]},
        {"test_flip_horizontally"},
        "the rows and columns exchanged",
    ),
    # The rows reversed as well as the columns: half a turn.
    "flip_half_turn": (
        {"flip_horizontally": [("mirrored = x[..., reversed_columns]",
                                "mirrored = x[..., reversed_columns][..., torch.arange(x.shape[-2] - 1, -1, -1), :]")]},
        {"test_flip_horizontally"},
        "turned half a turn",
    ),
    # Pooling settings that change only odd sizes, or shift the windows.
    "vgg_block_pool_ceil_mode": (
        {"vgg_block": [("nn.MaxPool2d(kernel_size=2, stride=2)", "nn.MaxPool2d(kernel_size=2, stride=2, ceil_mode=True)")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": "ceil_mode=True"},
    ),
    "vgg_block_pool_padding": (
        {"vgg_block": [("nn.MaxPool2d(kernel_size=2, stride=2)", "nn.MaxPool2d(kernel_size=2, stride=2, padding=1)")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": "VGG's pooling has no padding"},
    ),
    "vgg_block_dilated_convolutions": (
        {"vgg_block": [("kernel_size=3, padding=1)", "kernel_size=3, padding=1, dilation=2)")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": "3x3 neighbouring pixels (dilation 1)"},
    ),
    # The network built but not returned, or returned as a list or a ModuleList.
    "vgg_forgets_return": (
        {"vgg": [("    return nn.Sequential(*blocks, nn.Flatten(),", "    model = nn.Sequential(*blocks, nn.Flatten(),")]},
        {"test_vgg"},
        ("vgg returns a network", "It returned None"),
    ),
    "vgg_returns_a_list": (
        {"vgg": [(VGG_RETURN, VGG_RETURN.replace("nn.Sequential(", "[", 1)[:-1] + "]")]},
        {"test_vgg"},
        ("vgg returns a network", "a Python list of layers"),
    ),
    "vgg_returns_a_module_list": (
        {"vgg": [(VGG_RETURN, VGG_RETURN.replace("nn.Sequential(", "nn.ModuleList([", 1)[:-1] + "])")]},
        {"test_vgg"},
        ("vgg returns a network", "nn.ModuleList"),
    ),
    # A ReLU right after the Flatten: a ReLU too many, though none after the last layer.
    "vgg_relu_after_flatten": (
        {"vgg": [("nn.Flatten(),\n", "nn.Flatten(), nn.ReLU(),\n")]},
        {"test_vgg"},
        "a ReLU too many",
    ),
    # Dropout2d, which drops whole channels, for nn.Dropout.
    "vgg_dropout2d": (
        {"vgg": [("nn.Dropout(dropout),\n                         nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(dropout),",
                  "nn.Dropout2d(dropout),\n                         nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout2d(dropout),")]},
        {"test_vgg"},
        ("the classifier's dropout layers are nn.Dropout", "Dropout2d"),
    ),
    # Models removed from the list while a for loop walks it: the model after each removed one is skipped.
    "pareto_removes_while_iterating": (
        {"pareto_front": [(PARETO_SOLUTION, """    models = list(models)
    for m in models:
        n, a, o = m
        if any(a2 >= a and o2 <= o and (a2 > a or o2 < o) for _, a2, o2 in models):
            models.remove(m)
    return [n for n, a, o in sorted(models, key=lambda m: (m[2], m[0]))]""")]},
        {"test_pareto_front"},
        ("pareto_front tests every model", "makes the loop skip the model after it"),
    ),
    "pareto_removes_while_iterating_sorted": (
        {"pareto_front": [(PARETO_SOLUTION, """    models = sorted(models, key=lambda m: (m[2], m[0]))
    for m in models:
        n, a, o = m
        if any(a2 >= a and o2 <= o and (a2 > a or o2 < o) for _, a2, o2 in models):
            models.remove(m)
    return [n for n, a, o in models]""")]},
        {"test_pareto_front"},
        ("pareto_front tests every model", "makes the loop skip the model after it"),
    ),
    # Each model compared with its neighbours in the list only.
    "pareto_compares_with_neighbours_only": (
        {"pareto_front": [(PARETO_SOLUTION, """    front = []
    for i, (name, accuracy, operations) in enumerate(models):
        others = models[i + 1:i + 2] + models[max(i - 1, 0):i]
        dominated = any(a >= accuracy and o <= operations and (a > accuracy or o < operations)
                        for _, a, o in others)
        if not dominated:
            front.append((operations, name))
    return [name for _, name in sorted(front)]""")]},
        {"test_pareto_front"},
        ("pareto_front compares each model with all the others", "two places before it"),
    ),
    # The stride and the padding of a conv spec unpacked the other way: AlexNet's p = 0 becomes a stride of 0.
    "arithmetic_conv_stride_and_padding_swapped": (
        {"layer_arithmetic": [("out_channels, k, s, p = settings", "out_channels, k, p, s = settings")]},
        {"test_layer_arithmetic"},
        "a stride of 0",
    ),
    "arithmetic_conv_keeps_input_channels": (
        {"layer_arithmetic": [("shape = (out_channels, h_out, w_out)", "shape = (c, h_out, w_out)")]},
        {"test_layer_arithmetic"},
        "the input's 3 channels kept",
    ),
    "arithmetic_flatten_keeps_channels_apart": (
        {"layer_arithmetic": [("shape = (shape[0] * shape[1] * shape[2],)", "shape = (shape[0], shape[1] * shape[2])")]},
        {"test_layer_arithmetic"},
        "the channels kept apart",
    ),
    # Divided by the fraction of values this mask happened to keep, not by 1 - p.
    "dropout_rescaled_by_the_fraction_kept": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return x * keep / keep.float().mean()")]},
        {"test_inverted_dropout"},
        "divided by the fraction of values actually kept",
    ),
    "dropout_training_path_without_return": (
        {"inverted_dropout": [("    return x * keep / (1 - p)", "    x * keep / (1 - p)")]},
        {"test_inverted_dropout"},
        "It returned None with training=True",
    ),
    # Layers that VGG's block does not have.
    "vgg_block_batchnorm": (
        {"vgg_block": [("nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU()]",
                        "nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.BatchNorm2d(out_channels), "
                        "nn.ReLU()]")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": "a batch normalisation after each convolution"},
    ),
    "vgg_block_dropout": (
        {"vgg_block": [("nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU()]",
                        "nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU(), nn.Dropout()]")]},
        {"test_vgg_block", "test_vgg"},
        {"test_vgg_block": "a dropout in the block"},
    ),
    # in_channels set to the block's channels before the block is built: the first block starts from its own.
    "vgg_in_channels_updated_before_the_block": (
        {"vgg": [("        blocks.append(vgg_block(num_convs, in_channels, out_channels))\n        in_channels = out_channels",
                  "        in_channels = out_channels\n        blocks.append(vgg_block(num_convs, in_channels, out_channels))")]},
        {"test_vgg"},
        "in_channels updated before the block is built",
    ),
    "vgg_last_layer_to_hidden": (
        {"vgg": [("nn.Linear(hidden, num_classes))", "nn.Linear(hidden, hidden))")]},
        {"test_vgg"},
        "the last layer to hidden outputs",
    ),
    # A name appended inside the inner loop, once for each model that does not dominate it.
    "pareto_appends_in_the_inner_loop": (
        {"pareto_front": [(PARETO_SOLUTION, """    front = []
    for name, accuracy, operations in models:
        for _, a, o in models:
            if not (a >= accuracy and o <= operations and (a > accuracy or o < operations)):
                front.append((operations, name))
    return [name for _, name in sorted(front)]""")]},
        {"test_pareto_front"},
        ("pareto_front lists each model once", "add its name once"),
    ),
    # A reduction's costs counted wrong in one part.
    "conv_cost_reduction_biases_from_in_channels": (
        {"conv_cost": [("return reduce_params + params, reduce_macs + macs",
                        "return reduce_params - reduce_channels + in_channels + params, reduce_macs + macs")]},
        {"test_conv_cost"},
        "the 1x1 reduction given in_channels (192) biases",
    ),
    "conv_cost_reduction_macs_without_positions": (
        {"conv_cost": [("return reduce_params + params, reduce_macs + macs",
                        "return reduce_params + params, in_channels * reduce_channels + macs")]},
        {"test_conv_cost"},
        "the 1x1 reduction's multiply-adds without its positions",
    ),
    "conv_cost_large_macs_from_in_channels": (
        {"conv_cost": [("return reduce_params + params, reduce_macs + macs",
                        "return reduce_params + params, "
                        "reduce_macs + kernel_size * kernel_size * in_channels * out_channels * height * width")]},
        {"test_conv_cost"},
        "the 5x5 convolution's multiply-adds counted from in_channels",
    ),
    # Walk 7's findings. A ReLU (or abs) of x in the dropout: every input above was positive.
    "dropout_relu_of_x": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return torch.relu(x) * keep / (1 - p)")]},
        {"test_inverted_dropout"},
        ("negative values are dropped and rescaled as the positive ones", "zeroed whatever the mask"),
    ),
    "dropout_abs_of_x": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return x.abs() * keep / (1 - p)")]},
        {"test_inverted_dropout"},
        "came back with the other sign",
    ),
    # In evaluation, x cut off from autograd: a model in eval mode is still differentiated (saliency maps).
    "dropout_detached_in_evaluation": (
        {"inverted_dropout": [("    if not training or p == 0:\n        return x\n",
                               "    if not training or p == 0:\n        return x.detach()\n")]},
        {"test_inverted_dropout"},
        "in evaluation mode too",
    ),
    # Right, in another form: a copy of x in evaluation, still in autograd.
    "accepted_dropout_clone_in_evaluation": (
        {"inverted_dropout": [("    if not training or p == 0:\n        return x\n",
                               "    if not training or p == 0:\n        return x.clone()\n")]},
        set(),
    ),
    # A mask drawn once and kept between calls (a global): it does not follow another p.
    "dropout_mask_reused_between_calls": (
        {"inverted_dropout": [("keep = torch.rand(x.shape, device=x.device) >= p",
                               "global _kept_mask\n"
                               "    if '_kept_mask' not in globals() or _kept_mask.shape != x.shape:\n"
                               "        _kept_mask = torch.rand(x.shape, device=x.device) >= p\n"
                               "    keep = _kept_mask")]},
        {"test_inverted_dropout"},
        ("each call draws a new random mask", "kept between calls"),
    ),
    # A mask of two dimensions: fails on a 1-D x.
    "dropout_mask_two_dimensional": (
        {"inverted_dropout": [("torch.rand(x.shape, device=x.device)",
                               "torch.rand(x.shape[0], x.shape[1], device=x.device)")]},
        {"test_inverted_dropout"},
        ("on a 1-D x", "this x is 1-D"),
    ),
    # x changed in place, after (or before) it is copied into the padded batch.
    "crop_zeroes_x_after_copying": (
        {"pad_and_crop": [("padded[:, :, padding:padding + h, padding:padding + w] = x",
                           "padded[:, :, padding:padding + h, padding:padding + w] = x\n    x.zero_()")]},
        {"test_pad_and_crop"},
        "x itself is left unchanged",
    ),
    "crop_clamps_x_in_place": (
        {"pad_and_crop": [("    padded = torch.zeros(", "    x.mul_(1.0).clamp_(max=0.5)\n    padded = torch.zeros(")]},
        {"test_pad_and_crop"},
        ("x itself is left unchanged", "changed in place"),
    ),
    # The mirror made through NumPy or a Python list: CPU only, cut off from autograd.
    "flip_through_numpy": (
        {"flip_horizontally": [("    mirrored = x[..., reversed_columns]",
                                "    import numpy as np\n"
                                "    mirrored = torch.from_numpy(np.ascontiguousarray(x.numpy()[..., ::-1]))")]},
        {"test_flip_horizontally"},
        "NumPy array or a Python list",
    ),
    "flip_through_a_list": (
        {"flip_horizontally": [("    mirrored = x[..., reversed_columns]",
                                "    mirrored = torch.tensor([[[row[::-1] for row in channel] for channel in image]\n"
                                "                             for image in x.tolist()])")]},
        {"test_flip_horizontally"},
        "NumPy array or a Python list",
    ),
    # The flipped batch converted to float32.
    "flip_returns_float32": (
        {"flip_horizontally": [("return torch.where(flip[:, None, None, None], mirrored, x)",
                                "return torch.where(flip[:, None, None, None], mirrored, x).float()")]},
        {"test_flip_horizontally"},
        "keeps x's device and dtype",
    ),
    # Right, in another form: the column numbers made on the CPU (the hint's own code), x on any device.
    "accepted_flip_columns_on_the_cpu": (
        {"flip_horizontally": [("torch.arange(x.shape[-1] - 1, -1, -1, device=x.device)",
                                "torch.arange(x.shape[-1] - 1, -1, -1)")]},
        set(),
    ),
    # Only the flipped images written into a new tensor: the others are zeros (or unfilled).
    "flip_others_left_zero": (
        {"flip_horizontally": [("    return torch.where(flip[:, None, None, None], mirrored, x)",
                                "    out = torch.zeros_like(x)\n    out[flip] = mirrored[flip]\n    return out")]},
        {"test_flip_horizontally"},
        "the images with flip[i] False are zeros",
    ),
    "flip_others_left_empty": (
        {"flip_horizontally": [("    return torch.where(flip[:, None, None, None], mirrored, x)",
                                "    out = torch.empty_like(x)\n    out[flip] = mirrored[flip]\n    return out")]},
        {"test_flip_horizontally"},
        "the images with flip[i] False are left unfilled",
    ),
    # The side rounded to the nearest (36 / 8 = 4.5 rounds to the even 4; 30 / 8 = 3.75 to 4, not 3).
    "vgg_side_round": (
        {"vgg": [("side = image_size // 2 ** len(conv_arch)", "side = round(image_size / 2 ** len(conv_arch))")]},
        {"test_vgg"},
        "rounded to the nearest whole number",
    ),
    # The side written in.
    "vgg_side_fixed_at_one": (
        {"vgg": [("side = image_size // 2 ** len(conv_arch)", "side = 1")]},
        {"test_vgg"},
        "the side is 1",
    ),
    # VGG-16's 4096 in two of the layers, hidden in the third.
    "vgg_hidden_4096_in_part": (
        {"vgg": [("nn.Linear(in_channels * side * side, hidden), nn.ReLU()", "nn.Linear(in_channels * side * side, 4096), nn.ReLU()"),
                 ("nn.Linear(hidden, hidden), nn.ReLU()", "nn.Linear(4096, hidden), nn.ReLU()")]},
        {"test_vgg"},
        "4096 hidden units written in",
    ),
    # The k x k convolution's channels swapped: its weights right, reduce_channels biases (with 32 and 16, as many
    # as the 1x1's biases left out).
    "conv_cost_large_channels_swapped": (
        {"conv_cost": [("params, macs = one_conv(reduce_channels, out_channels, kernel_size)",
                        "params, macs = one_conv(out_channels, reduce_channels, kernel_size)")]},
        {"test_conv_cost"},
        "channels swapped, from out_channels to reduce_channels",
    ),
    "conv_cost_reduced_macs_of_the_large_only": (
        {"conv_cost": [("return reduce_params + params, reduce_macs + macs", "return reduce_params + params, macs")]},
        {"test_conv_cost"},
        "only the 5x5 convolution's multiply-adds",
    ),
    # A padding of 1 for every kernel larger than 1x1: 'same' only for 3x3.
    "conv_cost_padding_one": (
        {"conv_cost": [("        return k * k * c_in * c_out + c_out, k * k * c_in * c_out * height * width",
                        "        pad = 1 if k > 1 else 0\n"
                        "        return k * k * c_in * c_out + c_out, "
                        "k * k * c_in * c_out * (height + 2 * pad - k + 1) * (width + 2 * pad - k + 1)")]},
        {"test_conv_cost"},
        "with padding 1",
    ),
    # The fields read in the wrong order in one loop only.
    "pareto_inner_fields_swapped": (
        {"pareto_front": [("for _, a, o in models)", "for _, o, a in models)")]},
        {"test_pareto_front"},
        "the fields read in the wrong order in the comparison with the other models",
    ),
    "pareto_outer_fields_swapped": (
        {"pareto_front": [("for name, accuracy, operations in models:", "for name, operations, accuracy in models:")]},
        {"test_pareto_front"},
        "the fields read in the wrong order in the loop over the models",
    ),
    # Ties ordered by name from Z to A ('twin' before 'big', as they came in the list).
    "pareto_ties_z_to_a": (
        {"pareto_front": [("return [name for _, name in sorted(front)]",
                           "return [name for _, name in sorted(front, key=lambda t: (-t[0], t[1]))][::-1]")]},
        {"test_pareto_front"},
        "ordered by name from Z to A",
    ),
    # The accuracies cut to whole numbers.
    "pareto_whole_accuracies": (
        {"pareto_front": [("for name, accuracy, operations in models:",
                           "for name, accuracy, operations in [(m[0], int(m[1]), m[2]) for m in models]:")]},
        {"test_pareto_front"},
        "the accuracies cut to whole numbers",
    ),
    # The caller's list sorted in place.
    "pareto_sorts_models_in_place": (
        {"pareto_front": [("    front = []\n    for name, accuracy", "    models.sort(key=lambda m: m[2])\n    front = []\n    for name, accuracy")]},
        {"test_pareto_front"},
        "leaves the list models unchanged",
    ),
    # Right, in another form: a sorted copy walked.
    "accepted_pareto_walks_a_sorted_copy": (
        {"pareto_front": [("for name, accuracy, operations in models:",
                           "for name, accuracy, operations in sorted(models, key=lambda m: m[2]):")]},
        set(),
    ),
    # A loop over the images that stops before the last; only the first channel mirrored.
    "flip_loop_skips_the_last_image": (
        {"flip_horizontally": [("    return torch.where(flip[:, None, None, None], mirrored, x)",
                                "    out = x.clone()\n    for i in range(x.shape[0] - 1):\n        if flip[i]:\n"
                                "            out[i] = mirrored[i]\n    return out")]},
        {"test_flip_horizontally"},
        "the last image never looked at",
    ),
    "flip_first_channel_only": (
        {"flip_horizontally": [("    mirrored = x[..., reversed_columns]",
                                "    mirrored = torch.cat([x[:, :1, :, reversed_columns], x[:, 1:]], dim=1)")]},
        {"test_flip_horizontally"},
        "only the first channel mirrored",
    ),
    # Right, in another form: a loop over the images with if flip[i] (a GPU allows reading flip's values).
    "accepted_flip_loop_over_the_images": (
        {"flip_horizontally": [("    return torch.where(flip[:, None, None, None], mirrored, x)",
                                "    out = x.clone()\n    for i in range(x.shape[0]):\n        if flip[i]:\n"
                                "            out[i] = mirrored[i]\n    return out")]},
        set(),
    ),
    # Walk 8's findings. Right, in other forms: the flipped images copied into a copy of x by a boolean mask, by
    # index_copy or by masked_scatter (torch.nonzero, behind them, has no meta version: the device check must not
    # fail them).
    "accepted_flip_boolean_mask_on_a_copy": (
        {"flip_horizontally": [("    return torch.where(flip[:, None, None, None], mirrored, x)",
                                "    out = x.clone()\n    out[flip] = mirrored[flip]\n    return out")]},
        set(),
    ),
    "accepted_flip_index_copy": (
        {"flip_horizontally": [("    return torch.where(flip[:, None, None, None], mirrored, x)",
                                "    chosen = flip.nonzero().flatten()\n"
                                "    return x.index_copy(0, chosen, mirrored[chosen])")]},
        set(),
    ),
    "accepted_flip_masked_scatter": (
        {"flip_horizontally": [("    return torch.where(flip[:, None, None, None], mirrored, x)",
                                "    return x.masked_scatter(flip[:, None, None, None].expand_as(x), mirrored[flip])")]},
        set(),
    ),
    # The boolean-mask answer, but through a Python list: still caught off the meta device.
    "flip_boolean_mask_through_a_list": (
        {"flip_horizontally": [("    return torch.where(flip[:, None, None, None], mirrored, x)",
                                "    out = x.clone()\n    out[flip] = torch.tensor(mirrored[flip].tolist(), dtype=x.dtype)\n"
                                "    return out")]},
        {"test_flip_horizontally"},
        "NumPy array or a Python list",
    ),
    # The boolean-mask answer, converted to float32.
    "flip_boolean_mask_returns_float32": (
        {"flip_horizontally": [("    return torch.where(flip[:, None, None, None], mirrored, x)",
                                "    out = x.clone()\n    out[flip] = mirrored[flip]\n    return out.float()")]},
        {"test_flip_horizontally"},
        "keeps x's device and dtype",
    ),
    # x itself (or a copy) returned: the mirrored copy never used.
    "flip_returns_x": (
        {"flip_horizontally": [("return torch.where(flip[:, None, None, None], mirrored, x)", "return x")]},
        {"test_flip_horizontally"},
        ("x returned unchanged", "the mirrored copy was never used"),
    ),
    "flip_returns_a_copy_of_x": (
        {"flip_horizontally": [("return torch.where(flip[:, None, None, None], mirrored, x)", "return x.clone()")]},
        {"test_flip_horizontally"},
        ("x returned unchanged", "the mirrored copy was never used"),
    ),
    # The result handed back as a Python list.
    "flip_returns_a_list": (
        {"flip_horizontally": [("return torch.where(flip[:, None, None, None], mirrored, x)",
                                "return torch.where(flip[:, None, None, None], mirrored, x).tolist()")]},
        {"test_flip_horizontally"},
        ("flip_horizontally returns a tensor", "do not turn it into a Python list"),
    ),
    # flip turned into integers for torch.where.
    "flip_condition_as_integers": (
        {"flip_horizontally": [("torch.where(flip[:, None, None, None], mirrored, x)",
                                "torch.where(flip.long()[:, None, None, None], mirrored, x)")]},
        {"test_flip_horizontally"},
        ("torch.where needs a boolean condition", "flip is already a bool tensor"),
    ),
    # The side halved once too many: on 36 its features, 8 * 2 * 2, are those of the side not squared, 8 * 4.
    "vgg_side_halved_once_too_many": (
        {"vgg": [("side = image_size // 2 ** len(conv_arch)", "side = image_size // 2 ** (len(conv_arch) + 1)")]},
        {"test_vgg"},
        "the side halved once too many",
    ),
    "vgg_features_from_the_first_block": (
        {"vgg": [("nn.Linear(in_channels * side * side, hidden)", "nn.Linear(conv_arch[0][1] * side * side, hidden)")]},
        {"test_vgg"},
        "the features counted from the first block's channels",
    ),
    # A fixed probability in the first dropout layer only.
    "vgg_dropout_fixed_in_one_layer": (
        {"vgg": [("nn.ReLU(), nn.Dropout(dropout),\n                         nn.Linear(hidden, hidden)",
                  "nn.ReLU(), nn.Dropout(0.5),\n                         nn.Linear(hidden, hidden)")]},
        {"test_vgg"},
        ("the dropout argument is ignored in one of the two dropout layers", "p = 0.5"),
    ),
    # Right, in another form: each dropout before its ReLU (they commute: the same network).
    "accepted_vgg_dropout_before_relu": (
        {"vgg": [("nn.ReLU(), nn.Dropout(dropout),\n                         nn.Linear(hidden, hidden), "
                  "nn.ReLU(), nn.Dropout(dropout),",
                  "nn.Dropout(dropout), nn.ReLU(),\n                         nn.Linear(hidden, hidden), "
                  "nn.Dropout(dropout), nn.ReLU(),")]},
        set(),
    ),
    # Right, in another form: the pair as a list.
    "accepted_conv_cost_returns_lists": (
        {"conv_cost": [("return k * k * c_in * c_out + c_out, k * k * c_in * c_out * height * width",
                        "return [k * k * c_in * c_out + c_out, k * k * c_in * c_out * height * width]"),
                       ("return reduce_params + params, reduce_macs + macs",
                        "return [reduce_params + params, reduce_macs + macs]")]},
        set(),
    ),
    # The kernel's side counted once, in the parameters and the multiply-adds.
    "conv_cost_kernel_not_squared": (
        {"conv_cost": [("return k * k * c_in * c_out + c_out, k * k * c_in * c_out * height * width",
                        "return k * c_in * c_out + c_out, k * c_in * c_out * height * width")]},
        {"test_conv_cost"},
        "the kernel counted once, not squared",
    ),
    # The 1x1 reduction's multiply-adds with the large kernel; its parameters to out_channels.
    "conv_cost_reduction_macs_with_the_large_kernel": (
        {"conv_cost": [("return reduce_params + params, reduce_macs + macs",
                        "return reduce_params + params, kernel_size ** 2 * reduce_macs + macs")]},
        {"test_conv_cost"},
        "the reduction counted with the large kernel",
    ),
    "conv_cost_reduction_to_out_channels": (
        {"conv_cost": [("reduce_params, reduce_macs = one_conv(in_channels, reduce_channels, 1)",
                        "reduce_params, _ = one_conv(in_channels, out_channels, 1)\n"
                        "    _, reduce_macs = one_conv(in_channels, reduce_channels, 1)")]},
        {"test_conv_cost"},
        "the 1x1 reduction counted to out_channels",
    ),
    # Sorted by accuracy from the most accurate, ties in the order they came ('twin' before 'big').
    "pareto_accuracy_downwards_ties_as_they_came": (
        {"pareto_front": [("front.append((operations, name))", "front.append((operations, name, accuracy))"),
                          ("return [name for _, name in sorted(front)]",
                           "return [f[1] for f in sorted(front, key=lambda f: -f[2])]")]},
        {"test_pareto_front"},
        ("ordered by accuracy, the most accurate first", "ordered from the most operations"),
    ),
    # The padding added once in the height only.
    "arithmetic_height_padded_on_one_side": (
        {"layer_arithmetic": [("(h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1",
                               "(h + p - k) // s + 1, (w + 2 * p - k) // s + 1")]},
        {"test_layer_arithmetic"},
        "the padding added on one side only in the height",
    ),
    # The linear layer's inputs read after the shape was set to its output.
    "arithmetic_linear_inputs_after_the_update": (
        {"layer_arithmetic": [("            parameters = shape[0] * out_features + out_features\n"
                               "            multiply_adds = shape[0] * out_features\n"
                               "            shape = (out_features,)",
                               "            shape = (out_features,)\n"
                               "            parameters = shape[0] * out_features + out_features\n"
                               "            multiply_adds = shape[0] * out_features")]},
        {"test_layer_arithmetic"},
        "F_in read after the running shape was set to the layer's output",
    ),
    # The pooled shape with one channel.
    "arithmetic_pool_drops_the_channels": (
        {"layer_arithmetic": [("shape = (c, (h - k) // s + 1, (w - k) // s + 1)",
                               "shape = (1, (h - k) // s + 1, (w - k) // s + 1)")]},
        {"test_layer_arithmetic"},
        "the channels dropped: pooling works on each channel on its own",
    ),
}
