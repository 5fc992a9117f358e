// 备案信息查询 (seed §2.7): a reviewer combines conditions, the URL keeps
// them, the order can change, and 详细 opens the approving application;
// another filer finds nothing of it. 历史记录查询 (§2.8): the filer finds
// the approval of that filing by subject and action.
import * as fs from "fs";
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { approved } from "./api-helpers";
import { signedIn } from "./review-helpers";

test("备案信息查询 and 历史记录查询: conditions, order and 详细", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const record = await approved(filer, staff, bureau, {
    subject: "成都查询示例有限公司", site: "查询示例", domain: "chaxun-demo.cn",
    ip: "121.40.9.70", cert: "91510100MA61RRRR2D", personId: "510107198303030052",
    mobile: "13755553008",
    second: { site: "查询示例二", domain: "chaxun-demo2.cn", ip: "121.40.9.71" },
  });
  const [site1, site2] = [`${record.subject}-1`, `${record.subject}-2`];

  await bureau.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "备案信息查询" }).click();
  await expect(bureau.getByRole("heading", { level: 1 })).toHaveText("备案信息查询");
  await hydrated(bureau);
  const form = bureau.locator("#record-search");
  await form.getByLabel("主办单位名称").fill("查询示例");
  await form.getByLabel("单位性质").selectOption({ label: "企业" });
  await form.getByRole("button", { name: "开始搜索" }).click();
  await expect(bureau).toHaveURL(/nature=ENTERPRISE/);
  const rows = bureau.locator(".record-results tbody tr");
  await expect(rows).toHaveCount(2);
  // Newest first: both were approved together, so the later site leads.
  await expect(rows.nth(0)).toContainText(site2);
  await expect(rows.nth(0)).toContainText("四川省");

  // 导出 CSV: every result of the same conditions, ready for Excel.
  const [download] = await Promise.all([
    bureau.waitForEvent("download"),
    bureau.getByRole("link", { name: "导出 CSV（全部结果）" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^records-\d{8}\.csv$/);
  const csv = fs.readFileSync(await download.path(), "utf8");
  expect(csv.startsWith("\ufeff网站备案号,")).toBe(true);
  const exported = csv.trim().split("\r\n");
  expect(exported).toHaveLength(3);
  expect(exported.slice(1).map((l) => l.split(",")[0]).sort()).toEqual([site1, site2]);

  await form.getByLabel("排序").selectOption({ label: "网站备案号" });
  await form.getByRole("button", { name: "开始搜索" }).click();
  await expect(bureau).toHaveURL(/sort=number/);
  await expect(rows.nth(0)).toContainText(site1);
  await expect(bureau.locator("#records-next")).toHaveCount(0);

  // A condition that matches nothing says so.
  await form.getByLabel("网站域名").fill("www.chaxun-none.cn");
  await form.getByRole("button", { name: "开始搜索" }).click();
  await expect(bureau.locator("#records-empty")).toBeVisible();
  await form.getByLabel("网站域名").fill("WWW.chaxun-demo2.cn");
  await form.getByRole("button", { name: "开始搜索" }).click();
  await expect(rows).toHaveCount(1);
  await rows.nth(0).getByRole("link", { name: "详细" }).click();
  await expect(bureau).toHaveURL(/\/review\/\d+$/);
  await expect(bureau.getByRole("heading", { level: 1 })).toContainText("成都查询示例有限公司");

  // Another filer's search never shows it.
  const other = await signedIn(browser, "filer_person", "Person2026");
  await other.goto(`/records?number=${encodeURIComponent(record.subject)}`);
  await hydrated(other);
  await expect(other.locator("#records-empty")).toBeVisible();

  // The filer's history of the filing: its approval, with the states.
  await filer.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "历史记录查询" }).click();
  await expect(filer.getByRole("heading", { level: 1 })).toHaveText("历史记录查询");
  await hydrated(filer);
  const history = filer.locator("#history-search");
  await history.getByLabel("主办单位名称").fill("成都查询示例");
  await history.locator("select[name=action]").selectOption({ label: "审核通过" });
  await history.getByRole("button", { name: "开始搜索" }).click();
  await expect(filer).toHaveURL(/action=APPROVE/);
  const operations = filer.locator(".history-results tbody tr");
  await expect(operations).toHaveCount(1);
  await expect(operations.nth(0)).toContainText("待管局审核 → 审核通过");
  await operations.nth(0).getByRole("link", { name: "详细" }).click();
  await expect(filer).toHaveURL(/\/history\/\d+$/);
  await expect(filer.locator("#operation")).toContainText("管局审核人员");
  await expect(filer.locator("#operation-states")).toHaveText("待管局审核 → 审核通过");
  await expect(filer.locator("#operation-changes")).toHaveText("此操作未修改备案信息。");

  // The admin reads every record: 详细 opens it with no decision to take,
  // and 历史记录 lists the operations on its subject.
  const admin = await signedIn(browser, "admin", "Admin2026");
  await admin.goto(`/records?number=${encodeURIComponent(site1)}`);
  await hydrated(admin);
  const found = admin.locator(".record-results tbody tr");
  await expect(found).toHaveCount(1);
  await found.nth(0).getByRole("link", { name: "详细" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toContainText("成都查询示例有限公司");
  await expect(admin.locator("#history")).toContainText("审核通过");
  await expect(admin.getByRole("button", { name: "审核通过" })).toHaveCount(0);
  await admin.goBack();
  await found.nth(0).getByRole("link", { name: "历史记录" }).click();
  await expect(admin).toHaveURL(/\/history\?number=/);
  await expect(admin.locator(".history-results tbody tr")).toHaveCount(5);
});
