// 申请留言: a filer whose submitted data is frozen asks for a correction;
// staff see it in the 留言 inbox with an unread count, reply (which handles
// it), and the filer reads the reply in the thread.
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { call, selfFiled } from "./api-helpers";
import { signedIn } from "./review-helpers";

const QUESTION = "请将网站名称改为“留言示例云”，谢谢";

test("a filer asks for a correction and staff answer it from the inbox", async ({ browser }) => {
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const id = await selfFiled(filer, {
    subject: "成都留言示例有限公司", site: "留言示例", domain: "liuyan-demo.cn",
    ip: "121.40.9.30", cert: "91510100MA61HHHH33", personId: "510107199109210054",
    mobile: "13755552001",
  });

  // ICP备案信息管理 » 申请留言 lists the submitted application, unwritten on.
  await filer.goto("/filer");
  await hydrated(filer);
  await filer.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "申请留言" }).click();
  await expect(filer.getByRole("heading", { level: 1 })).toHaveText("申请留言");
  const mine = filer.locator(`.submitted-threads tr[data-id="${id}"]`);
  await expect(mine.locator(".thread-counts")).toHaveText("0");
  await mine.getByRole("link", { name: "申请留言" }).click();
  await expect(filer).toHaveURL(new RegExp(`/review/${id}#messages$`));
  await hydrated(filer);
  const thread = filer.locator("#messages");
  await expect(thread.getByText("暂无留言。")).toBeVisible();
  // An empty message is refused at the field, in the browser.
  await thread.getByRole("button", { name: "发送留言" }).click();
  await expect(filer.locator("#message-body-error")).toHaveText("请填写留言内容");
  await thread.getByLabel("留言内容").fill(QUESTION);
  await expect(thread.getByText(`${[...QUESTION].length} / 500 字`)).toBeVisible();
  await expect(filer.locator("#message-body-error")).toBeEmpty();
  await thread.getByRole("button", { name: "发送留言" }).click();
  await expect(thread.locator(".message")).toHaveCount(1);
  await expect(thread.locator(".message").first()).toContainText(QUESTION);
  await expect(thread.locator(".message").first()).toContainText("待处理");
  await expect(thread.getByLabel("留言内容")).toHaveValue("");

  // Staff see the unread message in the navigation and in the inbox.
  const staff = await signedIn(browser, "staff", "Staff2026");
  await hydrated(staff);
  await expect(staff.locator("#unread-messages")).toHaveText(/^[1-9]\d*$/);
  await staff.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: /申请留言/ }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("申请留言");
  const row = staff.locator(".message-inbox tbody tr").filter({ hasText: "成都留言示例有限公司" });
  await expect(row).toContainText(QUESTION);
  await row.getByRole("link", { name: `#${id}` }).click();
  await expect(staff).toHaveURL(new RegExp(`/review/${id}`));
  await hydrated(staff);

  // A reply handles the message; it leaves the 未处理 list.
  const staffThread = staff.locator("#messages");
  await staffThread.locator(".message").first().getByRole("button", { name: "回复" }).click();
  await expect(staffThread.getByText(/回复留言 #\d+/)).toBeVisible();
  await staffThread.getByLabel("留言内容").fill("已收到，核验时按您的要求修改网站名称。");
  await staffThread.getByRole("button", { name: "发送留言" }).click();
  await expect(staffThread.locator(".message")).toHaveCount(2);
  await expect(staffThread.locator(".message").first()).toContainText("已处理");
  await staff.goto("/messages/open");
  await hydrated(staff);
  await expect(staff.locator(".message-inbox tbody tr").filter({ hasText: "成都留言示例有限公司" })).toHaveCount(0);

  // The filer reads the answer (live: no reload needed).
  await expect(thread.locator(".message")).toHaveCount(2);
  await expect(thread.locator(".message").nth(1)).toContainText("已收到，核验时按您的要求修改网站名称。");
  await filer.goto("/messages/mine");
  await hydrated(filer);
  await expect(mine.locator(".thread-counts")).toHaveText("2");
});

test("staff send an application back as its 留言 asks, with the 留言 as the reason", async ({ browser }) => {
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const id = await selfFiled(filer, {
    subject: "成都留言退回示例有限公司", site: "留言退回示例", domain: "liuyan-back.cn",
    ip: "121.40.9.31", cert: "91510100MA61HHJJ3R", personId: "510107199109220076",
    mobile: "13755552002",
  });
  await filer.goto(`/review/${id}`);
  await hydrated(filer);
  const ask = "网站名称写错了，请退回让我修改";
  await filer.locator("#messages").getByLabel("留言内容").fill(ask);
  await filer.locator("#messages").getByRole("button", { name: "发送留言" }).click();
  await expect(filer.locator("#messages .message")).toHaveCount(1);

  const staff = await signedIn(browser, "staff", "Staff2026");
  await staff.goto(`/review/${id}`);
  await hydrated(staff);
  const message = staff.locator("#messages .message").first();
  // A confirmation first: cancelling it changes nothing.
  await message.getByRole("button", { name: "按留言退回修改" }).click();
  // A live refresh of the thread meanwhile (the filer writes again) keeps
  // the confirmation open.
  const posted = await filer.request.post("/api/messages/post", { form: { application_id: id, body: "补充：域名不变" } });
  expect(posted.status(), await posted.text()).toBe(200);
  await expect(staff.locator("#messages .message")).toHaveCount(2);
  await expect(message.getByRole("button", { name: "确认退回" })).toBeVisible();
  await message.getByRole("button", { name: "取消" }).click();
  await message.getByRole("button", { name: "按留言退回修改" }).click();
  await message.getByRole("button", { name: "确认退回" }).click();
  await expect(staff.locator("h1 .badge")).toHaveText("退回主办者修改");

  // The filer sees the 留言 as the return's reason.
  await filer.goto(`/review/${id}`);
  await hydrated(filer);
  await expect(filer.locator("#return-reasons")).toContainText(`修改：${ask}`);
});
