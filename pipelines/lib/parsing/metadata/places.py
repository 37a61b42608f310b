"""Places as titles and sources name them."""

from __future__ import annotations

# Provinces and the like by the short names titles give them (河北:…, 宁夏…): their governments
PROVINCES = {
    **{name: name + "市" for name in ("北京", "天津", "上海", "重庆")},
    **{
        name: name + "省"
        for name in (
            "河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 "
            "四川 贵州 云南 陕西 甘肃 青海 台湾"
        ).split()
    },
    "内蒙古": "内蒙古自治区",
    "广西": "广西壮族自治区",
    "西藏": "西藏自治区",
    "宁夏": "宁夏回族自治区",
    "新疆": "新疆维吾尔自治区",
}

# A place at the start of a headline: a name with its suffix (鄂尔多斯市, 渝中区), or a province by
# its short name (河北, 宁夏)
PLACE_PREFIX = (
    r"(?:[\u4e00-\u9fff]{1,8}?(?:自治区|自治州|省|市|县|区|州|盟|旗)|"
    + "|".join(sorted(PROVINCES, key=len, reverse=True))
    + ")"
)
