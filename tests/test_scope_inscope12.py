"""Answerable questions the refusal rules wrongly refused (inscope12), one test per cause, each beside an
out-of-scope look-alike that stays refused. A named figure asked of "its own" fleet or "in the framework section" is
answered by a sentence giving it of the fleet; a target "being tried" is answered by the trial's figure; where a
missing annex is found is what its notice says; a count given after what it counts ("whose numbers had grown by
nearly 5,000") answers "how many staff"; and a misspelt word that a passage uses one slip off does not
sink a question below the similarity floor."""

from __future__ import annotations

from scope_rules import ScopeRules

from assistant.asked_figure import missing_figure
from assistant.figure_breakdown import missing_breakdown
from assistant.glossary import expand_acronyms
from assistant.scope_floor import names_every_word
from assistant.scope_gaps import missing_part

AIR = ("Air pollution. The NHS commits to cut air pollutant emissions from business mileage and its fleet by 20% by "
       "2023/24. By 2028 at least 90% of the NHS fleet will use low-emissions engines.")
CARER = ("The plan's further target is that by 2024, 75% of women from BAME communities receive continuity of carer.")
SCHOOLS = ("Mental Health Support Teams will work in schools and colleges. A four-week wait for specialist help is "
           "being trialled in some areas.")
ANNEX = ("Annex A: Funding the Long Term Plan. Annex A, from printed page 33, deals with how the plan is paid for. No "
         "public copy we could reach shows its tables or its year-by-year amounts, so this digest does not summarise "
         "them; anyone who needs those figures should read the official framework from page 33.")
ROLES = ("The plan will keep making room for other roles in primary care, such as pharmacists, counsellors, "
         "physiotherapists and nurse practitioners, whose numbers had grown by nearly 5,000 in the previous three years.")
refusal = ScopeRules([AIR, CARER, SCHOOLS, ANNEX, ROLES]).refusal


def test_a_target_of_its_own_fleet_is_answered_by_the_fleet_target_but_one_for_its_buildings_is_not():
    assert missing_breakdown("what targets does the nhs set itself on air pollution from its own vehicles and fleet?",
                             [AIR]) is None
    assert refusal("what targets does the nhs set itself on air pollution from its own vehicles and fleet?") is None
    refused = missing_breakdown("what targets does the nhs set itself on air pollution from its own hospital buildings?",
                                [AIR])
    assert refused and "don't give that figure" in refused


def test_where_the_target_is_written_is_not_what_it_is_of():
    assert missing_breakdown("continuity of carer for bame women - what's the 2024 target in the framework section?",
                             [CARER]) is None
    refused = missing_breakdown("what's the 2024 target for disabled men in the framework section?", [CARER])
    assert refused and "don't give that figure" in refused


def test_a_target_being_tried_is_answered_by_the_trial_but_one_for_a_service_never_named_is_not():
    assert missing_breakdown("is there a waiting time target being tried for them?", [SCHOOLS]) is None
    refused = missing_breakdown("is there a waiting time target being tried for dentistry?", [SCHOOLS])
    assert refused and "don't give that figure" in refused


def test_where_to_find_a_missing_annex_is_answered_but_what_it_lists_is_refused():
    assert missing_part("where do i find the year-by-year funding tables in annex a?", [ANNEX]) is None
    assert refusal("where do i find the year-by-year funding tables in annex a?") is None
    refused = missing_part("what are the year-by-year funding tables in annex a?", [ANNEX])
    assert refused and "doesn't include the text of Annex A" in refused.reason and "page 33" in refused.reason


def test_a_count_given_after_the_staff_it_counts_answers_how_many_staff_but_not_how_many_link_workers():
    assert missing_figure("how many other primary care staff had been added in the last 3 yrs?", [ROLES]) is None
    assert refusal("how many other primary care staff had been added in the last 3 yrs?") is None
    for question in ("how many link workers had been added in the last 3 yrs?",
                     "how many hospitals had been added in the last 3 yrs?"):
        refused = missing_figure(question, [ROLES])
        assert refused and "don't give that figure" in refused


TESTS = ("Annex B: Financial assumptions. Each system must show how it will pass the plan's five financial tests: "
         "returning to financial balance and achieving productivity growth of at least 1.1% a year.")


def test_a_misspelt_question_whose_words_a_passage_uses_passes_the_similarity_floor_but_one_asking_more_does_not():
    assert names_every_word("what are the 5 fincancial tests", [TESTS])
    assert names_every_word("what are the five finacnial tests?", [TESTS])
    assert not names_every_word("what are the 5 fincancial tests for wales?", [TESTS])
    assert not names_every_word("what are the fincancial tests for gp surgeries?", [TESTS])
    assert not names_every_word("what are the tests?", [TESTS])  # one word says too little to rescue anything


UCR = ("Recruiting teams starts in seven parts of England in April 2020, aiming for teams to be operating in at least "
       "three areas by the following winter.")


def test_a_count_of_areas_answers_in_how_many_places_but_not_in_how_many_hospitals():
    assert missing_figure("by the first winter, in how many places should urgent community response teams be up and "
                          "running?", [UCR]) is None
    refused = missing_figure("by the first winter, in how many hospitals should urgent community response teams be up "
                             "and running?", [UCR])
    assert refused and "don't give that figure" in refused


def test_a_dof_is_searched_for_as_a_director_of_finance_but_a_named_trusts_dof_stays_refused():
    assert "director of finance" in expand_acronyms("what does the framework mean for a DoF, in a nutshell?")
    assert "director of finance" not in expand_acronyms("I don't know what the framework means")
    rules = ScopeRules([TESTS])
    assert rules.refusal("what does the framework mean for a DoF, in a nutshell?") is None
    refused = rules.refusal("who is the DoF at Royal Cornwall Hospitals Trust?")
    assert refused and "Royal Cornwall Hospitals Trust" in refused.reason
