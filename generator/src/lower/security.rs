//! What an operation's security asks of a request: a bearer token (HTTP bearer, OAuth 2 and
//! OpenID Connect all send `Authorization: Bearer`), an API key in a header, the query or a
//! cookie, and the schemes the generated code does not check, named in the docs instead.

use super::Lowerer;
use openapiv3::{APIKeyLocation, ReferenceOr, SecurityScheme};

/// The security the generated code enforces for an operation, and what it leaves to the service.
pub(super) struct Security {
    /// Every alternative names a bearer-token scheme; an empty alternative (`{}`) makes
    /// authentication optional.
    pub bearer: bool,
    /// No bearer token, and every alternative is this one API key: where (`"header"`,
    /// `"query"` or `"cookie"`) and under which name.
    pub api_key: Option<(String, String)>,
    /// The other schemes named (an API key not enforced, HTTP basic, ...), each described once.
    pub unchecked: Vec<String>,
}

impl Lowerer<'_> {
    pub(super) fn security(&self, operation: &openapiv3::Operation) -> Security {
        let requirements = operation
            .security
            .as_ref()
            .or(self.document.security.as_ref());
        let schemes = self
            .document
            .components
            .as_ref()
            .map(|c| &c.security_schemes);
        let scheme = |name: &str| match schemes.and_then(|s| s.get(name)) {
            Some(ReferenceOr::Item(scheme)) => Some(scheme),
            _ => None,
        };
        let bearer = requirements.is_some_and(|requirements| {
            !requirements.is_empty()
                && requirements.iter().all(|requirement| {
                    !requirement.is_empty()
                        && requirement.keys().any(|name| sends_bearer(scheme(name)))
                })
        });
        let api_key = requirements.filter(|_| !bearer).and_then(|requirements| {
            let mut keys = requirements.iter().map(|requirement| {
                let [(name, _)] = requirement.iter().collect::<Vec<_>>()[..] else {
                    return None;
                };
                enforced_key(scheme(name)?)
            });
            let first = keys.next()??;
            keys.all(|key| key.as_ref() == Some(&first))
                .then_some(first)
        });
        let mut unchecked: Vec<String> = Vec::new();
        for name in requirements.into_iter().flatten().flat_map(|r| r.keys()) {
            let description = match scheme(name) {
                Some(SecurityScheme::APIKey { name: key, .. })
                    if api_key
                        .as_ref()
                        .is_some_and(|(_, enforced)| enforced == key) =>
                {
                    continue
                }
                Some(SecurityScheme::APIKey {
                    location,
                    name: key,
                    ..
                }) => {
                    let place = match location {
                        APIKeyLocation::Query => "query parameter",
                        APIKeyLocation::Header => "header",
                        APIKeyLocation::Cookie => "cookie",
                    };
                    format!("`{name}`, an API key in the {place} `{key}`")
                }
                Some(SecurityScheme::HTTP { scheme, .. })
                    if !scheme.eq_ignore_ascii_case("bearer") =>
                {
                    format!("`{name}`, HTTP `{scheme}` authentication")
                }
                _ => continue,
            };
            if !unchecked.contains(&description) {
                unchecked.push(description);
            }
        }
        Security {
            bearer,
            api_key,
            unchecked,
        }
    }
}

/// An HTTP bearer, OAuth 2 or OpenID Connect scheme.
fn sends_bearer(scheme: Option<&SecurityScheme>) -> bool {
    match scheme {
        Some(SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. }) => true,
        Some(SecurityScheme::HTTP { scheme, .. }) => scheme.eq_ignore_ascii_case("bearer"),
        _ => false,
    }
}

/// Where and under which name the router checks an API key scheme.
fn enforced_key(scheme: &SecurityScheme) -> Option<(String, String)> {
    let SecurityScheme::APIKey { location, name, .. } = scheme else {
        return None;
    };
    let place = match location {
        APIKeyLocation::Header => "header",
        APIKeyLocation::Query => "query",
        APIKeyLocation::Cookie => "cookie",
    };
    Some((place.to_owned(), name.clone()))
}
