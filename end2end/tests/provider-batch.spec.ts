// Provider staff's batch tools (批量操作): an IP migration of a customer's
// two sites previewed as the blocks are typed, approved by the 管局 and
// live; then 批量取消接入 of one of them, confirmed first and answered per
// subject.
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { approved, approvedById } from "./api-helpers";
import { signedIn } from "./review-helpers";

test("staff move a customer's sites to a new block, then end one access", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const record = await approved(filer, staff, bureau, {
    subject: "成都机房迁移示例有限公司", site: "迁移示例", domain: "qianyi-demo.cn",
    ip: "121.40.77.5", cert: "91510100MA61PPPP7H", personId: "510107198609090031",
    mobile: "13755553006",
    second: { site: "迁移示例二", domain: "qianyi-demo2.cn", ip: "121.40.77.6" },
  });
  const [site1, site2] = [`${record.subject}-1`, `${record.subject}-2`];

  await staff.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "批量操作" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("批量操作");
  await hydrated(staff);
  await staff.getByLabel("IP地址段").fill("121.40.77.0/24");
  await staff.getByRole("button", { name: "开始搜索" }).click();
  await expect(staff).toHaveURL(/block=121\.40\.77/);
  const rows = staff.locator(".batch-accesses tbody tr");
  await expect(rows).toHaveCount(2);
  await staff.locator("#batch-all").check();
  await expect(staff.locator("#batch-count")).toContainText("已选 2 / 2");

  // The target block is checked as it is typed, against the provider's.
  await staff.locator("#move-from").fill("121.40.77.0/24");
  await staff.locator("#move-to").fill("8.8.8.0/24");
  await expect(staff.locator("#move-to-error")).toContainText("不在本接入服务商登记的IP地址段内");
  await expect(staff.locator("#batch-move-submit")).toBeDisabled();
  await staff.locator("#move-to").fill("121.41.77.0/24");
  await expect(staff.locator("#move-to-error")).toBeEmpty();
  await expect(rows.nth(0).locator(".move-preview")).toHaveText("121.41.77.5-121.41.77.5");
  await expect(rows.nth(1).locator(".move-preview")).toHaveText("121.41.77.6-121.41.77.6");
  await staff.locator("#batch-move-submit").click();
  await expect(staff.getByRole("alertdialog")).toContainText("从 121.40.77.0/24 迁移到 121.41.77.0/24");
  await staff.locator("#confirm-batch-move").click();
  const results = staff.locator("#batch-results li");
  await expect(results).toHaveCount(1);
  await expect(results).toContainText(`${record.subject}（${site1}、${site2}）：已提交申请`);
  const id = Number((await results.getByRole("link").textContent())!.replace("#", ""));
  await approvedById(bureau, id);

  // The new addresses are live.
  await staff.goto("/batch?block=121.41.77.0%2F24");
  await hydrated(staff);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("121.41.77.5-121.41.77.5");

  // 批量取消接入 wants its grounds, asks first, then answers per subject.
  await rows.nth(1).locator(".batch-pick").check();
  await staff.locator("#batch-cancel-submit").click();
  await expect(staff.locator("#batch-reason-error")).toContainText("请选择申请注销的理由");
  await staff.locator("#batch-reason").selectOption({ label: "更换接入服务商" });
  await staff.locator("#batch-explanation").fill("客户合同到期");
  await staff.locator("#batch-cancel-submit").click();
  await expect(staff.getByRole("alertdialog")).toContainText("空壳网站");
  await staff.locator("#confirm-batch-cancel").click();
  await expect(results).toContainText(`${record.subject}（${site2}）：已提交申请`);
  const cancel = Number((await results.getByRole("link").textContent())!.replace("#", ""));
  await approvedById(bureau, cancel);
  await staff.reload();
  await hydrated(staff);
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText(site1);
});
