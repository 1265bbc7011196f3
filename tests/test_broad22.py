"""broad22: a broad question's summary gains a bullet from the question's own top passage when no bullet cites it
("the big picture on learning disability and autism" gains the digital flag, which its section summary's bullets
leave out). On by default since round 23's pooled pools; with it on nothing leaves the answer and its first
bullet stays first."""

from __future__ import annotations

from dataclasses import replace

from assistant.config import DEFAULT_CONFIG
from assistant.retrieve import Hit
from assistant.summary_uncited import Extra, with_extras
from indexer.passage import Passage

LD_AUTISM = "give me the big picture on learning disability and autism in the LTP"


def bullets(answer: str) -> list[str]:
    return [line for line in answer.splitlines() if line.startswith("- ")]


def test_the_ld_and_autism_summary_gains_the_digital_flag_only_with_the_switch_on(bundled_assistant):
    assert DEFAULT_CONFIG.broad22
    off = bundled_assistant.with_config(replace(DEFAULT_CONFIG, broad22=False)).ask(LD_AUTISM)
    on = bundled_assistant.with_config(DEFAULT_CONFIG).ask(LD_AUTISM)
    assert "digital flag" not in off.answer
    assert "digital flag" in on.answer
    # One bullet more, every bullet of the default kept (in its order, the first still first), within 3-6 bullets.
    shown, before = bullets(on.answer), bullets(off.answer)
    assert len(shown) == len(before) + 1 <= DEFAULT_CONFIG.broad22_max_bullets
    assert shown[0] == before[0] and [b for b in shown if b in before] == before
    assert len(on.citations) == len(off.citations) + 1
    # The digital flag is the framework's: the closing line no longer claims every point for the plan's section.
    assert off.answer.splitlines()[-1].startswith("These points are from the Long Term Plan's section")
    assert on.answer.splitlines()[-1].startswith("Most of these points are from the Long Term Plan's section")


def test_a_one_fact_question_is_answered_as_before(bundled_assistant):
    question = "How many extra staff will primary care networks recruit?"
    off = bundled_assistant.with_config(replace(DEFAULT_CONFIG, broad22=False)).ask(question)
    on = bundled_assistant.with_config(DEFAULT_CONFIG).ask(question)
    assert on.answer == off.answer


def _hit(doc: str, order: int) -> Hit:
    return Hit(Passage(f"{doc}-{order}", doc, "s", ("s",), "text.", order=order), 1.0, 1.0)


def test_an_added_bullet_goes_in_document_order_after_the_first():
    documents = {"ltp": None, "framework": None}
    points = [(_hit("framework", 5), "first"), (_hit("ltp", 2), "second"), (_hit("ltp", 9), "third")]
    early, middle = Extra(_hit("ltp", 1), 0, "early"), Extra(_hit("ltp", 4), 1, "middle")
    merged = [s for _, s in with_extras(points, [early, middle], documents, leading=0)]  # type: ignore[arg-type]
    # The first bullet leads even though "early" comes before it in the documents; the rest follow document order.
    assert merged == ["first", "early", "second", "middle", "third"]
