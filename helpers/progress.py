"""Progress bars that leave a line of text behind: for training epochs and for decoding photos.

In a notebook a tqdm bar is a widget, whose state a saved notebook (or its HTML)
does not keep: it would show the bar as it was first drawn, at 0, forever. Shown
through a display of its own, the bar's place can take a line of plain text when
the work ends, so a saved notebook says what was done. Outside a notebook the bar
goes to stderr and the line is printed.
"""


def progress_bar(items, total, desc, enabled=True):
    """A tqdm bar over ``items`` and, in a notebook, the display it is shown in (else None)."""
    from tqdm.auto import tqdm  # here, so that importing helpers stays light

    if enabled and any(c.__module__ == "tqdm.notebook" for c in tqdm.__mro__):
        from IPython.display import display
        bar = tqdm(items, total=total, desc=desc, leave=False, display=False)
        return bar, display(bar.container, display_id=True)
    return tqdm(items, total=total, desc=desc, leave=False, disable=not enabled), None


def say(line, shown):
    """Print ``line``, or, in a notebook, put it in place of the progress bar ``shown``."""
    if shown is None:
        print(line)
    else:
        shown.update({"text/plain": line}, raw=True)
