//! Evaluation: metrics and loaders for labelled corpora (`storyline eval …`).
//! Reads evaluation data from files; nothing here is used by the pipeline itself.

pub mod entities;
pub mod events;
pub mod extract;
pub mod metrics;
pub mod synth;
pub mod times;
pub mod visible_text;
