//! Who a signed-in account is (docs/domain.md §1).

use serde::{Deserialize, Serialize};

use super::code::stored_as_code;
use super::lang::Lang;

/// The role of an account. Stored by its `code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum Role {
    /// 网站主办者: an organisation or a person filing its own sites.
    Filer,
    /// 接入服务商 staff: files on behalf of customers and verifies self-filed data.
    ProviderStaff,
    /// 接入服务商 administrator: staff work plus the provider's settings.
    ProviderAdmin,
    /// 管局 reviewer, bound to one province.
    BureauReviewer,
    /// 前置审批部门: decides the pre-approval items of a site.
    PreApprovalAuthority,
    /// System administrator: manages accounts.
    SystemAdmin,
}

impl Role {
    /// Every role, in the order the admin form lists them.
    pub const ALL: [Role; 6] = [
        Role::Filer,
        Role::ProviderStaff,
        Role::ProviderAdmin,
        Role::BureauReviewer,
        Role::PreApprovalAuthority,
        Role::SystemAdmin,
    ];

    /// Stable code used in the database, forms and the CLI.
    pub fn code(self) -> &'static str {
        match self {
            Role::Filer => "filer",
            Role::ProviderStaff => "provider_staff",
            Role::ProviderAdmin => "provider_admin",
            Role::BureauReviewer => "bureau_reviewer",
            Role::PreApprovalAuthority => "preapproval",
            Role::SystemAdmin => "system_admin",
        }
    }

    /// Parses a stored or submitted code.
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Where the account lands after login: each role has its own home.
    pub fn home_path(self) -> &'static str {
        match self {
            Role::Filer => "/filer",
            Role::ProviderStaff | Role::ProviderAdmin => "/provider",
            Role::BureauReviewer => "/bureau",
            Role::PreApprovalAuthority => "/preapproval",
            Role::SystemAdmin => "/admin",
        }
    }

    /// True for the access provider's own people (staff and admins), who
    /// file on customers' behalf and verify self-filed data.
    pub fn is_provider(self) -> bool {
        matches!(self, Role::ProviderStaff | Role::ProviderAdmin)
    }

    /// A 管局 reviewer only sees its own province, so it must have one.
    pub fn needs_province(self) -> bool {
        matches!(self, Role::BureauReviewer)
    }

    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Filer => "网站主办者",
            Role::ProviderStaff => "接入服务商工作人员",
            Role::ProviderAdmin => "接入服务商管理员",
            Role::BureauReviewer => "管局审核人员",
            Role::PreApprovalAuthority => "前置审批部门",
            Role::SystemAdmin => "系统管理员",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Role::Filer => "Filer",
            Role::ProviderStaff => "Provider staff",
            Role::ProviderAdmin => "Provider administrator",
            Role::BureauReviewer => "Bureau reviewer",
            Role::PreApprovalAuthority => "Pre-approval authority",
            Role::SystemAdmin => "System administrator",
        }
    }

    /// The label in the page's language.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.label_zh(), self.label_en())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("root"), None);
    }

    #[test]
    fn only_reviewers_need_a_province() {
        let needing: Vec<_> = Role::ALL
            .into_iter()
            .filter(|r| r.needs_province())
            .collect();
        assert_eq!(needing, vec![Role::BureauReviewer]);
    }
}

stored_as_code!(Role);
