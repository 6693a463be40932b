//! What markup says about a date: `<meta>` names (OpenGraph, `article:*`, Dublin Core,
//! `pubdate`, ...), `itemprop`, `<time>` elements and the hAtom classes `published` and
//! `updated`. The names are read by their parts, not from a fixed list, so that
//! `article:published_time`, `parsely-pub-date`, `DC.date.issued` and
//! `og:updated_time` all fall where they belong.

/// What a named date stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// The publication ("published", "pubdate", "issued", "posted", "release").
    Published,
    /// The creation of the item ("created"): usually the publication too.
    Created,
    /// A bare "date": most often the publication, sometimes not.
    Date,
    /// A later change ("modified", "updated", "revised").
    Modified,
}

/// Words that make a date name something else than the page's publication.
const OTHER: &[&str] = &[
    "expir",
    "embargo",
    "birth",
    "copyright",
    "event",
    "startdate",
    "start_date",
    "start-date",
    "enddate",
    "end_date",
    "end-date",
    "valid",
    "crawl",
    "index",
    "generat",
    "fetch",
    "print",
    "review",
    "comment",
    "format",
    "cache",
    "retrieved",
    "accessed",
    "available",
];

/// The role of a date-bearing name (a meta `name`/`property`/`itemprop`, a class), in
/// lower case; `None` when the name is not about a date of the page.
pub fn role(name: &str) -> Option<Role> {
    if name.len() > 60 || OTHER.iter().any(|w| name.contains(w)) {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
    if has(&["modif", "updat", "revis", "lastmod", "last-mod", "edited", "changed"]) {
        return Some(Role::Modified);
    }
    if has(&[
        "publish", "pubdate", "pub_date", "pub-date", "pubtime", "posted", "issued", "release",
    ]) {
        return Some(Role::Published);
    }
    if has(&["created", "creation", "datecreated"]) {
        return Some(Role::Created);
    }
    if has(&["date", "time"]) && !has(&["timezone", "times", "runtime", "timeline", "datetime-"]) {
        return Some(Role::Date);
    }
    None
}

/// The role of an `itemprop` value (schema.org names only).
pub fn itemprop_role(prop: &str) -> Option<Role> {
    match prop {
        "datepublished" => Some(Role::Published),
        "datecreated" | "uploaddate" => Some(Role::Created),
        "datemodified" => Some(Role::Modified),
        _ => None,
    }
}

/// The role of a class or id when it names a date: hAtom `published`/`updated` and the
/// usual `post-date`, `entry-date`, `article__date` names. Only names that clearly
/// mean a date count; `time` alone is not enough (reading times, time zones).
pub fn class_role(class: &str) -> Option<Role> {
    let has = |words: &[&str]| words.iter().any(|w| class.contains(w));
    if class.is_empty() || has(&["comment", "expir", "event", "birth", "review", "copyright"]) {
        return None;
    }
    // WordPress marks a post never changed `published updated`.
    if has(&["published", "publish-date", "publishdate", "pubdate", "pub-date", "posted-on"]) {
        return Some(Role::Published);
    }
    if has(&["updated", "modified", "update-date", "updatedate", "last-update"]) {
        return Some(Role::Modified);
    }
    if has(&["date", "datum", "fecha", "data-publica"]) {
        return Some(Role::Date);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_names() {
        for n in [
            "article:published_time",
            "og:published_time",
            "parsely-pub-date",
            "dc.date.issued",
            "pubdate",
            "sailthru.date.published",
            "publish-date",
        ] {
            assert_eq!(role(n), Some(Role::Published), "{n}");
        }
        for n in ["article:modified_time", "og:updated_time", "dcterms.modified", "last-modified"] {
            assert_eq!(role(n), Some(Role::Modified), "{n}");
        }
        assert_eq!(role("dcterms.created"), Some(Role::Created));
        for n in ["date", "dc.date", "sailthru.date", "article.date"] {
            assert_eq!(role(n), Some(Role::Date), "{n}");
        }
        for n in ["description", "og:title", "expiration_date", "dc.date.available", "viewport"] {
            assert_eq!(role(n), None, "{n}");
        }
    }

    #[test]
    fn classes() {
        assert_eq!(class_role("entry-date published"), Some(Role::Published));
        assert_eq!(class_role("entry-date published updated"), Some(Role::Published));
        assert_eq!(class_role("updated"), Some(Role::Modified));
        assert_eq!(class_role("article__date"), Some(Role::Date));
        assert_eq!(class_role("reading-time"), None);
    }
}
