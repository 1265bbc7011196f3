"""Refusal rules fire on the kind of thing they are for, not on words that merely look like it: answerable questions
the documents do answer are not told "the documents don't say", and out-of-scope ones still are."""

from __future__ import annotations

import pytest


def test_fitting_in_as_an_ordinary_word_is_no_seizure():
    from assistant.safety import classify
    assert classify("csp summary - where does it see physios fitting into primary care apart from fcp?") is None
    assert classify("my son keeps fitting and it won't stop").kind == "collapse"


def test_a_personal_exercise_question_is_signposted_as_clinical():
    from assistant.safety import classify
    signpost = classify("6 weeks postpartum and leaking when i cough, what pelvic floor exercises should i do?")
    assert signpost is not None and signpost.kind == "clinical"
    assert classify("what pelvic floor exercises does the plan fund for new mothers?") is None


def test_a_change_stated_as_done_or_reported_is_a_premise_to_check():
    from assistant.premise import unsupported_premise
    found = "first contact practitioner rollout is a foundational commitment every system must deliver."
    assert unsupported_premise("since the framework dropped FCP rollout from the foundational commitments, do we still "
                               "need to plan for it?", found) is not None
    assert unsupported_premise("the csp said the plan abandoned pulmonary rehab expansion - what was their reaction?",
                               found)[1] == "abandoned pulmonary rehab expansion"
    assert unsupported_premise("why is the plan cutting the share of nhs money going to mental health?", found)
    assert unsupported_premise("what happens after the plan ends in 2024?", found) is None
    assert unsupported_premise("how is the plan cutting waits?", found) is None


def test_words_before_the_documents_possessive_are_the_askers_own():
    from assistant.premise import unknown_premise
    from assistant.scope import vocabulary
    corpus = "the csp view on community rehabilitation and rehab in the long term plan"
    assert unknown_premise("gist of the csp's view on community rehab in the ltp?", vocabulary([corpus]), corpus) is None


def test_whether_a_system_is_on_track_is_after_the_documents():
    from assistant.scope_time import outcome
    assert outcome("is Frimley ICS on track with its five year plan trajectories?", "", "") is not None
    assert outcome("how will NHS England know whether systems are on track?", "", "") is None
    assert outcome("what must systems do to stay on track?", "", "") is None


def test_asking_to_send_something_to_an_address_is_refused():
    from assistant.scope_personal import personal_matter
    assert personal_matter("can you send a summary of the framework to someone84@example.com please", "", "")
    assert personal_matter("what must trusts send to NHS England? my email is a@example.com", "", "") is None


def test_a_trust_named_by_its_title_in_lower_case_is_a_particular_trust():
    from assistant.scope_places import organisation
    corpus = "greater manchester has a university hospital. an nhs trust must deliver sdec."
    refusal = organisation("how many beds does manchester university nhs ft have?", "", corpus)
    assert refusal is not None and refusal.names == ("manchester university",)
    assert organisation("does every acute nhs trust need sdec?", "", corpus) is None
    assert organisation("what should my own nhs trust do about sdec?", "", corpus) is None


def test_a_short_form_the_asker_spells_out_is_no_unknown_name():
    from assistant.scope import unsupported, vocabulary
    corpus = "the mental health implementation plan sets out the detail of mental health commitments"
    assert unsupported("mental health commissioner - what separate doc sets out the MH detail, and how are commitments "
                       "grouped in it?", [corpus], 0.49, vocabulary([corpus]), corpus) is None
    council = "local authorities commission public health services such as smoking cessation"
    assert unsupported("local authority public health lead here - what must the LA do on smoking?",
                       [council], 0.49, vocabulary([council]), council) is None
    assert unsupported("what must the LA do on smoking?", [council], 0.49, vocabulary([council]),
                       council) is not None


def _hit(similarity, rerank):
    from assistant.retrieve import Hit
    from indexer.passage import Passage
    passage = Passage("p1", "csp", "s1", ("Frontline",), "She compared the rapid response teams to a fire service.")
    return Hit(passage, similarity, similarity, rerank)


def test_a_passage_the_cross_encoder_judges_as_answering_is_no_weak_match():
    from assistant.answer import should_abstain
    assert not should_abstain([_hit(0.33, 0.999)])  # a name the embedding reads poorly, the cross-encoder surely
    assert should_abstain([_hit(0.33, 0.002)])  # neither finds an answer: the floor refuses
    assert should_abstain([_hit(0.33, None)])  # without the cross-encoder the floor is as before
    assert not should_abstain([_hit(0.5, None)])


def test_someone_having_a_fit_is_an_emergency_but_people_having_fits_are_a_topic():
    from assistant.safety import classify
    assert classify("Help - my husband's been having a fit for six minutes and it's not stopping").kind == "collapse"
    assert classify("how many people having a seizure are taken to A&E according to the plan?") is None


def test_the_governments_ten_year_plan_is_a_later_document_but_the_ten_year_plan_may_be_ours():
    from assistant.scope_time import other_document
    corpus = "the long term plan set a ten-year programme"
    assert other_document("what are the 3 shifts in the government's 10-year plan?", corpus, corpus) is not None
    assert other_document("what does the 10-year plan say about FCPs?", corpus, corpus) is None


@pytest.mark.parametrize("question", [
    "once the framework removed pulmonary rehab funding, who pays for it?",
    "the plan got rid of the 4-hour target didn't it?",
    "so the framework ditched social prescribing - why?",
    "the long term plan privatised physiotherapy, right?",
    "why were FCP posts frozen under the plan?",
])
def test_a_change_stated_at_the_start_of_a_clause_or_passive_is_a_premise(question):
    from assistant.premise import unsupported_premise
    assert unsupported_premise(question, "social prescribing link workers and pulmonary rehab expand.") is not None


def test_a_change_the_plan_does_make_is_no_false_premise_however_it_is_said():
    from assistant.premise import unsupported_premise
    found = "the plan removes the old dividing line between primary care and community health services."
    assert unsupported_premise("The plan removed the split between primary and community care - how?", found) is None


def _decided(question: str, context: str = ""):
    from assistant.scope import unsupported, vocabulary
    corpus = "primary care networks cover 30,000 to 50,000 people. the plan sets out nursing vacancies."
    return unsupported(question, [corpus], 0.7, vocabulary([corpus]), corpus, context=context)


def test_a_state_of_things_asked_for_now_is_after_the_documents():
    assert _decided("what's the nurse vacancy rate now?") is not None
    assert _decided("what do commissioners need to do now?") is None
    assert _decided("what's the plan's ambition for emergency admissions, vs where we are now?") is None


def test_a_pay_band_and_integrated_care_boards_are_things_the_documents_never_set_or_name():
    from assistant.scope_time import other_document
    corpus = "integrated care systems and clinical commissioning groups"
    assert other_document("what band are FCPs paid at?", corpus, corpus) is not None
    assert other_document("I'm a band 6 physio - what does the plan say about FCPs?", corpus, corpus) is None
    assert other_document("what is the ICB's role in delivering the plan?", corpus, corpus) is not None
    assert other_document("I work for an ICB - what does the framework ask systems to do on MSK?", corpus, corpus) is None


def test_a_named_ics_or_stp_is_a_particular_area():
    from assistant.scope_places import organisation
    corpus = "every stp and ics writes a five year plan for msk services"
    refusal = organisation("what did Cornwall's STP plan say about MSK?", corpus, corpus)
    assert refusal is not None and "Cornwall" in refusal.reason
    assert organisation("what must every STP plan say about MSK?", corpus, corpus) is None


def test_asking_to_confirm_a_change_the_plan_never_made_is_a_premise():
    from assistant.premise import unsupported_premise
    assert unsupported_premise("is it true the plan abolished CCGs?", "ccgs will work together within an ics.")


def test_how_many_without_a_noun_counts_what_the_clause_before_names():
    from assistant.asked_figure import asked_figure
    assert asked_figure("what's the deal with social prescribing link workers, how many are planned?") is None
    assert asked_figure("how many link workers are planned?")[0] == "count"
