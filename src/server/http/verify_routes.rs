//! `POST /verify/upload`: the filer's phone posts the three 电子化核验
//! pictures as one plain multipart form (it works without JavaScript), with
//! the link's token as a field. The answer is a redirect back to the link's
//! page: `?done=1`, or `?error=<rule>&field=<field>` whose message the page
//! looks up in the shared tables, so nothing a URL carries is shown as text.

use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::error::AppError;
use crate::server::infra::state::AppState;
use crate::server::verify_links::{capture, UPLOADS};

/// The form: the token and each picture as (field, file name, bytes).
async fn read_form(
    mut multipart: Multipart,
) -> Result<(String, Vec<(String, String, Vec<u8>)>), AppError> {
    let mut token = String::new();
    let mut files = Vec::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest)?
    {
        let name = field.name().unwrap_or("").to_owned();
        if name == "token" {
            token = field.text().await.map_err(|_| AppError::BadRequest)?;
        } else if UPLOADS.iter().any(|(f, _)| *f == name) {
            let file_name = field.file_name().unwrap_or("photo").to_owned();
            let bytes = field.bytes().await.map_err(|_| AppError::TooLarge)?;
            // A file input left empty still sends a part, without bytes.
            if !bytes.is_empty() {
                files.push((name, file_name, bytes.to_vec()));
            }
        }
    }
    Ok((token, files))
}

/// Only a token's own characters go back into the address.
fn safe_token(token: &str) -> String {
    token
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(64)
        .collect()
}

pub async fn upload(State(state): State<AppState>, multipart: Multipart) -> Response {
    let (token, result) = match read_form(multipart).await {
        Ok((token, files)) => {
            let result = capture(&state.db, &token, files, chrono::Utc::now()).await;
            (token, result)
        }
        Err(error) => (String::new(), Err(error)),
    };
    let page = format!("/verify/{}", safe_token(&token));
    let target = match result {
        Ok(()) => format!("{page}?done=1"),
        Err(error) => match error.field_errors().first() {
            Some(e) => format!("{page}?error={}&field={}", e.rule, e.field),
            None => format!("{page}?error=VERIFY_UPLOAD_FAILED"),
        },
    };
    Redirect::to(&target).into_response()
}
