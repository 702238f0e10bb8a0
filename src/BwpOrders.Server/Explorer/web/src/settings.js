// The header's fields, kept in localStorage across visits; never the client secret.
const key = "bwp-explorer:settings";
const kept = ["version", "target", "token", "clientId"];

export function loadSettings() {
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? "{}");
    return Object.fromEntries(kept.map((name) => [name, typeof stored[name] === "string" ? stored[name] : ""]));
  } catch {
    return Object.fromEntries(kept.map((name) => [name, ""]));
  }
}

export function saveSettings(settings) {
  localStorage.setItem(key, JSON.stringify(Object.fromEntries(kept.map((name) => [name, settings[name] ?? ""]))));
}
