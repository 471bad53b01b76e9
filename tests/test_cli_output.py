"""What `nghiquyet` prints: phases, a progress bar on a terminal only, -q and -v, and the skipped
files grouped by reason in the summary."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

from conftest import ROOT


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir(parents=True)
    for path in sorted((ROOT / "corpus").iterdir()):
        (corpus / path.name).write_bytes(path.read_bytes())
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "empty2.txt").write_bytes(b"  \n")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    return corpus


def _run(tmp_path: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nghiquyet.cli", "convert", *flags, "--corpus",
                           str(_corpus(tmp_path)), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT / "build")))


def test_the_summary_groups_skipped_files_by_reason(tmp_path):
    done = _run(tmp_path)
    assert done.returncode == 0, done.stderr
    summary = [line for line in done.stderr.splitlines() if line.startswith("8 files:")]
    assert summary, done.stderr
    assert "5 published" in summary[0] and "3 skipped: 2 empty" in summary[0] and "1 not text" in summary[0], summary
    assert "\r" not in done.stderr and "%|" not in done.stderr      # no progress bar in a pipe


def test_quiet_names_only_what_was_skipped(tmp_path):
    done = _run(tmp_path, "-q")
    lines = done.stderr.splitlines()
    assert len(lines) == 3 and all(line.startswith("skipped: ") for line in lines), lines


def test_verbose_names_every_file(tmp_path):
    done = _run(tmp_path, "-v")
    published = [line for line in done.stderr.splitlines() if line.startswith("published")]
    assert len(published) == 5, done.stderr
    assert all("bai-viet/" in line or "notes" in line for line in published)


def test_a_progress_bar_on_a_terminal(tmp_path):
    """Run with stderr on a pseudo-terminal: the conversion shows a bar; with -q it does not."""
    def on_terminal(*flags: str) -> str:
        master, slave = pty.openpty()
        # A terminal has a size (a new pseudo-terminal has none, and tqdm draws no bar in 0 rows).
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
        proc = subprocess.Popen([sys.executable, "-m", "nghiquyet.cli", "convert", *flags, "--corpus",
                                 str(_corpus(tmp_path / "-".join(flags or ("plain",)))), "--out",
                                 str(tmp_path / "out" / "-".join(flags or ("plain",)))],
                                stdout=subprocess.DEVNULL, stderr=slave,
                                env=dict(os.environ, PYTHONPATH=str(ROOT / "build")))
        os.close(slave)
        chunks = []
        while True:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break
        proc.wait()
        os.close(master)
        return b"".join(chunks).decode("utf-8", "replace")

    shown = on_terminal()
    assert "converting:" in shown and "%|" in shown, shown[-500:]
    assert "converting:" not in on_terminal("-q")
