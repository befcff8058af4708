//! Findings of a network report: residents before/after, collaboration,
//! activity. (Filled by the network-report redesign.)
