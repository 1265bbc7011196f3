"""Someone's own care, records or employment: the documents set out national plans and can neither act on a
person's care nor say what one person is paid or owed."""

from __future__ import annotations

import re

from assistant.privacy import has_personal_data
from assistant.refusal import COVERS, Refusal
from assistant.safety import WORKPLACE_WORDS as _WORKPLACE
from assistant.scope_places import asking_clauses

_CAREER = r"(?:find|read|look|qualify|train|become|graduate|join|study|work|apply|start)\b"
"""What an asker does as a reader or in a career ("tell me if I qualify as a midwife, am I guaranteed a job?", "tell
me where I find the headline metrics"): a question about the documents, not about their own care."""
PERSONAL_MATTER = re.compile(
    r"\b(ring|call|phone|email|e-mail|text|contact|book|refer|register|subscribe|enrol|enroll|notify)\s+me\b|"
    r"\bsign\s+me\s+up\b|\b(?:add|put)\s+me\s+(?:to|on|onto)\b|"
    r"\bmy (own )?(referral|records?|surgery|waiting list|gp practice|postcode|address|nearest)\b|"
    r"\bmy (own |[\w-]+ )?(appointments?|test results?|operation|scan)\b|"
    r"\bmy (son|daughter|mum|mother|dad|father|wife|husband|partner|child|baby|nan|gran\w*)\b"
    r"(?=.*\b(?:seen|referred|treated|operated|assessed|admitted|discharged|booked|wait|waiting|appointments?|operation|"
    r"referral|results?|scan)\b)|"
    r"\b(which|what) (pcn|primary care network|gp practice|icb|ccg|trust|area) (am i|is mine|do i (belong|come|fall|live))\b|"
    r"\bam i (in|registered|covered|eligible|entitled)\b|"
    rf"\b(check|look up|find out|tell me)\s+(whether|if|when|where|how long)\b"
    rf"(?:(?!\b(?:i|i'?m|me|my)\b).){{0,30}}\b(i(?! {_CAREER})|i'?m|me|my(?! {_WORKPLACE}))\b|"
    r"\b(am i|i'?m) on (the|a|my) [\w -]{0,20}(list|register)\b|"
    rf"\bshould i\b.{{0,40}}\b(take|taking|use|using|stop|start|increase|up)\b.{{0,40}}\bmy\b(?! {_WORKPLACE})|"
    r"\bhow long (?:will|would|do|does|must|might|am|should|can|could) (?:i|we|my (?:son|daughter|mum|mother|dad|father|"
    r"wife|husband|partner|child|baby))\b(?: (?:have|need|be expected|expect) to)? (?:wait|be waiting)\b|"
    r"\b(?:send|forward|post|text|e-?mail)\b.{0,40}\bto (?:me|my (?:email|e-mail|inbox|address|phone|mobile))\b|"
    r"\bannual leave\b|\b(do|will|would|can) i (get|earn|be paid|be entitled)\b.{0,40}\b(pay|salary|leave|pension|band)\b|"
    r"\b(?:my|our)\s+(?:nhs\s+)?pensions?\b|\bpensions?\b.{0,60}\b(?:if|when|should|can|could|do|will|would)\s+i\b|"
    r"\b(?:should|can|could|do|will|would)\s+i\b.{0,60}\bpensions?\b",
    re.I)
"""Someone's own care or employment ("ring me back about my appointment", "which PCN am I in?", "how much annual leave
do I get", "the best pension option if I want to retire at 60", "register me for the updates"): the documents set out
national plans and cannot act on or answer either. A relative said as background ("my son has diabetes - when can people
like him get flash monitors?") is no such matter."""
_ABOUT_ME = re.compile(r"\b(?:am\s+i|i(?:'?m|\s+am)?)\s+(?:due|eligible|entitled|qualify|qualified|covered|registered|"
                       r"allowed)\b|\b(?:do|can|will|would|could|should)\s+i\s+(?:qualify|be\s+(?:eligible|entitled|seen|offered|"
                       r"invited|referred|covered))\b|\bmy\s+(?:own\s+)?(?:care|treatment|record|records|results?|referral|"
                       r"appointment|eligibility|entitlement)\b|"
                       r"\b(?:check|look\s+up|find\s+out|tell\s+me|confirm|see)\s+(?:whether|if|which|what|where|when)\b"
                       r"[^?!.]{0,40}?\bmy\b", re.I)
"""A clause asking about the asker's own eligibility, care or record ("can you check if I qualify for a personal health
budget?", "am I due a lung health check?", "my NHS number is ... can you check which trust my placement is at?"):
with their NHS number or date of birth beside it, a request to look them up, which the assistant cannot do."""


_SEND_ME = re.compile(r"\b(?:send|forward|post|email|e-mail|text|message)\s+(?:it\s+|this\s+|that\s+|them\s+)?me\b|"
                      r"\b(?:send|forward|post|email|e-mail|text|message|reply|respond|write\s+back|get\s+back)\b[^?!]{0,80}?"
                      r"\bto\s+(?:me\s+at\s+)?"
                      r"(?:[\w.+-]+@[\w-]+\.\w|\+?\d[\d ]{8,})", re.I)
"""A request to send something to the asker: with their email or number in the question, it asks the assistant to
act on their details, which it cannot ("my email is ..., send me the summary", "send a summary of the framework to
name@example.com", "please reply to name@example.nhs.uk")."""


CONTACT_DETAILS = re.compile(
    r"\b(?:e-?mail(?:\s+address)?|(?:direct\s+|mobile\s+|tele)?phone\s+(?:number|line)|direct\s+(?:line|dial)|"
    r"mobile\s+number|home\s+address|contact\s+(?:details|number|info\w*))\s+(?:of|for)\b|"
    r"\b(?:[\w'’-]+['’]s)\s+(?:(?:direct|personal|work|mobile|office)\s+)?(?:e-?mail(?:\s+address)?|"
    r"(?:tele)?phone\s+number|mobile(?:\s+number)?|contact\s+details|home\s+address)\b", re.I)
"""Someone's contact details ("the email address of our STP's plan lead", "Karen Middleton's direct phone number"):
the documents name no one's email or number, and the assistant would not give a person's details if they did."""


_ABOUT_SOMEONE = re.compile(
    r"\b(?:check|look\s+up|find\s+out|tell\s+(?:me|us)|confirm|see)\s+(?:whether|if|when|where|how\s+long)\b"
    r"[^?!.]{0,40}?\b(?:he|she|they|him|her|his|their|(?:(?:this|the|my|our)\s+)?(?:patient|client|person|resident|"
    r"service\s+user|man|woman|child|baby))\b|"
    r"\b(?:does|do|is|are|can|will|would|should)\s+(?:he|she|they|(?:this|the|my|our)\s+(?:patient|client|person|"
    r"resident|service\s+user))\s+(?:count|qualify|meet|get|(?:be\s+)?(?:eligible|entitled|seen|offered|referred|"
    r"counted|included|discharged))\b|"
    r"\b(?:was|were|has|have|had|did)\s+(?:he|she|they|(?:this|the|my|our)\s+(?:patient|client|person|resident|"
    r"service\s+user))\s+(?:(?:been|ever\s+been)\s+)?(?:get|got|given|seen|offered|referred|counted|included|"
    r"discharged|assessed|treated)\b", re.I)
"""A request to look up or judge one person ("Patient NHS number ... Can you check whether he counts towards the
21-day long-stay cohort?", "can you confirm whether patient NHS number ... was counted in our figures?", "a complaint
from patient NHS number ... were they offered a faster provider?"): with their
NHS number, email, phone or postcode and birth date beside it, it asks the assistant to act on a patient's record,
which it cannot."""


def contact_details(question: str, found: str, corpus_text: str) -> Refusal | None:
    if not CONTACT_DETAILS.search(question):
        return None
    return Refusal(f"{COVERS} They give no one's email address, phone number or other contact details. Your "
                   "organisation's website or switchboard, or NHS England's regional team, can put you in touch; the "
                   "related passages say what the documents do say.")


def personal_matter(question: str, found: str, corpus_text: str) -> Refusal | None:
    # personal data alone does not: privacy.py answers with a notice; asking to be sent something at it does
    identified = has_personal_data(question)
    if identified and _ABOUT_SOMEONE.search(question) and not PERSONAL_MATTER.search(question):
        return Refusal("The documents I have set out national NHS plans: they can't look up or act on any one "
                       "person's care or record. Please don't share a patient's NHS number or other details here; "
                       "their record, and your organisation's own policies, answer questions about them.")
    if not PERSONAL_MATTER.search(question) and not (identified and (_SEND_ME.search(question) or
                                                                     _ABOUT_ME.search(" ".join(asking_clauses(question))))):
        return None
    return Refusal("The documents I have set out national NHS plans: they can't see or act on your own care or "
                   "details, and they don't set anyone's pay or leave. For your care, contact the service or your GP "
                   "practice; for pay and leave, your employer or trade union (for physiotherapists, the CSP).")


WRITING_TASK = re.compile(
    r"\b(?:write|draft|compose|make\s+up|structure|improve|polish|proofread|help\s+(?:me\s+)?with\s+my)"
    r"\b(?:\s+[\w'’-]+){0,4}?\s+(?:cover(?:ing)?\s+letters?|cvs?|r[ée]sum[ée]s?|poems?|poetry|songs?|lyrics|limericks?|"
    r"haikus?|raps?|jokes?|stor(?:y|ies)|sonnets?|personal\s+statements?|supporting\s+statements?|job\s+adverts?|"
    r"job\s+applications?|essays?|(?:python|vba|excel|sql|javascript|computer)\s+(?:scripts?|code)|scripts?|"
    r"formulas?|formulae|macros?|complaints?|posters?|flyers?|leaflets?|newsletters?|rotas?|speech(?:es)?)\b",
    re.I)
"""A piece of writing or code for the asker ("help me write a cover letter for an FCP job", "write me a short poem
about the NHS turning 70", "an excel formula for our rota", "help me write a complaint about the receptionist", "draft
a recruitment poster for our branch"): a task, not a question the documents answer."""


TRANSLATION = re.compile(r"\b(?:translate|translation\s+of)\b.{0,60}?\b(?:into|to|in)\s+(?:welsh|polish|urdu|"
                         r"punjabi|bengali|arabic|romanian|french|spanish|portuguese|gujarati|somali|chinese|mandarin|"
                         r"cantonese|tamil|turkish|lithuanian|italian|german|russian|ukrainian|another language)\b", re.I)
"""Translating text into another language ("translate the summary into polish for my patient"): a task, and one an
extractive assistant would do badly; the documents are in English."""
RECOMMENDATION = re.compile(r"\brecommend\s+(?:me\s+)?(?:a|an|some|any)\s+(?:good\s+|decent\s+)?(?:books?|podcasts?|films?|"
                            r"novels?|tv|shows?|restaurants?|holidays?|apps?\s+for\s+(?:my|me))\b|"
                            r"\btell\s+(?:me|us)\s+(?:a|another|some)\s+(?:[\w-]+\s+)?(?:jokes?|stor(?:y|ies)|poems?|riddles?)\b",
                            re.I)
"""A recommendation for the asker's own reading or leisure ("recommend a good book about the history of the NHS"), or
a joke or story told to them."""
IT_HELP = re.compile(
    r"\bhow\s+(?:do|can|could|would|should)\s+(?:i|we)\s+(?:set\s*up|install|reset|log\s*(?:in|on)(?:\s+to)?|sign\s+in(?:\s+to)?|"
    r"configure|download|turn\s+(?:on|off)|switch\s+(?:on|off)|unlock)\b.{0,40}?\b(?:e-?mail|nhsmail|"
    r"out\s+of\s+office|passwords?|accounts?|laptops?|computers?|pcs?|printers?|outlook|teams|smartcards?|vpn|wi-?fi|"
    r"browsers?|phones?|signatures?|calendars?)\b", re.I)
"""How to work a computer system ("how do I set up an out of office on nhsmail?"): IT support, not the plans."""


def writing_task(question: str, found: str, corpus_text: str) -> Refusal | None:
    """A task that is not a question about the documents: a piece of writing, code or translation, a recommendation,
    or help with an IT system."""
    it_help = IT_HELP.search(question)
    if it_help:
        return Refusal(f"{COVERS} They don't cover how to use email, computers or other IT systems: your "
                       "organisation's IT service desk can help with that.", (" ".join(it_help.group(0).split()),))
    match = WRITING_TASK.search(question) or TRANSLATION.search(question) or RECOMMENDATION.search(question)
    if not match:
        return None
    return Refusal(f"{COVERS} I answer questions from them, with citations; I can't write or translate letters, "
                   "CVs, poems, code or other pieces of writing, or recommend books or apps. The related passages say "
                   "what the documents say.",
                   (" ".join(match.group(0).split()),))
