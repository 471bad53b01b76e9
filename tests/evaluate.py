"""Extraction gold sets, scored per field and reported apart from each other:

- `project`: the five corpus articles (fixtures/seeds.yaml) and fixtures/articles/ — written
  alongside the rules: a regression guard, not evidence of quality;
- `devset`: 24 articles an editor wrote apart from the project's rules (fixtures/devset/, copied
  unchanged from the shared dev set, conventions in its README);
- `written`: later batches written by people who had not seen the rules (fixtures/written/);
- `layouts`: the layouts of 52 real pages, their prose rewritten (fixtures/layouts/README.md).

    python tests/evaluate.py            # every set (also: make eval)
    python tests/evaluate.py devset     # one set
    python tests/evaluate.py DIR        # a folder kept outside the tests: DIR/gold.yaml in the
                                        # dev set's convention, its files in DIR/corpus or DIR/raw

Every article goes through the same conversion as the build (pipeline.convert_file); one that
raises is counted as lost and all its expected items as misses. test_eval.py fails when a figure
drops below its floor in eval_baseline.yaml.

Where a gold file and the project's conventions differ, the gold wins here (we score against
it as written): author is compared case-insensitively, as the dev set's README says.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "build"))

from nghiquyet.errors import ArticleError  # noqa: E402
from nghiquyet.pipeline import convert_file  # noqa: E402
from nghiquyet.ingest.read import read  # noqa: E402
from nghiquyet.text import normalise_line  # noqa: E402

SET_FIELDS = ("documents", "regions", "provinces", "event_dates", "events", "captions")
EXACT_FIELDS = ("title", "date", "author", "source", "site")


@dataclass
class Case:
    name: str
    path: Path
    expected: dict


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Results:
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in SET_FIELDS})
    exact: dict[str, list[bool]] = field(default_factory=lambda: {f: [] for f in EXACT_FIELDS})
    chrome_removed: list[bool] = field(default_factory=list)
    body_kept: list[bool] = field(default_factory=list)
    event_province: list[bool] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


# The shared gold's names for event kinds -> the front matter's. Its `other` is, in every example
# its README gives, the creation of a regional coordination council: our kind `council`.
GOLD_KINDS = {"review_midterm": "midterm_review", "review_final": "final_review", "other": "council"}


def _gold(entry: dict) -> dict:
    """A gold entry in the shared convention (published, resolutions, events[].resolution) ->
    the keys of the front matter (date, documents, events[].document)."""
    if "published" in entry:
        entry = dict(entry, date=entry["published"])
    if "resolutions" in entry:
        entry = dict(entry, documents=entry["resolutions"])
    events = [dict(e, document=e.get("document", e.get("resolution")), kind=GOLD_KINDS.get(e["kind"], e["kind"]))
              for e in entry.get("events") or []]
    return dict(entry, events=events)


def _gold_file(folder: Path, corpus: Path) -> list[Case]:
    return [Case(e["file"], corpus / e["file"], _site_convention(_gold(e)))
            for e in yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))]


def _site_convention(exp: dict) -> dict:
    """The dev set's and the written batches' `source` is "the domain (or outlet name) shown on
    the page": what the front matter calls `site`. The project's `source` is whom the text
    credits ("TTXVN", "Báo Phú Thọ"), which those golds do not record; so their value is scored
    against `site`, and `source` is not scored on them."""
    if "source" in exp:
        exp = dict(exp)
        exp["site"] = exp.pop("source")
    return exp


def _project() -> list[Case]:
    out = [Case(s["file"], HERE.parent / "corpus" / s["file"], _gold(s))
           for s in yaml.safe_load((HERE / "fixtures" / "seeds.yaml").read_text(encoding="utf-8"))]
    folder = HERE / "fixtures" / "articles"
    for path in sorted(folder.iterdir()):
        if not path.name.endswith(".expected.yaml"):
            exp = yaml.safe_load(path.with_name(path.stem + ".expected.yaml").read_text(encoding="utf-8"))
            out.append(Case(path.name, path, _gold(exp)))
    return out


def _devset() -> list[Case]:
    folder = HERE / "fixtures" / "devset"
    return _gold_file(folder, folder / "corpus")


def _written() -> list[Case]:
    out = []
    root = HERE / "fixtures" / "written"
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else ():
        out += _gold_file(folder, folder / "corpus")
    return out


def _layouts() -> list[Case]:
    folder = HERE / "fixtures" / "layouts"
    return _gold_file(folder, folder / "corpus")


GOLD_SETS = {"project": _project, "devset": _devset, "written": _written, "layouts": _layouts}


def _folder(path: Path) -> list[Case]:
    corpus = next((c for c in (path / "corpus", path / "raw") if c.is_dir()), path)
    return _gold_file(path, corpus)


def cases(name: str = "project") -> list[Case]:
    if name not in GOLD_SETS and Path(name).is_dir():
        return _folder(Path(name))
    return GOLD_SETS[name]()


def _score(score: Score, got: set, want: set) -> None:
    score.tp += len(got & want)
    score.fp += len(got - want)
    score.fn += len(want - got)


def _same(a, b) -> bool:
    norm = (lambda x: " ".join(str(x).split()).casefold() if x is not None else None)
    return norm(a) == norm(b)


def _evaluate_case(res: Results, case: Case) -> None:
    exp = case.expected
    try:
        a = convert_file(case.path, case.name).article
    except ArticleError as exc:
        a = None
        res.lost.append(f"{case.name}: {exc.reason}")
    except Exception as exc:  # noqa: BLE001 - a crash is a lost article, scored as such
        a = None
        res.lost.append(f"{case.name}: {type(exc).__name__}: {exc}")
    if a is None:
        for name in EXACT_FIELDS:
            if name in exp:
                res.exact[name].append(False)
        for name, want in (("documents", exp["documents"]), ("regions", exp["regions"]),
                           ("provinces", exp["provinces"]), ("captions", exp.get("captions") or []),
                           ("event_dates", {e["date"] for e in exp["events"]}), ("events", exp["events"])):
            res.scores[name].fn += len(set(want) if name != "events" else want)
        res.body_kept += [False] * (2 if "body_first" in exp else 1)
        res.event_province += [False for e in exp["events"] if "province" in e]
        return
    if exp["title"] is not None:        # null: the page shows no headline (an excerpt, a tag page's
        res.exact["title"].append(_same(a.title, exp["title"]))    # teaser): a guessed title has none to match
    res.exact["date"].append(a.date == exp["date"])
    for name in ("author", "source", "site"):
        if name in exp:
            res.exact[name].append(_same(getattr(a, name), exp[name]))
    _score(res.scores["documents"], set(a.documents), set(exp["documents"]))
    _score(res.scores["regions"], set(a.regions), set(exp["regions"]))
    _score(res.scores["provinces"], set(a.provinces), set(exp["provinces"]))
    _score(res.scores["event_dates"], {e.date for e in a.events}, {e["date"] for e in exp["events"]})
    _score(res.scores["events"], {(e.date, e.kind, e.document) for e in a.events},
           {(e["date"], e["kind"], e["document"]) for e in exp["events"]})
    _score(res.scores["captions"], set(a.captions), set(exp.get("captions") or []))
    for want in exp["events"]:
        if "province" in want:
            got = [e for e in a.events if e.date == want["date"] and e.document == want["document"]] or \
                  [e for e in a.events if e.date == want["date"]]
            res.event_province.append(bool(got) and getattr(got[0], "province", None) == want["province"])
    texts = [b.text for b in a.blocks]
    paragraphs = [b.text for b in a.blocks if b.kind == "paragraph"]
    for chrome in exp.get("must_drop") or []:
        res.chrome_removed.append(all(not t.startswith(chrome) for t in texts))
    for key in ("body_first", "body_last"):
        if exp.get(key):
            res.body_kept.append(any(exp[key] in p for p in paragraphs))
    # Body lines: every long source line that is not chrome, caption or title must be kept.
    if case.path.suffix in (".txt", ""):
        raw = [normalise_line(x) for x in read(case.path, case.name).lines]
        skip = set(exp.get("must_drop") or []) | set(exp.get("captions") or []) | {exp["title"]}
        for line in raw:
            # (a headline wrapped over several lines, as a legal text's subject: its lines are no body)
            if len(line.split()) >= 12 and line not in skip and not (exp["title"] and line in exp["title"]):
                res.body_kept.append(any(line in t or t in line for t in texts if len(t) > 20))
    for name, ok in (("title", exp["title"] is None or _same(a.title, exp["title"])), ("date", a.date == exp["date"]),
                     ("documents", set(a.documents) == set(exp["documents"])),
                     ("provinces", set(a.provinces) == set(exp["provinces"])),
                     ("events", {(e.date, e.kind, e.document) for e in a.events}
                      == {(e["date"], e["kind"], e["document"]) for e in exp["events"]})):
        if not ok:
            res.failures.append(f"{case.name}: {name}")


def evaluate(name: str = "project") -> Results:
    res = Results()
    for case in cases(name):
        _evaluate_case(res, case)
    return res


def _share(values: list[bool]) -> float:
    return sum(values) / len(values) if values else 1.0


def figures(res: Results) -> dict[str, float]:
    out = {k: _share(v) for k, v in res.exact.items()}
    for name, s in res.scores.items():
        out[f"{name}_precision"], out[f"{name}_recall"], out[f"{name}_f1"] = s.precision, s.recall, s.f1
    out["chrome_removed"] = _share(res.chrome_removed)
    out["body_kept"] = _share(res.body_kept)
    out["event_province"] = _share(res.event_province)
    out["lost"] = float(len(res.lost))
    return out


def report(name: str, verbose: bool = True) -> None:
    res = evaluate(name)
    f = figures(res)
    print(f"== {name}: {len(cases(name))} articles, {len(res.lost)} lost")
    print(f"{'field':<14}{'precision':>10}{'recall':>8}{'F1':>7}")
    for field_name in SET_FIELDS:
        print(f"{field_name:<14}{f[field_name + '_precision']:>10.3f}{f[field_name + '_recall']:>8.3f}"
              f"{f[field_name + '_f1']:>7.3f}")
    print(f"title right {f['title']:.3f}, date right {f['date']:.3f}, author right {f['author']:.3f}, "
          + (f"source right {f['source']:.3f}, " if res.exact["source"] else "")
          + (f"site right {f['site']:.3f}, " if res.exact["site"] else "")
          + f"event province right {f['event_province']:.3f} "
          f"({len(res.event_province)} events), chrome removed {f['chrome_removed']:.3f} "
          f"({len(res.chrome_removed)} lines), body kept {f['body_kept']:.3f} ({len(res.body_kept)} checks)")
    for lost in res.lost:
        print("  lost:", lost)
    if verbose:
        for failure in res.failures:
            print("  miss:", failure)


def main(argv: list[str]) -> None:
    for name in argv or [n for n in GOLD_SETS if cases(n)]:
        report(name)


if __name__ == "__main__":
    main(sys.argv[1:])
