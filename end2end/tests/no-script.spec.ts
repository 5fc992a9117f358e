// The everyday pages with JavaScript off (docs/testing.md, suite 11): the
// 管局 decides by a plain form, the filer marks the news of it read, and a
// filer searches and pages through records, each coming back to the page
// with the result.
import { expect, Browser, Page } from "@playwright/test";
import { captchaAnswer, captchaLoaded, test } from "./support";
import { selfFiled, verified } from "./api-helpers";
import { signedIn } from "./review-helpers";

/** A browser with JavaScript off, signed in through the plain login form. */
async function signedInWithoutScript(browser: Browser, username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await captchaLoaded(page);
  await page.locator("#field-username").fill(username);
  await page.locator("#field-password").fill(password);
  await page.locator("#field-captcha").fill(await captchaAnswer(context));
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  return page;
}

test("the 管局 approves with JavaScript off, after confirming", async ({ browser }) => {
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const id = await selfFiled(filer, {
    subject: "成都静页科技有限公司", site: "静页资讯", domain: "jingye-demo.cn",
    ip: "121.40.9.91", cert: "91510100MA6CDWC27G", personId: "510107198507070056",
    mobile: "13755554005",
  });
  await verified(staff, id);

  const bureau = await signedInWithoutScript(browser, "reviewer_sc", "Review2026");
  // The simulated ministry passes it on to the 管局 within moments.
  await expect(async () => {
    await bureau.goto(`/review/${id}`);
    await expect(bureau.locator("h1 .badge")).toHaveText("待管局审核", { timeout: 1_000 });
  }).toPass();
  await expect(bureau.getByText("我已核对，确认提交所选操作（不可撤回）")).toBeVisible();

  // Without the confirmation the page comes back and says so.
  await bureau.locator('#decision-form button[value="APPROVE"]').click();
  await expect(bureau).toHaveURL(new RegExp(`/review/${id}\\?`));
  await expect(bureau.locator("#confirmed-error")).toHaveText("请勾选确认后再提交");
  await expect(bureau.locator("h1 .badge")).toHaveText("待管局审核");

  await bureau.getByLabel("我已核对，确认提交所选操作（不可撤回）").check();
  await bureau.locator('#decision-form button[value="APPROVE"]').click();
  await expect(bureau.locator("h1 .badge")).toHaveText("审核通过");

  const filerNoScript = await signedInWithoutScript(browser, "filer_org", "Filer2026");
  // 通知中心: without a script to mark them, a button does. (Other specs
  // file for this account meanwhile, so only those seen unread are checked.)
  await filerNoScript.goto("/notifications");
  const unread = await filerNoScript.locator(".notifications li.unread").allInnerTexts();
  expect(unread.length).toBeGreaterThan(0);
  await filerNoScript.getByRole("button", { name: "全部标为已读" }).click();
  await expect(filerNoScript).toHaveURL(/\/notifications\??$/);
  const still = await filerNoScript.locator(".notifications li.unread").allInnerTexts();
  expect(still.filter((text) => unread.includes(text))).toEqual([]);
});

test("a filer searches and pages with JavaScript off", async ({ browser }) => {
  const filer = await signedInWithoutScript(browser, "filer_org", "Filer2026");

  // 备案信息查询 is a GET form: its conditions stay in the address.
  await filer.goto("/records");
  await filer.locator("#record-search").getByRole("button", { name: "开始搜索" }).click();
  await expect(filer).toHaveURL(/\/records\?/);
  await expect(filer.locator(".record-results, p.empty").first()).toBeVisible();

  // 历史记录查询 too.
  await filer.goto("/history");
  await filer.locator("#history-search").getByRole("button", { name: "开始搜索" }).click();
  await expect(filer).toHaveURL(/\/history\?/);
});
