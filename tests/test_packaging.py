"""The package as a wheel: built by hatchling (which never writes into build/, the package's root
here), reproducible, and holding nothing but the `nghiquyet` package and its metadata."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import ROOT


def _wheel(dest):
    dest.mkdir()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--disable-pip-version-check", str(ROOT), "-w", str(dest)], check=True, capture_output=True)
    (wheel,) = dest.glob("*.whl")
    return wheel


def test_two_wheel_builds_are_identical_and_hold_only_the_package(tmp_path):
    first, second = _wheel(tmp_path / "a"), _wheel(tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    tops = {n.split("/")[0] for n in names}
    assert tops == {"nghiquyet", f"{first.name.split('-')[0]}-{first.name.split('-')[1]}.dist-info"}, tops
    assert "nghiquyet/data/documents.yaml" in names and "nghiquyet/data/frontmatter.schema.json" in names
    assert not any("__pycache__" in n for n in names)
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not (ROOT / "build" / "lib").exists() and not (ROOT / "build" / "bdist.linux-x86_64").exists()
