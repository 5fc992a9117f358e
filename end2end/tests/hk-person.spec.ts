// A Hong Kong resident files a personal site with a 港澳居民来往内地通行证
// (issue 23, every kind of filer): the permit is offered for 个人, its
// number is checked as it is typed (H or M and 8 or 10 digits), the
// principal is the same person with the same permit, and the filing goes
// through 核验 and the 管局 to a 备案号 like any other.
import { expect } from "@playwright/test";
import { hydrated, test } from "./support";
import { field, fillSite, startSelfFiling, upload } from "./filing-helpers";
import { awaitState, badge, decide, signedIn, verifyOnReview } from "./review-helpers";

test("a Hong Kong resident files with a 港澳居民来往内地通行证", async ({ browser }) => {
  test.slow();
  const filer = await signedIn(browser, "filer_person", "Person2026");
  await startSelfFiling(filer);

  await field(filer, "subject.province").selectOption("510000");
  await field(filer, "subject.city").selectOption("510100");
  await field(filer, "subject.county").selectOption("510104");
  await field(filer, "subject.nature").selectOption("INDIVIDUAL");
  const certTypes = field(filer, "subject.cert_type").locator("option");
  await expect(certTypes).toHaveText([
    "—请选择—", "居民身份证", "护照", "台湾居民来往大陆通行证", "港澳居民来往内地通行证",
    "外国人永久居留身份证", "港澳居民居住证", "台湾居民居住证",
  ]);
  await field(filer, "subject.cert_type").selectOption("14");

  // A resident ID's shape is refused while typing, naming the permit's.
  await field(filer, "subject.cert_number").fill("510107198506110028");
  await field(filer, "subject.cert_number").blur();
  await expect(filer.locator("#f-subject-cert_number-error")).toHaveText("港澳通行证号码应为 H 或 M 加 8 位（或 10 位）数字");
  await field(filer, "subject.cert_number").fill("H60312345");
  await expect(filer.locator("#f-subject-cert_number-error")).toBeEmpty();

  await field(filer, "subject.name").fill("陈大文");
  await field(filer, "subject.cert_address").fill("香港特别行政区九龙弥敦道100号");
  // An address outside 四川 is a warning for a person, not a refusal.
  await field(filer, "subject.cert_address").blur();
  await expect(filer.locator("#f-subject-cert_address-error")).toContainText("外省个人需上传本省居住证");
  await field(filer, "subject.mail_address").fill("成都市锦江区东大街2号");
  await field(filer, "subject.investor").fill("陈大文");
  await field(filer, "subject.principal.name").fill("陈大文");
  await field(filer, "subject.principal.cert_type").selectOption("14");
  await field(filer, "subject.principal.cert_number").fill("H60312345");
  await field(filer, "subject.principal.valid_from").fill("2020-01-01");
  await field(filer, "subject.principal.valid_to").fill("2030-01-01");
  await field(filer, "subject.principal.office_phone").fill("028-85556601");
  await field(filer, "subject.principal.mobile").fill("13755553072");
  await field(filer, "subject.principal.emergency_phone").fill("13755559998");
  await field(filer, "subject.principal.email").fill("chan@example.com");
  await upload(filer, "subject.principal.cert_scan", "permit.png");
  await filer.getByRole("button", { name: "保存并下一步" }).click();
  await expect(filer).toHaveURL(/step=2$/);

  await filer.getByRole("button", { name: "添加网站" }).click();
  await fillSite(filer, 0, "大文随笔", "chandaiman-demo.cn", "121.40.9.72");
  await field(filer, "sites[0].content").getByLabel("博客/个人空间").check();
  await filer.getByRole("button", { name: "保存并下一步" }).click();
  await expect(filer).toHaveURL(/step=3$/);
  await expect(filer.locator("main")).toContainText("港澳居民来往内地通行证");
  await filer.getByRole("button", { name: "提交" }).click();
  await expect(badge(filer)).toHaveText("待接入者核实");
  const id = filer.url().match(/filings\/(\d+)/)![1];

  const staff = await signedIn(browser, "staff", "Staff2026");
  await staff.goto(`/review/${id}`);
  await hydrated(staff);
  await expect(staff.locator("main")).toContainText("H60312345");
  await verifyOnReview(staff, "王核验");
  const bureau = await signedIn(browser, "reviewer_sc", "Review2026");
  await bureau.goto(`/review/${id}`);
  await awaitState(bureau, "待管局审核");
  await decide(bureau, "审核通过");
  await expect(badge(bureau)).toHaveText("审核通过");

  await filer.goto(`/review/${id}`);
  await hydrated(filer);
  await expect(filer.locator("#subject-number")).toHaveText(/^蜀ICP备\d{10}号$/);
});
