"""A report's region from every signal, with its evidence."""

from __future__ import annotations

import pytest

from transforms.regions import Gazetteer, Region, load_gazetteer
from transforms.report_region import (
    host_signal,
    named_in_its_year,
    report_region,
    report_titles,
    self_level_counts,
)
from transforms.years import report_year


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_the_title_names_the_province(gazetteer: Gazetteer) -> None:
    found = report_region(
        "全省共有幼儿园2.06万所。全省…", ["河南省2019年教育事业发展统计公报"], gazetteer
    )
    assert found.region.name == "河南省"
    assert "title" in found.evidence


def test_a_portal_copy_of_the_ministry_bulletin_is_national(gazetteer: Gazetteer) -> None:
    text = "新华网首页 > 教育 > 正文\n教育部发布2019年全国教育事业发展统计公报\n全国共有各级各类学校53.01万所。"
    titles = report_titles("新华网首页 > 教育 > 正文", None, text)
    found = report_region(text, titles, gazetteer)
    assert found.region.name == "全国" and found.region.level == "national"


def test_an_honour_in_the_title_is_not_the_nation(gazetteer: Gazetteer) -> None:
    text = "我县义务教育阶段学校102所。全县…全县…"
    found = report_region(
        text,
        ["关于创建全国义务教育优质均衡发展县的自评报告"],
        gazetteer,
        "http://www.jiaxiang.gov.cn/a.html",
    )
    assert found.region.name == "嘉祥县"


@pytest.mark.parametrize(
    ("url", "region"),
    [
        ("http://www.moe.gov.cn/jyb_sjzl/a.html", "全国"),
        ("http://jyt.henan.gov.cn/2019/a.html", "河南省"),
        ("http://jyt.shaanxi.gov.cn/a.html", "陕西省"),
        ("http://jyt.zj.gov.cn/a.html", "浙江省"),
        ("http://www.yudu.gov.cn/a.shtml", "于都县"),  # 都 read du, not only dou
        ("http://big5.www.gov.cn/gate/big5/jyt.henan.gov.cn/a.html", "河南省"),  # a Big5 gateway
        ("https://www.example.com/a.html", ""),
    ],
)
def test_the_web_address_names_the_publisher(gazetteer: Gazetteer, url: str, region: str) -> None:
    assert host_signal(url, gazetteer, set())[0] == region


def test_the_title_beats_the_host_when_they_disagree(gazetteer: Gazetteer) -> None:
    # a city's site republishing its province's bulletin: the title says what it is
    text = "全省共有各级各类学校2.3万所。全省…全省…"
    found = report_region(
        text, ["河南省2019年教育事业发展统计公报"], gazetteer, "http://www.zhengzhou.gov.cn/a.html"
    )
    assert found.region.name == "河南省"


def test_a_provincial_bulletin_naming_its_cities_is_the_province(gazetteer: Gazetteer) -> None:
    text = (
        "郑州市教育规划办公室\n全省共有幼儿园2.06万所，其中郑州市1420所，洛阳市980所。"
        "全省在园幼儿…全省…郑州市…洛阳市…开封市"
    )
    assert report_region(text, [], gazetteer).region.name == "河南省"


def test_the_publisher_line(gazetteer: Gazetteer) -> None:
    found = report_region("全市共有学校120所。全市…", [], gazetteer, chrome=("来源：洛阳市教育局",))
    assert found.region.name == "洛阳市"
    assert "publisher" in found.evidence
    # a county's 人大常委会 publishing its survey of the county (关于我县…的调研报告)
    chrome = ("发布时间：2020-11-24　来源：延川县人大常委会办公室　浏览量：615",)
    found = report_region(
        "全县共有幼儿园26所。", ["关于我县学前教育发展情况的调研报告"], gazetteer, chrome=chrome
    )
    assert found.region.name == "延川县"


def test_a_masked_place_stays_null(gazetteer: Gazetteer) -> None:
    found = report_region("**市在市委、市政府的领导下，全市教育工作…", [], gazetteer)
    assert found.region.name is None and found.region.anonymized


def test_headline_lines_under_a_breadcrumb_are_titles() -> None:
    text = (
        "陕西省教育厅 > 信息公开\n陕西省2019年教育事业发展统计公报\n发布时间：2020-05-20\n一、综合"
    )
    assert report_titles(None, None, text) == ["陕西省2019年教育事业发展统计公报"]


def test_a_yearbooks_nav_line_names_the_yearbook() -> None:
    text = "南京统计年鉴—2018　　　　　　目录 | 上一表 | 下一表\n十七、教育、科技和文化\n17-2　各级各类学校"
    assert "南京统计年鉴—2018" in report_titles(None, "十七、教育、科技和文化", text)
    # (统计年鉴 alone names no place's yearbook)
    assert "统计年鉴" not in report_titles(
        None, None, "统计年鉴 | 目录 | 上一表\n17-2 各级各类学校"
    )


def test_a_news_headline_of_two_clauses_under_a_breadcrumb_is_a_title() -> None:
    headline = "【聚焦两会】县长作政府工作报告：2023年这些民生实事办好了，2024年教育这样干"
    text = f"蓬溪新闻网 > 时政要闻 > 正文\n{headline}\n来源：蓬溪县融媒体中心\n过去一年，全县…"
    assert report_titles("蓬溪新闻网 > 时政要闻 > 正文", None, text) == [headline]
    # a sentence of the body, lower down, is none
    body = "蓬溪县召开教育工作会议\n会议总结了2023年工作，部署了2024年工作"
    assert report_titles(None, None, body) == ["蓬溪县召开教育工作会议"]
    # nor is a numbered part of a short text, an infographic's 03 or a report's 三、
    parts = "政府工作报告里的教育干货\n01 2023年工作回顾\n全年教育支出5.62亿元\n03 2024年重点工作"
    assert report_titles(None, None, parts + "\n三、2024年工作打算") == ["政府工作报告里的教育干货"]
    # (a numbered part naming a place and no year may still say whose page it is)
    assert report_titles(None, None, "反馈意见\n一、盐池县反馈意见") == [
        "反馈意见",
        "一、盐池县反馈意见",
    ]


def test_a_place_followed_by_its_self_reference_is_the_region(gazetteer: Gazetteer) -> None:
    """A short news item names its province once, as 四川全省: enough, where one bare mention
    is not."""
    text = "据省教育厅统计，截至2018年12月，四川全省共有各类幼儿园14052所。"
    found = report_region(text, [], gazetteer)
    assert found.region.name == "四川省" and "«四川全省»" in found.evidence
    bare = report_region("调研组赴四川开展走访。", [], gazetteer)
    assert bare.region.name is None


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
def test_region_of_a_report(
    gazetteer: Gazetteer,
    title: str | None,
    text: str,
    name: str | None,
    level: str | None,
    anonymized: bool,
) -> None:
    region = report_region(text, report_titles(title, None, text), gazetteer).region
    assert (region.name, region.level, region.anonymized) == (name, level, anonymized)


def test_region_code_comes_from_the_gazetteer(gazetteer: Gazetteer) -> None:
    assert report_region("青岛市教育局。青岛市", [], gazetteer).region.code == "370200"


def test_a_portal_breadcrumb_and_a_website_name_do_not_make_the_region(
    gazetteer: Gazetteer,
) -> None:
    """A national announcement republished by a regional news site (中国西藏网 > 即时新闻)."""
    text = (
        "中国西藏网 > 即时新闻 > 时政\n教育部：2022年全国普惠性幼儿园在园幼儿比例升至89.55%\n"
        "教育部召开发布会，介绍2022年全国教育事业发展基本情况。全国共有幼儿园28.92万所。\n"
        "版权声明：凡注明“来源：中国西藏网”的所有作品，版权归中国西藏网所有。"
    )
    titles = report_titles(None, "中国西藏网 > 即时新闻 > 时政", text)
    assert not any(">" in t for t in titles)
    assert report_region(text, titles, gazetteer).region.name == "全国"


def test_a_portals_list_of_places_is_no_title(gazetteer: Gazetteer) -> None:
    text = "安徽实现乡镇公办园全覆盖\n记者从安徽省统计局获悉：2018年全省共有公办幼儿园3253所。"
    titles = ["城市：北京天津河北山西辽宁四川吉林黑龙江上海江苏浙江安徽福建江西山东"]
    found = report_region(text, titles, gazetteer)
    assert found.region.name == "安徽省" and "城市" not in found.evidence


def test_national_honours_and_events_are_not_the_page_speaking_nationally(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "一年来，我市成功承办了全国职业院校技能大赛分赛项，我市被评为全国社区教育示范区，"
        "创建全国义务教育优质均衡发展区。全市高考本科上线率再创新高，列潍坊市各县市区第一名。"
        "寿光市教育质量稳步提升，全市新建幼儿园5所。"
    )
    region = report_region(text, ["教育局2021年工作总结"], gazetteer).region
    assert region.name == "寿光市"  # a county-level city speaks of itself as 全市


def test_a_title_naming_only_its_level_picks_the_place_of_that_level(gazetteer: Gazetteer) -> None:
    text = "2020年，庐阳区将继续推进义务教育优质均衡，新建学校3所。合肥市要求各区加快建设。"
    assert report_region(text, ["区教体局2020年工作计划"], gazetteer).region.name == "庐阳区"


def test_an_everyday_word_hides_the_place_it_overlaps(gazetteer: Gazetteer) -> None:
    text = "委托县人大同步开展调研，全市幼儿园120所，全市在园幼儿3.2万人，全市普惠率85%。"
    region = report_region(text, ["关于全市学前教育发展情况的调研报告"], gazetteer).region
    assert region.name is None


def test_a_ranking_among_the_parents_places_is_not_the_parent(gazetteer: Gazetteer) -> None:
    text = (
        "全县教育工作综合评估居达州市第二名，全县新建幼儿园5所，全县普惠率90%，全县大班额全部消除。"
    )
    assert report_region(text, ["XX年县教育局年终工作总结"], gazetteer).region.name is None


def test_self_level_counts_leaves_out_honours_and_events() -> None:
    text = (
        "全国共有学校51.8万所。我县入选全国名单，荣获全省表彰，"  # counted once each: 全国 … 全省 left out
        "承办全省中小学生运动大会，获评全国文明校园称号。全省各级学校"
    )
    counts = self_level_counts(text)
    assert counts["national"] == 1  # 全国共有; 入选全国, 全国文明校园称号 are not the page's level
    assert counts["province"] == 1  # 全省各级; 荣获全省, 全省…运动大会 are not
    assert counts["county"] == 1  # 我县


def test_a_local_paper_credited_as_the_source_names_the_story(gazetteer: Gazetteer) -> None:
    text = "2月23日，全市教育工作会议召开。全市新增学位3.2万个，全市幼儿园达到1200所。"
    chrome = ("时间：2021-02-24 16:20  来源：济宁日报  浏览次数：2106",)
    assert report_region(text, [], gazetteer).region.name is None
    found = report_region(text, [], gazetteer, None, chrome)
    assert found.region.name == "济宁市"
    assert "source 济宁日报" in found.evidence


def test_a_yearbook_named_first_in_a_breadcrumb_titles_the_page() -> None:
    titles = report_titles("乌鲁木齐统计年鉴2021 > 二十、教育 > 20-1", None, "项目 学校数")
    assert titles == ["乌鲁木齐统计年鉴2021"]
    assert report_titles("中国西藏网 > 即时新闻 > 时政", None, "正文") == []


def test_a_city_yearbooks_page_of_one_district_is_the_districts(gazetteer: Gazetteer) -> None:
    page_title = "鸡西统计年鉴2016 - 十六、教育 - 梨树区各级各类学校基本情况"
    text = (
        "鸡西统计年鉴2016 > 十六、教育\n16-7 梨树区各级各类学校基本情况\n单位：所、人\n"
        "项目 | 学校数 | 在校学生数\n幼儿园 | 11 | 1392\n小学 | 6 | 2795\n"
    )
    titles = [*report_titles("鸡西统计年鉴2016 > 十六、教育", None, text), page_title]
    assert report_region(text, titles, gazetteer).region.name == "梨树区"
    # a page of two of its districts is the city's
    text = text.replace("16-7 梨树区", "16-7 梨树区、滴道区")
    titles = [*report_titles("鸡西统计年鉴2016 > 十六、教育", None, text)]
    assert report_region(text, titles, gazetteer).region.name == "鸡西市"


def test_a_renamed_place_is_named_as_it_was_in_the_reports_year(gazetteer: Gazetteer) -> None:
    now = Region("奉化区", "330283", "district", False)
    text = "一图读懂|奉化教育这一年（2015）\n全市共有各级各类学校103所。"
    assert named_in_its_year(now, 2015, text, [], gazetteer).name == "奉化市"
    assert named_in_its_year(now, 2016, text, [], gazetteer) == now
    assert named_in_its_year(now, None, text, [], gazetteer) == now
    # a page that writes the new name, and never the old, keeps it
    written = "奉化区2015年教育事业回顾：全区共有各级各类学校103所。"
    assert named_in_its_year(now, 2015, written, [], gazetteer) == now
    old = named_in_its_year(Region("神木市", "610821", "county", False), 2015, "", [], gazetteer)
    assert (old.name, old.level) == ("神木县", "county")


def test_a_district_of_a_municipality_is_its_own_publishers_region(gazetteer: Gazetteer) -> None:
    text = (
        "天津市北辰区2023年教育事业统计公报\n发布时间:2024-04-12 来源:区教育局\n"
        "现将全区2023年教育事业发展主要统计数据公布如下：全区共有各级各类学校186所。"
        "全区专任教师7837人。全区共有幼儿园109所。\n主办:天津市北辰区人民政府办公室\n"
    )
    titles = report_titles(None, "天津市北辰区2023年教育事业统计公报", text)
    assert report_region(text, titles, gazetteer).region.name == "北辰区"


def test_an_inspectorates_feedback_is_about_the_county_its_headline_names(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "新疆维吾尔自治区教育厅  首页 > 教育督导 > 督导评估\n"
        "自治区人民政府教育督导室关于呼图壁县义务教育优质均衡发展督导评估的反馈意见\n"
        "发布日期:2024-06-20  来源:自治区人民政府教育督导室\n"
        "一、基本情况\n呼图壁县共有义务教育学校31所，其中小学22所。\n"
        "主办：新疆维吾尔自治区教育厅\n"
    )
    titles = report_titles("新疆维吾尔自治区教育厅  首页 > 教育督导 > 督导评估", None, text)
    assert report_region(text, titles, gazetteer).region.name == "呼图壁县"


def test_the_office_signing_at_the_end_names_the_region(gazetteer: Gazetteer) -> None:
    text = (
        "2022年工作总结和2023年工作打算\n全县现有各级各类学校163所。"
        "组织国培、省培、州培和县级培训1.2万人次。\n建始县教育局\n2023年1月12日\n"
    )
    titles = report_titles(None, "2022年工作总结和2023年工作打算", text)
    found = report_region(text, titles, gazetteer)
    assert found.region.name == "建始县"  # 和县级培训 names no 和县
    assert "signed 建始县教育局" in found.evidence


def test_the_place_a_title_is_about_beats_its_author(gazetteer: Gazetteer) -> None:
    title = "百色市人民政府教育督导室关于田东县人民政府2020年度履行教育职责的督导反馈意见"
    text = f"{title}\n田东县共有中小学校186所。\n百色市人民政府教育督导室\n2021年6月7日\n"
    found = report_region(text, report_titles(title, None, text), gazetteer)
    assert found.region.name == "田东县"


def test_a_congress_opening_names_the_government_reports_place(gazetteer: Gazetteer) -> None:
    text = (
        "政府工作报告解读丨这些教育实事，与你我息息相关\n"
        "2月1日，四会市第十七届人民代表大会第四次会议开幕。市长在会上作政府工作报告。\n"
        "全市共有各级各类学校214所。全市学前教育毛入园率98.2%。全市新增公办学位5400个。\n"
        "在肇庆市层面，全市学前教育毛入园率为97.1%。\n"
    )
    titles = report_titles("政府工作报告解读丨这些教育实事，与你我息息相关", None, text)
    assert report_region(text, titles, gazetteer).region.name == "四会市"


def test_a_dated_byline_taken_for_a_title_is_no_title(gazetteer: Gazetteer) -> None:
    text = (
        "数读怀柔教育｜这份成绩单请查收！\n“十四五”以来，怀柔区坚持教育优先发展。"
        "全区共有幼儿园64所。怀柔区新增学位3960个。全区教职工4921人。"
    )
    byline = "原创 怀柔教育 怀柔教育 2025年01月17日 09:30 北京"
    titles = report_titles(None, byline, text)
    assert titles == ["数读怀柔教育｜这份成绩单请查收！"]  # the headline, not the byline
    assert report_region(text, titles, gazetteer).region.name == "怀柔区"
    text = "近日，市教委发布了2023年全市教育事业发展统计数据。全市各级各类学校2286所。"
    byline = "原创 数据君 海河教育观察 2024-03-02 08:30 发表于天津"
    titles = report_titles(None, byline, text)
    assert report_year(text, titles, "2024-03-02", None).year == 2023


def test_a_disclosure_pages_index_block_is_no_title() -> None:
    text = (
        "索 引 号：011093521/2023-00421　　分　　类：工作总结\n"
        "发布机构：通山县教育局　　发文日期：2023年01月09日\n"
        "通山县教育局2022年工作总结及2023年工作计划\n"
        "2022年，全县教育系统坚持立德树人，各项工作取得新进展。"
    )
    assert report_titles(None, None, text) == ["通山县教育局2022年工作总结及2023年工作计划"]


def test_a_local_news_site_first_in_the_breadcrumb_names_the_place(gazetteer: Gazetteer) -> None:
    text = "上半年我市教育重点工作稳步推进\n今年上半年，全市教育系统各项重点工作进展顺利。全市新建幼儿园38所。"
    chrome = ("当前位置:六安新闻网 > 教育 > 正文",)
    assert report_region(text, [], gazetteer, None, chrome).region.name == "六安市"


def test_a_local_sites_name_opening_the_breadcrumb_names_its_place(gazetteer: Gazetteer) -> None:
    text = (
        "汝州人大网  >  监督工作  >  调研视察\n关于全市学前教育发展情况的调研报告\n"
        "市人大常委会：\n截至2020年6月，全市共有幼儿园312所，全市学前三年毛入园率达到90.6%。"
    )
    titles = report_titles(None, None, text)
    assert report_region(text, titles, gazetteer).region.name == "汝州市"  # a county-level city
    # a news site's crumb after 您现在的位置
    text = (
        "您现在的位置：利辛新闻网 >> 教育 >> 正文\n——在2017年全县教育工作会议上的报告\n"
        "一、2016年全县教育工作回顾\n全县共有各级各类学校462所，全县学前三年毛入园率80.6%。"
    )
    titles = report_titles(None, None, text)
    assert report_region(text, titles, gazetteer).region.name == "利辛县"
    # an office's own site opening the crumb, over a text that names a neighbour more often
    text = (
        "汉源县政协 > 调查研究 > 正文\n关于我县学前教育普及普惠发展情况的调研报告\n"
        "全县共有幼儿园58所。石棉县学前三年毛入园率为94.5%，石棉县普惠性幼儿园覆盖率为92.1%。"
    )
    titles = report_titles(None, None, text)
    assert report_region(text, titles, gazetteer).region.name == "汉源县"
    # the site's name heading the page on a line of its own, the crumb without it
    text = (
        "鹿寨人大网\n首页 | 人大要闻 | 常委会工作 | 调研视察\n您当前所在位置:首页 > 调研视察\n"
        "关于全县学前教育发展情况的调研报告\n调研组先后深入雒容镇、中渡镇等6个乡镇的14所幼儿园。"
        "全县共有幼儿园96所，全县学前三年毛入园率90.2%。"
    )
    titles = report_titles(None, None, text)
    assert report_region(text, titles, gazetteer).region.name == "鹿寨县"
    # …before its address, or opening the <title> before the headline
    text = "——在2018年全市教育工作会议上的工作报告\n同志们：\n2017年，全市教育工作稳中有进。浙江省教育厅…"
    chrome = ("兰溪教育网 www.lxedu.gov.cn",)
    assert report_region(text, [], gazetteer, None, chrome).region.name == "兰溪市"
    titles = ["兰溪教育网--凝心聚力 提质增效 奋力开创兰溪教育现代化新局面"]
    assert report_region(text, titles, gazetteer).region.name == "兰溪市"
    # …before its nav bar on the same line, and the office owning the site in the footer
    text = (
        "安泽人大网 首页 | 人大要闻 | 调查研究\n关于全县学前教育发展情况的调研报告\n"
        "调研组深入府城镇、和川镇等4个乡镇的12所幼儿园。全县现有幼儿园23所，全县在园幼儿2316人。"
    )
    titles = report_titles(None, None, text)
    assert report_region(text, titles, gazetteer).region.name == "安泽县"
    text = "关于全县学前教育发展情况的调研报告\n全县现有幼儿园23所，全县在园幼儿2316人。"
    chrome = ("版权所有：安泽县人大常委会办公室　电话：0357-8522316",)
    assert report_region(text, [], gazetteer, None, chrome).region.name == "安泽县"


def test_a_titles_short_name_before_education_names_the_place_the_text_speaks_as(
    gazetteer: Gazetteer,
) -> None:
    title = "凝心聚力 提质增效 奋力开创吉州教育高质量发展新局面"
    text = (
        f"{title}\n——在2021年全区教育工作会议上的工作报告\n同志们：\n"
        "2020年，全区教育系统圆满完成了年度目标任务。全区共有各级各类学校198所。"
    )
    assert report_region(text, [title], gazetteer).region.name == "吉州区"
    # …by the name the text writes it with (繁昌区, not the 繁昌县 it was)
    text = f"{title.replace('吉州', '繁昌')}\n全区共有学校98所。繁昌区教育体育局全区教师2100人。"
    assert report_region(text, [title.replace("吉州", "繁昌")], gazetteer).region.name == "繁昌区"
    # (not when the text speaks at no such level: 中山教育 of a national article)
    text = "奋力开创中山教育新局面\n教育部发布通知，要求各地做好招生工作。"
    assert report_region(text, [], gazetteer).region.name != "中山市"


def test_a_first_line_opening_with_the_place_and_the_year_is_the_reports_headline(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "钦南区2015年教养任务归纳暨2016年作业盘算_范文大全\n"
        "2015年，吾区教养体系各项任务获得了新的停顿。全区共具有各层各类黉舍186所。"
    )
    assert report_region(text, [], gazetteer).region.name == "钦南区"
    # (a place and a year inside the line are no headline: 调研组到钦南区2015年…)
    text = "调研组赴钦南区2015年新建的幼儿园调研\n各层各类黉舍186所。"
    assert report_region(text, [], gazetteer).region.name is None


def test_a_districts_short_name_after_its_citys_in_the_title_is_the_district(
    gazetteer: Gazetteer,
) -> None:
    text = "1月9日，区长代表区政府作政府工作报告。2023年全区新增学位7200个，全区共有学校317所。"
    assert report_region(text, ["上海嘉定 · 嘉定新闻"], gazetteer).region.name == "嘉定区"
    assert report_region(text, ["杭州余杭教育"], gazetteer).region.name == "余杭区"
    # (a place that is no district of the city named before it is not one)
    assert report_region(text, ["上海教育新闻"], gazetteer).region.name == "上海市"


def test_an_account_named_by_a_long_short_name_names_its_county(gazetteer: Gazetteer) -> None:
    text = (
        "原创 塔县教育 塔什库尔干教育 2021-02-24 18:30\n"
        "编者按：“十三五”期间，塔什库尔干塔吉克自治县坚持把教育作为最大的民生工程。\n"
        "▶ 2020年，全县共有各级各类学校52所。"
    )
    found = report_region(text, ["一图读懂丨塔县教育“十三五”成就"], gazetteer)
    assert found.region.name == "塔什库尔干塔吉克自治县"


def test_a_public_accounts_name_in_the_byline_names_its_place(gazetteer: Gazetteer) -> None:
    # 仪陇人大: 仪陇县's congress (仪陇区, the gazetteer's name for a 县改区 to come, is the same
    # place); «组成人员和县人大代表» reads as 和县 and must not win
    text = (
        "关于全县义务教育均衡发展情况的调研报告\n原创 仪陇人大 仪陇人大 2020-09-21 18:30 发表于四川\n"
        "县人大常委会：\n部分常委会组成人员和县人大代表组成调研组，深入9个乡镇20余所中小学校"
        "实地察看。全县现有义务教育阶段学校127所，义务教育阶段在校生9.86万人。"
    )
    titles = report_titles(None, None, text)
    assert report_region(text, titles, gazetteer).region.name == "仪陇县"
    # …or its political consultative conference's (城步政协)
    text = (
        "关于全县乡村小规模学校发展情况的调研报告\n原创 城步政协 城步政协 2025年06月12日 10:21\n"
        "县政协组织调研组深入儒林镇、丹口镇等乡镇开展专题调研。全县现有乡村小规模学校48所。"
    )
    titles = report_titles(None, None, text)
    assert report_region(text, titles, gazetteer).region.name == "城步苗族自治县"


@pytest.mark.parametrize(
    "byline",
    [
        "都昌人大 2021-10-22 17:05 发表于江西",  # the account over its date
        "原创 县人大教科文卫工委 都昌人大",  # author and account, the date below
        "都昌教育发布  2021-10-22 17:05  阅读 1064  在看 36",  # a post's counters after it
        "都昌教育发布　2021-10-22 17:05　江西",  # its province (the IP's) or nothing after it
        "都昌教育发布 2021-10-22 17:05",
    ],
)
def test_a_public_accounts_byline_without_its_original_mark_names_its_place(
    gazetteer: Gazetteer, byline: str
) -> None:
    text = (
        f"【人大视点】县人大常委会调研组关于全县学前教育发展情况的调研报告\n{byline}\n阅读 1064\n"
        "为全面了解我县学前教育发展情况，调研组深入8个乡镇的17所幼儿园开展专题调研。"
        "截至2021年9月，全县共有幼儿园118所，全县学前三年毛入园率87.3%。"
    )
    titles = report_titles(None, None, text)
    assert report_region(text, titles, gazetteer).region.name == "都昌县"


def test_an_accounts_byline_dated_in_words_names_a_city_made_a_district(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "数说海门教育丨“十四五”这四年，我们交出这样的答卷\n"
        "原创 海门教育 海门教育发布 2025年01月08日 08:30 江苏\n"
        "2024年，全区共有各级各类学校142所，在校生10.87万人。"
    )
    found = report_region(text, report_titles(None, None, text), gazetteer).region
    assert (found.name, found.level) == ("海门区", "district")  # 海门市 until 2020


def test_a_city_office_naming_only_its_province_and_a_university_has_no_region(
    gazetteer: Gazetteer,
) -> None:
    # the seed's 交流发言: 北京 in 北京大学 is no place of the page's, and 山东省 is the province
    # of a city the page masks (x市), not the report's region
    title = "市教育局党组书记局长在全省教育工作会议上的交流发言"
    text = (
        f"{title}\n各位领导、同志们：近年来，市教育局全面推进教育强市建设。x市、x市获批山东省首批"
        "乡村教育振兴实验区，入选数量均居全省首位。合唱套曲在北京大学成功首演。全市学前教育普惠率"
        "达到93.10%，全省领先。全省教育工作会议精神……全省第一。"
    )
    found = report_region(text, report_titles(title, None, text), gazetteer).region
    assert (found.name, found.level) == (None, "city")


def test_a_university_named_after_a_place_is_no_mention_of_it(gazetteer: Gazetteer) -> None:
    title = "2023年教育工作总结"
    text = (
        f"{title}\n全县高考再创佳绩，3人考入北京大学，北京大学强基计划录取2人。全县共有中小学"
        "校86所，全县学前三年毛入园率达到91.2%。"
    )
    assert report_region(text, report_titles(title, None, text), gazetteer).region.name is None


def test_a_title_naming_a_place_and_one_within_it_is_the_inner_ones(
    gazetteer: Gazetteer,
) -> None:
    title = "北京市房山区教育委员会2024年工作总结"
    text = f"{title}\n全区学前三年毛入园率达到95.2%。"
    assert report_region(text, report_titles(title, None, text), gazetteer).region.name == "房山区"


def test_a_banner_calling_itself_quanqi_is_not_the_city_it_is_compared_with(
    gazetteer: Gazetteer,
) -> None:
    # 乌兰浩特市 named more often than the banner, in a comparison; the text says 全旗
    text = (
        "关于全旗学前教育和义务教育发展情况的调研报告\n截至2021年8月底，全旗共有中小学43所。"
        "全旗教育支出7.64亿元。二、与乌兰浩特市主要指标对比\n科尔沁右翼前旗 乌兰浩特市\n"
        "幼儿园62所 幼儿园48所\n从对比看，我旗与乌兰浩特市尚有差距，乌兰浩特市学位紧张，"
        "乌兰浩特市城区学校超员。全旗普惠性幼儿园覆盖率76.8%。\n"
    )
    titles = report_titles(None, None, text)
    assert report_region(text, titles, gazetteer).region.name == "科尔沁右翼前旗"
    signed = text + "科尔沁右翼前旗人大常委会调研组\n2021年9月15日"
    found = report_region(signed, report_titles(None, None, signed), gazetteer)
    assert "signed 科尔沁右翼前旗人大常委会调研组" in found.evidence


def test_an_autonomous_regions_quanqu_is_the_whole_region(gazetteer: Gazetteer) -> None:
    # a press conference of 自治区教育厅: its 全区 is 宁夏, not a district it names once
    title = "“推进教育高质量发展”新闻发布会实录"
    text = (
        f"{title}\n地点：自治区人民政府新闻发布厅\n发布人：自治区教育厅副厅长\n"
        "2023年，全区共有各级各类学校3218所。全区学前三年毛入园率93.8%。全区义务教育巩固率"
        "99.1%。全区高中阶段毛入学率94.6%。其中红寺堡区学前三年毛入园率达到95.4%。"
        "宁夏在课后服务方面进展明显，全区课后服务全覆盖。"
    )
    found = report_region(text, report_titles(title, None, text), gazetteer).region
    assert found.name == "宁夏回族自治区"


def test_a_yearbook_named_by_its_places_short_name_names_that_place(gazetteer: Gazetteer) -> None:
    title = "大兴统计年鉴2024"
    text = f"{title}\n18-1 主要年份教育事业基本情况\n年份 | 各级各类学校(所) | 在校学生(人)\n2023年 | 331 | 216487"
    found = report_region(text, report_titles(title, None, text), gazetteer).region
    assert (found.name, found.level) == ("大兴区", "district")
    # …in book-title brackets
    title = "《庆元统计年鉴—2021》 第十六篇 教育、科技、文化"
    text = (
        f"{title}\n16-1 教育事业基本情况（2019—2020年）\n项 目 | 2019年 | 2020年\n普通中学 | 9 | 9"
    )
    found = report_region(text, report_titles(title, None, text), gazetteer).region
    assert found.name == "庆元县"  # not 庆元区, a 县改区 the list only foresees
    # a local yearbook (地方志), not the statistics bureau's, over a table of its own
    title = "定州年鉴（2017）电子版 > 第十八篇 教育 > 统计资料"
    text = f"{title}\n表18-1 2016年各级各类学校基本情况\n项 目 | 学校数（所）\n总 计 | 447"
    found = report_region(text, report_titles(title, None, text), gazetteer).region
    assert found.name == "定州市"
    # a table's page whose title names the yearbook after a dash
    title = "19-3 各级各类学校基本情况 - 常宁统计年鉴2018"
    text = "19-3 各级各类学校基本情况\n（2017年）\n指标 | 计量单位 | 2017年\n学校数合计 | 所 | 305"
    found = report_region(text, [title], gazetteer).region
    assert found.name == "常宁市"
    # a banner's (旗) yearbook, by the banner's short name
    title = "15-1 各级各类学校基本情况 - 敖汉统计年鉴2017"
    text = "15-1 各级各类学校基本情况（2016年）\n项目 | 学校数 | 在校学生数\n合计 | 237 | 95478"
    found = report_region(text, [title], gazetteer).region
    assert found.name == "敖汉旗"
    # a district's yearbook on its city's records site (苏州地方志数据库): the district's
    title = "教育_社会事业_《姑苏年鉴2017》_苏州地方志数据库"
    text = (
        "苏州地方志数据库\n首页 | 年鉴库 | 方志库\n教育\n2016年，全区有中小学、幼儿园99所。\n"
        "表1 2016年姑苏区各级各类学校基本情况\n项目 | 学校数（所）\n总计 | 99"
    )
    found = report_region(text, ["苏州地方志数据库", title], gazetteer).region
    assert found.name == "姑苏区"


def test_a_place_ranked_in_the_title_is_not_what_the_page_is_about(gazetteer: Gazetteer) -> None:
    title = "2021年度全市县域教育发展水平监测结果出炉 邵武市综合排名第一"
    text = (
        f"{title}\n本报讯 日前，市政府教育督导室发布《2021年度南平市县域教育发展水平监测报告》。"
        "从全市整体看，2021年，南平市共有各级各类学校1012所。全市学前三年毛入园率98.1%。"
        "分县看，邵武市学前三年毛入园率达98.9%，顺昌县为97.2%。"
    )
    assert report_region(text, report_titles(title, None, text), gazetteer).region.name == "南平市"
    # a title about the place itself stays its own
    own = "邵武市2021年教育工作总结"
    assert report_region(text, [own], gazetteer).region.name == "邵武市"


def test_an_infographics_headline_is_a_title_and_its_dated_byline_is_not() -> None:
    text = (
        "三亚教育发布\n一图读懂|2024年三亚教育成绩单\n"
        "原创 三亚市教育局 三亚教育发布 2025年01月08日 18:30 海南\n全市各级各类学校392所"
    )
    titles = report_titles(None, None, text)
    assert "一图读懂|2024年三亚教育成绩单" in titles
    assert not [t for t in titles if "2025年01月08日" in t]
    assert report_year(text, titles, "2025-01-08", None).year == 2024


def test_an_offices_own_site_by_its_city_and_district_short_names_names_the_district(
    gazetteer: Gazetteer,
) -> None:
    """安阳文峰政协 | 履职视窗: the site of 安阳's 文峰区 political consultative conference."""
    text = (
        "安阳文峰政协 | 履职视窗 | 调研视察\n关于我区学前教育发展情况的调研报告\n"
        "为全面了解我区学前教育发展现状，区政协组织部分委员开展专题调研。全区共有幼儿园106所。"
    )
    assert report_region(text, [], gazetteer).region.name == "文峰区"


def test_a_source_naming_the_county_by_its_short_name_names_it(gazetteer: Gazetteer) -> None:
    """来源：建邺人大 (the district congress's account), and the old town a survey speaks of
    (部分老城区幼儿园) is no place: 洛阳's 老城区 is only written after 洛阳 or alone."""
    text = (
        "关于我区学前教育普及普惠发展情况的调研报告\n来源：建邺人大　发布时间：2025-09-03\n"
        "全区现有幼儿园八十六所。部分老城区幼儿园出现空余学位，全区新建小区学位依然紧张。"
    )
    assert report_region(text, [], gazetteer).region.name == "建邺区"


def test_a_speechs_slogan_lines_name_the_place_by_its_short_name(gazetteer: Gazetteer) -> None:
    text = (
        "凝心聚力抓落实 砥砺奋进谱新篇\n奋力推动渭滨教育高质量发展\n"
        "——在2022年全区教育工作会议上的工作报告\n同志们：\n"
        "一年来，全区教育系统各项工作取得了新成效。全区现有幼儿园86所，全区共有义务教育学校41所。"
    )
    assert report_region(text, [], gazetteer).region.name == "渭滨区"
