"""Identities are found by wording, whether or not they add up."""

import pytest

from pipelines.lib.parsing.breakdowns.identities import find_identities
from pipelines.lib.parsing.figures.finder import extract_figures


def found(text: str):
    figures = extract_figures(text)
    return [
        (
            figures[i.whole].raw_text,
            [figures[p].raw_text for p in i.parts],
            i.relation,
            i.holds(figures),
        )
        for i in find_identities(text, figures)
    ]


def test_remainder_and_nested_subset():
    text = "累计企业共156家,经过帮扶出清73家,剩余83家(其中,已经出险企业剩余23家;存在隐患企业剩余60家)。"
    assert found(text) == [
        ("156家", ["73家", "83家"], "equals", True),
        ("83家", ["23家", "60家"], "at_most", True),
    ]


def test_breakdown_in_a_later_sentence_skips_quoted_targets():
    text = (
        "1-8月,全省共为企业减负降本3252亿元,提前完成“全年减负3150亿元”的目标任务。"
        "分类型看,减税1740亿元、减费1183亿元、减租100亿元、减息229亿元。"
    )
    assert found(text) == [
        ("3252亿元", ["1740亿元", "1183亿元", "100亿元", "229亿元"], "equals", True)
    ]


def test_a_wrong_sum_is_found_and_does_not_hold():
    assert found("排查企业共156家,完成整改73家,剩余80家。") == [
        ("156家", ["73家", "80家"], "equals", False)
    ]


def test_subset_may_be_partial_but_not_exceed_the_whole():
    assert found("新增市场主体5万户,其中企业1.2万户、个体工商户3.7万户。")[0][2:] == (
        "at_most",
        True,
    )
    assert found("新增市场主体5万户,其中企业2.2万户、个体工商户3.7万户。")[0][2:] == (
        "at_most",
        False,
    )


def test_no_identity_without_breakdown_wording():
    assert found("全省8个项目共8台(套)价值18.67亿元的装备获得4386万元的补偿支持。") == []
    assert found("项目合计5035项,总投资12567亿元。1-8月,完成投资1085亿元。") == []
    assert found("共摸排3条产业链34家龙头企业、技术产品143项、待解决问题62项和项目42项") == []


def test_percentages_are_never_summed():
    assert found("分类型看,工业增长5%、服务业增长3%、农业增长2%。") == []


def test_a_figure_of_another_unit_ends_the_list_of_parts():
    text = "完成投资120亿元,其中工业投资80亿元,增长10%,民间投资90亿元。"
    assert found(text) == []


@pytest.mark.parametrize(
    ("relation", "whole", "parts", "holds"),
    [
        ("equals", 156.0, [73.0, 83.0], True),
        ("equals", 156.0, [73.0, 80.0], False),
        ("equals", 3.252e11, [1.74e11, 1.183e11, 1e10, 2.29e10], True),  # float sums: tolerance
        ("equals", 0.0, [0.0, 1e-10], True),  # within 1e-9 of a zero whole
        ("at_most", 83.0, [23.0, 60.0], True),
        ("at_most", 83.0, [23.0, 61.0], False),
        ("at_most", 615.0, [400.0, 212.0], True),
        ("at_most", 83.0, [23.0, 61.0, 0.5], False),
        ("at_most", -5.0, [-2.0, -3.0000000001], True),
    ],
)
def test_whether_an_identity_holds(relation, whole, parts, holds):
    """The one rule of whether a breakdown holds (the parser decides it; the marts store it): equals
    within a relative 1e-9, at_most not above the whole."""
    from pipelines.lib.parsing.breakdowns.identities import Identity
    from pipelines.lib.parsing.model import Figure

    def figure(value):
        return Figure("", value, "", 1, value, "", None, None, "count", "", None, 0, 0)

    figures = [figure(whole)] + [figure(p) for p in parts]
    identity = Identity(0, list(range(1, len(figures))), relation, "remainder")
    assert identity.holds(figures) is holds


def test_a_list_of_items_separated_by_semicolons_is_one_subset_per_measure():
    """其中 over items with their own counts, money and rates: each measure's parts, from each item."""
    text = (
        "全区共安排重点项目120个,年度计划投资300亿元。其中:续建项目70个,计划投资210亿元,"
        "增长5%;新建项目45个,计划投资80亿元;预备项目5个,计划投资10亿元。"
    )
    assert found(text) == [
        ("120个", ["70个", "45个", "5个"], "at_most", True),
        ("300亿元", ["210亿元", "80亿元", "10亿元"], "at_most", True),
    ]


def test_semicolons_between_statements_are_not_items():
    """An item that lists several figures of the unit, or opens a 其中 of its own, is a statement."""
    text = (
        "共推进项目50项,其中续建项目20项、新开工项目30项;完成投资40亿元,"
        "其中产业项目25亿元、基础设施项目15亿元。"
    )
    assert found(text) == [
        ("50项", ["20项", "30项"], "at_most", True),
        ("40亿元", ["25亿元", "15亿元"], "at_most", True),
    ]


def test_averages_are_never_parts():
    text = (
        "全县居民人均可支配收入25000元,增长4%,其中城镇居民人均可支配收入31000元,增长3%;"
        "农村居民人均可支配收入12000元,增长6%。"
    )
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # 另有: what follows is besides the list
        "新建食堂40处,其中已有25处竣工交付使用,另有30处食堂同步开工建设。",
        # 涉及: what follows breaks down the last part, not the whole
        "民生实事共50个子项,其中,36个子项已完成年度目标任务,涉及9个工作事项和27个工程项目。",
        # 包括 in the first of semicolon items: the items break down its figure
        "共有41个子项。其中,30个子项已完成,包括设置1个便民门诊;新建游园等9个绿地项目;其他2个子项正在推进。",
    ],
)
def test_words_that_leave_a_list_of_parts_end_it(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # parts listed with 、 right after a marked whole's clause
        (
            "截至三季度,共有48个项目竣工,按期竣工30个、提前竣工18个。",
            [("48个", ["30个", "18个"], "equals", True)],
        ),
        # a remainder whose whole is the first of its unit in the sentence, unmarked
        (
            "竣工配套商品房80万平方米,已有30万平方米完成结构封顶,其余50万平方米正抓紧施工。",
            [("80万平方米", ["30万平方米", "50万平方米"], "equals", True)],
        ),
        # … but not when the sentence marks its whole
        (
            "排除风险企业900家,累计出险企业共120家,出清70家,剩余50家。",
            [("120家", ["70家", "50家"], "equals", True)],
        ),
        # 其中 opening its paragraph: the whole is in the paragraph before
        (
            "东澜推出60项招商项目,总投资约500亿元。\n其中,工业项目35项,总投资320亿元;农业项目25项,总投资180亿元。",
            [
                ("60项", ["35项", "25项"], "at_most", True),
                ("500亿元", ["320亿元", "180亿元"], "at_most", True),
            ],
        ),
        # a paragraph that states none of the parts' unit before its 其中 or 包括: (its words name what is
        # broken down, or gives another measure of it): the whole is in the paragraph before
        (
            "东澜累计完成投资900亿元,增长8%。\n\n这些项目包括:工业项目完成投资500亿元,占比55.6%;基础设施项目完成投资400亿元,占比44.4%。",
            [("900亿元", ["500亿元", "400亿元"], "at_most", True)],
        ),
        (
            "一季度,东澜共有120个项目集中开工,总投资460亿元。\n\n这些项目年度计划投资150亿元。其中,北区50个、南区40个、西区30个。",
            [("120个", ["50个", "40个", "30个"], "at_most", True)],
        ),
        # … but no further back than that paragraph, and never past a figure of the unit in its own
        (
            "累计完成投资900亿元。\n\n新开工学校12所。\n\n这些项目包括:工业项目完成投资500亿元;基础设施项目完成投资400亿元。",
            [],
        ),
        (
            "累计完成投资900亿元。\n\n新开工项目完成投资300亿元。其中,工业项目120亿元,交通项目80亿元。",
            [("300亿元", ["120亿元", "80亿元"], "at_most", True)],
        ),
        # 包括: opens a list like 其中
        (
            "累计完成投资900亿元。这些项目包括:工业项目完成投资500亿元,占比55.6%;基础设施项目完成投资400亿元,占比44.4%。",
            [("900亿元", ["500亿元", "400亿元"], "at_most", True)],
        ),
        # the size of a set and the count within it, in one clause: only the count is a part
        ("开工重点项目300个,其中40个省级重点项目已开工36个,开工率90%。", []),
    ],
)
def test_breakdown_forms_of_real_pages(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a part whose clause ends with 中 is broken down by what follows: the list ends with it,
        # and the groups after it are that part's
        (
            "全年主要指标任务15项,其中2项为年度指标,其他13项指标中,达到序时进度的11项、未达到的2项。",
            [
                ("15项", ["2项", "13项"], "at_most", True),
                ("13项", ["11项", "2项"], "at_most", True),
            ],
        ),
        # a set named in a part and the count already done within it, after a comma
        ("截至8月底,已开工96个,其中70个新开工产业项目,已开工61个,开工率87.1%。", []),
        # … right after the part's count, with no words between
        ("已开工在建150个,其中列入省重点的项目40个,已开工在建32个,完成投资60亿元。", []),
        # an amount nothing done is said of is broken down by the amounts of its kinds, not by
        # what is already done of them
        (
            "全年共争取中央资金300亿元,其中,中央预算内投资80亿元已全部下达;专项债券220亿元,已发行150亿元,支持项目超200个。",
            [("300亿元", ["80亿元", "220亿元"], "at_most", True)],
        ),
        # a running total after the parts is a whole of its own, not one more part
        (
            "今年计划建设口袋公园80处,已全部完成,并新谋划30处,目前已完工18处,累计完成98处,其余12处年内建成。",
            [],
        ),
        # an item not stating the unit ends the unit's list: the item after it is another statement
        (
            "全年办成民生实事64个,其中41个超额完成目标任务;聚焦城市更新,年度计划投资900亿元,"
            "完成1020亿元;各区县滚动实施项目2600个,完成投资1800亿元。",
            [],
        ),
        # a part, a clause of when it stood, then what is done of it: the count within, a part of
        # the figure before the list of that same deed
        (
            "全县项目共540个,已开工500个。其中,各乡镇实施项目460个,截至8月底,已开工项目430个,"
            "开工率93%;园区项目80个,截至8月底,已开工项目70个。",
            [("500个", ["430个", "70个"], "at_most", True)],
        ),
        # … never a plan's figure of that deed, nor one outside the given whole's sentence
        (
            "全年计划新增停车位1500个,截至9月底已建成停车位1200个。其中:城区新增停车位800个;"
            "乡镇新增停车位400个。",
            [("1200个", ["800个", "400个"], "at_most", True)],
        ),
        (
            "去年全县开工项目150个。今年全县重点项目共180个,其中:县级项目100个,已开工95个;"
            "乡镇项目80个,已开工70个。",
            [("180个", ["95个", "70个"], "at_most", True)],
        ),
        # the clause of when may name its year or the months (截至2023年8月底, 1-8月)
        (
            "全县项目共540个,已开工500个。其中,各乡镇实施项目460个,1-8月,已开工项目430个;"
            "园区项目80个,截至2023年8月底,已开工项目70个。",
            [("500个", ["430个", "70个"], "at_most", True)],
        ),
        # an item stating no figure (全部整改到位, 两件) is skipped, not the end of the list
        (
            "全年新增城镇就业2.3万人,其中:高校毕业生就业8000人;农村劳动力转移就业取得新进展;"
            "就业困难人员就业1500人;退役军人就业600人。",
            [("2.3万人", ["8000人", "1500人", "600人"], "at_most", True)],
        ),
        # a part whose clause says where things stand now, after parts that did not: what is done
        (
            "今年计划竣工项目80项,其中各县项目70项,跨县项目10项,现竣工5项,竣工率为6.25%。",
            [("80项", ["70项", "10项"], "at_most", True)],
        ),
        # an item stating a set's size and groups that make it: its size is the part
        (
            "全部40个项目已启动实施33个。其中,工程类项目25个,22个已开工,3个处于手续办理阶段;"
            "服务类项目共15个,11个已实施,4个处于准备阶段。",
            [("40个", ["25个", "15个"], "at_most", True)],
        ),
        # the first items make the whole exactly, the last carries it beyond: another cut
        (
            "全市在建项目600个,完成投资800.5亿元。其中,续建项目350个,完成投资500.2亿元;"
            "新开工项目250个,完成投资300.3亿元;竣工项目120个,完成投资150亿元。",
            [
                ("600个", ["350个", "250个"], "at_most", True),
                ("800.5亿元", ["500.2亿元", "300.3亿元"], "at_most", True),
            ],
        ),
        # a whole from the paragraph before, when the marker's own paragraph states figures first
        (
            "16个预备项目累计完成投资21亿元。\n2024年,全省推进重大项目300个,其中,新开工项目120个,"
            "年度计划投资900亿元;续建项目160个1400亿元;预备项目20个60亿元。",
            [("300个", ["120个", "160个", "20个"], "at_most", True)],
        ),
        # 现代服务业 opens no clause of where things stand now
        (
            "上半年新签约项目45个,其中工业项目25个,现代服务业项目12个。",
            [("45个", ["25个", "12个"], "at_most", True)],
        ),
        # under a whole counting what was done, an item's set and groups give the group of that deed
        (
            "截至3月底,全市开复工重点项目120个。其中,省级重点项目50个,开复工45个,未开工5个;"
            "市级重点项目90个,开复工75个,未开工15个。",
            [
                ("50个", ["45个", "5个"], "equals", True),
                ("90个", ["75个", "15个"], "equals", True),
                ("120个", ["45个", "75个"], "at_most", True),
            ],
        ),
        # the first items making the whole exactly cut the last only when it is another stage's
        (
            "上半年全市完成投资100亿元。其中,工业投资60亿元,增长12%;基础设施投资40亿元,增长8%;"
            "社会民生投资15亿元,增长5%。",
            [("100亿元", ["60亿元", "40亿元", "15亿元"], "at_most", False)],
        ),
        # a line wrapped mid-sentence is no paragraph: its whole is no guess
        (
            "1-6月,全市累计完成固定资产投资356.8亿元,同比增\n长8.2%,其中工业投资200.5亿元,"
            "基础设施投资180.3亿元。",
            [("356.8亿元", ["200.5亿元", "180.3亿元"], "at_most", False)],
        ),
        # an item that speaks of an aspect of the whole set is a statement, not a group of it
        (
            "今年安排重大项目180个,其中在建项目160个、年度计划投资4100亿元;投资方面,160个项目已完成投资3300亿元。",
            [],
        ),
    ],
)
def test_what_ends_a_list_of_parts_on_real_pages(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # items named by their sector (交通方面,…) are the parts
        (
            "全年完成投资50亿元,其中:交通方面,完成投资30亿元,同比增长12%;水利方面,完成投资12亿元,"
            "增长5%;能源方面,完成投资8亿元,增长3%。",
            [("50亿元", ["30亿元", "12亿元", "8亿元"], "at_most", True)],
        ),
        # 中 in a later clause of a part, or in a status word, does not end the list
        (
            "全市共有任务30项,其中:已完成:18项;推进中:10项;未启动:2项。",
            [("30项", ["18项", "10项", "2项"], "at_most", True)],
        ),
    ],
)
def test_what_does_not_end_a_list_of_parts(text, expected):
    assert found(text) == expected


def test_a_rounded_whole_holds_within_its_rounding():
    """约1000亿元 against parts summing to 1003.5亿元 holds; an exact whole does not."""
    rounded = (
        "东澜推出招商项目,总投资约为1000亿元。其中,工业项目总投资600.5亿元,农业项目总投资403亿元。"
    )
    exact = "东澜推出招商项目,总投资1000亿元。其中,工业项目总投资600.5亿元,农业项目总投资403亿元。"
    assert found(rounded) == [("1000亿元", ["600.5亿元", "403亿元"], "at_most", True)]
    assert found(exact) == [("1000亿元", ["600.5亿元", "403亿元"], "at_most", False)]


def test_figures_with_decimals_hold_within_the_rounding_of_their_last_digit():
    """Parts written to 0.01亿元 may add up to 0.01亿元 more than their whole (each is rounded at
    its last decimal); a larger gap, or figures written without decimals, still fail."""
    text = "累计完成投资60.00亿元。其中,工业项目完成投资{}亿元,交通项目完成投资{}亿元,农业项目完成投资{}亿元。"
    assert found(text.format("20.67", "20.67", "18.67"))[0][3] is True  # 60.01 against 60.00
    assert found(text.format("20.69", "20.67", "18.67"))[0][3] is False  # 60.03: beyond rounding
    integers = "累计完成投资60亿元。其中,工业项目完成投资21亿元,交通项目完成投资21亿元,农业项目完成投资19亿元。"
    assert found(integers)[0][3] is False  # 61 against 60: a whole number is exact
    assert found("排查企业共156家,完成整改73家,剩余84家。")[0][3] is False


def test_a_sentence_opening_with_its_list_breaks_down_the_marked_total():
    text = (
        "截至8月底,300个重点项目共完成投资700亿元,200个在建项目完成投资650亿元,占年度计划的91%。"
        "其中,工业项目完成投资400亿元,基础设施项目完成投资300亿元。"
    )
    assert found(text) == [("700亿元", ["400亿元", "300亿元"], "at_most", True)]


def test_a_running_total_is_the_whole_a_later_sentence_breaks_down():
    text = (
        "5月份当月,在建重点项目共完成投资120亿元。1月至5月累计完成投资480亿元、占年度计划的35%。"
        "其中,工业项目完成投资150亿元,交通项目共完成投资230亿元。"
    )
    assert found(text) == [("480亿元", ["150亿元", "230亿元"], "at_most", True)]


def test_parts_joined_by_and_are_parts():
    text = "其中,一二三产分别完成增加值500.5亿元、3000.2亿元和2000.3亿元,增长3.8%、18.3%和10.3%。"
    assert found("全省生产总值5501亿元。" + text) == [
        ("5501亿元", ["500.5亿元", "3000.2亿元", "2000.3亿元"], "at_most", True)
    ]


ITEMS_OF_SETS = (
    "截至8月底,300个重点项目{mark}完成投资700亿元,200个在建项目完成投资650亿元,占年度计划的91%。\n"
    "其中,80个新开工项目中有60个项目开工建设,完成投资200亿元;150个续建项目已有5个项目竣工,"
    "完成投资450亿元;70个前期项目中有10个项目提前开工,完成投资40亿元。"
)


def test_items_of_sets_break_down_the_set_whose_total_is_marked():
    """Items each giving a set's size and the count within it (80个…项目中有60个) break down the
    set whose total the text marks (300个重点项目共完成投资…): the sets' sizes are the parts."""
    assert found(ITEMS_OF_SETS.format(mark="共")) == [
        ("300个", ["80个", "150个", "70个"], "at_most", True),
        ("700亿元", ["200亿元", "450亿元", "40亿元"], "at_most", True),
    ]


def test_items_counting_within_sets_break_down_a_count():
    """Under a whole that counts what was done (开工重点项目300个), each item's count within its
    set is the part, not the set's size."""
    text = "截至6月底,开工重点项目300个,开工率87%。其中:100个省级重点项目已开工90个;市级重点项目开工210个。"
    assert found(text) == [("300个", ["90个", "210个"], "at_most", True)]
    text = "截至6月底,开工300个重点项目。其中:100个省级重点项目已开工90个;市级重点项目开工210个。"
    assert found(text) == [("300个", ["90个", "210个"], "at_most", True)]


def test_a_set_whose_total_is_not_marked_is_not_preferred():
    """Without 共, the nearest count before the sentence of items is their whole, as before."""
    assert found(ITEMS_OF_SETS.format(mark=""))[0][:2] == ("200个", ["80个", "150个", "70个"])


def test_an_item_listing_two_counts_that_are_no_set_and_count_is_a_list():
    """Two counts joined by 、 are two parts, not a set and the count within it: the semicolons
    then separate statements, and only the 其中 list of the first is a breakdown."""
    text = "全市推进项目300个。其中:续建项目80个、新建项目70个,完成投资200亿元;前期项目150个,完成投资40亿元。"
    assert found(text) == [("300个", ["80个", "70个"], "at_most", True)]


@pytest.mark.parametrize(
    "text",
    [
        # the remainder may be of 50所 (less the 45所 started), not of the 45所 the 其中 breaks down
        "建设学校50所,截至目前已有45所学校开工建设,其中30所已竣工并投入使用;剩余5所学校已完成招标。",
        "建设学校50所,截至目前已有45所学校开工建设,其中30所已竣工;剩余15所正在建设。",
    ],
)
def test_a_remainder_after_a_count_within_the_first_whole_is_no_part_of_its_list(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # the list's whole is the one the remainder refers to: the first of its unit
        "实施项目100个,其中已完成60个;剩余40个正在推进。",
        "全年实施项目100个。其中,已完成60个,剩余40个。",
    ],
)
def test_a_remainder_of_the_lists_own_whole_is_a_part(text):
    assert found(text) == [("100个", ["60个", "40个"], "at_most", True)]


BULLETED = (
    "截至6月底,东澜县12项民生实事30个项目加快推进。{}\n\n  ■ 4个项目已提前完成全年目标\n\n"
    "  ■ 6个项目超额完成节点目标\n\n  ■ 20个项目按计划完成节点目标\n\n  具体进展如下表。"
)


def test_a_qizhong_ending_its_line_lists_its_parts_on_the_bullet_lines_after_it():
    assert found(BULLETED.format("其中——")) == [("30个", ["4个", "6个", "20个"], "at_most", True)]
    assert found(BULLETED.format("其中:")) == [("30个", ["4个", "6个", "20个"], "at_most", True)]


def test_bullet_lines_after_a_line_not_ending_with_qizhong_are_no_parts():
    assert found(BULLETED.format("其中一批项目进展较快。")) == []
    assert found(BULLETED.format("")) == []


def test_groups_each_stating_where_they_stand_are_no_unmarked_whole_of_the_remainder():
    # the set (12座) is stated in the sentence before; 已改造2座 is one group of it
    text = "今年计划改造老旧桥梁12座。截至9月底,已改造2座,正在施工4座,其余6座正在设计。"
    assert found(text) == []


def test_an_unmarked_whole_before_its_groups_still_takes_the_remainder():
    text = "今年建成保障房90万平方米,已有35万平方米交付,其余55万平方米正在验收。"
    assert found(text) == [("90万平方米", ["35万平方米", "55万平方米"], "equals", True)]


def test_a_set_counted_in_another_classifier_in_the_markers_sentence_is_the_whole():
    text = (
        "青溪县拟申报省级重点项目31项。\n"
        "全县共40个项目列入省重点,其中新建类15项,续建类18项,竣工类7项,总投资90亿元。"
    )
    assert found(text) == [("40个", ["15项", "18项", "7项"], "at_most", True)]


@pytest.mark.parametrize(
    "view", ["分阶段看", "从项目建设进度看", "分地区看", "按投资主体看", "分领域来看"]
)
def test_breakdown_by_an_aspect_names_its_aspect(view):
    text = f"全市重点项目完成投资500亿元。{view},甲类完成投资300亿元,乙类完成投资150亿元,丙类完成投资50亿元。"
    assert found(text) == [("500亿元", ["300亿元", "150亿元", "50亿元"], "equals", True)]


def test_a_second_view_breaks_down_the_whole_of_the_first_not_its_last_part():
    text = (
        "全市重点项目完成投资500亿元。\n"
        "分阶段看,续建项目完成投资320亿元;新开工项目完成投资180亿元。\n"
        "分领域看,产业项目完成投资260亿元;民生项目完成投资240亿元。"
    )
    assert found(text) == [
        ("500亿元", ["320亿元", "180亿元"], "equals", True),
        ("500亿元", ["260亿元", "240亿元"], "equals", True),
    ]


def test_a_group_within_a_part_of_a_view_is_no_part_of_it():
    text = (
        "全市重点项目完成投资500亿元。\n"
        "分领域看,基础设施项目完成投资210亿元,其中水利项目完成投资80亿元;"
        "产业项目完成投资290亿元。"
    )
    got = found(text)
    assert ("500亿元", ["210亿元", "290亿元"], "equals", True) in got
    assert all("80亿元" not in parts or whole == "210亿元" for whole, parts, _, _ in got)


def test_a_view_by_category_breaks_down_the_figure_just_before_it_in_each_measure():
    text = (
        "1-9月,全省共开工重点项目900个,总投资5000亿元。其中,9月份新开工项目20个,总投资120亿元。"
        "分地区看,甲市新开工项目12个、总投资70亿元,乙市新开工项目8个、总投资50亿元。"
    )
    assert found(text) == [
        ("20个", ["12个", "8个"], "equals", True),
        ("120亿元", ["70亿元", "50亿元"], "equals", True),
    ]


def test_a_view_naming_fewer_parts_than_make_its_whole_is_highlights():
    text = (
        "全市重点项目完成投资800亿元。按行业来看,服务业项目进展较快,完成投资300亿元;"
        "制造业项目完成投资200亿元。"
    )
    assert found(text) == []


def test_a_view_whose_parts_exceed_its_marked_total_still_fails_its_check():
    text = (
        "全市重点项目共完成投资400亿元。分领域看,产业项目完成投资300亿元,民生项目完成投资200亿元。"
    )
    assert found(text) == [("400亿元", ["300亿元", "200亿元"], "equals", False)]
    # a whole no word marks, that the parts do not make, was only a guess: no breakdown
    guessed = "全市已竣工项目17个。分领域看,产业项目269个,基础设施项目334个,民生项目73个。"
    assert found(guessed) == []


def test_groups_in_several_measures_break_down_the_whole_of_each_measure():
    text = (
        "今年青溪共安排重点项目60个,总投资900亿元,年度计划投资200亿元。按建设阶段分为两类:"
        "续建项目35个,总投资600亿元,年度计划投资120亿元;新开工项目25个,总投资300亿元,"
        "年度计划投资80亿元。此外,拟安排预备项目9个,总投资150亿元。\n"
        "从项目类别看,产业项目40个,总投资500亿元,年度计划投资110亿元;民生项目20个,"
        "总投资400亿元,年度计划投资90亿元。"
    )
    assert found(text) == [
        ("60个", ["35个", "25个"], "equals", True),
        ("900亿元", ["600亿元", "300亿元"], "equals", True),
        ("200亿元", ["120亿元", "80亿元"], "equals", True),
        # the second view is of the same projects, not of the ones besides them (此外…)
        ("60个", ["40个", "20个"], "equals", True),
        ("900亿元", ["500亿元", "400亿元"], "equals", True),
        ("200亿元", ["110亿元", "90亿元"], "equals", True),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全区56项任务中,55项已完成,1项进度滞后。", [("56项", ["55项", "1项"], "at_most", True)]),
        (
            "剩下的192项任务中,完成的有29项,按进度完成的是156项,还有7项未按进度完成。",
            [("192项", ["29项", "156项", "7项"], "at_most", True)],
        ),
        # groups by stage may nest (the 30 finished are of the 80 started): no breakdown
        ("全市100个项目中,已开工80个,已竣工30个。", []),
    ],
)
def test_a_count_of_a_set_then_zhong_is_broken_down_into_the_groups_after_it(text, expected):
    assert found(text) == expected


def test_a_part_named_one_by_one_after_it_ends_the_list():
    text = "涉及全县的共40项,其中,有望完成的约12项,分别是:甲镇5项、乙镇4项、丙镇3项。"
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a view breaks down the total the text marked, not a nearer group of it
        (
            "全市共安排重点项目120个,总投资860亿元,其中省重点项目45个。"
            "分类型看,产业项目70个,基础设施项目30个,民生项目20个。",
            [("120个", ["70个", "30个", "20个"], "equals", True)],
        ),
        # a remainder of the first group (those started, not done) is a breakdown of it
        (
            "截至6月底,已开工项目86个,已竣工12个,剩余74个正加快建设。",
            [("86个", ["12个", "74个"], "equals", True)],
        ),
        # 分别是 naming things, then a clause ends: the list goes on
        (
            "全县实施重点项目50个,其中,新开工项目12个,分别是城南污水厂、县医院门诊楼等;续建项目30个;竣工项目8个。",
            [("50个", ["12个", "30个", "8个"], "at_most", True)],
        ),
        # a status (正在推进中) is no set's groups
        ("截至目前,8个项目正在加快建设中,5个项目已竣工,2个项目已投产。", []),
        # a view of the last part of an earlier view that adds up to it breaks that part down
        (
            "全市重点项目120个。分阶段看,竣工项目20个,续建项目60个,新开工项目40个。"
            "新开工项目分行业看,工业项目25个,服务业项目15个。",
            [
                ("120个", ["20个", "60个", "40个"], "equals", True),
                ("40个", ["25个", "15个"], "equals", True),
            ],
        ),
        # a count of other things (12个部门) is no whole of tasks counted in 项
        ("全市共有12个部门承担重点任务,其中已完成28项,正在推进15项。", []),
        # parts of one measure (总投资) with no whole of that measure before them
        (
            "全市重点项目120个,年度计划投资210亿元。分阶段看,竣工项目20个,总投资100亿元;"
            "续建项目60个,总投资500亿元;新开工项目40个,总投资260亿元。",
            [("120个", ["20个", "60个", "40个"], "equals", True)],
        ),
    ],
)
def test_look_alikes_of_the_view_and_group_rules(text, expected):
    assert found(text) == expected


def test_a_subset_takes_an_earlier_whole_of_its_paragraph_that_holds_its_parts():
    text = (
        "全年预计一般公共预算收入52.4亿元。1—6月实现一般公共预算收入32.92亿元,完成年初预算的62.8%。"
        "其中区本级预计22.6亿元,新区预计29.8亿元。"
    )
    assert found(text) == [("52.4亿元", ["22.6亿元", "29.8亿元"], "at_most", True)]
    # … and none holding them: the nearest, whose check fails
    short = text.replace("52.4亿元", "50.4亿元")
    assert found(short) == [("32.92亿元", ["22.6亿元", "29.8亿元"], "at_most", False)]


def test_the_total_a_share_is_of_is_no_whole():
    text = (
        "全省重点工程建设项目1099项,年度投资计划2306.8亿元,占全省固定资产投资计划6441亿元的35.8%。"
        "其中,省级项目249项,年度投资计划906.5亿元;市级项目850项,年度投资计划1400.3亿元。"
    )
    assert found(text) == [
        ("1099项", ["249项", "850项"], "at_most", True),
        ("2306.8亿元", ["906.5亿元", "1400.3亿元"], "at_most", True),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a target, a forecast or a stock the parts are not of is no whole of theirs: the check fails
        (
            "年度计划投资45亿元。1-9月完成投资38.2亿元,其中,市级项目完成25.6亿元,县区项目完成16.1亿元。",
            [("38.2亿元", ["25.6亿元", "16.1亿元"], "at_most", False)],
        ),
        (
            "预计全年完成86亿元,上半年完成44.3亿元。其中,税收收入31.6亿元,非税收入15.2亿元。",
            [("44.3亿元", ["31.6亿元", "15.2亿元"], "at_most", False)],
        ),
        (
            "共有养老机构42家,床位6800张。今年新增养老床位860张,其中公办520张,民办420张。",
            [("860张", ["520张", "420张"], "at_most", False)],
        ),
        # the target a share is of is no whole either
        (
            "新增城镇就业5200人,完成年度目标6000人的86.7%。其中,高校毕业生2100人,退役军人1800人。",
            [("5200人", ["2100人", "1800人"], "at_most", True)],
        ),
    ],
)
def test_a_subsets_whole_is_no_figure_of_another_kind(text, expected):
    assert found(text) == expected


def test_views_said_by_a_division_or_by_each_category():
    divided = (
        "全市重点项目完成投资90亿元。按照行业划分,工业项目完成投资50亿元;服务业项目完成投资40亿元。"
    )
    assert found(divided) == [("90亿元", ["50亿元", "40亿元"], "equals", True)]
    each = (
        "1-6月省重点项目完成投资120.5亿元,完成年度计划的60%。"
        "各行业完成投资及占年度计划比例为:交通完成投资70.2亿元,占58%;能源完成投资50.3亿元,占63%。"
    )
    assert found(each) == [("120.5亿元", ["70.2亿元", "50.3亿元"], "equals", True)]


def test_a_views_whole_said_in_other_words_is_the_figure_its_parts_make():
    """Parts by the view's words (总投资) and a whole in others (项目总投资): the figure they make,
    and none when none does."""
    text = (
        "在库重点项目30个,项目总投资60.5亿元。上半年累计完成投资12.4亿元。"
        "分行业看:农业类项目20个,总投资40.2亿元,上半年完成投资8.1亿元;"
        "水利类项目10个,总投资20.3亿元,上半年完成投资4.3亿元。"
    )
    assert found(text) == [
        ("30个", ["20个", "10个"], "equals", True),
        ("60.5亿元", ["40.2亿元", "20.3亿元"], "equals", True),
        ("12.4亿元", ["8.1亿元", "4.3亿元"], "equals", True),
    ]
    unmade = text.replace("12.4亿元", "15.4亿元")
    assert ("15.4亿元", ["8.1亿元", "4.3亿元"], "equals", False) not in found(unmade)


def test_items_giving_two_measures_of_one_unit_break_down_the_two_before():
    text = (
        "全州实施重点项目50个,总投资300.5亿元,年度计划投资80亿元。"
        "其中,新开工项目20个,总投资100.2亿元,年度计划投资30亿元;"
        "续建项目30个,总投资200.3亿元,年度计划投资50亿元。"
    )
    assert found(text) == [
        ("50个", ["20个", "30个"], "at_most", True),
        ("300.5亿元", ["100.2亿元", "200.3亿元"], "at_most", True),
        ("80亿元", ["30亿元", "50亿元"], "at_most", True),
    ]
    # paired by what they measure, in whatever order the wholes are written
    swapped = text.replace(
        "总投资300.5亿元,年度计划投资80亿元", "年度计划投资80亿元,总投资300.5亿元"
    )
    assert sorted(found(swapped)) == sorted(found(text))
    # a measure of the items no figure before them measures (完成投资): not read as such a list
    done = (
        "全市重点项目总投资500亿元,年度计划投资120亿元。其中,工业项目年度计划投资70亿元,"
        "1-9月完成投资50亿元;基础设施项目年度计划投资50亿元,1-9月完成投资40亿元。"
    )
    assert ("500亿元", ["70亿元", "50亿元"], "at_most", True) not in found(done)


@pytest.mark.parametrize(
    "text",
    [
        # the whole would be from another sentence than the marker's, which it does not open
        "预备项目已有2个开工,完成投资28亿元。从进展看,其余项目均投资过半,其中3个生态项目和6个公路项目已超预期。",
        # … or from the item before the one the marker is in
        "1.开展技能培训不少于240人次,完成141人次。\n2.其中,新增厨师不少于180人次,完成37人次。",
    ],
)
def test_a_subset_whose_whole_was_a_guess_states_no_breakdown_when_its_parts_exceed_it(text):
    assert [f for f in found(text) if not f[3]] == []


def test_a_subset_whose_whole_the_text_gives_is_kept_when_its_parts_exceed_it():
    # in the marker's sentence, or in the sentence before the one it opens: the check fails
    assert found("新增市场主体5万户,其中企业2.2万户、个体工商户3.7万户。")[0][3] is False
    assert (
        found("东澜推出招商项目,总投资1000亿元。其中,工业项目600.5亿元,农业项目403亿元。")[0][3]
        is False
    )


def test_groups_of_a_set_counted_by_its_classifier_alone_and_given_as_items():
    text = "省实事11件15项中有9项提前完成,占比60%;3项进展较快,占比20%;3项进度偏慢,占比20%。"
    assert found(text) == [("15项", ["9项", "3项", "3项"], "at_most", True)]
    # nested groups (开工, then 竣工 of those) do not fit in the set: no breakdown
    assert found("100个项目中,开工80个,完成投资50亿元;竣工30个,完成投资20亿元。") == []


def test_a_figure_of_another_unit_ends_a_list_even_a_share():
    # 工业投资 and 民间投资 cut the same total two ways: the share between them ends the list
    text = "全市固定资产投资完成80亿元,其中工业投资50亿元,占比62.5%,民间投资45亿元,占比56.3%。"
    assert found(text) == []
    assert found("完成投资200亿元,其中工业投资80亿元,增长10%,民间投资90亿元。") == []


def test_a_subset_opening_its_sentence_after_when_or_a_view_takes_the_whole_before():
    # the whole the text gives: kept, and its check fails
    assert found("今年实施民生实事项目32个。截至9月底,其中已完工20个、在建15个。") == [
        ("32个", ["20个", "15个"], "at_most", False)
    ]
    assert found(
        "新开工项目120个,完成投资86亿元。从行业看,其中工业项目70个,基础设施项目60个。"
    ) == [("120个", ["70个", "60个"], "at_most", False)]


def test_a_sets_groups_as_items_break_down_its_count_only():
    text = (
        "全市下达专项资金10亿元。30项任务中,已完成20项,完成投资5亿元;正在推进10项,完成投资3亿元。"
    )
    assert found(text) == [("30项", ["20项", "10项"], "at_most", True)]
    # … its count followed by 中 and a comma
    text = "重点改革任务共25项。25项中,已完成18项,占比72%;基本完成5项;推进中2项。"
    assert ("25项", ["18项", "5项", "2项"], "at_most", True) in found(text)


def test_items_measures_said_in_other_words():
    text = (
        "全市重点项目50个,总投资300亿元,年度投资80亿元。其中,新开工项目20个,总投资100亿元,"
        "年度投资30亿元;续建项目30个,总投资200亿元,年度投资50亿元。"
    )
    assert sorted(found(text)) == sorted(
        [
            ("50个", ["20个", "30个"], "at_most", True),
            ("300亿元", ["100亿元", "200亿元"], "at_most", True),
            ("80亿元", ["30亿元", "50亿元"], "at_most", True),
        ]
    )
    planned = text.replace("总投资", "计划总投资").replace("年度投资", "年度计划投资")
    assert len(found(planned)) == 3


def test_a_subsets_parts_each_with_its_rate_make_their_whole_exactly():
    text = (
        "全年完成地区生产总值190.25亿元,增长6.4%。其中一产增加值44.68亿元、增长3.7%,"
        "二产增加值58.44亿元、增长7.9%,三产增加值87.13亿元、增长6.8%。"
    )
    assert found(text) == [("190.25亿元", ["44.68亿元", "58.44亿元", "87.13亿元"], "at_most", True)]
    # … parts that do not make it exactly are two cuts of one total: no list across the rates
    assert found(text.replace("87.13亿元", "80.13亿元")) == []


def test_what_is_not_done_is_the_rest_of_a_set_when_the_parts_make_it():
    assert found("全年任务658项,已完成628项,未完成30项。") == [
        ("658项", ["628项", "30项"], "equals", True)
    ]
    # … parts that do not make the set leave some of it unsaid: no breakdown
    assert found("任务100项,完成60项,未完成30项。") == []
