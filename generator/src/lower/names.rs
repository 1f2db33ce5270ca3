//! Every Rust name the generator emits is made here: heck casing, keywords, leading digits,
//! OData annotations, and collisions after casing resolved deterministically.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Words that cannot be identifiers even as raw identifiers (`r#self` is not allowed).
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Strict and reserved keywords of Rust 2015 to 2024.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names that would shadow what generated code uses unqualified: the prelude, which the
/// crate root's glob re-export of the models would shadow, and the two runtime traits and
/// types `operations` re-exports beside the operations' own types. Every other module names
/// the models as `models::X`, so no other name is taken from a schema.
pub const RESERVED_TYPES: &[&str] = &[
    // Rust 2021's prelude, which a glob import of the models would shadow (a VTEX schema
    // named `From` broke `impl From<ValidationError> for ServiceError`).
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Copy",
    "Send",
    "Sized",
    "Sync",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "ToOwned",
    "Clone",
    "PartialEq",
    "PartialOrd",
    "Eq",
    "Ord",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "Default",
    "Iterator",
    "Extend",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "ToString",
    "TryFrom",
    "TryInto",
    "FromIterator",
    "Self",
    // Re-exported by `operations`, beside `<Operation>Params`.
    "OperationParams",
    "RawParams",
];

/// Splits on everything that is not a letter or digit, so heck sees clean words.
fn words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_owned()
}

/// The word for a symbol an enum value may consist of (`*` in Graph's `$expand`).
fn spelled_symbol(symbol: char) -> Option<&'static str> {
    Some(match symbol {
        '*' => "Asterisk",
        '+' => "Plus",
        '-' => "Minus",
        '.' => "Dot",
        '/' => "Slash",
        '_' => "Underscore",
        '@' => "At",
        '#' => "Hash",
        '$' => "Dollar",
        '%' => "Percent",
        '&' => "Ampersand",
        '=' => "Equals",
        '<' => "Less",
        '>' => "Greater",
        '!' => "Bang",
        '?' => "Question",
        '~' => "Tilde",
        ':' => "Colon",
        ',' => "Comma",
        ' ' => "Space",
        _ => return None,
    })
}

/// `microsoft.graph.deviceComplianceUserStatus` -> `DeviceComplianceUserStatus`: the last
/// namespace segment of a dotted schema name, cased.
pub fn type_name(raw: &str) -> String {
    let last = short_schema_name(raw);
    let mut name = words(last).to_upper_camel_case();
    if name.is_empty() {
        name = "Unnamed".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'T');
    }
    if RESERVED_TYPES.contains(&name.as_str()) {
        name.push_str("Type");
    }
    name
}

/// An operation's method name: its id as a field name, but one that would start with a digit
/// starts with `op_` (`5Certs` -> `op_5certs`, whose types are `Op5certsParams`, ...).
pub fn operation_method_name(raw: &str) -> String {
    let name = field_name(raw);
    match name.strip_prefix('_') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => format!("op_{rest}"),
        _ => name,
    }
}

/// The full dotted name cased, used when two short names collide:
/// `microsoft.graph.ODataErrors.MainError` -> `MicrosoftGraphODataErrorsMainError`.
pub fn qualified_type_name(raw: &str) -> String {
    let parts: String = raw
        .split('.')
        .map(|part| words(part).to_upper_camel_case())
        .collect();
    type_name(&parts)
}

/// The segment after the last dot, which Graph uses for the type's own name.
pub fn short_schema_name(raw: &str) -> &str {
    raw.rsplit('.').find(|s| !s.is_empty()).unwrap_or(raw)
}

/// The group of an operation, as a file stem: its first tag (`deviceManagement.policy` ->
/// `device_management_policy`), or else the first segment of its path (`/things/{id}` ->
/// `things`), or `root`.
pub fn operation_group(tag: Option<&str>, path: &str) -> String {
    let source = tag.unwrap_or_else(|| {
        path.split('/')
            .find(|segment| !segment.is_empty() && !segment.starts_with('{'))
            .unwrap_or_default()
    });
    if words(source).is_empty() {
        "root".into()
    } else {
        file_stem(source)
    }
}

/// `Client::builder`, and `Authorize::authorize`, which every `Service` has: an operation that
/// would take one of these names is named by its whole operation id instead.
pub const RUNTIME_METHODS: &[&str] = &["authorize", "builder"];

/// Names the files holding parts bind besides their part modules: `models` (imported by
/// validation, operations, the server and the client), `checks` and the pattern checks'
/// modules (validation, operations) and `fast` (validation's module of mirrors).
const TAKEN_MODULE_NAMES: &[&str] = &[
    "checks",
    "checks_backtracking_pattern",
    "checks_pattern",
    "fast",
    "models",
];

/// The longest file stem, in bytes: file systems refuse names over 255 bytes, and Windows
/// paths over 260 characters, while Graph's inline schemas nest into type names of 300.
const MAX_STEM: usize = 80;

/// A name as the stem of a generated file and the name of its module: snake_case, an
/// identifier (`_3d`, `type_`), and never a name Windows reserves for a device (`con.rs`
/// cannot be checked out there), which gets a `_` suffix. A name longer
/// than [`MAX_STEM`] keeps its start and ends with a hash of the whole, so it stays stable and
/// apart from others that start alike.
pub fn file_stem(raw: &str) -> String {
    let mut stem = words(raw).to_snake_case();
    // The stem is also the name of the part's module: an identifier, never a keyword.
    if stem.is_empty() {
        stem.push_str("unnamed");
    }
    if stem.starts_with(|c: char| c.is_ascii_digit()) {
        stem.insert(0, '_');
    }
    if KEYWORDS.contains(&stem.as_str()) || TAKEN_MODULE_NAMES.contains(&stem.as_str()) {
        stem.push('_');
    }
    let device = matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem[3..].chars().all(|c| c.is_ascii_digit()));
    if device {
        stem.push('_');
    }
    if stem.len() > MAX_STEM {
        let hash = fnv1a(stem.as_bytes());
        let mut cut = MAX_STEM - 9;
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        stem.truncate(cut);
        stem.truncate(stem.trim_end_matches('_').len());
        stem.push_str(&format!("_{hash:08x}"));
    }
    stem
}

/// The 32-bit FNV-1a hash: small, fixed by its definition, the same on every machine.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash, &byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// A property name as a field: `@odata.type` -> `odata_type`, `type` -> `r#type`.
pub fn field_name(raw: &str) -> String {
    let mut name = words(raw).to_snake_case();
    if name.is_empty() {
        name = "field".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    escape_keyword(name)
}

/// An enum value as a variant: `not-applicable` -> `NotApplicable`, `1st` -> `V1st`. Signs and
/// symbols that carry the meaning are spelled out: `-INF` -> `MinusInf` (beside `INF` -> `Inf`),
/// `*` -> `Asterisk`.
pub fn variant_name(raw: &str) -> String {
    let mut name = words(raw).to_upper_camel_case();
    if name.is_empty() {
        name = raw.chars().filter_map(spelled_symbol).collect();
        if name.is_empty() {
            name = if raw.is_empty() { "Empty" } else { "Symbol" }.into();
        }
    } else if let Some(sign @ ('-' | '+')) = raw.chars().next() {
        name.insert_str(0, spelled_symbol(sign).unwrap_or_default());
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name.push_str("Value");
    }
    name
}

/// Whether a word is a Rust keyword, strict or reserved (cargo refuses these as package names
/// too, so the xtask asks here).
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// A snake_case name made of several: `["parse", "self_", "body"]` -> `parse_self_body`. Each
/// part loses `r#` and the underscores at the join, so keyword escapes and leading-digit marks
/// never make the double underscore rustc's `non_snake_case` refuses.
pub fn joined(parts: &[&str]) -> String {
    let last = parts.len().saturating_sub(1);
    let mut name = String::new();
    for (index, part) in parts.iter().enumerate() {
        let mut part = part.strip_prefix("r#").unwrap_or(part);
        if index > 0 {
            part = part.trim_start_matches('_');
        }
        if index < last {
            part = part.trim_end_matches('_');
        }
        if part.is_empty() {
            continue;
        }
        if !name.is_empty() {
            name.push('_');
        }
        name.push_str(part);
    }
    name
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if is_keyword(&name) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Hands out names unique within one scope: the second `fooBar`/`foo_bar` becomes `foo_bar_2`.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks a name as used without handing it out.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(bare(name).to_owned());
    }

    /// Whether the name is used.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(bare(name))
    }

    /// `wanted` if free, else `wanted` with the smallest free numeric suffix.
    pub fn claim(&mut self, wanted: &str) -> String {
        let raw = wanted.strip_prefix("r#");
        if self.taken.insert(bare(wanted).to_owned()) {
            return wanted.to_owned();
        }
        // `self_` (an escaped keyword) goes on as `self_2`, not `self__2`.
        let base = bare(wanted).trim_end_matches('_');
        let base = if base.is_empty() { "field" } else { base };
        let separator = if base.ends_with(|c: char| c.is_ascii_digit())
            || raw.is_some()
            || base.contains('_')
            || base.chars().next().is_some_and(|c| c.is_lowercase())
        {
            "_"
        } else {
            ""
        };
        let mut n = 2usize;
        loop {
            let candidate = format!("{base}{separator}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_names() {
        assert_eq!(
            type_name("microsoft.graph.deviceComplianceUserStatus"),
            "DeviceComplianceUserStatus"
        );
        assert_eq!(
            type_name("microsoft.graph.ODataErrors.MainError"),
            "MainError"
        );
        assert_eq!(
            qualified_type_name("microsoft.graph.ODataErrors.MainError"),
            "MicrosoftGraphODataErrorsMainError"
        );
        assert_eq!(field_name("@odata.type"), "odata_type");
        assert_eq!(field_name("@odata.nextLink"), "odata_next_link");
        assert_eq!(field_name("devicesCount"), "devices_count");
        assert_eq!(field_name("request-id"), "request_id");
    }

    #[test]
    fn operation_groups_come_from_the_first_tag_or_the_path() {
        assert_eq!(
            operation_group(Some("deviceManagement.deviceCompliancePolicy"), "/x"),
            "device_management_device_compliance_policy"
        );
        assert_eq!(operation_group(None, "/things/{id}/parts"), "things");
        assert_eq!(operation_group(None, "/{id}/parts"), "parts");
        assert_eq!(operation_group(None, "/"), "root");
        assert_eq!(operation_group(Some("..."), "/things"), "root");
        assert_eq!(operation_group(None, "/runtime"), "runtime");
        assert_eq!(operation_group(Some("aux"), "/x"), "aux_");
    }

    #[test]
    fn file_stems_avoid_windows_device_names() {
        assert_eq!(
            file_stem("DeviceComplianceUserStatus"),
            "device_compliance_user_status"
        );
        for (name, stem) in [
            ("Con", "con_"),
            ("Nul", "nul_"),
            ("Com1", "com1_"),
            ("Lpt9", "lpt9_"),
        ] {
            assert_eq!(file_stem(name), stem);
        }
        assert_eq!(file_stem("Console"), "console");
        assert_eq!(file_stem("Comx"), "comx");
    }

    /// A stem is also its part's module name: `mod type;` or `mod 3d;` would not parse, and a
    /// part named `models` would clash with the `models` its file imports.
    #[test]
    fn file_stems_are_module_names() {
        for (name, stem) in [
            ("type", "type_"),
            ("Self", "self_"),
            ("3d", "_3d"),
            ("models", "models_"),
            ("fast", "fast_"),
            ("checks", "checks_"),
            ("checksPattern", "checks_pattern_"),
            ("...", "unnamed"),
            ("Fastest", "fastest"),
        ] {
            assert_eq!(file_stem(name), stem);
            assert!(syn::parse_str::<syn::Ident>(stem).is_ok(), "{stem}");
        }
    }

    #[test]
    fn long_file_stems_are_cut_and_told_apart_by_a_hash() {
        let deep = "IdentityGovernanceEntitlementManagementAccessPackageAssignmentsAccessPackageResourceRoleScopes";
        let (first, second) = (format!("{deep}ExpandItem"), format!("{deep}SelectItem"));
        let (a, b) = (file_stem(&first), file_stem(&second));
        assert_eq!(a.len(), 80, "{a}");
        assert_ne!(a, b);
        assert_eq!(a[..71], b[..71]);
        assert!(
            a.starts_with(
                "identity_governance_entitlement_management_access_package_assignments_a_"
            ),
            "{a}"
        );
        assert_eq!(a, file_stem(&first), "the same name, the same stem");
        assert_eq!(
            fnv1a(b"a"),
            0xe40c_292c,
            "FNV-1a's published value for \"a\""
        );
        let exact = "a".repeat(80);
        assert_eq!(file_stem(&exact), exact);
    }

    #[test]
    fn keywords_digits_and_reserved() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("2fa"), "_2fa");
        assert_eq!(type_name("type"), "Type");
        assert_eq!(type_name("option"), "OptionType");
        assert_eq!(type_name("rawParams"), "RawParamsType");
        assert_eq!(type_name("paramReader"), "ParamReader");
        assert_eq!(type_name("guarded"), "Guarded");
        assert_eq!(type_name("3d"), "T3d");
        assert_eq!(operation_method_name("5Certs"), "op_5certs");
        assert_eq!(operation_method_name("2"), "op_2");
        assert_eq!(operation_method_name("type"), "r#type");
        assert_eq!(variant_name("not-applicable"), "NotApplicable");
        assert_eq!(variant_name("1st"), "V1st");
        assert_eq!(variant_name("self"), "SelfValue");
        assert_eq!(variant_name("*"), "Asterisk");
        assert_eq!(variant_name("-INF"), "MinusInf");
        assert_eq!(variant_name("+1"), "Plus1");
        assert_eq!(variant_name("<="), "LessEquals");
        assert_eq!(variant_name("\u{2014}"), "Symbol");
        assert_eq!(variant_name(""), "Empty");
    }

    #[test]
    fn collisions_get_stable_suffixes() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim("FooBar"), "FooBar");
        assert_eq!(scope.claim("FooBar"), "FooBar2");
        assert_eq!(scope.claim("FooBar"), "FooBar3");
        let mut fields = Scope::new();
        assert_eq!(fields.claim("foo_bar"), "foo_bar");
        assert_eq!(fields.claim("foo_bar"), "foo_bar_2");
        assert_eq!(fields.claim("r#type"), "r#type");
        assert_eq!(fields.claim("r#type"), "type_2");
        assert_eq!(fields.claim("self_"), "self_");
        assert_eq!(fields.claim("self_"), "self_2");
    }

    #[test]
    fn joined_names_have_no_double_underscore() {
        assert_eq!(joined(&["self_", "segment"]), "self_segment");
        assert_eq!(joined(&["r#type", "parts"]), "type_parts");
        assert_eq!(joined(&["_2fa", "segment"]), "_2fa_segment");
        assert_eq!(joined(&["parse", "_2fa", "body"]), "parse_2fa_body");
        assert_eq!(joined(&["validate", "foo_bar2"]), "validate_foo_bar2");
    }
}
