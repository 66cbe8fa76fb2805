"""The demo company's online review round: placeholder until the round's story is written."""


def seed_rounds(hr_user, seed: int = 0) -> None:
    return None
