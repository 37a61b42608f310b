"""One fixture per layout variant and encoding of LAYOUTS.md, each asserting tasks, items and figures,
and one test per reason a file is rejected."""

import pytest

from pipelines.lib.parsing import RejectedFile, parse_bytes

from .conftest import FIXTURES


def parse(name: str):
    return parse_bytes((FIXTURES / name).read_bytes())


def figures_of(b, seq: int, section: str | None = None) -> list[str]:
    return [
        f.figure.raw_text
        for f in b.figures
        if f.task_seq == seq and (section is None or f.section == section)
    ]


def test_s1_flattened_text_table():
    b = parse("s1_city_2021_q1_progress.txt")
    assert [len(t.items) for t in b.tasks] == [3, 2, 3, 2]
    assert figures_of(b, 2, "task") == ["3000个", "4.5万人"]
    assert figures_of(b, 2, "progress") == ["2100个", "1300个", "800个", "1.2万人", "3%"]


@pytest.mark.parametrize(
    "name", ["s2_county_2022_h1_progress.html", "enc_gbk_2022_h1_progress.html"]
)
def test_s2_html_page_with_chrome(name):
    b = parse(name)
    assert b.title == "2022年县政府工作报告重点工作上半年进展情况"
    assert (b.year, b.period_label, str(b.period_end), str(b.published_at)) == (
        2022,
        "上半年",
        "2022-06-30",
        "2022-07-18",
    )
    assert [t.seq for t in b.tasks] == [1, 2, 3]
    assert [[i.item_no for i in t.items] for t in b.tasks] == [[1, 2], [1, 2], [1, 2, 3]]
    assert figures_of(b, 1) == [
        "180亿元",
        "10%",
        "96.3亿元",
        "12.4%",
        "53.5%",
        "23个",
        "15个",
        "8个",
    ]
    assert figures_of(b, 3) == ["42.6公里", "35座", "9个"]
    # page chrome (view counter, site id, ICP number, script text) yields nothing
    all_raw = [f.figure.raw_text for f in b.figures]
    assert not {"1386", "2022次", "3301000011"} & set(all_raw)
    for f in b.figures:
        assert b.body_text[f.figure.char_start : f.figure.char_end] == f.figure.raw_text


def test_s3_extra_columns_and_s10_section_rows():
    b = parse("s3_five_columns_2021_q3_progress.txt")
    assert [t.seq for t in b.tasks] == [1, 2, 3]
    assert [t.responsible_units for t in b.tasks] == ["市商务局", "市统计局", "市政务服务办"]
    assert [t.group_label for t in b.tasks] == [
        "一、努力完成全年主要预期目标",
        "一、努力完成全年主要预期目标",
        "二、扎实推进重点领域改革",
    ]
    assert "序时推进" not in b.tasks[0].progress_text
    assert figures_of(b, 1, "progress") == ["685.3亿元", "23.1%", "2.46亿美元", "76.9%"]
    (base,) = [f.figure.base_value for f in b.figures if f.figure.raw_text == "685.3亿元"]
    assert base == 68530000000.0


def test_s4_pipe_rows_with_merged_column_s6_units_in_task_s7_spaced_header():
    b = parse("s4_pipe_merged_2022_q1_progress.txt")
    assert [t.seq for t in b.tasks] == [1, 2, 3, 4]
    assert b.tasks[0].text == "全年新增城镇就业2.5万人。"
    assert [t.responsible_units for t in b.tasks] == [
        "市人力社保局; 市财政局",
        "市教育局; 市住建局",
        "市林业局",
        "市生态环境局",
    ]
    assert [[i.item_no for i in t.items] for t in b.tasks] == [[1, 2], [None], [None], [None]]
    assert figures_of(b, 1, "task") == ["2.5万人"]
    assert figures_of(b, 4, "progress") == ["88.9%", "2.3个百分点", "32微克/立方米"]


@pytest.mark.parametrize(
    "name", ["s5_grouped_2021_full_year_progress.txt", "s5_grouped_tables_2023_q1_progress.html"]
)
def test_s5_grouped_sub_tables(name):
    b = parse(name)
    groups = [t.group_label for t in b.tasks]
    assert groups[0].startswith("一、") and groups[-1].startswith("二、")
    assert [t.seq for t in b.tasks] == list(range(1, len(b.tasks) + 1))
    assert all("序号" not in t.text for t in b.tasks)


def test_s9_plan_document_is_read_as_a_plan():
    """The task reader reads a plan's table (task and unit columns, no progress) as a plan; the
    structure stage then rejects it (test_a_plan_or_a_notice_issuing_one_is_rejected_with_its_reason)."""
    from pipelines.lib.parsing.bulletin import input_limits, read_document
    from pipelines.lib.parsing.structure.task_readers import Source, read_tasks

    text = (FIXTURES / "rej_plan_2022_task_division.txt").read_text(encoding="utf-8")
    document = read_document(text, None, input_limits())
    found = read_tasks(Source(document.body, document.grids, "2022年政府工作报告重点工作责任分解"))
    assert found.kind == "plan"
    assert [t.seq for t in found.tasks] == [1, 2, 3]
    assert found.tasks[0].responsible_units == "市发展改革委; 市财政局; 市统计局"


def test_utf8_with_bom_parses_like_without():
    plain, bom = parse("s1_city_2021_q1_progress.txt"), parse("enc_utf8_bom_2021_q1_progress.txt")
    assert bom.encoding == "utf-8-sig"
    assert [f.figure.raw_text for f in bom.figures] == [f.figure.raw_text for f in plain.figures]


def test_traditional_full_width_and_middle_dot():
    b = parse("enc_traditional_fullwidth_2021_q3_progress.txt")
    assert b.title == "2021年市政府工作报告重点工作前三季度完成情况"
    assert str(b.published_at) == "2021-10-26"
    assert "关键核心技术攻关" in b.tasks[1].text  # readings like 關(guān) are dropped
    assert [(f.figure.raw_text, f.figure.base_value) for f in b.figures if f.task_seq == 1] == [
        ("3万人", 30000.0),
        ("2.4万人", 24000.0),
        ("80%", 80.0),
        ("1.2亿元", 1.2e8),
        ("15.6%", 15.6),
    ]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("rej_empty.txt", "the file is empty"),
        ("rej_binary_word_document.txt", "binary Microsoft Office file"),
        ("rej_mojibake_gbk_as_latin1.txt", "GBK) bytes shown as Latin-1"),
        ("rej_mojibake_utf8_as_gbk.txt", "UTF-8 bytes shown as GBK"),
        ("rej_question_marks.txt", "replaced by runs of '?'"),
        ("rej_replacement_characters.txt", "undecodable characters (U+FFFD)"),
        ("no_table_notice.html", "does not read as a progress bulletin"),
        ("rej_work_report_itself.txt", "a government work report itself"),
    ],
)
def test_rejected_files_say_why(name, reason):
    with pytest.raises(RejectedFile) as err:
        parse(name)
    assert reason in err.value.reason


def test_rows_numbered_with_chinese_numerals():
    html = (
        "<html><body><h1>2022年重点工作推进情况</h1><table>"
        "<tr><td>序号</td><td>重点工作</td><td>推进情况</td></tr>"
        "<tr><td>一</td><td>新建学校3所。</td><td>已开工2所。</td></tr>"
        "<tr><td>二</td><td>新增就业1万人。</td><td>新增就业4200人。</td></tr>"
        "<tr><td colspan='3'>二、民生实事</td></tr>"
        "<tr><td>十二</td><td>改造农贸市场5家。</td><td>完成改造3家。</td></tr>"
        "</table></body></html>"
    )
    b = parse_bytes(html.encode("utf-8"))
    assert [t.seq for t in b.tasks] == [1, 2, 12]
    assert b.tasks[2].group_label == "二、民生实事"
    assert [f.figure.raw_text for f in b.figures if f.task_seq == 2] == ["1万人", "4200人"]


def test_a_column_of_status_words_is_the_status_never_the_progress():
    html = (
        "<html><body><h1>2023年重点工作上半年推进情况</h1><table>"
        "<tr><td>序号</td><td>工作事项</td><td>进展情况</td><td>完成情况</td></tr>"
        "<tr><td>1</td><td>新建学校3所。</td><td>已开工2所,完成投资1.2亿元。</td><td>顺利推进</td></tr>"
        "<tr><td>2</td><td>新增就业1万人。</td><td>新增就业4200人。</td><td>序时推进</td></tr>"
        "<tr><td>3</td><td>改造小区20个。</td><td>已开工6个。</td><td>滞后</td></tr>"
        "</table></body></html>"
    )
    b = parse_bytes(html.encode())
    assert [t.status for t in b.tasks] == ["顺利推进", "序时推进", "滞后"]
    assert [t.progress_text for t in b.tasks][0] == "已开工2所,完成投资1.2亿元。"
    assert figures_of(b, 1, "progress") == ["2所", "1.2亿元"]


def test_merged_cells_belong_to_every_row_they_cover():
    html = (
        "<html><body><h1>2023年重点工作上半年推进情况</h1><table>"
        "<tr><td colspan='4'>2023年重点工作推进情况表</td></tr>"
        "<tr><td>序号</td><td>重点任务</td><td>进展情况</td><td>分管领导</td></tr>"
        "<tr><td>1</td><td rowspan='2'>新建学校3所。</td><td>东区学校已开工1所。</td>"
        "<td rowspan='3'>王立新</td></tr>"
        "<tr><td></td><td>西区学校已开工1所。</td></tr>"
        "<tr><td>2</td><td>新增就业1万人。</td><td>新增就业4200人。</td></tr>"
        "<tr><td colspan='4'>注:数据截至6月底。</td></tr>"
        "</table></body></html>"
    )
    b = parse_bytes(html.encode())
    assert [t.seq for t in b.tasks] == [1, 2]  # the merged task cell continues task 1
    assert figures_of(b, 1, "progress") == ["1所", "1所"]
    assert figures_of(b, 1, "task") == ["3所"]  # read once, not once per row it covers


def test_a_short_last_row_is_not_shifted_and_a_continued_cell_stays_in_its_row():
    text = (
        "2022年重点工作任务一季度推进情况\n"
        "| 序号 | 工作任务 | 推进情况 | 完成状态 | 责任单位 |\n"
        "| 1 | 新建学校3所。 | 已开工2所。 | 序时推进 | 区教育局 |\n"
        "| 2 | 完成投资85亿元。 | ①完成投资19.3亿元;\n"
        "②新开工项目14个。 | 序时推进 | 区发改局 |\n"
        "| 3 | 新增绿道40公里。 | 新增绿道22.5公里。 |\n"
    )
    b = parse_bytes(text.encode())
    assert [t.status for t in b.tasks] == ["序时推进", "序时推进", None]
    assert [t.responsible_units for t in b.tasks] == ["区教育局", "区发改局", None]
    assert figures_of(b, 2, "progress") == ["19.3亿元", "14个"]
    assert figures_of(b, 3) == ["40公里", "22.5公里"]


def test_numbers_under_a_header_that_names_the_unit_are_figures_of_that_unit():
    html = (
        "<html><body><h1>2022年重点项目1-10月投资完成情况</h1><table>"
        "<tr><td>序号</td><td>项目名称</td><td>年度计划投资(万元)</td><td>1-10月完成投资(万元)</td>"
        "<td>完成率(%)</td><td>新增就业(人)</td></tr>"
        "<tr><td>1</td><td>城东大道</td><td>12500</td><td>10860</td><td>86.9</td><td>-</td></tr>"
        "<tr><td>2</td><td>西区学校</td><td>8000</td><td>6200</td><td>77.5</td><td>35</td></tr>"
        "</table></body></html>"
    )
    b = parse_bytes(html.encode())
    rows = [
        (f.section, f.figure.raw_text, f.figure.base_value, f.figure.base_unit, f.figure.label)
        for f in b.figures
        if f.task_seq == 1
    ]
    assert rows == [
        ("task", "12500", 125000000.0, "元", "年度计划投资"),
        ("progress", "10860", 108600000.0, "元", "完成投资"),
        ("progress", "86.9", 86.9, "%", "完成率"),
    ]
    assert [f.figure.period_label for f in b.figures if f.figure.raw_text == "10860"] == ["1-10月"]
    assert [f.figure.metric_kind for f in b.figures if f.figure.raw_text == "86.9"] == [
        "completion_ratio"
    ]
    assert [f.figure.raw_text for f in b.figures if f.task_seq == 2][-1] == "35"


def test_a_report_to_the_congress_on_a_plan_s_execution_is_of_the_genre():
    """各位代表 alone does not make a work report: a report on how a plan was carried out is read."""
    from pipelines.lib.parsing.structure.genre import not_a_bulletin_reason

    plan = "关于澄岭县2022年国民经济和社会发展计划执行情况的报告\n各位代表:\n全县地区生产总值增长5.2%。"
    report = "政府工作报告\n各位代表:\n现在,我代表县人民政府,向大会报告政府工作。"
    assert not_a_bulletin_reason(plan, "", 2022, None) is None
    assert "work report itself" in not_a_bulletin_reason(report, "", None, None)


def test_news_of_a_work_report_listing_the_year_s_projects_is_rejected():
    news = (
        "12月2日,澄岭县第九届人民代表大会第三次会议开幕,县长代表县人民政府向大会作政府工作报告。"
        "报告指出,明年县政府将重点抓好8件民生实事:\n(1)新建幼儿园3所。\n(2)改造农村公路45公里。\n"
    )
    with pytest.raises(RejectedFile, match="work report itself .*or news of one"):
        parse_bytes(news.encode("utf-8"))


def test_news_of_a_session_opening_with_the_work_report_is_rejected_whatever_it_retells():
    """The opening says the congress met and the report was delivered (across two sentences): the
    past year's results it retells (完成情况 among them) are the report's, not a bulletin's."""
    news = (
        "东澜网1月20日讯 1月20日,东澜市第十届人民代表大会第三次会议在市会议中心开幕。"
        "市长在会上作政府工作报告,总结过去一年工作完成情况。\n"
        "报告指出,一年来全市新建学校12所,新增就业4.2万人,完成投资320亿元。\n"
    )
    with pytest.raises(RejectedFile, match="work report itself .*or news of one"):
        parse_bytes(news.encode("utf-8"))
    # a bulletin that mentions the session further on is read
    bulletin = (
        "东澜市2023年民生实事上半年完成情况\n"
        "1.新建学校12所。截至6月底,已建成8所。\n" + "全市各部门认真落实。" * 30 + news
    )
    assert parse_bytes(bulletin.encode("utf-8")).figures


def test_a_plan_or_a_notice_issuing_one_is_rejected_with_its_reason():
    """A plan (its tasks and the bodies responsible, no progress column) states the tasks, not progress
    on them; so does a notice issuing one (印发…分工方案) that reports nothing done."""
    with pytest.raises(RejectedFile, match="a plan .*no progress reported"):
        parse("rej_plan_2022_task_division.txt")
    notice = (
        "澄岭县人民政府关于印发2023年政府工作报告重点工作分工方案的通知\n各乡镇人民政府,县政府各部门:\n"
        "现将《2023年政府工作报告重点工作分工方案》印发给你们,请认真贯彻落实。\n"
        "一、扩大有效投资\n1.固定资产投资增长8%。(牵头单位:县发展改革局)\n"
        "2.新开工重点项目40个。(牵头单位:县发展改革局)\n"
    )
    # … the plan named before the words that issue it (《…责任分解方案》…现印发给你们)
    named_first = (
        "各乡镇人民政府,县政府各部门:\n"
        "《2024年澄岭县政府工作报告主要目标任务责任分解方案》已经县人民政府同意,现印发给你们,"
        "并就有关事项通知如下:\n一、提高站位。确保全年新开工项目45个。\n"
    )
    for text in (notice, named_first):
        with pytest.raises(RejectedFile, match="a plan"):
            parse_bytes(text.encode("utf-8"))
    # a progress report on such a plan's tasks is a bulletin
    report = (
        notice.replace("印发", "落实")
        .replace("的通知", "完成情况")
        .replace("2.新开工重点项目40个。", "2.新开工重点项目40个。截至6月底,已开工31个。")
    )
    assert parse_bytes(report.encode("utf-8")).kind == "progress"


def test_news_of_a_meeting_or_a_visit_that_reports_nothing_done_is_rejected():
    """Who met, what they reviewed: not a report of progress, even when it names 进展 or a count."""
    meeting = (
        "3月2日,县长主持召开县政府第12次常务会议,审议2024年政府工作报告目标任务分解方案,"
        "听取27个重点指标预测清单的情况汇报。\n会议强调,要拿出实的作风,确保全年目标完成。\n"
    )
    visit = (
        "县人大常委会视察上半年15项民生实事项目进展情况\n日前,县人大常委会组织代表对15项民生实事"
        "项目进展情况开展视察。视察组先后来到新城学校、滨河公园。\n"
    )
    for text in (meeting, visit):
        with pytest.raises(RejectedFile, match="news of a meeting or a visit"):
            parse_bytes(text.encode("utf-8"))
    # a meeting that heard what was done is news of progress, and read
    heard = meeting.replace("会议强调", "截至2月底,已开工项目12个。会议强调")
    assert [f.figure.raw_text for f in parse_bytes(heard.encode()).figures][-1] == "12个"
    # … and so are bulletins that mention a meeting or a survey and state work done
    bulletins = [
        "关于县政府常务会议议定事项落实情况的通报\n一、青溪河综合治理工程。主体完工,投入资金2600万元。"
        "\n二、停车设施建设。新建停车位420个。\n",
        "青溪县召开2024年重点项目推进会议\n会议通报了一季度重点项目进展情况。\n一、东澜大道改造工程。"
        "主体工程基本完工,完成年度计划的85%。\n",
        "东澜市2024年重点工作进展情况\n市政府督查室会同有关部门开展了专项调研,现将进展情况通报如下。\n"
        "序号|重点工作|责任单位|进展情况\n1|改造老旧小区20个|市住建局|开工18个,完工9个\n"
        "2|新建公园5个|市园林局|完工3个\n3|新增停车位800个|市交通局|新增520个\n",
    ]
    for text in bulletins:
        assert parse_bytes(text.encode()).figures


def test_news_of_progress_in_none_of_the_genre_s_words_is_read():
    """A news story of how far the year's projects have come (已完成, 截至) is of the genre though it
    names no 重点工作 or 完成情况; a story that reports nothing done is not."""
    story = (
        "东澜讯 今年以来,全区共收集群众急难愁盼事项320件,截至目前已办结296件,办结率达92.5%。"
        "新增充电桩86个。\n"
    )
    assert [f.figure.raw_text for f in parse_bytes(story.encode()).figures] == [
        "320件",
        "296件",
        "92.5%",
        "86个",
    ]
    # projects started again (开复工) are work done
    restarted = "今年一季度,东澜省重大项目提速推进,实现开复工186个,开复工率超过90%。\n"
    assert [f.figure.raw_text for f in parse_bytes(restarted.encode()).figures] == ["186个", "90%"]
    # … not a policy on 复工 (复工后3个月内)
    with pytest.raises(RejectedFile, match="does not read as a progress bulletin"):
        policy = "东澜市支持企业复工复产若干措施\n一、对复工后3个月内招用员工的企业,给予每人500元补贴。\n"
        parse_bytes(policy.encode())
    with pytest.raises(RejectedFile, match="no work done stated with its figures"):
        parse_bytes("东澜讯 全区收集群众急难愁盼事项320件,将于年内逐项推进。\n".encode())
    # a date alone (截止, 截至) or a change alone (同比增长) is no work done
    look_alikes = [
        "青溪县城区供水管网改造工程招标公告\n一、项目概况:估算投资1800万元,铺设管网12公里。\n"
        "三、投标截止时间:2024年5月20日。\n",
        "东澜市第七次全国人口普查主要数据公报\n一、常住人口。截至2020年11月1日零时,全市常住人口"
        "为312.5万人。\n",
        "东澜市1-5月经济运行情况\n一、工业生产。规模以上工业增加值同比增长6.2%。\n",
    ]
    for text in look_alikes:
        with pytest.raises(RejectedFile, match="does not read as a progress bulletin"):
            parse_bytes(text.encode())


def test_a_page_about_a_year_not_yet_begun_is_rejected():
    vote = (
        "2025澄岭重点民生实事票选开启\n时间:2024-12-18 10:09\n"
        "记者获悉,2025年重点民生实事项目投票活动启动,候选项目共20件。\n"
        "一、教育\n1.新建学校5所。\n"
    )
    with pytest.raises(RejectedFile, match="about 2025, published on 2024-12-18"):
        parse_bytes(vote.encode("utf-8"))


def test_a_flat_table_whose_header_cells_are_split_over_lines():
    """A table dumped one cell per line whose header cells are themselves split over lines (牵头责任 /
    单位, 落实情况 / (全年), 第二季度 / 完成情况): the header has as many cells as the first row, and the
    progress column is read as progress, not taken for a plan's task list."""
    text = (
        "2023年度县政府重点工作落实情况\n序号\n督查内容\n牵头责任\n单位\n协同责任单位\n落实情况\n(全年)\n"
        "完成状态\n1\n城镇新增就业8000人。\n县人社局\n县财政局、县总工会\n全年城镇新增就业8650人。\n已完成\n"
        "2\n新建农村公路60公里。\n县交通局\n各乡镇\n全年新建农村公路64.5公里。\n已完成\n"
    )
    b = parse_bytes(text.encode("utf-8"))
    assert b.kind == "progress" and [t.seq for t in b.tasks] == [1, 2]
    assert b.tasks[0].responsible_units.startswith("县人社局")
    progress = [f.figure.raw_text for f in b.figures if f.section == "progress"]
    assert progress == ["8650人", "64.5公里"]
    assert [f.figure.raw_text for f in b.figures if f.section == "task"] == ["8000人", "60公里"]
    # a group's heading before the first row is not a piece of the header
    grouped = text.replace("完成状态\n1\n", "完成状态\n一、民生保障\n1\n").replace(
        "牵头责任\n单位", "牵头单位"
    )
    grouped = grouped.replace("落实情况\n(全年)", "落实情况")
    g = parse_bytes(grouped.encode("utf-8"))
    assert g.kind == "progress" and g.tasks[0].group_label == "一、民生保障"


def test_a_task_column_headed_by_the_tasks_name_and_more_is_the_task_column():
    """项目内容及居民受益面: the task's name and what else the column says of it; a later column of
    the month's targets (8月份目标) is not the task column."""
    text = (
        "青溪区2024年民生实事8月份推进情况\n序号 |\n项目内容及居民受益面 |\n牵头单位 |\n8月份目标 |\n"
        "进展情况 |\n1 |\n新建社区食堂6家(区级) |\n区民政局 |\n开工2家。 |\n已开工3家。 |\n"
        "2 |\n改造燃气管道40公里(区级) |\n区住建局 |\n完成5公里。 |\n累计完成12公里。 |\n"
    )
    b = parse_bytes(text.encode("utf-8"))
    assert [t.text for t in b.tasks] == ["新建社区食堂6家(区级)", "改造燃气管道40公里(区级)"]
    assert [
        (f.task_seq, f.section, f.figure.raw_text) for f in b.figures if f.section == "progress"
    ] == [
        (1, "progress", "3家"),
        (2, "progress", "12公里"),
    ]
    assert {f.figure.raw_text for f in b.figures if f.section == "task"} >= {"6家", "40公里"}


def test_progress_bulletins_that_look_like_plans_or_announcements_are_read():
    # a page about a year not yet begun that reports things done
    early = (
        "东澜市2025年春节前重点项目集中开工\n发布时间:2024-12-30\n"
        "截至12月28日,全市已开工重点项目15个,完成投资30亿元。\n"
    )
    assert [f.figure.raw_text for f in parse_bytes(early.encode()).figures] == ["15个", "30亿元"]
    # a table of tasks with no progress column under a progress title and a lead that tallies them
    tallied = (
        "东澜市2024年重点工作一季度推进情况\n40项任务中已完成8项,其余正在推进。未完成任务如下:\n"
        "序号\n重点工作\n责任单位\n1\n新建学校3所。\n市教育局\n2\n改造道路20公里。\n市交通局\n"
    )
    b = parse_bytes(tallied.encode())
    assert b.kind == "progress"
    assert [(f.section, f.figure.raw_text) for f in b.figures] == [
        ("progress", "40项"),
        ("progress", "8项"),
        ("task", "3所"),
        ("task", "20公里"),
    ]
    # news of the congress that reports progress on the year's projects
    congress = (
        "东澜市民生实事推进有力\n5月10日,东澜市第十七届人民代表大会第三次会议开幕,市长作《政府工作报告》,"
        "承诺办好十件民生实事。截至6月底,已完成3件,新建学校2所。\n"
    )
    assert "3件" in [f.figure.raw_text for f in parse_bytes(congress.encode()).figures]
    # a year's report that tells how its 民生实事 were chosen (征集, 候选项目) and what was done
    chosen = (
        "青溪县2024年民生实事完成情况\n去年面向社会公开征集民生实事建议,从18项候选项目中票决产生10项。"
        "截至12月底,10项民生实事已全部完成,新建学校2所。\n"
    )
    assert "2所" in [f.figure.raw_text for f in parse_bytes(chosen.encode()).figures]
    # news of the year's 民生实事, chosen from the public's proposals, saying where they stand
    asked = (
        "我县十件民生实事稳步推进\n青溪融媒 2024-09-20 10:20:11\n今年,我县广泛征集群众意见建议,确定了"
        "10件民生实事。目前,新建的3所幼儿园主体工程全面完工,改造农村公路86公里。\n"
    )
    assert "86公里" in [f.figure.raw_text for f in parse_bytes(asked.encode()).figures]
    # a page that names a plan issued earlier, then reports the half year
    half_year = (
        "上半年东澜经济稳中有进\n东澜融媒 2024-07-20 10:20:11\n"
        "年初,市政府印发《2024年政府工作报告重点任务分工方案》。上半年,全市地区生产总值增长6.1%,"
        "新建学校3所。\n"
    )
    assert parse_bytes(half_year.encode()).kind == "progress"


def test_a_split_header_over_a_first_row_with_a_cell_of_two_paragraphs():
    text = (
        "2024年重点工作推进情况\n序号\n重点工作\n牵头责任\n单位\n完成情况\n1\n新建学校3所。\n市教育局\n"
        "东澜一中新校区已开工。\n已建成2所,新增学位800个。\n2\n改造道路20公里。\n市交通局\n已完成15公里。\n"
    )
    b = parse_bytes(text.encode())
    assert [t.responsible_units for t in b.tasks] == ["市教育局", "市交通局"]
    assert [(f.section, f.figure.raw_text) for f in b.figures] == [
        ("task", "3所"),
        ("progress", "2所"),
        ("progress", "800个"),
        ("task", "20公里"),
        ("progress", "15公里"),
    ]


def test_a_data_row_that_shares_words_with_the_header_is_a_row():
    """A row whose status cell says 已完成二季度任务 and whose other cells are sentences is a row of
    the table, not its header repeated."""
    text = (
        "东澜市2024年重点民生实事二季度进展情况\n"
        "序号 | 事项名称 | 任务目标 | 进展情况 | 责任单位 | 完成情况 |\n"
        "1 | 粮食仓库扩建项目 | 项目位于城西,预计2024年5月完工,可新增2.5万吨储备粮,加强粮食安全保障。 | "
        "截至目前,主体工程已完成,6月底工程预验收,新增仓容2.5万吨。 | 发改局 | 已完成二季度任务 |\n"
        "2 | 便民服务示范点 | 升级政务服务大厅现有设备,全面推行一窗通办,打造5个镇级便民示范点,实现全流程电子证照。 | "
        "经实地调研考察,已确定5个镇级便民服务中心为示范点,现已完成设备更新,覆盖全部示范点。 | 审批局 | 已完成二季度任务 |\n"
        "3 | 城市运行平台 | 上半年建成城市运行平台 | 平台已上线试运行 | 大数据局 | 序时推进 |\n"
    )
    b = parse_bytes(text.encode("utf-8"))
    assert [t.seq for t in b.tasks] == [1, 2, 3]
    assert [(f.section, f.figure.raw_text) for f in b.figures if f.task_seq == 2] == [
        ("task", "5个"),
        ("progress", "5个"),
    ]


def test_a_table_dumped_one_cell_a_line_with_its_delimiter_after_each_cell():
    """序号 | / 预期目标 | / …: one cell a line, each closed by the table's bar."""
    text = (
        "东澜区2022年重点工作一季度推进情况\n附件1\n主要预期目标进展情况表\n"
        "序号 |\n预期目标 |\n责任单位 |\n进展情况 |\n"
        "1 |\n地区生产总值增长6%以上 |\n区发展改革委 |\n一季度地区生产总值增长7.2%。 |\n"
        "2 |\n新增城镇就业1.2万人 |\n区人力社保局 |\n一季度新增城镇就业3100人。 |\n"
    )
    b = parse_bytes(text.encode("utf-8"))
    assert b.layout == "table" and [t.seq for t in b.tasks] == [1, 2]
    assert b.tasks[1].responsible_units == "区人力社保局"
    # an empty cell, a bar alone on its line, keeps the cells after it in their columns
    empty = parse_bytes(text.replace("区人力社保局 |", "|").encode("utf-8"))
    assert empty.tasks[1].responsible_units is None
    assert empty.tasks[1].progress_text.strip() == "一季度新增城镇就业3100人。"
    assert [(f.section, f.figure.raw_text) for f in b.figures] == [
        ("task", "6%"),
        ("progress", "7.2%"),
        ("task", "1.2万人"),
        ("progress", "3100人"),
    ]


def test_a_header_with_a_bracketed_note_is_a_header():
    """进展情况(截至6月底,含工作量,投资额): the note in brackets is no sentence."""
    text = (
        "东澜市2024年重点工作上半年进展情况\n"
        "| 序号 | 重点工作 | 责任单位 | 进展情况(截至6月底,含工作量,投资额) |\n"
        "| 1 | 新建学校5所 | 市教育局 | 已开工4所 |\n| 2 | 改造老旧小区20个 | 市住建局 | 完工12个 |\n"
    )
    b = parse_bytes(text.encode("utf-8"))
    assert [(f.section, f.figure.raw_text) for f in b.figures] == [
        ("task", "5所"),
        ("progress", "4所"),
        ("task", "20个"),
        ("progress", "12个"),
    ]


def test_a_progress_bulletin_opening_with_the_session_is_read():
    """A bulletin titled as a progress report may open by recalling the session where the tasks
    were set; so may one whose progress is dated 截至2024年6月底 or 今年以来."""
    opening = (
        "1月10日,东澜县第十八届人民代表大会第四次会议开幕,县长代表县人民政府作政府工作报告,"
        "提出今年实施十件民生实事。"
    )
    titled = "东澜县2024年民生实事推进情况\n" + opening + "目前,已完成投资3.2亿元,新建幼儿园2所。\n"
    dated = opening + "截至2024年6月底,已完成投资3.2亿元,新建幼儿园2所。\n"
    for text in (titled, dated):
        assert [f.figure.raw_text for f in parse_bytes(text.encode("utf-8")).figures][-2:] == [
            "3.2亿元",
            "2所",
        ]


def test_a_plan_with_a_half_year_milestone_column_stays_a_plan():
    """上半年 beside 全年目标 is the plan's milestone, not progress."""
    plan = (
        "东澜县2024年民生实事任务清单\n序号 | 实事项目 | 全年目标 | 上半年 | 责任单位 |\n"
        "1 | 新建幼儿园 | 4所 | 完成2所主体 | 县教育局 |\n2 | 改造农村公路 | 120公里 | 60公里 | 县交通局 |\n"
    )
    with pytest.raises(RejectedFile, match="a plan"):
        parse_bytes(plan.encode("utf-8"))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "1月20日,东澜区第九届人民代表大会第三次会议举行全体会议。根据计票结果,审议通过2024年"
            "东澜区民生实事项目。\n一、学校焕新\n启动6所老旧学校改造,新增学位1200个。\n"
            "二、道路提升\n新建改建道路18公里。\n",
            "a vote choosing",
        ),
        (
            "东澜市2024年拟实施重点建设项目\n今年全市拟实施重点建设项目120项,年度计划投资300亿元。"
            "其中民生类项目40项。\n",
            "a list of the year's projects",
        ),
        (
            "东澜市人民政府关于落实《政府工作报告》重点工作分工的意见\n一、主要目标\n"
            "地区生产总值增长6%左右,城镇新增就业5000人以上。(牵头单位:市发展改革委)\n",
            "a plan",
        ),
        (
            "东澜区2024年区政府重点工作\n1.实现工业总产出1040亿元以上。责任单位:区经委\n"
            "2.引进重点企业60家以上。责任单位:区投促中心\n3.新建学校3所。责任单位:区教育局\n",
            "a plan",
        ),
        (
            "市统计局派员参加重点工作督查\n近日,市统计局派员参加市政府开展的重点工作上半年督查,"
            "督查组深入8个县区,查阅资料120份。\n",
            "news of a meeting or a visit",
        ),
        # an inspection guided (督导组分赴…, 督导检查) that reports nothing done
        (
            "东澜省加大督导力度\n11月中下旬,省政府组成8个联合督导组分赴17个市,督导民生工作落实。"
            "副省长听取汇报并提出要求。\n",
            "news of a meeting or a visit",
        ),
        # projects planned to start, nothing done
        (
            "二季度东澜省计划集中开工重大项目919个\n二季度,东澜省计划集中开工重大产业项目919个,"
            "总投资3043亿元,年度计划投资1076亿元。\n",
            "a list of the year's projects",
        ),
        # a notice naming each task's responsible body
        (
            "东澜省人民政府关于明确政府工作报告提出的2023年重点工作责任单位的通知\n"
            "现将《政府工作报告》提出的2023年重点工作任务予以分解并明确责任单位。\n"
            "1.地区生产总值增长6%。(牵头单位:省发展改革委)\n2.新建学校50所。(牵头单位:省教育厅)\n",
            "a plan",
        ),
        # a call for the year's 民生实事, after a letter's salutation: what they may be
        (
            "索引号: 330999/2025-00012 | 发文时间: 2025-01-10 | 发布机构: 青溪县人民政府\n"
            "亲爱的市民朋友们:\n大家好!自去年10月启动2025年民生实事项目建议征集工作以来,"
            "我们汇总各方意见,形成了15项民生实事候选项目。\n1.新建城乡公交站点60个。\n"
            "2.改造老旧小区12个。\n",
            "a call for the year's 民生实事",
        ),
    ],
)
def test_pages_announcing_what_is_to_come_are_rejected_with_their_reason(text, reason):
    with pytest.raises(RejectedFile, match=reason):
        parse_bytes(text.encode("utf-8"))


def test_progress_on_voted_or_divided_tasks_is_read():
    """A progress table of the projects the congress voted for, and a report that cites the
    division of tasks it follows, are bulletins."""
    voted = (
        "2024年度区政府民生实事人大票决项目进度表\n序号 | 项目名称 | 进展情况 |\n"
        "1 | 新建社区食堂6家 | 已建成4家 |\n2 | 改造燃气管道40公里 | 完成32公里 |\n"
    )
    cited = (
        "东澜区重点工作推进情况通报\n根据《东澜区人民政府关于落实2024年〈政府工作报告〉重点工作分工的意见》"
        "要求,各责任单位积极推进。\n1.新建学校3所,已建成2所。\n"
    )
    for text in (voted, cited):
        assert parse_bytes(text.encode("utf-8")).figures


@pytest.mark.parametrize(
    "text",
    [
        # an inspection notice opens by telling of its inspection
        "关于全市重点工作推进情况的督查通报\n按照市政府工作安排,9月中旬市政府督查室对全市重点工作开展了专项督查,"
        "现将督查情况通报如下:\n42项重点工作中,按序时推进的35项,进度滞后的7项。\n",
        # items that each name who is responsible, and say how far they have come
        "东澜区十件民生实事推进\n一、新建公办幼儿园3所。责任单位:区教育局。进展:2所已竣工并投入使用。\n"
        "二、改造老旧小区12个。责任单位:区住建局。进展:12个小区全部开工,8个竣工验收。\n"
        "三、新增停车泊位1500个。责任单位:区城管局。进展:新增泊位1120个,占年度任务的74.7%。\n",
        # the year's projects announced, then how far they have come
        "今年年初,市政府公布了52个市级重点项目。1-8月,52个项目共开工46个,实际到位投资86.3亿元,"
        "为年度计划的73.1%。\n",
        "人大代表票决的十件民生实事,办得怎么样了?\n十件实事中已有7件全面竣工,新铺设管网18.6公里。\n",
        "今年《政府工作报告》提出的20件民生实事,目前大多已基本落地。全市新增城镇就业4.6万人,"
        "为年度目标的92%。\n",
    ],
)
def test_progress_told_in_the_words_of_what_was_announced_is_read(text):
    assert parse_bytes(text.encode("utf-8")).figures


def test_a_notice_is_no_progress_report_whatever_its_title_asks_for():
    notice = (
        "关于落实2025年东澜区民生实事项目的通知\n各街道办事处、区直各部门:\n"
        "经区人大票决,2025年拟实施民生实事项目10项,现将项目清单及责任单位印发给你们,请认真抓好落实。\n"
        "1.新建社区食堂20家。责任单位:区民政局。\n2.改造农贸市场5个。责任单位:区商务局。\n"
        "3.新增停车泊位2000个。责任单位:区城管局。\n"
    )
    with pytest.raises(RejectedFile, match="a plan"):
        parse_bytes(notice.encode("utf-8"))


def test_a_spaced_table_with_a_column_of_the_tasks_numbers_in_another_list():
    """序号 市折子号 …: the second number of each row is the task's number in the city's list, a
    column of its own, not the start of the task's text."""
    text = (
        "2021年东澜区涉及市政府工作报告重点任务一季度完成情况\n"
        "序号 市折子号 市政府工作报告任务 目前进展情况\n"
        "1 21 新建学校5所,完善督查督办机制。 已开工建设学校3所。\n"
        "2 69 改造老旧小区40个。 已完成改造12个。\n"
        "3 70 新增就业1.2万人。 一季度新增就业3200人。\n"
    )
    bulletin = parse_bytes(text.encode(), "numbered.txt")
    assert [t.title for t in bulletin.tasks] == [
        "新建学校5所,完善督查督办机制",
        "改造老旧小区40个",
        "新增就业1.2万人",
    ]
    assert [f.figure.raw_text for f in bulletin.figures] == [
        "5所",
        "3所",
        "40个",
        "12个",
        "1.2万人",
        "3200人",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a full session opening (人大二次会议), the head of government delivering the report
        "2月14日,东澜省十三届人大二次会议开幕。东澜省省长李明作报告。\n"
        "报告提出,一年来,全省新建学校120所,新增就业80万人,完成投资3200亿元。\n",
        "东澜网讯 2月15日,东澜县召开第十七届人民代表大会第二次会议。县长王东作政府工作报告。\n"
        "报告指出,2022年,4个省重项目完成年度计划投资130%,新建学校12所。\n",
    ],
)
def test_news_of_a_congress_session_with_the_work_report_said_other_ways(text):
    with pytest.raises(RejectedFile, match="work report itself .*or news of one"):
        parse_bytes(text.encode("utf-8"))


def test_a_standing_committee_hearing_a_plans_execution_is_no_session():
    text = (
        "关于东澜市2024年上半年计划执行情况的报告\n"
        "7月25日,东澜市人大常委会第十次会议召开,市发改委主任作报告。\n"
        "1.新建学校12所。截至6月底,已建成8所。\n2.新增就业4万人。上半年新增就业2.3万人。\n"
    )
    assert parse_bytes(text.encode("utf-8")).figures
