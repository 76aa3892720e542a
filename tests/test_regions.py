"""Region of a statistic: sentence place, back-references, article context, national default."""

from __future__ import annotations

from fupin.extract.analysis import Analysis
from fupin.extract.gazetteer import Gazetteer
from fupin.extract.regions import RegionResolver
from fupin.extract.sentences import split_sentences


def resolver(text: str, lang: str, title: str | None = None) -> RegionResolver:
    analysis = Analysis(text, lang, split_sentences(text, lang), title=title)
    analysis.places = Gazetteer.default().find(text, lang)
    return RegionResolver(analysis)


def region(text: str, lang: str, number: str, title: str | None = None, nth: int = 0) -> dict:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(number, pos + 1)
    return resolver(text, lang, title).region_at(pos)


def test_place_before_the_number_in_the_sentence():
    text = "遵义市正安县一家吉他配件厂办了三个扶贫车间,带动86位建档立卡贫困户在家门口上班。"
    assert region(text, "zh", "86") == {
        "name": "遵义市正安县",
        "province": "Guizhou",
        "level": "county",
        "adcode": "520324",
    }


def test_place_after_the_number_in_english():
    text = "Some 1460 poverty alleviation workshops operate in Hunan Province, and 96.41% of them reopened."
    assert region(text, "en", "1460")["province"] == "Hunan"
    assert region(text, "en", "96.41")["name"] == "Hunan Province"


def test_back_reference_to_the_province():
    text = (
        "邵阳市隆回县建起九个扶贫车间。车间主任罗桂英说,订单已经排到年底。\n"
        "截至五月中旬,全省3150家扶贫车间有八成以上恢复了生产。"
    )
    got = region(text, "zh", "3150")
    assert (got["province"], got["level"], got["adcode"]) == ("Hunan", "province", "430000")


def test_back_reference_to_the_county_from_a_township():
    text = "3月9日,于都县岭背镇一家服装厂的扶贫车间里,女工们正忙着缝制口罩。眼下,该县已有86家扶贫车间开工。"
    got = region(text, "zh", "86")
    assert (got["province"], got["level"], got["adcode"]) == ("Jiangxi", "county", "360731")


def test_sentence_without_place_inherits_the_current_place():
    text = (
        "In Qinghai, 430 poverty alleviation workshops have been set up so far. "
        "By March 12, some 287 of the workshops had started operating again."
    )
    assert region(text, "en", "287") == {
        "name": "Qinghai",
        "province": "Qinghai",
        "level": "province",
        "adcode": "630000",
    }


def test_national_paragraph_and_national_bodies():
    text = (
        "截至6月中旬,全国贫困劳动力外出务工人数达2436.8万人。\n云南省累计建成扶贫车间1530个。\n"
        "国务院扶贫办通报,中西部22个省份的扶贫龙头企业已有95%恢复生产。"
    )
    assert region(text, "zh", "2436.8")["level"] == "national"
    assert region(text, "zh", "1530")["province"] == "Yunnan"
    got = region(text, "zh", "95")
    assert (got["province"], got["level"], got["name"]) == (None, "group", "中西部22个省份")
    en = (
        "Hubei opened 640 workshops. Zhang Ming, Vice Minister of Civil Affairs, told "
        "reporters that 27.6 million poor people had found jobs away from home."
    )
    assert region(en, "en", "27.6")["province"] is None


def test_no_place_at_all_is_national():
    assert region("外出打工的贫困劳动力共有1900多万人。", "zh", "1900") == {
        "name": "China",
        "province": None,
        "level": "national",
        "adcode": None,
    }


def test_title_gives_the_main_place():
    text = "目前,已有扶贫车间6000余处。"
    assert region(text, "zh", "6000", title="山东已建6000余处扶贫车间")["province"] == "Shandong"


def test_donor_regions_and_news_outlets_are_not_the_place():
    text = "青岛新闻网9月12日甘肃电 甘肃西和县和青岛市结对帮扶。\n2020年,青岛市的帮扶资金增加到2864.3万元。"
    assert region(text, "zh", "2864.3")["province"] == "Gansu"
    assert region("三明新闻网讯 扶贫车间新招收工人265名。", "zh", "265")["province"] is None


def test_destination_lists_are_not_the_place():
    text = (
        "At the Dingxi Potato Starch Co. plant, 45 villagers bag noodles shipped to Chengdu, Chongqing, "
        "Kunming and other places. Now I take home 2,800 yuan every month."
    )
    assert region(text, "en", "2,800")["province"] == "Gansu"


def test_cited_report_in_a_placeless_paragraph_takes_the_article_scope():
    text = (
        "Ma moved to Shanghai in 2017 and now makes more than 9,000 yuan each month.\n"
        "According to the report, 184,000 couriers come from poor families."
    )
    assert region(text, "en", "184,000")["province"] is None
    assert region(text, "en", "9,000")["province"] == "Shanghai"


def test_dateline_is_not_the_place_of_national_figures():
    text = "新华社北京9月8日电 到8月末,外出打工的贫困劳动力有2815万人。"
    assert region(text, "zh", "2815")["province"] is None
    en = "Beijing, Sept. 8 (Xinhua) -- About 28.15 million poor laborers had left home for work by August."
    assert region(en, "en", "28.15")["province"] is None


def test_ad_and_navigation_lines_do_not_set_the_place():
    text = (
        "岳西县扶贫车间建设稳步推进，全县已建成扶贫车间52个。\n"
        "热门推荐：澳门赌场真人娱乐 开户即送88元 www.bet-888.example\n"
        "返回首页 | 广州新闻 | 深圳新闻 | 联系我们\n"
        "在菖蒲镇的一个车间里，工人们每月可挣2800元。"
    )
    assert region(text, "zh", "2800")["province"] == "Anhui"
    english = (
        "Jiangxi's Xingguo county has 60 poverty alleviation workshops.\n"
        "Play at Macao casino tonight | free bonus | www.win-big.example\n"
        "The workshops pay 2,600 yuan a month."
    )
    assert region(english, "en", "2,600")["province"] == "Jiangxi"


def test_a_sentence_that_mentions_a_website_is_still_prose():
    text = "据甘肃省政府网站www.gansu.example消息，全省已建成扶贫车间1800个。"
    assert region(text, "zh", "1800")["province"] == "Gansu"


def test_destinations_of_migrant_work_are_not_the_place():
    zh = (
        "会宁县今年以来组织贫困劳动力外出务工，已输送到江苏、上海1.2万人，其中赴浙江务工3000人。"
        "县里为每人发放交通补贴500元。"
    )
    assert region(zh, "zh", "1.2万")["province"] == "Gansu"
    assert region(zh, "zh", "3000")["province"] == "Gansu"
    assert region(zh, "zh", "500")["province"] == "Gansu"
    en = (
        "Zhenxiong county in Yunnan has sent 8,000 poor laborers to jobs in other provinces, including 2,500 "
        "to Guangdong. Buses took workers to Shenzhen and Dongguan.\n\n"
        "Each worker received a subsidy of 300 yuan."
    )
    assert region(en, "en", "8,000")["province"] == "Yunnan"
    assert region(en, "en", "300")["province"] == "Yunnan"


def test_donors_are_not_the_place_of_the_funds():
    en = (
        "Tianzhu county in Gansu has built 20 workshops. "
        "Tianjin's Binhai district has donated 5 million yuan to Tianzhu this year for roads."
    )
    assert region(en, "en", "5 million")["province"] == "Gansu"
    zh = "天祝县今年新建扶贫车间20个。天津市滨海新区为天祝县提供帮扶资金500万元。"
    assert region(zh, "zh", "500万")["province"] == "Gansu"


def test_county_back_reference_skips_groups_and_provinces_named_in_passing():
    zh = (
        "贵州省望谟县是全国“三区三州”以外的深度贫困县。"
        "村里的年轻人过去大多外出务工。在该县蔗香镇的一个车间里，女工们正在缝制衣服。"
        "“一个月能拿到2400元。”一名女工说。"
    )
    assert region(zh, "zh", "2400")["province"] == "Guizhou"
    en = (
        "In Dongxiang county of Linxia, Gansu, workshops employ 900 people. "
        "Wages there are lower than in Zhejiang, a manager said. "
        "This year the county has trained 1,500 poor laborers."
    )
    assert region(en, "en", "1,500")["province"] == "Gansu"


def test_quoted_speech_does_not_carry_its_place_over():
    text = (
        "在石阡县的一家扶贫车间，村民李大姐说：“以前我在广东东莞打工，一年到头见不到孩子。”"
        "如今车间吸纳了本村65名群众就业。"
    )
    assert region(text, "zh", "65")["province"] == "Guizhou"


def test_a_place_located_in_its_province_is_the_place_of_the_sentence():
    text = (
        "In Yanbian Korean autonomous prefecture in Northeast China's Jilin province, 85 workshops reopened."
    )
    got = region(text, "en", "85")
    assert got["province"] == "Jilin" and got["level"] == "prefecture"


def test_places_people_worked_away_in_are_not_the_region():
    text = (
        "在靖西市一家扶贫车间,贫困户黄丽正在缝制箱包。她以前在浙江一家鞋厂打工。"
        "“现在每个月能挣2000元。”黄丽说。"
    )
    assert region(text, "zh", "2000")["province"] == "Guangxi"
    text = (
        "Wu Fang once went far to earn money: she used to work on an assembly line in Fujian. "
        "Now she earns 1,800 yuan a month in a workshop of Huanjiang Maonan Autonomous County."
        " Her brother just returned from Zhejiang. Another 45 workshops will open."
    )
    assert region(text, "en", "45")["province"] == "Guangxi"
    text = (
        "Tang Mei lives in Zhaojue county. Her son all year in Guangdong work. She earns 1,500 yuan a month."
    )
    assert region(text, "en", "1,500")["province"] == "Sichuan"


def test_districts_outside_the_programme_are_not_found_in_everyday_words():
    """新社区 ("new community") is a district of Taiwan's Taichung, and an everyday word here."""
    text = "截至9月底，汉中市已建成新社区工厂58家，吸纳就业3100人。"
    assert region(text, "zh", "58")["name"] == "汉中市"
    assert region(text, "zh", "3100")["province"] == "Shaanxi"
    assert Gazetteer.default().find("台湾", "zh")[0].place.province == "Taiwan"  # the region itself is kept


def test_a_ministry_is_named_in_full_for_a_national_figure():
    text = "Some 1.2 million people found jobs, the Ministry of Civil Affairs and Social Services said."
    assert region(text, "en", "1.2") == {
        "name": "Ministry of Civil Affairs and Social Services",
        "province": None,
        "level": "national",
        "adcode": None,
    }
