import { expect } from "@playwright/test";
import { hydrated, logIn, test, uniqueUsername } from "./support";
import { errorOf, field, fillSite, fillSubject, openNewFiling, upload } from "./filing-helpers";


// Each run starts from a fresh database (run.sh): the filings below use fixed
// certificate numbers and domains, which a second run would rightly refuse
// as in flight (AR03/AR04).

test("a filer fixes flagged fields, reloads, saves and submits a two-site filing", async ({ page }) => {
  await logIn(page, "filer_org", "Filer2026");
  await expect(page).toHaveURL(/\/filer$/);
  await openNewFiling(page);
  await page.getByRole("button", { name: "新建备案" }).click();
  await expect(page).toHaveURL(/\/filings\/\d+\?step=1$/);
  await expect(page.getByRole("heading", { level: 2, name: "主办单位信息" })).toBeVisible();

  await fillSubject(page, {
    province: "510000", city: "510100", county: "510107", cert: "91350100M000100Y44",
    name: "成都蓝海科技有限公司", certAddress: "四川省成都市武侯区天府大道北段1号",
    mailAddress: "成都市武侯区天府大道北段1号", person: "陈明", personId: "110105199001011234",
    office: "028-85551234", mobile: "13800138000", emergency: "13900139000",
  });
  // Wrong checksums are flagged at their fields as soon as they are left.
  await expect(errorOf(page, "subject.cert_number")).toHaveText("统一社会信用代码校验位错误，请按证件核对");
  await expect(errorOf(page, "subject.principal.cert_number")).toHaveText("身份证号码校验位错误，请核对后重新填写");
  await field(page, "subject.cert_number").fill("91350100M000100Y43");
  await field(page, "subject.principal.cert_number").fill("44152319930906632X");
  await field(page, "subject.principal.email").focus();
  await expect(errorOf(page, "subject.cert_number")).toBeEmpty();
  await expect(errorOf(page, "subject.principal.cert_number")).toBeEmpty();

  await page.getByRole("button", { name: "保存并下一步" }).click();
  await expect(page).toHaveURL(/step=2$/);
  await page.getByRole("button", { name: "添加网站" }).click();
  await fillSite(page, 0, "中国蓝海", "www.lanhai.com", "121.40.1.10");
  await field(page, "sites[0].accesses[0].ips").focus();
  await expect(errorOf(page, "sites[0].name")).toContainText("非国家机关的网站名称不能使用“中国”");
  await expect(errorOf(page, "sites[0].domains[0]")).toHaveText("网站域名要填写 www. 后的完整信息，请填写 lanhai.com");
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存草稿" })).toBeVisible();
  await expect(errorOf(page, "sites[0].content")).toHaveText("网站服务内容至少要选择一项，否则会因格式错误被系统退回");

  await page.getByRole("button", { name: "添加网站" }).click();
  await fillSite(page, 1, "蓝海云服务", "lanhai-cloud.cn", "121.40.1.11");
  await field(page, "sites[1].content").getByLabel("单位门户网站").check();
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存草稿" })).toBeVisible();

  // A reload mid-way keeps everything, the mistakes included.
  await page.reload();
  await hydrated(page);
  await expect(page.locator("#site-1 h3")).toContainText("蓝海云服务");
  await page.locator("#site-0").getByRole("button", { name: "修改" }).click();
  await expect(field(page, "sites[0].domains[0]")).toHaveValue("www.lanhai.com");
  await expect(field(page, "sites[0].name")).toHaveValue("中国蓝海");

  await field(page, "sites[0].name").fill("蓝海科技");
  await field(page, "sites[0].domains[0]").fill("lanhai.com");
  await field(page, "sites[0].content").getByLabel("单位门户网站").check();
  // A pause in typing saves the draft by itself: a reload loses nothing.
  await expect(page.getByRole("status").filter({ hasText: "已自动保存" })).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.locator("#site-0 h3")).toContainText("蓝海科技");
  await page.getByRole("button", { name: "保存并下一步" }).click();
  await expect(page).toHaveURL(/step=3$/);
  await expect(page.getByText("检查通过：可以提交。")).toBeVisible();
  await page.getByRole("button", { name: "提交" }).click();

  await expect(page.locator("h1 .badge")).toHaveText("待接入者核实");
  await expect(page.getByText("该备案已提交，数据已冻结，不能再修改。")).toBeVisible();
  await expect(page.getByRole("button", { name: "提交" })).toHaveCount(0);
  await page.getByRole("link", { name: "1. 主办单位信息" }).click();
  await expect(field(page, "subject.name")).toBeDisabled();
});

test("provider staff file for a customer with a verification record and submit", async ({ page }) => {
  await logIn(page, "staff", "Staff2026");
  await expect(page).toHaveURL(/\/provider$/);
  await openNewFiling(page);
  await page.getByRole("link", { name: "代为备案" }).click();
  await hydrated(page);
  await page.getByLabel("按用户名或名称查找客户").fill("filer_org");
  await page.getByRole("row", { name: /filer_org/ }).getByRole("button", { name: "为其备案" }).click();
  await expect(page).toHaveURL(/\/filings\/\d+\?step=1$/);
  await expect(page.getByText("代为备案，客户：")).toBeVisible();

  await fillSubject(page, {
    province: "440000", city: "440300", county: "440305", cert: "91440300708461136T",
    name: "深圳前海示例科技有限公司", certAddress: "广东省深圳市南山区科技园1号",
    mailAddress: "深圳市南山区科技园1号", person: "李华", personId: "11010519491231002X",
    office: "0755-86001234", mobile: "13700137000", emergency: "13600136000",
  });
  await page.getByRole("button", { name: "保存并下一步" }).click();
  await expect(page).toHaveURL(/step=2$/);
  await page.getByRole("button", { name: "添加网站" }).click();
  await fillSite(page, 0, "前海示例科技", "qianhai-demo.com", "121.41.2.3");
  await field(page, "sites[0].content").getByLabel("单位门户网站").check();
  await page.getByRole("button", { name: "保存并下一步" }).click();
  await expect(page).toHaveURL(/step=3$/);

  await page.locator("#f-verification-verifier").fill("王备案");
  await upload(page, "verification.photo", "photo.png");
  await upload(page, "verification.checklist", "checklist.png");
  await page.getByRole("button", { name: "保存核验信息" }).click();
  await expect(page.getByText("核验信息已保存")).toBeVisible();
  await expect(page.getByRole("link", { name: "打印《网站备案信息真实性核验单》" })).toBeVisible();
  await page.getByRole("button", { name: "提交" }).click();
  // The simulated ministry (no delay in tests) may already have taken it.
  await expect(page.locator("h1 .badge")).toHaveText(/未提交至部系统|待管局审核/);

  const id = page.url().match(/filings\/(\d+)/)![1];
  // The print button opens the browser's print dialog; a stand-in counts it.
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await page.goto(`/filings/${id}/checklist`);
  await expect(page.getByRole("heading", { name: "网站备案信息真实性核验单" })).toHaveCount(1);
  await expect(page.getByRole("cell", { name: "前海示例科技", exact: true })).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "打印 / Print" }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed))
    .toBe(1);
});

test("provider staff open an account for a new customer and start filing for it", async ({ page }) => {
  await logIn(page, "staff", "Staff2026");
  await expect(page).toHaveURL(/\/provider$/);
  await page.goto("/filings/new");
  await hydrated(page);
  await page.getByText("客户还没有账号？为其新建账号并开始备案").click();
  await page.locator("#field-username").fill(uniqueUsername("walkin"));
  await page.locator("#field-password").fill("Customer2026");
  await page.locator("#field-password_confirm").fill("Customer2026");
  await page.locator("#field-real_name").fill("王小明");
  await page.locator("#field-mobile").fill("13500135000");
  await page.locator("#field-email").fill("wang@example.com");
  await page.getByLabel("个人").check();
  await page.getByRole("button", { name: "新建客户账号并代为备案" }).click();
  await expect(page).toHaveURL(/\/filings\/\d+\?step=1$/);
  await expect(page.getByText("代为备案，客户：王小明")).toBeVisible();
});
