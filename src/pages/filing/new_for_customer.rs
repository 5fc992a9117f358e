//! 代为备案: provider staff pick the customer (a filer account) they file for.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::auth::SessionUser;
use crate::api::filing::start_filing;
use crate::api::provider::{find_customers, CreateCustomer};
use crate::domain::role::Role;
use crate::pages::auth::register::FilerAccountFields;
use crate::ui::alert::FormAlert;
use crate::ui::field::{action_error, field_errors};
use crate::ui::i18n::tr;
use crate::ui::role_gate::RoleGate;

#[component]
pub fn NewForCustomerPage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::ProviderStaff, Role::ProviderAdmin] page=picker/> }
}

fn picker(_user: SessionUser) -> AnyView {
    let search = RwSignal::new(String::new());
    let customers = Resource::new(move || search.get(), find_customers);
    let navigate = use_navigate();
    let start = Action::new(|id: &i32| start_filing(Some(*id)));
    Effect::new(move |_| {
        if let Some(Ok(id)) = start.value().get() {
            navigate(&format!("/filings/{id}?step=1"), Default::default());
        }
    });
    let start_error = Signal::derive(move || start.value().get().and_then(Result::err));
    let create = ServerAction::<CreateCustomer>::new();
    Effect::new(move |_| {
        if let Some(Ok(customer)) = create.value().get() {
            start.dispatch(customer.id);
        }
    });
    let create_errors = field_errors(create.value());
    let create_error = action_error(create.value());
    view! {
        <section class="panel">
            <h1>{tr("代为备案：选择客户", "File for a customer: choose the customer")}</h1>
            <div class="field">
                <label for="customer-search">{tr("按用户名或名称查找客户", "Find a customer by username or name")}</label>
                <input id="customer-search" type="search" prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))/>
            </div>
            <FormAlert error=start_error/>
            <Suspense fallback=move || view! { <p class="loading">{tr("加载中……", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match customers.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(rows) if rows.is_empty() => view! {
                            <p class="empty">{tr("没有匹配的客户账号。请客户先注册，或换个关键词。", "No matching customer. Ask the customer to register, or try another term.")}</p>
                        }.into_any(),
                        Ok(rows) => view! {
                            <table class="data">
                                <thead><tr>
                                    <th>{tr("用户名", "Username")}</th>
                                    <th>{tr("名称", "Name")}</th>
                                    <th>{tr("类型", "Kind")}</th>
                                    <th>{tr("操作", "Action")}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|c| {
                                        let id = c.id;
                                        view! {
                                            <tr>
                                                <td>{c.username.clone()}</td>
                                                <td>{c.real_name.clone()}</td>
                                                <td>{if c.person { view! { {tr("个人", "Individual")} }.into_any() } else { view! { {tr("单位", "Organisation")} }.into_any() }}</td>
                                                <td><button type="button" class="button button-small" on:click=move |_| { start.dispatch(id); }>
                                                    {tr("为其备案", "File for them")}
                                                </button></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                    }
                })}
            </Suspense>
            <details class="precheck">
                <summary>{tr("客户还没有账号？为其新建账号并开始备案", "No account yet? Open one for the customer and start the filing")}</summary>
                <FormAlert error=create_error/>
                <ActionForm action=create attr:class="form form-grid" attr:novalidate=true>
                    <FilerAccountFields errors=create_errors/>
                    <div class="form-actions">
                        <button type="submit" class="button button-primary">{tr("新建客户账号并代为备案", "Open the account and file")}</button>
                    </div>
                </ActionForm>
            </details>
        </section>
    }
    .into_any()
}
