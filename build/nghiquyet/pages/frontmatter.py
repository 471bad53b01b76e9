"""The front matter of an article page: a public contract, written by a YAML emitter and
validated against data/frontmatter.schema.json before anything is written.

The schema is compiled once into a Python function (fastjsonschema): validating every article
with a general-purpose validator cost more than a millisecond each, a sixth of converting it.
It only uses keywords that mean the same in draft 2020-12 (its declared draft) and draft-07
(the newest fastjsonschema compiles); tests/test_frontmatter.py checks that jsonschema's 2020-12
validator and this one agree. That the YAML reads back as the data is a property test
(tests/test_properties.py), not a second parse of every page."""

from __future__ import annotations

from functools import lru_cache

import fastjsonschema
import yaml

# LibYAML when PyYAML was built with it (the Linux wheels are): the same YAML, ten times faster.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

from ..errors import ArticleError
from ..records import Article
from ..vocabulary import schema


DRAFT_07 = "http://json-schema.org/draft-07/schema#"


@lru_cache(maxsize=None)
def _validator():
    return fastjsonschema.compile({**schema(), "$schema": DRAFT_07})


def to_dict(article: Article) -> dict:
    """Field order is fixed (the contract's order); empty optional fields are left out."""
    data = {
        "title": article.title,
        "date": article.date,
        "date_inferred": True if article.date_inferred else None,
        "description": article.description,
        "source_file": article.source_file,
        "source": article.source,
        "url": article.url,
        "site": article.site,
        "author": article.author,
        "documents": list(article.documents),
        "congress_resolutions": list(article.congress_resolutions) or None,
        "regions": list(article.regions),
        "provinces": list(article.provinces),
        "places": [_drop_none({"name": p.name, "kind": p.kind, "province": p.province}) for p in article.places] or None,
        "events": [_drop_none({"date": e.date, "kind": e.kind, "document": e.document,
                               "summary": e.summary, "inferred": e.inferred, "actor": e.actor,
                               "province": e.province}) for e in article.events],
        "people": [_drop_none({"name": p.name, "role": p.role}) for p in article.people] or None,
        "organisations": list(article.organisations) or None,
        "digest": article.digest,
    }
    return _drop_none(data)


def _drop_none(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


def validate(data: dict, source_file: str) -> None:
    try:
        _validator()(data)
    except fastjsonschema.JsonSchemaValueException as e:
        where = "/".join(map(str, e.path[1:])) or "(root)"         # path[0] is "data"
        raise ArticleError(source_file, f"front matter invalid at {where}: {e.message}") from None


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def render(data: dict, source_file: str) -> str:
    """`---` + YAML + `---`, validated first."""
    validate(data, source_file)
    return f"---\n{dump(data)}---\n"


def parse(page: str) -> dict:
    """The front matter of a page written by `render`."""
    if not page.startswith("---\n"):
        raise ValueError("no front matter")
    end = page.index("\n---\n", 4)
    return yaml.load(page[4:end + 1], Loader=_Loader)
