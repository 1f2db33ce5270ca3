//! Calls every operation of the spec once through the generated client, with every parameter
//! set, and exits non-zero if any call fails: create, then list, get, update and count, then
//! delete what it created (by the id the service gave it). CI points it at Prism's validating
//! mock of `spec/`, and at Prism proxying to the example service, so a request the client builds
//! that the spec does not allow fails the run.
//!
//! ```sh
//! cargo run --manifest-path generated/Cargo.toml --example call_every_operation -- --base http://127.0.0.1:4010 --token TOKEN
//! ```

use device_compliance_user_status::client::{Client, ClientError};
use device_compliance_user_status::operations::*;
use device_compliance_user_status::{
    ComplianceStatus, DeviceComplianceUserStatus, DeviceComplianceUserStatusPatch, SelectItem,
};
use std::fmt::Debug;

const USAGE: &str = "usage: call_every_operation --base URL --token TOKEN";
const POLICY: &str = "9f3c2b6e-policy";

fn arguments() -> Result<(String, String), String> {
    let mut base = None;
    let mut token = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--base" => base = Some(value),
            "--token" => token = Some(value),
            other => return Err(format!("unknown argument '{other}'")),
        }
    }
    base.zip(token).ok_or_else(|| "both --base and --token are required".into())
}

fn new_status() -> DeviceComplianceUserStatus {
    DeviceComplianceUserStatus {
        id: None,
        odata_type: Some(DeviceComplianceUserStatus::ODATA_TYPE.to_owned()),
        devices_count: 12,
        last_reported_date_time: "2017-01-01T00:00:17.7769392-08:00"
            .parse()
            .expect("a valid date-time"),
        status: ComplianceStatus::NotApplicable,
        user_display_name: Some("Adele Vance".into()),
        user_principal_name: Some("AdeleV@contoso.onmicrosoft.com".into()),
    }
}

/// Prints the outcome of one call; true when it succeeded.
fn report<T: Debug>(operation: &str, result: Result<T, ClientError>) -> bool {
    match result {
        Ok(answer) => {
            println!("ok     {operation}: {answer:?}");
            true
        }
        Err(error) => {
            println!("FAILED {operation}: {error}");
            false
        }
    }
}

#[tokio::main]
async fn main() {
    let (base, token) = arguments().unwrap_or_else(|message| {
        eprintln!("error: {message}\n{USAGE}");
        std::process::exit(2);
    });
    let client = Client::builder(&base)
        .bearer_token(token)
        .build()
        .unwrap_or_else(|error| {
            eprintln!("error: {error}");
            std::process::exit(2);
        });
    let policy = || POLICY.to_owned();
    let select = Some(vec![SelectItem::Id, SelectItem::Status, SelectItem::UserDisplayName]);

    let create = CreateUserStatusParams {
        device_compliance_policy_id: policy(),
    };
    let created = client.create_user_status(&create, &new_status()).await;
    let id = match &created {
        Ok(CreateUserStatusResponse::Created(status)) => status.id.clone().unwrap_or_default(),
        Err(_) => String::new(),
    };
    let list = ListUserStatusParams {
        device_compliance_policy_id: policy(),
        top: Some(10),
        skip: Some(0),
        search: Some("\"Adele\"".into()),
        filter: Some("status eq 'notApplicable'".into()),
        count: Some(true),
        orderby: Some(vec!["userDisplayName desc".into(), "devicesCount".into()]),
        select: select.clone(),
    };
    let get = GetUserStatusParams {
        device_compliance_policy_id: policy(),
        device_compliance_user_status_id: id.clone(),
        select,
    };
    let update = UpdateUserStatusParams {
        device_compliance_policy_id: policy(),
        device_compliance_user_status_id: id.clone(),
    };
    let changes = DeviceComplianceUserStatusPatch {
        devices_count: Some(13),
        user_display_name: Some(None),
        ..Default::default()
    };
    let delete = DeleteUserStatusParams {
        device_compliance_policy_id: policy(),
        device_compliance_user_status_id: id.clone(),
        if_match: Some("W/\"1\"".into()),
    };
    let count = GetCountParams {
        device_compliance_policy_id: policy(),
        search: Some("contoso".into()),
        filter: Some("devicesCount ge 1".into()),
    };

    let outcomes = [
        report("create", created),
        report("list", client.list_user_status(&list).await),
        report("get", client.get_user_status(&get).await),
        report("update", client.update_user_status(&update, &changes).await),
        report("count", client.get_count(&count).await),
        report("delete", client.delete_user_status(&delete).await),
    ];
    let failed = outcomes.iter().filter(|ok| !**ok).count();
    if failed > 0 {
        eprintln!("{failed} of {} operations failed", outcomes.len());
        std::process::exit(1);
    }
}
