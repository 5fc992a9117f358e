//! 《网站备案信息真实性核验单》: generated from the filing, one printed page
//! per site, ready for the 网站负责人 to sign (print CSS in main.css).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::auth::SessionUser;
use crate::api::filing::load_filing;
use crate::domain::catalog::{self, ACCESS_MODES, SERVICE_CONTENT};
use crate::domain::certificate::{cert_type_by_code, nature_by_code};
use crate::domain::domain_name::to_unicode;
use crate::domain::filing::Person;
use crate::domain::region::province_by_code;
use crate::domain::service::ServiceKind;
use crate::i18n::*;
use crate::pages::filing::list::FILING_ROLES;
use crate::ui::alert::LoadFailure;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn ChecklistPage() -> impl IntoView {
    view! { <RoleGate roles=FILING_ROLES page=checklist/> }
}

fn person_rows(title: &str, p: &Person) -> impl IntoView {
    let title = title.to_owned();
    let cert = cert_type_by_code(&p.cert_type).map(|c| c.zh).unwrap_or("");
    view! {
        <tr><th colspan="4">{title}</th></tr>
        <tr><th>"姓名"</th><td>{p.name.clone()}</td><th>"证件"</th><td>{format!("{cert} {}", p.cert_number)}</td></tr>
        <tr><th>"手机号码"</th><td>{p.mobile.clone()}</td><th>"办公电话"</th><td>{p.office_phone.clone()}</td></tr>
        <tr><th>"电子邮箱"</th><td colspan="3">{p.email.clone()}</td></tr>
    }
}

/// Opens the browser's print dialog (the print CSS shows one site a page).
fn print_page() {
    if let Err(error) = window().print() {
        leptos::logging::warn!("print failed: {error:?}");
    }
}

fn checklist(_user: SessionUser) -> AnyView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0));
    let data = Resource::new(id, load_filing);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => view! { <LoadFailure error/> }.into_any(),
                    Ok(view) => {
                        let f = view.filing;
                        let s = f.subject.clone();
                        let province = province_by_code(&s.province).map(|p| p.name_zh).unwrap_or("");
                        let nature = nature_by_code(&s.nature).map(|n| n.zh).unwrap_or("");
                        let cert = cert_type_by_code(&s.cert_type).map(|c| c.zh).unwrap_or("");
                        view! {
                            <p class="no-print"><button type="button" class="button" on:click=|_| print_page()>"打印 / Print"</button></p>
                            {f.sites.iter().enumerate().map(|(n, site)| {
                                let principal = if site.principal_same_as_subject { s.principal.clone() } else { site.principal.clone() };
                                let kind = site.kind.label(false);
                                let website = site.kind == ServiceKind::Website;
                                view! {
                                    <article class="checklist-page">
                                        <h1>"网站备案信息真实性核验单"</h1>
                                        <p class="checklist-meta">{format!("备案申请 #{} · {kind} {} / {} · {province}", view.id, n + 1, f.sites.len())}</p>
                                        // The rows sit in a <tbody>: a browser adds one to a
                                        // bare <table>, and the page would not hydrate.
                                        <table class="checklist"><tbody>
                                            <tr><th colspan="4">"主办单位信息"</th></tr>
                                            <tr><th>"主办单位名称"</th><td colspan="3">{s.name.clone()}</td></tr>
                                            <tr><th>"单位性质"</th><td>{nature}</td><th>"证件"</th><td>{format!("{cert} {}", s.cert_number)}</td></tr>
                                            <tr><th>"通信地址"</th><td colspan="3">{s.mail_address.clone()}</td></tr>
                                            {person_rows("主体负责人", &s.principal)}
                                            <tr><th colspan="4">{format!("{kind}信息")}</th></tr>
                                            <tr><th>{format!("{kind}名称")}</th><td>{site.name.clone()}</td>
                                                <th>{if website { "首页网址" } else { "包名或平台ID" }}</th>
                                                <td>{if website { site.home_url.clone() } else { site.identifiers().join("；") }}</td></tr>
                                            <tr><th>{if website { "网站域名" } else { "使用的域名" }}</th>
                                                <td colspan="3">{if website { &site.domains } else { &site.app.domains }.iter().map(|d| to_unicode(d)).collect::<Vec<_>>().join("；")}</td></tr>
                                            <tr><th>"服务内容"</th><td colspan="3">{site.content.iter().map(|c| catalog::label(SERVICE_CONTENT, c, false)).collect::<Vec<_>>().join("、")}</td></tr>
                                            {person_rows(&format!("{kind}负责人"), &principal)}
                                            <tr><th colspan="4">"接入信息"</th></tr>
                                            {site.accesses.iter().map(|a| view! {
                                                <tr><th>"IP地址"</th><td>{a.ips.clone()}</td><th>"接入方式"</th>
                                                    <td>{a.modes.iter().map(|m| catalog::label(ACCESS_MODES, m, false)).collect::<Vec<_>>().join("、")}</td></tr>
                                            }).collect_view()}
                                        </tbody></table>
                                        <p class="declaration">"本人承诺以上所填写的备案信息真实有效，并对其真实性负责。"</p>
                                        <div class="signatures">
                                            <p>{format!("{kind}负责人签字：________________")}</p>
                                            <p>"主办单位盖章（单位）：________________"</p>
                                            <p>"核验日期：______年____月____日"</p>
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
