"""The failure counts behind sign-in throttling, with the clock passed in."""

from __future__ import annotations

from dashboard.app.auth.throttle import (
    FAILURES_ALLOWED,
    LOCKOUT_SECONDS,
    WINDOW_SECONDS,
    Throttle,
    address_key,
    name_key,
)

T0 = 1_800_000_000.0


def test_five_failures_lock_out_for_fifteen_minutes(tmp_path):
    throttle = Throttle(tmp_path)
    keys = [name_key("Eddie"), address_key("192.0.2.7")]
    for i in range(FAILURES_ALLOWED - 1):
        throttle.failed(keys, now=T0 + i)
    assert throttle.locked_until(keys, now=T0 + 10) is None
    throttle.failed(keys, now=T0 + 60)
    assert throttle.locked_until(keys, now=T0 + 61) == T0 + 60 + LOCKOUT_SECONDS
    assert throttle.locked_until([name_key("eddie")], now=T0 + 61) is not None  # case ignored
    assert throttle.locked_until(keys, now=T0 + 60 + LOCKOUT_SECONDS + 1) is None


def test_failures_older_than_the_window_are_forgotten(tmp_path):
    throttle = Throttle(tmp_path)
    keys = [name_key("eddie")]
    for i in range(FAILURES_ALLOWED - 1):
        throttle.failed(keys, now=T0 + i)
    throttle.failed(keys, now=T0 + WINDOW_SECONDS + 10)  # the first four have expired
    assert throttle.locked_until(keys, now=T0 + WINDOW_SECONDS + 11) is None


def test_a_success_clears_the_name_but_not_the_address(tmp_path):
    throttle = Throttle(tmp_path)
    name, address = name_key("eddie"), address_key("192.0.2.7")
    for i in range(FAILURES_ALLOWED - 1):
        throttle.failed([name, address], now=T0 + i)
    throttle.succeeded(name)
    throttle.failed([name, address], now=T0 + 10)
    assert throttle.locked_until([name], now=T0 + 11) is None
    assert throttle.locked_until([address], now=T0 + 11) is not None


def test_an_ipv6_client_is_one_address_per_64():
    assert address_key("2001:db8::1") == address_key("2001:db8::ffff:1") == "address:2001:db8::/64"
    assert address_key("2001:db8:0:1::1") != address_key("2001:db8::1")
    assert address_key("192.0.2.7") == "address:192.0.2.7"
