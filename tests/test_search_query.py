"""What a question is searched for: the asker's own introduction ("As a PCN clinical director, ...") says who asks,
not what is asked, so the search also runs without it and finds what the bare question finds."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.search_query import without_background


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("As a PCN clinical director, which extra roles can networks recruit?",
         "which extra roles can networks recruit?"),
        ("I'm a band 7 MSK physio. How do I get our service a voice in the local plan?",
         "How do I get our service a voice in the local plan?"),
        ("We're a small STP with no planning team. Is there any help from the centre while we write our plan?",
         "Is there any help from the centre while we write our plan?"),
        ("I work in a community trust - when is the draft system plan due?", "when is the draft system plan due?"),
        ("i'm a physio in a trust and we're writing our plan, what does the framework ask on rehab?",
         "what does the framework ask on rehab?"),
    ],
)
def test_the_askers_introduction_is_left_out_of_the_search(question, searched):
    assert without_background(question) == searched


@pytest.mark.parametrize(
    "question",
    [
        "what are the annexes of the implementation framework?",
        # what the question is about, not who asks: the question leans on it ("that")
        "Our trust is one of the biggest employers in town - does the framework expect us to do anything with that?",
        "For LD and autism: what's the cap on adult inpatients per million?",
        # the asker's introduction with nothing asked after it: nothing else to search for
        "As a physio, what now?",
    ],
)
def test_questions_without_an_introduction_are_searched_as_they_are(question):
    assert without_background(question) is None


def test_acronyms_left_in_the_question_are_still_spelt_out_for_search():
    query = "I'm an MSK physio. How many PCNs are there? (musculoskeletal; primary care networks)"
    assert without_background(query) == "How many PCNs are there? (primary care networks)"


def test_a_role_prefix_finds_the_passage_the_bare_question_finds(indexed):
    bare = "When is the draft system plan due?"
    prefixed = ("I'm a physiotherapist leading a pelvic health service for our maternity team. "
                "When is the draft system plan due?")
    top = indexed.retrieve(bare, k=1)[0].passage
    assert "mid-September 2019" in top.text
    assert indexed.retrieve(prefixed, k=1)[0].passage.id == top.id


def test_with_the_background_search_off_the_prefix_is_searched_as_written(indexed):
    from assistant.config import DEFAULT_CONFIG

    off = indexed.with_config(replace(DEFAULT_CONFIG, background_search="off"))
    prefixed = ("I'm a physiotherapist leading a pelvic health service for our maternity team. "
                "When is the draft system plan due?")
    assert [h.passage.id for h in off.retrieve(prefixed, k=3)] != [h.passage.id for h in indexed.retrieve(prefixed, k=3)]
