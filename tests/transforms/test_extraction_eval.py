"""Figure extraction meets its targets on the hand-annotated evaluation set."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from benchmarks.extraction_eval import (
    ANNOTATIONS,
    FIELDS,
    GOLDEN,
    AnnotationError,
    Result,
    evaluate,
    load_annotations,
    main,
    report_text,
)
from transforms.catalog import KINDS, load_catalog

CATALOG = load_catalog()
RAW = yaml.safe_load(ANNOTATIONS.read_text(encoding="utf-8"))["passages"]


@pytest.fixture(scope="module")
def result() -> Result:
    passages, texts = load_annotations()
    return evaluate(passages, texts, CATALOG)


# ---------------------------------------------------------------- the annotation file


def test_annotation_loads() -> None:
    passages, texts = load_annotations()
    assert len(passages) == len(RAW)
    for p in passages:
        for fig in p.figures:
            assert p.start <= fig.start < fig.end <= p.end
            assert texts[p.file][fig.start : fig.end] == fig.value_text


def test_annotation_covers_every_report_with_enough_figures() -> None:
    assert {p["file"] for p in RAW} == {p.name for p in GOLDEN.glob("*.txt")}
    assert sum(len(p["figures"]) for p in RAW) >= 150
    assert sum(len(p["not_figures"]) for p in RAW) >= 50


@pytest.mark.parametrize("n", range(len(RAW)))
def test_passage_is_well_formed(n: int) -> None:
    raw = RAW[n]
    text = report_text(raw["file"])
    passage = raw["text"]
    assert text.count(passage) == 1, "passage text must occur exactly once in its report"
    base_units = {u.base for u in CATALOG.units}
    codes = {ind.code for ind in CATALOG.indicators}
    for fig in raw["figures"]:
        assert set(fig) == set(FIELDS), fig
        assert fig["value_text"] in passage, fig
        assert fig["kind"] in KINDS, fig
        assert fig["unit"] in base_units, fig
        assert fig["indicator"] is None or fig["indicator"] in codes, fig
        assert fig["masked"] == (fig["value"] is None), fig
        assert fig["qualifier"] is None or fig["qualifier"] in passage, fig
    for span in raw["not_figures"]:
        assert span in passage, span


def test_malformed_annotation_is_rejected(tmp_path: Path) -> None:
    first = RAW[0]
    bad = {**first, "figures": [{**first["figures"][0], "value_text": "12345所"}]}
    path = tmp_path / "eval.yaml"
    path.write_text(yaml.safe_dump({"passages": [bad]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(AnnotationError):
        load_annotations(path)


# ---------------------------------------------------------------- the targets


def test_precision_and_recall_meet_the_targets(result: Result) -> None:
    assert result.precision >= 0.95, [r.value_text for _, r in result.false_positives]
    assert result.recall >= 0.90, [g.value_text for _, g in result.misses]


def test_matched_values_and_indicators(result: Result) -> None:
    matched = len(result.matches)
    assert len(result.value_errors) <= 0.05 * matched
    assert result.indicator_accuracy >= 0.9


def test_report_and_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    for heading in (
        "overall",
        "change_pp",
        "indicator-mapping accuracy",
        "misses",
        "false positives",
    ):
        assert heading in out
    assert main(["--min-precision", "0.95", "--min-recall", "0.9"]) == 0
    assert main(["--min-precision", "1.01"]) == 1
