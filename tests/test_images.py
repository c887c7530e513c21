"""Unit tests for helpers/images.py: offline photos, image grids and kernel grids."""

import socket

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported: draw off screen

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import skimage.color  # noqa: E402
import skimage.data  # noqa: E402
import torch  # noqa: E402

from helpers import images  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def offline(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("load_photo tried to use the network")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def drawn_axes(fig):
    """The axes that show an image (not the switched-off cells, not colour bars)."""
    return [ax for ax in fig.axes if ax.images and ax.get_label() != "<colorbar>"]


def colorbars(fig):
    return [ax for ax in fig.axes if ax.get_label() == "<colorbar>"]


# ----------------------------------------------------------------------------
# load_photo
# ----------------------------------------------------------------------------

def test_camera_is_grayscale_float_in_unit_range():
    photo = images.load_photo("camera")
    assert isinstance(photo, torch.Tensor)
    assert photo.shape == (512, 512)
    assert photo.dtype == torch.float32
    assert photo.min() >= 0 and photo.max() <= 1
    assert photo.max() > 0.5  # scaled from 0..255, not left tiny


def test_camera_is_the_default_and_matches_skimage():
    photo = images.load_photo()
    assert torch.allclose(photo, torch.from_numpy(skimage.data.camera()).float() / 255)


def test_astronaut_is_channel_first_colour():
    photo = images.load_photo("astronaut")
    assert photo.shape == (3, 512, 512)
    raw = skimage.data.astronaut()  # (H, W, 3)
    assert torch.allclose(photo[:, 10, 20], torch.from_numpy(raw[10, 20]).float() / 255)


def test_gray_true_gives_2d_luminance():
    photo = images.load_photo("astronaut", gray=True)
    assert photo.shape == (512, 512)
    expected = torch.from_numpy(skimage.color.rgb2gray(skimage.data.astronaut())).float()
    assert torch.allclose(photo, expected, atol=1e-5)


def test_gray_true_on_grayscale_photo_is_unchanged():
    assert torch.equal(images.load_photo("camera", gray=True), images.load_photo("camera"))


@pytest.mark.parametrize("size, width", [(128, 162), (100, 127), (303, 384)])
def test_size_makes_shorter_side_that_long_and_keeps_aspect_ratio(size, width):
    photo = images.load_photo("coins", size=size)  # coins is 303 x 384
    assert photo.shape == (size, width)  # width rounded to the nearest pixel
    assert abs(photo.shape[1] / photo.shape[0] - 384 / 303) < 0.01
    if size == 303:
        assert torch.allclose(photo, images.load_photo("coins"), atol=1e-5)
    assert photo.min() >= 0 and photo.max() <= 1


def test_size_on_colour_photo_keeps_channels():
    photo = images.load_photo("chelsea", size=64)  # chelsea is 300 x 451
    assert photo.shape == (3, 64, round(451 * 64 / 300))


def test_size_keeps_the_mean_brightness():
    full, small = images.load_photo("camera"), images.load_photo("camera", size=64)
    assert small.shape == (64, 64)
    assert abs(float(full.mean()) - float(small.mean())) < 0.01


def test_unknown_name_lists_the_photos():
    with pytest.raises(ValueError) as info:
        images.load_photo("kitten")
    message = str(info.value)
    assert "'kitten'" in message
    for name in images.PHOTOS:
        assert name in message


@pytest.mark.parametrize("size", [0, -5, 2.5, "64"])
def test_bad_size_says_what_is_needed(size):
    with pytest.raises(ValueError, match="positive number of pixels"):
        images.load_photo("camera", size=size)


@pytest.mark.parametrize("name", images.PHOTOS)
def test_every_photo_loads_offline_in_unit_range(offline, name):
    photo = images.load_photo(name, size=32)
    assert photo.dtype == torch.float32
    assert photo.dim() in (2, 3)
    if photo.dim() == 3:
        assert photo.shape[0] == 3
    assert min(photo.shape[-2:]) == 32
    assert photo.min() >= 0 and photo.max() <= 1


@pytest.mark.parametrize("name", [
    name for name in images.PHOTOS])
def test_every_photo_uses_the_whole_brightness_range(name):
    photo = images.load_photo(name)
    assert photo.max() > 0.5


# ----------------------------------------------------------------------------
# show_images
# ----------------------------------------------------------------------------

def test_show_images_draws_one_axis_per_image_with_titles():
    maps = [torch.rand(8, 8) for _ in range(5)]
    titles = [f"map {i}" for i in range(5)]
    images.show_images(maps, titles=titles, ncols=3)
    fig = plt.gcf()
    shown = drawn_axes(fig)
    assert [ax.get_title() for ax in shown] == titles
    assert len(fig.axes) == 6  # a 2 x 3 grid, the last cell switched off
    assert not fig.axes[5].axison and not fig.axes[5].images


def test_show_images_accepts_one_tensor_indexed_by_first_dimension():
    images.show_images(torch.rand(4, 6, 6))
    shown = drawn_axes(plt.gcf())
    assert len(shown) == 4
    assert all(ax.get_title() == "" for ax in shown)


def test_show_images_unit_range_map_is_gray_without_colour_bar():
    images.show_images([torch.rand(8, 8)], titles=["gray"])
    fig = plt.gcf()
    (ax,) = drawn_axes(fig)
    assert ax.images[0].get_cmap().name == "gray"
    assert ax.images[0].get_clim() == (0, 1)
    assert colorbars(fig) == []


def test_show_images_signed_map_gets_symmetric_colours_and_colour_bar():
    signed = torch.tensor([[-2.0, 0.0], [1.0, 0.5]])
    images.show_images([signed, torch.rand(4, 4)], titles=["edges", "photo"])
    fig = plt.gcf()
    shown = drawn_axes(fig)
    assert [ax.get_title() for ax in shown] == ["edges", "photo"]
    assert shown[0].images[0].get_cmap().name == "RdBu_r"
    assert shown[0].images[0].get_clim() == (-2.0, 2.0)
    assert shown[1].images[0].get_cmap().name == "gray"
    assert len(colorbars(fig)) == 1


def test_show_images_signed_maps_share_one_symmetric_scale_and_one_colour_bar():
    maps = [torch.tensor([[-2.0, 1.0]]), torch.tensor([[0.5, -0.25]]), torch.tensor([[3.0, -1.0]])]
    images.show_images(maps + [torch.rand(4, 4)], ncols=4)
    fig = plt.gcf()
    shown = drawn_axes(fig)
    assert [ax.images[0].get_clim() for ax in shown[:3]] == [(-3.0, 3.0)] * 3
    assert all(ax.images[0].get_cmap().name == "RdBu_r" for ax in shown[:3])
    assert len(colorbars(fig)) == 1


def test_show_images_nonnegative_maps_share_one_sequential_scale():
    maps = [torch.tensor([[0.0, 2.0]]), torch.tensor([[0.5, 4.0]])]   # after a ReLU: >= 0, not in [0, 1]
    images.show_images(maps)
    fig = plt.gcf()
    shown = drawn_axes(fig)
    assert [ax.images[0].get_cmap().name for ax in shown] == [images.SEQUENTIAL_CMAP] * 2
    assert [ax.images[0].get_clim() for ax in shown] == [(0.0, 4.0)] * 2
    assert len(colorbars(fig)) == 1


def test_show_images_feature_maps_are_all_drawn_alike_even_those_within_unit_range():
    maps = [torch.tensor([[0.0, 3.0]]), torch.tensor([[0.0, 0.5]]), torch.zeros(1, 2)]
    images.show_images([torch.rand(4, 4), *maps], kind=["image", None, None, None])
    shown = drawn_axes(plt.gcf())
    assert [ax.images[0].get_cmap().name for ax in shown] == ["gray"] + [images.SEQUENTIAL_CMAP] * 3
    assert [ax.images[0].get_clim() for ax in shown[1:]] == [(0.0, 3.0)] * 3


def test_show_images_many_unit_range_images_are_grey_without_any_colour_bar():
    images.show_images(torch.rand(8, 28, 28), ncols=8, size=1.6)
    fig = plt.gcf()
    assert [ax.images[0].get_cmap().name for ax in drawn_axes(fig)] == ["gray"] * 8
    assert colorbars(fig) == []


def test_show_images_kind_image_draws_normalised_digits_in_grey_on_one_scale():
    digits = (torch.rand(3, 6, 6) - 0.1307) / 0.3081      # normalised as MNIST is: some values < 0
    images.show_images(digits, kind="image")
    fig = plt.gcf()
    shown = drawn_axes(fig)
    assert [ax.images[0].get_cmap().name for ax in shown] == ["gray"] * 3
    low, high = float(digits.min()), float(digits.max())
    assert all(ax.images[0].get_clim() == pytest.approx((low, high)) for ax in shown)
    assert colorbars(fig) == []


def test_show_images_kind_per_image():
    digit, relu_map = torch.randn(6, 6), torch.rand(6, 6) * 3
    images.show_images([digit, relu_map], kind=["image", None])
    shown = drawn_axes(plt.gcf())
    assert [ax.images[0].get_cmap().name for ax in shown] == ["gray", images.SEQUENTIAL_CMAP]


def test_show_images_unknown_kind_says_which_are_known():
    with pytest.raises(ValueError, match="kind must be one of 'image', 'nonnegative', 'signed'"):
        images.show_images([torch.rand(4, 4)], kind="photo")
    with pytest.raises(ValueError, match="2 images but 1 kinds"):
        images.show_images([torch.rand(4, 4)] * 2, kind=["image"])


def test_show_images_colour_image_is_shown_as_rgb():
    images.show_images([images.load_photo("astronaut", size=16)])
    (ax,) = drawn_axes(plt.gcf())
    assert ax.images[0].get_array().shape == (16, 16, 3)


def test_show_images_suptitle():
    images.show_images([torch.rand(4, 4)], suptitle="Feature maps")
    assert plt.gcf()._suptitle.get_text() == "Feature maps"


def test_show_images_mismatched_titles_raise():
    with pytest.raises(ValueError, match="3 images but 2 titles"):
        images.show_images([torch.rand(4, 4)] * 3, titles=["a", "b"])


def test_show_images_rejects_arrays_that_are_not_images():
    with pytest.raises(ValueError, match="Cannot show an array of shape"):
        images.show_images([torch.rand(2, 2, 4, 4)])


# ----------------------------------------------------------------------------
# show_kernels
# ----------------------------------------------------------------------------

def test_show_kernels_draws_each_kernel_with_weights_written():
    sobel = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
    blur = torch.full((3, 3), 1 / 9)
    images.show_kernels([sobel, blur], titles=["sobel", "blur"])
    shown = drawn_axes(plt.gcf())
    assert [ax.get_title() for ax in shown] == ["sobel", "blur"]
    assert [t.get_text() for t in shown[0].texts] == ["-1", "0", "1", "-2", "0", "2", "-1", "0", "1"]
    assert [t.get_text() for t in shown[1].texts] == ["0.11"] * 9
    assert shown[0].images[0].get_clim() == (-2.0, 2.0)
    assert shown[1].images[0].get_clim() == (-2.0, 2.0)   # one scale for all the kernels
    assert len(colorbars(plt.gcf())) == 1


def test_show_kernels_writes_no_numbers_on_large_kernels():
    images.show_kernels([torch.randn(8, 8)])
    (ax,) = drawn_axes(plt.gcf())
    assert len(ax.texts) == 0


def test_show_kernels_accepts_one_tensor_of_kernels():
    images.show_kernels(torch.randn(6, 1, 3, 3), ncols=4)
    fig = plt.gcf()
    assert len(drawn_axes(fig)) == 6
    assert len(fig.axes) - len(colorbars(fig)) == 8


def test_show_kernels_rejects_3d_kernel():
    with pytest.raises(ValueError, match="must be 2-D"):
        images.show_kernels([torch.randn(2, 3, 3)])


def test_show_kernels_mismatched_titles_raise():
    with pytest.raises(ValueError):
        images.show_kernels([torch.ones(3, 3), torch.ones(3, 3)], titles=["only one"])


@pytest.mark.parametrize("value, label", [
    (0.0, "0"), (0.001, "0"), (-0.001, "0"), (-0.0049, "0"), (-0.0, "0"),
    (1.0, "1"), (-1.0, "-1"), (0.5, "0.5"), (-0.25, "-0.25"), (0.126, "0.13"),
    (10.0, "10"), (-2.0, "-2"), (1 / 9, "0.11"), (-0.006, "-0.01"),
])
def test_weight_label(value, label):
    assert images._weight_label(value) == label


def test_weight_label_never_writes_negative_zero():
    for value in np.linspace(-0.05, 0.05, 2001):
        label = images._weight_label(float(value))
        if float(label) == 0:
            assert label == "0", (value, label)  # never "-0", "-0.0" or "0.00"
        assert abs(float(label) - value) <= 0.005 + 1e-12, (value, label)


# ----------------------------------------------------------------------------
# Sizes and colour-bar labels
# ----------------------------------------------------------------------------

def test_a_wide_grid_is_made_to_fit_a_notebook():
    images.show_images([torch.rand(3, 8, 8) for _ in range(16)], ncols=16, size=0.9)
    width, height = plt.gcf().get_size_inches()
    assert width == pytest.approx(images.MAX_WIDTH) and height == pytest.approx(images.MAX_WIDTH / 16)
    plt.close("all")
    images.show_kernels([torch.randn(3, 3) for _ in range(6)], ncols=6, size=2.2)
    assert plt.gcf().get_size_inches()[0] == pytest.approx(images.MAX_WIDTH)
    plt.close("all")
    images.show_images([torch.rand(8, 8) for _ in range(3)], ncols=3, size=1.5)   # narrow: as asked
    assert tuple(plt.gcf().get_size_inches()) == pytest.approx((4.5, 1.5))


def test_titles_get_smaller_on_small_cells():
    images.show_images([torch.rand(8, 8) for _ in range(9)], titles=[str(i) for i in range(9)], ncols=9, size=2)
    assert {ax.title.get_fontsize() for ax in drawn_axes(plt.gcf())} == {7}
    plt.close("all")
    images.show_images([torch.rand(8, 8)], titles=["one"], size=3)
    assert drawn_axes(plt.gcf())[0].title.get_fontsize() == 11


def test_colour_bars_are_labelled():
    images.show_images([torch.tensor([[0.0, 3.0]])], colorbar_label="activation after ReLU")
    assert [bar.get_ylabel() for bar in colorbars(plt.gcf())] == ["activation after ReLU"]
    plt.close("all")
    images.show_images([torch.tensor([[-1.0, 3.0]])])
    assert [bar.get_ylabel() for bar in colorbars(plt.gcf())] == ["value"]
    plt.close("all")
    images.show_kernels([torch.randn(3, 3)])
    assert [bar.get_ylabel() for bar in colorbars(plt.gcf())] == ["weight"]
