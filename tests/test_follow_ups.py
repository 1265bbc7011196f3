"""A follow-up is answered with what it asks now, not again with the answer to the question before it."""

from __future__ import annotations

from assistant.answer import extractive_answer
from assistant.follow_ups import follow_up_scores, follow_up_words
from assistant.retrieve import Hit
from indexer.passage import Passage

EARLIER = "When will urgent community response teams start recruiting, and where?"
FOLLOW_UP = "and when should the whole country be covered?"
PASSAGES = [
    "Urgent community response teams start recruiting in seven parts of England in April 2020, with teams "
    "operating in at least three areas by the following winter. Recruitment covers physiotherapists and nurses. "
    "From 2021 more areas get additional funding, so that every part of England is covered by April 2023.",
    "Urgent community response teams give older people timely support at home and keep them out of hospital.",
]


def ask(embeddings, reranker, asked: str | None):
    hits = [Hit(Passage(f"p{n}", "ltp", f"s{n}", ("Ageing well",), text, order=n), 1.0 - n / 10, 0.8 - n / 10)
            for n, text in enumerate(PASSAGES)]
    return extractive_answer(FOLLOW_UP, f"{EARLIER} {FOLLOW_UP}", hits, {}, embeddings, reranker=reranker,
                             asked=asked)


def test_a_follow_up_is_answered_by_the_sentence_for_what_it_asks_first(real_embeddings, shared_reranker):
    answer = ask(real_embeddings, shared_reranker, follow_up_words(FOLLOW_UP, f"{EARLIER} {FOLLOW_UP}"))
    first = answer.answer.split(". ")[0]
    assert "April 2023" in first, answer.answer


def test_the_folded_query_alone_answers_the_earlier_question_again(real_embeddings, shared_reranker):
    """Why the follow-up's own words are needed: the folded query's best sentence is the earlier answer."""
    answer = ask(real_embeddings, shared_reranker, None)
    assert answer.answer.startswith("Urgent community response teams start recruiting in seven parts")


def test_only_a_question_the_conversation_changed_is_a_follow_up():
    assert follow_up_words(FOLLOW_UP, f"{EARLIER} {FOLLOW_UP}") == FOLLOW_UP
    assert follow_up_words("How big is a primary care network?", "How big is a primary care network?") is None
    assert follow_up_words("How big  is a PCN?", " How big is a PCN? ") is None


def test_follow_up_scores_keep_the_scale_of_the_answer_margins():
    import numpy as np

    folded, own = np.array([0.9, 0.5]), np.array([0.3, 0.9])
    assert follow_up_scores(folded, own).tolist() == [0.6, 0.7]
    assert follow_up_scores(folded, folded).tolist() == folded.tolist()



def test_a_follow_up_reads_its_sentences_once_and_answers_as_when_read_per_score(real_embeddings, shared_reranker,
                                                                                   monkeypatch):
    """The follow-up scores every sentence twice (folded query, own words): the second score reuses the sentences'
    vectors and terms, and the answer is the one scoring each time afresh gives."""
    import assistant.answer as answer_module
    import assistant.sentence_scores as sentence_scores

    asked = follow_up_words(FOLLOW_UP, f"{EARLIER} {FOLLOW_UP}")
    reads = []
    read_sentences = answer_module.read_sentences
    counting = lambda *a: reads.append(1) or read_sentences(*a)  # noqa: E731
    monkeypatch.setattr(answer_module, "read_sentences", counting)
    monkeypatch.setattr(sentence_scores, "read_sentences", counting)  # where a score reads them when not given
    shared = ask(real_embeddings, shared_reranker, asked)
    assert len(reads) == 1

    score = answer_module._score_sentences
    monkeypatch.setattr(answer_module, "_score_sentences",
                        lambda query, candidates, embeddings, config, read=None: score(query, candidates, embeddings,
                                                                                       config))
    fresh = ask(real_embeddings, shared_reranker, asked)
    assert len(reads) > 2  # read afresh for each score
    assert shared.answer == fresh.answer and [c.passage_id for c in shared.citations] == \
        [c.passage_id for c in fresh.citations]
