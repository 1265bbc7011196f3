"""list23: a question the programme finder would answer with catalogue entries whose topic words match ("which opt-in
programmes did the CSP flag as relevant to physio?") is answered from the CSP passage naming the three it flags, and
a list question whose top passage nobody cites ("which extra roles can primary care networks recruit ...?") gains that
passage's sentence naming the roles. Off by default: the default answers are unchanged; with it on an extractive
answer only grows, its first statement first."""

from __future__ import annotations

from dataclasses import replace

from assistant.cited_answer import Answer, Citation
from assistant.config import DEFAULT_CONFIG
from assistant.retrieve import Hit
from assistant.uncited_items import with_top_items
from indexer.passage import Passage

FINDER = "Which opt-in programmes did the CSP flag as relevant to physio?"
ROLES = "Which extra roles can primary care networks recruit using the network contract money?"


def _pair(assistant, question: str):
    """list23 off and on, both beside the finder as it was before finder23 (on since round 23), which lists all three
    opt-in programmes itself now."""
    assert not DEFAULT_CONFIG.list23
    before_finder23 = replace(DEFAULT_CONFIG, finder23=False)
    return assistant.with_config(before_finder23).ask(question), \
        assistant.with_config(replace(before_finder23, list23=True)).ask(question)


def test_the_csp_opt_in_question_is_answered_from_the_csp_passage_only_with_the_switch_on(bundled_assistant):
    off, on = _pair(bundled_assistant, FINDER)
    assert "See the programme finder" in off.answer
    assert not all(item in off.answer.lower() for item in ("pelvic health", "stroke rehabilitation",
                                                            "pulmonary rehabilitation"))
    assert "See the programme finder" not in on.answer
    assert all(item in on.answer.lower() for item in ("pelvic health", "stroke rehabilitation",
                                                       "pulmonary rehabilitation"))
    assert not on.abstained and on.citations


def test_a_list_answer_gains_the_roles_its_top_passage_names_only_with_the_switch_on(bundled_assistant):
    off, on = _pair(bundled_assistant, ROLES)
    roles = ("clinical pharmacists", "social prescribing link workers", "first contact physiotherapists")
    assert not all(role in off.answer for role in roles)
    assert all(role in on.answer for role in roles)
    # Only added: the default answer is the start of the new one, with one citation more.
    assert on.answer.startswith(off.answer.rstrip())
    assert len(on.citations) == len(off.citations) + 1


def test_a_one_fact_question_is_answered_as_before(bundled_assistant):
    off, on = _pair(bundled_assistant, "How many extra staff will primary care networks recruit?")
    assert on.answer == off.answer


def fake_hit(pid: str, text: str, rerank: float) -> Hit:
    """A top passage the cross-encoder scored `rerank` (also for test_items24)."""
    return Hit(Passage(pid, "ltp", "s", ("s",), text), 1.0, 1.0, rerank_score=rerank)


def fake_answer(text: str, pid: str) -> Answer:
    """An answer citing passage `pid` once (also for test_items24)."""
    citation = Citation(1, pid, "ltp", "The plan", "s", None, None, None, None, "plan", "cited text.", 1.0)
    return Answer("q", text, abstained=False, citations=[citation])


def test_an_items_sentence_is_added_only_from_a_well_scored_uncited_top_passage_and_not_twice():
    top = fake_hit("p1", "Networks will grow. The roles include pharmacists, link workers, physiotherapists, associates "
                     "and paramedics.", 0.9)
    answer = fake_answer("Networks get money. [1]", "p2")
    documents: dict = {}
    added = with_top_items(answer, "which roles can networks recruit", [top], documents, 1, 0.3, 400)
    assert added.answer == "Networks get money. [1] The roles include pharmacists, link workers, physiotherapists, " \
                           "associates and paramedics. [2]"
    assert [c.passage_id for c in added.citations] == ["p2", "p1"]
    # Below the cross-encoder floor, already cited, or already said: unchanged.
    assert with_top_items(answer, "which roles", [replace(top, rerank_score=0.1)], documents, 1, 0.3, 400) is answer
    assert with_top_items(fake_answer("x. [1]", "p1"), "which roles", [top], documents, 1, 0.3, 400).answer == "x. [1]"
    assert with_top_items(added, "which roles", [top], documents, 1, 0.3, 400) is added
