//! The `beian` server binary: `serve` (default), `migrate`, `seed-demo`,
//! `user add` and `check`.

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    cli::run().await
}

#[cfg(feature = "ssr")]
mod cli {
    use std::io::BufRead;
    use std::process::ExitCode;

    use beian::domain::account::NewAccount;
    use beian::domain::role::Role;
    use beian::error::AppError;
    use beian::server::http::app::{build_state, serve};
    use beian::server::infra::config::Config;
    use beian::server::{accounts, demo_data, infra::db, providers, seed};
    use clap::{Parser, Subcommand};

    #[derive(Parser)]
    #[command(name = "beian", about = "ICP备案管理系统 / ICP filing system")]
    struct Cli {
        #[command(subcommand)]
        command: Option<Command>,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Serve the web application (the default).
        Serve,
        /// Create or upgrade the database schema, then exit.
        Migrate,
        /// Create the demo accounts that do not exist yet and print them;
        /// with --subjects, also generate that many realistic filings.
        SeedDemo {
            /// Generate this many subjects (主体), most approved, some in flight.
            #[arg(long)]
            subjects: Option<u64>,
            /// Sites (网站) per generated subject, 1 to 10.
            #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=10))]
            sites_per_subject: u64,
        },
        /// Check values before an import: reads `kind<TAB>value` lines from
        /// stdin and prints `value<TAB>valid|invalid<TAB>rule` for each.
        /// Kinds: ric, uscc, orgcode, icp, domain, ip, mobile, email, sitename.
        Check,
        /// Manage accounts.
        User {
            #[command(subcommand)]
            action: UserAction,
        },
        /// Manage access providers (接入服务商).
        Provider {
            #[command(subcommand)]
            action: ProviderAction,
        },
    }

    #[derive(Subcommand)]
    enum ProviderAction {
        /// Register an access provider and the IP blocks it holds.
        Add {
            #[arg(long)]
            name: String,
            /// CIDR blocks separated by `;`, e.g. "121.40.0.0/14;2400:3200::/32".
            #[arg(long)]
            ip_blocks: String,
        },
    }

    #[derive(Subcommand)]
    enum UserAction {
        /// Disable an account and end its sessions (e.g. a demo account
        /// before serving in production).
        Disable {
            #[arg(long)]
            username: String,
        },
        /// Create a staff, reviewer or admin account. The password is read
        /// from BEIAN_NEW_PASSWORD, or else from the first line of stdin.
        Add {
            #[arg(long)]
            username: String,
            /// provider_staff, provider_admin, bureau_reviewer, preapproval or system_admin.
            #[arg(long)]
            role: String,
            /// GB/T 2260 province code, e.g. 510000: required for a
            /// bureau_reviewer, optional for a preapproval authority.
            #[arg(long, default_value = "")]
            province: String,
            /// The 前置审批 type codes a preapproval authority decides,
            /// separated by `;`, e.g. "1;2" (新闻, 出版).
            #[arg(long, default_value = "")]
            pre_approval_kinds: String,
            /// Real name shown in the UI.
            #[arg(long)]
            name: String,
            #[arg(long, default_value = "")]
            mobile: String,
            #[arg(long, default_value = "")]
            email: String,
            /// For provider staff and admins: the number of the provider
            /// they work for (`beian provider add` prints it); needed only
            /// when more than one is registered.
            #[arg(long)]
            provider: Option<i32>,
        },
    }

    pub async fn run() -> ExitCode {
        tracing_subscriber::fmt()
            .with_env_filter(
                tracing_subscriber::EnvFilter::try_from_default_env()
                    .unwrap_or_else(|_| "info".into()),
            )
            .init();
        let cli = Cli::parse();
        if let Err(message) = beian::server::infra::code_tables::install_from_env() {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
        let result = match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => run_server().await,
            Command::Migrate => with_db(|_| async { Ok(()) })
                .await
                .map(|_| println!("数据库已是最新 / database is up to date")),
            Command::SeedDemo {
                subjects,
                sites_per_subject,
            } => seed_demo(subjects, sites_per_subject).await,
            Command::Check => check_stdin(),
            Command::Provider {
                action: ProviderAction::Add { name, ip_blocks },
            } => {
                with_db(|db| async move {
                    let provider = providers::create(&db, &name, &ip_blocks, chrono::Utc::now())
                        .await
                        .map_err(describe)?;
                    println!(
                        "已登记接入服务商 / registered provider #{} {}",
                        provider.id, provider.name
                    );
                    Ok(())
                })
                .await
            }
            Command::User {
                action: UserAction::Disable { username },
            } => {
                with_db(|db| async move {
                    accounts::disable_by_username(&db, &username)
                        .await
                        .map_err(describe)?;
                    println!("已停用账号 / disabled account {username}");
                    Ok(())
                })
                .await
            }
            Command::User {
                action:
                    UserAction::Add {
                        username,
                        role,
                        province,
                        pre_approval_kinds,
                        name,
                        mobile,
                        email,
                        provider,
                    },
            } => {
                add_user(
                    NewAccount {
                        username,
                        password: String::new(),
                        real_name: name,
                        mobile,
                        email,
                        role,
                        province,
                        pre_approval_kinds: pre_approval_kinds
                            .split(';')
                            .map(str::trim)
                            .filter(|k| !k.is_empty())
                            .map(str::to_owned)
                            .collect(),
                    },
                    provider,
                )
                .await
            }
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("{message}");
                ExitCode::FAILURE
            }
        }
    }

    fn config() -> Result<(leptos::config::LeptosOptions, Config), String> {
        let path = std::env::var("LEPTOS_CONFIG").unwrap_or_else(|_| "Leptos.toml".into());
        let leptos = leptos::config::get_configuration(Some(&path))
            .map_err(|e| {
                format!(
                    "cannot read {path} ({e}); run from the project directory or set LEPTOS_CONFIG"
                )
            })?
            .leptos_options;
        let production = matches!(leptos.env, leptos::config::Env::PROD);
        Ok((leptos, Config::from_env(production)?))
    }

    async fn with_db<F, Fut>(f: F) -> Result<(), String>
    where
        F: FnOnce(sea_orm::DatabaseConnection) -> Fut,
        Fut: std::future::Future<Output = Result<(), String>>,
    {
        // Database commands need no Leptos settings; cookie flags do not apply.
        let config = Config::from_env(false)?;
        let db = db::connect(&config.database_url)
            .await
            .map_err(|e| format!("database: {e}"))?;
        f(db).await
    }

    async fn run_server() -> Result<(), String> {
        let (leptos, config) = config()?;
        let production = matches!(leptos.env, leptos::config::Env::PROD);
        let state = build_state(leptos, config)
            .await
            .map_err(|e| format!("database: {e}"))?;
        if production {
            let open = seed::demo_accounts_with_published_passwords(&state.db)
                .await
                .map_err(describe)?;
            if !open.is_empty() {
                return Err(format!(
                    "拒绝以生产模式启动：演示账号 {names} 仍使用公开的演示密码。\n\
                     请停用（beian user disable --username <名称>）或登录后修改其密码。\n\
                     Refusing to serve in production: the demo accounts {names} still have \
                     their published passwords. Disable each (beian user disable --username \
                     <name>) or sign in and change its password.",
                    names = open.join(", ")
                ));
            }
        }
        serve(state).await.map_err(|e| format!("server: {e}"))
    }

    async fn seed_demo(subjects: Option<u64>, sites_per_subject: u64) -> Result<(), String> {
        with_db(|db| async move {
            let created = seed::seed_demo(&db).await.map_err(describe)?;
            println!("演示账号 / demo accounts ({created} created now):");
            for demo in &seed::DEMO_ACCOUNTS {
                let role = Role::from_code(demo.role)
                    .map(|r| r.label_zh())
                    .unwrap_or(demo.role);
                println!("  {:<16} {:<14} {}", demo.username, demo.password, role);
            }
            let Some(subjects) = subjects else {
                return Ok(());
            };
            let started = std::time::Instant::now();
            let scale = demo_data::Scale {
                subjects,
                sites_per_subject,
            };
            let generated = demo_data::generate(&db, scale, chrono::Utc::now(), |done| {
                eprint!("\r{done}/{subjects} 主体");
            })
            .await
            .map_err(describe)?;
            eprintln!();
            println!(
                "已生成 / generated {} subjects, {} live sites, {} unfinished applications in {:.1} s \
                 (logins demo<n>, password and 备案密码 {})",
                generated.subjects,
                generated.live_sites,
                generated.unfinished,
                started.elapsed().as_secs_f64(),
                seed::GENERATED_PASSWORD
            );
            Ok(())
        })
        .await
    }

    /// Exits with failure when any value is invalid, so scripts can stop.
    fn check_stdin() -> Result<(), String> {
        use std::io::Write;
        let today = beian::server::infra::time::beijing_today(chrono::Utc::now());
        let mut out = std::io::stdout().lock();
        let mut invalid = 0usize;
        for line in std::io::stdin().lock().lines() {
            let line = line.map_err(|e| format!("stdin: {e}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let verdict = beian::domain::check::check_line(&line, today);
            invalid += usize::from(verdict.contains("\tinvalid\t"));
            writeln!(out, "{verdict}").map_err(|e| format!("stdout: {e}"))?;
        }
        match invalid {
            0 => Ok(()),
            n => Err(format!("{n} 个值无效 / {n} invalid values")),
        }
    }

    async fn add_user(mut form: NewAccount, provider: Option<i32>) -> Result<(), String> {
        form.password = match std::env::var("BEIAN_NEW_PASSWORD") {
            Ok(p) => p,
            Err(_) => {
                let mut line = String::new();
                std::io::stdin()
                    .lock()
                    .read_line(&mut line)
                    .map_err(|e| format!("stdin: {e}"))?;
                line.trim_end_matches(['\r', '\n']).to_owned()
            }
        };
        with_db(|db| async move {
            let account = accounts::create(&db, form, provider, chrono::Utc::now())
                .await
                .map_err(describe)?;
            println!(
                "已创建账号 / created account {} ({})",
                account.username, account.role
            );
            Ok(())
        })
        .await
    }

    fn describe(error: AppError) -> String {
        match error {
            AppError::Validation(errors) => errors
                .iter()
                .map(|e| format!("{}: {} / {}", e.field, e.zh, e.en))
                .collect::<Vec<_>>()
                .join("\n"),
            other => format!("{other}"),
        }
    }
}

#[cfg(not(feature = "ssr"))]
fn main() {}
