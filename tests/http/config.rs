//! `Leptos.toml` is what the server reads; its `output-name` must match
//! cargo-leptos' build metadata in `Cargo.toml`, or the page would load a
//! script and stylesheet that do not exist.

#[test]
fn leptos_toml_and_cargo_metadata_agree_on_the_output_name() {
    let runtime =
        leptos::config::get_configuration(Some("Leptos.toml")).expect("Leptos.toml parses");
    let cargo = std::fs::read_to_string("Cargo.toml").unwrap();
    let section = cargo
        .split("[package.metadata.leptos]")
        .nth(1)
        .expect("Cargo.toml has leptos metadata");
    let build_name = section
        .lines()
        .find_map(|line| line.trim().strip_prefix("output-name"))
        .and_then(|rest| rest.split('"').nth(1))
        .expect("output-name is set");
    assert_eq!(runtime.leptos_options.output_name.as_ref(), build_name);
    for key in ["site-root", "site-pkg-dir", "site-addr"] {
        let build = section
            .lines()
            .find_map(|l| l.trim().strip_prefix(key))
            .map(str::trim);
        let run = std::fs::read_to_string("Leptos.toml").unwrap();
        let run = run
            .lines()
            .find_map(|l| l.trim().strip_prefix(key))
            .map(str::trim);
        assert_eq!(
            build, run,
            "{key} differs between Cargo.toml and Leptos.toml"
        );
    }
}
