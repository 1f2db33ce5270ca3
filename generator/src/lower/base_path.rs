//! The base path every route is served under, from the spec's first server URL.

use openapiv3::OpenAPI;

/// The path of the first server URL, its variables at their defaults:
/// `https://graph.microsoft.com/beta/` -> `/beta`.
pub fn base_path(document: &OpenAPI) -> String {
    let Some(server) = document.servers.first() else {
        return String::new();
    };
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    path_of_server_url(&url)
}

/// The path part of a server URL: what follows the host of an absolute URL, a relative URL
/// that starts with `/` as it is, and what follows the first `/` of the rest, which begins
/// with a host or is no URL at all (`api.example.com/v1`, `Your API URL`). Query, fragment
/// and a trailing `/` are cut off, and so is everything from a segment that still holds a
/// `{`: a variable the server object does not define has no value to match.
fn path_of_server_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split(['?', '#']).next().unwrap_or_default();
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None if url.starts_with('/') && !url.starts_with("//") => url,
        None => {
            let rest = url.trim_start_matches('/');
            rest.find('/').map_or("", |i| &rest[i..])
        }
    };
    let path = match path.find('{') {
        Some(brace) => &path[..path[..brace].rfind('/').unwrap_or(0)],
        None => path,
    };
    path.trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::{base_path, path_of_server_url};

    #[test]
    fn the_path_of_each_kind_of_server_url() {
        let cases = [
            ("https://graph.microsoft.com/beta/", "/beta"),
            ("https://graph.microsoft.com", ""),
            ("http://localhost:8080/api/v2?x=1#top", "/api/v2"),
            ("/v1", "/v1"),
            ("/", ""),
            ("//cdn.example.com/assets", "/assets"),
            ("api.calorieninjas.com", ""),
            ("api.example.com/v1/", "/v1"),
            ("Your API URL", ""),
            (",", ""),
            ("", ""),
            ("{server}/api/v2", "/api/v2"),
            ("https://example.com/api/{version}/x", "/api"),
            ("https://example.com/{version}", ""),
        ];
        for (url, path) in cases {
            assert_eq!(path_of_server_url(url), path, "{url}");
        }
    }

    #[test]
    fn server_variables_take_their_defaults() {
        let document: openapiv3::OpenAPI = serde_json::from_value(serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "servers": [{
                "url": "https://{region}.example.com/{basePath}",
                "variables": {
                    "region": {"default": "eu"},
                    "basePath": {"default": "v2", "enum": ["v1", "v2"]}
                }
            }]
        }))
        .unwrap();
        assert_eq!(base_path(&document), "/v2");
    }
}
