// Steps on the review side shared by the flow specs: open an application
// from a work list, decide, and wait for the simulated ministry.
import { Browser, BrowserContextOptions, expect, Page } from "@playwright/test";
import { hydrated, logIn, newContext, noteSecret, openMenu, uniqueUsername, watch } from "./support";
export { openMenu };
import { field, fillSite, fillSubject, startSelfFiling, upload } from "./filing-helpers";

/** A fresh browser (its own session) signed in as `username`. */
export async function signedIn(
  browser: Browser, username: string, password: string, options: BrowserContextOptions = {},
): Promise<Page> {
  const page = await (await newContext(browser, options)).newPage();
  watch(page);
  await logIn(page, username, password);
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  return page;
}

/** A new provider staff account, created through the admin's form call. */
export async function newStaff(browser: Browser, password: string): Promise<string> {
  const admin = await signedIn(browser, "admin", "Admin2026");
  const username = uniqueUsername("acct");
  const reply = await admin.request.post("/api/admin/create_account", {
    form: { username, password, real_name: "孙账号", mobile: "", email: "", role: "provider_staff", province: "" },
  });
  expect(reply.status(), await reply.text()).toBe(200);
  await admin.context().close();
  return username;
}

/** A new filer account (a person), opened by provider staff for a customer. */
export async function newFiler(browser: Browser, password: string, realName: string): Promise<string> {
  const staff = await signedIn(browser, "staff", "Staff2026");
  const username = uniqueUsername("filer");
  const reply = await staff.request.post("/api/provider/create_customer", {
    form: {
      username, password, password_confirm: password, real_name: realName,
      mobile: "13800138000", email: `${username}@example.com`, kind: "person",
    },
  });
  expect(reply.status(), await reply.text()).toBe(200);
  await staff.context().close();
  return username;
}

/** Opens a work list from the navigation and the application of `subject`. */
export async function openFromList(page: Page, list: string, subject: string) {
  await hydrated(page);
  await openMenu(page);
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
  await expect(badge(page)).toHaveText(/未提交至部系统|待短信核验|待管局审核|待前置审批/);
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

/** What makes one clicked-through filing unique. */
export interface ClickedApplicant {
  subject: string; site: string; domain: string; ip: string;
  cert: string; personId: string; mobile: string;
}

/** The whole of flow 3.2 without detours, by clicking only: the filer fills
 * the wizard and submits, staff verify on the review page, the 管局
 * approves, and the filer reads the 主体备案号 and the one-time 备案密码.
 * For specs whose flow starts from an approved record. */
export async function approvedByClicking(filer: Page, staff: Page, bureau: Page, a: ClickedApplicant) {
  await startSelfFiling(filer);
  await fillSubject(filer, {
    province: "510000", city: "510100", county: "510104", cert: a.cert,
    name: a.subject, certAddress: "四川省成都市锦江区东大街1号",
    mailAddress: "成都市锦江区东大街1号", person: "钱示例", personId: a.personId,
    office: "028-85556600", mobile: a.mobile, emergency: "13755559999",
  });
  await filer.getByRole("button", { name: "保存并下一步" }).click();
  await expect(filer).toHaveURL(/step=2$/);
  await filer.getByRole("button", { name: "添加网站" }).click();
  await fillSite(filer, 0, a.site, a.domain, a.ip);
  await field(filer, "sites[0].content").getByLabel("单位门户网站").check();
  await filer.getByRole("button", { name: "保存并下一步" }).click();
  await expect(filer).toHaveURL(/step=3$/);
  await filer.getByRole("button", { name: "提交" }).click();
  await expect(badge(filer)).toHaveText("待接入者核实");
  const id = filer.url().match(/filings\/(\d+)/)![1];

  await staff.goto(`/review/${id}`);
  await hydrated(staff);
  await verifyOnReview(staff, "王核验");
  await bureau.goto(`/review/${id}`);
  await awaitState(bureau, "待管局审核");
  await decide(bureau, "审核通过");
  await expect(badge(bureau)).toHaveText("审核通过");

  await filer.goto(`/review/${id}`);
  await hydrated(filer);
  await expect(filer.locator("#subject-number")).toHaveText(/^[^\s]+ICP备\d{10}号$/);
  const subject = (await filer.locator("#subject-number").textContent())!;
  await filer.getByRole("button", { name: "查看备案密码" }).click();
  const password = (await filer.locator("#filing-password").textContent())!;
  noteSecret(password);
  return { subject, password };
}

/** The newest 短信核验 code texted to `mobile`, as the admin's 短信发件箱
 * (the simulated phone) shows it. */
export async function latestCode(admin: Page, mobile: string): Promise<string> {
  await admin.goto("/admin/sms");
  await hydrated(admin);
  const text = admin.locator("#sms-outbox tbody tr").filter({ hasText: mobile }).first().locator(".sms-body");
  const body = (await text.textContent())!;
  return body.match(/核验码为 (\d{6})/)![1];
}

/** Confirms a 短信核验 on the public page /sms, as the phone's owner. */
export async function confirmSms(browser: Browser, code: string, mobile: string, certTail: string) {
  const phone = await (await newContext(browser)).newPage();
  await phone.goto("/sms");
  await hydrated(phone);
  await phone.locator("#field-mobile").fill(mobile);
  await phone.locator("#field-code").fill(code);
  await phone.locator("#field-cert_tail").fill(certTail);
  await phone.getByRole("button", { name: "确认核验" }).click();
  await expect(phone.locator("#sms-confirmed")).toContainText("核验成功");
}
