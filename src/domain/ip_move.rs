//! 批量变更接入 (docs/domain.md §5): when a provider renumbers, many
//! sites move from one IP block to another at once. Every address keeps
//! its offset inside the block, so `121.40.1.10` in `121.40.1.0/24` moved
//! to `121.41.8.0/24` becomes `121.41.8.10`. The browser previews each
//! site's new addresses with this code and the server applies the same.

use super::field_error::FieldError;
use super::ip::{check_ip_ranges, to_number, IpBlock};

/// A checked move from one block to another of the same size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpMove {
    from: IpBlock,
    to: IpBlock,
}

impl IpMove {
    /// Checks 迁出地址段 `from` and 迁入地址段 `to`: CIDR blocks of one
    /// family and size, not the same, with `to` inside one of the
    /// provider's blocks. Errors are for the fields `from` and `to`.
    pub fn parse(from: &str, to: &str, provider: &[IpBlock]) -> Result<IpMove, Vec<FieldError>> {
        let cidr = |text: &str| IpBlock::parse(text).filter(|_| text.contains('/'));
        let (source, target) = (cidr(from), cidr(to));
        let mut errors = Vec::new();
        if source.is_none() {
            errors.push(FieldError::new(
                "from",
                "MOVE_FROM_FORMAT",
                "请填写迁出地址段，格式如 121.40.1.0/24",
                "Enter the block to move from, e.g. 121.40.1.0/24",
            ));
        }
        if target.is_none() {
            errors.push(FieldError::new(
                "to",
                "MOVE_TO_FORMAT",
                "请填写迁入地址段，格式如 121.41.8.0/24",
                "Enter the block to move to, e.g. 121.41.8.0/24",
            ));
        }
        let (Some(from), Some(to)) = (source, target) else {
            return Err(errors);
        };
        if from.is_ipv4() != to.is_ipv4() || from.prefix() != to.prefix() {
            errors.push(FieldError::new(
                "to",
                "MOVE_SIZE",
                "迁入地址段须与迁出地址段同为 IPv4 或 IPv6，且前缀长度相同",
                "Both blocks must be of one family and one prefix length",
            ));
        } else if from.bounds() == to.bounds() {
            errors.push(FieldError::new(
                "to",
                "MOVE_SAME",
                "迁入地址段与迁出地址段相同",
                "The two blocks are the same",
            ));
        }
        let (first, last) = to.bounds();
        let inside = |block: &IpBlock| {
            block.is_ipv4() == to.is_ipv4() && {
                let (start, end) = block.bounds();
                start <= first && last <= end
            }
        };
        if !provider.iter().any(inside) {
            errors.push(FieldError::new(
                "to",
                "MOVE_TO_NOT_YOURS",
                "迁入地址段不在本接入服务商登记的IP地址段内",
                "The target block is outside your registered IP blocks",
            ));
        }
        if errors.is_empty() {
            Ok(IpMove { from, to })
        } else {
            Err(errors)
        }
    }

    /// An access's IP ranges after the move: `None` when none lies in the
    /// source block. A range only partly inside it, or a moved range that
    /// breaks an IP rule, is an error for the field `ips`.
    pub fn apply(&self, ips: &str, provider: &[IpBlock]) -> Result<Option<String>, FieldError> {
        let canonical = check_ip_ranges(ips, None)?;
        let (first, last) = self.from.bounds();
        let shift = |n: u128| n - first + self.to.bounds().0;
        let mut moved = false;
        let mut ranges = Vec::new();
        for item in canonical.split(';') {
            let (start, end) = item.split_once('-').unwrap_or((item, item));
            let (Ok(start), Ok(end)) = (start.parse(), end.parse()) else {
                return Err(ips_error(item));
            };
            let (s, e) = (to_number(start), to_number(end));
            let same_family = start.is_ipv4() == self.from.is_ipv4();
            if !same_family || e < first || s > last {
                ranges.push(item.to_owned());
            } else if first <= s && e <= last {
                let (Some(a), Some(b)) = (self.to.address(shift(s)), self.to.address(shift(e)))
                else {
                    return Err(ips_error(item));
                };
                ranges.push(format!("{a}-{b}"));
                moved = true;
            } else {
                return Err(FieldError::new(
                    "ips",
                    "MOVE_STRADDLES",
                    &format!("地址段“{item}”只有一部分在迁出地址段内，请单独为该网站申请变更接入"),
                    &format!("\"{item}\" lies only partly in the source block; change this site on its own"),
                ));
            }
        }
        if !moved {
            return Ok(None);
        }
        check_ip_ranges(&ranges.join(";"), Some(provider)).map(Some)
    }
}

fn ips_error(item: &str) -> FieldError {
    FieldError::new(
        "ips",
        "IP_FORMAT",
        &format!("“{item}”不是有效的IP地址段"),
        &format!("\"{item}\" is not an address range"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ip::parse_blocks;
    use proptest::prelude::*;

    fn provider() -> Vec<IpBlock> {
        parse_blocks("121.40.0.0/14; 2400:3200::/32").unwrap()
    }

    fn rules(from: &str, to: &str) -> Vec<String> {
        IpMove::parse(from, to, &provider())
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.rule)
            .collect()
    }

    #[test]
    fn addresses_keep_their_offset() {
        let m = IpMove::parse("121.40.1.0/24", "121.41.8.0/24", &provider()).unwrap();
        assert_eq!(
            m.apply("121.40.1.10-121.40.1.20;121.42.0.1-121.42.0.1", &provider()),
            Ok(Some(
                "121.41.8.10-121.41.8.20;121.42.0.1-121.42.0.1".to_owned()
            ))
        );
        assert_eq!(m.apply("121.42.0.1", &provider()), Ok(None));
        let v6 = IpMove::parse("2400:3200:1::/48", "2400:3200:2::/48", &provider()).unwrap();
        assert_eq!(
            v6.apply("2400:3200:1::5", &provider()),
            Ok(Some("2400:3200:2::5-2400:3200:2::5".to_owned()))
        );
        assert_eq!(v6.apply("121.40.1.10", &provider()), Ok(None));
    }

    #[test]
    fn a_range_across_the_edge_is_refused() {
        let m = IpMove::parse("121.40.1.0/24", "121.41.8.0/24", &provider()).unwrap();
        let rule = |ips: &str| m.apply(ips, &provider()).unwrap_err().rule;
        assert_eq!(rule("121.40.0.250-121.40.1.5"), "MOVE_STRADDLES");
        assert_eq!(rule("121.40.0.0-121.40.3.0"), "MOVE_STRADDLES");
        assert_eq!(rule("not an ip"), "IP_FORMAT");
    }

    #[test]
    fn blocks_are_checked() {
        assert_eq!(rules("", "121.41.8.0/24"), ["MOVE_FROM_FORMAT"]);
        assert_eq!(
            rules("121.40.1.0", "121.41.8.0"),
            ["MOVE_FROM_FORMAT", "MOVE_TO_FORMAT"]
        );
        assert_eq!(rules("121.40.1.0/24", "121.41.8.0/23"), ["MOVE_SIZE"]);
        assert_eq!(rules("121.40.1.0/24", "121.40.1.0/24"), ["MOVE_SAME"]);
        assert_eq!(rules("121.40.1.0/24", "8.8.8.0/24"), ["MOVE_TO_NOT_YOURS"]);
        assert_eq!(rules("121.40.1.0/24", "2400:3200::/120"), ["MOVE_SIZE"]);
        assert!(rules("8.8.8.0/24", "121.43.255.0/24").is_empty());
    }

    proptest! {
        #[test]
        fn moving_back_restores_the_addresses(a in 0u32..256, b in 0u32..256) {
            let (low, high) = (a.min(b), a.max(b));
            let ips = format!("121.40.1.{low}-121.40.1.{high}");
            let there = IpMove::parse("121.40.1.0/24", "121.43.7.0/24", &provider()).unwrap();
            let back = IpMove::parse("121.43.7.0/24", "121.40.1.0/24", &provider()).unwrap();
            let moved = there.apply(&ips, &provider()).unwrap().unwrap();
            prop_assert_eq!(back.apply(&moved, &provider()), Ok(Some(ips)));
        }

        #[test]
        fn no_input_panics(from in "\\PC{0,40}", to in "\\PC{0,40}", ips in "\\PC{0,60}") {
            if let Ok(m) = IpMove::parse(&from, &to, &provider()) {
                let _ = m.apply(&ips, &provider());
            }
        }
    }
}
