//! A spec the generator cannot take gives every problem at once, each with its JSON Pointer and
//! line, and never a panic.

use generator::{generate, Diagnostic, Options, Spec};

fn problems(text: &str) -> Vec<Diagnostic> {
    let options = Options {
        crate_name: "broken".into(),
        dev_dependencies: None,
        runtime: generator::Runtime::at_path("../runtime"),
        selection: generator::Selection::everything(),
    };
    generate(
        &Spec {
            name: "broken.yaml",
            text,
        },
        &options,
    )
    .expect_err("the spec should be rejected")
    .items
}

/// Each problem as pointer, line and message.
fn found(text: &str) -> Vec<(String, Option<usize>, String)> {
    problems(text)
        .into_iter()
        .map(|d| (d.pointer, d.line, d.message))
        .collect()
}

const HEAD: &str =
    "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\ncomponents:\n  schemas:\n";

#[test]
fn bad_yaml_reports_its_line() {
    let found = problems("openapi: 3.0.3\ninfo:\n  title: [unclosed\n");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].pointer, "");
    assert!(found[0].line.is_some(), "{found:?}");
    assert!(
        found[0]
            .message
            .starts_with("not a valid OpenAPI 3.0 document: "),
        "{found:?}"
    );
}

#[test]
fn a_key_written_twice_is_refused_not_overwritten() {
    let yaml = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok}\n  /a:\n    post:\n      responses:\n        '200': {description: ok}\n";
    assert_eq!(
        found(yaml),
        vec![(
            String::new(),
            Some(6),
            "not a valid OpenAPI 3.0 document: paths: the key '/a' appears twice in one mapping at line 6 column 3".to_owned()
        )]
    );
    let json =
        r#"{"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {}, "paths": {}}"#;
    assert_eq!(
        found(json),
        vec![(
            String::new(),
            Some(1),
            "not a valid OpenAPI 3.0 document: the key 'paths' appears twice in one mapping"
                .to_owned()
        )]
    );
}

/// A large spec is read one entry at a time; what a piece alone cannot read right (a key two
/// pieces share, a number JSON cannot hold, a syntax error) is reported as the whole text reads
/// it, with the whole text's line and column.
#[test]
fn a_large_spec_read_in_pieces_reports_problems_with_the_lines_of_the_whole_text() {
    const PADS: usize = 1000;
    let padding: String = (0..PADS)
        .map(|n| format!("    pad{n}:\n      type: string\n"))
        .collect();
    let large = |paths: &str, last: &str| {
        format!("openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n{paths}components:\n  schemas:\n{padding}{last}")
    };
    let ok = "  /a:\n    get:\n      responses:\n        '200': {description: ok}\n";
    let twice = format!("{ok}{ok}");
    let line_after_padding = 5 + 4 + 2 + 2 * PADS + 1;
    let cases = [
        (
            large(&twice, ""),
            Some(6),
            "not a valid OpenAPI 3.0 document: paths: the key '/a' appears twice in one mapping at line 6 column 3".to_owned(),
        ),
        (
            large(ok, "    b:\n      type: number\n      minimum: .nan\n"),
            Some(line_after_padding + 2),
            format!("not a valid OpenAPI 3.0 document: components.schemas.b.minimum: NaN is not a number JSON can hold at line {} column 16", line_after_padding + 2),
        ),
        (
            large(ok, "    b:\n      type: [string\n    c: {}\n"),
            Some(line_after_padding + 2),
            format!("not a valid OpenAPI 3.0 document: did not find expected ',' or ']' at line {} column 6, while parsing a flow sequence at line {} column 13", line_after_padding + 2, line_after_padding + 1),
        ),
    ];
    for (text, line, message) in cases {
        assert!(text.len() > 16 * 1024, "large enough to be read in pieces");
        assert_eq!(found(&text), vec![(String::new(), line, message)]);
    }
}

#[test]
fn numbers_json_cannot_hold_are_refused_not_dropped() {
    for (number, shown) in [(".nan", "NaN"), (".inf", "inf"), ("-.inf", "-inf")] {
        let text = format!("{HEAD}    a:\n      type: number\n      minimum: {number}\n");
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].line, Some(10));
        assert_eq!(
            found[0].message,
            format!("not a valid OpenAPI 3.0 document: components.schemas.a.minimum: {shown} is not a number JSON can hold at line 10 column 16")
        );
    }
}

#[test]
fn openapi_3_1_is_refused_by_name() {
    let found = problems("openapi: 3.1.0\ninfo:\n  title: T\n  version: '1'\npaths: {}\n");
    assert_eq!(
        found,
        vec![Diagnostic {
            pointer: "/openapi".into(),
            line: Some(1),
            message: "OpenAPI version 3.1.0 is not supported; this generator reads 3.0.x".into(),
        }]
    );
}

#[test]
fn swagger_2_is_refused_by_name() {
    let found = problems("swagger: '2.0'\ninfo:\n  title: T\n  version: '1'\npaths: {}\n");
    assert_eq!(
        found,
        vec![Diagnostic {
            pointer: "/swagger".into(),
            line: Some(1),
            message: "this is a Swagger 2.0 document; this generator reads OpenAPI 3.0.x, to which tools such as swagger2openapi convert it".into(),
        }]
    );
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let text = format!(
        "{HEAD}    a:\n      type: object\n      required: [ghost]\n      additionalProperties: false\n      properties:\n        b:\n          $ref: '#/components/schemas/missing'\n        c:\n          oneOf:\n            - type: string\n            - type: integer\n          discriminator: {{propertyName: kind}}\n        d:\n          $ref: 'other.yaml#/x'\n        e:\n          type: string\n          pattern: '(['\n    f:\n      type: string\n      enum: [x, x, 3]\n"
    );
    let found: Vec<(String, Option<usize>, String)> = problems(&text)
        .into_iter()
        .map(|d| (d.pointer, d.line, d.message))
        .collect();
    let expected = [
        ("/components/schemas/a", Some(8), "'ghost' is listed in `required` but is not a property, and `additionalProperties: false` forbids any other"),
        ("/components/schemas/a/properties/b", Some(13), "$ref '#/components/schemas/missing' does not resolve: there is no schema 'missing' under #/components/schemas"),
        ("/components/schemas/a/properties/c/oneOf/0", Some(17), "with a discriminator, every alternative must be a $ref to an object schema"),
        ("/components/schemas/a/properties/c/oneOf/1", Some(18), "with a discriminator, every alternative must be a $ref to an object schema"),
        ("/components/schemas/a/properties/d", Some(20), "$ref 'other.yaml#/x' is not supported: only local references to #/components/schemas/... are"),
        ("/components/schemas/f/enum/2", None, "enum value 3 is not a string, but the schema is `type: string`; quote it in the spec as the text the API uses (YAML reads unquoted `1` as a number, and YAML 1.1 `16:9` as 969, `4_3` as 43, `no` as false)"),
    ];
    let pattern = found
        .iter()
        .find(|(pointer, _, _)| pointer == "/components/schemas/a/properties/e/pattern")
        .expect("the bad pattern is reported");
    assert_eq!(pattern.1, Some(24));
    assert!(
        pattern.2.starts_with("pattern does not compile: "),
        "{pattern:?}"
    );
    let rest: Vec<_> = found.iter().filter(|d| d != &pattern).cloned().collect();
    let expected: Vec<_> = expected
        .iter()
        .map(|(p, l, m)| (p.to_string(), *l, m.to_string()))
        .collect();
    assert_eq!(rest, expected);
}

#[test]
fn a_bad_pattern_used_twice_is_reported_at_both_places() {
    let text = format!(
        "{HEAD}    a:\n      type: string\n      pattern: '(['\n    b:\n      type: string\n      pattern: '(['\n"
    );
    let found: Vec<(String, Option<usize>, bool)> = problems(&text)
        .into_iter()
        .map(|d| {
            (
                d.pointer,
                d.line,
                d.message.starts_with("pattern does not compile: "),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("/components/schemas/a/pattern".to_owned(), Some(10), true),
            ("/components/schemas/b/pattern".to_owned(), Some(13), true),
        ]
    );
}

#[test]
fn an_allof_cycle_is_an_error_not_a_hang() {
    let text = format!(
        "{HEAD}    a:\n      allOf:\n        - $ref: '#/components/schemas/b'\n    b:\n      allOf:\n        - $ref: '#/components/schemas/a'\n"
    );
    let found = problems(&text);
    assert!(
        found.iter().all(|d| d
            .message
            .contains("contains itself with no object schema in the cycle")),
        "{found:?}"
    );
    assert_eq!(found.len(), 2, "{found:?}");
    let text = format!("{HEAD}    list:\n      type: array\n      items:\n        $ref: '#/components/schemas/list'\n");
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].pointer, "/components/schemas/list");
    assert_eq!(found[0].message, "'List' contains itself with no object schema in the cycle; recursive schemas are supported through objects");
}

#[test]
fn two_null_markers_are_an_ordinary_union_not_a_loop() {
    let text = format!(
        "{HEAD}    a:\n      type: object\n      properties:\n        b:\n          anyOf:\n            - type: object\n              nullable: true\n            - type: object\n              nullable: true\n"
    );
    let options = Options {
        crate_name: "markers".into(),
        dev_dependencies: None,
        runtime: generator::Runtime::at_path("../runtime"),
        selection: generator::Selection::everything(),
    };
    let files = generate(
        &Spec {
            name: "markers.yaml",
            text: &text,
        },
        &options,
    )
    .unwrap();
    assert!(
        files["src/models/a.rs"].contains("pub enum AB {"),
        "{}",
        files["src/models/a.rs"]
    );
}

#[test]
fn unresolved_component_references_in_operations_name_their_section() {
    let text = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    post:\n      parameters:\n        - $ref: '#/components/parameters/nope'\n      requestBody:\n        $ref: '#/components/requestBodies/nope'\n      responses:\n        '200':\n          $ref: '#/components/responses/nope'\n";
    let messages: Vec<String> = problems(text).into_iter().map(|d| d.message).collect();
    assert_eq!(
        messages,
        vec![
            "$ref '#/components/parameters/nope' does not resolve to a parameter under #/components/parameters",
            "$ref '#/components/requestBodies/nope' does not resolve to a request body under #/components/requestBodies",
            "$ref '#/components/responses/nope' does not resolve to a response under #/components/responses",
        ]
    );
}

#[test]
fn paths_the_router_could_not_tell_apart_are_refused() {
    let op = |id: &str| {
        format!("      operationId: {id}\n      responses:\n        '204':\n          description: ok\n")
    };
    let path = |template: &str, method: &str, id: &str| {
        let names: Vec<&str> = template
            .split('{')
            .skip(1)
            .map(|s| s.split('}').next().unwrap())
            .collect();
        let params = if names.is_empty() {
            String::new()
        } else {
            let each = names.iter().map(|name| format!("      - name: {name}\n        in: path\n        required: true\n        schema:\n          type: string\n"));
            format!("    parameters:\n{}", each.collect::<String>())
        };
        format!("  {template}:\n{params}    {method}:\n{}", op(id))
    };
    let text = format!(
        "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n{}{}{}{}{}{}{}",
        path("/a/{x}", "get", "a"),
        // Another name on another method: the two share the route.
        path("/a/{y}", "delete", "b"),
        // Another name on a method already there: nothing tells them apart.
        path("/a/{z}", "get", "h"),
        // Overloads on one route, told apart by the text after it: taken.
        path("/f(p='{p}')", "get", "c"),
        path("/f(p='{p}',q=1)", "get", "d"),
        path("/f(p='{p}',q={q})", "get", "e"),
        // The same template as the one before but for a name: nothing tells them apart.
        path("/f(p='{p}',q={r})", "get", "g"),
    );
    let found: Vec<(String, String)> = problems(&text)
        .into_iter()
        .map(|d| (d.pointer, d.message))
        .collect();
    assert_eq!(
        found,
        vec![
            ("/paths/~1a~1{z}".to_owned(), "GET on this path and on '/a/{x}' cannot be told apart: the paths differ only in parameter names".to_owned()),
            ("/paths/~1f(p='{p}',q={r})".to_owned(), "GET on this path and on '/f(p='{p}',q={q})' cannot be told apart: the paths differ only in parameter names".to_owned()),
        ]
    );
    let param = |name: &str| {
        format!("      - name: {name}\n        in: path\n        required: true\n        schema:\n          type: string\n")
    };
    let touching = format!(
        "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a/{{x}}{{y}}:\n    parameters:\n{}{}    get:\n{}",
        param("x"),
        param("y"),
        op("e")
    );
    let found = problems(&touching);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].pointer, "/paths/~1a~1{x}{y}");
    assert_eq!(found[0].message, "the segment '{x}{y}' has two parameters with no text between them, so nothing tells where one ends");
}

#[test]
fn bodies_the_generator_cannot_carry_are_refused_with_what_was_found() {
    let text = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    post:\n      requestBody:\n        content:\n          multipart/mixed:\n            schema:\n              type: object\n      responses:\n        '200':\n          description: ok\n          content:\n            multipart/mixed:\n              schema:\n                type: object\n";
    let found = found(text);
    assert_eq!(
        found,
        vec![
            ("/paths/~1a/post/requestBody/content".to_owned(), Some(9), "only JSON, form (`application/x-www-form-urlencoded`), `multipart/form-data`, `text/plain` and byte (any other media type but multipart) request bodies are supported, found: multipart/mixed".to_owned()),
            ("/paths/~1a/post/responses/200/content".to_owned(), Some(16), "only JSON, text/plain and byte (any other media type but multipart) response bodies are supported, found: multipart/mixed".to_owned()),
        ]
    );
}

#[test]
fn a_form_body_must_be_an_object_of_scalars() {
    let form = |schema: &str| {
        format!("openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/x-www-form-urlencoded:\n            schema:\n{schema}      responses:\n        '204':\n          description: ok\n")
    };
    let found = problems(&form("              type: string\n"));
    assert_eq!(
        (found[0].pointer.as_str(), found[0].message.as_str()),
        (
            "/paths/~1a/post/requestBody/content/application~1x-www-form-urlencoded/schema",
            "a form body must be an object with properties"
        )
    );
    let nested = "              type: object\n              properties:\n                ok:\n                  type: string\n                inner:\n                  type: object\n                  properties:\n                    x:\n                      type: string\n";
    let found: Vec<(String, String)> = problems(&form(nested))
        .into_iter()
        .map(|d| (d.pointer, d.message))
        .collect();
    assert_eq!(
        found,
        vec![(
            "/paths/~1a/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/inner".to_owned(),
            "a form field must be a string, number, boolean or enum, or an array of those".to_owned()
        )]
    );
}

#[test]
fn parameter_styles_the_generator_cannot_read_are_refused_not_misread() {
    // A `deepObject` holding an object has no spelling in OpenAPI 3.0.
    let text = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a/{id}:\n    get:\n      parameters:\n        - name: id\n          in: path\n          required: true\n          style: matrix\n          schema:\n            type: string\n        - name: filter\n          in: query\n          style: deepObject\n          schema:\n            type: object\n            properties:\n              inner:\n                type: object\n                properties:\n                  a:\n                    type: string\n      responses:\n        '204':\n          description: ok\n";
    let found = found(text);
    assert_eq!(
        found,
        vec![
            (
                "/paths/~1a~1{id}/get/parameters/0/style".to_owned(),
                Some(12),
                "path parameters of style `matrix` are not supported; `simple` is".to_owned()
            ),
            (
                "/paths/~1a~1{id}/get/parameters/1/schema".to_owned(),
                Some(18),
                "a `deepObject` parameter must be an object whose properties are strings, numbers, booleans or enums, or a free-form object of those".to_owned()
            ),
        ]
    );
}

#[test]
fn a_parameter_with_content_must_be_one_json_media_type() {
    let param = |name: &str, content: &str| {
        format!("        - name: {name}\n          in: query\n          content:\n{content}")
    };
    let text = format!(
        "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get:\n      parameters:\n{}{}{}      responses:\n        '204':\n          description: ok\n",
        param("xml", "            application/xml:\n              schema:\n                type: string\n"),
        param("two", "            application/json:\n              schema:\n                type: string\n            text/plain:\n              schema:\n                type: string\n"),
        param("bare", "            application/json: {}\n"),
    );
    let expected = "a parameter's `content` must be one JSON media type with a schema";
    assert_eq!(
        found(&text),
        vec![
            (
                "/paths/~1a/get/parameters/0/content".to_owned(),
                Some(11),
                expected.to_owned()
            ),
            (
                "/paths/~1a/get/parameters/1/content".to_owned(),
                Some(17),
                expected.to_owned()
            ),
            (
                "/paths/~1a/get/parameters/2/content".to_owned(),
                Some(26),
                expected.to_owned()
            ),
        ]
    );
}

#[test]
fn a_multipart_body_must_be_an_object_with_properties() {
    let body = |schema: &str| {
        format!("openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    post:\n      requestBody:\n        content:\n          multipart/form-data:\n{schema}      responses:\n        '204':\n          description: ok\n")
    };
    assert_eq!(
        found(&body("            schema:\n              type: string\n")),
        vec![(
            "/paths/~1a/post/requestBody/content/multipart~1form-data/schema".to_owned(),
            Some(11),
            "a multipart body must be an object with properties".to_owned()
        )]
    );
    assert_eq!(
        found(&body("            encoding: {}\n")),
        vec![(
            "/paths/~1a/post/requestBody/content/multipart~1form-data".to_owned(),
            Some(10),
            "the multipart body has no schema".to_owned()
        )]
    );
}

#[test]
fn an_object_parameter_must_be_in_the_query_and_hold_scalars() {
    let param = |place: &str, schema: &str| {
        format!("openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get:\n      parameters:\n        - name: p\n          in: {place}\n          schema:\n{schema}      responses:\n        '204':\n          description: ok\n")
    };
    let object = "            type: object\n            properties:\n              x:\n                type: string\n";
    let nested = "            type: object\n            properties:\n              x:\n                type: object\n                properties:\n                  y:\n                    type: string\n";
    let message = "a parameter must be a string, number, boolean or enum, a `oneOf` or `anyOf` of those (and of arrays of those), an array of those, or (in the query, style `form` or `deepObject`) an object of those";
    let one_or_many = "            oneOf:\n              - type: string\n              - type: array\n                items:\n                  type: string\n";
    let union = "            oneOf:\n              - type: string\n              - type: array\n                items:\n                  type: object\n                  properties:\n                    x:\n                      type: string\n";
    let map =
        "            type: object\n            additionalProperties:\n              type: string\n";
    let map_of_objects = "            type: object\n            additionalProperties:\n              type: object\n              properties:\n                x:\n                  type: string\n";
    for (place, schema) in [
        ("header", object),
        ("query", nested),
        ("query", union),
        ("header", map),
        ("query", map_of_objects),
    ] {
        assert_eq!(
            found(&param(place, schema)),
            vec![(
                "/paths/~1a/get/parameters/0/schema".to_owned(),
                Some(11),
                message.to_owned()
            )],
            "{place}"
        );
    }
    for (what, schema) in [
        ("an object of scalars", object),
        ("one value or a list", one_or_many),
    ] {
        let taken = generate(
            &Spec {
                name: "ok.yaml",
                text: &param("query", schema),
            },
            &Options {
                crate_name: "ok".into(),
                dev_dependencies: None,
                runtime: generator::Runtime::at_path("../runtime"),
                selection: generator::Selection::everything(),
            },
        );
        assert!(taken.is_ok(), "{what} in the query is taken");
    }
}

#[test]
fn a_shared_parameter_that_is_refused_is_reported_once() {
    let text = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get:\n      parameters:\n        - $ref: '#/components/parameters/p'\n      responses:\n        '204':\n          description: ok\n  /b:\n    get:\n      parameters:\n        - $ref: '#/components/parameters/p'\n      responses:\n        '204':\n          description: ok\ncomponents:\n  parameters:\n    p:\n      name: p\n      in: header\n      schema:\n        type: object\n        properties:\n          x:\n            type: string\n";
    assert_eq!(
        found(text),
        vec![(
            "/components/parameters/p/schema".to_owned(),
            Some(25),
            "a parameter must be a string, number, boolean or enum, a `oneOf` or `anyOf` of those (and of arrays of those), an array of those, or (in the query, style `form` or `deepObject`) an object of those".to_owned()
        )]
    );
}

#[test]
fn a_problem_in_a_schema_reached_by_an_inline_ref_is_shown_where_the_spec_writes_it() {
    let text = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  size:
                    type: integr
  /b:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/paths/~1a/get/responses/200/content/application~1json/schema'
";
    assert_eq!(
        found(text),
        vec![(
            "/paths/~1a/get/responses/200/content/application~1json/schema/properties/size/type"
                .into(),
            Some(17),
            "unknown type 'integr'".into()
        )]
    );
}

#[test]
fn a_member_of_the_wrong_shape_is_shown_with_its_pointer_and_line() {
    let text = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: name
                properties:
                  name:
                    type: string
";
    assert_eq!(
        found(text),
        vec![(
            "/paths/~1a/get/responses/200/content/application~1json/schema/required".into(),
            Some(15),
            "not a valid OpenAPI 3.0 document: invalid type: string \"name\", expected a sequence"
                .into()
        )]
    );
}

/// Found by the fuzz test: the value of Graph's nullable form that does not resolve used to be
/// lifted as a type naming itself, and following it overflowed the stack.
#[test]
fn a_nullable_reference_that_does_not_resolve_is_one_problem() {
    let text = "openapi: 3.0.3
info:
  title: T
  version: '1'
paths:
  /a/{x}:
    get:
      parameters:
        - name: x
          in: path
          required: true
          schema:
            anyOf: [{$ref: '#/components/schemas/a'}, {nullable: true}]
      responses:
        '204':
          description: ok
";
    assert_eq!(
        found(text),
        vec![(
            "/paths/~1a~1{x}/get/parameters/0/schema/anyOf/0".into(),
            None,
            "$ref '#/components/schemas/a' does not resolve: there is no schema 'a' under #/components/schemas".into()
        )]
    );
}

#[test]
fn a_schema_is_refused_the_same_way_wherever_it_is_written() {
    let text = format!(
        "{HEAD}    both:\n      oneOf: [{{type: string}}, {{type: integer}}]\n      anyOf: [{{type: string}}, {{type: object, nullable: true}}]\n    holder:\n      type: object\n      properties:\n        inline:\n          oneOf: [{{type: string}}, {{type: integer}}]\n          anyOf: [{{type: string}}, {{type: object, nullable: true}}]\n        excluding:\n          not: {{type: string}}\n        nothing:\n          not: {{}}\n"
    );
    let both = "a schema with both `oneOf` and `anyOf` is not supported: a value would have to match exactly one of the first list and at least one of the second; write it as one list, or as an `allOf` of two schemas";
    let not = "`not` is supported only as `not: {}`, a schema no value passes; a `not` that excludes some values cannot be a Rust type";
    assert_eq!(
        found(&text),
        [
            (
                "/components/schemas/both".to_owned(),
                Some(8),
                both.to_owned()
            ),
            (
                "/components/schemas/holder/properties/inline".to_owned(),
                Some(14),
                both.to_owned()
            ),
            (
                "/components/schemas/holder/properties/excluding".to_owned(),
                Some(17),
                not.to_owned()
            ),
        ]
    );
}
