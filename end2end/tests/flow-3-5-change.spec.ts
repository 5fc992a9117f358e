// Flow 3.5 (接入服务者进行变更): provider staff move an approved site to a
// new IP for their customer (变更接入信息). Only the access is open, the
// summary and the 管局's page show the old and the new, the 备案密码 is
// checked on submit (five wrong tries lock it), and once the 管局 approves
// the record carries the new IP. Staff change the subject's and the site's
// information the same way.
import { expect, Page } from "@playwright/test";
import { hydrated, test } from "./support";
import { approved, callForm } from "./api-helpers";
import { field, upload } from "./filing-helpers";
import { approvedByClicking, awaitState, badge, decide, signedIn } from "./review-helpers";

test("flow 3.5: staff change a site's access IP with the customer's 备案密码", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  // The customer's record, filed and approved by clicking.
  const record = await approvedByClicking(filer, staff, bureau, {
    subject: "成都变更示例有限公司", site: "变更示例", domain: "biangeng-demo.cn",
    ip: "121.40.9.42", cert: "91510100MA61LLLL6D", personId: "510107198805060016",
    mobile: "13755553003",
  });

  await hydrated(staff);
  await staff.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "备案信息变更" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("备案信息变更");
  await hydrated(staff);
  await staff.getByLabel("备案号").fill(record.subject);
  await staff.getByRole("button", { name: "开始搜索" }).click();
  await staff.locator(".records tbody tr").filter({ hasText: record.subject }).getByRole("link", { name: "申请变更" }).click();
  await staff.locator("#change-chooser").getByLabel("变更接入信息").check();
  await staff.locator("#start-change").click();
  await expect(staff).toHaveURL(/\/filings\/\d+\?step=2$/);
  await hydrated(staff);
  await expect(staff.locator("#change-kind")).toContainText("变更接入信息");

  // The site's own data is not part of this change; its access is.
  await staff.locator("#site-0").getByRole("button", { name: "修改" }).click();
  await expect(field(staff, "sites[0].name")).toBeDisabled();
  await expect(field(staff, "sites[0].domains[0]")).toBeDisabled();
  await expect(staff.getByRole("button", { name: "添加网站" })).toHaveCount(0);
  await field(staff, "sites[0].accesses[0].ips").fill("121.40.9.44");
  await staff.getByRole("button", { name: "保存并下一步" }).click();
  await expect(staff).toHaveURL(/step=3$/);
  const diff = staff.locator("#change-diff");
  await expect(diff.locator("del")).toContainText("121.40.9.42");
  await expect(diff.locator("ins")).toContainText("121.40.9.44");

  // 代为变更 is verified like any provider filing.
  await staff.locator("#f-verification-verifier").fill("王备案");
  await upload(staff, "verification.photo", "photo.png");
  await upload(staff, "verification.checklist", "checklist.png");
  await staff.getByRole("button", { name: "保存核验信息" }).click();
  await expect(staff.getByText("核验信息已保存")).toBeVisible();

  // A wrong 备案密码 is refused at its field; the right one submits.
  await staff.locator("#f-password").fill("WrongPass99");
  await staff.getByRole("button", { name: "提交" }).click();
  await expect(staff.locator("#f-password-error")).toContainText("备案密码错误");
  await staff.locator("#f-password").fill(record.password);
  await staff.getByRole("button", { name: "提交" }).click();
  await expect(staff.locator("h1 .badge")).toHaveText(/未提交至部系统|待管局审核/);
  const id = staff.url().match(/filings\/(\d+)/)![1];

  await bureau.goto(`/review/${id}`);
  await awaitState(bureau, "待管局审核");
  await expect(bureau.locator("#change-diff del")).toContainText("121.40.9.42");
  await expect(bureau.locator("#change-diff ins")).toContainText("121.40.9.44");
  await decide(bureau, "审核通过");
  await expect(badge(bureau)).toHaveText("审核通过");

  // The change's page shows every operation on the subject: the first
  // filing's approval is there beside the change's own timeline.
  await filer.goto(`/review/${id}`);
  await hydrated(filer);
  await expect(filer.locator("#subject-history")).toContainText("首次备案");
  await expect(filer.locator("#subject-history")).toContainText("审核通过");

  // 历史记录: the record's two approved versions, compared, from 备案信息查询.
  await filer.goto(`/records?number=${encodeURIComponent(record.subject)}`);
  await hydrated(filer);
  await filer.locator(".record-results tbody tr").first().getByRole("link", { name: "历史版本" }).click();
  await expect(filer).toHaveURL(/\/records\/versions\?number=/);
  await expect(filer.locator("#record-versions tbody tr")).toHaveCount(2);
  await expect(filer.locator("#version-diff h2")).toHaveText("版本 1 → 版本 2");
  await expect(filer.locator("#version-diff del")).toContainText("121.40.9.42");
  await expect(filer.locator("#version-diff ins")).toContainText("121.40.9.44");
  // Any two, either way round, through the form.
  await filer.locator("#version-from").selectOption("2");
  await filer.locator("#version-to").selectOption("1");
  await filer.locator("#versions-compare").getByRole("button", { name: "对比" }).click();
  await expect(filer.locator("#version-diff h2")).toHaveText("版本 2 → 版本 1");
  await expect(filer.locator("#version-diff del")).toContainText("121.40.9.44");

  // The live record now has the new IP: a new change starts from it.
  await staff.goto(`/change?number=${encodeURIComponent(record.subject)}`);
  await hydrated(staff);
  await staff.locator(".records tbody tr").filter({ hasText: record.subject }).getByRole("link", { name: "申请变更" }).click();
  await staff.locator("#change-chooser").getByLabel("变更接入信息").check();
  await staff.locator("#start-change").click();
  await expect(staff).toHaveURL(/\/filings\/\d+\?step=2$/);
  await hydrated(staff);
  await staff.locator("#site-0").getByRole("button", { name: "修改" }).click();
  await expect(field(staff, "sites[0].accesses[0].ips")).toHaveValue(/^121\.40\.9\.44/);
});

test("five wrong 备案密码 lock it, and then even the right one is refused", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const record = await approved(filer, staff, bureau, {
    subject: "成都锁定示例有限公司", site: "锁定示例", domain: "suoding-demo.cn",
    ip: "121.40.9.45", cert: "91510100MA61MMMM76", personId: "510107198507070021",
    mobile: "13755553004",
  });
  // The filer changes the subject's mailing address (自主变更).
  const id: number = await callForm(filer, "change/start", { subject_number: record.subject, kind: "Subject" });
  await filer.goto(`/filings/${id}?step=1`);
  await hydrated(filer);
  await expect(field(filer, "subject.cert_number")).toBeDisabled();
  await field(filer, "subject.mail_address").fill("成都市锦江区东大街2号");
  await filer.getByRole("button", { name: "3. 总结" }).click();
  await expect(filer).toHaveURL(/step=3$/);
  for (let i = 1; i <= 4; i++) {
    await filer.locator("#f-password").fill(`WrongPass${i}`);
    await filer.getByRole("button", { name: "提交" }).click();
    await expect(filer.locator("#f-password-error")).toContainText(`还可尝试 ${5 - i} 次`);
  }
  await filer.locator("#f-password").fill("WrongPass5");
  await filer.getByRole("button", { name: "提交" }).click();
  await expect(filer.locator("#f-password-error")).toContainText("已锁定");
  await filer.locator("#f-password").fill(record.password);
  await filer.getByRole("button", { name: "提交" }).click();
  await expect(filer.locator("#f-password-error")).toContainText("已锁定");
  await expect(filer.locator("h1 .badge")).toHaveText("未提交（已保存）");
});

/** Staff, on a change's 总结: the 核验, the customer's 备案密码, 提交; then
 * the 管局 approves it. */
async function verifiedAndApproved(staff: Page, bureau: Page, password: string) {
  await staff.locator("#f-verification-verifier").fill("王备案");
  await upload(staff, "verification.photo", "photo.png");
  await upload(staff, "verification.checklist", "checklist.png");
  await staff.getByRole("button", { name: "保存核验信息" }).click();
  await expect(staff.getByText("核验信息已保存")).toBeVisible();
  await staff.locator("#f-password").fill(password);
  await staff.getByRole("button", { name: "提交" }).click();
  await expect(staff.locator("h1 .badge")).toHaveText(/未提交至部系统|待管局审核/);
  const id = staff.url().match(/filings\/(\d+)/)![1];
  await bureau.goto(`/review/${id}`);
  await awaitState(bureau, "待管局审核");
  await decide(bureau, "审核通过");
  await expect(badge(bureau)).toHaveText("审核通过");
}

/** Staff open 备案信息变更 for `subject` and start a change of `kind`. */
async function startChange(staff: Page, subject: string, kind: string) {
  await staff.goto(`/change?number=${encodeURIComponent(subject)}`);
  await hydrated(staff);
  await staff.locator(".records tbody tr").filter({ hasText: subject }).getByRole("link", { name: "申请变更" }).click();
  await staff.locator("#change-chooser").getByLabel(kind).check();
  await staff.locator("#start-change").click();
  await expect(staff).toHaveURL(/\/filings\/\d+\?step=\d$/);
  await hydrated(staff);
  await expect(staff.locator("#change-kind")).toContainText(kind);
}

test("flow 3.5: staff change the subject's and then the site's information through approval", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const record = await approved(filer, staff, bureau, {
    subject: "成都代为变更示例有限公司", site: "代为变更示例", domain: "daiwei-biangeng.cn",
    ip: "121.40.9.46", cert: "91510100MA6CDWBH67", personId: "510107198902020016",
    mobile: "13755553016",
  });

  // 变更主体信息: the subject's mailing address; its certificate is fixed.
  await startChange(staff, record.subject, "变更主体信息");
  await staff.goto(staff.url().replace(/step=\d$/, "step=1"));
  await hydrated(staff);
  await expect(field(staff, "subject.cert_number")).toBeDisabled();
  await field(staff, "subject.mail_address").fill("成都市锦江区东大街8号");
  await staff.getByRole("button", { name: "保存并下一步" }).click();
  await expect(staff).toHaveURL(/step=2$/);
  await staff.getByRole("button", { name: "保存并下一步" }).click();
  await expect(staff).toHaveURL(/step=3$/);
  await expect(staff.locator("#change-diff ins")).toContainText("成都市锦江区东大街8号");
  await verifiedAndApproved(staff, bureau, record.password);

  // 变更网站信息: the site's name; its domains and accesses stay.
  await startChange(staff, record.subject, "变更网站信息");
  await staff.goto(staff.url().replace(/step=\d$/, "step=2"));
  await hydrated(staff);
  await staff.locator("#site-0").getByRole("button", { name: "修改" }).click();
  await expect(field(staff, "sites[0].domains[0]")).toBeDisabled();
  await field(staff, "sites[0].name").fill("代为变更示例新站");
  await staff.getByRole("button", { name: "保存并下一步" }).click();
  await expect(staff).toHaveURL(/step=3$/);
  await expect(staff.locator("#change-diff ins")).toContainText("代为变更示例新站");
  await verifiedAndApproved(staff, bureau, record.password);

  // The live record carries both: three versions, each change its own.
  await filer.goto(`/records/versions?number=${encodeURIComponent(record.subject)}`);
  await hydrated(filer);
  await expect(filer.locator("#record-versions tbody tr")).toHaveCount(3);
  await expect(filer.locator("#version-diff h2")).toHaveText("版本 2 → 版本 3");
  await expect(filer.locator("#version-diff ins")).toContainText(["代为变更示例新站"]);
  await filer.locator("#version-from").selectOption("1");
  await filer.locator("#version-to").selectOption("2");
  await filer.locator("#versions-compare").getByRole("button", { name: "对比" }).click();
  await expect(filer.locator("#version-diff ins")).toContainText(["成都市锦江区东大街8号"]);
});
