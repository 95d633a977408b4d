#!/usr/bin/env python3
"""Builds assets/fonts/NotoSansSC-qcity.otf: Noto Sans CJK SC cut down to the Chinese characters
qcity draws (district names, target names, scenario texts, the Chinese labels in src/ and crates/), plus
printable ASCII and the symbols charts use, so reports and `--lang zh` charts render on any
machine without system fonts.

Needs Debian's fonts-noto-cjk (NotoSansCJK-Regular.ttc, SIL Open Font License 1.1) and
fonttools (pip). Run from the repository root:

    python3 tools/subset_cjk_font.py

Rerun it when new Chinese text is added to assets/, seeds/, scenarios/ or the sources.
"""
import glob
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
OUT = pathlib.Path("assets/fonts/NotoSansSC-qcity.otf")

def used_text() -> str:
    files = ["assets/districts.csv", "seeds/targets.ron", "seeds/mechanisms.md", "seeds/observations.ron"]
    files += glob.glob("scenarios/**/*.ron", recursive=True)
    files += glob.glob("src/**/*.rs", recursive=True)
    files += glob.glob("crates/**/*.rs", recursive=True)
    text = "".join(pathlib.Path(f).read_text(encoding="utf-8") for f in files)
    # Zone names and common labels drawn by the tool.
    text += "主城都市区渝东北三峡库区城镇群渝东南武陵山区中心城区主城新区区县自治县达标风险未达标目标年份概率"
    text += "，。、：；（）《》〔〕“”—…·"
    return "".join(sorted({c for c in text if ord(c) > 0x2E7F}))

def main() -> int:
    chars = used_text()
    collection = TTCollection(SOURCE)
    sc = next(f for f in collection.fonts if "SC" in f["name"].getDebugName(1))
    tmp = pathlib.Path("/tmp/NotoSansCJKsc.otf")
    sc.save(str(tmp))
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.drop_tables += ["GSUB", "GPOS"]
    font = subset.load_font(str(tmp), opts)
    sub = subset.Subsetter(opts)
    ascii = "".join(chr(c) for c in range(0x20, 0x7F))
    sub.populate(text=chars + ascii + "≥≤→←×−–—…·°%▲▼▶■□●")
    sub.subset(font)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(OUT), opts)
    print(f"{OUT}: {len(chars)} CJK characters, {OUT.stat().st_size} bytes")
    return 0

if __name__ == "__main__":
    sys.exit(main())
