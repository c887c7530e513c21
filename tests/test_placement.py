"""helpers.placement: where a tensor would be, told on a CPU by its class."""

import torch

from helpers.placement import GPU, OnCpu, OnDevice


def test_a_batch_moves_to_the_stand_in_gpu_and_back():
    batch = torch.ones(2, 3).as_subclass(OnCpu)
    assert type(batch) is OnCpu
    moved = batch.to(GPU)
    assert type(moved) is OnDevice and type(batch) is OnCpu     # .to gives a moved copy
    assert type(moved * 2 + batch) is OnDevice                   # what is computed from it stays there
    assert type(moved.cpu()) is torch.Tensor and type(moved.to("cpu")) is torch.Tensor


def test_a_change_of_dtype_leaves_a_tensor_where_it_was():
    assert type(torch.ones(2).as_subclass(OnCpu).to(torch.float64)) is OnCpu
    assert type(torch.ones(2).as_subclass(OnCpu).to(GPU).to(torch.float64)) is OnDevice
