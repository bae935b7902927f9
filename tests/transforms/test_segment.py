from __future__ import annotations

from pathlib import Path

from transforms.segment import count_terms


def test_user_dictionary_keeps_education_terms_whole(tmp_path: Path) -> None:
    terms = count_terms(
        "落实双减政策，课后服务全覆盖，校外培训机构压减，课后服务提质。", str(tmp_path)
    )
    assert terms["课后服务"] == 2
    assert terms["校外培训机构"] == 1
    assert terms["双减"] == 1


def test_single_characters_numbers_and_stopwords_are_not_terms(tmp_path: Path) -> None:
    terms = count_terms("我们进一步推进，共有1610家，的了。", str(tmp_path))
    assert "我们" not in terms and "进一步" not in terms
    assert all(len(t) >= 2 and not t.isdigit() for t in terms)
