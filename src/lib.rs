//! ICP备案管理系统: the access provider's ICP filing system.
//!
//! `domain` is pure logic for server and browser, `api` the server
//! functions, `server` the server-only code, `ui` reusable components and
//! `pages` the screens of each role.
// Deeply nested wizard views exceed the default type-layout depth.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod domain;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;

/// Browser entry point: hydrates the server-rendered page. Asynchronous,
/// because a lazily loaded screen (`app::lazy_screens!`) must arrive before
/// the page it rendered can be hydrated.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    install_page_code_tables();
    // Not Leptos's spawn_local: its executor starts inside the hydration.
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = leptos::prelude::document().body() else {
            return;
        };
        leptos::mount::hydrate_from_async(body.clone(), app::App)
            .await
            .forget();
        // Marks the page as interactive (the end-to-end tests wait for it).
        let _ = body.set_attribute("data-hydrated", "true");
    });
}

/// Puts in force the code tables the server replaced, which the page
/// carries as `<script type="text/plain" data-code-table=…>` (see
/// `app::shell`), so the browser checks with the server's lists.
#[cfg(feature = "hydrate")]
fn install_page_code_tables() {
    use wasm_bindgen::JsCast;

    let Ok(nodes) = leptos::prelude::document().query_selector_all("script[data-code-table]")
    else {
        return;
    };
    let mut replaced = Vec::new();
    for index in 0..nodes.length() {
        let Some(element) = nodes
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if let (Some(name), Some(text)) = (
            element.get_attribute("data-code-table"),
            element.text_content(),
        ) {
            replaced.push((name, text));
        }
    }
    if let Err(error) = domain::code_tables::install(replaced) {
        leptos::logging::error!("{error}");
    }
}
