//! Time expressions (being written).
use jiff::civil::Date;
use storyline_model::{DateSource, Span, TimeExpr};

/// What is known of an article's date when its time expressions are normalised.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimeAnchor {
    /// The article's own date (publication), when known: the anchor of deictic expressions.
    pub reference: Option<Date>,
    /// The date of the article's event as other sources give it: completes partial dates
    /// (a year for "March 27", a month for "the 20th") and picks between readings that
    /// contradict each other ("Tuesday (March 27)").
    pub context: Option<Date>,
}

pub fn find_times(_body: &str, _sentences: &[Span], _anchor: &TimeAnchor) -> Vec<TimeExpr> {
    Vec::new()
}

/// The article's own date from its text when no metadata gives it.
pub fn infer_article_date(_body: &str, _sentences: &[Span], _context: Option<Date>) -> Option<(Date, DateSource)> {
    None
}
