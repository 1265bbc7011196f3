"""Whether one body met its own target or got its plan in on time is what happened after 2019: outside the plans."""

from assistant.scope_time import outcome


def test_a_body_meeting_its_own_target_or_deadline_is_refused():
    for question in ("has university hospitals of leicester met its cardiac rehab uptake target yet",
                     "did north east london ics submit its five year plan on time and what was in it",
                     "did cornwall and isles of scilly STP get its five year plan in on time?"):
        assert outcome(question, "", "") is not None, question


def test_what_the_plans_ask_for_is_no_outcome():
    for question in ("by when must systems submit their five year plans?",
                     "what does a trust need to do to meet its cardiac rehab target?",
                     "what happens if a system does not submit its plan on time?"):
        assert outcome(question, "", "") is None, question
