"""What a build says while it runs: a progress bar (tqdm) for converting and rendering, on the
terminal only. `nghiquyet build` decides once whether to show one (stderr is a terminal and the
build was not asked to be quiet) and tells every stage, the MkDocs plugin included, through
NGHIQUYET_PROGRESS; CI logs, pipes and plain `mkdocs build` get no bar.
"""

from __future__ import annotations

import os
import sys

PROGRESS_ENV = "NGHIQUYET_PROGRESS"


def enabled() -> bool:
    return os.environ.get(PROGRESS_ENV) == "1"


def bar(total: int | None, desc: str, unit: str = "file"):
    """A progress bar on stderr (a no-op one when progress is off). It leaves no line behind:
    the phase line printed after it says how long the step took."""
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=False, dynamic_ncols=True,
                disable=not enabled(), mininterval=0.2)
