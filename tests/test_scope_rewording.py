"""Refusals key on what a question asks, not on how it is worded: the asker's role, workplace, family or home town
said beside an in-scope question leaves it in scope, and a false premise or a figure the documents don't give is
refused however it is phrased. Cases are kinds of rewording users type (bench/rewording_probe.jsonl has more)."""

from __future__ import annotations

import pytest
from scope_rules import ScopeRules

from assistant.asked_figure import asked_figure, missing_figure
from assistant.premise import unsupported_premise
from assistant.safety import classify
from assistant.scope import asking_clauses, corpus_text

PASSAGES = [
    "Integrated care systems will cover the whole of England by April 2021.",
    "Every trust will be fully digitised by 2024.",
    "Primary care networks will employ first contact physiotherapists and social prescribing link workers.",
    "By 2023/24 every smoker admitted to hospital will be offered NHS-funded tobacco treatment services.",
    "Newly qualified nurses and midwives will be offered an NHS job for five years in the areas that need them.",
    "Flash glucose monitors will be available to people with type 1 diabetes from April 2019.",
    "The plan will add neonatal intensive care cots where they are needed.",
    "Mental health spending will grow by at least £2.3 billion a year by 2023/24.",
    "Primary care networks of local GP practices will cover 30,000 to 50,000 people each.",
    "We will aim for a nursing vacancy rate of 5% by 2028.",
]
SCOPE = ScopeRules(PASSAGES)
TEXT = SCOPE.text
refusal = SCOPE.refusal


@pytest.mark.parametrize(
    "question",
    [
        # where the asker works or lives, said beside a national question
        "I'm a GP partner in Leeds and our practice manager asked me: when will integrated care systems cover England?",
        "I'm an MSK physio in Bristol - will primary care networks employ first contact physiotherapists?",
        "I manage a care home in Cornwall - when will integrated care systems cover the whole of England?",
        # the asker's organisation after "my", family said as background
        "Can you tell me when my trust has to be fully digitised?",
        "Should I start asking my PCN about first contact physiotherapists? Will networks employ them?",
        "My daughter is thinking about training as a midwife - would she be offered an NHS job?",
        "My son has type 1 diabetes - when can people like him get flash glucose monitors?",
        "My wife's baby was in NICU last year and there weren't enough cots: does the plan add neonatal cots?",
        # a word for now or a recent year only in the clause that gives context
        "Currently our hospital offers little to smokers - by when will every smoker admitted be offered treatment?",
        # the asker's job title, in capitals
        "As a Director of Nursing I need the plan's target nursing vacancy rate and the year it should be reached.",
    ],
)
def test_an_in_scope_question_with_the_askers_background_beside_it_is_answered(question):
    assert refusal(question) is None


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("I live in Leeds - which GP practices near me have a first contact physio?", "Leeds"),  # asks for local ones
        ("Which GP practices in Portsmouth have a first contact physio I can book?", "Portsmouth"),
        ("At Sheffield Teaching Hospitals, how long is the wait for MSK physio?", "Sheffield"),
        ("My son was referred to CAMHS in March, how long until he's seen?", "your own care"),
        ("Can you tell me when my appointment is?", "your own care"),
        ("Should I up my metformin, my sugars are high?", "your own care"),
        ("what was mental health spending in England last year?", "can't tell you what applies now"),
        ("how's the A&E doing on four hour waits lately?", "can't tell you what applies now"),
    ],
)
def test_a_local_personal_or_present_day_question_is_still_refused(question, says):
    found = refusal(question)
    assert found is not None and says in found.reason


def test_the_clauses_that_ask_are_told_from_the_askers_background():
    assert asking_clauses("I'm a physio in Bristol - how far had the pilots got?") == ["how far had the pilots got?"]
    assert asking_clauses("Tell me the vacancy target.") == ["Tell me the vacancy target."]


@pytest.mark.parametrize(
    "question",
    [
        "what was the reasoning behind the LTP scrapping primary care networks?",
        "what was the plan's reason for abolishing the 18-week referral to treatment standard?",
        "PCNs got scrapped by the plan, didn't they? why?",
        "by how much was mental health funding cut in the long term plan?",
        "how much mental health funding did the LTP take away?",
        "how many physiotherapy posts were lost because of the long term plan?",
    ],
)
def test_a_false_premise_is_found_however_it_is_phrased(question):
    assert unsupported_premise(question, TEXT) is not None
    found = refusal(question, similarity=0.7)
    assert found is not None


def test_a_change_the_passages_do_say_is_no_premise_in_any_phrasing():
    said = corpus_text(["Primary care networks will reduce avoidable admissions with urgent community response."])
    assert unsupported_premise("what's the reasoning behind the plan reducing avoidable admissions?", said) is None


def test_a_sum_asked_as_what_something_gets_paid_is_a_question_for_a_figure():
    question = "what does a primary care network get paid per registered patient through the network DES?"
    assert asked_figure(question) == ("money", [])
    assert missing_figure(question, PASSAGES) is not None


def test_a_count_of_places_is_answered_by_a_count_of_locations_or_sites():
    passage = "Urgent treatment centres (UTCs) have opened at 110 locations so far."
    assert missing_figure("How many urgent treatment centres were already open?", [passage]) is None
    assert missing_figure("How many urgent treatment centres were already open?",
                          ["Urgent treatment centres (UTCs) have opened across the country."]) is not None


@pytest.mark.parametrize(
    ("message", "signposted"),
    [
        ("I'm a nurse on a hyperacute stroke unit - how many patients should get thrombectomy?", False),
        ("I work on a stroke unit, what's changing for thrombectomy?", False),
        ("my dad's face has dropped and he's slurring - is he having a stroke?", True),
        ("i think i'm having a stroke", True),
    ],
)
def test_a_professional_asking_about_their_work_is_not_signposted(message, signposted):
    assert (classify(message) is not None) is signposted


@pytest.mark.parametrize(
    ("message", "signposted"),
    [
        ("Does my team need to offer alcohol care under the plan's new approach?", False),
        ("does our trust have to run a physio service for people with back pain?", False),
        ("I'm a nurse and I've got chest pain", True),
        ("I'm a physio and my knee hurts, should I rest it?", True),
    ],
)
def test_a_question_about_the_askers_workplace_is_about_work_not_health(message, signposted):
    assert (classify(message) is not None) is signposted


@pytest.mark.parametrize("short", ["NHSE", "NHSEI", "CAMHS", "MDT", "RTT"])
def test_everyday_nhs_short_forms_are_no_unknown_names(short):
    assert refusal(f"What will primary care networks and {short} do about it?", similarity=0.5) is None


def test_a_short_form_the_documents_never_use_is_still_an_unknown_name():
    found = refusal("What will primary care networks and the HCPC do about it?", similarity=0.5)
    assert found is not None and "HCPC" in found.names


def test_a_place_beside_a_question_about_the_askers_own_organisation_is_the_place_asked_about():
    found = refusal("I'm a physio in Cardiff - by when does my health board need first contact physiotherapists?")
    assert found is not None and "Cardiff" in found.reason


def test_the_last_year_of_life_is_no_question_about_last_year():
    assert refusal("What do primary care networks offer people in their last year of life?") is None


def test_a_town_said_only_as_where_the_asker_works_is_no_unknown_name():
    assert refusal("I'm a practice manager in Kent. Will primary care networks employ link workers?", similarity=0.5) \
        is None
    found = refusal("I'm a practice manager in Kent. Are link workers being employed here?", similarity=0.5)
    assert found is not None and "Kent" in found.reason


@pytest.mark.parametrize(
    "question",
    ["Is it true the plan is shutting A&E departments? How many?",
     "I heard the long term plan has scrapped primary care networks - what replaces them?"],
)
def test_a_change_the_asker_has_heard_of_is_a_premise_to_check(question):
    assert unsupported_premise(question, TEXT) is not None


def test_a_question_about_what_the_background_named_still_needs_the_name():
    found = refusal("I'm a practice manager in Kent. Will primary care networks employ link workers there, and are "
                    "they paid by it?", similarity=0.5)
    assert found is not None and "Kent" in found.reason


def test_a_short_question_leaning_on_the_background_still_needs_its_place():
    found = refusal("our health board in Cardiff wants first contact physiotherapists - when is the deadline?")
    assert found is not None and "Cardiff" in found.reason


def test_a_change_to_something_else_beside_the_premises_words_does_not_back_it():
    found = corpus_text(["The first change removes the old dividing line between primary care and community health "
                         "services.", "Primary care networks of local GP practices will cover 30,000 to 50,000 people."])
    for question in ("How come the long term plan got rid of primary care networks?",
                     "How come the long term plan got rid of PCNs?"):
        assert unsupported_premise(question, found) is not None
    assert unsupported_premise("Why did the plan end the old dividing line between primary care and community "
                               "services?", found) is None


def test_making_something_optional_is_a_premise_the_passages_must_state():
    found = corpus_text(["Primary care networks will be able to recruit first contact physiotherapists from 2020/21, "
                         "funded through the network contract."])
    premise = unsupported_premise("Why did the implementation framework make the FCP rollout optional for systems?", found)
    assert premise is not None and "make the FCP rollout optional" in premise[1]
    said = corpus_text(["Recruiting first contact physiotherapists is optional for each PCN's rollout."])
    assert unsupported_premise("Why did the framework make the FCP rollout optional?", said) is None


@pytest.mark.parametrize(
    "question",
    [
        "For an away day in Norfolk, what are the People Plan's themes?",
        "For a workforce away day in Norfolk next month, what are the themes of the Interim NHS People Plan?",
    ],
)
def test_a_place_said_only_as_the_occasion_for_a_question_about_a_named_document_is_background(question):
    people_plan = ScopeRules(["The Interim NHS People Plan's themes are making the NHS the best place to work and "
                              "improving leadership culture."])
    assert people_plan.refusal(question) is None
    assert people_plan.refusal("In Norfolk, how many physios will there be?") is not None


@pytest.mark.parametrize(
    ("question", "refused"),
    [
        ("Currently, by when will integrated care systems cover the whole of England?", False),
        ("Currently, what date are integrated care systems meant to cover England by", False),
        ("What's the current deadline for every trust to be fully digitised?", False),
        ("How many integrated care systems are there currently?", True),
        ("How many nurses are vacant right now?", True),
    ],
)
def test_now_beside_a_question_for_a_deadline_asks_for_the_documents_date(question, refused):
    answer = refusal(question)
    assert (answer is not None and "can't tell you what applies now" in answer.reason) is refused


@pytest.mark.parametrize(
    ("message", "signposted"),
    [
        ("As a physiotherapy manager, my lower back has been killing me for 3 weeks, what exercises should i be doing",
         True),
        ("I'm a nurse and my left knee is swollen - what should I take?", True),
        ("As a physiotherapy manager, what does the plan say about back pain services?", False),
    ],
)
def test_the_askers_own_body_is_a_health_question_whatever_their_job(message, signposted):
    assert (classify(message) is not None) is signposted


def test_a_thing_that_closed_of_itself_is_no_premise_about_the_plan():
    found = corpus_text(["Views were sought on proposed changes to legislation."])
    assert unsupported_premise("The engagement on proposed changes to legislation - on what date did it close?",
                               found) is None
    assert unsupported_premise("why did the plan scrap PCNs?", found) is not None


@pytest.mark.parametrize(
    ("question", "in_scope"),
    [
        ("I work in Norfolk - by when will integrated care systems cover England, and will it be April?", True),
        ("I work in Norfolk - when will they cover the whole of England?", True),
        ("I work in Norfolk - how many integrated care systems will there be by April 2021?", True),
        ("I work in Norfolk - is there any help to influence local implementation of integrated care systems?", True),
        ("I work in Norfolk - how many physios does our trust have?", False),
        ("I work in Norfolk - which local GP practices will employ first contact physiotherapists?", False),
        ("I work in Norfolk - will primary care networks employ link workers there?", False),
        ("I work in Norfolk - which GP practices near me have first contact physiotherapists?", False),
    ],
)
def test_where_the_asker_works_is_background_even_when_the_question_says_it(question, in_scope):
    found = refusal(question)
    assert (found is None or "Norfolk" not in found.reason) is in_scope


@pytest.mark.parametrize(("question", "spelt_out"), [
    ("how many utcs were already open when the ltp came out?", "urgent treatment centre"),
    ("how many areas should have ucr teams by the first winter", "urgent community response"),
    ("How many UTCs were open in 2019?", "urgent treatment centre"),
])
def test_an_acronym_typed_in_lower_case_or_plural_is_searched_for_spelt_out(question, spelt_out):
    from assistant.glossary import expand_acronyms
    assert spelt_out in expand_acronyms(question)


def test_a_two_letter_acronym_that_is_a_word_in_lower_case_is_left_alone():
    from assistant.glossary import expand_acronyms
    assert expand_acronyms("what if the ed is busy?") == "what if the ed is busy?"


@pytest.mark.parametrize(
    ("question", "personal"),
    [
        ("Can you tell me if I qualify as a midwife, am I guaranteed a job?", False),
        ("Can you tell me where do I find the LTP headline metrics we have to include trajectories for?", False),
        ("Can you tell me if I'm still on the knee surgery list?", True),
        ("Could you check whether I get seen within 18 weeks?", True),
    ],
)
def test_tell_me_if_i_asks_about_the_askers_care_only_when_it_is_about_their_care(question, personal):
    from assistant.scope_personal import personal_matter
    assert (personal_matter(question, "", "") is not None) is personal


@pytest.mark.parametrize("question", ["How many UTCs were already open when the LTP came out?",
                                      "how many utcs were already open when the ltp came out?"])
def test_a_count_of_locations_answers_how_many_of_a_facility_asked_by_its_plural_acronym(question):
    assert missing_figure(question, ["Urgent treatment centres (UTCs), where NHS 111 can book appointments, have "
                                     "opened at 110 locations so far."]) is None


@pytest.mark.parametrize("question", [
    "i'm a physio in cardiff - by when does my health board need fcps in every gp cluster?",
    "Do health boards have to employ first contact physiotherapists?",
])
def test_a_health_board_or_gp_cluster_is_the_nhs_of_wales_or_scotland_however_it_is_typed(question):
    found = refusal(question)
    assert found is not None and "Wales and Scotland" in found.reason


def test_health_and_wellbeing_boards_are_english():
    assert refusal("Will primary care networks employ first contact physiotherapists, and do health and wellbeing "
                   "boards have a say?") is None
