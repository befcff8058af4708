//! Compute: pure functions from tables to tables. Nothing here reads files,
//! the clock or the environment.

pub mod activity;
pub mod compare;
pub mod costs;
pub mod disclosure;
pub mod effect;
pub mod findings;
pub mod profile;
pub mod scoring;
pub mod stats;
