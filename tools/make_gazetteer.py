"""Regenerate build/nghiquyet/data/districts_2024.json, the districts of the 63 provinces
in force until 30 June 2025.

Source: the `nested-divisions.json` shipped by vietnam-provinces 0.6.0, the last release
before the 2025 reorganisation (later releases carry only today's 34 provinces):

    pip download --no-deps vietnam-provinces==0.6.0 -d /tmp/vp && unzip /tmp/vp/*.whl -d /tmp/vp
    python tools/make_gazetteer.py /tmp/vp/vietnam_provinces/data/nested-divisions.json

The build never runs this: it reads the committed JSON.
"""

import json
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "build/nghiquyet/data/districts_2024.json"
PREFIXES = ("Thành phố ", "Tỉnh ", "Huyện ", "Quận ", "Thị xã ")
# 0.6.0 already uses the 2025 name of Huế; this site needs the name of the time.
PROVINCE_NAMES = {"Huế": "Thừa Thiên Huế", "Hoà Bình": "Hòa Bình", "Hồ Chí Minh": "Thành phố Hồ Chí Minh"}


def split_prefix(name: str) -> tuple[str, str]:
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return prefix.strip().lower(), name[len(prefix):]
    return "", name


def main(source: str) -> None:
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    out = {}
    for province in data:
        _, name = split_prefix(unicodedata.normalize("NFC", province["name"]))
        name = PROVINCE_NAMES.get(name, name)
        out[name] = sorted(
            list(split_prefix(unicodedata.normalize("NFC", d["name"])))
            for d in province["districts"]
        )
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=None, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(out)} provinces, {sum(map(len, out.values()))} districts")


if __name__ == "__main__":
    main(sys.argv[1])
