// 转入 between two access providers, on run.sh's server that serves two
// (TRANSFER_BASE_URL): the demo's, and 示例网络有限公司 with its staff
// account staff_y. A site filed through the first is filed again through
// the second with 转入 ticked; the wizard asks for the 备案密码, the second
// provider's staff verify, the 管局 approves, and from then on the second
// provider serves the site alone: the first no longer finds it in 备案信息查询.
import { expect, Page } from "@playwright/test";
import { hydrated, test } from "./support";
import { approved, savedDraft, verified, approvedById } from "./api-helpers";
import { field } from "./filing-helpers";
import { badge, signedIn } from "./review-helpers";

test.use({ baseURL: process.env.TRANSFER_BASE_URL });

/** What staff find in 备案信息查询 for `domain`: the table, or its empty state. */
async function searchDomain(staff: Page, domain: string) {
  await staff.goto(`/records?domain=${domain}`);
  await hydrated(staff);
  return staff.locator(".record-results, #records-empty").first();
}

test("转入 moves a site from one provider to another, which alone serves it after approval", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staffX = await signedIn(browser, "staff", "Staff2026");
  const staffY = await signedIn(browser, "staff_y", "StaffY2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const applicant = {
    subject: "成都迁移示例有限公司", site: "迁移示例", domain: "qianyi-demo.cn",
    ip: "121.40.9.95", cert: "91510100MA6YRJ9X1U", personId: "510107199309090106",
    mobile: "13755553096",
  };
  const record = await approved(filer, staffX, bureau, applicant);
  await expect(await searchDomain(staffX, applicant.domain)).toContainText(`${record.subject}-1`);
  await expect(await searchDomain(staffY, applicant.domain)).toHaveText("没有符合条件的已备案网站。");

  // The filer files the same site through 示例网络有限公司 (provider 2, at
  // its own address), opens it in the wizard and ticks 转入.
  const { id } = await savedDraft(filer, { ...applicant, ip: "123.56.1.10" }, 2);
  await filer.goto(`/filings/${id}?step=2`);
  await hydrated(filer);
  await filer.locator("#site-0").getByRole("button", { name: "修改" }).click();
  await expect(field(filer, "sites[0].accesses[0].ips")).toHaveValue("123.56.1.10-123.56.1.10");
  await filer.locator("#f-sites-0-transfer_in").getByRole("checkbox").check();
  await filer.getByRole("button", { name: "保存并下一步" }).click();
  await expect(filer).toHaveURL(/step=3$/);

  // The site is served elsewhere: the 备案密码 proves the filer holds it.
  await filer.getByRole("button", { name: "提交" }).click();
  const password = filer.locator("#f-password");
  await expect(password).toBeVisible();
  await password.fill(record.password);
  await filer.getByRole("button", { name: "提交" }).click();
  await expect(badge(filer)).toHaveText("待接入者核实");

  // 示例网络有限公司's staff verify it; the 管局 approves.
  await verified(staffY, id);
  await approvedById(bureau, id);

  // From now on the second provider serves the site, and only it.
  await expect(await searchDomain(staffY, applicant.domain)).toContainText(`${record.subject}-1`);
  await expect(await searchDomain(staffX, applicant.domain)).toHaveText("没有符合条件的已备案网站。");
  await filer.goto(`/review/${id}`);
  await hydrated(filer);
  await expect(badge(filer)).toHaveText("审核通过");
  await expect(filer.locator("main")).toContainText("转入");
});
