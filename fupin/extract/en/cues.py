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
WORKSHOP = _re(
    r"\bworkshops?\b|\bfactor(?:y|ies)\b|\bworkhouses?\b"
    r"|\bpoverty[- ](?:alleviation|relief|reduction)\s+(?:\w+\s+)?plants?\b"  # 扶贫车间 as machine-translated
)
ENTERPRISE = _re(r"\benterprises?\b|\bcompan(?:y|ies)\b|\bfirms?\b|\bbusinesses\b|\bcorporations?\b")
LEADING_ENTERPRISES = _re(
    r"(?:\bleading\b|\bdragon|\bflagship\b|\bkey\b|poverty[- ](?:alleviation|relief|reduction)|anti-poverty)"
    r"[\w\s-]{0,40}?\b(?:enterprises?|compan(?:y|ies)|firms?)\b"
)
LEADING = _re(
    r"\bleading\b|\bdragon|\bflagship\b|\bkey\b|poverty[- ](?:alleviation|relief|reduction)|anti-poverty"
)
PEOPLE = _re(
    r"\bworkers?\b|\blabou?r(?:ers?|s)?\b|\blabou?r\s+forces?\b|\bworkforce\b|\bpeople\b|\bpersons?\b"
    r"|\bindividuals\b|\bemployees\b|\bvillagers\b|\bwomen\b|\bmen\b|\blocals\b|\bfarmers\b|\bresidents\b|\bmigrants\b|\bpoor\b"
    r"|\bstaff\b|\bpopulation\b|\bpoverty-stricken\b|\bjob\s*seekers\b"
    # "including around 5,000 impoverished ones", "of whom 300 are impoverished"
    r"|\b(?:poor|impoverished|needy|poverty-stricken)\s+ones\b|\bimpoverished$|\bmembers\b"
)
JOBS = _re(
    r"\bjobs?\b|\bposts?\b|\bpositions?\b|\bvacancies\b|\b(?:job|employment|work)\s+opportunities\b"
    r"|\bpost\s+openings\b|\b(?:forest\s+)?rangers\b"  # rangers hold public-welfare posts (metrics.md)
)
# public-welfare posts (公益岗位) belong to no workshop or enterprise
PUBLIC_POSTS = _re(r"public[- ]welfare|non-?profit|public\s+service|caring|charitable")
# "provided public service jobs to N people", "welfare posts for N poor people": posts, not employers
PUBLIC_JOBS_FOR = _re(
    r"\b(?:public[- ]welfare|public[- ]service|welfare|public|ranger|guard)\s+(?:jobs|posts|positions)"
    r"\s+(?:for|to)\s+"
    r"(?:(?:about|over|more\s+than|nearly|some|around)\s+)?$"
)
# "ecological ranger posts have been created for 20,000 poor people": posts, counted by their holders
POSTS_CREATED_FOR = _re(
    r"\b(?:public[- ]welfare|public[- ]service|welfare|ranger|guard)\s+(?:jobs|posts|positions)"
    r"\s+(?:(?:have|has)\s+been|were|was|are)\s+(?:created|provided|offered|developed|arranged|set\s+up)\s+(?:for|to)\s+"
    r"(?:(?:about|over|more\s+than|nearly|some|around)\s+)?$"
)
# "arranged 3,200 poor laborers to work in public welfare posts", "placed ... in public welfare jobs"
PLACE_IN_POST = _re(
    r"\b(?:arrang\w*|plac(?:e|es|ed|ing)|assign\w*|employ(?:s|ed|ing)?|hir(?:e|es|ed|ing)|recruit\w*)\s+"
    r"(?:[\w-]+\s+){0,3}?$"
)
IN_PUBLIC_POST = _re(
    r"^[^.;,]{0,40}?\b(?:in|into|to|to\s+work\s+in)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:public[- ]welfare|public\s+service|welfare)\s+(?:posts|jobs|positions)"
)
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
    # 脱贫人口, the poor of the years after 2020: "people out of poverty", "those lifted out of poverty"
    r"|\b(?:people|persons|those|population|labou?r(?:ers)?)\s+(?:(?:who\s+(?:have|had)\s+been\s+)?lifted\s+)?out\s+of\s+poverty\b"
    r"|\bpoverty\s+(?:labou?r|workers?)"
)

# --- verbs ---------------------------------------------------------------------------------
# people lifted out of poverty ("driven 700,000 people to cast off poverty", "helped 3,000 villagers
# shake off poverty", "lifting 10,000 residents out of poverty") are no count of the vocabulary
OUT_OF_POVERTY = _re(
    r"^[^.;,\d]{0,60}?\b(?:(?:to\s+)?(?:cast|casting|shake|shook|shaken|shaking|throw|threw|thrown)\s+off"
    r"|(?:to\s+)?(?:get|got|gotten|getting)\s+rid\s+of|(?:to\s+)?escap\w+|(?:to\s+)?emerg\w+\s+from"
    r"|(?:to\s+)?(?:rise|rose|risen|lift\w*|move\w*|get|got)\s+out\s+of|out\s+of)\s+(?:\w+\s+)?poverty(?![\w-])"
)
# "drive 3,000 poor people in 9 villages such as A, B and C to get rid of poverty": the places they live
# in listed between the people and their leaving poverty
OUT_OF_POVERTY_LISTED = _re(
    r"^[^.;,]{0,60}?\bsuch\s+as\b[^.;\d]{0,100}?\bto\s+(?:get\s+rid\s+of|cast\s+off|shake\s+off|escape|emerge\s+from"
    r"|get\s+out\s+of|rise\s+out\s+of)\s+(?:\w+\s+)?poverty(?![\w-])"
)
# "in five poverty-stricken counties": poverty that describes a place, not the people counted
POOR_PLACE = _re(
    r"\b(?:poor|poverty-stricken|impoverished|needy)\s+(?:[\w-]+\s+)?(?:counties|county|areas?|regions?|villages?"
    r"|provinces?|towns?|townships?|places|prefectures?|districts?)\b"
)
# people who work as migrant workers (外出务工): "poor people employed as migrant workers", "poor laborers
# who went out to work as migrants"
AS_MIGRANT = _re(
    r"\b(?:as|become|became|becoming)\s+(?:\w+\s+)?migrant(?:s|\s+workers?|\s+labou?r\w*)?\b"
    # 转移就业: "realized the transfer employment of 23,000 poor laborers"
    r"|\btransfer(?:red)?\s+(?:to\s+)?employment\b|\bemployment\s+transfer\b"
)
MIGRATE_NOUN = _re(r"\bmigrant\s+(?:workers?|labou?r\w*)\b")
EMPLOYMENT_OF = _re(r"\bemployment\s+(?:of|for)\s+(?:(?:about|over|more\s+than|nearly|some|around)\s+)?$")
# people employed as forest rangers / in public-welfare posts: the posts are the statistic (metrics.md)
AS_PUBLIC_POST = _re(
    r"^(?:[^.;]{0,90}?\b(?:employed|employment|jobs?|hired|working|work|recruited|engaged|serv\w+|placed"
    r"|assigned)\s+(?:as|in|on|by)"
    # "have taken up public welfare jobs", "work as cleaners, guards and forest rangers"
    r"|[^.;]{0,90}?\bt(?:aken|ook|ake|akes|aking)\s+up"
    r"|[^.;,]{0,40}?\b(?:as|bec[oa]m(?:e|es|ing)))\s+(?:[\w,-]+\s+){0,6}?"
    r"(?:forest\s+rangers?|rangers?|forest\s+guards?|public[- ]welfare|public\s+service"
    r"|welfare\s+(?:posts|jobs))"
)
# "local employees reached 6,000, with over 3,000 (people) from poor households": the part of a total
WITH_PART = _re(r"\bwith\s+(?:(?:over|more\s+than|about|nearly|some|around|almost)\s+)?$")
# "1,612 of them were from Enshi": a breakdown of the total by where people come from or go
BY_PLACE_PART = _re(r"^\s+(?:of\s+(?:them|whom|which)\s+)(?:were|are|was|is|came|come)\s+(?:from|in|to)\b")
JOBS_FOR_END = _re(
    r"\b(?:jobs|job(?=\s+opportunit)|employment|work|positions)(?:\s+opportunit(?:y|ies))?\s+(?:for|to)\s+"
    r"(?:(?:more\s+than|over|about|nearly|some|around|almost|at\s+least)\s+)?$"
)
AWAY_AFTER = _re(
    r"^[^.;,]{0,80}?\b(?:(?:find|found|finding|get|got|seek|sought|look\w*\s+for)\s+(?:\w+\s+)?(?:work|jobs?|employment)"
    # "2.3 million impoverished people have been employed outside their hometowns"
    r"|(?:been\s+)?(?:employed|hired))\s+"
    r"(?:away\s+from\s+home|outside|elsewhere|in\s+other\s+(?:provinces|places|cities)|out\s+of\s+(?:town|the\s+province))"
)
WENT_HOME = _re(
    r"\b(?:return\w*|went|came|go(?:es|ing)?|gone|back)\s+(?:back\s+)?home\b(?!\s+(?:to|for)\s+work)"
)
ONE_OF = _re(r"\b(?:one|two|three|some|many|each|any)\s+of\s+(?:the\s+|these\s+|those\s+)?$")
EMPLOY = _re(
    r"\babsorb\w*|\battract\w*|\bemploy(?!ment\b)\w*|\bhir(?:e|ed|es|ing)\b|\brecruit\w*|\bdriv(?:e|es|en|ing)\b"
    r"|\bdrove\b|\btak(?:e|es|ing)\s+in\b|\btook\s+in\b|\baccommodat\w+"
    r"|\b(?:provid\w+|giv(?:e|es|en|ing)|gave|offer\w*|creat\w*|generat\w*)\s+(?:[\w-]+,?\s+){0,6}?"
    r"(?:jobs|job(?=\s+opportunit)|employment|work|positions)"
    r"(?:\s+opportunit(?:y|ies))?\s+(?:for|to)\b|\b(?:creat|boost|promot|driv|bring|brought|led|lead)\w*\s+"
    r"(?:the\s+)?(?:local\s+)?employment\s+(?:of|for)\b|\bemployment\s+(?:of|for)\b|\bon\s+the\s+payroll\b"
    r"|\b(?:found|find|finding|obtain\w*|secur\w*|got|get|gained|land\w*|have|has|had|t(?:ake|akes|aking|aken|ook)"
    # MT of 实现就业 / 解决就业: "achieve employment nearby", "solved the employment problem of"
    r"|achiev\w*|realiz\w*|realis\w*)\s+(?:\w+\s+)?(?:employment|jobs?|work)\b"
    r"|\bsolv\w*\s+(?:the\s+)?employment(?:\s+(?:problems?|issues?))?\s+(?:of|for)\b"
    r"|\bwork(?:ing|ed|s)?\s+(?:in|at|for)\s+(?:the\s+|these\s+|such\s+)?(?:[\w'’-]+\s+){0,4}"
    r"(?:workshops?|enterprises?|factor(?:y|ies)|bases?|compan(?:y|ies)|cooperatives?|(?:industrial\s+)?parks?|plants?"
    r"|mills?|facilit(?:y|ies)|production\s+lines?)\b"
    # jobs near home (就近就业): "enabled 300 poor people to work near home"
    r"|\bwork(?:ing)?\s+(?:near(?:by)?\s+(?:their\s+)?homes?|nearby|locally|close\s+to\s+(?:their\s+)?homes?"
    r"|at\s+(?:their\s+)?doorsteps?|in\s+(?:their\s+)?(?:home\s*towns?|villages?))\b"
)
INCLUDE = _re(
    r"\b(?:including|included|wherein|among\s+them\s+(?:are|were)|of\s+which|of\s+whom|among\s+(?:them|which|whom|these)|which\s+includes?|of\s+them)\b"
)
MIGRATE = _re(
    r"\bmigrant\s+(?:workers?|labou?r\w*)\b|\bgo(?:es|ing)?\s+out\s+(?:to|for)\s+work|\bwent\s+out\s+(?:to|for)?\s*work"
    r"|\bgone\s+out\b|\bwork(?:ing|ed|s)?\s+(?:away\s+from\s+home|outside|abroad|elsewhere"
    r"|in\s+other\s+(?:places|provinces|cities|regions)|in\s+(?:coastal|eastern)\s+(?:provinces|regions|areas|cities)"
    r"|out\s+of\s+town|away)\b"
    # "sent 600,000 poor laborers to work in Guangdong": a labour export
    r"|\b(?:sen(?:d|ds|t|ding)|dispatch\w*)\s+(?:[\w-]+\s+){0,4}?(?:to\s+(?:work|jobs)|out\s+to\s+work)\b|\bout-?migra\w*|\bleft\s+(?:their\s+)?home\w*\s+(?:to|for)\s+work"
    r"|\breturn\w*\s+to\s+(?:work|their\s+(?:posts|jobs)|posts|jobs)\b|\bback\s+to\s+work\b|\blabou?r\s+export"
    r"|\bexported\b|\btransfer\w*|\bgo(?:ing)?\s+out\b|\bwent\s+out\b"
    # "sent 84 chartered buses to take 2,650 poor laborers to jobs in Zhejiang": a labour-export convoy
    r"|\b(?:chartered|special|point-to-point)\s+(?:buses|coaches|trains|flights)\b"
)
# a resumption verb, not the name of a rate ("1436 workshops resume work rate reach 95%")
RESUME = _re(
    r"(?:\bresum\w*|\breopen\w*|\brestart\w*|\bre-started|\breturn\w*\s+to\s+(?:work|production|operation)"
    r"|\bback\s+(?:to|in|at|into)\s+(?:work|production|operation|business)|\brework\w*|\bput\s+back\s+into\s+production"
    r"|\b(?:start|began|begun|started)\s+(?:work|production)\s+again"
    # "had restored production", "came back online", "were up and running again", "operating again"
    r"|\brestor\w*\s+(?:normal\s+)?(?:production|operations?|work)|\b(?:come|came|coming|back)\s+(?:back\s+)?online"
    r"|\bup\s+and\s+running\s+again|\b(?:start\w*|began|begun|begin\w*)\s+(?:operating|working|producing)\s+again"
    r"|\b(?:operating|running|working|producing|in\s+operation)\s+again)\b"
    r"(?!\s+(?:of\s+)?(?:(?:work|production)\s+)?rates?\b)"
)
# "58 workshops are up and running": in a story on the epidemic's shutdown that is a resumption (in
# other stories, workshops in operation); "up and running again" is one in any story (RESUME)
UP_AND_RUNNING = _re(r"\bup\s+and\s+running\b")
# what makes a story one of resumption after a shutdown
SHUTDOWN_STORY = _re(
    r"\b(?:epidemic|pandemic|outbreak|coronavirus|covid|novel\s+pneumonia|lockdowns?|shutdowns?|resum\w*"
    r"|reopen\w*|restart\w*|return\w*\s+to\s+work|back\s+to\s+work)\b"
)
# "work has resumed at 1,500 workshops": the resumption said before the units
RESUMED_AT = _re(
    r"\b(?:work|production|operations?)\s+(?:has|have|had)\s+(?:been\s+)?(?:resumed|restarted|restored)\s+"
    r"(?:at|in)\s+(?:(?:a\s+total\s+of|about|around|over|more\s+than|nearly|some|almost)\s+)?$"
)
NEGATED = _re(r"\b(?:not|yet\s+to|never|failed\s+to|unable\s+to)\b(?:\s+\w+){0,2}\s*$")
PLAN = _re(
    r"\bplan\w*|\bwill\b|\bto\s+be\s+(?:built|set\s+up|established)|\bdecid\w+\s+to\b|\bintend\w*|\baim\w*\s+to\b"
    r"|\btarget\w*|\banother\b|\bpropos\w+|\bexpected\s+to\b|\bschedul\w+|\bstriv\w+\s+to\b|\bnew(?:ly)?\s+build"
    r"|(?<!helped\s)(?<!help\s)\bto\s+(?:build|construct|establish|set\s+up)\b|\bgoal\b"
)
# goals, not facts: "strive to reach more than 90%", "aims to help 5,000 people", "the target of 95%"
TARGET = _re(
    r"\bstriv\w*|\baim(?:s|ed|ing)?\s+(?:to|at|for)\b|\btargets?\b|\btargeted\s+at\b|\bgoals?\b|\bobjectives?\b"
    r"|\bplan(?:s|ned|ning)?\s+to\b|\b(?:is|are)\s+expected\s+to\b|\bseek(?:s|ing)?\s+to\b|\bendeavou?r\w*"
    r"|\bstrives?\b|\bstrove\b|\bwants?\s+to\b|\bwould\s+like\s+to\b|\bhop(?:e|es|ing)\s+to\b|\bwill\s+(?:\w+\s+){0,2}?(?:reach|exceed|achieve|hit|rise|increase|raise)\b"
    r"|\b(?:to|should|must|would)\s+(?:reach|exceed|achieve|hit|be\s+raised\s+to)\s+(?:\w+\s+){0,3}$"
    r"|\bensure\s+(?:that\s+)?(?:\w+\s+){0,6}$|\bfor\s+the\s+(?:whole|full)\s+year\s+to\b"
    # what is yet to happen: "will create 50,000 posts", "expect to hire 500", "is set to create 2,000 jobs"
    r"|\bexpect(?:s|ed|ing)?\s+to\b|\b(?:is|are)\s+set\s+to\b|\b(?:will|would|shall)\s+(?:\w+\s+){0,2}?"
    r"(?:create|provide|offer|add|hire|recruit|employ|absorb|develop|help|train|build|set\s+up|bring|generate)\b"
)
TARGET_AFTER = _re(r"^\s*(?:%|percent)?\s*(?:is|are)\s+(?:the|our|its)\s+(?:target|goal|aim)\b")
# conditions: "workshops that employ more than 10 poor workers (receive ...)", "if they hire at least 5"
CONDITION = _re(
    r"(?:(?P<generic>\b(?:if|when|once|unless|provided|as\s+long\s+as|those|each|every|any|whichever)\b)"
    r"|(?P<ante>\b[\w'-]+(?:\s+[\w'-]+){0,2})\s+(?:that|which|who)\b)"
    # ("provide stable employment for no fewer than 10": a few words between the verb and its noun)
    r"[^,;.]{0,60}?\b(?:employ|hir|absorb|recruit|tak\w*\s+in|provid\w*\s+(?:[\w-]+\s+){0,2}?(?:jobs|employment|work)"
    r"\s+(?:for|to)|creat|offer"
    r"|hav|ha[sd]|with|help)\w*\s+(?:\w+\s+){0,2}?(?:more\s+than|over|above|at\s+least|no\s+(?:fewer|less)\s+than"
    r"|not\s+(?:fewer|less)\s+than|a\s+minimum\s+of|upwards\s+of|in\s+excess\s+of|a\s+certain\s+number\s+of)\s*$"
)
PER_EVERY = _re(r"\b(?:for|to|with)\s+(?:every|each)\s*(?:additional\s+|extra\s+)?$|\bper\s*$|\bevery\s*$")
ELIGIBLE = _re(
    r"\b(?:receiv\w*|gets?|obtain\w*|apply|applies|applied|eligib\w*|qualif\w*|entitl\w*|rewards?|rewarded"
    r"|awards?|awarded|subsid\w*|bonus\w*|grants?|granted|enjoy\w*|preferential|will\s+be\s+given|given)\b"
)
ALL = _re(r"\ball\s+(?:of\s+the\s+)?$|\ball\s+the\s+$|\bevery\s+one\s+of\s+the\s+$")
CHANGE = _re(
    r"(?<!set\s)(?<!set-)(?<!took\s)(?<!take\s)(?<!taken\s)(?<!picked\s)(?<!built\s)(?<!build\s)(?<!builds\s)"
    r"(?<!opened\s)(?<!made\s)(?<!makes\s)(?<!make\s)(?<!sets\s)"
    # "in setting up 21 embroidery factories": the phrasal verb's "up" is no change
    r"(?<!setting\s)(?<!building\s)(?<!making\s)(?<!taking\s)(?<!picking\s)(?<!opening\s)"
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
    r"|resumption\s+of\s+(?:work|production)|resum(?:e|ed|ing)\s+(?:work|production))"
    r"\s+rates?\b|\brates?\s+of\s+(?:return|resumption|work\s+resumption"
    r"|reopening|resuming|operation|recovery)\b"
    r"|\bresum\w*(?:\s+(?:work|production|operations?))?\s+at\s+a\s+rate\b"
)
RATE_AFTER = _re(
    r"^\s*of\s+(?:(?:the\s+|all\s+|these\s+|its\s+|their\s+)?(?:[\w'-]+(?:,\d{3})*\s+){0,6}(?:workshops?|enterprises?"
    r"|compan(?:y|ies)|factor(?:y|ies))\b|them\b|these\b|those\b|which\b)[^,;.]{0,120}?"
    r"\b(?:(?:have|has|had|were|are)\s+(?:already\s+|now\s+|been\s+|all\s+)?(?:resum|reopen|return|restart|back\s+(?:to|in)"
    r"|put\s+back)|resumed|reopened|restarted|returned\s+to\s+(?:work|production)|back\s+(?:to|in|at)\s+(?:work|production"
    r"|operation|business))"
)
# "accounting for 88% of the total number of workshops" (of the units, after a resumed count)
SHARE_OF_UNITS = _re(
    r"^\s*of\s+(?:the\s+|all\s+(?:the\s+)?|its\s+|their\s+)?(?:total\s+(?:number\s+)?(?:of\s+)?(?:the\s+)?)?"
    r"(?:[\w'-]+\s+){0,5}?(?:workshops?|enterprises?|compan(?:y|ies)|factor(?:y|ies))\b(?!['’])"
    # "2,100 workshops have restarted, accounting for 92 percent of the total": the units just counted
    r"|^\s*of\s+(?:the|their|its|all)\s+total(?:\s+number)?\s*(?:[.,;)]|$)"
)
SHARE_OF_LAST_YEAR = _re(
    r"^\s*of\s+(?:the\s+)?(?:[\w-]+\s+){0,10}?(?:last\s+year|the\s+previous\s+year|a\s+year\s+(?:earlier|ago)"
    r"|(?:the\s+)?end\s+of\s+last\s+year|the\s+same\s+period\s+(?:of|last)|(?:in\s+)?2019)\b"
)

# --- money ---------------------------------------------------------------------------------
SUBSIDY = _re(
    r"\bsubsid\w*|\ballowances?\b|\breward\w*|\bbonus\w*|\bstipends?\b|\bgrant(?:s|ed|ing)?\b|\baward(?:s|ed|ing)?\b"
    r"|\bcompensation\b"
    r"|\bincentives?\b|\bsupport\s+of\b"
)
INCOME = _re(
    r"\bincomes?\b|\bsalar\w*|\bwages?\b|\bearn\w*|\bpay(?:s|ing)?\b|\bpaid\b|\bremuneration\b|\bmak(?:e|es|ing)\b|\bmade\b"
    r"|\bget\s+paid\b|\bt(?:ake|akes|aking|ook)\s+home\b|\bpiece\s+rate\b|\b(?:can|could)\s+(?:take|get)\b"
    r"|\bbr(?:ing|ings|inging|ought)\s+in\b"
)
FUNDS = _re(
    r"\bfund\w*|\bcapital\b|\binvest\w*|\ballocat\w*|\bearmark\w*|\bbudget\w*|\bappropriat\w*|\bfinanc\w*"
    r"|\btransfer\s+payments?\b|\binject\w*|\bspen[dt]\w*|\binput\w*|\bloans?\b|\bcredit\b|\bset\s+aside\b|\bfor\s+(?:industrial|industry)\s+support\b"
    # "issued 680 billion yuan of microloans", "3.2 billion yuan was raised for", "put 2 billion yuan into",
    # "has been used to build workshops"
    r"|\bmicro-?(?:loans?|credit)\b|\b(?:was|were|been|has|have|had)\s+raised\b(?!\s+to\b)|\bput\b(?=\s+(?:\w+\s+)?$)"
    r"|\bused\s+(?:to|for)\s+(?:build|fund|support|construct|develop|the\s+construction)"
)
# the income line that defines poverty ("China's poverty line is 2,300 yuan a year")
POVERTY_LINE = _re(
    r"\bpoverty\s+(?:line|standard|threshold|benchmark)s?\s+(?:(?:[\w-]+\s+){0,2}?(?:is|was|of|at|to|above)\s+)?"
    r"(?:(?:about|around|nearly|over|more\s+than|roughly|some)\s+)?(?:RMB\s*)?$"
)
NOT_MONEY_FACT = _re(
    r"\boutput\s+value\b|\bvalue\s+of\s+(?:production|output)\b|\bsales\b|\brevenue\b|\bturnover\b|\bgdp\b"
    r"|\bprofits?\b|\bprices?\b|\bcosts?\b|\bdebts?\b|\bdonat\w+"
)
PERIODS: list[tuple[str, re.Pattern[str]]] = [
    (
        "month",
        _re(
            r"\bmonthly\b|\bper\s+month\b|\b(?:a|one|1)\s+month\b|\bevery\s+month\b|\beach\s+month\b|/\s*month\b"
        ),
    ),
    (
        "day",
        _re(
            r"\bdaily\b|\bper\s+day\b|\b(?:a|one|1)\s+day\b|\bevery\s+day\b|\beach\s+day\b|/\s*day\b|\bper\s+diem\b"
        ),
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
# (opened by a look-ahead for the first characters of its matches: the same matches, without
# the pattern tried at every offset; see en/quantities.py)
CLAUSE_BREAK = re.compile(
    # ("up and running" is one predicate)
    r"(?=[;:()\[\]“”\",.a\s])(?:[;:()\[\]“”\"]|,(?!\d{3}\b)|\s[-–—]{1,2}\s|\.\s"
    r"|(?<!\bup\s)\band\s+(?=[a-z]+(?:ed|ing)\b))"
)

# --- machine-translation word order ----------------------------------------------------------
# measure words calqued from Chinese classifiers (座, 家, 户, 处, 个, 名): "workshop 1123 seat",
# "resume work 72 family"; the counted noun is elsewhere (before the number, or the total's)
CLASSIFIER = _re(r"^(?:seats?|family|home|places?|individual|units?|names?|mouths?)$")
# the counted noun BEFORE the number: "identified poverty alleviation workshops 1436", "among them
# the registered poor labor force 16,800 people"
NOUN_BEFORE = _re(
    r"(?P<np>(?:[\w'-]+\s+){0,4}?(?:workshops?|factor(?:y|ies)|enterprises?|compan(?:y|ies)"
    r"|labou?r\s+forces?|labou?rers?|workers?|jobs|posts|positions))\s*$"
)
# an increment of pay ("I can earn an extra 300 yuan") is not a wage
EXTRA = _re(r"\b(?:an?\s+)?(?:extra|additional|more)\s*$")
# a business speaking of its own premises ("our company has 3 workshops"): not a regional count
# "his company had set up two workshops", "X Garment Co, which runs four workshops": likewise
OWN_BUSINESS = _re(
    r"\b(?:our|my|his|her|its|their)\s+(?:company|firm|factory|business|enterprise|cooperative)\b"
    r"|\b(?:Co|Ltd|Company|Corp|Corporation|Group|Inc)\.?,?\s+which\s+(?:now\s+)?(?:runs|operates|owns|has|manages)\b"
)
# "bringing about 46,000 workers back to the production lines": employment by a resumption
BRING = _re(r"\b(?:bring|brings|bringing|brought)\s+(?:\w+\s+){0,2}$")
BACK = _re(r"^[^,;.]{0,40}?\bback\s+(?:to|in|into)\b")
