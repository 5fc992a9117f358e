// The language of the pages (docs/testing.md, suite 11): Chinese by default,
// the browser's language before any choice, the toggle's choice after it,
// with JavaScript and without, and a signed-in choice that follows the
// account to another browser.
import { expect, Page } from "@playwright/test";
import { captchaAnswer, captchaLoaded, hydrated, test } from "./support";
import { newStaff, signedIn } from "./review-helpers";

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

test("the toggle switches the page, and the choice is remembered", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await expect(heading(page)).toHaveText("用户登录");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByRole("button", { name: "English", exact: true }).click();
  await expect(heading(page)).toHaveText("Log in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await hydrated(page);
  await page.reload();
  await expect(heading(page)).toHaveText("Log in");
  await hydrated(page);
  await page.getByRole("button", { name: "中文", exact: true }).click();
  await expect(heading(page)).toHaveText("用户登录");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("without JavaScript the browser's language is the default, and the toggle keeps the address", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US", javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/query?by=domain&q=example.com");
  await expect(heading(page)).toHaveText("Public filing lookup");
  await page.getByRole("button", { name: "中文", exact: true }).click();
  await expect(page).toHaveURL(/\/query\?by=domain&q=example\.com$/);
  await expect(heading(page)).toHaveText("备案信息公共查询");
  await context.close();
});

test("a choice made while signed in comes back when signing in elsewhere", async ({ browser }) => {
  const username = await newStaff(browser, "Lang2026pw");
  const here = await signedIn(browser, username, "Lang2026pw");
  await hydrated(here);
  await here.getByRole("button", { name: "English", exact: true }).click();
  await expect(here.getByRole("button", { name: "Log out" })).toBeVisible();

  // A browser that never chose: the login page follows its Chinese, the
  // account's English takes over once signed in.
  const context = await browser.newContext({ locale: "zh-CN" });
  const elsewhere = await context.newPage();
  await elsewhere.goto("/login");
  await hydrated(elsewhere);
  await captchaLoaded(elsewhere);
  await elsewhere.locator("#field-username").fill(username);
  await elsewhere.locator("#field-password").fill("Lang2026pw");
  await elsewhere.locator("#field-captcha").fill(await captchaAnswer(context));
  await elsewhere.getByRole("button", { name: "登录", exact: true }).click();
  await expect(elsewhere).toHaveURL(/\/provider$/);
  await expect(elsewhere.locator("html")).toHaveAttribute("lang", "en");
  await expect(elsewhere.getByRole("button", { name: "Log out" })).toBeVisible();
  await context.close();
});
