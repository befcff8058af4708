//! Render: turning computed tables into files — Parquet/CSV exports,
//! workbooks and PDFs (with the report data their templates read). Every
//! output is written whole or not at all.

pub mod compare;
pub mod export;
pub mod network;
pub mod network_map;
pub mod outpath;
pub mod pdf;
pub mod pool;
pub mod profile;
pub mod svg;
pub mod template;
pub mod temporaries;
pub mod text;
pub mod words;
pub mod workbook;
