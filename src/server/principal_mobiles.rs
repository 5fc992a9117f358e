//! The 负责人 mobiles of the live records (`principal_mobile`) and the
//! province rule that reads them, `Rule::UniqueMobile`: a mobile another
//! live subject's 负责人 uses is refused at submit. The rows follow each
//! approval (`records::versions::record`), so they always say what the
//! records say.

use std::collections::BTreeSet;

use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::entity::{principal_mobile, subject};
use crate::domain::account::normalize_mobile;
use crate::domain::field_error::FieldError;
use crate::domain::filing::Filing;
use crate::domain::identity::normalize_code;
use crate::domain::province_rules::{rules_for, Rule};
use crate::error::AppError;

/// The normalised mobiles of a record's 负责人 (one that is not a mainland
/// mobile is not kept: it can match nothing).
pub fn of(filing: &Filing) -> BTreeSet<String> {
    filing
        .persons()
        .into_iter()
        .filter_map(|(_, person)| normalize_mobile(&person.mobile))
        .collect()
}

/// The rows of subject `subject_id` whose live record is `filing`.
pub fn rows(subject_id: i32, filing: &Filing) -> Vec<principal_mobile::ActiveModel> {
    of(filing)
        .into_iter()
        .map(|mobile| principal_mobile::ActiveModel {
            mobile: Set(mobile),
            subject_id: Set(subject_id),
        })
        .collect()
}

/// Makes subject `subject_id`'s rows those of its live record `filing`,
/// or none once the subject is cancelled (`None`).
pub async fn refresh<C: ConnectionTrait>(
    db: &C,
    subject_id: i32,
    filing: Option<&Filing>,
) -> Result<(), AppError> {
    principal_mobile::Entity::delete_many()
        .filter(principal_mobile::Column::SubjectId.eq(subject_id))
        .exec(db)
        .await?;
    let rows = filing.map(|f| rows(subject_id, f)).unwrap_or_default();
    if !rows.is_empty() {
        principal_mobile::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// `Rule::UniqueMobile`, where the filing's province switches it on: an
/// error at each 负责人's mobile that a live subject of another
/// certificate uses.
pub async fn check<C: ConnectionTrait>(
    db: &C,
    filing: &Filing,
) -> Result<Vec<FieldError>, AppError> {
    if !rules_for(&filing.subject.province).contains(&Rule::UniqueMobile) {
        return Ok(Vec::new());
    }
    let mobiles = of(filing);
    if mobiles.is_empty() {
        return Ok(Vec::new());
    }
    let this_subject = Query::select()
        .column(subject::Column::Id)
        .from(subject::Entity)
        .and_where(subject::Column::CertNumber.eq(normalize_code(&filing.subject.cert_number)))
        .to_owned();
    let taken: BTreeSet<String> = principal_mobile::Entity::find()
        .filter(principal_mobile::Column::Mobile.is_in(mobiles))
        .filter(principal_mobile::Column::SubjectId.not_in_subquery(this_subject))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.mobile)
        .collect();
    Ok(filing
        .persons()
        .into_iter()
        .filter(|(_, person)| normalize_mobile(&person.mobile).is_some_and(|m| taken.contains(&m)))
        .map(|(path, _)| {
            FieldError::new(
                &format!("{path}.mobile"),
                "RULE_MOBILE_TAKEN",
                "本省要求：该手机号码已被其他主体的负责人使用，请填写负责人本人的其他手机号码",
                "This province refuses a mobile another subject's person in charge uses; give another mobile of this person",
            )
        })
        .collect())
}
