"""Parts of the documents the indexed copy says it does not hold: a few annexes of the Implementation Framework were
not in any public copy, and their passages say so ("no public copy we could reach shows what the annex says"). A
question about what such a part says or lists ("what does Annex D say about local suppliers", "the year-by-year
amounts in Annex A") is refused with where to read it, not answered from the notice's neighbours; what the part is
about ("what is Annex D about?") the notice itself answers."""

from __future__ import annotations

import re

from assistant.refusal import COVERS, Refusal

_GAP = re.compile(r"no public copy we could reach shows\b[^.;]*[.;]?\s*(?P<rest>[^.]*)", re.I)
_PART = re.compile(r"\b(?P<part>annex|appendix|chapter|section|table)\s+(?P<label>[a-z]|\d{1,2})\b", re.I)
_ABOUT = re.compile(r"\b(?:about|cover|covers|deal with|deals with|for|called|titled|named|on (?:which|what) page)\s*\??$|"
                    r"\b(?:which|what) page\b|^where\b", re.I)
"""What a part is about, its title or where it is ("where do I find the tables in Annex A?"): the notice passage says
these."""


def missing_part(question: str, passages: list[str], corpus_text: str = "") -> Refusal | None:
    """A part of the documents the question asks the content of, whose notice (in a passage found, or else anywhere
    in `corpus_text`, the documents' lower-cased text) says the copy lacks it: "how much funding per year does annex a
    give early adopters?" may find Annex A's other passages but not its notice. The refusal names nothing the documents
    lack, so the part's own passages stay among the related ones."""
    asked = _PART.search(question)
    if not asked or _ABOUT.search(question.strip()):
        return None
    name = f"{asked.group('part').capitalize()} {asked.group('label').upper()}"
    notices = [passage for passage in passages if re.match(rf"\s*{re.escape(name)}\b", passage, re.I)]
    notices += [m.group(0) for m in re.finditer(rf"\b{re.escape(name.lower())}\b[^.]{{0,160}}\.\s+{_GAP.pattern}",
                                                corpus_text)]
    for notice in notices:
        gap = _GAP.search(notice)
        if gap:
            where = gap.group("rest").strip()
            see = re.search(r"\b(?:see|should read|read)\b.*", where)
            advice = f" To read it, {see.group(0)}." if see else ""
            return Refusal(f"{COVERS} The copy I have doesn't include the text of {name}, so I can't say what it sets "
                           f"out.{advice} The related passages say what the documents say around it.")
    return None
