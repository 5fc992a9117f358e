//! `beian check`: a file of `kind<TAB>value` lines in, one verdict per line out.

use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn beian_check_gives_one_verdict_per_line() {
    let input = "ric\t11010519491231002X\n\
                 ric\t110105199001011234\n\
                 uscc\t91350100M000100Y43\n\
                 orgcode\tD2143569-X\n\
                 icp\t蜀ICP备2026000001号-2\n\
                 domain\twww.example.com\n\
                 ip\t192.168.1.1\n\
                 mobile\t13800138000\n\
                 email\tname@example.com\n\
                 sitename\t中国蓝海\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_beian"))
        .arg("check")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let expected = "11010519491231002X\tvalid\t-\n\
                    110105199001011234\tinvalid\tRIC_CHECKSUM\n\
                    91350100M000100Y43\tvalid\t-\n\
                    D2143569-X\tvalid\t-\n\
                    蜀ICP备2026000001号-2\tvalid\t-\n\
                    www.example.com\tinvalid\tDOMAIN_WWW\n\
                    192.168.1.1\tinvalid\tIP_NOT_PUBLIC\n\
                    13800138000\tvalid\t-\n\
                    name@example.com\tvalid\t-\n\
                    中国蓝海\tinvalid\tSITENAME_NATIONAL_WORD\n";
    assert_eq!(stdout, expected);
    // Invalid values make the exit status fail, so scripts can stop.
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("4 invalid values"));
}
