// The /console pages in Debian's Chromium (playwright-core), with every request to another origin refused: a wrong
// secret is refused, the right one (BWP_CLIENT_ID, BWP_CLIENT_SECRET) signs in; the order with alias BWP_ALIAS is found
// by the search and opened; Ship then Deliver move its package to DELIVERED and add to its timeline; the order with
// alias BWP_ALIAS-cancel is cancelled and shows the refund BwP requests (PENDING, CANCELLED_ORDER). On each page
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
  for (const [name, heading] of [["faults", "Faults"], ["requests", "Requests"], ["events", "Events"]]) {
    await page.goto(`${origin}/console/${name}`);
    check(await page.textContent("h1") === heading, `/console/${name} shows ${await page.textContent("h1")}`);
    if (name === "faults") {
      await page.fill("#fault-operation", "order");
      await page.selectOption("#fault-error", "InternalServerError");
      await submit(page, "Add fault rule");
      check(await page.locator("tbody tr", { hasText: "InternalServerError" }).count() === 1, "the added fault rule is not listed");
    }
    await audit(page, name);
    await page.screenshot({ path: path.join(artifacts, `console-${name}.png`), fullPage: true });
    if (name === "faults") await submit(page, "Delete");
  }
} catch (error) {
  await test.stopped(error);
}
await test.finish(`every check held; screenshots in ${artifacts}`);

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
