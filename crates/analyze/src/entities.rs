//! Named-entity mentions (being written).
use storyline_model::{Mention, Span};

/// Entity mentions in `body`; `canonical` is resolved within the article.
pub fn find_mentions(_body: &str, _sentences: &[Span]) -> Vec<Mention> {
    Vec::new()
}
