//! `generate` never panics: specs made by mutating the fixtures line by line, and specs built at
//! random from OpenAPI keywords, must each give `Ok` or a list of problems, and never a problem
//! that says the generator made code that does not parse.
//!
//! The pass is bounded and deterministic (a fixed seed); `FUZZ_ITERATIONS` makes it longer, and
//! `FUZZ_TRACE=FILE` prints each case's label and writes the spec being tried to FILE, so the one
//! that hangs or crashes is there to read.

mod common;

use common::mutate::mutate;
use common::random::Random;
use generator::{generate, Options, Spec};
use std::panic::{catch_unwind, AssertUnwindSafe};

fn iterations() -> usize {
    std::env::var("FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

/// Runs `generate`, failing the test on a panic or an emitter bug, and says whether it was Ok.
fn survives(text: &str, label: &str) -> bool {
    let options = Options {
        crate_name: "fuzzed".into(),
        dev_dependencies: None,
        runtime: generator::Runtime::at_path("../runtime"),
        selection: generator::Selection::everything(),
    };
    if let Ok(path) = std::env::var("FUZZ_TRACE") {
        eprintln!("{label}");
        std::fs::write(path, text).unwrap();
    }
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        generate(
            &Spec {
                name: "fuzzed.yaml",
                text,
            },
            &options,
        )
    }));
    match outcome {
        Err(_) => panic!("generate panicked on {label}:\n{text}"),
        Ok(Ok(_)) => true,
        Ok(Err(problems)) => {
            assert!(
                !problems.items.is_empty(),
                "an error with no problems on {label}"
            );
            let text = problems.to_string();
            assert!(!text.contains("generator bug"), "{label}: {text}");
            false
        }
    }
}

#[test]
fn mutated_fixtures_never_panic() {
    let fixtures: Vec<String> = common::fixture_specs()
        .into_iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let mut random = Random(0x005E_ED0F_F022);
    let mut accepted = 0;
    for round in 0..iterations() {
        let seed = &fixtures[round % fixtures.len()];
        accepted += usize::from(survives(
            &mutate(seed, &mut random),
            &format!("mutation {round}"),
        ));
    }
    assert!(accepted > 0, "some mutations keep the spec valid");
}

/// A random schema, `depth` levels deep at most, from the keywords the generator reads.
fn random_schema(random: &mut Random, depth: usize, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let scalar = |random: &mut Random| {
        let typ = random.pick(&["string", "integer", "number", "boolean"]);
        let extra = match typ {
            "string" => random.pick(&[
                "",
                "format: date-time",
                "format: uuid",
                "minLength: 2",
                "enum: [a, b-c, '1']",
                "pattern: '^a'",
            ]),
            "integer" => random.pick(&[
                "",
                "format: int32",
                "format: int64",
                "minimum: 0",
                "maximum: 9",
                "enum: [1, 2]",
            ]),
            "number" => random.pick(&["", "format: int32", "format: float", "multipleOf: 0.5"]),
            _ => "",
        };
        (typ, extra)
    };
    if depth == 0 || random.below(3) == 0 {
        let (typ, extra) = scalar(random);
        let nullable = if random.below(4) == 0 {
            format!("\n{pad}nullable: true")
        } else {
            String::new()
        };
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!("\n{pad}{extra}")
        };
        return format!("{pad}type: {typ}{extra}{nullable}");
    }
    match random.below(6) {
        0 => format!("{pad}type: array\n{pad}items:\n{}", random_schema(random, depth - 1, indent + 2)),
        1 => format!("{pad}type: object\n{pad}additionalProperties:\n{}", random_schema(random, depth - 1, indent + 2)),
        2 => format!("{pad}$ref: '#/components/schemas/s{}'", random.below(4)),
        3 => format!(
            "{pad}anyOf:\n{pad}  - $ref: '#/components/schemas/s{}'\n{pad}  - type: object\n{pad}    nullable: true",
            random.below(4)
        ),
        4 => format!("{pad}allOf:\n{pad}  - $ref: '#/components/schemas/s{}'\n{pad}  -\n{}", random.below(4), object(random, depth - 1, indent + 4)),
        _ => object(random, depth - 1, indent),
    }
}

fn object(random: &mut Random, depth: usize, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut text = format!("{pad}type: object\n{pad}properties:\n");
    let count = 1 + random.below(4);
    for n in 0..count {
        let name = random.pick(&[
            "id",
            "type",
            "self",
            "@odata.type",
            "fooBar",
            "foo_bar",
            "2x",
            "value",
        ]);
        text.push_str(&format!(
            "{pad}  '{name}{n}':\n{}\n",
            random_schema(random, depth, indent + 4)
        ));
    }
    if random.below(2) == 0 {
        text.push_str(&format!(
            "{pad}required: ['{}0']\n",
            random.pick(&["id", "type", "self", "value"])
        ));
    }
    if random.below(3) == 0 {
        text.push_str(&format!("{pad}additionalProperties: false\n"));
    }
    text.trim_end().to_owned()
}

#[test]
fn random_specs_never_panic() {
    let mut random = Random(0xC0DE_CAFE);
    let mut accepted = 0;
    for round in 0..iterations() {
        let mut text = String::from("openapi: 3.0.3\ninfo:\n  title: Random\n  version: '1'\npaths:\n  /things/{s0-id}:\n    get:\n      parameters:\n        - name: s0-id\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/s0'\ncomponents:\n  schemas:\n");
        for n in 0..4 {
            text.push_str(&format!(
                "    s{n}:\n{}\n",
                random_schema(&mut random, 3, 6)
            ));
        }
        accepted += usize::from(survives(&text, &format!("random spec {round}")));
    }
    assert!(accepted > 0, "some random specs are valid");
}
