//! 《网站备案信息真实性核验单》: generated from the filing, one printed page
//! per site, ready for the 网站负责人 to sign (print CSS in main.css).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::auth::SessionUser;
use crate::api::filing::load_filing;
use crate::domain::catalog::{self, access_modes, service_content};
use crate::domain::certificate::{cert_type_by_code, nature_by_code};
use crate::domain::domain_name::to_unicode;
use crate::domain::filing::Person;
use crate::domain::region::province_by_code;
use crate::domain::service::ServiceKind;
use crate::pages::filing::list::FILING_ROLES;
use crate::ui::alert::LoadFailure;
use crate::ui::i18n::{lang, tr};
use crate::ui::role_gate::RoleGate;

#[component]
pub fn ChecklistPage() -> impl IntoView {
    view! { <RoleGate roles=FILING_ROLES page=checklist/> }
}

fn person_rows(title: &str, p: &Person) -> impl IntoView {
    let title = title.to_owned();
    let cert = cert_type_by_code(&p.cert_type)
        .map(|c| lang().pick(c.zh, c.en))
        .unwrap_or("");
    view! {
        <tr><th colspan="4">{title}</th></tr>
        <tr><th>{tr("姓名", "Name")}</th><td>{p.name.clone()}</td><th>{tr("证件", "Certificate")}</th><td>{format!("{cert} {}", p.cert_number)}</td></tr>
        <tr><th>{tr("手机号码", "Mobile")}</th><td>{p.mobile.clone()}</td><th>{tr("办公电话", "Office phone")}</th><td>{p.office_phone.clone()}</td></tr>
        <tr><th>{tr("电子邮箱", "E-mail")}</th><td colspan="3">{p.email.clone()}</td></tr>
    }
}

/// Opens the browser's print dialog (the print CSS shows one site a page).
fn print_page() {
    if let Err(error) = window().print() {
        leptos::logging::warn!("print failed: {error:?}");
    }
}

fn checklist(_user: SessionUser) -> AnyView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let data = Resource::new(id, load_filing);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{tr("加载中……", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <LoadFailure error/> }.into_any(),
                    Ok(view) => {
                        let f = view.filing;
                        let s = f.subject.clone();
                        let province = province_by_code(&s.province).map(|p| p.name(lang())).unwrap_or("");
                        let nature = nature_by_code(&s.nature).map(|n| lang().pick(n.zh, n.en)).unwrap_or("");
                        let cert = cert_type_by_code(&s.cert_type).map(|c| lang().pick(c.zh, c.en)).unwrap_or("");
                        view! {
                            <p class="no-print"><button type="button" class="button" on:click=|_| print_page()>{tr("打印 / Print", "Print")}</button></p>
                            {f.sites.iter().enumerate().map(|(n, site)| {
                                let principal = if site.principal_same_as_subject { s.principal.clone() } else { site.principal.clone() };
                                let kind = site.kind.label(lang());
                                let website = site.kind == ServiceKind::Website;
                                view! {
                                    <article class="checklist-page">
                                        <h1>{tr("网站备案信息真实性核验单", "Filing information verification form")}</h1>
                                        <p class="checklist-meta">{lang().pick(format!("备案申请 #{} · {kind} {} / {} · {province}", view.id, n + 1, f.sites.len()), format!("Application #{} · {kind} {} / {} · {province}", view.id, n + 1, f.sites.len()))}</p>
                                        // The rows sit in a <tbody>: a browser adds one to a
                                        // bare <table>, and the page would not hydrate.
                                        <table class="checklist"><tbody>
                                            <tr><th colspan="4">{tr("主办单位信息", "Sponsor")}</th></tr>
                                            <tr><th>{tr("主办单位名称", "Sponsor name")}</th><td colspan="3">{s.name.clone()}</td></tr>
                                            <tr><th>{tr("单位性质", "Nature")}</th><td>{nature}</td><th>{tr("证件", "Certificate")}</th><td>{format!("{cert} {}", s.cert_number)}</td></tr>
                                            <tr><th>{tr("通信地址", "Mailing address")}</th><td colspan="3">{s.mail_address.clone()}</td></tr>
                                            {person_rows(tr("主体负责人", "Subject principal"), &s.principal)}
                                            <tr><th colspan="4">{lang().pick(format!("{kind}信息"), format!("{kind} details"))}</th></tr>
                                            <tr><th>{lang().pick(format!("{kind}名称"), format!("{kind} name"))}</th><td>{site.name.clone()}</td>
                                                <th>{if website { tr("首页网址", "Home page URL") } else { tr("包名或平台ID", "Package or platform ID") }}</th>
                                                <td>{if website { site.home_url.clone() } else { site.identifiers().join(tr("；", "; ")) }}</td></tr>
                                            <tr><th>{if website { tr("网站域名", "Domains") } else { tr("使用的域名", "Domains used") }}</th>
                                                <td colspan="3">{if website { &site.domains } else { &site.app.domains }.iter().map(|d| to_unicode(d)).collect::<Vec<_>>().join(tr("；", "; "))}</td></tr>
                                            <tr><th>{tr("服务内容", "Service content")}</th><td colspan="3">{site.content.iter().map(|c| catalog::label(service_content(), c, lang())).collect::<Vec<_>>().join(tr("、", ", "))}</td></tr>
                                            {person_rows(&lang().pick(format!("{kind}负责人"), format!("{kind} principal")), &principal)}
                                            <tr><th colspan="4">{tr("接入信息", "Access")}</th></tr>
                                            {site.accesses.iter().map(|a| view! {
                                                <tr><th>{tr("IP地址", "IP addresses")}</th><td>{a.ips.clone()}</td><th>{tr("接入方式", "Access mode")}</th>
                                                    <td>{a.modes.iter().map(|m| catalog::label(access_modes(), m, lang())).collect::<Vec<_>>().join(tr("、", ", "))}</td></tr>
                                            }).collect_view()}
                                        </tbody></table>
                                        <p class="declaration">{tr("本人承诺以上所填写的备案信息真实有效，并对其真实性负责。", "I declare that the filing information above is true and valid, and I am responsible for its truth.")}</p>
                                        <div class="signatures">
                                            <p>{lang().pick(format!("{kind}负责人签字：________________"), format!("Signature of the {kind} principal: ________________"))}</p>
                                            <p>{tr("主办单位盖章（单位）：________________", "Sponsor's seal (organisations): ________________")}</p>
                                            <p>{tr("核验日期：______年____月____日", "Verified on: ____-__-__")}</p>
                                        </div>
                                    </article>
                                }
                            }).collect_view()}
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}
