"""Pages that look like the genre and are not: a government work report itself, or news of one
being delivered; a plan (its tasks and who is responsible, no progress); a page about a year that
had not begun when it was published.

A work report (政府工作报告) is addressed to the people's congress (各位代表 / 在…人民代表大会…会议上)
and reviews the past year in figures, so it reads much like a bulletin; but it is the source of the
tasks, not a report of progress on them. A report to the congress that reports on a plan's execution
(计划执行情况, 预算执行情况) or on how tasks were done (完成情况, 进展情况 …) is of the genre. So is
news of a work report (…人民代表大会…会议开幕, 县长作政府工作报告): it lists what the year will do.

A plan (责任分解 / 分工方案 / 责任清单) lists the tasks and the bodies responsible for them: the tasks'
source again, with targets and no progress. So does a page that issues one (印发…分工方案的通知,
《…责任分解方案》…现印发给你们) and reports nothing done.

News of a meeting or a visit (…主持召开常务会议,审议…方案; 视察…项目进展) that reports nothing done is
not a report of progress either: it says who met, what they reviewed and what they asked for."""

from __future__ import annotations

import re
from datetime import date

from .prose import is_progress_title, reports_done, reports_work_done, states_work_done

GENRE_HEAD_CHARS = 3000  # where a text says what it is: a salutation, a plan issued, its report
_TO_THE_CONGRESS = re.compile(r"各位代表|在[^。\n]{2,40}人民代表大会[^。\n]{0,20}会议上")
# news of a work report being delivered (…人民代表大会…会议开幕, 县长作政府工作报告)
_WORK_REPORT_NEWS = re.compile(r"人民代表大会[^。\n]{0,40}会议[^。\n]{0,40}作《?政府工作报告")
_REPORTS_PROGRESS = re.compile(r"执行情况|完成情况|进展情况|落实情况|推进情况|办理情况|实施情况")
_ISSUES_A_PLAN = re.compile(
    r"印发[^。\n]{0,40}?(?:分工方案|责任清单|责任分解|任务分解|分工)|进行责任分解|予以分解|"
    r"(?:分工|分解|方案|清单)[》>]?[^。\n]{0,30}?印发给你们"  # 《…分工方案》…,现印发给你们
)
# News of a meeting or a visit (召开…会议, 主持召开, 视察, 调研), in its headline or first sentences
# (a page's opening: a bulletin that mentions a meeting does so further on, or reports what was done):
# when it reports nothing done, it is news of who met and what they reviewed or asked for
_MEETING_NEWS = re.compile(
    r"召开[^。\n]{0,30}?(?:会议|部署会|推进会|调度会|座谈会)|常务会议|视察|调研|座谈会|"
    # … or an inspection being carried out (开展综合督查, 派员参加…督查, 督查组赴…): who inspects, not
    # what was done
    r"开展[^。\n]{0,20}?督查|派员参加[^。\n]{0,40}?督查|督查组[^。\n]{0,10}?(?:赴|深入|到)|"
    # … or guided (督导组分赴…, 对未开工重点项目进行督导检查)
    r"督导组[^。\n]{0,10}?(?:赴|深入|到)|督导检查|联合督导"
)
MEETING_HEAD_CHARS = 300
# … and a congress session opening where the work report is delivered, in the page's opening
# (…人民代表大会第四次会议开幕。市长在会上作政府工作报告): news of the report, whatever of the past
# year it retells, unless it reports progress to a date of the year (截至6月底,已完成3件)
# (a full session, 人大二次会议, or 召开…人民代表大会第二次会议; not a standing committee's, to which
# a plan's execution is reported)
_SESSION_OPENS = re.compile(
    r"(?:人民代表大会|人大)(?![^。\n]{0,8}常委会)[^。\n]{0,30}?会议[^。\n]{0,30}?开幕|"
    r"召开[^。\n]{0,20}?人民代表大会(?![^。\n]{0,8}常委会)[^。\n]{0,20}?会议"
)
_REPORT_DELIVERED = re.compile(
    r"作[了]?《?政府工作报告|向大会作[^。\n]{0,20}?报告|(?:省长|市长|县长|区长|州长|旗长)[\u4e00-\u9fff·]{1,4}作报告"
)
_TO_A_DATE = re.compile(
    r"(?:截[至止]|至)(?:(?:19|20)\d{2}年)?\d{1,2}月|[上下]半年|前?[一二三]季度|"
    r"\d{1,2}\s?[-—–~至]\s?\d{1,2}月|前\d{1,2}个月|今年以来|目前已"
)
WORK_REPORT = (
    "a government work report itself (addressed to the people's congress: 各位代表), "
    "or news of one, not a report of progress on its tasks"
)
# What a page that reports nothing done announces instead of progress, in its title or opening:
# a vote choosing the year's 民生实事 (票决, 票选), a list of the year's projects or tasks to come
# (拟实施, 名单, 分工的意见), a work report retold (《政府工作报告》 in its title, not its 落实)
_ANNOUNCES = {
    "vote": (
        re.compile(
            r"票决|票选|计票|投票(?:选出|产生|表决)|(?:审议|表决)通过[^。\n]{0,30}?(?:民生实事|实事项目)"
        ),
        "news of a vote choosing the year's 民生实事: what they will do, not progress on them",
    ),
    "list": (
        re.compile(
            r"拟实施|拟安排|计划集中开工|项目计划(?:表|的通知)?$|分工的意见|分工方案|责任分工|任务分解|"
            r"(?:公布|发布|下达)[^。\n]{0,20}?(?:重点项目|实事项目|民生实事)"
        ),
        "a list of the year's projects or tasks to come (拟实施, 分工的意见, 公布…重点项目), "
        "no progress reported",
    ),
    "work report": (
        re.compile(
            r"(?<![在据照])《?政府工作报告(?!.{0,12}(?:落实|完成|进展|推进|执行|督查|目标任务|重点工作))"
        ),
        "a government work report retold (its digest or news of it), not a report of progress",
    ),
}
ANNOUNCEMENT_HEAD_CHARS = 200
# A call for what the year's 民生实事 should be (公开征集…民生实事建议, 14项候选项目, 邀请…投票): said
# anywhere in the head, after a letter's salutation or an information table, when nothing is done
_SOLICITS = re.compile(
    r"征集[^。\n]{0,20}?(?:民生实事|实事项目|惠民项目|候选项目|意见建议)|"
    r"(?:民生实事|实事项目|惠民项目)[^。\n]{0,12}?(?:建议|意见)?征集|候选项目"
)
# … unless it says where the work stands (征集…确定了10件。目前,新建的3所幼儿园主体完工)
_PROGRESS_SAID = re.compile(r"目前|截[至止]|已(?:完成|建成|完工|开工|竣工|投用)|完工|竣工|投入使用")
SOLICITATION = (
    "a call for the year's 民生实事 (征集, 候选项目): what they may be, not progress on them"
)
_CITED = re.compile(
    r"(?:根据|按照|依据|落实)《[^》\n]{0,60}》"
)  # the opening that says what a page is: its title, its first lines
# A title naming a division of the tasks (落实《政府工作报告》重点工作分工的意见), and items naming who
# is responsible for each (…。责任单位:区发改委): a plan, when nothing is reported done
_NOTICE_TITLE = re.compile(r"的通知$|的意见$|方案$")
_DIVISION_TITLE = re.compile(
    r"分工的意见|分工方案|任务分解|责任分工|责任清单|分解方案|责任单位的通知"
)
_RESPONSIBLE = re.compile(r"(?:责任单位|牵头单位|责任部门|牵头部门)\s*[:：]")
RESPONSIBLE_ITEMS = 3
PLAN = "a plan (责任分解 / 分工方案 / 责任清单): its tasks and the bodies responsible, no progress reported"


def not_a_bulletin_reason(
    body: str, title: str, year: int | None, published: date | None
) -> str | None:
    """Why the text is not a progress bulletin, before its tasks are read, or None. A page issuing
    a plan that reports nothing done is a plan; so is news of a meeting, of a work report, of a
    year not yet begun; else one whose head names what the genre reports (执行情况, 完成情况 …) is
    of the genre, unless it reports nothing done and announces what is to come (a vote, a list of
    the year's projects, a work report retold)."""
    head = body[:GENRE_HEAD_CHARS]
    done = reports_done(body)
    # (a notice is no report whatever it asks for: 关于落实…项目的通知)
    progress_title = is_progress_title(title) and not _NOTICE_TITLE.search(title)
    if _ISSUES_A_PLAN.search(head) and not progress_title and not done:
        return PLAN
    work_done = reports_work_done(body)
    if not done and (
        _DIVISION_TITLE.search(title)
        or (
            len(_RESPONSIBLE.findall(head)) >= RESPONSIBLE_ITEMS
            and not progress_title
            and not work_done
        )
    ):
        return PLAN  # 重点工作分工的意见; items each naming who is responsible (责任单位:…), nothing done
    if (
        _MEETING_NEWS.search(body[:MEETING_HEAD_CHARS])
        and not done
        and not states_work_done(body)
        # (a 督查通报 opens by telling of its inspection; news whose headline is the visit is news)
        and (not progress_title or _MEETING_NEWS.search(title))
    ):
        return (
            "news of a meeting or a visit (召开…会议, 视察, 调研) that reports nothing done, "
            "not a report of progress"
        )
    opening = body[:MEETING_HEAD_CHARS]
    if (
        _SESSION_OPENS.search(opening)
        and _REPORT_DELIVERED.search(opening)
        and not is_progress_title(title)
        and not _TO_A_DATE.search(body)
    ):
        return WORK_REPORT
    reports_progress = bool(_REPORTS_PROGRESS.search(head))  # 执行情况, 完成情况 …: the genre's
    if not reports_progress and (
        _TO_THE_CONGRESS.search(head) or (_WORK_REPORT_NEWS.search(head) and not done)
    ):
        return WORK_REPORT
    if (
        not reports_progress
        and year is not None
        and published is not None
        and year > published.year
        and not done
    ):
        return (
            f"about {year}, published on {published.isoformat()}, before that year began: "
            "an announcement or a plan, not a report of progress"
        )
    if not done and not progress_title and not work_done:
        # (a document the page cites, 根据《…分工的意见》要求, is the source of its tasks)
        announced = _CITED.sub("", title + "\n" + body[:ANNOUNCEMENT_HEAD_CHARS])
        for pattern, reason in _ANNOUNCES.values():
            if pattern.search(announced):
                return reason
        if _SOLICITS.search(title + "\n" + head) and not _PROGRESS_SAID.search(head):
            return SOLICITATION
    return None


def plan_reason(title: str, body: str) -> str | None:
    """Why a document whose task reader found no progress column is not a bulletin, or None when
    its title names a report of progress and its text reports things done (a table of tasks under
    a lead that tallies them: 40项任务中已完成8项…未完成任务如下)."""
    return None if is_progress_title(title) and reports_done(body) else PLAN
