"""Questions in users' words get short answers with citations to the exact passage, or an honest no."""

from __future__ import annotations

import pytest

from indexer.errors import BadInput


def test_paraphrased_question_retrieves_and_cites_its_passage(indexed):
    answer = indexed.ask("How many patients does one of the new GP networks look after?")
    assert not answer.abstained
    assert "30,000 to 50,000" in answer.answer
    cited = answer.citations[0]
    assert (cited.doc_id, cited.para, cited.page, cited.page_basis) == ("plan", "1.2", 5, "printed")
    assert cited.section.endswith("Primary care networks of local GP practices and community teams")
    assert cited.url == "https://www.longtermplan.nhs.uk/publication/nhs-long-term-plan/"


def test_every_marker_in_the_answer_refers_to_a_citation(indexed):
    answer = indexed.ask("when do systems send draft and final five-year plans?")
    import re

    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers and markers == {c.n for c in answer.citations}


def test_unrelated_question_abstains_without_citations(indexed):
    answer = indexed.ask("What is the best recipe for lemon drizzle cake?")
    assert answer.abstained
    assert answer.citations == []
    assert "don't cover" in answer.answer


def test_follow_up_is_answered_in_the_light_of_history(indexed):
    history = [
        {"role": "user", "content": "when are draft system plans due?"},
        {"role": "assistant", "content": "By mid-September 2019 [1]."},
    ]
    answer = indexed.ask("and the final versions?", history)
    assert "November 2019" in answer.answer


def test_document_filter_limits_sources(indexed):
    answer = indexed.ask("what funding do early adopter systems that opt in receive?", doc_id="framework")
    assert {c.doc_id for c in answer.citations} == {"framework"}


@pytest.mark.parametrize(
    ("question", "message"),
    [("", "empty"), ("   \n\t ", "empty"), ("x" * 2001, "under 2000"), (None, "must be text")],
)
def test_unusable_questions_say_what_to_do(indexed, question, message):
    with pytest.raises(BadInput, match=message):
        indexed.ask(question)


def test_control_characters_are_removed_and_unicode_kept(indexed):
    answer = indexed.ask("primary care network\x00\x07 size 😀 لماذا")
    assert answer.question == "primary care network size 😀 لماذا"


def test_answer_json_follows_the_contract(indexed):
    data = indexed.ask("how big should a primary care network be?", id="q1").to_dict()
    assert list(data)[:6] == ["id", "question", "answer", "abstained", "citations", "mode"]
    assert data["mode"] == "extractive"
    citation = data["citations"][0]
    for key in ("n", "doc_id", "doc_title", "section", "para", "page", "url", "source_kind", "text", "score"):
        assert key in citation
    assert citation["source_kind"] == "official"


@pytest.mark.parametrize(("question", "fact"), [("how big is a PCN?", "30,000"),
                                              ("how fast do UCR teams reach people?", "two hours")])
def test_acronyms_are_understood(indexed, question, fact):
    answer = indexed.ask(question)
    assert not answer.abstained and fact in answer.answer


def test_sentence_vectors_are_reused_and_match_a_fresh_embedding(shared_embeddings, monkeypatch):
    """Answers embed the top passages' sentences; cached vectors must be the ones the model would give."""
    import numpy as np

    texts = ["Networks cover 30,000 to 50,000 people.", "Draft plans are due by mid-September 2019."]
    first = shared_embeddings.embed_sentences(texts)
    assert np.allclose(first, np.array(shared_embeddings.embed_documents(texts)), atol=1e-5)
    model = shared_embeddings._load()
    monkeypatch.setattr(model, "encode", lambda *a, **k: pytest.fail("a cached sentence was embedded again"))
    again = shared_embeddings.embed_sentences(list(reversed(texts)))
    assert np.array_equal(again, first[::-1])


def test_a_paraphrase_that_adds_no_new_figure_is_left_out_of_the_answer():
    import numpy as np

    from assistant.answer import _choose

    candidates = [
        (0, "Primary care networks typically cover 30,000 to 50,000 people."),
        (1, "Each network of practices serves 30,000 to 50,000 patients in all."),  # says it again
        (2, "The networks receive £4.5 billion more a year by 2023/24."),  # similar, but new facts
    ]
    vectors = np.array([[1.0, 0.0], [0.7, 0.714], [0.65, 0.76]])
    chosen = _choose("What does the plan say about networks?", candidates, np.array([0.9, 0.85, 0.8]), vectors)
    assert [candidates[i][1][:12] for i in chosen] == ["Primary care", "The networks"]


def test_the_best_passage_can_complete_a_two_part_answer():
    """A second sentence of the best passage joins at a wider margin than a sentence from another passage."""
    import numpy as np

    from assistant.answer import _choose

    candidates = [
        (0, "Pulmonary rehabilitation reaches only about 13% of eligible patients."),
        (0, "Expanding it would help around 500,000 more people."),
        (1, "Breathlessness services are described in another passage."),
    ]
    vectors = np.eye(3)
    chosen = _choose("Who gets pulmonary rehabilitation, and what would expanding it do?", candidates,
                     np.array([1.0, 0.8, 0.8]), vectors)
    assert [candidates[i][1].split()[0] for i in chosen] == ["Pulmonary", "Expanding"]


@pytest.mark.parametrize(
    ("question", "favoured"),
    [("Which measures sit behind the prevention metric?", True),
     ("What roles can a PCN recruit?", True),
     ("Why does prevention matter?", False)],
)
def test_list_questions_favour_sentences_that_enumerate(question, favoured):
    from assistant.answer import _asked_for_bonus

    enumeration = "The measures are: MMR coverage; bowel screening; breast screening; and cervical screening."
    plain = "The first prevention metric is higher take-up of screening and immunisation."
    assert (_asked_for_bonus(question, enumeration) > _asked_for_bonus(question, plain)) is favoured


@pytest.mark.parametrize(
    ("question", "lead", "follow", "shown", "joined"),
    [
        ("What are the parts of a system plan?", "A system plan comes in two parts, due in September.",
         ["The first is a strategy delivery plan.", "The second is supporting technical material.", "Plans are long."],
         ["A system", "The first", "The second"], 2),
        ("What are the ten features every plan should have?", "The framework lists ten features every plan should have.",
         ["A plan should be clinically led; locally owned; financially balanced; and focused on prevention.",
          "Plans are agreed in November."],
         ["The framework", "A plan"], 1),
        ("When are system plans due?", "A system plan comes in two parts, due in September.",
         ["The first is a strategy delivery plan.", "The second is supporting technical material."],
         ["A system"], 0),
        ("What are the five big changes?", "The answer is five large, practical changes, all within five years, one each.",
         ["More care moves out of hospital.", "Emergency services are under less strain."],
         ["The answer", "More care", "Emergency services"], 0),  # two of five items: not the whole list
        ("List what has changed since Next Steps.", "The plan lists changes since Next Steps, two years earlier.",
         ["Evening GP appointments are available everywhere.", "Most NHS 111 callers get a clinical assessment.",
          "Urgent treatment centres have opened at 110 locations."],
         ["The plan", "Evening GP", "Most NHS", "Urgent treatment"], 0),  # "two years" counts no items
    ],
    ids=["two-parts", "enumerating-sentence-ends-the-list", "not-a-list-question", "commas-are-no-list",
         "a-lead-that-lists-without-a-count"],
)
def test_a_lead_that_announces_a_list_is_followed_by_its_items(question, lead, follow, shown, joined):
    from assistant.list_answers import with_items

    candidates = [(0, lead), *[(0, text) for text in follow], (1, "Another passage about plans entirely.")]
    chosen, items_joined = with_items(question, [0, len(candidates) - 1], candidates, limit=6)
    assert [" ".join(candidates[i][1].split()[:2]) for i in chosen if candidates[i][0] == 0] == shown
    assert items_joined == joined  # the whole list is joined to the lead, which then holds it


class _FavouringReranker:
    """A cross-encoder stand-in that scores sentences holding one phrase as answering the question."""

    def __init__(self, phrase: str):
        self.phrase = phrase
        self.read: list[str] = []

    def score(self, query: str, texts: list[str]) -> list[float]:
        self.read += texts
        return [1.0 if self.phrase in t else 0.0 for t in texts]

    def room(self, wanted: int) -> int:
        """No pair budget: every pair asked for may be read (CrossEncoderReranker.room)."""
        return wanted


def test_the_cross_encoder_picks_the_lead_among_the_best_few_sentences():
    import numpy as np

    from assistant.answer import _cross_encoded
    from assistant.config import PipelineConfig

    candidates = [(0, "Urgent community response teams are about crisis care."),
                  (0, "Teams reach people within two hours of referral."),
                  (1, "Crisis teams in the community are a priority."),
                  (2, "A sentence far below the others.")]
    scores = np.array([0.80, 0.70, 0.75, 0.10])
    reranker = _FavouringReranker("two hours")
    config = PipelineConfig(sentence_rerank_depth=3, sentence_rerank_weight=0.3)
    rescored = _cross_encoded("How fast should crisis teams respond?", candidates, scores, reranker, config)
    assert int(np.argmax(rescored)) == 1
    assert "A sentence far below the others." not in reranker.read  # only the best three are read
    assert np.array_equal(_cross_encoded("q", candidates, scores, reranker, PipelineConfig(sentence_rerank_depth=0)),
                          scores)


@pytest.mark.parametrize(
    ("question", "lead"),
    [("When should ICSs cover the whole of England?", "ICSs are expected to cover"),
     ("How many people does a network cover?", "Networks serve"),
     ("What is an integrated care system?", "An integrated care system")],
)
def test_the_sentence_with_the_asked_for_date_or_figure_leads(question, lead):
    from assistant.answer import _asked_for_first

    candidates = [(0, "An integrated care system joins up the NHS bodies of an area."),
                  (1, "ICSs are expected to cover all of England by April 2021."),
                  (1, "Networks serve 30,000 to 50,000 people.")]
    chosen, joined = _asked_for_first(question, [0, 2, 1], candidates)
    assert candidates[chosen[0]][1].startswith(lead) and sorted(chosen) == [0, 1, 2] and joined == 0


@pytest.mark.parametrize("shorthand", ["30-50,000 people", "30–50,000 people", "30 to 50,000 people"])
def test_a_range_written_short_is_the_same_figure(shorthand):
    """ "30-50,000" restates "30,000 to 50,000": an answer that has one must not add the other as news."""
    from assistant.one_fact import facts_in

    assert facts_in(f"Networks typically cover {shorthand}.") == facts_in("Networks serve 30,000 to 50,000 people.")
    assert facts_in("1,000 to 2,000 staff") == {"1,000", "2,000"}


class _TableEmbeddings:
    """Sentence vectors set by hand, so a test decides how close each sentence is to a question."""

    def __init__(self, vectors: dict[str, list[float]]):
        self.vectors = vectors

    def embed_query(self, text: str) -> list[float]:
        return self.vectors[text]

    def embed_sentences(self, texts: list[str]):
        import numpy as np

        return np.array([self.vectors[t] for t in texts])


@pytest.mark.parametrize(
    ("part", "sentences", "added"),
    [
        # the part's best sentence restates the plan; the one behind it gives the outcome's figures
        ("what will expanding it achieve?",
         {"The plan wants rehabilitation offered to all eligible patients with milder symptoms.": [0.9, 0.436, 0, 0],
          "Over ten years the expansion is expected to prevent 500,000 exacerbations.": [0.8, 0, 0.6, 0]},
         "500,000"),
        # a share written in words is what "what proportion ..." asks for, even a little behind the best
        ("what proportion of emergency patients should go home the same day?",
         {"Same day emergency care is to be in place in every hospital with a major A&E.": [0.9, 0.436, 0, 0],
          "Roughly a third of emergency patients are to go home on the day they arrive.": [0.7, 0, 0.714, 0]},
         "a third"),
        # the part asks when, the answer already gives the date: a new figure behind the part's best is not news
        ("and when does the digital flag come in?",
         {"Staff will know when a patient has a learning disability from a flag on the record.": [0.9, 0.436, 0, 0],
          "The headline metrics are halving the inpatient rate and 75% of health checks by 2023/24.": [0.8, 0, 0.6, 0]},
         None),
        # a part after no kind of fact is answered by its best sentence, figures or none
        ("which other rehab could be delivered alongside cardiac?",
         {"Cardiac rehabilitation has much in common with pulmonary rehabilitation.": [0.9, 0.436, 0, 0]},
         "pulmonary"),
    ],
    ids=["outcome-behind-the-best", "share-in-words", "asked-kind-already-given", "part-after-no-kind-of-fact"],
)
def test_each_part_of_a_two_part_question_gets_the_sentence_that_answers_it(part, sentences, added):
    from assistant.answer import _answer_part, _part_scores, read_sentences

    first = "Acute frailty services are to run for at least 70 hours a week from April 2020."
    candidates = [(0, first), *[(1, text) for text in sentences]]
    embeddings = _TableEmbeddings({part: [1.0, 0, 0, 0], first: [0.1, 0, 0, 0.995], **sentences})
    chosen = [0]
    _answer_part(part, chosen, candidates, embeddings.embed_sentences([t for _, t in candidates]),
                 _part_scores(part, candidates, read_sentences(candidates, embeddings), embeddings))
    if added is None:
        assert chosen == [0]
    else:
        assert [added in candidates[c][1] for c in chosen] == [False, True]


@pytest.mark.parametrize(
    ("question", "lead", "members", "shown", "joined"),
    [
        ("What are the framework's critical foundations?", "The framework calls its foundational programmes "
         "'critical foundations'.", "They are urgent care; personalised care; digital outpatients; and cancer.",
         ["The framework", "They are"], 1),
        ("Which extra roles can a network recruit?", "The network contract funds networks to recruit additional staff.",
         "The roles include clinical pharmacists, link workers, first contact physiotherapists, physician associates and "
         "paramedics.",
         ["The roles", "The network"], 0),
        ("Who will be on the NHS Assembly?", "An NHS Assembly will be set up in early 2019.",
         "Its members will be drawn from national bodies; the VCSE sector; the Arm's Length Bodies; and local leaders.",
         ["An NHS", "Its members"], 1),
        ("Why does the framework name critical foundations?", "The framework calls its foundational programmes "
         "'critical foundations'.", "They are urgent care; personalised care; digital outpatients; and cancer.",
         ["The framework"], 0),
        ("Which four roles are the initial focus?", "The plan makes room for roles such as pharmacists, counsellors, "
         "physiotherapists and nurses.", "The first roles are clinical pharmacists, physician associates, first "
         "contact physiotherapists and link workers.", ["The plan", "The first"], 1),
    ],
    ids=["members-lean-on-the-lead", "members-stand-alone", "who-is-on-a-body", "not-a-list-question",
         "four-asked-for-and-other-things-named"],
)
def test_a_list_question_gets_the_members_its_leads_passage_names(question, lead, members, shown, joined):
    from assistant.answer import _asked_for_first

    candidates = [(0, lead), (0, members), (1, "Another passage about plans entirely, scoring second.")]
    chosen, items_joined = _asked_for_first(question, [0, 2], candidates)
    assert [" ".join(candidates[i][1].split()[:2]) for i in chosen if candidates[i][0] == 0] == shown
    assert items_joined == joined


def test_how_many_of_a_group_already_named_asks_for_a_share():
    from assistant.asked_for import asked_kinds, counted_noun, kinds_in

    assert asked_kinds("and how many of them actually recover?") == {"share"}
    assert counted_noun("and how many of them actually recover?") is None
    assert "share" in kinds_in("Nine in ten begin treatment within six weeks.")
    assert "count" in asked_kinds("How many link workers will networks get?")


def test_a_part_whose_best_sentence_is_already_in_the_answer_gets_nothing_more():
    from assistant.answer import _answer_part, _part_scores, read_sentences

    part = "What are the parts?"
    best = "A plan comes in two parts: a strategy delivery plan, activity, finance, and workforce material."
    behind = "A plan should begin with needs, then service changes, workforce, digital, estates and finance."
    candidates = [(0, best), (0, behind)]
    embeddings = _TableEmbeddings({part: [1.0, 0, 0], best: [0.95, 0.312, 0], behind: [0.85, 0, 0.527]})
    chosen = [0]
    _answer_part(part, chosen, candidates, embeddings.embed_sentences([t for _, t in candidates]),
                 _part_scores(part, candidates, read_sentences(candidates, embeddings), embeddings))
    assert chosen == [0]


def test_a_later_sentence_that_only_announces_a_list_carries_the_items_its_passage_names():
    from assistant.list_answers import carried_items

    candidates = [(0, "Its dated milestones include: the NHS App in 2020/21, and full digitisation by 2024."),
                  (1, "The later digital milestones run as follows."),
                  (1, "Every organisation meets the cyber standards by summer 2021."),
                  (1, "The Child Protection Information system reaches every setting by 2022/23."),
                  (2, "Another passage about digital plans entirely.")]
    assert carried_items("List the dated digital milestones", [0, 1, 4], 0, candidates, limit=6) == {1: [2, 3]}
    assert carried_items("Why does the plan date its milestones?", [0, 1, 4], 0, candidates, limit=6) == {}


STAFF = "The network contract funds networks to recruit additional staff so that GPs can see the patients who need them."
ROLES = ("The roles include clinical pharmacists, link workers, first contact physiotherapists, physician associates "
         "and community paramedics.")
SUPPORT = "By 2023/24 every care home resident who would benefit is to receive stronger NHS support."
OFFER = ("Where they need it, residents will have their medicines reviewed by a pharmacist, get rehabilitation from "
         "therapists, and receive help with oral health, hydration and nutrition.")


@pytest.mark.parametrize(
    ("question", "lead", "members", "shown", "joined"),
    [
        ("as a network clinical director can I use the contract to bring in community paramedics?", STAFF, ROLES,
         ["The network", "The roles"], 0),
        ("what will care home residents actually get?", SUPPORT, OFFER, ["By 2023/24", "Where they"], 1),
        ("Why does the contract fund extra staff?", STAFF, ROLES, ["The network"], 0),
        ("How much does the contract pay for extra staff?", STAFF, ROLES, ["The network"], 0),
        ("what will care home residents get?", "Residents get pharmacists, therapists, dentists and dietitians.",
         OFFER, ["Residents get"], 0),
        ("can I use the contract to bring in community paramedics?", STAFF, "The plan is clear that this adds to, "
         "and does not replace, the part played by individuals, businesses, charities and government.",
         ["The network"], 0),
    ],
    ids=["yes-no-question-about-one-member", "what-will-they-get", "why-asks-a-reason", "how-much-asks-a-figure",
         "lead-that-enumerates-itself", "a-list-of-other-things"],
)
def test_a_question_not_worded_as_a_list_still_gets_the_members_its_lead_names(question, lead, members, shown,
                                                                                joined):
    """The lead names a set ("additional staff") and its next sentence lists the members: shown after the lead,
    joined to it when it leans on it; not for a reason or a figure, nor after a lead that lists them itself."""
    from assistant.list_answers import with_members

    candidates = [(0, lead), (0, members), (1, "Another passage about plans entirely, scoring second.")]
    chosen, members_joined = with_members(question, [0, 2], candidates)
    assert [" ".join(candidates[i][1].split()[:2]) for i in chosen if candidates[i][0] == 0] == shown
    assert members_joined == joined
    assert len(chosen) - members_joined == 2, "the answer keeps its length"
    assert 2 in chosen or members_joined == 0, "members joined to the lead cost the answer no sentence"


def test_a_sentence_the_cross_encoder_judged_off_the_question_does_not_follow_its_lead():
    """Similarity ranks sentences sharing the question's words ("carers") close behind the lead; when the
    cross-encoder read them and judged they do not answer while the lead does, they stay out and the place goes to
    the sentence it judged on the question."""
    import numpy as np

    from assistant.answer import _choose

    candidates = [
        (0, "Unpaid carers are to be identified earlier and helped to look after their own health."),
        (1, "Local plans carry forward the continuity of carer commitment for maternity services."),
        (0, "The plan points to carer passports and to contingency planning when a carer faces an emergency."),
    ]
    scores = np.array([0.63, 0.62, 0.55])
    judged = np.array([0.75, 0.01, 0.40])  # the cross-encoder's reading of each sentence
    chosen = _choose("What does the plan say about unpaid carers?", candidates, scores, np.eye(3),
                     ranked=scores + judged)
    assert [candidates[i][1].split()[1] for i in chosen] == ["carers", "plan"]


def test_the_leads_own_passage_may_complete_it_whatever_the_cross_encoder_read():
    """The cross-encoder reads the whole question, so the lead's own next sentence answering its second half
    ("... and long stays" -> "21 days or more") can score low there; it still follows the lead."""
    import numpy as np

    from assistant.answer import _choose

    candidates = [
        (0, "Systems should use same day emergency care as fully as they can."),
        (0, "Length of stay should fall for patients staying 21 days or more in hospital."),
        (1, "The online version of NHS 111 gives urgent care advice to everyone."),
    ]
    scores = np.array([0.88, 0.74, 0.73])
    judged = np.array([0.99, 0.09, 0.01])
    chosen = _choose("What should systems do about same day emergency care and long stays?", candidates, scores,
                     np.eye(3), ranked=scores + judged)
    assert [candidates[i][1].split()[0] for i in chosen] == ["Systems", "Length"]
