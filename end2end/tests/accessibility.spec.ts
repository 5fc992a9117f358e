// axe-core over every page a role opens, in both languages (docs/testing.md,
// suite 12): no serious or critical WCAG 2 A/AA violation.
import AxeBuilder from "@axe-core/playwright";
import { expect, Browser, Page } from "@playwright/test";
import { hydrated, newContext, test } from "./support";
import { signedIn } from "./review-helpers";

const PUBLIC = ["/", "/login", "/query", "/query?by=domain&q=example.com", "/register", "/register/privacy", "/register/done", "/sms", "/verify/00ff"];
const BY_ROLE: [string, string, string[]][] = [
  ["filer_person", "Person2026", ["/filer", "/filings", "/change", "/cancel", "/work/progress", "/work/returned", "/records", "/history", "/messages/mine", "/notifications", "/inspections", "/public-security", "/claim", "/account/password"]],
  ["staff", "Staff2026", ["/provider", "/filings/new", "/work/verify", "/work/revoke", "/batch", "/batch/import", "/messages/open", "/inspections", "/public-security", "/shells"]],
  ["reviewer_sc", "Review2026", ["/bureau", "/work/bureau", "/messages"]],
  ["preapproval", "Approve2026", ["/preapproval", "/work/preapproval"]],
  ["admin", "Admin2026", ["/admin", "/admin/accounts", "/admin/sms", "/admin/rules"]],
];

/** The filer's own objects: a new draft, its checklist and review page, an
 * operation of the history and, when the filer has one, a record's versions. */
async function objectPages(filer: Page): Promise<string[]> {
  const started = await filer.request.post("/api/filing/start", { data: { customer_id: null } });
  expect(started.status(), await started.text()).toBe(200);
  const id: number = await started.json();
  const history = await (await filer.request.post("/api/history/search", { data: { query: {} } })).json();
  const records = await (await filer.request.post("/api/records/search", { data: { query: {} } })).json();
  const pages = [`/filings/${id}`, `/filings/${id}/checklist`, `/review/${id}`, `/history/${history.rows[0].id}`];
  if (records.rows.length > 0) {
    pages.push(`/records/versions?number=${encodeURIComponent(records.rows[0].subject_number)}`);
  }
  return pages;
}

/** The serious and critical violations on `path`, one line each. */
async function violations(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await hydrated(page);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${path}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

async function inLanguage(page: Page, code: string) {
  const url = new URL(test.info().project.use.baseURL!);
  await page.context().addCookies([{ name: "lang", value: code, domain: url.hostname, path: "/" }]);
}

for (const code of ["zh-CN", "en"]) {
  test(`[${code}] every page passes axe-core without serious or critical violations`, async ({ browser }) => {
    test.setTimeout(600_000);
    const found: string[] = [];
    const visitor = await (await newContext(browser)).newPage();
    await inLanguage(visitor, code);
    for (const path of PUBLIC) {
      found.push(...(await violations(visitor, path)));
    }
    for (const [username, password, paths] of BY_ROLE) {
      const page = await signedIn(browser, username, password);
      await inLanguage(page, code);
      const all = username === "filer_person" ? paths.concat(await objectPages(page)) : paths;
      for (const path of all) {
        found.push(...(await violations(page, path)));
      }
    }
    expect(found, found.join("\n")).toEqual([]);
  });
}

test("a refused submit moves the keyboard to the first field to fix", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await page.locator("#field-username").fill("nobody_here");
  await page.locator("#field-password").fill("Wrong2026pw");
  await page.locator("#field-captcha").fill("zzzzz");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.locator("#field-captcha-error")).not.toBeEmpty();
  await expect(page.locator("#field-captcha")).toBeFocused();
});
