//! CSV import of websites for a customer, as drafts (provider staff). The
//! browser reads and splits the file with `domain::csv` and sends it in
//! parts of `CHUNK_ROWS`, so it can show progress on a long file.

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

use crate::domain::import::RowOutcome;
use crate::error::AppError;

/// One part of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePart {
    /// The filer account the drafts are for.
    pub customer_id: i32,
    /// The file's header row.
    pub header: Vec<String>,
    /// (row number in the file, cells).
    pub rows: Vec<(usize, Vec<String>)>,
    /// Check only; write nothing.
    pub dry_run: bool,
}

/// Checks, and unless it is a dry run imports, one part of a file.
#[server(endpoint = "batch/import", input = Json)]
pub async fn import_part(part: FilePart) -> Result<Vec<RowOutcome>, AppError> {
    use crate::domain::import::CHUNK_ROWS;
    use crate::server::auth::guard::require_account;

    let (state, account) = require_account().await?;
    if part.rows.len() > CHUNK_ROWS {
        return Err(AppError::BadRequest);
    }
    crate::server::import::import_sites(
        &state.db,
        &account,
        part.customer_id,
        &part.header,
        &part.rows,
        part.dry_run,
        chrono::Utc::now(),
    )
    .await
}
