//! Demo data for `beian seed-demo`: one account per role. Idempotent, so
//! running it on every start seeds only once.

use chrono::Utc;
use sea_orm::DatabaseConnection;

use super::{accounts, providers};
use crate::domain::account::AccountStatus;
use crate::domain::account::{NewAccount, Registration};
use crate::error::AppError;

/// A demo login: username, password, role label, note.
pub struct DemoAccount {
    pub username: &'static str,
    pub password: &'static str,
    pub role: &'static str,
    pub province: &'static str,
    pub real_name: &'static str,
    /// The 前置审批 types a pre-approval authority decides.
    pub pre_approval_kinds: &'static [&'static str],
}

/// The demo access provider and its IP blocks: staff accounts join it, and
/// demo filings use addresses inside it.
pub const DEMO_PROVIDER: (&str, &str) = ("示例云计算有限公司", "121.40.0.0/14;2400:3200::/32");

/// The login password of generated owners and the 备案密码 of generated
/// subjects.
pub const GENERATED_PASSWORD: &str = "Demo2026";

/// The demo accounts the README lists.
pub const DEMO_ACCOUNTS: [DemoAccount; 7] = [
    DemoAccount {
        username: "admin",
        password: "Admin2026",
        role: "system_admin",
        province: "",
        real_name: "系统管理员",
        pre_approval_kinds: &[],
    },
    DemoAccount {
        username: "staff",
        password: "Staff2026",
        role: "provider_staff",
        province: "",
        real_name: "王备案",
        pre_approval_kinds: &[],
    },
    DemoAccount {
        username: "provider_admin",
        password: "Provider2026",
        role: "provider_admin",
        province: "",
        real_name: "赵主管",
        pre_approval_kinds: &[],
    },
    DemoAccount {
        username: "reviewer_sc",
        password: "Review2026",
        role: "bureau_reviewer",
        province: "510000",
        real_name: "李审核",
        pre_approval_kinds: &[],
    },
    DemoAccount {
        username: "preapproval",
        password: "Approve2026",
        role: "preapproval",
        province: "",
        real_name: "周审批",
        // 新闻 and 出版: the demo is a press and publication office.
        pre_approval_kinds: &["1", "2"],
    },
    DemoAccount {
        username: "filer_org",
        password: "Filer2026",
        role: "filer",
        province: "",
        real_name: "成都示例科技有限公司",
        pre_approval_kinds: &[],
    },
    DemoAccount {
        username: "filer_person",
        password: "Person2026",
        role: "filer",
        province: "",
        real_name: "张三",
        pre_approval_kinds: &[],
    },
];

/// Creates every demo account that does not exist yet; returns how many
/// were created.
pub async fn seed_demo(db: &DatabaseConnection) -> Result<usize, AppError> {
    let mut created = 0;
    if providers::list(db).await?.is_empty() {
        providers::create(db, DEMO_PROVIDER.0, DEMO_PROVIDER.1, Utc::now()).await?;
    }
    // The first provider registered: the demo one on a fresh database.
    let provider_id = providers::list(db)
        .await?
        .first()
        .map(|p| p.id)
        .ok_or(AppError::Internal)?;
    for demo in &DEMO_ACCOUNTS {
        if accounts::find_by_username(db, demo.username)
            .await?
            .is_some()
        {
            continue;
        }
        if demo.role == "filer" {
            let kind = if demo.username == "filer_org" {
                "org"
            } else {
                "person"
            };
            let form = Registration {
                username: demo.username.into(),
                password: demo.password.into(),
                password_confirm: demo.password.into(),
                real_name: demo.real_name.into(),
                mobile: "13800138000".into(),
                email: format!("{}@example.com", demo.username),
                kind: kind.into(),
                accepted_agreements: true,
            };
            // The demo provider opened its demo customers' accounts.
            accounts::register_customer(db, form, provider_id, Utc::now()).await?;
        } else {
            let form = NewAccount {
                username: demo.username.into(),
                password: demo.password.into(),
                real_name: demo.real_name.into(),
                role: demo.role.into(),
                province: demo.province.into(),
                pre_approval_kinds: demo
                    .pre_approval_kinds
                    .iter()
                    .map(|k| k.to_string())
                    .collect(),
                ..Default::default()
            };
            accounts::create(db, form, None, Utc::now()).await?;
        }
        created += 1;
    }
    Ok(created)
}

/// The demo accounts still active with a password this project publishes
/// (those of `DEMO_ACCOUNTS`, and the generated `demo1` and
/// `demo_reviewer_<province>` of `seed-demo --subjects`): a production
/// server must not start while one exists, since anyone who read the README
/// could sign in with it.
pub async fn demo_accounts_with_published_passwords(
    db: &DatabaseConnection,
) -> Result<Vec<String>, AppError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let mut published: Vec<(String, &str)> = DEMO_ACCOUNTS
        .iter()
        .map(|demo| (demo.username.to_owned(), demo.password))
        .collect();
    let generated = super::entity::account::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(super::entity::account::Column::Username.eq("demo1"))
                .add(super::entity::account::Column::Username.starts_with("demo_reviewer_")),
        )
        .all(db)
        .await?;
    published.extend(
        generated
            .into_iter()
            .map(|a| (a.username, GENERATED_PASSWORD)),
    );
    let mut open = Vec::new();
    for (username, password) in published {
        let Some(account) = accounts::find_by_username(db, &username).await? else {
            continue;
        };
        if account.status == AccountStatus::Active
            && super::auth::password::verify(password.to_owned(), Some(account.password_hash))
                .await?
        {
            open.push(username);
        }
    }
    Ok(open)
}
