// The /explorer page in Debian's Chromium (playwright-core), with every request to another origin refused: it gets a
// token with the page's Get token button (BWP_CLIENT_ID and BWP_CLIENT_SECRET; else it types BWP_TOKEN), then for each
// API version the select offers it runs a query and reads the answer in the result pane, and checks that the docs and
// the completion list that version's Query fields; then the README tabs run on the newest version, axe-core finds no
// serious or critical violation (docs open, settings dialog open) and Tab reaches the header's fields and the run
// button. A fetch to another origin is refused by the page's own policy (connect-src). Screenshots go to
// BWP_E2E_ARTIFACTS (default tests/e2e/artifacts). Exit 0 when every check held.
import { axeViolations, startBrowserTest } from "./browser.mjs";
import path from "node:path";

const started = Date.now();
const phases = [];
const phase = (name) => phases.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
const probeHost = "cdn.example"; // never reached: the page's policy refuses it
const fieldsQuery = 'query QueryFields { __type(name: "Query") { fields { name } } }';

const test = await startBrowserTest("explorer", {
  width: 1400, height: 900,
  expectedConsoleError: (text) => /status of 40[13]/.test(text) || text.includes(probeHost),
});
const { origin, artifacts, failures, check, page } = test;
try {
  phase("browser");
  await page.goto(`${origin}/explorer`);
  // The page's Content-Security-Policy refuses a fetch elsewhere before the request guard would see it.
  const refused = await page.evaluate((host) => new Promise((resolve) => {
    document.addEventListener("securitypolicyviolation", (e) => resolve(e.effectiveDirective), { once: true });
    fetch(`https://${host}/graphiql.js`).catch(() => {});
  }), probeHost);
  check(refused === "connect-src", `a fetch to another origin was not refused by connect-src: ${refused}`);
  await page.waitForSelector("#bwp-version option", { state: "attached" });
  await page.fill("#bwp-target", process.env.BWP_TARGET);
  const shown = await page.inputValue("#bwp-version");
  if (process.env.BWP_CLIENT_ID) {
    // The Get token button: POST /token with the client's id and secret fills the token field.
    await page.fill("#bwp-client-id", process.env.BWP_CLIENT_ID);
    await page.fill("#bwp-client-secret", process.env.BWP_CLIENT_SECRET);
    await introspection(page, shown, () => page.click("button:has-text('Get token')"));
    check((await page.inputValue("#bwp-token")).split(".").length === 3, "Get token put no JWT in the token field");
    check(/Token issued/.test(await page.textContent(".bwp-status")), `Get token says ${await page.textContent(".bwp-status")}`);
    const kept = await page.evaluate(() => localStorage.getItem("bwp-explorer:settings") ?? "");
    check(kept.includes(process.env.BWP_CLIENT_ID) && !kept.includes(process.env.BWP_CLIENT_SECRET), `the page keeps ${kept}`);
  } else {
    // Leaving the field commits the token: GraphiQL introspects again, now with it.
    await page.fill("#bwp-token", process.env.BWP_TOKEN);
    await introspection(page, shown, () => page.locator("#bwp-token").blur());
  }

  await page.click('button[aria-label="Add tab"]'); // a tab of its own for the probe: the README tabs stay as they are
  phase("token");
  const versions = await page.$$eval("#bwp-version option", (options) => options.map((o) => o.value));
  check(versions.length > 0, "the version select offers no version");
  const fieldsByVersion = {};
  for (const version of versions) {
    if ((await page.inputValue("#bwp-version")) !== version) {
      await introspection(page, version, () => page.selectOption("#bwp-version", version));
    }

    const answer = await run(page, version, fieldsQuery);
    const fields = (answer?.data?.__type?.fields ?? []).map((f) => f.name).sort();
    fieldsByVersion[version] = fields.join(",");
    check(fields.includes("order"), `${version}: the result pane shows no Query.order: ${JSON.stringify(answer)}`);

    const documented = await eventually(page, () => docsQueryFields(page), fields);
    check(documented.join(",") === fields.join(","), `${version}: the docs list ${documented} but the server's Query has ${fields}`);
    await page.screenshot({ path: path.join(artifacts, `explorer-${version}.png`) });
    const completed = await eventually(page, () => completions(page, "{ "), fields);
    check(completed.join(",") === fields.join(","), `${version}: completion offers ${completed} but the server's Query has ${fields}`);
    phase(version);
  }
  check(versions.length < 2 || new Set(Object.values(fieldsByVersion)).size > 1, "every version shows the same Query fields");

  await readmeTabs(page, versions.at(-1));
  phase("README tabs");
  await accessibility(page);
  phase("axe");
  await keyboard(page);
  phase("keyboard");
  await page.screenshot({ path: path.join(artifacts, "explorer-readme-tabs.png") });
} catch (error) {
  await test.stopped(error);
}
await test.finish(`every check held; screenshots in ${artifacts} (${phases.join(", ")})`);

/** Does what changes the schema, and waits for GraphiQL's introspection in that version to be answered and shown. */
async function introspection(page, version, change) {
  const answered = page.waitForResponse((r) => r.url() === `${origin}/graphql`
    && r.request().headers()["x-api-version"] === version && /^Bearer \S/.test(r.request().headers().authorization ?? "")
    && r.request().postData()?.includes("IntrospectionQuery"));
  await change();
  const status = (await answered).status();
  check(status === 200, `${version}: introspection answered ${status}`);
}

/** What read() gives once it equals the expected list (GraphiQL shows a schema a moment after its answer), or at 5 s. */
async function eventually(page, read, expected) {
  let names = await read();
  for (let i = 0; i < 25 && names.join(",") !== expected.join(","); i++) {
    await page.waitForTimeout(200);
    names = await read();
  }
  return names;
}

/** The query editor's and the result pane's CodeMirror instances. */
function editor(page, selector) {
  return page.locator(`${selector} .CodeMirror`).first();
}

/** Puts the query in the active tab, runs it with the run button, and returns the result pane's JSON. */
async function run(page, version, query) {
  if (query !== undefined) {
    await editor(page, ".graphiql-query-editor").evaluate((cm, q) => cm.CodeMirror.setValue(q), query);
  }
  const answered = page.waitForResponse((r) => r.url() === `${origin}/graphql` && r.request().headers()["x-api-version"] === version
    && !r.request().postData()?.includes("IntrospectionQuery"));
  await page.click(".graphiql-execute-button");
  const body = await (await answered).text();
  const shown = () => editor(page, ".result-window").evaluate((cm) => cm.CodeMirror.getValue());
  for (let i = 0; i < 50 && (await shown()).trim() === ""; i++) await page.waitForTimeout(100);
  const text = await shown();
  try {
    const parsed = JSON.parse(text);
    check(JSON.stringify(parsed) === JSON.stringify(JSON.parse(body)), `${version}: the result pane shows ${text}, the server answered ${body}`);
    return parsed;
  } catch {
    failures.push(`${version}: the result pane shows no JSON: ${text}`);
    return null;
  }
}

/** Opens the docs explorer on the Query type (from its root) and reads its fields' names. */
async function docsQueryFields(page) {
  const show = page.locator('button[aria-label="Show Documentation Explorer"]');
  if (await show.count()) await show.click();
  while (await page.locator(".graphiql-doc-explorer-back").count()) await page.click(".graphiql-doc-explorer-back");
  await page.locator(".graphiql-doc-explorer").getByRole("link", { name: "Query", exact: true }).first().click();
  await page.waitForSelector(".graphiql-doc-explorer-field-name");
  return (await page.locator(".graphiql-doc-explorer-field-name").allTextContents()).sort();
}

/** The fields completion offers after typing the prefix in an empty editor (Ctrl-Space asks for them). */
async function completions(page, prefix) {
  await editor(page, ".graphiql-query-editor").evaluate((cm) => { cm.CodeMirror.setValue(""); cm.CodeMirror.focus(); });
  await page.keyboard.type(prefix);
  await page.keyboard.press("Control+Space");
  await page.waitForSelector(".CodeMirror-hints li", { timeout: 5000 }).catch(() => {});
  const offered = (await page.locator(".CodeMirror-hints li").allTextContents()).filter((f) => !f.startsWith("__")).sort();
  await page.keyboard.press("Escape");
  return offered;
}

/** The README's examples are the first tabs, by name; CreateOrder, Order and UpdateOrder run as they are. */
async function readmeTabs(page, version) {
  await page.selectOption("#bwp-version", version);
  const titles = await page.locator(".graphiql-tab-button").allTextContents();
  for (const title of ["CreateOrder", "Order", "UpdateOrder", "DeliveryPreview", "ShopperEligibility"]) {
    check(titles.some((t) => t.trim() === title), `no README tab ${title}: tabs are ${titles}`);
  }
  const states = {};
  for (const title of ["CreateOrder", "Order", "UpdateOrder"]) {
    await page.locator(".graphiql-tab-button", { hasText: new RegExp(`^${title}$`) }).click();
    const answer = await run(page, version);
    check(answer?.data && !answer.errors, `${version}: README tab ${title} answered ${JSON.stringify(answer)}`);
    const order = answer?.data?.createOrder?.order ?? answer?.data?.order ?? answer?.data?.updateOrder?.order;
    states[title] = order?.metadata?.executionState;
  }
  check(states.CreateOrder === "NOT_STARTED" && states.Order === "NOT_STARTED" && states.UpdateOrder === "STARTED",
    `README tabs: execution states ${JSON.stringify(states)}`);
}

/** axe-core: no violation of impact serious or critical, with the docs open and in the settings dialog. */
async function accessibility(page) {
  const audit = (state) => axeViolations(page, state, failures);
  await audit("with the docs open");
  await page.click('button[aria-label="Open settings dialog"]');
  await page.waitForSelector(".graphiql-dialog");
  await audit("in the settings dialog");
  await page.keyboard.press("Escape");
  await page.waitForSelector(".graphiql-dialog", { state: "detached" });
}

/** From the top of the page, Tab reaches each header control in order, then GraphiQL's run button. */
async function keyboard(page) {
  await page.fill("#bwp-client-id", "client");
  await page.fill("#bwp-client-secret", "secret"); // the Get token button is enabled only with both
  await page.click('button[aria-label="Hide Documentation Explorer"]'); // its hundreds of links come before the editor
  await page.click(".bwp-header h1"); // Tab goes on from here
  const reached = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    reached.push(await page.evaluate(() => {
      const e = document.activeElement;
      return e?.id || e?.getAttribute("aria-label") || e?.textContent?.trim() || e?.tagName;
    }));
  }
  const header = ["bwp-version", "bwp-target", "bwp-token", "bwp-client-id", "bwp-client-secret", "Get token"];
  check(header.join(",") === reached.slice(0, header.length).join(","), `Tab reaches ${reached.slice(0, 8)} first, not ${header}`);
  check(reached.some((r) => r?.startsWith("Execute query")), `Tab never reaches the run button: ${reached}`);
  await page.fill("#bwp-client-secret", "");
}
