//! Every validator on arbitrary input: none may panic, and normalising a
//! filing twice must change nothing the first time did not.

#![no_main]

use beian::domain::check::{check_value, KINDS};
use beian::domain::date::Date;
use beian::domain::filing::{Context, Filing};
use beian::domain::ip::parse_blocks;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let today = Date::new(2026, 11, 28).expect("a real day");
    for kind in KINDS {
        let _ = check_value(kind, &text, today);
    }
    if let Ok(mut filing) = serde_json::from_str::<Filing>(&text) {
        let blocks = parse_blocks("121.40.0.0/14;2400:3200::/32").expect("valid blocks");
        let _ = filing.validate(&Context { today, provider_blocks: Some(&blocks) });
        filing.normalize();
        let once = filing.clone();
        filing.normalize();
        assert_eq!(filing, once, "normalising is idempotent");
    }
});
