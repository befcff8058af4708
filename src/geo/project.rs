//! WGS84 ↔ RD New (EPSG:28992) by the published approximation of
//! Schreutelkamp & Strang van Hees, "Benaderingsformules voor de
//! transformatie tussen RD- en WGS84-kaartcoördinaten" (2001): two
//! polynomials around Amersfoort, accurate to about 0.25 m in the
//! Netherlands — far below the 10 m the built-in boundaries are quantised
//! to. `scripts/geo/convert` uses the same coefficients.
//!
//! Why not the full RDNAPTRANS™ (oblique stereographic projection, datum
//! shift and correction grid) or a PROJ port: maps of generalised
//! boundaries need metres, not millimetres, and the polynomials need no
//! grid files. Checked against the RDNAPTRANS™2008 validation points in
//! the tests below (all within 0.5 m).

/// RD coordinates of the origin (the Onze Lieve Vrouwetoren in Amersfoort).
const X0: f64 = 155_000.0;
const Y0: f64 = 463_000.0;
/// WGS84 latitude and longitude of the origin, degrees.
const PHI0: f64 = 52.155_174_40;
const LAM0: f64 = 5.387_206_21;

/// WGS84 → RD x: (power of dφ, power of dλ, coefficient).
const R: [(i32, i32, f64); 9] = [
    (0, 1, 190_094.945),
    (1, 1, -11_832.228),
    (2, 1, -114.221),
    (0, 3, -32.391),
    (1, 0, -0.705),
    (3, 1, -2.340),
    (1, 3, -0.608),
    (0, 2, -0.008),
    (2, 3, 0.148),
];
/// WGS84 → RD y.
const S: [(i32, i32, f64); 10] = [
    (1, 0, 309_056.544),
    (0, 2, 3_638.893),
    (2, 0, 73.077),
    (1, 2, -157.984),
    (3, 0, 59.788),
    (0, 1, 0.433),
    (2, 2, -6.439),
    (1, 1, -0.032),
    (0, 4, 0.092),
    (1, 4, -0.054),
];
/// RD → WGS84 latitude (arc seconds): (power of dX, power of dY, coefficient).
const K: [(i32, i32, f64); 11] = [
    (0, 1, 3_235.653_89),
    (2, 0, -32.582_97),
    (0, 2, -0.247_50),
    (2, 1, -0.849_78),
    (0, 3, -0.065_50),
    (2, 2, -0.017_09),
    (1, 0, -0.007_38),
    (4, 0, 0.005_30),
    (2, 3, -0.000_39),
    (4, 1, 0.000_33),
    (1, 1, -0.000_12),
];
/// RD → WGS84 longitude (arc seconds).
const L: [(i32, i32, f64); 12] = [
    (1, 0, 5_260.529_16),
    (1, 1, 105.946_84),
    (1, 2, 2.456_56),
    (3, 0, -0.818_85),
    (1, 3, 0.055_94),
    (3, 1, -0.056_07),
    (0, 1, 0.011_99),
    (3, 2, -0.002_56),
    (1, 4, 0.001_28),
    (0, 2, 0.000_22),
    (2, 0, -0.000_22),
    (5, 0, 0.000_26),
];

fn poly(terms: &[(i32, i32, f64)], a: f64, b: f64) -> f64 {
    terms
        .iter()
        .map(|&(p, q, c)| c * a.powi(p) * b.powi(q))
        .sum()
}

/// WGS84 longitude and latitude (degrees) to RD New `[x, y]` metres.
pub fn wgs84_to_rd(lon: f64, lat: f64) -> [f64; 2] {
    let dphi = 0.36 * (lat - PHI0);
    let dlam = 0.36 * (lon - LAM0);
    [X0 + poly(&R, dphi, dlam), Y0 + poly(&S, dphi, dlam)]
}

/// RD New `[x, y]` metres to WGS84 `[lon, lat]` degrees.
pub fn rd_to_wgs84(x: f64, y: f64) -> [f64; 2] {
    let dx = (x - X0) * 1e-5;
    let dy = (y - Y0) * 1e-5;
    [
        LAM0 + poly(&L, dx, dy) / 3600.0,
        PHI0 + poly(&K, dx, dy) / 3600.0,
    ]
}

/// WGS84 coordinates of the Netherlands with a wide margin; outside it the
/// polynomials are meaningless (and a file with swapped or projected
/// coordinates is caught).
pub(crate) fn plausible_wgs84(lon: f64, lat: f64) -> bool {
    lon.is_finite() && lat.is_finite() && (2.0..=8.0).contains(&lon) && (50.0..=54.5).contains(&lat)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Validation points of RDNAPTRANS™2008 (Kadaster/Rijkswaterstaat; as
    /// listed with the official program): ETRS89 latitude, longitude and RD
    /// x, y. ETRS89 and WGS84 differ by well under a metre here, which the
    /// approximation (0.25 m) and the 1 m tolerance allow.
    const POINTS: [(&str, f64, f64, f64, f64); 6] = [
        (
            "Texel",
            53.160_753_042,
            4.824_761_912,
            117_380.12,
            575_040.34,
        ),
        (
            "Noord-Groningen",
            53.419_482_050,
            6.776_726_674,
            247_380.56,
            604_580.78,
        ),
        (
            "Amersfoort",
            52.155_172_897,
            5.387_203_657,
            155_000.0,
            463_000.0,
        ),
        (
            "Zeeuws-Vlaanderen",
            51.368_607_152,
            3.397_588_595,
            16_460.91,
            377_380.23,
        ),
        (
            "Zuid-Limburg",
            50.792_584_916,
            5.773_795_548,
            182_260.45,
            311_480.67,
        ),
        (
            "Maasvlakte",
            51.947_393_898,
            4.072_887_101,
            64_640.89,
            440_700.01,
        ),
    ];

    #[test]
    fn amersfoort_origin_both_ways() {
        // The origin of the approximation: the Onze Lieve Vrouwetoren.
        let [x, y] = wgs84_to_rd(5.387_206_21, 52.155_174_40);
        assert!((x - 155_000.0).abs() < 1e-6 && (y - 463_000.0).abs() < 1e-6);
        let [lon, lat] = rd_to_wgs84(155_000.0, 463_000.0);
        assert!((lon - 5.387_206_21).abs() < 1e-9 && (lat - 52.155_174_40).abs() < 1e-9);
    }

    #[test]
    fn validation_points_within_one_metre() {
        for (name, lat, lon, x, y) in POINTS {
            let [px, py] = wgs84_to_rd(lon, lat);
            assert!(
                (px - x).abs() < 1.0 && (py - y).abs() < 1.0,
                "{name}: ({px}, {py})"
            );
            // Back: one metre is about 1.5e-5 degrees of longitude, 9e-6 of latitude.
            let [plon, plat] = rd_to_wgs84(x, y);
            let dx = (plon - lon) * 111_320.0 * lat.to_radians().cos();
            let dy = (plat - lat) * 110_540.0;
            assert!(dx.abs() < 1.0 && dy.abs() < 1.0, "{name}: ({plon}, {plat})");
        }
    }

    #[test]
    fn round_trip_stays_within_a_metre() {
        for x in (10_000..=280_000).step_by(30_000) {
            for y in (300_000..=620_000).step_by(40_000) {
                let [lon, lat] = rd_to_wgs84(x as f64, y as f64);
                let [bx, by] = wgs84_to_rd(lon, lat);
                assert!(
                    (bx - x as f64).abs() < 1.0 && (by - y as f64).abs() < 1.0,
                    "({x}, {y})"
                );
            }
        }
    }
}
