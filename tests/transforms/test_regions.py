from __future__ import annotations

import re

import pytest

from tests.conftest import SAMPLES
from transforms.regions import Place, gazetteer_of, is_town, load_gazetteer, names_a_town


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
    for text in texts:  # …but for a town's name (新乡村: a new village, not 新乡市), and but
        # for a common noun's (分别是老城区教育集聚区: see the test below)
        found = [
            m.group() for m in plain.finditer(text) if not names_a_town(m.group(), text, m.end())
        ]
        generic = set(gazetteer.generic)
        assert [n for n in gazetteer.find(text) if n not in generic] == [
            n for n in found if n not in generic
        ]


def test_a_towns_name_opening_with_a_citys_is_no_city() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.find("九江镇义务教育公办学位占比达到81.2%") == []
    assert gazetteer.find("唐山镇中心小学") == []
    assert gazetteer.find("河南乡村教师支持计划") == ["河南"]
    assert gazetteer.find("九江市教育局") == ["九江市"]
    assert gazetteer.find("内地西藏班（校）录取87人") == []  # a class for Tibet's pupils
    assert gazetteer.find("新增城区义务教育学位3150个") == []  # (not 增城区)


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("凉山州", "凉山彝族自治州"),
        ("黔东南州", "黔东南苗族侗族自治州"),
        ("恩施州", "恩施土家族苗族自治州"),
        ("峨边县", "峨边彝族自治县"),
        ("威宁自治县", "威宁彝族回族苗族自治县"),
        ("塔什库尔干县", "塔什库尔干塔吉克自治县"),  # a name without 族
        ("和布克赛尔县", "和布克赛尔蒙古自治县"),
        # a place of several peoples named by some of them (印江土家族自治县)
        ("印江土家族自治县", "印江土家族苗族自治县"),
        ("恩施土家族自治州", "恩施土家族苗族自治州"),
        ("威宁彝族苗族自治县", "威宁彝族回族苗族自治县"),
    ],
)
def test_autonomous_places_are_found_by_their_short_names(short: str, full: str) -> None:
    assert load_gazetteer().by_name[short].name == full


def test_the_gazetteer_is_built_once_per_process() -> None:
    # quality scoring asks for it once per page: rebuilding it cost a fifth of extraction
    assert load_gazetteer() is load_gazetteer()


def test_a_province_before_its_county_level_is_the_province() -> None:
    g = load_gazetteer()
    assert g.find("河南县域普惠性幼儿园覆盖率将达80%") == ["河南"]
    assert g.find("河南县教育局") == ["河南县"]  # the county in Qinghai, named as itself


def test_a_county_renamed_a_district_is_found_by_its_new_name() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.find("茌平区现有中小学76所") == ["茌平区"]
    district = gazetteer.by_name["茌平区"]
    assert (district.code, district.level, district.parent) == ("371523", "district", "聊城市")
    assert gazetteer.by_name["茌平县"].name == "茌平县"  # the listed name stays
    assert gazetteer.find("西部、南部区域的学校") == []  # a new name that is an everyday word
    assert gazetteer.find("会同市财政局检查") == []  # no 县改市 names…


def test_a_district_is_found_by_the_county_name_it_had_before() -> None:
    gazetteer = load_gazetteer()  # 垦利县 became 垦利区 in 2016; the list names the district
    assert gazetteer.find("垦利县教育局2015年工作总结") == ["垦利县"]
    county = gazetteer.by_name["垦利县"]
    assert (county.code, county.level, county.parent) == ("370505", "county", "东营市")
    assert gazetteer.by_name["朝阳县"].parent == "朝阳市"  # a listed county keeps its place
    assert "城县" not in gazetteer.by_name  # a one-character stem (城区) makes no county
    assert gazetteer.current("垦利县") is None  # a short name (垦利) stands for the district
    # …and a county-level city by the county's name (东宁县 became 东宁市 in 2015)
    assert gazetteer.find("东宁县2014年教育事业发展统计公报") == ["东宁县"]
    assert gazetteer.by_name["东宁县"].code == gazetteer.by_name["东宁市"].code
    assert gazetteer.find("到2023年底新建县城第三小学") == []  # 新建区 was 新建县: ignored


def test_a_renamed_place_knows_the_name_it_replaced_and_when() -> None:
    gazetteer = load_gazetteer()
    # (a rename to a name the list already has: 星子县 became 庐山市 in 2016)
    assert gazetteer.find("关于星子县农村学前教育发展情况的调研报告") == ["星子县"]
    assert gazetteer.by_name["星子县"].code == gazetteer.by_name["庐山市"].code
    assert gazetteer.renamed["庐山市"] == ("星子县", 2016)
    # 海西州's 行政委员会, county-level, by their full and short names
    assert gazetteer.find("大柴旦行政委员会、冷湖行委") == ["大柴旦行政委员会", "冷湖行委"]
    assert gazetteer.by_name["冷湖行委"].name == "冷湖行政委员会"
    assert gazetteer.renamed["奉化区"] == ("奉化市", 2016)
    assert gazetteer.renamed["神木市"] == ("神木县", 2017)
    assert "潞州区" not in gazetteer.renamed  # 城区 (an ignored name) of 长治市


def test_a_county_that_became_a_city_is_found_by_its_new_name() -> None:
    gazetteer = load_gazetteer()  # …but the ones gazetteer_renamed.csv lists
    assert gazetteer.find("广德市现有小学28所") == ["广德市"]
    city = gazetteer.by_name["广德市"]
    assert (city.code, city.level, city.parent) == ("341822", "county", "宣城市")
    assert gazetteer.by_name["广德县"].name == "广德县"
    assert gazetteer.by_name["祁阳市"].code == "431121"  # 撤县设市, 2021
    assert gazetteer.by_name["横州市"].code == "450127"  # 横县, a stem of one character
    assert gazetteer.by_name["黔西市"].code == "520522"  # 黔西县, 2021
    # 伊春市's districts merged in 2019: 伊春区 and 美溪区 became 伊美区, 带岭区 大箐山县
    assert (gazetteer.by_name["伊美区"].parent, gazetteer.by_name["大箐山县"].level) == (
        "伊春市",
        "county",
    )
    district = gazetteer.by_name["龙海区"]  # 撤市设区, 2021
    assert (district.level, district.parent) == ("district", "漳州市")
    assert gazetteer.by_name["禄丰市"].code == "532331"  # 禄丰县, 2021


def test_a_county_renamed_a_district_of_another_name_is_found_by_it() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.find("叙州区教育和体育局2024年工作总结") == ["叙州区"]  # 宜宾县, 2018
    assert gazetteer.by_name["叙州区"].code == "511521"
    assert gazetteer.by_name["鄠邑区"].code == "610125"  # 户县, 2016
    # a one-character stem (赣县, 沙县) makes no 赣区 of its own: the list names the district
    assert (gazetteer.by_name["赣县区"].level, gazetteer.by_name["沙县区"].parent) == (
        "district",
        "三明市",
    )


def test_a_prefecture_that_became_a_city_is_found_by_its_new_name() -> None:
    gazetteer = load_gazetteer()  # 2018: 那曲地区 became 那曲市, its 那曲县 色尼区
    assert gazetteer.find("那曲市教育局2020年工作总结") == ["那曲市"]
    city = gazetteer.by_name["那曲市"]
    assert (city.code, city.level, city.parent) == ("542400", "city", "西藏自治区")
    assert gazetteer.find("色尼区学前教育毛入园率") == ["色尼区"]
    assert gazetteer.by_name["色尼区"].code == "542421"


def test_a_renamed_place_of_a_shared_name_is_told_apart_by_its_parent() -> None:
    gazetteer = load_gazetteer()  # 2018: 长治市's 城区 became 潞州区, 大同市's 平城区
    assert gazetteer.by_name["潞州区"].parent == "长治市"
    assert gazetteer.by_name["平城区"].parent == "大同市"
    assert gazetteer.by_name["上党区"].code == "140421"  # 长治县, a new stem
    assert gazetteer.find("潞城区现有学校121所") == ["潞城区"]


def test_the_xinjiang_production_and_construction_corps_is_a_province() -> None:
    corps = load_gazetteer().by_name["新疆生产建设兵团"]
    assert (corps.level, corps.parent) == ("province", "")


@pytest.mark.parametrize(
    ("name", "town"),
    [
        ("东台镇", True),
        ("三仓镇", True),  # a numeral opening a name
        ("倴城镇", True),
        ("东华街道", True),
        ("沔城回族镇", True),
        ("小城镇", False),  # kinds of place, not names
        ("其他乡镇", False),
        ("农村乡镇", False),
        ("扩大城镇", False),
        ("先后送教下乡", False),
        ("两个乡", False),
        ("下关镇", True),  # 下 opening a name
        ("勐角傣族彝族拉祜族乡", True),  # an ethnic township
        ("柏杨河哈萨克族乡", True),
        ("下到乡", False),  # …and a verb's
    ],
)
def test_a_towns_name_is_told_from_words_ending_like_one(name: str, town: bool) -> None:
    assert is_town(name) is town


def test_a_division_created_since_the_list_is_found_with_its_parent() -> None:
    gazetteer = load_gazetteer()  # 2021: 杭州市's 临平区 and 钱塘区, new codes
    assert gazetteer.find("临平区教育局2022年工作总结") == ["临平区"]
    assert gazetteer.by_name["钱塘区"].parent == "杭州市"
    assert gazetteer.by_name["坪山区"].code == "440310"  # 深圳市, 2016
    assert gazetteer.by_name["龙港市"].level == "county"  # 苍南县's town, 2019
    assert gazetteer.by_name["柴桑区"].code == "360421"  # 九江县, renamed 2017
    assert gazetteer.find("新星市场监管所") == []  # an everyday word hides 新星市


def test_a_place_name_prose_writes_as_a_common_noun_is_a_place_only_where_written_as_one() -> None:
    """老城区 (洛阳's district, and any town's old quarter); see gazetteer_generic.txt."""
    gazetteer = load_gazetteer()
    assert gazetteer.find("部分老城区幼儿园出现空余学位") == []
    assert gazetteer.find("丰城市剑光街道新城区行政中心") == ["丰城市"]
    assert gazetteer.find("洛阳市老城区共有幼儿园56所") == ["洛阳市", "老城区"]
    assert gazetteer.find("来源：老城区教育局") == ["老城区"]
    assert gazetteer.find("呼和浩特新城区新华大街") == ["呼和浩特", "新城区"]
    assert gazetteer.find("<td>新城区</td><td>190</td>") == ["新城区"]
    # 市中区 (济南's, 枣庄's, 内江's, 乐山's): 全市中区县 is no place, 枣庄市市中区 is
    assert gazetteer.find("全市中区县属学校") == []
    assert gazetteer.find("枣庄市市中区2019年教育事业发展统计公报") == ["枣庄市", "市中区"]
    assert gazetteer.find("来源：市中区教育和体育局") == ["市中区"]


def test_a_row_header_is_a_towns_name_alone_where_prose_would_join_it_to_a_sentence() -> None:
    assert not is_town("和村镇")  # (学校和村镇: 和 joins it in prose)
    assert is_town("和村镇", prose=False)  # a yearbook's row: 和村镇 | 12 | 2947
    assert is_town("里澜城镇", prose=False)
    assert not is_town("其他乡镇", prose=False)  # (a row of the rest is no town)
