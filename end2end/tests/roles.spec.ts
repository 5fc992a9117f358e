import { expect } from "@playwright/test";
import { hydrated, logIn, test, uniqueUsername } from "./support";

const HOMES = [
  { username: "admin", password: "Admin2026", path: "/admin", intro: "管理接入服务商、管局和前置审批部门的账号" },
  { username: "staff", password: "Staff2026", path: "/provider", intro: "代客户办理备案" },
  { username: "provider_admin", password: "Provider2026", path: "/provider", intro: "代客户办理备案" },
  { username: "reviewer_sc", password: "Review2026", path: "/bureau", intro: "审核本省提交的备案申请" },
  { username: "preapproval", password: "Approve2026", path: "/preapproval", intro: "前置审批事项" },
  { username: "filer_org", password: "Filer2026", path: "/filer", intro: "办理您的网站备案" },
];

for (const home of HOMES) {
  test(`${home.username} lands on the role's own home`, async ({ page }) => {
    await logIn(page, home.username, home.password);
    await expect(page).toHaveURL(new RegExp(`${home.path}$`));
    await expect(page.locator(".lead")).toContainText(home.intro);
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link", { name: "首页" })).toHaveAttribute("href", home.path);
    await expect(nav.getByRole("link", { name: "账号管理" })).toHaveCount(home.username === "admin" ? 1 : 0);
  });
}

test("the admin creates a bureau reviewer bound to a province", async ({ page }) => {
  const username = uniqueUsername("rv");
  await logIn(page, "admin", "Admin2026");
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "账号管理" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("账号管理");
  await hydrated(page);

  await page.locator("#field-username").fill(username);
  await page.locator("#field-password").fill("Review2026");
  await page.locator("#field-real_name").fill("钱审核");
  await page.locator("#field-role").selectOption("bureau_reviewer");
  await page.getByRole("button", { name: "创建账号" }).click();
  await expect(page.locator("#field-province-error")).toContainText("管局审核人员须选择所属省份");
  await expect(page.locator("#field-username")).toHaveValue(username);

  await page.locator("#field-province").selectOption("440000");
  await page.getByRole("button", { name: "创建账号" }).click();
  await expect(page.getByRole("status")).toContainText(`账号 ${username} 已创建`);
  const row = page.getByRole("row", { name: new RegExp(username) });
  await expect(row).toContainText("管局审核人员");
  await expect(row).toContainText("广东省");
});
