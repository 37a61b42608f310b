"""Figure extraction: what is a figure, and what it means."""

import pytest

from pipelines.lib.parsing.figures.finder import extract_figures


def one(text: str):
    figures = extract_figures(text)
    assert len(figures) == 1, [f.raw_text for f in figures]
    return figures[0]


@pytest.mark.parametrize(
    ("text", "raw", "base_value", "base_unit", "unit"),
    [
        ("累计建成交付5G基站超过5.4万个", "5.4万个", 54000, "个", "万个"),
        ("全年为企业减负2700亿元", "2700亿元", 2.7e11, "元", "亿元"),
        ("下达补助资金4933万元", "4933万元", 49330000, "元", "万元"),
        ("连接4000多万台工业设备", "4000多万台", 4e7, "台", "万台"),
        ("形成技术指标160余条", "160余条", 160, "条", "条"),
        ("高出规模以上工业10.9个百分点", "10.9个百分点", 10.9, "百分点", "个百分点"),
        ("亩均增加值83.2万元/亩", "83.2万元/亩", 832000, "元/亩", "万元/亩"),
        ("共8台(套)装备", "8台(套)", 8, "台(套)", "台(套)"),
        ("出动检查人员206人次", "206人次", 206, "人次", "人次"),
        ("进行2批次预警", "2批次", 2, "批次", "批次"),
        ("引进外资3.5亿美元", "3.5亿美元", 3.5e8, "美元", "亿美元"),
        ("社会消费品零售总额1.2万亿元", "1.2万亿元", 1.2e12, "元", "万亿元"),
        ("新增1,250家", "1,250家", 1250, "家", "家"),
        ("办理时限压缩至30分钟", "30分钟", 30, "分钟", "分钟"),
        ("开展执法检查1200台次", "1200台次", 1200, "台次", "台次"),
        ("全年举办招聘会56场次", "56场次", 56, "场次", "场次"),
    ],
)
def test_values_units_and_scales(text, raw, base_value, base_unit, unit):
    f = one(text)
    assert (f.raw_text, f.base_value, f.base_unit, f.unit) == (raw, base_value, base_unit, unit)
    assert text[f.char_start : f.char_end] == raw


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("建成基站超过5.4万个", "more_than"),
        ("服务10万家以上工业企业", "more_than"),
        ("力争突破10万台", "more_than"),
        ("线上线下约7万人参会", "approx"),
        ("增长7%左右", "approx"),
        ("失业率控制在3%以内", "less_than"),
        ("不到20家", "less_than"),
        ("审核认定95个小微园", None),
    ],
)
def test_qualifiers(text, qualifier):
    assert one(text).qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("规上工业增加值同比增长12.7%", "increase"),
        ("增加值同比下降1.9%", "decrease"),
        ("降幅较一季度收窄12.7个百分点", "decrease"),
        ("新增小微企业园200个", "increase"),
        ("完成增加值500亿元", None),
        ("排除风险企业1528家", None),
    ],
)
def test_direction(text, direction):
    assert one(text).direction == direction


@pytest.mark.parametrize(
    "text",
    [
        "召开2020年第1次全体会议",
        "(浙经信技术〔2020〕91号)",
        "实施传统制造业改造提升2.0版",
        "加快推进“1+N”工业互联网平台",
        "构建“415”先进制造业集群体系",
        "争取到24届中国国际软件博览会",
        "1-8月份,9月底完成",
        "居全省第3位",
        "印发《关于加快发展的10条意见》",
        "建设5G网络",
        "完成xx家,增长X.X%",
        "打造10亿级产业集群",
        "提供7×24小时服务",
        "创建5A级景区",
    ],
)
def test_not_figures(text):
    assert extract_figures(text) == []


def test_percent_kinds():
    fs = extract_figures("收入完成86.2亿元,完成年初预算的27.5%,同比增长5%,高于全省0.8个百分点")
    assert [f.metric_kind for f in fs] == ["amount", "completion_ratio", "percent", "pct_point"]


def test_period_phrase_applies_until_the_paragraph_ends():
    text = "1-8月,全省减负3252亿元,提前完成“全年减负3150亿元”的目标。分类型看,减税1740亿元。\n截至8月末,成本为82.98元"
    periods = {f.raw_text: f.period_label for f in extract_figures(text)}
    assert periods == {
        "3252亿元": "1-8月",
        "3150亿元": "全年",
        "1740亿元": "1-8月",
        "82.98元": "截至8月末",
    }


def test_comparison_base_is_not_a_period():
    (_, f) = extract_figures("1-8月份增加值同比下降1.9%、降幅较一季度收窄12.7个百分点")
    assert f.period_label == "1-8月份"


def test_labels_name_what_is_measured():
    labels = [f.label for f in extract_figures("排除风险企业1528家,下达4.4亿元省级财政专项资金")]
    assert labels == ["排除风险企业", "下达省级财政专项资金"]


def test_a_count_label_takes_the_noun_after_its_classifier():
    text = "审议通过5个政策文件;完成第一批95个小微园审核认定,新增企业120家以上,共建成3个中心和2个站点。"
    labels = [f.label for f in extract_figures(text)]
    assert labels[:3] == ["审议通过政策文件", "完成第一批小微园审核认定", "新增企业"]
    # no stray brackets or qualifiers in a label
    labels = [
        f.label
        for f in extract_figures(
            "公示创建名单(共102家)。服务超10万家工业企业。新引进芯片生产(嘉善、100亿)等重大项目。"
        )
    ]
    assert labels == ["公示创建名单", "服务工业企业", "重大项目"]
    # after a verb of inclusion, what is counted is the noun after the count, not the verb
    (f,) = extract_figures("开发建设了包含17项指标浙江省防范化解企业重大风险数字化平台。")
    assert f.label == "指标"


def test_each_item_of_a_list_has_its_own_subject():
    text = (
        "城镇和农村居民人均可支配收入分别为13650元、6120元,分别增长4.9%、6.8%;"
        "装备制造、食品加工、新材料三大主导产业产值分别增长12.3%、8.6%、15.1%。"
    )
    assert [f.label for f in extract_figures(text)] == [
        "城镇居民人均可支配收入",
        "农村居民人均可支配收入",
        "城镇居民人均可支配收入增长",
        "农村居民人均可支配收入增长",
        "装备制造产业产值增长",
        "食品加工产业产值增长",
        "新材料产业产值增长",
    ]
    text = "新增规上工业企业23家、专精特新企业9家,分别完成年度目标的57.5%、60%。"
    ratios = [f for f in extract_figures(text) if f.unit == "%"]
    assert [(f.label, f.metric_kind) for f in ratios] == [
        ("新增规上工业企业完成年度目标", "completion_ratio"),
        ("专精特新企业完成年度目标", "completion_ratio"),
    ]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("| 1 | 全市新增就业1.2万人 |", "新增就业"),
        ("(一)地区生产总值增长6.1%", "地区生产总值增长"),
        ("规模以上工业增加值同比增长7.9%", "规模以上工业增加值增长"),
        ("“一网通办”比例达到76.5%,较一季度提高1.8个百分点", "“一网通办”比例提高"),
        ("有效发明专利达到1200件", "有效发明专利"),
        ("新建5G基站300个,6月底前建成150个", "建成"),
        ("完成投资236.5亿元,占年计划的56.3%", "完成投资占年计划"),
    ],
)
def test_a_label_is_the_measure_s_name(text, label):
    assert extract_figures(text)[-1].label == label


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("引进项目不少于3个", "at_least"),
        ("综合能耗不高于5%", "at_most"),
        ("新建学校至少3所", "at_least"),
    ],
)
def test_at_least_and_at_most(text, qualifier):
    assert extract_figures(text)[-1].qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("同比增长-17.5%", [("-17.5%", -17.5)]),
        ("增长5-8%", [("5", 5.0), ("8%", 8.0)]),
        ("增长5%-8%", [("5%", 5.0), ("8%", 8.0)]),
        ("新增3-5万人", [("3", 30000.0), ("5万人", 50000.0)]),
        ("1-8月,新增企业12家", [("12家", 12.0)]),
        ("发布日期:2021-07-23", []),
    ],
)
def test_ranges_and_negative_figures(text, figures):
    assert [(f.raw_text, f.base_value) for f in extract_figures(text)] == figures


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a list of percentage points writes the unit once, after its last item
        (
            "两项指标分别高出目标12.5个、3.8个百分点",
            [("12.5个", "百分点"), ("3.8个百分点", "百分点")],
        ),
        (
            "增幅比一季度和上半年分别提高2.1和0.6个百分点",
            [("2.1", "百分点"), ("0.6个百分点", "百分点")],
        ),
        (
            "分别快4.2、3.1和2.6个百分点",
            [("4.2", "百分点"), ("3.1", "百分点"), ("2.6个百分点", "百分点")],
        ),
        # counts that merely precede a percentage point of another clause keep their unit
        ("建成3个、改造5个百分点", [("3个", "个"), ("5个百分点", "百分点")]),
        # 前8个月 is a period, not a duration; a capacity in a project's name is part of the name
        ("今年前8个月,重点项目完成投资870亿元", [("870亿元", "元")]),
        ("东澜年产30000吨新材料项目开工,全年产钢材20万吨", [("20万吨", "吨")]),
        (
            "东澜公司年产精密铸件8000吨生产线项目、青溪电力60兆瓦光伏发电项目等12个项目建成",
            [("12个", "个")],
        ),
        ("新增装机容量30万千瓦,实施80个项目", [("30万千瓦", "千瓦"), ("80个", "个")]),
        # … a name ending with what the project is: 生产线, 工程, 机组, …发电
        ("东澜公司200万吨石英砂制备生产线建成,青溪镁业年产10万吨镁合金工程投产", []),
        ("东澜电厂2台66万千瓦超临界燃煤发电机组投产", [("2台", "台")]),
        ("东澜能源300万千瓦光伏复合发电等3个项目开工", [("3个", "个")]),
        # … but what is done with a plant is no name (并网发电, 用于焚烧发电, 保障电厂运行), nor 年产值
        ("新增光伏装机60万千瓦全部并网发电", [("60万千瓦", "千瓦")]),
        ("清运生活垃圾3.6万吨用于焚烧发电", [("3.6万吨", "吨")]),
        ("实现年产值5.6亿元带动种植基地农户2000户增收", [("5.6亿元", "元"), ("2000户", "户")]),
        # a rate per head per month or per year
        (
            "低保标准提高到735元/人月,供养标准18200元/人年",
            [("735元/人月", "元/人月"), ("18200元/人年", "元/人年")],
        ),
    ],
)
def test_figure_forms_of_real_pages(text, found):
    assert [(f.raw_text, f.base_unit) for f in extract_figures(text)] == found


def test_a_scale_word_and_its_unit_a_space_apart_are_one_figure():
    found = [
        (f.raw_text, f.base_value, f.base_unit)
        for f in extract_figures("新增立体绿化32.06万 平方米。")
    ]
    assert found == [("32.06万 平方米", 320600.0, "平方米")]
    # with no unit after the space, the space is not the figure's
    assert [f.raw_text for f in extract_figures("惠及5万 群众,其中农村3万人")] == ["3万人"]


def test_energy_in_tonnes_of_standard_coal():
    found = [
        (f.raw_text, f.base_value, f.base_unit)
        for f in extract_figures("综合能源消费量126.4万吨标准煤,节能3.1万吨标煤")
    ]
    assert found == [
        ("126.4万吨标准煤", 1264000.0, "吨标准煤"),
        ("3.1万吨标煤", 31000.0, "吨标准煤"),
    ]


def test_a_unit_per_month_per_head_written_with_two_slashes():
    found = [
        (f.raw_text, f.base_value, f.base_unit)
        for f in extract_figures("补贴标准提高到75元/月/人,低保标准4100元/年/人")
    ]
    assert found == [("75元/月/人", 75.0, "元/月/人"), ("4100元/年/人", 4100.0, "元/年/人")]


def test_a_column_s_unit_per_something_stays_in_its_figures():
    from pipelines.lib.parsing.figures.finder import column_figure, unit_of_header

    assert unit_of_header("元/月/人") == "元/月/人" and unit_of_header("万元/亩") == "万元/亩"
    f = column_figure("2.5", 0, 3, "亩均投资", "万元/亩")
    assert (f.base_value, f.base_unit) == (25000.0, "元/亩")


@pytest.mark.parametrize(
    ("text", "raws"),
    [
        # a service circle named by its radius in minutes is a name
        ("打造15分钟便民生活圈,新建服务站点12个。", ["12个"]),
        ("建成15 分钟就业服务圈3个。", ["3个"]),
        # … a duration is a figure
        ("急救反应时间缩短到15分钟以内。", ["15分钟"]),
        # a rank among others is no quantity; people counted are
        ("3项指标排名进入全省前3名,培训学员300名。", ["3项", "300名"]),
        # … 目前 and 春节前 are no ranks
        ("项目现场目前200名工人正在施工,春节前300名农民工已返岗。", ["200名", "300名"]),
        # a time that brings a place into a circle is a figure
        ("通勤时间缩短至30分钟融入省会同城生活圈。", ["30分钟"]),
    ],
)
def test_names_and_ranks_that_look_like_figures(text, raws):
    assert [f.raw_text for f in extract_figures(text)] == raws
