//! `GET /export/records.csv` and `GET /export/history.csv`: everything the
//! search pages find for the same query string, as UTF-8 CSV (with a BOM,
//! so Excel reads the Chinese). The rows come from the same keyset
//! searches, with the caller's scope, page after page into the response
//! body, so exporting a million rows holds one page in memory, and the
//! session is checked again before each page, so an export stops when its
//! session ends. A GET is right here: an export changes nothing. Plain axum
//! routes rather than server functions, as they stream a file.

use std::future::Future;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::stream::{self, StreamExt};
use tower_sessions::Session;

use super::history::{history_page, HistoryQuery};
use super::records::{record_page, RecordQuery};
use crate::domain::csv::{write_row, BOM};
use crate::domain::lang::Lang;
use crate::error::AppError;
use crate::server::auth::guard::{current_account, still_signed_in};
use crate::server::entity::account;
use crate::server::http::error_status::status_of;
use crate::server::infra::state::AppState;
use crate::server::infra::time::beijing_today;

/// Rows fetched per query while exporting.
const PAGE: u64 = 100;

/// One page of cells and the cursor of the next.
type Cells = (Vec<Vec<String>>, Option<String>);

/// Streams every page `fetch` gives, from the first (cursor `None`), after
/// a header row. The first page is fetched before answering, so a refused
/// or malformed export gets its status instead of an empty file.
async fn export<F, Fut>(
    state: AppState,
    session: Session,
    name: &str,
    header: &[&str],
    fetch: F,
) -> Response
where
    F: Fn(AppState, account::Model, Option<String>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Cells, AppError>> + Send + 'static,
{
    let account = match current_account(&state, &session).await {
        Ok(Some(account)) => account,
        Ok(None) => return error_response(AppError::Unauthorized),
        Err(error) => return error_response(error),
    };
    let first = match fetch(state.clone(), account.clone(), None).await {
        Ok(page) => page,
        Err(error) => return error_response(error),
    };
    tracing::info!(
        account = account.id,
        export = name,
        "search results exported"
    );
    let fetch = Arc::new(fetch);
    let session_id = session.id();
    let pages = stream::unfold(Some(Ok(first)), move |pending| {
        let (fetch, state, account) = (fetch.clone(), state.clone(), account.clone());
        async move {
            match pending? {
                Err(error) => {
                    tracing::error!(?error, "export stopped part-way");
                    Some((Err(std::io::Error::other("export failed")), None))
                }
                Ok((rows, next)) => {
                    let chunk: String = rows.iter().map(|cells| write_row(cells)).collect();
                    let after = match next {
                        Some(cursor) => Some(match next_page(&state, session_id, &account).await {
                            Ok(()) => fetch(state, account, Some(cursor)).await,
                            Err(error) => Err(error),
                        }),
                        None => None,
                    };
                    Some((Ok(chunk), after))
                }
            }
        }
    });
    let head = format!("{BOM}{}", write_row(header));
    let body = stream::once(async move { Ok(head) }).chain(pages);
    let file = format!(
        "{name}-{}.csv",
        beijing_today(chrono::Utc::now())
            .to_string()
            .replace('-', "")
    );
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Body::from_stream(body),
    )
        .into_response()
}

/// Whether the export may go on to its next page: a long download stops
/// when its session ends (sign-out, disabling, a timeout).
async fn next_page(
    state: &AppState,
    session_id: Option<tower_sessions::session::Id>,
    account: &account::Model,
) -> Result<(), AppError> {
    match still_signed_in(state, session_id).await? {
        Some(now) if now.id == account.id => Ok(()),
        _ => Err(AppError::Unauthorized),
    }
}

fn error_response(error: AppError) -> Response {
    (status_of(&error), Json(error)).into_response()
}

/// `GET /export/records.csv?…`: 备案信息查询's results.
pub async fn records(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<RecordQuery>,
) -> Response {
    let header = [
        "网站备案号",
        "网站名称",
        "域名",
        "主体备案号",
        "主办单位名称",
        "单位性质",
        "省份",
        "负责人",
        "审核通过日期",
    ];
    export(
        state,
        session,
        "records",
        &header,
        move |state, account, after| {
            let query = RecordQuery {
                after: after.unwrap_or_default(),
                limit: PAGE,
                ..query.clone()
            };
            async move {
                let page = record_page(&state.db, &account, query, Lang::Zh).await?;
                let rows = page
                    .rows
                    .into_iter()
                    .map(|r| {
                        vec![
                            r.site_number,
                            r.site_name,
                            r.domains.join(" "),
                            r.subject_number,
                            r.unit_name,
                            r.nature,
                            r.province,
                            r.principal,
                            r.approved_on,
                        ]
                    })
                    .collect();
                Ok((rows, page.next))
            }
        },
    )
    .await
}

/// `GET /export/history.csv?…`: 历史记录查询's results.
pub async fn history(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<HistoryQuery>,
) -> Response {
    let header = [
        "时间",
        "申请编号",
        "主办单位名称",
        "操作",
        "操作人",
        "角色",
        "原状态",
        "新状态",
        "原因",
    ];
    export(
        state,
        session,
        "history",
        &header,
        move |state, account, before| {
            let query = HistoryQuery {
                before: before.unwrap_or_default(),
                limit: PAGE,
                ..query.clone()
            };
            async move {
                // The export is the provider's file, in the ministry's language.
                let page = history_page(&state.db, &account, query, Lang::Zh).await?;
                let rows = page
                    .rows
                    .into_iter()
                    .map(|r| {
                        vec![
                            r.at,
                            r.application_id.to_string(),
                            r.subject_name,
                            r.action,
                            r.actor,
                            r.role,
                            r.state_from,
                            r.state_to,
                            r.reason,
                        ]
                    })
                    .collect();
                Ok((rows, page.next.map(|id| id.to_string())))
            }
        },
    )
    .await
}
