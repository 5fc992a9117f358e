//! The upload sniffer on arbitrary bytes: it never panics, and it accepts
//! only files whose type it recognised.

#![no_main]

use beian::domain::upload::{check_upload, sniff};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if check_upload(data.len(), data).is_none() {
        assert!(sniff(data).is_some(), "accepted bytes have a type");
    }
});
