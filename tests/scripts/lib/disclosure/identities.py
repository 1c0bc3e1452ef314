"""The attacker's arithmetic: linear identities between published cells, solved by propagation.

A cell is referred to as (answer, local key). An identity says total = sum(parts); an equality is
an identity with one part. The attacker knows the definitions of indicators.md, so it uses an
identity only where the definitions make it hold: the test keeps an identity when it holds on the
true (analyst) figures. Then every identity with exactly one unknown cell gives that cell, and
what is derived is used again, until nothing changes (so a secondary suppression that only hides
a second cell of the same breakdown does not stop it when another answer shows that second cell).
A hidden cell is recovered when the value derived for it equals the truth.
"""

import collections
import os
from dataclasses import dataclass, field

from .cells import BELOW_FIVE, HIDDEN, WITHHELD, is_hidden, is_shown

MISSING = object()


@dataclass
class Identity:
    total: tuple
    parts: tuple
    cross: bool = True  # False: an identity inside one answer, used but not attacked for

    def refs(self):
        return (self.total,) + self.parts


class Board:
    """Published and true cells of every answer the attacker and the test hold."""

    def __init__(self):
        self.published = {}  # answer -> {local key: published}
        self.truth = {}  # answer -> {local key: true number}

    def add(self, answer, published, truth):
        self.published[answer] = published
        self.truth[answer] = truth

    def shown(self, ref):
        """The number the attacker reads for a cell, or MISSING when it is hidden or withheld.
        A cell an answer leaves out has no records: 0."""
        value = self.published[ref[0]].get(ref[1], 0)
        return value if is_shown(value) else MISSING

    def published_value(self, ref):
        return self.published[ref[0]].get(ref[1], 0)

    def true_value(self, ref):
        value = self.truth[ref[0]].get(ref[1], 0)
        return value if is_shown(value) else MISSING

    def holds(self, identity):
        values = [self.true_value(r) for r in identity.refs()]
        if any(v is MISSING for v in values):
            return False
        return abs(values[0] - sum(values[1:])) < 1e-6

    def hidden(self, ref):
        return ref[1] in self.published[ref[0]] and is_hidden(self.published[ref[0]][ref[1]])

    def ratio_rules(self, answers):
        """(numerator, denominator, percentage) for each shown percentage whose parts the
        answer withholds: either part gives the other."""
        rules = []
        for answer in answers:
            cells = self.published[answer]
            for (ind, dim, key, part), value in cells.items():
                if part != "percent" or not is_shown(value):
                    continue
                num, den = (ind, dim, key, "numerator"), (ind, dim, key, "denominator")
                if WITHHELD in (cells.get(num), cells.get(den)):
                    rules.append(((answer, num), (answer, den), value))
        return rules


def propagate(board, identities, rules):
    """{ref: (derived value, computed)} for every cell the identities give away.

    `computed` tells a difference from a copy: a value is computed when the identity that gave
    it combined two or more non-zero published figures, or a computed one. A copy (an equality,
    or a sum whose other terms are 0) gives what is published for the same records; with
    consistent perturbation that is no more than the published figure, so the bounds count
    computed values only."""
    value = {}
    for identity in identities:
        for r in identity.refs():
            if r not in value:
                v = board.shown(r)
                if v is not MISSING:
                    value[r] = v
    for num, den, _ in rules:
        for r in (num, den):
            v = board.shown(r)
            if v is not MISSING:
                value[r] = v
    waiting = collections.defaultdict(list)  # unknown ref -> items that use it
    items = [("identity", i) for i in identities] + [("ratio", r) for r in rules]
    for item in items:
        refs = item[1].refs() if item[0] == "identity" else item[1][:2]
        for r in refs:
            if r not in value:
                waiting[r].append(item)
    derived = {}
    queue = collections.deque(items)
    while queue:
        kind, it = queue.popleft()
        if kind == "identity":
            unknown = {r for r in it.refs() if r not in value}
            if len(unknown) != 1:
                continue
            u = unknown.pop()
            if u != it.total and it.parts.count(u) != 1:
                continue
            inputs = [r for r in it.refs() if r != u]
            if u == it.total:
                v = sum(value[p] for p in it.parts)
            else:
                v = value[it.total] - sum(value[p] for p in it.parts if p != u)
            computed = (sum(value[r] != 0 for r in inputs) >= 2
                        or any(derived.get(r, (0, False))[1] for r in inputs))
        else:
            num, den, pct = it
            if (num in value) == (den in value):
                continue
            if num in value:
                if pct == 0:
                    continue
                u, v, source = den, round(value[num] * 100 / pct), num
            else:
                u, v, source = num, round(pct * value[den] / 100), den
            computed = derived.get(source, (0, False))[1]
        value[u] = v
        derived[u] = (v, computed)
        queue.extend(waiting.pop(u, ()))
    return derived


@dataclass
class Outcome:
    """What one attack method achieved."""

    name: str
    description: str
    reachable: int = 0  # hidden cells in an identity that holds for the true figures
    attacked: int = 0  # of which the attack computed a value by difference
    exact: int = 0  # of which that value is the true figure
    copied: int = 0  # hidden cells whose value was copied from the same records elsewhere
    copied_exact: int = 0  # of which the copy is the true figure
    below_five: int = 0  # attacked cells published "<5"
    clamped_exact: int = 0  # of which the estimate, clamped to 1..4, is the true figure
    uniform_expected: float = 0.0  # of which a uniform guess 1..4 is expected to get right
    examples: list = field(default_factory=list)

    def share(self):
        return self.exact / self.attacked if self.attacked else 0.0


def target_refs(board, ref):
    """A hidden cell as a target: a percentage is recovered when both its parts are."""
    answer, (ind, dim, key, part) = ref
    if part in ("numerator", "denominator"):
        target = (answer, (ind, dim, key, "ratio"))
        return target, {(answer, (ind, dim, key, p)) for p in ("numerator", "denominator")}
    return ref, {ref}


def evaluate(board, name, description, identities, describe=str):
    """Runs one attack: keeps the identities that hold for the true figures, propagates, and
    counts the hidden cells reached, attacked (a value computed) and recovered exactly."""
    kept = [i for i in identities if board.holds(i)]
    targets = {}
    for identity in kept:
        if identity.cross:
            for r in identity.refs():
                if board.hidden(r):
                    target, refs = target_refs(board, r)
                    targets[target] = refs
    answers = {r[0] for i in kept for r in i.refs()}
    derived = propagate(board, kept, board.ratio_rules(answers))
    out = Outcome(name, description, reachable=len(targets))
    debug = os.environ.get("RK_ATTACK_TRACE")
    for target, refs in sorted(targets.items(), key=lambda t: repr(t[0])):
        if not all(r in derived or board.shown(r) is not MISSING for r in refs):
            continue
        got = {r: derived[r] if r in derived else (board.shown(r), False) for r in refs}
        exact = all(abs(got[r][0] - board.true_value(r)) < 1e-6 for r in refs)
        if not any(computed for _, computed in got.values()):
            out.copied += 1
            out.copied_exact += exact
            continue
        out.attacked += 1
        out.exact += exact
        r = min(refs)
        if debug in (name, "*"):  # RK_ATTACK_TRACE=METHOD lists every attacked cell
            cells = [(x[1], board.published_value(x), got[x][0], board.true_value(x)) for x in refs]
            print(f"{name} {'exact' if exact else 'wrong'} {describe(r[0])} {cells}")
        if exact and len(out.examples) < 3:
            out.examples.append(
                f"{describe(r[0])} {'/'.join(x for x in r[1] if x)}: published "
                f"{board.published_value(r)!s}, derived {got[r][0]}, true {board.true_value(r)}")
        if len(refs) == 1 and board.published_value(r) == BELOW_FIVE:
            truth = board.true_value(r)
            out.below_five += 1
            out.uniform_expected += 0.25 if truth in (1, 2, 3, 4) else 0.0
            out.clamped_exact += min(4, max(1, got[r][0])) == truth
    return out


def within_answer(answer, cells):
    """Identities inside one answer: a total is the sum of each breakdown and of an additive
    series, and the identities between indicators that indicators.md defines."""
    out = []
    groups = collections.defaultdict(list)
    for local in cells:
        ind, dim, key, part = local
        if dim and part != "percent":
            groups[(ind, dim, part)].append(local)
    for (ind, dim, part), locals_ in groups.items():
        total = (ind, "", "", part)
        if total in cells:
            out.append(Identity((answer, total), tuple((answer, k) for k in locals_), False))
    cell_keys = {(dim, key) for (ind, dim, key, part) in cells if ind == "clients.total"}
    for dim, key in cell_keys:
        total, start, new, end, ended = (
            (answer, (ind, dim, key, "value"))
            for ind in ("clients.total", "clients.start", "clients.new", "clients.end",
                        "clients.ended"))
        out.append(Identity(total, (start, new), False))
        out.append(Identity(total, (end, ended), False))
    pairs = [
        (("satisfaction.responses", "", "", "values.completed"),
         tuple(("satisfaction.stars", "", "", f"values.{s}") for s in "12345")),
        (("outcome.ended_by_plan", "", "", "denominator"),
         (("outcome.end_reasons", "", "", "value"),)),
        (("outcome.ended_by_plan", "", "", "numerator"),
         (("outcome.end_reasons", "end_reason", "plan", "value"),)),
        (("requests.gp_not_in_care", "", "", "denominator"),
         (("requests.new", "referrer", "gp", "value"),)),
    ]
    for total, parts in pairs:
        if total in cells:
            out.append(Identity((answer, total), tuple((answer, p) for p in parts), False))
    return out


def involves_hidden(board, identity):
    return any(board.hidden(r) or board.published_value(r) in (HIDDEN, WITHHELD)
               for r in identity.refs())
