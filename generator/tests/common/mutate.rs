//! Random line edits of a spec, for the fuzzers: most give broken specs, some valid variants.

use super::random::Random;

/// Lines a mutation puts in: keywords the generator reads, with values it must refuse or take.
const REPLACEMENTS: &[&str] = &[
    "type: object",
    "type: array",
    "type: string",
    "type: integer",
    "type: number",
    "type: boolean",
    "type: null",
    "format: int32",
    "format: date-time",
    "nullable: true",
    "readOnly: true",
    "additionalProperties: false",
    "additionalProperties: {}",
    "items: {}",
    "enum: []",
    "enum: [1, a]",
    "required: [x]",
    "$ref: '#/components/schemas/nope'",
    "$ref: 'http://x/y'",
    "allOf: []",
    "oneOf: [{type: string}]",
    "anyOf: [{$ref: '#/components/schemas/a'}, {nullable: true}]",
    "not: {}",
    "pattern: '(['",
    "minimum: 5",
    "maximum: -5",
    "multipleOf: 0",
    "minimum: .nan",
    "maximum: .inf",
    "enum: [.nan, -.inf]",
    "default: .nan",
    "in: cookie",
    "format: binary",
    "format: uint8",
    "format: int16",
    "application/x-www-form-urlencoded:",
    "application/octet-stream:",
    "multipart/form-data:",
    "content: {application/json: {}}",
    "x-ms-docs-operation-type: action",
    "discriminator: {propertyName: '@odata.type'}",
    "discriminator: {propertyName: '@odata.type', mapping: {'#a': '#/components/schemas/a'}}",
    "$ref: '#/paths/~1items'",
    "$ref: '#/paths/~1items/get/responses/200/content/application~1json/schema'",
    "$ref: '#/paths/~1items~1%7Bitem-id%7D/get/parameters/0'",
    "$ref: '#/components/schemas/a/properties/b'",
    "$ref: '#/components/schemas/a/example'",
    "pattern: '^\\p{Print}[[A-Z]\\s-_\\0]'",
    "enum: [A, B]",
    "'/f(a=''{a}'',b={b})':",
    "'/a/{x}{y}':",
    "'/f(a=''{a}'')':",
    "'/f(a=''{b}'',b={a})':",
    "content: {application/json: {schema: {type: object}}}",
    "content: {application/json: {schema: {type: array, items: {type: object}}}, text/plain: {}}",
    "application/octet-stream: {schema: {type: object}}",
    "text/csv:",
    "style: deepObject",
    "explode: false",
    "schema: {type: object, properties: {a: {type: integer}}}",
    "operationId: send",
    "operationId: x_call_with",
    "- name: x",
    "'{x}':",
    "2XX:",
    "default:",
    "{",
    "}",
    "[",
    "- ",
    "",
    ":",
    "'",
    "\"",
    "\t",
    "~",
    "\u{feff}",
    "ä: ö",
    "0: 1",
    "&anchor",
    "*anchor",
    "!!binary x",
    "security: []",
    "- {}",
    "- basic: []",
    "- token: []",
    "- keyCookie: []",
    "- keyHeader: []\n          keyQuery: []",
    "scheme: basic",
    "scheme: digest",
    "in: cookie",
    "type: apiKey",
];

/// The text with one to five random line edits: removed, copied, swapped, replaced, cut short or
/// inserted.
pub fn mutate(text: &str, random: &mut Random) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for _ in 0..=random.below(4) {
        if lines.is_empty() {
            break;
        }
        let at = random.below(lines.len());
        match random.below(6) {
            0 => {
                lines.remove(at);
            }
            1 => {
                let copy = lines[at].clone();
                lines.insert(random.below(lines.len()), copy);
            }
            2 => {
                let other = random.below(lines.len());
                lines.swap(at, other);
            }
            3 => {
                let indent = lines[at].len() - lines[at].trim_start().len();
                lines[at] = format!("{}{}", " ".repeat(indent), random.pick(REPLACEMENTS));
            }
            4 => {
                let cut = random.below(lines[at].len() + 1);
                let cut = (0..=cut)
                    .rev()
                    .find(|c| lines[at].is_char_boundary(*c))
                    .unwrap_or(0);
                lines[at].truncate(cut);
            }
            _ => {
                let indent = " ".repeat(random.below(12));
                lines.insert(at, format!("{indent}{}", random.pick(REPLACEMENTS)));
            }
        }
    }
    lines.join("\n")
}
