//! Bytes to text: BOM sniffing, UTF-8, UTF-16 and a Windows-1252 fallback.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How a file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoded {
    /// Valid UTF-8 (with or without a BOM).
    Utf8,
    /// UTF-16 with a BOM.
    Utf16,
    /// Not valid UTF-8: read as Windows-1252.
    Windows1252,
}

/// Why bytes are not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// A NUL byte outside a UTF-16 file: a binary file.
    Binary,
}

/// Decodes `bytes` as text.
///
/// A UTF-8 or UTF-16 byte order mark decides the encoding (and is dropped). Without
/// one, a NUL byte marks a binary file; valid UTF-8 is taken as is; anything else is
/// decoded as Windows-1252, the usual encoding of older Western news files.
pub fn decode(bytes: &[u8]) -> Result<(String, Decoded), NotText> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let kind = if enc == UTF_8 { Decoded::Utf8 } else { Decoded::Utf16 };
        let (text, _) = if enc == UTF_16LE || enc == UTF_16BE {
            enc.decode_without_bom_handling(body)
        } else {
            UTF_8.decode_without_bom_handling(body)
        };
        if kind == Decoded::Utf8 && text.contains('\0') {
            return Err(NotText::Binary);
        }
        return Ok((text.into_owned(), kind));
    }
    if memchr_nul(bytes) {
        return Err(NotText::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), Decoded::Utf8)),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok((text.into_owned(), Decoded::Windows1252))
        }
    }
}

fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_usual_encodings() {
        assert_eq!(decode(b"plain").unwrap(), ("plain".into(), Decoded::Utf8));
        assert_eq!(decode("\u{feff}bom é".as_bytes()).unwrap(), ("bom é".into(), Decoded::Utf8));
        let mut le = vec![0xFF, 0xFE];
        for u in "Xi’s".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap(), ("Xi’s".into(), Decoded::Utf16));
        let mut be = vec![0xFE, 0xFF];
        for u in "ok".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap(), ("ok".into(), Decoded::Utf16));
        // Windows-1252 curly quotes and e-acute.
        assert_eq!(
            decode(b"\x93caf\xe9\x94").unwrap(),
            ("\u{201c}caf\u{e9}\u{201d}".into(), Decoded::Windows1252)
        );
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"ab\0cd"), Err(NotText::Binary));
        assert_eq!(decode(b"\xef\xbb\xbfab\0"), Err(NotText::Binary));
    }
}
