//! CSV as spreadsheets write and read it (RFC 4180): for exporting search
//! results and importing batches. Written cells that a spreadsheet would
//! run as a formula (starting with `=`, `+`, `-`, `@`, TAB or CR) get a
//! leading `'`, so an exported unit name can never execute on the staff
//! member's machine.

/// The byte-order mark that makes Excel read UTF-8 (Chinese) correctly.
pub const BOM: &str = "\u{feff}";

/// One record, each cell quoted when it needs to be, ending in CRLF.
pub fn write_row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut line = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        let cell = cell.as_ref();
        let guarded = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{cell}")
        } else {
            cell.to_owned()
        };
        if guarded.contains([',', '"', '\r', '\n']) {
            line.push('"');
            line.push_str(&guarded.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(&guarded);
        }
    }
    line.push_str("\r\n");
    line
}

/// A malformed file: the line a quoted cell opened on and never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnclosedQuote {
    pub line: usize,
}

/// Splits `text` into records of cells. Accepts CRLF or LF, a leading BOM
/// and quoted cells spanning lines; skips blank lines.
pub fn parse(text: &str) -> Result<Vec<Vec<String>>, UnclosedQuote> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut opened_on = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                _ => {
                    line += usize::from(c == '\n');
                    cell.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() => {
                quoted = true;
                opened_on = line;
            }
            ',' => record.push(std::mem::take(&mut cell)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                record.push(std::mem::take(&mut cell));
                if record.iter().any(|c| !c.is_empty()) {
                    records.push(std::mem::take(&mut record));
                }
                record.clear();
            }
            _ => cell.push(c),
        }
    }
    if quoted {
        return Err(UnclosedQuote { line: opened_on });
    }
    record.push(cell);
    if record.iter().any(|c| !c.is_empty()) {
        records.push(record);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quotes_only_where_needed_and_guards_formulas() {
        assert_eq!(write_row(&["a", "b c", "成都"]), "a,b c,成都\r\n");
        assert_eq!(
            write_row(&["x,y", "say \"hi\"", "two\nlines"]),
            "\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
        assert_eq!(
            write_row(&["=1+1", "@SUM(A1)", "-2"]),
            "'=1+1,'@SUM(A1),'-2\r\n"
        );
        assert_eq!(write_row(&["\t=1+1"]), "'\t=1+1\r\n");
        assert_eq!(write_row(&["\r=1+1"]), "\"'\r=1+1\"\r\n");
    }

    #[test]
    fn reads_what_spreadsheets_write() {
        let text = "\u{feff}名称,域名\r\n\"蓝海, 成都\",lanhai.com\n\n\"a\"\"b\",\"x\ny\"\n";
        assert_eq!(
            parse(text).unwrap(),
            vec![
                vec!["名称", "域名"],
                vec!["蓝海, 成都", "lanhai.com"],
                vec!["a\"b", "x\ny"],
            ]
        );
        assert_eq!(
            parse("a,b\n\"open\n\nstill"),
            Err(UnclosedQuote { line: 2 })
        );
    }

    proptest! {
        #[test]
        fn a_written_row_reads_back(cells in prop::collection::vec("[^=+@\t\r\u{feff}-][^\u{feff}]{0,12}|", 1..6)) {
            prop_assume!(cells.iter().any(|c| !c.is_empty()));
            let parsed = parse(&write_row(&cells)).unwrap();
            prop_assert_eq!(parsed, vec![cells]);
        }

        #[test]
        fn never_panics(text in "\\PC{0,200}") {
            let _ = parse(&text);
        }
    }
}
