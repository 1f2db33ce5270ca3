//! The models speak exactly Graph's wire format: property names, enum spellings, date-times
//! with their offsets, `null` versus absent, and tolerance for what newer services add.

use device_compliance_user_status::{
    ComplianceStatus, DeviceComplianceUserStatus, MainError, ODataError,
};
use serde_json::json;

fn sample() -> DeviceComplianceUserStatus {
    DeviceComplianceUserStatus {
        id: Some("a0b566cd-66cd-a0b5-cd66-b5a0cd66b5a0".into()),
        odata_type: Some(DeviceComplianceUserStatus::ODATA_TYPE.into()),
        devices_count: 12,
        last_reported_date_time: "2017-01-01T00:00:17.7769392-08:00".parse().unwrap(),
        status: ComplianceStatus::NotApplicable,
        user_display_name: Some("User Display Name value".into()),
        user_principal_name: None,
    }
}

#[test]
fn entity_serializes_with_graph_property_names() {
    assert_eq!(
        serde_json::to_value(sample()).unwrap(),
        json!({
            "id": "a0b566cd-66cd-a0b5-cd66-b5a0cd66b5a0",
            "@odata.type": "#microsoft.graph.deviceComplianceUserStatus",
            "devicesCount": 12,
            "lastReportedDateTime": "2017-01-01T00:00:17.776939200-08:00",
            "status": "notApplicable",
            "userDisplayName": "User Display Name value",
            "userPrincipalName": null
        })
    );
}

#[test]
fn absent_optional_properties_are_left_out() {
    let mut status = sample();
    status.id = None;
    status.odata_type = None;
    let text = serde_json::to_string(&status).unwrap();
    assert_eq!(
        text,
        r#"{"devicesCount":12,"lastReportedDateTime":"2017-01-01T00:00:17.776939200-08:00","status":"notApplicable","userDisplayName":"User Display Name value","userPrincipalName":null}"#
    );
}

#[test]
fn docs_response_example_decodes_and_keeps_the_offset() {
    let body = r##"{
      "@odata.type": "#microsoft.graph.deviceComplianceUserStatus",
      "id": "a0b566cd-66cd-a0b5-cd66-b5a0cd66b5a0",
      "userDisplayName": "User Display Name value",
      "devicesCount": 12,
      "status": "notApplicable",
      "lastReportedDateTime": "2017-01-01T00:00:17.7769392-08:00",
      "userPrincipalName": "User Principal Name value"
    }"##;
    let decoded: DeviceComplianceUserStatus = serde_json::from_str(body).unwrap();
    assert_eq!(decoded.devices_count, 12);
    assert_eq!(decoded.status, ComplianceStatus::NotApplicable);
    assert_eq!(decoded.last_reported_date_time.offset().local_minus_utc(), -8 * 3600);
    assert_eq!(
        decoded.last_reported_date_time.to_rfc3339(),
        "2017-01-01T00:00:17.776939200-08:00"
    );
    assert_eq!(decoded.user_principal_name.as_deref(), Some("User Principal Name value"));
}

#[test]
fn responses_with_properties_this_crate_does_not_know_still_decode() {
    let body = json!({
        "id": "x",
        "devicesCount": 1,
        "lastReportedDateTime": "2026-11-28T10:00:00Z",
        "status": "compliant",
        "userDisplayName": null,
        "userPrincipalName": null,
        "addedLater": {"nested": true}
    });
    let decoded: DeviceComplianceUserStatus = serde_json::from_value(body).unwrap();
    assert_eq!(decoded.id.as_deref(), Some("x"));
    assert_eq!(decoded.user_display_name, None);
}

const WIRE_VALUES: [(&str, ComplianceStatus); 8] = [
    ("unknown", ComplianceStatus::Unknown),
    ("notApplicable", ComplianceStatus::NotApplicable),
    ("compliant", ComplianceStatus::Compliant),
    ("remediated", ComplianceStatus::Remediated),
    ("nonCompliant", ComplianceStatus::NonCompliant),
    ("error", ComplianceStatus::Error),
    ("conflict", ComplianceStatus::Conflict),
    ("notAssigned", ComplianceStatus::NotAssigned),
];

#[test]
fn every_compliance_status_uses_its_exact_wire_name() {
    assert_eq!(ComplianceStatus::VALUES.len(), 8);
    for (wire, variant) in WIRE_VALUES {
        assert_eq!(serde_json::to_value(&variant).unwrap(), json!(wire));
        assert_eq!(serde_json::from_value::<ComplianceStatus>(json!(wire)).unwrap(), variant);
        assert_eq!(variant.to_string(), wire);
        assert_eq!(wire.parse::<ComplianceStatus>().unwrap(), variant);
        assert!(variant.is_known());
    }
}

#[test]
fn from_str_is_exact_and_names_the_values_it_accepts() {
    let error = "Compliant".parse::<ComplianceStatus>().unwrap_err();
    assert_eq!(
        error.to_string(),
        "\"Compliant\" is not a ComplianceStatus value; expected one of: unknown, notApplicable, compliant, remediated, nonCompliant, error, conflict, notAssigned"
    );
}

#[test]
fn an_enum_value_added_later_decodes_and_round_trips_unchanged() {
    let decoded: ComplianceStatus = serde_json::from_value(json!("inGracePeriod")).unwrap();
    assert_eq!(decoded, ComplianceStatus::Unrecognized("inGracePeriod".into()));
    assert!(!decoded.is_known());
    assert_eq!(serde_json::to_value(&decoded).unwrap(), json!("inGracePeriod"));
    // The member named `unknown` is a real value, distinct from the catch-all.
    let unknown: ComplianceStatus = serde_json::from_value(json!("unknown")).unwrap();
    assert_eq!(unknown, ComplianceStatus::Unknown);
}

#[test]
fn graph_error_body_decodes() {
    let body = json!({
        "error": {
            "code": "invalidRange",
            "message": "Uploaded fragment overlaps with existing data.",
            "innerError": {"request-id": "request-id", "date": "2026-11-28T10:00:00Z"}
        }
    });
    let decoded: ODataError = serde_json::from_value(body).unwrap();
    let MainError { code, message, target, details, inner_error } = decoded.error;
    assert_eq!(code, "invalidRange");
    assert_eq!(message, "Uploaded fragment overlaps with existing data.");
    assert_eq!(target, None);
    assert_eq!(details, None);
    let inner = inner_error.unwrap();
    assert_eq!(inner.request_id.as_deref(), Some("request-id"));
    assert_eq!(inner.date.unwrap().to_rfc3339(), "2026-11-28T10:00:00+00:00");
}

#[test]
fn params_new_sets_the_required_parameters_and_leaves_the_optional_ones_unset() {
    use device_compliance_user_status::operations::{GetUserStatusParams, ListUserStatusParams};
    let get = GetUserStatusParams::new("policy-1", String::from("status-1"));
    assert_eq!(
        serde_json::to_value(&get).unwrap(),
        serde_json::json!({
            "deviceCompliancePolicy-id": "policy-1",
            "deviceComplianceUserStatus-id": "status-1"
        })
    );
    let list = ListUserStatusParams { top: Some(5), ..ListUserStatusParams::new("policy-1") };
    assert_eq!((list.top, list.skip, list.device_compliance_policy_id.as_str()), (Some(5), None, "policy-1"));
}
