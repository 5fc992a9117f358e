// Flow 3.1 (接入服务提供者代为备案), end to end: staff file for a customer
// with the 核验 done, the ministry passes it, the 管局 returns it to the
// provider, staff fix and resubmit, the 管局 approves; then a second filing
// of the same domain by another subject comes back 系统自动退回 (AR04).
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { errorOf, field } from "./filing-helpers";
import { awaitState, badge, decide, fileForCustomer, openFromList, returnWith, signedIn, verifyOnReview } from "./review-helpers";

test.describe.configure({ mode: "serial" });

const SUBJECT = "成都青羊代办示例有限公司";

test("flow 3.1: filed on the customer's behalf, returned by the 管局, fixed and approved", async ({ browser }) => {
  test.slow();
  const staff = await signedIn(browser, "staff", "Staff2026");
  const id = await fileForCustomer(staff, {
    province: "510000", city: "510100", county: "510105", cert: "91510100MA61BBBB9K",
    name: SUBJECT, certAddress: "四川省成都市青羊区人民中路1号",
    mailAddress: "成都市青羊区人民中路1号", person: "钱七", personId: "510107199001010034",
    office: "028-86660001", mobile: "13722223333", emergency: "13722224444",
  }, [
    { name: "青羊示例", domain: "qingyang-demo.cn", ip: "121.40.4.10" },
    { name: "青羊示例资讯", domain: "qingyang-info.cn", ip: "121.40.4.11" },
  ]);

  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  await bureau.goto(`/review/${id}`);
  await awaitState(bureau, "待管局审核");
  await returnWith(bureau, "退回接入服务提供者修改", "主体负责人办公电话无法接通，请核实", "主体负责人手机号码");
  await expect(badge(bureau)).toHaveText("退回接入服务提供者修改");

  // Staff see it in 退回处理, fix the flagged field and submit again.
  await openFromList(staff, "退回处理", SUBJECT);
  await expect(staff.locator("#return-reasons")).toContainText("主体负责人手机号码：主体负责人办公电话无法接通");
  await staff.getByRole("link", { name: "修改并重新提交" }).click();
  await hydrated(staff);
  await expect(errorOf(staff, "subject.principal.mobile")).toHaveText("主体负责人办公电话无法接通，请核实");
  await field(staff, "subject.principal.mobile").fill("13722225555");
  await field(staff, "subject.principal.email").focus();
  await expect(errorOf(staff, "subject.principal.mobile")).toBeEmpty();
  await staff.getByRole("link", { name: "3. 总结" }).or(staff.getByRole("button", { name: "3. 总结" })).click();
  await expect(staff).toHaveURL(/step=3$/);
  await staff.getByRole("button", { name: "提交" }).click();
  await expect(staff.locator("h1 .badge")).toHaveText(/未提交至部系统|待管局审核/);

  await awaitState(bureau, "待管局审核");
  await decide(bureau, "审核通过");
  await expect(badge(bureau)).toHaveText("审核通过");
  const subjectNumber = (await bureau.locator("#subject-number").textContent())!;
  expect(subjectNumber).toMatch(/^蜀ICP备\d{10}号$/);

  // Staff see the numbers but never the password.
  await staff.goto(`/review/${id}`);
  await hydrated(staff);
  await expect(staff.locator(".site-number")).toHaveText([`${subjectNumber}-1`, `${subjectNumber}-2`]);
  await expect(staff.getByRole("button", { name: "查看备案密码" })).toHaveCount(0);
});

test("a domain already filed by another subject comes back 系统自动退回 (AR04)", async ({ browser }) => {
  test.slow();
  const staff = await signedIn(browser, "staff", "Staff2026");
  const id = await fileForCustomer(staff, {
    province: "510000", city: "510100", county: "510106", cert: "91510100MA61CCCC1G",
    name: "成都金牛重复域名有限公司", certAddress: "四川省成都市金牛区一环路北段1号",
    mailAddress: "成都市金牛区一环路北段1号", person: "孙八", personId: "510107198511110049",
    office: "028-87770001", mobile: "13733334444", emergency: "13733335555",
  }, [{ name: "金牛示例", domain: "qingyang-demo.cn", ip: "121.40.5.10" }]);
  await staff.goto(`/review/${id}`);
  await awaitState(staff, "退回接入服务提供者修改");
  await expect(staff.locator("#return-reasons")).toContainText("[AR04]");
  await expect(staff.locator("#return-reasons")).toContainText("域名冲突：该域名已被其他主体备案");
  await expect(staff.locator(".timeline")).toContainText("系统自动退回");
});
