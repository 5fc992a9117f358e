//! `shell()`, `<App/>`, the router and the per-role navigation.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{lazy_route, path, Lazy, LazyRoute, SsrMode};

use crate::domain::role::Role;
use crate::pages::admin::accounts::AccountsPage;
use crate::pages::admin::rules::RulesPage;
use crate::pages::admin::sms::SmsOutboxPage;
use crate::pages::auth::agreement::{PrivacyPage, TermsPage};
use crate::pages::auth::login::LoginPage;
use crate::pages::auth::password::PasswordPage;
use crate::pages::auth::register::{RegisterPage, RegisteredPage};
use crate::pages::filing::checklist::ChecklistPage;
use crate::pages::filing::claim::ClaimPage;
use crate::pages::filing::inspections::InspectionsPage;
use crate::pages::filing::list::FilingListPage;
use crate::pages::filing::new_for_customer::NewForCustomerPage;
use crate::pages::filing::public_security::PublicSecurityPage;
use crate::pages::filing::records::{CancelPage, ChangePage};
use crate::pages::filing::shells::ShellsPage;
use crate::pages::filing::wizard::WizardPage;
use crate::pages::home::admin::AdminHomePage;
use crate::pages::home::bureau::BureauHomePage;
use crate::pages::home::filer::FilerHomePage;
use crate::pages::home::preapproval::PreApprovalHomePage;
use crate::pages::home::provider::ProviderHomePage;
use crate::pages::provider::batch::BatchPage;
use crate::pages::provider::import::ImportPage;
use crate::pages::public::landing::LandingPage;
use crate::pages::public::lookup::LookupPage;
use crate::pages::public::not_found::NotFoundPage;
use crate::pages::public::sms::SmsPage;
use crate::pages::public::verify::VerifyPage;
use crate::pages::review::detail::ReviewPage;
use crate::pages::review::inbox::InboxPage;
use crate::pages::review::messages::{MessagesPage, SubmittedMessagesPage};
use crate::pages::review::queue::QueuePage;
use crate::pages::search::history::HistorySearchPage;
use crate::pages::search::operation::OperationPage;
use crate::pages::search::records::RecordSearchPage;
use crate::pages::search::versions::VersionsPage;
use crate::ui::i18n::{lang, page_lang, tr, LanguageToggle};
use crate::ui::live::refresh_on_changes;
use crate::ui::role_gate::AuthContext;

/// The HTML document around the app. Its inline scripts carry the nonce
/// `security_headers` gave the request and allows in the page's CSP.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    match use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<leptos::nonce::Nonce>().cloned())
    {
        Some(nonce) => provide_context(nonce),
        // Not behind the middleware (never in this app): no inline script
        // would be allowed, so hydration would fail loudly in the console.
        None => tracing::error!("request without a page nonce"),
    }
    view! {
        <!DOCTYPE html>
        <html lang=page_lang().code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
                <ReplacedCodeTables/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The code tables this server reads from files of its own
/// (`BEIAN_CODE_TABLES`), for the browser to check with the same lists.
/// Plain text that no browser runs; the tables refuse `<`, so a table
/// cannot close the element.
#[component]
fn ReplacedCodeTables() -> impl IntoView {
    crate::domain::code_tables::tables()
        .replaced
        .iter()
        .map(|(name, text)| {
            view! { <script type="text/plain" data-code-table=*name inner_html=*text></script> }
        })
        .collect_view()
}

/// The application, in the language of the request (`ui::i18n`).
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(page_lang());
    view! {
        <Stylesheet id="leptos" href="/pkg/beian.css"/>
        <Title text=tr("ICP备案管理系统", "ICP Filing System")/>
        <Router>
            <Layout/>
        </Router>
    }
}

/// Screens the browser loads only when one is opened: `cargo leptos build
/// --split` makes each a WASM chunk of its own, so a visitor's first page
/// (the landing page, 登录, 备案查询) downloads only the shell, the router
/// and those public screens (docs/benchmarks.md: making these three lazy
/// too was measured, and their shared chunks made 登录 and 备案查询
/// heavier). Every build of the front end needs `--split`; without it these
/// pages never hydrate.
macro_rules! lazy_screens {
    ($($screen:ident => $page:ident),* $(,)?) => {$(
        struct $screen;

        #[lazy_route]
        impl LazyRoute for $screen {
            fn data() -> Self {
                $screen
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    )*};
}

lazy_screens! {
    PasswordScreen => PasswordPage,
    TermsScreen => TermsPage,
    PrivacyScreen => PrivacyPage,
    RegisterScreen => RegisterPage,
    RegisteredScreen => RegisteredPage,
    FilerHomeScreen => FilerHomePage,
    ProviderHomeScreen => ProviderHomePage,
    BureauHomeScreen => BureauHomePage,
    PreApprovalHomeScreen => PreApprovalHomePage,
    AdminHomeScreen => AdminHomePage,
    AccountsScreen => AccountsPage,
    FilingListScreen => FilingListPage,
    CancelScreen => CancelPage,
    ChangeScreen => ChangePage,
    BatchScreen => BatchPage,
    ImportScreen => ImportPage,
    RecordSearchScreen => RecordSearchPage,
    VersionsScreen => VersionsPage,
    HistorySearchScreen => HistorySearchPage,
    OperationScreen => OperationPage,
    NewForCustomerScreen => NewForCustomerPage,
    WizardScreen => WizardPage,
    ChecklistScreen => ChecklistPage,
    QueueScreen => QueuePage,
    ReviewScreen => ReviewPage,
    InboxScreen => InboxPage,
    MessagesScreen => MessagesPage,
    SubmittedMessagesScreen => SubmittedMessagesPage,
    SmsScreen => SmsPage,
    VerifyScreen => VerifyPage,
    SmsOutboxScreen => SmsOutboxPage,
    RulesScreen => RulesPage,
    InspectionsScreen => InspectionsPage,
    PublicSecurityScreen => PublicSecurityPage,
    ShellsScreen => ShellsPage,
    ClaimScreen => ClaimPage,
}

/// Everything inside the router. The auth actions are created here, under
/// the router, so that a no-JavaScript form error carried back in the URL
/// (`?__err=…`) reaches the login action.
#[component]
fn Layout() -> impl IntoView {
    provide_context(AuthContext::new());
    view! {
        <a class="skip-link" href="#main">{tr("跳到主要内容", "Skip to main content")}</a>
        <Header/>
        <main id="main" tabindex="-1">
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=LandingPage ssr=SsrMode::Async/>
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                <Route path=path!("/account/password") view={Lazy::<PasswordScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/query") view=LookupPage ssr=SsrMode::Async/>
                <Route path=path!("/sms") view={Lazy::<SmsScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/verify/:token") view={Lazy::<VerifyScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/register") view={Lazy::<TermsScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/register/privacy") view={Lazy::<PrivacyScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/register/form") view={Lazy::<RegisterScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/register/done") view={Lazy::<RegisteredScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/filer") view={Lazy::<FilerHomeScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/provider") view={Lazy::<ProviderHomeScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/bureau") view={Lazy::<BureauHomeScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/preapproval") view={Lazy::<PreApprovalHomeScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin") view={Lazy::<AdminHomeScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/accounts") view={Lazy::<AccountsScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/sms") view={Lazy::<SmsOutboxScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/rules") view={Lazy::<RulesScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/filings") view={Lazy::<FilingListScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/cancel") view={Lazy::<CancelScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/change") view={Lazy::<ChangeScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/batch") view={Lazy::<BatchScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/batch/import") view={Lazy::<ImportScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/inspections") view={Lazy::<InspectionsScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/public-security") view={Lazy::<PublicSecurityScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/shells") view={Lazy::<ShellsScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/claim") view={Lazy::<ClaimScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/records") view={Lazy::<RecordSearchScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/records/versions") view={Lazy::<VersionsScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/history") view={Lazy::<HistorySearchScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/history/:id") view={Lazy::<OperationScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/filings/new") view={Lazy::<NewForCustomerScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/filings/:id") view={Lazy::<WizardScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/filings/:id/checklist") view={Lazy::<ChecklistScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/work/:scope") view={Lazy::<QueueScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/review/:id") view={Lazy::<ReviewScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/notifications") view={Lazy::<InboxScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/messages") view={Lazy::<MessagesScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/messages/open") view={Lazy::<MessagesScreen>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/messages/mine") view={Lazy::<SubmittedMessagesScreen>::new()} ssr=SsrMode::Async/>
            </Routes>
        </main>
        <footer class="site-footer">
            <p>{tr("本系统由接入服务商提供，用于网站 ICP 备案的录入、核验与查询。", "Provided by your access provider for entering, verifying and looking up ICP filings.")}</p>
        </footer>
    }
}

/// The top bar: the system name, the signed-in role's navigation, the
/// language toggle and log in / log out.
#[component]
fn Header() -> impl IntoView {
    let auth = expect_context::<AuthContext>();
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">{tr("ICP备案管理系统", "ICP Filing System")}</A>
            <Transition>
                {move || Suspend::new(async move {
                    let user = auth.user.await.ok().flatten();
                    match user {
                        Some(user) => {
                            let name = user.real_name.clone();
                            view! {
                                // Without JavaScript too, the menu button of a
                                // narrow screen opens the menu (style/main.css).
                                <input type="checkbox" id="nav-toggle" class="nav-toggle" aria-label=tr("菜单", "Menu")/>
                                <label for="nav-toggle" class="nav-toggle-button">{tr("菜单", "Menu")}</label>
                                <nav class="main-nav" aria-label=move || tr("主导航", "Main navigation")>
                                    <ul>
                                        <li><A href=user.role.home_path()>{tr("首页", "Home")}</A></li>
                                        <RoleNav role=user.role/>
                                    </ul>
                                </nav>
                                <div class="session">
                                    <span class="who">{lang().pick(format!("当前用户：{name}"), format!("Signed in as {name}"))}</span>
                                    <A href="/account/password" attr:id="nav-password">{tr("修改密码", "Change password")}</A>
                                    <ActionForm action=auth.logout attr:class="inline-form">
                                        <button type="submit" class="button button-small">{tr("退出登录", "Log out")}</button>
                                    </ActionForm>
                                </div>
                            }
                            .into_any()
                        }
                        None => view! {
                            <div class="session">
                                <A href="/login">{tr("登录", "Log in")}</A>
                                <A href="/register">{tr("注册", "Register")}</A>
                            </div>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
            <A href="/query" attr:class="public-lookup-link">{tr("备案查询", "Look up")}</A>
            <LanguageToggle/>
        </header>
    }
}

/// A navigation entry: where it goes, its Chinese and English labels.
type NavLink = (&'static str, &'static str, &'static str);

/// A menu group: its Chinese and English titles and its entries.
type NavGroup = (&'static str, &'static str, Vec<NavLink>);

/// 申请留言: the filer's list of submitted applications to write on.
const FILER_MESSAGES: NavLink = ("/messages/mine", "申请留言", "Messages");
/// 申请留言: the inbox of those who answer messages.
const ANSWERED_MESSAGES: NavLink = ("/messages/open", "申请留言", "Messages");

/// A role's menu in the seed manual's two groups: ICP备案信息管理 (entering
/// and handling filings) and ICP备案系统 (following and searching them),
/// each with only what the role may use.
fn role_menu(role: Role) -> [NavGroup; 2] {
    const PROGRESS: NavLink = ("/work/progress", "备案进度查询", "Progress");
    const RECORDS: NavLink = ("/records", "备案信息查询", "Records");
    const HISTORY: NavLink = ("/history", "历史记录查询", "History");
    const FILINGS: NavLink = ("/filings", "备案信息录入", "Filings");
    const RETURNED: NavLink = ("/work/returned", "退回处理", "Returned");
    const CHANGE: NavLink = ("/change", "备案信息变更", "Change");
    const CANCEL: NavLink = ("/cancel", "注销申请", "Cancel");
    const INSPECTIONS: NavLink = ("/inspections", "网站核查", "Site checks");
    const PUBLIC_SECURITY: NavLink = ("/public-security", "公安联网备案", "Public-security filing");
    const SHELLS: NavLink = ("/shells", "空壳主体/网站", "Empty records");
    let (manage, system) = match role {
        Role::SystemAdmin => (
            vec![
                ("/admin/accounts", "账号管理", "Accounts"),
                ("/admin/sms", "短信发件箱", "SMS outbox"),
                ("/admin/rules", "备案规则", "Filing rules"),
            ],
            vec![RECORDS, HISTORY, INSPECTIONS, PUBLIC_SECURITY, SHELLS],
        ),
        Role::Filer => (
            vec![
                FILINGS,
                RETURNED,
                CHANGE,
                FILER_MESSAGES,
                CANCEL,
                ("/claim", "备案认领", "Claim"),
            ],
            vec![
                PROGRESS,
                RECORDS,
                HISTORY,
                INSPECTIONS,
                PUBLIC_SECURITY,
                SHELLS,
            ],
        ),
        Role::ProviderStaff | Role::ProviderAdmin => (
            vec![
                FILINGS,
                ("/work/verify", "待接入者核实", "To verify"),
                RETURNED,
                CHANGE,
                ANSWERED_MESSAGES,
                CANCEL,
                ("/work/revoke", "撤销申请", "Revoke"),
                ("/batch", "批量操作", "Batch"),
                ("/batch/import", "批量导入", "Import"),
            ],
            vec![
                PROGRESS,
                RECORDS,
                HISTORY,
                INSPECTIONS,
                PUBLIC_SECURITY,
                SHELLS,
            ],
        ),
        Role::BureauReviewer => (
            vec![
                ("/work/bureau", "管局审核", "Bureau review"),
                ANSWERED_MESSAGES,
            ],
            vec![
                PROGRESS,
                RECORDS,
                HISTORY,
                INSPECTIONS,
                PUBLIC_SECURITY,
                SHELLS,
            ],
        ),
        Role::PreApprovalAuthority => (
            vec![
                ("/work/preapproval", "前置审批", "Pre-approval"),
                ANSWERED_MESSAGES,
            ],
            vec![PROGRESS],
        ),
    };
    [
        ("ICP备案信息管理", "Filing management", manage),
        ("ICP备案系统", "Filing system", system),
    ]
}

/// The role's two menu groups, then 通知 for all who work on filings. The
/// 申请留言 entry carries its unread count. Plain links rather than a view
/// per role keep the first-load WASM small.
#[component]
fn RoleNav(role: Role) -> impl IntoView {
    view! {
        {role_menu(role)
            .into_iter()
            .map(|(title_zh, title_en, links)| view! {
                <li class="nav-group">
                    <span class="nav-group-title">{tr(title_zh, title_en)}</span>
                    <ul>
                        {links.into_iter().map(|link| {
                            if link == FILER_MESSAGES || link == ANSWERED_MESSAGES {
                                view! { <MessagesLink href=link.0/> }.into_any()
                            } else {
                                let (href, zh, en) = link;
                                view! { <li><A href=href>{tr(zh, en)}</A></li> }.into_any()
                            }
                        }).collect_view()}
                    </ul>
                </li>
            })
            .collect_view()}
        {(role != Role::SystemAdmin).then(|| view! { <InboxLink/> })}
    }
}

/// 通知 with the unread count.
#[component]
fn InboxLink() -> impl IntoView {
    view! {
        <CountedLink href="/notifications" zh="通知" en="Notifications" id="unread-count"
            count=|| async { crate::api::notifications::load_inbox().await.map(|i| i.unread).unwrap_or(0) }/>
    }
}

/// 申请留言 with the count of unread messages on the caller's threads.
#[component]
fn MessagesLink(href: &'static str) -> impl IntoView {
    view! {
        <CountedLink href zh="申请留言" en="Messages" id="unread-messages"
            count=|| async {
                crate::api::messages::message_inbox(false, 0)
                    .await
                    .map(|i| u64::try_from(i.unread).unwrap_or(0))
                    .unwrap_or(0)
            }/>
    }
}

/// A navigation link with a count. The count is fetched in the browser
/// after hydration (and again on every live change), so the server-rendered
/// header never disagrees with the hydrating one.
#[component]
fn CountedLink<F, Fut>(
    href: &'static str,
    zh: &'static str,
    en: &'static str,
    id: &'static str,
    count: F,
) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = u64> + 'static,
{
    let tick = RwSignal::new(0u32);
    refresh_on_changes(tick);
    let shown = RwSignal::new(0u64);
    Effect::new(move |_| {
        tick.track();
        leptos::task::spawn_local(async move {
            shown.set(count().await);
        });
    });
    view! {
        <li>
            <A href=href>{tr(zh, en)}
                {move || (shown.get() > 0).then(|| view! { <span class="count" id=id>{shown.get()}</span> })}
            </A>
        </li>
    }
}
