//! 备案认领: a filer claims a filed subject into their account with its
//! 备案密码.

use leptos::prelude::*;

use crate::error::AppError;

/// Applies to claim subject `subject_number` with its 备案密码 `password`;
/// returns the new application's id. Form-encoded: without JavaScript the
/// form posts it and is sent on to the application.
#[server(endpoint = "claim/apply")]
pub async fn apply_claim(subject_number: String, password: String) -> Result<i32, AppError> {
    use crate::server::auth::guard::require_account;
    use crate::server::http::plain_form::redirect_plain_form;

    let (state, account) = require_account().await?;
    let (id, to) = crate::server::claims::apply(
        &state.db,
        &account,
        &subject_number,
        &password,
        chrono::Utc::now(),
    )
    .await?;
    crate::server::infra::live::after_commit(&state, &[(id, to)]);
    redirect_plain_form(&format!("/review/{id}"));
    Ok(id)
}
