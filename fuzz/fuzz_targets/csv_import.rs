//! The CSV importer's pure half on arbitrary files: parsing, the header's
//! layout and each row's site never panic, and every error names a column.

#![no_main]

use beian::domain::csv::parse;
use beian::domain::import::{column_of, layout, site_of};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(rows) = parse(&text) else { return };
    let Some((header, body)) = rows.split_first() else { return };
    let Ok(layout) = layout(header) else { return };
    for cells in body {
        let (_, errors) = site_of(&layout, cells);
        for error in errors {
            let column = column_of(&error.field);
            assert_ne!(column, "—", "an error at {} names no column", error.field);
        }
    }
});
