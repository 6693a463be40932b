//! The article's main text: find the element that holds the prose, then render it
//! without furniture, link lists and the headline.
//!
//! One pass over the DOM measures every block's own text (characters, characters inside
//! links, sentence ends, commas) with page furniture (see [`super::boilerplate`]) left
//! out. A block of prose (mostly unlinked text, long or ending like a sentence) gives
//! points to its parent, half to its grandparent and a sixth to the next ancestor, so the
//! element that directly holds many paragraphs wins, whatever its tag; its score is
//! scaled down by the share of its text inside links. Siblings of the winner that hold
//! prose too (an article split by an advertisement slot) join it. The winner is rendered
//! block by block in reading order; headlines (`h1`), link lists and furniture are left
//! out, and short lines without a sentence end before the first and after the last
//! paragraph of prose (kickers, bylines, datelines, "Share this") are trimmed.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::Node;

use super::boilerplate::{kind, Kind};
use super::text::Blocks;

/// A block of prose has at least this many characters, or ends a sentence.
const PROSE_CHARS: u32 = 80;
/// Shorter blocks count as prose when they end a sentence and have this many.
const SENTENCE_CHARS: u32 = 20;
/// At most this share of a prose block's characters is inside links.
const PROSE_LINK_SHARE: f32 = 0.35;
/// A block with at least this share of its characters inside links is a link list.
const LINK_LIST_SHARE: f32 = 0.5;
/// A sibling joins the winner when its score reaches this share of the winner's.
const SIBLING_SHARE: f32 = 0.2;
/// Short lines at the edges of the text are trimmed below this many characters.
const EDGE_CHARS: usize = 120;
/// The best element without those named like furniture is kept when it scores at
/// least this share of the best element with them.
const STRICT_SHARE: f32 = 1.0 / 3.0;
/// The winner moves up to its parent when the parent adds at least this share of
/// prose...
const CLIMB_GAIN: f32 = 0.1;
/// Ancestors looked at for each step up. One: a wrapper that adds nothing stops the
/// climb (looking through two or three levels lost more pages than it won in tuning).
const CLIMB_LEVELS: usize = 1;
/// ...and other text of at most this share of the added prose.
const CLIMB_NOISE: f32 = 0.5;
/// A winner is a list of articles when `<article>`s inside it hold this share of its
/// prose.
const ARTICLES_SHARE: f32 = 0.9;

/// How a block's own text reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chunk {
    /// No own text.
    Empty,
    /// Prose: mostly unlinked, long or a sentence.
    Prose,
    /// Short text: headings, labels, captions that slipped through.
    Short,
    /// Mostly links: menus, related lists, tag clouds.
    Links,
}

/// The main text of the page under `root`, or `None` when no element holds prose.
pub(super) fn main_text(root: NodeRef<'_, Node>) -> Option<String> {
    let mut infos = read_tree(root);
    sizes(&mut infos);
    // Elements named like furniture are left out first; when what remains is much
    // weaker than the best element with them, one of them was a layout wrapper
    // (`content-with-sidebar`) and the best element inside it is taken.
    let loose = score(&mut infos, false);
    let strict = score(&mut infos, true);
    let best = match (strict, loose) {
        (Some((s, fs)), Some((_, fl))) if fs >= fl * STRICT_SHARE => s,
        (_, Some((l, _))) => {
            score(&mut infos, false);
            l
        }
        (Some((s, _)), None) => s,
        (None, None) => return None,
    };
    let best = climb(&infos, best);
    let parts = match one_of_many_articles(&infos, best) {
        Some(article) => vec![article],
        None => with_siblings(&infos, best),
    };
    let mut blocks: Vec<(String, Chunk)> = Vec::new();
    for i in parts {
        render(&infos, i, &mut blocks);
    }
    trim_edges(&mut blocks);
    let text: Vec<String> = blocks.into_iter().map(|(t, _)| t).collect();
    let text = text.join("\n\n");
    (!text.is_empty()).then_some(text)
}

fn final_score(info: &Info<'_>) -> f32 {
    let density =
        if info.sub_text == 0 { 0.0 } else { info.sub_link as f32 / info.sub_text as f32 };
    info.score * (1.0 - density)
}

/// Moves from the winner to an ancestor while the ancestor adds prose and little else
/// (an article split into several chunks under one parent).
fn climb(infos: &[Info<'_>], mut best: usize) -> usize {
    'up: loop {
        let mut p = infos[best].parent;
        for _ in 0..CLIMB_LEVELS {
            if p == usize::MAX || infos[p].dropped {
                break;
            }
            let (cur, up) = (&infos[best], &infos[p]);
            let gain = up.prose.saturating_sub(cur.prose);
            let noise = (up.sub_text - up.prose).saturating_sub(cur.sub_text - cur.prose);
            if gain > 0
                && gain as f32 >= CLIMB_GAIN * cur.prose as f32
                && noise as f32 <= CLIMB_NOISE * gain as f32
            {
                best = p;
                continue 'up;
            }
            p = infos[p].parent;
        }
        return best;
    }
}

/// Whether rendering skips the element and its subtree.
fn skipped(info: &Info<'_>, total: u32) -> bool {
    info.hidden || info.kind == Kind::Furniture || named_furniture(info, total)
}

/// An element named like furniture that is not a layout wrapper: it neither holds
/// the article's named text nor most of the page's text.
fn named_furniture(info: &Info<'_>, total: u32) -> bool {
    info.kind == Kind::Named && !info.content && info.raw.saturating_mul(2) < total
}

/// What one pass learns about one element.
struct Info<'a> {
    node: NodeRef<'a, Node>,
    parent: usize,
    kind: Kind,
    /// Hidden, or inside a hidden element.
    hidden: bool,
    /// Its `class`/`id` names the article's text, or a descendant's does.
    content: bool,
    /// Inside furniture or hidden elements (or one itself).
    dropped: bool,
    inline: bool,
    anchor: bool,
    /// Own text: characters not inside a child block.
    text: u32,
    link: u32,
    stops: u32,
    commas: u32,
    /// Visible characters of the subtree, furniture included.
    raw: u32,
    /// Characters and linked characters of the subtree, furniture left out.
    sub_text: u32,
    sub_link: u32,
    /// Characters of prose blocks in the subtree, furniture left out.
    prose: u32,
    /// One past the last element of the subtree.
    end: usize,
    score: f32,
    chunk: Chunk,
}

/// Subtree sizes and content names, children before parents (infos are in document
/// order, so a parent comes before its children).
fn sizes(infos: &mut [Info<'_>]) {
    for i in (0..infos.len()).rev() {
        infos[i].raw += infos[i].text;
        infos[i].end = infos[i].end.max(i + 1);
        let (p, raw, content, end) =
            (infos[i].parent, infos[i].raw, infos[i].content, infos[i].end);
        if p != usize::MAX {
            infos[p].raw += raw;
            infos[p].content |= content;
            infos[p].end = infos[p].end.max(end);
        }
    }
}

/// When the winner is a list of `<article>`s (the page's article followed by teasers of
/// others) rather than an article, the first of them: the page's own article comes
/// before the teasers.
fn one_of_many_articles(infos: &[Info<'_>], best: usize) -> Option<usize> {
    let is_article =
        |j: usize| matches!(infos[j].node.value(), Node::Element(e) if e.name() == "article");
    let mut articles: Vec<usize> = Vec::new();
    let mut j = best + 1;
    while j < infos[best].end {
        if is_article(j) && !infos[j].dropped && infos[j].prose > 0 {
            articles.push(j);
            j = infos[j].end;
        } else {
            j += 1;
        }
    }
    let in_articles: u32 = articles.iter().map(|&a| infos[a].prose).sum();
    if articles.len() < 2 || (in_articles as f32) < ARTICLES_SHARE * infos[best].prose as f32 {
        return None;
    }
    articles.first().copied()
}

/// Marks furniture (with `strict`, also elements named like it) and scores every
/// element; returns the best one and its score.
fn score(infos: &mut [Info<'_>], strict: bool) -> Option<(usize, f32)> {
    let total = infos.first().map_or(0, |i| i.raw);
    for i in 0..infos.len() {
        let p = infos[i].parent;
        let inherited = p != usize::MAX && infos[p].dropped;
        let info = &mut infos[i];
        info.dropped = inherited
            || info.hidden
            || info.kind == Kind::Furniture
            || (strict && named_furniture(info, total));
        info.sub_text = 0;
        info.sub_link = 0;
        info.prose = 0;
        info.score = 0.0;
    }
    for i in (0..infos.len()).rev() {
        close(infos, i);
    }
    (0..infos.len())
        .filter(|&i| !infos[i].dropped && infos[i].score > 0.0)
        .map(|i| (i, final_score(&infos[i])))
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// Reads the DOM once: each element's own text counts.
fn read_tree(root: NodeRef<'_, Node>) -> Vec<Info<'_>> {
    let mut infos: Vec<Info<'_>> = Vec::with_capacity(4096);
    // Open elements, innermost last; the innermost open block; open anchors.
    let mut open: Vec<usize> = Vec::new();
    let mut blocks: Vec<usize> = Vec::new();
    let mut anchors = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let parent = open.last().copied().unwrap_or(usize::MAX);
                    let (k, content) = kind(el);
                    let hidden =
                        k == Kind::Hidden || (parent != usize::MAX && infos[parent].hidden);
                    let anchor = el.name() == "a";
                    anchors += anchor as usize;
                    let i = infos.len();
                    infos.push(Info {
                        node,
                        parent,
                        kind: k,
                        hidden,
                        content,
                        dropped: false,
                        inline: k == Kind::Inline,
                        anchor,
                        text: 0,
                        link: 0,
                        stops: 0,
                        commas: 0,
                        raw: 0,
                        sub_text: 0,
                        sub_link: 0,
                        prose: 0,
                        end: 0,
                        score: 0.0,
                        chunk: Chunk::Empty,
                    });
                    open.push(i);
                    if k != Kind::Inline {
                        blocks.push(i);
                    }
                }
                Node::Text(t) => {
                    let Some(&b) = blocks.last() else { continue };
                    if open.last().is_some_and(|&o| infos[o].hidden) {
                        continue;
                    }
                    let info = &mut infos[b];
                    let mut n = 0u32;
                    for c in t.chars() {
                        if c.is_whitespace() {
                            continue;
                        }
                        n += 1;
                        match c {
                            '.' | '!' | '?' | '。' | '！' | '？' if anchors == 0 => {
                                info.stops += 1
                            }
                            ',' | '、' | '，' => info.commas += 1,
                            _ => {}
                        }
                    }
                    info.text += n;
                    if anchors > 0 {
                        info.link += n;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if !matches!(node.value(), Node::Element(_)) {
                    continue;
                }
                let Some(i) = open.pop() else { continue };
                if !infos[i].inline {
                    blocks.pop();
                }
                if infos[i].anchor {
                    anchors -= 1;
                }
            }
        }
    }
    infos
}

/// Classifies the element's own text and passes its counts and points upwards.
fn close(infos: &mut [Info<'_>], i: usize) {
    let info = &mut infos[i];
    info.chunk = classify(info.text, info.link, info.stops);
    let is_heading = matches!(info.node.value(), Node::Element(e) if is_heading(e.name()));
    if is_heading && info.chunk == Chunk::Prose {
        info.chunk = Chunk::Short;
    }
    if info.dropped {
        return;
    }
    info.sub_text += info.text;
    info.sub_link += info.link;
    let points = if info.chunk == Chunk::Prose {
        info.prose += info.text;
        1.0 + info.commas as f32 + (info.text as f32 / 100.0).min(3.0)
    } else {
        0.0
    };
    let (sub_text, sub_link, prose, parent) =
        (info.sub_text, info.sub_link, info.prose, info.parent);
    if parent == usize::MAX {
        return;
    }
    infos[parent].sub_text += sub_text;
    infos[parent].sub_link += sub_link;
    infos[parent].prose += prose;
    let mut at = parent;
    for share in [1.0, 0.5, 1.0 / 6.0] {
        if at == usize::MAX || points == 0.0 {
            break;
        }
        if !infos[at].inline {
            infos[at].score += points * share;
        }
        at = infos[at].parent;
    }
}

fn classify(text: u32, link: u32, stops: u32) -> Chunk {
    if text == 0 {
        return Chunk::Empty;
    }
    let share = link as f32 / text as f32;
    if share >= LINK_LIST_SHARE {
        Chunk::Links
    } else if share <= PROSE_LINK_SHARE
        && (text >= PROSE_CHARS || (text >= SENTENCE_CHARS && stops > 0))
    {
        Chunk::Prose
    } else {
        Chunk::Short
    }
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The winner and those of its siblings that hold prose too, in document order.
fn with_siblings(infos: &[Info<'_>], best: usize) -> Vec<usize> {
    let parent = infos[best].parent;
    if parent == usize::MAX {
        return vec![best];
    }
    let threshold = final_score(&infos[best]) * SIBLING_SHARE;
    (best..infos.len())
        .rev()
        .chain(0..best)
        .filter(|&j| infos[j].parent == parent)
        .filter(|&j| {
            j == best
                || (!infos[j].dropped
                    && final_score(&infos[j]).max(own_points(&infos[j])) >= threshold.max(1.0))
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Points of a sibling that is a paragraph itself.
fn own_points(info: &Info<'_>) -> f32 {
    if info.chunk == Chunk::Prose && info.text >= PROSE_CHARS {
        1.0 + info.commas as f32 + (info.text as f32 / 100.0).min(3.0)
    } else {
        0.0
    }
}

/// Renders element `start` block by block, each block tagged with how it reads.
fn render(infos: &[Info<'_>], start: usize, out: &mut Vec<(String, Chunk)>) {
    let total = infos.first().map_or(0, |i| i.raw);
    let mut i = start;
    let mut skip = 0usize;
    let mut blocks: Vec<usize> = Vec::new();
    let mut text = Blocks::default();
    let flush = |text: &mut Blocks, owner: Option<usize>, out: &mut Vec<(String, Chunk)>| {
        let done = std::mem::take(text).finish();
        let chunk = owner.map_or(Chunk::Short, |b| infos[b].chunk);
        if chunk != Chunk::Links {
            out.extend(done.into_iter().map(|t| (t, chunk)));
        }
    };
    for edge in infos[start].node.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let info = &infos[i];
                    i += 1;
                    if skip > 0 || (i > start + 1 && skipped(info, total)) || el.name() == "h1" {
                        skip += 1;
                    } else if el.name() == "br" {
                        text.line_break();
                    } else if !info.inline {
                        flush(&mut text, blocks.last().copied(), out);
                        blocks.push(i - 1);
                    }
                }
                Node::Text(t) if skip == 0 => text.push(t),
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(el) = node.value() else { continue };
                if skip > 0 {
                    skip -= 1;
                } else if el.name() != "br" && !is_inline(infos, &blocks, el.name()) {
                    flush(&mut text, blocks.pop(), out);
                }
            }
        }
    }
    flush(&mut text, blocks.last().copied(), out);
}

/// Whether a closing tag closes an inline element (blocks close the innermost block).
fn is_inline(_infos: &[Info<'_>], _blocks: &[usize], name: &str) -> bool {
    !super::boilerplate::is_block_name(name)
}

/// Drops short lines without a sentence end before the first and after the last
/// paragraph of prose.
fn trim_edges(blocks: &mut Vec<(String, Chunk)>) {
    let edge_junk = |(t, c): &(String, Chunk)| {
        *c != Chunk::Prose && t.chars().count() < EDGE_CHARS && !ends_sentence(t)
    };
    let first = blocks.iter().position(|b| !edge_junk(b)).unwrap_or(blocks.len());
    blocks.drain(..first);
    while blocks.last().is_some_and(edge_junk) {
        blocks.pop();
    }
}

fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end_matches(['"', '\'', '”', '’', ')', ' ']);
    t.ends_with(['.', '!', '?', '。', '！', '？', ':'])
}
