//! What the two benchmark binaries share: the medians of interleaved samples, and the
//! request-time measurements (validation against plain serde, the generated router against a
//! hand-written handler), which the `requests` binary prints.

pub mod throughput;
pub mod timing;

use device_compliance_user_status::{DeviceComplianceUserStatus, Validate};
use std::hint::black_box;

/// A realistic create request, as Graph's docs show one.
pub const BODY: &[u8] = br##"{
  "@odata.type": "#microsoft.graph.deviceComplianceUserStatus",
  "userDisplayName": "Adele Vance",
  "devicesCount": 12,
  "status": "notApplicable",
  "lastReportedDateTime": "2017-01-01T00:00:17.7769392-08:00",
  "userPrincipalName": "AdeleV@contoso.onmicrosoft.com"
}"##;

/// Validation against plain serde, and the generated router against a plain handler.
pub fn request_table() {
    let plain = || {
        let status: DeviceComplianceUserStatus = serde_json::from_slice(black_box(BODY)).unwrap();
        black_box(status);
    };
    let validated = || {
        let status = DeviceComplianceUserStatus::from_json_slice(black_box(BODY)).unwrap();
        black_box(status);
    };
    let [plain_ns, validated_ns] = timing::interleaved_medians([&plain, &validated]);
    println!(
        "| measurement (median ns per body, {} samples) | value |",
        timing::SAMPLES
    );
    println!("|---|---|");
    println!("| plain serde_json::from_slice | {plain_ns:.0} |");
    println!("| validate and convert (from_json_slice) | {validated_ns:.0} |");
    println!(
        "| ratio validated / plain (target <= 2.0) | {:.2} |",
        validated_ns / plain_ns
    );
    let (generated_rps, plain_rps) = throughput::measure(BODY);
    println!(
        "| generated router with checks, requests/s (median of {} rounds) | {generated_rps:.0} |",
        throughput::ROUNDS
    );
    println!("| hand-written axum Json<T> handler, requests/s | {plain_rps:.0} |");
    println!(
        "| ratio generated / plain (target >= 0.9) | {:.2} |",
        generated_rps / plain_rps
    );
}
