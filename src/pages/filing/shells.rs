//! `/shells`, 空壳主体与空壳网站: the live records left without any access.
//! Staff see the shells their provider left and remind the owner to take
//! a new access or cancel (a plain form first); filers, the 管局 and the
//! admin see those they read. Each row says whether its province lets a
//! 空壳主体 add services.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::auth::SessionUser;
use crate::api::shells::{list_shells, RemindOwner, ShellList, ShellRow};
use crate::pages::search::records::SEARCHING_ROLES;
use crate::ui::alert::FormAlert;
use crate::ui::field::action_error;
use crate::ui::i18n::{lang, tr};
use crate::ui::number_filter::{number_in_query, NumberFilter};
use crate::ui::pager::{page_from_query, Pager};
use crate::ui::role_gate::RoleGate;

#[component]
pub fn ShellsPage() -> impl IntoView {
    view! { <RoleGate roles=SEARCHING_ROLES page=shells_page/> }
}

fn shells_page(_user: SessionUser) -> AnyView {
    let query = use_query_map();
    let remind = ServerAction::<RemindOwner>::new();
    let number = number_in_query();
    let list = Resource::new(
        move || {
            (
                number.get(),
                query.with(|q| page_from_query(q.get("page"))),
                remind.version().get(),
            )
        },
        |(number, page, _)| list_shells(number, page),
    );
    let error = action_error(remind.value());
    let outcome = move || {
        remind.value().get().and_then(Result::ok).map(|sent| {
            let text = if sent {
                tr("已通知主办者。", "The owner has been reminded.")
            } else {
                tr(
                    "主办者尚未阅读上一次提醒，未重复发送。",
                    "The owner has not read the last reminder yet; it was not sent again.",
                )
            };
            view! { <p class="alert alert-success" role="status" id="remind-outcome">{text}</p> }
        })
    };
    view! {
        <section class="panel">
            <h1>{tr("空壳主体与空壳网站", "Empty subjects and sites")}</h1>
            <p class="hint">{tr(
                "网站的接入全部取消后成为空壳网站；主体下没有任何有接入的网站时成为空壳主体。空壳的备案号可能被管局注销：请主办者尽快办理新增接入，或申请注销。",
                "A site whose every access ended is an empty site; a subject with no site any provider serves is an empty subject. The bureau may cancel their numbers: the owner should file a new access soon, or apply to cancel.",
            )}</p>
            <NumberFilter number/>
            <FormAlert error/>
            <div aria-live="polite">{outcome}</div>
            <Suspense fallback=|| view! { <p class="loading">{tr("加载中…", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(found) => view! { <Shells found remind/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Shells(found: ShellList, remind: ServerAction<RemindOwner>) -> impl IntoView {
    let ShellList {
        rows,
        page,
        pages,
        subjects,
        sites,
        may_remind,
    } = found;
    if rows.is_empty() {
        return view! { <p class="empty">{tr("暂无空壳主体或空壳网站。", "No empty subjects or sites.")}</p> }.into_any();
    }
    view! {
        <p class="muted" id="shell-counts">{move || lang().pick(
            format!("空壳主体 {subjects} 个，空壳网站 {sites} 个"),
            format!("{subjects} empty subjects, {sites} empty sites"),
        )}</p>
        <div class="table-scroll">
            <table class="data" id="shells">
                <thead><tr>
                    <th>{tr("类型", "Kind")}</th>
                    <th>{tr("备案号", "Number")}</th>
                    <th>{tr("名称", "Name")}</th>
                    <th>{tr("主体", "Subject")}</th>
                    <th>{tr("新增网站", "New sites")}</th>
                    <th>{tr("操作", "Actions")}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! { <ShellLine row may_remind remind/> }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager base="/shells" page pages keep=&["number"]/>
    }
    .into_any()
}

#[component]
fn ShellLine(row: ShellRow, may_remind: bool, remind: ServerAction<RemindOwner>) -> impl IntoView {
    let whole = row.whole_subject;
    let refused = row.additions_refused;
    let live_sites = row.live_sites;
    let number = row.number.clone();
    view! {
        <tr>
            <td>{move || if whole {
                lang().pick(format!("空壳主体（{live_sites} 个网站均无接入）"), format!("Empty subject ({live_sites} sites, none served)"))
            } else {
                lang().pick("空壳网站".to_owned(), "Empty site".to_owned())
            }}</td>
            <td class="icp-number">{row.number.clone()}</td>
            <td>{row.name.clone()}</td>
            <td>{(!whole).then(|| format!("{} {}", row.subject_number, row.subject_name))}</td>
            <td>{move || if refused {
                tr("本省不允许：须先注销主体后重新备案；已有网站可办理新增接入", "Refused here: cancel the subject and file again; its sites may take a new access")
            } else {
                tr("可直接新增网站或新增接入", "New sites and new accesses may be filed")
            }}</td>
            <td class="actions">
                {may_remind.then(|| view! {
                    <ActionForm action=remind attr:class="inline-form">
                        <input type="hidden" name="number" value=number.clone()/>
                        <button type="submit" class="button button-small">{tr("通知主办者", "Remind the owner")}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}
