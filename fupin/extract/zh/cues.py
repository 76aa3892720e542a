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
# Not 龙头产业 / 龙头带动 (a leading industry, leading the way), and not 带贫主体 (any business that
# helps the poor: cooperatives and family farms too), which metrics.md does not count as enterprises.
ENTERPRISE = re.compile(
    r"龙头(?:企业|公司|厂商|厂家|单位|(?!产业|带动|作用|地位|项目|效应|引领|示范|工程|行业))|带贫企业|扶贫企业"
)
COMPANY = re.compile(r"企业|公司|厂家|厂商")
BASE = re.compile(r"基地|合作社|农场|园区|产业园|种植|养殖")
JOBS = re.compile(r"岗位|公益岗|职位|工作岗|就业岗|专岗|扶贫岗|护林岗|保洁岗")
# Posts still to be created ("计划开发公益岗位300个", "拟设置", "将新增岗位"): metrics.md counts posts made.
POSTS_PLANNED = re.compile(
    r"(?<!按照)(?<!根据)(?<!完成)(?<!按)(?:计划|规划)(?![内外的])|拟(?!定)|将要|力争|(?<!完成)目标|年内要|还要|准备"
    r"|将(?:新|再|陆续)?(?:开发|提供|设置|新增|增加|创造)"
)
# Posts that are only advertised, wanted or missing ("发布岗位信息2.3万个", "岗位需求800个",
# "空缺岗位1200个", "岗位缺口1200个"), not posts created.
NOT_POSTS = re.compile(r"(?:岗位|职位)(?:信息|缺口|需求|空缺)|空缺岗位|空岗")
# A recruitment event: the posts it offers ("举办专场招聘会15场, 提供就业岗位6000个", "线上招聘发布岗位
# 4.5万个") are vacancies advertised to job seekers, not posts created (metrics.md counts posts made).
JOB_FAIR = re.compile(
    r"招聘会|招聘活动|招聘月|招聘周|招聘专场|专场招聘|(?:线上|网上|网络|云端?|直播|空中|视频|现场)招聘|招聘现场"
    r"|双选会|供需见面会|(?:用工|就业|人才|劳务|人力资源)(?:对接|洽谈|交流|供需)(?:会|活动)|春风行动|就业援助月"
    r"|参会企业|参会单位|参展企业|进场求职|(?:举办|组织|开展|举行)[^,;。]{0,10}?招聘|带岗|岗位推介会"
)
# A sentence that goes on about the event the sentence before named ("…举办专场招聘会。此次活动共有
# 45家企业提供就业岗位1800余个").
THIS_EVENT = re.compile(
    r"^\s*(?:此次|本次|这次|该次|当天|活动)(?:活动|招聘|招聘会)?(?:中|期间|当天|现场|上)?|^\s*会上"
)
# People at a job fair who only seek work or sign up for it ("600余名求职者签订了用工协议", "现场签约120人"):
# not yet at work.
AT_THE_FAIR = re.compile(r"求职|签约|签订|意向|进场|参会")
# Posts put out to be filled ("发布就业岗位1500余个", "推送岗位2000个", "活动现场提供岗位500个").
POSTS_ADVERTISED = re.compile(
    r"(?:发布|推送|推介|推出|征集|收集|归集|储备|(?:现场|会上)(?:共|累计|总共)?(?:提供|拿出))[^,;。0-9]{0,8}$"
)
# Posts made, which a job-fair sentence may also report ("通过招聘会、设置扶贫岗等方式, 开发公益岗位3000个").
POSTS_CREATED = re.compile(r"开发|设置|设立|创造|新增|增加|开辟|创设|安置")

# 建成投产 / 竣工投产 / 开工建设 speak of building, not of resuming; a bare 投产 is a new workshop going
# into production ("今年新建的30个扶贫车间已全部投产"), so only 重新投产 is a resumption.
RESUME = re.compile(r"复工|复产|(?<!新)开工(?!建设)|复岗|恢复(?:生产|运营|营业|经营|运行)?|重新开业|重新投产")
# A resumption denied: "暂未复工", "尚未复产", "还没有复工" (matched right before the resume word).
NOT_YET = re.compile(r"(?:未|没有|没|不能|无法|未能)\s*$")
# A resumption still to come, between a count and its resume word ("4个也将于月底前复工", "预计下周复工").
FUTURE_RESUME = re.compile(r"将|预计|计划|争取|力争|有望|即将|准备|拟")
# Other things counted with 家 / 个 that a resumption may speak of: companies in general, projects.
OTHER_UNIT = re.compile(r"企业|公司|项目|工程|单位|商户|门店|市场主体|合作社")
ALL_RESUMED = re.compile(
    r"^[^,;]{0,6}?(?:全部|全面|均已|均|都已|都|已全部|百分之百|100%)(?:实现|已)?(?:复工|复产|开工|恢复)"
)
RESUMPTION_RATE = re.compile(r"(?:复工|复产|开工|恢复|复岗)(?:复产)?(?:率|面)")
PLAN = re.compile(
    r"计划|拟|将要|将|规划|力争|预计|目标|年内要|还要|准备|在建|再建|正在建设|筹建|开工建设|新开工"
)
# A percentage of change is not a share or a rate ("比去年同期增长5.6%").
CHANGE = re.compile(r"增长|下降|增加|减少|提高|降低|同比|环比|增幅|降幅|上升")
# A change word right before a percentage makes it a change ("同比增长8.5%", "提高了12%"), unless the
# word leads to a new level ("复工率从45%提高到96%": both are rates).
RATE_CHANGE_BEFORE = re.compile(
    r"(?:增长|下降|增加|减少|提高|降低|同比|环比|增幅|降幅|上升)(?![到至])[^0-9%,;]{0,6}$"
)

POOR = re.compile(
    r"贫困(?:劳动力|劳力|劳动者|群众|人口|户|人员|职工|家庭)|建档立卡|困难群众|困难群体|困难家庭|脱贫户|脱贫劳动力|脱贫人口"
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
    r"就业|上班|务工|打工|做工|工作|用工|上岗|返岗|从业|从事|吸纳|安置|招用|招收|录用|招聘|聘用|雇用|雇佣|务农|就近就地|就地就近"
    r"|工人|员工|职工"
)
MIGRANT = re.compile(
    r"务工规模|复工就业|返岗就业|在外(?=务工|就业|打工|从业|工作)|赴(?=[\u4e00-\u9fff]{1,6}(?:就业|务工|打工))|外出|返岗|劳务输出|输出|输送|输转|转移输出|转移就业|异地|跨省|跨市|跨县|省外|外省|市外|县外|区外|州外|境外|出省|出境|转移到|外地"
)
# Public-welfare posts filled by poor people (扶贫公益岗位安置N万贫困人口): a count of jobs (metrics.md);
# the kinds of post listed after it (其中生态护林员N万人) are its parts, not facts.
PUBLIC_POSTS = re.compile(r"公益(?:性)?(?:岗位|专岗|岗)")
# The holders of such posts, by kind ("聘用生态护林员17万名", "选聘1.2万名贫困人口为护林员"): people hired
# into public-welfare posts count the posts too.
POST_HOLDERS = re.compile(
    r"护林员|护路员|保洁员|护水员|巡河员|管护员|护边员|草管员|林管员|村务管理员|公益岗位人员|公益性岗位人员"
)
# Hiring without a noun after it ("实际聘用12.06万名"): the people hired are named before.
BARE_HIRE = re.compile(
    r"(?:聘用|选聘|续聘|聘请|新聘|安排|招聘|上岗)(?:了|人数)?(?:达到|达|共|为|近|约|超过)*\s*$"
)
# A bare number after an employment phrase counts people: "扶贫车间吸纳就业30万", "带动就业人数达1.2万".
EMPLOYED_BARE = re.compile(
    r"(?:吸纳|带动|解决|实现|促进|安置|稳定)了?[^,;0-9岗]{0,6}?就业(?:人数|人员|人口)?(?:累计|共计|总计)?"
    r"(?:达到|达|超过|超|近|约|逾|为|共|了)*\s*$"
)
# A verb that makes a clause a statement of its own, not an item of a list.
OWN_VERB = re.compile(r"吸纳|带动|安置|实现|解决|提供|建成|认定")
PEOPLE_COUNT_END = re.compile(r"[0-9]\s*(?:多|余)?\s*(?:人|名|位)[^0-9]{0,8}[,;:]?\s*$")
# "600名贫困户和农村富余劳动力": the poor among others, so the count is of all workers
POOR_AND_OTHERS = re.compile(
    r"(?:贫困户|贫困劳动力|贫困人口|贫困群众)(?:和|及|与|、|以及)(?:农村|当地|周边)?(?:富余劳动力|劳动力|村民|群众|农民|居民)"
)
# A group of workers the vocabulary has no metric for, counted beside another group ("有6名残疾人和
# 7名贫困户", "吸纳20名留守妇女、8名残疾人就业"): a part of the workforce by kind, not all workers.
KIND_GROUP = (
    r"(?:残疾人|残障人士|妇女|留守妇女|女工|老人|留守老人|少数民族群众|大学生|高校毕业生|退役军人|返乡人员)"
)
KIND_PART_AFTER = re.compile(rf"^(?:名|位|人|个)?{KIND_GROUP}(?:和|及|与|、|以及)[^,;。0-9]{{0,6}}[0-9]")
KIND_PART_BEFORE = re.compile(
    r"[0-9]\s*(?:多|余)?\s*(?:名|位|人|个)[\u4e00-\u9fff]{1,10}?(?:和|及|与|、|以及)$"
)
KIND_AFTER = re.compile(rf"^(?:名|位|人|个)?{KIND_GROUP}")
# People at work named as a topic, then counted: "在车间务工的贫困群众, 全村有47人", "像她这样在扶贫车间
# 上班的妇女, 全镇有300多人" (AT_WORK_TOPIC ends the clause before, COUNT_OF_TOPIC opens the count's).
AT_WORK_TOPIC = re.compile(
    r"(?:务工|上班|就业|工作|做工|打工|从业)的[^,;。0-9]{0,10}?"
    r"(?:群众|村民|妇女|工人|劳动力|贫困户|人员|人口|人|农民|脱贫户)$"
)
COUNT_OF_TOPIC = re.compile(r"(?:全[村镇乡县市区旗州]|全省|目前|现在|如今)?(?:共|现|已|目前)?有[0-9]")
HAS_PEOPLE = re.compile(r"^(?:共|现|目前|现在)?有[0-9]")
# A workplace that "has" people in the same clause: "公司建档立卡户就有30多人", "车间里共有残疾人12名"
# (not a place it stands in: "该公司所在的村有贫困人口300人").
WORKFORCE_HAS = re.compile(
    r"(?:车间|工厂|公司|企业|合作社|工坊)[^,;。0-9村乡镇县市省区州]{0,10}?(?:就|共|现|已|目前|还)?有"
    r"[^,;。0-9有]{0,8}$"
)
WORKPLACE = re.compile(r"(?:车间|工厂|公司|企业|合作社|工坊)[^,;。]{0,4}[,;]?\s*$")
TRAINED = re.compile(r"(?:培训|培养|轮训|技能提升)[^,;0-9]{0,10}$")
FROM_ELSEWHERE = re.compile(
    r"(?:吸纳|吸收|接收|接纳|帮助)了?(?:来自)?"
    r"(?:中西部|西部|中部|东部|外省|省外|对口(?:帮扶|支援|协作)?|协作|受援|结对|[\u4e00-\u9fff]{2,4}(?:省|自治区))"
    r"(?:地区|等地|等省份|等省区|省份)?的?(?:建档立卡)?贫困[^,;0-9]{0,10}$"
)
RESETTLE = re.compile(r"安置|搬迁|入住")
# Per-household averages and bases of a rate are not counts of people.
PER_HOUSEHOLD = re.compile(r"(?:户均|人均|平均每户|每户平均|每户)[^,;0-9]{0,6}$")
BASE_OF_RATE = re.compile(r"^\s*(?:人|名)?[^,;0-9]{0,12}?率")
# People counted with 个: "36个员工", "300多个姐妹", "120个建档立卡户" (the people of poor households).
PEOPLE_AFTER_GE = re.compile(
    r"^(?:[^省市县区州旗乡镇村,;。0-9]{0,4}?)(?:员工|工人|职工|姐妹|妇女|村民|劳动力|贫困户|群众|农民工"
    r"|建档立卡户|建档户|脱贫户|困难户|残疾人|留守人员)"
)
# A count followed by its own noun, not one of the counted entities.
OWN_NOUN = re.compile(
    r"^[^,;。、0-9]{0,10}?(?:园区|产业园|园|项目|产品|合作社|中心|站|厂房|品牌|协会|市场|平台|示范点|驿站)(?:[,;。、]|$)"
)
# ...and with 个 after their noun: "现有员工400多个", "车间工人达到80个".
STAFF_BEFORE_GE = re.compile(
    r"(?:员工|工人|职工|工友|绣娘|务工人员|劳动力)(?:总数|人数)?[共计有达到为约近超过逾了已总]{0,4}$"
)
JOBS_AFTER_MODIFIER = re.compile(
    r"^(?:个)?[^,;。0-9]{2,16}的(?:[\u4e00-\u9fff]{0,4})?(?:工作岗位|就业岗位|岗位)"
)
# A wage written with its period and no income word: "一个月3000元以上", "每天能挣".
WAGE_PERIOD = re.compile(
    r"(?:一个月|每个月|每月|一天|每天|月工资|日工资)(?:能|可以|可|就|只有|有|能有|能拿)?[^,;0-9]{0,3}$"
)
# People who go back to their posts at one workplace: "返岗" then means employment, not migration.
STAFF = re.compile(r"(?<!务)工人|员工|职工|绣娘|工友")  # not the 工人 inside 务工人员 (migrants)
NO_MIGRATION = re.compile(r"(?:不能|无法|不便|难以|未能|没有|不愿)外出")
# People not (yet) at work: out of work, still to be placed, or only willing to work
# ("还有320名贫困劳动力未实现就业", "达成就业意向3000人", "有外出务工意愿的贫困劳动力2.1万人").
NOT_EMPLOYED = re.compile(
    r"失业|(?:未|尚未|没有|未能)(?:实现)?(?:稳定)?(?:就业|务工|外出|返岗|上岗)|待业|无业|不能外出|无法外出"
    r"|意向|意愿"
)
# Workers wanted, counted as such ("企业用工需求3万人", "用工缺口5000人"): a need, not people at work
# (not "根据用工需求吸纳贫困劳动力90人", where the need is no count).
WANTED = re.compile(r"(?:(?:用工|用人|岗位|招工)(?:需求|缺口)|缺工)[^,;。0-9]{0,6}$")
# 就业 inside the name of a service or a benefit ("发放就业补贴", "就业服务") says nothing of work done.
EMPLOYMENT_SERVICE = re.compile(
    r"就业(?:补贴|补助|服务|培训|信息|政策|指导|援助|帮扶|台账|推荐|专场|招聘|需求|创业)"
)
# People resettled by relocation ("安置搬迁群众4000余户2万余人") are housed, not employed.
RELOCATED = re.compile(r"搬迁|移民|安置点|安置区|安置小区|安置房|安置社区")
# Workers still to be hired ("还要再招50名工人", "计划招收100人"): a plan, not a count.
FUTURE_HIRE = re.compile(
    r"(?:还要|还将|还需要?|还得|计划|准备|打算|拟|将要|需要|想|要)(?:再|新|继续|陆续|尽快)?"
    r"(?:招|聘|雇|扩招|增招|补招)"
    r"|再(?:招|聘|雇)"
)
# An expected or target figure, not an achieved one (metrics.md has a metric only for planned
# workshops): "预计可带动2000人就业", "建成后可提供岗位200个", "将吸纳300人", "人均年收入有望超过两万元".
# A bare 将 is also the object marker ("将2000名群众纳入"), so it counts only before a verb of giving work.
EXPECTED = re.compile(
    r"预计|预期(?:可|将|能|会)|有望|可望|力争|争取|目标(?:是|为)|(?<!完成)目标任务(?!的)|任务是|(?<!完成|按照|根据)计划(?![内外的])|拟(?!定)"
    r"|(?<![主需只重想必])要(?:实现|完成|确保)|确保(?:完成|实现)"
    r"|将(?:会|可|能|可以|再|新|直接|陆续|逐步)?(?:吸纳|带动|提供|解决|安置|新增|实现|增加|达到|创造|招收|招聘|使)"
    r"|将(?:再|新|陆续)?(?:新建|建设|建成|建(?![设成]))(?![好的成在])"
    r"|(?:建成|投产|达产|运营|投用|完工|入驻|竣工)(?:后|以后|之后)[^,;。0-9]{0,6}?(?:可|能|将|会)"
)
# Per-household money ("户均增收3357元", "户均年收入5万元") is a household's, not a worker's income.
PER_HOUSEHOLD_MONEY = re.compile(r"(?:户均|平均每户|每户平均|每户|每个家庭|户年均)[^,;0-9]{0,8}$")
# A sentence that opens on a project's completion ("项目建成后, 每年可...") speaks of what it will give.
EXPECTED_OPENING = re.compile(
    r"^[^,;。0-9]{0,14}?(?:建成|投产|达产|运营|投用|完工|竣工|建好|落地|全面运行)(?:后|以后|之后)\s*[,,]"
)
EXPECTED_MODAL = re.compile(r"可|能|将|预计|有望|可望")
# Funds said per unit ("为14个贫困县各安排1500万元", "县均援助资金5800万元", "每村投放50万元"): what
# each gets, not a total allocated, and no subsidy word makes them a subsidy.
PER_UNIT_FUNDS = re.compile(
    r"县均|村均|乡均|镇均"
    r"|(?:各(?=安排|投入|拨付|补助|奖补|下达|给予|提供|扶持|投放|落实)|每村|每县|每乡|每镇|每个(?:村|县|乡|镇))"
    r"[^,;0-9]{0,10}$"
)
# An average over a whole population, not what workers earn: "人均纯收入9328元", "人均可支配收入",
# "村集体经济收入36.24万元" (the village's own income), "化屋村村民年人均收入".
POPULATION_INCOME = re.compile(
    r"纯收入|可支配收入|集体"
    r"|(?:村民|农民|农牧民|居民|全村|全乡|全镇|全县)[^,;0-9]{0,4}?人均[^,;0-9]{0,2}?收入"
)
# A scene, not a statistic (metrics.md: narrative numbers): people seen at work at one moment,
# "20多名工人正对包装好的蘑菇进行精捡", "跟100多名村民一道在村口整理头发", "记者看到30多名工人".
SCENE_AFTER = re.compile(r"^[^,;。0-9]{0,12}?(?:正在|正忙|忙着|正[对在为把将给]|一道|一起)")
SCENE_BEFORE = re.compile(r"(?:看到|看见|只见|见到)[^,;。0-9]{0,8}$")
# A minimum or a per-unit rate, not a count: "至少有1人就业", "每吸纳1名贫困劳动力".
THRESHOLD_BEFORE = re.compile(r"(?:至少|最少|不少于|不低于|起码|每(?![年月天日季周]|个月))[^,;0-9]{0,4}$")
SUBSET = re.compile(r"^(?:其中|包括|含|这其中|内有|其中有|其中包括)")
# A clause ending like this opens a subset: "其中,", "120名职工当中,", "...里有".
SUBSET_BEFORE = re.compile(
    r"(?:其中|这其中|其中包括|包括|当中|之中|中间|(?:人|名|员工|工人|职工|劳动力|村民|群众|妇女|农民工|农民|工友)(?:里|中))"
    r"\s*[,:]?\s*$"
)
# Within one clause, the total and the part of it: "80名工人里有30人是贫困户", "员工中有".
PART_OF = re.compile(r"^[^0-9]{0,8}?(?:里|中|当中|之中)(?:有|的)?[^0-9]{0,4}$")

SUBSIDY = re.compile(r"补贴|补助|奖补|奖励|以奖代补|资助|奖金|生活费")
PER_UNIT = re.compile(
    r"每人|每名|每户|每个|每家|每月|每年|每天|每日|每岗|/人|/月|/年|/天|一次性|人均|标准|按照"
)
FUNDS = re.compile(r"资金|投入|投资|拨付|下达|筹措|筹集|整合|安排|专项|财政|拨款|基金|帮扶款|援助")
INCOME = re.compile(
    r"收入|工资|月薪|年薪|日薪|薪资|薪酬|薪水|挣|赚|报酬|工钱|月入|年入|收益|计件|工价|增收|月入|拿到|领到|到手"
    r"|[能可]拿|[能可]领"
)
# Wages paid out in total before an amount: "发放工资80万元", "累计支付劳务报酬", "工资总额达".
PAYROLL = re.compile(
    r"(?:发放|支付|兑付|发|付|兑现|累计发放|共发放)了?[^,;0-9]{0,6}?(?:工资|薪酬|劳务报酬|报酬|工钱)[^,;0-9]{0,4}$"
    r"|(?:工资|薪酬|报酬)总额[^,;0-9]{0,4}$"
)
# A wage said without 元, as people talk: "一个月能挣上1800左右", "一天赚100多".
BARE_WAGE = re.compile(r"(?:挣|赚|工资|月薪|日薪)(?:上|到|了|有|个)?\s*$")
# An amount on top of a wage ("还能多挣300元", "额外赚500元") is not the wage itself.
EXTRA_INCOME = re.compile(r"多挣|多赚|多拿|多领|额外|另外还能|另挣|外快")
# Advertising and gambling lines scraped with an article ("注册即送彩金 日赚500元不是梦"): no facts.
SPAM = re.compile(
    r"彩金|注册即送|注册送|不是梦|博彩|娱乐城|赌场|棋牌|时时彩|六合彩|百家乐|最新网址|官方网址|"
    r"加微信|扫码领取|【推荐】|【广告】|推广链接"
)
NOT_MONEY_FACT = re.compile(
    r"产值|销售额|营业额|营收|利润|贫困线|扶贫标准|标准线|GDP|总产值|成交额|订单|货款|价格|售价|每斤|每公斤|"
    r"租金|房租|造价|估值|注册资本|税收|纳税|亩产|每亩|亩均|单价|票价|罚款|奖金|绩效|全勤"
)
MONTH = re.compile(r"每月|月收入|月均|月工资|月薪|每个月|/月|月入|一个月|月人均|月平均|按月")
DAY = re.compile(r"每天|每日|日工资|日薪|一天|/天|日均|日收入|每个工作日")
YEAR = re.compile(r"每年|年收入|年均|年人均|一年|/年|全年|年薪|年工资|年增收")
ONCE = re.compile(r"一次性")

SHARE_OF_LAST_YEAR = re.compile(r"去年|上年|2019年")
# Labour export words too: "劳务输转贫困劳动力21.3万人,为上年的102.4%".
MIGRANT_TOTAL = re.compile(r"外出务工|务工|外出|转移就业|返岗|输转|劳务输出|转移输出")

# The rest of a sentence after a number that is one of the conditions a rule rewards: a relative
# clause "...的" closing on the one who qualifies, then the reward ("吸纳贫困劳动力20人以上、稳定就业
# 6个月以上的扶贫车间,给予每个3万元奖补", "投资500万元以上的企业可享受"); stops at ; and 。.
#: The words of a reward, as REWARDED_CONDITION ends on them.
REWARD_WORD = re.compile(r"给予|奖补|奖励|补贴|补助|获得|享受|申请|认定为|评为|列为")
REWARDED_CONDITION = re.compile(
    r"^(?:[^,,;;。!?]|[,,](?=且|或|并|同时|以及))*?的"
    r"(?:[^,,;;。!?的]{0,16}?(?:基地|企业|车间|工厂|工坊|合作社|单位|实体|主体|个人|农户|贫困户|劳动力|人员|项目|园区)"
    r"[,,]?|[,,])\s*"
    r"(?:(?:每[^,,;;。]{0,6}?|由[^,,;;。]{0,10}?|按[^,,;;。]{0,12}?)(?:一次性)?)*(?:给予|奖补|奖励|补贴|补助)(?!了)"
    r"|^(?:[^,,;;。!?]|[,,](?=且|或|并|同时|以及))*?的"
    r"(?:[^,,;;。!?的]{0,16}?(?:基地|企业|车间|工厂|工坊|合作社|单位|实体|主体|个人|农户|贫困户|劳动力|人员|项目|园区)"
    r"[,,]?|[,,])\s*(?:可|将|均|即可|方可)(?:以)?(?:获得|享受|申请|认定为|评为|列为|给予)"
)
# The head of a rule's conditions, or an obligation, before a count of people or things: "认定条件:
# 吸纳贫困劳动力10人以上", "奖补标准为, ...", "确保每个扶贫车间吸纳贫困劳动力不少于10人", "应吸纳".
CRITERIA_HEAD = re.compile(
    r"(?:认定|申报|申请|奖补|补贴|享受|扶持|准入|评定|验收|考核)的?(?:条件|标准|要求)(?:\s*[:：]|(?:为|是|如下))"
    r"|(?:^|[,;:。])\s*(?:条件|标准|要求)\s*[:：]"
    r"|(?:(?<![相供适响反对效理感回答])应当?|(?<![无毋])须|(?<!急)需(?!求)|需要(?!的)|要确保|确保)"
    r"[^,;。0-9]{0,12}?(?:吸纳|带动|安置|招用|聘用|雇用)[^,;。0-9]{0,10}$"
)
# A quantity followed by these is a criterion or threshold, not a count ("招用贫困劳动力10人以上的").
THRESHOLD_AFTER = re.compile(r"^(?:人|名|个|家|元)?(?:以上|以下|及以上)的")

# Between a number and the entity noun it counts ("56处省级扶贫车间"): modifiers only, no verb or place
# ("32个乡镇建有扶贫车间" counts townships, not workshops; "48家企业提供岗位2300个" counts companies).
NOT_A_MODIFIER = re.compile(
    r"[有建设办在是为]|带动|吸纳|实现|落户|引进|提供|拿出|发布|推出|开发|创造"
    r"|乡镇|(?<!驻)村(?!级)|县(?!级)|省(?!级)|市(?!级)|区(?!级)"
)
# Things counted and then named as workshops or enterprises: "认定46家经营主体为就业扶贫车间",
# "将12个合作社认定为扶贫车间" (NAMED_AS is what stands between the number and the entity).
NAMING = re.compile(r"认定|命名|评定|评为|确定|列为|授牌|挂牌")
NAMED_AS = re.compile(r"^[个家处所]?[^,;。0-9为]{1,8}?(?:认定|命名|评定|确定|列|评)?为[^,;。0-9]{0,4}$")
# A noun right after a number takes the count ("扶贫车间覆盖12个乡镇" counts townships).
OTHER_NOUN_AFTER = re.compile(
    r"^(?:乡镇|乡|镇|村|县|市|省|区|企业|公司|合作社|基地|家庭|户|人|项目|园区|厂房|产业|批|种|类|行业|省份|部门|"
    r"月|年|天|小时|平方|亩|条|台|套|万|元)"
)

# What may stand between a clause start and a count that continues the previous clause's entity:
# "累计认定逾3000个", "总数达到730个", "增加到180个" (no noun of its own).
CONTINUES = re.compile(
    r"^(?:累计|共计|总计|合计|共|总共|总数|总量|数量|规模|全部|目前|现|现已|已|已经|新|再|又|还|均|共有)*"
    r"(?:认定|建成|建设|创建|新建|建立|发展|达到|达|增加到|增加至|增至|增长到|增长至|提高到|扩大到|发展到|突破|为|有)?"
    r"(?:并?(?:投产|投用|投入使用|投入生产|运营))?"
    r"(?:了|至|到)?(?:逾|超过|超|近|约|达|将近|接近|多达)?\s*$"
)
# The same statistic a year earlier, written after this year's figure: on its own ("人均月收入2800元,
# 去年同期为2300元", "上年为2.1万元", "而去年这一数字是4.2万人") or as the base of a change ("比上年的
# 1.2万元增长25%", "高于去年同期的2600元"). The period group says which date ("同期": the same date a
# year before; "底"/"末": that year's end; none: that year); a written year ("2019年同期为80人") names
# the year itself; the compare group marks the base of a change.
LAST_YEAR_TWIN = re.compile(
    r"^\s*(?:而|但|但是|相比之下)?(?:去年度?|上年度?|上一年度?|(?P<year>(?:19|20)[0-9]{2})年度?)"
    r"(?P<period>同期|年底|年末|底|末|全年)?"
    r"(?:这一数字|这个数字|这一数据|该数字|此数)?"
    r"(?:仅|只|才|则)?(?:为|是|有|达|达到|只有|仅有|仅为)?(?:约|近|超过|逾|不到|不足)?\s*$"
    r"|(?P<compare>比|较|相比|与|同|高于|低于|多于|少于)(?:去年|上年|上一年|(?P<base_year>(?:19|20)[0-9]{2})年)"
    r"(?P<base_period>同期|年底|年末|底|末|全年)?的?\s*$"
)
# A clause about the same period a year before ("截至6月底, 全县外出务工3200人, 去年同期外出务工2600人"):
# its figures are dated a year before the sentence's date (not at it: 同期 alone is no date).
SAME_PERIOD_LAST_YEAR = re.compile(
    r"^\s*(?:而|但|但是|相比之下)?(?:去年|上年|上一年|(?P<year>(?:19|20)[0-9]{2})年)同期"
)
# A count of change against a base ("比去年增加30个", "较上年减少5家") is not a stock.
COMPARED_CHANGE = re.compile(r"(?:比|较|同比|环比|与)[^,;0-9]{0,10}(?:增加|减少|增长|下降|新增|多|少)了?\s*$")
CHANGE_BEFORE = re.compile(r"(?:增加|减少|增长|下降|多|少)了?\s*$")
COMPARISON = re.compile(r"比|较|相比|相较|同比|环比")
# The clause after a count saying all of them resumed: "共有扶贫车间54个,已实现全部复工"
# (used with Pattern.match(text, pos), so no "^").
ALL_RESUMED_NEXT = re.compile(
    r"\s*(?:目前|现)?(?:均已|都已|全部|已经?(?:实现)?(?:全部|全面|百分之百|100%))(?:实现)?"
    r"(?:复工|复产|开工|恢复生产)"
)
# Time words that may sit inside a continuing clause ("去年又新建25个", "增至今年的95个",
# "增加到目前的260个").
TIME_WORD = re.compile(
    r"(?:(?:今年|去年|前年|当年|同年|上年|[0-9]{4}年)?(?:[0-9]{1,2}月(?:[0-9]{1,2}日|底|末|初|份)?)"
    r"|(?:今年|去年|前年|当年|同年|上年|[0-9]{4}年)(?:底|末|初)?|目前|现在|当前|如今|年初|年底)(?:的)?"
)
# A percentage that is the share of all (workshops) after a resumption clause: "占车间总数的88%", "占比".
SHARE_OF_TOTAL = re.compile(r"占(?:[^,;0-9]{0,10}?(?:总数|总量|总和|全部|总体|比例|比重))?的?|占比|比例|比重")

# A headline that places its figure in the whole country itself ("全国扶贫车间超3万个"), rather
# than by default for want of a place it knows.
NATIONAL = re.compile(r"全国|全國|我国|我國|中国|中國|各地|各省")
