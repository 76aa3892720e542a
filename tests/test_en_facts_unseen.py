"""English wording families found on unseen pages and translated reports (session 20).

Every sentence is written for these tests (several wordings of a family and the near-misses
that must not match); none is copied from an evaluation set or from a translation.
"""

from __future__ import annotations

from extract_support import english_drafts

from fupin.extract import en


def _facts(text: str, published: str = "2020-04-10") -> list[tuple]:
    return [
        (d.metric, d.quantity.value, (d.region or {}).get("province"), d.as_of)
        for d in english_drafts(text, published)
    ]


def _metrics(text: str) -> list[tuple[str, float]]:
    return [(m, v) for m, v, *_ in _facts(text)]


# --- "up and running" in a story on the shutdown --------------------------------------------


def test_up_and_running_in_a_shutdown_story_is_a_resumption() -> None:
    assert _metrics(
        "Amid the epidemic, 58 poverty alleviation workshops in the county are up and running."
    ) == [("workshops_resumed", 58.0)]
    assert _metrics(
        "Production stopped during the coronavirus outbreak.\nNow 1,200 of the 1,300 workshops in the "
        "province are up and running."
    ) == [("workshops_resumed", 1200.0), ("workshops", 1300.0)]
    assert _metrics(
        "After the outbreak, all 38 leading poverty alleviation enterprises in the county are up and running."
    ) == [("enterprises", 38.0), ("enterprises_resumed", 38.0)]
    assert _metrics(
        "Work is resuming across Hunan. By April 8, 95 percent of its poverty alleviation workshops were "
        "up and running."
    ) == [("workshop_resumption_rate", 95.0)]


def test_up_and_running_elsewhere_is_not_a_resumption() -> None:
    # no shutdown in the story: workshops in operation are workshops
    assert _metrics(
        "The county has 58 poverty alleviation workshops up and running, employing 2,000 people."
    ) == [
        ("workshops", 58.0),
        ("workers_employed", 2000.0),
    ]
    assert (
        _metrics("By April 8, 95 percent of the county's poverty alleviation workshops were up and running.")
        == []
    )
    # a plan to have them running is a plan, even after the outbreak
    assert _metrics("After the outbreak, the county plans to have 300 more workshops up and running.") == [
        ("workshops_planned", 300.0)
    ]


# --- a dateline gives "the province" its province --------------------------------------------


def test_a_dateline_city_gives_the_province_a_province() -> None:
    found = _facts(
        "XINING, April 8 (Xinhua) -- A total of 520 poverty alleviation workshops have resumed work "
        "in the province."
    )
    assert found == [("workshops_resumed", 520.0, "Qinghai", None)]
    found = _facts(
        "Workshops back at work\nGuiyang, April 8 (Reporter Li Ming) The province's 3,000 poverty "
        "alleviation workshops have all resumed production."
    )
    assert [(m, v, p) for m, v, p, _ in found] == [
        ("workshops", 3000.0, "Guizhou"),
        ("workshops_resumed", 3000.0, "Guizhou"),
    ]
    found = _facts(
        "LANZHOU -- Workers are back.\nAs of April 7, the province had 1,800 poverty alleviation workshops."
    )
    assert found == [("workshops", 1800.0, "Gansu", "2020-04-07")]


def test_a_dateline_gives_no_province_where_the_text_names_another_or_none_is_meant() -> None:
    # another province named: the back-reference is that province's
    found = _facts(
        "XINING, April 8 (Xinhua) -- In Gansu, 1,800 poverty alleviation workshops have resumed work, the "
        "province's bureau said."
    )
    assert [p for *_, p, _ in found] == ["Gansu"]
    # no "the province": the dateline says where the reporter was, not where the figures are
    found = _facts(
        "XINING, April 8 (Xinhua) -- A total of 32,000 poverty alleviation workshops have resumed work."
    )
    assert [p for *_, p, _ in found] == [None]


# --- parts of a total, press-release lists ---------------------------------------------------


def test_the_parts_of_a_number_of_posts_are_not_facts() -> None:
    text = (
        "Public welfare posts had placed 2.1 million poor people, including 0.8 million forest "
        "rangers, 250,300 road maintenance workers, 1.05 million cleaners and 40,000 others."
    )
    assert _metrics(text) == [("jobs", 2.1e6)]
    assert _metrics("Public welfare posts had placed 2,100 poor people, including 80 forest rangers.") == [
        ("jobs", 2100.0)
    ]


def test_posts_that_absorb_people_count_posts() -> None:
    assert _metrics("The township's public welfare posts now absorb 1.2 million poor people.") == [
        ("jobs", 1.2e6)
    ]
    assert _metrics("The county's public service posts employ 3,000 poor villagers.") == [("jobs", 3000.0)]
    # a workshop that absorbs people employs them
    assert _metrics("The workshops in the county had absorbed 3,000 poor villagers.") == [
        ("poor_workers_employed", 3000.0)
    ]


def test_the_parts_of_poor_migrant_workers_by_destination_are_not_facts() -> None:
    assert _metrics(
        "By June 30, 25 provinces had 27.5 million poor migrant workers, of whom 9.8 million worked outside "
        "their home provinces."
    ) == [("poor_migrant_workers", 27.5e6)]
    assert _metrics(
        "The number of poor laborers who had gone out to work stood at 2.75 million, of which 0.98 million "
        "were working in other provinces."
    ) == [("poor_migrant_workers", 2.75e6)]
    # the poor part of all laborers sent is the fact
    assert _metrics(
        "The county had sent 12,000 laborers to work elsewhere, including 4,600 poor laborers."
    ) == [("poor_migrant_workers", 4600.0)]


# --- the poor part of a workforce -------------------------------------------------------------


def test_a_sentence_that_opens_with_the_whole_counts_its_poor_part() -> None:
    assert _metrics("Among the 45 people employed at the plant, 18 are from registered poor households.") == [
        ("workers_employed", 45.0),
        ("poor_workers_employed", 18.0),
    ]
    assert _metrics("Of the 60 employees at the factory, 25 are from poor families.") == [
        ("workers_employed", 60.0),
        ("poor_workers_employed", 25.0),
    ]
    # the whole is not people at work: no part of a workforce
    assert _metrics("Among the 45 households in the village, 18 are registered poor.") == []


def test_an_aside_between_the_part_and_its_origin() -> None:
    assert _metrics(
        "The bag factory employs 45 people, 18 of whom, such as Liu, come from impoverished families."
    ) == [
        ("workers_employed", 45.0),
        ("poor_workers_employed", 18.0),
    ]
    assert _metrics("The workshop has 45 workers, 18 of whom, such as Li, live nearby.") == [
        ("workers_employed", 45.0)
    ]


# --- dates of a press release ------------------------------------------------------------------


def test_a_share_of_last_years_number_does_not_date_the_next_figure() -> None:
    found = _facts(
        "As of August 31, 40 counties had 2.1 million poor migrant workers, equivalent to 110.5 "
        "percent of the number of last year; 18 provinces had 12.6 million poor migrant workers, "
        "equivalent to 105.3 percent of the number of last year.",
        "2020-10-12",
    )
    assert [(m, a) for m, _, _, a in found] == [
        ("poor_migrant_workers", "2020-08-31"),
        ("poor_migrant_workers_share_of_last_year", "2020-08-31"),
        ("poor_migrant_workers", "2020-08-31"),
        ("poor_migrant_workers_share_of_last_year", "2020-08-31"),
    ]


def test_the_period_this_year_gives_way_to_the_date_that_opens_the_sentence() -> None:
    found = _facts(
        "As of August 31, poor laborers who had left home to work elsewhere this year had reached "
        "2.3 million.",
        "2020-10-12",
    )
    assert [(m, a) for m, _, _, a in found] == [("poor_migrant_workers", "2020-08-31")]
    # a year of its own stays: another year than the opening date's
    found = _facts(
        "As of September 30, 2020, the county had 300 workshops, up from 120 workshops in 2018.", "2020-10-12"
    )
    assert [(v, a) for _, v, _, a in found] == [(300.0, "2020-09-30"), (120.0, "2018")]


def test_by_the_same_date_refers_back_to_the_last_date() -> None:
    found = _facts(
        "As of August 31, 18 provinces had 12.6 million poor migrant workers, 104.2 percent of those "
        "of last year.\n\nBy the same date, the counties had placed 41,000 poor people in public "
        "welfare posts.",
        "2020-09-12",
    )
    assert found[-1][0] == "jobs" and found[-1][3] == "2020-08-31"


# --- sums and counts of translated reports ----------------------------------------------------


def test_a_standard_sum_per_head_is_a_subsidy() -> None:
    assert _metrics(
        "The county invested 1.2 billion yuan in start-up aid for 200,000 poor people, at a standard of "
        "4,800 yuan per person in the hills and 5,600 yuan per person on the plains."
    ) == [("funds", 1.2e9), ("subsidy", 4800.0), ("subsidy", 5600.0)]
    assert _metrics(
        "The county supports each relocated family at the standard of 3,000 yuan per household."
    ) == [("subsidy", 3000.0)]
    # the poverty line is a standard too, but nobody's subsidy
    assert _metrics("The poverty line sets a standard of 4,000 yuan per person.") == []


def test_two_neighbouring_sums_joined_by_or_are_a_range() -> None:
    (q,) = [q for q in en.find_quantities("We earn 60 or 70 yuan a day.")]
    assert (q.value, q.value_max, q.bound) == (60.0, 70.0, "range")
    (q,) = [q for q in en.find_quantities("They take home 3,000 or 4,000 yuan a month.")]
    assert (q.value, q.value_max) == (3000.0, 4000.0)
    # far apart, or no unit after both: two numbers
    assert len(en.find_quantities("It costs 50 or 500 yuan.")) == 2
    assert [q.value for q in en.find_quantities("One or two workshops hired 30 or 40 people.")] == [
        2.0,
        30.0,
        40.0,
    ]


def test_a_count_at_the_beginning_of_the_year_is_dated_by_it() -> None:
    found = _facts(
        "Satellite factories in the prefecture grew from 1,100 at the beginning of the year to "
        "more than 1,900."
    )
    assert [(v, a) for _, v, _, a in found] == [(1100.0, "2020"), (1900.0, None)]
    # no date of its own: the value it started from is no figure
    found = _facts("The workshops in the relocation sites have increased from 1,100 to more than 1,900.")
    assert [v for _, v, _, _ in found] == [1900.0]


def test_workshop_projects_are_not_workshops() -> None:
    assert _metrics(
        "Of the 15 workshops opened in the county this year, 10 workshop projects were financed by a "
        "partner city."
    ) == [("workshops", 15.0)]
    assert _metrics("The county has 10 workshop programs under way.") == []


def test_people_lifted_out_of_poverty_with_their_villages_listed_are_not_employed() -> None:
    assert _metrics(
        "The mushroom base helps 2,000 poor residents of hamlets such as Shangzhuang and Xiazhuang to "
        "shake off poverty, and can absorb 150 laborers."
    ) == [("workers_employed", 150.0)]
    # hired, then out of poverty: employed
    assert ("poor_workers_employed", 2000.0) in _metrics(
        "The factories employ 2,000 poor people from hamlets such as Shangzhuang and Xiazhuang."
    )


def test_a_condition_for_a_reward_is_no_count_even_with_words_between_verb_and_noun() -> None:
    assert _metrics(
        "Farms of more than 50 mu that provide steady work to no fewer than 8 poor villagers get a reward "
        "of 30,000 yuan."
    ) == [("subsidy", 30000.0)]
    assert _metrics(
        "A reward of 50,000 yuan goes to bases that provide steady jobs for at least 10 poor laborers."
    ) == [("subsidy", 50000.0)]
    # the 30 bases counted are no condition; what they employ is a count
    assert ("poor_workers_employed", 900.0) in _metrics(
        "The county's 30 bases that provide stable employment now employ 900 poor laborers."
    )


def test_a_sentence_printed_again_is_another_mention() -> None:
    caption = "The town now runs 40 poverty alleviation workshops, the local government says."
    text = f"{caption}\n\nWorkers sew bags in a workshop.\n\n{caption}"
    assert _metrics(text) == [("workshops", 40.0), ("workshops", 40.0)]


# --- where the figures are: places of firms, goods and titles ---------------------------------


def _provinces(text: str, title: str | None = None) -> list[tuple[str, str | None]]:
    return [(d.metric, (d.region or {}).get("province")) for d in english_drafts(text, "2020-08-20", title)]


def test_the_home_of_firms_or_officials_that_came_is_not_where_the_figures_are() -> None:
    text = (
        "Two shoe firms from Wenzhou in East China's Zhejiang province have opened plants in Weining "
        'county, Guizhou province.\n\n"The plants hire 800 villagers," said Zhang Lin, a cadre from Zhejiang '
        "posted to Weining county."
    )
    assert _provinces(text) == [("workers_employed", "Guizhou")]
    # the title names the firms' home first, the place they went to after
    text = "The factories now pay workers 2,600 yuan a month."
    title = "Zhejiang companies open factories in Guizhou's Weining"
    assert _provinces(text, title) == [("income", "Guizhou")]


def test_a_company_named_after_a_town_of_another_province_is_not_the_place() -> None:
    text = (
        "Xintian County in Hunan has brought in firms such as Dongguan Hongli Company to run workshops in "
        "the villages. The monthly wage can reach 1,800 yuan."
    )
    assert _provinces(text) == [("income", "Hunan")]


def test_where_goods_are_sold_is_not_where_the_figures_are() -> None:
    text = (
        "Bags sewn in a workshop in Weining county, Guizhou province, have been sold to Macao.\n\n"
        "The workshop employs 45 villagers."
    )
    assert _provinces(text) == [("workers_employed", "Guizhou")]
    title = "Guizhou embroidery finds buyers in Macao"
    assert _provinces("The 30 embroiderers earn 2,000 yuan a month.", title)[-1] == ("income", "Guizhou")
    # the title's only place is where the goods go: the text's place stands
    title = "Village embroidery finds buyers in Macao"
    text = (
        "The workshop in Weining county, Guizhou province, employs 30 women.\n\nThey earn 2,000 yuan a month."
    )
    assert _provinces(text, title)[-1] == ("income", "Guizhou")


def test_a_title_place_of_a_province_the_text_never_names_gives_way() -> None:
    # "Henan county" is a county of Qinghai; the story is on a county of Henan province
    title = "Henan county shoe workshops hire hundreds"
    text = "The workshop in Lankao county, Henan province, employs 120 people."
    assert _provinces(text, title) == [("workers_employed", "Henan")]
    # a title place the text agrees with stays the article's place
    text = "The workshops pay 2,000 yuan a month."
    assert _provinces(text, "Workshops thrive in Qinghai's Henan county") == [("income", "Qinghai")]


def test_a_day_of_the_month_said_alone_is_a_day_of_the_publication_month() -> None:
    found = _facts("As of the 5th, the county had built 120 poverty alleviation workshops.", "2020-04-10")
    assert [a for *_, a in found] == ["2020-04-05"]
    found = _facts("As of the 28th, 300 poverty alleviation workshops had resumed work.", "2020-04-10")
    assert [a for *_, a in found] == ["2020-03-28"]  # later than publication: the month before
    dates = en.find_dates(
        "On the 3rd anniversary of the 2nd batch, on the 5th day, on the 2nd floor", "2020-04-10"
    )
    assert [d.as_of for d in dates] == []


def test_ten_thousand_written_as_a_figure_after_a_figure_is_a_scale() -> None:
    assert [(q.value, q.unit) for q in en.find_quantities("invested 500 10,000 yuan in the workshops")] == [
        (5e6, "yuan")
    ]
    assert [q.value for q in en.find_quantities("absorbing 2.3 10,000 people")] == [23000.0]
    # a year before, or no unit after: two numbers
    assert [q.value for q in en.find_quantities("In 2019 10,000 people found jobs.")] == [10000.0]
    assert [q.value for q in en.find_quantities("Of the 500, 10,000 yuan went to wages.")] == [500.0, 10000.0]


def test_units_and_their_verb_before_the_count() -> None:
    assert _metrics(
        "The county's poverty alleviation workshops have resumed work 33, with a resumption rate of 91.7%."
    ) == [("workshops_resumed", 33.0), ("workshop_resumption_rate", 91.7)]
    assert _metrics("The city's leading poverty alleviation enterprises have resumed production 24.") == [
        ("enterprises_resumed", 24.0)
    ]
    # a count with its own noun, or not right after the verb
    assert _metrics("The workshops have reopened 3 times this year.") == []
    assert _metrics("The workshops have resumed work, and 200 people are back.") == []


def test_workers_with_a_count_of_workshops_are_their_workforce() -> None:
    assert _metrics(
        "The county had 328 poverty alleviation workshops at the end of 2019, with 8,000 workers."
    ) == [
        ("workshops", 328.0),
        ("workers_employed", 8000.0),
    ]
    # migrants elsewhere, or people of a place: no workforce of the workshops
    assert _metrics("The county had 328 workshops, with 8,000 migrant workers working in Guangdong.") == [
        ("workshops", 328.0)
    ]
    assert _metrics("The county has 300,000 people, with 8,000 workers in the city.") == []


def test_a_title_province_the_text_does_not_name_stays() -> None:
    title = "Guizhou workers head back to factories"
    text = (
        "Buses took 300 poor laborers to jobs in Dongguan, Guangdong. The workshops in the villages employ "
        "80 people."
    )
    assert _provinces(text, title)[-1] == ("workers_employed", "Guizhou")


# --- press-release lists -----------------------------------------------------------------------


def test_a_list_item_that_leaves_out_its_noun_counts_the_item_befores() -> None:
    found = _facts(
        "Among them, Gansu had 1,982 poverty alleviation workshops; Ningxia had 500; and Qinghai had 300.",
        "2020-07-10",
    )
    assert [(m, v, p) for m, v, p, _ in found] == [
        ("workshops", 1982.0, "Gansu"),
        ("workshops", 500.0, "Ningxia"),
        ("workshops", 300.0, "Qinghai"),
    ]
    # a person, another verb, or no list: no count
    assert _metrics("Gansu had 1,982 poverty alleviation workshops; Li had 5.") == [("workshops", 1982.0)]
    assert _metrics("Gansu had 1,982 poverty alleviation workshops; Ningxia plans 500.") == [
        ("workshops", 1982.0)
    ]
    assert _metrics("Gansu had 1,982 poverty alleviation workshops, and Ningxia had 500.") == [
        ("workshops", 1982.0)
    ]


def test_the_figure_for_the_next_place_is_the_same_rate() -> None:
    found = _facts("In Hunan, 98.5% of the workshops had resumed work; in Hubei, the figure was 95.2%.")
    assert [(m, v, p) for m, v, p, _ in found] == [
        ("workshop_resumption_rate", 98.5, "Hunan"),
        ("workshop_resumption_rate", 95.2, "Hubei"),
    ]
    # no rate before: no rate
    assert _metrics("Hunan built 300 workshops; in Hubei, the figure was 95.2%.") == [("workshops", 300.0)]


def test_of_them_points_back_to_the_sentence_before_when_its_own_counts_nothing() -> None:
    assert _metrics("Gansu has 1,200 poverty alleviation workshops. Longnan city has 300 of them.") == [
        ("workshops", 1200.0),
        ("workshops", 300.0),
    ]
    # a count of its own sentence is what "of them" means
    assert _metrics(
        "Gansu has 1,200 poverty alleviation workshops. The city hired 3,000 people, and 900 of them are "
        "poor."
    ) == [("workshops", 1200.0), ("workers_employed", 3000.0), ("poor_workers_employed", 900.0)]
