//! wijkmonitor: from Dutch open data and the evaluation data of
//! neighbourhood care-and-welfare networks to neighbourhood health profiles,
//! before/after figures and reports.
//!
//! The pipeline runs in three stages, visible as modules: [`ingest`] (files
//! into typed tables, with every problem located), `compute` (pure: tables
//! in, tables out) and [`render`] (PDF, workbooks, Parquet/CSV); [`schema`]
//! declares the output tables once. [`cmd`]
//! holds one module per subcommand; `main.rs` only parses and dispatches.

pub mod cli;
pub mod cmd;
pub mod compute;
pub mod geo;
pub mod i18n;
pub mod ingest;
pub mod problem;
pub mod render;
pub mod schema;
pub mod serve;
pub mod spec;
