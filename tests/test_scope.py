"""Questions that name things the documents never mention get an honest "not covered", naming them, instead
of a confident answer about something nearby."""

from __future__ import annotations

import pytest

from assistant.asked_figure import missing_figure
from assistant.config import DEFAULT_CONFIG
from assistant.scope import corpus_text, out_of_scope_names, unknown_names, unsupported, vocabulary

KNOWN = vocabulary([
    "Primary care networks of GP practices cover 30,000 to 50,000 people.",
    "Every system sends NHS England a draft plan by mid-September 2019.",
])


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("What are the waiting time targets for NHS Scotland?", ["Scotland"]),
        ("Does the HCPC register first contact practitioners?", ["HCPC"]),
        ("How big is a primary care network?", []),
        ("When does NHS England want the draft plan?", []),
        ("Which CCGs must send plans?", []),  # a known acronym, plural
        ("Scotland's plans?", []),  # the first word of a sentence is not taken as a name
        ("Where I'm based, do PCNs cover 30,000 people?", []),  # "I'm" is no name
        ("What will the workforce plan do by 2031?", ["2031"]),  # a year the documents never reach
        ("What happens by 2019?", []),
        ("How is Leeds General Infirmary involved?", ["Leeds", "Infirmary"]),  # "general", as in GP, is known
    ],
)
def test_names_the_documents_never_mention_are_found(question, unknown):
    assert unknown_names(question, KNOWN) == unknown


def test_a_close_match_is_in_scope_whatever_else_the_question_names():
    question = "What are the waiting time targets for NHS Scotland?"
    assert out_of_scope_names(question, DEFAULT_CONFIG.name_gate_similarity + 0.01, KNOWN) == []
    assert out_of_scope_names(question, DEFAULT_CONFIG.name_gate_similarity - 0.01, KNOWN) == ["Scotland"]


def test_a_year_the_documents_never_mention_is_out_of_scope_however_close_the_match():
    question = "Will the plan double the draft plans by 2031?"
    assert out_of_scope_names(question, 0.95, KNOWN) == ["2031"]
    assert out_of_scope_names("Is the draft plan due in 2019?", 0.95, KNOWN) == []


def test_question_about_another_nation_abstains_saying_what_is_covered_with_related_passages(indexed):
    answer = indexed.ask("What will primary care networks in Wales look like?")
    assert answer.abstained and answer.citations == []
    assert "covers the NHS in England; it says nothing about NHS Wales" in answer.answer
    assert answer.related
    assert answer.related[0].section.endswith("Primary care networks of local GP practices and community teams")
    # The cross-encoder puts 1.3 ("every part of England") a little ahead of 1.2 for a question about Wales.
    assert "1.2" in [r["para"] for r in answer.to_dict()["related"][:2]]


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("What does the 2025 neighbourhood health guidance say about primary care networks?", "don't include the 2025"),
        ("What is the current size of a primary care network this year?", "can't tell you what applies now"),
        ("Why did the plan scrap primary care networks?", "never say the plan did that"),
        ("When does the plan shut down primary care networks?", "never say the plan did that"),
        ("Can you get the community team to call me back about my referral?", "can't see or act on your own care"),
        ("How much annual leave do physiotherapists get after five years?", "don't set anyone's pay or leave"),
        ("How big are primary care networks at Manchester University Foundation Trust?",
         "Manchester University Foundation Trust or any other single trust"),
        ("What did the Hewitt review say about primary care networks?", "don't include the Hewitt review"),
    ],
)
def test_questions_the_passages_cannot_support_are_refused_with_the_reason(indexed, question, says):
    answer = indexed.ask(question)
    assert answer.abstained and answer.citations == []
    assert says in answer.answer


def test_in_scope_question_with_a_known_premise_is_answered(indexed):
    answer = indexed.ask("Why will the NHS cut the time patients wait for community crisis response?")
    assert not answer.abstained


def test_in_scope_question_with_known_names_is_answered(indexed):
    answer = indexed.ask("How many people will a primary care network in NHS England cover?")
    assert not answer.abstained and "30,000 to 50,000" in answer.answer


def test_a_review_the_documents_do_include_is_not_refused():
    from assistant.scope import corpus_text, unsupported

    text = corpus_text(["The Topol Review set out how technology will change the workforce."])
    question = "What did the Topol Review say about digital skills for the workforce?"
    assert unsupported(question, [], 0.7, vocabulary([question]), text) is None
    assert unsupported("What did the Darzi review say?", [], 0.7, vocabulary(["What did the review say"]), text)


# --- Probes: phrasings nobody tuned for, checked against the scope rules alone -------------------------------------
# The passages stand in for what retrieval finds: a close match (similarity 0.6, cross-encoder 0.9), so only what the
# question is about, not how well its words match, can put it out of scope.

PASSAGES = [
    "More than half of NHS 111 callers now receive a clinical assessment, which ends either in advice or a referral.",
    "Primary care networks of local GP practices will cover 30,000 to 50,000 people each from July 2019.",
    "Investment in primary medical and community health services will grow faster than the overall NHS budget, "
    "reaching at least £4.5 billion a year more in real terms by 2023/24.",
    "NHS 111 will expand into a single multidisciplinary clinical assessment service, and NHS 111 online grows.",
    "Urgent community response teams will reach people in crisis within two hours, reducing avoidable admissions.",
    "Mental health spending will grow faster than the NHS budget, by at least £2.3 billion a year by 2023/24.",
    "Every trust will be fully digitised by 2024, and the Topol Review sets out the skills staff will need.",
    "Same day emergency care will be provided in every acute hospital with a type 1 A&E department.",
    "The NHS in England employs 1.2 million people; the plan sets out how to grow the workforce.",
]
PROBE_KNOWN = vocabulary(PASSAGES)
PROBE_TEXT = corpus_text(PASSAGES)


def probe(question: str, similarity: float = 0.6, rerank: float | None = 0.9):
    return unsupported(question, PASSAGES, similarity, PROBE_KNOWN, PROBE_TEXT, best_rerank=rerank)


@pytest.mark.parametrize(
    ("question", "says"),
    [
        # other UK nations: the documents cover England only
        ("What is NHS Wales doing to improve access to GPs?", "nothing about NHS Wales"),
        ("Do Scottish health boards have primary care networks?", "nothing about NHS Scotland"),
        ("How does the Senedd fund community physiotherapy?", "nothing about NHS Wales"),
        ("How much of the extra money goes to the health service in Northern Ireland?", "Northern Ireland"),
        # later or other documents
        ("What does the NHS Long Term Workforce Plan say about apprenticeships?", "later plan"),
        ("What does the 2024/25 operational planning guidance ask of primary care networks?", "don't include the 2024/25"),
        ("What did the Conservative manifesto promise about GP appointments?", "manifesto"),
        ("Under the updated planning guidance, how fast must urgent community response teams respond?",
         "updated planning guidance"),
        ("How did the Health and Care Act 2022 change integrated care systems?", "Act 2022"),
        ("What did the Messenger review recommend for NHS leaders?", "Messenger review"),
        # the present day, and figures after the documents were written
        ("What is the latest pay award for physiotherapists?", "don't set anyone's pay"),
        ("Who gets free prescriptions this year?", "can't tell you what applies now"),
        ("How long do people currently wait for same day emergency care?", "can't tell you what applies now"),
        ("How much does NHS 111 online cost to run in 2026?", "2026"),
        ("How many people were employed by the NHS in England in 2023?", "can't say what happened"),
        # a particular trust, hospital or place
        ("How many physiotherapists work at Frimley Park Hospital?", "Frimley Park Hospital"),
        ("How long is the wait for same day emergency care at Addenbrooke's Hospital?", "Addenbrooke"),
        ("Are primary care networks in Bristol bigger than 50,000 people?", "Bristol"),
        # false premises: the passages say these grow
        ("Why did the long term plan abolish NHS 111?", "never say the plan did that"),
        ("When will the plan close urgent community response teams?", "never say the plan did that"),
        ("Why has the plan cut funding for mental health?", "never say the plan did that"),
        ("Why did the plan get rid of NHS 111?", "never say the plan did that"),  # a phrasal "scrap"
        ("What was the reason the plan cut mental health funding?", "never say the plan did that"),  # no "did"
        ("Why did the plan reduce mental health spending to £2 billion a year?", "never say the plan did that"),  # grows
        ("What's replacing NHS 111 online now the LTP has scrapped it?", "never say the plan did that"),  # said beside
        # a later version of a document, in the words people use for it
        ("What does the new guidance say about urgent community response teams?", "new guidance"),
        # pay
        ("What is the salary of a first contact physiotherapist?", "don't set anyone's pay"),
        # the reader's own care or data
        ("Can you book me in with a physio next week?", "can't see or act on your own care"),
        ("Which PCN am I in?", "can't see or act on your own care"),
        ("Can you tell me when my physio appointment is?", "can't see or act on your own care"),
        ("My daughter was referred to a physio in May, how long will she wait?", "can't see or act on your own care"),
        ("What did the Darzi investigation find about waiting lists?", "Darzi investigation"),
        ("What did the 2022 staff survey say about physios?", "2022 staff survey"),
        ("My NHS number is 943 476 5919, is my GP practice in a primary care network?", "your own care"),
        ("My NHS number is 943 476 5919, when is my scan?", "your own care"),
        ("Could you find out if I'm still on the knee surgery list?", "your own care"),
        # a patient looked up by their details
        ("Patient NHS number 943 476 5919 has been in our acute trust for 34 days awaiting discharge. Can you check "
         "whether he counts towards the 21-day long-stay cohort?", "can't look up or act on any one person's care"),
        ("Mrs Patel, DOB 12/03/1941, LS6 2QA - is she entitled to reablement within 2 days?",
         "don't share a patient's NHS number"),
        ("Can you confirm whether patient NHS number 943 476 5919 was counted in our learning disability inpatient "
         "figures?", "can't look up or act on any one person's care"),  # "patient" with no "the" before it
        # one person's record asked about in the past tense, or the asker's own looked up by their NHS number
        ("We have a complaint from patient NHS number 943 476 5919 about waiting times - were they offered a faster "
         "provider at six months?", "can't look up or act on any one person's care"),
        ("I'm a student nurse, my NHS number is 943 476 5919 - can you check which trust my placement is at?",
         "can't see or act on your own care"),
        # writing tasks: a complaint, a poster, a rota
        ("Can you help me write a complaint about the receptionist at my GP surgery?", "can't write or translate"),
        ("Can you draft a recruitment poster for our CSP workplace branch?", "can't write or translate"),
        ("can you help me write a reception rota for over christmas", "can't write or translate"),
        # a number the asker calls an NHS number counts whatever its check digit (mistyped or made up)
        ("My source gave me her NHS number, 485 777 3456 - can you check whether her trust gave her continuity of "
         "carer?", "can't look up or act on any one person's care"),
    ],
)
def test_out_of_scope_probes_are_refused_naming_what_is_not_covered(question, says):
    refusal = probe(question)
    assert refusal is not None and says in refusal.reason


@pytest.mark.parametrize(
    "question",
    [
        "How many people does a primary care network cover?",
        "How much extra will primary and community health services get by 2023/24?",
        "Why will the plan reduce avoidable admissions through urgent community response?",
        "How will NHS England support trusts to cut waits in A&E?",
        "What does the plan say about the NHS in England's workforce?",
        "When will every trust be fully digitised?",
        "Do primary care networks now cover 30,000 to 50,000 people?",
        "What does the Topol Review say staff will need?",
        "Which hospitals will provide same day emergency care?",
        "How does NHS 111 change under the plan?",
        "Will mental health spending grow faster than the NHS budget by 2023/24?",
        "What did the plan say would happen to mental health spending by 2023/24?",
        "How many people does the NHS in England employ at the moment, according to the plan?",
        "What is the 2023/24 target in the plan for mental health spending?",
        "What does the plan for 2023/24 say about mental health spending?",
        "What was promised for primary and community health services by 2023/24?",
        "What must an NHS Foundation Trust do about same day emergency care?",
        "What balance does the plan strike between hospital and community care?",
        "How many hospitals will provide same day emergency care?",
        "I'm in an MSK team in a primary care network: what does the plan mean for us?",
        "What practice do I need to follow before referring to urgent community response?",
        "What is the latest date for every trust to be fully digitised?",
        "What review of urgent and emergency care standards does the plan mention?",
        # another nation named only as the asker's background, the question itself about England's plan
        "My sister works for NHS Wales, but how much extra will primary and community services in England get?",
        "Scotland aside, how does NHS 111 change under the plan?",
        "I trained in Wales - what does the plan say about mental health spending by 2023/24?",
    ],
)
def test_in_scope_probes_are_not_refused(question):
    assert probe(question) is None


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("How many primary care networks were there in July 2019?", "the number of primary care networks"),
        ("How many PCNs are there?", "the number of PCNs"),
        ("How many physiotherapists work in primary care networks?", "the number of physiotherapists"),
        ("How much does NHS 111 online cost to run each year?", "that sum"),
        ("What's the annual cost of same day emergency care to the NHS?", "that sum"),
        ("How many A&E departments are there in England?", "the number of A&E departments"),
        ("How much does a primary care network get per registered patient?", "that sum"),
        ("What's the total number of primary care networks?", "the number of primary care networks"),
        ("What does NHS 111 online cost to run?", "that sum"),
        ("How much does a physio appointment cost?", "the price of physio appointment"),
        ("how much is a prescription in England", "the price of prescription"),  # not the "prescribing" savings
    ],
)
def test_a_near_miss_no_passage_gives_the_figure_for_is_refused(question, says):
    """Each topic is covered; the count or sum asked for is not (a count of people is not a count of networks)."""
    refusal = probe(question)
    assert refusal is not None and "don't give that figure" in refusal.reason and says in refusal.reason


@pytest.mark.parametrize(
    "question",
    [
        "How many people does a primary care network cover?",
        "How many patients will each primary care network serve?",
        "How much more will mental health get by 2023/24?",
        "How many people work for the NHS in England?",
        "How much extra investment goes to primary medical and community health services?",
        "How many hours do urgent community response teams have to reach people in crisis?",
    ],
)
def test_a_question_whose_figure_a_passage_gives_is_not_a_near_miss(question):
    assert missing_figure(question, PASSAGES) is None


def test_no_figure_is_claimed_missing_when_retrieval_found_nothing_about_the_question():
    """A weak cross-encoder score means the passages are not about the question: not finding the figure in them
    says nothing about documents that do name what is counted."""
    question = "How many urgent treatment centres were open in 2019?"
    documents = corpus_text(PASSAGES + ["Urgent treatment centres will be open 12 hours a day."])
    assert unsupported(question, PASSAGES, 0.6, PROBE_KNOWN, documents, best_rerank=0.9) is not None
    assert unsupported(question, PASSAGES, 0.6, PROBE_KNOWN, documents, best_rerank=0.01) is None


def test_a_price_is_answered_only_by_a_sum_said_of_the_thing_priced():
    assert missing_figure("How much does a personal health budget cost?",
                          ["A personal health budget costs £3,000 a year on average."]) is None
    assert missing_figure("How much is a prescription?",
                          ["Prescribing fewer low-value items saves £200 million a year."]) is not None


def test_a_figure_for_a_thing_the_documents_never_name_is_refused_however_weak_the_match():
    """Retrieval missing is no excuse when the thing counted or priced is a word no passage uses."""
    refusal = probe("How much does an NHS dental check-up cost?", similarity=0.44, rerank=0.01)
    assert refusal is not None and "the price of dental check-up" in refusal.reason


def test_a_weak_match_by_both_measures_is_refused_but_either_strong_one_is_not():
    from dataclasses import replace

    config = replace(DEFAULT_CONFIG, weak_similarity=0.5, weak_rerank=0.2)
    question = "What does the plan say about staff car parking?"
    assert unsupported(question, PASSAGES, 0.45, PROBE_KNOWN, PROBE_TEXT, best_rerank=0.1, config=config)
    assert unsupported(question, PASSAGES, 0.55, PROBE_KNOWN, PROBE_TEXT, best_rerank=0.1, config=config) is None
    assert unsupported(question, PASSAGES, 0.45, PROBE_KNOWN, PROBE_TEXT, best_rerank=0.3, config=config) is None


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("How did COVID change the plan's elective targets?", "COVID-19 pandemic"),
        ("What does the ten year health plan say about physios in neighbourhood teams?", "later plan"),
        ("What duties did the Health and Care Act give integrated care boards?", "Health and Care Act"),
        ("How do virtual wards fit with urgent community response?", "later programme"),
        ("What pay rise did physios get?", "don't set anyone's pay"),
        ("How much are prescription charges?", "charges or fees"),
    ],
)
def test_things_that_came_after_the_documents_or_that_they_never_set_are_refused(question, says):
    refusal = probe(question)
    assert refusal is not None and says in refusal.reason


def test_a_later_thing_the_documents_do_mention_is_not_refused():
    text = corpus_text(["The Health and Care Act set up integrated care boards."])
    question = "What did the Health and Care Act set up?"
    assert unsupported(question, [], 0.7, vocabulary([question]), text, best_rerank=0.9) is None


def test_a_near_miss_is_refused_with_pointers_to_what_the_documents_do_say(indexed):
    """Primary care networks are covered, how many there are is not: no figure is made up from "30,000 to 50,000"."""
    answer = indexed.ask("How many primary care networks are there in England?")
    assert answer.abstained and answer.citations == []
    assert "don't give that figure" in answer.answer and "number of primary care networks" in answer.answer
    assert answer.related and "Primary care networks" in answer.related[0].section


def test_a_place_the_documents_name_elsewhere_is_still_outside_a_question_about_its_own_services():
    corpus = corpus_text(["Hospitals in Bolton and Portsmouth set up alcohol care teams.",
                          "Four roles come first, among them first contact physiotherapists."])
    local = "Which GP practices in Portsmouth have a first contact physio I can book?"
    refusal = unsupported(local, ["Four roles come first, among them first contact physiotherapists."], 0.61,
                          vocabulary([corpus]), corpus)
    assert refusal is not None and "Portsmouth" in refusal.reason
    about_it = "Which hospitals in Portsmouth set up alcohol care teams?"
    assert unsupported(about_it, ["Hospitals in Bolton and Portsmouth set up alcohol care teams."], 0.7,
                       vocabulary([corpus]), corpus) is None


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        ("How many NHS gambling clinics were there?", "Specialist treatment was offered through a single national clinic."),
        ("How many fathers struggle?", "Between 5% and 10% of fathers have mental health difficulties."),
    ],
)
def test_a_count_given_in_words_or_as_a_share_answers_how_many(question, passage):
    assert missing_figure(question, [passage]) is None


def test_a_count_of_something_else_still_does_not_answer_how_many():
    assert missing_figure("How many gambling clinics were there?",
                          ["A single national helpline takes calls about gambling."]) is not None


def test_a_reduction_the_passages_do_say_is_no_false_premise():
    assert probe("Why did the plan reduce avoidable admissions with urgent community response teams?") is None
    assert probe("How will NHS 111 work now the plan has expanded it?") is None


def test_a_short_form_the_passages_spell_out_is_no_unknown_name():
    passage = "Walk-in centres and minor injury units will become urgent treatment centres."
    corpus = corpus_text([passage])
    known = vocabulary([passage])  # "WIC" itself is in no passage
    question = "Our WIC and the minor injury unit are going - what replaces them?"
    assert unsupported(question, [passage], 0.45, known, corpus) is None
    elsewhere = "Our QXR and the minor injury unit are going - what replaces them?"
    refusal = unsupported(elsewhere, [passage], 0.45, known, corpus)
    assert refusal is not None and "QXR" in refusal.reason


def test_the_assistant_searches_for_a_minor_injury_unit_when_asked_about_the_miu():
    from assistant.glossary import expand_acronyms
    assert "minor injury unit" in expand_acronyms("what replaces the MIU?")


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        ("How much of the £4.5 billion for primary and community care goes to community physiotherapy?",
         "Investment in primary medical and community health services will reach at least £4.5 billion a year more."),
        ("What's the maximum waiting time target for routine MSK physio?",
         "Patients should wait no more than 18 weeks from referral to consultant-led treatment."),
        ("What tariff uplift do the Annex B financial assumptions give for 2020/21?",
         "Annex B sets out the financial assumptions that systems must use in their plans for 2020/21."),
    ],
)
def test_a_part_of_a_sum_or_a_named_figure_the_passages_never_give_is_refused(question, passage):
    from assistant.asked_figure import missing_breakdown
    assert "don't give that figure" in (missing_breakdown(question, [passage]) or "")


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        ("How much of the extra money goes to mental health?",
         "Mental health spending will grow by at least £2.3 billion a year by 2023/24."),
        ("What's the uptake target for cardiac rehab?",
         "Cardiac rehabilitation will be scaled up so that, by 2028, up to 85% of eligible patients take part."),
        ("What's the target for teenagers and young adults with cancer taking part in clinical trials?",
         "Participation in clinical trials will rise to 50% among teenagers and young adults with cancer by 2025."),
    ],
)
def test_a_named_figure_the_passages_give_is_answered(question, passage):
    from assistant.asked_figure import missing_breakdown
    assert missing_breakdown(question, [passage]) is None


def test_a_figure_a_change_goes_to_is_part_of_its_premise():
    from assistant.premise import unsupported_premise
    found = corpus_text(["The age at which bowel screening starts drops from 60 to 50.",
                         "Breast screening of women aged 50-70 continues."])
    assert unsupported_premise("Why did the plan raise the bowel screening age to 70?", found) is not None
    assert unsupported_premise("Why did the plan lower the bowel screening age to 50?", found) is None


def test_ending_something_the_passages_never_end_is_a_false_premise():
    assert "never say the plan did that" in probe("Why did the long term plan end free prescriptions for over 60s?").reason
    assert probe("Why did the plan end up expanding NHS 111?") is None


@pytest.mark.parametrize(
    ("question", "passages", "answered"),
    [
        ("How many beds does the plan say each hospital should have?",
         ["The NHS will need 4,000 more beds by 2023/24 to cope with demand."], False),
        ("How much will each PCN receive to hire a first contact physio?",
         ["Investment in primary care will reach £4.5 billion a year more by 2023/24, partly to hire physios."], False),
        ("How much will each PCN receive to hire a first contact physio?",
         ["Each PCN will receive £1.50 per registered patient a year from its CCG to hire physios."], True),
        ("How many link workers will each PCN have?", ["Every PCN will have at least one link worker by 2021."], True),
    ],
)
def test_a_figure_asked_of_each_one_is_answered_only_by_a_figure_said_of_each(question, passages, answered):
    assert (missing_figure(question, passages) is None) is answered


def test_which_company_made_something_or_the_average_wait_now_is_refused_unless_a_passage_says():
    from assistant.asked_figure import missing_detail
    app = ["The NHS App will give everyone access to their records and appointments by 2020."]
    assert "names a company" in missing_detail("Which company built the NHS App?", app)
    assert missing_detail("Which company built the NHS App?", ["The NHS App was built by a supplier, Acme Ltd."]) is None
    scans = ["Diagnostic capacity will grow with new community diagnostic hubs for MRI and CT scans."]
    assert "average wait" in missing_detail("How long is the average wait for an MRI scan?", scans)
    assert missing_detail("How long is the average wait for an MRI scan?",
                          ["The average wait for an MRI scan was six weeks in 2018."]) is None


def test_a_place_the_documents_name_that_is_only_where_the_asker_lives_is_in_scope():
    corpus = corpus_text(["Hospitals in Bolton and Portsmouth set up alcohol care teams.",
                          "Primary care networks will employ first contact physiotherapists."])
    question = "I live in Portsmouth - will primary care networks employ first contact physiotherapists?"
    assert unsupported(question, ["Primary care networks will employ first contact physiotherapists."], 0.7,
                       vocabulary([corpus]), corpus) is None


def test_a_change_said_of_someone_else_is_no_premise_about_the_plan():
    assert probe("What help is there for smokers once they have dropped out of treatment?") is None


def test_asking_about_a_patient_is_refused_only_when_their_details_are_given():
    from assistant.scope_personal import personal_matter
    looked_up = "Patient NHS number 943 476 5919 is awaiting discharge. Can you check whether he counts as long-stay?"
    asked = "A patient is awaiting discharge after 25 days. Can you check whether he counts as long-stay?"
    assert personal_matter(looked_up, "", "") is not None
    assert personal_matter(asked, "", "") is None  # no one's details: a question about the rule, not a record
