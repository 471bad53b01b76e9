"""MkDocs plugin `nghiquyet`.

- Before each build it converts the corpus (so a plain `mkdocs build` or `mkdocs gh-deploy`
  gives the whole site), and during `mkdocs serve` it watches the corpus folder, so editing an
  article regenerates its pages. The writer leaves unchanged pages
  untouched, so a rebuild does not trigger another one.
- After every build it writes the Atom feeds (it knows `site_url`, so their links are absolute),
  and runs Pagefind, so search works after a plain `mkdocs build` and in the preview. In the
  preview (`mkdocs serve`) the server hears saves through the system's file events rather than
  by polling (render/watch.py), and the search shares are served unmerged and each page carries a mark
  telling nq-search.js to merge them in the browser (search/preview.index_preview): a save is
  searchable sooner.
- Under `nghiquyet build` (which converts first and indexes its own staging folder) it does
  neither.
- Every string of a page's front matter is marked `Untrusted` (it can come from an article), and
  the theme's template environment prints such a value escaped wherever a template outputs it
  as it is: a theme template that forgets `| e` cannot inject an article's markup.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from markupsafe import escape
from mkdocs.config import config_options
from mkdocs.plugins import BasePlugin

from .settings import Settings

log = logging.getLogger("mkdocs.plugins.nghiquyet")


class Untrusted(str):
    """Text from front matter. Printed by a template as it is, it comes out escaped; filters
    (`| e`, `| urlencode`, `| striptags`) see an ordinary string."""


def untrusted(value):
    """value (front matter) with every string in it marked Untrusted."""
    if isinstance(value, str):
        return Untrusted(value)
    if isinstance(value, list):
        return [untrusted(v) for v in value]
    if isinstance(value, dict):
        return {k: untrusted(v) for k, v in value.items()}
    return value


def finalize(value):
    """The template environment's last step before a `{{ … }}` value is written out."""
    return escape(value) if isinstance(value, Untrusted) else value


# Set for the life of a `mkdocs serve` process (MkDocs makes a new plugin for every rebuild but
# announces the command once): its search index is a preview (search/preview.index_preview).
_SERVING = {"on": False}
PREVIEW_MARK = '<meta name="nq-search-preview" content="pagefind-preview.json">'
# Set (to anything) to keep MkDocs' polling under `mkdocs serve`: for file systems that accept a
# watch but send no change events (some network and container mounts).
POLL_ENV = "NGHIQUYET_POLL"


class NghiquyetPlugin(BasePlugin):
    config_scheme = (("corpus", config_options.Type(str, default="corpus")),) + tuple(
        (name, config_options.Optional(config_options.Type(int))) for name in Settings.names())

    def __init__(self):
        self.serving = False
        self.feeds: list[str] = []     # the feeds of the last build (site paths)
        self.progress = None           # the rendering's progress bar (progress.py)
        self.nav = None                # the build's navigation (on_nav)

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        _SERVING["on"] = self.serving

    def settings(self) -> Settings:
        return Settings.from_options(self.config)

    def _corpus(self, config) -> Path:
        return (Path(config.config_file_path).parent / self.config["corpus"]).resolve()

    def _outer(self) -> bool:
        """`nghiquyet build` is running MkDocs: it converts and indexes on its own."""
        from .render.site import RENDERING_ENV
        return bool(os.environ.get(RENDERING_ENV))

    def on_pre_build(self, config):
        if self._outer():
            return
        from .pipeline import convert
        root = Path(config.config_file_path).parent
        report, stats = convert(self._corpus(config), Path(config.docs_dir), root / ".cache" / "nghiquyet",
                                settings=self.settings())
        log.info("nghiquyet: %s; %d pages rewritten", report.summary(), len(stats.written))

    def on_files(self, files, config):
        from .progress import bar
        # Each page is converted from Markdown, then put in its template: two steps a page (an
        # incremental render does both for the changed pages only and ends the bar early).
        self.progress = bar(2 * len(files.documentation_pages()), "rendering", unit="step")
        return files

    def on_nav(self, nav, config, files):
        self.nav = nav
        return nav

    def on_env(self, env, config, files):
        from jinja2 import FileSystemBytecodeCache

        from .render.shared import SharedParts, theme_loader
        env.finalize = finalize
        # The navigation and tabs, rendered once for the pages that show the same (render/shared.py).
        env.loader = theme_loader(env, config)
        env.globals["nq_shared"] = SharedParts(self.nav, files)
        # Compiling the theme's templates is a third of a second of every build, and of every
        # rebuild under `mkdocs serve` (each one loads the theme again): Jinja keeps the compiled
        # code, keyed by each template's source, so an edited template is compiled again.
        folder = Path(config.config_file_path).parent / ".cache" / "nghiquyet" / "templates"
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    def on_page_markdown(self, markdown, page, config, files):
        page.meta = untrusted(page.meta)
        return markdown

    def on_page_content(self, html, page, config, files):
        if self.progress is not None:
            self.progress.update()
        return html

    def on_post_page(self, output, page, config):
        from .render.valid import valid_html
        if self.progress is not None:
            self.progress.update()
        if _SERVING["on"] and not self._outer():
            output = output.replace("</head>", PREVIEW_MARK + "</head>", 1)
        return valid_html(output)

    def on_post_template(self, output_content, template_name, config):
        from .render.valid import valid_html
        return valid_html(output_content) if template_name.endswith(".html") else output_content

    def on_serve(self, server, config, builder):
        if self.serving:
            from .render.watch import use_native_events
            server.watch(str(self._corpus(config)))
            if not os.environ.get(POLL_ENV):
                use_native_events(server)
        return server

    def on_post_build(self, config):
        if self.progress is not None:
            self.progress.close()
            self.progress = None
        from .render.feeds import write_feeds, write_robots
        write_robots(Path(config.site_dir), config.site_url)
        self.feeds = write_feeds(Path(config.site_dir), config.site_url, config.site_name,
                                 self.settings().feed_items)
        if not self._outer():       # `nghiquyet build` indexes its own staging folder
            from .search.preview import index_preview, preview_share_pages
            from .search.shards import index_search
            cache = Path(config.config_file_path).parent / ".cache" / "nghiquyet" / "search"
            if _SERVING["on"]:
                index_preview(Path(config.site_dir), cache, preview_share_pages(self.settings().search_shard_pages))
            else:
                index_search(Path(config.site_dir), self.settings().search_chunk_bytes, cache,
                             self.settings().search_shard_pages)
