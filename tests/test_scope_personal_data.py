"""With personal details in the question, a question about the asker themselves is a request to look them up."""

from assistant.scope_personal import personal_matter


def test_details_given_with_a_question_about_the_asker_are_refused():
    for question in ("nhs no 485 777 3456 - has my personal health budget been approved yet?",
                     "i was born 14/03/1971, nhs no 485 777 3456 - when will i be called for bowel screening?",
                     "my email is tom.r@nhs.net and membership no 204417, am i on the csp pelvic health network list?"):
        refusal = personal_matter(question, "", "")
        assert refusal is not None and "can't see or act on your own care" in refusal.reason, question


def test_details_beside_a_question_about_the_plans_are_still_answered():
    for question in ("my email is jo@example.com, when are final system plans due?",
                     "my email is jo@example.com - what does my ICS need to publish by april?"):
        assert personal_matter(question, "", "") is None, question
