// A review page open while someone else changes the application: a page
// with a decision panel does not reload under its reader (a reason typed
// there would be lost); it says the application changed, and 刷新 shows
// the new state.
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { selfFiled } from "./api-helpers";
import { badge, returnWith, signedIn } from "./review-helpers";

test("a review page with a decision panel keeps its typed reason and offers 刷新", async ({ browser }) => {
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const id = await selfFiled(filer, {
    subject: "成都实时示例有限公司", site: "实时示例", domain: "shishi-demo.cn",
    ip: "121.40.9.32", cert: "91510100MA61HHKK4K", personId: "510107199109230039",
    mobile: "13755552003",
  });

  // Two staff tabs on the same application.
  const first = await signedIn(browser, "staff", "Staff2026");
  await first.goto(`/review/${id}`);
  await hydrated(first);
  await expect(badge(first)).toHaveText("待接入者核实");
  const typed = "这段原因还没有提交";
  await first.locator("#reason-text-0").fill(typed);

  const second = await signedIn(browser, "staff", "Staff2026");
  await second.goto(`/review/${id}`);
  await hydrated(second);
  await returnWith(second, "退回主办者修改", "证件扫描件不清晰");
  await expect(badge(second)).toHaveText("退回主办者修改");

  // The first tab is told, and loses nothing.
  const notice = first.locator("#review-updated");
  await expect(notice).toContainText("该申请已被更新，当前状态：退回主办者修改");
  await expect(first.locator("#reason-text-0")).toHaveValue(typed);
  await expect(badge(first)).toHaveText("待接入者核实");
  await notice.getByRole("button", { name: "刷新" }).click();
  await expect(badge(first)).toHaveText("退回主办者修改");
  await expect(notice).toHaveCount(0);
});
