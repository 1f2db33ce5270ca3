//! YAML text read one mapping entry at a time, where its layout shows where the entries begin.
//!
//! serde_yaml lists every event of a document before it builds anything, and for a large spec
//! that list takes about twice the memory of the value read from it. In block style, each entry
//! of a mapping starts on a line of its own at the mapping's indentation, and everything that
//! belongs to the entry (a nested node, a block scalar, the next line of a plain or quoted
//! scalar) is indented further or ends the entry's text unfinished. So the text between two such
//! lines reads alone as the same entry it is inside the document, and a large entry whose value
//! is itself a block mapping is split the same way, one level down.
//!
//! Anything this does not follow gives `None` and the caller reads the text whole: a document
//! marker or directive, a root that is not a block mapping, a piece that does not read (an
//! anchor named in another piece, a quote or bracket closed in the next one), or a key two
//! pieces share. The whole read then gives the value or the error with its line.

use super::json_value::FiniteValue;
use serde_json::{Map, Value};

/// An entry at most this long is read in one piece: each piece costs a reader of its own, and
/// a piece's events take many times its text, so the size balances speed against peak memory
/// (the figures are in docs/performance.md).
pub(super) const PIECE_BYTES: usize = 8 * 1024;

/// The value of `text`, read piece by piece, or `None` if it must be read whole.
pub(super) fn read_in_pieces(text: &str, piece_bytes: usize) -> Option<Value> {
    if text.len() <= piece_bytes {
        return None;
    }
    let marked = text
        .split_inclusive('\n')
        .any(|line| line.starts_with("---") || line.starts_with("...") || line.starts_with('%'));
    if marked {
        return None;
    }
    mapping(text, 0, piece_bytes).map(Value::Object)
}

/// The block mapping whose entries start at column `indent` of `text`.
fn mapping(text: &str, indent: usize, piece_bytes: usize) -> Option<Map<String, Value>> {
    let mut object = Map::new();
    let mut piece_start = 0;
    let mut started = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if starts_entry(line, indent) {
            if started {
                entry(&text[piece_start..offset], indent, piece_bytes, &mut object)?;
                piece_start = offset;
            }
            started = true;
        } else if !started && has_content(line) {
            return None;
        }
        offset += line.len();
    }
    if !started {
        return None;
    }
    entry(&text[piece_start..], indent, piece_bytes, &mut object)?;
    Some(object)
}

/// Adds the entries of one piece (one entry, or a few a split could not tell apart).
fn entry(
    piece: &str,
    indent: usize,
    piece_bytes: usize,
    object: &mut Map<String, Value>,
) -> Option<()> {
    if piece.len() > piece_bytes {
        if let Some((key, body, body_indent)) = nested_mapping(piece, indent) {
            let value = mapping(body, body_indent, piece_bytes)?;
            return insert(object, key, Value::Object(value));
        }
    }
    let FiniteValue(Value::Object(entries)) = serde_yaml::from_str(piece).ok()? else {
        return None;
    };
    for (key, value) in entries {
        insert(object, key, value)?;
    }
    Some(())
}

/// For a piece `key:` whose value is a block mapping on the lines below: the key, the text of
/// the value, and the column its entries start at.
fn nested_mapping(piece: &str, indent: usize) -> Option<(String, &str, usize)> {
    let mut lines = piece.split_inclusive('\n');
    let mut header_end = 0;
    let header = lines.by_ref().find(|line| {
        header_end += line.len();
        has_content(line)
    })?;
    // A comment, anchor or tag after the colon, or a value on the same line: read whole.
    let bare = header.trim_end();
    if !bare.ends_with(':') || bare.contains('#') || bare.contains('&') || bare.contains('!') {
        return None;
    }
    let first = lines.find(|line| has_content(line))?;
    let body_indent = first.len() - first.trim_start_matches(' ').len();
    if body_indent <= indent || !starts_entry(first, body_indent) {
        return None;
    }
    let FiniteValue(Value::Object(header)) = serde_yaml::from_str(bare).ok()? else {
        return None;
    };
    let (key, value) = header.into_iter().next()?;
    value
        .is_null()
        .then_some((key, &piece[header_end..], body_indent))
}

fn insert(object: &mut Map<String, Value>, key: String, value: Value) -> Option<()> {
    if object.contains_key(&key) {
        return None;
    }
    object.insert(key, value);
    Some(())
}

/// Whether `line` is `indent` spaces and then what can only begin a plain or quoted key: not a
/// list item, comment, explicit key, anchor, alias, tag or flow collection.
fn starts_entry(line: &str, indent: usize) -> bool {
    let bytes = line.as_bytes();
    bytes.len() > indent
        && bytes[..indent].iter().all(|&byte| byte == b' ')
        && (bytes[indent].is_ascii_alphanumeric()
            || matches!(bytes[indent], b'_' | b'/' | b'$' | b'.' | b'\'' | b'"'))
}

/// Whether `line` holds more than blanks and a comment.
fn has_content(line: &str) -> bool {
    let rest = line.trim_start();
    !rest.is_empty() && !rest.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> Option<Value> {
        serde_yaml::from_str::<FiniteValue>(text)
            .ok()
            .map(|value| value.0)
    }

    /// Read in pieces of every size down to single entries, `text` gives what the whole read
    /// gives, or is left to it; returns whether any size was read in pieces.
    fn agrees(text: &str) -> bool {
        let mut split = false;
        for piece_bytes in [0, 40, 200, 1000, PIECE_BYTES] {
            if let Some(value) = read_in_pieces(text, piece_bytes) {
                assert_eq!(
                    Some(value),
                    whole(text),
                    "piece size {piece_bytes}:\n{text}"
                );
                split = true;
            }
        }
        split
    }

    #[test]
    fn the_specs_in_this_repository_read_the_same_in_pieces() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let mut files = vec![format!("{root}/spec/device-compliance-user-status.yaml")];
        for entry in std::fs::read_dir(format!("{root}/generator/tests/fixtures")).unwrap() {
            let path = entry.unwrap().path();
            if path
                .extension()
                .is_some_and(|extension| extension == "yaml")
            {
                files.push(path.display().to_string());
            }
        }
        let mut split = 0;
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            if agrees(&text) {
                split += 1;
            } else {
                assert!(
                    whole(&text).is_none(),
                    "{file} reads whole but not in pieces"
                );
            }
        }
        assert_eq!(split, files.len(), "every one of them is in block style");
    }

    #[test]
    fn entries_split_at_their_own_indentation_only() {
        let text = "\
# leading comment
openapi: 3.0.3
paths:
  /a:
    get:
      description: |
        first line

        # not a comment
      tags:
      - one
      - two
# a comment further left
    put:
      summary: a plain scalar
        that goes on
  '/b/{id}':
    get: {summary: flow}
components:
  schemas:
    a: {type: string}
    \"b\":
      type: object\r
      properties:\r
        c: {type: integer}\r
";
        assert!(agrees(text));
        let value = read_in_pieces(text, 0).unwrap();
        assert_eq!(
            value["paths"]["/a"]["get"]["description"],
            "first line\n\n# not a comment\n"
        );
        assert_eq!(
            value["paths"]["/a"]["put"]["summary"],
            "a plain scalar that goes on"
        );
        assert_eq!(
            value["components"]["schemas"]["b"]["properties"]["c"]["type"],
            "integer"
        );
    }

    #[test]
    fn text_a_piece_cannot_read_alone_is_left_to_the_whole_read() {
        let cases = [
            // a quoted scalar whose next line sits at the key's column
            "a:\n  b: \"one\n  two\"\n  c: 1\n",
            // an anchor in one piece, its alias in the next
            "a:\n  b: &shared {x: 1}\n  c: *shared\n",
            "a:\n  b: &shared\n    x: 1\n  c:\n    <<: *shared\n",
            // a flow mapping over several lines
            "a:\n  b: {x: 1,\n  y: 2}\n  c: 1\n",
            // a key two pieces share: the whole read refuses it with its line
            "a:\n  b: 1\n  c: 2\n  b: 3\n",
            // document markers and directives
            "---\na: 1\nb: 2\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: 1\nb: 2\n...\n",
            // a root that is not a block mapping
            "- a\n- b\n",
            "{a: 1,\nb: 2}\n",
        ];
        for text in cases {
            for piece_bytes in [0, 4] {
                assert_eq!(read_in_pieces(text, piece_bytes), None, "{text}");
            }
        }
    }

    #[test]
    fn what_the_whole_read_refuses_is_not_read_in_pieces() {
        let cases = [
            "a:\n  b: 1\n c: 2\n",
            "a:\n  b: [1,\n  c: 2\n",
            "a:\n  b: 'open\n  c: 2\n",
            "a:\n  b: 1\n\tc: 2\n",
        ];
        for text in cases {
            assert!(whole(text).is_none(), "{text}");
            assert_eq!(read_in_pieces(text, 0), None, "{text}");
        }
    }

    /// Lines of the mission spec changed at random (indentation, quotes and brackets left open,
    /// anchors, aliases, list items, explicit keys, markers, tabs, lines repeated or dropped):
    /// whatever the pieces read must be what the whole read gives.
    #[test]
    fn mutated_specs_read_in_pieces_only_as_the_whole_read_reads_them() {
        let spec = include_str!("../../../spec/device-compliance-user-status.yaml");
        let inserts = [
            "  x: \"open",
            "  y: [1,",
            "  z: 'open",
            "  a: &shared {k: 1}",
            "  b: *shared",
            "  <<: *shared",
            "  ? explicit",
            "  - item",
            "---",
            "%YAML 1.2",
            "\tk: v",
            "  # a comment",
            "k: {a: 1,",
            "  description: |",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut below = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % n
        };
        let mut split = 0;
        for _ in 0..200 {
            let mut lines: Vec<String> = spec.lines().map(str::to_owned).collect();
            for _ in 0..1 + below(3) {
                let at = below(lines.len());
                match below(6) {
                    0 => lines[at] = format!(" {}", lines[at]),
                    1 => {
                        lines[at] = lines[at]
                            .strip_prefix("  ")
                            .unwrap_or(&lines[at])
                            .to_owned()
                    }
                    2 => lines.insert(at, inserts[below(inserts.len())].to_owned()),
                    3 => lines.insert(at, lines[at].clone()),
                    4 => drop(lines.remove(at)),
                    _ => lines[at].push_str(if below(2) == 0 { " # note" } else { ":" }),
                }
            }
            let text = lines.join("\n") + "\n";
            for piece_bytes in [0, 64, 512] {
                if let Some(value) = read_in_pieces(&text, piece_bytes) {
                    assert_eq!(
                        Some(value),
                        whole(&text),
                        "piece size {piece_bytes}:\n{text}"
                    );
                    split += 1;
                }
            }
        }
        assert!(
            split > 100,
            "only {split} mutated texts were read in pieces"
        );
    }
}
