"""The vocabulary figures are read with: units and their scale words, and the period phrases a
figure can be of. One place for words the figure, label and metadata readers all use."""

from __future__ import annotations

import re

SCALES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
BASE_UNIT_ALIASES = {"个百分点": "百分点", "台套": "台(套)", "吨标煤": "吨标准煤"}

MONEY_UNITS = ["美元", "欧元", "港元", "日元", "元"]
PERCENT_UNITS = ["个百分点", "百分点", "%", "‰"]
# Base units of rates: never added to one another, never a part of a sum
RATE_BASE_UNITS = ("%", "‰", "百分点")
# An average (人均可支配收入, 平均工资, 均价) is never a part of a sum: 城镇 and 农村居民人均收入 do not
# add up to all residents'
AVERAGE_WORDS = re.compile(r"人均|平均|均价|每人|户均")
COUNT_UNITS = [
    "台(套)",
    "台套",
    "人次",
    "台次",
    "场次",
    "辆次",
    "项次",
    "件次",
    "家次",
    "户次",
    "批次",
    "架次",
    "车次",
    "个",
    "家",
    "项",
    "台",
    "套",
    "条",
    "款",
    "支",
    "名",
    "人",
    "份",
    "次",
    "场",
    "座",
    "所",
    "件",
    "宗",
    "批",
    "部",
    "辆",
    "艘",
    "户",
    "只",
    "头",
    "张",
    "间",
    "栋",
    "幢",
    "处",
    "篇",
    "本",
    "册",
    "种",
    "类",
    "门",
    "株",
    "棵",
    "块",
    "枚",
    "颗",
    "道",
    "口",
    "根",
    "片",
    "组",
    "期",
    "轮",
    "单",
    "笔",
    "起",
    "例",
    "对",
    "所",
    "村",
    "镇",
]
MEASURE_UNITS = [
    "平方公里",
    "平方米",
    "立方米",
    "千瓦时",
    "万千瓦",
    "千瓦",
    "兆瓦",
    "公里",
    "千米",
    "公顷",
    "亩",
    "吨标准煤",  # energy, in tonnes of standard coal (吨标煤)
    "吨标煤",
    "吨",
    "标箱",
    "米",
    "倍",
    "天",
    "小时",
    "个月",
    "个工作日",
    "工作日",
    "微克/立方米",
    "分钟",
    "公斤",
    "千克",
    "毫克/升",
    "万千瓦时",
]
_ALL_UNITS = sorted(
    set(MONEY_UNITS + PERCENT_UNITS + COUNT_UNITS + MEASURE_UNITS), key=len, reverse=True
)
_UNIT_ALT = "|".join(re.escape(u) for u in _ALL_UNITS)

# What a unit can be "per" (万元/亩, 吨/天, 元/月): one rule for the figure pattern and the known units
# a rate per head per month or year (元/人月, 元/人·年) before per head alone
PER_UNITS = (
    "亩",
    "人",
    "平方米",
    "吨",
    "户",
    "个",
    "天",
    "日",
    "月",
    "年",
    "小时",
    "人次",
    "人月",
    "人年",
    "人·月",
    "人·年",
    # … or per month (year) per head, written with two slashes (元/月/人, 元/年/人)
    "月/人",
    "年/人",
    "人/月",
    "人/年",
)
_PER_ALT = "|".join(sorted(PER_UNITS, key=len, reverse=True))
KNOWN_BASE_UNITS = frozenset(
    ["%", "‰", "百分点"]
    + MONEY_UNITS
    + COUNT_UNITS
    + MEASURE_UNITS
    + [f"{u}/{d}" for u in MONEY_UNITS + COUNT_UNITS + MEASURE_UNITS for d in PER_UNITS]
)

PERIOD_PATTERN = re.compile(
    r"(\d{1,2}\s?[-—–－~至到]\s?\d{1,2}月(份)?|元至[一二三四五六七八九十]+月|"
    r"截至\d{1,2}月(末|底|份)?|截至\d{4}年\d{1,2}月(末|底)?|截至目前|"
    r"[一二三四1-4]季度|第[一二三四]季度|上半年|下半年|前三季度|全年(?!目标|计划|任务|预算)|年内|"
    r"(?<!\d)(19|20)\d{2}年(度)?)"
)
