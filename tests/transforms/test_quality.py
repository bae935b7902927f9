from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from benchmarks.quality_eval import load_labels, score_pages, summarise
from tests.conftest import sample_text
from transforms.clean import clean_text, load_chrome_rules
from transforms.quality import (
    _near_unseen_pairs,
    chinese_share,
    glue_candidates,
    glued_fragments,
    injected_clauses,
    keyword_injection,
    line_prefixes,
    repeated_phrases,
    repeated_text,
    score_cleaned,
    score_quality,
    spinner_vocabulary,
    states_figures,
)
from transforms.reference import load_reference
from transforms.spin import load_spin_lexicon

RULES = load_chrome_rules()
REPORT = clean_text(sample_text("003"), RULES).text
CASES = Path(__file__).with_name("cases")
NEWS = "记者从省教育厅获悉，全省学前教育毛入园率达到92.8%，比上年提高1.1个百分点，新增普惠性学位3.6万个。"
TABLE = "类别 | 学校数 | 在校学生数\n小学 | 318 | 362815\n初中 | 141 | 168204\n普通高中 | 54 | 86533\n总计 | 513 | 617552"


@pytest.mark.parametrize(
    ("text", "chrome", "body", "garbled", "verdict", "reason", "short"),
    [
        (REPORT, 3, 20, 0, "ok", None, False),
        ("太短了", 0, 1, 0, "rejected", "too_short", True),
        (NEWS, 0, 1, 0, "ok", None, False),  # short, but it states figures
        (
            "市教育局召开秋季开学工作部署会，就校园安全、教学准备、课后服务等工作作出安排，要求各校压实责任，确保新学期平稳开学。",
            0,
            1,
            0,
            "ok",
            None,
            True,
        ),
        (TABLE, 0, 5, 0, "ok", None, False),  # digits outnumber characters
        ("abc def ghi " * 40, 0, 5, 0, "rejected", "not_chinese", False),
        (REPORT, 0, 20, 2, "ok", None, False),
        (REPORT[:400], 0, 20, 8, "low", "garbled_encoding", False),
        (REPORT[:400], 30, 2, 0, "low", "mostly_chrome", False),
        (REPORT[:700], 14, 2, 0, "ok", None, False),  # a copy cut after its first pages
        (
            "全市共有各级各类学校85所，在校学生34884人。" * 20,
            0,
            20,
            0,
            "low",
            "repeated_text",
            False,
        ),
    ],
)
def test_quality_verdicts(
    text: str,
    chrome: int,
    body: int,
    garbled: int,
    verdict: str,
    reason: str | None,
    short: bool,
) -> None:
    quality = score_quality(text, chrome, body, garbled)
    assert quality.verdict == verdict, quality
    assert quality.short is short
    if reason:
        assert any(r.startswith(reason) for r in quality.reasons), quality.reasons
    else:
        assert quality.reasons == ()


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_every_seed_report_is_ok(seed: str) -> None:
    cleaned = clean_text(sample_text(seed), RULES)
    quality = score_cleaned(cleaned)
    assert quality.verdict == "ok", quality.reasons
    assert quality.score < 0.5


def test_a_spun_page_is_low() -> None:
    # what a spinner makes of seed 002: 教育 → 教誨, 入园 → 進園, scattered Traditional characters
    page = (
        sample_text("002").replace("教育", "教誨").replace("入园", "進園").replace("学校", "黉舍")
    )
    quality = score_cleaned(clean_text(page, RULES))
    assert quality.verdict == "low"
    assert any(r.startswith("spinner_vocabulary") for r in quality.reasons), quality.reasons


def test_a_page_that_names_its_spinning_tool_is_low() -> None:
    page = sample_text("002") + "\n本站声明：本文由网友投稿，经伪原创工具处理，如有侵权请联系删除\n"
    quality = score_cleaned(clean_text(page, RULES))
    assert quality.verdict == "low"
    assert any(r.startswith("spinner_disclaimer: 伪原创") for r in quality.reasons), quality.reasons
    assert score_cleaned(clean_text(sample_text("002"), RULES)).verdict == "ok"


def test_a_clean_statistical_bulletin_stays_ok() -> None:
    page = (CASES / "pages" / "bulletin_clean.txt").read_text(encoding="utf-8")
    cleaned = clean_text(page, RULES)
    quality = score_cleaned(cleaned)
    assert quality.verdict == "ok", quality.reasons
    assert cleaned.text == page.strip()


# ---------------------------------------------------------------- the labelled quality set


def test_every_spun_page_is_low_and_no_genuine_page_is() -> None:
    scored = score_pages()
    summary = summarise(scored, load_labels())
    assert summary.missed == () and summary.false_low == ()
    assert summary.precision == summary.recall == 1.0
    assert sum(s.gold == "low" for s in scored) >= 4
    for s in scored:
        if s.gold == "low":  # the reasons name the signals that counted
            assert any(r.startswith("spinner_vocabulary") for r in s.quality.reasons)


def test_short_is_a_flag_not_a_verdict() -> None:
    scored = {s.name: s for s in score_pages()}
    assert scored["short_news_nofigures.txt"].quality.short
    assert scored["short_news_nofigures.txt"].quality.verdict == "ok"
    assert not scored["short_news_figures.txt"].quality.short
    assert summarise(list(scored.values()), load_labels()).short_accuracy == 1.0


def test_a_spam_wrapped_report_keeps_its_text() -> None:
    page = (CASES / "quality" / "spam_wrapped.txt").read_text(encoding="utf-8")
    cleaned = clean_text(page, RULES)
    assert "为10所乡村学校新建学生食堂" in cleaned.text and "澳门" not in cleaned.text
    assert score_cleaned(cleaned).verdict == "ok"


# ---------------------------------------------------------------- the signals one by one


def test_states_figures_finds_stated_numbers_not_years_or_dates() -> None:
    assert states_figures("2023年9月1日，全市新增学位1.2万个。")
    assert states_figures("2023年9月1日，入园率92.8%。")
    assert states_figures("2023年9月1日，**所学校。")
    assert not states_figures("2023年9月1日召开会议，发布时间：2023-09-01 10:30")
    assert states_figures("小学 | 318 |")


def test_chinese_share_leaves_digits_and_punctuation_out() -> None:
    share, letters = chinese_share(TABLE)
    assert share == 1.0 and letters > 10
    assert chinese_share("12,345 | 67.8%")[1] == 0
    assert chinese_share("abc 教育")[0] == pytest.approx(2 / 5)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="教育局 \t\n12٣５_Aé%，。²①ⅫΩ𠀀-", max_size=60))
@example("小学 | 318 | ² ① Ⅻ é_x")  # ² ① Ⅻ: letters (word characters, not decimal digits)
def test_chinese_share_counts_what_the_letter_pattern_leaves(text: str) -> None:
    letters = re.sub(r"[\d\s\W_]+", "", text)
    cjk = sum("\u4e00" <= c <= "\u9fff" for c in letters)
    expected = (cjk / len(letters), len(letters)) if letters else (0.0, 0)
    assert chinese_share(text) == expected


def test_a_headline_repeated_is_not_repeated_text_but_a_sentence_twenty_times_is() -> None:
    page = (CASES / "quality" / "slogan_repeated.txt").read_text(encoding="utf-8")
    assert repeated_text(page) is None
    assert repeated_text("全市共有各级各类学校85所。" * 20)


def test_spinner_vocabulary_weighs_substitutes_against_originals() -> None:
    lexicon = load_spin_lexicon()
    genuine = "课后服务实现全覆盖，教学质量明显提高，学校办学条件明显改善，学生全面发展。" * 3
    spun = "课后效劳实现全覆盖，教学质素显着进步，院校办学前提显着改进，学员全部开展。" * 3
    assert spinner_vocabulary(genuine, lexicon).score == 0.0
    assert spinner_vocabulary(spun, lexicon).score >= 1.0
    # a genuine 高等院校 among many 学校 is no evidence
    mixed = "全市共有学校85所，其中高等院校3所，学校办学条件明显改善，学校布局更加合理。"
    assert spinner_vocabulary(mixed, lexicon).score == 0.0


def test_injected_title_clauses_are_found_and_a_repeated_slogan_is_not() -> None:
    title = "青川区教育局2023年工作总结"
    lines = [
        "全区教育系统坚持立德树人根本任务，青川区教育局工作总结，全面提高教育质量。",
        "新建改扩建学校7所，青川区教育局工作总结，新增学位5200个，大班额问题基本解决。",
        "深化集团化办学，组建教育集团9个，青川区教育局工作总结，优质资源覆盖面扩大。",
    ]
    assert injected_clauses("\n".join(lines), title) == {"青川区教育局工作总结": 3}
    slogan = [line.replace("青川区教育局工作总结", "努力办好人民满意的教育") for line in lines]
    assert injected_clauses("\n".join(slogan), title) == {}
    # a phrase that is not the title's counts once it crowds most lines, four at least
    crowded = [*slogan, "落实教师待遇保障，努力办好人民满意的教育，教师工资按时足额发放。"]
    assert injected_clauses("\n".join(crowded), title) == {"努力办好人民满意的教育": 4}
    more = [
        "全年招聘教师320名，组织教师培训1.1万人次，教师素质不断提升。",
        "健全校园安全管理制度，开展安全隐患排查整治，全年整改隐患230处。",
        "加强防溺水、交通安全和食品安全教育，全区未发生重大校园安全事故。",
        "投入资金1.26亿元改善农村学校办学条件，新建学生食堂和宿舍。",
        "推进教师交流轮岗，城区学校向农村学校交流教师156名。",
    ]
    assert injected_clauses("\n".join(crowded + more), title) == {}


def test_a_title_repeated_as_a_sharing_sites_file_name_is_no_injection() -> None:
    body = (
        "全区共有幼儿园86所，在园幼儿1.54万人，学前三年毛入园率达到97.8%，比上年提高1.2个百分点。\n"
        "义务教育阶段在校生6.8万人，九年义务教育巩固率99.6%，新建改扩建校舍12.8万平方米。\n"
    )
    name = "宿豫区教育局2018年工作总结及2019年工作要点"
    text = f"{name}.doc\n{name}\n{body}{name}.doc\n"
    found = keyword_injection(text, load_reference(), name)
    assert found.score == 0, found.detail


def test_glued_fragments_recur_in_varied_places_and_names_do_not() -> None:
    model = load_reference()
    text = (
        "秋季开学在即，公办个梅改扩记者从市教育局获悉，新学年我市将有8所学校投入使用。\n"
        "新增公办学位6645个，公办个梅改扩将有效缓解大班额问题，孩子就近入学更方便。\n"
        "据悉，今秋开学的学校包括卫生学校，公办个梅改扩埔寨镇中心幼儿园和第一小学。\n"
    )
    assert "公办个梅改扩" in glued_fragments(text, model)
    names = "蕉岭县桂岭学校改扩建。\n蕉岭县桂岭学校新增学位。\n蕉岭县桂岭学校投入使用。\n"
    assert glued_fragments(names, model) == {}
    # a town's name (a sub-district's), however unseen its pairs, in varied places
    town = (
        "其中，海游街道共有幼儿园14所，在园幼儿3412人。\n一是城区学位供给偏紧，海游街道小学平均班额44.3人。\n"
        "地址：三门县海游街道广场路15号 咨询电话：0576-83325017\n"
    )
    assert glued_fragments(town, model) == {}
    # an account named by its county's short name: in its title, its byline and its text
    account = (
        "一图读懂丨临颍教育“十三五”这五年，答卷来了！\n原创 临颍教育 临颍县教育局 2021-01-08\n"
        "五年来，一组组数据，见证了临颍教育的发展变化。\n"
    )
    assert glued_fragments(account, model) == {}
    assert (
        glued_fragments(account.replace("临颍", "塔什库尔干"), model) == {}
    )  # a five-character one


def test_a_pages_own_terms_are_not_glued_fragments() -> None:
    """Terms a self-evaluation repeats (opening list lines, in a heading, in table rows) and
    an enumeration within one line are the page's wording, however unseen their pairs."""
    model = load_reference()
    listed = (
        "五、资源配置情况\n"
        "1.每百名学生拥有高于规定学历教师数：小学5.62人、初中6.48人，均达到省定标准。\n"
        "2.每百名学生拥有县级以上骨干教师数：小学1.34人、初中1.52人，均达到省定标准。\n"
        "3.每百名学生拥有网络多媒体教室数：小学3.12间、初中3.37间，均达到省定标准。\n"
        "六、社会认可度情况\n"
        "委托第三方开展满意度调查，社会认可度达到93.6%，群众对教育工作总体满意。\n"
        "每百名学生拥有县级以上骨干教师数 差异系数 0.487 0.413\n"
    )
    assert glued_fragments(listed, model) == {}
    assert line_prefixes(listed, model) == {}
    one_line = "其中，第一产业增加值201.6亿元；第二产业增加值312.5亿元；第三产业增加值559.1亿元。\n"
    assert glued_fragments(one_line, model) == {}


def test_a_phrase_the_page_uses_as_a_numbered_heading_is_its_own_term() -> None:
    """A disclosure report names its sixth section in its preface and in its closing line:
    the page's wording, although two of three occurrences meet unseen pairs."""
    model = load_reference()
    page = (
        "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        "其他需要报告的事项六个部分组成。本报告中所列数据的统计期限自2021年1月1日起。\n"
        "一、总体情况\n全年主动公开政府信息412条，其中工作动态238条、通知公告97条。\n"
        "六、其他需要报告的事项\n本年度未收取信息处理费，无其他需要报告的事项。\n"
    )
    assert glued_fragments(page, model) == {}


def test_a_term_the_page_counts_is_its_own() -> None:
    """A survey counts its county's village preschool points in four lines: next to a number
    and its classifier each time, where unseen pairs meet it, not glued in (黑水 had been
    flagged low)."""
    model = load_reference()
    page = (
        "调研组深入8个乡镇的幼儿园和村级幼教点，采取实地察看、座谈交流等方式开展调研。\n"
        "全县共有幼儿园十二所；开办村级幼教点四十五个，实现了有需求的行政村全覆盖。\n"
        "· 村级幼教点：45个\n"
        "四十五个村级幼教点中，有十七个借用村活动室或闲置校舍办学。\n"
    )
    assert glued_fragments(page, model) == {}
    # counted once, named twice more as the page's term (乡城县's survey had been flagged low)
    page = (
        "● 全县幼儿园共有教职工一百三十七人，其中专任教师九十八人；幼教点辅导员五十二人。\n"
        "3.经费保障不足。幼教点辅导员月均报酬仅一千五百元左右。\n"
        "三是将幼教点辅导员报酬提高到每月二千元。\n"
    )
    assert glued_fragments(page, model) == {}


def _two_unseen(text: str) -> list[str]:
    """What glue_candidates defines, computed over the whole text."""
    model = load_reference()
    return [
        p
        for p in repeated_phrases(text, min_len=4)
        if sum(not model.seen(p[i : i + 2]) for i in range(len(p) - 1)) >= 2
    ]


# Pieces of genuine wording and of glued-in fragments, so that phrases repeat.
_PIECES = [
    "全市共有学校",
    "教育局",
    "新增学位",
    "公办个梅改扩",
    "秋将启用",
    "梅改",
    "扩秋",
    "，",
    "\n",
    "1",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=120).map("".join))
@example("，梅全市共有学扩，" * 3)  # its two unseen pairs (梅全, 学扩) five characters apart
# 额作为重大民生工程强: ten characters, its first and last pairs unseen (eight apart), none
# other near; a candidate alone, not when 班 is before it (力 after it) every time
@example("，额作为重大民生工程强，" * 3)
@example("，班额作为重大民生工程强，" * 3)
@example("，额作为重大民生工程强力，" * 3)
def test_glue_candidates_are_those_of_the_whole_text_in_its_order(text: str) -> None:
    """Read only near unseen pairs, the candidates are the whole text's, in the same order."""
    assert glue_candidates(text, load_reference()) == _two_unseen(text)


def test_a_page_blanked_away_from_unseen_pairs_keeps_its_glued_fragment() -> None:
    model = load_reference()
    lines = sample_text("001").split("\n")
    glued = "\n".join(
        line[:9] + "公办个梅改扩" + line[9:] if i % 7 == 3 and len(line) > 20 else line
        for i, line in enumerate(lines)
    )
    blanked = _near_unseen_pairs(glued, model)
    assert len(blanked) == len(glued)
    assert blanked.count("\n") > 2 * glued.count("\n")  # most of the page is blanked
    assert glue_candidates(glued, model) == _two_unseen(glued) != []
    assert "公办个梅改扩" in glued_fragments(glued, model)


def test_a_topic_a_run_in_heading_names_is_no_glued_fragment() -> None:
    model = load_reference()
    text = "\n".join(
        [
            "2021年，县教育体育局克服“5·21”地震灾后恢复重建和疫情防控双重压力，圆满完成各项任务。",
            "（一）灾后恢复重建加快推进。地震造成全县38所学校不同程度受损，已完成修复29所。",
            "（二）学前教育普及普惠。全县幼儿园42所，学前三年毛入园率达到91.2%。",
            "（一）全面完成灾后恢复重建，确保剩余9个学校项目在8月底前交付使用。",
        ]
    )
    assert "灾后恢复重建" not in glued_fragments(text, model)


def test_a_phrase_glued_before_every_paragraph_is_found() -> None:
    model = load_reference()
    body = [
        "为全面了解全县学前教育发展情况，调研组深入部分乡镇和幼儿园开展了专题调研。",
        "全县共有幼儿园47所，其中公办幼儿园29所，民办幼儿园18所，在园幼儿8136人。",
        "一是加大投入，办园条件明显改善，近三年新建、改扩建公办幼儿园12所。",
    ]
    text = "\n".join("学前教育调研报告范文" + line for line in body)
    assert line_prefixes(text, model) == {"学前教育调研报告范文": 3}
    assert line_prefixes("\n".join(body), model) == {}
    # a county's name opening its paragraphs is its own wording, even where the reference
    # lacks the pair inside the name (南涧彝族自治|县)
    own = [
        "南涧彝族自治县县域义务教育优质均衡发展督导评估自评报告",
        "南涧彝族自治县位于大理白族自治州南部，全县辖5镇3乡，总面积1739平方公里。",
        "南涧彝族自治县人民政府教育督导委员会办公室于2022年10月完成了自评工作。",
    ]
    assert line_prefixes("\n".join(own), model) == {}


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="教育局学校所人万，。\n 0123456789%*abc效劳｜", max_size=400))
def test_scoring_never_raises_on_any_text(text: str) -> None:
    quality = score_quality(text, 0, text.count("\n") + 1, 0)
    assert quality.verdict in {"ok", "low", "rejected"}
    assert quality.score >= 0.0
    assert quality.short == (not states_figures(text) and len(text) < 300)


def test_the_unit_after_a_spaced_number_is_no_injected_clause() -> None:
    """A PDF's text layer writes 提高 1.6 个百分点: 个百分点 in every paragraph is no clause."""
    stages = ["学前教育", "义务教育", "高中阶段", "高等教育", "特殊教育", "职业教育", "继续教育"]
    lines = [
        f"2022 年，{stage}毛入学率 {90 + n}.5%，比上年提高 {n}.6 个百分点。"
        for n, stage in enumerate(stages)
    ]
    assert injected_clauses("\n".join(lines), "") == Counter()


def test_figures_written_in_words_are_no_glued_fragments() -> None:
    model = load_reference()
    text = (
        "全市学前三年毛入园率达到百分之九十五点二，比上年提高一点五个百分点。\n"
        "九年义务教育巩固率达到百分之九十七点六，控辍保学成效持续巩固。\n"
        "高中阶段毛入学率达到百分之九十三点八，普通高中办学条件持续改善。\n"
        "公办园在园幼儿占比达到百分之五十八点四，普惠性资源进一步扩大。\n"
    )
    assert glued_fragments(text, model) == {}


def test_a_bilingual_bulletin_is_chinese() -> None:
    pairs = [
        (
            "全市共有各级各类学校1610所，比上年增加12所。",
            "There were 1,610 schools of all kinds, 12 more than the year before.",
        ),
        (
            "各级各类学历教育在校生148.2万人。",
            "Students enrolled in formal education numbered 1.482 million.",
        ),
        (
            "专任教师10.6万人，生师比为14.8:1。",
            "Full-time teachers numbered 106,000, a ratio of 14.8 students per teacher.",
        ),
        (
            "学前三年毛入园率达到92.3%。",
            "The gross enrollment rate of three-year preschool education reached 92.3 percent.",
        ),
        (
            "九年义务教育巩固率为98.6%。",
            "The consolidation rate of nine-year compulsory education was 98.6 percent.",
        ),
        (
            "高中阶段毛入学率达到96.1%。",
            "The gross enrollment rate of senior secondary education reached 96.1 percent.",
        ),
    ]
    text = "\n".join(f"{zh}\n{en}" for zh, en in pairs)
    assert chinese_share(text)[0] < 0.3  # by letters, English outweighs Chinese
    assert score_quality(text, 0, 12, 0).verdict == "ok"
    english = "\n".join(en for _, en in pairs)
    assert score_quality(english, 0, 6, 0).verdict != "ok"
