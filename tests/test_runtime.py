"""Unit tests for helpers/runtime.py: device choice, its description, and seeding."""

import random

import numpy as np
import pytest
import torch

from helpers import runtime


def draws():
    return torch.rand(5), np.random.rand(5), [random.random() for _ in range(5)]


def same(a, b):
    return torch.equal(a[0], b[0]) and np.array_equal(a[1], b[1]) and a[2] == b[2]


@pytest.fixture
def no_accelerator(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)


def test_get_device_returns_a_torch_device_matching_this_machine():
    chosen = runtime.get_device()
    assert isinstance(chosen, torch.device)
    if torch.cuda.is_available():
        assert chosen.type == "cuda"
    elif torch.backends.mps.is_available():
        assert chosen.type == "mps"
    else:
        assert chosen == torch.device("cpu")


def test_get_device_is_cpu_without_accelerator(no_accelerator):
    assert runtime.get_device() == torch.device("cpu")


def test_get_device_prefers_cuda(monkeypatch, no_accelerator):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    assert runtime.get_device() == torch.device("cuda")


def test_get_device_uses_mps_when_no_cuda(monkeypatch, no_accelerator):
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    assert runtime.get_device() == torch.device("mps")


def test_describe_device_on_cpu(no_accelerator, monkeypatch):
    line = runtime.describe_device()
    assert line == f"Device: cpu ({torch.get_num_threads()} threads)" or torch.get_num_threads() == 1
    assert runtime.describe_device("cpu") == line
    assert runtime.describe_device(torch.device("cpu")) == line
    monkeypatch.setattr(torch, "get_num_threads", lambda: 1)
    assert runtime.describe_device("cpu") == "Device: cpu (1 thread)"
    monkeypatch.setattr(torch, "get_num_threads", lambda: 2)
    assert runtime.describe_device("cpu") == "Device: cpu (2 threads)"


def test_describe_device_mps():
    assert "mps" in runtime.describe_device("mps")


def test_describe_device_cuda_names_the_gpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda d=None: "Fake GPU 9000")
    assert runtime.describe_device("cuda") == "Device: cuda (Fake GPU 9000)"


@pytest.mark.parametrize("seed", [0, 1, 12345, 2**40, -3])
def test_set_seed_makes_torch_numpy_and_random_repeat(seed):
    assert runtime.set_seed(seed) == seed
    first = draws()
    runtime.set_seed(seed)
    second = draws()
    assert same(first, second)


def test_different_seeds_give_different_draws():
    runtime.set_seed(0)
    first = draws()
    runtime.set_seed(1)
    second = draws()
    assert not torch.equal(first[0], second[0])
    assert not np.array_equal(first[1], second[1])
    assert first[2] != second[2]


def test_set_seed_default_is_zero():
    assert runtime.set_seed() == 0
    first = draws()
    runtime.set_seed(0)
    assert same(first, draws())


@pytest.mark.parametrize("bad", [1.5, "0", None, True, np.float64(2.0)])
def test_set_seed_rejects_non_integers_and_says_how_to_call_it(bad):
    with pytest.raises(TypeError) as info:
        runtime.set_seed(bad)
    message = str(info.value)
    assert "integer" in message
    assert "set_seed(0)" in message
    assert repr(bad) in message


def test_set_seed_accepts_any_python_integer():
    assert runtime.set_seed(2**64) == 2**64
