//! The PATCH type the generator derives when a PATCH body refers to a schema with required
//! properties (`note` -> `NotePatch`): nothing required, every other rule as strict as the
//! schema's, with the schema's name in messages.

use fixture_operations::{Note, NotePatch, Validate};

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
