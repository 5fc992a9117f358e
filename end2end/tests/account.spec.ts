// 修改密码 and the admin's 停用 / 启用 (docs/testing.md, suite 7): a changed
// password or a disabled account ends the account's other sessions at once.
import { expect, Browser } from "@playwright/test";
import { hydrated, logIn, test } from "./support";
import { newStaff, signedIn } from "./review-helpers";

test("a password change keeps this browser signed in and signs the others out", async ({ browser }) => {
  const username = await newStaff(browser, "Start2026pw");
  const here = await signedIn(browser, username, "Start2026pw");
  const elsewhere = await signedIn(browser, username, "Start2026pw");

  await here.locator("#nav-password").click();
  await expect(here.getByRole("heading", { level: 1 })).toHaveText("修改密码");
  await hydrated(here);
  await here.locator("#field-current_password").fill("NotMine2026");
  await here.locator("#field-password").fill("Changed2026pw");
  await here.locator("#field-password_confirm").fill("Changed2026pw");
  await here.getByRole("button", { name: "修改密码" }).click();
  await expect(here.locator("#field-current_password-error")).toContainText("当前密码不正确");

  await here.locator("#field-current_password").fill("Start2026pw");
  await here.locator("#field-password").fill("Changed2026pw");
  await here.locator("#field-password_confirm").fill("Changed2026pw");
  await here.getByRole("button", { name: "修改密码" }).click();
  await expect(here.locator("#password-changed")).toContainText("其他登录已全部退出");

  await elsewhere.reload();
  await expect(elsewhere).toHaveURL(/\/login$/);
  await here.goto("/provider");
  await expect(here.getByRole("button", { name: "退出登录" })).toBeVisible();

  await logIn(elsewhere, username, "Changed2026pw");
  await expect(elsewhere).toHaveURL(/\/provider$/);
});

test("the admin disables an account after confirming, which signs it out, and enables it again", async ({ browser }) => {
  const username = await newStaff(browser, "Start2026pw");
  const user = await signedIn(browser, username, "Start2026pw");
  const admin = await signedIn(browser, "admin", "Admin2026");
  await admin.goto("/admin/accounts");
  await hydrated(admin);
  const row = admin.getByRole("row", { name: new RegExp(username) });
  await expect(row).toContainText("正常");

  await row.getByRole("button", { name: "停用" }).click();
  await expect(row.getByRole("alertdialog")).toContainText(`停用 ${username}？`);
  await row.getByRole("button", { name: "取消" }).click();
  await expect(row).toContainText("正常");
  await row.getByRole("button", { name: "停用" }).click();
  await row.getByRole("button", { name: "确认停用" }).click();
  await expect(row.getByRole("button", { name: "启用" })).toBeVisible();
  await expect(row).toContainText("停用");

  await user.reload();
  await expect(user).toHaveURL(/\/login$/);

  await row.getByRole("button", { name: "启用" }).click();
  await expect(row).toContainText("正常");
  await user.reload();
  await expect(user).toHaveURL(/\/login$/);
  await logIn(user, username, "Start2026pw");
  await expect(user).toHaveURL(/\/provider$/);
});
