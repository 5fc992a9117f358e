//! The browser side of live updates: listens to `/events` while a page is
//! open and bumps a counter the page's resources depend on.

use leptos::prelude::*;

/// Refetches whatever reads `tick` whenever an application changes.
pub fn refresh_on_changes(tick: RwSignal<u32>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;

        let Ok(source) = web_sys::EventSource::new("/events") else {
            return;
        };
        let on_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            tick.try_update(|n| *n += 1);
        });
        let _ =
            source.add_event_listener_with_callback("changed", on_change.as_ref().unchecked_ref());
        let source = send_wrapper::SendWrapper::new((source, on_change));
        on_cleanup(move || source.0.close());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = tick;
}
