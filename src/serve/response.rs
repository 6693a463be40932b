//! Failed requests: a status and a message, as an HTML page or, under `/api/`, as JSON
//! `{"error": "..."}`.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::pages::layout;
use crate::Error;

/// A request that cannot be answered, and why.
#[derive(Debug)]
pub(crate) struct Failure {
    status: StatusCode,
    message: String,
    json: bool,
}

impl Failure {
    /// 400: the request is wrong; `message` says how to fix it.
    pub fn bad_request(message: impl Into<String>) -> Failure {
        Failure { status: StatusCode::BAD_REQUEST, message: message.into(), json: false }
    }

    /// 404: nothing in the index answers to this.
    pub fn not_found(message: impl Into<String>) -> Failure {
        Failure { status: StatusCode::NOT_FOUND, message: message.into(), json: false }
    }

    /// 500: a fault of the index or the server.
    pub fn internal(message: impl Into<String>) -> Failure {
        Failure { status: StatusCode::INTERNAL_SERVER_ERROR, message: message.into(), json: false }
    }

    /// The same failure, answered as JSON.
    pub fn into_json(mut self) -> Failure {
        self.json = true;
        self
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        if e.is_user_error() {
            Failure::bad_request(e.to_string())
        } else {
            Failure::internal(e.to_string())
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        if self.json {
            let body = crate::export::pretty_bytes(&serde_json::json!({ "error": self.message }))
                .unwrap_or_default();
            return (self.status, [(header::CONTENT_TYPE, "application/json")], body)
                .into_response();
        }
        let title = self.status.canonical_reason().unwrap_or("Error");
        let page = layout::error_page(self.status.as_u16(), title, &self.message);
        (self.status, page).into_response()
    }
}
