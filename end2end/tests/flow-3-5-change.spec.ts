// Flow 3.5 (接入服务者进行变更): provider staff change a site of an approved
// record for their customer. Only the site's own fields are open, the
// summary shows the change against the record, the 备案密码 is checked on
// submit, and once the 管局 approves the record carries the new name.
import { test, expect } from "@playwright/test";
import { hydrated } from "./support";
import { approved } from "./api-helpers";
import { field, upload } from "./filing-helpers";
import { awaitState, badge, decide, signedIn } from "./review-helpers";

test("flow 3.5: staff change a site's name with the customer's 备案密码", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const record = await approved(filer, staff, bureau, {
    subject: "成都变更示例有限公司", site: "变更示例", domain: "biangeng-demo.cn",
    ip: "121.40.9.42", cert: "91510100MA61LLLL6D", personId: "510107198805060016",
    mobile: "13755553003",
  });

  await hydrated(staff);
  await staff.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "备案信息变更" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("备案信息变更");
  await hydrated(staff);
  await staff.getByLabel("备案号").fill(record.subject);
  await staff.getByRole("button", { name: "开始搜索" }).click();
  await staff.locator(".records tbody tr").filter({ hasText: record.subject }).getByRole("button", { name: "申请变更" }).click();
  await staff.locator("#change-chooser").getByLabel("变更网站信息").check();
  await staff.locator("#start-change").click();
  await expect(staff).toHaveURL(/\/filings\/\d+\?step=2$/);
  await hydrated(staff);
  await expect(staff.locator("#change-kind")).toContainText("变更网站信息");

  // Domains and accesses are not part of this change; the name is.
  await staff.locator("#site-0").getByRole("button", { name: "修改" }).click();
  await expect(field(staff, "sites[0].domains[0]")).toBeDisabled();
  await expect(field(staff, "sites[0].accesses[0].ips")).toBeDisabled();
  await expect(staff.getByRole("button", { name: "添加网站" })).toHaveCount(0);
  await field(staff, "sites[0].name").fill("变更示例官网");
  await staff.getByRole("button", { name: "保存并下一步" }).click();
  await expect(staff).toHaveURL(/step=3$/);
  const diff = staff.locator("#change-diff");
  await expect(diff.locator("del")).toContainText("变更示例");
  await expect(diff.locator("ins")).toContainText("变更示例官网");

  // 代为变更 is verified like any provider filing.
  await staff.locator("#f-verification-verifier").fill("王备案");
  await upload(staff, "verification.photo", "photo.png");
  await upload(staff, "verification.checklist", "checklist.png");
  await staff.getByRole("button", { name: "保存核验信息" }).click();
  await expect(staff.getByText("核验信息已保存")).toBeVisible();

  // A wrong 备案密码 is refused at its field; the right one submits.
  await staff.locator("#f-password").fill("WrongPass99");
  await staff.getByRole("button", { name: "提交" }).click();
  await expect(staff.locator("#f-password-error")).toContainText("备案密码错误");
  await staff.locator("#f-password").fill(record.password);
  await staff.getByRole("button", { name: "提交" }).click();
  await expect(staff.locator("h1 .badge")).toHaveText(/未提交至部系统|待管局审核/);
  const id = staff.url().match(/filings\/(\d+)/)![1];

  await bureau.goto(`/review/${id}`);
  await awaitState(bureau, "待管局审核");
  await expect(bureau.locator("#change-diff ins")).toContainText("变更示例官网");
  await decide(bureau, "审核通过");
  await expect(badge(bureau)).toHaveText("审核通过");

  // The record now carries the new name under the same number.
  await staff.goto(`/change?number=${encodeURIComponent(record.subject)}`);
  await hydrated(staff);
  await expect(staff.locator(".records tbody tr").filter({ hasText: record.subject })).toContainText(`${record.subject}-1 变更示例官网`);
});
