"""chat26: "ok thanks", "hello" and questions not in English get a short reply, not the full refusal; real
questions (even ones starting "thanks, and ...") are answered exactly as without the switch."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.config import DEFAULT_CONFIG
from assistant.small_talk import small_talk_answer, small_talk_kind

QUESTION = "How many people should a primary care network cover?"


@pytest.fixture(scope="module")
def chatty(indexed):
    return indexed.with_config(replace(DEFAULT_CONFIG, chat26=True))


@pytest.fixture(scope="module")
def plain(indexed):
    """The assistant as users met it before round 26 (chat26 off)."""
    return indexed.with_config(replace(DEFAULT_CONFIG, chat26=False))


def test_small_talk_replies_are_on_by_default():
    assert DEFAULT_CONFIG.chat26


@pytest.mark.parametrize(("turn", "kind"), [("ok thanks", "thanks"), ("Thank you!", "thanks"), ("hello", "greeting"),
                                            ("Hi there", "greeting"), ("bye", "bye"), ("great", "ack"),
                                            ("That's really helpful", "ack"), ("Great, thanks!", "thanks")])
def test_small_talk_is_told_apart(turn, kind):
    assert small_talk_kind(turn) == kind


@pytest.mark.parametrize("question", ["thanks, and what about primary care networks?", "ok so when are plans due?",
                                      "care", "yes", "great?", "What is good care?", "cash releasing productivity ask per yr?",
                                      "Plan for NHS 111 in Wales?"])
def test_questions_and_single_topics_are_not_small_talk(question):
    assert small_talk_answer(question) is None


@pytest.mark.parametrize("question", ["ما هي خطة الخدمات الصحية طويلة الأجل؟",
                                      "Beth mae'r cynllun yn ei ddweud am ofal sylfaenol?",
                                      "Co plan mówi o opiece zdrowotnej?", "Что говорит план о первичной помощи?"])
def test_a_question_not_in_english_is_told_the_assistant_answers_in_english(question):
    answer = small_talk_answer(question)
    assert answer is not None and "only answer in English" in answer.answer and "Long Term Plan" in answer.answer


def test_ok_thanks_after_an_answer_gets_a_short_reply_not_the_refusal(plain, chatty):
    first = chatty.ask(QUESTION)
    history = [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": first.answer}]
    default = plain.ask("ok thanks", history)
    assert default.abstained or default.citations  # what users met: the full refusal, or an answer read again
    reply = chatty.ask("ok thanks", history)
    assert not reply.abstained and not reply.citations and "welcome" in reply.answer.lower()
    assert "Long Term Plan" in reply.answer and len(reply.answer) < 250
    hello = chatty.ask("hello")
    assert not hello.abstained and hello.answer.startswith("Hello") and not hello.citations


def test_a_question_starting_with_thanks_is_answered_as_without_the_switch(plain, chatty):
    question = "thanks, and how many people should a primary care network cover?"
    assert chatty.ask(question).to_dict() == plain.ask(question).to_dict()
    assert chatty.ask(QUESTION).to_dict() == plain.ask(QUESTION).to_dict()


def test_a_question_in_arabic_says_the_assistant_answers_in_english(plain, chatty):
    question = "ما هي خطة الخدمات الصحية طويلة الأجل؟"
    assert "English" not in plain.ask(question).answer  # the default, as users met it
    assert "only answer in English" in chatty.ask(question).answer
