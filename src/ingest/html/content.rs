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

/// What one pass learns about one element.
struct Info<'a> {
    node: NodeRef<'a, Node>,
    parent: usize,
    /// Inside hidden or furniture elements (or one itself).
    dropped: bool,
    inline: bool,
    anchor: bool,
    /// Own text: characters not inside a child block.
    text: u32,
    link: u32,
    stops: u32,
    commas: u32,
    /// Characters and linked characters of the whole subtree (furniture left out).
    sub_text: u32,
    sub_link: u32,
    score: f32,
    chunk: Chunk,
}

/// The main text of the page under `root`, or `None` when no element holds prose.
pub(super) fn main_text(root: NodeRef<'_, Node>) -> Option<String> {
    let infos = measure(root);
    let best = (0..infos.len())
        .filter(|&i| !infos[i].dropped && infos[i].score > 0.0)
        .max_by(|&a, &b| final_score(&infos[a]).total_cmp(&final_score(&infos[b])))?;
    let parts = with_siblings(&infos, best);
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
    let density = if info.sub_text == 0 { 0.0 } else { info.sub_link as f32 / info.sub_text as f32 };
    info.score * (1.0 - density)
}

/// One pass over the tree: element infos in document (pre-)order.
fn measure(root: NodeRef<'_, Node>) -> Vec<Info<'_>> {
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
                    let k = kind(el);
                    let dropped = matches!(k, Kind::Hidden | Kind::Furniture)
                        || (parent != usize::MAX && infos[parent].dropped);
                    let anchor = el.name() == "a";
                    anchors += anchor as usize;
                    let i = infos.len();
                    infos.push(Info {
                        node,
                        parent,
                        dropped,
                        inline: k == Kind::Inline,
                        anchor,
                        text: 0,
                        link: 0,
                        stops: 0,
                        commas: 0,
                        sub_text: 0,
                        sub_link: 0,
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
                    if infos[b].dropped || open.last().is_some_and(|&o| infos[o].dropped) {
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
                close(&mut infos, i);
            }
        }
    }
    infos
}

/// Classifies the element's own text and passes its counts and points upwards.
fn close(infos: &mut [Info<'_>], i: usize) {
    let info = &mut infos[i];
    if info.dropped {
        return;
    }
    info.sub_text += info.text;
    info.sub_link += info.link;
    info.chunk = classify(info.text, info.link, info.stops);
    let is_heading = matches!(info.node.value(), Node::Element(e) if is_heading(e.name()));
    if is_heading && info.chunk == Chunk::Prose {
        info.chunk = Chunk::Short;
    }
    let points = if info.chunk == Chunk::Prose {
        1.0 + info.commas as f32 + (info.text as f32 / 100.0).min(3.0)
    } else {
        0.0
    };
    let (sub_text, sub_link, parent) = (info.sub_text, info.sub_link, info.parent);
    if parent == usize::MAX {
        return;
    }
    infos[parent].sub_text += sub_text;
    infos[parent].sub_link += sub_link;
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
    let mut i = start;
    let mut skip = 0usize;
    let mut blocks: Vec<usize> = Vec::new();
    let mut text = Blocks::default();
    let mut flush = |text: &mut Blocks, owner: Option<usize>, out: &mut Vec<(String, Chunk)>| {
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
                    if skip > 0 || info.dropped || el.name() == "h1" {
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
