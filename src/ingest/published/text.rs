//! Dates in visible lines: bylines and date lines near the headline ("Published 8
//! November 2019", "Aktualisiert am 08.11.2019", "Опубліковано 8 листопада 2019").
//! A word just before a date says whether it is the publication or a later update.

use chrono::NaiveDate;

use super::collect::Line;
use super::parse::{self, Rules};

/// Words that announce an update, in lower case.
const UPDATED: &[&str] = &[
    "updated",
    "update",
    "last modified",
    "modified",
    "edited",
    "revised",
    "aktualisiert",
    "geändert",
    "änderung",
    "stand:",
    "mis à jour",
    "modifié",
    "actualizado",
    "actualizada",
    "actualización",
    "atualizado",
    "atualização",
    "aggiornato",
    "aggiornamento",
    "bijgewerkt",
    "обновлено",
    "обновлен",
    "изменено",
    "оновлено",
    "змінено",
    "zaktualizowano",
    "aktualizacja",
    "aktualizováno",
    "aktualizované",
    "güncelleme",
    "güncellendi",
    "uppdaterad",
    "opdateret",
    "oppdatert",
    "päivitetty",
    "frissítve",
    "frissítés",
    "actualizat",
    "ažurirano",
    "posodobljeno",
    "更新",
    "수정",
];

/// Words that announce the publication, in lower case.
const PUBLISHED: &[&str] = &[
    "published",
    "posted",
    "first published",
    "veröffentlicht",
    "publiziert",
    "erschienen",
    "erstellt",
    "publié",
    "publicado",
    "publicada",
    "pubblicato",
    "gepubliceerd",
    "geplaatst",
    "опубликовано",
    "опубликован",
    "опубліковано",
    "опублiковано",
    "opublikowano",
    "publikováno",
    "publikované",
    "yayınlanma",
    "yayınlandı",
    "publicerad",
    "publiceret",
    "udgivet",
    "publisert",
    "julkaistu",
    "publicat",
    "objavljeno",
    "发布",
    "發佈",
    "发表",
    "公開",
    "게시",
    "입력",
    "등록",
];

/// What a word before a date says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Said {
    /// "Published", "Posted", "Veröffentlicht"...
    Published,
    /// "Updated", "Aktualisiert", "Mis à jour"...
    Updated,
    /// Nothing.
    Nothing,
}

/// How far before a date a keyword is looked for, in bytes.
const KEYWORD_REACH: usize = 48;

/// What the words just before byte offset `at` of `text` say about the date there.
pub fn said_before(text: &str, at: usize) -> Said {
    let mut from = at.saturating_sub(KEYWORD_REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..at].to_lowercase();
    let last =
        |words: &[&str]| words.iter().filter_map(|w| before.rfind(w).map(|i| i + w.len())).max();
    match (last(PUBLISHED), last(UPDATED)) {
        (Some(p), Some(u)) if u > p => Said::Updated,
        (Some(_), _) => Said::Published,
        (None, Some(_)) => Said::Updated,
        (None, None) => Said::Nothing,
    }
}

/// A date in a line of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineDate {
    /// The day.
    pub date: NaiveDate,
    /// Index of the line.
    pub line: usize,
    /// What the words before it say.
    pub said: Said,
    /// The line's element speaks of dates or bylines.
    pub hint: bool,
    /// The line is in a comment, sidebar, footer or list of other articles.
    pub noise: bool,
}

/// Lines longer than this are paragraphs, where dates are events, not the page's:
/// only their start is read (a dateline, "01.02.2022 – The council...").
const MAX_DATE_LINE: usize = 160;

/// How much of a long line is read: a dateline's length, or more in a byline element.
const DATELINE: usize = 40;

/// Every date in the page's short lines, in document order. A keyword on the line
/// before carries over ("Published" and the date in two elements).
pub fn dates(lines: &[Line], rules: Rules) -> Vec<LineDate> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let mut text = l.text.as_str();
        let long = text.len() > MAX_DATE_LINE;
        if long {
            let mut end = if l.hint { MAX_DATE_LINE } else { DATELINE };
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text = &text[..end];
        }
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let rules = Rules { short_years: l.hint, ..rules };
        for hit in parse::all(text, rules) {
            // A paragraph's date counts only as its dateline, at its very start.
            if long && !l.hint && hit.at > 0 {
                continue;
            }
            let mut said = said_before(text, hit.at);
            if said == Said::Nothing && hit.at == 0 && i > 0 && lines[i - 1].text.len() < 40 {
                let prev = &lines[i - 1].text;
                said = said_before(prev, prev.len());
            }
            out.push(LineDate { date: hit.date, line: i, said, hint: l.hint, noise: l.noise });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_before_dates() {
        let t = "Veröffentlicht am 08.11.2019, aktualisiert am 09.11.2019";
        assert_eq!(said_before(t, t.find("08.").unwrap()), Said::Published);
        assert_eq!(said_before(t, t.find("09.").unwrap()), Said::Updated);
        let t = "By Ann Lee · 8 November 2019";
        assert_eq!(said_before(t, t.find('8').unwrap()), Said::Nothing);
        let t = "Оновлено: 9 листопада 2019";
        assert_eq!(said_before(t, t.find('9').unwrap()), Said::Updated);
    }
}
