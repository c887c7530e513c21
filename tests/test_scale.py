"""Unit tests for helpers/scale.py: the fast/full switch read from COURSE_SCALE."""

import pytest

from helpers import scale


@pytest.fixture
def unset(monkeypatch):
    monkeypatch.delenv("COURSE_SCALE", raising=False)


def test_env_var_name_and_scales():
    assert scale.SCALE_VARIABLE == "COURSE_SCALE"
    assert set(scale.SCALES) == {"fast", "full"}


def test_default_is_full_when_unset(unset):
    assert scale.current() == "full"
    assert scale.is_fast() is False


@pytest.mark.parametrize("value", ["", "   "])
def test_default_is_full_when_empty(monkeypatch, value):
    monkeypatch.setenv("COURSE_SCALE", value)
    assert scale.current() == "full"


@pytest.mark.parametrize("value", ["fast", "FAST ", " Fast"])
def test_fast_is_accepted_in_any_case_and_spacing(monkeypatch, value):
    monkeypatch.setenv("COURSE_SCALE", value)
    assert scale.current() == "fast"
    assert scale.is_fast() is True


@pytest.mark.parametrize("value", ["full", "FULL", " full\n"])
def test_full_is_accepted(monkeypatch, value):
    monkeypatch.setenv("COURSE_SCALE", value)
    assert scale.current() == "full"
    assert scale.is_fast() is False


def test_choose_returns_fast_branch_at_fast_scale(monkeypatch):
    monkeypatch.setenv("COURSE_SCALE", "fast")
    assert scale.choose(fast=50, full=500) == 50


def test_choose_returns_full_branch_at_full_scale(monkeypatch, unset):
    assert scale.choose(fast=50, full=500) == 500
    monkeypatch.setenv("COURSE_SCALE", "full")
    assert scale.choose(fast="small", full="big") == "big"


def test_choose_reads_the_environment_at_each_call(monkeypatch):
    monkeypatch.setenv("COURSE_SCALE", "fast")
    assert scale.choose(fast=1, full=2) == 1
    monkeypatch.setenv("COURSE_SCALE", "full")
    assert scale.choose(fast=1, full=2) == 2


def test_choose_needs_keyword_arguments():
    with pytest.raises(TypeError):
        scale.choose(1, 2)


@pytest.mark.parametrize("value", ["quick", "fastest", "1", "ful"])
def test_invalid_value_raises_value_error_naming_variable_and_choices(monkeypatch, value):
    monkeypatch.setenv("COURSE_SCALE", value)
    for call in (scale.current, scale.is_fast, lambda: scale.choose(fast=1, full=2), scale.describe):
        with pytest.raises(ValueError) as info:
            call()
        message = str(info.value)
        assert "COURSE_SCALE" in message
        assert repr(value) in message
        assert "'fast'" in message and "'full'" in message


def test_describe_mentions_full_scale(unset):
    line = scale.describe()
    assert line.startswith("Scale: full")
    assert "COURSE_SCALE=fast" in line


def test_describe_mentions_fast_scale(monkeypatch):
    monkeypatch.setenv("COURSE_SCALE", "fast")
    line = scale.describe()
    assert line.startswith("Scale: fast")
    assert "COURSE_SCALE" in line
