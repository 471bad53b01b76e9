"""Find a Chromium the browser tests can drive, installing one when the machine has none.

    python tools/find_browser.py OUT_FILE     # writes the browser's path into OUT_FILE

`make test` runs this before pytest (tests/test_browser.py reads the path from $CHROMIUM). In
order: $CHROMIUM when it names a browser that starts; a Chromium or Chrome on PATH or at Debian's
/usr/bin/chromium; Debian's `chromium` package, installed with apt-get when running as root (or
with sudo when it needs no password); Playwright's own Chromium download. When none of these
works it prints one line saying what to install and exits 1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
DEBIAN = Path("/usr/bin/chromium")


def _starts(path: str | None) -> bool:
    """The browser at path answers --version (a broken or half-installed one does not)."""
    if not path or not os.access(path, os.X_OK):
        return False
    try:
        done = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0 and bool(done.stdout.strip())


def _on_machine() -> str | None:
    candidates = [os.environ.get("CHROMIUM")] + [shutil.which(n) for n in NAMES] + [str(DEBIAN)]
    return next((c for c in candidates if _starts(c)), None)


def _apt_install() -> str | None:
    if not shutil.which("apt-get"):
        return None
    if os.geteuid() == 0:
        prefix: list[str] = []
    elif shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        prefix = ["sudo", "-n"]
    else:
        return None
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    print("find_browser: installing Debian's chromium package (apt-get)", file=sys.stderr)
    for step in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        if subprocess.run(prefix + step, env=env, stdout=subprocess.DEVNULL).returncode != 0:
            return None
    return str(DEBIAN) if _starts(str(DEBIAN)) else None


def _playwright_download() -> str | None:
    print("find_browser: downloading Playwright's Chromium", file=sys.stderr)
    if subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"],
                      stdout=subprocess.DEVNULL).returncode != 0:
        return None
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:       # noqa: BLE001 - any failure means "no browser from Playwright"
        return None
    return path if _starts(path) else None


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: find_browser.py OUT_FILE", file=sys.stderr)
        return 2
    path = _on_machine() or _apt_install() or _playwright_download()
    if not path:
        print("find_browser: error: the browser tests need Chromium: install Debian's package "
              "(apt-get install chromium) or set CHROMIUM=/path/to/chromium", file=sys.stderr)
        return 1
    Path(argv[0]).write_text(path + "\n", encoding="utf-8")
    print(f"find_browser: {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
