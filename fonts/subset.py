# Subset Liberation Sans and rename it (OFL: "Liberation" is a Reserved Font Name,
# so a modified version such as a subset must not carry it).
import sys
from fontTools import subset
from fontTools.ttLib import TTFont
SRC = "/usr/share/fonts/truetype/liberation2/LiberationSans-%s.ttf"
UNI = "U+0020-007E,U+00A0-00FF,U+2018-201E,U+2013-2014,U+2022,U+2026"
out_dir = sys.argv[1]
for style in ["Regular", "Bold"]:
    font = TTFont(SRC % style)
    opts = subset.Options()
    opts.hinting = False
    opts.desubroutinize = True
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.drop_tables += ["FFTM", "DSIG"]
    s = subset.Subsetter(opts)
    s.populate(unicodes=subset.parse_unicodes(UNI))
    s.subset(font)
    for rec in font["name"].names:
        if rec.nameID in (0, 7, 13, 14):
            continue  # copyright, trademark, licence text/URL stay as they are
        text = rec.toUnicode()
        text = text.replace("Liberation Sans", "Loket Sans").replace("LiberationSans", "LoketSans")
        rec.string = text
    font.save("%s/LoketSans-%s.ttf" % (out_dir, style))
