//! The one integration-test binary: each module tests one capability, most
//! by running the real `wijkmonitor` binary on real-format files.

mod commands;
mod effect;
mod fuzz;
mod hostile;
mod inspect;
mod interrupt;
mod network;
mod profile;
mod render;
mod run;
mod stats;
mod trust;
mod workdir;
