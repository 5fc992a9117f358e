//! Step 1, 主办单位信息: the conflict pre-check, the subject's location,
//! nature, certificate and addresses, and the 主体负责人.

use leptos::prelude::*;

use crate::api::filing::precheck_filing;
use crate::domain::certificate::{cert_type_by_code, cert_types, nature_by_code, natures};
use crate::domain::filing_paths::{document_mut, person, person_mut, text};
use crate::domain::province_rules::{rules_for, Rule};
use crate::domain::region::{cities_of, counties_of, province_by_code, PROVINCES};
use crate::domain::step_form::flag_name;
use crate::ui::alert::FormAlert;
use crate::ui::i18n::{lang, tr, Lang};
use crate::ui::wizard_fields::{DocUpload, SelectIn, TextIn, Wizard};

fn triples<I: IntoIterator<Item = (String, String, String)>>(
    items: I,
) -> Vec<(String, String, String)> {
    items.into_iter().collect()
}

/// Options of the personal certificate types; a retired one shows only
/// while it is `chosen` (an old record).
fn personal_cert_options(chosen: &str) -> Vec<(String, String, String)> {
    triples(
        cert_types()
            .iter()
            .filter(|c| c.personal && (!c.retired || c.code == chosen))
            .map(|c| (c.code.into(), c.zh.into(), c.en.into())),
    )
}

/// The rules the chosen province adds (`domain::province_rules`), named
/// as soon as the province is chosen; the wizard checks them as it checks
/// the national ones.
#[component]
fn ProvinceRules() -> impl IntoView {
    let w = expect_context::<Wizard>();
    move || {
        let province = w.filing.with(|f| f.subject.province.clone());
        let rules = rules_for(&province);
        let name = province_by_code(&province)?;
        (!rules.is_empty()).then(|| {
            view! {
                <section class="alert alert-info province-rules" id="province-rules" aria-live="polite">
                    <h3>{move || match lang() {
                        Lang::Zh => format!("{}通信管理局的备案规则", name.name_zh),
                        Lang::En => format!("Rules of the {} communications administration", name.name_en),
                    }}</h3>
                    <ul>
                        {rules.iter().map(|rule| view! { <li>{move || rule.describe(lang())}</li> }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

#[component]
pub fn SubjectStep() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let provinces = Signal::derive(|| {
        triples(
            PROVINCES
                .iter()
                .map(|p| (p.code.into(), p.name_zh.into(), p.name_en.into())),
        )
    });
    let cities = Signal::derive(move || {
        let province = w.filing.with(|f| f.subject.province.clone());
        triples(
            cities_of(&province)
                .into_iter()
                .map(|c| (c.code.into(), c.name.into(), c.name.into())),
        )
    });
    let counties = Signal::derive(move || {
        let city = w.filing.with(|f| f.subject.city.clone());
        triples(
            counties_of(&city)
                .into_iter()
                .map(|c| (c.code.into(), c.name.into(), c.name.into())),
        )
    });
    let nature_options = Signal::derive(move || {
        triples(
            natures()
                .iter()
                .filter(|n| !n.retired || w.filing.with(|f| f.subject.nature == n.code))
                .map(|n| (n.code.into(), n.zh.into(), n.en.into())),
        )
    });
    let cert_types = Signal::derive(move || {
        let nature = w.filing.with(|f| f.subject.nature.clone());
        nature_by_code(&nature)
            .map(|n| {
                triples(
                    n.cert_types
                        .iter()
                        .filter_map(|c| cert_type_by_code(c))
                        .filter(|c| !c.retired || w.filing.with(|f| f.subject.cert_type == c.code))
                        .map(|c| (c.code.into(), c.zh.into(), c.en.into())),
                )
            })
            .unwrap_or_default()
    });
    let individual = move || w.filing.with(|f| f.subject.nature == "INDIVIDUAL");
    let subject_scan = Signal::derive(move || w.filing.with(|f| f.subject.cert_scan.clone()));
    view! {
        <Precheck/>
        <h2>{tr("主办单位信息", tr("Subject (主办单位)", "Subject"))}</h2>
        <div class="form-grid">
            <SelectIn path="subject.province".into() zh="主办单位所在省" en="Province" options=provinces required=true/>
            <SelectIn path="subject.city".into() zh="所在市" en="City" options=cities required=true/>
            <SelectIn path="subject.county".into() zh="所在区县" en="County" options=counties required=true/>
            <SelectIn path="subject.nature".into() zh="主办单位性质" en="Nature" options=nature_options required=true/>
            <SelectIn path="subject.cert_type".into() zh="主办单位证件类型" en="Certificate type" options=cert_types required=true/>
            <TextIn path="subject.cert_number".into() zh="主办单位证件号码" en="Certificate number" required=true/>
            <TextIn path="subject.name".into() zh="主办单位名称（个人填写本人姓名）" en="Subject name (individuals: own name)" required=true/>
            <TextIn path="subject.cert_address".into() zh="主办单位证件住所" en="Certificate address" placeholder=tr("请按照证件地址填写", "As on the certificate") required=true/>
            <TextIn path="subject.mail_address".into() zh="主办单位通信地址" en="Mailing address" required=true/>
            <TextIn path="subject.investor".into() zh="投资人或主管单位" en="Investor or supervising unit" placeholder=tr("多个投资者或多个主管单位以符号;分割", "Separate several investors or supervising units with ;") required=true/>
            <TextIn path="subject.remark".into() zh="备注" en="Remark" multiline=true/>
        </div>
        <ProvinceRules/>
        {move || (!individual()).then(|| view! {
            <DocUpload path="subject.cert_scan".into() zh="主办单位证件扫描件" en="Subject certificate scan" kind="SUBJECT_CERT"
                current=subject_scan
                on_uploaded=Callback::new(move |doc| w.filing.update(|f| {
                    if let Some(slot) = document_mut(f, "subject.cert_scan") { *slot = Some(doc); }
                }))/>
        })}
        <h2>{tr("主体负责人", "Person in charge of the subject")}</h2>
        <PersonFields base="subject.principal".into()/>
        <Authorisation/>
        <Commitment/>
    }
}

/// 主体负责人不是法定代表人 and the 授权书 it then needs, asked only where
/// the province's rules ask for it (`Rule::LegalRepresentative`).
#[component]
fn Authorisation() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let path = "subject.principal_by_authorisation";
    let asked = move || {
        w.filing
            .with(|f| rules_for(&f.subject.province).contains(&Rule::LegalRepresentative))
    };
    let delegated = move || w.filing.with(|f| f.subject.principal_by_authorisation);
    let set_delegated = move |ev| {
        let on = event_target_checked(&ev);
        w.filing
            .update(|f| f.subject.principal_by_authorisation = on);
        w.touch(path);
    };
    let scan = Signal::derive(move || w.filing.with(|f| f.subject.authorisation.clone()));
    move || {
        asked().then(|| {
            let editable = w.can_edit(path);
            view! {
                <div class="field" id="f-subject-principal_by_authorisation">
                    <label class="check">
                        <input type="hidden" name=flag_name(path) value="" disabled=!editable/>
                        <input type="checkbox" name=flag_name(path) value="true" disabled=!editable
                            checked=delegated() prop:checked=delegated on:change=set_delegated/>
                        {tr("主体负责人不是法定代表人（凭法定代表人授权书）", "The person in charge is not the legal representative (acts by the representative's authorisation)")}
                    </label>
                </div>
                {move || delegated().then(|| view! {
                    <DocUpload path="subject.authorisation".into() zh="法定代表人授权书" en="Legal representative's authorisation" kind="AUTHORISATION"
                        current=scan
                        on_uploaded=Callback::new(move |doc| w.filing.update(|f| {
                            if let Some(slot) = document_mut(f, "subject.authorisation") { *slot = Some(doc); }
                        }))/>
                })}
            }
        })
    }
}

/// 《网站备案信息真实性承诺书》, asked only where the province's rules ask
/// for it (`Rule::CommitmentLetter`).
#[component]
fn Commitment() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let asked = move || {
        w.filing
            .with(|f| rules_for(&f.subject.province).contains(&Rule::CommitmentLetter))
    };
    let scan = Signal::derive(move || w.filing.with(|f| f.subject.commitment.clone()));
    move || {
        asked().then(|| view! {
            <DocUpload path="subject.commitment".into() zh="网站备案信息真实性承诺书（主办单位签章）" en="Commitment to the filing's truth (signed and sealed)" kind="COMMITMENT"
                current=scan
                on_uploaded=Callback::new(move |doc| w.filing.update(|f| {
                    if let Some(slot) = document_mut(f, "subject.commitment") { *slot = Some(doc); }
                }))/>
        })
    }
}

/// The fields of a 负责人 at `base`.
#[component]
pub fn PersonFields(base: String) -> impl IntoView {
    let w = expect_context::<Wizard>();
    let p = |field: &str| format!("{base}.{field}");
    let read = base.clone();
    let long_term = move || {
        w.filing
            .with(|f| person(f, &read).is_some_and(|p| p.long_term))
    };
    let write = base.clone();
    let set_long_term = move |ev| {
        let on = event_target_checked(&ev);
        w.filing.update(|f| {
            if let Some(p) = person_mut(f, &write) {
                p.long_term = on;
            }
        });
    };
    let scan_read = base.clone();
    let scan = Signal::derive(move || {
        w.filing
            .with(|f| person(f, &scan_read).and_then(|p| p.cert_scan.clone()))
    });
    let scan_path = p("cert_scan");
    let scan_write = scan_path.clone();
    let long_term_id = format!("{}-long-term", crate::domain::filing_paths::dom_id(&base));
    let long_term_for = long_term_id.clone();
    let cert_path = p("cert_type");
    let cert_options = Signal::derive(move || {
        personal_cert_options(
            &w.filing
                .with(|f| text(f, &cert_path).cloned().unwrap_or_default()),
        )
    });
    view! {
        <div class="form-grid">
            <TextIn path=p("name") zh="姓名" en="Name" required=true/>
            <SelectIn path=p("cert_type") zh="有效证件类型" en="Certificate type" options=cert_options required=true/>
            <TextIn path=p("cert_number") zh="有效证件号码" en="Certificate number" required=true/>
            <TextIn path=p("valid_from") zh="证件有效期起" en="Valid from" kind="date" required=true/>
            <TextIn path=p("valid_to") zh="证件有效期至" en="Valid until" kind="date"/>
            <div class="field">
                <label class="check" for=long_term_for>
                    <input type="hidden" name=flag_name(&p("long_term")) value="" disabled=!w.can_edit(&p("long_term"))/>
                    <input id=long_term_id type="checkbox" name=flag_name(&p("long_term")) value="true" disabled=!w.can_edit(&p("long_term"))
                        checked=long_term() prop:checked=long_term on:change=set_long_term/>
                    {tr("长期有效", "Long-term")}
                </label>
            </div>
            <TextIn path=p("office_phone") zh="办公电话" en="Office phone" kind="tel" placeholder="086-010-12345678" required=true/>
            <TextIn path=p("mobile") zh="手机号码" en="Mobile" kind="tel" required=true/>
            <TextIn path=p("emergency_phone") zh="应急联系电话" en="Emergency phone" kind="tel" required=true/>
            <TextIn path=p("email") zh="电子邮箱" en="E-mail" kind="email" required=true/>
        </div>
        <DocUpload path=scan_path zh="负责人证件扫描件" en="Certificate scan" kind="PRINCIPAL_CERT" current=scan
            on_uploaded=Callback::new(move |doc| w.filing.update(|f| {
                if let Some(slot) = document_mut(f, &scan_write) { *slot = Some(doc); }
            }))/>
    }
}

/// The conflict pre-check (AR03/AR04) and the filing type that applies,
/// offered before any typing.
#[component]
fn Precheck() -> impl IntoView {
    let w = expect_context::<Wizard>();
    let cert = RwSignal::new(w.filing.with_untracked(|f| f.subject.cert_number.clone()));
    let domain = RwSignal::new(w.filing.with_untracked(|f| {
        f.sites
            .first()
            .and_then(|s| s.domains.first().cloned())
            .unwrap_or_default()
    }));
    let id = w.id;
    let check = Action::new(move |_: &()| {
        let (c, d) = (cert.get_untracked(), domain.get_untracked());
        async move { precheck_filing(c, vec![d], Some(id)).await }
    });
    let error = Signal::derive(move || check.value().get().and_then(Result::err));
    view! {
        <details class="precheck" open=w.filing.with_untracked(|f| f.subject.cert_number.is_empty())>
            <summary>{tr("备案前冲突检查：证件号码或域名是否已备案或正在备案？", "Pre-check: is the certificate or domain already filed or in progress?")}</summary>
            <div class="form-grid">
                <div class="field">
                    <label for="precheck-cert">{tr("主办单位证件号码", "Certificate number")}</label>
                    <input id="precheck-cert" prop:value=move || cert.get() on:input=move |ev| cert.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="precheck-domain">{tr("网站域名", "Domain")}</label>
                    <input id="precheck-domain" prop:value=move || domain.get() on:input=move |ev| domain.set(event_target_value(&ev))/>
                </div>
            </div>
            <button type="button" class="button button-secondary" on:click=move |_| { check.dispatch(()); }>
                {tr("检查", "Check")}
            </button>
            <FormAlert error=error/>
            {move || check.value().get().and_then(Result::ok).map(|found| {
                let kind = found.kind;
                view! {
                    <div class="alert alert-info" role="status">
                        <p>{tr("适用的备案类型：", "Filing type: ")}
                            <strong>{kind.label(lang())}</strong></p>
                        {if found.conflicts.is_empty() {
                            view! { <p>{tr("未发现冲突。", "No conflict found.")}</p> }.into_any()
                        } else {
                            found.conflicts.into_iter().map(|c| view! {
                                <p class="field-error">{move || c.message(lang()).to_owned()}</p>
                            }).collect_view().into_any()
                        }}
                    </div>
                }
            })}
        </details>
    }
}
