// Provider staff work through 待接入者核实 with the keyboard and in batches:
// j/k move, Enter opens, x selects; a batch verify passes the row that has
// its 核验 record and fails the other alone, which is then returned with one
// reason. A live refresh between the keys keeps them working. The two
// filings are set up through the filer's own server calls (the wizard
// itself is covered by the flow specs).
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { callForm, selfFiled } from "./api-helpers";
import { upload } from "./filing-helpers";
import { signedIn } from "./review-helpers";

const SUBJECTS = ["成都批量一号示例有限公司", "成都批量二号示例有限公司"];

/** One of the two batch filings. */
const applicant = (n: number, cert: string, personId: string) => ({
  subject: SUBJECTS[n], site: `批量示例${n + 1}`, domain: `batch-demo-${n}.cn`,
  ip: `121.40.9.${10 + n}`, cert, personId, mobile: `1375555000${n}`,
});

test("staff walk the verify queue by keyboard and decide in batches", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const first = await selfFiled(filer, applicant(0, "91510100MA61EEEE1U", "510107198702030033"));
  const second = await selfFiled(filer, applicant(1, "91510100MA61FFFF2L", "510107198907140041"));

  // The first has its 核验 record saved; the second has none.
  const staff = await signedIn(browser, "staff", "Staff2026");
  await staff.goto(`/review/${first}`);
  await hydrated(staff);
  await staff.locator("#f-verification-verifier").fill("王备案");
  await upload(staff, "verification.photo", "photo.png");
  await upload(staff, "verification.checklist", "checklist.png");
  await staff.locator("#save-verification").click();
  await expect(staff.getByRole("status").filter({ hasText: "核验信息已保存" })).toBeVisible();

  // Only these two, in name order.
  await staff.goto("/work/verify?text=%E6%89%B9%E9%87%8F&sort=subject");
  await hydrated(staff);
  const rows = staff.locator(".queue-table tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(SUBJECTS[0]);

  // j and k move the cursor; Enter opens the row under it.
  await staff.locator("#queue-row-0").focus();
  await staff.keyboard.press("j");
  await expect(staff.locator("#queue-row-1")).toHaveClass(/cursor/);
  await staff.keyboard.press("k");
  await expect(staff.locator("#queue-row-0")).toHaveClass(/cursor/);
  await staff.keyboard.press("Enter");
  await expect(staff).toHaveURL(new RegExp(`/review/${first}$`));
  await staff.goBack();
  await expect(rows).toHaveCount(2);
  await hydrated(staff);

  // x picks the rows; one batch verify gives each row its own result.
  await staff.locator("#queue-row-0").focus();
  await staff.keyboard.press("x");
  await staff.keyboard.press("j");
  // Any change staff may see refetches the list under their hands (here
  // the filer's 留言): the cursor stays on its row.
  const refetched = staff.waitForResponse((reply) => reply.url().includes("/api/review/queue"));
  await callForm(filer, "messages/post", { application_id: String(second), body: "请尽快核验" });
  await refetched;
  await expect(staff.locator("#queue-row-1")).toHaveClass(/cursor/);
  // And when a redraw takes the focus away, the keys still reach the list.
  await staff.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await staff.keyboard.press("x");
  const bar = staff.getByRole("region", { name: "批量操作" });
  await expect(bar).toContainText("已选择 2 条");
  await bar.getByRole("button", { name: "批量核验通过并提交省局" }).click();
  await staff.getByRole("alertdialog", { name: "确认批量操作" }).getByRole("button", { name: "确认" }).click();
  await expect(bar.locator(".batch-results .ok")).toHaveText(`#${first} 成功：未提交至部系统`);
  await expect(bar.locator(".batch-results .failed")).toContainText(`#${second} 未完成：`);

  // The one left is returned with one reason for the whole filing.
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText(SUBJECTS[1]);
  await rows.nth(0).getByRole("checkbox").check();
  // A return without a reason is refused in the browser.
  await bar.getByRole("button", { name: "批量退回主办者修改" }).click();
  await expect(staff.locator("#batch-reason-error")).toHaveText("退回时必须填写退回原因");
  await bar.locator("#batch-reason").fill("主体证件扫描件不清晰，请重新上传");
  await bar.getByRole("button", { name: "批量退回主办者修改" }).click();
  await staff.getByRole("alertdialog", { name: "确认批量操作" }).getByRole("button", { name: "确认" }).click();
  await expect(bar.locator(".batch-results li")).toHaveText([`#${second} 成功：退回主办者修改`]);
  await expect(staff.locator(".queue .empty")).toBeVisible();

  // The first went on to the province; the filer sees the second's reason.
  await staff.goto(`/review/${first}`);
  await expect(staff.locator("h1 .badge")).toHaveText(/未提交至部系统|待管局审核/);
  await filer.goto(`/review/${second}`);
  await expect(filer.locator("#return-reasons")).toContainText("整体：主体证件扫描件不清晰，请重新上传");
});
