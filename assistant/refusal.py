"""What every refusal carries: the reason in words for the user, the names that put the question out, and what
the documents cover, said at the start of most reasons."""

from __future__ import annotations

import re
from dataclasses import dataclass

COVERS = ("The documents I have are the NHS Long Term Plan (January 2019), its Implementation Framework (June 2019) "
          "and the CSP's guidance on them, all about the NHS in England.")


@dataclass(frozen=True)
class Refusal:
    """Why the retrieved passages cannot support an answer, in words for the user."""

    reason: str
    names: tuple[str, ...] = ()
    figure: bool = False
    """The figure gate refused it: the passages about the question state no figure of the kind asked."""
    dated: bool = False
    """A rule reading the question's time refused it: what applies now, a later year, whether a plan happened, a
    document published later (assistant/refusal_overrule.py reads these again with inscope21)."""


def normal(text: str) -> str:
    """Lower-cased, hyphens, apostrophes and slashes as spaces: how phrases are looked for in the corpus text."""
    return " ".join(re.sub(r"[-‐–—’'/]", " ", text.lower()).split())
