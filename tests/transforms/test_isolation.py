"""One bad page costs only itself: an exception in decode, clean or extract becomes one
quarantine row (stage, exception and message, URI) and the rest of the batch goes on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import transforms.extract as extract_module
from transforms.clean import clean_items
from transforms.decode import decode_items
from transforms.extract import Resources, extract_records, load_resources
from transforms.records import Records

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
NOW = datetime(2026, 1, 1, tzinfo=UTC)
# Page openings are enough for every stage to run; whole pages would make each example slow.
PAGE_CHARS = 1500


@dataclass(frozen=True)
class Item:
    uri: str
    data: bytes
    fetched_at: datetime = NOW
    headers: dict[str, str] = field(default_factory=dict)


def transform(items: list[Item], resources: Resources) -> Records:
    """decode → clean → extract of a batch, as the flow's transform task composes them."""
    decoded, failed = decode_items(list(items), NOW)
    cleaned, unclean = clean_items(decoded, resources.rules, NOW)
    records = extract_records(cleaned, resources, NOW)
    records.extend(Records(quarantine=failed + unclean))
    return records


@pytest.fixture(scope="module")
def resources(tmp_path_factory: pytest.TempPathFactory) -> Resources:
    return load_resources(jieba_cache=str(tmp_path_factory.mktemp("jieba")))


PAGES = [p.read_text(encoding="utf-8")[:PAGE_CHARS] for p in sorted(SAMPLES.glob("*.txt"))]


def batch(texts: list[str]) -> list[Item]:
    return [Item(f"file:///pages/{i}.txt", t.encode("utf-8")) for i, t in enumerate(texts)]


def test_a_page_whose_extraction_raises_is_one_quarantine_row(
    resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = extract_module.extract_metrics

    def poisoned(text: str, *args: object, **kwargs: object) -> object:
        if "毒" in text:
            raise RuntimeError("injected failure")
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extract_module, "extract_metrics", poisoned)
    pages = [PAGES[3], "毒" + PAGES[3].replace("85", "87"), PAGES[3].replace("85", "86")]
    records = transform(batch(pages), resources)
    assert [d.uri for d in records.documents] == ["file:///pages/0.txt", "file:///pages/2.txt"]
    (row,) = records.quarantine
    assert (row.uri, row.stage, row.reason) == ("file:///pages/1.txt", "extract", "exception")
    assert row.detail == "RuntimeError: injected failure"


def test_a_page_whose_cleaning_raises_is_one_quarantine_row(
    resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    import transforms.clean as clean_module

    real = clean_module.clean_text

    def poisoned(raw: str, *args: object, **kwargs: object) -> object:
        if "毒" in raw:
            raise ValueError("cannot clean")
        return real(raw, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(clean_module, "clean_text", poisoned)
    records = transform(batch([PAGES[3], "毒" + PAGES[3]]), resources)
    assert len(records.documents) == 1
    assert [(q.stage, q.detail) for q in records.quarantine] == [
        ("clean", "ValueError: cannot clean")
    ]
    assert records.quarantine[0].content_sha256  # the same bytes are known next time


def test_an_impossible_publication_date_costs_nothing(resources: Resources) -> None:
    page = "发布时间：2021-02-30\n" + PAGES[3]
    records = transform(batch([page]), resources)
    assert not records.quarantine and len(records.documents) == 1  # read as no date


def mutate(draw: st.DrawFn, text: str) -> str:
    """A real page, damaged the way real pages are."""
    kind = draw(st.sampled_from(["digits", "dates", "truncate", "bytes", "control", "splice"]))
    if kind == "digits":
        digits = draw(st.text(alphabet="0123456789.%*万亿", min_size=1, max_size=12))
        at = draw(st.integers(0, len(text)))
        return text[:at] + digits + text[at:]
    if kind == "dates":
        y, m, d = draw(st.integers(0, 9999)), draw(st.integers(0, 99)), draw(st.integers(0, 99))
        form = draw(st.sampled_from(["发布时间：{}-{}-{}", "{}年{}月{}日", "日期: {}/{}/{}"]))
        return form.format(y, m, d) + "\n" + text
    if kind == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if kind == "control":
        noise = draw(st.text(alphabet="\x00\x07\x1b[]0;m\u200b\ufeff\u202e\r", max_size=20))
        at = draw(st.integers(0, len(text)))
        return text[:at] + noise + text[at:]
    if kind == "splice":
        return draw(st.text(max_size=200)) + text
    return text  # "bytes": damaged after encoding, below


@st.composite
def damaged_pages(draw: st.DrawFn) -> bytes:
    text = mutate(draw, draw(st.sampled_from(PAGES)))
    data = text.encode(draw(st.sampled_from(["utf-8", "gb18030"])), errors="replace")
    if draw(st.booleans()):
        noise = draw(st.binary(max_size=40))
        at = draw(st.integers(0, len(data)))
        data = data[:at] + noise + data[at:]
    return data


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(damaged_pages(), min_size=1, max_size=3))
def test_damaged_real_pages_never_raise_past_their_page(
    resources: Resources, pages: list[bytes]
) -> None:
    items = [Item(f"file:///damaged/{i}.txt", data) for i, data in enumerate(pages)]
    records = transform(items, resources)  # must not raise
    accounted = {d.uri for d in records.documents} | {q.uri for q in records.quarantine}
    assert accounted == {item.uri for item in items}
    records.as_tables()  # every row converts to the warehouse's types
