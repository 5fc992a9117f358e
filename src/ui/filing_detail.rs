//! Everything a filer sent, read-only, with links to the scans: what the
//! provider checks before 核验 and the 管局 before a decision.

use leptos::prelude::*;

use crate::domain::catalog::{self, access_modes, languages, pre_approval_types, service_content};
use crate::domain::certificate::{cert_type_by_code, nature_by_code};
use crate::domain::domain_name::to_unicode;
use crate::domain::filing::{Access, Filing, Person, Site};
use crate::domain::region::{province_by_code, region_name};
use crate::domain::service::{app_platforms, ServiceKind};
use crate::domain::upload::DocumentRef;
use crate::domain::verification::Verification;
use crate::ui::i18n::{lang, tr, Lang};

fn place(codes: &[&str]) -> String {
    codes
        .iter()
        .filter_map(|c| {
            province_by_code(c)
                .map(|p| p.name(lang()))
                .or_else(|| region_name(c))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn labels(list: &'static [catalog::Code], codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| catalog::label(list, c, lang()))
        .collect::<Vec<_>>()
        .join(tr("、", ", "))
}

/// A scan's link and, for an image, the scan itself beside the data it
/// proves, so a reviewer compares them without opening files.
fn doc(d: &Option<DocumentRef>) -> AnyView {
    match d {
        Some(d) => {
            let href = format!("/documents/{}", d.id);
            let name = d.name.to_lowercase();
            let image = [".png", ".jpg", ".jpeg"]
                .iter()
                .any(|ext| name.ends_with(ext));
            view! {
                <a href=href.clone() rel="external">{d.name.clone()}</a>
                {image.then(|| view! {
                    <img class="scan-preview" src=href alt=lang().pick(format!("{}（预览）", d.name), format!("{} (preview)", d.name)) loading="lazy"/>
                })}
            }
            .into_any()
        }
        None => view! { <span class="missing">{tr("未上传", "Not uploaded")}</span> }.into_any(),
    }
}

fn person(p: &Person) -> impl IntoView {
    let cert = cert_type_by_code(&p.cert_type)
        .map(|c| lang().pick(c.zh, c.en))
        .unwrap_or("—");
    let validity = if p.long_term {
        lang().pick(
            format!("{} 至 长期", p.valid_from),
            format!("{} to no end date", p.valid_from),
        )
    } else {
        lang().pick(
            format!("{} 至 {}", p.valid_from, p.valid_to),
            format!("{} to {}", p.valid_from, p.valid_to),
        )
    };
    view! {
        <dt>{tr("姓名", "Name")}</dt><dd>{p.name.clone()}</dd>
        <dt>{tr("证件", "Certificate")}</dt><dd>{format!("{cert} {}", p.cert_number)}</dd>
        <dt>{tr("证件有效期", "Certificate valid")}</dt><dd>{validity}</dd>
        <dt>{tr("办公电话", "Office phone")}</dt><dd>{p.office_phone.clone()}</dd>
        <dt>{tr("手机号码", "Mobile")}</dt><dd>{p.mobile.clone()}</dd>
        <dt>{tr("应急联系电话", "Emergency phone")}</dt><dd>{p.emergency_phone.clone()}</dd>
        <dt>{tr("电子邮箱", "E-mail")}</dt><dd>{p.email.clone()}</dd>
        <dt>{tr("证件扫描件", "Certificate scan")}</dt><dd>{doc(&p.cert_scan)}</dd>
    }
}

/// What only the service's kind carries: a website's domains and home
/// page, an app's icon, platforms, domains and SDKs, or a mini-program's
/// or quick app's platform and id.
fn service_fields(site: &Site) -> AnyView {
    match site.kind {
        ServiceKind::Website => view! {
            <dt>{tr("域名", "Domain")}</dt><dd>{site.domains.iter().map(|d| to_unicode(d)).collect::<Vec<_>>().join(tr("、", ", "))}</dd>
            <dt>{tr("首页URL", "Home page URL")}</dt><dd>{site.home_url.clone()}</dd>
        }
        .into_any(),
        ServiceKind::App => {
            let app = &site.app;
            view! {
                <dt>{tr("APP图标", "App icon")}</dt><dd>{doc(&app.icon)}</dd>
                <dt>{tr("平台", "Platform")}</dt>
                <dd><ul class="app-platforms">{app.platforms.iter().map(|p| view! {
                    <li>
                        <strong>{catalog::label(app_platforms(), &p.platform, lang())}</strong>" "
                        <span class="app-package">{p.package.clone()}</span>
                        " "{if p.platform == "IOS" { "SHA-1 " } else { "MD5 " }}<code>{p.fingerprint.clone()}</code>
                        <details><summary>{tr("签名公钥", "Signing public key")}</summary><pre class="public-key">{p.public_key.clone()}</pre></details>
                    </li>
                }).collect_view()}</ul></dd>
                <dt>{tr("使用的域名", "Domains used")}</dt><dd>{app.domains.iter().map(|d| to_unicode(d)).collect::<Vec<_>>().join(tr("、", ", "))}</dd>
                <dt>{tr("第三方SDK", "Third-party SDKs")}</dt>
                <dd>{if app.sdks.is_empty() { tr("无", "None").to_owned() } else {
                    app.sdks.iter().map(|s| lang().pick(format!("{}（{}）", s.provider, s.kind), format!("{} ({})", s.provider, s.kind))).collect::<Vec<_>>().join(tr("、", ", "))
                }}</dd>
            }
            .into_any()
        }
        kind => view! {
            <dt>{tr("所在平台", "Platform")}</dt><dd>{catalog::label(kind.platforms(), &site.mini.platform, lang())}</dd>
            <dt>{if kind == ServiceKind::MiniProgram { tr("小程序ID", "Mini-program ID") } else { tr("快应用包名", "Quick app package") }}</dt>
            <dd class="app-package">{site.mini.app_id.clone()}</dd>
        }
        .into_any(),
    }
}

/// The whole filing and, when recorded, the 核验. `provider_names` name
/// each access's 接入服务提供者 (an access being filed is the filing's).
#[component]
pub fn FilingDetail(
    filing: Filing,
    verification: Verification,
    provider_names: Vec<(i64, String)>,
) -> impl IntoView {
    let provider_of = move |access: &Access| {
        access
            .provider_id
            .or(filing.provider_id)
            .and_then(|id| provider_names.iter().find(|(p, _)| *p == id))
            .map_or_else(|| "—".to_owned(), |(_, name)| name.clone())
    };
    let s = &filing.subject;
    let nature = nature_by_code(&s.nature)
        .map(|n| lang().pick(n.zh, n.en))
        .unwrap_or("—");
    let cert = cert_type_by_code(&s.cert_type)
        .map(|c| lang().pick(c.zh, c.en))
        .unwrap_or("—");
    let verified = !verification.verifier.is_empty();
    view! {
        <section class="detail" id="filing-detail">
            <h2>{tr("主办单位信息", "Subject")}</h2>
            <dl class="summary-list">
                <dt>{tr("主办单位名称", "Sponsor name")}</dt><dd>{s.name.clone()}</dd>
                <dt>{tr("所在地", "Location")}</dt><dd>{place(&[&s.province, &s.city, &s.county])}</dd>
                <dt>{tr("单位性质", "Nature")}</dt><dd>{nature}</dd>
                <dt>{tr("证件", "Certificate")}</dt><dd>{format!("{cert} {}", s.cert_number)}</dd>
                <dt>{tr("证件住所", "Certificate address")}</dt><dd>{s.cert_address.clone()}</dd>
                <dt>{tr("通信地址", "Mailing address")}</dt><dd>{s.mail_address.clone()}</dd>
                <dt>{tr("投资人或主管单位", "Investor or supervising unit")}</dt><dd>{s.investor.clone()}</dd>
                <dt>{tr("证件扫描件", "Certificate scan")}</dt><dd>{doc(&s.cert_scan)}</dd>
                {s.authorisation.is_some().then(|| view! {
                    <dt>{tr("法定代表人授权书", "Legal representative's authorisation")}</dt><dd>{doc(&s.authorisation)}</dd>
                })}
                {s.commitment.is_some().then(|| view! {
                    <dt>{tr("真实性承诺书", "Commitment to the filing's truth")}</dt><dd>{doc(&s.commitment)}</dd>
                })}
                <dt>{tr("备注", "Remark")}</dt><dd>{s.remark.clone()}</dd>
            </dl>
            <h3>{tr("主体负责人", "Subject principal")}</h3>
            <dl class="summary-list">{person(&s.principal)}</dl>
            {filing.sites.iter().enumerate().map(|(i, site)| view! {
                <section class="sub-card" id=format!("detail-site-{i}")>
                    <h2>{lang().pick(format!("{}{}：{}", site.kind.label(lang()), i + 1, site.name), format!("{}{}: {}", site.kind.label(lang()), i + 1, site.name))}</h2>
                    <dl class="summary-list">
                        {service_fields(site)}
                        <dt>{tr("服务内容", "Service content")}</dt><dd>{labels(service_content(), &site.content)}</dd>
                        <dt>{tr("语言", "Languages")}</dt><dd>{labels(languages(), &site.languages)}</dd>
                        <dt>{tr("前置审批", "Pre-approval")}</dt>
                        <dd>
                            {if site.pre_approvals.is_empty() { view! { {tr("无", "None")} }.into_any() } else {
                                view! { <ul>{site.pre_approvals.iter().map(|p| view! {
                                    <li>{catalog::label(pre_approval_types(), &p.kind, lang())}" "{p.approval_no.clone()}
                                        {(!p.approved_on.is_empty()).then(|| lang().pick(format!("（{} 审批通过）", p.approved_on), format!(" (approved by {})", p.approved_on)))}
                                        " "{doc(&p.document)}</li>
                                }).collect_view()}</ul> }.into_any()
                            }}
                        </dd>
                        <dt>{tr("备注", "Remark")}</dt><dd>{site.remark.clone()}</dd>
                    </dl>
                    <h3>{tr("负责人", "Person in charge")}</h3>
                    {if site.principal_same_as_subject {
                        view! { <p>{tr("同主体负责人", "Same as the subject principal")}</p> }.into_any()
                    } else {
                        view! { <dl class="summary-list">{person(&site.principal)}</dl> }.into_any()
                    }}
                    <h3>{tr("接入信息", "Access")}</h3>
                    {site.transfer_in.then(|| view! {
                        <p class="transfer-in">{tr("转入：审核通过后，其他接入服务商对该网站的接入结束", "Transfer in: once approved, every other provider's access to this site ends")}</p>
                    })}
                    <table class="data">
                        <thead><tr><th>{tr("接入服务提供者", "Access provider")}</th><th>{tr("IP地址", "IP addresses")}</th><th>{tr("接入方式", "Access mode")}</th><th>{tr("服务器放置地", "Server location")}</th></tr></thead>
                        <tbody>
                            {site.accesses.iter().map(|a| {
                                let location: Vec<&str> = a.server_location.iter().map(String::as_str).collect();
                                view! { <tr><td class="access-provider">{provider_of(a)}</td><td>{a.ips.clone()}</td><td>{labels(access_modes(), &a.modes)}</td><td>{place(&location)}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }).collect_view()}
            {verified.then(|| view! {
                <h2>{tr("核验信息", "Verification")}</h2>
                <dl class="summary-list">
                    <dt>{tr("核验人", "Verified by")}</dt><dd>{verification.verifier.clone()}</dd>
                    <dt>{tr("核验方式", "Verification")}</dt>
                    <dd id="verification-method">{match &verification.electronic {
                        Some(e) => lang().pick(format!("电子化核验（照片上传于 {}，接受于 {}）", e.taken_at, e.accepted_at), format!("Electronic (pictures uploaded {}, accepted {})", Lang::En.date_time(&e.taken_at), Lang::En.date_time(&e.accepted_at))),
                        None => tr("当面核验", "Face to face").to_owned(),
                    }}</dd>
                    <dt>{tr("网站负责人核验照片", "Photo of the site principal")}</dt><dd>{doc(&verification.photo)}</dd>
                    {match &verification.electronic {
                        Some(e) => view! {
                            <dt>{tr("证件正面", "Certificate front")}</dt><dd>{doc(&e.cert_front)}</dd>
                            <dt>{tr("证件反面", "Certificate back")}</dt><dd>{doc(&e.cert_back)}</dd>
                        }.into_any(),
                        None => view! { <dt>{tr("核验单扫描件", "Signed form scan")}</dt><dd>{doc(&verification.checklist)}</dd> }.into_any(),
                    }}
                </dl>
            })}
        </section>
    }
}
