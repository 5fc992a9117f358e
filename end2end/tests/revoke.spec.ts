// 撤销申请 (seed §2.9) against run.sh's second server, whose simulated
// ministry waits 45 s after verification: meanwhile a filing is in
// 未提交至部系统, staff revoke it and see the province's answer at once,
// and the filer's data is copied into a new draft in one click. Once the
// ministry has taken it, a stale list's 撤销 is refused.
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { call, selfFiled, verified } from "./api-helpers";
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
  // The list names the application's sites, as the manual's does.
  await expect(row.locator(".sites")).toHaveText("撤销示例（chexiao-demo.cn）");
  await row.getByRole("button", { name: "撤销申请" }).click();
  await expect(row).toContainText(`确认撤销 #${id}？`);
  await row.getByRole("button", { name: "确认撤销" }).click();
  await expect(row.getByRole("status")).toHaveText("省局答复：已撤销");

  // The filer sees 已撤销 in 备案进度查询, then on the application.
  await filer.goto("/work/progress");
  await hydrated(filer);
  await expect(filer.locator(`tr[data-id="${id}"] .badge`)).toHaveText("已撤销");

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

test("撤销 is refused once the application has moved on to 待管局审核", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const subject = "成都撤销未果示例有限公司";
  const id = await selfFiled(filer, {
    subject, site: "撤销未果示例", domain: "chexiao-late.cn", ip: "121.40.9.61",
    cert: "91510100MA61TTTT8M", personId: "510107198202020066", mobile: "13755553009",
  });
  await verified(staff, id);

  // This tab's live updates are cut (as behind a proxy that drops event
  // streams), so its list goes stale while the ministry takes the filing.
  await staff.route("**/events", (route) => route.abort());
  await staff.goto("/work/revoke");
  await hydrated(staff);
  const row = staff.locator(".queue-table tbody tr").filter({ hasText: subject });
  await expect(row.locator(".badge")).toHaveText("未提交至部系统");
  await expect(async () => {
    const view = await call(staff, "review/detail", { id });
    expect(view.state).toBe("PendingBureauReview");
  }).toPass({ timeout: 120_000 });
  await row.getByRole("button", { name: "撤销申请" }).click();
  await row.getByRole("button", { name: "确认撤销" }).click();
  await expect(row.getByRole("status")).toHaveText("省局答复：不予撤销——该申请已进入部系统，不能再撤销");
});
