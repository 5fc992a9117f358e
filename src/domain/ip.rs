//! 网站IP地址 (docs/domain.md §2.6, §4.8): IPv4/IPv6 addresses and ranges,
//! public addresses only, each inside one of the provider's IP blocks.
//! The stored form is the MIIT one: `start-end;start-end`.

use super::field_error::FieldError;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A CIDR block the access provider holds, e.g. `121.40.0.0/14`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpBlock {
    network: IpAddr,
    prefix: u8,
}

impl IpBlock {
    /// Parses `address/prefix`; a bare address is a single-host block.
    pub fn parse(text: &str) -> Option<IpBlock> {
        let text = text.trim();
        let (address, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, p.parse::<u8>().ok()?),
            None => (text, if text.contains(':') { 128 } else { 32 }),
        };
        let network: IpAddr = address.parse().ok()?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        (prefix <= max).then_some(IpBlock { network, prefix })
    }

    /// True when the address lies inside the block.
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.network, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                same_prefix(u32::from(net).into(), u32::from(ip).into(), self.prefix, 32)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                same_prefix(u128::from(net), u128::from(ip), self.prefix, 128)
            }
            _ => false,
        }
    }
}

impl IpBlock {
    /// True for an IPv4 block.
    pub fn is_ipv4(&self) -> bool {
        self.network.is_ipv4()
    }

    /// The prefix length: two blocks of one family and prefix have one size.
    pub fn prefix(&self) -> u8 {
        self.prefix
    }

    /// The block's first and last address as numbers, so that ranges can
    /// be compared and shifted without caring about the family.
    pub fn bounds(&self) -> (u128, u128) {
        let bits = if self.is_ipv4() { 32 } else { 128 };
        let host_bits = bits - u32::from(self.prefix);
        let mask = u128::MAX.checked_shr(128 - host_bits).unwrap_or(0);
        let first = to_number(self.network) & !mask;
        (first, first | mask)
    }

    /// The address at `number` in this block's family.
    pub fn address(&self, number: u128) -> Option<IpAddr> {
        if self.is_ipv4() {
            u32::try_from(number)
                .ok()
                .map(|n| IpAddr::V4(Ipv4Addr::from(n)))
        } else {
            Some(IpAddr::V6(Ipv6Addr::from(number)))
        }
    }
}

/// An address as a number (IPv4 in the low 32 bits).
pub fn to_number(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(v4) => u32::from(v4).into(),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

fn same_prefix(a: u128, b: u128, prefix: u8, bits: u32) -> bool {
    let shift = bits - u32::from(prefix);
    shift >= bits || (a >> shift) == (b >> shift)
}

/// Parses a `;`-separated list of provider blocks, skipping blanks.
pub fn parse_blocks(text: &str) -> Result<Vec<IpBlock>, String> {
    text.split([';', ',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| IpBlock::parse(s).ok_or_else(|| s.to_owned()))
        .collect()
}

/// True for an address that can host a filed site: no private, loopback,
/// link-local, shared, documentation, benchmark, multicast or reserved space.
pub fn is_public(ip: IpAddr) -> bool {
    const V4_RESERVED: &[&str] = &[
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",
    ];
    const V6_RESERVED: &[&str] = &[
        "::/128",
        "::1/128",
        "fe80::/10",
        "fc00::/7",
        "ff00::/8",
        "2001:db8::/32",
        "::ffff:0:0/96",
    ];
    let list = if ip.is_ipv4() {
        V4_RESERVED
    } else {
        V6_RESERVED
    };
    !list
        .iter()
        .filter_map(|b| IpBlock::parse(b))
        .any(|b| b.contains(ip))
}

fn error(rule: &str, zh: &str, en: &str) -> FieldError {
    FieldError::new("ips", rule, zh, en)
}

fn parse_address(text: &str) -> Option<IpAddr> {
    let text = text.trim();
    text.parse::<Ipv4Addr>()
        .map(IpAddr::V4)
        .or_else(|_| text.parse::<Ipv6Addr>().map(IpAddr::V6))
        .ok()
}

/// Checks a list of addresses or ranges (`a`, `a-b`, separated by `;`, `,`
/// or new lines) and returns the canonical `start-end;…` form. `blocks` are
/// the provider's blocks; `None` skips that check (no provider chosen yet).
pub fn check_ip_ranges(input: &str, blocks: Option<&[IpBlock]>) -> Result<String, FieldError> {
    let items: Vec<&str> = input
        .split([';', ',', '，', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if items.is_empty() {
        return Err(error(
            "IP_REQUIRED",
            "请填写至少一个网站IP地址",
            "Enter at least one IP address",
        ));
    }
    if items.len() > 50 {
        return Err(error(
            "IP_TOO_MANY",
            "一个接入最多填写 50 个IP地址段",
            "At most 50 ranges per access",
        ));
    }
    let mut canonical = Vec::with_capacity(items.len());
    for item in items {
        let (start, end) = item.split_once('-').unwrap_or((item, item));
        let (Some(start), Some(end)) = (parse_address(start), parse_address(end)) else {
            return Err(error(
                "IP_FORMAT",
                &format!("“{item}”不是有效的IP地址或地址段，格式如 121.40.1.10 或 121.40.1.10-121.40.1.20"),
                &format!("\"{item}\" is not an address or range, e.g. 121.40.1.10 or 121.40.1.10-121.40.1.20"),
            ));
        };
        let ordered = match (start, end) {
            (IpAddr::V4(a), IpAddr::V4(b)) => a <= b,
            (IpAddr::V6(a), IpAddr::V6(b)) => a <= b,
            _ => false,
        };
        if !ordered {
            return Err(error(
                "IP_RANGE_ORDER",
                &format!("地址段“{item}”的起始地址必须不大于结束地址，且属于同一协议"),
                &format!("In \"{item}\" the start must not exceed the end, in the same family"),
            ));
        }
        if !is_public(start) || !is_public(end) {
            return Err(error(
                "IP_NOT_PUBLIC",
                &format!("“{item}”不是公网地址：内网、回环、保留地址不能备案"),
                &format!("\"{item}\" is not a public address: private, loopback and reserved space cannot be filed"),
            ));
        }
        if let Some(blocks) = blocks {
            if !blocks.iter().any(|b| b.contains(start) && b.contains(end)) {
                return Err(error(
                    "IP_NOT_IN_PROVIDER_BLOCKS",
                    &format!("“{item}”不在接入服务商登记的IP地址段内"),
                    &format!("\"{item}\" is outside the access provider's registered IP blocks"),
                ));
            }
        }
        canonical.push(format!("{start}-{end}"));
    }
    Ok(canonical.join(";"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn blocks() -> Vec<IpBlock> {
        parse_blocks("121.40.0.0/14; 2400:3200::/32").unwrap()
    }

    fn rule(input: &str) -> String {
        check_ip_ranges(input, Some(&blocks()))
            .err()
            .map(|e| e.rule)
            .unwrap_or_else(|| "OK".into())
    }

    #[test]
    fn canonical_ranges() {
        assert_eq!(
            check_ip_ranges("121.40.1.10; 121.41.0.1-121.41.0.9", Some(&blocks())),
            Ok("121.40.1.10-121.40.1.10;121.41.0.1-121.41.0.9".into())
        );
        assert_eq!(
            check_ip_ranges("2400:3200:0:0::1", Some(&blocks())),
            Ok("2400:3200::1-2400:3200::1".into())
        );
    }

    #[test]
    fn refuses_bad_addresses() {
        assert_eq!(rule(""), "IP_REQUIRED");
        assert_eq!(rule("121.40.1.256"), "IP_FORMAT");
        assert_eq!(rule("121.040.1.1"), "IP_FORMAT");
        assert_eq!(rule("121.40.1.9-121.40.1.1"), "IP_RANGE_ORDER");
        assert_eq!(rule("192.168.1.1"), "IP_NOT_PUBLIC");
        assert_eq!(rule("203.0.113.5"), "IP_NOT_PUBLIC");
        assert_eq!(rule("fe80::1"), "IP_NOT_PUBLIC");
        assert_eq!(rule("8.8.8.8"), "IP_NOT_IN_PROVIDER_BLOCKS");
        assert_eq!(
            rule("121.43.255.255-121.44.0.0"),
            "IP_NOT_IN_PROVIDER_BLOCKS"
        );
        assert_eq!(
            check_ip_ranges("8.8.8.8", None),
            Ok("8.8.8.8-8.8.8.8".into())
        );
    }

    proptest! {
        #[test]
        fn canonical_form_is_stable(s in "\\PC{0,60}") {
            if let Ok(once) = check_ip_ranges(&s, None) {
                prop_assert_eq!(check_ip_ranges(&once, None), Ok(once.clone()));
            }
        }

        #[test]
        fn addresses_inside_a_block_pass(a in 0u32..(1 << 18)) {
            let ip = Ipv4Addr::from(u32::from(Ipv4Addr::new(121, 40, 0, 0)) + a);
            prop_assert_eq!(rule(&ip.to_string()), "OK");
        }
    }
}
