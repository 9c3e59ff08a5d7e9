"""Which legacy encoding page bytes are in: GB18030 (read), Big5 (read), Shift-JIS and EUC-JP (refused by name)."""

from __future__ import annotations

# The most frequent characters of simplified Chinese, traditional Chinese and Japanese text. A page
# decoded with the right encoding is full of them; decoded with a wrong one it is a spray of rare
# characters (mojibake), and almost none of these occur.
SIMPLIFIED = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把"
    "性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质"
    "气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活"
    "设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则"
    "任取据处府研职劳模省市县镇村记者报讯讲会议领导服务企业单位培训"
)
TRADITIONAL = set(
    "的一是在不了有和人這中大為上個國我以要他時來用們生到作地於出就分對成會可主發年動同工也能下過子說產種面"
    "而方後多定行學法所民得經十三之進著等部度家電力裡如水化高自二理起小物現實加量都兩體制機當使點從業本去把"
    "性好應開它合還因由其些然前外天政四日那社義事平形相全表間樣與關各重新線內數正心反你明看原又麼利比或但質"
    "氣第向道命此變條只沒結解問意建月公無系軍很情者最立代想已通並提直題黨程展五果料象員革位入常文總次品式活"
    "設及管特件長求老頭基資邊流路級少圖山統接知較將組見計別她手角期根論運農指幾九區強放決西被幹做必戰先回則"
    "任取據處府研職勞模省市縣鎮村記者報訊講會議領導服務企業單位培訓"
)
JAPANESE = set(
    "のにはをたがでてとしれさあいうかすなるもこまらりくっんけおせよどそやアイウエオカキクケコサシスセソタチツ"
    "テトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン日本人年月会社事業者新聞記"
)
COMMON = SIMPLIFIED | TRADITIONAL | JAPANESE
MIN_SCORE = 0.05  # below this share of common characters a decoding is mojibake
# EUC-JP shares its kana rows with GB2312: read as GB18030 its kana stay right and its kanji turn into
# rare Chinese characters, so it is tried too and wins on the kanji.
LEGACY = (("gb18030", "GB18030"), ("big5", "Big5"), ("cp950", "Big5"), ("shift_jis", "Shift-JIS"), ("cp932", "Shift-JIS"),
          ("euc_jp", "EUC-JP"))
JAPANESE_ENCODINGS = ("Shift-JIS", "EUC-JP")


def score(text: str) -> float:
    """The share of the text's non-ASCII letters that are common Chinese or Japanese characters."""
    wide = [ch for ch in text if ord(ch) > 0x7F and ch.isalpha()]
    if not wide:
        return 0.0
    return sum(ch in COMMON for ch in wide) / len(wide)


def best_decoding(data: bytes) -> tuple[str, str, float] | None:
    """(text, encoding, score) of the legacy encoding that reads the bytes best, None if none decodes."""
    best: tuple[str, str, float] | None = None
    for codec, name in LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        found = score(text)
        if best is None or found > best[2]:
            best = (text, name, found)
    return best
