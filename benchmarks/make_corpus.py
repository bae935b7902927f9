"""Write a synthetic corpus of report pages built from the bundled samples.

    .venv/bin/python benchmarks/make_corpus.py OUT_DIR --mb 300 [--seed 1] [--page-kb 5]

Each page is a sample report with its figures, region and years varied, wrapped in one
of several sites' chrome, and sometimes given a noise class: Traditional characters
with pinyin after them, masked figures, GBK encoding, or a verbatim duplicate. With
--page-kb, each report is cut (at a sentence end) to pages of about that size: a corpus of
many small pages, as news sites and county portals publish them.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CITIES = [
    "青岛市",
    "三门峡市",
    "榆林市",
    "东莞市",
    "济宁市",
    "滁州市",
    "洛阳市",
    "绵阳市",
    "赣州市",
    "大理市",
]
HEADERS = [
    "老秘网_材夜思范文\n标题: {title} [打印本页]\n作者: 秘途杂谈 时间: {year}-8-30 10:58",
    "- 70.00 KB\n- {year}-04-20 发布\n- 1、本文档由用户上传,淘文库整理发布,可阅读全部内容。\n- 网站客服QQ:403074932",
    "• 语录大全\n  • 励志语录\n  • 情感语录\n  • 经典台词\n当前位置: 工作范文网 > 范文 > 正文\n时间:{year}-04-15 15:53:33 来源:工作范文网",
    "{title}\n整理文档很辛苦,赏杯茶钱您下走!\n免费阅读已结束,点击下载阅读编辑剩下 ...\n资源描述",
]
FOOTERS = [
    "欢迎光临 老秘网_材夜思范文 (http://caiyes.cn/) |\nPowered by Discuz! X3.4 |",
    "1 / 5\n下载文档,编辑使用\n©2015-2020 m.777doc.com 三七文档.\n备案号:鲁ICP备2024069028号-1 客服联系 QQ:2149211541",
    "温馨提示\n  • 1. 本站所有资源如无特殊说明,都需要本地电脑安装OFFICE2007和PDF阅读器。\n最新文档\n评论\n0/150\n提交评论",
    "有关的专题",
]
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"20[12]\d(?=年)")


def sample_reports() -> list[tuple[str, str]]:
    """(title, text) of every cleaned sample report: the raw material."""
    import sys

    sys.path.insert(0, str(ROOT))
    from transforms.clean import clean_text, load_chrome_rules
    from transforms.split import split_reports

    rules = load_chrome_rules()
    out = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        cleaned = clean_text(path.read_text(encoding="utf-8"), rules)
        out += [(s.title or "报告", s.text) for s in split_reports(cleaned.text, cleaned.title)]
    return out


def vary(text: str, rng: random.Random) -> str:
    """The text with its numbers scaled, its years shifted and a city named."""
    shift = rng.randint(-6, 3)

    def number(m: re.Match[str]) -> str:
        value = float(m.group(0)) * rng.uniform(0.7, 1.3)
        return f"{value:.2f}" if "." in m.group(0) else str(max(1, round(value)))

    text = _YEAR.sub(lambda m: str(int(m.group(0)) + shift), text)
    text = _NUMBER.sub(number, text)
    city = rng.choice(CITIES)
    return re.sub(r"(?:\*\*|x|某)市|(?<![\u4e00-\u9fff])市(?=教育局)", city, text)


_PINYIN_PAGES: dict[str, str] = {}


def with_pinyin(text: str) -> str:
    """Traditional characters, each Traditional-only one followed by its pinyin (關(guān))."""
    import opencc
    from pypinyin import Style, pinyin

    if text not in _PINYIN_PAGES:
        traditional = opencc.OpenCC("s2t").convert(text)
        simplified = opencc.OpenCC("t2s").convert(traditional)
        out = []
        for char, plain in zip(traditional, simplified, strict=False):
            reading = pinyin(char, style=Style.TONE)[0][0] if char != plain else ""
            out.append(f"{char}({reading})" if reading and reading != char else char)
        _PINYIN_PAGES[text] = "".join(out)
    return _PINYIN_PAGES[text]


def mask(text: str, rng: random.Random) -> str:
    """Some figures replaced by masks (**, XX)."""
    return _NUMBER.sub(
        lambda m: rng.choice(["**", "XX", "**.*"]) if rng.random() < 0.3 else m.group(0), text
    )


def excerpt(text: str, page_kb: float, rng: random.Random) -> str:
    """A run of whole sentences of `text` of about `page_kb` KB in UTF-8 (3 bytes a
    character), from a random sentence on."""
    chars = int(page_kb * 1024 / 3)
    if len(text) <= chars:
        return text
    start = rng.randrange(0, len(text) - chars)
    start = text.find("。", start) + 1 if text.find("。", start) != -1 else 0
    end = text.rfind("。", start, start + chars) + 1
    return text[start : end if end > start else start + chars]


def page(
    title: str, text: str, rng: random.Random, page_kb: float | None = None
) -> tuple[str, str]:
    """(encoding, page text) for one synthetic page."""
    year = rng.randint(2015, 2024)
    if page_kb:
        text = excerpt(text, page_kb, rng)
    body = vary(text, rng)
    roll = rng.random()
    if roll < 0.1:
        body = mask(body, rng)
    head = rng.choice(HEADERS).format(title=title, year=year)
    full = f"{head}\n{body}\n{rng.choice(FOOTERS)}\n"
    if roll > 0.97:
        return "utf-8", with_pinyin(f"{head}\n{text}\n{rng.choice(FOOTERS)}\n")
    return ("gb18030" if roll > 0.8 else "utf-8"), full


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=100.0, help="approximate corpus size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--page-kb", type=float, default=None, help="cut pages to about this size")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    reports = sample_reports()
    args.out.mkdir(parents=True, exist_ok=True)
    target = int(args.mb * 1024 * 1024)
    written = n = 0
    previous: bytes | None = None
    while written < target:
        if previous is not None and rng.random() < 0.05:
            data = previous  # a verbatim duplicate of the last page
        else:
            encoding, text = page(*rng.choice(reports), rng, args.page_kb)
            data = text.encode(encoding, errors="replace")
        folder = args.out / f"{n // 1000:04d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{n:07d}.txt").write_bytes(data)
        previous = data
        written += len(data)
        n += 1
    print(f"wrote {n} pages, {written / 1e6:.1f} MB, to {args.out}")


if __name__ == "__main__":
    main()
