//! Render: turning computed tables into files — Parquet/CSV exports, and
//! (later stages) workbooks and PDFs. Every output is written whole or not
//! at all.

pub mod export;
pub mod pdf;
pub mod template;
