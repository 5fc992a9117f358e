// 批量导入: staff pick a customer, choose a CSV file, run the dry
// run (every bad row by column and rule, nothing saved), then import the
// good rows as drafts that the customer's filing list shows.
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { signedIn } from "./review-helpers";

const csv = [
  "\ufeff网站名称,首页URL,域名,服务内容,语言,IP地址,接入方式,服务器放置地,备注",
  "导入示例商城,www.daoru-demo.cn,daoru-demo.cn,网络购物,中文简体,121.40.9.90,云接入,四川省,",
  "导入示例资讯,www.daoru-bad.cn,www.daoru-bad.cn,网络广告/信息,中文简体,8.8.8.8,云接入,四川省,",
].join("\r\n");

test("批量导入: dry run lists bad rows, import makes drafts", async ({ browser }) => {
  test.slow();
  const staff = await signedIn(browser, "staff", "Staff2026");
  await staff.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "批量导入" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("批量导入网站");
  await hydrated(staff);

  // Nothing happens without a customer.
  await staff.locator("#import-check").click();
  await expect(staff.locator("#import-file-error")).toHaveText(/请先选择客户/);

  await staff.getByLabel("按用户名或名称查找客户").fill("filer_org");
  await staff.getByRole("button", { name: /选择 .*filer_org/ }).click();
  await expect(staff.locator("#chosen-customer")).toContainText("filer_org");
  await staff.locator("#import-file").setInputFiles({
    name: "sites.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8"),
  });
  await expect(staff.locator("#import-text")).toHaveValue(/导入示例商城/);

  await staff.locator("#import-check").click();
  await expect(staff.locator("#import-summary")).toHaveText(/试导入完成：1 行可以导入，1 行有问题/);
  await expect(staff.locator(".import-progress")).toContainText("已处理 2 / 2 行");
  const errors = staff.locator(".import-errors tbody tr");
  await expect(errors.filter({ hasText: "DOMAIN_WWW" })).toContainText("域名");
  await expect(errors.filter({ hasText: "IP地址" })).toHaveCount(1);

  await staff.locator("#import-run").click();
  await expect(staff.locator("#import-summary")).toHaveText(/导入完成：已生成 1 份草稿，1 行未导入/);

  // The customer finds the draft in their list.
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  await filer.goto("/filings");
  await hydrated(filer);
  await expect(filer.locator("main")).toContainText("daoru-demo.cn");
});
