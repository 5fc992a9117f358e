//! Generates the `i18n` module from `src/locales/*.json` (leptos_i18n 0.6).

use std::path::PathBuf;

fn main() {
    let config = leptos_i18n_build::Config::new("zh-CN")
        .and_then(|c| c.add_locale("en"))
        .expect("valid locale list")
        .locales_path("src/locales");
    let translations =
        leptos_i18n_build::TranslationsInfos::parse(config).expect("locale files parse");
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    translations
        .generate_i18n_module(out_dir.join("i18n"))
        .expect("i18n module is written");
}
