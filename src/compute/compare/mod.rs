//! Comparison areas for a network's area (issue 12): which other areas resemble it at
//! baseline, and how its change in an indicator compares with theirs.
//!
//! * [`nearest_neighbours`]: the areas closest to the network's area on standardised
//!   baseline characteristics (Euclidean distance on z-scores), network areas excluded.
//! * [`difference_in_differences`]: the area's change between two periods minus the mean
//!   change of its comparison areas, with the sd and number of those changes.
//! * [`placebo_rank`]: how unusual the area's difference-in-differences is among the same
//!   figure computed for each comparison area in turn (a placebo test in the manner of
//!   synthetic-control studies, Abadie, Diamond & Hainmueller 2010).
//!
//! All functions are pure and return a typed reason instead of panicking.

mod did;
mod neighbours;
pub mod sites;

pub use did::{DiD, PlaceboRank, difference_in_differences, placebo_rank};
pub use neighbours::{
    AreaCharacteristics, DEFAULT_NEIGHBOURS, Neighbour, NeighbourError, Neighbours,
    nearest_neighbours,
};
