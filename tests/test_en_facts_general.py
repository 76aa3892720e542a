"""English wording families that generalise beyond the tuned pages: counts written as words,
a business's own workshops, and the other families below (one test or two each).

Every sentence is written for these tests (several wordings of a family and the near-misses
that must not match); none is copied from an evaluation set.
"""

from __future__ import annotations

import pytest
from extract_support import english_drafts

from fupin.extract import en


def _facts(text: str, published: str = "2020-06-10") -> list[tuple]:
    return [
        (d.metric, d.quantity.value, d.quantity.bound, d.as_of, (d.region or {}).get("province"))
        for d in english_drafts(text, published)
    ]


def _metrics(text: str) -> list[tuple[str, float]]:
    return [(m, v) for m, v, *_ in _facts(text)]


# --- counts written as words ----------------------------------------------------------------


def test_small_counts_written_as_words_are_numbers() -> None:
    assert ("workshops", 3.0) in _metrics("The county now has three poverty alleviation workshops.")
    assert ("enterprises_resumed", 5.0) in _metrics(
        "Five leading poverty alleviation enterprises in the county have resumed production."
    )
    assert ("poor_workers_employed", 25.0) in _metrics("The cooperative hires twenty-five poor villagers.")
    assert ("workers_employed", 89.0) in _metrics("The workshop employs eighty-nine villagers.")


def test_word_numbers_without_their_noun_or_known_already_are_not_counts() -> None:
    values = [q.value for q in en.find_quantities("Two of them said the two workshops are busy.")]
    assert values == []
    assert [q.value for q in en.find_quantities("She has two children and her three sons work.")] == [2.0]
    assert [q.value for q in en.find_quantities("two million people and two-thirds of them")] == [
        2e6,
        66.67,
    ]
    assert _metrics("Three years ago she worked five days a week at the workshop.") == []


def test_a_number_word_ends_the_counted_noun() -> None:
    (q, _) = en.find_quantities("the 30 workshops twenty poor villagers run")
    assert q.counter == "workshops"


# --- a business's own workshops -------------------------------------------------------------


def test_workshops_run_by_one_company_are_not_a_regional_count() -> None:
    assert _metrics("Li said his company had set up two workshops in the county.") == []
    assert _metrics("Jinfeng Garment Co, which runs four workshops in the county, is hiring.") == []
    found = _metrics("The county, which has 40 poverty alleviation workshops, is hiring.")
    assert ("workshops", 40.0) in found


# --- the nation named in passing, or as the place of a figure ---------------------------------


def _province_of(text: str, metric: str) -> str | None:
    (province,) = [p for m, _, _, _, p in _facts(text) if m == metric]
    return province


def test_a_national_rank_that_describes_a_place_does_not_move_the_figure_to_the_nation() -> None:
    for text in (
        "Gansu, one of China's poorest provinces, has built 1,300 poverty alleviation workshops.",
        "Gansu, one of the poorest provinces in China, has built 1,300 poverty alleviation workshops.",
        "Gansu, among the country's least developed regions, has built 1,300 poverty alleviation workshops.",
        "Gansu has built 1,300 poverty alleviation workshops, the most in the country.",
    ):
        assert _province_of(text, "workshops") == "Gansu", text


def test_nationwide_figures_in_an_article_about_one_place_are_national() -> None:
    for opener in ("Nationwide", "Across the country", "Throughout the country", "Across China"):
        text = (
            "In Hanzhong city, Shaanxi province, more than 300 workshops have resumed production. "
            f"{opener}, 97 percent of the workshops have resumed operation."
        )
        assert _province_of(text, "workshop_resumption_rate") is None, opener
    text = "Gansu has 1,300 poverty alleviation workshops. Most of China's workshops have 40 workers."
    assert _province_of(text, "workshops") == "Gansu"


# --- sums: a second wage after a bracketed aside, household money, the start of a change --------


def test_a_sum_coordinated_with_a_wage_past_a_dollar_aside_is_a_wage_too() -> None:
    for text in (
        "In Lhasa, each of them can earn 3,000 yuan (447 US dollars) per month and over 30,000 yuan "
        "(4,470 US dollars) per year.",
        "In Lhasa, she earns 2,500 yuan ($350) a month, or 30,000 yuan a year.",
    ):
        found = _metrics(text)
        assert ("income", 30000.0) in found, text
    assert ("income", 1000.0) not in _metrics(
        "She earns 2,500 yuan ($350) a month and spends 1,000 yuan on food."
    )


def test_small_sums_are_no_funds() -> None:
    assert _metrics("The family spent 8,000 yuan on a new roof.") == []
    assert _metrics("The county invested 8 million yuan in the workshops.") == [("funds", 8e6)]


def test_the_value_a_change_started_from_is_a_fact_only_with_its_own_date() -> None:
    # "from N in 2015 to M in 2020": N is the figure of 2015, a statistic like M (the pages3 gold
    # counts "increased from 12.27 million in 2015 to 32.43 million in 2020" twice)
    facts = _facts(
        "In Ningxia, the per capita disposable income of poor households rose from 4,856 yuan ($692.47) "
        "in 2012 to 10,415 yuan in 2019."
    )
    assert [(m, v, a) for m, v, _, a, _ in facts] == [("income", 4856.0, "2012"), ("income", 10415.0, "2019")]
    facts = _facts(
        "The number of poverty alleviation workshops in Gansu increased from 300 in 2016 to 1,200 this year."
    )
    assert [(m, v, a) for m, v, _, a, _ in facts] == [
        ("workshops", 300.0, "2016"),
        ("workshops", 1200.0, "2020"),
    ]
    facts = _facts(
        "The number of poor migrant workers grew from 12.27 million at the end of 2015 to 32.43 million."
    )
    assert [(m, v, a) for m, v, _, a, _ in facts][0] == ("poor_migrant_workers", 12270000.0, "2015-12-31")
    # without a date of its own the starting value is only the change's baseline
    assert _metrics("The number of poverty alleviation workshops in Gansu rose from 300 to 1,200.") == [
        ("workshops", 1200.0)
    ]
    found = _metrics("In Gansu, the resumption rate of the workshops rose from 85 percent to 98 percent.")
    assert found == [("workshop_resumption_rate", 98.0)]
    # a range and a place of origin are no change
    assert ("income", 2000.0) in _metrics("Workers earn from 2,000 yuan to 3,000 yuan a month.")
    assert ("workshops", 30.0) in _metrics(
        "Workers came from 12 villages to work in 30 poverty alleviation workshops."
    )


def test_a_year_before_to_is_no_range() -> None:
    values = [(q.value, q.bound) for q in en.find_quantities("rose from 4,856 yuan in 2012 to 10,415 yuan")]
    assert values == [(4856.0, "exact"), (10415.0, "exact")]
    values = [(q.value, q.value_max) for q in en.find_quantities("from 2,000 to 3,000 yuan")]
    assert values == [(2000.0, 3000.0)]


# --- workforces --------------------------------------------------------------------------------


def test_an_including_aside_before_the_verb_keeps_the_subject_and_its_part() -> None:
    found = _metrics(
        "In Gansu, over 500 villagers, including 200 impoverished people, now work at the company."
    )
    assert ("workers_employed", 500.0) in found
    assert ("poor_workers_employed", 200.0) in found
    assert _metrics("In Gansu, 600 residents, including 200 children, live in the new community.") == []


def test_people_working_in_a_possessive_list_of_workshops_are_employed() -> None:
    found = _metrics(
        "Nearly 20,000 people from poor families work in the county's 300-plus poverty alleviation workshops."
    )
    assert ("poor_workers_employed", 20000.0) in found


def test_a_workforce_of_n_and_n_workers_at_the_factory_are_employment() -> None:
    found = _metrics("The company has a workforce of 300, including 120 from poor households.")
    assert found == [("workers_employed", 300.0), ("poor_workers_employed", 120.0)]
    found = _metrics("There are 300 workers at the factory, and 120 of them are from poor households.")
    assert found == [("workers_employed", 300.0), ("poor_workers_employed", 120.0)]
    assert _metrics("The workshop has a staff of 45.") == [("workers_employed", 45.0)]
    assert _metrics("There are 1,200 people in the village.") == []
    assert _metrics("There are 300 workers in the village who go out to work every year.") == []


# --- posts, running totals, weekdays -----------------------------------------------------------


def test_people_placed_in_public_welfare_posts_count_the_posts() -> None:
    for text in (
        "The county has arranged 3,200 poor laborers to work in public welfare positions.",
        "The county placed 3,200 poor laborers in public welfare jobs such as road cleaning.",
        "In the county, 3,200 poor laborers have been placed in public welfare posts.",
        "Jiangxi offered forest ranger jobs to 3,200 people from impoverished households.",
    ):
        assert _metrics(text) == [("jobs", 3200.0)], text
    assert _metrics("The county placed 3,200 poor laborers in a training class.") == []


def test_a_running_total_takes_the_metric_of_the_figure_it_adds_to() -> None:
    found = _metrics(
        "Last year, Jiangxi offered forest ranger jobs to 7,500 people from impoverished households, "
        "bringing the total number to 21,500."
    )
    assert found == [("jobs", 7500.0), ("jobs", 21500.0)]
    found = _metrics("Gansu built 300 more poverty alleviation workshops, bringing the total to 1,500.")
    assert ("workshops", 1500.0) in found
    assert _metrics("The village planted 300 trees, bringing the total to 1,500.") == []


def test_by_a_weekday_is_the_last_such_day_up_to_publication() -> None:
    (fact,) = _facts(
        "More than 2,000 poverty alleviation workshops in Hunan had resumed production by Tuesday, "
        "the provincial office said.",
        published="2020-03-12",
    )
    assert fact[3] == "2020-03-10"
    assert en.find_dates("the office said on Tuesday", "2020-03-12") == []
    (date,) = en.find_dates("As of Monday, 300 had reopened", "2020-03-12")
    assert date.as_of == "2020-03-09"


# --- not statistics of the vocabulary: the poverty line, people lifted out of poverty -----------


def test_the_poverty_line_is_nobodys_income() -> None:
    for text in (
        "China's poverty line is 2,300 yuan a year.",
        "About 43 million people live below the poverty line of 2,300 yuan (348.9 U.S. dollars) of "
        "annual income.",
        "The provincial poverty standard was set at 4,000 yuan of annual per capita income.",
    ):
        assert _metrics(text) == [], text
    assert _metrics("Families above the poverty line earn 2,500 yuan a month.") == [("income", 2500.0)]


def test_people_lifted_out_of_poverty_are_not_employed() -> None:
    for text in (
        "The forest ranger program has driven 700,000 people to cast off poverty.",
        "The workshops have helped 3,000 villagers shake off poverty.",
        "The company drove 3,000 residents to get rid of poverty.",
    ):
        assert _metrics(text) == [], text
    assert _metrics("The workshops employ 3,000 villagers from poverty-stricken families.") == [
        ("poor_workers_employed", 3000.0)
    ]
    assert _metrics("The workshops hired 3,000 people, lifting them out of poverty.") == [
        ("workers_employed", 3000.0)
    ]


# --- rates ---------------------------------------------------------------------------------------


def test_a_share_of_units_that_resumed_by_a_date_takes_that_date() -> None:
    facts = _facts(
        "In Gansu, 98 percent of the province's dragon-head enterprises had resumed operation by the end "
        "of March.",
        published="2020-04-10",
    )
    assert [(m, v, a) for m, v, _, a, _ in facts] == [("enterprise_resumption_rate", 98.0, "2020-03-31")]
    facts = _facts(
        "In Gansu, 21 of the 22 poverty alleviation workshops had reopened by March 5.", "2020-04-10"
    )
    assert {a for *_, a, _ in facts} == {"2020-03-05"}
    # a share of last year's total stays dated by the sentence, not by "last year"
    facts = _facts(
        "As of May 31, 25 provinces had 27.5 million poor migrant workers, equivalent to 107.45% of the "
        "number of migrant workers last year."
    )
    assert {a for *_, a, _ in facts} == {"2020-05-31"}


def test_that_of_and_at_a_rate_of_name_a_workshop_resumption_rate() -> None:
    found = _metrics(
        "In Gansu, the work resumption rate of leading agricultural enterprises reached 93.5 percent, and "
        "that of poverty alleviation workshops reached 90.2 percent."
    )
    assert found == [("enterprise_resumption_rate", 93.5), ("workshop_resumption_rate", 90.2)]
    found = _metrics("Poverty alleviation workshops have resumed operation at a rate of 92 percent.")
    assert found == [("workshop_resumption_rate", 92.0)]
    assert _metrics("The workshops' output rose by 12 percent, and that of the farms by 5 percent.") == []


# --- dates of wire copy ------------------------------------------------------------------------


def test_a_date_carries_forward_only_inside_its_paragraph() -> None:
    """metrics.md: an opening date dates the figures after it *in the same paragraph*."""
    text = (
        "By the end of September, Hunan province had identified 3,560 poverty alleviation workshops. "
        "The province also had 1.52 million poor laborers working outside their hometowns, accounting for "
        "103.6 percent of last year's total.\n\n"
        "Workers in the workshops earn 1,500 yuan a month.\n\n"
        "In 2019, the province had 3,000 workshops. Together they employ 118,000 people."
    )
    dated = {(m, v): a for m, v, _, a, _ in _facts(text, "2020-10-16")}
    assert dated[("poor_migrant_workers", 1.52e6)] == "2020-09-30"
    assert dated[("poor_migrant_workers_share_of_last_year", 103.6)] == "2020-09-30"  # not "last year"
    assert dated[("income", 1500.0)] is None  # the next paragraph is not dated by this one
    assert dated[("workers_employed", 118000.0)] == "2019"


def test_a_wire_dateline_does_not_hide_the_date_that_opens_the_story() -> None:
    text = (
        "BEIJING, June 18 (Xinhua) -- In the first five months, 29.15 million poor laborers had gone out "
        "to work. The 52 counties yet to shake off poverty had 2.68 million poor migrant workers."
    )
    assert {a for *_, a, _ in _facts(text, "2020-06-18")} == {"2020-05"}


def test_as_of_after_the_number_is_the_figures_date() -> None:
    facts = _facts("Anhui province had 5,623 poverty alleviation workshops as of March 25.", "2020-04-02")
    assert [a for *_, a, _ in facts] == ["2020-03-25"]


@pytest.mark.parametrize(
    "text",
    [
        "In Henan, with 3,126 of the province's 3,342 workshops back at work as of April 18.",
        "Some 410 of the county's 452 workshops had reopened as of April 18, officials said.",
        "About 96 of its 120 workshops were back at work as of April 18.",
        "In all, 21 out of the 30 workshops restarted as of April 18.",
    ],
)
def test_a_part_of_a_count_takes_the_date_after_the_count(text: str) -> None:
    """A part of a count ("N of the province's M workshops ... as of DATE") is no comparison."""
    assert {a for *_, a, _ in _facts(text, "2020-04-20")} == {"2020-04-18"}


def test_a_share_of_an_earlier_level_keeps_its_own_date() -> None:
    facts = _facts("Some 1,900 poor workers were employed, 90 percent of the 2019 level.", "2020-04-20")
    assert ("2019" not in {a for *_, a, _ in facts}) and facts


# --- headlines ---------------------------------------------------------------------------------


def test_present_tense_headline_verbs_state_a_stock() -> None:
    for text, expected in (
        ("China's poor laborers working away from home top 29 million", ("poor_migrant_workers", 29e6)),
        ("Poverty alleviation workshops in Gansu exceed 1,300", ("workshops", 1300.0)),
        ("Leading poverty alleviation enterprises in Hunan reach 1,200", ("enterprises", 1200.0)),
    ):
        assert _metrics(text) == [expected], text


def test_a_headline_figure_takes_the_metric_the_body_gives_it() -> None:
    text = (
        "Chongqing county helps 31,500 poor laborers find work since March\n\n"
        "Since March, Youyang county in Chongqing has helped 31,500 poor laborers go out for work."
    )
    drafts = english_drafts(text, "2020-06-05", title=text.split("\n")[0])
    assert [d.metric for d in drafts] == [
        "poor_migrant_workers",
        "poor_migrant_workers",
    ]


def test_a_number_ending_a_line_counts_nothing_of_the_next_line() -> None:
    (q, _) = en.find_quantities("Workshops in Gansu exceed 1,300\n\nThe province had 1,312 workshops.")
    assert q.counter is None


def test_china_in_the_name_of_a_news_outlet_is_no_place_of_the_figures() -> None:
    for outlet in ("China News Agency", "China News Service", "China Youth Daily"):
        text = (
            f"In the industrial park in Qinglong County, Guizhou Province, the manager told {outlet} that "
            "production starts in May. The government subsidizes 500 yuan per person per month."
        )
        assert _province_of(text, "subsidy") == "Guizhou", outlet


def test_since_a_past_year_is_a_running_total_not_that_years_figure() -> None:
    facts = _facts("The county has built 90 poverty alleviation workshops since 2016, creating 3,000 jobs.")
    assert [(m, a) for m, _, _, a, _ in facts] == [("workshops", None), ("jobs", None)]
    (date,) = en.find_dates("in 2016", "2020-06-10")
    assert date.as_of == "2016"


def test_households_are_not_people() -> None:
    assert _metrics("Some 400 leading enterprises have been set up, driving 120,000 poor households.") == [
        ("enterprises", 400.0)
    ]
    assert _metrics("The workshops employ 300 poor families.") == []
    assert _metrics("The workshops employ 300 poor household members.") == [("poor_workers_employed", 300.0)]


def test_half_a_million_glued_yuan_and_person_times() -> None:
    assert [q.value for q in en.find_quantities("half a million people and half of them")] == [5e5, 50.0]
    (q,) = en.find_quantities("a monthly salary of 3000yuan")
    assert (q.value, q.unit) == (3000.0, "yuan")
    assert (
        _metrics("The county trained 100,000 people-times of poor laborers and hired 300 people-times.") == []
    )


def test_takes_home_is_a_wage() -> None:
    assert _metrics("Each worker takes home 2,000 yuan a month.") == [("income", 2000.0)]


def test_job_opportunities_for_people_are_employment() -> None:
    assert _metrics("The company offers job opportunities to 500 villagers.") == [("workers_employed", 500.0)]
    assert _metrics("The park provides job opportunities for 500 poor residents.") == [
        ("poor_workers_employed", 500.0)
    ]


def test_the_country_opening_a_sentence_is_the_nation() -> None:
    text = (
        "In Ziyang county, Shaanxi province, 56 workshops employ 2,600 people. "
        "The country has more than 32,000 poverty alleviation workshops."
    )
    assert [p for m, v, _, _, p in _facts(text) if v == 32000.0] == [None]


# --- machine-translated wording ------------------------------------------------------------------


def test_have_all_resumed_makes_the_count_a_total_too() -> None:
    found = _metrics(
        "The county's 38 leading poverty alleviation enterprises have all resumed work and production."
    )
    assert found == [("enterprises", 38.0), ("enterprises_resumed", 38.0)]
    found = _metrics("The 120 poverty alleviation workshops in the county have all reopened.")
    assert found == [("workshops", 120.0), ("workshops_resumed", 120.0)]
    assert _metrics("Some 120 poverty alleviation workshops in the county have reopened.") == [
        ("workshops_resumed", 120.0)
    ]


def test_parts_of_a_transfer_and_of_posts() -> None:
    found = _metrics(
        "Since the beginning of this year, the city has transferred 125,000 rural labor force, including "
        "46,000 poor labor force."
    )
    assert found == [("poor_migrant_workers", 46000.0)]
    found = _metrics("The province has developed 52,000 public welfare posts, placing 48,000 poor laborers.")
    assert found == [("jobs", 52000.0), ("jobs", 48000.0)]
    found = _metrics(
        "The city has 286 poverty alleviation workshops, driving 8,600 people to employment, including "
        "3,200 registered poor households."
    )
    assert ("poor_workers_employed", 3200.0) in found


def test_increases_piece_rates_and_prices_are_no_wages() -> None:
    for text in (
        "Each worker's income increased by 500 yuan a month.",
        "The workshop pays 0.5 yuan per glove.",
        "Workers earn 2 yuan for each pair of shoes they stitch.",
    ):
        assert _metrics(text) == [], text
    assert _metrics("Her monthly income rose to 3,000 yuan.") == [("income", 3000.0)]
    assert _metrics("Workers earn 20 yuan per hour.") == [("income", 20.0)]


def test_labour_sent_out_and_working_in_other_provinces_is_migrant_work() -> None:
    found = _facts("Guizhou has sent 600,000 poor laborers to work in Guangdong, Zhejiang and Fujian.")
    assert [(m, v, p) for m, v, _, _, p in found] == [("poor_migrant_workers", 6e5, "Guizhou")]
    found = _metrics("Some 1.2 million poor laborers from Guizhou are working in other provinces.")
    assert found == [("poor_migrant_workers", 1.2e6)]
    assert _metrics("The county sent 300 poor laborers to a training course.") == []


def test_what_is_yet_to_happen_is_no_count() -> None:
    for text in (
        "We expect to hire 500 more workers.",
        "The province will create 50,000 public welfare posts this year.",
        "The project is set to create 2,000 jobs.",
        "The factory will provide 800 jobs when completed.",
    ):
        assert _metrics(text) == [], text
    assert _metrics("The county will build 30 more poverty alleviation workshops this year.") == [
        ("workshops_planned", 30.0)
    ]
    assert _metrics("The factory, which opened in May, has provided 800 jobs.") == [("jobs", 800.0)]


def test_ranger_and_welfare_posts_created_for_people_or_people_becoming_rangers_count_posts() -> None:
    assert _metrics("Ecological ranger posts have been created for 20,000 poor people.") == [
        ("jobs", 20000.0)
    ]
    assert _metrics("Some 3,200 poor villagers have become forest rangers.") == [("jobs", 3200.0)]
    assert _metrics("Some 3,200 poor villagers have become richer.") == []


def test_the_year_a_story_opens_with_does_not_date_the_next_paragraph() -> None:
    text = "In 2017, Li moved to the new community near the workshop.\n\nShe earns 2,000 yuan a month."
    assert [a for *_, a, _ in _facts(text)] == [None]


def test_setting_up_is_no_change_and_a_former_migrant_job_place_is_no_region() -> None:
    text = (
        "Hou is a 26-year-old woman from Fuyuan County in Yunnan. She used to be a migrant embroiderer in "
        "Zhejiang for two years. Now she has joined hands with villager committees in setting up 21 "
        "embroidery factories for poverty alleviation."
    )
    assert [(m, v, p) for m, v, _, _, p in _facts(text)] == [("workshops", 21.0, "Yunnan")]
    assert _metrics("Exports went up 30 percent, and sales went up 21 percent.") == []


def test_the_date_of_the_event_a_since_clause_starts_from_is_not_the_figures() -> None:
    text = (
        "Since she returned home to start her own business in 2017, Hou has set up 21 poverty alleviation "
        "workshops."
    )
    assert [a for *_, a, _ in _facts(text)] == [None]
    text = "Since March, Yunnan has set up 21 poverty alleviation workshops."
    assert [a for *_, a, _ in _facts(text)] == ["2020"]


def test_an_itemised_list_of_posts_is_the_parts_of_a_total() -> None:
    text = (
        "There are 63 employment assistance positions such as cleaners and liaison officers, 4 river guards, "
        "21 forest guards, 3 water managers, and land inspectors."
    )
    assert _metrics(text) == []
    found = _metrics("The county has created 3,000 public welfare jobs, such as cleaners, guards and cooks.")
    assert found == [("jobs", 3000.0)]


# --- a count that rose to a new value ("increasing the number of X to N") --------------------


def test_a_raised_number_of_people_counts_its_noun() -> None:
    found = _facts(
        "We have stepped up our efforts, increasing the number of people out of poverty employed as migrant "
        "workers to 18.5 million in the first half of this year.",
        "2022-09-02",
    )
    assert [(m, v, a) for m, v, _, a, _ in found] == [("poor_migrant_workers", 18.5e6, "2022-06")]
    assert _metrics("The county raised the number of poverty relief workshops to 74 this year.") == [
        ("workshops", 74.0)
    ]
    found = _metrics(
        "The number of poor laborers working as migrant workers grew from 1.25 million in 2016 "
        "to 2.3 million."
    )
    assert found == [("poor_migrant_workers", 1.25e6), ("poor_migrant_workers", 2.3e6)]
    # a raised number of something else is no such count
    assert _metrics("The county raised the number of tourists to 50,000 this year.") == []


def test_poor_people_working_as_migrant_workers_are_poor_migrant_workers() -> None:
    assert _metrics(
        "Some 86,000 poor residents of the county were employed as migrant workers last year."
    ) == [("poor_migrant_workers", 86000.0)]
    assert _metrics("Last year 4,100 people lifted out of poverty became migrant workers in Zhejiang.") == [
        ("poor_migrant_workers", 4100.0)
    ]
    # employed at home, or not poor: not this metric
    assert _metrics("The workshop employs 120 poor villagers.") == [("poor_workers_employed", 120.0)]
    assert ("poor_migrant_workers", 300.0) not in _metrics("The plant employs 300 migrant workers.")


# --- the counted noun ends at its verb --------------------------------------------------------


def test_a_counted_noun_ends_at_the_verb_after_it() -> None:
    assert [q.counter for q in en.find_quantities("The 32 workshops provide jobs for 1,500 villagers")] == [
        "workshops",
        "villagers",
    ]
    found = _metrics("The 32 poverty alleviation workshops provide jobs for 1,500 villagers.")
    assert found == [("workshops", 32.0), ("workers_employed", 1500.0)]
    assert ("jobs", 12.0) not in _metrics("The 12 factories offer positions to 400 residents.")
    assert _metrics("The 60 workshops all hire poor villagers.") == [("workshops", 60.0)]
    assert [q.counter for q in en.find_quantities("Some 300 villagers now work there")] == ["villagers"]
    found = _metrics("Some 1,200 “poverty alleviation workshops” have been set up in the province.")
    assert found == [("workshops", 1200.0)]


# --- a bare count whose people are named after it ---------------------------------------------


def test_a_bare_count_of_people_named_after_it() -> None:
    found = _metrics(
        "About 70 percent of the staff at the plant are locals, including 35 from impoverished households."
    )
    assert found == [("poor_workers_employed", 35.0)]
    found = _metrics("The park has given jobs to 9,000 people, including some 2,600 impoverished ones.")
    assert found == [("workers_employed", 9000.0), ("poor_workers_employed", 2600.0)]
    found = _facts("All 31 of the garment factory's employees returned to work on February 26.")
    assert [(m, v, a) for m, v, _, a, _ in found] == [("workers_employed", 31.0, "2020-02-26")]
    assert _metrics("Nearly 40 of the workshop's workers have been hired from poor families.") == [
        ("poor_workers_employed", 40.0)
    ]
    # people of no workplace, or with no employment: none
    assert _metrics("Of the villagers, 200 of the village's residents are over 60.") == []
    assert _metrics("The cooperative has 300 members, 120 of them from poor households.") == []


def test_the_workforce_of_a_workplace_back_at_work() -> None:
    found = _facts("The workshop's 60 workers all returned to work on February 20.")
    assert [(m, v, a) for m, v, _, a, _ in found] == [("workers_employed", 60.0, "2020-02-20")]
    assert _metrics("By March 1, 85 workers at the toy factory had resumed work.") == [
        ("workers_employed", 85.0)
    ]
    # not yet back, no workplace, or poor laborers back at jobs elsewhere
    assert _metrics("Some 120 workers at the garment factory have not yet returned to work.") == []
    assert _metrics("About 900 workers returned to the county after the festival.") == []
    assert _metrics("By March 6, 873,800 poor workers had returned to work.") == [
        ("poor_migrant_workers", 873800.0)
    ]


def test_the_whole_of_a_share_is_not_poor_by_the_shares_words() -> None:
    found = _metrics("About 70 percent of the 400 employees are from poor households.")
    assert ("poor_workers_employed", 400.0) not in found


def test_a_migration_predicate_well_after_the_noun() -> None:
    found = _metrics(
        "Some 300,000 impoverished workers from rural Sichuan have returned to their jobs in Guangdong."
    )
    assert found == [("poor_migrant_workers", 300000.0)]


def test_work_near_home_and_at_a_facility_is_employment() -> None:
    assert _metrics("The workshops have enabled 300 impoverished people to work near home.") == [
        ("poor_workers_employed", 300.0)
    ]
    assert _metrics("Over 300 villagers work at the processing facility.") == [("workers_employed", 300.0)]
    assert _metrics("It helps 150 women work at their doorsteps.") == [("workers_employed", 150.0)]
    assert _metrics("Over 300 villagers work the land.") == []


def test_a_sum_received_by_the_month_or_day_is_a_wage() -> None:
    assert _metrics("She now brings in 2,000 yuan a month.") == [("income", 2000.0)]
    assert _metrics("He gets 3,000 yuan a month working in the workshop.") == [("income", 3000.0)]
    assert _metrics("Each worker receives about 90 yuan a day.") == [("income", 90.0)]
    assert _metrics("Each workshop gets 20,000 yuan.") == []


def test_a_share_of_the_total_after_a_resumed_count_is_the_rate() -> None:
    found = _metrics(
        "A total of 2,100 poverty alleviation workshops in Hubei have restarted production, accounting for "
        "92 percent of the total."
    )
    assert found == [("workshops_resumed", 2100.0), ("workshop_resumption_rate", 92.0)]
    found = _metrics("Some 640 leading enterprises had reopened, or 97.2 percent of the total number.")
    assert found == [("enterprises_resumed", 640.0), ("enterprise_resumption_rate", 97.2)]
    # no resumption: a share of something else
    assert _metrics("Women make up 70 percent of the total.") == []


def test_with_the_number_reaching_counts_what_the_sentence_is_about() -> None:
    assert _metrics(
        "Poverty-relief workshops have mushroomed in Anhui, with the number reaching 6,500 by the end "
        "of last year."
    ) == [("workshops", 6500.0)]
    assert _metrics("The county built more workshops, with the number of workshops hitting 120.") == [
        ("workshops", 120.0)
    ]
    assert _metrics(
        "Workshops, which now number 32,688 across the country, employ 437,000 poor laborers."
    ) == [
        ("workshops", 32688.0),
        ("poor_workers_employed", 437000.0),
    ]
    assert _metrics("Visitors, which now number 2 million a year, love the village.") == []
    assert _metrics("Tourism has boomed, with the number reaching 2 million.") == []
    assert _metrics("Tourism has boomed, with the number of visitors reaching 2 million.") == []


def test_a_sentence_opening_with_its_antecedent_counts_a_part_of_the_sentence_before() -> None:
    found = _metrics(
        "The county has 420 poverty alleviation workshops in total, employing 12,000 people. "
        "Among them, 4,500 are registered poor."
    )
    assert found == [("workshops", 420.0), ("workers_employed", 12000.0), ("poor_workers_employed", 4500.0)]
    found = _metrics("The factories hire 900 villagers. Of these, about 310 are from impoverished families.")
    assert found == [("workers_employed", 900.0), ("poor_workers_employed", 310.0)]
    found = _metrics("The city has 86 poverty relief workshops. Of them, 79 have reopened.")
    assert found == [("workshops", 86.0), ("workshops_resumed", 79.0)]
    # a part that is not poor, or of something else
    assert _metrics("The workshops employ 12,000 villagers. Among them, 4,500 are women.") == [
        ("workers_employed", 12000.0)
    ]
    assert _metrics("Tourists flocked to the village. Among them, 400 were from Beijing.") == []


def test_back_at_work_is_a_resumption() -> None:
    found = _metrics("Of the 968 poverty alleviation workshops in the province, 966 are back at work.")
    assert found == [("workshops", 968.0), ("workshops_resumed", 966.0)]
    assert _metrics("About 95 percent of the workshops were back at work by March.") == [
        ("workshop_resumption_rate", 95.0)
    ]


def test_a_number_appended_to_the_noun_it_counts() -> None:
    assert _metrics("Poverty alleviation workshops, numbering 420, have sprung up across the county.") == [
        ("workshops", 420.0)
    ]
    # the number of workers in a workshop is no count of workshops
    assert ("workshops", 150.0) not in _metrics("The number of workers in the workshop has grown to 150.")
    assert _metrics("The number of poverty alleviation workshops in Gansu has grown to 1,500.") == [
        ("workshops", 1500.0)
    ]


def test_the_object_of_a_verb_of_employing_without_its_noun() -> None:
    assert _metrics("Poverty alleviation workshops employ 1,500 in Gansu's Kang county.") == [
        ("workers_employed", 1500.0)
    ]
    found = _metrics("The county's workshops have hired 3,000, including 1,100 from poor households.")
    assert found == [("workers_employed", 3000.0), ("poor_workers_employed", 1100.0)]
    assert _metrics("The workshop employs 45, most of them women.") == [("workers_employed", 45.0)]
    # a sum, or a count with its own noun
    assert _metrics("The workshop employs 45 sewing machines.") == []


def test_people_said_to_be_all_poor_after_them() -> None:
    assert _metrics("The workshop hires 45 locals, all from impoverished households.") == [
        ("poor_workers_employed", 45.0)
    ]
    found = _metrics(
        "Over 9 million residents work for rural enterprises and workshops in their hometowns, "
        "accounting for nearly half of the impoverished employees."
    )
    assert found == [("poor_workers_employed", 9e6)]
    # a share of everyone, or a poor part named between
    found = _metrics(
        "More than 2,000 people work in the workshops, representing 30 percent of the workforce."
    )
    assert found == [("workers_employed", 2000.0)]
    found = _metrics(
        "Some 2,000 people work in the workshops, including 800 poor, or 30 percent of the poor."
    )
    assert found == [("workers_employed", 2000.0), ("poor_workers_employed", 800.0)]


def test_the_same_statistic_for_another_year_beside_it() -> None:
    found = _facts(
        "The number of poor migrant workers rose to 21.5 million in 2020, up from 9.8 million in 2016."
    )
    assert [(m, v, a) for m, v, _, a, _ in found] == [
        ("poor_migrant_workers", 21.5e6, "2020"),
        ("poor_migrant_workers", 9.8e6, "2016"),
    ]
    found = _facts("The county had 56 workshops in 2019, compared with 12 in 2016.")
    assert [(m, v, a) for m, v, _, a, _ in found] == [
        ("workshops", 56.0, "2019"),
        ("workshops", 12.0, "2016"),
    ]
    found = _facts("Poor migrant workers numbered 9.8 million in 2016 and 21.5 million in 2020.")
    assert [(m, v, a) for m, v, _, a, _ in found] == [
        ("poor_migrant_workers", 9.8e6, "2016"),
        ("poor_migrant_workers", 21.5e6, "2020"),
    ]
    found = _facts("The workshops employed 3,000 people in 2019 and 4,500 this year.")
    assert [(m, v, a) for m, v, _, a, _ in found] == [
        ("workers_employed", 3000.0, "2019"),
        ("workers_employed", 4500.0, "2020"),
    ]
    found = _facts("The county had 56 workshops in 2019 but only 3 in 2016.")
    assert [(m, v, a) for m, v, _, a, _ in found] == [("workshops", 56.0, "2019"), ("workshops", 3.0, "2016")]
    # the figure's own date is not the comparison's
    found = _facts("The county had 56 workshops, up from 12 last year.")
    assert [(m, v, a) for m, v, _, a, _ in found] == [("workshops", 56.0, None), ("workshops", 12.0, "2019")]
    # a sum of something else, and a year-on-year change, are no such figures
    assert _metrics("Output rose to 3 million yuan in 2020, up from 1 million yuan in 2018.") == []
    assert _metrics("The county had 56 workshops in 2019, up 20 percent from 2018.") == [("workshops", 56.0)]


def test_a_sentence_date_restated_as_its_year_keeps_the_finer_date() -> None:
    found = _facts("As of May 31, 25 provinces had 27.5 million poor migrant workers in 2020.")
    assert [(m, a) for m, _, _, a, _ in found] == [("poor_migrant_workers", "2020-05-31")]


def test_more_ways_of_saying_units_resumed() -> None:
    for verb in ("had restored production", "had come back online", "had started operating again"):
        found = _metrics(f"By March 10, 1,500 poverty alleviation workshops {verb}.")
        assert found == [("workshops_resumed", 1500.0)], verb
    assert _metrics("Work has resumed at 1,500 poverty alleviation workshops.") == [
        ("workshops_resumed", 1500.0)
    ]
    assert _metrics("Production has resumed in 320 leading poverty alleviation enterprises.") == [
        ("enterprises_resumed", 320.0)
    ]
    assert _metrics("About 96 percent of the workshops were operating again by March 20.") == [
        ("workshop_resumption_rate", 96.0)
    ]
    # operating (not again) is existing; "all but N" did not reopen
    assert _metrics("The county has 300 workshops operating in its villages.") == [("workshops", 300.0)]
    assert _metrics("Of the 1,600 workshops, all but 100 have reopened.") == [("workshops", 1600.0)]


def test_poor_people_employed_away_from_home_are_migrant_workers() -> None:
    assert _metrics(
        "So far, 2.3 million impoverished people have been employed outside their hometowns."
    ) == [("poor_migrant_workers", 2.3e6)]
    assert _metrics("Some 40,000 poor villagers were hired in other provinces last year.") == [
        ("poor_migrant_workers", 40000.0)
    ]
    # employed at home: no migrant workers
    assert _metrics("Some 40,000 poor villagers were hired by local workshops.") == [
        ("poor_workers_employed", 40000.0)
    ]


def test_the_year_after_a_share_of_last_years_total_is_the_baselines() -> None:
    found = _facts(
        "About 96 percent of the poor laborers who worked away from home last year have returned to work."
    )
    assert [(m, a) for m, _, _, a, _ in found] == [("poor_migrant_workers_share_of_last_year", None)]
    found = _facts("By March 20, 96.3 percent of poor laborers who went out to work last year had returned.")
    assert [(m, a) for m, _, _, a, _ in found] == [("poor_migrant_workers_share_of_last_year", "2020-03-20")]


def test_near_misses_of_the_bare_employment_object_and_of_own_dates() -> None:
    # a per-head condition ("for each absorb 1 name ... poor labor force") is no count
    found = _metrics("The workshops get a reward for each absorb 1 name of registered poor labor force.")
    assert [v for _, v in found if v == 1.0] == []
    # "92.3 percent of last year's total" gives the share no date of its own
    found = _facts(
        "The number of poor migrant workers reached 25.15 million by the end of April, or 92.3 percent of "
        "last year's total."
    )
    assert [(m, a) for m, _, _, a, _ in found] == [
        ("poor_migrant_workers", "2020-04-30"),
        ("poor_migrant_workers_share_of_last_year", "2020-04-30"),
    ]


def test_people_who_took_jobs_and_members_of_poor_households() -> None:
    assert _metrics("More than 1,200 villagers took jobs in the county's poverty alleviation workshops.") == [
        ("workers_employed", 1200.0)
    ]
    assert _metrics("The workshops employ 1,200 members of poor households.") == [
        ("poor_workers_employed", 1200.0)
    ]
    assert _metrics("The cooperative has 300 members.") == []
    assert _metrics("Some 300 Party members took part in the campaign.") == []


def test_a_count_set_off_after_its_noun_in_all() -> None:
    assert _metrics("The workshops, 85 in all, employ 3,600 villagers.") == [
        ("workshops", 85.0),
        ("workers_employed", 3600.0),
    ]
    assert _metrics("The county sold apples, 300 in total.") == []


def test_money_for_employers_is_a_subsidy() -> None:
    assert _metrics("Each workshop receives a 20,000-yuan subsidy.") == [("subsidy", 20000.0)]
    assert _metrics("The county pays 3,000 yuan to each workshop that employs more than 10 poor people.") == [
        ("subsidy", 3000.0)
    ]
    assert _metrics("The government awarded the workshop 50,000 yuan.") == [("subsidy", 50000.0)]
    assert _metrics("Employers get 1,000 yuan for each poor worker they hire.") == [("subsidy", 1000.0)]
    # a wage paid to a worker, and a budget, are not
    assert _metrics("The workshop pays 3,000 yuan a month to each worker.") == [("income", 3000.0)]
    assert _metrics("The county allocated 5 million yuan to the workshops.") == [("funds", 5e6)]
    assert [q.value for q in en.find_quantities("a 20,000-yuan subsidy")] == [20000.0]
    assert [q.unit for q in en.find_quantities("a 20,000-yuan subsidy")] == ["yuan"]


def test_poor_people_placed_in_public_welfare_posts_count_the_posts() -> None:
    for text in (
        "A total of 4.96 million poor people were placed in public welfare posts.",
        "Some 4.96 million registered poor people have taken up public welfare jobs such as cleaners.",
        "The province has employed 4.96 million poor people in public welfare positions.",
    ):
        assert _metrics(text) == [("jobs", 4.96e6)], text
    # jobs in workshops are employment
    assert _metrics("Some 300 poor villagers have taken up jobs in the workshops.") == [
        ("poor_workers_employed", 300.0)
    ]
    assert _metrics("The workshop employs 300 poor people in its sewing lines.") == [
        ("poor_workers_employed", 300.0)
    ]


def test_machine_translated_employment_achieved_solved_and_transferred() -> None:
    assert _metrics("The workshop helped 300 poor people achieve employment nearby.") == [
        ("poor_workers_employed", 300.0)
    ]
    assert _metrics("A total of 3,000 poor laborers have realized stable employment in the workshops.") == [
        ("poor_workers_employed", 3000.0)
    ]
    assert _metrics("The workshop has solved the employment problem of 80 villagers.") == [
        ("workers_employed", 80.0)
    ]
    # 转移就业 is labour export
    assert _metrics("The county realized the transfer employment of 23,000 poor laborers.") == [
        ("poor_migrant_workers", 23000.0)
    ]
    assert _metrics("The company achieved sales of 3 million yuan.") == []


def test_migrant_workers_from_a_poor_area_who_found_jobs_elsewhere() -> None:
    text = (
        "Most of the passengers are impoverished people. By the end of 2020, about 120,000 Bijie migrant "
        "workers had found steady employment in Guangdong."
    )
    assert _metrics(text) == [("poor_migrant_workers", 120000.0)]
    # no poverty in the story: no poor migrant workers; jobs at home: employment
    assert ("poor_migrant_workers", 120000.0) not in _metrics(
        "By the end of 2020, about 120,000 Bijie migrant workers had found steady employment in Guangdong."
    )
    assert _metrics(
        "Most of them are impoverished people. About 3,000 returned migrant workers found jobs in "
        "the county's workshops."
    ) == [("workers_employed", 3000.0)]
    assert [q.counter for q in en.find_quantities("3,000 returned migrant workers")] == [
        "returned migrant workers"
    ]


def test_workers_back_at_their_posts_in_a_sentence_on_reopened_workshops() -> None:
    found = _metrics(
        "As of April 15, 306 of the region's 317 poverty alleviation workshops had resumed operation, and "
        "11,200 workers, including 5,400 from poor families, had returned to their posts."
    )
    assert found == [
        ("workshops_resumed", 306.0),
        ("workshops", 317.0),
        ("workers_employed", 11200.0),
        ("poor_workers_employed", 5400.0),
    ]
    assert _metrics("In Xiji County, 58 workshops are up and running again.") == [("workshops_resumed", 58.0)]
    # poor workers back at jobs elsewhere stay migrant workers
    found = _metrics(
        "Guizhou's 1,000 workshops have reopened, while 2 million poor workers have returned to work."
    )
    assert found == [("workshops_resumed", 1000.0), ("poor_migrant_workers", 2e6)]


def test_a_hard_wrapped_paragraph_keeps_its_numbers_and_nouns() -> None:
    text = (
        "As of the end of May, Gansu province had built 1,982\npoverty alleviation workshops, employing "
        "90,000 people, including\n36,000 poor laborers, according to the provincial department of\n"
        "human resources and social security."
    )
    assert _metrics(text) == [
        ("workshops", 1982.0),
        ("workers_employed", 90000.0),
        ("poor_workers_employed", 36000.0),
    ]
    # a headline that ends with a number, and a date line under a title, stay apart
    assert [q.counter for q in en.find_quantities("Gansu builds 1,982\nWorkshops employ people.")] == [None]
    from fupin.extract.sentences import split_sentences

    title = "Workshops reopen in Gansu\n2020-06-24 | Source: Gansu Daily"
    assert len(split_sentences(title, "en")) == 2


def test_a_paragraph_that_goes_on_with_the_same_report_keeps_its_date() -> None:
    text = (
        "By the end of September, the province had identified 3,560 poverty alleviation workshops.\n\n"
        "The province also had 1.52 million poor laborers working outside their hometowns.\n\n"
        "Meanwhile, 900 leading poverty alleviation enterprises had resumed work.\n\n"
        "Hunan has also provided 160,000 public welfare jobs for poor people.\n\n"
        "Workers in the workshops earn 1,500 to 3,000 yuan a month."
    )
    assert [(m, a) for m, _, _, a, _ in _facts(text, "2020-10-16")] == [
        ("workshops", "2020-09-30"),
        ("poor_migrant_workers", "2020-09-30"),
        ("enterprises_resumed", "2020-09-30"),
        ("jobs", "2020-09-30"),
        ("income", None),
    ]


def test_the_paragraph_after_a_dated_wire_lead_keeps_the_leads_date() -> None:
    text = (
        "BEIJING, June 18 (Xinhua) -- In the first five months, 29.15 million poor laborers had gone out "
        "to work, an official said Thursday.\n\n"
        "The 52 counties yet to shake off poverty had 2.68 million poor migrant workers, he told a press "
        "conference.\n\n"
        "Poverty alleviation workshops employ 437,000 registered poor laborers."
    )
    assert [(m, a) for m, _, _, a, _ in _facts(text, "2020-06-18")] == [
        ("poor_migrant_workers", "2020-05"),
        ("poor_migrant_workers", "2020-05"),
        ("poor_workers_employed", None),
    ]


def test_people_from_poor_households_are_people_not_households() -> None:
    found = _metrics(
        "By March 26, the number of villagers from poor households who returned to work reached 1.1 million."
    )
    assert found == [("poor_migrant_workers", 1.1e6)]
    # households counted are still no people
    assert _metrics("The workshops have driven 120,000 poor households to increase income.") == []


def test_more_ways_of_saying_funds() -> None:
    assert _metrics("A total of 3.2 billion yuan was raised for the workshops.") == [("funds", 3.2e9)]
    assert _metrics("The province has put 2 billion yuan into the construction of workshops.") == [
        ("funds", 2e9)
    ]
    assert _metrics("Banks have issued 680 billion yuan of poverty alleviation microloans.") == [
        ("funds", 6.8e11)
    ]
    assert _metrics("Some 300 million yuan has been used to build workshops.") == [("funds", 3e8)]
    # a wage raised to a sum is still a wage
    assert _metrics("Her income was raised to 3,000 yuan a month.") == [("income", 3000.0)]


def test_a_place_that_paid_or_came_is_not_where_the_figures_are() -> None:
    found = _facts("Some 300 million yuan from Zhejiang has been used to build workshops in Guizhou.")
    assert [(m, p) for m, _, _, _, p in found] == [("funds", "Guizhou")]
    found = _facts("Guangdong enterprises have set up 300 workshops in Guangxi, employing 20,000 people.")
    assert [(m, p) for m, _, _, _, p in found] == [("workshops", "Guangxi"), ("workers_employed", "Guangxi")]
    # with no other place, the firms' place is the story's
    found = _facts("Guangdong enterprises employ 20,000 people.")
    assert [(m, p) for m, _, _, _, p in found] == [("workers_employed", "Guangdong")]


def test_a_bare_count_of_people_who_work_at_a_workplace() -> None:
    assert _metrics("In the village of 3,000 people, 200 work in the workshop.") == [
        ("workers_employed", 200.0)
    ]
    assert _metrics("Of the 500 villagers, 200 now work at local factories.") == [("workers_employed", 200.0)]
    assert _metrics("In 2019, 200 worked in the fields.") == []


def test_the_part_of_the_jobs_that_went_to_poor_people() -> None:
    assert _metrics("The workshops created 1,200 jobs, 400 of which went to poor villagers.") == [
        ("jobs", 1200.0),
        ("poor_workers_employed", 400.0),
    ]
    assert _metrics(
        "The county offered 3,000 posts, 1,000 of which were filled by registered poor laborers."
    ) == [
        ("jobs", 3000.0),
        ("poor_workers_employed", 1000.0),
    ]


def test_a_label_before_a_colon_names_what_the_number_counts() -> None:
    text = (
        "Number of poverty alleviation workshops: 1,200\n"
        "Workers employed: 45,000, including 16,000 poor laborers\n"
    )
    assert _metrics(text) == [
        ("workshops", 1200.0),
        ("workers_employed", 45000.0),
        ("poor_workers_employed", 16000.0),
    ]
    assert _metrics("Tel: 0931-8888888\nPopulation: 300,000\n") == []
    assert _metrics("He said: 300 workshops have reopened.") == [("workshops_resumed", 300.0)]


def test_two_rates_of_two_kinds_of_units_respectively() -> None:
    found = _metrics(
        "Leading poverty alleviation enterprises and poverty alleviation workshops had resumption rates of "
        "98 percent and 95 percent, respectively."
    )
    assert found == [("enterprise_resumption_rate", 98.0), ("workshop_resumption_rate", 95.0)]
    found = _metrics(
        "The resumption rates of workshops and leading enterprises were 95% and 98%, respectively."
    )
    assert found == [("workshop_resumption_rate", 95.0), ("enterprise_resumption_rate", 98.0)]
    # two rates of one kind of unit, no respectively: the unit's
    found = _metrics("The resumption rate of workshops rose from 85 percent to 95 percent.")
    assert found == [("workshop_resumption_rate", 95.0)]
