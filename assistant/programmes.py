"""The programme catalogue for CSP members (`corpus/programmes.toml`): what each programme is, whether it is
foundational everywhere or opt-in with targeted funding, and the corpus passages that say so."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from assistant.premise import STOP_WORDS
from indexer.errors import BadInput, NotFound
from indexer.passage import Document, Passage

CATALOGUE_NAME = "programmes.toml"
TYPES = {
    "foundational": "Foundational: every system must deliver it",
    "opt-in": "Opt-in: targeted funding for early adopters",
    "national": "National programme",
}
PROGRAMME_QUESTION = re.compile(
    r"\b(which|what|list|any|name)\b.*\b(programmes|programs|initiatives|early adopters?|opt(ing)?[ -]?in(to)?|foundational)\b|"
    r"\bget involved\b|\bare there\b.*\b(programmes|early adopters?)\b|\bcan (my|our|a) (system|ics|stp)\b.*\bopt[ -]?in",
    re.I,
)
"""Questions asking for a set of programmes ("which programmes can my system opt into?"). A question about
one named programme ("the Diabetes Prevention Programme") goes to retrieval like any other."""
SPECIFIC_QUESTION = re.compile(
    r"^(when|by when|how (much|many|big|long|soon)|why)\b|\b(deadline|what date|the difference|does the .+ programme)\b",
    re.I,
)
"""Questions after a date, an amount or a reason, which the passages answer better than the catalogue."""


@dataclass(frozen=True)
class Programme:
    id: str
    name: str
    type: str
    summary: str
    who_decides: str
    funding: str
    timeline: str
    professions: tuple[str, ...]
    topics: tuple[str, ...]
    local_action: str
    """What a member can do locally."""
    citations: tuple[str, ...]
    """Ids of corpus passages (e.g. "framework:2.10", "csp:fcp-rollout")."""
    ask: str = ""
    """A question to open the chat with ("ask about this")."""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def type_label(self) -> str:
        return TYPES[self.type]

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("extra")
        return {**data, "professions": list(self.professions), "topics": list(self.topics),
                "citations": list(self.citations), "type_label": self.type_label}


def programme_json(programme: Programme, sources: Sequence) -> dict:
    """A programme as `ltp programmes --json` and GET /api/programmes show it: its catalogue entry and its sources
    (the citations `programme_citations` resolved). One builder, so the CLI and the web API never drift apart."""
    return {**programme.to_dict(), "sources": [citation.to_dict() for citation in sources]}


def load_catalogue(corpus_dir: Path) -> list[Programme]:
    path = corpus_dir / CATALOGUE_NAME
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{path} is not valid TOML: {exc}") from exc
    return [_programme(entry, path) for entry in data.get("programme", [])]


def _programme(entry: dict, path: Path) -> Programme:
    if entry.get("type") not in TYPES:
        raise BadInput(f"{path}: programme {entry.get('id')!r} needs type = one of {', '.join(TYPES)}")
    return Programme(
        id=entry["id"], name=entry["name"], type=entry["type"], summary=entry.get("summary", ""),
        who_decides=entry.get("who_decides", ""), funding=entry.get("funding", ""), timeline=entry.get("timeline", ""),
        professions=tuple(entry.get("professions", ())), topics=tuple(entry.get("topics", ())),
        local_action=entry.get("local_action", ""), citations=tuple(entry.get("citations", ())),
        ask=entry.get("ask", "") or f"What does the plan say about {entry['name'][:1].lower() + entry['name'][1:]}?",
    )


def filter_programmes(programmes: list[Programme], type: str | None = None, profession: str | None = None,
                      topic: str | None = None) -> list[Programme]:
    """Filter by type, by profession (matched loosely: "physio" finds physiotherapists) and by topic words."""
    if type and type not in TYPES:
        raise BadInput(f"type must be one of {', '.join(TYPES)}")
    found = [p for p in programmes if not type or p.type == type]
    if profession:
        wanted = profession.lower().strip()
        found = [p for p in found if any(wanted[:6] in prof.lower() for prof in p.professions)]
    if topic:
        words = set(re.findall(r"[a-z]+", topic.lower()))
        found = [p for p in found if words & set(re.findall(r"[a-z]+", " ".join((p.name, p.summary, *p.topics)).lower()))]
    return found


USERS_WORDS = {r"\ba\s*(&|and)\s*e\b": "emergency", r"\bfalls?\b": "frailty falls", r"\belderly\b": "older"}
"""What users type in the finder's topic box for what the catalogue calls otherwise ("A&E" for emergency care, "falls"
for the frailty work): the topic box only (`best_on_topic`); the chat's finder answers keep their own words."""


def best_on_topic(programmes: list[Programme], topic: str | None) -> list[Programme]:
    """The finder's topic box: the entries that name most of the topic's real words (stop words such as "the" and
    "health" name every entry, so "pelvic health" finds the pelvic health programme, not eleven), in catalogue order;
    a word names an entry when it is one of its words or, four letters or more, begins one ("rehab"). The chat's
    answers keep `filter_programmes`."""
    if not topic or not topic.strip():
        return programmes
    text = topic.lower()
    for said, meant in USERS_WORDS.items():
        text = re.sub(said, meant, text)
    words = {w for w in re.findall(r"[a-z0-9]+", text) if len(w) > 1 and w not in STOP_WORDS}
    vocabularies = [set(re.findall(r"[a-z0-9]+", " ".join((p.name, p.summary, *p.topics)).lower())) for p in programmes]
    named = [sum(_names(word, vocab) for word in words) for vocab in vocabularies]
    best = max(named, default=0)
    return [p for p, count in zip(programmes, named, strict=True) if best and count == best]


def get_programme(programmes: list[Programme], programme_id: str) -> Programme:
    for programme in programmes:
        if programme.id == programme_id:
            return programme
    raise NotFound(f"no programme {programme_id!r}; list them with `ltp programmes` or GET /api/programmes")


def is_programme_question(question: str) -> bool:
    return bool(PROGRAMME_QUESTION.search(question)) and not SPECIFIC_QUESTION.search(question)


def wanted_type(question: str) -> str | None:
    q = question.lower()
    if re.search(r"opt(ing|ed)?[ -]?in|early adopter|targeted funding", q):
        return "opt-in"
    if re.search(r"foundational|must (all|every)|required everywhere|every system", q):
        return "foundational"
    return None


def programme_answer(question: str, programmes: list[Programme], passages: Mapping[str, Passage],
                     documents: Mapping[str, Document], finder23: bool = False):
    """For "which programmes can my system opt into?" and the like: the matching catalogue entries, each
    cited to its first corpus passage. None when the question is not about programmes or none match. With
    `finder23`, entries are chosen by `chosen_programmes` (only real topic words filter)."""
    from assistant.answer import Answer

    if not programmes or not is_programme_question(question):
        return None
    kind = wanted_type(question)
    if finder23:
        chosen = chosen_programmes(question, programmes, kind)
    else:
        chosen = filter_programmes(programmes, type=kind)
        topical = filter_programmes(chosen, topic=_topic_words(question))
        chosen = topical or chosen if kind else topical
    chosen = [p for p in chosen if any(c in passages for c in p.citations)]
    if not chosen:
        return None
    citations, parts = [], []
    for programme in chosen:
        citation = replace(programme_citations(programme, passages, documents)[0], n=len(citations) + 1)
        citations.append(citation)
        parts.append(f"{programme.name} ({TYPES[programme.type].split(':')[0].lower()}) [{citation.n}]")
    lead = {
        "opt-in": "Systems could opt into these programmes, which carry targeted funding for early adopters: ",
        "foundational": "These are foundational commitments every system must deliver: ",
    }.get(kind or "", "These Long Term Plan programmes match your question: ")
    text = lead + "; ".join(parts) + ". See the programme finder for who decides, funding and what you can do locally."
    return Answer(question, text, abstained=False, citations=citations)


def programme_citations(programme: Programme, passages: Mapping[str, Passage], documents: Mapping[str, Document]) -> list:
    """The programme's cited passages that are in the index, as numbered citations."""
    from assistant.answer import make_citation
    from assistant.retrieve import Hit

    found = [passages[c] for c in programme.citations if c in passages]
    return [make_citation(n, Hit(passage, 1.0, 1.0), documents) for n, passage in enumerate(found, start=1)]


def _topic_words(question: str) -> str:
    generic = {"which", "what", "programmes", "programme", "can", "my", "system", "systems", "opt", "into", "in",
               "early", "adopters", "adopter", "targeted", "funding", "foundational", "the", "are", "for", "get",
               "involved", "i", "we", "our", "is", "there", "any", "do", "does", "plan", "nhs", "long", "term",
               "physiotherapists", "physiotherapist", "physio", "physios", "csp", "members", "member", "about", "with", "to"}
    return " ".join(w for w in re.findall(r"[a-z]+", question.lower()) if w not in generic)


SCAFFOLDING = frozenset(
    "every all each must has have need needs deliver delivered delivering commitment commitments say says said "
    "saying directly relevant relevance flag flags flagged matter matters mattering most more important think thinks "
    "reckon reckons according per identify identified pick picked picks out single highlight highlighted talk talks "
    "mentions mention name names named affect affects two three four few some one ones these those bits "
    "initiative initiatives count counts treat treats call calls called actually really here rep lead manager "
    "steward commissioner chartered society physiotherapy physiotherapists part want wants should could would "
    "me us you they them it its of be being as where whether from after before within across related relate relates "
    "concern concerns involving involve mentioned scheme schemes choose sign signed apply regard significant see "
    "support supports".split())
"""Question scaffolding (finder23): words that say what kind of answer is wanted or who asks, not which programmes,
so "What are the foundational programmes every system must deliver?" filters on nothing and lists every one."""


def chosen_programmes(question: str, programmes: list[Programme], kind: str | None) -> list[Programme]:
    """finder23's choice: the programmes of the type asked (all, in catalogue order) narrowed by the question's
    real topic words when some name an entry (its name or topics; a summary's wording, "local", "related", names
    no programme); with no type asked, none when a topic word names no catalogue entry ("which national programmes
    support local maternity systems?"), so the passages answer."""
    words = [w for w in _topic_words(question).split()
             if len(w) > 2 and w not in STOP_WORDS and w not in SCAFFOLDING and w not in TYPES]
    chosen = filter_programmes(programmes, type=kind)
    vocabulary = [set(re.findall(r"[a-z]+", " ".join((p.name, *p.topics)).lower())) for p in chosen]
    topical = [p for p, vocab in zip(chosen, vocabulary, strict=True) if any(_names(word, vocab) for word in words)]
    if kind:
        return topical or chosen
    if any(not any(_names(word, vocab) for vocab in vocabulary) for word in words):
        return []
    return topical or chosen


def _names(word: str, vocabulary: set[str]) -> bool:
    """`word` is one of `vocabulary`'s, or (four letters or more) begins one: "rehab" names "rehabilitation"."""
    return word in vocabulary or len(word) >= 4 and any(v.startswith(word) for v in vocabulary)
