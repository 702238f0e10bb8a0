// GraphiQL 3's markup as axe-core reads it, mended in place: the editors' input fields get names, Tab leaves an editor
// rather than indenting (no keyboard trap; Prettify indents), an editor's scroll area is reachable by keyboard, and
// the operation tabs become a toolbar of buttons (GraphiQL nests close buttons inside role="tab", and its add button
// inside the tablist). Colours are in accessibility.css. The patches run again whenever GraphiQL renders new nodes.

const editorNames = { graphql: "Query editor", "graphql-variables": "Variables editor", "graphql-results": "Result" };

function mendEditor(element) {
  const cm = element.CodeMirror;
  if (!cm || element.dataset.bwpMended) return;
  element.dataset.bwpMended = "true";
  const mode = cm.getOption("mode");
  cm.getInputField().setAttribute("aria-label", editorNames[typeof mode === "string" ? mode : mode?.name] ?? "Headers editor");
  cm.addKeyMap({ Tab: false, "Shift-Tab": false }); // false: CodeMirror leaves the key to the browser
  const scroller = cm.getScrollerElement();
  scroller.tabIndex = 0;
  // Arriving from outside, focus goes on into the editor; leaving it forwards, the area keeps it (arrow keys scroll).
  scroller.addEventListener("focus", (event) => {
    if (event.relatedTarget !== cm.getInputField()) cm.focus();
  });
}

function mendTabs(list) {
  if (list.getAttribute("role") === "tablist") list.setAttribute("role", "toolbar");
  for (const tab of list.querySelectorAll(":scope > li")) {
    if (tab.getAttribute("role") !== "none") tab.setAttribute("role", "none");
    const button = tab.querySelector(".graphiql-tab-button");
    // The active tab shows by its class; aria-selected is not allowed on role="none".
    tab.removeAttribute("aria-selected");
    const current = tab.classList.contains("graphiql-tab-active") ? "true" : "false";
    if (button && button.getAttribute("aria-current") !== current) button.setAttribute("aria-current", current);
  }
}

function mend() {
  document.querySelectorAll(".CodeMirror").forEach(mendEditor);
  document.querySelectorAll("ul.graphiql-tabs").forEach(mendTabs);
}

export function mendGraphiQL() {
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      mend();
    });
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-selected", "role", "class"] });
  mend();
}
