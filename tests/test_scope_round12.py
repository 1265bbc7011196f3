"""Round 12 (blind probe 13): refusals by kind of question, each beside an answerable look-alike. A request that is a
task (a poem, a cover letter, IT help), the asker's own details to look up, another nation named in a clause that
asks, a document dated after 2019, today set beside the plan's time, a change the plan is blamed for or said to have
dropped, a figure of an annex the copy lacks, and one's own choice of device are refused, saying what the documents
cover, with related passages and no citations. Questions that only look like these (a nation the asker says they are
not in, a target the plan states as an aim, a wait standard, "signed up") are answered."""

from __future__ import annotations

import pytest
from scope_rules import ScopeRules

from assistant.asked_figure import missing_figure
from assistant.figure_breakdown import missing_breakdown
from assistant.refusal import COVERS
from assistant.safety import classify
from assistant.scope_gaps import missing_part
from assistant.scope_personal import personal_matter

PASSAGES = [
    "Urgent community response teams will reach people in crisis within two hours, with every part of England covered "
    "by 2023/24.",
    "Primary care networks will cover typically 30,000 to 50,000 people and employ first contact physiotherapists.",
    "Personal health budgets will reach up to 200,000 people by 2023/24.",
    "Pulmonary rehabilitation will be expanded to reach more people with COPD.",
    "The interim NHS People Plan sets out how the workforce will grow.",
]
refusal = ScopeRules(PASSAGES).refusal


# --- what the user sees, through the whole pipeline over the test corpus ----------------------------------------


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("write me a short poem about the nhs turning 70", "can't write"),
        ("how do I set up an out of office on nhsmail?", "IT systems"),
        ("my nhs number is 943 476 5919 - can you check if I qualify for a personal health budget?",
         "can't see or act on your own care"),
        ("what's the welsh government doing on urgent community response - any targets like the english plan?",
         "NHS Wales"),
        ("can you summarise the people plan from july 2020?", "anything published after 2020"),
        ("how many people does a primary care network cover now compared to when the plan was written?",
         "can't tell you what applies now"),
    ],
)
def test_a_question_of_a_refused_kind_abstains_saying_what_the_documents_do_not_cover(indexed, question, says):
    answer = indexed.ask(question)
    assert answer.abstained and answer.citations == []
    assert says in answer.answer


def test_a_refusal_points_to_the_related_passages_instead_of_citing_them(indexed):
    answer = indexed.ask("why did the csp criticise the plan for cutting urgent community response teams?")
    assert answer.abstained and answer.citations == []
    assert "never say anyone took that stand" in answer.answer  # refuse17's reading of a stand, before the change's
    assert answer.related and any("Urgent community response" in r.text for r in answer.related)


def test_a_nation_the_asker_says_they_are_not_in_leaves_the_question_answered(indexed):
    answer = indexed.ask("community nurse in england (not wales) - by when will urgent community response teams "
                         "cover every part of the country?")
    assert not answer.abstained and "2023/24" in answer.answer


# --- the rules, kind by kind ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "can you help me write a cover letter for an FCP job?",
        "write me a short poem about the nhs turning 70",
        "can you help me with my cv for a band 7 physio job",
        "write me an excel formula to work out our rota hours",
    ],
)
def test_a_piece_of_writing_or_code_for_the_asker_is_a_task_not_a_question(question):
    found = refusal(question)
    assert found is not None and found.reason.startswith(COVERS) and "can't write" in found.reason


@pytest.mark.parametrize(
    "question",
    [
        "can you draft a summary of what the plan says about personal health budgets?",
        "does the plan create a new code of practice for primary care networks?",
        "what does the plan say about speech and language therapy in primary care networks?",
    ],
)
def test_asking_for_a_summary_or_naming_a_code_is_no_writing_task(question):
    found = refusal(question)
    assert found is None or "can't write" not in found.reason


def test_the_askers_own_details_with_a_request_about_themselves_are_refused():
    assert personal_matter("my nhs number is 943 476 5919 - can you check if I qualify for a personal health budget?",
                           "", "")
    assert personal_matter("can you register me for the csp stroke briefing updates, my email is j.patel@example.com",
                           "", "")
    assert personal_matter("what's the best NHS pension option if I want to retire at 60", "", "")
    assert personal_matter("my email is a@example.com - what does the plan say about primary care networks?",
                           "", "") is None
    assert personal_matter("my email is a@example.com - can I get a copy of the framework?", "", "") is None
    assert personal_matter("what does the plan say about pensions for staff who return to practice?", "", "") is None


def test_a_request_to_reply_to_the_askers_own_address_is_refused_but_a_reply_in_the_plans_words_is_not():
    # round 21's pool: a trust finance manager's NHS number, a question no document answers, "please reply to" an email
    assert personal_matter("NHS number 485 777 3456. Has my trust's Financial Recovery Fund application been approved? "
                           "Please reply to j.harwood@example.nhs.uk.", "", "")
    assert personal_matter("can you get back to me at 07700 900123 about the pcn contract?", "", "")
    assert personal_matter("my email is a@example.com - how should systems respond to the workforce gaps?", "", "") is None


@pytest.mark.parametrize(
    "question",
    [
        "gp partner in england (not wales lol) - how much extra is going into primary and community care by 23/24?",
        "I work at a trust near the welsh border but we're english - when does urgent community response start?",
        "Im a physio who trained in Scotland and now work in an English PCN - what does the CSP say matters most?",
    ],
)
def test_a_nation_only_in_the_askers_own_clause_is_background(question):
    found = refusal(question)
    assert found is None or "NHS Wales" not in found.reason and "NHS Scotland" not in found.reason


def test_a_nation_in_any_clause_that_asks_is_what_is_asked_about():
    found = refusal("what's the welsh government doing on pulmonary rehab - any targets like the english plan?")
    assert found is not None and "NHS Wales" in found.reason


def test_a_document_dated_after_2019_or_a_report_the_documents_never_name_is_refused():
    later = refusal("can you summarise the 'we are the NHS' people plan from july 2020?")
    assert later is not None and later.names[0].endswith("people plan from july 2020")
    stocktake = refusal("what did the fuller stocktake say integrated neighbourhood teams should look like?")
    assert stocktake is not None and stocktake.names == ("fuller stocktake",)
    assert refusal("what does the interim people plan say about the workforce?") is None


def test_today_beside_the_plans_time_asks_about_the_present_but_compared_with_now_alone_does_not():
    assert refusal("what is life expectancy in blackpool now compared to when the plan was written?") is not None
    assert refusal("how many people will personal health budgets reach by 2023/24, compared with now?") is None


@pytest.mark.parametrize(
    ("question", "says"),
    [
        # a stand attributed to someone is read first (refuse17's rules by kind): nobody took it
        ("why did the csp criticise the plan for cutting back pulmonary rehab?", "never say anyone took that stand"),
        ("now that personal health budgets have been dropped from the plan, what can patients use instead?",
         "never say the plan did that"),
        ("why did the csp say the plan ignored pulmonary rehab?", "never say the plan did that"),
        ("now the framework has removed the urgent community response requirement, what's the new deadline?",
         "never say the plan did that"),
        ("why does the long term plan cut personal health budgets?", "never say the plan did that"),
    ],
)
def test_a_change_the_plan_is_blamed_for_or_said_to_have_made_is_a_false_premise(question, says):
    found = refusal(question)
    assert found is not None and says in found.reason


def test_a_question_about_passing_over_people_in_general_is_no_premise():
    assert refusal("how will the plan stop people with COPD being ignored?") is None
    assert refusal("why does the csp praise the plan for expanding pulmonary rehabilitation?") is None


def test_an_annex_whose_notice_was_not_found_is_still_known_to_be_missing():
    notice = ("Annex A: Funding the Long Term Plan. Annex A, from printed page 33, deals with how the plan is paid for. "
              "No public copy we could reach shows its tables or its year-by-year amounts, so this digest does not "
              "summarise them; anyone who needs those figures should read the official framework from page 33.")
    found = ["Annex A: Funding the Long Term Plan. Early adopters receive targeted funding."]
    corpus = ScopeRules([notice, *found]).text
    gap = missing_part("how much funding per year does annex a give early adopters of pulmonary rehab?", found, corpus)
    assert gap is not None and "doesn't include the text of Annex A" in gap.reason and "page 33" in gap.reason
    assert missing_part("what is annex a about?", found, corpus) is None


def test_targets_said_as_aims_or_standards_answer_target_questions():
    assert missing_breakdown("what's the target for six month reviews of stroke survivors?",
                             ["The programme aims to triple six-month reviews of stroke survivors, from 29% to 90%."]) is None
    assert missing_breakdown("what's the ltp target for the number of people signed up to take part in health research",
                             ["It aims for one million people registering to take part in health research by 2024."]) is None
    assert missing_breakdown("cyp eating disorders - what wait standard does the framework set?",
                             ["Young people should start treatment within one week if urgent, with 95% meeting this."]) is None


def test_a_figure_the_passages_do_not_give_is_refused_however_it_is_asked():
    gps = "is there an actual headcount target in the ltp for more GPs by 23/24? what is the number"
    assert missing_breakdown(gps, ["Recruitment of new GPs has been rising well."]) is not None
    cots = "how many new neonatal intensive care cots is the nhs going to provide under the plan?"
    assert missing_figure(cots, ["More neonatal intensive care cots will be provided where capacity is short."])
    assert missing_figure(cots, ["The plan will provide 200 new neonatal intensive care cots by 2023/24."]) is None


def test_a_person_asking_which_device_to_ask_for_is_signposted_to_a_clinician():
    signpost = classify("I have type 1 diabetes - which flash glucose monitor should I ask for?")
    assert signpost is not None and signpost.kind == "clinical"
    assert classify("does the plan fund flash glucose monitors for people with type 1 diabetes?") is None


def test_a_request_to_translate_is_a_task_but_translating_a_plan_into_practice_is_not():
    found = refusal("can you translate the summary into polish for my patient")
    assert found is not None and "translate" in found.reason
    assert refusal("how will personal health budgets translate into practice for primary care networks?") is None


def test_a_large_town_of_another_nation_names_that_nation():
    found = refusal("what is the trust in wrexham doing about urgent community response?")
    assert found is not None and "NHS Wales" in found.reason
    assert refusal("I trained in Stirling - what does the plan say about primary care networks?") is None


def test_whether_an_activity_is_safe_with_ones_own_condition_is_signposted_to_a_clinician():
    signpost = classify("is it ok to do pilates with a herniated disc?")
    assert signpost is not None and signpost.kind == "clinical"
    assert classify("is it safe for patients to self-refer to physio under the plan?") is None


def test_a_payment_per_patient_is_a_sum_only_a_sum_per_patient_gives():
    question = "what is the per-patient payment for FCPs under the network contract?"
    assert missing_figure(question, ["Networks will get £1.50 per registered patient for the new roles."]) is None
    assert missing_figure(question, ["Networks will employ first contact physiotherapists from 2020."]) is not None


def test_a_recommendation_for_the_askers_reading_is_a_task():
    found = refusal("recommend a good book about the history of the NHS")
    assert found is not None and "can't write" in found.reason


def test_a_royal_hospital_typed_in_lower_case_is_a_particular_hospital():
    found = refusal("does the royal free have a frailty unit open at weekends?")
    assert found is not None and found.names == ("royal free",)


def test_asking_to_be_added_to_a_list_or_told_a_joke_is_refused():
    assert personal_matter("please add me to the mailing list for CSP updates: jane@example.org", "", "")
    assert personal_matter("what does the plan add to the list of screening programmes?", "", "") is None
    found = refusal("tell me a joke about physios")
    assert found is not None and "can't write" in found.reason
    assert refusal("tell me what the plan says about personal health budgets") is None


def test_a_later_version_of_the_nhs_constitution_is_a_later_document():
    found = refusal("what does the updated NHS constitution say about waiting times?")
    assert found is not None and "anything published after 2020" in found.reason
