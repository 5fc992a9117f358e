//! 短信发件箱: every text the system sent for 短信核验. Without an SMS
//! gateway this is the simulated phone: the demo reads its codes here.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::auth::SessionUser;
use crate::api::sms::{sms_outbox, OutboxPage};
use crate::domain::role::Role;
use crate::ui::alert::LoadFailure;
use crate::ui::i18n::{lang, tr, Lang};
use crate::ui::pager::{page_from_query, Pager};
use crate::ui::role_gate::RoleGate;

#[component]
pub fn SmsOutboxPage() -> impl IntoView {
    view! { <RoleGate roles=&[Role::SystemAdmin] page=outbox_page/> }
}

fn outbox_page(_admin: SessionUser) -> AnyView {
    let query = use_query_map();
    let page = move || query.with(|q| page_from_query(q.get("page")));
    let listing = Resource::new(page, sms_outbox);
    view! {
        <section class="panel">
            <h1>{tr("短信发件箱", "SMS outbox")}</h1>
            <Transition fallback=move || view! { <p class="loading">{tr("加载中……", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match listing.await {
                        Ok(page) => view! { <OutboxTable page/> }.into_any(),
                        Err(error) => view! { <LoadFailure error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
    .into_any()
}

#[component]
fn OutboxTable(page: OutboxPage) -> impl IntoView {
    let gateway = page.gateway;
    view! {
        <p class="hint">{if gateway {
            view! { {tr("短信由配置的短信网关发送；送达后不再保留短信内容。", "Texts go through the configured SMS gateway; once delivered their content is not kept.")} }.into_any()
        } else {
            view! { {tr("未配置短信网关（BEIAN_SMS_GATEWAY_URL）：短信只保存在这里，演示时请在此查看核验码。", "No SMS gateway is configured (BEIAN_SMS_GATEWAY_URL): texts stay here, where a demo reads its codes.")} }.into_any()
        }}</p>
        {if page.rows.is_empty() {
            view! { <p class="empty" id="sms-outbox-empty">{tr("还没有发送过短信。", "No text has been sent yet.")}</p> }.into_any()
        } else {
            view! {
                <table class="data" id="sms-outbox">
                    <thead><tr>
                        <th>{tr("时间", "Time")}</th>
                        <th>{tr("手机号码", "Mobile")}</th>
                        <th>{tr("内容", "Text")}</th>
                        <th>{tr("发送状态", "Delivery")}</th>
                    </tr></thead>
                    <tbody>
                        {page.rows.into_iter().map(|row| {
                            let delivery = match (&row.sent_at, &row.last_error) {
                                (Some(at), _) => lang().pick(format!("已发送 {at}"), format!("Sent {}", Lang::En.date_time(at))),
                                (None, Some(error)) => lang().pick(format!("发送失败：{error}"), format!("Sending failed: {error}")),
                                (None, None) if gateway => tr("待发送", "Waiting to send").to_owned(),
                                (None, None) => tr("模拟（未经网关）", "Simulated (no gateway)").to_owned(),
                            };
                            view! {
                                <tr>
                                    <td>{lang().date_time(&row.created_at)}</td>
                                    <td>{row.mobile}</td>
                                    <td class="sms-body">{row.body}</td>
                                    <td>{delivery}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <Pager base="/admin/sms" page=page.page pages=page.pages/>
    }
}
