"""The year a report describes and the year of one figure."""

from __future__ import annotations

import pytest

from transforms.years import ReportYear, figure_year, report_year, this_year


@pytest.mark.parametrize(
    ("text", "titles", "published", "year"),
    [
        ("全省…", ["山西省2018年教育事业发展统计公报"], None, 2018),
        # baselines and targets do not count, the year of the figures does
        ("比2010年提高5个百分点，比2010年增加，由2005年的…。2019年，全市…2019年", [], None, 2019),
        ("到2025年，…力争2025年…。2020年全县…", [], None, 2020),
        # a document-sharing page's title gives its upload year
        (
            "2021年工作总结 一、2019年工作回顾。2019年，全市…",
            ["2021年工作总结（精选）"],
            None,
            2019,
        ),
        ("全国…", ["全国教育事业发展主要指标（2016—2020年）"], None, 2020),
        # two years a report covers, the later its latest
        ("2022年…2023年…2022年", ["静宁县教育局关于2022年和2023年教育工作情况的报告"], None, 2023),
        ("…", ["太原统计年鉴2020 > 十九、教育"], None, 2019),
        # a table of a yearbook that names its own year before the yearbook's
        (
            "…",
            ["17-3 各级各类学校基本情况(2020年) - 和田地区统计年鉴2021 - 年鉴数据库"],
            None,
            2020,
        ),
        # a bulletin published in 2020 with no year in its text describes 2019
        ("全省共有…", ["省教育事业发展统计公报"], "2020-05-20", 2019),
        ("发布日期2020年5月20日。", [], None, None),
        ("一、2017年工作情况。2017年，市教育局……对于2016年意见", [], None, 2017),
        ("《县第三期学前教育行动计划（2017-2020）》", [], None, None),  # a plan's span
        ("教财〔2020〕14号", [], None, None),  # a document number
        ("2023年规划，2030年目标，2030年", [], "2024-01-01", 2023),  # no year after publication
        # a meeting that reviews one year and plans the next reports the year it reviews
        (
            "会议总结2020年教育工作，部署2021年重点任务。2021年将新增学位，2021年…",
            ["全市教育工作会议召开 2021年将新增学位3.2万个"],
            "2021-02-24",
            2020,
        ),
        # a headline on the report's plan for the year (…2025年再新增学位1200个): the review's
        (
            "2024年工作回顾\n过去一年，全市一般公共预算教育支出7.62亿元。2025年工作安排\n2025年将…",
            ["满洲里市政府工作报告：聚焦教育民生 2025年再新增学位1200个", "2024年工作回顾"],
            None,
            2024,
        ),
        # an annual report titled with the year it was published in, about the year before
        (
            "2021年，全市共有中职学校8所。2021年招生5732人。2021年在校生16420人。2021年毕业生4865人。"
            "2022年，全市将…",
            ["北海市中等职业教育质量年度报告（2022年度）"],
            "2022-03-30",
            2021,
        ),
        # the date its stocks stand at (截至…) outweighs a baseline year opening a sentence
        (
            "总人口约60万人。截至2022年6月，全县共有幼儿园124所。2018年，全县毛入园率为88.5%。",
            ["宁城县学前教育普及普惠督导评估自评报告"],
            "2022-09-06",
            2022,
        ),
        # dated by month under its title, the economy of the year before in its background
        (
            "彭阳县人民政府\n（2017年9月）\n全县总人口25.8万人，2016年地区生产总值34.6亿元。\n全县学校128所。",
            ["彭阳县义务教育发展基本均衡县自评报告"],
            None,
            2017,
        ),
        # a review of five years: its span (2017年至2022年) and baselines are not its year, what
        # each figure rose to (提高到2022年的93.5%) is
        (
            "数说这五年\n2017年至2022年，全县累计投入教育资金21.6亿元。\n毛入园率从2017年的78.2%"
            "提高到2022年的93.5%。专任教师从2017年的2136人增加到2022年的2587人。力争到2025年达到95%。",
            ["数说这五年｜教育交出亮眼成绩单"],
            "2022-10-14",
            2022,
        ),
        # a 两会 news copy given in January: its 【回眸2023】 part reviews the year before
        (
            "【回眸2023】\n报告指出，2023年全州投入教育资金14.62亿元。\n【2024年怎么干】\n"
            "报告提出，2024年要新建幼儿园5所。\n相关阅读：一图读懂2024年州政府工作报告",
            ["【聚焦州两会】政府工作报告里的“教育账单”：去年投入14.62亿元，今年再建5所幼儿园"],
            "2024-01-18",
            2023,
        ),
        # …and one whose headline names the year it is given in, saying what it reviews
        (
            "报告回顾了2024年工作，并对2025年工作作出部署。【2024年，这些成绩值得点赞】新增学位16.8万个。"
            "【2025年，这些目标要落实】新增公办幼儿园学位3万个。",
            ["划重点！2025年江西省政府工作报告中的教育“干货”来了"],
            "2025-01-17",
            2024,
        ),
        # a speech at the county's annual meeting, its place named (在2019年黎平县教育工作会议上)
        (
            "2018年，全县教育系统各项工作取得新进展。\n一、2018年教育工作回顾\n全县共有学校426所。"
            "\n二、2019年主要任务\n2019年，力争学前三年毛入园率达到90%。2019年…",
            ["——在2019年黎平县教育工作会议上的报告"],
            "2019-02-26",
            2018,
        ),
        # a year that heads a plan (2024年重点任务) is not the year the figures describe
        (
            "01 / 2023年工作回顾\n全年新增学位5400个。\n02 / 过去五年成就\n巩固率由2019年的98.2%提高到99.6%。"
            "\n03 / 2024年重点任务\n新增学位3200个。",
            ["招远教育发布"],
            None,
            2023,
        ),
        # a year a plan is for (2024年将新建…) is no year the text describes
        (
            "【回顾2023】\n报告显示，2023年我市新增学位1.26万个。\n【部署2024】\n报告提出，2024年将新建学校10所。",
            ["张家港新闻网 > 新闻 > 本地 > 时政"],
            None,
            2023,
        ),
        # an undated copy of a 两会 report: the year it is given in (聚焦2024年县两会, 《2024年…
        # 政府工作报告》) is no year it describes, and it reviews the year before as often as it
        # plans its own
        (
            "专题：聚焦2024年县两会\n县长作政府工作报告。【2023年，这样干】全县教育支出14.37亿元。"
            "【2024年，这样干】新建学校12所。（本文根据《2024年新野县人民政府工作报告》整理）",
            ["【两会关注】政府工作报告里的“教育答卷”和“教育清单”"],
            None,
            2023,
        ),
        # an undated 政府工作报告 gives the day it was given under its title: it reviews the
        # year before, however often it names its own
        (
            "政府工作报告\n——2024年1月10日在某县第十八届人民代表大会第四次会议上\n各位代表：\n"
            "一、2023年工作回顾\n全年新增学位4500个。\n二、2024年主要工作安排\n2024年新建学校3所。"
            "2024年新增学位2000个。",
            ["政府工作报告"],
            None,
            2023,
        ),
        # a copy of a 政府工作报告 whose part on the year before is headed «2024年 这样干»
        (
            "1月8日，兴平市人民代表大会开幕。\n2024年 这样干\n全年教育支出12.37亿元。\n"
            "2025年 这样干\n新增学位2700个。2025年力争通过省级督导评估。",
            ["两会聚焦｜政府工作报告里的“教育答卷”"],
            "2025-01-09",
            2024,
        ),
        # a span of years in brackets, without 年: its last year
        (
            "2023年，全区共有学校118所。",
            ["一图读懂|数说丰台教育这五年（2019—2023）"],
            "2024-01-26",
            2023,
        ),
        # a report of its own year that compares with the year before keeps its year
        (
            "2022年全市新建学校5所，比2021年增加2所。2022年全市幼儿园80所。2021年…",
            ["2022年全市教育工作总结"],
            "2022-12-30",
            2022,
        ),
    ],
)
def test_report_year(text: str, titles: list[str], published: str | None, year: int | None) -> None:
    assert report_year(text, titles, published, None).year == year


@pytest.mark.parametrize(
    ("before", "year"),
    [
        ("学前三年毛入园率由2015年的", 2015),
        # the value before the figure, written in words, is the year's, not the figure
        ("学前三年毛入园率由2014年的百分之五十三提高到", None),
        ("幼儿园由2014年的二十三所增加到", None),
        ("提高到2018年的", 2018),
        ("比2015年提高", None),  # the baseline of a change
        ("全市在校生", None),
        ("2019年以来新建改扩建幼儿园", None),  # a period up to the report's year
    ],
)
def test_figure_year(before: str, year: int | None) -> None:
    assert figure_year(before) == year


def test_a_year_after_the_source_of_a_statistic_opens_its_sentence() -> None:
    from transforms.scopes import layout
    from transforms.years import year_anchors

    text = "发布时间：2019-03-11\n据省教育厅统计，截至2018年12月，全省共有幼儿园14052所。"
    anchor = year_anchors(text, layout(text)).at(text.index("14052"))
    assert anchor is not None and anchor.value == 2018


def test_a_count_in_a_numbered_line_is_no_year_of_its_heading() -> None:
    from transforms.scopes import layout
    from transforms.years import year_anchors

    text = "二、学前教育\n2.在园幼儿5863人，入园幼儿2015人。\n3.2020工作计划\n新建幼儿园2所。"
    anchors = year_anchors(text, layout(text))
    assert anchors.at(text.index("5863")) is None  # 2015人 counts children
    held = anchors.at(text.index("2所"))
    assert held is not None and held.value == 2020  # (2020工作计划 names its year)
    # nor is the year a numbered line compares with
    text = "三、高中阶段教育\n2.高中阶段毛入学率95.3%，较2017年的88.9%提高6.4个百分点。"
    assert year_anchors(text, layout(text)).at(text.index("95.3")) is None
    # nor a numbered table row's last cell (a yearbook's 五、幼儿园 row: 1906 teachers)
    text = (
        "项目 | 学校数 | 专任教师数\n五、幼儿园 | 170 | 1906\n注：1.普通中学学校数含完全中学21所。"
    )
    assert year_anchors(text, layout(text)).at(text.index("21所")) is None


@pytest.mark.parametrize(
    ("title", "year", "plan_start"),
    [
        ("修水县“十四五”教育事业发展规划", 2020, 2021),
        ("某县十三五教育发展规划", 2015, 2016),
        ("“十三五”期间全县教育发展回顾", 2020, None),
    ],
)
def test_a_five_year_period_in_the_title(title: str, year: int, plan_start: int | None) -> None:
    dated = report_year("截至2018年，全县通过国家评估认定。全县幼儿园170所。", [title], None, None)
    assert (dated.year, dated.plan_start) == (year, plan_start)


def test_a_five_year_periods_review_published_before_it_ends_is_of_the_years_seen() -> None:
    text = "2024年，全县共有学校52所。学前三年毛入园率由2020年的95.1%提高到2024年的98.7%。"
    dated = report_year(text, ["屏南教育“十四五”成绩单"], "2025-01-08", None)
    assert dated.year == 2024
    assert report_year(text, ["屏南教育“十四五”成绩单"], "2026-03-01", None).year == 2025
    # “十四五”以来: the years seen so far, however long after its publication
    since = ["一图读懂 | “十四五”以来，从化教育交出这份答卷"]
    assert report_year(text, since, None, None).year == 2024


def test_the_value_of_a_baseline_year_far_into_a_sentence() -> None:
    assert figure_year("全县财政性教育经费支出总额为80.5亿元，比2010年的") == 2010
    assert figure_year("全县财政性教育经费支出总额为80.5亿元，比2010年增长") is None


def test_an_as_of_date_and_a_period_start() -> None:
    text = "截止2015年3月，全州各级各类学校共968所。\n全州在校生156178人。"
    assert report_year(text, ["某州教育情况"], None, None).year == 2015
    text = "2012年以来，我县始终坚持均衡发展。全县现有学校100所。"
    assert report_year(text, ["某县自评报告"], "2019-08-31", None).year == 2019


def test_the_base_of_a_multiple_is_not_the_reports_year() -> None:
    text = "2007年，全区共有小学14873所，是1958年的1.8倍。普通中学1000所，是1958年的3倍。"
    assert report_year(text, ["广西教育成就"], None, None).year == 2007


@pytest.mark.parametrize(
    ("title", "text", "year"),
    [
        # given as the year opens, about the year before
        (
            "2023年玉林市人民政府工作报告",
            "过去一年，全市新建学校21所。今年，我们将新增学位8000个。",
            2022,
        ),
        (
            "在2022年全市教育工作会议上的讲话",
            "2021年，全市新增学位6850个。2021年学前三年毛入园率达到90.6%。二、今年重点",
            2021,
        ),
        # a heading that reviews the year before
        (
            "在全市2019年教育工作会议上的工作报告",
            "一、2018年全市教育工作回顾。全市有学校213所。二、2019年重点工作。2019年新建学校3所。",
            2018,
        ),
        # a work summary of its year, and a meeting that does not review the year before
        ("2022年教育工作总结", "过去一年，全市新建学校21所。", 2022),
        ("在2022年全市教育工作会议上的讲话", "2022年全市教育工作的总体要求是稳中求进。", 2022),
    ],
)
def test_a_report_given_as_the_year_opens_reports_on_the_year_before(
    title: str, text: str, year: int
) -> None:
    assert report_year(text, [title], None, None).year == year


@pytest.mark.parametrize(
    ("given", "published", "news", "expected"),
    [
        (2023, None, False, 2023),  # a report given as 2023 opens
        (None, 2022, True, 2022),  # a story published in 2022 about 2021
        (None, 2022, False, None),  # a bureau's 2021 summary posted in January 2022
        (None, 2021, True, None),  # a story of its own year
    ],
)
def test_this_year_when_it_is_not_the_reports(
    given: int | None, published: int | None, news: bool, expected: int | None
) -> None:
    dated = ReportYear(2021 if given is None else given - 1, "", given=given)
    assert this_year(dated, published, news) == expected


def test_a_government_work_report_titled_without_a_year_reports_on_the_year_before() -> None:
    text = "一、2020年和“十三五”时期工作回顾\n2021年，全市将新建学校20所。2021年…"
    found = report_year(text, ["政府工作报告"], "2021-02-03", None)
    assert (found.year, found.given) == (2020, 2021)
    summary = report_year(text, ["教育工作总结"], "2021-02-03", None)  # not such a report
    assert summary.year == 2021


@pytest.mark.parametrize(
    ("report_type", "published", "year"),
    [
        ("research_report", "2022-11-08", 2022),  # the state of things as the research found it
        ("research_report", "2022-03-14", 2021),  # early in the year: last year's
        ("work_summary", "2022-11-08", 2021),  # a summary names the year it sums up
    ],
)
def test_a_research_report_late_in_a_year_describes_that_year(
    report_type: str, published: str, year: int
) -> None:
    text = (
        "根据县人大常委会年度监督工作计划，调研组通过听取汇报、实地察看开展调研。\n"
        "全县共有义务教育阶段学校38所，在校学生2.57万人。\n"
        "2021年全县一般公共预算教育支出9.46亿元，比上年增长6.2%。"
    )
    assert (
        report_year(text, ["关于全县义务教育发展情况的调研报告"], published, report_type).year
        == year
    )


def test_a_plans_mid_term_evaluation_describes_its_own_year() -> None:
    title = "关于“十四五”教育事业发展规划实施情况的中期评估报告"
    text = "截至2022年底，全市共有各级各类学校5178所。2022年，学前三年毛入园率达到93.8%。"
    found = report_year(text, [title], "2023-04-10", "work_report")
    assert (found.year, found.plan_start) == (2022, None)


@pytest.mark.parametrize(
    ("title", "published", "year"),
    [
        ("某县政府工作报告：2024年新增学位9000个", "2024-01-16", 2023),  # the year's plan
        ("赤峰市政府工作报告：2022年新增学位1.56万个", "2023-01-10", 2022),  # last year's result
    ],
)
def test_a_news_headline_quoting_the_report_names_its_plan_or_its_result(
    title: str, published: str, year: int
) -> None:
    text = "报告指出，过去一年，全县新建学校21所，新增学位1.56万个。今年将新增学位9000个。"
    assert report_year(text, [title], published, "work_report").year == year


def test_a_news_copy_of_a_government_report_without_a_year_reviews_the_year_before() -> None:
    text = "1月10日，市第十六届人民代表大会开幕。【回顾2023】全市新建学校23所。【部署2024】新建学校15所。"
    found = report_year(text, ["政府工作报告里的教育“关键词”"], "2024-01-11", "work_report")
    assert (found.year, found.given) == (2023, 2024)


def test_a_late_self_evaluations_table_titled_with_its_year_keeps_that_year() -> None:
    # 表1 …（2023年） over a text dating only the last fiscal year's figures (2022年…): a
    # self-evaluation of November 2023 tells how things stand in 2023
    text = (
        "全市现有义务教育学校21所。2022年全市教育经费总投入5.74亿元。2022年国家义务教育质量"
        "监测中，我市学生学业表现达到良好。"
    )
    titles = [
        "奎屯市县域义务教育优质均衡发展自评报告",
        "表1 奎屯市义务教育学校资源配置指标达标情况（2023年）",
    ]
    assert report_year(text, titles, "2023-11-08", "self_evaluation").year == 2023
    # a title of its publication year over a text on the year before, published early: that year
    assert report_year(text, titles, "2023-03-08", "self_evaluation").year == 2022


def test_a_self_evaluation_published_late_in_a_year_describes_that_year() -> None:
    text = (
        "全县现有义务教育学校62所。2023年全县一般公共预算教育支出11.42亿元，2023年生均公用经费"
        "小学820元，2023年教师培训经费占公用经费的6.1%。2023年全县教师平均工资不低于公务员。"
    )
    assert (
        report_year(
            text, ["某县县域义务教育优质均衡发展自评报告"], "2024-10-09", "self_evaluation"
        ).year
        == 2024
    )
    assert (
        report_year(
            text, ["某县县域义务教育优质均衡发展自评报告"], "2024-03-09", "self_evaluation"
        ).year
        == 2023
    )
    feedback = report_year(text, ["督导评估反馈意见"], "2024-11-08", "inspection_feedback")
    assert feedback.year == 2024
    research = report_year(
        text, ["关于全县义务教育均衡发展情况的调研报告"], "2024-09-21", "research_report"
    )
    assert research.year == 2024


def test_a_plan_over_a_span_of_years_states_its_baseline_year() -> None:
    title = "梅河口市学前教育发展提升行动计划（2023—2025年）"
    text = "全市现有幼儿园97所，学前三年毛入园率94.2%。到2025年，学前三年毛入园率达到97%。"
    found = report_year(text, [title], "2023-04-17", "plan")
    assert (found.year, found.plan_start) == (2022, 2023)
    assert report_year(text, ["2016—2020年教育事业发展主要指标"], None, None).year == 2020


def test_a_periods_summary_titled_with_the_next_years_plan_describes_the_year_before() -> None:
    title = "郴州市“十三五”教育事业发展总结暨2021年工作要点"
    text = "五年来，全市幼儿园增加到1412所。2021年，全市将新建学校20所。"
    assert report_year(text, [title], "2021-03-01", "work_summary").year == 2020
    assert report_year(text, ["郴州市2021年工作要点"], "2021-03-01", "plan").year == 2021


def test_a_report_reviewing_a_year_it_names_describes_it() -> None:
    text = "市长在会上作政府工作报告，回顾了2023年全市经济社会发展情况。【展望2024】2024年将再新增公办学位3000个。"
    assert report_year(text, [], "2024-02-02", "work_report").year == 2023


def test_a_school_year_dates_the_figures_of_the_autumn_it_opens() -> None:
    text = (
        "2023/2024学年，全市共有义务教育学校58所。2023年全市一般公共预算教育支出21.64亿元。"
        "\n嵊州市人民政府\n2024年6月"
    )
    dated = report_year(text, ["嵊州市县域义务教育优质均衡发展自评报告"], "2024-06-12", None)
    assert dated.year == 2023


@pytest.mark.parametrize(
    "title",
    [
        "划重点！2024年市政府工作报告中的教育“成绩单”和“任务书”",
        "2024中山两会丨政府工作报告里的教育“成绩单”和“任务书”",
        "【聚焦两会】桂林市政府工作报告里的“教育成绩单”和2024年任务",
    ],
)
def test_a_news_copy_of_a_government_reports_results_reports_the_year_before(title: str) -> None:
    # 成绩单: last year's results, however often the 任务书 names the year ahead
    text = (
        "【成绩单】2023年新增公办学位2.36万个。【任务书】2024年新增学位1.5万个，"
        "2024年新建学校12所，2024年学前教育毛入园率达到95%。"
    )
    found = report_year(text, [title], "2024-01-20", "work_report")
    assert (found.year, found.given) == (2023, 2024)


def test_a_five_year_plans_midterm_results_are_the_years_they_report() -> None:
    title = "一图读懂|开州教育“十四五”规划中期成绩单来了！"
    text = "2022年，全区学前三年毛入园率达到93.1%，比2020年提高2.4个百分点。2022年新增学位3200个。"
    assert report_year(text, [title], "2023-01-10", "plan").year == 2022


def test_a_late_self_evaluations_school_year_table_is_the_year_it_ends() -> None:
    titles = [
        "如东县义务教育优质均衡发展督导评估自评报告",
        "表1 如东县小学资源配置指标达标情况（2022—2023学年）",
    ]
    text = "全县共有义务教育学校66所，义务教育阶段在校生8.93万人。"
    assert report_year(text, titles, "2023-09-12", "self_evaluation").year == 2023
    # a bulletin of the school year keeps the year it opens
    assert report_year(text, titles[1:], "2023-09-12", "statistical_bulletin").year == 2022


def test_a_self_evaluation_dated_late_in_a_year_under_its_title_is_of_that_year() -> None:
    text = (
        "平泉市县域义务教育优质均衡发展自评报告\n平泉市人民政府\n（2024年9月）\n"
        "2023年全市教育经费总投入12.6亿元。2023年教师培训经费占比5.2%。2023年生均公用经费…"
    )
    title = ["平泉市县域义务教育优质均衡发展自评报告"]
    assert report_year(text, title, None, "self_evaluation").year == 2024


def test_a_summary_and_the_next_years_plan_in_a_sharing_sites_title_is_the_summarys_year() -> None:
    title = "卫东区教育局2020年事情总结和2021年事情想法 - 范文大全网 www.fw-daquan.top"
    text = (
        f"{title}\n2020年以来，卫东区教育局各项事情获得了显著成就。全区共拥有学堂68所。\n"
        "三、2021年事情想法\n2021年，新建学堂2所。"
    )
    assert report_year(text, [title], None, None).year == 2020
