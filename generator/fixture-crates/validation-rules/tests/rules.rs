//! Every rule kind the generator turns into validation, on the `validation-rules` fixture spec:
//! exact targets, codes and messages.

use fixture_validation_rules::{BaseKind, Keywords, Overrides, Palette, Person, Record, Rulebook, Shade, Ticket, Unset, Validate, ValidationError};
use serde_json::{json, Value};

type Found = Vec<(String, &'static str, String)>;

fn base() -> Value {
    json!({"kind": "a", "name": "abc", "tags": ["x"]})
}

/// Validates through both entry points, which must agree: `from_json_slice` (which may take the
/// fast path) and `from_json_value` (always the complete check).
fn check(body: Value) -> Found {
    let by_value = Rulebook::from_json_value(body.clone());
    let by_slice = Rulebook::from_json_slice(&serde_json::to_vec(&body).unwrap());
    assert_eq!(by_slice, by_value, "the two paths disagree on {body}");
    by_value.err().map_or_else(Vec::new, found)
}

/// An error's violations as (target, code, message), the form the assertions compare.
fn found(error: ValidationError) -> Found {
    error.violations.into_iter().map(|v| (v.target, v.code, v.message)).collect()
}

fn with(key: &str, value: Value) -> Found {
    let mut body = base();
    body[key] = value;
    check(body)
}

fn v(target: &str, code: &'static str, message: &str) -> (String, &'static str, String) {
    (target.to_owned(), code, message.to_owned())
}

#[test]
fn a_valid_body_converts_with_every_field() {
    let body = json!({
        "kind": "b", "name": "abcde", "code": "0f8fad5b-d9cb-469f-a165-70867728950e",
        "born": "2024-02-29", "seen": null, "level": 10, "step": 95, "ratio": 0.5,
        "price": 0.75, "size": 4, "tags": ["a", "bb"], "limits": {"x": 0}
    });
    assert_eq!(check(body.clone()), Found::new());
    let rulebook = Rulebook::from_json_value(body).unwrap();
    assert_eq!(rulebook.kind, BaseKind::B);
    assert_eq!(rulebook.step, Some(95));
    assert_eq!(rulebook.seen, Some(None));
    assert_eq!(rulebook.price, Some(0.75f32));
    assert_eq!(rulebook.flag, None);
    assert_eq!(rulebook.born.unwrap().to_string(), "2024-02-29");
}

#[test]
fn string_length_pattern_and_formats() {
    assert_eq!(with("name", json!("a")), vec![v("/name", "tooShort", "expected at least 2 characters, got 1")]);
    assert_eq!(with("name", json!("abcdef")), vec![v("/name", "tooLong", "expected at most 5 characters, got 6")]);
    assert_eq!(with("name", json!("ABC")), vec![v("/name", "patternMismatch", "expected a string matching ^[a-z]+$, got \"ABC\"")]);
    assert_eq!(
        with("name", json!("ABCDEFG")),
        vec![
            v("/name", "tooLong", "expected at most 5 characters, got 7"),
            v("/name", "patternMismatch", "expected a string matching ^[a-z]+$, got \"ABCDEFG\""),
        ]
    );
    assert_eq!(with("code", json!("0f8fad5b-d9cb-469f-a165")), vec![v("/code", "invalidFormat", "expected a UUID (8-4-4-4-12 hex digits), got \"0f8fad5b-d9cb-469f-a165\"")]);
    assert_eq!(with("born", json!("2026-02-30")), vec![v("/born", "invalidFormat", "expected a date such as 2026-11-28, got \"2026-02-30\"")]);
    assert_eq!(with("seen", json!("soon")), vec![v("/seen", "invalidFormat", "expected an RFC 3339 date-time with an offset, such as 2026-11-28T10:00:00Z, got \"soon\"")]);
    assert_eq!(with("seen", json!(null)), Found::new());
    assert_eq!(with("note", json!(null)), Found::new());
    assert_eq!(with("code", json!(null)), vec![v("/code", "invalidType", "expected a UUID string, got null")]);
}

#[test]
fn integer_bounds_exclusive_bounds_and_multiple_of() {
    assert_eq!(with("level", json!(0)), vec![v("/level", "outOfRange", "expected a number at least 1, got 0")]);
    assert_eq!(with("level", json!(11)), vec![v("/level", "outOfRange", "expected a number at most 10, got 11")]);
    assert_eq!(with("level", json!(10)), Found::new());
    assert_eq!(with("step", json!(0)), vec![v("/step", "outOfRange", "expected a number greater than 0, got 0")]);
    assert_eq!(with("step", json!(100)), vec![v("/step", "outOfRange", "expected a number less than 100, got 100")]);
    assert_eq!(with("step", json!(7)), vec![v("/step", "notMultipleOf", "expected a multiple of 5, got 7")]);
    assert_eq!(with("step", json!(5)), Found::new());
    assert_eq!(with("step", json!(2.5)), vec![v("/step", "invalidType", "expected an int64 number, got the number 2.5")]);
    assert_eq!(
        with("step", json!(9223372036854775808u64)),
        vec![v("/step", "outOfRange", "expected an int64 number (-9223372036854775808 to 9223372036854775807), got 9223372036854775808, which is out of range")]
    );
    assert_eq!(with("size", json!(3)), vec![v("/size", "invalidEnumValue", "expected one of 1, 2, 4, got the number 3")]);
    assert_eq!(with("size", json!(2)), Found::new());
    assert_eq!(with("scale", json!(1)), Found::new());
    assert_eq!(with("scale", json!(2.0)), Found::new());
    assert_eq!(with("scale", json!(1.5)), vec![v("/scale", "invalidEnumValue", "expected one of 0.5, 1.0, 2.0, got the number 1.5")]);
}

#[test]
fn scalar_all_of_parts_all_hold() {
    // `ns.handle` gives at most 8 characters; the inline part a pattern and at least 2.
    assert_eq!(with("handle", json!("@ab")), Found::new());
    assert_eq!(with("handle", json!("ab")), vec![v("/handle", "patternMismatch", "expected a string matching ^@, got \"ab\"")]);
    assert_eq!(with("handle", json!("@")), vec![v("/handle", "tooShort", "expected at least 2 characters, got 1")]);
    assert_eq!(with("handle", json!("@abcdefgh")), vec![v("/handle", "tooLong", "expected at most 8 characters, got 9")]);
    // An integer part up to 200 and a number part under 100: an integer under 100.
    assert_eq!(with("percent", json!(99)), Found::new());
    assert_eq!(with("percent", json!(100)), vec![v("/percent", "outOfRange", "expected a number less than 100, got 100")]);
    assert_eq!(with("percent", json!(-1)), vec![v("/percent", "outOfRange", "expected a number at least 0, got -1")]);
    assert_eq!(with("percent", json!(1.5)), vec![v("/percent", "invalidType", "expected an int64 number, got the number 1.5")]);
}

#[test]
fn sets_of_required_properties_hold_at_least_or_exactly_once() {
    use fixture_validation_rules::{Gate, Wall};
    let found = |result: Result<(), fixture_validation_rules::ValidationError>| -> Found {
        result.err().map_or_else(Vec::new, found)
    };
    let wall = |body: Value| found(Wall::from_json_value(body).map(drop));
    assert_eq!(wall(json!({"inbound": "a"})), Found::new());
    assert_eq!(wall(json!({"inbound": "a", "outbound": "b"})), Found::new());
    assert_eq!(
        wall(json!({"name": "w"})),
        vec![v("", "missingProperty", "expected every property of [inbound] or [outbound], but none of these sets is complete")]
    );
    let gate = |body: Value| {
        let by_slice = Gate::from_json_slice(&serde_json::to_vec(&body).unwrap());
        assert_eq!(by_slice, Gate::from_json_value(body.clone()), "both paths agree on {body}");
        found(by_slice.map(drop))
    };
    assert_eq!(gate(json!({"inbound": "a", "code": "1"})), Found::new());
    assert_eq!(gate(json!({"outbound": "b", "card": "c", "pin": "0"})), Found::new());
    assert_eq!(
        gate(json!({"inbound": "a", "card": "c"})),
        vec![v("", "missingProperty", "expected every property of [code] or [card, pin], but none of these sets is complete")]
    );
    assert_eq!(
        gate(json!({"code": "1", "card": "c", "pin": "0"})),
        vec![
            v("", "missingProperty", "expected every property of [inbound] or [outbound], but none of these sets is complete"),
            v("", "severalAlternativesMatch", "expected every property of exactly one of [code] or [card, pin], but [code] and [card, pin] are complete"),
        ]
    );
}

#[test]
fn small_integer_formats_have_their_rust_type_and_range() {
    assert_eq!(with("octet", json!(255)), Found::new());
    assert_eq!(with("octet", json!(256)), vec![v("/octet", "outOfRange", "expected a uint8 number (0 to 255), got 256, which is out of range")]);
    assert_eq!(with("octet", json!(-1)), vec![v("/octet", "outOfRange", "expected a uint8 number (0 to 255), got -1, which is out of range")]);
    assert_eq!(with("octet", json!(1.5)), vec![v("/octet", "invalidType", "expected a uint8 number, got the number 1.5")]);
    assert_eq!(with("shift", json!(-5)), Found::new());
    assert_eq!(with("shift", json!(-6)), vec![v("/shift", "outOfRange", "expected a number at least -5, got -6")]);
    assert_eq!(with("shift", json!(32768)), vec![v("/shift", "outOfRange", "expected an int16 number (-32768 to 32767), got 32768, which is out of range")]);
    let mut body = base();
    body["octet"] = json!(255);
    body["shift"] = json!(-5);
    let rulebook = Rulebook::from_json_value(body).unwrap();
    assert_eq!((rulebook.octet, rulebook.shift), (Some(255u8), Some(-5i16)));
    // Whole numbers on the wire, never `255.0`.
    let wire = serde_json::to_value(&rulebook).unwrap();
    assert_eq!((wire["octet"].to_string(), wire["shift"].to_string()), ("255".into(), "-5".into()));
}

#[test]
fn number_bounds_and_multiple_of() {
    assert_eq!(with("ratio", json!(1)), vec![v("/ratio", "outOfRange", "expected a number less than 1, got 1")]);
    assert_eq!(with("ratio", json!(-0.5)), vec![v("/ratio", "outOfRange", "expected a number at least 0, got -0.5")]);
    assert_eq!(with("ratio", json!(0)), Found::new());
    assert_eq!(with("price", json!(0.3)), vec![v("/price", "notMultipleOf", "expected a multiple of 0.25, got 0.3")]);
    assert_eq!(with("price", json!("1")), vec![v("/price", "invalidType", "expected a number, got the string \"1\"")]);
    assert_eq!(with("flag", json!("yes")), vec![v("/flag", "invalidType", "expected a boolean, got the string \"yes\"")]);
}

#[test]
fn arrays_count_uniqueness_and_items() {
    assert_eq!(with("tags", json!([])), vec![v("/tags", "tooFewItems", "expected at least 1 item, got 0")]);
    assert_eq!(with("tags", json!(["a", "b", "c", "d"])), vec![v("/tags", "tooManyItems", "expected at most 3 items, got 4")]);
    assert_eq!(with("tags", json!(["a", "b", "a"])), vec![v("/tags", "duplicateItems", "expected unique items, but items 0 and 2 are equal")]);
    assert_eq!(
        with("tags", json!(["abcde", 5])),
        vec![
            v("/tags/0", "tooLong", "expected at most 4 characters, got 5"),
            v("/tags/1", "invalidType", "expected a string, got the number 5"),
        ]
    );
    assert_eq!(with("tags", json!("a")), vec![v("/tags", "invalidType", "expected an array, got the string \"a\"")]);
}

#[test]
fn maps_are_checked_value_by_value_with_escaped_pointers() {
    assert_eq!(
        with("limits", json!({"ok": 1, "a/b~c": -1, "s": "x"})),
        vec![
            v("/limits/a~1b~0c", "outOfRange", "expected a number at least 0, got -1"),
            v("/limits/s", "invalidType", "expected an int64 number, got the string \"x\""),
        ]
    );
    assert_eq!(with("limits", json!([1])), vec![v("/limits", "invalidType", "expected an object, got an array")]);
}

/// JSON text that repeats a member name: a `serde_json::Value` cannot hold it, so this is
/// only seen through `from_json_slice`.
#[test]
fn a_member_repeated_at_any_depth_is_refused_where_it_is() {
    let found = |text: &str| match Rulebook::from_json_slice(text.as_bytes()) {
        Ok(_) => Vec::new(),
        Err(error) => found(error),
    };
    let twice = |name: &str| format!("the property '{name}' is sent more than once; it takes one value");
    assert_eq!(
        found(r#"{"kind": "a", "name": "abc", "tags": ["x"], "name": "xyz", "name": "ABC",
            "owner": {"email": "a@b", "nickname": null, "email": "b@c"},
            "people": [{"email": "a@b", "nickname": "a"}, {"email": "a@b", "a/b": 1, "a/b": 2, "nickname": "b"}]}"#),
        vec![
            v("/name", "duplicateProperty", &twice("name")),
            v("/owner/email", "duplicateProperty", &twice("email")),
            v("/people/1/a~1b", "duplicateProperty", &twice("a/b")),
            v("/name", "patternMismatch", "expected a string matching ^[a-z]+$, got \"ABC\""),
            v("/people/1/a~1b", "invalidType", "expected a string, got the number 2"),
        ]
    );
    let once = r#"{"kind": "a", "name": "abc", "tags": ["x"], "owner": {"email": "a@b", "nickname": null}}"#;
    assert_eq!(found(once), Vec::new());
}

#[test]
fn nested_objects_arrays_of_refs_and_aliases() {
    assert_eq!(
        with("owner", json!({})),
        vec![
            v("/owner/email", "missingProperty", "the required property 'email' is missing"),
            v("/owner/nickname", "missingProperty", "the required property 'nickname' is missing"),
        ]
    );
    assert_eq!(
        with("owner", json!({"email": "nobody", "nickname": null, "team": "blue", "floor": 3, "address": {"zip": "1234"}})),
        vec![
            v("/owner/email", "patternMismatch", "expected a string matching @, got \"nobody\""),
            v("/owner/floor", "invalidType", "expected a string, got the number 3"),
            v("/owner/address/zip", "patternMismatch", "expected a string matching ^[0-9]{5}$, got \"1234\""),
        ]
    );
    assert_eq!(
        with("people", json!([{"email": "a@b", "nickname": "a"}, {"email": 5, "nickname": null}])),
        vec![v("/people/1/email", "invalidType", "expected a string, got the number 5")]
    );
    assert_eq!(
        with("formerOwners", json!([null, {"email": "a@b", "nickname": null}, {"email": "ab", "nickname": null}])),
        vec![v("/formerOwners/2/email", "patternMismatch", "expected a string matching @, got \"ab\"")]
    );
    assert_eq!(
        with("deskOwners", json!({"d1": null, "d2": {"email": 1, "nickname": null}})),
        vec![v("/deskOwners/d2/email", "invalidType", "expected a string, got the number 1")]
    );
    assert_eq!(
        with("codes", json!(["ABC", "abc", "XYZ"])),
        vec![
            v("/codes", "tooManyItems", "expected at most 2 items, got 3"),
            v("/codes/1", "patternMismatch", "expected a string matching ^[A-Z]{3}$, got \"abc\""),
        ]
    );
    let person = Person::from_json_value(json!({"email": "a@b", "nickname": null, "team": "blue"})).unwrap();
    assert_eq!(person.additional_properties.get("team").map(String::as_str), Some("blue"));
}

#[test]
fn required_inherited_enum_read_only_unknown_and_property_count() {
    let mut body = base();
    body.as_object_mut().unwrap().remove("kind");
    body["created"] = json!("2026-11-28T10:00:00Z");
    body["secret"] = json!("write-only is fine in a request");
    body["colour"] = json!("red");
    assert_eq!(
        check(body),
        vec![
            v("/created", "readOnlyProperty", "the property 'created' is read-only and is set by the service; leave it out of requests"),
            v("/colour", "unknownProperty", "the property 'colour' does not exist on type 'ns.rulebook'"),
            v("/kind", "missingProperty", "the required property 'kind' is missing"),
        ]
    );
    assert_eq!(with("kind", json!("A")), vec![v("/kind", "invalidEnumValue", "expected one of a, b, got the string \"A\"")]);
    let mut crowded = base();
    for key in ["code", "born", "seen", "level", "step", "ratio", "price", "flag", "size", "note"] {
        crowded[key] = json!(null);
    }
    let found = check(crowded);
    assert_eq!(found[0], v("", "tooManyProperties", "expected at most 12 properties, got 13"));
    // Every member valid: the count alone is wrong, on both paths (`check` compares them).
    let mut crowded = base();
    for (key, value) in [("kind", json!("b")), ("code", json!("0f8fad5b-d9cb-469f-a165-70867728950e")), ("born", json!("2024-02-29")), ("level", json!(10)), ("step", json!(95)), ("ratio", json!(0.5)), ("price", json!(0.75)), ("size", json!(4)), ("flag", json!(true)), ("scale", json!(1)), ("handle", json!("@ab"))] {
        crowded[key] = value;
    }
    assert_eq!(check(crowded), vec![v("", "tooManyProperties", "expected at most 12 properties, got 13")]);
}

#[test]
fn fast_and_complete_paths_agree_on_every_probe() {
    let probes = [
        json!(null), json!(true), json!(0), json!(1), json!(4), json!(-1), json!(0.25), json!(1.5),
        json!(100), json!(2147483648i64), json!(""), json!("ab"), json!("abcdef"), json!("AB"),
        json!("a@b"), json!("2024-02-29"), json!("2026-11-28T10:00:00Z"),
        json!("0f8fad5b-d9cb-469f-a165-70867728950e"), json!(["x"]), json!(["x", "x"]),
        json!(["ABC"]), json!([]), json!({}), json!({"x": 1}), json!({"x": -1}),
        json!({"email": "a@b", "nickname": null}), json!({"email": "a@b", "nickname": null, "n": 1}),
        json!([{"email": "a@b", "nickname": "n", "address": {"zip": "12345"}}]),
        json!([{"email": "a@b", "nickname": "n", "address": {"zip": "1"}}]),
    ];
    let keys = ["kind", "name", "code", "born", "seen", "level", "step", "ratio", "price", "flag",
        "octet", "shift", "size", "tags", "limits", "owner", "people", "formerOwners", "deskOwners", "codes", "note", "secret", "created", "x"];
    let mut accepted = 0;
    for key in keys {
        for value in &probes {
            // `check` asserts that both paths give the same answer.
            accepted += usize::from(with(key, value.clone()).is_empty());
        }
    }
    // Valid variations, key by key: name 1, code 1, born 1, seen 2, level 2, ratio 2, price 8
    // (the multiples of 0.25), flag 1, octet 4 (0, 1, 4, 100), shift 5 (those and -1), size 2,
    // tags 2, limits 2, owner 1, people 2, formerOwners 2, deskOwners 1, codes 2, note 9 (null
    // and the 8 strings), secret 8; kind, step, created and x none.
    assert_eq!(accepted, 58);
}

#[test]
fn recursive_schemas_validate_and_decode_at_any_depth() {
    use fixture_validation_rules::Tree;
    let body = json!({
        "name": "root",
        "parent": null,
        "children": [
            {"name": "a", "parent": {"name": "root"}},
            {"name": "b", "children": [{"name": "", "parent": {"name": 7}, "extra": 1}]}
        ]
    });
    let error = Tree::from_json_value(body.clone()).unwrap_err();
    let found = found(error);
    assert_eq!(
        found,
        vec![
            v("/children/1/children/0/name", "tooShort", "expected at least 1 character, got 0"),
            v("/children/1/children/0/parent/name", "invalidType", "expected a string, got the number 7"),
            v("/children/1/children/0/extra", "unknownProperty", "the property 'extra' does not exist on type 'ns.tree'"),
        ]
    );
    let bytes = serde_json::to_vec(&body).unwrap();
    assert_eq!(Tree::from_json_slice(&bytes).unwrap_err(), Tree::from_json_value(body).unwrap_err());

    let valid = json!({"name": "root", "children": [{"name": "a", "parent": {"name": "root", "parent": null}}]});
    let tree = Tree::from_json_slice(&serde_json::to_vec(&valid).unwrap()).unwrap();
    let child = &tree.children.as_ref().unwrap()[0];
    let parent = child.parent.as_ref().unwrap().as_ref().unwrap();
    assert_eq!(parent.name, "root");
    assert_eq!(parent.parent, Some(None));
    assert_eq!(serde_json::to_value(&tree).unwrap(), valid);
}

#[test]
fn an_ecma_pattern_with_a_literal_brace_is_enforced() {
    use fixture_validation_rules::Device;
    let check = |guid: &str| {
        let body = json!({ "guid": guid });
        let by_value = Device::from_json_value(body.clone());
        assert_eq!(by_value, Device::from_json_slice(&serde_json::to_vec(&body).unwrap()), "the two paths disagree on {body}");
        by_value.map(|device| device.guid).map_err(found)
    };
    assert_eq!(check("{0123abcd}"), Ok("{0123abcd}".to_owned()));
    assert_eq!(
        check("0123abcd"),
        Err(vec![v("/guid", "patternMismatch", "expected a string matching ^{[0-9a-f]{8}}$, got \"0123abcd\"")])
    );
}

#[test]
fn lookaround_patterns_and_ecma_classes_are_enforced_as_ecma_reads_them() {
    use fixture_validation_rules::Device;
    let check = |body: Value| {
        let by_value = Device::from_json_value(body.clone());
        assert_eq!(by_value, Device::from_json_slice(&serde_json::to_vec(&body).unwrap()), "the two paths disagree on {body}");
        by_value.map(|_| ()).map_err(found)
    };
    let device = |role: &str, serial: &str| json!({ "guid": "{0123abcd}", "role": role, "serial": serial });
    assert_eq!(check(device("role/admin", "0042")), Ok(()));
    assert_eq!(
        check(device("aws:root", "\u{0661}234")),
        Err(vec![
            v("/role", "patternMismatch", "expected a string matching ^(?!aws:)[\\w:/-]{1,64}$, got \"aws:root\""),
            v("/serial", "patternMismatch", "expected a string matching ^\\d{4}$, got \"\u{661}234\""),
        ])
    );
    assert_eq!(
        check(device("r\u{e9}le", "12345")),
        Err(vec![
            v("/role", "patternMismatch", "expected a string matching ^(?!aws:)[\\w:/-]{1,64}$, got \"r\u{e9}le\""),
            v("/serial", "patternMismatch", "expected a string matching ^\\d{4}$, got \"12345\""),
        ])
    );
}

#[test]
fn java_posix_classes_and_a_bracket_inside_a_class_are_read_as_their_authors_mean() {
    use fixture_validation_rules::Device;
    let check = |label: &str, code: &str| {
        let body = json!({ "guid": "{0123abcd}", "label": label, "code": code });
        let by_value = Device::from_json_value(body.clone());
        assert_eq!(by_value, Device::from_json_slice(&serde_json::to_vec(&body).unwrap()), "the two paths disagree on {body}");
        by_value.map(|_| ()).map_err(found)
    };
    assert_eq!(check("a b~!", "[A"), Ok(()));
    assert_eq!(check("x", "QZ"), Ok(()));
    assert_eq!(
        check("caf\u{e9}", "[[A"),
        Err(vec![
            v("/label", "patternMismatch", "expected a string matching ^\\p{Print}{1,16}$, got \"caf\u{e9}\""),
            v("/code", "patternMismatch", "expected a string matching ^[[A-Z]{2}$, got \"[[A\""),
        ])
    );
    assert_eq!(
        check("tab\there", "a1"),
        Err(vec![
            v("/label", "patternMismatch", "expected a string matching ^\\p{Print}{1,16}$, got \"tab\\there\""),
            v("/code", "patternMismatch", "expected a string matching ^[[A-Z]{2}$, got \"a1\""),
        ])
    );
}

#[test]
fn a_required_name_no_property_describes_must_be_present_with_any_value() {
    let ticket = Ticket::from_json_slice(br#"{"id": "t", "payload": [1, {"x": null}]}"#).unwrap();
    assert_eq!(ticket.payload, json!([1, {"x": null}]));
    assert_eq!(Ticket::from_json_slice(br#"{"id": "t", "payload": null}"#).unwrap().payload, Value::Null);
    let missing = Ticket::from_json_value(json!({"id": "t"})).unwrap_err();
    let found = found(missing);
    assert_eq!(found, vec![v("/payload", "missingProperty", "the required property 'payload' is missing")]);
    assert_eq!(Ticket::from_json_slice(br#"{"id": "t"}"#), Ticket::from_json_value(json!({"id": "t"})), "both paths agree");
}

#[test]
fn a_reference_to_a_nullable_component_takes_null_and_its_rules() {
    let labelled = |label: Value| json!({"id": "t", "payload": 1, "label": label});
    let cleared = Ticket::from_json_value(labelled(json!(null))).unwrap();
    assert_eq!(cleared.label, Some(None), "null is taken, apart from absent");
    assert_eq!(serde_json::to_value(&cleared).unwrap()["label"], Value::Null, "and sent back as null");
    let absent = Ticket::from_json_value(json!({"id": "t", "payload": 1})).unwrap();
    assert_eq!(absent.label, None);
    assert_eq!(serde_json::to_value(&absent).unwrap().get("label"), None, "absent stays absent");
    assert_eq!(Ticket::from_json_value(labelled(json!("abc"))).map(|t| t.label), Ok(Some(Some("abc".to_owned()))));
    let too_long = Ticket::from_json_slice(labelled(json!("abcd")).to_string().as_bytes()).unwrap_err();
    let found = found(too_long);
    assert_eq!(found, vec![v("/label", "tooLong", "expected at most 3 characters, got 4")]);
}

#[test]
fn references_to_a_nullable_enum_admit_null_on_both_paths() {
    let parse = |body: Value| {
        let by_slice = Palette::from_json_slice(body.to_string().as_bytes());
        assert_eq!(by_slice, Palette::from_json_value(body.clone()), "the two paths disagree on {body}");
        by_slice
    };
    let palette = parse(json!({"main": null, "accent": null})).unwrap();
    assert_eq!((palette.main, palette.accent), (None, Some(None)));
    let palette = parse(json!({"main": "dark"})).unwrap();
    assert_eq!((palette.main, palette.accent), (Some(Shade::Dark), None));
    assert_eq!(serde_json::to_value(parse(json!({"main": null, "accent": "light"})).unwrap()).unwrap(), json!({"main": null, "accent": "light"}));
    let found = found(parse(json!({"main": "pink"})).unwrap_err());
    assert_eq!(found, vec![v("/main", "invalidEnumValue", "expected one of light, dark, got the string \"pink\"")]);
}

/// Each body is valid but for one repeated name, in a map, among kept additional properties,
/// among the declared properties of a struct that keeps others, and inside a free-form value:
/// the places where serde alone would keep the last value.
#[test]
fn a_member_repeated_where_serde_would_keep_the_last_is_refused() {
    let twice = |name: &str| format!("the property '{name}' is sent more than once; it takes one value");
    let rulebook = |text: &str| Rulebook::from_json_slice(text.as_bytes()).map_err(|error| error.violations);
    let only = |target: &str, name: &str| {
        Err(vec![fixture_validation_rules::Violation { code: "duplicateProperty", target: target.into(), message: twice(name) }])
    };
    let head = r#""kind": "a", "name": "abc", "tags": ["x"]"#;
    assert_eq!(rulebook(&format!(r#"{{{head}, "limits": {{"a": 1, "a": 2}}}}"#)).map(|_| ()), only("/limits/a", "a"));
    let owner = |members: &str| format!(r#"{{{head}, "owner": {{{members}}}}}"#);
    assert_eq!(rulebook(&owner(r#""email": "a@b", "nickname": null, "extra": "1", "extra": "2""#)).map(|_| ()), only("/owner/extra", "extra"));
    assert_eq!(rulebook(&owner(r#""email": "a@b", "nickname": null, "email": "b@c""#)).map(|_| ()), only("/owner/email", "email"));
    assert!(rulebook(&owner(r#""email": "a@b", "nickname": null, "extra": "1""#)).is_ok());
    let ticket = Ticket::from_json_slice(br#"{"id": "t", "payload": [{"x": 1, "x": 2}]}"#).map(|_| ()).map_err(|error| error.violations);
    assert_eq!(ticket, only("/payload/0/x", "x"));
}

/// `additionalProperties: {nullable: true}` and `items: {nullable: true}`: values that may be
/// anything, `null` included, kept as sent by both paths.
#[test]
fn map_values_and_items_that_may_be_anything_keep_null() {
    let body = json!({"overrides": {"a": null, "b": 1, "c": {"x": [true]}}, "samples": [null, "x", {"y": null}]});
    let by_slice = Overrides::from_json_slice(body.to_string().as_bytes()).unwrap();
    assert_eq!(Ok(by_slice.clone()), Overrides::from_json_value(body.clone()));
    let overrides = by_slice.overrides.clone().unwrap().unwrap();
    assert_eq!(overrides["a"], Value::Null);
    assert_eq!(by_slice.samples.as_deref(), Some(&[Value::Null, json!("x"), json!({"y": null})][..]));
    assert_eq!(serde_json::to_value(&by_slice).unwrap(), body);
    let cleared = Overrides::from_json_slice(br#"{"overrides": null}"#).unwrap();
    assert_eq!(cleared.overrides, Some(None));
    let found = found(Overrides::from_json_slice(br#"{"overrides": [1], "samples": {}}"#).unwrap_err());
    assert_eq!(
        found,
        vec![
            v("/overrides", "invalidType", "expected an object, got an array"),
            v("/samples", "invalidType", "expected an array, got an object"),
        ]
    );
}

/// An enum that lists only `null` takes `null` and refuses every string, on both paths.
#[test]
fn an_enum_of_only_null_takes_null_alone() {
    let unset = Unset::from_json_slice(br#"{"country": null}"#).unwrap();
    assert_eq!(unset.country, None);
    assert_eq!(serde_json::to_value(&unset).unwrap(), json!({"country": null}));
    let body = json!({"country": "UK"});
    let expected = vec![v("/country", "invalidEnumValue", "the spec's enum lists no value but null, got the string \"UK\"")];
    for answer in [Unset::from_json_slice(body.to_string().as_bytes()), Unset::from_json_value(body.clone())] {
        assert_eq!(found(answer.unwrap_err()), expected);
    }
}

/// A required property that refers to a read-only component is read-only too: a request
/// leaves it out, and one that sends it is refused, on both paths.
#[test]
fn a_reference_to_a_read_only_component_is_read_only() {
    let record = Record::from_json_slice(br#"{"name": "a"}"#).unwrap();
    assert_eq!((record.stamp, record.name.as_str()), (None, "a"));
    let body = json!({"name": "a", "stamp": "2026"});
    let expected = vec![v("/stamp", "readOnlyProperty", "the property 'stamp' is read-only and is set by the service; leave it out of requests")];
    for answer in [Record::from_json_slice(body.to_string().as_bytes()), Record::from_json_value(body.clone())] {
        assert_eq!(found(answer.unwrap_err()), expected);
    }
}

/// A field named with a raw identifier (`r#type`) is read and written under its wire name
/// without a rename; one renamed around a keyword (`self_`) under its wire name too.
#[test]
fn keyword_properties_keep_their_wire_names_both_ways() {
    let body = json!({"type": "a", "self": 2});
    let read = Keywords::from_json_slice(body.to_string().as_bytes()).unwrap();
    assert_eq!(Ok(read.clone()), Keywords::from_json_value(body.clone()), "both paths agree");
    assert_eq!(read, Keywords { r#type: "a".into(), self_: Some(2) });
    assert_eq!(serde_json::to_value(&read).unwrap(), body);
    let refused = json!({"type": "", "r#type": "b"});
    let by_slice = Keywords::from_json_slice(refused.to_string().as_bytes());
    assert_eq!(by_slice, Keywords::from_json_value(refused), "both paths agree");
    let found = found(by_slice.unwrap_err());
    assert_eq!(found, vec![
        v("/type", "tooShort", "expected at least 1 character, got 0"),
        v("/r#type", "unknownProperty", "the property 'r#type' does not exist on type 'ns.keywords'"),
    ]);
}
