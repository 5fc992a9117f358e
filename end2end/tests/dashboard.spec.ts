// The dashboards on the staff and 管局 homes: figures and inline SVG
// charts, moving when a filing is approved. Other specs share the
// database, so the counts are compared, not fixed.
import { expect, Page } from "@playwright/test";
import { test } from "./support";
import { approved } from "./api-helpers";
import { signedIn } from "./review-helpers";

async function approvedThisMonth(page: Page, home: string): Promise<number> {
  await page.goto(home);
  const panel = page.getByRole("region", { name: "工作概览" });
  await expect(panel.locator("#figure-approved")).toBeVisible();
  await expect(panel.getByRole("img", { name: "近 30 天审核通过与退回" })).toBeVisible();
  await expect(panel.getByRole("img", { name: /已等待工作日/ })).toBeVisible();
  return Number(await panel.locator("#figure-approved").innerText());
}

test("dashboards: staff and 管局 see this month's approvals grow", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const staffBefore = await approvedThisMonth(staff, "/provider");
  const bureauBefore = await approvedThisMonth(bureau, "/bureau");
  await expect(staff.getByText(/超过 5 个工作日/)).toBeVisible();
  await expect(bureau.getByText(/超过 20 个工作日/)).toBeVisible();

  await approved(filer, staff, bureau, {
    subject: "成都看板示例有限公司", site: "看板示例", domain: "kanban-demo.cn",
    ip: "121.40.9.80", cert: "91510100MA61UUUU0J", personId: "51010719810101007X",
    mobile: "13755553010",
  });

  expect(await approvedThisMonth(staff, "/provider")).toBeGreaterThan(staffBefore);
  expect(await approvedThisMonth(bureau, "/bureau")).toBeGreaterThan(bureauBefore);
  // Filers have no dashboard on their home.
  await filer.goto("/");
  await expect(filer.getByRole("region", { name: "工作概览" })).toHaveCount(0);
});
