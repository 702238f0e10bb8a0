// What the browser tests share: Debian's Chromium through playwright-core (BWP_CHROMIUM, default /usr/bin/chromium),
// one page on which every request to an origin other than the server's (BWP_URL) is refused and recorded, a 90-second
// guard, failures gathered (each check adds one) rather than thrown, screenshots in BWP_E2E_ARTIFACTS (default
// tests/e2e/artifacts), and axe-core's serious and critical violations.
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";

const require = createRequire(import.meta.url);

/** Starts the browser test NAME; `expectedConsoleError(text)` says which console errors the page may print. */
export async function startBrowserTest(name, { width, height, expectedConsoleError = () => false }) {
  const origin = new URL(process.env.BWP_URL).origin;
  const artifacts = path.resolve(process.env.BWP_E2E_ARTIFACTS || "artifacts");
  const failures = [];
  const check = (ok, message) => { if (!ok) failures.push(message); };
  const executablePath = process.env.BWP_CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    console.error(`${name}: no Chromium at ${executablePath}: install Debian's chromium (./test.sh does) or set BWP_CHROMIUM`);
    process.exit(1);
  }
  setTimeout(() => {
    console.error(`${name}: still running after 90 s\n${failures.join("\n")}`);
    process.exit(1);
  }, 90_000).unref();
  await mkdir(artifacts, { recursive: true });

  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  const page = await browser.newPage({ viewport: { width, height } });
  page.setDefaultTimeout(15_000);
  const foreign = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    foreign.push(url);
    return route.abort("blockedbyclient");
  });
  page.on("pageerror", (error) => failures.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !expectedConsoleError(message.text())) failures.push(`console error: ${message.text()}`);
  });

  return {
    origin, artifacts, failures, check, page,
    /** The run stopped on an error: say so, with a screenshot of where. */
    async stopped(error) {
      failures.push(`stopped: ${error.message}`);
      await page.screenshot({ path: path.join(artifacts, `${name}-failure.png`) }).catch(() => {});
    },
    /** Closes the browser; exits 1 with every failure (a request to another origin is one), else prints `passed`. */
    async finish(passed) {
      check(foreign.length === 0, `requests to other origins were attempted: ${foreign.join(", ")}`);
      await browser.close();
      if (failures.length > 0) {
        console.error(failures.join("\n"));
        process.exit(1);
      }
      console.log(`${name}: ${passed}`);
    },
  };
}

let axeSource;

/**
 * axe-core from node_modules on the page as it is now: each violation of impact serious or critical is a failure.
 * Evaluated rather than added as a script element, which the pages' Content-Security-Policy refuses.
 */
export async function axeViolations(page, state, failures) {
  axeSource ??= await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document));
  for (const v of result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
    failures.push(`axe, ${state}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
  }
}
