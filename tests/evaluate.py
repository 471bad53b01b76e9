"""Extraction gold set, scored per field: the five corpus articles (fixtures/seeds.yaml) and the
articles in fixtures/articles/ with their expected results.

    python tests/evaluate.py        # prints the table (also: make eval)

test_eval.py fails when a figure drops below its floor in eval_baseline.yaml.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "build"))

from nghiquyet.clean import clean  # noqa: E402
from nghiquyet.extract import extract  # noqa: E402
from nghiquyet.read import read  # noqa: E402
from nghiquyet.text import normalise_line  # noqa: E402

SET_FIELDS = ("documents", "regions", "provinces", "event_dates", "events", "captions")


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
    exact: dict[str, list[bool]] = field(default_factory=lambda: {"title": [], "date": [], "author": []})
    chrome_removed: list[bool] = field(default_factory=list)
    body_kept: list[bool] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def cases() -> list[Case]:
    out = []
    for seed in yaml.safe_load((HERE / "fixtures" / "seeds.yaml").read_text(encoding="utf-8")):
        exp = dict(seed, date=seed["published"], documents=seed["resolutions"],
                   events=[dict(e, document=e["resolution"]) for e in seed["events"]])
        out.append(Case(seed["file"], HERE.parent / "corpus" / seed["file"], exp))
    folder = HERE / "fixtures" / "articles"
    for path in sorted(folder.iterdir()):
        if not path.name.endswith(".expected.yaml"):
            exp = yaml.safe_load(path.with_name(path.stem + ".expected.yaml").read_text(encoding="utf-8"))
            out.append(Case(path.name, path, exp))
    return out


def _score(score: Score, got: set, want: set) -> None:
    score.tp += len(got & want)
    score.fp += len(got - want)
    score.fn += len(want - got)


def evaluate() -> Results:
    res = Results()
    for case in cases():
        exp = case.expected
        a = extract(clean(read(case.path, case.name)))
        res.exact["title"].append(a.title == exp["title"])
        res.exact["date"].append(a.date == exp["date"])
        res.exact["author"].append(a.author == exp["author"])
        _score(res.scores["documents"], set(a.documents), set(exp["documents"]))
        _score(res.scores["regions"], set(a.regions), set(exp["regions"]))
        _score(res.scores["provinces"], set(a.provinces), set(exp["provinces"]))
        _score(res.scores["event_dates"], {e.date for e in a.events}, {e["date"] for e in exp["events"]})
        _score(res.scores["events"], {(e.date, e.kind, e.document) for e in a.events},
               {(e["date"], e["kind"], e["document"]) for e in exp["events"]})
        _score(res.scores["captions"], set(a.captions), set(exp["captions"]))
        texts = [b.text for b in a.blocks]
        for chrome in exp["must_drop"]:
            res.chrome_removed.append(all(not t.startswith(chrome) for t in texts))
        # Body lines: every long source line that is not chrome, caption or title must be kept.
        if case.path.suffix in (".txt", ""):
            raw = [normalise_line(x) for x in read(case.path, case.name).lines]
            skip = set(exp["must_drop"]) | set(exp["captions"]) | {exp["title"]}
            for line in raw:
                if len(line.split()) >= 12 and line not in skip:
                    res.body_kept.append(any(line in t or t in line for t in texts if len(t) > 20))
        for name, ok in (("title", a.title == exp["title"]), ("date", a.date == exp["date"]),
                         ("documents", set(a.documents) == set(exp["documents"])),
                         ("provinces", set(a.provinces) == set(exp["provinces"]))):
            if not ok:
                res.failures.append(f"{case.name}: {name}")
    return res


def figures(res: Results) -> dict[str, float]:
    out = {k: sum(v) / len(v) for k, v in res.exact.items()}
    for name, s in res.scores.items():
        out[f"{name}_precision"], out[f"{name}_recall"], out[f"{name}_f1"] = s.precision, s.recall, s.f1
    out["chrome_removed"] = sum(res.chrome_removed) / len(res.chrome_removed)
    out["body_kept"] = sum(res.body_kept) / len(res.body_kept)
    return out


def main() -> None:
    res = evaluate()
    f = figures(res)
    print(f"{len(cases())} articles")
    print(f"{'field':<14}{'precision':>10}{'recall':>8}{'F1':>7}")
    for name in SET_FIELDS:
        print(f"{name:<14}{f[name + '_precision']:>10.3f}{f[name + '_recall']:>8.3f}{f[name + '_f1']:>7.3f}")
    print(f"title right {f['title']:.3f}, date right {f['date']:.3f}, author right {f['author']:.3f}, "
          f"chrome removed {f['chrome_removed']:.3f} ({len(res.chrome_removed)} lines), "
          f"body kept {f['body_kept']:.3f} ({len(res.body_kept)} lines)")
    for failure in res.failures:
        print("  miss:", failure)


if __name__ == "__main__":
    main()
