//! The code tables a deployment replaces: `BEIAN_CODE_TABLES` names a
//! directory, and each `<table>.tsv` found there takes the place of the
//! built-in file of that name (`domain::code_tables`). Read once at start,
//! so editing a file and restarting changes the system without a build.

use std::path::Path;

use crate::domain::code_tables::{install, BUILT_IN};

/// The environment variable naming the directory.
pub const VARIABLE: &str = "BEIAN_CODE_TABLES";

/// Installs the tables of `BEIAN_CODE_TABLES`, if set. Refuses a directory
/// that is missing, a `.tsv` file that is not a known table (a misspelt
/// name would otherwise be ignored without a word) and any table with a
/// mistake, naming the file and line.
pub fn install_from_env() -> Result<(), String> {
    let Ok(dir) = std::env::var(VARIABLE) else {
        return Ok(());
    };
    let dir = Path::new(&dir);
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("{VARIABLE}={}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("tsv") {
            continue;
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        if !BUILT_IN.iter().any(|(known, _)| *known == name) {
            let known: Vec<_> = BUILT_IN.iter().map(|(n, _)| format!("{n}.tsv")).collect();
            return Err(format!(
                "{}: not a code table; the tables are {}",
                path.display(),
                known.join(", ")
            ));
        }
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        files.push((name, text));
    }
    let count = files.len();
    install(files).map_err(|e| format!("{VARIABLE}: {e}"))?;
    tracing::info!("{count} code table(s) read from {}", dir.display());
    Ok(())
}
