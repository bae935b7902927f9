"""Years: the year a report's figures describe, and the year of one figure in its sentence.

Not every year on a page is the year of its figures. Baselines (比2015年, 较上年, 与2010年
相比, 由2005年的…), targets (到2025年, 2022年底前, 力争), plan periods (2016-2020年, 十三五)
and years after publication are not; a title's year is (2019年全国教育事业发展统计公报),
except on a document-sharing page whose title gives the year of upload (2020精选…范文).
A statistical bulletin published in year P describes P - 1.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from transforms.scopes import Anchor, Anchors, Layout

YEAR = re.compile(r"(?<![\d〔\[（(])((?:19|20)\d{2})年(?!度?[）)])")
_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年|学年|年度)?(?!\d)")
_SHARING_TITLE = re.compile(r"范文|精选|篇|合集|大全|模板|范例|汇编|优选|最新|下载")
_TITLE_CORE = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]\s*$")
_TITLE_TARGET = re.compile(r"\s*(?:年)?(?:将|要|再|还将|力争|计划|目标|起|前)")
_URL = re.compile(r"(?:原文链接|来源|网址)?[:：]?\s*https?://\S+")
# (or in brackets without 年: 数说丰台教育这五年（2019—2023）)
_TITLE_RANGE = re.compile(
    r"((?:19|20)\d{2})\s*(?:年)?\s*[-—–~～至到]\s*((?:19|20)?\d{2})\s*(?:年|(?=[）)]))"
)
# a title's two years a report covers (关于2022年和2023年教育工作情况的报告)
_TITLE_YEAR_PAIR = re.compile(r"(?:19|20)\d{2}\s*年\s*(?:和|及|与|、)\s*((?:19|20)\d{2})\s*年")
_YEARBOOK = re.compile(r"年鉴")
# the year a yearbook table's caption names, in brackets: 各级各类学校基本情况(2020年)
_TABLE_YEAR = re.compile(r"[（(]((?:19|20)\d{2})年[）)]")
_TWO_SESSIONS = re.compile(
    r"(?:19|20)\d{2}年?[\u4e00-\u9fff]{0,6}两会|(?:19|20)\d{2}年[^。，\n]{0,16}政府工作报告"
)
_WILL = ("将", "要", "拟", "力争", "争取", "预计")
_PLAN_AFTER = re.compile(
    r"\s*(?:度)?(?:全[省市县区州旗盟])?(?:教育)?(?:工作)?"
    r"(?:要点|计划|打算|思路|安排|重点任务|重点工作|主要任务|目标任务)[ \t:：]*(?:\n|$)"
)  # (a heading: 2021年计划新建…, a sentence, is the plan of the year it is in)
_NEXT_YEARS_PLAN = re.compile(r"\s*(?:年度?)?(?:工作)?(?:要点|计划|打算|思路|安排)")
_SUMMARY_TITLE = re.compile(r"总结|回顾")
_SUMMARY_AND_PLAN = re.compile(
    r"(?P<year>(?:19|20)\d{2})年[^\d，。]{0,8}?总结(?:和|及|暨|与|、)(?P<next>(?:19|20)\d{2})年"
)
_SPEECH_TITLE = re.compile(r"会议|讲话|发言|致辞")
# Given as a year opens, about the year before: 2023年政府工作报告 (to the people's congress in
# January), 在2022年全市教育工作会议上的讲话 (the annual meeting in February) -- when the text
# reviews that year (过去一年, 一、2018年工作回顾, or names it more often than its own)
_OPENS_THE_YEAR = re.compile(
    r"(?:19|20)\d{2}(?:年|(?=[\u4e00-\u9fff]{0,6}两会)).{0,16}政府工作报告"
    r"|(?:19|20)\d{2}年度?(?:全[省市县区州旗盟]|[\u4e00-\u9fff]{1,8}?[省市县区州旗盟])?"
    r"(?:教育|教体|教育体育|教育系统)(?:工作)?会议"
)
# A news copy's headline quoting the report, published the year it names: 政府工作报告：2024年
# 新增学位9000个 (in January 2024, a plan; 政府工作报告：2022年新增学位… in 2023 is a result)
_QUOTES_THE_REPORT = re.compile(r"政府工作报告[:：]\s*((?:19|20)\d{2})年")
# …or its news copy's 成绩单 (2024年政府工作报告里的教育“成绩单”和“任务书”: last year's results)
_PAST_YEAR = re.compile(r"过去一年|过去的一年|一年来|成绩单")
# the title of such a report that names no year (政府工作报告, the year in its date line only)
_GIVEN_ON = re.compile(
    r"[—－-]{1,2}[ \t\u3000]*((?:19|20)\d{2})年\d{1,2}月\d{1,2}日[ \t\u3000]*在[^\n]{2,60}?会议上"
)
_GIVEN_ON_REACH = 600  # under the title, or on its line
_GIVEN_TITLE = re.compile(r"\s*(?:[\u4e00-\u9fff]{2,10}(?:人民)?政府)?政府工作报告\s*")
# The scope of a 今年 that is not the report's year (year_anchors' `this_year`)
THIS_YEAR = "this year"
# 今年 opening a sentence or a clause (…负责人表示，今年全市计划新建…), not 今年以来 in a review
_SENTENCE_THIS_YEAR = re.compile(r"(?:^|[。；;！？，,\n])[\s\u3000]*(今年)(?!以来)", re.M)
_BEFORE_BASELINE = re.compile(r"(?:比|较|与|同|从|由|相比|对比|自|超过|高于|低于)\s*$")
# 比2015年提高…: the year is the baseline of a change (由2015年的A is A's own year)
_COMPARED_WITH = re.compile(r"(?:比|较|与|同|相比|对比)\s*$")
# 与2020年相比, 较2019年: the year a sentence compares its figures with
COMPARED_YEAR = re.compile(r"(?:与|同|比|较|对比)\s*((?:19|20)\d{2})\s*年(?:末|底)?(?:相比|比较)?")
# 到2025年 / 至2025年 (a target), not 截至2018年 / 截止到2018年 (when a statistic stands)
_TO = r"(?:(?<!截)至|(?<!截止)到)"
_BEFORE_TARGET = re.compile(rf"(?:{_TO}|力争|计划|预计|争取|确保|展望|远景|于|在)\s*$")
_AFTER_TARGET = re.compile(r"^(?:年)?(?:底前|前|年底前|以前|之前|目标|末前)")
_DATE_AFTER = re.compile(r"\s*\d{1,2}\s*月")
# A report dated by month on a line of its own (（2017年9月）): its year counts
_MONTH_LINE = re.compile(
    r"^[ \t\u3000]*[（(]?((?:19|20)\d{2})年(\d{1,2})月[）)]?[ \t\u3000]*$", re.M
)
# a school year (2023/2024学年, 2023-2024学年度): the year it opens
_SCHOOL_YEAR = re.compile(r"((?:19|20)\d{2})\s*[/／\-—–－~～至]\s*(?:19|20)?\d{2}\s*学年")
# between the ends of a span of years: 2016—2020年, 2019年至2021年
_SPAN = r"[-—–－~～至到]"
_RANGE = re.compile(rf"(?:19|20)\d{{2}}\s*年?\s*{_SPAN}\s*(?:19|20)?\d{{2}}\s*年")
# A five-year period (十四五 is 2021–2025): a plan for it states the year before as its
# baseline; a review of it describes its last year.
_FIVE_YEAR = re.compile(r"[“\"]?(十[一二三四五六七]五)[”\"]?(?:时期|期间)?")
PLAN_YEARS = 5  # a five-year plan's period (十四五: 2021-2025)
_FIVE_YEAR_START = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026,
                    "十六五": 2031, "十七五": 2036}  # fmt: skip
_PLAN_TITLE = re.compile(r"规划|计划|纲要|方案|意见")
_EVALUATED = re.compile(r"中期评估|中期成绩单|实施情况|进展情况|执行情况|完成情况")
# 比2010年的73.12亿元: the value of the baseline year itself
_BASELINE_VALUE = re.compile(r"年(?:底|末)?的?\s*$")
_TIMES_OF = re.compile(r"(?:底|末)?的\s*[0-9.]+\s*(?:多)?倍")
# 提高到2022年的93.5%, 增加到2022年的497人: a review's figure of that year, no target
_RISEN_TO = re.compile(r"(?:提高|增加|增长|上升|提升|下降|减少|降低|扩大|压减|缩小)到\s*$")
# 2014年的53%, 2014年的百分之五十三, 2014年的二十三所: the value the year belongs to
_OWN_VALUE = re.compile(
    r"(?:底|末)?的\s*(?:\d|百分之|[一二两三四五六七八九十]+[十百千万]?[所个人名])"
)
_AS_OF = re.compile(r"(?:截至|截止|截止到|到)\s*$")
_PREVIOUS_YEAR = re.compile(
    r"(?:上年|去年|上一年|前一年)(?:同期|底|末)?(?:的|为|是)[^，,。；;！？0-9]{0,8}$"
    r"|(?:比|较)(?:上年|去年|上一年)(?:同期)?\s*$"
)
# The years a heading names: 二、2020年工作计划; 【2024这样干】, 【展望2025】 (a news copy's part
# heading, its year without 年)
# (2020工作计划 names a year; 入园幼儿2015人 counts)
HEADING_YEAR = re.compile(
    r"(?<!\d)((?:19|20)\d{2})"
    r"(?:\s*年|(?=[\u4e00-\u9fff])(?![万千百]?[人所名个家元间项次台套册])|(?=[】\]]?\s*$))"
)
_BULLETIN = re.compile(r"统计公报|统计快报|统计简报|事业发展")
# A meeting or speech that reviews a year's work (总结2020年教育工作) reports that year's figures
# (and plans the next one's).
_REVIEWED_YEAR = re.compile(
    r"(?:总结|回顾)(?:了)?((?:19|20)\d{2})年(?:度)?(?:全[市省县区]|全国)?"
    r"(?:教育|经济社会发展)?(?:工作|成绩|成效|情况)?(?=[，,。；;、]|$)"
)
_TO_YEAR = re.compile(rf"{_TO}\s*$")
# A year that opens a sentence or clause sets it: 2019年，全市… / 截至2019年底，…
_SENTENCE_YEAR = re.compile(
    r"(?:^|[。！？；;\n，,])\s*(?:据[^，,。；;\n]{1,14}[，,]\s*)?"
    # 高唐县2022年九年义务教育巩固率…: a place may come first
    r"(?:[\u4e00-\u9fff]{1,7}?[省市县区州旗盟])?(?:截至|截止|截止到|到|至|在|计划|预计|力争|争取|关于)?\s*"
    r"((?:19|20)\d{2})年(?:\d{1,2}月(?:底|末)?|度|底|末|全年|上半年|秋季|春季)?\s*[，,：:]?"
)
# A year right before a figure: 2015年的75%, 2018年为88.1%, 2019年底达到…
_FIGURE_YEAR = re.compile(
    r"((?:19|20)\d{2})年(?!以来)(?:底|末|度|全年|秋季)?(?:的|为|是|达到|达|共有|有|已达|时|全市|全省|全县|全国)?"
    r"[^，,。；;！？0-9]{0,10}$"
)


@dataclass(frozen=True)
class ReportYear:
    year: int | None
    evidence: str
    plan_start: int | None = None
    """For a plan over a period (十四五), its first year: the figures before it are its
    baseline, not its targets."""
    given: int | None = None
    """For a report given as a year opens (2023年政府工作报告), that year: its 今年."""


def _counted_years(text: str, published_year: int | None) -> Counter[int]:
    """Years of the text that describe its figures (not baselines, targets or ranges)."""
    ranges = [m.span() for m in _RANGE.finditer(text)]
    counts: Counter[int] = Counter()
    for m in YEAR.finditer(text):
        if any(a <= m.start() < b for a, b in ranges):
            continue
        before = text[max(0, m.start() - 4) : m.start()]
        after = text[m.end() - 1 : m.end() + 4]
        if _BEFORE_BASELINE.search(before):
            continue
        if _BEFORE_TARGET.search(before) and not (
            _RISEN_TO.search(before) and _OWN_VALUE.match(text, m.end())
        ):
            continue  # 到2025年: a target; 提高到2022年的93.5%: what the year reached
        if _TIMES_OF.match(text, m.end()):
            continue  # 是1958年的1.8倍: the base of a comparison
        if _TWO_SESSIONS.match(text, m.start()):
            continue  # 聚焦2024年县两会, 《2024年新野县人民政府工作报告》: the year it is given in
        if _PLAN_AFTER.match(text, m.end()) or text.startswith(_WILL, m.end()):
            continue  # 03 / 2024年重点任务, 2021年工作计划, 2024年将新建…: the year a plan is for
        if _AFTER_TARGET.match(after) or text.startswith("以来", m.end()):
            continue  # 到2025年前…, 2012年以来: a target, the start of a period
        if _DATE_AFTER.match(text, m.end()) and not _AS_OF.search(before):
            continue  # 2019年12月20日: a date (截至2015年3月 is when the figures stand)
        year = int(m.group(1))
        if published_year and year > published_year:
            continue
        as_of = _AS_OF.search(before) if not _RISEN_TO.search(before) else None
        opening = m.start() - len(as_of.group()) if as_of else m.start()  # (截至 may open it)
        weight = 2 if (opening == 0 or text[opening - 1] in "。\n；") else 1
        if as_of:
            weight += 2  # 截至2022年6月，全县共有…: when the report's stocks stand
        counts[year] += weight
    # （2017年9月） under a title: the report's date; 2023/2024学年，全市共有义务教育学校58所:
    # the statistics of the autumn it opens
    for m in (*_MONTH_LINE.finditer(text), *_SCHOOL_YEAR.finditer(text)):
        year = int(m.group(1))
        if not published_year or year <= published_year:
            counts[year] += 2
    return counts


_YEAR_BEFORE_COUNT = 3
_LATE_MONTH = 7
_YEAR_BEFORE_RATIO = 4


def _reviews_year(text: str, year: int) -> bool:
    """Whether a text reviews `year` (过去一年; 一、2020年工作回顾; 【回顾2023】, 【回眸2023】;
    报告回顾了2024年工作; a part headed 2024年 这样干)."""
    return bool(
        _PAST_YEAR.search(text)
        or re.search(rf"{year}年[^。\n]{{0,16}}(?:回顾|回眸)|(?:回顾|回眸|盘点)了?\s*{year}", text)
        # 2024年 这样干, 【2023年，这样干】, 2024年答卷 in a copy given as the next year opens
        or re.search(rf"(?:^|\n)[【\[]?{year}年[，,\s]*(?:这样干|答卷|成绩单)", text)
    )


def _month_line_date(text: str) -> str | None:
    """The date of a line of its own giving a year and month (（2024年9月）), as YYYY-MM-01."""
    m = _MONTH_LINE.search(text)
    return f"{m.group(1)}-{int(m.group(2)):02d}-01" if m else None


def _on_the_years_state(report_type: str | None, published_date: str | None, year: int) -> bool:
    """Whether a report is a 调研报告, 自评报告 or an inspectorate's 反馈意见 published late in
    `year`: it tells how things stand that year, dating only the last fiscal year's figures
    (2022年全市教育经费总投入…) by the year before, however often."""
    return (
        report_type in ("research_report", "self_evaluation", "inspection_feedback")
        and published_date is not None
        and published_date[:4] == str(year)
        and int(published_date[5:7] or 0) >= _LATE_MONTH
    )


def report_year(
    text: str, titles: list[str], published_date: str | None, report_type: str | None
) -> ReportYear:
    """The year a report's figures describe, and why."""
    published = int(published_date[:4]) if published_date else None
    counted = text
    for title in titles:  # a sharing page repeats its title (and its upload year) in the text
        if title and _SHARING_TITLE.search(title):
            core = _TITLE_CORE.sub("", title)
            if len(core) >= 6:
                counted = counted.replace(core, "")
    counts = _counted_years(counted, published)
    for title in titles:
        if (
            title
            and (pair := _SUMMARY_AND_PLAN.search(title))
            and (int(pair["next"]) == int(pair["year"]) + 1)
        ):
            # 2020年事情总结和2021年事情想法 (a spun copy on a 范文 site too): the year summed up
            why = f"title «{title[:30]}»: a summary of {pair['year']} and the next year's plan"
            return ReportYear(int(pair["year"]), why)
        if not title or _SHARING_TITLE.search(title):
            continue
        title = _URL.sub("", title)
        if span := _TITLE_RANGE.search(title):  # 2016—2020年主要指标: the latest year
            end = span.group(2)
            year = int(end if len(end) == 4 else span.group(1)[:2] + end)
            start = int(span.group(1))
            if _PLAN_TITLE.search(title) and not _EVALUATED.search(title) and year > start:
                # 学前教育发展提升行动计划（2023—2025年）: what it states as is, is its baseline
                why = f"a plan for {start}-{year} «{title[:30]}»: its baseline year"
                return ReportYear(start - 1, why, plan_start=start)
            return ReportYear(year, f"title «{title[:30]}» (the last year of its range)")
        if pair := _TITLE_YEAR_PAIR.search(title):
            return ReportYear(int(pair.group(1)), f"title «{title[:30]}» (the later of its years)")
        m = _TITLE_YEAR.search(title)
        if m and _YEARBOOK.search(title):  # 统计年鉴2020 holds the figures of 2019
            table = _TABLE_YEAR.search(title)
            if table and not _YEARBOOK.search(title, 0, table.start()):
                # 17-3 各级各类学校基本情况(2020年) - 和田地区统计年鉴2021: the table's own year
                return ReportYear(int(table.group(1)), f"table title «{title[:30]}»")
            return ReportYear(int(m.group(1)) - 1, f"yearbook title «{title[:30]}»")
        if m:
            year = int(m.group(1))
            if published and year > published:
                continue
            school = _SCHOOL_YEAR.match(title, m.start())
            if school and _on_the_years_state(report_type, published_date, year + 1):
                # 表1 …达标情况（2022—2023学年） in a self-evaluation of September 2023: the
                # school year just ended, told as things stand in 2023
                why = f"title «{title[:30]}»: a school year ending as it was published"
                return ReportYear(year + 1, why)
            if _TITLE_TARGET.match(title, m.end()):
                continue  # 2021年将新增学位…: a plan in a news headline
            if _NEXT_YEARS_PLAN.match(title, m.end()) and _SUMMARY_TITLE.search(title[: m.start()]):
                # “十三五”教育事业发展总结暨2021年工作要点: a summary of the year before the plan's
                why = f"title «{title[:30]}»: a summary before {year}'s plan"
                return ReportYear(year - 1, why)
            if _SPEECH_TITLE.search(title) and not counts.get(year):
                continue
            before = counts.get(year - 1, 0)
            if (
                before >= _YEAR_BEFORE_COUNT
                and before >= _YEAR_BEFORE_RATIO * counts.get(year, 0)
                and not _on_the_years_state(report_type, published_date, year)
            ):
                # 质量年度报告（2022年度）, published 2022 on 2021: a title of its publication
                # year over a text that names the year before far more often
                why = f"title «{title[:30]}» names {year}; the text describes {year - 1}"
                return ReportYear(year - 1, why)
            quotes = _QUOTES_THE_REPORT.search(title)
            opens = (
                _OPENS_THE_YEAR.search(title)
                or (quotes and published == year and int(quotes.group(1)) == year)
                # 【聚焦两会】桂林市政府工作报告里的“教育成绩单”和2024年任务, published in 2024
                or ("政府工作报告" in title and published == year)
            )
            if opens and (
                counts.get(year - 1, 0) > counts.get(year, 0) or _reviews_year(text, year - 1)
            ):
                why = f"title «{title[:30]}»: given as {year} opens, it reports on {year - 1}"
                return ReportYear(year - 1, why, given=year)
            return ReportYear(year, f"title «{title[:30]}»")
    for title in titles:  # “十四五”教育事业发展规划: the year its baseline describes
        if title and _EVALUATED.search(title):
            continue  # …规划实施情况的中期评估报告: a report on how the plan goes, dated itself
        if title and (period := _FIVE_YEAR.search(title)):
            start = _FIVE_YEAR_START[period.group(1)]
            if _PLAN_TITLE.search(title):
                why = f"a plan for «{period.group(0)}»: its baseline year"
                return ReportYear(start - 1, why, plan_start=start)
            if published and start + 4 >= published:
                continue  # 屏南教育“十四五”成绩单 of January 2025: the years it has seen, below
            if title.startswith(("以来", "”以来", '"以来'), period.end(1)):
                continue  # “十四五”以来，…交出这份答卷: the years seen so far, below
            return ReportYear(start + 4, f"«{period.group(0)}» in the title: its last year")
    # 政府工作报告, or a news copy's headline about it (政府工作报告里的教育“关键词”)
    given_title = any(
        _GIVEN_TITLE.fullmatch(t or "") or "政府工作报告" in (t or "") for t in titles
    )
    # ——2024年1月10日在涡阳县第十八届人民代表大会第四次会议上: the day it was given
    given_on = _GIVEN_ON.search(text[:_GIVEN_ON_REACH])
    given_year = published or (int(given_on.group(1)) if given_on else None)
    # (a report given at a session of the 人民代表大会 is the government's, however its title is
    # spaced: 政 府 工 作 报 告)
    congress = given_on is not None and "人民代表大会" in given_on.group(0)
    if given_year and (given_title or congress) and _reviews_year(text, given_year - 1):
        # 政府工作报告 ——2021年1月26日在…会议上: given as 2021 opens, reviewing 2020
        why = f"a 政府工作报告 published in {given_year}, reviewing {given_year - 1}"
        return ReportYear(given_year - 1, why, given=given_year)
    if m := _REVIEWED_YEAR.search(text):  # 会议总结2020年工作，部署2021年任务
        year = int(m.group(1))
        if not published or year <= published:
            return ReportYear(year, f"the year it reviews «{m.group(0)}»")
    if counts:
        year, _ = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        given = _OPENS_THE_YEAR.search(counted)
        if given_title and given and counts.get(int(given.group(0)[:4]) - 1, 0) >= counts[year]:
            # 聚焦2024年县两会 … 【2023年，这样干】 … 【2024年，这样干】: given as 2024 opens, a
            # 政府工作报告's copy reports on 2023 when it names that year as often
            opened = int(given.group(0)[:4])
            why = f"a 政府工作报告 given as {opened} opens «{given.group(0)[:20]}»"
            return ReportYear(opened - 1, why, given=opened)
        # （2024年9月） under a title: the date a report is signed, when no other is known
        dated = published_date or _month_line_date(text)
        stated = int(dated[:4]) if dated else None
        if stated and year < stated and _on_the_years_state(report_type, dated, stated):
            why = f"a {report_type} dated late in {stated}, on the year's state"
            return ReportYear(stated, why)
        return ReportYear(year, f"most mentioned year in the text ({counts[year]}×)")
    for title in titles:  # a document-sharing title's year, when the text names none
        m = _TITLE_YEAR.search(title or "")
        if m:
            return ReportYear(int(m.group(1)), f"title «{title[:30]}»")
    if published:
        bulletin = report_type == "statistical_bulletin" or any(
            _BULLETIN.search(t or "") for t in titles
        )
        if bulletin:
            return ReportYear(published - 1, "a bulletin describes the year before publication")
        return ReportYear(published, "publication date")
    return ReportYear(None, "")


def this_year(dated: ReportYear, published_year: int | None, news: bool) -> int | None:
    """What 今年 is when it is not the report's year: the year a report given as a year opens
    is given in, or for a news story published the year after the year it reports on (记者从
    市教育局获悉，2021年… ⏎ 今年全市计划…, published 2022), its publication year."""
    if dated.given is not None:
        return dated.given
    if news and dated.year is not None and published_year == dated.year + 1:
        return published_year
    return None


# 2019年至2021年，教育支出分别为38.2亿元、40.6亿元、43.1亿元: one figure a year, in order
# (or the years listed: 2022年、2023年义务教育经费分别投入3.86亿元、4.12亿元)
_YEARS_RESPECTIVELY = re.compile(
    rf"(?:((?:19|20)\d{{2}})年?\s*{_SPAN}\s*((?:19|20)\d{{2}})年"
    r"|(?P<listed>(?:19|20)\d{2}年?(?:\s*[、和与及]\s*(?:19|20)\d{2}年?)+年))"
    r"[^。；;！？\n]{0,40}?分别(?:为|是|达到|达)?"
)
_LISTED_YEAR = re.compile(r"(?:19|20)\d{2}")
_LIST_END = re.compile(r"[。；;！？，,\n]")


def respective_years(text: str) -> list[tuple[int, int, tuple[int, ...]]]:
    """(start, end, years) of each list that gives a span of years, or years listed, one
    figure each (2019年至2021年…分别为a、b、c): its n-th figure is of the n-th year."""
    out = []
    for m in _YEARS_RESPECTIVELY.finditer(text):
        if m["listed"]:
            years = tuple(int(y) for y in _LISTED_YEAR.findall(m["listed"]))
        else:
            first, last = int(m.group(1)), int(m.group(2))
            years = tuple(range(first, last + 1)) if 0 < last - first <= 10 else ()
        if years:
            end = _LIST_END.search(text, m.end())
            out.append((m.end(), end.start() if end else len(text), years))
    return out


def year_anchors(
    text: str, lay: Layout, this_year: int | None = None, report_year: int | None = None
) -> Anchors[int]:
    """Years that open a sentence (2019年，全市…) hold to the end of the sentence; a year in
    a section heading (二、2020年工作计划) holds over its section. `this_year` is what 今年 is
    when it is not the report's year (a report given as a year opens: 二、今年重点工作). 到2020年
    opening a clause is a target, unless the report describes 2020 or later (a review: 2018年，
    幼儿园增加到52所；到2020年，全县幼儿园达到63所)."""
    anchors: Anchors[int] = Anchors()
    for h in lay.sections:
        heading = text[h.start : h.end]
        year, scope = _heading_year(heading), "heading"
        if year is None and this_year is not None and "今年" in heading:
            year, scope = this_year, THIS_YEAR
        if year is not None:
            anchors.add(Anchor(h.start, lay.section_end(h.start), year, scope, heading[:30]))
    if this_year is not None:
        for m in _SENTENCE_THIS_YEAR.finditer(text):
            _, end = lay.sentence_bounds(m.start(1))
            anchors.add(Anchor(m.start(1), end, this_year, THIS_YEAR, "今年"))
    for m in _SENTENCE_YEAR.finditer(text):
        start = m.start(1)
        after = text[m.end(1) : m.end(1) + 4]
        before = text[max(0, m.start(1) - 4) : m.start(1)]
        year = int(m.group(1))
        reached = report_year is not None and year <= report_year
        if _AFTER_TARGET.match(after) or (_TO_YEAR.search(before) and not reached):
            continue  # 到2025年，…: a target year, see transforms/status.py
        if text.startswith("年以来", m.end(1)):
            continue  # 2017年以来，…: a period up to the report's year, not its year
        period = period_opening(text[start : start + 16])
        if period and (report_year is None or period[1] <= report_year):
            # 2020年至2024年，…由97.6%提高到99.3%: a period the report has seen through; what it
            # reached is its last year's
            year = period[1]
        _, end = lay.sentence_bounds(start)
        anchors.add(Anchor(start, end, year, "sentence", m.group(0).strip("。；;\n ")))
    return anchors


def period_opening(text: str) -> tuple[int, int] | None:
    """The first and last year of a span of years `text` opens with (2020年至2024年，…), or
    None."""
    m = _TITLE_RANGE.match(text.lstrip())
    if m is None or len(m.group(2)) != 4:
        return None
    return int(m.group(1)), int(m.group(2))


def plan_period_end(text: str) -> int | None:
    """The last year of the five-year period `text` names last (“十四五”期间 → 2025), or None."""
    found = _FIVE_YEAR.findall(text)
    return _FIVE_YEAR_START[found[-1]] + PLAN_YEARS - 1 if found else None


def last_period(text: str) -> tuple[int, int] | None:
    """The first and last year of the last span of years `text` names (报告指出，2019年到2023年，
    全市…由201.6万人), or None."""
    spans = [m for m in _TITLE_RANGE.finditer(text) if len(m.group(2)) == 4]
    return (int(spans[-1].group(1)), int(spans[-1].group(2))) if spans else None


_YEAR_WORD = re.compile(r"\s*年")


def _heading_year(heading: str) -> int | None:
    """The one year a heading names (二、2020年工作计划), not a span (2016—2020年)."""
    if _RANGE.search(heading):
        return None
    years = {
        int(m[1])
        for m in HEADING_YEAR.finditer(heading)
        # (2.高中阶段毛入学率95.3%，较2017年的88.9%…: a numbered line's baseline)
        if not _COMPARED_WITH.search(heading, 0, m.start())
        # (五、幼儿园 | 170 | … | 1906: a numbered table row's last cell, a count)
        and (" | " not in heading or _YEAR_WORD.match(heading, m.end(1)) is not None)
    }
    return years.pop() if len(years) == 1 else None


def of_previous_year(before: str) -> bool:
    """Whether the figure after `before` is the year before's (由上年的612个, 比上年的9784元,
    去年为85%), so its year is one less than its sentence's."""
    return _PREVIOUS_YEAR.search(before[-16:]) is not None


def figure_year(before: str) -> int | None:
    """The year written right before a figure in its clause (由2015年的75%…), if any."""
    tail = before[-24:]
    m = _FIGURE_YEAR.search(tail)
    if not m:
        return None
    lead = before[: len(before) - len(tail) + m.start()]
    if _OWN_VALUE.match(tail, m.end(1) + 1):
        return None  # 由2014年的百分之五十三提高到: the year of the value written before it
    if _COMPARED_WITH.search(lead[-4:]) and not _BASELINE_VALUE.match(tail, m.end(1)):
        return None  # 比2015年提高…: the baseline of a change, not the figure's year
    return int(m.group(1))
