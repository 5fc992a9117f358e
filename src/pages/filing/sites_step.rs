//! Step 2, 服务信息: add, edit and delete up to ten services (网站, APP,
//! 小程序, 快应用), each with its own data (a website's domains, an app's
//! platforms, a mini-program's platform id), content, languages, 前置审批
//! items, a 负责人 and its accesses.

use leptos::prelude::*;

use crate::domain::catalog::{self, access_modes, languages, pre_approval_types, Code};
use crate::domain::filing::{Access, PreApproval, Site, MAX_DOMAINS, MAX_SITES};
use crate::domain::filing_paths::{codes, document_mut, text};
use crate::domain::region::PROVINCES;
use crate::domain::service::{
    app_platforms, AppInfo, AppPlatform, Sdk, ServiceKind, MAX_APP_DOMAINS, MAX_APP_PLATFORMS,
    MAX_APP_SDKS,
};
use crate::domain::step_form::{flag_name, text_name};
use crate::pages::filing::subject_step::PersonFields;
use crate::pages::filing::wizard::Providers;
use crate::ui::field::FieldMessage;
use crate::ui::i18n::{lang, tr, Lang};
use crate::ui::wizard_fields::{
    CheckOption, CheckOptions, ChecksIn, DocUpload, SelectIn, TextIn, Wizard,
};

/// The choices of a code-list field whose value is `chosen`: retired codes
/// stay out unless chosen (`catalog::shown`).
fn options(list: &'static [Code], chosen: &[String]) -> Vec<CheckOption> {
    catalog::shown(list, chosen).map(choice).collect()
}

/// One code as a checkbox's choice.
fn choice(code: &Code) -> CheckOption {
    (code.code.into(), code.name(Lang::Zh), code.name(Lang::En))
}

/// The 服务内容 choices under their categories.
fn content_options(chosen: &[String]) -> CheckOptions {
    CheckOptions(
        catalog::service_content_by_group(chosen)
            .into_iter()
            .map(|(group, codes)| {
                let heading = (group.name(Lang::Zh), group.name(Lang::En));
                (Some(heading), codes.into_iter().map(choice).collect())
            })
            .collect(),
    )
}

/// The codes ticked at `path` when the form is drawn.
fn ticked(w: Wizard, path: &str) -> Vec<String> {
    w.filing.with_untracked(|f| codes(f, path))
}

/// The choices of a select at `path`, following its value.
fn select_options(
    w: Wizard,
    list: &'static [Code],
    path: String,
) -> Signal<Vec<(String, String, String)>> {
    Signal::derive(move || {
        let chosen: Vec<String> = w
            .filing
            .with(|f| text(f, &path).cloned().into_iter().collect());
        options(list, &chosen)
    })
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
    let editing = RwSignal::new(None::<usize>);
    let count = move || w.filing.with(|f| f.sites.len());
    let add = move |kind: ServiceKind| {
        let province = w.filing.with_untracked(|f| f.subject.province.clone());
        w.filing.update(|f| {
            f.sites.push(Site {
                kind,
                principal_same_as_subject: true,
                languages: vec!["1".into()],
                domains: if kind == ServiceKind::Website {
                    vec![String::new()]
                } else {
                    Vec::new()
                },
                app: AppInfo {
                    platforms: if kind == ServiceKind::App {
                        vec![AppPlatform {
                            platform: "ANDROID".into(),
                            ..AppPlatform::default()
                        }]
                    } else {
                        Vec::new()
                    },
                    domains: if kind == ServiceKind::App {
                        vec![String::new()]
                    } else {
                        Vec::new()
                    },
                    ..AppInfo::default()
                },
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
        <h2>{tr("服务信息", "Services")}</h2>
        <p class="hint">{tr("同一个备案主体可以同时对多个网站、APP、小程序和快应用进行备案（合计最多 10 个）。服务内容至少选择一项；网站域名请填写 www. 后的完整信息。", "One filing can carry several websites, apps, mini-programs and quick apps (at most 10 in all). Choose at least one service content; enter website domains without www.")}</p>
        <ProviderChoice/>
        {move || site_error().map(|e| view! { <p class="field-error" id="f-sites-error" role="alert">{e.message(lang()).to_owned()}</p> })}
        {move || (0..count()).map(|i| view! {
            <article class="site-card" id=format!("site-{i}")>
                <header class="site-card-head">
                    <h3>{move || format!("{} {}", w.filing.with(|f| f.sites.get(i).map(|s| s.kind).unwrap_or_default()).label(lang()), i + 1)}": "
                        {move || w.filing.with(|f| f.sites.get(i).map(|s| s.name.clone()).unwrap_or_default())}</h3>
                    {w.editable.then(|| view! {
                        <button type="button" class="button button-small button-secondary"
                            on:click=move |_| editing.set(if editing.get() == Some(i) { None } else { Some(i) })>
                            {move || if editing.get() == Some(i) { view! { {tr("收起", "Close")} } } else { view! { {tr("修改", "Edit")} } }}
                        </button>
                    })}
                    {w.can_remove_site(i).then(|| view! {
                        <button type="button" class="button button-small button-danger" on:click=move |_| {
                            if confirmed(tr("确定删除该服务及其接入信息？", "Delete this service and its accesses?")) {
                                w.filing.update(|f| { if i < f.sites.len() { f.sites.remove(i); } });
                                editing.set(None);
                            }
                        }>{tr("删除", "Delete")}</button>
                    })}
                </header>
                {move || (editing.get() == Some(i) || !w.editable || w.show_all.get()).then(|| view! { <SiteEditor i/> })}
            </article>
        }).collect_view()}
        {move || (w.can_add_site() && count() < MAX_SITES).then(|| view! {
            <div class="button-row" id="add-service">
                {ServiceKind::ALL.into_iter().map(|kind| view! {
                    <button type="button" class="button" id=format!("add-service-{}", kind.code()) on:click=move |_| add(kind)>
                        {lang().pick(format!("添加{}", kind.label(Lang::Zh)), format!("Add a {}", kind.label(Lang::En).to_lowercase()))}
                    </button>
                }).collect_view()}
            </div>
        })}
    }
}

/// 网站接入服务提供者: fixed for 代为备案, chosen by a filer otherwise. It is
/// the provider of every access being filed (each access names it), and
/// its IP blocks bound their IPs.
#[component]
fn ProviderChoice() -> impl IntoView {
    let w = expect_context::<Wizard>();
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
            <label for="f-provider_id">{tr("网站接入服务提供者名称", "Access provider")}</label>
            {if fixed {
                view! { <p id="f-provider_id">{name}</p> }.into_any()
            } else {
                view! {
                    <select id="f-provider_id" name=text_name("provider_id") on:change=move |ev| {
                        let id = event_target_value(&ev).parse::<i64>().ok();
                        w.filing.update(|f| f.provider_id = id);
                        w.touch("provider_id");
                    }>
                        <option value="">{move || tr("—请选择—", "— choose —")}</option>
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
        <KindFields i/>
        <ChecksIn path=p("content") zh="服务内容（至少选择一项）" en="Service content (at least one)" options=content_options(&ticked(w, &p("content")))/>
        <ChecksIn path=p("languages") zh="语言" en="Languages" options=options(languages(), &ticked(w, &p("languages")))/>
        <TextIn path=p("remark") zh="备注（选择“其他”时请说明实际内容）" en="Remark (describe the service when choosing Other)" multiline=true/>
        <fieldset class="field" id=format!("f-sites-{i}-pre_approvals")>
            <legend>{tr("前置审批项（不涉及则不填）", "Pre-approval items (none if not applicable)")}</legend>
            {move || (0..item_count()).map(|k| {
                let doc_path = p(&format!("pre_approvals[{k}].document"));
                let doc_write = doc_path.clone();
                let current = Signal::derive(move || w.filing.with(|f| f.sites.get(i).and_then(|s| s.pre_approvals.get(k)).and_then(|a| a.document.clone())));
                view! {
                    <div class="sub-card">
                        <SelectIn path=p(&format!("pre_approvals[{k}].kind")) zh="前置审批类型" en="Type" options=select_options(w, pre_approval_types(), p(&format!("pre_approvals[{k}].kind")))/>
                        <TextIn path=p(&format!("pre_approvals[{k}].approval_no")) zh="前置审批号" en="Approval number" placeholder=tr("粤-12345号", "e.g. 粤-12345号")/>
                        <DocUpload path=doc_path zh="前置审批文件" en="Approval scan" kind="PRE_APPROVAL" current
                            on_uploaded=Callback::new(move |doc| w.filing.update(|f| {
                                if let Some(slot) = document_mut(f, &doc_write) { *slot = Some(doc); }
                            }))/>
                        {w.can_edit(&p("pre_approvals")).then(|| view! {
                            <button type="button" class="button button-small button-secondary" on:click=move |_| w.filing.update(|f| {
                                if let Some(site) = f.sites.get_mut(i) { if k < site.pre_approvals.len() { site.pre_approvals.remove(k); } }
                            })>{tr("移除该项", "Remove item")}</button>
                        })}
                    </div>
                }
            }).collect_view()}
            {w.can_edit(&p("pre_approvals")).then(|| view! {
                <button type="button" class="button button-small button-secondary" on:click=move |_| w.filing.update(|f| {
                    if let Some(site) = f.sites.get_mut(i) { site.pre_approvals.push(PreApproval::default()); }
                })>{tr("添加前置审批项", "Add a pre-approval item")}</button>
            })}
            <p class="field-error" role="alert">{move || w.error_for(&p("pre_approvals")).map(|e| lang().pick(e.zh, e.en))}</p>
        </fieldset>
        <h4>{tr("负责人", "Person in charge of the service")}</h4>
        <label class="check" for=same_for>
            <input type="hidden" name=flag_name(&p("principal_same_as_subject")) value="" disabled=!w.can_edit(&p("principal_same_as_subject"))/>
            <input id=same_id type="checkbox" name=flag_name(&p("principal_same_as_subject")) value="true" disabled=!w.can_edit(&p("principal_same_as_subject"))
                checked=same() prop:checked=same on:change=set_same/>
            {tr("同主体负责人", "Same as the subject's person in charge")}
        </label>
        {move || (!same()).then(|| view! { <PersonFields base=format!("sites[{i}].principal")/> })}
        <h4>{tr("接入信息", "Access")}</h4>
        <TransferIn i/>
        {move || (0..access_count()).map(|k| view! { <AccessEditor i k/> }).collect_view()}
        {w.can_edit(&p("accesses")).then(|| view! {
            <button type="button" class="button button-small button-secondary" on:click=move |_| w.filing.update(|f| {
                if let Some(site) = f.sites.get_mut(i) { site.accesses.push(Access::default()); }
            })>{tr("添加接入", "Add an access")}</button>
        })}
        <p class="field-error" role="alert">{move || w.error_for(&p("accesses")).map(|e| lang().pick(e.zh, e.en))}</p>
    }
}

/// 转入 for website `i`: a site filed with other providers moves to this
/// one, whose access then replaces theirs (else it joins them, 新增接入).
#[component]
fn TransferIn(i: usize) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let path = format!("sites[{i}].transfer_in");
    let website = move || {
        w.filing.with(|f| {
            f.sites
                .get(i)
                .is_some_and(|s| s.kind == ServiceKind::Website)
        })
    };
    let ticked = move || {
        w.filing
            .with(|f| f.sites.get(i).is_some_and(|s| s.transfer_in))
    };
    let touched = path.clone();
    let set = move |ev| {
        let on = event_target_checked(&ev);
        w.filing.update(|f| {
            if let Some(site) = f.sites.get_mut(i) {
                site.transfer_in = on;
            }
        });
        w.touch(&touched);
    };
    move || {
        website().then(|| {
            let editable = w.can_edit(&path);
            let error_path = path.clone();
            view! {
                <div class="field" id=format!("f-sites-{i}-transfer_in")>
                    <label class="check">
                        <input type="hidden" name=flag_name(&path) value="" disabled=!editable/>
                        <input type="checkbox" name=flag_name(&path) value="true" disabled=!editable
                            checked=ticked() prop:checked=ticked on:change=set.clone()/>
                        {tr("转入：该网站已备案并由其他接入服务商接入，审核通过后迁至本接入商，原接入随之结束（不勾选则为新增接入，与原接入并存）",
                            "Transfer in: the site is filed and served by another provider; once approved it moves here and that access ends (unticked, the new access joins it)")}
                    </label>
                    <p class="field-error" role="alert">{move || w.error_for(&error_path).map(|e| lang().pick(e.zh, e.en))}</p>
                </div>
            }
        })
    }
}

/// What only service `i`'s kind carries, with the name labelled for it.
#[component]
fn KindFields(i: usize) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let kind = Memo::new(move |_| {
        w.filing
            .with(|f| f.sites.get(i).map(|s| s.kind).unwrap_or_default())
    });
    let name = format!("sites[{i}].name");
    move || {
        let name = name.clone();
        match kind.get() {
            ServiceKind::Website => view! {
                <div class="form-grid">
                    <TextIn path=name zh="网站名称" en="Site name" required=true/>
                    <TextIn path=format!("sites[{i}].home_url") zh="网站首页网址" en="Home page URL" placeholder="www.example.com" required=true/>
                </div>
                <WebsiteDomains i/>
            }
            .into_any(),
            ServiceKind::App => view! {
                <div class="form-grid">
                    <TextIn path=name zh="APP名称" en="App name" required=true/>
                </div>
                <AppFields i/>
            }
            .into_any(),
            kind => {
                let (zh, en, id_zh, id_en) = if kind == ServiceKind::MiniProgram {
                    ("小程序名称", "Mini-program name", "小程序ID（如微信 AppID）", "Mini-program id (e.g. WeChat AppID)")
                } else {
                    ("快应用名称", "Quick app name", "快应用包名", "Quick app package name")
                };
                view! {
                    <div class="form-grid">
                        <TextIn path=name zh en required=true/>
                        <SelectIn path=format!("sites[{i}].mini.platform") zh="所在平台" en="Platform"
                            options=select_options(w, kind.platforms(), format!("sites[{i}].mini.platform")) required=true/>
                        <TextIn path=format!("sites[{i}].mini.app_id") zh=id_zh en=id_en required=true/>
                    </div>
                }
                .into_any()
            }
        }
    }
}

/// A website's 网站域名.
#[component]
fn WebsiteDomains(i: usize) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let p = move |field: &str| format!("sites[{i}].{field}");
    let domain_count = move || {
        w.filing
            .with(|f| f.sites.get(i).map_or(0, |s| s.domains.len()))
    };
    view! {
        <fieldset class="field" id=format!("f-sites-{i}-domains")>
            <legend>{tr("网站域名（填写 www. 后的完整信息，如 example.com）", "Domains (without www., e.g. example.com)")}</legend>
            {move || (0..domain_count()).map(|j| view! {
                <div class="inline-row">
                    <TextIn path=p(&format!("domains[{j}]")) zh="域名" en="Domain"/>
                    {(w.can_remove_domain(i) && j > 0).then(|| view! {
                        <button type="button" class="button button-small button-secondary" on:click=move |_| w.filing.update(|f| {
                            if let Some(site) = f.sites.get_mut(i) { if j < site.domains.len() { site.domains.remove(j); } }
                        })>{tr("移除", "Remove")}</button>
                    })}
                </div>
            }).collect_view()}
            {move || (w.can_edit(&p("domains[0]")) && domain_count() < MAX_DOMAINS).then(|| view! {
                <button type="button" class="button button-small button-secondary" on:click=move |_| w.filing.update(|f| {
                    if let Some(site) = f.sites.get_mut(i) { site.domains.push(String::new()); }
                })>{tr("添加域名", "Add a domain")}</button>
            })}
            <ListError path=p("domains")/>
        </fieldset>
    }
}

/// The message for a whole list (`sites[0].app.platforms`).
#[component]
fn ListError(path: String) -> impl IntoView {
    let w = expect_context::<Wizard>();
    view! {
        <p class="field-error" role="alert">
            {move || w.error_for(&path).map(|e| e.message(lang()).to_owned())}
        </p>
    }
}

/// An app's icon, platforms with their identifiers, domains and SDKs.
#[component]
fn AppFields(i: usize) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let p = move |field: &str| format!("sites[{i}].app.{field}");
    let len = move |of: fn(&AppInfo) -> usize| {
        move || w.filing.with(|f| f.sites.get(i).map_or(0, |s| of(&s.app)))
    };
    let platforms = len(|a| a.platforms.len());
    let domains = len(|a| a.domains.len());
    let sdks = len(|a| a.sdks.len());
    let editable = w.can_edit(&p("platforms"));
    let edit = move |change: fn(&mut AppInfo, usize), k: usize| {
        w.filing.update(|f| {
            if let Some(site) = f.sites.get_mut(i) {
                change(&mut site.app, k);
            }
        })
    };
    let icon_path = p("icon");
    let icon_write = icon_path.clone();
    let icon = Signal::derive(move || {
        w.filing
            .with(|f| f.sites.get(i).and_then(|s| s.app.icon.clone()))
    });
    view! {
        <DocUpload path=icon_path zh="APP图标" en="App icon" kind="APP_ICON" current=icon
            on_uploaded=Callback::new(move |doc| w.filing.update(|f| {
                if let Some(slot) = document_mut(f, &icon_write) { *slot = Some(doc); }
            }))/>
        <fieldset class="field" id=format!("f-sites-{i}-app-platforms")>
            <legend>{tr("APP平台（每个平台填写包名或 Bundle ID、签名公钥和签名指纹）", "Platforms (each with its package or Bundle ID, signing key and fingerprint)")}</legend>
            {move || (0..platforms()).map(|k| {
                let q = move |field: &str| p(&format!("platforms[{k}].{field}"));
                view! {
                    <div class="sub-card app-platform">
                        <SelectIn path=q("platform") zh="平台" en="Platform"
                            options=select_options(w, app_platforms(), q("platform")) required=true/>
                        <TextIn path=q("package") zh="包名（iOS 填 Bundle ID）" en="Package name (Bundle ID on iOS)" placeholder="com.example.app" required=true/>
                        <TextIn path=q("public_key") zh="签名证书公钥" en="Signing certificate public key" multiline=true required=true/>
                        <TextIn path=q("fingerprint") zh="签名 MD5（iOS 填证书 SHA-1 指纹）" en="Signature MD5 (SHA-1 fingerprint on iOS)" placeholder="A1:B2:…" required=true/>
                        {(editable && k > 0).then(|| view! {
                            <button type="button" class="button button-small button-secondary"
                                on:click=move |_| edit(|a, k| { if k < a.platforms.len() { a.platforms.remove(k); } }, k)>
                                {tr("移除该平台", "Remove this platform")}
                            </button>
                        })}
                    </div>
                }
            }).collect_view()}
            {move || (editable && platforms() < MAX_APP_PLATFORMS).then(|| view! {
                <button type="button" class="button button-small button-secondary" id=format!("add-platform-{i}")
                    on:click=move |_| edit(|a, _| a.platforms.push(AppPlatform::default()), 0)>
                    {tr("添加平台", "Add a platform")}
                </button>
            })}
            <ListError path=p("platforms")/>
        </fieldset>
        <fieldset class="field" id=format!("f-sites-{i}-app-domains")>
            <legend>{tr("APP使用的域名（任意级别，如 api.example.com）", "Domains the app uses (any level, e.g. api.example.com)")}</legend>
            {move || (0..domains()).map(|j| view! {
                <div class="inline-row">
                    <TextIn path=p(&format!("domains[{j}]")) zh="域名" en="Domain"/>
                    {(editable && j > 0).then(|| view! {
                        <button type="button" class="button button-small button-secondary"
                            on:click=move |_| edit(|a, j| { if j < a.domains.len() { a.domains.remove(j); } }, j)>
                            {tr("移除", "Remove")}
                        </button>
                    })}
                </div>
            }).collect_view()}
            {move || (editable && domains() < MAX_APP_DOMAINS).then(|| view! {
                <button type="button" class="button button-small button-secondary"
                    on:click=move |_| edit(|a, _| a.domains.push(String::new()), 0)>
                    {tr("添加域名", "Add a domain")}
                </button>
            })}
            <ListError path=p("domains")/>
        </fieldset>
        <fieldset class="field" id=format!("f-sites-{i}-app-sdks")>
            <legend>{tr("嵌入的第三方SDK（没有则不填）", "Embedded third-party SDKs (none if not applicable)")}</legend>
            {move || (0..sdks()).map(|k| view! {
                <div class="inline-row">
                    <TextIn path=p(&format!("sdks[{k}].provider")) zh="SDK提供方" en="SDK provider"/>
                    <TextIn path=p(&format!("sdks[{k}].kind")) zh="SDK类型（如推送、统计）" en="SDK type (push, analytics …)"/>
                    {editable.then(|| view! {
                        <button type="button" class="button button-small button-secondary"
                            on:click=move |_| edit(|a, k| { if k < a.sdks.len() { a.sdks.remove(k); } }, k)>
                            {tr("移除", "Remove")}
                        </button>
                    })}
                </div>
            }).collect_view()}
            {move || (editable && sdks() < MAX_APP_SDKS).then(|| view! {
                <button type="button" class="button button-small button-secondary"
                    on:click=move |_| edit(|a, _| a.sdks.push(Sdk::default()), 0)>
                    {tr("添加SDK", "Add an SDK")}
                </button>
            })}
            <ListError path=p("sdks")/>
        </fieldset>
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
    let locations: Vec<CheckOption> = PROVINCES
        .iter()
        .map(|p| (p.code.into(), p.name_zh.into(), p.name_en.into()))
        .collect();
    view! {
        <div class="sub-card">
            <p class="access-provider" id=format!("access-provider-{i}-{k}")>
                {tr("网站接入服务提供者名称：", "Access provider: ")}{provider}
            </p>
            <TextIn path=p("ips") zh="网站IP地址（多个用 ; 分隔，地址段写作 起始-结束）" en="IP addresses (separate with ;, ranges as start-end)" placeholder="121.40.1.10;121.40.1.20-121.40.1.30" required=true/>
            <ChecksIn path=p("modes") zh="网站接入方式" en="Access mode" options=options(access_modes(), &ticked(w, &p("modes")))/>
            <ChecksIn path=p("server_location") zh="服务器放置地" en="Server location" options=locations/>
            {(w.can_edit(&p("ips")) && k > 0).then(|| view! {
                <button type="button" class="button button-small button-secondary" on:click=move |_| w.filing.update(|f| {
                    if let Some(site) = f.sites.get_mut(i) { if k < site.accesses.len() { site.accesses.remove(k); } }
                })>{tr("删除该接入", "Delete this access")}</button>
            })}
        </div>
    }
}
