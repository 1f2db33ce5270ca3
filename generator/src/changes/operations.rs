//! Changes to the operations: added, removed, renamed or moved, and within one operation its
//! parameters, request body, success responses and security.

use super::shapes;
use super::spelling::value_type;
use super::{pair_renamed, requiredness, Breaks, Change, Usage, NAMED};
use crate::ir::{
    BodyContent, Model, Multipart, Operation, Param, ParamLocation, Response, ResponseBody,
};
use std::collections::{BTreeMap, BTreeSet};

const REQUEST: Usage = Usage {
    request: true,
    response: false,
};
const RESPONSE: Usage = Usage {
    request: false,
    response: true,
};

pub fn compare(old: &Model, new: &Model) -> Vec<Change> {
    let (old_routes, new_routes) = (by_route(old), by_route(new));
    let removed: Vec<&Operation> = old
        .operations
        .iter()
        .filter(|op| !new_routes.contains_key(&route_key(op)))
        .collect();
    let added: Vec<&Operation> = new
        .operations
        .iter()
        .filter(|op| !old_routes.contains_key(&route_key(op)))
        .collect();
    let moved = pair_renamed(&removed, &added, |op| op.id.clone());
    let mut found = Vec::new();
    for op in &new.operations {
        if let Some(before) = old_routes.get(&route_key(op)) {
            compare_operation(before, op, &mut found);
        } else if let Some(&(before, _)) = moved.iter().find(|(_, after)| std::ptr::eq(*after, op))
        {
            found.push(
                Change::new(
                    call(before),
                    on_wire(before),
                    format!("path -> {}", op.path),
                )
                .breaking(Breaks::WIRE, "requests to the old path are not served"),
            );
            compare_operation(before, op, &mut found);
        } else {
            found.push(
                Change::new(call(op), on_wire(op), "operation added").breaking(
                    Breaks {
                        servers: true,
                        ..Breaks::NOTHING
                    },
                    "`Service` implementations must add the method",
                ),
            );
        }
    }
    for op in removed {
        if moved.iter().any(|(before, _)| std::ptr::eq(*before, op)) {
            continue;
        }
        found.push(
            Change::new(call(op), on_wire(op), "operation removed").breaking(
                Breaks::EVERYTHING,
                "code that calls or implements it stops compiling; requests to it are not served",
            ),
        );
    }
    found
}

/// Each operation by [`route_key`]; of two with one key (`/a/{x}` and `/a/{y}`), the first.
fn by_route(model: &Model) -> BTreeMap<(crate::ir::Method, String), &Operation> {
    let mut map = BTreeMap::new();
    for op in &model.operations {
        map.entry(route_key(op)).or_insert(op);
    }
    map
}

/// Method and path with parameter names blanked: renaming `{id}` keeps the operation.
fn route_key(op: &Operation) -> (crate::ir::Method, String) {
    (op.method, crate::lower::route::shape_of(&op.path))
}

fn call(op: &Operation) -> String {
    format!("{}()", op.rust_name)
}

fn on_wire(op: &Operation) -> String {
    format!("{} {}", op.method.as_str(), op.path)
}

fn compare_operation(old: &Operation, new: &Operation, found: &mut Vec<Change>) {
    if old.rust_name != new.rust_name {
        found.push(
            Change::new(
                call(old),
                on_wire(new),
                format!(
                    "renamed to {} (operationId {} -> {})",
                    call(new),
                    old.id,
                    new.id
                ),
            )
            .breaking(
                Breaks::RUST,
                "code that calls or implements it stops compiling",
            ),
        );
    }
    compare_params(old, new, found);
    compare_body(old, new, found);
    compare_responses(old, new, found);
    compare_security(old, new, found);
}

/// A parameter's identity: a path parameter by its place in the path, any other by where it
/// goes and its name.
fn param_key(op: &Operation, param: &Param) -> (ParamLocation, String) {
    if param.location == ParamLocation::Path {
        let position = op
            .path
            .split('{')
            .skip(1)
            .position(|rest| rest.split('}').next() == Some(param.wire_name.as_str()));
        (
            ParamLocation::Path,
            format!("#{}", position.unwrap_or(usize::MAX)),
        )
    } else {
        (param.location, param.wire_name.clone())
    }
}

fn param_names(op: &Operation, param: &Param) -> (String, String) {
    (
        format!("{}Params::{}", op.type_name, param.rust_name),
        format!(
            "{} {} {}",
            on_wire(op),
            param.location.as_str(),
            param.wire_name
        ),
    )
}

fn compare_params(old: &Operation, new: &Operation, found: &mut Vec<Change>) {
    fn find<'o>(op: &'o Operation, key: &(ParamLocation, String)) -> Option<&'o Param> {
        op.params.iter().find(|p| &param_key(op, p) == key)
    }
    let removed: Vec<&Param> = old
        .params
        .iter()
        .filter(|p| find(new, &param_key(old, p)).is_none())
        .collect();
    let added: Vec<&Param> = new
        .params
        .iter()
        .filter(|p| find(old, &param_key(new, p)).is_none())
        .collect();
    let moved = pair_renamed(&removed, &added, |p| p.wire_name.clone());
    for param in &new.params {
        let (at, wire) = param_names(new, param);
        if let Some(before) = find(old, &param_key(new, param)) {
            compare_param(old, before, new, param, found);
        } else if let Some((before, _)) = moved.iter().find(|(_, p)| std::ptr::eq(*p, param)) {
            found.push(
                Change::new(
                    at,
                    param_names(old, before).1,
                    format!(
                        "moved from {} to {}",
                        before.location.as_str(),
                        param.location.as_str()
                    ),
                )
                .breaking(Breaks::WIRE, "requests send it where it is no longer read"),
            );
        } else if param.required {
            found.push(Change::new(at, wire, "required parameter added").breaking(
                Breaks::EVERYTHING,
                "`new` takes it, and servers read it; requests without it are refused",
            ));
        } else {
            found.push(Change::new(at, wire, "optional parameter added"));
        }
    }
    for param in removed {
        if moved.iter().any(|(p, _)| std::ptr::eq(*p, param)) {
            continue;
        }
        let (at, wire) = param_names(old, param);
        found.push(Change::new(at, wire, "parameter removed").breaking(Breaks::RUST, NAMED));
    }
}

fn compare_param(
    old_op: &Operation,
    old: &Param,
    new_op: &Operation,
    new: &Param,
    found: &mut Vec<Change>,
) {
    let (at, wire) = param_names(new_op, new);
    if old.rust_name != new.rust_name || old.wire_name != new.wire_name {
        let mut what = format!("renamed {} -> {}", old.wire_name, new.wire_name);
        if old.rust_name != new.rust_name {
            what.push_str(&format!(" ({at})"));
        }
        let mut change = Change::new(param_names(old_op, old).0, &wire, what);
        if old.rust_name != new.rust_name {
            change = change.breaking(Breaks::RUST, NAMED);
        }
        if old.location != ParamLocation::Path && old.wire_name != new.wire_name {
            change = change.breaking(Breaks::WIRE, "requests send it under the old name");
        }
        found.push(change);
    }
    if old.required != new.required {
        let change = Change::new(&at, &wire, requiredness(new.required)).breaking(
            Breaks::RUST,
            "its field changes between T and Option<T> (and `new` takes it or no longer)",
        );
        found.push(change.breaking_if(
            new.required,
            Breaks::WIRE,
            "requests without it are refused",
        ));
    }
    let style = |p: &Param| {
        (
            p.json,
            p.explode,
            p.delimiter,
            p.object,
            p.empty_value.clone(),
        )
    };
    if style(old) != style(new) {
        found.push(
            Change::new(
                &at,
                &wire,
                format!("style {} -> {}", describe_style(old), describe_style(new)),
            )
            .breaking(Breaks::WIRE, "the value is spelled differently in requests"),
        );
    }
    found.extend(shapes::changes(&at, &wire, &old.shape, &new.shape, REQUEST));
}

/// How a parameter is spelled: `form, exploded`, `pipeDelimited`, `JSON`.
fn describe_style(param: &Param) -> String {
    if param.json {
        return "JSON".into();
    }
    let mut parts = vec![match param.delimiter {
        ' ' => "spaceDelimited".to_owned(),
        '|' => "pipeDelimited".to_owned(),
        _ => "form".to_owned(),
    }];
    if param.explode {
        parts.push("exploded".into());
    }
    if let Some(object) = param.object {
        parts.push(format!("{object:?}").to_lowercase());
    }
    if param.empty_value.is_some() {
        parts.push("empty value allowed".into());
    }
    parts.join(", ")
}

fn body_kind(content: &BodyContent) -> String {
    match content {
        BodyContent::Json(_) => "JSON".into(),
        BodyContent::Form(_) => "form".into(),
        BodyContent::JsonOrFields {
            form, multipart, ..
        } => {
            let mut kinds = vec!["JSON"];
            if *form {
                kinds.push("form");
            }
            if *multipart {
                kinds.push("multipart");
            }
            kinds.join(" or ")
        }
        BodyContent::Binary(media) => format!("bytes ({media})"),
        BodyContent::Multipart(_) => "multipart".into(),
        BodyContent::Text(_) => "text".into(),
    }
}

fn compare_body(old: &Operation, new: &Operation, found: &mut Vec<Change>) {
    let at = format!("{} body", call(new));
    let wire = format!("{} request body", on_wire(new));
    match (&old.body, &new.body) {
        (None, None) => {}
        (None, Some(body)) => {
            let change = Change::new(&at, &wire, format!("added ({})", body_kind(&body.content)))
                .breaking(Breaks::RUST, "the method takes the body as a new argument");
            found.push(change.breaking_if(
                body.required,
                Breaks::WIRE,
                "requests without it are refused",
            ));
        }
        (Some(_), None) => found.push(
            Change::new(&at, &wire, "removed")
                .breaking(Breaks::RUST, "the method no longer takes the body"),
        ),
        (Some(a), Some(b)) => {
            if a.required != b.required {
                let change = Change::new(&at, &wire, requiredness(b.required)).breaking(
                    Breaks::RUST,
                    "the body argument changes between T and Option<T>",
                );
                found.push(change.breaking_if(
                    b.required,
                    Breaks::WIRE,
                    "requests without it are refused",
                ));
            }
            compare_body_content(&at, &wire, &a.content, &b.content, found);
        }
    }
}

fn compare_body_content(
    at: &str,
    wire: &str,
    old: &BodyContent,
    new: &BodyContent,
    found: &mut Vec<Change>,
) {
    match (old, new) {
        (BodyContent::Json(a), BodyContent::Json(b))
        | (BodyContent::Form(a), BodyContent::Form(b))
        | (BodyContent::Text(a), BodyContent::Text(b)) => {
            found.extend(shapes::changes(at, wire, a, b, REQUEST))
        }
        (
            BodyContent::JsonOrFields {
                shape: a,
                form: a_form,
                multipart: a_multipart,
            },
            BodyContent::JsonOrFields {
                shape: b,
                form: b_form,
                multipart: b_multipart,
            },
        ) => {
            found.extend(shapes::changes(at, wire, a, b, REQUEST));
            for (name, was, is) in [
                ("form", a_form, b_form),
                ("multipart", a_multipart, b_multipart),
            ] {
                if was != is {
                    let change = Change::new(
                        at,
                        wire,
                        format!(
                            "{name} {}",
                            if *is {
                                "now accepted"
                            } else {
                                "no longer accepted"
                            }
                        ),
                    );
                    found.push(change.breaking_if(
                        !*is,
                        Breaks::WIRE,
                        "requests sent that way are refused",
                    ));
                }
            }
        }
        (BodyContent::Binary(a), BodyContent::Binary(b)) if a != b => found.push(
            Change::new(at, wire, format!("media type {a} -> {b}"))
                .breaking(Breaks::WIRE, "requests of the old media type are refused"),
        ),
        (BodyContent::Binary(_), BodyContent::Binary(_)) => {}
        (BodyContent::Multipart(a), BodyContent::Multipart(b)) => compare_parts(wire, a, b, found),
        (a, b) => found.push(
            Change::new(at, wire, format!("{} -> {}", body_kind(a), body_kind(b))).breaking(
                Breaks::EVERYTHING,
                "the body is another Rust type, sent another way",
            ),
        ),
    }
}

fn compare_parts(wire: &str, old: &Multipart, new: &Multipart, found: &mut Vec<Change>) {
    for part in &new.fields {
        let part_at = format!("{}::{}", new.type_name, part.rust_name);
        let part_wire = format!("{wire} part {}", part.wire_name);
        match old.fields.iter().find(|p| p.wire_name == part.wire_name) {
            None => {
                let change = Change::new(&part_at, &part_wire, "part added").breaking(
                    Breaks {
                        clients: true,
                        ..Breaks::NOTHING
                    },
                    "struct literals that build it must set the new field",
                );
                found.push(change.breaking_if(
                    part.required,
                    Breaks::WIRE,
                    "requests without it are refused",
                ));
            }
            Some(before) => {
                if before.required != part.required {
                    let change = Change::new(&part_at, &part_wire, requiredness(part.required))
                        .breaking(Breaks::RUST, "its field changes between T and Option<T>");
                    found.push(change.breaking_if(
                        part.required,
                        Breaks::WIRE,
                        "requests without it are refused",
                    ));
                }
                if before.kind != part.kind {
                    found.push(
                        Change::new(&part_at, &part_wire, "part content changed")
                            .breaking(Breaks::EVERYTHING, "the part holds another type"),
                    );
                }
            }
        }
    }
    for part in old
        .fields
        .iter()
        .filter(|p| !new.fields.iter().any(|q| q.wire_name == p.wire_name))
    {
        let change = Change::new(
            format!("{}::{}", old.type_name, part.rust_name),
            format!("{wire} part {}", part.wire_name),
            "part removed",
        )
        .breaking(Breaks::RUST, NAMED);
        found.push(change.breaking_if(
            new.closed,
            Breaks::WIRE,
            "requests that send it are refused",
        ));
    }
}

fn response_names(op: &Operation, response: &Response) -> (String, String) {
    (
        format!("{}Response::{}", op.type_name, response.variant),
        format!("{} {}", on_wire(op), response.key),
    )
}

fn response_kind(body: &ResponseBody) -> String {
    match body {
        ResponseBody::Empty => "no content".into(),
        ResponseBody::Json(shape) => format!("JSON {}", value_type(shape)),
        ResponseBody::Text(shape) => format!("text {}", value_type(shape)),
        ResponseBody::Binary(media) => format!("bytes ({media})"),
    }
}

fn compare_responses(old: &Operation, new: &Operation, found: &mut Vec<Change>) {
    for response in &new.successes {
        let (at, wire) = response_names(new, response);
        let Some(before) = old.successes.iter().find(|r| r.key == response.key) else {
            found.push(
                Change::new(at, wire, format!("response added ({})", response_kind(&response.body)))
                    .breaking(
                        Breaks {
                            clients: true,
                            ..Breaks::WIRE
                        },
                        "an exhaustive match on the response must handle it; older clients take the status for an error",
                    ),
            );
            continue;
        };
        if before.variant != response.variant {
            found.push(
                Change::new(
                    response_names(old, before).0,
                    &wire,
                    format!("variant renamed to {}", response.variant),
                )
                .breaking(Breaks::RUST, NAMED),
            );
        }
        match (&before.body, &response.body) {
            (ResponseBody::Json(a), ResponseBody::Json(b))
            | (ResponseBody::Text(a), ResponseBody::Text(b)) => {
                found.extend(shapes::changes(&at, &wire, a, b, RESPONSE))
            }
            (a, b) if a == b => {}
            (ResponseBody::Binary(a), ResponseBody::Binary(b)) => found.push(
                Change::new(&at, &wire, format!("media type {a} -> {b}")).breaking(
                    Breaks::WIRE,
                    "clients expecting the old media type refuse it",
                ),
            ),
            (a, b) => found.push(
                Change::new(
                    &at,
                    &wire,
                    format!("{} -> {}", response_kind(a), response_kind(b)),
                )
                .breaking(Breaks::EVERYTHING, "the response carries another Rust type"),
            ),
        }
    }
    for response in &old.successes {
        if !new.successes.iter().any(|r| r.key == response.key) {
            let (at, wire) = response_names(old, response);
            found.push(
                Change::new(at, wire, "response removed")
                    .breaking(Breaks::RUST, "code that names the variant stops compiling"),
            );
        }
    }
}

/// The credentials that each authenticate a request to the operation on their own.
fn credentials(op: &Operation) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    if op.bearer {
        found.insert("bearer token".to_owned());
    }
    if op.basic {
        found.insert("basic credentials".to_owned());
    }
    for (place, name) in &op.api_keys {
        found.insert(format!("API key {name} in {place}"));
    }
    found
}

fn compare_security(old: &Operation, new: &Operation, found: &mut Vec<Change>) {
    let at = call(new);
    let wire = format!("{} security", on_wire(new));
    let (before, after) = (credentials(old), credentials(new));
    let listed = |set: &BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>().join(", ");
    if before.is_empty() && !after.is_empty() {
        found.push(
            Change::new(
                &at,
                &wire,
                format!("authentication now required: {}", listed(&after)),
            )
            .breaking(Breaks::WIRE, "requests without credentials are refused"),
        );
    } else if !before.is_empty() && after.is_empty() {
        found.push(Change::new(&at, &wire, "authentication no longer required"));
    } else {
        let dropped: BTreeSet<String> = before.difference(&after).cloned().collect();
        let offered: BTreeSet<String> = after.difference(&before).cloned().collect();
        if !dropped.is_empty() {
            found.push(
                Change::new(
                    &at,
                    &wire,
                    format!("no longer accepted: {}", listed(&dropped)),
                )
                .breaking(
                    Breaks::WIRE,
                    "requests that authenticate that way are refused",
                ),
            );
        }
        if !offered.is_empty() {
            found.push(Change::new(
                &at,
                &wire,
                format!("now also accepted: {}", listed(&offered)),
            ));
        }
    }
    if old.unchecked_security != new.unchecked_security {
        let what = format!(
            "schemes the service checks itself: {} -> {}",
            none_if_empty(&old.unchecked_security.join(", ")),
            none_if_empty(&new.unchecked_security.join(", "))
        );
        let grew = new
            .unchecked_security
            .iter()
            .any(|s| !old.unchecked_security.contains(s));
        found.push(Change::new(&at, &wire, what).breaking_if(
            grew,
            Breaks {
                servers: true,
                wire: true,
                ..Breaks::NOTHING
            },
            "the service must check the new scheme; requests without it are refused",
        ));
    }
}

fn none_if_empty(text: &str) -> &str {
    if text.is_empty() {
        "none"
    } else {
        text
    }
}
