"""Answers read like a knowledgeable colleague wrote them: the answer first, each fact once, lists complete,
broad questions as bullets, digest labels gone; and the style is measured beside the facts."""

from __future__ import annotations

import re

import numpy as np
import pytest

from assistant.answer_style import first_sentence, repeated_figures
from assistant.subquestions import split_question
from assistant.wording import clean_sentence, points_back


@pytest.mark.parametrize(
    ("digest", "shown"),
    [
        ("Timeline for five-year system plans: drafts are due by mid-September 2019.",
         "Drafts are due by mid-September 2019."),
        ("According to published summaries, final plans follow in November 2019.",
         "Final plans follow in November 2019."),
        ("Smoking commitments by March 2024: every smoker is offered help.",  # the label holds the date: kept
         "Smoking commitments by March 2024: every smoker is offered help."),
        ("The plan lists five changes:", "The plan lists five changes."),  # never ends mid-sentence
        ("The first is a strategy delivery plan: a narrative of what the system will do.",  # a statement, no label
         "The first is a strategy delivery plan: a narrative of what the system will do."),
        ("Because they are foundational, these are not optional: each plan must say how.",
         "Because they are foundational, these are not optional: each plan must say how."),
    ],
)
def test_digest_labels_are_rendered_as_plain_sentences(digest, shown):
    assert clean_sentence(digest) == shown


def test_label_led_digest_sentence_is_shown_clean_in_an_answer(indexed):
    answer = indexed.ask("By when must the NHS cut air pollutant emissions from its fleet?")
    assert not answer.abstained
    assert not re.match(r"^[A-Z][\w ]{0,40}:", answer.answer)


def test_a_fact_several_passages_state_is_given_once_with_every_citation():
    from assistant.answer import _supporting

    candidates = [
        (0, "Primary care networks typically cover 30,000 to 50,000 people."),
        (1, "Each network serves 30,000 to 50,000 patients."),
        (2, "Draft plans are due by mid-September 2019."),
    ]
    vectors = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]])
    assert _supporting([0], candidates, vectors) == {0: [1]}


def test_repeated_figure_is_stated_once_with_two_citations(indexed):
    answer = indexed.ask("How many people does a primary care network cover?")
    assert answer.answer.count("30,000") == 1
    assert repeated_figures(answer.answer) == []


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("How many link workers are PCNs getting, and by when?", 2),
        ("What is a PCN and what is an ICS?", 2),
        ("When are drafts due? When are final plans due?", 2),
        ("How big is a primary care network?", 1),
        ("Which systems and networks take part?", 1),
    ],
)
def test_two_part_questions_are_split_into_parts(question, parts):
    assert len(split_question(question)) == parts


def test_a_two_part_question_cites_an_answer_to_each_part(indexed):
    answer = indexed.ask("When are draft system plans due, and when do the final versions follow?")
    assert "mid-September 2019" in answer.answer and "November 2019" in answer.answer
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers == {c.n for c in answer.citations}


def test_one_fact_question_puts_the_fact_in_the_first_sentence(indexed):
    answer = indexed.ask("How many people does a primary care network cover?")
    assert "30,000" in first_sentence(answer.answer)


def test_chapter_list_is_answered_from_the_outline(indexed):
    answer = indexed.ask("What are the annexes of the implementation framework?")
    assert not answer.abstained
    bullets = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert bullets == ["- Annex C: LTP headline metrics [1]"]
    assert answer.citations[0].section.startswith("Annex C")


def test_broad_question_gets_bullets_from_different_passages(indexed):
    answer = indexed.ask("What's in chapter 1 of the plan?")
    bullets = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert 3 <= len(bullets) <= 6
    cited = [re.findall(r"\[(\d+)\]", b) for b in bullets]
    assert all(cited) and len({c[0] for c in cited}) == len(bullets)
    assert not answer.answer.splitlines()[0].startswith("- ")


def test_style_measures_count_a_figure_stated_twice():
    assert repeated_figures("Networks cover 30,000 people [1]. Each covers 30,000 people [2].") == ["30,000"]
    assert repeated_figures("Networks cover 30,000 people [1][2]. Drafts are due in 2019 [3].") == []
    assert repeated_figures("Spend rises £4.5 billion by 2023/24 [1]. Link workers by 2023/24 [2].") == []
    assert first_sentence("Due by 2019 [1]. More [2].") == "Due by 2019 "


def _choose_for(question: str, candidates: list[tuple[int, str]]) -> list[str]:
    """The sentences `_choose` keeps when every candidate scores about as well and none repeats another."""
    from assistant.answer import _choose

    vectors = np.eye(len(candidates))
    scores = np.array([1.0 - 0.01 * i for i in range(len(candidates))])
    return [candidates[i][1] for i in _choose(question, candidates, scores, vectors)]


def test_a_one_fact_answer_never_adds_a_sentence_whose_only_news_is_another_figure():
    candidates = [(0, "Primary care networks typically cover 30,000 to 50,000 people."),
                  (1, "Networks will share an extra £4.5 billion a year for community teams by 2023/24.")]
    assert _choose_for("How many patients is a PCN supposed to cover?", candidates) == [candidates[0][1]]


def test_a_figure_of_the_asked_kind_about_something_else_is_left_out_too():
    candidates = [(0, "Prescribing fewer over-the-counter items saves more than £200 million a year."),
                  (1, "The NHS spends £16 billion on medicines.")]
    assert len(_choose_for("How much does the NHS save on over-the-counter items?", candidates)) == 1


@pytest.mark.parametrize(
    ("question", "candidates"),
    [("How many link workers will PCNs get, and by when?",  # the date the question also asks for
      [(0, "More than 1,000 link workers will join primary care networks."),
       (1, "Link workers are to be in place across England by the end of 2020/21.")]),
     ("How many nurses will the plan add?",  # the same statement's other figure, from the lead's own passage
      [(0, "The plan adds 5,000 nurses in its first year."), (0, "Nurse numbers rise to 12,400 by 2025.")])],
    ids=["asked-for-date", "rest-of-the-figure"],
)
def test_a_second_sentence_joins_a_one_fact_answer_only_to_complete_the_fact(question, candidates):
    assert _choose_for(question, candidates) == [text for _, text in candidates]


def test_the_count_of_the_very_thing_asked_about_leads():
    from assistant.answer import _asked_for_first

    candidates = [(0, "Over 900,000 people are to be referred to social prescribing by 2023/24."),
                  (0, "More than 1,000 trained link workers will be in place by 2020/21.")]
    chosen, joined = _asked_for_first("How many link workers are PCNs getting, and by when?", [0, 1], candidates)
    assert chosen == [1, 0] and joined == 0


def test_a_share_is_what_a_share_question_gets_first():
    from assistant.answer import _asked_for_first

    candidates = [(0, "By March 2021 most women should have the same midwife throughout."),
                  (1, "In 2019 the aim was to offer 20% of pregnant women continuity of carer.")]
    chosen, _ = _asked_for_first("What share of women had continuity of carer in 2019?", [0, 1], candidates)
    assert chosen[0] == 1


def test_a_list_that_leans_on_its_lead_is_joined_to_it_so_the_first_sentence_holds_the_list():
    from assistant.answer import _asked_for_first

    candidates = [(0, "The first prevention metric is higher take-up of screening and immunisation."),
                  (0, "The web page tracks it through four measures: MMR; bowel screening; breast screening; and "
                      "cervical screening.")]
    chosen, joined = _asked_for_first("Which measures sit behind the prevention metric?", [0, 1], candidates)
    assert chosen == [0, 1] and joined == 1


@pytest.mark.parametrize(
    ("lead", "items", "shown"),
    [("A system plan comes in two parts.", ["The first is a strategy delivery plan: a narrative.",
                                            "The second is supporting technical material."],
      "A system plan comes in two parts; the first is a strategy delivery plan: a narrative; the second is "
      "supporting technical material."),
     ("The framework lists ten features.", ["A plan should be clinically led; locally owned; and financially balanced."],
      "The framework lists ten features: a plan should be clinically led; locally owned; and financially balanced."),
     ("The plan makes five changes.", ["Integrated Care Systems cover every area."],  # a name keeps its capitals
      "The plan makes five changes: Integrated Care Systems cover every area.")],
)
def test_an_announced_list_and_its_items_read_as_one_sentence(lead, items, shown):
    from assistant.wording import joined_sentence

    context = "a system plan; the first is; the second is; a plan should be; integrated care"
    assert joined_sentence(lead, items, context) == shown


@pytest.mark.parametrize(
    ("sentence", "alone"),
    [("For each of the four, systems set out how they will deliver the commitments locally.", False),
     ("This means more care is given at home by community teams.", False),
     ("The first is a strategy delivery plan for the whole system.", False),
     ("In addition, every trust will appoint a chief clinical information officer.", False),
     ("Personalised care targets by 2023/24: every system offers social prescribing to all.", False),  # a label
     ("Primary care networks will offer first contact physiotherapy in every area.", True),
     ("The two-hour crisis response standard applies across England by 2023/24.", True),
     ("Systems should set out plans for (a) staffing and (b) money by", False),  # ends mid-sentence
     ("Opt-in initiatives for physios: first, postnatal services; second, stroke rehabilitation.", False)],
)
def test_no_bullet_of_a_broad_answer_leans_on_a_sentence_it_lacks(sentence, alone):
    from assistant.summary import _stands_alone

    assert _stands_alone(sentence) is alone


def test_broad_answer_bullets_read_as_standalone_sentences(indexed):
    from assistant.wording import has_label, is_fragment

    answer = indexed.ask("What's in chapter 1 of the plan?")
    bullets = [re.sub(r"\s*(\[\d+\])+$", "", line[2:]) for line in answer.answer.splitlines() if line.startswith("- ")]
    assert len(bullets) >= 3
    for bullet in bullets:
        assert not is_fragment(bullet) and not has_label(bullet) and bullet.endswith(".")


def test_a_lead_that_points_back_yields_to_a_sentence_stating_the_same_figure_alone():
    from assistant.answer import _standalone_lead

    candidates = [(0, "That money funds community teams around networks that usually serve 30-50,000 people."),
                  (1, "The extra £4.5 billion pays for teams aligned with networks covering 30,000 to 50,000 people."),
                  (2, "Each network usually serves 30,000 to 50,000 people from its practices' lists.")]
    scores = np.array([0.85, 0.78, 0.74])
    # Both others state the range on their own; the one adding no other figure leads.
    assert _standalone_lead([0, 1], candidates, scores, margin=0.16)[0] == 2
    # Too far behind, or stating only part of the figure, is no replacement: the lead stays.
    assert _standalone_lead([0], candidates, np.array([0.85, 0.5, 0.5]), margin=0.16) == [0]
    assert _standalone_lead([0], candidates[:1] + [(1, "Networks serve 50,000 people.")], np.array([0.85, 0.84]),
                            margin=0.16) == [0]


def test_a_topic_the_documents_treat_in_few_places_still_gets_a_summary(fake_embeddings):
    """Issue 21's example: "what does the plan mean for primary care?" found two points within the relevance
    margin and fell back to two unrelated sentences; a third point a little further down makes it a summary."""
    from assistant.config import PipelineConfig
    from assistant.retrieve import Hit
    from assistant.summary import summary_answer
    from indexer.passage import Passage

    texts = ["Primary care networks of GP practices will get larger community teams across England.",
             "Every primary care network will have a named clinical director for its GP practices.",
             "Primary care will receive a growing share of the budget, with at least £4.5 billion more by 2023/24.",
             "Hospital car parking charges are a separate matter for trusts to decide locally."]
    hits = [Hit(Passage(f"p{n}", "ltp", f"s{n}", ("Chapter 1", f"Section {n}"), text, order=n), 1.0 - n / 10, 0.8)
            for n, text in enumerate(texts)]

    def ask(config):
        return summary_answer("What does the plan mean for primary care?", "primary care", hits, [], [], {},
                              fake_embeddings, config)

    narrow = PipelineConfig(summary_relevance_margin=0.0, summary_wide_margin=0.0)
    assert ask(narrow) is None, "one point within the margin: no summary"
    answer = ask(PipelineConfig(summary_relevance_margin=0.0))
    bullets = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert len(bullets) >= 3 and all("primary care" in b.lower() for b in bullets[:3])


@pytest.mark.parametrize(
    ("question", "expected"),
    [("What does the long term plan mean for primary care?", "primary care"),
     ("summarise the plan for physios", "physios"),
     ("what does the LTP mean for stroke care? (Long Term Plan)", "stroke care")],
)
def test_a_broad_question_is_searched_for_by_its_topic_without_the_frame(question, expected):
    from assistant.summary import topic

    assert topic(question) == expected


def test_topic_and_full_question_rankings_are_taken_in_turn_each_passage_once():
    from assistant.retrieve import Hit
    from assistant.summary import interleaved
    from indexer.passage import Passage

    def hits(*ids):
        return [Hit(Passage(i, "ltp", "s", ("S",), "text"), 1.0, 0.5) for i in ids]

    merged = interleaved([hits("a", "b", "c"), hits("b", "x")], k=4)
    assert [h.passage.id for h in merged] == ["a", "b", "x", "c"]


def test_a_broad_answer_prefers_the_headline_figure_among_near_equal_points():
    """Issue 16: diabetes bullets gave general aims and missed "200,000 places"; a point stating a figure wins a near
    tie with one that states none."""
    import numpy as np

    from assistant.config import PipelineConfig
    from assistant.retrieve import Hit
    from assistant.summary import summary_answer
    from indexer.passage import Passage

    aim = "The NHS will keep helping primary care so more people with diabetes reach their treatment targets."
    figure = "The Diabetes Prevention Programme will double in size to 200,000 places a year by 2023/24."
    others = ["Every pregnant woman with type 1 diabetes will be offered continuous glucose monitoring from now.",
              "Flash glucose monitors will be available to patients with type 1 diabetes who meet the criteria."]
    vectors = {"diabetes": [1.0, 0, 0, 0, 0], aim: [0.80, 0.6, 0, 0, 0], figure: [0.78, 0, 0.626, 0, 0],
               others[0]: [0.7, 0, 0, 0.714, 0], others[1]: [0.7, 0, 0, 0, 0.714]}

    class Table:
        def embed_query(self, text):
            return vectors[text]

        def embed_sentences(self, texts):
            return np.array([vectors[t] for t in texts])

    texts = [aim, figure, *others]
    sections = ["s0", "s0", "s1", "s2"]
    hits = [Hit(Passage(f"p{n}", "ltp", sections[n], ("Chapter 3", sections[n]), text, order=n), 0.9, 0.8)
            for n, text in enumerate(texts)]
    answer = summary_answer("What does the plan mean for diabetes care, overall?", "diabetes", hits, [], [], {},
                            Table(), PipelineConfig(summary_max_bullets=3))
    assert "200,000" in answer.answer and aim not in answer.answer
    plain = summary_answer("What does the plan mean for diabetes care, overall?", "diabetes", hits, [], [], {},
                           Table(), PipelineConfig(summary_max_bullets=3, summary_fact_bonus=0.0))
    assert aim in plain.answer and "200,000" not in plain.answer


@pytest.mark.parametrize(("sentence", "leans"), [
    ("That money funds teams serving 30-50,000 people.", True),
    ("Both also sit on the Taskforce for Lung Health.", True),
    ("To ease it, the plan widens online self-management.", True),
    ("Its example is ESCAPE-pain, an online programme.", True),
    ("Roles such as pharmacists, counsellors and nurses have grown by nearly 5,000.", False),
    ("The plan says that every area will be covered by April 2023.", False),
    ("Each network is built on its practices' lists.", True),
])
def test_a_sentence_points_back_when_its_opening_words_lean_on_the_one_before(sentence, leans):
    assert points_back(sentence) is leans


def test_at_the_start_only_a_first_word_pointing_back_counts():
    assert points_back("That money funds teams.", at_start=True)
    assert not points_back("Each network is built on its practices' lists.", at_start=True)
