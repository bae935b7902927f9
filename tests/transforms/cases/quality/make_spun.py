"""Writes the spun pages of this labelled set: spun_*.txt from the genuine pages here.

.venv/bin/python tests/transforms/cases/quality/make_spun.py

What a page-spinning tool does to a report, done by hand: a synonym table of its own
(modelled on spun copies of education reports on document-sharing sites: 服务 → 效劳,
管理 → 治理, 建设 → 建立, 公平 → 公正 …, not on transforms/spin_pairs.yaml), applied to
most occurrences at random, then keywords injected: the title's words as an extra clause
in every paragraph, fragments of the title glued between clauses, or an SEO phrase.
Deterministic (seeded), so the files only change when this script does.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

HERE = Path(__file__).parent

SYNONYMS = {
    "服务": "效劳",
    "管理": "治理",
    "建设": "建立",
    "推进": "推动",
    "公平": "公正",
    "提高": "进步",
    "提升": "晋升",
    "发展": "开展",
    "工作": "作业",
    "教育": "教导",
    "学生": "学员",
    "教师": "教员",
    "学校": "院校",
    "幼儿园": "幼稚园",
    "质量": "质素",
    "明显": "显着",
    "改善": "改进",
    "加强": "增强",
    "开展": "展开",
    "全面": "全部",
    "落实": "执行",
    "我们": "咱们",
    "条件": "前提",
    "资金": "资本",
    "问题": "疑问",
    "情况": "状况",
    "措施": "办法",
    "积极": "活跃",
    "认真": "仔细",
    "丰富": "丰厚",
    "制度": "准则",
    "稳定": "安稳",
    "能力": "才能",
    "重点": "要点",
    "主要": "首要",
    "目标": "方针",
    "扩大": "扩展",
    "增加": "添加",
    "减少": "削减",
    "实现": "完成",
    "取得": "获得",
    "成效": "作用",
    "组织": "安排",
    "活动": "举动",
    "培训": "训练",
    "交流": "沟通",
    "促进": "推进",
    "持续": "继续",
    "不断": "不停",
    "优质": "优良",
    "特色": "特征",
    "综合": "归纳",
    "素质": "本质",
    "示范": "模范",
    "保障": "保证",
    "评估": "评价",
    "整治": "整理",
    "隐患": "危险",
    "近年来": "近些年来",
    "规范": "标准",
}
_WORDS = re.compile("|".join(sorted(map(re.escape, SYNONYMS), key=len, reverse=True)))


def spin(text: str, rng: random.Random, rate: float = 0.75) -> str:
    """Most occurrences of the table's words replaced by its synonym."""
    return _WORDS.sub(lambda m: SYNONYMS[m.group()] if rng.random() < rate else m.group(), text)


def inject_clause(text: str, phrase: str, rng: random.Random) -> str:
    """The phrase as an extra clause after a random comma of every body paragraph."""
    out = []
    for line in text.split("\n"):
        commas = [m.end() for m in re.finditer("，", line)]
        if len(line) > 40 and commas:
            at = rng.choice(commas)
            line = f"{line[:at]}{phrase}，{line[at:]}"
        out.append(line)
    return "\n".join(out)


def inject_glued(text: str, fragments: list[str], rng: random.Random, per_line: int = 2) -> str:
    """Fragments of the title glued at random points between characters of body lines."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i and len(line) > 30:
            for _ in range(per_line):
                at = rng.randrange(5, len(line) - 5)
                line = line[:at] + rng.choice(fragments) + line[at:]
        out.append(line)
    return "\n".join(out)


def inject_edges(text: str, phrase: str) -> str:
    """The phrase glued before the first sentence of every body paragraph (SEO stuffing)."""
    lines = text.split("\n")
    return "\n".join([lines[0], *(phrase + ln if len(ln) > 30 else ln for ln in lines[1:])])


def main() -> None:
    rng = random.Random(18)

    def read(name: str) -> str:
        return (HERE / name).read_text(encoding="utf-8")

    pages = {
        "spun_work_report.txt": inject_clause(
            spin(read("work_report.txt"), rng), "青川区教育局工作总结", rng
        ),
        "spun_news_medium.txt": inject_glued(
            spin(read("news_medium.txt"), rng),
            ["优质均衡", "义务新进展", "我市均衡", "取得发展"],
            rng,
        ),
        "spun_survey_report.txt": inject_edges(
            spin(read("survey_report.txt"), rng), "学前教育调研报告范文"
        ),
        "spun_plan_report.txt": inject_glued(
            spin(read("plan_report.txt"), rng, rate=0.6), ["学校工作计划", "中心学校"], rng, 1
        ),
        "spun_bulletin_2023.txt": inject_clause(
            spin(read("bulletin_2023.txt"), rng, rate=0.9), "淳安县教育统计公报", rng
        ),
    }
    for name, text in pages.items():
        (HERE / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
