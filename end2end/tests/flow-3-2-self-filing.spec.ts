// Flow 3.2 (网站主办者自主备案), end to end: the filer files, staff return
// it with a reason pinned to a field, the filer fixes and resubmits, staff
// verify, the simulated ministry passes it, the 管局 approves, and the
// filer sees the numbers and the one-time 备案密码. Run twice: the filer on
// a desktop, and on a 390 × 844 touch phone, where the menu hides behind
// its button.
import { BrowserContextOptions, expect } from "@playwright/test";
import { hydrated, noteSecret, test } from "./support";
import { errorOf, field, fillSite, fillSubject, openNewFiling } from "./filing-helpers";
import {
  awaitState, badge, decide, openFromList, openMenu, returnWith, signedIn, verifyOnReview,
} from "./review-helpers";

/** One run's device and data. Fixed certificates and domains: each run of
 * the suite starts from a fresh database. */
interface Run {
  device: string;
  context: BrowserContextOptions;
  subject: string; cert: string; personId: string; mobile: string; emergency: string;
  sites: [string, string, string][];
  fixed: string;
}

const RUNS: Run[] = [
  {
    device: "on a desktop", context: {},
    subject: "成都锦江示例网络有限公司", cert: "91510100MA61AAAA6L", personId: "510107198805121237",
    mobile: "13711112222", emergency: "13711113333",
    sites: [["锦江示例", "jinjiang-demo.cn", "121.40.3.10"], ["锦江示例商城", "jinjiang-shop.cn", "121.40.3.11"]],
    fixed: "锦江示例网店",
  },
  {
    device: "on a 390 × 844 touch phone",
    context: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
    subject: "成都蓉城掌阅网络有限公司", cert: "91510100MA6CDWC38L", personId: "510107198805121245",
    mobile: "13711114444", emergency: "13711115555",
    sites: [["蓉城掌阅", "zhangyue-demo.cn", "121.40.3.20"], ["蓉城掌阅商城", "zhangyue-shop.cn", "121.40.3.21"]],
    fixed: "蓉城掌阅网店",
  },
];

for (const run of RUNS) test(`flow 3.2 ${run.device}: self-filing, a pinned return, verification, approval and the 备案号`, async ({ browser }) => {
  test.slow();
  const SUBJECT = run.subject;
  const [[name0, domain0, ip0], [name1, domain1, ip1]] = run.sites;
  const filer = await signedIn(browser, "filer_org", "Filer2026", run.context);
  await openNewFiling(filer);
  await filer.getByRole("button", { name: "新建备案" }).click();
  await expect(filer).toHaveURL(/\/filings\/\d+\?step=1$/);
  await hydrated(filer);
  await fillSubject(filer, {
    province: "510000", city: "510100", county: "510104", cert: run.cert,
    name: SUBJECT, certAddress: "四川省成都市锦江区红星路1号",
    mailAddress: "成都市锦江区红星路1号", person: "赵六", personId: run.personId,
    office: "028-85550001", mobile: run.mobile, emergency: run.emergency,
  });
  await filer.getByRole("button", { name: "保存并下一步" }).click();
  await expect(filer).toHaveURL(/step=2$/);
  await filer.getByRole("button", { name: "添加网站" }).click();
  await expect(filer.locator("#access-provider-0-0")).toContainText("示例云计算有限公司");
  await fillSite(filer, 0, name0, domain0, ip0);
  await field(filer, "sites[0].content").getByLabel("单位门户网站").check();
  await filer.getByRole("button", { name: "添加网站" }).click();
  await fillSite(filer, 1, name1, domain1, ip1);
  await field(filer, "sites[1].content").getByLabel("单位门户网站").check();
  await filer.getByRole("button", { name: "保存并下一步" }).click();
  await expect(filer).toHaveURL(/step=3$/);
  // 总结 shows the whole filing before 提交, as the reviewers will see it.
  const summary = filer.locator("#filing-detail");
  for (const text of [
    run.personId, run.emergency, "principal@example.com", "四川省成都市锦江区红星路1号",
    `www.${domain0}`, `www.${domain1}`, ip0, ip1, "单位门户网站",
  ]) {
    await expect(summary).toContainText(text);
  }
  // Each access names its 接入服务提供者, as 添加接入 showed it.
  await expect(summary.locator(".access-provider")).toHaveText(["示例云计算有限公司", "示例云计算有限公司"]);
  await filer.getByRole("button", { name: "提交" }).click();
  await expect(filer.locator("h1 .badge")).toHaveText("待接入者核实");
  const id = filer.url().match(/filings\/(\d+)/)![1];

  // Staff find it in 待接入者核实 and return it with a pinned reason.
  const staff = await signedIn(browser, "staff", "Staff2026");
  await openFromList(staff, "待接入者核实", SUBJECT);
  await expect(staff.locator("#filing-detail")).toContainText(domain1);
  await expect(staff.getByRole("link", { name: "licence.png" })).toBeVisible();
  // Image scans show beside the data they prove.
  await expect(staff.getByAltText("licence.png（预览）")).toHaveAttribute("src", /^\/documents\/\d+$/);
  // A return without a reason is refused in the browser.
  await staff.locator("#decision").getByRole("button", { name: "退回主办者修改", exact: true }).click();
  await expect(staff.locator("#reason-error")).toHaveText("退回时必须填写退回原因");
  await returnWith(staff, "退回主办者修改", "网站名称与网站内容不符，请修改", "网站2 网站名称");
  await expect(badge(staff)).toHaveText("退回主办者修改");

  // The filer sees it in 退回处理, with its 阶段 and 未通过原因 in the
  // row, opens it with 详细, and sees the reason at the field.
  await filer.goto("/filer");
  await hydrated(filer);
  await openMenu(filer);
  await filer.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "退回处理" }).click();
  const returnedRow = filer.locator("tbody tr", { hasText: SUBJECT });
  await expect(returnedRow.locator(".phase")).toHaveText("报备阶段");
  await expect(returnedRow.locator(".return-reason")).toContainText("网站名称与网站内容不符，请修改");
  await returnedRow.getByRole("link", { name: "详细" }).click();
  await expect(filer).toHaveURL(new RegExp(`/review/${id}$`));
  await hydrated(filer);
  await expect(filer.locator("#return-reasons")).toContainText("网站2 网站名称：网站名称与网站内容不符，请修改");
  await filer.getByRole("link", { name: "修改并重新提交" }).click();
  await hydrated(filer);
  await expect(filer.locator("#return-reasons")).toContainText("网站名称与网站内容不符");
  await filer.getByRole("button", { name: "保存并下一步" }).click();
  await expect(filer).toHaveURL(/step=2$/);
  await filer.locator("#site-1").getByRole("button", { name: "修改" }).click();
  await expect(errorOf(filer, "sites[1].name")).toHaveText("网站名称与网站内容不符，请修改");
  await field(filer, "sites[1].name").fill(run.fixed);
  await field(filer, "sites[1].home_url").focus();
  await expect(errorOf(filer, "sites[1].name")).toBeEmpty();
  await filer.getByRole("button", { name: "保存并下一步" }).click();
  await expect(filer).toHaveURL(/step=3$/);
  await filer.getByRole("button", { name: "提交" }).click();
  await expect(filer.locator("h1 .badge")).toHaveText("待接入者核实");

  // Staff verify (photo and 核验单); the ministry passes it to the 管局.
  await staff.goto(`/review/${id}`);
  await hydrated(staff);
  await verifyOnReview(staff, "王备案");
  await awaitState(staff, "待管局审核");

  // The filer follows it on its page, which the approval updates live.
  await filer.goto(`/review/${id}`);
  await hydrated(filer);
  await expect(filer.locator("#review-phase")).toHaveText("报备阶段");

  // The 管局 approves.
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  await openFromList(bureau, "管局审核", SUBJECT);
  await expect(bureau.locator(".meta")).toContainText("时限 20 个工作日");
  const changes = bureau.locator("#changes-since-return");
  await expect(changes).toContainText("网站2 网站名称");
  await expect(changes.locator("ins").filter({ hasText: run.fixed })).toBeVisible();
  await decide(bureau, "审核通过");
  await expect(badge(bureau)).toHaveText("审核通过");
  await expect(badge(filer)).toHaveText("审核通过", { timeout: 15_000 });
  await expect(filer.locator("#review-phase")).toHaveText("审核通过阶段");

  // The filer follows progress and sees the numbers and, once, the password.
  await filer.goto("/filer");
  await openFromList(filer, "备案进度查询", SUBJECT);
  await expect(badge(filer)).toHaveText("审核通过");
  const subjectNumber = (await filer.locator("#subject-number").textContent())!;
  expect(subjectNumber).toMatch(/^蜀ICP备\d{10}号$/);
  await expect(filer.locator(".site-number")).toHaveText([`${subjectNumber}-1`, `${subjectNumber}-2`]);
  await filer.getByRole("button", { name: "查看备案密码" }).click();
  await expect(filer.locator("#filing-password")).toHaveText(/^[A-Za-z0-9]{10}$/);
  noteSecret((await filer.locator("#filing-password").textContent())!);
  await filer.reload();
  await hydrated(filer);
  await filer.getByRole("button", { name: "查看备案密码" }).click();
  await expect(filer.locator("#password-gone")).toBeVisible();
  await expect(filer.locator(".timeline")).toContainText("退回主办者修改");
  await expect(filer.locator(".timeline")).toContainText("审核通过");

  // 历史记录查询: the resubmission's 详细 shows exactly the fixed field,
  // and the return's shows the reason at its field.
  await filer.goto(`/history?subject=${encodeURIComponent(SUBJECT)}&action=SUBMIT`);
  await hydrated(filer);
  const submits = filer.locator(".history-results tbody tr");
  await expect(submits).toHaveCount(2);
  await submits.nth(0).getByRole("link", { name: "详细" }).click();
  await expect(filer).toHaveURL(/\/history\/\d+$/);
  await expect(filer.locator("#operation-states")).toHaveText("退回主办者修改 → 待接入者核实");
  const diff = filer.locator("#operation-changes tbody tr");
  await expect(diff).toHaveCount(1);
  await expect(diff.nth(0)).toContainText("网站2 网站名称");
  await expect(diff.nth(0).locator("del")).toHaveText(name1);
  await expect(diff.nth(0).locator("ins")).toHaveText(run.fixed);
  await filer.goto(`/history?subject=${encodeURIComponent(SUBJECT)}&action=RETURN_TO_SPONSOR`);
  await hydrated(filer);
  await filer.locator(".history-results tbody tr").nth(0).getByRole("link", { name: "详细" }).click();
  await expect(filer.locator("#operation-reasons")).toContainText("网站2 网站名称：网站名称与网站内容不符，请修改");
  await expect(filer.locator("#operation-changes")).toHaveText("此操作未修改备案信息。");
});
