"""Bulletins written as numbered prose: which paragraphs are tasks, which sentences are targets."""

import pytest

from pipelines.lib.parsing import RejectedFile, parse_bytes

HEAD = "青山市2021年重点工作上半年完成情况通报\n发布日期:2021-07-20\n现将有关情况通报如下:\n"


def parse(text: str):
    return parse_bytes((HEAD + text).encode())


def figures(b, seq, section=None):
    return [
        f.figure.raw_text
        for f in b.figures
        if f.task_seq == seq and (section is None or f.section == section)
    ]


def test_innermost_numbered_paragraphs_are_tasks_under_their_headings():
    b = parse(
        "一、主要指标\n"
        "(一)地区生产总值\n上半年增长6.1%(目标6%左右)。\n"
        "(二)其他指标\n"
        "1.新建学校3所。上半年,已开工2所。\n"
        "2.全年新增就业1.5万人。上半年,新增就业8200人,完成年度目标的54.7%。\n"
        "二、重点工作\n"
        "(一)项目建设。目标:完成投资80亿元。上半年完成投资43.2亿元,同比增长9.1%。\n"
    )
    assert b.layout == "prose" and b.kind == "progress"
    assert [t.seq for t in b.tasks] == [1, 2, 3, 4]
    assert [t.group_label for t in b.tasks] == [
        "一、主要指标",
        "(二)其他指标",
        "(二)其他指标",
        "二、重点工作",
    ]
    # a measure's target and its progress stay in one task, marked as such
    assert figures(b, 1, "task") == ["6%"] and figures(b, 1, "progress") == ["6.1%"]
    assert figures(b, 2, "task") == ["3所"] and figures(b, 2, "progress") == ["2所"]
    assert figures(b, 3, "task") == ["1.5万人"]
    assert figures(b, 3, "progress") == ["8200人", "54.7%"]
    assert figures(b, 4, "task") == ["80亿元"]
    assert figures(b, 4, "progress") == ["43.2亿元", "9.1%"]
    assert b.tasks[3].text == "项目建设。目标:完成投资80亿元。"


def test_a_headline_paragraph_and_a_tally_before_the_sections_are_tasks_of_their_own():
    b = parse(
        "上半年,全市地区生产总值增长6.1%,固定资产投资增长9.3%。\n"
        "全年85项目标任务中,已完成12项;欠进度的有17个,占总任务的7.7%。\n"
        "一、重点项目\n1.新建学校3所。上半年,已开工2所。\n"
    )
    assert [t.seq for t in b.tasks] == [1, 2]
    assert figures(b, 1) == ["6.1%", "9.3%", "85项", "12项", "17个", "7.7%"]
    assert b.tasks[0].group_label is None


def test_inline_numbering_splits_a_task_into_items_and_own_line_numbering_into_tasks():
    b = parse(
        "一、工业经济\n"
        "一季度,一是规上工业增加值增长8.1%;二是工业投资增长12.3%;三是新增规上企业9家。\n"
        "二、民生保障\n"
        "一是新增城镇就业3100人。\n二是新建养老服务中心4个。\n"
    )
    assert [t.seq for t in b.tasks] == [1, 2, 3]
    assert [i.item_no for i in b.tasks[0].items] == [None, 1, 2, 3]
    assert figures(b, 2) == ["3100人"] and figures(b, 3) == ["4个"]
    assert b.tasks[2].group_label == "二、民生保障"


def test_a_heading_that_states_figures_is_a_task_and_its_children_too():
    b = parse("一、重点工作共86项,已完成21项。\n1.新建学校3所。上半年,已开工2所。\n")
    assert [figures(b, t.seq) for t in b.tasks] == [["86项", "21项"], ["3所", "2所"]]


def test_prose_without_numbering_is_one_task_and_its_page_chrome_is_not():
    b = parse_bytes(
        (
            "当前位置:首页 > 政务公开 > 重点项目\n"
            "青山市2021年重点项目1-6月投资完成情况\n"
            "发布日期:2021-07-20 浏览次数:3456\n"
            "全市重点项目完成投资236.8亿元,占年度计划的56.4%。\n"
            "上一篇:青山市一季度新增就业1.2万人\n"
        ).encode()
    )
    assert len(b.tasks) == 1
    assert [f.figure.raw_text for f in b.figures] == ["236.8亿元", "56.4%"]


def test_a_bulletin_without_figures_loads_its_tasks():
    b = parse("一、总体情况\n1.农村道路畅通工程进度相对较慢。\n2.饮水安全工程按序时推进。\n")
    assert [t.seq for t in b.tasks] == [1, 2] and b.figures == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "关于举办创业大赛的通知\n设一等奖3名、二等奖6名。\n",
            "does not read as a progress bulletin",
        ),
        (
            "2021年上半年重点工作情况汇报\n完成x项,占xx%;新增XX个,新增xx家。\n",
            "a template, not a bulletin",
        ),
    ],
)
def test_what_is_not_a_bulletin_is_rejected_with_its_reason(text, reason):
    with pytest.raises(RejectedFile) as err:
        parse_bytes(text.encode())
    assert reason in err.value.reason


def test_text_before_a_table_that_states_figures_is_task_zero():
    b = parse_bytes(
        (
            "2022年重点工作一季度推进情况\n"
            "45项重点工作中,已完成12项,序时推进30项,滞后3项。\n"
            "| 序号 | 工作任务 | 推进情况 |\n"
            "| 1 | 新建学校3所。 | 已开工2所。 |\n"
            "| 2 | 新增就业1万人。 | 新增就业4200人。 |\n"
            "| 3 | 改造小区20个。 | 已开工12个。 |\n"
        ).encode()
    )
    assert b.layout == "table"
    assert [t.seq for t in b.tasks] == [0, 1, 2, 3]
    assert figures(b, 0) == ["45项", "12项", "30项", "3项"]


def test_a_number_alone_on_its_line_numbers_the_line_after_it():
    """A list dumped one cell per line: "1" / "新建…", "2" / "改造…" are numbered tasks."""
    text = (
        "【通报】青溪县2023年民生实事全面完成\n\n"
        "截至12月底,县政府安排的5件民生实事已全部完成。\n\n"
        "1\n\n新建 3所 幼儿园,为计划的100%。\n\n"
        "2\n\n改造 12个 老旧小区,为计划的120%。\n\n"
        "3\n\n新增 450张 养老床位,为计划的112.5%。\n"
    )
    b = parse_bytes(text.encode("utf-8"))
    assert b.title == "青溪县2023年民生实事全面完成"  # (a column's tag is no part of it)
    by_task = {}
    for f in b.figures:
        by_task.setdefault(f.task_seq, []).append(f.figure.raw_text)
    assert list(by_task.values()) == [
        ["5件"],
        ["3所", "100%"],
        ["12个", "120%"],
        ["450张", "112.5%"],
    ]


def test_a_news_page_s_dateline_masthead_and_share_bar_are_not_its_text():
    """A repost: the paper's name, a dateline with its source, a share bar, then the text."""
    text = (
        "首页>要闻>民生\n\n"
        "东澜市:重点民生项目超额完成年度计划\n\n"
        "2023年12月20日 09:41  |  来源:东澜日报\n"
        "分享到:\n\n"
        "东澜晚报\n"
        "【PDF版】\n"
        "截至11月底,全市重点民生项目累计完成投资86亿元,为年计划的104.2%。\n"
        "其中,教育项目完成投资21亿元,卫生项目完成投资12亿元。\n"
        "责任编辑:林远\n"
    )
    b = parse_bytes(text.encode("utf-8"))
    assert b.title == "东澜市:重点民生项目超额完成年度计划"
    assert [f.figure.raw_text for f in b.figures] == ["86亿元", "104.2%", "21亿元", "12亿元"]


def test_numbered_items_with_their_progress_and_a_source_line_at_the_end():
    """No title, numbered items that each report against the plan (占计划的…), 摘自… at the end."""
    text = (
        "(1)新建社区食堂12个,已完成5个。\n"
        "(2)新增就业岗位8万个,已完成3.9万个,占计划的48.8%。\n"
        "摘自东澜市门户网站\n"
    )
    b = parse_bytes(text.encode("utf-8"), "dongla_shishi.txt")
    assert b.title == "dongla_shishi"  # named by its file: the source line is no title
    assert [t.seq for t in b.tasks] == [1, 2]
    assert [f.figure.raw_text for f in b.figures] == ["12个", "5个", "8万个", "3.9万个", "48.8%"]


def test_bullet_lines_after_a_line_ending_with_qizhong_are_its_parts_not_tasks():
    """其中—— ending a line lists its parts on the bullet lines after it: one paragraph, one task,
    and one breakdown (30个 ⊇ 4个 + 6个 + 20个)."""
    text = (
        "东澜县民生实事最新进展\n\n"
        "截至6月底,东澜县12项民生实事30个项目加快推进。其中——\n\n"
        "  ■ 4个项目已提前完成全年目标\n\n"
        "  ■ 6个项目超额完成节点目标\n\n"
        "  ■ 20个项目按计划完成节点目标\n"
    )
    b = parse_bytes(text.encode("utf-8"))
    assert len(b.tasks) == 1
    assert [
        (b.figures[i.whole].figure.raw_text, [b.figures[p].figure.raw_text for p in i.parts])
        for i in b.identities
    ] == [("30个", ["4个", "6个", "20个"])]
    # without 其中 ending the line above them, bullet lines are paragraphs of their own
    plain = parse_bytes(text.replace("其中——", "").encode("utf-8"))
    assert len(plain.tasks) == 4
    assert plain.identities == []


def test_bulleted_paragraphs_are_numbered_in_order():
    text = (
        "东澜市一季度重点民生实事进展顺利\n\n"
        "今年一季度,东澜市8件重点民生实事进展顺利。\n\n"
        "●老旧小区改造方面:开工改造老旧小区42个,占年度目标的35%。\n\n"
        "●农村电网升级方面:完成改造台区120个。\n\n"
        "●托育服务方面:新增托位860个。\n"
    )
    b = parse_bytes(text.encode("utf-8"))
    assert [t.text[:6] for t in b.tasks] == [
        "今年一季度,",
        "老旧小区改造",
        "农村电网升级",
        "托育服务方面",
    ]


def test_a_headline_s_figures_are_not_counted_again():
    """The lines above a news report's text restate its figures: its title, the original title
    (原标题:…) and a subtitle whose numbers the text states again. The text's own figures count."""
    text = (
        "东澜今年52件为民办实事项目已提前完成6件\n"
        "原标题:今年52件为民办实事项目已提前完成6件\n"
        "其余46件正按序时进度推进\n\n"
        "市人大常委会听取市政府报告。今年52件为民办实事项目有6件已提前完成;其余46件正按序时进度推进,"
        "累计完成投资18.5亿元。\n"
    )
    b = parse_bytes(text.encode("utf-8"))
    assert sorted(f.figure.raw_text for f in b.figures) == ["18.5亿元", "46件", "52件", "6件"]
    # a short line whose number the text does not state again is the text's own
    lead = text.replace("其余46件正按序时进度推进\n", "新建公园3个\n")
    assert "3个" in [f.figure.raw_text for f in parse_bytes(lead.encode("utf-8")).figures]
    # a subtitle of clauses (no sentence end) that the text states again is not counted again
    clauses = (
        "东澜省重点工程进展顺利\n2013-10-22 08:00 来源:东澜日报\n"
        "1至9月份,省重点工程累计完成投资386.7亿元,完成年度计划87.3%\n"
        "省重点办数据显示,1至9月份,省重点工程累计完成投资386.7亿元,完成年度计划87.3%。"
        "本年度计划新开工项目194项,截至9月底已开工145项。\n"
    )
    assert [f.figure.raw_text for f in parse_bytes(clauses.encode()).figures] == [
        "386.7亿元",
        "87.3%",
        "194项",
        "145项",
    ]


def test_a_headline_glued_to_the_first_line_of_the_text_is_not_part_of_it():
    """…完成投资245亿元 记者近日从…: the text begins after its title, a mirror's readings or not."""
    from pipelines.lib.parsing.structure.content_lines import content_lines

    body = (
        "前三季度东澜省重点(diǎn)项目完成投资245亿元 记者近日从东澜省重点办获悉,前三季度,"
        "全省重点项目完成投资245亿元。\n"
    )
    lines = content_lines(body, "前三季度东澜省重点项目完成投资245亿元")
    assert lines[0].text.startswith("记者近日从") and body[lines[0].start :].startswith("记者")


def test_a_news_story_written_in_short_lines_is_one_task():
    """A story in short lines under its headline and stamp (no line of paragraph length): a 来源 line
    at its end is its tail, not the page's head; an image's caption (【资料图】) does not end it; a
    phrase of a plan among its lines (计划实施) is not a plan's title when the text reports things done."""
    text = (
        "60天!东澜市开复工215项\n\n东澜融媒   2024-03-29 10:20:11\n\n春暖花开 项目攒劲\n\n【资料图】\n\n"
        "2024年,东澜计划实施\n\n亿元以上重大项目390个\n\n截至3月底\n\n215个重大项目已开复工\n\n"
        "完成投资167亿元\n\n为高质量发展蓄势赋能\n\n来源:东澜市融媒体中心\n\n编辑:王明\n"
    )
    b = parse_bytes(text.encode("utf-8"))
    assert b.title == "60天!东澜市开复工215项" and b.kind == "progress" and len(b.tasks) == 1
    assert [f.figure.raw_text for f in b.figures] == ["390个", "215个", "167亿元"]


def test_the_text_s_own_lines_are_kept():
    # a line that reads like a stamp inside the text is the text's
    dated = (
        "东澜县教育工作推进情况\n发布时间:2024-06-28\n一、新建学校。计划新建学校3所,已开工2所。\n"
        "2024年6月20日 县教育局组织中期检查,新增学位800个。\n二、改造校舍。完成校舍改造12公里。\n"
    )
    assert [f.figure.raw_text for f in parse_bytes(dated.encode()).figures] == [
        "3所",
        "2所",
        "800个",
        "12公里",
    ]
    # a short line whose number stands again only as a date is no headline
    parks = "东澜市口袋公园建设进展情况\n全年新建口袋公园12个\n其中,城区8个、乡镇4个,已于12月全部开放。\n"
    assert "12个" in [f.figure.raw_text for f in parse_bytes(parks.encode()).figures]
    # a first line ending in a counter is a sentence, not a masthead
    schools = "东澜市教育重点项目进展情况\n全年新建中小学校12所\n其中,小学8所、初中4所,均已开工。\n"
    assert "12所" in [f.figure.raw_text for f in parse_bytes(schools.encode()).figures]


@pytest.mark.parametrize("marker", ["1.", "一、", "(一)"])
def test_a_number_alone_on_its_line_heads_the_line_after_it(marker):
    """A task's number alone on its line: the next line is its text, never an empty task."""
    text = f"东澜县2024年重点工作上半年推进情况\n{marker}\n全县新增就业1200人。\n"
    b = parse_bytes(text.encode("utf-8"))
    assert [t.title for t in b.tasks] == ["全县新增就业1200人"]
    assert [f.figure.raw_text for f in b.figures] == ["1200人"]


def test_a_task_stating_no_words_is_named_by_its_number():
    from pipelines.lib.parsing.structure.items import task_title

    assert task_title("", 3) == "第3项"
    assert task_title("新建学校3所。已建成2所。", 1) == "新建学校3所"
