//! `dossier.Index`: ingest, search, records and entities of an index folder.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use dossier::{
    parse_date_range, parse_period, Filters, IngestOptions, Label, Matching, SearchOptions, Sort,
};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::convert::{self, library_error, type_name, Kind};
use crate::extractor::{path_arg, Extractor};

/// An index folder, as the `dossier` command uses it (`--index DIR`).
///
/// Nothing is opened until first use: `ingest` creates the index when there is none,
/// the other methods raise `dossier.IndexOpenError` when it is missing or damaged
/// (with the message `dossier` prints, saying how to fix it).
#[pyclass(module = "dossier", name = "Index", frozen)]
pub struct Index {
    path: PathBuf,
    open: Mutex<Option<dossier::Index>>,
}

impl Index {
    /// The open index, opened (or created, with `create`) on first use.
    fn get(&self, py: Python<'_>, create: bool) -> PyResult<dossier::Index> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(index) = open.as_ref() {
            return Ok(index.clone());
        }
        let path = self.path.clone();
        let index = py
            .allow_threads(|| {
                if create {
                    dossier::Index::open_or_create(&path)
                } else {
                    dossier::Index::open(&path)
                }
            })
            .map_err(|e| library_error(py, Kind::IndexOpen, "", e))?;
        *open = Some(index.clone());
        Ok(index)
    }
}

#[pymethods]
impl Index {
    #[new]
    fn new(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<Index> {
        Ok(Index { path: path_arg(py, "path", path)?, open: Mutex::new(None) })
    }

    /// The index folder.
    #[getter]
    fn path(&self) -> PathBuf {
        self.path.clone()
    }

    /// Read, extract and index files or folders, as `dossier ingest` does: unchanged
    /// documents are skipped, changed ones replaced, and a bad file is counted in the
    /// summary rather than stopping the run. Returns the summary `dossier ingest --json`
    /// prints (`added`, `updated`, `unchanged`, `failed`, `failures`, ...).
    ///
    /// `prune` removes documents whose file under `paths` is gone; `replace` lets a
    /// document replace one of the same id from another file; `extractor` brings user
    /// rules (default: the built-in rules).
    #[pyo3(signature = (paths, prune=false, replace=false, extractor=None))]
    fn ingest<'py>(
        &self,
        py: Python<'py>,
        paths: &Bound<'py, PyAny>,
        prune: bool,
        replace: bool,
        extractor: Option<PyRef<'py, Extractor>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let paths: Vec<PathBuf> = if paths.is_instance_of::<PyString>()
            || paths.hasattr("__fspath__")?
        {
            vec![path_arg(py, "paths", paths)?]
        } else {
            let mut out = Vec::new();
            let iter = paths.try_iter().map_err(|_| {
                convert::error(
                    py,
                    Kind::Input,
                    format!("paths must be a path or a list of paths, not {}", type_name(paths)),
                )
            })?;
            for p in iter {
                out.push(path_arg(py, "paths", &p?)?);
            }
            out
        };
        let index = self.get(py, true)?;
        let core = match &extractor {
            Some(e) => Arc::clone(&e.inner),
            None => Arc::new(dossier::Extractor::new()),
        };
        let options = IngestOptions { prune, replace, ..IngestOptions::default() };
        let summary = py.allow_threads(|| index.ingest(&paths, &core, &options)).map_err(|e| {
            let context = format!("ingest into {}", self.path.display());
            library_error(py, Kind::Ingest, &context, e)
        })?;
        convert::to_python(py, &summary)
    }

    /// Search the index, as `dossier search --json` prints it: a dict with `query`,
    /// `total`, `hits` (rank, score, id, title, source, published, snippet,
    /// highlights, entities) and, with `facets`, `facets`.
    ///
    /// `entity` (a name or a list: documents must mention each, by canonical name or
    /// alias), `label` (`PERSON`, `ORG`, ...), `since`/`until` (published on or after /
    /// before: `2016-05-12`, `2016-05` or `2016`), `mentions` (a mentioned date in
    /// `2015`, `2015-09` or `2015-09..2016-06`) narrow the matches without changing
    /// scores. `facets` is how many entities per label to count (True: 10). `sort` is
    /// `"relevance"` or `"date"`. A bad query or filter raises `dossier.QueryError`.
    #[pyo3(signature = (query, limit=10, offset=0, entity=None, label=None, since=None,
                        until=None, mentions=None, facets=None, sort="relevance", snippets=true))]
    #[allow(clippy::too_many_arguments)]
    fn search<'py>(
        &self,
        py: Python<'py>,
        query: &Bound<'py, PyAny>,
        limit: usize,
        offset: usize,
        entity: Option<&Bound<'py, PyAny>>,
        label: Option<&str>,
        since: Option<&Bound<'py, PyAny>>,
        until: Option<&Bound<'py, PyAny>>,
        mentions: Option<&str>,
        facets: Option<&Bound<'py, PyAny>>,
        sort: &str,
        snippets: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let query = convert::text_arg(py, "query", query)?;
        let bad = |msg: String| convert::error(py, Kind::Query, msg);
        if !(1..=SearchOptions::MAX_LIMIT).contains(&limit) {
            let max = SearchOptions::MAX_LIMIT;
            return Err(bad(format!(
                "limit {limit} is out of range; use a number from 1 to {max}"
            )));
        }
        if offset > SearchOptions::MAX_OFFSET {
            let max = SearchOptions::MAX_OFFSET;
            return Err(bad(format!(
                "offset {offset} is out of range; use a number from 0 to {max}"
            )));
        }
        let entities: Vec<String> = match entity.filter(|e| !e.is_none()) {
            None => Vec::new(),
            Some(e) if e.is_instance_of::<PyString>() => vec![e.extract()?],
            Some(e) => e.extract().map_err(|_| {
                convert::error(py, Kind::Input, "entity must be a str or a list of str")
            })?,
        };
        let label = match label {
            None => None,
            Some(l) => Some(Label::parse(l).ok_or_else(|| {
                let all: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
                bad(format!("unknown label '{l}'; use one of {}", all.join(", ")))
            })?),
        };
        let day = |name: &str, v: Option<&Bound<'py, PyAny>>, end: bool| -> PyResult<_> {
            let Some(v) = v.filter(|v| !v.is_none()) else { return Ok(None) };
            let s = if v.hasattr("isoformat")? {
                v.call_method0("isoformat")?.extract::<String>()?
            } else {
                convert::text_arg(py, name, v)?
            };
            let (a, b) = parse_period(&s).ok_or_else(|| {
                bad(format!("{name} {s:?}: write a date as 2016-05-12, 2016-05 or 2016"))
            })?;
            Ok(Some(if end { b } else { a }))
        };
        let filters = Filters {
            entities,
            label,
            from: day("since", since, false)?,
            to: day("until", until, true)?,
            mentions: mentions
                .map(parse_date_range)
                .transpose()
                .map_err(|e| bad(format!("mentions: {e}")))?,
        };
        let facets = match facets.filter(|f| !f.is_none()) {
            None => None,
            Some(f) if f.is_instance_of::<pyo3::types::PyBool>() => {
                f.extract::<bool>()?.then_some(10)
            }
            Some(f) => Some(f.extract::<usize>().map_err(|_| {
                convert::error(py, Kind::Input, "facets must be a bool or a whole number")
            })?),
        };
        let sort = match sort {
            "relevance" => Sort::Relevance,
            "date" => Sort::Date,
            other => return Err(bad(format!("sort {other:?}: use \"relevance\" or \"date\""))),
        };
        let options = SearchOptions {
            limit,
            offset,
            filters,
            sort,
            matching: Matching::Ranked,
            facets,
            snippets,
        };
        let index = self.get(py, false)?;
        let results = py
            .allow_threads(|| index.search(&query, &options))
            .map_err(|e| library_error(py, Kind::Query, "", e))?;
        convert::to_python(py, &results)
    }

    /// An iterator over every record of the index, in index order, read one at a time.
    fn records(&self, py: Python<'_>) -> PyResult<RecordIter> {
        let index = self.get(py, false)?;
        let records = py
            .allow_threads(|| index.records())
            .map_err(|e| library_error(py, Kind::IndexOpen, "", e))?;
        Ok(RecordIter { records: Mutex::new(records) })
    }

    /// One dict per canonical entity of the index (label, canonical, aliases with
    /// counts, country, documents, mentions, first_date, last_date), as
    /// `dossier export entities` writes them, most documents first.
    fn entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let index = self.get(py, false)?;
        let entries = py
            .allow_threads(|| index.entities())
            .map_err(|e| library_error(py, Kind::IndexOpen, "", e))?;
        Ok(convert::to_python(py, &entries)?.downcast_into::<PyList>()?)
    }

    fn __repr__(&self) -> String {
        format!("<dossier.Index {:?}>", self.path.display().to_string())
    }
}

/// The records of an index, one dict at a time (`Index.records()`).
#[pyclass(module = "dossier", name = "RecordIter")]
pub struct RecordIter {
    records: Mutex<dossier::Records>,
}

#[pymethods]
impl RecordIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let next = py.allow_threads(|| {
            let mut records = self.records.lock().unwrap_or_else(|e| e.into_inner());
            records.next()
        });
        match next {
            None => Ok(None),
            Some(Ok(record)) => Ok(Some(convert::to_python(py, &record)?)),
            Some(Err(e)) => Err(library_error(py, Kind::IndexOpen, "", e)),
        }
    }
}
