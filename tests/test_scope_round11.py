"""Round 11 (blind probe 11): answerable questions that were refused as "the documents don't give that figure"
because of how the figure was asked for, not what it was of."""

from assistant.asked_figure import missing_breakdown, missing_figure


def test_a_clause_saying_who_holds_a_target_need_not_be_in_the_sentence_that_gives_it():
    question = "what participation target do trusts need to support?"
    assert missing_breakdown(question, ["One million people will be participating in research by 2023/24."]) is None
    assert missing_breakdown(question, ["Trusts need to support staff wellbeing within two years."]) is not None


def test_a_clause_still_needs_what_it_says_the_figure_is_for():
    question = "What maximum waiting time in weeks does the plan set for community physiotherapy?"
    assert missing_breakdown(question, ["Crisis response teams will reach people within two hours."]) is not None


def test_a_target_for_the_number_of_things_is_answered_by_a_count_of_those_things():
    question = "and what's the target for number of genomes by 23/24?"
    assert missing_breakdown(question, ["We will sequence 500,000 whole genomes by 2023/24."]) is None
    assert missing_breakdown(question, ["Screening will reach 80% of people by 2023/24."]) is not None


def test_an_abbreviated_unit_is_counted_by_the_spelt_out_unit():
    question = "frailty services - how many hrs a week should they run"
    assert missing_figure(question, ["Acute frailty services will run for at least 70 hours a week."]) is None
    assert missing_figure(question, ["Acute frailty services will see 300 patients a week."]) is not None


def test_a_person_asking_whether_to_switch_their_own_inhaler_is_signposted_to_a_clinician():
    from assistant.safety import classify
    assert classify("my blue inhaler isnt working as well now, should i switch to a dry powder one?").kind == "clinical"
    assert classify("what does the plan say about switching patients to dry powder inhalers?") is None


def test_a_person_asking_what_strength_of_nicotine_patch_to_use_is_signposted_to_a_clinician():
    from assistant.safety import classify
    assert classify("im 30 weeks pregnant and still smoking, what nicotine patch strength should i use").kind == "clinical"
    assert classify("does the plan offer nicotine patches to pregnant smokers?") is None


def test_now_with_the_askers_year_beside_it_still_asks_about_the_present():
    from assistant.scope_time import NOW
    assert NOW.search("what's the physio vacancy rate now, in 2026?")
    assert not NOW.search("what does the plan say trusts must do now in 2020 planning?")
