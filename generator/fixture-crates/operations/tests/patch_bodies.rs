//! The PATCH type the generator derives when a PATCH body refers to a schema with required
//! properties (`note` -> `NotePatch`): nothing required, every other rule as strict as the
//! schema's, with the schema's name in messages. A polymorphic base (`target`) becomes a union
//! of its subtypes' patch types (`TargetPatch`), still picked by `@odata.type`. A schema sent
//! whole and as a PATCH (`draft`) is read on the fast path through its PATCH form's mirror, so
//! both forms must still read every kind of member exactly as the complete check does.

use fixture_operations::operations::parse_update_target_body;
use fixture_operations::{Comment, Review, Draft, DraftPatch, Sketch, SketchPatch, GroupTarget, GroupTargetPatch, Note, NotePatch, Target, TargetPatch, Validate};

use serde_json::json;
use std::collections::BTreeMap;

mod common;

use common::{v, violations};

#[test]
fn the_patch_type_requires_nothing_and_keeps_what_it_is_given() {
    assert_eq!(NotePatch::from_json_slice(b"{}").unwrap(), NotePatch::default());
    let patch = NotePatch::from_json_slice(br#"{"pinned": true}"#).unwrap();
    assert_eq!((patch.text, patch.pinned), (None, Some(true)));
}

#[test]
fn the_schema_itself_still_requires_its_properties() {
    assert_eq!(
        violations(Note::from_json_slice(b"{}")),
        [v("/text", "missingProperty", "the required property 'text' is missing")]
    );
}

#[test]
fn the_patch_type_checks_every_member_as_the_schema_does() {
    let body = br#"{"id": "n1", "text": "", "pinned": "yes", "colour": "red"}"#;
    let expected = [
        v("/id", "readOnlyProperty", "the property 'id' is read-only and is set by the service; leave it out of requests"),
        v("/text", "tooShort", "expected at least 1 character, got 0"),
        v("/pinned", "invalidType", "expected a boolean, got the string \"yes\""),
        v("/colour", "unknownProperty", "the property 'colour' does not exist on type 'note'"),
    ];
    assert_eq!(violations(NotePatch::from_json_slice(body)), expected);
    let mut with_text = violations(Note::from_json_slice(body));
    with_text.sort();
    let mut expected = expected.to_vec();
    expected.sort();
    assert_eq!(with_text, expected, "the full schema reports the same members the same way");
}

#[test]
fn a_polymorphic_patch_requires_only_the_discriminator() {
    let patch = parse_update_target_body(br##"{"@odata.type": "#ns.groupTarget", "note": null}"##).unwrap();
    let expected = GroupTargetPatch { odata_type: Some("#ns.groupTarget".into()), group_id: None, note: Some(None) };
    assert_eq!(patch, TargetPatch::GroupTarget(expected));
    assert_eq!(
        violations(Target::from_json_slice(br##"{"@odata.type": "#ns.groupTarget"}"##)),
        [v("/groupId", "missingProperty", "the required property 'groupId' is missing")],
        "the schema itself still requires groupId"
    );
    // The subtype expects the value the mapping selects it by, not one made from its name.
    assert_eq!(GroupTarget::ODATA_TYPE, "#ns.groupTarget");
    assert_eq!(Target::from_json_slice(br##"{"@odata.type": "#ns.groupTarget", "groupId": "g"}"##).map(|_| ()), Ok(()));
}

#[test]
fn a_polymorphic_patch_checks_members_against_the_subtype_it_names() {
    assert_eq!(
        violations(parse_update_target_body(br##"{"@odata.type": "#ns.groupTarget", "groupId": "", "scope": "all"}"##)),
        [
            v("/groupId", "tooShort", "expected at least 1 character, got 0"),
            v("/scope", "unknownProperty", "the property 'scope' does not exist on type 'groupTarget'"),
        ]
    );
    assert_eq!(
        violations(parse_update_target_body(br#"{"groupId": "g"}"#)),
        [v("/@odata.type", "missingProperty", "the required property '@odata.type' is missing")]
    );
    assert_eq!(
        violations(parse_update_target_body(br##"{"@odata.type": "#ns.target"}"##)),
        [v("/@odata.type", "invalidDiscriminator", "expected one of #ns.groupTarget, #ns.allTarget, got the string \"#ns.target\"")]
    );
}

/// Reads `body` through both entry points of `T`, which must agree, and gives the answer.
fn read<T: Validate + PartialEq + std::fmt::Debug>(body: serde_json::Value) -> Result<T, fixture_operations::ValidationError> {
    let by_slice = T::from_json_slice(body.to_string().as_bytes());
    assert_eq!(by_slice, T::from_json_value(body.clone()), "both paths agree on {body}");
    by_slice
}

#[test]
fn a_schema_sent_whole_reads_each_kind_of_member_through_its_patch_forms_mirror() {
    let whole = json!({"title": "t", "due": "2026-12-06T10:00:00+01:00", "size": null, "review": {"text": "ok", "rating": 5}, "labels": ["a"], "memo": null, "words": 3});
    let expected = Draft {
        id: None,
        title: "t".into(),
        due: Some(chrono::DateTime::parse_from_rfc3339("2026-12-06T10:00:00+01:00").unwrap()),
        size: None,
        review: Comment { text: "ok".into(), rating: Some(5), pinned: None, mode: None, mentions: None },
        labels: Some(vec!["a".into()]),
        memo: Some(None),
        additional_properties: BTreeMap::from([("words".to_owned(), 3)]),
    };
    assert_eq!(read::<Draft>(whole), Ok(expected));
    let other = json!({"title": "u", "due": null, "size": 4, "review": {"text": "x"}});
    let draft = read::<Draft>(other).unwrap();
    assert_eq!((draft.due, draft.size, draft.labels, draft.memo), (None, Some(4), None, None));
}

#[test]
fn a_required_member_left_out_of_a_whole_schema_is_still_reported() {
    // Every member the PATCH form may leave out: present in the mirror as absent, refused here.
    assert_eq!(
        violations(read::<Draft>(json!({"memo": "m"}))),
        [
            v("/title", "missingProperty", "the required property 'title' is missing"),
            v("/due", "missingProperty", "the required property 'due' is missing"),
            v("/size", "missingProperty", "the required property 'size' is missing"),
            v("/review", "missingProperty", "the required property 'review' is missing"),
        ]
    );
    // Each left out alone, the others complete.
    let complete = json!({"title": "t", "due": null, "size": 1, "review": {"text": "x"}});
    for member in ["title", "due", "size", "review"] {
        let mut body = complete.clone();
        body.as_object_mut().unwrap().remove(member);
        let message = format!("the required property '{member}' is missing");
        assert_eq!(violations(read::<Draft>(body)), [v(&format!("/{member}"), "missingProperty", &message)]);
    }
    // A member that breaks its rules, and `null` where the schema refuses it.
    assert_eq!(
        violations(read::<Draft>(json!({"id": "d", "title": null, "due": "soon", "size": -1, "review": {"text": ""}, "labels": ["a", "b", "c"], "words": "many"}))),
        [
            v("/id", "readOnlyProperty", "the property 'id' is read-only and is set by the service; leave it out of requests"),
            v("/title", "invalidType", "expected a string, got null"),
            v("/due", "invalidFormat", "expected an RFC 3339 date-time with an offset, such as 2026-11-28T10:00:00Z, got \"soon\""),
            v("/size", "outOfRange", "expected a number at least 0, got -1"),
            v("/review/text", "tooShort", "expected at least 1 character, got 0"),
            v("/labels", "tooManyItems", "expected at most 2 items, got 3"),
            v("/words", "invalidType", "expected an int32 number, got the string \"many\""),
        ]
    );
}

#[test]
fn the_patch_form_sharing_its_mirror_still_requires_nothing() {
    assert_eq!(read::<DraftPatch>(json!({})), Ok(DraftPatch::default()));
    let patch = read::<DraftPatch>(json!({"due": null, "size": 2, "memo": "m"})).unwrap();
    assert_eq!((patch.title, patch.due, patch.size, patch.memo), (None, Some(None), Some(Some(2)), Some(Some("m".into()))));
}

#[test]
fn a_required_free_form_member_keeps_null_as_its_value_in_both_forms() {
    assert_eq!(read::<Sketch>(json!({"title": "t", "data": null})), Ok(Sketch { title: "t".into(), data: serde_json::Value::Null }));
    assert_eq!(
        violations(read::<Sketch>(json!({"data": [1]}))),
        [v("/title", "missingProperty", "the required property 'title' is missing")]
    );
    assert_eq!(read::<SketchPatch>(json!({"data": null})), Ok(SketchPatch { title: None, data: Some(serde_json::Value::Null) }));
}

#[test]
fn each_alternative_of_a_body_union_reads_the_same_on_both_paths() {
    use fixture_operations::{ExternalCreate, ExternalCreateVariant1};
    // The alternatives are structs with mirrors; the nullable `allOf` wrapper around the
    // string rule and the property of no value are read by both paths alike.
    let alternative = |body: serde_json::Value| read::<ExternalCreateVariant1>(body);
    assert_eq!(alternative(json!({"type": "ephemeral", "pool_name": null})).unwrap().pool_name, Some(None));
    assert_eq!(alternative(json!({"type": "ephemeral", "pool_name": "p-1"})).unwrap().pool_name, Some(Some("p-1".into())));
    assert_eq!(alternative(json!({"type": "ephemeral"})).unwrap().pool_name, None);
    assert_eq!(
        violations(alternative(json!({"type": "ephemeral", "pool_name": "0123abcd-x", "never": 1}))),
        [
            v("/pool_name", "patternMismatch", "expected a string matching ^(?![0-9a-f]{8}-)^[a-z][a-z0-9-]*$, got \"0123abcd-x\""),
            v("/never", "valueNotAllowed", "no value is allowed here, got the number 1"),
        ]
    );
    assert_eq!(violations(alternative(json!({"type": "ephemeral", "pool_name": "a".repeat(64)}))), [v("/pool_name", "tooLong", "expected at most 63 characters, got 64")]);
    for (body, accepted) in [
        (json!({"type": "ephemeral"}), true),
        (json!({"type": "floating", "name": "n"}), true),
        (json!({"type": "floating"}), false),
        (json!({"type": "x"}), false),
    ] {
        assert_eq!(read::<ExternalCreate>(body.clone()).is_ok(), accepted, "{body}");
    }
}

#[test]
fn an_object_sent_as_an_array_of_its_members_is_refused_on_both_paths() {
    // serde's derive would read each of these as the struct, member by member in order.
    assert_eq!(
        violations(read::<Comment>(json!(["hello", 4]))),
        [v("", "invalidType", "expected an object (comment), got an array")]
    );
    assert_eq!(
        violations(read::<Review>(json!({"stars": 5, "author": ["Ann"]}))),
        [v("/author", "invalidType", "expected an object (ReviewAuthor), got an array")]
    );
    assert_eq!(read::<Review>(json!({"stars": 5, "author": {"name": "Ann"}})).unwrap().stars, 5);
}

#[test]
fn enum_values_named_like_associated_items_parse_and_print() {
    use fixture_operations::Outcome;
    use std::str::FromStr;
    assert_eq!(Outcome::from_str("err"), Ok(Outcome::Err));
    assert_eq!(Outcome::from_str("Err"), Ok(Outcome::Err2));
    assert_eq!(Outcome::from_str("Unrecognized"), Ok(Outcome::Unrecognized));
    assert_eq!(Outcome::from_str("Self").map(|o| o.to_string()), Ok("Self".to_owned()));
    assert_eq!(serde_json::from_str::<Outcome>("\"new\"").unwrap(), Outcome::Unrecognized2("new".into()));
    assert_eq!(Outcome::from_str("new").unwrap_err().to_string(), "\"new\" is not a Outcome value; expected one of: ok, err, Err, Unrecognized, Target, Output, Item, Value, Error, Self");
}
