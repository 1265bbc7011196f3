// Ticks and notes for a checklist, kept in this browser (localStorage) per section or topic, and a
// Markdown export that includes them. The server never stores them.
const tools = document.getElementById("export-tools");
if (tools) {
  const storageKey = `ltp-checklist:${tools.dataset.key}`;
  const saved = JSON.parse(localStorage.getItem(storageKey) || "{}");
  const items = [...document.querySelectorAll(".ltp-checklist-item")];

  const save = () => {
    const state = {};
    for (const item of items) {
      const box = item.querySelector("input[type=checkbox]");
      const note = item.querySelector("textarea");
      if (box.checked || note.value) state[item.dataset.key] = { done: box.checked, note: note.value };
    }
    localStorage.setItem(storageKey, JSON.stringify(state));
  };

  for (const item of items) {
    const state = saved[item.dataset.key];
    const box = item.querySelector("input[type=checkbox]");
    const note = item.querySelector("textarea");
    if (state) { box.checked = state.done; note.value = state.note || ""; }
    box.addEventListener("change", save);
    note.addEventListener("input", save);
  }

  document.getElementById("print").addEventListener("click", () => window.print());
  document.getElementById("download-md").addEventListener("click", () => {
    const lines = [`# ${document.querySelector("h2.nhsuk-heading-l").textContent}`, ""];
    for (const node of document.querySelectorAll("h3.nhsuk-heading-m, .ltp-context, .ltp-checklist-item")) {
      if (node.tagName === "H3") { lines.push(`## ${node.textContent.trim()}`, ""); continue; }
      if (node.classList.contains("ltp-context")) { lines.push(`_${node.textContent.replace(/\s+/g, " ").trim()}_`, ""); continue; }
      const done = node.querySelector("input[type=checkbox]").checked ? "x" : " ";
      lines.push(`- [${done}] ${node.querySelector("label").textContent.trim()}`);
      const meta = node.querySelector(".ltp-item-meta").textContent.replace(/\s+/g, " ").trim();
      if (meta) lines.push(`  - ${meta}`);
      for (const source of node.querySelectorAll(".ltp-item-sources li")) {
        lines.push(`  - ${source.textContent.replace(/\s+/g, " ").trim()}`);
      }
      const note = node.querySelector("textarea").value.trim();
      if (note) lines.push(`  - Note: ${note}`);
    }
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([lines.join("\n") + "\n"], { type: "text/markdown" }));
    link.download = "checklist.md";
    document.body.append(link);
    link.click();
    link.remove();
  });
}
