//! 申请留言 on an application's page: the thread, the box to write in
//! (checked as the user types, with a character count), and for staff and
//! reviewers 回复, 标记已处理 and 按留言退回 (send the application back to be
//! changed as the 留言 asks) on each open message.

use leptos::prelude::*;

use crate::api::messages::{
    handle_message, load_thread, post_message, send_back, MessageRow, Thread,
};
use crate::domain::message::{validate_body, MAX_CHARS};
use crate::error::AppError;
use crate::ui::alert::FormAlert;
use crate::ui::field::FieldMessage;
use crate::ui::i18n::{lang, tr, Lang};
use crate::ui::live::refresh_on_changes;

/// The thread of application `id`. It is fetched in the browser after
/// hydration (and again on every live change) rather than rendered on the
/// server, so the page around it never waits for it and the server and
/// browser renders always agree.
#[component]
pub fn MessageThread(
    id: i32,
    /// Called once 按留言退回 sent the application back, so the page
    /// shows its new state.
    on_returned: Callback<()>,
) -> impl IntoView {
    let tick = RwSignal::new(0u32);
    refresh_on_changes(tick);
    let thread = RwSignal::new(None::<Result<Thread, AppError>>);
    Effect::new(move |_| {
        tick.track();
        leptos::task::spawn_local(async move {
            let loaded = load_thread(id).await;
            thread.try_set(Some(loaded));
        });
    });
    let reply_to = RwSignal::new(None::<i32>);
    // The 留言 whose 按留言退回 awaits its confirmation: kept here, above
    // the rows, which every live refresh builds anew.
    let confirming = RwSignal::new(None::<i32>);
    let handle = Action::new(move |message: &i32| handle_message(*message));
    let back = Action::new(move |(message, version): &(i32, i32)| send_back(*message, *version));
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
    // The compose box is built once, so a live refresh never wipes what
    // is being typed.
    let can_post = Memo::new(move |_| {
        thread.with(|t| t.as_ref().and_then(|r| r.as_ref().ok()).map(|t| t.can_post))
    });
    view! {
        <section class="sub-card messages" id="messages">
            <h2>{tr("申请留言", "Messages")}</h2>
            {move || thread.with(|t| match t {
                None => view! { <p class="loading">{tr("加载中…", "Loading…")}</p> }.into_any(),
                Some(Err(error)) => {
                    let error = error.clone();
                    view! { <FormAlert error=Signal::derive(move || Some(error.clone()))/> }.into_any()
                }
                Some(Ok(data)) if data.messages.is_empty() => view! { <p class="empty">{tr("暂无留言。", "No messages yet.")}</p> }.into_any(),
                Some(Ok(data)) => {
                    let can_handle = data.can_handle;
                    let send_back = data.return_action.map(|_| (back, data.version));
                    view! {
                        <ol class="thread">
                            {data.messages.iter().cloned().map(|m| view! { <MessageItem m can_handle reply_to confirming handle send_back/> }).collect_view()}
                        </ol>
                    }.into_any()
                }
            })}
            <FormAlert error=Signal::derive(move || handle.value().get().and_then(Result::err))/>
            <FormAlert error=Signal::derive(move || back.value().get().and_then(Result::err))/>
            {move || match can_post.get() {
                Some(true) => view! { <Compose id reply_to tick/> }.into_any(),
                Some(false) => view! { <p class="hint">{tr("该申请从未提交，无需留言：可直接修改。", "This application was never submitted, so there is nothing to message about: edit it directly.")}</p> }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}

/// 按留言退回 for (message, version).
type SendBack = Action<(i32, i32), Result<(), AppError>>;

#[component]
fn MessageItem(
    m: MessageRow,
    can_handle: bool,
    reply_to: RwSignal<Option<i32>>,
    /// The 留言 whose 按留言退回 awaits its confirmation.
    confirming: RwSignal<Option<i32>>,
    handle: Action<i32, Result<(), AppError>>,
    /// 按留言退回, with the application's version, when the reader may.
    send_back: Option<(SendBack, i32)>,
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
                <p class="message-actions">
                    <button type="button" class="button button-secondary" on:click=move |_| reply_to.set(Some(id))>{tr("回复", "Reply")}</button>
                    " "
                    <button type="button" class="button button-secondary" disabled=move || handle.pending().get()
                        on:click=move |_| { handle.dispatch(id); }>{tr("标记已处理", "Mark handled")}</button>
                    {send_back.filter(|_| from_filer).map(|(back, version)| view! {
                        " "
                        <Show when=move || confirming.get() == Some(id) fallback=move || view! {
                            <button type="button" class="button button-secondary" on:click=move |_| confirming.set(Some(id))>{tr("按留言退回修改", "Return for the message")}</button>
                        }>
                            <span class="confirm" role="group" aria-label=tr("确认按留言退回", "Confirm the return")>
                                {lang().pick(format!("确认将该申请退回，以留言 #{id} 为退回原因？"), format!("Return this application with message #{id} as the reason?"))}" "
                                <button type="button" class="button button-danger" disabled=move || back.pending().get()
                                    on:click=move |_| { back.dispatch((id, version)); }>{tr("确认退回", "Return")}</button>
                                " "
                                <button type="button" class="link-button" on:click=move |_| confirming.set(None)>{tr("取消", "Cancel")}</button>
                            </span>
                        </Show>
                    })}
                </p>
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
    let send = Action::new(move |(text, reply): &(String, Option<i32>)| {
        post_message(id, text.clone(), *reply)
    });
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
        <form class="compose" on:submit=move |ev| {
            ev.prevent_default();
            touched.set(true);
            if validate_body(&body.get_untracked()).is_ok() {
                send.dispatch((body.get_untracked(), reply_to.get_untracked()));
            }
        }>
            {move || reply_to.get().map(|r| view! {
                <p class="hint">{lang().pick(format!("回复留言 #{r} "), format!("Reply to message #{r} "))}
                    <button type="button" class="link-button" on:click=move |_| reply_to.set(None)>{tr("取消回复", "Cancel the reply")}</button>
                </p>
            })}
            <label for="message-body">{tr("留言内容", "Message")}</label>
            <textarea id="message-body" rows="3" maxlength="600" aria-describedby="message-body-error"
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
