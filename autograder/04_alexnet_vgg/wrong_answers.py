"""Plausible wrong answers to notebook 04_alexnet_vgg, each with the graded test cells it must fail.

The pipeline tests (tests/test_pipeline.py) grade each one: the correct solution
with a student's mistake edited in, cell id -> [(old text, new text)], must lose
exactly the points of the named test cells.
"""

WRONG_ANSWERS = {
    # A convolution's weights without its biases.
    "arithmetic_forgets_bias": (
        {"layer_arithmetic": [("parameters = (k * k * c) * out_channels + out_channels",
                               "parameters = (k * k * c) * out_channels")]},
        {"test_layer_arithmetic"},
    ),
    # The output size without the padding.
    "arithmetic_ignores_padding": (
        {"layer_arithmetic": [("(h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1",
                               "(h - k) // s + 1, (w - k) // s + 1")]},
        {"test_layer_arithmetic"},
    ),
    # Multiply-adds of one output position: each weight counted once.
    "arithmetic_macs_per_position": (
        {"layer_arithmetic": [("multiply_adds = out_channels * h_out * w_out * (k * k * c)",
                               "multiply_adds = out_channels * (k * k * c)")]},
        {"test_layer_arithmetic"},
    ),
    # Height and width swapped in the output shape.
    "arithmetic_swaps_height_and_width": (
        {"layer_arithmetic": [("shape = (out_channels, h_out, w_out)", "shape = (out_channels, w_out, h_out)")]},
        {"test_layer_arithmetic"},
    ),
    # Dropout without rescaling: the mean shrinks to 1 - p.
    "dropout_no_rescaling": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return x * keep")]},
        {"test_inverted_dropout"},
    ),
    # Rescaled by p instead of 1 - p.
    "dropout_rescales_by_p": (
        {"inverted_dropout": [("return x * keep / (1 - p)", "return x * keep / p")]},
        {"test_inverted_dropout"},
    ),
    # Drops in evaluation mode too.
    "dropout_in_evaluation": (
        {"inverted_dropout": [("if not training or p == 0:", "if p == 0:")]},
        {"test_inverted_dropout"},
    ),
    # Keeps with probability p: drops 1 - p.
    "dropout_keeps_p": (
        {"inverted_dropout": [("keep = torch.rand(x.shape, device=x.device) >= p",
                               "keep = torch.rand(x.shape, device=x.device) < p")]},
        {"test_inverted_dropout"},
    ),
    # PyTorch's own dropout, which the exercise asks to write by hand.
    "dropout_calls_library": (
        {"inverted_dropout": [("    if not training or p == 0:\n        return x\n",
                               "    return F.dropout(x, p, training)\n")]},
        {"test_inverted_dropout"},
    ),
    # Rows and columns of the crop swapped.
    "crop_swaps_top_and_left": (
        {"pad_and_crop": [("padded[i, :, t:t + size, l:l + size]", "padded[i, :, l:l + size, t:t + size]")]},
        {"test_pad_and_crop"},
    ),
    # Padding only at the top and left.
    "crop_pads_one_side": (
        {"pad_and_crop": [("torch.zeros(b, c, h + 2 * padding, w + 2 * padding,",
                           "torch.zeros(b, c, h + padding, w + padding,")]},
        {"test_pad_and_crop"},
    ),
    # The offsets taken in the unpadded image.
    "crop_offsets_in_unpadded_image": (
        {"pad_and_crop": [("padded[i, :, t:t + size, l:l + size]",
                           "padded[i, :, t + padding:t + padding + size, l + padding:l + padding + size]")]},
        {"test_pad_and_crop"},
    ),
    # torch's pad, which the exercise asks to do by hand.
    "crop_calls_pad": (
        {"pad_and_crop": [("    padded = torch.zeros(b, c, h + 2 * padding, w + 2 * padding, dtype=x.dtype, "
                           "device=x.device)\n    padded[:, :, padding:padding + h, padding:padding + w] = x\n",
                           "    padded = F.pad(x, (padding, padding, padding, padding))\n")]},
        {"test_pad_and_crop"},
    ),
    # Every image mirrored, whatever its flag.
    "flip_all_images": (
        {"flip_horizontally": [("return torch.where(flip[:, None, None, None], mirrored, x)", "return mirrored")]},
        {"test_flip_horizontally"},
    ),
    # The images not to flip are the ones flipped.
    "flip_the_others": (
        {"flip_horizontally": [("torch.where(flip[:, None, None, None], mirrored, x)",
                                "torch.where(flip[:, None, None, None], x, mirrored)")]},
        {"test_flip_horizontally"},
    ),
    # Upside down instead of left to right.
    "flip_vertically": (
        {"flip_horizontally": [("reversed_columns = torch.arange(x.shape[-1] - 1, -1, -1, device=x.device)\n"
                                "    mirrored = x[..., reversed_columns]",
                                "reversed_rows = torch.arange(x.shape[-2] - 1, -1, -1, device=x.device)\n"
                                "    mirrored = x[..., reversed_rows, :]")]},
        {"test_flip_horizontally"},
    ),
    # Convolutions without padding: the block shrinks the image (and vgg's classifier no longer fits).
    "vgg_block_without_padding": (
        {"vgg_block": [("nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1)",
                        "nn.Conv2d(in_channels, out_channels, kernel_size=3)")]},
        {"test_vgg_block", "test_vgg"},
    ),
    # Every convolution from in_channels: the second one gets 64 channels where it expects 3.
    "vgg_block_keeps_in_channels": (
        {"vgg_block": [("        in_channels = out_channels\n    layers.append", "    layers.append")]},
        {"test_vgg_block", "test_vgg"},
    ),
    # No pooling at the end of a block.
    "vgg_block_without_pooling": (
        {"vgg_block": [("    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))\n", "")]},
        {"test_vgg_block", "test_vgg"},
    ),
    # The classifier's input computed from the image size, not what the blocks leave.
    "vgg_features_from_image_size": (
        {"vgg": [("nn.Linear(in_channels * side * side, hidden)", "nn.Linear(in_channels * image_size * image_size, hidden)")]},
        {"test_vgg"},
    ),
    # No dropout in the classifier.
    "vgg_without_dropout": (
        {"vgg": [("nn.ReLU(), nn.Dropout(dropout),\n                         nn.Linear(hidden, hidden), "
                  "nn.ReLU(), nn.Dropout(dropout),",
                  "nn.ReLU(),\n                         nn.Linear(hidden, hidden), nn.ReLU(),")]},
        {"test_vgg"},
    ),
    # Each block from the network's input channels.
    "vgg_blocks_from_input_channels": (
        {"vgg": [("        in_channels = out_channels\n    side", "    side")]},
        {"test_vgg"},
    ),
    # The weights without the biases.
    "conv_cost_forgets_bias": (
        {"conv_cost": [("return k * k * c_in * c_out + c_out,", "return k * k * c_in * c_out,")]},
        {"test_conv_cost"},
    ),
    # The 1x1 reduction's own cost left out.
    "conv_cost_forgets_reduction": (
        {"conv_cost": [("return reduce_params + params, reduce_macs + macs", "return params, macs")]},
        {"test_conv_cost"},
    ),
    # The reduction counted with the large kernel.
    "conv_cost_reduction_with_kernel": (
        {"conv_cost": [("one_conv(in_channels, reduce_channels, 1)",
                        "one_conv(in_channels, reduce_channels, kernel_size)")]},
        {"test_conv_cost"},
    ),
    # Dominated only when beaten on both counts: models tied in accuracy with a cheaper one stay.
    "pareto_strict_on_both": (
        {"pareto_front": [("a >= accuracy and o <= operations and (a > accuracy or o < operations)",
                           "a > accuracy and o < operations")]},
        {"test_pareto_front"},
    ),
    # "At least as good on both" without "strictly better on one": every model dominates itself.
    "pareto_not_strict": (
        {"pareto_front": [(" and (a > accuracy or o < operations)", "")]},
        {"test_pareto_front"},
    ),
    # Not ordered by operations.
    "pareto_unsorted": (
        {"pareto_front": [("return [name for _, name in sorted(front)]", "return [name for _, name in front]")]},
        {"test_pareto_front"},
    ),
    # More operations counted as better.
    "pareto_prefers_more_operations": (
        {"pareto_front": [("o <= operations and (a > accuracy or o < operations)",
                           "o >= operations and (a > accuracy or o > operations)")]},
        {"test_pareto_front"},
    ),
}
