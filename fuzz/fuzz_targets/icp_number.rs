//! The 备案号 parser on arbitrary text: it never panics, and whatever it
//! accepts it prints back in a form it accepts again as the same number.

#![no_main]

use beian::domain::icp_number::parse_icp_number;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(number) = parse_icp_number(&text) {
        let printed = number.to_string();
        assert_eq!(
            parse_icp_number(&printed).map(|again| again.to_string()),
            Ok(printed.clone()),
            "a parsed number parses again as itself"
        );
    }
});
