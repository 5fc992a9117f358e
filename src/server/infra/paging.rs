//! The one pager of the numbered lists (filings, queues, accounts): the
//! page asked for, clamped to the last one, with the total and the page
//! count. The searches page by keyset instead (`record_search`, `history_search`).

use sea_orm::{ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, Select};

use crate::error::AppError;

/// One page of a list, with where it sits among all pages.
pub struct Listing<T> {
    pub rows: Vec<T>,
    /// Zero-based page actually returned (clamped to the last one).
    pub page: u64,
    /// At least 1, so an empty list is one empty page.
    pub pages: u64,
    pub total: u64,
}

/// Page `page` (zero-based) of `query`, `per_page` rows each.
pub async fn page_of<E, C>(
    db: &C,
    query: Select<E>,
    page: u64,
    per_page: u64,
) -> Result<Listing<E::Model>, AppError>
where
    E: EntityTrait,
    E::Model: FromQueryResult + Send + Sync,
    C: ConnectionTrait,
{
    let paginator = query.paginate(db, per_page.max(1));
    let total = paginator.num_items().await?;
    let pages = total.div_ceil(per_page.max(1)).max(1);
    let page = page.min(pages - 1);
    Ok(Listing {
        rows: paginator.fetch_page(page).await?,
        page,
        pages,
        total,
    })
}
