//! 账号管理: the account list and the form that creates staff, reviewer and
//! admin accounts (filers register themselves).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::admin::{list_accounts, AccountPage, CreateAccount, SetAccountStatus};
use crate::api::auth::SessionUser;
use crate::domain::account::{
    check_email, check_mobile, check_password, check_real_name, check_username,
};
use crate::domain::catalog::{self, pre_approval_types};
use crate::domain::field_error::first_for;
use crate::domain::region::{province_by_code, PROVINCES};
use crate::domain::role::Role;
use crate::ui::alert::{row_error, FormAlert};
use crate::ui::confirm_box::ConfirmBox;
use crate::ui::field::{action_error, field_errors, FieldMessage, TextField};
use crate::ui::i18n::{lang, tr, Lang};
use crate::ui::pager::{page_from_query, Pager};
use crate::ui::role_gate::RoleGate;

#[component]
pub fn AccountsPage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::SystemAdmin] page=accounts/> }
}

fn accounts(admin: SessionUser) -> AnyView {
    let query = use_query_map();
    let create = ServerAction::<CreateAccount>::new();
    let status = ServerAction::<SetAccountStatus>::new();
    let me = admin.username;
    let page = move || query.with(|q| page_from_query(q.get("page")));
    let created = move || query.with(|q| q.get("created"));
    let listing = Resource::new(
        move || (page(), create.version().get(), status.version().get()),
        |(page, _, _)| list_accounts(page),
    );
    view! {
        <section class="panel">
            <h1>{tr("账号管理", "Accounts")}</h1>
            {move || created().map(|username| view! {
                <p class="alert alert-success" role="status">
                    {lang().pick(format!("账号 {username} 已创建。"), format!("Account {username} created."))}
                </p>
            })}
            {move || status.value().get().and_then(Result::err).map(|error| view! {
                <p class="alert alert-error" role="alert" id="status-error">{row_error(&error)}</p>
            })}
            <Transition fallback=move || view! { <p class="loading">{tr("加载中……", "Loading…")}</p> }>
                {move || {
                    let me = me.clone();
                    Suspend::new(async move {
                        listing.await.map(|page| view! { <AccountTable page status me/> })
                    })
                }}
            </Transition>
        </section>
        <CreateAccountForm create/>
    }
    .into_any()
}

#[component]
fn AccountTable(
    page: AccountPage,
    status: ServerAction<SetAccountStatus>,
    /// The signed-in admin, who cannot disable their own account.
    me: String,
) -> impl IntoView {
    let AccountPage {
        rows,
        page,
        pages,
        total,
    } = page;
    if rows.is_empty() {
        return view! { <p class="empty">{tr("暂无账号。", "No accounts yet.")}</p> }.into_any();
    }
    view! {
        <p class="muted">{lang().pick(format!("共 {total} 个账号"), format!("{} accounts", Lang::En.count(total)))}</p>
        <div class="table-wrap">
            <table class="data">
                <thead>
                    <tr>
                        <th scope="col">{tr("用户名", "Username")}</th>
                        <th scope="col">{tr("姓名", "Name")}</th>
                        <th scope="col">{tr("角色", "Role")}</th>
                        <th scope="col">{tr("省份", "Province")}</th>
                        <th scope="col">{tr("状态", "Status")}</th>
                        <th scope="col">{tr("创建时间", "Created")} " ↓"</th>
                        <th scope="col">{tr("最近登录", "Last login")}</th>
                        <th scope="col">{tr("操作", "Actions")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let role = row.role;
                        let province = row.province.as_deref().and_then(province_by_code);
                        let own = row.username == me;
                        let (id, username, active) = (row.id, row.username.clone(), row.active);
                        view! {
                            <tr>
                                <td>{row.username}</td>
                                <td>{row.real_name}</td>
                                <td>{role.label(lang())}</td>
                                <td>{move || province.map(|p| p.name(lang())).unwrap_or("—")}</td>
                                <td>{if row.active { tr("正常", "Active").into_any() } else { tr("停用", "Disabled").into_any() }}</td>
                                <td>{lang().date_time(&row.created_at)}</td>
                                <td>{match row.last_login_at { Some(at) => at.into_any(), None => tr("从未登录", "Never").into_any() }}</td>
                                <td>{(!own).then(|| view! { <StatusSwitch id username active status/> })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager base="/admin/accounts" page pages/>
    }
    .into_any()
}

/// 停用 (after a confirmation: the account's sessions end at once) or 启用.
/// Both are plain forms until the script runs; 停用's box then stands in
/// for the confirmation.
#[component]
fn StatusSwitch(
    id: i32,
    username: String,
    active: bool,
    status: ServerAction<SetAccountStatus>,
) -> impl IntoView {
    if !active {
        return view! {
            <ActionForm action=status attr:class="inline-form">
                <input type="hidden" name="account_id" value=id/>
                <input type="hidden" name="active" value="true"/>
                <button type="submit" class="button button-small">{tr("启用", "Enable")}</button>
            </ActionForm>
        }
        .into_any();
    }
    let asking = RwSignal::new(false);
    let question = lang().pick(
        format!("停用 {username}？其所有登录将立即退出。"),
        format!("Disable {username}? All their sessions end at once."),
    );
    view! {
        <form method="post" action="/api/admin/account_status" class="inline-form">
            <input type="hidden" name="account_id" value=id/>
            <input type="hidden" name="active" value="false"/>
            <ConfirmBox label=question.clone()/>
            <Show when=move || asking.get() fallback=move || view! {
                <button type="submit" class="button button-small" on:click=move |ev| {
                    ev.prevent_default();
                    asking.set(true);
                }>{tr("停用", "Disable")}</button>
            }>
                <span class="confirm" role="alertdialog" aria-label=question.clone()>
                    {question.clone()} " "
                    <button type="button" class="button button-danger button-small" on:click=move |_| {
                        asking.set(false);
                        status.dispatch(SetAccountStatus { account_id: id, active: false, confirmed: None });
                    }>{tr("确认停用", "Disable")}</button>
                    " "
                    <button type="button" class="button button-small" on:click=move |_| asking.set(false)>{tr("取消", "Cancel")}</button>
                </span>
            </Show>
        </form>
    }
    .into_any()
}

#[component]
fn CreateAccountForm(create: ServerAction<CreateAccount>) -> impl IntoView {
    let errors = field_errors(create.value());
    let error = action_error(create.value());
    let username = RwSignal::new(String::new());
    let role_error = Signal::derive(move || errors.with(|e| first_for(e, "role").cloned()));
    let province_error = Signal::derive(move || errors.with(|e| first_for(e, "province").cloned()));
    let kinds_error =
        Signal::derive(move || errors.with(|e| first_for(e, "pre_approval_kinds").cloned()));
    let optional = move || view! { <span class="muted">{tr("（选填）", "(optional)")}</span> };
    view! {
        <section class="panel" aria-labelledby="create-account">
            <h2 id="create-account">{tr("新建账号", "New account")}</h2>
            <FormAlert error/>
            <ActionForm action=create attr:class="form form-grid" attr:novalidate=true>
                <TextField name="username" label=move || tr("用户名", "Username") server_errors=errors value=username
                    check=Callback::new(|v: String| check_username(&v)) required=true/>
                <TextField name="password" label=move || tr("密码", "Password") hint=move || tr("至少 8 位，须同时包含字母和数字", "At least 8 characters with letters and digits")
                    input_type="password" autocomplete="new-password" server_errors=errors
                    check=Callback::new(move |v: String| check_password(&v, &username.get_untracked())) required=true/>
                <TextField name="real_name" label=move || tr("真实姓名", "Real name") server_errors=errors
                    check=Callback::new(|v: String| check_real_name(&v)) required=true/>
                <TextField name="mobile" label=move || view! { {tr("手机号码", "Mobile number")} " " {optional()} } input_type="tel"
                    server_errors=errors check=Callback::new(|v: String| if v.trim().is_empty() { None } else { check_mobile(&v) })/>
                <TextField name="email" label=move || view! { {tr("电子邮箱", "E-mail")} " " {optional()} } input_type="email"
                    server_errors=errors check=Callback::new(|v: String| if v.trim().is_empty() { None } else { check_email(&v) })/>
                <div class="field" class:has-error=move || role_error.with(Option::is_some)>
                    <label for="field-role">{tr("角色", "Role")}<span class="required" aria-hidden="true">" *"</span></label>
                    <select id="field-role" name="role" aria-describedby="field-role-error">
                        <option value="">{tr("请选择", "Choose…")}</option>
                        {Role::ALL.into_iter().filter(|r| *r != Role::Filer).map(|role| view! {
                            <option value=role.code()>
                                {role.label(lang())}
                            </option>
                        }).collect_view()}
                    </select>
                    <FieldMessage id="field-role-error".to_owned() error=role_error/>
                </div>
                <div class="field" class:has-error=move || province_error.with(Option::is_some)>
                    <label for="field-province">{tr("所属省份", "Province")}</label>
                    <select id="field-province" name="province" aria-describedby="field-province-hint field-province-error">
                        <option value="">"—"</option>
                        {PROVINCES.iter().map(|p| view! {
                            <option value=p.code>{move || p.name(lang())}</option>
                        }).collect_view()}
                    </select>
                    <p class="hint" id="field-province-hint">{tr("管局审核人员必选；前置审批部门可选，不选表示全国", "Bureau reviewers: required. Pre-approval authorities: optional, none for the whole country")}</p>
                    <FieldMessage id="field-province-error".to_owned() error=province_error/>
                </div>
                <fieldset class="field field-wide" class:has-error=move || kinds_error.with(Option::is_some)
                    aria-describedby="field-pre_approval_kinds-hint field-pre_approval_kinds-error">
                    <legend>{tr("审批的前置审批类型", "Pre-approval types decided")}</legend>
                    <div class="choices">
                        {catalog::offered(pre_approval_types()).map(|kind| view! {
                            <label class="choice">
                                <input type="checkbox" name="pre_approval_kinds[]" value=kind.code/>
                                {lang().pick(kind.zh, kind.en)}
                            </label>
                        }).collect_view()}
                    </div>
                    <p class="hint" id="field-pre_approval_kinds-hint">{tr("仅前置审批部门需要选择：它只能看到含有这些类型前置审批项的备案申请", "Pre-approval authorities only: the types of item it decides; it sees only filings carrying one of them")}</p>
                    <FieldMessage id="field-pre_approval_kinds-error".to_owned() error=kinds_error/>
                </fieldset>
                <div class="form-actions">
                    <button type="submit" class="button button-primary">{tr("创建账号", "Create account")}</button>
                </div>
            </ActionForm>
        </section>
    }
}
