"""A learned signal for personal clinical questions: a logistic regression over the question's MiniLM vector (the one
retrieval embeds anyway) and a few cheap wording features, saying whether someone asks about their own (a relative's,
one patient's) symptoms or treatment, so they get NHS 111 / GP / pharmacist signposting instead of a policy passage.

The own-care rules (assistant/safety_own_care.py) name the ways of writing such a question; each round's fresh pool
brought wordings they missed (issue 16). This reads the kind of question from the embedding instead, with the wording
features saying who it is about (I, my mum, a patient, "Pt 3/52") and what they ask (should I, can she take), and is
judged by leave-sets-out cross-validation (bench/train_personal_clinical.py, docs/history/round-19.md "A learned signal for
personal clinical questions, round 19 (clinical19m)"). It only ever adds signposting, behind
`PipelineConfig.clinical19m`; crisis handling (assistant/safety.py) and the rules come first. The weights are a small
JSON file read on first use; a missing or damaged file, or one fitted over other vectors, leaves the rules to decide
alone (logged once).
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant import safety
from assistant.answer import Answer
from assistant.config import PipelineConfig
from assistant.logistic_weights import LogisticModel, WeightsFile
from assistant.safety_own_care import clinical_answer, read_text_speak

log = logging.getLogger(__name__)

SHIPPED = Path(__file__).with_name("personal_clinical.json")

_RELATIVE = re.compile(r"\b(?:my|our|his|her)\s+(?:[\w-]+\s+){0,2}?(?:son|daughter|mum|mom|mam|mother|dad|father|wife|"
                       r"husband|partner|child|kids?|baby|toddler|nan|nana|gran\w*|grandad|brother|sister|friend|aunt|"
                       r"uncle|neighbour|boyfriend|girlfriend)\b|\b(?:mum|dad|nan|grandad|grandma)(?:'s| is| has)\b", re.I)
_ONE_PATIENT = re.compile(r"\b(?:my|this|a|an|the|one|our)\s+(?:[\w/-]+\s+){0,3}?(?:patient|client|pt)\b(?!s)|"
                          r"(?:^|[.;:!?]\s*)pt\b(?!s)", re.I)
_AGE = re.compile(r"\b(?:i'?m|im|i am|he'?s|she'?s|is|aged?|age)\s+\d{1,3}\b|\b\d{1,3}\s*(?:yo|y/o|yrs?|years? old|"
                  r"-year-old|f|m)\b|\b\d{1,2}/(?:52|12|7)\b|\b(?:post|s/p)[- ]?(?:op|tkr|thr|acl|cabg|mi|stent|natal|"
                  r"partum|c-?section)\b|\b\d+\s*(?:mg|mcg|ml|units?|puffs?)\b", re.I)
"""An age ("I'm 55", "84yo"), a clinician's shorthand ("3/52 post TKR") or a dose ("500mg"): one person's details."""
_CARE_ASK = re.compile(r"\b(?:should|can|could|do|must|shall)\s+(?:i|he|she|we|they|my\s+\w+)\s+(?:be\s+)?(?:\w+ing|take|"
                       r"stop|start|up|increase|reduce|double|use|try|see|go|get|do|have|ask|rest|keep|avoid|carry|push|"
                       r"eat|drink|wait|worry|be)\b|\bis it (?:ok|okay|safe|normal|bad|fine|alright)\b|"
                       r"\bwhat (?:should|can|do) (?:i|we|he|she)\b|\bhow (?:long|often|much|many) (?:should|can|do) "
                       r"(?:i|he|she|we)\b", re.I)
"""A care decision one person makes ("should I up my dose", "can she take ibuprofen", "is it ok to run")."""
_SECOND = re.compile(r"\b(?:you|your|u|ur)\b", re.I)
_SOURCE = re.compile(r"\b(?:plan|ltp|long term plan|framework|csp|nhs england|say|says|said|target|targets|commit\w*|"
                     r"by 20\d\d|20\d\d/\d\d|national|ambition|funding|programme)\b", re.I)
"""What a policy question names: the documents, what they say, targets, years."""

WORDING = ("first_person", "second_person", "relative", "one_patient", "age_or_shorthand", "care_ask", "health",
           "personal", "policy", "source", "professional", "workplace", "words")
"""The wording features, in the order the weights file lists them after the embedding's."""


def wording_features(question: str) -> list[float]:
    """`WORDING` for one question: who it is about, what it asks, whether it names the plans or a workplace."""
    text = read_text_speak(question)
    flags = (safety.FIRST_PERSON, _SECOND, _RELATIVE, _ONE_PATIENT, _AGE, _CARE_ASK, safety.HEALTH, safety.PERSONAL,
             safety.POLICY, _SOURCE, safety.PROFESSIONAL, safety.WORKPLACE)
    return [float(bool(p.search(text))) for p in flags] + [math.log1p(len(text.split()))]


def feature_row(query_vector: Sequence[float], question: str) -> np.ndarray:
    """The embedding of the question as searched for, then its wording features: one row of the classifier's input."""
    return np.concatenate([np.asarray(query_vector, dtype=np.float64),
                           np.asarray(wording_features(question), dtype=np.float64)])


@dataclass(frozen=True)
class ClinicalModel(LogisticModel):
    """The fitted classifier: the probability that a question asks about one person's own symptoms or treatment,
    and the one above which it signposts."""

    FEATURES = ("wording", "wording features", WORDING)


class PersonalClinical:
    """The classifier one assistant asks, read from its weights file on the first question that needs it and kept;
    a missing or damaged file, or one fitted over another embedding model's vectors, leaves the rules to decide
    alone (logged once). Nothing is read while the switch is off."""

    def __init__(self, path: Path = SHIPPED) -> None:
        self.weights = WeightsFile(path, ClinicalModel, log, "clinical19m off", "the own-care rules decide alone")

    @classmethod
    def for_config(cls, config: PipelineConfig) -> PersonalClinical:
        """The classifier `config.clinical19m_weights` names ("" = the shipped file), not yet read."""
        return cls(Path(config.clinical19m_weights) if config.clinical19m_weights else SHIPPED)

    def model(self) -> ClinicalModel | None:
        """The fitted model, read once; None when the file cannot be used."""
        return self.weights.model()

    def signposting(self, question: str, query_vector: Sequence[float]) -> Answer | None:
        """NHS 111 / GP signposting when the classifier reads `question` as a personal clinical one; else None."""
        row = feature_row(query_vector, question)
        model = self.weights.fitting(row)
        if model is None or model.probability(row) < model.threshold:
            return None
        return clinical_answer(question)  # the own-care rules' reply: NHS 111 / GP / pharmacist, no passages
