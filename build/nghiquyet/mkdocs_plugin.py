"""MkDocs plugin `nghiquyet`.

- During `mkdocs serve` it converts the corpus before each build and watches the corpus
  folder, so editing an article regenerates its pages. The writer leaves unchanged pages
  untouched, so a rebuild does not trigger another one.
- After every build it writes the Atom feeds (it knows `site_url`, so their links are absolute),
  and while serving it also runs Pagefind, so search works in the preview.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.plugins import BasePlugin

log = logging.getLogger("mkdocs.plugins.nghiquyet")


class NghiquyetPlugin(BasePlugin):
    config_scheme = (("corpus", config_options.Type(str, default="corpus")),)

    def __init__(self):
        self.serving = False
        self.feeds: list[str] = []     # the feeds of the last build (site paths)

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def _corpus(self, config) -> Path:
        return (Path(config.config_file_path).parent / self.config["corpus"]).resolve()

    def on_pre_build(self, config):
        if not self.serving:
            return
        from .pipeline import convert
        root = Path(config.config_file_path).parent
        report, stats = convert(self._corpus(config), Path(config.docs_dir), root / ".cache" / "nghiquyet")
        log.info("nghiquyet: %s; %d pages rewritten", report.summary(), len(stats.written))

    def on_serve(self, server, config, builder):
        if self.serving:
            server.watch(str(self._corpus(config)))
        return server

    def on_post_build(self, config):
        from .feeds import write_feeds
        self.feeds = write_feeds(Path(config.site_dir), config.site_url or "http://127.0.0.1:8000/", config.site_name)
        if self.serving:       # `nghiquyet build` indexes its own staging folder
            from .searchindex import index_search
            index_search(Path(config.site_dir))
