//! The front page: signed-in users go to their role's home, visitors see
//! how to log in or register.

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};

use crate::i18n::*;
use crate::ui::role_gate::AuthContext;

#[component]
pub fn LandingPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<AuthContext>();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(user)) => view! { <Redirect path=user.role.home_path()/> }.into_any(),
                    _ => view! {
                        <section class="panel landing">
                            <h1>{t!(i18n, landing_title)}</h1>
                            <p>{t!(i18n, landing_intro)}</p>
                            <div class="actions">
                                <A href="/login" attr:class="button button-primary">{t!(i18n, landing_login)}</A>
                                <A href="/register" attr:class="button">{t!(i18n, landing_register)}</A>
                                <A href="/query" attr:class="button">"备案信息公共查询"</A>
                                <A href="/sms" attr:class="button">"备案短信核验"</A>
                            </div>
                        </section>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
