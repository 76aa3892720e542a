"""Personal names: Chinese surnames, pinyin shape, and one key per person across languages.

The key (``name_key``) is the pinyin of the name, surname first, given name in one
word: 李忠, "Li Zhong" and "LI Zhong" all give ``"li zhong"``; 徐昌峰 and
"Xu Changfeng" give ``"xu changfeng"``. English articles spell Chinese names in
pinyin, so comparing pinyin keys is what lets one person be followed across outlets
and languages.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from pypinyin import Style, lazy_pinyin

# The common single-character surnames (百家姓 and the census top 300), simplified forms.
_SINGLE = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单"
    "季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚"
    "娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘"
    "池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠"
    "豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰"
    "赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵩帖蔚冶但揭原过言竺殳虎税"
    "习"  # rarer surnames borne by national leaders
)
_COMPOUND = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "轩辕",
    "令狐",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "百里",
    "呼延",
    "万俟",
    "单于",
    "钟离",
    "澹台",
    "申屠",
    "闻人",
)
ZH_SURNAMES_1 = frozenset(_SINGLE)
ZH_SURNAMES_2 = frozenset(_COMPOUND)

# Readings of surnames that differ from the common reading of the character.
_SURNAME_READINGS = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "区": "ou",
    "仇": "qiu",
    "朴": "piao",
    "查": "zha",
    "盖": "ge",
    "乐": "yue",
    "员": "yun",
    "覃": "qin",
    "缪": "miao",
    "翟": "zhai",
    "种": "chong",
    "秘": "bi",
    "繁": "po",
    "尉迟": "yuchi",
    "万俟": "moqi",
    "单于": "chanyu",
    "长孙": "zhangsun",
    "都": "du",
    "尉": "wei",
    "重": "chong",
    "华": "hua",
    "任": "ren",
    "宿": "su",
    "柏": "bai",
    "薄": "bo",
    "隗": "wei",
    "折": "she",
    "句": "gou",
}

# Characters that end a name rather than belong to one (verbs and particles after it).
ZH_NOT_IN_GIVEN = frozenset("说表称指介透认告坦谈提在对向也还则就等接受是与及的了曾被将把从到会")

_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (``v`` for ü), built from pypinyin's dictionary."""
    from pypinyin.pinyin_dict import pinyin_dict

    out: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            plain = unicodedata.normalize("NFKD", reading)
            plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
            if plain.isalpha():
                out.add(plain)
    out |= {s.replace("u", "v") for s in out if s in ("lu", "nu", "lue", "nue")}
    return frozenset(out)


@lru_cache(maxsize=1)
def pinyin_surnames() -> frozenset[str]:
    """Surnames as written in English articles ("Li", "Zhou", "Ouyang", "Lyu")."""
    out = {_surname_pinyin(s) for s in ZH_SURNAMES_1 | ZH_SURNAMES_2}
    out |= {"lyu", "lu", "lv", "nie", "ng", "wong", "chan", "cheung", "leung", "lee", "chow", "ho", "lam"}
    return frozenset(out)


def is_pinyin_word(word: str, max_syllables: int = 3) -> bool:
    """True when ``word`` splits into 1..max_syllables pinyin syllables ("Changfeng")."""
    w = word.lower().replace("'", "").replace("-", "").replace("’", "")
    if not w.isascii() or not w.isalpha():
        return False
    syl = pinyin_syllables()

    @cache
    def parts(i: int) -> int:
        """Fewest syllables covering w[i:], or a large number when impossible."""
        if i == len(w):
            return 0
        best = 99
        for j in range(min(len(w), i + 6), i, -1):
            if w[i:j] in syl:
                best = min(best, 1 + parts(j))
        return best

    return parts(0) <= max_syllables


def _surname_pinyin(surname: str) -> str:
    """The reading of a surname, with the usual exceptions for polyphonic characters."""
    if surname in _SURNAME_READINGS:
        return _SURNAME_READINGS[surname]
    return "".join(lazy_pinyin(surname, style=Style.NORMAL))


def split_zh_name(name: str) -> tuple[str, str]:
    """(surname, given) of a Chinese name; compound surnames first."""
    name = re.sub(r"\s+", "", name)
    if name[:2] in ZH_SURNAMES_2 and len(name) > 2:
        return name[:2], name[2:]
    return name[:1], name[1:]


@lru_cache(maxsize=8192)
def zh_name_pinyin(name: str) -> str:
    """The pinyin key of a Chinese name: ``"zhou lining"``."""
    surname, given = split_zh_name(name)
    family = _surname_pinyin(surname)
    rest = "".join(lazy_pinyin(given, style=Style.NORMAL)) if given else ""
    return _fold(f"{family} {rest}".strip()).replace("v", "u")


def _fold(key: str) -> str:
    """Spelling variants of ü ("lv", "lyu", "lü") and apostrophes fold to one form."""
    key = unicodedata.normalize("NFKD", key.lower())
    key = "".join(c for c in key if not unicodedata.combining(c))
    key = key.replace("'", "").replace("’", "").replace("-", "")
    return re.sub(r"\b([ln])(?:yu|v)", r"\1u", key)


@lru_cache(maxsize=8192)
def en_name_key(name: str) -> str:
    """The key of a name written in Latin letters: surname first, given name in one word."""
    words = [w for w in re.split(r"[\s·.]+", unicodedata.normalize("NFKC", name).strip()) if w]
    if not words:
        return ""
    surnames = pinyin_surnames()
    lowered = [w.lower().replace("-", "") for w in words]
    if len(words) >= 2 and lowered[0] not in surnames and lowered[-1] in surnames:
        lowered = [lowered[-1]] + lowered[:-1]  # Western order "Lining Zhou"
    if len(lowered) >= 2 and all(is_pinyin_word(w) for w in lowered):
        return _fold(f"{lowered[0]} {''.join(lowered[1:])}")
    return _fold(" ".join(lowered))


def name_key(name: str) -> str:
    """One key for a person's name in either script (see the module docstring)."""
    if _HAN.search(name or ""):
        return zh_name_pinyin(name)
    return en_name_key(name or "")


def looks_like_zh_name(name: str) -> bool:
    """2-4 Han characters starting with a known surname and no verb or particle in them."""
    name = re.sub(r"\s+", "", name)
    if not 2 <= len(name) <= 4 or not all(_HAN.match(c) for c in name):
        return False
    surname, given = split_zh_name(name)
    if surname not in ZH_SURNAMES_1 and surname not in ZH_SURNAMES_2:
        return False
    return bool(given) and len(given) <= 2 and not any(c in ZH_NOT_IN_GIVEN for c in given)
