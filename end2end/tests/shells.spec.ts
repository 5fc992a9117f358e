// 空壳: staff end their access to one of a customer's two sites by
// clicking. Once the 管局 approves, the site is a 空壳网站: the provider's
// home counts it, /shells lists it (found by its 备案号), and staff remind
// the owner, once until the owner reads it. The filer sees the reminder.
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { approved } from "./api-helpers";
import { awaitState, badge, decide, signedIn } from "./review-helpers";

test("a site whose last access ended shows as a shell, and staff remind its owner", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const record = await approved(filer, staff, bureau, {
    subject: "成都空壳示例有限公司", site: "空壳示例一", domain: "kongke-one.cn",
    ip: "121.40.9.84", cert: "91510100MA6KKQ2P3L", personId: "510107199107070043",
    mobile: "13755553084", second: { site: "空壳示例二", domain: "kongke-two.cn", ip: "121.40.9.85" },
  });
  const site = `${record.subject}-1`;

  // Staff end their access to site -1 (取消接入), confirmed, and the 管局 approves.
  await staff.goto(`/cancel?number=${encodeURIComponent(record.subject)}`);
  await hydrated(staff);
  await staff.locator(".records tbody tr").filter({ hasText: record.subject }).getByRole("link", { name: "注销申请" }).click();
  const form = staff.locator("#cancel-form");
  await form.locator("#cancel-access-0").check();
  await expect(staff.locator("#cancel-warnings")).toContainText("空壳网站");
  await form.locator("#cancel-reason").selectOption({ label: "更换接入服务商" });
  await form.locator("#cancel-explanation").fill("客户网站迁出本单位机房");
  await form.locator("#submit-cancel").click();
  await form.locator("#confirm-cancel").click();
  await expect(staff).toHaveURL(/\/review\/\d+$/);
  const id = staff.url().match(/\/review\/(\d+)$/)![1];
  await bureau.goto(`/review/${id}`);
  await awaitState(bureau, "待管局审核");
  await decide(bureau, "审核通过");
  await expect(badge(bureau)).toHaveText("已注销");

  // The provider's home counts the shells it left and leads to them.
  await staff.goto("/provider");
  await hydrated(staff);
  const summary = staff.locator("#shells-summary");
  await expect(summary).toContainText("空壳网站");
  await summary.getByRole("link", { name: "查看空壳" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("空壳主体与空壳网站");
  await hydrated(staff);
  await staff.getByLabel("备案号").fill(record.subject);
  await staff.getByRole("button", { name: "查询" }).click();
  await expect(staff).toHaveURL(/number=/);
  const rows = staff.locator("#shells tbody tr");
  // Site -2 is still served: only -1 is a shell, and the subject is not.
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("空壳网站");
  await expect(rows.first()).toContainText(site);
  await expect(rows.first()).toContainText("可直接新增网站或新增接入");

  // Staff remind the owner; a second reminder waits until the first is read.
  await rows.first().getByRole("button", { name: "通知主办者" }).click();
  await expect(staff.locator("#remind-outcome")).toHaveText("已通知主办者。");
  await hydrated(staff);
  await staff.locator("#shells tbody tr").first().getByRole("button", { name: "通知主办者" }).click();
  await expect(staff.locator("#remind-outcome")).toContainText("主办者尚未阅读上一次提醒");

  await filer.goto("/notifications");
  await expect(filer.locator(".notifications")).toContainText(`您的网站 ${site}（空壳示例一）已没有接入服务商（空壳网站）`);
});
