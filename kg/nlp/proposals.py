"""Where proposals, plans and claims are recognised: cue endings over the tokens of a sentence.

The registered component ``kg_proposals`` sets ``doc._.kg_proposals`` to a list of
``ProposalHit`` (the label's span, its kind and its sentence). Cues, with what the label is:

- ``△ A △ B ... 필요성을 강조했다`` (also ▲ ○ ▷ □): each list item, without its mark (proposal);
- ``A할 것을 제안했다``, ``A를 만들어나갈 것을 강조했다``, ``A를 제안했다``: A (proposal);
- ``A의 필요성을/필요성에 대해 강조했다``, ``A가 필요함을 강조했다``: A (proposal);
- ``A하고 B할 방침이다``, ``A하기로 했다``: A and B (plan);
- ``A임을 강조했다``: A (claim).

A label starts after the sentence's subject (``가나도는``) or the last clause ending before it
(``지적하며``, ``제안하고,``, ``이를 위해``). Who proposed is resolved in ``kg.statements``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.model import Span
from kg.nlp.index import doc_text, token_index

if not Doc.has_extension("kg_proposals"):
    Doc.set_extension("kg_proposals", default=None)

BULLETS = "△▲○▷□"
_BULLET_CUE = re.compile(r"제안|필요성|필요함|강조|방침|하기로|계획|예정|요청|건의|촉구")
# (pattern, kind); group "head" starts at the token the label ends before, or right after it.
_CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?P<head>것)을\s*(?:제안|강조|요청|건의|촉구)"), "proposal"),
    (re.compile(r"(?P<head>[을를])\s*(?:제안|요청|건의|촉구)(?:했|하|한)"), "proposal"),
    (
        re.compile(
            r"(?P<head>필요)(?:성(?:을|이|에\s*대해|에\s*대하여)?|함을|하다고)\s*(?:강조|제기|역설)"
        ),
        "proposal",
    ),
    (re.compile(r"(?P<head>할|하는)\s*방침"), "plan"),
    # 수립할 계획이다, 발표할 예정이다
    (re.compile(r"(?P<head>할|될)\s*(?:계획|예정)(?:이다|이며|이고|입니다)"), "plan"),
    (re.compile(r"(?P<head>하기로)\s*(?:했|하였|합의)"), "plan"),
    (re.compile(r"(?P<head>임)을\s*(?:강조|역설)"), "claim"),
)
# Tags skipped walking back from a cue to the label's last word: verbs, endings, particles.
_VERBAL = ("VV", "VX", "VA", "VCP", "EC", "EP", "ETM", "ETN", "XSV", "XSA", "NNB")
# Clause endings after which a label may start: 지적하며, 제안하고, 이를 위해.
_CLAUSE_ENDS = ("고", "며", "으며", "면서", "으면서", "위해", "위하여", "위해서")
_TOPIC = ("은", "는", "께서는")


@dataclass(frozen=True)
class ProposalHit:
    """A proposal's label ``span`` (inside ``sentence``) and its ``kind``
    (``kg.model.PROPOSAL_KINDS``)."""

    span: Span
    kind: str
    sentence: Span


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens of ``doc`` that lie within ``[start, end)``."""
    index = token_index(doc)
    first = index.first_from(start)
    # tokens do not overlap, so their ends ascend too: the ones inside are one run
    last = bisect_right(index.ends, end, first)
    return [doc[i] for i in range(first, last)]


def _tags(tok: Token) -> list[str]:
    return tok.tag_.split("+")


def is_topic(tok: Token, before: Token | None) -> bool:
    """``tok`` is the topic particle of a subject: 가나도는, 장관(...)은 (not 가나에서는)."""
    if tok.tag_ != "JX" or tok.text not in _TOPIC or before is None:
        return False
    if before.text == "도" and before.tag_ == "JX" and before.i > 0:
        before = before.nbor(-1)  # MeCab reads the 도 of 가나도는 as a particle
    return before.tag_.startswith(("N", "SL", "SH", "SN", "XSN", "SSC"))


def clause_end(tok: Token) -> bool:
    """``tok`` ends a verbal clause (지적하며, 같이하고, 위해), not an adjective (과감하고)."""
    tags = _tags(tok)
    if tags[-1] != "EC" or not tok.text.endswith(_CLAUSE_ENDS):
        return False
    if len(tags) > 1:
        return tags[0] in ("VV", "XSV", "VX", "EP")
    prev = tok.nbor(-1) if tok.i > 0 else None
    return prev is not None and _tags(prev)[-1] in ("VV", "XSV", "VX", "EP")


def _label_end(doc: Doc, head_start: int, floor: int) -> int:
    """Walk back from the cue over verbs, endings and particles to the label's last word."""
    toks = tokens_in(doc, floor, head_start)
    for tok in reversed(toks):
        if all(t in _VERBAL or t.startswith("J") for t in _tags(tok)):
            continue
        return tok.idx + len(tok.text)
    return floor


def _label_start(doc: Doc, sentence: Span, end: int, floor: int, kind: str) -> int:
    """After the last subject or clause ending before ``end`` (and not before ``floor``); a plan's
    ``A하고 B할 방침`` keeps its ``하고``, which ``_split_plan`` splits at."""
    start = max(sentence.start, floor)
    toks = tokens_in(doc, start, end)
    for k, tok in enumerate(toks):
        before = toks[k - 1] if k else None
        coordinated = kind == "plan" and tok.text.endswith("고")
        if is_topic(tok, before) or (clause_end(tok) and not coordinated):
            start = tok.idx + len(tok.text)
    return _skip_space(doc_text(doc), start, end)


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and (text[start].isspace() or text[start] in ",·"):
        start += 1
    return start


def _trim(text: str, start: int, end: int) -> Span:
    start = _skip_space(text, start, end)
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",·"):
        end -= 1
    # '서울형 지역상생 전략'을 제안한다: the label is what the marks enclose
    if end - start > 2 and text[start] in "'‘\"“" and text[end - 1] in "'’\"”":
        start, end = start + 1, end - 1
    return Span(start, end)


def _bullet_items(doc: Doc, sentence: Span) -> list[ProposalHit]:
    text = doc_text(doc)
    marks = [i for i in range(sentence.start, sentence.end) if text[i] in BULLETS]
    if not marks or not _BULLET_CUE.search(text, marks[-1], sentence.end):
        return []
    toks = tokens_in(doc, marks[0], sentence.end)
    if any(is_topic(tok, toks[k - 1]) for k, tok in enumerate(toks) if k):
        return []  # ▲ NAME 실장은 '...'을 ▲ ...: a list of clauses (who presented what), not items
    kind = (
        "plan"
        if re.search(r"방침|하기로|계획|예정", text[marks[-1] : sentence.end])
        else "proposal"
    )
    hits = []
    for k, mark in enumerate(marks):
        end = marks[k + 1] if k + 1 < len(marks) else sentence.end
        if k + 1 == len(marks):
            # the last item runs into the predicate: it ends before its first particle
            for tok in tokens_in(doc, mark + 1, end):
                if _tags(tok)[0].startswith("J"):
                    end = tok.idx
                    break
        span = _trim(text, mark + 1, end)
        if span.start < span.end:
            hits.append(ProposalHit(span, kind, sentence))
    return hits


def _split_plan(doc: Doc, span: Span) -> list[Span]:
    """``A하고 B할 방침``: the coordinated verbs' objects are plans of their own."""
    parts, start = [], span.start
    for tok in tokens_in(doc, span.start, span.end):
        if clause_end(tok) and tok.text.endswith("고"):
            verb = tok.nbor(-1) if _tags(tok) == ["EC"] else tok
            parts.append(_trim(doc_text(doc), start, verb.idx))
            start = tok.idx + len(tok.text)
    parts.append(_trim(doc_text(doc), start, span.end))
    return [p for p in parts if p.start < p.end]


def find_proposals(doc: Doc, sentence: Span) -> list[ProposalHit]:
    """The proposals, plans and claims one sentence states."""
    items = _bullet_items(doc, sentence)
    if items:
        return items
    text = doc_text(doc)
    cues = sorted(
        (m.start("head"), m.end(), kind)
        for pattern, kind in _CUES
        for m in pattern.finditer(text, sentence.start, sentence.end)
    )
    quoted = [q.marks for q in doc._.kg_quotes or []]
    hits: list[ProposalHit] = []
    floor = sentence.start
    for head, cue_end, kind in cues:
        if head < floor or any(q.start <= head < q.end for q in quoted):
            continue
        end = _label_end(doc, head, floor)
        start = _label_start(doc, sentence, end, floor, kind)
        floor = cue_end
        if start >= end:
            continue
        span = _trim(text, start, end)
        parts = _split_plan(doc, span) if kind == "plan" else [span]
        hits.extend(ProposalHit(p, kind, sentence) for p in parts)
    return hits


@Language.component("kg_proposals")
def proposal_component(doc: Doc) -> Doc:
    """Find the proposals, plans and claims of each sentence (needs ``kg_sentences``; cues inside
    the quotes of ``kg_quotes`` are someone's words, not the release's statement)."""
    sentences = doc._.kg_sentences or []
    doc._.kg_proposals = [hit for sp in sentences for hit in find_proposals(doc, sp)]
    return doc
