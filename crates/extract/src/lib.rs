//! Main text and metadata of a document (being written).
use storyline_model::{Article, RawDocument};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// Nothing that looks like article text.
    NoText,
}

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no article text found")
    }
}

impl std::error::Error for ExtractError {}

/// Extracts the clean article from one raw document.
pub fn extract(_doc: &RawDocument) -> Result<Article, ExtractError> {
    Err(ExtractError::NoText)
}
