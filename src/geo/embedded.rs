//! The built-in boundaries: compact files made by `scripts/geo/convert`
//! (format described in that script's header) and decoded here.
//!
//! Why a format of our own: the GeoJSON sources are 4 MB; quantised to 10 m
//! and delta-encoded as zig-zag varints the three layers are under 0.5 MB
//! and decode in milliseconds, with no parser beyond this file.

use super::{Area, Boundaries, Level, Polygon};

/// The files, in the order of [`super::BUILTIN`].
pub(super) const DATA: [&[u8]; 3] = [
    include_bytes!("data/gemeente_2020.bin"),
    include_bytes!("data/gemeente_2023.bin"),
    include_bytes!("data/wijk_2024.bin"),
];

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn varint(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self
                .bytes
                .get(self.at)
                .ok_or_else(|| format!("ends inside a number at byte {}", self.at))?;
            self.at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(format!("number too long at byte {}", self.at))
    }

    fn count(&mut self) -> Result<usize, String> {
        let n = self.varint()?;
        // No count can exceed the bytes left: each item takes one byte at least.
        if n > (self.bytes.len() - self.at) as u64 {
            return Err(format!("count {n} beyond the end at byte {}", self.at));
        }
        Ok(n as usize)
    }

    fn zigzag(&mut self) -> Result<i64, String> {
        let n = self.varint()?;
        Ok((n >> 1) as i64 ^ -((n & 1) as i64))
    }

    fn string(&mut self) -> Result<String, String> {
        let len = self.count()?;
        let s = &self.bytes[self.at..self.at + len];
        self.at += len;
        String::from_utf8(s.to_vec()).map_err(|_| format!("text not UTF-8 before byte {}", self.at))
    }
}

/// Decodes one embedded layer.
pub(super) fn decode(bytes: &[u8]) -> Result<Boundaries, String> {
    if bytes.get(..4) != Some(b"WMG1") {
        return Err("not a WMG1 file".into());
    }
    let mut r = Reader { bytes, at: 4 };
    let level = match r.varint()? {
        0 => Level::Gemeente,
        1 => Level::Wijk,
        2 => Level::Buurt,
        n => return Err(format!("unknown level {n}")),
    };
    let year = u16::try_from(r.varint()?).map_err(|_| "year out of range")?;
    let quantum = r.varint()? as f64;
    let features = r.count()?;
    let mut areas = Vec::with_capacity(features);
    for _ in 0..features {
        let code = r.string()?;
        let name = r.string()?;
        let gemeente = r.string()?;
        let mut polygons = Vec::new();
        for _ in 0..r.count()? {
            let mut rings = Vec::new();
            for _ in 0..r.count()? {
                let n = r.count()?;
                let mut ring = Vec::with_capacity(n);
                let (mut x, mut y) = (0i64, 0i64);
                for _ in 0..n {
                    x += r.zigzag()?;
                    y += r.zigzag()?;
                    ring.push([x as f64 * quantum, y as f64 * quantum]);
                }
                rings.push(ring);
            }
            polygons.push(Polygon { rings });
        }
        let area = Area::new(code, name, level, gemeente, Some(year), polygons)
            .ok_or_else(|| format!("a feature without polygons before byte {}", r.at))?;
        areas.push(area);
    }
    if r.at != bytes.len() {
        return Err(format!(
            "{} bytes after the last feature",
            bytes.len() - r.at
        ));
    }
    Ok(Boundaries::new("builtin", areas))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_layer_decodes() {
        for data in DATA {
            decode(data).unwrap();
        }
    }

    #[test]
    fn truncated_data_is_an_error_not_a_panic() {
        let data = DATA[0];
        for cut in [0, 3, 4, 5, 9, 100, data.len() / 2, data.len() - 1] {
            assert!(decode(&data[..cut]).is_err(), "cut at {cut}");
        }
    }
}
