//! Who is signed in, for every page, and the gate that keeps each role's
//! pages to that role. The gate is a convenience: every server function
//! checks the session again.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::api::auth::{current_user, Login, Logout, SessionUser};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::i18n::*;

/// Provided by `App`: the login and logout actions and the current user,
/// refetched whenever either action completes.
#[derive(Clone, Copy)]
pub struct AuthContext {
    pub login: ServerAction<Login>,
    pub logout: ServerAction<Logout>,
    pub user: Resource<Result<Option<SessionUser>, AppError>>,
}

impl AuthContext {
    /// Creates the actions and the user resource.
    pub fn new() -> Self {
        let login = ServerAction::<Login>::new();
        let logout = ServerAction::<Logout>::new();
        let user = Resource::new(
            move || (login.version().get(), logout.version().get()),
            |_| current_user(),
        );
        AuthContext {
            login,
            logout,
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
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(user)) if roles.contains(&user.role) => page(user),
                    Ok(Some(_)) => view! {
                        <section class="panel">
                            <h1>{t!(i18n, forbidden_title)}</h1>
                            <p>{t!(i18n, err_forbidden)}</p>
                        </section>
                    }
                    .into_any(),
                    _ => view! { <Redirect path="/login"/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
