//! The front page: signed-in users go to their role's home, visitors see
//! how to log in or register.

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};

use crate::ui::i18n::tr;
use crate::ui::role_gate::AuthContext;

#[component]
pub fn LandingPage() -> impl IntoView {
    let auth = expect_context::<AuthContext>();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{tr("加载中……", "Loading…")}</p> }>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(user)) => view! { <Redirect path=user.role.home_path()/> }.into_any(),
                    _ => view! {
                        <section class="panel landing">
                            <h1>{tr("ICP备案管理系统", "ICP Filing System")}</h1>
                            <p>{tr("网站主办者可在此注册账号、填写备案信息并跟踪备案进度；接入服务商与管局工作人员请使用管理员分配的账号登录。", "Site owners register here, fill in their filing and follow its progress. Provider and bureau staff log in with the account their administrator gave them.")}</p>
                            <div class="actions">
                                <A href="/login" attr:class="button button-primary">{tr("登录系统", "Log in")}</A>
                                <A href="/register" attr:class="button">{tr("注册新用户（网站主办者）", "Register (site owners)")}</A>
                                <A href="/query" attr:class="button">{tr("备案信息公共查询", "Public filing lookup")}</A>
                                <A href="/sms" attr:class="button">{tr("备案短信核验", "SMS verification")}</A>
                            </div>
                        </section>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
