//! The character index of the live subjects' names (`subject_gram`), for
//! 备案信息查询's "主办单位名称 contains" and "负责人 contains".
//!
//! Neither database can answer `LIKE '%…%'` from an ordinary index: SQLite
//! read every name, and PostgreSQL's trigram index does not help
//! two-character Chinese text.
//! Every subject's names are kept here as their characters and pairs of
//! adjacent characters. A search starts from the rarest pair of what was
//! typed (or its character, when one was typed), which few subjects share,
//! and `LIKE` then confirms each of them. The rows follow each approval
//! (`records::versions::record`), as `principal_mobile` does.

use std::collections::BTreeSet;

use sea_orm::sea_query::{Alias, Expr, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::entity::subject;
use super::entity::subject_gram::{self, GramField};
use crate::error::AppError;

/// A gram held by at least this many subjects is common: starting from it
/// would read more rows than reading names until enough match.
const COMMON: i64 = 2000;

/// Every character and every pair of adjacent characters of `text`,
/// lower-cased.
pub fn grams_of(text: &str) -> BTreeSet<String> {
    let chars: Vec<char> = text.to_lowercase().chars().collect();
    let singles = chars.iter().map(|c| c.to_string());
    let pairs = chars.windows(2).map(|pair| pair.iter().collect::<String>());
    singles.chain(pairs).collect()
}

/// The grams every name containing `typed` holds: its pairs, or its one
/// character.
fn needed(typed: &str) -> BTreeSet<String> {
    let chars: Vec<char> = typed.to_lowercase().chars().collect();
    if chars.len() == 1 {
        return BTreeSet::from([chars[0].to_string()]);
    }
    chars
        .windows(2)
        .map(|pair| pair.iter().collect::<String>())
        .collect()
}

/// The rows of live subject `subject_id`, named `name`, whose 负责人 is
/// `principal`.
pub fn rows(subject_id: i32, name: &str, principal: &str) -> Vec<subject_gram::ActiveModel> {
    [(GramField::Name, name), (GramField::Principal, principal)]
        .into_iter()
        .flat_map(|(field, text)| {
            grams_of(text)
                .into_iter()
                .map(move |gram| subject_gram::ActiveModel {
                    field: Set(field),
                    gram: Set(gram),
                    subject_id: Set(subject_id),
                })
        })
        .collect()
}

/// Makes `subject`'s rows those of its names while it is live, and none
/// once it is cancelled (search shows live records only).
pub async fn refresh<C: ConnectionTrait>(
    db: &C,
    subject: &subject::Model,
    live: bool,
) -> Result<(), AppError> {
    subject_gram::Entity::delete_many()
        .filter(subject_gram::Column::SubjectId.eq(subject.id))
        .exec(db)
        .await?;
    if live {
        subject_gram::Entity::insert_many(rows(subject.id, &subject.name, &subject.principal_name))
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// A condition on `subject` that keeps only the subjects holding the
/// rarest gram `typed` needs, or `None` when every one is common (or
/// nothing was typed). It narrows; `LIKE` still decides, so it goes beside
/// the `LIKE` condition, never in its place.
pub async fn narrowest<C: ConnectionTrait>(
    db: &C,
    field: GramField,
    typed: &str,
) -> Result<Option<Expr>, AppError> {
    let mut rarest: Option<(i64, String)> = None;
    for gram in needed(typed) {
        let count = holders_up_to_common(db, field, &gram).await?;
        if rarest.as_ref().is_none_or(|(least, _)| count < *least) {
            rarest = Some((count, gram));
        }
    }
    Ok(rarest
        .filter(|(count, _)| *count < COMMON)
        .map(|(_, gram)| subject::Column::Id.in_subquery(holders(field, &gram))))
}

/// The subjects holding `gram` in `field`.
fn holders(field: GramField, gram: &str) -> SelectStatement {
    Query::select()
        .column(subject_gram::Column::SubjectId)
        .from(subject_gram::Entity)
        .and_where(subject_gram::Column::Field.eq(field))
        .and_where(subject_gram::Column::Gram.eq(gram))
        .to_owned()
}

/// How many subjects hold `gram`, counted up to `COMMON` only (one index
/// range of at most that many entries).
async fn holders_up_to_common<C: ConnectionTrait>(
    db: &C,
    field: GramField,
    gram: &str,
) -> Result<i64, AppError> {
    let capped = holders(field, gram).limit(COMMON as u64).to_owned();
    let count = Query::select()
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .from_subquery(capped, Alias::new("capped"))
        .to_owned();
    let row = db.query_one(&count).await?.ok_or(AppError::Internal)?;
    Ok(row.try_get::<i64>("", "n")?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_kept_as_its_characters_and_adjacent_pairs() {
        let grams: Vec<String> = grams_of("蓝海AB").into_iter().collect();
        assert_eq!(
            grams,
            ["a", "ab", "b", "海", "海a", "蓝", "蓝海"].map(String::from)
        );
    }

    #[test]
    fn what_was_typed_needs_its_pairs_or_its_one_character() {
        assert_eq!(needed("海"), BTreeSet::from(["海".to_owned()]));
        assert_eq!(
            needed("蓝海科"),
            BTreeSet::from(["蓝海".to_owned(), "海科".to_owned()])
        );
    }

    #[test]
    fn every_gram_a_part_needs_is_held_by_each_name_containing_it() {
        let name = "成都蓝海网络科技有限公司";
        let held = grams_of(name);
        let chars: Vec<char> = name.chars().collect();
        for start in 0..chars.len() {
            for end in start + 1..=chars.len() {
                let part: String = chars[start..end].iter().collect();
                assert!(needed(&part).is_subset(&held), "{part}");
            }
        }
    }
}
