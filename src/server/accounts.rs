//! Account services: registration, admin-created accounts, login
//! book-keeping and listing. Generic over `ConnectionTrait` where they can
//! run inside a caller's transaction.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, SqlErr,
};

use super::infra::paging::{page_of, Listing};
use crate::domain::account::AccountStatus;
use crate::domain::account::{
    canonical_username, normalize_mobile, NewAccount, PasswordChange, Registration,
    AGREEMENTS_VERSION,
};
use crate::domain::field_error::FieldError;
use crate::domain::lang::Lang;
use crate::domain::role::Role;
use crate::domain::text::normalize_space;
use crate::error::AppError;
use crate::server::auth::policy::Viewer;
use crate::server::auth::{lockout, password};
use crate::server::entity::{account, application, provider};

fn username_taken() -> AppError {
    AppError::field(FieldError::new(
        "username",
        "ACC_USERNAME_TAKEN",
        "该用户名已被使用，请换一个",
        "This username is taken; choose another",
    ))
}

/// Looks an account up by (case-insensitive) username.
pub async fn find_by_username<C: ConnectionTrait>(
    db: &C,
    username: &str,
) -> Result<Option<account::Model>, AppError> {
    Ok(account::Entity::find()
        .filter(account::Column::Username.eq(canonical_username(username)))
        .one(db)
        .await?)
}

/// The fields both ways of creating an account share.
struct AccountFields {
    username: String,
    password: String,
    role: Role,
    real_name: String,
    mobile: String,
    email: String,
    filer_kind: Option<String>,
    province: Option<String>,
    provider_id: Option<i32>,
    agreements_accepted_at: Option<DateTime<Utc>>,
    /// `,code,code,` for a pre-approval authority, else empty.
    pre_approval_kinds: String,
}

async fn insert(
    db: &DatabaseConnection,
    fields: AccountFields,
    now: DateTime<Utc>,
) -> Result<account::Model, AppError> {
    let username = canonical_username(&fields.username);
    if find_by_username(db, &username).await?.is_some() {
        return Err(username_taken());
    }
    let password_hash = password::hash(fields.password).await?;
    let row = account::ActiveModel {
        username: Set(username),
        password_hash: Set(password_hash),
        role: Set(fields.role),
        real_name: Set(normalize_space(&fields.real_name)),
        mobile: Set(normalize_mobile(&fields.mobile).unwrap_or_default()),
        email: Set(fields.email.trim().to_owned()),
        filer_kind: Set(fields.filer_kind),
        province: Set(fields.province),
        provider_id: Set(fields.provider_id),
        status: Set(AccountStatus::Active),
        last_login_at: Set(None),
        previous_login_at: Set(None),
        agreements_accepted_at: Set(fields.agreements_accepted_at),
        agreements_version: Set(fields
            .agreements_accepted_at
            .map(|_| AGREEMENTS_VERSION.to_owned())),
        pre_approval_kinds: Set(fields.pre_approval_kinds),
        created_at: Set(now),
        ..Default::default()
    };
    // The unique index settles a race between two registrations of one name.
    row.insert(db).await.map_err(|error| match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => username_taken(),
        _ => AppError::from(error),
    })
}

/// Registers a filer (网站主办者) after validating with the shared rules.
/// `agreements_accepted_at` is when they accepted the agreements in force,
/// if they did; without it the registration is refused.
pub async fn register(
    db: &DatabaseConnection,
    form: Registration,
    agreements_accepted_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<account::Model, AppError> {
    let form = Registration {
        accepted_agreements: agreements_accepted_at.is_some(),
        ..form
    };
    insert_filer(db, form, agreements_accepted_at, None, now).await
}

/// Opens a filer account for a customer on provider staff's behalf (代为备案),
/// as a customer of `provider_id`. The customer has not seen the
/// agreements, so no acceptance is recorded.
pub async fn create_customer(
    db: &DatabaseConnection,
    form: Registration,
    provider_id: i32,
    now: DateTime<Utc>,
) -> Result<account::Model, AppError> {
    let form = Registration {
        accepted_agreements: true,
        ..form
    };
    insert_filer(db, form, None, Some(provider_id), now).await
}

/// Registers a filer who is already a customer of `provider_id` (the demo
/// data's filers, whose accounts the demo provider opened).
pub async fn register_customer(
    db: &DatabaseConnection,
    form: Registration,
    provider_id: i32,
    now: DateTime<Utc>,
) -> Result<account::Model, AppError> {
    insert_filer(db, form, Some(now), Some(provider_id), now).await
}

async fn insert_filer(
    db: &DatabaseConnection,
    form: Registration,
    agreements_accepted_at: Option<DateTime<Utc>>,
    provider_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<account::Model, AppError> {
    let errors = form.validate();
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let fields = AccountFields {
        username: form.username,
        password: form.password,
        role: Role::Filer,
        real_name: form.real_name,
        mobile: form.mobile,
        email: form.email,
        filer_kind: Some(form.kind),
        province: None,
        provider_id,
        agreements_accepted_at,
        pre_approval_kinds: String::new(),
    };
    insert(db, fields, now).await
}

/// Creates a staff, reviewer or admin account (admin page and CLI).
/// Provider staff join `provider`, or else the only provider there is: a
/// deployment that serves several names one (`beian user add --provider`).
pub async fn create(
    db: &DatabaseConnection,
    form: NewAccount,
    provider: Option<i32>,
    now: DateTime<Utc>,
) -> Result<account::Model, AppError> {
    let errors = form.validate();
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let role = Role::from_code(&form.role).ok_or(AppError::BadRequest)?;
    let province = Some(form.province.trim().to_owned()).filter(|p| !p.is_empty());
    let pre_approval_kinds = if form.pre_approval_kinds.is_empty() {
        String::new()
    } else {
        let mut kinds = form.pre_approval_kinds.clone();
        kinds.sort();
        kinds.dedup();
        format!(",{},", kinds.join(","))
    };
    // Provider staff always belong to a provider.
    let provider_id = match (role.is_provider(), provider) {
        (false, None) => None,
        (false, Some(_)) => {
            return Err(AppError::field(FieldError::new(
                "provider",
                "ACC_PROVIDER_NOT_FOR_ROLE",
                "只有接入服务商的账号才属于某个接入服务商",
                "Only access-provider accounts belong to a provider",
            )))
        }
        (true, Some(id)) => Some(
            provider::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| {
                    AppError::field(FieldError::new(
                        "provider",
                        "ACC_PROVIDER_UNKNOWN",
                        "没有这个编号的接入服务商",
                        "No access provider has this number",
                    ))
                })?
                .id,
        ),
        (true, None) => Some(super::providers::sole_provider(db).await?.ok_or_else(|| {
            AppError::field(FieldError::new(
                "role",
                "ACC_PROVIDER_MISSING",
                "请先用 beian provider add 登记接入服务商；登记了多个时，用 beian user add --provider 指定账号所属的接入服务商",
                "Register an access provider first (beian provider add); with several, name the account's one (beian user add --provider)",
            ))
        })?),
    };
    let fields = AccountFields {
        username: form.username,
        password: form.password,
        role,
        real_name: form.real_name,
        mobile: form.mobile,
        email: form.email,
        filer_kind: None,
        province,
        provider_id,
        agreements_accepted_at: None,
        pre_approval_kinds,
    };
    insert(db, fields, now).await
}

/// Clears the username's failures and stamps the login time, keeping the
/// one before it for the 上次登录 display.
pub async fn record_successful_login(
    db: &DatabaseConnection,
    account: &account::Model,
    counters: &lockout::Counters,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = crate::server::infra::db::begin_write(db).await?;
    lockout::clear(&txn, counters).await?;
    account::Entity::update_many()
        .col_expr(
            account::Column::PreviousLoginAt,
            Expr::col(account::Column::LastLoginAt),
        )
        .col_expr(account::Column::LastLoginAt, Expr::value(Some(now)))
        .filter(account::Column::Id.eq(account.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Saves the language the holder chose, so that their next sign-in on any
/// device shows it.
pub async fn save_language(db: &DatabaseConnection, id: i32, lang: Lang) -> Result<(), AppError> {
    account::Entity::update_many()
        .col_expr(account::Column::Language, Expr::value(Some(lang)))
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// 修改密码: checks the current password (a wrong one counts towards the
/// lockout, as at login), stores the new one and starts a new session epoch,
/// which ends every session of the account. Returns the new epoch, for the
/// caller's own session to carry on in.
pub async fn change_password(
    db: &DatabaseConnection,
    account: &account::Model,
    counters: &lockout::Counters,
    form: PasswordChange,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let errors = form.validate(&account.username);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    lockout::find(db, counters)
        .await?
        .refuse_while_locked(now)?;
    if !password::verify(form.current_password, Some(account.password_hash.clone())).await? {
        if let Some(until) = lockout::record_failure(db, counters, now).await? {
            return Err(lockout::locked_for(until, now));
        }
        return Err(AppError::field(FieldError::new(
            "current_password",
            "ACC_CURRENT_PASSWORD_WRONG",
            "当前密码不正确",
            "The current password is wrong",
        )));
    }
    let hash = password::hash(form.password).await?;
    let epoch = account.session_epoch + 1;
    let txn = crate::server::infra::db::begin_write(db).await?;
    let changed = account::Entity::update_many()
        .col_expr(account::Column::PasswordHash, Expr::value(hash))
        .col_expr(account::Column::SessionEpoch, Expr::value(epoch))
        .filter(account::Column::Id.eq(account.id))
        .filter(account::Column::SessionEpoch.eq(account.session_epoch))
        .exec(&txn)
        .await?;
    // Another change (or a disabling) came first.
    if changed.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    lockout::clear(&txn, counters).await?;
    txn.commit().await?;
    Ok(epoch)
}

/// 启用 / 停用 (the admin): a disabled account cannot sign in, and its
/// sessions end at once and stay ended when it is enabled again. The admin
/// cannot disable their own account.
pub async fn set_active(
    db: &DatabaseConnection,
    admin: &account::Model,
    id: i32,
    active: bool,
) -> Result<(), AppError> {
    if id == admin.id && !active {
        return Err(AppError::field(FieldError::new(
            "account",
            "ACC_DISABLE_SELF",
            "不能停用自己的账号",
            "You cannot disable your own account",
        )));
    }
    set_status(db, id, active).await
}

/// Disables the account `username` from the command line (`beian user
/// disable`): how an operator retires a demo account before serving in
/// production.
pub async fn disable_by_username(db: &DatabaseConnection, username: &str) -> Result<(), AppError> {
    let found = find_by_username(db, username)
        .await?
        .ok_or(AppError::NotFound)?;
    set_status(db, found.id, false).await
}

/// Sets an account's status and ends its sessions.
async fn set_status(db: &DatabaseConnection, id: i32, active: bool) -> Result<(), AppError> {
    let status = if active { "active" } else { "disabled" };
    let changed = account::Entity::update_many()
        .col_expr(account::Column::Status, Expr::value(status))
        .col_expr(
            account::Column::SessionEpoch,
            sea_orm::sea_query::ExprTrait::add(Expr::col(account::Column::SessionEpoch), 1),
        )
        .filter(account::Column::Id.eq(id))
        .exec(db)
        .await?;
    if changed.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// One page of accounts, newest first.
pub async fn list(
    db: &DatabaseConnection,
    page: u64,
    per_page: u64,
) -> Result<Listing<account::Model>, AppError> {
    let query = account::Entity::find()
        .order_by_desc(account::Column::CreatedAt)
        .order_by_desc(account::Column::Id);
    page_of(db, query, page, per_page).await
}

/// The filer accounts a provider serves: those its staff opened, and those
/// with an application it can see (its own proxy filing, or one submitted
/// to it). Staff of another provider can neither find nor file for them.
pub(crate) fn customers_of(provider_id: i32) -> Condition {
    let served = sea_orm::sea_query::Query::select()
        .column(application::Column::OwnerId)
        .from(application::Entity)
        .cond_where(Viewer::Provider { provider_id }.applications())
        .to_owned();
    Condition::any()
        .add(account::Column::ProviderId.eq(provider_id))
        .add(account::Column::Id.in_subquery(served))
}

/// The provider's active customers whose username or name contains `query`,
/// at most 50, by username.
pub async fn find_customers<C: ConnectionTrait>(
    db: &C,
    provider_id: i32,
    query: &str,
) -> Result<Vec<account::Model>, AppError> {
    let query = query.trim().to_lowercase();
    let mut select = account::Entity::find()
        .filter(account::Column::Role.eq(Role::Filer))
        .filter(account::Column::Status.eq(AccountStatus::Active))
        .filter(customers_of(provider_id));
    if !query.is_empty() {
        select = select.filter(
            Condition::any()
                .add(super::infra::like::contains(
                    account::Column::Username,
                    &query,
                ))
                .add(super::infra::like::contains(
                    account::Column::RealName,
                    &query,
                )),
        );
    }
    Ok(select
        .order_by_asc(account::Column::Username)
        .limit(50)
        .all(db)
        .await?)
}

/// The account with `id`, if any.
pub async fn by_id<C: ConnectionTrait>(
    db: &C,
    id: i32,
) -> Result<Option<account::Model>, AppError> {
    Ok(account::Entity::find_by_id(id).one(db).await?)
}
