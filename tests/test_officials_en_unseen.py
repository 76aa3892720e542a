"""English officials: title and organisation forms found in translated and unseen reports (session
20). Every sentence is written for these tests, with the near misses that must stay out."""

from __future__ import annotations

import pytest
from test_officials import summary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the post held, after "serving as", not the person's home
        (
            '"The plants hire 600 people," said Chen Hua, a cadre on loan from Zhejiang now serving as '
            "vice-mayor of Anshun.",
            [("Chen Hua", "vice-mayor", "Anshun", "official")],
        ),
        (
            "Chen Hua, a cadre from Beijing now serving as Party secretary of Heping village, said the "
            "workshop opened in May.",
            [("Chen Hua", "Party secretary", "Heping village", "official")],
        ),
        # two titles of one body: both, and the body is the first's too
        (
            "Chen Hua, deputy director and spokesperson of the Hunan Provincial Department of Commerce, "
            "said exports recovered.",
            [
                (
                    "Chen Hua",
                    "deputy director and spokesperson",
                    "Hunan Provincial Department of Commerce",
                    "official",
                )
            ],
        ),
        (
            "Chen Hua, Party branch secretary and director of Heping village committee, said orders rose.",
            [("Chen Hua", "Party branch secretary and director", "Heping village committee", "official")],
        ),
        # a near miss: the first title has its own body
        (
            "Chen Hua, head of the workshop and deputy head of the village women's federation, said "
            "orders rose.",
            [("Chen Hua", "head", "workshop", "business")],
        ),
        # an owner's title with its duty
        (
            '"Work has resumed," said Chen Hua, the county\'s vice magistrate in charge of poverty '
            "alleviation.",
            [("Chen Hua", "vice magistrate in charge of poverty alleviation", "county", "official")],
        ),
    ],
)
def test_titles_held_and_shared(text: str, expected: list[tuple]) -> None:
    assert summary(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sentence opens with the title and its body, the name in apposition
        (
            "The Party chief of Dingxi, Zhou Lin, said the city would build more workshops.",
            [("Zhou Lin", "Party chief", "Dingxi", "official")],
        ),
        (
            "The director of the county employment bureau, Zhou Lin, told reporters that orders rose.",
            [("Zhou Lin", "director", "county employment bureau", "official")],
        ),
        # a title before the name, its body after it
        (
            "Director Zhou Lin of the Dingxi Human Resources Bureau said the workshops reopened.",
            [("Zhou Lin", "Director", "Dingxi Human Resources Bureau", "official")],
        ),
        # near misses: a title with no body before a comma, a villager
        ("The villager, Zhou Lin, said orders rose.", []),
        ("The director said Zhou Lin, a worker, had found a job.", []),
    ],
)
def test_a_title_and_its_body_around_the_name(text: str, expected: list[tuple]) -> None:
    assert summary(text, "en") == expected


def test_a_chain_of_places_stays_in_the_organisation() -> None:
    text = (
        '"We sell to Shanghai," Yang Li, head of the workshop at the relocation site in Dashan village, '
        "Xinren township, Qianxi county, said in an interview."
    )
    assert summary(text, "en") == [
        (
            "Yang Li",
            "head",
            "workshop at the relocation site in Dashan village, Xinren township, Qianxi county",
            "business",
        )
    ]
    # the comma after the last place ends it
    text = "Yang Li, director of the bureau in Weining county, Guizhou province, said 300 jobs were created."
    assert summary(text, "en") == [
        ("Yang Li", "director", "bureau in Weining county, Guizhou province", "official")
    ]


def test_places_are_not_names() -> None:
    text = (
        "Hu Ping, deputy head of the Ningxia Hui autonomous region's poverty relief office, said the "
        "region has 300 workshops."
    )
    assert [name for name, *_ in summary(text, "en")] == ["Hu Ping"]
    text = (
        "Luo Lan, the person in charge of the Guiyang Dongfang garment workshop, said it employs 50 people."
    )
    assert [name for name, *_ in summary(text, "en")] == ["Luo Lan"]


def test_the_department_named_before_with_its_field() -> None:
    text = (
        "Jiangxi had 2,100 workshops by May, the provincial department of human resources and social "
        "security said.\n\nZhao Min, deputy director of the department, said more would open."
    )
    assert summary(text, "en") == [
        (
            "Zhao Min",
            "deputy director",
            "provincial department of human resources and social security",
            "official",
        )
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the title in brackets after the name
        (
            "Zhou Lin (director of the county poverty alleviation office) said 40 people were hired.",
            [("Zhou Lin", "director", "county poverty alleviation office", "official")],
        ),
        # where the post is: "stationed in"
        (
            "Zhou Lin, the first secretary stationed in Heping village, said 40 people were hired.",
            [("Zhou Lin", "first secretary", "Heping village", "official")],
        ),
        # near misses: a bracket that holds no title, a worker
        ("Zhou Lin (left) said 40 people were hired.", []),
        ("Zhou Lin, a worker based in Heping village, said she was hired.", []),
    ],
)
def test_a_title_in_brackets_or_stationed_somewhere(text: str, expected: list[tuple]) -> None:
    assert summary(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Zhou Lin, an official in charge of employment at the Gansu Provincial Department of Commerce, "
            "said 300 workshops had reopened.",
            [
                (
                    "Zhou Lin",
                    "official in charge of employment",
                    "Gansu Provincial Department of Commerce",
                    "official",
                )
            ],
        ),
        (
            "Zhou Lin, the person in charge of poverty relief in the county government, said so.",
            [("Zhou Lin", "person in charge of poverty relief", "county government", "official")],
        ),
        # near misses: in charge of a body, or of a duty with no body
        (
            "Zhou Lin, the official in charge of the county poverty alleviation office, said so.",
            [("Zhou Lin", "official in charge", "county poverty alleviation office", "official")],
        ),
        (
            "Zhou Lin, an official in charge of the relocation work, said so.",
            [("Zhou Lin", "official in charge of the relocation work", None, "official")],
        ),
    ],
)
def test_a_duty_then_the_body_of_an_official_in_charge(text: str, expected: list[tuple]) -> None:
    assert summary(text, "en") == expected


def test_a_bare_company_is_the_firm_named_before_in_apposition() -> None:
    text = (
        "The county brought in two firms, Hongxing Garment and Textile, and a shoe maker.\nThe firm pays "
        "well. Company representative Zhou Lin said 300 people work there."
    )
    assert summary(text, "en") == [("Zhou Lin", "representative", "Hongxing Garment and Textile", "business")]
    # no firm named: the noun as written; an office is no firm
    text = "The firm pays well. Company representative Zhou Lin said 300 people work there."
    assert summary(text, "en") == [("Zhou Lin", "representative", "Company", "business")]
    text = (
        "One of the companies, Hongxing Garments, hired 30 people. Office director Zhou Lin said 300 people "
        "work there."
    )
    assert summary(text, "en") == [("Zhou Lin", "director", "Office", "official")]


def test_other_verbs_of_saying_after_a_closed_quotation() -> None:
    text = '"The workshops have all resumed," introduced Zhou Lin, director of the county employment bureau.'
    assert summary(text, "en") == [("Zhou Lin", "director", "county employment bureau", "official")]
    text = '"Orders doubled," recalled Zhou Lin, head of the workshop.'
    assert summary(text, "en") == [("Zhou Lin", "head", "workshop", "business")]
    # the verb without a quotation before it introduces a person, not what was said
    assert (
        summary("The bureau introduced Zhou Lin, director of the county bureau, to the workers.", "en") == []
    )
