"""Plausible wrong answers to notebook 06 (transfer learning), each with the graded test cells it must fail.

The pipeline tests (tests/test_pipeline.py) grade the first one end to end, and
tests/test_wrong_answers.py judges every one in-process: the correct solution with a
student's mistake edited in, cell id -> [(old text, new text)], must lose exactly the
points of the named test cells.
"""

# Exercise 2's whole answer, as the solution writes it: the entries below replace it.
COUNT = "    return sum(parameter.numel() for parameter in model.parameters() if parameter.requires_grad)"

# Exercise 3's body, as the solution writes it.
GROUPS_BODY = "body = [parameter for parameter in model.parameters() if id(parameter) not in head_ids]"

# Exercise 4's similarities, as the solution computes them.
NEAREST_SIMILARITIES = "F.normalize(features, dim=1) @ F.normalize(query, dim=0)"

# Exercise 5's whole answer, as the solution writes it.
CAM = 'return torch.einsum("bchw,kc->bkhw", feature_maps, head.weight) + head.bias[None, :, None, None]'

# Exercise 1's freezing and unfreezing loops, as the solution writes them.
FREEZE_ALL = "    for parameter in model.parameters():\n        parameter.requires_grad_(False)\n"
UNFREEZE_HEAD = "    for parameter in head.parameters():\n        parameter.requires_grad_(True)\n"

WRONG_ANSWERS = {
    # Frozen parameters, but batch norm left in training mode: its running statistics still move.
    "freeze_without_evaluation_mode": (
        {"freeze_except_head": [("    model.eval()        # batch norm: the stored statistics, never updated; "
                                 "dropout off\n", "")]},
        {"test_freeze_except_head"},
        ("left in training mode", "running statistics keep changing"),
    ),
    # An attribute set on the module instead of on each parameter: nothing is frozen.
    "freeze_sets_an_attribute": (
        {"freeze_except_head": [("    for parameter in model.parameters():\n        parameter.requires_grad_(False)\n",
                                 "    model.requires_grad = False\n")]},
        {"test_freeze_except_head"},
        'nothing was frozen',
    ),
    # Nothing frozen at all (a torch.no_grad() block, say, in place of requires_grad_(False)).
    "freeze_nothing": (
        {"freeze_except_head": [("    for parameter in model.parameters():\n        parameter.requires_grad_(False)\n",
                                 "")]},
        {"test_freeze_except_head"},
        ('nothing was frozen', 'every parameter still has requires_grad True'),
    ),
    # Only the batch norms put in evaluation mode: every other frozen module (dropout's kind) stays in training.
    "freeze_only_batch_norms_in_evaluation_mode": (
        {"freeze_except_head": [("    model.eval()        # batch norm: the stored statistics, never updated; "
                                 "dropout off\n    head.train()\n",
                                 "    for module in model.modules():\n        if isinstance(module, nn.BatchNorm2d):\n"
                                 "            module.eval()\n")]},
        {"test_freeze_except_head"},
        ("the batch norms are in evaluation mode, but the other frozen modules are not", "model.eval()"),
    ),
    # Every frozen module in evaluation mode but the batch norms.
    "freeze_batch_norms_left_in_training_mode": (
        {"freeze_except_head": [("    model.eval()        # batch norm: the stored statistics, never updated; "
                                 "dropout off\n    head.train()\n",
                                 "    for module in model.modules():\n"
                                 "        module.training = isinstance(module, nn.BatchNorm2d) or module is head\n")]},
        {"test_freeze_except_head"},
        ("only the batch norms were left in training mode", "running statistics keep changing"),
    ),
    # The head frozen with the rest: nothing left to train.
    "freeze_the_head_too": (
        {"freeze_except_head": [("    for parameter in head.parameters():\n        parameter.requires_grad_(True)\n",
                                 "")]},
        {"test_freeze_except_head"},
        'the head was frozen too',
    ),
    # The head left in evaluation mode with the rest.
    "freeze_head_in_evaluation_mode": (
        {"freeze_except_head": [("    head.train()\n", "")]},
        {"test_freeze_except_head"},
        'the head is in evaluation mode',
    ),
    # The head taken as model.fc whatever head_name says: right for ResNet-18 only (EfficientNet-Lite0's
    # head is model.classifier).
    "freeze_head_called_fc": (
        {"freeze_except_head": [("    for parameter in head.parameters():\n        parameter.requires_grad_(True)\n",
                                 "    for parameter in model.fc.parameters():\n        parameter.requires_grad_(True)\n"),
                                ("    head.train()\n", "    model.fc.train()\n")]},
        {"test_freeze_except_head"},
        ("whose head is model.classifier", "never model.fc"),
    ),
    # The head's parameters told apart by the name "fc" in their names: nothing is left trainable when the head
    # has another name.
    "freeze_head_by_the_name_fc": (
        {"freeze_except_head": [("    for parameter in head.parameters():\n        parameter.requires_grad_(True)\n",
                                 "    for name, parameter in model.named_parameters():\n"
                                 "        parameter.requires_grad_(name.startswith(\"fc.\"))\n")]},
        {"test_freeze_except_head"},
        "looked for by the name 'fc', not by head_name",
    ),
    # Every parameter counted, the frozen ones too.
    "count_every_parameter": (
        {"count_trainable": [(" if parameter.requires_grad)", ")")]},
        {"test_count_trainable"},
        'the frozen ones too',
    ),
    # Tensors counted instead of values.
    "count_tensors": (
        {"count_trainable": [("sum(parameter.numel() for", "sum(1 for")]},
        {"test_count_trainable"},
        'the number of tensors',
    ),
    # The frozen parameters counted instead of the trainable ones.
    "count_frozen": (
        {"count_trainable": [("if parameter.requires_grad)", "if not parameter.requires_grad)")]},
        {"test_count_trainable"},
        'the frozen parameters instead',
    ),
    # The course's own counter, which the exercise asks to write by hand.
    "count_calls_library": (
        {"count_trainable": [("    return sum(parameter.numel() for parameter in model.parameters() "
                              "if parameter.requires_grad)",
                              "    return training.count_parameters(model, trainable_only=True)")]},
        {"test_count_trainable"},
        'compute the result yourself',
    ),
    # One learning rate for both groups.
    "groups_one_learning_rate": (
        {"fine_tuning_groups": [('"lr": lr * backbone_factor}', '"lr": lr}')]},
        {"test_fine_tuning_groups"},
        'one learning rate for both groups',
    ),
    # The head taken as model.fc whatever head_name says.
    "groups_head_called_fc": (
        {"fine_tuning_groups": [("    head_ids = {id(parameter) for parameter in head.parameters()}",
                                 "    head_ids = {id(parameter) for parameter in model.fc.parameters()}"),
                                ('{"params": list(head.parameters()), "lr": lr}',
                                 '{"params": list(model.fc.parameters()), "lr": lr}')]},
        {"test_fine_tuning_groups"},
        ("whose head is model.classifier", "never model.fc"),
    ),
    # The head's parameters told apart by the name "fc" in their names.
    "groups_head_by_the_name_fc": (
        {"fine_tuning_groups": [("    head_ids = {id(parameter) for parameter in head.parameters()}",
                                 "    head_ids = {id(parameter) for name, parameter in model.named_parameters() "
                                 "if name.startswith(\"fc.\")}"),
                                ('{"params": list(head.parameters()), "lr": lr}',
                                 '{"params": [parameter for parameter in model.parameters() '
                                 'if id(parameter) in head_ids], "lr": lr}')]},
        {"test_fine_tuning_groups"},
        "looked for by the name 'fc', not by head_name",
    ),
    # The factor written as 0.1, whatever backbone_factor says.
    "groups_factor_hard_coded": (
        {"fine_tuning_groups": [('"lr": lr * backbone_factor}', '"lr": lr * 0.1}')]},
        {"test_fine_tuning_groups"},
        "backbone_factor ignored",
    ),
    # The smaller learning rate given to the head, the larger to the body.
    "groups_factor_on_the_head": (
        {"fine_tuning_groups": [('"lr": lr * backbone_factor}, {"params": list(head.parameters()), "lr": lr}',
                                 '"lr": lr}, {"params": list(head.parameters()), "lr": lr * backbone_factor}')]},
        {"test_fine_tuning_groups"},
        'the factor applied to the head',
    ),
    # Every parameter in the body's group, the head's too.
    "groups_head_in_both": (
        {"fine_tuning_groups": [("body = [parameter for parameter in model.parameters() if id(parameter) "
                                 "not in head_ids]", "body = list(model.parameters())")]},
        {"test_fine_tuning_groups"},
        "in the body's group too",
    ),
    # The frozen network left frozen: only the head would learn.
    "groups_still_frozen": (
        {"fine_tuning_groups": [("    for parameter in model.parameters():\n        parameter.requires_grad_(True)\n",
                                 "")]},
        {"test_fine_tuning_groups"},
        ('still frozen', 'left out'),
    ),
    # Batch norm left in evaluation mode.
    "groups_evaluation_mode": (
        {"fine_tuning_groups": [("    model.train()\n", "")]},
        {"test_fine_tuning_groups"},
        'left in evaluation mode',
    ),
    # The dot product: long rows win.
    "nearest_dot_product": (
        {"nearest_by_cosine": [("F.normalize(features, dim=1) @ F.normalize(query, dim=0)", "features @ query")]},
        {"test_nearest_by_cosine"},
        'not each brought to length 1',
    ),
    # Euclidean distance (the nearest, as negative distances).
    "nearest_euclidean": (
        {"nearest_by_cosine": [("F.normalize(features, dim=1) @ F.normalize(query, dim=0)",
                                "-(features - query).norm(dim=1)")]},
        {"test_nearest_by_cosine"},
        'euclidean',
    ),
    # The least similar rows.
    "nearest_least_similar": (
        {"nearest_by_cosine": [("similarities.topk(k)", "similarities.topk(k, largest=False)")]},
        {"test_nearest_by_cosine"},
        'the least similar rows',
    ),
    # The head's bias left out.
    "cam_without_bias": (
        {"class_activation_maps": [(" + head.bias[None, :, None, None]", "")]},
        {"test_class_activation_maps"},
        'the bias was left out',
    ),
    # A softmax over the classes at every position.
    "cam_softmax": (
        {"class_activation_maps": [("return torch.einsum", "return (torch.einsum"),
                                   ("head.bias[None, :, None, None]", "head.bias[None, :, None, None]).softmax(dim=1)")]},
        {"test_class_activation_maps"},
        ('a softmax over the classes', "before any softmax"),
    ),
    # Negative evidence clipped.
    "cam_relu": (
        {"class_activation_maps": [("return torch.einsum", "return F.relu(torch.einsum"),
                                   ("head.bias[None, :, None, None]", "head.bias[None, :, None, None])")]},
        {"test_class_activation_maps"},
        'clipped',
    ),
    # Height and width swapped.
    "cam_swaps_height_and_width": (
        {"class_activation_maps": [('"bchw,kc->bkhw"', '"bchw,kc->bkwh"')]},
        {"test_class_activation_maps"},
        ("height and width are swapped", "(B, K, w, h)"),
    ),
    # Cosine with the query left as it is: the order is right, the similarities scaled by its length.
    "nearest_query_not_normalised": (
        {"nearest_by_cosine": [("F.normalize(features, dim=1) @ F.normalize(query, dim=0)",
                                "F.normalize(features, dim=1) @ query")]},
        {"test_nearest_by_cosine"},
        "the query was not normalised",
    ),
    # The bank's rows left as they are: the query's length divides out of the order, the rows' does not.
    "nearest_bank_not_normalised": (
        {"nearest_by_cosine": [("F.normalize(features, dim=1) @ F.normalize(query, dim=0)",
                                "features @ F.normalize(query, dim=0)")]},
        {"test_nearest_by_cosine"},
        "not each brought to length 1",
    ),
    # (indices, similarities): topk's two results the other way round.
    "nearest_indices_first": (
        {"nearest_by_cosine": [("return values, indices", "return indices, values")]},
        {"test_nearest_by_cosine"},
        "the similarities first, then the indices",
    ),
    # The right rows, least similar first: argsort's last k, in ascending order.
    "nearest_right_rows_least_similar_first": (
        {"nearest_by_cosine": [("    values, indices = similarities.topk(k)",
                                "    indices = similarities.argsort()[-k:]\n"
                                "    values = similarities[indices]")]},
        {"test_nearest_by_cosine"},
        ("the right rows, least similar first", "most similar first"),
    ),
    # Python lists from .tolist(): not the tensors asked for.
    "nearest_as_python_lists": (
        {"nearest_by_cosine": [("    return values, indices", "    return values.tolist(), indices.tolist()")]},
        {"test_nearest_by_cosine"},
        ("returns two tensors", "from .tolist()", "topk's two tensors"),
    ),
    # Only the indices as a list.
    "nearest_indices_as_a_list": (
        {"nearest_by_cosine": [("    return values, indices", "    return values, indices.tolist()")]},
        {"test_nearest_by_cosine"},
        ("returns two tensors", "the indices"),
    ),
    # NumPy arrays: not the tensors asked for, as lists are not.
    "nearest_as_numpy_arrays": (
        {"nearest_by_cosine": [("    return values, indices", "    return values.numpy(), indices.numpy()")]},
        {"test_nearest_by_cosine"},
        ("returns two tensors", "a NumPy array, from .numpy()"),
    ),
    # The bank normalised along the wrong dimension: each column to length 1, not each row.
    "nearest_columns_normalised": (
        {"nearest_by_cosine": [("F.normalize(features, dim=1)", "F.normalize(features, dim=0)")]},
        {"test_nearest_by_cosine"},
        "not each brought to length 1",
    ),
    # Accepted, and graded so: each child but the head in evaluation mode, the model object itself left in
    # training mode (it computes nothing of its own).
    "accepted_children_in_evaluation_mode": (
        {"freeze_except_head": [("    model.eval()        # batch norm: the stored statistics, never updated; "
                                 "dropout off\n    head.train()\n",
                                 "    for child in model.children():\n        child.train(child is head)\n")]},
        set(),
    ),
    # Accepted: the count as a float with no fractional part.
    "accepted_count_as_float": (
        {"count_trainable": [("    return sum(", "    return float(sum("),
                             ("if parameter.requires_grad)", "if parameter.requires_grad))")]},
        set(),
    ),
    # Accepted: the head's group first (PyTorch takes the groups in any order).
    "accepted_groups_head_first": (
        {"fine_tuning_groups": [('return [{"params": body, "lr": lr * backbone_factor}, '
                                 '{"params": list(head.parameters()), "lr": lr}]',
                                 'return [{"params": list(head.parameters()), "lr": lr}, '
                                 '{"params": body, "lr": lr * backbone_factor}]')]},
        set(),
    ),
    # Trainable taken as "has a gradient": none has one before a backward pass.
    "count_parameters_with_a_gradient": (
        {"count_trainable": [("if parameter.requires_grad)", "if parameter.grad is not None)")]},
        {"test_count_trainable"},
        'p.grad is not None',
    ),
    # The head's parameters left out of the body with `in` on a list of tensors, which compares values.
    "groups_in_compares_values": (
        {"fine_tuning_groups": [("    head_ids = {id(parameter) for parameter in head.parameters()}\n"
                                 "    body = [parameter for parameter in model.parameters() if id(parameter) not in head_ids]",
                                 "    head_params = list(head.parameters())\n"
                                 "    body = [p for p in model.parameters() if p not in head_params]")]},
        {"test_fine_tuning_groups"},
        ('compares', 'by identity'),
    ),
    # A set of the head's tensors: tensors hash by identity, so `in` on a set is right.
    "accepted_groups_by_a_set_of_tensors": (
        {"fine_tuning_groups": [("    head_ids = {id(parameter) for parameter in head.parameters()}\n"
                                 "    body = [parameter for parameter in model.parameters() if id(parameter) not in head_ids]",
                                 "    head_params = set(head.parameters())\n"
                                 "    body = [p for p in model.parameters() if p not in head_params]")]},
        set(),
    ),
    # The head's parameters told apart by value with torch.equal, which the text warns of.
    "groups_torch_equal_compares_values": (
        {"fine_tuning_groups": [("    head_ids = {id(parameter) for parameter in head.parameters()}\n"
                                 "    body = [parameter for parameter in model.parameters() if id(parameter) not in head_ids]",
                                 "    head_params = list(head.parameters())\n"
                                 "    body = [p for p in model.parameters()\n"
                                 "            if not any(p.shape == q.shape and torch.equal(p, q) for q in head_params)]")]},
        {"test_fine_tuning_groups"},
        ("told apart by what they hold", "features.5 even holds the head's values", "by identity"),
    ),
    # The same with torch.allclose.
    "groups_allclose_compares_values": (
        {"fine_tuning_groups": [("    head_ids = {id(parameter) for parameter in head.parameters()}\n"
                                 "    body = [parameter for parameter in model.parameters() if id(parameter) not in head_ids]",
                                 "    head_params = list(head.parameters())\n"
                                 "    body = [p for p in model.parameters()\n"
                                 "            if not any(p.shape == q.shape and torch.allclose(p, q) for q in head_params)]")]},
        {"test_fine_tuning_groups"},
        ("told apart by what they hold", "by identity"),
    ),
    # "learning_rate" for "lr": PyTorch ignores the key and uses its default learning rate.
    "groups_key_learning_rate": (
        {"fine_tuning_groups": [('"lr": lr * backbone_factor}, {"params": list(head.parameters()), "lr": lr}',
                                 '"learning_rate": lr * backbone_factor}, '
                                 '{"params": list(head.parameters()), "learning_rate": lr}')]},
        {"test_fine_tuning_groups"},
        ('has the keys "params" and "lr"', "'learning_rate'"),
    ),
    # The two lists of parameters, without their dictionaries.
    "groups_as_lists_of_tensors": (
        {"fine_tuning_groups": [('return [{"params": body, "lr": lr * backbone_factor}, '
                                 '{"params": list(head.parameters()), "lr": lr}]',
                                 "return [body, list(head.parameters())]")]},
        {"test_fine_tuning_groups"},
        ("each group is a dictionary", "a list of"),
    ),
    # Every parameter in one flat list.
    "groups_as_one_flat_list": (
        {"fine_tuning_groups": [('return [{"params": body, "lr": lr * backbone_factor}, '
                                 '{"params": list(head.parameters()), "lr": lr}]',
                                 "return body + list(head.parameters())")]},
        {"test_fine_tuning_groups"},
        ("each group is a dictionary", "a tensor of shape"),
    ),
    # The body's learning rate divided by the factor: ten times the head's.
    "groups_factor_divides": (
        {"fine_tuning_groups": [('"lr": lr * backbone_factor}', '"lr": lr / backbone_factor}')]},
        {"test_fine_tuning_groups"},
        "divided by backbone_factor",
    ),
    # (name, tensor) pairs from named_parameters() in both groups.
    "groups_named_pairs": (
        {"fine_tuning_groups": [("    head_ids = {id(parameter) for parameter in head.parameters()}\n"
                                 "    body = [parameter for parameter in model.parameters() if id(parameter) not in head_ids]",
                                 "    head_ids = {id(parameter) for parameter in head.parameters()}\n"
                                 "    body = [(n, p) for n, p in model.named_parameters() if id(p) not in head_ids]"),
                                ('"params": list(head.parameters())', '"params": list(head.named_parameters())')]},
        {"test_fine_tuning_groups"},
        ("(name, tensor) pairs", "parameters()"),
    ),
    # Detached copies of the body's parameters: the optimiser would never train the model's.
    "groups_detached_copies": (
        {"fine_tuning_groups": [("if id(parameter) not in head_ids]", "if id(parameter) not in head_ids]\n"
                                 "    body = [parameter.detach() for parameter in body]")]},
        {"test_fine_tuning_groups"},
        ("one of the model's parameters", "copy"),
    ),
    # Each group's params as a set: the right tensors, but PyTorch refuses a set (its order changes).
    "groups_params_as_sets": (
        {"fine_tuning_groups": [('return [{"params": body, "lr": lr * backbone_factor}, '
                                 '{"params": list(head.parameters()), "lr": lr}]',
                                 'return [{"params": set(body), "lr": lr * backbone_factor}, '
                                 '{"params": set(head.parameters()), "lr": lr}]')]},
        {"test_fine_tuning_groups"},
        ("params are a set", "Use a list"),
    ),
    # The least similar rows, sorted in ascending order.
    "nearest_least_similar_by_argsort": (
        {"nearest_by_cosine": [("    values, indices = similarities.topk(k)",
                                "    indices = similarities.argsort()[:k]\n"
                                "    values = similarities[indices]")]},
        {"test_nearest_by_cosine"},
        'the least similar rows',
    ),
    # The head's bias of shape (K,) added as it is: it lines up with the width.
    "cam_bias_unreshaped": (
        {"class_activation_maps": [("head.bias[None, :, None, None]", "head.bias")]},
        {"test_class_activation_maps"},
        'the bias added unreshaped',
    ),
    # The bias as (K, 1): it lines up with the height.
    "cam_bias_as_a_column": (
        {"class_activation_maps": [("head.bias[None, :, None, None]", "head.bias[:, None]")]},
        {"test_class_activation_maps"},
        ("lined up with the height (dimension 2)", "viewed as (K, 1)", "(1, K, 1, 1)"),
    ),
    # The bias as (K, 1, 1): it lines up with the classes, as it should.
    "accepted_cam_bias_as_k_1_1": (
        {"class_activation_maps": [("head.bias[None, :, None, None]", "head.bias[:, None, None]")]},
        set(),
    ),
    # Accepted: generators for the groups' params, the head's group first (torch.optim reads each once).
    "accepted_groups_as_generators_head_first": (
        {"fine_tuning_groups": [('return [{"params": body, "lr": lr * backbone_factor}, '
                                 '{"params": list(head.parameters()), "lr": lr}]',
                                 'return [{"params": head.parameters(), "lr": lr}, '
                                 '{"params": (p for p in body), "lr": lr * backbone_factor}]')]},
        set(),
    ),
    # Accepted: a tuple of groups, each group's params a tuple or a generator, body first.
    "accepted_groups_as_a_tuple_of_generators": (
        {"fine_tuning_groups": [('return [{"params": body, "lr": lr * backbone_factor}, '
                                 '{"params": list(head.parameters()), "lr": lr}]',
                                 'return ({"params": tuple(body), "lr": lr * backbone_factor}, '
                                 '{"params": head.parameters(), "lr": lr})')]},
        set(),
    ),
    # len(p), a parameter's first dimension, for its number of values.
    "count_first_dimensions": (
        {"count_trainable": [("parameter.numel()", "len(parameter)")]},
        {"test_count_trainable"},
        ("len(p)", "first dimension", "p.numel()"),
    ),
    # The weights counted, the biases forgotten.
    "count_weights_only": (
        {"count_trainable": [("for parameter in model.parameters() if parameter.requires_grad)",
                              "for name, parameter in model.named_parameters()\n"
                              "               if parameter.requires_grad and name.endswith(\"weight\"))")]},
        {"test_count_trainable"},
        ("the weights only", "biases are parameters too"),
    ),
    # sum(p.shape): the sizes of the dimensions added, not multiplied.
    "count_sizes_added": (
        {"count_trainable": [("parameter.numel()", "sum(parameter.shape)")]},
        {"test_count_trainable"},
        ("added", "not multiplied", "p.numel()"),
    ),
    # The first two dimensions multiplied (a 1-D bias taken whole): a convolution's kernel left out.
    "count_first_two_dimensions": (
        {"count_trainable": [("parameter.numel()", "parameter.shape[:2].numel()")]},
        {"test_count_trainable"},
        ("only the first two dimensions", "p.numel()"),
    ),
    # Values counted by summing ones: the check's meta tensors have no values to sum.
    "count_by_summing_ones": (
        {"count_trainable": [("parameter.numel()", "int(torch.ones_like(parameter).sum())")]},
        {"test_count_trainable"},
        ("shapes only, no values", "p.numel()"),
    ),
    # F.normalize at its default dim=1 on the 1-D query: IndexError.
    "nearest_query_normalised_at_default_dim": (
        {"nearest_by_cosine": [("F.normalize(query, dim=0)", "F.normalize(query)")]},
        {"test_nearest_by_cosine"},
        ("only dimension is 0", "default dim is 1", "dim=0"),
    ),
    # The head's weight given the subscripts "ck": the classes and channels the other way round.
    "cam_einsum_weight_subscripts_swapped": (
        {"class_activation_maps": [('"bchw,kc->bkhw"', '"bchw,ck->bkhw"')]},
        {"test_class_activation_maps"},
        ("subscripts", '"kc" (classes first)'),
    ),
    # Subscripts that name the feature maps' channels k: the sum runs over the wrong letter.
    "cam_einsum_maps_subscripts_wrong": (
        {"class_activation_maps": [('"bchw,kc->bkhw"', '"bkhw,kc->bchw"')]},
        {"test_class_activation_maps"},
        ("subscripts", "must have the same size"),
    ),
    # The channels moved last with reshape, not permute: channels and positions mixed.
    "cam_reshape_for_permute": (
        {"class_activation_maps": [('return torch.einsum("bchw,kc->bkhw", feature_maps, head.weight) + head.bias[None, :, None, None]',
                                    "B, C, h, w = feature_maps.shape\n"
                                    "    return head(feature_maps.reshape(B, h, w, C)).permute(0, 3, 1, 2)")]},
        {"test_class_activation_maps"},
        ("reshape (or view) where permute is needed", "feature_maps.permute(0, 2, 3, 1)"),
    ),
    # The channels moved last rightly, the scores moved back with view.
    "cam_view_back_for_permute": (
        {"class_activation_maps": [('return torch.einsum("bchw,kc->bkhw", feature_maps, head.weight) + head.bias[None, :, None, None]',
                                    "B, C, h, w = feature_maps.shape\n"
                                    "    return head(feature_maps.permute(0, 2, 3, 1)).reshape(B, -1, h, w)")]},
        {"test_class_activation_maps"},
        ("the classes are last, (B, h, w, K)", "reshaped (view)", "permute(0, 3, 1, 2)"),
    ),
    # The head on the pooled features, its scores repeated at every position.
    "cam_pooled_scores_everywhere": (
        {"class_activation_maps": [('return torch.einsum("bchw,kc->bkhw", feature_maps, head.weight) + head.bias[None, :, None, None]',
                                    "return head(feature_maps.mean(dim=(2, 3)))[:, :, None, None]"
                                    ".expand_as(feature_maps[:, :head.out_features])")]},
        {"test_class_activation_maps"},
        "the pooled scores repeated at every position",
    ),
    # F.conv2d with the head's 2-D weight.
    "cam_conv2d_with_the_2d_weight": (
        {"class_activation_maps": [('return torch.einsum("bchw,kc->bkhw", feature_maps, head.weight) + head.bias[None, :, None, None]',
                                    "return F.conv2d(feature_maps, head.weight, head.bias)")]},
        {"test_class_activation_maps"},
        ("as a 1x1 convolution", "(K, C, 1, 1)"),
    ),
    # Accepted: the head as a 1x1 convolution.
    "accepted_cam_as_a_1x1_convolution": (
        {"class_activation_maps": [('return torch.einsum("bchw,kc->bkhw", feature_maps, head.weight) + head.bias[None, :, None, None]',
                                    "return F.conv2d(feature_maps, head.weight[:, :, None, None], head.bias)")]},
        set(),
    ),
    # The maps times the weight, broadcast on the wrong dimensions.
    "cam_product_broadcast_wrongly": (
        {"class_activation_maps": [('return torch.einsum("bchw,kc->bkhw", feature_maps, head.weight) + head.bias[None, :, None, None]',
                                    "return (feature_maps[:, None] * head.weight[None, :, :, None]).sum(2)"
                                    " + head.bias[None, :, None, None]")]},
        {"test_class_activation_maps"},
        ("not lined up", "(1, K, C, 1, 1)"),
    ),
    # Accepted: the pair returned as a list, which unpacks as the tuple does.
    "accepted_nearest_as_a_list": (
        {"nearest_by_cosine": [("    return values, indices", "    return [values, indices]")]},
        set(),
    ),
    # Values summed, not counted: on the check's meta models p.sum() is a meta tensor, which has no value.
    "count_sums_values": (
        {"count_trainable": [(COUNT, "    return sum(p.sum() for p in model.parameters() if p.requires_grad)")]},
        {"test_count_trainable"},
        ("meta", "read or computed values", "p.numel()"),
    ),
    # The state_dict's tensors filtered on requires_grad: they are detached copies, so none is counted.
    "count_state_dict_requires_grad": (
        {"count_trainable": [(COUNT, "    return sum(t.numel() for t in model.state_dict().values() "
                                     "if t.requires_grad)")]},
        {"test_count_trainable"},
        ("no tensor you counted has requires_grad True", "state_dict()", "detached"),
    ),
    # Every tensor of the state_dict: the batch norms' running statistics are not parameters.
    "count_state_dict": (
        {"count_trainable": [(COUNT, "    return sum(t.numel() for t in model.state_dict().values())")]},
        {"test_count_trainable"},
        ("state_dict()", "running statistics"),
    ),
    # A return inside the loop: only the first trainable tensor counted.
    "count_returns_inside_the_loop": (
        {"count_trainable": [(COUNT, "    for p in model.parameters():\n        if p.requires_grad:\n"
                                     "            return p.numel()")]},
        {"test_count_trainable"},
        ("only the first trainable tensor", "a return inside the loop"),
    ),
    # The first two dimensions taken with p.size(1): a 1-D bias has no second one.
    "count_size_0_times_size_1": (
        {"count_trainable": [("parameter.numel()", "parameter.size(0) * parameter.size(1)")]},
        {"test_count_trainable"},
        ("one dimension", "fc.bias", "p.numel()"),
    ),
    # p.numel without its parentheses: the method itself, which cannot be added up.
    "count_numel_uncalled": (
        {"count_trainable": [("parameter.numel()", "parameter.numel")]},
        {"test_count_trainable"},
        ("without its parentheses", "p.numel()"),
    ),
    # A loop over model.modules(): m.parameters() includes the submodules', so each is counted again.
    "count_through_modules": (
        {"count_trainable": [(COUNT, "    return sum(p.numel() for m in model.modules() for p in m.parameters() "
                                     "if p.requires_grad)")]},
        {"test_count_trainable"},
        ("counted more than once", "model.modules()"),
    ),
    # The mean number of values per tensor.
    "count_mean": (
        {"count_trainable": [(COUNT, "    sizes = [p.numel() for p in model.parameters() if p.requires_grad]\n"
                                     "    return sum(sizes) / len(sizes)")]},
        {"test_count_trainable"},
        "the mean number of values per tensor",
    ),
    # Accepted: a one-value integer tensor (the statement accepts one; the hidden judge too).
    "accepted_count_as_a_tensor": (
        {"count_trainable": [(COUNT, "    return torch.tensor([p.numel() for p in model.parameters() "
                                     "if p.requires_grad]).sum()")]},
        set(),
    ),
    # Accepted: the count of each parameter as the product of its shape.
    "accepted_count_as_products_of_shapes": (
        {"count_trainable": [("parameter.numel()", "math.prod(parameter.shape)"),
                             ("    return sum(", "    import math\n    return sum(")]},
        set(),
    ),
    # Read through NumPy: the check's meta models have no values to convert (the statement says so).
    "count_through_numpy": (
        {"count_trainable": [("parameter.numel()", "parameter.detach().numpy().size")]},
        {"test_count_trainable"},
        ("shapes only, no values", "p.numel()"),
    ),
    # A learning rate given as a list: each group's "lr" must be a number.
    "groups_lr_as_a_list": (
        {"fine_tuning_groups": [('"lr": lr * backbone_factor}', '"lr": [lr * backbone_factor]}')]},
        {"test_fine_tuning_groups"},
        ("group 0's lr is a number", "a list of 1 item", "give a number"),
    ),
    # The head's group holds its weight alone, its bias left in the body's group.
    "groups_head_bias_in_the_body": (
        {"fine_tuning_groups": [(GROUPS_BODY, "body = [p for p in model.parameters() if p is not head.weight]"),
                                ('{"params": list(head.parameters()), "lr": lr}',
                                 '{"params": [head.weight], "lr": lr}')]},
        {"test_fine_tuning_groups"},
        ("fc.bias, the head's, is in the body's group", "head.parameters()"),
    ),
    # The head's group holds its weight alone, its bias in no group.
    "groups_head_bias_in_no_group": (
        {"fine_tuning_groups": [('{"params": list(head.parameters()), "lr": lr}',
                                 '{"params": [head.weight], "lr": lr}')]},
        {"test_fine_tuning_groups"},
        ("1 is in none (fc.bias)", "its bias too"),
    ),
    # The body filtered on "weight" in the names: the biases are in no group.
    "groups_body_weights_only": (
        {"fine_tuning_groups": [(GROUPS_BODY, 'body = [p for n, p in model.named_parameters() '
                                              'if id(p) not in head_ids and "weight" in n]')]},
        {"test_fine_tuning_groups"},
        ("are in none", "the biases were left out", "whatever its name"),
    ),
    # The optimiser returned instead of its groups.
    "groups_returns_the_optimiser": (
        {"fine_tuning_groups": [("return [", "return torch.optim.AdamW(["), ('"lr": lr}]', '"lr": lr}])')]},
        {"test_fine_tuning_groups"},
        ("an AdamW optimiser", "return the groups"),
    ),
    # The most similar row skipped, as if the query were one of the rows.
    "nearest_skips_the_top_hit": (
        {"nearest_by_cosine": [("    values, indices = similarities.topk(k)\n    return values, indices",
                                "    values, indices = similarities.topk(k + 1)\n    return values[1:], indices[1:]")]},
        {"test_nearest_by_cosine"},
        ("the most similar row was skipped", "topk(k) as it is"),
    ),
    # F.cosine_similarity over dim=0: one cosine per column of the features, not per row.
    "nearest_cosine_similarity_over_dim_0": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES, "F.cosine_similarity(query, features, dim=0)")]},
        {"test_nearest_by_cosine"},
        ("over the wrong dimension", "dim=1, one value per row"),
    ),
    # Each row divided by its length without keepdim=True: (N, D) / (N,) lines the lengths up with the columns.
    "nearest_norm_without_keepdim": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES, "(features / features.norm(dim=1)) @ (query / query.norm())")]},
        {"test_nearest_by_cosine"},
        ("features.norm(dim=1, keepdim=True)", "lines them up with the last dimension"),
    ),
    # max for topk: one row, not k.
    "nearest_max_for_topk": (
        {"nearest_by_cosine": [("    values, indices = similarities.topk(k)\n    return values, indices",
                                "    return similarities.max(dim=0)")]},
        {"test_nearest_by_cosine"},
        ("shape ()", "one value came back", "topk(k)"),
    ),
    # Every row, sorted: not only the k nearest.
    "nearest_whole_sort": (
        {"nearest_by_cosine": [("    values, indices = similarities.topk(k)\n    return values, indices",
                                "    return similarities.sort(descending=True)")]},
        {"test_nearest_by_cosine"},
        ("shape (5,)", "k = 2 are asked for"),
    ),
    # topk over the normalised features themselves: (k, D), the largest of each column.
    "nearest_topk_over_the_features": (
        {"nearest_by_cosine": [("    similarities = F.normalize(features, dim=1) @ F.normalize(query, dim=0)     # (N,)\n"
                                "    values, indices = similarities.topk(k)\n    return values, indices",
                                "    return F.normalize(features, dim=1).topk(k, dim=0)")]},
        {"test_nearest_by_cosine"},
        ("shape (2, 3)", "topk ran over a matrix"),
    ),
    # Each row divided by its squared length.
    "nearest_squared_lengths": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES,
                                "(features / (features ** 2).sum(dim=1, keepdim=True)) @ F.normalize(query, dim=0)")]},
        {"test_nearest_by_cosine"},
        "squared length",
    ),
    # Accepted: F.cosine_similarity with the query broadcast over the rows (its default dim=1).
    "accepted_nearest_cosine_similarity_broadcast": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES, "F.cosine_similarity(query[None], features)")]},
        set(),
    ),
    # The head called on the maps as they are: nn.Linear acts on the last dimension, the width.
    "cam_head_on_the_maps": (
        {"class_activation_maps": [(CAM, "return head(feature_maps)")]},
        {"test_class_activation_maps"},
        ("nn.Linear acts on the last dimension", "Move the channels last"),
    ),
    # The product lined up rightly, summed over the classes (dimension 1) instead of the channels.
    "cam_sum_over_the_classes": (
        {"class_activation_maps": [(CAM, "return (feature_maps[:, None] * head.weight[None, :, :, None, None])"
                                         ".sum(dim=1) + head.bias[None, :, None, None]")]},
        {"test_class_activation_maps"},
        ("the sum ran over the classes", "instead of the channels"),
    ),
    # An einsum that keeps the channels and sums over the classes, without the bias: (B, C, h, w).
    "cam_einsum_keeps_the_channels": (
        {"class_activation_maps": [(CAM, 'return torch.einsum("bchw,kc->bchw", feature_maps, head.weight)')]},
        {"test_class_activation_maps"},
        ("returns (B, K, h, w)", "C = 6 channels, not K = 4 classes", "the sum ran over the classes"),
    ),
    # The same with the bias: it meets the C channels.
    "cam_einsum_keeps_the_channels_with_the_bias": (
        {"class_activation_maps": [('"bchw,kc->bkhw"', '"bchw,kc->bchw"')]},
        {"test_class_activation_maps"},
        "the sum ran over the classes",
    ),
    # The mean over the channels instead of the sum.
    "cam_mean_over_the_channels": (
        {"class_activation_maps": [(CAM, "return (feature_maps[:, None] * head.weight[None, :, :, None, None])"
                                         ".mean(dim=2) + head.bias[None, :, None, None]")]},
        {"test_class_activation_maps"},
        "the mean over the channels, not the sum",
    ),
    # Each map rescaled to [0, 1], as the notebook does only to draw them.
    "cam_rescaled": (
        {"class_activation_maps": [(CAM, "maps = " + CAM.removeprefix("return ") + "\n"
                                         "    low, high = maps.amin((2, 3), keepdim=True), maps.amax((2, 3), keepdim=True)\n"
                                         "    return (maps - low) / (high - low)")]},
        {"test_class_activation_maps"},
        ("rescaled to [0, 1]", "raw scores"),
    ),
    # Accepted: the channels moved last, the head applied, the scores moved back.
    "accepted_cam_by_permute": (
        {"class_activation_maps": [(CAM, "return head(feature_maps.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)")]},
        set(),
    ),
    # Only the parameters named "...weight" frozen: the biases stay trainable.
    "freeze_weights_only": (
        {"freeze_except_head": [("    for parameter in model.parameters():\n        parameter.requires_grad_(False)\n",
                                 "    for name, parameter in model.named_parameters():\n"
                                 "        if name.endswith(\"weight\"):\n            parameter.requires_grad_(False)\n")]},
        {"test_freeze_except_head"},
        ("the biases were not frozen", "whatever its name"),
    ),
    # The model not returned: the caller gets None.
    "freeze_returns_nothing": (
        {"freeze_except_head": [("    head.train()\n    return model", "    head.train()")]},
        {"test_freeze_except_head"},
        ("It returned None", "ends with return"),
    ),
    # A copy frozen and returned: the model the notebook goes on with is not frozen.
    "freeze_returns_a_copy": (
        {"freeze_except_head": [("    for parameter in model.parameters():\n        parameter.requires_grad_(False)\n",
                                 "    import copy\n    model = copy.deepcopy(model)\n"
                                 "    for parameter in model.parameters():\n        parameter.requires_grad_(False)\n")]},
        {"test_freeze_except_head"},
        ("a ResNet that is not the model it was given", "in place"),
    ),
    # Each top-level layer's own parameters frozen (recurse=False): those of the nested blocks stay trainable.
    "freeze_top_level_only": (
        {"freeze_except_head": [("    for parameter in model.parameters():\n        parameter.requires_grad_(False)\n",
                                 "    for child in model.children():\n"
                                 "        for parameter in child.parameters(recurse=False):\n"
                                 "            parameter.requires_grad_(False)\n")]},
        {"test_freeze_except_head"},
        ("recurse=False", "nested ones included"),
    ),
    # The last two parameters taken as the head's.
    "freeze_last_two_as_the_head": (
        {"freeze_except_head": [("    for parameter in head.parameters():\n        parameter.requires_grad_(True)\n",
                                 "    for parameter in list(model.parameters())[-2:]:\n"
                                 "        parameter.requires_grad_(True)\n")]},
        {"test_freeze_except_head"},
        ("the last two parameters were taken as the head's", "makes its head first"),
    ),
    # Every parameter of a head parameter's shape unfrozen: a body layer of that shape too.
    "freeze_head_by_shape": (
        {"freeze_except_head": [("    for parameter in head.parameters():\n        parameter.requires_grad_(True)\n",
                                 "    shapes = [q.shape for q in head.parameters()]\n"
                                 "    for parameter in model.parameters():\n"
                                 "        if parameter.shape in shapes:\n            parameter.requires_grad_(True)\n")]},
        {"test_freeze_except_head"},
        ("a body layer of the head's shape", "head.parameters()"),
    ),
    # (name, tensor) pairs from named_parameters() treated as tensors.
    "count_named_pairs": (
        {"count_trainable": [(COUNT, "    return sum(p.numel() for p in model.named_parameters() if p.requires_grad)")]},
        {"test_count_trainable"},
        ("(name, tensor) pairs", "model.parameters()"),
    ),
    # Bytes counted: 4 per float32 value.
    "count_bytes": (
        {"count_trainable": [("parameter.numel()", "parameter.numel() * parameter.element_size()")]},
        {"test_count_trainable"},
        ("bytes, not values", "p.numel() alone"),
    ),
    # The head's parameters counted, whatever is trainable: right only while the head alone is.
    "count_the_head_only": (
        {"count_trainable": [(COUNT, "    return sum(p.numel() for p in model.fc.parameters())")]},
        {"test_count_trainable"},
        ("only the head's parameters (model.fc)", "nothing is frozen"),
    ),
    # Each top-level layer's own parameters counted: those of the nested blocks are missed.
    "count_top_level_only": (
        {"count_trainable": [(COUNT, "    return sum(p.numel() for m in model.children() "
                                     "for p in m.parameters(recurse=False) if p.requires_grad)")]},
        {"test_count_trainable"},
        ("each top-level layer holds itself", "nested ones"),
    ),
    # The head's parameters told apart by their shapes: a body layer of the head's shape is in no group.
    "groups_head_by_shape": (
        {"fine_tuning_groups": [(GROUPS_BODY, "head_shapes = [q.shape for q in head.parameters()]\n"
                                              "    body = [p for p in model.parameters() if p.shape not in head_shapes]")]},
        {"test_fine_tuning_groups"},
        ("in none (features.5.weight, features.5.bias)", "told apart by what they hold", "id(p)"),
    ),
    # The same by their numbers of values.
    "groups_head_by_numel": (
        {"fine_tuning_groups": [(GROUPS_BODY, "head_sizes = {q.numel() for q in head.parameters()}\n"
                                              "    body = [p for p in model.parameters() if p.numel() not in head_sizes]")]},
        {"test_fine_tuning_groups"},
        ("the shape or the number of values", "told apart by what they hold"),
    ),
    # The last two parameters taken as the head's, head_name ignored.
    "groups_last_two_as_the_head": (
        {"fine_tuning_groups": [('return [{"params": body, "lr": lr * backbone_factor}, '
                                 '{"params": list(head.parameters()), "lr": lr}]',
                                 "ps = list(model.parameters())\n"
                                 '    return [{"params": ps[:-2], "lr": lr * backbone_factor}, {"params": ps[-2:], "lr": lr}]')]},
        {"test_fine_tuning_groups"},
        ("One group holds features.7.weight and features.7.bias", "the last two parameters were taken"),
    ),
    # Accepted: the parameters told apart by where their values are stored (the check's models have storage).
    "accepted_groups_by_data_ptr": (
        {"fine_tuning_groups": [("    head_ids = {id(parameter) for parameter in head.parameters()}\n" + "    " + GROUPS_BODY,
                                 "    head_pointers = {q.data_ptr() for q in head.parameters()}\n"
                                 "    body = [p for p in model.parameters() if p.data_ptr() not in head_pointers]")]},
        set(),
    ),
    # The body as every parameter that is not a matrix: the head's bias lands in both groups.
    "groups_body_without_matrices": (
        {"fine_tuning_groups": [(GROUPS_BODY, "body = [p for p in model.parameters() if p.dim() != 2]")]},
        {"test_fine_tuning_groups"},
        ("fc.bias is in the body's group too", "refuses a parameter that is in two groups"),
    ),
    # topk without sorting: the k nearest, in whatever order.
    "nearest_unsorted": (
        {"nearest_by_cosine": [("similarities.topk(k)", "similarities.topk(k, sorted=False)")]},
        {"test_nearest_by_cosine"},
        ("most similar first", "not in descending order", "sorted=True"),
    ),
    # The caller's tensors normalised in place.
    "nearest_normalises_in_place": (
        {"nearest_by_cosine": [("    similarities = F.normalize(features, dim=1) @ F.normalize(query, dim=0)     # (N,)",
                                "    features /= features.norm(dim=1, keepdim=True)\n    query /= query.norm()\n"
                                "    similarities = features @ query")]},
        {"test_nearest_by_cosine"},
        ("leaves the tensors it is given", "It changed the query and the features", "in-place division"),
    ),
    # A distance (1 - cos) ranked as if it were a similarity: the farthest rows.
    "nearest_distance_as_similarity": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES, "1 - " + NEAREST_SIMILARITIES)]},
        {"test_nearest_by_cosine"},
        ("the least similar rows, ranked by a distance", "Rank by the cosines themselves"),
    ),
    # The angle ranked as if it were a similarity.
    "nearest_angle_as_similarity": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES, "torch.acos(" + NEAREST_SIMILARITIES + ")")]},
        {"test_nearest_by_cosine"},
        "the least similar rows, ranked by a distance",
    ),
    # The two results stacked into one tensor.
    "nearest_stacked": (
        {"nearest_by_cosine": [("    return values, indices", "    return torch.stack([values, indices.float()])")]},
        {"test_nearest_by_cosine"},
        ("one tensor of shape (2, 2)", "stacked into one", "as a pair"),
    ),
    # Only the indices.
    "nearest_indices_only": (
        {"nearest_by_cosine": [("    return values, indices", "    return indices")]},
        {"test_nearest_by_cosine"},
        ("one tensor of shape (2,)", "the similarities and the indices"),
    ),
    # The features transposed in the product: (D, N) cannot multiply the query (D,).
    "nearest_transposed_product": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES, "F.normalize(features, dim=1).T @ F.normalize(query, dim=0)")]},
        {"test_nearest_by_cosine"},
        ("shapes do not fit", "one value per row"),
    ),
    # Each vector divided by its largest value, not its length.
    "nearest_divided_by_the_largest_value": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES, "(features / features.abs().amax(dim=1, keepdim=True)) "
                                                      "@ (query / query.abs().max())")]},
        {"test_nearest_by_cosine"},
        ("divided by its largest value, not by its length", "square root of the sum"),
    ),
    # einsum with the classes last in the output: (B, h, w, K).
    "cam_einsum_classes_last": (
        {"class_activation_maps": [(CAM, 'return torch.einsum("bchw,kc->bhwk", feature_maps, head.weight) + head.bias')]},
        {"test_class_activation_maps"},
        ("the classes are last, (B, h, w, K)", "permute(0, 3, 1, 2)"),
    ),
    # The same through tensordot.
    "cam_tensordot_classes_last": (
        {"class_activation_maps": [(CAM, "return torch.tensordot(feature_maps, head.weight, dims=([1], [1])) + head.bias")]},
        {"test_class_activation_maps"},
        "the classes are last, (B, h, w, K)",
    ),
    # A NumPy array for the maps.
    "cam_as_numpy": (
        {"class_activation_maps": [(CAM, "return (" + CAM.removeprefix("return ") + ").detach().numpy()")]},
        {"test_class_activation_maps"},
        ("returns a tensor", "a NumPy array (from .numpy()?)"),
    ),
    # The pooled scores, one per image and class, without the positions.
    "cam_pooled_without_the_positions": (
        {"class_activation_maps": [('"bchw,kc->bkhw", feature_maps, head.weight)',
                                    '"bchw,kc->bk", feature_maps, head.weight)[:, :, None, None]')]},
        {"test_class_activation_maps"},
        ("one score per image and class", "Keep h and w"),
    ),
    # The bias spread over the positions.
    "cam_bias_divided_by_the_positions": (
        {"class_activation_maps": [("head.bias[None, :, None, None]",
                                    "head.bias[None, :, None, None] / (feature_maps.shape[2] * feature_maps.shape[3])")]},
        {"test_class_activation_maps"},
        "the bias divided by the number of positions",
    ),
    # The biases of all the classes added up.
    "cam_bias_summed": (
        {"class_activation_maps": [("head.bias[None, :, None, None]", "head.bias.sum()")]},
        {"test_class_activation_maps"},
        ("the biases of all the classes added up", "head.bias[k]"),
    ),
    # The last layer made in __init__ taken as the head.
    "freeze_last_layer_as_the_head": (
        {"freeze_except_head": [("    for parameter in head.parameters():\n        parameter.requires_grad_(True)\n",
                                 "    head = list(model.children())[-1]\n"
                                 "    for parameter in head.parameters():\n        parameter.requires_grad_(True)\n")]},
        {"test_freeze_except_head"},
        ("the last layer made in __init__", "list(model.children())[-1]", "by head_name"),
    ),
    # The same in the groups: right on ResNet-18, whose head is made last.
    "groups_last_layer_as_the_head": (
        {"fine_tuning_groups": [("    head_ids = {id(parameter) for parameter in head.parameters()}",
                                 "    head = list(model.children())[-1]\n"
                                 "    head_ids = {id(parameter) for parameter in head.parameters()}")]},
        {"test_fine_tuning_groups"},
        ("found by its position", "Find it by head_name"),
    ),
    # The indices made floats: a row's number is a whole number, as topk returns it.
    "nearest_indices_as_floats": (
        {"nearest_by_cosine": [("    return values, indices", "    return values, indices.float()")]},
        {"test_nearest_by_cosine"},
        ("a whole number (an int) is expected", ".float()"),
    ),
    # The maps' positions flattened: (B, K, h * w) for (B, K, h, w).
    "cam_positions_flattened": (
        {"class_activation_maps": [("head.bias[None, :, None, None]", "head.bias[None, :, None, None]).flatten(2)"),
                                   ("    return torch.einsum(", "    return (torch.einsum(")]},
        {"test_class_activation_maps"},
        ("dimensions were merged", "flatten"),
    ),
    # The head returned instead of the model, after freezing rightly in place.
    "freeze_returns_the_head": (
        {"freeze_except_head": [("    return model", "    return head")]},
        {"test_freeze_except_head"},
        ("It returned model.fc (a Linear), a part of the model", "return model"),
    ),
    # The freeze inverted: the body trainable, the head frozen.
    "freeze_inverted": (
        {"freeze_except_head": [("parameter.requires_grad_(False)", "parameter.requires_grad_(@)"),
                                ("parameter.requires_grad_(True)", "parameter.requires_grad_(False)"),
                                ("parameter.requires_grad_(@)", "parameter.requires_grad_(True)")]},
        {"test_freeze_except_head"},
        ("the body and the head were swapped", "then unfreeze the head's"),
    ),
    # Only the matrices and convolution kernels frozen ("freeze the weights"): biases and batch norms stay trainable.
    "freeze_only_multidimensional": (
        {"freeze_except_head": [("        parameter.requires_grad_(False)\n",
                                 "        if parameter.dim() > 1:\n            parameter.requires_grad_(False)\n")]},
        {"test_freeze_except_head"},
        ("only the parameters with more than one dimension were frozen", "batch norms' weights"),
    ),
    # The query made a row, (1, D): the similarities are (1, N), and topk's results (1, k).
    "nearest_query_as_a_row": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES,
                                "(F.normalize(query[None], dim=1) @ F.normalize(features, dim=1).T)")]},
        {"test_nearest_by_cosine"},
        ("shape (1, 2)", "an extra dimension of size 1", "Keep the query 1-D"),
    ),
    # The query made a column, (D, 1): the similarities are (N, 1), and topk over dim 0 gives (k, 1).
    "nearest_query_as_a_column_topk_over_dim_0": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES, "F.normalize(features, dim=1) @ F.normalize(query, dim=0)[:, None]"),
                               ("similarities.topk(k)", "similarities.topk(k, dim=0)")]},
        {"test_nearest_by_cosine"},
        ("shape (2, 1)", "an extra dimension of size 1", "Keep the query 1-D"),
    ),
    # The query made a column, and topk over the last dimension, of size 1: PyTorch refuses.
    "nearest_query_as_a_column": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES, "F.normalize(features, dim=1) @ F.normalize(query, dim=0)[:, None]")]},
        {"test_nearest_by_cosine"},
        ("selected index k out of range", "fewer than k values", "Keep the query 1-D"),
    ),
    # The rows ranked by the size of their cosine: the opposite ones count as near.
    "nearest_ranked_by_abs": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES, "(" + NEAREST_SIMILARITIES + ").abs()")]},
        {"test_nearest_by_cosine"},
        ("by the size of their cosine (abs())", "the least similar"),
    ),
    # [:k] on sort's (values, indices) pair: every row comes back.
    "nearest_sort_pair_sliced": (
        {"nearest_by_cosine": [("    values, indices = similarities.topk(k)\n    return values, indices",
                                "    return torch.sort(similarities, descending=True)[:k]")]},
        {"test_nearest_by_cosine"},
        ("all 5 rows came back", "[:k] on that pair keeps both of its items"),
    ),
    # The head's weight multiplied with @ on the maps as they are: @ pairs it with (h, w).
    "cam_weight_matmul_on_the_maps": (
        {"class_activation_maps": [(CAM, "return head.weight @ feature_maps + head.bias[None, :, None, None]")]},
        {"test_class_activation_maps"},
        ("head.weight @ feature_maps multiplies the maps' last two dimensions", "met the height h"),
    ),
    # The weight as (K, C, 1, 1) times the maps (B, C, h, w): its K classes meet the B images.
    "cam_weight_on_the_images": (
        {"class_activation_maps": [(CAM, "return (head.weight[:, :, None, None] * feature_maps).sum(1)"
                                         " + head.bias[None, :, None, None]")]},
        {"test_class_activation_maps"},
        ("K classes up with the maps' B images", "(B, 1, C, h, w) times (1, K, C, 1, 1)"),
    ),
    # The positions flattened and the product right, but the bias (K,) added as it is: it meets h * w.
    "cam_flattened_bias_unreshaped": (
        {"class_activation_maps": [(CAM, "B, C, h, w = feature_maps.shape\n"
                                         "    return ((head.weight @ feature_maps.flatten(2)) + head.bias).view(B, -1, h, w)")]},
        {"test_class_activation_maps"},
        ("the bias added unreshaped", "(the positions flattened)", "head.bias[:, None]"),
    ),
    # Accepted: the positions flattened, the weight multiplied with @, the bias as (K, 1).
    "accepted_cam_flattened_matmul": (
        {"class_activation_maps": [(CAM, "B, C, h, w = feature_maps.shape\n"
                                         "    return ((head.weight @ feature_maps.flatten(2)) + head.bias[:, None])"
                                         ".view(B, -1, h, w)")]},
        set(),
    ),
    # A sigmoid on the scores.
    "cam_sigmoid": (
        {"class_activation_maps": [("return torch.einsum", "return torch.sigmoid(torch.einsum"),
                                   ("head.bias[None, :, None, None]", "head.bias[None, :, None, None])")]},
        {"test_class_activation_maps"},
        ("a sigmoid of the scores", "before any sigmoid or softmax"),
    ),
    # ReLU on the feature maps before the head (a Grad-CAM habit).
    "cam_relu_on_the_features": (
        {"class_activation_maps": [("feature_maps, head.weight", "feature_maps.relu(), head.weight")]},
        {"test_class_activation_maps"},
        ("the feature maps' negative values clipped to 0 (relu) before the head",),
    ),
    # The same in place: the caller's feature maps are changed.
    "cam_relu_in_place_on_the_features": (
        {"class_activation_maps": [("feature_maps, head.weight", "feature_maps.relu_(), head.weight")]},
        {"test_class_activation_maps"},
        ("leaves the feature maps as they were", "in-place operation"),
    ),
    # The shapes added up: torch.Size is a tuple, and Python refuses to add it to an int.
    "count_sizes_summed": (
        {"count_trainable": [(COUNT, "    return sum(p.size() for p in model.parameters() if p.requires_grad)")]},
        {"test_count_trainable"},
        ("p.size() (and p.shape) is a parameter's shape", "p.numel()"),
    ),
    # The buffers (batch norms' running statistics) counted with the trainable parameters.
    "count_with_the_buffers": (
        {"count_trainable": [(COUNT, "    return sum(b.numel() for b in model.buffers()) + sum(p.numel() for p in "
                                     "model.parameters() if p.requires_grad)")]},
        {"test_count_trainable"},
        ("the buffers too", "model.parameters()"),
    ),
    # head.train() copied from exercise 1 in place of model.train(): the body stays in evaluation mode.
    "groups_head_train_only": (
        {"fine_tuning_groups": [("    model.train()\n", "    head.train()\n")]},
        {"test_fine_tuning_groups"},
        ("only the head is in training mode", "model.train()"),
    ),
    # The head's ids in a map iterator: the first `in` test uses it up, so the head lands in the body too.
    "groups_head_ids_in_a_map": (
        {"fine_tuning_groups": [("    head_ids = {id(parameter) for parameter in head.parameters()}",
                                 "    head_ids = map(id, head.parameters())")]},
        {"test_fine_tuning_groups"},
        ("in the body's group too", "one-pass iterator", "keep them in a set"),
    ),
    # The body as every parameter, filtered by requires_grad after the unfreeze: the head lands in both groups.
    "groups_body_by_requires_grad_after_unfreezing": (
        {"fine_tuning_groups": [(GROUPS_BODY, "body = [parameter for parameter in model.parameters() "
                                              "if parameter.requires_grad]")]},
        {"test_fine_tuning_groups"},
        ("in the body's group too", "requires_grad no longer tells the head's from the others"),
    ),
    # Every parameter in the body's group: the message says so, and asks after no iterator.
    "groups_body_every_parameter": (
        {"fine_tuning_groups": [(GROUPS_BODY, "body = [parameter for parameter in model.parameters()]")]},
        {"test_fine_tuning_groups"},
        ("in the body's group too", "holds every parameter of the model"),
    ),
    # The head left out of the body by the name 'fc': right on ResNet-18, the head in both groups elsewhere.
    "groups_body_by_the_name_fc": (
        {"fine_tuning_groups": [(GROUPS_BODY, "body = [parameter for name, parameter in model.named_parameters() "
                                              "if not name.startswith('fc')]")]},
        {"test_fine_tuning_groups"},
        ("in the body's group too", "by the name 'fc' written in the code", "not by head_name"),
    ),
    # The same with the children: a child named 'fc' left out of the body.
    "groups_body_without_the_child_fc": (
        {"fine_tuning_groups": [(GROUPS_BODY, "body = [parameter for name, child in model.named_children() "
                                              "if name != 'fc' for parameter in child.parameters()]")]},
        {"test_fine_tuning_groups"},
        ("by the name 'fc' written in the code", "not by head_name"),
    ),
    # The body taken as the frozen parameters, before the unfreeze: right on a frozen model, empty on another.
    "groups_body_as_the_frozen_parameters": (
        {"fine_tuning_groups": [("    for parameter in model.parameters():\n        parameter.requires_grad_(True)\n"
                                 "    model.train()\n",
                                 "    body = [parameter for parameter in model.parameters() if not parameter.requires_grad]\n"
                                 "    for parameter in model.parameters():\n        parameter.requires_grad_(True)\n"
                                 "    model.train()\n"),
                                (GROUPS_BODY, "")]},
        {"test_fine_tuning_groups"},
        ("chosen by requires_grad, as the frozen parameters", "that is not frozen", "by identity"),
    ),
    # The body as every layer but the last made in __init__: right on ResNet-18, whose head is made last.
    "groups_body_all_children_but_the_last": (
        {"fine_tuning_groups": [(GROUPS_BODY, "body = [parameter for child in list(model.children())[:-1] "
                                              "for parameter in child.parameters()]")]},
        {"test_fine_tuning_groups"},
        ("list(model.children())[:-1]", "makes its head first", "by identity"),
    ),
    # requires_grad_ assigned, not called: the method replaced by a bool, which the next line calls.
    "freeze_method_name_assigned": (
        {"freeze_except_head": [("        parameter.requires_grad_(False)\n", "        parameter.requires_grad_ = False\n")]},
        {"test_freeze_except_head"},
        ("'bool' object is not callable", "a method's name was assigned a value", "p.requires_grad = False"),
    ),
    # The same on both lines: nothing raises, and nothing is frozen.
    "freeze_method_name_assigned_twice": (
        {"freeze_except_head": [("        parameter.requires_grad_(False)\n", "        parameter.requires_grad_ = False\n"),
                                ("        parameter.requires_grad_(True)\n", "        parameter.requires_grad_ = True\n")]},
        {"test_freeze_except_head"},
        ("nothing was frozen", "replaces the method by a value"),
    ),
    # Only the convolutions frozen (by layer type): on ResNet-18 the same as only the 2-D and 4-D parameters.
    "freeze_only_the_convolutions": (
        {"freeze_except_head": [("    for parameter in model.parameters():\n        parameter.requires_grad_(False)\n",
                                 "    for module in model.modules():\n        if isinstance(module, nn.Conv2d):\n"
                                 "            for parameter in module.parameters():\n"
                                 "                parameter.requires_grad_(False)\n")]},
        {"test_freeze_except_head"},
        ("or only the convolutions'", "are parameters too"),
    ),
    # The unfreeze written as an assignment to the method's name: the model stays frozen.
    "groups_method_name_assigned": (
        {"fine_tuning_groups": [("        parameter.requires_grad_(True)\n", "        parameter.requires_grad_ = True\n")]},
        {"test_fine_tuning_groups"},
        ("still frozen", "replaces the method by a value"),
    ),
    # The channels moved last, rightly, but the weight (K, C) not transposed.
    "cam_flattened_rows_weight_not_transposed": (
        {"class_activation_maps": [(CAM, "B, C, h, w = feature_maps.shape\n"
                                         "    scores = feature_maps.flatten(2).transpose(1, 2) @ head.weight + head.bias\n"
                                         "    return scores.transpose(1, 2).reshape(B, -1, h, w)")]},
        {"test_class_activation_maps"},
        ("rows of C channels (channels last), rightly", "head.weight.T"),
    ),
    # The same with F.linear given the weight transposed: it transposes it itself.
    "cam_linear_with_the_weight_transposed": (
        {"class_activation_maps": [(CAM, "return F.linear(feature_maps.permute(0, 2, 3, 1), head.weight.T, head.bias)"
                                         ".permute(0, 3, 1, 2)")]},
        {"test_class_activation_maps"},
        ("rows of C channels (channels last), rightly", "transposes it itself"),
    ),
    # The positions as rows, (B, h * w, C), with the weight on their left.
    "cam_weight_on_the_left_of_rows": (
        {"class_activation_maps": [(CAM, "B, C, h, w = feature_maps.shape\n"
                                         "    scores = head.weight @ feature_maps.flatten(2).transpose(1, 2)\n"
                                         "    return (scores + head.bias[:, None]).view(B, -1, h, w)")]},
        {"test_class_activation_maps"},
        ("head.weight @ x met the h * w positions", "x @ head.weight.T"),
    ),
    # The bias reshaped, but its K values put in dimension 2 (the height).
    "cam_bias_on_the_height": (
        {"class_activation_maps": [("head.bias[None, :, None, None]", "head.bias.view(1, 1, -1, 1)")]},
        {"test_class_activation_maps"},
        ("lined up with the height (dimension 2)", "(1, K, 1, 1)"),
    ),

    # --- found by a new student's walk through the notebook ---
    # A new head made inside the function (cell 12 says a new head replaces ImageNet's): every tick passed, but the
    # notebook's optimiser holds the parameters of the head the model had, which is no longer used.
    "freeze_makes_a_new_head": (
        {"freeze_except_head": [("    model.eval()        # batch norm: the stored statistics, never updated; "
                                 "dropout off\n    head.train()\n",
                                 "    setattr(model, head_name, nn.Linear(head.in_features, head.out_features))\n"
                                 "    model.eval()\n    getattr(model, head_name).train()\n")]},
        {"test_freeze_except_head"},
        ("the head was replaced", "Freeze the head the model has"),
    ),
    # The head's parameter names written into the code: right for "fc" and "classifier" only.
    "freeze_head_parameter_names_written": (
        {"freeze_except_head": [(UNFREEZE_HEAD,
                                 "    for name, parameter in model.named_parameters():\n"
                                 "        if name in ('fc.weight', 'fc.bias', 'classifier.weight', 'classifier.bias'):\n"
                                 "            parameter.requires_grad_(True)\n")]},
        {"test_freeze_except_head"},
        ("names written into the code", "head_name"),
    ),
    # Autograd switched off for the whole session: later backward() calls fail.
    "freeze_switches_autograd_off": (
        {"freeze_except_head": [(FREEZE_ALL, "    torch.set_grad_enabled(False)\n" + FREEZE_ALL)]},
        {"test_freeze_except_head"},
        ("Autograd was switched off", "p.requires_grad_(False)"),
    ),
    # The same with a torch.no_grad() entered and never left.
    "freeze_enters_no_grad": (
        {"freeze_except_head": [(FREEZE_ALL, "    torch.no_grad().__enter__()\n" + FREEZE_ALL)]},
        {"test_freeze_except_head"},
        ("Autograd was switched off",),
    ),
    # The head found by its name inside each parameter's name: a body layer named like it is taken too.
    "freeze_head_name_in_parameter_name": (
        {"freeze_except_head": [(FREEZE_ALL + UNFREEZE_HEAD,
                                 "    for name, parameter in model.named_parameters():\n"
                                 "        parameter.requires_grad_(head_name in name)\n")]},
        {"test_freeze_except_head"},
        ("begin with (or contain) the head's name", "head_norm"),
    ),
    "freeze_parameter_name_starts_with_head_name": (
        {"freeze_except_head": [(FREEZE_ALL + UNFREEZE_HEAD,
                                 "    for name, parameter in model.named_parameters():\n"
                                 "        parameter.requires_grad_(name.startswith(head_name))\n")]},
        {"test_freeze_except_head"},
        ("begin with (or contain) the head's name", "head_norm"),
    ),
    # The right test on the names, with the dot: right on every network the course has.
    "accepted_freeze_by_the_head_names_prefix": (
        {"freeze_except_head": [(FREEZE_ALL + UNFREEZE_HEAD,
                                 "    for name, parameter in model.named_parameters():\n"
                                 "        parameter.requires_grad_(name.startswith(head_name + '.'))\n")]},
        set(),
    ),
    # Each child frozen: a parameter that the model holds itself, in no layer, stays trainable.
    "freeze_children_only": (
        {"freeze_except_head": [(FREEZE_ALL, "    for child in model.children():\n"
                                             "        child.requires_grad_(False)\n")]},
        {"test_freeze_except_head"},
        ("logit_scale", "model.children()"),
    ),
    # Only the head's weight unfrozen: its bias stays frozen.
    "freeze_head_weight_only": (
        {"freeze_except_head": [(UNFREEZE_HEAD, "    head.weight.requires_grad_(True)\n")]},
        {"test_freeze_except_head"},
        ("the head's bias was left frozen",),
    ),
    # The head's parameters told apart by `in` on a list of tensors: compared by value, which fails.
    "freeze_in_compares_values": (
        {"freeze_except_head": [(FREEZE_ALL + UNFREEZE_HEAD,
                                 "    head_parameters = list(head.parameters())\n"
                                 "    for parameter in model.parameters():\n"
                                 "        parameter.requires_grad_(parameter in head_parameters)\n")]},
        {"test_freeze_except_head"},
        ("compares p with each of them by value", "head.parameters()"),
    ),
    # An attribute set on the head module: no parameter of the head is unfrozen.
    "freeze_head_requires_grad_attribute": (
        {"freeze_except_head": [(UNFREEZE_HEAD, "    head.requires_grad = True\n")]},
        {"test_freeze_except_head"},
        ("the head was frozen too", "head.requires_grad_(True)"),
    ),
    # The total set back to 0 inside the loop: only the last tensor counted.
    "count_total_reset_in_the_loop": (
        {"count_trainable": [(COUNT, "    for p in model.parameters():\n        total = 0\n"
                                     "        if p.requires_grad:\n            total += p.numel()\n    return total")]},
        {"test_count_trainable"},
        ("only the last trainable tensor", "inside the loop"),
    ),
    # A product of the sizes started at 0.
    "count_product_started_at_0": (
        {"count_trainable": [(COUNT, "    total = 0\n    for p in model.parameters():\n        if p.requires_grad:\n"
                                     "            n = 0\n            for size in p.shape:\n                n *= size\n"
                                     "            total += n\n    return total")]},
        {"test_count_trainable"},
        ("a product of its sizes was started at 0", "p.numel()"),
    ),
    # The same started at 1: right.
    "accepted_count_by_a_product_loop": (
        {"count_trainable": [(COUNT, "    total = 0\n    for p in model.parameters():\n        if p.requires_grad:\n"
                                     "            n = 1\n            for size in p.shape:\n                n *= size\n"
                                     "            total += n\n    return total")]},
        set(),
    ),
    # The largest tensor, not the sum.
    "count_largest_tensor": (
        {"count_trainable": [("return sum(", "return max(")]},
        {"test_count_trainable"},
        ("the largest tensor's count (max)",),
    ),
    # The first dimension left out of each product.
    "count_first_dimension_left_out": (
        {"count_trainable": [("parameter.numel()", "parameter.shape[1:].numel()")]},
        {"test_count_trainable"},
        ("first dimension left out",),
    ),
    # Only the parameters with more than one dimension: the biases and the batch norms' weights left out.
    "count_multidimensional_only": (
        {"count_trainable": [("if parameter.requires_grad)", "if parameter.requires_grad and parameter.dim() > 1)")]},
        {"test_count_trainable"},
        ("only the parameters with more than one dimension", "are parameters too"),
    ),
    # A count returned as a string, formatted for printing.
    "count_as_a_string": (
        {"count_trainable": [(COUNT, COUNT.replace("return ", "return f'{") + ":,}'")]},
        {"test_count_trainable"},
        ("returned str",),
    ),
    # The last dimension for the number of values.
    "count_last_dimension": (
        {"count_trainable": [("parameter.numel()", "parameter.shape[-1]")]},
        {"test_count_trainable"},
        ("p.shape[-1]", "p.numel()"),
    ),
    # The count in millions.
    "count_in_millions": (
        {"count_trainable": [(COUNT, COUNT + " / 1e6")]},
        {"test_count_trainable"},
        ("divided by 1,000,000", "millions", "the number of values itself"),
    ),
    # The same with floor division: 0.
    "count_in_millions_rounded_down": (
        {"count_trainable": [(COUNT, COUNT + " // 1e6")]},
        {"test_count_trainable"},
        ("the count in millions", "rounded down", "the number of values itself"),
    ),
    # requires_grad compared with a string: never equal.
    "count_requires_grad_as_a_string": (
        {"count_trainable": [("if parameter.requires_grad)", 'if parameter.requires_grad == "True")')]},
        {"test_count_trainable"},
        ("compared with a string", "if p.requires_grad"),
    ),
    # model.parameters without its parentheses.
    "count_parameters_uncalled": (
        {"count_trainable": [("model.parameters()", "model.parameters")]},
        {"test_count_trainable"},
        ("model.parameters is the method itself", "model.parameters()"),
    ),
    # Only the body unfrozen: a head that came frozen stays frozen.
    "groups_only_the_body_unfrozen": (
        {"fine_tuning_groups": [("    for parameter in model.parameters():\n        parameter.requires_grad_(True)\n"
                                 "    model.train()\n", "    model.train()\n"),
                                (GROUPS_BODY, GROUPS_BODY + "\n    for parameter in body:\n"
                                              "        parameter.requires_grad_(True)")]},
        {"test_fine_tuning_groups"},
        ("only the body was unfrozen",),
    ),
    # The body from the children but the head: a parameter that the model holds itself is in no group.
    "groups_body_from_the_children": (
        {"fine_tuning_groups": [(GROUPS_BODY, "body = [parameter for child in model.children() if child is not head "
                                              "for parameter in child.parameters()]")]},
        {"test_fine_tuning_groups"},
        ("held by the model itself", "model.children()"),
    ),
    # The body as the parameters whose names do not contain the head's: a body layer named like it is left out.
    "groups_body_by_head_name_not_in_name": (
        {"fine_tuning_groups": [(GROUPS_BODY, "body = [parameter for name, parameter in model.named_parameters() "
                                              "if head_name not in name]")]},
        {"test_fine_tuning_groups"},
        ("whose name begins with the head's", "by identity"),
    ),
    # The head frozen after the unfreeze.
    "groups_head_frozen": (
        {"fine_tuning_groups": [("    model.train()\n", "    model.train()\n    for parameter in head.parameters():\n"
                                                      "        parameter.requires_grad_(False)\n")]},
        {"test_fine_tuning_groups"},
        ("the head's parameters are frozen",),
    ),
    # The factor applied to both groups.
    "groups_factor_on_both": (
        {"fine_tuning_groups": [('"lr": lr}]', '"lr": lr * backbone_factor}]')]},
        {"test_fine_tuning_groups"},
        ("the factor applied to both groups",),
    ),
    # Only the batch norms put in training mode.
    "groups_only_batch_norms_in_training_mode": (
        {"fine_tuning_groups": [("    model.train()\n", "    for module in model.modules():\n"
                                                      "        if isinstance(module, nn.BatchNorm2d):\n"
                                                      "            module.train()\n")]},
        {"test_fine_tuning_groups"},
        ("only the batch norms were put in training mode", "model.train()"),
    ),
    # The head put back in evaluation mode.
    "groups_head_in_evaluation_mode": (
        {"fine_tuning_groups": [("    model.train()\n", "    model.train()\n    head.eval()\n")]},
        {"test_fine_tuning_groups"},
        ("the head is in evaluation mode", "model.train() alone"),
    ),
    # Autograd switched off for the whole session.
    "groups_switches_autograd_off": (
        {"fine_tuning_groups": [("    model.train()\n", "    model.train()\n    torch.set_grad_enabled(False)\n")]},
        {"test_fine_tuning_groups"},
        ("Autograd was switched off",),
    ),
    # The features centred first, as the PCA cell above does.
    "nearest_centred_features": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES,
                                "F.normalize(features - features.mean(dim=0), dim=1) @ "
                                "F.normalize(query - features.mean(dim=0), dim=0)")]},
        {"test_nearest_by_cosine"},
        ("the features were centred first",),
    ),
    # Each vector centred on its own mean: a correlation.
    "nearest_correlation": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES,
                                "F.normalize(features - features.mean(dim=1, keepdim=True), dim=1) @ "
                                "F.normalize(query - query.mean(), dim=0)")]},
        {"test_nearest_by_cosine"},
        ("a correlation, not a cosine",),
    ),
    # The cosines squared.
    "nearest_cosines_squared": (
        {"nearest_by_cosine": [("similarities.topk(k)", "(similarities ** 2).topk(k)")]},
        {"test_nearest_by_cosine"},
        ("the cosines squared",),
    ),
    # Distances, the smallest first: the right rows, but 1 - cos for the similarities.
    "nearest_distances_smallest_first": (
        {"nearest_by_cosine": [("similarities.topk(k)", "(1 - similarities).topk(k, largest=False)")]},
        {"test_nearest_by_cosine"},
        ("distances (1 - cos)",),
    ),
    # Angles, the smallest first.
    "nearest_angles_smallest_first": (
        {"nearest_by_cosine": [("similarities.topk(k)", "similarities.clamp(-1, 1).acos().topk(k, largest=False)")]},
        {"test_nearest_by_cosine"},
        ("angles (acos",),
    ),
    # The products summed over dim 0: one value per column.
    "nearest_summed_over_dim_0": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES,
                                "(F.normalize(features, dim=1) * F.normalize(query, dim=0)).sum(dim=0)")]},
        {"test_nearest_by_cosine"},
        ("summed over dim 0",),
    ),
    # A softmax of the cosines.
    "nearest_softmax": (
        {"nearest_by_cosine": [("similarities.topk(k)", "similarities.softmax(dim=0).topk(k)")]},
        {"test_nearest_by_cosine"},
        ("a softmax of the cosines",),
    ),
    # One row fewer than asked for.
    "nearest_one_short": (
        {"nearest_by_cosine": [("similarities.topk(k)", "similarities.topk(k - 1)")]},
        {"test_nearest_by_cosine"},
        ("1 value came back",),
    ),
    # The maps squeezed: a batch of one image, or a head of one class, loses its dimension.
    "cam_squeezed": (
        {"class_activation_maps": [(CAM, CAM.replace("return ", "return (") + ").squeeze()")]},
        {"test_class_activation_maps"},
        ("squeezed away",),
    ),
    # The 1/(hw) of the pooling kept.
    "cam_pooling_factor_kept": (
        {"class_activation_maps": [(CAM, "h, w = feature_maps.shape[2:]\n    return torch.einsum(\"bchw,kc->bkhw\", "
                                         "feature_maps, head.weight) / (h * w) + head.bias[None, :, None, None]")]},
        {"test_class_activation_maps"},
        ("the 1/(hw) of the pooling kept",),
    ),
    # The number of classes written into the code.
    "cam_classes_written": (
        {"class_activation_maps": [(CAM, "B, C, h, w = feature_maps.shape\n"
                                         "    return head(feature_maps.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)"
                                         ".reshape(B, 2, h, w)")]},
        {"test_class_activation_maps"},
        ("a number of classes written into the code", "head.out_features"),
    ),
    # A loop over the positions, right.
    "accepted_cam_by_a_loop": (
        {"class_activation_maps": [(CAM, "B, C, h, w = feature_maps.shape\n"
                                         "    cams = feature_maps.new_zeros(B, head.out_features, h, w)\n"
                                         "    for i in range(h):\n        for j in range(w):\n"
                                         "            cams[:, :, i, j] = head(feature_maps[:, :, i, j])\n"
                                         "    return cams")]},
        set(),
    ),
    # The same with the ranges swapped.
    "cam_loop_ranges_swapped": (
        {"class_activation_maps": [(CAM, "B, C, h, w = feature_maps.shape\n"
                                         "    cams = feature_maps.new_zeros(B, head.out_features, h, w)\n"
                                         "    for i in range(w):\n        for j in range(h):\n"
                                         "            cams[:, :, i, j] = head(feature_maps[:, :, i, j])\n"
                                         "    return cams")]},
        {"test_class_activation_maps"},
        ("ran past the height", "swapped"),
    ),
    # The same, one row short.
    "cam_loop_one_row_short": (
        {"class_activation_maps": [(CAM, "B, C, h, w = feature_maps.shape\n"
                                         "    cams = feature_maps.new_zeros(B, head.out_features, h, w)\n"
                                         "    for i in range(h - 1):\n        for j in range(w):\n"
                                         "            cams[:, :, i, j] = head(feature_maps[:, :, i, j])\n"
                                         "    return cams")]},
        {"test_class_activation_maps"},
        ("the positions of the last row left as they were made", "range(h)"),
    ),
    # The bias added at one position only.
    "cam_bias_at_one_position": (
        {"class_activation_maps": [(CAM, "cams = torch.einsum(\"bchw,kc->bkhw\", feature_maps, head.weight)\n"
                                         "    cams[:, :, 0, 0] += head.bias\n    return cams")]},
        {"test_class_activation_maps"},
        ("the bias added at one position only",),
    ),
    # --- Walk 7 ---
    # The head taken as the last of model.modules(): right on ResNet-18, a ReLU with no parameters on a network
    # that makes its head first.
    "freeze_head_as_the_last_module": (
        {"freeze_except_head": [(UNFREEZE_HEAD, "    last = list(model.modules())[-1]\n"
                                                "    for parameter in last.parameters():\n"
                                                "        parameter.requires_grad_(True)\n"),
                                ("    head.train()\n", "    last.train()\n")]},
        {"test_freeze_except_head"},
        ("the last module of model.modules()", "features.8", "by head_name"),
    ),
    # Frozen through the state dict's tensors, detached copies: nothing is frozen.
    "freeze_through_the_state_dict": (
        {"freeze_except_head": [(FREEZE_ALL, "    for tensor in model.state_dict().values():\n"
                                             "        tensor.requires_grad_(False)\n")]},
        {"test_freeze_except_head"},
        ("nothing was frozen", "model.state_dict() are detached copies"),
    ),
    # model.parameters without its parentheses.
    "freeze_parameters_not_called": (
        {"freeze_except_head": [(FREEZE_ALL, FREEZE_ALL.replace("model.parameters()", "model.parameters"))]},
        {"test_freeze_except_head"},
        ("without its parentheses", "model.parameters()"),
    ),
    # The body taken from the state dict (keep_vars=True keeps the parameters themselves): the batch norms'
    # buffers come with them.
    "groups_body_from_the_state_dict": (
        {"fine_tuning_groups": [(GROUPS_BODY, "body = [tensor for tensor in model.state_dict(keep_vars=True).values() "
                                              "if id(tensor) not in head_ids]")]},
        {"test_fine_tuning_groups"},
        ("the model's buffers", "running statistics", "model.parameters()"),
    ),
    # The head's group as the last two parameters, the body right: wrong on a network that makes its head first.
    "groups_head_as_the_last_two_parameters": (
        {"fine_tuning_groups": [('{"params": list(head.parameters()), "lr": lr}',
                                 '{"params": list(model.parameters())[-2:], "lr": lr}')]},
        {"test_fine_tuning_groups"},
        ("the last two parameters were taken as the head's", "features.7.weight"),
    ),
    # None among a group's params.
    "groups_params_hold_none": (
        {"fine_tuning_groups": [('{"params": body, "lr": lr * backbone_factor}',
                                 '{"params": body + [None], "lr": lr * backbone_factor}')]},
        {"test_fine_tuning_groups"},
        ("They hold None, not a tensor",),
    ),
    # None as a learning rate.
    "groups_lr_none": (
        {"fine_tuning_groups": [('{"params": list(head.parameters()), "lr": lr}',
                                 '{"params": list(head.parameters()), "lr": None}')]},
        {"test_fine_tuning_groups"},
        ("It is None: give a number",),
    ),
    # model.parameters without its parentheses.
    "groups_parameters_not_called": (
        {"fine_tuning_groups": [("    for parameter in model.parameters():\n        parameter.requires_grad_(True)\n",
                                 "    for parameter in model.parameters:\n        parameter.requires_grad_(True)\n")]},
        {"test_fine_tuning_groups"},
        ("without its parentheses", "model.parameters()"),
    ),
    # The groups returned as a generator expression.
    "groups_as_a_generator": (
        {"fine_tuning_groups": [('    return [{"params": body, "lr": lr * backbone_factor}, '
                                 '{"params": list(head.parameters()), "lr": lr}]',
                                 '    return (group for group in [{"params": body, "lr": lr * backbone_factor}, '
                                 '{"params": list(head.parameters()), "lr": lr}])')]},
        {"test_fine_tuning_groups"},
        ("It returned a generator", "Build a list"),
    ),
    # The indices counted from 1.
    "nearest_indices_from_1": (
        {"nearest_by_cosine": [("    return values, indices", "    return values, indices + 1")]},
        {"test_nearest_by_cosine"},
        ("one too large, counted from 1",),
    ),
    # k written into the code as 5 (the first check's N).
    "nearest_k_written_into_the_code": (
        {"nearest_by_cosine": [("similarities.topk(k)", "similarities.topk(5)")]},
        {"test_nearest_by_cosine"},
        ("a number written into the code", "topk(5)"),
    ),
    # The indices converted to int32.
    "nearest_indices_int32": (
        {"nearest_by_cosine": [("    return values, indices", "    return values, indices.int()")]},
        {"test_nearest_by_cosine"},
        ("as int64", "int32"),
    ),
    # The similarities computed in float64 whatever the features' dtype.
    "nearest_similarities_float64": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES,
                                "F.normalize(features.double(), dim=1) @ F.normalize(query.double(), dim=0)")]},
        {"test_nearest_by_cosine"},
        ("the features' dtype", "They are float64, but the features are float32"),
    ),
    # The indices by a descending argsort cut to k, right.
    "accepted_nearest_by_argsort": (
        {"nearest_by_cosine": [("    values, indices = similarities.topk(k)\n",
                                "    indices = similarities.argsort(descending=True)[:k]\n"
                                "    values = similarities[indices]\n")]},
        set(),
    ),
    # The maps rounded to float16.
    "cam_half": (
        {"class_activation_maps": [(CAM, CAM.replace("return ", "return (") + ").half()")]},
        {"test_class_activation_maps"},
        ("They are float16, but the feature maps are float32", "rounding"),
    ),
    # The maps turned into whole numbers.
    "cam_long": (
        {"class_activation_maps": [(CAM, CAM.replace("return ", "return (") + ").long()")]},
        {"test_class_activation_maps"},
        ("They are int64, but the feature maps are float32", "fractions"),
    ),
    # The maps computed in float64 whatever the feature maps' dtype.
    "cam_double": (
        {"class_activation_maps": [(CAM, 'return torch.einsum("bchw,kc->bkhw", feature_maps.double(), '
                                         'head.weight.double()) + head.bias[None, :, None, None].double()')]},
        {"test_class_activation_maps"},
        ("They are float64, but the feature maps are float32",),
    ),
    # Every score, bias included, divided by the number of positions.
    "cam_divided_by_positions": (
        {"class_activation_maps": [(CAM, "B, C, h, w = feature_maps.shape\n    "
                                         + CAM.replace("return ", "return (") + ") / (h * w)")]},
        {"test_class_activation_maps"},
        ("bias included, divided by the number of positions",),
    ),
    # A log-softmax over the classes.
    "cam_log_softmax": (
        {"class_activation_maps": [(CAM, CAM.replace("return ", "return (") + ").log_softmax(dim=1)")]},
        {"test_class_activation_maps"},
        ("a log-softmax over the classes",),
    ),
    # Walk 8. Exercise 3: an attribute set on the model instead of each parameter's flag: still frozen, named as such.
    "groups_model_requires_grad_attribute": (
        {"fine_tuning_groups": [("    for parameter in model.parameters():\n        parameter.requires_grad_(True)\n",
                                 "    model.requires_grad = True\n")]},
        {"test_fine_tuning_groups"},
        ("still frozen", "model.requires_grad = True sets an attribute of the model"),
    ),
    # Exercise 3 unfrozen with the module's own method: right.
    "accepted_groups_module_requires_grad_": (
        {"fine_tuning_groups": [("    for parameter in model.parameters():\n        parameter.requires_grad_(True)\n",
                                 "    model.requires_grad_(True)\n")]},
        set(),
    ),
    # Exercise 4 computed in float32 whatever the features' dtype: float64 features give float32 similarities.
    "nearest_float32": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES, "F.normalize(features.float(), dim=1) @ "
                                                      "F.normalize(query.float(), dim=0)")]},
        {"test_nearest_by_cosine"},
        ("They are float32, but the features are float64",),
    ),
    # F.normalize's default dim (1) on both: the 1-D query has no dimension 1.
    "nearest_normalize_default_dims": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES, "F.normalize(features) @ F.normalize(query)")]},
        {"test_nearest_by_cosine"},
        ("F.normalize's default dim is 1",),
    ),
    # Both normalised over their last dimension, dim=-1: right.
    "accepted_nearest_last_dims": (
        {"nearest_by_cosine": [(NEAREST_SIMILARITIES, "F.normalize(features, dim=-1) @ F.normalize(query, dim=-1)")]},
        set(),
    ),
    # Exercise 5 computed in float32 whatever the feature maps' dtype.
    "cam_float32": (
        {"class_activation_maps": [(CAM, 'return torch.einsum("bchw,kc->bkhw", feature_maps.float(), '
                                         'head.weight.float()) + head.bias[None, :, None, None].float()')]},
        {"test_class_activation_maps"},
        ("They are float32, but the feature maps are float64",),
    ),
    # The weight viewed as (C, K) where it needed transposing.
    "cam_weight_viewed": (
        {"class_activation_maps": [(CAM, 'B, C, h, w = feature_maps.shape\n    return torch.einsum("bchw,ck->bkhw", '
                                         'feature_maps, head.weight.view(C, -1)) + head.bias[None, :, None, None]')]},
        {"test_class_activation_maps"},
        ("reshaped (or viewed) where it needed transposing", "head.weight.T"),
    ),
    # The weight transposed, then reshaped back to (K, C): classes and channels mixed.
    "cam_weight_transposed_reshaped": (
        {"class_activation_maps": [(CAM, 'return torch.einsum("bchw,kc->bkhw", feature_maps, '
                                         'head.weight.T.reshape(head.weight.shape)) + head.bias[None, :, None, None]')]},
        {"test_class_activation_maps"},
        ("reshaped (or viewed) where it needed transposing", "head.weight.T.reshape(K, C)"),
    ),
    # The bias viewed with the number of classes written into the code.
    "cam_bias_classes_written": (
        {"class_activation_maps": [("head.bias[None, :, None, None]", "head.bias.view(1, 2, 1, 1)")]},
        {"test_class_activation_maps"},
        ("a number of classes written into the code (2)", "head.out_features"),
    ),
    # Exercise 1: each child's own flag set, the modules inside them left in training mode.
    "freeze_children_training_flag": (
        {"freeze_except_head": [("    model.eval()        # batch norm: the stored statistics, never updated; "
                                 "dropout off\n",
                                 "    for child in model.children():\n        child.training = False\n")]},
        {"test_freeze_except_head"},
        ("child.training = False changes only that module's own flag",),
    ),
    # Exercise 1's two loops swapped: the head unfrozen first, then everything frozen.
    "freeze_loops_swapped": (
        {"freeze_except_head": [(FREEZE_ALL + UNFREEZE_HEAD, UNFREEZE_HEAD + FREEZE_ALL)]},
        {"test_freeze_except_head"},
        ("the head was frozen too", "wrong order"),
    ),
    # Exercise 2: one more than the count.
    "count_plus_one": (
        {"count_trainable": [(COUNT, COUNT + " + 1")]},
        {"test_count_trainable"},
        ("one more than the count",),
    ),
}
