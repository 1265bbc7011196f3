"""The question's distinctive words (assistant/asked_words_first.py): the words that ask name nothing, and a word few
of the passages' sentences use weighs more than the topic every sentence uses."""

from __future__ import annotations

from assistant.asked_words_first import term_weights
from assistant.retrieve import tokenize

CONTEXT = ("In a 2019 briefing on the Long Term Plan's commitments for older people, the CSP and AGILE say that "
           "physiotherapists should be members of multi-professional community teams.")
NAMED = ("The older people's briefing asks for services that make the most of what physiotherapists contribute to "
         "advance care planning and to comprehensive geriatric assessment.")
LEANING = "It asks for services that make the most of what physiotherapists contribute to advance care planning."
OTHER = "Community teams will be aligned to the new primary care networks."
QUESTION = "what did the csp's older people briefing say about what physios contribute"
READ = [CONTEXT, NAMED, OTHER, "Physiotherapists who specialise in older people's care should be involved early."]


def test_words_that_ask_name_nothing():
    assert not {"what", "did", "say", "csp"} & set(term_weights(QUESTION, READ))


def test_a_word_few_sentences_use_weighs_more_than_the_topic():
    weights = term_weights(QUESTION, READ)
    (older,), (contribute,) = (tokenize([word], as_ids=False)[0] for word in ("older", "contribute"))
    assert weights[contribute] > weights[older] > 0
