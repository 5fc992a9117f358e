// Steps of the filing wizard shared by the filing and flow specs.
import { expect, Page } from "@playwright/test";
import { hydrated, openMenu } from "./support";

/** A whole 1×1 PNG (the server walks its chunks to the end). */
const TINY_PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c63f8cfc0f01f00050001ff89993d1d" +
    "0000000049454e44ae426082",
  "hex",
);

/** The CRC-32 of a PNG chunk's type and data. */
function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return ~crc >>> 0;
}

/** A 2 KB scan: the 1×1 PNG padded by a private ancillary chunk. */
export function png(name: string) {
  const chunk = Buffer.concat([Buffer.from("paDd"), Buffer.alloc(2048 - TINY_PNG.length - 12)]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(chunk.length - 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(chunk));
  const buffer = Buffer.concat([TINY_PNG.subarray(0, 33), length, chunk, crc, TINY_PNG.subarray(33)]);
  return { name, mimeType: "image/png", buffer };
}

export const field = (page: Page, path: string) => page.locator(`#f-${path.replace(/[.[]/g, "-").replace(/]/g, "")}`);
export const errorOf = (page: Page, path: string) => page.locator(`#f-${path.replace(/[.[]/g, "-").replace(/]/g, "")}-error`);

export async function upload(page: Page, path: string, name: string) {
  await field(page, path).setInputFiles(png(name));
  await expect(page.getByRole("link", { name })).toBeVisible();
}

export async function openNewFiling(page: Page) {
  await openMenu(page);
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "备案信息录入" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("备案信息录入");
  await hydrated(page);
}

/** From the filer's home to step 1 of a new self-filed draft. */
export async function startSelfFiling(filer: Page) {
  await filer.goto("/filer");
  await hydrated(filer);
  await openNewFiling(filer);
  await filer.getByRole("button", { name: "新建备案" }).click();
  await expect(filer).toHaveURL(/\/filings\/\d+\?step=1$/);
  await hydrated(filer);
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
