// 公安联网备案: once a site is approved, its filer records the 公网安备
// number on /public-security. Another province's number is refused at the
// row with nothing lost; the right one is kept, and the public lookup shows
// it with the site.
import { expect } from "@playwright/test";
import { hydrated, newContext, test } from "./support";
import { approvedByClicking, signedIn } from "./review-helpers";

test("a filer records the 公网安备 number and the public lookup shows it", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const record = await approvedByClicking(filer, staff, bureau, {
    subject: "成都公安备案示例有限公司", site: "公安备案示例", domain: "gongan-demo.cn",
    ip: "121.40.9.73", cert: "91510100MA61GA01BG", personId: "510107198607120030",
    mobile: "13755553073",
  });
  const site = `${record.subject}-1`;

  // The filer has other sites: the list is narrowed by the number.
  await filer.goto("/public-security");
  await hydrated(filer);
  await filer.getByLabel("备案号", { exact: true }).fill(site);
  await filer.getByRole("button", { name: "查询" }).click();
  await expect(filer).toHaveURL(/number=/);
  const row = filer.locator("#public-security tbody tr").filter({ hasText: site });
  await expect(row).toContainText("还剩 30 天");
  const input = row.getByLabel(`${site} 的公网安备号`);

  // Beijing's number for a 四川 subject: refused, and what was typed stays.
  await input.fill("京公网安备11010802020088号");
  await row.getByRole("button", { name: "填写" }).click();
  await expect(filer.locator("#psb-error")).toHaveText("公网安备号的地区代码与主办单位所在省不一致");
  await expect(input).toHaveValue("京公网安备11010802020088号");

  await input.fill("川公网安备 51010402000731号");
  await row.getByRole("button", { name: "填写" }).click();
  await expect(filer.locator("#psb-saved")).toHaveText("已保存公网安备号 川公网安备51010402000731号。");
  await expect(row.locator(".psb-number")).toHaveText("川公网安备51010402000731号");
  await expect(row).not.toContainText("还剩");

  // Anyone looking the site up sees it.
  const visitor = await (await newContext(browser)).newPage();
  await visitor.goto("/query?by=domain&q=gongan-demo.cn");
  await expect(visitor.locator(".lookup-results tbody tr").filter({ hasText: site }).locator(".psb-number"))
    .toHaveText("川公网安备51010402000731号");
});
