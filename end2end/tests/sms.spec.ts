// 短信核验 against run.sh's servers that run it: once the simulated
// ministry accepts a filing, its 负责人 gets a code by text (read here from
// the admin's 短信发件箱, the simulated phone) and confirms it on the public
// page /sms. Staff follow each person's status and re-send a code once. On
// the server with a one-minute window, a filing nobody confirms comes back
// to the provider, naming who did not confirm.
import { expect } from "@playwright/test";
import { hydrated, newContext, test } from "./support";
import { selfFiled, verified } from "./api-helpers";
import { awaitState, badge, latestCode, signedIn } from "./review-helpers";

test.describe("with the ministry's 24 hours", () => {
  test.use({ baseURL: process.env.SMS_BASE_URL });

  test("a 负责人 confirms by SMS after a re-send, and the filing reaches the 管局", async ({ browser }) => {
    test.slow();
    const filer = await signedIn(browser, "filer_org", "Filer2026");
    const staff = await signedIn(browser, "staff", "Staff2026");
    const admin = await signedIn(browser, "admin", "Admin2026");
    const mobile = "13755554001";
    const id = await selfFiled(filer, {
      subject: "成都短信核验示例有限公司", site: "短信示例", domain: "duanxin-demo.cn", ip: "121.40.9.70",
      cert: "91510100MA6CDWBK0N", personId: "510107198902020016", mobile,
    });
    await verified(staff, id);

    // Staff see the person's check waiting.
    await staff.goto(`/review/${id}`);
    await awaitState(staff, "待短信核验");
    const row = staff.locator("#sms-checks tbody tr");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("主体负责人 钱示例");
    await expect(row).toContainText("137****4001");
    await expect(row.locator(".sms-status")).toHaveText("待确认");

    // …and in their 备案进度 list.
    await staff.goto("/work/progress");
    await hydrated(staff);
    await expect(staff.locator(`tr[data-id="${id}"] .sms-summary`)).toHaveText("短信核验 已确认 0/1");
    await staff.goto(`/review/${id}`);
    await hydrated(staff);

    // The phone, with no login: a wrong code costs a try.
    const first = await latestCode(admin, mobile);
    const phone = await (await newContext(browser)).newPage();
    await phone.goto("/sms");
    await expect(phone.getByRole("heading", { level: 1 })).toHaveText("备案短信核验");
    await hydrated(phone);
    await phone.locator("#field-mobile").fill(mobile);
    await phone.locator("#field-code").fill(first === "000000" ? "111111" : "000000");
    await phone.locator("#field-cert_tail").fill("020016");
    await phone.getByRole("button", { name: "确认核验" }).click();
    await expect(phone.locator("#field-code-error")).toContainText("还可尝试 4 次");

    // Staff send a new code, once; the old one is then worthless.
    await staff.reload();
    await hydrated(staff);
    await expect(row.locator(".sms-tries")).toHaveText("1");
    await staff.locator("#sms-checks").getByRole("button", { name: "重新发送（限一次）" }).click();
    await expect(row).toContainText("已重新发送");
    await expect(staff.locator("#sms-checks").getByRole("button", { name: "重新发送（限一次）" })).toHaveCount(0);
    const second = await latestCode(admin, mobile);
    expect(second).not.toBe("");

    await phone.locator("#field-code").fill(second);
    await phone.getByRole("button", { name: "确认核验" }).click();
    await expect(phone.locator("#sms-confirmed")).toContainText("核验成功");

    // Everyone confirmed: on to the 管局, live on the staff's page.
    await expect(badge(staff)).toHaveText("待管局审核", { timeout: 15_000 });
    await expect(staff.locator(".timeline")).toContainText("转短信核验");
    await expect(staff.locator("#sms-checks .sms-status")).toHaveText("已确认");
  });
});

test.describe("with a one-minute window", () => {
  test.use({ baseURL: process.env.SMS_TIMEOUT_BASE_URL });

  test("a filing nobody confirms in time comes back to the provider", async ({ browser }) => {
    test.setTimeout(180_000);
    const filer = await signedIn(browser, "filer_org", "Filer2026");
    const staff = await signedIn(browser, "staff", "Staff2026");
    const id = await selfFiled(filer, {
      subject: "成都短信超时示例有限公司", site: "超时示例", domain: "chaoshi-demo.cn", ip: "121.40.9.71",
      cert: "91510100MA6CDWBH67", personId: "510107198704040024", mobile: "13755554002",
    });
    await verified(staff, id);
    await staff.goto(`/review/${id}`);
    await awaitState(staff, "待短信核验");

    // The page follows the application live: the deadline passes.
    await expect(badge(staff)).toHaveText("退回接入服务提供者修改", { timeout: 120_000 });
    await expect(staff.locator("#return-reasons")).toContainText(
      "短信核验超时：主体负责人 钱示例（137****4002）未在期限内确认",
    );
    await expect(staff.locator("#sms-checks .sms-status")).toHaveText("已超时");
  });
});
