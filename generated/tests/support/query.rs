//! The OData query options the in-memory service evaluates: `$filter` (the comparisons the
//! spec's pattern admits), `$search` (a phrase in the user's names) and `$orderby`.

use device_compliance_user_status::server::ServiceError;
use device_compliance_user_status::{ComplianceStatus, DeviceComplianceUserStatus};
use std::cmp::Ordering;

/// One `$filter` comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    UserDisplayName(String),
    UserPrincipalName(String),
    Status(ComplianceStatus),
    DevicesCount(Ordering, bool, i64),
}

impl Filter {
    /// Parses `property op literal`. The server already checked the spec's pattern, so an
    /// error here names what the pattern would have refused.
    pub fn parse(text: &str) -> Result<Filter, ServiceError> {
        let unsupported = || {
            ServiceError::bad_request(format!("$filter '{text}' is not a comparison this service evaluates."))
        };
        let mut words = text.splitn(3, ' ');
        let (Some(property), Some(operator), Some(literal)) = (words.next(), words.next(), words.next()) else {
            return Err(unsupported());
        };
        let quoted = || {
            literal
                .strip_prefix('\'')
                .and_then(|l| l.strip_suffix('\''))
                .map(str::to_owned)
                .ok_or_else(unsupported)
        };
        match (property, operator) {
            ("userDisplayName", "eq") => Ok(Filter::UserDisplayName(quoted()?)),
            ("userPrincipalName", "eq") => Ok(Filter::UserPrincipalName(quoted()?)),
            ("status", "eq") => quoted()?.parse().map(Filter::Status).map_err(|_| unsupported()),
            ("devicesCount", operator) => {
                let (ordering, or_equal) = match operator {
                    "eq" => (Ordering::Equal, true),
                    "ne" => (Ordering::Equal, false),
                    "gt" => (Ordering::Greater, false),
                    "ge" => (Ordering::Greater, true),
                    "lt" => (Ordering::Less, false),
                    "le" => (Ordering::Less, true),
                    _ => return Err(unsupported()),
                };
                let number = literal.parse().map_err(|_| unsupported())?;
                Ok(Filter::DevicesCount(ordering, or_equal, number))
            }
            _ => Err(unsupported()),
        }
    }

    pub fn matches(&self, status: &DeviceComplianceUserStatus) -> bool {
        match self {
            Filter::UserDisplayName(name) => status.user_display_name.as_ref() == Some(name),
            Filter::UserPrincipalName(name) => status.user_principal_name.as_ref() == Some(name),
            Filter::Status(wanted) => &status.status == wanted,
            Filter::DevicesCount(Ordering::Equal, equal, number) => {
                (i64::from(status.devices_count) == *number) == *equal
            }
            Filter::DevicesCount(ordering, or_equal, number) => {
                let found = i64::from(status.devices_count).cmp(number);
                found == *ordering || (*or_equal && found == Ordering::Equal)
            }
        }
    }
}

/// Whether the user's display or principal name contains the `$search` phrase, ignoring case;
/// double quotes around the phrase are taken off.
pub fn search_matches(phrase: &str, status: &DeviceComplianceUserStatus) -> bool {
    let phrase = phrase
        .strip_prefix('"')
        .and_then(|p| p.strip_suffix('"'))
        .unwrap_or(phrase)
        .to_lowercase();
    [&status.user_display_name, &status.user_principal_name]
        .into_iter()
        .flatten()
        .any(|name| name.to_lowercase().contains(&phrase))
}

/// Whether a status passes the request's `$filter` and `$search`.
pub fn selected(
    filter: Option<&str>,
    search: Option<&str>,
) -> Result<impl Fn(&DeviceComplianceUserStatus) -> bool, ServiceError> {
    let filter = filter.map(Filter::parse).transpose()?;
    let search = search.map(str::to_owned);
    Ok(move |status: &DeviceComplianceUserStatus| {
        filter.as_ref().map_or(true, |f| f.matches(status))
            && search.as_deref().map_or(true, |phrase| search_matches(phrase, status))
    })
}

/// `$orderby` terms as (property, descending), in order.
pub fn order(terms: &[String]) -> Result<Vec<(String, bool)>, ServiceError> {
    terms
        .iter()
        .map(|term| {
            let mut words = term.split_whitespace();
            let property = words.next().unwrap_or_default().to_owned();
            let descending = match words.next() {
                None | Some("asc") => false,
                Some("desc") => true,
                Some(other) => {
                    return Err(ServiceError::bad_request(format!(
                        "'{other}' in $orderby '{term}' is neither asc nor desc."
                    )))
                }
            };
            match property.as_str() {
                "userDisplayName" | "userPrincipalName" | "devicesCount" | "lastReportedDateTime" => {
                    Ok((property, descending))
                }
                _ => Err(ServiceError::bad_request(format!("$orderby cannot sort by '{property}'."))),
            }
        })
        .collect()
}

/// Sorts by the `$orderby` terms, the first term first; ties keep creation order.
pub fn sort(statuses: &mut [DeviceComplianceUserStatus], terms: &[(String, bool)]) {
    statuses.sort_by(|a, b| {
        terms
            .iter()
            .map(|(property, descending)| {
                let ordering = compare(a, b, property);
                if *descending { ordering.reverse() } else { ordering }
            })
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    });
}

fn compare(a: &DeviceComplianceUserStatus, b: &DeviceComplianceUserStatus, property: &str) -> Ordering {
    match property {
        "userDisplayName" => a.user_display_name.cmp(&b.user_display_name),
        "userPrincipalName" => a.user_principal_name.cmp(&b.user_principal_name),
        "devicesCount" => a.devices_count.cmp(&b.devices_count),
        _ => a.last_reported_date_time.cmp(&b.last_reported_date_time),
    }
}
