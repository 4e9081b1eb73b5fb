"""A real OpenID provider for the single sign-on tests (``tests/support/oidc/provider.mjs``,
panva's oidc-provider under Node.js), started on a free port and stopped after, and a small
"browser" that follows redirects between the app under test (a TestClient, at
``http://testserver``) and the provider (real HTTP), keeping each side's cookies, as a
browser does.

The provider's packages are installed by ``./dev test`` (``npm ci``); run from pytest alone, the
fixture installs them the same way when they are missing.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx2
from fastapi.testclient import TestClient

from tests.support.paths import REPO

OIDC_DIR = REPO / "tests" / "support" / "oidc"
APP = "http://testserver"
#: the provider's accounts: one with an account here (the tests create user `anna`), one not
ACCOUNTS = {
    "anna": {"password": "anna-at-the-idp", "claims": {
        "preferred_username": "anna", "name": "Anna de Vries", "email": "anna@example.nl",
        "email_verified": True}},
    "zoe": {"password": "zoe-at-the-idp", "claims": {
        "preferred_username": "zoe", "name": "Zoë Bakker", "email": "zoe@example.nl",
        "email_verified": True}},
}


@dataclass
class Provider:
    issuer: str
    process: subprocess.Popen[str]
    output: deque[str] = field(default_factory=lambda: deque(maxlen=200))
    reader: threading.Thread | None = None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.reader is not None:
            self.reader.join(timeout=10)  # it ends at the end of the output
        if self.process.stdout is not None:
            self.process.stdout.close()


def install() -> None:
    """``npm ci`` of the provider's packages when they are missing (``./dev test`` does it
    first; this is for a plain ``pytest``)."""
    if (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("the single sign-on tests need Node.js and npm (./dev test "
                           "installs them)")
    subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=OIDC_DIR,
                   check=True, capture_output=True, timeout=300)


def start_provider(*, timeout_s: float = 30.0) -> Provider:
    install()
    config = {
        "redirect_uris": [f"{APP}/ui/oidc/callback", f"{APP}/auth/oidc/callback"],
        "post_logout_redirect_uris": [f"{APP}/ui/login"],
        "accounts": ACCOUNTS,
    }
    process = subprocess.Popen(["node", "provider.mjs", json.dumps(config)], cwd=OIDC_DIR,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output: deque[str] = deque(maxlen=200)
    ready = threading.Event()
    issuer: list[str] = []

    def read() -> None:  # drains the pipe for the process's whole life
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line.rstrip())
            if line.startswith("listening ") and not issuer:
                issuer.append(line.split()[1])
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout_s
    while not ready.wait(0.1):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("the test OpenID provider did not start:\n" + "\n".join(output))
    return Provider(issuer=issuer[0], process=process, output=output, reader=reader)


class Browser:
    """Follows redirects across the app (TestClient) and the provider (httpx2), each keeping
    its own cookies."""

    def __init__(self, app: TestClient) -> None:
        self.app = app
        self.idp = httpx2.Client(timeout=30)
        self.visited: list[str] = []

    def close(self) -> None:
        self.idp.close()

    def _client(self, url: str) -> Any:
        return self.app if url.startswith(APP) else self.idp

    def go(self, url: str, *, method: str = "GET", data: dict[str, str] | None = None,
           stop_at: str | None = None) -> Any:
        """The response at the end of the redirects (or the redirect whose target starts with
        ``stop_at``, not followed)."""
        url = urljoin(APP + "/", url)
        for _ in range(20):
            self.visited.append(url)
            response = self._client(url).request(method, url, data=data,
                                                 follow_redirects=False)
            if response.status_code not in (301, 302, 303, 307, 308):
                return response
            target = urljoin(url, response.headers["location"])
            if stop_at is not None and target.startswith(stop_at):
                return response
            url, method, data = target, "GET", None
        raise AssertionError(f"too many redirects: {self.visited[-5:]}")

    def submit(self, page: Any, *, stop_at: str | None = None, **fields: str) -> Any:
        """Submit the page's first form with its hidden fields and ``fields``."""
        text = page.text
        form = re.search(r"<form[^>]*>", text)
        assert form is not None, text
        action = html.unescape(re.search(r'action="([^"]*)"', form.group(0)).group(1))  # type: ignore[union-attr]
        hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', text))
        url = urljoin(str(page.url), action)
        return self.go(url, method="POST", data={**hidden, **fields}, stop_at=stop_at)

    def sign_in_at_provider(self, page: Any, login: str, *, stop_at: str | None = None) -> Any:
        """Fill in the provider's sign-in form with the account's password."""
        assert urlsplit(str(page.url)).path.startswith("/interaction/"), page.url
        return self.submit(page, login=login, password=ACCOUNTS[login]["password"],
                           stop_at=stop_at)
