//! Ingest: reading published open data and the networks' own workbooks into
//! typed, validated tables.
//!
//! This stage (with the output layer) is the only one that touches the
//! filesystem. Every reader returns what it could read *and* every problem
//! it found, each naming its place.

pub mod catalog;
pub mod cbs_kwb;
pub mod dates;
pub mod fast_xlsx;
pub mod grid;
pub mod municipalities;
pub mod network;
pub mod numbers;
pub mod rivm;
pub mod source;
pub mod tidy;
pub mod vektis;

pub use source::{Dataset, SourceKind, read_dataset};
