"""The English vocabulary of the fact rules, as compiled patterns.

Machine translations of Chinese poverty-alleviation news say the same thing in many
ways (扶贫车间 -> "poverty alleviation workshop", "anti-poverty workshop",
"poverty-relief factory"; 复工 -> "resumed work", "returned to work", "rework";
吸纳 -> "absorbing", "attracting", "employing", "driving"). Each pattern here names
one idea so that the rules in :mod:`fupin.extract.en.facts` read as sentences about
words, and a new variant is added in one place.
"""

from __future__ import annotations

import re


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- what was counted (the head noun after the number) ---------------------------------
WORKSHOP = _re(r"\bworkshops?\b|\bfactor(?:y|ies)\b|\bworkhouses?\b")
ENTERPRISE = _re(r"\benterprises?\b|\bcompan(?:y|ies)\b|\bfirms?\b|\bbusinesses\b|\bcorporations?\b")
LEADING = _re(
    r"\bleading\b|\bdragon|\bflagship\b|\bkey\b|poverty[- ](?:alleviation|relief|reduction)|anti-poverty"
)
PEOPLE = _re(
    r"\bworkers?\b|\blabou?r(?:ers?|s)?\b|\blabou?r\s+forces?\b|\bworkforce\b|\bpeople\b|\bpersons?\b"
    r"|\bindividuals\b|\bemployees\b|\bvillagers\b|\bfarmers\b|\bresidents\b|\bmigrants\b|\bpoor\b"
    r"|\bhouseholds?\b|\bstaff\b|\bpopulation\b|\bpoverty-stricken\b|\bjob\s*seekers\b"
)
JOBS = _re(
    r"\bjobs?\b|\bposts?\b|\bpositions?\b|\bvacancies\b|\b(?:job|employment|work)\s+opportunities\b"
    r"|\bpost\s+openings\b"
)
# public-welfare posts (公益岗位) belong to no workshop or enterprise
PUBLIC_POSTS = _re(r"public[- ]welfare|non-?profit|public\s+service|caring|charitable")
# what a workshop, enterprise or base is called, for the scope of employment figures
SCOPE_NOUNS: list[tuple[str, re.Pattern[str]]] = [
    ("workshop", _re(r"\bworkshops?\b|\bfactor(?:y|ies)\b")),
    ("enterprise", _re(r"\benterprises?\b|\bcompan(?:y|ies)\b|\bfirms?\b")),
    (
        "base",
        _re(r"\bbases?\b|\bcooperatives?\b|\bco-?ops?\b|\bfarms?\b|\bplantations?\b|\bindustrial\s+parks?\b"),
    ),
]

# --- poverty status of people ------------------------------------------------------------
POOR = _re(
    r"\bpoor\b|poverty-stricken|\bimpoverished\b|\bin\s+poverty\b|\bneedy\b|\bregistered\b|\barchiv\w+"
    r"|set\s+up\s+files|filed|card-holding|\bfrom\s+poor\b|\bpoverty\s+households?\b|\bpoverty\s+population\b"
)

# --- verbs ---------------------------------------------------------------------------------
EMPLOY = _re(
    r"\babsorb\w*|\battract\w*|\bemploy(?!ment\b)\w*|\bhir(?:e|ed|es|ing)\b|\brecruit\w*|\bdriv(?:e|es|en|ing)\b"
    r"|\bdrove\b|\btak(?:e|es|ing)\s+in\b|\btook\s+in\b|\baccommodat\w+|\bprovid\w+\s+(?:\w+\s+)?(?:jobs|employment|work)"
    r"\s+(?:for|to)\b|\b(?:creat|boost|promot|driv|bring|brought|led|lead)\w*\s+"
    r"(?:the\s+)?(?:local\s+)?employment\s+(?:of|for)\b|\bemployment\s+(?:of|for)\b|\bon\s+the\s+payroll\b"
    r"|\b(?:found|obtain\w*|secur\w*|got|get|gained)\s+(?:\w+\s+)?(?:employment|jobs)\b"
    r"|\bwork(?:ing|ed|s)?\s+(?:in|at|for)\s+(?:the\s+|these\s+|such\s+)?(?:[\w-]+\s+){0,3}"
    r"(?:workshops?|enterprises?|factor(?:y|ies)|bases?|compan(?:y|ies)|cooperatives?)\b"
)
INCLUDE = _re(
    r"\b(?:including|included|of\s+which|of\s+whom|among\s+(?:them|which|whom|these)|which\s+includes?|of\s+them)\b"
)
MIGRATE = _re(
    r"\bmigrant\s+(?:workers?|labou?r\w*)\b|\bgo(?:es|ing)?\s+out\s+(?:to|for)\s+work|\bwent\s+out\s+(?:to|for)?\s*work"
    r"|\bgone\s+out\b|\bwork(?:ing|ed|s)?\s+(?:away\s+from\s+home|outside|abroad|elsewhere|in\s+other\s+places"
    r"|out\s+of\s+town|away)\b|\bout-?migra\w*|\bleft\s+(?:their\s+)?home\w*\s+(?:to|for)\s+work"
    r"|\breturn\w*\s+to\s+(?:work|their\s+(?:posts|jobs)|posts|jobs)\b|\bback\s+to\s+work\b|\blabou?r\s+export"
    r"|\bexported\b|\btransfer\w*|\bgo(?:ing)?\s+out\b|\bwent\s+out\b"
)
RESUME = _re(
    r"\bresum\w*|\breopen\w*|\brestart\w*|\bre-started\b|\breturn\w*\s+to\s+(?:work|production|operation)"
    r"|\bback\s+(?:to|in)\s+(?:work|production|operation)|\brework\w*|\bput\s+back\s+into\s+production"
    r"|\b(?:start|began|begun|started)\s+(?:work|production)\s+again"
)
NEGATED = _re(r"\b(?:not|yet\s+to|never|failed\s+to|unable\s+to)\b(?:\s+\w+){0,2}\s*$")
PLAN = _re(
    r"\bplan\w*|\bwill\b|\bto\s+be\s+(?:built|set\s+up|established)|\bdecid\w+\s+to\b|\bintend\w*|\baim\w*\s+to\b"
    r"|\btarget\w*|\banother\b|\bpropos\w+|\bexpected\s+to\b|\bschedul\w+|\bstriv\w+\s+to\b|\bnew(?:ly)?\s+build"
    r"|(?<!helped\s)(?<!help\s)\bto\s+(?:build|construct|establish|set\s+up)\b|\bgoal\b"
)
ALL = _re(r"\ball\s+(?:of\s+the\s+)?$|\ball\s+the\s+$|\bevery\s+one\s+of\s+the\s+$")
CHANGE = _re(
    r"(?<!set\s)(?<!set-)(?<!took\s)(?<!take\s)(?<!taken\s)(?<!picked\s)"
    r"\b(?:increas\w*|ris(?:e|es|en|ing)|rose|grew|grow\w*|decreas\w*|declin\w*|drop\w*|fell|fall\w*|up|down"
    r"|reduc\w*|more|fewer|less)\s+(?:by\s+|of\s+)?(?:about\s+|over\s+|more\s+than\s+|nearly\s+|some\s+)?$"
    r"|\b(?:an?\s+)?(?:increase|decrease|growth|rise|drop|reduction)\s+of\s+(?:\w+\s+){0,2}$"
)
YEAR_ON_YEAR = _re(
    r"year[- ]on[- ]year|over\s+the\s+same\s+period|compared\s+with|than\s+(?:last|the\s+previous)"
)

# --- percentages ---------------------------------------------------------------------------
RATE = _re(
    r"\b(?:return|resumption|resume|re-?work\w*|reopening|restart|work[- ]resumption|operating|operation"
    r"|recovery|production[- ]resumption|back-to-work|return[- ]to[- ]work"
    r"|resumption\s+of\s+(?:work|production))"
    r"\s+rate\b|\brate\s+of\s+(?:return|resumption|work\s+resumption"
    r"|reopening|resuming|operation|recovery)\b|\bresumed\s+at\s+a\s+rate\b"
)
RATE_AFTER = _re(
    r"^\s*of\s+(?:the\s+|all\s+|these\s+|its\s+)?(?:[\w-]+\s+){0,6}(?:workshops?|enterprises?|compan(?:y|ies)"
    r"|factor(?:y|ies))\b[^,;.]{0,40}?\b(?:have|has|had)\s+(?:already\s+|now\s+|been\s+)?(?:resum|reopen|return|restart)"
)
SHARE_OF_LAST_YEAR = _re(
    r"^\s*of\s+(?:the\s+)?(?:[\w-]+\s+){0,10}?(?:last\s+year|the\s+previous\s+year|a\s+year\s+(?:earlier|ago)"
    r"|(?:the\s+)?end\s+of\s+last\s+year|the\s+same\s+period\s+(?:of|last)|(?:in\s+)?2019)\b"
)

# --- money ---------------------------------------------------------------------------------
SUBSIDY = _re(
    r"\bsubsid\w*|\ballowances?\b|\breward\w*|\bbonus\w*|\bstipends?\b|\bgrants?\b|\bawards?\b|\bcompensation\b"
    r"|\bincentives?\b|\bsupport\s+of\b"
)
INCOME = _re(
    r"\bincomes?\b|\bsalar\w*|\bwages?\b|\bearn\w*|\bpay\b|\bpaid\b|\bremuneration\b|\bmak(?:e|es|ing)\b|\bmade\b"
    r"|\bget\s+paid\b|\btake\s+home\b|\bpiece\s+rate\b"
)
FUNDS = _re(
    r"\bfund\w*|\bcapital\b|\binvest\w*|\ballocat\w*|\bearmark\w*|\bbudget\w*|\bappropriat\w*|\bfinanc\w*"
    r"|\bspen[dt]\w*|\binput\w*|\bloans?\b|\bcredit\b"
)
NOT_MONEY_FACT = _re(
    r"\boutput\s+value\b|\bvalue\s+of\s+(?:production|output)\b|\bsales\b|\brevenue\b|\bturnover\b|\bgdp\b"
    r"|\bprofits?\b|\bprices?\b|\bcosts?\b|\bdebts?\b|\bdonat\w+"
)
PERIODS: list[tuple[str, re.Pattern[str]]] = [
    (
        "month",
        _re(r"\bmonthly\b|\bper\s+month\b|\ba\s+month\b|\bevery\s+month\b|\beach\s+month\b|/\s*month\b"),
    ),
    (
        "day",
        _re(r"\bdaily\b|\bper\s+day\b|\ba\s+day\b|\bevery\s+day\b|\beach\s+day\b|/\s*day\b|\bper\s+diem\b"),
    ),
    (
        "year",
        _re(
            r"\bannual(?:ly)?\b|\bper\s+year\b|\ba\s+year\b|\bevery\s+year\b|\beach\s+year\b|\byearly\b"
            r"|\bper\s+annum\b|/\s*year\b|\bper\s+capita\b|\bdisposable\b"
        ),
    ),
    (
        "once",
        _re(r"\bone-?\s*(?:time|off)\b|\blump[- ]sum\b|\bper\s+(?:person|head|household|worker)\b|\bonce\b"),
    ),
]

# --- words that end a clause ---------------------------------------------------------------
CLAUSE_BREAK = re.compile(r"[;:()\[\]“”\"]|,(?!\d{3}\b)|\s[-–—]{1,2}\s|\.\s|\band\s+(?=[a-z]+(?:ed|ing)\b)")
