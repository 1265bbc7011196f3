"""A rule that read the question's time, overruled when the learned signal is sure the documents cover the question
(PipelineConfig.inscope21).

inscope19 overruled one rule, the figure gate, that way. The rules that read when a question is about misread words
too: "what fraction is the LTP aiming for, and what is it now?" where the passage gives today's share beside the
target ("about a third ... compared with about a fifth now"), "when did the new contract for PCNs actually start?"
read as a document published later, "did the headline metrics page change once the 2021-22 mandate came out?" read
as a later year. Each refuses few answerable questions and many out-of-scope ones ("how many FCPs are in post now?"),
so none is relaxed by its own words; such a refusal (`Refusal.dated`: what applies now, a later year, whether a plan
happened, a later or named document) is dropped only when the learned signal (its embedding and retrieval scores,
blind to the rule's words) puts the chance that the documents do not cover the question below `inscope21_covered`,
chosen leave-one-batch-out over the tuning batches (docs/history/round-21.md, "Answerable questions wrongly refused, round
21 (inscope21)"). The other rules (names the documents never use, a missing annex, pay, false premises, the asker's
own care) refuse out-of-scope questions the signal calls covered as often as answerable ones, and stand.
"""

from __future__ import annotations

from assistant.config import PipelineConfig
from assistant.refusal import Refusal


def overrules_rules(refusal: Refusal | None, not_covered: float | None, config: PipelineConfig) -> bool:
    """Is `refusal` a rule's that read the question's time, dropped because the learned signal's probability that the
    documents do not cover the question (`not_covered`) is below `config.inscope21_covered`?"""
    return (config.inscope21 and refusal is not None and refusal.dated and not_covered is not None
            and not_covered < config.inscope21_covered)
