// The everyday pages with JavaScript off (docs/testing.md, suite 11): the
// 管局 decides by a plain form, the filer marks the news of it read, a
// filer searches and pages through records, starts a change and saves a
// wizard step, and applies for a cancellation, each coming back to a page
// with the result.
import { expect, Browser, Page } from "@playwright/test";
import { captchaAnswer, captchaLoaded, test } from "./support";
import { approved, selfFiled, verified } from "./api-helpers";
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

  // Without the confirmation the browser keeps the form (the server would
  // refuse it too: tests/http/no_script.rs).
  await bureau.locator('#decision-form button[value="APPROVE"]').click();
  await expect(bureau.locator('#decision-form input[name="confirmed"]:invalid')).toHaveCount(1);
  await expect(bureau).toHaveURL(new RegExp(`/review/${id}$`));
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

test("a filer starts a change and saves a wizard step with JavaScript off", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const record = await approved(filer, staff, bureau, {
    subject: "成都静页变更有限公司", site: "静页变更", domain: "jingye-change.cn",
    ip: "121.40.9.92", cert: "91510100MA6CDWC2AR", personId: "510107198507070064",
    mobile: "13755554006",
  });

  // 申请变更: the record is picked by a link, the kind by a plain form.
  const page = await signedInWithoutScript(browser, "filer_org", "Filer2026");
  await page.goto(`/change?number=${encodeURIComponent(record.subject)}`);
  await page.locator(".records tbody tr").filter({ hasText: record.subject }).getByRole("link", { name: "申请变更" }).click();
  await page.locator("#change-chooser").getByLabel("变更主体信息").check();
  await page.locator("#start-change").click();
  await expect(page).toHaveURL(/\/filings\/\d+\?step=1$/);
  await expect(page.locator("#change-kind")).toContainText("变更主体信息");

  // The step is filled in from the record and saves as a plain form.
  await expect(page.locator("#f-subject-name")).toHaveValue("成都静页变更有限公司");
  await page.locator("#f-subject-mail_address").fill("成都市锦江区东大街9号");
  await page.getByRole("button", { name: "保存并下一步" }).click();
  await expect(page).toHaveURL(/\?step=2&saved=1$/);
  await expect(page.getByRole("status").filter({ hasText: "已保存草稿" })).toBeVisible();
  await page.getByRole("button", { name: "1. 主办单位信息" }).click();
  await expect(page).toHaveURL(/\?step=1&saved=1$/);
  await expect(page.locator("#f-subject-mail_address")).toHaveValue("成都市锦江区东大街9号");
});

test("a filer applies for a cancellation with JavaScript off", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const record = await approved(filer, staff, bureau, {
    subject: "成都静页注销有限公司", site: "静页注销", domain: "jingye-cancel.cn",
    ip: "121.40.9.93", cert: "91510100MA6CDWC2BW", personId: "510107198507070072",
    mobile: "13755554007",
  });

  const page = await signedInWithoutScript(browser, "filer_org", "Filer2026");
  await page.goto(`/cancel?number=${encodeURIComponent(record.subject)}`);
  await page.locator(".records tbody tr").filter({ hasText: record.subject }).getByRole("link", { name: "注销申请" }).click();
  const form = page.locator("#cancel-form");
  await form.locator("#cancel-subject").check();
  await form.locator("#cancel-reason").selectOption("NO_SERVICE");
  await form.locator("#cancel-explanation").fill("网站停止运营");
  await form.locator("#cancel-password").fill(record.password);
  // Without its confirmation the browser keeps the form as it is.
  await form.locator("#submit-cancel").click();
  await expect(form.locator('input[name="confirmed"]:invalid')).toHaveCount(1);
  await expect(form.locator("#cancel-explanation")).toHaveValue("网站停止运营");
  await form.getByLabel("确认提交注销申请（注销经管局审核通过后不能恢复）").check();
  await form.locator("#submit-cancel").click();
  await expect(page).toHaveURL(/\/review\/\d+$/);
  await expect(page.locator("h1")).toContainText("注销");
});
