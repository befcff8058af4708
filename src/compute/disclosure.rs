//! Disclosure control: which figures of a table may be shown so that no published figure,
//! nor any difference of published figures, rests on fewer than `min_n` people (or
//! questions). Used by the before/after and wave tables ([`crate::compute::effect`]) and by
//! the activity tables of the logs ([`crate::compute::activity`]) alike. Pure.
//!
//! Three rules:
//!
//! - **Threshold.** A row, or a population of a row, with fewer than `min_n` members is
//!   suppressed ([`disclose`], [`open_populations`]).
//! - **Hierarchy.** The counts of a table may form a hierarchy of populations (requests →
//!   matched → follow-ups due). What lies inside a population (its counts, shares, medians)
//!   is shown only when the population is large enough and is itself shown
//!   ([`open_populations`], [`close`]).
//! - **Complements.** When a total and its parts are shown (everyone and the groups; all
//!   years and the years; a year and its quarters), subtracting the shown parts from the
//!   total gives the hidden rest. While that rest lies between 1 and `min_n − 1`, the shown
//!   part with the fewest members is suppressed as well ([`protect_complements`],
//!   [`protect_parts`]). A part suppressed with `min_n` or more members was suppressed for
//!   this reason.

/// The default disclosure threshold: statistics on fewer respondents are suppressed.
pub const DEFAULT_MIN_N: usize = 10;

/// Hides further parts of a table so that subtracting the shown parts from a shown total
/// cannot reveal a rest of fewer than `min_n` respondents (complementary suppression).
///
/// `total` holds the total's size in each dimension (for instance `[n_from, n_to]`), `parts`
/// the size of each part in the same dimensions, and `shown` whether each part is shown
/// (parallel to `parts`). While the hidden rest `total − Σ shown parts` lies between 1 and
/// `min_n − 1` in some dimension, the shown part with the fewest respondents (the first of
/// equals) is hidden. Returns the indices of the parts hidden here, in the order they were
/// hidden. Call it only for a total that is itself shown.
pub fn protect_complements(
    total: &[usize],
    parts: &[Vec<usize>],
    shown: &mut [bool],
    min_n: usize,
) -> Vec<usize> {
    let mut hidden = Vec::new();
    loop {
        let exposed = total.iter().enumerate().any(|(d, &total)| {
            let covered: usize = parts
                .iter()
                .zip(shown.iter())
                .filter(|(_, shown)| **shown)
                .map(|(part, _)| part.get(d).copied().unwrap_or(0))
                .sum();
            let rest = total.saturating_sub(covered);
            rest > 0 && rest < min_n
        });
        if !exposed {
            break;
        }
        let smallest = parts
            .iter()
            .zip(shown.iter())
            .enumerate()
            .filter(|(_, (_, shown))| **shown)
            .min_by_key(|(i, (part, _))| (part.iter().sum::<usize>(), *i))
            .map(|(i, _)| i);
        let Some(i) = smallest else { break };
        if let Some(flag) = shown.get_mut(i) {
            *flag = false;
        }
        hidden.push(i);
    }
    hidden
}

/// Which rows of a family (total first, then its parts) are shown: a row needs at least
/// `min_n` respondents in every dimension, and the parts are protected against differencing
/// with [`protect_complements`].
pub fn disclose(sizes: &[Vec<usize>], min_n: usize) -> Vec<bool> {
    let mut shown: Vec<bool> = sizes
        .iter()
        .map(|size| size.iter().all(|&n| n >= min_n))
        .collect();
    if let (Some((total, parts)), Some((total_shown, parts_shown))) =
        (sizes.split_first(), shown.split_first_mut())
        && *total_shown
    {
        protect_complements(total, parts, parts_shown, min_n);
    }
    shown
}

/// Parents of the populations of a table, parents before children; `None` for the top.
pub type Hierarchy = [Option<usize>];

/// Which populations of one row are open (their inner counts and shares shown), from their
/// sizes: a population is open when it has at least `min_n` members and its parent is open.
pub fn open_populations(sizes: &[usize], parents: &Hierarchy, min_n: usize) -> Vec<bool> {
    let mut open: Vec<bool> = Vec::with_capacity(sizes.len());
    for (size, parent) in sizes.iter().zip(parents) {
        let parent_open = parent.is_none_or(|p| open.get(p).copied().unwrap_or(false));
        open.push(parent_open && *size >= min_n);
    }
    open
}

/// Closes a population and everything inside it.
pub fn close(open: &mut [bool], population: usize, parents: &Hierarchy) {
    if let Some(flag) = open.get_mut(population) {
        *flag = false;
    }
    for (p, parent) in parents.iter().enumerate().skip(population + 1) {
        if let Some(parent) = parent
            && !open.get(*parent).copied().unwrap_or(true)
            && let Some(flag) = open.get_mut(p)
        {
            *flag = false;
        }
    }
}

/// Complementary suppression of the parts of a total (years of all years, quarters of a
/// year), population by population from the top down; `additive` marks the populations whose
/// figures add up over the parts (counts and shares do, medians do not).
pub fn protect_parts(
    total_sizes: &[usize],
    total_open: &[bool],
    part_sizes: &[Vec<usize>],
    part_open: &mut [Vec<bool>],
    parents: &Hierarchy,
    additive: &[bool],
    min_n: usize,
) {
    for (population, (&size, &open)) in total_sizes.iter().zip(total_open).enumerate() {
        if !open || !additive.get(population).copied().unwrap_or(false) {
            continue;
        }
        let sizes: Vec<Vec<usize>> = part_sizes
            .iter()
            .map(|s| vec![s.get(population).copied().unwrap_or(0)])
            .collect();
        let mut shown: Vec<bool> = part_open
            .iter()
            .map(|o| o.get(population).copied().unwrap_or(false))
            .collect();
        for part in protect_complements(&[size], &sizes, &mut shown, min_n) {
            if let Some(open) = part_open.get_mut(part) {
                close(open, population, parents);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complements_are_protected() {
        let parts =
            |sizes: &[usize]| -> Vec<Vec<usize>> { sizes.iter().map(|&n| vec![n]).collect() };
        // 25 = 12 + 10 + 3: hiding the 3 alone would leave them derivable.
        let mut shown = vec![true, true, false];
        assert_eq!(
            protect_complements(&[25], &parts(&[12, 10, 3]), &mut shown, 10),
            [1]
        );
        assert_eq!(shown, [true, false, false]);
        // A rest of 0 or of at least min_n is safe.
        let mut shown = vec![true, true];
        assert_eq!(
            protect_complements(&[22], &parts(&[12, 10]), &mut shown, 10),
            Vec::<usize>::new()
        );
        let mut shown = vec![true, true, false];
        assert_eq!(
            protect_complements(&[40], &parts(&[12, 10, 3]), &mut shown, 10),
            Vec::<usize>::new()
        );
        // Several dimensions: each must be safe.
        let mut shown = vec![true, true];
        let sizes = vec![vec![10, 12], vec![20, 20]];
        assert_eq!(protect_complements(&[30, 35], &sizes, &mut shown, 10), [0]);
        // Nothing left to hide: stop.
        let mut shown = vec![false];
        assert_eq!(
            protect_complements(&[5], &parts(&[1]), &mut shown, 10),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn populations_open_inside_open_parents_only() {
        // requests → matched → due
        let parents = [None, Some(0), Some(1)];
        assert_eq!(
            open_populations(&[30, 12, 11], &parents, 10),
            [true, true, true]
        );
        assert_eq!(
            open_populations(&[30, 9, 11], &parents, 10),
            [true, false, false]
        );
        let mut open = vec![true, true, true];
        close(&mut open, 1, &parents);
        assert_eq!(open, [true, false, false]);
    }
}
