//! 页面不存在 (404).

use crate::ui::i18n::tr;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="panel">
            <h1>{tr("页面不存在", "Page not found")}</h1>
            <p>{tr("您访问的页面不存在或已被移除。", "The page you asked for does not exist or was removed.")}</p>
            <A href="/">{tr("返回首页", "Back to home")}</A>
        </section>
    }
}
