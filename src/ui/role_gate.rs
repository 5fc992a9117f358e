//! Who is signed in, for every page, and the gate that keeps each role's
//! pages to that role. The gate is a convenience: every server function
//! checks the session again.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::api::auth::{current_user, Logout, SessionUser};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::ui::i18n::tr;

/// Provided by the app layout: the logout action and the current user,
/// refetched after a logout or whenever `refresh` is bumped (the login page
/// does so after each attempt).
#[derive(Clone, Copy)]
pub struct AuthContext {
    pub logout: ServerAction<Logout>,
    pub refresh: RwSignal<u32>,
    pub user: Resource<Result<Option<SessionUser>, AppError>>,
}

impl AuthContext {
    /// Creates the logout action and the user resource.
    pub fn new() -> Self {
        let logout = ServerAction::<Logout>::new();
        let refresh = RwSignal::new(0);
        let user = Resource::new(
            move || (refresh.get(), logout.version().get()),
            |_| current_user(),
        );
        AuthContext {
            logout,
            refresh,
            user,
        }
    }
}

impl Default for AuthContext {
    fn default() -> Self {
        Self::new()
    }
}

/// Renders `page` for a signed-in user whose role is in `roles`; visitors
/// go to the login page, other roles see a refusal.
#[component]
pub fn RoleGate(roles: &'static [Role], page: fn(SessionUser) -> AnyView) -> impl IntoView {
    let auth = expect_context::<AuthContext>();
    // A refusal is a 403 for the browser and for proxies and logs alike.
    #[cfg(feature = "ssr")]
    let response = use_context::<leptos_axum::ResponseOptions>();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{tr("加载中……", "Loading…")}</p> }>
            {move || {
                #[cfg(feature = "ssr")]
                let response = response.clone();
                Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(user)) if roles.contains(&user.role) => page(user),
                    Ok(Some(_)) => {
                        #[cfg(feature = "ssr")]
                        if let Some(response) = &response {
                            response.set_status(http::StatusCode::FORBIDDEN);
                        }
                        view! {
                        <section class="panel">
                            <h1>{tr("无权访问", "Not allowed")}</h1>
                            <p>{tr("您无权执行此操作。", "You are not allowed to do this.")}</p>
                        </section>
                    }
                    .into_any()
                    }
                    _ => view! { <Redirect path="/login"/> }.into_any(),
                }
            })
            }}
        </Suspense>
    }
}
