//! Account administration (系统管理员 only).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::domain::account::AccountStatus;
use crate::domain::role::Role;
use crate::error::AppError;

/// Rows per page of the account list.
pub const ACCOUNTS_PER_PAGE: u64 = 20;

/// One row of the account list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i32,
    pub username: String,
    pub real_name: String,
    pub role: Role,
    pub province: Option<String>,
    pub active: bool,
    /// Beijing time, `YYYY-MM-DD HH:MM`.
    pub created_at: String,
    pub last_login_at: Option<String>,
}

/// A page of accounts (newest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountPage {
    pub rows: Vec<AccountRow>,
    /// Zero-based page shown.
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

/// Creates a staff, reviewer or admin account and returns to the list.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "admin/create_account")]
pub async fn create_account(
    username: String,
    password: String,
    real_name: String,
    mobile: String,
    email: String,
    role: String,
    province: Option<String>,
    /// The checked 前置审批 types (`pre_approval_kinds[]`), for an authority.
    pre_approval_kinds: Option<Vec<String>>,
) -> Result<(), AppError> {
    use crate::domain::account::NewAccount;
    use crate::server::accounts;
    use crate::server::auth::guard::require_role;

    let (state, _admin) = require_role(&[Role::SystemAdmin]).await?;
    let form = NewAccount {
        username,
        password,
        real_name,
        mobile,
        email,
        role,
        province: province.unwrap_or_default(),
        pre_approval_kinds: pre_approval_kinds.unwrap_or_default(),
    };
    let account = accounts::create(&state.db, form, None, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("/admin/accounts?created={}", account.username));
    Ok(())
}

/// One page of accounts; `page` is zero-based and clamped to the last page.
#[server(endpoint = "admin/accounts")]
pub async fn list_accounts(page: u64) -> Result<AccountPage, AppError> {
    use crate::server::accounts;
    use crate::server::auth::guard::require_role;
    use crate::server::infra::time::beijing_minutes;

    let (state, _admin) = require_role(&[Role::SystemAdmin]).await?;
    let listing = accounts::list(&state.db, page, ACCOUNTS_PER_PAGE).await?;
    let rows = listing
        .rows
        .into_iter()
        .map(|m| AccountRow {
            id: m.id,
            role: m.role,
            username: m.username,
            real_name: m.real_name,
            province: m.province,
            active: m.status == AccountStatus::Active,
            created_at: beijing_minutes(m.created_at),
            last_login_at: m.last_login_at.map(beijing_minutes),
        })
        .collect();
    Ok(AccountPage {
        rows,
        page: listing.page,
        pages: listing.pages,
        total: listing.total,
    })
}

/// 启用 / 停用 an account; disabling ends its sessions at once, so a plain
/// form must carry its ticked `confirmed` box to disable.
#[server(endpoint = "admin/account_status")]
pub async fn set_account_status(
    account_id: i32,
    active: bool,
    confirmed: Option<String>,
) -> Result<(), AppError> {
    use crate::server::accounts;
    use crate::server::auth::guard::require_role;
    use crate::server::http::plain_form::require_confirmation;

    let (state, admin) = require_role(&[Role::SystemAdmin]).await?;
    if !active {
        require_confirmation(confirmed.as_deref())?;
    }
    accounts::set_active(&state.db, &admin, account_id, active).await
}
