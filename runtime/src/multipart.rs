//! `multipart/form-data` bodies (RFC 7578): files as `FilePart`s, the server's parser and
//! the client's writer. Only crates whose spec has such a body carry this file.

/// A file sent as one part of a `multipart/form-data` body, or any part as it came.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilePart {
    /// The `filename` the part gave, if any.
    pub filename: Option<String>,
    /// The part's `Content-Type`, if it gave one.
    pub content_type: Option<String>,
    /// The part's bytes, as sent.
    pub bytes: Vec<u8>,
}

impl FilePart {
    /// A file of these bytes, with no name or media type.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        FilePart {
            filename: None,
            content_type: None,
            bytes: bytes.into(),
        }
    }
    /// A part holding a value as text: strings as they are, numbers, booleans and enums as
    /// JSON writes them, dates in RFC 3339.
    pub fn text<T: serde::Serialize>(value: &T) -> Self {
        FilePart::new(super::support::param_text(value))
    }
    /// A part holding a value as JSON text, with `Content-Type: application/json`.
    pub fn json<T: serde::Serialize>(value: &T) -> Self {
        FilePart {
            filename: None,
            content_type: Some("application/json".to_owned()),
            bytes: serde_json::to_vec(value).unwrap_or_default(),
        }
    }
}

/// The parts of a `multipart/form-data` body (RFC 7578), by name, in the order sent; each
/// reader takes the parts of its name, and what no reader took is left for
/// [`Parts::undeclared`].
pub struct Parts {
    parts: Vec<(String, FilePart)>,
}

impl Parts {
    /// Splits `body` at the boundary its `content_type` names. A body that does not follow
    /// the format is one violation, `invalidMultipart`, saying where it breaks.
    pub fn parse(
        body: &[u8],
        content_type: &str,
        subject: &'static str,
    ) -> Result<Parts, super::errors::ValidationError> {
        parts_of(body, content_type)
            .map(|parts| Parts { parts })
            .map_err(|message| super::errors::ValidationError {
                subject,
                violations: vec![crate::errors::Violation {
                    code: "invalidMultipart",
                    target: String::new(),
                    message: format!("the multipart body {message}"),
                }],
            })
    }
    fn take(&mut self, name: &str) -> Vec<FilePart> {
        let (taken, kept) = std::mem::take(&mut self.parts)
            .into_iter()
            .partition(|(part, _)| part == name);
        self.parts = kept;
        taken.into_iter().map(|(_, part)| part).collect()
    }
    /// The text of each part sent under `name` (bytes that are not UTF-8 replaced).
    fn take_texts(&mut self, name: &str) -> Vec<String> {
        self.take(name)
            .into_iter()
            .map(|part| String::from_utf8_lossy(&part.bytes).into_owned())
            .collect()
    }
    /// A value read from one part's text as `kind` says, as a query value is.
    pub fn text(&mut self, name: &str, kind: &str) -> super::support::Sent {
        let texts = self.take_texts(name);
        super::support::RawParams::scalar(
            &texts.iter().map(String::as_str).collect::<Vec<_>>(),
            kind,
        )
    }
    /// An array, one item per part.
    pub fn texts(&mut self, name: &str, kind: &str) -> super::support::Sent {
        let texts = self.take_texts(name);
        super::support::RawParams::exploded(
            &texts.iter().map(String::as_str).collect::<Vec<_>>(),
            kind,
        )
    }
    /// A value sent as JSON text in one part.
    pub fn json(&mut self, name: &str) -> super::support::Sent {
        let texts = self.take_texts(name);
        super::support::RawParams::json(&texts.iter().map(String::as_str).collect::<Vec<_>>())
    }
    /// The files sent under `name`.
    pub fn files(&mut self, name: &str) -> Vec<FilePart> {
        self.take(name)
    }
    /// What the files sent under `name` say to the checks: nothing, one, or (for a property
    /// that takes one file) too many.
    pub fn files_sent(files: &[FilePart], many: bool) -> super::support::Sent {
        match files.len() {
            0 => super::support::Sent::Nothing,
            1 => super::support::Sent::Value(serde_json::Value::Null),
            _ if many => super::support::Sent::Value(serde_json::Value::Null),
            count => super::support::Sent::Repeated(count),
        }
    }
    /// Each part's name and text (bytes that are not UTF-8 replaced), in the order sent, to
    /// be read as a form's pairs are.
    pub fn pairs(self) -> Vec<(String, String)> {
        self.parts
            .into_iter()
            .map(|(name, part)| (name, String::from_utf8_lossy(&part.bytes).into_owned()))
            .collect()
    }
    /// The names of the parts no reader took, each once, in the order sent.
    pub fn undeclared(self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for (name, _) in self.parts {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }
}

/// `multipart/form-data` parts of `body`, or what breaks the format.
fn parts_of(body: &[u8], content_type: &str) -> Result<Vec<(String, FilePart)>, String> {
    let boundary = content_type
        .split(';')
        .skip(1)
        .filter_map(|parameter| parameter.split_once('='))
        .find(|(key, _)| key.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, value)| unquoted(value.trim()))
        .filter(|boundary| !boundary.is_empty())
        .ok_or("has no boundary in its Content-Type")?;
    let opening = format!("--{boundary}");
    let delimiter = format!("\r\n--{boundary}");
    let start = find_bytes(body, opening.as_bytes()).ok_or("does not contain its boundary")?;
    let mut rest = &body[start + opening.len()..];
    let mut parts = Vec::new();
    loop {
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        let line_end = find_bytes(rest, b"\r\n").ok_or("ends before its closing boundary")?;
        rest = &rest[line_end + 2..];
        let (head, after_head) = match rest.strip_prefix(b"\r\n") {
            Some(after) => (&rest[..0], after),
            None => {
                let end =
                    find_bytes(rest, b"\r\n\r\n").ok_or("has a part whose headers do not end")?;
                (&rest[..end], &rest[end + 4..])
            }
        };
        let end = find_bytes(after_head, delimiter.as_bytes())
            .ok_or("has a part that does not end with the boundary")?;
        let bytes = after_head[..end].to_vec();
        rest = &after_head[end + delimiter.len()..];
        let head = String::from_utf8_lossy(head);
        let mut name = None;
        let mut part = FilePart {
            bytes,
            ..FilePart::default()
        };
        for line in head.split("\r\n") {
            let Some((header, value)) = line.split_once(':') else {
                continue;
            };
            if header.trim().eq_ignore_ascii_case("content-type") {
                part.content_type = Some(value.trim().to_owned());
            } else if header.trim().eq_ignore_ascii_case("content-disposition") {
                let mut pieces = split_unquoted(value, ';').into_iter();
                if !pieces
                    .next()
                    .is_some_and(|kind| kind.trim().eq_ignore_ascii_case("form-data"))
                {
                    return Err("has a part that is not form-data".to_owned());
                }
                for piece in pieces {
                    let Some((key, value)) = piece.split_once('=') else {
                        continue;
                    };
                    let value = form_data_text(&unquoted(value.trim()));
                    match key.trim().to_ascii_lowercase().as_str() {
                        "name" => name = Some(value),
                        "filename" => part.filename = Some(value),
                        _ => {}
                    }
                }
            }
        }
        let name = name.ok_or("has a part without a name in its Content-Disposition")?;
        parts.push((name, part));
    }
}

/// A `multipart/form-data` body of `parts` and its `Content-Type`, whose boundary none of
/// the parts contains.
pub fn encode(parts: &[(&str, FilePart)]) -> (String, Vec<u8>) {
    let mut attempt = 0u32;
    let boundary = loop {
        let boundary = format!("part-boundary-{attempt:08x}");
        let clashes = parts
            .iter()
            .any(|(_, part)| find_bytes(&part.bytes, boundary.as_bytes()).is_some());
        if !clashes {
            break boundary;
        }
        attempt += 1;
    };
    let mut body = Vec::new();
    for (name, part) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let mut disposition = format!(
            "Content-Disposition: form-data; name=\"{}\"",
            form_data_escaped(name)
        );
        if let Some(filename) = &part.filename {
            disposition.push_str(&format!("; filename=\"{}\"", form_data_escaped(filename)));
        }
        body.extend_from_slice(disposition.as_bytes());
        body.extend_from_slice(b"\r\n");
        if let Some(content_type) = &part.content_type {
            body.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(&part.bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// A parameter value without its quotes and backslash escapes.
fn unquoted(value: &str) -> String {
    let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) else {
        return value.to_owned();
    };
    let mut text = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        text.push(if c == '\\' {
            chars.next().unwrap_or('\\')
        } else {
            c
        });
    }
    text
}

/// `text` split at each `separator` outside double quotes.
fn split_unquoted(text: &str, separator: char) -> Vec<&str> {
    let mut pieces = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (index, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c == separator && !quoted => {
                pieces.push(&text[start..index]);
                start = index + c.len_utf8();
            }
            _ => {}
        }
    }
    pieces.push(&text[start..]);
    pieces
}

/// A name or file name as HTML forms write it in a part's header: `"`, CR and LF as `%22`,
/// `%0D` and `%0A`.
fn form_data_escaped(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The reverse of [`form_data_escaped`].
fn form_data_text(text: &str) -> String {
    text.replace("%22", "\"")
        .replace("%0D", "\r")
        .replace("%0A", "\n")
}
