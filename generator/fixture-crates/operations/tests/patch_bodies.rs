//! The PATCH type the generator derives when a PATCH body refers to a schema with required
//! properties (`note` -> `NotePatch`): nothing required, every other rule as strict as the
//! schema's, with the schema's name in messages. A polymorphic base (`target`) becomes a union
//! of its subtypes' patch types (`TargetPatch`), still picked by `@odata.type`.

use fixture_operations::operations::parse_update_target_body;
use fixture_operations::{GroupTarget, GroupTargetPatch, Note, NotePatch, Target, TargetPatch, Validate};

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
        v("/text", "tooShort", "expected at least 1 characters, got 0"),
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
            v("/groupId", "tooShort", "expected at least 1 characters, got 0"),
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
