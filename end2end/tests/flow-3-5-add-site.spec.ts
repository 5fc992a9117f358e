// 新增网站 as a change (自主变更): a filer adds a third site to an approved
// two-site record with its 备案密码; staff verify, the 管局 approves, and
// the new site gets -3 after -1 and -2.
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { approved } from "./api-helpers";
import { field, fillSite } from "./filing-helpers";
import { awaitState, badge, decide, signedIn, verifyOnReview } from "./review-helpers";

test("新增网站 via a change takes the next number, -3", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const record = await approved(filer, staff, bureau, {
    subject: "成都新增网站示例有限公司", site: "新增示例一", domain: "xinzeng-one.cn",
    ip: "121.40.9.50", cert: "91510100MA61NNNN8Y", personId: "510107198308080032",
    mobile: "13755553005", second: { site: "新增示例二", domain: "xinzeng-two.cn", ip: "121.40.9.51" },
  });

  await filer.goto("/change");
  await hydrated(filer);
  await filer.getByLabel("备案号").fill(record.subject);
  await filer.getByRole("button", { name: "开始搜索" }).click();
  await filer.locator(".records tbody tr").filter({ hasText: record.subject }).getByRole("link", { name: "申请变更" }).click();
  await filer.locator("#change-chooser").getByLabel("新增网站").check();
  await filer.locator("#start-change").click();
  await expect(filer).toHaveURL(/\/filings\/\d+\?step=2$/);
  await hydrated(filer);

  // The live sites stay as they are; a new one is added.
  await expect(filer.locator("#site-0").getByRole("button", { name: "删除" })).toHaveCount(0);
  await filer.getByRole("button", { name: "添加网站" }).click();
  await fillSite(filer, 2, "新增示例三", "xinzeng-three.cn", "121.40.9.52");
  await field(filer, "sites[2].content").getByLabel("单位门户网站").check();
  await filer.getByRole("button", { name: "保存并下一步" }).click();
  await expect(filer).toHaveURL(/step=3$/);
  await expect(filer.locator("#change-diff")).toContainText("新增示例三");
  await filer.locator("#f-password").fill(record.password);
  await filer.getByRole("button", { name: "提交" }).click();
  await expect(filer.locator("h1 .badge")).toHaveText("待接入者核实");
  const id = filer.url().match(/filings\/(\d+)/)![1];

  await staff.goto(`/review/${id}`);
  await hydrated(staff);
  await verifyOnReview(staff, "王备案");
  await bureau.goto(`/review/${id}`);
  await awaitState(bureau, "待管局审核");
  await decide(bureau, "审核通过");
  await expect(badge(bureau)).toHaveText("审核通过");
  await expect(bureau.locator(".site-number")).toContainText([`${record.subject}-1`, `${record.subject}-2`, `${record.subject}-3`]);
});
