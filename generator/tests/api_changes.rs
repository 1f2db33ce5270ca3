//! The API-change report on pairs of specs: one base spec and, per change kind, an edit of it,
//! each asserting the report's exact lines and classification.

mod common;

use common::mutate::mutate;
use common::random::Random;
use generator::changes::{compare, Report};
use generator::ir::{Model, Shape, ShapeKind, TypeKind};
use generator::{lower, Spec};

const BASE: &str = r##"openapi: 3.0.3
info:
  title: Change report base
  version: "1.0"
servers:
  - url: https://example.com/v1
security:
  - bearer: []
paths:
  /users/{user-id}/items:
    parameters:
      - name: user-id
        in: path
        required: true
        schema:
          type: string
    get:
      operationId: listItems
      parameters:
        - name: $top
          in: query
          schema:
            type: integer
            format: int32
            minimum: 0
        - name: tags
          in: query
          style: form
          explode: false
          schema:
            type: array
            items:
              type: string
      responses:
        "200":
          description: The items.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/itemPage"
    post:
      operationId: createItem
      parameters:
        - name: If-Match
          in: header
          schema:
            type: string
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: "#/components/schemas/item"
      responses:
        "201":
          description: Created.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/item"
  /status:
    get:
      operationId: getStatus
      security: []
      responses:
        "200":
          description: The status.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/report"
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
    key:
      type: apiKey
      in: header
      name: X-Key
  schemas:
    item:
      type: object
      required: [name, count]
      properties:
        id:
          type: string
          readOnly: true
        name:
          type: string
          maxLength: 64
        count:
          type: integer
          format: int32
        note:
          type: string
          nullable: true
        color:
          $ref: "#/components/schemas/color"
    itemPage:
      type: object
      required: [value]
      properties:
        value:
          type: array
          items:
            $ref: "#/components/schemas/item"
        total:
          type: integer
          format: int64
    color:
      type: string
      enum: [red, green]
    report:
      type: object
      required: [state]
      properties:
        state:
          type: string
        uptime:
          type: integer
          format: int32
    shape:
      oneOf:
        - $ref: "#/components/schemas/circle"
        - $ref: "#/components/schemas/square"
      discriminator:
        propertyName: kind
        mapping:
          circle: "#/components/schemas/circle"
          square: "#/components/schemas/square"
    circle:
      type: object
      required: [kind]
      properties:
        kind:
          type: string
        radius:
          type: number
    square:
      type: object
      required: [kind]
      properties:
        kind:
          type: string
        side:
          type: number
"##;

fn report(old: &str, new: &str) -> Report {
    let lowered = |text: &str| {
        lower(&Spec {
            name: "spec.yaml",
            text,
        })
        .unwrap_or_else(|problems| panic!("{problems}"))
    };
    compare(&lowered(old), &lowered(new))
}

/// The report of the base spec with `from` replaced by `to` (each must occur exactly once).
fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_owned();
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
        text = text.replacen(from, to, 1);
    }
    report(BASE, &text).text()
}

/// The expected report written indented in the test: each line's indentation dropped, and the
/// report's own four spaces put back before the `at` lines.
fn lines(text: &str) -> String {
    text.lines()
        .map(str::trim_start)
        .map(|line| {
            if line.starts_with("at ") {
                format!("    {line}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[track_caller]
fn assert_report(edits: &[(&str, &str)], expected: &str) {
    assert_eq!(edited(edits), lines(expected));
}

#[test]
fn an_unchanged_spec_reports_nothing() {
    let report = report(BASE, BASE);
    assert!(report.is_empty());
    assert_eq!(report.text(), "");
    assert_eq!(report.markdown(), "");
}

#[test]
fn reordering_keys_reports_nothing() {
    // The same spec with its paths, schemas, properties, enum values and keys in other orders.
    let value: serde_yaml::Value = serde_yaml::from_str(BASE).unwrap();
    fn reversed(value: &serde_yaml::Value) -> serde_yaml::Value {
        match value {
            serde_yaml::Value::Mapping(map) => {
                let mut out = serde_yaml::Mapping::new();
                let entries: Vec<_> = map.iter().collect();
                for (key, value) in entries.into_iter().rev() {
                    out.insert(key.clone(), reversed(value));
                }
                serde_yaml::Value::Mapping(out)
            }
            // `required` and `enum` are sets; `parameters`, `oneOf` and `servers` lists are
            // reordered too, where order carries no meaning to the report.
            serde_yaml::Value::Sequence(items) => {
                serde_yaml::Value::Sequence(items.iter().rev().map(reversed).collect())
            }
            other => other.clone(),
        }
    }
    let text = serde_yaml::to_string(&reversed(&value)).unwrap();
    assert_ne!(text, BASE);
    assert_eq!(report(BASE, &text).text(), "");
}

#[test]
fn a_type_added_is_compatible_and_a_type_removed_breaks_code_that_names_it() {
    assert_report(
        &[(
            "    color:\n      type: string\n",
            "    size:\n      type: string\n      enum: [small]\n    color:\n      type: string\n",
        )],
        "1 API change: 1 compatible
        [compatible] Size: type added
            at size",
    );
    let without_report = BASE.replace(
        "    report:\n      type: object\n      required: [state]\n      properties:\n        state:\n          type: string\n        uptime:\n          type: integer\n          format: int32\n",
        "",
    ).replace(
        "              schema:\n                $ref: \"#/components/schemas/report\"",
        "              schema:\n                type: object",
    );
    assert_eq!(
        report(BASE, &without_report).text(),
        lines(
            "2 API changes: 2 break clients, 2 break servers, 1 breaks the wire
            [breaks clients, servers] Report: type removed
                at report: code that names it stops compiling
            [breaks clients, servers, wire] GetStatusResponse::Ok: type Report -> Map<String, Value>
                at GET /status 200: code that reads or sets it as the old type stops compiling; values of one type are refused by the other"
        )
    );
}

#[test]
fn a_renamed_type_is_one_change() {
    let renamed = BASE
        .replace("    report:\n", "    statusReport:\n")
        .replace("schemas/report\"", "schemas/statusReport\"");
    assert_eq!(
        report(BASE, &renamed).text(),
        lines(
            "1 API change: 1 breaks clients, 1 breaks servers
            [breaks clients, servers] Report: type renamed to StatusReport
                at report -> statusReport: code that names it stops compiling"
        )
    );
}

#[test]
fn fields_added_removed_and_renamed() {
    assert_report(
        &[(
            "        uptime:\n",
            "        version:\n          type: string\n        uptime:\n",
        )],
        "1 API change: 1 breaks servers
        [breaks servers] Report::version: field added: Option<String>
            at report.version: struct literals that build it must set the new field",
    );
    assert_report(
        &[(
            "      required: [name, count]\n      properties:\n        id:\n",
            "      required: [name, count, size]\n      properties:\n        size:\n          type: integer\n        id:\n",
        )],
        "1 API change: 1 breaks clients, 1 breaks servers, 1 breaks the wire
        [breaks clients, servers, wire] Item::size: field added: i64
            at item.size: struct literals that build it must set the new field; requests without it are refused",
    );
    assert_report(
        &[(
            "      required: [state]\n      properties:\n        state:\n          type: string\n",
            "      properties:\n",
        )],
        "1 API change: 1 breaks clients, 1 breaks servers, 1 breaks the wire
        [breaks clients, servers, wire] Report::state: field removed
            at report.state: code that names it stops compiling; older clients require it in responses",
    );
    assert_report(
        &[("        uptime:\n", "        upTime:\n")],
        "1 API change: 1 breaks clients, 1 breaks servers, 1 breaks the wire
        [breaks clients, servers, wire] Report::uptime: property renamed to upTime (Report::up_time)
            at report.uptime: code that names it stops compiling; the value travels under another name",
    );
}

#[test]
fn field_type_required_nullable_and_read_only_changes() {
    assert_report(
        &[("        count:\n          type: integer\n          format: int32\n", "        count:\n          type: integer\n          format: int64\n")],
        "1 API change: 1 breaks clients, 1 breaks servers, 1 breaks the wire
        [breaks clients, servers, wire] Item::count: type i32 -> i64
            at item.count: code that reads or sets it as the old type stops compiling; responses may carry values the old type cannot hold",
    );
    assert_report(
        &[("        state:\n          type: string\n", "        state:\n          type: string\n          format: uuid\n")],
        "1 API change: 1 breaks the wire
        [breaks wire] Report::state: type string -> string (uuid)
            at report.state: values of the old format are refused, or sent where the old one is expected",
    );
    assert_report(
        &[("      required: [name, count]\n", "      required: [name, count, note]\n")],
        "1 API change: 1 breaks clients, 1 breaks servers, 1 breaks the wire
        [breaks clients, servers, wire] Item::note: optional -> required (Option<Option<String>> -> Option<String>)
            at item.note: code that reads or sets it as the old type stops compiling; requests without it are refused",
    );
    assert_report(
        &[("      required: [name, count]\n", "      required: [name]\n")],
        "1 API change: 1 breaks clients, 1 breaks servers, 1 breaks the wire
        [breaks clients, servers, wire] Item::count: required -> optional (i32 -> Option<i32>)
            at item.count: code that reads or sets it as the old type stops compiling; older clients require it in responses",
    );
    assert_report(
        &[("        name:\n          type: string\n", "        name:\n          type: string\n          nullable: true\n")],
        "1 API change: 1 breaks clients, 1 breaks servers, 1 breaks the wire
        [breaks clients, servers, wire] Item::name: now nullable (String -> Option<String>)
            at item.name: older clients refuse null in responses; code that reads or sets it as the old type stops compiling",
    );
    assert_report(
        &[("        note:\n          type: string\n          nullable: true\n", "        note:\n          type: string\n")],
        "1 API change: 1 breaks clients, 1 breaks servers, 1 breaks the wire
        [breaks clients, servers, wire] Item::note: no longer nullable (Option<Option<String>> -> Option<String>)
            at item.note: requests that send null are refused; code that reads or sets it as the old type stops compiling",
    );
    assert_report(
        &[(
            "        note:\n          type: string\n",
            "        note:\n          type: string\n          readOnly: true\n",
        )],
        "1 API change: 1 breaks the wire
        [breaks wire] Item::note: now read-only
            at item.note: requests that send it are refused",
    );
}

#[test]
fn enum_values_added_removed() {
    assert_report(
        &[("      enum: [red, green]\n", "      enum: [red, green, blue]\n")],
        "1 API change: 1 breaks clients, 1 breaks servers
        [breaks clients, servers] Color::Blue: value added
            at color: \"blue\": an exhaustive match must handle the new variant (older builds read it as the catch-all)",
    );
    assert_report(
        &[("      enum: [red, green]\n", "      enum: [red]\n")],
        "1 API change: 1 breaks clients, 1 breaks servers, 1 breaks the wire
        [breaks clients, servers, wire] Color::Green: value removed
            at color: \"green\": code that names it stops compiling; requests with it are refused",
    );
}

#[test]
fn an_enum_value_only_responses_carry_breaks_only_clients_matching_it() {
    let base = BASE.replace(
        "        state:\n          type: string\n",
        "        state:\n          type: string\n          enum: [up, down]\n",
    );
    let new = base.replace("enum: [up, down]", "enum: [up, down, degraded]");
    assert_eq!(
        report(&base, &new).text(),
        lines(
            "1 API change: 1 breaks clients
            [breaks clients] ReportState::Degraded: value added
                at report.state: \"degraded\": an exhaustive match must handle the new variant (older builds read it as the catch-all)"
        )
    );
}

#[test]
fn rule_changes_tighten_loosen_or_change() {
    assert_report(
        &[("          maxLength: 64\n", "          maxLength: 32\n")],
        "1 API change: 1 breaks the wire
        [breaks wire] Item::name: maxLength 64 -> 32
            at item.name: requests that passed the old rule may be refused",
    );
    assert_report(
        &[("          maxLength: 64\n", "          maxLength: 128\n")],
        "1 API change: 1 compatible
        [compatible] Item::name: maxLength 64 -> 128
            at item.name",
    );
    assert_report(
        &[(
            "          maxLength: 64\n",
            "          maxLength: 64\n          pattern: ^[a-z]+$\n",
        )],
        "1 API change: 1 breaks the wire
        [breaks wire] Item::name: pattern none -> `^[a-z]+$`
            at item.name: requests that passed the old rule may be refused",
    );
    assert_report(
        &[("            minimum: 0\n", "            minimum: 1\n            maximum: 100\n")],
        "2 API changes: 2 break the wire
        [breaks wire] ListItemsParams::top: minimum 0 -> 1
            at GET /users/{user-id}/items query $top: requests that passed the old rule may be refused
        [breaks wire] ListItemsParams::top: maximum none -> 100
            at GET /users/{user-id}/items query $top: requests that passed the old rule may be refused",
    );
    // Only responses carry the report: clients do not check what they receive.
    assert_report(
        &[("        uptime:\n          type: integer\n          format: int32\n", "        uptime:\n          type: integer\n          format: int32\n          minimum: 0\n")],
        "1 API change: 1 compatible
        [compatible] Report::uptime: minimum none -> 0
            at report.uptime",
    );
}

#[test]
fn operations_added_removed_renamed_and_moved() {
    assert_report(
        &[("  /status:\n", "  /health:\n    get:\n      operationId: getHealth\n      responses:\n        \"204\":\n          description: Healthy.\n  /status:\n")],
        "1 API change: 1 breaks servers
        [breaks servers] get_health(): operation added
            at GET /health: `Service` implementations must add the method",
    );
    assert_report(
        &[("      operationId: getStatus\n", "      operationId: readStatus\n")],
        "1 API change: 1 breaks clients, 1 breaks servers
        [breaks clients, servers] get_status(): renamed to read_status() (operationId getStatus -> readStatus)
            at GET /status: code that calls or implements it stops compiling",
    );
    assert_report(
        &[("  /status:\n", "  /state:\n")],
        "1 API change: 1 breaks the wire
        [breaks wire] get_status(): path -> /state
            at GET /status: requests to the old path are not served",
    );
    let without_status = BASE.split("  /status:\n").next().unwrap().to_owned()
        + "components:"
        + BASE.split("\ncomponents:").nth(1).unwrap();
    assert_eq!(
        report(BASE, &without_status).text(),
        lines(
            "1 API change: 1 breaks clients, 1 breaks servers, 1 breaks the wire
            [breaks clients, servers, wire] get_status(): operation removed
                at GET /status: code that calls or implements it stops compiling; requests to it are not served"
        )
    );
}

#[test]
fn parameters_added_removed_renamed_moved_and_restyled() {
    assert_report(
        &[("        - name: tags\n", "        - name: $skip\n          in: query\n          schema:\n            type: integer\n        - name: tags\n")],
        "1 API change: 1 compatible
        [compatible] ListItemsParams::skip: optional parameter added
            at GET /users/{user-id}/items query $skip",
    );
    assert_report(
        &[("        - name: tags\n", "        - name: filter\n          in: query\n          required: true\n          schema:\n            type: string\n        - name: tags\n")],
        "1 API change: 1 breaks clients, 1 breaks servers, 1 breaks the wire
        [breaks clients, servers, wire] ListItemsParams::filter: required parameter added
            at GET /users/{user-id}/items query filter: `new` takes it, and servers read it; requests without it are refused",
    );
    assert_report(
        &[("      - name: user-id\n", "      - name: owner-id\n"), ("  /users/{user-id}/items:\n", "  /users/{owner-id}/items:\n")],
        "2 API changes: 2 break clients, 2 break servers
        [breaks clients, servers] ListItemsParams::user_id: renamed user-id -> owner-id (ListItemsParams::owner_id)
            at GET /users/{owner-id}/items path owner-id: code that names it stops compiling
        [breaks clients, servers] CreateItemParams::user_id: renamed user-id -> owner-id (CreateItemParams::owner_id)
            at POST /users/{owner-id}/items path owner-id: code that names it stops compiling",
    );
    assert_report(
        &[("        - name: If-Match\n          in: header\n", "        - name: If-Match\n          in: query\n")],
        "1 API change: 1 breaks the wire
        [breaks wire] CreateItemParams::if_match: moved from header to query
            at POST /users/{user-id}/items header If-Match: requests send it where it is no longer read",
    );
    assert_report(
        &[("      parameters:\n        - name: If-Match\n          in: header\n          schema:\n            type: string\n", "")],
        "1 API change: 1 breaks clients, 1 breaks servers
        [breaks clients, servers] CreateItemParams::if_match: parameter removed
            at POST /users/{user-id}/items header If-Match: code that names it stops compiling",
    );
    assert_report(
        &[("          explode: false\n", "          explode: true\n")],
        "1 API change: 1 breaks the wire
        [breaks wire] ListItemsParams::tags: style form -> form, exploded
            at GET /users/{user-id}/items query tags: the value is spelled differently in requests",
    );
    assert_report(
        &[("        - name: If-Match\n          in: header\n", "        - name: If-Match\n          in: header\n          required: true\n")],
        "1 API change: 1 breaks clients, 1 breaks servers, 1 breaks the wire
        [breaks clients, servers, wire] CreateItemParams::if_match: optional -> required
            at POST /users/{user-id}/items header If-Match: its field changes between T and Option<T> (and `new` takes it or no longer); requests without it are refused",
    );
}

#[test]
fn responses_and_status_codes() {
    assert_report(
        &[("        \"201\":\n          description: Created.\n", "        \"200\":\n          description: Already there.\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/item\"\n        \"201\":\n          description: Created.\n")],
        "1 API change: 1 breaks clients, 1 breaks the wire
        [breaks clients, wire] CreateItemResponse::Ok: response added (JSON Item)
            at POST /users/{user-id}/items 200: an exhaustive match on the response must handle it; older clients take the status for an error",
    );
    let page_to_empty = BASE.replace(
        "        \"200\":\n          description: The items.\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/itemPage\"\n",
        "        \"204\":\n          description: Nothing.\n",
    );
    assert_eq!(
        report(BASE, &page_to_empty).text(),
        lines(
            "2 API changes: 2 break clients, 1 breaks servers, 1 breaks the wire
            [breaks clients, wire] ListItemsResponse::NoContent: response added (no content)
                at GET /users/{user-id}/items 204: an exhaustive match on the response must handle it; older clients take the status for an error
            [breaks clients, servers] ListItemsResponse::Ok: response removed
                at GET /users/{user-id}/items 200: code that names the variant stops compiling"
        )
    );
}

#[test]
fn request_bodies() {
    assert_report(
        &[("      requestBody:\n        required: true\n", "      requestBody:\n        required: false\n")],
        "1 API change: 1 breaks clients, 1 breaks servers
        [breaks clients, servers] create_item() body: required -> optional
            at POST /users/{user-id}/items request body: the body argument changes between T and Option<T>",
    );
    assert_report(
        &[("          application/json:\n            schema:\n              $ref: \"#/components/schemas/item\"\n      responses:", "          application/octet-stream:\n            schema:\n              type: string\n              format: binary\n      responses:")],
        "1 API change: 1 breaks clients, 1 breaks servers, 1 breaks the wire
        [breaks clients, servers, wire] create_item() body: JSON -> bytes (application/octet-stream)
            at POST /users/{user-id}/items request body: the body is another Rust type, sent another way",
    );
}

#[test]
fn security_requirements() {
    assert_report(
        &[(
            "      operationId: getStatus\n      security: []\n",
            "      operationId: getStatus\n",
        )],
        "1 API change: 1 breaks the wire
        [breaks wire] get_status(): authentication now required: bearer token
            at GET /status security: requests without credentials are refused",
    );
    assert_report(
        &[(
            "security:\n  - bearer: []\n",
            "security:\n  - bearer: []\n  - key: []\n",
        )],
        "2 API changes: 2 compatible
        [compatible] list_items(): now also accepted: API key X-Key in header
            at GET /users/{user-id}/items security
        [compatible] create_item(): now also accepted: API key X-Key in header
            at POST /users/{user-id}/items security",
    );
    assert_report(
        &[("security:\n  - bearer: []\n", "security:\n  - key: []\n")],
        "4 API changes: 2 break the wire, 2 compatible
        [breaks wire] list_items(): no longer accepted: bearer token
            at GET /users/{user-id}/items security: requests that authenticate that way are refused
        [compatible] list_items(): now also accepted: API key X-Key in header
            at GET /users/{user-id}/items security
        [breaks wire] create_item(): no longer accepted: bearer token
            at POST /users/{user-id}/items security: requests that authenticate that way are refused
        [compatible] create_item(): now also accepted: API key X-Key in header
            at POST /users/{user-id}/items security",
    );
}

#[test]
fn the_base_path() {
    assert_report(
        &[(
            "  - url: https://example.com/v1\n",
            "  - url: https://example.com/v2\n",
        )],
        "1 API change: 1 breaks the wire
        [breaks wire] ServerConfig::base_path: base path /v1 -> /v2
            at servers[0].url: servers and clients on the default base path no longer meet",
    );
}

#[test]
fn discriminator_mappings_and_union_variants() {
    assert_report(
        &[("          circle: \"#/components/schemas/circle\"\n", "          circle: \"#/components/schemas/circle\"\n          round: \"#/components/schemas/circle\"\n")],
        "1 API change: 1 compatible
        [compatible] Shape::Circle: discriminator value \"round\" added
            at shape: \"round\"",
    );
    assert_report(
        &[
            ("        - $ref: \"#/components/schemas/square\"\n", ""),
            ("          square: \"#/components/schemas/square\"\n", ""),
        ],
        "1 API change: 1 breaks clients, 1 breaks servers, 1 breaks the wire
        [breaks clients, servers, wire] Shape::Square: variant removed
            at shape: \"square\": code that names it stops compiling; requests with it are refused",
    );
    assert_report(
        &[(
            "        propertyName: kind\n",
            "        propertyName: type\n",
        )],
        "1 API change: 1 breaks the wire
        [breaks wire] Shape: discriminator kind -> type
            at shape: values are told apart by another property",
    );
}

#[test]
fn the_three_forms_say_the_same() {
    let text = BASE.replace("      enum: [red, green]\n", "      enum: [red]\n");
    let report = report(BASE, &text);
    assert_eq!(
        report.markdown(),
        "**1 API change: 1 breaks clients, 1 breaks servers, 1 breaks the wire**\n\n\
         | Breaks | Rust | Change | Wire | Why |\n|---|---|---|---|---|\n\
         | clients, servers, wire | `Color::Green` | value removed | `color: \"green\"` | code that names it stops compiling; requests with it are refused |\n"
    );
    let json: serde_json::Value = serde_json::from_str(&report.json()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "summary": {"changes": 1, "break_clients": 1, "break_servers": 1, "break_wire": 1, "compatible": 0},
            "changes": [{
                "rust": "Color::Green",
                "wire": "color: \"green\"",
                "change": "value removed",
                "breaks": ["clients", "servers", "wire"],
                "why": "code that names it stops compiling; requests with it are refused",
            }],
        })
    );
}

#[test]
fn nested_rules_closed_objects_and_new_variants() {
    assert_report(
        &[(
            "            items:\n              type: string\n      responses:",
            "            items:\n              type: string\n              maxLength: 8\n      responses:",
        )],
        "1 API change: 1 breaks the wire
        [breaks wire] ListItemsParams::tags: items maxLength none -> 8
            at GET /users/{user-id}/items query tags: requests that passed the old rule may be refused",
    );
    assert_report(
        &[(
            "    item:\n      type: object\n",
            "    item:\n      type: object\n      additionalProperties: false\n",
        )],
        "1 API change: 1 breaks the wire
        [breaks wire] Item: undeclared properties ignored -> refused
            at item: requests that send one are refused",
    );
    assert_report(
        &[
            (
                "        - $ref: \"#/components/schemas/square\"\n",
                "        - $ref: \"#/components/schemas/square\"\n        - $ref: \"#/components/schemas/report\"\n",
            ),
            (
                "          square: \"#/components/schemas/square\"\n",
                "          square: \"#/components/schemas/square\"\n          report: \"#/components/schemas/report\"\n",
            ),
        ],
        "1 API change: 1 breaks clients, 1 breaks servers
        [breaks clients, servers] Shape::Report: variant added
            at shape: \"report\": an exhaustive match must handle the new variant",
    );
    assert_report(
        &[(
            "          circle: \"#/components/schemas/circle\"\n",
            "          round: \"#/components/schemas/circle\"\n",
        )],
        "2 API changes: 1 breaks the wire, 1 compatible
        [compatible] Shape::Circle: discriminator value \"round\" added
            at shape: \"round\"
        [breaks wire] Shape::Circle: discriminator value \"circle\" removed
            at shape: \"circle\": requests with it are refused",
    );
}

/// The mission spec with five realistic edits: an enum member added, a property made required,
/// a `maxLength` put on a property, an operation added, a path parameter renamed.
fn mission_spec_edited() -> (String, String) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/device-compliance-user-status.yaml"
    );
    let old = std::fs::read_to_string(path).unwrap();
    let mut new = old.clone();
    let mut once = |from: &str, to: &str| {
        assert_eq!(new.matches(from).count(), 1, "{from:?} must occur once");
        new = new.replacen(from, to, 1);
    };
    once(
        "        - conflict\n        - notAssigned\n",
        "        - conflict\n        - notAssigned\n        - inGracePeriod\n",
    );
    once(
        "          required:\n            - devicesCount\n",
        "          required:\n            - '@odata.type'\n            - devicesCount\n",
    );
    once(
        "              description: User name of the DevicePolicyStatus.\n              nullable: true\n",
        "              description: User name of the DevicePolicyStatus.\n              nullable: true\n              maxLength: 128\n",
    );
    once(
        "  '/deviceManagement/deviceCompliancePolicies/{deviceCompliancePolicy-id}/userStatuses/$count':",
        "  '/deviceManagement/deviceCompliancePolicies/{deviceCompliancePolicy-id}/userStatuses/{deviceComplianceUserStatus-id}/reset':
    post:
      summary: Reset deviceComplianceUserStatus
      operationId: deviceManagement.deviceCompliancePolicy.userStatus_Reset
      parameters:
        - $ref: '#/components/parameters/policyId'
        - $ref: '#/components/parameters/userStatusId'
      responses:
        '204':
          description: Reset.
      security:
        - bearerAuth: []
  '/deviceManagement/deviceCompliancePolicies/{deviceCompliancePolicy-id}/userStatuses/$count':",
    );
    let new = new.replace("deviceCompliancePolicy-id", "deviceCompliancePolicyId");
    (old, new)
}

#[test]
fn the_report_in_the_docs_is_the_one_the_generator_gives() {
    let (old, new) = mission_spec_edited();
    let markdown = report(&old, &new).markdown();
    let docs = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/api-changes.md"
    ))
    .unwrap();
    let begin = "<!-- example report: generator/tests/api_changes.rs -->\n";
    let start = docs
        .find(begin)
        .expect("docs/api-changes.md has the example")
        + begin.len();
    let end = start + docs[start..].find("<!-- end of example -->").unwrap();
    assert_eq!(
        &docs[start..end],
        format!("{markdown}\n"),
        "docs/api-changes.md's example differs from the report; it should read:\n{markdown}"
    );
}

/// Every fixture and the mission spec, lowered.
fn all_models() -> Vec<(String, generator::ir::Model)> {
    let mut paths = common::fixture_specs();
    paths.push(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../spec/device-compliance-user-status.yaml"
        )
        .into(),
    );
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let model = lower(&Spec {
                name: &name,
                text: &text,
            })
            .unwrap();
            (name, model)
        })
        .collect()
}

/// The sweep over every kind of spec the project holds: each fixture against itself reports
/// nothing, and against every other one (a spec rewritten from scratch) gives a report, the
/// same one twice, with no change left unclassified or unnamed.
#[test]
fn every_fixture_against_itself_and_every_other() {
    let models = all_models();
    assert!(models.len() >= 19, "{} specs", models.len());
    let mut changes = 0;
    for (old_name, old) in &models {
        assert!(compare(old, old).is_empty(), "{old_name} against itself");
        for (new_name, new) in &models {
            let report = compare(old, new);
            assert_eq!(report, compare(old, new), "{old_name} -> {new_name}");
            for change in &report.changes {
                assert!(
                    !change.rust.is_empty() && !change.wire.is_empty() && !change.what.is_empty(),
                    "{old_name} -> {new_name}: {change:?}"
                );
                assert_eq!(
                    change.breaks.is_compatible(),
                    change.why.is_empty(),
                    "{old_name} -> {new_name}: a break says why, a compatible change does not: {change:?}"
                );
            }
            changes += report.changes.len();
        }
    }
    assert!(changes > 1000, "{changes} changes over every pair");
}

/// The model with everything the report leaves out on purpose cleared, and every list whose
/// order means nothing sorted: descriptions, titles, operation ids and files (only the Rust
/// names they give count), routes (from paths), where a type was written.
fn normalized(model: &Model) -> String {
    fn shape(value: &mut Shape) {
        value.doc = None;
        value.rules.allowed.sort_by_key(|v| v.to_string());
        if let ShapeKind::Array(inner) | ShapeKind::Map(inner) = &mut value.kind {
            shape(inner);
        }
    }
    let mut model = model.clone();
    model.title.clear();
    model.description = None;
    model.type_index.clear();
    model.types.sort_by(|a, b| a.name.cmp(&b.name));
    for def in &mut model.types {
        def.doc = None;
        def.origin.clear();
        def.schema_name.clear();
        match &mut def.kind {
            TypeKind::Struct(s) => {
                s.patch_of = None;
                s.fields.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));
                for field in &mut s.fields {
                    field.doc = None;
                    shape(&mut field.shape);
                }
                if let generator::ir::ExtraProperties::Keep(inner) = &mut s.extra {
                    shape(inner);
                }
            }
            TypeKind::Enum(e) => e.variants.sort_by(|a, b| a.wire_name.cmp(&b.wire_name)),
            TypeKind::Alias(inner) => shape(inner),
            TypeKind::Union(u) => {
                u.variants.sort_by(|a, b| a.name.cmp(&b.name));
                for variant in &mut u.variants {
                    variant.tags.sort();
                    shape(&mut variant.shape);
                }
            }
        }
    }
    model
        .operations
        .sort_by(|a, b| (a.method, &a.path).cmp(&(b.method, &b.path)));
    for op in &mut model.operations {
        op.doc = None;
        op.id.clear();
        op.group.clear();
        op.route.clear();
        op.api_keys.sort();
        op.params.sort_by(|a, b| {
            (a.location.as_str(), &a.wire_name).cmp(&(b.location.as_str(), &b.wire_name))
        });
        for param in &mut op.params {
            param.doc = None;
            shape(&mut param.shape);
        }
        if let Some(body) = &mut op.body {
            body.doc = None;
            match &mut body.content {
                generator::ir::BodyContent::Json(inner)
                | generator::ir::BodyContent::Form(inner)
                | generator::ir::BodyContent::Text(inner)
                | generator::ir::BodyContent::JsonOrFields { shape: inner, .. } => shape(inner),
                generator::ir::BodyContent::Multipart(parts) => {
                    parts.fields.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));
                    for part in &mut parts.fields {
                        part.doc = None;
                    }
                }
                generator::ir::BodyContent::Binary(_) => {}
            }
        }
        op.successes.sort_by(|a, b| a.key.cmp(&b.key));
        for response in &mut op.successes {
            response.description.clear();
            if let generator::ir::ResponseBody::Json(inner)
            | generator::ir::ResponseBody::Text(inner) = &mut response.body
            {
                shape(inner);
            }
        }
    }
    format!("{model:?}")
}

/// The class of "a change the report does not see": fixtures mutated at random, and wherever
/// both versions read and their models differ in anything but what [`normalized`] clears, the
/// report must list at least one change. `FUZZ_ITERATIONS` runs it longer.
#[test]
fn every_change_to_a_model_is_reported() {
    let iterations: usize = std::env::var("FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let fixtures: Vec<String> = common::fixture_specs()
        .into_iter()
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect();
    let models: Vec<Model> = fixtures
        .iter()
        .map(|text| {
            lower(&Spec {
                name: "old.yaml",
                text,
            })
            .unwrap()
        })
        .collect();
    let mut random = Random(0x0A91_C4A4_6E55);
    let (mut compared, mut differing) = (0, 0);
    for round in 0..iterations {
        let index = round % fixtures.len();
        let text = mutate(&fixtures[index], &mut random);
        let Ok(new) = lower(&Spec {
            name: "new.yaml",
            text: &text,
        }) else {
            continue;
        };
        let old = &models[index];
        compared += 1;
        for (from, to) in [(old, &new), (&new, old)] {
            let report = compare(from, to);
            if normalized(from) != normalized(to) {
                differing += 1;
                assert!(
                    !report.is_empty(),
                    "mutation {round}: the models differ but the report is empty:\n{text}"
                );
            }
        }
    }
    assert!(
        compared > 50 && differing > 50,
        "{compared} compared, {differing} differing"
    );
}

#[test]
fn presence_changes_that_cancel_out_in_rust_break_no_code() {
    // `id` required and read-only is `Option<String>`, as is `id` optional and writable.
    let required_read_only = BASE.replace(
        "      required: [name, count]\n",
        "      required: [name, count, id]\n",
    );
    let writable = BASE.replace(
        "        id:\n          type: string\n          readOnly: true\n",
        "        id:\n          type: string\n",
    );
    assert_eq!(
        report(&required_read_only, &writable).text(),
        lines(
            "2 API changes: 1 breaks the wire, 1 compatible
            [breaks wire] Item::id: required -> optional
                at item.id: older clients require it in responses
            [compatible] Item::id: no longer read-only
                at item.id"
        )
    );
}
