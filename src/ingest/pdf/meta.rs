//! PDF document metadata: the Info dictionary's strings and dates, and the few XMP fields
//! worth reading when the Info dictionary lacks them.

/// The date of a PDF date string (`D:20220403180542+02'00'`, `D:2022`), as `YYYY-MM-DD`
/// (missing month or day become `01`). `None` when it is not a plausible date.
pub fn pdf_date(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s.strip_prefix("D:").unwrap_or(s);
    // Some producers write ISO 8601 instead of the PDF form.
    if s.as_bytes().get(4) == Some(&b'-') {
        return crate::document::parse_date(s).map(|d| d.to_string());
    }
    let digits: String = s.chars().take_while(char::is_ascii_digit).take(8).collect();
    if digits.len() < 4 || digits.len() % 2 == 1 {
        return None;
    }
    let year = &digits[..4];
    let month = digits.get(4..6).unwrap_or("01");
    let day = digits.get(6..8).unwrap_or("01");
    let date = format!("{year}-{month}-{day}");
    chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok()?;
    Some(date)
}

/// The text of the first XMP element named `name` (`dc:title`, `xmp:CreateDate`...), the
/// first `rdf:li` inside it when it holds a list. A plain text scan: XMP packets are small
/// and this reads three fields.
pub fn xmp_field(xmp: &str, name: &str) -> Option<String> {
    let open = format!("<{name}");
    let start = xmp.find(&open)?;
    let rest = &xmp[start + open.len()..];
    // An attribute form: <rdf:Description xmp:CreateDate="..."> is handled by the caller;
    // here the element form.
    let body_start = rest.find('>')? + 1;
    if rest[..body_start].ends_with("/>") {
        return None;
    }
    let close = format!("</{name}>");
    let body = &rest[body_start..body_start + rest[body_start..].find(&close)?];
    let body = match body.find("<rdf:li") {
        Some(li) => {
            let b = &body[li..];
            let s = b.find('>')? + 1;
            &b[s..s + b[s..].find("</rdf:li>")?]
        }
        None => body,
    };
    let text = unescape(body.trim());
    (!text.is_empty() && !text.contains('<')).then_some(text)
}

/// The value of attribute `name="..."` anywhere in the packet (XMP's short form).
pub fn xmp_attribute(xmp: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = xmp.find(&key)? + key.len();
    let value = &xmp[start..start + xmp[start..].find('"')?];
    Some(unescape(value.trim())).filter(|v| !v.is_empty())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Text of a PDF text string: UTF-16BE with a byte-order mark, UTF-8 with one, or
/// PDFDocEncoding (read as Latin-1, which it matches for printable text).
pub fn text_string(bytes: &[u8]) -> String {
    let s = if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> =
            rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| b as char).collect()
    };
    s.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(pdf_date("D:20220403180542+02'00'").as_deref(), Some("2022-04-03"));
        assert_eq!(pdf_date("D:2019").as_deref(), Some("2019-01-01"));
        assert_eq!(pdf_date("2021-07-09T10:00:00Z").as_deref(), Some("2021-07-09"), "ISO form");
        assert_eq!(pdf_date("D:20221340"), None);
        assert_eq!(pdf_date("D:202"), None);
    }

    #[test]
    fn xmp() {
        let x = r#"<rdf:Description xmp:CreateDate="2020-02-03T00:00:00Z"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Chips &amp; Trade</rdf:li></rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>Ann Lee</rdf:li></rdf:Seq></dc:creator></rdf:Description>"#;
        assert_eq!(xmp_field(x, "dc:title").as_deref(), Some("Chips & Trade"));
        assert_eq!(xmp_field(x, "dc:creator").as_deref(), Some("Ann Lee"));
        assert_eq!(xmp_attribute(x, "xmp:CreateDate").as_deref(), Some("2020-02-03T00:00:00Z"));
        assert_eq!(xmp_field(x, "xmp:CreateDate"), None);
    }

    #[test]
    fn text_strings() {
        assert_eq!(text_string(b"\xFE\xFF\x00H\x00i"), "Hi");
        assert_eq!(text_string(b"Caf\xE9"), "Café");
    }
}
