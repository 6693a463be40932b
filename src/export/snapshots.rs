//! Snapshots of every export format, made from hand-made records so that they depend on
//! the formats only (the snapshot files are beside the integration tests' ones, in
//! `tests/snapshots`).

use super::{
    bulk_lines, elastic_mapping, quickwit_index_config, timeline_events, CsvSink, DateMention,
    DctRecord, EntityEntry, EntityMention, EntityTable, GraphBuilder, Record, SearchDoc,
    TimelineFilter,
};
use crate::extract::{DctSource, Label, TimexType};

/// Hand-made records: the snapshots depend on the export formats only.
fn fixture() -> Vec<(Record, String)> {
    fn record(
        id: &str,
        title: &str,
        published: Option<&str>,
        body: &str,
        ents: &[(&str, Label, &str, Option<&str>)],
        dates: &[(&str, &str, [&str; 2])],
    ) -> (Record, String) {
        let sentences = crate::text::sentences(body);
        let at = |s: &str| {
            let b = body.find(s).unwrap_or_else(|| panic!("{s} in {body}"));
            let start = body[..b].chars().count();
            let sentence = crate::text::sentence_of(&sentences, b);
            (start, start + s.chars().count(), sentence)
        };
        let entities = ents
            .iter()
            .map(|&(text, label, canonical, country)| {
                let (start, end, sentence) = at(text);
                EntityMention {
                    page: None,
                    start,
                    end,
                    text: text.into(),
                    label,
                    canonical: canonical.into(),
                    sentence,
                    rule: "fixture".into(),
                    country: country.map(String::from),
                }
            })
            .collect();
        let dates = dates
            .iter()
            .map(|&(text, value, [a, b])| {
                let (start, end, sentence) = at(text);
                DateMention {
                    page: None,
                    start,
                    end,
                    text: text.into(),
                    kind: TimexType::Date,
                    value: value.into(),
                    sentence,
                    rule: "fixture".into(),
                    range: Some([a.into(), b.into()]),
                }
            })
            .collect();
        let r = Record {
            id: id.into(),
            source: format!("{id}.txt"),
            title: Some(title.into()),
            published: published.map(String::from),
            url: None,
            author: None,
            dct: DctRecord {
                value: published.map(String::from),
                source: if published.is_some() { DctSource::Metadata } else { DctSource::None },
            },
            entities,
            dates,
            ..Record::default()
        };
        (r, body.to_string())
    }
    vec![
        record(
            "talks/first",
            "Leaders \"meet\" & talk",
            Some("2015-09-30"),
            "The U.S. and China met in September 2015. Obama hosted Xi Jinping in Washington.\nIn May 2014, the United States indicted five officers.",
            &[
                ("U.S.", Label::Gpe, "United States", Some("US")),
                ("China", Label::Gpe, "China", Some("CN")),
                ("Obama", Label::Person, "Barack Obama", None),
                ("Xi Jinping", Label::Person, "Xi Jinping", None),
                ("Washington", Label::Gpe, "Washington", Some("US")),
                ("United States", Label::Gpe, "United States", Some("US")),
            ],
            &[("September 2015", "2015-09", ["2015-09-01", "2015-09-30"]), ("May 2014", "2014-05", ["2014-05-01", "2014-05-31"])],
        ),
        record(
            "talks/second",
            "A <second> note",
            None,
            "China and the EU spoke in 2016 about the Paris Agreement.",
            &[
                ("China", Label::Gpe, "China", Some("CN")),
                ("EU", Label::Org, "European Union", None),
                ("Paris Agreement", Label::Law, "Paris Agreement", None),
            ],
            &[("2016", "2016", ["2016-01-01", "2016-12-31"])],
        ),
    ]
}

#[test]
fn snapshots_of_every_format() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../../tests/snapshots");
    settings.set_prepend_module_to_snapshot(false);
    let _settings = settings.bind_to_scope();
    let docs = fixture();
    let mut table = EntityTable::new();
    let mut graph = GraphBuilder::new();
    let mut events = Vec::new();
    for (r, body) in &docs {
        table.add(r);
        graph.add(r);
        events.extend(timeline_events(r, body, &TimelineFilter::all()));
    }
    events.sort();
    let mut sink = CsvSink::new::<EntityEntry>(Vec::new()).unwrap();
    for e in table.entries() {
        sink.row(&e).unwrap();
    }
    insta::assert_snapshot!(
        "tests__exports__entities_csv",
        String::from_utf8(sink.finish().unwrap()).unwrap()
    );
    let timeline: Vec<String> = events.iter().map(|e| serde_json::to_string(e).unwrap()).collect();
    insta::assert_snapshot!("tests__exports__timeline_jsonl", timeline.join("\n"));
    let graph = graph.build(1, 1);
    let mut gexf = Vec::new();
    graph.write_gexf(&mut gexf).unwrap();
    insta::assert_snapshot!("tests__exports__graph_gexf", String::from_utf8(gexf).unwrap());
    let mut graphml = Vec::new();
    graph.write_graphml(&mut graphml).unwrap();
    insta::assert_snapshot!("tests__exports__graph_graphml", String::from_utf8(graphml).unwrap());
    let quickwit: Vec<String> =
        docs.iter().map(|(r, b)| serde_json::to_string(&SearchDoc::new(r, b)).unwrap()).collect();
    insta::assert_snapshot!("tests__exports__quickwit_ndjson", quickwit.join("\n"));
    insta::assert_snapshot!("tests__exports__quickwit_config", quickwit_index_config("dossier"));
    let bulk: Vec<u8> =
        docs.iter().flat_map(|(r, b)| bulk_lines(&SearchDoc::new(r, b)).unwrap()).collect();
    insta::assert_snapshot!("tests__exports__elastic_bulk", String::from_utf8(bulk).unwrap());
    insta::assert_snapshot!(
        "tests__exports__elastic_mapping",
        serde_json::to_string_pretty(&elastic_mapping()).unwrap()
    );
    insta::assert_snapshot!(
        "tests__exports__report_document",
        super::report::document_page(&docs[0].0, &docs[0].1)
    );
}
