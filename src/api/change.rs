//! 备案信息变更: starting a change of one kind from a live record, and
//! submitting it with the 备案密码. Editing goes through the wizard's calls.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::domain::change::ChangeKind;
use crate::domain::workflow::State;
use crate::error::AppError;

/// Starts a change of `kind` on record `subject_number`; returns the new
/// draft's id, which the wizard opens. Form-encoded: without JavaScript the
/// chooser posts it and the browser is sent on to the wizard.
#[server(endpoint = "change/start")]
pub async fn start_change(subject_number: String, kind: ChangeKind) -> Result<i32, AppError> {
    use crate::server::auth::guard::require_account;
    use crate::server::http::plain_form::redirect_plain_form;

    let (state, account) = require_account().await?;
    let id = crate::server::changes::start(
        &state.db,
        &account,
        &subject_number,
        kind,
        chrono::Utc::now(),
    )
    .await?;
    crate::server::infra::live::after_commit(
        &state,
        &[(id, crate::domain::workflow::State::Draft)],
    );
    redirect_plain_form(&format!("/filings/{id}?step={}", kind.first_step()));
    Ok(id)
}

/// Submits a change: the wizard's submit, with the record's 备案密码.
#[server(endpoint = "change/submit", input = Json)]
pub async fn submit_change(id: i32, version: i32, password: String) -> Result<State, AppError> {
    use crate::server::auth::guard::require_account;
    use crate::server::infra::time::beijing_today;

    let (state, account) = require_account().await?;
    let now = chrono::Utc::now();
    let to = crate::server::filings::submit(
        &state.db,
        &account,
        id,
        version,
        &password,
        now,
        beijing_today(now),
    )
    .await?;
    crate::server::infra::live::after_commit(&state, &[(id, to)]);
    Ok(to)
}
