// Steps on the review side shared by the flow specs: open an application
// from a work list, decide, and wait for the simulated ministry.
import { Browser, expect, Page } from "@playwright/test";
import { hydrated, logIn, newContext, watch } from "./support";
import { field, fillSite, fillSubject, upload } from "./filing-helpers";

/** A fresh browser (its own session) signed in as `username`. */
export async function signedIn(browser: Browser, username: string, password: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  watch(page);
  await logIn(page, username, password);
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  return page;
}

/** Opens a work list from the navigation and the application of `subject`. */
export async function openFromList(page: Page, list: string, subject: string) {
  await hydrated(page);
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: list }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(list);
  await page.getByRole("link", { name: subject }).first().click();
  await expect(page).toHaveURL(/\/review\/\d+$/);
  await hydrated(page);
}

/** Clicks a decision and confirms it. */
export async function decide(page: Page, action: string) {
  await page.locator("#decision").getByRole("button", { name: action, exact: true }).click();
  await page.locator("#confirm-action").click();
}

/** Returns with one reason, pinned to `fieldLabel` (or the whole filing). */
export async function returnWith(page: Page, action: string, text: string, fieldLabel?: string) {
  if (fieldLabel) await page.locator("#reason-field-0").selectOption({ label: fieldLabel });
  await page.locator("#reason-text-0").fill(text);
  await decide(page, action);
}

/** The state badge of the review page. */
export const badge = (page: Page) => page.locator("h1 .badge");

/** Reloads until the simulated ministry has moved the application on. */
export async function awaitState(page: Page, state: string | RegExp) {
  await expect(async () => {
    await page.reload();
    await expect(badge(page)).toHaveText(state, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await hydrated(page);
}

/** Records the 核验 on the review page and verifies. */
export async function verifyOnReview(page: Page, verifier: string) {
  await page.locator("#f-verification-verifier").fill(verifier);
  await upload(page, "verification.photo", "photo.png");
  await upload(page, "verification.checklist", "checklist.png");
  await decide(page, "核验通过并提交省局");
  await expect(badge(page)).toHaveText(/未提交至部系统|待管局审核|待前置审批/);
}

export { field };

/** Staff file for the demo customer `filer_org` (代为备案): subject, one
 * site per domain, the 核验 on the summary, then 提交. Returns the id. */
export async function fileForCustomer(
  staff: Page,
  subject: Parameters<typeof fillSubject>[1],
  sites: { name: string; domain: string; ip: string; news?: boolean }[],
): Promise<string> {
  await staff.goto("/filings/new");
  await hydrated(staff);
  await staff.getByLabel("按用户名或名称查找客户").fill("filer_org");
  await staff.getByRole("row", { name: /filer_org/ }).getByRole("button", { name: "为其备案" }).click();
  await expect(staff).toHaveURL(/\/filings\/\d+\?step=1$/);
  await hydrated(staff);
  await fillSubject(staff, subject);
  await staff.getByRole("button", { name: "保存并下一步" }).click();
  await expect(staff).toHaveURL(/step=2$/);
  for (const [i, site] of sites.entries()) {
    await staff.getByRole("button", { name: "添加网站" }).click();
    await fillSite(staff, i, site.name, site.domain, site.ip);
    await field(staff, `sites[${i}].content`).getByLabel("单位门户网站").check();
    if (site.news) {
      await field(staff, `sites[${i}].content`).getByLabel("新闻").check();
      await staff.locator(`#f-sites-${i}-pre_approvals`).getByRole("button", { name: "添加前置审批项" }).click();
      await field(staff, `sites[${i}].pre_approvals[0].kind`).selectOption({ label: "新闻" });
      await field(staff, `sites[${i}].pre_approvals[0].approval_no`).fill("川新闻办-2026001号");
      await upload(staff, `sites[${i}].pre_approvals[0].document`, "news-approval.png");
    }
  }
  await staff.getByRole("button", { name: "保存并下一步" }).click();
  await expect(staff).toHaveURL(/step=3$/);
  await staff.locator("#f-verification-verifier").fill("王备案");
  await upload(staff, "verification.photo", "photo.png");
  await upload(staff, "verification.checklist", "checklist.png");
  await staff.getByRole("button", { name: "保存核验信息" }).click();
  await expect(staff.getByText("核验信息已保存")).toBeVisible();
  await staff.getByRole("button", { name: "提交" }).click();
  await expect(staff.locator("h1 .badge")).not.toHaveText("未提交（已保存）");
  return staff.url().match(/filings\/(\d+)/)![1];
}
