//! From positioned characters to text in reading order.
//!
//! A PDF page is a set of glyphs drawn at positions; it has no words, lines, columns or
//! paragraphs. This module rebuilds them:
//!
//! 1. glyphs on one baseline and close together become *runs* (a space where the gap is
//!    wider than a fraction of the font size; a new run where it is as wide as a column
//!    gutter); smaller glyphs raised or lowered within a line's body (exponents, indices)
//!    belong to that line, in x order;
//! 2. a page whose runs leave a vertical strip empty near its middle, with text on both
//!    sides, has two *columns*: runs that cross the strip (titles, wide figures) cut the
//!    page into bands, and inside a band the left column is read before the right;
//! 3. runs of a column on one baseline become *lines*; lines become *paragraphs* where the
//!    gap between them is larger than the usual line spacing, the font size changes, or a
//!    short line ends a sentence;
//! 4. lines of a paragraph are joined with spaces, and a word split by a hyphen at a line
//!    end is rejoined when the hyphen is a soft one (see [`join_hyphen`]);
//! 5. across pages, lines that repeat at the same place (running headers and footers) and
//!    bare page numbers near the top or bottom edge are dropped.

use std::collections::{HashMap, HashSet};

/// One character drawn on a page. Coordinates are PDF points, `y` grows upwards and is
/// the baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Left edge.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Advance width.
    pub width: f32,
    /// Font size (the height of an em).
    pub size: f32,
    /// The character (ligatures are unfolded later).
    pub ch: char,
}

/// The glyphs of one page with its size.
#[derive(Debug, Clone, Default)]
pub struct PageGlyphs {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// Glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
}

/// A line of text on a page, with its position.
#[derive(Debug, Clone)]
struct Line {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    text: String,
    /// Index of the column band it belongs to, for paragraph breaks.
    block: usize,
}

/// A run of glyphs on one baseline.
#[derive(Debug, Clone)]
struct Run {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    text: String,
}

/// Unfolds the Latin ligatures of Unicode's Alphabetic Presentation Forms block.
pub fn unfold_ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        _ => return None,
    })
}

/// Glyphs that share a baseline, and the smaller glyphs raised or lowered onto it.
struct Baseline<'a> {
    y: f32,
    /// The largest font size on the baseline.
    size: f32,
    x0: f32,
    x1: f32,
    glyphs: Vec<&'a Glyph>,
}

/// Glyphs to baselines: glyphs whose baselines lie within a fraction of their size of one
/// another share one. Then a baseline of smaller type whose position lies within the
/// body of a baseline of larger type next to it (a superscript up to half an em above it,
/// a subscript up to a third of an em below it) joins it: exponents, indices and the
/// raised letters of logos stay in their line, in the order of their x positions.
fn baselines(glyphs: Vec<&Glyph>) -> Vec<Baseline<'_>> {
    let mut glyphs = glyphs;
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<Baseline> = Vec::new();
    for g in glyphs {
        if let Some(b) = out.last_mut() {
            if b.y - g.y < b.size.min(g.size) * 0.2 {
                b.size = b.size.max(g.size);
                b.x0 = b.x0.min(g.x);
                b.x1 = b.x1.max(g.x + g.width);
                b.glyphs.push(g);
                continue;
            }
        }
        out.push(Baseline { y: g.y, size: g.size, x0: g.x, x1: g.x + g.width, glyphs: vec![g] });
    }
    // Smallest type first, so that an index of an exponent reaches the exponent's line
    // before that line joins its own.
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by(|&a, &b| out[a].size.total_cmp(&out[b].size));
    let mut into: Vec<Option<usize>> = vec![None; out.len()];
    let reach = out.iter().map(|b| b.size).fold(0.0f32, f32::max) * 0.5;
    for &i in &order {
        let c = &out[i];
        // Baselines are sorted from the top: hosts lie in a window around `i`.
        let from = out[..i].partition_point(|b| b.y > c.y + reach);
        let to = i + out[i..].partition_point(|b| b.y >= c.y - reach);
        let host = (from..to)
            .filter(|&j| j != i && into[j].is_none())
            .filter(|&j| {
                let b = &out[j];
                c.size < b.size * 0.9
                    && c.y <= b.y + b.size * 0.5
                    && c.y >= b.y - b.size * 0.35
                    && c.x0 < b.x1 + b.size
                    && c.x1 > b.x0 - b.size
            })
            .min_by(|&a, &b| (out[a].y - c.y).abs().total_cmp(&(out[b].y - c.y).abs()));
        if let Some(j) = host {
            into[i] = Some(j);
        }
    }
    // Move glyphs along the chains, smallest type first.
    for &i in &order {
        if let Some(mut j) = into[i] {
            while let Some(k) = into[j] {
                j = k;
            }
            let moved = std::mem::take(&mut out[i].glyphs);
            let (x0, x1) = (out[i].x0, out[i].x1);
            let host = &mut out[j];
            host.glyphs.extend(moved);
            host.x0 = host.x0.min(x0);
            host.x1 = host.x1.max(x1);
        }
    }
    out.retain(|b| !b.glyphs.is_empty());
    for b in &mut out {
        b.glyphs.sort_by(|a, c| a.x.total_cmp(&c.x));
    }
    out
}

/// Glyphs to runs: consecutive glyphs of a baseline without a gutter-wide gap. A gap
/// wider than 0.15 em of the larger of the two glyphs' sizes is a space.
fn runs(page: &PageGlyphs) -> Vec<Run> {
    let glyphs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| g.x.is_finite() && g.y.is_finite() && g.width.is_finite())
        .filter(|g| g.size.is_finite() && g.size > 0.0)
        .collect();
    let mut out: Vec<Run> = Vec::new();
    for line in baselines(glyphs) {
        let mut cur: Option<Run> = None;
        let mut last_size = line.size;
        for g in line.glyphs {
            let c = if g.ch.is_whitespace() || g.ch.is_control() { ' ' } else { g.ch };
            if let Some(run) = cur.as_mut() {
                let gap = g.x - run.x1;
                let size = last_size.max(g.size);
                if gap < size * 1.2 {
                    if c == ' ' {
                        if !run.text.ends_with(' ') {
                            run.text.push(' ');
                        }
                    } else {
                        if gap > size * 0.15 && !run.text.ends_with(' ') {
                            run.text.push(' ');
                        }
                        run.text.push(c);
                        last_size = g.size;
                    }
                    run.x1 = run.x1.max(g.x + g.width);
                    continue;
                }
                out.extend(cur.take());
            }
            if c != ' ' {
                last_size = g.size;
                cur = Some(Run {
                    x0: g.x,
                    x1: g.x + g.width,
                    y: line.y,
                    size: line.size,
                    text: c.into(),
                });
            }
        }
        out.extend(cur);
    }
    for r in &mut out {
        let t = r.text.trim_end().len();
        r.text.truncate(t);
    }
    out.retain(|r| !r.text.is_empty());
    out
}

/// The x range of an empty vertical strip between two columns, if the page has two.
fn gutter(runs: &[Run], page_width: f32) -> Option<(f32, f32)> {
    if runs.len() < 6 || page_width <= 0.0 {
        return None;
    }
    let lo = runs.iter().map(|r| r.x0).fold(f32::MAX, f32::min).max(0.0);
    let hi = runs.iter().map(|r| r.x1).fold(f32::MIN, f32::max).min(page_width * 2.0);
    if hi - lo < 50.0 {
        return None;
    }
    // Coverage per point of width, by runs narrower than 60% of the text width (wide
    // runs are titles or full-width lines that a gutter does not cross).
    let bins = (hi - lo).ceil() as usize + 1;
    let mut cover = vec![0u32; bins];
    for r in runs.iter().filter(|r| r.x1 - r.x0 < (hi - lo) * 0.6) {
        let a = ((r.x0 - lo).max(0.0) as usize).min(bins - 1);
        let b = ((r.x1 - lo).max(0.0) as usize).min(bins - 1);
        for c in &mut cover[a..=b] {
            *c += 1;
        }
    }
    // Empty strips in the middle 40% of the text width, at least a few points wide.
    let (m0, m1) = (((hi - lo) * 0.3) as usize, ((hi - lo) * 0.7) as usize);
    let mut best: Option<(usize, usize)> = None;
    let mut i = m0;
    while i <= m1.min(bins - 1) {
        if cover[i] == 0 {
            let start = i;
            while i < bins && cover[i] == 0 {
                i += 1;
            }
            let mid = (bins / 2) as i64;
            let better = best.is_none_or(|(a, b)| {
                ((start + i) as i64 / 2 - mid).abs() < ((a + b) as i64 / 2 - mid).abs()
            });
            if i - start >= 4 && better {
                best = Some((start, i));
            }
        }
        i += 1;
    }
    let (a, b) = best?;
    let (g0, g1) = (lo + a as f32, lo + b as f32);
    // Both sides must hold real columns: several runs each.
    let left = runs.iter().filter(|r| r.x1 <= g0 + 0.5).count();
    let right = runs.iter().filter(|r| r.x0 >= g1 - 0.5).count();
    (left >= 3 && right >= 3).then_some((g0, g1))
}

/// Runs of one page to lines in reading order.
fn lines(page: &PageGlyphs) -> Vec<Line> {
    let mut runs = runs(page);
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let gutter = gutter(&runs, page.width);
    // Bands: stretches of runs between runs crossing the gutter. Within a band, the
    // left column comes first.
    let mut ordered: Vec<(usize, u8, Run)> = Vec::new();
    let mut band = 0usize;
    let mut in_columns = false;
    for r in runs {
        let side = match gutter {
            Some((g0, _)) if r.x1 <= g0 + 0.5 => 0,
            Some((_, g1)) if r.x0 >= g1 - 0.5 => 1,
            Some(_) => 2,
            None => 0,
        };
        if side == 2 {
            band += 1;
            in_columns = false;
        } else if !in_columns && gutter.is_some() {
            band += 1;
            in_columns = true;
        }
        ordered.push((band, side, r));
    }
    ordered.sort_by(|a, b| {
        (a.0, a.1).cmp(&(b.0, b.1)).then(b.2.y.total_cmp(&a.2.y)).then(a.2.x0.total_cmp(&b.2.x0))
    });
    // Runs of one band and side on one baseline make a line.
    let mut out: Vec<Line> = Vec::new();
    let mut last_key = None;
    for (band, side, r) in ordered {
        let key = (band, side);
        if let Some(line) = out.last_mut() {
            if last_key == Some(key) && (line.y - r.y).abs() < line.size.min(r.size) * 0.4 {
                line.text.push(' ');
                line.text.push_str(&r.text);
                line.x1 = line.x1.max(r.x1);
                line.size = line.size.max(r.size);
                continue;
            }
        }
        last_key = Some(key);
        out.push(Line {
            x0: r.x0,
            x1: r.x1,
            y: r.y,
            size: r.size,
            text: r.text,
            block: band * 3 + side as usize,
        });
    }
    out
}

/// The text a line compares under for header and footer detection: digits as `#`,
/// spaces dropped.
fn repeat_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Whether a line is a bare page number: `7`, `- 7 -`, `Page 7`, `7 of 12`, `vii`.
fn is_page_number(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| c == '-' || c == '–' || c == '|' || c == ' ');
    let t = t.strip_prefix("Page ").or_else(|| t.strip_prefix("page ")).unwrap_or(t).trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    let number = |w: &str| {
        !w.is_empty()
            && w.len() <= 5
            && (w.chars().all(|c| c.is_ascii_digit())
                || w.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')))
    };
    match words.as_slice() {
        [n] => number(n),
        [a, "of" | "/", b] => number(a) && number(b),
        _ => false,
    }
}

/// Drops running headers and footers: lines near the top or bottom edge that repeat
/// (digits aside) at about the same height on several pages, and bare page numbers there.
fn drop_furniture(pages: &mut [(PageGlyphs, Vec<Line>)]) {
    let edge = |page: &PageGlyphs, l: &Line| {
        let h = if page.height > 0.0 { page.height } else { 792.0 };
        l.y > h * 0.88 || l.y < h * 0.12
    };
    let mut seen: HashMap<(String, i32), HashSet<usize>> = HashMap::new();
    for (i, (page, lines)) in pages.iter().enumerate() {
        for l in lines.iter().filter(|l| edge(page, l)) {
            seen.entry((repeat_key(&l.text), (l.y / 6.0).round() as i32)).or_default().insert(i);
        }
    }
    let n = pages.len();
    let repeated = |l: &Line| {
        let y = (l.y / 6.0).round() as i32;
        let count = (y - 1..=y + 1)
            .filter_map(|y| seen.get(&(repeat_key(&l.text), y)))
            .flat_map(|s| s.iter())
            .collect::<HashSet<_>>()
            .len();
        n >= 2 && count >= 2 && count * 3 >= n
    };
    for (page, lines) in pages.iter_mut() {
        let page = &*page;
        lines.retain(|l| !(edge(page, l) && (is_page_number(&l.text) || repeated(l))));
    }
}

/// Whether the hyphen ending `left` (followed on the next line by `right`) is a soft
/// line-break hyphen to drop: letters, then a lowercase continuation (`Sino-` `American`
/// keeps its hyphen), unless the document itself writes the hyphenated compound elsewhere
/// and never the joined word (`known` holds the document's words as
/// written, lower-cased).
pub fn join_hyphen(left: &str, right: &str, known: &HashSet<String>) -> bool {
    let Some(stem) = left.strip_suffix('-') else { return false };
    let head: String = stem.chars().rev().take_while(|c| c.is_alphabetic()).collect();
    let head: String = head.chars().rev().collect();
    let next: String = right.chars().take_while(|c| c.is_alphabetic()).collect();
    let starts_lower = next.chars().next().is_some_and(char::is_lowercase);
    if head.is_empty() || !starts_lower {
        return false;
    }
    let compound = format!("{head}-{next}").to_lowercase();
    let joined = format!("{head}{next}").to_lowercase();
    !known.contains(&compound) || known.contains(&joined)
}

/// Whether a paragraph ends where line `prev` ends and `next` begins; `left` and `right`
/// are the edges of their block.
fn breaks(prev: &Line, next: &Line, spacing: f32, (left, right): (f32, f32)) -> bool {
    if prev.block != next.block {
        return true;
    }
    // Larger type (a heading) has wider line spacing than the body.
    let gap = prev.y - next.y;
    if gap < 0.0 || gap > spacing.max(prev.size * 1.25) * 1.4 + 0.5 {
        return true;
    }
    if (prev.size - next.size).abs() > prev.size * 0.15 {
        return true;
    }
    // A short line ending a sentence closes its paragraph.
    let short = prev.x1 < right - prev.size * 4.0;
    let ends = prev.text.trim_end().ends_with(['.', '!', '?', ':', '"', '”']);
    // A first-line indent under a line that is not indented starts a paragraph.
    let indented = next.x0 > left + next.size * 0.8 && next.x0 < left + next.size * 4.0;
    (short && ends) || (indented && prev.x0 < left + prev.size * 0.3)
}

/// The usual distance between consecutive baselines of a page (the median of small gaps).
fn line_spacing(lines: &[Line]) -> f32 {
    let mut gaps: Vec<f32> = lines
        .windows(2)
        .filter(|w| w[0].block == w[1].block)
        .map(|w| w[0].y - w[1].y)
        .filter(|g| *g > 0.0 && *g < 3.0 * 14.0)
        .collect();
    if gaps.is_empty() {
        return lines.first().map_or(12.0, |l| l.size * 1.2);
    }
    gaps.sort_by(f32::total_cmp);
    gaps[gaps.len() / 2]
}

/// The text of all pages, in reading order, with the code point offset where each page
/// starts. Paragraphs are separated by blank lines; a paragraph that runs on to the next
/// page (no sentence end, lowercase continuation) is joined across the page break.
pub fn text_of(pages: Vec<PageGlyphs>) -> (String, Vec<usize>) {
    let mut pages: Vec<(PageGlyphs, Vec<Line>)> = pages
        .into_iter()
        .map(|p| {
            let l = lines(&p);
            (p, l)
        })
        .collect();
    drop_furniture(&mut pages);
    for (_, lines) in &mut pages {
        for l in lines.iter_mut() {
            if l.text.chars().any(|c| unfold_ligature(c).is_some()) {
                l.text = l.text.chars().fold(String::new(), |mut s, c| {
                    match unfold_ligature(c) {
                        Some(u) => s.push_str(u),
                        None => s.push(c),
                    }
                    s
                });
            }
        }
    }
    let known: HashSet<String> = pages
        .iter()
        .flat_map(|(_, ls)| ls.iter())
        .flat_map(|l| l.text.split_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| w.len() > 2)
        .collect();

    let mut text = String::new();
    let mut chars = 0usize;
    let mut offsets = Vec::with_capacity(pages.len());
    let push = |text: &mut String, chars: &mut usize, s: &str| {
        text.push_str(s);
        *chars += s.chars().count();
    };
    for (_, lines) in &pages {
        // Separate from the previous page unless its last paragraph runs on.
        if !text.is_empty() {
            let runs_on = lines.first().is_some_and(|l| {
                l.text.chars().next().is_some_and(char::is_lowercase)
                    && !text.trim_end().ends_with(['.', '!', '?', ':'])
            });
            if !runs_on {
                push(&mut text, &mut chars, "\n\n");
            } else if text.ends_with('-')
                && join_hyphen(
                    text.rsplit(char::is_whitespace).next().unwrap_or(""),
                    &lines[0].text,
                    &known,
                )
            {
                text.pop();
                chars -= 1;
            } else if !text.ends_with('-') {
                push(&mut text, &mut chars, " ");
            }
        }
        offsets.push(chars);
        let spacing = line_spacing(lines);
        // The edges of each block, to tell short and indented lines.
        let mut edges: HashMap<usize, (f32, f32)> = HashMap::new();
        for l in lines {
            let e = edges.entry(l.block).or_insert((l.x0, l.x1));
            *e = (e.0.min(l.x0), e.1.max(l.x1));
        }
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                let prev = &lines[i - 1];
                if breaks(prev, l, spacing, edges[&prev.block]) {
                    push(&mut text, &mut chars, "\n\n");
                } else if prev.text.ends_with('-') {
                    let last = prev.text.rsplit(' ').next().unwrap_or("");
                    if join_hyphen(last, &l.text, &known) {
                        text.pop();
                        chars -= 1;
                    }
                } else {
                    push(&mut text, &mut chars, " ");
                }
            }
            push(&mut text, &mut chars, &l.text);
        }
    }
    (text, offsets)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` starting at (x, y), 10 pt, 5 pt per character.
    fn write(glyphs: &mut Vec<Glyph>, x: f32, y: f32, text: &str) {
        for (i, ch) in text.chars().enumerate() {
            glyphs.push(Glyph { x: x + 5.0 * i as f32, y, width: 5.0, size: 10.0, ch });
        }
    }

    fn page(lines: &[(f32, f32, &str)]) -> PageGlyphs {
        let mut glyphs = Vec::new();
        for &(x, y, t) in lines {
            write(&mut glyphs, x, y, t);
        }
        PageGlyphs { width: 600.0, height: 800.0, glyphs }
    }

    #[test]
    fn one_column_paragraphs_and_soft_hyphens() {
        let p = page(&[
            (50.0, 700.0, "The talks between the two trade"),
            (50.0, 688.0, "delegations resumed in Wash-"),
            (50.0, 676.0, "ington on Monday."),
            (50.0, 650.0, "A second paragraph starts here."),
        ]);
        let (text, pages) = text_of(vec![p]);
        assert_eq!(
            text,
            "The talks between the two trade delegations resumed in Washington on Monday.\n\n\
             A second paragraph starts here."
        );
        assert_eq!(pages, [0]);
    }

    #[test]
    fn hyphens() {
        let none = HashSet::new();
        assert!(join_hyphen("nego-", "tiations began", &none));
        assert!(join_hyphen("Wash-", "ington", &none));
        assert!(!join_hyphen("Sino-", "American", &none), "a capitalised continuation");
        assert!(!join_hyphen("2019-", "2020", &none));
        assert!(!join_hyphen("well-", "Known", &none));
        let known: HashSet<String> = ["state-owned".to_string()].into();
        assert!(!join_hyphen("state-", "owned firms", &known), "the document writes it so");
    }

    #[test]
    fn two_columns_are_read_left_then_right() {
        let mut lines = vec![(50.0, 760.0, "A Title Across Both Columns Of This Page Here")];
        let left = ["Left one starts", "the story of the", "deal on chips."];
        let right = ["Right column goes", "on with the next", "part of the story."];
        for i in 0..3 {
            let y = 700.0 - 12.0 * i as f32;
            lines.push((50.0, y, left[i]));
            lines.push((330.0, y, right[i]));
        }
        let (text, _) = text_of(vec![page(&lines)]);
        assert_eq!(
            text,
            "A Title Across Both Columns Of This Page Here\n\n\
             Left one starts the story of the deal on chips.\n\n\
             Right column goes on with the next part of the story."
        );
    }

    #[test]
    fn ligatures_are_unfolded() {
        let (text, _) = text_of(vec![page(&[(50.0, 700.0, "\u{FB01}nal o\u{FB03}ce \u{FB02}ow")])]);
        assert_eq!(text, "final office flow");
    }

    #[test]
    fn running_headers_footers_and_page_numbers_are_dropped() {
        let pages: Vec<PageGlyphs> = (1..=3)
            .map(|n| {
                page(&[
                    (50.0, 780.0, "Trade Policy Review"),
                    (50.0, 600.0, &format!("Body text of page {n}.")),
                    (290.0, 30.0, &n.to_string()),
                ])
            })
            .collect();
        let (text, offsets) = text_of(pages);
        assert_eq!(text, "Body text of page 1.\n\nBody text of page 2.\n\nBody text of page 3.");
        assert_eq!(offsets, [0, 22, 44]);
    }

    #[test]
    fn a_paragraph_runs_on_across_a_page_break() {
        let a = page(&[(50.0, 400.0, "The agreement was signed by")]);
        let b = page(&[(50.0, 700.0, "both governments in May.")]);
        let (text, offsets) = text_of(vec![a, b]);
        assert_eq!(text, "The agreement was signed by both governments in May.");
        assert_eq!(offsets, [0, 28]);
    }

    /// Glyphs of `text` at (x, y) in type of `size`, each half an em wide.
    fn write_sized(glyphs: &mut Vec<Glyph>, x: f32, y: f32, size: f32, text: &str) -> f32 {
        let w = size * 0.5;
        for (i, ch) in text.chars().enumerate() {
            glyphs.push(Glyph { x: x + w * i as f32, y, width: w, size, ch });
        }
        x + w * text.chars().count() as f32
    }

    #[test]
    fn indices_and_exponents_stay_in_their_line() {
        let mut g = Vec::new();
        let x = write_sized(&mut g, 50.0, 700.0, 10.0, "Sind U");
        let x = write_sized(&mut g, x, 698.0, 7.0, "1");
        let x = write_sized(&mut g, x + 3.0, 700.0, 10.0, "und S");
        let x = write_sized(&mut g, x, 704.0, 7.0, "2");
        write_sized(&mut g, x + 3.0, 700.0, 10.0, "offen,");
        write_sized(&mut g, 50.0, 686.0, 10.0, "so gilt es.");
        let (text, _) = text_of(vec![PageGlyphs { width: 600.0, height: 800.0, glyphs: g }]);
        assert_eq!(text, "Sind U1 und S2 offen, so gilt es.");
    }

    #[test]
    fn lines_of_different_sizes_never_interleave() {
        // A heading and a body line far apart, whose baselines once fell into the same
        // band of a size-relative grid.
        let mut g = Vec::new();
        write_sized(&mut g, 90.0, 245.48, 14.35, "Erforderliche Vorkenntnisse");
        write_sized(&mut g, 90.0, 187.26, 11.0, "sollte bekannt sein und der Umgang");
        let (text, _) = text_of(vec![PageGlyphs { width: 600.0, height: 800.0, glyphs: g }]);
        assert_eq!(text, "Erforderliche Vorkenntnisse\n\nsollte bekannt sein und der Umgang");
    }

    #[test]
    fn page_numbers() {
        for t in ["7", "- 7 -", "Page 7", "7 of 12", "xii"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2019 trade war", "Page seven", "7 tariffs"] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
