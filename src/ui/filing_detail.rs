//! Everything a filer sent, read-only, with links to the scans: what the
//! provider checks before 核验 and the 管局 before a decision.

use leptos::prelude::*;

use crate::domain::catalog::{self, ACCESS_MODES, LANGUAGES, PRE_APPROVAL_TYPES, SERVICE_CONTENT};
use crate::domain::certificate::{cert_type_by_code, nature_by_code};
use crate::domain::domain_name::to_unicode;
use crate::domain::filing::{Access, Filing, Person, Site};
use crate::domain::region::{province_by_code, region_name};
use crate::domain::service::{ServiceKind, APP_PLATFORMS};
use crate::domain::upload::DocumentRef;
use crate::domain::verification::Verification;
use crate::ui::wizard_fields::L;

fn place(codes: &[&str]) -> String {
    codes
        .iter()
        .filter_map(|c| {
            province_by_code(c)
                .map(|p| p.name_zh)
                .or_else(|| region_name(c))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn labels(list: &'static [catalog::Code], codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| catalog::label(list, c, false))
        .collect::<Vec<_>>()
        .join("、")
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
                    <img class="scan-preview" src=href alt=format!("{}（预览）", d.name) loading="lazy"/>
                })}
            }
            .into_any()
        }
        None => view! { <span class="missing">"未上传"</span> }.into_any(),
    }
}

fn person(p: &Person) -> impl IntoView {
    let cert = cert_type_by_code(&p.cert_type).map(|c| c.zh).unwrap_or("—");
    let validity = if p.long_term {
        format!("{} 至 长期", p.valid_from)
    } else {
        format!("{} 至 {}", p.valid_from, p.valid_to)
    };
    view! {
        <dt>"姓名"</dt><dd>{p.name.clone()}</dd>
        <dt>"证件"</dt><dd>{format!("{cert} {}", p.cert_number)}</dd>
        <dt>"证件有效期"</dt><dd>{validity}</dd>
        <dt>"办公电话"</dt><dd>{p.office_phone.clone()}</dd>
        <dt>"手机号码"</dt><dd>{p.mobile.clone()}</dd>
        <dt>"应急联系电话"</dt><dd>{p.emergency_phone.clone()}</dd>
        <dt>"电子邮箱"</dt><dd>{p.email.clone()}</dd>
        <dt>"证件扫描件"</dt><dd>{doc(&p.cert_scan)}</dd>
    }
}

/// What only the service's kind carries: a website's domains and home
/// page, an app's icon, platforms, domains and SDKs, or a mini-program's
/// or quick app's platform and id.
fn service_fields(site: &Site) -> AnyView {
    match site.kind {
        ServiceKind::Website => view! {
            <dt>"域名"</dt><dd>{site.domains.iter().map(|d| to_unicode(d)).collect::<Vec<_>>().join("、")}</dd>
            <dt>"首页URL"</dt><dd>{site.home_url.clone()}</dd>
        }
        .into_any(),
        ServiceKind::App => {
            let app = &site.app;
            view! {
                <dt>"APP图标"</dt><dd>{doc(&app.icon)}</dd>
                <dt>"平台"</dt>
                <dd><ul class="app-platforms">{app.platforms.iter().map(|p| view! {
                    <li>
                        <strong>{catalog::label(APP_PLATFORMS, &p.platform, false)}</strong>" "
                        <span class="app-package">{p.package.clone()}</span>
                        " "{if p.platform == "IOS" { "SHA-1 " } else { "MD5 " }}<code>{p.fingerprint.clone()}</code>
                        <details><summary>"签名公钥"</summary><pre class="public-key">{p.public_key.clone()}</pre></details>
                    </li>
                }).collect_view()}</ul></dd>
                <dt>"使用的域名"</dt><dd>{app.domains.iter().map(|d| to_unicode(d)).collect::<Vec<_>>().join("、")}</dd>
                <dt>"第三方SDK"</dt>
                <dd>{if app.sdks.is_empty() { "无".to_owned() } else {
                    app.sdks.iter().map(|s| format!("{}（{}）", s.provider, s.kind)).collect::<Vec<_>>().join("、")
                }}</dd>
            }
            .into_any()
        }
        kind => view! {
            <dt>"所在平台"</dt><dd>{catalog::label(kind.platforms(), &site.mini.platform, false)}</dd>
            <dt>{if kind == ServiceKind::MiniProgram { "小程序ID" } else { "快应用包名" }}</dt>
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
    let nature = nature_by_code(&s.nature).map(|n| n.zh).unwrap_or("—");
    let cert = cert_type_by_code(&s.cert_type).map(|c| c.zh).unwrap_or("—");
    let verified = !verification.verifier.is_empty();
    view! {
        <section class="detail" id="filing-detail">
            <h2><L zh="主办单位信息" en="Subject"/></h2>
            <dl class="summary-list">
                <dt>"主办单位名称"</dt><dd>{s.name.clone()}</dd>
                <dt>"所在地"</dt><dd>{place(&[&s.province, &s.city, &s.county])}</dd>
                <dt>"单位性质"</dt><dd>{nature}</dd>
                <dt>"证件"</dt><dd>{format!("{cert} {}", s.cert_number)}</dd>
                <dt>"证件住所"</dt><dd>{s.cert_address.clone()}</dd>
                <dt>"通信地址"</dt><dd>{s.mail_address.clone()}</dd>
                <dt>"投资人或主管单位"</dt><dd>{s.investor.clone()}</dd>
                <dt>"证件扫描件"</dt><dd>{doc(&s.cert_scan)}</dd>
                <dt>"备注"</dt><dd>{s.remark.clone()}</dd>
            </dl>
            <h3><L zh="主体负责人" en="Subject principal"/></h3>
            <dl class="summary-list">{person(&s.principal)}</dl>
            {filing.sites.iter().enumerate().map(|(i, site)| view! {
                <section class="sub-card" id=format!("detail-site-{i}")>
                    <h2>{format!("{}{}：{}", site.kind.label(false), i + 1, site.name)}</h2>
                    <dl class="summary-list">
                        {service_fields(site)}
                        <dt>"服务内容"</dt><dd>{labels(SERVICE_CONTENT, &site.content)}</dd>
                        <dt>"语言"</dt><dd>{labels(LANGUAGES, &site.languages)}</dd>
                        <dt>"前置审批"</dt>
                        <dd>
                            {if site.pre_approvals.is_empty() { view! { "无" }.into_any() } else {
                                view! { <ul>{site.pre_approvals.iter().map(|p| view! {
                                    <li>{catalog::label(PRE_APPROVAL_TYPES, &p.kind, false)}" "{p.approval_no.clone()}
                                        {(!p.approved_on.is_empty()).then(|| format!("（{} 审批通过）", p.approved_on))}
                                        " "{doc(&p.document)}</li>
                                }).collect_view()}</ul> }.into_any()
                            }}
                        </dd>
                        <dt>"备注"</dt><dd>{site.remark.clone()}</dd>
                    </dl>
                    <h3><L zh="负责人" en="Person in charge"/></h3>
                    {if site.principal_same_as_subject {
                        view! { <p><L zh="同主体负责人" en="Same as the subject principal"/></p> }.into_any()
                    } else {
                        view! { <dl class="summary-list">{person(&site.principal)}</dl> }.into_any()
                    }}
                    <h3><L zh="接入信息" en="Access"/></h3>
                    <table class="data">
                        <thead><tr><th>"接入服务提供者"</th><th>"IP地址"</th><th>"接入方式"</th><th>"服务器放置地"</th></tr></thead>
                        <tbody>
                            {site.accesses.iter().map(|a| {
                                let location: Vec<&str> = a.server_location.iter().map(String::as_str).collect();
                                view! { <tr><td class="access-provider">{provider_of(a)}</td><td>{a.ips.clone()}</td><td>{labels(ACCESS_MODES, &a.modes)}</td><td>{place(&location)}</td></tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }).collect_view()}
            {verified.then(|| view! {
                <h2><L zh="核验信息" en="Verification"/></h2>
                <dl class="summary-list">
                    <dt>"核验人"</dt><dd>{verification.verifier.clone()}</dd>
                    <dt>"核验方式"</dt>
                    <dd id="verification-method">{match &verification.electronic {
                        Some(e) => format!("电子化核验（照片上传于 {}，接受于 {}）", e.taken_at, e.accepted_at),
                        None => "当面核验".to_owned(),
                    }}</dd>
                    <dt>"网站负责人核验照片"</dt><dd>{doc(&verification.photo)}</dd>
                    {match &verification.electronic {
                        Some(e) => view! {
                            <dt>"证件正面"</dt><dd>{doc(&e.cert_front)}</dd>
                            <dt>"证件反面"</dt><dd>{doc(&e.cert_back)}</dd>
                        }.into_any(),
                        None => view! { <dt>"核验单扫描件"</dt><dd>{doc(&verification.checklist)}</dd> }.into_any(),
                    }}
                </dl>
            })}
        </section>
    }
}
