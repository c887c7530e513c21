"""Self-checks of notebook 03's reference cases: PyTorch's and scikit-learn's own answers.

Run by tests/test_references.py, like every notebook's ``check_references.py``:
each ``check_*`` function gets ``references`` ({grade id: [case as one flat dict]})
and ``script`` (make_references.py, loaded), and fails with an assertion.
"""

import math

import sklearn.metrics
import torch
from torch import nn


def check_networks_are_the_classic_layer_lists_and_their_own_modules_outputs(references, script):
    from helpers.grading import seeded_parameters

    lenet, fixed = references["test_lenet5"][0], references["test_fixed_net"][0]
    # the parameter counts the notebook states, from the shapes alone
    assert sum(math.prod(shape) for _, shape in lenet["parameters"]) == 61_706
    assert sum(math.prod(shape) for _, shape in fixed["parameters"]) == 431_080
    assert [name for name, _ in lenet["parameters"]] == [f"{layer}.{p}" for layer in
                                                         ("conv1", "conv2", "fc1", "fc2", "fc3")
                                                         for p in ("weight", "bias")]
    # the functional references are what nn modules, loaded with the same weights, compute
    lenet_modules = nn.ModuleDict({"conv1": nn.Conv2d(1, 6, 5, padding=2), "conv2": nn.Conv2d(6, 16, 5),
                                   "fc1": nn.Linear(400, 120), "fc2": nn.Linear(120, 84),
                                   "fc3": nn.Linear(84, 10)}).double()
    relu, pool = nn.ReLU(), nn.MaxPool2d(2)
    for case in references["test_lenet5"]:
        lenet_modules.load_state_dict(dict(seeded_parameters(case["parameters"], case["seed"])))
        m = lenet_modules
        with torch.no_grad():
            x = pool(relu(m["conv2"](pool(relu(m["conv1"](case["x"]))))))
            y = m["fc3"](relu(m["fc2"](relu(m["fc1"](nn.Flatten()(x))))))
        assert torch.allclose(y, case["output"], rtol=1e-10, atol=1e-12)
        # and a LeNet without its ReLUs after the convolutions computes otherwise
        with torch.no_grad():
            x = pool(m["conv2"](pool(m["conv1"](case["x"]))))
            assert not torch.allclose(m["fc3"](relu(m["fc2"](relu(m["fc1"](x.flatten(1)))))), y, atol=1e-3)
    fixed_modules = nn.ModuleDict({"conv1": nn.Conv2d(1, 20, 5), "conv2": nn.Conv2d(20, 50, 5),
                                   "fc1": nn.Linear(800, 500), "fc2": nn.Linear(500, 10)}).double()
    fixed_modules.load_state_dict(dict(seeded_parameters(fixed["parameters"], fixed["seed"])))
    m = fixed_modules
    with torch.no_grad():
        x = pool(relu(m["conv2"](pool(relu(m["conv1"](fixed["x"]))))))
        y = nn.LogSoftmax(dim=1)(m["fc2"](relu(m["fc1"](x.flatten(1)))))
    assert torch.allclose(y, fixed["output"], rtol=1e-10, atol=1e-12)
    # make_mlp: one case per width within 5% of LeNet-5's count, each nn.Sequential's own output
    widths = [case["parameters"][0][1][0] for case in references["test_make_mlp"]]
    assert widths == [h for h in range(60, 100) if abs(795 * h + 10 - 61_706) <= 0.05 * 61_706]
    for case, h in zip(references["test_make_mlp"], widths):
        mlp = nn.Sequential(nn.Flatten(), nn.Linear(784, h), nn.ReLU(), nn.Linear(h, 10)).double()
        mlp.load_state_dict(dict(seeded_parameters(case["parameters"], case["seed"])))
        with torch.no_grad():
            assert torch.allclose(mlp(case["x"]), case["output"], rtol=1e-10, atol=1e-12)


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
    # some cases have classes that never occur, the highest among them
    assert any(case["matrix"][-1].sum() == 0 and case["matrix"][:, -1].sum() == 0
               for case in references["test_confusion_matrix"])
    assert all(case["matrix"].dtype == torch.int64 for case in references["test_confusion_matrix"])


def check_one_epoch_is_torch_optims_and_evaluation_is_cross_entropys(references, script):
    [case] = references["test_train_one_epoch"]
    # torch.optim.SGD with zero_grad/backward/step, batch after batch, takes the reference's steps
    model = script.train_model()
    model.load_state_dict(case["state_dict"])
    optimizer = torch.optim.SGD(model.parameters(), lr=case["lr"])
    model.train()
    total = 0.0
    for x, y in zip(case["x"].split(case["batch_size"]), case["y"].split(case["batch_size"])):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
    assert math.isclose(total / len(case["y"]), case["loss"], rel_tol=1e-12)
    after = model.state_dict()
    assert after.keys() == case["state_after"].keys()
    for key, value in case["state_after"].items():
        assert torch.allclose(after[key], value, rtol=1e-10, atol=1e-12), key
    # the batches are unequal, and training mode matters: its running statistics moved
    assert len(case["y"]) % case["batch_size"] != 0
    assert not torch.allclose(case["state_after"]["1.running_mean"], case["state_dict"]["1.running_mean"])
    # the second case's scores lead by little: no highest score has a probability above 0.5
    for case in references["test_evaluate"]:
        model = nn.Sequential(nn.Flatten(), nn.BatchNorm1d(12), nn.Linear(12, 4)).double()
        model.load_state_dict(case["state_dict"])
        model.eval()
        with torch.no_grad():
            scores = model(case["x"])
        expected = sklearn.metrics.log_loss(case["y"], torch.softmax(scores, dim=1), labels=range(4))
        assert math.isclose(case["loss"], expected, rel_tol=1e-9)
        assert math.isclose(case["accuracy"], sklearn.metrics.accuracy_score(case["y"], scores.argmax(dim=1)))
        assert case["grad_enabled"] is False and len(case["y"]) % case["batch_size"] != 0
    assert (torch.softmax(scores, dim=1).max(dim=1).values < 0.5).all() and case["accuracy"] > 0
