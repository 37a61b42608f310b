"""A bulletin's own metadata: title, period, publication date and issuer, from its page."""

from datetime import date

import pytest

from pipelines.lib.parsing import parse_bytes
from pipelines.lib.parsing.metadata.reader import (
    normalize_issuer,
    period_of_title,
    read_metadata,
)

BODY = "1.新增就业1.2万人。上半年,新增就业6800人。\n"


def page(head: str, body: str = BODY) -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


def test_the_article_title_tag_wins_over_breadcrumb_section_and_site():
    b = parse_bytes(
        page(
            '<meta name="ArticleTitle" content="关于2021年重点工作半年度推进情况的通报">'
            '<meta name="ColumnName" content="政务督查">'
            "<title>关于2021年重点工作半年度推进情况的通报_政务督查_青山市人民政府</title>",
            "<div>当前位置:首页 &gt; 政务公开 &gt; 政务督查</div><div>政务督查</div>"
            "<h1>关于2021年重点工作半年度推进情况的通报</h1>" + BODY,
        )
    )
    assert b.title == "关于2021年重点工作半年度推进情况的通报"
    assert (b.year, b.period_label, str(b.period_end)) == (2021, "上半年", "2021-06-30")
    assert b.issuer == "青山市人民政府"  # the site name after the title


def test_a_breadcrumb_or_a_numbered_heading_is_never_the_title():
    text = (
        "首页 > 政务公开 > 重点工作进展情况\n"
        "当前栏目:每月完成情况\n"
        "一、主要指标完成情况\n"
        "1.新增就业1.2万人。上半年,新增就业6800人。\n"
    )
    assert read_metadata(text).title == ""
    text = "当前位置:首页 > 重点项目\n我市前八月重点项目建设加快推进\n" + text
    meta = read_metadata(text)
    assert meta.title == "我市前八月重点项目建设加快推进"
    assert meta.period_label == "1-8月"


@pytest.mark.parametrize(
    ("title", "label", "end"),
    [
        ("2021年重点工作半年度推进情况", "上半年", "2021-06-30"),
        ("2021年重点工作第二季度完成情况", "上半年", "2021-06-30"),
        ("2021年重点工作三季度完成情况通报", "前三季度", "2021-09-30"),
        ("2021年重点工作第一季度进展情况", "一季度", "2021-03-31"),
        ("2021年1-11月份重点工作完成情况", "1-11月", "2021-11-30"),
        ("2021年9月份民生工程进展情况", "1-9月", "2021-09-30"),
        ("2021年民生实事未完成项目进度表(截至10月20日)", "截至10月20日", "2021-10-20"),
        ("2021年度重点工作上半年完成情况", "上半年", "2021-06-30"),
        ("2021年度重点工作任务完成情况", "全年", "2021-12-31"),
        ("2021年度东澜政务督查(通报第8期)", None, "None"),  # one issue of the year's series
        ("2021年重点工作四季度完成情况", "全年", "2021-12-31"),
    ],
)
def test_title_periods(title, label, end):
    found, period_end = period_of_title(title, 2021)
    assert (found, str(period_end)) == (label, end)


def test_a_title_without_a_period_takes_it_from_the_opening_text():
    text = (
        "2022年第八次县政府常务会议确定事项落实情况的通报\n"
        "发布日期:2022-09-15\n"
        "县政府督查室对确定事项截至9月14日的落实情况进行了督查,现通报如下:\n"
        "一、总体情况\n确定事项共20项,已完成15项。\n"
    )
    meta = read_metadata(text)
    assert (meta.period_label, str(meta.period_end)) == ("截至9月14日", "2022-09-14")


def test_a_year_report_titled_by_its_year_alone_is_the_full_year():
    text = "关于2024年十件民生实事完成情况的通报\n发布日期:2025-01-20\n十件民生实事全部完成。\n"
    meta = read_metadata(text)
    assert (meta.year, meta.period_label, str(meta.period_end)) == (2024, "全年", "2024-12-31")


def test_publication_date_is_the_page_date_not_the_written_date():
    text = (
        "2021年重点工作上半年完成情况通报\n"
        "索引号:113/2021-0356 成文日期:2021-07-21\n"
        "发布日期:2021-07-23 信息来源:澄州市人民政府\n"
    )
    assert str(read_metadata(text).published_at) == "2021-07-23"
    masthead = (
        "关于2022年目标任务上半年落实情况的通报\n澄岭县人民政府督查室    2022年7月18日\n正文。\n"
    )
    meta = read_metadata(masthead)
    assert str(meta.published_at) == "2022-07-18"
    assert meta.issuer == "澄岭县人民政府"  # the office named with its government


@pytest.mark.parametrize(
    ("raw", "issuer"),
    [
        ("办公室", None),
        ("督查室", None),
        ("县府办", None),
        ("市政府办公室", None),
        ("青山县人民政府办公室", "青山县人民政府"),
        ("巴中市人民政府民生工作办公室", "巴中市人民政府"),
        ("青山市政府", "青山市人民政府"),
        ("青山市发展和改革委员会", "青山市发展和改革委员会"),
        ("青山日报", None),
    ],
)
def test_an_office_alone_is_never_an_issuer(raw, issuer):
    assert normalize_issuer(raw) == issuer


def test_the_issuer_comes_from_the_info_line_before_the_footer():
    text = (
        "2022年重点工作一季度推进情况\n"
        "发布时间:2022-04-20 来源:青山县发展和改革局 浏览次数:120\n"
        "1.新增就业1.2万人。一季度,新增就业3100人。\n"
        "主办单位:青山县人民政府办公室 网站标识码:3301000011\n"
    )
    assert read_metadata(text).issuer == "青山县发展和改革局"
    office_only = text.replace("来源:青山县发展和改革局", "来源:督查室")
    assert read_metadata(office_only).issuer == "青山县人民政府"


@pytest.mark.parametrize(
    ("title", "issuer"),
    [
        ("青溪县2022年重点任务前三季度完成情况", "青溪县人民政府"),
        ("2024年东澜市民心工程进展", "东澜市人民政府"),
        ("河北:18项民生工程提前完成年度目标", "河北省人民政府"),
        ("宁夏10项民生实事进展顺利", "宁夏回族自治区人民政府"),
        ("东澜市住建委通报重大工程进度", "东澜市住建委"),
        ("青溪县人民政府关于上半年重点工作的通报", "青溪县人民政府"),
        ("关于东澜市2021年国民经济和社会发展计划执行情况的报告", "东澜市人民政府"),
        ("全区重大项目进展情况", None),  # 全区: the text's own place, not a name
        ("前三季度东澜市重点项目", "东澜市人民政府"),  # a period before the place
        ("截至10月底 林芝市重点项目完成投资161.0亿", "林芝市人民政府"),  # … or a cut-off
        ("1-8月福州260个重点项目完成投资", "福州市人民政府"),  # a city by its short name
        ("2023年大连重点民生工程最新进展", "大连市人民政府"),
        ("昆明市官渡区人民政府关于上半年计划执行情况的报告", "昆明市官渡区人民政府"),  # nested
        ("清河镇2024年度重点工作二季度执行情况", "清河镇人民政府"),  # a town, unlisted
        ("@本区人!2021年徐汇区政府实事项目完成情况", "徐汇区人民政府"),  # named further on
        ("安全生产重点工作", None),  # no place
        ("市委市政府重点工作", None),
        ("区政府实事项目完成情况", None),
    ],
)
def test_a_title_that_begins_with_a_place_names_its_government(title, issuer):
    from pipelines.lib.parsing.metadata.issuers import government_of_title

    assert government_of_title(title) == issuer


def test_a_title_that_names_a_government_by_its_level_alone_takes_the_place_the_text_names():
    from pipelines.lib.parsing.metadata.issuers import government_of_title

    text = "经长宁区第十届人民代表大会审议通过,由区政府组织实施,完成实事项目12项。"
    assert government_of_title("区政府实事项目完成情况", text) == "长宁区人民政府"
    # a place of another level is not the one the title means
    assert government_of_title("今年市政府实事项目全部完成", text) is None
    # … after 年度, or naming its work report (区《政府工作报告》), behind a column's tag
    assert (
        government_of_title("【重点工作】2021年度区政府重点工作落实情况的通报", text)
        == "长宁区人民政府"
    )
    assert (
        government_of_title("2021年区《政府工作报告》责任分解事项1-3月份完成情况", text)
        == "长宁区人民政府"
    )
    # a department the title begins with by its level alone
    assert government_of_title(
        "【落实情况】区机关事务管理局2025年主要任务上半年落实情况", text
    ) == ("长宁区机关事务管理局")


def test_the_title_place_is_the_last_resort_of_the_issuer():
    """A page that names its issuer keeps it; one that names none takes its title's place."""
    named = read_metadata(
        "青溪县2022年重点工作上半年完成情况\n信息来源:青溪县发展和改革局\n" + BODY
    )
    unnamed = read_metadata("青溪县2022年重点工作上半年完成情况\n" + BODY)
    assert (named.issuer, unnamed.issuer) == ("青溪县发展和改革局", "青溪县人民政府")


@pytest.mark.parametrize(
    ("head", "title"),
    [
        # a headline that names its place before a colon
        (
            "河北:12项民生实事提前完成年度目标任务\n2023年11月20日 来源:东澜日报\n",
            "河北:12项民生实事提前完成年度目标任务",
        ),
        ("青溪县:重点项目建设全面提速\n", "青溪县:重点项目建设全面提速"),
        # 原标题: before it, a publication date after it, 《》 around it
        ("原标题:重点项目建设“加速跑”\n", "重点项目建设“加速跑”"),
        ("2022年区政府实事项目完成情况 2023-03-24\n", "2022年区政府实事项目完成情况"),
        ("2022年区政府实事项目完成情况 2023年03月24日\n", "2022年区政府实事项目完成情况"),
        # the document's number before it, a media kind's tag, a separator left after it
        (
            "东政发〔2023〕2号 东澜市人民政府关于2022年市政府重点工作完成情况的通报\n",
            "东澜市人民政府关于2022年市政府重点工作完成情况的通报",
        ),
        (
            "标 题: | 东政发〔2023〕2号 东澜市人民政府关于2022年市政府重点工作完成情况的通报 | ||\n",
            "东澜市人民政府关于2022年市政府重点工作完成情况的通报",
        ),
        (
            "视频丨省政府督查组在我市开展重点工作实地督查\n",
            "省政府督查组在我市开展重点工作实地督查",
        ),
        (
            "【视频】省政府督查组在我市开展重点工作实地督查\n",
            "省政府督查组在我市开展重点工作实地督查",
        ),
        # a column's tag before it, unless it names a place, a body, or is a kicker in quotes
        (
            "【防疫稳增长】东澜市积极推动重点项目有序开工复工\n",
            "东澜市积极推动重点项目有序开工复工",
        ),
        ("【新疆】1—10月自治区重点项目有序推进\n", "【新疆】1—10月自治区重点项目有序推进"),
        ("【省水利厅】青海120项水利项目进展顺利\n", "【省水利厅】青海120项水利项目进展顺利"),
        ("【恩施州】上半年重点项目建设进展顺利\n", "【恩施州】上半年重点项目建设进展顺利"),
        ("【2024年上半年】全市重点项目建设进展顺利\n", "【2024年上半年】全市重点项目建设进展顺利"),
        (
            "东政发(2023)2号 东澜市人民政府关于2022年重点工作完成情况的通报\n",
            "东澜市人民政府关于2022年重点工作完成情况的通报",
        ),
        # a number the title cites is part of it
        ("关于落实东政发〔2023〕2号文件情况的通报\n", "关于落实东政发〔2023〕2号文件情况的通报"),
        # a label on each item of a list is no title field
        (
            "2023年东澜市重点项目进展情况\n名 称: 东澜市第一中学迁建项目 进展情况: 主体完工\n"
            "名 称: 东澜大道改造工程 进展情况: 完成投资2亿元\n",
            "2023年东澜市重点项目进展情况",
        ),
        (
            "青溪县2022年国民经济和社会发展计划执行情况报告 |\n",
            "青溪县2022年国民经济和社会发展计划执行情况报告",
        ),
        # the label of an empty field glued after it
        ("2022年1-6月青溪县重点工作完成情况 文号:\n", "2022年1-6月青溪县重点工作完成情况"),
        ("2022年青溪县重点工作完成情况 2023年04月08日 来源:\n", "2022年青溪县重点工作完成情况"),
        (
            "《2024年区政府工作报告目标任务上半年推进情况汇总表》\n",
            "2024年区政府工作报告目标任务上半年推进情况汇总表",
        ),
        # a 标题 field of an information-disclosure table, between pipes
        (
            "| 标题: 1-9月全市重点项目建设情况 | |||\n| 索引号:0116-2025-00033 |\n",
            "1-9月全市重点项目建设情况",
        ),
        # a navigation bar, however long, does not end the head
        (
            "要闻 | 城市 | 原创 | 视频 | 高端访谈 | 名企品牌 | 文旅 | 民生 | 图片 | 专题 | 地方 | 网评 | 法治 | 教育 | 健康\n"
            "东澜百大项目建设会战正酣 部分项目陆续竣工\n",
            "东澜百大项目建设会战正酣 部分项目陆续竣工",
        ),
    ],
)
def test_title_forms_of_real_pages(head, title):
    assert read_metadata(head + BODY).title == title


def test_a_source_line_is_never_a_title():
    assert read_metadata("来源:东澜日报-民生频道\n" + BODY).title != "来源:东澜日报-民生频道"


def test_a_date_line_written_day_first_dates_the_page():
    meta = read_metadata("1-8月东澜市重点项目完成投资70.3亿元\n\n26.09.2018  19:42\n\n" + BODY)
    assert (meta.published_at, meta.year, meta.period_label) == (date(2018, 9, 26), 2018, "1-8月")


def test_a_year_s_report_that_names_no_period_published_the_next_year_is_the_full_year():
    head = "东澜市兑现30项民生实事\n发布时间:2022-03-01 15:31:00\n2021年,东澜市30项民生实事全部兑现。\n"
    meta = read_metadata(head + "1.新增就业1.2万人,实际新增1.3万人。\n")
    assert (meta.year, meta.period_label, meta.period_end) == (2021, "全年", date(2021, 12, 31))


@pytest.mark.parametrize(
    ("head", "period"),
    [
        # 全年目标 / 年度计划 in a title are the year's goal, not its period
        (
            "东澜市重点民生项目超额完成年度计划\n2021年12月28日 来源:东澜日报\n截至11月底,累计完成投资51亿元。\n",
            "1-11月",
        ),
        (
            "东澜市重点项目累计完成年度投资371亿元\n2022年06月14日 来源:东澜日报\n截至6月12日,累计完成投资371亿元。\n",
            "截至6月12日",
        ),
        # a report on a year's plan is of the whole year
        ("各位代表:\n受区政府委托,向大会报告我区2022年国民经济和社会发展计划执行情况。\n", "全年"),
    ],
)
def test_periods_of_real_pages(head, period):
    assert read_metadata(head + "1.新增就业1.2万人,实际新增1.3万人。\n").period_label == period


def test_a_title_in_a_one_line_information_table():
    head = "索引号: | 1134-2023-00003 | 组配分类: | 年度重点工作进展 | 名称: | 2023年东澜市重点工作进展情况通报 | 文号: |\n"
    assert read_metadata(head + BODY).title == "2023年东澜市重点工作进展情况通报"
    # … or on a line of its own, the label of an empty field after it
    labelled = "名称: 2023年东澜市重点工作进展情况通报 文号:\n发布日期: 2023-04-28\n"
    assert read_metadata(labelled + BODY).title == "2023年东澜市重点工作进展情况通报"
    # … its label spaced out, the next field's label on the same line
    spaced = (
        "名  称: 2023年东澜市重点工作进展情况通报 发布机构: 区政府督查室\n发布日期: 2023-04-28\n"
    )
    assert read_metadata(spaced + BODY).title == "2023年东澜市重点工作进展情况通报"


@pytest.mark.parametrize(
    ("opening", "issuer"),
    [
        ("2月19日,记者从东澜市政府办公室获悉,2022年东澜市民生实事已全部完成。", "东澜市人民政府"),
        ("昨天,青溪县政府公布了今年实事项目的最新完成情况。", "青溪县人民政府"),
        ("记者从自治区发展改革委获悉:今年以来,重点项目进展顺利。", None),  # which 自治区?
        # a body's division publishes them: the body
        (
            "9月10日,东澜市发展和改革委员会项目管理处公布1-8月全市重点项目建设情况。",
            "东澜市发展和改革委员会",
        ),
        # a longer source: the government it begins with
        ("记者从青溪县政府新闻办召开的发布会上获悉,上半年投资增长6%。", "青溪县人民政府"),
        # the body's news (…消息), on its site, or a text it supplied (…供稿)
        ("据四川省发展改革委网站消息,1-9月重点项目完成投资600亿元。", "四川省发展改革委"),
        ("(东澜市发改委供稿)1-9月重点项目完成投资60亿元。", "东澜市发改委"),
        # a division of the body, or its other name in brackets: the body
        ("记者从东澜市发展改革委重点项目建设科获悉,1至4月完成投资28亿元。", "东澜市发展改革委"),
        ("记者从东澜市发改委(重点办)获悉,上半年完成投资过半。", "东澜市发改委"),
        # the first of a list of sources
        ("记者从东澜省发改委、省重点办获悉,1至9月完成投资300亿元。", "东澜省发改委"),
        ("日前从东澜市发改委传来喜讯:上半年完成投资过半。", "东澜市发改委"),
        # its head presenting the figures or the report
        ("东澜市发展改革委副主任李明介绍,今年重点项目共计39个。", "东澜市发展改革委"),
        ("7月30日,东澜省发改委主任张明向省人大常委会汇报上半年计划执行情况。", "东澜省发改委"),
        # a province by its short name: its full name, its level written once
        ("记者从宁夏发展改革委获悉,截至3月底开工率达80%。", "宁夏回族自治区发展改革委"),
        ("据新疆自治区发改委消息,1-7月完成投资1800亿元。", "新疆维吾尔自治区发改委"),
    ],
)
def test_a_news_report_names_the_body_its_figures_come_from(opening, issuer):
    assert read_metadata("民生实事进展顺利\n" + opening + "\n" + BODY).issuer == issuer


@pytest.mark.parametrize(
    ("name", "issuer"),
    [
        ("摘自东澜市门户网站", "东澜市人民政府"),  # a place's portal speaks for its government
        ("东澜市人大常委会门户网站", None),  # any other website is where the text was put
        ("东澜市发展和改革委员会网站", "东澜市发展和改革委员会"),  # a department's own site: its
        ("青溪县住建局官方网站", "青溪县住建局"),
    ],
)
def test_websites_as_issuers(name, issuer):
    assert normalize_issuer(name) == issuer


def test_a_spaced_month_range_is_a_period():
    assert period_of_title("2019 年重点项目 1 —8 月份累计完成投资", 2019)[0] == "1-8月"


def test_a_signature_above_the_attachments_names_the_issuer():
    """A body's name on the line before a date, with attachments after it, signs the text; a body's
    name among the last lines of a cut-off table (followed by more cells) does not."""
    text = (
        "区政府:\n现将一季度重点工作推进情况报告如下。\n一、总体情况\n12项任务均按时推进。\n"
        "附件:1.重点工作任务进展情况表\n青石市东川区人民政府督查办\n2021年4月8日\n"
        "附件1\n序号 |\n任务 |\n1 |\n道路改造 |\n完成40%。 |\n"
    )
    assert read_metadata(text).issuer == "青石市东川区人民政府"
    cut_off = "青溪镇2024年度重点工作二季度执行情况\n序号\n重点工作\n1\n美丽城镇\n王明\n乡村振兴办\n完成投资3000万元。\n"
    assert read_metadata(cut_off).issuer == "青溪镇人民政府"  # 美丽城镇 is a cell, not a signature


def test_the_body_a_report_is_issued_or_delivered_by():
    delivered = (
        "关于青石市2022年国民经济和社会发展计划上半年执行情况的报告\n"
        "青石市发展和改革委员会主任 李青\n主任、各位副主任、各位委员:\n我受市人民政府委托,报告如下。\n"
    )
    assert read_metadata(delivered).issuer == "青石市发展和改革委员会"
    issued = (
        "青石市东川区人民政府关于东川区2023年上半年计划执行情况的报告\n"
        "东川区人民政府副区长(提名人选) 王东\n"
    )
    assert read_metadata(issued).issuer == "青石市东川区人民政府"  # the title's body first
    # … unless a department's head delivers it: the department (docs/ANNOTATION.md, issuer)
    by_department = (
        "青石市人民政府关于2022年上半年计划执行情况的报告\n——2022年7月20日在市人大常委会会议上\n"
        "市发展和改革委员会主任  李青\n主任、各位副主任、各位委员:\n"
    )
    assert read_metadata(by_department).issuer == "青石市发展和改革委员会"


def test_the_places_of_a_navigation_bar_are_not_the_site():
    """标题 - 青山县人民政府 names the page's site; a bar of many links does not (南昌县 is a link)."""
    page = "首页 | 南昌 | 九江 | 南昌县 | 进贤 | 永修\n东澜市重点项目加快推进\n" + BODY
    assert read_metadata(page).issuer == "东澜市人民政府"
    site = "东澜市重点项目加快推进 - 青溪县人民政府\n" + BODY
    assert read_metadata(site).issuer == "青溪县人民政府"
    sections = "一季度重点工作进展情况 - 工作动态 - 政务公开 - 青溪县人民政府\n" + BODY
    assert read_metadata(sections).issuer == "青溪县人民政府"


@pytest.mark.parametrize(
    ("opening", "issuer"),
    [
        # a party committee's department holds the meeting: not the issuer
        ("记者从东澜市委宣传部召开的新闻发布会上获悉,上半年投资增长6%。", None),
        # 大厅, 格局: words, not bodies
        ("青溪县政务服务大厅发布上半年办件情况,共办结2.1万件。", None),
        ("东澜市开放新格局发布会举行,上半年引进项目30个。", None),
    ],
)
def test_words_ending_like_a_body_are_no_source(opening, issuer):
    assert read_metadata("民生实事进展顺利\n" + opening + "\n" + BODY).issuer == issuer


def test_a_news_report_names_the_body_presenting_its_figures():
    named = (
        "上半年重大工程完成投资过半\n据报道,青石市住建委、市重大办介绍,上半年完成投资120亿元。\n"
    )
    assert read_metadata(named).issuer == "青石市住建委"
    # a preposition is not the body's name
    news = "重点项目加快推进\n据东澜市发改委相关负责人介绍,上半年新开工项目60个。\n"
    assert read_metadata(news).issuer == "东澜市发改委"
    # a body named by its level alone: of the province the report names, before the title's place
    level_alone = "项目建设加速跑\n今年以来,辽宁省项目投资稳中有升。省发展改革委相关负责人介绍,新开工项目300个。\n"
    assert read_metadata(level_alone).issuer == "辽宁省发展改革委"
    titled = "辽宁省重点项目建设提速\n记者从省发改委获悉,1至8月完成投资900亿元。\n"
    assert read_metadata(titled).issuer == "辽宁省发改委"
    # a body's website publishing the figures is the body
    site = "重点项目进展\n日前,东澜市发展和改革委员会网站公布了1-5月重点项目完成投资120亿元。\n"
    assert read_metadata(site).issuer == "东澜市发展和改革委员会"


@pytest.mark.parametrize(
    ("raw", "issuer"),
    [
        ("眉山市民生办", "眉山市人民政府"),
        ("邢台市重点办", "邢台市人民政府"),
        ("河北省重点建设领导小组办公室", "河北省人民政府"),
        ("邢台市发改委办公室", "邢台市发改委"),  # a department's office is the department's
        ("甘肃省政府重大项目建设管理办公室", "甘肃省人民政府"),  # any office of a government
    ],
)
def test_an_office_a_place_names_is_its_governments(raw, issuer):
    assert normalize_issuer(raw) == issuer


@pytest.mark.parametrize(
    ("opening", "issuer"),
    [
        ("今年,海口市86个重点项目完成投资120亿元。", "海口市人民政府"),
        ("1-9月,南康区新开工项目30个。", "南康区人民政府"),
        ("丹棱县承担的12件民生实事已完成9件。", "丹棱县人民政府"),
        # … a county of the city the text speaks of as its own, more than once, and never of the
        # county so: the city
        ("1-9月,南康区新开工项目30个,全市完成投资50亿元,我市项目进展顺利。", "赣州市人民政府"),
        ("1-9月,南康区新开工项目30个,居全市第2位。", "南康区人民政府"),  # once: a ranking
        # rankings and shares are no place's own voice; 该区 is the named place's
        ("1-9月,南康区新开工项目30个,总量居全市第一,占全市的15%。", "南康区人民政府"),
        ("1-9月,南康区新开工项目30个,该区3个项目获全市表彰,全市观摩会在此召开。", "南康区人民政府"),
        (
            "1-9月,南康区新开工项目30个,全区完成投资10亿元,全市完成投资50亿元,我市…",
            "南康区人民政府",
        ),
        # a place inside a name, after a word of its own, or a dateline opens no clause
        ("省重点项目开封市陇海医院新院区主体完工,全市完成投资50亿元。", None),
        ("在海口市召开的会议上,全省完成投资50亿元。", None),
        ("新华社北京7月1日电 全国完成投资50亿元。", None),
        # a byline's bracket closes a clause; a dateline ending 消息 names where it was filed
        (
            "东澜网天津5月17日消息(记者 李明)2010年天津市委、市政府确定的120项重大项目进展顺利。",
            "天津市人民政府",
        ),
    ],
)
def test_a_page_naming_no_body_is_of_the_place_its_opening_reports_on(opening, issuer):
    assert read_metadata("重点项目进展顺利\n" + opening + "\n" + BODY).issuer == issuer


def test_the_headline_stamped_by_a_date_line_is_the_title():
    """A news page's headline is the line its date (and time) stamps, not the lead under it that
    also reads like a title."""
    text = (
        "1-8月青石120个重点项目完成投资300.5亿\n\n12.09.2019  18:30\n\n"
        "我市通报市重点项目完成情况\n\n截至8月底,120个市重点项目完成投资300.5亿元。\n"
    )
    assert read_metadata(text).title == "1-8月青石120个重点项目完成投资300.5亿"
    unstamped = text.replace("12.09.2019  18:30", "")
    assert read_metadata(unstamped).title == "我市通报市重点项目完成情况"


def test_a_headline_and_its_subtitle_joined_by_a_dash_pair_are_one_title():
    text = (
        "您当前的位置 : 新闻 >> 要闻\n\n心系群众 办好实事——2022年青石市10件民生实事综述\n\n正文\n"
    )
    assert read_metadata(text).title == "心系群众 办好实事——2022年青石市10件民生实事综述"
    # in the page's <title>, a dash pair still ends the title before the site's name
    tags = {"title": "2022年青石市民生实事完成情况——青石市人民政府"}
    assert read_metadata("正文\n", tags).title == "2022年青石市民生实事完成情况"


@pytest.mark.parametrize(
    ("opening", "label"),
    [
        # the period the opening names first, not the most specific of its dates
        (
            "12月3日,市政府通报2019年1月-9月份八件为民实事进展情况。另悉,截至11月20日,已完成14项。",
            "1-9月",
        ),
        ("据市项目办消息,上半年累计完成投资318亿元,从1~3月占年度计划12.4%提高到51%。", "上半年"),
        ("青石省重点建设1月至4月完成投资276亿元。", "1-4月"),  # 1月至4月
        ("截至2019年12月9日,12件惠民实事已完成11件。", "截至12月9日"),  # a cut-off with its year
        (
            "本局在过去的一年里推进项目建设。以下是一年来的主要成效。",
            "全年",
        ),  # a year's review
        (
            "截至目前,年初安排的10件实事项目已全部完成,其中8项超额完成。",
            "全年",
        ),  # all of the year's done
    ],
)
def test_the_period_an_opening_names(opening, label):
    assert read_metadata("项目建设加速推进\n" + opening + "\n").period_label == label


def test_the_year_of_a_span_is_its_end_and_a_span_since_an_earlier_year_is_not_the_year():
    assert (
        read_metadata("民生实事成效显著\n从2008年至2019年,全省已累计办理实事150件。\n").year == 2019
    )
    since = "老旧小区改造完成\n青石网   2021-11-24 11:22:35\n2016年以来,全省滚动实施民生工程,改造小区3200个。\n"
    assert read_metadata(since).year == 2021  # the year it was written in, not 2016
    began = since.replace("2016年以来", "体育中心改造项目自2017年开工以来")
    assert read_metadata(began).year == 2021  # a span from what began then
    month = since.replace("2016年以来", "自2020年10月以来")
    assert read_metadata(month).year == 2021
    # a longer phrase before 以来 may name the year the text is about
    review = "重点项目建设成效\n青石网   2025-01-15 09:00\n2024年项目集中开工以来,全年完成投资12.6亿元。\n"
    assert read_metadata(review).year == 2024
    this_year = "重点项目进展\n2021年以来,全市新开工项目120个。\n"
    assert read_metadata(this_year).year == 2021


def test_a_news_dateline_is_never_the_title():
    text = "您现在的位置:青石网>新闻\n分享\n青石网7月8日讯(记者 王明)据省发改委消息,上半年完成投资120亿元。\n"
    assert read_metadata(text).title == ""


def test_a_document_title_broken_over_two_lines_is_joined_and_preferred_to_a_listing_s_name():
    text = (
        "2022年县政府实事项目完成情况 2023-03-20\n\n关于2022年县政府要完成的与群众生活\n\n"
        "密切相关的实事项目完成情况\n\n一、总体情况\n实事项目共计9类28项。\n"
    )
    assert (
        read_metadata(text).title == "关于2022年县政府要完成的与群众生活密切相关的实事项目完成情况"
    )
    # the issuing body before 关于 opens it too
    issued = (
        "东澜市人民政府办公室关于2016年\n《政府工作报告》重点工作落实情况的通报\n"
        "东政办函〔2017〕10号\n各县人民政府:\n1.新增就业1.2万人,实际新增1.3万人。\n"
    )
    assert (
        read_metadata(issued).title
        == "东澜市人民政府办公室关于2016年《政府工作报告》重点工作落实情况的通报"
    )


@pytest.mark.parametrize(
    ("title", "issuer"),
    [
        ("2024年县政府十件民生实事进展情况", None),  # 县 alone names no place
        (
            "北京朝阳:2023年民生实事完成情况",
            "北京市人民政府",
        ),  # a short name after a place is a word
        ("上海市中山公园改造进展情况", "上海市人民政府"),
        ("昆明市县域经济发展情况", "昆明市人民政府"),
        ("杭州市城区道路改造进展", "杭州市人民政府"),  # 城区: a kind of district, no place
        ("2023年美丽乡村建设进展", None),  # a town only before a year or its government
        ("2023年特色小镇建设进展", None),
        ("县", None),
    ],
)
def test_words_that_look_like_places_name_no_government(title, issuer):
    from pipelines.lib.parsing.metadata.issuers import government_of_title

    assert government_of_title(title, "主城区道路改造") == issuer


def test_mastheads_datelines_and_closing_cells_are_not_titles_or_issuers():
    masthead = "东澜市人民政府督查室\n2024年3月29日\n关于全市重点工作推进情况的通报\n一、总体情况\n"
    assert read_metadata(masthead).title == "关于全市重点工作推进情况的通报"
    # 日电 inside a title is no news dateline
    assert read_metadata("东澜市截至6月30日电网改造项目进展情况\n正文\n").title == (
        "东澜市截至6月30日电网改造项目进展情况"
    )
    # a table's body cell and its deadline near the end are no signature
    table_end = (
        "东澜市重点工作推进情况\n序号 | 重点工作 | 责任单位 | 完成时限 |\n"
        "1 | 新建学校3所 | 东澜市教育局 |\n东澜市教育局\n2024年12月31日\n"
        "主办单位:东澜市人民政府办公室\n"
    )
    assert read_metadata(table_end).issuer == "东澜市人民政府"
    # 关于区政府…: the district the text names
    report = "关于区政府2024年实事项目进展情况的报告\n经徐汇区人大常委会审议,区政府推进实事项目。\n"
    assert read_metadata(report).issuer == "徐汇区人民政府"


def test_periods_and_years_that_look_like_others():
    assert period_of_title("东澜市2024年11月至12月重点工作推进情况", 2024) == (None, None)
    # the projects' other task done is no year done
    assert period_of_title("东澜市2024年省市重点项目全部完成开工任务", 2024) == (None, None)
    # a year the title names beside a span of years is its year
    assert read_metadata("东澜市2023年至2025年城市更新行动2024年工作总结\n正文\n").year == 2024


def test_a_series_issue_before_a_title_is_no_part_of_it():
    text = (
        "督查通报〔2024〕第9期:关于东澜市2024年十件民生实事推进情况的通报(截至11月底)\n"
        "根据要求,现将推进情况通报如下:\n一、基本情况\n十件民生实事共28项工作,已完成21项。\n"
    )
    assert read_metadata(text).title == "关于东澜市2024年十件民生实事推进情况的通报(截至11月底)"


def test_a_stamped_headline_may_open_with_a_kicker_before_a_colon():
    text = (
        "东澜经济社会发展半年考:地区生产总值增长8.2%\n\n"
        "发布时间:2018-07-24 来源:东澜新闻网\n  上半年,全市地区生产总值增长8.2%。\n"
    )
    assert read_metadata(text).title == "东澜经济社会发展半年考:地区生产总值增长8.2%"
    # a field's label before a colon is no kicker
    labelled = "来源:东澜新闻网地区生产总值增长\n\n发布时间:2018-07-24\n  上半年,增长8.2%。\n"
    assert read_metadata(labelled).title != "来源:东澜新闻网地区生产总值增长"


def test_a_long_line_above_the_breadcrumb_is_the_sites_header_not_the_text():
    """A weather widget's long line above 当前位置:首页 > … does not end the page's head: the headline
    under the breadcrumb is the title, and the text begins after it."""
    from pipelines.lib.parsing import parse_bytes

    widget = (
        "2017年12月19日(00:00-24:00)东澜市空气质量为二级、良。空气质量可接受,但某些污染物可能对"
        "极少数异常敏感人群健康有较弱影响。预计12月20日00:00到24:00,东澜市空气质量为二级、良,"
        "空气质量指数61-81,极少数异常敏感人群应减少户外活动。"
    )
    assert len(widget) > 100  # a paragraph's length
    text = (
        "空气质量:\n"
        + widget
        + "\n当前位置:首页 > 政务公告\n\n持续掀起项目建设热潮\n\n"
        + "发布时间:2017-10-31 15:48     文章来源:东澜日报\n\n"
        + "    截至9月底,全市重点项目完成投资45.5亿元,新开工项目26个。\n"
    )
    b = parse_bytes(text.encode("utf-8"))
    assert b.title == "持续掀起项目建设热潮"
    assert [f.figure.raw_text for f in b.figures] == ["45.5亿元", "26个"]


@pytest.mark.parametrize(
    ("opening", "issuer"),
    [
        # a street, a port or a news site named after a place is no place the text reports on
        ("今年以来,中山路片区改造项目完成投资3.2亿元。", None),
        ("截至6月底,青岛港扩建工程完成投资5亿元。", None),
        ("四川在线记者 张三 今年以来,眉山市新开工项目30个。", "眉山市人民政府"),
    ],
)
def test_a_name_opening_with_a_place_is_not_that_place(opening, issuer):
    assert read_metadata("重点项目进展顺利\n" + opening + "\n" + BODY).issuer == issuer


@pytest.mark.parametrize(
    ("raw", "issuer"),
    [("眉山市政协办公室", "眉山市政协办公室"), ("眉山市信访办", "眉山市信访办")],
)
def test_an_office_of_another_body_is_not_the_governments(raw, issuer):
    assert normalize_issuer(raw) == issuer


@pytest.mark.parametrize(
    "prefix",
    ["督查通报2024年第9期:", "督查通报(2024年第9期):", "〔2024〕第九期:", "督查通报第9期:"],
)
def test_a_series_issue_in_any_form_is_no_part_of_the_title(prefix):
    text = (
        prefix
        + "关于东澜县民生实事推进情况的通报\n根据要求,现通报如下:\n一、基本情况\n已完成21项。\n"
    )
    assert read_metadata(text).title == "关于东澜县民生实事推进情况的通报"


def test_a_field_label_above_a_date_is_no_stamped_headline():
    text = (
        "东澜经济稳中有进\n供稿:东澜县发展改革局\n2024-07-15\n  上半年,全县地区生产总值增长8.2%。\n"
    )
    assert read_metadata(text).title == "东澜经济稳中有进"


def test_the_official_delivering_a_report_names_its_body_with_or_without_a_space():
    text = (
        "关于东城区2017年上半年计划执行情况的报告\n东城区发展和改革委员会主任刘健\n各位委员:\n"
        + BODY
    )
    assert read_metadata(text).issuer == "东城区发展和改革委员会"
    # … a body named by its level alone is of the place of that level the page names first
    level = "关于武昌区2018年上半年计划执行情况的报告\n区发改委主任   李武军\n各位委员:\n" + BODY
    assert read_metadata(level).issuer == "武昌区发改委"


def test_a_body_by_its_level_alone_is_of_the_one_place_above_every_place_the_text_names():
    text = "重点项目过半\n记者从省发展改革委获悉,1-5月,成都、绵阳、眉山的省重点项目完成投资过半。\n"
    assert read_metadata(text).issuer == "四川省发展改革委"
    # a province named beside its city is above it; a county is below it
    county = "重大项目双过半\n日前从市发改委传来喜讯:广西柳州上半年重大项目完成投资过半,融安县新开工12个。\n"
    assert read_metadata(county).issuer == "柳州市发改委"
    # … not when the places lie in two provinces, nor when a city speaks of itself (我市): the
    # province's body is then named in passing
    two = text.replace("眉山", "重庆")
    assert read_metadata(two).issuer != "四川省发展改革委"
    own = "我市再进红榜\n记者从省发展改革委获悉,我市投资运行进入全省红榜,泸州位列第二。\n"
    assert read_metadata(own).issuer != "四川省发展改革委"


def test_the_one_place_of_the_level_a_text_calls_its_own_is_the_last_resort():
    text = "工作落实情况汇报\n县督查局对责任目标细化分解。我县改建第一托养中心,建成青草县中心敬老院,新增床位50张。\n"
    assert read_metadata(text.replace("青草县", "西平县")).issuer == "西平县人民政府"
    # two counties named in full: neither is said to be its own
    two = text.replace("青草县", "西平县") + "学习借鉴遂平县经验,新建养老院2所。\n"
    assert read_metadata(two).issuer is None


def test_a_body_named_by_its_level_alone_takes_a_province_by_its_short_name():
    text = "宁夏100个重点项目完成投资过千亿\n12月22日,记者从自治区发展改革委了解到,截至11月底完成投资1020亿元。\n"
    assert read_metadata(text).issuer == "宁夏回族自治区发展改革委"


def test_a_place_named_in_full_comes_before_one_named_in_passing():
    from pipelines.lib.parsing.metadata.places import first_place_named

    text = "推进长三角一体化,接轨上海。1.高质量编制实施《绍兴市国民经济和社会发展规划》。"
    assert first_place_named(text, "市") == "绍兴市"
    # a short name in passing is none; a province's in the title is
    assert first_place_named("推进长三角一体化,接轨上海。", "市") is None
    assert first_place_named("记者从省发改委获悉。", "省", short_in="湖北重点项目进展") == "湖北省"


def test_a_list_of_bodies_is_no_issuer_but_its_first():
    assert normalize_issuer("区政府办公室*、区财政局") is None  # an office alone
    assert normalize_issuer("青山区政府办公室*、青山区财政局") == "青山区人民政府"
    assert normalize_issuer("青山区财政局、青山区税务局") == "青山区财政局"


def test_title_forms_of_plan_reports():
    # a document title broken before its report's name (…执行情况的报告)
    broken = (
        "关于东澜市2025年1—6月国民经济和社会\n发展计划执行情况的报告\n(送审稿)\n市人大常委会:\n"
        + BODY
    )
    assert (
        read_metadata(broken).title == "关于东澜市2025年1—6月国民经济和社会发展计划执行情况的报告"
    )
    # the date in brackets after it is no part of it
    dated = "关于东澜市2025年国民经济和社会发展计划执行情况的报告 ( 2026年02月12日 )\n" + BODY
    assert read_metadata(dated).title == "关于东澜市2025年国民经济和社会发展计划执行情况的报告"


def test_a_sentence_of_clauses_is_no_title():
    text = (
        "1至9月份,省重点工程累计完成投资386.7亿元,完成年度计划87.3%,同比提高9.9个百分点\n"
        "东澜省保障性安居工程提前完成全年任务\n"
        "  近日从省住建厅获悉,1至9月份,省重点工程累计完成投资386.7亿元。\n"
    )
    assert read_metadata(text).title == "东澜省保障性安居工程提前完成全年任务"


def test_a_news_outlets_name_alone_is_no_title():
    text = "东澜新闻网·东澜客户端讯\n东澜市前三季度重点项目完成投资80亿元\n  截至9月底,全市重点项目完成投资80亿元。\n"
    assert read_metadata(text).title == "东澜市前三季度重点项目完成投资80亿元"


@pytest.mark.parametrize(
    "text",
    [
        "东澜重点项目建设提速\n市发展改革委主任 张明\n今年以来,我市赴北京、深圳开展招商,新签约项目32个。\n",
        "东澜重点项目建设提速\n省发展改革委主任 张明\n今年以来,深化与浙江、广东的产业合作,新签约项目32个。\n",
    ],
)
def test_a_level_alone_body_is_of_no_place_named_in_passing(text):
    assert read_metadata(text).issuer is None


def test_title_lists_and_cut_offs():
    listed = (
        "关于一季度交通,水利,教育,卫生重点项目推进情况的通报\n各县区:\n1.新建学校3所,已建成2所。\n"
    )
    assert read_metadata(listed).title == "关于一季度交通,水利,教育,卫生重点项目推进情况的通报"
    from pipelines.lib.parsing.metadata.issuers import government_of_title

    assert government_of_title("截至2024年9月底东澜县重点项目完成投资86亿元") == "东澜县人民政府"


def test_a_body_by_its_level_alone_is_of_the_place_the_title_begins_with():
    # a city the title names by its short name, before any place named in passing
    text = "昆明今年计划实施重点项目300项\n记者从市重点项目办公室获悉,上半年完成投资过半。\n" + BODY
    assert read_metadata(text).issuer == "昆明市人民政府"
    # a masthead or a 来源 naming its body by level alone
    masthead = "关于锦州市2024年计划执行情况的报告\n市发展改革委\n各位代表:\n" + BODY
    assert read_metadata(masthead).issuer == "锦州市发展改革委"
    source = "天津市滨海新区2024年计划执行情况\n发布日期: 2025-03-02 来源: 区发展改革委\n" + BODY
    assert read_metadata(source).issuer == "天津市滨海新区发展改革委"
    # … but not the last cells of a table, the bodies responsible for its tasks
    cells = "锦州市2024年重点工作推进情况\n序号\n任务\n责任单位\n1\n新建5G基站800个,已建成600个。\n市经信委\n"
    assert read_metadata(cells).issuer == "锦州市人民政府"


def test_an_office_of_a_government_and_a_party_committee():
    assert normalize_issuer("锦州市政府督考办") == "锦州市人民政府"
    assert normalize_issuer("锦州市重点项目办公室") == "锦州市人民政府"
    text = "锦州市2024年重点工作推进情况\n来源: 市委办公室\n" + BODY
    assert read_metadata(text).issuer == "锦州市人民政府"  # 市委: a party's, not a government's


def test_the_official_delivering_a_report_named_with_a_space_or_on_the_next_line():
    spaced = (
        "关于东澜市2024年计划执行情况的报告\n东澜市发展和改革委员会主任 刘 明\n各位代表:\n" + BODY
    )
    assert read_metadata(spaced).issuer == "东澜市发展和改革委员会"
    unnamed = (
        "关于东澜市2024年计划执行情况的报告\n东澜市发展和改革委员会主任\n刘明\n各位代表:\n" + BODY
    )
    assert read_metadata(unnamed).issuer == "东澜市发展和改革委员会"
    two_spaces = (
        "关于东澜市2024年计划执行情况的报告\n东澜市发展和改革委员会主任 刘  明\n各位代表:\n" + BODY
    )
    assert read_metadata(two_spaces).issuer == "东澜市发展和改革委员会"
    # a report flattened onto one line: the body named alone right before the salutation
    flattened = (
        "关于青溪区2023年计划执行情况的报告.pdf\n——2023年12月20日在青溪区第三届人民代表大会第四次会议上 "
        "青溪区发展和改革委员会 各位代表: 受区人民政府委托,现将计划执行情况报告如下。\n" + BODY
    )
    assert read_metadata(flattened).issuer == "青溪区发展和改革委员会"
    # … after a table's bar
    barred = flattened.replace("委员会 各位代表", "委员会|\n各位代表")
    assert read_metadata(barred).issuer == "青溪区发展和改革委员会"
    # … with its head's office and name between (a name ending like a town's, 张海镇, is no body)
    named = flattened.replace("委员会 各位代表", "委员会主任 张海镇 各位代表")
    assert read_metadata(named).issuer == "青溪区发展和改革委员会"


@pytest.mark.parametrize(
    ("opening", "issuer"),
    [
        (
            "据自治区发展和改革委员会提供的数据,2025年全区共谋划重大项目500个。",
            "新疆维吾尔自治区发展和改革委员会",
        ),
        ("据市发改委统计,截至12月10日,全市共落实重点项目489个。", "大庆市发改委"),
        ("本报讯(记者李明)市发改委昨日传来消息,全市重点项目完成投资2224亿元。", "西安市发改委"),
        (
            "11月24日,新疆维吾尔自治区发展和改革委员会主任张明,向常委会报告了规划实施情况。",
            "新疆维吾尔自治区发展和改革委员会",
        ),
    ],
)
def test_more_ways_a_news_report_names_its_source(opening, issuer):
    title = {"大庆": "大庆重点项目全部开复工", "西安": "西安重点项目建设取得良好成效"}
    head = next((t for k, t in title.items() if k in issuer), "新疆重大项目建设提速")
    assert read_metadata(head + "\n" + opening + "\n" + BODY).issuer == issuer


def test_a_departments_site_as_the_source_comes_after_the_body_its_title_names():
    text = "青溪县人民政府关于2023年上半年重点工作进展情况的通报\n来源:青溪县发展和改革局网站 发布时间:2023-07-10\n"
    assert read_metadata(text + BODY).issuer == "青溪县人民政府"
    assert read_metadata("重点项目推进\n来源:青溪县发改局官网\n" + BODY).issuer == "青溪县发改局"


def test_a_named_body_keeps_its_name_but_not_its_division_nor_a_zones_name():
    # its division dropped, in a 来源 too
    source = "重点项目1-5月完成投资37亿元\n来源:东澜市发改委固定资产投资科\n" + BODY
    assert read_metadata(source).issuer == "东澜市发改委"
    # a zone named with the district it is
    assert normalize_issuer("无锡高新区(新吴区)发改委") == "新吴区发改委"
    # a level alone, 自治区 or 该市, is no name
    assert normalize_issuer("自治区人民政府") is None
    assert normalize_issuer("该市发改委") is None
    # … and a news dateline (央广网兰州2月13日消息) is no title, nor its outlet a place
    dateline = "央广网兰州2月13日消息(记者李明)记者从全省重大项目集中开工活动现场获悉,今年推进项目300个。\n"
    assert read_metadata(dateline + BODY).issuer != "央广网兰州人民政府"


def test_review_look_alikes_of_the_issuer_rules():
    # an office after a committee leaves the committee whole
    assert normalize_issuer("东澜市发展和改革委员会办公室") == "东澜市发展和改革委员会"
    # an official bulletin citing its statistics bureau is its own, not the bureau's
    own = (
        "2024年上半年全县重点工作进展情况通报\n发布时间:2024-07-15\n据青溪县统计局统计,上半年全县"
        "地区生产总值增长6.2%。\n一、重点项目。全县完成投资35亿元。\n主办:青溪县人民政府办公室\n"
    )
    assert read_metadata(own).issuer == "青溪县人民政府"
    # a numbered heading's bracket opens no clause: a city of the province's list is no subject
    listed = (
        "全省重点项目建设进展情况通报\n现将上半年情况通报如下。\n(一)济南市。完成投资356亿元。\n"
    )
    assert read_metadata(listed).issuer != "济南市人民政府"
    # a town with 台 in its name; a district with its zone in brackets
    assert government_of_title_("台头镇2024年上半年重点工作完成情况") == "台头镇人民政府"
    assert (
        normalize_issuer("宁波市北仑区(宁波经济技术开发区)发展和改革局")
        == "宁波市北仑区发展和改革局"
    )


def government_of_title_(title):
    from pipelines.lib.parsing.metadata.issuers import government_of_title

    return government_of_title(title)


def test_a_publishing_department_label_names_the_issuer():
    text = (
        "东澜市2024年计划执行情况\n发布时间:2025年02月24日 发布部门:东澜市发展和改革委员会\n" + BODY
    )
    assert read_metadata(text).issuer == "东澜市发展和改革委员会"


def test_a_province_and_a_city_of_it_by_their_short_names():
    from pipelines.lib.parsing.metadata.places import places_at

    assert places_at("河北邢台民生工程进展") == ("河北邢台", "河北省邢台市")
    assert places_at("北京朝阳群众") == ("北京", "北京市")  # 朝阳市 is a city of 辽宁
    assert read_metadata("江苏盐城:46件民生实事提前完成\n" + BODY).issuer == "江苏省盐城市人民政府"


def test_period_words_that_name_no_period():
    # ahead of time by a month is no period; the first two months are one
    assert period_of_title("东澜市重点项目提前一个月完成年度目标任务", 2024)[0] is None
    assert period_of_title("东澜市前两个月重点项目完成投资44亿元", 2024)[0] == "1-2月"
    # the year's task done, whenever it is done, is not the year as a period: the text's cut-off is
    text = "2021年东澜市提前完成年度为民办实事河道治理任务\n截至12月6日,全市完成河道治理3.1公里。\n"
    assert read_metadata(text).period_label == "截至12月6日"


def test_periods_a_goal_is_set_for_or_the_years_tasks_counted_are_no_period():
    # 确保一季度…开门红: a goal; the cut-off is the period
    text = "东澜市推动重点项目开工复工\n为确保一季度固定资产投资“开门红”,截至2月16日,全市复工重点项目86个。\n"
    assert read_metadata(text).period_label == "截至2月16日"
    # a plan report naming another period (上半年计划执行情况) is of that one; 年度100项任务 is no year
    plan = (
        "省人大常委会听取经济社会发展情况报告\n会议听取了《关于2025年国民经济和社会发展计划执行情况的报告》。\n"
        "上半年计划执行情况:清单化推进年度100项重点任务,完成投资增长2.7%。\n"
    )
    assert read_metadata(plan).period_label == "上半年"


def test_a_years_report_published_in_its_december_is_of_the_full_year():
    text = "青溪县2022年民生实事完成情况\n发布日期: 2022-12-26\n1.新建学校2所,已全部建成。\n2.改造道路3条,已完工。\n"
    bulletin = parse_bytes(text.encode(), "december.txt")
    assert (bulletin.period_label, str(bulletin.period_end)) == ("全年", "2022-12-31")
    november = text.replace("2022-12-26", "2022-11-26")
    assert parse_bytes(november.encode(), "november.txt").period_label is None
    # … unless its figures reach a cut-off: that one
    cut_off = text.replace("已完工。", "1-11月已完工3条。")
    assert parse_bytes(cut_off.encode(), "cut_off.txt").period_label == "1-11月"


def test_a_documents_file_extension_is_no_part_of_its_title():
    text = "关于东澜市2021年计划执行情况及2022年计划草案的报告.pdf\n各位代表:\n" + BODY
    assert read_metadata(text).title == "关于东澜市2021年计划执行情况及2022年计划草案的报告"


def test_a_places_own_paper_reporting_on_its_place():
    text = (
        "民心工程又有新进展\n稿源:泰安日报 2024-10-23\n"
        "在已过去的第三季度里,我市今年20项民心工程又有16项完成。\n" + BODY
    )
    assert read_metadata(text).issuer == "泰安市人民政府"
    # … not when the text does not speak of that place as its own
    elsewhere = text.replace("我市今年", "各地今年")
    assert read_metadata(elsewhere).issuer is None


B2 = "1.新建学校3所,已完成2所。\n2.改造老旧小区40个,已完工32个。\n"


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        # a headline naming an event is no masthead, even when it begins with a body by its level
        (
            "市发改委召开重点项目调度会\n10月11日,锦州市召开重点项目调度会。\n" + B2,
            "锦州市人民政府",
        ),
        # a 来源 by level alone takes the title's place only, not one the text names in passing
        (
            "2024年重点项目建设进展情况 - 东澜市人民政府\n发布日期: 2024-10-12 来源: 市发改委\n"
            "今年以来,我市与青州市深化合作,1-9月全市重点项目完成投资186亿元。\n" + B2,
            "东澜市人民政府",
        ),
        # sounds from a site (从工地传来), a contractor's view, a government's intent name no source
        (
            "东澜县重点项目建设如火如荼\n连日来,从全县各重点项目工地传来阵阵机器轰鸣声。"
            "记者从东澜县发展和改革局获悉,1-9月完成投资56亿元。\n" + B2,
            "东澜县发展和改革局",
        ),
        (
            "东澜市重点项目建设提速\n在施工现场,中铁十一局负责人表示,工程顺利。"
            "记者从东澜市发改委获悉,1-9月完成投资86亿元。\n" + B2,
            "东澜市发改委",
        ),
        (
            "东澜县重点项目加快推进\n东澜县政府表示,将全力推进项目建设。"
            "记者从东澜县发改局获悉,上半年完成投资30亿元。\n" + B2,
            "东澜县发改局",
        ),
    ],
)
def test_sources_that_are_none(text, issuer):
    assert read_metadata(text).issuer == issuer


def test_bodies_a_place_name_begins_that_are_no_government_of_it():
    assert normalize_issuer("西安铁路局") is None
    assert normalize_issuer("新疆兵团发改委") is None
    assert normalize_issuer("广西区发改委") == "广西壮族自治区发改委"


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("东澜市年底前两个月冲刺重点项目", "全年"),  # 年底, not 前两个月
        ("东澜市春节前两个月即全面复工", None),
        ("东澜市全面完成年度民生实事项目", "全年"),  # all of the year's projects done
    ],
)
def test_time_before_something_is_no_period(title, period):
    assert period_of_title(title, 2024)[0] == period


def test_a_file_size_after_its_extension():
    text = "关于东澜市2021年计划执行情况的报告.pdf(1.2MB)\n各位代表:\n" + BODY
    assert read_metadata(text).title == "关于东澜市2021年计划执行情况的报告"


def test_a_posts_kind_before_a_bar_is_no_place():
    from pipelines.lib.parsing.metadata.issuers import government_of_title

    assert government_of_title("视频丨省政府月度督查组在我市开展实地督查") is None


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        # the first source by level alone is placed; a later speaker is no source
        (
            "四川省重点项目建设成效明显\n记者从省发改委获悉,全省700个重点项目完成投资6000亿元。"
            "绵阳市住建局局长王强介绍,绵阳市120个项目完成投资300亿元。\n" + B2,
            "四川省发改委",
        ),
        # a zone's committee is a masthead; a meeting is not
        (
            "东澜经开区管委会\n经开区重点项目进展情况通报\n今年以来,30个重点项目已开工25个。\n",
            "东澜经开区管委会",
        ),
        # a paper a text quotes, or whose county speaks of its city only to rank itself, is no issuer
        (
            "我市重点项目建设捷报频传\n发布时间:2023-09-20\n近日,湖北日报头版报道了我市重点项目建设经验。"
            "今年以来,我市120个重点项目完成投资300亿元。\n" + B2,
            None,
        ),
        (
            "重点项目建设跑出加速度\n稿源:泰安日报\n今年以来,宁阳坚持项目为王,60个县级重点项目已开工48个,"
            "开工率居全市第一。\n" + B2,
            None,
        ),
    ],
)
def test_sources_and_papers_that_name_no_issuer(text, issuer):
    assert read_metadata(text).issuer == issuer


@pytest.mark.parametrize(
    "title",
    [
        "青川县重点项目完成年度建设任务的85%",
        "东澜市民生实事完成年度工作量八成以上",
        "全市重点项目已完成年度进度的78%",
    ],
)
def test_a_share_of_the_years_work_is_no_full_year(title):
    assert period_of_title(title, 2023)[0] is None


def test_a_papers_name_a_project_kind_and_january_as_元():
    from pipelines.lib.parsing.metadata.issuers import government_of_title

    assert government_of_title("三秦都市报-三秦网讯(记者王东") is None  # a paper, not a city
    assert government_of_title("元-4月封丘县项目建设进展情况") == "封丘县人民政府"
    assert normalize_issuer("特色小镇") is None  # a kind of project, not a town
