"""Unit tests for helpers/widgets.py: the output-size formula and the sliding-window drawing."""

import random

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported: draw off screen

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from helpers import widgets  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def random_settings(count, seed, fits=True):
    """(n, kernel_size, stride, padding, dilation) where the dilated kernel fits (or does not)."""
    rng = random.Random(seed)
    found = []
    while len(found) < count:
        n, k = rng.randint(1, 12), rng.randint(1, 6)
        s, p, d = rng.randint(1, 4), rng.randint(0, 3), rng.randint(1, 3)
        if (n + 2 * p >= d * (k - 1) + 1) == fits:
            found.append((n, k, s, p, d))
    return found


def torch_output_size(n, k, s, p, d):
    return F.conv2d(torch.zeros(1, 1, n, n), torch.zeros(1, 1, k, k),
                    padding=p, stride=s, dilation=d).shape[-1]


def window_rectangle(ax):
    """The red outline of the kernel's window on the input axis."""
    (outline,) = [patch for patch in ax.patches if not patch.get_fill()]
    return outline


def test_output_size_agrees_with_torch_conv2d_on_300_random_settings():
    settings = random_settings(300, seed=1)
    wrong = [(s, widgets.output_size(*s), torch_output_size(*s)) for s in settings
             if widgets.output_size(*s) != torch_output_size(*s)]
    assert wrong == []  # (n, k, stride, padding, dilation), ours, torch's
    assert len({s[2] for s in settings}) == 4 and len({s[4] for s in settings}) == 3


@pytest.mark.parametrize("n, k, s, p, d, expected", [
    (7, 3, 1, 0, 1, 5), (7, 3, 1, 1, 1, 7), (7, 3, 2, 0, 1, 3), (7, 3, 1, 0, 2, 3),
    (28, 5, 1, 2, 1, 28), (32, 3, 2, 1, 1, 16), (5, 5, 1, 0, 1, 1), (8, 2, 3, 0, 1, 3),
])
def test_output_size_known_values(n, k, s, p, d, expected):
    assert widgets.output_size(n, k, stride=s, padding=p, dilation=d) == expected


def test_arguments_come_in_f_conv2d_order():
    # stride, padding, dilation, as F.conv2d and the notebooks' functions take them
    assert widgets.output_size(7, 3, 2, 1) == torch_output_size(7, 3, 2, 1, 1) == 4
    assert widgets.output_size(7, 3, 1, 2) == torch_output_size(7, 3, 1, 2, 1) == 9
    assert widgets.draw_sliding_window(7, 3, 2, 1) == 4


def test_output_size_defaults():
    assert widgets.output_size(10, 3) == 8


@pytest.mark.parametrize("settings", random_settings(12, seed=2))
def test_draw_sliding_window_returns_output_size_and_draws_the_window(settings):
    n, k, s, p, d = settings
    out = widgets.output_size(*settings)
    last = out * out - 1
    assert widgets.draw_sliding_window(n, k, s, p, d, position=last) == out
    fig = plt.gcf()
    ax_in, ax_out = fig.axes
    span = d * (k - 1) + 1
    outline = window_rectangle(ax_in)
    # the last output cell's window sits at the bottom right, inside the padded input
    assert outline.get_xy() == ((out - 1) * s, (out - 1) * s)
    assert outline.get_width() == outline.get_height() == span
    assert (out - 1) * s + span <= n + 2 * p
    assert ax_in.get_title() == f"padded input {n + 2 * p}x{n + 2 * p} (grey: padding)"
    assert ax_out.get_title() == f"output {out}x{out}"
    assert len(ax_out.patches) == out * out
    cells = sum(1 for patch in ax_in.patches if patch.get_width() == 0.8)
    assert cells == k * k  # one marked pixel per kernel weight


def test_draw_sliding_window_position_is_row_by_row():
    # 7x7 input, 3x3 kernel, stride 2: output 3x3; cell 5 is row 1, column 2
    assert widgets.draw_sliding_window(7, 3, 2, 0, 1, position=5) == 3
    assert window_rectangle(plt.gcf().axes[0]).get_xy() == (4, 2)


def test_draw_sliding_window_clamps_position():
    assert widgets.draw_sliding_window(7, 3, position=1000) == 5
    assert window_rectangle(plt.gcf().axes[0]).get_xy() == (4, 4)
    plt.close("all")
    assert widgets.draw_sliding_window(7, 3, position=-4) == 5
    assert window_rectangle(plt.gcf().axes[0]).get_xy() == (0, 0)


@pytest.mark.parametrize("settings", random_settings(6, seed=3, fits=False)
                         + [(4, 5, 2, 0, 1), (3, 5, 1, 0, 1), (1, 3, 1, 0, 2)])
def test_draw_sliding_window_returns_zero_when_kernel_does_not_fit(settings):
    assert widgets.draw_sliding_window(*settings) == 0
    ax_in, ax_out = plt.gcf().axes
    assert not any(not patch.get_fill() for patch in ax_in.patches)  # no window drawn
    assert len(ax_out.patches) == 0
    assert "no output" in ax_out.texts[0].get_text()


def test_conv_explorer_runs_outside_a_notebook(capsys):
    assert widgets.conv_explorer() is None
    assert "output shape: 5x5" in capsys.readouterr().out
    assert plt.get_fignums()


def test_conv_explorer_sliders_redraw(monkeypatch, capsys):
    import ipywidgets
    import IPython.display

    displayed = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: displayed.extend(objs))
    widgets.conv_explorer(n=7)
    (explorer,) = displayed
    assert isinstance(explorer, ipywidgets.interactive)
    sliders = {child.description: child for child in explorer.children
               if isinstance(child, ipywidgets.IntSlider)}
    assert set(sliders) == {"kernel", "padding", "stride", "dilation", "output cell"}
    capsys.readouterr()
    sliders["kernel"].value = 5
    assert "output shape: 3x3" in capsys.readouterr().out
    sliders["dilation"].value = 3  # spans 13 pixels: more than the 7 of the input
    assert "output shape: none" in capsys.readouterr().out


def test_conv_explorer_output_cell_slider_follows_the_output_size(monkeypatch, capsys):
    import ipywidgets
    import IPython.display

    displayed = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: displayed.extend(objs))
    widgets.conv_explorer(n=7)
    (explorer,) = displayed
    sliders = {child.description: child for child in explorer.children
               if isinstance(child, ipywidgets.IntSlider)}
    cell = sliders["output cell"]
    assert (cell.min, cell.max) == (0, 24)          # 7x7 input, 3x3 kernel: output 5x5
    cell.value = 24
    sliders["stride"].value = 2                      # output 3x3: cells 0 to 8
    assert (cell.max, cell.value) == (8, 8)
    assert "output shape: 3x3" in capsys.readouterr().out
    plt.close("all")
    sliders["padding"].value = 3                     # 13x13 padded, stride 2: output 6x6
    assert cell.max == 35 and not cell.disabled
    sliders["stride"].value = 1
    sliders["padding"].value = 0
    sliders["kernel"].value = 5
    sliders["dilation"].value = 3                    # spans 13 pixels: no output
    assert cell.max == 0 and cell.disabled
    assert "output shape: none" in capsys.readouterr().out
