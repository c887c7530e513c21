"""Plausible wrong answers to notebook 05_resnet, each with the graded test cells it must fail.

The pipeline tests (tests/test_pipeline.py) grade each one: the correct solution
with a student's mistake edited in, cell id -> [(old text, new text)], must lose
exactly the points of the named test cells.
"""

WRONG_ANSWERS = {
    # The unbiased variance in the forward pass (torch's default for .var()).
    "bn_unbiased_variance_in_forward": (
        {"batch_norm": [("var = x.var(dim=(0, 2, 3), correction=0)", "var = x.var(dim=(0, 2, 3))")]},
        {"test_batch_norm"},
        "the unbiased variance in the forward pass",
    ),
    # The batch's statistics in evaluation mode too.
    "bn_batch_statistics_in_evaluation": (
        {"batch_norm": [("        if self.training:\n            mean = x.mean",
                         "        if True:\n            mean = x.mean")]},
        {"test_batch_norm"},
        'batch statistics in evaluation mode',
    ),
    # The variance over each example's positions, averaged over the batch: the spread between examples lost.
    "bn_statistics_over_wrong_axes": (
        {"batch_norm": [("var = x.var(dim=(0, 2, 3), correction=0)",
                         "var = x.var(dim=(2, 3), correction=0).mean(dim=0)")]},
        {"test_batch_norm"},
        'statistics over the wrong dimensions',
    ),
    # Momentum as an optimiser's: the weight of the old value.
    "bn_momentum_backwards": (
        {"batch_norm": [("self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)",
                         "self.running_mean.mul_(self.momentum).add_((1 - self.momentum) * mean)"),
                        ("self.running_var.mul_(1 - self.momentum).add_(self.momentum * var * m / (m - 1))",
                         "self.running_var.mul_(self.momentum).add_((1 - self.momentum) * var * m / (m - 1))")]},
        {"test_batch_norm"},
        'momentum applied backwards',
    ),
    # The running statistics updated inside the autograd graph (no torch.no_grad()).
    "bn_running_statistics_with_gradients": (
        {"batch_norm": [("            with torch.no_grad():\n                self.running_mean.mul_",
                         "            if True:\n                self.running_mean.mul_")]},
        {"test_batch_norm"},
        "updated without gradients",
    ),
    # The biased variance kept as the running one.
    "bn_biased_running_variance": (
        {"batch_norm": [("self.momentum * var * m / (m - 1))", "self.momentum * var)")]},
        {"test_batch_norm"},
        "the running variance updated with the biased variance",
    ),
    # PyTorch's own batch norm, which the exercise asks to write by hand.
    "bn_calls_library": (
        {"batch_norm": [("        if self.training:\n            mean = x.mean",
                         "        return F.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias,\n"
                         "                            self.training, self.momentum, self.eps)\n"
                         "        if self.training:\n            mean = x.mean")]},
        {"test_batch_norm"},
        'compute the result yourself',
    ),
    # The shortcut added before the last batch norm.
    "block_adds_before_last_bn": (
        {"basic_block": [("        out = self.bn2(self.conv2(out))\n        return F.relu(out + identity)",
                          "        return F.relu(self.bn2(self.conv2(out) + identity))")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "the shortcut added before the last batch norm", "test_resnet18": "builds on your BasicBlock"},
    ),
    # ReLU before the addition.
    "block_relu_before_addition": (
        {"basic_block": [("return F.relu(out + identity)", "return F.relu(out) + identity")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "ReLU before the addition", "test_resnet18": "builds on your BasicBlock"},
    ),
    # A projection only when the channels change: a stride-2 block with the same channels cannot add.
    "block_no_projection_on_stride": (
        {"basic_block": [("if stride != 1 or in_channels != out_channels:", "if in_channels != out_channels:")]},
        {"test_basic_block"},
        ('projection', 'the stride is 2'),
    ),
    # The stride on the second convolution.
    "block_stride_on_conv2": (
        {"basic_block": [("nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)",
                          "nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False)"),
                         ("nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)",
                          "nn.Conv2d(out_channels, out_channels, 3, stride=stride, padding=1, bias=False)")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "the stride on the wrong convolution", "test_resnet18": "builds on your BasicBlock"},
    ),
    # Torchvision's own block inside the student's.
    "block_wraps_torchvision": (
        {"basic_block": [("        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, "
                          "bias=False)\n",
                          "        self.inner = models.resnet.BasicBlock(in_channels, out_channels)\n"
                          "        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, "
                          "bias=False)\n")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "write the block yourself",
         "test_resnet18": ("builds on your BasicBlock", "write the block yourself")},
    ),
    # The norms of the weights, not of their gradients.
    "gradients_weight_norms": (
        {"weight_gradient_norms": [("module.weight.grad.norm().item()", "module.weight.norm().item()")]},
        {"test_weight_gradient_norms"},
        'the norms of the weights themselves',
    ),
    # Gradients never zeroed: a second call adds to the first.
    "gradients_not_zeroed": (
        {"weight_gradient_norms": [("    model.zero_grad()\n", "")]},
        {"test_weight_gradient_norms"},
        'zero_grad',
    ),
    # Batch norm's weights counted as layers too.
    "gradients_include_batch_norm": (
        {"weight_gradient_norms": [("isinstance(module, (nn.Conv2d, nn.Linear))",
                                    "isinstance(module, (nn.Conv2d, nn.Linear, nn.BatchNorm2d))")]},
        {"test_weight_gradient_norms"},
        "batch norm's weights counted too",
    ),
    # The loss summed over the batch.
    "gradients_summed_loss": (
        {"weight_gradient_norms": [("F.cross_entropy(model(x), y).backward()",
                                    "F.cross_entropy(model(x), y, reduction=\"sum\").backward()")]},
        {"test_weight_gradient_norms"},
        'summed over the batch',
    ),
    # The model switched to evaluation mode to measure.
    "gradients_in_eval_mode": (
        {"weight_gradient_norms": [("    model.zero_grad()\n", "    model.eval()\n    model.zero_grad()\n")]},
        {"test_weight_gradient_norms"},
        'training mode',
    ),
    # Every block of a stage given the stride.
    "stage_stride_everywhere": (
        {"resnet18": [("[BasicBlock(out_channels, out_channels, 1) for _",
                       "[BasicBlock(out_channels, out_channels, stride) for _")]},
        {"test_resnet18"},
        'every block given the stride',
    ),
    # A stage's later blocks built from in_channels, as its first one.
    "stage_later_blocks_from_in_channels": (
        {"resnet18": [("[BasicBlock(out_channels, out_channels, 1) for _",
                       "[BasicBlock(in_channels, out_channels, 1) for _")]},
        {"test_resnet18"},
        'every block built from in_channels',
    ),
    # Every block of a stage built as its first one.
    "stage_every_block_as_first": (
        {"resnet18": [("[BasicBlock(out_channels, out_channels, 1) for _",
                       "[BasicBlock(in_channels, out_channels, stride) for _")]},
        {"test_resnet18"},
        'every block built as the first one',
    ),
    # Stage 1 with stride 2, as the later stages.
    "resnet_stride_in_layer1": (
        {"resnet18": [("make_stage(64, 64, 2, stride=1)", "make_stage(64, 64, 2, stride=2)")]},
        {"test_resnet18"},
        "layer1 keeps stride 1",
    ),
    # The stem's max pooling forgotten in forward.
    "resnet_forgets_maxpool": (
        {"resnet18": [("x = self.maxpool(self.relu(self.bn1(self.conv1(x))))", "x = self.relu(self.bn1(self.conv1(x)))")]},
        {"test_resnet18", "test_resnet50"},   # ResNet50 has ResNet18's forward
        {"test_resnet18": "the max pooling left out of forward", "test_resnet50": "builds on your ResNet18.forward"},
    ),
    # Torchvision's ResNet-18 returned as the student's.
    "resnet_uses_torchvision": (
        {"resnet18": [("        self.fc = nn.Linear(512, num_classes)\n",
                       "        self.fc = nn.Linear(512, num_classes)\n"
                       "        self.inner = models.resnet18(num_classes=num_classes)\n"),
                      ("        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))\n",
                       "        return self.inner(x)\n")]},
        {"test_resnet18", "test_resnet50"},
        {"test_resnet18": "not from torchvision's",
         "test_resnet50": ("builds on your ResNet18.forward", "not with torchvision's ResNet")},
    ),
    # The stride on the first 1x1 convolution, as in the paper (torchvision's v1.5 has it on the 3x3).
    "bottleneck_stride_on_conv1": (
        {"bottleneck": [("self.conv1 = nn.Conv2d(in_channels, width, 1, bias=False)",
                         "self.conv1 = nn.Conv2d(in_channels, width, 1, stride=stride, bias=False)"),
                        ("self.conv2 = nn.Conv2d(width, width, 3, stride=stride, padding=1, bias=False)",
                         "self.conv2 = nn.Conv2d(width, width, 3, padding=1, bias=False)")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "the stride on the wrong convolution", "test_resnet50": "builds on your Bottleneck"},
    ),
    # ReLU before the addition.
    "bottleneck_relu_before_addition": (
        {"bottleneck": [("return F.relu(self.bn3(self.conv3(out)) + identity)",
                         "return F.relu(self.bn3(self.conv3(out))) + identity")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "ReLU before the addition", "test_resnet50": "builds on your Bottleneck"},
    ),
    # The projection decided by the width, not by the 4 * width channels the block puts out.
    "bottleneck_projection_by_width": (
        {"bottleneck": [("if stride != 1 or in_channels != out_channels:", "if stride != 1 or in_channels != width:")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "compare it with 4 * width",
         "test_resnet50": ("builds on your Bottleneck", "projection")},
    ),
    # A stage's later blocks from the width instead of 4 * width.
    "resnet50_later_blocks_from_width": (
        {"bottleneck": [("[Bottleneck(width * Bottleneck.expansion, width, 1) for _",
                         "[Bottleneck(width, width, 1) for _")]},
        {"test_resnet50"},
        "the later blocks built from width channels",
    ),
    # ResNet-18's stage lengths.
    "resnet50_two_blocks_per_stage": (
        {"bottleneck": [("make_bottleneck_stage(512, 256, 6, stride=2)", "make_bottleneck_stage(512, 256, 2, stride=2)")]},
        {"test_resnet50"},
        "the wrong number of blocks per stage",
    ),
    # ResNet-18's classifier width.
    "resnet50_fc_from_512": (
        {"bottleneck": [("self.fc = nn.Linear(2048, num_classes)", "self.fc = nn.Linear(512, num_classes)")]},
        {"test_resnet50"},
        ("ResNet50's fc", "ResNet-18's width"),
    ),
    # Groups ignored.
    "conv_params_ignores_groups": (
        {"conv_params": [("(in_channels // groups)", "in_channels")]},
        {"test_conv_params", "test_inverted_residual_params", "test_convnext_block_params"},   # the depthwise convolutions of the later counts too
        {"test_conv_params": "groups ignored", "test_inverted_residual_params": "builds on your conv_params",
         "test_convnext_block_params": "builds on your conv_params"},
    ),
    # Divided by the groups on both sides.
    "conv_params_divides_twice": (
        {"conv_params": [("weights = out_channels * (in_channels // groups)",
                          "weights = (out_channels // groups) * (in_channels // groups)")]},
        {"test_conv_params", "test_inverted_residual_params", "test_convnext_block_params"},
        {"test_conv_params": "divided by groups twice", "test_inverted_residual_params": "builds on your conv_params",
         "test_convnext_block_params": "builds on your conv_params"},
    ),
    # One bias per group.
    "conv_params_bias_per_group": (
        {"conv_params": [("(out_channels if bias else 0)", "(groups if bias else 0)")]},
        {"test_conv_params", "test_inverted_residual_params"},   # squeeze-and-excitation's biases
        {"test_conv_params": "one bias per group", "test_inverted_residual_params": "builds on your conv_params"},
    ),
    # The kernel counted once.
    "conv_params_kernel_once": (
        {"conv_params": [("* kernel_size * kernel_size", "* kernel_size")]},
        {"test_conv_params", "test_inverted_residual_params", "test_dense_block_params", "test_convnext_block_params"},
        {"test_conv_params": "the kernel counted once", "test_inverted_residual_params": "builds on your conv_params",
         "test_dense_block_params": "builds on your conv_params", "test_convnext_block_params": "builds on your conv_params"},
    ),
    # The expansion counted even where there is none.
    "inverted_residual_always_expands": (
        {"inverted_residual_params": [("    if expanded_channels != in_channels:\n        total +=",
                                       "    if True:\n        total +=")]},
        {"test_inverted_residual_params"},
        'the expansion counted where there is none',
    ),
    # A full convolution in the middle.
    "inverted_residual_not_depthwise": (
        {"inverted_residual_params": [("kernel_size, groups=expanded_channels,", "kernel_size,")]},
        {"test_inverted_residual_params"},
        'a full convolution in the middle',
    ),
    # No batch norm parameters.
    "inverted_residual_forgets_batch_norm": (
        {"inverted_residual_params": [("bias=False) + 2 * expanded_channels\n    total += conv_params(expanded_channels, "
                                       "expanded_channels",
                                       "bias=False)\n    total += conv_params(expanded_channels, expanded_channels"),
                                      ("bias=False) + 2 * expanded_channels\n    if squeeze",
                                       "bias=False)\n    if squeeze"),
                                      ("bias=False) + 2 * out_channels", "bias=False)")]},
        {"test_inverted_residual_params"},
        "batch norm's scale and shift left out",
    ),
    # Squeeze-and-excitation without its biases.
    "inverted_residual_se_without_bias": (
        {"inverted_residual_params": [("conv_params(expanded_channels, squeeze_channels, 1)",
                                       "conv_params(expanded_channels, squeeze_channels, 1, bias=False)")]},
        {"test_inverted_residual_params"},
        'squeeze-and-excitation without its biases',
    ),
    # Every layer from the block's input: the concatenation forgotten.
    "dense_no_growth": (
        {"dense_block_params": [("        channels += growth_rate\n    return channels, total",
                                 "    return channels + num_layers * growth_rate, total")]},
        {"test_dense_block_params"},
        "every layer counted from the block's input",
    ),
    # Only the new channels out of the block.
    "dense_out_without_input": (
        {"dense_block_params": [("    return channels, total", "    return channels - in_channels, total")]},
        {"test_dense_block_params"},
        'only the new channels',
    ),
    # The bottleneck as wide as the growth rate: bn_size forgotten.
    "dense_bottleneck_without_bn_size": (
        {"dense_block_params": [("total, channels, width = 0, in_channels, bn_size * growth_rate",
                                 "total, channels, width = 0, in_channels, growth_rate")]},
        {"test_dense_block_params"},
        'the bottleneck as wide as the growth rate',
    ),
    # The layer scale left out.
    "convnext_forgets_layer_scale": (
        {"convnext_block_params": [("    layer_scale = dim\n", "    layer_scale = 0\n")]},
        {"test_convnext_block_params"},
        'the layer scale',
    ),
    # A full 7x7 convolution.
    "convnext_not_depthwise": (
        {"convnext_block_params": [("conv_params(dim, dim, 7, groups=dim)", "conv_params(dim, dim, 7)")]},
        {"test_convnext_block_params"},
        'a full 7x7 convolution',
    ),
    # An expansion of 3 instead of 4.
    "convnext_expansion_three": (
        {"convnext_block_params": [("(dim * 4 * dim + 4 * dim) + (4 * dim * dim + dim)",
                                    "(dim * 3 * dim + 3 * dim) + (3 * dim * dim + dim)")]},
        {"test_convnext_block_params"},
        "an expansion of 3",
    ),
    # eps added to the standard deviation instead of the variance.
    "bn_eps_outside_sqrt": (
        {"batch_norm": [("torch.sqrt(var.view(1, -1, 1, 1) + self.eps)", "(torch.sqrt(var.view(1, -1, 1, 1)) + self.eps)")]},
        {"test_batch_norm"},
        "eps added outside the square root",
    ),
    # Normalised, then neither scaled nor shifted.
    "bn_without_scale_and_shift": (
        {"batch_norm": [("return self.weight.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1)", "return x_hat")]},
        {"test_batch_norm"},
        "the scale and shift left out",
    ),
    # Divided by the variance, not by the standard deviation.
    "bn_divides_by_variance": (
        {"batch_norm": [("torch.sqrt(var.view(1, -1, 1, 1) + self.eps)", "(var.view(1, -1, 1, 1) + self.eps)")]},
        {"test_batch_norm"},
        "not by its square root",
    ),
    # The running statistics updated on every forward pass, in evaluation mode too.
    "bn_updates_running_in_evaluation": (
        {"batch_norm": [("            mean, var = self.running_mean, self.running_var\n",
                         "            mean, var = self.running_mean.clone(), self.running_var.clone()\n"
                         "            with torch.no_grad():\n"
                         "                self.running_mean.mul_(1 - self.momentum).add_(self.momentum * x.mean(dim=(0, 2, 3)))\n")]},
        {"test_batch_norm"},
        "updated in evaluation mode too",
    ),
    # A projection only where the stride changes: a change of channels at stride 1 cannot add.
    "block_projection_only_on_stride": (
        {"basic_block": [("if stride != 1 or in_channels != out_channels:", "if stride != 1:")]},
        {"test_basic_block"},
        ("projection", "the channels change from 8 to 16 at stride 1"),
    ),
    # Convolutions with biases: torchvision's weights do not load.
    "block_convolutions_with_bias": (
        {"basic_block": [("nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)",
                          "nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1)"),
                         ("nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)",
                          "nn.Conv2d(out_channels, out_channels, 3, padding=1)")]},
        {"test_basic_block", "test_resnet18"},
        "bias",
    ),
    # Accepted: nn.Identity() as the shortcut where the shape does not change.
    "accepted_identity_shortcut": (
        {"basic_block": [("        self.downsample = None\n        if stride != 1 or in_channels != out_channels:",
                          "        self.downsample = nn.Identity()\n        if stride != 1 or in_channels != out_channels:"),
                         ("identity = x if self.downsample is None else self.downsample(x)",
                          "identity = self.downsample(x)")]},
        set(),
    ),
    # The norms as tensors, not as floats.
    "gradients_as_tensors": (
        {"weight_gradient_norms": [("module.weight.grad.norm().item()", "module.weight.grad.norm()")]},
        {"test_weight_gradient_norms"},
        "a python float",
    ),
    # The pooled feature maps not flattened: the head is applied to their last dimension.
    "resnet_forgets_flatten": (
        {"resnet18": [("return self.fc(torch.flatten(self.avgpool(x), 1))", "return self.fc(self.avgpool(x))")]},
        {"test_resnet18", "test_resnet50"},   # ResNet50 has ResNet18's forward
        "not flattened",
    ),
    # The batch flattened into the features.
    "resnet_flattens_the_batch": (
        {"resnet18": [("return self.fc(torch.flatten(self.avgpool(x), 1))", "return self.fc(torch.flatten(self.avgpool(x)))")]},
        {"test_resnet18", "test_resnet50"},
        "the batch dimension was flattened",
    ),
    # A projection only where the stride changes: the bottleneck's change of channels at stride 1 cannot add.
    "bottleneck_projection_only_on_stride": (
        {"bottleneck": [("if stride != 1 or in_channels != out_channels:", "if stride != 1:")]},
        {"test_bottleneck", "test_resnet50"},
        "projection",
    ),
    # Accepted: a count computed with / (a float with no fractional part).
    "accepted_count_as_float": (
        {"conv_params": [("(in_channels // groups)", "(in_channels / groups)")]},
        set(),
    ),
    # ConvNeXt's depthwise convolution without its bias.
    "convnext_depthwise_without_bias": (
        {"convnext_block_params": [("conv_params(dim, dim, 7, groups=dim)", "conv_params(dim, dim, 7, groups=dim, bias=False)")]},
        {"test_convnext_block_params"},
        "depthwise convolution's bias",
    ),
    # ConvNeXt's linear layers without their biases.
    "convnext_linear_without_biases": (
        {"convnext_block_params": [("(dim * 4 * dim + 4 * dim) + (4 * dim * dim + dim)", "(dim * 4 * dim) + (4 * dim * dim)")]},
        {"test_convnext_block_params"},
        "the linear layers without their biases",
    ),
    # Each layer counted with the channels it will give: k too many.
    "dense_counts_each_layer_one_growth_too_wide": (
        {"dense_block_params": [("    for _ in range(num_layers):\n", "    for _ in range(num_layers):\n        channels += growth_rate\n"),
            ("        channels += growth_rate\n    return", "    return")]},
        {"test_dense_block_params"},
        "k channels too many",
    ),
    # Each layer adds the bottleneck's width, not the growth rate.
    "dense_grows_by_the_bottleneck": (
        {"dense_block_params": [("        channels += growth_rate\n", "        channels += width\n")]},
        {"test_dense_block_params"},
        "each layer adds bn_size * k channels",
    ),
    # Biases counted in the convolutions.
    "dense_convolutions_with_bias": (
        {"dense_block_params": [("conv_params(channels, width, 1, bias=False)", "conv_params(channels, width, 1)"),
            ("conv_params(width, growth_rate, 3, bias=False)", "conv_params(width, growth_rate, 3)")]},
        {"test_dense_block_params"},
        "the convolutions counted with biases",
    ),
    # The batch norm on each layer's input left out.
    "dense_forgets_first_batch_norm": (
        {"dense_block_params": [("total += 2 * channels + conv_params", "total += conv_params")]},
        {"test_dense_block_params"},
        "the first batch norm of each layer left out",
    ),
    # The batch norm between the two convolutions left out.
    "dense_forgets_second_batch_norm": (
        {"dense_block_params": [("total += 2 * width + conv_params", "total += conv_params")]},
        {"test_dense_block_params"},
        "the second batch norm of each layer left out",
    ),
    # No batch norm counted.
    "dense_forgets_batch_norms": (
        {"dense_block_params": [("total += 2 * channels + conv_params", "total += conv_params"),
            ("total += 2 * width + conv_params", "total += conv_params")]},
        {"test_dense_block_params"},
        "the batch norms left out",
    ),
    # The 3x3 convolution counted as a 1x1.
    "dense_3x3_counted_as_1x1": (
        {"dense_block_params": [("conv_params(width, growth_rate, 3, bias=False)", "conv_params(width, growth_rate, 1, bias=False)")]},
        {"test_dense_block_params"},
        "the 3x3 convolution counted as a 1x1",
    ),
    # The 1x1 convolution counted as a 3x3.
    "dense_1x1_counted_as_3x3": (
        {"dense_block_params": [("conv_params(channels, width, 1, bias=False)", "conv_params(channels, width, 3, bias=False)")]},
        {"test_dense_block_params"},
        "the 1x1 convolution counted as a 3x3",
    ),
    # One layer too few: range(num_layers - 1).
    "dense_one_layer_too_few": (
        {"dense_block_params": [("range(num_layers)", "range(num_layers - 1)")]},
        {"test_dense_block_params"},
        "one layer too few",
    ),
    # One parameter per channel in each batch norm.
    "dense_batch_norm_one_per_channel": (
        {"dense_block_params": [("total += 2 * channels", "total += channels"),
            ("total += 2 * width", "total += width")]},
        {"test_dense_block_params"},
        "one parameter per channel in each batch norm",
    ),
    # The batch norms' running statistics counted as parameters.
    "dense_batch_norm_buffers_counted": (
        {"dense_block_params": [("total += 2 * channels", "total += 4 * channels"),
            ("total += 2 * width", "total += 4 * width")]},
        {"test_dense_block_params"},
        "running mean and variance counted",
    ),
    # Biases counted in the three convolutions that a batch norm follows.
    "inverted_residual_biases_before_batch_norm": (
        {"inverted_residual_params": [("conv_params(in_channels, expanded_channels, 1, bias=False)", "conv_params(in_channels, expanded_channels, 1)"),
            ("groups=expanded_channels,\n                         bias=False)", "groups=expanded_channels)"),
            ("conv_params(expanded_channels, out_channels, 1, bias=False)", "conv_params(expanded_channels, out_channels, 1)")]},
        {"test_inverted_residual_params"},
        "a bias counted in the expansion and the depthwise convolution and the projection",
    ),
    # Squeeze-and-excitation left out.
    "inverted_residual_forgets_squeeze_excitation": (
        {"inverted_residual_params": [("    if squeeze_channels is not None:\n        total +=", "    if False:\n        total +=")]},
        {"test_inverted_residual_params"},
        "squeeze-and-excitation left out",
    ),
    # The projection and its batch norm left out.
    "inverted_residual_forgets_projection": (
        {"inverted_residual_params": [("    total += conv_params(expanded_channels, out_channels, 1, bias=False) + 2 * out_channels\n", "")]},
        {"test_inverted_residual_params"},
        "the projection left out",
    ),
    # The depthwise convolution on the block's input channels, as if the expansion came after it.
    "inverted_residual_depthwise_on_input": (
        {"inverted_residual_params": [("total += conv_params(expanded_channels, expanded_channels, kernel_size, groups=expanded_channels,\n                         bias=False) + 2 * expanded_channels", "total += conv_params(in_channels, in_channels, kernel_size, groups=in_channels,\n                         bias=False) + 2 * in_channels")]},
        {"test_inverted_residual_params"},
        "the depthwise convolution counted on in_channels",
    ),
    # The projection from the block's input channels.
    "inverted_residual_projection_from_input": (
        {"inverted_residual_params": [("conv_params(expanded_channels, out_channels, 1, bias=False)", "conv_params(in_channels, out_channels, 1, bias=False)")]},
        {"test_inverted_residual_params"},
        "the projection counted from in_channels",
    ),
    # Squeeze-and-excitation on the block's input channels.
    "inverted_residual_squeeze_excitation_on_input": (
        {"inverted_residual_params": [("conv_params(expanded_channels, squeeze_channels, 1) + conv_params(squeeze_channels,\n                                                                                   expanded_channels, 1)", "conv_params(in_channels, squeeze_channels, 1) + conv_params(squeeze_channels,\n                                                                                   in_channels, 1)")]},
        {"test_inverted_residual_params"},
        "squeeze-and-excitation counted on in_channels",
    ),
    # Batch norms counted in the squeeze-and-excitation.
    "inverted_residual_squeeze_excitation_with_batch_norms": (
        {"inverted_residual_params": [("expanded_channels, 1)\n    total += conv_params(expanded_channels, out_channels", "expanded_channels, 1) + 2 * squeeze_channels + 2 * expanded_channels\n    total += conv_params(expanded_channels, out_channels")]},
        {"test_inverted_residual_params"},
        "squeeze-and-excitation counted with batch norms",
    ),
    # Only the first of squeeze-and-excitation's two convolutions.
    "inverted_residual_squeeze_excitation_one_conv": (
        {"inverted_residual_params": [(" + conv_params(squeeze_channels,\n                                                                                   expanded_channels, 1)", "")]},
        {"test_inverted_residual_params"},
        "second 1x1 convolution left out",
    ),
    # The expansion never counted.
    "inverted_residual_never_expands": (
        {"inverted_residual_params": [("    if expanded_channels != in_channels:\n        total +=", "    if False:\n        total +=")]},
        {"test_inverted_residual_params"},
        "the expansion left out",
    ),
    # The expansion's batch norm on the input channels.
    "inverted_residual_expansion_norm_on_input": (
        {"inverted_residual_params": [("bias=False) + 2 * expanded_channels\n    total += conv_params(expanded_channels, expanded_channels", "bias=False) + 2 * in_channels\n    total += conv_params(expanded_channels, expanded_channels")]},
        {"test_inverted_residual_params"},
        "the expansion's batch norm counted on in_channels",
    ),
    # The projection's batch norm on the expanded channels.
    "inverted_residual_projection_norm_on_expanded": (
        {"inverted_residual_params": [("bias=False) + 2 * out_channels", "bias=False) + 2 * expanded_channels")]},
        {"test_inverted_residual_params"},
        "the projection's batch norm counted on the expanded channels",
    ),
    # The depthwise convolution's batch norm left out.
    "inverted_residual_forgets_depthwise_norm": (
        {"inverted_residual_params": [("bias=False) + 2 * expanded_channels\n    if squeeze", "bias=False)\n    if squeeze")]},
        {"test_inverted_residual_params"},
        "one batch norm on the expanded channels left out",
    ),
    # The kernel counted as k + k.
    "conv_params_kernel_doubled": (
        {"conv_params": [("* kernel_size * kernel_size", "* (kernel_size + kernel_size)")]},
        {"test_conv_params", "test_inverted_residual_params", "test_dense_block_params", "test_convnext_block_params"},
        {"test_conv_params": "counted as k + k", "test_inverted_residual_params": "builds on your conv_params",
         "test_dense_block_params": "builds on your conv_params", "test_convnext_block_params": "builds on your conv_params"},
    ),
    # A 3x3 depthwise kernel in ConvNeXt's block.
    "convnext_kernel_three": (
        {"convnext_block_params": [("conv_params(dim, dim, 7, groups=dim)", "conv_params(dim, dim, 3, groups=dim)")]},
        {"test_convnext_block_params"},
        "a 3x3 depthwise kernel",
    ),
    # LayerNorm counted with four parameters per channel.
    "convnext_layer_norm_four_per_channel": (
        {"convnext_block_params": [("layer_norm = 2 * dim", "layer_norm = 4 * dim")]},
        {"test_convnext_block_params"},
        "two parameters per channel too many",
    ),
    # The model put in training mode first: right only for a model that came in training mode.
    "gradient_norms_forces_training_mode": (
        {"weight_gradient_norms": [("    model.zero_grad()\n", "    model.train()\n    model.zero_grad()\n")]},
        {"test_weight_gradient_norms"},
        "the model switched to training mode",
    ),
    # The unbiased correction's m taken as the batch size N instead of the N * H * W values per channel.
    "bn_unbiased_correction_with_batch_size": (
        {"batch_norm": [("m = x.numel() // x.shape[1]", "m = x.shape[0]")]},
        {"test_batch_norm"},
        'the unbiased correction with m = N',
    ),
    # The unbiased correction's m taken as one example's positions, H * W.
    "bn_unbiased_correction_with_positions": (
        {"batch_norm": [("m = x.numel() // x.shape[1]", "m = x.shape[2] * x.shape[3]")]},
        {"test_batch_norm"},
        'the unbiased correction with m = H * W',
    ),
    # One bias per input channel.
    "conv_params_bias_per_input_channel": (
        {"conv_params": [("return weights + (out_channels if bias else 0)", "return weights + (in_channels if bias else 0)")]},
        {"test_conv_params"},
        'one bias per input channel',
    ),
    # The norms keyed by the weights' parameter names ('0.weight') instead of the layers' names.
    "gradients_keyed_by_parameter_name": (
        {"weight_gradient_norms": [("    return {name: module.weight.grad.norm().item() for name, module in model.named_modules()\n"
                                    "            if isinstance(module, (nn.Conv2d, nn.Linear))}",
                                    "    return {name: p.grad.norm().item() for name, p in model.named_parameters()\n"
                                    "            if p.dim() > 1}")]},
        {"test_weight_gradient_norms"},
        'keyed by parameter name',
    ),
    # Every parameter's gradient norm, keyed by its parameter name.
    "gradients_every_parameter": (
        {"weight_gradient_norms": [("    return {name: module.weight.grad.norm().item() for name, module in model.named_modules()\n"
                                    "            if isinstance(module, (nn.Conv2d, nn.Linear))}",
                                    "    return {name: p.grad.norm().item() for name, p in model.named_parameters()}")]},
        {"test_weight_gradient_norms"},
        'keyed by parameter name',
    ),
    # BasicBlock without the ReLU after the addition.
    "block_without_last_relu": (
        {"basic_block": [("return F.relu(out + identity)", "return out + identity")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "the last ReLU left out", "test_resnet18": "builds on your BasicBlock"},
    ),
    # BasicBlock without the ReLU between the two convolutions.
    "block_without_first_relu": (
        {"basic_block": [("out = F.relu(self.bn1(self.conv1(x)))", "out = self.bn1(self.conv1(x))")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "the ReLU after bn1 left out", "test_resnet18": "builds on your BasicBlock"},
    ),
    # Bottleneck without the ReLU after the addition.
    "bottleneck_without_last_relu": (
        {"bottleneck": [("return F.relu(self.bn3(self.conv3(out)) + identity)",
                         "return self.bn3(self.conv3(out)) + identity")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "the last ReLU left out", "test_resnet50": "builds on your Bottleneck"},
    ),
    # Bottleneck with the shortcut added before bn3.
    "bottleneck_adds_before_last_bn": (
        {"bottleneck": [("return F.relu(self.bn3(self.conv3(out)) + identity)",
                         "return F.relu(self.bn3(self.conv3(out) + identity))")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "the shortcut added before the last batch norm", "test_resnet50": "builds on your Bottleneck"},
    ),
    # Bottleneck without the ReLU after bn2.
    "bottleneck_without_second_relu": (
        {"bottleneck": [("out = F.relu(self.bn2(self.conv2(out)))", "out = self.bn2(self.conv2(out))")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "the ReLU after bn2 left out", "test_resnet50": "builds on your Bottleneck"},
    ),
    # A bottleneck stage's later blocks from in_channels instead of 4 * width.
    "resnet50_later_blocks_from_in_channels": (
        {"bottleneck": [("[Bottleneck(width * Bottleneck.expansion, width, 1) for _",
                         "[Bottleneck(in_channels, width, 1) for _")]},
        {"test_resnet50"},
        "the later blocks built from in_channels",
    ),
    # The paper's fixed 7x7 average pooling: only 224x224 images fit.
    "resnet_fixed_average_pooling": (
        {"resnet18": [("self.avgpool = nn.AdaptiveAvgPool2d(1)", "self.avgpool = nn.AvgPool2d(7)")]},
        {"test_resnet18"},   # ResNet50 has an avgpool of its own
        ("nn.AvgPool2d(7)", "nn.AdaptiveAvgPool2d(1)"),
    ),
    # The same pooling written in forward.
    "resnet_fixed_average_pooling_in_forward": (
        {"resnet18": [("return self.fc(torch.flatten(self.avgpool(x), 1))",
                       "return self.fc(torch.flatten(F.avg_pool2d(x, 7), 1))")]},
        {"test_resnet18", "test_resnet50"},
        {"test_resnet18": ("a fixed pooling window", "nn.AdaptiveAvgPool2d(1)"), "test_resnet50": "ResNet18.forward"},
    ),
    # ResNet50's own fixed pooling.
    "resnet50_fixed_average_pooling": (
        {"bottleneck": [("self.avgpool = nn.AdaptiveAvgPool2d(1)                         # (N, 2048, 1, 1)",
                         "self.avgpool = nn.AvgPool2d(7)")]},
        {"test_resnet50"},
        ("nn.AvgPool2d(7)", "nn.AdaptiveAvgPool2d(1)"),
    ),
    # Batch statistics over the batch and the rows, then averaged over the columns (and the other way round).
    "bn_statistics_over_rows_then_averaged": (
        {"batch_norm": [("var = x.var(dim=(0, 2, 3), correction=0)", "var = x.var(dim=(0, 2), correction=0).mean(dim=1)")]},
        {"test_batch_norm"},
        ("statistics over the wrong dimensions", "over dimensions (0, 2)"),
    ),
    "bn_statistics_over_columns_then_averaged": (
        {"batch_norm": [("mean = x.mean(dim=(0, 2, 3))  ", "mean = x.mean(dim=(0, 3)).mean(dim=1)"),
                        ("var = x.var(dim=(0, 2, 3), correction=0)", "var = x.var(dim=(0, 3), correction=0).mean(dim=1)")]},
        {"test_batch_norm"},
        ("statistics over the wrong dimensions", "over dimensions (0, 3)"),
    ),
    # The evaluation branch returns the normalised input, without the scale and shift.
    "bn_evaluation_without_scale_and_shift": (
        {"batch_norm": [("        else:\n            mean, var = self.running_mean, self.running_var\n",
                         "        else:\n            return (x - self.running_mean.view(1, -1, 1, 1)) / torch.sqrt(\n"
                         "                self.running_var.view(1, -1, 1, 1) + self.eps)\n")]},
        {"test_batch_norm"},
        "the scale and shift left out in evaluation mode",
    ),
    # A statistic viewed as (1, C, 1): it lines up with the rows, and PyTorch cannot broadcast it.
    "bn_statistic_viewed_with_three_dimensions": (
        {"batch_norm": [("x_hat = (x - mean.view(1, -1, 1, 1))", "x_hat = (x - mean.view(1, -1, 1))")]},
        {"test_batch_norm"},
        ("does not line up with dimension 1", "(1, C, 1, 1)"),
    ),
    # The scale viewed as (1, C): it lines up with the columns.
    "bn_scale_viewed_with_two_dimensions": (
        {"batch_norm": [("return self.weight.view(1, -1, 1, 1) * x_hat", "return self.weight.view(1, -1) * x_hat")]},
        {"test_batch_norm"},
        ("does not line up with dimension 1", "(1, C, 1, 1)"),
    ),
    # The notebook's own BatchNorm in the block: its state dict has no num_batches_tracked.
    "block_with_own_batch_norm": (
        {"basic_block": [("        self.bn1 = nn.BatchNorm2d(out_channels)", "        self.bn1 = BatchNorm(out_channels)"),
                         ("        self.bn2 = nn.BatchNorm2d(out_channels)", "        self.bn2 = BatchNorm(out_channels)")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": ("bn1 is a BatchNorm, not an nn.BatchNorm2d", "wrong class"),
         "test_resnet18": ("builds on your BasicBlock", "wrong class")},
    ),
    # The projection's batch norm the notebook's own.
    "block_projection_with_own_batch_norm": (
        {"basic_block": [("bias=False),\n                                            nn.BatchNorm2d(out_channels))",
                          "bias=False),\n                                            BatchNorm(out_channels))")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": ("downsample.1 is a BatchNorm", "wrong class"), "test_resnet18": "builds on your BasicBlock"},
    ),
    # The projection's convolution without the block's stride: the shortcut keeps the input's size.
    "block_projection_without_stride": (
        {"basic_block": [("nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)",
                          "nn.Conv2d(in_channels, out_channels, 1, bias=False)")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": ("projection (downsample) convolves with stride 1", "the block's stride"), "test_resnet18": "builds on your BasicBlock"},
    ),
    # The projection without its batch norm.
    "block_projection_without_batch_norm": (
        {"basic_block": [("bias=False),\n                                            nn.BatchNorm2d(out_channels))",
                          "bias=False))")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "projection (downsample) has no batch norm", "test_resnet18": "builds on your BasicBlock"},
    ),
    # The bottleneck with the notebook's own BatchNorm, and its projection without the stride.
    "bottleneck_with_own_batch_norm": (
        {"bottleneck": [("        self.bn2 = nn.BatchNorm2d(width)", "        self.bn2 = BatchNorm(width)")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": ("bn2 is a BatchNorm, not an nn.BatchNorm2d", "wrong class"),
         "test_resnet50": ("builds on your Bottleneck", "wrong class")},
    ),
    "bottleneck_projection_without_stride": (
        {"bottleneck": [("nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)",
                         "nn.Conv2d(in_channels, out_channels, 1, bias=False)")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "projection (downsample) convolves with stride 1",
         "test_resnet50": ("builds on your Bottleneck", "projection (downsample) convolves with stride 1")},
    ),
    # The weight's and the bias's gradients in one norm, or their norms added.
    "gradients_weight_and_bias_in_one_norm": (
        {"weight_gradient_norms": [("module.weight.grad.norm().item()",
                                    "torch.cat([module.weight.grad.flatten(), module.bias.grad.flatten()]).norm().item()")]},
        {"test_weight_gradient_norms"},
        "the bias's gradient taken into the norm",
    ),
    "gradients_bias_norm_added": (
        {"weight_gradient_norms": [("module.weight.grad.norm().item()",
                                    "(module.weight.grad.norm() + module.bias.grad.norm()).item()")]},
        {"test_weight_gradient_norms"},
        "the bias's gradient norm added",
    ),
    # range(num_blocks) for the later blocks: one block too many.
    "stage_one_block_too_many": (
        {"resnet18": [("for _ in range(num_blocks - 1)]", "for _ in range(num_blocks)]")]},
        {"test_resnet18"},
        ("one block too many", "range(num_blocks - 1)"),
    ),
    "bottleneck_stage_one_block_too_many": (
        {"bottleneck": [("for _ in range(num_blocks - 1)]", "for _ in range(num_blocks)]")]},
        {"test_resnet50"},
        ("one block too many", "range(num_blocks - 1)"),
    ),
    # ResNet-50's layer2 built from layer1's width (64), not from its 256 output channels.
    "resnet50_layer2_from_width": (
        {"bottleneck": [("make_bottleneck_stage(256, 128, 4, stride=2)", "make_bottleneck_stage(64, 128, 4, stride=2)")]},
        {"test_resnet50"},
        ("layer2 takes 64 channels, but layer1 puts out 256", "4 * width"),
    ),
    # Every stage from the width of the one before.
    "resnet50_stages_from_widths": (
        {"bottleneck": [("make_bottleneck_stage(256, 128, 4, stride=2)", "make_bottleneck_stage(64, 128, 4, stride=2)"),
                        ("make_bottleneck_stage(512, 256, 6, stride=2)", "make_bottleneck_stage(128, 256, 6, stride=2)"),
                        ("make_bottleneck_stage(1024, 512, 3, stride=2)", "make_bottleneck_stage(256, 512, 3, stride=2)")]},
        {"test_resnet50"},
        ("layer3 takes 128 channels, but layer2 puts out 512", "layer4 takes 256 channels"),
    ),
    # (parameters, out_channels): the two swapped.
    "dense_returns_the_two_swapped": (
        {"dense_block_params": [("    return channels, total", "    return total, channels")]},
        {"test_dense_block_params"},
        ("the two swapped", "(parameters, out_channels)"),
    ),
    # The parameters alone.
    "dense_returns_the_parameters_alone": (
        {"dense_block_params": [("    return channels, total", "    return total")]},
        {"test_dense_block_params"},
        ("It returned int", "return the two counts"),
    ),
    # Accepted: the two counts in a list, graded as the tuple.
    "accepted_dense_as_a_list": (
        {"dense_block_params": [("    return channels, total", "    return [channels, total]")]},
        set(),
    ),
    # BatchNorm normalising its input in place: the caller's tensor is overwritten.
    "bn_normalises_its_input_in_place": (
        {"batch_norm": [("x_hat = (x - mean.view(1, -1, 1, 1)) / torch.sqrt(var.view(1, -1, 1, 1) + self.eps)",
                         "x_hat = x.sub_(mean.view(1, -1, 1, 1)).div_(torch.sqrt(var.view(1, -1, 1, 1) + self.eps))")]},
        {"test_batch_norm"},
        "changed its input in place",
    ),
    # The running statistics never updated.
    "bn_running_statistics_never_updated": (
        {"batch_norm": [("self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)", "pass"),
                        ("self.running_var.mul_(1 - self.momentum).add_(self.momentum * var * m / (m - 1))", "pass")]},
        {"test_batch_norm"},
        "still its initial 0",
    ),
    # PyTorch's default momentum written in, where the layer has its own.
    "bn_momentum_written_in": (
        {"batch_norm": [("self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)",
                         "self.running_mean.mul_(0.9).add_(0.1 * mean)"),
                        ("self.running_var.mul_(1 - self.momentum).add_(self.momentum * var * m / (m - 1))",
                         "self.running_var.mul_(0.9).add_(0.1 * var * m / (m - 1))")]},
        {"test_batch_norm"},
        ("a momentum of 0.1 written in", "self.momentum"),
    ),
    # The running statistics (just updated) used in training too.
    "bn_running_statistics_in_training": (
        {"batch_norm": [("        else:\n            mean, var = self.running_mean, self.running_var\n",
                         "        mean, var = self.running_mean, self.running_var\n")]},
        {"test_batch_norm"},
        "the running statistics used in training",
    ),
    # The running statistics (before the update) used in training.
    "bn_running_statistics_before_update_in_training": (
        {"batch_norm": [("        else:\n            mean, var = self.running_mean, self.running_var\n"
                         "        x_hat", "        mean, var = self.running_mean.clone(), self.running_var.clone()\n"
                         "        if self.training:\n            with torch.no_grad():\n"
                         "                m = x.numel() // x.shape[1]\n"
                         "                self.running_mean.mul_(1 - self.momentum).add_(self.momentum * x.mean(dim=(0, 2, 3)))\n"
                         "                self.running_var.mul_(1 - self.momentum).add_(self.momentum * x.var(dim=(0, 2, 3)))\n"
                         "        x_hat")]},
        {"test_batch_norm"},
        "the running statistics used in training",
    ),
    # The projection built, under another name than torchvision's.
    "block_projection_named_shortcut": (
        {"basic_block": [("        self.downsample = None\n        if stride", "        self.shortcut = None\n        if stride"),
                         ("self.downsample = nn.Sequential(", "self.shortcut = nn.Sequential("),
                         ("identity = x if self.downsample is None else self.downsample(x)",
                          "identity = x if self.shortcut is None else self.shortcut(x)")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": ("`shortcut`", "name it `downsample`"),
         "test_resnet18": ("builds on your BasicBlock", "name it `downsample`")},
    ),
    # conv1 without padding: the main path comes out smaller than the shortcut.
    "block_conv1_without_padding": (
        {"basic_block": [("nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)",
                          "nn.Conv2d(in_channels, out_channels, 3, stride=stride, bias=False)")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": ("conv1 has padding 0", "padding=1"),
         "test_resnet18": ("builds on your BasicBlock", "conv1 has padding 0")},
    ),
    # conv2 built from the block's in_channels.
    "block_conv2_from_in_channels": (
        {"basic_block": [("nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)",
                          "nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False)")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "conv2 takes what the convolution before it puts out",
         "test_resnet18": ("builds on your BasicBlock", "conv2 takes what the convolution before it puts out")},
    ),
    # A 3x3 projection.
    "block_projection_3x3": (
        {"basic_block": [("nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)",
                          "nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": ("downsample.0 is a 3x3 convolution", "1x1 convolution"),
         "test_resnet18": ("builds on your BasicBlock", "downsample.0 is a 3x3 convolution")},
    ),
    # The shortcut added into the input in place: the caller's tensor changes where there is no projection.
    "block_adds_into_its_input": (
        {"basic_block": [("        return F.relu(out + identity)",
                          "        identity += out\n        return F.relu(identity)")]},
        {"test_basic_block"},
        ("changed its input in place", "out = out + identity"),
    ),
    # Accepted: padding="same" on the stride-1 convolution.
    "accepted_conv2_padding_same": (
        {"basic_block": [("nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)",
                          "nn.Conv2d(out_channels, out_channels, 3, padding=\"same\", bias=False)")]},
        set(),
    ),
    # fc built for ImageNet's 1000 classes whatever num_classes is.
    "resnet_fc_for_1000_classes": (
        {"resnet18": [("self.fc = nn.Linear(512, num_classes)", "self.fc = nn.Linear(512, 1000)")]},
        {"test_resnet18"},
        ("puts out 1000 classes", "num_classes"),
    ),
    # Stages as Python lists: their blocks are not registered.
    "stage_as_python_list": (
        {"resnet18": [("    return nn.Sequential(*blocks)", "    return blocks"),
                      ("        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))",
                       "        for stage in (self.layer1, self.layer2, self.layer3, self.layer4):\n"
                       "            for block in stage:\n                x = block(x)")]},
        {"test_resnet18"},
        ("not registered", "nn.Sequential(*blocks)"),
    ),
    # Three blocks in the last stage.
    "resnet_three_blocks_in_layer4": (
        {"resnet18": [("self.layer4 = make_stage(256, 512, 2, stride=2)", "self.layer4 = make_stage(256, 512, 3, stride=2)")]},
        {"test_resnet18"},
        ("[2, 2, 2, 3]", "the wrong number of blocks per stage"),
    ),
    # The loss computed under torch.no_grad(): backward() has no graph.
    "gradients_loss_under_no_grad": (
        {"weight_gradient_norms": [("    F.cross_entropy(model(x), y).backward()",
                                    "    with torch.no_grad():\n        loss = F.cross_entropy(model(x), y)\n"
                                    "    loss.backward()")]},
        {"test_weight_gradient_norms"},
        "torch.no_grad()",
    ),
    # The gradients cleared after backward(): each .grad is None.
    "gradients_zeroed_after_backward": (
        {"weight_gradient_norms": [("    model.zero_grad()\n    F.cross_entropy(model(x), y).backward()",
                                    "    F.cross_entropy(model(x), y).backward()\n    model.zero_grad()")]},
        {"test_weight_gradient_norms"},
        "cleared after backward()",
    ),
    # The gradients zeroed (not set to None) after backward(): every norm 0.
    "gradients_set_to_zero_after_backward": (
        {"weight_gradient_norms": [("    model.zero_grad()\n    F.cross_entropy(model(x), y).backward()",
                                    "    F.cross_entropy(model(x), y).backward()\n    model.zero_grad(set_to_none=False)")]},
        {"test_weight_gradient_norms"},
        "zeroed after backward()",
    ),
    # The L1 norm.
    "gradients_l1_norm": (
        {"weight_gradient_norms": [("module.weight.grad.norm().item()", "module.weight.grad.abs().sum().item()")]},
        {"test_weight_gradient_norms"},
        "the L1 norm",
    ),
    # nll_loss on the logits.
    "gradients_nll_loss_on_logits": (
        {"weight_gradient_norms": [("F.cross_entropy(model(x), y).backward()", "F.nll_loss(model(x), y).backward()")]},
        {"test_weight_gradient_norms"},
        "F.nll_loss on the logits",
    ),
    # Not written yet: the message says whose __init__.
    "bottleneck_not_written": (
        {"bottleneck": [("        out_channels = width * self.expansion\n",
                         "        raise NotImplementedError()\n        out_channels = width * self.expansion\n")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "Bottleneck.__init__ is not written yet",
         "test_resnet50": "Bottleneck.__init__ is not written yet"},
    ),
    # conv3 to width, not 4 * width.
    "bottleneck_conv3_to_width": (
        {"bottleneck": [("self.conv3 = nn.Conv2d(width, out_channels, 1, bias=False)",
                         "self.conv3 = nn.Conv2d(width, width, 1, bias=False)")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "conv3 expands to 4 * width",
         "test_resnet50": ("builds on your Bottleneck", "conv3 expands to 4 * width")},
    ),
    # conv2 (3x3) without padding.
    "bottleneck_conv2_without_padding": (
        {"bottleneck": [("nn.Conv2d(width, width, 3, stride=stride, padding=1, bias=False)",
                         "nn.Conv2d(width, width, 3, stride=stride, bias=False)")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "conv2 has padding 0",
         "test_resnet50": ("builds on your Bottleneck", "conv2 has padding 0")},
    ),
    # The kernel counted as (k + 1) x (k + 1).
    "conv_params_kernel_plus_one": (
        {"conv_params": [("* kernel_size * kernel_size", "* (kernel_size + 1) ** 2")]},
        {"test_conv_params", "test_inverted_residual_params", "test_dense_block_params", "test_convnext_block_params"},
        {"test_conv_params": "(k + 1) x (k + 1)", "test_inverted_residual_params": "builds on your conv_params",
         "test_dense_block_params": "builds on your conv_params", "test_convnext_block_params": "builds on your conv_params"},
    ),
    # One bias in all.
    "conv_params_one_bias": (
        {"conv_params": [("(out_channels if bias else 0)", "int(bias)")]},
        {"test_conv_params", "test_inverted_residual_params", "test_convnext_block_params"},   # their biases
        {"test_conv_params": "one bias in all", "test_inverted_residual_params": "builds on your conv_params",
         "test_convnext_block_params": "builds on your conv_params"},
    ),
    # The squeeze-and-excitation's condition inverted: conv_params gets None.
    "inverted_residual_squeeze_condition_inverted": (
        {"inverted_residual_params": [("if squeeze_channels is not None:", "if squeeze_channels is None:")]},
        {"test_inverted_residual_params"},
        ("inverted_residual_params called conv_params(", "is None there"),
    ),
    # The second linear layer's bias counted as 4 * dim.
    "convnext_second_bias_too_wide": (
        {"convnext_block_params": [("(4 * dim * dim + dim)", "(4 * dim * dim + 4 * dim)")]},
        {"test_convnext_block_params"},
        "the second linear layer's bias counted as 4 * dim",
    ),
    # The layer scale counted as a matrix.
    "convnext_layer_scale_as_matrix": (
        {"convnext_block_params": [("layer_scale = dim\n", "layer_scale = dim * dim\n")]},
        {"test_convnext_block_params"},
        "the layer scale counted as a dim x dim matrix",
    ),
    # The whole forward pass without gradients: the output has no graph, so weight and bias never learn.
    "bn_forward_under_no_grad": (
        {
            'batch_norm': [
                ('    def forward(self, x):',
                 '    @torch.no_grad()\n    def forward(self, x):'),
            ],
        },
        {'test_batch_norm'},
        'keeps its graph',
    ),
    # The batch's statistics computed without gradients: the gradient that reaches x is wrong.
    "bn_statistics_without_gradients": (
        {
            'batch_norm': [
                ('            mean = x.mean(dim=(0, 2, 3))                        # (C,)\n            var = x.var(dim=(0, 2, 3), correction=0)            # (C,), biased: divided by m\n',
                 '            mean = x.mean(dim=(0, 2, 3)).detach()\n            var = x.var(dim=(0, 2, 3), correction=0).detach()\n'),
            ],
        },
        {'test_batch_norm'},
        "the batch's mean and variance computed under torch.no_grad()",
    ),
    # eps only in training mode.
    "bn_eps_left_out_in_evaluation": (
        {
            'batch_norm': [
                ('torch.sqrt(var.view(1, -1, 1, 1) + self.eps)',
                 'torch.sqrt(var.view(1, -1, 1, 1) + (self.eps if self.training else 0.0))'),
            ],
        },
        {'test_batch_norm'},
        'eps left out in evaluation mode',
    ),
    # PyTorch's default eps written in, not the layer's own.
    "bn_eps_written_in": (
        {
            'batch_norm': [
                ('torch.sqrt(var.view(1, -1, 1, 1) + self.eps)',
                 'torch.sqrt(var.view(1, -1, 1, 1) + 1e-5)'),
            ],
        },
        {'test_batch_norm'},
        'a fixed eps of 1e-5',
    ),
    # weight added and bias multiplied.
    "bn_weight_and_bias_swapped": (
        {
            'batch_norm': [
                ('return self.weight.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1)',
                 'return self.bias.view(1, -1, 1, 1) * x_hat + self.weight.view(1, -1, 1, 1)'),
            ],
        },
        {'test_batch_norm'},
        'weight and bias swapped',
    ),
    # The shift kept, the scale left out.
    "bn_scale_left_out": (
        {
            'batch_norm': [
                ('return self.weight.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1)',
                 'return x_hat + self.bias.view(1, -1, 1, 1)'),
            ],
        },
        {'test_batch_norm'},
        'the scale left out',
    ),
    # The scale kept, the shift left out.
    "bn_shift_left_out": (
        {
            'batch_norm': [
                ('return self.weight.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1)',
                 'return self.weight.view(1, -1, 1, 1) * x_hat'),
            ],
        },
        {'test_batch_norm'},
        'the shift left out',
    ),
    # weight of shape (C,) multiplied as it is: it lines up with W.
    "bn_weight_not_reshaped": (
        {
            'batch_norm': [
                ('return self.weight.view(1, -1, 1, 1) * x_hat',
                 'return self.weight * x_hat'),
            ],
        },
        {'test_batch_norm'},
        ('left as it is', 'self.weight.view(1, -1, 1, 1)'),
    ),
    # The running statistics updated in either mode, then used in evaluation.
    "bn_updates_running_always": (
        {
            'batch_norm': [
                ('        if self.training:\n            mean = x.mean(dim=(0, 2, 3))                        # (C,)\n            var = x.var(dim=(0, 2, 3), correction=0)            # (C,), biased: divided by m\n            m = x.numel() // x.shape[1]                         # N * H * W values per channel\n            with torch.no_grad():\n                self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)\n                self.running_var.mul_(1 - self.momentum).add_(self.momentum * var * m / (m - 1))\n        else:\n            mean, var = self.running_mean, self.running_var\n        x_hat = (x - mean.view(1, -1, 1, 1)) / torch.sqrt(var.view(1, -1, 1, 1) + self.eps)\n        return self.weight.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1)',
                 '        mean = x.mean(dim=(0, 2, 3))\n        var = x.var(dim=(0, 2, 3), correction=0)\n        m = x.numel() // x.shape[1]\n        with torch.no_grad():\n            self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)\n            self.running_var.mul_(1 - self.momentum).add_(self.momentum * var * m / (m - 1))\n        if not self.training:\n            mean, var = self.running_mean, self.running_var\n        x_hat = (x - mean.view(1, -1, 1, 1)) / torch.sqrt(var.view(1, -1, 1, 1) + self.eps)\n        return self.weight.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1)'),
            ],
        },
        {'test_batch_norm'},
        'updated in evaluation mode too',
    ),
    # The unbiased correction with m = N * H: the width left out.
    "bn_unbiased_correction_without_width": (
        {
            'batch_norm': [
                ('m = x.numel() // x.shape[1]',
                 'm = x.shape[0] * x.shape[2]'),
            ],
        },
        {'test_batch_norm'},
        'm = N * H',
    ),
    # stride=2 written in for conv1: a block of stride 1 halves the image.
    "block_conv1_stride_written_in": (
        {
            'basic_block': [
                ('self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)',
                 'self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=2, padding=1, bias=False)'),
            ],
        },
        {'test_resnet18', 'test_basic_block'},
        'a fixed number written in',
    ),
    # The projection's layers in a Python list: not registered, not loaded.
    "block_projection_in_a_list": (
        {
            'basic_block': [
                ('            self.downsample = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),\n                                            nn.BatchNorm2d(out_channels))',
                 '            self.downsample = [nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),\n                               nn.BatchNorm2d(out_channels)]'),
                ('self.downsample(x)',
                 'self.downsample[1](self.downsample[0](x))'),
            ],
        },
        {'test_resnet18', 'test_basic_block'},
        'downsample is a Python list of 2 layers',
    ),
    # The shortcut is always x: the projection is built but never called.
    "block_shortcut_never_projected": (
        {
            'basic_block': [
                ('identity = x if self.downsample is None else self.downsample(x)',
                 'identity = x'),
            ],
        },
        {'test_resnet18', 'test_basic_block'},
        'never calls it',
    ),
    # stride=2 written in for the bottleneck's conv2.
    "bottleneck_conv2_stride_written_in": (
        {
            'bottleneck': [
                ('self.conv2 = nn.Conv2d(width, width, 3, stride=stride, padding=1, bias=False)',
                 'self.conv2 = nn.Conv2d(width, width, 3, stride=2, padding=1, bias=False)'),
            ],
        },
        {'test_resnet50', 'test_bottleneck'},
        'a fixed number written in',
    ),
    # The bottleneck's shortcut is always x.
    "bottleneck_shortcut_never_projected": (
        {
            'bottleneck': [
                ('identity = x if self.downsample is None else self.downsample(x)',
                 'identity = x'),
            ],
        },
        {'test_resnet50', 'test_bottleneck'},
        'never calls it',
    ),
    # The bottleneck's projection in a Python list.
    "bottleneck_projection_in_a_list": (
        {
            'bottleneck': [
                ('            self.downsample = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),\n                                            nn.BatchNorm2d(out_channels))',
                 '            self.downsample = [nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),\n                               nn.BatchNorm2d(out_channels)]'),
                ('self.downsample(x)',
                 'self.downsample[1](self.downsample[0](x))'),
            ],
        },
        {'test_resnet50', 'test_bottleneck'},
        'downsample is a Python list of 2 layers',
    ),
    # The stem pools before its batch norm and ReLU (the same only where every scale of bn1 is positive).
    "resnet_pools_before_batch_norm": (
        {
            'resnet18': [
                ('x = self.maxpool(self.relu(self.bn1(self.conv1(x))))',
                 'x = self.relu(self.bn1(self.maxpool(self.conv1(x))))'),
            ],
        },
        {'test_resnet18', 'test_resnet50'},
        {'test_resnet18': "the max pooling before the stem's batch norm", 'test_resnet50': 'builds on your ResNet18.forward'},
    ),
    # The stem's ReLU before its batch norm.
    "resnet_relu_before_batch_norm": (
        {
            'resnet18': [
                ('x = self.maxpool(self.relu(self.bn1(self.conv1(x))))',
                 'x = self.maxpool(self.bn1(self.relu(self.conv1(x))))'),
            ],
        },
        {'test_resnet18', 'test_resnet50'},
        {'test_resnet18': "the stem's ReLU before its batch norm", 'test_resnet50': 'builds on your ResNet18.forward'},
    ),
    # Accepted: max pooling before the ReLU (both keep the order of values, so they commute).
    "accepted_resnet_pools_before_relu": (
        {
            'resnet18': [
                ('x = self.maxpool(self.relu(self.bn1(self.conv1(x))))',
                 'x = self.relu(self.maxpool(self.bn1(self.conv1(x))))'),
            ],
        },
        set(),
    ),
    # ResNet50's __init__ without avgpool: it runs ResNet18's forward but not its __init__.
    "resnet50_without_avgpool": (
        {
            'bottleneck': [
                ('        self.avgpool = nn.AdaptiveAvgPool2d(1)                         # (N, 2048, 1, 1)\n',
                 ''),
            ],
        },
        {'test_resnet50'},
        ('has no `avgpool`', "not ResNet18's __init__"),
    ),
    # ResNet18's __init__ without avgpool, which its forward uses.
    "resnet_without_avgpool": (
        {
            'resnet18': [
                ('        self.avgpool = nn.AdaptiveAvgPool2d(1)                 # (N, 512, 1, 1)\n',
                 ''),
            ],
        },
        {'test_resnet18'},
        'its __init__ never creates it',
    ),
    # layer2 built from its own width, 128 channels, where layer1 puts out 64.
    "resnet_layer2_from_its_own_width": (
        {
            'resnet18': [
                ('make_stage(64, 128, 2, stride=2)',
                 'make_stage(128, 128, 2, stride=2)'),
            ],
        },
        {'test_resnet18'},
        'layer2 takes 128 channels, but layer1 puts out 64',
    ),
    # A forward of ResNet50's own, without the max pooling.
    "resnet50_own_forward_without_maxpool": (
        {
            'bottleneck': [
                ('        self.fc = nn.Linear(2048, num_classes)',
                 '        self.fc = nn.Linear(2048, num_classes)\n\n    def forward(self, x):\n        x = self.relu(self.bn1(self.conv1(x)))\n        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))\n        return self.fc(torch.flatten(self.avgpool(x), 1))'),
            ],
        },
        {'test_resnet50'},
        'the max pooling left out of forward',
    ),
    # F.cross_entropy's arguments swapped: the labels first.
    "gradients_cross_entropy_arguments_swapped": (
        {
            'weight_gradient_norms': [
                ('F.cross_entropy(model(x), y).backward()',
                 'F.cross_entropy(y, model(x)).backward()'),
            ],
        },
        {'test_weight_gradient_norms'},
        'its arguments are (logits, targets)',
    ),
    # A softmax before F.cross_entropy, which applies log_softmax itself.
    "gradients_softmax_before_cross_entropy": (
        {
            'weight_gradient_norms': [
                ('F.cross_entropy(model(x), y).backward()',
                 'F.cross_entropy(F.softmax(model(x), dim=1), y).backward()'),
            ],
        },
        {'test_weight_gradient_norms'},
        'a softmax before F.cross_entropy',
    ),
    # Only the convolutions: the linear layer left out.
    "gradients_convolutions_only": (
        {
            'weight_gradient_norms': [
                ('isinstance(module, (nn.Conv2d, nn.Linear))',
                 'isinstance(module, nn.Conv2d)'),
            ],
        },
        {'test_weight_gradient_norms'},
        'only the convolutions',
    ),
    # One parameter per channel in each batch norm.
    "inverted_residual_batch_norm_one_per_channel": (
        {
            'inverted_residual_params': [
                ('bias=False) + 2 * expanded_channels\n    total += conv_params(expanded_channels, expanded_channels',
                 'bias=False) + expanded_channels\n    total += conv_params(expanded_channels, expanded_channels'),
                ('                         bias=False) + 2 * expanded_channels',
                 '                         bias=False) + expanded_channels'),
                ('+ 2 * out_channels',
                 '+ out_channels'),
            ],
        },
        {'test_inverted_residual_params'},
        'one parameter per channel in each batch norm',
    ),
    # The channels never grown: every layer counted from the block's input, which is returned.
    "dense_channels_never_grown": (
        {
            'dense_block_params': [
                ('        channels += growth_rate\n',
                 ''),
            ],
        },
        {'test_dense_block_params'},
        'the channels never grown',
    ),
    # An empty nn.Sequential() as the identity shortcut (it has no weights; torchvision's load).
    "accepted_empty_sequential_shortcut": (
        {
            'basic_block': [
                ('        self.downsample = None\n        if stride',
                 '        self.downsample = nn.Sequential()\n        if stride'),
                ('identity = x if self.downsample is None else self.downsample(x)',
                 'identity = self.downsample(x)'),
            ],
        },
        set(),
    ),
    # The same in the bottleneck.
    "accepted_bottleneck_empty_sequential_shortcut": (
        {
            'bottleneck': [
                ('        self.downsample = None\n        if stride',
                 '        self.downsample = nn.Sequential()\n        if stride'),
                ('identity = x if self.downsample is None else self.downsample(x)',
                 'identity = self.downsample(x)'),
            ],
        },
        set(),
    ),
    # A function that returns its input as the identity shortcut.
    "accepted_function_as_shortcut": (
        {
            'basic_block': [
                ('        self.downsample = None\n        if stride',
                 '        self.downsample = lambda t: t\n        if stride'),
                ('identity = x if self.downsample is None else self.downsample(x)',
                 'identity = self.downsample(x)'),
            ],
        },
        set(),
    ),
    # An empty nn.Sequential() that the forward skips: the input added as it is.
    "accepted_empty_sequential_never_called": (
        {
            'basic_block': [
                ('        self.downsample = None\n        if stride',
                 '        self.downsample = nn.Sequential()\n        if stride'),
                ('identity = x if self.downsample is None else self.downsample(x)',
                 'identity = x if len(self.downsample) == 0 else self.downsample(x)'),
            ],
        },
        set(),
    ),
    # A projection in every bottleneck, also where the shape does not change.
    "bottleneck_always_projects": (
        {
            'bottleneck': [
                ('if stride != 1 or in_channels != out_channels:',
                 'if True:'),
            ],
        },
        {'test_bottleneck', 'test_resnet50'},
        {'test_bottleneck': ('it has one, but its shape does not change', 'downsample = None'), 'test_resnet50': 'builds on your Bottleneck'},
    ),
    # One mean for all channels.
    "bn_mean_over_every_dimension": (
        {
            'batch_norm': [
                ('mean = x.mean(dim=(0, 2, 3))  ',
                 'mean = x.mean().expand(x.shape[1])  '),
            ],
        },
        {'test_batch_norm'},
        'one mean for all channels',
    ),
    # One variance for all channels.
    "bn_variance_over_every_dimension": (
        {
            'batch_norm': [
                ('var = x.var(dim=(0, 2, 3), correction=0)',
                 'var = x.var(correction=0).expand(x.shape[1])'),
            ],
        },
        {'test_batch_norm'},
        'one variance for all channels',
    ),
    # The variance without subtracting the mean: the mean of x ** 2.
    "bn_variance_not_centred": (
        {
            'batch_norm': [
                ('var = x.var(dim=(0, 2, 3), correction=0)',
                 'var = (x ** 2).mean(dim=(0, 2, 3))'),
            ],
        },
        {'test_batch_norm'},
        'the variance without subtracting the batch\'s mean',
    ),
    # The variance taken about the running mean (0 at the first step).
    "bn_variance_about_running_mean": (
        {
            'batch_norm': [
                ('var = x.var(dim=(0, 2, 3), correction=0)',
                 'var = ((x - self.running_mean.view(1, -1, 1, 1)) ** 2).mean(dim=(0, 2, 3))'),
            ],
        },
        {'test_batch_norm'},
        'about another mean, such as the running one',
    ),
    # eps squared under the root: told apart only by its numbers, the divisor of each channel.
    "bn_eps_squared": (
        {
            'batch_norm': [
                ('torch.sqrt(var.view(1, -1, 1, 1) + self.eps)',
                 'torch.sqrt(var.view(1, -1, 1, 1) + self.eps ** 2)'),
            ],
        },
        {'test_batch_norm'},
        ('each channel is divided by', 'sqrt(var + eps), eps = 0.5 is'),
    ),
    # x.reshape(C, -1) without moving the channels first.
    "bn_channels_mixed_by_reshape": (
        {
            'batch_norm': [
                ('            mean = x.mean(dim=(0, 2, 3))                        # (C,)\n            var = x.var(dim=(0, 2, 3), correction=0)',
                 '            flat = x.reshape(x.shape[1], -1)\n            mean = flat.mean(dim=1)\n            var = flat.var(dim=1, correction=0)'),
            ],
        },
        {'test_batch_norm'},
        ('x.reshape(c, -1)', 'transpose(0, 1)'),
    ),
    # The unbiased correction inverted, (m - 1) / m.
    "bn_correction_inverted": (
        {
            'batch_norm': [
                ('self.momentum * var * m / (m - 1))',
                 'self.momentum * var * (m - 1) / m)'),
            ],
        },
        {'test_batch_norm'},
        'the unbiased correction inverted',
    ),
    # m = N * C.
    "bn_unbiased_correction_with_batch_and_channels": (
        {
            'batch_norm': [
                ('m = x.numel() // x.shape[1] ',
                 'm = x.shape[0] * x.shape[1] '),
            ],
        },
        {'test_batch_norm'},
        'm = n * c',
    ),
    # m one too small.
    "bn_unbiased_correction_one_too_small": (
        {
            'batch_norm': [
                ('m = x.numel() // x.shape[1] ',
                 'm = x.numel() // x.shape[1] - 1 '),
            ],
        },
        {'test_batch_norm'},
        'm one too small',
    ),
    # m = N * H * H.
    "bn_unbiased_correction_height_twice": (
        {
            'batch_norm': [
                ('m = x.numel() // x.shape[1] ',
                 'm = x.shape[0] * x.shape[2] * x.shape[2] '),
            ],
        },
        {'test_batch_norm'},
        'a side counted twice',
    ),
    # The running statistics replaced by the batch's, without the momentum.
    "bn_running_statistics_replaced": (
        {
            'batch_norm': [
                ('self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)',
                 'self.running_mean.copy_(mean)'),
                ('self.running_var.mul_(1 - self.momentum).add_(self.momentum * var * m / (m - 1))',
                 'self.running_var.copy_(var * m / (m - 1))'),
            ],
        },
        {'test_batch_norm'},
        'without blending it with the old value',
    ),
    # The running mean updated with the mean of all channels.
    "bn_running_mean_over_every_dimension": (
        {
            'batch_norm': [
                ('add_(self.momentum * mean)',
                 'add_(self.momentum * x.mean())'),
            ],
        },
        {'test_batch_norm'},
        'one value for all channels',
    ),
    # eps outside the square root, in evaluation mode only.
    "bn_eps_outside_sqrt_in_evaluation": (
        {
            'batch_norm': [
                ('            mean, var = self.running_mean, self.running_var\n',
                 '            mean, var = self.running_mean, self.running_var\n            return self.weight.view(1, -1, 1, 1) * (x - mean.view(1, -1, 1, 1)) / (var.view(1, -1, 1, 1).sqrt() + self.eps) + self.bias.view(1, -1, 1, 1)\n'),
            ],
        },
        {'test_batch_norm'},
        'eps added outside the square root in evaluation mode',
    ),
    # The batch's variance with the running mean in evaluation mode.
    "bn_batch_variance_in_evaluation": (
        {
            'batch_norm': [
                ('            mean, var = self.running_mean, self.running_var\n',
                 '            mean, var = self.running_mean, x.var(dim=(0, 2, 3), correction=0)\n'),
            ],
        },
        {'test_batch_norm'},
        'the batch\'s variance with the running mean',
    ),
    # A ReLU after bn2 as well as after the addition.
    "block_relu_before_and_after_addition": (
        {
            'basic_block': [
                ('        out = self.bn2(self.conv2(out))\n',
                 '        out = F.relu(self.bn2(self.conv2(out)))\n'),
            ],
        },
        {'test_basic_block', 'test_resnet18'},
        {'test_basic_block': 'a relu both before and after the addition', 'test_resnet18': ('builds on your basicblock', 'a relu both before and after the addition')},
    ),
    # The ReLU before bn1.
    "block_relu_before_bn1": (
        {
            'basic_block': [
                ('out = F.relu(self.bn1(self.conv1(x)))',
                 'out = self.bn1(F.relu(self.conv1(x)))'),
            ],
        },
        {'test_basic_block', 'test_resnet18'},
        {'test_basic_block': 'the relu before bn1', 'test_resnet18': ('builds on your basicblock', 'the relu before bn1')},
    ),
    # x reassigned on the way, then added: the main path added to itself.
    "block_shortcut_after_reassigning_x": (
        {
            'basic_block': [
                ('        identity = x if self.downsample is None else self.downsample(x)   # (N, out_channels, H/s, W/s)\n        out = F.relu(self.bn1(self.conv1(x)))\n        out = self.bn2(self.conv2(out))\n        return F.relu(out + identity)',
                 '        x = F.relu(self.bn1(self.conv1(x)))\n        x = self.bn2(self.conv2(x))\n        identity = x if self.downsample is None else self.downsample(x)\n        return F.relu(x + identity)'),
            ],
        },
        {'test_basic_block', 'test_resnet18'},
        {'test_basic_block': 'the shortcut taken after x was reassigned', 'test_resnet18': 'the shortcut taken after x was reassigned'},
    ),
    # bn1 used after conv2 too.
    "block_bn1_twice": (
        {
            'basic_block': [
                ('out = self.bn2(self.conv2(out))',
                 'out = self.bn1(self.conv2(out))'),
            ],
        },
        {'test_basic_block', 'test_resnet18'},
        {'test_basic_block': 'bn1 used twice', 'test_resnet18': 'bn1 used twice'},
    ),
    # bn1 and bn2 swapped.
    "block_batch_norms_swapped": (
        {
            'basic_block': [
                ('out = F.relu(self.bn1(self.conv1(x)))',
                 'out = F.relu(self.bn2(self.conv1(x)))'),
                ('out = self.bn2(self.conv2(out))',
                 'out = self.bn1(self.conv2(out))'),
            ],
        },
        {'test_basic_block', 'test_resnet18'},
        {'test_basic_block': 'bn1 and bn2 swapped', 'test_resnet18': 'bn1 and bn2 swapped'},
    ),
    # A ReLU after bn3 as well as after the addition.
    "bottleneck_relu_before_and_after_addition": (
        {
            'bottleneck': [
                ('return F.relu(self.bn3(self.conv3(out)) + identity)',
                 'return F.relu(F.relu(self.bn3(self.conv3(out))) + identity)'),
            ],
        },
        {'test_bottleneck', 'test_resnet50'},
        {'test_bottleneck': 'a relu both before and after the addition', 'test_resnet50': ('builds on your bottleneck', 'a relu both before and after the addition')},
    ),
    # A stage held in an nn.ModuleList, looped over in forward: the stage cannot be called.
    "stage_as_module_list": (
        {
            'resnet18': [
                ('    return nn.Sequential(*blocks)',
                 '    return nn.ModuleList(blocks)'),
                ('        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))',
                 '        for stage in (self.layer1, self.layer2, self.layer3, self.layer4):\n            for block in stage:\n                x = block(x)'),
            ],
        },
        {'test_resnet18'},
        ('modulelist', 'nn.sequential(*blocks)'),
    ),
    # x.squeeze() after the pooling: a batch of one image loses its batch dimension.
    "resnet_squeezes_the_batch": (
        {
            'resnet18': [
                ('return self.fc(torch.flatten(self.avgpool(x), 1))',
                 'return self.fc(self.avgpool(x).squeeze())'),
            ],
        },
        {'test_resnet18', 'test_resnet50'},
        {'test_resnet18': ('batch of one image', 'squeeze()'), 'test_resnet50': ('builds on your resnet18.forward', 'squeeze()')},
    ),
    # The stage's first block built without the stride.
    "stage_first_block_without_stride": (
        {
            'resnet18': [
                ('blocks = [BasicBlock(in_channels, out_channels, stride)]',
                 'blocks = [BasicBlock(in_channels, out_channels)]'),
            ],
        },
        {'test_resnet18'},
        'the first block built without the stride',
    ),
    # fc built on 256 features.
    "resnet_fc_from_layer3_width": (
        {
            'resnet18': [
                ('self.fc = nn.Linear(512, num_classes)',
                 'self.fc = nn.Linear(256, num_classes)'),
            ],
        },
        {'test_resnet18'},
        ('fc is nn.linear(256', 'nn.linear(512, num_classes)'),
    ),
    # The norms keyed by position (enumerate), not by name.
    "gradients_keyed_by_position": (
        {
            'weight_gradient_norms': [
                ('return {name: module.weight.grad.norm().item() for name, module in model.named_modules()\n            if isinstance(module, (nn.Conv2d, nn.Linear))}',
                 'mods = [m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]\n    return {i: m.weight.grad.norm().item() for i, m in enumerate(mods)}'),
            ],
        },
        {'test_weight_gradient_norms'},
        ('the keys are the layers\' names', 'int'),
    ),
    # The norms of the biases' gradients.
    "gradients_of_the_biases": (
        {
            'weight_gradient_norms': [
                ('module.weight.grad.norm().item()',
                 'module.bias.grad.norm().item()'),
            ],
        },
        {'test_weight_gradient_norms'},
        'the norms of the biases\' gradients',
    ),
    # The mean absolute value instead of the norm.
    "gradients_mean_absolute_value": (
        {
            'weight_gradient_norms': [
                ('module.weight.grad.norm().item()',
                 'module.weight.grad.abs().mean().item()'),
            ],
        },
        {'test_weight_gradient_norms'},
        'the mean of the absolute values',
    ),
    # The depthwise kernel written in as 3.
    "inverted_residual_kernel_written_in": (
        {
            'inverted_residual_params': [
                ('total += conv_params(expanded_channels, expanded_channels, kernel_size, groups=expanded_channels,',
                 'total += conv_params(expanded_channels, expanded_channels, 3, groups=expanded_channels,'),
            ],
        },
        {'test_inverted_residual_params'},
        'the depthwise kernel written in as 3x3',
    ),
    # ResNet's projection shortcut counted where in_channels != out_channels.
    "inverted_residual_projection_shortcut": (
        {
            'inverted_residual_params': [
                ('    return total',
                 '    if in_channels != out_channels:\n        total += conv_params(in_channels, out_channels, 1, bias=False) + 2 * out_channels\n    return total'),
            ],
        },
        {'test_inverted_residual_params'},
        'a projection shortcut counted',
    ),
    # nn.Conv2d built inside conv_params and its parameters counted.
    "conv_params_builds_the_layer": (
        {
            'conv_params': [
                ('    weights = out_channels * (in_channels // groups) * kernel_size * kernel_size\n    return weights + (out_channels if bias else 0)',
                 '    return sum(p.numel() for p in nn.Conv2d(in_channels, out_channels, kernel_size, groups=groups, bias=bias).parameters())'),
            ],
        },
        {'test_conv_params'},
        ('builds a layer to count its parameters', 'from the arguments'),
    ),
    # Multiplied by groups where it divides.
    "conv_params_multiplies_by_groups": (
        {
            'conv_params': [
                ('(in_channels // groups)',
                 'in_channels * groups'),
            ],
        },
        {'test_conv_params', 'test_inverted_residual_params', 'test_convnext_block_params'},   # their depthwise ones
        {'test_conv_params': 'multiplied by groups where it divides',
         'test_inverted_residual_params': ('builds on your conv_params', 'multiplied by groups where it divides'),
         'test_convnext_block_params': ('builds on your conv_params', 'multiplied by groups where it divides')},
    ),
    # The biases multiplied by groups.
    "conv_params_biases_times_groups": (
        {
            'conv_params': [
                ('(out_channels if bias else 0)',
                 '(out_channels * groups if bias else 0)'),
            ],
        },
        {'test_conv_params', 'test_convnext_block_params'},   # the depthwise 7x7 has biases
        {'test_conv_params': 'the biases multiplied by groups',
         'test_convnext_block_params': ('builds on your conv_params', 'the biases multiplied by groups')},
    ),
    # The bottleneck's width written as 4 * growth_rate, bn_size ignored.
    "dense_bn_size_written_in": (
        {
            'dense_block_params': [
                ('total, channels, width = 0, in_channels, bn_size * growth_rate',
                 'total, channels, width = 0, in_channels, 4 * growth_rate'),
            ],
        },
        {'test_dense_block_params'},
        ('bn_size ignored', 'bn_size=2'),
    ),
    # The second batch norm counted on growth_rate channels.
    "dense_second_batch_norm_on_growth_rate": (
        {
            'dense_block_params': [
                ('total += 2 * width + conv_params',
                 'total += 2 * growth_rate + conv_params'),
            ],
        },
        {'test_dense_block_params'},
        'the second batch norm of each layer counted on growth_rate channels',
    ),
    # The layer scale counted as one number.
    "convnext_layer_scale_as_one_number": (
        {
            'convnext_block_params': [
                ('layer_scale = dim',
                 'layer_scale = 1'),
            ],
        },
        {'test_convnext_block_params'},
        'the layer scale counted as one number',
    ),
    # LayerNorm counted on 4 * dim channels.
    "convnext_layer_norm_on_expanded_channels": (
        {
            'convnext_block_params': [
                ('layer_norm = 2 * dim',
                 'layer_norm = 2 * 4 * dim'),
            ],
        },
        {'test_convnext_block_params'},
        'the layernorm counted on 4 * dim channels',
    ),
    # The second linear layer counted as dim to dim.
    "convnext_second_linear_from_dim": (
        {
            'convnext_block_params': [
                ('(4 * dim * dim + dim)',
                 '(dim * dim + dim)'),
            ],
        },
        {'test_convnext_block_params'},
        'the second linear layer counted from dim',
    ),
    # The bottleneck stage held in an nn.ModuleList: ResNet18's forward cannot call it.
    "bottleneck_stage_as_module_list": (
        {
            'bottleneck': [
                ('    blocks += [Bottleneck(width * Bottleneck.expansion, width, 1) for _ in range(num_blocks - 1)]\n'
                 '    return nn.Sequential(*blocks)',
                 '    blocks += [Bottleneck(width * Bottleneck.expansion, width, 1) for _ in range(num_blocks - 1)]\n'
                 '    return nn.ModuleList(blocks)'),
            ],
        },
        {'test_resnet50'},
        ('make_bottleneck_stage(32, 16, 3, 2) is a modulelist', 'nn.sequential(*blocks)'),
    ),
    # The list of blocks given whole to nn.Sequential.
    "stage_list_not_unpacked": (
        {"resnet18": [("    return nn.Sequential(*blocks)", "    return nn.Sequential(blocks)")]},
        {"test_resnet18"},
        ("nn.Sequential was given a list", "nn.Sequential(*layers)"),
    ),
    # Each channel's statistics over the batch and the rows only: one value per channel and column.
    "bn_statistics_over_batch_and_rows": (
        {"batch_norm": [("mean = x.mean(dim=(0, 2, 3))", "mean = x.mean(dim=(0, 2))"),
                        ("var = x.var(dim=(0, 2, 3), correction=0)", "var = x.var(dim=(0, 2), correction=0)")]},
        {"test_batch_norm"},
        ("`mean` has shape (3, 6)", "taken over dim=(0, 2)", "one value per channel and column", "dim=(0, 2, 3)"),
    ),
    # Each example's own statistics (over its positions): one value per example and channel.
    "bn_statistics_per_example": (
        {"batch_norm": [("mean = x.mean(dim=(0, 2, 3))", "mean = x.mean(dim=(2, 3))"),
                        ("var = x.var(dim=(0, 2, 3), correction=0)", "var = x.var(dim=(2, 3), correction=0)")]},
        {"test_batch_norm"},
        ("`mean` has shape (4, 3)", "one value per example and channel"),
    ),
    # The statistics kept as (1, C, 1, 1) with keepdim=True, then the running update as given.
    "bn_statistics_with_keepdim": (
        {"batch_norm": [("mean = x.mean(dim=(0, 2, 3))", "mean = x.mean(dim=(0, 2, 3), keepdim=True)"),
                        ("var = x.var(dim=(0, 2, 3), correction=0)",
                         "var = x.var(dim=(0, 2, 3), correction=0, keepdim=True)")]},
        {"test_batch_norm"},
        ("kept with keepdim=True", "mean.view(-1)"),
    ),
    # Statistics over the batch alone: one mean and variance per channel and position.
    "bn_statistics_per_position": (
        {"batch_norm": [("mean = x.mean(dim=(0, 2, 3))", "mean = x.mean(dim=0, keepdim=True)"),
                        ("var = x.var(dim=(0, 2, 3), correction=0)", "var = x.var(dim=0, correction=0, keepdim=True)"),
                        ("m = x.numel() // x.shape[1]", "m = x.shape[0]"),
                        ("self.momentum * mean)", "self.momentum * mean.mean(dim=(0, 2, 3)))"),
                        ("self.momentum * var * m / (m - 1))",
                         "self.momentum * (var * m / (m - 1)).mean(dim=(0, 2, 3)))"),
                        ("x_hat = (x - mean.view(1, -1, 1, 1)) / torch.sqrt(var.view(1, -1, 1, 1) + self.eps)",
                         "x_hat = (x - mean.view(1, -1, *mean.shape[2:])) / torch.sqrt(var.view(1, -1, *var.shape[2:]) + self.eps)")]},
        {"test_batch_norm"},
        "statistics over dim=0 only, kept per channel and position",
    ),
    # The running variance taken about the running mean, just updated, instead of the batch's own mean.
    "bn_running_variance_about_running_mean": (
        {"batch_norm": [("self.momentum * var * m / (m - 1))",
                         "self.momentum * ((x - self.running_mean.view(1, -1, 1, 1)) ** 2).mean(dim=(0, 2, 3)) * m / (m - 1))")]},
        {"test_batch_norm"},
        "taken about the running mean (after its update)",
    ),
    # The running variance tracking the standard deviation.
    "bn_running_standard_deviation": (
        {"batch_norm": [("self.momentum * var * m / (m - 1))", "self.momentum * (var * m / (m - 1)).sqrt())")]},
        {"test_batch_norm"},
        "running_var updated with the standard deviation",
    ),
    # A ReLU after batch norm, inside the layer.
    "bn_ends_with_relu": (
        {"batch_norm": [("return self.weight.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1)",
                         "return F.relu(self.weight.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1))")]},
        {"test_batch_norm"},
        "a relu after the normalisation",
    ),
    # Keeping the statistics as (1, C, 1, 1) and updating with them viewed as (C,): right.
    "accepted_bn_statistics_with_keepdim": (
        {"batch_norm": [("mean = x.mean(dim=(0, 2, 3))", "mean = x.mean(dim=(0, 2, 3), keepdim=True)"),
                        ("var = x.var(dim=(0, 2, 3), correction=0)",
                         "var = x.var(dim=(0, 2, 3), correction=0, keepdim=True)"),
                        ("self.momentum * mean)", "self.momentum * mean.view(-1))"),
                        ("self.momentum * var * m / (m - 1))", "self.momentum * var.view(-1) * m / (m - 1))")]},
        set(),
    ),
    # The projection fed the main path's output instead of the block's input.
    "block_projection_of_the_main_path": (
        {"basic_block": [('identity = x if self.downsample is None else self.downsample(x)   # (N, out_channels, H/s, W/s)\n        out = F.relu(self.bn1(self.conv1(x)))\n        out = self.bn2(self.conv2(out))',
                          "out = F.relu(self.bn1(self.conv1(x)))\n        out = self.bn2(self.conv2(out))\n"
                          "        identity = x if self.downsample is None else self.downsample(out)")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": ("is given the block's input x", "self.downsample(x)"),
          "test_resnet18": "builds on your BasicBlock"},
    ),
    # The stride on neither 3x3 convolution, only on the projection.
    "block_stride_on_projection_only": (
        {"basic_block": [("self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride,",
                          "self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=1,")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "conv1 lacks the block's stride", "test_resnet18": "builds on your BasicBlock"},
    ),
    # x reassigned to the first layer's output, then taken as the shortcut.
    "block_shortcut_after_x_reassigned": (
        {"basic_block": [('identity = x if self.downsample is None else self.downsample(x)   # (N, out_channels, H/s, W/s)\n        out = F.relu(self.bn1(self.conv1(x)))\n        out = self.bn2(self.conv2(out))',
                          "x = F.relu(self.bn1(self.conv1(x)))\n        out = self.bn2(self.conv2(x))\n"
                          "        identity = x if self.downsample is None else self.downsample(x)")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "the shortcut taken after x was reassigned (x = f.relu(self.bn1(self.conv1(x))))",
          "test_resnet18": "builds on your BasicBlock"},
    ),
    # bn2 built but never called.
    "block_without_bn2": (
        {"basic_block": [("out = self.bn2(self.conv2(out))", "out = self.conv2(out)")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "bn2 left out", "test_resnet18": "builds on your BasicBlock"},
    ),
    # One batch norm shared by both convolutions.
    "block_one_batch_norm_shared": (
        {"basic_block": [("self.bn2 = nn.BatchNorm2d(out_channels)", "self.bn2 = self.bn1")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "one batch norm for both convolutions", "test_resnet18": "builds on your BasicBlock"},
    ),
    # A ReLU on the shortcut as well as after the sum.
    "block_relu_on_shortcut": (
        {"basic_block": [("return F.relu(out + identity)", "return F.relu(out + F.relu(identity))")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "a relu on the shortcut too", "test_resnet18": "builds on your BasicBlock"},
    ),
    # No expansion: the block puts out width channels, its projection built to match.
    "bottleneck_without_expansion": (
        {"bottleneck": [("out_channels = width * self.expansion", "out_channels = width")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": ("conv3 expands to 4 * width", "conv3 puts out 4 channels"),
          "test_resnet50": "builds on your Bottleneck"},
    ),
    # The bottleneck's projection fed the main path's output.
    "bottleneck_projection_of_the_main_path": (
        {"bottleneck": [('identity = x if self.downsample is None else self.downsample(x)\n        out = F.relu(self.bn1(self.conv1(x)))\n        out = F.relu(self.bn2(self.conv2(out)))\n        return F.relu(self.bn3(self.conv3(out)) + identity)',
                         'out = F.relu(self.bn1(self.conv1(x)))\n        out = F.relu(self.bn2(self.conv2(out)))\n        out = self.bn3(self.conv3(out))\n        identity = x if self.downsample is None else self.downsample(out)\n        return F.relu(out + identity)')]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": ("is given the block's input x", "self.downsample(x)"),
          "test_resnet50": "builds on your Bottleneck"},
    ),
    # The stride on no convolution of the main path, only on the projection.
    "bottleneck_stride_on_projection_only": (
        {"bottleneck": [("self.conv2 = nn.Conv2d(width, width, 3, stride=stride,",
                         "self.conv2 = nn.Conv2d(width, width, 3, stride=1,")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "conv2 lacks the block's stride", "test_resnet50": "builds on your Bottleneck"},
    ),
    # The largest absolute value of each gradient instead of its norm.
    "gradients_largest_absolute_value": (
        {"weight_gradient_norms": [("module.weight.grad.norm().item()", "module.weight.grad.abs().max().item()")]},
        {"test_weight_gradient_norms"},
        "the largest absolute value (.abs().max())",
    ),
    # Norms along one dimension, averaged.
    "gradients_norm_along_a_dimension": (
        {"weight_gradient_norms": [("module.weight.grad.norm().item()", "module.weight.grad.norm(dim=0).mean().item()")]},
        {"test_weight_gradient_norms"},
        "the norms along one dimension, then averaged",
    ),
    # The squeeze-and-excitation width written in as a quarter of the expanded channels.
    "inverted_residual_squeeze_width_written_in": (
        {"inverted_residual_params": [
            ("        total += conv_params(expanded_channels, squeeze_channels, 1) + conv_params(squeeze_channels,\n"
             "                                                                                   expanded_channels, 1)",
             "        total += conv_params(expanded_channels, expanded_channels // 4, 1) + conv_params(\n"
             "            expanded_channels // 4, expanded_channels, 1)")]},
        {"test_inverted_residual_params"},
        "written in as expanded_channels // 4",
    ),
    # A second LayerNorm, on the expanded channels.
    "convnext_second_layer_norm": (
        {"convnext_block_params": [("    layer_norm = 2 * dim", "    layer_norm = 2 * dim + 2 * 4 * dim")]},
        {"test_convnext_block_params"},
        "a second layernorm counted, on 4 * dim channels",
    ),
    # The norms in reverse order: output side first.
    "gradients_in_reverse_order": (
        {"weight_gradient_norms": [("    return {name: module.weight.grad.norm().item() for name, module in model.named_modules()\n"
                                    "            if isinstance(module, (nn.Conv2d, nn.Linear))}",
                                    "    return dict(reversed([(name, module.weight.grad.norm().item()) for name, module in "
                                    "model.named_modules()\n            if isinstance(module, (nn.Conv2d, nn.Linear))]))")]},
        {"test_weight_gradient_norms"},
        "the right layers in reverse order",
    ),
    # The norms as NumPy arrays.
    "gradients_as_arrays": (
        {"weight_gradient_norms": [("module.weight.grad.norm().item()", "module.weight.grad.norm().numpy()")]},
        {"test_weight_gradient_norms"},
        ("a python float", "nor a numpy array"),
    ),
    # The stages kept in a plain Python list at model level: their parameters are not the model's.
    "resnet_stages_in_python_list": (
        {"resnet18": [("        self.layer1 = make_stage(64, 64, 2, stride=1)          # (N, 64, 56, 56)\n"
                       "        self.layer2 = make_stage(64, 128, 2, stride=2)         # (N, 128, 28, 28)\n"
                       "        self.layer3 = make_stage(128, 256, 2, stride=2)        # (N, 256, 14, 14)\n"
                       "        self.layer4 = make_stage(256, 512, 2, stride=2)        # (N, 512, 7, 7)\n",
                       "        self.stages = [make_stage(64, 64, 2, 1), make_stage(64, 128, 2, 2),\n"
                       "                       make_stage(128, 256, 2, 2), make_stage(256, 512, 2, 2)]\n"),
                      ("        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))\n",
                       "        for stage in self.stages:\n            x = stage(x)\n")]},
        {"test_resnet18", "test_resnet50"},   # ResNet50 has ResNet18's forward
        {"test_resnet18": ("resnet18's stages is a python list of 4 stages", "nn.sequential(*stages)"),
         "test_resnet50": "builds on your ResNet18.forward"},
    ),
    # A softmax at the end of forward: the model returns probabilities, not logits.
    "resnet_softmax_at_the_end": (
        {"resnet18": [("return self.fc(torch.flatten(self.avgpool(x), 1))",
                       "return torch.softmax(self.fc(torch.flatten(self.avgpool(x), 1)), dim=1)")]},
        {"test_resnet18", "test_resnet50"},
        {"test_resnet18": ("a softmax at the end of forward", "returns the logits"),
         "test_resnet50": "builds on your ResNet18.forward"},
    ),
    # The stages called out of order in forward: layer2 before layer1.
    "resnet_stages_out_of_order": (
        {"resnet18": [("x = self.layer4(self.layer3(self.layer2(self.layer1(x))))",
                       "x = self.layer4(self.layer3(self.layer1(self.layer2(x))))")]},
        {"test_resnet18", "test_resnet50"},
        {"test_resnet18": ("calls its stages in order", "it calls layer2, layer1 (then fails)"),
         "test_resnet50": "builds on your ResNet18.forward"},
    ),
    # --- From the new-student walk (fix_05) ---
    # Evaluation mode updates running_mean (a momentum of its own), then normalises with it.
    "bn_eval_updates_mean_then_uses_it": (
        {"batch_norm": [("            mean, var = self.running_mean, self.running_var\n",
                         "            with torch.no_grad():\n"
                         "                self.running_mean.mul_(0.9).add_(0.1 * x.mean(dim=(0, 2, 3)))\n"
                         "            mean, var = self.running_mean, self.running_var\n")]},
        {"test_batch_norm"},
        "updated in evaluation mode too",
    ),
    # Evaluation mode updates running_var only, then normalises with it.
    "bn_eval_updates_var_then_uses_it": (
        {"batch_norm": [("            mean, var = self.running_mean, self.running_var\n",
                         "            with torch.no_grad():\n"
                         "                self.running_var.mul_(1 - self.momentum).add_(self.momentum * x.var(dim=(0, 2, 3)))\n"
                         "            mean, var = self.running_mean, self.running_var\n")]},
        {"test_batch_norm"},
        "updated in evaluation mode too",
    ),
    # The output detached in evaluation mode ("evaluation = no gradients").
    "bn_eval_output_detached": (
        {"batch_norm": [("        return self.weight.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1)",
                         "        out = self.weight.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1)\n"
                         "        return out if self.training else out.detach()")]},
        {"test_batch_norm"},
        "keeps its graph in evaluation mode",
    ),
    # The evaluation branch computed under torch.no_grad().
    "bn_eval_under_no_grad": (
        {"batch_norm": [("        else:\n            mean, var = self.running_mean, self.running_var\n",
                         "        else:\n            with torch.no_grad():\n"
                         "                x_hat = (x - self.running_mean.view(1, -1, 1, 1)) / torch.sqrt(self.running_var.view(1, -1, 1, 1) + self.eps)\n"
                         "                return self.weight.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1)\n")]},
        {"test_batch_norm"},
        "keeps its graph in evaluation mode",
    ),
    # The scale detached in evaluation mode: no gradient reaches weight there.
    "bn_eval_weight_detached": (
        {"batch_norm": [("        return self.weight.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1)",
                         "        w = self.weight if self.training else self.weight.detach()\n"
                         "        return w.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1)")]},
        {"test_batch_norm"},
        "depends on x, weight and bias in evaluation mode",
    ),
    # Accepted: the running statistics detached where they are read in evaluation mode.
    "accepted_bn_eval_running_detached": (
        {"batch_norm": [("            mean, var = self.running_mean, self.running_var\n",
                         "            mean, var = self.running_mean.detach(), self.running_var.detach()\n")]},
        set(),
    ),
    # A float64 result for a float32 input.
    "bn_result_float64": (
        {"batch_norm": [("        return self.weight.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1)",
                         "        return (self.weight.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1)).double()")]},
        {"test_batch_norm"},
        "float64",
    ),
    # The input turned to float64 in training.
    "bn_input_float64_in_training": (
        {"batch_norm": [("        if self.training:\n            mean = x.mean",
                         "        if self.training:\n            x = x.double()\n            mean = x.mean")]},
        {"test_batch_norm"},
        "float64",
    ),
    # The convolutions run on the projected input: x reassigned before conv1.
    "block_conv1_on_projection": (
        {"basic_block": [("        identity = x if self.downsample is None else self.downsample(x)   # (N, out_channels, H/s, W/s)\n",
                          "        if self.downsample is not None:\n            x = self.downsample(x)\n"
                          "        identity = x\n")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "conv1 received the projection's output", "test_resnet18": "builds on your BasicBlock"},
    ),
    # bn2 without its scale and shift.
    "block_bn2_not_affine": (
        {"basic_block": [("        self.bn2 = nn.BatchNorm2d(out_channels)\n",
                          "        self.bn2 = nn.BatchNorm2d(out_channels, affine=False)\n")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "affine=False", "test_resnet18": "builds on your BasicBlock"},
    ),
    # Dropout after the block's last ReLU (nothing in evaluation mode).
    "block_dropout_at_the_end": (
        {"basic_block": [("return F.relu(out + identity)",
                          "return F.dropout(F.relu(out + identity), 0.5, self.training)")]},
        {"test_basic_block", "test_resnet18"},   # ResNet-18 is graded in training mode too
        "such as dropout",
    ),
    # Spatial dropout after the first ReLU.
    "block_dropout2d_inside": (
        {"basic_block": [("        out = F.relu(self.bn1(self.conv1(x)))\n",
                          "        out = F.dropout2d(F.relu(self.bn1(self.conv1(x))), 0.2, self.training)\n")]},
        {"test_basic_block", "test_resnet18"},   # ResNet-18 is graded in training mode too
        "such as dropout",
    ),
    # A batch norm momentum of its own.
    "block_bn_momentum": (
        {"basic_block": [("        self.bn2 = nn.BatchNorm2d(out_channels)\n",
                          "        self.bn2 = nn.BatchNorm2d(out_channels, momentum=0.01)\n")]},
        {"test_basic_block"},   # ResNet-18 is graded in evaluation mode, where this changes nothing
        "default eps and momentum",
    ),
    # A batch norm eps of its own.
    "block_bn_eps": (
        {"basic_block": [("        self.bn1 = nn.BatchNorm2d(out_channels)\n",
                          "        self.bn1 = nn.BatchNorm2d(out_channels, eps=1e-3)\n")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "default eps and momentum", "test_resnet18": "builds on your BasicBlock"},
    ),
    # Only the model's direct children.
    "gradients_named_children": (
        {"weight_gradient_norms": [("model.named_modules()", "model.named_children()")]},
        {"test_weight_gradient_norms"},
        "named_children",
    ),
    # The layers sorted by name ('11' before '3.conv1').
    "gradients_sorted_by_name": (
        {"weight_gradient_norms": [("for name, module in model.named_modules()",
                                    "for name, module in sorted(model.named_modules(), key=lambda t: t[0])")]},
        {"test_weight_gradient_norms"},
        "sorted as strings",
    ),
    # The depthwise bias and the layer scale both left out (-2 * dim).
    "convnext_no_depthwise_bias_no_layer_scale": (
        {"convnext_block_params": [("conv_params(dim, dim, 7, groups=dim)", "conv_params(dim, dim, 7, groups=dim, bias=False)"),
                                   ("    layer_scale = dim\n", "    layer_scale = 0\n")]},
        {"test_convnext_block_params"},
        "two of the parts with one per channel left out",
    ),
    # LayerNorm counted once per channel and the layer scale left out (-2 * dim).
    "convnext_half_layer_norm_no_layer_scale": (
        {"convnext_block_params": [("    layer_norm = 2 * dim\n", "    layer_norm = dim\n"),
                                   ("    layer_scale = dim\n", "    layer_scale = 0\n")]},
        {"test_convnext_block_params"},
        "two of the parts with one per channel left out",
    ),
    # The layer scale on the hidden 4 * dim channels (+3 * dim).
    "convnext_layer_scale_on_hidden_width": (
        {"convnext_block_params": [("    layer_scale = dim\n", "    layer_scale = 4 * dim\n")]},
        {"test_convnext_block_params"},
        "the layer scale counted on 4 * dim channels",
    ),
    # The second linear layer's bias as 4 * dim and the layer scale left out (+2 * dim).
    "convnext_wide_second_bias_no_layer_scale": (
        {"convnext_block_params": [("(4 * dim * dim + dim)", "(4 * dim * dim + 4 * dim)"),
                                   ("    layer_scale = dim\n", "    layer_scale = 0\n")]},
        {"test_convnext_block_params"},
        "a part counted on 4 * dim channels with another left out",
    ),
    # running_mean updated with the batch's variance.
    "bn_running_mean_with_variance": (
        {"batch_norm": [("self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)",
                         "self.running_mean.mul_(1 - self.momentum).add_(self.momentum * var)")]},
        {"test_batch_norm"},
        "running_mean updated with the batch's biased variance",
    ),
    # The running variance's square root taken in evaluation mode (then eps added and the root taken again).
    "bn_eval_running_var_square_root": (
        {"batch_norm": [("            mean, var = self.running_mean, self.running_var\n",
                         "            mean, var = self.running_mean, self.running_var.sqrt()\n")]},
        {"test_batch_norm"},
        "a square root too many",
    ),
    # ConvNeXt: the first linear layer's bias counted as dim (-3 * dim).
    "convnext_first_bias_as_dim": (
        {"convnext_block_params": [("(dim * 4 * dim + 4 * dim)", "(dim * 4 * dim + dim)")]},
        {"test_convnext_block_params"},
        "the first linear layer's bias counted as dim",
    ),
    # ConvNeXt: the depthwise kernel as 7 weights per channel.
    "convnext_kernel_counted_as_seven": (
        {"convnext_block_params": [("    depthwise = conv_params(dim, dim, 7, groups=dim)\n",
                                    "    depthwise = dim * 7 + dim\n")]},
        {"test_convnext_block_params"},
        "7 weights per channel",
    ),
    # ConvNeXt: a full 7x7 convolution without bias.
    "convnext_full_conv_without_bias": (
        {"convnext_block_params": [("conv_params(dim, dim, 7, groups=dim)", "conv_params(dim, dim, 7, bias=False)")]},
        {"test_convnext_block_params"},
        "a full 7x7 convolution without its bias",
    ),
    # ConvNeXt: the linear layers counted as 3x3 convolutions.
    "convnext_linear_as_3x3": (
        {"convnext_block_params": [("(dim * 4 * dim + 4 * dim) + (4 * dim * dim + dim)",
                                    "conv_params(dim, 4 * dim, 3) + conv_params(4 * dim, dim, 3)")]},
        {"test_convnext_block_params"},
        "the linear layers counted as 3x3 convolutions",
    ),
    # ConvNeXt: the layer scale counted twice.
    "convnext_layer_scale_twice": (
        {"convnext_block_params": [("    layer_scale = dim\n", "    layer_scale = 2 * dim\n")]},
        {"test_convnext_block_params"},
        "the layer scale counted twice",
    ),
    # ConvNeXt: the linear biases and the layer scale left out (-6 * dim).
    "convnext_no_linear_biases_no_layer_scale": (
        {"convnext_block_params": [("(dim * 4 * dim + 4 * dim) + (4 * dim * dim + dim)", "(dim * 4 * dim) + (4 * dim * dim)"),
                                   ("    layer_scale = dim\n", "    layer_scale = 0\n")]},
        {"test_convnext_block_params"},
        "biases (4 * dim and dim) and the layer scale (dim) left out",
    ),
    # conv_params: the conditional expression takes the whole sum (0 whenever bias=False).
    "conv_params_precedence": (
        {"conv_params": [("return weights + (out_channels if bias else 0)", "return weights + out_channels if bias else 0")]},
        {"test_conv_params", "test_inverted_residual_params", "test_dense_block_params"},   # ConvNeXt's has a bias
        {"test_conv_params": "0 with bias=False", "test_inverted_residual_params": "builds on your conv_params",
         "test_dense_block_params": "builds on your conv_params"},
    ),
    # conv_params: one output channel's weights only.
    "conv_params_without_out_channels": (
        {"conv_params": [("weights = out_channels * (in_channels // groups) * kernel_size * kernel_size",
                          "weights = (in_channels // groups) * kernel_size * kernel_size")]},
        {"test_conv_params", "test_inverted_residual_params", "test_dense_block_params", "test_convnext_block_params"},
        {"test_conv_params": "out_channels left out", "test_inverted_residual_params": "builds on your conv_params",
         "test_dense_block_params": "builds on your conv_params", "test_convnext_block_params": "builds on your conv_params"},
    ),
    # DenseNet: the 3x3 convolution counted from the layer's input channels.
    "dense_3x3_from_layer_input": (
        {"dense_block_params": [("conv_params(width, growth_rate, 3, bias=False)", "conv_params(channels, growth_rate, 3, bias=False)")]},
        {"test_dense_block_params"},
        "the 3x3 convolution counted from the layer's input",
    ),
    # DenseNet: the network's final batch norm counted in the block.
    "dense_norm5_counted": (
        {"dense_block_params": [("    return channels, total", "    return channels, total + 2 * channels")]},
        {"test_dense_block_params"},
        "norm5",
    ),
    # DenseNet: a batch norm on each layer's k outputs.
    "dense_extra_norm_on_outputs": (
        {"dense_block_params": [("        channels += growth_rate\n", "        total += 2 * growth_rate\n        channels += growth_rate\n")]},
        {"test_dense_block_params"},
        "a batch norm counted on each layer's k outputs",
    ),
    # DenseNet: each layer adds 2 * k channels.
    "dense_grows_by_two_k": (
        {"dense_block_params": [("        channels += growth_rate\n", "        channels += 2 * growth_rate\n")]},
        {"test_dense_block_params"},
        "each layer adds 2 * k channels",
    ),
    # MobileNetV3: squeeze-and-excitation counted on out_channels.
    "inverted_se_on_out_channels": (
        {"inverted_residual_params": [("conv_params(expanded_channels, squeeze_channels, 1) + conv_params(squeeze_channels,",
                                       "conv_params(out_channels, squeeze_channels, 1) + conv_params(squeeze_channels,"),
                                      ("                                                                                   expanded_channels, 1)",
                                       "                                                                                   out_channels, 1)")]},
        {"test_inverted_residual_params"},
        "squeeze-and-excitation counted on out_channels",
    ),
    # The projection computed, but x added as it came in.
    "block_adds_x_not_identity": (
        {"basic_block": [("return F.relu(out + identity)", "return F.relu(out + x)")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "adds the input x as it came in", "test_resnet18": "builds on your BasicBlock"},
    ),
    # The stage's stride on its last block.
    "stage_stride_on_last_block": (
        {"resnet18": [("    blocks = [BasicBlock(in_channels, out_channels, stride)]\n"
                       "    blocks += [BasicBlock(out_channels, out_channels, 1) for _ in range(num_blocks - 1)]\n",
                       "    blocks = [BasicBlock(in_channels, out_channels, 1)]\n"
                       "    blocks += [BasicBlock(out_channels, out_channels, 1) for _ in range(num_blocks - 2)]\n"
                       "    blocks += [BasicBlock(out_channels, out_channels, stride)]\n")]},
        {"test_resnet18"},
        "the stride on the last block",
    ),
    # layer1 made with 4 * width (256) as its width.
    "resnet50_layer1_width_256": (
        {"bottleneck": [("self.layer1 = make_bottleneck_stage(64, 64, 3, stride=1)",
                         "self.layer1 = make_bottleneck_stage(64, 256, 3, stride=1)")]},
        {"test_resnet50"},
        "4 times too wide",
    ),

    # --- walk 7 (report_05) ----------------------------------------------------------------------------
    # The shift multiplied by the scale: weight * (x_hat + bias).
    "bn_shift_multiplied_by_scale": (
        {"batch_norm": [("return self.weight.view(1, -1, 1, 1) * x_hat + self.bias.view(1, -1, 1, 1)",
                         "return self.weight.view(1, -1, 1, 1) * (x_hat + self.bias.view(1, -1, 1, 1))")]},
        {"test_batch_norm"},
        "the shift multiplied by the scale",
    ),
    # A dilated conv2 with the padding that keeps its size: the sizes fit, the neighbourhood does not.
    "block_dilated_conv2": (
        {"basic_block": [("self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)",
                          "self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=2, dilation=2, bias=False)")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": ("has dilation 2", "leave dilation out"), "test_resnet18": "builds on your BasicBlock"},
    ),
    # A block's output converted to float64.
    "block_returns_double": (
        {"basic_block": [("return F.relu(out + identity)", "return F.relu(out + identity).double()")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": ("is float64, but its input is float32", "the wrong dtype")},
    ),
    # make_stage with one later block, whatever num_blocks is.
    "stage_ignores_num_blocks": (
        {"resnet18": [("for _ in range(num_blocks - 1)]", "for _ in range(1)]")]},
        {"test_resnet18"},
        "num_blocks is ignored",
    ),
    # The stride on the stage's second block (the first built at stride 1).
    "stage_stride_on_second_block": (
        {"resnet18": [("    blocks = [BasicBlock(in_channels, out_channels, stride)]\n"
                       "    blocks += [BasicBlock(out_channels, out_channels, 1) for _ in range(num_blocks - 1)]\n",
                       "    blocks = [BasicBlock(in_channels, out_channels, 1)]\n"
                       "    blocks += [BasicBlock(out_channels, out_channels, stride if i == 0 else 1)\n"
                       "               for i in range(num_blocks - 1)]\n")]},
        {"test_resnet18"},
        "the stride on the second block",
    ),
    # fc without its bias.
    "resnet_fc_without_bias": (
        {"resnet18": [("self.fc = nn.Linear(512, num_classes)", "self.fc = nn.Linear(512, num_classes, bias=False)")]},
        {"test_resnet18"},
        "fc without its bias",
    ),
    # Dropout before fc, in training mode only (ResNet50 runs the same forward).
    "resnet_dropout_before_fc": (
        {"resnet18": [("return self.fc(torch.flatten(self.avgpool(x), 1))",
                       "return self.fc(F.dropout(torch.flatten(self.avgpool(x), 1), 0.5, self.training))")]},
        {"test_resnet18", "test_resnet50"},
        {"test_resnet18": ("in training mode", "such as dropout"), "test_resnet50": "such as dropout"},
    ),
    # ResNet18's output converted to float64 (ResNet50 runs the same forward).
    "resnet_returns_double": (
        {"resnet18": [("return self.fc(torch.flatten(self.avgpool(x), 1))",
                       "return self.fc(torch.flatten(self.avgpool(x), 1)).double()")]},
        {"test_resnet18", "test_resnet50"},
        "is float64, but its input is float32",
    ),
    # Max pooling before fc.
    "resnet_max_pooling_head": (
        {"resnet18": [("self.avgpool = nn.AdaptiveAvgPool2d(1)", "self.avgpool = nn.AdaptiveMaxPool2d(1)")]},
        {"test_resnet18"},
        "max pooling before fc",
    ),
    # A ReLU on the logits.
    "resnet_relu_after_fc": (
        {"resnet18": [("return self.fc(torch.flatten(self.avgpool(x), 1))",
                       "return F.relu(self.fc(torch.flatten(self.avgpool(x), 1)))")]},
        {"test_resnet18", "test_resnet50"},
        {"test_resnet18": "a ReLU after fc", "test_resnet50": "a ReLU after fc"},
    ),
    # The model left in evaluation mode after the backward pass.
    "gradients_leave_eval_mode": (
        {"weight_gradient_norms": [("    return {name: module.weight.grad.norm().item() for name, module in model.named_modules()\n"
                                    "            if isinstance(module, (nn.Conv2d, nn.Linear))}",
                                    "    out = {name: module.weight.grad.norm().item() for name, module in model.named_modules()\n"
                                    "           if isinstance(module, (nn.Conv2d, nn.Linear))}\n"
                                    "    model.eval()\n"
                                    "    return out")]},
        {"test_weight_gradient_norms"},
        "left in evaluation mode",
    ),
    # Bottleneck: a convolution with a bias.
    "bottleneck_conv_bias": (
        {"bottleneck": [("self.conv1 = nn.Conv2d(in_channels, width, 1, bias=False)",
                         "self.conv1 = nn.Conv2d(in_channels, width, 1)")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "conv1 has a bias", "test_resnet50": "have a bias"},
    ),
    # Bottleneck: a grouped 3x3 convolution (ResNeXt's).
    "bottleneck_grouped_conv2": (
        {"bottleneck": [("self.conv2 = nn.Conv2d(width, width, 3, stride=stride, padding=1, bias=False)",
                         "self.conv2 = nn.Conv2d(width, width, 3, stride=stride, padding=1, groups=2, bias=False)")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": ("grouped convolution (groups=2)", "leave groups out")},
    ),
    # Bottleneck: a batch norm without running statistics.
    "bottleneck_bn_without_running_statistics": (
        {"bottleneck": [("self.bn1 = nn.BatchNorm2d(width)", "self.bn1 = nn.BatchNorm2d(width, track_running_stats=False)")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "track_running_stats=False"},
    ),
    # Bottleneck: another momentum on bn3 (only the running statistics show it).
    "bottleneck_bn_momentum": (
        {"bottleneck": [("self.bn3 = nn.BatchNorm2d(out_channels)", "self.bn3 = nn.BatchNorm2d(out_channels, momentum=0.01)")]},
        {"test_bottleneck"},
        ("bn3 (eps=1e-05, momentum=0.01)", "default eps and momentum"),
    ),
    # Bottleneck: another eps on bn2.
    "bottleneck_bn_eps": (
        {"bottleneck": [("self.bn2 = nn.BatchNorm2d(width)", "self.bn2 = nn.BatchNorm2d(width, eps=1e-3)")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "bn2 (eps=0.001, momentum=0.1)"},
    ),
    # Bottleneck: dropout before the addition, in training mode only.
    "bottleneck_dropout_before_addition": (
        {"bottleneck": [("return F.relu(self.bn3(self.conv3(out)) + identity)",
                         "return F.relu(F.dropout(self.bn3(self.conv3(out)), 0.2, self.training) + identity)")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": ("in training mode", "such as dropout")},
    ),
    # Bottleneck: its output converted to float64.
    "bottleneck_returns_double": (
        {"bottleneck": [("return F.relu(self.bn3(self.conv3(out)) + identity)",
                         "return F.relu(self.bn3(self.conv3(out)) + identity).double()")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "is float64, but its input is float32"},
    ),
    # Bottleneck: bn3 left out of the forward.
    "bottleneck_forgets_bn3": (
        {"bottleneck": [("return F.relu(self.bn3(self.conv3(out)) + identity)",
                         "return F.relu(self.conv3(out) + identity)")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "bn3 left out", "test_resnet50": "builds on your Bottleneck"},
    ),
    # Bottleneck: one batch norm for conv1 and conv2.
    "bottleneck_shared_batch_norm": (
        {"bottleneck": [("self.bn2 = nn.BatchNorm2d(width)", "self.bn2 = self.bn1")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "one batch norm for conv1 and conv2", "test_resnet50": "builds on your Bottleneck"},
    ),
    # ResNet50: dropout inside fc.
    "resnet50_fc_with_dropout": (
        {"bottleneck": [("self.fc = nn.Linear(2048, num_classes)",
                         "self.fc = nn.Sequential(nn.Dropout(0.2), nn.Linear(2048, num_classes))")]},
        {"test_resnet50"},
        ("fc is a container, Sequential(Dropout, Linear)", "a single layer"),
    ),
    # MobileNet: the expansion decided by out_channels.
    "inverted_residual_expansion_by_out": (
        {"inverted_residual_params": [("if expanded_channels != in_channels:", "if expanded_channels != out_channels:")]},
        {"test_inverted_residual_params"},
        ("the expansion counted where there is none", "not with out_channels"),
    ),
    # MobileNet: the projection to in_channels (-528 on (16, 64, 24, 3, 16), as the depthwise counted on in_channels).
    "inverted_residual_projection_to_in": (
        {"inverted_residual_params": [("conv_params(expanded_channels, out_channels, 1, bias=False) + 2 * out_channels",
                                       "conv_params(expanded_channels, in_channels, 1, bias=False) + 2 * in_channels")]},
        {"test_inverted_residual_params"},
        "the projection counted to in_channels",
    ),
    # DenseNet: each layer's first batch norm counted on the bottleneck's width.
    "dense_first_bn_on_width": (
        {"dense_block_params": [("total += 2 * channels + conv_params(", "total += 2 * width + conv_params(")]},
        {"test_dense_block_params"},
        "the first batch norm of each layer counted on the bottleneck's bn_size * k channels",
    ),
    # DenseNet: a list of the two counts, graded as the tuple (right).
    "accepted_dense_returns_list": (
        {"dense_block_params": [("    return channels, total", "    return [channels, total]")]},
        set(),
    ),
    # conv_params with NumPy: a NumPy integer is an integer (numbers.Integral), accepted (right).
    "accepted_conv_params_numpy": (
        {"conv_params": [("    weights = out_channels * (in_channels // groups) * kernel_size * kernel_size",
                          "    import numpy as np\n"
                          "    weights = np.prod([out_channels, in_channels // groups, kernel_size, kernel_size])")]},
        set(),
    ),
    # ConvNeXt: the second linear layer without its bias.
    "convnext_second_linear_without_bias": (
        {"convnext_block_params": [("(4 * dim * dim + dim)", "(4 * dim * dim)")]},
        {"test_convnext_block_params"},
        "the second linear layer's bias",
    ),
    # ConvNeXt: a parameter per channel counted for the GELU.
    "convnext_counts_gelu": (
        {"convnext_block_params": [("return depthwise + layer_norm + inverted_bottleneck + layer_scale",
                                    "return depthwise + layer_norm + inverted_bottleneck + layer_scale + dim")]},
        {"test_convnext_block_params"},
        "a part with no parameters counted",
    ),
    # Walk 8. BasicBlock's conv1 and bn1 under other names (c1, b1), on a block that needs no projection.
    "block_conv1_bn1_misnamed": (
        {"basic_block": [("self.conv1 = nn.Conv2d(in_channels", "self.c1 = nn.Conv2d(in_channels"),
                         ("self.bn1 = nn.BatchNorm2d(out_channels)", "self.b1 = nn.BatchNorm2d(out_channels)"),
                         ("F.relu(self.bn1(self.conv1(x)))", "F.relu(self.b1(self.c1(x)))")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": ("conv1", "bn1", "`c1`", "`b1`"), "test_resnet18": "builds on your BasicBlock"},
    ),
    # The projection's batch norm kept beside downsample (downsample_bn), not inside it.
    "block_projection_batch_norm_beside": (
        {"basic_block": [("self.downsample = nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),\n"
                          "                                            nn.BatchNorm2d(out_channels))",
                          "self.downsample = nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)\n"
                          "            self.downsample_bn = nn.BatchNorm2d(out_channels)"),
                         ("identity = x if self.downsample is None else self.downsample(x)",
                          "identity = x if self.downsample is None else self.downsample_bn(self.downsample(x))")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": ("downsample_bn", "inside downsample", "downsample.1"),
         "test_resnet18": "builds on your BasicBlock"},
    ),
    # An extra batch norm (bn0) before conv1: no word about downsample.
    "block_extra_batch_norm_first": (
        {"basic_block": [("self.bn1 = nn.BatchNorm2d(out_channels)",
                          "self.bn0 = nn.BatchNorm2d(in_channels)\n        self.bn1 = nn.BatchNorm2d(out_channels)"),
                         ("F.relu(self.bn1(self.conv1(x)))", "F.relu(self.bn1(self.conv1(self.bn0(x))))")]},
        {"test_basic_block", "test_resnet18"},
        {"test_basic_block": "bn0", "test_resnet18": "builds on your BasicBlock"},
    ),
    # The forward run under torch.no_grad(), the loss's input then made to require gradients.
    "gradients_forward_without_grad": (
        {"weight_gradient_norms": [("    F.cross_entropy(model(x), y).backward()",
                                    "    with torch.no_grad():\n        out = model(x)\n"
                                    "    F.cross_entropy(out.requires_grad_(), y).backward()")]},
        {"test_weight_gradient_norms"},
        "no_grad",
    ),
    # ResNet-50's stages each built to put out 4 times more than its torchvision width, chained consistently.
    "resnet50_widths_as_output_channels": (
        {"bottleneck": [("make_bottleneck_stage(64, 64, 3, stride=1)", "make_bottleneck_stage(64, 256, 3, stride=1)"),
                        ("make_bottleneck_stage(256, 128, 4, stride=2)", "make_bottleneck_stage(1024, 512, 4, stride=2)"),
                        ("make_bottleneck_stage(512, 256, 6, stride=2)", "make_bottleneck_stage(2048, 1024, 6, stride=2)"),
                        ("make_bottleneck_stage(1024, 512, 3, stride=2)", "make_bottleneck_stage(4096, 2048, 3, stride=2)"),
                        ("self.fc = nn.Linear(2048, num_classes)", "self.fc = nn.Linear(8192, num_classes)")]},
        {"test_resnet50"},
        "4 times too wide",
    ),
    # layer1 twice too wide (it puts out 512), layer2 built from torchvision's 256: the message gives layer1's own.
    "resnet50_layer1_width_128": (
        {"bottleneck": [("make_bottleneck_stage(64, 64, 3, stride=1)", "make_bottleneck_stage(64, 128, 3, stride=1)")]},
        {"test_resnet50"},
        ("layer2 takes 256 channels, but layer1 puts out 512", "torchvision's layer1: 256"),
    ),
    # ResNet-50's stages chained consistently with widths twice torchvision's: the channels each puts out named.
    "resnet50_widths_doubled": (
        {"bottleneck": [("make_bottleneck_stage(64, 64, 3, stride=1)", "make_bottleneck_stage(64, 128, 3, stride=1)"),
                        ("make_bottleneck_stage(256, 128, 4, stride=2)", "make_bottleneck_stage(512, 256, 4, stride=2)"),
                        ("make_bottleneck_stage(512, 256, 6, stride=2)", "make_bottleneck_stage(1024, 512, 6, stride=2)"),
                        ("make_bottleneck_stage(1024, 512, 3, stride=2)", "make_bottleneck_stage(2048, 1024, 3, stride=2)"),
                        ("self.fc = nn.Linear(2048, num_classes)", "self.fc = nn.Linear(4096, num_classes)")]},
        {"test_resnet50"},
        ("layer1 puts out 512", "chained consistently", "width"),
    ),
    # DenseNet: the last layer's k channels left out of the output channels.
    "dense_out_channels_without_last_growth": (
        {"dense_block_params": [("    return channels, total", "    return channels - growth_rate, total")]},
        {"test_dense_block_params"},
        ("the last layer's", "channels"),
    ),
    # DenseNet: each layer's count replacing the total (= for +=), only the last layer counted.
    "dense_only_last_layer_counted": (
        {"dense_block_params": [("        total += 2 * channels + conv_params(", "        total = 2 * channels + conv_params(")]},
        {"test_dense_block_params"},
        "only the last layer",
    ),
    # DenseNet: the 3x3 convolution putting out bn_size * k channels, not k.
    "dense_3x3_puts_out_bn_size_k": (
        {"dense_block_params": [("conv_params(width, growth_rate, 3, bias=False)", "conv_params(width, width, 3, bias=False)")]},
        {"test_dense_block_params"},
        "3x3",
    ),
    # ConvNeXt: the next stage's downsampling counted in (it coincides with an expansion of 8).
    "convnext_counts_next_downsample": (
        {"convnext_block_params": [("return depthwise + layer_norm + inverted_bottleneck + layer_scale",
                                    "return depthwise + layer_norm + inverted_bottleneck + layer_scale + 2 * dim"
                                    " + conv_params(dim, 2 * dim, 2)")]},
        {"test_convnext_block_params"},
        ("expansion of 8", "downsampl"),
    ),
    # Bottleneck without the shortcut.
    "bottleneck_without_shortcut": (
        {"bottleneck": [("return F.relu(self.bn3(self.conv3(out)) + identity)", "return F.relu(self.bn3(self.conv3(out)))")]},
        {"test_bottleneck", "test_resnet50"},
        {"test_bottleneck": "no shortcut", "test_resnet50": "builds on your Bottleneck"},
    ),
    # make_stage: the stride and the channel change on the last block, not the first.
    "stage_changes_shape_last": (
        {"resnet18": [("    blocks = [BasicBlock(in_channels, out_channels, stride)]\n"
                       "    blocks += [BasicBlock(out_channels, out_channels, 1) for _ in range(num_blocks - 1)]",
                       "    blocks = [BasicBlock(in_channels, in_channels, 1) for _ in range(num_blocks - 1)]\n"
                       "    blocks.append(BasicBlock(in_channels, out_channels, stride))")]},
        {"test_resnet18"},
        "last block",
    ),
    # MobileNet: the expansion's 1x1 convolution counted with the block's kernel_size.
    "mobilenet_expansion_with_kernel_size": (
        {"inverted_residual_params": [("conv_params(in_channels, expanded_channels, 1, bias=False)",
                                       "conv_params(in_channels, expanded_channels, kernel_size, bias=False)")]},
        {"test_inverted_residual_params"},
        "1x1",
    ),
    # ResNet18's stage as a Python list of blocks: "2 blocks", not "2 stages".
    "resnet18_stage_a_list_of_blocks": (
        {"resnet18": [("self.layer1 = make_stage(64, 64, 2, stride=1)", "self.layer1 = list(make_stage(64, 64, 2, stride=1))")]},
        {"test_resnet18"},
        "list of 2 blocks",
    ),
}
