import { expect } from "@playwright/test";
import { captchaAnswer, captchaLoaded, hydrated, logIn, test, uniqueUsername } from "./support";

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

test("the menu has the manual's two groups, and on a phone a menu button opens it", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await captchaLoaded(page);
  await page.locator("#field-username").fill("filer_org");
  await page.locator("#field-password").fill("Filer2026");
  await page.locator("#field-captcha").fill(await captchaAnswer(context));
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/filer$/);
  const nav = page.getByRole("navigation", { name: "主导航" });
  // Collapsed behind its button, which works without JavaScript.
  await expect(nav).toBeHidden();
  await page.getByText("菜单", { exact: true }).tap();
  await expect(nav).toBeVisible();
  const manage = nav.locator(".nav-group").filter({ hasText: "ICP备案信息管理" });
  const system = nav.locator(".nav-group").filter({ hasText: "ICP备案系统" });
  await expect(manage.getByRole("link")).toHaveText(["备案信息录入", "退回处理", "备案信息变更", "申请留言", "注销申请", "备案认领"]);
  await expect(system.getByRole("link")).toHaveText(["备案进度查询", "备案信息查询", "历史记录查询", "网站核查", "公安联网备案", "空壳主体/网站"]);
  // A filer has no provider's lists.
  await expect(nav.getByRole("link", { name: "撤销申请" })).toHaveCount(0);
  await manage.getByRole("link", { name: "申请留言" }).tap();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("申请留言");
  await context.close();
});

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
