import { execFileSync } from "node:child_process";
import { appendFileSync } from "node:fs";
import { Browser, BrowserContext, BrowserContextOptions, Page, expect, test as base } from "@playwright/test";

/**
 * Notes a secret the test saw (a captcha answer, a session id, a 备案密码)
 * for run.sh, which fails the run if the server log holds any of them.
 */
export function noteSecret(secret: string) {
  const file = process.env.E2E_SECRETS;
  if (file && secret) appendFileSync(file, `${secret}\n`);
}

/**
 * Reads the answer of the captcha pending in this browser's session
 * straight from the test database (a session's row is keyed by the SHA-256
 * of its id): the test plays a human who can read the image. Nothing in the
 * product reveals it.
 */
export async function captchaAnswer(context: BrowserContext): Promise<string> {
  // run.sh's servers each have their own database; a session id is in one.
  const dbs = [
    process.env.BEIAN_E2E_DB, process.env.SLOW_E2E_DB, process.env.SMS_E2E_DB, process.env.SMS_TIMEOUT_E2E_DB,
    process.env.INSPECT_E2E_DB, process.env.TRANSFER_E2E_DB,
  ].filter((d): d is string => !!d);
  if (dbs.length === 0) throw new Error("BEIAN_E2E_DB is not set (run the tests through run.sh)");
  for (let attempt = 0; attempt < 50; attempt++) {
    const sid = (await context.cookies()).find((c) => c.name === "beian_sid")?.value;
    for (const db of sid ? dbs : []) {
      const answer = execFileSync("python3", [
        "-c",
        "import sqlite3,sys,json,hashlib\n" +
          "key=hashlib.sha256(sys.argv[2].encode()).hexdigest()\n" +
          "row=sqlite3.connect(sys.argv[1]).execute('select data from session where id=?',(key,)).fetchone()\n" +
          "print(json.loads(row[0]).get('captcha',{}).get('answer','') if row else '')",
        db,
        sid!,
      ])
        .toString()
        .trim();
      if (answer) {
        noteSecret(answer);
        noteSecret(sid!);
        return answer;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("no captcha pending in the session");
}

/** Waits until the captcha image has loaded (its answer is then stored). */
export async function captchaLoaded(page: Page) {
  await expect(page.locator(".captcha-image img")).toHaveJSProperty("complete", true);
  await expect
    .poll(() => page.locator(".captcha-image img").evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
}

/** The contexts the running test opened with `newContext`. */
const opened: BrowserContext[] = [];

/**
 * Playwright's `test`, which closes every context the test opened when it
 * ends: a page left open keeps its live-update stream and refetches on
 * every change the later tests make, loading the server and the machine.
 */
export const test = base.extend<{ closeOpened: void }>({
  closeOpened: [
    async ({}, use) => {
      await use();
      for (const context of opened.splice(0)) await context.close();
    },
    { auto: true },
  ],
});

/** A fresh browser context (its own session), closed when the test ends. */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  // With JavaScript even inside a spec that turns it off for its own page.
  const context = await browser.newContext({ locale: "zh-CN", javaScriptEnabled: true, ...options });
  opened.push(context);
  return context;
}

const diagnostics = new WeakMap<Page, string[]>();

/**
 * Keeps the page's script errors, console errors and failed requests, so a
 * page that never hydrates says why in the test's failure.
 */
export function watch(page: Page) {
  const log: string[] = [];
  diagnostics.set(page, log);
  page.on("pageerror", (error) => log.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") log.push(`console: ${message.text()}`);
  });
  page.on("requestfailed", (request) =>
    log.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ""}`),
  );
}

/** Waits for the WASM to take over the server-rendered page. */
export async function hydrated(page: Page) {
  try {
    await page.waitForFunction(() => document.body.dataset.hydrated === "true", undefined, { timeout: 90_000 });
  } catch (error) {
    const seen = diagnostics.get(page) ?? ["(page not watched)"];
    throw new Error(`${page.url()} did not hydrate: ${error}\n${seen.join("\n")}`);
  }
}

let counter = 0;
/** A username no other test uses. */
export function uniqueUsername(prefix: string): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}_${process.pid}_${counter}`.slice(0, 32);
}

/** Logs in through the form, as a person does. */
export async function logIn(page: Page, username: string, password: string) {
  await page.goto("/login");
  await hydrated(page);
  await captchaLoaded(page);
  await page.locator("#field-username").fill(username);
  await page.locator("#field-password").fill(password);
  await page.locator("#field-captcha").fill(await captchaAnswer(page.context()));
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

/** On a phone the menu hides behind its button: opens it when it is closed. */
export async function openMenu(page: Page) {
  const nav = page.getByRole("navigation", { name: "主导航" });
  // The menu button shows below 700 px (style/main.css).
  if ((page.viewportSize()?.width ?? 1280) <= 700) {
    await expect(page.locator(".nav-toggle-button")).toBeVisible();
    if (!(await nav.isVisible())) {
      await page.locator(".nav-toggle-button").tap();
    }
  }
  await expect(nav).toBeVisible();
}
