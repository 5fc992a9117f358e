// A filing with a 新闻 pre-approval item passes through 待前置审批: the
// authority takes it up, approves the item with its 审批文号 and date, and
// the application reaches the 管局.
import { expect } from "@playwright/test";
import { test } from "./support";
import { awaitState, badge, decide, fileForCustomer, openFromList, signedIn } from "./review-helpers";

const SUBJECT = "成都武侯新闻示例有限公司";

test("a news site goes through 待前置审批 before the 管局", async ({ browser }) => {
  test.slow();
  const staff = await signedIn(browser, "staff", "Staff2026");
  const id = await fileForCustomer(staff, {
    province: "510000", city: "510100", county: "510107", cert: "91510100MA61DDDD4F",
    name: SUBJECT, certAddress: "四川省成都市武侯区武侯祠大街1号",
    mailAddress: "成都市武侯区武侯祠大街1号", person: "周九", personId: "51010719920315006X",
    office: "028-85558888", mobile: "13744445555", emergency: "13744446666",
  }, [{ name: "武侯新闻示例", domain: "wuhou-news.cn", ip: "121.40.6.10", news: true }]);
  await staff.goto(`/review/${id}`);
  await awaitState(staff, "待前置审批");

  const authority = await signedIn(browser, "preapproval", "Approve2026");
  // The list filters by type: not under 出版, under 新闻.
  await authority.goto("/work/preapproval?pre_approval=2");
  await expect(authority.locator(".queue .empty")).toBeVisible();
  await authority.locator("select[name=pre_approval]").selectOption({ label: "新闻" });
  await authority.getByRole("button", { name: "查询" }).click();
  await expect(authority).toHaveURL(/pre_approval=1/);
  await expect(authority.getByRole("link", { name: SUBJECT })).toBeVisible();
  await openFromList(authority, "前置审批", SUBJECT);
  await expect(authority.locator("#filing-detail")).toContainText("川新闻办-2026001号");
  await decide(authority, "受理前置审批");
  await expect(badge(authority)).toHaveText("前置审批");

  // Each item is decided on its own: 通过 needs the 审批文号 and date, which
  // the shared rules check before anything is sent.
  const items = authority.locator("#pre-approval-items");
  await expect(items).toContainText("新闻");
  await authority.locator("#item-approve-0").check();
  await expect(authority.locator("#item-no-0")).toHaveValue("川新闻办-2026001号");
  await authority.locator("#item-no-0").fill("");
  await authority.locator("#decide-items").click();
  await expect(authority.locator("#item-no-0-error")).toContainText("审批文号");
  await authority.locator("#item-no-0").fill("川新闻办-2026001号");
  await expect(authority.locator("#item-no-0-error")).toBeEmpty();
  await authority.locator("#item-date-0").fill("2026-12-01");
  await authority.locator("#decide-items").click();
  await authority.locator("#confirm-items").click();
  // The one item was the last: the application goes on to the 管局.
  await expect(badge(authority)).toHaveText("待管局审核");
  await expect(items).toContainText("川新闻办-2026001号 · 2026-12-01");

  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  await openFromList(bureau, "管局审核", SUBJECT);
  await expect(bureau.locator(".timeline")).toContainText("前置审批逐项决定");
  await expect(bureau.locator(".timeline")).toContainText("前置审批通过");
  await expect(bureau.locator("#filing-detail")).toContainText("2026-12-01 审批通过");
});
