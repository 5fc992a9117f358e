//! 公共查询: looking a filing up with no login. The rate limit per client
//! is a middleware (`server::http::rate_limit`) in front of this call and of the
//! page.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::domain::public_lookup::{LookupBy, PublicRecord};
use crate::error::AppError;

/// The live services found by `by` and `q` (at most 20), public fields only.
#[server(endpoint = "public/lookup", input = Json)]
pub async fn public_lookup(by: LookupBy, q: String) -> Result<Vec<PublicRecord>, AppError> {
    use crate::domain::public_lookup::parse_lookup;
    use crate::server::infra::state::app_state;

    let state = app_state()?;
    let key = parse_lookup(by, &q).map_err(AppError::field)?;
    crate::server::public_lookup::lookup(&state.db, &key).await
}
