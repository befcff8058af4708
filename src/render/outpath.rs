//! Output file names made from data (network ids, area codes).
//!
//! A value from an input file never becomes a path as it is: `a/../../x` in
//! a register must not write outside the output directory. [`output_file`]
//! encodes the value into a single safe file-name component and checks that
//! the result lies directly inside the output directory.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use anyhow::{Result, bail};
use sha2::{Digest, Sha256};

/// Longest encoded value kept whole; longer ones are cut and get a hash
/// suffix, so that the whole name stays well below the 255 bytes file
/// systems allow.
const MAX_ENCODED: usize = 120;

/// `value` as a file-name fragment: letters and digits (any script), `-`,
/// `_` and `.` stay; every other character (`/`, `\`, `:`, spaces, control
/// characters, emoji, `%` itself) becomes `%XX` per UTF-8 byte, so different
/// values never share a name. A value longer than [`MAX_ENCODED`] bytes once
/// encoded is cut and ends in `~` and eight hex digits of its SHA-256.
pub fn encode_fragment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    if out.len() > MAX_ENCODED {
        let mut cut = MAX_ENCODED - 9;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        let hash = Sha256::digest(value.as_bytes());
        out.truncate(cut);
        out.push('~');
        for b in &hash[..4] {
            let _ = write!(out, "{b:02x}");
        }
    }
    out
}

/// `DIR/<prefix><value>.<ext>` with `value` encoded by [`encode_fragment`];
/// an error (never a path) when the result would not be a plain file
/// directly inside `dir`.
pub fn output_file(dir: &Path, prefix: &str, value: &str, ext: &str) -> Result<PathBuf> {
    let name = format!("{prefix}{}.{ext}", encode_fragment(value));
    let mut components = Path::new(&name).components();
    match (components.next(), components.next()) {
        (Some(Component::Normal(_)), None) if !name.starts_with('.') => {}
        _ => bail!("{value:?} cannot be used in a file name ({name:?} is not a plain file name)"),
    }
    let path = dir.join(&name);
    if path.parent() != Some(dir) {
        bail!(
            "{value:?} would name a file outside the output directory {}",
            dir.display()
        );
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ids_stay_readable() {
        assert_eq!(encode_fragment("oss-ruwaard"), "oss-ruwaard");
        assert_eq!(encode_fragment("WK082801"), "WK082801");
        assert_eq!(encode_fragment("Zuidoost_2"), "Zuidoost_2");
        assert_eq!(encode_fragment("café"), "café");
    }

    #[test]
    fn path_escape_is_encoded() {
        let dir = Path::new("/tmp/uit");
        let path = output_file(dir, "netwerk-", "a/../../../escape", "pdf").unwrap();
        assert_eq!(path.parent(), Some(dir));
        assert_eq!(
            path.file_name().unwrap().to_str().unwrap(),
            "netwerk-a%2F..%2F..%2F..%2Fescape.pdf"
        );
        let path = output_file(dir, "profiel-", "..\\..\\x", "pdf").unwrap();
        assert_eq!(path.parent(), Some(dir));
        assert!(output_file(dir, "", "..", "").is_err());
    }

    #[test]
    fn encoding_is_injective_on_separators_and_percent() {
        assert_ne!(encode_fragment("a/b"), encode_fragment("a%2Fb"));
        assert_eq!(encode_fragment("a b\u{0}"), "a%20b%00");
        assert_eq!(encode_fragment("🙂"), "%F0%9F%99%82");
    }

    #[test]
    fn long_values_are_cut_with_a_hash() {
        let long = "x".repeat(1000);
        let other = format!("{}y", "x".repeat(999));
        let a = encode_fragment(&long);
        let b = encode_fragment(&other);
        assert!(a.len() <= MAX_ENCODED);
        assert_ne!(a, b);
        let emoji = "🙂".repeat(200);
        assert!(encode_fragment(&emoji).len() <= MAX_ENCODED);
    }
}
