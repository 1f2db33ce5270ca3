//! oneOf / anyOf with and without a discriminator, and Graph's abstract base whose subtypes are
//! picked by `@odata.type`: decoding, encoding with the tag, and validation with exact targets,
//! codes and messages.

use fixture_polymorphism::{AssignmentTarget, CacheAction, CacheActionOdataType, Circle, Condition, CookiesCondition, Device, GenericDevice, GroupTarget, Holder, IdOrName, IosPolicy, LegacyDevice, Phone, Policy, Shape, Validate, WindowsPolicy};
use serde_json::{json, Value};

type Found = Vec<(String, &'static str, String)>;

fn violations<T: Validate + std::fmt::Debug>(body: Value) -> Found {
    T::validate(&body)
        .err()
        .map(|e| e.violations.into_iter().map(|v| (v.target, v.code, v.message)).collect())
        .unwrap_or_default()
}

fn v(target: &str, code: &'static str, message: &str) -> (String, &'static str, String) {
    (target.to_owned(), code, message.to_owned())
}

#[test]
fn odata_type_picks_the_subtype_of_an_abstract_base() {
    let windows: Policy = serde_json::from_value(json!({"@odata.type": "#ns.windowsPolicy", "displayName": "w", "bitLockerEnabled": true})).unwrap();
    let Policy::WindowsPolicy(WindowsPolicy { bit_locker_enabled, display_name, .. }) = &windows else { panic!("{windows:?}") };
    assert_eq!((*bit_locker_enabled, display_name.as_deref()), (Some(true), Some("w")));
    let ios: Policy = serde_json::from_value(json!({"@odata.type": "#ns.iosPolicy", "passcodeMinimumLength": 6})).unwrap();
    assert!(matches!(ios, Policy::IosPolicy(IosPolicy { passcode_minimum_length: Some(6), .. })));

    // A subtype added to the service later still decodes, and goes back out unchanged.
    let later = json!({"@odata.type": "#ns.androidPolicy", "displayName": "a", "x": 1});
    let decoded: Policy = serde_json::from_value(later.clone()).unwrap();
    assert!(matches!(decoded, Policy::Unrecognized(_)));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), later);
}

#[test]
fn a_discriminator_on_the_inline_part_of_all_of_makes_a_polymorphic_base() {
    let group: AssignmentTarget = serde_json::from_value(json!({"@odata.type": "#ns.groupTarget", "groupId": "g"})).unwrap();
    assert!(matches!(&group, AssignmentTarget::GroupTarget(GroupTarget { group_id, .. }) if group_id == "g"), "{group:?}");
    assert_eq!(serde_json::to_value(&group).unwrap(), json!({"@odata.type": "#ns.groupTarget", "groupId": "g"}));
    let all: AssignmentTarget = serde_json::from_value(json!({"@odata.type": "#ns.allDevicesTarget"})).unwrap();
    assert!(matches!(all, AssignmentTarget::AllDevicesTarget(_)), "{all:?}");
    assert_eq!(
        violations::<AssignmentTarget>(json!({"@odata.type": "#ns.groupTarget", "groupId": ""})),
        vec![v("/groupId", "tooShort", "expected at least 1 character, got 0")]
    );
    assert_eq!(
        violations::<AssignmentTarget>(json!({"@odata.type": "#ns.allDevicesTarget", "id": "x"})),
        vec![v("/id", "readOnlyProperty", "the property 'id' is read-only and is set by the service; leave it out of requests")]
    );
    assert_eq!(
        violations::<AssignmentTarget>(json!({"@odata.type": "#ns.assignmentTarget"})),
        vec![v("/@odata.type", "invalidDiscriminator", "expected one of #ns.groupTarget, #ns.allDevicesTarget, got the string \"#ns.assignmentTarget\"")]
    );
    assert_eq!(
        violations::<Holder>(json!({"target": {"@odata.type": "#ns.groupTarget", "groupId": ""}})),
        vec![v("/target/groupId", "tooShort", "expected at least 1 character, got 0")]
    );
}

#[test]
fn encoding_a_subtype_adds_its_odata_type() {
    let policy = Policy::IosPolicy(IosPolicy {
        id: None,
        odata_type: String::new(),
        display_name: None,
        passcode_minimum_length: Some(4),
    });
    // The struct's own field wins when set; an empty one shows the generator does not overwrite it.
    assert_eq!(serde_json::to_value(&policy).unwrap(), json!({"@odata.type": "", "passcodeMinimumLength": 4}));
    let decoded: Policy = serde_json::from_value(json!({"@odata.type": "#ns.iosPolicy"})).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), json!({"@odata.type": "#ns.iosPolicy"}));
}

#[test]
fn requests_are_checked_against_the_subtype_their_odata_type_names() {
    assert_eq!(violations::<Policy>(json!({"@odata.type": "#ns.windowsPolicy", "bitLockerEnabled": true})), Found::new());
    assert_eq!(
        violations::<Policy>(json!({"@odata.type": "#ns.windowsPolicy", "bitLockerEnabled": "yes", "passcodeMinimumLength": 6})),
        vec![
            v("/bitLockerEnabled", "invalidType", "expected a boolean, got the string \"yes\""),
            v("/passcodeMinimumLength", "unknownProperty", "the property 'passcodeMinimumLength' does not exist on type 'ns.windowsPolicy'"),
        ]
    );
    assert_eq!(
        violations::<Policy>(json!({"@odata.type": "#ns.iosPolicy", "passcodeMinimumLength": 2, "displayName": ""})),
        vec![
            v("/passcodeMinimumLength", "outOfRange", "expected a number at least 4, got 2"),
            v("/displayName", "tooShort", "expected at least 1 character, got 0"),
        ]
    );
    assert_eq!(
        violations::<Policy>(json!({"@odata.type": "#ns.androidPolicy"})),
        vec![v("/@odata.type", "invalidDiscriminator", "expected one of #ns.windowsPolicy, #ns.iosPolicy, got the string \"#ns.androidPolicy\"")]
    );
    assert_eq!(
        violations::<Policy>(json!({"displayName": "x"})),
        vec![v("/@odata.type", "missingProperty", "the required property '@odata.type' is missing")]
    );
    assert_eq!(
        violations::<Policy>(json!({"@odata.type": 3})),
        vec![v("/@odata.type", "invalidType", "expected a string, got the number 3")]
    );
}

#[test]
fn a_discriminator_with_a_mapping_and_a_default_name() {
    let round: Shape = serde_json::from_value(json!({"kind": "round", "radius": 2.0})).unwrap();
    assert_eq!(round, Shape::Circle(Circle { kind: "round".into(), radius: 2.0 }));
    let square: Shape = serde_json::from_value(json!({"kind": "ns.square", "side": 1})).unwrap();
    assert!(matches!(square, Shape::Square(_)));
    assert_eq!(Shape::TAGS, &["round", "ns.square"]);
    assert_eq!(
        violations::<Shape>(json!({"kind": "round", "radius": -1})),
        vec![v("/radius", "outOfRange", "expected a number at least 0, got -1")]
    );
}

#[test]
fn one_of_without_a_discriminator_needs_exactly_one_match() {
    assert_eq!(serde_json::from_value::<IdOrName>(json!(7)).unwrap(), IdOrName::Integer(7));
    assert_eq!(serde_json::from_value::<IdOrName>(json!("seven")).unwrap(), IdOrName::String("seven".into()));
    assert_eq!(serde_json::to_value(IdOrName::Integer(7)).unwrap(), json!(7));
    assert_eq!(
        serde_json::from_value::<IdOrName>(json!(true)).unwrap_err().to_string(),
        "the value matches none of: Integer, String"
    );
    assert_eq!(violations::<IdOrName>(json!("x")), Found::new());
    assert_eq!(
        violations::<IdOrName>(json!(0)),
        vec![
            v("", "noAlternativeMatches", "expected one of Integer, String, but the value matches none; closest is Integer:"),
            v("", "outOfRange", "expected a number at least 1, got 0"),
        ]
    );
}

#[test]
fn any_of_accepts_a_value_that_matches_several() {
    use fixture_polymorphism::Contact;
    assert_eq!(violations::<Contact>(json!({"email": "a@b", "phone": "1"})), Found::new());
    assert_eq!(violations::<Contact>(json!({"phone": "1"})), Found::new());
    let found = violations::<Contact>(json!({"email": "nobody"}));
    assert_eq!(found[0], v("", "noAlternativeMatches", "expected one of ContactVariant1, ContactVariant2, but the value matches none; closest is ContactVariant1:"));
    assert_eq!(found[1], v("/email", "patternMismatch", "expected a string matching @, got \"nobody\""));
}

#[test]
fn unions_inside_objects_and_arrays_validate_at_their_path() {
    let body = json!({
        "policies": [
            {"@odata.type": "#ns.windowsPolicy"},
            {"@odata.type": "#ns.iosPolicy", "passcodeMinimumLength": 1}
        ],
        "shape": {"kind": "round"},
        "key": 5
    });
    assert_eq!(
        violations::<Holder>(body.clone()),
        vec![
            v("/policies/1/passcodeMinimumLength", "outOfRange", "expected a number at least 4, got 1"),
            v("/shape/radius", "missingProperty", "the required property 'radius' is missing"),
        ]
    );
    let bytes = serde_json::to_vec(&body).unwrap();
    assert_eq!(Holder::from_json_slice(&bytes).unwrap_err(), Holder::from_json_value(body).unwrap_err());
    let valid = json!({"policy": {"@odata.type": "#ns.windowsPolicy"}, "key": "k"});
    let holder = Holder::from_json_value(valid.clone()).unwrap();
    assert!(matches!(holder.policy, Some(Policy::WindowsPolicy(_))));
    assert_eq!(serde_json::to_value(&holder).unwrap(), valid);
}

#[test]
fn one_of_refuses_a_value_that_matches_two_alternatives() {
    use fixture_polymorphism::Amount;
    assert_eq!(violations::<Amount>(json!(1.5)), Found::new());
    assert_eq!(
        violations::<Amount>(json!(3)),
        vec![v("", "severalAlternativesMatch", "expected exactly one of Integer, Number to match, but Integer and Number both do")]
    );
    assert_eq!(serde_json::from_value::<Amount>(json!(3)).unwrap(), Amount::Integer(3), "decoding takes the first that fits");
}

/// vRNI's `BaseManager` is `allOf: [$ref BaseEntity]` and nothing else: a subtype that adds
/// nothing is a struct of the base's properties, not an alias of the base's enum (which would
/// then hold itself), and a subtype of it may alias it.
#[test]
fn a_subtype_that_adds_nothing_is_a_struct_of_the_bases_properties() {
    let generic: Device = serde_json::from_value(json!({"deviceType": "ns.genericDevice", "name": "g"})).unwrap();
    assert_eq!(generic, Device::GenericDevice(GenericDevice { device_type: "ns.genericDevice".into(), name: Some("g".into()) }));
    assert_eq!(serde_json::to_value(&generic).unwrap(), json!({"deviceType": "ns.genericDevice", "name": "g"}));
    let phone: Device = serde_json::from_value(json!({"deviceType": "ns.phone", "number": "1"})).unwrap();
    assert!(matches!(phone, Device::Phone(Phone { number: Some(_), .. })));

    let legacy: LegacyDevice = GenericDevice { device_type: "ns.genericDevice".into(), name: None };
    assert_eq!(serde_json::to_value(&legacy).unwrap(), json!({"deviceType": "ns.genericDevice"}));

    assert_eq!(
        violations::<Device>(json!({"deviceType": "ns.genericDevice", "name": ""})),
        vec![v("/name", "tooShort", "expected at least 1 character, got 0")]
    );
    assert_eq!(
        violations::<Device>(json!({"deviceType": "ns.tablet"})),
        vec![v("/deviceType", "invalidDiscriminator", "expected one of ns.phone, ns.genericDevice, got the string \"ns.tablet\"")]
    );
}

/// An `@odata.type` declared as an enum of one value is checked as that enum, on both paths:
/// its one value passes, the schema's own name does not.
#[test]
fn an_odata_type_declared_as_an_enum_takes_the_enums_value() {
    let body = json!({"@odata.type": "#vendor.models.cacheActionParameters", "behavior": "bypass"});
    let action = CacheAction::from_json_slice(body.to_string().as_bytes()).unwrap();
    assert_eq!(action.odata_type, CacheActionOdataType::VendorModelsCacheActionParameters);
    assert_eq!(Ok(action.clone()), CacheAction::from_json_value(body.clone()));
    assert_eq!(serde_json::to_value(&action).unwrap(), body);
    let named = json!({"@odata.type": "#ns.cacheAction", "behavior": "bypass"});
    let expected = vec![v(
        "/@odata.type",
        "invalidEnumValue",
        "expected one of #vendor.models.cacheActionParameters, got the string \"#ns.cacheAction\"",
    )];
    assert_eq!(violations::<CacheAction>(named.clone()), expected);
    let by_slice = CacheAction::from_json_slice(named.to_string().as_bytes()).unwrap_err();
    assert_eq!(by_slice.violations.into_iter().map(|v| (v.target, v.code, v.message)).collect::<Found>(), expected);
    assert_eq!(
        violations::<CacheAction>(json!({"behavior": "bypass"})),
        vec![v("/@odata.type", "missingProperty", "the required property '@odata.type' is missing")]
    );
}

/// Azure names its subtypes by `x-ms-discriminator-value` rather than a mapping: those values
/// pick the variant, encode it, and are the list an unknown value is told.
#[test]
fn x_ms_discriminator_values_name_the_subtypes() {
    let body = json!({"name": "Cookies", "selector": "session"});
    let cookies = Condition::from_json_slice(body.to_string().as_bytes()).unwrap();
    assert_eq!(cookies, Condition::CookiesCondition(CookiesCondition { name: "Cookies".into(), selector: "session".into() }));
    assert_eq!(Ok(cookies.clone()), Condition::from_json_value(body.clone()));
    assert_eq!(serde_json::to_value(&cookies).unwrap(), body);
    assert!(matches!(Condition::from_json_slice(br#"{"name": "IsDevice", "operator": "Equal"}"#), Ok(Condition::IsDeviceCondition(_))));
    assert_eq!(
        violations::<Condition>(json!({"name": "Cookies"})),
        vec![v("/selector", "missingProperty", "the required property 'selector' is missing")]
    );
    assert_eq!(
        violations::<Condition>(json!({"name": "ns.cookiesCondition", "selector": "s"})),
        vec![v("/name", "invalidDiscriminator", "expected one of IsDevice, Cookies, got the string \"ns.cookiesCondition\"")]
    );
}
