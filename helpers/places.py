"""Where the course reads its data and keeps its cache: two folders, found without importing torch.

``helpers.data`` uses them (and offers them as ``data.data_dir`` and
``data.cache_dir``); the autograder reads them too, to show them to its sandbox.
"""

import os
from pathlib import Path

DATA_VARIABLE = "COURSE_DATA"
CACHE_NAME = "cnn-course"


def data_dir():
    """The folder named by ``COURSE_DATA`` (read first, never written), or None.

    The only place the course reads that variable.
    """
    value = os.environ.get(DATA_VARIABLE, "").strip()
    return Path(value).expanduser() if value else None


def cache_dir():
    """The writable folder for downloads and extracted files, created if needed.

    ``$XDG_CACHE_HOME/cnn-course`` when that variable holds an absolute path,
    else ``~/.cache/cnn-course``.
    """
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    path = root / CACHE_NAME
    path.mkdir(parents=True, exist_ok=True)
    return path
