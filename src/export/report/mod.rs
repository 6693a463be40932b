//! A static HTML report of a corpus: plain HTML and CSS, no scripts, nothing fetched.
//!
//! `index.html` shows counts, the top entities per label, dates mentioned per year and
//! the list of documents; `timeline.html` every dated sentence in date order (see
//! [`timeline_events`]); `docs/*.html` each document's text with its entities and dates
//! marked by label. Pages link to each other. Every text is HTML-escaped.
//!
//! Memory grows with the number of distinct entities, not documents: document pages are
//! written as records arrive, the document list goes to a temporary file, and the
//! timeline is sorted on disk.

mod html;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

pub use html::{escape, marked_text, page_name};

use super::{
    timeline_events, write_atomic, AtomicFile, EntityTable, ExternalSorter, Record, TimelineEvent,
    TimelineFilter,
};
use crate::extract::Label;
use crate::{Error, Result};

const STYLE: &str = include_str!("style.css");
/// Entities listed per label on the corpus page.
const TOP_PER_LABEL: usize = 12;

/// What a finished report holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSummary {
    /// Documents written.
    pub documents: usize,
    /// Events on the timeline page.
    pub events: usize,
    /// The corpus page.
    pub index: PathBuf,
}

/// Writes a report into a folder, one document at a time.
///
/// ```
/// use dossier::{Extractor, ReportBuilder};
///
/// let dir = tempfile::tempdir()?;
/// let text = "Talks in Paris on 3 May 2016.";
/// let record = Extractor::new().extract_text("talks", text, None);
/// let mut report = ReportBuilder::new(dir.path(), "Talks")?;
/// report.add(&record, text)?;
/// let summary = report.finish()?;
/// assert_eq!(summary.documents, 1);
/// assert!(summary.index.exists());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ReportBuilder {
    dir: PathBuf,
    title: String,
    table: EntityTable,
    events: ExternalSorter<TimelineEvent>,
    rows: BufWriter<File>,
    documents: usize,
    mentions: usize,
    dates: usize,
    years: BTreeMap<String, usize>,
}

fn io_at(path: &Path) -> impl Fn(io::Error) -> Error + '_ {
    move |source| Error::Io { path: path.to_path_buf(), source }
}

impl ReportBuilder {
    /// Starts a report in `dir` (created if missing) titled `title`.
    pub fn new(dir: &Path, title: &str) -> Result<ReportBuilder> {
        let docs = dir.join("docs");
        std::fs::create_dir_all(&docs).map_err(io_at(&docs))?;
        Ok(ReportBuilder {
            dir: dir.to_path_buf(),
            title: title.to_string(),
            table: EntityTable::new(),
            events: ExternalSorter::default(),
            rows: BufWriter::new(tempfile::tempfile()?),
            documents: 0,
            mentions: 0,
            dates: 0,
            years: BTreeMap::new(),
        })
    }

    /// Adds one document: writes its page and remembers what the corpus pages need.
    pub fn add(&mut self, record: &Record, body: &str) -> Result<()> {
        let name = page_name(&record.id);
        let page = self.dir.join("docs").join(&name);
        write_atomic(&page, document_page(record, body).as_bytes())?;
        self.table.add(record);
        for event in timeline_events(record, body, &TimelineFilter::all()) {
            *self.years.entry(year_of(&event.start).to_string()).or_default() += 1;
            self.events.push(event)?;
        }
        self.documents += 1;
        self.mentions += record.entities.len();
        self.dates += record.dates.len();
        let title = record.title.as_deref().unwrap_or(&record.id);
        writeln!(
            self.rows,
            "<tr><td><a href=\"docs/{}\">{}</a><br><small>{}</small></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&name),
            escape(title),
            escape(&record.id),
            escape(record.published.as_deref().or(record.dct.value.as_deref()).unwrap_or("")),
            record.entities.len(),
            record.dates.len()
        )?;
        Ok(())
    }

    /// Writes the corpus page, the timeline page and the style sheet.
    pub fn finish(self) -> Result<ReportSummary> {
        write_atomic(&self.dir.join("style.css"), STYLE.as_bytes())?;
        let timeline_path = self.dir.join("timeline.html");
        let mut t = AtomicFile::create(&timeline_path)?;
        let events = write_timeline(&mut t, &self.title, self.events.finish()?)
            .map_err(io_at(&timeline_path))?;
        t.commit()?;
        let entries = self.table.entries();
        let index_path = self.dir.join("index.html");
        let mut page = AtomicFile::create(&index_path)?;
        let mut head = String::new();
        head.push_str(&page_head(&self.title, "", "Corpus"));
        let _ = write!(head, "<h1>{}</h1>", escape(&self.title));
        head.push_str("<div class=\"summary\">");
        for (num, what) in [
            (self.documents, "documents"),
            (entries.len(), "distinct entities"),
            (self.mentions, "entity mentions"),
            (self.dates, "dates and times"),
            (events, "dated sentences"),
        ] {
            let _ = write!(
                head,
                "<div class=\"card\"><span class=\"num\">{num}</span><span class=\"what\">{what}</span></div>"
            );
        }
        head.push_str("</div>");
        head.push_str(&top_entities(&entries));
        head.push_str(&year_bars(&self.years));
        head.push_str(
            "<h2 id=\"documents\">Documents</h2><table><thead><tr><th>Document</th>\
             <th>Date</th><th>Entities</th><th>Dates</th></tr></thead><tbody>\n",
        );
        page.write_all(head.as_bytes()).map_err(io_at(&index_path))?;
        let mut rows = self.rows.into_inner().map_err(|e| e.into_error())?;
        rows.rewind()?;
        io::copy(&mut rows, &mut page).map_err(io_at(&index_path))?;
        page.write_all(b"</tbody></table>\n").map_err(io_at(&index_path))?;
        page.write_all(page_foot().as_bytes()).map_err(io_at(&index_path))?;
        page.commit()?;
        Ok(ReportSummary { documents: self.documents, events, index: index_path })
    }
}

/// The year of a `YYYY-MM-DD` day.
fn year_of(day: &str) -> &str {
    day.get(..4).unwrap_or(day)
}

/// The top of every page: head, style sheet (relative to the page), navigation.
fn page_head(title: &str, root: &str, here: &str) -> String {
    let nav: String = [
        ("index.html", "Corpus"),
        ("index.html#documents", "Documents"),
        ("timeline.html", "Timeline"),
    ]
    .iter()
    .map(|(href, name)| {
        if *name == here {
            format!("<a href=\"{root}{href}\" aria-current=\"page\">{name}</a>")
        } else {
            format!("<a href=\"{root}{href}\">{name}</a>")
        }
    })
    .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"{root}style.css\"></head><body>\
         <header class=\"top\"><a class=\"brand\" href=\"{root}index.html\">dossier</a><nav>{nav}</nav></header><main>\n",
        escape(title)
    )
}

fn page_foot() -> String {
    "</main><footer>Made by dossier from its index; entities and dates are found by rules \
     and may be wrong.</footer></body></html>\n"
        .to_string()
}

fn legend() -> String {
    let mut out = String::from("<div class=\"legend\">");
    for label in Label::ALL.iter().map(|l| l.as_str()).chain(["DATE", "TIME", "DURATION", "SET"]) {
        let _ = write!(out, "<span class=\"{label}\">{label}</span>");
    }
    out.push_str("</div>");
    out
}

/// One document's page.
pub fn document_page(record: &Record, body: &str) -> String {
    let title = record.title.as_deref().unwrap_or(&record.id);
    let mut out = page_head(title, "../", "");
    let _ = write!(
        out,
        "<h1>{}</h1><div class=\"meta\"><span>{}</span>",
        escape(title),
        escape(&record.id)
    );
    for value in [record.published.as_deref(), record.author.as_deref(), record.url.as_deref()]
        .into_iter()
        .flatten()
    {
        let _ = write!(out, "<span>{}</span>", escape(value));
    }
    if record.published.is_none() {
        if let Some(dct) = &record.dct.value {
            let _ = write!(
                out,
                "<span>dated {} ({})</span>",
                escape(dct),
                escape(&format!("{:?}", record.dct.source).to_lowercase())
            );
        }
    }
    let _ = write!(out, "<span>{}</span></div>", escape(&record.source));
    out.push_str(&legend());
    let _ = write!(out, "<div class=\"doc\">{}</div>", marked_text(record, body));
    // Entities and dates of the document.
    let mut counts: HashMap<(Label, &str), usize> = HashMap::new();
    for e in &record.entities {
        *counts.entry((e.label, &e.canonical)).or_default() += 1;
    }
    let mut entities: Vec<((Label, &str), usize)> = counts.into_iter().collect();
    entities.sort_by(|a, b| a.0 .0.cmp(&b.0 .0).then(b.1.cmp(&a.1)).then(a.0 .1.cmp(b.0 .1)));
    out.push_str("<div class=\"columns\"><div class=\"card\"><h3>Entities</h3>");
    for ((label, name), n) in &entities {
        let _ = write!(
            out,
            "<span class=\"chip {l}\">{} <b>{l}</b> ×{n}</span>",
            escape(name),
            l = label.as_str()
        );
    }
    out.push_str("</div><div class=\"card\"><h3>Dates</h3>");
    for d in &record.dates {
        let _ = write!(
            out,
            "<span class=\"chip {}\"><a href=\"#s{}\">{}</a> = {}</span>",
            d.kind.as_str(),
            d.sentence,
            escape(&d.text),
            escape(&d.value)
        );
    }
    out.push_str("</div></div>");
    out.push_str(&page_foot());
    out
}

fn top_entities(entries: &[super::EntityEntry]) -> String {
    let mut out = String::from(
        "<h2>Top entities</h2><p class=\"meta\">Per label, by documents; numbers are documents / mentions.</p><div class=\"grid\">",
    );
    for label in Label::ALL {
        let top: Vec<_> = entries.iter().filter(|e| e.label == label).take(TOP_PER_LABEL).collect();
        if top.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<div class=\"card\"><h3><span class=\"chip {l}\">{l}</span></h3><ol class=\"top\">",
            l = label.as_str()
        );
        for e in top {
            let _ = write!(
                out,
                "<li><div class=\"row\"><span>{}</span><span class=\"count\" title=\"documents / mentions\">{}&nbsp;/&nbsp;{}</span></div></li>",
                escape(&e.canonical),
                e.documents,
                e.mentions
            );
        }
        out.push_str("</ol></div>");
    }
    out.push_str("</div>");
    out
}

fn year_bars(years: &BTreeMap<String, usize>) -> String {
    let mut out = String::from("<h2>Timeline</h2>");
    if years.is_empty() {
        out.push_str("<p>No dated sentences.</p>");
        return out;
    }
    let max = years.values().copied().max().unwrap_or(1).max(1);
    out.push_str("<table class=\"bars\"><thead><tr><th>Year</th><th>Dated sentences</th><th></th></tr></thead><tbody>");
    for (year, n) in years {
        let _ = write!(
            out,
            "<tr><td><a href=\"timeline.html#y{y}\">{y}</a></td><td class=\"n\">{n}</td>\
             <td class=\"bar\"><span class=\"fill\" style=\"width:{w}%\"></span></td></tr>",
            y = escape(year),
            w = (n * 100).div_ceil(max)
        );
    }
    out.push_str("</tbody></table>");
    out
}

fn write_timeline<W: Write>(
    out: &mut W,
    title: &str,
    events: impl Iterator<Item = Result<TimelineEvent>>,
) -> io::Result<usize> {
    out.write_all(page_head(&format!("Timeline: {title}"), "", "Timeline").as_bytes())?;
    out.write_all(b"<h1>Timeline</h1><p class=\"meta\">Every sentence that holds a calendar date, placed at its first date.</p>\n")?;
    let mut year = String::new();
    let mut count = 0;
    for event in events {
        let e = event.map_err(io::Error::other)?;
        if year_of(&e.start) != year {
            year = year_of(&e.start).to_string();
            writeln!(out, "<h2 id=\"y{y}\">{y}</h2>", y = escape(&year))?;
        }
        let chips: String = e
            .entities
            .iter()
            .map(|x| {
                format!(
                    "<span class=\"chip {l}\">{}</span>",
                    escape(&x.canonical),
                    l = x.label.as_str()
                )
            })
            .collect();
        writeln!(
            out,
            "<div class=\"event\"><div class=\"when\">{}<small>{}</small></div><div class=\"what\">{}<small><a href=\"docs/{}#s{}\">{}</a></small>{}</div></div>",
            escape(&e.date),
            if e.date_text == e.date { String::new() } else { escape(&e.date_text) },
            escape(&e.text),
            escape(&page_name(&e.document)),
            e.sentence,
            escape(e.title.as_deref().unwrap_or(&e.document)),
            chips
        )?;
        count += 1;
    }
    if count == 0 {
        out.write_all(b"<p>No dated sentences.</p>")?;
    }
    out.write_all(page_foot().as_bytes())?;
    Ok(count)
}

/// Reads back the document rows written so far (for tests).
#[cfg(test)]
fn lines(file: &mut File) -> Vec<String> {
    use std::io::{BufRead, BufReader};
    file.rewind().unwrap();
    BufReader::new(file).lines().map(|l| l.unwrap()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{DctRecord, EntityMention};
    use crate::extract::DctSource;

    fn record(id: &str, body: &str) -> Record {
        let start = body.find("China").unwrap();
        Record {
            id: id.into(),
            source: format!("{id}.txt"),
            title: Some(format!("<script>alert('{id}')</script>")),
            published: Some("2016-05-12".into()),
            url: None,
            author: None,
            dct: DctRecord { value: Some("2016-05-12".into()), source: DctSource::Metadata },
            entities: vec![EntityMention {
                page: None,
                start,
                end: start + 5,
                text: "China".into(),
                label: Label::Gpe,
                canonical: "China".into(),
                sentence: 0,
                rule: "t".into(),
                country: Some("CN".into()),
            }],
            dates: vec![],
            ..Record::default()
        }
    }

    #[test]
    fn writes_linked_escaped_pages() {
        let dir = tempfile::tempdir().unwrap();
        let mut b = ReportBuilder::new(dir.path(), "Test & <corpus>").unwrap();
        b.add(&record("a/b", "China & <friends>."), "China & <friends>.").unwrap();
        let summary = b.finish().unwrap();
        assert_eq!(summary.documents, 1);
        let index = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
        assert!(index.contains("Test &amp; &lt;corpus&gt;"));
        assert!(!index.contains("<script>"), "{index}");
        let page = page_name("a/b");
        assert!(index.contains(&format!("href=\"docs/{page}\"")));
        let doc = std::fs::read_to_string(dir.path().join("docs").join(&page)).unwrap();
        assert!(doc.contains("<mark class=\"m GPE\""));
        assert!(doc.contains("&amp; &lt;friends&gt;"));
        assert!(doc.contains("href=\"../index.html\"") && doc.contains("href=\"../style.css\""));
        assert!(dir.path().join("timeline.html").exists() && dir.path().join("style.css").exists());
    }

    #[test]
    fn document_rows_go_to_a_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut b = ReportBuilder::new(dir.path(), "t").unwrap();
        b.add(&record("x", "China."), "China.").unwrap();
        b.rows.flush().unwrap();
        let rows = lines(b.rows.get_mut());
        assert_eq!(rows.len(), 1);
        assert!(rows[0].contains("&lt;script&gt;"));
    }
}
