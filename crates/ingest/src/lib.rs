//! Readers: paths → raw documents (being written).
