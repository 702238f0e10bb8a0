// The /console pages in Debian's Chromium (playwright-core), with every request to another origin refused: a wrong
// secret is refused, the right one (BWP_CLIENT_ID, BWP_CLIENT_SECRET) signs in; the order with alias BWP_ALIAS is found
// by the search and opened; Ship then Deliver move its package to DELIVERED and add to its timeline; a shopper return
// of it is dropped off (BwP's refund request shows) and graded with the form's default, every unit sellable; the order with
// alias BWP_ALIAS-cancel is cancelled and shows the refund BwP requests (PENDING, CANCELLED_ORDER). A fault rule added
// on the Faults page answers a GraphQL request sent from here and shows its hit; the Requests page, filtered to refused
// (a faulted request runs nothing), lists that request with the fault's status and code. The failed delivery of BWP_FAILED_ORDER's event is on the Events page and
// its Redeliver queues it again (the C# side checks the endpoint got it once more). On each page
// axe-core finds no serious or critical violation and Tab reaches every control. Screenshots go to BWP_E2E_ARTIFACTS
// (default tests/e2e/artifacts). Exit 0 when every check held.
import { axeViolations, startBrowserTest } from "./browser.mjs";
import path from "node:path";

const alias = process.env.BWP_ALIAS;
const test = await startBrowserTest("console", { width: 1280, height: 900, expectedConsoleError: (text) => /status of 401/.test(text) });
const { origin, artifacts, failures, check, page } = test;
try {
  await page.goto(`${origin}/console`);
  await audit(page, "sign-in");
  await page.fill("#client-id", process.env.BWP_CLIENT_ID);
  await page.fill("#client-secret", process.env.BWP_CLIENT_SECRET + "-wrong");
  const refused = await submit(page, "Sign in");
  check(refused === 401, `a wrong secret answered ${refused}, not 401`);
  check(/Sign-in failed/.test(await page.textContent(".error") ?? ""), "a wrong secret shows no refusal");
  await page.screenshot({ path: path.join(artifacts, "console-sign-in-refused.png") });

  await page.fill("#client-id", process.env.BWP_CLIENT_ID);
  await page.fill("#client-secret", process.env.BWP_CLIENT_SECRET);
  await submit(page, "Sign in");
  check(new URL(page.url()).pathname === "/console/orders", `signing in led to ${page.url()}`);
  const cookies = await page.context().cookies();
  check(cookies.some((c) => c.name === "bwp_console" && c.httpOnly && c.sameSite === "Strict"), `the session cookie is ${JSON.stringify(cookies)}`);
  check(await page.evaluate(() => document.cookie) === "", "script can read the session cookie");

  await open(page, alias, "order");
  const order = page.url();
  const before = await page.locator("li.change").count();
  await submit(page, "Ship");
  check(await packageState(page) === "IN_TRANSIT", `after Ship the package is ${await packageState(page)}`);
  await submit(page, "Deliver");
  check(await packageState(page) === "DELIVERED", `after Deliver the package is ${await packageState(page)}`);
  check(page.url() === order, `Deliver led to ${page.url()}, not back to the order`);
  const after = await page.locator("li.change").count();
  check(after === before + 2, `the timeline has ${after} changes after Ship and Deliver, ${before} before`);
  check(await page.locator("li.change").first().textContent().then((t) => t.includes("sandbox: move packages")), "the newest change is not the move");
  await page.screenshot({ path: path.join(artifacts, "console-order-delivered.png"), fullPage: true });
  await submit(page, "Start a return");
  await submit(page, "Drop off");
  const returned = await refundRow(page, "RETURN_DROPPED_OFF_PICKED_UP");
  check(returned && /PENDING/.test(returned), `after Drop off the refunds are: ${returned}`);
  await audit(page, "order with a return");
  await page.screenshot({ path: path.join(artifacts, "console-order-returned.png"), fullPage: true });
  await submit(page, "Grade");
  check(/graded \d+ SELLABLE/.test(await page.textContent("main") ?? ""), "grading the return with its form shows no grading");

  await open(page, `${alias}-cancel`, "cancelled-order");
  await submit(page, "Cancel order");
  if (!(await refundRow(page))) { // BwP decides a cancellation when the clock next runs: now, with 0 seconds
    await page.fill("#advance-seconds", "0");
    await submit(page, "Advance clock");
  }
  const refund = await refundRow(page);
  check(refund && /PENDING/.test(refund) && /CANCELLED_ORDER/.test(refund) && /BwP/.test(refund), `the cancelled order's refunds: ${refund}`);
  await audit(page, "cancelled order");
  await page.screenshot({ path: path.join(artifacts, "console-order-cancelled.png"), fullPage: true });
  await faultHit(page);
  await failedDelivery(page);
} catch (error) {
  await test.stopped(error);
}
await test.finish(`every check held; screenshots in ${artifacts}`);

/**
 * Adds a fault rule for `order` on the Faults page, sends one `order` request from here (a token from POST /token),
 * then sees the rule's one hit and, on the Requests page filtered to refused, that request with the fault's code.
 */
async function faultHit(page) {
  await goto(page, "faults", "Faults");
  await page.fill("#fault-operation", "order");
  await page.selectOption("#fault-version", "2024-11-01");
  await page.selectOption("#fault-error", "InternalServerError");
  await page.fill("#fault-count", "1");
  await submit(page, "Add fault rule");
  const rule = page.locator("tbody tr", { hasText: "InternalServerError" });
  check(await rule.count() === 1, "the added fault rule is not listed");
  await audit(page, "faults");
  await page.screenshot({ path: path.join(artifacts, "console-faults.png"), fullPage: true });

  const answer = await graphql("query { order(orderIdentifier: { orderId: \"console-e2e-no-such-order\" }) { id } }");
  check(answer.status === 500, `the faulted request answered ${answer.status}, not 500`);
  check(answer.body.errors?.[0]?.extensions?.classification?.type === "InternalServerError", `the faulted request answered ${JSON.stringify(answer.body)}`);
  await page.reload();
  const hits = await cell(page, rule, "Hits");
  check(hits === "1", `after one faulted request the rule's Hits is ${hits}`);
  check(await cell(page, rule, "Left") === "0", "the rule's count is not spent");
  await audit(page, "faults with a hit");
  await page.screenshot({ path: path.join(artifacts, "console-faults-hit.png"), fullPage: true });

  await goto(page, "requests", "Requests");
  // Stopped before anything ran, so journaled as refused (no root field ran), with the fault's status and code.
  await page.selectOption("#requests-result", "refused");
  await submit(page, "Filter");
  check(new URL(page.url()).searchParams.get("result") === "refused", `the filter led to ${page.url()}`);
  const row = page.locator("tbody tr", { hasText: answer.requestId });
  check(await row.count() === 1, `the requests filtered to refused do not list ${answer.requestId}`);
  const results = await page.locator("tbody tr td:nth-child(4)").allTextContents();
  check(results.length > 0 && results.every((r) => r === "refused"), `the requests filtered to refused have results ${results}`);
  check(await cell(page, row, "Status") === "500", `the faulted request's status is ${await cell(page, row, "Status")}`);
  check(await cell(page, row, "Errors") === "InternalServerError", `the faulted request's errors are ${await cell(page, row, "Errors")}`);
  await audit(page, "requests filtered");
  await page.screenshot({ path: path.join(artifacts, "console-requests-filtered.png"), fullPage: true });

  await goto(page, "faults", "Faults");
  await submit(page, "Delete");
  check(await page.locator("tbody tr", { hasText: "InternalServerError" }).count() === 0, "Delete left the fault rule listed");
}

/** The failed delivery of BWP_FAILED_ORDER's event (made failed by the C# side) is listed on Events; Redeliver queues it again. */
async function failedDelivery(page) {
  await goto(page, "events", "Events");
  const failed = page.locator("table:has(caption:text-is('Failed deliveries, newest first')) tbody tr", { hasText: process.env.BWP_FAILED_ORDER });
  check(await failed.count() === 1, `the events page lists ${await failed.count()} failed deliveries of ${process.env.BWP_FAILED_ORDER}`);
  check(/500/.test(await cell(page, failed, "Last error") ?? ""), `the failed delivery's last error is ${await cell(page, failed, "Last error")}`);
  await audit(page, "events with a failed delivery");
  await page.screenshot({ path: path.join(artifacts, "console-events-failed.png"), fullPage: true });
  await Promise.all([page.waitForNavigation(), failed.getByRole("button", { name: "Redeliver", exact: true }).click()]);
  check(new URL(page.url()).pathname === "/console/events", `Redeliver led to ${page.url()}`);
  const notice = await page.textContent(".notice") ?? "";
  check(/queued: the same event sent again/.test(notice), `after Redeliver the notice is: ${notice}`);
  await audit(page, "events after Redeliver");
  await page.screenshot({ path: path.join(artifacts, "console-events-redelivered.png"), fullPage: true });
}

/** A GraphQL request as an integration sends it: a token from POST /token for the test's credential, then /graphql. */
async function graphql(query) {
  const token = await fetch(`${origin}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: process.env.BWP_CLIENT_ID, client_secret: process.env.BWP_CLIENT_SECRET }),
  }).then((r) => r.json());
  check(typeof token.access_token === "string", `POST /token answered ${JSON.stringify(token)}`);
  const response = await fetch(`${origin}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json", authorization: `Bearer ${token.access_token}`,
      "x-api-target-id": process.env.BWP_TARGET, "x-api-version": "2024-11-01",
    },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, requestId: response.headers.get("x-request-id"), body: await response.json() };
}

/** Opens /console/NAME and checks its heading. */
async function goto(page, name, heading) {
  await page.goto(`${origin}/console/${name}`);
  check(await page.textContent("h1") === heading, `/console/${name} shows ${await page.textContent("h1")}`);
}

/** The text of a row's cell in the column headed so (the row's table's own headings). */
async function cell(page, row, heading) {
  const headings = await row.locator("xpath=ancestor::table[1]/thead//th").allTextContents();
  const index = headings.indexOf(heading);
  return index < 0 ? undefined : (await row.locator("td").nth(index).textContent())?.trim();
}

/** Presses the (first) button named so and waits for the page it leads to; returns that page's status. */
async function submit(page, name) {
  const [response] = await Promise.all([page.waitForNavigation(), page.getByRole("button", { name, exact: true }).first().click()]);
  return response?.status();
}

/** Searches the list for the alias, checks and saves the list, then opens the one order found and checks and saves its page. */
async function open(page, aliasId, shot) {
  await page.goto(`${origin}/console/orders`);
  await page.fill("#search-alias", aliasId);
  await submit(page, "Search");
  const links = page.locator("tbody a");
  check(await links.count() === 1, `searching ${aliasId} lists ${await links.count()} orders`);
  await audit(page, `orders found by ${aliasId}`);
  await page.screenshot({ path: path.join(artifacts, `console-orders-${shot}.png`), fullPage: true });
  await Promise.all([page.waitForNavigation(), links.first().click()]);
  check(/\/console\/orders\/[^/]+$/.test(new URL(page.url()).pathname), `the order link led to ${page.url()}`);
  await audit(page, `order ${aliasId}`);
  await page.screenshot({ path: path.join(artifacts, `console-${shot}.png`), fullPage: true });
}

async function packageState(page) {
  return (await page.locator("section.card .state").first().textContent())?.trim();
}

async function refundRow(page, reason = "CANCELLED_ORDER") {
  const rows = page.locator("table:has(caption:text-is('Refunds')) tbody tr", { hasText: reason });
  return (await rows.count()) > 0 ? await rows.first().textContent() : null;
}

/** axe-core (no serious or critical violation), then Tab from the top reaches every link and form control, in order. */
async function audit(page, name) {
  await axeViolations(page, name, failures);
  const controls = await page.evaluate(() => {
    const all = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select")];
    all.forEach((e, i) => e.setAttribute("data-tab", String(i)));
    return all.length;
  });
  await page.evaluate(() => document.activeElement?.blur());
  const reached = [];
  for (let i = 0; i < controls; i++) {
    await page.keyboard.press("Tab");
    reached.push(await page.evaluate(() => document.activeElement?.getAttribute("data-tab")));
  }
  const expected = Array.from({ length: controls }, (_, i) => String(i));
  check(reached.join(",") === expected.join(","), `${name}: Tab reaches controls ${reached} of ${controls}, not each in order`);
}
