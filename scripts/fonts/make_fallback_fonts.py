#!/usr/bin/env python3
"""Builds the fallback fonts of the report templates (report-templates/fonts/fallback/).

Inter (the body font) covers Latin, Greek and Cyrillic. What Dutch users also
type — names in Arabic, Hebrew, Chinese, Japanese or Korean, emoji, symbols —
is set in these Noto fonts (SIL Open Font License 1.1), subset so that the
binary stays small:

  Noto Sans Arabic, Hebrew, Symbols, Symbols 2   Debian fonts-noto-core (whole)
  Noto Sans CJK SC, subset                        Debian fonts-noto-cjk: every
      character of GB 2312 (simplified Chinese), JIS X 0208 (Japanese: kana and
      kanji), the 2 350 Hangul syllables of KS X 1001 (Korean), CJK
      punctuation and full-width forms
  Noto Emoji (monochrome)                         npm @expo-google-fonts/noto-emoji
                                                  (400Regular; Google's Noto Emoji)

Needs: apt-get install fonts-noto-core fonts-noto-cjk; pip install fonttools;
npm pack @expo-google-fonts/noto-emoji (run in a temporary folder, then pass
--emoji PATH/package/400Regular/NotoEmoji_400Regular.ttf).

Run from the repository root:  python3 scripts/fonts/make_fallback_fonts.py --emoji FILE
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

NOTO = Path("/usr/share/fonts/truetype/noto")
CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
OUT = Path("report-templates/fonts/fallback")
WHOLE = [
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansHebrew-Bold.ttf",
    "NotoSansSymbols-Regular.ttf",
    "NotoSansSymbols2-Regular.ttf",
]


def codec_chars(codec: str, lead: range, trail: range) -> set[int]:
    """Every character a double-byte codec can encode."""
    chars = set()
    for a in lead:
        for b in trail:
            try:
                chars.update(ord(c) for c in bytes([a, b]).decode(codec))
            except UnicodeDecodeError:
                pass
    return chars


def cjk_characters() -> set[int]:
    chars = set()
    chars |= codec_chars("gb2312", range(0xA1, 0xFF), range(0xA1, 0xFF))
    chars |= codec_chars("euc_jp", range(0xA1, 0xFF), range(0xA1, 0xFF))
    korean = codec_chars("euc_kr", range(0xA1, 0xFF), range(0xA1, 0xFF))
    chars |= {c for c in korean if 0xAC00 <= c <= 0xD7A3 or 0x3130 <= c <= 0x318F}
    chars |= set(range(0x3000, 0x3100))  # CJK punctuation, kana
    chars |= set(range(0xFF00, 0xFFF0))  # full-width forms
    return {c for c in chars if c > 0x7F}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--emoji", type=Path, required=True)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for name in WHOLE:
        shutil.copyfile(NOTO / name, OUT / name)
    shutil.copyfile(args.emoji, OUT / "NotoEmoji-Regular.ttf")

    font = TTCollection(CJK).fonts[2]  # Noto Sans CJK SC
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(cjk_characters()))
    subsetter.subset(font)
    font.save(OUT / "NotoSansCJKsc-Regular-subset.otf")
    for path in sorted(OUT.iterdir()):
        print(f"{path.name}: {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
