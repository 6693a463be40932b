//! A bar chart of dated events per month, drawn as SVG on the server (no script).

use std::collections::BTreeMap;

use maud::{html, Markup};

use crate::export::TimelineEvent;

/// Most bars drawn; a longer span is counted per year instead of per month.
const MAX_BARS: usize = 240;
const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 160.0;
const AXIS: f64 = 22.0;

/// Events counted per month (`YYYY-MM`) of their first day, every month from the first
/// to the last present (empty months count 0), or per year when that is too many bars.
pub(crate) fn buckets(events: &[TimelineEvent]) -> Vec<(String, usize)> {
    let mut months: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    for e in events {
        let (Some(y), Some(m)) = (
            e.start.get(..4).and_then(|y| y.parse::<i32>().ok()),
            e.start.get(5..7).and_then(|m| m.parse::<u32>().ok()),
        ) else {
            continue;
        };
        *months.entry((y, m)).or_default() += 1;
    }
    let (Some(&(y0, m0)), Some(&(y1, m1))) = (months.keys().next(), months.keys().next_back())
    else {
        return Vec::new();
    };
    let span = ((y1 - y0) * 12 + m1 as i32 - m0 as i32 + 1) as usize;
    if span > MAX_BARS {
        let mut years: BTreeMap<i32, usize> = BTreeMap::new();
        for ((y, _), n) in &months {
            *years.entry(*y).or_default() += n;
        }
        return (y0..=y1).map(|y| (y.to_string(), years.get(&y).copied().unwrap_or(0))).collect();
    }
    let mut out = Vec::with_capacity(span);
    let (mut y, mut m) = (y0, m0);
    while (y, m) <= (y1, m1) {
        out.push((format!("{y:04}-{m:02}"), months.get(&(y, m)).copied().unwrap_or(0)));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// The chart of `buckets`, with a text summary for screen readers and the counts as a
/// tooltip on each bar.
pub(crate) fn chart(buckets: &[(String, usize)]) -> Markup {
    if buckets.is_empty() {
        return html! {};
    }
    let max = buckets.iter().map(|b| b.1).max().unwrap_or(1).max(1) as f64;
    let step = WIDTH / buckets.len() as f64;
    let gap = if step > 4.0 { 1.0 } else { 0.0 };
    let per = if buckets[0].0.len() == 4 { "year" } else { "month" };
    let summary = format!(
        "Dated events per {per}, {} to {}; most in one {per}: {}",
        buckets[0].0,
        buckets[buckets.len() - 1].0,
        max as usize
    );
    // Axis labels: the first bucket of each year, thinned to about a dozen.
    let every = (buckets.len() / 12).max(1);
    html! {
        figure.chart {
            svg viewBox={ "0 0 " (WIDTH) " " (HEIGHT + AXIS) } role="img" aria-label=(summary) {
                @for (i, (name, n)) in buckets.iter().enumerate() {
                    @let h = (*n as f64 / max * HEIGHT).max(if *n > 0 { 1.0 } else { 0.0 });
                    rect.bar x=(fmt(i as f64 * step)) y=(fmt(HEIGHT - h)) width=(fmt((step - gap).max(0.5))) height=(fmt(h)) {
                        title { (name) ": " (n) }
                    }
                    @if i % every == 0 {
                        text.axis x=(fmt(i as f64 * step)) y=(fmt(HEIGHT + AXIS - 6.0)) { (name) }
                    }
                }
                line.base x1="0" y1=(HEIGHT) x2=(WIDTH) y2=(HEIGHT) {}
            }
            figcaption { (summary) }
        }
    }
}

fn fmt(x: f64) -> String {
    format!("{x:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(start: &str) -> TimelineEvent {
        TimelineEvent {
            date: start.into(),
            start: start.into(),
            end: start.into(),
            date_text: start.into(),
            also: vec![],
            document: "d".into(),
            title: None,
            sentence: 0,
            text: "t".into(),
            entities: vec![],
        }
    }

    #[test]
    fn months_are_continuous_and_long_spans_go_by_year() {
        let b = buckets(&[event("2015-11-02"), event("2016-02-01"), event("2015-11-30")]);
        let names: Vec<&str> = b.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(names, ["2015-11", "2015-12", "2016-01", "2016-02"]);
        assert_eq!(b[0].1, 2);
        let b = buckets(&[event("1900-01-01"), event("2000-01-01")]);
        assert_eq!((b.len(), b[0].0.as_str()), (101, "1900"));
        assert!(chart(&b).into_string().starts_with("<figure class=\"chart\"><svg"));
    }
}
