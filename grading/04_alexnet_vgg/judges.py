"""Judges for the hidden tests of notebook 04 (AlexNet and VGG): only the special cases.

Trusted code: it runs in the grading process, never in the student's kernel (see
autograder/judging.py). Every test cell not named here gets the default judge: each
record matches its case's expected output (the crops, conv_cost). The judges below
name what differs: a network's output with given weights, a dropout's probability, a
crop or a flip that changed its input, a row of a layer table, the list of models on a front. A judge fails through
``helpers.checks``; the first line of its message is what the student sees, and it
names no expected value.
"""

from autograder.judging import check_count
from helpers import checks

# Exercises done "by hand": test cell -> (the answer cell's grade_id, the helpers.checks
# pattern of library functions it must not call). The kernel's check_by_hand enforces
# this while the code runs; the grader reads the answer cell too, since a student's
# code could disarm the kernel's guard.
BY_HAND = {
    "test_inverted_dropout": ("inverted_dropout", "DROPOUT"),
    "test_pad_and_crop": ("pad_and_crop", "CROP"),
    "test_flip_horizontally": ("flip_horizontally", "FLIP"),
}

# Two independent draws of a dropout mask over 20,000 values or more differ in their zeroed
# fraction by about 0.005 at most (over 3 standard deviations); a mask that drops with
# probability 1 - p instead of p, or not at all, is off by 0.1 or more in every case.
ZEROED_TOLERANCE = 0.01
MEAN_TOLERANCE = 0.02


def test_inverted_dropout(records, cases):
    """Each record: (shape, fraction zeroed, smallest and largest kept y / x, mean y / mean x,
    whether a second call gave another output, along each dimension whether all its slices are kept at
    the same places (a mask drawn for fewer values and broadcast), whether x was left unchanged), against
    F.dropout's on the same input and seed; then the output's dtype (x is float32), the (device, dtype) of
    the output for a float64 x on the meta device, whether the same seed gave the same output, and how many
    different numbers of values 50 calls on 10 ones dropped (one only where a fixed number is dropped),
    whether the gradient of y.sum() reached x as y / x (the output not cut off from autograd, in either mode),
    and, on -x (every value negative) with the same seed, (the fraction zeroed, the smallest and largest kept
    y / x), or None where every value was zeroed: negative values are dropped and rescaled as positive ones."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        checks.check_that(isinstance(record, tuple) and len(record) == 14, "inverted_dropout's record is complete")
        shape, zeroed, low, high, mean_ratio, differs, shared, unchanged = record[:8]
        dtype, on_meta, repeats, counts, flows, negative = record[8:]
        want = case["expected"]["statistics"]
        training = case["inputs"]["training"]
        mode = "training" if training else "evaluation"
        checks.check_equal(shape, want[0], name=f"the output's shape, hidden case {i}")
        checks.check_that(abs(zeroed - want[1]) <= (ZEROED_TOLERANCE if training else 0),
                          f"the fraction of zeroed values in {mode} mode is F.dropout's, hidden case {i}")
        checks.check_close(low, want[2], name=f"the smallest kept y / x in {mode} mode, hidden case {i}")
        checks.check_close(high, want[3], name=f"the largest kept y / x in {mode} mode, hidden case {i}")
        checks.check_that(abs(mean_ratio - want[4]) <= (MEAN_TOLERANCE if training else 1e-6),
                          f"the mean is preserved in {mode} mode, hidden case {i}")
        checks.check_that(differs is want[5], f"a new mask at every call in training, none in evaluation, "
                                              f"hidden case {i}")
        checks.check_that(shared == want[6], f"every value gets its own random choice in {mode} mode (no mask "
                                             f"shared by the rows of the batch, nor by the values of an example), "
                                             f"hidden case {i}")
        checks.check_that(unchanged is want[7], f"x itself is left unchanged, hidden case {i}")
        checks.check_that(dtype == "torch.float32", f"the output keeps x's dtype (float32), hidden case {i}")
        checks.check_that(on_meta == ("meta", "torch.float64"), f"the output keeps x's device and dtype (a float64 "
                                                               f"x on the meta device), hidden case {i}")
        checks.check_that(repeats is True, f"the same torch.manual_seed gives the same mask, hidden case {i}")
        checks.check_that((counts > 1) == training, f"in training each value is dropped on its own draw (the number "
                                                    f"dropped varies from call to call), hidden case {i}")
        checks.check_that(flows is True, f"the gradient flows back to x through inverted_dropout in {mode} mode, "
                                         f"hidden case {i}")
        checks.check_that(isinstance(negative, tuple) and len(negative) == 3
                          and abs(negative[0] - want[1]) <= (ZEROED_TOLERANCE if training else 0)
                          and all(abs(got - wanted) <= 1e-6 + 1e-5 * abs(wanted)
                                  for got, wanted in zip(negative[1:], want[2:4])),
                          f"negative values are dropped and rescaled in {mode} mode as positive ones are, keeping "
                          f"their sign, hidden case {i}")


def test_pad_and_crop(records, cases):
    """Each record: (the crops, their dtype, the device of the crops of the batch on the meta device, whether
    the batch given to pad_and_crop was left unchanged)."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        checks.check_that(isinstance(record, tuple) and len(record) == 4, "pad_and_crop's record is complete")
        y, dtype, device, unchanged = record
        want = case["expected"]
        checks.check_close(y, want["y"], name=f"pad_and_crop's crops, hidden case {i}")
        checks.check_that(dtype == want["dtype"], f"pad_and_crop keeps x's dtype, hidden case {i}")
        checks.check_that(device == want["device"], f"pad_and_crop keeps x's device (a batch on the meta device), "
                                                    f"hidden case {i}")
        checks.check_that(unchanged is True, f"pad_and_crop leaves x itself unchanged (it returns a new tensor), "
                                             f"hidden case {i}")


def test_flip_horizontally(records, cases):
    """Each record: (the flipped batch, whether the batch given to flip_horizontally was left unchanged, (whether
    the output for the batch in float64 on a device standing for a GPU stayed on that device, its dtype)). The
    stand-in is the meta device, or, where an answer's operation has no meta version (torch.nonzero, behind
    out[flip] = ...), a CPU batch that refuses NumPy and Python lists."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        checks.check_that(isinstance(record, tuple) and len(record) == 3, "flip_horizontally's record is complete")
        y, unchanged, kept = record
        checks.check_close(y, case["expected"]["y"], name=f"flip_horizontally's output, hidden case {i}")
        checks.check_that(unchanged is True, f"flip_horizontally leaves x itself unchanged (it returns a new "
                                             f"tensor), hidden case {i}")
        checks.check_that(isinstance(kept, (tuple, list)) and tuple(kept) == tuple(case["expected"]["kept"]),
                          f"flip_horizontally keeps x's device and dtype (a float64 batch on a device standing for "
                          f"a GPU), hidden case {i}")


def test_layer_arithmetic(records, cases):
    """Each record: layer_arithmetic's rows for a hidden network, judged layer by layer."""
    check_count(records, cases)
    for i, (rows, case) in enumerate(zip(records, cases)):
        specs = case["inputs"]["specs"]
        checks.check_rows(rows, case["expected"]["rows"], [f"layer {j} {spec}" for j, spec in enumerate(specs)],
                          f"layer_arithmetic, hidden case {i}", fields=("output shape", "parameters", "multiply-adds"))


def test_vgg_block(records, cases):
    """Each record: the block's output on the case's hidden images with the case's seeded weights loaded
    (by name, or in order: any nn.Sequential, with named layers or not), or None where they did not fit."""
    check_count(records, cases)
    for i, (output, case) in enumerate(zip(records, cases)):
        checks.check_that(output is not None, "vgg_block's convolutions have the parameters the exercise asks "
                                              "(3x3, with biases, the first from in_channels)")
        checks.check_close(output, case["expected"]["output"],
                           name=f"vgg_block's output with given weights on hidden images, hidden case {i}")


def test_vgg(records, cases):
    """Each record: (the network's output in evaluation mode with the case's seeded weights, or None where
    they did not fit; the p of each nn.Dropout, in order; the number of nn.ReLU from the Flatten on)."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        checks.check_that(isinstance(record, tuple) and len(record) == 3, "vgg's record is complete")
        output, dropouts, relus = record
        checks.check_that(output is not None, "vgg's layers have the parameters the exercise asks "
                                              f"(its arguments' sizes), hidden case {i}")
        checks.check_close(output, case["expected"]["output"],
                           name=f"vgg's output with given weights on hidden images, hidden case {i}")
        checks.check_that(dropouts == case["expected"]["dropouts"],
                          f"vgg's two nn.Dropout layers drop with the probability its dropout argument gives, "
                          f"hidden case {i}")
        checks.check_that(relus == case["expected"]["relus"], f"vgg's classifier has a ReLU after each hidden "
                                                              f"linear layer, and no other, hidden case {i}")


def test_pareto_front(records, cases):
    """Each record: (the names pareto_front returned for a hidden list of models, whether that list was left
    unchanged)."""
    check_count(records, cases)
    for i, (record, case) in enumerate(zip(records, cases)):
        checks.check_that(isinstance(record, tuple) and len(record) == 2, "pareto_front's record is complete")
        front, unchanged = record
        checks.check_that(isinstance(front, list) and all(isinstance(name, str) for name in front),
                          f"pareto_front returns a list of names, hidden case {i}")
        checks.check_equal(sorted(front), sorted(case["expected"]["front"]),
                           name=f"the models on the front, hidden case {i}")
        checks.check_equal(front, case["expected"]["front"],
                           name=f"the order of the front (by operations, then name), hidden case {i}")
        checks.check_that(unchanged is True, f"pareto_front leaves the list of models unchanged, hidden case {i}")
