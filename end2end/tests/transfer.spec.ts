// 转入 in the wizard: a website may be ticked to move here from the
// provider that serves it, which the server accepts only for a filed site
// of the subject that other providers serve. Ticked on a new site, the
// submit is refused at the tick and the draft keeps everything; unticked,
// the same filing goes in as 新增网站. (Moving a site between two
// providers is covered over HTTP: the demo data has one provider.)
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { approved, savedDraft } from "./api-helpers";
import { field } from "./filing-helpers";
import { signedIn } from "./review-helpers";

test("转入 of a site no other provider serves is refused at its tick, and the filing goes in without it", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_org", "Filer2026");
  const staff = await signedIn(browser, "staff", "Staff2026");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  const applicant = {
    subject: "成都转入示例有限公司", site: "转入示例", domain: "zhuanru-demo.cn",
    ip: "121.40.9.86", cert: "91510100MA6YRN3Q4T", personId: "510107199208080056",
    mobile: "13755553086",
  };
  await approved(filer, staff, bureau, applicant);

  // A new site for the same subject, saved as a draft, then opened in the wizard.
  const { id } = await savedDraft(filer, { ...applicant, site: "转入示例新站", domain: "zhuanru-new.cn", ip: "121.40.9.87" });
  await filer.goto(`/filings/${id}?step=2`);
  await hydrated(filer);
  await filer.locator("#site-0").getByRole("button", { name: "修改" }).click();
  const tick = filer.locator("#f-sites-0-transfer_in").getByRole("checkbox");
  await expect(tick).not.toBeChecked();
  await tick.check();
  await filer.getByRole("button", { name: "保存并下一步" }).click();
  await expect(filer).toHaveURL(/step=3$/);
  await filer.getByRole("button", { name: "提交" }).click();
  const refusal = "只有本主体已备案、且由其他接入服务商接入的网站才能转入";
  const summary = filer.locator("#summary-errors");
  await expect(summary).toContainText(refusal);

  // Its link leads back to the tick, which is kept, with the refusal beside it.
  await summary.getByRole("link", { name: "sites[0].transfer_in" }).click();
  await expect(filer).toHaveURL(/step=2/);
  await expect(tick).toBeChecked();
  await expect(filer.locator("#f-sites-0-transfer_in .field-error")).toContainText(refusal);
  await expect(field(filer, "sites[0].domains[0]")).toHaveValue("zhuanru-new.cn");
  // Unticked, the same filing goes in as 新增网站.
  await tick.uncheck();
  await filer.getByRole("button", { name: "保存并下一步" }).click();
  await expect(filer).toHaveURL(/step=3$/);
  await filer.getByRole("button", { name: "提交" }).click();
  await expect(filer.locator("h1 .badge")).toHaveText("待接入者核实");
});
