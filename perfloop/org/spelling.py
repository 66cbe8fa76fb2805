"""How a name is found when typed in Latin letters: 张伟 is found by "zhangwei", "zhang wei" and
"zw". The spelling is stored on the employee (`Employee.spelling`), made when the name is written,
so a search is one filter however large the organisation.

A surname with several readings (单 dan/shan, 曾 ceng/zeng) is stored with each of them: a name
is read out of context, and a typed "shan" must find 单雄信.
"""

from pypinyin import Style, lazy_pinyin, pinyin


def spelling_of(name: str) -> str:
    """The name's sort key, then its lower-case full spelling and initials, space separated: 李组长
    → "li-zu-zhang lizuzhang lzz". The sort key keeps the syllables apart so that names sort as a
    dictionary does (李 li before 刘 liu); a Latin name is its own key, searched as typed."""
    name = name.strip()
    if not name or name.isascii():
        return name.lower()[:255]
    syllables = [s.lower() for s in lazy_pinyin(name, errors="ignore")]
    if not syllables:
        return ""
    first_readings = pinyin(name[0], heteronym=True, style=Style.NORMAL)[0]
    words = ["-".join(syllables)]
    for first in [syllables[0], *[r for r in first_readings if r != syllables[0] and r.isalpha()]]:
        whole = [first, *syllables[1:]]
        words += ["".join(whole), "".join(s[0] for s in whole)]
    return " ".join(dict.fromkeys(words))[:255]


def typed(query: str) -> str:
    """A query as it is compared with the stored spelling: lower case, spaces dropped
    ("Zhang Wei" → "zhangwei"); "" when it is not Latin letters."""
    squeezed = "".join(query.split()).lower()
    return squeezed if squeezed.isascii() and squeezed.isalpha() else ""
