// A website and an Android app in one filing, by clicking, on the server
// that runs 短信核验: the filer fills both services in step 2 (服务信息),
// the app's package is checked as it is typed, staff verify, the 负责人
// confirms by SMS, the 管局 approves, and the filer reads the numbers from
// one serial: -1 for the website, -2A for the app. The public then finds
// the app by its package.
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { errorOf, field, fillSite, fillSubject, startSelfFiling, upload } from "./filing-helpers";
import { awaitState, badge, confirmSms, decide, latestCode, signedIn, verifyOnReview } from "./review-helpers";

test.use({ baseURL: process.env.SMS_BASE_URL });

test("a website and an Android app filed together are numbered -1 and -2A", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const admin = await signedIn(browser, "admin", "Admin2026");
  const mobile = "13755554003";

  await startSelfFiling(filer);
  await fillSubject(filer, {
    province: "510000", city: "510100", county: "510104", cert: "91510100MA6CDWA19A",
    name: "成都应用备案示例有限公司", certAddress: "四川省成都市锦江区东大街9号",
    mailAddress: "成都市锦江区东大街9号", person: "钱示例", personId: "510107198505050035",
    office: "028-85556600", mobile, emergency: "13755559999",
  });
  await filer.getByRole("button", { name: "保存并下一步" }).click();
  await expect(filer).toHaveURL(/step=2$/);
  await expect(filer.getByRole("heading", { level: 2, name: "服务信息" })).toBeVisible();

  // The website.
  await filer.getByRole("button", { name: "添加网站" }).click();
  await fillSite(filer, 0, "应用示例官网", "yingyong-demo.cn", "121.40.9.72");
  await field(filer, "sites[0].content").getByLabel("单位门户网站").check();

  // The app: its own fields, checked as they are typed.
  await filer.getByRole("button", { name: "添加APP" }).click();
  await expect(filer.locator("#site-1 h3")).toContainText("APP 2");
  await field(filer, "sites[1].name").fill("应用示例助手");
  await upload(filer, "sites[1].app.icon", "icon.png");
  await expect(field(filer, "sites[1].app.platforms[0].platform")).toHaveValue("ANDROID");
  await field(filer, "sites[1].app.platforms[0].package").fill("com.1yingyong");
  await field(filer, "sites[1].app.platforms[0].package").blur();
  await expect(errorOf(filer, "sites[1].app.platforms[0].package")).toContainText("包名格式不正确");
  await field(filer, "sites[1].app.platforms[0].package").fill("com.yingyong.demo");
  await expect(errorOf(filer, "sites[1].app.platforms[0].package")).toBeEmpty();
  await field(filer, "sites[1].app.platforms[0].public_key").fill("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAyingyong");
  await field(filer, "sites[1].app.platforms[0].fingerprint").fill("A1:B2:C3:D4:E5:F6:07:18:29:3A:4B:5C:6D:7E:8F:90");
  await field(filer, "sites[1].app.domains[0]").fill("api.yingyong-demo.cn");
  await field(filer, "sites[1].content").getByLabel("APP", { exact: true }).check();
  await field(filer, "sites[1].accesses[0].ips").fill("121.40.9.72");
  await field(filer, "sites[1].accesses[0].modes").getByLabel("云接入").check();

  await filer.getByRole("button", { name: "保存并下一步" }).click();
  await expect(filer).toHaveURL(/step=3$/);
  await filer.getByRole("button", { name: "提交" }).click();
  await expect(badge(filer)).toHaveText("待接入者核实");
  const id = filer.url().match(/filings\/(\d+)/)![1];

  // Staff see both services, verify, and the ministry texts the 负责人.
  await staff.goto(`/review/${id}`);
  await hydrated(staff);
  await expect(staff.locator("#detail-site-1 h2")).toHaveText("APP2：应用示例助手");
  await expect(staff.locator("#detail-site-1 .app-package")).toHaveText("com.yingyong.demo");
  await verifyOnReview(staff, "王核验");
  await awaitState(staff, "待短信核验");
  await confirmSms(browser, await latestCode(admin, mobile), mobile, "050035");

  await bureau.goto(`/review/${id}`);
  await awaitState(bureau, "待管局审核");
  await decide(bureau, "审核通过");
  await expect(badge(bureau)).toHaveText("审核通过");

  // One serial, each kind with its letter.
  await filer.goto(`/review/${id}`);
  await hydrated(filer);
  const subject = (await filer.locator("#subject-number").textContent())!;
  const numbers = filer.locator("#approval li");
  await expect(numbers).toHaveText([`网站备案号：${subject}-1`, `APP备案号：${subject}-2A`]);

  // The public finds the app by its package.
  await filer.goto("/query?by=app&q=com.yingyong.demo");
  const row = filer.locator(".lookup-results tbody tr");
  await expect(row).toHaveCount(1);
  await expect(row.locator(".service-kind")).toHaveText("APP");
  await expect(row).toContainText(`${subject}-2A`);
});
