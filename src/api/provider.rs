//! The provider's customers: the filer accounts its staff file for
//! (代为备案), found by name or opened on the spot.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A filer account provider staff can file for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub id: i32,
    pub username: String,
    pub real_name: String,
    pub person: bool,
}

#[cfg(feature = "ssr")]
impl From<crate::server::entity::account::Model> for CustomerRow {
    fn from(account: crate::server::entity::account::Model) -> Self {
        CustomerRow {
            id: account.id,
            username: account.username,
            real_name: account.real_name,
            person: account.filer_kind.as_deref() == Some("person"),
        }
    }
}

/// The provider's customers whose username or name contains `query`
/// (provider staff pick the customer they file for).
#[server(endpoint = "provider/customers")]
pub async fn find_customers(query: String) -> Result<Vec<CustomerRow>, AppError> {
    use crate::domain::role::Role;
    use crate::server::accounts;
    use crate::server::auth::guard::require_role;

    let (state, staff) = require_role(&[Role::ProviderStaff, Role::ProviderAdmin]).await?;
    let provider_id = staff.provider_id.ok_or(AppError::Forbidden)?;
    let rows = accounts::find_customers(&state.db, provider_id, &query).await?;
    Ok(rows.into_iter().map(CustomerRow::from).collect())
}

/// Opens a filer account for a customer (provider staff only) and returns
/// it, so the staff member can file for it at once.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "provider/create_customer")]
pub async fn create_customer(
    username: String,
    password: String,
    password_confirm: String,
    real_name: String,
    mobile: String,
    email: String,
    kind: Option<String>,
) -> Result<CustomerRow, AppError> {
    use crate::domain::account::Registration;
    use crate::domain::role::Role;
    use crate::server::accounts;
    use crate::server::auth::guard::require_role;

    let (state, staff) = require_role(&[Role::ProviderStaff, Role::ProviderAdmin]).await?;
    let provider_id = staff.provider_id.ok_or(AppError::Forbidden)?;
    let form = Registration {
        username,
        password,
        password_confirm,
        real_name,
        mobile,
        email,
        kind: kind.unwrap_or_default(),
        accepted_agreements: false,
    };
    let created =
        accounts::create_customer(&state.db, form, provider_id, chrono::Utc::now()).await?;
    Ok(CustomerRow::from(created))
}
