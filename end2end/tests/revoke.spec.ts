// 撤销申请 (seed §2.9) against run.sh's second server, whose simulated
// ministry waits an hour: a verified filing stays in 未提交至部系统, staff
// revoke it and see the province's answer at once, and the filer's data is
// copied into a new draft in one click. (A refusal needs the application
// to move on between the list's render and the click; the live list hides
// the button first, so the HTTP test covers that answer.)
import { test, expect } from "@playwright/test";
import { hydrated } from "./support";
import { selfFiled, verified } from "./api-helpers";
import { field } from "./filing-helpers";
import { badge, signedIn } from "./review-helpers";

test.use({ baseURL: process.env.SLOW_BASE_URL });

test("撤销: a filing not yet at the ministry is revoked and copied into a new draft", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const subject = "成都撤销示例有限公司";
  const id = await selfFiled(filer, {
    subject, site: "撤销示例", domain: "chexiao-demo.cn", ip: "121.40.9.60",
    cert: "91510100MA61QQQQXB", personId: "510107198404040049", mobile: "13755553007",
  });
  await verified(staff, id);

  await staff.goto("/provider");
  await hydrated(staff);
  await staff.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "撤销申请" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toContainText("撤销申请");
  await hydrated(staff);
  const row = staff.locator(".queue-table tbody tr").filter({ hasText: subject });
  await expect(row.locator(".badge")).toHaveText("未提交至部系统");
  await row.getByRole("button", { name: "撤销申请" }).click();
  await expect(row).toContainText(`确认撤销 #${id}？`);
  await row.getByRole("button", { name: "确认撤销" }).click();
  await expect(row.getByRole("status")).toHaveText("省局答复：已撤销");

  // The frozen data comes back as a new draft, scans included.
  await filer.goto(`/review/${id}`);
  await hydrated(filer);
  await expect(badge(filer)).toHaveText("已撤销");
  await filer.locator("#copy-to-draft").getByRole("button", { name: "复制为新草稿" }).click();
  await expect(filer).toHaveURL(/\/filings\/\d+/);
  expect(Number(filer.url().match(/\/filings\/(\d+)/)![1])).not.toBe(id);
  await hydrated(filer);
  await expect(field(filer, "subject.name")).toHaveValue(subject);
});
