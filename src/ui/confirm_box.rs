//! The box a plain form ticks in place of the script's "are you sure?"
//! dialog (docs/architecture.md §8, without JavaScript).

use leptos::prelude::*;

/// Posts `confirmed=true`, which the server asks of a plain form's
/// destructive action. `required`, so the browser keeps the form and what
/// was typed until it is ticked; shown only until the page is hydrated,
/// when the script's dialog takes over.
#[component]
pub fn ConfirmBox(
    #[prop(into)] label: String,
    /// The id of the message the server's refusal shows in, if any.
    #[prop(optional, into)]
    described_by: Option<String>,
) -> impl IntoView {
    view! {
        <label class="confirm-check without-script">
            <input type="checkbox" name="confirmed" value="true" required aria-describedby=described_by/>
            {label}
        </label>
    }
}
