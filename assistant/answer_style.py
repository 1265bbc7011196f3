"""How answers read, measured: does the first sentence hold the fact, is any figure stated twice, how long are
answers to questions after one fact. Reported beside answer-contains-fact so a style gain never hides a lost fact.
"""

from __future__ import annotations

import re
from collections import Counter

MARKERS = re.compile(r"\s*(\[\d{1,2}\])+")
FIGURE = re.compile(r"£\d[\d,.]*(?: ?(?:billion|million|bn|m)\b)?|\d[\d,.]*%|\d[\d,.]* (?:billion|million)\b|"
                    r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\.\d+\b")
"""An amount: money, a percentage, a count in thousands or millions. A year is no figure here: one horizon
("by 2023/24") rightly dates several distinct commitments."""
LIST_KINDS = frozenset({"list", "broad", "summary", "two-part"})
"""Question kinds that ask for more than one fact (the question set's "kind" field)."""


def first_sentence(answer: str) -> str:
    """The answer's lead: up to its first citation marker or line break (a bulleted answer's lead line)."""
    lead = answer.strip().split("\n", 1)[0]
    marker = re.search(r"\[\d{1,2}\]", lead)
    return lead[: marker.start()] if marker else lead


def repeated_figures(answer: str) -> list[str]:
    """Amounts ("£4.5 billion", "30,000", "85%") stated in more than one sentence or bullet."""
    statements = [s for s in re.split(r"\[\d{1,2}\](?:\[\d{1,2}\])*|\n", answer) if s.strip()]
    counts: Counter[str] = Counter()
    for statement in statements:
        counts.update(set(FIGURE.findall(statement)))
    return sorted(f for f, n in counts.items() if n > 1)
