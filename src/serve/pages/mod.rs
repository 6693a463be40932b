//! The HTML pages, written with maud (every inserted value is escaped), and the page
//! frame they share.

pub(crate) mod chart;
pub(crate) mod document;
pub(crate) mod entity;
pub(crate) mod layout;
pub(crate) mod search;
pub(crate) mod timeline;
