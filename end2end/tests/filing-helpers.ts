// Steps of the filing wizard shared by the filing and flow specs.
import { expect, Page } from "@playwright/test";
import { hydrated } from "./support";

/** A small PNG: the signature and padding (the server sniffs the bytes). */
export function png(name: string) {
  const buffer = Buffer.alloc(2048);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(buffer);
  return { name, mimeType: "image/png", buffer };
}

export const field = (page: Page, path: string) => page.locator(`#f-${path.replace(/[.[]/g, "-").replace(/]/g, "")}`);
export const errorOf = (page: Page, path: string) => page.locator(`#f-${path.replace(/[.[]/g, "-").replace(/]/g, "")}-error`);

export async function upload(page: Page, path: string, name: string) {
  await field(page, path).setInputFiles(png(name));
  await expect(page.getByRole("link", { name })).toBeVisible();
}

export async function openNewFiling(page: Page) {
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "备案信息录入" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("备案信息录入");
  await hydrated(page);
}

export interface Subject {
  province: string; city: string; county: string; cert: string; name: string;
  certAddress: string; mailAddress: string; person: string; personId: string;
  office: string; mobile: string; emergency: string;
}

export async function fillSubject(page: Page, s: Subject) {
  await field(page, "subject.province").selectOption(s.province);
  await field(page, "subject.city").selectOption(s.city);
  await field(page, "subject.county").selectOption(s.county);
  await field(page, "subject.nature").selectOption("ENTERPRISE");
  await field(page, "subject.cert_type").selectOption("1");
  await field(page, "subject.cert_number").fill(s.cert);
  await field(page, "subject.name").fill(s.name);
  await field(page, "subject.cert_address").fill(s.certAddress);
  await field(page, "subject.mail_address").fill(s.mailAddress);
  await field(page, "subject.investor").fill(s.person);
  await upload(page, "subject.cert_scan", "licence.png");
  await field(page, "subject.principal.name").fill(s.person);
  await field(page, "subject.principal.cert_type").selectOption("2");
  await field(page, "subject.principal.cert_number").fill(s.personId);
  await field(page, "subject.principal.valid_from").fill("2020-01-01");
  await field(page, "subject.principal.valid_to").fill("2040-01-01");
  await field(page, "subject.principal.office_phone").fill(s.office);
  await field(page, "subject.principal.mobile").fill(s.mobile);
  await field(page, "subject.principal.emergency_phone").fill(s.emergency);
  await field(page, "subject.principal.email").fill("principal@example.com");
  await upload(page, "subject.principal.cert_scan", "id-card.png");
}

export async function fillSite(page: Page, i: number, name: string, domain: string, ip: string) {
  const p = (rest: string) => `sites[${i}].${rest}`;
  await field(page, p("name")).fill(name);
  await field(page, p("home_url")).fill(`www.${domain}`);
  await field(page, p("domains[0]")).fill(domain);
  await field(page, p("accesses[0].ips")).fill(ip);
  await field(page, p("accesses[0].modes")).getByLabel("云接入").check();
}
