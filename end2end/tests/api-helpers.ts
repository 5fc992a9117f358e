// Setting up filings through the filer's own server calls, as the browser
// makes them, for specs whose subject is what happens after submission
// (the wizard itself is covered by the filing and flow specs).
import { expect, Page } from "@playwright/test";
import { png } from "./filing-helpers";
import { noteSecret } from "./support";

/** A server call from `page`'s session; expects success. */
export async function call(page: Page, endpoint: string, body: unknown) {
  const reply = await page.request.post(`/api/${endpoint}`, { data: body });
  expect(reply.status(), await reply.text()).toBe(200);
  return reply.json();
}

/** Calls a form-encoded server function as the page's script does. */
export async function callForm(page: Page, endpoint: string, form: Record<string, string>) {
  const reply = await page.request.post(`/api/${endpoint}`, { form });
  expect(reply.status(), await reply.text()).toBe(200);
  return reply.json();
}

async function scan(page: Page, id: number, kind: string) {
  const reply = await page.request.post("/documents", {
    multipart: { application_id: String(id), kind, file: png(`${kind}.png`) },
  });
  expect(reply.status(), await reply.text()).toBe(200);
  return reply.json();
}

/** What makes one test filing unique. */
export interface Applicant {
  subject: string; site: string; domain: string; ip: string;
  cert: string; personId: string; mobile: string;
  /** A second site, when the test needs two. */
  second?: { site: string; domain: string; ip: string };
}

/** One site of a test filing. */
const siteOf = (name: string, domain: string, ip: string) => ({
  name, home_url: `www.${domain}`, domains: [domain],
  content: ["128"], languages: ["1"], pre_approvals: [],
  principal_same_as_subject: true,
  accesses: [{ ips: ip, modes: ["16"], server_location: ["510000"] }],
});

/** Files and submits a company filing (one site, or two); returns its id. */
export async function selfFiled(filer: Page, a: Applicant): Promise<number> {
  const { id, version } = await savedDraft(filer, a);
  expect(await call(filer, "filing/submit", { id, version })).toBe("PendingIspVerify");
  return id;
}

/** Saves a company filing (one site, or two) in a new draft, through
 * access provider `provider` (the demo's, unless named); returns its id
 * and version. */
export async function savedDraft(filer: Page, a: Applicant, provider = 1): Promise<{ id: number; version: number }> {
  const id: number = await call(filer, "filing/start", { customer_id: null });
  const filing = {
    provider_id: provider,
    subject: {
      province: "510000", city: "510100", county: "510104",
      nature: "ENTERPRISE", cert_type: "1", cert_number: a.cert,
      name: a.subject, cert_address: "四川省成都市锦江区东大街1号",
      mail_address: "成都市锦江区东大街1号", investor: "示例",
      cert_scan: await scan(filer, id, "SUBJECT_CERT"),
      principal: {
        name: "钱示例", cert_type: "2", cert_number: a.personId,
        valid_from: "2020-01-01", valid_to: "2040-01-01",
        office_phone: "028-85556600", mobile: a.mobile,
        emergency_phone: "13755559999", email: "applicant@example.com",
        cert_scan: await scan(filer, id, "PRINCIPAL_CERT"),
      },
    },
    sites: [siteOf(a.site, a.domain, a.ip)].concat(
      a.second ? [siteOf(a.second.site, a.second.domain, a.second.ip)] : [],
    ),
  };
  const version: number = await call(filer, "filing/save", { id, version: 1, filing });
  return { id, version };
}

/** Verifies (as `staff`), waits for the simulated ministry and approves (as
 * `bureau`) a self-filed application; returns the 主体备案号 and 备案密码
 * the filer's approval notice shows. */
export async function approved(filer: Page, staff: Page, bureau: Page, a: Applicant) {
  const id = await selfFiled(filer, a);
  await verified(staff, id);
  await approvedById(bureau, id);
  const notice = await call(filer, "review/approval_notice", { id });
  noteSecret(notice.password);
  return { subject: notice.numbers.subject as string, password: notice.password as string };
}

/** 核验 by `staff` of self-filed application `id`, which then goes to
 * 未提交至部系统. */
export async function verified(staff: Page, id: number) {
  const { version } = await call(staff, "review/detail", { id });
  const verification = {
    verifier: "王核验",
    photo: await scan(staff, id, "VERIFY_PHOTO"),
    checklist: await scan(staff, id, "CHECKLIST"),
  };
  expect(await call(staff, "review/decide", { id, version, action: "Verify", reasons: [], verification }))
    .toBe("NotSubmittedToMinistry");
}

/** Waits for the simulated ministry to pass application `id` on to the
 * 管局 (the 管局 sees it only from then on: 404 until it arrives), then
 * approves it as `bureau`. */
export async function approvedById(bureau: Page, id: number) {
  let view: { state: string; version: number } = { state: "", version: 0 };
  await expect(async () => {
    const reply = await bureau.request.post("/api/review/detail", { data: { id } });
    expect(reply.status()).toBe(200);
    view = await reply.json();
    expect(view.state).toBe("PendingBureauReview");
  }).toPass({ timeout: 30_000 });
  await call(bureau, "review/decide", { id, version: view.version, action: "Approve", reasons: [], verification: null });
}
