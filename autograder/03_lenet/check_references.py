"""Self-checks of notebook 03's reference cases: PyTorch's and scikit-learn's own answers.

Run by tests/test_references.py, like every notebook's ``check_references.py``:
each ``check_*`` function gets ``references`` ({grade id: [case as one flat dict]})
and ``script`` (make_references.py, loaded), and fails with an assertion.
"""

import math

import sklearn.metrics
import torch
from torch import nn


def check_lenet_shapes_are_the_classic_layer_lists(references, script):
    [lenet], [fixed] = references["test_lenet5"], references["test_fixed_net"]
    # the parameter counts the notebook states, from the shapes alone
    assert sum(math.prod(shape) for _, shape in lenet["shapes"]) == 61_706
    assert sum(math.prod(shape) for _, shape in fixed["shapes"]) == 431_080
    assert [name for name, _ in lenet["shapes"]] == [f"{layer}.{p}" for layer in
                                                     ("conv1", "conv2", "fc1", "fc2", "fc3")
                                                     for p in ("weight", "bias")]
    assert lenet["x"].shape == fixed["x"].shape == (5, 1, 28, 28)


def check_predict_is_pytorchs_and_confusion_sklearns(references, script):
    [case] = references["test_predict"]
    model = nn.Sequential(nn.Flatten(), nn.BatchNorm1d(12), nn.Linear(12, 4)).double()
    model.load_state_dict(case["state_dict"])
    model.eval()
    with torch.no_grad():
        assert torch.equal(model(case["x"]).argmax(dim=1), case["y_pred"])
    assert len(case["y_pred"].unique()) >= 3, "predictions of several classes"
    # without model.eval() a predict gets other predictions, the same ones every time
    in_training = script.predictions_in_training_mode(case)
    assert (in_training != case["y_pred"]).sum() >= 5
    assert torch.equal(in_training, script.predictions_in_training_mode(case))
    for case in references["test_confusion_matrix"]:
        expected = sklearn.metrics.confusion_matrix(case["y_true"], case["y_pred"],
                                                    labels=range(case["num_classes"]))
        assert torch.equal(case["matrix"], torch.from_numpy(expected).to(case["matrix"].dtype))
    [mlp] = references["test_make_mlp"]
    assert mlp == {"linear_layers": 2, "in_features": 28 * 28}
