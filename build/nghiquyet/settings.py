"""Limits a maintainer may tune: one typed, frozen object, read from the options of the
`nghiquyet` plugin in mkdocs.yml (every option is optional; unknown ones are refused there).

    plugins:
      - nghiquyet:
          corpus: corpus
          inline: 40

Stages receive it as an argument; nothing reads a module global."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Mapping


@dataclass(frozen=True)
class Settings:
    inline: int = 40                  # a listing this long or shorter is shown whole on its page
    latest: int = 20                  # longer ones show this many latest items, the rest by period
    period_max: int = 150             # a subject with more items than this in a year is split by month
    latest_on_home: int = 10          # articles listed on the home page
    feed_items: int = 50              # entries per Atom feed
    search_chunk_bytes: int = 16_000  # encoded size at which a search-index chunk is closed
    search_shard_pages: int = 200     # pages per share of the search index (indexed apart, merged)
    parallel_from: int = 64           # files to convert from which worker processes are started

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def from_options(cls, options: Mapping) -> "Settings":
        """The settings among a plugin's options (other options, such as `corpus`, are skipped)."""
        return cls(**{name: int(options[name]) for name in cls.names() if options.get(name) is not None})


DEFAULT = Settings()
