//! Step 2, 网站和接入信息: add, edit and delete up to ten sites, each with
//! domains, content, languages, 前置审批 items, a 网站负责人 and its accesses.

use leptos::prelude::*;

use crate::domain::catalog::{Code, ACCESS_MODES, LANGUAGES, PRE_APPROVAL_TYPES, SERVICE_CONTENT};
use crate::domain::filing::{Access, PreApproval, Site, MAX_DOMAINS, MAX_SITES};
use crate::domain::region::PROVINCES;
use crate::i18n::*;
use crate::pages::filing::subject_step::PersonFields;
use crate::pages::filing::wizard::Providers;
use crate::ui::field::FieldMessage;
use crate::ui::filing_paths::document_mut;
use crate::ui::language::is_english;
use crate::ui::wizard_fields::{ChecksIn, DocUpload, SelectIn, TextIn, Wizard, L};

fn options(list: &[Code]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|c| (c.code.into(), c.zh.into(), c.en.into()))
        .collect()
}

/// Asks before a destructive action (the browser's own dialog).
pub fn confirmed(message: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.confirm_with_message(message).ok())
            .unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = message;
        false
    }
}

#[component]
pub fn SitesStep() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let i18n = use_i18n();
    let editing = RwSignal::new(None::<usize>);
    let count = move || w.filing.with(|f| f.sites.len());
    let add = move |_| {
        let province = w.filing.with_untracked(|f| f.subject.province.clone());
        w.filing.update(|f| {
            f.sites.push(Site {
                principal_same_as_subject: true,
                languages: vec!["1".into()],
                domains: vec![String::new()],
                accesses: vec![Access {
                    server_location: vec![province]
                        .into_iter()
                        .filter(|p| !p.is_empty())
                        .collect(),
                    ..Access::default()
                }],
                ..Site::default()
            })
        });
        editing.set(Some(count() - 1));
    };
    let site_error = move || w.error_for("sites");
    view! {
        <h2><L zh="网站信息" en="Sites"/></h2>
        <p class="hint"><L zh="同一个备案主体可以同时对多个网站进行备案（最多 10 个）。网站服务内容至少选择一项；网站域名请填写 www. 后的完整信息。"
            en="One filing can carry several sites (at most 10). Choose at least one service content; enter domains without www."/></p>
        <ProviderChoice/>
        {move || site_error().map(|e| view! { <p class="field-error" id="f-sites-error" role="alert">{e.message(is_english(i18n)).to_owned()}</p> })}
        {move || (0..count()).map(|i| view! {
            <article class="site-card" id=format!("site-{i}")>
                <header class="site-card-head">
                    <h3>{format!("{} {}", if is_english(i18n) { "Site" } else { "网站" }, i + 1)}": "
                        {move || w.filing.with(|f| f.sites.get(i).map(|s| s.name.clone()).unwrap_or_default())}</h3>
                    {w.editable.then(|| view! {
                        <button type="button" class="button button-small button-secondary"
                            on:click=move |_| editing.set(if editing.get() == Some(i) { None } else { Some(i) })>
                            {move || if editing.get() == Some(i) { view! { <L zh="收起" en="Close"/> } } else { view! { <L zh="修改" en="Edit"/> } }}
                        </button>
                    })}
                    {w.can_remove_site(i).then(|| view! {
                        <button type="button" class="button button-small button-danger" on:click=move |_| {
                            if confirmed(if is_english(i18n) { "Delete this site and its accesses?" } else { "确定删除该网站及其接入信息？" }) {
                                w.filing.update(|f| { if i < f.sites.len() { f.sites.remove(i); } });
                                editing.set(None);
                            }
                        }><L zh="删除" en="Delete"/></button>
                    })}
                </header>
                {move || (editing.get() == Some(i) || !w.editable || w.show_all.get()).then(|| view! { <SiteEditor i/> })}
            </article>
        }).collect_view()}
        {move || (w.can_add_site() && count() < MAX_SITES).then(|| view! {
            <button type="button" class="button" on:click=add><L zh="添加网站" en="Add a site"/></button>
        })}
    }
}

/// 网站接入服务提供者: fixed for 代为备案, chosen by a filer otherwise. It is
/// the provider of every access being filed (each access names it), and
/// its IP blocks bound their IPs.
#[component]
fn ProviderChoice() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let i18n = use_i18n();
    let Providers(list, proxy) = expect_context::<Providers>();
    let chosen = move || w.filing.with(|f| f.provider_id);
    let names = list.clone();
    let name = move || {
        chosen()
            .and_then(|id| names.iter().find(|p| p.id == id))
            .map(|p| p.name.clone())
    };
    let fixed = proxy || !w.editable || w.change.is_some();
    view! {
        <div class="field" class:has-error=move || w.error_for("provider_id").is_some()>
            <label for="f-provider_id"><L zh="网站接入服务提供者名称" en="Access provider"/></label>
            {if fixed {
                view! { <p id="f-provider_id">{name}</p> }.into_any()
            } else {
                view! {
                    <select id="f-provider_id" on:change=move |ev| {
                        let id = event_target_value(&ev).parse::<i64>().ok();
                        w.filing.update(|f| f.provider_id = id);
                        w.touch("provider_id");
                    }>
                        <option value="">{move || if is_english(i18n) { "— choose —" } else { "—请选择—" }}</option>
                        {list.iter().map(|p| {
                            let id = p.id;
                            view! { <option value=id.to_string() selected=move || chosen() == Some(id)>{p.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                }.into_any()
            }}
            <FieldMessage id="f-provider_id-error".into() error=Signal::derive(move || w.error_for("provider_id"))/>
        </div>
    }
}

/// The form of site `i`.
#[component]
fn SiteEditor(i: usize) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let p = move |field: &str| format!("sites[{i}].{field}");
    let domain_count = move || {
        w.filing
            .with(|f| f.sites.get(i).map_or(0, |s| s.domains.len()))
    };
    let same = move || {
        w.filing
            .with(|f| f.sites.get(i).is_some_and(|s| s.principal_same_as_subject))
    };
    let set_same = move |ev| {
        let on = event_target_checked(&ev);
        w.filing.update(|f| {
            if let Some(site) = f.sites.get_mut(i) {
                site.principal_same_as_subject = on;
            }
        });
    };
    let item_count = move || {
        w.filing
            .with(|f| f.sites.get(i).map_or(0, |s| s.pre_approvals.len()))
    };
    let access_count = move || {
        w.filing
            .with(|f| f.sites.get(i).map_or(0, |s| s.accesses.len()))
    };
    let same_id = format!("sites-{i}-same-principal");
    let same_for = same_id.clone();
    view! {
        <div class="form-grid">
            <TextIn path=p("name") zh="网站名称" en="Site name" required=true/>
            <TextIn path=p("home_url") zh="网站首页网址" en="Home page URL" placeholder="www.example.com" required=true/>
        </div>
        <fieldset class="field" id=format!("f-sites-{i}-domains")>
            <legend><L zh="网站域名（填写 www. 后的完整信息，如 example.com）" en="Domains (without www., e.g. example.com)"/></legend>
            {move || (0..domain_count()).map(|j| view! {
                <div class="inline-row">
                    <TextIn path=p(&format!("domains[{j}]")) zh="域名" en="Domain"/>
                    {(w.can_remove_domain(i) && j > 0).then(|| view! {
                        <button type="button" class="button button-small button-secondary" on:click=move |_| w.filing.update(|f| {
                            if let Some(site) = f.sites.get_mut(i) { if j < site.domains.len() { site.domains.remove(j); } }
                        })><L zh="移除" en="Remove"/></button>
                    })}
                </div>
            }).collect_view()}
            {move || (w.can_edit(&p("domains[0]")) && domain_count() < MAX_DOMAINS).then(|| view! {
                <button type="button" class="button button-small button-secondary" on:click=move |_| w.filing.update(|f| {
                    if let Some(site) = f.sites.get_mut(i) { site.domains.push(String::new()); }
                })><L zh="添加域名" en="Add a domain"/></button>
            })}
            <p class="field-error" role="alert">{move || w.error_for(&p("domains")).map(|e| e.zh)}</p>
        </fieldset>
        <ChecksIn path=p("content") zh="网站服务内容（至少选择一项）" en="Service content (at least one)" options=options(SERVICE_CONTENT)/>
        <ChecksIn path=p("languages") zh="网站语言" en="Languages" options=options(LANGUAGES)/>
        <TextIn path=p("remark") zh="网站备注（选择“其他”时请说明网站实际内容）" en="Remark (describe the site when choosing Other)" multiline=true/>
        <fieldset class="field" id=format!("f-sites-{i}-pre_approvals")>
            <legend><L zh="前置审批项（不涉及则不填）" en="Pre-approval items (none if not applicable)"/></legend>
            {move || (0..item_count()).map(|k| {
                let doc_path = p(&format!("pre_approvals[{k}].document"));
                let doc_write = doc_path.clone();
                let current = Signal::derive(move || w.filing.with(|f| f.sites.get(i).and_then(|s| s.pre_approvals.get(k)).and_then(|a| a.document.clone())));
                view! {
                    <div class="sub-card">
                        <SelectIn path=p(&format!("pre_approvals[{k}].kind")) zh="前置审批类型" en="Type" options=Signal::derive(|| options(PRE_APPROVAL_TYPES))/>
                        <TextIn path=p(&format!("pre_approvals[{k}].approval_no")) zh="前置审批号" en="Approval number" placeholder="粤-12345号"/>
                        <DocUpload path=doc_path zh="前置审批文件" en="Approval scan" kind="PRE_APPROVAL" current
                            on_uploaded=Callback::new(move |doc| w.filing.update(|f| {
                                if let Some(slot) = document_mut(f, &doc_write) { *slot = Some(doc); }
                            }))/>
                        {w.can_edit(&p("pre_approvals")).then(|| view! {
                            <button type="button" class="button button-small button-secondary" on:click=move |_| w.filing.update(|f| {
                                if let Some(site) = f.sites.get_mut(i) { if k < site.pre_approvals.len() { site.pre_approvals.remove(k); } }
                            })><L zh="移除该项" en="Remove item"/></button>
                        })}
                    </div>
                }
            }).collect_view()}
            {w.can_edit(&p("pre_approvals")).then(|| view! {
                <button type="button" class="button button-small button-secondary" on:click=move |_| w.filing.update(|f| {
                    if let Some(site) = f.sites.get_mut(i) { site.pre_approvals.push(PreApproval::default()); }
                })><L zh="添加前置审批项" en="Add a pre-approval item"/></button>
            })}
            <p class="field-error" role="alert">{move || w.error_for(&p("pre_approvals")).map(|e| e.zh)}</p>
        </fieldset>
        <h4><L zh="网站负责人" en="Person in charge of the site"/></h4>
        <label class="check" for=same_for>
            <input id=same_id type="checkbox" disabled=!w.can_edit(&p("principal_same_as_subject")) prop:checked=same on:change=set_same/>
            <L zh="同主体负责人" en="Same as the subject's person in charge"/>
        </label>
        {move || (!same()).then(|| view! { <PersonFields base=format!("sites[{i}].principal")/> })}
        <h4><L zh="接入信息" en="Access"/></h4>
        {move || (0..access_count()).map(|k| view! { <AccessEditor i k/> }).collect_view()}
        {w.can_edit(&p("accesses")).then(|| view! {
            <button type="button" class="button button-small button-secondary" on:click=move |_| w.filing.update(|f| {
                if let Some(site) = f.sites.get_mut(i) { site.accesses.push(Access::default()); }
            })><L zh="添加接入" en="Add an access"/></button>
        })}
        <p class="field-error" role="alert">{move || w.error_for(&p("accesses")).map(|e| e.zh)}</p>
    }
}

/// Access `k` of site `i` (添加接入): its provider, named on each access
/// as the manual shows it, then its IPs, modes and server location. An
/// access being filed is the filing's provider's, which verifies it; an
/// access another provider filed keeps that provider.
#[component]
fn AccessEditor(i: usize, k: usize) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let Providers(list, _) = expect_context::<Providers>();
    let provider = move || {
        w.filing
            .with(|f| {
                let access = f.sites.get(i).and_then(|s| s.accesses.get(k));
                access.and_then(|a| a.provider_id).or(f.provider_id)
            })
            .and_then(|id| list.iter().find(|p| p.id == id))
            .map_or_else(|| "—".to_owned(), |p| p.name.clone())
    };
    let p = move |field: &str| format!("sites[{i}].accesses[{k}].{field}");
    let locations: Vec<(String, String, String)> = PROVINCES
        .iter()
        .map(|p| (p.code.into(), p.name_zh.into(), p.name_en.into()))
        .collect();
    view! {
        <div class="sub-card">
            <p class="access-provider" id=format!("access-provider-{i}-{k}")>
                <L zh="网站接入服务提供者名称：" en="Access provider: "/>{provider}
            </p>
            <TextIn path=p("ips") zh="网站IP地址（多个用 ; 分隔，地址段写作 起始-结束）" en="IP addresses (separate with ;, ranges as start-end)" placeholder="121.40.1.10;121.40.1.20-121.40.1.30" required=true/>
            <ChecksIn path=p("modes") zh="网站接入方式" en="Access mode" options=options(ACCESS_MODES)/>
            <ChecksIn path=p("server_location") zh="服务器放置地" en="Server location" options=locations/>
            {(w.can_edit(&p("ips")) && k > 0).then(|| view! {
                <button type="button" class="button button-small button-secondary" on:click=move |_| w.filing.update(|f| {
                    if let Some(site) = f.sites.get_mut(i) { if k < site.accesses.len() { site.accesses.remove(k); } }
                })><L zh="删除该接入" en="Delete this access"/></button>
            })}
        </div>
    }
}
