//! The `server` file (feature `server`): a `Service` trait with one method per operation, and
//! an axum router that answers every bad request with Graph's error body before the service
//! sees it: 401 before the body is read, then 415, 413, and 400 with every violation.

use super::{doc_lines, features, ident, joined_ident, qualified_nullable_type};
use crate::ir::{BodyContent, Model, Operation, ResponseBody};
use crate::output::parts::{self, Export, Sink};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

pub fn emit(model: &Model, sink: &mut Sink<'_>) -> TokenStream {
    // The trait's methods are printed one by one and spliced in: one trait is one item, and
    // for thousands of operations its tokens and syntax tree at once took tens of MiB.
    for op in &model.operations {
        sink(
            parts::SPLICED,
            parts::spliced_item(quote!(trait Spliced), trait_method(model, op)),
        );
    }
    let methods = parts::splice_marker();
    let groups = parts::groups(model.operations.iter().map(|op| op.group.clone()));
    let mut routes = routes_by_group(model);
    let mut includes = TokenStream::new();
    let mut mounts = Vec::new();
    for (stem, members) in groups {
        let gate = features::of_group(model, &stem);
        sink(&stem, parts::part_prelude());
        for &index in &members {
            sink(&stem, handler(&model.operations[index]));
        }
        let mut dispatchers = Vec::new();
        let mount = routes.remove(&stem).map(|part| {
            let PartRoutes {
                routes,
                dispatchers: choosing,
            } = part_routes(model, &stem, &part);
            dispatchers = choosing;
            let name = joined_ident(&["mount", stem.as_str()]);
            // Under an area's feature, a `let` (whose attribute prettyplease prints on a line
            // of its own), so that no `mut` is left unused when every area is off.
            mounts.push(if gate.is_empty() {
                quote!(router = #name::<S>(router, &base);)
            } else {
                quote!(#gate let router = #name::<S>(router, &base);)
            });
            quote! {
                /// Mounts this part's paths under `base`.
                pub(super) fn #name<S: Service>(mut router: Router<Arc<Shared<S>>>, base: &str) -> Router<Arc<Shared<S>>> {
                    #(#routes)*
                    router
                }
            }
        });
        parts::hand(sink, &stem, quote!(#(#dispatchers)* #mount));
        includes.extend(parts::module(&stem, Export::Private, &gate));
    }
    let base_path = &model.base_path;
    let router_binding = if model.features.is_some() {
        quote!(let router)
    } else {
        quote!(let mut router)
    };
    let models_import = super::models_import(model, false);
    quote! {
        //! The server side: implement [`Service`] and mount [`router`] (feature `server`).

        #models_import
        use crate::operations::*;
        pub use crate::runtime::server::{
            not_found, Authorize, HeaderMap, RequestContext, ServerConfig, ServiceError,
            DEFAULT_BODY_LIMIT,
        };
        // The helpers every route goes through (hidden in the runtime's docs).
        use crate::runtime::server::*;
        use axum::extract::Request;
        use axum::response::Response;
        use axum::routing::{on, MethodFilter};
        use axum::Router;
        use std::future::Future;
        use std::sync::Arc;

        /// The base path the spec's first server URL gives.
        pub const SPEC_BASE_PATH: &str = #base_path;

        /// What a service implements: one method per operation, and token verification through
        /// [`Authorize`], which one service shares among every generated crate it serves.
        ///
        /// Every method gets parameters and bodies already checked against the spec; what it
        /// returns is sent as the spec's success status, or as Graph's error body.
        pub trait Service: Authorize {
            #methods
        }

        #includes

        /// The router with the default configuration: the spec's base path and a 4 MiB body
        /// limit.
        pub fn router<S: Service>(service: Arc<S>) -> Router {
            router_with(service, ServerConfig::default())
        }

        /// The router for a service, with every path of the spec under `config.base_path`, and
        /// [`not_found`] for any other path. To combine it with other routers, use
        /// [`routes_with`]: axum refuses to merge two routers that both have a fallback.
        pub fn router_with<S: Service>(service: Arc<S>, config: ServerConfig) -> Router {
            routes_with(service, config).fallback(not_found)
        }

        /// [`routes_with`] with the default configuration.
        pub fn routes<S: Service>(service: Arc<S>) -> Router {
            routes_with(service, ServerConfig::default())
        }

        /// Every path of the spec under `config.base_path`, without a fallback, to merge into an
        /// app with others (`app.merge(routes(service))`); the app sets its fallback once, such as
        /// [`not_found`]. A path of the spec with a method it does not take still answers 405.
        pub fn routes_with<S: Service>(service: Arc<S>, config: ServerConfig) -> Router {
            let base = config.route_prefix(SPEC_BASE_PATH);
            let shared = Arc::new(Shared { service, config });
            // Each part mounts its own paths, one statement per path rather than one long chain:
            // a spec with thousands of paths would otherwise nest thousands of calls deep.
            // OpenAPI captures with `{}` alone, so a segment such as `:token` is text to match
            // (Adafruit's `/webhooks/feed/:token`); axum would refuse it as its old capture syntax.
            #router_binding = Router::new().without_v07_checks();
            #(#mounts)*
            router.with_state(shared)
        }
    }
}

fn params_type(op: &Operation) -> proc_macro2::Ident {
    format_ident!("{}Params", op.type_name)
}

fn response_type(op: &Operation) -> proc_macro2::Ident {
    format_ident!("{}Response", op.type_name)
}

fn trait_method(model: &Model, op: &Operation) -> TokenStream {
    let name = ident(&op.rust_name);
    let params = params_type(op);
    let response = response_type(op);
    let mut text = op.doc.clone().unwrap_or_else(|| format!("`{}`.", op.id));
    text.push_str(&format!("\n\n`{} {}`", op.method.as_str(), op.path));
    match &super::credentials_taken(op)[..] {
        [] => {}
        [way] => text.push_str(&format!(
            "\n\nThe router asks [`Authorize::authorize`] about {way}."
        )),
        ways => text.push_str(&format!(
            "\n\nThe router asks [`Authorize::authorize`] about {}: whichever is sent.",
            ways.join(", or ")
        )),
    }
    if !op.unchecked_security.is_empty() {
        text.push_str(&format!(
            "\n\nThe spec's security names {}, which the router does not check: check it in this method.",
            op.unchecked_security.join("; ")
        ));
    }
    if let Some(body_doc) = op.body.as_ref().and_then(|body| body.doc.as_deref()) {
        text.push_str(&format!("\n\nRequest body: {body_doc}"));
    }
    let feature = features::feature_of_group(model, &op.group);
    if let Some(feature) = feature {
        text.push_str(&format!(
            "\n\nFeature `{feature}`. Unless the service implements it, it answers 501 \
             `notSupported`: so a build that turns the feature on for another crate's sake \
             still compiles."
        ));
    }
    let doc = doc_lines(&text);
    let body = op.body.as_ref().map(|body| {
        let ty = match &body.content {
            BodyContent::Json(shape)
            | BodyContent::Form(shape)
            | BodyContent::JsonOrFields { shape, .. }
            | BodyContent::Text(shape) => qualified_nullable_type(shape),
            BodyContent::Binary(_) => quote!(Vec<u8>),
            BodyContent::Multipart(parts) => {
                let name = format_ident!("{}", parts.type_name);
                quote!(#name)
            }
        };
        if body.required {
            quote!(, body: #ty)
        } else {
            quote!(, body: Option<#ty>)
        }
    });
    let signature = quote! {
        fn #name(&self, context: RequestContext, params: #params #body) -> impl Future<Output = Result<#response, ServiceError>> + Send
    };
    if feature.is_none() {
        return quote!(#doc #signature;);
    }
    let gate = features::gate(feature.map(std::slice::from_ref));
    let taken = if op.body.is_some() {
        quote!((context, params, body))
    } else {
        quote!((context, params))
    };
    let message = format!("{} is not implemented by this service", op.id);
    quote! {
        #doc
        #gate
        #signature {
            let _ = #taken;
            let answer = ServiceError::not_implemented(#message);
            std::future::ready(Err(answer))
        }
    }
}

fn handler(op: &Operation) -> TokenStream {
    let name = handler_name(op);
    let method = ident(&op.rust_name);
    let response = response_type(op);
    let (body_rule, parse_body, body_arg, body_binding) = match &op.body {
        Some(body) => {
            let required = body.required;
            let rule = match &body.content {
                BodyContent::Json(_) => quote!(Json { required: #required }),
                BodyContent::Form(_) => quote!(Form { required: #required }),
                BodyContent::JsonOrFields {
                    form, multipart, ..
                } => {
                    quote!(JsonOrFields { required: #required, form: #form, multipart: #multipart })
                }
                BodyContent::Binary(_) => quote!(Bytes { required: #required }),
                BodyContent::Multipart(_) => quote!(Multipart { required: #required }),
                BodyContent::Text(_) => quote!(Text { required: #required }),
            };
            let parse_body = if let BodyContent::Binary(_) = &body.content {
                let bytes = if required {
                    quote!(body.map(Vec::from).unwrap_or_default())
                } else {
                    quote!(body.map(Vec::from))
                };
                quote!(let body = #bytes;)
            } else {
                let parse = super::body_parser(op);
                let by_content_type = matches!(
                    body.content,
                    BodyContent::Multipart(_) | BodyContent::JsonOrFields { .. }
                );
                let parse_call = match (required, by_content_type) {
                    (true, false) => quote!(#parse(body.as_deref().unwrap_or_default())),
                    (false, false) => quote!(body.as_deref().map(#parse).transpose()),
                    (true, true) => {
                        quote!(#parse(body.as_deref().unwrap_or_default(), content_type))
                    }
                    (false, true) => quote! {
                        body.as_deref().map(|body| #parse(body, content_type)).transpose()
                    },
                };
                // A multipart body's boundary is in its Content-Type, which also tells JSON
                // from a form.
                let content_type = by_content_type.then(|| {
                    quote! {
                        let content_type = context.headers.get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
                    }
                });
                quote! {
                    #content_type
                    let body = ids.accepted(#parse_call)?;
                }
            };
            (
                quote!(Some(BodyRule::#rule)),
                parse_body,
                quote!(, body),
                quote!(body),
            )
        }
        None => (quote!(None), quote!(), quote!(), quote!(_)),
    };
    let arms = op.successes.iter().map(|success| {
        let variant = format_ident!("{}", success.variant);
        let status = success.status;
        match &success.body {
            ResponseBody::Text(_) => {
                quote!(Ok(#response::#variant(value)) => text_response(status(#status), crate::runtime::support::param_text(&value)),)
            }
            ResponseBody::Json(_) => {
                quote!(Ok(#response::#variant(value)) => json_response(status(#status), &value),)
            }
            ResponseBody::Binary(media) => {
                quote!(Ok(#response::#variant(bytes)) => binary_response(status(#status), #media, bytes),)
            }
            ResponseBody::Empty => quote!(Ok(#response::#variant) => empty_response(status(#status)),),
        }
    });
    let doc = format!(
        " `{} {}`: checks, then calls [`Service::{}`].",
        op.method.as_str(),
        op.path,
        op.rust_name.trim_start_matches("r#")
    );
    quote! {
        #[doc = #doc]
        async fn #name<S: Service>(shared: Arc<Shared<S>>, ids: RequestIds, request: Request) -> Result<Response, Response> {
            // The parameters type is the one the service method takes.
            let (params, #body_binding, context) = admit(&shared, &ids, request, #body_rule).await?;
            #parse_body
            // Called through the trait: `shared.service.clone(..)` would be the `Arc`'s own
            // (Google's Cloud SQL has an operation `clone`).
            let answer = match S::#method(&shared.service, context, params #body_arg).await {
                #(#arms)*
                Err(error) => ids.error(error),
            };
            Ok(answer)
        }
    }
}

/// A part's routes, and the handlers that choose among operations sharing a route and method.
struct PartRoutes {
    routes: Vec<TokenStream>,
    dispatchers: Vec<TokenStream>,
}

/// A distinct route and the operations each method on it serves, stand-ins included.
struct RouteMethods<'a> {
    route: &'a str,
    by_method: Vec<(&'a str, Vec<&'a Operation>)>,
}

/// Every distinct route by the part that mounts it: the part of the first operation on the
/// route. Only references: each part's tokens are made when the part is emitted, so that no
/// spec holds the routes of every part at once.
fn routes_by_group(model: &Model) -> BTreeMap<String, Vec<RouteMethods<'_>>> {
    let mut by_route: BTreeMap<&str, Vec<&Operation>> = BTreeMap::new();
    for op in &model.operations {
        by_route.entry(op.route.as_str()).or_default().push(op);
    }
    let neighbours = Neighbours::new(by_route.keys().copied());
    let mut by_group: BTreeMap<String, Vec<RouteMethods<'_>>> = BTreeMap::new();
    for (route, ops) in &by_route {
        let mut by_method: Vec<(&str, Vec<&Operation>)> = Vec::new();
        for op in ops.iter().copied() {
            let method = op.method.as_str();
            match by_method.iter_mut().find(|(m, _)| *m == method) {
                Some((_, same)) => same.push(op),
                None => by_method.push((method, vec![op])),
            }
        }
        by_method.extend(stand_ins(route, &by_method, &by_route, &neighbours));
        by_group
            .entry(ops[0].group.clone())
            .or_default()
            .push(RouteMethods { route, by_method });
    }
    by_group
}

/// One `router = router.route(...);` per route of a part, with every method on it and a 405
/// fallback that lists them in `Allow`. A stand-in from another area's route is mounted only when that area's feature is on.
fn part_routes(model: &Model, group: &str, routes: &[RouteMethods<'_>]) -> PartRoutes {
    let mut part = PartRoutes {
        routes: Vec::with_capacity(routes.len()),
        dispatchers: Vec::new(),
    };
    for RouteMethods { route, by_method } in routes {
        let mut methods: Vec<&str> = by_method.iter().map(|(method, _)| *method).collect();
        methods.sort_unstable();
        let allow = methods.join(", ");
        let mut filters = by_method.iter().map(|(method, same)| {
            let filter = format_ident!("{}", method);
            let handler = if let [only] = same.as_slice() {
                handler_name(only)
            } else {
                let (name, dispatcher) = dispatcher(route, method, same);
                part.dispatchers.push(dispatcher);
                name
            };
            // Overloads share a handler, and their span names them all.
            let ids: Vec<&str> = same.iter().map(|op| op.id.as_str()).collect();
            let gate = if same[0].group == group {
                TokenStream::new()
            } else {
                features::of_group(model, &same[0].group)
            };
            (filter, handler, ids.join(" | "), gate)
        });
        let (first_filter, first_handler, first_id, _) =
            filters.next().expect("a route has an operation");
        let (rest, gated): (Vec<_>, Vec<_>) = filters.partition(|(.., gate)| gate.is_empty());
        let rest = rest
            .iter()
            .map(|(f, h, id, _)| quote!(.on(MethodFilter::#f, Guarded(#h::<S>, #id))));
        let first = quote! {
            on(MethodFilter::#first_filter, Guarded(#first_handler::<S>, #first_id)) #(#rest)*
        };
        let fallback = quote!(.fallback(|request: Request| method_not_allowed(request, #allow)));
        if gated.is_empty() {
            part.routes.push(quote! {
                router = router.route(&format!("{base}{}", #route), #first #fallback);
            });
        } else {
            let gated = gated.iter().map(|(f, h, id, gate)| {
                quote!(#gate let methods = methods.on(MethodFilter::#f, Guarded(#h::<S>, #id));)
            });
            part.routes.push(quote! {
                let methods = #first;
                #(#gated)*
                router = router.route(&format!("{base}{}", #route), methods #fallback);
            });
        }
    }
    part
}

/// For a route with text where another route of as many segments has a parameter
/// (`/services/asana` beside `/services/{slug}`), the other route's operations on the methods
/// this one lacks, since the router matches the text first and would answer 405 where the
/// spec's templated operation serves the request (GitLab's `GET /services/asana`). Where
/// several such routes offer a method, the one with the most text wins; an operation that
/// shares its method with another on its route (an overload) stands in for none.
fn stand_ins<'a>(
    route: &str,
    own: &[(&str, Vec<&'a Operation>)],
    by_route: &BTreeMap<&str, Vec<&'a Operation>>,
    neighbours: &Neighbours<'_>,
) -> Vec<(&'static str, Vec<&'a Operation>)> {
    let segments: Vec<&str> = route.split('/').collect();
    let mut chosen: Vec<(&'static str, usize, &'a Operation)> = Vec::new();
    for other in neighbours.of(&segments) {
        let Some(text) = covered_text(&segments, other) else {
            continue;
        };
        let ops = &by_route[other];
        for op in ops {
            let method = op.method.as_str();
            let alone = ops.iter().filter(|o| o.method == op.method).count() == 1;
            if !alone || own.iter().any(|(m, _)| *m == method) {
                continue;
            }
            match chosen.iter_mut().find(|(m, _, _)| *m == method) {
                Some(best) if best.1 < text => *best = (method, text, op),
                Some(_) => {}
                None => chosen.push((method, text, op)),
            }
        }
    }
    chosen
        .into_iter()
        .map(|(method, _, op)| (method, vec![op]))
        .collect()
}

/// Routes by their count of segments and their first segment (`{}` for a parameter), so that
/// a route is compared only with those that could stand in for it, not with every route of a
/// spec (Graph's v1.0 has 7,417).
struct Neighbours<'a> {
    routes: BTreeMap<(usize, &'a str), Vec<&'a str>>,
}

impl<'a> Neighbours<'a> {
    fn new(routes: impl Iterator<Item = &'a str>) -> Self {
        let mut by_key: BTreeMap<(usize, &'a str), Vec<&'a str>> = BTreeMap::new();
        for route in routes {
            let segments: Vec<&str> = route.split('/').collect();
            by_key
                .entry((segments.len(), first_key(&segments)))
                .or_default()
                .push(route);
        }
        Neighbours { routes: by_key }
    }

    /// The routes of as many segments whose first is the same text, or a parameter.
    fn of(&self, segments: &[&'a str]) -> impl Iterator<Item = &'a str> + '_ {
        let same = self.routes.get(&(segments.len(), first_key(segments)));
        let parameter = self.routes.get(&(segments.len(), "{}"));
        same.into_iter()
            .chain(parameter.filter(|_| first_key(segments) != "{}"))
            .flatten()
            .copied()
    }
}

/// A route's first segment after the leading `/`, or `{}` when it holds a parameter.
fn first_key<'a>(segments: &[&'a str]) -> &'a str {
    match segments.get(1) {
        Some(segment) if segment.contains('{') => "{}",
        Some(segment) => segment,
        None => "",
    }
}

/// Whether `other` serves the route of `segments` through its parameters: as many segments,
/// each the same or a whole-segment parameter of `other` where the route has text, at least
/// one of them. Its count of text segments, the more the more specific, when it does. OData's
/// own segments (`$count`, `$ref`) and function calls (`delta()`) are never a key, so a
/// parameter does not stand in for them.
fn covered_text(segments: &[&str], other: &str) -> Option<usize> {
    let theirs: Vec<&str> = other.split('/').collect();
    if theirs.len() != segments.len() {
        return None;
    }
    let mut stands_in = false;
    for (mine, theirs) in segments.iter().zip(&theirs) {
        let whole_parameter = theirs.starts_with('{') && theirs.ends_with('}');
        if crate::lower::route::shape_of(mine) == crate::lower::route::shape_of(theirs) {
            continue;
        }
        let odata = mine.starts_with('$') || mine.contains('(');
        if whole_parameter && !mine.contains('{') && !odata {
            stands_in = true;
            continue;
        }
        return None;
    }
    stands_in.then(|| {
        theirs
            .iter()
            .filter(|segment| !segment.contains('{'))
            .count()
    })
}

fn handler_name(op: &Operation) -> proc_macro2::Ident {
    joined_ident(&["handle", &op.rust_name])
}

/// The handler for operations that share a route and method, such as Graph's overloads of one
/// function: it tries their path templates, the most specific first (most parameters, then the
/// most text), and hands the request to the first that fits.
fn dispatcher(route: &str, method: &str, ops: &[&Operation]) -> (proc_macro2::Ident, TokenStream) {
    let mut ordered = ops.to_vec();
    // Among templates with as many parameters, the one with more text (its length with the
    // parameter names left out) is the more specific.
    ordered.sort_by_key(|op| {
        let parameters = op.path.matches('{').count();
        (
            std::cmp::Reverse(parameters),
            std::cmp::Reverse(crate::lower::route::shape_of(&op.path).len()),
            op.path.clone(),
        )
    });
    let name = joined_ident(&["dispatch", &ordered[0].rust_name]);
    let templates = ordered.iter().map(|op| params_type(op));
    let (last, tried) = ordered.split_last().expect("a dispatcher has operations");
    let tried_handlers = tried.iter().map(|op| handler_name(op));
    let indices = (0..tried.len()).map(proc_macro2::Literal::usize_unsuffixed);
    let last_handler = handler_name(last);
    let order: Vec<String> = ordered.iter().map(|op| format!("`{}`", op.path)).collect();
    let doc = doc_lines(&format!(
        "`{method} {route}`: the operation whose path template fits, tried in this order: {}.",
        order.join(", ")
    ));
    let item = quote! {
        #doc
        async fn #name<S: Service>(shared: Arc<Shared<S>>, ids: RequestIds, request: Request) -> Result<Response, Response> {
            let templates = [#(#templates::PATH_TEMPLATE),*];
            match fitting_template(request, &templates).await {
                #((request, #indices) => #tried_handlers::<S>(shared, ids, request).await,)*
                (request, _) => #last_handler::<S>(shared, ids, request).await,
            }
        }
    };
    (name, item)
}
