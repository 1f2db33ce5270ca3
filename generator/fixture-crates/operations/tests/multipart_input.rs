//! The multipart parser on bodies stitched at random from the pieces a multipart body is made
//! of: it answers every one with parts or with one `invalidMultipart` violation, never a panic,
//! and what the writer encodes it reads back as written.

use fixture_operations::multipart::{encode, FilePart};
use fixture_operations::operations::parse_upload_attachment_body;

const PIECES: &[&[u8]] = &[
    b"--B", b"--B--", b"\r\n", b"\r\n\r\n", b"\n", b"Content-Disposition: form-data", b"; name=\"title\"",
    b"; name=\"file\"", b"; filename=\"a\\\"b\"", b"; name=", b"\"", b";", b"Content-Type: text/plain",
    b"x", b"", b"\xff\xfe", b" ", b"--", b"form-data", b"name=\"tags\"",
];

struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn stitched_bodies_never_panic_the_parser() {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let (mut parsed, mut refused) = (0, 0);
    for _ in 0..20_000 {
        let mut body = Vec::new();
        for _ in 0..random.below(24) {
            body.extend_from_slice(PIECES[random.below(PIECES.len())]);
        }
        match parse_upload_attachment_body(&body, "multipart/form-data; boundary=B") {
            Ok(_) => parsed += 1,
            Err(error) => {
                assert!(!error.violations.is_empty());
                refused += 1;
            }
        }
    }
    assert!(refused > 0, "some stitched bodies must be refused");
    assert_eq!(parsed + refused, 20_000);
}

#[test]
fn what_the_writer_encodes_the_parser_reads_back() {
    let file = FilePart { filename: Some("r\"\n.bin".into()), content_type: Some("image/png".into()), bytes: b"\r\n--part-boundary-00000000--\r\n".to_vec() };
    let parts = [("title", FilePart::new("t")), ("file", file.clone())];
    let (content_type, body) = encode(&parts);
    assert_eq!(content_type, "multipart/form-data; boundary=part-boundary-00000001", "the first boundary is in the file");
    let parsed = parse_upload_attachment_body(&body, &content_type).unwrap();
    assert_eq!((parsed.title.as_str(), parsed.file), ("t", file));
}
