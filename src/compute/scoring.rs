//! Scale scores per respondent and wave, from an instrument and its
//! responses. Pure: no files, no clock, no environment.
//!
//! For each response row and each scale of the instrument the result holds
//! one row of a long table (network, respondent, wave, group values, scale,
//! score). Item values are the answer itself on a numeric scale, or the
//! item's category value; a reversed item scores `lo + hi - value`, where
//! `lo` and `hi` are the lowest and highest values the item can take. A
//! scale with fewer answered items than its `min_answered` gets no score
//! (`None`); otherwise the mean or the sum of the answered items (a sum is
//! not prorated: this follows the loneliness scale manual).
//!
//! Privacy: respondents are identified by pseudonyms in the input. The
//! pseudonym is used here only to link a respondent's waves and is replaced
//! by a [`RespondentIndex`]: an opaque number assigned in order of first
//! appearance. Pseudonyms never appear in the score table, so nothing
//! computed from it can carry them into a report or an export.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::ingest::network::responses::{Answer, Responses};
use crate::spec::instrument::{AnswerScale, Instrument, Item, Rule, Scale};

/// An opaque respondent number, the same for all waves of one respondent of
/// one network. It carries no part of the pseudonym.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct RespondentIndex(pub u32);

/// One score: one respondent, one wave, one scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreRow {
    pub network: String,
    pub respondent: RespondentIndex,
    pub wave: String,
    /// Values of the grouping columns, parallel to [`ScoreTable::group_columns`].
    pub groups: Vec<Option<String>>,
    /// The scale id.
    pub scale: String,
    /// How many of the scale's items were answered.
    pub answered: usize,
    /// `None` when fewer than `min_answered` items were answered.
    pub score: Option<f64>,
}

/// The long table of scores of one instrument.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreTable {
    pub instrument: String,
    pub group_columns: Vec<String>,
    /// In the order of the responses, scales in instrument order.
    pub rows: Vec<ScoreRow>,
}

/// Responses that were not read for this instrument.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the responses were read for instrument {responses:?}, not for {instrument:?}")]
pub struct InstrumentMismatch {
    pub instrument: String,
    pub responses: String,
}

/// The value of one answer to an item: the number or the item's category
/// value, reversed when the item is reversed. `None` for an answer that
/// counts as not answered or does not fit the item.
pub fn item_value(item: &Item, answer: Answer) -> Option<f64> {
    let value = match (&item.answer, answer) {
        (AnswerScale::Numeric { .. }, Answer::Number(v)) => v,
        (AnswerScale::Categories(categories), Answer::Category(index)) => {
            categories.get(index)?.value?
        }
        _ => return None,
    };
    if item.reverse {
        let (lo, hi) = item.answer.value_range()?;
        Some(lo + hi - value)
    } else {
        Some(value)
    }
}

/// The score of one scale from the item values of one response (parallel to
/// the instrument's items), with the number of answered items.
pub fn scale_score(scale: &Scale, values: &[Option<f64>]) -> (usize, Option<f64>) {
    let answered: Vec<f64> = scale
        .items
        .iter()
        .filter_map(|&index| values.get(index).copied().flatten())
        .collect();
    let n = answered.len();
    if n == 0 || n < scale.min_answered {
        return (n, None);
    }
    let sum: f64 = answered.iter().sum();
    let score = match scale.rule {
        Rule::Sum => sum,
        Rule::Mean => sum / n as f64,
    };
    (n, Some(score))
}

/// Scores every response on every scale of the instrument.
pub fn score_responses(
    instrument: &Instrument,
    responses: &Responses,
) -> Result<ScoreTable, InstrumentMismatch> {
    if responses.instrument != instrument.id
        || responses
            .records
            .iter()
            .any(|r| r.answers.len() != instrument.items.len())
    {
        return Err(InstrumentMismatch {
            instrument: instrument.id.clone(),
            responses: responses.instrument.clone(),
        });
    }
    let mut indices: BTreeMap<(&str, &str), RespondentIndex> = BTreeMap::new();
    let mut rows = Vec::with_capacity(responses.records.len() * instrument.scales.len());
    for record in &responses.records {
        let next = RespondentIndex(indices.len() as u32);
        let respondent = *indices
            .entry((record.network.as_str(), record.respondent.as_str()))
            .or_insert(next);
        let values: Vec<Option<f64>> = instrument
            .items
            .iter()
            .zip(&record.answers)
            .map(|(item, answer)| answer.and_then(|a| item_value(item, a)))
            .collect();
        for scale in &instrument.scales {
            let (answered, score) = scale_score(scale, &values);
            rows.push(ScoreRow {
                network: record.network.clone(),
                respondent,
                wave: record.wave.clone(),
                groups: record.groups.clone(),
                scale: scale.id.clone(),
                answered,
                score,
            });
        }
    }
    Ok(ScoreTable {
        instrument: instrument.id.clone(),
        group_columns: responses.group_columns.clone(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::network::responses::Response;
    use crate::spec::instrument::load_instrument;
    use std::path::Path;

    fn instrument(name: &str) -> Instrument {
        load_instrument(name, Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    fn response(respondent: &str, wave: &str, answers: Vec<Option<Answer>>) -> Response {
        Response {
            row: 2,
            network: "wedde".into(),
            respondent: respondent.into(),
            wave: wave.into(),
            date: None,
            groups: vec![],
            answers,
        }
    }

    fn scores(table: &ScoreTable, scale: &str) -> Vec<Option<f64>> {
        table
            .rows
            .iter()
            .filter(|r| r.scale == scale)
            .map(|r| r.score)
            .collect()
    }

    /// Categories of the DJG response scale: 0 = ja, 1 = min of meer, 2 = nee.
    fn djg(answers: [Option<usize>; 6]) -> Vec<Option<Answer>> {
        answers.iter().map(|a| a.map(Answer::Category)).collect()
    }

    #[test]
    fn djg_follows_the_manual() {
        let djg6 = instrument("eenzaamheid-djg6");
        let (ja, min, nee) = (Some(0), Some(1), Some(2));
        let responses = Responses {
            instrument: djg6.id.clone(),
            group_columns: vec![],
            records: vec![
                // Not lonely at all: no emptiness etc., enough people.
                response("a", "T0", djg([nee, nee, nee, ja, ja, ja])),
                // "min of meer" scores 1 on both kinds of item.
                response("b", "T0", djg([min, min, min, min, min, min])),
                // Emotional 2, social 3 → 5: severely lonely.
                response("c", "T0", djg([ja, nee, ja, nee, nee, nee])),
                // One unanswered: total from 5 items, that subscale missing.
                response("d", "T0", djg([ja, None, nee, nee, ja, ja])),
                // Two unanswered: no total.
                response("e", "T0", djg([ja, None, None, nee, ja, ja])),
            ],
        };
        let table = score_responses(&djg6, &responses).unwrap();
        assert_eq!(
            scores(&table, "emotioneel"),
            [Some(0.0), Some(3.0), Some(2.0), None, None]
        );
        assert_eq!(
            scores(&table, "sociaal"),
            [Some(0.0), Some(3.0), Some(3.0), Some(1.0), Some(1.0)]
        );
        assert_eq!(
            scores(&table, "totaal"),
            [Some(0.0), Some(6.0), Some(5.0), Some(2.0), None]
        );
        let total = djg6.scale("totaal").unwrap();
        let classes: Vec<&str> = total
            .cutoffs
            .iter()
            .filter(|c| c.contains(5.0))
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(classes, ["eenzaam", "ernstig_eenzaam"]);
    }

    #[test]
    fn reverse_items_and_respondent_index() {
        let mdo = instrument("mdo-evaluatie");
        let n = |v: f64| Some(Answer::Number(v));
        let responses = Responses {
            instrument: mdo.id.clone(),
            group_columns: vec![],
            records: vec![
                response("p1", "voor", vec![n(2.0), n(2.0), n(3.0), n(2.0), n(5.0)]),
                response("p2", "voor", vec![n(4.0), None, None, n(4.0), n(1.0)]),
                response("p1", "na", vec![n(4.0), n(4.0), n(5.0), n(4.0), n(2.0)]),
            ],
        };
        let table = score_responses(&mdo, &responses).unwrap();
        // Item 5 is reversed: 5 → 1, 2 → 4.
        assert_eq!(scores(&table, "mdo_totaal"), [Some(2.0), None, Some(4.2)]);
        let who: Vec<u32> = table.rows.iter().map(|r| r.respondent.0).collect();
        assert_eq!(who, [0, 1, 0]);
        assert_eq!(table.rows[1].answered, 3);
        let json = serde_json::to_string(&table).unwrap();
        assert!(!json.contains("p1") && !json.contains("p2"), "{json}");
    }

    #[test]
    fn category_values_per_instrument() {
        let wb = instrument("welbevinden");
        let responses = Responses {
            instrument: wb.id.clone(),
            group_columns: vec![],
            records: vec![response(
                "x",
                "T0",
                vec![Some(Answer::Number(7.0)), Some(Answer::Category(2))],
            )],
        };
        let table = score_responses(&wb, &responses).unwrap();
        assert_eq!(scores(&table, "levenstevredenheid"), [Some(7.0)]);
        assert_eq!(scores(&table, "ervaren_gezondheid"), [Some(3.0)]);
    }

    #[test]
    fn refuses_responses_of_another_instrument() {
        let wb = instrument("welbevinden");
        let responses = Responses {
            instrument: "x".into(),
            group_columns: vec![],
            records: vec![],
        };
        assert!(score_responses(&wb, &responses).is_err());
    }
}
