//! 申请留言 on an application's page: the thread, the box to write in
//! (checked as the user types, with a character count), and for staff and
//! reviewers 回复, 标记已处理 and 按留言退回 (send the application back to be
//! changed as the 留言 asks) on each open message.
//!
//! The thread is rendered on the server with the page, and writing and
//! 标记已处理 are plain forms, so both work without JavaScript: the browser
//! comes back to the page, with the error in the address if there is one.

use leptos::prelude::*;

use crate::api::messages::{HandleMessage, MessageRow, PostMessage, SendBack, Thread};
use crate::domain::message::{validate_body, MAX_CHARS};
use crate::error::AppError;
use crate::ui::alert::FormAlert;
use crate::ui::confirm_box::ConfirmBox;
use crate::ui::field::FieldMessage;
use crate::ui::i18n::{lang, tr, Lang};
use crate::ui::live::refresh_on_changes;

/// The thread of application `id`, rendered with the page and fetched
/// again on every live change (the old thread stays shown meanwhile).
#[component]
pub fn MessageThread(
    id: i32,
    /// The thread, loaded by the page (see `review::detail`).
    thread: Resource<Result<Thread, AppError>>,
    /// Bumped to load the thread again.
    tick: RwSignal<u32>,
    /// Called once 按留言退回 sent the application back, so the page
    /// shows its new state.
    on_returned: Callback<()>,
) -> impl IntoView {
    refresh_on_changes(tick);
    let reply_to = RwSignal::new(None::<i32>);
    // The 留言 whose 按留言退回 awaits its confirmation: kept here, above
    // the rows, which every live refresh builds anew.
    let confirming = RwSignal::new(None::<i32>);
    let handle = ServerAction::<HandleMessage>::new();
    let back = ServerAction::<SendBack>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = handle.value().get() {
            tick.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = back.value().get() {
            on_returned.run(());
        }
    });
    // The compose box stays outside the refreshed thread, so a live
    // refresh never wipes what is being typed. The page shows the thread
    // only for submitted applications, which is when writing is allowed
    // (and the server checks it again).
    view! {
        <section class="sub-card messages" id="messages">
            <h2>{tr("申请留言", "Messages")}</h2>
            <Transition fallback=|| view! { <p class="loading">{tr("加载中…", "Loading…")}</p> }>
                {move || Suspend::new(async move {
                    match thread.await {
                        Err(error) => view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any(),
                        Ok(data) if data.messages.is_empty() => view! { <p class="empty">{tr("暂无留言。", "No messages yet.")}</p> }.into_any(),
                        Ok(data) => {
                            let can_handle = data.can_handle;
                            let send_back = data.return_action.map(|_| (back, data.version));
                            view! {
                                <ol class="thread">
                                    {data.messages.into_iter().map(|m| view! { <MessageItem m can_handle reply_to confirming handle send_back/> }).collect_view()}
                                </ol>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
            <FormAlert error=Signal::derive(move || handle.value().get().and_then(Result::err))/>
            <FormAlert error=Signal::derive(move || back.value().get().and_then(Result::err))/>
            <Compose id reply_to tick/>
        </section>
    }
}

#[component]
fn MessageItem(
    m: MessageRow,
    can_handle: bool,
    reply_to: RwSignal<Option<i32>>,
    /// The 留言 whose 按留言退回 awaits its confirmation.
    confirming: RwSignal<Option<i32>>,
    handle: ServerAction<HandleMessage>,
    /// 按留言退回, with the application's version, when the reader may.
    send_back: Option<(ServerAction<SendBack>, i32)>,
) -> impl IntoView {
    let id = m.id;
    let open = m.reply_to.is_none() && m.handled_at.is_none();
    let from_filer = m.author_role == crate::domain::role::Role::Filer;
    view! {
        <li class="message" class:mine=m.mine id=format!("message-{id}")>
            <p class="message-meta">
                <strong>{m.author_name.clone()}</strong>{tr("（", " (")}{m.author_role.label(lang())}{tr("）", ")")}
                " · "{lang().date_time(&m.at)}
                {m.reply_to.map(|r| view! { {tr(" · 回复 ", " · reply to ")} <a href=format!("#message-{r}")>{format!("#{r}")}</a> })}
                {match m.handled_at.clone() {
                    Some(at) => view! { " " <span class="badge state-approved" title=lang().pick(format!("处理于 {at}"), format!("Handled {}", Lang::En.date_time(&at)))>{tr("已处理", "Handled")}</span> }.into_any(),
                    None if open => view! { " " <span class="badge state-pending_isp_verify">{tr("待处理", "Open")}</span> }.into_any(),
                    None => ().into_any(),
                }}
            </p>
            <p class="message-body">{m.body.clone()}</p>
            {(can_handle && open && !m.mine).then(|| view! {
                <div class="message-actions">
                    <button type="button" class="button button-secondary" on:click=move |_| reply_to.set(Some(id))>{tr("回复", "Reply")}</button>
                    " "
                    <ActionForm action=handle attr:class="inline-form">
                        <input type="hidden" name="message_id" value=id/>
                        <button type="submit" class="button button-secondary" disabled=move || handle.pending().get()>{tr("标记已处理", "Mark handled")}</button>
                    </ActionForm>
                    {send_back.filter(|_| from_filer).map(|(back, version)| view! {
                        " "
                        // A plain form until the script runs: its own box
                        // stands in for the confirmation below.
                        <form method="post" action="/api/messages/send_back" class="inline-form">
                            <input type="hidden" name="message_id" value=id/>
                            <input type="hidden" name="version" value=version/>
                            <ConfirmBox label=lang().pick(format!("确认以留言 #{id} 为原因退回"), format!("Return with message #{id} as the reason"))/>
                            <Show when=move || confirming.get() == Some(id) fallback=move || view! {
                                <button type="submit" class="button button-secondary" on:click=move |ev| {
                                    ev.prevent_default();
                                    confirming.set(Some(id));
                                }>{tr("按留言退回修改", "Return for the message")}</button>
                            }>
                                <span class="confirm" role="group" aria-label=tr("确认按留言退回", "Confirm the return")>
                                    {lang().pick(format!("确认将该申请退回，以留言 #{id} 为退回原因？"), format!("Return this application with message #{id} as the reason?"))}" "
                                    <button type="button" class="button button-danger" disabled=move || back.pending().get()
                                        on:click=move |_| { back.dispatch(SendBack { message_id: id, version, confirmed: None }); }>{tr("确认退回", "Return")}</button>
                                    " "
                                    <button type="button" class="link-button" on:click=move |_| confirming.set(None)>{tr("取消", "Cancel")}</button>
                                </span>
                            </Show>
                        </form>
                    })}
                </div>
            })}
        </li>
    }
}

/// The box to write a message or a reply in. Nothing typed is lost when
/// the server refuses it.
#[component]
fn Compose(id: i32, reply_to: RwSignal<Option<i32>>, tick: RwSignal<u32>) -> impl IntoView {
    let body = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    // One action for both ways: dispatched by the script, or filled from
    // the address when the plain form came back with an error.
    let send = ServerAction::<PostMessage>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = send.value().get() {
            body.set(String::new());
            touched.set(false);
            reply_to.set(None);
            tick.update(|n| *n += 1);
        }
    });
    let local = move || {
        touched
            .get()
            .then(|| validate_body(&body.get()).err())
            .flatten()
    };
    let error = Signal::derive(move || {
        local().or_else(|| {
            send.value()
                .get()
                .and_then(Result::err)
                .and_then(|e| e.field_errors().first().cloned())
        })
    });
    let count = move || body.with(|b| b.trim().chars().count());
    view! {
        <form class="compose" method="post" action="/api/messages/post" on:submit=move |ev| {
            ev.prevent_default();
            touched.set(true);
            if validate_body(&body.get_untracked()).is_ok() {
                send.dispatch(PostMessage {
                    application_id: id,
                    body: body.get_untracked(),
                    reply_to: reply_to.get_untracked(),
                });
            }
        }>
            <input type="hidden" name="application_id" value=id/>
            {move || reply_to.get().map(|r| view! {
                <p class="hint">{lang().pick(format!("回复留言 #{r} "), format!("Reply to message #{r} "))}
                    <button type="button" class="link-button" on:click=move |_| reply_to.set(None)>{tr("取消回复", "Cancel the reply")}</button>
                </p>
            })}
            <label for="message-body">{tr("留言内容", "Message")}</label>
            <textarea id="message-body" name="body" rows="3" maxlength="600" aria-describedby="message-body-error"
                prop:value=move || body.get()
                on:input=move |ev| body.set(event_target_value(&ev))
                on:blur=move |_| touched.set(true)></textarea>
            <p class="hint" class:overdue=move || { count() > MAX_CHARS }>{move || lang().pick(format!("{} / {MAX_CHARS} 字", count()), format!("{} / {MAX_CHARS} characters", count()))}</p>
            <FieldMessage id="message-body-error".to_owned() error/>
            <button type="submit" class="button button-primary" disabled=move || send.pending().get()>{tr("发送留言", "Send")}</button>
            <FormAlert error=Signal::derive(move || send.value().get().and_then(Result::err).filter(|e| e.field_errors().is_empty()))/>
        </form>
    }
}
