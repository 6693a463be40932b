//! Plain text from a DOM: white space collapsed, blocks separated by blank lines.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::Node;

use super::boilerplate::{is_block_name, is_hidden_name};

/// Elements skipped as page furniture by the whole-page reading.
const FURNITURE: &[&str] = &["aside", "footer", "form", "header", "nav"];

/// The whole visible text of a page, as `--full-text` keeps it: the first `<article>`
/// or `<main>` when there is one (`main`), otherwise the body without navigation,
/// header, footer, aside and forms.
pub(super) fn whole_page(root: NodeRef<'_, Node>, main: Option<NodeRef<'_, Node>>) -> String {
    match main {
        Some(el) => visible_text(el, false),
        None => visible_text(root, true),
    }
}

fn visible_text(root: NodeRef<'_, Node>, skip_furniture: bool) -> String {
    let mut out = Blocks::default();
    let mut hidden_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if hidden_depth > 0
                        || is_hidden_name(name)
                        || (skip_furniture && FURNITURE.contains(&name))
                    {
                        hidden_depth += 1;
                    } else if name == "br" {
                        out.line_break();
                    } else if is_block_name(name) {
                        out.end_block();
                    }
                }
                Node::Text(t) if hidden_depth == 0 => out.push(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if hidden_depth > 0 {
                        hidden_depth -= 1;
                    } else if is_block_name(el.name()) {
                        out.end_block();
                    }
                }
            }
        }
    }
    out.finish().join("\n\n")
}

/// Text gathered block by block.
#[derive(Default)]
pub(super) struct Blocks {
    blocks: Vec<String>,
    cur: String,
}

impl Blocks {
    /// Appends text with runs of white space collapsed to one space.
    pub(super) fn push(&mut self, t: &str) {
        let out = &mut self.cur;
        for (i, part) in t.split_whitespace().enumerate() {
            let at_line_start = out.is_empty() || out.ends_with('\n');
            if (i > 0 || t.starts_with(char::is_whitespace))
                && !at_line_start
                && !out.ends_with(' ')
            {
                out.push(' ');
            }
            out.push_str(part);
        }
        if t.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
    }

    /// A `<br>`: a line break inside the block.
    pub(super) fn line_break(&mut self) {
        let trimmed = self.cur.trim_end_matches(' ').len();
        self.cur.truncate(trimmed);
        if !self.cur.is_empty() && !self.cur.ends_with('\n') {
            self.cur.push('\n');
        }
    }

    /// Ends the current block; returns whether it held text.
    pub(super) fn end_block(&mut self) -> bool {
        let t = self.cur.trim();
        if t.is_empty() {
            self.cur.clear();
            return false;
        }
        let t = t.to_string();
        self.cur.clear();
        self.blocks.push(t);
        true
    }

    /// The blocks so far (ending the current one).
    pub(super) fn finish(mut self) -> Vec<String> {
        self.end_block();
        self.blocks
    }
}

/// Collapses white space.
pub(super) fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_space_and_separates_blocks() {
        let mut b = Blocks::default();
        b.push("  one\n two ");
        b.push("three");
        b.line_break();
        b.push("four");
        assert!(b.end_block());
        assert!(!b.end_block());
        b.push("five");
        assert_eq!(b.finish(), ["one two three\nfour", "five"]);
    }
}
