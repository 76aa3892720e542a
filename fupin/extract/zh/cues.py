"""Chinese cue vocabulary for the fact rules.

Each pattern names a concept, not a sentence: reworded copies of the same story
swap synonyms (扶贫工厂 / 扶贫微工厂 / 扶贫工坊 for 扶贫车间, 龙头公司 for 龙头企业,
恢复 for 复工), so every concept lists the variants news and spinning tools use.
Cues are matched on clause text with quotation marks removed (“扶贫车间” -> 扶贫车间).
"""

from __future__ import annotations

import re

QUOTES = re.compile(r"[“”‘’「」『』\"'《》〈〉【】]")

WORKSHOP = re.compile(
    r"(?:扶贫|就业|帮扶|社区|卫星|爱心|居家|脱贫|致富)(?:微|小)?(?:车间|工厂|工坊|作坊|工场|加工点|加工厂)"
    r"|微工厂|扶贫车间|扶贫基地车间"
)
WORKSHOP_SCOPE = re.compile(r"车间|工坊|微工厂")  # enough to say who employs, not to count workshops
ENTERPRISE = re.compile(r"龙头(?:企业|公司|厂商|厂家|单位)?|带贫企业|扶贫企业|带贫主体")
COMPANY = re.compile(r"企业|公司|厂家|厂商")
BASE = re.compile(r"基地|合作社|农场|园区|产业园|种植|养殖")
JOBS = re.compile(r"岗位|公益岗|职位|工作岗|就业岗")

RESUME = re.compile(r"复工|复产|开工|复岗|恢复(?:生产|运营|营业|经营|运行)?|重新开业|投产")
ALL_RESUMED = re.compile(
    r"^[^,;]{0,6}?(?:全部|全面|均已|均|都已|都|已全部|百分之百|100%)(?:实现|已)?(?:复工|复产|开工|恢复)"
)
RESUMPTION_RATE = re.compile(r"(?:复工|复产|开工|恢复|复岗)(?:复产)?率")
PLAN = re.compile(r"计划|拟|将要|将|规划|力争|预计|目标|年内要|还要|准备|在建|再建|正在建设|筹建")
# A percentage of change is not a share or a rate ("比去年同期增长5.6%").
CHANGE = re.compile(r"增长|下降|增加|减少|提高|降低|同比|环比|增幅|降幅|上升")

POOR = re.compile(
    r"贫困(?:劳动力|劳力|群众|人口|户|人员|职工|家庭)|建档立卡|困难群众|困难群体|困难家庭|脱贫户|脱贫劳动力|脱贫人口"
    r"|低收入(?:人口|群体|农户)|监测户|边缘户|贫困户"
)
PEOPLE_NOUN = re.compile(
    r"^(?:名|位)?(?:[\u4e00-\u9fff]{0,8}?)(?:劳动力|劳力|群众|村民|农民工|农民|工人|员工|职工|务工人员|人员|人口|妇女|残疾人|"
    r"贫困户|脱贫户|青年|大学生|毕业生)"
)
PEOPLE_BEFORE = re.compile(
    r"(?:劳动力|劳力|群众|村民|农民工|农民|工人|员工|职工|人员|人口|贫困户|脱贫户)[共计有达为约近超过逾了还剩下仅已只总]{0,4}$"
)
EMPLOY = re.compile(
    r"就业|上班|务工|打工|做工|工作|用工|上岗|返岗|从业|吸纳|安置|招用|招收|录用|招聘|聘用|雇用|雇佣|务农|就近就地|就地就近"
    r"|工人|员工|职工"
)
MIGRANT = re.compile(r"外出|返岗|劳务输出|输出|异地|跨省|省外|外省|转移到|外地")
NO_MIGRATION = re.compile(r"(?:不能|无法|不便|难以|未能|没有|不愿)外出")
NOT_EMPLOYED = re.compile(r"失业|未就业|待业|无业|不能外出|无法外出")
SUBSET = re.compile(r"^(?:其中|包括|含|这其中|内有|其中有|其中包括)")

SUBSIDY = re.compile(r"补贴|补助|奖补|奖励|以奖代补|资助|奖金|生活费")
PER_UNIT = re.compile(
    r"每人|每名|每户|每个|每家|每月|每年|每天|每日|每岗|/人|/月|/年|/天|一次性|人均|标准|按照"
)
FUNDS = re.compile(r"资金|投入|投资|拨付|下达|筹措|筹集|整合|安排|专项|财政|拨款|基金|帮扶款|援助")
INCOME = re.compile(
    r"收入|工资|月薪|年薪|日薪|薪资|薪酬|薪水|挣|赚|报酬|工钱|月入|年入|收益|计件|工价|增收|月入|拿到|领到|到手"
)
NOT_MONEY_FACT = re.compile(
    r"产值|销售额|营业额|营收|利润|贫困线|扶贫标准|标准线|GDP|总产值|成交额|订单|货款|价格|售价|每斤|每公斤|"
    r"租金|房租|造价|估值|注册资本|税收|纳税|亩产|每亩|单价|票价|罚款"
)
MONTH = re.compile(r"每月|月收入|月均|月工资|月薪|每个月|/月|月入|一个月|月人均|月平均|按月")
DAY = re.compile(r"每天|每日|日工资|日薪|一天|/天|日均|日收入|每个工作日")
YEAR = re.compile(r"每年|年收入|年均|年人均|一年|/年|全年|年薪|年工资|年增收")
ONCE = re.compile(r"一次性")

SHARE_OF_LAST_YEAR = re.compile(r"去年|上年|2019年")
MIGRANT_TOTAL = re.compile(r"外出务工|务工|外出|转移就业|返岗")

# A quantity followed by these is a criterion or threshold, not a count ("招用贫困劳动力10人以上的").
THRESHOLD_AFTER = re.compile(r"^(?:人|名|个|家|元)?(?:以上|以下|及以上)的")

# Between a number and the entity noun it counts ("56处省级扶贫车间"): modifiers only, no verb or place
# ("32个乡镇建有扶贫车间" counts townships, not workshops).
NOT_A_MODIFIER = re.compile(
    r"[有建设办在是为]|带动|吸纳|实现|落户|引进|乡镇|村(?!级)|县(?!级)|省(?!级)|市(?!级)|区(?!级)"
)
# A noun right after a number takes the count ("扶贫车间覆盖12个乡镇" counts townships).
OTHER_NOUN_AFTER = re.compile(
    r"^(?:乡镇|乡|镇|村|县|市|省|区|企业|公司|合作社|基地|家庭|户|人|项目|园区|厂房|产业|批|种|类|行业|省份|部门|"
    r"月|年|天|小时|平方|亩|条|台|套|万|元)"
)
