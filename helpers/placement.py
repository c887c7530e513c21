"""Checking, on a CPU, that a function moves its tensors to ``device`` and back, as it must on a GPU.

``GPU`` is the CPU under another name (``cpu:0``): passed as ``device``, it stands for a GPU, and
every computation still runs on the CPU. Each tensor carries in its class where it would be:

- ``OnCpu``: a batch as a loader hands it out, before it is moved;
- ``OnDevice``: what ``.to(GPU)`` gives, and everything computed from it;
- a plain ``torch.Tensor``: what ``.cpu()`` or ``.to("cpu")`` brings back.

A check wraps its data with ``tensor.as_subclass(OnCpu)`` and asks ``isinstance(t, OnDevice)`` of
what the model or the loss receives. Used by notebook 03's checks and hidden tests.
"""

import torch

GPU = torch.device("cpu", 0)


class OnCpu(torch.Tensor):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        out = super().__torch_function__(func, types, args, kwargs)
        if func is torch.Tensor.cpu or func is torch.Tensor.to:
            where = [torch.device(a) for a in [*args[1:], *(kwargs or {}).values()]
                     if isinstance(a, (str, torch.device))]
            if func is torch.Tensor.cpu or where:   # .to(torch.float64) and the like stay where they are
                return out.as_subclass(OnDevice if where and where[0] == GPU else torch.Tensor)
        return out


class OnDevice(OnCpu):   # a subclass, so that where the two meet (x + y) the result is OnDevice
    pass
