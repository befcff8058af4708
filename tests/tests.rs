//! The one integration-test binary: each module tests one capability, most
//! by running the real `wijkmonitor` binary on real-format files.

mod commands;
mod compare;
mod corpus;
mod effect;
mod fuzz;
mod geo;
mod golden;
mod hostile;
mod inspect;
mod interrupt;
mod metafor;
mod mutation;
mod network;
mod profile;
mod render;
mod run;
mod serve;
mod serve_browser;
mod stats;
mod tables;
mod trust;
mod workdir;
