//! What the service tests share: a fresh in-memory database and rows to
//! test against. Compiled for tests only.

use sea_orm::DatabaseConnection;

/// A fresh, migrated in-memory SQLite database, for service tests: shared
/// between the pool's connections by its unique name, and gone when the
/// last one closes.
pub(crate) async fn memory() -> DatabaseConnection {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = format!(
        "service_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    crate::server::infra::db::connect(&format!("sqlite:file:{name}?mode=memory&cache=shared"))
        .await
        .expect("an in-memory database")
}

/// A filer account and one application of theirs in `state`, naming
/// certificate `cert` and `domains`, for service tests.
pub(crate) async fn an_application(
    db: &DatabaseConnection,
    state: crate::domain::workflow::State,
    cert: &str,
    domains: &[&str],
) -> crate::server::entity::application::Model {
    use crate::domain::account::AccountStatus;
    use crate::domain::filing::Filing;
    use crate::domain::role::Role;
    use crate::domain::workflow::{Channel, Kind};
    use crate::server::entity::{account, application, application_domain};
    use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};

    let now = chrono::Utc::now();
    let n = account::Entity::find()
        .count(db)
        .await
        .expect("accounts counted");
    let owner = account::ActiveModel {
        username: Set(format!("filer{n}")),
        password_hash: Set(String::new()),
        role: Set(Role::Filer),
        real_name: Set("测试".into()),
        mobile: Set(String::new()),
        email: Set(String::new()),
        status: Set(AccountStatus::Active),
        pre_approval_kinds: Set(String::new()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("a test row stored");
    let app = application::ActiveModel {
        kind: Set(Kind::FirstFiling),
        channel: Set(Channel::SelfFiled),
        state: Set(state),
        version: Set(1),
        owner_id: Set(owner.id),
        created_by: Set(owner.id),
        provider_id: Set(None),
        subject_name: Set(String::new()),
        subject_cert_number: Set(cert.to_owned()),
        province: Set(String::new()),
        pre_approval_kinds: Set(String::new()),
        payload: Set(crate::server::entity::json::Json(Filing::default())),
        control_proof: Set(String::new()),
        created_at: Set(now),
        updated_at: Set(now),
        state_since: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("a test row stored");
    for domain in domains {
        application_domain::ActiveModel {
            application_id: Set(app.id),
            domain: Set((*domain).to_owned()),
        }
        .insert(db)
        .await
        .expect("a test row stored");
    }
    app
}
