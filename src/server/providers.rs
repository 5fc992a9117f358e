//! Access providers (接入服务商) and the IP blocks filings are checked against.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryOrder, Set};

use super::entity::provider;
use crate::domain::field_error::FieldError;
use crate::domain::ip::{parse_blocks, IpBlock};
use crate::domain::text::{char_len, normalize_space};
use crate::error::AppError;

/// Every provider, oldest first.
pub async fn list<C: ConnectionTrait>(db: &C) -> Result<Vec<provider::Model>, AppError> {
    Ok(provider::Entity::find()
        .order_by_asc(provider::Column::Id)
        .all(db)
        .await?)
}

/// One provider's parsed IP blocks (an unparsable entry is skipped and logged).
pub fn blocks(provider: &provider::Model) -> Vec<IpBlock> {
    parse_blocks(&provider.ip_blocks).unwrap_or_else(|bad| {
        tracing::error!(provider = provider.id, entry = %bad, "unparsable provider IP block");
        Vec::new()
    })
}

/// Creates a provider after checking its name and blocks.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    name: &str,
    ip_blocks: &str,
    now: DateTime<Utc>,
) -> Result<provider::Model, AppError> {
    let name = normalize_space(name);
    let mut errors = Vec::new();
    if !(2..=100).contains(&char_len(&name)) {
        errors.push(FieldError::new(
            "name",
            "PROVIDER_NAME",
            "接入服务商名称应为 2–100 个字",
            "A provider name has 2 to 100 characters",
        ));
    }
    match parse_blocks(ip_blocks) {
        Ok(blocks) if !blocks.is_empty() => {}
        Ok(_) => errors.push(FieldError::new(
            "ip_blocks",
            "PROVIDER_BLOCKS",
            "请填写至少一个IP地址段，如 121.40.0.0/14",
            "Enter at least one block, e.g. 121.40.0.0/14",
        )),
        Err(bad) => errors.push(FieldError::new(
            "ip_blocks",
            "PROVIDER_BLOCKS",
            &format!("“{bad}”不是有效的地址段"),
            &format!("\"{bad}\" is not a CIDR block"),
        )),
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let ip_blocks = ip_blocks
        .split([';', ',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(";");
    let row = provider::ActiveModel {
        name: Set(name),
        ip_blocks: Set(ip_blocks),
        created_at: Set(now),
        ..Default::default()
    };
    Ok(row.insert(db).await?)
}

/// The provider a new staff account joins when none is named: the only one.
pub async fn sole_provider<C: ConnectionTrait>(db: &C) -> Result<Option<i32>, AppError> {
    let count = provider::Entity::find().count(db).await?;
    Ok(if count == 1 {
        list(db).await?.first().map(|p| p.id)
    } else {
        None
    })
}
