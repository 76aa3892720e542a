# ruff: noqa: E501 - page templates and article text read better unwrapped
"""The demo site's articles: written for this project, in Chinese and English.

Three fictional outlets modelled on the real ones the crawler is built for
(a People's-Daily-like site in GBK with list pages, a Xinhua-like site with a
sitemap, a China-Daily-like English site with an RSS feed). The figures are
realistic in kind and size (workshop counts, resumption rates, jobs for poor
labourers, dates, officials with titles) but invented; the people are fictional.
One Xinhua-like story is reprinted by the People's-Daily-like outlet; the English
outlet's Gansu story disagrees with the Chinese original on two figures (a
factor-of-10 translation slip and a different count), for reconciliation to
find; one page is off-topic (kept out by the topic keywords), one is disallowed by robots.txt.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoArticle:
    outlet: str  # "people" | "xinhua" | "chinadaily"
    path: str
    title: str
    published: str  # ISO date, as the page shows it
    paragraphs: tuple[str, ...]
    encoding: str = "utf-8"  # the bytes
    meta_charset: str | None = None  # what <meta charset> says (default: encoding)
    content_type: str | None = None  # the HTTP header, when it should disagree with the page
    on_topic: bool = True
    reprint_of: str | None = None  # path of the original story


PEOPLE = (
    DemoArticle(
        "people",
        "/people/n1/2020/0326/c1001-31648821.html",
        "甘肃：全省扶贫车间复工率达95.2%",
        "2020-03-26",
        (
            "人民网兰州3月26日电 记者从甘肃省扶贫办获悉，截至3月25日，甘肃省已建成扶贫车间1890个，"
            "其中已复工1799个，复工率达到95.2%，吸纳就业4.6万人，其中贫困劳动力2.1万人。",
            "今年以来，受新冠肺炎疫情影响，部分扶贫车间一度停工。甘肃省出台支持扶贫车间复工复产十条措施，"
            "对吸纳贫困劳动力就业的扶贫车间给予一次性奖补，每吸纳1名贫困劳动力补贴1000元。",
            "“扶贫车间建在家门口，贫困群众既能挣钱又能顾家。”甘肃省扶贫办副主任张明远说，"
            "下一步将重点推动临夏州、甘南州等深度贫困地区的扶贫车间全面复工，确保4月底前复工率达到98%以上。",
            "在定西市安定区的一家服装加工扶贫车间，32名工人正在赶制订单，其中建档立卡贫困户19人。"
            "车间负责人介绍，目前订单已排到6月份，工人月均收入2400元左右。",
        ),
        encoding="gbk",
    ),
    DemoArticle(
        "people",
        "/people/n1/2020/0408/c1004-31665302.html",
        "湘西州扶贫车间吸纳贫困劳动力8300余人",
        "2020-04-08",
        (
            "人民网长沙4月8日电 湖南省湘西土家族苗族自治州人力资源和社会保障局4月7日发布消息，"
            "截至4月6日，全州527家扶贫车间已复工503家，复工率95.4%，吸纳贫困劳动力8326人就业。",
            "湘西州人社局局长龙志堃介绍，疫情发生后，全州组织专班逐一走访扶贫车间，协调解决原料、用工和物流难题，"
            "并为312家扶贫车间申请到稳岗补贴共计468万元。",
            "在花垣县十八洞村附近的一家电子元件扶贫车间，贫困劳动力占员工总数的六成以上。"
            "“在家门口上班，每个月能拿到2000多元。”贫困户石秀梅说。",
            "据统计，2019年全州扶贫车间带动贫困劳动力人均增收1.2万元。今年，湘西州计划新建扶贫车间60家。",
        ),
        encoding="gbk",  # 堃 is not in GB2312: the page says gb2312 but is really GBK
        meta_charset="gb2312",
        content_type="text/html; charset=utf-8",  # and the server says utf-8
    ),
    DemoArticle(
        "people",
        "/people/n1/2019/1115/c1001-31457710.html",
        "陕西安康：社区工厂让搬迁群众就近就业",
        "2019-11-15",
        (
            "人民网西安11月15日电 走进陕西省安康市平利县的易地扶贫搬迁安置社区，一排排新厂房里机器轰鸣。"
            "截至10月底，安康市已建成新社区工厂662家，吸纳就业2.5万人，其中贫困劳动力9100人。",
            "安康市委副书记、市长王海波表示，社区工厂是“挪穷窝”与“换穷业”并举的关键，"
            "要让搬迁群众“搬得出、稳得住、能致富”。",
            "当地对新建社区工厂给予最高50万元的补助，并对每吸纳一名贫困劳动力稳定就业6个月以上的企业奖励2000元。",
        ),
        encoding="gbk",
    ),
    DemoArticle(
        "people",
        "/people/n1/2020/0312/c1001-31629988.html",
        "北京启动春季义务植树活动",
        "2020-03-12",
        (
            "人民网北京3月12日电 今天是植树节，北京市园林绿化局发布消息，今年全市计划新增造林绿化面积16万亩，"
            "将采取预约、错峰等方式组织市民参加义务植树。",
            "市园林绿化局有关负责人表示，各公园和林场将控制现场人数，倡导市民通过“云植树”等方式尽责。",
        ),
        encoding="gbk",
        on_topic=False,
    ),
    DemoArticle(
        "people",
        "/people/n1/2020/0401/c1001-31657023.html",
        "贵州：贫困劳动力外出务工人数超过去年同期",
        "2020-04-01",
        (),  # filled from the Xinhua-like original below: a reprint
        encoding="gbk",
        reprint_of="/xinhua/2020-03/31/c_1125791234.htm",
    ),
)

XINHUA = (
    DemoArticle(
        "xinhua",
        "/xinhua/2020-03/31/c_1125791234.htm",
        "贵州：贫困劳动力外出务工人数超过去年同期",
        "2020-03-31",
        (
            "新华社贵阳3月31日电 记者从贵州省人力资源和社会保障厅获悉，截至3月30日，"
            "贵州省已有贫困劳动力外出务工196.3万人，达到去年外出务工总数的102.6%。",
            "贵州省人社厅副厅长陈国华说，全省通过“点对点”专车、专列等方式累计输送农民工返岗28.7万人，"
            "并在省内开发公益性岗位1.2万个，优先安置因疫情无法外出的贫困劳动力。",
            "与此同时，全省2238个扶贫车间已复工2107个，复工率94.1%，吸纳贫困劳动力3.4万人。",
            "陈国华表示，贵州将继续落实就业扶贫各项政策，确保有劳动能力和就业意愿的贫困劳动力应出尽出、应返尽返。",
        ),
    ),
    DemoArticle(
        "xinhua",
        "/xinhua/2020-04/15/c_1125859870.htm",
        "国务院扶贫办：全国扶贫车间复工率超过九成",
        "2020-04-15",
        (
            "新华社北京4月15日电 国务院扶贫办4月15日召开新闻发布会。国务院扶贫办开发指导司司长刘建平介绍，"
            "截至4月14日，全国32688个扶贫车间已复工29876个，复工率91.4%，吸纳贫困劳动力就业30.9万人。",
            "刘建平说，52个未摘帽贫困县的扶贫车间复工率为88.7%，略低于全国平均水平，"
            "将作为下一步挂牌督战的重点。",
            "据介绍，今年全国贫困劳动力外出务工已达2315万人，占去年外出务工总数的85.6%。"
            "国务院扶贫办将会同有关部门，加大扶贫龙头企业和扶贫车间的信贷支持力度。",
        ),
    ),
)

CHINADAILY = (
    DemoArticle(
        "chinadaily",
        "/chinadaily/a/202004/20/WS5e9d3a12a3105d50a3d17a41.html",
        "Henan's poverty alleviation workshops back in business",
        "2020-04-20",
        (
            "ZHENGZHOU - Poverty alleviation workshops in Henan province have largely resumed production after "
            "the COVID-19 outbreak, with 3,126 of the province's 3,342 workshops back at work as of April 18, "
            "a resumption rate of 93.5 percent, the provincial poverty alleviation office said on Sunday.",
            "As of April 4, 2,710 workshops in the province had resumed production, the office said then.",
            "The workshops employ 178,000 people, including 62,000 from registered poor households, "
            "according to the office.",
            '"Workshops near people\'s homes allow the poor to earn a wage and still look after their families," '
            "said Li Qiang, deputy director of the Henan Provincial Poverty Alleviation Office. "
            "He said the province would pay a one-off subsidy of 2,000 yuan for each impoverished laborer a "
            "workshop keeps on its payroll for six months.",
            "In Lankao county, a wig-making workshop reopened on Feb 24 and now employs 85 workers, "
            "31 of them from poor households, each earning about 2,300 yuan a month.",
        ),
    ),
    DemoArticle(
        "chinadaily",
        "/chinadaily/a/202005/06/WS5eb2018ca310a8b241153f92.html",
        "Migrant workers from poor households return to their jobs",
        "2020-05-06",
        (
            "BEIJING - More than 23 million migrant workers from impoverished households had returned to work "
            "by the end of April, about 87 percent of last year's total, the Ministry of Human Resources and "
            "Social Security said on Wednesday.",
            "Zhang Wenjun, a vice-minister of human resources and social security, told a news conference that "
            "local governments had arranged 4,800 chartered trains and buses to take poor laborers to their "
            "workplaces since February.",
            "Poverty alleviation workshops across the country have also reopened, employing 320,000 people from "
            "poor families, he said. Zhang added that the ministry would extend job-stabilization subsidies to "
            "enterprises that hire workers from poverty-stricken areas.",
        ),
    ),
    DemoArticle(
        "chinadaily",
        "/chinadaily/a/202003/27/WS5e7d61a2a310128217281f3c.html",
        "Gansu's workshops get back to work",
        "2020-03-27",
        (
            "LANZHOU - As of March 25, Gansu province had built 1,890 poverty alleviation workshops, "
            "1,780 of which had resumed production, the provincial poverty alleviation office said.",
            "The workshops employ 460,000 people, including 21,000 from registered poor households, "
            "and each poor laborer they hire brings the workshop a one-off reward of 1,000 yuan.",
            "Zhang Mingyuan, deputy director of the Gansu Provincial Poverty Alleviation Office, said the "
            "province aims to raise the resumption rate above 98 percent by the end of April.",
        ),
    ),
)

#: robots.txt forbids this one; it is in the sitemap anyway.
DISALLOWED = DemoArticle(
    "xinhua",
    "/xinhua/internal/2020-04/16/c_1125860001.htm",
    "内部稿件：扶贫车间复工统计（待审）",
    "2020-04-16",
    ("此稿件尚未审定，扶贫车间复工数据以正式发布为准。",),
)


def all_articles() -> tuple[DemoArticle, ...]:
    return PEOPLE + XINHUA + CHINADAILY
