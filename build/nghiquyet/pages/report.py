"""What happened to every corpus file: published, merged as a duplicate, or skipped."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Optional

from .markup import escape, link, table

PUBLISHED, DUPLICATE, SKIPPED = "published", "duplicate", "skipped"


@dataclass(frozen=True)
class Outcome:
    source_file: str
    status: str
    slug: Optional[str] = None            # the page it is published on (or merged into)
    reason: Optional[str] = None
    duplicate_of: Optional[str] = None    # source file of the published copy
    notes: tuple[str, ...] = ()           # published, but something was guessed or lost


@dataclass(frozen=True)
class Report:
    outcomes: tuple[Outcome, ...]
    converted: int = 0          # files converted in this build
    cached: int = 0             # files whose conversion came from the cache
    newest: str | None = None   # the newest published article's date (pins MkDocs' build date)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def files(self) -> int:
        return len(self.outcomes)

    def summary(self) -> str:
        """One line: counts, and the skipped files grouped by their reason ("3 empty file, 1 not
        text")."""
        cache = f" ({self.converted} converted, {self.cached} from cache)" if self.cached else ""
        reasons: dict[str, int] = {}
        for o in self.outcomes:
            if o.status == SKIPPED:
                reason = (o.reason or "no reason").split(" (")[0]
                reasons[reason] = reasons.get(reason, 0) + 1
        why = ": " + ", ".join(f"{n} {r}" for r, n in sorted(reasons.items(), key=lambda x: (-x[1], x[0]))) \
            if reasons else ""
        return (f"{self.files} files: {self.count(PUBLISHED)} published, "
                f"{self.count(DUPLICATE)} duplicates, {self.count(SKIPPED)} skipped{why}{cache}")

    def lines(self, verbose: bool = False) -> list[str]:
        """A line for each file whose fate needs a look (all files, verbose)."""
        out = []
        for o in self.outcomes:
            if verbose and o.status == PUBLISHED and not o.notes:
                out.append(f"published: {o.source_file}: bai-viet/{o.slug}/")
            elif o.status == SKIPPED:
                out.append(f"skipped: {o.source_file}: {o.reason}")
            elif o.status == DUPLICATE:
                out.append(f"duplicate: {o.source_file}: same text as {o.duplicate_of}")
            elif o.notes:
                out.append(f"published with notes: {o.source_file}: {'; '.join(o.notes)}")
        return out

    def to_json(self) -> str:
        data = {"files": self.files, "published": self.count(PUBLISHED), "duplicates": self.count(DUPLICATE),
                "skipped": self.count(SKIPPED), "outcomes": [dict(vars(o), notes=list(o.notes)) for o in self.outcomes]}
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"

    def to_markdown(self) -> str:
        head = "---\ntitle: Báo cáo xây dựng trang\nsearch:\n  exclude: true\n---\n\n# Báo cáo xây dựng trang\n\n"
        label = {PUBLISHED: "Đã đăng", DUPLICATE: "Trùng lặp", SKIPPED: "Bỏ qua"}
        rows = []
        for o in self.outcomes:
            if o.status == PUBLISHED:
                note = link("trang", f"bai-viet/{o.slug}.md")
                if o.notes:
                    note += " (" + escape("; ".join(o.notes)) + ")"
            elif o.status == DUPLICATE:
                note = f"trùng với <code>{escape(o.duplicate_of or '')}</code>, " + link("trang", f"bai-viet/{o.slug}.md")
            else:
                note = escape(o.reason or "")
            rows.append([f"<code>{escape(o.source_file)}</code>", label[o.status], note])
        counts = (f"{self.files} tệp: {self.count(PUBLISHED)} đã đăng, {self.count(DUPLICATE)} trùng lặp, "
                  f"{self.count(SKIPPED)} bỏ qua.\n\n")
        return head + counts + table(["Tệp", "Kết quả", "Ghi chú"], rows)
