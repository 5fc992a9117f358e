//! HTTP routes for scans: `POST /documents` (multipart upload) and
//! `GET /documents/{id}` (download as an attachment). Plain axum handlers,
//! because a file upload needs a streamed multipart body and a download
//! needs its own headers; both authorise exactly like the server functions.

use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use tower_sessions::Session;

use crate::error::AppError;
use crate::server::auth::guard::current_account;
use crate::server::documents;
use crate::server::http::error_status::status_of;
use crate::server::infra::state::AppState;

fn error_response(error: AppError) -> Response {
    (status_of(&error), Json(error)).into_response()
}

/// The fields of an upload form.
#[derive(Default)]
struct UploadForm {
    application_id: Option<i32>,
    kind: String,
    file_name: String,
    bytes: Option<Vec<u8>>,
}

async fn read_form(mut multipart: Multipart) -> Result<UploadForm, AppError> {
    let mut form = UploadForm::default();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest)?
    {
        match field.name().unwrap_or("") {
            "application_id" => {
                form.application_id = field
                    .text()
                    .await
                    .map_err(|_| AppError::BadRequest)?
                    .trim()
                    .parse()
                    .ok()
            }
            "kind" => form.kind = field.text().await.map_err(|_| AppError::BadRequest)?,
            "file" => {
                form.file_name = field.file_name().unwrap_or("scan").to_owned();
                // The body limit layer caps the whole request; the exact
                // 100 KB rule is applied to the bytes afterwards.
                form.bytes = Some(
                    field
                        .bytes()
                        .await
                        .map_err(|_| AppError::TooLarge)?
                        .to_vec(),
                );
            }
            _ => {}
        }
    }
    Ok(form)
}

/// `POST /documents`: stores one scan and answers its `DocumentRef`.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    multipart: Multipart,
) -> Response {
    let result = async {
        let account = current_account(&state, &session)
            .await?
            .ok_or(AppError::Unauthorized)?;
        let form = read_form(multipart).await?;
        let (Some(application_id), Some(bytes)) = (form.application_id, form.bytes) else {
            return Err(AppError::BadRequest);
        };
        documents::store(
            &state.db,
            &account,
            application_id,
            &form.kind,
            &form.file_name,
            bytes,
            chrono::Utc::now(),
        )
        .await
    }
    .await;
    match result {
        Ok(doc) => Json(doc).into_response(),
        Err(error) => error_response(error),
    }
}

/// `GET /documents/{id}`: the scan, to those who may see its application.
pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i32>,
) -> Response {
    let result = async {
        let account = current_account(&state, &session)
            .await?
            .ok_or(AppError::Unauthorized)?;
        documents::load(&state.db, &account, id).await
    }
    .await;
    match result {
        Ok(doc) => {
            let ascii_name: String = doc
                .file_name
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            (
                [
                    (header::CONTENT_TYPE, doc.mime),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{ascii_name}\""),
                    ),
                    (header::CACHE_CONTROL, "private, no-store".to_owned()),
                ],
                doc.bytes,
            )
                .into_response()
        }
        Err(error) => error_response(error),
    }
}
