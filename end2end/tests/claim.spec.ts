// 备案认领: a subject filed under one account is claimed into another with
// its 主体备案号 and 备案密码, by clicking. A wrong password is refused at
// its field with the number kept; the claim goes to 待接入者核实, staff
// verify it, the 管局 approves, and the record is the new account's: it
// finds it in 备案信息查询, and the previous account is told.
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { approved, call } from "./api-helpers";
import { badge, newFiler, signedIn } from "./review-helpers";

test("a filer claims a subject with its filing password, through the provider and the bureau", async ({ browser }) => {
  test.slow();
  const owner = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const record = await approved(owner, staff, bureau, {
    subject: "成都认领示例有限公司", site: "认领示例", domain: "renling-demo.cn",
    ip: "121.40.9.88", cert: "91510100MA6YRN4R5L", personId: "510107199309090069",
    mobile: "13755553088",
  });
  const username = await newFiler(browser, "Claim2026x", "周认领");
  const claimant = await signedIn(browser, username, "Claim2026x");

  await claimant.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "备案认领" }).click();
  await expect(claimant.getByRole("heading", { level: 1 })).toHaveText("备案认领");
  await hydrated(claimant);
  await claimant.getByLabel("主体备案号").fill(record.subject);
  await claimant.getByLabel("备案密码").fill("not-the-password");
  await claimant.locator("#submit-claim").click();
  await expect(claimant.locator("#field-password-error")).toContainText("备案密码错误");
  await expect(claimant.getByLabel("主体备案号")).toHaveValue(record.subject);
  await claimant.getByLabel("备案密码").fill(record.password);
  await claimant.locator("#submit-claim").click();
  await expect(claimant).toHaveURL(/\/review\/\d+$/);
  await hydrated(claimant);
  await expect(badge(claimant)).toHaveText("待接入者核实");
  const id = Number(new URL(claimant.url()).pathname.split("/").pop());

  // Staff verify it (a claim files nothing new: no 核验 photos); the 管局 approves.
  await staff.goto(`/review/${id}`);
  await hydrated(staff);
  await staff.locator("#decision").getByRole("button", { name: "核验通过并提交省局", exact: true }).click();
  await staff.locator("#confirm-action").click();
  await expect(badge(staff)).toHaveText(/未提交至部系统|待管局审核/);
  await expect(async () => {
    const view = await call(bureau, "review/detail", { id });
    expect(view.state).toBe("PendingBureauReview");
  }).toPass({ timeout: 30_000 });
  await bureau.goto(`/review/${id}`);
  await hydrated(bureau);
  await bureau.locator("#decision").getByRole("button", { name: "审核通过", exact: true }).click();
  await bureau.locator("#confirm-action").click();
  await expect(badge(bureau)).toHaveText("审核通过");

  // The record is the claimant's now; the previous account was told.
  await claimant.goto(`/records?number=${encodeURIComponent(record.subject)}`);
  await hydrated(claimant);
  await expect(claimant.locator(".record-results tbody tr").first()).toContainText(`${record.subject}-1`);
  await owner.goto("/notifications");
  await expect(owner.locator(".notifications")).toContainText(`您的主体 ${record.subject}（成都认领示例有限公司）已由认领申请 #${id} 转入其他账号`);
});
