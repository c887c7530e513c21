"""helpers.training.check_loader (notebook 04): a loader of another dataset is named before training."""

import pytest
import torch
from torch.utils.data import DataLoader, TensorDataset

from helpers import data, training


def _loader(x, y):
    return DataLoader(TensorDataset(x, y), batch_size=2)


def test_a_loader_of_the_right_images_and_classes_passes():
    training.check_loader(_loader(torch.zeros(4, 3, 32, 32), torch.tensor([0, 1, 9, 2])), (3, 32, 32), 10)


def test_digits_for_a_cifar_network_are_named_as_another_dataset():
    mnist_like = data.ImageTensors(torch.zeros(5, 1, 28, 28, dtype=torch.uint8), torch.arange(5), list("abcde"))
    with pytest.raises(training.TrainingError, match=r"images of shape \(1, 28, 28\).*another dataset"):
        training.check_loader(data.TensorLoader(mnist_like, 2), (3, 32, 32), 10, "train_loader")


def test_labels_beyond_the_classes_are_named():
    images = data.ImageTensors(torch.zeros(3, 3, 32, 32, dtype=torch.uint8), torch.tensor([0, 4, 12]), list("abc"))
    with pytest.raises(training.TrainingError, match="labels from 0 to 12, but the network has 10 classes"):
        training.check_loader(data.TensorLoader(images, 2), (3, 32, 32), 10)


def test_labels_that_are_not_class_indices_are_named():
    with pytest.raises(training.TrainingError, match="class indices"):
        training.check_loader(_loader(torch.zeros(4, 3, 32, 32), torch.zeros(4, 2)), (3, 32, 32), 10)


def test_a_dataset_instead_of_a_loader_is_named():
    with pytest.raises(training.TrainingError, match="DataLoader"):
        training.check_loader(TensorDataset(torch.zeros(2, 3, 32, 32), torch.zeros(2)), (3, 32, 32), 10)


def test_checking_draws_no_random_order():
    images = data.ImageTensors(torch.zeros(6, 3, 32, 32, dtype=torch.uint8), torch.arange(6), list("abcdef"))
    checked, unchecked = data.TensorLoader(images, 2, shuffle=True), data.TensorLoader(images, 2, shuffle=True)
    training.check_loader(checked, (3, 32, 32), 10)
    assert [y.tolist() for _, y in checked] == [y.tolist() for _, y in unchecked]
