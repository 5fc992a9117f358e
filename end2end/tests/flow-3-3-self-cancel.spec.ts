// Flow 3.3 (网站主办者自行注销): a filer cancels a whole 主体 with its
// 备案密码 after reading the warnings; staff verify, the 管局 approves, and
// the subject with its site and access is gone from the live records and
// from the public lookup. The record itself is filed, verified and
// approved by clicking first, as flow 3.2 does.
import { expect } from "@playwright/test";
import { hydrated, newContext, test } from "./support";
import { call } from "./api-helpers";
import { approvedByClicking, badge, signedIn } from "./review-helpers";

test("flow 3.3: a filer cancels the whole subject with its 备案密码", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const record = await approvedByClicking(filer, staff, bureau, {
    subject: "成都注销示例有限公司", site: "注销示例", domain: "zhuxiao-demo.cn",
    ip: "121.40.9.40", cert: "91510100MA61JJJJ4U", personId: "510107198612250016",
    mobile: "13755553001",
  });

  // A visitor with no login finds the live site by its domain.
  const visitor = await (await newContext(browser)).newPage();
  await visitor.goto("/");
  await visitor.getByRole("link", { name: "备案信息公共查询" }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("备案信息公共查询");
  await hydrated(visitor);
  await visitor.getByLabel("查询内容").fill("www.zhuxiao-demo.cn");
  await visitor.getByRole("button", { name: "查询", exact: true }).click();
  await expect(visitor.locator(".lookup-results tbody tr")).toContainText(`${record.subject}-1`);

  // The filer finds the record by its number.
  await filer.goto("/cancel");
  await hydrated(filer);
  await filer.getByLabel("备案号").fill(record.subject);
  await filer.getByRole("button", { name: "开始搜索" }).click();
  const row = filer.locator(".records tbody tr").filter({ hasText: record.subject });
  await expect(row).toContainText("成都注销示例有限公司");
  await row.getByRole("link", { name: "注销申请" }).click();
  const form = filer.locator("#cancel-form");
  // Nothing ticked: refused at the field, in the browser.
  await form.locator("#submit-cancel").click();
  await expect(filer.locator("#cancel-targets-error")).toHaveText("请勾选要注销的主体、网站或接入");
  // The only site: the subject would be left empty (空壳主体).
  await form.locator("#cancel-site-0").check();
  await expect(filer.locator("#cancel-warnings")).toContainText("空壳主体");
  await form.locator("#cancel-site-0").uncheck();
  // The subject: its sites go with it, and the 备案密码 is needed.
  await form.locator("#cancel-subject").check();
  await expect(form.locator("#cancel-site-0")).toBeDisabled();
  await expect(filer.locator("#cancel-warnings")).toContainText("不能恢复");
  await form.locator("#cancel-reason").selectOption({ label: "主办单位已注销或被吊销" });
  await form.locator("#cancel-explanation").fill("公司已注销，申请注销主体及全部网站");
  await form.locator("#submit-cancel").click();
  await expect(filer.locator("#cancel-password-error")).toHaveText("注销主体需要输入备案密码");
  await form.getByLabel("备案密码").fill("WrongPass99");
  await form.locator("#submit-cancel").click();
  await form.locator("#confirm-cancel").click();
  await expect(filer.locator("#cancel-password-error")).toContainText("备案密码错误");
  await form.getByLabel("备案密码").fill(record.password);
  await form.locator("#submit-cancel").click();
  await form.locator("#confirm-cancel").click();
  await expect(filer).toHaveURL(/\/review\/\d+$/);
  await hydrated(filer);
  await expect(badge(filer)).toHaveText("待接入者核实");
  await expect(filer.locator("#cancellation")).toContainText("注销主体");
  const cancelId = Number(new URL(filer.url()).pathname.split("/").pop());

  // Staff verify it (no 核验 photos for a cancellation); the 管局 approves.
  await staff.goto(`/review/${cancelId}`);
  await hydrated(staff);
  await staff.locator("#decision").getByRole("button", { name: "核验通过并提交省局", exact: true }).click();
  await staff.locator("#confirm-action").click();
  await expect(badge(staff)).toHaveText(/未提交至部系统|待管局审核/);
  await expect(async () => {
    const view = await call(bureau, "review/detail", { id: cancelId });
    expect(view.state).toBe("PendingBureauReview");
  }).toPass({ timeout: 30_000 });
  await bureau.goto(`/review/${cancelId}`);
  await hydrated(bureau);
  await bureau.locator("#decision").getByRole("button", { name: "审核通过", exact: true }).click();
  await bureau.locator("#confirm-action").click();
  // An approved 注销 ends in 已注销, the state the manual names.
  await expect(badge(bureau)).toHaveText("已注销");
  await filer.goto("/work/progress");
  await hydrated(filer);
  const progressRow = filer.locator(`tr[data-id="${cancelId}"]`);
  await expect(progressRow.locator(".badge")).toHaveText("已注销");
  await expect(progressRow.locator(".phase")).toHaveText("注销阶段");

  // The subject, its site and its access are gone from the live records.
  await filer.goto(`/cancel?number=${encodeURIComponent(record.subject)}`);
  await hydrated(filer);
  await expect(filer.getByText("没有符合条件的已备案记录。")).toBeVisible();
  // …and from the public lookup.
  await visitor.reload();
  await expect(visitor.locator("#lookup-empty")).toContainText("未查询到备案信息");
});
