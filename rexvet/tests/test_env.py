"""rexvet/lib/env.py: typed readers that stop start-up on a wrong value, naming the variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from rexvet.lib.env import env_bool, env_int, env_list, env_str, env_url

NAME = "REXVET_TEST_SETTING"


@pytest.fixture(autouse=True)
def unset(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)


# --- env_bool ---------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1", "true", "yes", "on", "TRUE", " Yes ", "On"])
def test_env_bool_reads_true(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    assert env_bool(NAME, False) is True


@pytest.mark.parametrize("value", ["0", "false", "no", "off", "", "False", " OFF "])
def test_env_bool_reads_false(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    assert env_bool(NAME, True) is False


def test_env_bool_unset_is_the_default():
    assert env_bool(NAME) is False
    assert env_bool(NAME, True) is True


@pytest.mark.parametrize("value", ["maybe", "2", "y", "enabled"])
def test_env_bool_refuses_anything_else_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    with pytest.raises(ImproperlyConfigured) as e:
        env_bool(NAME, False)
    assert str(e.value) == (
        f"{NAME}={value!r} is not a yes/no value: use one of 1, 0, true, false, yes, no, on, off."
    )


# --- env_int ----------------------------------------------------------------------


def test_env_int_reads_a_whole_number(monkeypatch):
    monkeypatch.setenv(NAME, "300")
    assert env_int(NAME, 5) == 300
    monkeypatch.setenv(NAME, "-7")
    assert env_int(NAME, 5) == -7


def test_env_int_unset_or_empty_is_the_default(monkeypatch):
    assert env_int(NAME, 42) == 42
    monkeypatch.setenv(NAME, "")
    assert env_int(NAME, 42) == 42


def test_env_int_without_default_must_be_set():
    with pytest.raises(ImproperlyConfigured) as e:
        env_int(NAME)
    assert str(e.value) == f"Set the environment variable {NAME} to a whole number."


@pytest.mark.parametrize("value", ["abc", "1.5", "30s", "1e3"])
def test_env_int_refuses_what_is_not_a_whole_number(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    with pytest.raises(ImproperlyConfigured) as e:
        env_int(NAME, 5)
    assert str(e.value) == f"{NAME}={value!r} is not a whole number."


def test_env_int_refuses_a_number_below_its_minimum(monkeypatch):
    monkeypatch.setenv(NAME, "29")
    with pytest.raises(ImproperlyConfigured) as e:
        env_int(NAME, 300, minimum=30)
    assert str(e.value) == f"{NAME}=29 is below its minimum of 30."
    monkeypatch.setenv(NAME, "30")
    assert env_int(NAME, 300, minimum=30) == 30


# --- env_url ----------------------------------------------------------------------


def test_env_url_reads_a_url_with_an_allowed_scheme(monkeypatch):
    monkeypatch.setenv(NAME, "redis://cache:6379/0")
    assert env_url(NAME, "filesystem://", schemes=("filesystem", "redis")) == "redis://cache:6379/0"


def test_env_url_unset_or_empty_is_the_default(monkeypatch):
    assert env_url(NAME, "filesystem://", schemes=("filesystem",)) == "filesystem://"
    monkeypatch.setenv(NAME, "")
    assert env_url(NAME, "filesystem://", schemes=("filesystem",)) == "filesystem://"
    assert env_url(NAME, schemes=("filesystem",)) is None


@pytest.mark.parametrize("value", ["mysql://db/rexvet", "localhost:6379", "redis", "http//x"])
def test_env_url_refuses_another_scheme_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    with pytest.raises(ImproperlyConfigured) as e:
        env_url(NAME, schemes=("sqlite", "postgres"))
    assert str(e.value) == f"{NAME}={value!r} must start with one of: sqlite://, postgres://"


def test_env_url_checks_the_default_too():
    with pytest.raises(ImproperlyConfigured) as e:
        env_url(NAME, "mysql://db", schemes=("sqlite",))
    assert NAME in str(e.value)


# --- env_list and env_str ---------------------------------------------------------


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv(NAME, " rexvet.example, www.rexvet.example ,,localhost, ")
    assert env_list(NAME) == ["rexvet.example", "www.rexvet.example", "localhost"]


def test_env_list_set_but_empty_is_an_empty_list(monkeypatch):
    monkeypatch.setenv(NAME, "")
    assert env_list(NAME, ["localhost"]) == []


def test_env_list_unset_is_a_copy_of_the_default():
    default = ["127.0.0.1", "localhost"]
    value = env_list(NAME, default)
    assert value == ["127.0.0.1", "localhost"]
    value.append("evil.example")
    assert default == ["127.0.0.1", "localhost"]
    assert env_list(NAME) == []


def test_env_str_without_default_must_be_set(monkeypatch):
    with pytest.raises(ImproperlyConfigured) as e:
        env_str(NAME)
    assert str(e.value) == f"Set the environment variable {NAME}."
    monkeypatch.setenv(NAME, "s3cret")
    assert env_str(NAME) == "s3cret"
    assert env_str("REXVET_TEST_UNSET_SETTING", "fallback") == "fallback"
