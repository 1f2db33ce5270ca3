//! What an operation's security asks of a request: a bearer token (HTTP bearer, OAuth 2 and
//! OpenID Connect all send `Authorization: Bearer`), HTTP basic credentials, an API key in a
//! header, the query or a cookie, and the schemes the generated code does not check, named in
//! the docs instead.

use super::Lowerer;
use openapiv3::{APIKeyLocation, ReferenceOr, SecurityScheme};

/// The security the generated code enforces for an operation, and what it leaves to the service.
/// A request must satisfy one alternative of the spec's `security`; the router checks them
/// when each alternative is a bearer scheme (with any others beside it), HTTP basic or one API
/// key.
pub(super) struct Security {
    /// A bearer token satisfies an alternative.
    pub bearer: bool,
    /// HTTP basic credentials satisfy an alternative.
    pub basic: bool,
    /// The API keys that each satisfy an alternative, in the spec's order, without repeats:
    /// where (`"header"`, `"query"` or `"cookie"`) and under which name.
    pub api_keys: Vec<(String, String)>,
    /// The schemes named but not enforced (every scheme of a requirement with an alternative
    /// the router cannot check, HTTP digest, ...), each described once.
    pub unchecked: Vec<String>,
}

/// What one alternative of a security requirement asks for, as far as the router can check it.
enum Alternative {
    Bearer,
    Basic,
    ApiKey((String, String)),
    /// Nothing (`{}`: authentication is optional), or schemes the router cannot check.
    Unchecked,
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
        let alternatives: Vec<Alternative> = requirements
            .into_iter()
            .flatten()
            .map(|requirement| {
                if requirement.keys().any(|name| sends_bearer(scheme(name))) {
                    return Alternative::Bearer;
                }
                match requirement.keys().collect::<Vec<_>>()[..] {
                    [name] if is_basic(scheme(name)) => Alternative::Basic,
                    [name] => scheme(name)
                        .and_then(enforced_key)
                        .map_or(Alternative::Unchecked, Alternative::ApiKey),
                    _ => Alternative::Unchecked,
                }
            })
            .collect();
        // One alternative the router cannot check lets any request through that way, so the
        // others are not enforced either.
        let enforced = !alternatives.is_empty()
            && alternatives
                .iter()
                .all(|alternative| !matches!(alternative, Alternative::Unchecked));
        let (mut bearer, mut basic) = (false, false);
        let mut api_keys: Vec<(String, String)> = Vec::new();
        for alternative in alternatives.into_iter().filter(|_| enforced) {
            match alternative {
                Alternative::Bearer => bearer = true,
                Alternative::Basic => basic = true,
                Alternative::ApiKey(key) if !api_keys.contains(&key) => api_keys.push(key),
                _ => {}
            }
        }
        let mut unchecked: Vec<String> = Vec::new();
        for name in requirements.into_iter().flatten().flat_map(|r| r.keys()) {
            let description = match scheme(name) {
                Some(key_scheme @ SecurityScheme::APIKey { .. })
                    if enforced_key(key_scheme).is_some_and(|key| api_keys.contains(&key)) =>
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
                Some(http @ SecurityScheme::HTTP { .. })
                    if sends_bearer(Some(http)) || (basic && is_basic(Some(http))) =>
                {
                    continue
                }
                Some(SecurityScheme::HTTP { scheme, .. }) => {
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
            basic,
            api_keys,
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

/// An HTTP basic scheme.
fn is_basic(scheme: Option<&SecurityScheme>) -> bool {
    matches!(scheme, Some(SecurityScheme::HTTP { scheme, .. }) if scheme.eq_ignore_ascii_case("basic"))
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
