"""A reproducible synthetic corpus in the shapes of real articles (seeded): page chrome,
stamps, captions, bylines, documents, dates, places; 1–8 KB each. Used by `make bench`."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "build"))

from nghiquyet.vocabulary import catalogue, districts_2024, provinces  # noqa: E402

KINDS = [
    ("tổ chức hội nghị quán triệt, triển khai thực hiện", "Quán triệt"),
    ("ban hành Kế hoạch triển khai", "Kế hoạch"),
    ("ban hành Chương trình hành động thực hiện", "Chương trình hành động"),
    ("tổ chức hội nghị sơ kết 3 năm thực hiện", "Sơ kết"),
    ("tổ chức hội nghị tổng kết thực hiện", "Tổng kết"),
    ("tổ chức hội thảo khoa học về thực hiện", "Hội thảo"),
]
# Body sentences are put together from parts with numbers, places and names, so paragraphs do
# not repeat across articles (real ones do not: a benchmark on a few repeated sentences would
# flatter every per-line memo).
SUBJECTS = ["Hội nghị", "Ban Thường vụ Tỉnh ủy", "Ủy ban nhân dân tỉnh", "Các đại biểu", "Sở Kế hoạch và Đầu tư",
            "Đồng chí Bí thư Tỉnh ủy", "Hội đồng nhân dân tỉnh", "Các sở, ban, ngành", "Lãnh đạo {district}",
            "Mặt trận Tổ quốc tỉnh", "Đoàn công tác của Trung ương", "Ban Chỉ đạo tỉnh"]
VERBS = ["đánh giá kết quả đạt được trong", "đề xuất nhiều giải pháp về", "yêu cầu các cấp ủy tiếp tục quan tâm",
         "thống nhất ưu tiên nguồn lực cho", "chỉ rõ những hạn chế trong", "báo cáo tiến độ",
         "nhấn mạnh vai trò của", "kiến nghị Trung ương có cơ chế đặc thù cho", "đã huy động {n} tỷ đồng cho",
         "phấn đấu đến năm {year2} hoàn thành", "rà soát, điều chỉnh quy hoạch", "tổ chức kiểm tra, giám sát"]
OBJECTS = ["phát triển kinh tế - xã hội", "kết cấu hạ tầng giao thông", "các tuyến cao tốc kết nối vùng",
           "giảm nghèo bền vững", "đời sống đồng bào dân tộc thiểu số", "liên kết vùng", "chất lượng nguồn nhân lực",
           "chuyển đổi số", "thu hút đầu tư", "bảo đảm quốc phòng, an ninh", "nông nghiệp công nghệ cao",
           "du lịch cộng đồng", "bảo vệ rừng đầu nguồn", "cải cách hành chính", "khu công nghiệp {district}",
           "hạ tầng số", "kinh tế cửa khẩu", "ứng phó biến đổi khí hậu"]
TAILS = ["", ", tăng {pct}% so với cùng kỳ", " tại {district}", " trong giai đoạn {year1}-{year2}",
         ", đạt {pct}% kế hoạch", " với tổng vốn {n} tỷ đồng", " ở {m} xã vùng khó khăn", ", nhất là ở vùng sâu, vùng xa",
         " theo tinh thần Nghị quyết", " trong {k} tháng đầu năm"]


def sentence(rng: random.Random, district: str) -> str:
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}."
    return text.format(district=district, n=rng.randint(12, 98_000), pct=f"{rng.randint(1, 99)},{rng.randint(0, 9)}",
                       m=rng.randint(2, 60), k=rng.randint(2, 11), year1=rng.choice([2021, 2022]), year2=rng.choice([2025, 2030]))


CHROME_HEAD = ["Truy cập nội dung luôn", "Trang chủ » Tin tức » Thời sự", "Đăng nhập | Đăng ký", "Chia sẻ Facebook Zalo"]
CHROME_TAIL = ["Tin liên quan", "Từ khóa: phát triển vùng, nghị quyết", "Lượt xem: 1.024", "1 2 3 4 5 ...",
               "Bản quyền thuộc Cổng Thông tin điện tử"]
AUTHORS = ["Minh Anh", "Thu Hà - Văn Long", "PV", "Hồng Nhung", "Quang Huy"]


def article(rng: random.Random, i: int) -> str:
    docs = [d for d in catalogue().values() if d.get("regions") and d["id"].endswith("2022")]
    doc = rng.choice(docs)
    number = doc["id"].split("-")[0]
    region_provinces = [p["name"] for p in provinces()["before_2025"] if p["region"] == doc["regions"][0]]
    province = rng.choice(region_provinces)
    district = rng.choice(districts_2024()[province])
    year = rng.choice([2023, 2024])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    action, label = rng.choice(KINDS)
    lines = rng.sample(CHROME_HEAD, 2)
    lines += [f"{province}: {label} Nghị quyết số {number}-NQ/TW của Bộ Chính trị (bài {i})", "",
              f"{day + 1:02d}-{month:02d}-{year} 08:{rng.randint(10, 59)}", ""]
    lines += [f"Sáng {day}/{month}, Ban Thường vụ Tỉnh ủy {province} {action} Nghị quyết số {number}-NQ/TW "
              f"ngày {int(doc['date'][8:])}/{int(doc['date'][5:7])}/{doc['date'][:4]} của Bộ Chính trị. "
              f"Dự hội nghị có lãnh đạo {district[0]} {district[1]} và các sở, ban, ngành.", ""]
    target = rng.randint(1_000, 8_000)
    while sum(len(x.encode()) for x in lines) < target:
        lines += [" ".join(sentence(rng, f"{district[0]} {district[1]}") for _ in range(rng.randint(2, 5))), ""]
        if rng.random() < 0.2:
            lines += [f"Quang cảnh hội nghị tại điểm cầu {district[0]} {district[1]}", ""]
    lines += [rng.choice(AUTHORS)] + rng.sample(CHROME_TAIL, 3)
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, n: int, seed: int = 2022) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"synth_{i:05d}.txt").write_text(article(rng, i), encoding="utf-8")


if __name__ == "__main__":
    write_corpus(Path(sys.argv[1]), int(sys.argv[2]))
