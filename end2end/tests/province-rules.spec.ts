// Province rule profiles (docs/domain.md §4.13): the built-in profile of 广东
// switches on rules of its own. The wizard names them as soon as 广东 is
// chosen and checks them while the user types; the admin sees every
// profile on 备案规则.
import { expect } from "@playwright/test";
import { hydrated, logIn, test } from "./support";
import { errorOf, field, startSelfFiling, upload } from "./filing-helpers";
import { approved } from "./api-helpers";
import { newFiler, signedIn } from "./review-helpers";

test("a province's own rules show once it is chosen and are checked while typing", async ({ page }) => {
  await logIn(page, "filer_org", "Filer2026");
  await expect(page).toHaveURL(/\/filer$/);
  await startSelfFiling(page);
  const rules = page.locator("#province-rules");
  await field(page, "subject.province").selectOption("510000");
  await expect(rules).toHaveCount(0);

  await field(page, "subject.province").selectOption("440000");
  await expect(rules).toContainText("广东省通信管理局的备案规则");
  await expect(rules).toContainText("负责人的手机号码归属地须为本省");
  await expect(rules).toContainText("一次备案最多 5 个网站或互联网服务");

  // A 四川 number is refused as it is typed, a 广东 one is not.
  await field(page, "subject.principal.mobile").fill("13980010001");
  await field(page, "subject.principal.email").focus();
  await expect(errorOf(page, "subject.principal.mobile")).toContainText("此号码归属四川");
  await field(page, "subject.principal.mobile").fill("13802510001");
  await field(page, "subject.principal.email").focus();
  await expect(errorOf(page, "subject.principal.mobile")).toBeEmpty();

  // 广东 asks whether the person in charge is the legal representative,
  // and takes the 授权书 when not.
  const delegated = page.getByLabel("主体负责人不是法定代表人（凭法定代表人授权书）");
  await delegated.check();
  await upload(page, "subject.authorisation", "授权书.png");

  // Back in 四川 the rule is off, and its list goes.
  await field(page, "subject.principal.mobile").fill("13980010001");
  await field(page, "subject.province").selectOption("510000");
  await expect(rules).toHaveCount(0);
  await expect(errorOf(page, "subject.principal.mobile")).toBeEmpty();
  await expect(delegated).toHaveCount(0);
});

test("in 广东 a mobile another live subject's 负责人 uses is refused while typing", async ({ browser }) => {
  test.slow();
  const owner = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  // 1375555 is a segment no province's data lists, so only this rule speaks.
  await approved(owner, staff, bureau, {
    subject: "成都号码示例有限公司", site: "号码示例", domain: "haoma-demo.cn",
    ip: "121.40.9.94", cert: "91510100MA6YRJ9X0Q", personId: "510107199309090093",
    mobile: "13755553094",
  });
  const username = await newFiler(browser, "Mobile2026x", "吴号码");
  const filer = await signedIn(browser, username, "Mobile2026x");
  await startSelfFiling(filer);
  await field(filer, "subject.province").selectOption("440000");
  await expect(filer.locator("#province-rules")).toContainText("已被其他主体的负责人使用");

  // The draft saves itself after a pause; the server then checks the
  // records and the word shows at the field, before any submit.
  await field(filer, "subject.principal.mobile").fill("13755553094");
  await field(filer, "subject.principal.email").focus();
  await expect(errorOf(filer, "subject.principal.mobile")).toContainText("该手机号码已被其他主体的负责人使用");
  // Another mobile: the word goes, and stays gone once the server has
  // checked the draft saved with it.
  const checked = filer.waitForResponse((r) => r.url().endsWith("/api/filing/record_checks"));
  await field(filer, "subject.principal.mobile").fill("13755553095");
  await field(filer, "subject.principal.email").focus();
  await expect(errorOf(filer, "subject.principal.mobile")).toBeEmpty();
  expect(await (await checked).json()).toEqual([]);
  await expect(errorOf(filer, "subject.principal.mobile")).toBeEmpty();
});

test("the admin sees every province's rules", async ({ page }) => {
  await logIn(page, "admin", "Admin2026");
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto("/admin/rules");
  await hydrated(page);
  const profiles = page.locator("#province-rule-profiles");
  await expect(profiles.locator("tbody tr")).toHaveCount(3);
  await expect(profiles.locator("tbody tr").filter({ hasText: "上海市" })).toContainText("真实性承诺书");
  await expect(profiles.locator("tbody tr").filter({ hasText: "其他省份" })).toContainText("仅全国规则");
  await expect(profiles.locator("tbody tr").filter({ hasText: "广东省" })).toContainText("不同负责人");
  await expect(page.locator("#replaced-code-tables")).toHaveText("全部使用内置代码表。");
});
