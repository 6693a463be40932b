//! Between Python and Rust values: dates, records and errors.

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};

/// The Python exception classes (defined in `dossier/_errors.py`).
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A bad argument: wrong type or value.
    Input,
    /// An invalid rules file.
    Rules,
    /// A document that cannot be read.
    Document,
    /// An invalid search query or filter.
    Query,
    /// An index that cannot be opened.
    IndexOpen,
    /// An ingest that failed as a whole.
    Ingest,
    /// Anything else.
    Base,
}

impl Kind {
    fn class_name(self) -> &'static str {
        match self {
            Kind::Input => "InputError",
            Kind::Rules => "RulesError",
            Kind::Document => "DocumentError",
            Kind::Query => "QueryError",
            Kind::IndexOpen => "IndexOpenError",
            Kind::Ingest => "IngestError",
            Kind::Base => "DossierError",
        }
    }
}

/// A Python exception of class `kind` with message `msg`.
pub fn error(py: Python<'_>, kind: Kind, msg: impl Into<String>) -> PyErr {
    let msg = msg.into();
    match py
        .import("dossier._errors")
        .and_then(|m| m.getattr(kind.class_name()))
        .and_then(|c| c.downcast_into::<PyType>().map_err(PyErr::from))
    {
        Ok(class) => PyErr::from_type(class, msg),
        Err(e) => e,
    }
}

/// The Python exception for a library error: `kind` for user mistakes and index state,
/// by the error's own variant where it is more telling. The message is the one the
/// command line prints, after `context` when given.
pub fn library_error(py: Python<'_>, kind: Kind, context: &str, err: dossier::Error) -> PyErr {
    let kind = match &err {
        dossier::Error::Rule { .. } => Kind::Rules,
        dossier::Error::Query(_) => Kind::Query,
        dossier::Error::IndexState { .. } if !matches!(kind, Kind::Ingest) => Kind::IndexOpen,
        dossier::Error::Document { .. } if matches!(kind, Kind::Base) => Kind::Document,
        _ => kind,
    };
    let msg = if context.is_empty() { err.to_string() } else { format!("{context}: {err}") };
    error(py, kind, msg)
}

/// A text argument: a `str`, or an [`Kind::Input`] error naming the argument.
pub fn text_arg(py: Python<'_>, name: &str, value: &Bound<'_, PyAny>) -> PyResult<String> {
    match value.downcast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => {
            Err(error(py, Kind::Input, format!("{name} must be a str, not {}", type_name(value))))
        }
    }
}

/// A date argument: `None`, a `datetime.date` or a string such as `2016-05-12`.
pub fn date_arg(
    py: Python<'_>,
    name: &str,
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<NaiveDate>> {
    let Some(value) = value.filter(|v| !v.is_none()) else { return Ok(None) };
    let text = if let Ok(s) = value.downcast::<PyString>() {
        s.to_cow()?.into_owned()
    } else if value.hasattr("isoformat")? {
        value.call_method0("isoformat")?.extract::<String>()?
    } else {
        return Err(error(
            py,
            Kind::Input,
            format!("{name} must be a str or a datetime.date, not {}", type_name(value)),
        ));
    };
    match dossier::parse_date(&text) {
        Some(d) => Ok(Some(d)),
        None => {
            Err(error(py, Kind::Input, format!("{name} {text:?} is not a date like 2016-05-12")))
        }
    }
}

/// The Python type name of a value, for error messages.
pub fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".into())
}

/// A serialisable value as Python objects, through JSON text and the `json` module.
pub fn to_python<'py>(
    py: Python<'py>,
    value: &impl serde::Serialize,
) -> PyResult<Bound<'py, PyAny>> {
    let json =
        serde_json::to_string(value).map_err(|e| error(py, Kind::Base, format!("json: {e}")))?;
    json_loads(py, &json)
}

/// Reads JSON text with Python's `json.loads`.
pub fn json_loads<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.getattr("loads")?.call1((json,))
}
