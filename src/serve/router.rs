//! The routes, and what every response carries: a Content-Security-Policy that allows no
//! inline script and nothing from elsewhere, `nosniff`, no referrer. Requests with a
//! body are refused (413): no endpoint takes one.

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::response::Failure;
use super::state::Shared;
use super::{api, assets, pages};

/// The policy sent with every response.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; \
     script-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; \
     frame-ancestors 'none'";

/// The application: pages, API, assets.
pub(crate) fn router(app: Shared) -> Router {
    Router::new()
        .route("/", get(pages::search::handler))
        .route("/doc/{*id}", get(pages::document::handler))
        .route("/entity/{label}/{*canonical}", get(pages::entity::handler))
        .route("/timeline", get(pages::timeline::handler))
        .route("/api/search", get(api::search))
        .route("/api/doc/{*id}", get(api::document))
        .route("/api/entities", get(api::entities))
        .route("/api/timeline", get(api::timeline))
        .route("/assets/style.css", get(assets::style))
        .route("/assets/app.js", get(assets::script))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(app)
        .layer(middleware::from_fn(guard))
}

async fn not_found(req: Request) -> Response {
    let f = Failure::not_found(format!("nothing at {}; the search page is at /", req.uri().path()));
    if req.uri().path().starts_with("/api/") {
        f.into_json().into_response()
    } else {
        f.into_response()
    }
}

async fn method_not_allowed() -> Response {
    let mut r =
        (StatusCode::METHOD_NOT_ALLOWED, "this server is read-only: use GET\n").into_response();
    r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    r
}

/// True when the request carries (or announces) a body.
fn has_body(req: &Request) -> bool {
    let headers = req.headers();
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() != "0")
}

async fn guard(req: Request, next: Next) -> Response {
    let mut response = if has_body(&req) {
        (StatusCode::PAYLOAD_TOO_LARGE, "request bodies are not accepted\n").into_response()
    } else if req.method() != Method::GET && req.method() != Method::HEAD {
        method_not_allowed().await
    } else {
        next.run(req).await
    };
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
