// Flows 3.3 and 3.4: a filer cancels one site of an approved record after
// reading the warnings (网站主办者自行注销), and provider staff end their own
// access to the other site without a password (接入服务者代为注销 / 取消接入).
// The record is approved through the roles' own server calls first.
import { test, expect } from "@playwright/test";
import { hydrated } from "./support";
import { approved, call } from "./api-helpers";
import { badge, signedIn } from "./review-helpers";

test("flow 3.3: a filer cancels a site after reading the warnings", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const record = await approved(filer, staff, bureau, {
    subject: "成都注销示例有限公司", site: "注销示例", domain: "zhuxiao-demo.cn",
    ip: "121.40.9.40", cert: "91510100MA61JJJJ4U", personId: "510107198612250016",
    mobile: "13755553001",
  });

  // 3.3: the filer finds the record by its number and ticks the site.
  await filer.goto("/cancel");
  await hydrated(filer);
  await filer.getByLabel("备案号").fill(record.subject);
  await filer.getByRole("button", { name: "开始搜索" }).click();
  const row = filer.locator(".records tbody tr").filter({ hasText: record.subject });
  await expect(row).toContainText("成都注销示例有限公司");
  await row.getByRole("button", { name: "注销申请" }).click();
  const form = filer.locator("#cancel-form");
  // Nothing ticked: refused at the field, in the browser.
  await form.locator("#submit-cancel").click();
  await expect(filer.locator("#cancel-targets-error")).toHaveText("请勾选要注销的主体、网站或接入");
  await form.locator("#cancel-site-0").check();
  // The only site: the warnings say the number is gone for good and the
  // subject is left without a site.
  await expect(filer.locator("#cancel-warnings")).toContainText("不能恢复");
  await expect(filer.locator("#cancel-warnings")).toContainText("空壳主体");
  // 注销主体 asks for the 备案密码.
  await form.locator("#cancel-subject").check();
  await expect(form.getByLabel("备案密码")).toBeVisible();
  await form.locator("#cancel-subject").uncheck();
  await expect(form.getByLabel("备案密码")).toHaveCount(0);
  await form.locator("#cancel-reason").selectOption({ label: "不再提供网站服务" });
  await form.locator("#cancel-explanation").fill("网站停止运营，申请注销网站");
  await form.locator("#submit-cancel").click();
  await form.locator("#confirm-cancel").click();
  await expect(filer).toHaveURL(/\/review\/\d+$/);
  await hydrated(filer);
  await expect(badge(filer)).toHaveText("待接入者核实");
  await expect(filer.locator("#cancellation")).toContainText(`注销网站 ${record.subject}-1`);
  const cancelId = Number(new URL(filer.url()).pathname.split("/").pop());

  // Staff verify it; the 管局 approves; the site is gone from the search.
  await staff.goto(`/review/${cancelId}`);
  await hydrated(staff);
  await staff.locator("#decision").getByRole("button", { name: "核验通过并提交省局", exact: true }).click();
  await staff.locator("#confirm-action").click();
  await expect(badge(staff)).toHaveText(/未提交至部系统|待管局审核/);
  await expect(async () => {
    const view = await call(bureau, "review/detail", { id: cancelId });
    expect(view.state).toBe("PendingBureauReview");
  }).toPass({ timeout: 30_000 });
  await bureau.goto(`/review/${cancelId}`);
  await hydrated(bureau);
  await bureau.locator("#decision").getByRole("button", { name: "审核通过", exact: true }).click();
  await bureau.locator("#confirm-action").click();
  await expect(badge(bureau)).toHaveText("审核通过");

  // The subject stays, now without a site (空壳主体).
  await filer.goto(`/cancel?number=${encodeURIComponent(record.subject)}`);
  await hydrated(filer);
  const after = filer.locator(".records tbody tr").filter({ hasText: "成都注销示例有限公司" });
  await expect(after).toBeVisible();
  await expect(after).not.toContainText(`${record.subject}-1`);
});

test("flow 3.4: staff end their own access without a password", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const record = await approved(filer, staff, bureau, {
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
  await row.getByRole("button", { name: "注销申请" }).click();
  const form = staff.locator("#cancel-form");
  await form.locator("#cancel-access-0").check();
  await expect(staff.locator("#cancel-warnings")).toContainText("空壳网站");
  await expect(form.getByLabel("备案密码")).toHaveCount(0);
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
});
