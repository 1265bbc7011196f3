"""A rule's refusal overruled when the learned signal is sure the documents cover the question (PipelineConfig.inscope21).

inscope19 overruled one rule, the figure gate, that way. The other refusal rules misread words too: "what is it now"
where the passage gives today's share beside the 2023/24 one ("about a third ... compared with about a fifth now"),
"the new contract" read as a later document when the plan's own PCN contract is meant, "Jan" read as a place in "the
Frontline editor's comment in Jan 2019", "Black and Asian" read as a name the documents never use. Each rule refuses
few answerable questions and many more out-of-scope ones, so no rule is relaxed by its own words; a refusal is
dropped only when the learned signal (its embedding and retrieval scores, blind to the rule's words) puts the chance
that the documents do not cover the question below `inscope21_covered`, chosen leave-one-batch-out over the tuning
batches (docs/benchmarks.md, "Answerable questions wrongly refused, round 21 (inscope21)").

The refusals about the asker's own care, contact details and writing tasks are never overruled: the documents cover
the subject of "should my mum with COPD start pulmonary rehab?", and the refusal is the point.
"""

from __future__ import annotations

from assistant.config import PipelineConfig
from assistant.refusal import Refusal
from assistant.scope_personal import contact_details, personal_matter, writing_task


def personal(question: str) -> bool:
    """Is `question` about the asker's own care or details, or a task (a letter, code), which no signal overrules?"""
    return any(check(question, "", "") for check in (personal_matter, contact_details, writing_task))


def overrules_rules(refusal: Refusal | None, question: str, not_covered: float | None, config: PipelineConfig) -> bool:
    """Is `refusal` a rule's (not the figure gate's: inscope19's threshold reads that), dropped because the learned
    signal's probability that the documents do not cover `question` (`not_covered`) is below
    `config.inscope21_covered`?"""
    return (config.inscope21 and refusal is not None and not refusal.figure and not_covered is not None
            and not_covered < config.inscope21_covered and not personal(question))
