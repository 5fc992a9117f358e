// Flow 3.4 (接入服务者代为注销): provider staff end their own access to a
// customer's site. No 备案密码 is asked, the 空壳网站 warning is shown,
// and the application skips 待接入者核实. The 管局 approves it into 已注销,
// and the record's versions show the access gone. Staff cancel a site and
// then a whole subject the same way, and the record is gone.
import { expect } from "@playwright/test";
import { hydrated, newContext, test } from "./support";
import { approved } from "./api-helpers";
import { approvedByClicking, awaitState, badge, decide, signedIn } from "./review-helpers";

test("flow 3.4: staff end their own access without a password", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  // The customer's record, filed and approved by clicking.
  const record = await approvedByClicking(filer, staff, bureau, {
    subject: "成都取消接入示例有限公司", site: "接入示例", domain: "jieru-demo.cn",
    ip: "121.40.9.41", cert: "91510100MA61KKKK5L", personId: "510107199003120026",
    mobile: "13755553002",
  });

  await staff.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "注销申请" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("注销申请");
  await hydrated(staff);
  await staff.getByLabel("主办单位名称").fill("取消接入示例");
  await staff.getByRole("button", { name: "开始搜索" }).click();
  const row = staff.locator(".records tbody tr").filter({ hasText: record.subject });
  await row.getByRole("link", { name: "注销申请" }).click();
  const form = staff.locator("#cancel-form");
  await form.locator("#cancel-access-0").check();
  await expect(staff.locator("#cancel-warnings")).toContainText("空壳网站");
  // The password field is in the page for a browser without scripts,
  // hidden here: an access alone needs no 备案密码.
  await expect(form.getByLabel("备案密码")).toBeHidden();
  await form.locator("#cancel-reason").selectOption({ label: "更换接入服务商" });
  await form.locator("#cancel-explanation").fill("客户已迁出本单位机房");
  await form.locator("#submit-cancel").click();
  await expect(staff.locator("#cancel-warnings")).toContainText("空壳网站");
  await form.locator("#confirm-cancel").click();
  await expect(staff).toHaveURL(/\/review\/\d+$/);
  await hydrated(staff);
  // 代为注销 goes straight to the province: no 待接入者核实.
  await expect(badge(staff)).toHaveText(/未提交至部系统|待管局审核/);
  await expect(staff.locator("#cancellation")).toContainText(`取消接入 ${record.subject}-1`);
  const id = staff.url().match(/\/review\/(\d+)$/)![1];

  // The 管局 approves: the 注销 ends in 已注销.
  await bureau.goto(`/review/${id}`);
  await awaitState(bureau, "待管局审核");
  await decide(bureau, "审核通过");
  await expect(badge(bureau)).toHaveText("已注销");

  // The record's 历史记录 shows the access gone between its two versions.
  await filer.goto(`/records/versions?number=${encodeURIComponent(record.subject)}`);
  await hydrated(filer);
  await expect(filer.locator("#record-versions tbody tr")).toHaveCount(2);
  await expect(filer.locator("#record-versions tbody tr").first()).toContainText("注销");
  await expect(filer.locator("#version-diff del")).toContainText(["121.40.9.41"]);
});

test("flow 3.4: staff cancel one site, then the whole subject, through approval", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const record = await approved(filer, staff, bureau, {
    subject: "成都代为注销示例有限公司", site: "代为注销示例一", domain: "daiwei-one.cn",
    ip: "121.40.9.47", cert: "91510100MA6CDWBJ2U", personId: "510107198704040024",
    mobile: "13755553017", second: { site: "代为注销示例二", domain: "daiwei-two.cn", ip: "121.40.9.48" },
  });

  /** Staff apply for a 注销 of `record` with the boxes `tick` ticked. */
  async function cancelled(tick: string, reason: string, password?: string) {
    await staff.goto(`/cancel?number=${encodeURIComponent(record.subject)}`);
    await hydrated(staff);
    await staff.locator(".records tbody tr").filter({ hasText: record.subject }).getByRole("link", { name: "注销申请" }).click();
    const form = staff.locator("#cancel-form");
    await form.locator(tick).check();
    await form.locator("#cancel-reason").selectOption({ label: reason });
    await form.locator("#cancel-explanation").fill("客户申请，由接入服务商代为注销");
    if (password) await form.getByLabel("备案密码").fill(password);
    await form.locator("#submit-cancel").click();
    await form.locator("#confirm-cancel").click();
    await expect(staff).toHaveURL(/\/review\/\d+$/);
    await hydrated(staff);
    const id = staff.url().match(/\/review\/(\d+)$/)![1];
    await bureau.goto(`/review/${id}`);
    await awaitState(bureau, "待管局审核");
    await decide(bureau, "审核通过");
    await expect(badge(bureau)).toHaveText("已注销");
  }

  // 注销网站: the second site goes; the subject and the first stay.
  await cancelled("#cancel-site-1", "不再提供网站服务");
  const visitor = await (await newContext(browser)).newPage();
  await visitor.goto(`/query?q=${encodeURIComponent("www.daiwei-two.cn")}`);
  await expect(visitor.locator("#lookup-empty")).toContainText("未查询到备案信息");
  await visitor.goto(`/query?q=${encodeURIComponent("www.daiwei-one.cn")}`);
  await expect(visitor.locator(".lookup-results tbody tr")).toContainText(`${record.subject}-1`);

  // 注销主体: the subject, with its last site, needs the 备案密码.
  await cancelled("#cancel-subject", "主办单位已注销或被吊销", record.password);
  await staff.goto(`/cancel?number=${encodeURIComponent(record.subject)}`);
  await hydrated(staff);
  await expect(staff.getByText("没有符合条件的已备案记录。")).toBeVisible();
  await visitor.goto(`/query?q=${encodeURIComponent("www.daiwei-one.cn")}`);
  await expect(visitor.locator("#lookup-empty")).toContainText("未查询到备案信息");
});
