// The chat, enhanced: answers stream in over server-sent events, history stays in the browser
// (the server is stateless), citations expand in place, and each answer takes feedback. An ordinary answer shows its
// first source open (the passage that supports it, without a click); lists, summaries and refusals show none open:
// the rule of assistant/answer_display.py, which the no-JavaScript page (_answer.html) follows too.
// Untrusted text (questions, answers, passages) is only ever set with textContent.

const form = document.getElementById("ask-form");
const questionBox = document.getElementById("question");
const thread = document.getElementById("thread");
const statusLine = document.getElementById("status");
const askButton = document.getElementById("ask-button");
const copyButton = document.getElementById("copy-answer");
const exportButton = document.getElementById("export-conversation");

let history = JSON.parse(document.getElementById("history").value || "[]");
const transcript = [];
let turnCount = thread.querySelectorAll(".ltp-turn--answer").length;

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function kindLabel(kind) {
  return kind === "digest" ? "Digest" : kind === "official" ? "Official text" : "Your document";
}

function isListAnswer(text) {
  return text.split("\n").some((line) => line.startsWith("- "));
}

function opensFirstSource(answer) {
  return answer.citations.length > 0 && !answer.abstained && !answer.safety && !isListAnswer(answer.answer);
}

function renderAnswerText(container, text, prefix) {
  // "- " lines are bullets: the lead line stays a paragraph, the bullets become a list. A short answer is one
  // paragraph, in body text as on the page without JavaScript (not smaller than the source shown open below it).
  container.textContent = "";
  const lines = text.split("\n");
  if (!isListAnswer(text)) { renderCitedLine(container.appendChild(el("p")), text, prefix); return; }
  let list = null;
  for (const line of lines) {
    if (!line.startsWith("- ")) { list = null; renderCitedLine(container.appendChild(el("p")), line, prefix); continue; }
    if (!list) list = container.appendChild(el("ul", { class: "nhsuk-list nhsuk-list--bullet" }));
    renderCitedLine(list.appendChild(el("li")), line.slice(2), prefix);
  }
}

function renderRelated(card, related) {
  if (!related || !related.length) return;
  card.append(el("h3", { class: "nhsuk-heading-s" }, "Related passages"));
  const list = el("ul", { class: "ltp-related nhsuk-list" });
  for (const c of related) {
    const item = el("li", {}, `${c.reference}: ${c.section} `);
    if (c.url && /^https?:\/\//.test(c.url)) item.append(el("a", { href: c.url, rel: "noopener" }, "(official text)"));
    list.append(item);
  }
  card.append(list);
}

function renderCitedLine(container, text, prefix) {
  for (const part of text.split(/(\[\d{1,2}\])/)) {
    const marker = part.match(/^\[(\d{1,2})\]$/);
    if (!marker) { container.append(document.createTextNode(part)); continue; }
    const link = el("a", { class: "ltp-cite", href: `#${prefix}-${marker[1]}` }, part);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const card = document.getElementById(`${prefix}-${marker[1]}`);
      if (!card) return;
      card.querySelector("details").open = true;
      card.querySelector("summary").focus();
    });
    container.append(link);
  }
}

function renderCitations(card, citations, prefix, openFirst) {
  if (!citations.length) return;
  card.append(el("h3", { class: "nhsuk-heading-s" }, "Sources"));
  const list = el("ol", { class: "ltp-citations nhsuk-list" });
  for (const c of citations) {
    const item = el("li", { id: `${prefix}-${c.n}` });
    const details = el("details", { class: "nhsuk-details ltp-citation" });
    details.open = openFirst && c === citations[0];
    const summary = el("summary", { class: "nhsuk-details__summary" });
    summary.append(el("span", { class: "nhsuk-details__summary-text" }, `[${c.n}] ${c.reference}`));
    const body = el("div", { class: "nhsuk-details__text" });
    body.append(el("strong", { class: `nhsuk-tag ${c.source_kind === "digest" ? "nhsuk-tag--blue" : "nhsuk-tag--green"}` }, kindLabel(c.source_kind)));
    body.append(el("p", { class: "nhsuk-body-s ltp-section" }, c.section));
    body.append(el("blockquote", { class: "ltp-passage" }, c.text));
    if (c.source_kind === "digest") body.append(el("p", { class: "nhsuk-body-s" }, "This is the LTP Assistant project's own-words digest of the official text."));
    if (c.url && /^https?:\/\//.test(c.url)) {
      const p = el("p", { class: "nhsuk-body-s" });
      p.append(el("a", { href: c.url, rel: "noopener" }, "Read the official text"));
      body.append(p);
    }
    details.append(summary, body);
    item.append(details);
    list.append(item);
  }
  card.append(list);
}

function feedbackBox(answer) {
  const box = el("div", { class: "ltp-feedback" });
  box.append(el("p", { class: "nhsuk-body-s" }, "Was this answer helpful?"));
  const up = el("button", { type: "button", class: "nhsuk-button nhsuk-button--secondary nhsuk-button--small", "data-rating": "up" }, "Yes, helpful");
  const down = el("button", { type: "button", class: "nhsuk-button nhsuk-button--secondary nhsuk-button--small", "data-rating": "down" }, "No, not helpful");
  const id = `comment-${Math.random().toString(36).slice(2)}`;
  const label = el("label", { class: "nhsuk-label nhsuk-body-s", for: id }, "Comment (optional)");
  const comment = el("textarea", { class: "nhsuk-textarea", id, rows: "2", maxlength: "2000" });
  const said = el("p", { class: "nhsuk-body-s", role: "status" });
  for (const button of [up, down]) {
    button.addEventListener("click", async () => {
      const response = await fetch("/api/feedback", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ rating: button.dataset.rating, comment: comment.value, question: answer.question,
                               answer: answer.answer, citations: answer.citations, mode: answer.mode }),
      });
      said.textContent = response.ok ? "Thank you: your feedback was saved." : "Sorry, your feedback could not be saved.";
      if (response.ok) { up.disabled = true; down.disabled = true; comment.disabled = true; }
    });
  }
  box.append(up, down, label, comment, said);
  return box;
}

function answerMarkdown(answer) {
  const lines = [answer.answer, ""];
  for (const c of answer.citations) lines.push(`[${c.n}] ${c.reference} (${kindLabel(c.source_kind).toLowerCase()}) — ${c.section}${c.url ? ` — ${c.url}` : ""}`);
  return lines.join("\n");
}

function showError(message) {
  const box = el("div", { class: "nhsuk-error-summary", role: "alert", tabindex: "-1" });
  box.append(el("h2", { class: "nhsuk-error-summary__title" }, "There is a problem"));
  box.append(el("p", {}, message));
  thread.append(box);
  box.focus();
}

function parseEvents(buffer, onEvent) {
  const blocks = buffer.split("\n\n");
  const rest = blocks.pop();
  for (const block of blocks) {
    const name = (block.match(/^event: (.*)$/m) || [])[1];
    const data = (block.match(/^data: (.*)$/m) || [])[1];
    if (name && data) onEvent(name, JSON.parse(data));
  }
  return rest;
}

async function ask(question) {
  const prefix = `c${turnCount++}`;
  thread.append(el("p", { class: "ltp-turn ltp-turn--question" }, question));
  const card = el("div", { class: "ltp-turn ltp-turn--answer", "aria-busy": "true" });
  const text = el("div", { class: "ltp-answer" });
  card.append(text);
  thread.append(card);
  statusLine.textContent = "Finding the passages that answer your question…";
  askButton.disabled = true;
  let streamed = "";
  let finished = false;
  // On any failure the question goes back in the box (unless a new one is being typed): a refused or lost request
  // (rate limit, server restart) should not make the user type it again.
  const giveBack = () => { if (!questionBox.value) questionBox.value = question; };
  try {
    const response = await fetch("/api/ask/stream", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify({ question, history }),
    });
    if (!response.ok) {
      card.remove();
      giveBack();
      const body = await response.json().catch(() => ({ error: "The server did not answer. Try again." }));
      showError(body.error);
      return;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer = parseEvents(buffer + decoder.decode(value, { stream: true }), (name, data) => {
        if (name === "delta") { streamed += data.text; text.textContent = streamed; }
        if (name === "done") { finished = true; finish(card, text, data, prefix); }
      });
    }
    if (!finished) throw new Error("the stream ended before its answer");
  } catch (error) {
    card.remove();
    giveBack();
    showError("The connection to the assistant was lost. Check it is running and try again.");
  } finally {
    askButton.disabled = false;
    statusLine.textContent = "";
  }
}

const TALK_NOW = ["suicide", "self-harm", "overdose"];

function telLine(before, number, label, after) {
  const item = el("li", {}, before);
  const link = el("a", { class: "ltp-tel", href: `tel:${number}` });
  link.append(el("strong", {}, label));
  item.append(link, document.createTextNode(after));
  return item;
}

function renderSignposting(card, text, answer) {
  // Crisis and clinical signposting, as on the page without JavaScript (chat.html): the numbers first, as links a
  // phone can call, in an NHS care card that a screen reader announces.
  const emergency = answer.safety !== "clinical";
  card.classList.add("ltp-signposting", "nhsuk-card", "nhsuk-card--care",
    emergency ? "nhsuk-card--care--emergency" : "nhsuk-card--care--urgent");
  card.setAttribute("role", "alert");
  card.dataset.safety = answer.safety;
  const heading = el("div", { class: "nhsuk-card--care__heading-container" });
  const h2 = el("h2", { class: "nhsuk-card--care__heading" });
  h2.append(el("span", { class: "nhsuk-u-visually-hidden" }, emergency ? "Emergency: " : "Urgent: "),
    document.createTextNode(emergency ? "Get help now" : "Ask a health professional"));
  heading.append(h2, el("span", { class: "nhsuk-card--care__arrow", "aria-hidden": "true" }));
  const content = el("div", { class: "nhsuk-card__content" });
  const list = el("ul", { class: "nhsuk-list" });
  if (emergency) list.append(telLine("In an emergency, call ", "999", "999", " or go to A&E."));
  if (TALK_NOW.includes(answer.safety)) list.append(telLine("Talk to Samaritans, free, 24 hours a day: ", "116123", "116 123", "."));
  if (answer.safety === "child-danger") list.append(telLine("Worried about a child? NSPCC helpline: ", "08088005000", "0808 800 5000", "."));
  const nhs111 = telLine("Call ", "111", "NHS 111", " (free, 24 hours) or go to ");
  nhs111.append(el("a", { href: "https://111.nhs.uk/" }, "111.nhs.uk"), document.createTextNode("."));
  list.append(nhs111, el("li", {}, emergency ? "Contact your GP." : "Contact your GP, or ask a pharmacist about medicines."));
  text.textContent = answer.answer;
  content.append(list, text);
  card.prepend(heading, content);
}

function finish(card, text, answer, prefix) {
  if (answer.safety) {
    renderSignposting(card, text, answer);
  } else if (answer.abstained) {
    card.classList.add("ltp-turn--abstained");
    const callout = el("div", { class: "nhsuk-warning-callout" });
    callout.append(el("h3", { class: "nhsuk-warning-callout__label" }, "Not covered"));
    text.textContent = answer.answer;
    callout.append(text);
    card.prepend(callout);
  } else {
    renderAnswerText(text, answer.answer, prefix);
  }
  if (answer.notice) card.append(el("p", { class: "nhsuk-body-s ltp-notice" }, answer.notice));
  renderCitations(card, answer.citations, prefix, opensFirstSource(answer));
  renderRelated(card, answer.related);
  card.append(feedbackBox(answer));
  card.removeAttribute("aria-busy");  // complete: the answer and the source shown open are read out together
  history.push({ role: "user", content: answer.question }, { role: "assistant", content: answer.answer });
  history = history.slice(-20);
  transcript.push(answer);
  copyButton.disabled = false;
  exportButton.disabled = false;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const question = questionBox.value.trim();
  if (!question) { showError("Type a question first."); questionBox.focus(); return; }
  questionBox.value = "";
  ask(question);
});

questionBox.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
});

for (const starter of document.querySelectorAll(".ltp-starter")) {
  starter.addEventListener("click", (event) => {
    event.preventDefault();
    ask(starter.value);
    questionBox.focus();
  });
}

copyButton.addEventListener("click", async () => {
  const last = transcript[transcript.length - 1];
  if (!last) return;
  await navigator.clipboard.writeText(answerMarkdown(last)).catch(() => {});
  statusLine.textContent = "Answer copied with its references.";
});

exportButton.addEventListener("click", () => {
  const parts = ["# LTP Assistant conversation", "", `Exported ${new Date().toISOString().slice(0, 16).replace("T", " ")}.`, ""];
  for (const answer of transcript) parts.push(`## ${answer.question}`, "", answerMarkdown(answer), "");
  const link = el("a", { href: URL.createObjectURL(new Blob([parts.join("\n")], { type: "text/markdown" })), download: "ltp-conversation.md" });
  document.body.append(link);
  link.click();
  link.remove();
});

document.getElementById("new-conversation").addEventListener("click", () => {
  history = [];
  transcript.length = 0;
  thread.textContent = "";
  copyButton.disabled = true;
  exportButton.disabled = true;
  questionBox.focus();
});
