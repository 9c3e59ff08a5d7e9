"""Words of the union press that jieba's general dictionary lacks or cuts wrongly."""

from __future__ import annotations

# Each becomes one word for segmentation: 数智化工会 is 数智化|工会, not 数|智|化工|会.
UNION_PRESS_WORDS: tuple[str, ...] = (
    "数智化", "工会驿站", "职工书屋", "劳模工匠", "助企行", "产改", "产业工人", "新就业形态",
    "劳动者港湾", "职工之家", "爱心驿站", "暖心驿站", "康乃馨", "集体协商", "劳模创新工作室",
    "工匠人才", "技能人才", "一线职工", "女职工", "困难职工", "帮扶中心", "送清凉", "送温暖",
    "娘家人", "主席办公会", "省总工会", "市总工会",
)
