//! Findings of a neighbourhood health profile: which indicators stand out
//! against the municipality and the Netherlands. (Filled by the profile
//! redesign.)
