"""Kinds of question outside the documents whatever passage matches: advice for the asker's own business or purchase,
Northern Ireland written "NI", this financial year, and the 2020 People Plan."""

from assistant.scope_personal import writing_task
from assistant.scope_places import other_nation
from assistant.scope_time import PERIOD, other_document


def test_business_and_purchase_advice_is_refused():
    for question in ("how do i set up a limited company to do locum gp work?",
                     "can you recommend which electronic patient record vendor we should buy",
                     "can you recommend a booking system for a private physio clinic?"):
        refusal = writing_task(question, "", "")
        assert refusal is not None and "supplier" in refusal.reason, question


def test_what_the_plans_recommend_is_still_asked_of_them():
    for question in ("does the plan recommend a single EPR system for each ICS?",
                     "which digital systems does the framework expect systems to buy?"):
        assert writing_task(question, "", "") is None, question


def test_ni_in_capitals_is_northern_ireland():
    refusal = other_nation("NI trust planning manager - what five year plan deadlines apply to us?", "", "")
    assert refusal is not None and "Northern Ireland" in refusal.reason
    assert other_nation("what does the plan say about uni students?", "", "") is None


def test_this_financial_year_is_the_present():
    assert PERIOD.search("what's the total nhs england budget for this financial year")


def test_the_2020_people_plan_is_a_later_document():
    assert other_document("what does the 2020 we are the nhs people plan promise on flexible working?", "", "")


def test_the_askers_own_service_in_another_nation_is_what_is_asked_about():
    refusal = other_nation("NI trust planning manager - what five year plan deadlines apply to us under the "
                           "implementation framework?", "", "")
    assert refusal is not None and "Northern Ireland" in refusal.reason
    assert other_nation("I trained in Wales - what does the long term plan say about physio roles?", "", "") is None
