"""English officials: wording families of English-language Chinese media beyond the common forms
(sentences written for these tests), with the near-misses that must stay out."""

from __future__ import annotations

import pytest
from test_officials import summary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a member of a public body whose title is not given, the body written in lower case
        (
            '"We will help more poor people find jobs," said Zhang Wei from the county\'s poverty '
            "alleviation office.",
            [("Zhang Wei", None, "county's poverty alleviation office", "official")],
        ),
        (
            "Li Ming of the provincial human resources department said the workshops had reopened.",
            [("Li Ming", None, "provincial human resources department", "official")],
        ),
        # "who heads" / "who runs": a relative clause names the office or the business
        (
            "The workshops are a success, Zhang Wei, who heads the county's poverty alleviation office, "
            "told Xinhua.",
            [("Zhang Wei", "head", "county's poverty alleviation office", "official")],
        ),
        # a possessive title before the name, set off by commas
        (
            "The county's deputy chief, Zhou Ping, said the workshops employ 3,000 people.",
            [("Zhou Ping", "deputy chief", "county", "official")],
        ),
        # a seat in a congress beside an office: the office is the title
        (
            "Wang Xiang, a deputy to the 13th National People's Congress and Party secretary of Heping "
            "village, said the workshops help.",
            [("Wang Xiang", "Party secretary", "Heping village", "official")],
        ),
        # "in charge of" a duty is part of the title; of an office, the office is the organisation
        (
            '"Most families have moved," said Liu Hekui, official in charge of the relocation work.',
            [("Liu Hekui", "official in charge of the relocation work", None, "official")],
        ),
        (
            '"Most families have moved," said Liu Hekui, an official in charge of the county\'s poverty '
            "alleviation office.",
            [("Liu Hekui", "official in charge", "county's poverty alleviation office", "official")],
        ),
        # a domain before "official"; a place before the title
        (
            "Zhang Yu, a poverty alleviation official in Xiji county, said the workshops were a lifeline.",
            [("Zhang Yu", "poverty alleviation official", "Xiji county", "official")],
        ),
        (
            '"It works," said Li Hua, a local Party official.',
            [("Li Hua", "local Party official", None, "official")],
        ),
        # the staff of a public body speak for it
        (
            '"It helps," said Ma Xiaoling, a staff member of the county poverty alleviation office.',
            [("Ma Xiaoling", "staff member", "county poverty alleviation office", "official")],
        ),
        # business heads quoted by name are records too (role business)
        (
            '"Orders are up," said Li Hua, who owns the workshop.',
            [("Li Hua", "person in charge", "workshop", "business")],
        ),
        (
            '"Orders are up," said Li Hua, a workshop owner in the village.',
            [("Li Hua", "workshop owner", "village", "business")],
        ),
        (
            "Gansu Governor Tang Renjian said the province would build more workshops.",
            [("Tang Renjian", "Governor", "Gansu", "official")],
        ),
    ],
)
def test_english_official_families(text: str, expected: list[tuple]) -> None:
    assert summary(text, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        '"Life is better now," said Liu Yan from the village.',
        '"Life is better now," said Liu Yan, a worker from the county\'s garment factory.',
        '"Life is better now," said Liu Yan, who works at the county\'s poverty alleviation office.',
        '"Life is better now," said Liu Yan, a local garment worker.',
        '"Life is better now," said Liu Yan, a staff member of the garment factory.',
        "Meanwhile Worker Liu Yan said life is better now.",
    ],
)
def test_villagers_and_workers_are_not_officials(text: str) -> None:
    assert summary(text, "en") == []


def test_a_press_conference_speaker_answering_an_outlets_question_is_an_official() -> None:
    text = (
        "China Daily:\nHow are the funds for poverty alleviation pooled?\n"
        "Zhang Jianmin:\nThe funds provided by the central government have increased 15.8 percent.\n"
    )
    assert summary(text, "en") == [("Zhang Jianmin", None, None, "official")]


def test_an_interview_without_a_press_question_has_no_official_speaker() -> None:
    for label in ("Question", "Reporter"):
        text = (
            f"{label}:\nHow is life now?\nLiu Yan:\nMuch better, I earn 2,000 yuan a month at the workshop.\n"
        )
        assert summary(text, "en") == [], label


def test_a_title_wrapped_onto_the_next_line_is_read_whole() -> None:
    text = (
        "China will help 10 million more people this year, Liu Yongfu, head of the Office\n"
        "of the State Council Leading Group for Poverty Alleviation said on Wednesday."
    )
    ((name, title, org, role),) = summary(text, "en")
    assert (name, title, role) == ("Liu Yongfu", "head", "official")
    assert " ".join(org.split()) == "Office of the State Council Leading Group for Poverty Alleviation"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"The workshops are a key part of our strategy," stressed Liu Bo, Party secretary of the county.',
            [("Liu Bo", "Party secretary", "county", "official")],
        ),
        (
            "According to the introduction of Wang Gang, deputy director of the Provincial Department of "
            "Human Resources and Social Security, the province has 1,200 workshops.",
            [
                (
                    "Wang Gang",
                    "deputy director",
                    "Provincial Department of Human Resources and Social Security",
                    "official",
                )
            ],
        ),
    ],
)
def test_saying_verbs_before_the_name(text: str, expected: list[tuple]) -> None:
    assert summary(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lower-case title between the verb of saying and the name, or after the closing quote
        (
            '"Orders are back," said manager Liu Chunhua.',
            [("Liu Chunhua", "manager", None, "business")],
        ),
        (
            "“Orders are back and everyone is at work,” deputy director Zhao Lei said.",
            [("Zhao Lei", "deputy director", None, "official")],
        ),
        (
            "Sewing machines hum at the Hongxing Garment Factory in Baimu village. “The village helped our "
            "factory reopen,” manager Tang Min stated.",
            [("Tang Min", "manager", "Hongxing Garment Factory", "business")],
        ),
    ],
)
def test_a_title_before_the_name_after_a_quotation(text: str, expected: list[tuple]) -> None:
    assert summary(text, "en") == expected


def test_a_title_before_the_name_is_no_title_for_workers() -> None:
    assert summary('"Orders are back," said worker Liu Chunhua.', "en") == []
    assert summary("“Life is better,” villager Zhao Lei said.", "en") == []
    # no workplace named in full earlier: the organisation stays unknown
    assert summary("“Our factory reopened,” manager Tang Min said.", "en") == [
        ("Tang Min", "manager", None, "business")
    ]


def test_press_conference_outlets_and_the_body_the_speaker_answers_for() -> None:
    text = (
        "China News Service:\nWhat will be done next?\n"
        "Zhang Jianmin:\nThank you. In the past five years, the MOHRSS and other departments helped "
        "poor laborers find jobs.\n"
    )
    assert summary(text, "en") == [("Zhang Jianmin", None, "MOHRSS", "official")]
    text = (
        "Phoenix TV:\nHow are the funds pooled?\n"
        "Li Hongmei:\nAt the Ministry of Finance, our funds for poverty relief rose 15.8 percent.\n"
    )
    assert summary(text, "en") == [("Li Hongmei", None, "Ministry of Finance", "official")]


def test_a_capitalised_business_in_the_apposition_is_no_speaker_between() -> None:
    assert summary("Li Ming, founder of Hongxing Garments, told China Daily that orders doubled.", "en") == [
        ("Li Ming", "founder", "Hongxing Garments", "business")
    ]
    assert summary(
        "Zhao Lei, general manager of Jinhe Textiles, said the firm hires poor villagers.", "en"
    ) == [("Zhao Lei", "general manager", "Jinhe Textiles", "business")]
    # another person between the name and the verb still takes the verb
    assert summary("Li Ming, head of the county, met Wang Fang, who said the workshops help.", "en") == []


def test_a_quotation_attributed_by_a_noun_for_the_person_just_introduced() -> None:
    text = (
        "Taking a sip of tea, Liu Donghai, head of a garment factory in Yudu county, told his story. "
        "“Tea from my hometown was a dream of mine,” the man told the People’s Daily."
    )
    assert summary(text, "en") == [("Liu Donghai", "head", "a garment factory in Yudu county", "business")]
    text = (
        "Wang Fang, Party secretary of Zhaojia village, visited the workshop. "
        "“Orders doubled,” the official said."
    )
    assert summary(text, "en") == [("Wang Fang", "Party secretary", "Zhaojia village", "official")]
    # a villager quoted the same way is still no official
    text = "Wang Fang, a villager, visited the workshop. “Orders have doubled this year,” the woman said."
    assert summary(text, "en") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an age between the name and the title
        (
            "Li Ming, 45, Party secretary of Zhaojia village, said orders have doubled.",
            [("Li Ming", "Party secretary", "Zhaojia village", "official")],
        ),
        # "as X put it", "in the words of X"
        (
            'As Li Ming, deputy head of the county, put it, "The workshops are lifelines."',
            [("Li Ming", "deputy head", "county", "official")],
        ),
        (
            "In the words of Li Ming, deputy head of the county, the workshops are lifelines.",
            [("Li Ming", "deputy head", "county", "official")],
        ),
        # an age and no title: a villager
        ("Li Ming, 45, a villager, said orders have doubled.", []),
    ],
)
def test_ages_and_other_verbs_of_saying(text: str, expected: list[tuple]) -> None:
    assert summary(text, "en") == expected


def test_a_title_given_later_to_the_surname_of_a_name_introduced_without_one() -> None:
    text = (
        "The report was delivered by Zhao Yongfu on behalf of the State Council. "
        '"We promised to lift 10 million people out of poverty every year," said Zhao, director of the '
        "State Council Leading Group Office of Poverty Alleviation and Development."
    )
    assert summary(text, "en") == [
        (
            "Zhao Yongfu",
            "director",
            "State Council Leading Group Office of Poverty Alleviation and Development",
            "official",
        )
    ]
    # no title for the surname, or two people of that surname
    assert summary("Zhao Yongfu visited the village. Zhao, a villager, said life is better.", "en") == []
    text = 'Zhao Yongfu and Zhao Hua visited. "Life is better," said Zhao, director of the office.'
    assert summary(text, "en") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title said of the name by a copula, the quotation later by surname or pronoun
        (
            'Li Ming is the head of the county poverty alleviation office. "Workshops employ 3,000 people," '
            "Li said.",
            [("Li Ming", "head", "county poverty alleviation office", "official")],
        ),
        (
            "Zhao Lei serves as the Party secretary of Zhaojia village. He said the workshop employs 30 "
            "villagers.",
            [("Zhao Lei", "Party secretary", "Zhaojia village", "official")],
        ),
        # "As the head of X, NAME said"
        (
            "As the head of the county's poverty alleviation office, Li Ming said orders have doubled.",
            [("Li Ming", "head", "county's poverty alleviation office", "official")],
        ),
        # near misses: no title after the copula, "As a result"
        ('Li Ming is a villager. "Life is better," Li said.', []),
        ("Li Ming was the first to join the workshop, she said.", []),
        ("As a result, Li Ming said orders have doubled.", []),
    ],
)
def test_titles_by_a_copula_or_an_as_phrase(text: str, expected: list[tuple]) -> None:
    assert summary(text, "en") == expected


def test_a_named_owners_title_without_an_article() -> None:
    text = "Li Ming, Zhaojia village's Party branch secretary, said the workshop changed the village."
    assert summary(text, "en") == [("Li Ming", "Party branch secretary", "Zhaojia village", "official")]
    assert summary("Li Ming, Gansu's vice governor, said the workshops had reopened.", "en") == [
        ("Li Ming", "vice governor", "Gansu", "official")
    ]
    assert summary("Li Ming, Zhang's friend, said the workshops had reopened.", "en") == []
    assert summary("Li Ming, his company's driver, said the workshops had reopened.", "en") == []
