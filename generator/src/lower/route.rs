//! The route the server's router matches an operation by. The router (matchit) can end a
//! segment with a parameter but not put text after one, so a segment like Graph's function
//! call `getReport(period='{period}')` is routed up to its first parameter, and the server
//! splits the rest by the template. Routes that differ only in parameter names become one;
//! paths the router could not tell apart are refused here rather than found when the router
//! is built.

use super::Lowerer;
use crate::ir::{Method, Operation};
use std::collections::BTreeMap;

/// `/r/f(a='{a}',b={b})` -> `/r/f(a='{a}`; an error for a segment whose parameters touch.
pub fn route_of(path: &str) -> Result<String, String> {
    let mut route = Vec::new();
    for segment in path.split('/') {
        if segment.contains("}{") {
            return Err(format!(
                "the segment '{segment}' has two parameters with no text between them, so nothing tells where one ends"
            ));
        }
        match segment.split_once('}') {
            Some((through_first, _)) => route.push(format!("{through_first}}}")),
            None => route.push(segment.to_owned()),
        }
    }
    Ok(route.join("/"))
}

/// A route or path template with its parameters unnamed: `/a/{x}` and `/a/{y}` are one route
/// to the router.
pub(crate) fn shape_of(route: &str) -> String {
    let mut shape = String::with_capacity(route.len());
    let mut in_name = false;
    for c in route.chars() {
        match c {
            '{' => {
                in_name = true;
                shape.push('{');
            }
            '}' => {
                in_name = false;
                shape.push('}');
            }
            _ if in_name => {}
            _ => shape.push(c),
        }
    }
    shape
}

impl Lowerer<'_> {
    /// Gives operations whose routes differ only in parameter names one route, and refuses
    /// those the router would still take for one another. OpenAPI forbids such paths, but
    /// published specs have them (`GET /carts/{cartId}` beside `DELETE /carts/{quoteId}`): the
    /// route is the first one's, and each operation reads the router's captures, in order,
    /// under its own names. Two paths on one route and method whose templates differ only in
    /// names are refused; paths that share a route and method but differ in their text after
    /// it (Graph's overloads of a function) are told apart by the server, which tries each
    /// template.
    pub(super) fn share_routes(&mut self, operations: &mut [Operation]) {
        let mut routes_by_shape: BTreeMap<String, String> = BTreeMap::new();
        let mut paths_by_shape: BTreeMap<(String, Method), String> = BTreeMap::new();
        for op in operations {
            let first_route = routes_by_shape
                .entry(shape_of(&op.route))
                .or_insert_with(|| op.route.clone());
            op.route.clone_from(first_route);
            let first_path = paths_by_shape
                .entry((shape_of(&op.path), op.method))
                .or_insert_with(|| op.path.clone());
            if *first_path != op.path {
                let message = format!(
                    "{} on this path and on '{first_path}' cannot be told apart: the paths differ only in parameter names",
                    op.method.as_str(),
                );
                self.error(&super::path_items::item_pointer(&op.path), message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{route_of, shape_of};

    #[test]
    fn a_segment_is_routed_up_to_its_first_parameter() {
        assert_eq!(route_of("/items/{id}").unwrap(), "/items/{id}");
        assert_eq!(
            route_of("/r/getReport(period='{period}',top={top})/content").unwrap(),
            "/r/getReport(period='{period}/content"
        );
        assert_eq!(route_of("/files/{name}.json").unwrap(), "/files/{name}");
        assert!(route_of("/a/{x}{y}").is_err());
        assert_eq!(shape_of("/a/{x}/b-{y}"), "/a/{}/b-{}");
    }
}
