//! One hydrated page behind the router, with a counter and a server
//! function call: everything in it is what any screen of ours needs too.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The one server function: its client half (encoding, fetch, decoding).
#[server]
pub async fn double(n: u32) -> Result<u32, ServerFnError> {
    Ok(n * 2)
}

#[component]
fn Counter() -> impl IntoView {
    let count = RwSignal::new(0u32);
    let doubled = Action::new(|n: &u32| double(*n));
    view! {
        <button on:click=move |_| *count.write() += 1>{count}</button>
        <button on:click=move |_| {
            doubled.dispatch(count.get());
        }>"×2"</button>
        <p>{move || doubled.value().get().map(|r| format!("{r:?}"))}</p>
    }
}

#[component]
fn App() -> impl IntoView {
    view! {
        <Router>
            <Routes fallback=|| "not found">
                <Route path=path!("/") view=Counter/>
            </Routes>
        </Router>
    }
}

/// The entry point, as in the app's `hydrate()`.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_body(App);
}
