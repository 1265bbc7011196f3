"""A single hospital, trust or system typed in lower case is outside national plans unless a passage found names it."""

from assistant.scope_bodies import named_body

CORPUS = "designing integrated care systems will cover all of england. hospitals in six places (bolton, salford, nottingham)"


def test_a_trust_typed_in_lower_case_is_refused_when_no_passage_names_it():
    refusal = named_body("how many beds does university hospitals of leicester have?", "bed occupancy", CORPUS)
    assert refusal is not None and "university hospitals of leicester" in refusal.reason


def test_a_system_or_hospital_named_by_its_place_is_refused():
    assert named_body("did frimley ics hit its sdec trajectory?", "", CORPUS) is not None
    assert named_body("how many staff are in salford royal's alcohol care team?", "alcohol care teams", CORPUS)
    assert named_body("how many beds does royal cornwall hospitals trust have?", "", CORPUS) is not None
    assert named_body("how many staff does nottingham university hospitals have", "", CORPUS) is not None


def test_kinds_of_body_and_words_the_documents_use_name_no_one():
    for question in ("whats the deadline for ics's to cover all of england", "what does every ics need to do?",
                     "what was the companion doc on designing icss?", "what must my local ics publish?",
                     "what does the royal college say about it?",
                     "what does the plan say about our teaching hospitals?", "do specialist university hospitals get more?"):
        assert named_body(question, "", CORPUS) is None, question


def test_a_body_a_found_passage_names_is_left_to_the_passages():
    assert named_body("what did the plan say about salford royal?", "at salford royal hospital", CORPUS) is None
