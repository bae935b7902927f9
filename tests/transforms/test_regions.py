from __future__ import annotations

import re

import pytest

from tests.conftest import SAMPLES
from transforms.regions import (
    Place,
    detect_region,
    detect_year,
    gazetteer_of,
    load_gazetteer,
    self_level,
)

GAZ = load_gazetteer()


@pytest.mark.parametrize(
    ("title", "text", "name", "level", "anonymized"),
    [
        (
            None,
            "所有区市通过“青岛市教育现代化区市”验收。全面启用青岛6中等校区。青岛教育",
            "青岛市",
            "city",
            False,
        ),
        (None, "确保在三门峡市教育系统落实。三门峡大教育格局。", "三门峡市", "city", False),
        ("某市关于义务教育“双减”政策落实情况的报告", "我市坚决贯彻", None, "city", True),
        (None, "近年来，**市在市委的领导下，全市教育工作", None, "city", True),
        (None, "2020年，县全面领会。全县现有各级各类学校85所。", None, "county", True),
        (
            "2023年全国教育事业发展统计公报",
            "全国共有各级各类学校49.83万所。",
            "全国",
            "national",
            False,
        ),
        # a single passing mention is not enough, nor an everyday word that is also a place name
        (None, "在北京大学成功首演。老城区学校扩容。", None, None, False),
    ],
)
def test_detect_region(
    title: str | None, text: str, name: str | None, level: str | None, anonymized: bool
) -> None:
    region = detect_region(text, title, GAZ)
    assert (region.name, region.level, region.anonymized) == (name, level, anonymized)


def test_region_code_comes_from_the_gazetteer() -> None:
    assert detect_region("青岛市教育局。青岛市", None, GAZ).code == "370200"


def test_self_level_counts_how_a_report_names_itself() -> None:
    assert self_level("我县，全县，全市") == "county"
    assert self_level("无") is None


@pytest.mark.parametrize(
    ("text", "published", "year"),
    [
        ("一、2017年工作情况。2017年，市教育局……对于2016年意见", None, 2017),
        ("2019年和2020年各一次", None, 2020),
        ("《县第三期学前教育行动计划（2017-2020）》", None, None),
        ("教财〔2020〕14号", None, None),
        ("2023年规划，2030年目标，2030年", "2024-01-01", 2023),
        ("没有年份", None, None),
    ],
)
def test_detect_year(text: str, published: str | None, year: int | None) -> None:
    assert detect_year(text, published) == year


@pytest.mark.parametrize(
    ("names", "text", "found"),
    [
        (["长安", "长安区", "西安市"], "西安市长安区教育局和长安", ["西安市", "长安区", "长安"]),
        (["ab", "abcd"], "abc abcd ab", ["ab", "abcd", "ab"]),  # falls back when longer fails
        (["a.b"], "a.b axb", ["a.b"]),  # names are literals
    ],
)
def test_gazetteer_finds_the_longest_name_at_each_position(
    names: list[str], text: str, found: list[str]
) -> None:
    places = {n: Place("000000", n, "city", "") for n in names}
    assert gazetteer_of(places).find(text) == found


def test_gazetteer_finds_what_the_plain_alternation_matches_on_the_samples() -> None:
    gazetteer = load_gazetteer()
    names = sorted(gazetteer.by_name, key=len, reverse=True)
    plain = re.compile("|".join(re.escape(n) for n in names))
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    assert sum(len(plain.findall(text)) for text in texts) > 20
    for text in texts:
        assert gazetteer.find(text) == plain.findall(text)
