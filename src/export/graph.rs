//! Entity co-occurrence graphs, as JSON, GEXF (Gephi) and GraphML.
//!
//! Nodes are canonical entities. Two entities are linked when one document names both;
//! an edge counts the documents (`documents`) and the sentences (`sentences`) that name
//! both. Memory grows with the number of distinct entities and linked pairs, not with the
//! number of documents. Output order is stable: nodes by label then name, edges by node.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde::{Serialize, Serializer};

use super::Record;
use crate::extract::Label;

/// A node's id, written `n0`, `n1`, ... (the index in [`Graph::nodes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub u32);

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "n{}", self.0)
    }
}

impl Serialize for NodeId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One entity of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    /// Node id (`n0`, `n1`, ...), stable for a given set of entities.
    pub id: NodeId,
    /// Label.
    pub label: Label,
    /// Canonical name.
    pub canonical: String,
    /// Documents that name it.
    pub documents: usize,
    /// Mentions.
    pub mentions: usize,
}

/// One link between two entities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// Id of one end (the one that sorts first).
    pub source: NodeId,
    /// Id of the other end.
    pub target: NodeId,
    /// Documents that name both.
    pub documents: u32,
    /// Sentences that name both.
    pub sentences: u32,
}

/// A finished graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Graph {
    /// Entities, by label then canonical name.
    pub nodes: Vec<Node>,
    /// Links, by source then target.
    pub edges: Vec<Edge>,
}

#[derive(Debug, Default)]
struct NodeAcc {
    documents: usize,
    mentions: usize,
}

#[derive(Debug, Default, Clone, Copy)]
struct EdgeAcc {
    documents: u32,
    sentences: u32,
}

/// Two node indexes in one word, the smaller first.
fn pair(a: u32, b: u32) -> u64 {
    (u64::from(a.min(b)) << 32) | u64::from(a.max(b))
}

/// Builds a [`Graph`] from records.
///
/// ```
/// use dossier::{Extractor, GraphBuilder, Label};
///
/// let extractor = Extractor::new();
/// let mut builder = GraphBuilder::new().labels(&[Label::Gpe]).min_sentences(1);
/// for (id, text) in [("a", "France and Germany signed a treaty."), ("b", "Germany and France met.")] {
///     builder.add(&extractor.extract_text(id, text, None));
/// }
/// let graph = builder.build(1, 1);
/// assert_eq!(graph.nodes.len(), 2);
/// assert_eq!(graph.edges[0].documents, 2);
/// ```
#[derive(Debug, Default)]
pub struct GraphBuilder {
    labels: Option<BTreeSet<Label>>,
    ids: HashMap<(Label, String), u32>,
    nodes: Vec<((Label, String), NodeAcc)>,
    edges: HashMap<u64, EdgeAcc>,
    min_sentences: u32,
    connected_only: bool,
}

impl GraphBuilder {
    /// A builder over every label.
    pub fn new() -> GraphBuilder {
        GraphBuilder::default()
    }

    /// Keeps only entities with these labels (every label when empty).
    pub fn labels(mut self, labels: &[Label]) -> GraphBuilder {
        self.labels = (!labels.is_empty()).then(|| labels.iter().copied().collect());
        self
    }

    /// Keeps only links seen in at least `n` sentences (0, the default, keeps links of
    /// entities that are only named in the same documents).
    pub fn min_sentences(mut self, n: u32) -> GraphBuilder {
        self.min_sentences = n;
        self
    }

    /// Keeps only entities with at least one link left (default: every entity).
    pub fn connected_only(mut self, yes: bool) -> GraphBuilder {
        self.connected_only = yes;
        self
    }

    fn node(&mut self, label: Label, canonical: &str) -> u32 {
        if let Some(&id) = self.ids.get(&(label, canonical.to_string())) {
            return id;
        }
        let id = u32::try_from(self.nodes.len()).expect("fewer than 2^32 entities");
        self.ids.insert((label, canonical.to_string()), id);
        self.nodes.push(((label, canonical.to_string()), NodeAcc::default()));
        id
    }

    /// Adds one document's mentions.
    pub fn add(&mut self, record: &Record) {
        let mut in_doc: BTreeSet<u32> = BTreeSet::new();
        let mut by_sentence: HashMap<usize, BTreeSet<u32>> = HashMap::new();
        for e in &record.entities {
            if self.labels.as_ref().is_some_and(|l| !l.contains(&e.label)) {
                continue;
            }
            let id = self.node(e.label, &e.canonical);
            self.nodes[id as usize].1.mentions += 1;
            if in_doc.insert(id) {
                self.nodes[id as usize].1.documents += 1;
            }
            by_sentence.entry(e.sentence).or_default().insert(id);
        }
        let ids: Vec<u32> = in_doc.into_iter().collect();
        for (i, &a) in ids.iter().enumerate() {
            for &b in &ids[i + 1..] {
                self.edges.entry(pair(a, b)).or_default().documents += 1;
            }
        }
        for set in by_sentence.values() {
            let ids: Vec<u32> = set.iter().copied().collect();
            for (i, &a) in ids.iter().enumerate() {
                for &b in &ids[i + 1..] {
                    self.edges.entry(pair(a, b)).or_default().sentences += 1;
                }
            }
        }
    }

    /// The graph, keeping entities named in at least `min_docs` documents and links
    /// seen in at least `min_weight` documents (and the builder's other limits).
    pub fn build(self, min_docs: usize, min_weight: usize) -> Graph {
        let min_sentences = self.min_sentences;
        let kept_node = |i: usize| self.nodes[i].1.documents >= min_docs;
        let edges: Vec<(u64, EdgeAcc)> = self
            .edges
            .into_iter()
            .filter(|(key, acc)| {
                acc.documents as usize >= min_weight
                    && acc.sentences >= min_sentences
                    && kept_node((key >> 32) as usize)
                    && kept_node((key & 0xffff_ffff) as usize)
            })
            .collect();
        let mut linked = vec![!self.connected_only; self.nodes.len()];
        for (key, _) in &edges {
            linked[(key >> 32) as usize] = true;
            linked[(key & 0xffff_ffff) as usize] = true;
        }
        let mut order: Vec<usize> =
            (0..self.nodes.len()).filter(|&i| kept_node(i) && linked[i]).collect();
        order.sort_by(|&a, &b| self.nodes[a].0.cmp(&self.nodes[b].0));
        let mut new_id = vec![u32::MAX; self.nodes.len()];
        for (n, &old) in order.iter().enumerate() {
            new_id[old] = n as u32;
        }
        let nodes: Vec<Node> = order
            .iter()
            .enumerate()
            .map(|(n, &old)| {
                let ((label, canonical), acc) = &self.nodes[old];
                Node {
                    id: NodeId(n as u32),
                    label: *label,
                    canonical: canonical.clone(),
                    documents: acc.documents,
                    mentions: acc.mentions,
                }
            })
            .collect();
        let mut edges: Vec<Edge> = edges
            .into_iter()
            .filter_map(|(key, acc)| {
                let (a, b) = (new_id[(key >> 32) as usize], new_id[(key & 0xffff_ffff) as usize]);
                (a != u32::MAX && b != u32::MAX).then(|| Edge {
                    source: NodeId(a.min(b)),
                    target: NodeId(a.max(b)),
                    documents: acc.documents,
                    sentences: acc.sentences,
                })
            })
            .collect();
        edges.sort_unstable_by_key(|e| (e.source, e.target));
        Graph { nodes, edges }
    }
}

/// Drops characters XML 1.0 cannot hold (most control characters).
fn xml_safe(s: &str) -> String {
    s.chars().filter(|&c| matches!(c, '\t' | '\n' | '\r') || c >= ' ').collect()
}

fn start<'a>(name: &'a str, attrs: &[(&'a str, &'a str)]) -> BytesStart<'a> {
    BytesStart::new(name).with_attributes(attrs.iter().copied())
}

fn empty<W: Write>(w: &mut Writer<W>, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.write_event(Event::Empty(start(name, attrs)))
}

fn open<W: Write>(w: &mut Writer<W>, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.write_event(Event::Start(start(name, attrs)))
}

fn close<W: Write>(w: &mut Writer<W>, name: &str) -> io::Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))
}

fn text_element<W: Write>(
    w: &mut Writer<W>,
    name: &str,
    attrs: &[(&str, &str)],
    text: &str,
) -> io::Result<()> {
    open(w, name, attrs)?;
    w.write_event(Event::Text(BytesText::new(&xml_safe(text))))?;
    close(w, name)
}

impl Graph {
    /// Writes the graph as GEXF 1.3, undirected, edge weight = documents in common.
    pub fn write_gexf<W: Write>(&self, out: W) -> io::Result<()> {
        let mut w = Writer::new_with_indent(out, b' ', 1);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        open(&mut w, "gexf", &[("xmlns", "http://gexf.net/1.3"), ("version", "1.3")])?;
        open(&mut w, "meta", &[])?;
        text_element(&mut w, "creator", &[], "dossier")?;
        text_element(&mut w, "description", &[], "entity co-occurrence")?;
        close(&mut w, "meta")?;
        open(&mut w, "graph", &[("mode", "static"), ("defaultedgetype", "undirected")])?;
        open(&mut w, "attributes", &[("class", "node")])?;
        for (id, title, kind) in [
            ("0", "entity_label", "string"),
            ("1", "documents", "integer"),
            ("2", "mentions", "integer"),
        ] {
            empty(&mut w, "attribute", &[("id", id), ("title", title), ("type", kind)])?;
        }
        close(&mut w, "attributes")?;
        open(&mut w, "attributes", &[("class", "edge")])?;
        for (id, title) in [("0", "documents"), ("1", "sentences")] {
            empty(&mut w, "attribute", &[("id", id), ("title", title), ("type", "integer")])?;
        }
        close(&mut w, "attributes")?;
        open(&mut w, "nodes", &[])?;
        for n in &self.nodes {
            let (id, name) = (n.id.to_string(), xml_safe(&n.canonical));
            open(&mut w, "node", &[("id", &id), ("label", &name)])?;
            open(&mut w, "attvalues", &[])?;
            let (docs, mentions) = (n.documents.to_string(), n.mentions.to_string());
            for (f, v) in [("0", n.label.as_str()), ("1", &docs), ("2", &mentions)] {
                empty(&mut w, "attvalue", &[("for", f), ("value", v)])?;
            }
            close(&mut w, "attvalues")?;
            close(&mut w, "node")?;
        }
        close(&mut w, "nodes")?;
        open(&mut w, "edges", &[])?;
        for (i, e) in self.edges.iter().enumerate() {
            let (id, docs, sents) =
                (format!("e{i}"), e.documents.to_string(), e.sentences.to_string());
            let (source, target) = (e.source.to_string(), e.target.to_string());
            let attrs =
                [("id", id.as_str()), ("source", &source), ("target", &target), ("weight", &docs)];
            open(&mut w, "edge", &attrs)?;
            open(&mut w, "attvalues", &[])?;
            empty(&mut w, "attvalue", &[("for", "0"), ("value", &docs)])?;
            empty(&mut w, "attvalue", &[("for", "1"), ("value", &sents)])?;
            close(&mut w, "attvalues")?;
            close(&mut w, "edge")?;
        }
        close(&mut w, "edges")?;
        close(&mut w, "graph")?;
        close(&mut w, "gexf")?;
        w.into_inner().write_all(b"\n")
    }

    /// Writes the graph as GraphML, undirected, with the same attributes as GEXF.
    pub fn write_graphml<W: Write>(&self, out: W) -> io::Result<()> {
        let mut w = Writer::new_with_indent(out, b' ', 1);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        open(&mut w, "graphml", &[("xmlns", "http://graphml.graphdrawing.org/xmlns")])?;
        for (id, on, name, kind) in [
            ("name", "node", "name", "string"),
            ("entity_label", "node", "entity_label", "string"),
            ("node_documents", "node", "documents", "int"),
            ("mentions", "node", "mentions", "int"),
            ("weight", "edge", "weight", "double"),
            ("edge_documents", "edge", "documents", "int"),
            ("sentences", "edge", "sentences", "int"),
        ] {
            let attrs = [("id", id), ("for", on), ("attr.name", name), ("attr.type", kind)];
            empty(&mut w, "key", &attrs)?;
        }
        open(&mut w, "graph", &[("id", "dossier"), ("edgedefault", "undirected")])?;
        for n in &self.nodes {
            open(&mut w, "node", &[("id", &n.id.to_string())])?;
            text_element(&mut w, "data", &[("key", "name")], &n.canonical)?;
            text_element(&mut w, "data", &[("key", "entity_label")], n.label.as_str())?;
            text_element(&mut w, "data", &[("key", "node_documents")], &n.documents.to_string())?;
            text_element(&mut w, "data", &[("key", "mentions")], &n.mentions.to_string())?;
            close(&mut w, "node")?;
        }
        for e in &self.edges {
            let (source, target) = (e.source.to_string(), e.target.to_string());
            open(&mut w, "edge", &[("source", &source), ("target", &target)])?;
            let docs = e.documents.to_string();
            text_element(&mut w, "data", &[("key", "weight")], &docs)?;
            text_element(&mut w, "data", &[("key", "edge_documents")], &docs)?;
            text_element(&mut w, "data", &[("key", "sentences")], &e.sentences.to_string())?;
            close(&mut w, "edge")?;
        }
        close(&mut w, "graph")?;
        close(&mut w, "graphml")?;
        w.into_inner().write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{DctRecord, EntityMention};
    use crate::extract::DctSource;

    fn record(id: &str, mentions: &[(&str, Label, usize)]) -> Record {
        Record {
            id: id.into(),
            source: id.into(),
            title: None,
            published: None,
            url: None,
            author: None,
            dct: DctRecord { value: None, source: DctSource::None },
            entities: mentions
                .iter()
                .map(|&(name, label, sentence)| EntityMention {
                    page: None,
                    start: 0,
                    end: 1,
                    text: name.into(),
                    label,
                    canonical: name.into(),
                    sentence,
                    rule: "test".into(),
                    country: None,
                })
                .collect(),
            dates: vec![],
            ..Record::default()
        }
    }

    fn sample() -> Graph {
        let mut b = GraphBuilder::new();
        b.add(&record(
            "a",
            &[
                ("China", Label::Gpe, 0),
                ("Xi <& \"Jinping\"", Label::Person, 0),
                ("NATO", Label::Org, 1),
            ],
        ));
        b.add(&record(
            "b",
            &[("China", Label::Gpe, 0), ("NATO", Label::Org, 0), ("China", Label::Gpe, 3)],
        ));
        b.build(1, 1)
    }

    #[test]
    fn counts_documents_and_sentences_in_common() {
        let g = sample();
        let id = |name: &str| g.nodes.iter().find(|n| n.canonical.starts_with(name)).unwrap().id;
        let edge = |a: &str, b: &str| {
            let (a, b) = (id(a), id(b));
            g.edges
                .iter()
                .find(|e| (e.source == a && e.target == b) || (e.source == b && e.target == a))
                .cloned()
        };
        let china_nato = edge("China", "NATO").unwrap();
        assert_eq!((china_nato.documents, china_nato.sentences), (2, 1));
        let xi_nato = edge("Xi", "NATO").unwrap();
        assert_eq!((xi_nato.documents, xi_nato.sentences), (1, 0));
        let china = g.nodes.iter().find(|n| n.canonical == "China").unwrap();
        assert_eq!((china.documents, china.mentions), (2, 3));
        let pruned = {
            let mut b = GraphBuilder::new();
            b.add(&record("a", &[("China", Label::Gpe, 0), ("NATO", Label::Org, 0)]));
            b.add(&record("b", &[("China", Label::Gpe, 0)]));
            b.build(2, 1)
        };
        assert_eq!(pruned.nodes.len(), 1);
        assert!(pruned.edges.is_empty());
    }

    fn parse_all(xml: &[u8]) -> Vec<String> {
        let mut reader = quick_xml::Reader::from_reader(xml);
        let mut names = Vec::new();
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf).expect("well-formed XML") {
                Event::Eof => break,
                Event::Start(e) | Event::Empty(e) => {
                    names.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
                    for a in e.attributes() {
                        a.expect("attribute").unescape_value().expect("escaped");
                    }
                }
                Event::Text(t) => {
                    t.unescape().expect("escaped text");
                }
                _ => {}
            }
            buf.clear();
        }
        names
    }

    #[test]
    fn gexf_and_graphml_parse_back() {
        let g = sample();
        let mut gexf = Vec::new();
        g.write_gexf(&mut gexf).unwrap();
        let names = parse_all(&gexf);
        assert_eq!(names.iter().filter(|n| *n == "node").count(), g.nodes.len());
        assert_eq!(names.iter().filter(|n| *n == "edge").count(), g.edges.len());
        assert!(String::from_utf8_lossy(&gexf).contains("Xi &lt;&amp; &quot;Jinping&quot;"));
        let mut graphml = Vec::new();
        g.write_graphml(&mut graphml).unwrap();
        let names = parse_all(&graphml);
        assert_eq!(names.iter().filter(|n| *n == "node").count(), g.nodes.len());
        assert_eq!(names.iter().filter(|n| *n == "edge").count(), g.edges.len());
    }
}
