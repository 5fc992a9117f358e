//! What an approval writes into the live records, by the application's
//! kind: a filing issues numbers and creates or extends the subject and its
//! sites; a change gives the record its new values; a cancellation applies
//! its cascade; a claim moves the subject to the applicant. Runs inside the approving transaction.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::{live_record, live_sites, write_site};
use crate::domain::change::{Base, ChangeKind};
use crate::domain::domain_name::normalize_domain;
use crate::domain::filing::{Filing, Site};
use crate::domain::record::RecordStatus;
use crate::domain::workflow::{Channel, Kind};
use crate::error::AppError;
use crate::server::entity::{application, password_notice, site, site_domain, subject};
use crate::server::{infra::time, numbers};

/// Applies approved application `app` to the live records, and keeps
/// the version it left.
pub async fn apply<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if app.kind == Kind::Cancel {
        apply_cancellation(db, app).await?;
    } else if app.kind == Kind::Claim {
        crate::server::claims::apply_approved(db, app, now).await?;
    } else if let Some(base) = app.change_base() {
        apply_change(db, app, &base, now).await?;
    } else {
        issue(db, app, &app.filing(), now).await?;
    }
    super::versions::record(db, app, now).await
}

/// What an approval issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    pub subject_number: String,
    /// One per site of the application, in its order.
    pub site_numbers: Vec<String>,
    /// True when this approval created the subject (and its 备案密码).
    pub new_subject: bool,
}

/// A filing's approval: the subject's number (and 备案密码 notice) on a
/// first approval, the next `-n` for each new site, and this provider's
/// access added to a site filed again (新增接入).
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    filing: &Filing,
    now: DateTime<Utc>,
) -> Result<Issued, AppError> {
    let existing = subject::Entity::find()
        .filter(subject::Column::CertNumber.eq(app.subject_cert_number.clone()))
        .filter(subject::Column::Status.eq(RecordStatus::Live))
        .one(db)
        .await?;
    let new_subject = existing.is_none();
    let mut subject = match existing {
        Some(s) => s,
        None => {
            let year = time::beijing_today(now).year;
            let number = numbers::next_subject_number(db, &app.province, year).await?;
            let created = subject::ActiveModel {
                cert_number: Set(app.subject_cert_number.clone()),
                name: Set(filing.subject.name.clone()),
                province: Set(app.province.clone()),
                number: Set(number),
                // No 备案密码 exists until its owner first opens the notice.
                password_hash: Set(String::new()),
                last_site_suffix: Set(0),
                status: Set(RecordStatus::Live),
                owner_id: Set(app.owner_id),
                application_id: Set(app.id),
                approved_at: Set(now),
                version: Set(1),
                nature: Set(filing.subject.nature.clone()),
                principal_name: Set(filing.subject.principal.name.chars().take(50).collect()),
                ..Default::default()
            }
            .insert(db)
            .await?;
            password_notice::ActiveModel {
                application_id: Set(app.id),
                owner_id: Set(app.owner_id),
                created_at: Set(now),
            }
            .insert(db)
            .await?;
            created
        }
    };
    let provider = app.provider_id.map(i64::from);
    let mut site_numbers = Vec::new();
    for proposed in &filing.sites {
        let domains: Vec<String> = proposed
            .domains
            .iter()
            .map(|d| normalize_domain(d))
            .collect();
        let filed = match domains.first() {
            Some(first) => {
                site_domain::Entity::find_by_id(first.clone())
                    .one(db)
                    .await?
            }
            None => None,
        };
        let filed_site = match filed {
            Some(row) => site::Entity::find_by_id(row.site_id)
                .one(db)
                .await?
                .filter(|s| s.subject_id == subject.id),
            None => None,
        };
        if let Some(current) = filed_site {
            // 新增接入: the site is ours already. It takes the new data, and
            // this provider's access joins the other providers' (or, 转入,
            // replaces them).
            site_numbers.push(current.number.clone());
            let live = current.data();
            let approved = Site {
                accesses: Site::approved_accesses(
                    &live.accesses,
                    &proposed.accesses,
                    provider,
                    proposed.transfer_in,
                ),
                ..proposed.clone()
            };
            let mut update: site::ActiveModel = current.into();
            update.application_id = Set(app.id);
            update.approved_at = Set(now);
            write_site(db, update, &approved).await?;
            continue;
        }
        let approved = Site {
            accesses: Site::approved_accesses(&[], &proposed.accesses, provider, false),
            ..proposed.clone()
        };
        let suffix = subject.last_site_suffix + 1;
        let number = numbers::site_number(&subject.number, suffix, proposed.kind);
        let created = write_site(
            db,
            site::ActiveModel {
                subject_id: Set(subject.id),
                suffix: Set(suffix),
                number: Set(number.clone()),
                status: Set(RecordStatus::Live),
                application_id: Set(app.id),
                approved_at: Set(now),
                ..Default::default()
            },
            &approved,
        )
        .await?;
        for domain in domains {
            site_domain::ActiveModel {
                domain: Set(domain),
                site_id: Set(created.id),
            }
            .insert(db)
            .await?;
        }
        let mut bump: subject::ActiveModel = subject.clone().into();
        bump.last_site_suffix = Set(suffix);
        subject = bump.update(db).await?;
        site_numbers.push(number);
    }
    Ok(Issued {
        subject_number: subject.number,
        site_numbers,
        new_subject,
    })
}

/// Applies an approved change to the live record, in the approving
/// transaction: the subject's or sites' data take the new values (the
/// approval's history row keeps the old), removed domains leave the
/// national picture, and the record's version goes up. 新增网站 issues
/// the next `-n` as a first filing's approval would.
async fn apply_change<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
    base: &Base,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let filing = app.filing();
    let found = subject::Entity::find()
        .filter(subject::Column::CertNumber.eq(app.subject_cert_number.clone()))
        .filter(subject::Column::Status.eq(RecordStatus::Live))
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    if app.kind == ChangeKind::AddSite.kind() {
        // Only the services after the record's own are new: those keep
        // their numbers (an app or mini-program has no domain by which
        // `issue` could find it filed).
        let kept = base.site_numbers.len().min(filing.sites.len());
        let added = Filing {
            sites: filing.sites[kept..].to_vec(),
            ..filing.clone()
        };
        issue(db, app, &added, now).await?;
    }
    let provider = app.provider_id.map(i64::from);
    for (number, proposed) in base.site_numbers.iter().zip(&filing.sites) {
        let Some(current) = site::Entity::find()
            .filter(site::Column::Number.eq(number.clone()))
            .one(db)
            .await?
        else {
            continue;
        };
        let live = current.data();
        let approved = Site {
            accesses: Site::approved_accesses(&live.accesses, &proposed.accesses, provider, false),
            ..proposed.clone()
        };
        if live == approved {
            continue;
        }
        let kept: Vec<String> = approved
            .domains
            .iter()
            .map(|d| normalize_domain(d))
            .collect();
        site_domain::Entity::delete_many()
            .filter(site_domain::Column::SiteId.eq(current.id))
            .filter(site_domain::Column::Domain.is_not_in(kept))
            .exec(db)
            .await?;
        let mut changed: site::ActiveModel = current.into();
        changed.application_id = Set(app.id);
        changed.approved_at = Set(now);
        write_site(db, changed, &approved).await?;
    }
    let version = found.version + 1;
    let mut record: subject::ActiveModel = found.into();
    if filing.subject != base.filing.subject {
        record.name = Set(filing.subject.name.clone());
        record.principal_name = Set(filing.subject.principal.name.chars().take(50).collect());
        record.application_id = Set(app.id);
    }
    record.version = Set(version);
    record.update(db).await?;
    Ok(())
}

/// The approved cancellation's cascade, in the approving transaction: the
/// subject takes its sites, a site its access; cancelled domains leave the
/// national picture at once.
async fn apply_cancellation<C: ConnectionTrait>(
    db: &C,
    app: &application::Model,
) -> Result<(), AppError> {
    let request = app.cancellation_request()?;
    let subject = subject::Entity::find()
        .filter(subject::Column::CertNumber.eq(app.subject_cert_number.clone()))
        .filter(subject::Column::Status.eq(RecordStatus::Live))
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    // Staff's 取消接入 ends their provider's access; a filer's, every one.
    let provider = match app.channel {
        Channel::Proxy => app.provider_id,
        Channel::SelfFiled => None,
    };
    let effect = request.effect(&live_record(db, &subject, provider).await?);
    for found in live_sites(db, subject.id).await? {
        if effect.sites.contains(&found.number) {
            site_domain::Entity::delete_many()
                .filter(site_domain::Column::SiteId.eq(found.id))
                .exec(db)
                .await?;
            // Who served it last, for the 空壳主体 it may leave behind.
            let last = found.data().providers().first().copied();
            let mut cancelled: site::ActiveModel = found.into();
            cancelled.status = Set(RecordStatus::Cancelled);
            if let Some(last) = last.and_then(|p| i32::try_from(p).ok()) {
                cancelled.former_provider_id = Set(Some(last));
            }
            cancelled.update(db).await?;
        } else if effect.accesses.contains(&found.number) {
            let mut data = found.data();
            data.accesses
                .retain(|a| provider.is_some_and(|p| a.provider_id != Some(i64::from(p))));
            write_site(db, found.into(), &data).await?;
        }
    }
    if effect.subject {
        let mut cancelled: subject::ActiveModel = subject.into();
        cancelled.status = Set(RecordStatus::Cancelled);
        cancelled.update(db).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::filing::tests::company_filing;
    use crate::domain::workflow::State;
    use crate::server::entity::site_access;
    use crate::server::infra::test_support::{an_application, memory};
    use crate::server::providers;
    use sea_orm::DatabaseConnection;

    /// An approved application of `filing` in 四川, made with `provider`.
    async fn approved(
        db: &DatabaseConnection,
        filing: &Filing,
        provider: i32,
    ) -> application::Model {
        let app = an_application(db, State::Approved, &filing.subject.cert_number, &[]).await;
        let mut row: application::ActiveModel = app.into();
        row.province = Set("510000".into());
        row.provider_id = Set(Some(provider));
        row.update(db).await.unwrap()
    }

    #[tokio::test]
    async fn approvals_number_subjects_and_sites_in_order_and_add_accesses() {
        let db = memory().await;
        let now = Utc::now();
        let year = time::beijing_today(now).year;
        let x = providers::create(&db, "甲接入商", "121.40.0.0/14", now)
            .await
            .unwrap()
            .id;
        let y = providers::create(&db, "乙接入商", "47.92.0.0/16", now)
            .await
            .unwrap()
            .id;
        let first = company_filing();
        let issued = issue(&db, &approved(&db, &first, x).await, &first, now)
            .await
            .unwrap();
        let number = format!("蜀ICP备{year}000001号");
        assert!(issued.new_subject);
        assert_eq!(issued.subject_number, number);
        assert_eq!(
            issued.site_numbers,
            [format!("{number}-1"), format!("{number}-2")]
        );

        let mut other = company_filing();
        other.subject.cert_number = "91510100MA61HHHH33".into();
        other.sites[0].domains = vec!["other.com".into()];
        other.sites[1].domains = vec!["other.cn".into()];
        let second = issue(&db, &approved(&db, &other, x).await, &other, now)
            .await
            .unwrap();
        assert_eq!(second.subject_number, format!("蜀ICP备{year}000002号"));

        // The first subject files site -1 again through provider Y (新增接入):
        // the same number, and both providers serve it.
        let mut again = company_filing();
        again.sites.truncate(1);
        again.sites[0].accesses[0].ips = "47.92.0.1".into();
        let readded = issue(&db, &approved(&db, &again, y).await, &again, now)
            .await
            .unwrap();
        assert!(!readded.new_subject);
        assert_eq!(readded.site_numbers, [format!("{number}-1")]);
        let site = site::Entity::find()
            .filter(site::Column::Number.eq(format!("{number}-1")))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let mut serving: Vec<i32> = site_access::Entity::find()
            .filter(site_access::Column::SiteId.eq(site.id))
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.provider_id)
            .collect();
        serving.sort_unstable();
        assert_eq!(serving, [x, y]);
        let ips: Vec<String> = site.data().accesses.into_iter().map(|a| a.ips).collect();
        assert_eq!(ips, ["121.40.1.10", "47.92.0.1"]);
    }
}
