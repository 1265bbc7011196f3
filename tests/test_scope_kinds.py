"""Refusals by kind of question, from the fresh probe (bench/refusal_probe_8.jsonl): another nation named by a city or
by its own kind of health body, a later document asked about (not one set beside the question), being sent something
at one's own address, one's own wait, a premise that the plan stopped something, and figures the documents don't give
for the purpose, unit or time asked. Each refusal says what the documents cover; each in-scope look-alike is answered."""

from __future__ import annotations

import pytest
from scope_rules import ScopeRules

from assistant.asked_figure import missing_breakdown, missing_figure
from assistant.premise import unsupported_premise
from assistant.refusal import COVERS
from assistant.safety import WORKPLACE
from assistant.scope_personal import personal_matter

PASSAGES = [
    "Primary care networks will employ first contact physiotherapists and social prescribing link workers.",
    "Mental health spending will grow by at least £2.3 billion a year by 2023/24.",
    "The aim is that over 900,000 people are referred to social prescribing schemes by 2023/24.",
    "Changes to the immigration rules in 2018 took all doctors and nurses out of the immigration cap.",
    "Primary and community health services will receive at least £4.5 billion more by 2023/24.",
    "The NHS Diabetes Prevention Programme will double in size from 2019, the plan says.",
    "Fewer people will be admitted to hospital as emergencies.",
]
refusal = ScopeRules(PASSAGES).refusal


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("whats the health and social care trust in belfast doing about community pharmacy funding",
         "Northern Ireland"),
        ("how is the new primary care network pilot going in glasgow", "Glasgow or NHS Scotland"),
        ("Does the Cardiff practice my team works with employ first contact physiotherapists?", "NHS Wales"),
        ("What is NHS Scotland's budget for mental health next year?", "NHS Scotland"),
        ("what does hywel dda say about its MSK service", "health boards of Wales and Scotland"),
        ("how is nhs highland funding community physio", "health boards of Wales and Scotland"),
    ],
)
def test_a_question_about_another_nations_nhs_is_refused_however_the_nation_is_named(question, says):
    found = refusal(question)
    assert found is not None and says in found.reason and "NHS in England" in found.reason


@pytest.mark.parametrize(
    "question",
    [
        "My sister is a nurse in Glasgow but I work in Leeds: how much more will the plan spend on mental health?",
        "Not asking about Scotland - in England, what does the plan say primary care networks will employ?",
        "I trained in Cardiff. What does the long term plan say about mental health spending?",
    ],
)
def test_a_question_that_mentions_another_nation_only_as_background_or_contrast_is_answered(question):
    assert refusal(question) is None


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("whats the waiting time at the royal devon and exeter for knee ops", "royal devon and exeter"),
        ("what are waits like at leeds general infirmary for physio", "leeds"),
    ],
)
def test_a_hospital_named_in_lower_case_is_still_a_single_hospital_the_plans_give_no_figures_for(question, named):
    found = refusal(question)
    assert found is not None and f"plans for {named} or any other single trust" in found.reason


@pytest.mark.parametrize(
    "question",
    [
        "will primary care networks in my local hospital employ first contact physiotherapists?",
        "do physios at a district general hospital join primary care networks?",
        "Did primary care networks slow the rise in people being rushed into hospital?",
    ],
)
def test_a_kind_of_hospital_in_lower_case_names_no_particular_one(question):
    assert refusal(question) is None


@pytest.mark.parametrize(
    "question",
    [
        "Before the pandemic, what did the plan say about primary care networks?",
        "Leaving the 2023 workforce plan aside, what did the 2019 plan say changed in the immigration rules in 2018?",
        "Setting the Long Term Workforce Plan aside, what did the long term plan say about the immigration cap?",
    ],
)
def test_a_later_document_set_beside_a_question_about_the_plan_is_answered(question):
    assert refusal(question) is None


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("What does the 2023 workforce plan say about the immigration cap?", "don't include the 2023 workforce plan"),
        ("I read the 2023 workforce plan - what does the long term plan add to it?", "2023 workforce plan"),
        ("what does the long term workforce plan say about immigration", "that later plan"),
    ],
)
def test_a_later_document_asked_about_is_refused_naming_what_the_documents_are(question, says):
    found = refusal(question)
    assert found is not None and says in found.reason and found.reason.startswith(COVERS)


@pytest.mark.parametrize(
    "question",
    [
        "my email is pm@oakfieldsurgery.nhs.uk, send me the PCN contract summary",
        "can you forward the checklist to my inbox please",
        "how long will i wait for a knee op",
        "How long will my mum have to wait for her hip operation?",
        "my GP says I need a hip replacement, how long should I expect to wait?",
    ],
)
def test_asking_to_be_sent_something_or_about_ones_own_wait_is_a_personal_matter(question):
    found = personal_matter(question, "", "")
    assert found is not None and "national NHS plans" in found.reason


@pytest.mark.parametrize(
    "question",
    [
        "My email is pm@oakfieldsurgery.nhs.uk - which roles will primary care networks employ?",
        "Send me a summary of what primary care networks will do",
        "How long will patients wait for crisis response under the plan?",
    ],
)
def test_personal_details_or_send_me_alone_do_not_make_a_policy_question_personal(question):
    assert personal_matter(question, "", "") is None


def test_the_premise_that_the_plan_stopped_something_it_keeps_is_refused():
    question = "Why has the plan stopped funding the Diabetes Prevention Programme?"
    assert unsupported_premise(question, "the nhs diabetes prevention programme will double in size") is not None
    assert unsupported_premise(question, "funding for the diabetes prevention programme stops in 2020") is None
    found = refusal(question)
    assert found is not None and "never say the plan did that" in found.reason


def test_the_plans_aim_asked_currently_is_the_plans_own_aim():
    assert refusal("what is currently the aim for social prescribing referrals") is None
    found = refusal("how many people are currently referred to social prescribing?")
    assert found is not None and "can't tell you what applies now" in found.reason


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        ("What per-patient payment do PCNs get for extended hours access?",
         "Primary and community health services will receive at least £4.5 billion more by 2023/24."),
        ("How much money does the plan set aside specifically for pelvic health clinics?",
         "Primary and community health services will receive at least £4.5 billion more by 2023/24."),
        ("How many urgent treatment centres will there be in total once the model is fully in place?",
         "Urgent treatment centres have opened at 110 locations so far."),
    ],
)
def test_a_figure_for_another_purpose_unit_or_time_does_not_answer_a_near_miss(question, passage):
    assert missing_figure(question, [passage]) is not None


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        ("How much money goes to primary and community care?",
         "Primary and community health services will receive at least £4.5 billion more by 2023/24."),
        ("At the moment how many places have urgent treatment centres opened, per the plan",
         "Urgent treatment centres have opened at 110 locations so far."),
        ("What payment per patient do networks get for extended hours?",
         "Networks are paid £1.45 per registered patient for extended hours."),
    ],
)
def test_a_figure_said_of_what_is_asked_answers_it(question, passage):
    assert missing_figure(question, [passage]) is None


def test_a_waiting_time_the_documents_never_set_is_a_figure_they_dont_give():
    question = "What maximum waiting time in weeks does the plan set for community physiotherapy?"
    assert missing_breakdown(question, ["Crisis response teams will reach people within two hours."]) is not None
    assert missing_breakdown(question, ["Community physiotherapy will see patients within six weeks."]) is None


@pytest.mark.parametrize("words", ["my patients", "our ward", "my caseload", "our commissioners", "my role"])
def test_one_list_of_workplace_words_serves_signposting_and_the_personal_matter_rule(words):
    assert WORKPLACE.search(f"does {words} need to offer this?")
    assert personal_matter(f"tell me when {words} has to offer this", "", "") is None


def test_a_question_about_a_northern_irish_trust_is_refused_with_related_passages_not_citations(indexed):
    answer = indexed.ask("what is the belfast health and social care trust doing about primary care networks?")
    assert answer.abstained and answer.citations == []
    assert "Northern Ireland" in answer.answer and "NHS in England" in answer.answer
    assert answer.related


# Blind probe 7's kinds (bench/blind_probe_7.jsonl): a clinician's question about one patient's treatment, someone's
# contact details, a thing or sum the documents are said to give that they never mention, and whether a plan was met.

@pytest.mark.parametrize(
    "question",
    [
        "my patient is 6 weeks after a hip replacement, is it safe to start running",
        "what exercise intensity is safe for a COPD patient with oxygen saturation of 88%",
        "how should I treat this patient's frozen shoulder in clinic",
    ],
)
def test_a_clinicians_question_about_one_patients_treatment_is_signposted_to_nhs_111_and_gp(question):
    from assistant.safety import signposting_answer

    answer = signposting_answer(question)
    assert answer is not None and answer.abstained and not answer.citations
    assert "NHS 111" in answer.answer and "GP" in answer.answer and "999" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "is it safe for patients to refer themselves to physio under the plan?",
        "how many patients will get cardiac rehab under the long term plan",
        "what does the plan say about exercise for patients with COPD",
    ],
)
def test_questions_about_patients_in_general_are_not_signposted(question):
    from assistant.safety import classify

    assert classify(question) is None


@pytest.mark.parametrize(
    "question",
    [
        "can you give me the email address of our ICS's workforce lead",
        "what's Jane Smith's mobile number",
        "I need the contact details for the regional AHP lead",
    ],
)
def test_asking_for_someones_contact_details_is_refused_saying_what_the_documents_are(question):
    found = refusal(question)
    assert found is not None and found.reason.startswith(COVERS) and "contact details" in found.reason


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("what's the sabbatical the plan gives primary care networks", "sabbatical"),
        ("what fine does the framework set for primary care networks", "fine"),
        ("how big is the £750m social prescribing fund in the framework", "£750m"),
        ("how will the plan's requirement for primary care networks to have a doctorate work", "doctorate"),
    ],
)
def test_a_thing_the_documents_are_said_to_give_that_they_never_mention_is_a_false_premise(question, named):
    found = refusal(question)
    assert found is not None and named in found.names and found.reason.startswith(COVERS)


@pytest.mark.parametrize(
    "question",
    [
        "how much more will primary and community health servcies receive under the plan",  # a typo
        "what does the plan say physios in primary care networks will do",  # a short form
        "how big is the £4.5 billion for primary and community health services in the plan",
    ],
)
def test_typos_short_forms_and_sums_the_documents_give_are_no_false_premise(question):
    found = refusal(question)
    assert found is None or not found.reason.startswith(f"{COVERS} They never mention")


@pytest.mark.parametrize(
    "question",
    [
        "did the nhs meet the 900,000 social prescribing target",
        "how many PCNs actually employed first contact physiotherapists",
        "was the mental health spending target achieved",
    ],
)
def test_whether_a_plan_was_carried_out_is_refused_as_after_the_documents(question):
    found = refusal(question)
    assert found is not None and "can't say whether it happened" in found.reason


def test_membership_fees_are_something_the_documents_never_set():
    found = refusal("what are the CSP subscription rates for retired members")
    assert found is not None and "fees" in found.reason and found.reason.startswith(COVERS)


ANNEX_NOTICE = ("Annex D: Supporting wider social goals. Annex D, from printed page 42, is about how the NHS can support "
                "wider social goals. No public copy we could reach shows what the annex says, so this digest does not "
                "summarise it; see the official framework from page 42.")


@pytest.mark.parametrize(
    "question",
    ["what does annex d say about buying from local suppliers", "list the commitments Annex D makes on employment"],
)
def test_what_a_part_the_copy_lacks_says_is_refused_with_where_to_read_it(question):
    found = refusal(question, passages=[ANNEX_NOTICE, *PASSAGES])
    assert found is not None and "text of Annex D" in found.reason and "page 42" in found.reason
    assert found.reason.startswith(COVERS)


def test_what_such_a_part_is_about_is_answered_from_its_notice():
    assert refusal("what is annex d about?", passages=[ANNEX_NOTICE, *PASSAGES]) is None


def test_how_much_an_improvement_is_worth_is_answered_by_a_percentage():
    passages = ["NHS Improvement commits to improving staff retention by at least 2% by 2025, which is equivalent to "
                "12,400 additional nurses."]
    assert missing_figure("How much retention improvement has NHSI committed to and what's that worth in nurses?",
                          passages) is None
