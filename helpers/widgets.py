"""Interactive explorers built with ipywidgets.

Introduced in notebook 01: ``conv_explorer()`` shows how kernel size, padding,
stride and dilation move a convolution's window over its input and set the
size of its output.
"""

import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle


def output_size(n, kernel_size, stride=1, padding=0, dilation=1):
    """Output size along one dimension: floor((n + 2p - d(k-1) - 1) / s) + 1.

    Notebook 01 derives this formula; the explorer uses it to draw. The arguments
    come in ``F.conv2d``'s order: stride, padding, dilation.
    """
    return (n + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1


def draw_sliding_window(n=7, kernel_size=3, stride=1, padding=0, dilation=1, position=0):
    """Draw the padded input with the window of one output position, and the output.

    ``position`` numbers the output cells row by row, from 0. Returns the
    output size along one dimension (0 when the kernel does not fit).
    """
    out = output_size(n, kernel_size, stride, padding, dilation)
    span = dilation * (kernel_size - 1) + 1  # the pixels the dilated kernel covers
    fig, (ax_in, ax_out) = plt.subplots(1, 2, figsize=(10, 5),
                                        gridspec_kw={"width_ratios": [3, 2]})
    size = n + 2 * padding
    for r in range(size):
        for c in range(size):
            inside = padding <= r < padding + n and padding <= c < padding + n
            ax_in.add_patch(Rectangle((c, r), 1, 1, facecolor="white" if inside else "#dddddd",
                                      edgecolor="#999999", hatch=None if inside else "//"))
    if out >= 1:
        position = min(max(position, 0), out * out - 1)
        i, j = divmod(position, out)
        top, left = i * stride, j * stride  # window's corner, in padded coordinates
        ax_in.add_patch(Rectangle((left, top), span, span, fill=False, edgecolor="tab:red",
                                  linewidth=2.5))
        for m in range(kernel_size):
            for k in range(kernel_size):
                r, c = top + m * dilation, left + k * dilation
                ax_in.add_patch(Rectangle((c + 0.1, r + 0.1), 0.8, 0.8, facecolor="tab:orange",
                                          alpha=0.8))
    _finish_grid(ax_in, size, f"padded input {size}x{size} (grey: padding)")

    for r in range(max(out, 0)):
        for c in range(max(out, 0)):
            current = out >= 1 and (r, c) == divmod(position, out)
            ax_out.add_patch(Rectangle((c, r), 1, 1, edgecolor="#999999",
                                       facecolor="tab:orange" if current else "white"))
    if out >= 1:
        _finish_grid(ax_out, out, f"output {out}x{out}")
    else:
        ax_out.axis("off")
        ax_out.text(0.5, 0.5, "no output:\nthe kernel spans more\nthan the padded input",
                    ha="center", va="center", fontsize=12)
    fig.suptitle(f"input {n}x{n}, kernel {kernel_size}x{kernel_size} (spans {span} pixels), "
                 f"stride {stride}, padding {padding}, dilation {dilation}", fontsize=12)
    fig.tight_layout()
    plt.show()
    return max(out, 0)


def _finish_grid(ax, size, title):
    ax.set_xlim(0, size)
    ax.set_ylim(size, 0)  # row 0 at the top, as in a matrix
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title)


def conv_explorer(n=7):
    """Sliders for kernel size, stride, padding, dilation and the output position.

    The output-cell slider runs over the output's cells, from 0 to
    ``out * out - 1``, and follows the output's size as the other sliders move.
    """
    import ipywidgets as widgets  # imported here so that importing helpers stays light

    def show(kernel_size, stride, padding, dilation, position):
        out = draw_sliding_window(n, kernel_size, stride, padding, dilation, position)
        print(f"output shape: {out}x{out}" if out else "output shape: none (kernel too large)")

    from IPython.display import display

    slider = dict(continuous_update=False)
    settings = dict(
        kernel_size=widgets.IntSlider(value=3, min=1, max=5, description="kernel", **slider),
        stride=widgets.IntSlider(value=1, min=1, max=3, description="stride", **slider),
        padding=widgets.IntSlider(value=0, min=0, max=3, description="padding", **slider),
        dilation=widgets.IntSlider(value=1, min=1, max=3, description="dilation", **slider),
    )
    position = widgets.IntSlider(value=0, min=0, max=0, description="output cell", **slider)

    def follow_output_size(change=None):
        out = max(output_size(n, **{name: setting.value for name, setting in settings.items()}), 0)
        position.max = max(out * out - 1, 0)   # a value above it is brought down to it
        position.disabled = out == 0

    follow_output_size()
    # observed before interactive() observes them, so the range is right when the picture redraws
    for setting in settings.values():
        setting.observe(follow_output_size, names="value")
    display(widgets.interactive(show, **settings, position=position))
