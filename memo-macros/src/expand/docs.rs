//! The documentation of the companions.

use crate::options::Scope;

/// The documentation of the companions.
pub(super) struct Docs {
    pub(super) info: String,
    pub(super) clear: String,
    pub(super) parameters: String,
    pub(super) uncached: String,
}

impl Docs {
    pub(super) fn new(name: &str, scope: Scope) -> Self {
        let of = match scope {
            Scope::Global => format!("the cache of `{name}`"),
            Scope::Thread => format!("the calling thread's cache of `{name}` (`scope = thread`)"),
        };
        Docs {
            info: format!(
                " The hits, misses, maximum size and current size of {of}, as Python's \
                 `cache_info()`."
            ),
            clear: format!(
                " Empties {of} and resets its hit and miss counts to zero, as Python's \
                 `cache_clear()`."
            ),
            parameters: format!(
                " What the cache of `{name}` was built with: `maxsize`, `policy`, `ttl` and \
                 `scope`, as Python's `cache_parameters()`."
            ),
            uncached: format!(
                " Runs the body of `{name}` without the cache, as Python's `__wrapped__`. \
                 Recursive calls in the body still go through the cache."
            ),
        }
    }
}
