"""The language coach: wording the guide warns against in feedback, in Chinese and English.

Pure Python (no Django), so that it runs the same in pages, the API and `manage.py coach`.
Three rules, each finding with its span in the text, a message and a suggestion:

- ``absolute``: sweeping words about behaviour (你总是……, always, never);
- ``judgement``: a verdict on the person's character or ability (你太差了, lazy);
- ``vague``: a sentence that evaluates the person with no observable fact in it (no figure, date
  or period, named task, meeting or deliverable, or example).

Precision first: a coach that nags about good sentences gets switched off. A sentence in fact +
impact form gets no finding; a sentence already flagged as absolute or judgement is not also
called vague.
"""

import re
from dataclasses import asdict, dataclass

CJK = re.compile(r"[\u4e00-\u9fff]")
# Sentences end at 。！？；!?; or a line break, or at ". " in English (not inside 3.5).
SENTENCE = re.compile(r"[^。！？；!?;\n]+(?:[。！？；!?;]+|$)|[^。！？；!?;\n]+", re.M)
EN_SENTENCE_END = re.compile(r"(?<=[a-zA-Z\)\"”])\.(?=\s|$)")


@dataclass(frozen=True)
class Finding:
    rule: str
    start: int
    end: int
    message: str
    suggestion: str

    def as_dict(self) -> dict:
        return asdict(self)


def _words(*words: str) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


ABSOLUTE = {
    "zh": re.compile(
        "(?:"
        + _words(
            "总是",
            "老是",
            "从来",
            "从不",
            "每次都",
            "一直都",
            "永远",
            "向来",
            "动不动就",
            "次次都",
            "始终不",
            "根本不",
            "根本没",
            "每回都",
            "回回都",
            "从没",
            "一向",
            "没有一次",
            "每一次都",
        )
        + ")"
    ),
    "en": re.compile(
        r"\b(?:"
        + _words(
            "always",
            "never",
            "every time",
            "constantly",
            "all the time",
            "every single time",
            "forever",
            "not once",
        )
        + r")\b",
        re.I,
    ),
}
# Words that contain a judgement word without being one (懒加载 is lazy loading).
NOT_JUDGEMENT = {"zh": re.compile("懒加载|笨重|粗心大意的用户"), "en": re.compile(r"\blazy[- ]load", re.I)}
JUDGEMENT = {
    "zh": re.compile(
        "(?:"
        + _words(
            "太差",
            "很差",
            "真差",
            "懒",
            "不靠谱",
            "没有责任心",
            "缺乏责任心",
            "没责任心",
            "态度有问题",
            "态度不端正",
            "态度差",
            "笨",
            "能力不行",
            "能力太差",
            "无能",
            "不专业",
            "马虎",
            "粗心",
            "拖拉",
            "自私",
            "没用",
            "废物",
            "不上进",
            "敷衍",
            "不可靠",
            "脑子",
            "蠢",
            "不称职",
            "混日子",
            "没礼貌",
            "甩手掌柜",
            "懒散",
            "差劲",
            "没脑子",
            "不负责任",
            "拖后腿",
            "眼高手低",
            "情商低",
            "玻璃心",
        )
        + ")"
    ),
    "en": re.compile(
        r"\b(?:"
        + _words(
            "lazy",
            "careless",
            "incompetent",
            "unprofessional",
            "sloppy",
            "rude",
            "useless",
            "stupid",
            "hopeless",
            "unreliable",
            "irresponsible",
            "arrogant",
            "bad attitude",
            "poor attitude",
            "attitude problem",
            "not a team player",
            "disorganized",
            "disorganised",
            "clueless",
            "negligent",
            "inept",
            "slacker",
        )
        + r")\b|\battitude (?:is|was|has been) (?:a |the |an )?(?:problem|issue|bad|poor|terrible)\b",
        re.I,
    ),
}
# A sentence that evaluates the person: praise or criticism.
EVALUATES = {
    "zh": re.compile(
        "(?:"
        + _words(
            "需要加强",
            "有待提高",
            "有待加强",
            "需要提高",
            "需要提升",
            "有待提升",
            "需要改进",
            "要加强",
            "要提高",
            "不够",
            "欠缺",
            "较差",
            "一般般",
            "不错",
            "很好",
            "非常好",
            "优秀",
            "出色",
            "突出",
            "做得好",
            "做得很好",
            "值得表扬",
            "令人满意",
            "不满意",
            "不理想",
            "差强人意",
            "积极",
            "认真",
            "主动性",
            "有问题",
            "进步",
            "希望你",
            "希望您",
            "你应该",
            "你要多",
            "多承担",
            "多和",
            "多下功夫",
            "让人满意",
            "满意",
            "写得好",
            "写得很好",
            "做得不错",
            "很棒",
            "加油",
            "还需要",
            "需要再",
            "练练",
            "提升一下",
            "改进一下",
            "加强一下",
            "还可以更",
            "可以更好",
            "有一套",
        )
        + ")"
        # A quality of the person with a verdict on it: 责任心很强, 贡献很大, 思路不够清晰.
        r"|(?:责任心|贡献|能力|水平|质量|态度|表现|状态|效率|思路|格局|担当|执行力|沟通|协作|潜力|价值|主动性|积极性"
        r"|专业度|领导力|工作)(?:也|都|还|一直|已经)?(?:很|非常|特别|挺|比较|相当|太|不|有待|更|越来越|大|强|高|低|差|好"
        r"|棒|一般|突出|出色|欠缺|再)"
        # A trait praised or faulted: 你做事很踏实, 你的沟通很到位.
        r"|你[\u4e00-\u9fff]{0,6}(?:很|非常|特别|挺|十分|相当|比较)(?:踏实|到位|细心|用心|负责|给力|扎实|靠谱|稳|棒|强|好"
        r"|优秀|专业|努力|认真|积极|主动|出色|可靠|细致|高效|差|弱|慢|被动|随意)"
        r"|值得肯定|值得称赞|值得学习|让人放心|令人放心"
        # A verdict on how it was done: 干得漂亮, 表现得还行, 做得不够.
        r"|[干做表现写讲办]得(?:很|非常|特别|挺|真|太|还)?(?:好|漂亮|出色|棒|不错|行|一般|不够|差|糟)"
    ),
    "en": re.compile(
        r"\b(?:"
        + _words(
            "needs to improve",
            "need to improve",
            "needs improvement",
            "should improve",
            "must improve",
            "has to improve",
            "work on",
            "not good enough",
            "great job",
            "good job",
            "excellent",
            "outstanding",
            "poor",
            "weak",
            "strong",
            "great",
            "well done",
            "disappointing",
            "lack",
            "lacks",
            "lacking",
            "could be better",
            "needs to be better",
            "impressive",
            "good work",
            "not enough",
            "below expectations",
            "above expectations",
            "meets expectations",
            "proactive",
            "reliable",
            "great work",
            "nice work",
            "nice job",
            "keep it up",
            "step up",
            "ownership",
            "expect more",
            "be more",
            "could be more",
            "should be more",
            "communicate better",
        )
        + r")\b"
        # An exhortation to the person: "you should …", "you need to …", "try to be …".
        r"|\byou(?:r)?\b[^.!?]*\b(?:should|need to|needs to|must|have to|ought to)\b|^\s*try to\b"
        # Praise words, a verdict on the person or on a quality of theirs, how they are doing.
        r"|\b(?:awesome|amazing|fantastic|brilliant|superb|terrific|stellar)\b"
        r"|\byou(?:'re| are| were| have been|'ve been)(?: such| so| very| really| a| an){0,2} (?:[\w-]+ )?"
        r"(?:valuable|asset|great|good|strong|weak|poor|reliable|solid|fine|excellent|outstanding|key|star"
        r"|dependable|hardworking|hard-working|diligent|talented|capable|helpful|thorough|committed|dedicated)\b"
        r"|\byou have (?:great|real|a lot of|huge|much) potential\b|\bhave a way with\b"
        r"|\b(?:doing|did|done) (?:really |very |so |pretty )?(?:well|great|fine|badly|poorly)\b"
        r"|\byour (?:[\w-]+ ){0,2}(?:work|performance|attitude|leadership|communication|code|contribution|effort|output"
        r"|results|skills|writing|presentations?|planning|teamwork|collaboration|ownership|initiative|quality|delivery"
        r"|energy|progress|approach|focus) (?:is|are|was|were|has been|have been|needs|need|could|should|must|deserves"
        r"|has improved|have improved|improved)\b"
        # A verdict on the work: “you did it well”, “your slides are good”.
        r"|\b(?:did|done|handled|managed|performed)\b[^.!?]*\bwell\b"
        r"|\b(?:is|are|was|were|been) (?:very |really |quite |so )?(?:good|great|nice|solid|fine|bad)\b",
        re.I,
    ),
}
# What makes a sentence observable: a figure, a date or period, a named piece of work, an example.
ZH_NUMERALS = "零一二两三四五六七八九十百千万半"
# Work a sentence may name. Alone (“这次的方案”, “the project”) it is not yet a fact: named (“订单服务
# 重构方案”, “the Acme proposal”), dated, counted or placed (“在需求评审会上”, “in the planning meeting”) it is.
ZH_WORK = _words(
    "项目", "系统", "版本", "方案", "需求", "会议", "例会", "周会", "周报", "月报", "日报", "报告", "文档", "合同",
    "订单", "工单", "演示", "汇报", "评审", "复盘", "培训", "考试", "面试", "迁移", "模块", "接口", "课程", "案例",
)  # fmt: skip
EN_WORK = _words(
    "project", "account", "release", "launch", "migration", "proposal", "report", "deal", "rollout", "contract",
    "integration", "presentation", "demo", "meeting", "review", "workshop", "call", "stand-up", "standup", "retro",
    "retrospective", "kickoff", "kick-off", "sprint", "pitch", "audit", "handover",
)  # fmt: skip
FACT = {
    "zh": re.compile(
        r"\d|["
        + ZH_NUMERALS
        + r"]+(?:个|次|天|周|月|年|小时|分钟|分|件|项|份|条|位|名|倍|成|季度|单|页|章|家|起)"
        # A past or coming period or a date — not the period under review itself (本季度, 今年, 最近).
        r"|[上下]周|[上下]个?月|[上下去前]季度|去年|昨天|前天|周[一二三四五六日]|星期|月底|月初|年底|季度末|双十一|春节"
        r"|Q[1-4]|“[^”]+”|《[^》]+》|「[^」]+」"
        # Named work: a name before the noun, not “这次的” or “这个”.
        r"|[\u4e00-\u9fffA-Za-z]{2,}(?<![这那此该本你我他她的个次些份件项在对把和与给从为])(?:"
        + ZH_WORK
        + ")"
        # Placed: 在……会/评审/演示上.
        r"|在[\u4e00-\u9fff]{1,8}(?:会|会议|例会|评审|复盘|演示|汇报|培训)(?:上|中|里)"
        r"|"
        + _words(
            "比如", "例如", "譬如", "举个例子", "举例", "投诉", "故障", "事故", "宕机", "延期", "推迟", "截止"
        ),
        re.I,
    ),
    "en": re.compile(
        r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|twice|once|half)\b"
        # A past or coming period or a date — not the period under review itself (this quarter, lately).
        r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june"
        r"|july|august|september|october|november|december|yesterday|last week|next week|last month"
        r"|next month|last quarter|next quarter|last year|last weekend|q[1-4])\b"
        r"|\"[^\"]+\"|“[^”]+”"
        # Named work (“the Acme proposal”), or work placed in a meeting (“in the planning meeting”).
        r"|\b(?!(?:The|This|That|Your|Our|My|Great|Good|Nice|Excellent|Well|A|An|In|On|At)\b)(?-i:[A-Z])[\w-]+ (?:"
        + EN_WORK
        + r")\b"
        r"|\b(?:in|at|during|after) (?:the|our|your|today's|yesterday's) (?:[\w'-]+ ){1,3}(?:"
        + EN_WORK
        + r")\b"
        r"|\b(?:"
        + _words(
            "for example",
            "for instance",
            "e.g.",
            "such as",
            "incident",
            "outage",
            "complaint",
            "complaints",
            "escalation",
        )
        + r")",
        re.I,
    ),
}

TEXTS = {
    "absolute": {
        "zh": (
            "“{word}”是绝对化的说法，对方容易反驳而不是倾听。",
            "改为具体的事实：哪几次、什么时间、造成了什么影响。",
        ),
        "en": (
            "“{word}” is a sweeping word: it invites a denial instead of listening.",
            "Name the occasions instead: which times, when, and what they led to.",
        ),
    },
    "judgement": {
        "zh": (
            "“{word}”是对人的评判，而不是对行为的描述。",
            "描述可观察的行为和它的影响，例如：“10月12日的周报晚交两天，导致部门汇总推迟”。",
        ),
        "en": (
            "“{word}” judges the person rather than describing what they did.",
            "Describe the behaviour and its effect, e.g. “the report due on 12 October came two days late, "
            "which held up the department summary”.",
        ),
    },
    "vague": {
        "zh": (
            "这句评价没有可观察的事实：没有数据、时间、具体任务或例子。",
            "补充事实和影响：什么时间、哪项工作、什么数据，带来了什么结果。",
        ),
        "en": (
            "This sentence evaluates without an observable fact: no figure, date, named task or example.",
            "Add the fact and its impact: when, which piece of work, what figure, and what it led to.",
        ),
    },
}
# Said besides an absolute or a judgement in a sentence with no fact at all: what would make it useful.
NO_FACT = {
    "zh": (
        "这句话也没有可观察的事实。",
        "换成事实 + 影响，例如：“10月12日的周报晚交两天，导致部门汇总推迟到周五”。",
    ),
    "en": (
        " It also names no observable fact.",
        "Say the fact and its impact instead, e.g. “the report due on 12 October came two days late, which "
        "held up the department summary until Friday”.",
    ),
}
LANGUAGES = ("zh", "en")


def language_of(text: str) -> str:
    return "zh" if CJK.search(text) else "en"


def sentences(text: str):
    """(start, end) of each sentence, trimmed of surrounding spaces."""
    for match in SENTENCE.finditer(text):
        start, end = match.span()
        piece = text[start:end]
        # English sentences end at ". " too; split there, keeping decimals (3.5) whole.
        cuts = [start] + [start + m.end() for m in EN_SENTENCE_END.finditer(piece)] + [end]
        for a, b in zip(cuts, cuts[1:], strict=False):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                yield a, b


def _finding(rule: str, start: int, end: int, word: str, ui: str) -> Finding:
    message, suggestion = TEXTS[rule][ui]
    return Finding(rule, start, end, message.format(word=word), suggestion)


def check(text: str, lang: str = "auto", ui: str | None = None) -> list[Finding]:
    """Findings in `text`, in order. `lang` is the text's language (auto: by sentence), `ui` the
    language of the messages, "zh"/"en" or a language code such as "zh-hans" (default: the text's)."""
    found: list[Finding] = []
    for start, end in sentences(text):
        sentence = text[start:end]
        language = language_of(sentence) if lang == "auto" else lang
        says = ("zh" if ui.startswith("zh") else "en") if ui else language
        factual = FACT[language].search(sentence) is not None
        flagged = False
        for rule, patterns in (("absolute", ABSOLUTE), ("judgement", JUDGEMENT)):
            for match in patterns[language].finditer(sentence):
                if rule == "judgement" and _inside_exception(sentence, match, language):
                    continue
                finding = _finding(rule, start + match.start(), start + match.end(), match.group(), says)
                if not factual:  # the fact that would make it useful, in fact + impact form
                    message, suggestion = NO_FACT[says]
                    finding = Finding(rule, finding.start, finding.end, finding.message + message, suggestion)
                found.append(finding)
                flagged = True
        asks = sentence.rstrip().endswith(("?", "？"))  # a question invites, it does not evaluate
        if not flagged and not factual and not asks and EVALUATES[language].search(sentence):
            found.append(_finding("vague", start, end, sentence, says))
    return found


def _inside_exception(sentence: str, match: re.Match, language: str) -> bool:
    return any(e.start() <= match.start() < e.end() for e in NOT_JUDGEMENT[language].finditer(sentence))


def check_dicts(text: str, lang: str = "auto", ui: str | None = None) -> dict:
    """The JSON shape of the command and the API: {"findings": [{rule, start, end, message, suggestion}]}."""
    return {"findings": [f.as_dict() for f in check(text, lang, ui)]}
