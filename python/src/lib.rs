//! The `dossier._dossier` extension module: the Rust side of the `dossier` Python package.
//!
//! Every call releases the GIL while Rust works, so Python threads run in parallel. Records
//! cross into Python as JSON text read by the standard `json` module, so a Python record is
//! exactly the JSON object the command line prints.

mod convert;
mod extractor;
mod index;

use pyo3::prelude::*;

/// The version of dossier this module was built from.
const VERSION: &str = env!("CARGO_PKG_VERSION");

#[pymodule]
fn _dossier(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", VERSION)?;
    m.add_class::<extractor::Extractor>()?;
    m.add_class::<index::Index>()?;
    m.add_class::<index::RecordIter>()?;
    m.add_function(wrap_pyfunction!(extractor::extract, m)?)?;
    Ok(())
}
