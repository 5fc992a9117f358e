//! 备案号 allocation (docs/domain.md §2.10): `{省简称}ICP备{year}{serial:06}号`
//! for a subject, `-n` for its websites and `-nA`, `-nX`, `-nK` for its
//! apps, mini-programs and quick apps, all from one per-subject serial. Serials come from a per-province,
//! per-year counter row bumped inside the approving transaction, so two
//! approvals can never share one and a number is never reused.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::entity::number_counter;
use crate::domain::region::province_by_code;
use crate::domain::service::ServiceKind;
use crate::error::AppError;

/// Issues the next 主体备案号 of `province` for `year`.
pub async fn next_subject_number<C: ConnectionTrait>(
    db: &C,
    province: &str,
    year: i32,
) -> Result<String, AppError> {
    let prefix = province_by_code(province)
        .ok_or_else(|| {
            tracing::error!(province, "approval of an application without a province");
            AppError::Internal
        })?
        .prefix;
    number_counter::Entity::insert(number_counter::ActiveModel {
        province: Set(province.to_owned()),
        year: Set(year),
        last_serial: Set(0),
    })
    .on_conflict_do_nothing()
    .exec(db)
    .await?;
    number_counter::Entity::update_many()
        .col_expr(
            number_counter::Column::LastSerial,
            Expr::col(number_counter::Column::LastSerial).add(1),
        )
        .filter(number_counter::Column::Province.eq(province))
        .filter(number_counter::Column::Year.eq(year))
        .exec(db)
        .await?;
    let counter = number_counter::Entity::find_by_id((province.to_owned(), year))
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    Ok(format_subject_number(prefix, year, counter.last_serial))
}

/// `蜀ICP备2026000001号`.
pub fn format_subject_number(prefix: &str, year: i32, serial: i32) -> String {
    format!("{prefix}ICP备{year:04}{serial:06}号")
}

/// A service's number: its subject's plus `-n` and its kind's letter.
pub fn site_number(subject_number: &str, suffix: i32, kind: ServiceKind) -> String {
    format!("{subject_number}-{suffix}{}", kind.number_letter())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::icp_number::parse_icp_number;

    #[test]
    fn numbers_parse_as_current_icp_numbers() {
        let subject = format_subject_number("蜀", 2026, 1);
        assert_eq!(subject, "蜀ICP备2026000001号");
        let site = site_number(&subject, 2, ServiceKind::Website);
        let parsed = parse_icp_number(&site).unwrap();
        assert_eq!(parsed.subject_number(), subject);
        assert_eq!(parsed.site.as_deref(), Some("2"));
        for kind in ServiceKind::ALL {
            let number = site_number(&subject, 7, kind);
            let suffix = parse_icp_number(&number).unwrap().site.unwrap();
            assert_eq!(ServiceKind::of_suffix(&suffix), kind, "{number}");
        }
    }
}
