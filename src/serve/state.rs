//! What every request shares: one searcher on a reader that follows the index's commits.

use std::sync::Arc;

use super::response::Failure;
use crate::search::Searcher;

/// The application's state, shared by all requests.
pub(crate) struct App {
    /// The searcher; its reader reloads after each commit of the index.
    pub searcher: Searcher,
}

/// The state as handlers receive it.
pub(crate) type Shared = Arc<App>;

/// Runs `work` (searching is blocking: it reads index files) on tokio's blocking threads
/// so that slow searches do not hold up the threads that accept and answer requests.
pub(crate) async fn blocking<T, F>(app: &Shared, work: F) -> Result<T, Failure>
where
    T: Send + 'static,
    F: FnOnce(&App) -> Result<T, Failure> + Send + 'static,
{
    let app = Arc::clone(app);
    tokio::task::spawn_blocking(move || work(&app))
        .await
        .unwrap_or_else(|e| Err(Failure::internal(format!("the request failed: {e}"))))
}
