//! 备案规则: the province rule profiles in force and the code tables this
//! server replaced, so the admin sees what `BEIAN_CODE_TABLES` changed
//! without reading files on the server.

use leptos::prelude::*;

use crate::api::auth::SessionUser;
use crate::domain::code_tables::tables;
use crate::domain::province_rules::profiles;
use crate::domain::region::province_by_code;
use crate::domain::role::Role;
use crate::ui::i18n::{lang, tr, Lang};
use crate::ui::role_gate::RoleGate;

#[component]
pub fn RulesPage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::SystemAdmin] page=rules_page/> }
}

fn rules_page(_admin: SessionUser) -> AnyView {
    let replaced: Vec<&'static str> = tables().replaced.iter().map(|(name, _)| *name).collect();
    view! {
        <section class="panel">
            <h1>{tr("备案规则", "Filing rules")}</h1>
            <p class="hint">{tr(
                "各省通信管理局在全国规则之外另行要求的规则。未列出的省份按“其他省份”执行。规则和代码表均为数据文件，修改后重启即可生效。",
                "The rules each provincial communications administration adds to the national ones. A province not listed follows “Other provinces”. Rules and code tables are data files: edit one and restart.",
            )}</p>
            <table class="data" id="province-rule-profiles">
                <thead><tr>
                    <th>{tr("省份", "Province")}</th>
                    <th>{tr("规则", "Rules")}</th>
                </tr></thead>
                <tbody>
                    {profiles().iter().map(|profile| {
                        let province = province_by_code(profile.province);
                        let rules = profile.rules;
                        view! {
                            <tr>
                                <td>{move || match (province, lang()) {
                                    (Some(p), Lang::Zh) => p.name_zh.to_owned(),
                                    (Some(p), Lang::En) => p.name_en.to_owned(),
                                    (None, l) => l.pick("其他省份", "Other provinces").to_owned(),
                                }}</td>
                                <td>{if rules.is_empty() {
                                    view! { {tr("仅全国规则", "National rules only")} }.into_any()
                                } else {
                                    view! {
                                        <ul class="rule-list">
                                            {rules.iter().map(|rule| view! { <li>{move || rule.describe(lang())}</li> }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <h2>{tr("代码表", "Code tables")}</h2>
            <p id="replaced-code-tables">{if replaced.is_empty() {
                view! { {tr("全部使用内置代码表。", "Every code table is the built-in one.")} }.into_any()
            } else {
                let names = replaced.join(", ");
                view! { {tr("由 BEIAN_CODE_TABLES 替换：", "Replaced through BEIAN_CODE_TABLES: ")}<code>{names}</code> }.into_any()
            }}</p>
        </section>
    }
    .into_any()
}
