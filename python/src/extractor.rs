//! `dossier.Extractor` and `dossier.extract`.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use dossier::Extractor as Core;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use rayon::prelude::*;

use crate::convert::{self, date_arg, library_error, text_arg, type_name, Kind};

/// The extractor with the built-in rules, shared by every call of `dossier.extract`.
fn default_extractor() -> Arc<Core> {
    static DEFAULT: OnceLock<Arc<Core>> = OnceLock::new();
    DEFAULT.get_or_init(|| Arc::new(Core::new())).clone()
}

/// Extract the entities and dates of one text with the built-in rules.
///
/// Returns the record `dossier extract` prints: a dict with `id` (empty), `dct`,
/// `entities` and `dates`, each mention with `start`/`end` offsets in code points (as
/// Python indexes a str), `text`, `label` or `type`/`value`, `sentence` and `rule`.
///
/// `dct` is the text's creation date (a `datetime.date` or a string like `2016-05-12`):
/// relative dates such as "yesterday" resolve against it. Without it, one is inferred
/// from the dates the text mentions.
///
/// >>> import dossier
/// >>> [e["canonical"] for e in dossier.extract("Xi Jinping visited Washington.")["entities"]]
/// ['Xi Jinping', 'Washington']
#[pyfunction]
#[pyo3(signature = (text, dct=None))]
pub fn extract<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    dct: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    Extractor { inner: default_extractor() }.extract(py, text, dct)
}

/// A reusable extractor: build it once (rules are compiled on first use), then call
/// `extract`, `extract_many` or `extract_file` as often as needed, from any thread.
///
/// `rules` is a user rules file (TOML, or JSON when its name ends in `.json`):
/// gazetteer entries, blocked names and patterns, as `dossier extract --rules` reads.
/// An invalid file raises `dossier.RulesError` naming its line.
///
/// `dct` fixes the creation date of every text (as `dossier extract --dct`); it
/// overrides the date given with a text.
#[pyclass(module = "dossier", name = "Extractor", frozen)]
pub struct Extractor {
    pub(crate) inner: Arc<Core>,
}

/// One input of `extract_many`: the id to give back (None: its position), the same as
/// text (the record's `source`, as `extract --jsonl` makes it), text, date.
struct Item {
    id: Option<PyObject>,
    name: String,
    text: String,
    dct: Option<NaiveDate>,
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (rules=None, dct=None))]
    fn new(
        py: Python<'_>,
        rules: Option<&Bound<'_, PyAny>>,
        dct: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Extractor> {
        let dct = date_arg(py, "dct", dct)?;
        let rules = match rules.filter(|r| !r.is_none()) {
            Some(r) => Some(path_arg(py, "rules", r)?),
            None => None,
        };
        let mut builder = Core::builder().dct(dct);
        if let Some(path) = rules {
            builder = builder.rules(path);
        }
        let core = py
            .allow_threads(|| builder.build())
            .map_err(|e| library_error(py, Kind::Rules, "", e))?;
        Ok(Extractor { inner: Arc::new(core) })
    }

    /// Extract the entities and dates of one text: the record `dossier extract` prints
    /// (see `dossier.extract`). `dct` is the text's creation date.
    #[pyo3(signature = (text, dct=None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        dct: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = text_arg(py, "text", text)?;
        let dct = date_arg(py, "dct", dct)?;
        let core = &self.inner;
        let json = py.allow_threads(|| {
            serde_json::to_string(&core.extract_text("", &text, dct)).expect("records serialize")
        });
        convert::json_loads(py, &json)
    }

    /// Extract many texts in parallel on `threads` Rust threads (default: one per
    /// core) and return their records in input order.
    ///
    /// Each item is a str, or a dict like a line of `dossier extract --jsonl`:
    /// `{"id": ..., "text": ..., "dct": ...}` (`id` and `dct` optional). A record's
    /// `id` is the item's `id`, or its position for a str. The GIL is released while
    /// the texts are extracted.
    #[pyo3(signature = (items, threads=None))]
    fn extract_many<'py>(
        &self,
        py: Python<'py>,
        items: &Bound<'py, PyAny>,
        threads: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let threads = threads_arg(py, threads)?;
        if items.is_instance_of::<PyString>() || items.is_instance_of::<PyDict>() {
            return Err(convert::error(
                py,
                Kind::Input,
                format!("items must be an iterable of str or dict, not one {}", type_name(items)),
            ));
        }
        let iter = items.try_iter().map_err(|_| {
            convert::error(
                py,
                Kind::Input,
                format!("items must be an iterable of str or dict, not {}", type_name(items)),
            )
        })?;
        let mut inputs: Vec<Item> = Vec::new();
        for (i, item) in iter.enumerate() {
            inputs.push(item_arg(py, i, &item?)?);
        }
        let core = &self.inner;
        let texts: Vec<(&str, &str, Option<NaiveDate>)> =
            inputs.iter().map(|x| (x.name.as_str(), x.text.as_str(), x.dct)).collect();
        let json = py.allow_threads(|| -> Result<String, String> {
            let work = || -> Vec<String> {
                texts
                    .par_iter()
                    .map(|(name, text, dct)| {
                        serde_json::to_string(&core.extract_text(name, text, *dct))
                            .expect("records serialize")
                    })
                    .collect()
            };
            let records = match threads {
                None => work(),
                Some(n) => rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| format!("cannot start {n} threads: {e}"))?
                    .install(work),
            };
            Ok(format!("[{}]", records.join(",")))
        });
        let json = json.map_err(|e| convert::error(py, Kind::Base, e))?;
        let list = convert::json_loads(py, &json)?;
        let list = list.downcast::<PyList>()?;
        for (i, (input, record)) in inputs.iter().zip(list.iter()).enumerate() {
            let id = match &input.id {
                Some(id) => id.bind(py).clone(),
                None => i.into_pyobject(py)?.into_any(),
            };
            record.set_item("id", id)?;
        }
        Ok(list.clone().into_any())
    }

    /// Read a file of any supported format (text, Markdown, HTML, PDF, Word, JSON
    /// Lines) and return the records of its documents, as `dossier extract FILE`
    /// prints them. A file that cannot be read raises `dossier.DocumentError`.
    fn extract_file<'py>(
        &self,
        py: Python<'py>,
        path: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let path = path_arg(py, "path", path)?;
        let core = &self.inner;
        let records = py
            .allow_threads(|| {
                let docs = core.read_file(&path)?;
                Ok::<_, dossier::Error>(
                    docs.iter().map(|d| core.extract_document(d)).collect::<Vec<_>>(),
                )
            })
            .map_err(|e| library_error(py, Kind::Document, "", e))?;
        convert::to_python(py, &records)
    }

    /// The extraction fingerprint: dossier's version, its built-in rules and the user
    /// rules. An index re-extracts every document when it changes.
    fn fingerprint(&self) -> String {
        self.inner.fingerprint()
    }

    fn __repr__(&self) -> String {
        format!("<dossier.Extractor {}>", self.inner.fingerprint())
    }
}

/// A file path: a str or an `os.PathLike`.
pub fn path_arg(py: Python<'_>, name: &str, value: &Bound<'_, PyAny>) -> PyResult<PathBuf> {
    let fspath = py.import("os")?.getattr("fspath")?;
    match fspath.call1((value,)).and_then(|p| p.extract::<PathBuf>()) {
        Ok(p) => Ok(p),
        Err(_) => Err(convert::error(
            py,
            Kind::Input,
            format!("{name} must be a str or os.PathLike, not {}", type_name(value)),
        )),
    }
}

/// `threads`: None, or a whole number from 1.
fn threads_arg(py: Python<'_>, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<usize>> {
    let Some(value) = value.filter(|v| !v.is_none()) else { return Ok(None) };
    match value.extract::<i64>() {
        Ok(n) if n >= 1 && !value.is_instance_of::<pyo3::types::PyBool>() => Ok(Some(n as usize)),
        _ => Err(convert::error(
            py,
            Kind::Input,
            format!("threads must be a whole number from 1, not {}", value.repr()?),
        )),
    }
}

/// One item of `extract_many`.
fn item_arg(py: Python<'_>, i: usize, item: &Bound<'_, PyAny>) -> PyResult<Item> {
    if let Ok(s) = item.downcast::<PyString>() {
        let text = s.to_cow()?.into_owned();
        return Ok(Item { id: None, name: i.to_string(), text, dct: None });
    }
    let Ok(dict) = item.downcast::<PyDict>() else {
        return Err(convert::error(
            py,
            Kind::Input,
            format!("item {i}: must be a str or a dict, not {}", type_name(item)),
        ));
    };
    let text = match dict.get_item("text")? {
        Some(t) => text_arg(py, &format!("item {i}: \"text\""), &t)?,
        None => return Err(convert::error(py, Kind::Input, format!("item {i}: no \"text\" key"))),
    };
    let (id, name) = match dict.get_item("id")? {
        None => (None, i.to_string()),
        Some(id)
            if id.is_instance_of::<PyString>()
                || (id.extract::<i64>().is_ok() && !id.is_instance_of::<pyo3::types::PyBool>()) =>
        {
            let name = id.str()?.to_cow()?.into_owned();
            (Some(id.unbind()), name)
        }
        Some(id) => {
            return Err(convert::error(
                py,
                Kind::Input,
                format!("item {i}: \"id\" must be a str or an int, not {}", type_name(&id)),
            ))
        }
    };
    let dct = date_arg(py, &format!("item {i}: \"dct\""), dict.get_item("dct")?.as_ref())?;
    Ok(Item { id, name, text, dct })
}
