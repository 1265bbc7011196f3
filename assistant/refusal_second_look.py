"""A refusal decided by one weak signal, looked at again with another (PipelineConfig.inscope19).

Answerable questions were refused because one check read the question's words alone, where a second reading says
the documents cover it. Each reading here was kept only because, fitted on some tuning batches, it fixed wrong
refusals on batches it was not fitted on (docs/history/round-19.md, "Answerable questions wrongly refused, round 19"):

- the figure gate ("the documents don't give that figure") matches the asked figure's words against the passages
  ("how many more people independent", "the take-up target and from what age"); when the learned refusal signal,
  which reads the question's embedding and its passages' scores, is all but sure the documents cover the question,
  the gate's refusal is overruled and the other rules still decide;
- a question asked in a conversation but not worded as a follow-up ("so who gets the money first?", "whats the
  payback in admissions avoided?") was searched for on its own words; refused that way, it is searched for again
  with the question before it, and answered if that search is not refused.

inscope20 turns both on, with the second search kept for a question that reads as a continuation
(assistant/topic_change.py): an out-of-scope question that changes the subject is judged alone, as without the switch
(docs/history/round-20.md, "Answerable questions wrongly refused, round 20 (inscope20)"). inscope21 implies inscope20.
"""

from __future__ import annotations

from assistant.config import PipelineConfig
from assistant.conversation import Turn
from assistant.refusal import Refusal
from assistant.topic_change import reads_as_continuation


def second_look(config: PipelineConfig) -> bool:
    """Is the second look on: inscope19, or inscope20 or inscope21, which imply it?"""
    return config.inscope19 or config.inscope20 or config.inscope21


def guarded(config: PipelineConfig) -> bool:
    """Is the second search guarded by the topic-change reading: inscope20, or inscope21, which implies it?"""
    return config.inscope20 or config.inscope21


def overrules_figure_gate(refusal: Refusal | None, not_covered: float | None, config: PipelineConfig) -> bool:
    """Is `refusal` the figure gate's, with the learned signal's probability that the documents do not cover the
    question (`not_covered`; None when it cannot be read) below `config.inscope19_covered`?"""
    return (second_look(config) and refusal is not None and refusal.figure and not_covered is not None
            and not_covered < config.inscope19_covered)


def with_question_before(question: str, history: list[Turn], query: str, config: PipelineConfig) -> str | None:
    """The search for `question` with the user's question before it in front, for a second search when the first
    (`query`) was refused; None when inscope19 and inscope20 are off (or `inscope19_follow_ups` is), there is no
    question before, or `query` already has it. With inscope20 (whether or not inscope19 is on too), only a question
    that reads as a continuation is searched again."""
    before = [t.content for t in history if t.role == "user"]
    if not second_look(config) or not config.inscope19_follow_ups or not before or query.startswith(before[-1]):
        return None
    if guarded(config) and not reads_as_continuation(question):
        return None
    return f"{before[-1]} {question}"
