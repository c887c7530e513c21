"""The course's training loop: fit, evaluate, the history of a run, and its plot.

Introduced in notebook 03, where students first write this loop by hand;
every notebook after 03 calls ``fit`` instead of repeating it:

    history = fit(model, train_loader, nn.CrossEntropyLoss(), optimizer, num_epochs=5,
                  val_loader=val_loader, checkpoint="checkpoints/03_cnn.pt")
    plot_history(history)
    test_loss, test_acc = evaluate(model, test_loader, nn.CrossEntropyLoss())   # once, at the end

``fit`` is for classifiers: the model returns class scores of shape
``(N, num_classes)`` and the loader yields ``(x, y)`` with ``y`` the class
indices, shape ``(N,)``. Accuracy is the share of samples whose highest score
is the right class.

Mistakes in what is passed in (a loader that yields something other than
pairs, a flatten that mixes up the batch dimension, an optimizer built for
another model, a loss that turned NaN) stop with a ``TrainingError`` whose
message says how to fix them; a notebook shows only that message.
"""

import math
import numbers
import time
from dataclasses import dataclass, field
from pathlib import Path

import torch

from helpers.errors import CourseError
from helpers.progress import progress_bar, say
from helpers.runtime import get_device


class TrainingError(CourseError, ValueError):
    """A problem with what was passed to fit/evaluate. IPython shows only the message."""


# ----------------------------------------------------------------------------
# History of a run
# ----------------------------------------------------------------------------

@dataclass
class History:
    """Per-epoch results of ``fit``: one list entry per epoch.

    ``test_loss`` and ``test_acc`` hold ``None`` for epochs without a test
    loader. Accuracies are fractions in [0, 1]; ``seconds`` is the wall-clock
    time of the epoch's training plus its evaluation. ``evaluated_on`` names the
    set behind ``test_loss`` and ``test_acc``: ``"validation"`` when ``fit`` was
    given a ``val_loader``, else ``"test"``.

    Besides, one entry per training batch: ``step_epoch``, where training
    stood after that batch, in epochs (2.5 is halfway through epoch 3), and
    that batch's own loss and accuracy, ``step_loss`` and ``step_acc``. A run
    of one epoch is then still a curve: ``per_batch`` gives them for a plot.
    """

    epoch: list = field(default_factory=list)
    train_loss: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    test_loss: list = field(default_factory=list)
    test_acc: list = field(default_factory=list)
    seconds: list = field(default_factory=list)
    evaluated_on: str = "test"
    step_epoch: list = field(default_factory=list)
    step_loss: list = field(default_factory=list)
    step_acc: list = field(default_factory=list)

    KEYS = ("epoch", "train_loss", "train_acc", "test_loss", "test_acc", "seconds")
    STEP_KEYS = ("step_epoch", "step_loss", "step_acc")

    def __len__(self):
        return len(self.epoch)

    def append(self, **values):
        for key in self.KEYS:
            getattr(self, key).append(values[key])

    def last(self):
        """The final epoch's results as a dict (``{}`` when there are none)."""
        return {key: getattr(self, key)[-1] for key in self.KEYS} if len(self) else {}

    @property
    def final_train_acc(self):
        return self.train_acc[-1] if len(self) else None

    @property
    def final_test_acc(self):
        return self.test_acc[-1] if len(self) else None

    def per_batch(self, key="loss", smooth=True):
        """``(x, values)`` for a plot of the training ``"loss"`` or ``"acc"`` batch by batch.

        ``x`` is where training stood after each batch, in epochs. With ``smooth``
        each value is the mean of the batches up to it, over a window of up to 25
        batches (a twentieth of the run), so that the curve shows the trend rather
        than the noise of single batches; the first points average fewer.
        """
        if key not in ("loss", "acc"):
            raise TrainingError(f"per_batch draws 'loss' or 'acc', got {key!r}.")
        values = list(getattr(self, f"step_{key}"))
        window = max(1, min(25, len(values) // 20)) if smooth else 1
        smoothed = [sum(values[max(0, i + 1 - window):i + 1]) / min(window, i + 1)
                    for i in range(len(values))]
        return list(self.step_epoch), smoothed

    def as_dict(self):
        """Plain lists of numbers, so that ``torch.load(..., weights_only=True)`` can read it."""
        return {**{key: list(getattr(self, key)) for key in self.KEYS + self.STEP_KEYS},
                "evaluated_on": self.evaluated_on}

    @classmethod
    def from_dict(cls, values):
        missing = [key for key in cls.KEYS if key not in values]
        if missing:
            raise TrainingError(f"A history needs the keys {', '.join(cls.KEYS)}; "
                                f"missing: {', '.join(missing)}.")
        # the per-batch entries are optional: a history saved without them has none
        return cls(**{key: list(values[key]) for key in cls.KEYS},
                   **{key: list(values.get(key, [])) for key in cls.STEP_KEYS},
                   evaluated_on=str(values.get("evaluated_on", "test")))


# ----------------------------------------------------------------------------
# Checks on what comes in, with messages that name the fix
# ----------------------------------------------------------------------------

def _check_loader(loader, name):
    if isinstance(loader, torch.utils.data.Dataset):
        raise TrainingError(f"{name} is a dataset, but a DataLoader is needed to make batches: "
                            "pass DataLoader(dataset, batch_size=64, shuffle=...) instead.")


def _batches(loader, device, name):
    """Yield ``(x, y)`` moved to ``device``, checking that each batch is such a pair."""
    count = 0
    for count, batch in enumerate(loader, start=1):
        if not (isinstance(batch, (tuple, list)) and len(batch) == 2
                and all(isinstance(t, torch.Tensor) for t in batch)):
            what = (f"a {type(batch).__name__} of {len(batch)} items"
                    if isinstance(batch, (tuple, list)) else f"a {type(batch).__name__}")
            raise TrainingError(f"{name} must yield pairs of tensors (x, y), but batch {count} "
                                f"is {what}. Make the dataset return (input, label) for each "
                                "sample, e.g. TensorDataset(x, y).")
        x, y = batch
        yield x.to(device), y.to(device)
    if count == 0:
        raise TrainingError(f"{name} yielded no batches: is its dataset empty?")


def _check_outputs(outputs, y):
    if not isinstance(outputs, torch.Tensor):
        raise TrainingError(f"The model returned a {type(outputs).__name__}, but a tensor of "
                            "class scores of shape (N, num_classes) is expected.")
    if outputs.dim() < 2 or outputs.shape[0] != y.shape[0]:
        raise TrainingError(
            f"The model returned outputs of shape {tuple(outputs.shape)} for a batch of "
            f"{y.shape[0]} samples: the first dimension must be the batch size, and the "
            "second the number of classes. Check the flatten before the first linear layer: "
            "use x.flatten(1) or nn.Flatten(), not x.view(-1, ...) with a wrong size.")


def _check_loss(loss):
    if isinstance(loss, torch.Tensor) and loss.dim() == 0:
        return
    what = (f"a tensor of shape {tuple(loss.shape)}" if isinstance(loss, torch.Tensor)
            else f"a {type(loss).__name__}")
    raise TrainingError(f"loss_fn returned {what}, but a single number (a 0-d tensor) is "
                        "expected: use reduction='mean' (the default) or end with .mean().")


def _check_args(model, optimizer, num_epochs):
    if not isinstance(model, torch.nn.Module):
        raise TrainingError(f"model must be an nn.Module, got a {type(model).__name__}.")
    if (not isinstance(num_epochs, numbers.Integral) or isinstance(num_epochs, bool)
            or num_epochs < 1):
        raise TrainingError(f"num_epochs must be a positive whole number, got {num_epochs!r}: "
                            "pass e.g. num_epochs=5.")
    if not hasattr(optimizer, "param_groups"):
        raise TrainingError(f"optimizer must be a torch.optim optimizer, got a "
                            f"{type(optimizer).__name__}: e.g. "
                            "torch.optim.SGD(model.parameters(), lr=0.1).")
    # Compare identities: an optimizer built from another model (or from a model
    # that was re-created afterwards) would step parameters this model does not use.
    optimized = {id(p) for group in optimizer.param_groups for p in group["params"]}
    if not optimized & {id(p) for p in model.parameters()}:
        raise TrainingError("The optimizer holds none of this model's parameters, so training "
                            "would change nothing: create the optimizer after the model, from "
                            "model.parameters().")


# ----------------------------------------------------------------------------
# Evaluation and training
# ----------------------------------------------------------------------------

def _length(loader):
    """Number of batches, or None for a loader that cannot tell (the bar then shows no total)."""
    try:
        return len(loader)
    except TypeError:
        return None


def _model_device(model):
    parameter = next(model.parameters(), None)
    return parameter.device if parameter is not None else torch.device("cpu")


def evaluate(model, loader, loss_fn, device=None):
    """Mean loss and accuracy of ``model`` over ``loader``: ``(mean_loss, accuracy)``.

    Runs in eval mode without gradients and restores the model's previous mode.
    The loss is averaged over samples (each batch weighted by its size, so a
    smaller last batch counts less); accuracy is a fraction in [0, 1].
    ``device=None`` uses the device the model is on; a device given moves the
    model there.
    """
    _check_loader(loader, "The loader")
    if device is None:
        device = _model_device(model)
    device = torch.device(device)
    model.to(device)
    was_training = model.training
    model.eval()  # dropout off, batch norm uses its running statistics
    total_loss, correct, seen = 0.0, 0, 0
    try:
        with torch.no_grad():
            for x, y in _batches(loader, device, "The loader"):
                outputs = model(x)                      # (N, num_classes)
                _check_outputs(outputs, y)
                loss = loss_fn(outputs, y)              # mean over the batch, 0-d
                _check_loss(loss)
                n = y.shape[0]
                total_loss += loss.item() * n
                correct += (outputs.argmax(dim=1) == y).sum().item()
                seen += n
    finally:
        model.train(was_training)
    return total_loss / seen, correct / seen


def _load_checkpoint(model, path, device, num_epochs):
    try:
        saved = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # not a checkpoint, or a truncated file
        raise TrainingError(f"The checkpoint {path} could not be read ({type(error).__name__}): "
                            "delete the file to train again.") from None
    try:
        model.load_state_dict(saved["model"])
        history = History.from_dict(saved["history"])
    except (KeyError, RuntimeError, TrainingError):  # other layer names or shapes
        raise TrainingError(f"The checkpoint {path} does not fit this model: its weights have "
                            "other names or shapes. It was probably saved before the model "
                            "changed: delete the file to train again.") from None
    model.to(device)
    model.eval()
    which = "test" if history.final_test_acc is not None else "train"
    accuracy = history.last()[f"{which}_acc"]
    which = history.evaluated_on if which == "test" else which
    note = (f" It holds {len(history)} epochs, not the {num_epochs} asked for."
            if len(history) != num_epochs else "")
    print(f"Loaded the trained model from {path} ({len(history)} epochs, final {which} "
          f"accuracy {accuracy:.1%}): training skipped.{note} Delete the file to train again.")
    return history


def _epoch_line(history, num_epochs):
    r = history.last()
    line = (f"epoch {r['epoch']}/{num_epochs}: train loss {r['train_loss']:.4f}, "
            f"acc {r['train_acc']:.1%}")
    if r["test_loss"] is not None:
        line += f" | {history.evaluated_on} loss {r['test_loss']:.4f}, acc {r['test_acc']:.1%}"
    return line + f" | {r['seconds']:.1f} s"


def fit(model, train_loader, loss_fn, optimizer, num_epochs, device=None, test_loader=None,
        checkpoint=None, scheduler=None, progress=True, val_loader=None):
    """Train ``model`` for ``num_epochs`` epochs and return its ``History``.

    Each epoch shows a progress bar with the running loss and accuracy, then,
    when ``test_loader`` is given, evaluates on it; ``scheduler.step()`` is
    called once per epoch. One line per epoch is printed; in a notebook that
    line takes the place of the epoch's progress bar, so that a saved notebook
    shows what each epoch did (a bar stopped by an error or an interrupt says
    where it stopped).

    ``val_loader`` instead of ``test_loader`` evaluates on a validation set after
    each epoch (introduced in notebook 03): the history's ``test_loss`` and
    ``test_acc`` then hold the validation results, its ``evaluated_on`` is
    ``"validation"``, and the printed lines and ``plot_history`` say so. Choose
    with the validation set; evaluate the test set once, at the end.

    ``checkpoint`` is a file path: when the file exists, the weights and the
    history are loaded from it and training is skipped (delete the file to
    retrain); otherwise the model is trained and saved there.

    The model is moved to ``device`` (default: ``get_device()``) and left in
    eval mode, ready for predictions.
    """
    _check_args(model, optimizer, num_epochs)
    _check_loader(train_loader, "train_loader")
    if test_loader is not None and val_loader is not None:
        raise TrainingError("Give fit a val_loader or a test_loader, not both: choose with the "
                            "validation set during training, and evaluate the test set once at the "
                            "end, with evaluate(model, test_loader, loss_fn).")
    evaluated_on = "validation" if val_loader is not None else "test"
    test_loader = val_loader if val_loader is not None else test_loader
    if test_loader is not None:
        _check_loader(test_loader, f"{evaluated_on[:4]}_loader")
    device = torch.device(device) if device is not None else get_device()
    model.to(device)  # moves parameters in place: the optimizer still holds the same ones

    if checkpoint is not None and Path(checkpoint).exists():
        return _load_checkpoint(model, checkpoint, device, num_epochs)

    history = History(evaluated_on=evaluated_on)
    for epoch in range(1, num_epochs + 1):
        start = time.perf_counter()
        model.train()  # dropout on, batch norm updates its statistics
        total_loss, correct, seen = 0.0, 0, 0
        total = _length(train_loader)
        batches = _batches(train_loader, device, "train_loader")
        # leave=False: the bar disappears at the end of the epoch, the printed line stays
        bar, shown = progress_bar(batches, total, f"epoch {epoch}/{num_epochs}", progress)
        steps = []   # (batch's loss, batch's accuracy), for the history's per-batch entries
        try:
            with bar:
                for batch, (x, y) in enumerate(bar, start=1):
                    optimizer.zero_grad()
                    outputs = model(x)                          # (N, num_classes)
                    _check_outputs(outputs, y)
                    loss = loss_fn(outputs, y)                  # mean over the batch, 0-d
                    _check_loss(loss)
                    loss_value = loss.item()
                    if not math.isfinite(loss_value):  # stop before the step spreads it
                        word = "NaN" if math.isnan(loss_value) else "infinite"
                        raise TrainingError(
                            f"Training stopped: the loss became {word} at epoch {epoch}, batch "
                            f"{batch}: the learning rate may be too high. Try one 10 times smaller, "
                            "and re-create the model (and its optimizer) to start again.")
                    loss.backward()
                    optimizer.step()

                    # running averages over the epoch so far, each batch weighted by its size
                    n = y.shape[0]
                    right = (outputs.argmax(dim=1) == y).sum().item()
                    total_loss += loss_value * n
                    correct += right
                    seen += n
                    steps.append((loss_value, right / n))
                    # a dict keeps this order (keyword arguments would be sorted: acc first)
                    bar.set_postfix({"loss": f"{total_loss / seen:.4f}",
                                     "acc": f"{correct / seen:.1%}"}, refresh=False)
        except BaseException:   # an error or an interrupt: the bar's place says where it stopped
            if shown is not None:
                of = f" of {total}" if total is not None else ""
                say(f"epoch {epoch}/{num_epochs}: stopped after {len(steps)}{of} batches", shown)
            raise

        train_loss, train_acc = total_loss / seen, correct / seen
        test_loss = test_acc = None
        if test_loader is not None:
            test_loss, test_acc = evaluate(model, test_loader, loss_fn, device)
        if scheduler is not None:
            if isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
                # this one needs a number to watch: the evaluated loss, else the train loss
                scheduler.step(test_loss if test_loss is not None else train_loss)
            else:
                scheduler.step()
        history.append(epoch=epoch, train_loss=train_loss, train_acc=train_acc,
                       test_loss=test_loss, test_acc=test_acc,
                       seconds=time.perf_counter() - start)
        for i, (step_loss, step_acc) in enumerate(steps, start=1):
            history.step_epoch.append(epoch - 1 + i / len(steps))
            history.step_loss.append(step_loss)
            history.step_acc.append(step_acc)
        say(_epoch_line(history, num_epochs), shown)

    model.eval()
    if checkpoint is not None:
        path = Path(checkpoint)
        path.parent.mkdir(parents=True, exist_ok=True)
        # weights on the CPU, so that the file loads on a machine without a GPU
        weights = {k: v.detach().cpu() for k, v in model.state_dict().items()}
        torch.save({"model": weights, "history": history.as_dict()}, path)
    return history


# ----------------------------------------------------------------------------
# Plotting and counting
# ----------------------------------------------------------------------------

def epoch_axis(ax, num_epochs, label="epoch"):
    """Set ``ax``'s x axis for a run of ``num_epochs`` epochs: from 0 to just past the last, whole
    epochs as ticks. A run of one epoch then has a readable axis, not one around its single point."""
    from matplotlib.ticker import MaxNLocator

    ax.set_xlim(0, num_epochs + max(0.15, 0.03 * num_epochs))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # no epoch 1.5
    ax.set_xlabel(label)


def plot_history(history, title=None):
    """Loss and accuracy (in percent) against epoch, for train and (if any) test.

    The training values of each batch (``History.per_batch``, smoothed) are drawn as
    a thin line, and each epoch's results as points at the epoch's end, so that a
    run of one epoch is still a curve.
    """
    import matplotlib.pyplot as plt  # here, so that importing helpers stays light

    if isinstance(history, dict):
        history = History.from_dict(history)
    if len(history) == 0:
        raise TrainingError("The history is empty: there is nothing to plot.")
    has_test = any(v is not None for v in history.test_loss)

    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(8, 3.4))
    panels = ((ax_loss, "loss", 1, "loss"), (ax_acc, "acc", 100, "accuracy (%)"))
    for ax, key, factor, label in panels:
        if history.step_epoch:
            x, values = history.per_batch(key)
            ax.plot(x, [v * factor for v in values], color="tab:blue", linewidth=1, alpha=0.45,
                    label="train, per batch")
        # markers, so that a run of one epoch still shows its points
        ax.plot(history.epoch, [v * factor for v in getattr(history, f"train_{key}")],
                marker="o", color="tab:blue", label="train")
        if has_test:  # an epoch without a test value leaves a gap (NaN is not drawn)
            test = [math.nan if v is None else v * factor for v in getattr(history, f"test_{key}")]
            ax.plot(history.epoch, test, marker="o", color="tab:orange", label=history.evaluated_on)
        epoch_axis(ax, len(history))
        ax.set_ylabel(label, fontsize=10)
        ax.set_title(label, fontsize=11)
        ax.tick_params(labelsize=9)
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
    if title:
        fig.suptitle(title, fontsize=12)
    fig.tight_layout()
    plt.show()


def count_parameters(model, trainable_only=False):
    """Number of values in the model's parameters (only those with requires_grad if asked)."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def check_loader(loader, image_shape, num_classes, name="the loader"):
    """Fail with a ``TrainingError`` that says what to fix unless ``loader``'s dataset holds images of
    ``image_shape`` ``(C, H, W)`` and labels below ``num_classes``: a loader of another dataset (MNIST's
    (1, 28, 28) digits for a CIFAR-10 network, say) is named before any training starts.

    Introduced in notebook 04, whose networks expect CIFAR-10's (3, 32, 32) images and 10 classes.
    """
    _check_loader(loader, name)
    dataset = getattr(loader, "dataset", None)
    if dataset is not None and len(dataset):   # one item, without drawing a shuffled order or an augmentation
        x, y = dataset[0]
        targets = getattr(dataset, "targets", None)
        x, y = x[None], (torch.as_tensor(targets) if targets is not None else torch.as_tensor(y)[None])
    else:
        x, y = next(_batches(loader, "cpu", name))
    if tuple(x.shape[1:]) != tuple(image_shape):
        raise TrainingError(f"{name} gives images of shape {tuple(x.shape[1:])}, but the network expects "
                            f"{tuple(image_shape)} (C, H, W): is it a loader of another dataset? Make it with "
                            f"the dataset the network is for, e.g. data.loaders(\"cifar10\", ...).")
    if y.dtype not in (torch.int64, torch.int32) or y.dim() != 1:
        raise TrainingError(f"{name} gives labels of dtype {y.dtype} and shape {tuple(y.shape)}, but class "
                            "indices (integers, one per image) are expected.")
    if len(y) and (int(y.min()) < 0 or int(y.max()) >= num_classes):
        raise TrainingError(f"{name} gives labels from {int(y.min())} to {int(y.max())}, but the network has "
                            f"{num_classes} classes (0 to {num_classes - 1}): is it a loader of another dataset?")
