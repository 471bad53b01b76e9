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
FILLER = [
    "Hội nghị đánh giá kết quả đạt được trong phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh của địa phương.",
    "Tốc độ tăng trưởng kinh tế bình quân đạt khá, cơ cấu kinh tế chuyển dịch theo hướng tích cực.",
    "Kết cấu hạ tầng giao thông, nhất là các tuyến cao tốc kết nối vùng, được quan tâm đầu tư.",
    "Công tác giảm nghèo bền vững, chăm lo đời sống đồng bào dân tộc thiểu số đạt nhiều kết quả quan trọng.",
    "Tuy nhiên, liên kết vùng còn lỏng lẻo, chất lượng nguồn nhân lực chưa đáp ứng yêu cầu phát triển.",
    "Các đại biểu đề xuất nhiều giải pháp về cơ chế, chính sách đặc thù, thu hút đầu tư và chuyển đổi số.",
    "Đồng chí Bí thư Tỉnh ủy yêu cầu các cấp ủy, chính quyền tiếp tục quán triệt sâu sắc quan điểm, mục tiêu của Nghị quyết.",
]
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
        lines += [" ".join(rng.sample(FILLER, 3)), ""]
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
