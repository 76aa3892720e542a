"""Vocabulary of public and business titles, organisation suffixes and speech cues.

Officials are recognised by structure (an organisation, a title, a name, a verb of
saying), not by a list of people, so this module holds the closed word classes those
structures are made of. Titles decide who counts: a named person with no title (a
villager, a worker, a reporter) is never an official.
"""

from __future__ import annotations

import re

# --- Chinese -------------------------------------------------------------------------------

# Party bodies that head a title ("党支部书记"): the organisation then ends with the body.
ZH_PARTY_BODIES = ("党工委", "党支部", "党总支", "党委", "党组")

_ZH_OFFICIAL_BASE = """
部长 副部长 部长助理 司长 副司长 厅长 副厅长 局长 副局长 处长 副处长 科长 副科长 股长 署长 副署长
主任 副主任 常务副主任 主任委员 副主任委员 专职副主任 书记 副书记 第一书记 驻村第一书记 常委 委员
省长 副省长 常务副省长 市长 副市长 常务副市长 州长 副州长 县长 副县长 常务副县长 区长 副区长 旗长 副旗长
镇长 副镇长 乡长 副乡长 村长 村主任 村委会主任 居委会主任 社区主任 组长 副组长 主席 副主席
巡视员 副巡视员 一级巡视员 二级巡视员 调研员 副调研员 一级调研员 二级调研员 秘书长 副秘书长
新闻发言人 发言人 总理 副总理 国务委员 行长 副行长 院长 副院长 所长 副所长 站长 副站长 馆长 校长 副校长
会长 副会长 理事长 副理事长 主任科员 督查专员 专员 副专员 总工程师 总经济师 总规划师 队长 副队长
党组书记 党委书记 党委副书记 党支部书记 党总支书记 党工委书记 党组成员 党委委员 政委 司令员 检察长 庭长
支书 党支书
部门负责人 有关负责人 主要负责人 相关负责人 负责人 联络员 帮扶干部 扶贫干部 驻村干部 驻村工作队队长
"""

_ZH_BUSINESS = """
董事长 副董事长 董事 总经理 副总经理 常务副总经理 执行总经理 行政副总 经理 副经理 总裁 副总裁 总监 厂长 副厂长
车间主任 创始人 合伙人
法定代表人 法人代表 老板 老板娘 店长 社长 理事长 负责人 主管 掌门人 首席执行官 CEO
"""

ZH_BUSINESS_TITLES = frozenset(_ZH_BUSINESS.split())
ZH_TITLES = tuple(sorted(set(_ZH_OFFICIAL_BASE.split()) | ZH_BUSINESS_TITLES, key=len, reverse=True))

# Words that are not titles although they end like one ("记者" is a reporter).
ZH_NON_TITLES = ("记者", "通讯员", "编辑", "责编", "摄影", "村民", "贫困户", "工人", "女工", "员工", "群众")

# An organisation that ends with one of these is a business, so its head is role "business".
ZH_BUSINESS_ORG = re.compile(
    r"(公司|集团|企业|厂|工厂|合作社|车间|坊|商行|门店|店|超市|银行支行|基地|农场|有限)$"
)
ZH_COMPANY_SUFFIX = re.compile(r"(?:有限责任公司|股份有限公司|有限公司|集团|公司|合作社|工厂|厂)$")

ZH_CUES = (
    "表示",
    "介绍",
    "指出",
    "透露",
    "说道",
    "说",
    "称",
    "认为",
    "强调",
    "告诉",
    "坦言",
    "谈到",
    "提到",
    "解释",
    "补充",
    "回忆",
    "建议",
    "呼吁",
    "希望",
    "坦承",
    "分析",
    "讲",
    "算账",
    "感慨",
    "笑着说",
    "宣布",
    "通报",
    "答复",
    "回答",
    "发言",
    "评价",
    "总结",
    "提出",
    "要求",
    "作了",
    "作出",
    "说明",
    "致辞",
    "讲话",
    "交代",
    "部署",
)
ZH_CUE_RE = re.compile("|".join(sorted(ZH_CUES, key=len, reverse=True)) + r"|[:：]")

# --- English -------------------------------------------------------------------------------

EN_TITLE_MODIFIERS = (
    "first-level",
    "second-level",
    "third-level",
    "deputy",
    "vice",
    "executive",
    "first",
    "second",
    "general",
    "chief",
    "assistant",
    "associate",
    "senior",
    "acting",
    "former",
    "honorary",
    "standing",
    "party",
    "branch",
    "principal",
    "managing",
    "founding",
    "co",
    "the",
    "village",
    "county",
    "township",
    "provincial",
    "municipal",
    "district",
    "town",
)

EN_TITLE_HEADS = (
    "director-general",
    "director general",
    "deputy director-general",
    "director",
    "minister",
    "secretary",
    "secretary-general",
    "secretary general",
    "manager",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "president",
    "head",
    "mayor",
    "governor",
    "member",
    "dean",
    "official",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "commissioner",
    "inspector",
    "leader",
    "chief",
    "officer",
    "representative",
    "administrator",
    "counselor",
    "counsellor",
    "premier",
    "vice-premier",
    "party chief",
    "person in charge",
    "responsible person",
    "person responsible",
    "boss",
    "owner",
    "founder",
    "ceo",
    "cadre",
    "magistrate",
    "supervisor",
    "researcher",
    "professor",
    "consultant",
    "coordinator",
    "commander",
    "principal",
    "captain",
)

EN_BUSINESS_HEADS = (
    "manager",
    "ceo",
    "boss",
    "owner",
    "founder",
    "president",
    "chairman",
    "chairwoman",
    "supervisor",
)
EN_BUSINESS_ORG = re.compile(
    r"\b(?:Co\.?,?\s*Ltd\.?|Co\b\.?|Company|Corporation|Corp\.?|Group|Inc\.?|Limited|Ltd\.?|Factory|Plant|Enterprise|"
    r"Cooperative|Technology|Industrial|Industry|Trading|Farm|Garment|Gardening)\b",
    re.IGNORECASE,
)
EN_CENTRAL = re.compile(
    r"\b(?:Ministry|(?i:the ministry)|State Council|National|Central|Council of State|Chinese People's|"
    r"CPC Central|NDRC|All-China)\b"
)

# Bodies a title may belong to before the organisation: "member of the Standing Committee of X".
EN_BODY_RE = re.compile(
    r"^(?:the\s+)?((?:standing|party|leading|working)\s+(?:committee|group|branch)"
    r"|(?:party\s+)?(?:committee|branch|leadership\s+group|working\s+committee))\b",
    re.IGNORECASE,
)

EN_CUE_VERBS = (
    "reveals",
    "stresses",
    "emphasizes",
    "emphasises",
    "admits",
    "recalls",
    "warns",
    "insists",
    "argues",
    "remarks",
    "confirms",
    "describes",
    "said",
    "says",
    "stated",
    "states",
    "noted",
    "notes",
    "added",
    "adds",
    "told",
    "tells",
    "explained",
    "explains",
    "pointed out",
    "points out",
    "believes",
    "believed",
    "presented",
    "introduced",
    "emphasized",
    "emphasised",
    "stressed",
    "revealed",
    "disclosed",
    "announced",
    "admitted",
    "analyzed",
    "analysed",
    "was worried",
    "worried",
    "worries",
    "hopes",
    "hoped",
    "suggested",
    "suggests",
    "urged",
    "called for",
    "remarked",
    "recalled",
    "estimated",
    "confirmed",
    "acknowledged",
    "warned",
    "argued",
    "insisted",
    "mentioned",
    "reported",
    "commented",
    "expressed",
    "declared",
    "described",
    "highlighted",
    "underlined",
    "thinks",
    "thought",
    "predicted",
    "expects",
    "expected",
    "replied",
    "answered",
    "responded",
    "summarized",
    "concluded",
    "introduces",
    "presents",
    "put it",
    "puts it",
    "observed",
    "asserted",
)
EN_CUE_ALT = "|".join(re.escape(c) for c in sorted(EN_CUE_VERBS, key=len, reverse=True))
EN_CUE_AFTER = re.compile(
    r"^\s*(?:(?:also|frankly|further|then|once|has|had|have|is|was|recently|previously|publicly|bluntly|"
    r"clearly|repeatedly|specifically|firmly|earlier|later|still|and)\s+){0,3}(?:" + EN_CUE_ALT + r")\b",
    re.IGNORECASE,
)
EN_CUE_ANYWHERE = re.compile(r"\b(?:" + EN_CUE_ALT + r")\b", re.IGNORECASE)
EN_CUE_BEFORE = re.compile(
    # "stressed Liu Bo, ...", "According to the introduction of Wang Gang, ..." (MT of 据...介绍)
    r"(?:\b(?:said|says|added|noted|explained|stated|stressed|emphasi[sz]ed|pointed\s+out|according\s+to"
    r"(?:\s+the\s+introduction\s+of)?|in\s+the\s+words\s+of|as\s+introduced\s+by|told\s+by|asked)\s*[:,]?\s*"
    r"(?:the\s+)?"
    # after a closed quotation, other verbs of saying too: '"...," introduced Li Ming, director of ...'
    r"|[”\"]\s*,?\s*(?:introduced|revealed|disclosed|recalled|continued|remarked|replied|answered|admitted"
    r"|declared|concluded|commented|explained|emphasi[sz]ed|stressed|noted|added)\s+)$",
    re.IGNORECASE,
)
