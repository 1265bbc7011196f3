"""A stand against something, a change "given up on", or a change given as the ground of a question is a premise the
passages found must say; "the end of 2023/24" is a date, not an ending."""

from assistant.premise import unsupported_premise


def test_a_stand_the_passages_never_report_is_a_false_premise():
    found = "the csp welcomes the expansion of first contact physiotherapy in primary care networks."
    assert unsupported_premise("why did the csp oppose first contact physiotherapy in the long term plan", found)
    assert unsupported_premise("why did the csp come out against the first contact physio model in the ltp?", found)


def test_a_stand_the_passages_do_report_is_no_false_premise():
    found = "the csp has raised concerns about and opposes the cut to physiotherapy posts in the plan."
    assert unsupported_premise("why did the csp oppose the cut to physiotherapy posts?", found) is None


def test_giving_up_on_an_aim_and_making_a_rollout_optional_are_changes_to_find():
    found = "halving stillbirths by 2025 remains the ambition; first contact physiotherapy rolls out everywhere."
    assert unsupported_premise("why did the plan give up on halving stillbirths by 2025?", found)
    assert unsupported_premise("since the framework made FCP rollout optional, how does our system opt in to it?", found)


def test_the_end_of_a_year_is_no_scrapping():
    found = "the guarantee of at least £4.5bn more for primary and community care by the end of 2023/24."
    assert unsupported_premise("why did the ltp scrap the £4.5bn guarantee for primary and community care?", found)
