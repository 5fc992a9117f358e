// 电子化核验 instead of meeting the filer: staff open a one-time link on the
// review page, the filer's phone (without JavaScript: a plain form) uploads
// a front-facing photo and the certificate's two sides, a second use of the
// link is refused, and staff compare, accept and verify. The filing then
// records the 核验 as electronic.
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { png } from "./filing-helpers";
import { selfFiled } from "./api-helpers";
import { badge, decide, signedIn } from "./review-helpers";

test("a filer's phone takes the 核验 pictures through a one-time link and staff accept them", async ({ browser }) => {
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const id = await selfFiled(filer, {
    subject: "成都电子核验示例有限公司", site: "电子核验示例", domain: "dianzi-demo.cn", ip: "121.40.9.73",
    cert: "91510100MA6CDWA275", personId: "510107198506060040", mobile: "13755554004",
  });

  await staff.goto(`/review/${id}`);
  await hydrated(staff);
  const panel = staff.locator("#electronic-verification");
  await expect(panel.locator("#verify-link-status")).toHaveText("尚未生成核验链接。");
  await panel.getByRole("button", { name: "生成电子化核验链接" }).click();
  const url = await staff.locator("#verify-link-url").inputValue();
  expect(url).toMatch(/\/verify\/[0-9a-f]{48}$/);
  await expect(panel.locator("#verify-link-status")).toContainText("等待网站负责人上传");

  // The phone, with no login and no JavaScript.
  const context = await browser.newContext({ locale: "zh-CN", javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const phone = await context.newPage();
  await phone.goto(url);
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("电子化核验");
  await phone.getByLabel("本人正面照片").setInputFiles(png("face.png"));
  await phone.getByLabel("证件正面").setInputFiles(png("front.png"));
  await phone.getByLabel("证件反面").setInputFiles(png("back.png"));
  await phone.getByRole("button", { name: "提交核验照片" }).click();
  await expect(phone.locator("#verify-done")).toContainText("照片已上传");
  await phone.goto(url);
  await expect(phone.locator("#verify-link-error")).toHaveText("该核验链接已使用过，每个链接只能使用一次");
  await context.close();

  // Staff compare the pictures and accept them; 核验通过 carries them.
  await staff.reload();
  await hydrated(staff);
  await expect(panel.locator("#verify-link-status")).toContainText("网站负责人已于");
  await expect(panel.locator(".verify-picture img")).toHaveCount(3);
  await panel.locator("#electronic-verifier").fill("王核验");
  await panel.getByRole("button", { name: "核对无误，接受电子化核验" }).click();
  await expect(panel.locator("#verify-link-status")).toContainText("已接受电子化核验");
  await decide(staff, "核验通过并提交省局");
  await expect(badge(staff)).toHaveText(/未提交至部系统|待管局审核/);
  await expect(staff.locator("#verification-method")).toContainText("电子化核验（照片上传于");
});
