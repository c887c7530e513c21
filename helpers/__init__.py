"""The course's helper package, shared by every notebook.

Import the module you need (``from helpers import checks``); importing
``helpers`` itself loads nothing heavy and has no side effects.

Modules, and the notebook that introduces each:

- ``scale``    the fast/full scale switch (01)
- ``runtime``  device choice and seeding (01)
- ``errors``   the base class of the course's errors, shown without a traceback (01)
- ``checks``   visible checks that explain what is wrong (01)
- ``grading``  reference outputs for the hidden graded tests (01)
- ``images``   real photos and image/kernel/feature-map grids (01)
- ``widgets``  interactive explorers built with ipywidgets (01)
- ``data``     MNIST, Fashion-MNIST, CIFAR-10 and ants/bees in memory, offline when possible (03)
- ``places``   where the data is read and the cache kept (used by ``data`` and the autograder)
- ``training`` the one training loop, ``fit``, its history and plots (03)
- ``augment``  random crops and flips drawn per image, on whole batches (04)
- ``residual`` deep plain and residual CIFAR-10 networks, torchvision's reference blocks (05)
- ``backbones`` the best ImageNet backbone at hand, online or offline (06)
"""

__version__ = "0.1.0"
