"""Parts of the theme's template that are the same HTML on many pages, rendered once per build.

The site's navigation and its tabs (Material's `partials/nav.html` and `partials/tabs.html`)
depend on the page they are shown on in two ways only: the entry of the page itself, or of a
section holding it, is marked active; and their links are relative to the page's address. A page
outside the navigation marks nothing, and a relative link depends only on the page's folders
(`mkdocs.utils.get_relative_url`: how many of the address's parts it shares with the link's).
So every page outside the navigation whose address has the same folders above it, and under
which no file of the site lies, gets the same HTML: it is rendered for the first such page and
reused. At 5,000 articles that was two fifths of the time spent in the theme's template.

overrides/partials/nav.html and tabs.html call it around the theme's own partial (reached as
`theme/partials/…`, see `theme_loader`); tests/test_site.py checks the site is the same without it.
"""

from __future__ import annotations

import posixpath

ENABLED = True          # off: every part rendered on every page (the test's reference)


def _split(url: str) -> tuple[str, ...]:
    path = posixpath.normpath("/" + url)[1:]
    return tuple(path.split("/")) if path else ()


def _parts(url: str) -> tuple[str, ...]:
    """The folders a relative link from a page at `url` is computed from (as MkDocs does: a last
    part with a dot is a file name)."""
    folder, _, base = url.rpartition("/")
    return _split(folder if "." in base else url)


class SharedParts:
    """`nq_shared(name, page)`, called from a template with the part's own rendering as `caller`."""

    def __init__(self, nav, files):
        self.in_nav = {page.file.src_uri for page in nav.pages} if nav is not None else None
        # Every folder some file of the site lies under: a link from a page at such an address
        # could go down into it, and differ from its neighbours'.
        self.below = set()
        for file in files:
            parts = _split(file.url)
            self.below.update(parts[:i] for i in range(len(parts)))
        self.kept: dict[tuple, str] = {}
        self.used = 0           # parts taken from an earlier page (the tests read it)

    def key(self, name: str, page) -> tuple | None:
        if not ENABLED or self.in_nav is None or page is None or getattr(page, "file", None) is None \
                or page.file.src_uri in self.in_nav:
            return None
        parts = _parts(page.url)
        if not parts or parts in self.below:
            return None
        return name, parts[:-1], len(parts)

    def __call__(self, name: str, page, caller):
        key = self.key(name, page)
        if key is None:
            return caller()
        if key in self.kept:
            self.used += 1
        else:
            self.kept[key] = caller()
        return self.kept[key]


def theme_loader(env, config):
    """The template environment's loader, also answering `theme/<name>` with the theme's own
    template of that name (the one an override in custom_dir replaces)."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader

    custom = config.theme.custom_dir
    dirs = [d for d in config.theme.dirs if not custom or posixpath.normpath(d) != posixpath.normpath(custom)]
    return ChoiceLoader([env.loader, PrefixLoader({"theme": FileSystemLoader(dirs)})])
