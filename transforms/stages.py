"""The stage of education (学前教育, 小学, 初中 …) in force at each point of a report.

A stage is set by a section heading (二、学前教育 / （一）小学), by a stage phrase that opens
a clause (义务教育阶段，… ; 学前教育：… ; 其中初中…), or by the label of a figure that names
its stage (全国共有普通小学15.80万所 puts the rest of the paragraph in 小学). A heading that
names no stage (三、教育经费) ends the stage of the heading before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ahocorasick_rs import AhoCorasick, MatchKind

from transforms.catalog import Catalog, per_catalog
from transforms.scopes import CLAUSE_OPENERS, Anchor, Anchors, Layout, clause_start

# Words that may come before a stage phrase at the start of a clause.
# A stage phrase may also follow the whole region (全省共有…) or an as-of date (截至年底，…).
_LEAD = re.compile(
    rf"^(?:{CLAUSE_OPENERS}|全国|全省|全市|全县|全区|全州|全盟|全旗|我省|我市|我县|我区|本市|本县"
    r"|全国共有|全省共有|全市共有|全县共有|全区共有|共有|现有|截至[^，,]{0,10})*$"
)


# Stages named together for all the schools of a region (全区共有中小学、幼儿园126所).
_SCHOOLS_OF_A_REGION = {"basic", "preschool"}


@dataclass(frozen=True)
class StageMatcher:
    """Stage cues of a catalog, found in one pass."""

    cues: tuple[str, ...]
    stages: tuple[str, ...]
    matcher: AhoCorasick
    within: frozenset[tuple[str, str]] = frozenset()
    """(part, whole) pairs of stages, transitively (小学 within 义务教育 within 中小学)."""
    longest_first: tuple[str, ...] = ()
    """The cues, longest first (普通小学 before 小学)."""

    def opening(self, label: str) -> str | None:
        """The longest cue `label` starts with (普通小学生均… → 普通小学)."""
        found = self.matcher.find_matches_as_indexes(label)
        return label[: found[0][2]] if found and found[0][1] == 0 else None

    def ending(self, label: str) -> str | None:
        """The longest cue `label` ends with (…教师数小学 → 小学)."""
        return next((cue for cue in self.longest_first if label.endswith(cue)), None)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, stage) of every cue in `text`, leftmost-longest, not overlapping."""
        return [
            (start, end, self.stages[i])
            for i, start, end in self.matcher.find_matches_as_indexes(text)
        ]

    def alone(self, label: str) -> str:
        """The stage a label is and nothing else (小学; 中等职业学校 → 中等职业), else ''."""
        found = self.find(label)
        if len(found) != 1 or found[0][0] != 0 or label[found[0][1] :] not in ("", "学校"):
            return ""
        return label[: found[0][1]]

    def stage_of(self, label: str) -> tuple[str | None, bool]:
        """The one stage a label names, and whether it names several (中小学幼儿园)."""
        found = {stage for _, _, stage in self.find(label)}
        if not found:
            return None, False
        if len(found) == 1:
            return found.pop(), False
        if "all" in found or found == _SCHOOLS_OF_A_REGION:
            # 中小学、幼儿园 together: every school a county or city runs
            return "all", False
        # 义务教育中小学: the narrowest of stages that nest
        inner = [a for a in found if all(a == b or (a, b) in self.within for b in found)]
        if inner:
            return inner[0], False
        return None, True


@per_catalog
def stage_matcher(catalog: Catalog) -> StageMatcher:
    """The stage cues of a catalog, in one automaton."""
    pairs = [(cue, st.code) for st in catalog.stages for cue in st.cues]
    cues = tuple(c for c, _ in pairs) or ("\x00",)
    stages = tuple(s for _, s in pairs) or ("all",)
    codes = [st.code for st in catalog.stages]
    within = frozenset(
        (a, b) for a in codes for b in codes if a != b and b != "all" and catalog.within(a, b)
    )
    return StageMatcher(
        cues,
        stages,
        AhoCorasick(list(cues), matchkind=MatchKind.LeftmostLongest),
        within,
        tuple(sorted(cues, key=len, reverse=True)),
    )


# The stage phrase at a cue: up to the next figure or clause break (中小学、幼儿园).
_PHRASE = re.compile(r"[^0-9零〇一二两三四五六七八九十百千。！？!?\n；;，,：:]{1,16}")
_COUNT_LEAD = re.compile(r"(?:学校|院校|校|阶段|为|有|共有|共|达|计|合计)*")
_COUNT_NEXT = re.compile(r"^[0-9零〇一二两三四五六七八九十百千]")


def _sentence_opens(text: str, clause: int, para_start: int) -> bool:
    """Whether the clause starting at `clause` is the first of its sentence."""
    return clause <= para_start or text[clause - 1] in "。！？!?\n"


_INCLUDED_NOTE = re.compile(r"[（(]\s*(?:含|包括|包含|不含)[^（）()]*[）)]")


def stage_anchors(text: str, lay: Layout, catalog: Catalog) -> Anchors[str]:
    """Stage anchors of a report from its headings and clause-opening stage phrases."""
    sm = stage_matcher(catalog)
    anchors: Anchors[str] = Anchors()
    heading_starts = {s for s, _ in lay.headings}
    for start, end in lay.headings:
        # (在校学生（含在园幼儿）: what a count takes in, not the stage the heading opens)
        found = sm.find(_INCLUDED_NOTE.sub("", text[start:end]))
        stages = [stage for _, _, stage in found]
        if not stages:
            continue  # （一）幼儿园建设 under 一、学前教育 keeps its section's stage
        evidence = text[start:end].strip()[:30]
        anchors.add(Anchor(start, lay.section_end(start), stages[0], "heading", evidence))
    for start, end, stage in sm.find(text):
        para_start = lay.paragraph_start(start)
        if para_start in heading_starts:
            continue
        clause = clause_start(text, start, para_start)
        opens = bool(_LEAD.match(text[clause:start]))
        after = text[end : end + 2]
        phrase = _PHRASE.match(text, start)
        next_at = phrase.end() if phrase else end
        # a list item: a count after a comma (…，小学生33412人，特殊教育学校学生122人), or after
        # a semicolon a count of the stage itself (；小学150所) — not a new subject
        # (…95.2%；特殊教育学校共有专任教师6.62万人)
        counted = _COUNT_NEXT.match(text[next_at : next_at + 1]) and (
            (clause > 0 and text[clause - 1] in "，,、")
            or _COUNT_LEAD.fullmatch(text, end, next_at)
        )
        if opens and counted and not _sentence_opens(text, clause, para_start):
            # 其中幼儿园200所，小学150所，特殊教育学校1所: a list of school counts, not a
            # change of stage
            opens = False
        if opens or after.startswith("阶段"):
            named = phrase.group(0) if phrase else text[start:end]
            value, mixed = sm.stage_of(named)
            # 共有中小学、幼儿园1599所，在校生…: a list of stages speaks of all of them. A stage
            # counted right away (普通高校5所，专任教师…) is a figure's subject that sets the
            # stage like a label does; a stage on its own (――小学。, 义务教育阶段，) leads
            # the paragraph.
            anchors.add(
                Anchor(
                    start,
                    lay.paragraph_end(start),
                    "all" if mixed else (value or stage),
                    "label" if counted and not after.startswith("阶段") else "paragraph",
                    named,
                )
            )
    return anchors
