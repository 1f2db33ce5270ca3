//! Required parameters are enforced by the compiler: across every fixture, a parameters struct
//! derives `Default` exactly when it has no `new`, which is emitted exactly when a parameter
//! is required, so `..Default::default()` cannot leave a required parameter out.

mod common;

use common::generate_fixture;

/// The parameters structs of a generated operations file: name, derives `Default`, has `new`.
fn params_structs(text: &str) -> Vec<(String, bool, bool)> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter_map(|(at, line)| {
            let name = line.strip_prefix("pub struct ")?.strip_suffix(" {")?;
            if !name.ends_with("Params") {
                return None;
            }
            let derive = lines[..at]
                .iter()
                .rev()
                .find(|l| l.starts_with("#[derive("))?;
            let constructor =
                format!("impl {name} {{\n    /// The parameters with every required one given");
            Some((
                name.to_owned(),
                derive.contains("Default"),
                text.contains(&constructor),
            ))
        })
        .collect()
}

#[test]
fn a_params_struct_is_default_exactly_when_it_has_no_constructor() {
    let mut seen = 0;
    let mut with_new = 0;
    for spec in common::fixture_specs() {
        let (stem, files) = generate_fixture(&spec);
        for (path, text) in files
            .iter()
            .filter(|(p, _)| p.starts_with("src/operations/"))
        {
            for (name, default, new) in params_structs(text) {
                assert_ne!(
                    default, new,
                    "{stem} {path}: {name}: Default {default}, new {new}"
                );
                seen += 1;
                with_new += usize::from(new);
            }
        }
    }
    assert!(
        seen >= 50 && with_new >= 40 && seen > with_new,
        "{seen} structs, {with_new} with new: the sweep found too few of one kind"
    );
}

#[test]
fn new_takes_the_required_parameters_in_order_and_strings_as_into_string() {
    let (_, files) = generate_fixture(&common::mission_spec());
    let text = &files["src/operations/device_management_device_compliance_policy.rs"];
    assert!(
        text.contains(
            "    pub fn new(
        device_compliance_policy_id: impl Into<String>,
        device_compliance_user_status_id: impl Into<String>,
    ) -> Self {
        Self {
            device_compliance_policy_id: device_compliance_policy_id.into(),
            device_compliance_user_status_id: device_compliance_user_status_id.into(),
            select: None,
        }
    }"
        ),
        "{text}"
    );
}
