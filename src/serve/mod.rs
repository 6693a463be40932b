//! `dossier serve`: a local, read-only web app over the index.
//!
//! Pages: search (`/`, the command line's query language, filters and sort in the URL,
//! facets that add a filter), a document with its entities and dates marked
//! (`/doc/{id}`), an entity with its aliases, documents, companions and timeline
//! (`/entity/{label}/{canonical}`), and a timeline with a chart (`/timeline`). The JSON
//! API under `/api/` gives what `search --json`, `show --json` and the JSON exports
//! print ([`api`](self) module docs list them).
//!
//! One searcher serves every request; its reader reloads after each commit, so
//! documents added by an ingest running beside the server appear without a restart.
//! Searching runs on blocking threads. Every text is escaped (maud), pages carry a
//! Content-Security-Policy without inline script ([`CONTENT_SECURITY_POLICY`]), ids
//! and names in URLs are only looked up in the index, and no endpoint writes anything.

mod api;
mod assets;
mod pages;
mod params;
mod response;
mod router;
mod state;

use std::net::SocketAddr;
use std::sync::Arc;

pub use router::CONTENT_SECURITY_POLICY;

use crate::index::DossierIndex;
use crate::search::Searcher;
use crate::{Error, Result};

/// Queries whose number of matches and facets the server keeps between requests (a few
/// kilobytes each), until the next commit.
const KEPT_COUNTS: usize = 256;

/// A server bound to its address, not yet answering.
pub struct Server {
    listener: std::net::TcpListener,
    app: state::Shared,
}

impl Server {
    /// The `Content-Security-Policy` header of every response: the pages run no inline
    /// script and load nothing from elsewhere.
    pub const CONTENT_SECURITY_POLICY: &'static str = CONTENT_SECURITY_POLICY;

    /// Opens the index and binds `addr` (port 0 picks a free port; see
    /// [`Server::local_addr`]).
    pub(crate) fn bind(index: &DossierIndex, addr: SocketAddr) -> Result<Server> {
        let searcher = Searcher::live(index)?.keep_counts(KEPT_COUNTS);
        let listener = std::net::TcpListener::bind(addr).map_err(|e| {
            Error::Invalid(format!(
                "cannot listen on {addr}: {e}; choose another address or port with --bind"
            ))
        })?;
        listener.set_nonblocking(true)?;
        Ok(Server { listener, app: Arc::new(state::App { searcher }) })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Answers requests until Ctrl-C or SIGTERM, then finishes the requests under way.
    pub fn run(self) -> Result<()> {
        // As many threads for searches and pages as cores: under load, requests wait their
        // turn in order instead of all running at once and sharing the cores, which makes
        // each slower and the slowest much slower.
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .max_blocking_threads(cores)
            .enable_all()
            .build()?;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            let app = router::router(self.app);
            axum::serve(listener, app).with_graceful_shutdown(shutdown()).await?;
            Ok(())
        })
    }
}

/// Resolves on Ctrl-C or (on Unix) SIGTERM.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {}
        _ = terminate => {}
    }
}
