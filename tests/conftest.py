"""Shared pytest setup."""


def pytest_configure(config):
    # Until setup.cfg registers it: tests that drive a real headless Chromium.
    config.addinivalue_line("markers", "browser: opens pages in headless Chromium (skipped without it)")
