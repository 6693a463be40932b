//! The style sheet and the one small script, embedded in the binary.

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// The report's style sheet followed by the web app's own rules.
const STYLE: &str =
    concat!(include_str!("../export/report/style.css"), "\n", include_str!("assets/serve.css"));
/// Keyboard shortcuts; the pages work without it.
const SCRIPT: &str = include_str!("assets/app.js");

/// `GET /assets/style.css`.
pub(crate) async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

/// `GET /assets/app.js`.
pub(crate) async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "max-age=3600")], body).into_response()
}
