"""Deterministic, realistic Chinese names for demo and generated organisations."""

import random

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉晶燕婷雪琳斌宇浩凯健俊帆晨阳欣怡佳颖"
    "子涵思远嘉诚雨轩梓萱一鸣文博志强晓东海峰建国国庆丹丹春梅秋菊冬雪立新永红建华晓燕丽娟"
)


def make_name_generator(seed: int, reserved: frozenset[str] = frozenset()):
    """Return a function giving a new name each call, never repeating one or a reserved name."""
    rng = random.Random(seed)
    used: set[str] = set(reserved)

    def next_name() -> str:
        for _attempt in range(50):
            given_length = 1 if rng.random() < 0.35 else 2
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(given_length))
            if name not in used:
                used.add(name)
                return name
        # Very large organisations exhaust unique names; real ones share names too.
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(2))

    return next_name
