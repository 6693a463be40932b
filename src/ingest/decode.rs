//! Bytes to text: byte order marks, the page's own charset declaration, UTF-8, and a
//! statistical detector for everything else.
//!
//! The order follows what browsers do, with one deviation that saved pages need:
//!
//! 1. a UTF-8 or UTF-16 byte order mark decides (and is dropped);
//! 2. for HTML, a `<meta charset>` or `<meta http-equiv="Content-Type" content="...;
//!    charset=...">` found by a prescan of the head (labels as the Encoding Standard
//!    defines them, so `iso-8859-1` means Windows-1252 and `utf-16` means UTF-8);
//! 3. text that is UTF-8 (more well-formed multi-byte sequences than malformed ones) is
//!    UTF-8, even when a meta tag says otherwise: a page saved by a browser or a crawler
//!    is often re-encoded to UTF-8 with its old meta tag left in place, while legacy text
//!    almost never happens to form UTF-8 sequences;
//! 4. otherwise `chardetng`, the detector Firefox uses for unlabelled pages, guesses
//!    among the legacy encodings (Windows-125x, ISO-8859-x, KOI8, GBK, Big5, Shift_JIS,
//!    EUC-JP, EUC-KR...).

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How a file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoded {
    /// UTF-8 (with or without a BOM).
    Utf8,
    /// UTF-16 with a BOM.
    Utf16,
    /// Windows-1252 (also what `iso-8859-1` and `us-ascii` labels mean on the web).
    Windows1252,
    /// Another legacy encoding, declared by the page or guessed by the detector.
    Other(&'static Encoding),
}

impl Decoded {
    fn of(enc: &'static Encoding) -> Decoded {
        if enc == UTF_8 {
            Decoded::Utf8
        } else if enc == UTF_16LE || enc == UTF_16BE {
            Decoded::Utf16
        } else if enc == WINDOWS_1252 {
            Decoded::Windows1252
        } else {
            Decoded::Other(enc)
        }
    }

    /// The encoding's canonical name, e.g. `UTF-8`, `windows-1251`, `Shift_JIS`.
    #[cfg(test)]
    fn name(self) -> &'static str {
        match self {
            Decoded::Utf8 => "UTF-8",
            Decoded::Utf16 => "UTF-16",
            Decoded::Windows1252 => "windows-1252",
            Decoded::Other(enc) => enc.name(),
        }
    }
}

/// What decided the encoding of an HTML page (see [`html_encoding`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// A byte order mark.
    Bom,
    /// The page's `<meta charset>` or `http-equiv` declaration.
    Meta,
    /// The bytes are UTF-8.
    Utf8,
    /// The statistical detector.
    Detector,
}

/// Why bytes are not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// A NUL byte outside a UTF-16 file: a binary file.
    Binary,
}

/// Decodes `bytes` as text (any format but HTML; see [`decode_html`]).
///
/// A UTF-8 or UTF-16 byte order mark decides the encoding (and is dropped). Without
/// one, a NUL byte marks a binary file; UTF-8 is taken as is; anything else goes to the
/// detector, which picks the most likely legacy encoding (Windows-1252 for Western
/// text).
pub fn decode(bytes: &[u8]) -> Result<(String, Decoded), NotText> {
    decode_as(bytes, false)
}

/// Decodes an HTML page: like [`decode`], but a charset declared in the page's head
/// is honoured before the detector is asked.
pub fn decode_html(bytes: &[u8]) -> Result<(String, Decoded), NotText> {
    decode_as(bytes, true)
}

fn decode_as(bytes: &[u8], html: bool) -> Result<(String, Decoded), NotText> {
    let (enc, source) = choose(bytes, html);
    if source == EncodingSource::Bom {
        let (enc, bom_len) = Encoding::for_bom(bytes).expect("a BOM was found");
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if enc == UTF_8 && text.contains('\0') {
            return Err(NotText::Binary);
        }
        return Ok((text.into_owned(), Decoded::of(enc)));
    }
    if bytes.contains(&0) {
        return Err(NotText::Binary);
    }
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Ok((text.into_owned(), Decoded::of(enc)))
}

#[cfg(test)]
/// The encoding [`decode_html`] uses for `bytes`, and what decided it.
pub fn html_encoding(bytes: &[u8]) -> (&'static Encoding, EncodingSource) {
    choose(bytes, true)
}

fn choose(bytes: &[u8], html: bool) -> (&'static Encoding, EncodingSource) {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return (enc, EncodingSource::Bom);
    }
    let utf8 = looks_utf8(bytes);
    if html {
        if let Some(declared) = prescan_charset(bytes) {
            // A declared legacy encoding loses to bytes that are UTF-8 (a re-saved
            // page); a declared UTF-8 loses only to bytes that are clearly not.
            if declared == UTF_8 && utf8 != Utf8Evidence::Against {
                return (UTF_8, EncodingSource::Meta);
            }
            if declared != UTF_8 && utf8 != Utf8Evidence::For {
                return (declared, EncodingSource::Meta);
            }
        }
    }
    if utf8 != Utf8Evidence::Against {
        return (UTF_8, EncodingSource::Utf8);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    (detector.guess(None, Utf8Detection::Deny), EncodingSource::Detector)
}

/// What the bytes say about UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Utf8Evidence {
    /// Only ASCII: any ASCII-compatible encoding reads it the same.
    Neutral,
    /// Well-formed multi-byte sequences outnumber malformed ones.
    For,
    /// Malformed sequences are at least as many as well-formed ones.
    Against,
}

/// Counts well-formed and malformed UTF-8 sequences. A few stray bytes from another
/// encoding pasted into a UTF-8 page leave it UTF-8; legacy text is almost all
/// malformed as UTF-8.
fn looks_utf8(bytes: &[u8]) -> Utf8Evidence {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.bytes().filter(|&b| b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let valid = &rest[..e.valid_up_to()];
                good += valid.iter().filter(|&&b| b >= 0xC0).count();
                bad += 1;
                // A sequence cut by the end of the file is not evidence against.
                let skip = match e.error_len() {
                    Some(n) => n,
                    None => {
                        bad -= 1;
                        break;
                    }
                };
                rest = &rest[e.valid_up_to() + skip..];
            }
        }
    }
    if bad == 0 && good == 0 {
        Utf8Evidence::Neutral
    } else if good > bad {
        Utf8Evidence::For
    } else {
        Utf8Evidence::Against
    }
}

/// How far into the page the prescan looks for a charset declaration. Browsers stop
/// after 1024 bytes; saved pages often carry long comments and scripts first.
const PRESCAN_BYTES: usize = 64 * 1024;

/// Finds the charset a page declares in a `<meta>` tag before its body starts.
pub fn prescan_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut i = 0;
    while let Some(at) = find_ci(&head[i..], b"<") {
        let start = i + at;
        let rest = &head[start..];
        if starts_with_ci(rest, b"<!--") {
            i = start + 4 + find_ci(&rest[4..], b"-->").map_or(rest.len() - 4, |e| e + 3);
            continue;
        }
        if starts_with_ci(rest, b"<body") {
            return None;
        }
        let end = rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        if starts_with_ci(rest, b"<meta") && rest.len() > 5 && is_space_or_slash(rest[5]) {
            if let Some(enc) = meta_charset(&rest[5..end]) {
                return Some(enc);
            }
        }
        i = start + 1;
    }
    None
}

/// The charset of one meta tag's attributes, as the HTML prescan reads them.
fn meta_charset(attrs: &[u8]) -> Option<&'static Encoding> {
    let mut charset = None;
    let mut content = None;
    let mut http_equiv_content_type = false;
    for (name, value) in attributes(attrs) {
        if name.eq_ignore_ascii_case(b"charset") {
            charset.get_or_insert(value);
        } else if name.eq_ignore_ascii_case(b"content") {
            content.get_or_insert(value);
        } else if name.eq_ignore_ascii_case(b"http-equiv") {
            http_equiv_content_type = value.trim_ascii().eq_ignore_ascii_case(b"content-type");
        }
    }
    let label = match (charset, content) {
        (Some(c), _) => c,
        (None, Some(c)) if http_equiv_content_type => charset_in_content(c)?,
        _ => return None,
    };
    let enc = Encoding::for_label(label.trim_ascii())?;
    // The Encoding Standard: a declared UTF-16 page is read as UTF-8 (the bytes of a
    // real UTF-16 page could not have been read to find the tag).
    Some(if enc == UTF_16LE || enc == UTF_16BE { UTF_8 } else { enc })
}

/// `text/html; charset=koi8-r` → `koi8-r`.
fn charset_in_content(content: &[u8]) -> Option<&[u8]> {
    let at = find_ci(content, b"charset")?;
    let rest = content[at + 7..].trim_ascii_start();
    let rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end =
        rest.iter().position(|&b| matches!(b, b';' | b'"' | b'\'') || b.is_ascii_whitespace());
    Some(&rest[..end.unwrap_or(rest.len())])
}

/// The `name=value` pairs of a tag's attribute text (quoted or not).
fn attributes(mut s: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    std::iter::from_fn(move || {
        s = s.trim_ascii_start();
        while let Some(rest) = s.strip_prefix(b"/") {
            s = rest.trim_ascii_start();
        }
        if s.is_empty() {
            return None;
        }
        let name_end = s
            .iter()
            .position(|&b| b == b'=' || b.is_ascii_whitespace() || b == b'/')
            .unwrap_or(s.len());
        let name = &s[..name_end.max(1)];
        s = s[name.len()..].trim_ascii_start();
        let Some(rest) = s.strip_prefix(b"=") else { return Some((name, &b""[..])) };
        s = rest.trim_ascii_start();
        let value;
        if let Some(q @ (b'"' | b'\'')) = s.first().copied() {
            let end = s[1..].iter().position(|&b| b == q).map_or(s.len(), |e| e + 1);
            value = &s[1..end];
            s = &s[(end + 1).min(s.len())..];
        } else {
            let end = s.iter().position(|&b| b.is_ascii_whitespace()).unwrap_or(s.len());
            value = &s[..end];
            s = &s[end..];
        }
        Some((name, value))
    })
}

fn is_space_or_slash(b: u8) -> bool {
    b.is_ascii_whitespace() || b == b'/'
}

fn starts_with_ci(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() == 1 {
        return hay.iter().position(|&b| b == needle[0]);
    }
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use encoding_rs::{
        BIG5, EUC_KR, GBK, ISO_8859_2, KOI8_R, KOI8_U, SHIFT_JIS, WINDOWS_1250, WINDOWS_1251,
    };

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

    /// A page with `meta` (may be empty) in its head and `body` as its text, encoded.
    fn page(enc: &'static Encoding, meta: &str, body: &str) -> Vec<u8> {
        let src = format!(
            "<!DOCTYPE html><html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"
        );
        let (bytes, _, unmappable) = enc.encode(&src);
        assert!(!unmappable, "{} cannot encode the test text", enc.name());
        bytes.into_owned()
    }

    /// Decodes `bytes` as HTML and checks the text and the encoding.
    fn check(bytes: &[u8], body: &str, want: &'static Encoding, by: EncodingSource) {
        let (text, decoded) = decode_html(bytes).unwrap();
        assert!(text.contains(body), "{}: {text}", want.name());
        assert_eq!(decoded, Decoded::of(want));
        assert_eq!(html_encoding(bytes), (want, by), "{}", want.name());
    }

    const CHINESE: &str = "国务院昨日召开常务会议，研究部署进一步加强农业基础设施建设，\
        会议指出，要坚持稳中求进的工作总基调，推动经济社会高质量发展，保障国家粮食安全。";
    const TRADITIONAL: &str = "行政院昨日召開會議，討論進一步加強農業基礎設施建設，\
        會議指出，要堅持穩中求進的工作總基調，推動經濟社會高品質發展，保障國家糧食安全。";
    const RUSSIAN: &str = "Правительство утвердило новый план развития транспортной \
        инфраструктуры в регионах, сообщила пресс-служба министерства в понедельник.";
    const JAPANESE: &str = "政府は月曜日、地方の交通インフラを整備する新しい計画を承認したと\
        発表しました。計画には鉄道と道路の改修が含まれています。";
    const KOREAN: &str = "정부는 월요일 지방 교통 기반 시설을 개선하는 새로운 계획을 \
        승인했다고 발표했습니다. 계획에는 철도와 도로 보수가 포함됩니다.";
    const POLISH: &str = "Rząd zatwierdził w poniedziałek nowy plan rozwoju infrastruktury \
        transportowej w regionach, poinformowało ministerstwo. Źródło: żółć gęślą jaźń.";
    const FRENCH: &str = "Le gouvernement a approuvé lundi un nouveau plan « ambitieux » pour \
        les transports régionaux, a précisé le ministère — une première depuis l’été.";

    #[test]
    fn detects_legacy_encodings_without_a_declaration() {
        for (enc, text) in [
            (GBK, CHINESE),
            (BIG5, TRADITIONAL),
            (WINDOWS_1251, RUSSIAN),
            (SHIFT_JIS, JAPANESE),
            (EUC_KR, KOREAN),
            (WINDOWS_1252, FRENCH),
        ] {
            check(&page(enc, "", text), text, enc, EncodingSource::Detector);
        }
        // The detector names KOI8 text KOI8-U, which reads Russian as KOI8-R does.
        check(&page(KOI8_R, "", RUSSIAN), RUSSIAN, KOI8_U, EncodingSource::Detector);
    }

    #[test]
    fn honours_meta_charset_and_http_equiv() {
        let meta = r#"<meta charset="iso-8859-2">"#;
        check(&page(ISO_8859_2, meta, POLISH), POLISH, ISO_8859_2, EncodingSource::Meta);
        let meta = r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">"#;
        check(&page(WINDOWS_1251, meta, RUSSIAN), RUSSIAN, WINDOWS_1251, EncodingSource::Meta);
        let meta = "<META HTTP-EQUIV=content-type CONTENT='text/html;charset=Shift_JIS'>";
        check(&page(SHIFT_JIS, meta, JAPANESE), JAPANESE, SHIFT_JIS, EncodingSource::Meta);
        let meta = r#"<meta charset=gb2312>"#;
        check(&page(GBK, meta, CHINESE), CHINESE, GBK, EncodingSource::Meta);
        // iso-8859-1 is read as Windows-1252, whose curly quotes it does not have.
        let meta = r#"<meta http-equiv="content-type" content="text/html; charset=ISO-8859-1">"#;
        let bytes = page(WINDOWS_1252, meta, "\u{201c}Caf\u{e9}\u{201d}");
        check(&bytes, "\u{201c}Caf\u{e9}\u{201d}", WINDOWS_1252, EncodingSource::Meta);
        // A declaration of UTF-16 in an ASCII-compatible page means UTF-8.
        let bytes = page(UTF_8, r#"<meta charset="utf-16">"#, "Zürich");
        check(&bytes, "Zürich", UTF_8, EncodingSource::Meta);
    }

    #[test]
    fn a_declaration_in_a_comment_or_the_body_is_not_read() {
        let bytes = page(WINDOWS_1250, "<!-- <meta charset=koi8-r> -->", POLISH);
        assert_eq!(prescan_charset(&bytes), None);
        let bytes = b"<html><body><meta charset=koi8-r>plain</body>";
        assert_eq!(prescan_charset(bytes), None);
        let bytes = b"<html><head><metadata charset=koi8-r><meta charset='koi8-r'>";
        assert_eq!(prescan_charset(bytes), Some(KOI8_R));
    }

    #[test]
    fn the_bom_beats_a_lying_meta() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend(page(UTF_8, r#"<meta charset="windows-1251">"#, "Привет, мир"));
        check(&bytes, "Привет, мир", UTF_8, EncodingSource::Bom);
        let mut le = vec![0xFF, 0xFE];
        let src = r#"<html><head><meta charset="iso-8859-2"></head><body>Ærø 中文</body></html>"#;
        for u in src.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let (text, decoded) = decode_html(&le).unwrap();
        assert!(text.contains("Ærø 中文"));
        assert_eq!(decoded, Decoded::Utf16);
        assert_eq!(decoded.name(), "UTF-16");
    }

    #[test]
    fn utf8_bytes_beat_a_stale_legacy_meta() {
        // A page saved as UTF-8 that still declares its old encoding.
        let bytes = page(UTF_8, r#"<meta charset="euc-kr">"#, KOREAN);
        check(&bytes, KOREAN, UTF_8, EncodingSource::Utf8);
        // A UTF-8 page with a few Latin-1 bytes pasted in stays UTF-8.
        let mut bytes = page(UTF_8, r#"<meta charset="utf-8">"#, "Grüße aus Köln, schön");
        bytes.extend_from_slice(b"<p>Mitgef\xfchl</p>");
        let (text, decoded) = decode_html(&bytes).unwrap();
        assert_eq!(decoded, Decoded::Utf8);
        assert!(text.contains("Grüße aus Köln") && text.contains("Mitgef\u{fffd}hl"));
        // A page that says UTF-8 but is all Windows-1252 is read as Windows-1252.
        let bytes = page(WINDOWS_1252, r#"<meta charset="utf-8">"#, FRENCH);
        check(&bytes, FRENCH, WINDOWS_1252, EncodingSource::Detector);
    }

    #[test]
    fn windows_1252_with_and_without_meta() {
        let text = "Les élèves français étudient à l’école « République »";
        let meta = r#"<meta charset="windows-1252">"#;
        check(&page(WINDOWS_1252, meta, text), text, WINDOWS_1252, EncodingSource::Meta);
        check(&page(WINDOWS_1252, "", text), text, WINDOWS_1252, EncodingSource::Detector);
        assert_eq!(Decoded::Other(KOI8_R).name(), "KOI8-R");
    }
}
