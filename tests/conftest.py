"""Shared fixtures for the Django parts of the suite."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.core.audit import protection

# Transactional tests (browser tests, concurrency tests) end with a flush of every table, which the
# audit trail's append-only triggers refuse: let the test harness, and only it, suspend them.
protection.allow_test_flush()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """The production hashers are slow on purpose; tests only need a correct one."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db: Any) -> dict[str, Any]:
    """The demo agency (the same data `bmnn run` loads), keyed by username."""
    from django.contrib.auth import get_user_model

    from bmnn.organizations import demo as demo_data

    demo_data.load()
    return {u.username: u for u in get_user_model().objects.all()}


def verified_client(user: Any) -> Client:
    """A client signed in as ``user`` who has also passed TOTP."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    client = Client()
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_as(demo: dict[str, Any]):  # type: ignore[no-untyped-def]
    def make(username: str, *, verified: bool = True) -> Client:
        user = demo[username]
        if verified:
            return verified_client(user)
        client = Client()
        client.force_login(user)
        return client

    return make
