// 核查 after approval: a site is filed and approved by clicking, on the
// server whose checker runs every two seconds against this spec's own page
// server (run.sh: INSPECT_BASE_URL, INSPECT_PAGES_PORT). Its home page
// lacks the 备案号: the checker finds it on its own, and the filer sees the
// finding and its notice. Unfixed past the deadline it is proposed to
// staff, whose 取消接入 opens the cancellation with the access ticked.
import { createServer, Server } from "node:http";
import { execFileSync } from "node:child_process";
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { approvedByClicking, signedIn } from "./review-helpers";

test.use({ baseURL: process.env.INSPECT_BASE_URL });

/** Home pages by host; a host not here answers 404. */
const pages = new Map<string, string>();
let server: Server;

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const body = pages.get((request.headers.host ?? "").toLowerCase());
    response.writeHead(body === undefined ? 404 : 200, { "content-type": "text/html; charset=utf-8" });
    response.end(body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(Number(process.env.INSPECT_PAGES_PORT), "127.0.0.1", resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Moves the deadline of every pending task of `site` into the past. */
function pastDeadline(site: string) {
  execFileSync("python3", [
    "-c",
    "import sqlite3,sys\n" +
      "db=sqlite3.connect(sys.argv[1])\n" +
      "db.execute(\"update inspection set deadline='2000-01-01 00:00:00+00:00' " +
      "where status='open' and site_id=(select id from site where number=?)\",(sys.argv[2],))\n" +
      "db.commit()",
    process.env.INSPECT_E2E_DB!,
    site,
  ]);
}

test("a home page without its 备案号 reaches the filer, then staff as 取消接入", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  pages.set("hecha-demo.cn", "<html><body><h1>核查示例</h1><p>网站建设中</p></body></html>");
  const record = await approvedByClicking(filer, staff, bureau, {
    subject: "成都核查示例有限公司", site: "核查示例", domain: "hecha-demo.cn",
    ip: "121.40.9.71", cert: "91510100MA61HC01AK", personId: "510107198506110028",
    mobile: "13755553071",
  });
  const site = `${record.subject}-1`;

  // Nobody asks: the checker finds the missing number on its own.
  await filer.goto("/inspections");
  await expect(async () => {
    await filer.reload();
    await expect(filer.locator("#inspections tbody tr").filter({ hasText: site })).toContainText("首页底部未展示备案号", { timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  const row = filer.locator("#inspections tbody tr").filter({ hasText: site });
  await expect(row).toContainText("待整改");
  await expect(row.getByRole("button", { name: "复查" })).toBeVisible();
  // …and tells the filer.
  await filer.goto("/notifications");
  await expect(filer.locator(".notifications")).toContainText(`网站 ${site}（核查示例）核查未通过：首页底部未展示备案号`);

  // A recheck by hand while the page is still wrong keeps the task open.
  await filer.goto("/inspections");
  await hydrated(filer);
  await filer.getByLabel("网站备案号").fill(site);
  await filer.getByRole("button", { name: "立即核查" }).click();
  await expect(filer.locator("#check-verdict")).toHaveText(`${site} 核查未通过：首页底部未展示备案号。`);

  // Staff see the task while it is open, with nothing to do yet.
  await staff.goto("/inspections");
  const staffRow = staff.locator("#inspections tbody tr").filter({ hasText: site });
  await expect(staffRow).toContainText("待整改");
  await expect(staffRow.getByRole("link", { name: "取消接入" })).toHaveCount(0);

  // The deadline passes: the next round makes it overdue, for staff to end.
  pastDeadline(site);
  await expect(async () => {
    await staff.reload();
    await expect(staffRow).toContainText("逾期未整改", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await staffRow.getByRole("link", { name: "取消接入" }).click();
  await expect(staff).toHaveURL(/\/cancel\?/);
  const form = staff.locator("#cancel-form");
  await expect(form).toContainText(`取消接入 ${site}`);

  // The filer was told too.
  await filer.goto("/notifications");
  await expect(filer.locator(".notifications")).toContainText(`网站 ${site}（核查示例）核查逾期未整改`);
});
