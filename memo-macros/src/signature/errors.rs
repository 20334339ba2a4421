//! [`Errors`]: the problems of a signature, collected to be reported all at once.

use syn::{Error, Result};

/// Errors collected so that all of them are reported at once.
#[derive(Default)]
pub(super) struct Errors(Option<Error>);

impl Errors {
    /// Adds an error at `tokens` (at the attribute when they are none, as syn does).
    pub(super) fn push(&mut self, tokens: impl quote::ToTokens, message: impl std::fmt::Display) {
        self.add(Error::new_spanned(tokens, message));
    }

    pub(super) fn add(&mut self, error: Error) {
        match &mut self.0 {
            Some(errors) => errors.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub(super) fn append(&mut self, other: Errors) {
        if let Some(error) = other.0 {
            self.add(error);
        }
    }

    pub(super) fn finish(self) -> Result<()> {
        self.0.map_or(Ok(()), Err)
    }
}
