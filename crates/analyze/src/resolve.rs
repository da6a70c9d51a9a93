//! Corpus-wide entity resolution (being written).
use storyline_model::AnalyzedArticle;

/// Gives every mention across `articles` one canonical name per real-world entity.
pub fn resolve_corpus(_articles: &mut [AnalyzedArticle]) {}
