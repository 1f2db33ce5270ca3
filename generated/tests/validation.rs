//! Request validation of deviceComplianceUserStatus: every rule of the spec, every violation
//! in one answer, exact targets, codes and messages, and Graph's error body.

use device_compliance_user_status::{
    ComplianceStatus, DeviceComplianceUserStatus, Validate, ValidationError,
};
use serde_json::{json, Value};

/// Validates through both entry points, which must agree: `from_json_slice` (which may take the
/// fast path) and `from_json_value` (always the complete check).
fn outcome(body: &Value) -> Result<DeviceComplianceUserStatus, ValidationError> {
    let by_value = DeviceComplianceUserStatus::from_json_value(body.clone());
    let by_slice = DeviceComplianceUserStatus::from_json_slice(&serde_json::to_vec(body).unwrap());
    assert_eq!(by_slice, by_value, "the two paths disagree on {body}");
    by_value
}

fn violations(body: Value) -> Vec<(String, &'static str, String)> {
    let error = outcome(&body).expect_err("should be rejected");
    error
        .violations
        .into_iter()
        .map(|v| (v.target, v.code, v.message))
        .collect()
}

fn realistic() -> Value {
    json!({
        "@odata.type": "#microsoft.graph.deviceComplianceUserStatus",
        "userDisplayName": "Adele Vance",
        "devicesCount": 12,
        "status": "notApplicable",
        "lastReportedDateTime": "2017-01-01T00:00:17.7769392-08:00",
        "userPrincipalName": "AdeleV@contoso.onmicrosoft.com"
    })
}

fn with(key: &str, value: Value) -> Value {
    let mut body = realistic();
    body[key] = value;
    body
}

fn one(key: &str, value: Value) -> (String, &'static str, String) {
    let mut found = violations(with(key, value));
    assert_eq!(found.len(), 1, "{found:?}");
    found.remove(0)
}

#[test]
fn seed_page_example_is_rejected_with_all_three_bad_fields() {
    let seed = json!({
        "@odata.type": "#microsoft.graph.deviceComplianceUserStatus",
        "devicesCount": "Integer",
        "lastReportedDateTime": "String (timestamp)",
        "status": "String",
        "userDisplayName": "String",
        "userPrincipalName": "String"
    });
    assert_eq!(
        violations(seed),
        vec![
            ("/devicesCount".into(), "invalidType", "expected an int32 number, got the string \"Integer\"".into()),
            ("/lastReportedDateTime".into(), "invalidFormat", "expected an RFC 3339 date-time with an offset, such as 2026-11-28T10:00:00Z, got \"String (timestamp)\"".into()),
            ("/status".into(), "invalidEnumValue", "expected one of unknown, notApplicable, compliant, remediated, nonCompliant, error, conflict, notAssigned, got the string \"String\"".into()),
        ]
    );
}

#[test]
fn realistic_body_converts_to_the_struct() {
    let status = outcome(&realistic()).unwrap();
    assert_eq!(status.devices_count, 12);
    assert_eq!(status.status, ComplianceStatus::NotApplicable);
    assert_eq!(status.user_display_name.as_deref(), Some("Adele Vance"));
    assert_eq!(status.id, None);
    assert_eq!(
        status.last_reported_date_time.to_rfc3339(),
        "2017-01-01T00:00:17.776939200-08:00"
    );
    let bytes = serde_json::to_vec(&realistic()).unwrap();
    assert_eq!(DeviceComplianceUserStatus::from_json_slice(&bytes).unwrap(), status);
}

#[test]
fn devices_count_accepts_exactly_the_int32_range() {
    for ok in [json!(2147483647), json!(-2147483648), json!(0)] {
        let status = outcome(&with("devicesCount", ok.clone()))
            .unwrap_or_else(|e| panic!("{ok} rejected: {e}"));
        assert_eq!(json!(status.devices_count), ok);
    }
    // A whole number written with a fraction is an integer, as JSON Schema counts it.
    assert_eq!(outcome(&with("devicesCount", json!(5.0))).unwrap().devices_count, 5);
    let range = "expected an int32 number (-2147483648 to 2147483647)";
    let cases = [
        (json!(2147483648i64), "outOfRange", format!("{range}, got 2147483648, which is out of range")),
        (json!(-2147483649i64), "outOfRange", format!("{range}, got -2147483649, which is out of range")),
        (json!(18446744073709551615u64), "outOfRange", format!("{range}, got 18446744073709551615, which is out of range")),
        (json!(1.5), "invalidType", "expected an int32 number, got the number 1.5".into()),
        (json!(2147483648.0), "outOfRange", format!("{range}, got 2147483648.0, which is out of range")),
        (json!("5"), "invalidType", "expected an int32 number, got the string \"5\"".into()),
        (json!(null), "invalidType", "expected an int32 number, got null".into()),
        (json!(true), "invalidType", "expected an int32 number, got the boolean true".into()),
    ];
    for (value, code, message) in cases {
        assert_eq!(one("devicesCount", value), ("/devicesCount".into(), code, message));
    }
}

#[test]
fn bodies_that_are_not_objects_get_one_clear_error() {
    for (body, described) in [
        (json!([]), "an array"),
        (json!("x"), "the string \"x\""),
        (json!(42), "the number 42"),
        (json!(null), "null"),
    ] {
        assert_eq!(
            violations(body),
            vec![(
                String::new(),
                "invalidType",
                format!("expected an object (microsoft.graph.deviceComplianceUserStatus), got {described}")
            )]
        );
    }
}

#[test]
fn date_times_need_an_offset_and_a_real_date() {
    for bad in ["2026-02-30T00:00:00Z", "2026-11-28T10:00:00", "2026-11-28", "yesterday"] {
        assert_eq!(
            one("lastReportedDateTime", json!(bad)),
            (
                "/lastReportedDateTime".into(),
                "invalidFormat",
                format!("expected an RFC 3339 date-time with an offset, such as 2026-11-28T10:00:00Z, got {bad:?}")
            )
        );
    }
    // RFC 3339 allows a lower-case `t`; Graph's pattern does not, and both rules apply.
    let (target, code, message) = one("lastReportedDateTime", json!("2026-11-28t10:00:00Z"));
    assert_eq!((target.as_str(), code), ("/lastReportedDateTime", "patternMismatch"));
    assert!(message.starts_with("expected a string matching ^[0-9]{4,}-"), "{message}");
    assert!(message.ends_with(", got \"2026-11-28t10:00:00Z\""), "{message}");
    for good in ["2026-11-28T10:00:00Z", "2026-11-28T10:00:00.123+05:30", "2024-02-29T23:59:59-08:00"] {
        outcome(&with("lastReportedDateTime", json!(good)))
            .unwrap_or_else(|e| panic!("{good} rejected: {e}"));
    }
    assert_eq!(
        one("lastReportedDateTime", json!(20261128)),
        ("/lastReportedDateTime".into(), "invalidType", "expected a date-time string, got the number 20261128".into())
    );
}

#[test]
fn enum_spelling_is_exact() {
    assert_eq!(
        one("status", json!("Compliant")),
        (
            "/status".into(),
            "invalidEnumValue",
            "expected one of unknown, notApplicable, compliant, remediated, nonCompliant, error, conflict, notAssigned, got the string \"Compliant\"".into()
        )
    );
    assert_eq!(one("status", json!(3)).1, "invalidType");
    for value in ComplianceStatus::VALUES {
        let status = outcome(&with("status", json!(value))).unwrap();
        assert_eq!(status.status.as_str(), *value);
    }
}

#[test]
fn required_properties_must_be_present_and_nullable_ones_may_be_null() {
    let mut body = realistic();
    let object = body.as_object_mut().unwrap();
    object.remove("devicesCount");
    object.remove("userDisplayName");
    assert_eq!(
        violations(body),
        vec![
            ("/devicesCount".into(), "missingProperty", "the required property 'devicesCount' is missing".into()),
            ("/userDisplayName".into(), "missingProperty", "the required property 'userDisplayName' is missing".into()),
        ]
    );
    let mut body = with("userDisplayName", json!(null));
    body["userPrincipalName"] = json!(null);
    let status = outcome(&body).unwrap();
    assert_eq!((status.user_display_name, status.user_principal_name), (None, None));
    assert_eq!(
        one("userPrincipalName", json!(7)),
        ("/userPrincipalName".into(), "invalidType", "expected a string, got the number 7".into())
    );
    assert_eq!(
        one("status", json!(null)),
        ("/status".into(), "invalidType", "expected one of the strings unknown, notApplicable, compliant, remediated, nonCompliant, error, conflict, notAssigned, got null".into())
    );
}

#[test]
fn id_unknown_properties_and_wrong_odata_type_are_rejected() {
    let mut body = with("id", json!("a0b566cd-66cd-a0b5-cd66-b5a0cd66b5a0"));
    body["deviceCount"] = json!(3);
    body["@odata.type"] = json!("#microsoft.graph.user");
    assert_eq!(
        violations(body),
        vec![
            ("/@odata.type".into(), "invalidODataType", "expected the string \"#microsoft.graph.deviceComplianceUserStatus\", got the string \"#microsoft.graph.user\"".into()),
            ("/id".into(), "readOnlyProperty", "the property 'id' is read-only and is set by the service; leave it out of requests".into()),
            ("/deviceCount".into(), "unknownProperty", "the property 'deviceCount' does not exist on type 'microsoft.graph.deviceComplianceUserStatus'".into()),
        ]
    );
    let mut without_odata_type = realistic();
    without_odata_type.as_object_mut().unwrap().remove("@odata.type");
    outcome(&without_odata_type).unwrap();
}

#[test]
fn malformed_json_is_one_violation() {
    let error = DeviceComplianceUserStatus::from_json_slice(b"{\"devicesCount\": 1,").unwrap_err();
    assert_eq!(error.violations.len(), 1);
    assert_eq!(error.violations[0].code, "malformedJson");
    assert_eq!(error.violations[0].target, "");
    assert_eq!(
        error.violations[0].message,
        "the body is not valid JSON: EOF while parsing a value at line 1 column 19"
    );
}

#[test]
fn violations_render_as_graph_error_body() {
    let error: ValidationError =
        outcome(&with("devicesCount", json!("5"))).unwrap_err();
    assert_eq!(
        serde_json::to_value(error.to_error_body()).unwrap(),
        json!({
            "error": {
                "code": "invalidRequest",
                "message": "The request is not a valid microsoft.graph.deviceComplianceUserStatus: 1 problem found.",
                "details": [{
                    "code": "invalidType",
                    "message": "expected an int32 number, got the string \"5\"",
                    "target": "/devicesCount"
                }]
            }
        })
    );
    assert_eq!(
        error.to_string(),
        "invalid microsoft.graph.deviceComplianceUserStatus: /devicesCount: expected an int32 number, got the string \"5\" (invalidType)"
    );
}

/// Values of every JSON type and the edge cases of this schema's rules.
fn probe_values() -> Vec<Value> {
    vec![
        json!(null), json!(true), json!(0), json!(-1), json!(1.5), json!(5.0),
        json!(2147483648i64), json!(""), json!("x"), json!("compliant"), json!("Compliant"),
        json!("2026-11-28T10:00:00Z"), json!("2026-11-28t10:00:00Z"), json!("2026-02-30T00:00:00Z"),
        json!("#microsoft.graph.deviceComplianceUserStatus"), json!([]), json!({}), json!([1]),
    ]
}

#[test]
fn fast_and_complete_paths_agree_on_every_probe() {
    let keys = ["@odata.type", "id", "devicesCount", "lastReportedDateTime", "status",
        "userDisplayName", "userPrincipalName", "unknown"];
    let mut accepted = 0;
    for key in keys {
        let mut without = realistic();
        without.as_object_mut().unwrap().remove(key);
        accepted += usize::from(outcome(&without).is_ok());
        for value in probe_values() {
            accepted += usize::from(outcome(&with(key, value)).is_ok());
        }
    }
    // The valid variations: @odata.type dropped or right (2); id and the unknown key absent
    // (1 + 1); devicesCount 0, -1 or 5.0 (3); the one valid date-time (1); `compliant` (1); and
    // for each of the two nullable names, null or any of the 8 string probes (2 * 9).
    assert_eq!(accepted, 27);
}
