"""Unit tests for helpers/training.py: fit, evaluate, History, checkpoints and plots."""

import math
import re
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported: draw off screen

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402
from torch.utils.data import DataLoader, TensorDataset  # noqa: E402

from helpers import training  # noqa: E402
from helpers.runtime import set_seed  # noqa: E402
from helpers.training import History, TrainingError, count_parameters, evaluate, fit  # noqa: E402

from course import ROOT  # noqa: E402

EPOCH_LINE = re.compile(r"^epoch (\d+)/(\d+): train loss \d+\.\d{4}, acc \d+\.\d%"
                        r"( \| test loss \d+\.\d{4}, acc \d+\.\d%)? \| \d+\.\d s$")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def blobs(n=200, seed=0):
    """Two 2-D Gaussian blobs around (-2, -2) and (2, 2): linearly separable in practice."""
    g = torch.Generator().manual_seed(seed)
    y = torch.arange(n) % 2                                   # (n,) labels 0, 1, 0, 1, ...
    centres = torch.tensor([[-2.0, -2.0], [2.0, 2.0]])[y]     # (n, 2)
    x = centres + torch.randn(n, 2, generator=g)              # (n, 2)
    return TensorDataset(x, y)


def loader(dataset, batch_size=20, shuffle=False):
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle,
                      generator=torch.Generator().manual_seed(0))


def small_model(seed=0):
    set_seed(seed)
    return nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2))


def run(num_epochs=2, test=True, **kwargs):
    """A quick, quiet fit on the blobs; returns (model, optimizer, history)."""
    model = small_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    kwargs.setdefault("device", "cpu")
    kwargs.setdefault("progress", False)
    history = fit(model, loader(blobs(), shuffle=True), nn.CrossEntropyLoss(), optimizer,
                  num_epochs, test_loader=loader(blobs(seed=1)) if test else None, **kwargs)
    return model, optimizer, history


def params(model):
    return [p.detach().clone() for p in model.parameters()]


# ----------------------------------------------------------------------------
# It learns, and the history is complete
# ----------------------------------------------------------------------------

def test_fit_learns_separable_blobs():
    _, _, history = run(num_epochs=5)
    assert history.train_loss[-1] < 0.5 * history.train_loss[0]
    assert history.final_test_acc > 0.95
    assert history.final_train_acc > 0.95


def test_fit_matches_the_hand_written_loop():
    """fit takes the same steps as the loop students write in notebook 03."""
    data = loader(blobs(60))
    by_fit, by_hand = small_model(), small_model()
    fit(by_fit, data, nn.CrossEntropyLoss(), torch.optim.SGD(by_fit.parameters(), lr=0.1), 2,
        device="cpu", progress=False)
    optimizer = torch.optim.SGD(by_hand.parameters(), lr=0.1)
    for _ in range(2):
        for x, y in data:
            optimizer.zero_grad()
            nn.functional.cross_entropy(by_hand(x), y).backward()
            optimizer.step()
    for a, b in zip(params(by_fit), params(by_hand)):
        assert torch.allclose(a, b)


def test_fit_is_deterministic_with_a_seed():
    _, _, first = run(num_epochs=2)
    _, _, second = run(num_epochs=2)
    assert first.train_loss == second.train_loss and first.test_acc == second.test_acc


def test_history_is_complete_with_a_test_loader():
    _, _, history = run(num_epochs=3)
    assert len(history) == 3
    for key in History.KEYS:
        assert len(getattr(history, key)) == 3, key
    assert history.epoch == [1, 2, 3]
    assert all(s > 0 for s in history.seconds)
    for key in ("train_loss", "train_acc", "test_loss", "test_acc"):
        assert all(isinstance(v, float) for v in getattr(history, key)), key
    assert all(0.0 <= a <= 1.0 for a in history.train_acc + history.test_acc)
    assert history.last() == {key: getattr(history, key)[-1] for key in History.KEYS}


def test_history_without_a_test_loader_has_none():
    _, _, history = run(num_epochs=2, test=False)
    assert history.test_loss == [None, None] and history.test_acc == [None, None]
    assert history.final_test_acc is None
    assert len(history.train_loss) == 2


def test_history_round_trips_through_a_dict():
    _, _, history = run(num_epochs=2)
    values = history.as_dict()
    assert (set(values) == set(History.KEYS) | set(History.STEP_KEYS) | {"evaluated_on"}
            and values["evaluated_on"] == "test")
    assert all(type(values[key]) is list for key in History.KEYS + History.STEP_KEYS)
    again = History.from_dict(values)
    assert again == history and again is not history
    with pytest.raises(TrainingError, match="missing: seconds"):
        History.from_dict({k: v for k, v in values.items() if k != "seconds"})
    assert len(History()) == 0 and History().last() == {}
    # a history saved before the per-batch entries existed still loads, without them
    older = History.from_dict({k: v for k, v in values.items() if k not in History.STEP_KEYS})
    assert older.train_loss == history.train_loss and older.step_loss == []


def test_history_keeps_each_batch():
    """10 batches of 20 per epoch: one entry each, where training stood in epochs, and the batch's values."""
    _, _, history = run(num_epochs=2)
    assert len(history.step_epoch) == len(history.step_loss) == len(history.step_acc) == 20
    assert history.step_epoch[:2] == pytest.approx([0.1, 0.2])
    assert history.step_epoch[9] == pytest.approx(1.0) and history.step_epoch[-1] == pytest.approx(2.0)
    for epoch in (1, 2):   # equal batches: the epoch's loss and accuracy are the mean of its batches'
        batches = slice(10 * (epoch - 1), 10 * epoch)
        assert sum(history.step_loss[batches]) / 10 == pytest.approx(history.train_loss[epoch - 1])
        assert sum(history.step_acc[batches]) / 10 == pytest.approx(history.train_acc[epoch - 1])
    x, raw = history.per_batch("loss", smooth=False)
    assert x == history.step_epoch and raw == history.step_loss
    _, acc = history.per_batch("acc")
    assert acc == history.step_acc        # 20 batches: a window of one, nothing to smooth
    with pytest.raises(TrainingError, match="'loss' or 'acc'"):
        history.per_batch("test_acc")


def test_per_batch_smooths_over_a_twentieth_of_the_run():
    history = History(step_epoch=[i / 100 for i in range(1, 101)], step_loss=[float(i % 2) for i in range(100)],
                      step_acc=[0.5] * 100)
    _, smoothed = history.per_batch("loss")     # window of 5: alternating 0, 1 averages to 0.4 or 0.6
    assert smoothed[0] == 0.0 and smoothed[1] == 0.5
    assert all(v == pytest.approx(0.4) or v == pytest.approx(0.6) for v in smoothed[4:])


def test_fit_with_a_validation_loader_says_validation_everywhere(tmp_path, capsys):
    _, _, history = run(num_epochs=2, test=False, val_loader=loader(blobs(seed=1)),
                        checkpoint=tmp_path / "v.pt")
    assert history.evaluated_on == "validation" and all(a is not None for a in history.test_acc)
    lines = capsys.readouterr().out.splitlines()
    assert all("| validation loss " in line and "test" not in line for line in lines)
    _, _, with_test = run(num_epochs=2)
    assert with_test.test_acc == history.test_acc and with_test.evaluated_on == "test"
    model = small_model()
    loaded = fit(model, loader(blobs()), nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), lr=0.1),
                 2, device="cpu", checkpoint=tmp_path / "v.pt", progress=False)
    assert loaded.evaluated_on == "validation"
    assert "final validation accuracy" in capsys.readouterr().out


def test_fit_refuses_a_validation_and_a_test_loader_together():
    with pytest.raises(TrainingError, match="not both"):
        run(num_epochs=1, val_loader=loader(blobs(seed=1)))


def test_plot_history_labels_the_validation_line():
    _, _, history = run(num_epochs=2, test=False, val_loader=loader(blobs(seed=1)))
    shown = []
    original = plt.show
    plt.show = lambda: shown.append([t.get_text() for t in plt.gcf().axes[0].get_legend().get_texts()])
    try:
        training.plot_history(history)
    finally:
        plt.show = original
        plt.close("all")
    assert shown == [["train, per batch", "train", "validation"]]


def test_fit_prints_one_line_per_epoch(capsys):
    run(num_epochs=2)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert all(EPOCH_LINE.match(line) for line in lines), lines
    assert lines[0].startswith("epoch 1/2:") and "| test loss" in lines[0]
    run(num_epochs=1, test=False)
    line = capsys.readouterr().out.strip()
    assert EPOCH_LINE.match(line) and "test" not in line


def test_fit_leaves_the_model_in_eval_mode():
    model, _, _ = run(num_epochs=1)
    assert not model.training


def test_scheduler_steps_once_per_epoch():
    model = small_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    fit(model, loader(blobs()), nn.CrossEntropyLoss(), optimizer, 3, device="cpu",
        scheduler=scheduler, progress=False)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 0.5 ** 3)


def test_reduce_on_plateau_gets_a_metric():
    model = small_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
    _ = fit(model, loader(blobs()), nn.CrossEntropyLoss(), optimizer, 1, device="cpu",
            test_loader=loader(blobs(seed=1)), scheduler=scheduler, progress=False)
    assert scheduler.best < float("inf")  # it was given the test loss


# ----------------------------------------------------------------------------
# evaluate
# ----------------------------------------------------------------------------

class Recorder(nn.Module):
    """Passes its input through, recording the mode and whether gradients are on."""

    def forward(self, x):
        self.seen = (self.training, torch.is_grad_enabled())
        return x


def identity_classifier():
    """Scores = inputs, behind dropout that would change them in train mode."""
    linear = nn.Linear(2, 2)
    with torch.no_grad():
        linear.weight.copy_(torch.eye(2))
        linear.bias.zero_()
    return nn.Sequential(Recorder(), nn.Dropout(0.5), linear)


def test_evaluate_exact_values_weighting_batches_by_size():
    x = torch.tensor([[1.0, 0.0], [0.0, 1.0], [2.0, 0.0]])  # (3, 2) = the scores
    y = torch.tensor([0, 1, 1])                              # the third is wrong
    model = identity_classifier()
    model.train()
    # batches of 2 and 1: the mean of the two batch means would be wrong
    loss, accuracy = evaluate(model, loader(TensorDataset(x, y), batch_size=2),
                              nn.CrossEntropyLoss())
    right = math.log(1 + math.exp(-1))   # -log softmax of the right score, first two samples
    wrong = math.log(math.exp(2) + 1)    # third sample: target score 0, other 2
    assert loss == pytest.approx((2 * right + wrong) / 3, rel=1e-6)
    assert accuracy == pytest.approx(2 / 3)
    assert model[0].seen == (False, False)  # eval mode, no gradients
    assert model.training                   # train mode restored


def test_evaluate_restores_eval_mode_and_keeps_the_device():
    model = identity_classifier().eval()
    evaluate(model, loader(blobs(20)), nn.CrossEntropyLoss())
    assert not model.training
    assert next(model.parameters()).device.type == "cpu"


# ----------------------------------------------------------------------------
# Devices
# ----------------------------------------------------------------------------

@pytest.mark.parametrize("device", ["cpu", torch.device("cpu")])
def test_fit_accepts_a_device_string_or_object(device):
    model, _, history = run(num_epochs=1, device=device)
    assert all(p.device.type == "cpu" for p in model.parameters())
    assert len(history) == 1


def test_fit_defaults_to_get_device(monkeypatch):
    calls = []

    def fake_get_device():
        calls.append(1)
        return torch.device("cpu")

    monkeypatch.setattr(training, "get_device", fake_get_device)
    run(num_epochs=1, device=None)
    assert calls == [1]


# ----------------------------------------------------------------------------
# Checkpoints
# ----------------------------------------------------------------------------

def test_checkpoint_trains_once_then_loads(tmp_path, capsys):
    path = tmp_path / "checkpoints" / "deeper" / "blobs.pt"  # parent folders do not exist
    trained, _, history = run(num_epochs=2, checkpoint=path)
    assert path.exists()
    capsys.readouterr()

    fresh = small_model(seed=123)
    assert not all(torch.equal(a, b) for a, b in zip(params(fresh), params(trained)))
    optimizer = torch.optim.SGD(fresh.parameters(), lr=0.1)

    def no_step(*args, **kwargs):
        raise AssertionError("the optimizer stepped: fit trained instead of loading")

    optimizer.step = no_step
    loaded = fit(fresh, loader(blobs()), nn.CrossEntropyLoss(), optimizer, 2, device="cpu",
                 test_loader=loader(blobs(seed=1)), checkpoint=str(path), progress=True)
    out, err = capsys.readouterr()
    assert all(torch.equal(a, b) for a, b in zip(params(fresh), params(trained)))
    assert loaded == history
    lines = out.splitlines()
    assert len(lines) == 1 and "skipped" in lines[0] and "Delete the file" in lines[0]
    assert err == ""  # no progress bar: nothing was trained
    assert not fresh.training


def test_checkpoint_loads_with_weights_only(tmp_path):
    path = tmp_path / "m.pt"
    run(num_epochs=1, checkpoint=path)
    saved = torch.load(path, weights_only=True)
    assert set(saved) == {"model", "history"}
    assert saved["history"]["epoch"] == [1]


def test_checkpoint_of_another_model_says_delete(tmp_path):
    path = tmp_path / "m.pt"
    run(num_epochs=1, checkpoint=path)
    other = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 2))
    optimizer = torch.optim.SGD(other.parameters(), lr=0.1)
    with pytest.raises(TrainingError, match="does not fit this model.*delete the file"):
        fit(other, loader(blobs()), nn.CrossEntropyLoss(), optimizer, 1, device="cpu",
            checkpoint=path, progress=False)


def test_checkpoint_with_other_epoch_count_says_so(tmp_path, capsys):
    path = tmp_path / "m.pt"
    run(num_epochs=1, checkpoint=path)
    capsys.readouterr()
    run(num_epochs=3, checkpoint=path)
    assert "holds 1 epochs, not the 3 asked for" in capsys.readouterr().out


# ----------------------------------------------------------------------------
# Bad input: one clear message each
# ----------------------------------------------------------------------------

def fit_blobs(model=None, data=None, loss_fn=None, optimizer=None, num_epochs=1, **kwargs):
    model = model if model is not None else small_model()
    optimizer = optimizer if optimizer is not None else torch.optim.SGD(model.parameters(), lr=0.1)
    return fit(model, data if data is not None else loader(blobs()),
               loss_fn or nn.CrossEntropyLoss(), optimizer, num_epochs, device="cpu",
               progress=False, **kwargs)


@pytest.mark.parametrize("num_epochs", [0, -1, 2.5, "3", True, None])
def test_bad_num_epochs(num_epochs):
    with pytest.raises(TrainingError, match="num_epochs must be a positive whole number"):
        fit_blobs(num_epochs=num_epochs)


def test_loader_of_triples():
    x, y = blobs().tensors
    with pytest.raises(TrainingError, match=r"pairs of tensors \(x, y\).*batch 1 is a list of 3"):
        fit_blobs(data=DataLoader(TensorDataset(x, y, y), batch_size=10))


def test_loader_of_single_tensors():
    with pytest.raises(TrainingError, match="pairs of tensors"):
        fit_blobs(data=DataLoader(blobs().tensors[0], batch_size=10))


def test_dataset_instead_of_loader():
    with pytest.raises(TrainingError, match=r"pass DataLoader\(dataset"):
        fit_blobs(data=blobs())


def test_empty_loader():
    empty = TensorDataset(torch.zeros(0, 2), torch.zeros(0, dtype=torch.long))
    with pytest.raises(TrainingError, match="yielded no batches"):
        fit_blobs(data=DataLoader(empty, batch_size=10))


class WrongFlatten(nn.Module):
    """The classic mistake: view(-1, ...) with the wrong size mixes samples together."""

    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(4, 2)

    def forward(self, x):            # (N, 2)
        return self.linear(x.view(-1, 4))  # (N/2, 2): two samples per row


def test_output_batch_size_mismatch():
    with pytest.raises(TrainingError, match=r"shape \(10, 2\) for a batch of 20 samples.*flatten"):
        fit_blobs(model=WrongFlatten())


def test_loss_that_is_not_a_scalar():
    with pytest.raises(TrainingError, match=r"shape \(20,\).*reduction='mean'"):
        fit_blobs(loss_fn=nn.CrossEntropyLoss(reduction="none"))


def test_nan_loss_names_epoch_batch_and_learning_rate():
    calls = []

    def loss_fn(outputs, y):
        calls.append(1)
        loss = nn.functional.cross_entropy(outputs, y)
        return loss * float("nan") if len(calls) == 10 + 3 else loss  # epoch 2, batch 3

    model = small_model()
    with pytest.raises(TrainingError, match="the loss became NaN at epoch 2, batch 3: "
                                            "the learning rate may be too high"):
        fit_blobs(model=model, loss_fn=loss_fn, num_epochs=3)
    assert all(torch.isfinite(p).all() for p in model.parameters())  # stopped before the step


def test_huge_learning_rate_diverges_with_a_message():
    model = small_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=1e10)

    def squared_error(outputs, y):  # regression-like: push both scores towards the label
        return ((outputs - y[:, None].float()) ** 2).mean()

    with pytest.raises(TrainingError, match="the learning rate may be too high"):
        fit_blobs(model=model, optimizer=optimizer, loss_fn=squared_error, num_epochs=5)


def test_optimizer_of_another_model():
    model, other = small_model(), small_model()
    optimizer = torch.optim.SGD(other.parameters(), lr=0.1)
    with pytest.raises(TrainingError, match=r"create the optimizer after the model, from "
                                            r"model\.parameters\(\)"):
        fit_blobs(model=model, optimizer=optimizer)


def test_frozen_layers_are_fine():
    model = small_model()
    model[0].requires_grad_(False)
    optimizer = torch.optim.SGD(model[2].parameters(), lr=0.1)
    assert len(fit_blobs(model=model, optimizer=optimizer)) == 1


def test_errors_hide_the_traceback_in_notebooks():
    error = TrainingError("the message")
    assert isinstance(error, ValueError)
    rendered = error._render_traceback_()
    assert len(rendered) == 1 and "the message" in rendered[0]


# ----------------------------------------------------------------------------
# Progress bars
# ----------------------------------------------------------------------------

def test_progress_bar_goes_to_stderr(capsys):
    run(num_epochs=2, progress=True)
    out, err = capsys.readouterr()
    assert "epoch 1/2" in err and "epoch 2/2" in err
    assert "loss=" in err or "it/s" in err or "10/10" in err
    assert "it/s" not in out


def test_no_progress_leaves_stderr_empty(capsys):
    run(num_epochs=2, progress=False)
    assert capsys.readouterr().err == ""


@pytest.mark.notebook
def test_in_a_notebook_each_bar_leaves_its_epoch_line(tmp_path):
    """A bar is a widget whose state a saved notebook does not keep (it would read 0/10 for ever): at the
    end of the epoch its place holds the epoch's line, as plain text; a bar stopped by an error says where."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    setup = (f"import sys; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests')!r}]\n"
             "import torch\nfrom torch import nn\nfrom test_training import run\n")
    blows_up = ("from helpers.training import fit\nfrom torch.utils.data import DataLoader, TensorDataset\n"
                "x = torch.randn(40, 2); x[25] = float('nan')\n"
                "model = nn.Linear(2, 2)\n"
                "fit(model, DataLoader(TensorDataset(x, torch.zeros(40, dtype=torch.long)), batch_size=10), "
                "nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), lr=0.1), 1, device='cpu')")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(setup),
                                         nbformat.v4.new_code_cell("_ = run(num_epochs=2, progress=True)"),
                                         nbformat.v4.new_code_cell(blows_up)])
    with pytest.raises(CellExecutionError):
        NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    texts = [[o.get("data", {}).get("text/plain", o.get("text", "")) for o in cell.outputs] for cell in nb.cells]
    assert len(texts[1]) == 2 and all(EPOCH_LINE.match(t) for t in texts[1]), texts[1]
    assert [t.split(":")[0] for t in texts[1]] == ["epoch 1/2", "epoch 2/2"]
    assert texts[2][0] == "epoch 1/1: stopped after 2 of 4 batches", texts[2]
    assert not any("0/10" in t or "it/s" in t for cell in texts for t in cell)


# ----------------------------------------------------------------------------
# Plot and parameter count
# ----------------------------------------------------------------------------

def test_plot_history_with_test_lines():
    _, _, history = run(num_epochs=2)
    training.plot_history(history, title="blobs")
    fig = plt.gcf()
    assert len(fig.axes) == 2
    ax_loss, ax_acc = fig.axes
    assert [len(ax.get_lines()) for ax in fig.axes] == [3, 3]
    assert list(ax_loss.get_lines()[0].get_xdata()) == pytest.approx(history.step_epoch)
    assert list(ax_loss.get_lines()[1].get_ydata()) == pytest.approx(history.train_loss)
    assert list(ax_acc.get_lines()[2].get_ydata()) == pytest.approx(
        [100 * a for a in history.test_acc])
    assert all(ax.get_legend() is not None for ax in fig.axes)
    assert fig._suptitle.get_text() == "blobs"
    width, _ = fig.get_size_inches()
    assert width <= 8, "wider than a notebook's output area: it would be shrunk"


def test_plot_history_one_epoch_without_test_shows_a_curve_and_points():
    _, _, history = run(num_epochs=1, test=False)
    training.plot_history(history.as_dict())  # a dict, as loaded from a file, works too
    fig = plt.gcf()
    assert [len(ax.get_lines()) for ax in fig.axes] == [2, 2]
    for ax in fig.axes:
        per_batch, epochs = ax.get_lines()
        assert len(per_batch.get_xdata()) == 10      # one point per batch: a curve, not one dot
        assert epochs.get_marker() == "o"
        assert ax.get_xlim() == pytest.approx((0, 1.15))  # the whole epoch, not 0.96 to 1.04


def test_plot_history_of_an_older_history_without_batches_shows_points():
    _, _, history = run(num_epochs=1, test=False)
    values = {k: v for k, v in history.as_dict().items() if k not in History.STEP_KEYS}
    training.plot_history(values)
    fig = plt.gcf()
    assert [len(ax.get_lines()) for ax in fig.axes] == [1, 1]
    assert all(ax.get_lines()[0].get_marker() == "o" for ax in fig.axes)


def test_epoch_axis_spans_the_run_with_whole_epochs():
    fig, ax = plt.subplots()
    ax.plot([1], [0.5], marker="o")
    training.epoch_axis(ax, 1)
    assert ax.get_xlim() == pytest.approx((0, 1.15)) and ax.get_xlabel() == "epoch"
    training.epoch_axis(ax, 20, label="epochs")
    fig.canvas.draw()
    assert ax.get_xlim() == pytest.approx((0, 20.6)) and ax.get_xlabel() == "epochs"
    assert all(float(t).is_integer() for t in ax.get_xticks())


def test_plot_empty_history():
    with pytest.raises(TrainingError, match="nothing to plot"):
        training.plot_history(History())


def test_count_parameters():
    assert count_parameters(nn.Linear(3, 2)) == 8
    model = nn.Sequential(nn.Linear(3, 2), nn.Linear(2, 1))  # 8 + 3
    model[0].requires_grad_(False)
    assert count_parameters(model) == 11
    assert count_parameters(model, trainable_only=True) == 3
    assert isinstance(count_parameters(model), int)


def test_import_is_light():
    # torch itself imports tqdm, so look for what only the helpers could import
    code = ("import sys, helpers.training; "
            "print([m for m in ('tqdm.auto', 'matplotlib') if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_fit_and_evaluate_take_the_course_tensor_loaders(capsys):
    """The loaders of helpers.data (batches made from tensors in memory) train as DataLoaders do."""
    from helpers import data

    train_set = data.synthetic_images(200, num_classes=2, size=8, channels=1, seed=0)
    test_set = data.synthetic_images(100, num_classes=2, size=8, channels=1, seed=1)
    set_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                          nn.Linear(4, 2))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    history = fit(model, data.TensorLoader(train_set, 20, shuffle=True), nn.CrossEntropyLoss(),
                  optimizer, 3, device="cpu", progress=False,
                  test_loader=data.TensorLoader(test_set, 50))
    assert len(history) == 3 and history.final_test_acc > 0.6
    loss, accuracy = evaluate(model, data.TensorLoader(test_set, 30), nn.CrossEntropyLoss())
    assert accuracy == pytest.approx(history.final_test_acc)
