//! 账号管理: the account list and the form that creates staff, reviewer and
//! admin accounts (filers register themselves).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::admin::{list_accounts, AccountPage, CreateAccount, SetAccountStatus};
use crate::api::auth::SessionUser;
use crate::domain::account::{
    check_email, check_mobile, check_password, check_real_name, check_username,
};
use crate::domain::catalog::PRE_APPROVAL_TYPES;
use crate::domain::field_error::first_for;
use crate::domain::region::{province_by_code, PROVINCES};
use crate::domain::role::Role;
use crate::i18n::*;
use crate::ui::alert::{row_error, FormAlert};
use crate::ui::field::{action_error, field_errors, FieldMessage, TextField};
use crate::ui::language::is_english;
use crate::ui::pager::{page_from_query, Pager};
use crate::ui::role_gate::RoleGate;

#[component]
pub fn AccountsPage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::SystemAdmin] page=accounts/> }
}

fn accounts(admin: SessionUser) -> AnyView {
    let i18n = use_i18n();
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
            <h1>{t!(i18n, accounts_title)}</h1>
            {move || created().map(|username| view! {
                <p class="alert alert-success" role="status">
                    {t!(i18n, account_created, username = move || username.clone())}
                </p>
            })}
            {move || status.value().get().and_then(Result::err).map(|error| view! {
                <p class="alert alert-error" role="alert" id="status-error">{row_error(&error)}</p>
            })}
            <Transition fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
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
    let i18n = use_i18n();
    let AccountPage {
        rows,
        page,
        pages,
        total,
    } = page;
    if rows.is_empty() {
        return view! { <p class="empty">{t!(i18n, no_accounts)}</p> }.into_any();
    }
    view! {
        <p class="muted">{t!(i18n, accounts_total, total = move || total)}</p>
        <div class="table-wrap">
            <table class="data">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, col_username)}</th>
                        <th scope="col">{t!(i18n, col_name)}</th>
                        <th scope="col">{t!(i18n, col_role)}</th>
                        <th scope="col">{t!(i18n, col_province)}</th>
                        <th scope="col">{t!(i18n, col_status)}</th>
                        <th scope="col">{t!(i18n, col_created)} " ↓"</th>
                        <th scope="col">{t!(i18n, col_last_login)}</th>
                        <th scope="col">"操作"</th>
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
                                <td>{move || if is_english(i18n) { role.label_en() } else { role.label_zh() }}</td>
                                <td>{move || province.map(|p| if is_english(i18n) { p.name_en } else { p.name_zh }).unwrap_or("—")}</td>
                                <td>{if row.active { t!(i18n, status_active).into_any() } else { t!(i18n, status_disabled).into_any() }}</td>
                                <td>{row.created_at}</td>
                                <td>{match row.last_login_at { Some(at) => at.into_any(), None => t!(i18n, never).into_any() }}</td>
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
#[component]
fn StatusSwitch(
    id: i32,
    username: String,
    active: bool,
    status: ServerAction<SetAccountStatus>,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let set = move |active: bool| {
        status.dispatch(SetAccountStatus {
            account_id: id,
            active,
        });
    };
    move || {
        if !active {
            return view! {
                <button type="button" class="button button-small" on:click=move |_| set(true)>"启用"</button>
            }
            .into_any();
        }
        if asking.get() {
            let question = format!("停用 {username}？其所有登录将立即退出。");
            return view! {
                <span class="confirm" role="alertdialog" aria-label=question.clone()>
                    {question.clone()} " "
                    <button type="button" class="button button-danger button-small" on:click=move |_| {
                        asking.set(false);
                        set(false);
                    }>"确认停用"</button>
                    " "
                    <button type="button" class="button button-small" on:click=move |_| asking.set(false)>"取消"</button>
                </span>
            }
            .into_any();
        }
        view! {
            <button type="button" class="button button-small" on:click=move |_| asking.set(true)>"停用"</button>
        }
        .into_any()
    }
}

#[component]
fn CreateAccountForm(create: ServerAction<CreateAccount>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = field_errors(create.value());
    let error = action_error(create.value());
    let username = RwSignal::new(String::new());
    let role_error = Signal::derive(move || errors.with(|e| first_for(e, "role").cloned()));
    let province_error = Signal::derive(move || errors.with(|e| first_for(e, "province").cloned()));
    let kinds_error =
        Signal::derive(move || errors.with(|e| first_for(e, "pre_approval_kinds").cloned()));
    let optional = move || view! { <span class="muted">{t!(i18n, optional)}</span> };
    view! {
        <section class="panel" aria-labelledby="create-account">
            <h2 id="create-account">{t!(i18n, create_account)}</h2>
            <FormAlert error/>
            <ActionForm action=create attr:class="form form-grid" attr:novalidate=true>
                <TextField name="username" label=move || t!(i18n, username) server_errors=errors value=username
                    check=Callback::new(|v: String| check_username(&v)) required=true/>
                <TextField name="password" label=move || t!(i18n, password) hint=move || t!(i18n, password_hint)
                    input_type="password" autocomplete="new-password" server_errors=errors
                    check=Callback::new(move |v: String| check_password(&v, &username.get_untracked())) required=true/>
                <TextField name="real_name" label=move || t!(i18n, real_name) server_errors=errors
                    check=Callback::new(|v: String| check_real_name(&v)) required=true/>
                <TextField name="mobile" label=move || view! { {t!(i18n, mobile)} " " {optional()} } input_type="tel"
                    server_errors=errors check=Callback::new(|v: String| if v.trim().is_empty() { None } else { check_mobile(&v) })/>
                <TextField name="email" label=move || view! { {t!(i18n, email)} " " {optional()} } input_type="email"
                    server_errors=errors check=Callback::new(|v: String| if v.trim().is_empty() { None } else { check_email(&v) })/>
                <div class="field" class:has-error=move || role_error.with(Option::is_some)>
                    <label for="field-role">{t!(i18n, role)}<span class="required" aria-hidden="true">" *"</span></label>
                    <select id="field-role" name="role" aria-describedby="field-role-error">
                        <option value="">{t!(i18n, choose)}</option>
                        {Role::ALL.into_iter().filter(|r| *r != Role::Filer).map(|role| view! {
                            <option value=role.code()>
                                {move || if is_english(i18n) { role.label_en() } else { role.label_zh() }}
                            </option>
                        }).collect_view()}
                    </select>
                    <FieldMessage id="field-role-error".to_owned() error=role_error/>
                </div>
                <div class="field" class:has-error=move || province_error.with(Option::is_some)>
                    <label for="field-province">{t!(i18n, province)}</label>
                    <select id="field-province" name="province" aria-describedby="field-province-hint field-province-error">
                        <option value="">"—"</option>
                        {PROVINCES.iter().map(|p| view! {
                            <option value=p.code>{move || if is_english(i18n) { p.name_en } else { p.name_zh }}</option>
                        }).collect_view()}
                    </select>
                    <p class="hint" id="field-province-hint">{t!(i18n, province_hint)}</p>
                    <FieldMessage id="field-province-error".to_owned() error=province_error/>
                </div>
                <fieldset class="field field-wide" class:has-error=move || kinds_error.with(Option::is_some)
                    aria-describedby="field-pre_approval_kinds-hint field-pre_approval_kinds-error">
                    <legend>{t!(i18n, pre_approval_kinds)}</legend>
                    <div class="choices">
                        {PRE_APPROVAL_TYPES.iter().map(|kind| view! {
                            <label class="choice">
                                <input type="checkbox" name="pre_approval_kinds[]" value=kind.code/>
                                {move || if is_english(i18n) { kind.en } else { kind.zh }}
                            </label>
                        }).collect_view()}
                    </div>
                    <p class="hint" id="field-pre_approval_kinds-hint">{t!(i18n, pre_approval_kinds_hint)}</p>
                    <FieldMessage id="field-pre_approval_kinds-error".to_owned() error=kinds_error/>
                </fieldset>
                <div class="form-actions">
                    <button type="submit" class="button button-primary">{t!(i18n, create_account_submit)}</button>
                </div>
            </ActionForm>
        </section>
    }
}
